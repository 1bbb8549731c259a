"""Boxes between a scan fed sideways or upside down and the page set upright (``pipeline.turns``)."""

import numpy as np
import pytest

from pipeline.turns import box_fed, box_upright, upright_size


def _ink_box(image: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(image < 128)
    return (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


@pytest.mark.parametrize("turns", [0, 1, 2, 3, 5, -1])
def test_a_box_moves_with_the_ink_between_the_scan_and_the_page_set_upright(turns):
    fed = np.full((300, 200), 255, np.uint8)
    fed[40:60, 120:190] = 0  # a word near the top right of the scan as fed
    upright = np.rot90(fed, turns)  # what reading set upright
    h, w = upright.shape
    assert upright_size(turns, 200, 300) == (w, h)
    assert box_upright(_ink_box(fed), turns, 200, 300) == _ink_box(upright)
    assert box_fed(_ink_box(upright), turns, w, h) == _ink_box(fed) == (120, 40, 190, 60)
