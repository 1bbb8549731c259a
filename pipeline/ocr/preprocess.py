"""Page clean-up before Tesseract (OpenCV). Each step is switchable through OCRSettings.

    red stamps and blue ink removed by colour -> grayscale -> resampled to the OCR resolution
    -> deskewed (projection profiles) -> background flattened -> isolated speckles removed
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.context import OCRSettings


def remove_colour_ink(rgb: np.ndarray) -> np.ndarray:
    """Paint saturated red (stamps) and blue (signatures) pixels white; black print has no saturation.

    Dark pixels are kept whatever their hue: print under a stamp stays black (stamp ink multiplies).
    """
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((h <= 12) | (h >= 165)) & (s >= 90) & (v >= 90)
    blue = (h >= 95) & (h <= 135) & (s >= 100) & (v >= 80)
    mask = cv2.dilate((red | blue).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out = rgb.copy()
    out[mask] = 255
    return out


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def rescale(gray: np.ndarray, dpi: int, target: int) -> tuple[np.ndarray, float]:
    """Resample a page scanned at ``dpi`` to ``target`` dpi; returns the image and the factor applied."""
    if not dpi or abs(dpi - target) < 10:
        return gray, 1.0
    f = target / dpi
    interp = cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA
    return cv2.resize(gray, None, fx=f, fy=f, interpolation=interp), f


def skew_angle(gray: np.ndarray, limit: float = 5.0) -> float:
    """The angle (degrees, for ``rotate``) that levels the text lines, found by projection profiles.

    Text rows give the sharpest horizontal projection when level: try angles on a small copy,
    coarse then fine, and keep the one whose row sums vary most.
    """
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1].astype(np.float32)
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1)
        return float(np.var(np.diff(rows)))

    best = max(np.arange(-limit, limit + 1e-6, 0.5), key=score)
    return float(max(np.arange(best - 0.5, best + 0.5 + 1e-6, 0.05), key=score))


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness (closing with a large kernel): shading, folds, yellowing go."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))
    bg = cv2.GaussianBlur(bg, (0, 0), 4)
    bg = cv2.resize(bg, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return np.clip(gray.astype(np.float32) / np.maximum(bg, 1).astype(np.float32) * 255, 0, 255).astype(np.uint8)


def otsu(gray: np.ndarray) -> np.ndarray:
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def speckle_mask(bw: np.ndarray, max_area: int = 45, reach: int = 14) -> np.ndarray:
    """Small ink blobs far from any letter: dust and scanner speckles, not dots or diacritics.

    A tone mark or the dot of ạ sits within a few pixels of its letter; a speckle in the white space
    does not. Sizes are for 300 dpi pages.
    """
    ink = (bw < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    area = stats[:, cv2.CC_STAT_AREA]
    small = area <= max_area
    small[0] = False
    big = (~small).copy()
    big[0] = False
    kernel = np.ones((reach * 2 + 1, reach * 5 + 1), np.uint8)  # wider than tall: "..." trails a word
    near_letters = cv2.dilate(big[labels].astype(np.uint8), kernel)
    touched = np.zeros(n, bool)
    touched[np.unique(labels[(near_letters > 0) & (ink > 0)])] = True
    return (small & ~touched)[labels]


def is_bilevel(gray: np.ndarray) -> bool:
    """Only black and white pixels (a fax, a 1-bit scan)."""
    return np.count_nonzero((gray > 10) & (gray < 245)) < gray.size * 0.001


def clean_page(image: np.ndarray, settings: OCRSettings, dpi: int) -> tuple[np.ndarray, dict]:
    """Run the enabled steps; returns the image for Tesseract and what was done (scale, angle, speckles).

    ``binarize`` flattens the background (shading, folds, bleed-through) and keeps the gray levels:
    a hard threshold here loses the hook of ể/ổ that Tesseract's own Otsu keeps. Bi-level pages (fax)
    are not resampled: interpolation only smears their broken strokes.
    """
    info: dict = {"scale": 1.0, "angle": 0.0, "speckles": 0}
    if image.ndim == 3 and settings.remove_stamps:
        image = remove_colour_ink(image)
    if image.ndim == 3 and settings.grayscale:
        image = to_gray(image)
    if image.ndim != 2:
        return image, info
    bilevel = is_bilevel(image)
    if not bilevel:
        image, info["scale"] = rescale(image, dpi, settings.dpi)
    if settings.deskew:
        info["angle"] = skew_angle(image)
        if abs(info["angle"]) >= 0.1:
            image = rotate(image, info["angle"])  # a rotated fax keeps its gray edges: Tesseract likes them
    if settings.binarize and not bilevel:
        image = flatten_background(image)
    if settings.denoise:
        mask = speckle_mask(otsu(image))
        info["speckles"] = int(np.count_nonzero(mask))
        image = image.copy()
        image[cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 255
    return image, info
