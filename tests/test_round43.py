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
