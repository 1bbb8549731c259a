"""A count of anything set against its plan in one sentence, with the rate it reached.

``Tổng cộng 295 lượt người hiến máu trên kế hoạch được giao là 270 lượt, vượt 9,3% so với kế hoạch``; ``thu được
5.002,9 triệu đồng, bằng 66,7% dự toán (7.500 triệu đồng)``: the count, the plan and the rate, whatever is counted,
so that the audit can check the rate (``đạt`` / ``bằng``: count / plan; ``vượt``: the excess over the plan). Read
after the families: a plan a family reads as its own quota (units of blood) is theirs.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_number, parse_percent

_N = r"(\d{1,3}(?:\.\d{3})+(?:,\d{1,3})?|\d+(?:,\d{1,3})?)"
_WORDS = r"(?:\s+(?:(?!(?:tren|so\s+voi|dat|bang|vuot|va|ke hoach|chi tieu|du toan)\b)[a-z]+|\d{1,3}(?=\s+tuoi\b))){0,5}"
# (an age among the words: "16 trẻ dưới 1 tuổi, bằng 22,2% kế hoạch năm (72 trẻ)")
_PLAN = r"(?:ke hoach|chi tieu|du toan)(?:\s+(?:(?:duoc\s+)?giao|nam|cua\s+\w+(?:\s+\w+)?)){0,2}"
_RATE = r"\s*,\s*(dat|bang|vuot)\s+(\d{1,3}(?:,\d{1,2})?)\s*%"
# the count, then "trên/so với kế hoạch (được giao) (là) N ...", then the rate
_PLAN_AFTER = re.compile(r"(?<![\d.,/])" + _N + _WORDS + r"\s+(?:tren|so\s+voi)\s+(?:tong so\s+)?" + _PLAN
                         + r"\s*(?:la|:)?\s*" + _N + _WORDS + _RATE)
# the count, then the rate of the plan, the plan in brackets ("bằng 66,7% dự toán (7.500 triệu đồng)")
# (a change against last year may stand between: "đón 3.540.500 lượt khách, tăng 11,34% so với năm 2023 và bằng 102,62%
# kế hoạch năm (kế hoạch 3.450.000 lượt)")
_CHANGE_BETWEEN = r"(?:\s*,\s*(?:tang|giam)\s+\d{1,3}(?:,\d{1,2})?\s*%[^,;()\d%]{0,30}?(?:\d{4})?)?\s*(?:,|\bva\b)"
_PLAN_IN_BRACKETS = re.compile(r"(?<![\d.,/])" + _N + _WORDS + _CHANGE_BETWEEN + r"\s*(dat|bang|vuot)\s+(\d{1,3}(?:,\d{1,2})?)\s*%\s+(?:so\s+voi\s+)?"
                               + _PLAN + r"[^\d();.]{0,30}\(\s*(?:(?:ke hoach|chi tieu|du toan)\s*(?:la\s*)?)?" + _N + _WORDS + r"\s*\)")


# the plan first, then what was done of it, then the rate ("kế hoạch 5.600 triệu đồng, giải ngân 2.478 triệu đồng, đạt
# 44,2%")
_DONE = r"(?:giai ngan|thuc hien|da thu|thu duoc|dat duoc|ket qua|quyet toan|da chi|thuc chi)"
_PLAN_FIRST = re.compile(r"\b" + _PLAN + r"\s*(?:la|:)?\s*" + _N + _WORDS + r"\s*,\s*" + _DONE + r"\s*(?:la|:|duoc)?\s*"
                         + _N + _WORDS + _RATE)


_BASE_OF_ANOTHER = re.compile(r"(?:\btren|\bduoi|\bso\s+voi|/|\bnam|\bthang|\bngay|\bquy)\s*$")  # the base of another ratio ("trên 112 người"), a year


def extract(view: View, figs: Figures) -> None:
    taken = {r[0] for f in figs.items if f.kind in ("units_quota",) and (r := view.range_of(f.span)) is not None}
    done: set[int] = set()
    for rx, (count, plan, verb, rate) in ((_PLAN_AFTER, (1, 2, 3, 4)), (_PLAN_IN_BRACKETS, (1, 4, 2, 3)),
                                          (_PLAN_FIRST, (2, 1, 3, 4))):
        for m in rx.finditer(view.norm):
            if m.start(plan) in taken or m.start(rate) in done or view.norm.count("\n", m.start(), m.end()) > 1 \
                    or _BASE_OF_ANOTHER.search(view.norm[max(0, m.start(count) - 12):m.start(count)]):
                continue  # ("98 người hiến trên 112 người đăng ký, đạt 108,9% chỉ tiêu (90 người)": 112 is no count)
            value, whole, pct = parse_number(m.group(count)), parse_number(m.group(plan)), parse_percent(m.group(rate) + "%")
            if value is None or whole is None or pct is None or whole <= 0:
                continue
            over = m.group(verb) == "vuot"
            figs.add("count_plan_rate", pct, m.start(rate), m.end(rate),
                     attrs={"count": float(value), "plan_count": float(whole), "exceeds": over},
                     unit="%", label="vượt kế hoạch (%)" if over else "đạt kế hoạch (%)")
            done.add(m.start(rate))
    _plan_in_a_table(view, figs, done)


# the count, then the rate of a plan the sentence does not give ("toàn huyện có 146 lao động xuất cảnh đi làm việc ở nước
# ngoài, đạt 29,2% kế hoạch năm;"): the plan is the one a table of the report gives beside that count (A313)
_PLAN_UNWRITTEN = re.compile(r"(?<![\d.,/])" + _N + r"\s+[a-z]+(?:[^.;:()\d%]|\.(?=\d)){0,70}?\s*,\s*(dat|bang|vuot)\s+"
                             r"(\d{1,3}(?:,\d{1,2})?)\s*%\s+(?:so\s+voi\s+)?" + _PLAN + r"(?![^\d();.]{0,30}\()")


def _plan_in_a_table(view: View, figs: Figures, done: set[int]) -> None:
    starts = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _PLAN_UNWRITTEN.finditer(view.norm):
        if m.start(3) in done or m.start(3) in starts \
                or _BASE_OF_ANOTHER.search(view.norm[max(0, m.start(1) - 12):m.start(1)]):
            continue  # (a rate a family reads as its own, "đạt 105,3% chỉ tiêu" of units of blood, is theirs)
        value, pct = parse_number(m.group(1)), parse_percent(m.group(3) + "%")
        if value is None or pct is None or value <= 0:
            continue
        over = m.group(2) == "vuot"
        figs.add("count_plan_rate", pct, m.start(3), m.end(3), attrs={"count": float(value), "exceeds": over},
                 unit="%", label="vượt kế hoạch (%)" if over else "đạt kế hoạch (%)")
        done.add(m.start(3))

