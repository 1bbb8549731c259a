"""Shapes met in round 37 of probes: a quarter's quota after a colon, and a carried-over row whose name holds a day."""

from tests.test_round13 import statuses
from tests.test_tables import HEAD, run

QUARTER = ("UBND HUYỆN HẢI HẬU\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU\n\nSố: 88/BC-BCĐ          Hải Hậu, ngày 05 tháng 10 năm "
           "2024\n\nBÁO CÁO\nKết quả vận động hiến máu tình nguyện Quý III năm 2024\n\nThực hiện kế hoạch năm 2024 (chỉ "
           "tiêu cả năm 4.800 đơn vị máu; chỉ tiêu Quý III: 1.150 đơn vị), Ban Chỉ đạo huyện báo cáo như sau.\n\n"
           "Trong quý, toàn huyện tổ chức 08 đợt lấy máu, tiếp nhận 1.215 đơn vị máu, đạt {rate}% chỉ tiêu Quý III.\n")


def test_a_quarter_s_quota_after_a_colon_is_the_quarter_s():
    assert statuses(run(QUARTER.format(rate="105,7")), "A104") == ["ok"]
    assert statuses(run(QUARTER.format(rate="106,5")), "A104") == ["mismatch"]


def test_a_carried_over_row_whose_name_holds_a_day_counts_no_drives():
    doc = run(HEAD + ("Bảng 1. Kết quả tiếp nhận máu theo tháng\n\n"
                      " Tháng        Số đợt   Tiếp nhận (đv)   Lũy kế (đv)\n"
                      " Chuyển sang (hết 30/6)                      2.315\n"
                      " Tháng 7         3        412               2.727\n"
                      " Tháng 8         2        298               3.025\n"
                      " Cộng              5        710               3.025\n"))
    assert not [f for f in doc.findings if f.code == "A602" and f.status == "mismatch"]
    carried = doc.tables[0].rows[1]
    assert all(c.value is None for c in carried.cells if c.col == 1)
