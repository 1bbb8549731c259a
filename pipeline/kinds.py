"""The figure vocabulary: every figure kind and every attribute a figure may carry, declared once.

The contract between extraction, reconciliation, audit and emit. A kind says what type its value has
and which attributes it may carry; an attribute says its type (and, for a closed set, its values).
``pipeline.contract`` checks every document against these after every stage, so a stage that writes an
undeclared attribute, or a value of the wrong type, fails at once instead of silently emptying a
column downstream.

Generic kinds (identity, references, periods, money, awards, counts) are declared here; a report family
declares its own kinds in its folder (``pipeline/families/<name>/kinds.py``) through the same ``kind``
function, registered when the family is imported (``pipeline.families``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pipeline.model import DriveStatus, Level, RecipientType

NUMBER = (int, float)
INT = (int,)
TEXT = (str,)
BOOL = (bool,)


@dataclass(frozen=True)
class AttrSpec:
    name: str
    types: tuple[type, ...]
    doc: str
    values: tuple[str, ...] | None = None  # a closed set, when there is one

    def accepts(self, value: Any) -> bool:
        if value is None:
            return True
        if isinstance(value, bool) and bool not in self.types:
            return False
        if not isinstance(value, self.types):
            return False
        return self.values is None or str(value) in self.values


@dataclass(frozen=True)
class KindSpec:
    name: str
    doc: str
    value: tuple[type, ...]
    attrs: frozenset[str]
    family: str | None = None  # None: generic
    words: tuple[str, str] | None = None  # what a message calls it: (English, Vietnamese)
    percent: bool = False  # its value is a percent (checked with the rounding it was printed with)


ATTRS: dict[str, AttrSpec] = {}
KINDS: dict[str, KindSpec] = {}


def attr(name: str, types: tuple[type, ...], doc: str, values: type[Enum] | tuple[str, ...] | None = None) -> None:
    """Declare a figure attribute (once)."""
    if name in ATTRS:
        raise ValueError(f"figure attribute {name!r} declared twice")
    closed = tuple(v.value for v in values) if isinstance(values, type) else values
    ATTRS[name] = AttrSpec(name, types, doc, closed)


def kind(name: str, doc: str, *, value: tuple[type, ...] = INT, attrs: tuple[str, ...] = (),
         family: str | None = None, words: tuple[str, str] | None = None, percent: bool = False) -> None:
    """Declare a figure kind (once), with the attributes it may carry."""
    if name in KINDS:
        raise ValueError(f"figure kind {name!r} declared twice")
    unknown = [a for a in attrs if a not in ATTRS]
    if unknown:
        raise ValueError(f"figure kind {name!r}: undeclared attribute(s) {unknown}")
    KINDS[name] = KindSpec(name, doc, value, frozenset(attrs), family, words, percent)


# -- attributes ------------------------------------------------------------------------------------------
attr("year", INT, "the year a figure belongs to")
attr("plan", BOOL, "a plan/target for a future period rather than an actual")
attr("level", TEXT, "administrative level the figure belongs to", Level)
attr("what", TEXT, "free text: what is counted")
attr("parts", TEXT, "a total written with its parts named in brackets: their names, match form, '; '-separated")
attr("measure", TEXT, "what a total measures, match form (san luong luong thuc co hat)")
attr("unit_word", TEXT, "the unit a total is written in, match form (tan, ha)")
attr("cites", TEXT, "the symbol of the document a quoted figure is taken from (21/BC-LĐTBXH)")
attr("corrected_to", NUMBER, "a correction: the value a figure a cited document wrote is corrected to (nay sửa lại là ...)")
attr("part_count", NUMBER, "a count's share: the count it is of (1.455 in 1.455 trẻ, chiếm 98,6% số trẻ sinh ra)")
attr("whole_count", NUMBER, "a count's share: the whole counted before it (1.512 trẻ được sinh ra)")
attr("whole", TEXT, "a share: the whole its words name after it (match form: dang ky, tham gia, don vi mau ...)")
attr("step", TEXT, "a step of donors' screening: registered (đăng ký), absent (không đến), came (đến, được khám), "
     "deferred (không đủ điều kiện, tạm hoãn), gave (đủ điều kiện và đã hiến, hiến thành công)",
     values=("registered", "absent", "came", "deferred", "gave"))
attr("purpose", TEXT, "what money is for (khen thưởng, hỗ trợ ...)")
attr("total", INT, "the y of an x/y coverage")
attr("rate_from", NUMBER, "a change in percentage points: the rate before (87,5 in ... (năm 2017 là 87,5%))")
attr("rate_to", NUMBER, "a change in percentage points: the rate after")
attr("unit_kind", TEXT, "what a coverage counts (xã, thị trấn)")
attr("item", TEXT, "what a material count counts (tờ rơi, băng rôn ...)")
attr("gazetteer_total", INT, "reconciliation: how many such units the gazetteer has on the document date")
attr("gazetteer_unit", TEXT, "reconciliation: the gazetteer code of the unit those units belong to")
attr("gazetteer_xa_total", INT, "reconciliation: how many of those units are xã (not phường, thị trấn)")
attr("gazetteer_period_total", INT, "reconciliation: how many such units the subject had at the end of the past year a report covers")
attr("code", TEXT, "doc_type: short code of the type (BC, KH, QĐ ...)")
attr("parent", TEXT, "issuer: the body printed above the issuer (UBND HUYỆN TAM ĐƯỜNG)")
attr("on_behalf", TEXT, "signatory_title: the TM./KT. line above the title (TM. BAN CHỈ ĐẠO)")
attr("day_from", TEXT, "doc_date: where a lost day digit came from ('signature timestamp')")
attr("year_read", INT, "doc_date, drive_date: the year as OCR read it, when one digit off the year it must be (2033 for "
                       "2023: the report's year; the year of the other drives its sentence dates)")
attr("number", INT, "reference: number of the cited document")
attr("type_code", TEXT, "reference: type code of the cited document (KH, QĐ)")
attr("issuer_body_code", TEXT, "reference: the issuing body's code in the cited symbol (UBND, TTg)")
attr("date", TEXT, "reference: ISO date of the cited document")
attr("issuer", TEXT, "reference: issuing body of the cited document as printed (UBND tỉnh Lai Châu)")
attr("doc_type", TEXT, "reference: type of the cited document (Kế hoạch, Quyết định)")
# figures read from table cells
attr("table", TEXT, "id of the table a cell figure comes from (t1)")
attr("row", INT, "row index (from 1) of the cell in its table")
attr("column", INT, "column index (from 0) of the cell in its table")
attr("total_row", BOOL, "the cell is in the table's total row")
attr("row_label", TEXT, "the row's name (a commune, a month, Tổng cộng)")
attr("place_code", TEXT, "gazetteer code of the unit a figure (or its table row) is about")
attr("within", BOOL, "coverage: the units counted are those of a part of the area (Khu vực II ... 09/10 xã)")
attr("met", BOOL, "coverage: the units counted are those that met their plan (12/13 xã đạt và vượt chỉ tiêu)")
attr("at_least", NUMBER, "units counted x/y whose rate reached a threshold: the threshold in percent (10/12 xã đạt tỷ lệ tiêm từ 95% trở lên)")
attr("times", INT, "how many items a figure is each item's amount for (mỗi xã 36 đơn vị, two communes named: 2); "
     "the figure counts that many times in a sum")
attr("about", TEXT, "what a figure is about when it is not the report's own total: a unit below the reporting "
     "unit (xã Pa Ủ), a part of the period (tháng 6) or several years (2020 - 2024), as written")
attr("part_of", TEXT, "money, award_count: the id of the total an amount or award breaks down (money:3)")
attr("quota_of", TEXT, "percent_of_plan: the quota it names after it, the year's (chỉ tiêu cả năm) or the reported "
     "part's (chỉ tiêu quý)", ("year", "period"))
attr("over_plan", NUMBER, "percent_of_plan: what the plan was exceeded by, as written (vượt 5,4% kế hoạch -> 5.4)")
attr("in_words", INT, "the number the words before it say when its digits in brackets say another (money: the words "
     "in brackets after it)")
attr("direction", TEXT, "a change: rise (tăng), fall (giảm), or the ratio to the year compared with (bằng 92% so với năm 2017)")
attr("compared_year", INT, "a change: the year compared with (so với năm 2023, so với cùng kỳ)")
attr("against", TEXT, "a change: the id of the figure compared with, when the text gives it (units_received:2)")
attr("of", TEXT, "a change: the id of the figure that changed")
attr("before", NUMBER, "a change of a count (or an amount): the count before it, written beside it (So với năm 2022 (4.012 đối tượng))")
attr("after", NUMBER, "a change of a count (or an amount): the count reached, written just before the comparison (lên 1.302 trẻ. So với ...)")
attr("change", TEXT, "an amount's change in percent: the id of the same change written in money (money:7)")
attr("count", NUMBER, "a count set against its plan: the count (count_plan_rate)")
attr("plan_count", NUMBER, "a count set against its plan: the plan (count_plan_rate)")
attr("exceeds", BOOL, "a rate of plan written as the excess over it (vượt 9,3%: count / plan - 100%)")
attr("change_of", TEXT, "an amount's change in money: the id of the amount that changed (money:17)")
attr("change_from", TEXT, "an amount's change in money: the id of the amount before it, in brackets (money:19)")
attr("before_of", TEXT, "an amount's change in percent: the id of the amount before it (money:4)")
attr("with", TEXT, "a change in percent: the id of the same change written in its units (tăng 84 người (23,6%))")
attr("counted", TEXT, "a change of people: what was counted (registered, participants)",
     ("registered", "participants"))
attr("per", TEXT, "money: the recipients one amount is paid to each of (tập thể; cá nhân, hộ gia đình)")
attr("each", TEXT, "a money total: the id of the amount each one got (mỗi hộ 3.500.000 đồng, tổng số tiền ...)")
attr("each_count", INT, "a money total: how many got the amount each (46 hộ), counted before it in the text")
# drives (the events a report counts: blood drives, ...), awards
attr("drive_no", INT, "drive (đợt) number; None for a year total")
attr("status", TEXT, "held | planned", DriveStatus)
attr("award_form", TEXT, "Bằng khen | Giấy khen | Kỷ niệm chương | Huy chương | Cờ thi đua | Thư khen | Giấy chứng nhận ...")
attr("award_issuer", TEXT, "UBND tỉnh | UBND huyện | Trung ương Hội CTĐ Việt Nam | ...")
attr("recipient_type", TEXT, "tập thể | cá nhân | hộ gia đình | all (a total of every type)", RecipientType)
attr("listed", INT, "award_list: how many items the list names")
attr("rate", INT, "award_count: money per recipient (đồng), when the text gives one")

# -- generic kinds ---------------------------------------------------------------------------------------
kind("doc_number", "number part of the document symbol (Số: 111/BC-BCĐ -> 111)")
kind("doc_symbol", "full symbol as printed, normalised (111/BC-BCĐ)", value=TEXT)
kind("doc_type", "Báo cáo | Kế hoạch | Quyết định | Công văn ...", value=TEXT, attrs=("code",))
kind("issuer", "issuing body as printed (BCĐ VĐHMTN huyện Tam Đường)", value=TEXT, attrs=("parent",))
kind("doc_date", "date of the place-date line, ISO 'YYYY-MM-DD' or partial 'YYYY-MM-??'", value=TEXT,
     attrs=("day_from", "year_read"))
kind("doc_place", "place of the place-date line (Tam Đường)", value=TEXT)
kind("report_year", "the year the report covers")
kind("title", "title below the document type", value=TEXT)
kind("signatory_name", "name under the signature", value=TEXT)
kind("signatory_title", "title above the signature (PHÓ TRƯỞNG BAN)", value=TEXT, attrs=("on_behalf",))
kind("reference", "a cited document: value = symbol (3653/KH-UBND)", value=TEXT,
     attrs=("number", "type_code", "issuer_body_code", "date", "issuer", "doc_type"))
kind("period_start", "ISO date a reported period starts (Từ ngày 01/12/2023 đến nay)", value=TEXT, attrs=("plan",))
kind("period_end", "ISO date a period ends, or 'now' for 'đến nay'", value=TEXT, attrs=("plan",))
kind("past_date", "ISO date the text gives to something that happened at a time of day (Khoảng 5 giờ sáng ngày "
     "23/7/2023, ...), later than the document's own date (A502)", value=TEXT, attrs=("plan",))
kind("counted_date", "ISO date of an item the report counts as having happened in its reporting period (Trong kỳ báo "
     "cáo ... xảy ra 03 vụ cháy rừng, cụ thể: - Vụ thứ nhất xảy ra ngày 09/12/2022 ...) (A503)", value=TEXT, attrs=("plan",))
kind("money", "amount in VND", attrs=("purpose", "level", "year", "what", "per", "part_of", "in_words", "table",
                                      "row", "column", "total_row", "row_label", "cites", "change_of", "change_from", "each", "each_count",
                                      "direction"), words=("money", "số tiền"))
kind("named_total", "a total written with its parts named in brackets (Tổng sản lượng lương thực có hạt (gồm lúa và "
     "ngô) đạt 4.787,3 tấn)", value=NUMBER, attrs=("parts", "measure", "unit_word"), words=("total of named parts", "tổng các phần nêu tên"))
kind("money_change_percent", "an amount's rise or fall in percent, written with the amount and the change in money "
     "(8.915 triệu đồng, tăng 1.375 triệu đồng (16,7%)), or with the amount before it in brackets (1.060 triệu đồng, tăng "
     "12,2% so với cùng kỳ năm 2023 (945 triệu đồng))", value=NUMBER, attrs=("of", "change", "before_of", "direction"),
     percent=True, words=("change of an amount", "tăng/giảm số tiền (%)"))
kind("coverage", "units established of an x/y coverage (13/13 xã, thị trấn)",
     attrs=("total", "unit_kind", "gazetteer_total", "gazetteer_unit", "gazetteer_xa_total", "gazetteer_period_total",
            "met", "within", "at_least"))
kind("coverage_percent", "the share an x/y coverage is said to be (9/16 xã đạt chuẩn, chiếm 56,3%)", value=NUMBER,
     attrs=("of",), percent=True, words=("share of units", "tỷ lệ đơn vị"))
kind("points_change", "a rate's rise or fall in percentage points, with the rates it is between (84,0% (năm 2017 là "
     "87,5%), giảm 3,5 điểm phần trăm)", value=NUMBER, attrs=("direction", "rate_from", "rate_to"))
kind("count_change", "a rise or fall of a count of anything, written with the count before it and the change in "
     "percent (So với năm 2022 (4.012 đối tượng), ... tăng 203 người, tương ứng 5,1%) or with the count reached "
     "before it (lên 1.302 trẻ. So với năm 2023 (1.265 trẻ), ... tăng 47 trẻ; đạt 48.969,8 tấn, tăng 1.248,2 tấn so với vụ "
     "Chiêm Xuân 2023 (47.721,6 tấn))", value=NUMBER, attrs=("direction", "before", "after"),
     words=("change of a count", "tăng/giảm số lượng"))
kind("count_share", "a count's share of a whole counted before it by the same words (1.512 trẻ được sinh ra ...; "
     "1.455 trẻ, chiếm 98,6% số trẻ sinh ra)", value=NUMBER, attrs=("part_count", "whole_count", "what"), percent=True,
     words=("share of a count", "tỷ lệ trên tổng số"))
kind("count_change_percent", "the percent of a count_change, or of the change between the count reached and the count "
     "before (là 214 người, tăng 17,5% so với năm 2022 (185 người))", value=NUMBER,
     attrs=("direction", "before", "change", "after"),
     percent=True, words=("change of a count (%)", "tăng/giảm số lượng (%)"))
kind("count_plan_rate", "a count of anything against its plan in one sentence, the rate it reached (295 lượt người "
     "trên kế hoạch được giao là 270 lượt, vượt 9,3%; 5.002,9 triệu đồng, bằng 66,7% dự toán (7.500 triệu đồng))",
     value=NUMBER, attrs=("count", "plan_count", "exceeds"), percent=True,
     words=("rate of a count's plan", "tỷ lệ so với kế hoạch"))
kind("corrected_figure", "a figure a correction letter says a cited document wrote, and what it is corrected to (Báo cáo "
     "đã ghi 186.500.000 đồng, nay sửa lại là 158.500.000 đồng)", value=NUMBER, attrs=("cites", "corrected_to", "what"),
     words=("figure corrected", "số liệu được đính chính"))
kind("quoted_count", "a count a sentence quotes from a document it cites by number (Theo Kế hoạch số 245/KH-HĐNVQS, "
     "toàn huyện gọi 660 công dân khám sức khỏe), or an amount of a measure (theo Báo cáo số 312/BC-UBND ... 4.318,4 ha "
     "rừng trồng bị gãy đổ); what: its first words after the count (the measure first)", value=NUMBER,
     attrs=("cites", "what"),
     words=("count quoted from a cited document", "số liệu trích từ văn bản dẫn chiếu"))
kind("column_total_stated", "a table column's total as the text states it, named by the column's header words "
     "(đã tiêm được 2.081 trẻ, under a column Đã tiêm; năng suất bình quân 71,4 tạ/ha)", value=NUMBER, attrs=("table", "column"),
     words=("column total in the text", "tổng của cột nêu trong lời văn"))
kind("items_met_stated", "items met out of items assessed as the text states it (đạt 17/19 tiêu chí), with how many "
     "a numbered list assessing them marks met (listed) and names (total)", attrs=("total", "listed", "what"),
     words=("items met", "số nội dung đạt"))
kind("items_left", "items not yet met as the text counts them after items met out of items assessed (đạt 17/19 tiêu "
     "chí; còn 02 tiêu chí chưa đạt): total the whole, listed those met", attrs=("total", "listed", "what"),
     words=("items not met", "số nội dung chưa đạt"))
kind("items_named", "a count of things the sentence then names (còn 03 tiêu chí chưa đạt là Giao thông và Nghèo đa chiều; "
     "4 doanh nghiệp là: Công ty ..., Ngân hàng ...); listed: the names it lists", attrs=("what", "listed"),
     words=("things named", "số mục được kể tên"))
kind("units_named", "a count of units the sentence then names (Có 3 xã ..., gồm: xã A, xã B và xã C)",
     attrs=("unit_kind",), words=("units named", "số đơn vị được kể tên"))
kind("units_tabled", "a count of units whose sentence points to a table of them (cho 13 xã ..., chi tiết tại Phụ lục), or of other things right before their table (tổ chức tại 05 điểm, cụ thể:)",
     attrs=("unit_kind",), words=("units in a table", "số đơn vị trong bảng"))
kind("count", "any other counted thing (part_of: the count it is a part of)", attrs=("what", "part_of"))
kind("material_count", "campaign materials (tờ rơi, băng rôn ...)", attrs=("item",))
kind("club_count", "clubs", attrs=("what",))
kind("club_members", "club members")
kind("award_count", "recipients of one award form from one issuer",
     attrs=("award_form", "award_issuer", "recipient_type", "level", "year", "rate", "table", "row", "column",
            "row_label", "part_of", "listed"), words=("awards", "khen thưởng"))
kind("award_total", "recipients summed by the report", attrs=("recipient_type", "level", "year", "award_form",
                                                                       "table", "row", "column"),
     words=("award total", "tổng khen thưởng"))
kind("award_list", "recipients a list heading states (Tập thể (07): A; B; ...); attrs.listed = the items it lists",
     attrs=("recipient_type", "listed"), words=("listed recipients", "danh sách khen thưởng"))

def figure_kinds() -> dict[str, str]:
    """kind -> what it is (for docs and --help)."""
    return {k.name: k.doc for k in KINDS.values()}
