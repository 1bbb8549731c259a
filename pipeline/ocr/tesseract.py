"""The one thin wrapper around Tesseract: version, languages, timeouts, words with boxes.

Every call goes through ``ocr_image``. The image is handed to Tesseract as an uncompressed PGM file
(encoding a PNG of a 300 dpi page costs more than a tenth of the OCR time).
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.errors import MissingDependency, OCRFailed, PageTimeout
from pipeline.text import nfc

# Pages run in parallel processes; Tesseract's own OpenMP threads on top of that oversubscribe the cores
# (measured: 7.8 s instead of 1.2 s for one page on 2 busy cores). One thread per Tesseract unless set.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass
class TWord:
    """One word as Tesseract reports it (box in pixels of the image it was given)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    par: int
    line: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (float(self.left), float(self.top), float(self.left + self.width), float(self.top + self.height))


@functools.lru_cache(maxsize=1)
def version() -> str:
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependency("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)")
    return str(pytesseract.get_tesseract_version())


@functools.lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    import pytesseract

    version()
    return frozenset(pytesseract.get_languages(config=""))


def check_lang(lang: str) -> None:
    """Raise MissingDependency unless every language of ``lang`` ('vie', 'vie+eng') is installed."""
    missing = [l for l in lang.split("+") if l not in languages()]
    if missing:
        raise MissingDependency(
            f"Tesseract language data missing: {', '.join(missing)} (Debian: apt-get install "
            + " ".join(f"tesseract-ocr-{m}" for m in missing) + ")")


def _run(image: np.ndarray, lang: str, config: str, timeout: float, fn):
    """Hand ``image`` to Tesseract as an uncompressed PGM/PPM file and call ``fn(path, config)``."""
    check_lang(lang)
    fd, tmp = tempfile.mkstemp(suffix=".pgm" if image.ndim == 2 else ".ppm", prefix="vnr-ocr-")
    os.close(fd)
    try:
        pixels = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
        if not cv2.imwrite(tmp, pixels):
            raise OCRFailed("could not write the page image for Tesseract")
        try:
            return fn(tmp, config)
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise PageTimeout(f"Tesseract took longer than {timeout:g}s") from exc
            raise OCRFailed(f"Tesseract failed: {str(exc).strip().splitlines()[-1:]}") from exc
        except Exception as exc:
            import pytesseract

            if isinstance(exc, pytesseract.TesseractError):
                raise OCRFailed(f"Tesseract failed: {exc.message.strip().splitlines()[-1:] or exc.status}") from exc
            raise
    finally:
        os.unlink(tmp)


def _config(psm: int, dpi: int | None) -> str:
    return f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")


def ocr_image(image: np.ndarray, *, lang: str = "vie", psm: int = 3, dpi: int | None = 300,
              timeout: float = 0) -> list[TWord]:
    """Words of a grayscale/binary (H, W) or RGB (H, W, 3) uint8 image, in Tesseract's order."""
    import pytesseract

    data = _run(image, lang, _config(psm, dpi), timeout, lambda path, config: pytesseract.image_to_data(
        path, lang=lang, config=config, timeout=timeout, output_type=pytesseract.Output.DICT))
    words = []
    for i, text in enumerate(data["text"]):
        text = nfc(text).strip()
        if not text or float(data["conf"][i]) < 0:
            continue
        words.append(TWord(text, int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                           int(data["height"][i]), float(data["conf"][i]), int(data["block_num"][i]),
                           int(data["par_num"][i]), int(data["line_num"][i])))
    return words


def ocr_text(image: np.ndarray, *, lang: str = "vie", psm: int = 3, dpi: int | None = None,
             timeout: float = 0) -> str:
    """Plain text of an image as Tesseract prints it (its own line breaks); ``dpi`` None lets Tesseract
    guess the resolution, as it does for an image file without one."""
    import pytesseract

    return nfc(_run(image, lang, _config(psm, dpi), timeout, lambda path, config: pytesseract.image_to_string(
        path, lang=lang, config=config, timeout=timeout)))
