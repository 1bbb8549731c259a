"""Shapes met in round 24 of probes: formulas a table writes for itself (a numbering row ``(3)=(2)/(1)``, a row
``Tổng cộng (I + II)``), a table too wide for the page written in two blocks, groups closed by ``Cộng <name>``,
counts and changes the text states next to a table, and phrasings of the blood family not read before."""

from pipeline.tables.formulas import column_keys, evaluate, parse, row_formula
from tests.test_round13 import run_all, statuses
from tests.test_tables import HEAD, run


def test_formulas_parse_and_evaluate_with_rounding():
    tree = parse("(3)/[(3)+(4)]")
    assert evaluate(tree, {"3": (1, 1), "4": (3, 3)}) == (0.25, 0.25)
    keys = column_keys(["(A)", "(B)", "(1)", "(2)", "(3)=(2)/(1)", "(4)=(1)x500.000"])
    assert [k for k, _ in keys] == ["A", "B", "1", "2", "3", "4"]
    assert evaluate(keys[5][1], {"1": (3, 3)}) == (1_500_000, 1_500_000)
    assert column_keys(["1", "2", "5"]) is None  # not consecutive: figures, not keys
    assert column_keys(["(1)", "(2)", "(3)=(9)+(2)"])[2] == ("3", None)  # a formula over no key of the row: unchecked
    assert [k for k, _ in column_keys(["A", "B", "1", "2", "3 = 1 x 2 : 10"])] == ["A", "B", "1", "2", "3"]
    assert row_formula("TỔNG THU NSNN TRÊN ĐỊA BÀN (I + II)") == ("+", ("ref", "I"), ("ref", "II"))
    assert row_formula("Cộng (1+2+3)") is not None
    assert row_formula("Độ tuổi (18 - 25)") is None and row_formula("Năm (2023 - 2024)") is None


def support(fourth: str) -> str:
    return (HEAD + "Bảng: Hỗ trợ hộ gia đình\n"
            "STT   Xã, thị trấn          Số hộ    Thành tiền (đồng)    Hộ mới   Tỷ lệ hộ mới (%)\n"
            "(1)   (2)                     (3)    (4)=(3)x500.000         (5)    (6)=(5)/(3)\n"
            "1     Thị trấn Sìn Hồ          42         21.000.000          12        28,6\n"
            f"2     Xã Tả Phìn               30         {fourth}           6        20,0\n"
            "3     Xã Pa Tần                50         25.000.000          10        20,0\n"
            "      Tổng cộng               122         61.000.000          28        23,0\n")


def test_a_numbering_row_with_formulas_is_a_header_and_its_formulas_are_checked():
    doc = run(support("15.000.000"))
    table = doc.tables[0]
    assert table.rows[1].kind.value == "header"  # (1) (2) (3) ...: no row of figures
    assert statuses(doc, "A616") and set(statuses(doc, "A616")) == {"ok"}
    wrong = run(support("16.000.000"))
    assert "mismatch" in statuses(wrong, "A616")


def budget(total: str) -> str:
    return (HEAD + "Đơn vị tính: triệu đồng\n"
            "| STT | Nội dung thu | Dự toán HĐND tỉnh giao | Ước thực hiện |\n"
            f"| A | TỔNG THU NSNN (I + II) | 1.500 | {total} |\n"
            "| I | Thu nội địa | 1.200 | 1.150 |\n"
            "| 1 | Thuế thu nhập cá nhân | 500 | 480 |\n"
            "| 2 | Thu phí, lệ phí | 700 | 670 |\n"
            "| II | Thu từ hoạt động xuất nhập khẩu | 300 | 320 |\n")


def test_a_row_naming_the_rows_it_adds():
    assert set(statuses(run(budget("1.470")), "A616")) == {"ok"}
    assert "mismatch" in statuses(run(budget("1.740")), "A616")
    doc = run(budget("1.470"))
    assert doc.tables[0].columns[2].meaning != "unit_name"  # "HĐND tỉnh giao": who set it, no unit's name


def months(total: str) -> str:
    return (HEAD + "Cả năm đã tổ chức 8 đợt lấy máu, tiếp nhận 920 đơn vị máu.\n\n"
            "Nội dung             T1     T2     T3     T4     T5     T6\n"
            "Số đợt                1      0      1      1      1      1\n"
            "Đơn vị máu          110      0    115    120    105    100\n"
            "\n"
            "Nội dung             T7     T8     T9    T10    T11    T12    Cả năm\n"
            "Số đợt                1      0      1      0      1      0         8\n"
            f"Đơn vị máu          120      0    130      0    120      0     {total}\n")


def test_a_table_written_in_two_blocks_is_one_table():
    doc = run(months("920"))
    assert len(doc.tables) == 1
    assert "mismatch" not in statuses(doc, "A602")
    assert "mismatch" in statuses(run(months("1.200")), "A602")


def test_next_year_s_quota_column_is_not_this_year_s_quota():
    doc = run(HEAD + "Năm 2022 tiếp nhận 151 đơn vị máu, vượt chỉ tiêu tỉnh giao (140 đơn vị máu). Năm 2023 phân bổ chỉ "
                     "tiêu 160 đơn vị máu như sau:\n\n"
                     "STT   Xã, thị trấn           Kết quả năm 2022    Chỉ tiêu năm 2023\n"
                     "1     Thị trấn Sìn Hồ                      58                   60\n"
                     "2     Xã Tả Phìn                           41                   45\n"
                     "3     Xã Pa Tần                            52                   55\n"
                     "      Cộng                                151                  160\n")
    assert "mismatch" not in statuses(doc, "A604")


def groups(second: str) -> str:
    return (HEAD + "STT   Công đoàn cơ sở                     Số đăng ký    Số đơn vị máu\n"
            "I     Khu công nghiệp Bắc\n"
            "1     Công ty May Hưng Phát                      96               77\n"
            "2     Công ty Cơ khí Phương Bắc                 131              102\n"
            "      Cộng KCN Bắc                              227              179\n"
            "II    Khu công nghiệp Nam\n"
            "3     Công ty Điện tử Sao Việt                  286              231\n"
            "4     Công ty Nhựa Đông Á                        92               70\n"
            f"      Cộng KCN Nam                              378              {second}\n"
            "      Tổng cộng                                 605              480\n")


def test_a_group_closed_by_cong_and_its_name():
    doc = run(groups("301"))
    assert [r.kind.value for r in doc.tables[0].rows if r.label.startswith("Cộng")] == ["total", "total"]
    assert set(statuses(doc, "A602")) == {"ok"}
    assert "mismatch" in statuses(run(groups("311")), "A602")


def test_exceeding_the_quota_by_an_amount_after_the_quota_was_stated():
    doc = run(HEAD + "Phường được giao chỉ tiêu năm 2022 là 200 đơn vị máu.\n\nKết quả: tiếp nhận 225 đơn vị máu; vượt chỉ "
                     "tiêu 25 đơn vị, đạt 112,5%.\n")
    assert sorted(f.value for f in doc.figures if f.kind == "units_quota") == [200]


def test_a_drive_named_after_the_world_donor_day_keeps_its_quota():
    plan = HEAD.replace("12/BC-BCĐ", "12/KH-BCĐ").replace("BÁO CÁO\nKết quả vận động", "KẾ HOẠCH\nVận động").replace(
        "năm 2022\n", "năm 2023\n")
    doc = run(plan + "Phấn đấu cả năm tiếp nhận 650 đơn vị máu.\n\nChỉ tiêu được chia cho 3 đợt tập trung:\n"
                     "- Đợt 1, tháng 02/2023, hưởng ứng Lễ hội Xuân hồng: 200 đơn vị;\n"
                     "- Đợt 2, tháng 6/2023, hưởng ứng Ngày Thế giới tôn vinh người hiến máu: 180 đơn vị;\n"
                     "- Đợt 3, tháng 11/2023, hưởng ứng chương trình Chủ nhật Đỏ: 270 đơn vị.\n")
    assert 180 in [f.value for f in doc.figures if f.kind == "units_quota"]
    assert "mismatch" not in statuses(doc, "A105")


def test_a_share_of_those_examined_is_not_a_share_of_the_units():
    doc = run(HEAD + "Cả năm tiếp nhận 612 đơn vị máu. Số người không đủ điều kiện hiến là 113 người, chiếm 15,6% số "
                     "người được khám.\n")
    assert statuses(doc, "A114") == []


def sessions(n: int) -> str:
    return (HEAD + f"Năm 2022, Trung tâm tổ chức {n} buổi lấy máu lưu động, cụ thể:\n\n"
            "TT  Ngày lấy máu  Địa điểm               Người đăng ký  Đơn vị máu\n"
            "1   14/01/2022    Thị trấn Sìn Hồ                  165         142\n"
            "2   03/3/2022     Xã Tả Phìn                       118         103\n"
            "3   21/4/2022     Xã Pa Tần                         96          82\n"
            "    Cộng                                           379         327\n")


def test_sessions_of_taking_blood_are_drives():
    assert statuses(run(sessions(3)), "A106") == ["ok"]
    assert statuses(run(sessions(2)), "A106") == ["mismatch"]  # three listed


def test_a_header_of_months_counted_is_no_month_name():
    doc = run(HEAD + "Đơn vị                  Chỉ tiêu năm   6 tháng   % KH\n"
                     "Thị trấn Sìn Hồ                  203       104   51,2\n"
                     "Xã Tả Phìn                       155        77   49,7\n"
                     "Xã Pa Tần                        167        85   58,2\n"
                     "Toàn huyện                       525       266   50,7\n")
    assert doc.tables[0].columns[2].meaning != "month"
    assert "mismatch" in statuses(doc, "A601")  # 85 / 167 is 50,9%


def test_a_change_against_the_count_reached_just_before():
    text = ("Năm 2022, các trạm tiêm tiếp cho 676 trẻ, nâng tổng số cả năm lên 1.302 trẻ. So với năm 2021 (1.265 trẻ), "
            "số trẻ được tiêm chủng đầy đủ tăng {n} trẻ.\n")
    assert statuses(run(HEAD + text.format(n=37)), "A316") == ["ok"]
    assert statuses(run(HEAD + text.format(n=47)), "A316") == ["mismatch"]


def planting(n: int) -> str:
    return (HEAD + f"Điều 1. Giao chỉ tiêu trồng rừng năm 2022 là 300,0 ha cho {n} xã trên địa bàn huyện, chi tiết tại "
            "Phụ lục kèm theo.\n\nPHỤ LỤC\n"
            "TT   Đơn vị              Rừng trồng (ha)\n"
            "1    Xã Tả Phìn                   100,0\n"
            "2    Xã Pa Tần                    120,0\n"
            "3    Xã Làng Mô                    80,0\n"
            "     Tổng cộng                    300,0\n")


def test_units_counted_then_given_in_a_table():
    assert statuses(run(planting(3)), "A617") == ["ok"]
    assert statuses(run(planting(4)), "A617") == ["mismatch"]


def fund(total: str) -> str:
    return (HEAD + f"Tổng số tiền vận động năm 2022 là {total} nghìn đồng, tăng so với năm 2021.\n\n"
            "Bảng so sánh kết quả vận động (nghìn đồng):\n"
            "STT | Đơn vị | Năm 2021 | Năm 2022\n"
            "1 | Xã Tả Phìn | 142.350 | 151.200\n"
            "2 | Xã Pa Tần | 118.600 | 125.400\n"
            "3 | Xã Làng Mô | 96.420 | 94.800\n"
            " | Cộng | 357.370 | 371.400\n")


def test_a_sum_of_money_stated_for_a_year_above_a_table_by_year():
    assert statuses(run(fund("371.400")), "A618") == ["ok"]
    assert statuses(run(fund("317.400")), "A618") == ["mismatch"]


def enrolment(change: int) -> str:
    return (HEAD + f"Năm học 2022 - 2023 toàn huyện tuyển mới 9.079 trẻ và học sinh, tăng {change} em so với năm học "
            "trước. Số liệu so sánh như sau:\n\n"
            "Cấp học / khối lớp       Năm học 2021-2022   Năm học 2022-2023   Tăng, giảm\n"
            "I. Mầm non\n"
            "  - Nhà trẻ                          1.245               1.193          -52\n"
            "  - Mẫu giáo                         3.862               3.907          +45\n"
            "  Cộng mầm non                       5.107               5.100           -7\n"
            "II. Phổ thông\n"
            "  - Lớp 1                            2.031               1.964          -67\n"
            "  - Lớp 6                            1.878               2.015         +137\n"
            "  Cộng phổ thông                     3.909               3.979          +70\n"
            "Tổng cộng                            9.016               9.079          +63\n")


def test_a_change_the_text_states_above_a_table_with_a_change_column():
    doc = run(enrolment(63))
    labels = [r.label for r in doc.tables[0].rows]
    assert "II. Phổ thông" in labels  # a numbered group's heading is no continuation of the row above
    assert doc.tables[0].columns[1].meaning == "year_value"  # a school year heads its column
    assert statuses(doc, "A619") == ["ok"]
    assert statuses(run(enrolment(73)), "A619") == ["mismatch"]


def coverage(fourth: str) -> str:
    return (HEAD + "Đơn vị tính: người\n"
            "Nhóm đối tượng                                          Số người    Tỷ lệ so tổng số (%)\n"
            "Nhóm 1. Do người lao động và người sử dụng lao động đóng   22.533        40,99\n"
            "   - Người lao động trong doanh nghiệp                    21.346        38,83\n"
            "   - Cán bộ không chuyên trách cấp xã                      1.187         2,16\n"
            f"Nhóm 2. Được ngân sách nhà nước hỗ trợ mức đóng          {fourth}        43,73\n"
            "   - Học sinh, sinh viên                                  19.642        35,73\n"
            "   - Người thuộc hộ cận nghèo                              4.401         8,01\n"
            "Nhóm 3. Tham gia theo hộ gia đình                           8.399        15,28\n"
            "Tổng cộng                                                  54.975       100,00\n")


def test_a_header_counting_people_and_parts_under_numbered_groups():
    doc = run(coverage("24.043"))
    assert doc.tables[0].rows[0].kind.value == "header"
    assert "mismatch" not in statuses(doc, "A602")
    assert "mismatch" in statuses(run(coverage("24.143")), "A602")


def test_units_counted_then_named_bare_after_gom():
    text = ("Có {n} xã bị ngập sâu gồm: Tả Phìn, Pa Tần, Làng Mô, Tủa Sín Chải; xã Sà Dề Phìn ngập cục bộ ở các bản "
            "ven suối.\n")
    assert statuses(run_all(HEAD + text.format(n=4)), "A408") == ["ok"]
    assert statuses(run_all(HEAD + text.format(n=5)), "A408") == ["mismatch"]
