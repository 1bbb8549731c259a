"""Shapes met in round 25 of probes: numbering rows of bare letters and formulas over what is no column, formulas
over columns no meaning names, a year report's table of one half's drives, a column of names left unheaded, an
expense list in old OCR with items of no quantity, changes written with the count before in brackets, and units
counted against a threshold."""

from tests.test_round13 import statuses
from tests.test_tables import HEAD, run


def indicators(revenue: str) -> str:
    return (HEAD + "Chỉ tiêu            Đơn vị tính   KH năm 2022   TH 6 tháng 2021   TH 6 tháng 2022   So cùng kỳ (%)   So KH năm (%)\n"
            "A                   B             1             2                 3                 4 = 3/2          5 = 3/1\n"
            f"Tổng doanh thu      triệu đồng    500.000,0     240.000,0         {revenue}         115,0            55,2\n"
            "Lượt khách          lượt          1.000.000     400.000           460.000           115,0            46,0\n")


def test_a_numbering_row_of_bare_letters_is_a_header_and_its_formulas_hold_the_rows():
    doc = run(indicators("276.000,0"))
    assert [r.kind.value for r in doc.tables[0].rows[:2]] == ["header", "header"]
    assert "mismatch" not in statuses(doc, "A601") + statuses(doc, "A616")
    assert "mismatch" in statuses(run(indicators("267.000,0")), "A616")


def compensation(row_total: str) -> str:
    return (HEAD + "STT | Xã | Số hộ | Bồi thường về đất | Bồi thường tài sản | Hỗ trợ | Tổng kinh phí\n"
            "(1) | (2) | (3) | (4) | (5) | (6) | (7)=(4)+(5)+(6)\n"
            "1 | Xã Tả Phìn | 46 | 9.218,640 | 1.436,275 | 2.765,592 | 13.420,507\n"
            f"2 | Xã Pa Tần | 39 | 7.309,400 | 1.182,930 | 2.192,820 | {row_total}\n"
            " | Cộng | 85 | 16.528,040 | 2.619,205 | 4.958,412 | 24.105,657\n")


def test_a_formula_over_columns_no_meaning_names():
    assert "mismatch" not in statuses(run(compensation("10.685,150")), "A616")
    assert "mismatch" in statuses(run(compensation("10.865,150")), "A616")


def test_a_year_report_s_table_of_the_second_half_s_drives():
    doc = run(HEAD + "Năm 2022, chỉ tiêu tỉnh giao 1.600 đơn vị máu.\n\n"
                     "Như đã báo cáo tại Báo cáo số 41/BC-BCĐ ngày 05/7/2022, 6 tháng đầu năm huyện tổ chức 03 đợt lấy máu "
                     "(ngày 08/01, 26/02 và 11/6/2022), tiếp nhận 745 đơn vị máu.\n\n"
                     "Sáu tháng cuối năm, huyện tổ chức tiếp 03 đợt. Kết quả:\n\n"
                     "TT | Ngày | Nơi lấy máu | Chỉ tiêu đợt | Tiếp nhận | Đạt (%)\n"
                     "1 | 20/8/2022 | Xã Tả Phìn | 300 | 296 | 98,7\n"
                     "2 | 15/10/2022 | Xã Pa Tần | 280 | 263 | 93,9\n"
                     "3 | 10/12/2022 | Thị trấn Sìn Hồ | 275 | 318 | 115,6\n"
                     " | Cộng 6 tháng cuối năm | | 855 | 877 | 102,6\n\n"
                     "Cả năm 2022, huyện tiếp nhận 1.622 đơn vị máu, đạt 101,4% chỉ tiêu tỉnh giao.\n")
    for code in ("A101", "A102", "A604"):
        assert "mismatch" not in statuses(doc, code), code


def clusters(quota: str) -> str:
    return (HEAD + "                                   Chỉ tiêu   Thực hiện   Tỷ lệ đạt (%)\n"
            "Cụm phía Bắc\n"
            f"  Xã Tả Phìn                             {quota}          96           106,7\n"
            "  Xã Pa Tần                             110         118           107,3\n"
            "  Cộng cụm phía Bắc                     200         214           107,0\n"
            "Cụm phía Nam\n"
            "  Xã Làng Mô                             45          38            84,4\n"
            "  Xã Tủa Sín Chải                        60          64           106,7\n"
            "  Cộng cụm phía Nam                     105         102            97,1\n"
            "TOÀN HUYỆN                              305         316           103,6\n")


def test_a_column_of_names_the_header_leaves_unheaded():
    doc = run(clusters("90"))
    table = doc.tables[0]
    assert table.columns[1].meaning == "quota" and table.columns[0].header == ""
    assert "Xã Tả Phìn" in [r.label for r in table.rows]
    assert "mismatch" not in statuses(doc, "A601") + statuses(doc, "A602")
    assert "mismatch" in statuses(run(clusters("95")), "A602")  # the cluster's quota no longer adds up


def test_an_expense_list_in_old_ocr_with_items_of_no_quantity():
    doc = run(HEAD + "Chi tiet cac khoan chi:\n\n"
                     "TT Noi dung chi  So luong Dinh muc (dong) Thanh tien (dong)\n"
                     "1 Boi duong an nhe cho nguoi hien mau 534 nguoi 30.000  16.020.000\n"
                     "2 Qua tang nguoi hien mau lan dau 187 suat 50.000 9.350.000\n"
                     "3 In to roi, bang ron tuyen truyen 6.480.000\n"
                     "4 Ho tro di lai cho tinh nguyen vien 96 luot 40.000 3.840.000\n"
                     "5 To chuc Le ton vinh nguoi hien mau 12.500.000\n"
                     "Tong cong  48.910.000\n")
    table = doc.tables[0]
    third = table.rows[2]
    assert len([c for c in third.cells if c.text == "6.480.000"]) == 1  # one cell, at the right
    assert table.columns[third.cells[-1].col].meaning == "money_vnd"
    assert "mismatch" in statuses(doc, "A602")  # 48.190.000 listed


def test_a_change_in_percent_against_the_count_before_in_brackets():
    text = ("Năm 2022 có 303 cán bộ, chiến sĩ tham gia hiến máu. So với năm 2021 (271 người), số người tham gia tăng 32 "
            "người, tương đương {p}%.\n")
    assert "mismatch" not in statuses(run(HEAD + text.format(p="11,8")), "A116")
    assert "mismatch" in statuses(run(HEAD + text.format(p="10,6")), "A116")


def test_a_change_of_an_amount_with_decimals_against_the_amount_before():
    text = "Tổng sản lượng lương thực đạt 48.969,8 tấn, tăng {d} tấn so với vụ Chiêm Xuân 2021 (47.721,6 tấn).\n"
    assert statuses(run(HEAD + text.format(d="1.248,2")), "A316") == ["ok"]
    assert statuses(run(HEAD + text.format(d="1.148,2")), "A316") == ["mismatch"]


def vaccinated(n: int) -> str:
    return (HEAD + f"Có {n}/4 xã, thị trấn đạt tỷ lệ tiêm từ 95% trở lên.\n\n"
            "STT   Xã, thị trấn           Trẻ trong diện   Đã tiêm   Tỷ lệ (%)\n"
            "1     Thị trấn Sìn Hồ                 1.126      1.098        97,5\n"
            "2     Xã Tả Phìn                        684        662        96,8\n"
            "3     Xã Pa Tần                         402        378        94,0\n"
            "4     Xã Làng Mô                        515        497        96,5\n"
            "      Cộng                            2.727      2.635        96,6\n")


def test_units_counted_against_a_threshold_of_their_rate():
    assert statuses(run(vaccinated(3)), "A611") == ["ok"]
    assert statuses(run(vaccinated(4)), "A611") == ["mismatch"]


def test_a_header_names_those_deferred():
    from pipeline import families  # noqa: F401  (registers the families' meanings)
    from pipeline.tables.vocabulary import header_meaning

    assert header_meaning("Số người hoãn hiến").name == "deferred"


# -- round 26's held-out batches: what read falsely there -----------------------------------------------------------

def drives_with_long_places(total: str) -> str:
    return (HEAD + "Năm 2022 tiếp nhận 300 đơn vị máu.\n\n"
            "Đợt  Ngày         Địa điểm                        Cán bộ   Nhân dân   Tổng số người   Tiếp nhận (đv)\n"
            "1    11/01/2022   Đồn Biên phòng Cửa khẩu Xa Mát, xã Tân Lập      48         37              85               76\n"
            "2    14/4/2022    Sở Chỉ huy Bộ Chỉ huy, Phường 3, thành phố      112         25             137              121\n"
            "3    14/6/2022    Đồn Biên phòng Phước Vinh, xã Phước Vinh         41         52              93              103\n"
            f"     Tổng cộng                                                    201        114             315              {total}\n")


def test_figures_a_long_place_pushed_right_stay_in_their_columns():
    doc = run(drives_with_long_places("300"))
    first = doc.tables[0].rows[1]
    assert [c.text for c in first.cells][-4:] == ["48", "37", "85", "76"]
    assert "mismatch" not in statuses(doc, "A602")
    assert "mismatch" in statuses(run(drives_with_long_places("330")), "A602")


def test_a_money_list_ends_where_the_next_numbered_item_starts():
    doc = run(HEAD + "1. Tổng thu ngân sách xã: 9.673.645.000 đồng, trong đó:\n"
                     "- Thu bổ sung từ ngân sách cấp trên: 8.142.930.000 đồng.\n\n"
                     "2. Tổng chi ngân sách xã: 9.358.352.000 đồng, trong đó:\n"
                     "- Chi đầu tư phát triển: 742.860.000 đồng;\n"
                     "- Chi thường xuyên: 8.615.492.000 đồng.\n")
    assert statuses(doc, "A302") == ["ok"]  # the spending's two items; the revenue's one item is no breakdown


def test_a_count_of_bodies_before_their_blood():
    doc = run(HEAD + "Tổng cộng 11 đơn vị: 900 đơn vị máu.\n")
    assert 11 not in [f.value for f in doc.figures if f.kind in ("units_quota", "units_received")]


def test_a_youth_union_s_own_figures_are_not_its_district_s_but_those_it_quotes_are(tmp_path):
    from tests.test_round13 import _corpus_findings

    district = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 41/BC-BCĐ          Sìn Hồ, ngày 15 "
                "tháng 12 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nNăm 2022 huyện nhận chỉ tiêu 750 "
                "đơn vị máu, tiếp nhận 721 đơn vị máu.\n")
    union = ("BCH ĐOÀN TỈNH LAI CHÂU              ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN HUYỆN SÌN HỒ\n\nSố: 96-BC/HĐTN"
             "          Sìn Hồ, ngày 22 tháng 12 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022 của tuổi trẻ "
             "huyện Sìn Hồ\n\nCăn cứ Báo cáo số 41/BC-BCĐ ngày 15/12/2022 của Ban Chỉ đạo huyện, năm 2022 toàn huyện tiếp "
             "nhận {n} đơn vị máu.\n\nNăm 2022 Huyện Đoàn nhận chỉ tiêu 280 đơn vị máu, tiếp nhận 263 đơn vị máu.\n")
    saved = _corpus_findings(tmp_path, {"district.txt": district, "union.txt": union.format(n=721)})
    assert not [f for f in saved if f["code"] == "C102" and f["status"] == "mismatch"]  # 280 is the union's own
    (tmp_path / "b").mkdir()
    saved = _corpus_findings(tmp_path / "b", {"district.txt": district, "union.txt": union.format(n=712)})
    assert [(f["claimed"], f["computed"]) for f in saved if f["code"] == "C102" and f["status"] == "mismatch"] \
        == [(712, 721)]
