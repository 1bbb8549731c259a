"""Counts of things other extractors do not count, broken down after ``trong đó`` / ``gồm``.

``tổ chức 23 buổi lấy máu lưu động, trong đó 14 buổi tại các huyện và 7 buổi tại thành phố``: the whole (a
``count`` of ``buổi``) and its parts (``count`` with ``part_of``), each named by the noun they count; A403 adds the
parts up. Only things no family breaks down (sessions, drives, points, classes, news items, villages ...): units of blood,
people and households are their families' and awards and money the generic extractors'. A whole a family already
read (the drives a blood report counts) stays its figure; the parts point at it.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_count
from pipeline.text import in_brackets

# the counted nouns (match form) and how a figure names them
NOUNS = {"dot": "đợt", "buoi": "buổi", "diem": "điểm", "lop": "lớp", "cuoc": "cuộc", "hoi nghi": "hội nghị", "tin": "tin",
         "bai": "bài", "phong su": "phóng sự", "truong": "trường", "thon": "thôn", "ban": "bản", "to": "tổ",
         "doi": "đội", "chuyen": "chuyến", "xe": "xe", "co so": "cơ sở", "diem hien mau": "điểm hiến máu", "vu": "vụ",
         "giai": "giải", "huy chuong": "huy chương"}  # ("đạt 15 giải, gồm 2 giải Nhất, 4 giải Nhì, ...")
_NOUN = "|".join(sorted((re.escape(n) for n in NOUNS), key=len, reverse=True))
_NUMBER = r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})*|\d+)(?![\d/])"
_WHOLE = re.compile(rf"{_NUMBER}\s+({_NOUN})\b")
# what opens the breakdown after the whole, in its sentence: "trong đó", "gồm", "bao gồm", "cụ thể"
_OPENS = re.compile(r"[^.;:()\d]{0,80}?[,(]?\s*\b(?:trong do|bao gom|gom|cu the)\b\s*:?\s*")
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n\s*\n")
_EACH = re.compile(r"\bmoi\s+\w+\s*$")
# after the last counted part, one more item the list names without a count ("... và cơn bão số 3 (Yagi)")
_UNCOUNTED_ITEM = re.compile(r"[^;.\d]*?(?:;|\bva\b)\s+(?!\d)(?:[a-z]+\s+){1,}")


def extract(view: View, figs: Figures) -> None:
    """``count`` figures of a whole and of two or more parts of the same noun that its sentence lists after
    ``trong đó`` / ``gồm`` (``part_of`` the whole)."""
    text = view.norm
    for p in view.paragraphs:
        seg_end = p.end
        for m in _WHOLE.finditer(text, p.start, seg_end):
            noun = m.group(2)
            opens = _OPENS.match(text, m.end())
            if opens is None:
                continue
            end = _SENTENCE_END.search(text, opens.end(), seg_end)
            stop = end.start() if end else seg_end
            if "(" in text[m.end():opens.end()]:  # "20 trường (trong đó 15 trường ...) và 2 trường": the bracket's own
                close = text.find(")", opens.end(), stop)
                stop = close if close >= 0 else stop
            # a count in brackets inside the list is a part of the item before it ("22 trường tiểu học (trong đó
            # có 9 trường ...)"), no item of the list
            parts = [q for q in re.compile(rf"{_NUMBER}\s+({re.escape(noun)})\b").finditer(text, opens.end(), stop)
                     if not in_brackets(text, opens.end(), q.start())]
            if len(parts) < 2 or any(n.group(2) == noun for n in _WHOLE.finditer(text, m.end(), opens.end())) \
                    or any(_EACH.search(text, max(opens.end(), q.start(1) - 20), q.start(1)) for q in parts):
                continue  # ("quý I và quý II mỗi quý 2 đợt, quý III 1 đợt": a part counted for each of several)
            whole_value = parse_count(m.group(1))
            values = [parse_count(q.group(1)) for q in parts]
            if not isinstance(whole_value, int) or not all(isinstance(v, int) for v in values):
                continue
            if any(v >= whole_value for v in values) and sum(values) != whole_value:
                continue  # a part as large as the whole: something else counted, not a breakdown
            if _UNCOUNTED_ITEM.match(text, parts[-1].end(), stop):
                continue  # "09 đợt ...; 03 đợt ...; 01 đợt ... và cơn bão số 3": an item the list names uncounted
            what = NOUNS[noun]
            # a figure a family already read there ("tổ chức 4 đợt hiến máu": the drives counted) is the whole
            whole = next((f for f in figs.items if f.value == whole_value and (r := view.range_of(f.span)) is not None
                          and r[0] == m.start(1)), None) \
                or figs.add("count", whole_value, m.start(1), m.end(1), attrs={"what": what}, label=what)
            for q, v in zip(parts, values):
                figs.add("count", v, q.start(1), q.end(1), attrs={"what": what, "part_of": whole.id}, label=what)
    _by_heading(view, figs)
    _listed_under(view, figs)
    _any_noun(view, figs)


# a count of any noun broken down after "gồm" / "bao gồm" / "cụ thể" later in its sentence, past asides that
# compare it ("giải quyết việc làm cho 3.512 lao động, đạt 50,2% kế hoạch, tăng 7,2% so với cùng kỳ (3.276 lao động);
# gồm: ... 1.847 lao động, ... 1.223 lao động và ... 412 lao động")
_ANY_WHOLE = re.compile(rf"{_NUMBER}\s+([a-z]+(?: [a-z]+)?)\b")
_EXHAUSTIVE_OPENS = re.compile(r"(?:[;,]\s*|\s)(?:(?:gom|bao gom|cu the)\b\s*:?|trong do\s*:)\s*")  # ("trong đó:" lists all)
# nouns of people whose parts a list may count as "người" ("đào tạo nghề cho 1.120 lao động, ..., trong đó: trình độ sơ
# cấp 385 người, ...")
_PEOPLE_NOUNS = re.compile(r"^(?:lao dong|hoc vien|doan vien|hoi vien|dang vien|thanh nien|cong nhan|doi tuong|"
                           r"can bo|nguoi lao dong|benh nhan)$")
# measures, money, dates and what the families count (units of blood, households): theirs, or no count of things
_NOT_THINGS = re.compile(r"^(?:ha|tan|ta|kg|km|m|m2|m3|lit|dong|trieu|ty|nghin|ngan|trang|thang|nam|ngay|gio|phut|"
                         r"don vi|ho|xa|phuong|thi tran|huyen|lan|muc|phan)\b")


def _any_noun(view: View, figs: Figures) -> None:
    text = view.norm
    starts = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for p in view.paragraphs:
        for m in _ANY_WHOLE.finditer(text, p.start, p.end):
            if m.start(1) in starts or _NOT_THINGS.match(m.group(2)) or m.group(2).split()[0] in NOUNS:
                continue
            end = _SENTENCE_END.search(text, m.end(), p.end)
            stop = end.start() if end else p.end
            opens = next((o for o in _EXHAUSTIVE_OPENS.finditer(text, m.end(), stop)
                          if not in_brackets(text, m.end(), o.start())), None)
            if opens is None:
                continue
            nouns = (m.group(2), m.group(2).split()[0]) + (("nguoi",) if _PEOPLE_NOUNS.match(m.group(2)) else ())
            for noun in dict.fromkeys(nouns):
                counted = re.compile(rf"{_NUMBER}\s+{re.escape(noun)}\b")
                if any(not in_brackets(text, m.end(), q.start()) for q in counted.finditer(text, m.end(), opens.start())):
                    break  # another count of the noun before the list: the list is its
                parts = [q for q in counted.finditer(text, opens.end(), stop) if not in_brackets(text, opens.end(), q.start())]
                if len(parts) < 2:
                    continue
                whole_value, values = parse_count(m.group(1)), [parse_count(q.group(1)) for q in parts]
                if not isinstance(whole_value, int) or not all(isinstance(v, int) for v in values) \
                        or any(v >= whole_value for v in values) or any(q.start(1) in starts for q in parts):
                    break
                named = len(noun) if m.group(2).startswith(noun) else len(m.group(2))  # (parts in "người": the whole's noun)
                what = view.best(m.start(2), m.start(2) + named).lower()
                whole = figs.add("count", whole_value, m.start(1), m.end(1), attrs={"what": what}, label=what)
                for q, v in zip(parts, values):
                    figs.add("count", v, q.start(1), q.end(1), attrs={"what": what, "part_of": whole.id}, label=what)
                starts.update(q.start(1) for q in parts)
                break


# a paragraph that breaks the count before it down by one criterion ("Phân theo tuyến đường: đường Hồ Chí Minh 7 vụ;
# quốc lộ 5 vụ; ..."): its items of the same noun add up to the last such count of the paragraph before
_BY_CRITERION = re.compile(r"\W*(?:phan|chia) theo\s+[^:.;\d]{2,40}:\s*")


def _by_heading(view: View, figs: Figures) -> None:
    text = view.norm
    for p in view.paragraphs:
        head = _BY_CRITERION.match(text, p.start, p.end)
        before = view.paragraph_before(p)
        if head is None or before is None:
            continue
        end = _SENTENCE_END.search(text, head.end(), p.end)
        stop = end.start() if end else p.end
        items = list(_WHOLE.finditer(text, head.end(), stop))
        nouns = {q.group(2) for q in items}
        if len(items) < 2 or len(nouns) != 1:
            continue
        noun = nouns.pop()
        wholes = [m for m in _WHOLE.finditer(text, before.start, before.end) if m.group(2) == noun]
        values = [parse_count(q.group(1)) for q in items]
        if not wholes or not all(isinstance(v, int) for v in values) \
                or any(f.attrs.get("part_of") for f in figs.items if (r := view.range_of(f.span)) is not None
                       and r[0] in {q.start(1) for q in items}):
            continue
        if len(wholes) > 1:  # several counts of the noun before ("16 vụ tai nạn ... 19 vụ va chạm"): the one they make
            wholes = [m for m in wholes if parse_count(m.group(1)) == sum(values)]
            if len(wholes) != 1:
                continue
        m = wholes[0]
        whole_value = parse_count(m.group(1))
        if not isinstance(whole_value, int) or any(v >= whole_value for v in values):
            continue
        what = NOUNS[noun]
        whole = next((f for f in figs.items if f.kind == "count" and (r := view.range_of(f.span)) is not None
                      and r[0] == m.start(1)), None) \
            or figs.add("count", whole_value, m.start(1), m.end(1), attrs={"what": what}, label=what)
        for q, v in zip(items, values):
            figs.add("count", v, q.start(1), q.end(1), attrs={"what": what, "part_of": whole.id}, label=what)


# a count whose paragraph ends on the colon of a breakdown ("Toàn huyện có 124.945 người tham gia BHYT, ... Chia theo
# nhóm đối tượng:"), then list items each counting the same noun ("- Nhóm do tổ chức BHXH đóng: 2.105 người;")
_COLON_BREAKDOWN = re.compile(r"(?:\b(?:chia|phan) theo\s+[^:.;\d]{2,40}|\b(?:gom|bao gom|cu the|nhu sau))\s*:\s*$")
_ANY_COUNT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/,%])\s+([a-z]+)\b")
_ITEM = re.compile(r"^\s*(?:[-+*\u2022\u2013]|[a-z]\)|\d{1,2}[.)](?!\d))\s*")
MIN_ITEMS = 2


def _listed_under(view: View, figs: Figures) -> None:
    """The count closing its paragraph's last sentence before a breakdown's colon is the whole of the items listed
    right under it, each one the first count of that noun in its line (``count`` figures, A403); a figure a family or
    another reading already has there is theirs (nothing added)."""
    text = view.norm
    starts = {r[0]: f for f in figs.items if (r := view.range_of(f.span)) is not None}
    for p in view.paragraphs:
        para = text[p.start:p.end]
        if not _COLON_BREAKDOWN.search(para):
            continue
        cut = max(para.rfind(". "), 0)
        counts = list(_ANY_COUNT.finditer(para, cut))
        if not counts:  # "... 1,3 điểm phần trăm. Chia theo nhóm đối tượng:": the sentence before counts
            cut = max(para.rfind(". ", 0, cut), 0)
            counts = list(_ANY_COUNT.finditer(para, cut))
        if not counts:
            continue
        whole_m = counts[0]  # the sentence's count, not a rate's base or a year after it
        noun, at = whole_m.group(2), p.start + whole_m.start(1)
        items = _items_counting(view, p.end, noun)
        if len(items) < MIN_ITEMS or at in starts and starts[at].kind != "count" \
                or any(h.start(1) in starts for h in items):
            continue
        whole_value, values = parse_count(whole_m.group(1)), [parse_count(h.group(1)) for h in items]
        if not isinstance(whole_value, int) or not all(isinstance(v, int) for v in values) \
                or any(v >= whole_value for v in values):
            continue
        what = view.best(at + len(whole_m.group(1)) + 1, at + len(whole_m.group(1)) + 1 + len(noun)).lower()
        whole = starts.get(at) or figs.add("count", whole_value, at, at + len(whole_m.group(1)), attrs={"what": what},
                                           label=what)
        for h in items:
            figs.add("count", parse_count(h.group(1)), h.start(1), h.end(1), attrs={"what": what, "part_of": whole.id},
                     label=what)


def _items_counting(view: View, end: int, noun: str) -> list:
    """The list items on the lines after ``end``, each one's first count of ``noun`` (on its line or the lines it
    wraps to), until a line that is neither an item nor a wrapped one; empty when an item counts no ``noun``."""
    text, items, current, blank = view.norm, [], None, False
    for ln in view.lines:
        if ln.start <= end:
            continue
        line = text[ln.start:ln.end]
        if not line.strip():
            blank = True
            continue
        mark = _ITEM.match(line)
        if mark is None and (blank or current is None):
            break  # (a paragraph of its own after the list)
        if mark is not None:
            if current is not None and current[1] is None:
                return []
            current = [ln.start + mark.end(), None]
            items.append(current)
        blank = False
        if current[1] is None:
            current[1] = next((h for h in _ANY_COUNT.finditer(text, max(current[0], ln.start), ln.end)
                               if h.group(2) == noun), None)
    if any(c[1] is None for c in items):
        return []
    return [c[1] for c in items]

