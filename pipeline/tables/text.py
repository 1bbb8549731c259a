"""Tables in plain text: typed with runs of spaces or ``|`` between cells, or OCR'd with single spaces.

Two readers, both producing raw tables (every row ``DATA``; ``interpret`` decides header and total rows):

* **Spaced** (a typist's text, a text layer, ``|`` rows): a header line of cells two or more spaces apart (or
  between ``|``) whose words name column meanings, then the lines below it down to a blank line. Columns start
  where the header cells start; a cell belongs to the column it overlaps most, else the last column starting at
  or before it. A line of one cell inside a table continues the row above (a wrapped name).
* **Aligned tokens** (OCR text that lost the spacing, the old archives): a run of lines that each end in the same
  number of numeric tokens, under header lines whose words name the columns. Numbers fill the numeric columns
  from the right, a leading integer is the row number, a date token the date column, the rest the text column.

A table that reaches the end of a page continues on the next page when the rows there have its shape (a header
repeated there is kept as a header row; ``interpret`` drops it from the data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline import syllables
from pipeline.model import Cell, Column, Document, Row, RowKind, Table, TableSource, make_span
from pipeline.tables.interpret import UNPLACED
from pipeline.tables.transpose import MIN_ACROSS, across_head
from pipeline.tables.vocabulary import COUNT_HEADER, UNIT_LINE, header_meaning, is_total_label, names_a_column
from pipeline.text import match_form, normalize_ws

_SPACED = re.compile(r"\S+(?: \S+)*")  # runs separated by two or more spaces
_TOKEN = re.compile(r"\S+")
_NUMERIC = re.compile(r"^[(\[]?[-+]?\d[\d.,]*%?[)\]]?[.,;:]?$")
_UNIT_AFTER = re.compile(r"^(?:ml|l|lit|lít|kg|g|%|cc)\W*$", re.I)
_DATE = re.compile(r"^\d{1,2}(?:-\d{1,2})?/\d{1,2}(?:/\d{2,4})?$")
MIN_COLUMNS = 3
MIN_MEANINGFUL = 2  # header cells that must name a meaning
MIN_ALIGNED_ROWS = 3  # rows of numbers that make a table without spacing


@dataclass
class _Line:
    page: int
    number: int
    text: str  # best text (restored where restoration ran)
    restored: bool


RULE_LINE = re.compile(r"^\s*[+|:]?(?:[-=_]{3,}[+|:]?)+\s*$")


def _lines(doc: Document) -> list[list[_Line]]:
    return [[_Line(p.number, l.number, l.best, l.restored is not None) for l in p.lines] for p in doc.pages]


def _cells_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of a line: between ``|`` when it has them, else runs two spaces apart."""
    slots = _pipe_slots(text)
    if slots is not None:
        return [c for c in slots if c is not None]
    return [(m.start(), m.end()) for m in _SPACED.finditer(text)]


def _pipe_slots(text: str) -> list[tuple[int, int] | None] | None:
    """The cells of a line written with ``|`` between them, in order, an empty one as None (``Cộng | | 700``);
    None for a line without two bars. Bars at the line's ends open and close it, no cell."""
    if text.count("|") < 2:
        return None
    body = text.strip()
    lead = len(text) - len(text.lstrip())
    if body.startswith("|"):
        body, lead = body[1:], lead + 1
    body = body[:-1] if body.endswith("|") else body
    out: list[tuple[int, int] | None] = []
    pos = lead
    for seg in body.split("|"):
        inner = seg.strip()
        start = pos + len(seg) - len(seg.lstrip())
        out.append((start, start + len(inner)) if inner else None)
        pos += len(seg) + 1
    return out


def _edge_slots(text: str, header: str, slots, n_columns: int):
    """A row whose bar at its start (or end) stands for an empty first (last) cell, under a header written
    without one there (``| Toàn huyện | 900`` under ``STT | Xã | Chỉ tiêu``): its slots with that cell put back,
    when that gives the header's number of cells."""
    if slots is None or len(slots) >= n_columns:
        return slots
    if text.lstrip().startswith("|") and not header.lstrip().startswith("|"):
        slots = [None] + slots
    if len(slots) < n_columns and text.rstrip().endswith("|") and not header.rstrip().endswith("|"):
        slots = slots + [None]
    return slots if len(slots) == n_columns else slots


_SPACED_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+$")  # "9 453": one figure, its thousands set off by a space


def _header_score(cells: list[str]) -> int:
    """Header cells that name a meaning or a year alone (``Năm 2021 | Năm 2022``: the years side by side), or a
    count of people (``Số người``)."""
    return sum(names_a_column(c) or bool(COUNT_HEADER.match(normalize_ws(match_form(c)))) for c in cells)


def _two_columns(text: str, spans, rows: list[str]) -> bool:
    """A header of two cells (``Nội dung      Số người``): names and one count, when its second cell names a count
    and the rows below each end in a number far from their words."""
    if len(spans) != 2 or len(rows) < 2:
        return False
    second = text[spans[1][0]:spans[1][1]]
    m = header_meaning(second)
    if (m is None or m.text) and not COUNT_HEADER.match(normalize_ws(match_form(second))) \
            or _NUMERIC.match(text[spans[0][0]:spans[0][1]]):
        return False
    return all(len(c := _cells_of(b)) >= 2 and _NUMERIC.match(b[c[-1][0]:c[-1][1]])
               and not _NUMERIC.match(b[c[0][0]:c[0][1]]) for b in rows)


def _is_header(text: str, below: list[str]) -> list[tuple[int, int]] | None:
    """The cells of a header line whose rows below are split the same way (2+ spaces or ``|``)."""
    spans = _cells_of(text)
    if len(spans) >= 2 and "|" not in text and _ruled_header(text, spans, below):
        return spans  # "Loại vắc xin   Số liều   Đối tượng" over "----------   -------   ---------": a ruled header
    rows = [b for b in below if b.strip()][:3]
    if rows and not any(len(_cells_of(b)) >= max(2, len(spans) - 2) for b in rows):
        return None  # the rows below lost their spacing: the aligned reader reads them
    if any(re.search(r"(?:^| )\d[\d.,]* \d[\d.,]*(?= |$)", b[s:e]) and not _SPACED_THOUSANDS.match(b[s:e].strip())
           for b in rows for s, e in _cells_of(b)):
        return None  # figures one space apart inside a cell: OCR lost the spacing of its columns (a note's words
        # with numbers among them, "Có 2 người hiến lần thứ 10", are a note)
    if len(spans) < MIN_COLUMNS and not _two_columns(text, spans, rows):
        return None
    cells = [text[s:e] for s, e in spans]
    if len(cells) == 2:
        return spans
    if any(_NUMERIC.match(c) and not re.fullmatch(r"(19|20)\d\d", c) for c in cells):
        return None  # a header holds no figures
    if _header_score(cells) >= max(MIN_MEANINGFUL, len(cells) // 2):
        return spans
    # written across (``Nội dung | TP Lai Châu | Tam Đường | ... | Toàn tỉnh``): units or drives over the columns,
    # quantities naming the rows below
    firsts = [b[s:e] for b in rows if (c := _cells_of(b)) for s, e in c[:1]]
    named = [f for f in firsts if (m := header_meaning(f)) is not None and not m.text]
    if len(cells) > MIN_ACROSS and all(across_head(c) for c in cells[1:]) and len(named) >= 2 \
            and len(named) * 2 >= len(firsts):
        return spans
    if len(cells) > MIN_ACROSS and all(across_head(c) for c in cells[1:]) and is_total_label(cells[-1]) \
            and len(rows) >= 2 and all(_figures_after_a_name(b, len(cells)) for b in rows):
        return spans  # (``Biện pháp | Xích Thổ | Gia Lâm | ... | Cộng`` over ``Thuốc tiêm | 17 | 12 | ... | 78``: a
        # count of each kind in each unit, with the row's total)
    if "|" in text and len(cells) >= MIN_COLUMNS and (ruled := [b for b in below if b.strip()
                                                                 and not _BAR_RULE.match(b)][:3]) \
            and len(ruled) >= 2 and all(b.count("|") == text.count("|") and re.search(r"\d", b) for b in ruled):
        return spans  # words between bars over rows of as many bars, each with figures ("| STT | Nội dung | Đã ghi |
        # Nay sửa lại |" over "|---+---|" and "|  1  | Lúa vụ Mùa | 2.815 | 2.581 |"): a header, whatever its words
    lead = 0  # (lines of the header's own words wrapped under it: "Nhà sập," over "đổ, trôi" over "hoàn toàn")
    while lead < MAX_WRAPPED_HEAD and lead < len(rows) and _header_words_only(rows[lead]):
        lead += 1
    rows = [b for b in below if b.strip()][lead:lead + 3]
    if len(cells) > MIN_COLUMNS and len(rows) >= 3 and all(len(c.split()) <= MAX_HEAD_WORDS for c in cells) \
            and all(_cells_like_a_row(b, len(cells)) for b in rows) and len({_decimal_cells(b) for b in rows}) == 1:
        # (decimals in the same columns of every row: a row of rates alone, under rows of counts, is a table of
        # quantities whose header names no column)
        return spans  # words over three rows of as many cells, each a name then figures (``Cấp học  Số trường  Tổng
        # số phòng học  Kiên cố ...`` over ``Mầm non  13  168  121 ...``): a header, whatever its words name
    return None


_DASH_RUN = re.compile(r"[-=_][-=_~]{2,}")
_BAR_RULE = re.compile(r"^\s*\|?[-=+:| ]*[-=]{3,}[-=+:| ]*\|?\s*$")  # "|-----+------|": a rule between bars


# "----------   -------   ---------" (old OCR reads some dashes as "~": "-~-------~----")
_SPACED_RULE = re.compile(r"\s*[-=_][-=_~]{2,}(?:\s+[-=_~]*[-=_]{3,}[-=_~]*)*\s*")


def _ruled_header(text: str, spans, below: list[str]) -> bool:
    """A line of words (no figure but years) over a typist's rule, its words maybe wrapped onto a line or two between,
    with figures in the lines under the rule."""
    rows = [b for b in below if b.strip()]
    j = 0
    while j < MAX_WRAPPED_HEAD and j < len(rows) and _header_words_only(rows[j]):
        j += 1
    return j < len(rows) - 1 and _ruled_under(text, spans, rows[j]) \
        and not any(_NUMERIC.match(text[s:e]) and not re.fullmatch(r"(?:19|20)\d\d", text[s:e].strip()) for s, e in spans) \
        and any(re.search(r"\d", b) for b in rows[j + 1:j + 4])


def _ruled_under(text: str, spans, rule: str) -> bool:
    """A line of dash runs parted by spaces under a header, one run under each of its cells (``Loại vắc xin   Số liều``
    over ``------------   -------``): the typist's rule under the header."""
    if not _SPACED_RULE.fullmatch(rule):
        return False
    if len(spans) >= MIN_COLUMNS:
        return True  # (runs OCR broke or joined, "----- ---- -~----~------", or one rule across the header)
    runs = [(m.start(), m.end()) for m in _DASH_RUN.finditer(rule)]
    return len(runs) == len(spans) and all(min(e, re_) - max(s, rs) > 0 for (s, e), (rs, re_) in zip(spans, runs))


MAX_WRAPPED_HEAD = 2  # lines a spaced header's words may wrap onto under it, each word under its own column


def _header_words_only(line: str) -> bool:
    """A line of words only, parted by two spaces or more, no figure outside brackets, each cell going on in lower
    case or a bracket (``đổ, trôi   hư   dời   màu (ha)``): the wrapped rest of a header's cells."""
    bare = re.sub(r"\([^()]*\)|\b(?:19|20)\d\d\b", "", line)  # (a year may close a header's words: "2022 (%)")
    cells = [line[s:e] for s, e in _cells_of(line)]
    return "|" not in line and bool(cells) and not re.search(r"\d", bare) \
        and bool(re.search(r"[^\W\d_]", bare)) and not _sentence_inside(line) \
        and all(c[:1].islower() or c[:1] == "(" or re.match(r"(?:19|20)\d\d\b", c) for c in cells)
    # (its words go on: "I  Tập thể" opens a section)


_COUNT = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+|-)$")
MAX_HEAD_WORDS = 8  # words of one header cell (a longer run is a sentence)


def _decimal_cells(line: str) -> tuple[int, ...]:
    """Which cells of a line hold a figure with decimals (``98,6``)."""
    return tuple(k for k, (s, e) in enumerate(_cells_of(line)) if re.fullmatch(r"\d+,\d+\s*%?", line[s:e].strip()))


def _cells_like_a_row(line: str, n: int) -> bool:
    """A line of ``n`` cells (as many as the header above it), words in some, its last two figures."""
    c = _cells_of(line)
    return len(c) == n and any(re.search(r"[^\W\d_]", line[s:e]) for s, e in c) \
        and all(_NUMERIC.match(line[s:e].strip()) for s, e in c[-2:])


def _figures_after_a_name(line: str, n: int, counts: bool = True) -> bool:
    """A line of ``n`` cells: words, then counts (with ``counts``, no rate, no decimals: a row of rates is a
    quantity's row), else any figures."""
    c = _cells_of(line)
    return len(c) == n and not _NUMERIC.match(line[c[0][0]:c[0][1]]) \
        and any(ch.isalpha() for ch in line[c[0][0]:c[0][1]]) \
        and all((_COUNT if counts else _NUMERIC).match(line[s:e].strip()) for s, e in c[1:])


def _column_of(start: int, end: int, columns: list[tuple[int, int]]) -> int:
    best, overlap = None, 0
    for j, (cs, ce) in enumerate(columns):
        o = min(end, ce) - max(start, cs)
        if o > overlap:
            best, overlap = j, o
    if best is not None:
        return best
    before = [j for j, (cs, _) in enumerate(columns) if cs <= start]
    return before[-1] if before else 0


def _right_aligned(line: str, placed: list[tuple[int, tuple[int, int]]], numeric: list[int]):
    """A row whose figures, as many as the table's columns of figures, were placed off them by their positions (old
    OCR shifted ``Toàn huyện   800   210 ...`` left of its header, the first figure under the name's header): its
    figures in those columns, right-aligned, its words where they were."""
    figures = []  # the row's last cells that are figures (not its number at the start)
    for k in range(len(placed) - 1, 0, -1):
        s, e = placed[k][1]
        if not _NUMERIC.match(line[s:e]):
            break
        figures.insert(0, k)
    if not numeric or len(figures) != len(numeric):
        return placed
    cols = [placed[k][0] for k in figures]
    if cols == numeric or (not any(j not in numeric for j in cols) and len(set(cols)) == len(cols)):
        return placed  # (two figures in one column: a long name pushed them right, "85" and "76" under the last)
    out = [p for k, p in enumerate(placed) if k not in figures]
    if any(j >= numeric[0] for j, _ in out) or any(re.search(r"\s\d[\d.,]*$", line[s:e]) for _, (s, e) in out):
        return placed  # (a name ending in figures, "IV X4 Pong Giang 4 140": spacing lost, the columns unknown)
    return out + [(j, placed[k][1]) for j, k in zip(numeric, figures)]


def _unstack(line: str, placed: list[tuple[int, tuple[int, int]]]) -> list[tuple[int, tuple[int, int]]]:
    """Cells of one line placed in the same column, words then a figure (``+ Cân nặng chưa đủ (dưới 42 kg)   19``: a
    long name whose tail reaches under the figures' header): the words go to the column before, when it is free."""
    used = {j for j, _ in placed}
    out = list(placed)
    for k in range(len(out) - 1):
        (j, (s, e)), (j2, (s2, e2)) = out[k], out[k + 1]
        if j == j2 and j > 0 and j - 1 not in used and re.search(r"[^\W\d_]", line[s:e]) \
                and _NUMERIC.match(line[s2:e2]):
            out[k] = (j - 1, (s, e))
            used.add(j - 1)
    return out


def _cell(doc: Document, ln: _Line, col: int, start: int, end: int) -> Cell:
    span = make_span(doc, ln.page, ln.number, start, end, restored=ln.restored)
    return Cell(col=col, text=span.raw, span=span, lines=[(ln.page, ln.number)])


def _append_text(cell: Cell, doc: Document, ln: _Line, start: int, end: int) -> None:
    extra = make_span(doc, ln.page, ln.number, start, end, restored=ln.restored)
    cell.text = normalize_ws(f"{cell.text} {extra.raw}")
    cell.more.append(extra)
    cell.lines.append((ln.page, ln.number))


def _caption(lines: list[_Line], k: int) -> tuple[str, str | None]:
    """The caption and the "Đơn vị tính" unit in the (up to two) lines above a header; past one blank line only
    lines that read as a caption (a unit line, or a short line that ends no sentence)."""
    caption, unit = "", None
    gap = k >= 1 and not lines[k - 1].text.strip()
    end = k - 1 if gap else k
    for ln in reversed(lines[max(0, end - 2):end]):
        text = ln.text.strip()
        if not text:
            break
        m = UNIT_LINE.search(match_form(ln.text))
        if m:
            unit = normalize_ws(ln.text[m.start(1):])
        elif gap and (len(text.split()) > CAPTION_WORDS or text.endswith((".", ";", ":"))):
            break
        elif not caption:
            caption = normalize_ws(ln.text)
    return caption, unit


CAPTION_WORDS = 16  # words at most of a caption a blank line parts from its table's header


# -- spaced tables ---------------------------------------------------------------------------------------
def _sub_columns(spans: list[tuple[int, int]], below: str) -> tuple[list[tuple[int, int]], list[int]] | None:
    """A header's second line that splits some of its cells (``Năm 2024`` over ``Kế hoạch  Thực hiện  Đạt (%)``):
    the columns under both lines, and how many of them each cell of the first line spans. A cell of the first
    line reaches to where the next one starts; None when the line below splits none (or holds figures)."""
    subs = _cells_of(below)
    if (slots := _pipe_slots(below)) is not None and len(slots) <= len(spans):
        return None  # a line of bars with no more cells than the header: a row (``Ngày lấy máu | 26/02/2024 | ...``)
    texts = [below[s:e] for s, e in subs]
    if not subs or any(_NUMERIC.match(t) and not re.fullmatch(r"(19|20)\d\d", t) for t in texts) \
            or _header_score(texts) == 0:
        return None
    under: list[list[tuple[int, int]]] = [[] for _ in spans]
    for s, e in subs:
        # under the cell it overlaps most (a wrapped second line of a right-aligned header: ``Đã tiếp nhận`` over
        # ``(đến 30/9/2024)`` starting to its left), else under the last that starts before it
        overlaps = [min(e, ce) - max(s, cs) for cs, ce in spans]
        j = max(range(len(spans)), key=lambda j: overlaps[j]) if max(overlaps) > 0 else \
            max((j for j, (cs, _) in enumerate(spans) if cs <= s + 1), default=0)
        under[j].append((s, e))
    if not any(len(u) >= 2 for u in under):
        return None
    columns: list[tuple[int, int]] = []
    widths: list[int] = []
    for span, u in zip(spans, under):
        parts = u if len(u) >= 2 else [span]
        columns += parts
        widths.append(len(parts))
    return columns, widths


BAR_SLACK = 3  # characters a header line's bar may stand off the bar of the line under it


def _bars(text: str) -> list[int]:
    return [k for k, ch in enumerate(text) if ch == "|"]


def _widen(header: str, below: str, top, n: int, lead_empty: bool = False):
    """The first header line's slots laid over the second's when it has fewer bars (a cell over several of the
    second line's: ``| Kết quả thực hiện |`` over ``| Đợt 1 | Đợt 2 | Cộng |``): each of its bars at one of the second
    line's (within ``BAR_SLACK`` characters: typists pad unevenly), its cell in the first of the slots it covers, None in the others; None when the
    bars do not line up."""
    upper, lower = _bars(header), _bars(below)
    if len(upper) < 2 or len(lower) < 2:
        return None
    nearest = [min(range(len(lower)), key=lambda i: abs(lower[i] - b)) for b in upper]
    if any(abs(lower[i] - b) > BAR_SLACK for i, b in zip(nearest, upper)) or nearest != sorted(set(nearest)):
        return None
    starts = ([0] if not below.strip().startswith("|") or lead_empty else []) + [b + 1 for b in lower]
    starts = starts[:n]  # the k-th slot of the second line begins after its k-th bar
    out = [None] * n
    for slot in top:
        if slot is None:
            continue
        # the slot begins after the first line's bar before its text (centred text may stand far from it)
        left = max((b for b in upper if b < slot[0]), default=None)
        at = lower[min(range(len(lower)), key=lambda i: abs(lower[i] - left))] + 1 if left is not None else slot[0]
        k = max((i for i, st in enumerate(starts) if st <= at + BAR_SLACK), default=0)
        if out[k] is not None:
            return None
        out[k] = slot
    return out


def _bar_header(header: str, below: str):
    """A header written between bars over two lines, whose first leaves empty cells for the second to split
    (``| Xã | Năm 2023 | | Năm 2024 | |`` over ``| | | Kế hoạch | Thực hiện | Kế hoạch | Thực hiện |``): one column
    per cell, and the first line's cells as (column, span, cells spanned); None for any other header."""
    top, sub = _pipe_slots(header), _pipe_slots(below)
    # a second line whose first bar parts an empty first cell off, under a first line written without one there
    # ("STT | Xã | Vụ Xuân 2023 | ..." over "    |    | Diện tích | ..."): that cell put back
    lead_empty = sub is not None and below.lstrip().startswith("|") and not header.lstrip().startswith("|")
    if lead_empty:
        sub = [None] + sub
    if top is not None and sub is not None and len(top) < len(sub):
        top = _widen(header, below, top, len(sub), lead_empty)
    if top is None or sub is None or len(top) != len(sub) or len(top) < MIN_COLUMNS:
        return None
    texts = [below[s:e] for s, e in (x for x in sub if x is not None)]
    if not texts or any(_NUMERIC.match(t) and not re.fullmatch(r"(19|20)\d\d", t) for t in texts) \
            or _header_score(texts) == 0 or not any(t is None and b is not None for t, b in zip(top, sub)):
        return None
    columns = [t or b or (0, 0) for t, b in zip(top, sub)]
    cells = []
    for j, t in enumerate(top):
        if t is None:
            continue
        width = 1
        while j + width < len(top) and top[j + width] is None and sub[j + width] is not None:
            width += 1
        cells.append((j, t, width))
    return columns, cells


MAX_GRID_HEADER_LINES = 4  # lines of one header written between bars over the rows' columns


def _grid_slots(text: str) -> list[tuple[float, float]] | None:
    """The slots of a line of bars (a row's ``|``, a rule's ``+``) as intervals between its bars; a slot before the
    first bar and after the last only when the line has text (or a rule) there."""
    marks = [k for k, ch in enumerate(text) if ch == ("+" if RULE_LINE.match(text) else "|")]
    if len(marks) < 2:
        return None
    edges = [float("-inf")] + [float(k) for k in marks] + [float("inf")]
    slots = list(zip(edges, edges[1:]))
    if not text[:marks[0]].strip():
        slots = slots[1:]
    if not text[marks[-1] + 1:].strip():
        slots = slots[:-1]
    return slots


def _same_bars(a: list[int], b: list[int]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1 for x, y in zip(a, b))


def _grid_header(lines: list[_Line], k: int):
    """A header written between bars over several lines, each splitting the cells of the one above, whose rows have
    more cells than its first line (``STT | Xã | Chỉ tiêu | Số lao động được tạo việc làm | Tỷ lệ`` over ``| | |
    Tổng số | Trong đó |`` over ``| | | | Trong tỉnh | Ngoài tỉnh | XKLĐ |``): the columns of the rows (the rule
    under the header, or the widest of the first rows), the header's lines as rows of cells (column, span, columns
    spanned), and the index of the first row; None for any other header."""
    head = [k]
    i = k + 1
    while i < len(lines) and len(head) < MAX_GRID_HEADER_LINES and lines[i].text.strip():
        t = lines[i].text
        if RULE_LINE.match(t):
            break
        cells = [t[a:b] for a, b in _cells_of(t)]
        if _pipe_slots(t) is None or any(_NUMERIC.match(c) and not re.fullmatch(r"(19|20)\d\d", c.strip()) for c in cells):
            break
        head.append(i)
        i += 1
    rule = lines[i].text if i < len(lines) and RULE_LINE.match(lines[i].text) and "+" in lines[i].text else None
    first = i + 1 if i < len(lines) and RULE_LINE.match(lines[i].text) else i
    rows = [ln.text for ln in lines[first:first + 3] if _pipe_slots(ln.text) is not None]
    if len(head) < 2 or not rows:
        return None
    grid = _grid_slots(rule) if rule is not None else None
    if grid is None and len(rows) >= 2 and all(_same_bars(_bars(t), _bars(rows[0])) for t in rows[1:]):
        grid = _grid_slots(rows[0])  # (no rule: rows whose bars all stand in the same places; OCR's lost bars, no grid)
    top = _pipe_slots(lines[k].text)
    if grid is None or top is None or len(grid) <= len(top) or len(grid) < MIN_COLUMNS \
            or not all(len(_grid_slots(t) or ()) in (len(grid), len(grid) - 1) for t in rows):
        return None
    header_rows = []
    for h in head:
        t = lines[h].text
        own = _grid_slots(t) or []
        cells = []
        for a, b in own:
            lo, hi = int(max(a + 1, 0)), int(min(b, len(t)))
            inner = t[lo:hi]
            if not inner.strip():
                continue
            covered = [j for j, (ga, gb) in enumerate(grid) if ga >= a - BAR_SLACK and gb <= b + BAR_SLACK]
            if not covered or covered != list(range(covered[0], covered[-1] + 1)):
                return None  # the header's bars do not stand over the rows'
            start = lo + len(inner) - len(inner.lstrip())
            cells.append((covered[0], (start, start + len(inner.strip())), len(covered)))
        header_rows.append(cells)
    if sum(w > 1 for cells in header_rows for _, _, w in cells) == 0:
        return None
    width = max(len(ln.text) for ln in lines[k:first + 3])
    columns = [(int(max(a + 1, 0)), int(min(b, width))) for a, b in grid]
    return columns, header_rows, first


def _spaced_groups_over(top: str, header: str) -> bool:
    """A line of words over a header (2+ spaces apart, no figure) with fewer cells, some of which the header splits
    (``Khối lớp  Số HS  Được lên lớp  Ở lại lớp`` over ``cuối năm  Số HS  Tỷ lệ (%)  Số HS  Tỷ lệ (%)``): the
    header's first line, the groups its columns fall in."""
    spans = _cells_of(top)
    cells = [top[s:e] for s, e in spans]
    if "|" in top or "|" in header or len(spans) < MIN_COLUMNS or len(spans) >= len(_cells_of(header)) \
            or any(re.search(r"\d", c) and not re.fullmatch(r"(?:nam\s+)?(19|20)\d\d", match_form(c).strip()) for c in cells) \
            or _sentence_inside(top):
        return False
    split = _sub_columns(spans, header)
    return split is not None and sum(w >= 2 for w in split[1]) >= 2


_DRAWN = re.compile(r"[-=_~]{3,}")  # "--------- Năm 2023 ---------": a group's name drawn across its columns
_GROUP_YEAR = re.compile(r"(?:nam\s+)?(?:19|20)\d\d")


def _groups_over_right(top: str, header: str) -> list[tuple[int, int]] | None:
    """A line of years over the right part of a header, blank over its first cells (``--- Năm 2023 ---   Năm 2022``
    over ``STT  Địa phương  Chỉ tiêu  Tiếp nhận  Đạt (%)  Tiếp nhận  Tăng/giảm``): the cells of the header's first
    line, a cell of its own for each header cell left of the first year or right of the last one; None when the
    line is no such line."""
    if "|" in top or "|" in header or _sentence_inside(top):
        return None
    spans, heads = _cells_of(top), _cells_of(header)
    texts = [normalize_ws(_DRAWN.sub(" ", match_form(top[s:e]).lower())) for s, e in spans]
    if not spans or not heads or not all(_GROUP_YEAR.fullmatch(t) for t in texts) or spans[0][0] < heads[0][1]:
        return None
    over = [[(hs, he) for hs, he in heads if min(e, he) - max(s, hs) > 0] for s, e in spans]
    if not all(over) or not any(len(o) >= 2 for o in over):
        return None
    left = [h for h in heads if h[1] <= spans[0][0]]
    right = [h for h in heads if h[0] >= spans[-1][1]]
    return left + spans + right


def _groups_over(top: str, header: str) -> bool:
    """A line between bars over a header whose cells each name a column (a year, a quantity) and span several of
    the header's (``| | | Năm 2020 | Năm 2021 |`` over ``| STT | Xã | Chỉ tiêu | Thực hiện | ...``)."""
    cells = [top[s:e] for s, e in _cells_of(top)]
    return "|" in top and bool(cells) and all(names_a_column(c) for c in cells) \
        and _bar_header(top, header) is not None


NAMES_INDENT = 8  # characters: a header whose first cell starts this far in may leave its names' column unheaded


def _names_before_header(spans, below: list[_Line]) -> tuple[int, int] | None:
    """A column of names the header leaves without a head (its first cell far right of the rows' names): the span
    from the line's start to before that cell, when most lines below open with words that end before it."""
    first = spans[0][0]
    rows = [ln.text for ln in below if ln.text.strip()]
    if first < NAMES_INDENT or len(rows) < 2:
        return None
    named = [c for t in rows if (c := _cells_of(t)) and c[0][1] < first - 1 and re.search(r"[^\W\d_]{2}", t[c[0][0]:c[0][1]])
             and len(c) >= 2]
    return (0, first - 2) if len(named) * 2 > len(rows) else None


def _grid_head(doc: Document, lines: list[_Line], k: int, grid) -> tuple[Table, int]:
    """A table whose header ``_grid_header`` read: its header lines as rows, and the index of its first row."""
    columns, header_rows, first = grid
    caption, unit = _caption(lines, k)
    table = Table(id="", source=TableSource.TEXT, caption=caption, unit=unit, pages=[lines[k].page],
                  columns=[Column(j, "") for j in range(len(columns))])
    for n, cells in enumerate(header_rows):
        ln = lines[k + n]
        row = Row(index=n + 1, kind=RowKind.DATA, page=ln.page, cells=[])
        for col, (s, e), width in cells:
            cell = _cell(doc, ln, col, s, e)
            cell.colspan = width
            row.cells.append(cell)
        table.rows.append(row)
    return table, first


def _head(doc: Document, lines: list[_Line], k: int, spans, columns, widths):
    """A table's header read from its first line (and the line under it where that splits or continues it): the
    table with its header rows, the index of its first row, its columns and what shaped them."""
    header_ln = lines[k]
    bars = _bar_header(header_ln.text, lines[k + 1].text) if k + 1 < len(lines) else None
    if bars is not None:
        columns = bars[0]
    elif k + 1 < len(lines) and (split := _sub_columns(columns, lines[k + 1].text)) is not None:
        columns, widths = split
    caption, unit = _caption(lines, k)
    wrapped = None if bars is not None or widths != [1] * len(widths) or k + 1 >= len(lines) \
        else _wrapped_header(header_ln.text, lines[k + 1].text, spans)
    if wrapped is not None:
        columns = columns + [(s, e) for s, e in wrapped[1:]]  # placed by the rows' shapes, not these places
    table = Table(id="", source=TableSource.TEXT, caption=caption, unit=unit, pages=[header_ln.page],
                  columns=[Column(j, "") for j in range(len(columns))])
    header = Row(index=1, kind=RowKind.DATA, page=header_ln.page, cells=[])
    placed_head = [(first, span, width) for first, span, width in bars[1]] if bars is not None else \
        [(first, span, width) for span, width, first in zip(spans, widths, [sum(widths[:j]) for j in range(len(widths))])]
    for first, (s, e), width in placed_head:
        if not header_ln.text[s:e].strip():
            continue  # (blank over a column: a line of groups over the header's right part only)
        cell = _cell(doc, header_ln, first, s, e)
        cell.colspan = width
        header.cells.append(cell)
    if wrapped is not None:  # "Tiep" / "nhan  Ty le (%)": the last cell's rest, then the columns the line adds
        ln2 = lines[k + 1]
        _append_text(header.cells[-1], doc, ln2, *wrapped[0])
        for j, (s2, e2) in enumerate(wrapped[1:], start=len(spans)):
            header.cells.append(_cell(doc, ln2, j, s2, e2))
    table.rows.append(header)
    i = k + 2 if wrapped is not None else k + 1
    below = _header_line_below(lines[i].text, columns) if bars is None and wrapped is None and i < len(lines) else None
    if below is not None:  # "Chỉ tiêu  Thực hiện  Chỉ tiêu" over "2023  2023  2024": a second header line
        second = Row(index=2, kind=RowKind.HEADER, page=lines[i].page, cells=[_cell(doc, lines[i], j, s2, e2)
                                                                            for j, (s2, e2) in below])
        table.rows.append(second)
        i += 1
    if bars is None and wrapped is None:
        i = _wrapped_head_lines(doc, lines, i, columns, table.rows[-1])
    nxt = next((ln.text for ln in lines[i:i + 2] if ln.text.strip()), "")
    if bars is None and wrapped is None and _ruled_under(header_ln.text, spans, nxt):
        header.kind = RowKind.HEADER  # (the typist ruled it off: a header, whatever its words name)
    if "|" in header_ln.text and not re.search(r"\d", header_ln.text) and _BAR_RULE.match(nxt):
        header.kind = RowKind.HEADER  # words between bars over "|-----+-----|": a header, whatever its words name
    return table, i, columns, bars, wrapped


def _wrapped_head_lines(doc: Document, lines: list[_Line], i: int, columns, header: Row) -> int:
    """The lines a spaced header's words wrap onto (``Nhà sập,`` / ``đổ, trôi`` / ``hoàn toàn``): each cell's words
    added to the header cell of the column it stands under, when each stands under a different column; the index of
    the line after them."""
    for _ in range(MAX_WRAPPED_HEAD):
        if i + 1 >= len(lines) or not _header_words_only(lines[i].text) or _header_words_only(lines[i + 1].text) \
                and i + 2 < len(lines) and _header_words_only(lines[i + 2].text):
            break  # (three lines of words: a paragraph, not a header's rest)
        cells = _cells_of(lines[i].text)
        placed = [(_overlapped(s, e, columns), (s, e)) for s, e in cells]
        if any(j is None for j, _ in placed) or len({j for j, _ in placed}) != len(placed):
            break
        for j, (s, e) in placed:
            target = header.cell(j)
            if target is None:
                header.cells.append(_cell(doc, lines[i], j, s, e))
            else:
                _append_text(target, doc, lines[i], s, e)
        i += 1
    return i


def _overlapped(start: int, end: int, columns) -> int | None:
    """The column a cell overlaps, when it overlaps one only."""
    hits = [j for j, (s, e) in enumerate(columns) if min(end, e) - max(start, s) > 0]
    return hits[0] if len(hits) == 1 else None


def _name_opens_next(text: str, nxt: str) -> bool:
    """A line of words alone whose name the next line, a row of figures, goes on with (``Công trình khác (thương``
    over ``mại, dịch vụ, nhà xưởng)   14   19 ...``): a bracket left open, or the next line opening in lower case."""
    cells = _cells_of(nxt)
    if len(cells) < 2 or not _NUMERIC.match(nxt[cells[-1][0]:cells[-1][1]]):
        return False
    first = nxt[cells[0][0]:cells[0][1]]
    return first[:1].islower() and (text.count("(") > text.count(")") or first.count(")") > first.count("(")
                                    or bool(_ROW_MARK.match(text)))


_ROW_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z]\)|[IVX]{1,4}[.)])\s+\S")  # "1. Người lao động và người sử dụng"


# a note under a table ("Ghi chú: ...", "Nguồn: ..."): the table ends above it
_NOTE_LINE = re.compile(r"^\s*(?:\*\s*)?(?:ghi chu|chu thich|nguon(?: so lieu)?|luu y)\s*:", re.I)


# (a figure with decimals or thousands, or of three digits: "Tổ dân phố 1", "Đội 12" keep their numbers)
_NAME_THEN_FIGURE = re.compile(r"^(.*[^\W\d_)])\s(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{3,})$")


def _unglued_name(text: str, cells: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """A row one cell short of the header whose name ends in a figure one space after it, the rest figures
    (``Đường trục chính nội đồng 265,0   179,4   67,7``): the figure parted from the name."""
    if "|" in text or len(cells) != n - 1 or len(cells) < 2:
        return cells
    k = next((i for i, (s, e) in enumerate(cells) if _NAME_THEN_FIGURE.match(text[s:e])), None)
    if k is None or not all(_NUMERIC.match(text[s:e]) for s, e in cells[k + 1:]) \
            or any(_NUMERIC.match(text[s:e]) for s, e in cells[:k]):
        return cells
    s, e = cells[k]
    m = _NAME_THEN_FIGURE.match(text[s:e])
    return cells[:k] + [(s, s + m.end(1)), (s + m.start(2), e)] + cells[k + 1:]


def _words_over_header(top: str, spans, header: str) -> bool:
    """A line of words (no figure) over a spaced header, each of its two or more cells over one header cell of its
    own, the header's first cell left bare (``Tổng chiều dài   Đã cứng hóa   Tỷ lệ`` over ``Loại đường   (km)   (km)
    cứng hóa (%)``): the first line of the header's words."""
    cells = _cells_of(top)
    if "|" in top or "|" in header or len(cells) < 2 or re.search(r"\d", top) or _sentence_inside(top):
        return False
    placed = [_overlapped(s, e, spans) for s, e in cells]
    return None not in placed and len(set(placed)) == len(placed) and 0 not in placed


def _head_words_above(doc: Document, table: Table, top: _Line) -> None:
    """The words of the line over a header put before those of the header cell each stands over."""
    header = table.rows[0]
    places = [(c.span.start, c.span.end) if c.span is not None else (-1, -1) for c in header.cells]
    for s, e in _cells_of(top.text):
        j = _overlapped(s, e, places)
        if j is None:
            continue
        below = header.cells[j]
        cell = _cell(doc, top, below.col, s, e)
        cell.colspan = below.colspan
        cell.text = normalize_ws(f"{cell.text} {below.text}")
        cell.more = [x for x in [below.span] + below.more if x is not None]
        cell.lines = cell.lines + [k for k in below.lines if k not in cell.lines]
        header.cells[j] = cell


def _spaced_table(doc: Document, pages: list[list[_Line]], p: int, k: int, spans) -> tuple[Table, tuple[int, int]]:
    lines = pages[p]
    header_ln = lines[k]
    if (lead := _names_before_header(spans, lines[k + 1:k + 6])) is not None:
        spans = [lead] + list(spans)  # "         Chỉ tiêu  Thực hiện" over "Xã Đại Lãnh   90   96": a column of names
    columns = list(spans)
    widths = [1] * len(columns)
    grid = _grid_header(lines, k)
    if grid is not None:
        table, i = _grid_head(doc, lines, k, grid)
        columns, bars, wrapped = grid[0], None, None
    else:
        table, i, columns, bars, wrapped = _head(doc, lines, k, spans, columns, widths)
    opened: Row | None = None  # the first line of a row's name, wrapped before its figures
    while True:
        while i < len(lines) and lines[i].text.strip() and not _NOTE_LINE.match(match_form(lines[i].text)):
            ln = lines[i]
            if RULE_LINE.match(ln.text) or _SPACED_RULE.fullmatch(ln.text):  # "+-----+-----+": a drawn rule, no text
                i += 1
                continue
            cells = _cells_of(ln.text) if ln.restored else _unglued_name(ln.text, _cells_of(ln.text), len(columns))
            # (old OCR's lost spacing is read by the rows' shapes, ``_spacing_lost``)
            flat = _flat_row(doc, lines, i, table, len(columns), by_shape=wrapped is not None or len(cells) == 1)
            if flat is not None:  # OCR ran the row's cells together (or the header's places are lost)
                row, used = flat
                table.rows.append(row)
                i += used
                continue
            if len(cells) == 1 and len(table.rows) > 1 and _NUMERIC.match(ln.text.strip()) \
                    and (first := table.rows[-1].cell(0)) is not None and first.text.strip().isdigit():
                prev, j = table.rows[-1], _column_of(*cells[0], columns)
                if prev.cell(j) is None:
                    prev.cells.append(_cell(doc, ln, j, *cells[0]))  # the figure a numbered row wrapped
                    i += 1
                    continue
                if len(prev.cells) == 2:  # a row whose cells OCR ran together (``_next_numbered``): its rest
                    _append_text(prev.cells[-1], doc, ln, *cells[0])
                    i += 1
                    continue
            if len(cells) <= 2 and (nxt_row := _next_numbered(doc, ln, table)) is not None:
                table.rows.append(nxt_row)  # "3 Vang A Su 1995 Bi thu ...": the next row, its spacing lost
                i += 1
                continue
            if len(cells) == 1 and len(table.columns) == 3 and (tot := _total_line(doc, ln, len(table.rows) + 1)) is not None:
                table.rows.append(tot)  # " Tong 600" under a list of three columns: its total row, spacing lost
                i += 1
                continue
            if len(cells) == 1 and len(table.rows) > 1 and not _NUMERIC.match(ln.text.strip()) \
                    and _name_opens_next(ln.text, lines[i + 1].text if i + 1 < len(lines) else ""):
                s, e = cells[0]  # "Công trình khác (thương" over "mại, dịch vụ, ...)  14  19": the next row's name
                opened = Row(index=len(table.rows) + 1, kind=RowKind.DATA, page=ln.page,
                             cells=[_cell(doc, ln, _column_of(s, e, columns), s, e)])
            elif len(cells) == 1 and len(table.rows) > 1 and not _NUMERIC.match(ln.text.strip()) \
                    and not _heading_after(table.rows[-1], ln.text):
                s, e = cells[0]  # a wrapped name continues the row above
                prev = table.rows[-1]
                j = _column_of(s, e, columns)
                target = prev.cell(j)
                if target is None:
                    prev.cells.append(_cell(doc, ln, j, s, e))
                else:
                    _append_text(target, doc, ln, s, e)
            else:
                row = opened or Row(index=len(table.rows) + 1, kind=RowKind.DATA, page=ln.page)
                opened = None
                slots = _edge_slots(ln.text, header_ln.text, _pipe_slots(ln.text), len(columns))
                # a row whose cells tabs or bars part ("1<tab>Xã Quang Sơn<tab>80 ...", "3 | Xa Dak Ha | 50 ..."), or
                # spaces under a header tabs or bars part: as many cells as the header's columns are in its order; a
                # total row with fewer, its last ones ("Cộng<tab>747<tab>638")
                marked = _marked_cells(ln.text) or (cells if _marked_cells(header_ln.text) else None)
                if marked is not None and len(marked) < len(columns):
                    marked = _finer(ln.text, marked)  # bars OCR lost: "62  93,9", "279 103,3" in one slot
                if slots is not None and len(slots) == len(columns) and _pipe_slots(header_ln.text) is not None:
                    placed = [(j, c) for j, c in enumerate(slots) if c is not None]  # k-th between bars: column k
                elif marked is not None and len(marked) == len(columns):
                    placed = list(enumerate(marked))
                elif marked is not None and 2 <= len(marked) < len(columns) \
                        and is_total_label(ln.text[marked[0][0]:marked[0][1]]):
                    # (unless most rows above are as short, from the first column: a notes column left empty; not
                    # "    | Toàn huyện | ...", its first cell left empty)
                    above = [r for r in table.rows[1:] if r.kind == RowKind.DATA and r.cells]
                    left = 2 * sum(len(r.cells) == len(marked) and min(c.col for c in r.cells) == 0 for r in above) \
                        > len(above) and not re.match(r"\s*[|\t]", ln.text)
                    placed = list(enumerate(marked, 0 if left else len(columns) - len(marked)))
                else:
                    placed = _right_aligned(ln.text, _unstack(ln.text, [(_column_of(s, e, columns), (s, e)) for s, e in cells]),
                                            _numeric_columns(table, len(columns)))
                    if len(cells) == len(columns) and len({j for j, _ in placed}) < len(cells):
                        # as many cells as columns, which their places under the header would pile up (a row typed
                        # wider than its header, "412  356  241" all under the last header word): in order
                        placed = list(enumerate(cells))
                for j, (s, e) in placed:
                    same = row.cell(j)
                    if same is None:
                        row.cells.append(_cell(doc, ln, j, s, e))
                    else:
                        _append_text(same, doc, ln, s, e)
                _name_split_by_a_bar(doc, ln, row)
                table.rows.append(row)
            i += 1
        nxt = _continuation(pages, p, i, len(columns), columns) or _header_again(lines, i, header_ln.text, p) \
            or _rows_after_mark(lines, i, len(columns), p, table)
        if nxt is None:
            return table, (p, i)
        p, i = nxt
        lines = pages[p]
        if lines[i].page not in table.pages:
            table.pages.append(lines[i].page)


def _finer(text: str, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cells between bars split further where a bar was lost: a cell of figures alone at each figure, any other
    at runs of two spaces or more."""
    out = []
    for s, e in cells:
        toks = [(s + m.start(), s + m.end()) for m in _TOKEN.finditer(text[s:e])]
        if len(toks) > 1 and all(_NUMERIC.match(text[a:b]) for a, b in toks):
            out += toks
        else:
            out += [(s + m.start(), s + m.end()) for m in _SPACED.finditer(text[s:e])] or [(s, e)]
    return out


def _marked_cells(text: str) -> list[tuple[int, int]] | None:
    """The cells of a line that tabs or bars part (spans, stripped), or None when it holds neither."""
    if "\t" not in text and "|" not in text:
        return None
    return [(m.start() + len(m.group()) - len(m.group().lstrip()), m.end() - len(m.group()) + len(m.group().rstrip()))
            for m in re.finditer(r"[^\t|]+", text) if m.group().strip()]


def _header_line_below(text: str, columns: list[tuple[int, int]]) -> list[tuple[int, tuple[int, int]]] | None:
    """A line under a header whose cells each sit under one of its columns and hold its years or the rest of its
    words (``2023   2023   2024   6 tháng đầu năm``): no figure but years, at least one year; (column, span) of each
    cell, or None."""
    cells = _cells_of(text)
    texts = [text[s:e] for s, e in cells]
    if len(cells) < 2 or not any(re.fullmatch(r"(?:nam\s+)?(?:19|20)\d\d", match_form(t).strip()) for t in texts):
        return None
    if any(re.search(r"\d", t) and not re.fullmatch(r"(?:nam\s+)?(?:19|20)\d\d|\d{1,2} thang\b.*", match_form(t).strip())
           for t in texts):
        return None
    placed = [(_column_of(s, e, columns), (s, e)) for s, e in cells]
    if len({j for j, _ in placed}) != len(placed):
        return None
    return placed


def _wrapped_header(text: str, below: str, spans) -> list[tuple[int, int]] | None:
    """A header line OCR wrapped (``STT  Đơn vị  Chỉ tiêu  Đăng ký  Tiếp`` / ``nhận  Tỷ lệ (%)``): the next line,
    no figure in it, opens with the last cell's rest (its words then name a column, the last cell's alone do
    not) and names one column more or several; (the rest's span, the new columns' spans), or None."""
    cells = _cells_of(below)
    if len(cells) < 2 or _NUMERIC.search(below) and re.search(r"\d", below):
        return None
    placed = [_overlapped(s, e, spans) for s, e in cells]
    if None not in placed and len(set(placed)) == len(placed):
        return None  # each cell under one of the header's: their words wrapped in their own columns
    last = text[spans[-1][0]:spans[-1][1]]
    first = below[cells[0][0]:cells[0][1]]
    if not first[:1].islower() or names_a_column(last) or not names_a_column(f"{last} {first}"):
        return None
    rest = cells[1:]
    if not all(names_a_column(below[s:e]) for s, e in rest):
        return None
    return [cells[0]] + rest


def _numeric_columns(table: Table, n_columns: int) -> list[int]:
    """The columns a table's figures stand in: after its name column (the first whose header names no quantity,
    past a row-number column), columns of words (a place, a note) left out."""
    heads = {c.col: c.text for c in table.rows[0].cells} if table.rows else {}
    meanings = [header_meaning(heads.get(j, "")) for j in range(n_columns)]
    name = next((j for j, m in enumerate(meanings) if m is not None and m.text and m.name not in ("stt",)), None)
    if name is None:
        name = 1 if meanings and meanings[0] is not None and meanings[0].name == "stt" else 0
    # (columns of words after the name, a place beside a date, "Ghi chú" at the end, hold no figures)
    return [j for j in range(name + 1, n_columns) if not (meanings[j] is not None and meanings[j].text)]


def _next_numbered(doc: Document, ln: _Line, table: Table) -> Row | None:
    """A line that opens with the number after the last row's (``3 Vang A Su 1995 ...`` under row 2) in a table
    whose first column numbers its rows: a row of its own whose cells OCR ran together (its number, then the
    rest in the next column), never the rest of the row above."""
    m = re.match(r"\s*['\-]?(\d{1,3})(?:\s*\|\s*|\s+)(?=\S)", ln.text)
    # (a first cell OCR ran into the next, "1 Thi | tran Bac Ha": its number still opens it)
    numbers = [int(n.group(1)) for r in table.rows[1:]
               if (c := r.cell(0)) is not None and (n := re.match(r"\s*['\-]?(\d{1,3})(?:\s|$)", c.text))]
    if m is None or not numbers or int(m.group(1)) != numbers[-1] + 1:
        return None
    row = Row(index=len(table.rows) + 1, kind=RowKind.DATA, page=ln.page)
    row.cells.append(_cell(doc, ln, 0, m.start(1), m.end(1)))
    end = len(ln.text.rstrip())
    last = re.search(r"(?<=[^\W\d_])(?:\s+|\s*\|\s*)(\d{1,3}(?:\.\d{3})*(?:,\d+)?)$", ln.text[:end])
    if last is not None and len(table.columns) == 3:  # "2 Xa Bao Nhai 60" under "STT | Đơn vị | Chỉ tiêu": its figure
        row.cells.append(_cell(doc, ln, 1, m.end(), last.start()))
        row.cells.append(_cell(doc, ln, 2, last.start(1), last.end(1)))
        return row
    row.cells.append(_cell(doc, ln, 1, m.end(), end))
    return row


def _name_split_by_a_bar(doc: Document, ln: _Line, row: Row) -> None:
    """A row number whose cell holds the first word of the name after it, the name's rest in the next cell opening
    in small letters (``1 Thi | tran Bac Ha | 120``: a bar OCR put inside the name): the number alone, the name whole."""
    first, second = row.cell(0), row.cell(1)
    m = _NUMBER_WORD_BAR.match(ln.text)
    if first is None or second is None or m is None or not m.group(3)[:1].islower() \
            or match_form(normalize_ws(first.text)).lower() != match_form(f"{m.group(1)} {m.group(2)}").lower():
        return
    row.cells[row.cells.index(first)] = _cell(doc, ln, 0, m.start(1), m.end(1))
    name = _cell(doc, ln, 1, m.start(2), m.end(3))
    name.text = normalize_ws(name.text.replace("|", " "))
    row.cells[row.cells.index(second)] = name


_NUMBER_WORD_BAR = re.compile(r"\s*(['\-]?\d{1,3})\s+([^\W\d_]\w*)\s*\|\s*([^|]*?)\s*(?=\||$)")


def _total_line(doc: Document, ln: _Line, index: int) -> Row | None:
    """A line of a total's words and one figure (``Tổng 600``, ``Cộng: 1.250``) in a table of one figure column
    (names, then the figure): the total row, its figure in the last column."""
    m = re.match(r"^\s*(\S.*?)[\s:|]+(\d{1,3}(?:\.\d{3})*(?:,\d+)?)\s*$", ln.text)
    if m is None or not is_total_label(m.group(1)):
        return None
    row = Row(index=index, kind=RowKind.DATA, page=ln.page)
    row.cells.append(_cell(doc, ln, 1, m.start(1), m.end(1)))
    row.cells.append(_cell(doc, ln, 2, m.start(2), m.end(2)))
    return row


def _flat_row(doc: Document, lines: list[_Line], i: int, table: Table, n_columns: int, by_shape: bool):
    """A row whose cells OCR ran together with single spaces (``3 Xa Muong Than 60 74 63 105,0``) under a
    spaced header, or any row when the header's places are lost: its row number and name in front, its
    figures right-aligned in the table's figure columns (the figures of a row OCR wrapped, ``12 Xa Khoen On 40
    47`` / ``39 97,5``, joined); (the row, lines used), or None."""
    if not by_shape or len(table.rows) < 1:
        return None
    ln = lines[i]
    sh = _row_shape(ln.text)
    numeric = _numeric_columns(table, n_columns)
    if sh is None or len(sh.nums) < 2 or sh.back or not numeric:
        return None
    nums, used = list(sh.nums), 1
    nxt = _row_shape(lines[i + 1].text) if i + 1 < len(lines) and len(nums) < len(numeric) else None
    if nxt is not None and not nxt.front and not nxt.back and len(nums) + len(nxt.nums) <= len(numeric):
        nums, used = nums + [(s_, e_, t, i + 1) for s_, e_, t in nxt.nums], 2
    if len(nums) > len(numeric):
        return None
    row = Row(index=len(table.rows) + 1, kind=RowKind.DATA, page=ln.page)
    front = list(sh.front)
    if sh.numbered() and numeric[0] > 1:
        s_, e_, _ = front.pop(0)
        row.cells.append(_cell(doc, ln, 0, s_, e_))
    if front:
        row.cells.append(_cell(doc, ln, numeric[0] - 1, front[0][0], front[-1][1]))
    for j, tok in zip(numeric[len(numeric) - len(nums):], nums):
        if tok[2] in _NIL_TOKENS:
            continue  # an empty cell
        at = lines[tok[3]] if len(tok) > 3 else ln
        row.cells.append(_cell(doc, at, j, tok[0], tok[1]))
    return row, used


_GROUP_NUMBERED = re.compile(r"^\s*(?:[IVX]{1,4}|[A-E])[.)]\s+[^\W\d_]")


def _heading_after(prev: Row, text: str) -> bool:
    """A line of one name in capitals (``CỤM 2 - CÁC XÃ PHÍA TÂY``) under a total (``Cộng cụm 1``) or a row not in
    capitals: the heading of the rows that follow, not the rest of the name above."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if _GROUP_NUMBERED.match(text):
        return True  # "II. Phổ thông": a numbered group's heading opens the rows that follow
    if len(words) < 2:
        return False
    label = next((c.best for c in prev.cells if re.search(r"[^\W\d_]{2,}", c.best)), "")
    if is_total_label(label) and not re.search(r"\d", text):
        return True  # "Khu vực II (các xã vùng cao)" under "Cộng": the next group's heading, whatever its case
    if any(ch.islower() for ch in text):
        return False
    return is_total_label(label) or any(ch.islower() for ch in label)


PAGE_MARK = re.compile(r"^\W*(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?\W*$")  # "--- Trang 2 ---", "- 2 -", "2/3"
HEADER_AGAIN_REACH = 6  # lines: blank ones, a page mark and a caption between a table and its header written again
_GOES_ON = re.compile(r"\(\s*tiep(?: theo)?\s*\)|\btiep theo\s*$")  # "Bảng 2 (tiếp theo)", "Biểu 1 tiếp theo"


def _after_break(lines: list[_Line], i: int, captions: bool = False) -> tuple[int | None, bool]:
    """The first line after a page break the text marks by blank lines, a page number (one) and, with ``captions``,
    a caption saying the table goes on (``Bảng 2 (tiếp theo)``), within a few lines: (its index, or None, and
    whether a page mark was passed)."""
    marks = seen = 0
    for j in range(i, min(len(lines), i + HEADER_AGAIN_REACH)):
        t = lines[j].text.strip()
        if not t:
            continue
        if PAGE_MARK.match(match_form(t)) and not marks:
            marks += 1
            continue
        if captions and _GOES_ON.search(normalize_ws(match_form(t)).lower()) and len(t.split()) <= 8 and not seen:
            seen += 1  # "Bảng 2 (tiếp theo)" over the header written again
            continue
        return j, bool(marks)
    return None, bool(marks)


def _header_again(lines: list[_Line], i: int, header: str, p: int) -> tuple[int, int] | None:
    """Where a table goes on after a page break the text marks only by a page number (``--- Trang 2 ---``) or a
    blank line: its header line written again, word for word, within a few lines (read again as a repeated
    header, not data)."""
    j, _ = _after_break(lines, i, captions=True)
    same = j is not None and normalize_ws(match_form(lines[j].text.strip())) == normalize_ws(match_form(header))
    return (p, j) if same else None


def _has_rows(table: Table) -> bool:
    """Rows with a figure under the header lines."""
    return any(any(_NUMERIC.match(c.text.strip()) for c in r.cells) for r in table.rows[1:])


def _rows_after_mark(lines: list[_Line], i: int, n_columns: int, p: int, table: Table) -> tuple[int, int] | None:
    """A header left alone at a page's foot (``| STT | Xã | Chỉ tiêu |``, blank lines, the page number ``2``): its
    rows start on the first line after the page mark whose cells fit its columns. A table with rows goes on
    there when that line opens with the number after its last row's (``5 ...`` / ``2`` / ``6 ...``)."""
    j, marked = _after_break(lines, i)
    if j is None or not marked:
        return None
    if _has_rows(table):
        numbers = [int(c.text) for r in table.rows[1:] if (c := r.cell(0)) is not None and c.text.strip().isdigit()]
        m = re.match(r"\s*(\d{1,3})\s+\S", lines[j].text)
        return (p, j) if m and numbers and int(m.group(1)) == numbers[-1] + 1 else None
    return (p, j) if len(_cells_of(lines[j].text)) >= max(2, n_columns - 2) else None


def _continuation(pages, p: int, i: int, n_columns: int, columns) -> tuple[int, int] | None:
    """Where a table reaching the end of its page goes on: the first line of the next page (after a page
    number) whose cells fit the table's columns."""
    rest = pages[p][i:]
    if any(ln.text.strip() for ln in rest) or p + 1 >= len(pages):
        return None
    nxt = pages[p + 1]
    for j, ln in enumerate(nxt[:4]):
        t = ln.text.strip()
        if not t or re.fullmatch(r"[-\s]*\d{1,3}[-\s]*", t):
            continue  # blank line, page number
        cells = _cells_of(ln.text)
        return (p + 1, j) if len(cells) >= max(2, n_columns - 2) else None
    return None


# -- tables whose spacing was lost -----------------------------------------------------------------------
_GLUED_FIGURE = re.compile(r"(?<=[^\W\d_][^\W\d_])(?=(?:\d{1,3}(?:\.\d{3})+|\d{3,})$)")  # "Xuong400"


_LONE_BAR = re.compile(r"(?<!\S)[\[\]!](?!\S)")  # old OCR's bars printed as "[", "]", "!" alone: bars


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """The tokens of a line, bars as spaces; a figure OCR glued to the word before it (``TT Kien Xuong400 512``: a
    word of two letters or more ending in a small one, then three digits or more or a figure with thousands dots) is
    a token of its own."""
    out = []
    for m in _TOKEN.finditer(_LONE_BAR.sub(" ", text.replace("|", " "))):
        cut = _GLUED_FIGURE.search(m.group())
        if cut is not None and m.group()[cut.start() - 1].islower():
            out += [(m.start(), m.start() + cut.start(), m.group()[:cut.start()]),
                    (m.start() + cut.start(), m.end(), m.group()[cut.start():])]
        else:
            out.append((m.start(), m.end(), m.group()))
    return out


_SO_VOI = re.compile(r"^so v\w\w$")  # "so với" (OCR: "so véi", "so vol")
_PERIOD_WORD = re.compile(r"^(?:thang|quy|dot|tuan|nam)$")


_STT = re.compile(r"^\d{1,3}[A-Za-z]?\W{0,2}$")  # a row number, with what OCR left on it ("7=", "2.", "5S")
_CAPTION = re.compile(r"^\s*(?:bieu|bang|phu luc|mau)\s*(?:so\s*)?(?:[0-9ivx]+\b|:)")  # ("Bảng: Kết quả ...")
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d\d$")
SHORT_DAMAGE = 3  # letters of a token OCR made of a number at a row's end ("Ls", "RA" for "13,57")
MAX_NOTE_WORDS = 10  # words after a row's numbers that are its note (Ghi chú)
MAX_ROW_WORDS = 12  # words in front of a row's figures


_NIL_TOKENS = frozenset({"-", "–", "—"})
_SIZE_BEFORE = frozenset({"tui", "loai"})  # "Túi 250" / "ml" over its column: a header's size, no figure


def _kind(tok: str) -> str:
    """``num``, ``date``, ``dmg`` (a number OCR damaged: ``O17,``), ``junk`` (no letter or digit), ``word``."""
    if _DATE.match(tok):
        return "date"
    if _NUMERIC.match(tok):
        return "num"
    if tok in _NIL_TOKENS:
        return "nil"  # "-" for an empty figure cell (``Khối cơ quan  -  240  263``): it holds its column's place
    if not any(ch.isalnum() for ch in tok):
        return "junk"
    if "?" in tok and len(tok) <= 4:
        return "dmg"  # "Pa?" for 212: no label holds a question mark, OCR's doubt about a number does
    digits, letters = sum(ch.isdigit() for ch in tok), sum(ch.isalpha() for ch in tok)
    return "dmg" if digits and letters <= 1 and len(tok) <= 8 else "word"


@dataclass
class _Shape:
    """A line read as a table row: its words in front, its block of numbers, words after them."""
    front: list  # tokens (start, end, text): row number, date, name
    nums: list  # the numbers (damaged ones too), left to right
    back: list  # words after the numbers: a note, or what OCR made of the last numbers

    def numbered(self) -> bool:
        return bool(self.front) and bool(_STT.match(self.front[0][2]))

    def dated(self) -> bool:
        words = [t for t in self.front if _kind(t[2]) != "junk"]
        return any(_DATE.match(t[2]) for t in words[:2])


def _shape(tokens) -> _Shape | None:
    """The row a line's tokens make: the last block of numbers (a damaged number inside it counts, junk is
    skipped) with the words before and after it; None without a number. A label's own number (``Tháng 10``,
    ``Đợt 2``) stays in front."""
    kinds = [_kind(t[2]) for t in tokens]
    end = len(tokens)
    while end > 0 and kinds[end - 1] not in ("num", "dmg"):
        end -= 1
    start = end
    while start > 0 and kinds[start - 1] in ("num", "dmg", "junk", "nil"):
        start -= 1
    while start < end and kinds[start] in ("junk", "nil") and not (kinds[start] == "nil" and start > 0
                                                                   and kinds[start - 1] == "word"):
        start += 1  # a dash right after the row's name holds the first figure's place; one at the line's start is a mark
    if "num" not in kinds[start:end]:
        return None
    front, nums, back = tokens[:start], [t for t, k in zip(tokens[start:end], kinds[start:end]) if k != "junk"], tokens[end:]
    if len(front) == 1 and _PERIOD_WORD.match(match_form(front[0][2])) and nums:
        front, nums = front + nums[:1], nums[1:]
    if not front and nums and all(_YEAR_TOKEN.match(t[2]) for t in nums):
        return None  # a header's line of years ("2023 2024" under "Kết quả năm" / "Chỉ tiêu năm")
    if not front and len(nums) >= 3 and _YEAR_TOKEN.match(nums[0][2]) and not _YEAR_TOKEN.match(nums[1][2]):
        front, nums = nums[:1], nums[1:]  # a row named by its year ("2022 300 315 104,0"): counts carry dots
    return _Shape(front, nums, back)


def _row_shape(text: str) -> _Shape | None:
    """The shape of a line that can be a row of a table whose spacing was lost: two numbers or more ending
    the line; or with a note after them on a numbered or total row; or with one or two short tokens after them
    that OCR made of the last numbers; or one number on a numbered or total row (``_aligned_tables`` takes a
    table of one number only under a header that names it, or with dates in its rows)."""
    if text.strip().endswith((":", ";")):
        return None
    sh = _shape(_tokens(text))
    if sh is None or len(sh.front) > (MAX_ROW_WORDS if not (sh.numbered() or sh.dated()) else MAX_ROW_WORDS + 6):
        return None  # (a row that opens with its number or day may name a place and a campaign at length)
    if not sh.back:
        return sh if len(sh.nums) >= 2 or (sh.nums and (sh.numbered() or is_total_label(_words(sh.front)))) else None
    short = len(sh.back) <= 2 and all(len(t[2]) <= SHORT_DAMAGE for t in sh.back)
    if len(sh.nums) >= 2 and (short or ((sh.numbered() or is_total_label(_words(sh.front)))
                                        and len(sh.back) <= MAX_NOTE_WORDS)):
        return sh
    return None


def _words(tokens) -> str:
    return " ".join(t[2] for t in tokens)


def _splits(word: str, parts: int) -> list[list[str]]:
    """Every cut of ``word`` into ``parts`` syllables (without marks)."""
    if parts == 1:
        return [[word]] if syllables.is_skeleton(word) else []
    return [[word[:k]] + rest for k in range(1, min(7, len(word))) if syllables.is_skeleton(word[:k])
            for rest in _splits(word[k:], parts - 1)]


def _glued_header_words(word: str) -> list[str] | None:
    """Header words OCR glued into one (``canhan``, ``sodonvimau``): the cut into two to four syllables that names
    a column in full (``ca nhan``, not ``can han``), else the plainest cut (``syllables.segment``)."""
    from pipeline.tables.vocabulary import MEANINGS, _names

    if not word.isalpha() or syllables.is_skeleton(word) or len(word) > 16:
        return None
    for n in (2, 3, 4):
        for parts in _splits(word, n):
            phrase = " ".join(parts)
            m = header_meaning(phrase)
            if m is not None and _names(MEANINGS[m.name], phrase) >= len(phrase) - 2:
                return parts
    return syllables.segment(word, 4, syllables.is_skeleton)


def _greedy(words: list[str], i: int, used: set[int]) -> tuple[str | None, int]:
    """The longest run of words from ``i`` (seven at most, none joined above) that names a meaning in full."""
    from pipeline.tables.vocabulary import MEANINGS, _names

    for n in range(min(7, len(words) - i), 0, -1):
        if used.intersection(range(i, i + n)):
            continue
        phrase = " ".join(words[i:i + n])
        m = header_meaning(phrase)
        if m is not None and _names(MEANINGS[m.name], phrase) >= len(phrase) - 2:
            return m.name, n
    return None, 0


_SIDE_BY_SIDE = {"period_value"}  # meanings whose columns stand side by side (Quý I | Quý II): each one counts


def header_meanings(texts: list[str]) -> list[str]:
    """Column meanings named by header lines whose spacing was lost, left to right: the longest known
    header phrases, found greedily in the joined words; a phrase a column's width wrapped onto the next line
    (``Chỉ`` / ``tiêu``, ``Số người tham`` / ``gia``) is joined with its words there (``_wrapped_phrase``)."""
    from pipeline.tables.vocabulary import MEANINGS

    words: list[str] = []
    lines: list[int] = []
    for k, text in enumerate(texts):
        for w in normalize_ws(match_form(text).replace("|", " ")).split():
            if w.isalpha() and not syllables.is_skeleton(w) and syllables.is_skeleton(w.replace("i", "l", 1)):
                w = w.replace("i", "l", 1)  # OCR's I for l ("Tỷ Ie (%)"): the syllable it was
            parts = _glued_header_words(w) if len(w) >= 5 else None
            for part in parts or [w]:  # OCR glued header words: "chi tieunam", "Sốđơnvịmáu"
                words.append(part)
                lines.append(k)
    used: set[int] = set()  # words of the next line joined to a phrase above them
    reached: dict[int, int] = {}  # line -> first word a further join may take (columns keep their order)
    out: list[str] = []
    i, compared = 0, False
    while i < len(words):
        if i in used:
            i += 1
            continue
        if words[i].startswith("("):  # a bracket qualifies the header before it: "(%)", "(đơn vị máu)"
            while i < len(words) and not words[i].endswith(")"):
                i += 1
            i += 1
            continue
        best, length = _greedy(words, i, used)
        # a phrase the next line completes that takes more words of this line names another column than the
        # words of this line alone (``Hộ nghèo đầu`` / ``năm``: the start of the year, not ``Hộ nghèo``)
        wrapped = _wrapped_phrase(words, lines, i, used, reached) if best is None or i + 1 < len(words) else None
        if wrapped is not None and wrapped[0] is not None and (best is None or (
                wrapped[0] != best and wrapped[2] and wrapped[1] > length
                and _greedy(words, i + length, used)[0] in (None, wrapped[0])
                and _wrapped_phrase(words, lines, i + length, used, reached)[0] in (None, wrapped[0]))):
            # (the words after the shorter phrase start no other column: ``Hộ cận`` / ``nghèo`` after ``Tỷ lệ``)
            best, length, joined = wrapped
            if joined:
                used.update(joined)
                reached[lines[joined[0]]] = joined[-1] + 1
        if best is None:
            if words[i] == "nam" and i + 1 < len(words) and _YEAR_TOKEN.match(words[i + 1]) and "received" in out \
                    and MEANINGS[out[-1]].percent \
                    and (i + 2 >= len(words) or _greedy(words, i + 2, used)[0] != "received"):
                # "Tiếp nhận | Tỷ lệ (%) | Năm 2023": the year before's result ("Thực hiện năm 2021": its year)
                out.append("received_prev_year")
                i += 2
                continue
            i += 1
            continue
        if compared:  # the base a rate is compared with ("Đạt so với chỉ tiêu"): part of the rate's header
            compared = False
        elif not out or out[-1] != best or MEANINGS[best].percent or best in _SIDE_BY_SIDE:
            out.append(best)
        i += length
        if MEANINGS[best].percent and _SO_VOI.match(" ".join(words[i:i + 2])):
            compared, i = True, i + 2
    return out


WRAP_FUZZY = 85  # rapidfuzz ratio of glued, OCR-damaged header words to a meaning's words ("nguéitham" / "gia")
WRAP_FUZZY_LETTERS = 8  # the meaning's words compared so must be this long (no short word matches by chance)
WRAP_SKIP = 1  # words of the next line a join may pass over (a continuation of a column no phrase named)


def _wrapped_phrase(words: list[str], lines: list[int], i: int, used: set[int], reached: dict[int, int]):
    """A header phrase from word ``i`` that the next header line completes: one to four words of a line and
    one or two words of the next one (not yet joined, after those already joined: the columns keep their
    order) that name a meaning in full; else words OCR glued and damaged (``nguéitham``, ``Thdi gian``), alone
    or so completed, whose letters are nearly a meaning's (rapidfuzz ratio ``WRAP_FUZZY``).
    (meaning, words taken from ``i``, indices of the next line's words joined)."""
    from pipeline.tables.vocabulary import MEANINGS, _literals, _names

    line = lines[i]
    below = [j for j in range(len(words)) if lines[j] == line + 1 and j not in used and j >= reached.get(line + 1, 0)]
    tails: list[list[int]] = []
    for k, j in enumerate(below[:WRAP_SKIP + 1]):
        tails.append([j])
        if k + 1 < len(below) and below[k + 1] == j + 1:
            tails.append([j, j + 1])
    heads = [n for n in range(min(4, len(words) - i), 0, -1)
             if all(lines[i + k] == line and i + k not in used for k in range(n)) and len("".join(words[i:i + n])) >= 3]
    for n in heads:
        for tail in tails:
            phrase = " ".join(words[i:i + n] + [words[j] for j in tail])
            m = header_meaning(phrase)
            if m is not None and _names(MEANINGS[m.name], phrase) >= len(phrase) - 2:
                return m.name, n, tail
    best, found = (WRAP_FUZZY - 0.01, 0), (None, 0, [])
    for n in heads[::-1][:3]:
        head = "".join(words[i:i + n])
        if not head.isalpha():
            continue
        for tail in [[]] + tails:
            letters = head + "".join(words[j] for j in tail)
            for m in MEANINGS.values():
                for lit, _ in _literals(m):
                    if len(lit) >= WRAP_FUZZY_LETTERS and (score := (fuzz.ratio(letters, lit), len(lit))) > best:
                        best, found = score, (m.name, n, tail)
    return found


def _aligned_tables(doc: Document, pages: list[list[_Line]], taken: set[tuple[int, int]]) -> list[Table]:
    tables = []
    flat = [ln for page in pages for ln in page]
    i = 0
    while i < len(flat):
        run = _numeric_run(flat, i, taken)
        if len(run) < MIN_ALIGNED_ROWS:
            i += 1
            continue
        widths = [len(sh.nums) for _, sh, _ in run if not sh.back] or [len(sh.nums) for _, sh, _ in run]
        width = max(set(widths), key=lambda w: (widths.count(w), w))
        first = flat.index(run[0][0])
        head: list[str] = []
        above = flat[max(0, first - 5):first]
        while above and not above[-1].text.strip():
            above.pop()  # blank lines between the header and the first row
        blank = 0
        for ln in reversed(above):  # header lines: up to the caption, or two blank lines (OCR spaces lines out)
            if not ln.text.strip():
                blank += 1
                if blank > 1 or len(head) >= 3:
                    break
                continue
            if (ln.page, ln.number) in taken or UNIT_LINE.search(match_form(ln.text)) or len(head) >= 3:
                break
            if (_CAPTION.match(match_form(ln.text)) or ln.text.rstrip().endswith(":") or _SECTION_HEAD.match(ln.text)
                    or ln.text.rstrip().endswith(".") and len(ln.text.split()) >= 5
                    or _sentence_inside(ln.text) and len(ln.text.split()) >= 6):
                break  # "Biểu 1. ...", "Bảng 2: ...", "... như sau:": the caption or sentence above the header
            toks = _tokens(ln.text)
            figures = [k for k, (_, _, t) in enumerate(toks) if _NUMERIC.match(t) and not _YEAR_TOKEN.match(t)
                       and not (k + 1 < len(toks) and _UNIT_AFTER.match(toks[k + 1][2]))
                       and not (k and match_form(toks[k - 1][2]).lower() in _SIZE_BEFORE)]
            if len(figures) >= 2:
                break  # a line of figures is a row (of a table cut above), not a header ("250 ml" is a header's)
            blank = 0
            head.insert(0, ln.text)
        meanings = header_meanings(head)
        if sum(not _is_text_meaning(m) for m in meanings) < width:
            meanings = _years_side_by_side(head, meanings, width) or _bar_cell_meanings(head, width) or meanings
        if sum(not _is_text_meaning(m) for m in meanings) != width and (stacked := _stacked_header(head)):
            # two header lines whose columns their spacing still shows ("Lượt người    Đơn vị máu" / "đăng ký
            # tiếp nhận"): each column's words read together, when that names as many number columns as rows have
            named = header_meanings([stacked])
            if sum(not _is_text_meaning(m) for m in named) == width:
                meanings = named
        if width == 1 and not (any(sh.dated() for _, sh, _ in run)
                               or any(not _is_text_meaning(m) for m in meanings) and _in_order(run)):
            i += 1  # numbered lines ending in one number: a table only under a header that names that number
            continue
        tables.append(_aligned_table(doc, run, width, meanings, head))
        i = flat.index(run[-1][0]) + 1 + len(run[-1][2])
    return tables


_SECTION_HEAD = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})\.\s+[^\W\d_]")  # "3. Phân bổ chỉ tiêu ...": a heading


def _stacked_header(head: list[str]) -> str | None:
    """The last two header lines read column by column (cells 2+ spaces apart; a cell below joins the one above it
    that it overlaps: ``Lượt người`` / ``đăng ký`` -> ``Lượt người đăng ký``), left to right, ``|`` between columns;
    a cell above two or more below heads a group (``Trong đó`` over ``Loại 250ml   Loại 350ml``) and gives no words.
    None when the lines do not part into cells so, or a cell below overlaps two above."""
    if len(head) < 2:
        return None
    top, bottom = (list(re.finditer(r"\S+(?: \S+)*", line)) for line in head[-2:])
    if len(top) < 2 or len(bottom) < 2:
        return None
    under: dict[int, list] = {}
    alone = []
    for b in bottom:
        over = [k for k, t in enumerate(top) if min(b.end(), t.end()) - max(b.start(), t.start()) > 0]
        if len(over) > 1:
            return None
        if over:
            under.setdefault(over[0], []).append(b)
        else:
            alone.append((b.start(), b.group()))
    columns = alone + [(t.start(), t.group()) for k, t in enumerate(top) if k not in under]
    for k, cells in under.items():
        if len(cells) == 1:
            columns.append((min(top[k].start(), cells[0].start()), top[k].group() + " " + cells[0].group()))
        else:
            columns += [(c.start(), c.group()) for c in cells]
    return " | ".join(text for _, text in sorted(columns))


def _sentence_inside(text: str) -> bool:
    """A sentence ends inside the line (``... đơn vị máu. Kết quả tiếp``): prose, no header line."""
    return any(m.group(1).islower() and m.group(2).isupper() for m in re.finditer(r"(\w)\.\s+(\w)", text))


_YEAR_HEAD = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")


def _years_side_by_side(head: list[str], meanings: list[str], width: int) -> list[str] | None:
    """A header of years alone side by side, and a total over them (``STT Huyện Năm 2022 | Năm 2023 | Năm 2024
    Tổng cộng``), whose words name no other number column: a column for each year (``year_value``) and the
    total (``years_total``), when that makes as many number columns as the rows have."""
    years = _YEAR_HEAD.findall(match_form(" ".join(head)))
    numeric = [m for m in meanings if not _is_text_meaning(m)]
    if len(years) < 2 or any(m != "recipients_total" for m in numeric):
        return None
    out = [m for m in meanings if _is_text_meaning(m)] + ["year_value"] * len(years) \
        + ["years_total"] * ("recipients_total" in numeric)
    return out if len(out) - sum(_is_text_meaning(m) for m in out) == width else None


def _bar_cell_meanings(head: list[str], width: int) -> list[str] | None:
    """A one-line header whose cells bars still part (``... Tap thé | Canhan | Téngsé | Tién thuéng (dong)``), when
    its words name fewer number columns than the rows have: the meanings cell by cell, "" for a cell whose words OCR
    damaged past naming, so that the others stay over their own numbers (not shifted to the right). None when the
    bars do not part as many number cells as the rows have."""
    if len(head) != 1 or head[0].count("|") < 2:
        return None
    cells = [c for c in head[0].split("|") if c.strip()]
    out = header_meanings(cells[:1])
    for cell in cells[1:]:
        named = header_meanings([cell])
        out.append(named[0] if len(named) == 1 else "")
    numbers = [m for m in out if not m or not _is_text_meaning(m)]
    return out if len(numbers) == width and "" in numbers else None


def _pipe_groups(text: str, tokens: list, columns: int) -> list[list]:
    """``tokens`` split where a ``|`` stands between them in ``text``, into ``columns`` groups at most (the
    last takes the rest); one group when no bar separates them."""
    groups: list[list] = [[tokens[0]]]
    for prev, tok in zip(tokens, tokens[1:]):
        if "|" in text[prev[1]:tok[0]] and len(groups) < columns:
            groups.append([tok])
        else:
            groups[-1].append(tok)
    return groups


# Words an address or a workplace starts with, after a person's name (no bar between them)
_PLACE_START = re.compile(r"^(?:xa|phuong|thi|huyen|thanh|tinh|ban|truong|trung|cong|benh|hoi|doan|uy|so|phong|"
                          r"bo|cuc|chi|doi|tram|khoi|cty|cong ty)$")
_JUNK_ENDS = "_|‘’'`~"


def _person_and_place(tokens: list) -> list[list]:
    """A person's name and the place after it when no bar separates them (``Ca Văn Dũng Xã Quài Cang``): the
    name is two to four words; the place starts at the first capitalised word after them that an address or a
    workplace starts with."""
    for k in range(2, min(5, len(tokens))):
        word = tokens[k][2].strip(_JUNK_ENDS)
        if word[:1].isupper() and _PLACE_START.match(match_form(word).lower()):
            return [tokens[:k], tokens[k:]]
    return [tokens]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the marks OCR left at a cell's ends ("Tòng Văn Mạnh_", "‘Thị trấn")."""
    while start < end and text[start] in _JUNK_ENDS + " ":
        start += 1
    while end > start and text[end - 1] in _JUNK_ENDS + " ":
        end -= 1
    return start, end


def _in_order(run) -> bool:
    """The rows' numbers go up one by one (a damaged one aside): a numbered list, not numbers by chance."""
    numbers = [int(re.match(r"\d+", sh.front[0][2]).group()) for _, sh, _ in run if sh.numbered()]
    return len(numbers) >= MIN_ALIGNED_ROWS and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def _wrap_line(ln: _Line) -> bool:
    """A line that can be the rest of a row's name or note (a few words, no figure, not a page number)."""
    words = ln.text.split()
    return 0 < len(words) <= 4 and not any(ch.isdigit() for ch in ln.text) and not ln.text.rstrip().endswith(":") \
        and not ln.text.lstrip().startswith(("-", "+", "•"))  # "Nơi nhận:", "- Lưu: VT." close the table


def _usual_width(run) -> int:
    """The number of figures most rows of a run have."""
    widths = [len(sh.nums) for _, sh, _ in run]
    return max(set(widths), key=lambda w: (widths.count(w), w))


def _running_head(text: str) -> bool:
    """A line in capitals without figures (a page's running header, ``UBND THÀNH PHỐ ... - BCĐ ...``)."""
    words = text.split()
    return 2 <= len(words) <= 14 and not any(ch.isdigit() or ch.islower() for ch in text)


def _numeric_run(flat: list[_Line], i: int, taken) -> list[tuple[_Line, _Shape, list[_Line]]]:
    """Rows from line ``i`` (``_row_shape``), each with the lines that wrap its words below it (blank lines
    and a page number may also sit between rows); the line after the last row wraps it when a blank line or
    the page's end follows."""
    run: list[tuple[_Line, _Shape, list[_Line]]] = []
    j, gap, blanks = i, 0, 0
    while j < len(flat):
        ln = flat[j]
        if (ln.page, ln.number) in taken:
            break
        sh = _row_shape(ln.text)
        if sh is None and run and (part := _shape(_tokens(ln.text))) is not None and part.numbered() and not part.back:
            sh = part  # a numbered row among rows, some of its numbers unreadable: kept (named, its cells empty)
        if sh is not None and run and not sh.front and not sh.back and len(run) >= 2 \
                and len(run[-1][1].nums) + len(sh.nums) == _usual_width(run) and len(run[-1][1].nums) < _usual_width(run):
            # "8 Các cơ quan thành phố 180 226" / "196 108,9": the figures the row's line could not hold
            row_ln, row_sh, wraps = run[-1]
            run[-1] = (row_ln, _Shape(row_sh.front, row_sh.nums + [(a, b, t, ln) for a, b, t in sh.nums], []), wraps)
            gap = blanks = 0
        elif sh is not None:
            run.append((ln, sh, []))
            gap = blanks = 0
        elif run and gap < 3 and _running_head(ln.text):
            gap += 1  # the next page's running header ("UBND THÀNH PHỐ LAI CHÂU - BCĐ VẬN ĐỘNG HMTN")
        elif run and not ln.text.strip() and blanks < 3:
            blanks += 1  # blank lines between rows (and a page break)
        elif run and gap < 2 and len(ln.text.split()) <= 4:
            gap += 1  # a wrapped name, a page number
            if _wrap_line(ln) and not blanks:
                run[-1][2].append(ln)
        else:
            break
        j += 1
    if run and run[-1][2]:  # after the last row: only a line that a blank line or the page's end closes
        last = run[-1][2][-1]
        k = flat.index(last) + 1
        if k < len(flat) and flat[k].page == last.page and flat[k].text.strip():
            run[-1][2].clear()
    return run


def _named_rows(run) -> bool:
    """Rows that, half of them or more, carry words after their row number (a name)."""
    named = sum(sh.numbered() and any(_kind(t[2]) == "word" for t in sh.front[1:]) for _, sh, _ in run)
    return 2 * named >= len(run)


def _aligned_table(doc: Document, run, width: int, meanings: list[str], head: list[str]) -> Table:
    numeric = [m for m in meanings if not _is_text_meaning(m)]
    # the rows hold their words in front of their numbers: a text meaning named after a number column's
    # (a header's second line, "tháng năm" under "Thực hiện 6") is no column of its own, except the last
    # (a note, Ghi chú) that words after the numbers fill
    first_number = next((k for k, m in enumerate(meanings) if not _is_text_meaning(m)), len(meanings))
    front = [m for m in meanings[:first_number] if _is_text_meaning(m)]
    after = [m for m in meanings[first_number:] if _is_text_meaning(m)]
    note = after[-1:] if after and meanings[-1] == after[-1] else []
    if len(numeric) > width and all(not _is_text_meaning(m) for m in meanings[first_number:first_number + width]):
        counted = sum(any(_kind(t[2]) == "num" for t in sh.front[-2:]) and len(sh.front) > 2 for _, sh, _ in run)
        if 2 * counted >= len(run):  # (half the rows or more: items without a quantity leave theirs unwritten)
            # the rows' names end in a count with its word ("Quà tặng người hiến máu   398 người   100.000
            # 39.800.000"): the first number columns named are those counts, the last ones the rows' numbers
            numeric = numeric[-width:]
        else:
            numeric = numeric[:width]  # a header's last words named a further meaning ("Số lần hiến máu": máu)
    if front == ["stt"] and _named_rows(run):
        front = front + [""]  # "TT | Nguồn vận động | ...": the rows' names under words no meaning has
    meanings = front + numeric
    guessed = False
    if len(numeric) == width:
        columns = meanings
        if not front and any(sh.front for _, sh, _ in run):
            columns = [""] + meanings  # the rows' names under a header word no meaning has ("Quý")
    elif front and len(numeric) < width:  # some number columns' words were misread: the rest stand at the right
        columns, guessed = front + [""] * (width - len(numeric)) + numeric, True
    elif front:
        columns, guessed = front + [""] * width, True
    else:  # header unread: a row number, a name, then the numbers
        columns, guessed = ["stt", "unit_name"] + [""] * width, True
    n_text_front = len(columns) - width
    columns += note
    table = Table(id="", source=TableSource.TEXT, pages=sorted({ln.page for ln, _, _ in run}),
                  caption=normalize_ws(" ".join(head[-1:])),
                  columns=[Column(j, "", meaning=m or None, guessed=guessed) for j, m in enumerate(columns)])
    cells = _cells_of(head[-1]) if len(head) == 1 else []
    if len(cells) == len(columns):  # a header of one line whose spacing still parts its columns: their words
        for c, (s0, e0) in zip(table.columns, cells):
            c.header = normalize_ws(head[-1][s0:e0])
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", " ".join(head))]
    number_cols = [c for c in table.columns[n_text_front:n_text_front + width] if c.meaning]
    year_cols = [c for c in number_cols if c.meaning == "year_value"]
    if years and len(years) == len(number_cols) == len(numeric):  # "Kết quả năm | Chỉ tiêu năm" / "2023 2024"
        for c, y in zip(number_cols, years):
            c.year = y
    elif years and len(years) == len(year_cols):  # "Năm 2022 | Năm 2023 | Năm 2024 Tổng cộng"
        for c, y in zip(year_cols, years):
            c.year = y
    short_rows = sum(1 for _, sh, _ in run if 0 < len(sh.nums) < width and sh.numbered()
                     and not any(k > 0 and _kind(t[2]) in ("num", "dmg") for k, t in enumerate(sh.front)))
    for ln, sh, wraps in run:
        front, nums, back = list(sh.front), list(sh.nums), list(sh.back)
        missing = width - len(nums)
        first = next((k for k, t in enumerate(front) if k > 0 and _kind(t[2]) in ("num", "dmg")), None)
        if (missing > 0 and first is not None and len(front) - first == missing
                and all(len(t[2]) <= SHORT_DAMAGE + 1 for t in front[first:])):
            # numbers and what OCR made of others between the row's name and its last numbers ("Cả năm 450 yeh,
            # 471 104,7"): cells in order, the damaged ones without a value
            nums, front, missing = front[first:] + nums, front[:first], 0
        if 0 < missing <= len(back) <= 2 and all(len(t[2]) <= SHORT_DAMAGE for t in back):
            # the last numbers OCR made into letters: cells without a value (one token each, or one for both)
            nums, back = nums + (back if missing == len(back) else [(back[0][0], back[-1][1], _words(back))]), []
        tail = len(nums)
        if tail > width and front == [] and tail == width + 1 and _STT.match(nums[0][2]):
            front, nums = nums[:1], nums[1:]
            tail = width
        damaged = None
        if tail < width and not (tail == width - 1 and is_total_label(_words(front))) and sh.numbered():
            # numbers missing (OCR made words of some): which column each is in is unknown, so every number
            # column gets the damaged characters (from the first figure after the row number) and no value
            first = next((k for k, t in enumerate(front) if k > 0 and _kind(t[2]) in ("num", "dmg")), len(front))
            if first < len(front) or short_rows < 2:
                damaged = (front[first:] + nums)
                front, nums, tail = front[:first], [], 0
            # (else nothing between the name and its figures, in two rows or more: the columns at the left are
            # empty, "3 In tờ rơi ... 6.480.000" with no quantity nor unit price, its figures at the right; one such
            # row among full ones lost a figure to OCR, "7 | Xa Can Cau Pa 29")
        elif tail != width and not (tail in (1, width - 1) and is_total_label(_words(front))):
            continue  # a total row may lack the row number the others carry in their first number column, or
            # give the last column's total alone ("Tổng cộng   48.372.000" under quantity, price and amount)
        front = [t for t in front if _kind(t[2]) != "junk"]
        row = Row(index=len(table.rows) + 1, kind=RowKind.DATA, page=ln.page)
        col = 0
        if columns[0] in ("stt", "drive_no", "month"):
            if len(front) == 2 and _PERIOD_WORD.match(match_form(front[0][2])):
                row.cells.append(_cell(doc, ln, 0, front[0][0], front[1][1]))  # "Tháng 10", "Đợt 2"
                front = []
            elif front and _STT.match(front[0][2]):
                row.cells.append(_cell(doc, ln, 0, front[0][0], front[0][1]))
                front = front[1:]
            elif (len(front) >= 2 and len(columns) > 1 and columns[1] == "date" and len(front[0][2]) <= 3
                  and _DATE.match(front[1][2])):
                row.cells.append(_cell(doc, ln, 0, front[0][0], front[0][1]))  # a row number OCR garbled
                front = front[1:]
            col = 1  # the row's number, or its empty place when OCR lost it
        if front and col < n_text_front and columns[col] == "date" and _DATE.match(front[0][2]):
            row.cells.append(_cell(doc, ln, col, front[0][0], front[0][1]))
            front, col = front[1:], col + 1
        text_cell = name_cell = None
        if front and col < n_text_front:
            groups = _pipe_groups(ln.text, front, n_text_front - col)
            if len(groups) == 1 and columns[col] == "person_name" and n_text_front - col > 1:
                groups = _person_and_place(front)
            for k, group in enumerate(groups):  # cells the typist's bars separate, one per text column
                s0, e0 = _trimmed(ln.text, group[0][0], group[-1][1])
                text_cell = _cell(doc, ln, col + k, s0, e0)
                row.cells.append(text_cell)
                name_cell = name_cell or text_cell
        elif front and not row.cells:  # a label where the row number stands (Cả năm, Tổng cộng)
            text_cell = name_cell = _cell(doc, ln, 0, front[0][0], front[-1][1])
            row.cells.append(text_cell)
        for j, tok in enumerate(nums):  # a figure the row's wrapped line holds carries that line
            if tok[2] in _NIL_TOKENS:
                continue  # "-": an empty cell, holding its column's place
            row.cells.append(_cell(doc, tok[3] if len(tok) > 3 else ln, n_text_front + width - tail + j, tok[0], tok[1]))
        if damaged:
            for j in range(width):
                row.cells.append(_cell(doc, ln, n_text_front + j, damaged[0][0], damaged[-1][1]))
                row.cells[-1].repair = UNPLACED
        if back and note:
            text_cell = _cell(doc, ln, len(columns) - 1, back[0][0], back[-1][1])
            row.cells.append(text_cell)
        for w in wraps:  # the rest of the row's name (capitalised words) or of its note, on the lines below
            target = name_cell if name_cell is not None and w.text.strip()[:1].isupper() else text_cell
            if target is not None:
                _append_text(target, doc, w, 0, len(w.text.rstrip()))
        if is_total_label(_words(front)) or row.cells:
            table.rows.append(row)
    return table


# a list of units written one a line, each with its result over its quota and the rate (``+ Xã Mường Kim: 48/45
# (106,7%);``, ``- Thị trấn Than Uyên: 96/90 đv, đạt 106,7%``, ``+ Xã Pắc Ta: 41/40 đvm;``): a table of its own; a total line after it
# (``Tổng cộng 715/680 đv``) is its total row
_LIST_ROW = re.compile(r"^\s*(?:[-+*•]|\d{1,2}[.)])?\s*(?P<name>[^\W\d][^:\d]{2,60}?)\s*:\s*(?P<a>\d{1,3}(?:\.\d{3})+|\d+)"
                       r"\s*/\s*(?P<b>\d{1,3}(?:\.\d{3})+|\d+)\s*(?:(?:don\s+vi|dv|dvm)(?:\s+mau)?)?(?:\s*[,(]?\s*"
                       r"(?:dat\s+)?(?P<p>\d{1,3}(?:[.,]\d{1,2})?)\s*%\s*\)?)?\s*[;.,]?\s*$")
_LIST_TOTAL = re.compile(r"^\s*(?:[-+*•]\s*)?(?P<name>[^\W\d][^:\d]{1,30}?)\s*:?\s*(?P<a>\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*"
                         r"(?P<b>\d{1,3}(?:\.\d{3})+|\d+)(?!\s*/)")
MIN_LIST_ROWS = 3  # lines of units that make a list a table


def _list_tables(doc: Document, pages: list[list[_Line]], taken: set[tuple[int, int]]) -> list[Table]:
    """Lists of units written one a line with their result, quota and rate (``+ Xã Phúc Than: 38/35 (108,6%);``,
    the rate may be left out) as tables (unit_name, received, quota, percent), when most of their names start with a unit's level word;
    the next line that starts with a total's words and a result over a quota is their total row."""
    from pipeline.tables.interpret import CONTENT_SHARE, _UNIT_START

    tables = []
    flat = [ln for page in pages for ln in page]
    i = 0
    while i < len(flat):
        run = []
        j = i
        while j < len(flat) and (flat[j].page, flat[j].number) not in taken:
            m = _LIST_ROW.match(match_form(flat[j].text))
            if m is None:
                break
            run.append((flat[j], m))
            j += 1
        names = [normalize_ws(m.group("name")).lower() for _, m in run]
        if len(run) < MIN_LIST_ROWS or sum(bool(_UNIT_START.match(n)) for n in names) < CONTENT_SHARE * len(run):
            i = j + 1 if j > i else i + 1
            continue
        above = next((ln.text for ln in reversed(flat[max(0, i - 2):i]) if ln.text.strip()), "")
        table = Table(id="", source=TableSource.TEXT, pages=sorted({ln.page for ln, _ in run}),
                      caption=normalize_ws(above) if len(above) <= 120 else "",
                      columns=[Column(k, "", meaning=m) for k, m in
                               enumerate(("unit_name", "received", "quota", "percent"))])
        if not any(m.group("p") for _, m in run):
            table.columns = table.columns[:3]  # results over quotas, no rates
        for ln, m in run:
            row = Row(index=len(table.rows) + 1, kind=RowKind.DATA, page=ln.page)
            for col, group in enumerate(("name", "a", "b", "p")):
                if m.group(group):
                    row.cells.append(_cell(doc, ln, col, m.start(group), m.end(group)))
            table.rows.append(row)
        k = j
        while k < len(flat) and not flat[k].text.strip() and k - j < 2:
            k += 1  # blank lines before the total
        if k < len(flat) and (flat[k].page, flat[k].number) not in taken \
                and (t := _LIST_TOTAL.match(match_form(flat[k].text))) and is_total_label(t.group("name")):
            row = Row(index=len(table.rows) + 1, kind=RowKind.TOTAL, page=flat[k].page)
            for col, group in enumerate(("name", "a", "b")):
                row.cells.append(_cell(doc, flat[k], col, t.start(group), t.end(group)))
            table.rows.append(row)
            j = k + 1
        tables.append(table)
        i = j
    return tables


def _spacing_lost(table: Table, pages: list[list[_Line]]) -> bool:
    """A table read by the spacing of its header whose rows, two and half of them or more, hold more figures
    than cells of figures and fewer cells than columns (``1 Doanh nghiep 185.000.000  96.500.000``: old OCR ran a
    figure into the name)."""
    text = {(ln.page, ln.number): ln.text for lines in pages for ln in lines}
    rows = lost = 0
    for row in table.rows[1:]:
        at = {c.lines[0] for c in row.cells if c.lines}
        sh = _row_shape(text.get(next(iter(at)), "")) if len(at) == 1 else None
        if sh is None:
            continue
        rows += 1
        lost += len(sh.nums) > sum(bool(_NUMERIC.match(c.text.strip())) for c in row.cells) \
            and len(row.cells) < len(table.columns)  # ("Tổ dân phố 5  80  96": a name's number, every cell there)
    return lost >= 2 and 2 * lost >= rows


def _is_text_meaning(name: str) -> bool:
    """A column before the numbers of a row: words, or the row's number (STT, Đợt, Tháng)."""
    from pipeline.tables.vocabulary import MEANINGS

    m = MEANINGS.get(name)
    return bool(m and m.text) or name in ("stt", "drive_no", "month")


# -- entry -----------------------------------------------------------------------------------------------
def read_text_tables(doc: Document, skip: set[tuple[int, int]] | None = None) -> list[Table]:
    """Every table of a document's text lines (lines in ``skip``, e.g. those of tables already read from a
    scan, are left alone)."""
    pages = _lines(doc)
    taken = set(skip or ())
    tables: list[Table] = []
    for p, lines in enumerate(pages):
        k = 0
        while k < len(lines):
            ln = lines[k]
            below = [x.text for x in lines[k + 1:k + 5 + MAX_WRAPPED_HEAD]]
            spans = None if (ln.page, ln.number) in taken else _is_header(ln.text, below)
            if spans is None:
                k += 1
                continue
            if k and (lines[k - 1].page, lines[k - 1].number) not in taken and (
                    _groups_over(lines[k - 1].text, ln.text) or _spaced_groups_over(lines[k - 1].text, ln.text)):
                k -= 1  # "| | | Năm 2020 | Năm 2021 |" over the header: its groups, the first of its two lines
                spans = _cells_of(lines[k].text)
            elif k and (lines[k - 1].page, lines[k - 1].number) not in taken and \
                    (groups := _groups_over_right(lines[k - 1].text, ln.text)) is not None:
                k, spans = k - 1, groups  # "--- Năm 2023 ---   Năm 2022" over the header's right part
            table, (p_end, i_end) = _spaced_table(doc, pages, p, k, spans)
            if k and (lines[k - 1].page, lines[k - 1].number) not in taken and not ln.restored \
                    and _words_over_header(lines[k - 1].text, spans, ln.text):
                _head_words_above(doc, table, lines[k - 1])  # "Tổng chiều dài" over "(km)": the header's first line
            if _spacing_lost(table, pages):
                k += 1  # its rows' figures ran into their names: read by the rows' shapes (``_aligned_tables``)
                continue
            if len(table.rows) >= 2:
                tables.append(table)
                for r in table.rows:
                    for c in r.cells:
                        taken.update(c.lines)
            k = i_end if p_end == p else len(lines)
    tables += _aligned_tables(doc, pages, taken)
    for table in tables:
        for r in table.rows:
            for c in r.cells:
                taken.update(c.lines)
    tables += _list_tables(doc, pages, taken)
    tables.sort(key=lambda t: (t.pages[0], min((c.lines[0][1] for r in t.rows for c in r.cells if c.lines), default=0)))
    return tables
