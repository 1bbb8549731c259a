"""Changes of a rate in percentage points, with the two rates they are between.

``tỷ lệ hiến được 84,0% (năm 2017 là 87,5%), giảm 3,5 điểm phần trăm``; ``tăng từ 34,7% lên 40,8% (tăng 6,1 điểm
phần trăm)``: the change, its direction and the rates before and after, so that the audit can check the one
against the others whatever the rate is of.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_percent

_RATE = r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%"
_POINTS = r"(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:diem phan tram|diem %|diem\b)"
# "84,0% (năm 2017 là 87,5%), giảm 3,5 điểm phần trăm": the rate now, the earlier one in brackets, the change
_NOW_THEN = re.compile(_RATE + r"\s*\(\s*(?:nam|cung ky|ky truoc|quy|thang)[^()%]{0,25}?(?:la|:)\s*" + _RATE
                       + r"\s*\)\s*,?\s*(?:(?:tuc la|tuc)\s+)?(tang|giam)\s*(?:them\s*)?" + _POINTS)
# "tăng từ 34,7% lên 40,8% (tăng 6,1 điểm phần trăm)", "giảm từ 5,2% xuống 4,1%, giảm 1,1 điểm"
_FROM_TO = re.compile(r"\b(tang|giam)\s+tu\s*" + _RATE + r"\s*(?:len|xuong|con)\s*" + _RATE
                      + r"\s*[,(]?\s*(?:(?:tang|giam)\s*)?(?:them\s*)?" + _POINTS)


def extract(view: View, figs: Figures) -> None:
    for m in _NOW_THEN.finditer(view.norm):
        _add(view, figs, m, now=1, then=2, word=3, points=4)
    for m in _FROM_TO.finditer(view.norm):
        _add(view, figs, m, now=3, then=2, word=1, points=4)


def _add(view: View, figs: Figures, m: re.Match, *, now: int, then: int, word: int, points: int) -> None:
    values = [parse_percent(m.group(k).replace(".", ",") + "%") for k in (now, then, points)]
    if any(v is None for v in values):
        return
    rate_to, rate_from, value = values
    figs.add("points_change", value, m.start(points), m.end(points),
             attrs={"direction": "rise" if m.group(word) == "tang" else "fall", "rate_from": rate_from,
                    "rate_to": rate_to}, unit="điểm %", label="tăng/giảm điểm phần trăm")
