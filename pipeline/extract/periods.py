"""Period figures: ``Từ ngày 01/12/2023 đến nay``, ``từ 8/3 đến 14/6/2018``."""

from __future__ import annotations

from pipeline.dates import find_periods


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
