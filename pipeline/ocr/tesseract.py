"""The one thin wrapper around Tesseract: version, languages, timeouts, words with boxes.

Every call goes through ``ocr_image`` / ``ocr_text``. Tesseract is called in-process through
``tesserocr`` (the library, one engine per language and process, loaded once): no process start, no
model load and no image file per call, and a page can be re-read in parts (``rect``) without handing
the image over again. Measured against ``pytesseract`` (process + PGM file per call) on the three
real pages: 0.8 s instead of 1.2 s per page, same words (docs/ocr.md).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.errors import MissingDependency, OCRFailed, PageTimeout
from pipeline.text import nfc

# Pages run in parallel processes; Tesseract's own OpenMP threads on top of that oversubscribe the cores
# (measured: 7.8 s instead of 1.2 s for one page on 2 busy cores). One thread per Tesseract unless set.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

INSTALL_HINT = "pip install tesserocr; Debian: apt-get install tesseract-ocr-vie"
# where Debian (and most Linux packages) put the language models when TESSDATA_PREFIX is not set
_TESSDATA_GUESSES = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                     "/usr/share/tessdata", "/usr/local/share/tessdata")


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


def by_line(words: list[TWord]) -> dict[tuple[int, int, int], list[TWord]]:
    """``words`` grouped by the Tesseract line they were read in (block, paragraph, line), in reading order."""
    lines: dict[tuple[int, int, int], list[TWord]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    return lines


def _tesserocr():
    try:
        import tesserocr
    except ImportError as exc:  # pragma: no cover - a broken install
        raise MissingDependency(f"the Tesseract library binding is missing ({INSTALL_HINT})") from exc
    return tesserocr


@functools.lru_cache(maxsize=1)
def tessdata() -> str:
    """The folder holding ``*.traineddata``: $TESSDATA_PREFIX, the one the tesseract program reports,
    or the usual system folders."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    if shutil.which("tesseract"):
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
        m = re.search(r'"([^"]+)"', out)
        candidates.append(m.group(1) if m else "")
    candidates += _TESSDATA_GUESSES
    for c in candidates:
        if c and any(Path(c).glob("*.traineddata")):
            return str(Path(c)) + "/"
    raise MissingDependency(f"no Tesseract language data found ({INSTALL_HINT})")


@functools.lru_cache(maxsize=1)
def version() -> str:
    return _tesserocr().tesseract_version().split()[1]


@functools.lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    return frozenset(p.stem for p in Path(tessdata()).glob("*.traineddata"))


def check_lang(lang: str) -> None:
    """Raise MissingDependency unless every language of ``lang`` ('vie', 'vie+eng') is installed."""
    missing = [l for l in lang.split("+") if l not in languages()]
    if missing:
        pkgs = " ".join("tesseract-ocr-script-viet" if m == "Vietnamese" else f"tesseract-ocr-{m}" for m in missing)
        raise MissingDependency(f"Tesseract language data missing: {', '.join(missing)} (Debian: apt-get install {pkgs})")


@functools.lru_cache(maxsize=4)
def _api(lang: str):
    """One engine per language in this process (loading the model costs about 0.1 s)."""
    check_lang(lang)
    tesserocr = _tesserocr()
    _quiet_leptonica(tesserocr)
    return tesserocr.PyTessBaseAPI(path=tessdata(), lang=lang)


def start(lang: str = "vie") -> None:
    """Import the binding and load ``lang``'s model now, as a batch's worker does once before its first page
    (else the first page read pays it)."""
    _api(lang)


@functools.lru_cache(maxsize=1)
def _osd_api():
    """The orientation and script detector (``osd.traineddata``, Debian ``tesseract-ocr-osd``); None when the
    data is missing."""
    if "osd" not in languages():
        return None
    tesserocr = _tesserocr()
    _quiet_leptonica(tesserocr)
    return tesserocr.PyTessBaseAPI(path=tessdata(), lang="osd", psm=tesserocr.PSM.OSD_ONLY)


def osd(image: np.ndarray, dpi: int | None) -> dict | None:
    """Tesseract's orientation of a grayscale page: ``{"degrees": d, "conf": c}`` where ``d`` (0, 90, 180, 270)
    is how far the page's text is turned clockwise; None when the detector finds too little text to say, or
    its data is not installed."""
    api = _osd_api()
    if api is None:
        return None
    image = np.ascontiguousarray(image)
    h, w = image.shape[:2]
    bpp = 1 if image.ndim == 2 else image.shape[2]
    api.SetImageBytes(image.tobytes(), w, h, bpp, w * bpp)
    if dpi:
        api.SetSourceResolution(int(dpi))
    try:
        found = api.DetectOrientationScript()
    except RuntimeError:
        return None
    if not found:
        return None
    return {"degrees": int(found["orient_deg"]) % 360, "conf": float(found["orient_conf"])}


LEPTONICA_SEVERITY_NONE = 6  # leptonica's L_SEVERITY_NONE (environ.h)


@functools.lru_cache(maxsize=1)
def _quiet_leptonica(tesserocr) -> bool:
    """Silence the image library under Tesseract: its layout analysis prints "Error in boxClipToRectangle"
    and the like on ordinary pages (the page is read all the same, as by the tesseract program), which
    would litter a run's output. The library loaded with the binding is found beside it; True when done."""
    import ctypes
    import glob

    here = os.path.dirname(tesserocr.__file__)
    candidates = sorted(glob.glob(os.path.join(here, "..", "tesserocr.libs", "libleptonica*.so*")))
    candidates += ["libleptonica.so.6", "liblept.so.5"]
    for name in candidates:
        try:
            ctypes.CDLL(name).setMsgSeverity(LEPTONICA_SEVERITY_NONE)
            return True
        except (OSError, AttributeError):
            continue
    return False


def _recognise(image: np.ndarray, lang: str, psm: int, dpi: int | None, timeout: float,
               rect: tuple[int, int, int, int] | None):
    """Hand ``image`` (uint8 gray or RGB) to the engine and recognise it; returns the engine."""
    api = _api(lang)
    image = np.ascontiguousarray(image)
    h, w = image.shape[:2]
    bpp = 1 if image.ndim == 2 else image.shape[2]
    api.SetPageSegMode(psm)
    api.SetImageBytes(image.tobytes(), w, h, bpp, w * bpp)
    if dpi:  # without one Tesseract estimates the resolution from the text size, as for a file without one
        api.SetSourceResolution(int(dpi))
    if rect is not None:
        x0, y0, x1, y1 = (int(round(v)) for v in rect)
        x0, y0, x1, y1 = min(max(0, x0), w - 1), min(max(0, y0), h - 1), min(w, x1), min(h, y1)
        api.SetRectangle(x0, y0, max(1, x1 - x0), max(1, y1 - y0))
    t0 = time.perf_counter()
    try:
        # the engine's own monitor cancels a page at the deadline; a page that ends just past it counts too
        ok = api.Recognize(max(1, int(timeout * 1000)) if timeout else 0)
    except RuntimeError as exc:
        raise OCRFailed(f"Tesseract failed: {exc}") from exc
    if timeout and (not ok or time.perf_counter() - t0 > timeout):
        raise PageTimeout(f"Tesseract took longer than {timeout:g}s")
    if not ok:
        raise OCRFailed("Tesseract failed to recognise the image")
    return api


def ocr_image(image: np.ndarray, *, lang: str = "vie", psm: int = 3, dpi: int | None = 300,
              timeout: float = 0, rect: tuple[int, int, int, int] | None = None,
              whitelist: str | None = None) -> list[TWord]:
    """Words of a grayscale/binary (H, W) or RGB (H, W, 3) uint8 image, in Tesseract's order.

    ``rect`` (x0, y0, x1, y1) reads only that part of the image; boxes stay in image pixels.
    ``whitelist``: the only characters Tesseract may read, e.g. digits and their separators for a
    table's column of numbers.
    """
    if whitelist is not None and (not whitelist or any(c.isspace() for c in whitelist)):
        raise ValueError(f"whitelist {whitelist!r}: characters, no spaces")
    api = _api(lang)
    if whitelist:
        api.SetVariable("tessedit_char_whitelist", whitelist)
    try:
        tsv = _recognise(image, lang, psm, dpi, timeout, rect).GetTSVText(0)
    finally:
        if whitelist:
            api.SetVariable("tessedit_char_whitelist", "")
    words = []
    for row in tsv.splitlines():
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":  # level 5: a word
            continue
        text = nfc(f[11]).strip()
        if not text or float(f[10]) < 0:
            continue
        words.append(TWord(text, int(f[6]), int(f[7]), int(f[8]), int(f[9]), float(f[10]),
                           int(f[2]), int(f[3]), int(f[4])))
    return words


def ocr_images(images: list[np.ndarray], *, lang: str = "vie", psm: int = 7, dpi: int | None = 300,
               timeout: float = 0, whitelist: str | None = None) -> list[list[TWord]]:
    """Words of each of several small images (table cells), each read as a page of its own (its own
    layout analysis) by the one in-process engine; ``timeout`` bounds them all together."""
    out: list[list[TWord]] = []
    t0 = time.perf_counter()
    for image in images:
        left = timeout - (time.perf_counter() - t0) if timeout else 0
        if timeout and left <= 0:
            raise PageTimeout(f"Tesseract took longer than {timeout:g}s on {len(images)} cells")
        out.append(ocr_image(image, lang=lang, psm=psm, dpi=dpi, timeout=left, whitelist=whitelist))
    return out


def ocr_text(image: np.ndarray, *, lang: str = "vie", psm: int = 3, dpi: int | None = None,
             timeout: float = 0) -> str:
    """Plain text of an image as Tesseract prints it (its own line breaks); ``dpi`` None lets Tesseract
    estimate the resolution, as it does for an image file without one."""
    return nfc(_recognise(image, lang, psm, dpi, timeout, None).GetUTF8Text())
