"""Table rules: does a table add up, row by row and column by column, and does it agree with the text?

Generic: what a column means comes from ``pipeline.tables.vocabulary``, and which rates are a part over a whole
and which columns sum others is declared there by the report families. Each finding cites its cells
(``t1/r8/c5``) and their spans.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Iterator

from pipeline.audit.figures import MIN_CELL_CONF, drive_of, is_plan, of_kind, part_of_year, part_words, year_of
from pipeline.audit.quantities import Quantity, from_figure, percent_ratio, printed_percent, total
from pipeline.audit.registry import Check, rule
from pipeline.extract.periods import other_part_of_year
from pipeline.kinds import KINDS
from pipeline.model import Cell, Document, Figure, MatchStatus, Qualifier, Row, RowKind, Span, Table, cell_ref
from pipeline.tables.formulas import column_keys, evaluate, label_key, refs, row_formula, row_key, written
from pipeline.tables.interpret import (FROM_THE_ROW, PARTITION, SURE_CELL_CONF, columns_by_meaning, fill_sequence,
                                       first_words, one_misread, row_number)
from pipeline.tables.vocabulary import (MEANINGS, RATIOS, applicable_sums, header_meaning, header_year,
                                        months_of_label)
from pipeline.numbers import ROMAN, parse_number
from pipeline.text import match_form, normalize_ws


ROW_KINDS_WITH_FIGURES = (RowKind.DATA, RowKind.TOTAL, RowKind.SUBTOTAL, RowKind.PART)


def cell_quantity(cell: Cell | None, percent: bool = False) -> Quantity | None:
    if cell is None or cell.value is None:
        return None
    v = float(cell.value)
    if percent:
        return printed_percent(v, cell.best)
    if cell.qualifier == Qualifier.OVER:
        return Quantity(v, float("inf"), v, "over")
    if cell.qualifier == Qualifier.APPROX:
        return Quantity(v * 0.9, v * 1.1, v, "approx")
    if cell.qualifier == Qualifier.UNDER:
        return Quantity(0.0, v, v, "under")
    return Quantity.exact(v)


def _applies(family: str | None, doc: Document) -> bool:
    return family is None or family in doc.families


def _row_name(row: Row) -> str:
    return f"row {row.index}" + (f" ({row.label})" if row.label else "")


def _header(table: Table, col: int) -> str:
    c = table.columns[col]
    return c.header or c.meaning or f"column {col + 1}"


def _same_words(cell: Cell, fig: Figure) -> bool:
    """A cell and a figure read from the same characters of the same line."""
    a, b = cell.span, fig.span
    return a is not None and b is not None and (a.page, a.line) == (b.page, b.line) and a.start < b.end \
        and b.start < a.end


def cell_refs(table: Table, pairs: list[tuple[Row, int]]) -> list[tuple[str, Cell]]:
    """The cells at (row, column) pairs with their references, for a check to cite."""
    out = []
    for row, col in pairs:
        cell = row.cell(col)
        if cell is not None:
            out.append((cell_ref(table, row, col), cell))
    return out


def _apart(claimed: Quantity, computed: Quantity) -> bool:
    """Whether two quantities' ranges do not meet."""
    return computed.hi < claimed.lo - 1e-9 or computed.lo > claimed.hi + 1e-9


def _disagrees(check: Check) -> bool:
    c, k = check.claimed, check.computed
    return c is not None and k is not None and check.reason is None and _apart(c, k)


# a cell read from a scan under this whose value its row's identity changes by one digit is in doubt ("11" at 62
# for 21, "370" at 79 for 376 on a fax): the identity cannot blame the report for it
DOUBT_CONF = 80.0
MOST_ROWS_WRONG = 2  # rows whose rate disagrees, and more than agree: the columns were misread, not the rows


@rule("table_row_ratio", code="A601",
      en="In a table row, a rate (Đạt %, Tỷ lệ %) equals part / whole, rounded to the decimals written.",
      vi="Trong mỗi dòng của bảng, tỷ lệ (%) bằng phần / tổng, làm tròn theo số chữ số thập phân đã ghi.")
def table_row_ratio(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        yield from _year_ratios(table)
        yield from _indicator_ratios(doc, table)
        for checks in [*_ratio_checks(doc, table), *_adjacent_ratios(doc, table)]:
            wrong = [c for c in checks if _disagrees(c)]
            right = [c for c in checks if c.reason is None and c.computed is not None and not _disagrees(c)]
            if len(wrong) >= MOST_ROWS_WRONG and len(wrong) > len(right):
                # a report gets a row's rate wrong, not most of them: the rate, part and whole are not where the
                # header (as read) put them
                for c in wrong:
                    c.reason = "columns_in_doubt"
                    c.reason_detail = (f"the rate disagrees on {len(wrong)} of {len(wrong) + len(right)} rows",
                                       f"tỷ lệ không khớp ở {len(wrong)}/{len(wrong) + len(right)} dòng")
            yield from checks


def _rate_check(table: Table, row: Row, rc: int, pc: int, wc: int) -> Check:
    """The check of a row's rate (column ``rc``) against part / whole (columns ``pc``, ``wc``), not yet computed."""
    return Check(
        subject=f"table {table.id}, {_row_name(row)}: {_header(table, rc)} = {_header(table, pc)} / "
                f"{_header(table, wc)}",
        subject_vi=f"bảng {table.id}, dòng {row.index}" + (f" ({row.label})" if row.label else "")
                   + f": {_header(table, rc)}",
        claimed=cell_quantity(row.cell(rc), percent=True), computed=None, figures=[], basis="rate",
        cells=cell_refs(table, [(row, rc), (row, pc), (row, wc)]),
    )


def _ratio_checks(doc: Document, table: Table) -> Iterator[list[Check]]:
    """The rate checks of a table, one list per rate it holds."""
    cols = columns_by_meaning(table)
    for r in RATIOS:
        if not _applies(r.family, doc) or not {r.rate, r.part, r.whole} <= cols.keys():
            continue
        if table.column("cumulative") is not None and cols[r.rate] > table.column("cumulative").index \
                and _RUNNING_WORDS.search(match_form(table.columns[cols[r.rate]].header or "").lower()):
            continue  # "Lũy kế so với KH năm (%)": the running total's rate (A624), not the row's own
        checks: list[Check] = []
        for row in table.rows:
            if row.kind not in ROW_KINDS_WITH_FIGURES:
                continue
            rate, part, whole = (row.cell(cols[m]) for m in (r.rate, r.part, r.whole))
            if rate is None or rate.value is None:
                continue
            p, w = cell_quantity(part), cell_quantity(whole)
            check = _rate_check(table, row, cols[r.rate], cols[r.part], cols[r.whole])
            repaired = [c for c in (rate, part, whole) if c is not None and c.repair in FROM_THE_ROW]
            if p is None or w is None:
                check.reason, check.reason_detail = "missing_part", _header(table, cols[r.part if p is None else r.whole])
            elif repaired:  # its value was read from this row's rate: the row cannot also check it
                check.terms, check.computed = [p, w], percent_ratio(p, w)
                check.reason, check.reason_detail = "repaired", ", ".join(f"{c.text} -> {c.value:g}" for c in repaired)
            else:
                check.terms, check.computed = [p, w], percent_ratio(p, w)
                if check.computed is None:
                    continue  # a zero whole: nothing to check
                if _disagrees(check) and (doubt := _rate_doubt(part, whole, check.claimed)):
                    check.reason = "low_confidence"
                    check.reason_detail = ", ".join(f"{c.text} (OCR {c.conf:.0f})" for c in doubt)
            checks.append(check)
        yield checks


ADJACENT_AGREE = 0.6  # of a rate column's rows that must equal the column left of it over the one before that


def _adjacent_ratios(doc: Document, table: Table) -> Iterator[list[Check]]:
    """A rate column no declared ratio of the document's families covers, after two count columns (``Đối tượng |
    Tiêm đủ | Tỷ lệ (%)``, twice side by side): the column left of it over the one before that, when most rows say
    so (the numbers, not the words, tie them); one list of checks per such rate."""
    cols = columns_by_meaning(table)
    covered = {cols[r.rate] for r in RATIOS if _applies(r.family, doc) and {r.rate, r.part, r.whole} <= cols.keys()}
    rows = [r for r in table.rows if r.kind in ROW_KINDS_WITH_FIGURES]
    for col in table.columns:
        m = MEANINGS.get(col.meaning or "")
        permille = "‰" in (col.header or "")  # "Tỷ suất sinh thô (‰)": per thousand
        if (m is None or not m.percent) and not permille or col.index in covered:
            continue
        scale = 1000 if permille else 100
        found = _nearest_ratio(table, rows, col.index, scale)
        if found is None:
            continue
        rc, pc, wc, triples = found
        checks = []
        for row, rate, part, whole in triples:
            check = _rate_check(table, row, rc, pc, wc)
            check.terms = [Quantity.exact(_number(part)), Quantity.exact(_number(whole))] \
                if part.value is None or whole.value is None else [cell_quantity(part), cell_quantity(whole)]
            check.computed = percent_ratio(*check.terms)
            if permille and check.computed is not None:
                check.computed = percent_ratio(Quantity.exact(10 * check.terms[0].nominal), check.terms[1])
                if rate is not None and rate.value is None and _number(rate) is not None:
                    # (a column no meaning read: its number as written, to its decimals)
                    check.claimed = cell_quantity(replace(rate, value=_number(rate)), percent=True)
            if check.computed is not None:
                checks.append(check)
        yield checks


def _nearest_ratio(table: Table, rows: list[Row], rc: int, scale: int = 100):
    """The two count columns left of rate column ``rc`` that most of its rows equal part / whole of: the pair
    nearest it first (``Đối tượng | Đã tiêm | Tỷ lệ``, or with a column between: ``Đối tượng | Đã tiêm | Chưa tiêm
    | Tỷ lệ``), within ``RATIO_REACH`` columns; (rc, part, whole, row triples) or None."""
    counts = [k for k in range(max(0, rc - RATIO_REACH), rc)
              if not ((n := MEANINGS.get(table.columns[k].meaning or "")) is not None and (n.percent or n.text))
              and table.columns[k].meaning != "stt"]
    for pc, wc in sorted(((p, w) for p in counts for w in counts if w < p), key=lambda pw: (rc - pw[1], rc - pw[0])):
        triples = [(r, r.cell(rc), r.cell(pc), r.cell(wc)) for r in rows]
        triples = [t for t in triples if all(c is not None and _number(c) is not None for c in t[1:]) and _number(t[3])]
        agree = [t for t in triples if abs(scale * _number(t[2]) / _number(t[3]) - _number(t[1])) <= 0.051]
        if len(triples) >= 3 and len(agree) >= ADJACENT_AGREE * len(triples):
            return rc, pc, wc, triples
    return None


RATIO_REACH = 8  # columns left of a rate where its part and whole may stand (scores of three subjects and their mean
# between "Dự thi" and "Trúng tuyển | Tỷ lệ"; most rows must agree)


def _number(cell: Cell) -> float | None:
    """A cell's value, or the number it holds when no meaning of its column had it read (a column no header named)."""
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return float(cell.value)
    text = cell.best.strip()
    return float(v) if re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?", text) \
        and (v := parse_number(text)) is not None else None


def _rate_doubt(part: Cell, whole: Cell, claimed: Quantity) -> list[Cell]:
    """The part or whole of a row's rate, read from a scan under ``DOUBT_CONF``, that one digit misread would make
    agree with the rate as written (a fax's ``370`` for 376 under ``94,0`` of 400): in doubt, not the report."""
    out = []
    if part.conf is not None and part.conf < DOUBT_CONF and isinstance(part.value, int) and whole.value:
        lo, hi = claimed.lo * float(whole.value) / 100, claimed.hi * float(whole.value) / 100
        if any(one_misread(str(part.value), str(v)) for v in range(math.ceil(lo), math.floor(hi) + 1)):
            out.append(part)
    if whole.conf is not None and whole.conf < DOUBT_CONF and isinstance(whole.value, int) and part.value \
            and claimed.lo > 0:
        lo, hi = float(part.value) * 100 / claimed.hi, float(part.value) * 100 / claimed.lo
        if any(one_misread(str(whole.value), str(v)) for v in range(math.ceil(lo), math.floor(hi) + 1)):
            out.append(whole)
    return out


def _year_columns(table: Table) -> list:
    """The columns of one year each (``year_value``), by year."""
    return sorted((c for c in table.columns if c.meaning == "year_value" and c.year is not None), key=lambda c: c.year)


def _year_ratios(table: Table) -> Iterator[Check]:
    """``So sánh 2024/2023 (%)`` beside years side by side: each row's later year over the year before it."""
    rate_col, years = table.column("percent_prev_year"), _year_columns(table)
    if rate_col is None or len(years) < 2:
        return
    later, earlier = years[-1], years[-2]
    for row in table.rows:
        if row.kind not in ROW_KINDS_WITH_FIGURES:
            continue
        rate, part, whole = row.cell(rate_col.index), row.cell(later.index), row.cell(earlier.index)
        if rate is None or rate.value is None or part is None or part.value is None or whole is None \
                or not whole.value:
            continue
        check = _rate_check(table, row, rate_col.index, later.index, earlier.index)
        check.terms = [cell_quantity(part), cell_quantity(whole)]
        check.computed = percent_ratio(*check.terms)
        yield check


def _indicator_ratios(doc: Document, table: Table) -> Iterator[Check]:
    """In a table whose rows are quantities (``Số đơn vị máu tiếp nhận``, ``Chỉ tiêu tỉnh giao``, ``Tỷ lệ đạt chỉ
    tiêu (%)``), a rate row of a family's ratio against its part and whole rows, year column by year column."""
    from pipeline.tables.interpret import row_meaning

    if table.column("indicator") is None:
        return
    rows: dict[str, Row] = {}
    for row in table.data_rows():
        m = row_meaning(table, row)
        if m is not None:
            rows.setdefault(m.name, row)
    columns = _year_columns(table) + [c for c in table.columns if c.meaning == "period_total"]
    for r in RATIOS:
        if not _applies(r.family, doc) or not {r.rate, r.part, r.whole} <= rows.keys():
            continue
        rate_row, part_row, whole_row = rows[r.rate], rows[r.part], rows[r.whole]
        for col in columns:
            rate, part, whole = (x.cell(col.index) for x in (rate_row, part_row, whole_row))
            if any(c is None or c.value is None for c in (rate, part, whole)) or not whole.value:
                continue
            check = Check(
                subject=f"table {table.id}, {_header(table, col.index)}: {rate_row.label} = {part_row.label} / "
                        f"{whole_row.label}",
                subject_vi=f"bảng {table.id}, {_header(table, col.index)}: {rate_row.label}",
                claimed=cell_quantity(rate, percent=True), computed=None, figures=[], basis="rate",
                cells=cell_refs(table, [(rate_row, col.index), (part_row, col.index), (whole_row, col.index)]))
            check.terms = [cell_quantity(part), cell_quantity(whole)]
            check.computed = percent_ratio(*check.terms)
            yield check


def _additive(table: Table, doc: Document) -> list[int]:
    """Columns whose total row is the sum of the data rows: counts and amounts."""
    out = []
    parts_and_wholes = {m for r in RATIOS if _applies(r.family, doc) for m in (r.part, r.whole)}
    for c in table.columns:
        m = MEANINGS.get(c.meaning or "")
        if m is not None and not m.text and not m.percent and (m.additive or c.meaning in parts_and_wholes):
            out.append(c.index)
        elif c.meaning == "change_prev_year" and _changes_in_counts(table, c):
            out.append(c.index)
    return out


_POINTS = re.compile(r"\bdiem\b|%")


def _changes_in_counts(table: Table, col) -> bool:
    """A change column of whole numbers (``Giảm``, ``Tăng (+), giảm (-)``) beside no rate: counts moved, which add up
    down the rows like the counts (a change in points after a rate does not)."""
    before = table.columns[col.index - 1] if col.index > 0 else None
    if _POINTS.search(match_form(col.header).lower()) or (before is not None and before.meaning is not None
                                                          and MEANINGS.get(before.meaning) is not None
                                                          and MEANINGS[before.meaning].percent):
        return False
    values = [c.value for r in table.rows if r.kind in ROW_KINDS_WITH_FIGURES
              for c in [r.cell(col.index)] if c is not None and c.text.strip()]
    return len(values) >= 3 and all(isinstance(v, int) for v in values)


def _groups(table: Table) -> list[tuple[Row | None, list[Row], int]]:
    """The data rows of a table in groups (``RowKind.SUBTOTAL`` rows heading them): (the group's row, or None for
    the rows before the first group, its data rows, the number its first row should have: 1, or the next after
    the previous group's when the numbering runs on)."""
    out: list[tuple[Row | None, list[Row], int]] = [(None, [], 1)]
    for row in table.rows:
        if row.kind == RowKind.SUBTOTAL:
            out.append((row, [], 1))
        elif row.kind == RowKind.DATA:
            head, rows, _ = out[-1]
            if head is not None and rows and row_number(table, row) is None \
                    and all(row_number(table, r) is not None for r in rows):
                # "Khối cơ quan, đơn vị huyện" without a number after a group's numbered communes: outside the group
                out.append((None, [], 1))
            out[-1][1].append(row)
        elif row.kind == RowKind.TOTAL and len(out) > 1:
            out.append((None, [], 1))  # rows after a total are in no group
        elif row.kind == RowKind.SECTION and out[-1][0] is not None:
            out.append((None, [], 1))  # "II | Cây màu ..." without figures after group I's rows: group I ends
    last = 0
    for k, (head, rows, _) in enumerate(out):
        first = row_number(table, rows[0]) if rows else None
        if first is not None and first == last + 1 and first > 1:
            out[k] = (head, rows, first)
        numbers = [n for r in rows if (n := row_number(table, r)) is not None]
        last = numbers[-1] if numbers else last
    return [g for g in out if g[0] is not None or g[1]]


def _segments(table: Table) -> Iterator[tuple[Row, list[Row], int | None]]:
    """Each total row with the rows it sums and the number the first of them should have (None: the rows
    are groups, their numbers not checked here). A group's row (``RowKind.SUBTOTAL``) sums the data rows
    under it; a total row sums the data rows since the previous total (a grand total after subtotals sums the
    subtotals), or the rows below it when written first (``Toàn huyện`` under the header); in a table of
    groups the one total row sums the groups' rows and the rows outside any group."""
    groups = _groups(table)
    heads = [g for g in groups if g[0] is not None]
    for head, rows, start in heads:
        if rows:
            yield head, rows, start
    totals = table.total_rows()
    if heads:
        if len(totals) == 1:
            loose = [r for head, rows, _ in groups if head is None for r in rows]
            yield totals[0], sorted(loose + [h for h, _, _ in heads], key=lambda r: table.rows.index(r)), None
        return
    data: list[Row] = []
    subtotals: list[Row] = []
    leading: Row | None = None
    last = 0  # the last row number of the rows totalled so far: a group's numbers may run on (6, 7 after 1..5)
    grouped = False  # a section row ("II | Khối xã") opened a group that a total row closes
    for row in table.rows:
        if row.kind == RowKind.SECTION:
            grouped = True
        elif row.kind == RowKind.DATA:
            data.append(row)
        elif row.kind == RowKind.TOTAL:
            closes, grouped = grouped, False
            if data and subtotals and leading is None and not closes and not _siblings(subtotals[-1], row):
                # a grand total after groups' totals ("Cộng khối phường", "Cộng khối xã", then "III | Khối cơ quan |
                # 580", "Tổng cộng (I + II + III)"): their totals and the rows since
                yield row, subtotals + data, None
                subtotals.append(row)
            elif data:
                if leading is not None:
                    yield leading, data, 1
                    leading = None
                first = row_number(table, data[0])
                yield row, data, first if first is not None and first == last + 1 else 1
                numbers = [n for r in data if (n := row_number(table, r)) is not None]
                last = numbers[-1] if numbers else last
                subtotals.append(row)
            elif len(subtotals) > 1:
                yield row, subtotals, None
            elif not subtotals and leading is None:
                leading = row  # a total above its rows
            data = []
    if leading is not None and data:
        yield leading, data, 1


_GROUP_NUMBER_END = re.compile(r"\s+(?:[ivx]{1,4}|\d{1,2}|[a-d])\W*$")


def _siblings(before: Row, row: Row) -> bool:
    """Two total rows of groups of one kind, told apart by their numbers only (``Cộng quý I`` then ``Cộng quý
    II``, ``Cộng khu vực 1`` then ``... 2``): the second sums its own rows, not the first with them."""
    a, b = (_GROUP_NUMBER_END.sub("", normalize_ws(match_form(r.label)).lower()) for r in (before, row))
    return a == b and a != normalize_ws(match_form(row.label)).lower()


def _row_number(cell: Cell) -> int | None:
    if isinstance(cell.value, int) and not isinstance(cell.value, bool):
        return cell.value
    text = cell.best.strip().rstrip(".")
    if text.isupper() and text.lower() in ROMAN:
        return ROMAN[text.lower()]  # groups numbered I, II, III ... (their rows below numbered 1, 2 or marked "-")
    return int(text) if text.isdigit() and len(text) <= 3 else None


def _numbering_column(table: Table, rows: list[Row]) -> int | None:
    """The first column whose cells number the rows one by one (6, 7, 8 ...), when no header names one."""
    for col in table.columns[:2]:
        texts = [c.best.strip().rstrip(".") if (c := r.cell(col.index)) is not None else "" for r in rows]
        if len(texts) >= 3 and all(t.isdigit() and len(t) <= 3 for t in texts) \
                and all(int(b) == int(a) + 1 for a, b in zip(texts, texts[1:])):
            return col.index
    return None


def missing_rows(table: Table, rows: list[Row], start: int = 1) -> str:
    """Rows a total sums that the reading lost, by the numbers of an STT column (1, 2, 3 ... with a gap, or not
    from ``start``): "" when none is missing or the table has no such column."""
    cols = columns_by_meaning(table)
    if "stt" not in cols and (numbered := _numbering_column(table, rows)) is not None:
        cols = {**cols, "stt": numbered}  # a header lost (a table's part on the next page): its numbers by content
    if "stt" not in cols:
        if not any(r.kind == RowKind.HEADER for r in table.rows) \
                and not any(c.header or (c.meaning and not c.guessed) for c in table.columns):
            return "the table's first rows (its header) were not read"  # a fragment: rows may be lost
        return ""
    # a row number read with almost no confidence (``3`` for a faxed 2) is no evidence of a lost row: its
    # neighbours number it
    read = [_row_number(c) if (c := r.cell(cols["stt"])) is not None and (c.conf is None or c.conf >= MIN_CELL_CONF)
            else None for r in rows]
    numbers = fill_sequence(read)  # a number OCR lost between its neighbours' (4, ?, ?, 7) is theirs to give
    known = [i for i, n in enumerate(numbers) if n is not None]
    if known:  # numbers OCR lost after the last one read (1, ?, ?) or before the first: the rows are there,
        # and a lost row shows only as a gap between numbers read, which such rows cannot have
        first, last = known[0], known[-1]
        if numbers[first] - first >= 1:
            numbers = [numbers[first] - first + i if i < first else n for i, n in enumerate(numbers)]
        numbers = [numbers[last] + i - last if i > last else n for i, n in enumerate(numbers)]
    for r, n in zip(rows, numbers):
        if n is None:
            return f"{_row_name(r)} has no row number"
    expected = list(range(start, start + len(numbers)))
    if sorted(numbers) == expected:
        return ""
    lost = sorted(set(range(start, max(numbers, default=0) + 1)) - set(numbers))
    return "rows " + ", ".join(map(str, lost)) if lost else "row numbers out of order"


def column_gaps(doc: Document, figures: list) -> list[str]:
    """What the tables that ``figures`` were read from lost in their columns (a total checked against
    table rows cannot be verified when one is unreadable or missing): rows whose cell holds text but no
    number, and rows missing by the STT numbering."""
    out: list[str] = []
    by_id = {t.id: t for t in doc.tables}
    for tid, col in sorted({(f.attrs.get("table"), f.attrs.get("column")) for f in figures if f.attrs.get("table")},
                           key=repr):
        table = by_id.get(tid)
        if table is None or col is None:
            continue
        rows = [r for r in table.data_rows()]
        unreadable = [r for r in rows if (c := r.cell(col)) is not None and c.text.strip() and c.value is None]
        out += [f"table {tid}, {_row_name(r)}" for r in unreadable]
        for _, group, start in _groups(table):
            gaps = missing_rows(table, group, start) if group else ""
            if gaps:
                out.append(f"table {tid}: {gaps}")
    return list(dict.fromkeys(out))


def _row_agrees(table: Table, row: Row, col: int, doc: Document) -> bool:
    """Whether the row's rates that use column ``col`` agree with it (True when the row has no such rate)."""
    cols = columns_by_meaning(table)
    for r in RATIOS:
        if not _applies(r.family, doc) or not {r.rate, r.part, r.whole} <= cols.keys():
            continue
        if col not in (cols[r.part], cols[r.whole]):
            continue
        rate, part, whole = (row.cell(cols[m]) for m in (r.rate, r.part, r.whole))
        if any(c is None or c.value is None for c in (rate, part, whole)) or not whole.value:
            continue
        claimed, computed = cell_quantity(rate, percent=True), percent_ratio(cell_quantity(part), cell_quantity(whole))
        if computed is not None and _apart(claimed, computed):
            return False
    return True


_MONEY_COLUMNS = ("money_vnd", "unit_price")


def _mixed_measures(table: Table, rows: list[Row]) -> bool:
    """Whether a table's unit-of-measure column (``ĐVT``) gives these rows more than one measure."""
    col = next((c.index for c in table.columns if c.meaning == "measure_unit"), None)
    if col is None:
        return False
    measures = {normalize_ws(match_form(c.best).lower()) for r in rows if (c := r.cell(col)) is not None and c.best.strip()}
    return len(measures) > 1


_COUNTED_IN_LABEL = re.compile(r"\(\s*(\d{1,3})\s+[a-z]")  # "Toàn tỉnh (10 địa phương, đơn vị)": the units it totals


@rule("table_column_sum", code="A602",
      en="In a table, a total row (Tổng cộng, Cộng, Toàn huyện ...) equals the sum of the rows above it, column by column.",
      vi="Trong bảng, dòng tổng (Tổng cộng, Cộng, Toàn huyện ...) bằng tổng các dòng phía trên, theo từng cột.")
def table_column_sum(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        named = [r for r, _, _ in _formula_rows(table)]
        for total_row, rows, start in _segments(table):
            if any(total_row is r for r in named):
                continue  # "Tổng cộng (I + II)": the rows its name gives (A616), not the rows the layout suggests
            if (said := _COUNTED_IN_LABEL.search(match_form(total_row.label or "").lower())) is not None \
                    and int(said.group(1)) > len(rows):
                continue  # "Toàn tỉnh (10 địa phương, đơn vị)" under three rows: the rows listed are some of them
            mixed = _mixed_measures(table, [total_row] + rows)
            for col in _additive(table, doc):
                if mixed and table.columns[col].meaning not in _MONEY_COLUMNS:
                    continue  # "Tổng số hội viên | người" over "Đơn vị máu | đơn vị", "Suất quà | suất": no sum of
                    # them (amounts of money in đồng, whatever the items' measures, are)
                claim = total_row.cell(col)
                if claim is None or claim.value is None:
                    continue
                parts = [(r, r.cell(col)) for r in rows]
                blank = [r for r, c in parts if c is None or not c.text.strip()]
                if len(blank) == len(parts):
                    continue
                terms = [cell_quantity(c) for _, c in parts if c is not None and c.value is not None]
                unreadable = [r for r, c in parts if c is not None and c.text.strip() and c.value is None]
                unreadable += _lost_cells(table, col, blank, len(parts), doc)
                gaps = missing_rows(table, rows, start) if start is not None else ""
                check = Check(
                    subject=f"table {table.id}, {_header(table, col)}: {total_row.label or 'total'} = sum of rows",
                    subject_vi=f"bảng {table.id}, cột {_header(table, col)}: dòng {total_row.label or 'tổng'} = "
                               "tổng các dòng",
                    claimed=cell_quantity(claim), computed=total(terms) if terms else None, figures=[],
                    basis="rows", terms=terms,
                    cells=cell_refs(table, [(total_row, col)] + [(r, col) for r, _ in parts]),
                )
                contradicted = [r for r, c in parts if c is not None and c.conf is not None
                                and c.conf < SURE_CELL_CONF and not _row_agrees(table, r, col, doc)]
                if unreadable:
                    check.reason, check.reason_detail = "no_value", ", ".join(_row_name(r) for r in unreadable)
                elif gaps:
                    check.reason, check.reason_detail = "missing_part", gaps
                elif contradicted and check.claimed is not None and check.computed is not None \
                        and abs(check.claimed.nominal - check.computed.nominal) > 0.5:
                    check.reason = "low_confidence"
                    check.reason_detail = ", ".join(f"{_row_name(r)} (its own rate disagrees)" for r in contradicted)
                elif _far_off(table, check):
                    check.reason = "missing_part"
                    check.reason_detail = "the rows read from the scan add up to less than 60% or more than 165% of the total"
                yield check


FAR_OFF = (0.6, 1 / 0.6)  # a scanned table's rows this far from their total: rows lost or split in reading


def _far_off(table: Table, check: Check) -> bool:
    """A sum of a table read from a scan that is off its total by a large factor (``216`` against ``523``): rows or
    cells the reading lost or split, not a report's slip (a digit, an addend: the totals it misstates stay near)."""
    scanned = any(c.conf is not None for r in table.rows for c in r.cells)
    if not scanned or check.claimed is None or check.computed is None or check.claimed.nominal <= 0:
        return False
    ratio = check.computed.nominal / check.claimed.nominal
    return not FAR_OFF[0] <= ratio <= FAR_OFF[1]


def _lost_cells(table: Table, col: int, blank: list[Row], n_rows: int, doc: Document | None = None) -> list[Row]:
    """Rows of a scanned table whose cell in ``col`` is empty when every other row has a number there and the row
    has numbers in its other columns: a figure OCR lost, no zero. In old OCR's text, where a bar lost runs two cells
    into one (``15           223.500``), a few such rows (a third of them at most), their figure in a cell that
    holds two."""
    scanned = any(c.conf is not None for r in table.rows for c in r.cells)
    if scanned and len(blank) == 1 and n_rows >= 3:
        others = [c for c in blank[0].cells if c.col != col and c.value is not None and table.columns[c.col].meaning
                  not in (None, "stt")]
        return blank if others else []
    old_ocr = doc is not None and doc.restoration is not None and doc.restoration.restored
    if not old_ocr or not blank or n_rows < 3 or 3 * len(blank) > n_rows:
        return []
    return [r for r in blank if any(c.col != col and c.value is None and len(re.findall(r"\d[\d.,]*", c.best)) >= 2
                                    for c in r.cells)]




def _one_digit_doubt(cells: list[Cell], claimed: float, computed: float) -> list[Cell]:
    """The cells of a row identity read under ``DOUBT_CONF`` whose value one digit misread would put right."""
    gap = claimed - computed
    out = []
    for k, c in enumerate(cells):
        if c.conf is None or c.conf >= DOUBT_CONF or c.value is None:
            continue
        right = float(c.value) - gap if k == 0 else float(c.value) + gap
        a, b = str(int(round(float(c.value)))), str(int(round(right)))
        if float(right).is_integer() and one_misread(a, b):
            out.append(c)
    return out


_RATE_ROW = re.compile(r"\b(?:ty le|ti le|binh quan|trung binh)\b|%")  # a row of rates or averages


@rule("table_row_parts", code="A603",
      en="In a table row, a column that is the sum of others (received = 250 ml + 350 ml bags) equals their sum.",
      vi="Trong mỗi dòng của bảng, cột tổng (tiếp nhận = túi 250 ml + túi 350 ml) bằng tổng các cột thành phần.")
def table_row_parts(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        yield from _years_sums(table)
        cols = columns_by_meaning(table)
        for s in applicable_sums(cols.keys(), doc.families):
            for row in table.rows:
                if row.kind not in ROW_KINDS_WITH_FIGURES:
                    continue
                if _RATE_ROW.search(match_form(row.label or "").lower()):
                    continue  # "Tỷ lệ tiếp nhận / đăng ký (%)" across Quý I ... Cả năm: a rate, no sum of the quarters
                claim = row.cell(cols[s.total])
                parts = [row.cell(cols[m]) for m, _ in s.terms]
                if claim is None or claim.value is None or any(p is None or p.value is None for p in parts):
                    continue
                terms = [cell_quantity(p) if sign > 0 else cell_quantity(p).negated()
                         for p, (_, sign) in zip(parts, s.terms)]
                check = Check(
                    subject=f"table {table.id}, {_row_name(row)}: {_header(table, cols[s.total])} = "
                            + "".join((" + " if k and sign > 0 else " - " if sign < 0 else "") + _header(table, cols[m])
                                      for k, (m, sign) in enumerate(s.terms)),
                    subject_vi=f"bảng {table.id}, dòng {row.index}: {_header(table, cols[s.total])} = tổng các cột",
                    claimed=cell_quantity(claim), computed=total(terms), figures=[], basis="sum", terms=terms,
                    cells=cell_refs(table, [(row, cols[s.total])] + [(row, cols[m]) for m, _ in s.terms]),
                )
                doubt = _one_digit_doubt([claim] + parts, check.claimed.nominal, check.computed.nominal) \
                    if abs(check.claimed.nominal - check.computed.nominal) > 1e-9 else []
                if doubt:
                    check.reason = "low_confidence"
                    check.reason_detail = ", ".join(f"{c.text} (OCR {c.conf:.0f})" for c in doubt)
                yield check


_WRITTEN_DECIMALS = re.compile(r"[,.](\d{1,3})\s*$")


def _rounded(cell: Cell) -> Quantity:
    """A cell's number as the mean it states: widened by the rounding of its written decimals (``1.199,4``
    stands for 1.199,35 up to 1.199,5)."""
    v = float(cell.value)
    m = _WRITTEN_DECIMALS.search(cell.best.strip()) if "," in cell.best else None
    step = 10.0 ** -(len(m.group(1)) if m else 0)
    return Quantity(v - step / 2, v + step / 2, v, "exact")


@rule("table_row_mean", code="A623",
      en="In a table of years (or parts of a year) side by side, a row's mean column (Bình quân/năm) equals the mean "
         "of the row's columns of each year, to the decimals written.",
      vi="Trong bảng các năm (hoặc các kỳ) đặt cạnh nhau, cột bình quân của mỗi dòng bằng trung bình các cột từng năm, "
         "làm tròn theo số chữ số thập phân đã ghi.")
def table_row_mean(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        mean = table.column("years_mean")
        if mean is None:
            continue
        for value in ("year_value", "period_value"):
            parts = [c.index for c in table.columns if c.meaning == value]
            if len(parts) < 2:
                continue
            for row in table.rows:
                if row.kind not in ROW_KINDS_WITH_FIGURES \
                        or re.search(r"\b(?:ty le|ti le)\b|%", match_form(row.label or "").lower()):
                    continue  # the mean of rates is no rate of the totals
                claim, cells = row.cell(mean.index), [row.cell(j) for j in parts]
                if claim is None or claim.value is None or any(p is None or p.value is None for p in cells):
                    continue
                terms = [cell_quantity(p) for p in cells]
                whole = total(terms)
                n = len(terms)
                yield Check(
                    subject=f"table {table.id}, {_row_name(row)}: {_header(table, mean.index)} = mean of "
                            + ", ".join(_header(table, j) for j in parts),
                    subject_vi=f"bảng {table.id}, dòng {row.index}: {_header(table, mean.index)} = trung bình các cột",
                    claimed=_rounded(claim), computed=Quantity(whole.lo / n, whole.hi / n, whole.nominal / n,
                                                              whole.qualifier),
                    figures=[], basis="mean", terms=terms,
                    cells=cell_refs(table, [(row, mean.index)] + [(row, j) for j in parts]))
            break


_THE_REST = re.compile(r"\b(?:khac|con lai)\b")


@rule("table_part_rows", code="A609",
      en="Rows that break down the row above them (Trong đó: - Nam, - Nữ) add up to it, column by column: never to "
         "more; to less only where the breakdown is whole (another column's parts add up to its row, or a part is "
         "'the rest': khác, còn lại).",
      vi="Các dòng chi tiết của một dòng (Trong đó: - Nam, - Nữ) cộng lại bằng dòng đó theo từng cột: không bao giờ "
         "lớn hơn; nhỏ hơn chỉ sai khi phần chi tiết là đầy đủ (ở cột khác cộng đủ, hoặc có dòng khác, còn lại).")
def table_part_rows(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        by_index = {r.index: r for r in table.rows}
        groups: dict[int, list[Row]] = {}
        for row in table.rows:
            if row.kind == RowKind.PART and row.part_of in by_index:
                groups.setdefault(row.part_of, []).append(row)
        runs = []  # a row broken down twice (``Theo giới tính - Nam ...``, ``Theo độ tuổi - ...``): each breakdown
        for index, parts in groups.items():
            run: list[Row] = []
            for part in parts:
                if run and PARTITION.match(normalize_ws(match_form(part.label)).lower()):
                    runs.append((index, run))
                    run = []
                run.append(part)
            runs.append((index, run))
        for index, parts in runs:
            if len(parts) < 2:
                continue  # ``Trong đó: nữ``: a share of the row, not its breakdown
            head = by_index[index]
            sums = {}
            for col in _additive(table, doc):
                claim, cells = head.cell(col), [r.cell(col) for r in parts]
                if claim is None or claim.value is None or any(c is None or c.value is None for c in cells):
                    continue
                sums[col] = (claim, cells, sum(float(c.value) for c in cells))
            whole = any(_THE_REST.search(match_form(r.label).lower()) for r in parts) \
                or any(abs(float(claim.value) - s) < 1e-9 for claim, _, s in sums.values())
            for col, (claim, cells, computed) in sums.items():
                if computed < float(claim.value) - 1e-9 and not whole:
                    continue  # the breakdown may leave out what the report did not list
                terms = [cell_quantity(c) for c in cells]
                yield Check(
                    subject=f"table {table.id}, {_header(table, col)}: {_row_name(head)} = sum of the {len(parts)} "
                            "rows that break it down",
                    subject_vi=f"bảng {table.id}, cột {_header(table, col)}: dòng {head.label or head.index} = "
                               "tổng các dòng chi tiết",
                    claimed=cell_quantity(claim), computed=total(terms), figures=[], basis="rows", terms=terms,
                    cells=cell_refs(table, [(head, col)] + [(r, col) for r in parts]))


_YEAR_ROW = re.compile(r"^(?:nam\s+)?((?:19|20)\d\d)$")


def _year_before(doc: Document, year: int):
    """The text's one figure of units received in ``year`` (its own total: no plan, part, drive or table)."""
    own = [f for f in of_kind(doc, "units_received") if year_of(f) == year and drive_of(f) is None and not is_plan(f)
           and not f.attrs.get("about") and "part_of" not in f.attrs and "table" not in f.attrs]
    return own[0] if len({f.value for f in own}) == 1 else None


def _side_by_side_changes(table: Table, changes: list[str]) -> Iterator[Check]:
    """In a table of quantities with years side by side (``Chỉ tiêu | Năm 2022 | Năm 2023 | Tăng (+)/giảm (-)``),
    each row's change = its last year's value minus the year's before (a rate row: in points), or that difference
    over the earlier value in percent."""
    years = [c for c in table.columns if c.meaning == "year_value"]
    if len(years) < 2:
        return
    earlier, later = years[-2].index, years[-1].index
    named = [header_year(c.header) for c in years[-2:]]
    if None not in named and named[0] > named[1]:
        earlier, later = later, earlier  # "Năm 2023 | Năm 2022 | Tăng/giảm": the later year written first
    for row in table.rows:
        if row.kind not in (RowKind.DATA, RowKind.PART):
            continue
        a, b = row.cell(earlier), row.cell(later)
        if a is None or b is None or a.value is None or b.value is None:
            continue
        yield from _change_checks(
            table, row, changes, cell_quantity(b), cell_quantity(a), [(row, later), (row, earlier)],
            lambda head: (f"table {table.id}, {_row_name(row)}: {head} = {_header(table, later)} - "
                          f"{_header(table, earlier)}", f"bảng {table.id}, dòng {row.index}: {head} = hiệu hai năm"))


def _change_checks(table: Table, row: Row, changes: list[str], now: Quantity, before: Quantity,
                   refs: list[tuple[Row, int]], subjects, figures: list | None = None) -> Iterator[Check]:
    """The checks of a row's change cells (``change_prev_year``: in units or points; ``_percent``) against the change
    from ``before`` to ``now``; ``subjects(header)`` gives each check's (English, Vietnamese) subject."""
    cols = columns_by_meaning(table)
    diff = total([now, before.negated()])
    for meaning in changes:
        claim = row.cell(cols[meaning])
        if claim is None or claim.value is None:
            continue
        percent = meaning == "change_prev_year_percent"
        subject, subject_vi = subjects(_header(table, cols[meaning]))
        check = Check(subject=subject, subject_vi=subject_vi, claimed=cell_quantity(claim, percent=percent),
                      computed=percent_ratio(diff, before) if percent else diff,
                      basis="rate" if percent else "difference", terms=[diff, before] if percent else [now, before],
                      figures=list(figures or []), cells=cell_refs(table, [(row, cols[meaning])] + refs))
        if claim.conf is not None and check.claimed is not None and check.computed is not None \
                and check.computed.nominal < 0 < check.claimed.nominal \
                and abs(check.claimed.nominal + check.computed.nominal) <= 0.051 and not _SIGNED_TEXT.match(claim.text):
            # a fall read from a scan without its minus sign (a short dash OCR dropped): the sign is in doubt
            check.reason, check.reason_detail = "low_confidence", f"{claim.text} (minus sign not read)"
        yield check


_SIGNED_TEXT = re.compile(r"^\s*[-+\u2212\u2013]")


@rule("table_change_rows", code="A610",
      en="In a table of one row per year, a change against the year before (Tăng/giảm so với năm trước, in units and in "
         "percent) equals the row's units received minus the row above's (for the first row, the text's figure of the "
         "year before), and that difference over it; in a table of quantities with years side by side, each row's "
         "change equals its later year minus its earlier.",
      vi="Trong bảng mỗi dòng một năm, cột tăng/giảm so với năm trước (đơn vị, %) bằng số tiếp nhận của dòng trừ số của "
         "năm trước (dòng trên, hoặc số liệu năm trước nêu trong văn bản), và tỷ lệ của hiệu đó.")
def table_change_rows(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        cols = columns_by_meaning(table)
        changes = [m for m in ("change_prev_year", "change_prev_year_percent") if m in cols]
        if changes:
            yield from _side_by_side_changes(table, changes)
        if "received" not in cols or not changes or "received_prev_year" in cols:
            continue  # a column of last year's beside it: the row's own sum (A603) and rate (A601)
        years = {int(m.group(1)): r for r in table.data_rows()
                 if (m := _YEAR_ROW.match(normalize_ws(match_form(r.label or ""))))}
        for year, row in sorted(years.items()):
            now = row.cell(cols["received"])
            if now is None or now.value is None:
                continue
            before_row, before_fig = years.get(year - 1), None
            if before_row is not None:
                cell = before_row.cell(cols["received"])
                before = cell_quantity(cell) if cell is not None and cell.value is not None else None
            else:
                before_fig = _year_before(doc, year - 1)
                before = from_figure(before_fig) if before_fig is not None else None
            if before is None:
                continue
            refs = [(row, cols["received"])] + ([(before_row, cols["received"])] if before_row is not None else [])
            yield from _change_checks(
                table, row, changes, cell_quantity(now), before, refs,
                lambda head: (f"table {table.id}, {_row_name(row)}: {head} = change against {year - 1}",
                              f"bảng {table.id}, năm {year}: {head} = tăng/giảm so với năm {year - 1}"),
                [(doc.doc_id, before_fig)] if before_fig is not None else [])


@rule("table_units_met", code="A611",
      en="A count of units that met their plan (07/10 đơn vị đạt và vượt chỉ tiêu) equals the rows of the report's "
         "table of as many units whose rate is 100% or more (received at least the quota); one that reached a "
         "threshold (10/12 xã đạt tỷ lệ tiêm từ 95% trở lên), the rows whose rate is at least that.",
      vi="Số đơn vị đạt và vượt chỉ tiêu nêu trong văn bản bằng số dòng của bảng (cùng số đơn vị) có tỷ lệ từ 100% "
         "trở lên.")
def table_units_met(doc: Document) -> Iterator[Check]:
    for cov in of_kind(doc, "coverage"):
        least = cov.attrs.get("at_least")
        if not (cov.attrs.get("met") or isinstance(least, (int, float))) or not isinstance(cov.attrs.get("total"), int):
            continue
        threshold = float(least) if isinstance(least, (int, float)) else 100.0
        found = []
        for table in doc.tables:
            cols = columns_by_meaning(table)
            rates = [c.index for c in table.columns if (m := MEANINGS.get(c.meaning or "")) is not None and m.percent]
            if least is not None and "percent" not in cols and len(rates) == 1:
                cols["percent"] = rates[0]  # the table's one rate, whatever it is named: the rate the threshold is of
            rows = [r for r in table.data_rows() if _row_name(r)]
            units = [r for r in rows if r.place_code or _LEVEL_WORD.match(match_form(r.label or "").lower())]
            if len(rows) != cov.attrs["total"] and len(units) == cov.attrs["total"]:
                rows = units  # "9/11 xã, thị trấn đạt" over the 11 communes' rows and a row of the district's bodies
            if len(rows) != cov.attrs["total"] or ("quota" not in cols and least is None) \
                    or (least is not None and "percent" not in cols):
                continue  # (a table without a quota has no plan to meet: a percent there is a share, unless the text
                # counts the rows whose rate reached a threshold: "10/12 xã đạt tỷ lệ tiêm từ 95% trở lên")
            met, used = [], []
            for r in rows:  # met the plan: received at least the quota, where the row gives both (its rate cell
                # is worked from them: a rate misprinted there is A601's), else its rate
                rate = r.cell(cols["percent"]) if "percent" in cols else None
                if least is None and {"received", "quota"} <= cols.keys() and (a := r.cell(cols["received"])) is not None \
                        and (q := r.cell(cols["quota"])) is not None and a.value is not None and q.value is not None:
                    met.append(float(a.value) >= float(q.value))
                    used.append((r, cols["received"]))
                elif rate is not None and rate.value is not None:
                    met.append(float(rate.value) >= threshold)
                    used.append((r, cols["percent"]))
            if len(met) == len(rows):
                found.append((table, sum(met), used))
        if len(found) != 1:
            continue  # no table of as many units, or several
        table, n, used = found[0]
        yield Check(subject=f"units that met the plan vs table {table.id}",
                    subject_vi=f"số đơn vị đạt chỉ tiêu so với bảng {table.id}", claimed=from_figure(cov),
                    computed=Quantity.exact(float(n)), figures=[(doc.doc_id, cov)], basis="listed",
                    cells=cell_refs(table, used))


SHARE_AGREEMENT = 0.6  # of a table's rows whose percent is their count's share of the total, for the column to be shares


def _share_check(table: Table, row: Row, rate_head: str, whole_head: str, rate: Cell, part: Cell, whole: Cell,
                 used: list[tuple[Row, int]]) -> Check:
    """A rate cell against its part's share of the whole (A612 down a column, A615 along a row of shares)."""
    check = Check(subject=f"table {table.id}, {_row_name(row)}: {rate_head} = share of {whole_head}",
                  subject_vi=f"bảng {table.id}, dòng {row.index}: {rate_head} = tỷ lệ trên tổng",
                  claimed=cell_quantity(rate, percent=True), computed=None, figures=[], basis="rate",
                  cells=cell_refs(table, used))
    check.terms = [cell_quantity(part), cell_quantity(whole)]
    check.computed = percent_ratio(*check.terms)
    return check


def _mostly_agree(checks: list[Check]) -> bool:
    """Most shares agree (SHARE_AGREEMENT): the cells are the shares they say; else they were misread, or are not."""
    agree = [c for c in checks if c.computed is not None and not _apart(c.claimed, c.computed)]
    return len(agree) >= SHARE_AGREEMENT * len(checks)


@rule("table_share_column", code="A612",
      en="In a table whose total row's percent is 100 (Tỷ lệ (%) of blood groups, of donors' groups), each row's percent "
         "equals its count over the total row's, rounded to the decimals written.",
      vi="Trong bảng có dòng tổng 100%, tỷ lệ của mỗi dòng bằng số của dòng chia cho số của dòng tổng.")
def table_share_column(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        cols = columns_by_meaning(table)
        if "percent" not in cols:
            continue
        if any(r.rate == "percent" and {r.part, r.whole} <= cols.keys() for r in RATIOS if _applies(r.family, doc)):
            continue  # a rate of plan (received / quota): A601's
        pc = cols["percent"]
        # the whole: the one total row, else a row broken down into parts ("Tổng số ... Trong đó:" over its rows)
        totals = table.total_rows()
        if len(totals) == 1:
            total_row = totals[0]
            rows = [r for r in table.rows if r.kind in (RowKind.DATA, RowKind.PART)]
        else:
            heads = [r for r in table.rows if any(p.part_of == r.index for p in table.rows)]
            if len(heads) != 1:
                continue
            total_row = heads[0]
            rows = [r for r in table.rows if r.part_of == total_row.index]
        whole_rate = total_row.cell(pc)
        if whole_rate is None or whole_rate.value is None or abs(float(whole_rate.value) - 100) > 0.05:
            continue
        rows = [r for r in rows if (c := r.cell(pc)) is not None and c.value is not None]
        for col in _additive(table, doc):
            whole = total_row.cell(col)
            if whole is None or whole.value is None or not whole.value or not rows:
                continue
            checks = []
            for r in rows:
                part, rate = r.cell(col), r.cell(pc)
                if part is None or part.value is None:
                    continue
                checks.append(_share_check(table, r, _header(table, pc), _header(table, col), rate, part, whole,
                                           [(r, pc), (r, col), (total_row, col)]))
            if checks and _mostly_agree(checks):
                yield from checks
                break  # the column the percents are shares of


_RUNNING_WORDS = re.compile(r"\b(?:luy ke|cong don|tich luy)\b")
RUNNING_RATE_AGREE = 0.6  # share of a running rate's rows its whole must explain


@rule("table_cumulative_rate", code="A624",
      en="A percent column of a running total (Lũy kế so với kế hoạch (%)) equals, on each row, the running total over "
         "the one whole the text gives (the year's quota) that most of its rows are rates of.",
      vi="Cột tỷ lệ của số lũy kế (Lũy kế so với kế hoạch (%)) bằng số lũy kế của mỗi dòng chia cho tổng mà phần "
         "lời nêu (chỉ tiêu năm) và phần lớn các dòng khớp.")
def table_cumulative_rate(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        running = table.column("cumulative")
        if running is None:
            continue
        rates = [c for c in table.columns if c.meaning == "percent" and c.index > running.index
                 and _RUNNING_WORDS.search(match_form(c.header).lower())]
        rows = [r for r in table.rows if r.kind in ROW_KINDS_WITH_FIGURES
                and (c := r.cell(running.index)) is not None and c.value]
        if not rates or len(rows) < 3:
            continue
        top = max(float(r.cell(running.index).value) for r in rows)
        wholes = [f for f in doc.figures if "table" not in f.attrs and not is_plan(f) and f.span is not None
                  and (v := from_figure(f)) is not None and not v.percent and v.is_exact and v.nominal >= top / 2]
        for rate in rates:
            pairs = [(r, r.cell(rate.index)) for r in rows]
            pairs = [(r, c) for r, c in pairs if c is not None and c.value is not None]
            if len(pairs) < 3:
                continue
            best = None
            for f in wholes:
                whole = from_figure(f)
                checks = [_running_rate_check(table, r, running, rate, c, whole, f, doc) for r, c in pairs]
                agree = sum(1 for c in checks if c.computed is not None and not _apart(c.claimed, c.computed))
                if agree >= RUNNING_RATE_AGREE * len(checks) and (best is None or agree > best[0]):
                    best = (agree, checks)
            if best is not None:
                yield from best[1]


def _running_rate_check(table: Table, row: Row, running, rate, cell: Cell, whole: Quantity, fig: Figure,
                        doc: Document) -> Check:
    check = Check(subject=f"table {table.id}, {_row_name(row)}: {_header(table, rate.index)} = "
                          f"{_header(table, running.index)} / {fig.label or fig.kind}",
                  subject_vi=f"bảng {table.id}, dòng {row.index}: {_header(table, rate.index)} = lũy kế / tổng",
                  claimed=cell_quantity(cell, percent=True), computed=None, figures=[(doc.doc_id, fig)], basis="rate",
                  cells=cell_refs(table, [(row, rate.index), (row, running.index)]))
    check.terms = [cell_quantity(row.cell(running.index)), whole]
    check.computed = percent_ratio(*check.terms)
    return check


@rule("table_cumulative", code="A606",
      en="A running total column (Lũy kế) equals, on each row, the running total of the row above plus the row's own "
         "amount (the nearest column to its left that a total row sums).",
      vi="Cột lũy kế của mỗi dòng bằng lũy kế của dòng trên cộng số của chính dòng đó.")
def table_cumulative(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        yield from _cumulative_row(table)
        running = table.column("cumulative")
        if running is None or not _rows_are_periods(table):
            continue  # a running total runs down periods (months, drives); by unit it is each unit's year to date
        own = next((c for c in reversed(table.columns[:running.index])
                    if (m := MEANINGS.get(c.meaning or "")) is not None and m.additive), None)
        if own is None:
            continue
        rows = [r for r in table.rows if r.kind in (RowKind.DATA, RowKind.PART)
                and (c := r.cell(running.index)) is not None and c.value is not None]
        if any(r.kind == RowKind.DATA for r in rows):  # (a unit's drives under it, the running total on each drive)
            rows = [r for r in rows if r.kind == RowKind.DATA]
        for above, row in zip(rows, rows[1:]):
            cells = [row.cell(running.index), above.cell(running.index), row.cell(own.index)]
            if any(c is None or c.value is None for c in cells):
                continue
            terms = [cell_quantity(cells[1]), cell_quantity(cells[2])]
            yield Check(
                subject=f"table {table.id}, {_row_name(row)}: {_header(table, running.index)} = the row above's + "
                        f"{_header(table, own.index)}",
                subject_vi=f"bảng {table.id}, dòng {row.index}: {_header(table, running.index)} = lũy kế dòng trên + "
                           f"{_header(table, own.index)}",
                claimed=cell_quantity(cells[0]), computed=total(terms), figures=[], basis="sum", terms=terms,
                cells=cell_refs(table, [(row, running.index), (above, running.index), (row, own.index)]))


_RUNNING_ROW = re.compile(r"^\W*(?:luy ke|cong don|tich luy)\b")
_RATE_WORDS = re.compile(r"%|\bty le\b|\bso\s+voi\b")


def _cumulative_row(table: Table) -> Iterator[Check]:
    """The transposed case: in a table of quantities by period side by side (``Quý I | Quý II | ...``), a row
    ``Lũy kế tiếp nhận đến hết quý`` equals, in each period, the sum of the cells of the row of the same quantity
    (``Đơn vị máu tiếp nhận``) up to that period (so one wrong running total is one finding, not two)."""
    from pipeline.tables.interpret import row_meaning

    periods = [c for c in table.columns if c.meaning == "period_value"]
    if table.column("indicator") is None or len(periods) < 2:
        return
    rows = [r for r in table.data_rows()]
    for run_row in rows:
        label = normalize_ws(match_form(run_row.label or "")).lower()
        if not _RUNNING_ROW.match(label) or _RATE_WORDS.search(label):
            continue
        named = header_meaning(_RUNNING_ROW.sub("", label))
        own = next((r for r in rows if r is not run_row and named is not None and (m := row_meaning(table, r)) is not None
                    and m.name == named.name and not _RUNNING_ROW.match(normalize_ws(match_form(r.label or "")).lower())),
                   None)
        if own is None:
            continue
        for k, col in enumerate(periods[1:], 1):
            claim, parts = run_row.cell(col.index), [own.cell(c.index) for c in periods[:k + 1]]
            if claim is None or claim.value is None or any(c is None or c.value is None for c in parts):
                continue
            terms = [cell_quantity(c) for c in parts]
            yield Check(
                subject=f"table {table.id}, {_row_name(run_row)}, {_header(table, col.index)}: = "
                        f"{own.label or _row_name(own)} to {_header(table, col.index)}",
                subject_vi=f"bảng {table.id}, dòng {run_row.index}, {_header(table, col.index)}: lũy kế = cộng "
                           f"{own.label or f'dòng {own.index}'} đến {_header(table, col.index)}",
                claimed=cell_quantity(claim), computed=total(terms), figures=[], basis="sum", terms=terms,
                cells=cell_refs(table, [(run_row, col.index)] + [(own, c.index) for c in periods[:k + 1]]))


@rule("table_row_product", code="A607",
      en="In a list of expenses, each row's amount (Thành tiền) equals its quantity (Số lượng) times its unit price "
         "(Đơn giá).",
      vi="Trong bảng kê chi, thành tiền của mỗi dòng bằng số lượng nhân đơn giá.")
def table_row_product(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        qty, price, amount = (table.column(m) for m in ("quantity", "unit_price", "money_vnd"))
        if qty is None or price is None or amount is None:
            continue
        for row in table.data_rows():
            cells = [row.cell(c.index) for c in (amount, qty, price)]
            if any(c is None or c.value is None for c in cells):
                continue
            q, p = cell_quantity(cells[1]), cell_quantity(cells[2])
            product = Quantity(q.lo * p.lo, q.hi * p.hi, q.nominal * p.nominal,
                               "exact" if q.qualifier == p.qualifier == "exact" else "range")
            yield Check(
                subject=f"table {table.id}, {_row_name(row)}: {_header(table, amount.index)} = "
                        f"{_header(table, qty.index)} x {_header(table, price.index)}",
                subject_vi=f"bảng {table.id}, dòng {row.index}: {_header(table, amount.index)} = số lượng x đơn giá",
                claimed=cell_quantity(cells[0]), computed=product, figures=[], basis="product", terms=[q, p],
                cells=cell_refs(table, [(row, amount.index), (row, qty.index), (row, price.index)]))


# what a unit's figure in the text is in a table of units: the column meaning of the same quantity
ROW_MEANING_OF = {"units_received": "received", "units_quota": "quota", "percent_of_plan": "percent"}


@rule("table_row_vs_text", code="A608",
      en="A unit's figure the text gives (xã Nậm Loỏng đạt 95,0%; huyện Tam Đường: 720 đơn vị) equals that unit's "
         "row of the report's table, in the column of the same quantity.",
      vi="Số liệu của một đơn vị nêu trong lời văn bằng số liệu ở dòng của đơn vị đó trong bảng, cùng cột.")
def table_row_vs_text(doc: Document) -> Iterator[Check]:
    own_year = doc.identity.report_year
    for fig in of_kind(doc, *ROW_MEANING_OF):
        code = fig.attrs.get("place_code")
        if not code or "table" in fig.attrs or drive_of(fig) is not None or fig.qualifier != "exact":
            continue
        found = []
        for table in doc.tables:
            col = table.column(ROW_MEANING_OF[fig.kind])
            rows = [r for r in table.data_rows() if r.place_code == code]
            if col is None or col.guessed or len(rows) != 1 or (col.year or own_year) != year_of(fig):
                continue
            cell = rows[0].cell(col.index)
            if cell is not None and cell.value is not None:
                found.append((table, rows[0], col, cell))
        if len(found) != 1 or _same_words(found[0][3], fig):
            continue  # (a list of units read as a table: its cell is the very words the figure came from)
        if _of_one_day(doc, fig):
            continue  # "Riêng ngày khai mạc 19/02/2024, ... thành phố Lai Châu 341 đơn vị": that day's, not the row's
        table, row, col, cell = found[0]
        percent = fig.kind == "percent_of_plan"
        yield Check(
            subject=f"table {table.id}, {row.label}, {_header(table, col.index)}: row vs text",
            subject_vi=f"bảng {table.id}, {row.label}, {_header(table, col.index)}: dòng của bảng so với lời văn",
            claimed=from_figure(fig), computed=cell_quantity(cell, percent), figures=[(doc.doc_id, fig)],
            basis="table_row", cells=cell_refs(table, [(row, col.index)]))


_ONE_DAY = re.compile(r"\b(?:ngay\s+(?:khai mac|be mac|dau tien|cuoi cung|\d{1,2}\s*/\s*\d{1,2})|trong\s+ngay)\b")


def _of_one_day(doc: Document, fig: Figure) -> bool:
    """The sentence of a figure, up to it, scopes it to one day (``Riêng ngày khai mạc 19/02/2024, ...``)."""
    line = _line_of(doc, fig)
    if line is None or fig.span is None:
        return False
    before = match_form(line.text[:fig.span.start]).lower()
    return bool(_ONE_DAY.search(re.split(r"\.\s", before)[-1]))


_PERIOD_LABEL = re.compile(r"^\W*(?:thang|quy|dot|tuan|ngay|\d{1,2}\s*/\s*\d{1,2})\b")


def _rows_are_periods(table: Table) -> bool:
    """Whether a table's rows follow each other in time: a month, date or drive column, or rows named so."""
    if any(table.column(m) is not None for m in ("month", "date", "drive_no")):
        return True
    labels = [match_form(r.label or "") for r in table.data_rows()]
    return bool(labels) and sum(bool(_PERIOD_LABEL.match(t)) for t in labels) * 2 > len(labels)


def _years_sums(table: Table) -> Iterator[Check]:
    """A row's total over the years (``years_total``) against its year columns (``year_value``); the same over the
    parts of a year (``period_total``, ``period_value``: ``Cả năm`` and ``Quý I`` ...) and over the drives side by
    side under a result (``drive_value``: ``Kết quả thực hiện / Đợt 1 | Đợt 2 | Cộng``)."""
    for value, whole, words_vi in (("year_value", "years_total", "tổng các năm"),
                                   ("period_value", "period_total", "tổng các kỳ"),
                                   ("drive_value", _drives_whole(table), "tổng các đợt"),
                                   ("across_value", "across_total", "tổng các cột")):
        yield from _side_by_side_sums(table, value, whole, words_vi)


def _drives_whole(table: Table) -> str:
    """What drives side by side add up to: the units received, else the year's column (``Cả năm``), else (a plan's
    table of quotas by drive) the quota."""
    return next((m for m in ("received", "period_total") if table.column(m) is not None), "quota")


def _side_by_side_sums(table: Table, value: str, whole: str, words_vi: str) -> Iterator[Check]:
    years = [c.index for c in table.columns if c.meaning == value]
    total_col = table.column(whole)
    if total_col is None or len(years) < 2:
        return
    missing = _missing_parts(table, value, whole, years)
    for row in table.rows:
        if row.kind not in ROW_KINDS_WITH_FIGURES or _RATE_ROW.search(match_form(row.label or "").lower()):
            continue  # a row of rates across the quarters is no sum of them
        claim, parts = row.cell(total_col.index), [row.cell(j) for j in years]
        if claim is None or claim.value is None or any(p is None or p.value is None for p in parts):
            continue
        terms = [cell_quantity(p) for p in parts]
        check = Check(
            subject=f"table {table.id}, {_row_name(row)}: {_header(table, total_col.index)} = "
                    + " + ".join(_header(table, j) for j in years),
            subject_vi=f"bảng {table.id}, dòng {row.index}: {_header(table, total_col.index)} = {words_vi}",
            claimed=cell_quantity(claim), computed=total(terms), figures=[], basis="sum", terms=terms,
            cells=cell_refs(table, [(row, total_col.index)] + [(row, j) for j in years]),
        )
        if missing:
            check.computed, check.reason, check.reason_detail = None, "missing_part", missing
        yield check


_QUARTER = re.compile(r"\bqu[yi]\b|^\s*quy")
_HALF = re.compile(r"\b(?:6|sau) thang\b")
PARTS_OF_YEAR = ((_QUARTER, 4), (_HALF, 2))  # parts a year has: quarters, halves


def _missing_parts(table: Table, value: str, whole: str, cols: list[int]) -> str:
    """What a row's parts of the year lack (empty when nothing): a column no header names among them (OCR lost
    its words), or fewer quarters (halves) than a year has (OCR lost a column)."""
    if value != "period_value":
        return ""
    total_col = table.column(whole)
    span = range(min(cols), max(cols + [total_col.index]) + 1)
    unnamed = [j for j in span if j not in cols and j != total_col.index and table.columns[j].meaning is None]
    if unnamed:
        return ", ".join(f"cột {j + 1}" for j in unnamed)
    headers = [normalize_ws(match_form(table.columns[j].header)) for j in cols]
    span = months_of_label(normalize_ws(match_form(total_col.header)).lower()) \
        or months_of_label(normalize_ws(match_form(total_col.header.split("/")[-1])).lower())  # "Thực hiện / 6 tháng"
    if span is not None and span < 12:  # "Quý I | Quý II | Quý III | 9 tháng": the parts of those months
        need = span // 3 if all(_QUARTER.search(h) for h in headers) else span
        return "" if len(cols) >= need else f"{need - len(cols)} of {need}"
    for pattern, count in PARTS_OF_YEAR:
        if all(pattern.search(h) for h in headers) and len(cols) < count:
            return f"{count - len(cols)} of {count}"
    return ""


_PART_OF_YEAR_LABEL = re.compile(r"\b(?:\d{1,2}|sau|chin|ba) thang\b|\bquy\b")  # a total row of some months: "Cộng 6 tháng"
_GROUP_TOTAL = re.compile(r"^\s*(?:(?:cong|tong cong|tong so)\s+(?:khoi|cum|nhom|cac|muc|phan|cap|[ivx]{1,4}\b)"
                          r"|cong\s+(?!(?:toan|ca|chung|\d)\b)[a-z])")  # "Cộng KCN Quế Võ": a group's


def _grand_total(table: Table) -> Row | None:
    """A table's one grand total row: its only total row, or the one left when the groups' totals (``Cộng khối
    xã``, ``Cộng KCN Quế Võ``) are set aside; None when there is none or more than one."""
    totals = table.total_rows()
    if len(totals) > 1:
        totals = [r for r in totals if not _GROUP_TOTAL.match(match_form(r.label or ""))]
    return totals[0] if len(totals) == 1 else None


def _period_columns_vs_text(doc: Document, table: Table, total_row: Row) -> Iterator[Check]:
    """A part of the year side by side (``Quý IV``, ``Tháng 6``): its total cell against the one amount of units
    the text gives for that part (``Quý IV là thời điểm cao điểm với 1.739 đơn vị``); their total (``Quý I | Quý II
    | Cộng 6 tháng`` in a six-month report, no column of units received beside them) against the period's own
    amount the text gives."""
    whole = table.column("period_total")
    cell = total_row.cell(whole.index) if whole is not None else None
    if whole is not None and table.column("received") is None and cell is not None and cell.value is not None \
            and "units_received" in KINDS:
        stated = [f for f in of_kind(doc, "units_received") if "table" not in f.attrs and f.qualifier == "exact"
                  and drive_of(f) is None and not is_plan(f) and "part_of" not in f.attrs
                  and (not f.attrs.get("about") or part_words(str(f.attrs["about"])) == part_of_year(doc))
                  and year_of(f) in (None, doc.identity.report_year)]
        if len({f.value for f in stated}) == 1:
            yield Check(
                subject=f"table {table.id}, {_header(table, whole.index)}: total row vs text",
                subject_vi=f"bảng {table.id}, cột {_header(table, whole.index)}: dòng tổng so với lời văn",
                claimed=from_figure(stated[0]), computed=cell_quantity(cell), figures=[(doc.doc_id, stated[0])],
                basis="table_total", cells=cell_refs(table, [(total_row, whole.index)]))
    for c in table.columns:
        cell = total_row.cell(c.index)
        if c.meaning != "period_value" or c.guessed or cell is None or cell.value is None:
            continue
        name = normalize_ws(match_form(c.header))
        if not name:
            continue  # (a header the reader did not keep: which part of the year is not known)
        stated = [f for f in of_kind(doc, "units_received") if "table" not in f.attrs and f.qualifier == "exact"
                  and normalize_ws(match_form(str(f.attrs.get("about") or ""))) == name
                  and year_of(f) in (None, doc.identity.report_year)]
        if len({f.value for f in stated}) != 1:
            continue
        yield Check(
            subject=f"table {table.id}, {_header(table, c.index)}: total row vs text",
            subject_vi=f"bảng {table.id}, cột {_header(table, c.index)}: dòng tổng so với lời văn",
            claimed=from_figure(stated[0]), computed=cell_quantity(cell), figures=[(doc.doc_id, stated[0])],
            basis="table_total", cells=cell_refs(table, [(total_row, c.index)]))


_SCHEDULED = re.compile(r"\bdu kien\b|\bke hoach\b|\blich\b")
_CELL_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _schedule_year(doc: Document, table: Table) -> int | None:
    """The year after the report's whose drives a table schedules (``Thời gian dự kiến``: ``Tháng 3/2025``,
    ``14/6/2025`` in a 2024 report), or None."""
    own = doc.identity.report_year
    dates = table.column("date")
    if own is None or dates is None or not _SCHEDULED.search(match_form(dates.header + " " + table.caption)):
        return None
    years = {int(m.group(1)) for r in table.data_rows() if (c := r.cell(dates.index)) is not None
             for m in _CELL_YEAR.finditer(c.best)}
    return years.pop() if len(years) == 1 and min(years) > own else None


def _stated(doc: Document, kind: str, year: int | None, plan_doc: bool, period: str | None = None) -> list:
    """The text's figures of ``kind`` for the year (None: the report's) that a table's total may be set against;
    with ``period`` (a table of one row per year, ``2020 - 2024``), the text's figures of those years together."""
    if period is not None:
        return [f for f in of_kind(doc, kind) if "table" not in f.attrs and drive_of(f) is None
                and f.attrs.get("about") == period and f.qualifier == "exact" and not f.attrs.get("level")]
    # a document of no report year (a letter): the year of its date
    own = doc.identity.report_year or (int(doc.identity.date[:4]) if doc.identity.date else None)
    return [f for f in of_kind(doc, kind) if "table" not in f.attrs and drive_of(f) is None
            and year_of(f) in ((None, own) if year is None else (year,))
            and is_plan(f) == plan_doc and f.qualifier == "exact" and not f.attrs.get("level")
            and not f.attrs.get("about")]


def _rows_period(table: Table) -> str | None:
    """``2020 - 2024`` for a table whose data rows are the years from 2020 to 2024, one each."""
    years = [int(r.label) for r in table.data_rows() if re.fullmatch(r"(?:19|20)\d\d", (r.label or "").strip())]
    if len(years) < 2 or len(years) != len(table.data_rows()) or sorted(years) != list(range(min(years), max(years) + 1)):
        return None
    return f"{min(years)} - {max(years)}"


def _indicator_rows(doc: Document, table: Table, plan_doc: bool) -> Iterator[Check]:
    """In a table whose rows are quantities (``Số đơn vị máu tiếp nhận | 1.050 | 1.180``), each row's figure of a
    year against the text's figure of that quantity and year."""
    from pipeline.tables.interpret import row_meaning

    for row in table.data_rows():
        m = row_meaning(table, row)
        if m is None or m.figure is None or not _applies(m.family, doc) or m.name.endswith("_prev_year"):
            continue
        whole = table.column("period_total")  # "Cả năm" beside the parts of the report's year
        for col in _year_columns(table) + ([whole] if whole is not None else []):
            cell = row.cell(col.index)
            if cell is None or cell.value is None:
                continue
            stated = _stated(doc, m.figure, col.year if col.meaning == "year_value" else None, plan_doc)
            if len({f.value for f in stated}) != 1:
                continue
            yield Check(
                subject=f"table {table.id}, {row.label or _row_name(row)}, {_header(table, col.index)}: row vs text",
                subject_vi=f"bảng {table.id}, {row.label or f'dòng {row.index}'}, {_header(table, col.index)}: "
                           "dòng của bảng so với lời văn",
                claimed=from_figure(stated[0]), computed=cell_quantity(cell, m.percent),
                figures=[(doc.doc_id, stated[0])], basis="table_total", cells=cell_refs(table, [(row, col.index)]),
            )


@rule("table_total_vs_text", code="A604",
      en="A table's total row agrees with the figure of the same meaning the text states for the period.",
      vi="Dòng tổng của bảng khớp với số liệu cùng nội dung nêu trong phần lời văn.")
def table_total_vs_text(doc: Document) -> Iterator[Check]:
    plan_doc = doc.identity.type_code == "KH"  # a plan's tables hold its plan: set against the plan it states
    for table in doc.tables:
        if table.column("indicator") is not None:
            yield from _indicator_rows(doc, table, plan_doc)
            continue
        total_row = _grand_total(table)
        if total_row is None:
            continue
        if other_part_of_year(doc, table):
            continue  # "Cộng 6 tháng cuối năm" in a year's report: that half's total, no figure of the year's
        yield from _period_columns_vs_text(doc, table, total_row)
        ahead = _schedule_year(doc, table)  # a schedule of next year's drives: set against next year's plan
        for c in table.columns:
            m = MEANINGS.get(c.meaning or "")
            if m is None or m.figure is None or not _applies(m.family, doc) or c.guessed:
                continue  # a column whose meaning was guessed is not set against the text
            if any((o.meaning or "").startswith("group_") for o in table.columns) \
                    and re.fullmatch(r"\s*(?:cong|tong cong|tong so|tong)\s*", match_form(c.header or "").lower()):
                continue  # a bare "Cộng" of blood groups may count people (a reserve team), not the units received
            if not _TOTAL_HEAD.match(match_form(c.header or "").lower()) and any(
                    o is not c and o.meaning == c.meaning and _TOTAL_HEAD.match(match_form(o.header or "").lower())
                    for o in table.columns):
                continue  # "Đợt 1 / Tiếp nhận | Đợt 2 / Tiếp nhận | Cộng đơn vị máu": the parts of the total column
            year, later = ahead, False
            if m.name.endswith("_prev_year"):  # an earlier year's column: the text's figure of the year it names
                if c.year is None:
                    continue
                year = c.year
            elif c.year is not None and ahead is None and any(
                    o.meaning == c.meaning and o.year not in (None, c.year) for o in table.columns):
                year = c.year  # "Chỉ tiêu 2019 | ... | Chỉ tiêu 2020": each against its year's figure
            elif c.year is not None and ahead is None and doc.identity.report_year is not None \
                    and c.year > doc.identity.report_year:
                year, later = c.year, True  # "Chỉ tiêu năm 2024" in a report on 2023: the text's figure of 2024
            cell = total_row.cell(c.index)
            if cell is None or cell.value is None:
                continue
            stated = _stated(doc, m.figure, year, plan_doc or ahead is not None or later, period=_rows_period(table))
            if later and not stated:
                stated = _stated(doc, m.figure, year, plan_doc, period=_rows_period(table))
            values = {f.value for f in stated}
            if len(values) != 1:
                continue  # no figure, or several: which one the table totals is not known
            fig = stated[0]
            if fig.kind == "units_quota" and _PART_OF_YEAR_LABEL.search(match_form(total_row.label or "").lower()):
                continue  # "Cộng 6 tháng | 400" against "chỉ tiêu cả năm (550 đơn vị)": the months' quotas, not the year's
            if _PART_OF_YEAR_LABEL.search(match_form(c.header or "").lower()) and not fig.attrs.get("about") \
                    and (not part_of_year(doc) or _named_the_year(doc, fig)):
                continue  # a column "Chỉ tiêu năm 2024 / 6 tháng đầu" in a year's document: some months', no year's;
                # nor in a half year's report against "chỉ tiêu cả năm huyện giao (160 đơn vị)"
            if _counts_more(doc, fig) or _besides(doc, fig):
                continue  # "So với năm 2022 (16.152 đơn vị, kể cả hiến máu khẩn cấp)": more than a table of drives has;
                # "Ngoài các đợt tập trung nêu trên, ... 35 lượt ...": what the table leaves out
            if fig.kind == "units_quota" and _given_above(doc, fig) \
                    and sum(bool(r.place_code) for r in table.data_rows()) * 2 >= len(table.data_rows()) > 0:
                continue  # "đạt 116,0% chỉ tiêu tỉnh giao (700 đơn vị)" over a table of the communes' quotas: what the
                # district shared out among them may exceed what it was given
            if any(f.attrs.get("part_of") == fig.id and f.value == cell.value for f in doc.figures):
                continue  # "4.326 đơn vị (bao gồm 2.918 đơn vị tại các điểm lưu động và 1.408 ...)" over a table of
                # the mobile drives totalling 2.918: the table is that part, as the text says
            yield Check(
                subject=f"table {table.id}, {_header(table, c.index)}: total row vs text",
                subject_vi=f"bảng {table.id}, cột {_header(table, c.index)}: dòng tổng so với lời văn",
                claimed=from_figure(fig), computed=cell_quantity(cell, m.percent),
                figures=[(doc.doc_id, fig)], basis="table_total",
                cells=cell_refs(table, [(total_row, c.index)]),
            )


_THE_YEAR_BEFORE = re.compile(r"\b(?:ca nam|nam (?:19|20)\d\d)\b[^\d;.]{0,30}$")


def _named_the_year(doc: Document, fig: Figure) -> bool:
    """The words right before a figure name the whole year (``chỉ tiêu cả năm huyện giao (160``)."""
    line = _line_of(doc, fig)
    if line is None or fig.span is None:
        return False
    return bool(_THE_YEAR_BEFORE.search(match_form(line.text[:fig.span.start]).lower()))


_COUNTS_MORE = re.compile(r"^[^()\d]{0,25}?,?\s*(?:ke ca|tinh ca|bao gom ca|gom ca|ca)\s+(?:so\s+)?(?:hien mau\s+)?"
                          r"(?:khan cap|ngoai|dot xuat|tai benh vien)")


def _line_of(doc: Document, fig: Figure):
    """The line a figure was read on, or None."""
    return next((ln for pg in doc.pages if pg.number == fig.span.page for ln in pg.lines if ln.number == fig.span.line),
                None) if fig.span is not None else None


_BESIDES = re.compile(r"\bngoai\s+(?:cac|nhung|so|ra)\b")


def _besides(doc: Document, fig: Figure) -> bool:
    """A figure of a sentence that counts what lies outside the rest (``Ngoài các đợt tập trung nêu trên, ... 35 lượt
    ...``)."""
    if fig.span is None:
        return False
    line = _line_of(doc, fig)
    before = match_form(line.text[:fig.span.start]).lower() if line is not None else ""
    if _BESIDES.search(re.split(r"[.;]\s", before)[-1]):
        return True
    # "Ngoài số liệu tại Bảng 1, khối cơ quan ... 163 đơn vị. Như vậy toàn huyện tiếp nhận 1.188 đơn vị": the table
    # and more, a line or two before
    page = next((pg for pg in doc.pages if pg.number == fig.span.page), None)
    above = " ".join(ln.best for ln in page.lines if fig.span.line - 2 <= ln.number < fig.span.line) if page else ""
    return bool(_BESIDES_TABLE.search(match_form(above + " " + before).lower()))


_BESIDES_TABLE = re.compile(r"\bngoai\s+(?:so lieu\s+|cac so lieu\s+)?(?:tai|trong|o|cua)\s+(?:bang|bieu|phu luc)\b")


def _counts_more(doc: Document, fig: Figure) -> bool:
    """A figure the text says counts more than the usual (``16.152 đơn vị, kể cả hiến máu khẩn cấp``)."""
    if fig.span is None:
        return False
    line = _line_of(doc, fig)
    if line is None:
        return False
    after = match_form(line.text[fig.span.end:]).lower()
    return bool(_COUNTS_MORE.match(after))


_GIVEN_ABOVE = re.compile(r"\b(?:tinh|cap tren|trung uong|tw|bo|so)\s+giao\b[^\d]{0,12}$")


def _given_above(doc: Document, fig: Figure) -> bool:
    """A quota the text says a higher level gave (``chỉ tiêu tỉnh giao (700 đơn vị)``)."""
    if fig.span is None:
        return False
    line = _line_of(doc, fig)
    return line is not None and bool(_GIVEN_ABOVE.search(match_form(line.text[:fig.span.start]).lower()))


_TOTAL_HEAD = re.compile(r"^\s*(?:cong|tong cong|tong so|tong|ca nam|luy ke)\b")
_RATE_LABEL = re.compile(r"\bty le\b|%")
RATE_ROW_AGREEMENT = 0.75  # of a rate row's cells two rows must explain (three at least) for the rate to be theirs


def _row_numbers(table: Table, row: Row, cols: list[int]) -> dict[int, tuple[float, str]]:
    """The numbers a row's cells hold, by column (value, as written), whatever the columns' meanings."""
    out = {}
    for j in cols:
        cell = row.cell(j)
        text = cell.best.strip() if cell is not None else ""
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?", text) and (v := parse_number(text)) is not None:
            out[j] = (float(v), text)
    return out


_SHARE_ROW = re.compile(r"^\W*(?:ty le|co cau)\b[^\d]{0,20}%|^\W*%\W*$")  # "Tỷ lệ (%)", "Cơ cấu (%)"


@rule("table_share_row", code="A615",
      en="A row of shares under a total row (Tỷ lệ (%) under Cộng, 100,0 in the total's column) gives each column's "
         "total over the row's total, rounded to the decimals written.",
      vi="Dòng tỷ lệ (%) dưới dòng tổng cộng (100,0 ở cột tổng) bằng số tổng của từng cột chia cho tổng chung.")
def table_share_row(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        for above, row in zip(table.rows, table.rows[1:]):
            if above.kind != RowKind.TOTAL or not _SHARE_ROW.match(match_form(row.label or "").lower()):
                continue
            whole = next((c.col for c in row.cells if c.value is not None and abs(float(c.value) - 100) <= 0.05
                          and (t := above.cell(c.col)) is not None and t.value), None)
            if whole is None:
                continue
            checks = []
            for cell in row.cells:
                part = above.cell(cell.col)
                if cell.col == whole or cell.value is None or part is None or part.value is None:
                    continue
                checks.append(_share_check(table, row, _header(table, cell.col), _header(table, whole), cell, part,
                                           above.cell(whole), [(row, cell.col), (above, cell.col), (above, whole)]))
            if len(checks) >= 2 and _mostly_agree(checks):
                yield from checks  # (most shares agree: the row is what it says; else its cells were misread)


@rule("table_rate_rows", code="A614",
      en="In a table whose rows are quantities (Số trẻ trong độ tuổi | Số trẻ ra lớp | Tỷ lệ huy động (%)), a row of rates "
         "equals, in each column, one row over another (the pair the numbers of most columns show), times 100.",
      vi="Trong bảng có các dòng là chỉ tiêu, dòng tỷ lệ (%) ở mỗi cột bằng một dòng chia cho một dòng khác (cặp dòng mà "
         "số liệu của đa số cột cho thấy), nhân 100.")
def table_rate_rows(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        body = table.data_rows()
        cols = [c.index for c in table.columns if c.index > 0]
        numbers = {r.index: _row_numbers(table, r, cols) for r in body}
        words = {r.index: normalize_ws(first_words(r)) for r in body}
        for rate_row in body:
            label = match_form(words[rate_row.index]).lower()
            rates = numbers[rate_row.index]
            if not _RATE_LABEL.search(label) or len(rates) < 3:
                continue
            best = None
            for a in body:
                for b in body:
                    if a is b or rate_row in (a, b) or _RATE_LABEL.search(match_form(words[a.index]).lower() + " "
                                                                           + match_form(words[b.index]).lower()):
                        continue
                    checks = []
                    for j, (v, text) in rates.items():
                        if j in numbers[a.index] and j in numbers[b.index] and numbers[b.index][j][0] > 0:
                            part, whole = Quantity.exact(numbers[a.index][j][0]), Quantity.exact(numbers[b.index][j][0])
                            checks.append((j, printed_percent(v, text), percent_ratio(part, whole)))
                    agree = sum(not _apart(c, k) for _, c, k in checks if k is not None)
                    if len(checks) >= 3 and agree >= RATE_ROW_AGREEMENT * len(rates) and (best is None or agree > best[0]):
                        best = (agree, a, b, checks)
            if best is None:
                continue
            _, a, b, checks = best
            for j, claimed, computed in checks:
                names = [words[r.index] for r in (rate_row, a, b)]
                yield Check(
                    subject=f"table {table.id}, {names[0]}, {_header(table, j)}: = {names[1]} / {names[2]}",
                    subject_vi=f"bảng {table.id}, {names[0]}, {_header(table, j)}: = {names[1]} / {names[2]}",
                    claimed=claimed, computed=computed, figures=[], basis="rate",
                    terms=[Quantity.exact(numbers[a.index][j][0]), Quantity.exact(numbers[b.index][j][0])],
                    cells=cell_refs(table, [(rate_row, j), (a, j), (b, j)]))


STATED_FAR = (0.5, 2.0)  # a text's count this far from a column's total counts something else


@rule("column_total_vs_text", code="A613",
      en="The total row of a table column that no report family reads agrees with the figure the text states under "
         "the column's header words (đã tiêm được 2.081 trẻ, under a column Đã tiêm).",
      vi="Dòng tổng của một cột bảng (không thuộc số liệu của nhóm báo cáo nào) khớp với số liệu lời văn nêu bằng "
         "chính tên cột (đã tiêm được 2.081 trẻ, cột Đã tiêm).")
def column_total_vs_text(doc: Document) -> Iterator[Check]:
    tables = {t.id: t for t in doc.tables}
    for fig in of_kind(doc, "column_total_stated"):
        table = tables.get(str(fig.attrs.get("table")))
        totals = table.total_rows() if table is not None else []
        cell = totals[0].cell(int(fig.attrs.get("column", -1))) if len(totals) == 1 else None
        if cell is None or cell.value is None:
            continue
        if isinstance(fig.value, (int, float)) and fig.value > 0 and cell.value \
                and not STATED_FAR[0] <= float(cell.value) / float(fig.value) <= STATED_FAR[1]:
            continue  # "làm chết 3 người" of waterways beside a table of the roads' 76: another quantity, no total
        yield Check(
            subject=f"table {table.id}, {_header(table, cell.col)}: total row vs text",
            subject_vi=f"bảng {table.id}, cột {_header(table, cell.col)}: dòng tổng so với lời văn",
            claimed=from_figure(fig), computed=cell_quantity(cell), figures=[(doc.doc_id, fig)], basis="table_total",
            cells=cell_refs(table, [(totals[0], cell.col)]))


# a unit's level word then its name; not a body named after it ("Huyện đoàn Tân Uyên", "Tỉnh ủy")
_LEVEL_WORD = re.compile(r"^\s*(?:xa|phuong|thi tran|(?:huyen|tinh)(?!\s+(?:doan|uy)\b)|quan|thi xa|thanh pho)\s+\S")


@rule("table_rows_in_gazetteer", code="A605", severity="warning",
      en="Every table row that names an administrative unit (Xã ..., Huyện ...) names a unit of the gazetteer on the "
         "document's date.",
      vi="Mỗi dòng của bảng ghi tên một đơn vị hành chính (Xã ..., Huyện ...) phải là đơn vị có trong danh mục tại "
         "ngày văn bản.")
def table_rows_in_gazetteer(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        named = [r for r in table.data_rows() if r.label and _LEVEL_WORD.match(match_form(r.label))]
        if not named or all(r.place_status is None for r in named):
            continue
        cols = columns_by_meaning(table)
        col = cols.get("unit_name", cols.get("location", 0))
        unknown = [r for r in named if r.place_status != MatchStatus.MATCHED]
        check = Check(
            subject=f"table {table.id}: rows naming units found in the gazetteer",
            subject_vi=f"bảng {table.id}: các dòng tên đơn vị có trong danh mục",
            claimed=Quantity.exact(float(len(named))), computed=Quantity.exact(float(len(named) - len(unknown))),
            figures=[], basis="gazetteer_rows", other=", ".join(r.label for r in unknown),
            cells=cell_refs(table, [(r, col) for r in (unknown or named[:1])]),
        )
        if unknown:  # a name the gazetteer lacks is as likely misread or misspelt as wrong: for a reviewer
            check.reason, check.reason_detail = "not_in_gazetteer", ", ".join(r.label for r in unknown)
        yield check


MIN_OWN_ROWS = 3  # rows linked to units of the report's own unit that make a table of its units


@rule("table_rows_of_subject", code="A621", severity="warning",
      en="A table of the units of the report's own district (three rows or more linked to its communes) names no unit "
         "the gazetteer puts in another district on the document's date.",
      vi="Bảng kê các đơn vị của chính huyện báo cáo (từ ba dòng là xã của huyện) không có dòng là đơn vị mà danh mục "
         "ghi thuộc huyện khác tại ngày văn bản.")
def table_rows_of_subject(doc: Document) -> Iterator[Check]:
    subject = doc.units.subject
    if subject is None or subject.level not in ("district", "province"):
        return
    for table in doc.tables:
        linked = [r for r in table.data_rows() if r.place_code and r.place_parent
                  and r.place_status == MatchStatus.MATCHED]
        own = [r for r in linked if r.place_parent == subject.code]
        # (units of the level of the district's own: a row of the district itself, or of its province, is none)
        linked = [r for r in linked if r.place_code != subject.code and len(r.place_code) == len(own[0].place_code)] \
            if own else []
        if len(own) < MIN_OWN_ROWS or 2 * len(own) <= len(linked):
            continue
        away = [r for r in linked if r.place_parent != subject.code]
        names = ", ".join(f"{r.place_name or r.label}" for r in away)
        cols = columns_by_meaning(table)
        col = cols.get("unit_name", 0)
        yield Check(subject=f"table {table.id}: rows of {subject.name}'s units",
                    subject_vi=f"bảng {table.id}: các dòng đơn vị của {subject.name}",
                    claimed=Quantity.exact(float(len(linked))), computed=Quantity.exact(float(len(own))), figures=[],
                    basis="subject_units", other=subject.name + (f" (not {names})" if away else ""),
                    cells=cell_refs(table, [(r, col) for r in (away or own[:1])]))


_RATE_HEAD = re.compile(r"\b(?:ty le|ti le)\b")
_NOT_SUMMED = re.compile(r"%|\b(?:ty le|ti le|so sanh|binh quan|trung binh|xep (?:hang|thu)|thu hang|hang)\b")


_PLAIN_FIGURE = re.compile(r"^\s*[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*$")


def _number(cell: Cell | None) -> float | None:
    """A cell's number: its value, or, in a column no meaning names (``Bồi thường về đất`` under ``(5)``), the plain
    figure it holds (a scan's cell read under the audit's floor gives none)."""
    if cell is None:
        return None
    if cell.value is not None:
        return float(cell.value)
    if cell.repair or not _PLAIN_FIGURE.match(cell.best) or (cell.conf is not None and cell.conf < MIN_CELL_CONF):
        return None
    v = parse_number(cell.best.strip().lstrip("+"))
    return float(v) if v is not None else None


def _written_range(cell: Cell, rounded: bool) -> tuple[float, float]:
    """A cell's value as an interval: a figure with decimals covers what rounds to it (as an input), or what
    rounds or truncates to it (``rounded``: a result a clerk computed and wrote)."""
    v = _number(cell)
    m = _DECIMALS.search(cell.best.strip())
    if m is None and not rounded:
        return (v, v)
    q = printed_percent(v, cell.best)
    return (q.lo, q.hi) if rounded else (v - (q.hi - v) / 2, v + (q.hi - v) / 2)


_DECIMALS = re.compile(r"\d,(\d{1,3})\s*%?\W*$")


def _formula_check(table: Table, row: Row, col: int, tree: tuple, cells: dict[str, Cell], what: str,
                   percent: bool) -> Check | None:
    """``row``'s cell in ``col`` against the formula ``tree`` over ``cells`` (key -> cell)."""
    claim = row.cell(col)
    if _number(claim) is None or any(_number(c) is None for c in cells.values()):
        return None
    divides = any(op == "/" for op in _ops(tree))
    got = evaluate(tree, {k: _written_range(c, False) for k, c in cells.items()})
    if got is None:
        return None
    value = _number(claim)
    if divides and tree[0] == "/":
        nominal = (got[0] + got[1]) / 2
        near = nominal and 0.5 <= value / (100 * nominal) <= 2
        if percent or (near and not 0.5 <= value / nominal <= 2):
            got = (got[0] * 100, got[1] * 100)  # (3)=(2)/(1) under "Tỷ lệ (%)": a rate in percent
    lo, hi = _written_range(claim, divides or not value.is_integer() or bool(_DECIMALS.search(claim.best.strip())))
    terms = [Quantity.exact(_number(cells[k])) for k in refs(tree)]
    return Check(
        subject=f"table {table.id}, {_row_name(row)}, {_header(table, col)}: {what}",
        subject_vi=f"bảng {table.id}, dòng {row.index}, {_header(table, col)}: {what}",
        claimed=Quantity(lo, hi, value, "exact"),  # (as printed; its range is its rounding, as printed_percent's)
        computed=Quantity(got[0], got[1], (got[0] + got[1]) / 2, "exact" if got[0] == got[1] else "range"),
        figures=[], basis="formula", terms=terms,
        cells=[(cell_ref(table, row, col), claim)] + [(_ref_of(table, c), c) for c in cells.values()])


def _ops(tree: tuple) -> list[str]:
    return [] if tree[0] in ("ref", "num") else [tree[0]] + _ops(tree[1]) + _ops(tree[2])


def _ref_of(table: Table, cell: Cell) -> str:
    row = next(r for r in table.rows if any(c is cell for c in r.cells))
    return cell_ref(table, row, cell.col)


def _column_formulas(table: Table) -> Iterator[Check]:
    """A numbering row's formulas (``(3)=(2)/(1)``): each row's cell of that column against them."""
    for head in (r for r in table.rows if r.kind == RowKind.HEADER):
        filled = sorted((c for c in head.cells if c.best.strip()), key=lambda c: c.col)
        keys = column_keys([c.best for c in filled])
        if keys is None:
            continue
        col_of = {key: c.col for (key, _), c in zip(keys, filled)}
        for (key, tree), target in zip(keys, filled):
            if tree is None:
                continue
            column = table.columns[target.col] if target.col < len(table.columns) else None
            header = normalize_ws(match_form(column.header)).lower() if column is not None else ""
            meaning = MEANINGS.get(column.meaning or "") if column is not None else None
            percent = (meaning is not None and meaning.percent) or "%" in header or bool(_RATE_HEAD.search(header))
            for row in table.rows:
                if row.kind not in ROW_KINDS_WITH_FIGURES:
                    continue
                cells = {k: row.cell(col_of[k]) for k in refs(tree)}
                check = _formula_check(table, row, target.col, tree, cells, f"({key}) = {written(tree)}", percent)
                if check is not None:
                    check.fallback = True  # "(3)=(2)/(1)" where the family's rate already checks the cell: one finding
                    yield check


def _row_formulas(table: Table) -> Iterator[Check]:
    """A row whose name says which rows it adds (``Tổng cộng (I + II)``): its cells against theirs, column by
    column (columns of rates and ranks left out)."""
    for row, tree, keyed in _formula_rows(table):
        for column in table.columns:
            m = MEANINGS.get(column.meaning or "")
            if column.meaning == "stt" or (m is not None and (m.text or m.percent)) \
                    or _NOT_SUMMED.search(normalize_ws(match_form(column.header)).lower()):
                continue
            cells = {k: keyed[k].cell(column.index) for k in refs(tree)}
            if any(c is not None and "%" in c.best for c in cells.values()):
                continue
            check = _formula_check(table, row, column.index, tree, cells, f"{row.label} = {written(tree)}", False)
            if check is not None:
                yield check


def _formula_rows(table: Table) -> list[tuple[Row, tuple, dict[str, Row]]]:
    """Rows whose name writes a formula over other rows' numbers (``(I + II)``), with the rows it names; a formula
    naming a number two rows carry (``1`` under I and under II) is left out."""
    stt = table.column("stt")
    by_key: dict[str, list[Row]] = {}
    for r in table.rows:
        if r.kind == RowKind.HEADER:
            continue
        cell = r.cell(stt.index) if stt is not None else None
        key = (row_key(cell.best) if cell is not None and cell.best.strip() else None) or label_key(r.label)
        if key is not None:
            by_key.setdefault(key, []).append(r)
    out = []
    for r in table.rows:
        if r.kind == RowKind.HEADER or (tree := row_formula(r.label)) is None:
            continue
        keys = refs(tree)
        if not all(len(by_key.get(k, [])) == 1 and by_key[k][0] is not r for k in keys):
            continue
        rows = {k: _figures_of_group(table, by_key[k][0]) for k in keys}
        if all(row is not None and row is not r for row in rows.values()):
            out.append((r, tree, rows))
    return out


def _figures_of_group(table: Table, head: Row) -> Row | None:
    """The row that holds a numbered group's figures: its own (``II | Khối cơ quan | 50 | 61``), or, for a heading
    without figures (``I | Khối xã``), the total that closes the group (``Cộng khối xã``) before the next heading."""
    if any(c.value is not None and table.columns[c.col].meaning != "stt" for c in head.cells
           if c.col < len(table.columns)):
        return head
    for row in table.rows[table.rows.index(head) + 1:]:
        if row.kind == RowKind.SECTION:
            return None
        if row.kind in (RowKind.TOTAL, RowKind.SUBTOTAL):
            return row
    return None


@rule("table_formula", code="A616",
      en="A column or a row whose table writes how it is computed ((3)=(2)/(1) in the row numbering the columns, "
         "Tổng cộng (I + II) in a row's name) equals that computation, cell by cell.",
      vi="Cột hoặc dòng mà bảng ghi rõ cách tính ((3)=(2)/(1) ở dòng đánh số cột, Tổng cộng (I + II) ở tên dòng) "
         "bằng kết quả phép tính đó, từng ô.")
def table_formula(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        yield from _column_formulas(table)
        yield from _row_formulas(table)


_COMMUNE_ROW = re.compile(r"^\s*(?:xa|phuong|thi tran|tt)\b")
_DISTRICT_ROW = re.compile(r"^\s*(?:huyen|quan|thi xa|thanh pho|tp)\b")
_ROWS_OF_KIND = {"xa": _COMMUNE_ROW, "phuong": _COMMUNE_ROW, "thi tran": _COMMUNE_ROW, "huyen": _DISTRICT_ROW}
MIN_UNIT_ROWS = 3
ITEMS_TABLE_GAP = 3  # lines from a sentence counting things of no level to the first line of their table


def _first_line(table: Table) -> tuple[int, int] | None:
    spans = [c.span for r in table.rows for c in r.cells if c.span is not None]
    return min(((s.page, s.line) for s in spans), default=None)


@rule("units_tabled_count", code="A617",
      en="A count of units whose sentence points to a table of them (cho 13 xã ..., chi tiết tại Phụ lục; tại 9 xã, cụ "
         "thể như sau:) equals the rows of that level in the next table.",
      vi="Số đơn vị nêu trong câu dẫn tới bảng (cho 13 xã ..., chi tiết tại Phụ lục) bằng số dòng đơn vị cấp đó trong "
         "bảng kế tiếp.")
def units_tabled_count(doc: Document) -> Iterator[Check]:
    for fig in of_kind(doc, "units_tabled"):
        rx = _ROWS_OF_KIND.get(match_form(str(fig.attrs.get("unit_kind") or "")).lower())
        at = (fig.span.page, fig.span.line)
        after = sorted((t for t in doc.tables if (first := _first_line(t)) is not None and first > at),
                       key=_first_line)
        if not after:
            continue
        table = after[0]
        data = table.data_rows()
        first = _first_line(table)
        if rx is not None:
            rows = [r for r in data if rx.match(normalize_ws(match_form(r.label or "")).lower())]
        elif first[0] == at[0] and first[1] - at[1] <= ITEMS_TABLE_GAP:
            # things of no level ("05 điểm", "03 đợt"): the numbered rows of the table right under the sentence
            numbers = [row_number(table, r) for r in data]
            rows = [r for r, n in zip(data, numbers) if n is not None]
            if [row_number(table, r) for r in rows] != list(range(1, len(rows) + 1)):
                continue  # (numbers running on from another table, or groups numbered apart)
        else:
            continue
        if len(rows) < MIN_UNIT_ROWS or len(rows) * 2 < len(data):
            continue
        col = columns_by_meaning(table).get("unit_name", 0)
        yield Check(subject=f"{fig.attrs.get('unit_kind')} in table {table.id}",
                    subject_vi=f"số {fig.attrs.get('unit_kind')} trong bảng {table.id}",
                    claimed=from_figure(fig), computed=Quantity.exact(float(len(rows))), basis="listed",
                    figures=[(doc.doc_id, fig)], cells=cell_refs(table, [(r, col) for r in rows]))


_MONEY_SCALE = re.compile(r"\(\s*(nghin|ngan|trieu|ty)?\s*(?:dong|d|vnd)\s*\)|don vi tinh\s*:?\s*(nghin|ngan|trieu|ty)?\s*(?:dong|d|vnd)\b")
_YEAR_BEFORE = re.compile(r"\bnam\s+((?:19|20)\d\d)\b(?!.*\bnam\s+(?:19|20)\d\d\b)")
MONEY_TEXT_LINES = 12  # lines above a table (its caption included) where the text may state its total


def _money_scale(table: Table) -> float | None:
    """What one unit of a table's figures is worth in đồng, from its caption or unit line (``(nghìn đồng)``)."""
    from pipeline.numbers import SCALES

    for text in (table.caption or "", table.unit or ""):
        m = _MONEY_SCALE.search(normalize_ws(match_form(text)).lower())
        if m:
            word = m.group(1) or m.group(2)
            return float(SCALES.get(word, 1)) if word else 1.0
    # (or every figure column's header: "Kế hoạch (tr.đ) | Thực hiện (tr.đ) | Đạt (%)")
    scales = {m.group(1) for c in table.columns if "%" not in c.header and c.meaning not in ("stt",)
              and (m := _HEAD_MONEY.search(normalize_ws(match_form(c.header)).lower()))}
    if len(scales) == 1 and sum(bool(_HEAD_MONEY.search(normalize_ws(match_form(c.header)).lower()))
                                for c in table.columns) >= 2:
        word = scales.pop()
        return float(SCALES.get({"tr": "trieu"}.get(word, word), 1)) if word else 1.0
    return None


_HEAD_MONEY = re.compile(r"\(\s*(nghin|ngan|trieu|ty|tr)?\s*\.?\s*(?:dong|d|vnd)\s*\)")


@rule("money_total_vs_table", code="A625",
      en="A sum of money the text states in the paragraph right above a table of money with a total row and no years "
         "side by side (Tổng nguồn lực huy động ... là 184.652 triệu đồng ... Chi tiết theo từng nguồn: over Kế hoạch "
         "(tr.đ) | Thực hiện (tr.đ)) is one of the total row's amounts; when none, the result column's (Thực hiện), "
         "within a tenth of it.",
      vi="Tổng số tiền lời văn nêu ngay trên bảng tiền có dòng tổng bằng một ô của dòng tổng (cột thực hiện).")
def money_total_vs_table(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        scale, first = _money_scale(table), _first_line(table)
        totals = table.total_rows()
        if scale is None or first is None or len(totals) != 1 \
                or sum(c.meaning == "year_value" for c in table.columns) >= 2:
            continue
        amounts = {c.index: float(cell.value) * scale for c in table.columns
                   if "%" not in c.header and (m := MEANINGS.get(c.meaning or "")) is not None and not m.percent
                   and not m.text and (cell := totals[0].cell(c.index)) is not None and cell.value is not None}
        done = table.column("received")
        for fig in of_kind(doc, "money"):
            if fig.span is None or fig.span.page != first[0] or not 0 < first[1] - fig.span.line <= MONEY_TEXT_LINES \
                    or fig.attrs.get("per") or "part_of" in fig.attrs or "table" in fig.attrs \
                    or not _right_above(doc, fig, first):
                continue
            col = next((k for k, v in amounts.items() if abs(v - float(fig.value)) < 0.5), None)
            if col is None and done is not None and done.index in amounts \
                    and 0.9 <= float(fig.value) / amounts[done.index] <= 1.1:
                col = done.index
            if col is None:
                continue
            yield Check(subject=f"table {table.id}, {_header(table, col)}: total row vs text",
                        subject_vi=f"bảng {table.id}, cột {_header(table, col)}: dòng tổng so với lời văn",
                        claimed=from_figure(fig), computed=Quantity.exact(amounts[col]), figures=[(doc.doc_id, fig)],
                        basis="table_total", cells=cell_refs(table, [(totals[0], col)]))


def _right_above(doc: Document, fig: Figure, first: tuple[int, int]) -> bool:
    """Whether a figure's line is in the last paragraph before a table's first line (blank lines aside)."""
    lines = [ln for ln in doc.pages[first[0] - 1].lines if fig.span.line <= ln.number < first[1]] \
        if 0 < first[0] <= len(doc.pages) else []
    texts = [ln.best.strip() for ln in lines]
    while texts and not texts[-1]:
        texts.pop()
    return bool(texts) and all(texts)


@rule("money_total_vs_year_column", code="A618",
      en="A sum of money the text states for a year just above a table of money by year (Tổng số tiền vận động năm "
         "2024 là 1.323.800 nghìn đồng over Năm 2023 | Năm 2024) equals that year's column in the total row.",
      vi="Tổng số tiền lời văn nêu cho một năm ngay trên bảng tiền theo năm bằng ô dòng tổng của cột năm đó.")
def money_total_vs_year_column(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        scale, first = _money_scale(table), _first_line(table)
        totals = table.total_rows()
        years = {c.year: c for c in table.columns if c.meaning == "year_value" and c.year is not None}
        if scale is None or first is None or len(totals) != 1 or len(years) < 2:
            continue
        for fig in of_kind(doc, "money"):
            if fig.attrs.get("what") != "total" or fig.span.page != first[0] \
                    or not 0 < first[1] - fig.span.line <= MONEY_TEXT_LINES:
                continue
            line = doc.line(fig.span.page, fig.span.line)
            said = _YEAR_BEFORE.search(match_form(line.best[:fig.span.rest_start if line.restored is not None
                                                             and fig.span.rest_start is not None else fig.span.start]).lower())
            col = years.get(int(said.group(1))) if said else None
            cell = totals[0].cell(col.index) if col is not None else None
            if cell is None or cell.value is None:
                continue
            amount = float(cell.value) * scale
            if not 0.5 <= float(fig.value) / amount <= 2:
                continue  # another sum (a part, a plan) than the table's
            yield Check(subject=f"table {table.id}, {_header(table, col.index)}: total row vs text",
                        subject_vi=f"bảng {table.id}, cột {_header(table, col.index)}: dòng tổng so với lời văn",
                        claimed=from_figure(fig), computed=Quantity.exact(amount), figures=[(doc.doc_id, fig)],
                        basis="table_total", cells=cell_refs(table, [(totals[0], col.index)]))


_CHANGE_HEAD = re.compile(r"\b(?:tang|giam|chenh lech)\b")
_COUNT_THEN_CHANGE = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s+[a-z]+(?:[^.;()%\d]|\.(?=\d)){0,80}?"
                                r"\b(tang|giam)(?:\s+(?:them|len|xuong))?\s+(\d{1,3}(?:\.\d{3})+|\d+)(?!\s*(?:%|[.,]\d))")
CHANGE_TEXT_LINES = 8  # lines above a table where the text may state its total and the total's change


def _change_column(table: Table):
    """A table's column of changes: named so, or headed by a rise or fall no sum is taken of (``Tăng (+), giảm (-)``)."""
    return next((c for c in table.columns if c.meaning == "change_prev_year" or (
        c.meaning is None and _CHANGE_HEAD.search(normalize_ws(match_form(c.header)).lower())
        and not _NOT_SUMMED.search(normalize_ws(match_form(c.header)).lower()))), None)


def _one_way(header: str) -> bool:
    """A column of falls alone (``Giảm``: members who left) or rises alone (``Tăng``, ``Kết nạp mới``), compared with
    nothing: a flow, not the count's net change the text states."""
    form = normalize_ws(match_form(header)).lower()
    return (bool(re.search(r"\btang\b", form)) != bool(re.search(r"\bgiam\b", form))) and "so voi" not in form \
        and not re.search(r"[+±]", header)


@rule("text_change_vs_table", code="A619",
      en="A count and its change the text states just above a table (tuyển mới 9.079 trẻ ..., tăng 73 em) agree with "
         "the table's total row, whose count is the same and whose change column says the change.",
      vi="Số lượng và mức tăng/giảm lời văn nêu ngay trên bảng khớp với dòng tổng của bảng (cùng số lượng, cột tăng/"
         "giảm).")
def text_change_vs_table(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        grand, first = _grand_total(table), _first_line(table)
        change = _change_column(table)
        if grand is None or first is None or change is None or _one_way(change.header):
            continue
        cell = grand.cell(change.index)
        counts = {float(c.value) for c in grand.cells if c.value is not None and c.col != change.index}
        if cell is None or cell.value is None:
            continue
        page = doc.pages[first[0] - 1]
        for line in page.lines:
            if not 0 < first[1] - line.number <= CHANGE_TEXT_LINES or line.restored is not None \
                    and len(line.restored) != len(line.text):
                continue  # (a restored line of another length: its offsets are not the raw line's)
            for m in _COUNT_THEN_CHANGE.finditer(match_form(line.best).lower()):
                count, step = parse_number(m.group(1)), parse_number(m.group(3))
                if count is None or step is None or float(count) not in counts:
                    continue  # a count the total row does not hold: another quantity than the table's
                signed = float(step) if m.group(2) == "tang" else -float(step)
                spans = [Span(first[0], line.number, m.start(k), m.end(k), line.text[m.start(k):m.end(k)])
                         for k in (1, 3)]
                yield Check(subject=f"table {table.id}, {_header(table, change.index)}: total row vs text",
                            subject_vi=f"bảng {table.id}, cột {_header(table, change.index)}: dòng tổng so với lời văn",
                            claimed=Quantity.exact(signed), computed=cell_quantity(cell), figures=[],
                            basis="table_total", cells=cell_refs(table, [(grand, change.index)]), spans=spans)


@rule("text_change_percent_vs_table", code="A622",
      en="A change and its percent the text states (tổng số đối tượng tăng 275 người, tương ứng tăng 4,2%) whose change "
         "is the one a table's total row gives in its change column: the percent is that change over the total row's "
         "count before it (the cell the change is the difference from).",
      vi="Mức tăng/giảm và tỷ lệ % lời văn nêu, khi mức tăng/giảm đúng bằng cột tăng/giảm ở dòng tổng của bảng: tỷ lệ "
         "bằng mức đó chia cho số trước đó ở dòng tổng.")
def text_change_percent_vs_table(doc: Document) -> Iterator[Check]:
    tabled = {(c.span.page, c.span.line) for t in doc.tables for r in t.rows for c in r.cells if c.span is not None}
    read = {(f.span.page, f.span.line, f.span.start) for f in doc.figures if f.span is not None}
    for table in doc.tables:
        grand, change = _grand_total(table), _change_column(table)
        cell = grand.cell(change.index) if grand is not None and change is not None else None
        if cell is None or cell.value is None or not cell.value or _one_way(change.header):
            continue
        # the count the change is from: a cell of the total row left of it that another one exceeds by the change
        others = [c for c in sorted(grand.cells, key=lambda c: c.col) if c.col < change.index and c.value is not None]
        pairs = [(a, b) for k, a in enumerate(others) for b in others[k + 1:]
                 if abs(float(b.value) - float(a.value) - float(cell.value)) < 1e-6]
        if len(pairs) != 1 or not float(pairs[0][0].value):
            continue
        before = pairs[0][0]
        step = abs(float(cell.value))
        for page in doc.pages:
            for line in page.lines:
                if (page.number, line.number) in tabled or line.restored is not None and len(line.restored) != len(line.text):
                    continue
                for m in _CHANGE_THEN_PERCENT.finditer(match_form(line.best).lower()):
                    moved, pct = parse_number(m.group(2)), parse_number(m.group(3))
                    if moved is None or pct is None or abs(float(moved) - step) > 1e-6 \
                            or (m.group(1) == "tang") != (float(cell.value) > 0) \
                            or (page.number, line.number, m.start(3)) in read:
                        continue  # (a percent a family reads as its own figure is checked by its rule)
                    spans = [Span(page.number, line.number, m.start(k), m.end(k), line.text[m.start(k):m.end(k)])
                             for k in (2, 3)]
                    terms = [Quantity.exact(step), cell_quantity(before)]
                    yield Check(subject=f"table {table.id}, {_header(table, change.index)}: change in percent in the text",
                                subject_vi=f"bảng {table.id}, cột {_header(table, change.index)}: tỷ lệ tăng/giảm lời văn nêu",
                                claimed=printed_percent(float(pct), m.group(3)), computed=percent_ratio(*terms),
                                figures=[], basis="rate", terms=terms, spans=spans,
                                cells=cell_refs(table, [(grand, change.index), (grand, before.col)]))


# "tăng 275 người, tương ứng tăng 4,2%": a change and its percent in one clause ("tăng 60 đơn vị, bằng 110,6%" is the
# ratio of the two counts, no change in percent)
_CHANGE_THEN_PERCENT = re.compile(r"\b(tang|giam)(?:\s+(?:them|len|xuong))?\s+(\d{1,3}(?:\.\d{3})+|\d+)(?![.,]?\d)"
                                  r"(?:\s+[a-z]+){0,2}\s*,?\s*\(?\s*(?:(?:tuong\s+ung|tuong\s+duong|tuc|hay)(?: voi| la)?\s+)?"
                                  r"(?:(?:tang|giam)\s+)?(\d{1,3}(?:,\d{1,2})?)\s*%")


# a column that holds a row's whole count ("Cộng", "Tổng số", "Số đơn vị") beside its parts (Rh(D) dương | âm)
_WHOLE_COLUMN = re.compile(r"^\s*(?:cong|tong|tong cong|tong so|so don vi|so luong)\b")
_FIGURE_AFTER_NAME = re.compile(r"^(?:[^.;:\d%()]|\((?=[^)]*\)))*?(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\d.,]*\d)"
                                r"\s*(%|don vi|nguoi|luot|ho|tre)?")
_BOUND_WORDS = re.compile(r"\b(?:tren|duoi|hon|it nhat|toi thieu|phan dau|muc tieu|chi tieu|ke hoach|tu)\s*$")
ROW_NAME_REACH = 70  # characters after a row's name in the text within which its figure stands


def _row_name_pattern(col, label: str) -> re.Pattern | None:
    """How the text names a row: a short name after its column's words (``nhóm máu O`` for row ``O`` under ``Nhóm
    máu``), a longer one by itself (``Khối trường học``)."""
    words = normalize_ws(re.sub(r"[^a-z0-9 ]", " ", match_form(label).lower()))
    head = normalize_ws(re.sub(r"\([^)]*\)|[^a-z ]", " ", match_form(col.header).lower()))
    if not words or re.fullmatch(r"[\d ]+", words):
        return None
    if len(words) <= 3 and not (len(words.split()) == 3 and len(re.findall(r"\b[a-z]{2,}\b", words)) == 3):
        # (three words of letters name a row by themselves: "Tổng đàn bò", "Khối cơ quan")
        if not head:
            return None
        first, *rest = head.split()  # ("nhóm AB": the column's first word names it too)
        more = r"(?:\s+" + r"\s+".join(map(re.escape, rest)) + r")?" if rest else ""
        return re.compile(r"\b" + re.escape(first) + more + r"\s+" + re.escape(words) + r"\b")
    if len(re.findall(r"\b[a-z]{2,}\b", words)) < 2:
        return None  # ("350 ml": a size, no name the text would use for the row alone)
    return re.compile(r"\b" + r"\s+".join(map(re.escape, words.split())) + r"\b(?!\s+tro (?:len|xuong))")


RATE_WORDS_REACH = 60  # characters before a row's name where the text says which of its rates it gives
_RATE_FILLER = frozenset({"ty", "le", "ti", "so", "em", "dat", "nguoi", "cua", "va", "cac", "trong", "tong"})


_PLAN_BASE = re.compile(r"\b(?:du toan|ke hoach|chi tieu|kh|dt|muc tieu)\b")
_PERIOD_BASE = re.compile(r"\b(?:so voi|cung ky|nam truoc|nam (?:19|20)\d\d)\b")


def _bases_differ(header: str, after: str) -> bool:
    """A rate the text writes of one base (``105,3% dự toán``: of the plan) and a column of another (``So với năm
    2023 (%)``: of a year before), or the other way round."""
    said = after.lstrip(" ,:)")[:30]
    plan_said, period_said = _PLAN_BASE.match(said) or _PLAN_BASE.search(said[:12]), _PERIOD_BASE.search(said[:20])
    plan_head, period_head = _PLAN_BASE.search(header), _PERIOD_BASE.search(header)
    return bool(plan_said and period_head and not plan_head or period_said and plan_head and not period_head)


def _rate_named(table: Table, rates: list, text: str):
    """Of a table's rate columns, the one a text names: the only one, or the one whose header's own words (not ``tỷ
    lệ``, ``số``) the words before the figure use (``tỷ lệ đang học thấp nhất là Tịnh Minh (82,13%)`` under ``Đã tốt
    nghiệp / Tỷ lệ`` and ``Đang học / Tỷ lệ``); None when the text names none or several."""
    if len(rates) <= 1:
        return rates[0] if rates else None
    said = set(re.findall(r"[a-z]{3,}", text))

    def words(c) -> set[str]:  # its header's, and the count's beside it (``Đang học | Tỷ lệ %``)
        heads = [c.header] + [table.columns[c.index - 1].header for _ in (0,) if c.index > 0
                              and table.columns[c.index - 1] not in rates]
        return set(re.findall(r"[a-z]{3,}", normalize_ws(match_form(" ".join(heads))).lower())) - _RATE_FILLER

    named = [c for c in rates if words(c) & said]
    return named[0] if len(named) == 1 else None


_CHANGE_AFTER = re.compile(r"^[^.;\d]{0,12}?\b(tang|giam)\s+(\d{1,3}(?:\.\d{3})+|\d+)(?![\d,]|\s*%)")
_PERIOD_HEAD = re.compile(r"(?:19|20)\d\d")
_COMPARED_YEAR = re.compile(r"^[^.;]{0,12}?\bso\s+voi\b[^.;\d]{0,25}?(?:\d{1,2}/\d{1,2}/)?((?:19|20)\d\d)\b")


def _row_change_in_text(table: Table, row: Row, target: Cell, counts: list, line, page_no: int, form: str,
                        end: int) -> Iterator[Check]:
    """After a row's figure the text names (``Tổng đàn bò đạt 19.312 con``), its change (``, tăng 762 con so với
    thời điểm 01/10/2023``) against the row's two cells of two dates or years (``01/10/2023 | 01/10/2024``): the later
    less the earlier."""
    chg = _CHANGE_AFTER.match(form[end:end + 40])
    dated = [c for c in counts if _PERIOD_HEAD.search(_header(table, c.col))]
    if chg is None:
        yield from _row_change_percent_in_text(table, row, target, dated, line, page_no, form, end)
        return
    if len(dated) != 2 or target not in dated or target.col != max(c.col for c in dated):
        return
    before = next(c for c in dated if c is not target)
    named = _COMPARED_YEAR.match(form[end + chg.end():end + chg.end() + 50])
    if named is None or named.group(1) not in _header(table, before.col) \
            or any(c.index != before.col and named.group(1) in _header(table, c.index) for c in table.columns):
        return  # (compared with a year no column, or several, head: "so với năm 2023" beside "TH 2023 | KH 2024")
    step = parse_number(chg.group(2))
    if step is None or before.value is None or target.value is None:
        return
    at = end + chg.start(2)
    signed = float(step) if chg.group(1) == "tang" else -float(step)
    yield Check(subject=f"table {table.id}, {_row_name(row)}: change in text vs row",
                subject_vi=f"bảng {table.id}, {_row_name(row)}: mức tăng/giảm lời văn so với dòng của bảng",
                claimed=Quantity.exact(signed), computed=Quantity.exact(float(target.value) - float(before.value)),
                terms=[cell_quantity(target), cell_quantity(before)], figures=[], basis="difference",
                cells=cell_refs(table, [(row, target.col), (row, before.col)]),
                spans=[Span(page_no, line.number, at, at + len(chg.group(2)), line.text[at:at + len(chg.group(2))])])


_WHOLE_TEXT = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{3})+|\d+)\s*$")


def _unnamed_counts(table: Table, row: Row) -> list[Cell]:
    """The whole numbers of a row under columns no meaning named and no percent heads (``Năm 2023 / Ước TH`` of a
    table of indicators), as cells holding their value."""
    out = []
    for c in row.cells:
        col = table.columns[c.col] if c.col < len(table.columns) else None
        if col is None or col.meaning is not None or c.value is not None or "%" in (col.header or "") \
                or not _WHOLE_TEXT.match(c.best) or c.col == 0:
            continue
        value = parse_number(c.best.strip())
        if isinstance(value, int):
            out.append(replace(c, value=value))
    return out


_CHANGE_PERCENT_AFTER = re.compile(r"^[^.;]{0,40}?\b(tang|giam)\s+(\d{1,3}(?:,\d{1,2})?)\s*%")


def _row_change_percent_in_text(table: Table, row: Row, target: Cell, dated: list, line, page_no: int, form: str,
                                end: int) -> Iterator[Check]:
    """After a row's figure the text names (``Tổng thu từ khách du lịch ước đạt 5.126 tỷ đồng``), its change in
    percent against a year (``, tăng 41,9% so với năm 2022``) = the row's cell of that year's column to the figure's:
    the one column whose header names the year, the figure's not."""
    chg = _CHANGE_PERCENT_AFTER.match(form[end:end + 60])
    if chg is None or target not in dated:
        return
    named = _COMPARED_YEAR.match(form[end + chg.end():end + chg.end() + 50])
    if named is None or named.group(1) in _header(table, target.col):
        return
    befores = [c for c in dated if c is not target and named.group(1) in _header(table, c.col)]
    if len(befores) != 1:
        return  # (no column of amounts of that year, or several)
    before = befores[0]
    step = parse_number(chg.group(2))
    ratio = percent_ratio(cell_quantity(target), cell_quantity(before)) if before.value else None
    if step is None or ratio is None:
        return
    sign = 1 if chg.group(1) == "tang" else -1
    computed = Quantity(sign * (ratio.lo - 100), sign * (ratio.hi - 100), sign * (ratio.nominal - 100), ratio.qualifier,
                        True)
    if sign < 0:
        computed = Quantity(computed.hi, computed.lo, computed.nominal, computed.qualifier, True)
    at = end + chg.start(2)
    yield Check(subject=f"table {table.id}, {_row_name(row)}: change in percent in text vs row",
                subject_vi=f"bảng {table.id}, {_row_name(row)}: tỷ lệ tăng/giảm lời văn so với dòng của bảng",
                claimed=printed_percent(float(step), chg.group(2)), computed=computed,
                terms=[cell_quantity(before), cell_quantity(target)], figures=[], basis="change",
                cells=cell_refs(table, [(row, target.col), (row, before.col)]),
                spans=[Span(page_no, line.number, at, at + len(chg.group(2)), line.text[at:at + len(chg.group(2))])])


@rule("table_row_named_in_text", code="A620",
      en="A figure the text gives for a table row it names by the row's name (Nhóm máu O chiếm tỷ lệ cao nhất với "
         "3.521 đơn vị, under a table by blood group) equals that row's cell: its percent, or its count (the row's "
         "whole where the row has parts).",
      vi="Số liệu lời văn nêu cho một dòng của bảng, gọi đúng tên dòng (Nhóm máu O ... 3.521 đơn vị), bằng ô của dòng "
         "đó: tỷ lệ, hoặc số lượng (cột tổng của dòng khi dòng có các phần).")
def table_row_named_in_text(doc: Document) -> Iterator[Check]:
    in_tables = {ln for t in doc.tables for r in t.rows for c in r.cells for ln in c.lines}
    prose = [(page.number, line) for page in doc.pages for line in page.lines
             if (page.number, line.number) not in in_tables
             and not (line.restored is not None and len(line.restored) != len(line.text))]
    for table in doc.tables:
        names = next((c for c in table.columns if c.meaning in ("unit_name", "blood_group", "indicator")
                      or (c.meaning is None and all(o.meaning == "stt" for o in table.columns[:c.index]))), None)
        rates = [c for c in table.columns if MEANINGS.get(c.meaning or "") is not None and MEANINGS[c.meaning].percent]
        rate = rates[0] if rates else None
        if names is None:
            continue
        for row in table.data_rows():
            cell = row.cell(names.index)
            if row.place_code or cell is None or not cell.best.strip():
                continue  # (a unit's row: A608)
            pattern = _row_name_pattern(names, cell.best)
            if pattern is None:
                continue
            counts = [c for c in row.cells if isinstance(c.value, int) and c.col != names.index
                      and table.columns[c.col].meaning != "stt" and not (rate is not None and c.col == rate.index)]
            counts += _unnamed_counts(table, row)
            whole = [c for c in counts if _WHOLE_COLUMN.match(normalize_ws(match_form(_header(table, c.col))).lower())]
            whole = whole if len(whole) == 1 else counts if len(counts) == 1 else []
            for page_no, line in prose:
                form = match_form(line.best).lower()
                for m in pattern.finditer(form):
                    fig = _FIGURE_AFTER_NAME.match(form[m.end():m.end() + ROW_NAME_REACH])
                    if fig is None:
                        continue
                    value, percent = parse_number(fig.group(1)), fig.group(2) == "%"
                    rate = _rate_named(table, rates, form[max(0, m.start() - RATE_WORDS_REACH):m.end() + fig.start(1)])
                    if percent and rate is not None and _bases_differ(
                            normalize_ws(match_form(_header(table, rate.index))).lower(),
                            form[m.end() + fig.end():m.end() + fig.end() + RATE_WORDS_REACH]):
                        continue  # "đạt 105,3% dự toán" against a column "So với năm 2023 (%)": another base
                    target = row.cell(rate.index) if percent and rate is not None else \
                        None if percent else next((c for c in counts if c.value == value), None) or \
                        (whole[0] if whole and fig.group(2) else None)
                    if value is None or target is None or target.value is None or target.value \
                            and not FAR_OFF[0] <= value / float(target.value) <= FAR_OFF[1] \
                            or _BOUND_WORDS.search(form[max(0, m.end() + fig.start(1) - 25):m.end() + fig.start(1)]):
                        continue  # (a figure far from the row's: another quantity of the row, "1.200 người hiến lần
                        # đầu", a goal, "đạt trên 95%")
                    at = m.end() + fig.start(1)
                    span = Span(page_no, line.number, at, at + len(fig.group(1)), line.text[at:at + len(fig.group(1))])
                    yield Check(subject=f"table {table.id}, {_row_name(row)}, {_header(table, target.col)}: row vs text",
                                subject_vi=f"bảng {table.id}, {_row_name(row)}, {_header(table, target.col)}: dòng "
                                           "của bảng so với lời văn",
                                claimed=Quantity.exact(float(value)), computed=cell_quantity(target, percent),
                                figures=[], basis="table_row", cells=cell_refs(table, [(row, target.col)]),
                                spans=[span])
                    yield from _row_change_in_text(table, row, target, counts, line, page_no,
                                                   form, m.end() + fig.end())


_AREA_HEAD = re.compile(r"^\s*(?:tong )?dien tich\b")
_YIELD_HEAD = re.compile(r"^\s*nang suat\b")
_OUTPUT_HEAD = re.compile(r"^\s*(?:tong )?san luong\b")
_DONE_HEAD = re.compile(r"\b(?:thuc hien|th|uoc th|uoc thuc hien|ket qua)\b")
_DECIMAL_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{3})*(?:,(\d+))?)\s*$")
_PER_AREA = {"ta/ha": 0.1, "tan/ha": 1.0, "kg/ha": 0.001}  # to tonnes of output per hectare


def _printed(text: str) -> Quantity | None:
    """A number as printed, with the half of its last digit either side (``482,8``: 482,75 to 482,85)."""
    m = _DECIMAL_NUMBER.match(text or "")
    if m is None or (v := parse_number(m.group(1))) is None:
        return None
    half = 0.5 * 10 ** -len(m.group(2) or "")
    return Quantity(float(v) - half, float(v) + half, float(v), "range")


def _header_forms(table: Table) -> list[str]:
    """Each column's header in match form, spaces collapsed, lower case."""
    return [normalize_ws(match_form(c.header or "")).lower() for c in table.columns]


@rule("named_parts_total", code="A627",
      en="A total the text writes with its parts named in brackets (Tổng sản lượng lương thực có hạt (gồm lúa và ngô) đạt "
         "4.787,3 tấn) equals the sum of the table rows named so, in the column of its unit (Sản lượng (tấn)).",
      vi="Tổng số lời văn ghi kèm tên các phần trong ngoặc bằng tổng các dòng của bảng mang tên đó, ở cột cùng đơn vị.")
def named_parts_total(doc: Document) -> Iterator[Check]:
    for stated in of_kind(doc, "named_total"):
        names = [n for n in str(stated.attrs.get("parts") or "").split("; ") if n]
        unit = str(stated.attrs.get("unit_word") or "")
        measure = str(stated.attrs.get("measure") or "").split()
        found = []
        for table in doc.tables:
            heads = _header_forms(table)
            # the column in the total's unit ("Sản lượng (tấn)"), the one whose words the total's measure shares
            cols = [j for j, h in enumerate(heads) if re.search(rf"\(\s*{re.escape(unit)}\s*\)", h)
                    and not re.search(r"\b(?:19|20)\d\d\b|\bnam truoc\b|\bcung ky\b", h)]
            cols = [j for j in cols if any(w in heads[j].split() for w in measure)] or cols
            if len(cols) != 1:
                continue
            rows = []
            for name in names:
                named = [r for r in table.data_rows()
                         if re.match(rf"\W*(?:\d+[.)]\s*)?{re.escape(name)}\b", normalize_ws(match_form(r.label or "")).lower())]
                if len(named) > 1:  # "Lúa cả năm" over "- Lúa vụ xuân", "- Lúa vụ mùa": the row its parts do not break down
                    named = [r for r in named if r.part_of is None and not re.match(r"\W*[-+•]", r.label or "")]
                if len(named) != 1:
                    break
                rows.append(named[0])
            if len(rows) == len(names):
                found.append((table, cols[0], rows))
        if len(found) != 1:
            continue
        table, col, rows = found[0]
        cells = [r.cell(col) for r in rows]
        values = [_printed(c.best) if c is not None else None for c in cells]
        if any(v is None for v in values):
            continue
        yield Check(subject=f"{stated.label}: total of table {table.id}'s rows {', '.join(_row_name(r) for r in rows)}",
                    subject_vi=f"{stated.label}: tổng các dòng {', '.join(_row_name(r) for r in rows)} của bảng {table.id}",
                    claimed=from_figure(stated), computed=total(values), figures=[(doc.doc_id, stated)], basis="sum",
                    terms=[Quantity.exact(v.nominal) for v in values], cells=cell_refs(table, [(r, col) for r in rows]))


@rule("table_area_yield_output", code="A626",
      en="In a table of crops (Diện tích (ha) | Năng suất (tạ/ha) | Sản lượng (tấn)), each row's output equals its area "
         "times its yield (tạ/ha to tonnes: divided by 10), within the rounding of the three numbers as printed.",
      vi="Trong bảng cây trồng, sản lượng của mỗi dòng bằng diện tích nhân năng suất (tạ/ha quy ra tấn: chia 10), trong "
         "phạm vi làm tròn của các số đã ghi.")
def table_area_yield_output(doc: Document) -> Iterator[Check]:
    for table in doc.tables:
        heads = _header_forms(table)
        areas = [j for j, h in enumerate(heads) if _AREA_HEAD.match(h)]
        yields = [j for j, h in enumerate(heads) if _YIELD_HEAD.match(h)]
        outputs = [j for j, h in enumerate(heads) if _OUTPUT_HEAD.match(h)]
        if len(yields) != 1 or len(outputs) != 1 or not areas:
            continue
        done = [j for j in areas if _DONE_HEAD.search(heads[j].split("/")[-1])]
        area = done[0] if len(done) == 1 else areas[0] if len(areas) == 1 else None
        unit_col = table.column("measure_unit")
        if area is None:
            continue
        out_unit = "ta" if re.search(r"\(\s*ta\s*\)", heads[outputs[0]]) else "tan"
        for row in table.data_rows():
            per = re.search(r"(ta|tan|kg)\s*/\s*ha", heads[yields[0]])
            if per is None and unit_col is not None and (u := row.cell(unit_col.index)) is not None:
                per = re.search(r"(ta|tan|kg)\s*/\s*ha", match_form(u.best).lower())
            cells = [row.cell(j) for j in (area, yields[0], outputs[0])]
            if per is None or any(c is None for c in cells):
                continue
            a, y, o = (_printed(c.best) for c in cells)
            if a is None or y is None or o is None or not a.nominal or not y.nominal:
                continue
            factor = _PER_AREA[f"{per.group(1)}/ha"] * (10 if out_unit == "ta" else 1)
            half = (o.hi - o.lo) / 2  # (the output's own rounding)
            computed = Quantity(a.lo * y.lo * factor - half, a.hi * y.hi * factor + half,
                                round(a.nominal * y.nominal * factor, 6), "range")
            yield Check(subject=f"table {table.id}, {_row_name(row)}: {_header(table, outputs[0])} = "
                                f"{_header(table, area)} x {_header(table, yields[0])}",
                        subject_vi=f"bảng {table.id}, dòng {row.index}: sản lượng = diện tích x năng suất",
                        claimed=Quantity.exact(o.nominal), computed=computed, figures=[], basis="area_yield",
                        terms=[Quantity.exact(a.nominal), Quantity.exact(y.nominal)],
                        cells=cell_refs(table, [(row, outputs[0]), (row, area), (row, yields[0])]))
