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


# "đạt tỷ lệ 96,5% ... So với năm 2022 (95,3%), tỷ lệ tiêm chủng đầy đủ năm nay tăng 1,8 điểm phần trăm": the earlier
# rate in brackets after the year compared with, the rate now the last one written before it in the paragraph
_THEN_IN_BRACKETS = re.compile(r"\bso\s+voi\s+(?:cung\s*ky\s+)?(?:nam\s+(?:19|20)\d\d|nam truoc|cung\s*ky)\s*\(\s*"
                               r"(?:[^()%]{0,80}?\bty le\s*(?:la\s*)?:?\s*)?" + _RATE
                               + r"\s*\)\s*,?(?:[^.;%()]|\.(?=\d)){0,80}?\b(tang|giam)\s*(?:them\s*)?" + _POINTS)
_RATE_BEFORE = re.compile(r"(?<![\d.,])" + _RATE)
OPENS_PARAGRAPH = 12  # characters into its paragraph where a comparison opening it may start


def extract(view: View, figs: Figures) -> None:
    for m in _NOW_THEN.finditer(view.norm):
        _add(view, figs, m, now=1, then=2, word=3, points=4)
    for m in _FROM_TO.finditer(view.norm):
        _add(view, figs, m, now=3, then=2, word=1, points=4)
    for m in _THEN_IN_BRACKETS.finditer(view.norm):
        p = view.paragraph_at(m.start())
        text = view.norm[p.start if p is not None else 0:m.start()]
        rates = [r for r in _RATE_BEFORE.finditer(text) if text.rfind("(", 0, r.start()) <= text.rfind(")", 0, r.start())]
        if not rates and p is not None and m.start() - p.start < OPENS_PARAGRAPH \
                and (before := view.paragraph_before(p)) is not None:
            # "So với năm 2022 (..., tỷ lệ 95,94%), ... tăng 1,34 điểm phần trăm" opening its paragraph: the rate now the
            # last the paragraph before gave
            text = view.norm[before.start:before.end]
            rates = [r for r in _RATE_BEFORE.finditer(text)
                     if text.rfind("(", 0, r.start()) <= text.rfind(")", 0, r.start())]
        if not rates:
            continue  # (no rate written before: what moved is not known)
        rate_to, rate_from, value = (parse_percent(x.replace(".", ",") + "%")
                                     for x in (rates[-1].group(1), m.group(1), m.group(3)))
        if None in (rate_to, rate_from, value):
            continue
        figs.add("points_change", value, m.start(3), m.end(3),
                 attrs={"direction": "rise" if m.group(2) == "tang" else "fall", "rate_from": rate_from,
                        "rate_to": rate_to}, unit="điểm %", label="tăng/giảm điểm phần trăm")


def _add(view: View, figs: Figures, m: re.Match, *, now: int, then: int, word: int, points: int) -> None:
    values = [parse_percent(m.group(k).replace(".", ",") + "%") for k in (now, then, points)]
    if any(v is None for v in values):
        return
    rate_to, rate_from, value = values
    figs.add("points_change", value, m.start(points), m.end(points),
             attrs={"direction": "rise" if m.group(word) == "tang" else "fall", "rate_from": rate_from,
                    "rate_to": rate_to}, unit="điểm %", label="tăng/giảm điểm phần trăm")
