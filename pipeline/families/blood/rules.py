"""Blood donation rules: a year's (or a plan's) total against its drives, percent of plan, drives listed.

Registered with ``family="blood"``: they apply to documents of the blood-donation family only.
"""

from __future__ import annotations

import math
import re
from typing import Iterator

from pipeline.audit.figures import (
    drive_of, first_by_drive, group, is_plan, line_words, listed_drives, nearest_first, of_kind, position,
    stated_drive_count, months_in_digits, part_of_year, part_words, year_of,
)
from pipeline.audit.messages import kind_words
from pipeline.audit.quantities import Quantity, from_figure, percent_ratio, total
from pipeline.audit.registry import Check, rule
from pipeline.audit.rules import parts_check, written_sums, year_words
from pipeline.model import Document, Figure
from pipeline.text import match_form, normalize_ws

FAMILY = "blood"
_DATED = re.compile(r"\b\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?\b")  # a cell that holds a date


def _drive_sums(doc: Document, kind: str, plan: bool | None, step: str | None = None) -> Iterator[Check]:
    """A year's total of ``kind`` (drive_no None) against the sum over its drives (drive_no set); of screening, of
    one ``step`` of it."""
    what = kind_words(kind) if step is None else (f"people {step}", f"số người {_STEP_WORDS.get(step, step)}")
    figs = [f for f in of_kind(doc, kind) if (plan is None or is_plan(f) == plan) and not f.attrs.get("about")
            and (step is None or f.attrs.get("step") == step)]
    for (year, is_planned), figures in group(figs, lambda f: (year_of(f), is_plan(f))).items():
        totals = [f for f in figures if drive_of(f) is None and "part_of" not in f.attrs  # a part is no year's
                  and not f.attrs.get("total_row")]  # (a table's total row against its rows: the table rules')
        parts = first_by_drive(f for f in figures if drive_of(f) is not None)
        if not totals or not parts:
            continue
        expected = listed_drives(doc, year, is_planned) | set(range(1, (stated_drive_count(doc, year, is_planned) or 0) + 1))
        # a table of drives has a drive in each of its rows that is numbered or dated, also one whose number OCR
        # lost or moved (a total row OCR garbled is neither)
        for table in doc.tables:
            if any(f.attrs.get("table") == table.id for f in parts.values()):
                drives = [r for r in table.data_rows() if any(_DATED.search(c.best) for c in r.cells)
                          or any(isinstance(c.value, int) and table.columns[c.col].meaning == "drive_no" for c in r.cells)]
                expected |= set(range(1, len(drives) + 1))
        missing = [f"đợt {d}" for d in sorted(expected - parts.keys())]
        if len(parts) == 1 and (len(missing) > 1 or not missing and stated_drive_count(doc, year, is_planned) is None):
            continue  # one drive's figure of many ("chỉ tiêu của đợt (40 đơn vị)"), or of drives nobody counted
            # ("qua 2 đợt (đợt 1: 300 đơn vị, dét 2: 350)" with the second mark garbled): no breakdown of the year's
        y_en, y_vi = year_words(year, is_planned)
        if _drives_added(doc, list(parts.values())):
            continue  # "Từ tháng 7 ..., huyện tổ chức thêm 04 đợt:": the drives after an amount already reported
        if len(totals) > 1 and len(around := _around_drives(totals, list(parts.values()))) == 1:
            totals = around  # "Quý II, ... tiếp nhận 571 đơn vị:" over its drives, and "Sau 6 tháng, ... 1.033 đơn vị"
            # (the months so far, the earlier quarter's drives not listed here): the drives add up to the one by them
        summed_all = sum(f.value for f in parts.values() if isinstance(f.value, (int, float)))
        if len({f.value for f in totals}) > 1 and any(f.value == summed_all for f in totals) and not missing:
            totals = [f for f in totals if f.value == summed_all]  # "tỉnh giao 1.200", "huyện phấn đấu 1.250" over
            # drives of 1.250: the drives share the one they add up to; the other is another body's quota
        for claim in totals:
            if written_sums(doc, claim):
                continue  # "659 đơn vị (612 + 47)": the text says what it is made of (A309 checks it)
            summed = sum(f.value for f in parts.values() if isinstance(f.value, (int, float)))
            if isinstance(claim.value, (int, float)) and claim.value < summed / 2 \
                    and _OUTSIDE.search(line_words(doc, claim)):
                continue  # "9 đơn vị máu hiến khẩn cấp tại Bệnh viện ... không tính vào kết quả": beside the drives
            extra = _outside_drives(doc, claim, summed)
            if extra is not None and not missing:
                yield parts_check(doc, claim, [parts[d] for d in sorted(parts)] + [extra],
                                   (f"{what[0]} {y_en} = sum of drives and those outside them",
                                    f"{what[1]} {y_vi} = tổng các đợt và ngoài đợt"))
                continue
            if not missing and any(f.attrs.get("part_of") == claim.id and f.value == summed for f in doc.figures):
                continue  # "4.326 đơn vị (bao gồm 2.918 ... lưu động và 1.408 ... cố định)": the drives are the part
                # the text names, not the whole
            yield parts_check(doc, claim, [parts[d] for d in sorted(parts)],
                               (f"{what[0]} {y_en} = sum of drives", f"{what[1]} {y_vi} = tổng các đợt"),
                               missing=missing)


# given outside the drives: in an emergency, at the hospital, one by one ("23 người hiến máu khẩn cấp tại Bệnh viện")
_OUTSIDE = re.compile(r"\b(?:khan cap|dot xuat|cap cuu|ngoai (?:cac |nhung )?(?:dot|chuong trinh)|hien (?:mau )?le|"
                      r"tai (?:cac )?benh vien|tai (?:trung tam|khoa))\b")


def _outside_drives(doc: Document, claim: Figure, summed: float) -> Figure | None:
    """A figure of the same kind the text gives as outside the drives (``trong đó có 23 người hiến máu khẩn cấp
    tại Bệnh viện ngoài các đợt trên``) that makes up the year's total with the drives' sum: the year's other part."""
    if not isinstance(claim.value, (int, float)):
        return None
    for f in of_kind(doc, claim.kind):
        if f is claim or year_of(f) != year_of(claim) or drive_of(f) is not None or not isinstance(f.value, (int, float)) or f.span is None:
            continue
        if math.isclose(f.value, claim.value - summed) and f.value > 0:
            words = line_words(doc, f)
            if _OUTSIDE.search(words):
                return f
    return None


_MORE_DRIVES = re.compile(r"\bthem\s+(?:\d{1,2}|hai|ba|bon|nam|sau)\s+dot\b")


def _drives_added(doc: Document, parts: list[Figure]) -> bool:
    """The drives are listed as more than those of an amount reported before (``tổ chức thêm 04 đợt:`` on the line
    of the first drive or the two above it): their sum is no period's total."""
    first = min(parts, key=position)
    page = doc.pages[first.span.page - 1] if 0 < first.span.page <= len(doc.pages) else None
    if page is None:
        return False
    lines = [ln for ln in page.lines if first.span.line - 2 <= ln.number <= first.span.line]
    return any(_MORE_DRIVES.search(match_form(ln.best).lower()) for ln in lines)


DRIVES_REACH = 3  # lines before the first drive's figure or after the last one's where the drives' own total stands


def _around_drives(totals: list[Figure], parts: list[Figure]) -> list[Figure]:
    """The totals that stand just before the drives' figures or just after them (within ``DRIVES_REACH`` lines)."""
    first, last = min(position(f) for f in parts), max(position(f) for f in parts)
    return [f for f in totals if f.span is not None and (
        f.span.page == first[0] and 0 <= first[1] - f.span.line <= DRIVES_REACH and position(f) < first
        or f.span.page == last[0] and 0 <= f.span.line - last[1] <= DRIVES_REACH and position(f) > last)]


@rule("units_sum_drives", code="A101", family=FAMILY,
      en="A year's units of blood received equal the sum of its drives' units received.",
      vi="Số đơn vị máu tiếp nhận cả năm bằng tổng số tiếp nhận của các đợt.")
def units_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "units_received", plan=None)


@rule("quota_sum_drives", code="A102", family=FAMILY,
      en="A year's quota (chỉ tiêu) equals the sum of its drives' quotas.",
      vi="Chỉ tiêu cả năm bằng tổng chỉ tiêu của các đợt.")
def quota_sum_drives(doc: Document) -> Iterator[Check]:
    if part_of_year(doc):
        return  # a six months' report: the year's quota, its drives of the months so far
    yield from _drive_sums(doc, "units_quota", plan=False)


@rule("participants_sum_drives", code="A103", family=FAMILY,
      en="A year's participants (lượt người) equal the sum over its drives.",
      vi="Số lượt người tham gia cả năm bằng tổng của các đợt.")
def participants_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "participants", plan=None)


_STEP_WORDS = {"registered": "đăng ký", "came": "đến", "absent": "vắng", "deferred": "không đủ điều kiện",
               "gave": "hiến được"}


@rule("screening_sum_drives", code="A117", family=FAMILY,
      en="A period's count of people at one step of the screening (registered, deferred, gave) equals the sum of its "
         "drives' counts at that step (Tổng số người đăng ký hiến máu 6 tháng là 968 người, over drives of 512 and 465).",
      vi="Số người ở một bước sàng lọc (đăng ký, không đủ điều kiện, hiến được) của cả kỳ bằng tổng số của các đợt.")
def screening_sum_drives(doc: Document) -> Iterator[Check]:
    for step in _STEP_WORDS:
        yield from _drive_sums(doc, "screening", plan=None, step=step)


CUMULATIVE = "lũy kế"  # the ``about`` of a running total (``Lũy kế từ đầu năm ... 555 đơn vị``)


_SAME_PERIOD = re.compile(r"\bcung\s*ky\b")
_LEVEL_WORD = re.compile(r"^(?:xa|phuong|thi tran|thi xa|huyen|thanh pho|tinh|quan)\b", re.IGNORECASE)
_ASIDE_OPENS = re.compile(r"\(\s*trong do\b")


def _bodies_in_an_aside(doc: Document, claim: Figure, parts: list[Figure]) -> bool:
    """Parts named as bodies (``Công an huyện``, not a unit of the gazetteer) in brackets opened ``(trong đó`` after
    the amount on its line: some of its contributors, maybe not all."""
    if claim.span is None or any(f.span is None or (f.span.page, f.span.line) != (claim.span.page, claim.span.line)
                                 for f in parts):
        return False
    line = next((ln for pg in doc.pages if pg.number == claim.span.page for ln in pg.lines
                 if ln.number == claim.span.line), None)
    if line is None:
        return False
    between = match_form(line.text[claim.span.end:min(f.span.start for f in parts)]).lower()
    return bool(_ASIDE_OPENS.search(between)) and all(
        str(f.attrs.get("about") or "")[:1].isupper() and not f.attrs.get("place_code")
        and not _LEVEL_WORD.match(match_form(str(f.attrs.get("about") or ""))) for f in parts)


def about_key(f: Figure):
    """What a figure is about, comparable across the ways the text writes it: the unit's gazetteer code when it
    was linked, else its words' match form (``huyện Mường Tè`` and ``Huyện Mường Tè`` are one unit); None for the
    period's own figure."""
    about = f.attrs.get("about")
    if about is None:
        return None
    if f.attrs.get("place_code"):
        return "place:" + str(f.attrs["place_code"])
    if about == CUMULATIVE:
        return CUMULATIVE
    # "Sáu tháng đầu năm" and "6 tháng đầu năm": one period
    return months_in_digits(match_form(str(about)).lower())


NAMED_PART_REACH = 60  # characters before a rate where the words of the part it is of may stand ("tại các đợt đạt")


@rule("percent_of_plan", code="A104", family=FAMILY,
      en="Percent of plan equals units received / quota, allowing for the report's own rounding.",
      vi="Tỷ lệ % kế hoạch bằng số tiếp nhận / chỉ tiêu, chấp nhận cách làm tròn của báo cáo.")
def percent_of_plan(doc: Document) -> Iterator[Check]:
    def same_key(f: Figure, p: Figure, about=None) -> bool:
        return (year_of(f) == year_of(p) and drive_of(f) == drive_of(p) and not is_plan(f)
                and ("part_of" not in f.attrs or p.attrs.get("about"))  # a part is no period's own amount
                and about_key(f) in ({about_key(p)} | about if about else {about_key(p)}))

    for pct in of_kind(doc, "percent_of_plan"):
        # several amounts of the same year: on the rate's line the last before it, else the first after it
        received = nearest_first(pct, [f for f in of_kind(doc, "units_received") if same_key(f, pct)])
        # a running total's rate is of the year's quota
        year_quota = {None} if about_key(pct) == CUMULATIVE else None
        quota = nearest_first(pct, [f for f in of_kind(doc, "units_quota") if same_key(f, pct, year_quota)])
        if pct.attrs.get("quota_of") == "year":  # "bằng 25,7% chỉ tiêu cả năm": the year's, no part's
            quota = [f for f in quota if "part_of" not in f.attrs]
        elif pct.attrs.get("quota_of") == "period" and (words := part_of_year(doc)):
            # "đạt 102,7% chỉ tiêu quý" in a quarter's report: the quarter's quota ("trong đó quý I là 450 đơn vị")
            words = re.split(r"\s+nam\b", words)[0].strip()
            quota = nearest_first(pct, [f for f in of_kind(doc, "units_quota") if year_of(f) == year_of(pct)
                                        and not is_plan(f) and words and str(about_key(f) or "").startswith(words)])
        elif pct.attrs.get("quota_of") == "period" and not pct.attrs.get("about") and (months := [
                f for f in of_kind(doc, "units_quota") if year_of(f) == year_of(pct) and not is_plan(f)
                and part_words(str(f.attrs.get("about") or "")) and f.span is not None and pct.span is not None
                and f.span.page == pct.span.page and abs(f.span.line - pct.span.line) <= 1]):
            quota = nearest_first(pct, months)  # "đạt 114,7% chỉ tiêu 6 tháng (760 đơn vị)" in a year's report
        elif pct.attrs.get("quota_of") == "period" and not pct.attrs.get("about") and not part_of_year(doc):
            quota = []  # "bằng 104,5% kế hoạch học kỳ II" in a year's report that gives no such quota: not the year's
        where_en = f"drive {drive_of(pct)} " if drive_of(pct) is not None else ""
        where_vi = f"đợt {drive_of(pct)} " if drive_of(pct) is not None else ""
        y_en, y_vi = year_words(year_of(pct), False)
        check = Check(
            subject=f"percent of plan {where_en}{y_en}", subject_vi=f"tỷ lệ % kế hoạch {where_vi}{y_vi}",
            claimed=from_figure(pct), computed=None, basis="ratio",
            figures=[(doc.doc_id, f) for f in [pct] + received[:1] + quota[:1]],
        )
        if not received or not quota:
            check.reason = "missing_part"
            absent = [(en, vi) for en, vi, fs in (("units received", "số tiếp nhận", received),
                                                  ("quota", "chỉ tiêu", quota)) if not fs]
            check.reason_detail = (" and ".join(en for en, _ in absent), " và ".join(vi for _, vi in absent))
        else:
            # "gồm 7.665 đơn vị tại các đợt ... và 214 đơn vị hiến máu khẩn cấp", then "kết quả tại các đợt đạt 48,2% kế
            # hoạch năm": the rate of the part its line names, not of the total
            words = line_words(doc, pct)[:pct.span.start][-NAMED_PART_REACH:] if pct.span is not None else ""
            words = words[max(words.rfind(c) for c in "),;") + 1:]  # the rate's own clause, no aside before it
            # ("(72 đơn vị loại 350 ml và 39 đơn vị loại 250 ml, ...), đạt 123,3%": the whole's rate)
            named = [f for f in of_kind(doc, "units_received") if f.attrs.get("part_of") == received[0].id
                     and len(key := " ".join(match_form(str(f.attrs.get("about") or "")).lower().split()[:3])) > 4
                     and key in words]
            if len(named) == 1:
                received = named
            r = from_figure(received[0])
            # several quotas of the year (one revised: "đạt 102,4% chỉ tiêu điều chỉnh; ... giao ban đầu (500 đơn
            # vị) thì đạt 94,2%"): the nearest, unless another one the report gives is the one the rate is of
            fits = False
            for k, quota_fig in enumerate(sorted(quota, key=lambda f: f is not quota[0])):
                q = from_figure(quota_fig)
                if r is None or q is None or (computed := percent_ratio(r, q)) is None:
                    continue
                fits = check.claimed is not None and computed.lo - 1e-9 <= check.claimed.hi \
                    and check.claimed.lo <= computed.hi + 1e-9
                if k == 0 or fits:
                    check.terms, check.computed = [r, q], computed
                    check.figures = [(doc.doc_id, f) for f in (pct, received[0], quota_fig)]
                if fits:
                    break
            if not fits and r is not None and drive_of(pct) is None:
                _quota_of_a_table(doc, check, r)  # "đạt 70,5% chỉ tiêu huyện giao": the quota only its table totals
        yield check


def _quota_of_a_table(doc: Document, check: Check, received: Quantity) -> None:
    """A rate of a quota the text never gives but a table's total row does (``Tổng cộng | 800 | 640 | 546``): the
    check made against that cell when the rate fits it, the text's quota not."""
    from pipeline.audit.table_rules import cell_quantity, cell_refs

    for table in doc.tables:
        col, totals = table.column("quota"), table.total_rows()
        if col is None or len(totals) != 1 or (cell := totals[0].cell(col.index)) is None or cell.value is None:
            continue
        q = cell_quantity(cell)
        computed = percent_ratio(received, q) if q is not None else None
        if computed is not None and check.claimed is not None and computed.lo - 1e-9 <= check.claimed.hi \
                and check.claimed.lo <= computed.hi + 1e-9:
            check.terms, check.computed = [received, q], computed
            check.figures = check.figures[:2]
            check.cells = cell_refs(table, [(totals[0], col.index)])
            return


@rule("plan_quota_sum_drives", code="A105", family=FAMILY,
      en="Next year's planned quota equals the sum of its planned drives' quotas.",
      vi="Chỉ tiêu kế hoạch năm sau bằng tổng chỉ tiêu các đợt dự kiến.")
def plan_quota_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "units_quota", plan=True)


@rule("drive_count_listed", code="A106", family=FAMILY, severity="warning",
      en="The number of drives (đợt) stated equals the number of drives the report lists.",
      vi="Số đợt đã nêu bằng số đợt được liệt kê trong báo cáo.")
def drive_count_listed(doc: Document) -> Iterator[Check]:
    counts = of_kind(doc, "drive_count")
    # two counts of one sentence, no part's ("tham gia 03 đợt hiến máu do thành phố tổ chức và tự tổ chức 01 đợt"):
    # the year's drives are both together
    together: dict[tuple, list[Figure]] = {}
    for c in counts:
        if not c.attrs.get("about") and c.span is not None:
            together.setdefault((c.span.page, c.span.line, year_of(c), is_plan(c)), []).append(c)
    for count in counts:
        mates = together.get((count.span.page, count.span.line, year_of(count), is_plan(count)), []) \
            if count.span is not None and not count.attrs.get("about") else []
        if len(mates) >= 2 and count is not mates[0]:
            continue
        listed = listed_drives(doc, year_of(count), is_plan(count))
        if count.attrs.get("about"):
            # a part of the year's drives ("Quý I, Hội tổ chức 01 đợt"): those listed held in its months, when the
            # days of all are known
            listed = _held_within(doc, listed, str(count.attrs["about"]), year_of(count), is_plan(count))
        if not listed:
            continue
        y_en, y_vi = year_words(year_of(count), is_plan(count))
        both = len(mates) >= 2 and all(from_figure(c) is not None for c in mates)
        check = Check(
            subject=f"number of drives {y_en}", subject_vi=f"số đợt {y_vi}",
            claimed=total([from_figure(c) for c in mates]) if both else from_figure(count),
            computed=Quantity.exact(len(listed)), basis="count",
            figures=[(doc.doc_id, c) for c in (mates if both else [count])],
        )
        if check.claimed is not None and check.claimed.is_exact and len(listed) < check.claimed.nominal \
                and not _listed_in_full(doc, count, listed):
            check.reason, check.reason_detail = "fewer_listed", ", ".join(f"đợt {d}" for d in sorted(listed))
        yield check


TABLE_AFTER_LINES = 3  # lines between a count of drives ending on its colon and the table that lists them


def _tabled_in_full(doc: Document, count: Figure, listed: set[int]) -> bool:
    """The drives listed are the rows of one table closed by a total row, right under the count's sentence ending on
    its colon (``tổ chức 05 đợt hiến máu tập trung, cụ thể:`` over ``Đợt | Ngày | ...`` and ``Tổng``): all of them."""
    dates = [f for f in of_kind(doc, "drive_date") if drive_of(f) in listed and year_of(f) == year_of(count)]
    tables = {f.attrs.get("table") for f in dates}
    if len(tables) != 1 or None in tables or {drive_of(f) for f in dates} != listed:
        return False
    table = next((t for t in doc.tables if t.id == tables.pop()), None)
    first = min((c.span.line for r in table.rows for c in r.cells if c.span and c.span.page == count.span.page),
                default=None) if table is not None else None
    line = doc.line(count.span.page, count.span.line).best.rstrip()
    return first is not None and bool(table.total_rows()) and line.endswith(":") \
        and 0 < first - count.span.line <= TABLE_AFTER_LINES


def _listed_in_full(doc: Document, count: Figure, listed: set[int]) -> bool:
    """The drives listed make up the period's whole units received (``3 đợt`` over two drives of 27 and 31 units
    and a year of 58), or the rows of a table closed by its total (``_tabled_in_full``): no drive left unlisted, so
    fewer drives than the count say the count is wrong."""
    if _tabled_in_full(doc, count, listed):
        return True
    year, plan = year_of(count), is_plan(count)
    if count.attrs.get("about"):
        return False
    units = first_by_drive(f for f in of_kind(doc, "units_received") if year_of(f) == year and is_plan(f) == plan
                           and drive_of(f) in listed and not f.attrs.get("about"))
    totals = {f.value for f in of_kind(doc, "units_received") if year_of(f) == year and is_plan(f) == plan
              and drive_of(f) is None and not f.attrs.get("about") and "part_of" not in f.attrs}
    return set(units) == listed and len(totals) == 1 and sum(f.value for f in units.values()) == totals.pop()


_MONTHS_OF_PART = ((re.compile(r"^(?:quy|qui)\s+(i{1,3}|iv|[1-4])$"), None),
                   (re.compile(r"^(?:6|sau) thang dau$"), (1, 6)), (re.compile(r"^(?:6|sau) thang cuoi$"), (7, 12)),
                   (re.compile(r"^(?:9|chin) thang dau$"), (1, 9)), (re.compile(r"^thang (\d{1,2})$"), None))
_QUARTER_NO = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _held_within(doc: Document, listed: set[int], part: str, year, plan: bool) -> set[int]:
    """The drives of ``listed`` held in the months ``part`` names (``quý I``, ``6 tháng cuối``, ``tháng 3``); none
    when the months are not known or some listed drive has no day."""
    words = normalize_ws(match_form(part).lower())
    months = None
    for pattern, fixed in _MONTHS_OF_PART:
        if (m := pattern.match(words)) is not None:
            if fixed is not None:
                months = fixed
            elif words.startswith("thang"):
                months = (int(m.group(1)), int(m.group(1)))
            else:
                q = _QUARTER_NO[m.group(1)]
                months = (3 * q - 2, 3 * q)
            break
    days = {}
    for f in of_kind(doc, "drive_date"):
        if year_of(f) == year and is_plan(f) == plan and drive_of(f) is not None:
            days.setdefault(drive_of(f), str(f.value))
    if months is None or not listed or not listed <= days.keys():
        return set()
    return {d for d in listed if re.match(r"\d{4}-(\d\d)", days[d])
            and months[0] <= int(re.match(r"\d{4}-(\d\d)", days[d]).group(1)) <= months[1]}


def _lists_of(claim: Figure, parts: list[Figure]) -> list[list[Figure]]:
    """The parts of a whole as the lists they were written in: a list on lines of its own, apart from another list of
    the same whole by a blank or other line ("Trong tổng số 974 đơn vị có: cán bộ ... 251; ..." then "Theo thể tích:
    loại 250 ml 412, loại 350 ml 562"), or all of them as one list when they are written together."""
    located = sorted((f for f in parts if f.span is not None), key=lambda f: (f.span.page, f.span.line, f.span.start))
    if len(located) != len(parts):
        return [parts] if parts else []
    groups: list[list[Figure]] = []
    for f in located:
        last = groups[-1][-1] if groups else None
        if last is not None and last.span.page == f.span.page and f.span.line - last.span.line <= 1:
            groups[-1].append(f)
        else:
            groups.append([f])
    if len(groups) > 1 and all(len(g) >= 2 for g in groups):
        return groups
    # one line of two lists by different criteria ("123 đơn vị (quý I: 73 đơn vị; quý II: 50 đơn vị), trong đó: loại 250
    # ml có 86 đơn vị; ..."): each criterion's parts apart, a criterion with one part alone left out (its list is not
    # all there)
    by = {}
    for f in parts:
        by.setdefault(_criterion(str(f.attrs.get("about") or "")), []).append(f)
    if len(by) > 1 and "other" not in by:
        return [g for g in by.values() if len(g) >= 2]
    return [parts] if parts else []


def _criterion(about: str) -> str:
    """What a part's words break its whole down by: a part of the year, a bag size, a blood group, or other."""
    key = match_form(about).lower()
    if re.search(r"\b(?:quy|thang|dot)\b", key):
        return "period"
    if re.search(r"\d\s*ml\b", key):
        return "size"
    if re.search(r"\bnhom\b", key):
        return "group"
    return "other"


@rule("units_breakdown", code="A107", family=FAMILY,
      en="A quota (or units received) equals the sum of the amounts it is broken down into (cụ thể: a: n; b: n ...).",
      vi="Chỉ tiêu (hoặc số tiếp nhận) bằng tổng các phần được phân bổ chi tiết (cụ thể: ...).")
def units_breakdown(doc: Document) -> Iterator[Check]:
    for kind in ("units_quota", "units_received"):
        figs = of_kind(doc, kind)
        for claim in figs:
            for parts in _lists_of(claim, [f for f in figs if f.attrs.get("part_of") == claim.id]):
                # parts that are drives (their numbers not the claim's): A101 / A102 / A105
                several = len(parts) >= 2 or (len(parts) == 1 and (parts[0].attrs.get("times") or 1) >= 2)  # mỗi xã 32
                if not several or all(drive_of(f) is not None and drive_of(f) != drive_of(claim) for f in parts):
                    continue
                what = kind_words(kind)
                check = parts_check(doc, claim, parts, (f"{what[0]} = its breakdown", f"{what[1]} = tổng các phần"))
                named = _bodies_in_an_aside(doc, claim, parts)
                if named and check.computed is not None and check.claimed is not None \
                        and check.computed.hi < check.claimed.lo and not check.reason:
                    # "306 đơn vị (trong đó Công an huyện 41, Ban Chỉ huy Quân sự huyện 38, ...)": bodies named among
                    # more, not the whole breakdown
                    check.reason = "missing_part"
                    check.reason_detail = ("the bodies named may be some of them only", "có thể chỉ nêu một số đơn vị")
                yield check


@rule("participants_breakdown", code="A110", family=FAMILY,
      en="The donors counted equal the sum of the groups a sentence lists them by (Thành phần tham gia gồm: cán bộ, "
         "công chức ... người; lực lượng vũ trang ... người; ...).",
      vi="Số người tham gia bằng tổng các thành phần được liệt kê (cán bộ, công chức; lực lượng vũ trang; ...).")
def participants_breakdown(doc: Document) -> Iterator[Check]:
    figs = of_kind(doc, "participants")
    for claim in figs:
        parts = [f for f in figs if f.attrs.get("part_of") == claim.id]
        if len(parts) >= 2:
            what = kind_words("participants")
            yield parts_check(doc, claim, parts, (f"{what[0]} = its groups", f"{what[1]} = tổng các thành phần"))


@rule("units_remainder", code="A108", family=FAMILY,
      en="A total equals the part broken down plus what remains (Số còn lại ...).",
      vi="Tổng bằng phần đã phân bổ cộng số còn lại.")
def units_remainder(doc: Document) -> Iterator[Check]:
    for kind in ("units_quota", "units_received"):
        figs = sorted(of_kind(doc, kind), key=lambda f: (f.span.page, f.span.line, f.span.start))
        for k, rest in enumerate(figs):
            if rest.attrs.get("what") != "remainder":
                continue
            before = [f for f in figs[:k] if year_of(f) == year_of(rest) and is_plan(f) == is_plan(rest)]
            subtotal = next((f for f in reversed(before) if any(g.attrs.get("part_of") == f.id for g in figs)), None)
            if subtotal is None:
                continue
            at = before.index(subtotal)
            total = next((f for f in reversed(before[:at]) if not f.attrs.get("about") and "part_of" not in f.attrs), None)
            if total is not None:
                what = kind_words(kind)
                yield parts_check(doc, total, [subtotal, rest], (f"{what[0]} = broken-down part + remainder",
                                                                 f"{what[1]} = phần phân bổ + số còn lại"))


@rule("units_change", code="A109", family=FAMILY,
      en="A rise or fall of units received against an earlier year, in percent (tăng 12% so với cùng kỳ năm 2023) or "
         "in units (tăng 72 đơn vị so với năm 2023), equals the change from the amount compared with to the amount "
         "reached.",
      vi="Mức tăng/giảm số đơn vị máu so với năm (cùng kỳ) trước, theo % hoặc theo số đơn vị, bằng mức thay đổi giữa "
         "hai số liệu.")
def units_change(doc: Document) -> Iterator[Check]:
    received = {f.id: f for f in of_kind(doc, "units_received")}
    for change in of_kind(doc, "units_change_percent", "units_change"):
        now = received.get(change.attrs.get("of"))
        before = received.get(change.attrs.get("against"))
        if before is None:  # the text names the year only: that year's one total, if it gives one
            # (or the same months of that year, "So với cùng kỳ năm 2020 (276 đơn vị)", in a report of some months;
            # not one quoted from another report on the line citing it: "Theo Báo cáo số 03/BC-HCTĐ ..., năm 2024
            # toàn thành phố tiếp nhận 31.732 đơn vị", in a youth union's report of its own festival)
            quoting = {(r.span.page, r.span.line) for r in of_kind(doc, "reference") if r.span is not None}
            same = [f for f in received.values() if year_of(f) == change.attrs.get("compared_year")
                    and (f.span is None or (f.span.page, f.span.line) not in quoting)
                    and (not f.attrs.get("about") or _SAME_PERIOD.search(match_form(str(f.attrs["about"])).lower()))
                    and "part_of" not in f.attrs and drive_of(f) is None
                    and not is_plan(f) and "table" not in f.attrs]
            before = same[0] if len({f.value for f in same}) == 1 else None
        cells: list = []
        if now is None:
            continue
        a = from_figure(now)
        if before is None:  # the text gives no amount of that year: a table of quantities by year may
            found = _indicator_cell(doc, "received", change.attrs.get("compared_year")) \
                or _year_row_cell(doc, change.attrs.get("compared_year")) \
                or _last_year_total(doc, now, change.attrs.get("compared_year"))
            if found is None:
                found = _base_of_pair(doc, change, a)
                if found is None:
                    continue
            b, cells = found
        else:
            b = from_figure(before)
        check = _change_check(doc, change, a, b, "units received", "số đơn vị máu")
        if check is not None:
            check.figures = [(doc.doc_id, change), (doc.doc_id, now)] + \
                ([(doc.doc_id, before)] if before is not None else []) + _pair_figures(doc, change)
            check.cells = cells
            yield check


def _change_check(doc: Document, change: Figure, a: Quantity | None, b: Quantity | None, what: str,
                  what_vi: str) -> Check | None:
    """The check of a change (in its units, or in percent) from ``b``, the amount compared with, to ``a``."""
    if a is None or b is None:
        return None
    fall = change.attrs.get("direction") == "fall"
    if not change.kind.endswith("_percent"):
        diff = total([b.negated(), a]) if not fall else total([a.negated(), b])
        computed, basis = diff, "difference"
        terms = [a, b] if not fall else [b, a]
    else:
        ratio = percent_ratio(a, b)
        if ratio is None:
            return None
        if change.attrs.get("direction") == "ratio":  # "bằng 92,0% so với năm 2017": the ratio itself
            computed = ratio
        else:
            computed = Quantity(100 - ratio.hi, 100 - ratio.lo, 100 - ratio.nominal, ratio.qualifier, True) \
                if fall else Quantity(ratio.lo - 100, ratio.hi - 100, ratio.nominal - 100, ratio.qualifier, True)
        basis, terms = "change", [b, a]
    word = "fall" if fall else "rise"
    compared = change.attrs.get("compared_year")
    return Check(subject=f"{word} of {what} {year_of(change)} against {compared}",
                 subject_vi=f"{'giảm' if fall else 'tăng'} {what_vi} năm {year_of(change)} so với {compared}",
                 claimed=from_figure(change), computed=computed, basis=basis, terms=terms, figures=[])


def _base_of_pair(doc: Document, change: Figure, a: Quantity | None) -> tuple[Quantity, list] | None:
    """For a change in percent written with the same change in units or people (``tăng 84 người (23,6%)``), the
    amount compared with that the two imply: the amount reached less the rise (plus the fall)."""
    pair = next((f for f in doc.figures if f.id == change.attrs.get("with")), None)
    c = from_figure(pair) if pair is not None else None
    if a is None or c is None or change.attrs.get("direction") not in ("rise", "fall"):
        return None
    return (total([a, c.negated()]) if change.attrs["direction"] == "rise" else total([a, c])), []


def _pair_figures(doc: Document, change: Figure) -> list:
    return [(doc.doc_id, f) for f in doc.figures if f.id == change.attrs.get("with")]


@rule("people_change", code="A116", family=FAMILY,
      en="A rise or fall of a count of people (registered, taking part) against an earlier year, in people or in "
         "percent (số người đăng ký tăng 84 người (23,6%) so với cùng kỳ), equals the change from the count of that "
         "year (in a table of quantities by year) to the count reached; a change written both ways agrees with "
         "itself.",
      vi="Mức tăng/giảm số người (đăng ký, tham gia) so với năm (cùng kỳ) trước, theo số người hoặc theo %, bằng mức "
         "thay đổi giữa hai số liệu; mức tăng ghi cả hai cách phải khớp nhau.")
def people_change(doc: Document) -> Iterator[Check]:
    figures = {f.id: f for f in doc.figures}
    for change in of_kind(doc, "people_change", "people_change_percent"):
        counted, cells = change.attrs.get("counted"), []
        now = figures.get(change.attrs.get("of"))
        written = _written_before(change, figures)  # "So với năm 2022 (271 người), ... tăng 32 người, tương đương 10,6%"
        if now is not None:
            a = from_figure(now)
        elif (found := _indicator_cell(doc, counted, year_of(change))) is not None:  # the table's column of this year
            a, cells = found
        elif written is not None:
            a = written[0]
        else:
            continue
        found = _indicator_cell(doc, counted, change.attrs.get("compared_year")) or _base_of_pair(doc, change, a) \
            or (written[1:] if written is not None else None)
        if found is None:
            continue
        b, more = found
        check = _change_check(doc, change, a, b, "people " + ("registered" if counted == "registered" else "taking part"),
                              "số người " + ("đăng ký" if counted == "registered" else "tham gia"))
        if check is not None:
            check.figures = [(doc.doc_id, change)] + ([(doc.doc_id, now)] if now is not None else []) + \
                _pair_figures(doc, change)
            check.cells = cells + more
            yield check


def _written_before(change: Figure, figures: dict) -> tuple[Quantity, Quantity, list] | None:
    """For a change in percent written with its change in people and the count before it in brackets, and no count
    reached: (the count reached, the count before, no cells), the first the second moved by the change."""
    before, sibling = change.attrs.get("before"), figures.get(change.attrs.get("with"))
    if not change.kind.endswith("_percent") or not isinstance(before, int) or sibling is None \
            or not isinstance(sibling.value, (int, float)):
        return None
    moved = sibling.value if change.attrs.get("direction") == "rise" else -sibling.value
    return Quantity.exact(float(before + moved)), Quantity.exact(float(before)), []


_YEAR_COLUMNS = ("year_value", "received_prev_year", "received")


def _indicator_cell(doc: Document, meaning: str, year) -> tuple[Quantity, list] | None:
    """The cell of a table of quantities by year (``Số đơn vị máu tiếp nhận | 498 | 561``) that gives ``meaning`` for
    ``year``, as a quantity and the cell to cite; None when no one table gives one."""
    from pipeline.audit.table_rules import cell_quantity, cell_refs
    from pipeline.tables.interpret import row_meaning

    found = []
    for table in doc.tables:
        if table.column("indicator") is None or year is None:
            continue
        # the year's column: headed by the year alone, or as a period's result of that year (``6 tháng 2017``
        # beside ``6 tháng 2018``: last year's and this year's results)
        cols = [c for c in table.columns if c.meaning in _YEAR_COLUMNS and c.year == year]
        for row in table.data_rows():
            m = row_meaning(table, row)
            if m is not None and m.name == meaning and cols and (cell := row.cell(cols[0].index)) is not None \
                    and cell.value is not None:
                found.append((cell_quantity(cell), cell_refs(table, [(row, cols[0].index)])))
                break
    return found[0] if len(found) == 1 else None


def _year_row_cell(doc: Document, year) -> tuple[Quantity, list] | None:
    """The units received in the row of ``year`` of a table whose rows are years (``2022 | 2 | 571 | 475 | 450``),
    as a quantity and the cell to cite; None when no one table gives one."""
    from pipeline.audit.table_rules import cell_quantity, cell_refs
    from pipeline.families.blood.extract import year_rows

    found = []
    for table in doc.tables:
        row = year_rows(table).get(year) if year is not None and len(year_rows(table)) >= 2 else None
        col = table.column("received")
        if row is not None and col is not None and (cell := row.cell(col.index)) is not None \
                and cell.value is not None:
            found.append((cell_quantity(cell), cell_refs(table, [(row, col.index)])))
    return found[0] if len(found) == 1 else None


def _last_year_total(doc: Document, now: Figure, year) -> tuple[Quantity, list] | None:
    """The total row's cell, in the column of last year's units (``Cùng kỳ 2023``), of the one table whose total of
    units received is the amount the change is of (``Cộng 9 tháng | ... | 469 | 412 | +57``), as a quantity and
    the cell to cite; None when no one table gives one."""
    from pipeline.audit.table_rules import cell_quantity, cell_refs

    found = []
    for table in doc.tables:
        totals = table.total_rows()
        now_col, before = table.column("received"), [c for c in table.columns if c.meaning == "received_prev_year"
                                                     and c.year in (None, year)]
        if len(totals) != 1 or now_col is None or now_col.guessed or len(before) != 1 or year is None:
            continue
        reached, cell = totals[0].cell(now_col.index), totals[0].cell(before[0].index)
        if reached is not None and reached.value == now.value and cell is not None and cell.value is not None:
            found.append((cell_quantity(cell), cell_refs(table, [(totals[0], before[0].index)])))
    return found[0] if len(found) == 1 else None


@rule("units_over_quota", code="A111", family=FAMILY,
      en="The units received over (vượt) or short of (thiếu) the quota equal the units received minus the quota.",
      vi="Số đơn vị vượt (thiếu) so với chỉ tiêu bằng số tiếp nhận trừ chỉ tiêu.")
def units_over_quota(doc: Document) -> Iterator[Check]:
    received = {f.id: f for f in of_kind(doc, "units_received")}
    for over in of_kind(doc, "units_over_quota"):
        now = received.get(over.attrs.get("of"))
        if now is None:
            continue
        quota = [f for f in of_kind(doc, "units_quota") if year_of(f) == year_of(now) and drive_of(f) == drive_of(now)
                 and not is_plan(f) and f.attrs.get("about") == now.attrs.get("about") and "part_of" not in f.attrs
                 and not f.attrs.get("total_row")]  # (a drive's excess the text names loosely: not the table's year)
        if len({f.value for f in quota}) != 1:
            continue
        a, q = from_figure(now), from_figure(quota[0])
        if a is None or q is None:
            continue
        fall = over.attrs.get("direction") == "fall"
        computed = total([a, q.negated()]) if not fall else total([q, a.negated()])
        when = now.attrs.get("about") or year_of(now)
        yield Check(
            subject=f"units {'short of' if fall else 'over'} the quota {when}",
            subject_vi=f"số đơn vị {'thiếu' if fall else 'vượt'} so với chỉ tiêu {when}",
            claimed=from_figure(over), computed=computed, basis="difference",
            terms=[a, q] if not fall else [q, a],
            figures=[(doc.doc_id, over), (doc.doc_id, now), (doc.doc_id, quota[0])],
        )


@rule("screening_funnel", code="A112", family=FAMILY,
      en="The donors' screening adds up: those registered equal those who came plus those absent; those who came "
         "(or registered) equal those who gave plus those deferred (the units received stand for those who gave when "
         "their count is not written).",
      vi="Các bước khám sàng lọc khớp nhau: số đăng ký bằng số đến cộng số vắng; số đến (hoặc đăng ký) bằng số hiến "
         "được cộng số không đủ điều kiện (số đơn vị máu tiếp nhận thay cho số người hiến khi không ghi).")
def screening_funnel(doc: Document) -> Iterator[Check]:
    for (year, drive, about), figs in group(of_kind(doc, "screening"), lambda f: (year_of(f), drive_of(f),
                                                                                  f.attrs.get("about"))).items():
        step: dict[str, Figure] = {}
        for f in figs:
            step.setdefault(f.attrs.get("step"), f)
        registered, came, absent = step.get("registered"), step.get("came"), step.get("absent")
        deferred, gave = step.get("deferred"), step.get("gave")
        what = kind_words("screening")
        if registered is not None and came is not None and absent is not None:
            yield parts_check(doc, registered, [came, absent], (f"{what[0]}: registered = came + absent",
                                                                 f"{what[1]}: đăng ký = đến + vắng"))
        base = came or registered
        if base is None or deferred is None:
            continue
        if gave is None and about is None:  # the units received of that drive or year: one unit from each donor
            units = [f for f in of_kind(doc, "units_received") if year_of(f) == year and drive_of(f) == drive
                     and not f.attrs.get("about") and "part_of" not in f.attrs and not is_plan(f)
                     and "table" not in f.attrs and position(f) > position(base)]
            gave = units[0] if units else None
        if gave is None:
            continue
        parts = [gave, deferred] + ([absent] if base is registered and absent is not None else [])
        yield parts_check(doc, base, parts, (f"{what[0]}: {base.attrs.get('step')} = gave + deferred"
                                             + (" + absent" if len(parts) == 3 else ""),
                                             f"{what[1]}: {'đến' if base is came else 'đăng ký'} = hiến được + "
                                             "không đủ điều kiện" + (" + vắng" if len(parts) == 3 else "")))


@rule("units_cumulative", code="A113", family=FAMILY,
      en="A running total of units received (lũy kế) equals the running total the report gives before it plus the "
         "period's own units received (Lũy kế 6 tháng: 243; Quý III: 302; lũy kế đến 30/9: 545).",
      vi="Số lũy kế bằng số lũy kế nêu trước đó cộng số tiếp nhận của kỳ báo cáo.")
def units_cumulative(doc: Document) -> Iterator[Check]:
    running = sorted((f for f in of_kind(doc, "units_received") if f.attrs.get("about") == CUMULATIVE
                      and drive_of(f) is None and not is_plan(f)), key=position)
    if len(running) != 2:
        return  # none, or more than one step (which period each adds is not known)
    earlier, later = running
    year = year_of(later)
    if year is None or year_of(earlier) not in (year, year - 1):
        return
    own = [f for f in of_kind(doc, "units_received") if year_of(f) == year and drive_of(f) is None
           and not f.attrs.get("about") and "part_of" not in f.attrs and not is_plan(f) and "table" not in f.attrs]
    if len({f.value for f in own}) != 1:
        return
    what = kind_words("units_received")
    yield parts_check(doc, later, [earlier, own[0]], (f"{what[0]}: running total = the one before + the period's",
                                                      f"{what[1]}: lũy kế = lũy kế trước + kỳ này"))


_WHOLE_STEPS = {"dang ky": ("registered",), "den": ("came",), "tham gia": ("came", "gave"), "hien mau": ("gave",), "hien": ("gave",),
                "duoc kham": ("came",), "kham": ("came",)}  # "chiếm 15,6% số người được khám": those who came


@rule("share_of_whole", code="A114", family=FAMILY,
      en="A share a count is said to be (413 người, chiếm 84,3% số người đăng ký; 219 đơn vị, chiếm 41,6%) equals the "
         "count over the whole it names, or over one of the period's totals when it names none.",
      vi="Tỷ lệ một số lượng chiếm (chiếm 84,3% số người đăng ký) bằng số đó chia cho tổng được nêu, hoặc cho một trong "
         "các tổng của kỳ báo cáo khi không nêu tổng.")
def share_of_whole(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    for share in of_kind(doc, "share_percent"):
        part = by_id.get(share.attrs.get("of"))
        if part is None:
            continue
        year, whole_words = year_of(share), share.attrs.get("whole")
        # a share of no one year ("tính chung cả giai đoạn: nhóm O có 12.876 đơn vị, chiếm 43,2%"): of the years' total
        # a drive's count is a share of that drive's whole ("tiếp nhận 268 đơn vị, bằng 89,0% số người đăng ký của
        # đợt"), a year's of the year's
        own = [f for f in of_kind(doc, "participants", "units_received", "screening") if f is not part
               and year_of(f) == year and drive_of(f) == drive_of(part) and "part_of" not in f.attrs
               and (not f.attrs.get("about") or year is None and _YEARS.match(str(f.attrs["about"])))
               and not is_plan(f) and "table" not in f.attrs and isinstance(f.value, (int, float))
               and f.value > part.value]
        if part.attrs.get("part_of") in by_id and part.kind == "participants":
            # an item of a list of the people a count before it breaks down: a share of that count
            wholes = [by_id[part.attrs["part_of"]]]
        elif whole_words == "ton vinh":  # "chiếm 32,7% tổng số người được tôn vinh": of those the report honours
            wholes = [f for f in of_kind(doc, "participants") if f is not part and year_of(f) == year
                      and "ton vinh" in match_form(str(f.attrs.get("about") or "")).lower()
                      and isinstance(f.value, (int, float)) and f.value > part.value]
        elif whole_words in ("don vi mau", "mau"):
            wholes = [f for f in own if f.kind == "units_received"]
        elif whole_words:
            steps = _WHOLE_STEPS.get(whole_words, ())
            wholes = [f for f in own if f.kind == "screening" and f.attrs.get("step") in steps]
            if not wholes and steps != ("registered",):  # (of those registered: no other count stands for them)
                wholes = [f for f in own if f.kind == "participants"] \
                    or [f for f in own if f.kind == "units_received" and "gave" in steps]  # a donor gives one unit
        else:
            # the count's own kind first, then the units received (a donor gives one unit), then the rest
            wholes = sorted(own, key=lambda f: (f.kind != part.kind, f.kind != "units_received", position(f)))
        if not wholes:
            continue
        checks = []
        for whole in wholes:
            p, w = from_figure(part), from_figure(whole)
            if p is None or w is None:
                continue
            checks.append(Check(subject=f"share {year}", subject_vi=f"tỷ lệ chiếm năm {year}", claimed=from_figure(share),
                                computed=percent_ratio(p, w), basis="rate", terms=[p, w],
                                figures=[(doc.doc_id, share), (doc.doc_id, part), (doc.doc_id, whole)]))
        if not checks:
            continue
        # with no whole named, any of the period's totals it fits is the one meant
        right = [c for c in checks if c.computed is not None and c.claimed is not None
                 and c.computed.lo - 1e-9 <= c.claimed.hi and c.claimed.lo <= c.computed.hi + 1e-9]
        # none fits: the whole it comes nearest to is the one the share is shown against
        yield (right or sorted(checks, key=lambda c: abs(c.computed.nominal - c.claimed.nominal)
                                if c.computed is not None and c.claimed is not None else math.inf))[0]


_YEARS = re.compile(r"^((?:19|20)\d\d) - ((?:19|20)\d\d)$")  # the ``about`` of a figure of several years
_YEARS_KINDS = ("units_received", "units_quota", "screening", "participants", "drive_count")


@rule("years_total", code="A115", family=FAMILY,
      en="A figure of several years (Trong 3 năm ... tổng cộng 946 đơn vị; giai đoạn 2017 - 2019) equals the sum of "
         "each of those years' own figure of the same quantity, when the report gives every one of them.",
      vi="Số liệu của nhiều năm (trong 3 năm, giai đoạn 2017 - 2019) bằng tổng số liệu cùng loại của từng năm, khi báo "
         "cáo nêu đủ các năm.")
def years_total(doc: Document) -> Iterator[Check]:
    for whole in of_kind(doc, *_YEARS_KINDS):
        m = _YEARS.match(str(whole.attrs.get("about") or ""))
        if m is None or "table" in whole.attrs or "part_of" in whole.attrs:
            continue
        parts = []
        for year in range(int(m.group(1)), int(m.group(2)) + 1):
            own = [f for f in of_kind(doc, whole.kind) if year_of(f) == year and drive_of(f) is None
                   and not f.attrs.get("about") and "part_of" not in f.attrs and "table" not in f.attrs
                   and is_plan(f) == is_plan(whole) and f.attrs.get("step") == whole.attrs.get("step")]
            if len({f.value for f in own}) != 1:
                break  # a year the text gives no figure of (or more than one): nothing to add up
            parts.append(own[0])
        else:
            what = kind_words(whole.kind)
            yield parts_check(doc, whole, parts, (f"{what[0]} {m.group(1)} - {m.group(2)} = sum of the years",
                                                  f"{what[1]} {m.group(1)} - {m.group(2)} = tổng các năm"))
