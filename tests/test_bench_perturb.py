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


def test_a_workers_engine_start_is_reported_once_and_apart_from_its_pages(tmp_path):
    import cv2

    from bench import ocr as bench_ocr

    page = np.full((120, 600), 255, np.uint8)
    cv2.putText(page, "Ha Noi 2026", (20, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), page)
    item = bench_ocr.Item("t", "g", "page", "Ha Noi 2026", [(str(path), 0)])
    bench_ocr._STARTUP.clear()
    bench_ocr.start_worker(["pipeline"])
    from pipeline.ocr import tesseract

    assert tesseract._api.cache_info().currsize >= 1  # the model is loaded before any page
    started = bench_ocr._STARTUP["pipeline"]
    first = bench_ocr.run_item((item, "pipeline"))
    second = bench_ocr.run_item((item, "pipeline"))
    assert first.startup == started and second.startup == 0.0 and "pipeline" not in bench_ocr._STARTUP
    assert "Ha Noi" in first.text and first.text == second.text and first.pages == 1 and first.cpu > 0


@pytest.mark.skipif(__import__("shutil").which("unpaper") is None, reason="unpaper not installed (scripts/setup.sh)")
def test_ocrmypdfs_clean_step_reads_a_page_through_unpaper_then_tesseract():
    import cv2

    from bench import ocr as bench_ocr

    page = np.full((300, 900), 255, np.uint8)
    cv2.putText(page, "Ha Noi 2025", (40, 150), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 4)
    page[5:20, :] = 0  # a dark strip at the scan's edge
    text, cpu = bench_ocr.read_unpapered(page, 300)
    assert "Ha Noi" in text and cpu > 0
    colour = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)
    assert "Ha Noi" in bench_ocr.read_unpapered(colour, 300)[0]
