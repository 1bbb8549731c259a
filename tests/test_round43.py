"""Shapes met in round 43 of probes (texts of our own, the shapes only): amounts' changes and amounts each, shares a
list's opening line counts the whole of, totals of named rows, parts that are no whole, and a fax's lost comma."""

from pipeline.ocr import cells
from tests.test_audit_corpus import _corpus_findings
from tests.test_round13 import figures, run_all, statuses
from tests.test_round31 import _dir
from tests.test_round38 import OTHER
from tests.test_tables import HEAD, run

CITY = ("UBND THÀNH PHỐ LAI CHÂU\nBAN CHỈ ĐẠO VẬN ĐỘNG\nHIẾN MÁU TÌNH NGUYỆN\n\nSố: 09/BC-BCĐ          Lai Châu, ngày 05 "
        "tháng 4 năm 2024\n\nBÁO CÁO\nKết quả vận động hiến máu tình nguyện quý I năm 2024\n\n")


# -- money ----------------------------------------------------------------------------------------------------------

def test_an_amounts_fall_against_the_amount_before_in_brackets():
    text = OTHER + ("Thu phí, lệ phí ước đạt 12.350 triệu đồng, bằng 94,0% dự toán, giảm {d} triệu đồng so với năm 2023 "
                    "(13.020 triệu đồng).\n")
    assert statuses(run(text.format(d="670")), "A314") == ["ok"]
    wrong = [f for f in run(text.format(d="760")).findings if f.code == "A314"]
    assert [(f.status, f.claimed, f.computed) for f in wrong] == [("mismatch", 760e6, 670e6)]


def test_the_change_with_its_percent_is_no_amount_that_changed():
    doc = run(OTHER + "Tổng giá trị vận động được là 2.046,0 triệu đồng, tăng 186,0 triệu đồng, tương ứng tăng 10,0% so "
                      "với năm 2023 (1.860,0 triệu đồng).\n")
    assert "mismatch" not in statuses(doc, "A311")


def test_a_total_of_what_each_one_got_times_those_counted_before():
    text = OTHER + ("Bão số 3 làm 28 hộ bị sập nhà. Hội đã hỗ trợ mỗi hộ 4.000.000 đồng, tổng số tiền là {t} triệu đồng.\n")
    assert statuses(run(text.format(t="112")), "A315") == ["ok"]
    wrong = [f for f in run(text.format(t="116")).findings if f.code == "A315"]
    assert [(f.status, f.computed) for f in wrong] == [("mismatch", 112e6)]


# -- counts and shares ------------------------------------------------------------------------------------------------

def test_items_of_a_list_whose_opening_line_counts_the_whole():
    text = OTHER + ("b) Trẻ 18 tháng tuổi (mẫu số là 2.400 trẻ theo kế hoạch, khác mẫu số của điểm a):\n"
                    "- Vắc xin sởi - rubella: 2.256 trẻ, đạt 94,0%.\n- Vắc xin DPT mũi 4: 2.208 trẻ, đạt {p}%.\n")
    assert statuses(run(text.format(p="92,0")), "A317") == ["ok", "ok"]
    assert statuses(run(text.format(p="90,2")), "A317") == ["mismatch", "ok"]


def test_a_count_in_brackets_inside_a_list_is_a_part_of_its_item():
    text = OTHER + ("Toàn huyện có 40 trường, gồm: 15 trường mầm non, 14 trường tiểu học (trong đó có 6 trường bán trú), "
                    "10 trường trung học cơ sở (trong đó có 7 trường bán trú) và {n} trường liên cấp.\n")
    assert statuses(run(text.format(n="1")), "A403") == ["ok"]
    assert statuses(run(text.format(n="2")), "A403") == ["mismatch"]


def test_the_total_of_all_units_and_a_group_is_the_districts_own():
    doc = run(HEAD + "Năm 2022, huyện giao chỉ tiêu cho 22 xã, thị trấn và khối cơ quan, đơn vị huyện với tổng số 900 đơn "
                     "vị máu. Kết quả toàn huyện tiếp nhận 945 đơn vị máu, đạt 105,0% kế hoạch. Khối cơ quan, đơn vị "
                     "huyện tiếp nhận 160 đơn vị (17,0%).\n")
    quota = [f for f in figures(doc, "units_quota") if f.value == 900]
    assert quota and not quota[0].attrs.get("about")
    assert "mismatch" not in statuses(doc, "A104")


def test_a_running_totals_rate_is_of_the_years_quota():
    doc = run(HEAD + "Quý III tiếp nhận 700 đơn vị máu, đạt 100,0% kế hoạch quý (700 đơn vị).\nLũy kế 9 tháng năm 2022, "
                     "toàn tỉnh tiếp nhận 2.100 đơn vị máu (quý I: 800 đơn vị; quý II: 600 đơn vị; quý III: 700 đơn vị), "
                     "bằng 75,0% kế hoạch năm (2.800 đơn vị).\n")
    assert "mismatch" not in statuses(doc, "A104")
    assert [f.attrs.get("about") for f in figures(doc, "percent_of_plan") if f.value == 75.0] == ["lũy kế"]


def test_the_one_that_stands_out_is_no_amount_of_the_year():
    doc = run(HEAD + "Năm 2022, huyện tổ chức 3 đợt: đợt 1 tiếp nhận 300 đơn vị, đợt 2 tiếp nhận 250 đơn vị, đợt 3 tiếp "
                     "nhận 200 đơn vị. Cả năm tiếp nhận 750 đơn vị máu.\n\nĐợt khai mạc tại Quảng trường huyện có số đơn vị "
                     "tiếp nhận lớn nhất (300 đơn vị).\n")
    assert "mismatch" not in statuses(doc, "A101")


def test_a_part_of_the_periods_amount_by_its_share_of_it():
    doc = run(HEAD + "Năm 2022 tiếp nhận 1.000 đơn vị máu qua 4 đợt: đợt 1 300 đơn vị; đợt 2 200 đơn vị; đợt 3 250 đơn vị; "
                     "đợt 4 250 đơn vị.\n\nHai đợt cao điểm tiếp nhận tổng cộng 550 đơn vị, chiếm 55,0% số đơn vị máu của "
                     "cả năm.\n")
    assert "mismatch" not in statuses(doc, "A101")


def test_people_registered_one_way_are_no_count_of_the_registered():
    doc = run(HEAD + "Các nhóm Zalo ghi nhận 812 lượt đăng ký qua mạng. Cả năm có 1.200 người đăng ký, 1.020 người hiến máu "
                     "thành công và 180 người không đủ điều kiện hiến.\n")
    assert [f.value for f in figures(doc, "screening") if f.attrs.get("step") == "registered"] == [1200]


def test_two_lists_of_one_whole_are_two_breakdowns():
    text = HEAD + ("Năm 2022 toàn huyện tổ chức 4 đợt hiến máu.\n\n2. Cơ cấu người hiến máu\n\nTrong tổng số 500 đơn vị máu "
                   "có: cán bộ, công chức 150 đơn vị (30,0%); lực lượng vũ trang 100 đơn vị (20,0%); học sinh, sinh viên 130 "
                   "đơn vị (26,0%); nhân dân 120 đơn vị (24,0%).\n\nTheo thể tích: loại 250 ml có 200 đơn vị, loại 350 ml có "
                   "{n} đơn vị, tổng lượng máu khoảng 158,5 lít.\n")
    ok = run(text.format(n="300"))
    assert len([f for f in figures(ok, "units_received") if f.attrs.get("part_of")]) == 6
    assert statuses(ok, "A107") == ["ok"]  # (each list adds up: one finding for the one fact)
    assert statuses(run(text.format(n="310")), "A107") == ["mismatch", "ok"]


def test_donors_received_broken_down_with_no_count_of_them():
    text = CITY + ("Trong quý I toàn thành phố tiếp nhận được 400 đơn vị máu.\n\nTrong số người được tiếp nhận, 250 người "
                   "hiến nhắc lại.\n\nPhân theo đối tượng, người được tiếp nhận gồm: cán bộ, công chức 120 người; đoàn viên "
                   "thanh niên, học sinh {n} người; lực lượng vũ trang 80 người; nhân dân 60 người.\n")
    assert "mismatch" not in statuses(run(text.format(n="140")), "A107")
    assert "mismatch" in statuses(run(text.format(n="150")), "A107")


# -- plans and tasks, other measures ------------------------------------------------------------------------------------

def test_a_section_of_tasks_for_the_next_quarter_is_a_plan():
    doc = run(CITY + "I. KẾT QUẢ\n\nTrong quý I, thành phố tổ chức 03 đợt tiếp nhận máu, tiếp nhận 400 đơn vị máu: đợt 1 "
                     "200 đơn vị, đợt 2 120 đơn vị, đợt 3 80 đơn vị.\n\nII. NHIỆM VỤ QUÝ II NĂM 2024\n\n1. Tổ chức ít nhất 01 "
                     "đợt tiếp nhận trong tháng 5.\n")
    assert [f.value for f in figures(doc, "drive_count") if not f.attrs.get("plan")] == [3]


def test_a_rate_of_another_measure_is_no_rate_of_the_blood_plan():
    doc = run(HEAD + "Diện tích lúa vụ xuân đạt 285,6 ha, bằng 101,3% kế hoạch. Hoàn thành 100% chỉ tiêu giao quân năm "
                     "2022.\nNăm 2022 tiếp nhận 88 đơn vị máu, bằng 55,0% chỉ tiêu cả năm (160 đơn vị).\n")
    assert sorted(f.value for f in figures(doc, "percent_of_plan")) == [55.0]


# -- tables -----------------------------------------------------------------------------------------------------------

def test_a_half_years_column_against_the_quota_of_the_whole_year():
    doc = run(HEAD.replace("năm 2022\n", "6 tháng đầu năm 2022\n") + (
        "Trong 6 tháng, xã tiếp nhận 88 đơn vị máu, bằng 110,0% chỉ tiêu 6 tháng (80 đơn vị) và bằng 55,0% chỉ tiêu cả "
        "năm huyện giao (160 đơn vị).\n\nSTT | Đơn vị | Chỉ tiêu 6 tháng | Tiếp nhận | Tỷ lệ (%)\n1 | Bản Cốc Phát | 30 | "
        "33 | 110,0\n2 | Bản Lao Chải | 50 | 55 | 110,0\n  | Tổng cộng | 80 | 88 | 110,0\n"))
    assert "mismatch" not in statuses(doc, "A604")


def test_a_units_figure_of_one_day_is_no_figure_of_its_row():
    doc = run_all(HEAD + "Năm 2022 toàn huyện tiếp nhận 700 đơn vị máu.\nRiêng ngày khai mạc 19/02/2022, thị trấn Sìn Hồ "
                         "tiếp nhận 120 đơn vị.\n\nSTT | Xã, thị trấn | Tiếp nhận\n1 | Thị trấn Sìn Hồ | 300\n2 | Xã Tả "
                         "Phìn | 400\n  | Tổng cộng | 700\n")
    assert "mismatch" not in statuses(doc, "A608")


def test_a_total_of_named_rows_of_a_table():
    text = OTHER + ("Tổng sản lượng lương thực có hạt (gồm lúa và ngô, không tính sắn) đạt {t} tấn.\n\n"
                    "Cây trồng       Diện tích (ha)   Sản lượng (tấn)   Sản lượng 2023 (tấn)\n"
                    "1. Lúa cả năm   500,0            2.900,0           2.850,0\n"
                    "   - Lúa vụ xuân 200,0           1.200,0           1.150,0\n"
                    "   - Lúa vụ mùa  300,0           1.700,0           1.700,0\n"
                    "2. Ngô          300,0            1.250,5           1.300,0\n"
                    "3. Sắn          40,0             600,0             610,0\n")
    assert statuses(run(text.format(t="4.150,5")), "A627") == ["ok"]
    assert statuses(run(text.format(t="4.105,5")), "A627") == ["mismatch"]


def test_a_units_people_registered_restated_in_the_provinces_table(tmp_path):
    district = ("UBND HUYỆN TÂN UYÊN\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 40/BC-BCĐ          Tân Uyên, ngày "
                "10 tháng 12 năm 2023\n\nBÁO CÁO\nKết quả vận động hiến máu tình nguyện năm 2023\n\nNăm 2023, toàn huyện "
                "có 1.350 người đăng ký; tiếp nhận 1.200 đơn vị máu, đạt 100,0% kế hoạch (1.200 đơn vị).\n")
    province = ("UBND TỈNH LAI CHÂU\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 55/BC-BCĐ          Lai Châu, ngày "
                "27 tháng 12 năm 2023\n\nBÁO CÁO\nKết quả vận động hiến máu tình nguyện năm 2023\n\nNăm 2023 toàn tỉnh "
                "tiếp nhận 2.000 đơn vị máu.\n\nSTT | Đơn vị | Số người đăng ký | Tiếp nhận | Chỉ tiêu\n1 | Huyện Tân Uyên "
                "| {n} | 1.200 | 1.200\n2 | Huyện Than Uyên | 900 | 800 | 800\n  | Toàn tỉnh | {t} | 2.000 | 2.000\n")
    ok = _corpus_findings(_dir(tmp_path, "a"), {"d.txt": district, "p.txt": province.format(n="1.350", t="2.250")})
    assert [f["status"] for f in ok if f["code"] == "C107" and "registered" in f["subject"]] == ["ok"]
    bad = _corpus_findings(_dir(tmp_path, "b"), {"d.txt": district, "p.txt": province.format(n="1.305", t="2.205")})
    assert [(f["status"], f["claimed"], f["computed"]) for f in bad if f["code"] == "C107" and "registered" in
            f["subject"]] == [("mismatch", 1350, 1305)]


# -- a fax's figures ---------------------------------------------------------------------------------------------------

def test_a_reading_that_lost_its_comma_in_a_column_of_decimals():
    assert cells.comma_lost("5752.", "n2", 58.7) == "57,52"
    assert cells.comma_lost("1000", "n1%", 100.0) == "100,0%"
    assert cells.comma_lost("100", "n1", 100.0) is None  # a whole 100 among rates is no lost comma
    assert cells.comma_lost("5752", "n0", 58.7) is None and cells.comma_lost("5752", "n2", None) is None


def test_a_third_reader_decides_a_one_digit_contest():
    readings = [("5752", 75.5), ("97,52", 90.9), ("97,52", 66.7)]
    assert cells.contested(readings, "n2", 58.7)
    assert cells.choose(readings, True, "n2", 58.7) == ("97,52", cells.CONTESTED_CONF)  # before the third reader
    assert cells.choose(readings + [("5752.", 60.0)], True, "n2", 58.7) == ("57,52", 75.5)  # it sides with the page
    assert cells.choose(readings + [("97,52", 80.0)], True, "n2", 58.7)[0] == "97,52"  # or with the crop
    assert not cells.contested([("5752", 60.0), ("97,52", 90.9), ("97,52", 66.7)], "n2", 58.7)  # a page unsure


# -- round 44 ---------------------------------------------------------------------------------------------------------

def test_a_parts_share_in_brackets_is_no_rate_of_plan():
    doc = run(HEAD + "Năm 2022 tiếp nhận 1.000 đơn vị máu, đạt 100,0% kế hoạch (1.000 đơn vị).\nTrong tổng số 1.000 đơn vị "
                     "máu tiếp nhận, phân theo đối tượng gồm: cán bộ, công chức 400 đơn vị (40,0%); lực lượng vũ trang 250 "
                     "đơn vị (25,0%); nhân dân 350 đơn vị (35,0%).\n\nVề thể tích, số đơn vị máu 350 ml là 600 đơn vị, chiếm "
                     "60,0%; đơn vị máu 250 ml là 400 đơn vị.\n")
    assert sorted(f.value for f in figures(doc, "percent_of_plan")) == [100.0]
    assert "mismatch" not in statuses(doc, "A107") and "mismatch" not in statuses(doc, "A104")


def test_the_ends_of_a_range_of_rates_are_no_rates():
    doc = run(HEAD + "Năm 2022 tiếp nhận 800 đơn vị máu, đạt 80,0% kế hoạch năm (1.000 đơn vị); 10/11 đơn vị mới đạt từ "
                     "64,7% đến 79,3% chỉ tiêu năm.\n")
    assert sorted(f.value for f in figures(doc, "percent_of_plan")) == [80.0]


def test_one_levels_amount_breaks_no_total_down():
    doc = run(OTHER + "Hội Chữ thập đỏ các cấp đã vận động được tổng giá trị 2.695,2 triệu đồng. Khối cơ quan, đơn vị cấp "
                      "tỉnh dẫn đầu về giá trị vận động (843,0 triệu đồng).\n")
    assert "mismatch" not in statuses(doc, "A301")


def test_two_counts_of_drives_in_one_sentence_are_the_years_together():
    text = HEAD + ("Năm 2022, huyện vận động Nhân dân tham gia 03 đợt hiến máu do tỉnh tổ chức và tự tổ chức 01 đợt. Cụ thể:"
                   "\n- Đợt 1 (ngày 10/3/2022): 80 đơn vị;\n- Đợt 2 (ngày 12/6/2022): 70 đơn vị;\n- Đợt 3 (ngày 24/8/2022): "
                   "60 đơn vị;\n- Đợt 4 (ngày 20/11/2022): {n} đơn vị.\n")
    assert "mismatch" not in statuses(run(text.format(n="50")), "A106")


def test_a_count_of_named_groups_by_their_numbers():
    text = CITY + ("Trong 07 tổ dân phố theo dõi điểm, có {n} tổ hoàn thành vượt chỉ tiêu là Tổ dân phố số 3, số 8 và số 14; "
                   "các tổ còn lại chưa đạt.\n")
    assert statuses(run(text.format(n="3")), "A409") == ["ok"]
    assert statuses(run(text.format(n="4")), "A409") == ["mismatch"]


def test_a_difference_from_another_quarter_is_no_amount_of_it():
    doc = run(CITY.replace("quý I", "quý II") + "Quý II tiếp nhận 50 đơn vị máu. Kết quả quý II thấp hơn quý I 23 đơn vị.\n")
    assert [f.value for f in figures(doc, "units_received")] == [50]


def test_a_quarters_change_in_a_half_years_sentence_is_no_change_of_the_half_year():
    doc = run(HEAD.replace("năm 2022\n", "6 tháng đầu năm 2022\n") + (
        "Tổng số máu tiếp nhận đạt 123 đơn vị (quý I: 73 đơn vị; quý II: 50 đơn vị), trong đó: loại 250 ml có 86 đơn vị; "
        "loại 350 ml có 37 đơn vị. So với cùng kỳ năm 2021 (115 đơn vị), tăng 8 đơn vị; trong đó quý I tăng 12 đơn vị "
        "nhưng quý II giảm 04 đơn vị so với cùng quý năm trước.\n"))
    assert "mismatch" not in statuses(doc, "A109") and "mismatch" not in statuses(doc, "A107")


def test_a_count_in_brackets_of_an_earlier_year_is_that_years():
    doc = run(OTHER + "Đến nay xã đạt 16/19 tiêu chí (năm 2023 đạt 14/19 tiêu chí). Còn 03 tiêu chí chưa đạt.\n")
    assert "mismatch" not in statuses(doc, "A410")


def test_parts_in_people_of_a_whole_counted_in_workers():
    text = OTHER + ("Năm 2024, Trung tâm tổ chức 38 lớp, đào tạo nghề cho 1.120 lao động, đạt 101,8% kế hoạch (1.100 người), "
                    "trong đó: trình độ sơ cấp 385 người, đào tạo dưới 3 tháng {n} người, trình độ trung cấp 45 người.\n")
    assert statuses(run(text.format(n="690")), "A403") == ["ok"]
    assert statuses(run(text.format(n="680")), "A403") == ["mismatch"]


def test_the_days_of_what_a_report_counts_in_its_period():
    text = OTHER + ("Báo cáo tình hình bảo vệ rừng năm 2024 (kỳ báo cáo từ ngày 15/12/2023 đến ngày 14/12/2024) như sau:\n\n"
                    "Trong kỳ báo cáo, trên địa bàn huyện xảy ra 02 vụ cháy rừng, tổng diện tích thiệt hại 1,5 ha, cụ thể:\n"
                    "- Vụ thứ nhất xảy ra ngày {d}/2023 tại bản Nà Ban, thiệt hại 0,6 ha;\n"
                    "- Vụ thứ hai xảy ra ngày 27/3/2024 tại bản Hua Nà, thiệt hại 0,9 ha.\n")
    assert statuses(run(text.format(d="27/12")), "A503") == ["ok", "ok"]
    assert statuses(run(text.format(d="09/12")), "A503") == ["mismatch", "ok"]


def test_a_quota_based_on_last_years_result_is_this_years():
    doc = run(HEAD.replace("BÁO CÁO\nKết quả", "KẾ HOẠCH\nVề") + (
        "Chỉ tiêu được xây dựng căn cứ vào dân số và kết quả thực hiện năm 2021; tổng chỉ tiêu các xã, thị trấn là 560 đơn "
        "vị, chiếm 53,3% chỉ tiêu của huyện.\n"))
    assert [f.attrs.get("year") for f in figures(doc, "units_quota") if f.value == 560] == [2022]


def test_a_quota_column_of_another_sectors_decision_restates_no_blood_quota(tmp_path):
    decision = ("ỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ\n\nSố: 2456/QĐ-UBND          Phong Thổ, ngày 27 tháng 12 năm 2023\n\n"
                "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu phát triển người tham gia bảo hiểm xã hội tự nguyện năm 2024\n\n"
                "STT | Xã, thị trấn | BHXH tự nguyện / chỉ tiêu 2024 | BHYT hộ gia đình / chỉ tiêu 2024\n"
                "1 | Xã Mường So | 120 | 260\n2 | Xã Dào San | 82 | 150\n  | Cộng | 202 | 410\n")
    commune = ("UBND XÃ MƯỜNG SO\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 12/BC-BCĐ          Mường So, ngày 02 tháng "
               "4 năm 2024\n\nBÁO CÁO\nKết quả vận động hiến máu tình nguyện quý I năm 2024\n\nChỉ tiêu huyện giao cho năm "
               "2024 là 150 đơn vị máu. Quý I tiếp nhận 73 đơn vị máu.\n")
    found = _corpus_findings(_dir(tmp_path, "a"), {"qd.txt": decision, "bc.txt": commune})
    assert not [f for f in found if f["code"] == "C107"]


def test_an_award_decision_as_old_ocr_with_two_lists_in_one_table():
    text = ("UBND HUYEN PHONG THO\n\nSo: 12/QĐ-UBND          Phong Tho, ngay 10 thang 12 nam 2020\n\nQUYET DINH\nVe viec khen "
            "thuong\n\nPieu 1. Tang Giay khcn cua Chu tich Uy ban nhan dan huyen cho 02 tap the va 03 ca nhan (co danh "
            "sach kem theo).\nPieu 2. Moi tap the duoc thuong 447.000 dong; moi ca nhan duoc thuong 223.500 dong.\n"
            "Tong  so  tien thuong la {t} dong.\n\nSTT  Ten tap the                 Tien thuong\n"
            "1    Hoi Chu thap do xa Muong So   447.000\n2    Huyen doan Phong Tho          447.000\n"
            "Cong                               894.000\nII. CA NHAN (03 ca nhan)\nSTT  Ho va ten    Chuc vu       "
            "Tien thuong\n1    Lo Van Chien     Can bo        223.500\n2    Tan Lao Lo       Bi thu        223.500\n"
            "3    Vang A Su        Cong an vien  223.500\nCong                               670.500\n")
    ok = run(text.format(t="1.564.500"))
    assert statuses(ok, "A303") == ["ok"] and "mismatch" not in statuses(ok, "A205")
    assert statuses(run(text.format(t="1.654.500")), "A303") == ["mismatch"]


# -- round 45 ---------------------------------------------------------------------------------------------------------

def test_shares_of_those_honoured_and_a_list_of_them_by_donations():
    text = HEAD + ("Năm 2022, toàn tỉnh tôn vinh 200 người hiến máu tình nguyện tiêu biểu. Phân theo số lần hiến máu, gồm:\n"
                   "- Hiến máu 5 lần: 140 người, chiếm 70,0%;\n- Hiến máu 10 lần: 50 người, chiếm 25,0%;\n"
                   "- Hiến máu từ 15 lần trở lên: 10 người, chiếm {p}%.\n"
                   "Thành phố Lai Châu có số người được tôn vinh nhiều nhất (60 người, chiếm 30,0%).\n"
                   "- 190 người hiến máu 5 lần và 10 lần được Ban Chỉ đạo tỉnh tặng Giấy chứng nhận.\n"
                   "Sau lễ tôn vinh, 86 đoàn viên thanh niên đã tham gia hiến máu tại chỗ.\n")
    assert "mismatch" not in statuses(run(text.format(p="5,0")), "A114")
    assert "mismatch" in statuses(run(text.format(p="6,0")), "A114")


def test_a_ratio_of_two_counts_is_no_change_in_percent():
    doc = run(OTHER + "So với năm 2023 (463 người), số người tham gia tăng 38 người, bằng 108,2%.\n")
    assert "mismatch" not in statuses(doc, "A312")


def test_a_group_singled_out_and_at_least_a_minimum():
    doc = run(HEAD + "Năm 2022 xã tiếp nhận 76 đơn vị máu, đạt 108,6% chỉ tiêu (70 đơn vị). Riêng nhân dân các bản mới đạt "
                     "91,7% chỉ tiêu.\nPhấn đấu tỷ lệ đơn vị máu loại 350 ml đạt từ 30% trở lên (tối thiểu 108 đơn vị).\n")
    assert "mismatch" not in statuses(doc, "A104") and not figures(doc, "units_over_quota")


def test_subtotals_of_semesters_and_a_semesters_rate_and_bag_sizes_shares():
    text = HEAD + ("Cả năm học tiếp nhận 463 đơn vị máu, đạt 110,2% kế hoạch (420 đơn vị). Học kỳ II tiếp nhận tổng cộng 209 "
                   "đơn vị, bằng 104,5% kế hoạch học kỳ II. Loại 250 ml chỉ có 104 đơn vị (22,5%).\n\n"
                   "Đợt   Ngày lấy máu  Số đơn vị tiếp nhận\nĐợt 1   14/10/2022   137\nĐợt 2   09/12/2022   117\n"
                   "Cộng học kỳ I                 254\nĐợt 3   03/3/2023    107\nĐợt 4   21/4/2023    102\n"
                   "Cộng học kỳ II                209\nCả năm học                    {t}\n")
    ok = run(text.format(t="463"))
    assert "mismatch" not in statuses(ok, "A602") and "mismatch" not in statuses(ok, "A104")


def test_a_rate_per_thousand_in_a_table():
    text = OTHER + ("STT | Bản | Số hộ | Dân số (người) | Số trẻ sinh | Tỷ suất sinh thô (‰)\n1 | Nà Cà | 92 | 440 | 9 | 20,5\n"
                    "2 | Nà Ít | 180 | 897 | 20 | 22,3\n3 | Coóc Pa | 121 | 589 | 9 | 15,3\n4 | Sùng Chô | 140 | 685 | 13 | {r}\n"
                    "  | Toàn xã | 533 | 2.611 | 51 | 19,5\n")
    assert "mismatch" not in statuses(run(text.format(r="19,0")), "A601")
    assert "mismatch" in statuses(run(text.format(r="19,6")), "A601")


def test_a_count_of_units_of_a_named_unit_in_brackets_and_an_earlier_periods_aside():
    doc = run_all(OTHER.replace("KRÔNG PẮC", "TAM ĐƯỜNG").replace("Krông Pắc", "Tam Đường") + (
        "Huyện có tỷ lệ đạt thấp nhất là Bản Bo (9/14 bản).\n"))
    assert "mismatch" not in statuses(doc, "A402")


def test_an_amount_each_past_an_aside_times_the_count():
    text = OTHER + ("Hỗ trợ cho 94 trường hợp đối tượng qua đời, mỗi trường hợp 7.200.000 đồng (bằng 20 lần mức chuẩn trợ "
                    "giúp xã hội), tổng kinh phí {t} triệu đồng.\n")
    assert statuses(run(text.format(t="676,8")), "A315") == ["ok"]
    assert statuses(run(text.format(t="669,6")), "A315") == ["mismatch"]


def test_a_ratio_in_brackets_after_a_rise():
    doc = run(OTHER + "Đàn lợn: 57.690 con, tăng 1.772 con (103,17%) so với 6 tháng đầu năm 2023 (55.918 con).\n")
    assert "mismatch" not in statuses(doc, "A312")
