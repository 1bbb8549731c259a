"""Period figures: ``Từ ngày 01/12/2023 đến nay``, ``từ 8/3 đến 14/6/2018``; the part of the year a table's total row
names when the report is on another period."""

from __future__ import annotations

import re

from pipeline.dates import find_periods
from pipeline.model import Document, Table
from pipeline.text import match_form, normalize_ws


def extract_periods(view, figs) -> None:
    """period_start / period_end figures of every ``từ ... đến ...`` in the document."""
    for p in view.paragraphs:
        seg = view.norm[p.start : p.end]
        for per in find_periods(seg):
            attrs = {"plan": p.plan}
            default_year = per.end.year if per.end is not None else None
            figs.add("period_start", per.start.iso(default_year), p.start + per.start.start, p.start + per.start.end,
                     attrs=attrs, label="từ ngày")
            if per.end is None:
                a, b = per.now_span
                figs.add("period_end", "now", p.start + a, p.start + b, attrs=attrs, label="đến nay")
            else:
                figs.add("period_end", per.end.iso(), p.start + per.end.start, p.start + per.end.end,
                         attrs=attrs, label="đến ngày")


_PART_IN_TOTAL = re.compile(r"\b((?:6|sau|9|chin) thang(?: (?:dau|cuoi))?(?: nam)?|quy (?:i{1,3}|iv|[1-4]))\b")


def other_part_of_year(doc: Document, table: Table) -> str | None:
    """The part of the year a table's total row names (``Cộng 6 tháng cuối năm``) when the report is not on that
    part: the rows are that part's, not the report's period's."""
    for row in table.total_rows():
        m = _PART_IN_TOTAL.search(normalize_ws(match_form(row.label or "")).lower())
        if m is not None:
            own = normalize_ws(match_form(doc.identity.period or "")).lower().replace("sau thang", "6 thang")
            named = m.group(1).replace("sau thang", "6 thang").replace("chin thang", "9 thang")
            return None if named in own else normalize_ws(row.label)
    return None
