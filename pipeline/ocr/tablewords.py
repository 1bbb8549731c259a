"""Words of a page placed in a table: the records the table reader and the cell pass share.

A ``PWord`` is a word of the page text (``Line.words``) with where it sits in that text (line number,
character offsets), so a cell built from it can point back at the page. A ``GridCell`` is one cell of
a finished grid with the words whose centres fall in it and, when the cell pass replaced them, its new
reading. Scans add marks that are no text: what a ruling leaves behind (``|``, ``_``, ``—``), specks
read as a quote or a lone letter; ``is_mark`` and ``is_speck`` tell them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from pipeline.model import Box, Line

MARK_CONF = 60.0  # a mark (dash, quote) read below this confidence is a speck, not a "-" for nothing
SPECK_CONF = 30.0  # a lone letter read below this confidence is a speck
SPECK_HEIGHT = 0.3  # a mark lower than this share of the text height is a speck


@dataclass
class PWord:
    """A page word placed in a table: its text, box and confidence, and where it is in the page text."""

    text: str
    box: Box
    conf: float | None
    line: int  # Line.number
    start: int
    end: int

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass
class GridCell:
    """One cell of a finished grid: its top-left band (row, col), its spans, the words it holds."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    words: list[PWord] = field(default_factory=list)
    text: str | None = None  # a better reading than the page words (cell pass, trimmed figure)
    conf: float | None = None  # the confidence of that reading

    @property
    def page_text(self) -> str:
        """The page words in reading order, several text lines joined with a space."""
        return " ".join(w.text for row in text_rows(self.words) for w in row)

    @property
    def mean_conf(self) -> float:
        confs = [w.conf for w in self.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else 0.0

    @property
    def min_conf(self) -> float:
        return min((w.conf for w in self.words if w.conf is not None), default=100.0)


def words_in(lines: list[Line], box: Box) -> list[PWord]:
    """The page words whose centres lie inside ``box``."""
    out = []
    for line in lines:
        for w in line.words:
            if w.box is None:
                continue
            cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
            if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
                out.append(PWord(w.text, w.box, w.conf, line.number, w.start, w.end))
    return out


def union_box(boxes) -> Box | None:
    """The box round ``boxes`` (None when there are none)."""
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def is_mark(text: str) -> bool:
    """A word without a letter or a digit: a dash, a bar, a quote ("(%)" is no mark: it has %)."""
    return not any(ch.isalnum() or ch in "%()" for ch in text)


def is_speck(text: str, conf: float | None, height: float, text_height: float) -> bool:
    """A mark read with little confidence or far smaller than the text, letters read with little
    confidence into a dot, or a lone letter read with almost none: dust, not a character of the
    table."""
    conf = 100.0 if conf is None else conf
    if is_mark(text):
        return conf < MARK_CONF or height < SPECK_HEIGHT * text_height
    if height < SPECK_HEIGHT * text_height and conf < MARK_CONF:  # letters read into a dot
        return True
    return len(text) == 1 and not text.isdigit() and conf < SPECK_CONF


def text_rows(words: list[PWord]) -> list[list[PWord]]:
    """Words grouped into text lines, top to bottom, each left to right: a word joins the line above
    when they overlap vertically by half the height of the shorter (a dash or a comma is lower and
    shorter than its neighbours, a capital with a mark taller)."""
    rows: list[list[PWord]] = []
    for w in sorted(words, key=lambda w: w.cy):
        if rows:
            top, bottom = median(x.box[1] for x in rows[-1]), median(x.box[3] for x in rows[-1])
            overlap = min(bottom, w.box[3]) - max(top, w.box[1])
            if overlap >= 0.5 * min(bottom - top, w.height):
                rows[-1].append(w)
                continue
        rows.append([w])
    return [sorted(r, key=lambda w: w.box[0]) for r in rows]


def trim_marks(words: list, text_of=lambda w: w.text) -> list:
    """The words of one text line without the marks at its start and end (left-overs of a ruling),
    unless marks are all it holds."""
    out = list(words)
    while len(out) > 1 and is_mark(text_of(out[0])):
        out.pop(0)
    while len(out) > 1 and is_mark(text_of(out[-1])):
        out.pop()
    return out


def text_height(words: list[PWord]) -> float:
    """The median height of the words that are not marks (1.0 when there are none)."""
    return median([w.height for w in words if not is_mark(w.text)] or [1.0])


def empty_strips(rows: list[list[PWord]], a: float, b: float, min_width: float, allowed: int = 0) -> list[float]:
    """Middles of the strips of [a, b], at least ``min_width`` wide, that the words of all but
    ``allowed`` of ``rows`` leave empty, with words on both sides (not the margins)."""
    import numpy as np

    xs = np.arange(a, b, max(1.0, min_width / 8))
    hits = np.zeros(len(xs))
    for row in rows:
        covered = np.zeros(len(xs), bool)
        for w in row:
            covered |= (xs >= w.box[0]) & (xs <= w.box[2])
        hits += covered
    empty = hits <= allowed
    return [float((xs[i] + xs[j]) / 2) for i, j in runs(len(xs), lambda k: bool(empty[k]))
            if xs[j] - xs[i] >= min_width and hits[:i].any() and hits[j + 1:].any()]


def runs(n: int, keep, joins=lambda k: True) -> list[tuple[int, int]]:
    """Maximal ranges ``(i, j)`` (inclusive) of consecutive indices below ``n`` where ``keep(k)``
    holds, two neighbours ``k``, ``k + 1`` in one range only where ``joins(k)``."""
    out: list[tuple[int, int]] = []
    for k in range(n):
        if not keep(k):
            continue
        if out and out[-1][1] == k - 1 and joins(k - 1):
            out[-1] = (out[-1][0], k)
        else:
            out.append((k, k))
    return out
