"""Round 7 of probes: tables laid out, or damaged by old OCR, in ways the project had not seen. Text written for the
tests."""

from pipeline.model import RowKind
from tests.test_tables import HEAD, run


HEALTH = ("UBND HUYỆN SÌN HỒ\nTRUNG TÂM Y TẾ\n\nSố: 15/BC-TTYT            Sìn Hồ, ngày 10 tháng 01 năm 2023\n\n"
          "BÁO CÁO\nKết quả tiêm chủng mở rộng năm 2022\n\n")


def statuses(doc, code):
    return sorted(f.status for f in doc.findings if f.code == code)


def table_meanings(doc, k=0):
    return [c.meaning for c in doc.tables[k].columns]


def test_group_totals_under_their_rows_and_sibling_totals_sum_their_own_rows():
    text = ("Đơn vị tính: đơn vị máu\n"
            "STT   Xã, thị trấn          Chỉ tiêu   Tiếp nhận   Tỷ lệ (%)\n"
            "I     KHU VỰC I\n"
            "1     Xã Pa Tần                   30          33       110,0\n"
            "2     Xã Nậm Hăn                  20          22       110,0\n"
            "      Cộng khu vực I              50          55       110,0\n"
            "II    KHU VỰC II\n"
            "3     Xã Chăn Nưa                 40          {a}       {r}\n"
            "4     Xã Nậm Cuổi                 30          33       110,0\n"
            "      Cộng khu vực II             70          77       110,0\n"
            "      Tổng cộng                  120         132       110,0\n")
    doc = run(HEAD + text.format(a=44, r="110,0"))
    kinds = [r.kind for r in doc.tables[0].rows]
    assert kinds.count(RowKind.TOTAL) == 3
    assert statuses(doc, "A602") == ["ok"] * 6
    bad = run(HEAD + text.format(a=46, r="115,0"))
    assert [f.claimed for f in bad.findings if f.code == "A602" and f.status == "mismatch"] == [77]


def test_quarter_totals_between_months_and_the_year_row_after_them():
    rows = "".join(f"Tháng {m:<8}{4:>8}{v:>10}\n" + (f"Cộng quý {q:<5}{12:>8}{t:>10}\n" if m % 3 == 0 else "")
                   for m, v, q, t in [(1, 100, "", 0), (2, 110, "", 0), (3, 120, "I", 330), (4, 90, "", 0),
                                      (5, 95, "", 0), (6, 100, "II", 285)])
    text = "Tháng         Số buổi   Tiếp nhận\n" + rows + "Cả năm             24       615\n"
    doc = run(HEAD + text)
    assert statuses(doc, "A602") == ["ok"] * 6


def test_a_table_goes_on_after_a_page_mark_and_a_caption_with_its_header_again():
    head = "Đợt      Số lượt người đăng ký   Số người không đủ điều kiện hiến   Số đơn vị máu thu được\n"
    text = ("Bảng 2. Kết quả các đợt\n" + head +
            "Đợt 1                      120                              20                        100\n"
            "Đợt 2 - Hành trình Đỏ      110                              15                         95\n\n"
            "                                   2\n\n"
            "Bảng 2 (tiếp theo)\n" + head +
            "Đợt 3                       90                              {d}                         80\n"
            "Tổng cộng                  320                              45                        275\n")
    doc = run(HEAD + text.format(d=10))
    assert len(doc.tables) == 1 and "deferred" in table_meanings(doc)
    assert statuses(doc, "A602") == ["ok"] * 3
    assert statuses(run(HEAD + text.format(d=12)), "A602") == ["mismatch", "ok", "ok"]


def test_a_header_alone_before_a_page_mark_a_group_line_over_it_and_a_rate_of_the_registered():
    top = "|     |                 |       Năm 2021       |       Năm 2022       |                      |            |"
    sub = "| STT | Xã              | Chỉ tiêu | Thực hiện | Chỉ tiêu | Thực hiện | Thu được/đăng ký (%) | Số đăng ký |"
    text = (top + "\n" + sub + "\n\n"
            "                2\n\n"
            "| 1   | Xã Pa Tần       |       30 |        28 |       30 |        33 |                 82,5 |         40 |\n"
            "| 2   | Xã Nậm Hăn      |       20 |        21 |       25 |        27 |                 {r} |         30 |\n")
    doc = run(HEAD + text.format(r="90,0"))
    assert table_meanings(doc)[2:8] == ["quota_prev_year", "received_prev_year", "quota", "received",
                                          "percent_registered", "registered"]
    assert statuses(doc, "A601") == ["ok", "ok"]
    assert statuses(run(HEAD + text.format(r="93,0")), "A601") == ["mismatch", "ok"]


def test_a_section_heading_in_capitals_is_no_header_line_nor_the_rest_of_a_total():
    text = ("STT   Đơn vị                      Chỉ tiêu   Tiếp nhận\n"
            "      CỤM 1 - TRUNG TÂM\n"
            "1     Thị trấn Sìn Hồ                 80         90\n"
            "2     Xã Pa Tần                       40         42\n"
            "      Cộng cụm 1                     120        132\n"
            "      CỤM 2 - VÙNG CAO\n"
            "3     Xã Nậm Hăn                      30         31\n"
            "4     Xã Chăn Nưa                     20         22\n"
            "      Cộng cụm 2                      50         53\n"
            "      Tổng cộng                      170        185\n")
    doc = run(HEAD + text)
    assert [r.label for r in doc.tables[0].rows if r.kind == RowKind.TOTAL] == ["Cộng cụm 1", "Cộng cụm 2", "Tổng cộng"]
    assert "mismatch" not in statuses(doc, "A602")


def test_a_header_wrapped_in_its_own_column_and_a_second_header_line_of_years():
    text = ("STT  Xã            Nghèo      Thoát   Tái     Phát sinh   Nghèo       Tổng số   Tỷ lệ hộ\n"
            "                   đầu năm    nghèo   nghèo   mới         cuối năm    hộ        nghèo (%)\n"
            "1    Xã Pa Tần         50         10      1           2          43      1.000        4,30\n"
            "2    Xã Nậm Hăn        40          8      0           1          33        800        4,13\n")
    doc = run(HEAD.replace("hiến máu tình nguyện năm 2022", "giảm nghèo năm 2022") + text)
    assert table_meanings(doc)[2:] == ["poor_start", "escaped_households", "fell_back_households", "new_poor_households",
                                        "poor_households", "households", "poor_rate_percent"]
    years = ("STT  Đơn vị               Chỉ tiêu   Thực hiện   Chỉ tiêu\n"
             "                          2021       2021        2022\n"
             "1    Huyện Tam Đường         600         640         650\n"
             "2    Huyện Sìn Hồ            500         520         550\n"
             "     Tổng cộng             1.100       1.160       1.200\n")
    doc = run(HEAD + years)
    assert [c.header for c in doc.tables[0].columns][2:] == ["Chỉ tiêu / 2021", "Thực hiện / 2021", "Chỉ tiêu / 2022"]
    assert statuses(doc, "A602") == ["ok"] * 3


def test_a_rate_column_after_its_part_and_whole_is_checked_when_no_ratio_names_them():
    text = ("STT  Xã              Đối tượng   Tiêm đủ   Tỷ lệ (%)   Đối tượng   Tiêm đủ   Tỷ lệ (%)\n"
            "1    Xã Pa Tần            100        95        95,0          90        81        90,0\n"
            "2    Xã Nậm Hăn            80        76        95,0          70        63        {r}\n"
            "3    Xã Chăn Nưa           60        54        90,0          50        45        90,0\n")
    doc = run(HEALTH + text.format(r="90,0"))
    assert set(statuses(doc, "A601")) == {"ok"} and len(statuses(doc, "A601")) >= 5  # a repeated check once
    bad = run(HEALTH + text.format(r="93,0"))
    assert [(f.claimed, round(f.computed, 1)) for f in bad.findings if f.code == "A601" and f.status == "mismatch"] \
        == [(93.0, 90.0)]


def test_rows_old_ocr_ran_together_wrapped_header_and_figures():
    text = ("STT    Đơn vị                  Chỉ tiêu  Đăng ký    Tiếp\n"
            "   nhận  Tỷ lệ (%)\n"
            "1        Thi tran Than Uyen        120    171           146         121,7\n"
            "2  Xa Muong Kim                 55       69        {a}       103,6\n"
            "3 Xa Phuc Than 50 63 52 104,0\n"
            "4 Xa Ta Gia 40 50\n"
            "                                  41 102,5\n"
            "      Tong cong                  265       353        296         111,7\n")
    doc = run(HEAD + text.format(a=57))
    table = doc.tables[0]
    assert table_meanings(doc)[2:] == ["quota", "registered", "received", "percent"]
    assert [r.cell(4).value for r in table.data_rows()] == [146, 57, 52, 41]
    assert statuses(doc, "A601") == ["ok"] * 5 and statuses(doc, "A602") == ["ok"] * 3
    assert statuses(run(HEAD + text.format(a=58)), "A601")[:1] == ["mismatch"]


def test_numbered_rows_of_a_list_ocr_ran_together_and_its_page_break():
    text = ("Quyết định: tặng Giấy khen cho 05 cá nhân (có danh sách kèm theo).\n\nDANH SÁCH KÈM THEO QUYẾT ĐỊNH\n"
            "STT    Họ và tên              Năm sinh   Đơn vị                          Số lần hiến máu\n"
            "1      Lò Văn An              1984       Công an xã Pa Tần                             9\n"
            "2     Vàng A Chư            1995       Đoàn xã Nậm Hăn                               5\n"
            "3     Tạo Thị Bình          1990       Trường Tiểu học                               7\n\n"
            "                                        2\n\n"
            "4 Giang A De 1997 Doan vien xa Nam Han\n"
            "                    6\n"
            "5      Lý Thị Dung            1988       Trạm Y tế xã                                  8\n")
    doc = run(HEAD + text)
    assert len(doc.tables) == 1 and len(doc.tables[0].data_rows()) == 5
    assert statuses(doc, "A205") == ["ok"]


def test_a_page_s_running_head_inside_a_table_and_a_total_first_of_groups():
    text = ("TT Don vi Chi tieu Dang ky Tiep nhan Ty le (%)\n"
            "I Khoi phuong 200 250 210 105,0\n"
            "1 Phuong Tan Phong 120 150 126 105,0\n"
            "2 Phuong Doan Ket 80 100 84 105,0\n\n"
            "                         - 2 -\n\n"
            "UBND THANH PHO LAI CHAU - BCD VAN DONG HMTN\n\n"
            "II Khoi xa 90 110 94 104,4\n"
            "3 Xa San Thang 50 60 52 104,0\n"
            "4 Xa Sung Phai 40 50\n"
            "                   42 105,0\n"
            "Tong cong (I+II) 290 360 304 104,8\n")
    doc = run(HEAD + text)
    assert len(doc.tables) == 1
    assert "mismatch" not in statuses(doc, "A602") and "mismatch" not in statuses(doc, "A601")
