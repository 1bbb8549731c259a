"""Page clean-up before Tesseract (OpenCV), each step chosen from the page's measurements.

    measure (``measure.py``) -> plan: which steps this page needs -> coloured marks removed (any hue)
    -> grayscale -> dark scan border and punch holes painted white -> resampled so the text has the
    size Tesseract reads best -> deskewed -> background flattened (only where the paper is uneven)
    -> isolated specks removed (only where the page has them)

Every step that changes pixels keeps diacritics: a tone mark or the dot of ``ạ`` is a small component
within one x-height of its letter, and the despeckler only removes components farther than that
from any letter (measured on the page, not a fixed pixel count); nothing is thresholded here
(Tesseract's own Otsu keeps the hook of ``ể``/``ổ`` that a threshold of ours lost).
Each step stays switchable through ``OCRSettings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.context import OCRSettings
from pipeline.ocr import components
from pipeline.ocr.measure import PageStats, colour_marks, is_bilevel, measure

__all__ = ["Plan", "plan", "clean_page", "is_bilevel", "remove_colour_ink", "skew_angle", "rotate",
           "speckle_mask", "despeckle", "broken_glyphs", "restore_faint", "remove_border", "rescale",
           "flatten_background", "otsu", "to_gray"]


# a speck is at most this share of the x-height across, and has no larger ink within this many x-heights
# above or below (2.5 times as far sideways); a tone mark sits closer to its letter than that
SPECK_SIDE = 0.3
SPECK_REACH = 0.4
SPECK_HALF_X_HEIGHT = 16  # px: a page whose x-height is smaller is despeckled at its own size, not at half
GLYPH_HEIGHT = 0.7  # x-heights: a group of specks this tall is a faint glyph broken up, kept (``broken_glyphs``)
SKEW_LIMIT = 5.0  # degrees either way the deskew looks for a tilt (a steeper one: ``orientation.steep_tilt``)
STEEP_SKEW = 20.0  # degrees either way it looks when the best angle lies at the edge of its search


# a skew whose drift over the page width is under this share of the x-height is left alone (worth_rotating):
# measured, 0.5 kept two real pages' gains but left table rulings skewed on the development office scans
# (99.32% -> 98.64% of cells); 0.25 keeps both
MAX_DRIFT = 0.25
# A bi-level page (a fax, a 1-bit scan) is blurred a little before Tesseract reads its text: its LSTM models
# learnt grey, anti-aliased edges, and a fax's jagged black-and-white strokes read worse. Measured with
# `vnreports bench ocr --quick` (development pages): sigma 0 / 0.5 / 0.7 / 0.9 px gave development fax pages CER
# 14.74 / 14.81 / 13.56 / 14.20 % and corpus fax 0.49 / 0.42 / 0.31 / 0.45 %. Rulings and table cells
# are still found and read on the page as it was.
SOFTEN_SIGMA = 0.7

# Text is enlarged only when smaller than on a 180 dpi page, to the size of a 220 dpi page: measured on
# the generated 200 dpi scans (office/poor), enlarging them to 300 dpi cost CER (0.86 vs 0.01% office,
# 6.9 vs 6.4% poor) and time. Large scans are reduced to ``OCRSettings.dpi`` by their declared dpi.
MIN_TEXT_DPI = 180
ENLARGE_TO_DPI = 220
# A bi-level page's text (softened) is read reduced to the size of a 190 dpi page when it is larger: Tesseract's
# layout analysis costs by the pixel, and the LSTM scales each line to its own height anyway. Measured on the 32
# development fax pages (`vnreports bench ocr`, fax level; development figures), CER / CPU s per page
# at full size 7.04% / 1.30, read at 240 dpi 6.97 / 1.19, 210 6.92 / 1.13, 190 6.89 / 1.10, 170 6.83 / 1.08
# (bare Tesseract 1.12-1.14); 190 keeps an x-height of about 17 px. Rulings and table cells are still found and
# read on the page at its own size.
READ_TEXT_DPI = 190


@dataclass
class Plan:
    """The steps chosen for one page, and why (shown with -v, kept in ``info``)."""

    colour: bool = False
    border: bool = False
    scale: float = 1.0
    deskew: bool = False
    flatten: bool = False
    despeckle: bool = False
    soften: float = 0.0  # sigma (px) of the blur a bi-level page gets before Tesseract reads its text; 0: none
    read_scale: float = 1.0  # the softened page's text is read resampled by this factor (boxes mapped back)
    reasons: list[str] = field(default_factory=list)

    @property
    def changes_pixels(self) -> bool:
        """True when a step alters what the scanner saw (not just its size and angle)."""
        return self.colour or self.border or self.flatten or self.despeckle

    @property
    def doubtful(self) -> bool:
        """True when the safety net should compare the cleaned reading with the raw page's: a step changed
        pixels, and not only the despeckler on a bi-level page, nor only the colour step (the raw page has its
        coloured marks removed too: it would be the same page). There the dots are what the fax added, and
        the raw rival (jagged strokes, not softened) reads worse by construction: measured on the 32
        development fax pages, CER 8.36 -> 8.35% and CPU 1.58 -> 1.40 s/page without the net."""
        return self.border or self.flatten or (self.despeckle and not self.soften)


def plan(stats: PageStats, settings: OCRSettings) -> Plan:
    """Choose the clean-up steps from the measurements (thresholds set on generated scans, see docs)."""
    p = Plan(deskew=settings.deskew)
    if settings.remove_stamps and stats.colour > 2e-4:
        p.colour = True
        p.reasons.append(f"coloured ink {stats.colour:.2%}")
    if settings.remove_borders and any(stats.border):
        p.border = True
        p.reasons.append(f"dark border {list(stats.border)} px")
    if settings.grayscale and not stats.bilevel:  # resampling a fax only smears its broken strokes
        # text too small for Tesseract is enlarged whatever the file declares (many images declare
        # nothing); a large scan is reduced only by its declared resolution (big print stays big)
        text_dpi = stats.text_dpi if stats.x_height else float(stats.dpi)
        if text_dpi < MIN_TEXT_DPI:
            p.scale = min(3.0, ENLARGE_TO_DPI / text_dpi)
            p.reasons.append(f"text size of {text_dpi:.0f} dpi -> {ENLARGE_TO_DPI}")
        elif stats.dpi > 1.15 * settings.dpi:
            p.scale = settings.dpi / stats.dpi
            p.reasons.append(f"{stats.dpi} dpi -> {settings.dpi}")
    if settings.binarize and not stats.bilevel and (stats.shading > 6 or stats.paper < 235):
        p.flatten = True
        p.reasons.append(f"uneven paper (level {stats.paper:.0f}, spread {stats.shading:.0f})")
    if settings.denoise and stats.specks > 0.02:
        p.despeckle = True
        p.reasons.append(f"specks {stats.specks:.2f} per letter")
    if settings.grayscale and stats.bilevel:
        p.soften = SOFTEN_SIGMA
        p.reasons.append(f"bi-level: text read softened (sigma {SOFTEN_SIGMA:g} px)")
        text_dpi = stats.text_dpi if stats.x_height else float(stats.dpi)
        if text_dpi > READ_TEXT_DPI * 1.05:
            p.read_scale = READ_TEXT_DPI / text_dpi
            p.reasons.append(f"bi-level text of {text_dpi:.0f} dpi read at {READ_TEXT_DPI}")
    return p


def soften(gray: np.ndarray, sigma: float) -> np.ndarray:
    """A bi-level page with grey edges (Gaussian blur of ``sigma`` px): what Tesseract reads best."""
    return cv2.GaussianBlur(gray, (0, 0), sigma) if sigma > 0 and gray.ndim == 2 else gray


def remove_colour_ink(rgb: np.ndarray) -> np.ndarray:
    """Gray page with coloured ink of any hue (stamps, incoming-mail stamps, signatures) turned to paper.

    Inside the box of each mark of coloured ink (``colour_marks``, found on a quarter-size copy), a
    pixel's gray is its brightest channel: coloured ink is bright in at least one channel (a red stamp
    in red, a blue or purple one in blue) while black print is dark in all three, so print under a
    stamp stays black with its anti-aliased edges. Elsewhere the usual luminance is kept: the colour
    fringes of black letters are left alone (the brightest channel would thin the letters).
    """
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(rgb, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    found = cv2.dilate(colour_marks(small).astype(np.uint8), np.ones((5, 5), np.uint8))
    n, _, stats, _ = components.with_stats(found)
    for x, y, w, h, _area in stats[1:]:
        ys, xs = slice(4 * y, 4 * (y + h)), slice(4 * x, 4 * (x + w))
        gray[ys, xs] = rgb[ys, xs].max(axis=2)
    return gray


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def remove_border(gray: np.ndarray, border: tuple[int, int, int, int], x_height: float) -> np.ndarray:
    """Paint the dark scan margin white, with the dark blobs that hang from it and the punch holes.

    The margin strips come from the measurement; a blob joined to the page edge that is far larger than
    a letter (lid shadow, torn edge) and a round blob the size of a punch hole in the outer eighth of the
    page go too. Letters never touch the edge of a scan, and no letter is round, solid and that big.
    """
    out = gray.copy()
    h, w = gray.shape
    t, b, l, r = border
    pad = max(2, int(x_height * 0.3))
    if t:
        out[:t + pad] = 255
    if b:
        out[h - b - pad:] = 255
    if l:
        out[:, :l + pad] = 255
    if r:
        out[:, w - r - pad:] = 255
    xh = x_height or 20.0
    ink = (out < 0.5 * float(np.percentile(out, 50))).astype(np.uint8)
    n, labels, stats, _ = components.with_stats(ink)
    x, y, bw, bh, area = (stats[:, k].astype(np.int64) for k in range(5))  # every blob at once (a screen of
    edge = (x == 0) | (y == 0) | (x + bw >= w) | (y + bh >= h)              # dots makes hundreds of thousands)
    solid = area >= 0.5 * bw * bh
    big = (np.maximum(bw, bh) >= 4 * xh) & (area >= 6 * xh * xh)
    margin = (x + bw < w / 8) | (x > 7 * w / 8) | (y + bh < h / 8) | (y > 7 * h / 8)
    hole = margin & (1.2 * xh <= bw) & (bw <= 5 * xh) & (0.75 * np.maximum(1, bh) <= bw) \
        & (bw <= 1.33 * np.maximum(1, bh)) & (area >= 0.6 * bw * bh)
    gone = (edge & big & solid) | hole
    gone[0] = False  # the paper
    for i in np.flatnonzero(gone):  # few: paint each through its own box
        sl = (slice(y[i], y[i] + bh[i]), slice(x[i], x[i] + bw[i]))
        out[sl][labels[sl] == i] = 255
    return out


def rescale(gray: np.ndarray, factor: float) -> np.ndarray:
    if abs(factor - 1.0) < 1e-3:
        return gray
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interp)


def skew_angle(gray: np.ndarray, limit: float = SKEW_LIMIT, step: float = 0.5) -> float:
    """The angle (degrees, for ``rotate``) that levels the text lines, found by projection profiles.

    Text rows give the sharpest horizontal projection when level: try angles on a small copy, every ``step``
    degrees within ``limit``, then every 0.1 degree around the best, and keep the one whose row sums vary most.
    """
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]  # 0/1, one byte a pixel
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        rows = cv2.reduce(turned, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel().astype(np.float64)
        return float(np.var(np.diff(rows)))

    best = max(np.arange(-limit, limit + 1e-6, step), key=score)
    if abs(best) >= limit and limit < STEEP_SKEW:  # the best at the edge of the search: the page may lean further
        best = max(np.arange(-STEEP_SKEW, STEEP_SKEW + 1e-6, 1.0), key=score)
    return float(max(np.arange(best - step, best + step + 1e-6, 0.1), key=score))


def worth_rotating(angle: float, width: int, x_height: float) -> bool:
    """A skew is corrected only when a text line across the page drifts by more than ``MAX_DRIFT``
    x-heights: Tesseract follows a baseline that drifts less by itself, while rotating resamples every
    letter (cubic interpolation), and Tesseract's reading changes with the pixels (measured on real
    pages: a 0.1 degree rotation moved CER by 1.4 points, on two of three pages for the worse)."""
    drift = abs(np.tan(np.radians(angle))) * width
    return drift > MAX_DRIFT * (x_height or 27.0) and abs(angle) >= 0.1


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


NEGATIVE_DARK = 0.5  # share of the page darker than its Otsu threshold over which it may be a negative
NEGATIVE_PAPER = 0.05  # share of the page: a light region this large is paper (a slip on a black lid), no letter


def is_negative(small: np.ndarray) -> bool:
    """Light print on a dark ground (a microfilm negative, a copier's inverted copy), from a gray copy of the
    page at any size (the reader uses a quarter-size one): most of the page is dark and no light region is
    larger than a letter or a ruling, whereas a sheet on a black scanner lid has its paper as one large light
    region."""
    dark = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    if dark.mean() <= NEGATIVE_DARK:
        return False
    n, _, stats, _ = components.with_stats(1 - dark)
    largest = int(stats[1:, cv2.CC_STAT_AREA].max()) if n > 1 else 0
    return largest < NEGATIVE_PAPER * small.size


def otsu(gray: np.ndarray) -> np.ndarray:
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def speckle_mask(bw: np.ndarray, max_area: int = 45, reach: int = 14) -> np.ndarray:
    """Small ink blobs far from any letter: dust and scanner speckles, not dots or diacritics.

    A tone mark or the dot of ạ sits within a few pixels of its letter, and "..." trails its word; a
    speckle in the white space has no larger ink within ``reach`` pixels above or below (2.5 x ``reach``
    sideways). ``despeckle`` sizes both from the page's x-height. A small blob next to a kept one is
    kept too, so the stacked marks of a capital (``Ổ``: hat, and the hook above the hat) survive.
    """
    ink = (bw < 128).astype(np.uint8)
    n, labels, stats, _ = components.with_stats(ink)
    area = stats[:, cv2.CC_STAT_AREA]
    small = np.flatnonzero(area[1:] <= max_area) + 1
    if small.size == 0:
        return np.zeros(bw.shape, bool)
    h, w = bw.shape
    x, y = stats[small, cv2.CC_STAT_LEFT], stats[small, cv2.CC_STAT_TOP]
    x0, x1 = np.clip(x - reach * 5 // 2, 0, w), np.clip(x + stats[small, cv2.CC_STAT_WIDTH] + reach * 5 // 2, 0, w)
    y0, y1 = np.clip(y - reach, 0, h), np.clip(y + stats[small, cv2.CC_STAT_HEIGHT] + reach, 0, h)
    anchored = area > max_area
    near = np.zeros(small.size, bool)
    for _ in range(2):  # a mark next to a kept mark is kept too (the hook above the hat of Ổ)
        lut = anchored.astype(np.uint8)
        lut[0] = 0  # the paper
        big_ink = lut[labels]
        integral = cv2.integral(big_ink)
        near = (integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]) > 0
        if anchored[small[near]].all():
            break
        anchored[small[near]] = True
    mask = np.zeros(bw.shape, bool)
    for i in small[~near]:  # few, and each tiny: paint them through their own boxes
        bx, by, bw_, bh = stats[i, :4]
        mask[by:by + bh, bx:bx + bw_] |= labels[by:by + bh, bx:bx + bw_] == i
    return mask


FRAGMENT_GAP = 5  # pixels (5 x 5 closing): the gaps a faint stroke breaks into on a fax
FRAGMENT_INK = 0.5  # speck areas: the least ink of the fragments of one broken glyph
FRAGMENT_TALLEST = 3  # glyph heights: a taller group is a broken ruling or a scratch, not a glyph
FRAGMENT_NARROWEST = 0.3  # glyph heights: a narrower group is a piece of a dashed ruling (a faint 1 has a foot)


def broken_glyphs(specks: np.ndarray, max_area: int, height: int) -> np.ndarray:
    """The specks (a boolean mask) that lie within ``FRAGMENT_GAP`` of each other in groups as tall as a glyph
    (``height`` pixels) and as inked as ``FRAGMENT_INK`` specks: a faint figure a fax broke into dust ("812" in
    thin strokes), which is text, not dust."""
    joined = cv2.dilate(specks.astype(np.uint8), np.ones((FRAGMENT_GAP, FRAGMENT_GAP), np.uint8))
    n, groups, stats, _ = components.with_stats(joined)
    if n <= 1:
        return np.zeros(specks.shape, bool)
    ink = np.bincount(groups[specks], minlength=n)
    tall, wide = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    keep = (tall >= height) & (tall <= FRAGMENT_TALLEST * height) & (ink >= FRAGMENT_INK * max_area) \
        & (wide - (FRAGMENT_GAP - 1) >= FRAGMENT_NARROWEST * height)
    keep[0] = False
    return keep[groups] & specks


def despeckle(image: np.ndarray, x_height: float) -> tuple[np.ndarray, int, np.ndarray | None]:
    """Remove specks far from letters (found at half resolution, or at the page's own where its x-height is under
    ``SPECK_HALF_X_HEIGHT``: a coarse fax's dots are a pixel across; painted out at full resolution).

    Sizes follow the page's x-height: a speck is at most a fifth of it across, and "far" is more than
    one x-height above/below any larger ink (2.5 sideways): a tone mark is closer to its letter.
    Also returns where, among what was painted out, specks grouped like a faint glyph a fax broke up
    (``broken_glyphs``; None when none): prose reads better without them (measured on the development
    fax pages and the real pages), a table's figure not (``restore_faint``).
    """
    xh = x_height or 27.0
    # at half size a speck of a pixel or two fades into the paper: small print is searched at its own size
    f = 0.5 if xh >= SPECK_HALF_X_HEIGHT else 1.0
    small = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else image
    side = max(2.0, SPECK_SIDE * xh * f)
    mask = speckle_mask(otsu(small), max_area=int(side * side), reach=max(4, int(round(SPECK_REACH * xh * f))))
    n = int(np.count_nonzero(mask))
    faint = None
    if n:
        glyphs = broken_glyphs(mask, int(side * side), max(3, int(round(GLYPH_HEIGHT * xh * f))))
        full = (image.shape[1], image.shape[0])
        grow = np.ones((5, 5) if f < 1 else (3, 3), np.uint8)  # a speck's grey fringe, a pixel or two
        if glyphs.any():
            faint = cv2.resize(glyphs.astype(np.uint8), full, interpolation=cv2.INTER_NEAREST)
            faint = cv2.dilate(faint, grow) > 0
        mask = cv2.resize(mask.astype(np.uint8) * 255, full, interpolation=cv2.INTER_NEAREST)
        image = cv2.max(image, cv2.dilate(mask, grow))  # paper (255) over each speck and its fringe
    return image, n, faint


def restore_faint(cleaned: np.ndarray, before: np.ndarray, faint: np.ndarray, grids: list, margin: float,
                  everywhere: bool = False) -> np.ndarray:
    """``cleaned`` with the faint glyphs despeckling painted out (``faint``, a mask) put back from ``before``
    (the page just before it) inside ``grids`` (the page's ruled tables: ``rulings.Grid``), or on the whole page
    when ``everywhere``, but never within ``margin`` pixels of a table's boundaries (a dashed ruling's dots): a
    figure a fax printed in thin broken strokes ("812") is text, and the cell pass sorts out its own specks."""
    keep = faint.copy() if everywhere else np.zeros_like(faint)
    m = int(round(margin))
    h, w = faint.shape[:2]
    for g in grids:
        x0, y0, x1, y1 = (int(round(v)) for v in (g.xs[0], g.ys[0], g.xs[-1], g.ys[-1]))
        ys, xs = slice(max(0, y0 - m), min(h, y1 + m + 1)), slice(max(0, x0 - m), min(w, x1 + m + 1))
        if not everywhere:
            keep[ys, xs] = faint[ys, xs]
        for x in g.xs:
            keep[ys, max(0, int(round(x)) - m):int(round(x)) + m + 1] = False
        for y in g.ys:
            keep[max(0, int(round(y)) - m):int(round(y)) + m + 1, xs] = False
    out = cleaned.copy()
    out[keep] = before[keep]
    return out


def clean_page(image: np.ndarray, settings: OCRSettings, dpi: int, stats: PageStats | None = None,
               keep_raw: bool = False, tilt: float | None = None) -> tuple[np.ndarray, dict]:
    """Measure the page (unless ``stats`` is given), run the steps its plan asks for; returns the image
    for Tesseract and what was done (``scale``, ``angle``, ``speckles``, ``plan``, ``stats``).

    ``keep_raw`` also puts in ``info["raw"]``, when the plan is doubtful (``Plan.doubtful``), the page
    with its coloured marks removed, then only grayed, resampled and levelled like the cleaned one (same
    frame, no other pixel changed): what the safety net reads then. ``tilt``: the deskew's angle, taken
    instead of measured (and applied even where the plan does not deskew).
    """
    stats = stats or measure(image, dpi)
    p = plan(stats, settings)
    info: dict = {"scale": 1.0, "angle": 0.0, "speckles": 0, "stats": stats, "plan": p}
    if image.ndim == 3 and p.colour and settings.grayscale:
        image = remove_colour_ink(image)
    original = image  # (the raw rival keeps black print where coloured marks were: it reads no stamp's ring)
    if image.ndim == 3 and settings.grayscale:
        image = to_gray(image)
    if image.ndim != 2:
        return image, info
    if p.border:
        image = remove_border(image, stats.border, stats.x_height)
    image = rescale(image, p.scale)
    info["scale"] = p.scale
    if p.deskew or tilt is not None:
        angle = skew_angle(image) if tilt is None else tilt
        if worth_rotating(angle, image.shape[1], stats.x_height * p.scale):
            info["angle"] = angle
            image = rotate(image, angle)  # a rotated fax keeps its gray edges: Tesseract likes them
    if keep_raw and p.doubtful:
        raw = rescale(to_gray(original), p.scale)
        info["raw"] = rotate(raw, info["angle"]) if info["angle"] else raw
    if p.flatten:
        image = flatten_background(image)
    if p.despeckle:
        before = image
        image, info["speckles"], faint = despeckle(image, stats.x_height * p.scale)
        if faint is not None:
            info["faint"] = (before, faint)  # for the tables found later (``restore_faint``)
    return image, info
