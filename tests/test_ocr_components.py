"""The fast labelling (``pipeline.ocr.components``) gives what OpenCV's default 8-connected labelling gives."""

import cv2
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ocr import components


def _mask(seed: int, height: int, width: int, density: float, grow: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mask = (rng.random((height, width)) < density).astype(np.uint8)
    if grow:  # blobs and strokes of several pixels, as ink is, not only single dots
        mask = cv2.dilate(mask, np.ones((grow, 2 * grow + 1), np.uint8))
    return mask


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 97), st.integers(1, 131), st.floats(0.0, 0.6),
       st.integers(0, 3))
def test_labels_stats_and_centroids_equal_opencvs_default(seed, height, width, density, grow):
    mask = _mask(seed, height, width, density, grow)
    n, labels, stats, centroids = components.with_stats(mask)
    n0, labels0, stats0, centroids0 = cv2.connectedComponentsWithStats(mask, connectivity=8)
    assert n == n0
    assert np.array_equal(labels, labels0)
    assert np.array_equal(stats, stats0)
    assert np.allclose(centroids, centroids0, equal_nan=True)
    m, only = components.labels(mask)
    assert m == n0 and np.array_equal(only, labels0)


def test_a_page_sized_mask_of_letters_and_dust():
    # two "lines" of letter-sized blobs, dust between them, one long rule
    mask = np.zeros((600, 900), np.uint8)
    for i in range(40):
        cv2.rectangle(mask, (20 + 21 * i, 100), (32 + 21 * i, 130), 1, -1)
        cv2.circle(mask, (26 + 21 * i, 90), 2, 1, -1)  # a mark above each letter, apart from it
        cv2.rectangle(mask, (20 + 21 * i, 300), (30 + 21 * i, 322), 1, 2)
    mask[200 + (np.arange(300) % 7), 50 + 2 * np.arange(300)] = 1
    mask[450:453, 10:890] = 1
    n, labels, stats, _ = components.with_stats(mask)
    n0, labels0, stats0, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    assert n == n0 == 1 + 40 + 40 + 40 + 300 + 1
    assert np.array_equal(labels, labels0) and np.array_equal(stats, stats0)
