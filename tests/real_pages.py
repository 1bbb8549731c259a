"""The real government pages of ``../shared/realscans`` for the slow end-to-end tests: read one through the
pipeline's OCR; tests that need one are skipped where the folder is absent."""

from pathlib import Path

import cv2
import pytest

PAGES = Path(__file__).resolve().parents[2] / "shared" / "realscans" / "pages"


def needs(name: str):
    """Mark a test slow and skip it without the page ``name`` (file stem, e.g. ``real_tt_21_bct_fuel_p1``)."""
    def wrap(test):
        return pytest.mark.slow(pytest.mark.skipif(not (PAGES / f"{name}.png").exists(),
                                                   reason="needs ../shared/realscans")(test))
    return wrap


def read(name: str):
    """(lines, info) of ``ocr_array`` on the page ``name``, read as the pipeline reads an image (declared 300 dpi)."""
    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array

    image = cv2.cvtColor(cv2.imread(str(PAGES / f"{name}.png")), cv2.COLOR_BGR2RGB)
    return ocr_array(image, 300, OCRSettings())
