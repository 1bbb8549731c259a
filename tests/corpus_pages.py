"""A generated scan of the bundled corpus (clean level, its first page) and that page's ground truth, for the slow
tests that read a page damaged one way against the same page undamaged."""

from pathlib import Path

import numpy as np
from PIL import Image

SCANS = Path(__file__).resolve().parents[1] / "corpus" / "scans"
STEM = "2024_tam-duong_bc-111"


def page_and_truth(stem: str = STEM) -> tuple[np.ndarray, str]:
    """The first page of ``stem``'s clean scan (gray) and its ground-truth text."""
    page = np.asarray(Image.open(SCANS / "clean" / "pages" / f"{stem}-p1.png").convert("L"))
    return page, (SCANS / "clean" / f"{stem}.gt.txt").read_text(encoding="utf-8").split("\f")[0]


def read_text(image: np.ndarray, dpi: int = 300, **settings) -> tuple[str, dict]:
    """The page text ``ocr_array`` reads on ``image`` (``settings``: fields of ``OCRSettings``), and its info."""
    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array

    lines, info = ocr_array(image, dpi, OCRSettings(**settings))
    return "\n".join(line.text for line in lines), info
