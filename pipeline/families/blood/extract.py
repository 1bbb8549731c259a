"""Blood-donation figures: units received and quota (``737/550 đơn vị máu``), participants
(``1.044 lượt người``), percent of plan (``vượt 134%``), number of drives (``2 đợt hiến máu``),
and per drive (``+ Đợt 1: ...``) its date, campaign names (text in quotes), figures and status.

Each figure inherits from its paragraph the year, the drive number (None for a year total) and
whether it is a plan (next year's quota and its split by drive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import syllables
from pipeline.dates import find_dates
from pipeline.extract.nlp import DATE, MAU, NGUOI, NUM, NUM_WORDS, PAIR, PERCENT, PatternSet
from pipeline.numbers import (NUMBER_WORDS, one_misread, parse_count, parse_ordinal, parse_pair, parse_percent, qualify,
                              split_lost_slash)
from pipeline.extract.paragraphs import SUM_WORDS, starts_item
from pipeline.extract.periods import other_part_of_year
from pipeline.extract.spans import DIFFERENCE_BEFORE, INLINE_DRIVE, Figures, Paragraph, View, cell_confidence
from pipeline.model import Document, Figure, Row, Table
from pipeline.tables.interpret import fill_sequence
from pipeline.text import in_brackets, match_form, normalize_ws

# "đơn vị máu", with the dust OCR may put at a line break inside it ("671/550 đơn vị:" / "- máu vượt ..."), and
# "máu" as OCR misreads it after "đơn vị" ("mát", "rnáu"; alone "mát" is a word of its own)
# (not across a clause's end: "là 5.810 đơn vị; máu tiếp nhận tại ...")
_DON_VI = [{"LOWER": "don"}, {"LOWER": "vi"}, {"IS_PUNCT": True, "LOWER": {"NOT_IN": [";"]}, "OP": "{,2}"},
           {"LOWER": {"REGEX": r"^(?:m[aeo]u|mat|rnau)$"}}]
# people who came or gave ("người tham gia", "người đến đăng ký"); those who only registered ("712 người đăng ký
# trước") are not the participants
_PEOPLE = [{"LOWER": "luot", "OP": "?"}, NGUOI, {"LOWER": {"IN": ["tham", "den", "hien", "toi"]}}]
# people of a kind (cán bộ, chiến sĩ, đoàn viên ...), a few words of who they are, then that they gave
_GROUP = {"LOWER": {"REGEX": r"^(?:can|chien|doan|cong|hoc|sinh|giao|hoi|thanh|tinh|nhan|y|bac|dan)$"}}
_WHO = [{"LOWER": {"NOT_IN": [".", ";", ":", "!", "?", "(", ")"]}, "LIKE_NUM": False, "OP": "{1,10}"}]
_GAVE = [{"LOWER": "tham", "OP": "?"}, {"LOWER": "gia", "OP": "?"}, {"LOWER": "hien"}, MAU]
_UNIT_SHORT = {"LOWER": {"IN": ["dv", "tui"]}}  # "ĐV" for đơn vị; a bag (túi) of blood is one unit
_DRIVES = [{"LOWER": "dot"}, {"LOWER": {"IN": ["hien", "phat", "to", "lay", "van", "tiep", ":"]}}]
_SESSIONS = [{"LOWER": "buoi"}, {"LOWER": {"IN": ["hien", "lay", "tiep"]}}, MAU]  # a session of taking blood: a drive
_GLUED_TAKING = {"LOWER": {"REGEX": r"^(?:lay|hien)m[aeo]u$"}}
_DAY_OR_MONTH = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
_LONG_DATE = [_DAY_OR_MONTH, {"LOWER": "thang"}, _DAY_OR_MONTH, {"LOWER": "nam"}, {"TEXT": {"REGEX": r"^\d{4}$"}}]
PATTERNS = {  # a number in digits, or in words ("sáu mươi hai lượt người", "hai đợt hiến máu")
    "UNITS_PAIR": [[PAIR, *_DON_VI]],
    "UNITS_PAIR_BARE": [[PAIR, *_DON_VI[:2]], [PAIR, {"LOWER": {"IN": ["dv", "dvm"]}}]],  # "1.610/1.500 đơn vị",
    # "281/260 đv": no "máu"
    "UNITS": [[NUM, *_DON_VI], [NUM_WORDS, *_DON_VI], [NUM, _UNIT_SHORT, MAU]],  # "560 ĐV máu", "560 túi máu"
    "UNITS_BARE": [[NUM, *_DON_VI[:2]], [NUM, {"LOWER": {"IN": ["dv", "dvm"]}}]],  # "738 đơn vị", "1.250 ĐV", "45 đvm"
    "PARTICIPANTS": [[NUM, *_PEOPLE], [NUM_WORDS, *_PEOPLE]],
    "PARTICIPANTS_BARE": [[NUM, {"LOWER": "luot", "OP": "?"}, NGUOI],  # "số người hiến máu: 1.250 người"
                          # "Xét theo đối tượng, cán bộ ... có 142 lượt; ...": "lượt" alone, in a list of donor groups
                          [NUM, {"LOWER": "luot"}, {"TEXT": {"IN": [";", ",", ".", "("]}}]],
    # who they are named between the count and the giving ("432 lượt cán bộ, nhân dân tham gia hiến máu")
    "PARTICIPANTS_NAMED": [[NUM, {"LOWER": "luot", "OP": "?"}, _GROUP, *_WHO, *_GAVE],
                           [NUM, {"LOWER": "luot"}, *_WHO, *_GAVE]],
    "QUOTA_AFTER": [[NUM, {"LOWER": "chi"}, {"LOWER": "tieu"}]],  # "214 đơn vị/190 chỉ tiêu"
    "PERCENT": [[PERCENT]],
    "DRIVE_COUNT": [[NUM, *_DRIVES], [NUM_WORDS, *_DRIVES], [NUM, _DRIVES[0]], [NUM_WORDS, _DRIVES[0]],
                    [NUM, {"TEXT": ")"}, *_DRIVES],  # "ba (03) đợt hiến máu": the digits in brackets
                    [NUM, *_SESSIONS], [NUM_WORDS, *_SESSIONS],  # "tổ chức 5 buổi lấy máu lưu động"
                    [NUM, _SESSIONS[0], _GLUED_TAKING]],  # "5 buổi laymau": OCR glued the words
    # "tổ chức 2 lần hiến máu" (then "lần thứ nhất ..., lần thứ hai ..."): drives counted as times, only after
    # "tổ chức" ("hiến máu 5 lần" counts a person's donations)
    "DRIVE_COUNT_TIMES": [[NUM, {"LOWER": "lan"}, {"LOWER": {"IN": ["hien", "lay"]}}, MAU],
                          [NUM_WORDS, {"LOWER": "lan"}, {"LOWER": {"IN": ["hien", "lay"]}}, MAU]],
    "DRIVE_DATE": [[{"LOWER": "ngay"}, DATE], [{"LOWER": "ngay"}, *_LONG_DATE]],
    # a number whose words come before it ("Số đơn vị máu tiếp nhận cả năm là 1.032")
    "UNITS_NAMED": [[{"LOWER": {"IN": ["la", ":"]}}, NUM]],
}
_QUOTA_WORDS = re.compile(r"chi tieu(?: (?:tiep nhan|thu gom|hien mau))?|giao|phan bo|ke hoach(?: tiep nhan)?|du kien|muc tieu")
_RECEIVED_WORDS = re.compile(r"tiep nhan|thu duoc|thu gom|thu ve|(?:van|huy) dong duoc|thuc hien duoc|dat\b|\b(?:lay|hien) duoc\b|"
                             r"\bket qua\s+thuc\s+hien\b|"  # "tăng 101 đơn vị so với kết quả thực hiện năm 2023 (1.149 đơn vị)"
                             r"\bnhan\s*$|[,:]\s*duoc\s*$|"  # "Đợt hai ... tại ..., nhận 195 đơn vị", "..., được 172 đơn vị"
                             r"\blay mau\b[^.;,\d]{0,30}\bduoc\s*$|"  # "riêng lấy máu lưu động được 4.276 đơn vị"
                             r"\btong so (?:don vi )?m[aeo]u (?:cua|toan|nam|thu|tiep|hien|la\b)|\bm[aeo]u hien duoc\b")  # "Tổng số đơn vị máu của
# huyện năm 2024 là 659" (not "Tổng số đơn vị máu và chế phẩm đã sử dụng")
# "đạt 97%" alone is any rate; "đạt 106% chỉ tiêu" is not; "vượt (chỉ tiêu) 5%" is one
_PERCENT_BEFORE = re.compile(r"\bvuot(?: (?:muc )?(?:chi tieu|ke hoach)(?: (?:duoc )?giao)?)?\W*$")
_PERCENT_AFTER = re.compile(r"[^\w.;]*(?:so\s+voi\s+)?(?:ke hoach|chi tieu)")  # not past the sentence's end
# "... 214/190 đơn vị máu, đạt 121,6%" (or "= 121,6%"): received over quota
_DAT = re.compile(r"(?:\b(?:dat|bang)(?: ty le)?|=)\W*$")
# "trong đó có 11 người ...", "còn lại 14 người", "Khoa Sư phạm dẫn đầu toàn trường với 78 người hiến máu"
_SUBGROUP = re.compile(r"\b(?:trong (?:so|do)|con lai|dan dau)\b[^,;]*$")
# ... named so before the count ("Số người hiến máu lần đầu: 205 người", "số người hiến máu nhắc lại là ...")
_SUBGROUP_BEFORE = re.compile(r"\bnguoi\b[^,;]{0,30}?\b(?:lan dau|nhac lai|(?:tu )?\d+ lan(?: tro len)?"
                              r"|(?:tu )?lan thu (?:hai|ba|\d+)(?: tro len)?)\b[^,;\d]*$")  # "từ lần thứ hai trở lên"
# people a clause honours ("biểu dương trên 100 người hiến máu tiêu biểu") are award recipients, not a count of donors
# (not "Ngày Thế giới tôn vinh người hiến máu", a campaign's name: "hưởng ứng Ngày Thế giới tôn vinh người hiến máu: 180
# đơn vị" is what that drive is to take in)
_HONOURED = re.compile(r"\b(?:bieu duong|(?<!the gioi )ton vinh|vinh danh|khen thuong|tang (?:giay|bang|ky niem))\b[^,;.]*$")
_HONOUR_WORD = re.compile(r"bieu duong|ton vinh|vinh danh|khen thuong|tang (?:giay|bang|ky niem)")
_RANGE_TOP = re.compile(r"\btu\s+\S+\s+den\s*$")  # "từ 7.500 đến 8.000": the range's top, not a figure of its own
# ... who gave for the first time, again, N times or more, from N to M times ("14 người hiến máu tình nguyện từ 05
# đến 09 lần"): a part of the donors
_SUBGROUP_AFTER = re.compile(r"^[^\w,;.]*(?:gia\s+)?(?:\w+\s+){0,4}?(?:lan dau|nhac lai|tu \d+(?:\s*den\s*\d+)? lan|"
                             r"tu lan thu (?:hai|ba|\d+)|\d{1,2} lan(?:\s+(?:va|,)\s*\d{1,2} lan)*)\b")
# ("197 người hiến máu 5 lần và 10 lần được ... tặng Giấy chứng nhận": those of so many donations, a group)
# "vượt chỉ tiêu 40 đơn vị máu ..., đạt 112,5%", "thu được 738 đơn vị (chỉ tiêu 700 đơn vị), đạt 105,4%"
_QUOTA_BEFORE = re.compile(r"\b(?:chi tieu|ke hoach)\b[^%]{0,80}\bdon vi\b|\bdon vi\b[^%]{0,80}\b(?:chi tieu|ke hoach|duoc giao)\b")
# "214/190 đơn vị máu", "738 đơn vị máu/700 đơn vị kế hoạch"
_UNITS_PAIR_BEFORE = re.compile(r"\d[\d.]*/\d[\d.]*\s*(?:don\s+vi|dv)|\bdon vi m[aeo]u\s*/\s*\d")
# "máu" in a blood phrase ("mẫu" has the same skeleton: a bare "mau" is not enough)
_BLOOD_CONTEXT = re.compile(r"\b(?:hien|don vi|nhan|lay|tiep nhan|giot|so|luong) m[aeo]u\b|\bnhom m[aeo]u\b|\bhmtn\b|\bvdhm"
                            r"|\b(?:hien|lay)m[aeo]u\b")  # (OCR glued: "5 buổi laymau")
_QUOTED = re.compile(r"[“\"]([^“”\"]{3,160})[”\"]")
# (not "đạt 96,4% dự kiến của đợt (250 đơn vị)": what was planned, named after a result)
_PLANNED = re.compile(r"(?<!%)(?<!% )(?<!vuot )(?<!so voi )du kien(?! cua)|se to chuc|phan dau (?:(?:trong )?nam \d{4},? )?(?:tiep nhan|thu|dat|van dong)")


@dataclass
class Hit:
    """One pattern match, its first token (the number, or `ngày` of a date) and its context."""

    view: View
    p: Paragraph
    start: int  # the match in the joined text
    end: int
    num_start: int  # its number token
    num_end: int
    last_start: int  # its last token
    planned: bool

    @property
    def num(self) -> str:
        return self.view.norm[self.num_start : self.num_end]

    @property
    def before(self) -> str:
        return self.view.norm[max(self.p.start, self.start - 40) : self.start]

    def attrs(self, pos: int | None = None) -> dict:
        at = self.num_start if pos is None else pos
        year, drive = self.view.year_and_drive(self.p, at)
        ry = self.view.report_year
        plan = self.planned and (year is None or ry is None or year >= ry)  # last year's result inside a plan
        if year is not None and ry is not None and year > ry:
            plan = True  # a figure of a year after the document's own is a plan
        out = {"year": year, "drive_no": drive, "plan": plan}
        about = (self.view.joint_drives(self.p, at) or self.view.sub_unit(self.p, at)) if drive is None else None
        clause = self.view.clause_before(self.p, at)
        cum = list(_CUMULATIVE.finditer(clause))
        listed = False
        if (about or self.view.names_own_period(self.p, at)) and clause.count("(") > clause.count(")"):
            cum = []  # "Cộng dồn từ đầu năm ... 1.712 đơn vị máu (6 tháng đầu năm 1.074 đơn vị)": the months the
            # brackets name, not the running total
        elif cum and _PARTS_LISTED.match(clause[cum[-1].end():]) and (about or _NAMES_A_PART.search(clause)) \
                and not _SUM_OF_LISTED.search(re.split(r"[,:]", clause)[-1]):
            cum, listed = [], True  # "Cộng dồn từ đầu năm: quý I tiếp nhận 180 đơn vị, quý II 310 đơn vị": each part's
        if (cum and not _QUOTA_WORDS.search(clause[cum[-1].end():])) or (not cum and not listed and not _QUOTA_WORDS.search(
                clause) and _under_cumulative_heading(self.view, self.p)):
            # "Lũy kế từ năm 2012 đến hết năm 2016 ... 2.186 đơn vị", a paragraph under "3. Lũy kế thực hiện năm
            # 2021": a running total, no year's and no drive's
            about = "lũy kế"
            out["drive_no"] = None
        if not about and drive is None and (alone := _SINGLED_GROUP.match(clause)) is not None:
            # "Riêng nhân dân các bản mới đạt 91,7% chỉ tiêu": the group the clause singles out
            about = normalize_ws(self.view.text[at - len(clause) + alone.start(1):at - len(clause) + alone.end(1)])
        if not about and drive is None and (top := _SUPERLATIVE.search(clause)) is not None \
                and not re.search(r"\d{1,2}\s*/\s*\d{1,2}", clause):  # (a drive named by its day: that drive's)
            # "Đợt khai mạc ... có số đơn vị tiếp nhận lớn nhất (329 đơn vị)": the figure of the one that stands out
            about = normalize_ws(self.view.text[at - len(clause):at - len(clause) + top.start()]).strip(" ,") or "nhất"
        if about and about != "lũy kế" and _YEAR_PLAN_BEFORE.search(self.view.norm[max(self.p.start, at - 40):at]):
            about = None  # "đạt 70,5% kế hoạch năm (6.200 đơn vị)": the year's plan, whatever part the sentence named
        if about:
            out["about"] = about  # a figure of one commune (or month) in a district's report is not its total
        return out


_PART_NAMED_BEFORE = re.compile(r"\b(?:quy\s+(?:[ivx]+|[1-4])|thang\s+\d{1,2}|dot\s+(?:[ivx]+|\d{1,2}))\b(?!\s*(?:/|nam))")
_SINGLED_GROUP = re.compile(r"^\W*rieng\s+((?:[a-z]+\s+){1,5}?)(?:moi|chi|da|dat|co|tiep nhan|thu duoc|van)\b")
_SUPERLATIVE = re.compile(r"\b(?:lon|cao|nhieu|thap|it|dong)\s+nhat\b[^,;:]{0,12}$")
_QUOTA_GIVEN_AFTER = re.compile(r"\s*(?:don vi|dv)(?:\s+m[aeo]u)?\s+(?:(?:tinh|huyen|thanh pho|xa|cap tren|da|duoc)\s+)?giao\b")
_YEAR_PLAN_BEFORE = re.compile(r"\b(?:ke hoach|chi tieu)\s+(?:ca\s+)?nam(?:\s+(?:19|20)\d\d)?\s*(?:\(|:|la)\s*$")
_RATE_AFTER_PAIR = re.compile(r"\s*(?:don vi|dv)?(?:\s+m[aeo]u)?\s*[,(]?\s*(?:(?:moi|chi)\s+)?(?:dat|bang)\s+$")


def _pair_abouts(view: View, figs: Figures) -> None:
    """A pair ``x/y đơn vị`` of a part (``Công an huyện 64/60 đơn vị, đạt 106,7%``): its quota and the rate right
    after it are about what its received amount is about (the quota's own words run on over the ``64/``)."""
    received = {r[1]: f for f in figs.items if f.kind == "units_received" and f.attrs.get("about")
                and (r := view.range_of(f.span)) is not None}
    for f in figs.items:
        r = view.range_of(f.span)
        if r is None:
            continue
        if f.kind == "units_quota" and (mate := received.get(r[0] - 1) if view.norm[r[0] - 1:r[0]] == "/"
                                        else received.get(r[0])) is not None:  # (or its slash lost: ``_lost_slash``)
            f.attrs["about"] = mate.attrs["about"]
            received[r[1]] = mate  # the rate after the pair follows the quota
    for f in figs.items:
        r = view.range_of(f.span)
        if f.kind != "percent_of_plan" or f.attrs.get("about") or r is None:
            continue
        before = view.norm[max(0, r[0] - 30):r[0]]
        m = _RATE_AFTER_PAIR.search(before)
        if m is None:
            continue
        end = r[0] - len(before) + m.start()
        mate = received.get(end)
        if mate is not None:
            f.attrs["about"] = mate.attrs["about"]


RUNNING_RATE_REACH = 250  # characters from a running total to the rate its sentence gives it


def _running_total_rates(view: View, figs: Figures) -> None:
    """A rate of plan that follows a running total in its sentence, no other amount of the year's between (``Lũy kế 9
    tháng ... tiếp nhận 4.474 đơn vị máu (quý I: ...), bằng 77,1% kế hoạch năm (5.800 đơn vị)``): the running total's
    rate, of the year's quota."""
    received = sorted(((r, f) for f in figs.items if f.kind == "units_received"
                       and (r := view.range_of(f.span)) is not None), key=lambda x: x[0][0])
    for f in figs.items:
        r = view.range_of(f.span)
        if f.kind != "percent_of_plan" or f.attrs.get("about") or r is None:
            continue
        before = [(rr, g) for rr, g in received if rr[1] <= r[0] and "part_of" not in g.attrs]
        if not before:
            continue
        (start, end), last = before[-1]
        between = re.sub(r"\([^()]*\)", " ", view.norm[end:r[0]])  # (the parts it lists in brackets)
        if last.attrs.get("about") == "lũy kế" and r[0] - end <= RUNNING_RATE_REACH \
                and not re.search(r"\.(?:\s|$)|;", between) and not re.search(r"\b(?:tang|giam)\b", between):
            f.attrs["about"] = "lũy kế"


DATE_YEAR_SIBLINGS = 2  # other drives' dates in the sentence, all of one year, for a year one digit off it to be a misread
DATE_YEAR_MISREAD_CONFIDENCE = 0.6


def _drive_date_years(view: View, figs: Figures) -> None:
    """A drive's date that its document's own date contradicts (a planned drive before the plan was signed, a drive
    held after the report was), in a sentence that dates two drives or more all in one year, one digit off its
    year, that date being then no contradiction (``12/7/2023`` among ``24/02/2024``, ``14/6/2024``, ``01/12/2024``
    of a plan signed on 18/12/2023): OCR misread a digit. It takes their year, the year as read kept
    (``year_read``) and its confidence lowered."""
    signed = str(view.doc.identity.date or "") if view.doc.identity is not None else ""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", signed):
        return
    dated: dict[tuple[int, int], list[tuple[Figure, int]]] = {}
    for f in figs.items:
        r = view.range_of(f.span) if f.kind == "drive_date" and str(f.value)[:4].isdigit() else None
        if r is not None:
            p = view.paragraph_at(r[0])
            start = r[0] - len(view.sentence_before(p, r[0]))
            dated.setdefault((start, view.sentence_end(p, r[0])), []).append((f, int(str(f.value)[:4])))

    def contradicted(date: str, status: str | None) -> bool:
        return date[:10] < signed if status == "planned" else status == "held" and date[:10] > signed

    for found in dated.values():
        for f, year in found:
            others = {y for g, y in found if g is not f}
            if len(found) - 1 < DATE_YEAR_SIBLINGS or len(others) != 1 \
                    or not contradicted(str(f.value), f.attrs.get("status")):
                continue
            (theirs,) = others
            fixed = f"{theirs:04d}{str(f.value)[4:]}"
            if one_misread(str(year), str(theirs)) and not contradicted(fixed, f.attrs.get("status")):
                f.value = fixed
                f.attrs["year_read"] = year
                if f.attrs.get("year") == year:
                    f.attrs["year"] = theirs
                f.confidence = min(f.confidence, DATE_YEAR_MISREAD_CONFIDENCE)


# one drive a sentence plans, named by no number ("Tổ chức một đợt hiến máu tập trung ... dự kiến ngày 22/11/2024")
_ONE_PLANNED_DRIVE = re.compile(r"\b(?:mot|01|1)\s+dot\s+(?:[a-z]+\s+){0,2}?(?:hien|lay|tiep nhan)\s+m[aeo]u\b")
NEXT_DRIVE_CONFIDENCE = 0.8  # its number is inferred from the drives before it, not written


def _next_planned_drive(view: View, figs: Figures) -> None:
    """The one drive a sentence plans, with its day but no number of its own (``Tổ chức một đợt hiến máu tập trung
    hưởng ứng ... vào cuối tháng 11, dự kiến ngày 22/11/2024``), in a year whose held drives the report numbers 1 to
    N, all before that day: it is drive N + 1 of that year, planned for that day. Not when the report numbers no
    drive of that year, skips a number, or dates the sentence's day already."""
    held: dict[int, dict[int, str]] = {}
    taken: list[tuple[int, int]] = []
    for f in figs.items:
        if (r := view.range_of(f.span)) is not None:
            taken.append(r)
        no, value = f.attrs.get("drive_no"), str(f.value)
        if f.kind == "drive_date" and f.attrs.get("status") == "held" and no and value[:4].isdigit():
            held.setdefault(int(value[:4]), {})[no] = value
    for m in _ONE_PLANNED_DRIVE.finditer(view.norm):
        p = view.paragraph_at(m.start())
        start = m.start() - len(view.sentence_before(p, m.start()))
        end = view.sentence_end(p, m.start())
        if not _PLANNED.search(view.norm[start:end]):
            continue
        found = [d for d in find_dates(view.norm[m.end():end], m.end()) if d.month is not None and d.day]
        if len(found) != 1:
            continue  # no day, or several: which is the drive's is not said
        d = found[0]
        year = d.year if d.year is not None else view.report_year
        drives = held.get(year) if year is not None else None
        if not drives or sorted(drives) != list(range(1, len(drives) + 1)):
            continue
        day = d.iso(year)
        if "?" in day or any(v >= day for v in drives.values()) or any(a < d.end and d.start < b for a, b in taken):
            continue
        figs.add("drive_date", day, d.start, d.end, attrs={"year": year, "drive_no": len(drives) + 1,
                                                           "status": "planned"},
                 label="ngày tổ chức", confidence=NEXT_DRIVE_CONFIDENCE)


def _part_quotas_in_brackets(view: View, figs: Figures) -> None:
    """A quota in brackets (or after a colon) after the part of the year it is of (``đạt 114,7% chỉ tiêu 6 tháng (760
    đơn vị) và bằng 55,9% chỉ tiêu cả năm``, ``chỉ tiêu Quý III: 1.150 đơn vị``): about that part, no year's."""
    for f in figs.items:
        r = view.range_of(f.span) if f.kind == "units_quota" and not f.attrs.get("about") else None
        if r is None:
            continue
        at = max(0, r[0] - 40)
        if (part := _PART_QUOTA_IN_BRACKETS.search(view.norm[at:r[0]])) is not None:
            f.attrs["about"] = view.best(at + part.start(1), at + part.end(1))


def _units_pair(h: Hit, figs: Figures, lost_at: int | None = None) -> None:
    """An achieved / planned pair (``440/400 đơn vị máu``); ``lost_at``: where in the number the slash OCR lost goes
    (``440400``, ``_lost_slash``), its figures then in doubt (``LOST_SLASH_CONFIDENCE``)."""
    pair = parse_pair(h.num) if lost_at is None else (int(h.num[:lost_at]), int(h.num[lost_at:]))
    each = _each(h)
    if pair is None or each == (0, {}):
        return
    cut = h.num_start + (h.num.index("/") if lost_at is None else lost_at)
    after = cut + (lost_at is None)
    sure = 1.0 if lost_at is None else LOST_SLASH_CONFIDENCE
    attrs = {**h.attrs(), **(each[1] if each else {})}  # "Các xã Nậm Cần, Nậm Sỏ: mỗi xã 36/30 đơn vị": each's
    figs.add("units_received", pair[0], h.num_start, cut, attrs=dict(attrs), unit="đơn vị máu", label="máu tiếp nhận",
             confidence=sure)
    figs.add("units_quota", pair[1], after, h.num_end, attrs=dict(attrs), unit="đơn vị máu", label="chỉ tiêu",
             confidence=sure)


# A pair's slash a fax lost ("tiếp nhận 440400 đơn vị máu, đạt 110% kế hoạch"): a number of four digits or more,
# none grouped, the rate of plan right after it in its clause
_RATE_OF_PAIR_AFTER = re.compile(r"^[^.;:()\d]{0,30}?\b(?:dat|bang)\s+(\d{1,3}(?:,\d{1,2})?)\s*%")
LOST_SLASH_CONFIDENCE = 0.7  # the pair's figures, cut where their rate says: the rate cannot check them


def _lost_slash(h: Hit) -> int | None:
    """Where the slash goes in a number of units that is a pair read without it: the one cut whose ratio is the
    rate written right after it (``numbers.split_lost_slash``); None for a number that is no such pair."""
    rate = _RATE_OF_PAIR_AFTER.match(h.view.norm[h.end:h.end + 50])
    return split_lost_slash(h.num, rate.group(1)) if rate is not None else None


def _under_cumulative_heading(view: View, p: Paragraph) -> bool:
    """The paragraph before ``p`` is a short heading of running totals (``3. Lũy kế thực hiện năm 2021``)."""
    before = view.paragraph_before(p)
    return before is not None and before.end - before.start <= CUMULATIVE_HEADING_MAX \
        and bool(_CUMULATIVE.search(view.para_norm(before)))


_NAMES_A_PART = re.compile(r"\b(?:quy\s+(?:i{1,3}|iv|[1-4])|thang\s+\d{1,2})\b")
_SUM_OF_LISTED = re.compile(r"^\s*(?:tong cong|tong so|tong|cong|ca)\b")  # "..., tổng cộng 950 đơn vị": the running total
# after the words of a running total, its parts listed on a colon, each named by its own words
_PARTS_LISTED = re.compile(r"[^:,;.]{0,30}:\s*(?!.*\b(?:den|toi|tinh den)\s+(?:het\s+)?(?:quy|thang)\b)")
CUMULATIVE_HEADING_MAX = 60  # characters
_CUMULATIVE = re.compile(r"\b(?:luy ke|cong don|tich luy|tu nam (?:19|20)\d\d den(?: het)? nam)\b")
UNITS_WORDS_REACH = 45  # characters before a number of units, in its sentence, where its words say received or
# quota ("Chỉ tiêu tiếp nhận máu năm 2022 là 500 đơn vị máu")


_AGAINST = re.compile(r"(?:\bdon vi|\bm[aeo]u|\d)\s*/\s*$|\btren\s+$")


def _units_pair_bare(h: Hit, figs: Figures) -> None:
    """A pair of "đơn vị" without "máu": units of blood only where the words before say received or quota, or a
    name and a colon come before it (``huyện Tam Đường: 720/700 đơn vị``), and nothing after makes the units
    organisations (``8/9 đơn vị hoàn thành chỉ tiêu``)."""
    after = h.view.norm[h.end:h.end + 20]
    if _BLOOD_AFTER.match(after) or not _AMOUNT_ENDS.match(after) or _other_use(h) \
            or any((r := h.view.range_of(f.span)) is not None and r[0] == h.num_start for f in figs.items[-4:]):
        return  # "máu" follows (after dust at a line break: "671/550 đơn vị:" / "- máu"): the pair is read already
    near = _units_words(h.view.sentence_before(h.p, h.start))
    start = h.start - len(h.view.sentence_before(h.p, h.start))
    listed = any(f.kind == "units_quota" and (r := h.view.range_of(f.span)) is not None and start <= r[0] < h.start
                 and h.view.norm[r[0] - 1:r[0]] == "/" for f in figs.items)
    if _QUOTA_WORDS.search(near) or _RECEIVED_WORDS.search(near) or listed \
            or re.search(r"[^\W\d]\s*:\s*$", h.view.clause_before(h.p, h.start)) or (_each(h) or (0,))[0] >= 2:
        _units_pair(h, figs)  # (or "Các xã Nậm Cần, Nậm Sỏ: mỗi xã 36/30 đơn vị"; or a pair further on in a sentence
        # that lists pairs: "...; Trung tâm Y tế huyện 41/40 đơn vị, ...; khối cơ quan 58/60 đơn vị, mới đạt 96,7%")


def _quota_after(h: Hit, figs: Figures) -> None:
    """A quota named after its number, set against units received (``tiếp nhận 214 đơn vị/190 chỉ tiêu``, ``214
    đơn vị trên 190 chỉ tiêu``)."""
    value = parse_count(h.num)
    if isinstance(value, int) and _AGAINST.search(h.view.norm[max(h.p.start, h.start - 12):h.start]):
        figs.add("units_quota", value, h.num_start, h.num_end, attrs=h.attrs(), unit="đơn vị máu", label="chỉ tiêu")


LISTED_ITEM_WORDS = 3  # words naming an item of a list of amounts ("quý II", "tổng cộng") after the first one's verb


def _units_words(sentence: str) -> str:
    """The words before a number of units that say what it is: the last ``UNITS_WORDS_REACH`` characters of its
    sentence, or, when they say neither received nor quota and the sentence lists after a colon (``giao chỉ tiêu
    cho các huyện như sau: Thành phố Lai Châu 800 đơn vị máu, ...``), the words that introduce the list."""
    near = sentence[-UNITS_WORDS_REACH:]
    near = near[near.rfind(";") + 1:]  # (an item of a list ends at its ";": "... đạt 105,2% chỉ tiêu; - Ngành Giáo dục: 587")
    colon = sentence.rfind(":")
    if colon > 0 and not (_QUOTA_WORDS.search(near) or _RECEIVED_WORDS.search(near)):
        intro, listed = sentence[max(0, colon - 2 * UNITS_WORDS_REACH):colon], sentence[colon + 1:]
        intro = intro[intro.rfind(";") + 1:]  # (the item's own name, not the item before it)
        first, item = listed.split(",")[0], listed.split(",")[-1]
        if not (_QUOTA_WORDS.search(intro) or _RECEIVED_WORDS.search(intro)) and len(item.split()) <= LISTED_ITEM_WORDS \
                and (_QUOTA_WORDS.search(first) or _RECEIVED_WORDS.search(first)):
            return first  # "Cộng dồn từ đầu năm: quý I tiếp nhận 180 đơn vị, quý II 310 đơn vị": the first item's verb
        return intro
    if not (_QUOTA_WORDS.search(near) or _RECEIVED_WORDS.search(near)) and _QUOTA_WORDS.search(sentence) \
            and not _RECEIVED_WORDS.search(_QUOTA_WORDS.sub(" ", sentence)):
        return sentence  # "giao chỉ tiêu tiếp nhận máu năm 2017 cho 14 xã, ... với tổng số 526 đơn vị máu": a quota
    return near


def _units_kind(h: Hit, near: str) -> str:
    """Quota when the last of the words ``near`` before the number say so (or in a plan), else received."""
    if h.attrs().get("plan"):
        return "units_quota"  # what a plan (or a year after the report's) says it will receive is its target
    if _ASSIGNED_TO_RECEIVE.search(near):
        return "units_quota"  # "Ban Chỉ đạo tỉnh giao huyện Mỹ Xuyên tiếp nhận 1.400 đơn vị": what it is to receive
    last_received = max((m.end() for m in _RECEIVED_WORDS.finditer(near)), default=-1)
    last_quota = max((m.end() for m in _QUOTA_WORDS.finditer(near)), default=-1)
    return "units_quota" if last_quota >= 0 and last_quota >= last_received else "units_received"


# given the task of receiving: "giao (cho) huyện X tiếp nhận", "được giao tiếp nhận"
_ASSIGNED_TO_RECEIVE = re.compile(r"\bgiao\b(?: cho)?[^.;,\d]{0,50}?\btiep nhan\s*$")


# blood put to another use than received: discarded, not up to standard, supplied to hospitals
_OTHER_USE = (r"\b(?:khong dat|khong dam bao|dat (?:tieu )?chuan|nhan (?:tu|cua) (?:vien|benh vien|trung tam)|(?:bi |phai )?(?<!chi )huy\b(?! dong)|loai bo|bi loai|cung cap|cap phat|phan phoi|"
              r"dieu phoi|su dung)\b")
_OTHER_USE_BEFORE = re.compile(_OTHER_USE + r"[^,;]*$")
# the parts of units supplied or discarded ("cung cấp tổng cộng 30.805 đơn vị chế phẩm ..., trong đó khối hồng cầu
# 21.364 đơn vị"): no more received than their whole
_OTHER_USE_BROKEN_DOWN = re.compile(_OTHER_USE + r"[^.;]{0,40}?\d[\d.]*\s*(?:don vi|dv)\b(?:[^.;]|\.(?=\d))*?\btrong do\b"
                                    r"(?:[^.;]|\.(?=\d))*$")
# what an earlier report said, now corrected ("1.995 đơn vị (đã báo cáo 1.986 đơn vị)", "Báo cáo số 64/BC-BCĐ ghi
# tiếp nhận 385 đơn vị máu"): no figure of the period's
_REPORTED_BEFORE = re.compile(r"(?:\b(?:da bao cao|da ghi|bao cao truoc(?: day)?|truoc day ghi)\b[^.;()\d]{0,15}"
                              r"|\bbao cao so \S+ (?:ngay \S+ )?ghi(?: la| tiep nhan| nhan)?\s*)$")
# "phấn đấu tiếp nhận ít nhất 102 đơn vị để hoàn thành kế hoạch năm": what is still to come to reach the plan
_TO_REACH_AFTER = re.compile(r"^(?:\s*(?:don vi|dv))?(?:\s*m[aeo]u)?\s*,?\s*(?:de|nham|do)\s+(?:hoan thanh|dat)\b")  # (để read as đó)
_OTHER_USE_AFTER = re.compile(r"^(?:\s*(?:don vi)?\s*m[aeo]u)?\s*(?:da |deu )?" + _OTHER_USE)


# what is still to be received to reach the plan ("Số đơn vị máu còn phải tiếp nhận để đạt kế hoạch là 482"): the
# plan less the result, neither
_STILL_TO_GO = re.compile(r"\bcon (?:phai|thieu|can|lai phai)\b[^,;]*$|\bde (?:dat|hoan thanh) (?:ke hoach|chi tieu)\b[^,;]*$"
                          # "quý IV cần tiếp nhận ít nhất 509 đơn vị", "cần tiếp nhận thêm 767 đơn vị": what is still to come
                          r"|\bcan (?:phai )?(?:tiep nhan|thu|van dong|dat)\b[^,;]{0,20}$")


def _other_use(h: Hit) -> bool:
    """Units of blood the words around call discarded or supplied (``12 đơn vị máu không đạt tiêu chuẩn``,
    ``đã cung cấp 580 đơn vị máu``), or still to be received: not what was received, nor the quota."""
    clause = h.view.clause_before(h.p, h.start)
    sentence = h.view.sentence_before(h.p, h.start)
    return bool(_OTHER_USE_BEFORE.search(clause[-50:]) or _STILL_TO_GO.search(clause[-80:])
                or _REPORTED_BEFORE.search(clause[-40:]) or _OTHER_USE_BROKEN_DOWN.search(sentence)
                or _OTHER_USE_AFTER.match(h.view.norm[h.end:h.end + 30])
                or _TO_REACH_AFTER.match(h.view.norm[h.end:h.end + 40]))


_PART_QUOTA_IN_BRACKETS = re.compile(r"\b(?:chi tieu|ke hoach|moc)\s+((?:\d{1,2}|sau|chin|ba) thang(?: dau nam| cuoi nam)?|"
                                     r"(?:quy|qui)\s+(?:i{1,3}|iv|[1-4])|thang\s+\d{1,2})(?:\s+nam\s+(?:19|20)\d\d)?\s*(?:\(|:|\bla\b)\s*$")  # (or "chỉ tiêu Quý III: 1.150")
_QUOTA_IN_BRACKETS = re.compile(r"(?:\b(?:moc|chi tieu|ke hoach)\b|\bdat\s+\d{1,3}(?:,\d{1,2})?\s*%)"
                                r"(?:(?!\bso\s+voi\b|\bnam (?:19|20)\d\d)[^,;().]){0,25}\(\s*$")  # the target named before the
# brackets, or the base of the rate reached ("đạt 106,2% kc hoạch năm (1.100 đơn vị)": a word OCR damaged)


# a quota the sentence gave, then split ("giao ... 750 đơn vị máu trong năm, phân theo ba đợt: đợt I là 250"):
# what comes after the split word (group 1) names the quota's parts
_QUOTA_SPLIT = re.compile(r"\b(?:giao|ke hoach|chi tieu)\b[^.;]*?\d[\d.]*\s*(?:don vi|dv)\b[^.;:]*?"
                          r"\b(?:phan (?:bo |chia )?(?:theo|cho|thanh|ra)|chia (?:thanh|ra|theo|cho))\b([^.;]*)$")


def _quota_split(sentence: str) -> bool:
    split = _QUOTA_SPLIT.search(sentence)
    return split is not None and not _RECEIVED_WORDS.search(split.group(1))


def _units(h: Hit, figs: Figures) -> None:
    """A single number of units: a quota when the words before say so (or in a plan), else received."""
    value = parse_count(h.num)
    each = _each(h)
    if not isinstance(value, int) or _RANGE_TOP.search(h.before) or DIFFERENCE_BEFORE.search(h.before) \
            or _other_use(h) or each == (0, {}) or _average(h):
        return
    if (lost_at := _lost_slash(h)) is not None:
        _units_pair(h, figs, lost_at)
        return
    attrs = {**h.attrs(), **(each[1] if each else {})}
    sentence = h.view.sentence_before(h.p, h.start)
    if _QUOTA_AFTER.match(h.view.norm[h.end:h.end + 20]) or _QUOTA_IN_BRACKETS.search(h.before[-40:]):
        kind = "units_quota"  # "trên tổng số 700 đơn vị máu được giao", "700 đơn vị máu kế hoạch", "đạt 104,0% mốc 6
        # tháng (900 đơn vị)"
    elif (compared := _COMPARED_IN_BRACKETS.search(sentence)) is not None:
        # "đạt 104,0% chỉ tiêu tỉnh giao, tăng 63 đơn vị so với năm 2023 (1.190 đơn vị máu)": what that year
        # received, whatever the sentence said of the quota before
        kind = "units_received"
        if compared.group(1):  # "so với cùng kỳ năm 2023 (...)": the same months of that year, not its total
            base = h.start - len(sentence)
            attrs.setdefault("about", h.view.best(base + compared.start(1), base + compared.end()).rstrip(" ("))
    elif _quota_split(sentence):
        kind = "units_quota"  # "giao huyện tiếp nhận 750 đơn vị máu, phân theo ba đợt: đợt I là 250 đơn vị": its parts
    else:
        kind = _units_kind(h, _units_words(sentence))
    figs.add(kind, value, h.num_start, h.num_end, attrs=attrs, unit="đơn vị máu",
             label="chỉ tiêu" if kind == "units_quota" else "máu tiếp nhận")


# after "đơn vị" alone: its blood ("máu"), the unit of a table ("tính"); what follows it may name it a quota
_BLOOD_AFTER = re.compile(r"^\s*(?:m[aeo]u|tinh)\b")
# where or how a part of an amount was collected, in the brackets after it ("4.326 đơn vị máu (gồm 2.918 đơn vị thu
# được tại các điểm lưu động và 1.408 đơn vị tại điểm cố định)")
_BY_WHERE = re.compile(r"^\s*(?:tai|thu (?:duoc|gom)|luu dong|co dinh|o)\b")
# what may follow a bare amount of units: punctuation or the sentence going on, the end of its line (a paragraph's
# gap, the next list item), not a noun that "đơn vị" heads ("5.934 đơn vị chế phẩm máu", "đơn vị hành chính")
_AMOUNT_ENDS = re.compile(r"^(?:\s{2,}|\s*[-+*•]\s)|^\s*(?:[,.;:)(/%-]|$|loai \d|tui \d|do|nho|dat|so\s+voi|tang|giam|vuot|va|trong|tren|theo|la|bang|chiem|cua|thi|qua|"
                          r"duoc (?:\w+ ){0,5}?giao\b)")
# "700 đơn vị máu kế hoạch", "6.000 đơn vị được Sở Y tế giao": a quota
# ("4.800 đơn vị Ban Chỉ đạo tỉnh giao": the body that gave it named without "được")
_QUOTA_AFTER = re.compile(r"^\s*(?:/|theo)?\s*(?:ke hoach|chi tieu|(?:(?:duoc )?(?:(?!(?:va|nhung|con|da)\b)\w+ ){0,5}?)?giao)\b"
                          r"(?!\s*(?:\w+\s+){0,2}\d)")  # not "86 đơn vị/chỉ tiêu 70": the quota is the number after
# "tiếp nhận 86 đơn vị/chỉ tiêu 70", "34 đơn vị trên chỉ tiêu 30": units received over the quota named after them
_OVER_QUOTA_NAMED = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:don\s+vi|dv)(?:\s*m[aeo]u)?\s*(?:/|tren)\s*"
                               r"(?:tong\s+)?(?:so\s+)?(?:chi tieu|ke hoach)(?:\s+(?:duoc\s+)?giao)?\s*(?:la\s+)?"
                               r"(\d{1,3}(?:\.\d{3})+|\d+)(?!\s*%|[.,]\d|\d)")


_UNIT_THEN_AMOUNT = re.compile(r"^[\s\-+*\u2022]*(?:xa|phuong|thi tran|huyen|thanh pho|thi xa|khoi)\s[^:;\d]{2,50}$")
_NAME_THEN_AMOUNT = re.compile(r"^[\s\-+*•]*[^:;\d]{2,60}:\s*$")  # "- Bản Hon: " before the amount
_RESULT_WORDS = re.compile(r"\bket qua\b|" + _RECEIVED_WORDS.pattern)
# ("so với Ngày hội năm 2023 (361 đơn vị)": what was compared named before its year)
_COMPARED_IN_BRACKETS = re.compile(r"\bso\s+voi\s+(?:(?!ke hoach\b|chi tieu\b|quy\b|thang\b|dot\b)[a-z]+\s+){0,3}?"
                                   r"(cung\s*ky\s+)?(?:nam\s+(?:19|20)\d\d|nam truoc)\s*\(\s*$")
_RESULT_LABEL = re.compile(r"\bket qua(?: (?:thuc hien|dat duoc|tiep nhan))?\s*:?\s*$"
                           r"|\b(?:tong )?cong(?: [a-z]+){0,3}\s*:?\s*$")  # "Kết quả: 6.240 đơn vị", "Cộng ba đợt: 596"


def _paragraphs_before(view: View, p: Paragraph, n: int) -> str:
    """The text of the ``n`` paragraphs before ``p`` (fewer at the start of the document)."""
    texts = []
    while n > 0 and (p := view.paragraph_before(p)) is not None:
        texts.append(view.norm[p.start:p.end])
        n -= 1
    return "\n".join(reversed(texts))


def _topic_text(view: View, p: Paragraph, pos: int) -> str:
    """The text around ``pos`` in its paragraph; for an item of a list, also the two paragraphs before the list
    (``... tiếp nhận 43 đơn vị máu`` / ``Kết quả theo bản:`` / ``- Bản Hon: 15 đơn vị;``); for a paragraph that
    opens ``Trong đó``, the paragraph it breaks down."""
    text = view.around(p, pos)
    k = _list_start(view, p)
    if not k:
        start = pos - len(view.sentence_before(p, pos))
        if _opens_breakdown(view.norm[start:p.end]) or _DONORS_BY_GROUP.match(view.norm[start:p.end]):
            # "Trong đó, ...", "Xét theo đối tượng, ...": what the text before it said
            if start > p.start:
                return text + " " + view.norm[max(p.start, start - 300):start]
            prev = view.paragraph_before(p)
            if prev is not None:
                return text + " " + view.norm[prev.start:prev.end]
        return text
    return " ".join([text] + [view.norm[q.start:q.end] for q in view.paragraphs[max(0, k - 2):k]])


def _is_item(view: View, p: Paragraph) -> bool:
    return bool(_LIST_ITEM.match(view.text[p.start:p.end]))


def _list_start(view: View, p: Paragraph) -> int | None:
    """The index of the first item of the list ``p`` is an item of (``- ...`` paragraphs in a row); None when ``p``
    is no list item."""
    if not _is_item(view, p):
        return None
    k = view.paragraphs.index(p)
    depth = _item_depth(view, p)
    while k > 0 and _is_item(view, view.paragraphs[k - 1]) and (depth < 2 or _item_depth(view, view.paragraphs[k - 1]) == depth):
        k -= 1  # ("4.1. ...", "4.2. ...": the sub-items of "4. Theo đối tượng (...):", which is their header)
    return k


_NUMBERED_MARK = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]?\s")


def _item_depth(view: View, p: Paragraph) -> int:
    """How many numbers an item's mark holds (``4.`` 1, ``4.1.`` 2); 0 for a bullet."""
    m = _NUMBERED_MARK.match(view.text[p.start:p.end])
    return len(m.group(1).split(".")) if m else 0


def list_header(view: View, p: Paragraph) -> str | None:
    """The match-form text of the sentence that introduces the list ``p`` is an item of (``Kết quả theo bản:``
    above ``- Bản Hon: 15 đơn vị;``): the last sentence of the paragraph before the list's items, when it ends
    with a colon."""
    k = _list_start(view, p)
    if not k:
        return None
    head = view.paragraphs[k - 1]
    text = view.norm[head.start:head.end].rstrip()
    return text[max((m.end() for m in re.finditer(r"\.\s", text)), default=0):] if text.endswith(":") else None


# "Mỗi người đủ điều kiện hiến một đơn vị máu", "mỗi xã 30 đơn vị": an amount for each, no total (mỗi and mới share
# their match form: a counted noun follows mỗi)
_PER_ITEM = re.compile(r"\bmoi (?:nguoi|xa|phuong|thi tran|huyen|dot|lan|ban|thon|co quan|don vi|truong|buoi|diem|nam)\b")
PER_ITEM_REACH = 40  # characters before an amount where "mỗi ..." makes it one item's
_EACH_TOTAL = re.compile(r"(?:\s*m[aeo]u)?\s*[,;]?\s*(?:cong|tong cong|tong so|tong)\s+(?:ca\s+)?\S+\s+(?:xa|phuong|thi tran|"
                         r"huyen|don vi|co quan|truong|thon|ban)\s+(?:la|:|duoc|dat|co)?\s*"
                         r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:don\s+vi|dv)\b")
_AVERAGE = re.compile(r"\b(?:binh quan|trung binh)\b[^,;]{0,25}$")  # "bình quân 5.961 đơn vị/năm": an average
_PER_PERIOD = re.compile(r"\s*(?:m[aeo]u\s*)?/\s*(?:nam|thang|dot|nguoi|ngay|tuan)\b")  # "đơn vị/năm"
EACH_NAMES_REACH = 90  # characters: the names an amount is each one's ("Các xã Nậm Cần, Nậm Sỏ: mỗi xã ...")
_EACH_THEN = re.compile(r"[^\d,;]{0,20}")  # between "mỗi xã" and its amount: a few words ("được giao", "tiếp nhận")
_NAMES_LEAD = re.compile(r"^[\s\-+*\u2022]*(?:(?:cac|ca|hai|ba|bon|\d{1,2})\s+(?:xa|phuong|thi tran|huyen|don vi|co quan|"
                         r"truong|thon|ban)\s+)?")


def _honoured(clause: str):
    """People honoured (``biểu dương 12 đơn vị``) named before a count, unless a verb of receiving stands between
    (``hưởng ứng Ngày Thế giới tôn vinh người hiến máu (14/6): tiếp nhận 288 đơn vị``: a campaign's name)."""
    m = _HONOURED.search(clause)
    word = _HONOUR_WORD.match(clause, m.start()) if m is not None else None
    return None if m is None or (word and _RECEIVED_WORDS.search(clause[word.end():])) else m


def _average(h: Hit) -> bool:
    """An average (``bình quân 5.961 đơn vị/năm``, ``trung bình mỗi đợt 120 đơn vị``): no amount received."""
    return bool(_AVERAGE.search(h.view.clause_before(h.p, h.start)) or _PER_PERIOD.match(h.view.norm, h.end))


def _each(h: Hit) -> tuple[int, dict] | None:
    """An amount each of several items had (``Các xã Nậm Cần, Nậm Sỏ: mỗi xã 36/30 đơn vị``): how many items the
    clause names before ``mỗi`` and the attributes that say so (``times``, ``about`` the names); (0, {}) when they
    cannot be counted (the amount is no total, and no part either); None for no such amount."""
    clause = h.view.clause_before(h.p, h.start)
    each = [m for m in _PER_ITEM.finditer(clause) if m.start() >= len(clause) - PER_ITEM_REACH
            and _EACH_THEN.fullmatch(clause[m.end():])]
    if not each:
        return None
    base = h.start - len(clause)
    names = clause[:each[-1].start()]
    cut = max(names.rfind(";"), names.rfind("."))
    lead = _NAMES_LEAD.match(names[cut + 1:])
    start, end = cut + 1 + lead.end(), len(names.rstrip(" :,-"))
    items = [t for t in re.split(r",|\bva\b", names[start:end]) if re.search(r"[a-z]", t)]
    written = [h.view.best(base + start, base + end)] if end > start else [""]
    named = [t for t in re.split(r",|\bvà\b|\bva\b", written[0]) if t.strip()]
    if len(items) < 2 or end - start > EACH_NAMES_REACH or re.search(r"\d", names[start:end]) \
            or sum(t.strip()[:1].isupper() for t in named) * 2 < len(named):
        return 0, {}  # no list of names (of units) the amount is each one's
    return len(items), {"times": len(items), "about": normalize_ws(h.view.best(base + start, base + end))}
_BLOOD_GROUP_BEFORE = re.compile(r"\bnhom(?: mau)? (ab|a|b|o)\b(?: (?:co|la|chiem|dat|gom))?\s*:?\s*$")


_UNITS_IN_HEADER = re.compile(r"\b(?:don vi|dv)\b")  # a list's header that names units of blood ("(tổng 1.245 đơn vị)")


_UNITS_THEN_BLOOD = re.compile(r"\s*:\s*\d[\d.]*\s+don vi m[aeo]u\b")


def _units_bare(h: Hit, figs: Figures) -> None:
    """A number of "đơn vị" without "máu" (``tổng số máu thu được là 738 đơn vị``, ``chỉ tiêu giao: 700 đơn vị``,
    ``(chỉ tiêu 700 đơn vị)``): units of blood only where the words just before say received or quota, or the
    words after say plan, and nobody is honoured (``khen thưởng 12 đơn vị`` counts organisations)."""
    after = h.view.norm[h.end:h.end + 20]
    value = parse_count(h.num)
    if _UNITS_THEN_BLOOD.match(h.view.norm, h.end):
        return  # "Tổng cộng 11 đơn vị: 900 đơn vị máu": 11 bodies, then their blood
    ends_paragraph = not h.view.norm[h.end:h.p.end].strip()  # ("chỉ tiêu 250 đơn vị" and a heading: "máu." lost)
    if _BLOOD_AFTER.match(after) or not (_AMOUNT_ENDS.match(after) or ends_paragraph
                                         or _QUOTA_AFTER.match(h.view.norm[h.end:h.end + 45])
                                         or (_BY_WHERE.match(after) and _bracket_owner(h, figs) is not None)) \
            or not isinstance(value, int) \
            or _RANGE_TOP.search(h.before) or DIFFERENCE_BEFORE.search(h.before) or _other_use(h):
        return
    each = _each(h)
    if _honoured(h.view.clause_before(h.p, h.start)[-60:]) or each == (0, {}) or _average(h):
        return
    if each is not None:
        near = _units_words(h.view.sentence_before(h.p, h.start))
        header = list_header(h.view, h.p)
        kind = _units_kind(h, near if (_QUOTA_WORDS.search(near) or _RECEIVED_WORDS.search(near)) else (header or ""))
        part = figs.add(kind, value, h.num_start, h.num_end, attrs={**h.attrs(), **each[1]}, unit="đơn vị máu",
                        label="chỉ tiêu" if kind == "units_quota" else "máu tiếp nhận")
        if (total := _EACH_TOTAL.match(h.view.norm, h.end)) is not None and isinstance(parse_count(total.group(1)), int):
            # "mỗi xã 32 đơn vị, cộng 4 xã là 132 đơn vị": the items' total, the amount each had times their number
            whole = figs.add(kind, parse_count(total.group(1)), total.start(1), total.end(1),
                             attrs={**h.attrs(), "about": each[1]["about"]}, unit="đơn vị máu", label="cộng")
            part.attrs["part_of"] = whole.id
        return
    if (group := _BLOOD_GROUP_BEFORE.search(h.view.clause_before(h.p, h.start)[-30:])) is not None:
        attrs = h.attrs()  # "Nhóm máu O có 238 đơn vị (chiếm 45,5%)": the units of one blood group
        attrs["about"] = "nhóm máu " + group.group(1).upper()
        figs.add("units_received", value, h.num_start, h.num_end, attrs=attrs, unit="đơn vị máu", label="máu tiếp nhận")
        return
    near = _units_words(h.view.sentence_before(h.p, h.start))
    header = list_header(h.view, h.p)
    if (whole := _inline_breakdown_of(h, figs)) is not None and h.attrs()["drive_no"] is None:
        # "tiếp nhận 126 đơn vị máu, trong đó 79 đơn vị loại 350 ml và 45 đơn vị loại 250 ml", "261 đơn vị, trong
        # đó điểm chính 198 đơn vị, điểm phụ xã Mường Kim 63 đơn vị": parts, about what each names (drives stay drives)
        attrs = h.attrs()
        kind_after = _KIND_AFTER.match(after)
        if kind_after:
            about = h.view.best(h.end + kind_after.start(1), h.end + kind_after.end(1))
        else:
            clause = h.view.clause_before(h.p, h.start)
            tail = re.split(r"[,;:()]", clause)[-1]  # the item's own words, after the last mark
            named = re.match(r"\s*(?:trong do\b|va\b)?\s*(.*?)\s*$", tail)
            at = h.start - len(tail)
            about = h.view.best(at + named.start(1), at + named.end(1)) if named.group(1) else "trong đó"
        attrs.update(part_of=whole.id, about=normalize_ws(about) or "trong đó")
        figs.add(whole.kind, value, h.num_start, h.num_end, attrs=attrs, unit="đơn vị máu", label="máu tiếp nhận")
        return
    if _QUOTA_AFTER.match(h.view.norm[h.end:h.end + 45]) or _QUOTA_IN_BRACKETS.search(h.before[-40:]) \
            or _QUOTA_IN_BRACKETS.search(h.view.sentence_before(h.p, h.start)[-45:]):
        kind = "units_quota"
    elif (compared := _COMPARED_IN_BRACKETS.search(sentence := h.view.sentence_before(h.p, h.start))):
        kind = "units_received"  # "tăng 12% so với cùng kỳ năm 2023 (1.920 đơn vị)": the result compared with
        if compared.group(1):  # the same months of that year, not its total
            base = h.start - len(sentence)
            attrs = h.attrs()
            attrs.setdefault("about", h.view.best(base + compared.start(1), base + compared.end()).rstrip(" ("))
            figs.add(kind, value, h.num_start, h.num_end, attrs=attrs, unit="đơn vị máu", label="máu tiếp nhận")
            return
    elif _quota_split(sentence):
        kind = "units_quota"  # "giao huyện tiếp nhận 750 đơn vị máu, phân theo ba đợt: đợt I là 250 đơn vị": its parts
    elif _QUOTA_WORDS.search(near) or _RECEIVED_WORDS.search(near) or _RESULT_LABEL.search(near):
        kind = _units_kind(h, near)
    elif (broken := _breakdown_kind(h, figs)) is not None:
        kind = broken  # "Trong đó: loại 350ml: 310 đơn vị; ...": parts of the amount before
    elif (owner := _bracket_owner(h, figs)) is not None:
        kind = owner.kind  # "260 đơn vị máu (104 đơn vị loại 350 ml, 156 đơn vị loại 250 ml)": its parts
    elif (whole := _sub_item_of(h, figs)) is not None:
        # "- Số đơn vị máu tiếp nhận: 69 đơn vị" / "    + Loại túi 250 ml: 42 đơn vị": a part of the item above
        attrs = h.attrs()
        attrs["part_of"] = whole.id
        mark = h.view.norm.rfind("+", h.p.start, h.start)
        name = _ITEM_NAME.match(h.view.norm[mark:h.start]) if mark >= 0 else None
        attrs["about"] = normalize_ws(h.view.best(mark + name.start(1), mark + name.end(1))) if name else "trong đó"
        figs.add(whole.kind, value, h.num_start, h.num_end, attrs=attrs, unit="đơn vị máu", label="máu tiếp nhận")
        return
    elif h.attrs()["plan"] and h.attrs()["drive_no"] is not None:
        kind = "units_quota"  # a planned drive's units ("đợt 1 vào tháng 3 (100 đơn vị)"): what it is to collect
    elif h.attrs()["drive_no"] is not None and re.search(r":\s*$", h.view.clause_before(h.p, h.start)):
        kind = "units_received"  # "- Đợt 1, ngày 07/4/2023, tại Trung tâm Văn hóa huyện: 201 đvm;": the drive's
    elif _PART_OF_YEAR_ABOUT.match(match_form(str(h.attrs().get("about") or ""))) and not h.attrs()["plan"]:
        kind = "units_received"  # "Quý IV là thời điểm cao điểm với 1.739 đơn vị": what a part of the year took in
    elif header is not None and _DRIVES_INTRO.search(header) and not h.attrs()["plan"] \
            and re.search(r":\s*$", h.view.clause_before(h.p, h.start)):
        kind = "units_received"  # under "tổ chức bốn đợt hiến máu, cụ thể:", "- Ngày 13/6/2023, tại ...: 296 đơn
        # vị": what the listed drive took in
    elif header is not None and _BY_PARTS.search(header) and _UNITS_IN_HEADER.search(header) and not h.attrs()["plan"] \
            and re.search(r":\s*$", h.view.clause_before(h.p, h.start)):
        kind = "units_received"  # "4. Theo đối tượng (tổng 1.245 đơn vị):" / "4.1. Cán bộ, công chức: 386 đơn vị;"
    elif header is not None and (_QUOTA_WORDS.search(header) or _RESULT_WORDS.search(header)) \
            and (_NAME_THEN_AMOUNT.match(h.view.text[h.p.start:h.start])
                 or _UNIT_THEN_AMOUNT.match(re.split(r"[;,]|\bva\b", h.view.clause_before(h.p, h.start))[-1])):
        # "Kết quả theo bản:" / "- Bản Hon: 15 đơn vị;", "- Huyện Tam Đường 668 đơn vị (đạt 111,3%);"
        kind = _units_kind(h, header)
    else:
        return
    if kind == "units_quota" and _QUOTA_EXCEEDED_BY.search(h.view.clause_before(h.p, h.start)) \
            and _quota_stated_before(h, figs):
        return  # "Chỉ tiêu tỉnh giao là 650 đơn vị, ... đạt 103,8%, vượt chỉ tiêu 35 đơn vị": with the quota
        # stated, the amount after "vượt chỉ tiêu" is by how much (``_changes``), not a second quota
    figs.add(kind, value, h.num_start, h.num_end, attrs=h.attrs(), unit="đơn vị máu",
             label="chỉ tiêu" if kind == "units_quota" else "máu tiếp nhận")


_QUOTA_EXCEEDED_BY = re.compile(r"\b(?:vuot|thieu|hut) (?:chi tieu|ke hoach)(?: (?:duoc )?giao)?\s*$")


def _quota_stated_before(h: Hit, figs: Figures) -> bool:
    """Whether the text states, before the hit, a quota of the hit's year and drive (no one unit's): in the same
    paragraph or an earlier one (``được giao chỉ tiêu năm 2024 là 200 đơn vị máu.`` then, in the results,
    ``vượt chỉ tiêu 25 đơn vị, đạt 112,5%``)."""
    a = h.attrs()
    return any(f.kind == "units_quota" and not f.attrs.get("about") and f.attrs.get("year") == a["year"]
               and f.attrs.get("drive_no") == a["drive_no"] and (r := h.view.range_of(f.span)) is not None
               and r[0] < h.start for f in figs.items)


# who the number of people is, named before it ("Tổng số người tham gia hiến máu năm 2022 là 1.250 người")
_PEOPLE_BEFORE = re.compile(r"\bso (?:luot )?nguoi (?:tham gia|hien|den)\b(?![^;]{0,30}\bkhong\b)[^;]{0,50}$")  # not
# "Số người đến nhưng không hiến được là 81 người": those turned away
_PEOPLE_AFTER = re.compile(r"^\s*(?:tham|den|hien|toi|dang)\b")


def _participants_bare(h: Hit, figs: Figures) -> None:
    """A number of people ("người") whose words come before it, not after."""
    if _PEOPLE_AFTER.match(h.view.norm[h.end:h.end + 12]) or DIFFERENCE_BEFORE.search(h.before):
        return
    counted = "nguoi" in h.view.norm[h.num_end:h.end]  # not "lượt" alone: only a group of a list of groups
    if counted and _PEOPLE_BEFORE.search(h.view.clause_before(h.p, h.start)):
        _participants(h, figs)
    elif _DONORS_BY_GROUP.match(h.view.sentence_before(h.p, h.start)):
        # "Thành phần tham gia hiến máu gồm: cán bộ, công chức 196 người; lực lượng vũ trang 142 người; ...":
        # the donors of each group, parts of the donors counted before
        value = parse_count(h.num)
        if not isinstance(value, int):
            return
        attrs = h.attrs()
        name = h.view.clause_before(h.p, h.start)
        name = name[name.rfind(":") + 1:]
        if (opening := _DONORS_BY_GROUP.match(name)) is not None:
            name = name[opening.end():]  # "Xét theo đối tượng, cán bộ ... có 142 lượt": the group, not the opening
        attrs.setdefault("about", h.view.best(h.start - len(name), h.start).strip(" ,;:") or "thành phần")
        figs.add("participants", value, h.num_start, h.num_end, attrs=attrs, unit="lượt người", label="người tham gia")


# a sentence that lists the donors by group after a colon
_DONORS_BY_GROUP = re.compile(r"^\W*(?:thanh phan|doi tuong)\b[^:.;\d]{0,60}\b(?:gom|bao gom|cu the|nhu sau)\s*:"
                              r"|^\W*(?:xet |phan )?theo (?:nhom )?(?:doi tuong|thanh phan)\b[^:.;\d]{0,30}?[,:]"
                              r"|^\W*(?:ve|theo|xet theo|phan theo) nhom mau\b[^:.;\d]{0,30}?[,:]")


_READY = re.compile(r"\b(?:san sang|du bi|se)\b")


def _participants_named(h: Hit, figs: Figures) -> None:
    """People of a kind who gave ("432 lượt cán bộ, nhân dân tham gia hiến máu"); "người" right after the count
    is the plain pattern's."""
    if not re.match(r"\W*(?:luot\s+)?ng\w{1,3}i\b", h.view.norm[h.num_end:h.num_end + 16]) \
            and not _READY.search(h.view.norm[h.num_end:h.end]):
        _participants(h, figs)  # not "460 thành viên, sẵn sàng hiến máu cấp cứu": a reserve, no donors


def _in_table(h: Hit) -> bool:
    """The number is on a line a table's row was read from."""
    span = h.view.span(h.num_start, h.num_end)
    return any(c.span is not None and (c.span.page, c.span.line) == (span.page, span.line)
               for t in h.view.doc.tables for r in t.rows for c in r.cells)


def _participants(h: Hit, figs: Figures) -> None:
    value = parse_count(h.num)
    if not isinstance(value, int) or ("\n" in h.view.text[h.num_end:h.end] and _in_table(h)):
        return  # "114,6" / "Người hiến máu nhắc lại" on the next line: a rate of a table row, no people
    q = qualify(value, h.before)
    attrs = h.attrs()
    clause = h.view.clause_before(h.p, h.start)
    group = _SUBGROUP.search(clause[-40:]) or _SUBGROUP_AFTER.match(h.view.norm[h.end:h.end + 45]) \
        or _SUBGROUP_BEFORE.search(clause[-60:])
    if group and "about" not in attrs:
        attrs["about"] = normalize_ws(group.group(0))  # "trong số đó có 11 người tham gia lần đầu": a part of them
    honoured = _honoured(clause[-60:])
    if honoured and "about" not in attrs:
        attrs["about"] = normalize_ws(honoured.group(0))  # people honoured, not the donors of the year
    figs.add("participants", value, h.num_start, h.num_end, attrs=attrs, qualifier=q.qualifier, low=q.low,
             high=q.high, unit="lượt người", label="người tham gia")


# a rate the report sets itself as a goal ("phấn đấu hoàn thành 100% chỉ tiêu năm", "mục tiêu đạt 100%"): no result
GARBLED_VERB = 0.45  # a rate's confidence when OCR garbled the word before it: a mismatch on it is unverifiable
_RATE_VERBS = ("dat", "bang", "vuot")
SURE_RESTORED = 0.8  # restoration's confidence in the word before a rate for that word to say what the rate is
# a rate the clause names as of something other than the plan ("tỷ lệ người đủ điều kiện ... đạt 81%")
_RATE_OF_OTHER = re.compile(r"\bty le (?!(?:hoan thanh|thuc hien|dat|so\s+voi)\b)(?!(?:\w+ ){0,3}(?:ke hoach|chi tieu)\b)\w+")
# the amount right before a rate measured in another unit (area, weight, money, people of another kind)
_OTHER_MEASURE_BEFORE = re.compile(r"\d[\d.,]*\s*(?:ha|tan|ta(?:/ha)?|kg|km|m2|m3|lit|con|cay|hoc sinh|thanh nien|tre|ho|"
                                   r"trieu(?: dong)?|ty(?: dong)?|dong|nghin dong)\b[^\d;]{0,30}$")
_OTHER_PLAN_AFTER = re.compile(r"\s*%?\s*(?:chi tieu|ke hoach)\s+(?:giao quan|tuyen quan|nhap ngu|thu ngan sach|trong rung)\b")
_BOUND_BEFORE = re.compile(r"\b(?:tren|duoi|gan|xap xi|khoang)\s*$")  # "trên 70% chỉ tiêu năm": a bound, no rate
# "đạt từ 40% kế hoạch năm trở lên": a threshold, open above (or below)
_BOUND_AROUND = re.compile(r"\btu\s*$"), re.compile(r"^[^\d;.()]{0,30}?\btro (?:len|xuong)\b")
_RANGE_END_BEFORE = re.compile(r"\btu\s+\d{1,3}(?:,\d{1,2})?\s*%?\s*(?:den|-|toi)\s*$")
_RANGE_START_AFTER = re.compile(r"\s*%?\s*(?:den|-|toi)\s*\d{1,3}(?:,\d{1,2})?\s*%")
_THRESHOLD = re.compile(r"\bcac\b[^,;.()]{0,40}\b(?:duoi|tren|hon|tu|chua (?:dat|den))\s*$")
_OF_PEOPLE_AFTER = re.compile(r"\s*(?:so\s+voi\s+)?(?:so|tong so|tren tong so)\s+(?:luot\s+)?(?:nguoi\s+)?(?:dang ky|tham gia|den)\b")
_AGAINST_A_YEAR = re.compile(r"\s*(?:(?:so\s+voi|so)\s+(?:cung\s*ky|nam (?:19|20)\d\d|nam truoc)|nam (?:19|20)\d\d|nam truoc)")
# a comparison with an earlier year opens the clause of a rate, no plan named since ("; so với năm 2023 (568 đơn vị
# máu) tăng 60 đơn vị, bằng 110,6%")
_AGAINST_A_YEAR_BEFORE = re.compile(r"\bso\s+voi\s+(?:cung\s*ky\s+)?(?:nam\s+(?:19|20)\d\d|nam truoc)\b(?:(?!ke hoach|chi tieu)[^;.])*$")
_CHANGE_THEN_COMMA = re.compile(r"\b(?:tang|giam)\s+[\d.]+\s*(?:don\s+vi|nguoi|luot)?(?:\s+m[aeo]u)?\s*,\s*"
                                r"(?:bang|tuong\s+(?:duong|ung)(?:\s+voi)?|tuc(?:\s+la)?|hay)\s*$")
_CHANGE_THEN_BRACKET = re.compile(r"\b(?:tang|giam|vuot|thieu)\s+[\d.]+\s*(?:don\s+vi|nguoi|luot)?[^\d;.()]{0,8}\(\s*$")
_TARGET_BEFORE = re.compile(r"\b(?:phan dau|muc tieu|de ra|(?:de|nham) (?:dat|hoan thanh))\b[^.;:]{0,30}$")


_PART_WORD = re.compile(r"\b(?:cum|khoi|thon|ap|chi hoi)\s+(?=\S)")  # (not "Ban Chỉ đạo": a body)


def _names_a_part(view: View, p: Paragraph, at: int) -> bool:
    """The clause before ``at`` names a part of the reporting unit by a word and a capitalised name (``cụm Như Hòa``)."""
    clause = view.clause_before(p, at)
    base = at - len(clause)
    return any(view.text[base + m.end():base + m.end() + 1].isupper() for m in _PART_WORD.finditer(clause))


_OF_A_PART_S_PLAN = re.compile(r"\s*%?\s*(?:so\s+voi\s+)?(?:chi tieu|ke hoach)(?:\s+(?:duoc\s+)?giao)?\s+(?:cua\s+)?"
                               r"(?:quy|thang|hoc ky|(?:\d{1,2}|sau|chin|ba) thang)\b")  # ("kế hoạch học kỳ II")  # (a drive's: "chỉ tiêu đợt I", its own)
_OF_THE_YEAR_PLAN = re.compile(r"\s*%?\s*(?:so\s+voi\s+)?(?:tong\s+)?(?:chi tieu|ke hoach)(?:\s+(?:duoc\s+)?giao)?\s+(?:ca nam|nam\b)")


def _percent(h: Hit, figs: Figures) -> None:
    value = parse_percent(h.num)
    if _TARGET_BEFORE.search(h.before[-50:]):
        return
    if _OTHER_MEASURE_BEFORE.search(h.view.clause_before(h.p, h.start)[-60:]) \
            or _OTHER_PLAN_AFTER.match(h.view.norm, h.end):
        return  # "lúa vụ xuân đạt 285,6 ha, bằng 101,3% kế hoạch", "100% chỉ tiêu giao quân": a rate of another measure
    if _RATE_OF_OTHER.search(h.view.clause_before(h.p, h.start)):
        return  # "tỷ lệ đoàn viên đủ điều kiện hiến máu trên số tham gia đạt 81,0%": a rate of something else
    if _AGAINST_A_YEAR.match(h.view.norm[h.end:h.end + 30]) \
            or _AGAINST_A_YEAR_BEFORE.search(h.view.clause_before(h.p, h.start)) \
            and not _PERCENT_AFTER.match(h.view.norm[h.end:h.end + 20]):
        return  # "bằng 92,0% so với năm 2017", "so với năm 2023 (568 đơn vị máu) tăng 60 đơn vị, bằng 110,6%": against
        # an earlier year's amount (``_changes``), not the plan
    if _THRESHOLD.search(h.view.clause_before(h.p, h.start)) or _BOUND_BEFORE.search(h.view.norm[max(h.p.start, h.start - 12):h.start]) \
            or (_BOUND_AROUND[0].search(h.view.norm[max(h.p.start, h.start - 6):h.start])
                and _BOUND_AROUND[1].match(h.view.norm[h.end:h.end + 40])):
        return  # "Các đơn vị đạt dưới 45% chỉ tiêu năm (...)": units picked by a threshold, no one's result
    if _RANGE_END_BEFORE.search(h.view.norm[max(h.p.start, h.start - 25):h.start]) \
            or (_BOUND_AROUND[0].search(h.view.norm[max(h.p.start, h.start - 6):h.start])
                and _RANGE_START_AFTER.match(h.view.norm[h.end:h.end + 20])):
        return  # "10/11 đơn vị mới đạt từ 64,7% đến 79,3% chỉ tiêu năm": the ends of a range, no one's result
    if _OF_PEOPLE_AFTER.match(h.view.norm[h.end:h.end + 40]):
        return  # "bằng 83,0% số lượt đăng ký": a share of the people who registered, not of the plan
    if _CHANGE_THEN_BRACKET.search(h.view.norm[max(h.p.start, h.start - 40):h.start]) \
            or _CHANGE_THEN_COMMA.search(h.view.norm[max(h.p.start, h.start - 50):h.start]):
        return  # "tăng 400 đơn vị (8,3%) so với chỉ tiêu năm 2019", "tăng 118 đơn vị, bằng 10,0%": the change in
        # percent (or the new amount over the old), no rate of plan
    after = h.view.norm[h.end : h.end + 20]
    sentence = h.view.sentence_before(h.p, h.start)
    of_units = _DAT.search(h.before[-10:]) and (_UNITS_PAIR_BEFORE.search(sentence) or _QUOTA_BEFORE.search(sentence)) \
        or _received_in_brackets(h, figs)
    over = _PERCENT_BEFORE.search(h.before[-30:])
    if value is None or not (over or _PERCENT_AFTER.match(after) or of_units):
        return
    attrs = h.attrs()
    if attrs.pop("plan") and h.p.plan:
        return  # a rate in a plan (a plan, a section of tasks ahead) of its year or after is a goal, no result
    if _OF_THE_YEAR_PLAN.match(h.view.norm, h.end):
        attrs["drive_no"] = None  # "đạt 112,0% chỉ tiêu đợt I và bằng 38,9% chỉ tiêu cả năm": the year's rate so far
        attrs["quota_of"] = "year"
    elif _OF_A_PART_S_PLAN.match(h.view.norm, h.end):
        attrs["quota_of"] = "period"  # "đạt 102,7% chỉ tiêu quý": of the quarter's quota, not the year's
    if (each := _each(h)) is not None and each[0] >= 2:
        attrs["about"] = each[1]["about"]  # "Các xã Nậm Cần, Nậm Sỏ: mỗi xã 36/30 đơn vị, đạt 120%": each one's rate
    if over and value < 100:  # "vượt 5,4% kế hoạch": what the plan was exceeded by; the rate reached is 105,4%
        attrs["over_plan"] = value
        value = round(100 + value, 6)
    # the word before a rate says what it is (đạt 95%, vượt 5%): OCR garbled it past a syllable ("vt 5%"), so the
    # rate may be the excess as well as the rate reached
    token = h.view.token_before(h.num_start)
    word = token.raw if token is not None else None
    garbled = word is not None and word.isalpha() and not syllables.is_skeleton(word) \
        and not (match_form(token.restored or "").lower() in _RATE_VERBS and not token.flagged
                 and (token.conf or 0.0) >= SURE_RESTORED)  # ("bing" restored "bằng" with confidence: the verb)
    figs.add("percent_of_plan", value, h.num_start, h.num_end, attrs=attrs, unit="%", label="so với kế hoạch",
             confidence=GARBLED_VERB if garbled else 1.0)


# "Kết quả: 6.240 đơn vị (104%)": a rate in brackets right after units received, the plan given before it
_UNITS_THEN_BRACKET = re.compile(r"\d[\d.]*\s*(?:don\s+vi|dv)(?: m[aeo]u)?\s*\(\s*(?:dat\s+)?$")
_RECEIVED_LABEL = re.compile(r"(?:\bket qua|\btiep nhan|\bthu duoc|\bdat)(?: duoc)?\s*(?:la|:)?\s*$")


def _received_in_brackets(h: Hit, figs: Figures | None = None) -> bool:
    """A rate in brackets right after an amount of units the words before it call received (``Kết quả: 6.240 đơn vị
    (104%)``, ``tiếp nhận 548 đơn vị (109,6%)``) in a paragraph that names the plan or quota: the rate of plan."""
    m = _UNITS_THEN_BRACKET.search(h.view.norm[max(h.p.start, h.start - 40):h.start])
    if m is None:
        return False
    at = max(h.p.start, h.start - 40) + m.start()
    amount = next((f for f in figs.items if f.kind == "units_received" and (r := h.view.range_of(f.span)) is not None
                   and r[0] == at), None) if figs is not None else None
    if amount is not None and (amount.attrs.get("about", "").startswith("nhóm máu") or "part_of" in amount.attrs
                               or re.search(r"\bml\b", match_form(str(amount.attrs.get("about") or "")))
                               or re.search(r"\b(?:loai|tui)\s+\d{3}\s*ml\b[^,;.()\d]{0,15}$",
                                            h.view.norm[max(h.p.start, at - 40):at])):
        return False  # "nhóm O 178 đơn vị (42,7%)", "loại 250 ml chỉ có 104 đơn vị (20,6%)": a share, no rate of plan
    if amount is not None:
        return True  # "- Huyện Tam Đường 668 đơn vị (đạt 111,3%)": units read as received, their rate of plan
    if DIFFERENCE_BEFORE.search(h.view.norm[max(h.p.start, at - 30):at]):
        return False  # "tăng 400 đơn vị (8,3%)": the change in percent, no rate of plan
    before = h.view.norm[h.p.start:at]
    return bool(_RECEIVED_LABEL.search(before[-30:]) and _QUOTA_WORDS.search(h.view.para_norm(h.p)))


# "tổ chức 04 đợt", and a line that names what it counts ("Số đợt tổ chức: 03 đợt", "Số đợt hiến máu là 3 đợt")
_HELD_BEFORE = re.compile(r"(?:\bto chuc (?:duoc |thanh cong |duoc tong cong )?(?:tong cong |tong so )?"
                          r"|\bso dot\b[^.;:\d]{0,25}(?::|\bla)\s*)$")  # ("tổ chức thành công 6 đợt")


_PROPOSED = re.compile(r"^\W*(?:[bdp]e nghi|kien nghi|de xuat)\b")  # a clause that asks for something (Đ read B, P)


_WHICH_DRIVES = re.compile(r"\s*(?:(?:lay|hien)\s+)?(?:m[aeo]u\s+)?(?:(?:vao|trong|cua)\s+)?(?:thang|ngay)\s+\d")
_LIST_FOLLOWS = re.compile(r"[^.;:]{0,40}?(?:\b(?:cu the|nhu sau|gom)\b)?\s*:")  # "5 buổi lấy máu lưu động, cụ thể:"


# a sentence whose subject is a unit below the report's (``Xã Mường So ...``, ``Trường THPT ...``)
_SUBUNIT_OPENS = re.compile(r"^\W*(?:rieng\s+)?((?:xa|phuong|thi tran|truong|don bien phong|benh vien)\s+[a-z]+(?:\s+[a-z]+)?)\s")


def _drive_count(h: Hit, figs: Figures) -> None:
    if re.search(r"\btu\s+\S+\s+den\s*$", h.before):
        return  # "từ 02 đến 03 đợt": a range the text asks for, not a count
    if h.num == "mot" and re.search(r"(?:\bla|\bmoi|\bcho|\btrong|\bit nhat|\btoi thieu|\bo)\s*$", h.before):
        return  # "mỗi cột là một đợt hiến máu", "trong một đợt", "có mặt ở ít nhất một đợt": one of them, no count
    if h.num == "mot" and (sub := _SUBUNIT_OPENS.match(h.view.sentence_before(h.p, h.start))) is not None \
            and normalize_ws(sub.group(1)) not in match_form(h.view.doc.identity.issuer or "").lower():
        return  # "Xã Mường So lần đầu đăng cai một đợt lấy máu" in a district's report: a commune's one drive
    if h.view.norm[h.last_start:h.end] == "dot" and not _HELD_BEFORE.search(h.before):
        return  # "đợt" alone counts drives after "tổ chức" ("dự kiến tổ chức 04 đợt."), not "2 đợt" of anything
    if h.view.norm[h.last_start:h.end] == "dot" and not h.num[:1].isdigit() \
            and not re.match(r"\s*:", h.view.norm[h.end:h.end + 3]):
        return  # in words, only over the list it opens ("tổ chức ba đợt: ngày 14/10 ..."), not "hai đợt tuyên truyền"
    if re.search(r"\b(?:tang|giam|bot|hon|chenh lech)\s*$", h.before):
        return  # "giảm 01 đợt so với cùng kỳ", "Mặc dù giảm một đợt lấy máu": a change in the count, not the count
    if not _HELD_BEFORE.search(h.before) and _WHICH_DRIVES.match(h.view.norm, h.end):
        return  # "Hai đợt lấy máu tháng 02 và tháng 4 trùng thời gian thu hoạch": some of the drives, no count
    if h.view.norm[h.num_end:h.end].strip().startswith("buoi") and not _LIST_FOLLOWS.match(h.view.norm, h.end):
        return  # "58 buổi lấy máu" of a hospital's year: sessions, counted as drives only over the list they open
    if re.search(r"\b(?:them|tiep)\s*$", h.before) or _PROPOSED.search(h.view.clause_before(h.p, h.start)):
        return  # "đề nghị ... bố trí thêm một đợt lấy máu": drives asked for; "Sáu tháng cuối năm tổ chức tiếp 02
        # đợt": more drives after those counted before; neither the count of the period's drives
    value = parse_count(h.num)
    if isinstance(value, int):
        attrs = h.attrs()
        extra = {}
        sentence = h.view.sentence_before(h.p, h.start)
        # (or its clause: "Như đã báo cáo tại Báo cáo số 41/BC-BCĐ ..., 6 tháng đầu năm huyện tổ chức 03 đợt")
        part = _PART_OF_YEAR_OPENS.match(sentence) or _PART_OF_YEAR_OPENS.match(re.split(r"[,;]", sentence)[-1])
        own = normalize_ws(match_form(h.view.doc.identity.period or "").lower()).replace("sau thang", "6 thang")
        if part is not None and normalize_ws(part.group(1)).replace("sau thang", "6 thang") not in own:
            # "Quý I, Hội tổ chức 01 đợt ..." in a six-month report: that quarter's drives, not the report's
            extra["about"] = normalize_ws(part.group(1))
        figs.add("drive_count", value, h.num_start, h.num_end,
                 attrs={"year": attrs["year"], "plan": attrs["plan"], **extra}, label="số đợt")


# a sentence that opens with a part of the year ("Quý I, ...", "Trong tháng 3 ...", "6 tháng đầu năm ...")
_PART_OF_YEAR_OPENS = re.compile(r"^\W*(?:trong\s+|rieng\s+|sang\s+)?((?:quy|qui)\s+(?:i{1,3}|iv|[1-4])\b|thang\s+\d{1,2}\b"
                                 r"|(?:6|sau|9|chin)\s+thang\s+(?:dau|cuoi)\b)")


def _drive_count_times(h: Hit, figs: Figures) -> None:
    if _HELD_BEFORE.search(h.before):
        _drive_count(h, figs)


_DOCUMENT_BEFORE = re.compile(r"\bso\s*:?\s*\d+\s*/\s*[a-z0-9-]*\s*(?:cua\s+[^,;.()\d]{0,30}?\s*)?,?\s*$")  # "số 21/BC-BCĐ"


_RIGHT_AFTER_DRIVE = re.compile(r"\s*ngay\s*$")  # a day right after a drive's name: "đợt thứ hai ngày "


def _drive_date(h: Hit, figs: Figures) -> None:
    """``ngày 06/6/2025`` of a drive (not inside a quoted campaign name); a year-less date takes the year."""
    if _inside_quotes(h.view, h.p, h.start) or _DOCUMENT_BEFORE.search(h.view.norm[max(h.p.start, h.start - 40):h.start]):
        return  # "(đã báo cáo tại Báo cáo số 21/BC-BCĐ ngày 28/3/2023)": the date of a document, not of the drive
    found = find_dates(h.view.norm[h.start:h.end], h.start)  # ngày 14/02/2022, ngày 14 tháng 02 năm 2022
    if not found:
        return
    d_s, d_e = found[0].start, found[0].end
    attrs = h.attrs(d_s)
    if attrs["drive_no"] is None:
        # two drives named in one breath leave a figure after both to neither ("Đợt III (16/9) và Đợt IV (25/11)
        # với chỉ tiêu 685"; a bracketed day there stays so: the figure after it would follow it to one drive), but
        # a day written right after a drive's name is that drive's ("đợt thứ nhất ngày 18/3/2022 tại ..., đợt thứ
        # hai ngày 10/6/2022 tại ...")
        sentence = h.view.sentence_before(h.p, d_s)
        named = list(INLINE_DRIVE.finditer(sentence))
        if named and _RIGHT_AFTER_DRIVE.match(sentence[named[-1].end():]):
            attrs["drive_no"] = parse_ordinal(named[-1].group(1) or named[-1].group(2))
    if attrs["drive_no"] is not None:
        figs.add("drive_date", found[0].iso(attrs["year"]), d_s, d_e,
                 attrs={"year": attrs["year"], "drive_no": attrs["drive_no"],
                        "status": "planned" if h.planned else "held"},
                 label="ngày tổ chức")


# "Số đơn vị máu tiếp nhận cả năm là 1.032", "số đơn vị máu thu được là 225", "Số lượng đơn vị máu được giao: 700":
# the number names no unit after it; its words before do
_UNITS_NAMED_BEFORE = re.compile(r"\bso (?:luong )?don vi m[aeo]u\b([^.;:\d()]{0,50}?)\s*(?:\bla|:)\s*$")
_NAMED_UNIT_AFTER = re.compile(r"^\s*(?:\d|dong\b|trieu\b|don\b|dv\b|nguoi\b|luot\b|%|dot\b|ho\b|lan\b|xa\b|ml\b|/)")


def _units_named(h: Hit, figs: Figures) -> None:
    """A bare number after ``là`` / ``:`` whose words before name units of blood (no unit word after it)."""
    value = parse_count(h.num)
    before = h.view.clause_before(h.p, h.num_start)
    m = _UNITS_NAMED_BEFORE.search(before)
    if m is None or not isinstance(value, int) or _NAMED_UNIT_AFTER.match(h.view.norm[h.num_end:h.num_end + 8]) \
            or _other_use(h) or _average(h) or re.search(r"\b(?:lan dau|nhac lai|trong do|moi)\b", m.group(1)):
        return
    kind = "units_quota" if _QUOTA_WORDS.search(m.group(1)) else "units_received"
    figs.add(kind, value, h.num_start, h.num_end, attrs=h.attrs(), unit="đơn vị máu",
             label="chỉ tiêu" if kind == "units_quota" else "máu tiếp nhận")


HANDLERS = {
    "UNITS_NAMED": _units_named,
    "UNITS_PAIR": _units_pair,
    "UNITS": _units,
    "UNITS_BARE": _units_bare,
    "UNITS_PAIR_BARE": _units_pair_bare,
    "PARTICIPANTS": _participants,
    "PARTICIPANTS_BARE": _participants_bare,
    "PARTICIPANTS_NAMED": _participants_named,
    "QUOTA_AFTER": _quota_after,
    "PERCENT": _percent,
    "DRIVE_COUNT": _drive_count,
    "DRIVE_COUNT_TIMES": _drive_count_times,
    "DRIVE_DATE": _drive_date,
}
# "đơn vị máu" names blood; the others count as blood figures only where blood is the topic
_BARE_UNITS = {"UNITS_BARE", "UNITS_PAIR_BARE", "PERCENT"}  # in a report on blood, also without "máu" nearby
NEEDS_TOPIC = {"UNITS_BARE", "UNITS_PAIR_BARE", "PARTICIPANTS", "PARTICIPANTS_BARE", "PARTICIPANTS_NAMED", "PERCENT", "DRIVE_COUNT",
               "DRIVE_COUNT_TIMES", "DRIVE_DATE", "QUOTA_AFTER"}


FINDER = PatternSet(PATTERNS)


def extract(view: View, figs: Figures, doc: Document | None = None) -> None:
    """Blood figures of the prose, then the drives of drive tables."""
    toks = view.tokens
    blood_title = bool(re.search(r"\bmau\b", match_form(view.doc.identity.title or "").lower()))  # "... sử dụng máu"
    for label, i, j in FINDER.find(toks):
        s, e = toks.char_span(i, j)
        p = view.paragraph_at(s)
        if e > p.end:
            continue  # a match across a paragraph's end ("... năm 2022" / "Đợt hiến máu ..."): two texts
        if label in NEEDS_TOPIC and not _BLOOD_CONTEXT.search(_topic_text(view, p, s)) \
                and not (label in _BARE_UNITS and blood_title) \
                and not (label == "DRIVE_COUNT" and blood_title and _COUNTED_LIST.match(view.norm, toks.starts[i])):
            # (in a report on blood, "tổ chức ba đợt: ngày 14/10 ..." counts the drives it lists)
            continue  # people, percents and drives count as blood figures only where blood is the topic (units
            # without "máu" also in a report on blood: the words before them must still say received or quota)
        # planned: a plan's paragraph, or a sentence that says what is planned (in another sentence of its paragraph
        # "đợt dự kiến tổ chức trong tháng 4 phải tạm hoãn" says nothing of "tổ chức 02 đợt lấy máu trong năm")
        start = s - len(view.sentence_before(p, s))
        stop = view.sentence_end(p, s)
        if (semi := view.norm.find(";", e, stop)) >= 0:
            stop = semi  # "đã tổ chức 02 đợt, tiếp nhận 352 đơn vị; đợt 3 dự kiến tổ chức ngày 22/11": the next
            # clause's plan is not what was done before it
        planned = p.plan or bool(_PLANNED.search(view.norm[start:stop]))
        if label == "UNITS_NAMED":  # the number is the match's last token
            i = j - 1
            s = toks.char_span(i, j)[0]
        k = i + 1  # the number: one token in digits, or a run of number words
        while k < j and toks.doc[k].lower_ in NUMBER_WORDS and toks.doc[i].lower_ in NUMBER_WORDS:
            k += 1
        HANDLERS[label](Hit(view, p, s, e, toks.starts[i], toks.ends[k - 1], toks.starts[j - 1], planned), figs)
    _labelled_received(view, figs)
    _campaigns(view, figs)
    _labelled_drive_dates(view, figs)
    _listed_drives(view, figs)
    _drive_items(view, figs)
    _dated_drives(view, figs)
    _drive_paragraphs(view, figs)
    _drive_parts(view, figs)
    _breakdowns(view, figs)
    _revised_from(view, figs)
    _within_amount(view, figs)
    _amounts_it_comprises(view, figs)
    _quota_shares(view, figs)
    _within_breakdowns(view, figs)  # (first: a sentence that names its whole, "Trong tổng số 6.585 đơn vị ...")
    _breakdown_paragraphs(view, figs)
    _breakdown_lists(view, figs)
    _donor_groups(view, figs)
    _group_lists(view, figs)
    _received_people_groups(view, figs)
    _bag_sizes(view, figs)
    _percent_sign_misread(view, figs)  # (before a report on one drive gives that drive its figures)
    if doc is not None:
        for table in doc.tables:
            _table_drives(view, figs, table, doc)
            _period_cells(view, figs, table)
        _year_in_total_row(view, figs, doc)
        _single_drive(view, figs, doc)
    _one_drive_named(view, figs)
    _same_months_before(view, figs)
    _respective(view, figs)
    _quotas_named_after(view, figs)
    _bracketed_breakdowns(view, figs)
    _pair_abouts(view, figs)
    _part_quotas_in_brackets(view, figs)
    _running_total_rates(view, figs)
    _drive_date_years(view, figs)
    _next_planned_drive(view, figs)
    _screening(view, figs)
    _people_by_sex(view, figs)
    _shares(view, figs)
    _within_breakdowns(view, figs)  # (again: the groups' amounts the share reader added, "... 1.126 đơn vị (23,7%)")
    _list_items_of_count(view, figs)
    _part_shares_no_rates(view, figs)
    _changes(view, figs)
    _people_changes(view, figs)


# the steps of donors' screening, after a count of people ("58 người đăng ký", "02 người vắng mặt", "15 người không đủ
# điều kiện", "268 người đủ điều kiện và đã hiến máu") or before it ("Số người hiến máu thành công là 41 người")
_SCREEN_COUNT = r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)"
_SCREEN_STEPS = (
    ("gave", r"(?:du (?:dieu kien|tieu chuan)(?: suc khoe)?(?: va)?(?: da)? hien(?: mau)?(?: thanh cong)?(?![a-z])|hien mau thanh cong|da hien mau"
             r"|duoc lay mau|hien (?:mau )?thuc te|hien duoc(?: mau)?)"),  # "số người hiến thực tế là 656 người"
    ("deferred", r"(?:(?:khong|chua) du (?:dieu kien|tieu chuan)|(?:bi |phai )?tam hoan|bi loai|khong dat (?:tieu chuan|"
                 r"yeu cau))"),
    ("absent", r"(?:(?:da )?dang ky (?:nhung )?)?(?:khong (?:den|toi|co mat)|vang mat|vang)\b"),  # "35 người đăng ký
    # không đến được": those who registered and did not come
    ("came", r"(?:den (?:diem|dia diem|noi) (?:hien|lay) mau|den hien mau|duoc kham(?: sang loc)?|tham gia kham)"),
    # (not "1.407 lượt đăng ký qua mạng": those who registered one way, a part)
    ("registered", r"(?:den |tham gia )?dang ky\b(?!\s+(?:qua mang|truc tuyen|online|qua (?:ung dung|zalo|app|ma qr)))"),
)
_SCREEN_AFTER = [(step, re.compile(_SCREEN_COUNT + r"\s+(?:luot(?:\s+nguoi)?|nguoi|truong hop)\s+(?:" + rx + ")"))
                 for step, rx in _SCREEN_STEPS]
_SCREEN_BEFORE = [(step, re.compile(r"\bso (?:luot )?(?:nguoi )?(?:bi )?(?:" + rx + r")(?: hien mau)?"
                                    # (the period it counts over: "đăng ký hiến máu 6 tháng là 968 người")
                                    r"(?:\s+(?:\d{1,2}|sau|chin|ba) thang(?: (?:dau|cuoi) nam)?|\s+nam (?:19|20)\d\d)?"
                                    r"(?:\s*\([^()\d]{0,60}\))?[^\d:;.()]{0,30}?"
                                    r"(?:\btai \d{1,3} (?:diem|xa|dot|buoi|don vi)\b[^\d:;.()]{0,15}?)?(?:la|:|dat)?\s*"
                                    + _SCREEN_COUNT + r"(?!,\d|\s*(?:%|don vi|\d))"  # "là" OCR read as 14: "14 578"; "74,0%": a rate
                                    r"(?!\s*(?:diem|dot|buoi|xa|phuong|thon|ban|khu|truong|co quan|huyen|lan|ngay|thang)\b)"))
                  # ("đăng ký tại 5 điểm là 512 lượt": 5 places, not people)
                  for step, rx in _SCREEN_STEPS]


_TIMES_OVER = re.compile(r"(?:\s+\S+){0,3}?\s+(?:tu|tren|hon)\s+\d{1,3}\s+lan\b")  # "... từ 10 lần trở lên"
_OTHER_COUNT = re.compile(r"\d[\d.,]*\s*(?:nguoi|luot|ho\b|%|dot\b|lan\b)")
_PART_OF_YEAR_ABOUT = re.compile(r"^(?:quy|thang|(?:\d{1,2}|sau|chin|ba) thang)\b")
_CHANGE_WORDS = re.compile(r"\b(?:tang|giam|hon|vuot|thieu|so\s+voi)\b")


_BY_SEX = re.compile(r"\btrong do\s*:?\s*(?:co\s+)?(nam(?: gioi)?)\s+(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:nguoi|luot)?\s*[,;]?\s*"
                     r"(?:va\s+)?(nu(?: gioi)?)\s+(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:nguoi|luot)?")


# a sentence that opens on the donors it breaks down ("Trong tổng số 954 người hiến máu, cán bộ ... 215 người, học
# sinh 308, ..."; "Số người hiến máu 954 người, gồm: ..."), then the groups, each a few words and a count
_GROUPS_OPEN = re.compile(r"\b(?:trong (?:tong )?so|tong so|so) (\d{1,3}(?:\.\d{3})+|\d+) (?:luot )?nguoi"
                          r"(?: (?:tham gia )?hien mau| tham gia| den hien)?(?: nam \d{4})?\s*(?:,|:|,? (?:gom|bao gom)\s*:?)\s*")
_GROUP_ITEM = re.compile(r"([^\d;:.()%]{2,70}?)\s+(?:(?:la|co|gom)\s+)?(\d{1,3}(?:\.\d{3})+|\d+)(?:\s+(?:luot\s+)?nguoi)?"
                         r"\s*(?=,|;|\.(?!\d)|$|\s+va\b)")
# what a group of donors is (its trade or place in society), as against an attribute any group shares (sex, first or
# repeat donation, blood group): a list of groups of one of these dimensions partitions the donors, a mixed one does not
_GROUP_DIMENSIONS = {
    "who": re.compile(r"\b(?:can bo|cong chuc|vien chuc|hoc sinh|sinh vien|nhan dan|luc luong vu trang|quan nhan|"
                      r"chien si|cong an|doan vien|thanh nien|cong nhan|nguoi lao dong|giao vien|hoi vien|tu nguyen|"
                      r"doanh nghiep|tang ni|tin do|dan cu|lao dong)\b"),
    "sex": re.compile(r"^\W*(?:nam|nu)\W*$"),
}
_NOT_A_GROUP = re.compile(r"\b(?:lan dau|nhac lai|tu \d+ lan|lan thu|nhom mau|don vi|ml|tang|giam|chiem)\b")


# "Phân theo đối tượng, người được tiếp nhận gồm: cán bộ, công chức, viên chức 164 người; đoàn viên ... 198 người; ...":
# the donors whose blood was received broken down by group, no count of them written (one unit each)
_RECEIVED_PEOPLE_OPEN = re.compile(r"\b(?:(?:so )?nguoi (?:duoc tiep nhan|hien mau thanh cong|da hien mau|duoc lay mau))"
                                   r"\s*(?:,\s*)?(?:gom|bao gom|chia theo [^:;.]{2,30}|phan theo [^:;.]{2,30})\s*:\s*")
_PEOPLE_ITEM = re.compile(r"\s*(?:va\s+)?([^\d;:.()%]{2,70}?)\s+(?:(?:la|co|gom)\s+)?(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:luot\s+)?nguoi"
                          r"(?:\s*\(\s*\d{1,3}(?:,\d{1,2})?\s*%\s*\))?\s*(?:;|,|\.(?!\d)|$)")


PEOPLE_WHOLE_PARAGRAPHS = 3  # paragraphs before the list where the units received it breaks down may stand


def _received_people_groups(view: View, figs: Figures) -> None:
    """The donors whose blood was received, broken down by who they are with no count of them (``người được tiếp nhận
    gồm: cán bộ ... 164 người; đoàn viên ... 198 người; ...``): each group's count is a part of the units received of
    the period written last before it in the paragraph or the ``PEOPLE_WHOLE_PARAGRAPHS`` before (one unit each
    donor), checked by A107."""
    for p in view.paragraphs:
        if p.plan:
            continue
        seg = view.norm[p.start:p.end]
        for m in _RECEIVED_PEOPLE_OPEN.finditer(seg):
            items, pos = [], m.end()
            while (it := _PEOPLE_ITEM.match(seg, pos)) is not None:
                items.append(it)
                pos = it.end()
                if seg[it.end() - 1:it.end()] == "." or it.end() >= len(seg):
                    break
            names = [it.group(1) for it in items]
            if len(items) < 2 or any(_NOT_A_GROUP.search(n) for n in names) \
                    or not all(_GROUP_DIMENSIONS["who"].search(n) for n in names):
                continue
            q = p
            for _ in range(PEOPLE_WHOLE_PARAGRAPHS):
                q = view.paragraph_before(q) or q
            lo, at = q.start, p.start + m.start()
            wholes = [f for f in figs.items if f.kind == "units_received" and not f.attrs.get("about")
                      and "part_of" not in f.attrs and f.attrs.get("drive_no") is None and not f.attrs.get("plan")
                      and "table" not in f.attrs and (r := view.range_of(f.span)) is not None and lo <= r[0] < at]
            if not wholes:
                continue
            whole = wholes[-1]
            values = [parse_count(it.group(2)) for it in items]
            if not all(isinstance(v, int) for v in values) or any(v >= whole.value for v in values):
                continue
            taken = {view.range_of(f.span)[0] for f in figs.items if view.range_of(f.span) is not None}
            for it, v in zip(items, values):
                start = p.start + it.start(2)
                if start in taken:
                    continue
                name = normalize_ws(view.best(p.start + it.start(1), p.start + it.end(1))).strip(" ,;:")
                figs.add("units_received", v, start, p.start + it.end(2),
                         attrs={**{k: whole.attrs.get(k) for k in ("year", "drive_no", "plan")}, "about": name or "nhóm",
                                "part_of": whole.id}, unit="người", label="người được tiếp nhận theo đối tượng")


def _group_lists(view: View, figs: Figures) -> None:
    """The groups a sentence breaks its donors into right after counting them (``Trong tổng số 954 người hiến máu,
    cán bộ, công chức 215 người, học sinh 308, thanh niên và nhân dân 421``): the groups' counts, bare or in
    ``người``, are parts of that count (A110) when every group is of one dimension (who they are, or their sex);
    the list ends at the clause's ``;`` or the sentence's end."""
    for p in view.paragraphs:
        if p.plan:
            continue
        seg = view.norm[p.start:p.end]
        for m in _GROUPS_OPEN.finditer(seg):
            whole_at = p.start + m.start(1)
            end = re.search(r";|\.(?!\d)|$", seg[m.end():]).start() + m.end()
            items = list(_GROUP_ITEM.finditer(seg[:end], m.end()))
            if len(items) < 2 or items[0].start() != m.end() or any(a.end() > b.start() for a, b in zip(items, items[1:])) \
                    or seg[items[-1].end():end].strip(" ,"):
                continue  # not a list of groups and counts all the way to the clause's end
            names = [re.sub(r"^\W*(?:va\s+)?", "", it.group(1)) for it in items]
            if any(_NOT_A_GROUP.search(n) for n in names) \
                    or not any(all(rx.search(n) for n in names) for rx in _GROUP_DIMENSIONS.values()):
                continue
            values = [parse_count(it.group(2)) for it in items]
            whole_value = parse_count(m.group(1))
            if not isinstance(whole_value, int) or not all(isinstance(v, int) for v in values) \
                    or any(v >= whole_value for v in values):
                continue
            if any("part_of" in f.attrs for f in figs.items if f.kind == "participants"
                   and (r := view.range_of(f.span)) is not None and p.start + m.end() <= r[0] < p.start + end):
                continue  # another reading already made them parts
            year, _ = view.year_and_drive(p, whole_at)
            whole = next((f for f in figs.items if f.kind == "participants" and (r := view.range_of(f.span)) is not None
                          and r[0] == whole_at), None) \
                or figs.add("participants", whole_value, whole_at, p.start + m.end(1),
                            attrs={"year": year, "drive_no": None, "plan": False}, unit="người", label="người tham gia")
            for it, v in zip(items, values):
                at = p.start + it.start(2)
                old = next((f for f in figs.items if f.kind == "participants" and (r := view.range_of(f.span)) is not None
                            and r[0] == at), None)
                name = normalize_ws(view.best(p.start + it.start(1), p.start + it.end(1))).strip(" ,;:")
                name = re.sub(r"^(?:và|va)\s+", "", name)
                if old is not None:  # "cán bộ, công chức 215 người" read as a count already: the same figure, a part
                    old.attrs.update(about=name or "nhóm", part_of=whole.id)
                    continue
                figs.add("participants", v, at, p.start + it.end(2),
                         attrs={"year": whole.attrs.get("year"), "drive_no": whole.attrs.get("drive_no"),
                                "plan": False, "about": name or "nhóm", "part_of": whole.id},
                         unit="người", label="nhóm người hiến máu")


# a sentence that opens on the amount it breaks down ("Trong 91 đơn vị máu tiếp nhận có 34 đơn vị loại 350 ml và 57
# đơn vị loại 250 ml"; "Trong tổng số 1.250 đơn vị máu, có ...")
_WITHIN = re.compile(r"(?:^|[.;]\s+)\W*trong (?:tong so |so )?(\d{1,3}(?:\.\d{3})+|\d+) (?:don vi|dv)\b[^.;:\d]{0,50}?"
                     r"(?:\b(?:co|gom|thi)\b|,|:)")  # ("Trong 1.032 đơn vị máu tiếp nhận: cán bộ ... 318 đơn vị; ...")


_UNIT_WORD = re.compile(r"\s*(?:(?:don vi|dv)\b)?")


def _within_breakdowns(view: View, figs: Figures) -> None:
    """The amounts of units a sentence gives after opening on an amount (``Trong 91 đơn vị máu tiếp nhận có 34 đơn vị
    loại 350 ml và 57 đơn vị loại 250 ml``) are its parts (A107), two or more of them, none a part already."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        for m in _WITHIN.finditer(seg):
            at = p.start + m.start(1)
            end = view.sentence_end(p, p.start + m.end())
            value = parse_count(m.group(1))
            # the amount there, or the same amount written just before (read as one figure, written twice)
            whole = next((f for f in figs.items if f.kind in _UNITS_KINDS and (r := view.range_of(f.span)) is not None
                          and r[0] == at), None) \
                or next((f for f in reversed(figs.items) if f.kind in _UNITS_KINDS and f.value == value
                         and "part_of" not in f.attrs and (r := view.range_of(f.span)) is not None
                         and p.start <= r[0] < at), None)
            if whole is None:
                continue
            parts = [f for f in figs.items if f.kind in _UNITS_KINDS and f is not whole and "part_of" not in f.attrs
                     and (r := view.range_of(f.span)) is not None and p.start + m.end() <= r[0] < end
                     and not in_brackets(view.norm, p.start + m.end(), r[0])]
            # (amounts in brackets break down the one before them: "có 02 đơn vị Rh(D) âm tính (01 đơn vị nhóm O,
            # 01 đơn vị nhóm A)")
            if len(parts) < 2 or any(f.value >= whole.value for f in parts) \
                    or _PEOPLE_AMONG.search(view.norm, p.start + m.end(), end):
                continue
            for f in parts:
                if f.kind != whole.kind:
                    f = figs.rekind(f, whole.kind, "máu tiếp nhận" if whole.kind == "units_received" else "chỉ tiêu")
                f.attrs["part_of"] = whole.id
                if not f.attrs.get("about"):  # "34 đơn vị loại 350 ml": the kind it names
                    at = _UNIT_WORD.match(view.norm, view.range_of(f.span)[1]).end()
                    kind = _KIND_AFTER.match(view.norm[at:at + 40])
                    f.attrs["about"] = view.best(at + kind.start(1), at + kind.end(1)) if kind else "trong đó"


def _bag_sizes(view: View, figs: Figures) -> None:
    """An amount of units of one bag size (``227 đơn vị loại 250 ml``) that no breakdown took as its part (the
    whole it breaks down lost its words to OCR: ``628 bon vi mau``) is about that size, never the period's total."""
    for f in figs.items:
        sized = re.search(r"\bml\b", match_form(str(f.attrs.get("about") or "")))
        if f.kind not in _UNITS_KINDS or "table" in f.attrs or (r := view.range_of(f.span)) is None \
                or (f.attrs.get("about") or "part_of" in f.attrs) and ("part_of" not in f.attrs or sized):
            continue  # (a part whose words name no size, "Phân theo thể tích: 742 đơn vị loại 350 ml", takes its own)
        at = _UNIT_WORD.match(view.norm, r[1]).end()
        if (kind := _KIND_AFTER.match(view.norm[at:at + 40])) is not None:
            f.attrs["about"] = view.best(at + kind.start(1), at + kind.end(1))
        elif (kind := _KIND_BEFORE.search(view.norm[max(0, r[0] - 40):r[0]])) is not None:
            # "Trong số đơn vị tiếp nhận, túi 350 ml là 1.208 đơn vị": the size its clause names before it
            at = max(0, r[0] - 40)
            f.attrs["about"] = view.best(at + kind.start(1), at + kind.end(1))


def _people_by_sex(view: View, figs: Figures) -> None:
    """Donors counted by sex after them (``số người hiến máu 821 người; trong đó nam 512 người, nữ 319 người``):
    parts of the count before them in the sentence (A110)."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        for m in _BY_SEX.finditer(seg):
            start = p.start + m.start() - len(view.sentence_before(p, p.start + m.start()))
            before = [f for f in figs.items if f.kind == "participants" and "part_of" not in f.attrs
                      and not f.attrs.get("about") and (r := view.range_of(f.span)) is not None
                      and start <= r[0] < p.start + m.start()]
            if not before:
                continue
            whole = max(before, key=lambda f: view.range_of(f.span)[0])
            for g in (2, 4):
                value = parse_count(m.group(g))
                if isinstance(value, int):
                    attrs = {**{k: whole.attrs.get(k) for k in ("year", "drive_no", "plan")},
                             "about": "nam" if g == 2 else "nữ", "part_of": whole.id}
                    figs.add("participants", value, p.start + m.start(g), p.start + m.end(g), attrs=attrs,
                             unit="người", label="người hiến máu theo giới tính")


_HONOURED_COUNTED = re.compile(r"\bso\s+(?:luot\s+)?nguoi\s+(?:duoc\s+)?ton vinh\b")
_LIST_OPENER = re.compile(r"(?:\bgom|\bbao gom|\bnhu sau|\bcu the)\s*:\s*$")
_ITEM_LINE = re.compile(r"^\s*[-+\u2022*]\s*")
ITEM_LINES = 12  # lines after a list's opening line where its items may stand


def _list_items_of_count(view: View, figs: Figures) -> None:
    """The people counted on the items of a list (``- Hiến máu 5 lần: 146 người, chiếm 68,2%;``) under an opening line
    (``Phân theo số lần hiến máu, gồm:``) are parts of the count of people its paragraph gave last before it (``tôn
    vinh 214 người ...``, outside brackets), when there are two items or more, each smaller."""
    for k, lp in enumerate(view.lines):
        if not _LIST_OPENER.search(view.norm[lp.start:lp.end]):
            continue
        p = view.paragraph_at(lp.start)
        wholes = [f for f in figs.items if f.kind == "participants" and "part_of" not in f.attrs
                  and not f.attrs.get("plan") and (r := view.range_of(f.span)) is not None
                  and p.start <= r[0] < lp.end and not _bracketed(view, p, r[0])
                  and not DIFFERENCE_BEFORE.search(view.norm[max(p.start, r[0] - 30):r[0]])]
        if not wholes:
            continue
        whole = max(wholes, key=lambda f: view.range_of(f.span)[0])
        items = []
        for item in view.lines[k + 1:k + 1 + ITEM_LINES]:
            if not _ITEM_LINE.match(view.norm[item.start:item.end]):
                break
            items += [f for f in figs.items if f.kind == "participants" and "part_of" not in f.attrs
                      and (r := view.range_of(f.span)) is not None and item.start <= r[0] < item.end]
        if len(items) >= 2 and all(f.value < whole.value for f in items):
            for f in items:
                f.attrs["part_of"] = whole.id


def _part_shares_no_rates(view: View, figs: Figures) -> None:
    """A percent in brackets after a part of a breakdown that the share reader took as the part's share (``Nhân dân và
    các đối tượng khác 1.787 đơn vị (27,1%)`` in ``Trong tổng số 6.585 đơn vị ... gồm: ...``) is no rate of plan too."""
    by_id = {f.id: f for f in figs.items}
    shared = {view.range_of(f.span)[0] for f in figs.items if f.kind == "share_percent"
              and view.range_of(f.span) is not None and (of := by_id.get(f.attrs.get("of"))) is not None
              and "part_of" in of.attrs}
    for f in [f for f in figs.items if f.kind == "percent_of_plan" and not f.attrs.get("over_plan")]:
        r = view.range_of(f.span)
        if r is not None and r[0] in shared:
            figs.items.remove(f)


def _screening(view: View, figs: Figures) -> None:
    """Counts of people at each step of the donors' screening in a held drive or year: registered, absent, came,
    deferred, gave (kind ``screening``, ``step``); checked by A112 (registered = came + absent; came (or
    registered) = gave + deferred, the units received standing for those who gave when no count of them is
    written)."""
    tabled = view.table_lines()
    for p in view.paragraphs:
        if p.plan:
            continue
        seg = view.norm[p.start:p.end]
        seen: set[int] = set()
        for step, rx in _SCREEN_AFTER + _SCREEN_BEFORE:
            for m in rx.finditer(seg):
                at = p.start + m.start(1)
                value = parse_count(m.group(1))
                if at in seen or not isinstance(value, int) or _bracketed_aside(seg, m.start(1)) \
                        or _CHANGE_WORDS.search(seg[m.start():m.start(1)]) or _TIMES_OVER.match(seg, m.end()):
                    continue  # "Số người đăng ký tăng 93 người": a change, no count; "17 người đã hiến máu từ 10
                    # lần trở lên": donors honoured for their number of donations, no step of this year's screening
                span = view.span(at, p.start + m.end(1))
                if (span.page, span.line) in tabled:
                    continue  # a table's row ("Số người đăng ký hiến máu | người | 612 | 705"): the table's
                seen.add(at)
                year, drive = view.year_and_drive(p, at)
                if drive is None and len(drives := {f.attrs.get("drive_no") for f in figs.items
                                                    if f.kind in _DRIVE_FIGURES and (r := view.range_of(f.span))
                                                    and p.start <= r[0] < p.end}) == 1:
                    drive = drives.pop()  # "- Ngày 10/3/2023 tại ...: có 331 người đăng ký, tiếp nhận 268 đơn vị": an
                    # item whose figures are one drive's (``_drive_items``): its people are that drive's too
                attrs = {"year": year, "drive_no": drive, "step": step}
                if drive is None and (about := view.sub_unit(p, at)):
                    attrs["about"] = about  # a commune's count in a district's report
                figs.add("screening", value, at, p.start + m.end(1), attrs=attrs, unit="người", label=step)


# a share written after a count of people or units: "413 người, chiếm 84,3% số người đăng ký", "219 đơn vị (41,06%)"
_SHARE_AFTER = re.compile(r"[^\d;.()%:]{0,40}?(?:,\s*(?:chiem|bang)\s*(?:ty le\s*)?|\(\s*(?:chiem\s*(?:ty le\s*)?)?)"
                          r"(\d{1,3}(?:,\d{1,2})?)\s*%\)?(\s*(?:so|tong\s+so|tren\s+tong\s+so)\s+(?:luot\s+)?(?:nguoi\s+)?"
                          r"(dang ky|tham gia|hien mau|den|duoc kham|kham|don vi mau|don vi(?= tiep nhan| thu duoc)|mau|"
                          r"(?:duoc )?ton vinh))?")  # ("chiếm 32,7% tổng số người được tôn vinh": those honoured)
_SHARE_OF = ("participants", "screening", "units_received")
# a share of the period's own amount: "chiếm 40,0% số đơn vị máu của cả năm", "chiếm 56,6% kết quả của quý"
_SHARE_OF_THE_PERIOD = re.compile(r"\s*(?:don vi|dv)?(?:\s+m[aeo]u)?\s*,?\s*\(?\s*chiem\s+(?:ty le\s+)?(\d{1,3}(?:,\d{1,2})?)\s*%"
                                  r"[^\d;.()]{0,40}?\b(?:cua\s+)?(?:ca nam|ca quy|ca ky|cua quy|cua nam|ca le hoi|toan dot)\b")
# the whole a share names is a group of the donors ("chiếm 86,2% số học sinh, sinh viên tham gia"), not all of them
_SHARE_OF_GROUP = re.compile(r"\s*(?:so|tong so|tren tong so)\s+(?!(?:luot\s+)?(?:nguoi|dang ky|tham gia|hien|den|don vi|"
                             r"mau)\b)[a-z]")
_CHANGE_BEFORE = re.compile(r"\b(?:tang|giam|hon|vuot|thieu|chenh lech)(?: them)?\s*$")
_GROUP_SHARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:(?:luot\s+)?nguoi|don vi(?: m[aeo]u)?)\s*"
                          r"(?:,\s*chiem\s+|\(\s*(?:chiem\s+)?)(?:ty le\s+)?"
                          r"(\d{1,3}(?:,\d{1,2})?)\s*%(?:\s*(?:so|tong so|tren tong so)\s+(?:luot\s+)?(?:nguoi\s+)?"
                          r"(dang ky|tham gia|hien mau|hien|den|duoc kham|kham|don vi mau|mau))?")


_WHOLE_BEFORE = re.compile(r"\btrong (?:tong )?so (?:luot )?nguoi (hien(?: mau)?|dang ky|tham gia|den)\b")


def _shares(view: View, figs: Figures) -> None:
    """The share of a whole a count of people or units is said to be (``số người đủ điều kiện hiến máu là 413 người,
    chiếm 84,3% số người đăng ký``; ``Nhóm máu O có 219 đơn vị, chiếm 41,6%``): ``share_percent``, with the count
    it is of and the whole it names, if any (checked by A114)."""
    for f in list(figs.items):
        r = view.range_of(f.span)
        if f.kind not in _SHARE_OF or "table" in f.attrs or r is None:
            continue
        if f.kind == "units_received" and not f.attrs.get("about") and "part_of" not in f.attrs \
                and (own := _SHARE_OF_THE_PERIOD.match(view.norm, r[1])) is not None \
                and (parse_percent(own.group(1) + "%") or 100) < 100:
            # "Hai đợt cao điểm ... tiếp nhận tổng cộng 514 đơn vị, chiếm 40,0% số đơn vị máu của cả năm": a part of
            # the period's amount, not the amount
            clause = view.clause_before(view.paragraph_at(r[0]), r[0])
            f.attrs["about"] = normalize_ws(view.best(r[0] - len(clause), r[0]))[:60].strip(" ,") or "một phần"
        m = _SHARE_AFTER.match(view.norm, r[1])
        if m is None or re.search(r"\b(?:tu|tren|duoi)\s*$", view.norm[max(0, r[0] - 6):r[0]]) \
                or re.search(r"\btro (?:len|xuong)\b", view.norm[r[1]:m.start()]):
            continue  # "các đơn vị có từ 25 người đăng ký trở lên (90,0%)": a bound, no count with its share
        value = parse_percent(m.group(1) + "%")
        if value is None or value >= 100 or _PERCENT_AFTER.match(view.norm, m.end()) \
                or _SHARE_OF_GROUP.match(view.norm, m.end()):
            continue  # "520 đơn vị (104%)", "4.128 đơn vị, bằng 45,9% kế hoạch năm": the rate of the plan, no share;
            # "chiếm 86,2% số học sinh, sinh viên tham gia": a share of a group, not of all the donors
        whole = "don vi mau" if m.group(3) == "don vi" else m.group(3)  # "chiếm 21,8% số đơn vị tiếp nhận"
        whole = "ton vinh" if whole and whole.endswith("ton vinh") else whole
        if whole is None and (named := _WHOLE_BEFORE.search(view.clause_before(view.paragraph_at(r[0]), r[0]))):
            # "Trong số người hiến có 214 người hiến nhắc lại, chiếm 23,9%": a share of the donors the clause names
            whole = "hien mau" if named.group(1).startswith("hien") else named.group(1)
        attrs = {"year": f.attrs.get("year"), "of": f.id, "whole": whole}
        figs.add("share_percent", value, m.start(1), m.end(1), attrs=attrs, unit="%", label="chiếm tỷ lệ")
    # a group of the donors counted with its share (``đoàn viên thanh niên ... 378 người, chiếm 44,8% tổng số người
    # hiến``; ``lực lượng vũ trang 164 người, chiếm 19,5%``): the group's count (a part, about the group) and its share
    taken = {view.range_of(f.span)[0] for f in figs.items if view.range_of(f.span) is not None}
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        if p.plan or not (_BLOOD_CONTEXT.search(_topic_text(view, p, p.start)) or "nguoi hien" in seg
                          or _BLOOD_CONTEXT.search(_paragraphs_before(view, p, 3))):
            continue  # ("Tổng số đơn vị máu tiếp nhận ..." / ... / "Xét theo nhóm đối tượng, nhân dân ... 605 đơn vị")
        for m in _GROUP_SHARE.finditer(seg):
            at = p.start + m.start(1)
            value, share = parse_count(m.group(1)), parse_percent(m.group(2) + "%")
            if at in taken or not isinstance(value, int) or share is None or share >= 100 \
                    or _SHARE_OF_GROUP.match(seg, m.end()) \
                    or _CHANGE_BEFORE.search(view.norm[max(p.start, at - 25):at]) \
                    or _OTHER_USE_BROKEN_DOWN.search(view.sentence_before(p, at)) \
                    or _OTHER_USE_BEFORE.search(view.clause_before(p, at)[-50:]):
                continue  # "tăng 84 người (23,6%)": a change and its percent, no group's share; the parts of units
                # supplied ("cung cấp tổng cộng 30.805 đơn vị ..., trong đó khối hồng cầu 21.364 đơn vị (chiếm 70,0%)")
            year, _ = view.year_and_drive(p, at)
            tail = re.split(r"[,;:.()]", view.clause_before(p, at))[-1]
            words = re.match(r"\s*(.*?)(?:\s+(?:la|co|voi|gom|dat))?\s*$", tail)
            start = at - len(tail)
            group = normalize_ws(view.best(start + words.start(1), start + words.end(1))) or "nhóm"
            attrs = {"year": year, "drive_no": None, "plan": False, "about": group}
            if "don vi" in seg[m.end(1):m.start(2)]:  # "học sinh, sinh viên 212 đơn vị, chiếm 18,3%": the group's units
                count = figs.add("units_received", value, at, p.start + m.end(1), attrs=attrs, unit="đơn vị máu",
                                 label="đơn vị máu của nhóm")
            else:
                count = figs.add("participants", value, at, p.start + m.end(1), attrs=attrs, unit="người",
                                 label="nhóm người hiến máu")
            whole = m.group(3)
            if whole is None and _HONOURED_COUNTED.search(view.sentence_before(p, at)):
                whole = "ton vinh"  # "Thành phố Lai Châu có số người được tôn vinh nhiều nhất (59 người, chiếm 27,6%)"
            figs.add("share_percent", share, p.start + m.start(2), p.start + m.end(2),
                     attrs={"year": year, "of": count.id, "whole": whole}, unit="%", label="chiếm tỷ lệ")
    _named_shares(view, figs)


# a share named by its group with no count before it ("người hiến lần đầu chiếm 42,4% tổng số người hiến"): the group's
# count is written elsewhere in the paragraph ("Số người hiến máu lần đầu là 263 người")
_NAMED_SHARE = re.compile(r"(?:^|[,;:.]\s*)([^\d,;:.()%]{3,60}?)\s+chiem\s+(?:ty le\s+)?(\d{1,3}(?:,\d{1,2})?)\s*%"
                          r"(?:\s*(?:so|tong so|tren tong so)\s+(?:luot\s+)?(?:nguoi\s+)?"
                          r"(dang ky|tham gia|hien mau|hien|den|don vi mau|mau)\b)?")
# words any group of donors or units is named with: they tell no group from another
_GROUP_FILLER = frozenset("so nguoi luot hien mau tinh nguyen la co cac nhung don vi tong trong do toan".split())


def _group_words(text: str) -> frozenset[str]:
    return frozenset(match_form(text).split()) - _GROUP_FILLER


def _named_shares(view: View, figs: Figures) -> None:
    """``share_percent`` of a share named by its group alone, of the one count in the paragraph before it whose
    group shares the most words with the name (none when two tie or none shares one)."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        if p.plan:
            continue
        for m in _NAMED_SHARE.finditer(seg):
            name = _group_words(m.group(1))
            share = parse_percent(m.group(2) + "%")
            if not name or share is None or share >= 100:
                continue
            scored = []
            for f in figs.items:
                r = view.range_of(f.span)
                if f.kind not in _SHARE_OF or "table" in f.attrs or r is None or not f.attrs.get("about") \
                        or not p.start <= r[0] < p.start + m.start(1) or not isinstance(f.value, int):
                    continue
                scored.append((len(name & _group_words(str(f.attrs["about"]))), f))
            best = max((n for n, _ in scored), default=0)
            chosen = [f for n, f in scored if n == best]
            if best == 0 or len(chosen) != 1:
                continue
            figs.add("share_percent", share, p.start + m.start(2), p.start + m.end(2),
                     attrs={"year": chosen[0].attrs.get("year"), "of": chosen[0].id, "whole": m.group(3)}, unit="%",
                     label="chiếm tỷ lệ")


def _bracketed_aside(seg: str, at: int) -> bool:
    """A count inside brackets that is no step of its own ("(trong đó 12 người đăng ký lần đầu)"): "trong đó" in them."""
    opening = seg.rfind("(", 0, at)
    return opening >= 0 and seg.rfind(")", 0, at) < opening and "trong do" in seg[opening:at]


def _bracketed_breakdowns(view: View, figs: Figures) -> None:
    """Two or more amounts of units in the brackets right after an amount (``tiếp nhận 552 đơn vị máu (loại 350 ml:
    318 đơn vị, loại 250 ml: 234 đơn vị)``): its parts, each about what its item names before its colon (or after
    it: ``79 đơn vị loại 350 ml``), none the period's total."""
    for whole in [f for f in figs.items if f.kind in _UNITS_KINDS and "part_of" not in f.attrs]:
        r = view.range_of(whole.span)
        if r is None:
            continue
        m = _BRACKET_AFTER_AMOUNT.match(view.norm, r[1])
        if m is None:
            continue
        opening = m.end() - 1
        closing = view.norm.find(")", opening)
        if closing < 0:
            continue
        inside = [f for f in figs.items if f.kind == whole.kind and f is not whole and "part_of" not in f.attrs
                  and f.attrs.get("drive_no") == whole.attrs.get("drive_no")  # "(đợt 1: 37 đơn vị; ...)": drives'
                  and f.attrs.get("year") == whole.attrs.get("year")  # "(năm 2022 được giao 700 ...)": another year's
                  and (q := view.range_of(f.span)) is not None and opening < q[0] < closing]
        if len(inside) < 2:
            continue
        for f in inside:
            q = view.range_of(f.span)
            f.attrs["part_of"] = whole.id
            item = view.norm[max(opening + 1, view.norm.rfind(",", opening, q[0]) + 1, view.norm.rfind(";", opening, q[0]) + 1):q[0]]
            name = re.match(r"^\s*([^:]{2,40}?)\s*:\s*$", item)
            if name:
                at = q[0] - len(item) + name.start(1)
                f.attrs["about"] = normalize_ws(view.best(at, at + len(name.group(1))))
            else:
                f.attrs.setdefault("about", "trong ngoặc")


def _bracket_owner(h: Hit, figs: Figures):
    """The amount of units whose brackets, opened right after it, a number of units stands in; None elsewhere."""
    norm = h.view.norm
    opening = norm.rfind("(", h.p.start, h.start)
    if opening < 0 or norm.rfind(")", h.p.start, h.start) > opening:
        return None
    years = {int(y) for y in re.findall(r"\bnam ((?:19|20)\d\d)\b", norm[opening:h.start])}
    for f in figs.items:
        r = h.view.range_of(f.span)
        if f.kind in _UNITS_KINDS and r is not None and r[1] <= opening and \
                (m := _BRACKET_AFTER_AMOUNT.match(norm, r[1])) is not None and m.end() - 1 == opening:
            # "720 đơn vị máu (năm 2022 huyện được giao 700 đơn vị, thực hiện 752 đơn vị)": another year's, no parts
            return None if years - {f.attrs.get("year")} else f
    return None


# the words after an amount of units up to a bracket that opens right after it ("552 đơn vị máu (")
_BRACKET_AFTER_AMOUNT = re.compile(r"\s*(?:don\s+vi|dv)(?:\s+m[aeo]u)?(?:\s+toan phan)?\s*\(")  # "(máu) toàn phần": whole blood


# "tiếp nhận lần lượt 124 đơn vị (...), 163 đơn vị (...) và 150 đơn vị": amounts one after another, of things the
# sentence named before (drives, districts)
_RESPECTIVELY = re.compile(r"\blan luot\b")
_LISTED_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:don\s+vi|dv)\b")
_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)"
# numbers listed before the one the unit words follow: ``lần lượt thu được 112, 138 và 115 đơn vị``
_LISTED_RUN = re.compile(rf"(?<![\d.,]){_NUMBER}(?:\s*(?:,|va)\s*{_NUMBER})+\s*(?:don\s+vi|dv)\b")
_BARE_NUMBER = re.compile(rf"(?<![\d.,]){_NUMBER}(?![\d.,]\d)")


def _listed_amounts(seg: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the amounts of units listed in ``seg[start:end]`` are, in order (not inside brackets): each with its
    unit words, or in a run of numbers the last of which has them."""
    spots = {(a.start(1), a.end(1)) for a in _LISTED_AMOUNT.finditer(seg, start, end)}
    for run in _LISTED_RUN.finditer(seg, start, end):
        spots |= {(n.start(), n.end()) for n in _BARE_NUMBER.finditer(seg, run.start(), run.end())}
    return sorted(s for s in spots if seg.count("(", start, s[0]) <= seg.count(")", start, s[0]))


def _sentence_rest(text: str, at: int) -> int:
    """Where the sentence that goes on at ``at`` ends (a full stop or a semicolon outside brackets)."""
    depth = 0
    for i in range(at, len(text)):
        c = text[i]
        depth += (c == "(") - (c == ")")
        depth = max(depth, 0)
        if depth == 0 and (c == ";" or (c == "." and (i + 1 == len(text) or text[i + 1] in " \n"))):
            return i
    return len(text)


def _quotas_named_after(view: View, figs: Figures) -> None:
    """The quota a number of units received is set against after it (``tiếp nhận 86 đơn vị/chỉ tiêu 70``, ``34 đơn vị
    trên chỉ tiêu 30``): a quota of the same year, drive and unit as the amount."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        for m in _OVER_QUOTA_NAMED.finditer(seg):
            at, q_at = p.start + m.start(1), p.start + m.start(2)
            amount = next((f for f in figs.items if f.kind in _UNITS_KINDS and (r := view.range_of(f.span)) is not None
                           and r[0] == at), None)
            value = parse_count(m.group(2))
            if amount is not None and amount.kind == "units_quota" and not amount.attrs.get("plan"):
                # "có tỷ lệ vượt chỉ tiêu cao nhất với 548 đơn vị trên chỉ tiêu 450 đơn vị": the quota words before
                # are about the rate; the amount set against a quota named after it is what was received
                amount = figs.rekind(amount, "units_received", "máu tiếp nhận")
            if amount is None or not isinstance(value, int) or any(
                    (r := view.range_of(f.span)) is not None and r[0] == q_at for f in figs.items):
                continue
            attrs = {k: v for k, v in amount.attrs.items() if k in ("year", "drive_no", "plan", "about", "place_code")}
            figs.add("units_quota", value, q_at, p.start + m.end(2), attrs=attrs, unit="đơn vị máu", label="chỉ tiêu")


def _respective(view: View, figs: Figures) -> None:
    """Amounts of units listed after ``lần lượt`` (respectively): each of one of the things the sentence named
    before, none the period's total. When the sentence states as many drives (``tổ chức 04 đợt, tiếp nhận lần lượt
    124 đơn vị (...), 163 đơn vị (...) và 150 đơn vị``) they are those drives' amounts, in order; else parts (an
    ``about`` of their own)."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        for m in _RESPECTIVELY.finditer(seg):
            end = _sentence_rest(seg, m.end())
            amounts = _listed_amounts(seg, m.end(), end)
            if len(amounts) < 2:
                continue
            start = p.start + m.start() - len(view.sentence_before(p, p.start + m.start()))
            before = view.norm[start:p.start + m.start()]
            kind = "units_quota" if _QUOTA_WORDS.search(before[-UNITS_WORDS_REACH:]) and not \
                _RECEIVED_WORDS.search(before[-UNITS_WORDS_REACH:]) else "units_received"
            counts = [f for f in figs.items if f.kind == "drive_count" and not f.attrs.get("plan")
                      and (r := view.range_of(f.span)) is not None and start <= r[0] < p.start + m.start()]
            as_drives = bool(counts) and counts[-1].value == len(amounts)
            for i, (a_start, a_end) in enumerate(amounts):
                at, stop = p.start + a_start, p.start + a_end
                fig = next((f for f in figs.items if f.kind in _UNITS_KINDS and (r := view.range_of(f.span)) is not None
                            and r[0] == at), None)
                value = parse_count(seg[a_start:a_end])
                if fig is None:
                    if not isinstance(value, int):
                        continue
                    year, _ = view.year_and_drive(p, at)
                    fig = figs.add(kind, value, at, stop, attrs={"year": year, "drive_no": None, "plan": p.plan},
                                   unit="đơn vị máu", label="máu tiếp nhận" if kind == "units_received" else "chỉ tiêu")
                if as_drives:
                    fig.attrs["drive_no"] = i + 1
                    fig.attrs.pop("about", None)
                else:
                    fig.attrs.setdefault("about", "lần lượt")


# "tăng 12% so với cùng kỳ năm 2023", "giảm 3,5% so với năm trước": a rate of change of the amount before it
_CHANGE = re.compile(r"\b(tang|giam)(?: (?:them|khoang|gan|hon))?\s+(\d{1,3}(?:,\d{1,2})?)\s*%(?:\s*(?:so\s+voi|so)\s+"
                     r"(?:(cung\s*ky\s+)?(?:nam\s+((?:19|20)\d\d)|nam truoc)|(cung\s*ky)\b))?")
# "tăng 72 đơn vị (so với năm 2023)", "vượt 115 đơn vị so với chỉ tiêu", "vượt chỉ tiêu 40 đơn vị", "còn thiếu 60
# đơn vị so với kế hoạch": an amount of units more or less than an earlier year's or the quota
# the period compared with may stand between the word and the amount: "nhiều hơn cùng kỳ năm trước 86 đơn vị", "tăng
# so với năm 2023 là 86 đơn vị" (``_BETWEEN_YEAR`` reads its year); what was compared may be named before its year
# ("tăng 47 đơn vị so với Ngày hội năm 2023"; not a part of the year: "so với quý III năm trước")
_DIFF = re.compile(r"\b(tang|giam|vuot|(?<!toi )thieu|hut|nhieu hon|it hon)(?:\s+(?:so\s+voi\s+)?(?:cung\s*ky(?:\s+nam\s+(?:(?:19|20)\d\d|truoc))?"
                   r"|nam\s+(?:(?:19|20)\d\d|truoc))(?:\s+la)?(?=\s+\d))?"
                   r"(?: (?:chi tieu|ke hoach)(?: (?:duoc )?giao)?)?(?: (?:them|duoc|khoang|"
                   r"gan|hon|len|xuong))?\s+(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:don\s+vi|dv|tui)(?: m[aeo]u)?\b(?!\s*/)"
                   r"(?:\s*,?\s*(?:so\s+voi|so)\s+(?:(?:tong )?(chi tieu|ke hoach)|(?:(?!quy\b|thang\b|dot\b|ke hoach\b|chi tieu\b)[a-z]+\s+){0,3}?(cung\s*ky\s+)?(?:nam\s+((?:19|20)\d\d)|nam truoc)))?")
_QUOTA_NAMED = re.compile(r"\b(?:vuot|thieu|hut) (?:chi tieu|ke hoach)")
_SAME_PERIOD_NAMED = re.compile(r"\bso\s+voi\s+(?:cung\s*ky|nam\s+truoc)\b(?!\s+nam\s+(?:19|20)\d\d)")
_ASIDE_AFTER = re.compile(r"\s*\([^()%]*\)")  # the figure compared with, in brackets, between a change and its percent
_BETWEEN_YEAR = re.compile(r"\b(?:nam\s+((?:19|20)\d\d)|nam truoc|cung\s*ky)\b")
_RATIO_TO_YEAR = re.compile(r"\bbang\s+(\d{1,3}(?:,\d{1,2})?)\s*%\s*(?:(?:so\s+voi|so)\s+)?(?:cung\s*ky\s+)?"
                            r"(?:nam\s+((?:19|20)\d\d)|nam truoc)")  # "bằng 92,0% so với năm 2017", "bằng 109,6% năm 2023"
_COMPARED_LATER = re.compile(r"\s*[,(]?\s*(?:(?:tuong\s+(?:duong|ung)(?:\s+voi)?|bang|hay|tuc(?:\s+la)?|nghia\s+la)\s+)?(?:tang |giam )?"
                             r"(\d{1,3}(?:,\d{1,2})?)\s*%\s*\)?\s*(?:so\s+voi|so)\s+(?:cung\s*ky\s+)?(?:quy\s+[ivx1-4]+\s+)?"
                             r"(?:(?:ket qua|so lieu|thuc hien)\s+)?nam\s+((?:19|20)\d\d)")  # ("so với kết quả năm 2023")
_PERCENT_NEXT = re.compile(r"\s*[,(]\s*(?:(?:tuong\s+(?:duong|ung)(?:\s+voi)?|bang|hay|tuc(?:\s+la)?|nghia\s+la)\s+)?(?:tang |giam )?"
                           r"(\d{1,3}(?:,\d{1,2})?)\s*%(?!\s*(?:ke hoach|chi tieu))")
# ("So với Lễ hội Xuân hồng năm 2023 (...)": the same event of that year; not "so với kế hoạch năm 2024")
_COMPARED_BEFORE = re.compile(r"\bso\s+voi\s+(?:cung\s*ky\s+)?(?:(?!ke hoach|chi tieu|quy\b|thang\b|dot\b|sau thang|\d)[a-z]"
                              r"[^,;.()\d]{0,40}?\s)?nam\s+((?:19|20)\d\d)")  # not "so với quý II năm 2024": a period


def _ratio_not_change(seg: str, later):
    """``later`` unless it is the new amount as a percent of the old (``tăng 60 đơn vị, bằng 110,6%``): "bằng" and a
    hundred or more say so; that is no rate of change."""
    if later is None:
        return None
    value = parse_percent(later.group(1) + "%")
    return None if re.search(r"\bbang\b", seg[later.start():later.start(1)]) and value is not None and value >= 100 \
        else later


def _changes(view: View, figs: Figures) -> None:
    """A rise or fall against an earlier year, in percent (``tiếp nhận 2.150 đơn vị máu ..., tăng 12% so với cùng
    kỳ năm 2023 (1.920 đơn vị)``) or in units (``So với năm 2023 (980 đơn vị), tăng 72 đơn vị``), of the last
    amount of units received before it in its sentence: the change, the year compared with, and the amount
    compared with when brackets right after give it; and units over or short of the quota (``vượt 115 đơn vị so
    với chỉ tiêu``, ``vượt chỉ tiêu 40 đơn vị``)."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        for m in _RATIO_TO_YEAR.finditer(seg):  # "bằng 92,0% so với năm 2017": this year's amount over that year's
            at = p.start + m.start(1)
            of = _changed(view, figs, p, at)
            value = parse_percent(m.group(1) + "%")
            if of is None or value is None:
                continue
            year = of.attrs.get("year")
            compared = int(m.group(2)) if m.group(2) else (year - 1 if year is not None else None)
            figs.add("units_change_percent", value, at, p.start + m.end(1),
                     attrs=_change_attrs(view, figs, p, of, "ratio", compared, p.start + m.end()), unit="%",
                     label="bằng % so với năm trước")
        people = {pm.start(4) for pm in _PEOPLE_CHANGE.finditer(seg) if pm.group(4)}
        for m in _CHANGE.finditer(seg):
            at = p.start + m.start(2)
            if m.start(2) in people:
                continue  # "số người đăng ký tăng 7,5%": a change of people
            named = list(_COMPARED_BEFORE.finditer(view.sentence_before(p, at)))
            if m.group(4):
                compared = int(m.group(4))
            elif m.group(0).endswith(("nam truoc", "cung ky")):
                compared = None
            elif named:  # "So với năm 2023, số đơn vị máu tiếp nhận tăng 4,0%"
                compared = int(named[-1].group(1))
            else:
                continue  # a rise against nothing named (of the quota, of people, ...)
            of = _changed(view, figs, p, at)
            if of is None:
                continue
            if not m.group(0).rstrip().endswith(("nam truoc", "cung ky")) and not m.group(4) \
                    and _OTHER_COUNT.search(view.norm[max(view.range_of(of.span)[1],
                                                          at - len(view.sentence_before(p, at))):at]):
                continue  # a bare rise after a count of something else ("giảm từ 131 người xuống 115 người (giảm
                # 12,2%)"): theirs
            year = of.attrs.get("year")
            if compared is None:
                compared = year - 1 if year is not None else None
            if compared is not None and compared == year:
                continue  # "năm 2023 ... 2.158 đơn vị; như vậy năm 2024 tăng 9,2% so với năm 2023": not 2023's own change
            attrs = _change_attrs(view, figs, p, of, "rise" if m.group(1) == "tang" else "fall", compared,
                                  p.start + m.end())
            value = parse_percent(view.norm[p.start + m.start(2):p.start + m.end(2)] + "%")
            if value is not None:
                q = qualify(value, seg[m.end(1):m.start(2)])  # "tăng gần 40%": about, at most 40
                figs.add("units_change_percent", value, p.start + m.start(2), p.start + m.end(2), attrs=attrs,
                         unit="%", label="tăng/giảm so với năm trước", qualifier=q.qualifier, low=q.low, high=q.high)
        for m in _DIFF.finditer(seg):
            at = p.start + m.start(2)
            value = parse_count(m.group(2))
            of = _changed(view, figs, p, at, years_ok=True)
            if of is None and _QUOTA_NAMED.match(m.group(0)):
                # "tiếp nhận 675 đơn vị máu. Chỉ tiêu tỉnh giao là 650 đơn vị, ..., vượt chỉ tiêu 35 đơn vị": over the
                # quota is what the paragraph's amount received is over it, though the quota stands between them
                of = next((f for f in reversed(figs.items) if f.kind == "units_received" and not f.attrs.get("about")
                           and "part_of" not in f.attrs and f.attrs.get("drive_no") is None
                           and not f.attrs.get("plan") and (r := view.range_of(f.span)) is not None
                           and p.start <= r[0] < at), None)
            if of is None or not isinstance(value, int):
                continue
            tail = re.split(r"[,;:(]", view.norm[max(p.start, at - 60):at])[-1]
            if (part := _PART_NAMED_BEFORE.search(tail)) is not None and not of.attrs.get("about") and (
                    re.search(r"\b(?:trong do|rieng)\b", tail[:part.start()])
                    or len(set(_PART_NAMED_BEFORE.findall(view.norm[at - len(view.sentence_before(p, at)):at + 80]))) >= 2):
                continue  # "trong đó quý I tăng 12 đơn vị nhưng quý II giảm 04 đơn vị": a part's change, not the amount's
            if any(f.kind == "units_quota" and (r := view.range_of(f.span)) is not None and r[0] == at
                   for f in figs.items):
                continue  # "vượt chỉ tiêu 50 đơn vị máu huyện giao": the quota exceeded, not by how much
            if _QUOTA_GIVEN_AFTER.match(view.norm, p.start + m.end(2)) and "chi tieu" in m.group(0):
                continue  # (the same, read as no quota: "vượt chỉ tiêu 900 đơn vị tỉnh giao")
            word = m.group(1)
            quota = bool(m.group(3)) or bool(_QUOTA_NAMED.match(m.group(0))) or (word in ("vuot", "thieu", "hut")
                                                                               and not (m.group(4) or m.group(5))
                                                                               and not _BETWEEN_YEAR.search(seg, m.end(1), m.start(2)))
            direction = "rise" if word in ("tang", "vuot", "nhieu hon") else "fall"
            if quota and _names_a_part(view, p, at):
                continue  # "cụm Như Hòa còn thiếu 2 đơn vị": a part's shortfall, not the period's
            if quota:
                attrs = {"year": of.attrs.get("year"), "direction": direction, "of": of.id}
                if of.attrs.get("about"):
                    attrs["about"] = of.attrs["about"]  # over the quota of several years
                figs.add("units_over_quota", value, at, p.start + m.end(2), attrs=attrs, unit="đơn vị máu",
                         label="vượt/thiếu so với chỉ tiêu")
                continue
            year = of.attrs.get("year")
            against = None
            if view.report_year is not None and isinstance(year, int) and year < view.report_year \
                    and not (m.group(4) or m.group(5)) and (_THIS_YEAR.search(view.clause_before(p, at))
                                                           or f"nam {view.report_year}" in view.clause_before(p, at)):
                # "Năm 2022 huyện tiếp nhận 2.318 đơn vị; như vậy năm nay tăng 124 đơn vị": the amount before is the
                # year compared with, the change is this year's own amount's, stated earlier in the paragraph
                own = [f for f in figs.items if f.kind == "units_received" and f.attrs.get("year") == view.report_year
                       and f.attrs.get("drive_no") is None and not f.attrs.get("about") and "part_of" not in f.attrs
                       and not f.attrs.get("plan") and (r := view.range_of(f.span)) is not None and p.start <= r[0] < at]
                if not own:  # the year's one amount elsewhere in the report (its drives table's total row)
                    own = [f for f in figs.items if f.kind == "units_received" and f.attrs.get("year") == view.report_year
                           and f.attrs.get("drive_no") is None and not f.attrs.get("about") and "part_of" not in f.attrs
                           and not f.attrs.get("plan") and ("table" not in f.attrs or f.attrs.get("total_row"))]
                    if len({f.value for f in own}) != 1:
                        continue
                against, of, year = of, own[-1], view.report_year
            if against is not None:
                compared = against.attrs["year"]
            elif m.group(5):
                compared = int(m.group(5))
            elif (between := _BETWEEN_YEAR.search(seg, m.end(1), m.start(2))):
                compared = int(between.group(1)) if between.group(1) else (year - 1 if year is not None else None)
            elif (later := _COMPARED_LATER.match(seg, m.end())):
                compared = int(later.group(2))  # "tăng 59 đơn vị, tương đương 8,4% so với năm 2021 (583 đơn vị)"
                # (before a year named earlier in the sentence: "tăng 61 đơn vị so với năm 2022 và tăng 126 đơn vị
                # (31,3%) so với năm 2021")
            elif (named := list(_COMPARED_BEFORE.finditer(view.sentence_before(p, at)))):
                compared = int(named[-1].group(1))  # "So với năm 2023 (980 đơn vị), ... tăng 72 đơn vị"
            elif _SAME_PERIOD_NAMED.search(view.sentence_before(p, at)) and year is not None:
                compared = year - 1  # "1.026 đơn vị, so với cùng kỳ (918 đơn vị) tăng 118 đơn vị"
            elif m.group(3) is None and "nam truoc" not in m.group(0) and not m.group(4):
                continue  # a rise against nothing named
            else:
                compared = year - 1 if year is not None else None
            if _YEARS_ABOUT.match(str(of.attrs.get("about") or "")):
                continue  # a figure of several years compared with no one year
            attrs = _change_attrs(view, figs, p, of, direction, compared, p.start + m.end())
            if against is not None:
                attrs["against"] = against.id
            q = qualify(value, seg[m.end(1):m.start(2)])  # "tăng hơn 100 đơn vị": more than 100 ("nhiều hơn 12": 12)
            change = figs.add("units_change", value, at, p.start + m.end(2), attrs=attrs, unit="đơn vị máu",
                              label="tăng/giảm so với năm trước", qualifier=q.qualifier, low=q.low, high=q.high)
            after = (aside.end() if (aside := _ASIDE_AFTER.match(seg, m.end())) else m.end())  # "(quý IV/2021: 562)"
            later = _ratio_not_change(seg, _COMPARED_LATER.match(seg, after) or _PERCENT_NEXT.match(seg, after))
            pct_at = p.start + later.start(1) if later else None
            there = next((f for f in figs.items if f.kind == "units_change_percent" and "with" not in f.attrs
                          and (r := view.range_of(f.span)) is not None and r[0] == pct_at), None) if later else None
            if there is not None:  # "tăng 84 đơn vị, tức là tăng 14,9%": read on its own before, the same change
                there.attrs["with"] = change.id
                for key in ("year", "compared_year", "of"):  # (its years are the change's: "năm nay tăng ...")
                    if key in attrs:
                        there.attrs[key] = attrs[key]
            elif later and not any((r := view.range_of(f.span)) is not None and r[0] == pct_at for f in figs.items):
                # "tăng 562 đơn vị (11,0%) so với năm 2017", ", tương đương 5,8%": the same change in percent
                figs.add("units_change_percent", parse_percent(later.group(1) + "%"), pct_at, p.start + later.end(1),
                         attrs=dict(attrs) | {"with": change.id}, unit="%",
                         label="tăng/giảm so với năm trước")


# "số người đăng ký tăng 84 người (23,6%)", "số lượt người tham gia giảm 12 người, tương đương 3,1% so với năm 2022",
# "số người đăng ký tăng 7,5% so với cùng kỳ": a change of a count of people against an earlier year
_PEOPLE_CHANGE = re.compile(r"\bso (?:luot )?nguoi (dang ky|tham gia(?: hien mau)?|hien mau)\b[^\d;.()%]{0,30}?\b(tang|giam)"
                            r"(?: them)?\s+(?:(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:luot\s+)?nguoi\b|(\d{1,3}(?:,\d{1,2})?)\s*%)")
_BEFORE_IN_BRACKETS = re.compile(r"\s*\(\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:luot\s+)?nguoi\s*\)")
_COMPARED_AFTER = re.compile(r"[^;.]{0,20}?\bso\s+voi\s+(?:(cung\s*ky\s+)?nam\s+((?:19|20)\d\d)|nam truoc|cung\s*ky)")
_COUNTED = {"dang ky": "registered"}  # else: people taking part


def _people_changes(view: View, figs: Figures) -> None:
    """A rise or fall of a count of people against an earlier year (``So với cùng kỳ năm 2017, số người đăng ký tăng
    84 người (23,6%)``): the change in people and in percent, the year compared with (named before it in its
    sentence or after it, else ``năm trước`` / ``cùng kỳ``: the year before), and the count it is of when its
    paragraph gave it before (``402 lượt người đăng ký``). A change against nothing named is not read."""
    for p in view.paragraphs:
        seg = view.norm[p.start:p.end]
        for m in _PEOPLE_CHANGE.finditer(seg):
            counted = _COUNTED.get(m.group(1), "participants")
            at = p.start + m.start(3 if m.group(3) else 4)
            year, drive = view.year_and_drive(p, at)
            if drive is not None or year is None:
                continue
            named = list(_COMPARED_BEFORE.finditer(view.sentence_before(p, at)))
            after = _COMPARED_AFTER.match(seg, m.end() if m.group(3) is None else
                                          ((_PERCENT_NEXT.match(seg, m.end()) or m).end()))
            before = None
            if named:
                compared = int(named[-1].group(1))
                sentence = view.sentence_before(p, at)
                bracket = _BEFORE_IN_BRACKETS.match(sentence, named[-1].end())
                before = parse_count(bracket.group(1)) if bracket else None  # "So với năm 2022 (271 người), ..."
            elif after:
                compared = int(after.group(2)) if after.group(2) else year - 1
            else:
                continue
            if compared >= year:
                continue
            steps = ("registered",) if counted == "registered" else ()
            of = next((f for f in reversed(figs.items)
                       if ((f.kind == "screening" and f.attrs.get("step") in steps)
                           or (f.kind == "participants" and counted == "participants"))
                       and f.attrs.get("year") == year and f.attrs.get("drive_no") is None
                       and not f.attrs.get("about") and "part_of" not in f.attrs
                       and (r := view.range_of(f.span)) is not None and p.start <= r[0] < at), None)
            attrs = {"year": year, "direction": "rise" if m.group(2) == "tang" else "fall", "compared_year": compared,
                     "counted": counted}
            if of is not None:
                attrs["of"] = of.id
            if isinstance(before, int) and before > 0:
                attrs["before"] = before
            if m.group(4):  # the change in percent alone
                figs.add("people_change_percent", parse_percent(m.group(4) + "%"), at, p.start + m.end(4),
                         attrs=attrs, unit="%", label="tăng/giảm số người so với năm trước")
                continue
            change = figs.add("people_change", parse_count(m.group(3)), at, p.start + m.end(3), attrs=attrs,
                              unit="người", label="tăng/giảm số người so với năm trước")
            later = _ratio_not_change(seg, _PERCENT_NEXT.match(seg, m.end()))
            if later:  # "tăng 84 người (23,6%)", ", tương đương 23,6%": the same change in percent
                figs.add("people_change_percent", parse_percent(later.group(1) + "%"), p.start + later.start(1),
                         p.start + later.end(1), attrs=dict(attrs) | {"with": change.id}, unit="%",
                         label="tăng/giảm số người so với năm trước")


_THIS_YEAR = re.compile(r"\bnam nay\b")  # "So với năm 2018 (1 460 đơn vị), năm nay tiếp nhận nhiều hơn 180 đơn vị"
_A_CHANGE = re.compile(r"\b(?:tang|giam|vuot|thieu|hon)\s+[\d.,]+\s*(?:don vi|%)?")  # "tăng 64 đơn vị, bằng ..."
_BRACKETED_TEXT = re.compile(r"\([^()]*\)")
_YEAR_WORDS = re.compile(r"\bnam (?:19|20)\d\d\b")
_RATE_WORDS = re.compile(r"\bdat\s+\d{1,3}(?:,\d+)?\s*%")  # "Cả năm đạt 101,7% chỉ tiêu; so với năm 2023 ... tăng": no amount
_NAMES_ITS_YEAR = re.compile(r"^\W*(?:trong |rieng )?nam (?:19|20)\d\d\b")  # a sentence about one year: "Năm 2023 là ..."
_YEARS_ABOUT = re.compile(r"^(?:19|20)\d\d - (?:19|20)\d\d$")  # the ``about`` of a figure of several years


_BODY_WORDS = re.compile(r"^(?:[a-z]+ ){1,3}?(?=(?:truc tiep|tiep nhan|thu|lay|van dong|da|duoc)\b)")


def _names_body(sentence: str, about: str) -> bool:
    """A sentence naming the body (two words or more) a part's ``about`` opens with (``Bệnh viện`` of ``Bệnh viện
    trực tiếp tiếp nhận``)."""
    m = _BODY_WORDS.match(normalize_ws(match_form(about).lower()) + " ")
    body = m.group().strip() if m else ""
    return len(body.split()) >= 2 and re.search(r"\b" + re.escape(body) + r"\b", sentence) is not None


def _changed(view: View, figs: Figures, p: Paragraph, at: int, years_ok: bool = False):
    """The amount of units received a change at ``at`` is of: the last one before it in its sentence (in its
    paragraph when the sentence has none), no aside in brackets, the period's own (no part, no drive; with
    ``years_ok`` also one of several years: ``sau 5 năm ... tiếp nhận 3.530 đơn vị, vượt 180 đơn vị so với tổng chỉ
    tiêu``); None when the last amount before it is no such one."""
    start = at - len(view.sentence_before(p, at))
    units = [(r[0], f) for f in figs.items if f.kind in _UNITS_KINDS and (r := view.range_of(f.span)) is not None
             and start <= r[0] < at and not _bracketed(view, p, r[0])]
    sentence = view.sentence_before(p, at)
    against = _COMPARED_BEFORE.search(sentence)  # "So với năm 2023 (742 đơn vị), số đơn vị máu tiếp nhận tăng 64 ..."
    this_year = _THIS_YEAR.search(sentence) or (against is not None and view.report_year is not None
                                                and int(against.group(1)) < view.report_year)
    own_year = not units and (_NAMES_ITS_YEAR.match(sentence) or this_year) \
        and not re.search(r"\d", _RATE_WORDS.sub(" ", _YEAR_WORDS.sub(" ", _A_CHANGE.sub(" ", _BRACKETED_TEXT.sub(" ", sentence)))))
    if against is not None and units and all(f.attrs.get("year") == int(against.group(1)) for _, f in units):
        # "So với năm 2021, khi xã tiếp nhận 58 đơn vị máu, kết quả năm 2022 tăng 15 đơn vị": the amounts before it
        # are the year compared with; the change is of the year its clause names (its own amount, stated before)
        units, own_year = [], view.year_and_drive(p, at)[0] != int(against.group(1))
    if not units and not own_year:
        # "... tiếp nhận 1.052 đơn vị máu. So với năm 2023 (980 đơn vị), tăng 72 đơn vị": the sentence before
        units = [(r[0], f) for f in figs.items if f.kind == "units_received" and (r := view.range_of(f.span))
                 is not None and p.start <= r[0] < start and not _bracketed(view, p, r[0])]
    if own_year:
        # "Năm 2023 là năm có kết quả cao nhất ..., tăng 574 đơn vị so với năm 2022": that year's own amount
        year = view.report_year if this_year else view.year_and_drive(p, at)[0]
        if this_year and against is not None and (opens := view.opening_year(p)) is not None \
                and int(against.group(1)) < opens < (view.report_year or opens + 1):
            year = opens  # "Năm 2023, ... 468 đơn vị ... So với năm 2022, ... tăng 56 đơn vị": the paragraph's year's
        # "Lũy kế 9 tháng đầu năm 2024, toàn tỉnh tiếp nhận 10.486 đơn vị ... So với cùng kỳ năm 2023 (9.872 đơn vị),
        # tăng 614 đơn vị": the amount of that year the paragraph gave last before the sentence, to date
        said = [f for f in figs.items if f.kind == "units_received" and f.attrs.get("year") == year
                and year is not None and f.attrs.get("drive_no") is None and "part_of" not in f.attrs
                and not f.attrs.get("plan") and "table" not in f.attrs
                and (not f.attrs.get("about") or match_form(str(f.attrs["about"])).lower().startswith("luy ke"))
                and (r := view.range_of(f.span)) is not None and p.start <= r[0] < start
                and not _bracketed(view, p, r[0])]
        if said:
            units = [(-1, said[-1])]
    if own_year and not units:
        # "... Bệnh viện trực tiếp tiếp nhận 7.412 đơn vị ... So với năm 2022 (6.905 đơn vị), số máu Bệnh viện tiếp
        # nhận tăng 507 đơn vị": the part whose body the sentence names, not the whole it is part of
        named = [f for f in figs.items if f.kind == "units_received" and f.attrs.get("year") == year
                 and year is not None and "part_of" in f.attrs and f.attrs.get("drive_no") is None
                 and not f.attrs.get("plan") and (r := view.range_of(f.span)) is not None and r[0] < at
                 and _names_body(match_form(sentence).lower(), str(f.attrs.get("about") or ""))]
        if len(named) == 1:
            return named[0]
        own = [f for f in figs.items if f.kind == "units_received" and f.attrs.get("year") == year and year is not None
               and f.attrs.get("drive_no") is None and "part_of" not in f.attrs
               and not f.attrs.get("plan") and "table" not in f.attrs
               and (r := view.range_of(f.span)) is not None and r[0] < at]  # stated before it is compared
        # the period's own amount; else the months' a report of them gives ("6 tháng đầu năm 2022 ... 400 đơn vị")
        own = [f for f in own if not f.attrs.get("about")] or \
            [f for f in own if _PART_OF_YEAR_ABOUT.match(match_form(str(f.attrs["about"])).lower())]
        if own:
            # several: the year's total is the largest (the others are drives or parts the text did not name so)
            units = [(-1, max(own, key=lambda f: f.value if isinstance(f.value, (int, float)) else 0))]
    if not units:
        return None
    of = max(units, key=lambda u: u[0])[1]  # the last by place (figures are kept in the order they were found)
    if of.kind == "units_quota" and (r := view.range_of(of.span)) is not None and view.norm[r[0] - 1:r[0]] == "/":
        # "thu được 623/565 đơn vị ..., tăng 29 đơn vị": the amount received, not the quota it is over
        of = next((f for _, f in sorted(units, key=lambda u: u[0], reverse=True) if f.kind == "units_received"), of)
    about = str(of.attrs.get("about") or "")
    if of.kind != "units_received" or (about and not (years_ok and _YEARS_ABOUT.match(about))
                                       and not _PART_OF_YEAR_ABOUT.match(match_form(about).lower())
                                       and not match_form(about).lower().startswith("luy ke")) \
            or "part_of" in of.attrs \
            or of.attrs.get("drive_no") is not None:
        return None
    return of


def _change_attrs(view: View, figs: Figures, p: Paragraph, of, direction: str, compared, end: int) -> dict:
    """A change's attributes; the amount compared with when it stands in the brackets right after the change."""
    attrs = {"year": of.attrs.get("year"), "direction": direction, "compared_year": compared, "of": of.id}
    against = next((f for f in figs.items if f.kind == "units_received" and f.attrs.get("year") == compared
                    and (r := view.range_of(f.span)) is not None and end <= r[0] <= end + 40
                    and _bracketed(view, p, r[0])), None)
    if against is not None:
        attrs["against"] = against.id
    return attrs


# "đạt 112,59." where OCR read the % as 9 (or 96): checked against the pair the same sentence gives
_PERCENT_AS_NINE = re.compile(r"\bdat\s+(\d{1,3}(?:,\d)?)(96|9)(?=[ .;,]|$)(?!\s*%)")


def _percent_sign_misread(view: View, figs: Figures) -> None:
    """A rate after ``đạt`` whose ``%`` OCR read as ``9`` (``112,59``): taken as the rate (112,5%) only when the
    units received and the quota written in the same paragraph give exactly that rate at the decimals written,
    at reduced confidence. A rate no pair confirms stays unread."""
    have = {(f.span.page, f.span.line, f.span.start) for f in figs.items if f.kind == "percent_of_plan"}
    for m in _PERCENT_AS_NINE.finditer(view.norm):
        p = view.paragraph_at(m.start())
        units = [f for f in figs.items if f.kind in ("units_received", "units_quota") and not f.attrs.get("plan")
                 and (rng := view.range_of(f.span)) is not None and p.start <= rng[0] < m.start()]
        received = [f for f in units if f.kind == "units_received"]
        quota = [f.value for f in units if f.kind == "units_quota"]
        if not received or not quota or not quota[-1]:
            continue
        written = m.group(1)
        decimals = len(written.split(",")[1]) if "," in written else 0
        value = parse_percent(written + "%")
        if value is None or abs(round(100 * received[-1].value / quota[-1], decimals) - value) > 1e-9:
            continue
        span = view.span(m.start(1), m.end(1))
        if (span.page, span.line, span.start) in have:
            continue
        year, drive = view.year_and_drive(p, m.start(1))
        attrs = {"year": year, "drive_no": drive}
        if received[-1].attrs.get("about"):  # the rate of the pair that confirms it: of a district, say
            attrs["about"] = received[-1].attrs["about"]
        figs.add("percent_of_plan", value, m.start(1), m.end(1), attrs=attrs,  # the "9" is the sign's, no digit
                 unit="%", label="so với kế hoạch", confidence=0.7)


# A report about one drive names it in its opening: "tổ chức hiến máu tình nguyện đợt I năm 2024", or its title
# names the one event ("Kết quả tổ chức Ngày hội hiến máu tình nguyện tại xã ...").
_ONE_DRIVE = re.compile(r"\bdot\s+(?:thu\s+)?(\d{1,2}|i{1,3}|iv|v|nhat|hai|ba)\b(\s*(?:,|va\b|den\b|-))?")
_ONE_EVENT = re.compile(r"\bngay hoi hien mau\b")
_EVENT_DATE = re.compile(r"\b(?:dien ra|duoc to chuc|to chuc)\b[^.;]{0,40}?\bngay\s*$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
OPENING = 600  # characters after the title where a report names the drive it is about
_SINGLE_KINDS = ("units_received", "units_quota", "percent_of_plan", "participants")


def _single_drive(view: View, figs: Figures, doc: Document) -> None:
    """A report of one drive (a commune's report of its blood-donation day): no figure names a drive, no count
    of drives is written, and the title or the opening names one drive (``đợt I năm 2024``) or one event
    (``Ngày hội hiến máu``). Its year figures are then also that drive's (the same spans), the drive count is
    1 (on the words that name the drive), and the date the event took place (``diễn ra vào sáng ngày
    05/4/2024``) is the drive's date."""
    if any(f.attrs.get("drive_no") is not None or f.kind == "drive_count" for f in figs.items):
        return
    year = doc.identity.report_year
    title = match_form(doc.identity.title or "")
    start = view.norm.find(title[:40]) if title else -1
    opening = view.norm[max(start, 0):max(start, 0) + len(title) + OPENING]
    mentions = list(_ONE_DRIVE.finditer(opening))
    if any(m.group(2) for m in mentions):
        return  # "đợt I và đợt II", "đợt 1, 2": more than one drive
    named = {_ordinal(m.group(1)) for m in mentions}
    if len(named) == 1 and None not in named:
        no, m = named.pop(), _ONE_DRIVE.search(opening)
        where = (max(start, 0) + m.start(), max(start, 0) + m.end())
    elif _ONE_EVENT.search(title) and start >= 0:
        no, m = 1, _ONE_EVENT.search(view.norm, start)
        where = (m.start(), m.end())
    else:
        return
    totals, values = {}, {}
    for f in figs.items:
        a = f.attrs
        if (f.kind in _SINGLE_KINDS and a.get("year") in (None, year) and not a.get("plan")
                and not any(a.get(k) for k in ("about", "part_of", "what", "table"))):
            totals.setdefault(f.kind, f)
            values.setdefault(f.kind, set()).add(f.value)
    # a kind given twice with different values ("126 người đến đăng ký", "Số người hiến máu là 107 người") names no
    # one figure of the drive
    totals = {k: f for k, f in totals.items() if len(values[k]) == 1}
    if "units_received" not in totals:
        return
    figs.add("drive_count", 1, *where, attrs={"year": year, "plan": False}, label="số đợt")
    for kind, f in totals.items():
        rng = view.range_of(f.span)
        if rng is None:
            continue
        attrs = {**{k: v for k, v in f.attrs.items() if k in ("year",)}, "year": year, "drive_no": no}
        if kind != "percent_of_plan":
            attrs["plan"] = False
        figs.add(kind, f.value, *rng, attrs=attrs, unit=f.unit, label=f"đợt {no}", confidence=f.confidence)
    for d in find_dates(view.norm, 0):
        if d.month is not None and _EVENT_DATE.search(view.norm[max(0, d.start - 60):d.start]):
            figs.add("drive_date", d.iso(year), d.start, d.end,
                     attrs={"year": year, "drive_no": no, "status": "held"}, label="ngày tổ chức")
            break


def _ordinal(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _ROMAN.get(word) or {"nhat": 1, "hai": 2, "ba": 3}.get(word)


_LABEL_DATE = re.compile(r"^[#*+\-\s~–—•·]*dot\s*\w{1,8}\s*(?:\(\s*|[:,\-–]\s*)(?:ngay\s*)?(?=\d)")


def _labelled_drive_dates(view: View, figs: Figures) -> None:
    """The date right after a drive's label (``+ Đợt 1 (14/6/2024), Ngày hội ...: chỉ tiêu 220``) is its date,
    when the drive has none yet."""
    dated = {(f.attrs.get("year"), f.attrs.get("drive_no")) for f in figs.items if f.kind == "drive_date"}
    for p in view.paragraphs:
        if p.drive_no is None:
            continue
        text = view.norm[p.start:p.end]
        m = _LABEL_DATE.match(text)
        found = find_dates(text[m.end():m.end() + 12], p.start + m.end()) if m else []
        if not found or found[0].start != p.start + m.end() or found[0].month is None:
            continue
        d = found[0]
        year, drive = view.year_and_drive(p, d.start)
        if drive is None or (year, drive) in dated:
            continue
        planned = p.plan or bool(_PLANNED.search(view.para_norm(p)))
        figs.add("drive_date", d.iso(year), d.start, d.end,
                 attrs={"year": year, "drive_no": drive, "status": "planned" if planned else "held"},
                 label="ngày tổ chức")


_DRIVE_LIST = re.compile(r"\bcac dot\b[^:.;]{0,60}:")  # "dự kiến tổ chức các đợt hiến máu tập trung: ..."


# "tổ chức 3 đợt hiến máu tập trung vào các ngày 14/02, 09/6 và 25/10/2022", "02 đợt lấy máu, cụ thể: ngày ...",
# "03 đợt (ngày 10/3/2024, ngày 18/7/2024 và ngày 05/11/2024)"
_COUNTED_LIST = re.compile(r"\b(\d{1,2}|hai|ba|bon|nam|sau)\)? dot\b[^.;:]{0,60}?"
                           r"(?:cu the\s*:|:|\bvao (?:cac )?ngay\b|\((?=\s*(?:vao )?(?:cac )?ngay\b))")


_UNCOUNTED_LIST = re.compile(r"\bcac dot\b[^.;:]{0,60}?\bvao (?:cac )?ngay\b")


def _listed_drives(view: View, figs: Figures) -> None:
    """Drives listed in one sentence without numbers (``các đợt ...: “A” ngày 24/02/2024; “B” ngày 14/6/2024;
    ...``): each item with a date is a drive, numbered in order; its quoted name is its campaign. After a count
    of drives (``3 đợt ... vào các ngày 14/02, 09/6 và 25/10/2022``), as many dates as drives are theirs."""
    if any(f.kind == "drive_date" for f in figs.items):
        return  # the drives are numbered elsewhere
    for p in view.paragraphs:
        text = view.norm[p.start:p.end]
        m = _DRIVE_LIST.search(text)
        if m is None:
            _counted_dates(view, figs, p, text)
            continue
        end = text.find(". ", m.end())
        items = text[m.end():end if end > 0 else len(text)].split(";")
        planned = p.plan or bool(_PLANNED.search(text))
        pos, no = p.start + m.end(), 0
        for item in items:
            found = find_dates(item)
            if found:
                no += 1
                d = found[0]
                year = d.year or view.year_and_drive(p, pos + d.start)[0]
                figs.add("drive_date", d.iso(year), pos + d.start, pos + d.end,
                         attrs={"year": year, "drive_no": no, "status": "planned" if planned else "held"},
                         label="ngày tổ chức")
                q = _QUOTED.search(view.text[pos:pos + len(item)])
                if q:
                    figs.add("drive_campaign", normalize_ws(q.group(1)), pos + q.start(1), pos + q.end(1),
                             attrs={"year": year, "drive_no": no, "plan": planned}, label="chương trình")
            pos += len(item) + 1


# a paragraph that introduces drives in a list: "tổ chức các đợt hiến máu như sau:", "tổ chức 3 đợt hiến máu:"
_DRIVES_INTRO = re.compile(r"\bdot\b[^.;:]{0,80}:\W*$")
_DRIVE_FIGURES = ("units_received", "units_quota", "participants", "percent_of_plan")


# "Đợt đông người tham gia nhất là Ngày hội ... ngày 14/6/2024 với 1.102 đơn vị máu, tiếp đến là Lễ hội Xuân hồng
# ... với 905 đơn vị máu": one drive singled out (the largest, the next), not the period's total
_ONE_DRIVE_SINGLED = re.compile(r"\b(?:dot|ngay hoi|le hoi|chuong trinh|su kien)\b[^.;]{0,60}\b(?:nhat|dan dau)\b|"
                                r"\btiep (?:den|theo|sau)(?: do)? la\b|\bsau do la\b")


# "Đợt ngày 14/6/2024 ... có lượng máu tiếp nhận cao nhất (510 đơn vị)": a drive named by its day
_DRIVE_OF_DAY = re.compile(r"\bdot (?:hien mau |lay mau )?(?:ngay|vao ngay)\s+(\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)")


_SAME_MONTHS = re.compile(r"\bcung\s*ky\b(?:\s+nam\s+(?:19|20)\d\d)?")


def _same_months_before(view: View, figs: Figures) -> None:
    """An earlier year's amount whose clause opens on the same months of that year (``Cùng kỳ năm 2023, huyện tiếp
    nhận 598 đơn vị``): those months', not that year's total."""
    for f in figs.items:
        a = f.attrs
        if f.kind != "units_received" or a.get("about") or a.get("drive_no") is not None \
                or view.report_year is None or not isinstance(a.get("year"), int) or a["year"] >= view.report_year \
                or (r := view.range_of(f.span)) is None:
            continue
        p = view.paragraph_at(r[0])
        clause = view.clause_before(p, r[0])
        if (m := _SAME_MONTHS.search(clause)) is not None and not _CHANGE_WORDS.search(clause[:m.start()]):
            base = r[0] - len(clause)
            a["about"] = normalize_ws(view.best(base + m.start(), base + m.end()))


def _one_drive_named(view: View, figs: Figures) -> None:
    """A figure its clause gives to one drive singled out (the one with the most donors, the next one; the drive of
    a day the report lists) is about that drive, not the period's total."""
    days = {str(f.value): f.attrs.get("drive_no") for f in figs.items if f.kind == "drive_date"
            and f.attrs.get("status") == "held" and f.attrs.get("drive_no")}
    for f in figs.items:
        a = f.attrs
        if f.kind not in ("units_received", "participants") or a.get("drive_no") is not None or a.get("about") \
                or "table" in a or (r := view.range_of(f.span)) is None:
            continue
        p = view.paragraph_at(r[0])
        clause = view.clause_before(p, r[0])
        if (named := list(_DRIVE_OF_DAY.finditer(clause))) and (found := find_dates(named[-1].group(1))):
            year = found[0].year or a.get("year")
            if (no := days.get(found[0].iso(year))) is not None:
                a["drive_no"] = no
                continue
            a["about"] = "một đợt"
        elif _ONE_DRIVE_SINGLED.search(clause):
            a["about"] = "một đợt"


# what a sentence says of the period as a whole: its figures are no one drive's
_PERIOD_WHOLE = re.compile(r"\b(?:ca nam|tong cong|tong so|cong ca|ca (?:hai|ba|bon|\d) dot|cac dot|toan (?:huyen|tinh|xa)|"
                           r"luy ke)\b")


def _drive_paragraphs(view: View, figs: Figures) -> None:
    """A paragraph that opens with a day and names one drive held then (``Ngày 18/3/2023, xã ... tổ chức đợt hiến máu
    thứ nhất tại ... Có 47 người đăng ký, ... tiếp nhận 42 đơn vị máu``): the figures of its later sentences that
    name no drive are that drive's, unless a sentence speaks of the period as a whole."""
    for p in view.paragraphs:
        text = view.para_norm(p)
        if not _OPENS_DATED.match(text) or _PLANNED.search(text):
            continue
        named = {parse_ordinal(m.group(1) or m.group(2)) for m in INLINE_DRIVE.finditer(text)}
        if len(named) != 1 or None in named:
            continue
        no = named.pop()
        for f in figs.items:
            if f.kind not in _DRIVE_FIGURES + ("screening",) or f.attrs.get("drive_no") is not None \
                    or "part_of" in f.attrs or "table" in f.attrs or (r := view.range_of(f.span)) is None \
                    or not p.start <= r[0] < p.end:
                continue
            if f.attrs.get("about") and not _held_at(view, p, f):
                continue
            if _PERIOD_WHOLE.search(view.sentence_before(p, r[0]) + view.norm[r[0]:view.sentence_end(p, r[0])]):
                continue
            _give_to_drive(f, no)


def _give_to_drive(f, no: int) -> None:
    """``f`` is drive ``no``'s figure: the place its clause names is where the drive was held, no unit's figure."""
    f.attrs["drive_no"] = no
    f.attrs.pop("about", None)
    f.attrs.pop("place_code", None)


def _item_mark(text: str) -> str:
    """The kind of mark a list item opens with: the bullet itself, or ``1`` / ``a`` for a numbered or lettered one."""
    m = re.match(r"\s*(?:([-+*•~–—·])|\(?\d{1,2}[.)]|\(?[a-zđ]\))", text.lower())
    return "" if m is None else m.group(1) or ("1" if any(c.isdigit() for c in m.group()) else "a")


_ITEM_MONTH = re.compile(r"^\W*(?:[a-zđ]\)|\d{1,2}[.)]|[-+*•])?\s*thang\s+\d{1,2}\b")


# "số đơn vị tiếp nhận là 102": the amount received after its label, the unit word before the number
_RECEIVED_LABELLED = re.compile(r"\bso (?:luong )?(?:don vi|dv)(?: m[aeo]u)? (?:duoc )?(?:tiep nhan|thu duoc)(?: duoc)?"
                                r"\s*(?:la|:|dat)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d,]|\s*(?:%|don vi|dv|nguoi|luot))")


def _labelled_received(view: View, figs: Figures) -> None:
    """An amount received written after its label (``số đơn vị tiếp nhận là 102.``), which the hits (a number
    followed by its unit) do not read: units received, with the year and drive of where it stands."""
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _RECEIVED_LABELLED.finditer(view.norm):
        at = m.start(1)
        value = parse_count(m.group(1))
        if at in taken or not isinstance(value, int):
            continue
        p = view.paragraph_at(at)
        year, drive = view.year_and_drive(p, at)
        figs.add("units_received", value, at, m.end(1), attrs={"year": year, "drive_no": drive, "plan": bool(p.plan)},
                 unit="đơn vị máu", label="máu tiếp nhận")


def _drive_items(view: View, figs: Figures) -> None:
    """List items under a paragraph that introduces drives, each with its date and figures of its own and no
    drive number (``- Tại xã Mường Khoa ngày 14/6/2023: 132 người hiến máu, tiếp nhận 132 đơn vị máu.``): each
    item is a drive, numbered in order, and its figures are that drive's, not the year's."""
    paras = view.paragraphs
    for k, p in enumerate(paras):
        if not _DRIVES_INTRO.search(view.para_norm(p).rstrip()):
            continue
        items = []
        for q in paras[k + 1:]:
            if not starts_item(view.text[q.start:q.end]) \
                    or items and _item_mark(view.text[q.start:q.end]) != _item_mark(view.text[items[0].start:items[0].end]):
                break  # a list of "- ..." ends at the heading "2. Kết quả chung"
            items.append(q)
        dated = [(q, find_dates(view.norm[q.start:q.end], q.start)) for q in items]
        # items named by their month alone ("a) Tháng 4, tại Ban CHQS huyện Trùng Khánh: 94 lượt người hiến;")
        monthly = [bool(_ITEM_MONTH.match(view.norm[q.start:q.end])) for q in items]
        inside = [[f for f in figs.items if f.kind in _DRIVE_FIGURES and (r := view.range_of(f.span)) is not None
                   and q.start <= r[0] < q.end] for q in items]
        if len(items) < 2 or not all(d or m for (_, d), m in zip(dated, monthly)) or not all(inside) \
                or any(f.attrs.get("drive_no") is not None or (f.attrs.get("about") and not _held_at(view, q, f)
                                                               and not (m and _ITEM_MONTH.match(match_form(str(f.attrs["about"])).lower())))
                       for q, fs, m in zip(items, inside, monthly) for f in fs):
            continue
        planned = p.plan or bool(_PLANNED.search(view.para_norm(p)))
        for no, ((q, found), fs) in enumerate(zip(dated, inside), 1):
            for f in fs:
                _give_to_drive(f, no)
            if not found:
                continue  # a month's drive: no day to give it
            d = found[0]
            year = d.year or view.year_and_drive(q, d.start)[0]
            if not any(f.kind == "drive_date" and f.attrs.get("drive_no") == no for f in figs.items):
                figs.add("drive_date", d.iso(year), d.start, d.end,
                         attrs={"year": year, "drive_no": no, "status": "planned" if planned else "held"},
                         label="ngày tổ chức")


# a part of the year the drives a sentence lists belong to ("Hai đợt của quý IV", "các đợt trong 6 tháng cuối năm")
_PERIOD_OF_DRIVES = re.compile(r"\bquy\s+(?:[ivx]+|[1-4])\b|\b(?:\d{1,2}|sau|ba|chin) thang (?:dau|cuoi) nam\b")
# an amount of blood in a part of a sentence that lists drives: "tại xã Phượng Sơn ngày 19/4 được 198 đơn vị"
_PART_UNITS = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:don vi|dv|tui)\b(?:\s+mau)?")
_PART_FIGURES = _DRIVE_FIGURES + ("screening",)


def _drive_parts(view: View, figs: Figures) -> None:
    """A sentence that lists held drives in parts set off by ``;``, one date in each (``tổ chức 5 đợt lấy máu: tại
    thị trấn Chũ ngày 08/3 tiếp nhận 236 đơn vị; tại xã Phượng Sơn ngày 19/4 được 198 đơn vị; ...``): each part's
    figures are its drive's, not the year's, and a part's lone amount of units is what its drive received."""
    dated = sorted(((r, f) for f in figs.items if f.kind == "drive_date" and f.attrs.get("drive_no")
                    and f.attrs.get("status") == "held" and (r := view.range_of(f.span)) is not None),
                   key=lambda x: x[0])
    by_sentence: dict[tuple[int, int], list] = {}
    for r, f in dated:
        p = view.paragraph_at(r[0])
        start = r[0] - len(view.sentence_before(p, r[0]))
        by_sentence.setdefault((start, view.sentence_end(p, r[0])), []).append((r, f))
    for (start, end), ds in by_sentence.items():
        if len(ds) < 2 or [f.attrs["drive_no"] for _, f in ds] != list(range(ds[0][1].attrs["drive_no"],
                                                                             ds[0][1].attrs["drive_no"] + len(ds))):
            continue
        colon = view.norm.rfind(":", start, ds[0][0][0])
        lo = colon + 1 if colon >= 0 else start
        period = _PERIOD_OF_DRIVES.search(view.norm, start, lo) if colon >= 0 else None
        if period is not None and _PERIOD_OF_DRIVES.search(match_form(view.doc.identity.period or "")) is None:
            # "Hai đợt của quý IV diễn ra ...: ngày 15/11 ... 168 đơn vị và ngày 12/12 ... 184 đơn vị" in a year
            # report: a quarter's drives, not all the year's
            period = view.best(period.start(), period.end())
        else:
            period = None
        cuts = [lo] + [lo + m.start() + 1 for m in re.finditer(";", view.norm[lo:end])] + [end + 1]
        for (r0, _), (r1, _) in zip(ds, ds[1:]):  # the last two joined by "và": "...; tại A ngày 12/10 được 187
            # đơn vị và tại B ngày 07/12 được 202 đơn vị."
            if not any(r0[1] <= c <= r1[0] for c in cuts) and (k := view.norm.rfind(" va ", r0[1], r1[0])) >= 0:
                cuts.append(k + 1)
        cuts.sort()
        parts = list(zip(cuts, cuts[1:]))
        if len(parts) != len(ds) or any(not (a <= r[0] < b) for (a, b), (r, _) in zip(parts, ds)):
            continue  # each part one drive's date, in order
        for (a, b), (_, d) in zip(parts, ds):
            no, year = d.attrs["drive_no"], d.attrs.get("year")
            inside = [f for f in figs.items if f.kind in _PART_FIGURES and (r := view.range_of(f.span)) is not None
                      and a <= r[0] < b]
            if any(f.attrs.get("drive_no") not in (None, no) or "part_of" in f.attrs for f in inside):
                continue
            for f in inside:
                _give_to_drive(f, no)
            if not any(f.kind == "units_received" for f in inside) \
                    and len(found := list(_PART_UNITS.finditer(view.norm, a, b - 1))) == 1:
                m = found[0]
                value = parse_count(m.group(1))
                if isinstance(value, int):
                    figs.add("units_received", value, m.start(1), m.end(1), attrs={"year": year, "drive_no": no,
                             "plan": False}, unit="đơn vị máu", label="máu tiếp nhận")
        if period:
            for f in figs.items:
                if f.kind in _PART_FIGURES and f.attrs.get("drive_no") is not None \
                        and (r := view.range_of(f.span)) is not None and lo <= r[0] <= end:
                    f.attrs["about"] = period


# a paragraph that opens with the day a drive was held ("Ngày 15/7/2024, Ban Chỉ đạo huyện ... tổ chức hiến máu tình
# nguyện tại ..., tiếp nhận 186 đơn vị máu.")
_OPENS_DATED = re.compile(r"^\W*(?:\(?\d{1,2}[.)]\W*|[a-z]\)\W*)?(?:(?:sang|chieu|toi|vao)\s+)*ngay\s+\d{1,2}(?:\s*-\s*\d{1,2})?"
                          r"\s*/\s*\d{1,2}")  # also a numbered item: "(1) Ngày 26/7/2025, tại ..."
_DRIVE_HELD = re.compile(r"\b(?:to chuc|phoi hop to chuc|dien ra)\b[^.;]{0,80}\b(?:hien|lay) m[aeo]u\b|"
                         r"^\W*(?:\(?\d{1,2}[.)]\W*|[a-z]\)\W*)?ngay\s[^.;]{0,40}?,[^.;]{0,120}?\btai\b[^.;]{0,200}?"
                         r"\b(?:tiep nhan|lay duoc|thu duoc|hien duoc)\b")  # "Ngày 05/7/2024, tại ...: tiếp nhận"


def _held_at(view: View, p: Paragraph, f) -> bool:
    """Whether a figure's ``about`` is the place its drive was held at (``Ngày 19/7/2024, tại Trạm Y tế xã Mường
    So: ... tiếp nhận 58 đơn vị máu``): the paragraph names it after ``tại``, or as the unit that held it."""
    about = match_form(str(f.attrs.get("about") or "")).strip(" )(")
    para = view.para_norm(p)
    # (or the unit whose body held it: "Ban Chỉ huy Quân sự huyện Sơn Dương phối hợp tổ chức tại xã Tân Trào")
    return bool(about) and (re.search(r"\b(?:tai|o)\b[^.;:]{0,60}" + re.escape(about), para) is not None
                            or re.search(re.escape(about) + r"[^.;:]{0,30}\b(?:phoi hop )?to chuc\b", para) is not None
                            # "tại Hội trường UBND xã Tà Tổng: cụm các xã Tà Tổng, Pa Vệ Sử và Tá Bạ": the cluster served
                            or about.startswith(("cac xa", "cac phuong")) and re.search(r"\bcum cac\b", para) is not None)


_UNIT_ABOUT = re.compile(r"^\W*(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|thon|ban|ap|to dan pho|khoi|cum)\b")


def _group_about(f) -> bool:
    """A figure about a group of people (``lần đầu``, ``nữ``), not about a unit or a place: no sign of whose drive."""
    about = f.attrs.get("about")
    return bool(about) and not f.attrs.get("place_code") and not _UNIT_ABOUT.match(match_form(str(about)).lower()) \
        and match_form(str(about)).lower().strip() in _GROUP_ABOUTS


_GROUP_ABOUTS = frozenset({"lan dau", "nhac lai", "nu", "nam", "nu gioi", "nam gioi", "tu 2 lan tro len"})


def _dated_drives(view: View, figs: Figures) -> None:
    """Paragraphs that open with the day a drive was held and give its figures (``Ngày 15/7/2024, ... tổ chức hiến
    máu tình nguyện tại ..., tiếp nhận 186 đơn vị máu.``), two or more in a report that numbers no drive: drives
    1, 2, ... in order, their figures the drives', not the year's."""
    if any(f.attrs.get("drive_no") is not None for f in figs.items):
        return
    found = []
    for p in view.paragraphs:
        text = view.para_norm(p)
        if not _OPENS_DATED.match(text) or not _DRIVE_HELD.search(text) or _PLANNED.search(text):
            continue
        dates = find_dates(view.norm[p.start:p.end], p.start)
        inside = [f for f in figs.items if f.kind in _DRIVE_FIGURES and (r := view.range_of(f.span)) is not None
                  and p.start <= r[0] < p.end]
        inside = [f for f in inside if "part_of" not in f.attrs  # a drive's own breakdown stays its parts'
                  and not _group_about(f)]  # ("48 người hiến lần đầu": a group of its donors)
        if not dates or not any(f.kind == "units_received" for f in inside) \
                or any(f.attrs.get("about") and not _held_at(view, p, f) for f in inside):
            continue
        found.append((p, dates[0], inside))
    if len(found) < 2:
        return
    for no, (p, d, inside) in enumerate(found, 1):
        for f in inside:
            _give_to_drive(f, no)
        year = d.year or view.year_and_drive(p, d.start)[0]
        figs.add("drive_date", d.iso(year), d.start, d.end, attrs={"year": year, "drive_no": no, "status": "held"},
                 label="ngày tổ chức")


def _counted_dates(view: View, figs: Figures, p: Paragraph, text: str) -> None:
    """The dates of the sentence after a count of drives, when there are as many as drives: drives 1, 2, ... in
    order; a date without its year takes the year of the next date that has one (``14/02, 09/6 và 25/10/2022``)."""
    m = _COUNTED_LIST.search(text)
    n = parse_count(m.group(1)) if m else None
    if m is None:
        m = _UNCOUNTED_LIST.search(text)  # "các đợt ... vào các ngày ...": as many drives as dates
        if m is None:
            return
    elif not isinstance(n, int) or n < 1:
        return
    end = view.sentence_end(p, p.start + m.end())
    found = find_dates(view.norm[p.start + m.end():end], p.start + m.end())
    items = _dated_items(view, found, end) if n is not None and len(found) >= 2 else None
    if len(found) < (1 if n == 1 else 2) or n is not None and len(found) != n and items is None:
        return  # one drive "vào ngày 16/4/2024" has its date; dates listed without a count, two or more (as many
        # as the count says, unless each date is an item with the units it took in: the list, not the count)
    planned = p.plan or bool(_PLANNED.search(text))
    for no, d in enumerate(found, 1):
        year = d.year or next((e.year for e in found[no:] if e.year), None) or view.year_and_drive(p, d.start)[0]
        figs.add("drive_date", d.iso(year), d.start, d.end,
                 attrs={"year": year, "drive_no": no, "status": "planned" if planned else "held"}, label="ngày tổ chức")
        if items is None or planned or _PART_OF_YEAR_OPENS.match(text):
            continue  # (the drives of a part of the year, "Trong quý IV, ... tổ chức ba đợt: ...": their units
            # are that part's, no drives' of the year that the year's units sum)
        (u_s, u_e), value = items[no - 1]
        own = next((f for f in figs.items if f.kind == "units_received" and (r := view.range_of(f.span)) is not None
                    and u_s <= r[0] < u_e), None)
        if own is not None:
            _give_to_drive(own, no)
        else:
            figs.add("units_received", value, u_s, u_e, attrs={"year": year, "drive_no": no, "plan": False},
                     label="tiếp nhận")


# what one dated item of a list of drives took in: "(118 đơn vị)", "tiếp nhận 87 đơn vị máu"
_ITEM_UNITS = re.compile(r"(?:\(\s*|\b(?:tiep nhan|thu duoc|lay duoc|hien duoc|dat)\s+)(\d{1,3}(?:\.\d{3})?)\s+don vi\b")


def _dated_items(view: View, found: list, end: int) -> list[tuple[tuple[int, int], int]] | None:
    """A list of drives each told by its day and the units it took in (``ngày 14/10 tại thị trấn X (118 đơn
    vị), ngày 09/11 tại xã Y (87 đơn vị)``): for each date, where its units are written and how many; None
    unless every item between one date and the next has one such figure, and only one."""
    out = []
    for k, d in enumerate(found):
        stop = found[k + 1].start if k + 1 < len(found) else end
        hits = list(_ITEM_UNITS.finditer(view.norm, d.end, stop))
        if len(hits) != 1:
            return None
        value = parse_count(hits[0].group(1))
        if not isinstance(value, int):
            return None
        out.append(((hits[0].start(1), hits[0].end()), value))
    return out


# "... 3.500 đơn vị máu, phân bổ cho các huyện, thành phố như sau:" (a few words may come between)
_BREAKDOWN = re.compile(r"^\W*(?:don vi m[aeo]u|dv)?[^.:;\d]{0,60}?\b(?:cu the|gom|bao gom|nhu sau|chia ra|trong do)\s*:")
_LIST_ITEM = re.compile(r"^\s*(?:[-+*•~–]|\(\d{1,2}\)|\d{1,2}\)|[a-zđ]\)|\d{1,2}\.\d{1,2}\.?\s)")  # "- ...", "(1) ...", "a) ...",
# "4.1. ..." (a numbered section's sub-items)
_REMAINDER = re.compile(r"\b(?:so con lai|phan con lai|con lai)\W*$")
_UNITS_KINDS = ("units_quota", "units_received")


# a sentence that shares a quota out ("Phân bổ chỉ tiêu theo khối: các xã, thị trấn 780 đơn vị; ...", "Giao chỉ tiêu
# cho các đơn vị như sau: ...")
_SHARES_QUOTA = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?(?:phan bo|phan chia|phan giao|giao)\s+chi tieu\b[^:.;\d]{0,50}:")


def _quota_shares(view: View, figs: Figures) -> None:
    """The quotas a sentence that shares out the quota lists (``Phân bổ chỉ tiêu theo khối: các xã, thị trấn 780 đơn
    vị; các cơ quan ... 270 đơn vị; lực lượng vũ trang huyện 150 đơn vị``): each one the share its words name
    (``about``) of the last quota of the year stated before it, not the year's own."""
    quotas = [f for f in figs.items if f.kind == "units_quota" and (r := view.range_of(f.span)) is not None]
    for p in view.paragraphs:
        opens = _SHARES_QUOTA.search(view.para_norm(p))
        if opens is None:
            continue
        end = view.sentence_end(p, p.start + opens.end())
        inside = [f for f in quotas if p.start + opens.end() <= view.range_of(f.span)[0] < end
                  and not f.attrs.get("about") and f.attrs.get("drive_no") is None and "part_of" not in f.attrs]
        whole = next((f for f in reversed(quotas) if view.range_of(f.span)[0] < p.start + opens.start()
                      and not f.attrs.get("about")
                      and f.attrs.get("drive_no") is None and "part_of" not in f.attrs
                      and all(f.attrs.get("year") == g.attrs.get("year") and f.value > g.value for g in inside)), None)
        if len(inside) < 2 or whole is None:
            continue
        for f in inside:
            at = view.range_of(f.span)[0]
            item = re.split(r"[;:]", view.norm[p.start + opens.end() - 1:at])[-1]
            name = re.match(r"\s*(.*?)\s*$", item)
            start = at - len(item) + name.start(1)
            f.attrs["about"] = normalize_ws(view.best(start, start + len(name.group(1)))) or "phần được giao"
            f.attrs["part_of"] = whole.id


# "điều chỉnh kế hoạch năm từ 8.000 lên 8.500 đơn vị": the quota before the revision, a quota of the year too
_REVISED_FROM = re.compile(r"\b(?:chi tieu|ke hoach)\b[^.;\d]{0,40}?\btu\s+(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:don vi\s+(?:mau\s+)?)?"
                           r"(?:len|xuong|thanh)\s+(\d{1,3}(?:\.\d{3})+|\d+)\s+don vi\b")


def _revised_from(view: View, figs: Figures) -> None:
    """The quota a revision started from (``điều chỉnh kế hoạch năm từ 8.000 lên 8.500 đơn vị``), read beside the
    revised one as a quota of the same year, so that a rate of either (``bằng 81,1% kế hoạch ban đầu``) is checked."""
    for m in _REVISED_FROM.finditer(view.norm):
        revised = next((f for f in figs.items if f.kind == "units_quota" and (r := view.range_of(f.span)) is not None
                        and r[0] == m.start(2)), None)
        if revised is None or revised.attrs.get("about") or revised.attrs.get("place_code") \
                or any((r := view.range_of(f.span)) is not None and r[0] == m.start(1) for f in figs.items):
            continue  # (a unit's quota revised, "xã Trung Đồng từ 65 xuống 50": the old one no figure of the text's)
        value = parse_count(m.group(1))
        if isinstance(value, int):
            figs.add("units_quota", value, m.start(1), m.end(1),
                     attrs={k: revised.attrs.get(k) for k in ("year", "drive_no", "plan")}, unit="đơn vị máu",
                     label="chỉ tiêu")


def _breakdowns(view: View, figs: Figures) -> None:
    """A quota followed by ``cụ thể:`` / ``gồm:`` and a list of amounts (``thành phố Lào Cai: 1.650 đơn vị máu;
    thị xã Sa Pa: 620 ...``) is broken down into them (``part_of``); ``Số còn lại 3.500`` after such a list is
    what the total leaves besides it (``what = remainder``)."""
    items = [f for f in figs.items if f.kind in _UNITS_KINDS]
    for k, f in enumerate(items):
        rng = view.range_of(f.span)
        if rng is None:
            continue
        p = view.paragraph_at(rng[0])
        if _REMAINDER.search(view.norm[max(p.start, rng[0] - 20):rng[0]]):
            f.attrs["what"] = "remainder"
            continue
        if _SUMMED.search(view.norm[max(p.start, rng[0] - 25):rng[0]]) and not f.attrs.get("about"):
            # "...: Thành phố Lai Châu 800 đơn vị máu, huyện Tam Đường 400 ...; tổng cộng 1.500 đơn vị máu": the
            # amounts of units its sentence lists before it sum to it
            start = p.start + view.norm[p.start:rng[0]].rfind(". ") + 1
            parts = [g for g in items[:k] if g.kind == f.kind and g.attrs.get("about") and "part_of" not in g.attrs
                     and (g_rng := view.range_of(g.span)) is not None and start <= g_rng[0]]
            if len(parts) >= 2:
                for g in parts:
                    g.attrs["part_of"] = f.id
            continue
        tail = view.norm[rng[1]:min(p.end, rng[1] + 100)]
        m = _BREAKDOWN.match(tail)
        if not m:
            continue
        end = view.sentence_end(p, rng[1])
        listed = 0  # items of their own under it
        if not view.norm[rng[1] + m.end():p.end].strip():  # the list follows as items of their own
            for q in view.paragraphs:
                if q.start >= p.end and q.start <= end + 2 and _is_item(view, q):
                    end, listed = q.end, listed + 1
        taken = []
        for g in items[k + 1:]:
            g_rng = view.range_of(g.span)
            if g_rng is None or g_rng[0] > end:
                break
            if g.attrs.get("year") != f.attrs.get("year"):
                continue  # "So với năm 2021 (646 đơn vị)" under the last item: another year's, no part
            if g.kind != f.kind and g.attrs.get("about") and "part_of" not in g.attrs:
                # "- Xã A: 200 đơn vị máu" under a quota broken down: a quota, whatever its own words say
                g = figs.rekind(g, f.kind, "chỉ tiêu" if f.kind == "units_quota" else "máu tiếp nhận")
            if g.kind == f.kind and "part_of" not in g.attrs:
                g.attrs["part_of"] = f.id
                taken.append(g)
        rest = view.norm[view.range_of(taken[-1].span)[1]:end] if taken and view.range_of(taken[-1].span) else ""
        if listed >= 2 and len(taken) < listed or _REST_UNCOUNTED.search(rest):
            for g in taken:  # an item whose amount OCR made unreadable, or "số còn lại là cán bộ ...": the parts
                del g.attrs["part_of"]  # read are not the whole breakdown


_SUMMED = re.compile(rf"\b{SUM_WORDS}\b\W*(?:(?:la|co|duoc|dat)\s+)*$")
_REST_UNCOUNTED = re.compile(r"\b(?:so|phan) con lai\b(?![^.;]*\d)")  # the rest named, not counted
# "Trong 299 đơn vị máu có 231 đơn vị của học sinh, 52 đơn vị của cán bộ và 26 đơn vị của cha mẹ học sinh": the
# amount the sentence opens on, then the amounts of units it has
_WITHIN_BEFORE = re.compile(r"^\W*trong (?:tong (?:so )?|so )?$")
_WITHIN_AFTER = re.compile(r"^\s*(?:don vi|dv)\b(?: m[aeo]u)?(?: (?:tiep nhan|thu duoc|da tiep nhan))?\s*,?\s*(?:thi )?"
                           r"(?:co|gom)\b")
_AMOUNT_OF_UNITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*|\d+)\s+(?:don vi|dv)\b")


# "tiếp nhận 7.879 đơn vị máu, gồm 7.665 đơn vị tại các đợt hiến máu ... và 214 đơn vị hiến máu khẩn cấp tại ...":
# the amounts of units right after the total's "gồm", each with the words that say what it is
_COMPRISES = re.compile(r"\s*,?\s*(?:gom|bao gom|trong do)\s*:?\s*")
_COMPRISED_ITEM = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:don vi|dv)\b(?: m[aeo]u)?\s*([^;.()\d]{3,90}?)"
                             r"\s*(?=\bva\s+\d|,\s*\d|;|\.(?!\d)|$)")


def _amounts_it_comprises(view: View, figs: Figures) -> None:
    """A total of units received whose sentence goes on ``gồm`` with two amounts of units or more, each named by its
    words (``gồm 7.665 đơn vị tại các đợt ... và 214 đơn vị hiến máu khẩn cấp``): each a part of it (``part_of``,
    ``about``), so that a table of the drives' 7.665 or a rate of them is set against that part, not the total."""
    for f in [f for f in figs.items if f.kind == "units_received" and "part_of" not in f.attrs]:
        rng = view.range_of(f.span)
        if rng is None:
            continue
        tail = view.norm[rng[1]:rng[1] + 40]
        unit = re.match(r"\s*(?:don vi|dv)\b(?: m[aeo]u)?", tail)
        if unit is not None and (listed := _LIST_OPENS.match(view.norm, rng[1] + unit.end())) is not None:
            _listed_parts(view, figs, f, listed.end())  # "1.149 đơn vị máu tiếp nhận gồm:" over "- Cán bộ ...: 214 đơn vị;"
            continue
        opens = _COMPRISES.match(view.norm, rng[1] + (unit.end() if unit else 0))
        if unit is None or opens is None:
            continue
        p = view.paragraph_at(rng[0])
        end = view.sentence_end(p, opens.end())
        items, at = [], opens.end()
        while at < end:
            m = _COMPRISED_ITEM.match(view.norm, at, end)
            if m is None:
                break
            items.append(m)
            nxt = re.match(r"\s*(?:,|va\b)\s*", view.norm[m.end():end])
            if nxt is None:
                break
            at = m.end() + nxt.end()
        if len(items) < 2 or any(view.range_of(g.span) is not None and view.range_of(g.span)[0] == m.start(1)
                                 for m in items for g in figs.items if g.kind == "units_received"):
            continue
        for m in items:
            value = parse_count(m.group(1))
            if not isinstance(value, int):
                break
            figs.add("units_received", value, m.start(1), m.end(1),
                     attrs={"year": f.attrs.get("year"), "drive_no": None, "plan": False, "part_of": f.id,
                            "about": normalize_ws(view.best(m.start(2), m.end(2)))}, unit="đơn vị",
                     label="máu tiếp nhận")


_LIST_OPENS = re.compile(r"[^.;:\d]{0,30}?\b(?:gom|bao gom|cu the|nhu sau)\s*:\s*(?=[-+*\u2022\u2013]\s)")
_LIST_ITEM_AMOUNT = re.compile(r"^\s*[-+*\u2022\u2013]\s*([^:;\d]{2,80}?)\s*:\s*(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:don vi|dv)\b"
                            r"[^\d]{0,30}$")


def _listed_parts(view: View, figs: Figures, whole: Figure, at: int) -> None:
    """The items of a list right after a total of units (``- Lực lượng vũ trang: 97 đơn vị;``), each one amount
    named before its colon: parts of it (two at least), read here when no other words made them figures."""
    found = []
    for q in view.paragraphs:
        if q.end <= at:
            continue
        m = _LIST_ITEM_AMOUNT.match(view.norm[q.start:q.end])
        if m is None:
            break
        found.append((q, m))
    if len(found) < 2:
        return
    taken = {r[0] for g in figs.items if (r := view.range_of(g.span)) is not None}
    for q, m in found:
        start = q.start + m.start(2)
        value = parse_count(m.group(2))
        if start in taken or not isinstance(value, int):
            return  # (an item another reader made a figure: its own)
    for q, m in found:
        start = q.start + m.start(2)
        figs.add("units_received", parse_count(m.group(2)), start, q.start + m.end(2),
                 attrs={"year": whole.attrs.get("year"), "drive_no": None, "plan": False, "part_of": whole.id,
                        "about": normalize_ws(view.best(q.start + m.start(1), q.start + m.end(1)))},
                 unit="đơn vị", label="máu tiếp nhận")


def _within_amount(view: View, figs: Figures) -> None:
    """A sentence that opens on an amount of units and breaks it down (``Trong 299 đơn vị máu có 231 đơn vị
    của học sinh, 52 đơn vị của cán bộ và 26 đơn vị của cha mẹ học sinh``): the amounts after it are its parts
    (``part_of``), of its kind, two at least; read here when no other words made them figures. The amount it
    opens on is the figure there, or the same amount written just before (one figure, restated)."""
    for p in view.paragraphs:
        for w in _WITHIN_OPENS.finditer(view.norm, p.start, p.end):
            at = w.start(1)
            if not _WITHIN_BEFORE.match(view.sentence_before(p, at)):
                continue
            value = parse_count(w.group(1))
            whole = [f for f in figs.items if f.kind in _UNITS_KINDS and "part_of" not in f.attrs
                     and (r := view.range_of(f.span)) is not None and r[0] <= at and f.value == value]
            if not whole:
                continue
            f = max(whole, key=lambda g: view.range_of(g.span)[0])
            _parts_within(view, figs, p, f, w.end(1))


_WITHIN_OPENS = re.compile(r"\btrong (?:tong (?:so )?|so )?(\d{1,3}(?:\.\d{3})*|\d+)\s+(?:don vi|dv)\b")


_PEOPLE_AMONG = re.compile(r"(?<![\d.,/])\d[\d.]*\s+(?:nguoi|luot nguoi)\b")


def _parts_within(view: View, figs: Figures, p, f, after: int) -> None:
    """The amounts of units after ``after`` in its sentence, once its words say it has them (``đơn vị máu có``):
    parts of ``f``."""
    m = _WITHIN_AFTER.match(view.norm[after:p.end])
    if m is None:
        return
    stop = view.sentence_end(p, after)
    amounts = [a for a in _AMOUNT_OF_UNITS.finditer(view.norm, after + m.end(), stop)
               if not in_brackets(view.norm, after + m.end(), a.start(1))]  # (the breakdown of a part: its own)
    if len(amounts) < 2 or _PEOPLE_AMONG.search(view.norm, after + m.end(), stop):
        return  # ("có 58 người hiến máu lần đầu; cán bộ ... hiến 14 đơn vị; ...": facts of the whole, some groups'
        # units among them, no breakdown)
    for a in amounts:
        value = parse_count(a.group(1))
        if not isinstance(value, int):
            return
        own = next((g for g in figs.items if (r := view.range_of(g.span)) is not None and r[0] == a.start(1)), None)
        if own is not None and own.kind not in _UNITS_KINDS:
            return  # another figure's number (people, a rate): no list of units
        label = "chỉ tiêu" if f.kind == "units_quota" else "máu tiếp nhận"
        if own is None:
            own = figs.add(f.kind, value, a.start(1), a.end(1),
                           attrs={k: f.attrs.get(k) for k in ("year", "drive_no", "plan")}, label=label)
        elif own.kind != f.kind:
            own = figs.rekind(own, f.kind, label)
        own.attrs["part_of"] = f.id


# "Theo thể tích túi máu, loại 250 ml có ...", "Phân theo nhóm máu hệ ABO: nhóm O có ...": the blood received, by kind
# an amount of the units a breakdown counts: with "đơn vị" after it, or bare ("nhóm A 96, nhóm B 121"); no rate, volume
# or litres
_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d.,]*\d)(?=\s*(?:don\b|dv\b|[,;)]|\.(?!\d)|$|va\b))")
_BY_BLOOD_KIND = re.compile(r"^\W*(?:(?:phan |xet |chia )?theo|ve) (?:the tich|loai tui|nhom mau|loai mau)\b[^:.;\d]{0,25}?[:,]")
_BREAKDOWN_START = re.compile(r"^\W*(?:trong do|cu the|chia ra|bao gom|gom)\s*[:,]|" + _BY_BLOOD_KIND.pattern +
                              # "Trong số máu tiếp nhận có 614 đơn vị loại 250 ml và 348 ...": the amount named by words
                              r"|^\W*trong (?:tong )?so (?:don vi )?m[aeo]u (?:da )?(?:tiep nhan|thu duoc|thu gom)\b"
                              r"[^:.;\d]{0,30}?\b(?:co|gom|la)\b")
# a sentence that introduces the parts after a colon ("Kết quả cụ thể của các huyện, thành phố như sau: ...")
_BREAKDOWN_INTRO = re.compile(r"^[^:.;\d]{0,100}\b(?:cu the|nhu sau|chia ra)\b[^:.;\d]{0,40}:")
def _opens_breakdown(text: str) -> bool:
    """A sentence that opens a breakdown: ``Trong đó:``, ``Cụ thể:``, ``Kết quả cụ thể ... như sau:``."""
    return bool(_BREAKDOWN_START.match(text) or _BREAKDOWN_INTRO.match(text))


_PART_NAME = re.compile(r"^\W*(?:(?:trong do|cu the|chia ra|bao gom|gom)\s*[:,])?\W*(.*?)[\s:,]*(?:\b(?:la|co|dat|duoc))?\W*$")


def _sentence_starts(view: View, p: Paragraph) -> list[int]:
    """Where the sentences of a paragraph start (joined-text positions)."""
    seg = view.norm[p.start:p.end]
    return [p.start] + [p.start + m.end() for m in _SENTENCE_END_AT.finditer(seg)]


_SENTENCE_END_AT = re.compile(r"\.\s+")


def _bracketed(view: View, p: Paragraph, pos: int) -> bool:
    """``pos`` stands inside brackets (``... đạt 109,6% (chỉ tiêu 500 đơn vị)``): an aside."""
    before = view.norm[p.start:pos]
    return before.rfind("(") > before.rfind(")")


def _broken_down(view: View, figs: Figures, at: int, kind: str | None = None, year: int | None = None):
    """The amount of units a sentence starting ``Trong đó`` at ``at`` breaks down: the last one written before it in
    its paragraph or the paragraph before, not an aside in brackets, nor a part of something itself."""
    p = view.paragraph_at(at)
    lo = (view.paragraph_before(p) or p).start
    found = []  # (position, in brackets, figure)
    for f in figs.items:
        if f.kind not in _UNITS_KINDS or (kind is not None and f.kind != kind) or f.attrs.get("about") \
                or "part_of" in f.attrs or f.attrs.get("drive_no") is not None \
                or (year is not None and f.attrs.get("year") != year):
            continue
        r = view.range_of(f.span)
        if r is not None and lo <= r[0] < at \
                and not _RESPECTIVELY.search(view.sentence_before(view.paragraph_at(r[0]), r[0])):
            # (not the last of amounts listed "lần lượt là 561, 272, 402 và 83 đơn vị": one of them)
            found.append((r[0], _bracketed(view, view.paragraph_at(r[0]), r[0]), f))
    # an aside only when the kind asked for has nothing else ("đạt 103,1% (kế hoạch 5.250 đơn vị)")
    plain = [x for x in found if not x[1]] or (found if kind is not None else [])
    return max(plain, key=lambda x: x[0])[2] if plain else None


_SUB_ITEM = re.compile(r"(?:^|\s)\+\s[^+]*$")  # the text since a "+" item's mark, in its paragraph


def _sub_item_of(h: Hit, figs: Figures):
    """The amount of units of the "-" item a "+" sub-item stands under (``- Số đơn vị máu tiếp nhận: 69 đơn vị`` /
    ``+ Loại túi 250 ml: 42 đơn vị``), or None: the last such amount of the item before the run of "+" items (in
    the same paragraph, or the paragraph before the run), no drive's and no part."""
    view = h.view
    seg = view.norm[h.p.start:h.start]
    if not _SUB_ITEM.search(seg):
        return None
    first_plus = re.search(r"(?:^|\s)\+\s", seg)
    lo, hi = h.p.start, h.p.start + first_plus.start()
    if not seg[:first_plus.start()].strip():  # the paragraph is a "+" item: the run's paragraphs before it
        p = h.p
        for _ in range(MAX_SUB_ITEMS):
            p = view.paragraph_before(p)
            if p is None:
                return None
            if not view.norm[p.start:p.end].lstrip().startswith("+"):
                break
        lo, hi = p.start, p.end
    above = [f for f in figs.items if f.kind in _UNITS_KINDS and "part_of" not in f.attrs
             and f.attrs.get("drive_no") is None and (r := view.range_of(f.span)) is not None and lo <= r[0] < hi]
    return above[0] if above else None


MAX_SUB_ITEMS = 12
_IN_WHICH_CLAUSE = re.compile(r"[,;(]\s*(?:trong do|gom|bao gom|cu the)\b[^,;()]*(?:,[^,;()]*)*$")
_KIND_AFTER = re.compile(r"^\s*(?:mau\s+)?((?:loai|tui)\s+\d{3}\s*ml)\b")
_KIND_BEFORE = re.compile(r"(?:^|[,;:(+*\u2022-]|\bva\b)\s*((?:loai|tui)\s+\d{3}\s*ml)\s*(?:la|:|co|dat|gom|duoc)?\s*$")


def _inline_breakdown_of(h: Hit, figs: Figures):
    """The amount of units a clause that opens ``trong đó`` inside its sentence breaks down (``tiếp nhận 126 đơn vị
    máu, trong đó 79 đơn vị loại 350 ml và 45 đơn vị loại 250 ml``): the last amount before that clause in the
    sentence, no part; None when the number is in no such clause."""
    sentence = h.view.sentence_before(h.p, h.start)
    m = _IN_WHICH_CLAUSE.search(sentence)
    if m is None:
        return None
    start, opens = h.start - len(sentence), h.start - len(sentence) + m.start()
    before = [f for f in figs.items if f.kind in _UNITS_KINDS and "part_of" not in f.attrs
              and (r := h.view.range_of(f.span)) is not None and start <= r[0] < opens
              and not _bracketed(h.view, h.p, r[0])]  # "đạt 108,8% chỉ tiêu (240 đơn vị), trong đó ...": an aside
    if not before:
        return None
    last = max(before, key=lambda f: h.view.range_of(f.span)[0])
    if last.kind == "units_quota" and (r := h.view.range_of(last.span)) is not None and h.view.norm[r[0] - 1] == "/":
        # "306/295 đơn vị, đạt 103,7% (trong đó Công an huyện 41 đơn vị, ...)": the amount, not the quota it is over
        return next((f for f in before if f.kind == "units_received" and h.view.range_of(f.span)[1] == r[0] - 1), last)
    return last


def _breakdown_kind(h: Hit, figs: Figures) -> str | None:
    """The kind of a bare number of units in a sentence that opens ``Trong đó:`` / ``Cụ thể:`` (``Trong đó: loại
    350ml: 310 đơn vị; loại 250ml: 228 đơn vị``): that of the amount it breaks down."""
    sentence = h.view.sentence_before(h.p, h.start)
    if not _BREAKDOWN_START.match(sentence):
        return None
    kind = "units_received" if _BY_BLOOD_KIND.match(sentence) else None  # blood by volume or group: received
    whole = _broken_down(h.view, figs, h.start - len(sentence), kind)
    return whole.kind if whole is not None else None


def _donor_groups(view: View, figs: Figures) -> None:
    """The donors of each group a sentence lists (``Thành phần tham gia gồm: ...``) are parts of the donors
    counted last before it, in its paragraph or the one before, when there are two or more."""
    groups: dict[int, list] = {}
    for f in figs.items:
        r = view.range_of(f.span)
        if f.kind != "participants" or "part_of" in f.attrs or not f.attrs.get("about") or r is None:
            continue
        p = view.paragraph_at(r[0])
        sentence = view.sentence_before(p, r[0])
        if _DONORS_BY_GROUP.match(sentence):
            groups.setdefault(r[0] - len(sentence), []).append(f)
    for at, parts in groups.items():
        if len(parts) < 2:
            continue
        p = view.paragraph_at(at)
        lo = (view.paragraph_before(p) or p).start
        whole = [f for f in figs.items if f.kind == "participants" and not f.attrs.get("about")
                 and "part_of" not in f.attrs and f.attrs.get("drive_no") is None
                 and f.attrs.get("year") == parts[0].attrs.get("year")
                 and (r := view.range_of(f.span)) is not None and lo <= r[0] < at]
        if whole:
            for f in parts:
                f.attrs["part_of"] = whole[-1].id


def _breakdown_paragraphs(view: View, figs: Figures) -> None:
    """A sentence (or a paragraph) that opens ``Trong đó:`` / ``Cụ thể:`` and lists two or more amounts of one kind
    breaks down the amount of that kind and year written last before it, in its paragraph or the one before, not
    an aside in brackets (``tiếp nhận 251 đơn vị máu ... So với cùng kỳ năm 2023 (226 ...)`` / ``Trong đó: Thị
    trấn A 92 đơn vị máu; xã B 45 ...``: parts of 251; ``thu được 548 đơn vị ... (chỉ tiêu 500 đơn vị). Trong
    đó: loại 350ml: 310 đơn vị; loại 250ml: 228 đơn vị``: parts of 548). A part the sentence names no unit or
    month of is about what its clause names before it (``loại 350ml``)."""
    for p in view.paragraphs:
        for at in _sentence_starts(view, p):
            if not _opens_breakdown(view.norm[at:p.end]):
                continue
            end = view.sentence_end(p, at + 1)
            inside = [f for f in figs.items if f.kind in _UNITS_KINDS and "part_of" not in f.attrs
                      and f.attrs.get("drive_no") is None  # drives ("Trong đó: đợt 1 ...") are the drive rules'
                      and (r := view.range_of(f.span)) is not None and at <= r[0] < end]
            for kind in _UNITS_KINDS:
                parts = [f for f in inside if f.kind == kind]
                if len(parts) < 2:
                    continue
                year = parts[0].attrs.get("year")
                numbers = _FIGURE.findall(_BRACKETED_TEXT.sub(" ", view.norm[at:end]))
                if _BY_BLOOD_KIND.match(view.norm[at:end]) and len(numbers) > len(parts):
                    continue  # "nhóm O 178 đơn vị, nhóm A 96, nhóm B 121 ...": items read without their unit, some
                    # parts only
                whole = _broken_down(view, figs, at, kind, year)  # "năm 2017 ... 4.588 đơn vị" before it: not its whole
                if whole is None or whole.attrs.get("year") != year \
                        or _REST_UNCOUNTED.search(view.norm[max(view.range_of(f.span)[1] for f in parts):end]):
                    continue  # (or "...; số còn lại là cán bộ ...": a rest it names without counting, some parts only)
                for f in parts:
                    f.attrs["part_of"] = whole.id
                    if not f.attrs.get("about"):
                        r = view.range_of(f.span)
                        clause = view.clause_before(p, r[0])
                        kept = clause.rstrip(" :,")  # the item's own words: after the last mark before them
                        cut = max(kept.rfind(c) for c in ",;:(") + 1
                        own = clause[cut:] if _PART_NAME.match(clause[cut:]).group(1) else clause
                        name = _PART_NAME.match(own)
                        f.attrs["about"] = normalize_ws(view.best(r[0] - len(name.group(0)) + name.start(1),
                                                                  r[0] - len(name.group(0)) + name.end(1))) \
                            if name and name.group(1) else "trong đó"


_ITEM_KINDS = ("units_received", "units_quota", "participants", "percent_of_plan")  # what a list item's unit does
_BY_PARTS = re.compile(r"\b(?:(?:theo (?:tung )?|cua (?:cac|tung) )"
                       r"(?:xa|ban|huyen|don vi|dot|thang|co so|thanh pho|thi xa|doi tuong|khoi|nhom|thanh phan)|"
                       r"cu the|trong do|gom|bao gom|phan bo|chia ra)\b")
_ITEM_NAME = re.compile(r"^[\s\-+*•]*(?:\d{1,2}(?:\.\d{1,2})*[.)]\s*)?([^:;]{2,60}?)\s*:")
_QUANTITY_LABEL = re.compile(r"^\W*(?:tong\s+)?(?:so|luong|ty le|ket qua)\b")  # "Số người ...", "Tổng số ..."
HEADER_REACH = 3  # paragraphs before a list's header where the amount it breaks down may stand


def _breakdown_lists(view: View, figs: Figures) -> None:
    """Amounts in the items of a list whose header names a breakdown (``Kết quả theo bản:``, ``phân bổ như
    sau:``) are parts (``part_of``) of the last amount of their kind and year written before the header, and are
    about what each item names before its colon (``- Bản Hon: 15 đơn vị``), so no item passes for a total."""
    for k, p in enumerate(view.paragraphs):
        header = list_header(view, p)
        if header is None or not _BY_PARTS.search(header) or _list_start(view, p) != k:
            continue  # not the first item of a list under a header that names a breakdown
        items = [p]
        while (n := k + len(items)) < len(view.paragraphs) and _is_item(view, view.paragraphs[n]):
            items.append(view.paragraphs[n])
        head_at = k - 1
        for q in items:  # each item's figures are about what it names, whatever they sum to
            name = _ITEM_NAME.match(view.text[q.start:q.end])
            if name and _QUANTITY_LABEL.match(match_form(name.group(1))):
                continue  # "- Số đơn vị máu thu được: 548 đơn vị": the item names a quantity, not a part
            for f in figs.items if name else ():
                if (r := view.range_of(f.span)) is not None and q.start <= r[0] < q.end and not f.attrs.get("about") \
                        and f.kind in _ITEM_KINDS and f.attrs.get("drive_no") is None:
                    f.attrs["about"] = normalize_ws(name.group(1))
        for kind in _UNITS_KINDS:
            parts = [(f, q) for q in items for f in figs.items if f.kind == kind and "part_of" not in f.attrs
                     and f.attrs.get("drive_no") is None  # items that are drives: the drive rules' (A101)
                     and (r := view.range_of(f.span)) is not None and q.start <= r[0] < q.end]
            if len(parts) < 2:
                continue
            year = parts[0][0].attrs.get("year")
            parts = [(f, q) for f, q in parts if f.attrs.get("year") == year]  # "So với năm 2021 (646 ...)": no part
            if len(parts) < 2:
                continue
            lo = view.paragraphs[max(0, head_at - HEADER_REACH)].start
            whole = [f for f in figs.items if f.kind == kind and not f.attrs.get("about") and "part_of" not in f.attrs
                     and f.attrs.get("year") == year and f.attrs.get("drive_no") is None and f not in [x for x, _ in parts]
                     and (r := view.range_of(f.span)) is not None and lo <= r[0] < view.paragraphs[head_at].end]
            if not whole:
                continue
            for f, q in parts:
                f.attrs["part_of"] = whole[-1].id


def _inside_quotes(view: View, p: Paragraph, pos: int) -> bool:
    return any(m.start() < pos - p.start < m.end() for m in _QUOTED.finditer(view.text[p.start : p.end]))


def _campaigns(view: View, figs: Figures) -> None:
    """Quoted names in a drive paragraph are the campaigns the drive answers."""
    for p in view.paragraphs:
        if p.drive_no is None:
            continue
        planned = p.plan or bool(_PLANNED.search(view.para_norm(p)))
        for m in _QUOTED.finditer(view.text[p.start : p.end]):
            inner = m.group(1)
            lead = len(inner) - len(inner.lstrip("* \n"))
            s = p.start + m.start(1) + lead
            e = p.start + m.end(1) - (len(inner) - len(inner.rstrip("* \n.,;")))
            name = view.best(s, e).strip(" .,;")
            if name:
                year, drive = view.year_and_drive(p, s)
                figs.add("drive_campaign", name, s, e, attrs={"year": year, "drive_no": drive, "plan": planned},
                         label="chương trình")


# -- drives listed in a table ----------------------------------------------------------------------------
_TABLE_KINDS = {"received": "units_received", "quota": "units_quota", "participants": "participants",
                "percent": "percent_of_plan"}
_ROW_DRIVE = re.compile(r"^\s*dot\s*(?:thu\s*)?(\d{1,2})\b")
_PLANNED_TABLE = re.compile(r"du kien|ke hoach|se to chuc")
_DONE_HEAD = re.compile(r"\b(?:thuc hien|thuc te|tiep nhan|ket qua|da to chuc|tinh trang)\b")
# a row's cell saying its drive was called off or put off ("Hủy do mưa lũ", "Hoãn", "Không tổ chức")
_CANCELLED_CELL = re.compile(r"^\W*(?:da |bi )?(?:huy|hoan|tam hoan|khong to chuc|chua to chuc|dung to chuc)\b")


def _cancelled(row: Row, cols: dict[str, int]) -> bool:
    """A drive row a cell says was called off, with no units received (none, ``-`` or 0): planned, not held."""
    received = row.cell(cols["received"]) if "received" in cols else None
    return (received is None or not received.value) \
        and any(_CANCELLED_CELL.match(normalize_ws(match_form(c.best)).lower()) for c in row.cells if c.span is not None)


MAX_DRIVES = 31  # a number above this in a Đợt column is a misread date or count, not a drive


def _drive_no(row: Row, cols: dict[str, int]) -> int | None:
    """A drive table row's number: its Đợt column, else a label "Đợt 3"."""
    if "drive_no" in cols:
        cell = row.cell(cols["drive_no"])
        if cell is not None and isinstance(cell.value, int) and 0 < cell.value <= MAX_DRIVES:
            return cell.value
    m = _ROW_DRIVE.match(match_form(row.label)) if row.label else None
    return int(m.group(1)) if m else None


def _dated_rows(data: list[Row], cols: dict[str, int]) -> bool:
    """Every row numbered (STT 1, 2, 3 ...), or keyed by its date in the first column, and held on a date of its own,
    with units or people counted: the rows of a table of drives whose number column is headed STT, or that has none."""
    if "date" not in cols or not {"received", "participants"} & cols.keys() or len(data) < 2:
        return False
    dates = [r.cell(cols["date"]) for r in data]
    if "stt" in cols:
        stt = [r.cell(cols["stt"]) for r in data]
        if [c.value if c is not None else None for c in stt] != list(range(1, len(data) + 1)):
            return False
    elif cols["date"] != 0:
        return False  # no row numbers: the rows are keyed by their dates (``Thời gian | Địa điểm | ...``)
    found = [find_dates(match_form(c.best)) if c is not None else [] for c in dates]
    return all(found) and len({(d[0].day, d[0].month) for d in found}) == len(found)


def _distinct_dates(data: list[Row], cols: dict[str, int]) -> bool:
    """Every row held on a date, no two on the same one."""
    if "date" not in cols or len(data) < 2:
        return False
    found = [find_dates(match_form(c.best)) if (c := r.cell(cols["date"])) is not None else [] for r in data]
    return all(found) and len({(d[0].day, d[0].month) for d in found}) == len(found)


_PERIOD_CELL_KINDS = ("units_received", "units_quota", "participants")
_PART_IN_HEADER = re.compile(r"\b(?:quy\s+(?:i{1,3}|iv|[1-4])|(?:\d{1,2}|sau|chin) thang(?: dau| cuoi)?(?: nam)?)\b")


def _period_cells(view: View, figs: Figures, table: Table) -> None:
    """A table of quantities by part of the year side by side (``Đơn vị máu tiếp nhận | 462 | 571`` under ``Quý I |
    Quý II``): each cell is that part's figure (``about`` the column's header), which another report restates
    (C102: a year report's ``Quý II ... 575 đơn vị`` against the six-month report's 571)."""
    from pipeline.tables.interpret import row_meaning
    from pipeline.tables.vocabulary import header_meaning

    periods = [c for c in table.columns if c.meaning == "period_value" and c.header.strip()]
    if len(periods) < 2:  # one result column named by its part of the year ("KH năm 2024 | TH quý I | So KH năm")
        periods = [c for c in table.columns if c.meaning in ("received", "period_value")
                   and _PART_IN_HEADER.search(normalize_ws(match_form(c.header)).lower())][:1]
    named_by = table.column("indicator")
    if named_by is None and len(periods) == 1 and (unit_col := table.column("measure_unit")) is not None:
        # "TT | Nội dung | ĐVT | KH năm 2024 | TH quý I": rows of quantities each in its unit, named before the unit
        named_by = next((c for c in reversed(table.columns[:unit_col.index]) if c.meaning is None), None)
    if named_by is None or not periods:
        return
    for row in table.data_rows():
        m = row_meaning(table, row) if named_by.meaning == "indicator" else \
            (header_meaning(c.best) if (c := row.cell(named_by.index)) is not None and c.best.strip() else None)
        label = match_form(row.label or "").lower()
        if m is None or m.figure not in _PERIOD_CELL_KINDS or m.name.endswith("_prev_year") \
                or re.match(r"\W*(?:luy ke|cong don|trong do)\b", label):
            continue  # (a running total's row and a breakdown's rows are no part's own figure)
        for col in periods:
            cell = row.cell(col.index)
            if cell is None or not isinstance(cell.value, int) or cell.span is None \
                    or (r := view.range_of(cell.span)) is None:
                continue
            about = normalize_ws(col.header)
            if col.meaning != "period_value" and (part := _PART_IN_HEADER.search(match_form(col.header).lower())) \
                    and len(match_form(col.header)) == len(col.header):
                about = col.header[part.start():part.end()]  # "TH quý I": the quarter's
            figs.add(m.figure, cell.value, r[0], r[1], attrs={
                "year": col.year or view.report_year, "drive_no": None, "plan": False,
                "about": about, "table": table.id, "row": row.index, "column": col.index},
                unit="người" if m.figure == "participants" else "đơn vị máu", label=f"{row.label} ({col.header})")


_YEAR_LABEL = re.compile(r"^\W*(?:nam\s+)?(?:19|20)\d\d\W*$")


def year_rows(table: Table) -> dict[int, Row]:
    """A table's data rows named by a year alone (``2022``, ``Năm 2023``), by year."""
    out = {}
    for r in table.data_rows():
        if _YEAR_LABEL.match(label := match_form(r.label or "").lower()):
            out[int(re.search(r"(?:19|20)\d\d", label).group())] = r
    return out


def _rows_are_years(table: Table) -> bool:
    """Whether two or more of a table's data rows are named by a year alone."""
    return len(year_rows(table)) >= 2


def _year_in_total_row(view: View, figs: Figures, doc: Document) -> None:
    """A report of a whole year whose text never gives the year's units received (or its quota), only its table of
    drives (or of units, or of months) does, in the total row (``Cộng |  |  | 380 | 396``; the text counts the
    donors, ``còn lại 396 người hiến máu``; ``đạt 106,5% chỉ tiêu tỉnh giao`` over ``Cả năm | | 1.600 | 1.690``):
    that cell is the year's amount, so that a change against last year (``tăng 54 đơn vị``), a rate of the plan and
    another report's row for this unit are checked against it. Marked ``total_row``: the table rules check the cell
    against its rows already."""
    from pipeline.tables.vocabulary import MEANINGS

    year = view.report_year
    if year is None or doc.identity is None or doc.identity.type_code == "KH" \
            or _PART_IN_HEADER.search(normalize_ws(match_form(doc.identity.period or "")).lower()):
        return  # (a report on part of the year: its tables total the part; a plan's, what is planned)
    for kind, unit in (("units_received", "đơn vị máu"), ("units_quota", "đơn vị máu")):
        if any(f.kind == kind and f.attrs.get("year") == year and f.attrs.get("drive_no") is None
               and not f.attrs.get("about") and "part_of" not in f.attrs and not f.attrs.get("plan") for f in figs.items):
            continue  # the text gives it
        found = []
        for table in doc.tables:
            totals = table.total_rows()
            caption = match_form(" ".join(c.header for c in table.columns) + " " + table.caption).lower()
            if len(totals) != 1 or _PLANNED_TABLE.search(caption) or other_part_of_year(doc, table) \
                    or _rows_are_years(table):
                continue  # (rows of years, "2021 | 2022 | 2023 | Cộng 3 năm": the total is of them all, no year's)
            for col in table.columns:
                m = MEANINGS.get(col.meaning or "")
                cell = totals[0].cell(col.index)
                if m is None or m.figure != kind or col.guessed or m.name.endswith("_prev_year") \
                        or col.year not in (None, year) or _PART_IN_HEADER.search(normalize_ws(match_form(col.header)).lower()) \
                        or cell is None or not isinstance(cell.value, int) or cell.span is None \
                        or (rng := view.range_of(cell.span)) is None:
                    continue
                found.append((table, totals[0], cell, rng))
        if len({cell.value for _, _, cell, _ in found}) != 1:
            continue  # none, or tables that total differently (which is the year's is not known)
        table, row, cell, rng = found[0]
        figs.add(kind, cell.value, *rng, attrs={
            "year": year, "drive_no": None, "plan": False, "table": table.id, "row": row.index, "column": cell.col,
            "total_row": True}, unit=unit, label=f"{row.label} ({table.columns[cell.col].header})",
            confidence=cell_confidence(cell))


def _table_drives(view: View, figs: Figures, table: Table, doc: Document) -> None:
    """A table whose rows are drives (a Đợt column, or rows named "Đợt 1"): each row's figures become the
    drive's figures, so that the drive rules check them like drives written in prose."""
    cols = {c.meaning: c.index for c in table.columns if c.meaning and not (c.guessed and c.meaning == "quota")}
    # (a quota only the numbers named, under no header words, may be the people registered: no drive's quota)
    data = table.data_rows()
    numbers = [_drive_no(r, cols) for r in data]
    if "drive_no" in cols:
        numbers = fill_sequence(numbers)
        if None in numbers and all(n == k + 1 for k, n in enumerate(numbers) if n is not None) \
                and _dated_rows(data, cols):
            numbers = list(range(1, len(data) + 1))  # numbers OCR lost in rows of their own dates: by position
        read = [n for n in numbers if n is not None]
        if len(read) != len(set(read)) and _distinct_dates(data, cols) and data \
                and all(c.conf is not None for r in data if (c := r.cell(cols["drive_no"])) is not None):
            # "Đot I" read for Đợt II and III on a scan (a Roman numeral's strokes lost), each row on a date of
            # its own: the drives in the order of their rows
            numbers = list(range(1, len(data) + 1))
    elif not any(numbers) and _dated_rows(data, cols):
        numbers = list(range(1, len(data) + 1))  # numbered rows each held on a date of its own: one drive each
    rows = [(r, n) for r, n in zip(data, numbers) if n is not None]
    if len(rows) < 2 and "drive_no" not in cols:
        return
    heads = [normalize_ws(match_form(c.header)).lower() for c in table.columns]
    planned_table = bool(_PLANNED_TABLE.search(match_form(" ".join(c.header for c in table.columns) + table.caption))) \
        and not any(_DONE_HEAD.search(h) and not _PLANNED_TABLE.search(h) for h in heads)
    # (a column of what was done, "Ngày thực hiện" beside "Ngày theo kế hoạch": the drives held, the plan beside them)
    part = other_part_of_year(doc, table)  # "Cộng 6 tháng cuối năm" in a year's report: that half's drives
    for row, no in rows:
        anchor = next((c for c in row.cells if c.span is not None), None)
        if anchor is None:
            continue
        where = view.range_of(anchor.span)
        if where is None:
            continue
        p = view.paragraph_at(where[0])
        called_off = _cancelled(row, cols)
        planned = planned_table or p.plan or doc.identity.type_code == "KH" or called_off
        date_cell = row.cell(cols["date"]) if "date" in cols else None
        dates = find_dates(match_form(date_cell.best)) if date_cell is not None and date_cell.span is not None else []
        if not dates and planned and not planned_table:  # a drive called off: the day it was planned for
            date_cell = next((c for c in sorted(row.cells, key=lambda c: c.col) if c.span is not None
                              and table.columns[c.col].meaning == "date" and find_dates(match_form(c.best))), None)
            dates = find_dates(match_form(date_cell.best)) if date_cell is not None else []
        # the section's year, else the year the row's date names (a heading OCR damaged)
        year = p.year if p.year is not None else next((d.year for d in dates if d.year), None)
        base = {"table": table.id, "row": row.index, "year": year, "drive_no": no}
        if part:
            base["about"] = part
        for meaning, kind in _TABLE_KINDS.items():
            cell = row.cell(cols[meaning]) if meaning in cols else None
            rng = view.range_of(cell.span) if cell is not None and cell.span is not None else None
            if cell is None or cell.value is None or rng is None or (called_off and not cell.value):
                continue  # (a drive called off received nothing: its "-" is no figure of its plan)
            attrs = {**base, "column": cell.col}
            if kind != "percent_of_plan":
                attrs["plan"] = planned
            value = float(cell.value) if kind == "percent_of_plan" else int(cell.value)
            figs.add(kind, value, *rng, attrs=attrs, unit="%" if kind == "percent_of_plan" else None,
                     label=f"đợt {no} ({table.columns[cell.col].header})", confidence=cell_confidence(cell))
        if dates and (rng := view.range_of(date_cell.span)):
            figs.add("drive_date", dates[0].iso(year), *rng,
                     attrs={"table": table.id, "row": row.index, "year": year, "drive_no": no,
                            "status": "planned" if planned else "held"}, label="ngày tổ chức")
