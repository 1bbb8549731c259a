"""Poverty figures in prose: ``7.644 hộ dân cư; trong đó hộ nghèo 3.188 hộ, chiếm 41,71%``, ``512 hộ thoát nghèo``,
``số hộ nghèo giảm từ 3.619 hộ cuối năm 2022 xuống 3.188 hộ``, ``tỷ lệ hộ nghèo 44,35%``, ``giảm 2,64%``.

A count of households (``N hộ``) takes its kind from the words after it (``hộ thoát nghèo``, ``hộ cận nghèo``,
``hộ dân cư``) or, when they say nothing, from the words before it in the clause (``hộ nghèo 3.188 hộ``). A rate
(``chiếm 41,71%``) belongs to the count just before it; a year written right after a number (``cuối năm 2022``)
is that number's year.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import DIFFERENCE_BEFORE, Figures, View
from pipeline.model import Document
from pipeline.numbers import parse_count, parse_number
from pipeline.text import normalize_ws

_COUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s+ho\b(?!\s+gia dinh)")
_AFTER = (  # words after "N hộ" -> kind
    (re.compile(r"^\s*(?:nghe?o\s+)?(?:thoat ngheo|vuot chuan|ra khoi (?:dien |danh sach )?(?:ho )?ngheo)"),
     "households_escaped"),
    (re.compile(r"^\s*(?:ngheo\s+)?tai ngheo"), "households_fell_back"),
    (re.compile(r"^\s*(?:ngheo\s+)?(?:phat sinh|moi)"), "households_new_poor"),
    (re.compile(r"^\s*can ngheo"), "near_poor_households"),
    (re.compile(r"^\s*ngheo"), "poor_households"),
    (re.compile(r"^\s*dan(?: cu)?\b"), "households"),
)
_BEFORE = (  # the last of these words before "N hộ" in its clause -> kind
    (re.compile(r"\bho thoat ngheo\b"), "households_escaped"),
    (re.compile(r"\bho tai ngheo\b"), "households_fell_back"),
    (re.compile(r"\bho ngheo (?:phat sinh|moi)\b"), "households_new_poor"),
    (re.compile(r"\bho can ngheo\b"), "near_poor_households"),
    (re.compile(r"\bho ngheo\b"), "poor_households"),
    (re.compile(r"\b(?:tong so ho|so ho dan|ho dan cu)\b"), "households"),
    (re.compile(r"\b(?:tren|/)\s*(?:tong so\s*)?$"), "households"),  # "683 hộ nghèo trên tổng số 37.310 hộ": all of them
    # the flow named before its count ("thoát nghèo 71 hộ, phát sinh mới 4 hộ", "tái nghèo 2 hộ")
    (re.compile(r"\bthoat ngheo\b[^.;\d]{0,30}$"), "households_escaped"),
    (re.compile(r"\btai ngheo\b[^.;\d]{0,30}$"), "households_fell_back"),
    (re.compile(r"\b(?:ngheo )?phat sinh\b[^.;\d]{0,30}$"), "households_new_poor"),  # "phát sinh nhiều nhất (6 hộ"
)
_BOTH = re.compile(r"\bho ngheo va (?:ho )?can ngheo\b|\bho (?:ngheo, )?can ngheo va (?:ho )?ngheo\b"
                   r"|\btai ngheo va (?:ho )?(?:ngheo )?phat sinh\b|\bphat sinh (?:moi )?va (?:ho )?tai ngheo\b")
# "Trong số 689 hộ thoát nghèo có 412 hộ chuyển sang nhóm hộ cận nghèo": some of a count just named, no count of its own
_AMONG = re.compile(r"\btrong (?:so|tong so) (?:\d[\d.]*\s+)?ho\b[^,;.]{0,40}\bco\s*$")
_SHARE = re.compile(r"^[\s,]*(?:chiem|bang|la)?\s*(?:ty le\s*)?(\d+(?:,\d+)?)\s*%")
_RATE = re.compile(r"\bty le (?:ho )?(can )?ngheo\b((?:\s+(?:cua|toan|nam|cuoi|la|con|chi|o|muc|dat|huyen|tinh|xa|"
                   r"\d{4}))*)\s*:?\s*(\d+(?:,\d+)?)\s*%")
_CHANGE = re.compile(r"\bty le (?:ho )?ngheo\b[^;.]{0,60}?\bgiam\s*(?:con\s*|duoc\s*)?(\d+(?:,\d+)?)\s*(?:%|diem phan tram\b|diem %)"
                     # "số hộ nghèo ... còn 446 hộ ..., tỷ lệ 1,18%, giảm 0,56 điểm phần trăm": the rate just named
                     r"|\bho ngheo\b(?:[^;.]|\.(?=\d)){0,80}?\bty le\s*\d+(?:,\d+)?\s*%\s*,?\s*giam\s*(\d+(?:,\d+)?)\s*"
                     r"(?:diem phan tram\b|diem %)")
# "ít nhất 600 hộ", "trên 100 hộ": a bound; not "446 hộ trên 37.842 hộ" (out of), after a count of households
_AT_LEAST = re.compile(r"\b(?:it nhat|toi thieu|phan dau)\s*$|(?<!\d ho )(?<!\d ho ngheo )(?<!\d ho can ngheo )\btren\s*$")
_TARGETS_AHEAD = re.compile(r"\b(?:chi tieu|muc tieu|phan dau)\b[^.;]{0,80}:")  # "Chỉ tiêu ... giao năm 2022: ..."
_PLANNED_BEFORE = re.compile(r"\b(?:ke hoach|chi tieu|muc tieu)\W*$")
# the start of a year ("đầu năm 2023"): the end of the year before
_YEAR_START = re.compile(r"\bdau (?:nam|ky)(?:\s+((?:19|20)\d\d))?\b[^;]*$")
_FROM_TO = re.compile(r"\bty le (?:ho )?ngheo\b[^;.]{0,40}?\bgiam tu\s*(\d+(?:,\d+)?)\s*%[^;.]{0,40}?"
                      r"\bxuong(?: con)?\s*(\d+(?:,\d+)?)\s*%")
_YEAR_AFTER = re.compile(r"^\W{0,3}(?:\w+\s+){0,3}?nam\s+((?:19|20)\d\d)\b")
_AT_YEAR_END = re.compile(r"^\W{0,3}(?:\w+\s+){0,2}?cuoi (?:nam|ky)\s+(?:19|20)\d\d\b")
_CLAUSE = re.compile(r"[;:]|\.\s|\btrong do\b")
_TARGET = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|du kien|tu \d+(?:,\d+)?\s*% den)\b")
RATE_OF = {"poor_households": "poverty_rate", "near_poor_households": "near_poverty_rate"}


# a list item's label before its colon names what its count is: "- Hộ nghèo: 2.585 hộ", "Tổng số hộ dân cư: 52.978 hộ"
_LABEL_BEFORE = re.compile(r"(?:^|\n|[;.]\s)[\s\-+*\u2022]*(?:so\s+)?(ho can ngheo|ho ngheo|ho dan(?: cu)?|tong so ho(?: dan(?: cu)?)?)"
                           r"(?:\s+(?:cuoi|dau) (?:nam|ky))?\s*:\s*$")
_LABELS = {"ho can ngheo": "near_poor_households", "ho ngheo": "poor_households", "ho dan": "households",
           "ho dan cu": "households", "tong so ho": "households", "tong so ho dan": "households",
           "tong so ho dan cu": "households"}
# a group of the households just counted, after "trong đó": its words before its count
_GROUP_IN_WHICH = re.compile(r"\btrong do\s*:?\s*(?:co\s+)?(?:so\s+)?ho (?:can )?ngheo\s+(?!la\b|co\b)([^\d,;:.()]{3,50}?)\s*(?:la|co)?\s*$")
_LEFT = re.compile(r"\b(?:cuoi (?:nam|ky)\s+)?con(?: lai)?\s*$")  # "còn 2.585 hộ": the households left at the end
# the households a sentence talks of last are the near-poor (no "hộ nghèo" after its last "hộ cận nghèo")
_NEAR_POOR_LAST = re.compile(r"\bho can ngheo\b(?!.*\bho ngheo\b)")
_OF_THE_POOR = re.compile(r"\s*(?:so\s+|tong so\s+)?(?:ho (?:can )?ngheo)\b")


def _year_after(view: View, end: int, default: int | None) -> int | None:
    m = _YEAR_AFTER.match(view.norm[end:end + 30])
    return int(m.group(1)) if m else default


_IN_WHICH = re.compile(r"^\W*trong do\b")


def _start_before(view: View, p, pos: int):
    """The start of a year the sentence before names, for a sentence that breaks down its count (``Đầu năm 2022
    toàn huyện có 11.284 hộ. Trong đó, số hộ nghèo là 5.127 hộ``)."""
    sentence = view.sentence_before(p, pos)
    if not _IN_WHICH.match(sentence):
        return None
    before = view.norm[p.start:pos - len(sentence)].rstrip()
    last = before[:-1] if before.endswith(".") else before
    return _YEAR_START.search(last[last.rfind(". ") + 1:]) if last else None


# what says where in the year a count stands, last before it in its sentence: "đầu năm" (its start: the end of the
# year before), "cuối năm", "còn", "xuống" (its end), "giảm từ" (from: the start)
_START_MARK = re.compile(r"\b(?:dau (?:nam|ky)|giam tu|(?=tu\s*$))(?:\s+((?:19|20)\d\d))?")
_END_MARK = re.compile(r"\bcuoi (?:nam|ky)\b|\bcon(?: lai)?\b|\bxuong\b|\bthoi diem\b|\btrong nam\b")
_STOCKS = ("households", "poor_households", "near_poor_households")  # counts at a time (flows are the year's)
_POOR_FALL = re.compile(r"\bgiam(?: duoc)?\s*$")
_BARE_RATE = re.compile(r"\bty le( can ngheo)?()(?:\s+(?:la|con|chi|dat))?\s*:?\s*(\d+(?:,\d+)?)\s*%")
# a list item (or a sentence) that opens with a unit and a colon: "- Xã Mù Sang: 1.057 hộ dân; ..."
_ITEM_UNIT = re.compile(r"^[\s\-+*\u2022]*((?:thi tran|xa|phuong|huyen|thanh pho|thi xa)\s[^:;,\d]{2,40}?)\s*(?::|,|\bco\b)")


def _at_start(view: View, p, s: int):
    """A match when the last mark of the year's time before ``s`` in its sentence says its start (``hộ nghèo đầu năm
    421 hộ, cuối năm 357 hộ``: 421 the start, 357 the end; ``giảm từ 230 hộ xuống 188 hộ``)."""
    sentence = view.sentence_before(p, s)
    starts = list(_START_MARK.finditer(sentence))
    ends = list(_END_MARK.finditer(sentence))
    if starts and (not ends or ends[-1].start() < starts[-1].start()):
        return starts[-1]
    return None


def _unit_of(view: View, p, s: int) -> str | None:
    """The commune (or other unit below the report's) a count or rate at ``s`` is about: named in its clause, or
    at the head of its list item (``- Xã Lả Nhì Thàng: ...``); None for the report's own."""
    about = view.sub_unit(p, s)
    if about:
        return about
    m = _ITEM_UNIT.match(view.norm[p.start:s])
    if m is None:
        return None
    return normalize_ws(view.best(p.start + m.start(1), p.start + m.end(1)))


def _poor_topic(view: View, p, s: int) -> bool:
    """Poor households are what the sentence before ``s`` talks of."""
    return bool(re.search(r"\bho ngheo\b|\bngheo\b", view.sentence_before(p, s) or view.norm[p.start:s]))


def _clause_start(view: View, p_start: int, pos: int) -> int:
    seg = view.norm[p_start:pos]
    cut = 0
    for m in _CLAUSE.finditer(seg):
        cut = m.end()
    return p_start + cut


def extract(view: View, figs: Figures, doc: Document | None = None) -> None:
    for p in view.paragraphs:
        text = view.norm[p.start:p.end]
        if _TARGET.search(text) and p.plan:
            continue  # targets of a plan are not results
        for m in _COUNT.finditer(text):
            s, e = p.start + m.start(1), p.start + m.end(1)
            value = parse_number(m.group(1))
            if not isinstance(value, int):
                continue
            if DIFFERENCE_BEFORE.search(view.norm[max(p.start, s - 30):s]):
                if _POOR_FALL.search(view.norm[max(p.start, s - 12):s]) and _poor_topic(view, p, s) \
                        and not _NEAR_POOR_LAST.search(view.sentence_before(p, s)):  # (the near-poor's fall: not theirs)
                    # "cuối năm còn 81 hộ (giảm 8 hộ)", "giảm 760 hộ so với đầu năm": the fall of the poor households
                    attrs = {"year": view.year_and_drive(p, s)[0]}
                    if (about := _unit_of(view, p, s)) is not None:
                        attrs["about"] = about
                    figs.add("poor_households_fall", value, s, e, attrs=attrs, unit="hộ", label="hộ nghèo giảm")
                continue  # "giảm 350 hộ so với năm 2022": a change, no count of households
            if _PLANNED_BEFORE.search(view.norm[max(p.start, s - 25):s]):
                continue  # "vượt 20 hộ so với kế hoạch (500 hộ)": the plan's number, no count
            if _AT_LEAST.search(view.norm[max(p.start, s - 16):s]) \
                    or _TARGETS_AHEAD.search(view.sentence_before(p, s)):
                continue  # "Chỉ tiêu ... giao năm 2022: ..., có ít nhất 600 hộ thoát nghèo": a target, no result
            if _AMONG.search(view.norm[_clause_start(view, p.start, s):s]):
                continue  # "Trong số 689 hộ thoát nghèo có 412 hộ ...": some of them
            after = view.norm[p.start + m.end():p.start + m.end() + 30]
            kind = next((k for rx, k in _AFTER if rx.match(after)), None)
            if kind is None:
                clause = view.norm[_clause_start(view, p.start, s):s]
                if _BOTH.search(clause):
                    continue  # "Tổng số hộ nghèo và hộ cận nghèo là 7.003 hộ": the two together, neither
                found = [(h.start(), k) for rx, k in _BEFORE for h in rx.finditer(clause)]
                kind = max(found)[1] if found else None
                if _LEFT.search(clause):  # "... 185 hộ nghèo phát sinh mới, nên cuối năm còn 2.585 hộ": what is left
                    kind = "near_poor_households" if _NEAR_POOR_LAST.search(view.sentence_before(p, s)) else "poor_households"
            if kind is None and (label := _LABEL_BEFORE.search(view.norm[p.start:s])) is not None:
                kind = _LABELS[label.group(1)]  # "- Hộ nghèo: 2.585 hộ, chiếm tỷ lệ 4,88%": the item's label names it
            if kind is None:
                kind = _kind_broken_down(view, figs, p, s)  # "400 hộ thoát nghèo, trong đó: 250 hộ nhờ ..."
            if kind is None and _unit_of(view, p, s) is not None \
                    and _ALL_HOUSEHOLDS.search(view.norm[_clause_start(view, p.start, s):s]):
                kind = "households"  # "- Xã Trung Đồng: 1.119 hộ;", "có 1.642 hộ", "tổng số 2.894 hộ": all of them
            if kind is None:
                continue
            year = _year_after(view, p.start + m.end(), view.year_and_drive(p, s)[0])
            at_end = _AT_YEAR_END.match(view.norm[p.start + m.end():p.start + m.end() + 30])
            start = (_at_start(view, p, s) or _start_before(view, p, s)) if kind in _STOCKS and not at_end else None
            # ("giảm từ 3.619 hộ cuối năm 2022 xuống ...": the end of the year it names, not the start of the next)
            if start and year is not None:  # "đầu năm 2023 có 3.250 hộ nghèo": the end of 2022
                year = (int(start.group(1)) if start.group(1) else year) - 1
            attrs = {"year": year}
            if kind in ("households", "poor_households", "near_poor_households"):
                attrs["plan"] = False
            if (about := _unit_of(view, p, s)) is not None:
                attrs["about"] = about  # "- Xã Mù Sang: 1.057 hộ dân; hộ nghèo đầu năm 570 hộ ...": the commune's
            elif (group := _GROUP_IN_WHICH.search(view.norm, max(p.start, s - 80), s)) is not None:
                # "2.585 hộ, ...; trong đó hộ nghèo đồng bào dân tộc Khmer 2.031 hộ": a group of them, not all
                attrs["about"] = normalize_ws(view.best(group.start(1), group.end(1)))
            figs.add(kind, value, s, e, attrs=attrs, unit="hộ", label=kind.replace("_", " "))
            at = _after_noun(view, p.start + m.end())
            share = _SHARE.match(view.norm[at:at + 30])
            frac = _FRACTION_BEFORE.search(view.norm[max(p.start, s - 14):s]) if share and kind == "households" else None
            if frac is not None and "ngheo" in view.sentence_before(p, s) \
                    and isinstance(n := parse_count(frac.group(1)), int) and 0 < n < value:
                # "(năm 2022 có 118/1.001 hộ, chiếm 11,79%)" in a sentence of the poor: the poor of that year over its
                # households, the rate theirs
                fs = s - len(view.norm[max(p.start, s - 14):s]) + frac.start(1)
                kind = "poor_households"
                figs.add(kind, n, fs, fs + len(frac.group(1)), attrs=dict(attrs), unit="hộ", label="poor households")
            elif share and kind == "households" and (poor := _counted_over(view, figs, p, s)) is not None:
                kind, attrs = poor.kind, dict(poor.attrs)  # "446 hộ nghèo trên 37.842 hộ, tỷ lệ 1,18%": the poor's rate
            if share and kind in RATE_OF and not _OF_THE_POOR.match(view.norm, at + share.end()):
                # (not "chiếm 78,57% tổng số hộ nghèo": a share of the poor, no rate of the households)
                rs, re_ = at + share.start(1), at + share.end(1)
                figs.add(RATE_OF[kind], float(parse_number(share.group(1))), rs, re_,
                         attrs={k: v for k, v in attrs.items() if k in ("year", "plan", "about")} | {"plan": False},
                         unit="%", label=RATE_OF[kind].replace("_", " "))
        for m in list(_RATE.finditer(text)) + [b for b in _BARE_RATE.finditer(text) if _poor_topic(view, p, p.start + b.start())
                                               and _unit_of(view, p, p.start + b.start()) is not None]:
            s = p.start + m.start(3)
            kind = "near_poverty_rate" if m.group(1) else "poverty_rate"
            year = _year_in_clause(view, p.start, p.start + m.start(), p.start + m.end()) or view.year_and_drive(p, s)[0]
            if (start := _at_start(view, p, s)) is not None and year is not None:
                year = (int(start.group(1)) if start.group(1) else year) - 1  # "Đầu năm 2023, ..., tỷ lệ 38,26%"
            attrs = {"year": year, "plan": False}
            if (about := _unit_of(view, p, s)) is not None:
                attrs["about"] = about  # "- Xã Bản Lang: 815 hộ dân; ... tỷ lệ 45,44%": the commune's
            figs.add(kind, float(parse_number(m.group(3))), s, p.start + m.end(3), attrs=attrs,
                     unit="%", label=kind.replace("_", " "))
        to_years: list[tuple[int, int | None]] = []  # (where a "từ ... xuống ..." ends, the year it goes down to)
        for m in _FROM_TO.finditer(text):  # "tỷ lệ hộ nghèo giảm từ 28,50% xuống 24,95%": last year's and this
            year = _year_in_clause(view, p.start, p.start + m.start(), p.start + m.end()) or view.year_and_drive(
                p, p.start + m.start())[0]
            own = [_RATE_YEAR_AFTER.match(view.norm[p.start + m.end(g):p.start + m.end(g) + 24]) for g in (1, 2)]
            if own[1]:  # "giảm từ 37,02% năm 2022 xuống còn 33,68% năm 2023": the years written after the rates
                year = int(own[1].group(1))
            elif own[0]:  # "giảm từ 24,30% (năm 2022) xuống còn 20,76%": the year after it
                year = int(own[0].group(1)) + 1
            for g, y in ((1, int(own[0].group(1)) if own[0] else (year - 1 if year else None)), (2, year)):
                figs.add("poverty_rate", float(parse_number(m.group(g))), p.start + m.start(g), p.start + m.end(g),
                         attrs={"year": y, "plan": False}, unit="%", label="poverty rate")
            to_years.append((p.start + m.end(), year))
        for m in _CHANGE.finditer(text):
            g = 1 if m.group(1) is not None else 2
            s = p.start + m.start(g)
            year = view.year_and_drive(p, s)[0]
            sentence_start = s - len(view.sentence_before(p, s))
            down = [y for end, y in to_years if sentence_start <= end <= s and y is not None]
            if down:  # "giảm từ 24,30% (năm 2022) xuống còn 20,76%, giảm 3,54%": the fall to the later year
                year = down[-1]
            figs.add("poverty_rate_change", float(parse_number(m.group(g))), s, p.start + m.end(g),
                     attrs={"year": year}, unit="điểm %", label="giảm tỷ lệ hộ nghèo")
    _breakdowns(view, figs)


_COUNT_KINDS = ("households", "poor_households", "near_poor_households", "households_escaped", "households_fell_back",
                "households_new_poor")
_BROKEN_DOWN = re.compile(r"^[^.;\d]{0,50}?\b(?:trong do|bao gom|gom|cu the)\s*(?::|(?=\d))|^[^.;\d(]{0,30}\(\s*(?:trong do|bao gom|gom)\b")
_ALL_HOUSEHOLDS = re.compile(r"(?:^|:|\btong so|\bco|\bvoi)\s*$")
_FLOWS = ("households_escaped", "households_fell_back", "households_new_poor")


def _counted_over(view: View, figs: Figures, p, s: int):
    """The count of poor (or near-poor) households that a count of all households at ``s`` stands under (``446 hộ
    nghèo trên 37.842 hộ``): the last such count before it in its clause, when ``trên`` or ``/`` joins them."""
    clause_start = _clause_start(view, p.start, s)
    if not re.search(r"\b(?:tren|/)\s*(?:tong so\s*)?$", view.norm[clause_start:s]):
        return None
    return next((f for f in reversed(figs.items) if f.kind in RATE_OF and (r := view.range_of(f.span)) is not None
                 and clause_start <= r[0] < s), None)


def _kind_broken_down(view: View, figs: Figures, p, s: int) -> str | None:
    """The kind of the count a ``trong đó:`` earlier in the sentence breaks down, for a count of ``hộ`` that names
    no kind of its own."""
    sentence = view.sentence_before(p, s)
    if not re.search(r"\btrong do\s*:", sentence):
        return None
    first = next((f for f in figs.items if f.kind in _COUNT_KINDS and (r := view.range_of(f.span)) is not None
                  and s - len(sentence) <= r[0] < s), None)
    return first.kind if first is not None else None


def _breakdowns(view: View, figs: Figures) -> None:
    """A count of households followed by ``trong đó:`` and counts of its kind in the same sentence (``820 hộ thoát
    nghèo, trong đó: 510 hộ ... ; 260 hộ ...; 40 hộ ...``): they are its parts (``part_of``), no count of the year."""
    items = [(r, f) for f in figs.items if f.kind in _COUNT_KINDS and (r := view.range_of(f.span)) is not None]
    for k, (r, f) in enumerate(items):
        if "part_of" in f.attrs:
            continue
        p = view.paragraph_at(r[0])
        tail = view.norm[r[1]:p.end]
        m = _BROKEN_DOWN.match(tail)
        if m is None:
            continue
        end = view.sentence_end(p, r[1] + m.end())
        if not m.group(0).rstrip().endswith(":") and (semi := view.norm.find(";", r[1] + m.end(), end)) >= 0:
            end = semi  # "981 hộ thoát nghèo, trong đó 612 hộ ... và 369 hộ ...; số hộ nghèo phát sinh mới là 349 hộ"
        if m.group(0).rstrip().endswith(("do", "gom")) and "(" in m.group(0):
            end = min(end, view.norm.find(")", r[1] + m.end()) % (end + 1))  # "37 hộ (gồm 31 ... và 6 ...)"
        # the newly poor may count those who fell back ("37 hộ nghèo phát sinh (gồm 31 hộ nghèo mới và 6 hộ tái nghèo)")
        kinds = _FLOWS if f.kind in _FLOWS else (f.kind,)
        parts = [g for r2, g in items[k + 1:] if g.kind in kinds and r[1] + m.end() <= r2[0] < end]
        if len(parts) >= 2:
            for g in parts:
                g.attrs["part_of"] = f.id


def _after_noun(view: View, pos: int) -> int:
    """Where the text after the words naming what a count counts (``hộ nghèo``, ``hộ cận nghèo``) starts."""
    m = re.match(r"\s*(?:dan cu|can ngheo|ngheo)?", view.norm[pos:pos + 40])
    return pos + m.end()


_YEAR_IN = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")
# the year written right after a rate ("37,02% năm 2022"; the name ``_YEAR_AFTER`` is the counts')
_RATE_YEAR_AFTER = re.compile(r"^\s*%?\s*(?:\(?\s*)?(?:cuoi |dau |vao )?nam\s+((?:19|20)\d\d)\b")


_FRACTION_BEFORE = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*$")  # "118/" before the households


def _year_in_clause(view: View, p_start: int, start: int, end: int) -> int | None:
    """A year named in the clause around a rate (``So với cuối năm 2022 (tỷ lệ hộ nghèo 44,35%)``)."""
    seg = view.norm[_clause_start(view, p_start, start):end]
    years = _YEAR_IN.findall(seg)
    return int(years[-1]) if years else None
