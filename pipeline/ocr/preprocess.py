"""Page clean-up before Tesseract (OpenCV). Each step is switchable through OCRSettings.

    red stamps and blue ink removed by colour -> grayscale -> resampled to the OCR resolution
    -> deskewed (projection profiles) -> background flattened -> isolated speckles removed
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.context import OCRSettings


def _ink_mask(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((h <= 12) | (h >= 165)) & (s >= 90) & (v >= 90)
    blue = (h >= 95) & (h <= 135) & (s >= 100) & (v >= 80)
    return red | blue


def remove_colour_ink(rgb: np.ndarray) -> np.ndarray:
    """Paint saturated red (stamps) and blue (signatures) pixels white; black print has no saturation.

    Dark pixels are kept whatever their hue: print under a stamp stays black (stamp ink multiplies).
    Only the boxes where a quarter-size copy shows coloured ink are looked at in full resolution.
    """
    small = cv2.resize(rgb, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    found = cv2.dilate(_ink_mask(small).astype(np.uint8), np.ones((9, 9), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(found)
    if n <= 1:
        return rgb
    out = rgb.copy()
    for x, y, w, h, _area in stats[1:]:
        ys, xs = slice(4 * y, 4 * (y + h)), slice(4 * x, 4 * (x + w))
        region = out[ys, xs]
        mask = cv2.dilate(_ink_mask(region).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        region[mask] = 255
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
    return float(max(np.arange(best - 0.5, best + 0.5 + 1e-6, 0.1), key=score))


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness (closing with a large kernel): shading, folds, yellowing go."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))
    bg = cv2.GaussianBlur(bg, (0, 0), 4)
    bg = cv2.resize(np.maximum(bg, 1), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, bg, scale=255)


def otsu(gray: np.ndarray) -> np.ndarray:
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def speckle_mask(bw: np.ndarray, max_area: int = 45, reach: int = 14) -> np.ndarray:
    """Small ink blobs far from any letter: dust and scanner speckles, not dots or diacritics.

    A tone mark or the dot of ạ sits within a few pixels of its letter, and "..." trails its word; a
    speckle in the white space has no larger ink within ``reach`` pixels above or below (2.5 x ``reach``
    sideways). The defaults are for 300 dpi pages.
    """
    ink = (bw < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    area = stats[:, cv2.CC_STAT_AREA]
    small = np.flatnonzero(area[1:] <= max_area) + 1
    if small.size == 0:
        return np.zeros(bw.shape, bool)
    big_ink = (area > max_area).astype(np.uint8)[labels]
    big_ink[0 == ink] = 0
    integral = cv2.integral(big_ink)
    h, w = bw.shape
    x, y = stats[small, cv2.CC_STAT_LEFT], stats[small, cv2.CC_STAT_TOP]
    x0, x1 = np.clip(x - reach * 5 // 2, 0, w), np.clip(x + stats[small, cv2.CC_STAT_WIDTH] + reach * 5 // 2, 0, w)
    y0, y1 = np.clip(y - reach, 0, h), np.clip(y + stats[small, cv2.CC_STAT_HEIGHT] + reach, 0, h)
    near = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    mask = np.zeros(bw.shape, bool)
    for i in small[near == 0]:  # few, and each tiny: paint them through their own boxes
        bx, by, bw_, bh = stats[i, :4]
        mask[by:by + bh, bx:bx + bw_] |= labels[by:by + bh, bx:bx + bw_] == i
    return mask


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
        # found at half resolution (four times fewer pixels to label), painted out at full resolution
        half = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        mask = speckle_mask(otsu(half), max_area=12, reach=7)
        info["speckles"] = int(np.count_nonzero(mask))
        if info["speckles"]:
            mask = cv2.resize(mask.astype(np.uint8), (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST)
            image = image.copy()
            image[cv2.dilate(mask, np.ones((5, 5), np.uint8)) > 0] = 255
    return image, info
