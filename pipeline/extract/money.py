"""Money: amounts in VND with what they are for, their level, and how they relate to each other.

``tổng giá trị khen thưởng: 146.530.000 đồng`` -> 146530000 VND. Besides purpose (khen thưởng, hỗ trợ,
kinh phí, quà tặng) and level (the section's award level, or "các cấp"), each amount records:

* ``what``: ``total`` when its clause says it is one (``Tổng số tiền``, ``tổng giá trị``, ``tổng kinh phí``),
  ``part`` when it breaks a total down (in brackets right after it, or after ``gồm:`` / ``trong đó``, or before
  a total whose clause only sums: ``Tổng cộng: ...``);
* ``per``: the recipients each of whom gets it (``mỗi tập thể được thưởng 1.404.000 đồng``; ``mỗi cá nhân,
  hộ gia đình ...`` -> ``cá nhân; hộ gia đình``), so that a total can be checked against rate x count;
* ``in_words``: the amount the words in brackets after it say (``(Ba mươi mốt triệu ... đồng)``).
"""

from __future__ import annotations

import re

from pipeline.extract.awards import level_of
from pipeline.extract.nlp import DONG, NUM, PatternSet
from pipeline.extract.paragraphs import SUM_WORDS
from pipeline.extract.spans import Figures, View
from pipeline.model import Figure
from pipeline.numbers import SCALES, parse_number, parse_number_words, qualify, scaled
from pipeline.text import normalize_ws

PATTERNS = {"MONEY": [[NUM, DONG]], "SCALED": [[NUM, {"LOWER": {"IN": list(SCALES)}}, DONG]],
            # OCR put a space after a thousands dot: "18.000. 000 đồng"
            # a millions-sized amount before a word OCR made of "đồng" ("22.000.000 ding", restored "dùng")
            "MILLIONS": [[{"TEXT": {"REGEX": r"^\d{1,3}(?:\.\d{3}){2,}$"}},
                          {"LOWER": {"IN": ["ding", "dung", "dinh", "deng", "dang", "duong", "ddng", "bong", "pong"]}}]],  # (Đ read as b, P)
            "SPLIT": [[{"TEXT": {"REGEX": r"^\d{1,3}(?:\.\d{3})*$"}}, {"TEXT": "."}, {"TEXT": {"REGEX": r"^\d{3}$"}},
                       DONG]]}
PURPOSES = [
    (re.compile(r"khen|\btien thuong\b|\bthuong\b"), "khen thưởng"),
    (re.compile(r"ho tro"), "hỗ trợ"),
    (re.compile(r"kinh phi|du toan"), "kinh phí"),
    (re.compile(r"\b(?:qua tang|tang qua|suat qua|phan qua)\b"), "quà tặng"),
]
_BASE_SALARY = re.compile(r"\b(?:muc )?luong (?:co so|toi thieu)\s*(?:la|:|\()?\s*$")
# an amount right after the words of a plan a result is set against ("đạt 105,2% chỉ tiêu 28 tỷ đồng", "bằng 98% kế
# hoạch năm là 5.000 triệu đồng")
_TARGET_BEFORE = re.compile(r"\d\s*%\s*(?:so\s+voi\s+)?(?:chi tieu|ke hoach|muc tieu|du toan)(?:\s+(?:nam|giao|duoc giao|de ra))?"
                            r"(?:\s+(?:19|20)\d\d)?\s*(?:la|:|\()?\s*$")
DONOR = "người hiến máu"  # ``mỗi người hiến máu được hỗ trợ 50.000 đồng``: each donor's amount
MIN_VND = 1000  # "2 đ" is not money; amounts in reports are thousands at least
_TOTAL = re.compile(r"\btong\s+(?:so\s+tien|gia\s+tri|kinh\s+phi|cong|so|tien|du\s+toan|nguon(?:\s+von)?|von|muc\s+chi|chi|thu)\b"
                    r"|\btong\b\s*:?\s*$")  # (words a scan spaced apart: "Tổng  số  tiền")
# an amount its sentence breaks down right after it ("Số dự toán không giải ngân hết là 1.748,379 triệu đồng, trong đó
# chuyển nguồn ... 1.597,164 triệu đồng, hủy dự toán 169,215 triệu đồng"): a total
_OPENS_PARTS = re.compile(r"\s*[,;]?\s*(?:trong do|bao gom|gom)\b")
# "mỗi tập thể", "mỗi cá nhân, hộ gia đình" (OCR: "mdi cé nhan", "h6 gia dinh")
# ("mỗi cá nhân, mỗi hộ gia đình được thưởng 540.000 đồng": each of both)
_PER = re.compile(r"\bm[aoeud]i\s+((?:(?:tap th\w|c[aoe] nh\w{1,2}n|h\w gia d\w{2,3}|nguoi(?: hien mau)?)\s*"
                  r"(?:(?:,|va|hoac)\s*(?:m[aoeud]i\s+)?)?\s*)+)")
_RECIPIENT = {r"tap th\w": "tập thể", r"c[aoe] nh\w{1,2}n": "cá nhân", r"h\w gia d\w{2,3}": "hộ gia đình",
              r"nguoi": DONOR}
_BREAKDOWN = re.compile(r"(?:\bgom\b|\bbao gom\b|\btrong do\b|\bcu the\b)\s*:?")
_WORDS_AFTER = re.compile(r"^\s*\(\s*(?:bang chu\s*:?\s*)?([a-z ,]+?)\s*dong(?:\s+chan)?\s*\.?\)")  # "đồng chẵn"

FINDER = PatternSet(PATTERNS)


def _unbracketed_clause(view: View, p, pos: int) -> str:
    """The clause before ``pos`` with what brackets say left out (``Tổng số tiền thưởng (06 tập thể; 11 cá nhân) là``:
    a semicolon inside brackets ends no clause)."""
    sentence = re.sub(r"\([^()]*\)", " ", view.sentence_before(p, pos))
    return sentence[sentence.rfind(";") + 1:]


def _per(clause: str) -> str | None:
    m = None
    for m in _PER.finditer(clause):
        pass
    if m is None:
        return None
    if _TOTAL.search(clause[m.end():]):
        return None  # "mỗi người ... 30.000 đồng, tổng số tiền 2.220.000": the total after each one's amount
    found = [name for key, name in _RECIPIENT.items() if re.search(rf"\b{key}\b", m.group(1))]
    return "; ".join(found) or None


# "Mức tiền thưởng kèm theo Giấy khen ...: tập thể 447.000 đồng, cá nhân 223.500 đồng": each recipient's amount, its
# kind right before it in a sentence that names the award's rate
_RATE_SENTENCE = re.compile(r"\bmuc (?:tien )?thuong\b")
_RECIPIENT_BEFORE = re.compile(r"(?:^\s*|[,;:]\s*|\bva\s+)(tap\s+the|ca\s+nhan|ho\s+gia\s+dinh)\s*(?:la|:)?\s*$")


# "- Cá nhân: 0,15 lần mức lương cơ sở = 223.500 đồng/người": a list item headed by its kind of recipient
_RECIPIENT_ITEM = re.compile(r"(?:^\s*|[;:]\s*|[-+*\u2022]\s*)(tap\s+the|ca\s+nhan|ho\s+gia\s+dinh)\s*:[^;:]*$")
RATE_REACH = 300  # characters before an amount where the words naming the award's rate may stand (its list's lead-in)
_RECIPIENT_WORDS = {"tap the": "tập thể", "ca nhan": "cá nhân", "ho gia dinh": "hộ gia đình"}


def _rate_of_recipient(view: View, p, pos: int, clause: str) -> str | None:
    sentence = view.sentence_before(p, pos)
    m = _RECIPIENT_BEFORE.search(clause[-24:]) or _RECIPIENT_ITEM.search(sentence[-90:])
    if m is None or not _RATE_SENTENCE.search(view.norm[max(0, pos - RATE_REACH):pos]):
        return None
    return _RECIPIENT_WORDS[" ".join(m.group(1).split())]


# an amount for each one of something ("mỗi hội nghị 2.500.000 đồng", "mỗi suất 100.000 đồng", "80.000 đồng/suất"):
# a rate, no part of a total (the product is)
# (not "xây mới nhà 1.300 triệu đồng": "mới", new, reads as "mỗi" once its marks are gone; "mỗi căn hỗ trợ 50 triệu";
# nor "số thu mới đạt 58.246 triệu đồng": only reached)
_EACH_BEFORE = re.compile(r"(?<!xay )(?<!lam )(?<!dong )(?<!cap )(?<!mua )(?<!trong )(?<!sua )"
                          r"\bm[oô]i\s+(?!(?:dat|chi|co|duoc|thu|giai ngan|hoan thanh|thuc hien)\b)([a-z]+(?: [a-z]+)?)\s*(?:(?:ho tro|duoc ho tro|duoc|nhan|tri gia|tr[iị] gi[aá]|la|:)\s*)?$")
_EACH_AFTER = re.compile(r"\s*(?:trieu |nghin |ngan )?(?:dong|d|vnd)?\s*/\s*([a-z]+(?: [a-z]+)?)")


def _per_item(clause: str, after: str) -> str | None:
    """What an amount is each one's, named before it (``mỗi hội nghị``) or after it (``đồng/suất``)."""
    m = _EACH_BEFORE.search(clause[-40:]) or _EACH_AFTER.match(after) or _TIMES_BEFORE.search(clause[-40:])
    return normalize_ws(m.group(1)) if m else None


# "(3.320 suất x 20.000 đồng)": the price of each one, a count before it and the product beside
_TIMES_BEFORE = re.compile(r"\d[\d.]*\s+([a-z]+(?: [a-z]+)?)\s*[x\u00d7*]\s*$")


def extract(view: View, figs: Figures) -> None:
    toks = view.tokens
    totals: list[tuple[Figure, int]] = []  # (a total, where its sentence ends)
    for label, i, j in FINDER.find(toks):
        s, e = toks.char_span(i, i + 1)
        value = parse_number(view.norm[s:e])
        end = toks.ends[j - 1]
        if label == "SPLIT":
            e = toks.ends[i + 2]
            value = parse_number(view.norm[s:e].replace(" ", ""))
        if value is not None and label == "SCALED":
            value = scaled(value, toks.doc[i + 1].lower_)
            e = toks.ends[i + 1]
        if not isinstance(value, int) or value < MIN_VND:
            continue
        p = view.paragraph_at(s)
        clause = view.clause_before(p, s)
        purpose = next((name for rx, name in PURPOSES if rx.search(clause)), None)
        q = qualify(value, clause)
        attrs = {"purpose": purpose, "level": level_of(p, clause, None)}
        per = _per(clause) or _rate_of_recipient(view, p, s, clause) or _per_item(clause, view.norm[end:end + 24])
        per = _RECIPIENT_WORDS.get(per, per) if per else per
        if _BASE_SALARY.search(clause[-40:]):
            per, attrs["what"] = None, "reference"  # "(bằng 0,6 lần mức lương cơ sở 1.490.000 đồng)": a measure
        elif _TARGET_BEFORE.search(clause[-40:]):
            attrs["what"] = "target"  # "đạt 105,2% chỉ tiêu 28 tỷ đồng": the plan a result is set against, no total
        if per:
            attrs["per"] = per
        factor = bool(re.match(r"\s*=", view.norm[end:end + 4]))  # "113 người x 50.000 đồng = 5.650.000": the price
        parent = None if per or factor or attrs.get("what") in ("reference", "target") else _parent(view, p, s, totals)  # what each one
        # gets is no part of the total, nor the base salary it is reckoned from
        if parent is not None:
            attrs["what"] = "part"
            attrs["part_of"] = parent.id
            attrs["purpose"] = attrs["purpose"] or parent.attrs.get("purpose")
            attrs["level"] = attrs["level"] or parent.attrs.get("level")
        elif not per and attrs.get("what") not in ("reference", "target") and not re.match(r"\s*=", view.norm[end:end + 4]) and (
                _TOTAL.search(clause[-60:]) or _TOTAL.search(_unbracketed_clause(view, p, s)[-60:])
                or _broken_down_in_brackets(view.norm[end:end + 200]) or _OPENS_PARTS.match(view.norm[end:end + 30])):
            attrs["what"] = "total"
        words = _WORDS_AFTER.match(view.norm[end:end + 160])
        if words:
            said = parse_number_words(words.group(1).replace(",", " ").split())
            if said and said[1] == len(words.group(1).replace(",", " ").split()):
                attrs["in_words"] = said[0]
        fig = figs.add("money", value, s, e, unit="VND", qualifier=q.qualifier, low=q.low, high=q.high,
                       attrs=attrs, label=purpose or "số tiền")
        if attrs.get("what") == "total":
            totals.append((fig, _sentence_end(view, p, end)))
    _sums_after(view, figs)
    _items_after(view, figs)
    _balance(view, figs)
    _changes(view, figs)
    _differences(view, figs)
    _each_times_count(view, figs)


_SCALE = r"(?:\s*(?:trieu|ty|nghin|ngan))?\s*(?:dong|d)\b"
# "doanh số 8.915 triệu đồng, tăng 1.375 triệu đồng (16,7%) so với cùng kỳ": an amount, its change and that in percent
_CHANGE = re.compile(r"(\d[\d.,]*)" + _SCALE + r"[^\d;.()]{0,12}?,?\s*(tang|giam)\s+(?:them\s+)?(\d[\d.,]*)" + _SCALE
                     + r"\s*\(\s*(?:(?:tang|giam|tuong\s+duong|bang)\s*)?(\d{1,3}(?:,\d{1,2})?)\s*%\s*\)")


def _amounts_at(view: View, figs: Figures) -> dict[int, Figure]:
    """The amounts of money read so far, by where each starts in the view's text."""
    return {r[0]: f for f in figs.items if f.kind == "money" and (r := view.range_of(f.span)) is not None}


def _changes(view: View, figs: Figures) -> None:
    """An amount written with its rise or fall in money and in percent after it (``8.915 triệu đồng, tăng 1.375
    triệu đồng (16,7%)``): ``money_change_percent`` with the amount (``of``) and the change (``change``), checked
    by A311 (the percent is the change over the amount before it); or with the amount before in brackets, before the
    change (``so với năm 2022 (2.176.300.000 đồng) tăng 272.150.000 đồng, tương đương tăng 12,5%``: ``before_of``
    and ``change``) or after the percent (``tăng 12,2% so với cùng kỳ năm 2023 (945 triệu đồng)``: ``of`` and
    ``before_of``)."""
    money = _amounts_at(view, figs)
    # each form: the groups of the amounts it names (the amount, the change, the amount before) and of its percent;
    # its group 2 says rise or fall
    forms = ((_CHANGE, {"of": 1, "change": 3}, 4), (_BEFORE_THEN_CHANGE, {"before_of": 1, "change": 3}, 4),
             (_CHANGE_OVER_BEFORE, {"of": 1, "before_of": 4}, 3))
    for rx, roles, pct in forms:
        for m in rx.finditer(view.norm):
            if rx is _CHANGE_OVER_BEFORE and re.search(r"\b(?:tang|giam)(?:\s+them)?\s*$", view.norm[max(0, m.start() - 12):m.start()]):
                continue  # "tăng 178,4 triệu đồng, tương ứng tăng 12,3% so với năm 2022 (...)": that amount is the change
            named = {role: money.get(m.start(g)) for role, g in roles.items()}
            value = parse_number(m.group(pct))
            if None in named.values() or value is None or len({id(f) for f in named.values()}) < len(named):
                continue
            figs.add("money_change_percent", float(value), m.start(pct), m.end(pct),
                     attrs={**{role: f.id for role, f in named.items()},
                            "direction": "rise" if m.group(2) == "tang" else "fall"},
                     unit="%", label="tăng/giảm (%)")


# "đạt 1.060 triệu đồng (quý I: 742 ...; quý II: 318 ...), tăng 12,2% so với cùng kỳ năm 2023 (945 triệu đồng)": an
# amount, its change in percent and the amount before it, in brackets after what it is compared with
_CHANGE_OVER_BEFORE = re.compile(r"(\d[\d.,]*)" + _SCALE + r"(?:\s*\([^()]{0,120}\))?[^\d;.()]{0,12}?,?\s*(tang|giam)\s+"
                                 r"(\d{1,3}(?:,\d{1,2})?)\s*%\s*so\s+voi\s+[^\d;()]{0,25}(?:(?:19|20)\d\d[^\d;()]{0,10})?"
                                 r"\(\s*(\d[\d.,]*)" + _SCALE + r"\s*\)")


# "so với năm 2022 (2.176.300.000 đồng) tăng 272.150.000 đồng, tương đương tăng 12,5%": the amount before in brackets,
# the change in money and its percent
_BEFORE_THEN_CHANGE = re.compile(r"\bso\s+voi\s+[^\d;()]{0,25}(?:(?:19|20)\d\d[^\d;()]{0,10})?\(\s*(\d[\d.,]*)" + _SCALE
                                 + r"\s*\)\s*,?\s*(tang|giam)\s+(?:them\s+)?(\d[\d.,]*)" + _SCALE
                                 + r"\s*[,(]?\s*(?:(?:tuong\s+duong|tuong\s+ung|bang|tuc la|tuc|hay)(?:\s+voi)?\s+)?(?:(?:tang|giam)\s+)?"
                                 r"(\d{1,3}(?:,\d{1,2})?)\s*%")


# an amount's rise or fall in money set against the amount before in brackets, the amount itself earlier in the sentence
# ("ước đạt 27.480 triệu đồng, bằng 78,5% dự toán, giảm 6.345 triệu đồng so với năm 2022 (33.915 triệu đồng)"; or the
# amount before first: "so với năm 2022 (33.915 triệu đồng) giảm 6.345 triệu đồng"): the change is their difference
_AMOUNT = r"(\d[\d.,]*)" + _SCALE
_COMPARED = r"so\s+voi\s+[^\d;()]{0,30}?(?:(?:19|20)\d\d[^\d;()]{0,12})?\(\s*" + _AMOUNT + r"\s*\)"
_STEP_THEN_BEFORE = re.compile(r"\b(tang|giam)\s+(?:them\s+)?" + _AMOUNT + r"\s*,?\s*" + _COMPARED)
_BEFORE_THEN_STEP = re.compile(r"\b" + _COMPARED + r"\s*,?\s*(tang|giam)\s+(?:them\s+)?" + _AMOUNT)
_CLAUSE_BREAK = re.compile(r"\.(?!\d)|;|:|\n\s*[-+•]")


def _differences(view: View, figs: Figures) -> None:
    """An amount's rise or fall in money with the amount before it in brackets and the amount itself the last one
    before them in their sentence: the change money figure gets ``change_of`` (the amount), ``change_from`` (the
    amount before) and ``direction``, checked by A314 (the change is their difference)."""
    money = _amounts_at(view, figs)
    starts = sorted(money)
    for rx, (word, step, before) in ((_STEP_THEN_BEFORE, (1, 2, 3)), (_BEFORE_THEN_STEP, (2, 3, 1))):
        for m in rx.finditer(view.norm):
            change, then = money.get(m.start(step)), money.get(m.start(before))
            if change is None or then is None or change is then or change.attrs.get("change_of"):
                continue
            # the amount: the last one before the match, in its sentence, with no other amount between
            earlier = [s for s in starts if s < m.start()]
            if not earlier:
                continue
            now = money[earlier[-1]]
            now_end = view.range_of(now.span)[1]
            between = view.norm[now_end:m.start()]
            if len(between) > 160 or _CLAUSE_BREAK.search(between) or re.search(r"\b(?:tang|giam)\b", between):
                continue
            if now is then:
                continue
            change.attrs.update({"change_of": now.id, "change_from": then.id,
                                 "direction": "rise" if m.group(word) == "tang" else "fall"})


# "46 hộ bị sập ... Hội đã hỗ trợ mỗi hộ 3.500.000 đồng tiền mặt, tổng số tiền là 164,5 triệu đồng": what each one got
# and its total in one sentence, the ones counted before it by the same noun
_EACH_THEN_TOTAL = re.compile(r"\bmoi\s+([a-z]+)\s+(?:[a-z]+\s+){0,3}?(?:la\s+|:\s*)?" + _AMOUNT
                              + r"(?:[^.;\d()]|\([^()]{0,80}\)){0,80}?\btong\s+(?:so\s+)?(?:tien|kinh phi|cong|gia tri)\b"
                              r"[^.;\d]{0,40}?" + _AMOUNT)  # (past an aside: "(bằng 20 lần mức chuẩn ...)")
EACH_COUNT_REACH = 300  # characters before "mỗi" where the count of those who got it may stand


def _each_times_count(view: View, figs: Figures) -> None:
    """What each one got and the total of it in one sentence (``mỗi hộ 3.500.000 đồng tiền mặt, tổng số tiền là 164,5
    triệu đồng``), those who got it counted by the same noun right before (``46 hộ bị sập``, the last such count within
    ``EACH_COUNT_REACH`` in the paragraph): the total gets ``each`` and ``each_count``, checked by A315."""
    money = _amounts_at(view, figs)
    for m in _EACH_THEN_TOTAL.finditer(view.norm):
        rate, whole = money.get(m.start(2)), money.get(m.start(3))
        if rate is None or whole is None or rate is whole or whole.attrs.get("each"):
            continue
        p = view.paragraph_at(m.start())
        lo = max(p.start if p.end > p.start else 0, m.start() - EACH_COUNT_REACH)
        counts = [c for c in re.finditer(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?![.,]?\d)\s+" + re.escape(m.group(1)) + r"\b",
                                         view.norm[lo:m.start()])]
        if not counts:
            continue
        n = parse_number(counts[-1].group(1))
        if not isinstance(n, int) or n < 2:
            continue
        whole.attrs.update({"each": rate.id, "each_count": n})


_OPENS_ITEMS = re.compile(r"^[^\d;.]{0,90}?,?\s*(?:bao gom|gom|trong do|cu the(?: nhu sau)?|chi tiet(?: nhu sau)?|nhu sau|"
                          r"(?:tu|theo) (?:cac )?nguon(?: sau)?|(?:chia|phan) theo(?: [a-z]+){1,4})\s*:\s*$"  # ("..., từ các nguồn:")
                          r"|^\s*\.\s*(?:chia|phan|tinh) theo(?: [a-z]+){1,4}\s*:\s*$")  # ("... đồng. Chia theo nguồn:")


def _items_after(view: View, figs: Figures) -> None:
    """An amount that opens a list (``Tổng nguồn lực ... là 73.434 triệu đồng, gồm:``) is the total of the first
    amount of each item under it (``- Ngân sách trung ương: 61.284 triệu đồng (...)``; an amount in brackets is
    that item's own breakdown), when there are two items or more."""
    money = [f for f in figs.items if f.kind == "money"]
    for total in money:
        rng = view.range_of(total.span)
        if rng is None or "part_of" in total.attrs or total.attrs.get("per") \
                or any(f.attrs.get("part_of") == total.id for f in money):
            continue
        p = view.paragraph_at(rng[0])
        tail = view.norm[rng[1]:p.end]
        unit = re.match(r"\s*(?:trieu|ty|nghin|ngan)?\s*(?:dong|vnd|d)\b", tail)
        rest = tail[unit.end() if unit else 0:]
        if rest.lstrip().startswith(")"):
            continue  # an amount in brackets ("so với cùng kỳ (88.460 triệu đồng), trong đó:") opens no list of its own
        rest = _CHANGE_ASIDE.sub(" ", re.sub(r"\([^()]*\)", " ", rest))
        if not _OPENS_ITEMS.match(rest):
            continue  # (its words in brackets, where the money comes from, or its change, may stand between)
        parts, q, mark = [], view.paragraph_after(p), None
        while q is not None and (item := _LIST_ITEM.match(view.norm[q.start:q.end])):
            kind = _mark_kind(item.group(0))
            if mark is not None and kind != mark:
                break  # "- Thu bổ sung ..." then "2. Tổng chi ...": the next numbered item above, not a part
            mark = kind
            # the item's amount: outside brackets (its own breakdown), not a factor of a product written out
            # ("720 suất x 50.000 đồng = 36.000.000 đồng": the product)
            body = q.start + _LIST_ITEM.match(view.norm[q.start:q.end]).end()  # (after its mark: "a)" opens nothing)
            own = [f for f in money if (r := view.range_of(f.span)) is not None and q.start <= r[0] < q.end
                   and "part_of" not in f.attrs and not f.attrs.get("per") and not _FACTOR.match(view.norm, r[1])
                   and view.norm[body:r[0]].count("(") == view.norm[body:r[0]].count(")")]
            if not own:
                parts = []
                break  # an item without an amount: the list is not of amounts
            # (the product when written: "= 36.000.000 đồng", "mỗi căn 50 triệu đồng, thành tiền 700 triệu đồng")
            summed = [f for f in own if _SUMMED_BEFORE.search(view.norm[max(q.start, view.range_of(f.span)[0] - 20):
                                                                        view.range_of(f.span)[0]])]
            parts.append(summed[-1] if summed else own[-1] if "=" in view.norm[q.start:q.end] else own[0])
            q = view.paragraph_after(q)
        if len(parts) >= 2:
            total.attrs["what"] = "total"
            for f in parts:
                f.attrs["part_of"], f.attrs["what"] = total.id, "part"


_LEFT_WORDS = re.compile(r"\b(?:con lai|con du|so du|con thua|chua (?:su dung|giai ngan|chi))\W*(?:la\W*)?$")
_SPENT_WORDS = re.compile(r"\b(?:da chi|chi tra|thuc chi|da su dung|da giai ngan|da trao|da cap phat|quyet toan)\b[^.;\d]{0,50}$")
# the amount a held one is compared with, in brackets ("vượt 4.500.000 đồng so với dự toán (130.000.000 đồng)")
_COMPARED_BASE = re.compile(r"\bso\s+voi\s+[^.;\d()]{0,30}\(\s*$")
_HELD_WORDS = re.compile(r"\b(?:tong (?:so tien|kinh phi|nguon)|phan bo|tiep nhan|duoc cap|huy dong|van dong|du toan)\b"
                         r"[^.;\d]{0,50}$")


def _balance(view: View, figs: Figures) -> None:
    """An amount held, what was spent of it and what is left, in that order in one paragraph (``Tổng kinh phí tỉnh
    phân bổ: 620.000.000 đồng. Kinh phí đã chi trả cho các hộ: 605.286.000 đồng. Kinh phí còn dư: 14.714.000
    đồng``): the amount held is the total of the two (A302), when none of the three belongs to another sum."""
    money = [f for f in figs.items if f.kind == "money"]
    free = [f for f in money if "part_of" not in f.attrs and not f.attrs.get("per")
            and not any(g.attrs.get("part_of") == f.id for g in money)]
    for k, left in enumerate(free):
        rng = view.range_of(left.span)
        if rng is None or "part_of" in left.attrs or not _LEFT_WORDS.search(view.norm[max(0, rng[0] - 30):rng[0]]):
            continue
        p = view.paragraph_at(rng[0])
        before = [(f, r) for f in free[:k] if (r := view.range_of(f.span)) is not None and p.start <= r[0]
                  and "part_of" not in f.attrs]  # (not one an earlier balance of the paragraph took)
        spent = next(((f, r) for f, r in reversed(before) if _SPENT_WORDS.search(view.norm[max(p.start, r[0] - 60):r[0]])),
                     None)
        held = next(((f, r) for f, r in reversed(before) if spent is not None and r[0] < spent[1][0]
                     and _HELD_WORDS.search(view.norm[max(p.start, r[0] - 60):r[0]])
                     and not _COMPARED_BASE.search(view.norm[max(p.start, r[0] - 60):r[0]])), None)
        if spent is None or held is None or not spent[0].value < held[0].value:
            continue
        held[0].attrs["what"] = "total"
        for f in (spent[0], left):
            f.attrs["part_of"], f.attrs["what"] = held[0].id, "part"


_LIST_ITEM = re.compile(r"^\s*(?:[-+*\u2022]|\d{1,2}[.)]|[a-z]\))\s")


def _mark_kind(mark: str) -> str:
    """How a list item is marked: a sign (``-``, ``+``), a number (``2.``) or a letter (``a)``)."""
    m = mark.strip()
    return "number" if m[:1].isdigit() else "letter" if m[:1].isalpha() else m[:1]
_CHANGE_ASIDE = re.compile(r",?\s*(?:tang|giam)\s+\d[\d.,]*\s*%?[^,;:()]*")  # ", tăng 15,9% so với cùng kỳ"
_SUMMED_BEFORE = re.compile(r"\b(?:thanh tien|tong cong|tong so tien|tong so|cong)\s*(?:la|:)?\s*$")
_FACTOR = re.compile(r"\s*(?:d[oô]ng|dong|vnd|d)?\s*(?:/\s*\w+\s*)?=")
_SUM_ALONE = re.compile(rf"^\W*(?:{SUM_WORDS}|tong so tien|tong kinh phi|cong)\W*(?:la\W*)?$")


def _sums_after(view: View, figs: Figures) -> None:
    """A total whose clause is only the words that sum (``...; kinh phí tuyên truyền 4.500.000 đồng. Tổng cộng:
    22.000.000 đồng``) sums the amounts its paragraph gives before it, since the last total, that nothing else
    sums and no recipient is paid each (``part_of``)."""
    money = [f for f in figs.items if f.kind == "money"]
    for k, total in enumerate(money):
        rng = view.range_of(total.span)
        if rng is None or total.attrs.get("what") != "total" or any(f.attrs.get("part_of") == total.id for f in money):
            continue
        p = view.paragraph_at(rng[0])
        if not _SUM_ALONE.match(view.clause_before(p, rng[0])):
            continue
        lo, before = p.start, view.paragraph_before(p)
        if _LIST_ITEM.match(view.norm[p.start:p.end]):
            before = None  # "2. ...: 41,28 tỷ đồng; ... 1,36 tỷ đồng; tổng cộng 42,64 tỷ đồng": its own item's amounts
        while before is not None and _LIST_ITEM.match(view.norm[before.start:before.end]):
            lo, before = before.start, view.paragraph_before(before)  # "Tổng cộng: ..." under the items it sums
        parts, items = [], set()
        for f in reversed(money[:k]):
            r = view.range_of(f.span)
            if r is None or r[0] < lo or f.attrs.get("what") == "total" and (
                    r[0] < p.start or any(g.attrs.get("part_of") == f.id for g in money)):
                break  # (a clause's own total in the paragraph, "mỗi người 500.000 đồng, tổng số 6.000.000 đồng", is
                # one of the parts: the sum of an earlier list, or one above the paragraph, is not)
            if r[0] < p.start:  # an item of the list above: its last amount only (the product, not its factors)
                item = view.paragraph_at(r[0]).start
                if item in items:
                    continue
                items.add(item)
            if _FACTOR.match(view.norm, r[1]):
                continue  # "362 người x 50.000 đồng = 18.100.000 đồng": the price, the product is the part
            if "part_of" not in f.attrs and "per" not in f.attrs and f.attrs.get("what") != "reference":
                parts.append(f)
        if len(parts) >= 2:
            for f in parts:
                f.attrs["part_of"], f.attrs["what"] = total.id, "part"


_BRACKET_AFTER = re.compile(r"^\W{0,3}?\(([^()]{0,180})\)")
_AMOUNT = re.compile(r"\d[\d.,]*\s*(?:(?:trieu|ty|nghin|ngan)\s*)?(?:dong|vnd)\b")


def _broken_down_in_brackets(after: str) -> bool:
    """Brackets right after an amount that give two or more amounts (``45,6 triệu đồng (ngân sách huyện 30 triệu
    đồng; Hội Chữ thập đỏ 15,6 triệu đồng)``): the amount is their total."""
    m = _BRACKET_AFTER.match(after)
    return bool(m) and len(_AMOUNT.findall(m.group(1))) >= 2


def _sentence_end(view: View, p, pos: int) -> int:
    m = re.search(r"\.\s|\.$", view.norm[pos:p.end])
    return pos + m.start() if m else p.end


# the amount in brackets is what the total is measured against, named right before them
_PLAN_BRACKET = re.compile(r"\b(?:ke hoach|chi tieu|du toan|so\s+voi|cung ky|nam truoc|nam (?:19|20)\d\d)\b[^()]{0,40}\(\s*$")


def _parent(view: View, p, pos: int, totals: list[tuple[Figure, int]]) -> Figure | None:
    """The total an amount breaks down: one whose sentence it is in, when the amount sits in brackets opened
    after that total, or after ``gồm:`` / ``trong đó`` following it."""
    for fig, sentence_end in reversed(totals):
        start = view.range_of(fig.span)
        if start is None or not (start[1] < pos <= sentence_end):
            continue
        between = view.norm[start[1]:pos]
        if _PLAN_BRACKET.search(between):
            continue  # "đạt 48.762 triệu đồng, bằng 101,6% kế hoạch BHXH tỉnh giao (47.990 triệu đồng)": the plan
        if between.count("(") > between.count(")") and _CHANGE_OPENS.match(between[between.rfind("(") + 1:]):
            continue  # "bằng 106,4% dự toán (vượt 32.148 triệu đồng)", "(tăng 54.152 triệu đồng)": by how much, no part
        if _SOME_OF.search(between):
            continue  # "trong đó các nội dung chi chính: ...": the main items only, no breakdown of the whole
        if between.count("(") > between.count(")") and _BREAKDOWN.search(between[:_open_bracket(between)]):
            return None  # "trong đó: năm 2023: 42.500.000 đồng (ngân sách huyện 30.000.000 đồng, ...)": an item's parts
        if between.count("(") > between.count(")") or _BREAKDOWN.search(between):
            return fig
    return None


def _open_bracket(text: str) -> int:
    """Where the last bracket left open in ``text`` opens."""
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            opened.pop()
    return opened[-1] if opened else len(text)


# a breakdown of some of a total only: its main items, a few of them
_SOME_OF = re.compile(r"\b(?:trong do|gom|bao gom)\b[^.;:\d]{0,40}?(?:(?<!tai )(?<!hanh )\bchinh\b(?! sach)|\bchu yeu\b|"
                      r"\bmot so\b|\btieu bieu\b|\bnoi bat\b)")


_CHANGE_OPENS = re.compile(r"\s*(?:vuot|tang|giam|thieu|hut|cao hon|thap hon|nhieu hon|it hon|chenh lech)\b")
