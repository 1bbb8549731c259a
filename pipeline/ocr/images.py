"""Image input: PNG, JPEG, TIFF (multi-page too), BMP, GIF, WebP, opened with a pixel limit."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.errors import CorruptFile, ImageTooLarge

DEFAULT_DPI = 300  # images that do not say their resolution are taken as 300 dpi scans


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
            dpi = im.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0]
            frame = ImageOps.exif_transpose(im)
            arr = np.array(frame.convert("L") if frame.mode in ("1", "L", "I;16", "I", "LA") else frame.convert("RGB"))
        except (OSError, EOFError, SyntaxError) as exc:
            raise CorruptFile(f"{path.name}: damaged image ({exc})") from exc
    return arr, int(round(float(dpi))) or DEFAULT_DPI
