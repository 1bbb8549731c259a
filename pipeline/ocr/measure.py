"""Measure a page before cleaning it: text size, contrast, noise, stroke width, colour marks, borders.

The clean-up (``preprocess.plan``) chooses each step from these figures instead of applying every step
to every page: a step that helps a speckled fax hurts a clean render (bold capitals lose their marks to
a despeckler tuned for dust). All figures come from one Otsu threshold of a half-size copy and its
connected components, so measuring costs a few tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import cv2
import numpy as np

from pipeline.ocr import components

# x-height (px) of body text in a 13-14 pt serif face at 300 dpi (measured on the generated scans)
X_HEIGHT_AT_300 = 27.0


@dataclass
class PageStats:
    """What the page looks like. Lengths are in pixels of the image measured."""

    width: int
    height: int
    dpi: int  # as declared by the file (300 when it says nothing)
    bilevel: bool  # only black and white pixels: a fax or a 1-bit scan
    colour: float  # share of pixels in saturated (coloured) ink, any hue
    paper: float  # gray level of the paper
    ink: float  # gray level of the print
    shading: float  # spread of the paper level across the page (0 = even)
    x_height: float  # most common height of lower-case letter bodies (0: no text found)
    stroke: float  # median stroke width
    specks: float  # isolated dots far from any letter, per letter-sized component
    components: int  # letter-sized components (0: no text)
    border: tuple[int, int, int, int]  # dark scan margin width at top, bottom, left, right (0: none)

    @property
    def contrast(self) -> float:
        return self.paper - self.ink

    @property
    def text_dpi(self) -> float:
        """The resolution the text size implies (13-14 pt body text), whatever the file declares."""
        return 300.0 * self.x_height / X_HEIGHT_AT_300 if self.x_height else float(self.dpi)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["border"] = list(self.border)
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in d.items()}


def is_bilevel(gray: np.ndarray) -> bool:
    """Only black and white pixels (a fax, a 1-bit scan)."""
    return np.count_nonzero((gray > 10) & (gray < 245)) < gray.size * 0.001


def two_levels(image: np.ndarray) -> bool:
    """Only pixels of 0 and 255 (every seventh row and column looked at): a fax as its file holds it, which
    whatever fills a line on it must leave bi-level."""
    return image.ndim == 2 and bool(np.isin(image[::7, ::7], (0, 255)).all())


def colour_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels of coloured ink of any hue (red or blue stamps, purple incoming-mail stamps, blue pens).

    Saturation measured against the pixel's own brightness: black print is unsaturated whatever
    the scanner's colour cast, and print under a stamp stays dark (stamp ink multiplies).
    """
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    s, v = hsv[..., 1], hsv[..., 2]
    return (s >= 70) & (v >= 70)


def colour_marks(small_rgb: np.ndarray, min_area: int = 40) -> np.ndarray:
    """Coloured ink on a quarter-size copy that forms marks (stamp rings and text, pen strokes), not the
    colour fringes a colour scanner or JPEG leaves along black letters (thin, and gone after an opening)."""
    mask = cv2.morphologyEx(colour_mask(small_rgb).astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    n, labels, stats, _ = components.with_stats(mask)
    keep = np.zeros(n, bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    return keep[labels]


LINED_SHARE = 0.5  # of a height's components in rows of letters: that height is the text's


def _peaks(hist: np.ndarray, share: float = 0.05, most: int = 4) -> list[int]:
    """The heights where ``hist`` has a local maximum of at least ``share`` of its highest, highest first."""
    top = hist.max()
    found = [i for i in range(1, len(hist) - 1)
             if hist[i] >= share * top and hist[i] >= hist[i - 1] and hist[i] > hist[i + 1]]
    return sorted(found, key=lambda i: -hist[i])[:most]


def text_height(heights: np.ndarray, boxes: np.ndarray, labels: np.ndarray, lo: float = 3, hi: float = 80) -> float:
    """The most common height of letters that stand in a line of text (``heights``: of the page's
    letter-like components, ``boxes`` their (x, y, w, h), ``labels`` the component image, component
    ``i`` labelled ``i + 1``).

    The plain mode of component heights is the text's x-height on a page of text; on a page of a few
    lines among scanner dust (a signature page, a poor copy), the dots outnumber the letters and the
    mode is the dust's size. The peaks of the height histogram are tried, most common first: the
    components of letter-like size around a peak's height are smeared sideways by a fraction of it, and
    the first peak with at least ``LINED_SHARE`` of its components in a group of three or more (letters
    in a row; dust lies alone) is the text's."""
    values = heights[(heights >= lo) & (heights <= hi)].astype(float)
    if values.size == 0:
        return 0.0
    hist = np.bincount(np.round(values).astype(int), minlength=int(hi) + 2).astype(float)
    hist = np.convolve(hist, [0.25, 0.5, 0.25], mode="same")
    peaks = _peaks(hist)
    if len(peaks) <= 1:
        return float(np.argmax(hist))
    for peak in peaks:
        near = (heights >= 0.5 * peak) & (heights <= 2.5 * peak)
        lut = np.zeros(len(heights) + 1, np.uint8)
        lut[1:][near] = 1
        smear = cv2.dilate(lut[labels], np.ones((1, max(2, round(0.8 * peak))), np.uint8))
        n, groups = components.labels(smear)
        mine = np.flatnonzero(np.abs(heights - peak) <= max(1.0, 0.15 * peak))
        x, y, w, h = boxes[mine].T
        of = groups[y + h // 2, x + w // 2]  # the group of each of the peak's components (at its centre)
        bx, by, bw, bh = boxes[near].T
        members = np.bincount(groups[by + bh // 2, bx + bw // 2], minlength=n)
        if np.count_nonzero((of > 0) & (members[of] >= 3)) >= LINED_SHARE * len(mine):
            return float(peak)
    return float(peaks[0])


def dark_border(ink: np.ndarray, min_run: float = 0.6) -> tuple[int, int, int, int]:
    """Width of the dark frame a scanner leaves around a page (lid shadow, the edge of the glass).

    A border row is one mostly inked over at least ``min_run`` of its length; only rows touching the
    edge count, so a table rule or a black bar inside the page never does.
    """
    def run(profile: np.ndarray) -> int:
        n = 0
        for v in profile:
            if v < min_run:
                break
            n += 1
        # a thin gray edge before the black one: allow one light row at the very edge
        return n

    h, w = ink.shape
    limit_h, limit_w = h // 8, w // 8
    rows, cols = ink.mean(axis=1), ink.mean(axis=0)
    top = run(rows[:limit_h])
    bottom = run(rows[::-1][:limit_h])
    left = run(cols[:limit_w])
    right = run(cols[::-1][:limit_w])
    return top, bottom, left, right


def median_of_counts(counts: np.ndarray) -> float:
    """The median of the values whose counts ``counts[v]`` gives (a histogram of uint8 pixels), as
    ``np.percentile(values, 50)`` computes it (the two middle values averaged), without gathering the values."""
    total = int(counts.sum())
    position = (total - 1) / 2
    below = np.cumsum(counts)
    lo = int(np.searchsorted(below, int(np.floor(position)), side="right"))
    hi = int(np.searchsorted(below, int(np.ceil(position)), side="right"))
    return float(lo + (hi - lo) * (position - np.floor(position)))


def measure(image: np.ndarray, dpi: int) -> PageStats:
    """Measure a page (gray or RGB uint8) as it came from the file."""
    colour = 0.0
    if image.ndim == 3:
        small_rgb = cv2.resize(image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
        colour = float(colour_marks(small_rgb).mean())
        gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    else:
        gray = image
    h, w = gray.shape
    bilevel = is_bilevel(gray)
    half = gray if min(h, w) < 1200 else cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    f = gray.shape[0] / half.shape[0]
    thr, bw = cv2.threshold(half, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = bw > 0
    border = tuple(int(round(b * f)) for b in dark_border(ink))
    t, b_, l, r = (int(round(v / f)) for v in border)
    inner = ink[t:ink.shape[0] - b_, l:ink.shape[1] - r]
    inner_gray = half[t:half.shape[0] - b_, l:half.shape[1] - r]
    ink_hist = np.bincount(inner_gray[inner], minlength=256)
    paper_hist = np.bincount(inner_gray.ravel(), minlength=256) - ink_hist
    paper = median_of_counts(paper_hist) if paper_hist.any() else 255.0
    inkv = median_of_counts(ink_hist) if ink_hist.any() else 0.0
    # shading: paper level in a coarse grid of tiles (ink ignored via a max filter)
    tiles = cv2.resize(cv2.dilate(inner_gray, np.ones((9, 9), np.uint8)), (8, 8), interpolation=cv2.INTER_AREA)
    shading = float(np.percentile(tiles, 90) - np.percentile(tiles, 10))

    n, _labels, stats, _ = components.with_stats(inner.astype(np.uint8))
    hh, ww, area = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_AREA]
    # letter-like: not a line or a blot, between 3 and 80 px high at this scale
    letter = (hh >= 3) & (hh <= 80) & (ww <= 2.5 * hh) & (ww >= 1) & (area >= 0.15 * hh * ww)
    x_height = text_height(np.where(letter, hh, 0), stats[1:, :4], _labels) * f if letter.any() else 0.0
    stroke = 0.0
    if letter.any():
        dist = cv2.distanceTransform(inner.astype(np.uint8), cv2.DIST_L2, 3)
        ridge = dist[(dist >= 1) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)) - 1e-6)]
        stroke = float(2 * np.median(ridge) * f) if ridge.size else 0.0
    specks = 0.0
    if x_height:
        xh = x_height / f
        tiny = (hh <= max(2, 0.2 * xh)) & (ww <= max(2, 0.2 * xh))
        big = letter & (hh >= 0.5 * xh)
        if big.any() and tiny.any():
            # a speck has no letter within one x-height: count those with an integral image of letter boxes
            occ = np.zeros(inner.shape, np.uint8)
            for x, y, bw_, bh in stats[1:][big][:, :4]:
                occ[y:y + bh, x:x + bw_] = 1
            integral = cv2.integral(occ)
            r = int(round(xh))
            x, y = stats[1:][tiny][:, 0], stats[1:][tiny][:, 1]
            x0, x1 = np.clip(x - r, 0, inner.shape[1]), np.clip(x + r, 0, inner.shape[1])
            y0, y1 = np.clip(y - r, 0, inner.shape[0]), np.clip(y + r, 0, inner.shape[0])
            near = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
            specks = float(np.count_nonzero(near == 0)) / max(1, int(big.sum()))
    return PageStats(width=w, height=h, dpi=int(dpi), bilevel=bilevel, colour=colour, paper=paper, ink=inkv,
                     shading=shading, x_height=float(x_height), stroke=stroke, specks=specks,
                     components=int(letter.sum()), border=border)
