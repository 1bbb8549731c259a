"""What a raw table says: header rows, column meanings, values, data and total rows, one table over pages.

Readers (``text.py`` here; the scan and PDF readers of the OCR stage) hand over rows of cells, every row
``DATA``. This module, the same for every source:

* takes the leading rows that hold no figures and whose words name columns as the header (merged cells of a
  two-row header give ``Kết quả / Tiếp nhận``), and every later row equal to the header (repeated after a page
  break) as a header row, not data;
* gives each column its meaning (``vocabulary.header_meaning``), the year its header names and its unit;
* parses every cell of a number column once (``pipeline.numbers``), and marks a row whose name is
  ``Tổng cộng``, ``Cộng``, ``Toàn huyện``, ``Cả năm`` ... as the total row, a row of words without figures as a
  section heading;
* joins a table cut by a page break with its continuation at the top of the next page.
"""

from __future__ import annotations

import re

from pipeline.model import Cell, Column, Document, Qualifier, Row, RowKind, Table
from pipeline.numbers import parse_number
from pipeline.tables.vocabulary import MEANINGS, header_meaning, header_year, is_total_label, split_header
from pipeline.text import match_form, normalize_ws

MAX_HEADER_ROWS = 3
_PURE_NUMBER = re.compile(r"^\s*[(\[]?[-+]?\d[\d.,]*\s*%?[)\]]?\s*$")
_NUMBER_TEXT = re.compile(r"[-+]?\d[\d.,]*")
_QUALIFIER = {"tren": Qualifier.OVER, "hon": Qualifier.OVER, "gan": Qualifier.APPROX, "khoang": Qualifier.APPROX,
              "duoi": Qualifier.UNDER}
LABEL_MEANINGS = ("unit_name", "person_name", "month", "location", "campaign", "date")


def _numbering(row: Row) -> bool:
    """A row that numbers the columns under a header: (1) (2) (3) ... or 1 2 3 ..."""
    nums = [re.fullmatch(r"\s*\(?(\d{1,2})\)?\s*", c.best) for c in sorted(row.cells, key=lambda c: c.col)
            if c.best.strip()]
    return len(nums) >= 3 and all(nums) and [int(m.group(1)) for m in nums] == list(
        range(int(nums[0].group(1)), int(nums[0].group(1)) + len(nums)))


def _holds_figures(row: Row) -> bool:
    """Some cell is a figure: a number alone (a header's words may hold numbers: ``Thực hiện 6 tháng``)."""
    if _numbering(row):
        return False
    return any(_PURE_NUMBER.match(c.best) for c in row.cells)


def _names_columns(row: Row) -> bool:
    texts = [c.best for c in row.cells if c.best.strip()]
    return bool(texts) and sum(header_meaning(t) is not None for t in texts) >= max(1, len(texts) // 2)


def _header_rows(table: Table) -> int:
    n = 0
    for row in table.rows[:MAX_HEADER_ROWS]:
        if _holds_figures(row) or not row.cells:
            break
        if n == 0 and not _names_columns(row):
            break
        n += 1
    return n


def _columns(table: Table, n_header: int, doc_year: int | None) -> None:
    width = max([len(table.columns)] + [c.col + c.colspan for r in table.rows for c in r.cells])
    old = {c.index: c for c in table.columns}
    columns = []
    for j in range(width):
        parts = []
        for row in table.rows[:n_header]:
            cell = row.cell(j)
            text = normalize_ws(cell.best) if cell is not None else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        header = " / ".join(parts)
        col = Column(j, header, meaning=old[j].meaning if j in old else None)
        if parts:
            m = header_meaning(parts[-1]) or header_meaning(" ".join(parts))
            if m is not None:
                col.meaning = m.name
            col.unit = split_header(parts[-1])[1] or (split_header(parts[0])[1] if len(parts) > 1 else None)
            year = col.year = header_year(header)
            if (year is not None and doc_year is not None and year < doc_year
                    and col.meaning in ("received", "quota") and f"{col.meaning}_prev_year" in MEANINGS):
                col.meaning = f"{col.meaning}_prev_year"
        columns.append(col)
    table.columns = columns


def cell_value(cell: Cell, meaning: str | None) -> tuple[int | float | None, Qualifier]:
    """The number a cell of a number column holds (and a qualifier written before it)."""
    m = MEANINGS.get(meaning or "")
    if m is None or m.text:
        return None, Qualifier.EXACT
    form = match_form(cell.best)
    hit = _NUMBER_TEXT.search(form)
    if hit is None:
        return None, Qualifier.EXACT
    value = parse_number(hit.group().rstrip(".,").lstrip("+"))
    before = normalize_ws(form[: hit.start()])
    q = next((q for w, q in _QUALIFIER.items() if before.endswith(w)), Qualifier.EXACT)
    if value is not None and m.percent:
        value = float(value)
    return value, q


def _label(row: Row, table: Table) -> str:
    by_meaning = {c.meaning: c.index for c in table.columns}
    for meaning in LABEL_MEANINGS:
        if meaning in by_meaning:
            cell = row.cell(by_meaning[meaning])
            if cell is not None and cell.best.strip():
                return normalize_ws(cell.best)
    for cell in sorted(row.cells, key=lambda c: c.col):
        if any(ch.isalpha() for ch in cell.best):
            return normalize_ws(cell.best)
    return ""


def interpret(table: Table, doc_year: int | None) -> Table:
    """Header, meanings, values and row kinds of a raw table (in place; returns it)."""
    n_header = _header_rows(table)
    _columns(table, n_header, doc_year)
    header_texts = [[normalize_ws(match_form(c.best)) for c in sorted(r.cells, key=lambda c: c.col)]
                    for r in table.rows[:n_header]]
    for i, row in enumerate(table.rows):
        texts = [normalize_ws(match_form(c.best)) for c in sorted(row.cells, key=lambda c: c.col)]
        if i < n_header or (texts in header_texts and not _holds_figures(row)):
            row.kind = RowKind.HEADER
            continue
        for cell in row.cells:
            col = table.columns[cell.col] if cell.col < len(table.columns) else None
            cell.value, cell.qualifier = cell_value(cell, col.meaning if col else None)
        row.label = _label(row, table)
        numbers = [c for c in row.cells if c.value is not None and table.columns[c.col].meaning != "stt"]
        if any(is_total_label(c.best) for c in row.cells if any(ch.isalpha() for ch in c.best)) and numbers:
            row.kind = RowKind.TOTAL
        elif not numbers and row.label:
            row.kind = RowKind.SECTION
        else:
            row.kind = RowKind.DATA
    for k, row in enumerate(table.rows, 1):
        row.index = k
    return table


def _ends_page(doc: Document, table: Table) -> bool:
    page, last = table.pages[-1], max((ln for r in table.rows for c in r.cells for (p, ln) in c.lines if p == table.pages[-1]),
                                      default=0)
    rest = [l for l in doc.pages[page - 1].lines if l.number > last and l.best.strip()]
    return len(rest) <= 2 and all(len(l.best.split()) <= 3 for l in rest)  # at most a page number or footer


def _starts_page(doc: Document, table: Table) -> bool:
    page = table.pages[0]
    first = min((ln for r in table.rows for c in r.cells for (p, ln) in c.lines if p == page), default=0)
    before = [l for l in doc.pages[page - 1].lines if l.number < first and l.best.strip()]
    return len(before) <= 2 and all(len(l.best.split()) <= 3 for l in before)


def stitch(doc: Document, tables: list[Table]) -> list[Table]:
    """Join each table cut by a page break with its continuation at the top of the next page (same number
    of columns, no header of its own or the same header repeated)."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if (prev is not None and t.pages and prev.pages and t.pages[0] == prev.pages[-1] + 1
                and len(t.columns) == len(prev.columns) and _ends_page(doc, prev) and _starts_page(doc, t)):
            for row in t.rows:
                prev.rows.append(row)
            prev.pages += [p for p in t.pages if p not in prev.pages]
            continue
        out.append(t)
    return out
