"""The document as one matchable text, its paragraphs and their context, and figure building.

Lines (``Line.best``: restored where restoration ran) are joined with newlines into one text, so
that a figure whose words break across a line end still matches; every offset found in it maps
back to one line, and a figure's ``Span`` is built on the line where its value starts.
Paragraphs (see ``paragraphs.py``) continue over line wraps and page breaks; each carries the
context its figures inherit: the year, whether it is a plan, the drive (đợt) number and the award
level of the section it is in.
"""

from __future__ import annotations


import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.nlp import Tokens, tokenize
from pipeline.numbers import parse_count, parse_number, parse_ordinal
from pipeline.extract.paragraphs import LineLayout, in_capitals, paragraph_ranges
from pipeline.kinds import KINDS
from pipeline.model import Document, Figure, make_span
from pipeline.text import match_form, normalize_ws, skeleton


@dataclass
class LinePos:
    page: int
    line: int
    start: int  # offset of the line in the joined text
    end: int
    restored: bool


@dataclass
class Paragraph:
    start: int
    end: int
    year: int | None = None
    plan: bool = False
    drive_no: int | None = None
    level: str | None = None  # award level of the section: province | district | all


_ROMAN_HEADING = re.compile(r"^[#*\s]*[ivx]{1,4}\.\s")
# A section heading in capitals whose numeral OCR misread (II. -> IH. / I. -> L. / 1I, / II: / _H): still a section.
_OCR_ROMAN_HEADING = re.compile(r"^[#*_\s]*[ivxlh1|]{1,4}[.,:]?\s")
_NUMBERED = re.compile(r"^[#*\s]*\d+(?:\.\d+)*\.?\s")
SHORT_HEADING = 90  # characters: a numbered heading, no paragraph
_HEADING_RANKS = ((re.compile(r"^[#*\s]*[ivx]{1,4}[.)]\s"), 3), (re.compile(r"^[#*\s]*\d{1,2}[.)]\s"), 2),
                  (re.compile(r"^[#*\s]*[a-z][.)]\s"), 1))


def _heading_rank(t: str) -> int:
    """How high a numbered heading stands: Roman 3, digits 2, letters 1; 0 for no numbered heading."""
    return next((rank for pattern, rank in _HEADING_RANKS if pattern.match(t)), 0)


_YEAR_HEADING = re.compile(r"^[#*\s]*(?:\d{1,2}[.)]|[a-z]\)|[ivx]{1,4}\.)?\s*nam\s+((?:19|20)\d\d)\s*:?\s*$")
_TOP_NUMBERED = re.compile(r"^[#*\s]*\d+\.\s")
_PLAN_HEADING = re.compile(r"nhiem vu|phuong huong|ke hoach|muc tieu")
# a period still to come, in a heading of tasks ("Phương hướng, nhiệm vụ thời gian tới"; a six-month report's
# "Nhiệm vụ 6 tháng cuối năm")
_TIME_AHEAD = re.compile(r"\b(?:(?:(?:\d{1,2}|sau|ba|\S) )?thang cuoi nam|quy (?:iv|4)\b(?: nam)?|thoi gian toi|nam toi|sap toi|tiep theo|"
                         r"con lai)\b")
# a section of tasks for a period named (a quarter, some months, a year): what is to be done, no result
_TASKS_OF_PERIOD = re.compile(r"^[#*\s]*[ivx]{1,4}[.,]\s*(?:nhiem vu|phuong huong)(?:\s*(?:,|va)\s*(?:giai phap|nhiem vu|phuong huong))?"
                              r"(?:\s+(?:trong tam|chu yeu))?\s+(?:quy|thang|(?:\d{1,2}|sau) thang)\b(?!.*\b(?:da|ket qua)\b)")
SECTION_HEADING_MAX = 200  # characters: a longer paragraph in capitals is not a heading
PLAN_HEADING_MAX = 80  # characters: a paragraph in capitals this short naming a plan and a year heads its section
BODY_PARAGRAPH = 120  # characters: a paragraph of running text this long has begun the body (past the title)
_PLAN_START = re.compile(r"^[#*\s]*(?:phan thu \w+\s+|[a-e][.)]\s+)?(?:ke hoach|phuong huong|nhiem vu|muc tieu)\b")  # ("D. PHƯƠNG ...")
_PART_HEADING = re.compile(r"^[#*\s]*(?:phan thu \w+|phan [ivx]+\b|chuong [ivx\d]+\b)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_JOINED = re.compile(r"(?:\bva|,)\s*$")  # "Đợt III (16/9/2023) và Đợt IV": joined right before the second
JOINED_REACH = 40  # characters between two drives named together (a date in brackets), not each with its own clause
def _joined(sentence: str, inline: list) -> bool:
    """The last two drives named in ``sentence`` (``inline``: their matches) are named together: joined right before
    the second (``và``, a comma), a few characters apart, with no figure of their own between."""
    if len(inline) < 2:
        return False
    between = sentence[inline[-2].end():inline[-1].start()]
    return bool(_JOINED.search(between)) and len(between) <= JOINED_REACH and ";" not in between \
        and not _FIGURE_BETWEEN.search(between)


_FIGURE_BETWEEN = re.compile(r"\d[\d.,]*\s*(?:don vi|dv\b|nguoi|luot)")  # a figure of its own between two drives named
# "l" alone: OCR's 1 or I ("Đợt L có 298 lượt người")
_ORDINAL = (r"\d{1,2}|thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi|\d{1,2})|mot|hai|ba|bon|nam|sau|i{1,3}|iv|dau|"
            r"vi{0,3}|l")
_DRIVE = re.compile(rf"^[#*+\-\s~–—•·]*[dp]ot\s*({_ORDINAL})\b")  # "Pot 2": old OCR's P for Đ
_LEVEL = re.compile(r"^[#*\s]*\d+(?:\.\d+)*\.?\s+(?:[a-z]+ ){0,3}?cap (tinh|huyen|xa|thanh pho|co so)\b")
_LEVEL_HEADING = re.compile(r"^[#*\s]*cap (tinh|huyen|xa|thanh pho|co so)\b[\w\s,]{0,30}$")
# the award level a level word names ("cấp tỉnh", "Cấp huyện, thành phố"; match form), here and in awards.py
LEVEL_WORDS = {"tinh": "province", "huyen": "district", "thanh pho": "district", "xa": "commune", "co so": "commune"}
_CLAUSE_END = re.compile(r";|\.\s")
_SENTENCE_END = re.compile(r"\.\s")


def _in_closed_aside(text: str, m: re.Match) -> bool:
    """Whether a match stands in brackets that close before the end of ``text`` (the figure's position): ``So với
    đầu năm (... cuối năm 2022 là 5.781 hộ), số hộ nghèo giảm 623 hộ``: the aside's year is no year of the figure."""
    return text.count("(", 0, m.start()) > text.count(")", 0, m.start()) and ")" in text[m.end():]
# (not "đợt 1, 2 và 3", "đợt hai, đợt ba": one of drives listed together; "đợt thứ ba, cũng là đợt đông nhất," is)
INLINE_DRIVE = _INLINE_DRIVE = re.compile(rf"(?<![\d.] )(?<!\bmoi )\bdot\s*({_ORDINAL})\b(?!\s*(?:hien|lay|van dong|tap trung))"
                           r"(?!\s*,\s*(?:(?:va\s+)?[dp]ot\b|\d|(?:thu\s+)?(?:mot|hai|ba|bon|tu|nam|sau|i{1,3}|iv|v)\b))"
                           rf"|\bdot (?:hien|lay) mau (?:tinh nguyen |tap trung |luu dong )?(thu\s+\w+)\b")
# drives a paragraph counts as "lần" ("tổ chức 2 lần hiến máu tập trung: lần thứ nhất ngày ...; lần thứ hai ..."):
# there, and only there, "lần thứ hai" is a drive (elsewhere it counts a person's donations)
_DRIVES_AS_TIMES = re.compile(r"\b(?:to chuc|tien hanh|trien khai)\s+(?:duoc\s+)?(?:\d{1,2}|hai|ba|bon|nam)\s+lan\s+"
                              r"(?:hien|lay|tiep nhan)\s+mau")
_INLINE_TIME = re.compile(r"\blan\s+(thu\s+\w+)\b")
# sessions a report counts as its drives ("tổ chức 6 buổi hiến máu tình nguyện ... Buổi thứ nhất, ngày 11/02, ... tiếp
# nhận 86 đơn vị"): after that count, in its paragraph or the ones that follow it, "buổi thứ hai" is a drive
_DRIVES_AS_SESSIONS = re.compile(r"\b(?:to chuc|tien hanh|trien khai)\s+(?:duoc\s+)?(?:\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|"
                                 r"muoi)\s+buoi\s+(?:hien|lay|tiep nhan)\s+mau")
_INLINE_SESSION = re.compile(r"\bbuoi\s+(thu\s+\w+)\b")
SESSIONS_LEAD = 1500  # characters before a paragraph where the count of sessions it goes through may stand
_TIME_ITEM = re.compile(r"^[#*+\-\s~–—•·]*lan\s+(thu\s+\w+)\b")
_COUNTS_DRIVES = re.compile(r"\b(?:to chuc|tien hanh|trien khai)\b[^.;]{0,40}?\b(?:\d{1,2}|hai|ba|bon|nam)\s+(?:dot|lan)\b"
                            r"[^.;]*:\s*$")
_INLINE_YEAR = re.compile(r"\b(?:nam\s+|quy\s+[ivx1-4]+\s*/\s*)((?:19|20)\d\d)\b")  # "năm 2023", "quý III/2023"
_DATE_YEAR = re.compile(r"\b\d{1,2}\s*/\s*((?:19|20)\d\d)\b")  # the year of a date (15/7/2025, tháng 7/2025)
_MANY_UNITS = re.compile(r"^\W*(?:(?:cong chung|tong cong|tinh chung|cong)\s+)?(?:cac|\d{1,3}|hai|ba|bon|nam|sau|bay|tam|chin|"
                         r"muoi(?: \w+)?) (?:phuong|xa|thi tran|huyen|thon|ban|to dan pho|to|khu pho)"
                         r"(?:\s*(?:,|va)\s*(?:phuong|xa|thi tran|thanh pho|thi xa|huyen))*"
                         # "Các phường, xã thu được 773 đơn vị", "Chín huyện, thị xã, thành phố nhận 6.700 đơn vị",
                         # "Cộng chung 07 tổ theo dõi điểm hiến được 74 đơn vị"
                         r"(?=(?:\s+(?!(?:thu|tiep|nhan|dat|dong|hien)\b)[a-z]+){0,3}\s+(?:thu duoc|tiep nhan|nhan|dat|dong gop|hien)\b)"
                         r"|\b(?:giao|phan bo|chia|cua|danh cho)\s+(?:chi tieu\s+)?(?:cho\s+)?"
                         r"cac (?:xa|phuong|thi tran|huyen|thi xa|thanh pho|don vi|dia phuong)"
                         r"(?:\s*,\s*(?:xa|phuong|thi tran|huyen|thi xa|thanh pho))*")
# the figure of the period compared with, right after its words: "so với cùng kỳ (918 đơn vị)", "cùng kỳ là 144 người",
# "so với năm trước (1.062 người)"
_SAME_PERIOD_BEFORE = re.compile(r"\b(?:cung\s*ky(?:\s+nam\s+truoc)?|so\s+voi\s+nam\s+truoc)\s*(?:\(\s*|(?:la|:)\s*)$")
_YEAR_RIGHT_AFTER = re.compile(r"[\d.,]*\s*(?:don vi|dv|nguoi|luot|ho)(?:\s+m[aeo]u)?\s+cua\s+nam\s+((?:19|20)\d\d)\b")
_SINGLED_OUT = re.compile(r"\b(?:rieng|chi co|duy nhat)\s*$")
# "đợt" as old OCR left it ("Ddt hai", "Pot bon", "4 bot"), before an ordinal or after a count: the same three
# letters put right, so that every offset of the match form still falls on its character
_DRIVE_WORD_OCR = re.compile(r"\b(?:ddt|pot|bot|dut|d0t)(?=\s+(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|thu|dau|"
                             r"\d{1,2}\b|[ivx]{1,4}\b))|(?<=\d )(?:ddt|pot|bot|dut|d0t)\b"
                             r"|(?<=- )dat(?=\s+(?:mot|hai|ba|bon|nam|sau)\b|\s+\d{1,2}\s*[:.)])"
                             r"|(?<=[-+] )(?:dat|bat|pat)(?=\s+\d{1,2}\s+(?:ngay|trong|tai|vao|thang)\b)")  # a list item's "- Đặt hai,",
# "- Đạt 1: Ngày 21/02/2024": restored wrong
# old OCR's w for ư inside a word ("thw hai", "nhận dwọc", "ngwời"): Vietnamese writes no w, so in the match form it
# is the u it stood for (one letter for one: every offset stays)
_W_FOR_U = re.compile(r"(?<=[b-df-hj-np-tv-z])w(?=[a-z]|\b)")
# "ddn vị": the ơ of "đơn" read as d; "dẫn ví máu", "180 đến vị": its ơ read as a or e, restored wrong
_UNIT_WORD_OCR = re.compile(r"\bddn(?= vi\b)|\bdan(?= vi mau\b)|(?<=\d )(?:dan|den)(?= vi\b)")
_LOCATION = re.compile(r"\b(?:tai|o|den|toi|trong|ve)\s*(?:diem\s+\w+\s*)?$")
# a unit further on in a list of places after "tại" ("lấy máu tại thị trấn A, xã B và xã C, tiếp nhận 675"): venues too
_LOCATION_LIST = re.compile(r"\b(?:tai|o)\s+[^\d;:.()]{2,160}?(?:,|\bva)\s*$")


def _names_listed(text: str) -> str:
    """The proper names a text starts with, listed with commas and "và" (``Tà Mít, Hố Mít và Nậm Cần``)."""
    out, rest = [], text
    while (name := _capitalised(rest.lstrip(" ,"))) is not None:
        out.append(name)
        rest = rest.lstrip(" ,")[len(name):]
        m = re.match(r"\s*(?:,|và|va)\s*", rest)
        if m is None:
            break
        rest = rest[m.end():]
    return ", ".join(out)


def _capitalised(text: str) -> str | None:
    """The capitalised words a text starts with (a proper name), up to four."""
    words = []
    for w in text.split()[:4]:
        if not w[:1].isupper():
            break
        words.append(w.rstrip(",.;:"))
        if w[-1:] in ",.;:":
            break
    return " ".join(words) or None
_ONE_MONTH = re.compile(r"(?<!\d )(?<!den )(?<!het )\b(?:trong |vao )?thang\s+(?:1[0-2]|0?[1-9])\b"
                        r"(?!\s*(?:/|nam|-|den\b))")  # not a range of months ("Từ tháng 01 đến hết tháng 6/2024")
# one quarter of the year ("Quý IV là thời điểm cao điểm với 1.739 đơn vị"), not a quarter's report's own ("Quý III/2024")
_ONE_QUARTER = re.compile(r"\bquy\s+(?:i{1,3}|iv|[1-4])\b(?!\s*/)")
_QUARTER_WORD = re.compile(r"\bquy\b")
# the first or last months of the year in a year's report ("6 tháng đầu năm (đợt 1, đợt 2) tiếp nhận 249 đơn vị"): a part
_SOME_MONTHS = re.compile(r"\b(?:\d{1,2}|sau|chin|ba) thang (?:dau|cuoi)(?: nam)?\b(?!\s*(?:19|20)\d\d)"
                          r"|\bso ket (?:6|sau) thang\b")  # "sơ kết 6 tháng": the first six months' review
_MONTHS_WORD = re.compile(r"\bthang\b")
# the year itself named after those months ("Cộng với 6 tháng đầu năm (...), ... đạt 67,9% chỉ tiêu năm 2022"): the year's
_WHOLE_YEAR_AFTER = re.compile(r"\bnam (?:19|20)\d\d\b|\bca nam\b|\bluy ke\b|\btinh den\b")
# one session of blood taking ("Buổi thứ nhất: ... tiếp nhận được 268 đơn vị máu"): a part of the year, no drive
# one cluster or zone of a district's units ("Cụm 2 thu được 165 đơn vị", "Khu vực I đạt 112,2%"): a part of its total
_ONE_CLUSTER = re.compile(r"\b(?:cum|khu vuc|vung)\s+(?:\d{1,2}|i{1,3}|iv|vi{0,3})\b(?!\s*[/.]\s*\d)"
                          r"|\b(?:cac )?(?:xa|ban|thon) vung (?:cao|thap|sau|trung tam|bien gioi)\b"  # "các xã vùng cao"
                          r"|\bdot (?:lay mau |hien mau )?luu dong\b(?! \d)")  # "đợt lưu động tại Dào San": one drive
_ONE_SESSION = re.compile(r"\bbuoi (?:hien mau |lay mau )?(?:thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi|\d{1,2})|\d{1,2}\b)")
# several years together ("Trong 3 năm 2022 - 2024", "giai đoạn 2020-2024", "sau 5 năm (2020 - 2024)"): no one year's
_YEARS_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")
# the years of a report over several years (its title's ``giai đoạn 2017 - 2019``) named without them: ``Trong 3
# năm``, ``sau ba năm``, ``cả giai đoạn``
_THE_YEARS = re.compile(r"\b(?:trong|sau|qua|ca)\s+(\d{1,2}|hai|ba|bon|nam|sau)\s+nam\b(?!\s+(?:19|20)\d\d)"
                        r"|\bca giai doan\b(?!\s+(?:19|20)\d\d)")
# a group of the reporting unit's bodies (``khối cơ quan``, ``khối trường học``, ``khối lực lượng vũ trang``): its
# figures are a part of the whole
# a figure written as the total of what its clause named, which counts every unit and more besides
_TOTAL_OF_NAMED = re.compile(r"\b(?:voi\s+)?tong\s+(?:so|cong)(?:\s+(?:la|chi tieu))?\s*:?\s*$")
_EVERY_UNIT_AND = re.compile(r"\b(?:\d{1,3}|cac|toan bo|tat ca)\s+(?:xa|phuong|huyen|thon|ban)\b[^.;]*\bva\b")
_GROUP_OF_UNITS = re.compile(r"\bkhoi\s+(?:cac\s+)?(?:co quan|don vi|can bo|cb|truong(?: hoc)?|luc luong(?: vu trang)?|doanh nghiep|"
                             r"hanh chinh|su nghiep|xa|phuong|thi tran|huyen|thanh pho|thi xa|dang|doan the)\b")
_JOINED = re.compile(r"[^\d;.]{0,30}?(?:\bva\b|,)[^\d;.]{0,30}")  # what stands between units named together
# the whole of a unit above the document's own ("toàn tỉnh" in a district's report): its figures are not the report's
_ABOVE = {"district": re.compile(r"\btoan tinh\b")}
_SUB_LEVELS = {  # unit words below a document's own level (match form)
    "province": re.compile(r"\b(?:huyen|thanh pho|thi xa|xa|phuong|thi tran)\b"),
    "district": re.compile(r"\b(?:xa|phuong|thi tran)\b"),
    "commune": re.compile(r"\b(?:thon|xom|ap|khom|to dan pho|khu pho)\b"),  # a commune's hamlets
}
_OPENS_ON_A_YEAR = re.compile(r"^\W*(?:trong\s+|den\s+het\s+|ca\s+)?nam\s+((?:19|20)\d\d)\s*,")  # "Năm 2023, ..."
_DATE_BEFORE = re.compile(r"thang\s*\d{1,2}\W{0,2}$")  # "tháng 02 năm 2023" is a date, not the year talked of
# words that make a figure the year's, not a drive's (also "chỉ tiêu tỉnh giao năm 2021 (700 đơn vị)")
_WHOLE_YEAR = re.compile(r"\btong cong\b|\btong so\b|\bca nam\b|\bluy ke\b|\bchi tieu\b[^,;]{0,30}\bnam (?:19|20)\d\d\b")
_COMPARED_WITH = re.compile(r"\bso (?:voi\s+)?(?:cung\s*ky\s+)?$|\btren co so (?:ket qua\s+)?$"
                            # "căn cứ vào dân số và kết quả thực hiện năm 2020": what a quota is based on
                            r"|\bcan cu(?: vao)?\b[^.;]{0,40}?\bket qua(?: thuc hien)?\s+$")
# ("tăng 8,7% so với năm 2023": the year compared with; "Trên cơ sở kết quả năm 2023, ... giao chỉ tiêu phấn đấu 1.050
# đơn vị": the year a figure is based on)
# a figure inside the brackets that open right after a year, or in the clause the year's "khi" / "là" opens ("So với
# năm 2021, khi xã tiếp nhận 58 đơn vị", "so với năm 2021 là 58 đơn vị"): the year's own
# "So với năm 2023, Nhà trường tiếp nhận 366 đơn vị, kết quả năm 2024 giảm 28 đơn vị": another year named later in the
# sentence with its change; the figures between are the year compared with
_CHANGED_YEAR_AHEAD = re.compile(r"^[^;]*?,[^;]*\bnam (?:19|20)\d\d\b[^;\d]{0,12}\b(?:tang|giam|bang|dat)\b")
_IN_BRACKETS_AFTER = re.compile(r"\s*\([^()]*$|\s*,?\s*(?:khi|luc|la)\b(?![^,;]*\bnam (?:19|20)\d\d\b)")


# OCR dust at a line break inside a sentence: a dash between a number and the lower-case word it counts ("tiếp nhận
# 6.482 -" / "đơn vị máu"; "thưởng 702.000" / "- đồng": a list item starts with a capital), a dot or comma before
# the first letter of a line that goes on a word ("cho 07 tập" / ".thể, 26 cá nhân").
_DASH_AT_BREAK = re.compile(r"(?<=\d)(?: -(?=\n[^\W\d_])|\n(-) (?=[^\W\d_]))|(?<=\w)\n([.,'`~])(?=[^\W\d_])")


# The words before a number that make it a difference, not a total: "tăng 40 đơn vị", "vượt 40 đơn vị so với chỉ
# tiêu", "còn thiếu 60 đơn vị", "giảm 350 hộ" ("vượt chỉ tiêu 40 đơn vị" names the quota it exceeded); match form
DIFFERENCE_BEFORE = re.compile(r"\b(?:vuot|tang|giam|thieu|hut|hon|them|chenh lech)(?: (?:duoc|them|len|xuong|khoang|gan|tren|muc))*\s*$"
                               # "cao hơn năm 2023 là 400 đơn vị", "thấp hơn so với kế hoạch là 25"
                               r"|\b(?:cao|thap|nhieu|it) hon\b[^,;.\d]{0,30}?\b(?:nam\s+(?:19|20)\d\d|ke hoach|chi tieu|"
                               r"cung ky|nam truoc|(?:quy|dot)\s+(?:[ivx]+|[1-4])|thang\s+\d{1,2})(?:\s+(?:la|khoang|gan))?\s*$")
# ("Kết quả quý II thấp hơn quý I 23 đơn vị": the difference, no amount of quý I)


# A dash OCR glued between a number and the lower-case word it counts ("52 tập thể, 214-cá nhân"); a code keeps its
# capitals ("số 25-KH"), a range its digits ("14-6").
_DASH_GLUED = re.compile(r"(?<=\d)-(?=[^\W\d_])")


# A question mark OCR glued to a word inside a sentence ("đợt thứ? hai ngày"): reports ask no questions there;
# a dot between two words with no space ("sáu mươi hai lượt.người"): a speck, not a full stop.
_GLUED_QUESTION = re.compile(r"(?<=[^\W\d_])\?(?= [^\W\d_])|(?<=[^\W\d_]{2})\.(?=[^\W\d_]{2})")


_DOT_BEFORE_COUNTED = re.compile(r"(?<=\d)\.(?=(?:ca nhan|tap the|ho gia dinh|nguoi|luot|don vi|dot)\b)")


# An achieved / planned pair whose slash OCR read as a dash ("tiếp nhận 440-400 đơn vị máu"): a range goes up,
# so two counts going down around a dash, before the word of what they count, are the pair.
_DASH_PAIR = re.compile(r"(?<![\d.,/-])(\d{1,3}(?:\.\d{3})*|\d+)-(\d{1,3}(?:\.\d{3})*|\d+)(?= (?:don vi|dv|nguoi|luot|ho)\b)")


def _dash_pairs(norm: str) -> str:
    out = list(norm)
    for m in _DASH_PAIR.finditer(norm):
        a, b = parse_number(m.group(1)), parse_number(m.group(2))
        if isinstance(a, int) and isinstance(b, int) and a > b:
            out[m.end(1)] = "/"
    return "".join(out)


# thousands written with a space ("1 640 đơn vị", "1 105 đơn vị loại 350 ml"): a group of 1-3 digits, one space, three
# digits, no number around them and no counter word before (``Đợt 1 412 đơn vị`` is a drive and its count)
_SPACED_NUMBER = re.compile(r"(?<![\w.,/])\d{1,3}( \d{3})+(?![\d.,]|\s\d)")


def _spaced_thousands(norm: str) -> str:
    """``norm`` with the spaces inside thousands written "1 640" made dots ("1.640"): one length, one token."""
    out = list(norm)
    found = list(_SPACED_NUMBER.finditer(norm))
    if len(found) < SPACED_STYLE_MIN:
        return norm  # one such pair is no way of writing numbers: "thành công 14 578 người" ("là" read as 14)
    for m in found:
        before = norm[max(0, m.start() - 8):m.start()].split()
        if before and before[-1] in _COUNTERS:
            continue  # "đợt 1 412 đơn vị": a drive's number and its count
        for k in range(m.start(), m.end()):
            if norm[k] == " ":
                out[k] = "."
    return "".join(out)


SPACED_STYLE_MIN = 3  # numbers written "1 640" in a text for the space to be its way of grouping thousands
_COUNTERS = {"dot", "lan", "thang", "quy", "ngay", "nam", "tuan", "so", "muc", "phan", "dieu", "khoan", "diem", "cum",
             "ban", "to", "khoa", "tiet", "stt", "tt", "xa", "thu"}


def _blank_break_dust(text: str, norm: str) -> str:
    """``norm`` (same length as ``text``) with such marks as spaces, for matching only."""
    norm = _spaced_thousands(_dash_pairs(norm))
    out = list(norm)
    for m in _GLUED_QUESTION.finditer(text):
        after = text[m.end() + 1] if text[m.start()] == "?" else text[m.end()]
        if after.islower():
            out[m.start()] = " "
    for m in _DASH_GLUED.finditer(text):
        if text[m.end()].islower():
            out[m.start()] = " "
    for m in _DOT_BEFORE_COUNTED.finditer(norm):  # "03.cá nhân": a speck between a count and what it counts
        out[m.start()] = " "
    for m in _DASH_AT_BREAK.finditer(text):
        mark = 1 if m.group(1) else 2 if m.group(2) else 0
        after = m.end() if mark else m.end() + 1  # the first letter of the next line
        if after < len(text) and text[after].islower():
            out[m.start(mark) if mark else m.start() + 1] = " "
    return "".join(out)


_DOT_LEADER = re.compile(r"\s?(?:\.{3,}|\u2026+)(?=\s?:?\s*\S)")


class View:
    """Joined text of a document: ``text`` (best), ``norm`` (match form, line ends as spaces)."""

    def __init__(self, doc: Document):
        self.doc = doc
        pieces: list[str] = []
        self.lines: list[LinePos] = []
        pos = 0
        layout: list[LineLayout] = []
        for page, line in doc.iter_lines():
            t = line.best
            self.lines.append(LinePos(page.number, line.number, pos, pos + len(t), line.restored is not None))
            layout.append(LineLayout(t, page.number, line.box, line.block))
            pieces.append(t)
            pos += len(t) + 1
        self.text = "\n".join(pieces)
        norm = _W_FOR_U.sub("u", _blank_break_dust(self.text, match_form(self.text)).replace("\n", " "))
        norm = _DOT_LEADER.sub(lambda m: " " * len(m.group()), norm)  # "giao ........ 2.200 đơn vị": a leader, no dots
        self.norm = _UNIT_WORD_OCR.sub("don", _DRIVE_WORD_OCR.sub("dot", norm))
        self._starts = [lp.start for lp in self.lines]
        self.tokens: Tokens = tokenize(self.norm)
        self.paragraphs = [
            Paragraph(self.lines[first].start, self.lines[last].end) for first, last in paragraph_ranges(layout)
        ]
        self._para_starts = [p.start for p in self.paragraphs]
        self.sub_levels: re.Pattern | None = None
        self.above: re.Pattern | None = None
        self.report_year: int | None = None

    # -- positions --------------------------------------------------------------------------
    def line_at(self, pos: int) -> LinePos:
        return self.lines[max(0, bisect.bisect_right(self._starts, pos) - 1)]

    def paragraph_at(self, pos: int) -> Paragraph:
        k = bisect.bisect_right(self._para_starts, pos) - 1
        if k >= 0 and pos <= self.paragraphs[k].end:
            return self.paragraphs[k]
        return Paragraph(pos, pos)

    def paragraph_before(self, p: Paragraph) -> Paragraph | None:
        """The paragraph before ``p`` (None for the first, or a position in none)."""
        k = bisect.bisect_left(self._para_starts, p.start)
        found = k < len(self._para_starts) and self._para_starts[k] == p.start
        return self.paragraphs[k - 1] if found and k > 0 else None

    def paragraph_after(self, p: Paragraph) -> Paragraph | None:
        """The paragraph after ``p`` (None for the last, or a position in none)."""
        k = bisect.bisect_left(self._para_starts, p.start)
        found = k < len(self._para_starts) and self._para_starts[k] == p.start
        return self.paragraphs[k + 1] if found and k + 1 < len(self.paragraphs) else None

    def best(self, start: int, end: int) -> str:
        """Best text of a range, line ends as spaces, markdown emphasis removed."""
        return normalize_ws(self.text[start:end].replace("*", " ").replace("\n", " "))

    def repaired(self, start: int, end: int) -> bool:
        """Whether matching this range needed OCR repairs (match form differs from the skeleton)."""
        return self.norm[start:end] != skeleton(self.text[start:end]).replace("\n", " ")

    def para_norm(self, p: Paragraph) -> str:
        return self.norm[p.start : p.end]

    def around(self, p: Paragraph, pos: int, before: int = 300, after: int = 250) -> str:
        """Match-form text near ``pos`` inside its paragraph (a topic test that stays local even
        in text without blank lines)."""
        return self.norm[max(p.start, pos - before) : min(p.end, pos + after)]

    def clause_before(self, p: Paragraph, pos: int) -> str:
        """Match-form text from the last clause boundary (; or sentence end) in the paragraph to ``pos``."""
        seg = self.norm[p.start : pos]
        cut = 0
        for m in _CLAUSE_END.finditer(seg):
            cut = m.end()
        return seg[cut:]

    def sentence_end(self, p: Paragraph, pos: int) -> int:
        """Where the sentence ``pos`` is in ends (the next ". " in the paragraph, else the paragraph's end)."""
        end = self.norm.find(". ", pos, p.end)
        return p.end if end < 0 else end

    def clause_end(self, p: Paragraph, pos: int) -> int:
        """Where the clause ``pos`` is in ends (``;``, a sentence end, else the paragraph's end)."""
        semi = self.norm.find(";", pos, p.end)
        return min(self.sentence_end(p, pos), semi if semi >= 0 else p.end)

    def sentence_before(self, p: Paragraph, pos: int) -> str:
        """Match-form text from the last sentence end in the paragraph to ``pos``."""
        seg = self.norm[p.start : pos]
        return seg[max((m.end() for m in _SENTENCE_END.finditer(seg)), default=0):]

    def year_and_drive(self, p: Paragraph, pos: int) -> tuple[int | None, int | None]:
        """Year and drive of a value: the paragraph's, unless the text before it in the paragraph
        names another drive in the same sentence (``...; đợt 2 tiếp nhận ...``) or its clause names a year (``năm 2023``)."""
        before = self.norm[p.start : pos]
        sentence = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0) :]
        drive = p.drive_no
        # a drive named in brackets closed before the figure is an aside ("342 đơn vị máu (đợt 1: 151 đơn vị; đợt 2:
        # 191 đơn vị), đạt 103,6% chỉ tiêu năm"): the figure after it is not that drive's
        inline = [m for m in _INLINE_DRIVE.finditer(sentence)
                  if not (sentence.count("(", 0, m.start()) > sentence.count(")", 0, m.start())
                          and ")" in sentence[m.end():])]
        if inline:
            drive = parse_ordinal(inline[-1].group(1) or inline[-1].group(2))
            if _joined(sentence, inline):
                drive = None  # "Đợt III (16/9) và Đợt IV (25/11) với chỉ tiêu 685": the two drives', neither's alone
        elif _DRIVES_AS_TIMES.search(before) and (inline := list(_INLINE_TIME.finditer(sentence))):
            drive = parse_ordinal(inline[-1].group(1))
        elif (inline := list(_INLINE_SESSION.finditer(sentence))) \
                and _DRIVES_AS_SESSIONS.search(self.norm[max(0, p.start - SESSIONS_LEAD):pos]):
            drive = parse_ordinal(inline[-1].group(1))
        clause = self.clause_before(p, pos)
        if _WHOLE_YEAR.search(clause):
            drive = None
        # a year a figure is compared with is not the figure's ("tăng 8,7% so với năm 2023 và bằng 103,9% chỉ
        # tiêu"), unless the figure follows it at once or in the brackets after it ("so với năm 2023 (1.050 đơn
        # vị)", "So với năm 2023 (tiếp nhận 980 đơn vị)")
        ahead = self.norm[pos:self.sentence_end(p, pos)]
        years = [m.group(1) for m in _INLINE_YEAR.finditer(clause)
                 if not _in_closed_aside(clause, m)
                 and not (_COMPARED_WITH.search(clause[:m.start()]) and re.search(r"[a-z]", clause[m.end():])
                         and not _IN_BRACKETS_AFTER.match(clause[m.end():])
                         and not _CHANGED_YEAR_AHEAD.search(ahead.replace(f"nam {m.group(1)}", "")))]
        if not years and inline and _INLINE_DRIVE.search(clause):
            years = _DATE_YEAR.findall(clause)  # a drive's own date names its year ("Đợt 2 tháng 7/2025, ...")
        if not years and p.year is not None:  # the clause names none: the year an earlier clause of the sentence
            # names ("Đầu năm 2022 có 1.250 hộ nghèo; trong năm có 320 hộ thoát nghèo" in a later year's report)
            years = [m.group(1) for m in _INLINE_YEAR.finditer(sentence)
                     if not _DATE_BEFORE.search(sentence[:m.start()]) and not _COMPARED_WITH.search(sentence[:m.start()])
                     and not _in_closed_aside(sentence, m)]
        if not years and p.year is None:  # a document without a year of its own: the paragraph's last one
            years = [m.group(1) for m in _INLINE_YEAR.finditer(before) if not _DATE_BEFORE.search(before[:m.start()])]
        if (own := _YEAR_RIGHT_AFTER.match(self.norm, pos)) is not None:
            years = [own.group(1)]  # "so với kết quả 8.050 đơn vị của năm 2022": the year named right after it
        year = parse_number(years[-1]) if years else p.year
        if not years and year is not None and _SAME_PERIOD_BEFORE.search(before):
            year -= 1  # "so với cùng kỳ (918 đơn vị)", "cùng kỳ năm trước là 144 người": the year before's
        if year != p.year and not inline:
            drive = None  # another year's figure inside a drive paragraph
        return year, drive

    def opening_year(self, p: Paragraph) -> int | None:
        """The year a paragraph opens on (``Năm 2023, số người đăng ký tăng lên ...``), or None."""
        m = _OPENS_ON_A_YEAR.match(self.norm[p.start:p.end])
        return int(m.group(1)) if m else None

    def joint_drives(self, p: Paragraph, pos: int) -> str | None:
        """The drives a figure is of together (``Đợt III (16/9) và Đợt IV (25/11) với chỉ tiêu 685``): their words,
        when its sentence names two or more drives joined with no figure of their own between; else None."""
        before = self.norm[p.start:pos]
        sentence = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0):]
        inline = list(_INLINE_DRIVE.finditer(sentence))
        if not _joined(sentence, inline):
            return None
        base = pos - len(sentence)
        return normalize_ws(self.best(base + inline[-2].start(), base + inline[-1].end()))

    def names_own_period(self, p: Paragraph, pos: int) -> bool:
        """Whether the part of the year the clause before ``pos`` names last is the report's own (``quý III`` in a
        report of quý III: "(6 tháng đầu năm 38 đơn vị, quý III 113 đơn vị)")."""
        return self._last_period(self.clause_before(p, pos))[1]

    def _last_period(self, clause: str) -> tuple[re.Match | None, bool]:
        """The part of the year (a month, a session, a cluster, some months, a quarter) a clause names last, and
        whether it is the report's own quarter."""
        periods = []  # each part of the year named: the last named is the figure's

        def aside(m) -> bool:  # in brackets closed before the figure: "Lũy kế 9 tháng (Quý I: ...; Quý III: ...), 4.628"
            close, opening = clause.find(")", m.end()), clause.find("(", m.end())
            return close >= 0 and (opening < 0 or opening > close)

        for rx in (_ONE_MONTH, _ONE_SESSION, _ONE_CLUSTER):
            periods += [m for m in rx.finditer(clause) if not aside(m)]
        if not _MONTHS_WORD.search(match_form(self.doc.identity.period or "").lower()):  # a six months' report: its own
            periods += [m for m in _SOME_MONTHS.finditer(clause) if not aside(m)
                        and not _COMPARED_WITH.search(clause[:m.start()]) and not _WHOLE_YEAR_AFTER.search(clause[m.end():])]
        own = match_form(self.doc.identity.period or "").lower()
        own_quarter = _ONE_QUARTER.search(own)
        if not _QUARTER_WORD.search(own) or own_quarter is not None:  # a quarter's report: its own quarter is its own
            # "Quý III/2024 đạt 3.613 đơn vị, gồm tháng 07 ... 1.402": the month named after the quarter is the figure's
            # (in a report of quý III, "quý I tiếp nhận 180 đơn vị" is another quarter's)
            periods += [m for m in _ONE_QUARTER.finditer(clause) if not aside(m)]
        if not periods:
            return None, False
        m = max(periods, key=lambda m: m.start())
        return m, own_quarter is not None and normalize_ws(m.group(0)) == normalize_ws(own_quarter.group(0))

    def sub_unit(self, p: Paragraph, pos: int) -> str | None:
        """What the clause before ``pos`` says a figure is about when it is not the document's own total: a
        unit below the document's level (``riêng xã Pa Ủ mới tiếp nhận 14/15 ...`` in a district's report: a
        level word and a capitalised name), one month (``tháng 6 có ... 812 đơn vị``) or several years
        (``Trong 3 năm 2022 - 2024, toàn tỉnh tiếp nhận 15.950 ...``)."""
        clause = self.clause_before(p, pos)
        base = pos - len(clause)
        span = None
        for m in _YEARS_SPAN.finditer(clause):
            if int(m.group(1)) < int(m.group(2)):
                span = f"{m.group(1)} - {m.group(2)}"
                if re.search(r"\bnam\s+(?:19|20)\d\d\b", clause[m.end():]):
                    span = None  # "tổng kết giai đoạn 2020 - 2024, năm 2024 toàn thành phố ...": that one year's
        if span is None and (m := _THE_YEARS.search(clause)) is not None:
            span = self._the_years(m.group(1))
        if span:
            return span  # a figure of several years is no year's total
        m, own = self._last_period(clause)
        if m is not None and not own:
            return normalize_ws(self.text[base + m.start():base + m.end()])
        if self.above is not None and self.doc.identity.issuer and (m := self.above.search(clause)) is not None:
            return normalize_ws(self.text[base + m.start():base + m.end()])  # "toàn tỉnh ... 9.318" in a district's report
        # the document's level unknown (a letterhead OCR damaged): only a unit singled out ("riêng xã X") is a part
        levels, singled = (self.sub_levels, False) if self.sub_levels else (_SUB_LEVELS["province"], True)
        found, at = None, -1
        named: list[tuple[int, int]] = []  # (start, end) in the clause of each unit or group named
        for m in levels.finditer(clause):
            if _LOCATION.search(clause[:m.start()]) or _LOCATION_LIST.search(clause[:m.start()]):
                continue  # "lấy máu tại thị trấn X": where a drive was held, not what the figure is about
            if singled and not _SINGLED_OUT.search(clause[:m.start()]):
                continue
            name = _capitalised(self.text[base + m.end():base + m.end() + 40])
            if name and clause[:m.start()].endswith(("cac ", "hai ", "ba ", "cum ")):  # ("cụm xã A - B - C")
                # "các xã Tà Mít, Hố Mít, Nậm Cần đạt dưới 50%": several units together, no one unit's figure
                names = _names_listed(self.text[base + m.end():base + len(clause)])
                found, at = normalize_ws(self.text[base + m.start() - 4:base + m.end()] + " " + names), m.start()
                continue
            if name:
                found, at = normalize_ws(self.text[base + m.start():base + m.end()] + " " + name), m.start()
                named.append((m.start(), m.end() + 1 + len(name)))
        for m in _MANY_UNITS.finditer(clause):  # "giao cho các huyện, thị xã, thành phố là 6.300": together
            if m.start() > at and not _LOCATION.search(clause[:m.start()]):  # not "bình xét tại các bản"
                found, at = normalize_ws(self.text[base + m.start():base + m.end()]), m.start()
        for m in _GROUP_OF_UNITS.finditer(clause):  # "khối cơ quan, đơn vị huyện ... với 80/342 đơn vị máu": a group's
            if _LOCATION.search(clause[:m.start()]):
                continue
            named.append((m.start(), m.end()))
            if m.start() > at:
                found, at = normalize_ws(self.text[base + m.start():base + m.end()]), m.start()
        named.sort()
        # several named together ("Khối cơ quan, đơn vị huyện và Thị trấn Sìn Hồ ... chiếm 210/523"): the figure is
        # theirs together, no one unit's
        k = len(named) - 1
        while k > 0 and _JOINED.fullmatch(clause[named[k - 1][1]:named[k][0]]) \
                and named[k - 1][1] <= named[k][0]:
            k -= 1
        if found is not None and k < len(named) - 1:
            found = normalize_ws(self.text[base + named[k][0]:base + named[-1][1]])
        if found is not None and _TOTAL_OF_NAMED.search(clause) and _EVERY_UNIT_AND.search(clause):
            return None  # "giao cho 12 xã, thị trấn và khối cơ quan, đơn vị huyện với tổng số 780": all of them together
        return found

    def _the_years(self, count: str | None) -> str | None:
        """The years a report over several years covers (its title's ``2017 - 2019``) when ``count`` years (None:
        all of them) are that many."""
        m = _YEARS_SPAN.search(match_form(self.doc.identity.title or ""))
        if m is None or int(m.group(1)) >= int(m.group(2)):
            return None
        n = parse_count(count) if count else None
        if n is not None and n != int(m.group(2)) - int(m.group(1)) + 1:
            return None
        return f"{m.group(1)} - {m.group(2)}"

    # -- context ----------------------------------------------------------------------------
    def annotate(self, report_year: int | None, doc_is_plan: bool, level: str | None = None,
                 date_year: int | None = None) -> None:
        """Give each paragraph the year, plan flag, drive number and award level it falls under; learn from
        the document's own level (its issuer's) which unit levels are below it."""
        self.report_year = report_year or date_year
        self.sub_levels = _SUB_LEVELS.get(level or "", None)
        if level == "commune" and not re.search(r"\b(?:xa|phuong|thi tran)\b", match_form(self.doc.identity.issuer or "")):
            self.sub_levels = None  # "xã" read in the body of a text with no letterhead: no commune's own report
        self.above = _ABOVE.get(level or "")
        year, plan, level = report_year, doc_is_plan, None
        in_sections = False  # a Roman-numbered section was seen: the body is divided into sections
        heading_rank = 0  # the rank of the heading that gave ``year`` (a report without a year of its own)
        counted = False  # the paragraph before counted drives: items that open "Lần thứ ..." are drives
        numbered_plan = False  # a heading numbered in digits opened a plan section
        self._roman_seen = 0  # the highest Roman numeral of a section heading so far
        for p in self.paragraphs:
            t = self.para_norm(p)
            if self._section_heading(t, p, in_sections):
                in_sections = True
                years = [parse_number(y) for y in _YEAR.findall(t)]
                ahead = [y for y in years if report_year is None or y > report_year]
                if ahead and (_PLAN_HEADING.search(t) or len(years) == 1):
                    # "III. PHƯƠNG HƯỚNG NĂM 2024", or a section of a report named by a later year alone (its plan
                    # words garbled: "PHUONG HUDNG NIM 2024")
                    year, plan = ahead[0], True
                elif _PLAN_HEADING.search(t) and _TIME_AHEAD.search(t) or _TASKS_OF_PERIOD.match(t):
                    # "NHIỆM VỤ 6 THÁNG CUỐI NĂM", "IV. NHIỆM VỤ QUÝ II NĂM 2024" in the first quarter's report
                    year, plan = report_year, True
                else:
                    year, plan = report_year, doc_is_plan
                level = None
                heading_rank = 0
            elif (heading := _YEAR_HEADING.match(t)) is not None:
                # "1. Năm 2017" alone on its line: what follows is of that year (a report over several years)
                year = int(heading.group(1))
                plan = doc_is_plan or (report_year is not None and year > report_year)
                heading_rank = _heading_rank(t)
            elif report_year is None and (rank := _heading_rank(t)) and len(t) <= SHORT_HEADING \
                    and ". " not in t.rstrip(". ").split(" ", 1)[-1] and rank >= heading_rank:
                # a report over several years: "2. Kết quả năm 2023 theo từng đơn vị" gives what follows its year; a
                # heading as high naming none ("3. Công tác tôn vinh") ends it
                named = set(_YEAR.findall(t))
                year = parse_number(named.pop()) if len(named) == 1 else None
                heading_rank = rank if year is not None else 0
            elif _NUMBERED.match(t):
                if _TOP_NUMBERED.match(t) and len(t) <= SHORT_HEADING:
                    # "5. Nhiệm vụ năm 2024" in a report whose sections are numbered in digits: a plan section, to
                    # the next heading of that rank
                    head = _TOP_NUMBERED.sub("", t, count=1)
                    ahead = [y for y in (parse_number(y) for y in _YEAR.findall(head))
                             if report_year is None or y > report_year]
                    if _PLAN_START.match(head) and (ahead or _TIME_AHEAD.search(head)):
                        year, plan, numbered_plan = (ahead[0] if ahead else report_year), True, True
                    elif numbered_plan:
                        year, plan, numbered_plan = report_year, doc_is_plan, False
                m = _LEVEL.search(t[:80])
                if m:
                    level = LEVEL_WORDS[m.group(1)]
                elif _TOP_NUMBERED.match(t):
                    level = None
            elif m := _LEVEL_HEADING.match(t):  # "Cấp tỉnh" alone on its line: a heading whose numeral OCR lost
                level = LEVEL_WORDS[m.group(1)]
            m = _DRIVE.match(t) or (counted and _TIME_ITEM.match(t))
            p.year, p.plan, p.level = year, plan, level
            p.drive_no = parse_ordinal(m.group(1)) if m else None
            # "tổ chức 02 đợt lấy máu, cụ thể:" then "+ Lần thứ nhất, ngày ...": items that count times are drives
            counted = bool(_COUNTS_DRIVES.search(t)) or (counted and bool(m))

    def _section_heading(self, t: str, p: Paragraph, in_sections: bool) -> bool:
        """``I. ...`` headings; and, in capitals, a numeral OCR misread (``IH.``, ``L.``), a part (``PHẦN THỨ
        HAI``), a plan of a year (``KẾ HOẠCH NĂM 2021``) or, once the body has Roman sections, a heading whose
        numeral OCR lost (``H, NHIỆM VỤ ... NĂM 2025``)."""
        if (m := _ROMAN_HEADING.match(t)) is not None:
            value = parse_ordinal(m.group(0).strip(" #*.").lower())
            # "I. Tổ chức 06 đợt lấy máu ..." under "III. NHIỆM VỤ ...": OCR's I for the 1 of an item, in running
            # text (sections do not count back, and their headings are short or in capitals)
            if value is not None and value <= self._roman_seen and not in_capitals(self.best(p.start, p.end)) \
                    and p.end - p.start > SHORT_HEADING:
                return False
            self._roman_seen = max(self._roman_seen, value or 0)
            return True
        if p.end - p.start > SECTION_HEADING_MAX or not in_capitals(self.best(p.start, p.end)):
            return False
        return bool(_OCR_ROMAN_HEADING.match(t)) or in_sections or bool(_PART_HEADING.match(t)) \
            or (self._body_started(p) and p.end - p.start <= PLAN_HEADING_MAX and bool(_PLAN_START.match(t))
                and bool(_YEAR.search(t)))

    def _body_started(self, p: Paragraph) -> bool:
        """Whether a paragraph of running text (not the title's lines in capitals) comes before ``p``."""
        return any(q.end - q.start >= BODY_PARAGRAPH and not in_capitals(self.best(q.start, q.end))
                   for q in self.paragraphs if q.end <= p.start)

    # -- spans ------------------------------------------------------------------------------
    def table_lines(self) -> set[tuple[int, int]]:
        """(page, line) of every line a table cell was read from: a table's row, not prose."""
        return {(c.span.page, c.span.line) for t in self.doc.tables for r in t.rows for c in r.cells if c.span}

    def range_of(self, span) -> tuple[int, int] | None:
        """Where a Span (of a table cell, say) lies in the joined text; None when its line is not here."""
        if not hasattr(self, "_by_line"):
            self._by_line = {(lp.page, lp.line): lp for lp in self.lines}
        lp = self._by_line.get((span.page, span.line))
        if lp is None:
            return None
        if lp.restored:
            if span.rest_start is None or span.rest_end is None:
                return None
            return lp.start + span.rest_start, lp.start + span.rest_end
        return lp.start + span.start, lp.start + span.end

    def span(self, start: int, end: int):
        """Span of a value found at [start, end) in the joined text (cut at its line's end)."""
        lp = self.line_at(start)
        end = min(end, lp.end)
        while end > start + 1 and self.text[end - 1].isspace():
            end -= 1
        return make_span(self.doc, lp.page, lp.line, start - lp.start, end - lp.start, restored=lp.restored)

    def glued(self, start: int) -> bool:
        """Whether a letter sticks to the front of the figure at ``start`` with no space ("B95" read for 595):
        a word OCR garbled, whose digits may be short of one."""
        return start > 0 and self.text[start - 1].isalpha()

    def raw_word_before(self, pos: int) -> str | None:
        """The word just before ``pos`` on its line as OCR read it (before restoration); None at a line's start
        or where the line has no token map."""
        token = self.token_before(pos)
        return token.raw if token is not None else None

    def token_before(self, pos: int):
        """The restoration's token just before ``pos`` on its line (raw word, restored word, confidence), or None."""
        lp = self.line_at(pos)
        at = pos - lp.start
        tokens = [t for t in self.doc.line(lp.page, lp.line).tokens if t.rest_end <= at]
        if not tokens or at - tokens[-1].rest_end > 2:
            return None
        return tokens[-1]

    def ocr_confidence(self, span) -> float | None:
        """The lowest confidence (0..100) OCR gave a word of the span's raw text; None where its line was not OCR'd."""
        if span is None:
            return None
        line = self.doc.line(span.page, span.line)
        confs = [w.conf for w in line.words if w.conf is not None and w.start < span.end and w.end > span.start]
        return min(confs) if confs else None

    def flagged(self, start: int, end: int) -> bool:
        """Whether restoration marked any token of the range as a low-confidence guess."""
        lp = self.line_at(start)
        s, e = start - lp.start, min(end, lp.end) - lp.start
        line = self.doc.line(lp.page, lp.line)
        return any(t.flagged and t.rest_start < e and t.rest_end > s for t in line.tokens)


OCR_DOUBT = 50.0  # a figure OCR read with less confidence (0..100) keeps that share of its confidence
GLUED = 0.4  # a figure's confidence when a letter sticks to its front: a mismatch on it is only unverifiable
RESTATED_WITHIN = 40  # characters: the same figure written again this close is one figure


def cell_confidence(cell) -> float:
    """A figure read from a table cell is as sure as the cell's OCR (0..100 -> 0..1; a text cell: 1)."""
    return 1.0 if cell.conf is None else max(0.0, min(1.0, cell.conf / 100))


@dataclass
class Figures:
    """Collects figures of one document, numbering ids per kind and setting spans and confidence."""

    view: View
    items: list[Figure] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        kind: str,
        value: Any,
        start: int,
        end: int,
        *,
        attrs: dict[str, Any] | None = None,
        qualifier: str = "exact",
        low: float | None = None,
        high: float | None = None,
        unit: str | None = None,
        label: str = "",
        confidence: float = 1.0,
    ) -> Figure:
        last = next((f for f in reversed(self.items) if f.kind == kind), None)
        if last is not None and last.value == value and (attrs or {}) == last.attrs:
            near = self.view.range_of(last.span)
            between = self.view.norm[near[1]:start] if near is not None else ""
            if near is not None and 0 <= start - near[1] <= RESTATED_WITHIN \
                    and ("(" in between or not re.search(r"\bva\b", between)):
                return last  # "bốn mươi lăm đơn vị máu (45 đơn vị máu)": one figure, written twice ("01 đợt tại
                # Trường THPT ... và 01 đợt tại ...": two items of a list)
        if last is not None and isinstance(value, int) and isinstance(last.value, int) and last.value != value \
                and not any(ch.isdigit() for ch in last.span.raw) and kind in KINDS and "in_words" in KINDS[kind].attrs:
            near = self.view.range_of(last.span)
            if near is not None and 0 <= start - near[1] <= RESTATED_WITHIN and "(" in self.view.norm[near[1]:start]:
                # "một trăm sáu mươi tư đơn vị máu (146 đơn vị)": the digits stand, the words say another number
                self.items.remove(last)
                attrs = {**(attrs or {}), "in_words": last.value}
        if self.view.repaired(start, end):
            confidence *= 0.85
        if self.view.flagged(start, end):
            confidence *= 0.6
        if self.view.glued(start):
            confidence *= GLUED
        span = self.view.span(start, end)
        ocr = self.view.ocr_confidence(span) if not (attrs and "table" in attrs) else None  # a cell: its own
        if ocr is not None and ocr < OCR_DOUBT:  # "4-40-4400" at 23 on a fax: a check on it cannot blame the report
            confidence *= max(ocr, 1.0) / 100
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        fig = Figure(
            kind=kind,
            value=value,
            span=span,
            unit=unit,
            qualifier=qualifier,
            low=low,
            high=high,
            label=label,
            attrs=attrs or {},
            confidence=round(confidence, 3),
            id=f"{kind}:{n}",
        )
        self.items.append(fig)
        return fig

    def rekind(self, fig: Figure, kind: str, label: str) -> Figure:
        """``fig`` as a figure of another kind (a breakdown's items are of its total's kind), in its place."""
        at = self.items.index(fig)
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        new = dataclasses.replace(fig, kind=kind, label=label, id=f"{kind}:{n}")
        self.items[at] = new
        return new
