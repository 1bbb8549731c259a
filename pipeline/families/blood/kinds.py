"""Blood donation figures: units of blood received and their quota, participants, percent of plan, drives."""

from pipeline.kinds import NUMBER, TEXT, kind

FAMILY = "blood"
# a figure of a drive or a year; read from a table row, it also says where
_DRIVE = ("year", "drive_no", "plan", "table", "row", "column", "total_row", "row_label", "place_code", "about", "part_of", "what",
          "in_words", "times")

kind("units_received", "units of blood received (tiếp nhận); drive_no None = the period's total", attrs=_DRIVE,
     family=FAMILY, words=("units received", "số đơn vị máu tiếp nhận"))
kind("units_quota", "units quota (chỉ tiêu); plan True for a plan", attrs=_DRIVE, family=FAMILY,
     words=("quota", "chỉ tiêu"))
kind("participants", "people who took part (lượt người)", attrs=_DRIVE, family=FAMILY,
     words=("participants", "số lượt người tham gia"))
kind("percent_of_plan", "percent of plan (vượt 134% kế hoạch)", value=NUMBER, attrs=_DRIVE + ("over_plan", "quota_of"),
     family=FAMILY, words=("percent of plan", "tỷ lệ % kế hoạch"), percent=True)
kind("drive_count", "number of drives (đợt)", attrs=("year", "plan", "about"), family=FAMILY,
     words=("number of drives", "số đợt"))
kind("drive_date", "ISO date of a drive", value=TEXT, attrs=("year", "drive_no", "status", "table", "row", "year_read"),
     family=FAMILY, words=("drive date", "ngày tổ chức"))
kind("drive_campaign", "campaign name (text in quotes)", value=TEXT,
     attrs=("year", "drive_no", "plan", "table", "row"), family=FAMILY, words=("campaign", "chương trình"))
kind("units_change_percent", "rise or fall of units received against an earlier year, in percent (tăng 12% so với "
     "cùng kỳ năm 2023)", value=NUMBER, attrs=("year", "direction", "compared_year", "against", "of", "with"), family=FAMILY,
     words=("change of units received", "tăng/giảm số đơn vị máu"), percent=True)
kind("units_change", "rise or fall of units received against an earlier year, in units (tăng 72 đơn vị so với năm "
     "2023)", attrs=("year", "direction", "compared_year", "against", "of"), family=FAMILY,
     words=("change of units received", "tăng/giảm số đơn vị máu"))
kind("people_change_percent", "rise or fall of a count of people (registered, taking part) against an earlier year, "
     "in percent (số người đăng ký tăng 23,6%)", value=NUMBER,
     attrs=("year", "direction", "compared_year", "counted", "of", "with", "before"), family=FAMILY,
     words=("change of people", "tăng/giảm số người"), percent=True)
kind("people_change", "rise or fall of a count of people (registered, taking part) against an earlier year, in people "
     "(số người đăng ký tăng 84 người so với cùng kỳ)", attrs=("year", "direction", "compared_year", "counted", "of", "before"),
     family=FAMILY, words=("change of people", "tăng/giảm số người"))
kind("units_over_quota", "units received over (vượt) or short of (thiếu) the quota (vượt 115 đơn vị so với chỉ tiêu)",
     attrs=("year", "direction", "of", "about"), family=FAMILY, words=("units over the quota", "số vượt/thiếu so với chỉ tiêu"))
kind("screening", "people at a step of the donors' screening (58 người đăng ký; 02 người vắng mặt; 15 người không đủ "
     "điều kiện; 41 người hiến máu thành công)", attrs=("year", "drive_no", "step", "about"), family=FAMILY,
     words=("people screened", "số người qua khám sàng lọc"))
kind("share_percent", "the share of a whole a count of people or units is (chiếm 84,3% số người đăng ký)",
     value=NUMBER, attrs=("year", "of", "whole"), family=FAMILY, words=("share", "tỷ lệ chiếm"), percent=True)
