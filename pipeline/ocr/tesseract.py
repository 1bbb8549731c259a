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


def _config(psm: int, dpi: int | None, whitelist: str | None = None) -> str:
    extra = f" -c tessedit_char_whitelist={whitelist}" if whitelist else ""
    return f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "") + extra


def ocr_image(image: np.ndarray, *, lang: str = "vie", psm: int = 3, dpi: int | None = 300,
              timeout: float = 0, whitelist: str | None = None) -> list[TWord]:
    """Words of a grayscale/binary (H, W) or RGB (H, W, 3) uint8 image, in Tesseract's order.
    ``whitelist``: the only characters Tesseract may read (no spaces or quotes), e.g. digits and
    their separators for a table's column of numbers."""
    import pytesseract

    if whitelist and any(c.isspace() or c in "'\"" for c in whitelist):
        raise ValueError(f"whitelist {whitelist!r}: no spaces or quotes")
    data = _run(image, lang, _config(psm, dpi, whitelist), timeout, lambda path, config: pytesseract.image_to_data(
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


def ocr_images(images: list[np.ndarray], *, lang: str = "vie", psm: int = 7, dpi: int | None = 300,
               timeout: float = 0, whitelist: str | None = None) -> list[list[TWord]]:
    """Words of each of several small images (table cells), read in one Tesseract run: the images are
    handed over as a list file, each read as a page of its own (its own layout analysis), so a
    hundred cells cost one process start, not a hundred."""
    import pytesseract

    if not images:
        return []
    if whitelist and any(c.isspace() or c in "'\"" for c in whitelist):
        raise ValueError(f"whitelist {whitelist!r}: no spaces or quotes")
    check_lang(lang)
    folder = tempfile.mkdtemp(prefix="vnr-cells-")
    try:
        paths = []
        for i, image in enumerate(images):
            path = os.path.join(folder, f"{i}.pgm" if image.ndim == 2 else f"{i}.ppm")
            pixels = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
            if not cv2.imwrite(path, pixels):
                raise OCRFailed("could not write a cell image for Tesseract")
            paths.append(path)
        listing = os.path.join(folder, "cells.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")
        try:
            data = pytesseract.image_to_data(listing, lang=lang, config=_config(psm, dpi, whitelist),
                                             timeout=timeout, output_type=pytesseract.Output.DICT)
        except RuntimeError as exc:
            raise PageTimeout(f"Tesseract took longer than {timeout:g}s on {len(images)} cells") from exc
        except pytesseract.TesseractError as exc:
            raise OCRFailed(f"Tesseract failed: {exc.message.strip().splitlines()[-1:] or exc.status}") from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    out: list[list[TWord]] = [[] for _ in images]
    for i, text in enumerate(data["text"]):
        text = nfc(text).strip()
        page = int(data["page_num"][i]) - 1
        if not text or float(data["conf"][i]) < 0 or not 0 <= page < len(images):
            continue
        out[page].append(TWord(text, int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                               int(data["height"][i]), float(data["conf"][i]), int(data["block_num"][i]),
                               int(data["par_num"][i]), int(data["line_num"][i])))
    return out


def ocr_text(image: np.ndarray, *, lang: str = "vie", psm: int = 3, dpi: int | None = None,
             timeout: float = 0) -> str:
    """Plain text of an image as Tesseract prints it (its own line breaks); ``dpi`` None lets Tesseract
    guess the resolution, as it does for an image file without one."""
    import pytesseract

    return nfc(_run(image, lang, _config(psm, dpi), timeout, lambda path, config: pytesseract.image_to_string(
        path, lang=lang, config=config, timeout=timeout)))
