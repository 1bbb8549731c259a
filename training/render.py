"""The one renderer of text into images, and the one way training and benchmarks OCR them.

Used by the scan generator (``corpus/make_scans.py``: fonts), channel training (lines rendered at a few
print qualities, then OCR'd) and the benchmarks (the same, plus PDFs rasterised and OCR'd bare). Every
OCR call goes through the runtime's Tesseract wrapper (``pipeline.ocr.tesseract``).
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import numpy as np

STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")  # Debian fonts-liberation2
# (pixel size, blur radius, downscale factor): the print/scan qualities channel training renders lines at
VARIANTS = (
    (40, 0.0, 1.0),
    (32, 0.8, 1.0),
    (44, 0.0, 0.5),
    (36, 1.2, 0.6),
)
LINES_PER_PAGE = 30


class MissingGlyph(RuntimeError):
    pass


def font_candidates(style: str = "") -> list[Path]:
    """Liberation Serif files of a style (``""``, ``"B"``, ``"I"``, ``"BI"``), fontconfig's first."""
    name = f"LiberationSerif-{STYLES[style]}.ttf"
    found: list[Path] = []
    try:
        out = subprocess.run(["fc-list", ":family=Liberation Serif", "file"], capture_output=True, text=True,
                             timeout=20).stdout
        found = [Path(l.split(":")[0]) for l in out.splitlines() if l.split(":")[0].endswith(name)]
    except (OSError, subprocess.SubprocessError):
        pass
    found += [Path(d) / name for d in FONT_DIRS if (Path(d) / name).exists()]
    return list(dict.fromkeys(found))


def font_path(style: str = "") -> Path:
    found = font_candidates(style)
    if not found:
        raise MissingGlyph(f"no Liberation Serif {STYLES[style]}; install Debian's fonts-liberation2")
    return found[0]


class Fonts:
    """One TrueType file per style: the first candidate whose cmap holds every needed character."""

    def __init__(self, needed: str):
        from fontTools.ttLib import TTFont

        chars = {c for c in unicodedata.normalize("NFC", needed) if not c.isspace()}
        self.paths: dict[str, Path] = {}
        for style in STYLES:
            missing: set[str] = chars
            for path in font_candidates(style):
                cmap = TTFont(str(path), lazy=True)["cmap"].getBestCmap()
                missing = {c for c in chars if ord(c) not in cmap}
                if not missing:
                    self.paths[style] = path
                    break
            if style not in self.paths:
                shown = "".join(sorted(missing))[:40]
                raise MissingGlyph(
                    f"no Liberation Serif {STYLES[style]} with all glyphs (missing {shown!r}); "
                    "install Debian's fonts-liberation2")
        self._cache: dict = {}

    def get(self, style: str, size: int):
        from PIL import ImageFont

        key = (style, size)
        if key not in self._cache:
            self._cache[key] = ImageFont.truetype(str(self.paths[style]), size)
        return self._cache[key]


def render_lines(lines: list[str], size: int, blur: float = 0.0, scale: float = 1.0, style: str = ""):
    """Lines typeset one under another in Liberation Serif at ``size`` px, then blurred and resampled
    down by ``scale`` and back (a PIL grayscale image)."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(str(font_path(style)), size)
    step = int(size * 1.6)
    img = Image.new("L", (int(size * 0.55 * 80), step * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((size, size + i * step), line, font=font, fill=0)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if scale != 1.0:
        w, h = img.size
        img = img.resize((int(w * scale), int(h * scale)), Image.BILINEAR).resize((w, h), Image.BILINEAR)
    return img


def ocr_text(image, lang: str = "vie", psm: int = 3, dpi: int = 300) -> str:
    """Bare Tesseract text of an image (PIL or numpy), through the runtime's wrapper; lines as Tesseract
    reports them."""
    from pipeline.ocr import tesseract

    pixels = np.asarray(image)
    return tesseract.ocr_text(pixels, lang=lang, psm=psm, dpi=dpi)


def ocr_pdf(path: Path, lang: str = "vie", dpi: int = 300) -> str:
    """Every page of a PDF rasterised at ``dpi`` and OCR'd bare (no clean-up); pages joined by newlines."""
    import cv2

    from pipeline.context import OCRSettings
    from pipeline.ocr import pdf

    pages = []
    for i in range(pdf.page_count(path)):
        rgb = pdf.render_page(str(path), i, dpi, OCRSettings().max_pixels)
        pages.append(ocr_text(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), lang=lang))
    return "\n".join(pages)
