"""A report of one drive (a commune's blood-donation day): its figures are also the drive's. Text written for
the test."""

from tests.test_tables import run

ONE = """ỦY BAN NHÂN DÂN
XÃ PHÚC KHOA

Số: 12/BC-UBND            Phúc Khoa, ngày 20 tháng 5 năm 2023

BÁO CÁO
Kết quả tổ chức hiến máu tình nguyện tại xã Phúc Khoa năm 2023

Thực hiện Kế hoạch số 30/KH-BCĐ ngày 02/3/2023 của Ban Chỉ đạo huyện về tổ chức hiến máu tình nguyện đợt II
năm 2023, Ủy ban nhân dân xã báo cáo như sau:

Buổi lấy máu diễn ra vào sáng ngày 12/5/2023 tại nhà văn hóa bản Nà Cang.

Có 70 lượt người đến đăng ký; xã đã tiếp nhận 52 đơn vị máu, vượt chỉ tiêu 50 đơn vị máu huyện giao, đạt 104,0%.
"""


def drive_figures(doc):
    return {(f.kind, f.attrs.get("drive_no")): f.value for f in doc.figures if f.attrs.get("drive_no") is not None}


def test_a_report_of_one_drive_gives_the_drive_its_figures_date_and_count():
    doc = run(ONE)
    got = drive_figures(doc)
    assert got[("units_received", 2)] == 52 and got[("units_quota", 2)] == 50
    assert got[("percent_of_plan", 2)] == 104.0 and got[("drive_date", 2)] == "2023-05-12"
    assert [f.value for f in doc.figures if f.kind == "drive_count"] == [1]
    # the year totals stay as they are
    assert [f.value for f in doc.figures if f.kind == "units_received" and f.attrs.get("drive_no") is None] == [52]
    assert not [f for f in doc.findings if f.status == "mismatch"]


def test_a_report_that_names_several_drives_is_not_one_drive():
    doc = run(ONE.replace("hiến máu tình nguyện đợt II\nnăm 2023", "hiến máu tình nguyện đợt I và đợt II\nnăm 2023"))
    assert not drive_figures(doc)
