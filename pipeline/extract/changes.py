"""Rises and falls of a count of anything against an earlier count written beside them, with their percent.

``So với năm 2022 (4.012 đối tượng), số đối tượng năm 2023 tăng 203 người, tương ứng tăng 5,4%``; ``giảm 35 trẻ so
với cùng kỳ (1.250 trẻ), bằng 2,8%``: the change, the count before it and the change in percent, whatever is counted
(children vaccinated, beneficiaries, criteria, members), so that the audit can check the percent against the two
counts. Read after the families: a change a family reads as its own figure (units of blood, poor households) is theirs.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_count, parse_number, parse_percent

_N = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_NOUN = r"(?:\s+(?!tuong\s+(?:ung|duong)\b|bang\b|tuc\b|hay\b|so\b|va\b)[a-z]+){0,2}"  # what is counted: "đối tượng", "trẻ", "người"
_BASE = r"\bso\s+voi\s+(?:cung\s*ky\s+)?(?:nam\s+(?:19|20)\d\d|nam truoc|cung\s*ky)(?:\s+[a-z]+){0,3}?\s*\(\s*" + _N + _NOUN + r"\s*\)"
_STEP = r"\b(tang|giam)(?:\s+(?:them|len|xuong))?\s+" + _N + r"(?!\s*(?:%|[.,]\d|trieu|ty\b|dong|nghin|ngan|diem))" + _NOUN
_PERCENT = (r"\s*[,(]\s*(?:(?:tuong\s+(?:ung|duong)(?:\s+voi)?|bang|tuc(?:\s+la)?|hay)\s+)?(?:(?:tang|giam)\s+)?"
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
    _changes_after_the_count(view, figs, taken)
    _percent_between_counts(view, figs, taken)
    _amounts_with_percent(view, figs, taken)
    _changes_to_a_count(view, figs, taken)
    _changes_from_to(view, figs, taken)


# the count reached, then its change and its percent against a period named and not counted ("Tổng số đoàn viên ... là
# 2.458 người, tăng 95 đoàn viên, tức tăng 4,02% so với đầu năm"): the count before is the one reached less the rise
_REACHED_FIRST = re.compile(r"(?<![\d.,/])(?<!nam )" + _N + r"(?!\s*%)\s+[a-z]+(?:\s+[a-z]+){0,2}?\s*,\s*" + _STEP + _PERCENT
                            + r"\s*\)?\s*so\s+voi\b(?!\s+(?:ke hoach|chi tieu|muc tieu)\b)")


def _changes_after_the_count(view: View, figs: Figures, taken: set[int]) -> None:
    for m in _REACHED_FIRST.finditer(view.norm):
        if m.start(3) in taken or m.start(4) in taken:
            continue
        reached, change, percent = parse_count(m.group(1)), parse_count(m.group(3)), parse_percent(m.group(4) + "%")
        if not isinstance(reached, int) or not isinstance(change, int) or percent is None or not 0 < change < reached:
            continue
        rise = m.group(2) == "tang"
        before = reached - change if rise else reached + change
        attrs = {"direction": "rise" if rise else "fall", "before": before, "after": reached}
        ch = figs.add("count_change", change, m.start(3), m.end(3), attrs=attrs, unit="", label="tăng/giảm so với kỳ trước")
        figs.add("count_change_percent", percent, m.start(4), m.end(4),
                 attrs={"direction": attrs["direction"], "before": before, "change": ch.id}, unit="%",
                 label="tăng/giảm (%) so với kỳ trước")
        taken.update({m.start(3), m.start(4)})


# the count reached, then its change in percent only against a period whose count is in brackets in the same noun
# ("là 214 người, tăng 17,5% so với năm 2022 (185 người)"): the percent is the change of the two counts over the first
_PERCENT_BETWEEN = re.compile(r"(?<![\d.,/])(?<!nam )" + _N + r"\s+([a-z]+)(?:\s+[a-z]+){0,2}?\s*,\s*(tang|giam)\s+"
                              r"(\d{1,3}(?:,\d{1,2})?)\s*%\s*so\s+voi\s+(?:cung\s*ky\s+)?(?:(?:nam|vu|quy|dot|ky)\s+)?"
                              r"(?:[a-z]+\s+){0,4}?(?:(?:19|20)\d\d|truoc|cung\s*ky)\s*\(\s*" + _N + r"\s+([a-z]+)")


def _percent_between_counts(view: View, figs: Figures, taken: set[int]) -> None:
    for m in _PERCENT_BETWEEN.finditer(view.norm):
        if m.group(2) != m.group(6) or m.start(4) in taken:  # (the count reached may be a figure of a family)
            continue
        if re.search(r"\b(?:tang|giam|them|bot|hon|vuot)\s*$", view.norm[max(0, m.start(1) - 12):m.start(1)]):
            continue  # "27 vụ, giảm 8 vụ, giảm 22,9% so với năm 2023 (35 vụ)": 8 is the change, not the count reached
        reached, before, percent = parse_count(m.group(1)), parse_count(m.group(5)), parse_percent(m.group(4) + "%")
        if not isinstance(reached, int) or not isinstance(before, int) or percent is None or before <= 0:
            continue
        attrs = {"direction": "rise" if m.group(3) == "tang" else "fall", "before": before, "after": reached}
        figs.add("count_change_percent", percent, m.start(4), m.end(4), attrs=attrs, unit="%",
                 label="tăng/giảm (%) so với kỳ trước")
        taken.update({m.start(4), m.start(1)})


# the same without a percent: the count reached is then the one written just before, of the same noun; amounts with
# decimals too ("đạt 48.969,8 tấn, tăng 1.148,2 tấn so với vụ Chiêm Xuân 2023 (47.721,6 tấn)")
_Q = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_BASE_NOUN = (r"\bso\s+voi\s+(?:cung\s*ky\s+)?(?:(?:nam|vu|quy|dot|ky)\s+)?(?:[a-z]+\s+){0,4}?"
              r"(?:(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)\d\d)?|truoc|cung\s*ky)"  # ("vụ Đông Xuân 2022 - 2023")
              r"\s*\(\s*" + _Q + r"\s+([a-z]+)(?:[\s/]+[a-z]+){0,2}\s*(?:,[^()]{0,40})?\)")  # ("(441 trường hợp, tỷ lệ 19,0%)")
_STEP_NOUN = r"\b(tang|giam)(?:\s+(?:them|len|xuong))?\s+" + _Q + r"\s+(?!tuong\b|bang\b|tuc\b|so\b|va\b)([a-z]+)"
_NO_PERCENT = r"(?!" + _PERCENT + r")"
_BARE_FORMS = ((re.compile(_BASE_NOUN + r"\s*,?" + _GAP + _STEP_NOUN + _NO_PERCENT), (1, 2, 3, 4, 5)),
               (re.compile(_STEP_NOUN + r"[^.;()%\d]{0,20}?" + _BASE_NOUN + _NO_PERCENT), (4, 5, 1, 2, 3)))
_REACHED_WINDOW = 320  # characters before the comparison where the count reached may stand (its sentence or the one before)


# the same with its percent: "so với vụ Đông năm trước (1.672,1 ha) tăng 102,5 ha, tức là tăng 6,8%"
_WITH_PERCENT = re.compile(_BASE_NOUN + r"\s*,?" + _GAP + _STEP_NOUN + r"[^.;()%\d]{0,3}?" + _PERCENT)


def _amounts_with_percent(view: View, figs: Figures, taken: set[int]) -> None:
    """An amount before, in brackets with its noun, then the change in the same noun and its percent (amounts with
    decimals too: hectares, tonnes): the change and its percent, checked against the amount before."""
    for m in _WITH_PERCENT.finditer(view.norm):
        if m.group(2) != m.group(5) or m.start(4) in taken or m.start(6) in taken or m.start(1) in taken:
            continue
        before, change, percent = _amount(m.group(1)), _amount(m.group(4)), parse_percent(m.group(6) + "%")
        if before is None or change is None or percent is None or before <= 0 or change <= 0:
            continue
        attrs = {"direction": "rise" if m.group(3) == "tang" else "fall", "before": before}
        ch = figs.add("count_change", change, m.start(4), m.end(4), attrs=attrs, unit="", label="tăng/giảm so với kỳ trước")
        figs.add("count_change_percent", percent, m.start(6), m.end(6), attrs=attrs | {"change": ch.id}, unit="%",
                 label="tăng/giảm (%) so với kỳ trước")
        taken.update({m.start(4), m.start(6), m.start(1)})


def _changes_to_a_count(view: View, figs: Figures, taken: set[int]) -> None:
    """``nâng tổng số cả năm lên 1.302 trẻ ... So với năm 2023 (1.265 trẻ), số trẻ được tiêm tăng 47 trẻ``: the change,
    the count before it and the count reached, the nearest count of the same noun before the comparison in its
    paragraph (not in brackets, not a pair)."""
    for rx, (base, base_noun, word, step, step_noun) in _BARE_FORMS:
        for m in rx.finditer(view.norm):
            if m.group(base_noun) != m.group(step_noun) or m.start(step) in taken or m.start(base) in taken:
                continue
            before, change = _amount(m.group(base)), _amount(m.group(step))
            if before is None or change is None or before <= 0 or change <= 0:
                continue
            rise = m.group(word) == "tang"
            reached = _count_reached(view, min(m.start(), m.start(step)), m.group(base_noun), before, change, rise)
            if reached is None:
                continue
            attrs = {"direction": "rise" if rise else "fall", "before": before, "after": reached}
            figs.add("count_change", change, m.start(step), m.end(step), attrs=attrs, unit="",
                     label="tăng/giảm so với kỳ trước")
            taken.update({m.start(step), m.start(base)})


# the change, then the two counts it is between ("tăng 1.214 người so với thời điểm 31/12/2022, từ 18.975 người lên
# 20.089 người"); the gap between may hold a date, no other number
_FROM_TO = re.compile(_STEP_NOUN + r"(?:[^.;()%\d]|\d{1,2}/\d{1,2}/(?:19|20)\d\d){0,80}?\btu\s+" + _Q
                      + r"\s+([a-z]+)(?:\s+[a-z]+){0,2}?\s+(?:len|xuong(?: con)?|con)\s+" + _Q + r"\s+([a-z]+)")


def _changes_from_to(view: View, figs: Figures, taken: set[int]) -> None:
    """A change followed by the counts it moves between, ``từ A lên B`` of the same noun: the change against them
    (``before``, ``after``), checked as any count's change (the change = B - A)."""
    for m in _FROM_TO.finditer(view.norm):
        if not m.group(3) == m.group(5) == m.group(7) or m.start(2) in taken:
            continue
        change, before, after = _amount(m.group(2)), _amount(m.group(4)), _amount(m.group(6))
        if change is None or before is None or after is None or change <= 0:
            continue
        rise = m.group(1) == "tang"
        figs.add("count_change", change, m.start(2), m.end(2),
                 attrs={"direction": "rise" if rise else "fall", "before": before, "after": after}, unit="",
                 label="tăng/giảm so với kỳ trước")
        taken.update({m.start(2), m.start(4), m.start(6)})


def _amount(text: str) -> int | float | None:
    value = parse_number(text)
    return None if value is None else (int(value) if float(value).is_integer() and "," not in text else float(value))


def _count_reached(view: View, at: int, noun: str, before, change, rise: bool) -> int | float | None:
    """The count of ``noun`` reached, written before the comparison in its paragraph (not in brackets): of several
    ("95.590 người có thẻ ... trên tổng dân số 105.018 người"), the one the change moves the count before nearest to
    (the others count something else of the same noun)."""
    para = view.paragraph_at(at)
    lo = max(para.start if para is not None else 0, at - _REACHED_WINDOW)
    text = view.norm[lo:at]
    found = []
    for c in re.finditer(r"(?<![\d.,/])" + _Q + r"\s+" + re.escape(noun) + r"\b", text):
        opened = text.rfind("(", 0, c.start()) > text.rfind(")", 0, c.start())
        if not opened and (value := _amount(c.group(1))) is not None:
            found.append(value)
    if not found:
        return None
    return min(reversed(found), key=lambda v: abs((v - before if rise else before - v) - change))
