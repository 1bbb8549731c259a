"""A sheet photographed in perspective on a darker ground, found and flattened (``pipeline.ocr.sheet``)."""

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from bench.ocr import cer
from pipeline.ocr import sheet

SCANS = Path(__file__).resolve().parents[1] / "corpus" / "scans"
STEM = "2024_tam-duong_bc-111"
CORNERS = np.float32([[0.09, 0.05], [0.91, 0.04], [0.95, 0.96], [0.05, 0.95]])  # shares of the frame


def text_page(h=1100, w=850):
    img = np.full((h, w), 250, np.uint8)
    for i, y in enumerate(range(90, h - 60, 55)):
        cv2.putText(img, f"Ban chi dao van dong hien mau {i}", (50, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 20, 2)
    return img


def photographed(page: np.ndarray, corners=CORNERS, ground=90) -> tuple[np.ndarray, np.ndarray]:
    """``page`` in perspective on a darker desk, in a frame of its own size; and where its corners went."""
    h, w = page.shape[:2]
    dst = corners * np.float32([w, h])
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), dst)
    desk = np.full(page.shape, ground, np.uint8)
    return cv2.warpPerspective(page, m, (w, h), borderMode=cv2.BORDER_TRANSPARENT, dst=desk), dst


def test_the_sheets_corners_are_found_on_a_photo_and_nowhere_else():
    photo, truth = photographed(text_page())
    found = sheet.outline(photo)
    assert found is not None and np.abs(found - truth).max() < 12  # pixels, on a quarter-size search
    page = text_page()
    assert sheet.outline(page) is None  # a scan: no ground around it
    banded = page.copy()
    banded[:, :70] = 25  # a dark band along one side (an open lid): the border removal's business
    assert sheet.outline(banded) is None
    square, _ = photographed(page, np.float32([[0.05, 0.05], [0.95, 0.05], [0.95, 0.95], [0.05, 0.95]]))
    assert sheet.outline(square) is None  # square to the frame: nothing to flatten
    turned, truth = photographed(page, np.float32([[0.08, 0.05], [0.94, 0.08], [0.92, 0.95], [0.06, 0.92]]))
    found = sheet.outline(turned)
    assert found is not None and np.abs(found - truth).max() < 12  # a sheet laid askew on a flatbed


def test_a_flattened_sheets_boxes_map_back_onto_the_photo():
    photo, truth = photographed(text_page())
    flat, back = sheet.flatten(photo, truth)
    h, w = flat.shape
    edges = [np.linalg.norm(truth[i] - truth[(i + 1) % 4]) for i in range(4)]  # top, right, bottom, left
    assert abs(w - max(edges[0], edges[2])) < 1 and abs(h - max(edges[1], edges[3])) < 1  # its longer edges
    x0, y0, x1, y1 = sheet.box_back((0, 0, w, h), back)
    assert (x0, y0, x1, y1) == pytest.approx((truth[:, 0].min(), truth[:, 1].min(), truth[:, 0].max(),
                                              truth[:, 1].max()), abs=1)
    # the same at twice the pixels (a page read resampled): the box scales with them
    assert sheet.box_back((0, 0, 2 * w, 2 * h), back, scale=2.0) == pytest.approx((2 * x0, 2 * y0, 2 * x1, 2 * y1))


@pytest.mark.slow
def test_a_photographed_page_is_read_as_the_flat_page():
    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array

    im = Image.open(SCANS / "clean" / "pages" / f"{STEM}-p1.png").convert("L")
    header = np.asarray(im.crop((0, 0, im.width, 1300)))
    photo, truth = photographed(header)
    lines, info = ocr_array(photo, 300, OCRSettings())
    gt = (SCANS / "clean" / f"{STEM}.gt.txt").read_text(encoding="utf-8").split("\f")[0].split("\n")[:9]
    assert info["sheet"] is not None and np.abs(np.float32(info["sheet"]) - truth).max() < 12
    assert cer("\n".join(gt), "\n".join(l.text for l in lines[:9]))[0] <= 6  # header and title, in order
    s = info["dpi"] / 300
    assert (info["width"], info["height"]) == (round(header.shape[1] * s), round(header.shape[0] * s))
    first = lines[0].words[0].box  # on the photo: inside the sheet's outline, near its top-left corner
    assert truth[0][0] - 5 <= first[0] / s and truth[0][1] - 5 <= first[1] / s < header.shape[0] / 3
