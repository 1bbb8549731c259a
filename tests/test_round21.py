"""Shapes met in round 21 of probes: a total column named by its part of the year (``Cộng quý III``), a unit
price inside a product in brackets, a quota split by drives after a colon, a drive count of one quarter, an
amount's change in percent with the amount before in brackets, the quarter a six-month report quotes against the
quarter's own table (``KH năm | TH quý I``), a title naming the part it reviews and the tasks of the next, a header
whose first line groups the second's columns, a rank among districts, figures old OCR shifted off their header."""

from tests.test_round13 import _corpus_findings, figures, run_all, statuses
from tests.test_tables import HEAD, run


def months_table(fixed_total: str) -> str:
    return ("Đơn vị tính: đơn vị máu\n"
            "Nguồn máu                         Tháng 7   Tháng 8   Tháng 9   Cộng quý III\n"
            "Hiến máu lưu động                     412       355       489          1.256\n"
            f"Điểm hiến máu cố định                 148       161       139            {fixed_total}\n"
            "Cộng                                  560       516       628          1.704\n")


def test_a_total_column_named_by_its_part_of_the_year():
    assert statuses(run(HEAD + months_table("448")), "A603") == ["ok", "ok", "ok"]
    assert "mismatch" in statuses(run(HEAD + months_table("484")), "A603")


def test_a_unit_price_inside_a_product_in_brackets_is_no_part():
    doc = run(HEAD + "Tổng kinh phí đã chi: 97.500.000 đồng, gồm quà lưu niệm cho người hiến máu 66.400.000 đồng (3.320 "
                     "suất x 20.000 đồng), tuyên truyền 17.500.000 đồng và hậu cần 13.600.000 đồng.\n")
    assert statuses(doc, "A302") == ["ok"]


def test_a_quota_split_by_drives_after_a_colon():
    doc = run(HEAD + "Kế hoạch của tỉnh giao huyện tiếp nhận 750 đơn vị máu trong năm, phân theo ba đợt: đợt I là 250 đơn "
                     "vị, đợt II là 230 đơn vị và đợt III là 270 đơn vị.\n\nCả năm tiếp nhận 778 đơn vị máu, đạt 103,7% chỉ "
                     "tiêu năm.\n")
    assert sorted(f.value for f in figures(doc, "units_quota")) == [230, 250, 270, 750]
    assert "mismatch" not in statuses(doc, "A101")


def quarters_text(count: str) -> str:
    return (HEAD + f"Quý I, Hội tổ chức {count} đợt hiến máu, tiếp nhận 241 đơn vị máu. Sang quý II tổ chức thêm 02 đợt: "
            "ngày 19/4/2022 tại xã Tả Phìn tiếp nhận 112 đơn vị và ngày 14/6/2022 tại thị trấn Sìn Hồ tiếp nhận 124 đơn "
            "vị.\n")


def test_a_drive_count_of_one_quarter_counts_the_drives_held_in_it():
    doc = run(quarters_text("01"))
    assert [f.attrs.get("about") for f in figures(doc, "drive_count")] == ["quy i"]
    assert statuses(doc, "A106") == []  # the two drives listed were held in quý II: none of them is quý I's
    listed = run(HEAD + "Quý II, Hội tổ chức 01 đợt hiến máu, cụ thể:\n- Đợt 1 ngày 19/4/2022 tại xã Tả Phìn, tiếp nhận 112 "
                        "đơn vị;\n- Đợt 2 ngày 14/6/2022 tại thị trấn Sìn Hồ, tiếp nhận 124 đơn vị.\n")
    assert statuses(listed, "A106") == ["mismatch"]


def test_an_amount_s_change_in_percent_with_the_amount_before_in_brackets():
    text = ("Tổng giá trị tiền, hàng vận động 6 tháng đạt 1.060 triệu đồng (quý I: 742 triệu đồng; quý II: 318 triệu "
            "đồng), tăng {p}% so với cùng kỳ năm 2021 (945 triệu đồng).\n")
    assert statuses(run(HEAD + text.format(p="12,2")), "A311") == ["ok"]
    assert statuses(run(HEAD + text.format(p="12,4")), "A311") == ["mismatch"]


def test_the_quarter_a_six_month_report_quotes_against_the_quarter_s_table(tmp_path):
    quarter = ("HỘI CHỮ THẬP ĐỎ HUYỆN SÌN HỒ\n\nSố: 09/BC-HCTĐ          Sìn Hồ, ngày 28 tháng 3 năm 2022\n\nBÁO CÁO\n"
               "Kết quả hoạt động Chữ thập đỏ quý I năm 2022\n\n"
               "TT  Nội dung                 ĐVT          KH năm 2022   TH quý I   So KH năm (%)\n"
               "1   Kết nạp hội viên mới     người                400         86            21,5\n"
               "2   Tiếp nhận máu            đơn vị               900        214            23,8\n")
    half = ("HỘI CHỮ THẬP ĐỎ HUYỆN SÌN HỒ\n\nSố: 21/BC-HCTĐ          Sìn Hồ, ngày 20 tháng 6 năm 2022\n\nBÁO CÁO\n"
            "Sơ kết hoạt động 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2022\n\n"
            "Quý I, Hội tổ chức 01 đợt hiến máu, tiếp nhận {q1} đơn vị máu. Tính chung 6 tháng, toàn huyện tiếp nhận "
            "477 đơn vị máu.\n")
    doc = run_all(half.format(q1=214))
    assert doc.identity.period == "6 tháng đầu năm 2022"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert [f["status"] for f in _corpus_findings(tmp_path / "a", {"q.txt": quarter, "h.txt": half.format(q1=214)})
            if f["code"] == "C102"] == ["ok"]
    assert [f["status"] for f in _corpus_findings(tmp_path / "b", {"q.txt": quarter, "h.txt": half.format(q1=241)})
            if f["code"] == "C102"] == ["mismatch"]


def grades_table(rate: str) -> str:
    return ("Khối lớp   Số HS         Được lên lớp           Ở lại lớp\n"
            "           cuối năm      Số HS     Tỷ lệ (%)    Số HS    Tỷ lệ (%)\n"
            f"Khối 6        2.614      2.571        98,36        8        0,31\n"
            f"Khối 7        2.497      2.448        {rate}        8        0,32\n"
            "Toàn cấp      5.111      5.019        98,20       16        0,31\n")


def test_a_header_whose_first_line_groups_the_columns_of_the_second():
    doc = run(HEAD + grades_table("98,04"))
    table = doc.tables[0]
    assert [c.header for c in table.columns][:3] == ["Khối lớp", "Số HS / cuối năm", "Được lên lớp / Số HS"]
    assert [c.text for c in table.data_rows()[0].cells][:2] == ["Khối 6", "2.614"]
    assert "mismatch" not in statuses(doc, "A601")
    assert "mismatch" in statuses(run(HEAD + grades_table("98,40")), "A601")


def test_a_rank_among_districts_counts_no_units():
    doc = run_all(HEAD + "Đội tuyển của huyện đạt 46 giải, xếp thứ 9/27 huyện, thị xã, thành phố.\n")
    assert figures(doc, "coverage") == []


def test_figures_old_ocr_shifted_off_their_header_go_to_the_columns_of_figures():
    doc = run(HEAD + "  STT  Don vi                      KH nam    Quy I    Quy II  6 thang\n"
                     " 1     Xa Ta Phin                      180     52      61     113\n"
                     " 2     Xa Pa Tan                        90      21       30     51\n"
                     "  Toan huyen                        270       73      91       164\n")
    table = doc.tables[0]
    total = table.total_rows()[0]
    assert [total.cell(j).text for j in (2, 3, 4, 5)] == ["270", "73", "91", "164"]


def test_a_count_whose_thousands_mark_ocr_read_as_a_comma():
    doc = run(HEAD + "TT   Đơn vị                 Kế hoạch   Thực hiện   Đạt (%)\n"
                     "1    Huyện Long Hồ            1.100       1,157     105,2\n"
                     "2    Huyện Mang Thít            850         872     102,6\n"
                     "3    Huyện Vũng Liêm          1,200       1.236     103,0\n"
                     "     Cộng                     3.150       3.265     103,7\n")
    table = doc.tables[0]
    assert [r.cell(table.column("quota").index).value for r in table.data_rows()] == [1100, 850, 1200]
    assert [r.cell(table.column("received").index).value for r in table.data_rows()] == [1157, 872, 1236]
    assert "mismatch" not in statuses(doc, "A601") + statuses(doc, "A602")
    decimals = run(HEAD + "TT   Nội dung        Dự toán     Thực hiện\n"
                          "1    Dự án 1         2.140,500    1.865,200\n"
                          "2    Dự án 2           385,600      370,100\n"
                          "     Tổng cộng       2.526,100    2.235,300\n")
    assert decimals.tables[0].data_rows()[1].cell(2).value == 385.6
