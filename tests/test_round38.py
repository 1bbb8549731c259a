"""Shapes met in round 38 of probes (texts of our own, the shapes only): emergency units outside the drives, two
quotas of a year, lists of names on the next lines, fractions with their percent, quotes of amounts named before
them, breakdowns of some parts only, headers over their units."""

from tests.test_audit_corpus import _corpus_findings
from tests.test_round13 import figures, statuses
from tests.test_round31 import _dir
from tests.test_tables import HEAD, run

OTHER = ("UBND HUYỆN KRÔNG PẮC\n\nSố: 210/BC-UBND          Krông Pắc, ngày 12 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả "
         "thực hiện nhiệm vụ năm 2024\n\n")


def test_units_at_the_drives_and_in_emergencies_and_a_table_of_the_drives():
    text = HEAD + ("Năm 2022, toàn huyện tiếp nhận 1.050 đơn vị máu, gồm 1.000 đơn vị tại các đợt hiến máu do các xã tổ "
                   "chức và 50 đơn vị hiến máu khẩn cấp tại Bệnh viện huyện. Chỉ tiêu năm 2022 là 1.250 đơn vị.\n"
                   "Kết quả tại các đợt đạt {rate}% kế hoạch năm.\n\n"
                   "STT   Xã              Tiếp nhận\n1     Xã Pa Tần            400\n2     Xã Tả Phìn           350\n"
                   "3     Xã Noong Hẻo         250\n      Tổng cộng          1.000\n")
    doc = run(text.format(rate="80,0"))
    assert "mismatch" not in statuses(doc, "A604") and statuses(doc, "A104") == ["ok"]
    assert statuses(run(text.format(rate="84,0")), "A104") == ["mismatch"]


def test_a_count_that_says_it_counts_emergencies_too_is_not_a_table_of_drives():
    doc = run(HEAD.replace("năm 2022", "năm 2023") + (
        "So với năm 2022 (1.080 đơn vị, kể cả hiến máu khẩn cấp), năm 2023 tăng 20 đơn vị.\n\n"
        "STT   Xã              Năm 2022\n1     Xã Pa Tần            400\n2     Xã Tả Phìn           350\n"
        "3     Xã Noong Hẻo         250\n      Tổng cộng          1.000\n"))
    assert "mismatch" not in statuses(doc, "A604")


def test_people_who_qualified_and_gave_and_the_money_for_them():
    doc = run(HEAD + "Toàn xã có 84 người đăng ký, qua khám sàng lọc có 67 người đủ điều kiện và hiến thành công; 17 "
                     "người không đủ điều kiện. Ngoài ra có 02 đơn vị hiến máu khẩn cấp; tổng cộng 69 đơn vị máu.\n")
    assert [f.value for f in figures(doc, "screening") if f.attrs.get("step") == "gave"] == [67]
    assert statuses(doc, "A112") == ["ok"]


def test_two_quotas_of_a_year_and_drives_that_share_one_of_them():
    doc = run(HEAD.replace("BÁO CÁO\nKết quả vận động", "KẾ HOẠCH\nVận động").replace("/BC-", "/KH-").replace(
        "năm 2022", "năm 2023") + ("1. Chỉ tiêu tỉnh giao: 1.200 đơn vị máu.\n2. Chỉ tiêu huyện phấn đấu: 1.250 đơn vị "
                                  "máu, tăng 101 đơn vị so với kết quả thực hiện năm 2022 (1.149 đơn vị).\n"
                                  "- Đợt 1 (tháng 3/2023): 350 đơn vị;\n- Đợt 2 (tháng 6/2023): 300 đơn vị;\n"
                                  "- Đợt 3 (tháng 9/2023): 300 đơn vị;\n- Đợt 4 (tháng 11/2023): 300 đơn vị.\n"))
    assert "mismatch" not in statuses(doc, "A105")
    assert 1149 not in [f.value for f in figures(doc, "units_quota")]


def test_names_of_a_count_of_communes_on_the_next_lines():
    text = OTHER + ("Số xã đạt chuẩn nông thôn mới nâng cao: {n} xã, gồm:\n   Hiệp An, Hiệp Thạnh, Liên Hiệp,\n"
                    "   Ninh Gia và Bình Thạnh.\n")
    assert statuses(run(text.format(n="05")), "A408") == ["ok"]
    assert statuses(run(text.format(n="06")), "A408") == ["mismatch"]


def test_a_fraction_and_its_percent():
    text = OTHER + "- Xét tốt nghiệp THCS: 2.271/2.296 học sinh lớp 9 được công nhận tốt nghiệp, đạt {p}%.\n"
    assert statuses(run(text.format(p="98,91")), "A317") == ["ok"]
    assert statuses(run(text.format(p="98,19")), "A317") == ["mismatch"]
    assert not figures(run(OTHER + "Ngày 15/6 đạt 80% kế hoạch.\n"), "count_share")


def test_a_breakdown_of_some_parts_only():
    some = run(OTHER + "Dự toán thu là 286.400 triệu đồng (trong đó thu tiền sử dụng đất 115.000 triệu đồng, lệ phí "
                       "trước bạ 24.600 triệu đồng).\n")
    assert statuses(some, "A302") == ["ok"]
    over = run(OTHER + "Dự toán thu là 86.400 triệu đồng (trong đó thu tiền sử dụng đất 115.000 triệu đồng, lệ phí "
                       "trước bạ 24.600 triệu đồng).\n")
    assert statuses(over, "A302") == ["mismatch"]
    main = run(OTHER + "Dự toán được duyệt tổng số 1.550.500.000 đồng; trong đó các nội dung chi chính: cây giống "
                       "979.000.000 đồng; chồi ghép 273.000.000 đồng.\n")
    assert statuses(main, "A302") == []


def test_a_numbered_item_s_own_total():
    doc = run(OTHER + "1. Số thu năm 2024: 187,46 tỷ đồng, đạt 98,7% kế hoạch thu (189,93 tỷ đồng).\n"
                      "2. Ngân sách hỗ trợ: trung ương và tỉnh 41,28 tỷ đồng; huyện 1,36 tỷ đồng; tổng cộng 42,64 tỷ "
                      "đồng.\n")
    assert statuses(doc, "A302") == ["ok"]


def test_award_rates_as_items_and_restated_in_the_list():
    text = ("UBND HUYỆN CAO LÃNH\n\nSố: 1520/QĐ-UBND          Cao Lãnh, ngày 10 tháng 1 năm 2023\n\nQUYẾT ĐỊNH\nVề việc "
            "khen thưởng\n\nĐiều 1. Tặng Giấy khen của Chủ tịch UBND huyện cho 05 tập thể và 12 cá nhân.\n"
            "Điều 2. Mức tiền thưởng kèm theo Giấy khen, tính trên mức lương cơ sở 1.490.000 đồng:\n"
            "    - Cá nhân: 0,15 lần mức lương cơ sở = 223.500 đồng/người;\n"
            "    - Tập thể: gấp 02 lần mức tiền thưởng cá nhân = 447.000 đồng/tập thể.\n"
            "    Tổng số tiền thưởng: {n} đồng.\n")
    assert statuses(run(text.format(n="4.917.000")), "A303") == ["ok"]
    assert statuses(run(text.format(n="4.971.000")), "A303") == ["mismatch"]


def test_a_line_of_words_over_a_header_of_units_and_a_figure_glued_to_its_name():
    text = OTHER + ("                          Tổng chiều dài     Đã cứng hóa        Tỷ lệ\n"
                    "   Loại đường                 (km)              (km)            cứng hóa (%)\n"
                    "   Đường huyện                96,4              96,4            100,0\n"
                    "   Đường xã                  214,6             205,3             95,7\n"
                    "   Đường thôn, xóm           388,2             341,6             88,0\n"
                    "   Đường trục chính nội đồng 265,0             179,4             67,7\n"
                    "   Cộng                      964,2             822,7             85,3\n")
    doc = run(text)
    [t] = doc.tables
    assert [c.header for c in t.columns][1:] == ["Tổng chiều dài (km)", "Đã cứng hóa (km)", "Tỷ lệ cứng hóa (%)"]
    assert t.data_rows()[3].cell(1).value == 265.0
    assert statuses(doc, "A602") == ["ok", "ok"]


def test_a_rate_of_the_plan_is_not_a_column_of_the_year_before():
    doc = run(OTHER + ("   Khoản thu                 Dự toán     Thực hiện    So với năm 2023 (%)\n"
                       "   Thuế ngoài quốc doanh      40.000      42.000        110,0\n"
                       "   Lệ phí trước bạ            24.600      25.904        111,9\n"
                       "   Cộng                       64.600      67.904        110,7\n\n"
                       "- Lệ phí trước bạ đạt 105,3% dự toán do thị trường ô tô phục hồi.\n"))
    assert "mismatch" not in statuses(doc, "A620")


def test_words_in_a_typed_price_cell_are_no_damage():
    doc = run(OTHER + ("STT | Nội dung chi        | Đơn giá   | Quyết toán    \n"
                       " 1  | Cây giống           | 2.000     |   956.700.000 \n"
                       " 2  | Mô hình trình diễn  | thực tế   |    88.750.000 \n"
                       " 3  | Tập huấn            | 8.230.000 |   164.600.000 \n"
                       "    | Tổng cộng           |           | 1.219.050.000 \n"))
    assert statuses(doc, "A602") == ["mismatch"]


def test_amounts_quoted_with_their_words_before_them(tmp_path):
    cited = ("UBND HUYỆN KRÔNG PẮC\n\nSố: 185/BC-UBND          Krông Pắc, ngày 12 tháng 7 năm 2024\n\nBÁO CÁO\nSơ kết 6 "
             "tháng\n\nLũy kế 6 tháng, toàn huyện tái canh được 235 ha. Ghép cải tạo được 91 ha, đạt 50,00% chỉ tiêu.\n"
             "Tổ chức 6 lớp tập huấn với 412 lượt nông dân tham dự.\n")
    citing = ("UBND HUYỆN KRÔNG PẮC\n\nSố: 14/BC-UBND          Krông Pắc, ngày 15 tháng 1 năm 2025\n\nBÁO CÁO\nKết quả "
              "năm 2024\n\nTheo Báo cáo số 185/BC-UBND ngày 12/7/2024 của UBND huyện, 6 tháng đầu năm toàn huyện ghép "
              "cải tạo được {ha} ha, với {n} lượt nông dân tham dự tập huấn.\n")
    ok = _corpus_findings(_dir(tmp_path, "a"), {"a.txt": cited, "b.txt": citing.format(ha="91", n="412")})
    assert [f["status"] for f in ok if f["code"] == "C110"] == ["ok", "ok"]
    wrong = _corpus_findings(_dir(tmp_path, "b"), {"a.txt": cited, "b.txt": citing.format(ha="97", n="421")})
    assert sorted(f["status"] for f in wrong if f["code"] == "C110") == ["mismatch", "mismatch"]
