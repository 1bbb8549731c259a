"""What a table column means, from the words of its header; which rows are totals; which columns relate.

A *meaning* names what a column holds (``quota``, ``received``, ``percent``, ``unit_name`` ...). Generic
meanings are declared here; a report family declares its own (``pipeline/families/<name>/vocabulary.py``)
through the same ``meaning`` function, together with the identities its columns obey: a rate is a part over a
whole (``ratio``), a column is the sum of others (``column_sum``). Header words are matched on the match form
(``pipeline.text.match_form``: no marks, lower case, OCR confusions undone), so old OCR headers read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.text import match_form, normalize_ws


@dataclass(frozen=True)
class Meaning:
    name: str
    patterns: tuple[re.Pattern, ...]  # on the header's match form
    additive: bool = False  # a count or an amount: a total row sums it
    percent: bool = False  # a rate in percent
    text: bool = False  # holds words (names, places), not numbers
    family: str | None = None  # None: generic
    figure: str | None = None  # the figure kind that states the same quantity in prose (received -> units_received)


MEANINGS: dict[str, Meaning] = {}


@dataclass(frozen=True)
class Ratio:
    rate: str  # a percent column
    part: str
    whole: str
    family: str | None = None


@dataclass(frozen=True)
class ColumnSum:
    total: str  # a column that is the sum of others in the same row
    parts: tuple[str, ...]
    family: str | None = None
    minus: tuple[str, ...] = ()  # columns the total takes away (a balance: end = start + in - out)

    @property
    def terms(self) -> tuple[tuple[str, int], ...]:
        """(meaning, sign) of every column the total is made of."""
        return tuple((p, 1) for p in self.parts) + tuple((m, -1) for m in self.minus)


RATIOS: list[Ratio] = []
COLUMN_SUMS: list[ColumnSum] = []


def meaning(name: str, *patterns: str, additive: bool = False, percent: bool = False, text: bool = False,
            family: str | None = None, figure: str | None = None) -> None:
    """Declare a column meaning and the header words (regexes on the match form) that name it."""
    if name in MEANINGS:
        raise ValueError(f"column meaning {name!r} declared twice")
    MEANINGS[name] = Meaning(name, tuple(re.compile(p) for p in patterns), additive, percent, text, family, figure)


def ratio(rate: str, part: str, whole: str, family: str | None = None) -> None:
    RATIOS.append(Ratio(rate, part, whole, family))


def column_sum(total: str, parts: tuple[str, ...], family: str | None = None, minus: tuple[str, ...] = ()) -> None:
    COLUMN_SUMS.append(ColumnSum(total, parts, family, minus))


SUBCOLUMNS: list[tuple[str, re.Pattern, str]] = []


def subcolumn(parent: str, child: str, name: str) -> None:
    """Declare that a sub-column whose words are ``child`` (a regex on the match form) under a header of meaning
    ``parent`` means ``name`` (``Kết quả thực hiện / Đơn vị`` -> received; ``/ Số người`` -> participants)."""
    SUBCOLUMNS.append((parent, re.compile(child), name))


def sub_meaning(parent: str | None, child: str) -> Meaning | None:
    """The meaning of a sub-column ``child`` under a header of meaning ``parent`` (None: none declared)."""
    form = normalize_ws(match_form(child))
    for p, pattern, name in SUBCOLUMNS:
        if p == parent and pattern.search(form):
            return MEANINGS[name]
    return None


def applicable_sums(meanings, families) -> list[ColumnSum]:
    """The column sums of ``families`` whose columns are all among ``meanings``, the fullest of each total only: a
    table with 250, 350 and 450 ml columns sums all three, not 250 + 350 as well."""
    found = [s for s in COLUMN_SUMS if (s.family is None or s.family in families)
             and s.total in meanings and all(m in meanings for m, _ in s.terms)]
    return [s for s in found
            if not any(o.total == s.total and set(s.terms) < set(o.terms) for o in found)]


# -- generic meanings ------------------------------------------------------------------------------------
meaning("stt", r"^\s*(?:stt|tt|so tt|so thu tu)\s*$")
meaning("unit_name", r"(?<!\bso )(?<!\btong )\bdon vi\b(?! (?:tinh|mau))", r"(?<!\bhdnd )(?<!\bubnd )\b(?:xa|phuong|thi tran|huyen|thanh pho|thi xa|dia phuong|"
        r"dia ban|co quan)\b(?! giao\b)",
        # ("Tỉnh", not "ước tính", "cách tính", "được tính", "tính đến")
        r"(?<!\bhdnd )(?<!\bubnd )(?<!\buoc )(?<!\bcach )(?<!\bduoc )\btinh\b(?! (?:giao|den|theo|tu|tren|bang)\b)", r"(?<!\bso )\bco so\b", r"(?<!\bso )\b(?:thon|to dan pho)\b", text=True)
meaning("person_name", r"\bho (?:va )?ten\b", r"\bten nguoi\b", r"\bten (?:tap the|ca nhan)\b", text=True)
meaning("location", r"\bdia diem(?: (?:lay|hien|thu) mau| to chuc)?\b", r"\bnoi to chuc\b", r"\bdia chi\b",
        r"^\s*diem (?:lay|hien|thu) mau\b", text=True)  # ("Điểm lấy máu"; "Số điểm lấy máu" counts them)
meaning("date", r"\bthoi gian\b", r"\bngay\b(?!\s+(?:dieu tri|dt|giuong|nam vien|cong)\b)", r"\b(?:ngay|thoi gian) (?:lay|hien|thu|to chuc)(?: mau)?\b",
        r"^\s*(?:ngay|thoi gian)\s+(?:theo\s+)?(?:ke hoach|du kien|thuc hien|thuc te)\b", text=True)  # ("Ngày theo kế hoạch")
meaning("month", r"^\s*thang\s*$", r"^\s*thang\b(?!.*\b(?:nam|tong)\b)", text=True)
meaning("note", r"\bghi chu\b", r"\b(?:tinh trang|trang thai)\b", text=True)  # ("Tình trạng": no tỉnh)
meaning("measure_unit", r"^\s*(?:dvt|d\.\s*v\.\s*t\.?|don vi tinh)\s*$", text=True)  # "ĐVT": đợt, người, đơn vị, %
meaning("campaign", r"\bhuong ung\b", r"\bchuong trinh\b", r"\bchu de\b", text=True)
# a budget's settlement (Dự toán | Thực hiện | Chuyển nguồn | Hủy dự toán): amounts, each column summed by its total row
meaning("budget", r"^\s*(?:tong )?du toan\b", r"^\s*(?:ke hoach von|von (?:duoc )?giao)\b", additive=True)
meaning("disbursed", r"^\s*(?:giai ngan|da chi|thuc chi|quyet toan)\b", additive=True)
meaning("carried_over", r"\bchuyen nguon\b", r"\bchuyen sang nam\b", additive=True)
meaning("cancelled", r"^\s*huy du toan\b", r"^\s*(?:so )?(?:kinh phi )?(?:bi )?huy bo\b", additive=True)
meaning("award_form", r"\bhinh thuc(?: khen thuong)?\b", r"\bdanh hieu\b", text=True)  # Bằng khen, Giấy khen ...
meaning("tap_the", r"^\s*tap the\s*$", additive=True)
meaning("ca_nhan", r"^\s*ca nhan\s*$", additive=True)
meaning("ho_gia_dinh", r"^\s*ho gia dinh\s*$", additive=True)
# a bare "Tổng số" column beside the recipient columns: the row's recipients of every type
meaning("recipients_total", r"^\s*(?:tong so|tong cong|cong)\s*$", additive=True)
# a count of people (``Số người``) heading the one column of figures of a list of two columns: named there only, not
# by ``header_meaning`` (a header's words split over two lines, ``Số người tham`` / ``gia``, would stop at it)
meaning("count", additive=True)
# an amount of a measure no header word names as a quantity of its own (``Rừng trồng (ha)``, ``Lúa, hoa màu (ha)``):
# named by ``interpret`` when its header gives the measure in brackets and a total row closes it; it adds up
meaning("amount", additive=True)
COUNT_HEADER = re.compile(r"^\s*so (?:luot )?(?:nguoi|ca|truong hop|em|hoc sinh|tre)\s*$")
# a table of several years side by side (``Huyện | Năm 2022 | Năm 2023 | Năm 2024 | Tổng cộng``): each year's
# figure, and the row's total over the years (named by ``interpret``, not by header words)
meaning("year_value", additive=True)
meaning("years_total", additive=True)
# a row's mean over the years or parts of the year beside it (``Bình quân/năm``, ``Trung bình năm``): checked by A623
meaning("years_mean", r"^\s*(?:binh quan|trung binh|bq|tb)(?:\s*(?:/|mot|moi|1)?\s*(?:nam|quy|thang|dot))?\s*$")
# parts of the year side by side (``Quý I | Quý II | ... | Cả năm``, ``Tháng 1 | ... | Tháng 12``, ``6 tháng đầu
# năm``; OCR reads the Roman numerals as l's and glues them: ``Quyll``) and the row's total over them
meaning("period_value", r"^\s*quy\s+(?:i|ii|iii|iv|[1-4])\s*$", r"^\s*(?:quy\s*(?:[il1]{1,3}|[il1]?v|[1-4])|qui)\s*$", r"^\s*thang\s+(?:0?[1-9]|1[0-2])\s*$",
        r"^\s*(?:6|sau) thang (?:dau|cuoi)(?: nam)?\s*$", additive=True)
meaning("period_total", r"^\s*ca nam\s*$", additive=True)
# a count of each kind (the rows: methods, groups) in each unit over the columns (``Biện pháp | Xích Thổ | Gia Lâm |
# ... | Cộng``): each unit's count, and the row's total over the units (named by ``interpret``, not by header words)
meaning("across_value", additive=True)
meaning("across_total", additive=True)
# a table whose rows are quantities (``Chỉ tiêu | Năm 2023 | Năm 2024 | So sánh (%)``, a row ``Số đơn vị máu tiếp
# nhận``): the column that names each row's quantity; a row's meaning is what its name names as a header would
meaning("indicator", text=True)
# a running total down the rows (``Lũy kế``, ``Cộng dồn``): each row's is the one above plus the row's own amount
meaning("cumulative", r"^\s*(?:luy ke|cong don|tich luy)\b",
        r"^\s*(?:luy ke|cong don|tich luy) (?:tu )?dau (?:nam|ky)\b")  # the whole of "Lũy kế từ đầu năm": no "đầu năm" of a stock
# "đồng" on its own, in brackets, or after a magnitude: the match form of "Lưu động" ends in "dong" too
# a list of expenses (``Nội dung chi | ĐVT | Số lượng | Đơn giá | Thành tiền``): what is bought, how many, at what price
meaning("item", r"^\s*(?:noi dung (?:cac khoan )?chi|khoan chi|hang muc chi|dien giai)\b", text=True)
# (a payment list: "Số đối tượng (người)" paid "Mức trợ cấp (đồng/người/tháng)" each)
meaning("quantity", r"^\s*so luong\b", r"^\s*so (?:doi tuong|nguoi huong|suat)\b")
meaning("unit_price", r"^\s*(?:don gia|dinh muc|muc chi|muc ho tro|muc thuong|muc tien|muc tro cap|muc huong)\b")
meaning("money_vnd", r"\b(?:gia tri|kinh phi|so tien|thanh tien|tien thuong|muc thuong|muc tien)\b",
        r"^\s*dong\s*$",
        r"\b(?:nghin|ngan|trieu|ty)\s+dong\b|[,:]\s*dong\s*$",
        r"\bvnd\b", additive=True, figure="money")
# a crop's area, output and yield (``Diện tích (ha) | Năng suất (tạ/ha) | Sản lượng (tấn)``): area and output add up
# over the rows, a yield does not (the total row's is an average)
meaning("area", r"^\s*(?:tong )?dien tich\b(?!.*%)", additive=True)
meaning("output", r"^\s*(?:tong )?san luong\b(?!.*%)", additive=True)
meaning("yield_rate", r"^\s*nang suat\b(?!.*%)")
meaning("percent", r"%", r"\bty le\b", r"^\s*dat\b", percent=True)
column_sum("budget", ("disbursed", "carried_over", "cancelled"))  # dự toán = giải ngân + chuyển nguồn + hủy
column_sum("budget", ("received", "carried_over", "cancelled"))  # "Thực hiện" for what was spent
column_sum("recipients_total", ("tap_the", "ca_nhan"))
column_sum("recipients_total", ("tap_the", "ca_nhan", "ho_gia_dinh"))

# Labels of a row that sums the others; "cộng", "tổng", "chung" alone are one only as the whole cell ("Công an
# huyện", "Tổng Văn Mạnh" are not). OCR prints the T of "Toàn"/"Tổng" as l, 1 or | on poor copies ("loàn
# huyện"; a fax's "Fòng cộng"), the C of "Cả năm" as "(" ("( a nan"): accepted before the words that make it a
# total.
TOTAL_LABEL = re.compile(r"^\s*(?:(?:tong cong|tong so(?!(?:\s+[a-z]+){3})|[tl1|]oan (?:huyen|tinh|xa|thanh pho|thi xa|khoi|quan|trung tam|benh vien|nganh|don vi|truong|phuong|thi tran|so|vien)|"
                         r"[l1|f]ong cong|ca nam|[(c] ?a na[mn]|luy ke|tong chung|cong (?:toan|ca|chung|giai doan|\d{1,2} (?:nam|thang)|khoi|cum|nhom|cac|muc|phan|khu vuc|vung|quy|cap|hoc ky|dot|thang|[ivx]{1,4}))\b|"
                         r"(?:cong|tong|chung)\W*$)")
UNIT_LINE = re.compile(r"\bdon\s?vi tinh\s*[:.]?\s*(.+)$")  # "Đơn vị tính: người, đơn vị máu" (OCR: "Donvi tinh")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def split_header(header: str) -> tuple[str, str | None, bool]:
    """(words of a header outside brackets, what the brackets say it counts, whether it is a percent) on the
    match form: ``Chỉ tiêu (đơn vị máu)`` -> ("chi tieu", "đơn vị máu", False); ``Đạt (%)`` -> ("dat", None, True)."""
    form = normalize_ws(match_form(header))
    unit = None
    for m in re.finditer(r"\(([^)]*)\)", header):
        inner = normalize_ws(m.group(1))
        if re.fullmatch(r"[A-Za-z][+-]?", inner) and m.start() and header[m.start() - 1].isalpha():
            continue  # a letter in brackets glued to a word is part of that word (``Rh(D)+``), no unit
        if inner and "%" not in inner:
            unit = inner
    main = ROW_MARKS.sub("", normalize_ws(re.sub(r"\([^)]*\)", " ", form)))
    return main, unit, "%" in form or bool(re.search(r"\bty le\b", main))


# what a row's name (a header of a table turned back) may open with before the words naming a quantity: its number
# (``1.``, ``a)``), ``Trong đó:``, a dash
ROW_MARKS = re.compile(r"^(?:\s*(?:\d{1,2}[.)]\s|[a-z][.)]\s|[-+*\u2013\u2022]|trong do\s*:?))+\s*")


_COMPARED = re.compile(r"\bso\s+voi\b")
_MONEY_UNIT = re.compile(r"^\s*(?:nghin |ngan |trieu |ty )?(?:dong|vnd|d)\s*$")


def header_meaning(header: str) -> Meaning | None:
    """The meaning a header names: the most specific match on its words outside brackets (longest matched
    words; a family's meaning wins a tie over a generic one); a header of a rate names a rate."""
    main, unit, percent = split_header(header)
    if not main and not percent:
        return None
    if not percent and unit and _MONEY_UNIT.match(match_form(unit)) and _best(main, list(MEANINGS.values())) is None:
        return MEANINGS["money_vnd"]  # "Mức hỗ trợ (đồng)": what the brackets count names it
    compared = _COMPARED.search(main)
    if compared and compared.start() > 0:  # "Đạt so với chỉ tiêu": what comes before is compared, not the base
        main = main[:compared.start()].strip()
        percent = percent or any(_names(m, main) for m in MEANINGS.values() if m.percent and m.family is None)
    rates = [m for m in MEANINGS.values() if m.percent]
    if percent and unit is None and not compared and _COMPARED.search(form := normalize_ws(match_form(header))):
        # the base a rate's brackets name ("Tỷ lệ (% so với số đăng ký)"): a family's rate of that base
        based = _best(_BASE_IN_BRACKETS.sub(" ", form), [m for m in rates if m.family])
        if based is not None:
            return based
    found = _best(main, [m for m in MEANINGS.values() if m.percent == percent or not percent])
    if percent and (found is None or not found.percent):
        found = _best(main, rates) or MEANINGS["percent"]
    return found


_BASE_IN_BRACKETS = re.compile(r"[()%]")


# -- headers OCR damaged: the nearest literal header words ------------------------------------------------
FUZZY_SCORE = 80  # rapidfuzz partial ratio (0..100) of a meaning's literal words within the header's letters
FUZZY_MIN_LETTERS = 5  # shorter literal words ("dot", "stt") are matched exactly only
_LITERAL = re.compile(r"^[a-z0-9 ]+$")


def phrases(m: Meaning) -> list[str]:
    """The plain words a meaning's patterns spell (``\\bho can ngheo\\b`` -> ``ho can ngheo``)."""
    return [t for p in m.patterns for t in _phrase(p)]


def _phrase(p: re.Pattern) -> list[str]:
    text = normalize_ws(re.sub(r"\\s[*+?]?", " ", p.pattern.replace("\\b", "").strip("^$")))
    return [text] if _LITERAL.match(text) else []


def _literals(m: Meaning) -> list[tuple[str, bool]]:
    """A meaning's plain words with spaces removed (``hocanngheo``), long enough to be compared fuzzily, each with
    whether its pattern names the whole header (``^...$``)."""
    out = []
    for p in m.patterns:
        for t in _phrase(p):
            if len(t.replace(" ", "")) >= FUZZY_MIN_LETTERS:
                out.append((t.replace(" ", ""), p.pattern.startswith("^") and p.pattern.endswith("$")))
    return out


def fuzzy_header_meaning(header: str, families: tuple[str, ...] | list[str] = ()) -> Meaning | None:
    """The meaning whose literal header words are nearest to a header no pattern names (``Túi 250 mÌ``,
    ``Hộ cận nghè u``: OCR changed or split a letter), when they score ``FUZZY_SCORE`` or more; generic
    meanings and those of the document's families only. The caller marks such a column as guessed."""
    main, _, percent = split_header(header)
    letters = main.replace(" ", "")
    whole = [m for m in MEANINGS.values() if (m.family is None or m.family in families) and m.percent == percent
             and any(p.pattern.startswith("^") and p.pattern.endswith("$") for p in m.patterns)]
    if " " in main and not re.search(r"(?:^| )\d+(?: |$)", main) and (joined := _best(letters, whole)) is not None:
        # (not "6 tháng": a number is a word of its own, no letter a space split off)
        return joined  # "Nhó mO": a space OCR moved inside a header that is one short name ("Nhóm O")
    if len(letters) == 3 and " " not in main and not percent:
        # a short header word with one letter OCR changed ("Đựt" for Đợt): the one meaning whose whole header is
        # a word of that length, the same first letter and one letter apart
        near = {m.name for m in MEANINGS.values() if (m.family is None or m.family in families) and not m.percent
                for t in phrases(m) if len(t) == 3 and " " not in t and t[0] == letters[0]
                and sum(a != b for a, b in zip(t, letters)) == 1}
        return MEANINGS[near.pop()] if len(near) == 1 else None
    if len(letters) < FUZZY_MIN_LETTERS:
        return None
    best, found = (FUZZY_SCORE - 1, 0), None
    for m in MEANINGS.values():
        if m.percent != percent or (m.family is not None and m.family not in families):
            continue
        for lit, whole in _literals(m):
            if whole and main[:1].isdigit():
                continue  # a header opening with a number ("6 tháng") is no damaged word of one name
            if not whole and re.search(rf"(?:^| ){re.escape(lit)}(?: |$)", main):
                continue  # the words are there as written: their patterns said no ("6 tháng" is no month's name)
            # words that must be the whole header (``^\s*ca nhan\s*$``) are compared with its start (``Tập thể được
            # khen``), so that a header of other words that merely contains most of their letters (``Nhân dân``)
            # is not them
            # a header shorter than the words is compared whole: "Đã tiêm" holds most letters of "địa điểm" but
            # is not it
            score = (fuzz.ratio(lit, letters[:len(lit)]) if whole or len(letters) < len(lit)
                     else fuzz.partial_ratio(lit, letters), len(lit))
            if score > best:
                best, found = score, m
    return found


def _best(form: str, candidates: list[Meaning]) -> Meaning | None:
    best: tuple[int, bool] | None = None
    found = None
    for m in candidates:
        length = _names(m, form)
        if length and (best is None or (length, m.family is not None) > best):
            best, found = (length, m.family is not None), m
    return found


def _names(m: Meaning, form: str) -> int:
    """Length of the longest header words of ``form`` that ``m`` names (0: none)."""
    return max((len(h.group(0).strip()) or 1 for p in m.patterns if (h := p.search(form))), default=0)


def header_year(header: str) -> int | None:
    """The year a header names (``Chỉ tiêu năm 2024``, ``Kết quả năm 2023``); the start of a year is the end of the
    year before (``Đầu năm 2022``: 2021)."""
    form = normalize_ws(match_form(header)).lower()
    years = _YEAR.findall(form)
    if not years:
        return None
    return int(years[-1]) - 1 if re.match(r"^(?:so )?(?:ho ngheo )?dau (?:nam|ky)\b", form) else int(years[-1])


# a header that is a year alone (``Năm 2023``, ``2023``), a year's start or end (``Đầu năm 2022``, ``Cuối năm 2022``)
# or its first months (``6 tháng 2017``, ``6 tháng đầu năm 2018``): the same quantity side by side
YEAR_ONLY = re.compile(r"^(?:(?:dau|cuoi) )?(?:(?:\d{1,2}|sau|chin) thang (?:dau |cuoi )?)?(?:nam\s+)?(?:19|20)\d\d$"
                       r"|^(?:(?:nam hoc|vu|mua|dx|ht|td|(?:vu )?(?:dong xuan|he thu|thu dong|chiem xuan|mua))\s+)?"
                       r"(?:19|20)\d\d\s*-\s*(?:19|20)\d\d$"  # a school year "Năm học 2023-2024", a crop season "ĐX 2023-2024"
                       r"|^(?:(?:tai )?(?:thoi diem|ngay)\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d$")  # a day: "01/10/2023"


# a year's own label (``Năm 2024``, ``Cả năm``); months a closing label spans: "9 tháng", "6 tháng đầu năm 2024",
# "Cộng 9 tháng", "Lũy kế 9 tháng"
YEAR_LABEL = re.compile(r"^\s*(?:ca |tong )?nam(?:\s+(?:19|20)\d\d)?\s*$")
MONTHS_LABEL = re.compile(r"^\s*(?:cong |tong |luy ke |tong cong )?(\d{1,2}|sau|chin) thang(?: dau nam)?(?:\s+(?:nam\s+)?(?:19|20)\d\d)?\s*$")


def months_of_label(text: str) -> int | None:
    """The months a period label spans: ``Năm 2024`` 12, ``9 tháng`` 9, ``Sáu tháng đầu năm`` 6; None: no period."""
    if YEAR_LABEL.match(text):
        return 12
    if (m := MONTHS_LABEL.match(text)) is not None:
        return {"sau": 6, "chin": 9}.get(m.group(1)) or int(m.group(1))
    return None


def names_a_column(text: str) -> bool:
    """A header cell's words name a column: a meaning of the vocabulary, or a year alone (years side by side)."""
    return header_meaning(text) is not None or bool(YEAR_ONLY.match(normalize_ws(match_form(text))))


def is_total_label(text: str) -> bool:
    return bool(TOTAL_LABEL.match(normalize_ws(match_form(text))))
