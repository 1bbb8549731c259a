"""Document identity: number and symbol, type, issuing body, place-date line, title, report year,
signatory. Fills ``Document.identity`` and adds one figure per item found.

Administrative documents (Nghị định 30/2020) put these in fixed places: issuer top left (parent
body above it), ``Số: 111/BC-BCĐ`` below it, place and date top right (OCR often puts them on the
same line as the symbol), the type in capitals then the title, and at the end the signature block
(``TM. ...`` / ``KT. ...``, the signer's title, the name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.dates import find_dates, timestamps
from pipeline.numbers import parse_number
from pipeline.extract.paragraphs import in_capitals, starts_item
from pipeline.extract.spans import Figures, View
from pipeline.model import Identity

HEADER_LINES = 15
TITLE_LINES = 3
_SENTENCE_CLOSE = re.compile(r"[.;!?][\s*]*$")
DOC_TYPES = {
    "bao cao": ("Báo cáo", "BC"),
    "ke hoach": ("Kế hoạch", "KH"),
    "quyet dinh": ("Quyết định", "QĐ"),
    "cong van": ("Công văn", "CV"),
    "thong bao": ("Thông báo", "TB"),
    "to trinh": ("Tờ trình", "TTr"),
    "nghi quyet": ("Nghị quyết", "NQ"),
    "chi thi": ("Chỉ thị", "CT"),
    "huong dan": ("Hướng dẫn", "HD"),
    "chuong trinh": ("Chương trình", "CTr"),
    "nghi dinh": ("Nghị định", "NĐ"),
    "thong tu": ("Thông tư", "TT"),
}
TYPE_BY_CODE = {code_: name for name, code_ in DOC_TYPES.values()}
# Codes spelt with Đ (OCR and unaccented text lose it) or in mixed case, by their upper-case skeleton.
CODE_SPELLING = {"BCD": "BCĐ", "QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "CTD": "CTĐ", "TTG": "TTg", "TTR": "TTr",
                 "CTR": "CTr"}

# Số: 111/BC-BCĐ, 43/2021/NĐ-CP (number, optional year, type code, issuer code); OCR: S6, $6, slash lost
SYMBOL = re.compile(
    r"(?<![a-z])[s$][o0-9e¢]?\s*:\s*(\d{1,5})\s*(?:/\s*((?:19|20)\d\d)\s*)?/?\s*([a-z]{2,4})\s*-\s*([a-z]{2,8})\b"
)
# (OCR's stray marks between the two words: "BAO; CAO")
_TYPE_LINE = re.compile(r"^[#*\s.,'`_~-]*(" + "|".join(t.replace(" ", r"[\s;:,'`~.]+") for t in DOC_TYPES) + r")\b")
_MOTTO = re.compile(r"\b(?:cong hoa|d[oe]c lap)\b")
# the period a title names: "6 tháng đầu năm 2024", "quý III/2024", "tháng 6 năm 2024", "năm 2023"
_PERIOD = re.compile(r"\b(?:(?:\d{1,2}|sau|chin) thang (?:dau |cuoi )?nam|quy [ivx1-4]+\s*(?:/|nam)|thang \d{1,2}"
                     r"\s*(?:/|nam)|nam)\s*(?:19|20)\d\d\b")
_PART_NO_YEAR = re.compile(r"\b(?:(?:\d{1,2}|sau|chin) thang (?:dau |cuoi )?nam|quy [ivx1-4]+)\b")
_TASKS_AHEAD = re.compile(r"\b(?:nhiem vu|phuong huong|ke hoach|trien khai)\b")  # what comes next, not reviewed
_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ON_BEHALF = re.compile(r"\b(TM|KT|Q|TL|TUQ)\s*\.?\s+[A-ZĐÀ-Ỹ]")


def code_spelling(printed: str) -> str:
    """A symbol code as it should be spelt: upper case, Đ restored when OCR or the typist lost it."""
    up = printed.upper()
    return up if "Đ" in up else CODE_SPELLING.get(up, up)


@dataclass
class Symbol:
    number: str  # as printed ("05")
    year: str | None  # 43/2021/NĐ-CP
    type_code: str
    issuer_code: str
    end: int  # end of the issuer code in the joined text

    @property
    def text(self) -> str:
        middle = f"{self.year}/" if self.year else ""
        return f"{self.number}/{middle}{self.type_code}-{self.issuer_code}"


def read_symbol(view: View, base: int, m: re.Match) -> Symbol | None:
    """The symbol a SYMBOL-like match found at ``base`` in the joined text, codes as printed.

    Codes are written in capitals: a lower-case word after the dash (``766/QĐ- ngày``, a symbol
    whose issuer was left blank) is not a code.
    """
    codes = []
    for g in (3, 4):
        printed = _code_part(view.text[base + m.start(g) : base + m.end(g)])
        if sum(c.isupper() for c in printed) < min(2, len(printed)):
            return None
        codes.append(code_spelling(printed))
    end = base + m.start(4) + len(_code_part(view.text[base + m.start(4) : base + m.end(4)]))
    return Symbol(m.group(1), m.group(2), codes[0], codes[1], end)


def _code_part(printed: str) -> str:
    """The code in a word OCR glued to the next one: ``UBNDngày`` -> ``UBND`` (``TTg`` stays)."""
    k = 0
    while k < len(printed) and printed[k].isupper():
        k += 1
    if k >= 2 and len(printed) - k > 1:
        return printed[:k]
    return printed


def extract(view: View, figs: Figures) -> Identity:
    """Identity figures and the document's Identity (fields None when unknown)."""
    ident = Identity()
    head = view.lines[:HEADER_LINES]
    symbol_line = _symbol(view, figs, head, ident)
    _place_date(view, figs, head, ident)
    _issuer(view, figs, head, symbol_line, ident)
    _type_and_title(view, figs, ident)
    _date_year(figs, ident)
    _signature(view, figs, ident)
    return ident


def _date_year(figs, ident: Identity) -> None:
    """A report is dated in its year, the next, or (a plan) the one before. A date year outside those that
    is one digit off one of them (``2033`` on a 2023 report) is an OCR misread: the nearest is taken, with
    the year as read kept and the date's confidence lowered. A wrong year would make the gazetteer look
    at units of another time (districts abolished in 2025)."""
    if not ident.date or ident.report_year is None or not ident.date[:4].isdigit():
        return
    read = int(ident.date[:4])
    likely = (ident.report_year, ident.report_year + 1, ident.report_year - 1)
    if read in likely:
        return
    near = [y for y in likely if sum(a != b for a, b in zip(str(y), str(read))) == 1]
    if not near:
        return
    ident.date = f"{near[0]:04d}{ident.date[4:]}"
    fig = next((f for f in figs.items if f.kind == "doc_date"), None)
    if fig is not None:
        fig.value, fig.confidence = ident.date, min(fig.confidence, 0.6)
        fig.attrs["year_read"] = read


def _symbol(view, figs, head, ident) -> int | None:
    for i, lp in enumerate(head):
        m = SYMBOL.search(view.norm[lp.start : lp.end])
        if not m:
            continue
        base = lp.start
        sym = read_symbol(view, base, m)
        if sym is None:
            continue
        number = parse_number(sym.number)
        figs.add("doc_number", number, base + m.start(1), base + m.end(1), label="số")
        figs.add("doc_symbol", sym.text, base + m.start(1), sym.end, label="số, ký hiệu")
        ident.number, ident.symbol, ident.type_code = number, sym.text, sym.type_code
        ident.issuer_body_code = sym.issuer_code
        ident.type = TYPE_BY_CODE.get(sym.type_code)
        return i
    return None


def _place_date(view, figs, head, ident) -> None:
    for lp in head:
        seg = view.norm[lp.start : lp.end]
        # the place-date line: "Tam Đường, ngày 26 tháng 11 năm 2024"
        dates = [d for d in find_dates(seg) if seg[d.start : d.start + 4] == "ngay" and seg[: d.start].rstrip().endswith(",")]
        if not dates:
            continue
        d = dates[0]
        iso, conf, attrs = d.iso(), 1.0 if d.complete else 0.7, {}
        if d.day and d.day.endswith("?") and d.day[0] != "?":
            iso, conf, attrs = _day_from_stamps(view, d, iso)
        figs.add("doc_date", iso, lp.start + d.start, lp.start + d.end, attrs=attrs, confidence=conf,
                 label="ngày ban hành")
        ident.date = iso
        before = view.text[lp.start : lp.start + d.start]
        place = _place_before(before)
        if place:
            s = lp.start + before.rstrip().rstrip(",").rstrip().rfind(place)
            figs.add("doc_place", place, s, s + len(place), label="địa danh")
            ident.place = place
        return


def _day_from_stamps(view: View, d, iso: str):
    """Complete a day with one lost digit from the PDF signature timestamps of the same month."""
    tens = d.day[0]
    days = {day for _, y, m, day in timestamps(view.text) if y == d.year and m == d.month and f"{day:02d}"[0] == tens}
    if len(days) == 1:
        day = days.pop()
        return f"{d.year:04d}-{d.month:02d}-{day:02d}", 0.8, {"day_from": "signature timestamp"}
    return iso, 0.7, {}


def _left_column(view: View, lp) -> tuple[int, int] | None:
    seg = view.norm[lp.start : lp.end]
    m = _MOTTO.search(seg)
    end = m.start() if m else len(seg)
    text = view.text[lp.start : lp.start + end]
    s = len(text) - len(text.lstrip())
    text = text.strip()
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return None
    return lp.start + s, lp.start + s + len(text)


_NAME_GOES_ON = re.compile(r"\b(?:uy ban nhan dan|hoi dong nhan dan|van dong|hien mau|tinh nguyen|chi dao(?: van)?|"
                           r"chu thap do)$")


def _issuer(view, figs, head, symbol_line, ident) -> None:
    if symbol_line is None:
        return
    cols = []
    for lp in head[:symbol_line]:
        seg = view.norm[lp.start : lp.end]
        if find_dates(seg) or SYMBOL.search(seg):
            continue
        col = _left_column(view, lp)
        if col:
            cols.append(col)
    if not cols:
        return
    # a name printed over two or three lines is one issuer ("BAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU" / "TÌNH NGUYỆN TỈNH LAI
    # CHÂU", "ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU"): lines join while the one above ends where a name goes on
    def block_start(k: int) -> int:
        while k > 0 and _NAME_GOES_ON.search(view.norm[cols[k - 1][0]:cols[k - 1][1]].strip()):
            k -= 1
        return k

    k = block_start(len(cols) - 1)
    s, e = cols[-1]  # the span of its last line (a figure's span is one range; the lines have a column beside)
    issuer = " ".join(view.best(*c) for c in cols[k:])
    attrs = {"parent": " ".join(view.best(*c) for c in cols[block_start(k - 1):k])} if k > 0 else {}
    figs.add("issuer", issuer, s, e, attrs=attrs, label="cơ quan ban hành")
    ident.issuer, ident.issuer_parent = issuer, attrs.get("parent")


def _type_and_title(view, figs, ident) -> None:
    for k, lp in enumerate(view.lines[:HEADER_LINES + 5]):
        seg = view.norm[lp.start : lp.end]
        m = _TYPE_LINE.match(seg)
        raw = view.text[lp.start + m.start(1) : lp.start + m.end(1)] if m else ""
        if not m or not raw.isupper():
            continue
        name, code = DOC_TYPES[" ".join(re.findall(r"[a-z]+", m.group(1)))]
        figs.add("doc_type", name, lp.start + m.start(1), lp.start + m.end(1), attrs={"code": code}, label="loại văn bản")
        ident.type, ident.type_code = name, ident.type_code or code
        _title(view, figs, ident, k, lp.start + m.end(1))
        return
    _type_line_ocr_damaged(view, figs, ident)


TYPE_LINE_FUZZY = 80  # rapidfuzz ratio of a short capitals line's letters to the letters of the type its symbol codes


def _type_line_ocr_damaged(view, figs, ident) -> None:
    """The type line old OCR damaged (``BAO CDO`` for BÁO CÁO): a short line in capitals whose letters are nearly
    those of the type the symbol's code names (``47/BC-BCĐ``: Báo cáo)."""
    from rapidfuzz import fuzz

    names = [t for t, (_, code) in DOC_TYPES.items() if code == ident.type_code]
    if not names:
        return
    for k, lp in enumerate(view.lines[:HEADER_LINES + 5]):
        raw = view.text[lp.start:lp.end].strip()
        letters = re.sub(r"[^a-z]", "", view.norm[lp.start:lp.end])
        if not raw or not raw.isupper() or len(raw.split()) > 3 or not letters:
            continue
        for t in names:
            if fuzz.ratio(letters, t.replace(" ", "")) >= TYPE_LINE_FUZZY:
                start = lp.start + (len(view.text[lp.start:lp.end]) - len(view.text[lp.start:lp.end].lstrip()))
                name, code = DOC_TYPES[t]
                figs.add("doc_type", name, start, start + len(raw), attrs={"code": code}, label="loại văn bản")
                ident.type = name
                _title(view, figs, ident, k, start + len(raw))
                return


def _title(view, figs, ident, k, pos) -> None:
    """Title: the rest of the type line (markdown headings run on) or the next non-blank lines."""
    rest = view.text[pos : view.lines[k].end].lstrip("* ")
    if any(c.isalpha() for c in rest):  # not OCR dust after the type word ("BÁO CÁO.")
        start = pos + (view.lines[k].end - pos - len(rest))
    else:
        nxt = [lp for lp in view.lines[k + 1 : k + 4] if view.text[lp.start : lp.end].strip()]
        if not nxt:
            return
        first = view.text[nxt[0].start : nxt[0].end]
        start = nxt[0].start + len(first) - len(first.lstrip())
    end = max(view.paragraph_at(start).end, _title_block_end(view, start))
    stop = view.text.find("**", start, end)
    if stop > start:
        end = stop
    title = view.best(start, end)
    if not title:
        return
    figs.add("title", title, start, end, label="trích yếu")
    ident.title = title
    _report_year(view, figs, ident, start, end)


def _title_block_end(view, start: int) -> int:
    """End of the lines a title starting at ``start`` runs over: up to ``TITLE_LINES`` lines, ending
    before a blank line, a new item or a heading in capitals and after a line that closes a sentence.
    (A centred title wrapped over lines is indented, so paragraph segmentation cuts it.)"""
    k = view.lines.index(view.line_at(start))
    end = view.lines[k].end
    for lp in view.lines[k + 1 : k + TITLE_LINES]:
        prev = view.text[view.line_at(end - 1).start : end]
        line = view.text[lp.start : lp.end]
        dust = re.match(r"^\s*[-_–.]\s*(?=[^\W\d_])", line)  # "- trên địa bàn ...": a mark OCR left, not an item
        item = starts_item(line) and not (dust and line[dust.end()].islower())
        if _SENTENCE_CLOSE.search(prev) or not line.strip() or item or in_capitals(line):
            break
        end = lp.end
    return end


_NAMED_YEAR = re.compile(r"\bnam\s+(?:19|20)\d\d\b")


def _report_year(view, figs, ident, start, end) -> None:
    seg = view.norm[start:end]
    if _RANGE.search(seg):
        # a multi-year plan (giai đoạn 2021-2025) covers no single year, unless the title names one besides the
        # period it is under ("Kết quả rà soát hộ nghèo năm 2022 theo chuẩn nghèo ... giai đoạn 2021 - 2025")
        seg = _RANGE.sub(lambda r: " " * len(r.group()), seg)
        if not _NAMED_YEAR.search(seg):
            return
    m = _YEAR.search(seg)
    if m:
        year = parse_number(m.group())
        figs.add("report_year", year, start + m.start(), start + m.end(), label="năm báo cáo")
        ident.report_year = year
    p = _PERIOD.search(seg)
    if p:
        ident.period = view.best(start + p.start(), start + p.end())
        first = _PART_NO_YEAR.search(seg, 0, p.start())
        if first is not None and _TASKS_AHEAD.search(seg, first.end(), p.start()):
            # "Sơ kết 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2024": the part it reviews, not the tasks'
            ident.period = f"{view.best(start + first.start(), start + first.end())} {m.group() if m else ''}".strip()


def _signature(view, figs, ident) -> None:
    """The last ``TM./KT.`` line, the title after it, and the name at the end of the block."""
    block = None
    for k in range(len(view.lines) - 1, max(-1, len(view.lines) - 60), -1):
        lp = view.lines[k]
        m = _ON_BEHALF.search(view.text[lp.start : lp.end])
        if m:
            block = (k, lp.start + m.start())
            break
    if block is None:
        return
    k, on_start = block
    on_behalf = view.best(on_start, view.lines[k].end)
    for lp in view.lines[k + 1 : k + 3]:
        text = view.text[lp.start : lp.end].replace("*", " ")
        words = _trailing_capitals(text)
        if words and sum(len(w) for w in words) >= 5:
            e = lp.start + len(text.rstrip())
            s = lp.start + text.rstrip().rfind(words[0])
            title = view.best(s, e)
            figs.add("signatory_title", title, s, e, attrs={"on_behalf": on_behalf}, label="chức vụ người ký")
            ident.signatory_title = title
            break
    for lp in reversed(view.lines[k + 1 :]):
        text = view.text[lp.start : lp.end].strip().strip("*").strip()
        if _is_name(text):
            s = view.text.index(text, lp.start)
            figs.add("signatory_name", text, s, s + len(text), label="người ký")
            ident.signatory_name = text
            break


_MOTTO_WORDS = re.compile(r"cộng hòa|cộng hoà|xã hội chủ nghĩa|việt nam|độc lập|tự do|hạnh phúc")
# "xã" of a commune, not of "xã hội" ("Sở Lao động - Thương binh và Xã hội", "Ngân hàng Chính sách xã hội")
_LEVEL_WORDS = (("commune", re.compile(r"\b(?:xã(?!\s+hội\b)|phường|thị trấn)\s+\w")),
                ("district", re.compile(r"\b(?:huyện|quận|thị xã|thành phố)\s+\w")),
                ("province", re.compile(r"\btỉnh\s+\w")))


def date_year(ident: Identity) -> int | None:
    """The year of the document's own date, when it has one."""
    y = (ident.date or "")[:4]
    return int(y) if y.isdigit() else None


def issuer_level(view: View) -> str | None:
    """The level of the unit a document is issued by: the lowest level its letterhead names (``UBND HUYỆN X``
    over ``TỈNH Y``; the motto ``CỘNG HÒA XÃ HỘI ...`` aside), read on text with its marks (tỉnh is not tình)."""
    head = []
    for lp in view.lines[:HEADER_LINES]:
        line = view.text[lp.start:lp.end]
        if SYMBOL.search(view.norm[lp.start:lp.end]):
            break
        head.append(_MOTTO_WORDS.sub(" ", line.lower()))
    text = " ".join(head)
    for level, rx in _LEVEL_WORDS:
        if rx.search(text):
            return level
    return None


def _trailing_capitals(text: str) -> list[str]:
    """The upper-case words ending a line ("... (b/c); PHÓ TRƯỞNG BAN" -> [PHÓ, TRƯỞNG, BAN])."""
    out: list[str] = []
    for w in reversed(text.split()):
        if not w.rstrip(".").isalpha() or not w.isupper():
            break
        out.insert(0, w)
    return out


def _is_name(text: str) -> bool:
    """A personal name: 2-4 capitalised words of letters (the first may carry an OCR stray)."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(w.isalpha() and w[0].isupper() for w in words)
        and all(w[1:].islower() for w in words[1:])
    )


def _place_before(text: str) -> str:
    """The place of a place-date line: up to three capitalised words before the comma."""
    out: list[str] = []
    for w in reversed(text.rstrip().rstrip(",").split()):
        if len(out) == 3 or not (w.isalpha() and w[0].isupper() and not w.isupper()):
            break
        out.insert(0, w)
    return " ".join(out)
