"""Rises and falls of a count of anything against an earlier count written beside them, with their percent.

``So với năm 2022 (4.012 đối tượng), số đối tượng năm 2023 tăng 203 người, tương ứng tăng 5,4%``; ``giảm 35 trẻ so
với cùng kỳ (1.250 trẻ), bằng 2,8%``: the change, the count before it and the change in percent, whatever is counted
(children vaccinated, beneficiaries, criteria, members), so that the audit can check the percent against the two
counts. Read after the families: a change a family reads as its own figure (units of blood, poor households) is theirs.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_count, parse_percent

_N = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_NOUN = r"(?:\s+(?!tuong (?:ung|duong)\b|bang\b|tuc\b|hay\b|so\b|va\b)[a-z]+){0,2}"  # what is counted: "đối tượng", "trẻ", "người"
_BASE = r"\bso voi\s+(?:cung\s*ky\s+)?(?:nam\s+(?:19|20)\d\d|nam truoc|cung\s*ky)(?:\s+[a-z]+){0,3}?\s*\(\s*" + _N + _NOUN + r"\s*\)"
_STEP = r"\b(tang|giam)(?:\s+(?:them|len|xuong))?\s+" + _N + r"(?!\s*(?:%|[.,]\d|trieu|ty\b|dong|nghin|ngan|diem))" + _NOUN
_PERCENT = (r"\s*[,(]\s*(?:(?:tuong (?:ung|duong)(?: voi)?|bang|tuc(?: la)?|hay)\s+)?(?:(?:tang|giam)\s+)?"
            r"(\d{1,3}(?:,\d{1,2})?)\s*%")
_GAP = r"(?:[^.;()%]|\.(?=\d)){0,90}?"  # within the sentence (a dot only between digits)
# the count before named first, then the change and its percent
_BASE_FIRST = re.compile(_BASE + r"\s*,?" + _GAP + _STEP + _PERCENT)
# the change, then the count before in brackets after its words, then the percent
_STEP_FIRST = re.compile(_STEP + r"\s*" + _BASE + _PERCENT)


def extract(view: View, figs: Figures) -> None:
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for rx, (base, word, step, pct) in ((_BASE_FIRST, (1, 2, 3, 4)), (_STEP_FIRST, (3, 1, 2, 4))):
        for m in rx.finditer(view.norm):
            if m.start(step) in taken or m.start(pct) in taken or m.start(base) in taken:
                continue
            before, change, percent = parse_count(m.group(base)), parse_count(m.group(step)), \
                parse_percent(m.group(pct) + "%")
            if not isinstance(before, int) or not isinstance(change, int) or percent is None or before <= 0:
                continue
            attrs = {"direction": "rise" if m.group(word) == "tang" else "fall", "before": before}
            ch = figs.add("count_change", change, m.start(step), m.end(step), attrs=attrs, unit="",
                          label="tăng/giảm so với kỳ trước")
            figs.add("count_change_percent", percent, m.start(pct), m.end(pct), attrs=attrs | {"change": ch.id},
                     unit="%", label="tăng/giảm (%) so với kỳ trước")
            taken.update({m.start(step), m.start(pct), m.start(base)})
