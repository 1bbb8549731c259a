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
from dataclasses import replace

from pipeline import syllables
from pipeline.model import Cell, Column, Document, Qualifier, Row, RowKind, Span, Table, TableSource
from pipeline.numbers import digit_lost, one_misread, parse_number
from pipeline.tables.formulas import column_keys
from pipeline.tables.transpose import across, across_head, turn
from pipeline.tables.vocabulary import (COLUMN_SUMS, COUNT_HEADER, MEANINGS, YEAR_ONLY, applicable_sums,
                                        fuzzy_header_meaning, header_meaning, header_year, is_total_label,
                                        months_of_label, names_a_column, split_header, sub_meaning)
from pipeline.text import match_form, normalize_ws

MAX_HEADER_ROWS = 3
_PURE_NUMBER = re.compile(r"^\s*[(\[]?[-+]?\d[\d.,]*\s*%?[)\]]?\s*$")
_SPACED_CELL = re.compile(r"^\s*\d{1,3}(?: \d{3})+\s*$")
_NUMBER_TEXT = re.compile(r"[-+]?\d[\d.,]*")
_UNIT_SUFFIX = re.compile(r"(?:ml|kg|đ|d|vnđ|vnd|%|người|nguoi|hộ|ho)\b", re.I)
_QUALIFIER = {"tren": Qualifier.OVER, "hon": Qualifier.OVER, "gan": Qualifier.APPROX, "khoang": Qualifier.APPROX,
              "duoi": Qualifier.UNDER}
LABEL_MEANINGS = ("unit_name", "person_name", "month", "location", "campaign", "date")


def _numbering(row: Row) -> bool:
    """A row that numbers the columns under a header: (1) (2) (3) ... or 1 2 3 ..., some with their formulas
    (``(3)=(2)/(1)``, see ``pipeline.tables.formulas``)."""
    return column_keys([c.best for c in sorted(row.cells, key=lambda c: c.col) if c.best.strip()]) is not None


def _holds_figures(row: Row) -> bool:
    """Some cell is a figure: a number alone (a header's words may hold numbers: ``Thực hiện 6 tháng``)."""
    if _numbering(row):
        return False
    numbers = [c.best.strip() for c in sorted(row.cells, key=lambda c: c.col) if _PURE_NUMBER.match(c.best)]
    years = [int(t) for t in numbers if re.fullmatch(r"(?:19|20)\d\d", t)]
    if len(years) >= 2 and len(years) == len(numbers) and years == sorted(years) and years[-1] - years[0] <= 5:
        return False  # ``Chỉ tiêu | 2019 | 2020 | 2021``, ``2023 | 2023 | 2024``: years head their columns
    if len(numbers) == 1 and sum(1 for c in row.cells if names_a_column(c.best)) >= 3:
        return False  # ``1 | Huyện, thị xã | Chỉ tiêu năm 2024 | Tiếp nhận 6 tháng | Tỷ lệ (%)``: a header whose STT
        # cell a fax's speck filled
    return bool(numbers)


def _header_line_with_a_year(row: Row) -> bool:
    """The second line of a header whose rulings a scan lost (``1 | phố | 2024 | tháng | (%) | chú`` under ``Huyện, thị
    xã, thành | Chỉ tiêu năm | Tiếp nhận 6 | Tỷ lệ | Ghi``): words, one year, and at most a speck's number before them;
    no figure of a row."""
    cells = sorted((c for c in row.cells if c.best.strip()), key=lambda c: c.col)
    numbers = [c for c in cells if _PURE_NUMBER.match(c.best)]
    years = [c for c in numbers if re.fullmatch(r"(?:19|20)\d\d", c.best.strip())]
    rest = [c for c in numbers if c not in years]
    words = [c for c in cells if c not in numbers]
    if len(years) >= 2 and len(words) >= 2 and not rest and all(names_a_column(c.best) for c in words):
        return True  # "2024 | 2023 | Số hộ | Tỷ lệ (%) | Số hộ | Tỷ lệ (%)": the last line of a three-line header
    return len(years) == 1 and len(words) >= 2 and (not rest or rest == cells[:1] and len(rest[0].best.strip()) <= 2) \
        and not any(_UNIT_START.match(normalize_ws(match_form(c.best))) for c in words)


_MONTH_CELL = re.compile(r"^\s*(?:thang\s*)?(?:0?[1-9]|1[0-2])(?:\s*/\s*(?:19|20)?\d\d)?\s*$")
_QUARTER_CELL = re.compile(r"^\s*quy\s*(i{1,3}|iv|[1-4])(?:\s*/\s*(?:19|20)?\d\d|\s+nam\s+(?:19|20)\d\d)?\s*$")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _year_closes_months(table: Table) -> None:
    """The row under a table's months or quarters named by the period they make up (``Năm 2024 | 177 | 4.545 | ...``
    after ``01`` to ``12``; ``9 tháng | 3.117 | ...`` after ``Quý I`` to ``Quý III``): the period's total row."""
    data = [r for r in table.rows if r.kind == RowKind.DATA]
    if len(data) < 3 or any(r.kind == RowKind.TOTAL for r in table.rows) or data[-1] is not table.rows[-1]:
        return
    col = table.column("month")
    index = col.index if col is not None else min((c.col for c in data[0].cells), default=0)
    label = lambda r: normalize_ws(match_form(c.best)).lower() if (c := r.cell(index)) is not None else ""
    last, rows = data[-1], data[:-1]
    span = months_of_label(label(last))
    if span is None:
        return
    months = [m.group(0) for r in rows if (m := _MONTH_CELL.match(label(r)))]
    quarters = [_QUARTERS[m.group(1)] for r in rows if (m := _QUARTER_CELL.match(label(r)))]
    if len(months) == len(rows) and (col is not None or span == len(rows)) \
            or len(quarters) == len(rows) and quarters == list(range(1, len(rows) + 1)) and span == 3 * len(rows):
        last.kind = RowKind.TOTAL


def _unread_figures(table: Table, row: Row) -> bool:
    """A row with figures in a column of numbers that read as none (``15           223.500``: two cells a lost bar ran
    together): a row of figures unread, no section's heading."""
    for c in row.cells:
        m = MEANINGS.get(table.columns[c.col].meaning or "") if c.col < len(table.columns) else None
        if m is not None and not m.text and c.value is None and len(re.findall(r"\d[\d.,]*\d|\d", c.best)) >= 2:
            return True
    return False


def _header_rows(table: Table) -> int:
    n = 0
    for k, row in enumerate(table.rows[:MAX_HEADER_ROWS]):
        if row.kind == RowKind.HEADER and k == n:
            n += 1  # (a line the reader knew for the header's: "2024 | 2023 | (+/-)" under "Năm | Năm | So sánh")
            continue
        if (_holds_figures(row) and not (n and _header_line_with_a_year(row))) or not row.cells:
            break
        if n == 0 and not _names_columns(row) \
                and not _units_over_columns(row, table.rows[k + 1] if k + 1 < len(table.rows) else None) \
                and not _words_over_figures(row, table.rows[k + 1:k + 4]):
            # the first line of one header cell a scan read as a row of its own (``Số lần`` over ``STT | Họ và tên |
            # ... | hiến máu``): a header line when the row under it names the columns
            # (or groups over the columns the row under it names: ``Được lên lớp`` spanning ``Số HS | Tỷ lệ (%)``)
            if not ((len([c for c in row.cells if c.best.strip()]) == 1 or any(c.colspan > 1 for c in row.cells))
                    and k + 1 < len(table.rows)
                    and not _holds_figures(table.rows[k + 1]) and _names_columns(table.rows[k + 1])):
                break
        if n and (_heads_section(row) or _group_heading(row, table.rows[k + 1] if k + 1 < len(table.rows) else None)):
            break  # "I | Tập thể" under the header: the first section of the rows
        n += 1
    return n


_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)[.)]?$")
_GROUP_LETTER = re.compile(r"^[A-E][.)]?$")


def _group_heading(row: Row, below: Row | None) -> bool:
    """One name alone under the header, naming no column, over a row of figures (``Khu vực I (thị trấn và các xã
    vùng thấp)`` over ``1 | Thị trấn ... | 60 | 78``): the first group's heading, not a header line."""
    filled = [c for c in row.cells if c.best.strip()]
    if len(filled) != 1 or below is None or not _holds_figures(below):
        return False
    text = filled[0].best.strip()
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 and not text.startswith("(") and not names_a_column(text) \
        and not re.search(r"\d", text)


def _heads_section(row: Row) -> bool:
    """A row of a Roman numeral and a name only (``I | Tập thể``), or one name alone in capitals that names no column
    (``CỤM 1 - TRUNG TÂM HUYỆN``): a section heading, not a header line."""
    first = row.cell(0)
    filled = [c for c in row.cells if c.best.strip()]
    if len(filled) == 1 and _CAPITAL_NAME.match(filled[0].best.strip()) and not names_a_column(filled[0].best):
        return True
    return first is not None and bool(_ROMAN.match(first.best.strip()) or _GROUP_LETTER.match(first.best.strip())) \
        and len(filled) == 2  # ("A | Khu vực đồng bằng": a group lettered so; "A | B | 1 | 2": a numbering row)


_CAPITAL_NAME = re.compile(r"^(?=(?:.*[^\W\d_]{2,}){2})[^a-zà-ỹđ]+$")  # two words or more, no small letter


def _columns(table: Table, n_header: int, doc_year: int | None, families=()) -> None:
    width = max([len(table.columns)] + [c.col + c.colspan for r in table.rows for c in r.cells])
    old = {c.index: c for c in table.columns}
    columns = []
    for j in range(width):
        parts = []
        spanning = False  # a header cell over this column and others: a group, its lines no one phrase
        for row in table.rows[:n_header]:
            if _numbering(row):
                continue  # (1) | (2) | (3)=(2)/(1): keys of the columns, no words of their headers
            cell = row.cell(j)
            text = normalize_ws(cell.best) if cell is not None else ""
            spanning = spanning or (cell is not None and cell.colspan > 1)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        header = " / ".join(parts) or (old[j].header if j in old else "")  # (a table read by its rows' shapes: its header words)
        col = Column(j, header, meaning=old[j].meaning if j in old else None, guessed=old[j].guessed if j in old else False,
                     year=old[j].year if j in old else None)
        if parts:
            # a sub-column under a header that names a quantity (``Kết quả thực hiện / Đơn vị``): what the family
            # says it is; else its own words, or all the words over it
            parent = header_meaning(" ".join(parts[:-1])) if len(parts) > 1 else None
            # one header wrapped over its lines in its own column ("Thoát / nghèo", "Nghèo / cuối năm"): its words
            # together, when they name more than its last line does
            joined = header_meaning(" ".join(parts)) if len(parts) > 1 and not spanning else None
            if joined is not None and (parent is None or joined.name != parent.name) \
                    and (last := header_meaning(parts[-1])) is not None and last.name == joined.name:
                joined = None  # the last line names it alone: the parent/child rules decide
            m = joined or sub_meaning(parent.name if parent else None, parts[-1]) or header_meaning(parts[-1]) \
                or header_meaning(" ".join(parts))
            if m is not None:
                col.meaning = m.name
            elif COUNT_HEADER.match(normalize_ws(match_form(parts[-1]))):
                col.meaning = "count"  # "Số người" over a list's figures
            elif (m := fuzzy_header_meaning(parts[-1], families) or fuzzy_header_meaning(" ".join(parts), families)):
                col.meaning, col.guessed = m.name, True  # OCR damaged the header: the nearest words
            col.unit = split_header(parts[-1])[1] or (split_header(parts[0])[1] if len(parts) > 1 else None)
            col.year = header_year(header) or col.year
        year = col.year  # from the header cell, or from a line of years under a header OCR'd without spacing
        if (year is not None and doc_year is not None and year < doc_year
                and col.meaning in ("received", "quota") and f"{col.meaning}_prev_year" in MEANINGS):
            col.meaning = f"{col.meaning}_prev_year"
        columns.append(col)
    table.columns = columns
    _split_merged_headers(table, n_header)
    _year_columns(table, doc_year)
    _bare_total_column(table, families)




def _year_only(col: Column) -> bool:
    """A header that is a year alone (``Năm 2023``, ``2023``)."""
    return col.year is not None and bool(YEAR_ONLY.match(normalize_ws(match_form(col.header))))


INDICATOR_SHARE = 0.5  # of a column's named rows whose names name a quantity, for the rows to be quantities


def row_meaning(table: Table, row: Row):
    """The quantity a row of an indicator table gives (``Số đơn vị máu tiếp nhận`` -> received), or None."""
    col = table.column("indicator")
    cell = row.cell(col.index) if col is not None else None
    return header_meaning(cell.best) if cell is not None and cell.best.strip() else None


def _indicator_column(table: Table) -> None:
    """In a table of years side by side, the first column of words whose rows' names name quantities (``Số đợt
    hiến máu``, ``Số người đăng ký``, ``Số đơn vị máu tiếp nhận``) names each row's quantity (``indicator``),
    whatever its header says (``Chỉ tiêu`` heads such a column as often as a quota)."""
    body = [r for r in table.rows if r.kind != RowKind.HEADER]
    for col in table.columns:
        if col.meaning in ("stt", "year_value", "years_total", "period_value", "period_total"):
            continue
        texts = [c.best for r in body if (c := r.cell(col.index)) is not None and c.best.strip()]
        if not texts or any(_PURE_NUMBER.match(t) for t in texts):
            return  # the first column of words holds numbers: no table of quantities
        named = [t for t in texts if (m := header_meaning(t)) is not None and not m.text]
        heads = [t for t in texts if not _PART_MARK.match(normalize_ws(match_form(t)).lower())]  # no breakdowns
        if len(named) >= 2 and len(named) >= INDICATOR_SHARE * len(heads):
            col.meaning, col.guessed = "indicator", False
        return


# the total over the parts of a year side by side, named by the part it makes (``Cộng quý III``, ``Tổng 6 tháng``,
# ``Cả quý``, ``Cộng cả năm``)
_PERIOD_TOTAL_HEAD = re.compile(r"^(?:(?:tong cong|tong|cong)\s+(?:ca\s+)?(?:quy|\d{1,2} thang|sau thang|chin thang|nam)\b"
                                r"|ca quy\b)")


def _last_line(header: str | None) -> str:
    """A header's last line (``Thực hiện / 6 tháng`` -> ``6 thang``), in match form."""
    return normalize_ws(match_form((header or "").split("/")[-1])).lower()


def _year_columns(table: Table, doc_year: int | None) -> None:
    """A column headed by a year alone (``Năm 2023``) before the year of the table's results (``Thực hiện
    2024``, or the report's) holds last year's results (guessed: not set against the text). In a table of no
    such results, two or more columns headed by years alone are each year's figure (``year_value``) and a bare
    ``Tổng cộng`` column beside them is the row's total over the years (``years_total``, checked by A603); so
    for parts of the year (``Quý I | ... | Cả năm``: ``period_value``, ``period_total``)."""
    received = table.column("received")
    if len([c for c in table.columns if c.meaning == "period_value"]) >= 2:
        # parts of the year side by side: a bare "Tổng cộng" beside them is the row's total over them
        _indicator_column(table)
        total = table.column("recipients_total")
        if total is not None and table.column("period_total") is None \
                and not any(table.column(m) for m in ("tap_the", "ca_nhan", "ho_gia_dinh")):
            total.meaning = "period_total"
        last_part = max(c.index for c in table.columns if c.meaning == "period_value")
        if table.column("period_total") is None:  # "Tháng 7 | Tháng 8 | Tháng 9 | Cộng quý III": the part's total
            # (or the span the parts make up: "Quý I | Quý II | Quý III | 9 tháng")
            total = next((c for c in table.columns if c.index > last_part and (
                c.meaning in (None, "count") and (_PERIOD_TOTAL_HEAD.match(head := normalize_ws(match_form(c.header)).lower())
                                                  or months_of_label(head) is not None)
                # ("Thực hiện / Quý I | Quý II | 6 tháng": the span under the same words as its parts)
                or c.meaning == "received" and months_of_label(_last_line(c.header)) is not None)), None)
            if total is not None:
                total.meaning = "period_total"
        return
    # (a year's start and end, ``Đầu năm 2022 | Cuối năm 2022``, side by side: each the figure at that time)
    years = [c for c in table.columns if c.meaning in (None, "poor_start", "month") and _year_only(c)]
    if received is None and len(years) >= 2:
        for col in years:
            col.meaning, col.guessed = "year_value", True
        _indicator_column(table)
        total = table.column("recipients_total")
        if total is not None and not any(table.column(m) for m in ("tap_the", "ca_nhan", "ho_gia_dinh")):
            total.meaning = "years_total"
        elif total is None:
            _years_total_named(table, years)
        return
    if received is None or "received_prev_year" not in MEANINGS or table.column("received_prev_year") is not None:
        return
    year = received.year or doc_year
    for col in table.columns:
        if col.meaning is None and _year_only(col) and year is not None and col.year < year:
            col.meaning, col.guessed = "received_prev_year", True
            return


# a total over the years that names its span (``Tổng 5 năm``, ``Cộng giai đoạn``, ``Tổng cộng 2020-2024``)
_YEARS_TOTAL_HEAD = re.compile(r"^(?:tong cong|tong so|tong|cong|ca giai doan)\s+(?:\d{1,2}\s+nam|ca\s+)?"
                               r"(?:nam|giai doan|(?:19|20)\d\d\s*-\s*(?:19|20)\d\d)?\b")
YEARS_TOTAL_OBEYED = 0.5  # share of its rows a total over the years named only by its words must add up in


def _years_total_named(table: Table, years: list[Column]) -> None:
    """After the columns of years, a column whose header totals them by naming the span (``Tổng 5 năm``) is the
    row's total over the years (``years_total``), when at least half its rows are that sum (a rate row is none)."""
    last = max(c.index for c in years)
    for col in table.columns:
        head = normalize_ws(match_form(col.header)).lower()
        if col.index <= last or col.meaning not in (None, "count") or not _YEARS_TOTAL_HEAD.match(head) \
                or head in ("tong", "cong"):
            continue
        share = _obeyed(_numbers(table, col.index), [_numbers(table, c.index) for c in years])
        if share >= YEARS_TOTAL_OBEYED:
            col.meaning, col.guessed = "years_total", False
        return


def _bare_total_column(table: Table, families) -> None:
    """A bare ``Cộng`` / ``Tổng số`` column (``recipients_total`` by its words) beside every part of a declared
    column sum whose total the table lacks is that total: ``Tại bệnh viện | Lưu động | Cộng`` -> received."""
    total = table.column("recipients_total")
    if total is None:
        return
    meanings = {c.meaning for c in table.columns if c.meaning}
    drives = [c for c in table.columns if c.meaning == "drive_value"]
    if len(drives) >= 2 and "received" not in meanings and "received" in MEANINGS \
            and total.index == drives[-1].index + 1:
        total.meaning = "received"  # "Đợt 1 | Đợt 2 | Đợt 3 | Cộng": what the drives took in together
        return
    for s in COLUMN_SUMS:
        if (s.total != "recipients_total" and s.total not in meanings and (s.family is None or s.family in families)
                and len(s.parts) >= 2 and all(p in meanings for p in s.parts) and not s.minus):
            total.meaning = s.total
            total.guessed = any(c.guessed for c in table.columns if c.meaning in s.parts)
            return


def _split_merged_headers(table: Table, n_header: int) -> None:
    """A header cell OCR read over several columns (a ruling between them lost: ``Cá nhân Giá trị khen thưởng
    (đồng)`` over two) whose words name as many meanings as it spans, in order, gives them in order (guessed)."""
    from pipeline.tables.text import header_meanings

    if not n_header:
        return
    last = table.rows[n_header - 1]
    for cell in last.cells:
        span = [c for c in table.columns if cell.col <= c.index < cell.col + cell.colspan]
        if len(span) < 2 or any(table.rows[k].cell(c.index) is not cell for c in span for k in range(n_header - 1, n_header)):
            continue
        words = cell.best.split()
        # the cell's words may come from two lines of the header (each column's first line, then their second):
        # try the text as one line, then cut in two at each word
        for names in [header_meanings([cell.best])] + [header_meanings([" ".join(words[:k]), " ".join(words[k:])])
                                                        for k in range(1, len(words))]:
            if len(names) == len(span) and len(set(names)) == len(names):
                break
        if len(names) == len(span) and len(set(names)) == len(names):
            for c, name in zip(span, names):
                c.meaning, c.guessed = name, True


_ANOTHER_NUMBER = re.compile(r"\s\d[\d.,]*\d(?![\w%])")  # a second number of 2+ digits, after a space


_NIL = re.compile(r"^\s*[-–—]\s*$")  # a dash alone in a cell of counts: nothing, 0
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ROMAN_CELL = re.compile(r"^\s*(?:dot\s+)?(" + "|".join(sorted(_ROMAN_VALUES, key=len, reverse=True)) + r")\.?\s*$")


_DOT_DECIMAL = re.compile(r"^\d{1,3}\.\d{1,2}$")
# three-digit groups with a comma before a dot: no decimal is written so, only thousands with one mark misread
_MIXED_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{3}(?:\.\d{3})+$")  # a comma before a dot ("1.579,164" is a decimal)


def cell_value(cell: Cell, meaning: str | None) -> tuple[int | float | None, Qualifier]:
    """The number a cell of a number column holds (and a qualifier written before it); a dash alone in a count
    column of typed text is 0 (on a scan it may be a speck: unread)."""
    m = MEANINGS.get(meaning or "")
    if m is None or m.text or cell.repair == UNPLACED:
        return None, Qualifier.EXACT
    form = match_form(cell.best)
    if m.additive and _NIL.match(cell.best) and cell.conf is None:
        return 0, Qualifier.EXACT  # "-" in a typed count column: none
    if meaning == "drive_no" and (roman := _ROMAN_CELL.match(form)):
        return _ROMAN_VALUES[roman.group(1)], Qualifier.EXACT  # "Đợt I, II, III": drives numbered in Roman
    if _SPACED_CELL.match(form):
        if re.match(r"\s*\d{3} \d{3} \d{3}\b", form):
            return None, Qualifier.EXACT  # "652 700 220": three cells OCR ran together as much as thousands
        return parse_number(form.strip()), Qualifier.EXACT  # "1 640": thousands written with a space
    hit = _NUMBER_TEXT.search(form)
    if hit is None:
        return None, Qualifier.EXACT
    raw = cell.best
    touching = raw[max(0, hit.start() - 1):hit.start() + 1] + raw[hit.end():hit.end() + 1]
    if any(ch.isalpha() for ch in touching) and not _UNIT_SUFFIX.match(raw[hit.end():]):
        return None, Qualifier.EXACT  # a letter OCR put in the number ("2a", "O17"): unreadable, not 2 or 17
    if re.match(r"\s*/\s*\d", form[hit.end():]) and re.search(r"[a-z]", form[:hit.start()]):
        return None, Qualifier.EXACT  # "Chuyển sang (hết 30/6)": a day in a name run over the cell, no count
    if _ANOTHER_NUMBER.search(form[hit.end():]):
        return None, Qualifier.EXACT  # several numbers in one cell ("2.788 0.260 T 17.900": columns OCR ran together)
    digits = hit.group().rstrip(".,").lstrip("+-")
    if m.percent and _DOT_DECIMAL.match(digits):
        digits = digits.replace(".", ",")  # "106.7" in a column of rates: a decimal point (thousands take three digits)
    if not m.percent and _MIXED_GROUPS.match(digits):
        digits = digits.replace(",", ".")  # "8,000.000" among amounts in đồng: a thousands dot OCR read as a comma
    value = parse_number(digits)
    before = normalize_ws(form[: hit.start()])
    if value is not None and (meaning in CHANGE_COLUMNS or m.percent) and (hit.group().startswith("-") or re.search(
            r"(?:^|\s)(?:[-\u2212\u2013]|giam)\s*$", before)):
        value = -value  # "-77", "giảm 12": a fall
    q = next((q for w, q in _QUALIFIER.items() if before.endswith(w)), Qualifier.EXACT)
    if value is not None and m.percent:
        value = float(value)
    return value, q


_COMMA_GROUP = re.compile(r"^\s*\d{1,3},\d{3}\s*$")


def _comma_thousands(table: Table) -> None:
    """A count written ``1,200`` in a column of whole counts whose thousands are marked with a dot (``1.100``, ``980``,
    ``1.236``): its thousands mark OCR read as a comma (the column's other counts have no decimals); a few such
    cells only, every other one a whole count."""
    for col in table.columns:
        m = MEANINGS.get(col.meaning or "")
        if m is None or m.text or m.percent or not m.additive:
            continue
        cells = [c for r in table.rows if r.kind != RowKind.HEADER and (c := r.cell(col.index)) is not None
                 and c.value is not None]
        whole = [c for c in cells if isinstance(c.value, int)]
        odd = [c for c in cells if not isinstance(c.value, int) and _COMMA_GROUP.match(c.best)]
        dotted = [c for c in whole if re.fullmatch(r"\s*\d{1,3}(?:\.\d{3})+\s*", c.best)]  # "1.236": the column's mark
        if len(whole) >= 2 and dotted and odd and len(odd) * 2 <= len(cells) and len(whole) + len(odd) == len(cells):
            for c in odd:
                c.value = int(re.sub(r"\D", "", c.best))


CHANGE_COLUMNS = ("change_prev_year", "change_prev_year_percent")  # a difference: its sign is written
_SIGNED = re.compile(r"^\s*[-+\u2212\u2013]\s*\d")


def _signed_columns(table: Table, n_header: int) -> None:
    """A column whose figures are written with their signs (``+36``, ``-77``; ``+5,9``) holds differences, whatever
    its header's last words say (``So với năm trước / Đơn vị`` is no unit's name, ``/ %`` no ratio): a change."""
    for col in table.columns:
        if col.meaning not in (None, "unit_name", "percent", "percent_prev_year", "received_prev_year"):
            continue
        texts = [c.best for r in table.rows[n_header:] if (c := r.cell(col.index)) is not None and c.best.strip()]
        signed = [t for t in texts if _SIGNED.match(t)]
        if len(signed) < 2 or len(signed) < CONTENT_SHARE * len(texts) or not any("-" in t or "\u2212" in t for t in signed):
            continue
        percent = col.meaning in ("percent", "percent_prev_year") or "%" in col.header or all("," in t for t in signed)
        col.meaning, col.guessed = ("change_prev_year_percent" if percent else "change_prev_year"), False


_UNIT_START = re.compile(r"^\W*(?:xa|phuong|thi tran|thi xa|thanh pho|huyen|tinh|quan)\b")
CONTENT_SHARE = 0.6  # of a column's body cells that must look alike for the content to name the column


_QUOTA_CAPTION = re.compile(r"\bchi tieu\b")  # "Bảng phân bổ chỉ tiêu tiếp nhận máu"


_GLUED_FIGURE = re.compile(r"[^\W\d_]\s(\d{1,3}(?:\.\d{3})+|\d+)$")  # "Thanh Cao, Tam Hưng 550": words, then a figure
GLUED_SHARE = 0.6  # of a column's data rows that hold a figure for a row's empty cell there to be one glued away


def _glued_figures(table: Table) -> None:
    """In typed text, a row's number column left empty while the words of the cell before it end in a figure one
    space away (``Các cơ quan, trường học; Thanh Cao, Tam Hưng 550`` under ``Các xã tham gia | Chỉ tiêu``): the
    figure is that column's cell, when most rows hold a figure there."""
    data = [r for r in table.rows if r.kind == RowKind.DATA]
    for col in table.columns:
        m = MEANINGS.get(col.meaning or "")
        if m is None or m.text or col.index == 0:
            continue
        filled = [r for r in data if (c := r.cell(col.index)) is not None and c.value is not None]
        if len(filled) < GLUED_SHARE * len(data):
            continue
        for row in data:
            if (c := row.cell(col.index)) is not None and c.text.strip():
                continue
            prev = row.cell(col.index - 1)
            if prev is None or prev.span is None or prev.more or (g := _GLUED_FIGURE.search(prev.text.rstrip())) is None:
                continue
            num = g.group(1)
            sp = prev.span
            if not sp.raw.rstrip().endswith(num) or (sp.restored is not None and not sp.restored.rstrip().endswith(num)):
                continue
            cut = len(sp.raw.rstrip()) - len(num)
            rest_cut = len(sp.restored.rstrip()) - len(num) if sp.restored is not None else None
            figure = Span(sp.page, sp.line, sp.start + cut, sp.start + cut + len(num), num,
                          num if sp.restored is not None else None,
                          sp.rest_start + rest_cut if sp.rest_start is not None and rest_cut is not None else None,
                          sp.rest_start + rest_cut + len(num) if sp.rest_start is not None and rest_cut is not None else None)
            prev.text = prev.text.rstrip()[:-len(num)].rstrip()
            prev.span = Span(sp.page, sp.line, sp.start, sp.start + len(sp.raw[:cut].rstrip()), sp.raw[:cut].rstrip(),
                             sp.restored[:rest_cut].rstrip() if sp.restored is not None else None, sp.rest_start,
                             sp.rest_start + len(sp.restored[:rest_cut].rstrip())
                             if sp.rest_start is not None and sp.restored is not None else sp.rest_end)
            cell = Cell(col=col.index, text=num, span=figure, conf=prev.conf, lines=list(prev.lines))
            cell.value, cell.qualifier = cell_value(cell, col.meaning)
            row.cells = [x for x in row.cells if x.col != col.index] + [cell]


def _whole_named_by_caption(table: Table) -> None:
    """``Cả năm`` beside drives side by side (``Đợt I | Đợt II | Đợt III``) in a table whose caption names what its
    figures are (``Bảng phân bổ chỉ tiêu tiếp nhận máu năm 2023``): the year's figure of that meaning (the quota)."""
    whole = table.column("period_total")
    if whole is None or table.column("period_value") is not None or table.column("drive_value") is None:
        return
    caption = match_form(table.caption or "").lower()
    named = MEANINGS.get("quota") if _QUOTA_CAPTION.search(caption) else header_meaning(caption)  # (of what: "tiếp nhận")
    if named is None or named.text or named.percent or named.figure is None or table.column(named.name) is not None:
        return
    whole.meaning = named.name


def _name_columns_by_content(table: Table, n_header: int) -> None:
    """Columns no header named (a table whose header row stayed on the page before, or was not read) named by
    what their cells hold: small row numbers in order -> ``stt``; names that start with a unit's level word
    (Xã, Phường, Thị trấn, Huyện ...) -> ``unit_name``. Marked guessed; each meaning once."""
    named = {c.meaning for c in table.columns if c.meaning}
    body = table.rows[n_header:]
    for col in table.columns:
        m = MEANINGS.get(col.meaning or "")
        if col.meaning == "unit_name":
            texts = [c.best for r in body if (c := r.cell(col.index)) is not None and c.best.strip()]
            if len(texts) >= 3 and all(_PURE_NUMBER.match(t) for t in texts):
                col.meaning = None  # "Trong tỉnh" over figures: a count of those in the province, no names
                named = {c.meaning for c in table.columns if c.meaning}
                continue
        if col.meaning is not None and not (m is not None and not m.text and "unit_name" not in named):
            continue  # a figure's header over names ("Đơn vị được giao" over "Huyện Cư Jút"): the names say what it is
        texts = [c.best.strip() for r in body if (c := r.cell(col.index)) is not None and c.best.strip()]
        if len(texts) < 3:
            continue
        forms = [normalize_ws(match_form(t)) for t in texts]
        numbers = [int(f.rstrip(".")) for f in forms if re.fullmatch(r"\d{1,3}\.?", f)]
        if col.meaning is None and "stt" not in named and len(numbers) >= CONTENT_SHARE * len(texts) \
                and numbers == sorted(numbers) and numbers[0] <= 2 and len(set(numbers)) == len(numbers):
            col.meaning, col.guessed = "stt", True
            named.add("stt")
        elif "unit_name" not in named and sum(bool(_UNIT_START.match(f)) for f in forms) >= CONTENT_SHARE * len(texts):
            col.meaning, col.guessed = "unit_name", True
            named.add("unit_name")
        elif m is not None and not m.text and not any(_PURE_NUMBER.match(f) for f in forms) \
                and sum(len(re.findall(r"[a-z]{2,}", f)) >= 2 for f in forms) >= CONTENT_SHARE * len(forms):
            col.meaning = None  # "Chỉ tiêu" over "Tổng đàn bò", "Tổng đàn lợn" (and "Sắn"): the rows' names, no quota


MIN_UNITS_ACROSS = 3


def _words_over_figures(row: Row, below: list[Row]) -> bool:
    """A line of words in four columns or more over three rows that fill the same columns, a name then figures
    (``Cấp học | Số trường | Tổng số phòng học | Kiên cố ...`` over ``Mầm non | 13 | 168 | 121 ...``): a header."""
    cols = sorted(c.col for c in row.cells if c.best.strip())
    if len(cols) < 4 or len(below) < 3 or any(_PURE_NUMBER.match(c.best) or not re.search(r"[^\W\d_]", c.best)
                                              for c in row.cells if c.best.strip()):
        return False
    for r in below:
        filled = sorted(c.col for c in r.cells if c.best.strip())
        first = r.cell(cols[0])
        if filled != cols or first is None or _PURE_NUMBER.match(first.best) \
                or not all(_PURE_NUMBER.match(c.best.strip()) for c in r.cells if c.col != cols[0] and c.best.strip()):
            return False
    return True


def _units_over_columns(row: Row, below: Row | None) -> bool:
    """A header of units over the columns closed by their total (``Biện pháp | Tả Phìn | Pa Tần | Nậm Tăm | Cộng``)
    over a row of figures: no meaning named, still a header (``_units_across``)."""
    cells = sorted((c for c in row.cells if c.best.strip()), key=lambda c: c.col)
    if len(cells) < MIN_UNITS_ACROSS + 2 or below is None or not _holds_figures(below) \
            or not is_total_label(cells[-1].best):
        return False
    return all(across_head(c.best) and not is_total_label(c.best) and not re.search(r"\d", c.best)
               for c in cells[1:-1])


def _units_across(table: Table, n_header: int) -> None:
    """A table of counts by kind (rows) and unit (columns) closed by a total column, whose rows name no quantity
    (``Biện pháp | Xích Thổ | Gia Lâm | Gia Sơn | Cộng`` over ``Thuốc tiêm | 17 | 12 | 14 | 43``; a table whose rows
    name quantities is turned, ``across``): each unit's column an ``across_value``, the total an ``across_total``,
    whatever a unit's name looks like (``Cúc Phương`` is no ward, ``Gia Lâm`` no price)."""
    if n_header != 1 or not table.rows:
        return
    heads = {c.col: c.best for c in table.rows[0].cells}
    last = max(heads, default=0)
    units = [j for j in heads if 0 < j < last]
    body = [r for r in table.rows[1:] if r.cells]
    if len(units) < MIN_UNITS_ACROSS or not is_total_label(heads[last]) or len(body) < 2 \
            or not all(across_head(heads[j]) and not is_total_label(heads[j]) and (
                header_meaning(heads[j]) is None or header_meaning(heads[j]).name == "unit_name") for j in units):
        return  # (drives over the columns, ``Đợt I | Đợt II``, are a unit's drives: the rows name the units)
    firsts = [normalize_ws(match_form(c.best)) for r in body if (c := r.cell(0)) is not None]
    if 2 * sum(bool(_UNIT_START.match(f)) for f in firsts) >= len(firsts):
        return  # rows of units: an ordinary table
    quantities = 0
    for r in body:
        first = r.cell(0)
        if first is None or not any(ch.isalpha() for ch in first.best):
            return
        if not is_total_label(first.best) and (m := header_meaning(first.best)) is not None and not m.text:
            quantities += 1
        if not all((c := r.cell(j)) is not None and _COUNT_CELL.match(c.best.strip()) for j in units + [last]):
            return
    if 2 * quantities >= len(body):
        return  # (rows that name quantities: a table written across)
    for j in units:
        table.columns[j].meaning, table.columns[j].guessed = "across_value", False
    table.columns[last].meaning, table.columns[last].guessed = "across_total", False
    if table.columns[0].meaning == "unit_name":
        table.columns[0].meaning = None


_COUNT_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+|-)$")


# "Cộng KCN Quế Võ": the total of a group the word after Cộng names (not Cộng đồng, Cộng tác viên, Cộng hòa ...)
_NAMED_GROUP_TOTAL = re.compile(r"^\s*cong\s+(?!(?:dong|tac|hoa|san|su|vien|nghe|nghiep|an|toan|ca|chung)\b)[a-z]")


def _group_named_total(table: Table, row: Row, i: int) -> bool:
    """A row without a row number, named ``Cộng`` and a group's name, under a group heading (``I | Khu công nghiệp
    Quế Võ``, ``I. Mầm non``) or closing the table: the group's total."""
    stt = table.column("stt")
    if not _NAMED_GROUP_TOTAL.match(normalize_ws(match_form(first_words(row))).lower()):
        return False
    cell = row.cell(stt.index) if stt is not None else None
    if cell is not None and cell.best.strip():
        return False
    return any(r.kind == RowKind.SECTION for r in table.rows[:i]) or i == len(table.rows) - 1
    # (the table's last row: "Cộng B" under the rows of a group headed above the table, "B. CÁ NHÂN (14)")


def first_words(row: Row, raw: bool = False) -> str:
    """The row's first cell that holds letters (where a total row writes Tổng cộng, Cộng, Toàn huyện); with ``raw``
    as printed (old OCR's ``Tóng cong``, which restoration may make ``Tướng công``)."""
    texts = [c.text if raw else c.best for c in sorted(row.cells, key=lambda c: c.col)]
    return next((t for t in texts if any(ch.isalpha() for ch in t)), "")


# Level words a row's name starts with, as written; OCR damages their letters ("Fhị trấn", "Ì hì trấn", "Thịt rấn")
LEVEL_NAMES = {"thitran": "Thị trấn", "thixa": "Thị xã", "thanhpho": "Thành phố", "phuong": "Phường", "huyen": "Huyện"}
_CAMEL = re.compile(r"\b[A-ZĐ][^\W\d_A-ZĐ]+[A-ZĐ][^\W\d_A-ZĐ]")
_GLUED_LEVELS = {"xa": "Xã", "phuong": "Phường", "huyen": "Huyện"}  # level words OCR glues to the name after them
_SECOND_SYLLABLE = {"tran": "Thị trấn", "pho": "Thành phố"}  # the second syllable of a level word, alone its own
LEVEL_FUZZY = 75  # rapidfuzz ratio of a name's first words' letters to a level word's


def canonical_level(text: str) -> str:
    """``text`` with its first one to three words, when their letters are nearly a level word's and a capitalised
    word follows them, written as that level word (``Fhị trấn Si Ma Cai`` -> ``Thị trấn Si Ma Cai``)."""
    from rapidfuzz import fuzz

    words = text.split()
    glued = re.match(r"^(\w{2,6}?)([A-ZĐ]\w*)$", words[0]) if words else None
    if glued and match_form(glued.group(1)).lower() in _GLUED_LEVELS:
        words = [_GLUED_LEVELS[match_form(glued.group(1)).lower()], glued.group(2)] + words[1:]  # "XaNdm Lanh"
        text = " ".join(words)
    if _CAMEL.search(text):  # names OCR glued (``SiMa Cai``): a capital after a small letter starts a syllable
        text = re.sub(r"(?<=[^\W\d_A-ZĐ])(?=[A-ZĐ][^\W\d_A-ZĐ])", " ", text)
        words = text.split()
    if len(words) > 1 and re.sub(r"[^a-z]", "", match_form(words[0]).lower()) == "xa" \
            and words[1][:1].isupper():
        return text  # the level word is there: "Xã Phong Dụ" is no OCR-damaged "Phường" ("xaphong" is near "phuong")
    prefixes = [(n, re.sub(r"[^a-z]", "", match_form(" ".join(words[:n])))) for n in (1, 2, 3)
                if len(words) > n and words[n][:1].isupper()]
    for n, letters in prefixes:  # the level word as written (its letters; OCR may have moved a space)
        if letters in LEVEL_NAMES:
            return " ".join([LEVEL_NAMES[letters]] + words[n:])
    for n, letters in sorted(prefixes, key=lambda p: p[0] != 2):
        for key, word in LEVEL_NAMES.items():
            if len(letters) >= 4 and fuzz.ratio(letters, key) >= LEVEL_FUZZY:
                return " ".join([word] + words[n:])
    # a two-syllable level word whose first syllable OCR garbled into no syllable ("Iln trấn Mường Chà")
    if len(words) > 2 and words[2][:1].isupper() and len(words[0]) <= 3 and not syllables.is_valid(words[0].lower()):
        word = _SECOND_SYLLABLE.get(match_form(words[1]).lower())
        if word:
            return " ".join([word] + words[2:])
    return text


_MONTH_LABEL = re.compile(r"^\W*[tl1i|]?h?ang\s*(\d{1,2})\W*$")  # a month row's name, its T read as l, 1, |


_CODE_LABEL = re.compile(r"[A-Z]{1,2}[+-]?")


def _label(row: Row, table: Table) -> str:
    by_meaning = {c.meaning: c.index for c in table.columns}
    order = LABEL_MEANINGS if "person_name" not in by_meaning else ("person_name",) + LABEL_MEANINGS  # rows of people
    for meaning in order:
        if meaning in by_meaning:
            cell = row.cell(by_meaning[meaning])
            if cell is not None and cell.best.strip():
                month = _MONTH_LABEL.match(match_form(cell.best)) if meaning == "month" else None
                if month and 1 <= int(month.group(1)) <= 12:
                    return f"Tháng {int(month.group(1))}"  # "Tháng9", "Lháng 3" as OCR printed them
                return canonical_level(normalize_ws(cell.best)) if meaning in ("unit_name", "location") else \
                    normalize_ws(cell.best)
    for cell in sorted(row.cells, key=lambda c: c.col):
        if cell.col < len(table.columns) and table.columns[cell.col].meaning == "stt" \
                and _GROUP_NUMBER.match(cell.best.strip()):
            continue  # a group's number (I, A) names no row
        if _CODE_LABEL.fullmatch(cell.text.strip()):
            return cell.text.strip()  # "O", "AB", "B+": a code, as typed (restoration made "O" the word "Ở")
        if any(ch.isalpha() for ch in cell.best):
            return normalize_ws(cell.best)
        if cell.col < len(table.columns) and table.columns[cell.col].meaning is None \
                and re.fullmatch(r"(?:19|20)\d\d", cell.best.strip()):
            return cell.best.strip()  # a row of one year, under "Năm"
    return ""


def interpret(table: Table, doc_year: int | None, families: list[str] | tuple[str, ...] = (),
              ocr_text: bool = False) -> Table:
    """Header, meanings, values and row kinds of a raw table (in place; returns it). ``families``: the report
    families of the document, whose rates may name columns a damaged header left unnamed; ``ocr_text``: the
    document's text is old OCR (restoration ran), so its typed tables' figures may be misread."""
    if (turned := across(table)):
        turn(table, turned)
    n_header = _header_rows(table)
    _columns(table, n_header, doc_year, families)
    _name_columns_by_content(table, n_header)
    _units_across(table, n_header)
    _whole_named_by_caption(table)
    _signed_columns(table, n_header)
    _decimals_count_nothing(table)
    _drive_numbers_count_drives(table)
    infer_ratio_columns(table, families, typed=table.source == TableSource.TEXT and not ocr_text)
    confirm_sums(table, families)
    _total_of_the_columns_before(table)
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
        numbers = [c for c in row.cells if c.value is not None and table.columns[c.col].meaning != "stt"] or [
            c for c in row.cells if c.col > 0 and table.columns[c.col].meaning is None and _PURE_NUMBER.match(c.best)]
        # (figures in columns no meaning names, "Nhà hư hỏng", count too: "Tổng cộng | 168 | 3.485" is a total row)
        if (is_total_label(first_words(row)) or is_total_label(first_words(row, raw=True))
                or _group_named_total(table, row, i)) and numbers \
                and table.column("indicator") is None:
            row.kind = RowKind.TOTAL  # (the rows of a table of quantities are quantities: "Tổng số hộ dân" is one)
        elif not numbers and row.label and not _unread_figures(table, row):
            row.kind = RowKind.SECTION
        else:
            row.kind = RowKind.DATA
    _year_closes_months(table)
    if table.source == TableSource.TEXT:
        _glued_figures(table)
    _comma_thousands(table)
    _numbered_rows_are_data(table)
    _numbers_in_sequence(table)
    _group_rows(table)
    for k, row in enumerate(table.rows, 1):
        row.index = k
    _part_rows(table)
    _doubt_damaged_rows(table, ocr_text)
    _doubt_odd_formats(table, ocr_text or table.source != TableSource.TEXT or not _marked(table))
    _repair_lost_digits(table, families)
    _repair_comma_read_as_digit(table, families)
    _repair_by_two_checks(table, families)
    _repair_by_row_and_column_sums(table, families, ocr_text and table.source == TableSource.TEXT)
    _confirm_by_rows(table, families)
    _unnamed_counts(table)
    return table


# a column of whole numbers no header word names, closed by a total row: a count of its own (``Số ng hiến được``,
# ``ĐVTN, HSSV``, ``CB, CNVC, LLVT``: groups of donors), unless its header says it is no count
_PLAIN_COUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{1,6}$")
_NO_COUNT_HEADER = re.compile(r"\b(?:binh quan|trung binh|ty le|xep|hang|thu tu|nam sinh|tuoi|ma|so hieu|dien thoai|"
                              r"sdt|lan thu|stt|tt|ghi chu|muc|don gia|gia)\b|%|^\s*(?:ngay(?!\s+(?:dieu tri|dt|giuong|nam vien|cong)\b)|thang|nam|quy|dot)\b")
# (a period opening the header names the rows' dates or years: "Năm", "Năm thành lập", "Tháng"; after the words, the
# period of a count: "Đoàn viên cuối năm", "Số trẻ theo KH năm", "Tiêm đủ 6 tháng")


# a measure in brackets that adds up over rows (no rate "tạ/ha", no percent)
_MEASURE_HEADER = re.compile(r"\(\s*(?:ha|tan|km|kg|m|m2|m3|lit|con|cay|tr\.?\s*dong|trieu dong|ty dong|nghin dong|dong)\s*\)")
_PLAIN_AMOUNT = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")


def _a_total_adds_up(table: Table, col: int) -> bool:
    """Whether a total row of ``table`` holds, in column ``col``, the sum of the plain counts of the rows above it
    (since the total before it, or from the top), three rows at least."""
    run: list[int] = []
    every: list[int] = []
    for r in table.rows:
        c = r.cell(col)
        text = normalize_ws(c.best) if c is not None else ""
        value = int(text.replace(".", "")) if _PLAIN_COUNT.match(text) else None
        if r.kind == RowKind.TOTAL:
            if value is not None and len(run) >= 3 and value in (sum(run), sum(every)):
                return True
            run = []
        elif r.kind in (RowKind.DATA, RowKind.PART) and value is not None:
            run.append(value)
            every.append(value)
    return False


def _unnamed_counts(table: Table) -> None:
    """Columns no meaning named whose cells are all whole numbers (no years) under a header of words that name no
    rate, rank, date or price, in a table with a total row that gives a number there: counts (``count``,
    guessed), so that the total row is checked against them like any count."""
    totals = [r for r in table.rows if r.kind == RowKind.TOTAL]
    body = [r for r in table.rows if r.kind in (RowKind.DATA, RowKind.PART, RowKind.SUBTOTAL)]
    if not totals or len(body) < 2:
        return
    for col in table.columns:
        header = normalize_ws(match_form(col.header or "")).lower()
        if col.meaning is not None or _NO_COUNT_HEADER.search(header) \
                or not re.search(r"[a-z]", header) and not _a_total_adds_up(table, col.index):
            continue  # (a column whose header OCR lost counts when a total row is the sum of the rows above it)
        cells = [c for r in body + totals if (c := r.cell(col.index)) is not None and c.best.strip()]
        texts = [normalize_ws(c.best) for c in cells]
        if len(cells) >= 3 and _MEASURE_HEADER.search(header) and all(_PLAIN_AMOUNT.match(t) for t in texts) \
                and all((c := r.cell(col.index)) is not None and c.best.strip() for r in totals):
            col.meaning, col.guessed = "amount", True  # "Rừng trồng (ha)" over "166,8", "468,7" ... "4.318,4"
            for c in cells:
                c.value, c.qualifier = cell_value(c, "amount")
            continue
        if not all(_PLAIN_COUNT.match(t) for t in texts) or len(cells) < 3:
            continue
        values = [int(t.replace(".", "")) for t in texts]
        if all(1900 <= v <= 2100 for v in values) or any(
                (c := r.cell(col.index)) is None or not c.best.strip() for r in totals):
            continue
        col.meaning, col.guessed = "count", True
        for c in cells:
            c.value, c.qualifier = cell_value(c, "count")


def columns_by_meaning(table: Table) -> dict[str, int]:
    """meaning -> column index (the first column of that meaning)."""
    out: dict[str, int] = {}
    for c in table.columns:
        if c.meaning and c.meaning not in out:
            out[c.meaning] = c.index
    return out


def fill_sequence(numbers: list[int | None]) -> list[int | None]:
    """Row numbers OCR lost or garbled, from their neighbours: a run of rows between k and k + n + 1 that has n
    rows is numbered k + 1 ... k + n, a first row before 2 is 1 (``[1, None, None, 4]`` -> ``[1, 2, 3, 4]``), a
    last row after three in order is the next. A gap the neighbours do not pin stays."""
    out = list(numbers)
    k = 0
    while k < len(out):
        if out[k] is not None:
            k += 1
            continue
        end = k
        while end < len(out) and out[end] is None:
            end += 1  # a run of rows without numbers: [k, end)
        before = out[k - 1] if k > 0 else 0
        after = out[end] if end < len(out) else None
        ordered = k >= 3 and out[k - 3:k] == list(range(before - 2, before + 1))
        if before is not None and (after is not None and after == before + (end - k) + 1
                                   or after is None and end == len(out) and end - k == 1 and ordered):
            for j in range(k, end):
                out[j] = before + (j - k) + 1
        k = end
    return out


# a figure inside a unit's name with words after it ("Xa Hoa Hwng 70 Khdi cd quan"), or two figures in it ("huyen 250
# 74 B3 157"): OCR ran figure cells into the name (and the line below onto it), so the row's other cells may sit off
_FIGURE_IN_NAME = re.compile(r"\s\d{2,}(?:[.,]\d+)?\s+[^\W\d_]+\s+\S|(?:\s\d{2,}(?:[.,]\d+)?){2,}")
_ROMAN_MARK = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X|[A-E])\.?$")  # a group's number (II) or letter (A)
DAMAGED_ROW_CONF = 45.0  # under the audit's floor: what OCR text read in a row it damaged elsewhere is in doubt


def _doubt_damaged_rows(table: Table, ocr_text: bool = False) -> None:
    """In a table from OCR'd text (no confidence per word), a row where a number column holds characters that
    are no number ("Ls RA", "O17,") was damaged by OCR: its other numbers are in doubt too (a digit lost there
    goes unseen), so checks on them say "cannot be verified" rather than blame the report. In old OCR text, a
    figure inside a unit's name with words after it is such damage too (``_FIGURE_IN_NAME``)."""
    if table.source != TableSource.TEXT:
        return
    numeric = {c.index for c in table.columns if (m := MEANINGS.get(c.meaning or "")) is not None and not m.text}
    stt = col.index if (col := table.column("stt")) is not None else None
    for row in table.rows:
        if row.kind not in (RowKind.DATA, RowKind.TOTAL):
            continue
        cells = [c for c in row.cells if c.col in numeric]
        name = row.cell(names.index) if (names := table.column("unit_name")) is not None else None
        if ocr_text and name is not None and _FIGURE_IN_NAME.search(name.text) or any(
                c.value is None and c.text.strip() and not _NIL.match(c.text)  # a dash: nothing
               and not (c.col == stt and (_ROMAN_MARK.match(c.text.strip())  # a group's number: "II", "A"
                                          or re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){1,3}\.?", c.text.strip())))  # "2.1"
               and not (row.kind == RowKind.TOTAL and is_total_label(c.text))  # "Tổng cộng" under "Đợt": its name
               and len(re.findall(r"[^\W\d_]{3,}", c.text)) < 2  # "Đợt 6 - Hưởng ứng Ngày 05/12": words, no damage
               # (typed text: "thực tế" as a price is words; "O17,", "Ls" damage)
               and (ocr_text or re.search(r"\d", c.text) or len(c.text.split()) == 1 and len(c.text.strip()) <= 3)
               for c in cells):
            for c in cells:
                if c.value is not None:
                    c.conf = min(c.conf if c.conf is not None else 100.0, DAMAGED_ROW_CONF)


def row_number(table: Table, row: Row) -> int | None:
    """The number a row's STT cell gives it, or None."""
    col = table.column("stt")
    cell = row.cell(col.index) if col is not None else None
    return cell.value if cell is not None and isinstance(cell.value, int) else None


def _numbered_rows_are_data(table: Table) -> None:
    """A row without numbers whose STT follows its neighbours' (3 between 2 and 4) is a data row whose figures
    OCR lost, not a section heading: the checks over its column then know a row is missing."""
    if table.column("stt") is None:
        return

    rows = table.rows
    numbered = (RowKind.DATA, RowKind.SECTION)
    for k, row in enumerate(rows):
        n = row_number(table, row)
        if row.kind != RowKind.SECTION or n is None:
            continue
        # the neighbour may be a row without numbers as well: a list of names (``1 | UBND xã A``, ``2 | Trường
        # B``) numbers its entries and has no figures
        before = row_number(table, rows[k - 1]) if k > 0 and rows[k - 1].kind in numbered else None
        after = row_number(table, rows[k + 1]) if k + 1 < len(rows) and rows[k + 1].kind in numbered else None
        if before == n - 1 or after == n + 1:
            row.kind = RowKind.DATA


# letters OCR reads for digits in a column of row numbers ("I2." for 12, "II" for 11, "S" for 5)
_DIGIT_LOOKALIKES = str.maketrans({"I": "1", "l": "1", "|": "1", "i": "1", "!": "1", "O": "0", "o": "0", "Q": "0",
                                   "D": "0", "S": "5", "s": "5", "Z": "2", "z": "2", "B": "8", "G": "6", "b": "6",
                                   "g": "9", "q": "9"})
SEQUENCE_COLUMNS = ("stt", "drive_no")  # columns that number the rows 1, 2, 3 ...


def _numbers_in_sequence(table: Table) -> None:
    """A row number OCR read with letters for digits (``I2.``, ``II``), between or after numbers in order: the
    number its neighbours give it (``fill_sequence``), when its letters read as digits say the same number; a
    digit misread between neighbours that leave room for one number only (``2``, ``5``, ``4``) likewise."""
    data = [r for r in table.rows if r.kind == RowKind.DATA]
    for meaning in SEQUENCE_COLUMNS:
        col = table.column(meaning)
        if col is None:
            continue
        cells = [r.cell(col.index) for r in data]
        numbers = [c.value if c is not None and isinstance(c.value, int) else None for c in cells]
        for cell, was, now in zip(cells, numbers, fill_sequence(numbers)):
            if cell is None or was is not None or now is None:
                continue
            digits = cell.best.strip().rstrip(".,").translate(_DIGIT_LOOKALIKES)
            if digits.isdigit() and int(digits) == now:
                cell.value, cell.repair = now, REPAIR_SEQUENCE
        # a number between two that leave room for one only, itself another (``2``, ``5``, ``4``: a 3 OCR read as
        # 5), of as many digits: the number its neighbours give it
        # (or a digit of it lost: ``1`` for 11)
        for k in range(1, len(cells) - 1):
            before, was, after = numbers[k - 1], numbers[k], numbers[k + 1]
            if None in (before, was, after) or after != before + 2 or was == before + 1 \
                    or not (len(str(was)) == len(str(before + 1)) or digit_lost(str(was), str(before + 1))):
                continue
            cells[k].value, cells[k].repair = before + 1, REPAIR_SEQUENCE
            numbers[k] = before + 1
        # the last row after three in order, read as the next number with one digit lost (``2`` for 12)
        # (its neighbours' numbers as they give them: ``fill_sequence``)
        k, seq = len(cells) - 1, fill_sequence(numbers[:-1]) + numbers[-1:]
        if k >= 3 and None not in seq[k - 3:] and seq[k - 3:k] == list(range(seq[k - 1] - 2, seq[k - 1] + 1)) \
                and seq[k] != seq[k - 1] + 1 \
                and digit_lost(str(seq[k]), str(seq[k - 1] + 1)):  # (another number there may be rows lost)
            cells[k].value, cells[k].repair = seq[k - 1] + 1, REPAIR_SEQUENCE
            numbers[k] = seq[k - 1] + 1


_GROUP_NUMBER = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|A|B|C|D|E)[.)]?$")
_GROUP_WORDS = re.compile(r"^(?:khoi|cum|nhom|tuyen|khu vuc|linh vuc)\b")


def _without_mark(label: str) -> str:
    """A row's name without a group's mark OCR put in it (``A Khối xã, thị trấn``, ``II. Khối cơ quan``): match form."""
    return re.sub(r"^(?:[ivx]{1,4}|[a-e])[.)]?\s+(?=(?:khoi|cum|nhom|tuyen|khu vuc|linh vuc)\b)", "",
                  normalize_ws(match_form(label)).lower())


def _group_rows(table: Table) -> None:
    """Rows that head a group of the table with the group's own figures (``I | Khối huyện, thành phố | 5.100``,
    ``Khối cơ quan | 1.400`` over numbered rows): the sum of the rows under them (``RowKind.SUBTOTAL``), not
    rows of their own. A row is such a group when it has figures but no row number, the row under it is
    numbered 1 or next after the rows above, and its mark is a Roman numeral or a capital letter, or its name
    says it is a group (khối, cụm, nhóm ...), or the numbering starts again under it."""
    stt = table.column("stt")
    if stt is None:
        _marked_groups(table)
        return
    rows = table.rows

    last = None  # the number of the last numbered row above
    for k, row in enumerate(rows[:-1]):
        own = row_number(table, row) if row.kind == RowKind.DATA else None
        if own is not None:
            last = own
        if row.kind != RowKind.DATA or own is not None:
            continue
        nxt = rows[k + 1]
        below = row_number(table, nxt) if nxt.kind == RowKind.DATA else None
        if below is None:
            continue
        if not (below == 1 or last is not None and below == last + 1):
            continue  # the numbering restarts under a group or runs on past it; 10, "I", 12 is row 11 misread
        cell = row.cell(stt.index)
        mark = cell.best.strip() if cell is not None else ""
        # a Roman numeral OCR misread ("H" for II, "" for I) still heads a group when the rows under it number
        # from 1 again after numbered rows, or when its name says it is one
        restart = below == 1 and last is not None
        if _GROUP_NUMBER.match(mark) or restart or _GROUP_WORDS.match(_without_mark(row.label)):
            row.kind = RowKind.SUBTOTAL
    _groups_by_sums(table)


_MARKED_NAME = re.compile(r"^\s*(?:[A-E]|I{1,3}|IV|V|VI)[.)]\s+\S")  # "A. Các huyện, thị xã", "II. Khối cơ quan"


def _marked_groups(table: Table) -> None:
    """In a table with no STT column, rows whose names carry a group's mark (``A. Các huyện, thị xã, thành phố``,
    ``B. Khối cơ quan tỉnh``), two or more, one of them over unmarked rows: the groups' rows (``SUBTOTAL``)."""
    data = [r for r in table.rows if r.kind == RowKind.DATA]
    marked = [r for r in data if _MARKED_NAME.match(r.label or "")]
    if len(marked) < 2 or len(marked) == len(data):
        return
    if not any(k + 1 < len(data) and not _MARKED_NAME.match(data[k + 1].label or "") for k, r in enumerate(data)
               if r in marked):
        return
    for r in marked:
        r.kind = RowKind.SUBTOTAL


def _groups_by_sums(table: Table) -> None:
    """A row named as a group (``khối``, ``cụm`` ...) whose every count equals the sum of the rows under it to the
    next group or total is that group's row, even when OCR read its mark as a row number (``I`` as ``1``)."""
    additive = [c.index for c in table.columns if (m := MEANINGS.get(c.meaning or "")) is not None and m.additive
                and not m.text and not m.percent]
    rows = table.rows
    for k, row in enumerate(rows):
        if row.kind != RowKind.DATA or not _GROUP_WORDS.match(normalize_ws(match_form(row.label)).lower()):
            continue
        under = []
        for nxt in rows[k + 1:]:
            if nxt.kind != RowKind.DATA or _GROUP_WORDS.match(normalize_ws(match_form(nxt.label)).lower()):
                break
            under.append(nxt)
        if len(under) < 2:
            continue
        sums = []
        for j in additive:
            own = row.cell(j)
            parts = [r.cell(j) for r in under]
            if own is None or own.value is None or any(p is None or p.value is None for p in parts):
                continue
            sums.append(abs(float(own.value) - sum(float(p.value) for p in parts)) < 1e-9)
        if sums and all(sums):
            row.kind = RowKind.SUBTOTAL


_PART_MARK = re.compile(r"^(?:[-+*\u2013\u2022]\s*|trong do\b|theo [^-]{2,30}-\s)")  # also ``Theo giới tính - Nam``
PARTITION = re.compile(r"^theo [^-]{2,30}-\s")  # a part that opens another breakdown of the same row: by sex, by age
_ANNOUNCES_PARTS = re.compile(r"\btrong do\s*:?\s*$")


def _part_mark(label: str) -> str:
    """The mark a part row's name opens with (``-``, ``+`` ...; ``Trong đó:`` before it left out), or ""."""
    m = re.match(r"^(?:trong do\s*:?\s*|theo [^-]{2,30}(?=-\s))?([-+*\u2013\u2022])", label)
    return m.group(1) if m else ""


# a row whose name opens with its number ("Nhóm 1. Do người lao động ... đóng", "2. Khối trường học"): the rows
# marked "-" under it are its parts, as under a numbered row
_NUMBERED_LABEL = re.compile(r"^\s*(?:(?:[ivx]{1,4}|\d{1,2}|[a-e])[.)]|[a-z]+ \d{1,2}[.:)])\s")


def _part_rows(table: Table) -> None:
    """Rows that break down the row above them (``RowKind.PART``, ``part_of`` that row): unnumbered rows marked
    ``-``, ``+`` or ``Trong đó`` under a row whose name ends ``Trong đó:`` (or under a ``Trong đó:`` row of its
    own), after a row that opens ``Trong đó: - ...``, or under a numbered row or a total in a table whose rows are
    numbered; numbered rows under an unnumbered ``Tổng số ... Trong đó:``. A part marked otherwise than the parts
    before it (``+`` under ``- Tạm hoãn``) breaks down the part above it. They are no rows of the total's sum
    (they would count their figures twice); ``table_part_rows`` checks them against their row."""
    numbered = table.column("stt") is not None
    parent: Row | None = None
    announced = False
    levels: list[tuple[str, Row]] = []  # (mark, the row its parts break down), outermost first
    previous: Row | None = None
    for row in table.rows:
        if row.kind == RowKind.HEADER:
            continue
        label = normalize_ws(match_form(row.label)).lower()
        if row.kind == RowKind.SECTION and _ANNOUNCES_PARTS.search(label) and len(label) <= 12:
            announced = parent is not None  # ``Trong đó:`` alone on its row
            continue
        own = row_number(table, row) if numbered else None
        opens = label.startswith("trong do")  # ``Trong đó: - Nam | 3.468``: the first part, announcing the rest
        mark = _part_mark(label)
        if levels and own is None and row.kind == RowKind.DATA and mark:
            marks = [m for m, _ in levels]
            if mark in marks:
                del levels[marks.index(mark) + 1:]  # back to the level of that mark
            elif previous is not None and previous.kind == RowKind.PART:
                levels.append((mark, previous))  # a new mark under a part: that part's own breakdown
            row.kind, row.part_of = RowKind.PART, levels[-1][1].index
            previous = row
            continue
        if parent is not None and mark and not announced \
                and _part_mark(normalize_ws(match_form(parent.label)).lower()) == mark:
            parent = None  # "- Số vụ", then "- Số người chết": rows of one mark side by side, none the others' whole
        if parent is not None and row.kind == RowKind.DATA and (
                own is None and _PART_MARK.match(label) and (announced or numbered or opens or (
                    parent.kind == RowKind.DATA and _NUMBERED_LABEL.match(normalize_ws(match_form(parent.label)).lower())))
                or own is not None and announced and row_number(table, parent) is None):
            # (or numbered rows under an unnumbered ``Tổng số ... Trong đó:`` above them)
            row.kind, row.part_of = RowKind.PART, parent.index
            announced = announced or opens
            levels = [(mark, parent)] if mark else []
            previous = row
            continue
        levels = []
        holds = row.kind in (RowKind.DATA, RowKind.TOTAL, RowKind.SUBTOTAL)
        parent = row if holds else None
        previous = row
        announced = parent is not None and bool(_ANNOUNCES_PARTS.search(label))
        if announced and row.label:
            row.label = re.sub(r"[\s,;.]*\S+\s+\S+\s*:?\s*$", "", row.label) or row.label  # its ``Trong đó:``


CONFIRMED_CONF = 75.0  # a cell read under the audit's floor whose row's own identity its value satisfies


def _confirm_by_rows(table: Table, families) -> None:
    """A cell OCR read with low confidence whose value makes its row's rate agree with the row's part and whole
    at the decimals written (``14 | 30 | 46,7`` with 14 read at 33) is confirmed by the row: a misread digit
    would not satisfy it. Its confidence rises to ``CONFIRMED_CONF``, so a column sum over it can be judged."""
    for cells, (rate, part, whole), d in _ratio_rows(table, families, (RowKind.DATA, RowKind.TOTAL)):
        if not whole or not part or abs(round(100 * part / whole, d) - rate) > 1e-9:
            continue
        for c in cells:
            if c.conf is not None and c.conf < CONFIRMED_CONF:
                c.conf = CONFIRMED_CONF


def _ratio_rows(table: Table, families, kinds: tuple[RowKind, ...]):
    """(cells, their values, the rate's decimals as written) of each row of ``kinds`` holding a rate of the
    document's families with its part and whole, none of them repaired."""
    from pipeline.tables.vocabulary import RATIOS

    cols = columns_by_meaning(table)
    for r in RATIOS:
        if (r.family is not None and r.family not in families) or not {r.rate, r.part, r.whole} <= cols.keys():
            continue
        for row in table.rows:
            if row.kind not in kinds:
                continue
            cells = [row.cell(cols[m]) for m in (r.rate, r.part, r.whole)]
            if any(c is None or c.value is None or c.repair for c in cells):
                continue
            yield cells, tuple(float(c.value) for c in cells), _decimals(cells[0].best) or 0


def _digits(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}".replace(".", "")


def _one_lost(read: str, true: str) -> bool:
    """``read`` is ``true`` with one digit dropped ("2" for "12", "104" for "1044")."""
    return len(read) + 1 == len(true) and any(true[:k] + true[k + 1:] == read for k in range(len(true)))


def _implied_counts(rate: float, part: float, whole: float, d: int) -> list[tuple[int, int]]:
    """(1, the part) and (2, the whole) that the rate, to its ``d`` decimals, and the other count imply, where
    they are whole numbers; none when the counts are not whole."""
    if part != int(part) or whole != int(whole) or not whole or not rate:
        return []
    out = []
    p2 = rate * whole / 100  # the part the rate implies, to the rate's precision
    if abs(p2 - round(p2)) <= whole * 0.5 * 10 ** -d / 100 + 1e-9:
        out.append((1, round(p2)))
    w2 = 100 * part / rate
    if abs(w2 - round(w2)) <= w2 * 0.5 * 10 ** -d / rate + 1e-9:
        out.append((2, round(w2)))
    return out


def _lost_digit(rate: float, part: float, whole: float, d: int) -> tuple[int, float] | None:
    """(which of rate / part / whole, its value) when exactly one of them, read with one digit more, makes
    rate = 100 x part / whole at the rate's ``d`` decimals."""
    if part != int(part) or whole != int(whole) or not whole or not rate:
        return None
    read = {1: part, 2: whole}
    options = [(k, v) for k, v in _implied_counts(rate, part, whole, d) if _one_lost(_digits(read[k], 0), _digits(v, 0))]
    r2 = round(100 * part / whole, d)
    if _one_lost(_digits(rate, d), _digits(r2, d)):
        options.append((0, r2))
    return options[0] if len(options) == 1 else None


def _repair_lost_digits(table: Table, families) -> None:
    """A row whose rate disagrees with its part and whole, where exactly one of the three, read with one digit
    more, makes the row agree (``25 | 2 | 48,0``: 12 = 48% of 25): OCR dropped that digit. The cell takes the
    value the row implies, marked repaired and in doubt; the row's own rate check cannot then judge it, but
    the column's sum uses the digits the page most likely holds."""
    for cells, (rate, part, whole), d in _ratio_rows(table, families, (RowKind.DATA,)):
        if not whole or rate > MAX_RATE or abs(100 * part / whole - rate) <= max(RATE_TOLERANCE, 0.5 * 10 ** -d):
            continue
        fix = _lost_digit(rate, part, whole, d)
        if fix is None:
            continue
        k, value = fix
        cell = cells[k]
        cell.value = float(value) if k == 0 else int(value)
        cell.repair = REPAIR_RATIO
        cell.conf = min(cell.conf if cell.conf is not None else 100.0, COMMA_LOST_CONF)


def _repair_comma_read_as_digit(table: Table, families) -> None:
    """A rate whose decimal comma OCR read as a digit (``13553`` for 13,53; ``11155`` for 111,5: an English
    model reads ``,5`` as ``55``): with that one character dropped where a comma of one or two decimals would
    stand, its digits are exactly the rate its row's part and whole give. The cell takes that rate, marked
    repaired (``REPAIR_COMMA_DIGIT``) and in doubt: the row's rate check then cannot judge it."""
    for cells, (rate, part, whole), _ in _ratio_rows(table, families, (RowKind.DATA, RowKind.TOTAL)):
        bare = cells[0].best.strip().rstrip("%").strip()
        if not whole or not bare.isdigit() or rate <= MAX_RATE:
            continue
        for d in (1, 2):
            k = len(bare) - d - 1
            implied = round(100 * part / whole, d)
            if k >= 1 and bare[:k] + bare[k + 1:] == _digits(implied, d) and implied <= MAX_RATE:
                cells[0].value, cells[0].repair = implied, REPAIR_COMMA_DIGIT
                cells[0].conf = min(cells[0].conf if cells[0].conf is not None else 100.0, COMMA_LOST_CONF)
                break


def _column_total(table: Table, col: int) -> tuple[Cell, float] | None:
    """(the total row's cell, the sum of the data rows above it) of ``col``, for a table with one total row
    under all its data rows and a value in every one of them."""
    totals = [r for r in table.rows if r.kind == RowKind.TOTAL]
    data = [r for r in table.rows if r.kind == RowKind.DATA]
    if len(totals) != 1 or not data or data[-1].index > totals[0].index:
        return None
    cells = [r.cell(col) for r in data]
    claim = totals[0].cell(col)
    if claim is None or claim.value is None or any(c is None or c.value is None for c in cells):
        return None
    return claim, sum(float(c.value) for c in cells)


def _repair_by_two_checks(table: Table, families) -> None:
    """A part or whole read from a scan with less than ``SURE_CELL_CONF`` whose row's rate disagrees, where the
    value the rate implies differs from the one read in one digit and, put in its place, makes the column add
    up to its total row while the value read does not (``241`` of 412 at 56,07%, where the rate says 231 and
    so does the column's total): two of the table's own checks agree that OCR misread that digit. The cell
    takes that value, marked repaired (``REPAIR_SUM``) and in doubt: the row's rate check then says it cannot
    judge the row, instead of accusing the report of OCR's error."""
    for cells, (rate, part, whole), d in _ratio_rows(table, families, (RowKind.DATA,)):
        if not whole or rate > MAX_RATE or abs(100 * part / whole - rate) <= max(RATE_TOLERANCE, 0.5 * 10 ** -d):
            continue
        fixes = []
        for k, value in _implied_counts(rate, part, whole, d):
            cell = cells[k]
            if cell.conf is None or cell.conf >= SURE_CELL_CONF \
                    or not one_misread(_digits(cell.value, 0), _digits(value, 0)):
                continue
            found = _column_total(table, cell.col)
            if found is None:
                continue
            claim, summed = found
            if abs(summed - float(claim.value)) > 1e-9 \
                    and abs(summed - float(cell.value) + value - float(claim.value)) <= 1e-9:
                fixes.append((cell, value))
        if len(fixes) == 1:
            cell, value = fixes[0]
            cell.value, cell.repair = int(value), REPAIR_SUM
            cell.conf = min(cell.conf, COMMA_LOST_CONF)


# a cell a scan read this clearly is what the page says: a wrong part of a table with row and column totals breaks
# both as an OCR misread would (measured: a planted error in an office scan read at 96.8 had been "repaired")
CLEAR_READ_CONF = 96.0


def _repair_by_row_and_column_sums(table: Table, families, ocr_text: bool) -> None:
    """A count whose row does not add up (``received = units_250 + units_350``) and whose column does not add up
    to its total row by the same amount, where that amount changes one digit of it (``370`` read for 375: the
    row is 5 short and so is the column): two of the table's own checks agree that OCR misread that digit. The
    cell takes the value both imply, marked repaired (``REPAIR_SUMS``) and in doubt, so that neither check
    accuses the report of OCR's error. Only cells OCR read (a scan's, or old OCR text's): in typed text the same
    picture is a report's own error. A report's own error breaks one check (a total mistyped), OCR's misread of
    a part both: so on a scan even a figure read with confidence (a fax's "202" for 262 at 95) is repaired; one read
    clearly (``CLEAR_READ_CONF``: a clean office scan's digits) is the page's, and a report's part mistyped breaks both
    checks too."""
    cols = columns_by_meaning(table)
    sums = applicable_sums(cols.keys(), families)
    for row in (r for r in table.rows if r.kind == RowKind.DATA):
        for rule in sums:
            whole = row.cell(cols[rule.total])
            parts = [(row.cell(cols[m]), sign) for m, sign in rule.terms]
            if whole is None or whole.value is None or any(c is None or c.value is None for c, _ in parts):
                continue
            gap = float(whole.value) - sum(sign * float(c.value) for c, sign in parts)  # what the parts lack
            if not gap:
                continue
            fixes = []
            for cell, sign in parts + [(whole, -1)]:
                value = float(cell.value) + sign * gap
                if value < 0 or not (cell.conf is not None or ocr_text) or cell.repair \
                        or (cell.conf is not None and cell.conf >= CLEAR_READ_CONF) \
                        or not one_misread(_digits(cell.value, 0), _digits(value, 0)):
                    continue
                found = _column_total(table, cell.col)
                if found is not None and abs(found[1] - float(cell.value) + value - float(found[0].value)) <= 1e-9:
                    fixes.append((cell, value))
            if len(fixes) == 1:
                cell, value = fixes[0]
                cell.value, cell.repair = int(value), REPAIR_SUMS
                cell.conf = min(cell.conf if cell.conf is not None else 100.0, DAMAGED_ROW_CONF)


def _numbers(table: Table, col: int) -> list[float | None]:
    out = []
    for r in table.rows:
        cell = r.cell(col)
        v = None
        if cell is not None and _PURE_NUMBER.match(cell.best):
            text = match_form(cell.best).strip().rstrip("%").strip().rstrip(".,")
            # "106.7": no thousands (they take three digits), a decimal point
            v = float(text) if _DOT_DECIMAL.match(text) else parse_number(text)
        out.append(float(v) if isinstance(v, (int, float)) else None)
    return out


_RUNNING_RATE = re.compile(r"\b(?:luy ke|cong don|tich luy)\b")  # a rate of the running total
_DECIMAL = re.compile(r"^\s*\d{1,3},\d{1,2}\s*%?\s*$")
DECIMAL_SHARE = 0.6  # of a column's numbers written with decimals for it to hold no count


def _drive_numbers_count_drives(table: Table) -> None:
    """A column named as the drives' numbers (``Đợt``) whose figures are no drive numbers (``30``, ``15`` under ``Đợt 1
    Đợt 2``: two drives' quotas its header ran together) loses that name: drive numbers run from 1, one a row at
    most."""
    col = table.column("drive_no")
    if col is None:
        return
    body = [r for r in table.rows if r.kind in (RowKind.DATA, RowKind.PART)]
    numbers = [int(c.best.strip()) for r in body if (c := r.cell(col.index)) is not None and c.best.strip().isdigit()]
    if numbers and max(numbers) > len(body) + 1:
        col.meaning, col.guessed = None, False


def _decimals_count_nothing(table: Table) -> None:
    """A column of counts (households, people, units) whose numbers are mostly written with decimals (``9,6``,
    ``26,5``) holds rates: OCR'd header words put in the wrong order named it (``Hộ nghèo`` over the rates);
    it loses the name, for the numbers to name it (``infer_ratio_columns``). Not a header read with confidence,
    nor amounts of money (``15,5`` triệu đồng)."""
    for c in table.columns:
        m = MEANINGS.get(c.meaning or "")
        if m is None or not m.additive or m.percent or m.figure == "money" or _header_sure(table, c.index):
            continue
        texts = [cell.best for r in table.rows[_header_rows(table):]
                 if (cell := r.cell(c.index)) is not None and _PURE_NUMBER.match(cell.best)]
        if len(texts) >= 3 and sum(bool(_DECIMAL.match(t)) for t in texts) >= DECIMAL_SHARE * len(texts):
            c.meaning, c.guessed = None, False


def infer_ratio_columns(table: Table, families, typed: bool = False) -> bool:
    """Name the columns of a rate and its part and whole from the numbers, when the header did not, or named
    them wrongly (an OCR'd header split over lines): a column of rates that equals one column over another,
    times 100, in most rows. Only the rates of the document's families are tried, in the order declared; each
    rate once (a table of poor and near-poor households has two). A meaning the header gave two columns stays
    with the one the numbers confirm. Returns whether a column was named from the numbers. ``typed``: the table is typed text (no OCR), whose header
    words name their columns as surely as a header a scan read with confidence (a rate's two words swapped aside)."""
    from pipeline.tables.vocabulary import RATIOS

    candidates = [r for r in RATIOS if r.family is None or r.family in families]
    text = {name for name, m in MEANINGS.items() if m.text} | {"stt"}
    values = {c.index: _numbers(table, c.index) for c in table.columns if c.meaning not in text}
    fixed: set[int] = set()  # columns the numbers confirmed
    settled: set[str] = set()  # rates found
    for r in candidates:
        by_meaning = columns_by_meaning(table)
        if not {r.rate, r.part, r.whole} <= by_meaning.keys():
            continue
        idx = [by_meaning[m] for m in (r.rate, r.part, r.whole)]
        if _agreement(values, *idx, explained=True) >= 0.5:
            for k in idx:
                table.columns[k].guessed = False  # placed by position, confirmed by the numbers
            fixed.update(idx)
            settled.add(r.rate)
            continue
        if _RUNNING_RATE.search(match_form(table.columns[idx[0]].header or "").lower()):
            if "percent" in MEANINGS:
                table.columns[idx[0]].meaning = "percent"  # A624's: the running total over the year's whole
            continue  # "Lũy kế so với KH năm (%)": the running total's rate, not the row's own amount over its quota
        for c in table.columns:  # named, but the numbers disagree: the header's words were misread
            if c.meaning in (r.rate, r.part, r.whole) and c.index not in fixed and not _header_sure(table, c.index):
                c.meaning = None
    def drop_repeats() -> None:  # a meaning named twice: the column the numbers did not confirm loses it
        for c in table.columns:
            if c.index not in fixed and any(table.columns[k].meaning == c.meaning
                                            and table.columns[k].year == c.year for k in fixed):
                c.meaning = None

    named = False
    for ratio in candidates:  # first the rates the header named with their part or whole
        if ratio.rate not in settled and _complete_ratio(table, values, ratio):
            fixed.update(columns_by_meaning(table)[m] for m in (ratio.rate, ratio.part, ratio.whole))
            settled.add(ratio.rate)
            named = True
    for ratio in candidates:
        drop_repeats()
        if ratio.rate in settled or any(c.meaning == ratio.rate for c in table.columns):
            continue
        # (a family counts people, households, units of blood: never a column in km, ha or tấn)
        usable = {k: v for k, v in values.items() if not (ratio.family is not None and _MEASURE_HEADER.search(
            normalize_ws(match_form(table.columns[k].header or "")).lower()))}
        unnamed = [c.index for c in table.columns if (c.meaning is None or c.meaning == "percent") and c.index not in fixed]
        rate_like = [c for c in unnamed if c in usable and 0 < (_median(usable[c]) or 0) <= MAX_RATE]
        found = _find_ratio(table, usable, rate_like, ratio, fixed, typed)
        if found is not None:
            for idx, name in zip(found, (ratio.rate, ratio.part, ratio.whole)):
                table.columns[idx].meaning = name
                # the numbers themselves say so; a whole under no header words at all, where another rate has the
                # same part over another whole, may be that one's (registrations for a quota: units over people
                # registered): not set against the text
                table.columns[idx].guessed = name == ratio.whole and not table.columns[idx].header.strip() \
                    and any(o.part == ratio.part and o.whole != ratio.whole for o in candidates)
            fixed.update(found)
            settled.add(ratio.rate)
            named = True
    drop_repeats()
    return named


def _header_sure(table: Table, col: int, typed: bool = False) -> bool:
    """A scanned table's header that OCR read with confidence in every line over ``col`` (with ``typed``, a typed
    text's header): its words name the column, whatever a rate's numbers (their commas lost, say) make of it."""
    cells = [c for r in table.rows[:_header_rows(table)] if (c := r.cell(col)) is not None and c.text.strip()]
    if typed:
        return bool(cells) and not table.columns[col].guessed and table.columns[col].meaning is not None \
            and all(c.conf is None for c in cells)
    return bool(cells) and all(c.conf is not None and c.conf >= SURE_CELL_CONF for c in cells) \
        and not table.columns[col].guessed


def _complete_ratio(table: Table, values, ratio) -> bool:
    """A rate and its part the header named, its whole not (``Năm 0009`` for ``Năm 2023`` over last year's
    results): the unnamed column that makes the rate agree in most rows is the whole (the part likewise)."""
    by_meaning = columns_by_meaning(table)
    if ratio.rate not in by_meaning or (ratio.part in by_meaning) == (ratio.whole in by_meaning):
        return False
    missing = ratio.whole if ratio.part in by_meaning else ratio.part
    for col in table.columns:
        if col.meaning is not None or col.index not in values:
            continue
        idx = {**by_meaning, missing: col.index}
        rc, pc, wc = idx[ratio.rate], idx[ratio.part], idx[ratio.whole]
        if _rows(values, rc, pc, wc) >= 3 and _agreement(values, rc, pc, wc) >= 0.6:
            col.meaning, col.guessed = missing, False  # the numbers say so
            return True
    return False


def _find_ratio(table: Table, values, rate_like: list[int], ratio, fixed: set[int],
                typed: bool = False) -> tuple[int, int, int] | None:
    """Columns (rate, part, whole) whose numbers obey ``ratio`` in most rows; a column the numbers already
    confirmed keeps its meaning (it may be this ratio's part or whole, not another's). A column whose header
    says it holds percents (``Tỷ lệ (%)``) is tried first as the rate, then one written with decimals: ``50 = 58 /
    116,0`` obeys the same identity as ``116,0 = 58 / 50``."""
    def percent_header(k: int) -> bool:
        m = header_meaning(table.columns[k].header) if table.columns[k].header else None
        return m is not None and m.percent

    def with_decimals(k: int) -> bool:  # "107,5", "93,3": rates; "40", "15": counts
        cells = [c.best for r in table.rows if (c := r.cell(k)) is not None and _PURE_NUMBER.match(c.best)]
        return bool(cells) and sum(bool(re.search(r"\d,\d", t)) for t in cells) * 2 > len(cells)

    for rc in sorted(rate_like, key=lambda k: (not percent_header(k), not with_decimals(k))):
        for pc in values:
            for wc in values:
                if len({rc, pc, wc}) < 3:
                    continue
                if any((k in fixed or _header_sure(table, k, typed)) and table.columns[k].meaning not in (
                        (None, ratio.part, ratio.whole) if typed and k not in fixed else (None, name))
                       for k, name in ((pc, ratio.part), (wc, ratio.whole))):
                    continue  # a column the numbers or a header read with confidence name otherwise (a typed header
                    # may have put the ratio's own two words over each other's column, no other words)
                n, agree = _rows(values, rc, pc, wc), _agreement(values, rc, pc, wc)
                if n >= 3 and agree >= 0.6 or n == 2 and agree == 1.0:
                    return rc, pc, wc
    return None


_BARE_TOTAL_HEAD = re.compile(r"^\s*(?:cong|tong|tong cong|tong so|tong so tien|thanh tien)\s*$")
MIN_PARTS_BEFORE = 2  # columns a total column sums at least
PARTS_OBEYED = 0.75  # share of rows whose total is the sum of the columns before it


def _total_of_the_columns_before(table: Table) -> None:
    """A column headed by a bare total (``Cộng``, ``Tổng số``) no column sum of the vocabulary explains, whose cells
    are, in most rows (three at least, the total row included), the sum of the columns right before it (``BT về đất |
    BT tài sản | Hỗ trợ | Cộng``; not ``Số hộ`` and ``Diện tích`` further left): those columns are its parts
    (``across_value``) and it their total (``across_total``), each row checked by A603."""
    if any(c.meaning in ("across_value", "across_total", "period_value", "year_value", "drive_value")
           for c in table.columns):
        return
    for total in table.columns:
        if total.meaning not in (None, "count", "recipients_total") \
                or not _BARE_TOTAL_HEAD.match(normalize_ws(match_form(total.header)).lower()):
            continue
        if total.meaning == "recipients_total" and any(table.column(m) for m in ("tap_the", "ca_nhan", "ho_gia_dinh")):
            continue  # (Tập thể | Cá nhân | Tổng số: the vocabulary's own sum)
        sums = _numbers(table, total.index)
        best = None
        for k in range(MIN_PARTS_BEFORE, total.index):
            run = table.columns[total.index - k:total.index]
            if any((m := MEANINGS.get(c.meaning or "")) is not None and (m.percent or m.text) or c.meaning == "stt"
                   for c in run):
                break
            share = _obeyed(sums, [_numbers(table, c.index) for c in run])
            if share >= PARTS_OBEYED and (best is None or share > best[0]):
                best = (share, run)
        if best is not None:
            for c in best[1]:
                c.meaning, c.guessed = "across_value", False
            total.meaning, total.guessed = "across_total", False
            return


def confirm_sums(table: Table, families) -> None:
    """Columns placed by position whose numbers obey a family's column sum (tiếp nhận = túi 250 ml + túi 350 ml)
    in most rows are taken as read; a column no header names (OCR damaged its words: ``Téngsé``) whose numbers are
    the sum of a column sum's parts in most rows is that sum's total (``Tổng số`` of ``Tập thể`` and ``Cá nhân``)."""
    cols = {c.meaning: c.index for c in table.columns if c.meaning}
    for s in COLUMN_SUMS:
        if (s.family is not None and s.family not in families) or s.total in cols \
                or not all(m in cols for m, _ in s.terms):
            continue
        parts = [_signed(table, cols[m], sign) for m, sign in s.terms]
        for c in table.columns:
            if c.meaning or c.index in cols.values():
                continue
            if _obeyed(_numbers(table, c.index), parts) >= 0.6:
                c.meaning = s.total
                cols[s.total] = c.index
                break
    for s in applicable_sums(cols.keys(), families):
        members = {s.total, *(m for m, _ in s.terms)}
        if _obeyed(_numbers(table, cols[s.total]), [_signed(table, cols[m], sign) for m, sign in s.terms]) >= 0.8:
            for m in members:
                table.columns[cols[m]].guessed = False


def _signed(table: Table, col: int, sign: int) -> list[float | None]:
    return [None if v is None else sign * v for v in _numbers(table, col)]


def _obeyed(total: list[float | None], parts: list[list[float | None]]) -> float:
    """The share of rows (three at least, else 0) whose ``total`` is the sum of their ``parts``."""
    rows = [(t, [p[k] for p in parts]) for k, t in enumerate(total)
            if t is not None and all(p[k] is not None for p in parts)]
    return sum(abs(t - sum(ps)) < 0.5 for t, ps in rows) / len(rows) if len(rows) >= 3 else 0.0


def _median(xs: list) -> float | None:
    xs = sorted(x for x in xs if x is not None)
    return xs[len(xs) // 2] if xs else None


def _rows(values: dict[int, list], rc: int, pc: int, wc: int) -> int:
    return sum(1 for r, p, w in zip(values[rc], values[pc], values[wc]) if r is not None and p is not None and w)


def _agreement(values: dict[int, list], rc: int, pc: int, wc: int, explained: bool = False) -> float:
    """Share of the rows where column ``rc`` = 100 x ``pc`` / ``wc`` (rows with all three numbers); with
    ``explained``, a row a comma or a digit OCR lost would make agree counts too (``_lost_digit``): a header's
    meanings are confirmed by numbers that OCR damaged in a few rows and the report got wrong in one."""
    pairs = [(r, p, w) for r, p, w in zip(values.get(rc, []), values.get(pc, []), values.get(wc, []))
             if r is not None and p is not None and w]
    agree = sum(abs(100 * p / w - r) <= RATE_TOLERANCE
                or explained and (_comma_lost(r, p, w) or _lost_digit(r, p, w, 0 if r == int(r) else 1) is not None)
                for r, p, w in pairs)
    return agree / len(pairs) if pairs else 0.0


def _comma_lost(rate: float, part: float, whole: float) -> bool:
    """A rate printed without its decimal comma ("1000" for 100,0; "5752" for 57,52)."""
    if rate != int(rate) or rate <= MAX_RATE:
        return False
    true = 100 * part / whole
    return any(abs(rate / 10 ** d - true) <= RATE_TOLERANCE / 10 ** (d - 1) for d in (1, 2))


RATE_TOLERANCE = 0.6  # percentage points: a rate printed without decimals is off by up to 0.5
MAX_RATE = 200  # the median of a column of rates (a column of larger numbers is a count that fits r = 100 p / w too)


def _decimals(text: str) -> int | None:
    m = re.search(r"\d+(?:[.,](\d+))?", text)
    return len(m.group(1)) if m and m.group(1) and "," in m.group(0) else (0 if m else None)


UNPLACED = "figures OCR damaged in this row; which column each belongs to is unknown"  # no value is taken
REPAIR_RATIO = "a digit OCR lost, read from the row's rate"
REPAIR_SUM = "a digit OCR misread, read from the row's rate and confirmed by the column's total"
REPAIR_SUMS = "a digit OCR misread, read from the row's sum and confirmed by the column's total"
SURE_CELL_CONF = 90.0  # a cell read from a scan under this may be misread (the audit and the repairs doubt it)
REPAIR_SEQUENCE = "a row number OCR read with letters for digits, given by the numbers around it"
REPAIR_COMMA = "the decimal comma OCR lost, placed as the column writes it"
REPAIR_COMMA_DIGIT = "the decimal comma OCR read as a digit, read from the row's rate"
# values read from the row's own checks: they cannot judge them
FROM_THE_ROW = (REPAIR_RATIO, REPAIR_SUM, REPAIR_COMMA_DIGIT, REPAIR_SUMS)
COMMA_LOST_CONF = 60.0  # a rate read with the decimal comma its column's format says OCR lost: readable, in doubt


ODD_SCALE = 1000  # a row's count this many times its column's median is OCR's (a fax streak read as digits)


def _marked(table: Table) -> bool:
    """Whether the table's words carry Vietnamese marks (typed text does; old OCR text lost them)."""
    return any(ch.isalpha() and ord(ch) > 127 for r in table.rows for c in r.cells for ch in c.text)


FORMAT_VOTE_CONF = 50.0  # a cell read with less confidence has no say in how its column writes its rates


def _doubt_odd_formats(table: Table, read: bool = True) -> None:
    """A rate written unlike the rest of its column (``11155`` among ``111,5`` ``98,7`` ...) was misread by OCR:
    its confidence drops, so that a check on it says "cannot be verified" rather than blaming the report. So
    does a row's count a thousand times its column's median (``12.077.713.077`` among ``260``, ``160``). A
    table typed in a text no OCR read (``read`` false: typed with its marks) lost no comma: ``116`` among
    ``115,6`` is 116."""
    for col in table.columns:
        m = MEANINGS.get(col.meaning or "")
        if m is not None and m.additive and not m.percent:
            cells = [c for r in table.rows if r.kind == RowKind.DATA
                     for c in [r.cell(col.index)] if c is not None and isinstance(c.value, (int, float))]
            values = sorted(c.value for c in cells)
            median = values[len(values) // 2] if len(values) >= 3 else 0
            for c in cells:
                if median > 0 and c.value >= ODD_SCALE * median:
                    c.conf = min(c.conf if c.conf is not None else 100.0, 30.0)
            continue
        if m is None or not m.percent or not read:
            continue
        cells = [c for r in table.rows if r.kind in (RowKind.DATA, RowKind.TOTAL)
                 for c in [r.cell(col.index)] if c is not None and c.value is not None]
        written = [_decimals(c.best) for c in cells]
        if len(cells) < 3:
            continue
        # the column's format is what the cells read clearly say (``tÌ 12`` read at 18 is no evidence of rates
        # written without decimals)
        votes = [d for c, d in zip(cells, written) if c.conf is None or c.conf >= FORMAT_VOTE_CONF] or written
        usual = max(set(votes), key=votes.count)
        if votes.count(usual) * 2 <= len(votes):
            continue
        whole = [len(re.sub(r"\D", "", c.best)) - usual for c, d in zip(cells, written) if d == usual]
        for c, d in zip(cells, written):
            if d == usual:
                continue
            bare = c.best.strip().rstrip("%").strip()
            sign = -1 if bare[:1] in ("-", "–") else 1
            bare = bare.lstrip("+-–").strip()  # a change column's sign: "+135" for +13,5
            if bare == "100":
                continue  # the whole (a total's share) or a plan met exactly: written without decimals
            # as many digits before the comma as the column's other rates have ("106%" among "110,2" "115,6" is no
            # 10,6: a digit was lost as well)
            if usual and bare.isdigit() and len(bare) - usual in set(whole) \
                    and 0 < int(bare) / 10 ** usual <= MAX_RATE:
                # the decimal comma lost ("5752" among "56,07" "50,50"): the digits are the column's format
                c.value = sign * int(bare) / 10 ** usual
                c.repair = REPAIR_COMMA
                c.conf = min(c.conf if c.conf is not None else 100.0, COMMA_LOST_CONF)
            else:
                c.conf = min(c.conf if c.conf is not None else 100.0, 30.0)


# Lines a page may have beyond a table that runs on (a page number, a footer; a fax's transmission header
# when the part below the break has no header row of its own: then the page's own furniture is all there is)
PAGE_FURNITURE = (2, 3)  # lines, words per line
FAX_FURNITURE = (4, 5)


def _ends_page(doc: Document, table: Table, furniture: tuple[int, int] = PAGE_FURNITURE) -> bool:
    page, last = table.pages[-1], max((ln for r in table.rows for c in r.cells for (p, ln) in c.lines if p == table.pages[-1]),
                                      default=0)
    rest = [l for l in doc.pages[page - 1].lines if l.number > last and any(ch.isalnum() for ch in l.best)]
    return len(rest) <= furniture[0] and all(len(l.best.split()) <= furniture[1] for l in rest)


def _starts_page(doc: Document, table: Table, furniture: tuple[int, int] = PAGE_FURNITURE) -> bool:
    page = table.pages[0]
    first = min((ln for r in table.rows for c in r.cells for (p, ln) in c.lines if p == page), default=0)
    before = [l for l in doc.pages[page - 1].lines if l.number < first and any(ch.isalnum() for ch in l.best)]
    return len(before) <= furniture[0] and all(len(l.best.split()) <= furniture[1] for l in before)


def _lines_of(table: Table, page: int) -> list[int]:
    return [ln for r in table.rows for c in r.cells for (p, ln) in c.lines if p == page]


def _names_columns(row) -> bool:
    """Whether a row's cells name two or more column meanings (or, of two cells, the second a count): a header."""
    cells = [c for c in row.cells if c.best.strip()]
    if len(cells) == 2 and not _PURE_NUMBER.match(cells[0].best) and (
            (m := header_meaning(cells[1].best)) is not None and not m.text
            or COUNT_HEADER.match(normalize_ws(match_form(cells[1].best)))):
        return True  # ``Nội dung | Số người``: names and one count
    return sum(1 for c in cells if names_a_column(c.best) or COUNT_HEADER.match(normalize_ws(match_form(c.best)))) >= 2


def _continues_below(doc: Document, prev: Table, t: Table) -> bool:
    """``t`` is the rest of ``prev`` on the same page: a ruling the scan broke cut one grid in two (the header
    and first rows above, the body below). Same source and number of columns, side by side on the page when
    both have boxes, no line of text between them, and ``t`` has no header row of its own."""
    if t.source != prev.source or not t.pages or not prev.pages or t.pages[0] != prev.pages[-1]:
        return False
    if len(t.columns) != len(prev.columns) or not t.rows or _names_columns(t.rows[0]):
        return False
    if prev.box is not None and t.box is not None and prev.pages == t.pages[:1]:  # a box is on a table's first page
        overlap = min(prev.box[2], t.box[2]) - max(prev.box[0], t.box[0])
        if overlap < 0.8 * min(prev.box[2] - prev.box[0], t.box[2] - t.box[0]) or t.box[1] < prev.box[1]:
            return False
    page = t.pages[0]
    last, first = max(_lines_of(prev, page), default=0), min(_lines_of(t, page), default=0)
    if not last or not first or first < last:
        return False
    used = set(_lines_of(prev, page)) | set(_lines_of(t, page))
    between = [l for l in doc.pages[page - 1].lines
               if last < l.number < first and l.number not in used and len(l.best.split()) > 3]
    return not between


def _row_names(t: Table) -> list[str]:
    return [normalize_ws(match_form(c.best)).lower() if (c := r.cell(0)) is not None else "" for r in t.rows]


def _continues_across(doc: Document, prev: Table, t: Table) -> bool:
    """``t`` is the right-hand part of ``prev`` written below it (a table too wide for the page: ``Nội dung | T1 ...
    T6`` then ``Nội dung | T7 ... T12 | Cả năm``): the same names down the first column, row for row (the header's
    corner cell and three rows of quantities at least), figures in both, nothing but blank lines between."""
    if t.source != prev.source or not t.pages or not prev.pages or t.pages[0] != prev.pages[-1]:
        return False
    names = _row_names(prev)
    if len(names) < 3 or names != _row_names(t) or not all(names) or len(set(names)) != len(names):
        return False
    if not any(_holds_figures(r) for r in prev.rows) or not any(_holds_figures(r) for r in t.rows):
        return False
    page = t.pages[0]
    last, first = max(_lines_of(prev, page), default=0), min(_lines_of(t, page), default=0)
    if not last or not first or first < last:
        return False
    return not [l for l in doc.pages[page - 1].lines if last < l.number < first and l.best.strip()]


def _join_across(prev: Table, t: Table) -> None:
    """``t``'s columns after ``prev``'s, row by row (its first column, the names again, left out)."""
    width = max((c.col + c.colspan for r in prev.rows for c in r.cells), default=0)
    for left, right in zip(prev.rows, t.rows):
        left.cells += [replace(c, col=c.col - 1 + width) for c in right.cells if c.col > 0]
    prev.columns = [Column(k, "") for k in range(width + max(len(t.columns) - 1, 0))]
    if prev.box is not None and t.box is not None:
        prev.box = (min(prev.box[0], t.box[0]), prev.box[1], max(prev.box[2], t.box[2]), t.box[3])


def _header_alone_above(doc: Document, prev: Table, t: Table) -> bool:
    """``prev`` is a header left alone at the foot of a page (rows of words, no figure) and ``t`` the body at the
    top of the next page without a header of its own, both read from scans (their cells have boxes): the grid
    OCR found for the header may have fewer columns (a ruling lost), so the columns are matched by position."""
    return (bool(prev.rows) and bool(t.rows) and prev.pages and t.pages and t.pages[0] == prev.pages[-1] + 1
            and not any(_holds_figures(r) for r in prev.rows) and _holds_figures(t.rows[0])
            and all(c.box is not None for r in prev.rows + t.rows[:1] for c in r.cells)
            and _ends_page(doc, prev, FAX_FURNITURE) and _starts_page(doc, t, FAX_FURNITURE))


def _put_header_over(header: Table, body: Table) -> Table:
    """``body`` with ``header``'s rows on top, each header cell over the body columns its box covers (more than
    half of a column's width: a header cell over two columns spans them)."""
    spans: dict[int, list[float]] = {}
    for r in body.rows:
        for c in r.cells:
            if c.box is not None and c.colspan == 1:
                spans.setdefault(c.col, []).append((c.box[0] + c.box[2]) / 2)
    centres = {col: sorted(xs)[len(xs) // 2] for col, xs in spans.items()}
    rows = []
    for r in header.rows:
        cells = []
        for c in r.cells:
            under = sorted(col for col, x in centres.items() if c.box[0] <= x <= c.box[2])
            if under:
                c.col, c.colspan = under[0], under[-1] - under[0] + 1
                cells.append(c)
        if cells:
            rows.append(Row(index=0, kind=r.kind, cells=cells, page=r.page))
    body.rows = rows + body.rows
    body.pages = sorted(set(header.pages) | set(body.pages))
    body.caption = body.caption or header.caption
    return body


def stitch(doc: Document, tables: list[Table]) -> list[Table]:
    """Join each table cut by a page break with its continuation at the top of the next page (same number
    of columns, no header of its own or the same header repeated), and a table whose grid a broken ruling
    cut in two on one page (``_continues_below``)."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is not None and _continues_below(doc, prev, t):
            prev.rows += t.rows
            if prev.box is not None and t.box is not None and prev.pages == t.pages[:1]:
                prev.box = (min(prev.box[0], t.box[0]), prev.box[1], max(prev.box[2], t.box[2]), t.box[3])
            continue
        if prev is not None and _continues_across(doc, prev, t):
            _join_across(prev, t)
            continue
        if prev is not None and _header_alone_above(doc, prev, t):
            out[-1] = _put_header_over(prev, t)
            continue
        furniture = FAX_FURNITURE if t.rows and not _names_columns(t.rows[0]) else PAGE_FURNITURE
        if (prev is not None and t.pages and prev.pages and t.pages[0] == prev.pages[-1] + 1
                and len(t.columns) == len(prev.columns) and _ends_page(doc, prev, furniture)
                and _starts_page(doc, t, furniture)):
            for row in t.rows:
                prev.rows.append(row)
            prev.pages += [p for p in t.pages if p not in prev.pages]
            continue
        out.append(t)
    return out
