"""Totals the text writes with their parts named in brackets, whatever they measure.

``Tổng sản lượng lương thực có hạt (gồm lúa và ngô, không tính sắn) đạt 4.787,3 tấn``: the total (``named_total``),
the names of its parts (``parts``: "lua; ngo", match form) and its unit (``unit_word``: "tan"), so that the audit can
add up the rows of a table of the report named so, in the column of that unit (A627).
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_number

_NUMBER = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_UNIT = r"(ha|tan|ta|kg|km|m2|m3|con|cay|nguoi|ho|hoc sinh|tre|trieu dong|ty dong|dong)"
# "Tổng <measure> (gồm A và B[, không tính C]) đạt/là N <unit>"
_NAMED_TOTAL = re.compile(r"\btong\s+((?:[a-z]+\s+){1,8}?)\(\s*(?:gom|bao gom|gom co)\s+([^()]{2,120}?)\s*\)\s*,?\s*"
                          r"(?:(?:uoc\s+)?(?:dat|la|co|:)\s*)?" + _NUMBER + r"\s+" + _UNIT + r"\b")
_EXCLUDED = re.compile(r"[,;]\s*(?:khong|chua|tru)\b.*$")  # ", không tính sắn": what the total leaves out


def extract(view: View, figs: Figures) -> None:
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _NAMED_TOTAL.finditer(view.norm):
        if m.start(3) in taken:
            continue
        names = [n.strip() for n in re.split(r"\s*(?:,|;|\bva\b)\s*", _EXCLUDED.sub("", m.group(2))) if n.strip()]
        value = parse_number(m.group(3))
        if len(names) < 2 or value is None or any(len(n) < 2 or len(n.split()) > 4 for n in names):
            continue
        figs.add("named_total", value, m.start(3), m.end(3),
                 attrs={"parts": "; ".join(names), "measure": " ".join(m.group(1).split()), "unit_word": m.group(4)},
                 unit=view.best(m.start(4), m.end(4)), label=" ".join(view.best(m.start(), m.end(1)).split()))
