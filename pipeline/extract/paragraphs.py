"""Paragraph segmentation of a document's lines, for text that wraps and breaks across pages.

In the seed texts a paragraph is one line between blank lines; on a scan it wraps over several
lines and may continue on the next page. A line starts a new paragraph when:

* a blank line precedes it (or it is the document's first line);
* it starts a new item: ``-``, ``+``, ``•``, ``a)``, ``1.``, ``1.2.``, ``I.``, ``Đợt N``;
* it switches between a heading in capitals and ordinary text (either way);
* the line before it is a list item that closes a sentence and it opens a sum (``Toàn tỉnh ...``, ``Tổng cộng``);
* the layout says so. With line boxes (OCR, PDF text layer): the line is indented from its page's
  left margin, or the line before it ends short of the right margin and either closes a sentence
  or is followed by a capital. Tesseract's blocks are not used when boxes exist: they often cut
  a paragraph in two. Without boxes: a block change, or the same short-line test on character
  counts against the document's long lines.

Page breaks need no rule of their own: each line is measured against its own page's margins, so
a paragraph runs on over a break unless the next page's first line starts a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text import skeleton

Box = tuple[float, float, float, float]

_ITEM = re.compile(
    r"^[\s#*>«»“”\"'|]*(?:[-+•–—~·]|\*\s|[a-zđ]\)|\(\d{1,2}\)\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[ivxl]{1,4}[.)]\s|dot\s*\d{1,2}\b)"
)
# the words that sum what comes before them (match form): one list for every family's totals after their parts
SUM_WORDS = r"(?:tong cong|tong so|tinh chung|cong lai)"
_SUMMARY = re.compile(rf"^\s*(?:toan (?:tinh|huyen|xa|thanh pho|thi xa)|{SUM_WORDS}|nhu vay|cong(?: chung)?\s*:)\b",
                      re.I)
_SENTENCE_CLOSE = re.compile(r"[.:;!?][\s*”\"')]*$")
_FIRST_LETTER = re.compile(r"[^\W\d_]")

INDENT = 0.04  # of the body width: a first-line indent (body text indents about 8 %)
SHORT_GAP = 0.08  # of the body width: a line ending this far before the right margin is short
SHORT_CHARS = 0.8  # without boxes: a line under this share of the long lines' length is short
CAPS_MIN_LETTERS = 8  # fewer letters than this: too short to call a heading in capitals
CAPS_SHARE = 0.8


@dataclass
class LineLayout:
    """What segmentation needs of one line: its best text and, where OCR gave them, its layout."""

    text: str
    page: int
    box: Box | None = None
    block: int | None = None


@dataclass
class _Margins:
    left: float
    right: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _page_margins(lines: list[LineLayout]) -> dict[int, _Margins]:
    """Body margins per page, from the boxes of its wide lines (centred headers and stray marks
    are narrow and left out)."""
    by_page: dict[int, list[Box]] = {}
    for ln in lines:
        if ln.box is not None and ln.text.strip():
            by_page.setdefault(ln.page, []).append(ln.box)
    margins = {}
    for page, boxes in by_page.items():
        span = max(b[2] for b in boxes) - min(b[0] for b in boxes)
        wide = [b for b in boxes if b[2] - b[0] >= 0.5 * span] or boxes
        margins[page] = _Margins(_percentile([b[0] for b in wide], 0.1), _percentile([b[2] for b in wide], 0.9))
    return margins


def starts_item(text: str) -> bool:
    """Whether a line opens a list item, a numbered heading or a drive (``Đợt 2: ...``)."""
    return bool(_ITEM.match(skeleton(text)))


def in_capitals(text: str) -> bool | None:
    """Whether a line is a heading in capitals; None when it has too few letters to tell."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < CAPS_MIN_LETTERS:
        return None
    return sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters)


def _starts_capital(text: str) -> bool:
    m = _FIRST_LETTER.search(text)
    return bool(m) and m.group().isupper()


class _Segmenter:
    def __init__(self, lines: list[LineLayout]):
        self.lines = lines
        self.margins = _page_margins(lines)
        lengths = [len(ln.text.strip()) for ln in lines if ln.text.strip()]
        self.long_line = _percentile([float(n) for n in lengths], 0.9) if lengths else 0.0

    def _boxed(self, ln: LineLayout) -> bool:
        return ln.box is not None and ln.page in self.margins

    def _indented(self, ln: LineLayout) -> bool:
        m = self.margins[ln.page]
        return ln.box[0] - m.left > INDENT * m.width

    def _short(self, ln: LineLayout) -> bool:
        if self._boxed(ln):
            m = self.margins[ln.page]
            return m.right - ln.box[2] > SHORT_GAP * m.width
        return len(ln.text.strip()) < SHORT_CHARS * self.long_line

    def breaks(self, prev: LineLayout, cur: LineLayout) -> bool:
        """Whether ``cur`` starts a new paragraph after the non-blank line ``prev``."""
        if starts_item(cur.text):
            return True
        caps_prev, caps_cur = in_capitals(prev.text), in_capitals(cur.text)
        if caps_prev is not None and caps_cur is not None and caps_prev != caps_cur:
            return True
        boxed = self._boxed(prev) and self._boxed(cur)
        if boxed and self._indented(cur):
            return True
        if not boxed and prev.block is not None and cur.block is not None and prev.block != cur.block:
            return True
        if starts_item(prev.text) and _SENTENCE_CLOSE.search(prev.text) and _SUMMARY.match(skeleton(cur.text)):
            return True  # a list's last item closed, then its sum ("Toàn tỉnh tiếp nhận ...", "Tổng cộng ...")
        if starts_item(prev.text) and re.search(r"[.!?][\s”\"')]*$", prev.text) and _starts_capital(cur.text) \
                and not boxed:
            return True  # a typed list's last item closed by a full stop, then a sentence of its own ("So với ...")
        return self._short(prev) and (bool(_SENTENCE_CLOSE.search(prev.text)) or _starts_capital(cur.text))


def paragraph_ranges(lines: list[LineLayout]) -> list[tuple[int, int]]:
    """``(first, last)`` line indexes of every paragraph, in order; blank lines belong to none."""
    seg = _Segmenter(lines)
    ranges: list[tuple[int, int]] = []
    first = last = None
    for k, ln in enumerate(lines):
        if not ln.text.strip():
            if first is not None:
                ranges.append((first, last))
            first = None
            continue
        if first is not None and seg.breaks(lines[last], ln):
            ranges.append((first, last))
            first = None
        first = k if first is None else first
        last = k
    if first is not None:
        ranges.append((first, last))
    return ranges
