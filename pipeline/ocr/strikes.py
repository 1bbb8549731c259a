"""Strikes: a line drawn in pen through a passage of text (a correction, a draft's deletion, a reader's mark).

A thin dark line that runs through the middle of a line of letters joins them all into one shape: Tesseract
reads the passage as garbage or drops it, and the ruling finder may take the line for a table's rule (on a
real page struck through one line: 4.17 -> 8.03% CER, the struck words all lost; bare Tesseract 9.60 ->
12.32%). The words under the strike are still the document's text, and an auditor needs them.

``find`` looks on the cleaned page's ink for horizontal runs at least ``STRIKE_LENGTH`` x-heights long and no
thicker than ``STRIKE_THICK`` x-heights, that touch letters (ink within ``STRIKE_REACH`` x-height above or below)
along ``STRIKE_TOUCH`` of their length, lie outside every table and frame (``avoid``: the boxes of the ruled
regions; a table's cells are read by their own pass), and whose ends meet no stroke as tall as a frame's side.
A separator or a signature line has paper on both sides; a line through or under letters has them against it
(so has the rule under the motto where descenders reach it: it is filled too, which costs no word). ``erase``
fills each strike, column by column, from the pixels just above and just below it (a linear blend): a letter's
stroke that crosses the line is dark on both sides and stays dark, the line between letters becomes paper. A
letter's own horizontal stroke that lies exactly on the line (the bar of an ``e`` or ``đ``) goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.ocr.measure import two_levels

STRIKE_LENGTH = 5.0  # x-heights: the shortest strike (no row of a line of letters is inked this far unbroken)
STRIKE_THICK = 0.45  # x-heights: the thickest (median over its columns)
STRIKE_TOUCH = 0.3  # share of its columns with letters' ink just above or just below it
STRIKE_REACH = 0.35  # x-heights above and below the line where that ink is looked for
STRIKE_SIDE = 2.2  # x-heights: a stroke this tall at an end is a frame's side (no letter's stem is); the line, its rule
STRIKE_MOST = 8  # more than this on one page are no pen's work (a screen, a fused fax): none are taken


@dataclass(frozen=True)
class Strike:
    """A strike over columns ``x0``..``x0 + len(top) - 1``: in each, rows ``top[i]`` to ``bottom[i]`` (inclusive)."""

    x0: int
    top: tuple[int, ...]
    bottom: tuple[int, ...]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.x0, min(self.top), self.x0 + len(self.top), max(self.bottom) + 1


def find(gray: np.ndarray, x_height: float, avoid: list[tuple[float, float, float, float]] = ()) -> list[Strike]:
    """The strikes on a cleaned grayscale page whose text has ``x_height`` px (0: none looked for); none that
    meets a box of ``avoid`` (x0, y0, x1, y1: the page's tables and frames)."""
    if gray.ndim != 2 or x_height <= 0:
        return []
    h, w = gray.shape
    length = max(20, int(round(STRIKE_LENGTH * x_height)))
    if w < length:
        return []
    ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    contours, _ = cv2.findContours(runs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)  # few, on a sparse image
    reach = max(2, int(round(STRIKE_REACH * x_height)))
    found = []
    for contour in contours:
        x, y, bw, bh = cv2.boundingRect(contour)
        if bw < length or any(x < a[2] and a[0] < x + bw and y - 2 < a[3] and a[1] < y + bh + 2 for a in avoid):
            continue
        mine = np.zeros((bh, bw), np.uint8)
        cv2.drawContours(mine, [contour], -1, 1, cv2.FILLED, offset=(-x, -y))
        mine = (mine & runs[y:y + bh, x:x + bw]).astype(bool)
        if not mine.any(axis=0).all():  # one piece: every column of its span holds some of it
            continue
        top = mine.argmax(axis=0)
        bottom = bh - 1 - mine[::-1].argmax(axis=0)
        if np.median(bottom - top + 1) > STRIKE_THICK * x_height:
            continue
        # the page's ink (not the run's) in the strips just above and just below it, per column
        y0, y1 = max(0, y - reach - 1), min(h, y + bh + reach + 2)
        cum = np.vstack([np.zeros((1, bw), np.int32), np.cumsum(ink[y0:y1, x:x + bw], axis=0, dtype=np.int32)])
        top, bottom = top + y - y0, bottom + y - y0  # rows of the strip
        above = _column_ink(cum, top - 1 - reach, top - 1)
        below = _column_ink(cum, bottom + 2, bottom + 2 + reach)
        if np.mean(above | below) < STRIKE_TOUCH:
            continue
        top, bottom = top + y0, bottom + y0  # rows of the page
        if any(_side(ink, int(c), int(top[k]), int(bottom[k])) >= STRIKE_SIDE * x_height
               for k, c in ((0, x), (bw - 1, x + bw - 1))):
            continue  # a rule of a frame the ruling finder missed (a stamp's, on a blurred copy)
        found.append(Strike(int(x), tuple(int(v) for v in top), tuple(int(v) for v in bottom)))
    return found if len(found) <= STRIKE_MOST else []


def _side(ink: np.ndarray, x: int, top: int, bottom: int, near: int = 3) -> int:
    """The tallest run of ink through rows ``top``..``bottom`` in the columns within ``near`` of ``x``."""
    tallest = 0
    for c in range(max(0, x - near), min(ink.shape[1], x + near + 1)):
        col = ink[:, c]
        if not col[top:bottom + 1].any():
            continue
        y0 = top + int(np.argmax(col[top:bottom + 1]))
        up = col[:y0][::-1]
        down = col[y0:]
        a = int(np.argmin(up)) if not up.all() else up.size
        b = int(np.argmin(down)) if not down.all() else down.size
        tallest = max(tallest, a + b)
    return tallest


def _column_ink(cum: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """Per column ``i`` of a strip of the page: whether its ink (``cum``: the running sums down each column, a row
    of zeros first) has a pixel in rows ``y0[i]`` (inclusive) to ``y1[i]`` (exclusive)."""
    h, xs = cum.shape[0] - 1, np.arange(cum.shape[1])
    y0, y1 = np.clip(y0, 0, h), np.clip(y1, 0, h)
    return (cum[y1, xs] - cum[y0, xs]) > 0


def erase(image: np.ndarray, strikes: list[Strike]) -> np.ndarray:
    """``image`` (gray) with each strike, a pixel wider each way, filled from the pixels just above and below;
    a bi-level page stays bi-level."""
    if not strikes:
        return image
    out = image.copy()
    h = out.shape[0]
    bilevel = two_levels(image)
    for s in strikes:
        for i, (t, b) in enumerate(zip(s.top, s.bottom)):
            x = s.x0 + i
            t, b = max(0, t - 1), min(h - 1, b + 1)
            up, down = float(out[max(0, t - 1), x]), float(out[min(h - 1, b + 1), x])
            k = b - t + 1
            fill = up + (down - up) * (np.arange(1, k + 1) / (k + 1))
            out[t:b + 1, x] = np.where(fill < 128, 0, 255) if bilevel else np.round(fill)
    return out
