"""The perturbations `vnreports bench ocr --perturb` applies to the real pages: fixed, size-aware, typed."""

import numpy as np
import pytest

from bench.perturb import PERTURBATIONS, perturb


def _page(rgb: bool) -> np.ndarray:
    page = np.full((120, 90, 3) if rgb else (120, 90), 245, np.uint8)
    page[30:36, 10:80] = 20  # a stroke of ink
    page[50:70, 40:44] = 20
    return page


@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_every_perturbation_gives_a_uint8_page_at_its_resolution_and_the_same_pixels_each_time(name):
    for rgb in (True, False):
        page = _page(rgb)
        out, dpi = perturb(name, page, 200)
        again, _ = perturb(name, page, 200)
        assert out.dtype == np.uint8 and np.array_equal(out, again)
        scale = dpi / 200
        h, w = (out.shape[1], out.shape[0]) if name.startswith("sideways") else out.shape[:2]  # turned a quarter
        assert abs(h - page.shape[0] * scale) <= 1 and abs(w - page.shape[1] * scale) <= 1
        assert int(out.max()) - int(out.min()) >= 60  # the ink is still there, darker than the paper


def test_no_perturbation_leaves_the_page_and_an_unknown_one_is_refused():
    page = _page(True)
    out, dpi = perturb("", page, 200)
    assert out is page and dpi == 200
    with pytest.raises(ValueError, match="unknown perturbation"):
        perturb("sepia", page, 200)


def test_the_bench_refuses_an_unknown_perturbation_before_reading_anything(capsys):
    from bench.ocr import main

    with pytest.raises(SystemExit):
        main(["--sets", "real", "--perturb", "sepia"])
    assert "unknown perturbation" in capsys.readouterr().err
