"""Image input: PNG, JPEG, TIFF (multi-page too), BMP, GIF, WebP, opened with a pixel limit."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.errors import CorruptFile, ImageTooLarge

DEFAULT_DPI = 300  # images that do not say their resolution are taken as 300 dpi scans
SQUARE_TOLERANCE = 0.05  # a frame whose two resolutions differ by more than this share has its pixels squared


def _open(path: Path, max_pixels: int) -> Image.Image:
    """Open without decoding, refusing decompression bombs before any pixel is read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(f"{path.name}: image over the pixel limit ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise CorruptFile(f"{path.name}: unreadable image") from exc
    if im.width * im.height > max_pixels:
        im.close()
        raise ImageTooLarge(f"{path.name}: {im.width}x{im.height} pixels is over the limit of {max_pixels:,}")
    return im


def frame_count(path: str | Path, max_pixels: int) -> int:
    with _open(Path(path), max_pixels) as im:
        return getattr(im, "n_frames", 1)


def resolution(im: Image.Image) -> tuple[float, float]:
    """The frame's (horizontal, vertical) dpi; ``DEFAULT_DPI`` where it says none."""
    dpi = im.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI)
    x, y = (float(v) if v else 0.0 for v in (tuple(dpi) * 2)[:2])
    x = x or y or DEFAULT_DPI
    return x, y or x


def as_seen(im: Image.Image) -> tuple[Image.Image, int]:
    """The current frame as it is meant to be seen, and its dpi: turned by its EXIF orientation, and with square
    pixels where its two resolutions differ (a fax in standard mode is 204 x 98 dpi: read as stored, its letters
    are half as tall as they are wide). The lower resolution is brought up to the higher one (nearest neighbour
    for a 1-bit frame, which stays 1-bit)."""
    x, y = resolution(im)
    frame = ImageOps.exif_transpose(im)
    if frame is not im and im.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # turned a quarter: the axes swap
        x, y = y, x
    return squared(frame, x, y)


def squared(frame: Image.Image, x: float, y: float) -> tuple[Image.Image, int]:
    """``frame`` (``x`` by ``y`` dpi) with square pixels, and its dpi: where the two resolutions differ by more
    than ``SQUARE_TOLERANCE``, the lower is brought up to the higher (nearest neighbour for a 1-bit frame, which
    stays 1-bit)."""
    if abs(x - y) <= SQUARE_TOLERANCE * max(x, y):
        return frame, int(round(x)) or DEFAULT_DPI
    top = max(x, y)
    size = (max(1, round(frame.width * top / x)), max(1, round(frame.height * top / y)))
    resample = Image.Resampling.NEAREST if frame.mode == "1" else Image.Resampling.BICUBIC
    return frame.resize(size, resample), int(round(top))


def load_frame(path: str | Path, index: int, max_pixels: int) -> tuple[np.ndarray, int]:
    """Frame ``index`` as a grayscale or RGB array, and its resolution in dpi."""
    path = Path(path)
    with _open(path, max_pixels) as im:
        try:
            im.seek(index)
            if im.width * im.height > max_pixels:
                raise ImageTooLarge(f"{path.name}: frame {index + 1} is {im.width}x{im.height} pixels, over the "
                                    f"limit of {max_pixels:,}")
            im.load()
            frame, dpi = as_seen(im)
            if frame.width * frame.height > max_pixels:
                raise ImageTooLarge(f"{path.name}: frame {index + 1} with square pixels is {frame.width}x"
                                    f"{frame.height} pixels, over the limit of {max_pixels:,}")
            arr = np.array(frame.convert("L") if frame.mode in ("1", "L", "I;16", "I", "LA") else frame.convert("RGB"))
        except (OSError, EOFError, SyntaxError) as exc:
            raise CorruptFile(f"{path.name}: damaged image ({exc})") from exc
    return arr, dpi
