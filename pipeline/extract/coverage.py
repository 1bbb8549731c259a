"""Coverage, clubs, campaign materials and other counted things.

``13/13 xã, thị trấn`` (established / total), ``01 Câu lạc bộ HMTN với 26 thành viên``,
``400 tờ rơi``, ``34 băng rôn``, ``trên 100 suất quà`` ...: a number followed by a known noun.
"""

from __future__ import annotations

import bisect
import re

from pipeline.extract.nlp import NUM, PAIR, PatternSet
from pipeline.numbers import parse_count, parse_number, parse_pair, qualify
from pipeline.extract.spans import Figures, View

# what follows units counted x/y that met their plan ("đạt và vượt chỉ tiêu", "hoàn thành kế hoạch")
_MET = re.compile(r"[\s,]*(?:(?:deu|da|co)\s+)?(?:dat|hoan thanh|vuot)\b(?![^.;]{0,30}?\d{1,2}(?:,\d+)?\s*%)"
                  r"[^.;]{0,30}?\b(?:chi tieu|ke hoach)\b")  # not "đạt từ 50% chỉ tiêu năm trở lên": a threshold
# units counted x/y whose rate reached a threshold: "đạt tỷ lệ tiêm từ 95% trở lên", "có tỷ lệ trên 90%"
_AT_LEAST = re.compile(r"[\s,]*(?:(?:deu|da|co)\s+)?(?:dat|co)\s+(?:ty le\s+)?(?:[a-z]+\s+){0,3}?(?:tu|tren)\s+"
                       r"(\d{1,3}(?:,\d{1,2})?)\s*%(?:\s*tro len)?")
# the share an x/y is said to be, later in its clause with no other figure between: ", chiếm 56,3%", "(75%)",
# "bằng 62,5%"; not a share of something else ("đạt 97% chỉ tiêu", "đạt 95% trở lên": a threshold)
_SHARE_AFTER = re.compile(r"[^\d.;%]{0,80}?(?:\bchiem|\bbang|\(|=)\s*(?:ty le\s*)?(\d{1,3}(?:,\d{1,2})?)\s*%"
                          r"(?!\s*(?:so\s+voi\s+)?(?:ke hoach|chi tieu|so (?:nguoi|don vi|ho|tre)))")
# the units counted are those of a part of the area (a cluster, a zone), named before them in the clause or right
# after their kind: their total is no count of the district's units
_PART_BEFORE = re.compile(r"\b(?:khu vuc|cum|tieu vung|vung (?:cao|thap|sau|bien gioi)|nhom)\b[^.;:]{0,60}$")
_PART_AFTER = re.compile(r"\s*(?:vung (?:cao|thap|sau|trung)|bien gioi|dac biet kho khan|thuoc (?:khu vuc|cum|vung)|"
                         r"(?:cua|trong) (?:khu vuc|cum|vung))\b")
_CLUB_WORDS = re.compile(r"\bcau lac bo?\b|\bclb\b")
_UNIT_WORDS = {"xa", "phuong", "thi", "tran", "huyen", "thon", "ban", "to", "dan", "pho", ","}
_W = lambda *words: [{"LOWER": w} for w in words]  # noqa: E731  (a word, or {"REGEX": ...})

MATERIALS = {
    "tờ rơi": _W("to", "roi"),
    "tờ gấp": _W("to", "gap"),
    "tờ báo": _W("to", "bao"),
    "băng đô": _W("bang", "do"),
    "băng rôn": _W("bang", {"REGEX": r"^[rz]on$"}),
    "phông ma két": _W("phong", "ma", "ket"),
    "background": _W("background"),
    "banner": _W("banner"),
    "khẩu hiệu": _W("khau", {"REGEX": r"^hi\w{0,2}u$"}),
    "phướn": _W({"REGEX": r"^ph[uw][oad]?n$"}),
    "áp phích": _W("ap", "phich"),
    # words starting with p + vowel are read with the Đ repair of the match form (pa -> da)
    "pa nô": _W({"REGEX": r"^[pd]a$"}, "no"),
    "pano": _W({"REGEX": r"^[pd]ano$"}),
    "poster": _W({"REGEX": r"^[pd]oster$"}),
    "bài viết": _W("bai", "viet"),
    "phóng sự": _W("phong", "su"),
}
COUNTED = {
    "suất quà": _W("suat", "qua"),
    "biểu tượng tôn vinh": _W("bieu", "tuong"),
    "đại biểu": _W("dai", "bieu"),
    "tình nguyện viên": _W("tinh", "nguyen", "vien"),
}
PATTERNS = {
    "COVERAGE": [[PAIR, {"LOWER": {"IN": ["xa", "phuong", "thi", "huyen", "thon", "ban", "to"]}}],
                 # "07/10 đơn vị đạt và vượt chỉ tiêu": units (bodies), not of blood, when meeting the plan follows
                 [PAIR, {"LOWER": "don"}, {"LOWER": "vi"}, {"LOWER": {"IN": ["dat", "hoan", "deu", "vuot", "co"]}}]],
    "CLUB": [[NUM, *_W("cau", "lac", {"REGEX": r"^bo?$"})], [NUM, *_W("clb")]],
    "MEMBERS": [[NUM, *_W("thanh", {"REGEX": r"^vi\w{0,2}n$"})], [NUM, *_W("hoi", "vien")]],
    **{f"MAT:{item}": [[NUM, *pat]] for item, pat in MATERIALS.items()},
    **{f"CNT:{what}": [[NUM, *pat]] for what, pat in COUNTED.items()},
}


FINDER = PatternSet(PATTERNS)


MAX_UNITS = 1000  # units of one kind in one area (the largest province had about 700 communes)


def extract(view: View, figs: Figures) -> None:
    toks = view.tokens
    tabled = view.table_lines()
    for label, i, j in FINDER.find(toks):
        s, e = toks.char_span(i, i + 1)
        num = view.norm[s:e]
        p = view.paragraph_at(s)
        if label == "COVERAGE":
            pair = parse_pair(num)
            lp = view.line_at(s)
            if pair is None or len(view.text[lp.start:lp.end].split()) <= 2:
                continue  # a pair alone on its line is a table's debris, not a coverage in prose
            if pair[1] > MAX_UNITS:
                continue  # no area has that many units: a date whose second slash OCR lost (22/112024)
            if re.search(r"\b(?:xep )?(?:thu|hang)\s*$", view.norm[max(p.start, s - 12):s]):
                continue  # "xếp thứ 9/27 huyện, thị xã": a rank among them, no units counted
            if re.match(r"\s{2,}|\s*\|", view.text[e:e + 3]) or ((sp := view.span(s, e)).page, sp.line) in tabled:
                continue  # "1   14/3    Thị trấn Diên Sanh   92": a table's date cell, then the next cell's name
            k = j - 1
            while k + 1 < len(toks.doc) and toks.doc[k + 1].lower_ in _UNIT_WORDS and k + 1 - i <= 5:
                k += 1
            if toks.doc[j - 1].lower_ in ("dat", "hoan", "deu", "vuot", "co"):
                k = j - 2  # "đơn vị" and the verb after it: the unit kind is "đơn vị"
            us, ue = toks.char_span(i + 1, k + 1) if k >= i + 1 else toks.char_span(j - 1, k + 1)
            unit_kind = view.best(us, ue).rstrip(" ,")
            cut = s + num.index("/")
            attrs = {"total": pair[1], "unit_kind": unit_kind}
            if _PART_BEFORE.search(view.clause_before(p, s)) or _PART_AFTER.match(view.norm, ue) \
                    or _OF_A_NAMED_UNIT.search(view.text[max(p.start, s - 40):s]):
                attrs["within"] = True  # "Khu vực II ... 09/10 xã", "8/10 xã vùng cao": units of a part of the area;
                # "thấp nhất là Mường Tè (9/14 xã, thị trấn)": the units of the one named before the brackets
            if _MET.match(view.norm, ue):
                attrs["met"] = True  # "12/13 xã, thị trấn hoàn thành và vượt chỉ tiêu": the units that met the plan
            elif (least := _AT_LEAST.match(view.norm, ue)) is not None:
                attrs["at_least"] = float(parse_number(least.group(1)))  # "10/12 xã đạt tỷ lệ tiêm từ 95% trở lên"
            cov = figs.add("coverage", pair[0], s, cut, attrs=attrs, label="đã thành lập / tổng số")
            share = _SHARE_AFTER.match(view.norm, ue)
            if share is not None and (rate := parse_number(share.group(1))) is not None and 0 < rate <= 100:
                # "9/16 xã được công nhận đạt chuẩn, chiếm 56,3%": the share it is said to be (A404)
                figs.add("coverage_percent", rate, share.start(1), share.end(1), attrs={"of": cov.id},
                         unit="%", label="tỷ lệ")
            continue
        value = parse_number(num)
        if not isinstance(value, int):
            continue
        q = qualify(value, view.norm[max(p.start, s - 20) : s])
        extra = {"qualifier": q.qualifier, "low": q.low, "high": q.high}
        if label == "CLUB":
            figs.add("club_count", value, s, e, attrs={"what": "Câu lạc bộ"}, label="câu lạc bộ", **extra)
        elif label == "MEMBERS":
            if _CLUB_WORDS.search(view.norm[max(p.start, s - 80) : s]):
                figs.add("club_members", value, s, e, label="thành viên câu lạc bộ", **extra)
        elif label.startswith("MAT:"):
            item = label[4:]
            figs.add("material_count", value, s, e, attrs={"item": item}, label=item, **extra)
        elif label.startswith("CNT:"):
            what = label[4:]
            figs.add("count", value, s, e, attrs={"what": what}, label=what, **extra)


# "Có 3 xã có tỷ lệ ... dưới 98%, gồm: xã Nậm Giải, xã Tri Lễ và xã Thông Thụ": a count of units, then their names
_UNITS_THEN_NAMED = re.compile(r"(?<![\d.,/])(\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+(xa|phuong|thi tran|huyen)\b"
                               r"(?:[^.;:]|\.(?=\d)){0,90}?(?:(?:\bgom\s*:?|\bla\s*:|:)\s*(?=(?:xa|phuong|thi tran|huyen)\s)"
                               # "là xã A, xã B và xã C": after a bare "là", two names at least ("thấp nhất là xã A" is one)
                               r"|\bla\s+(?=(?:xa|phuong|thi tran|huyen)\s[^.;]{1,40}?(?:,|\bva\b)\s*(?:xa|phuong|thi tran|huyen)\s)"
                               # "tập trung tại 05 xã là Xuân Tầm, Phong Dụ Thượng, ... và Châu Quế Thượng": bare names
                               r"|\b(?:la|gom\s*:?)\s+(?=[a-z]+(?: [a-z]+){0,3}\s*,\s*[a-z]+(?: [a-z]+){0,3}\s*,))")


# a capitalised name right before the brackets a count of units stands in (the original text, with its capitals)
_OF_A_NAMED_UNIT = re.compile(r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){0,3}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s*\(\s*$")


def named_units(view: View, figs: Figures) -> None:
    """A count of units whose names the sentence then lists (``Có 3 xã ..., gồm: xã A, xã B và xã C``): the count
    (``units_named``), so that the audit can count the names (A408)."""
    for m in _UNITS_THEN_NAMED.finditer(view.norm):
        value = parse_count(m.group(1))
        word = view.best(m.start(1), m.end(1)).lower()
        if not m.group(1).isdigit() and word not in ("hai", "ba") and word == m.group(1) \
                and any(ord(c) > 127 for c in view.text[max(0, m.start() - 200):m.end() + 200]):
            continue  # ("Đông Nam huyện": "Nam" without its marks in a text that writes them is no "năm")
        if isinstance(value, int) and value >= 2:
            figs.add("units_named", value, m.start(1), m.end(1), attrs={"unit_kind": view.best(m.start(2), m.end(2)).lower()},
                     label="số đơn vị được kể tên")


# "xã An Thạnh Nam còn 03 tiêu chí chưa đạt là Giao thông và Nghèo đa chiều", "tài trợ của 4 doanh nghiệp là: Công ty
# ..., Ngân hàng ... và Công ty ...": a count of things the sentence then names
_ITEMS_THEN_NAMED = re.compile(r"(?<![\d.,/])(\d{1,2}|hai|ba|bon|nam|sau)\s+(tieu chi|noi dung|linh vuc|hang muc|"
                               r"doanh nghiep|cong ty|nha tai tro|to chuc|co so(?: [a-z]+ [a-z]+)?|truong|"
                               r"to dan pho|to|khu pho|thon|ban|khoi)\b"  # ("có 4 tổ ... là Tổ dân phố số 3, số 8 và số 14")
                               r"(?:(?:[^.;:()]|(?<=\d),(?=\d)){0,60}?\b(?:la|gom|bao gom)\s*:?\s+"
                               r"|[^.;:\d()]{0,120}?,\s*(?:gom|bao gom)\s*:\s+)")  # ("5 trường đạt ... từ 6,0 trở lên là")
# any noun the list after it names again (``09 liên chi hội khoa đều tham gia, gồm các liên chi hội: A, B, ... và H``)
_ITEMS_RESTATED = re.compile(r"(?<![\d.,/])(\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+([a-z]+(?:\s+[a-z]+){0,2}?)\b"
                             r"[^.;:\d()]{0,80}?(?:\b(?:la|gom|bao gom)\s+)cac\s+\2\s*(?:la\s*)?:\s+")
# a count whose list names each item with the noun again ("Có 04 bản ..., gồm: bản Nà Cang, bản Suối Lềnh và bản Nậm Lin")
_ITEMS_EACH_NAMED = re.compile(r"(?<![\d.,/])(\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+([a-z]+(?:\s+[a-z]+)?)\b"
                               r"[^.;:()]{0,80}?\b(?:gom|bao gom|la)\s*:\s+(?=\2\s)")
_ORGS = ("doanh nghiep", "cong ty", "nha tai tro", "to chuc")
# what a firm's name opens with: each one a name of the list ("Ngân hàng Nông nghiệp và Phát triển nông thôn" is one)
_ORG_START = re.compile(r"(?:^|[,;]\s*|\bva\s*|(?<=[a-z])va\s)\b(cong ty|ngan hang|hop tac xa|doanh nghiep|tap doan|"
                        r"nha may|xi nghiep|ho kinh doanh|truong|benh vien|quy)\b")
_LIST_END = re.compile(r"[.;](?!\d)|$")
MAX_ITEM_WORDS = 8  # words of one named item of a list that is no list of firms


_NUMBERED_ITEMS = re.compile(r"\s*(?:[a-z]+\s+){0,3}?so\s+\d+(?:\s*(?:,|\bva\b)\s*(?:[a-z]+\s+){0,3}?so\s+\d+)+(?!\s*[a-z]+\s+so\b)")


def _overlapping(rx: re.Pattern, text: str):
    """Every match of ``rx``, one from each place a match starts (a count inside a longer match is tried too: "Trong
    07 tổ ..., có 4 tổ ... là ...")."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def named_items(view: View, figs: Figures) -> None:
    """A count of things whose names the sentence then lists after ``là`` or ``gồm`` (``còn 03 tiêu chí chưa đạt
    là Giao thông và Nghèo đa chiều``): the count (``items_named``) with the names listed (``listed``), each name
    capitalised (firms: each opening with what a firm is, ``Công ty``, ``Ngân hàng``, ``Hợp tác xã``), so that
    the audit can count them (A409)."""
    seen = set()
    for m in [*_overlapping(_ITEMS_THEN_NAMED, view.norm), *_ITEMS_RESTATED.finditer(view.norm),
              *_ITEMS_EACH_NAMED.finditer(view.norm)]:
        if m.start(1) in seen:
            continue
        seen.add(m.start(1))
        value = parse_count(m.group(1))
        end = _LIST_END.search(view.norm, m.end()).start()
        body = view.norm[m.end():end]
        if not isinstance(value, int) or value < 2 or not body.strip() \
                or re.search(rf"\d\s+{m.group(2).split()[0]}\b", view.norm[m.end(2):m.end()]):
            continue  # (another count of the noun before "là": "5 trường THCS và 3 trường ... là ...", the list its)
        if m.group(2) in _ORGS:
            listed = len(_ORG_START.findall(body))
            if not _ORG_START.match(body) or listed < 2:
                continue
        elif (numbered := _NUMBERED_ITEMS.match(body)) is not None:
            # "là Tổ dân phố số 3, số 8 và số 14": items by number, the noun written once
            listed = len(re.findall(r"\bso\s+\d+", numbered.group()))
        elif re.match(rf"\s*{m.group(2)}\b", body):
            # each item restates the noun ("gồm: tiêu chí số 5 - Trường học và tiêu chí số 13 - Tổ chức sản xuất và
            # phát triển kinh tế nông thôn"): one item where it opens, whatever "và" its name holds
            listed = len(re.findall(rf"(?:^|[,;]|\bva\b)\s*{m.group(2)}\b", body))
            if listed < 2:
                continue
        else:
            bare = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group()), body)  # (where each one is: "(xã Phú Đức)")
            if "," not in bare and len(re.findall(r"\bva\b", bare)) > 1:
                continue  # "Giao thông và Thông tin và Truyền thông": which "và" parts two names is not known
            items, at = [], 0
            for t in re.split(r",|\bva\b", bare):
                if t.strip():
                    items.append((t.strip(), m.end() + at + len(t) - len(t.lstrip())))
                at += len(t) + (0 if at + len(t) >= len(bare) else (1 if bare[at + len(t)] == "," else 2))
            capital = [view.text[k:k + 1].isupper() for _, k in items]
            lead = capital.index(False) if False in capital else len(items)
            if lead >= 2 and not any(capital[lead:]):
                items = items[:lead]  # (the list closed by what it brings: ", nâng tổng số cơ sở ... lên 27")
            if len(items) < 2 or any(len(t.split()) > MAX_ITEM_WORDS for t, _ in items) \
                    or not all(view.text[k:k + 1].isupper() for _, k in items):
                continue  # (names are capitalised: "là xây dựng trường học và ..." says what, names nothing)
            listed = len(items)
        figs.add("items_named", value, m.start(1), m.end(1), attrs={"what": view.best(m.start(2), m.end(2)).lower(),
                 "listed": listed}, label="số mục được kể tên")


# "tiêm bù tại 6 xã: Ba Nang, Tà Long, Húc Nghì, A Vao và A Bung;", "tại 5 điểm gồm: Trung tâm Văn hóa ...; Trường
# THPT ...; Trạm Y tế xã ...": a count of places whose bare names (no level word before each) follow its colon
_PLACES_THEN_NAMED = re.compile(r"(?<![\d.,/])(\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+(xa|phuong|thi tran|diem|thon|"
                                r"ban|to dan pho|truong|co so|dia diem|dia ban)\b[^.;:\d()]{0,60}?"
                                r"(?:\b(?:gom|bao gom|la)\s*:|:)\s+(?!(?:xa|phuong|thi tran|huyen)\s)")
MAX_PLACE_WORDS = 12  # words of one place of a list set off by semicolons ("Trường Phổ thông Dân tộc nội trú huyện")


def named_places(view: View, figs: Figures) -> None:
    """A count of places after which its colon lists their names (``tại 6 xã: Ba Nang, Tà Long, ... và A Bung``; a
    list set off by semicolons, ``tại 5 điểm gồm: Trung tâm Văn hóa ...; Trường THPT ...``): the count
    (``items_named``) with the names listed, each capitalised, so that the audit can count them (A409)."""
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _PLACES_THEN_NAMED.finditer(view.norm):
        value = parse_count(m.group(1))
        if not isinstance(value, int) or value < 2 or m.start(1) in taken:
            continue
        stop = re.compile(r"\.(?!\d)|\n\s*\n|$").search(view.norm, m.end()).start()
        body = view.norm[m.end():stop]
        first = body.split(";")[0]
        if "," in first or re.search(r"\bva\b", first):
            parts, limit = re.split(r",|\bva\b", first), MAX_ITEM_WORDS  # (a list of bare names ends at its ";")
        else:
            parts, limit = body.split(";"), MAX_PLACE_WORDS
        items, at = [], m.end()
        for t in parts:
            k = at + len(t) - len(t.lstrip())
            if t.strip():
                items.append((t.strip(), k))
            at += len(t) + (1 if view.norm[at + len(t):at + len(t) + 1] in ",;" else 2)
        if len(items) >= 2 and limit == MAX_PLACE_WORDS:
            items = items[:-1] + _split_last(view, items[-1], items[:-1])
        if len(items) < 2 or any(len(t.split()) > limit for t, _ in items) \
                or not all(view.text[k:k + 1].isupper() for _, k in items):
            continue  # (names are capitalised: what follows a colon that names none is no list of them)
        figs.add("items_named", value, m.start(1), m.end(1), attrs={"what": view.best(m.start(2), m.end(2)).lower(),
                 "listed": len(items)}, label="số mục được kể tên")


def _split_last(view: View, last: tuple[str, int], others: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The last place of a list set off by semicolons, parted at its "và" where the words after open as another place
    of the list does (``...; Trạm Y tế xã Hương Minh và Trạm Y tế xã Ân Phú``: two; ``Trung tâm Văn hóa và Thể
    thao`` stays one)."""
    text, at = last
    openings = {" ".join(t.split()[:2]) for t, _ in others}
    for v in re.finditer(r"\bva\s+", text):
        after = text[v.end():]
        if " ".join(after.split()[:2]) in openings and view.text[at + v.end():at + v.end() + 1].isupper():
            return [(text[:v.start()].strip(), at), (after.strip(), at + v.end())]
    return [last]


# "Đại hội tổ chức 9 môn thi đấu: bóng đá nam, bóng chuyền hơi, ... và việt dã", "3 nội dung: tuyên truyền, vận động và
# tiếp nhận": a count of anything, its words, a colon and the things themselves, short and parted by commas and a last "và"
_COUNT_COLON_LIST = re.compile(r"(?<![\d.,/])(\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+([a-z]+(?:\s+[a-z]+){0,3}?)\s*:\s+")
_MEASURES = re.compile(r"^(?:ha|tan|ta|kg|km|m|m2|m3|lit|dong|trieu|ty|nghin|ngan|trang|thang|nam|ngay|gio|phut|lan|"
                       r"luot|don vi|nguoi|ho|tre|xa|phuong|thi tran|huyen|diem)\b")
MAX_LISTED_WORDS = 4  # words of one thing of such a list ("bóng chuyền hơi"); longer ones are clauses, not things


def listed_things(view: View, figs: Figures) -> None:
    """A count whose colon lists the things counted, parted by commas and a last ``và`` (``9 môn thi đấu: bóng đá
    nam, ..., điền kinh và việt dã``): the count (``items_named``) with the things listed, so that the audit can
    count them (A409). Three things or more, none with a figure; counts of measures, people or units are left to
    their own readers."""
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _COUNT_COLON_LIST.finditer(view.norm):
        value = parse_count(m.group(1))
        if not isinstance(value, int) or value < 3 or m.start(1) in taken or _MEASURES.match(m.group(2)):
            continue
        end = re.compile(r"[.;:](?!\d)|\n\s*\n|$").search(view.norm, m.end()).start()
        body = view.norm[m.end():end]
        if re.search(r"[\d()%]", body) or view.norm[end:end + 1] == ":":
            continue
        head, _, last = body.rpartition(" va ")
        if not head or "," not in head:
            continue
        things = [t.strip() for t in head.split(",")] + [last.strip()]
        if len(things) < 3 or not all(0 < len(t.split()) <= MAX_LISTED_WORDS for t in things):
            continue
        figs.add("items_named", value, m.start(1), m.end(1), attrs={"what": view.best(m.start(2), m.end(2)).lower(),
                 "listed": len(things)}, label="số mục được kể tên")


# "giao chỉ tiêu ... cho 13 xã trên địa bàn huyện, chi tiết tại Phụ lục kèm theo", "tại 9 xã, thị trấn, cụ thể như sau:":
# a count of units whose rows a table then gives
_UNITS_THEN_TABLE = re.compile(r"(?<![\d.,/])(\d{1,2})\s+(xa|phuong|thi tran|huyen)\b(?:\s*,\s*(?:xa|phuong|thi tran|huyen|"
                               r"thi xa|thanh pho))*(?:[^.;:]|\.(?=\d)){0,80}?"
                               r"(?:\bchi tiet\s+(?:tai|theo|nhu|o)\s+(?:phu luc|bieu|bang)|\bcu the(?: nhu sau)?\s*:\s*$"
                               r"|\bnhu sau\s*:\s*$)", re.M)


# "Chương trình được tổ chức tại 05 điểm, đều vào ngày Chủ nhật, cụ thể:": a count of other things (points, drives,
# schools, firms) whose numbered rows the table right after gives
_ITEMS_THEN_TABLE = re.compile(r"(?<![\d.,/])(\d{1,2})\s+(diem|dot|co so|truong|doanh nghiep|cong trinh|du an|hop tac xa|"
                               r"thon|ban|to dan pho|cum)\b(?:[^.;:\d]|\.(?=\d)){0,80}?(?:\bcu the(?: nhu sau)?|\bnhu sau|\bgom|\bbao gom)\s*:(?=\s*$|\s\s|\s[-+*\u2022\u2013]\s)",
                               re.M)  # (the colon ends its line: a wider gap, or a list mark, joins it to the next)


_ITEM_MARK = re.compile(r"^\s*([-+*\u2022\u2013]|[a-z]\)|\d{1,2}[.)](?!\d))\s*\S")  # "+ Điểm xã Y Tý ...", "a) Ngày ..."


def _mark_kind(mark: str) -> str:
    return "letter" if mark.endswith(")") and mark[0].isalpha() else "number" if mark[0].isdigit() else mark


def bulleted_items(view: View, end: int) -> int:
    """How many items of one list mark (``+``, ``-``, ``a)``, ``1.``) the lines right after ``end`` (the colon ending
    a line) list, before the first paragraph that is not one of them; a wrapped item's further lines and sub-items of
    another mark belong to the item above; 0 when the next line opens no list."""
    k = bisect.bisect_right([ln.start for ln in view.lines], end)
    items, kind, blank = 0, None, False
    for ln in view.lines[k:]:
        line = view.norm[ln.start:ln.end]
        if not line.strip():
            blank = True
            continue
        m = _ITEM_MARK.match(line)
        if m is not None and (kind is None or _mark_kind(m.group(1)) == kind):
            kind, items, blank = _mark_kind(m.group(1)), items + 1, False
        elif items == 0 or (blank and m is None):
            break
    return items


def units_in_table(view: View, figs: Figures) -> None:
    """A count of units whose sentence points to a table of them (``cho 13 xã ..., chi tiết tại Phụ lục``), or of other
    things whose sentence ends on the colon before their table (``tổ chức tại 05 điểm, ..., cụ thể:``): the count
    (``units_tabled``), so that the audit can count the table's rows of that level, or its numbered rows (A617)."""
    for m in _ITEMS_THEN_TABLE.finditer(view.norm):
        value = parse_count(m.group(1))
        if isinstance(value, int) and value >= 2 and (m.group(2) != "dot" or "blood" not in view.doc.families) \
                and (listed := bulleted_items(view, m.end())) >= 2:
            # (drives of blood listed are the family's to count: A106)
            # "lấy máu tại 4 điểm trên địa bàn huyện, cụ thể:" over "+ Điểm xã Y Tý ..." lines: the items listed
            figs.add("items_named", value, m.start(1), m.end(1), attrs={"what": view.best(m.start(2), m.end(2)).lower(),
                     "listed": listed}, label="số mục được kể tên")
        elif isinstance(value, int) and value >= 2:
            figs.add("units_tabled", value, m.start(1), m.end(1), attrs={"unit_kind": view.best(m.start(2), m.end(2)).lower()},
                     label="số mục trong bảng")
    for m in _UNITS_THEN_TABLE.finditer(view.norm):
        value = parse_count(m.group(1))
        if isinstance(value, int) and value >= 2:
            figs.add("units_tabled", value, m.start(1), m.end(1), attrs={"unit_kind": view.best(m.start(2), m.end(2)).lower()},
                     label="số đơn vị trong bảng")
