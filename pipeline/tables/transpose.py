"""Tables written across: the units (or drives) as columns and the quantities as rows.

``Nội dung | TP Lai Châu | Tam Đường | ... | Toàn tỉnh`` over ``Tiếp nhận (đơn vị) | 951 | 583 | ...`` is the table
``Đơn vị | ... | Tiếp nhận | ...`` turned on its side. Turned back (each column a row, each row a column; the cells
themselves, their text, spans and boxes untouched, only their column index changes), every rule of a table by unit
applies: each unit's rate, the total column (now row) against the units, the parts of a row (``Trong đó: - Túi 250
ml``, now columns) against their whole. Tables of years or parts of the year side by side are not turned: their
columns are periods of the same quantity, read as such (``year_value``, ``period_value``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import Cell, Column, Row, RowKind, Table
from pipeline.tables.vocabulary import YEAR_ONLY, header_meaning, is_total_label
from pipeline.text import match_form, normalize_ws

_NUMBER = re.compile(r"^\s*[(\[]?[-+]?\d[\d.,]*\s*%?[)\]]?\s*$")
ACROSS_HEADS = ("drive_no", "drive_value", "unit_name")  # meanings a header cell of a turned table may have: a drive, a unit
MIN_ACROSS = 3  # columns of units (or drives) for a table to be turned
GARBLED_HEAD_CONF = 50.0  # a header cell read with less confidence may be a garbled unit or drive
MAX_HEADER_LINES = 3


def across_head(text: str) -> bool:
    """A header cell that names a unit, a drive or the total of them, not a quantity, a year or a figure."""
    form = normalize_ws(match_form(text))
    if not any(ch.isalpha() for ch in form) or _NUMBER.match(text) or YEAR_ONLY.match(form):
        return False  # a drawn rule (``-------``), a figure or a year
    if is_total_label(text):
        return True
    m = header_meaning(text)
    return m is None or m.name in ACROSS_HEADS


def _cells(row: Row) -> list[Cell]:
    return sorted((c for c in row.cells if c.best.strip()), key=lambda c: c.col)


def across(table: Table) -> int:
    """The number of header lines of a table written across (units or drives as columns, quantities as rows), or
    0 when it is not one."""
    if len(table.rows) < 3:
        return 0
    top = [c for c in _cells(table.rows[0]) if c.col > 0]
    odd = [c for c in top if not across_head(c.best)]
    # one head a scan garbled past reading (``Đợt 3 (18/11)`` read ``31.811`` at 20) among three or more that name
    # units or drives
    if len(top) < MIN_ACROSS or len(odd) > 1 or odd and (odd[0].conf is None or odd[0].conf >= GARBLED_HEAD_CONF
                                                          or len(top) - 1 < MIN_ACROSS):
        return 0
    if sum(not is_total_label(c.best) for c in top) < MIN_ACROSS - 1:
        return 0
    n_header = 1
    while n_header < min(MAX_HEADER_LINES, len(table.rows)) and not any(
            _NUMBER.match(c.best) for c in table.rows[n_header].cells if c.col > 0):
        n_header += 1  # ``(15/4)`` under ``Đợt 1``: the header's second line
    body = table.rows[n_header:]
    names = [c.best for r in body if (c := r.cell(0)) is not None and c.best.strip()
             and not ((m := header_meaning(c.best)) is not None and m.name == "recipients_total")]
    named = [n for n in names if (m := header_meaning(n)) is not None and not m.text]  # (a bare "Cộng" names none)
    if len(named) < 2 or len(named) * 2 < len(names):
        return 0
    numeric = sum(1 for r in body for c in r.cells if c.col > 0 and _NUMBER.match(c.best))
    if numeric * 2 < len(body) * len(top):
        return 0
    return n_header


def turn(table: Table, n_header: int) -> Table:
    """The table turned back: one row per column of units (its header lines' cells first), one column per row of
    quantities (its name the header). The header's corner cell (``Nội dung``, ``Chỉ tiêu``) names no column and
    is left out; every other cell keeps its text, span, box and confidence."""
    body = table.rows[n_header:]
    width = max(c.col + c.colspan for r in table.rows for c in r.cells)
    header = Row(index=1, kind=RowKind.HEADER, page=table.rows[0].page,
                 cells=[replace(c, col=n_header + k, colspan=1, rowspan=1)
                        for k, r in enumerate(body) if (c := r.cell(0)) is not None and c.col == 0])
    rows = [header]
    for j in range(1, width):
        cells = [replace(c, col=k, colspan=1, rowspan=1) for k, r in enumerate(table.rows[:n_header])
                 if (c := r.cell(j)) is not None and c.col == j]
        cells += [replace(c, col=n_header + k, colspan=1, rowspan=1) for k, r in enumerate(body)
                  if (c := r.cell(j)) is not None and c.col == j]
        if cells:
            page = table.rows[0].page
            rows.append(Row(index=len(rows) + 1, kind=RowKind.DATA, page=page, cells=cells))
    table.rows = rows
    table.columns = [Column(k, "") for k in range(n_header + len(body))]
    return table
