"""Streaks: thin dark lines a scanner or fax draws across the whole page, through the text.

Dirt on a sheet-fed scanner's glass or on a fax machine's read head draws a line along the direction the paper
travels, from one edge of the page to the other, through margins and letters alike. Left on the page it is read
as a column ruling: the layout cuts every line of text at it and the ruling finder makes a table of it with the
rule under a heading (a real page: 8.5% CER for bare Tesseract, 34% for the pipeline). No ruling of a document
reaches the paper's edges: a table's lines end at the table, a frame's at its corners, both inside the margins.

``find`` looks for runs of a few columns (rows) dark along most of the page, that are dark in the outer strip of
the page at both ends, and no wider than a stroke (a scan's dark border is wide, and the border step's);
``erase`` fills each streak from the pixels beside it, row by row (a letter's stroke crossing the streak is
dark on both sides and stays dark; paper on both sides becomes paper).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.ocr.measure import two_levels

STREAK_COVER = 0.6  # share of the page's length a streak is dark along (it may break; a letter's stem is short)
STREAK_END = 0.03  # the outer strip at each end of the page (a share of its length) where a streak must be dark
STREAK_END_COVER = 0.5  # ... along at least this share of that strip
STREAK_FRINGE = 0.3  # cover of the columns beside a streak counted as its blurred edge
STREAK_WIDEST = 0.008  # of the page's width (height): a wider dark band is a border or a shadow, not a streak
STREAK_MARGIN = 0.02  # of the page's width (height): the outer strip left to the border step
STREAK_MOST = 6  # more lines than this from edge to edge one way are a screen (a halftone's dots), not dirt


@dataclass(frozen=True)
class Streak:
    """A streak: ``axis`` 0 runs down the page (columns ``start`` to ``stop``, exclusive), 1 across it (rows)."""

    axis: int
    start: int
    stop: int


def _runs(candidate: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of True in a 1-d boolean array."""
    padded = np.concatenate([[False], candidate, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist()))


def _along(dark: np.ndarray, axis: int) -> list[Streak]:
    """Streaks running along ``axis`` (0: down the page) of a boolean ink mask."""
    length, across = dark.shape[axis], dark.shape[1 - axis]
    end = max(2, int(round(STREAK_END * length)))
    cover = dark.mean(axis=axis)
    head = dark[:end].mean(axis=0) if axis == 0 else dark[:, :end].mean(axis=1)
    tail = dark[-end:].mean(axis=0) if axis == 0 else dark[:, -end:].mean(axis=1)
    core = (cover >= STREAK_COVER) & (head >= STREAK_END_COVER) & (tail >= STREAK_END_COVER)
    margin, widest = int(STREAK_MARGIN * across), max(3, int(round(STREAK_WIDEST * across)))
    found = []
    for start, stop in _runs(core):
        while start > 0 and cover[start - 1] >= STREAK_FRINGE:  # its blurred edges
            start -= 1
        while stop < across and cover[stop] >= STREAK_FRINGE:
            stop += 1
        if stop - start > widest or start < margin or stop > across - margin:
            continue
        if not found or found[-1].stop <= start:  # a run whose edges joined its neighbour's is that streak
            found.append(Streak(axis, start, stop))
    return found if len(found) <= STREAK_MOST else []


STEP = 4  # every fourth row (column) is enough to tell a line from edge to edge


def find(gray: np.ndarray) -> list[Streak]:
    """The streaks of a grayscale page (ink: no lighter than the page's Otsu threshold, nor than halfway from its
    paper to its ink), looked for on every
    ``STEP``-th row (for lines down the page) and column (across it)."""
    if gray.ndim != 2 or min(gray.shape) < 16 * STEP:
        return []
    sample = np.ascontiguousarray(gray[::STEP, ::STEP])
    otsu, _ = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    share = np.cumsum(np.bincount(sample.ravel(), minlength=256)) / sample.size
    ink, paper = int(np.searchsorted(share, 0.01)), int(np.searchsorted(share, 0.5))  # 1st and 50th percentiles
    # on a bi-level page Otsu may split anywhere between black and white (a grey streak falls either side)
    threshold = max(otsu, (paper + ink) / 2)
    return _along(gray[::STEP] <= threshold, 0) + _along(gray[:, ::STEP] <= threshold, 1)


def erase(image: np.ndarray, streaks: list[Streak]) -> np.ndarray:
    """``image`` (gray or colour) with each streak filled across from the pixels on its two sides (a linear
    blend); a bi-level page stays bi-level."""
    if not streaks:
        return image
    out = image.copy()
    bilevel = two_levels(image)
    for s in streaks:
        view = out if s.axis == 0 else out.swapaxes(0, 1)  # columns of ``view`` run along the streak
        width = view.shape[1]
        left = view[:, max(0, s.start - 1)].astype(np.float32)
        right = view[:, min(width - 1, s.stop)].astype(np.float32)
        n = s.stop - s.start
        for k in range(n):
            t = (k + 1) / (n + 1)
            fill = (1 - t) * left + t * right
            if bilevel:
                fill = np.where(fill < 128, 0, 255)
            view[:, s.start + k] = np.round(fill).astype(image.dtype)
    return out
