"""Document rules: does what a report claims add up? One small function per rule.

Each yields ``Check``s: a claimed figure, the value computed from its parts, and every figure involved.
A rule yields nothing when the document has nothing it can check (no total, or no parts).
"""

from __future__ import annotations

from typing import Iterator, Sequence

from pipeline.audit.figures import (
    attr, drive_of, first_by_drive, group, is_plan, listed_drives, of_kind, same_text, stated_drive_count, year_of,
    years_match,
)
from pipeline.audit.messages import KIND_WORDS
from pipeline.audit.quantities import Quantity, from_figure, percent_ratio, total
from pipeline.audit.registry import Check, rule
from pipeline.model import Document, Figure

LEVEL_EN = {"all": "all levels"}
LEVEL_VI = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã", "all": "các cấp"}


def _year_words(year: int | None, plan: bool) -> tuple[str, str]:
    en = f"{year}" if year is not None else "(year not stated)"
    vi = f"năm {year}" if year is not None else "(không rõ năm)"
    return (f"{en} plan", f"kế hoạch {vi}") if plan else (en, vi)


def _parts_check(doc: Document, claim: Figure, parts: list[Figure], subject: tuple[str, str], *,
                 missing: Sequence[str] = ()) -> Check:
    """A claimed total against the sum of its parts; unverifiable when a part is missing or unreadable."""
    claimed = from_figure(claim)
    terms = [from_figure(p) for p in parts]
    unreadable = [p for p, q in zip(parts, terms) if q is None]
    check = Check(
        subject=subject[0], subject_vi=subject[1], claimed=claimed,
        computed=total(terms) if terms and not unreadable else None,
        figures=[(doc.doc_id, claim)] + [(doc.doc_id, p) for p in parts],
        basis="sum", terms=[q for q in terms if q is not None],
    )
    if missing:
        check.reason, check.reason_detail = "missing_part", ", ".join(missing)
    elif unreadable:
        check.reason, check.reason_detail = "no_value", ", ".join(p.label or p.id for p in unreadable)
    return check


def _drive_sums(doc: Document, kind: str, plan: bool | None) -> Iterator[Check]:
    """A year's total of ``kind`` (drive_no None) against the sum over its drives (drive_no set)."""
    what = KIND_WORDS[kind]
    figs = [f for f in of_kind(doc, kind) if plan is None or is_plan(f) == plan]
    for (year, is_planned), figures in group(figs, lambda f: (year_of(f), is_plan(f))).items():
        totals = [f for f in figures if drive_of(f) is None]
        parts = first_by_drive(f for f in figures if drive_of(f) is not None)
        if not totals or not parts:
            continue
        expected = listed_drives(doc, year, is_planned) | set(range(1, (stated_drive_count(doc, year, is_planned) or 0) + 1))
        missing = [f"đợt {d}" for d in sorted(expected - parts.keys())]
        y_en, y_vi = _year_words(year, is_planned)
        for claim in totals:
            yield _parts_check(doc, claim, [parts[d] for d in sorted(parts)],
                               (f"{what[0]} {y_en} = sum of drives", f"{what[1]} {y_vi} = tổng các đợt"),
                               missing=missing)


@rule("units_sum_drives", code="A101",
      en="A year's units of blood received equal the sum of its drives' units received.",
      vi="Số đơn vị máu tiếp nhận cả năm bằng tổng số tiếp nhận của các đợt.")
def units_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "units_received", plan=None)


@rule("quota_sum_drives", code="A102",
      en="A year's quota (chỉ tiêu) equals the sum of its drives' quotas.",
      vi="Chỉ tiêu cả năm bằng tổng chỉ tiêu của các đợt.")
def quota_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "units_quota", plan=False)


@rule("participants_sum_drives", code="A103",
      en="A year's participants (lượt người) equal the sum over its drives.",
      vi="Số lượt người tham gia cả năm bằng tổng của các đợt.")
def participants_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "participants", plan=None)


@rule("percent_of_plan", code="A104",
      en="Percent of plan equals units received / quota, allowing for the report's own rounding.",
      vi="Tỷ lệ % kế hoạch bằng số tiếp nhận / chỉ tiêu, chấp nhận cách làm tròn của báo cáo.")
def percent_of_plan(doc: Document) -> Iterator[Check]:
    def same_key(f: Figure, p: Figure) -> bool:
        return year_of(f) == year_of(p) and drive_of(f) == drive_of(p) and not is_plan(f)

    for pct in of_kind(doc, "percent_of_plan"):
        received = [f for f in of_kind(doc, "units_received") if same_key(f, pct)]
        quota = [f for f in of_kind(doc, "units_quota") if same_key(f, pct)]
        where_en = f"drive {drive_of(pct)} " if drive_of(pct) is not None else ""
        where_vi = f"đợt {drive_of(pct)} " if drive_of(pct) is not None else ""
        y_en, y_vi = _year_words(year_of(pct), False)
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
            r, q = from_figure(received[0]), from_figure(quota[0])
            if r is not None and q is not None:
                check.terms = [r, q]
                check.computed = percent_ratio(r, q)
        yield check


@rule("plan_quota_sum_drives", code="A105",
      en="Next year's planned quota equals the sum of its planned drives' quotas.",
      vi="Chỉ tiêu kế hoạch năm sau bằng tổng chỉ tiêu các đợt dự kiến.")
def plan_quota_sum_drives(doc: Document) -> Iterator[Check]:
    yield from _drive_sums(doc, "units_quota", plan=True)


@rule("drive_count_listed", code="A106", severity="warning",
      en="The number of drives (đợt) stated equals the number of drives the report lists.",
      vi="Số đợt đã nêu bằng số đợt được liệt kê trong báo cáo.")
def drive_count_listed(doc: Document) -> Iterator[Check]:
    for count in of_kind(doc, "drive_count"):
        listed = listed_drives(doc, year_of(count), is_plan(count))
        if not listed:
            continue
        y_en, y_vi = _year_words(year_of(count), is_plan(count))
        check = Check(
            subject=f"number of drives {y_en}", subject_vi=f"số đợt {y_vi}",
            claimed=from_figure(count), computed=Quantity.exact(len(listed)), basis="count",
            figures=[(doc.doc_id, count)],
        )
        if check.claimed is not None and check.claimed.is_exact and len(listed) < check.claimed.nominal:
            check.reason, check.reason_detail = "fewer_listed", ", ".join(f"đợt {d}" for d in sorted(listed))
        yield check


def _award_subject(rt: str, level: str | None, year: int | None) -> tuple[str, str]:
    lv = level or "unstated"
    return (
        f"awards to {rt}, {LEVEL_EN.get(lv, lv + ' level')}{f', {year}' if year else ''}",
        f"khen thưởng {rt} {LEVEL_VI.get(lv, lv)}{f' năm {year}' if year else ''}",
    )


@rule("awards_sum_issuers", code="A201",
      en="An award total (tập thể / cá nhân / hộ gia đình) at a level equals the sum of that level's awards by issuer.",
      vi="Tổng số khen thưởng (tập thể / cá nhân / hộ gia đình) của một cấp bằng tổng theo từng cơ quan khen thưởng.")
def awards_sum_issuers(doc: Document) -> Iterator[Check]:
    for claim in of_kind(doc, "award_total"):
        level = attr(claim, "level")
        if level in (None, "all"):  # without a level, which awards it sums is unknown
            continue
        parts = [
            f for f in of_kind(doc, "award_count")
            if attr(f, "level") == level and same_text(attr(f, "recipient_type"), attr(claim, "recipient_type"))
            and attr(f, "recipient_type") and years_match(f, claim)
        ]
        if parts:
            yield _parts_check(doc, claim, parts, _award_subject(attr(claim, "recipient_type", "?"), level, year_of(claim)))


@rule("awards_sum_levels", code="A202",
      en="A whole-area award total equals the sum of the levels (province + district ...): each level's stated total, "
         "else the sum of its awards.",
      vi="Tổng khen thưởng toàn địa bàn bằng tổng các cấp (tỉnh + huyện ...): tổng đã nêu của từng cấp, "
         "nếu không có thì cộng các khen thưởng của cấp đó.")
def awards_sum_levels(doc: Document) -> Iterator[Check]:
    for claim in of_kind(doc, "award_total"):
        if attr(claim, "level") != "all":
            continue
        rt = attr(claim, "recipient_type")

        def matches(f: Figure) -> bool:
            return bool(attr(f, "recipient_type")) and same_text(attr(f, "recipient_type"), rt) and years_match(f, claim)

        parts: list[Figure] = []
        level_totals = [f for f in of_kind(doc, "award_total") if attr(f, "level") not in (None, "all") and matches(f)]
        levels = {attr(f, "level") for f in level_totals}
        parts += level_totals
        parts += [f for f in of_kind(doc, "award_count")
                  if attr(f, "level") not in (None, "all", *levels) and matches(f)]
        if parts:
            yield _parts_check(doc, claim, parts, _award_subject(rt or "?", "all", year_of(claim)))


@rule("money_sum_parts", code="A301",
      en="A money total (level 'all') equals the sum of its parts by level.",
      vi="Tổng số tiền (toàn bộ) bằng tổng các phần theo từng cấp.")
def money_sum_parts(doc: Document) -> Iterator[Check]:
    money = of_kind(doc, "money")
    for claim in money:
        if attr(claim, "level") != "all":
            continue
        parts = [f for f in money if attr(f, "level") not in (None, "all")
                 and same_text(attr(f, "purpose"), attr(claim, "purpose")) and years_match(f, claim)]
        purpose = attr(claim, "purpose", "")
        if parts:
            yield _parts_check(doc, claim, parts, (f"money total {purpose}".strip() + " (VND)",
                                                   f"tổng số tiền {purpose}".strip() + " (đồng)"))


def _coverage_words(fig: Figure) -> tuple[str, str]:
    unit = attr(fig, "unit_kind", "") or attr(fig, "what", "")
    return f"coverage {fig.span.raw or fig.value} {unit}".strip(), f"độ bao phủ {fig.span.raw or fig.value} {unit}".strip()


@rule("coverage_within_total", code="A401",
      en="In an x/y coverage (13/13 xã, thị trấn), x is at most y.",
      vi="Trong tỷ lệ x/y (13/13 xã, thị trấn), x không lớn hơn y.")
def coverage_within_total(doc: Document) -> Iterator[Check]:
    for cov in of_kind(doc, "coverage"):
        y = cov.attrs.get("total")
        if isinstance(y, (int, float)) and not isinstance(y, bool):
            en, vi = _coverage_words(cov)
            yield Check(subject=en, subject_vi=vi, claimed=from_figure(cov), computed=Quantity.exact(float(y)),
                        figures=[(doc.doc_id, cov)], basis="total", relation="le")


@rule("coverage_vs_gazetteer", code="A402", severity="warning",
      en="The y of an x/y coverage equals the number of such units in the gazetteer on the document date.",
      vi="Mẫu số y của tỷ lệ x/y bằng số đơn vị hành chính tương ứng trong danh mục tại ngày văn bản.")
def coverage_vs_gazetteer(doc: Document) -> Iterator[Check]:
    for cov in of_kind(doc, "coverage"):
        y = cov.attrs.get("total")
        if not isinstance(y, (int, float)) or isinstance(y, bool):
            continue
        g = cov.attrs.get("gazetteer_total")
        en, vi = _coverage_words(cov)
        check = Check(subject=en + " vs gazetteer", subject_vi=vi + " so với danh mục", claimed=Quantity.exact(float(y)),
                      computed=None, figures=[(doc.doc_id, cov)], basis="gazetteer")
        if isinstance(g, (int, float)) and not isinstance(g, bool):
            check.computed = Quantity.exact(float(g))
            unit = cov.attrs.get("gazetteer_unit")
            check.other = f"({unit})" if unit else ""
        else:
            check.reason = "no_gazetteer"
        yield check


def _table_checks(doc: Document, line_attr: str, across_attr: str, total_flag: str,
                  words: tuple[str, str]) -> Iterator[Check]:
    """In each table, a total row (or column) against the sum of the other rows (columns), cell by cell."""
    cells = [f for f in doc.figures if f.attrs.get("table") is not None and f.attrs.get(line_attr) is not None
             and f.attrs.get(across_attr) is not None]
    for table, figs in group(cells, lambda f: str(f.attrs["table"])).items():
        lines = {str(f.attrs[line_attr]) for f in figs if not f.attrs.get(total_flag)}
        for across, col in group(figs, lambda f: str(f.attrs[across_attr])).items():
            totals = [f for f in col if f.attrs.get(total_flag)]
            parts = [f for f in col if not f.attrs.get(total_flag)]
            if not totals or not parts:
                continue
            present = {str(f.attrs[line_attr]) for f in parts}
            missing = [f"{line_attr} {m}" for m in sorted(lines - present)]
            for claim in totals:
                yield _parts_check(doc, claim, parts, (f"table {table}, {words[0]} {across}: total",
                                                        f"bảng {table}, {words[1]} {across}: dòng tổng"),
                                   missing=missing)


@rule("table_total_row", code="A501",
      en="In a table (commune rows), a total row equals the sum of the rows above, column by column.",
      vi="Trong bảng (các dòng xã), dòng tổng cộng bằng tổng các dòng, theo từng cột.")
def table_total_row(doc: Document) -> Iterator[Check]:
    yield from _table_checks(doc, "row", "column", "total_row", ("column", "cột"))


@rule("table_total_column", code="A502",
      en="In a table, a total column equals the sum of the other columns, row by row.",
      vi="Trong bảng, cột tổng cộng bằng tổng các cột khác, theo từng dòng.")
def table_total_column(doc: Document) -> Iterator[Check]:
    yield from _table_checks(doc, "column", "row", "total_column", ("row", "dòng"))
