"""What the columns of blood-donation tables mean, and the identities they obey."""

from pipeline.tables.vocabulary import column_sum, meaning, ratio, subcolumn

FAMILY = "blood"

# (``KH`` and ``TH``: the abbreviations of kế hoạch and thực hiện, "KH năm 2024 | TH quý I")
meaning("quota", r"\bchi tieu\b", r"\bke hoach(?: giao)?\b", r"\bduoc giao\b", r"^\s*kh\b(?!\s*/)", additive=True, family=FAMILY,
        figure="units_quota")
meaning("received", r"\btiep nhan\b", r"\bthuc hien\b", r"^\s*th\b(?!\s*/)", r"\bket qua\b", r"\b(?:so )?(?:don vi mau|dv mau|dvm)\b",
        r"^\s*so don vi\s*$",  # "Số đơn vị" alone over a blood table's figures (its "máu" lost, or not written)
        r"\bthu (?:duoc|gom)\b", r"^\s*(?:so )?(?:luong )?mau\b",
        r"^\s*(?:so )?(?:don vi )?nhap(?: kho)?\b",  # a blood bank's "Nhập kho": what came in
        additive=True, family=FAMILY, figure="units_received")
# what is still to be received to reach the plan ("Còn phải thực hiện", "Còn lại", "Còn thiếu"): no result
meaning("remaining", r"\bcon (?:phai|lai|thieu)(?: (?:thuc hien|tiep nhan|phai thuc hien))?\b", additive=True,
        family=FAMILY)
# an earlier year's result or quota (``Năm 2023 / Thực hiện``): set against the text's figure of that year when the
# header names the year
meaning("received_prev_year", r"\bket qua nam truoc\b", r"\bcung ky\b", additive=True, family=FAMILY,
        figure="units_received")
meaning("quota_prev_year", additive=True, family=FAMILY, figure="units_quota")
# a rate against last year's result ("So với cùng kỳ (%)", "So sánh 2024/2023 (%)"); a rise or fall ("Tăng/giảm so
# với cùng kỳ (%)": 8,3 for 108,3) is another number, checked by nothing
meaning("percent_prev_year", r"^(?!.*\b(?:tang|giam)\b).*\b(?:cung ky|nam truoc|so sanh)\b", percent=True,
        family=FAMILY)
meaning("change_prev_year", r"\b(?:tang|giam)\b", family=FAMILY)
# units received over the people who registered ("Tỷ lệ (% so với số đăng ký)", "Thu được/đăng ký (%)")
meaning("percent_registered", r"\bso\s+voi (?:so )?(?:luot )?(?:nguoi )?dang ky\b",
        r"\b(?:thu duoc|tiep nhan|hien mau)\s*/\s*(?:so )?(?:nguoi )?dang ky\b", percent=True, family=FAMILY)
meaning("change_prev_year_percent", r"\b(?:ty le )?(?:tang|giam)\b", percent=True, family=FAMILY)
meaning("participants", r"\bnguoi tham gia\b", r"\bluot nguoi\b", r"\bso nguoi (?:hien|den)\b",
        r"^(?!.*\bdon vi\b)\s*(?:so )?(?:luot )?(?:doan vien|can bo|chien si|hoc sinh|sinh vien|thanh nien)\b.*\btham gia\b",
        r"^\s*(?:so )?nguoi hien\b", additive=True, family=FAMILY, figure="participants")
meaning("eligible", r"(?<!khong )(?<!chua )\b(?:so )?(?:nguoi )?du (?:dieu kien|tieu chuan|dk)\b", additive=True,
        family=FAMILY)  # after screening
# those screening turned away ("Số người không đủ điều kiện hiến", "Tạm hoãn", "Không đủ ĐK", whose Đ old OCR reads as P)
meaning("deferred", r"\b(?:khong|chua) du (?:dieu kien|tieu chuan|dk|pk)\b", r"\btam hoan\b", r"\bhoan hien\b", additive=True, family=FAMILY)
meaning("registered", r"\b(?:so )?(?:luot )?(?:nguoi )?dang ky\b", additive=True, family=FAMILY)
meaning("sessions", r"\bso buoi\b", r"\bbuoi lay mau\b", r"\bso diem lay mau\b", additive=True, family=FAMILY)
meaning("units_250", r"\b250\s*ml\b", r"\btui (?:mau )?250\b", additive=True, family=FAMILY)  # ("Túi 250" / "ml")
meaning("units_350", r"\b350\s*ml\b", r"\btui (?:mau )?350\b", additive=True, family=FAMILY)  # ("Túi 350" / "ml")
meaning("units_450", r"\b450\s*ml\b", r"\btui (?:mau )?450\b", additive=True, family=FAMILY)
# blood received where it was given: at the hospital or blood centre's own site, and on mobile drives
meaning("received_fixed", r"^\s*(?:tai |o )?(?:benh vien|vien|trung tam|diem (?:hien mau )?co dinh|co dinh)\b",
        additive=True, family=FAMILY)
meaning("received_mobile", r"^\s*(?:lay mau |thu gom |hien mau )?luu dong\b", additive=True, family=FAMILY)
# ABO blood groups side by side (``Nhóm A | Nhóm B | Nhóm O | Nhóm AB``; OCR reads O as 0): the units received by group
meaning("blood_group", r"^\s*nhom mau(?: abo)?\s*$", text=True, family=FAMILY)  # the rows' group: O, A, B, AB
meaning("group_a", r"^\s*(?:nhom\s*(?:mau\s*)?)?a\s*$", additive=True, family=FAMILY)
meaning("group_b", r"^\s*(?:nhom\s*(?:mau\s*)?)?b\s*$", additive=True, family=FAMILY)
meaning("group_o", r"^\s*(?:nhom\s*(?:mau\s*)?)?[o0]\s*$", additive=True, family=FAMILY)
meaning("group_ab", r"^\s*(?:nhom\s*(?:mau\s*)?)?ab\s*$", additive=True, family=FAMILY)
# a blood bank's balance by month: stock at the start, received, issued, discarded, stock at the end (stocks are no
# flows: a total row does not sum them)
meaning("stock_start", r"^\s*(?:so )?ton (?:kho )?(?:dau|dau ky|dau thang|dau nam)\b", family=FAMILY)
meaning("stock_end", r"^\s*(?:so )?ton (?:kho )?(?:cuoi|cuoi ky|cuoi thang|cuoi nam)\b", family=FAMILY)
meaning("issued", r"^\s*(?:so )?(?:don vi )?(?:cap phat|xuat(?: kho)?|phat ra)\b", additive=True, family=FAMILY)
meaning("discarded", r"^\s*(?:so )?(?:don vi )?(?:huy|loai bo|khong dat)\b", additive=True, family=FAMILY)
meaning("donation_count", r"\bso lan\b", r"\blan hien\b", family=FAMILY)
# "Đợt" / "Đợt thứ" numbers the rows; "Đợt 1 | Đợt 2 | Đợt 3" side by side are each one drive's amounts
_ONE_DRIVE_HEAD = r"^\s*(?:dot|lan)\s*(?:thu\s*)?(?:\d{1,2}|[ivx]{1,4}|nhat|hai|ba|tu)\s*$"
meaning("drive_no", r"^\s*dot\s*$", r"^\s*(?:dot|dot thu)\b(?! hien mau)(?!\s*(?:thu\s*)?(?:\d{1,2}|[ivx]{1,4}|nhat|hai|ba|tu)\s*$)",
        family=FAMILY, text=False)
meaning("drive_count", r"^\s*so dot\b", additive=True, family=FAMILY,  # "Số đợt tổ chức": how many, not which
        figure="drive_count")
meaning("drive_value", _ONE_DRIVE_HEAD, additive=True, family=FAMILY)  # a drive's units side by side under the result (A603 sums them)
meaning("drive_count_plan", additive=True, family=FAMILY)  # "Kế hoạch / Số đợt": the drives planned

# a quota or a result split in two sub-columns (``Chỉ tiêu giao`` over ``Số người | Đơn vị``): the units are the
# quota or result, the people the donors aimed at or who gave
meaning("quota_people", additive=True, family=FAMILY)
_UNITS_CHILD = r"^(?:so )?(?:don vi|dv)(?: mau)?$|^so luong(?: mau)?$|^(?:so )?(?:don vi|dv) mau$"
_PEOPLE_CHILD = r"^(?:so )?(?:luot )?nguoi$"
subcolumn("quota", _UNITS_CHILD, "quota")
subcolumn("received", _UNITS_CHILD, "received")
subcolumn("quota", _PEOPLE_CHILD, "quota_people")
subcolumn("received", _PEOPLE_CHILD, "participants")
subcolumn("quota", r"^so dot\b", "drive_count_plan")
subcolumn("received", r"^so dot\b", "drive_count")
# a result split by drive (``Kết quả thực hiện`` over ``Đợt 1 | Đợt 2 | Cộng``): each drive's units, and their total
_TOTAL_CHILD = r"^(?:cong|tong cong|tong so|tong|ca nam)$"
_DRIVE_CHILD = r"^(?:dot|lan)\s*(?:thu\s*)?(?:\d{1,2}|[ivx]{1,4}|nhat|hai|ba|tu)$"
subcolumn("received", _TOTAL_CHILD, "received")
subcolumn("quota", _TOTAL_CHILD, "quota")
subcolumn("received", _DRIVE_CHILD, "drive_value")
# under ``So với năm trước`` (``Tăng (+), giảm (-)``): the difference in units and in percent
subcolumn("percent_prev_year", _UNITS_CHILD, "change_prev_year")
subcolumn("change_prev_year", _UNITS_CHILD, "change_prev_year")
subcolumn("change_prev_year", r"^\(?%\)?$|^ty le\b", "change_prev_year_percent")

ratio("percent", "received", "quota", family=FAMILY)  # đạt (%) = tiếp nhận / chỉ tiêu
ratio("percent_prev_year", "received", "received_prev_year", family=FAMILY)  # so với cùng kỳ (%)
ratio("percent_registered", "received", "registered", family=FAMILY)  # thu được / đăng ký (%)
column_sum("received", ("received_fixed", "received_mobile"), family=FAMILY)
column_sum("received", ("units_250", "units_350"), family=FAMILY)
column_sum("received", ("units_250", "units_350", "units_450"), family=FAMILY)
column_sum("received", ("group_a", "group_b", "group_o", "group_ab"), family=FAMILY)
column_sum("stock_end", ("stock_start", "received"), minus=("issued", "discarded"), family=FAMILY)  # tồn cuối
column_sum("change_prev_year", ("received",), minus=("received_prev_year",), family=FAMILY)  # tăng/giảm (đơn vị)
ratio("change_prev_year_percent", "change_prev_year", "received_prev_year", family=FAMILY)  # tăng/giảm (%)
