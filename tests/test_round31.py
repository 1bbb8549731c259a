"""Shapes met in round 31 of probes: a table of quarters closed by the months they make up, a drive called off in a
drives table, a running total on a unit's drive rows, parts of the year listed after a running total's words, a rate
of a plan only a table gives, a change in percent between two counts, an amount's change after the amount before,
a total column over the columns right before it, a count broken down in a list, a crop table, counts quoted from
a cited document, a correction letter, and one finding per wrong cell."""

from tests.test_audit_corpus import _corpus_findings
from tests.test_round13 import figures, run_all, statuses
from tests.test_tables import HEAD, run

OTHER_HEAD = ("UBND HUYỆN ĐỨC THỌ\nPHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 21/BC-LĐTBXH          Đức Thọ, ngày 02 "
              "tháng 4 năm 2024\n\nBÁO CÁO\nKết quả đưa người lao động đi làm việc ở nước ngoài quý I năm 2024\n\n")


def test_quarters_closed_by_the_months_they_make_up_and_a_row_whose_total_is_wrong():
    text = (HEAD + "Số đơn vị máu theo nhóm máu và quý:\n\n"
            "Quý        O Rh(D)+   A Rh(D)+   B Rh(D)+   Cộng\n"
            "Quý I           950        426        589   1.965\n"
            "Quý II        1.127        502        703   2.332\n"
            "Quý III       1.040        463        647   2.150\n"
            "9 tháng       3.117      {a}      1.939   6.447\n")
    good = run(text.format(a="1.391"))
    [t] = good.tables
    assert [c.meaning for c in t.columns][1:] == ["period_value"] * 3 + ["period_total"]  # turned: quarters across
    assert statuses(good, "A603") and "mismatch" not in statuses(good, "A603") + statuses(good, "A602")
    bad = run(text.format(a="1.931"))
    [row] = [f for f in bad.findings if f.code == "A603" and f.status == "mismatch"]
    assert (row.claimed, row.computed) == (1931, 1391)
    assert "mismatch" not in statuses(bad, "A602")  # the 9 months' column is off by that one cell: no finding of its own


def test_a_drive_called_off_is_no_drive_held():
    text = (HEAD + "Năm 2022, Hội tổ chức thành công {n} đợt, tiếp nhận 518 đơn vị máu. Diễn biến từng đợt như sau:\n\n"
            "Đợt   Ngày theo kế hoạch   Ngày thực hiện   Tình trạng                      Đơn vị máu\n"
            "1     14/01/2022           14/01/2022       Tổ chức đúng kế hoạch                  286\n"
            "2     17/6/2022            -                Hủy do mưa lũ                            -\n"
            "3     19/8/2022            26/8/2022        Lùi 1 tuần                             232\n"
            "      Tổng cộng                                                                    518\n")
    doc = run(text.format(n="2"))
    held = sorted(f.attrs["drive_no"] for f in figures(doc, "drive_date") if f.attrs["status"] == "held")
    assert held == [1, 3] and [f.attrs["status"] for f in figures(doc, "drive_date") if f.attrs["drive_no"] == 2] == ["planned"]
    assert statuses(doc, "A106") == ["ok"]
    assert statuses(run(text.format(n="3")), "A106") == ["mismatch"]


def test_a_running_total_on_each_drive_under_its_unit():
    text = (HEAD + "STT   Xã / điểm lấy máu        Ngày lấy máu   Đơn vị máu   Lũy kế (đv)\n"
            "1     Xã Tả Phìn                                       71\n"
            "      - Bản Tả Phìn           12/3/2022               41            41\n"
            "      - Bản Sáng Tùng         13/3/2022               30            71\n"
            "2     Xã Pa Tần                                        67\n"
            "      - Bản Pa Tần            20/4/2022               44           115\n"
            "      - Bản Nậm Tăm           21/4/2022               23           {c}\n"
            "      Tổng cộng                                       138\n")
    assert statuses(run(text.format(c="138")), "A606") == ["ok"] * 3
    [wrong] = [f for f in run(text.format(c="148")).findings if f.code == "A606" and f.status == "mismatch"]
    assert (wrong.claimed, wrong.computed) == (148, 138)


def test_parts_of_the_year_listed_after_a_running_total_s_words():
    head = HEAD.replace("năm 2022\n", "quý III năm 2022\n")
    doc = run_all(head + "3. So sánh và lũy kế\n\nCộng dồn từ đầu năm: quý I tiếp nhận 180 đơn vị, quý II 310 đơn vị, "
                         "quý III 460 đơn vị, tổng cộng 950 đơn vị, bằng 79,2% chỉ tiêu cả năm 2022 là 1.200 đơn vị.\n")
    got = {f.value: f.attrs.get("about") for f in figures(doc, "units_received")}
    assert got == {180: "quý I", 310: "quý II", 460: None, 950: "lũy kế"}  # quý III is the report's own
    assert "mismatch" not in statuses(doc, "A104")


def test_a_rate_of_a_plan_only_the_table_gives():
    text = (OTHER_HEAD + "Quý I năm 2024, toàn huyện có 146 lao động xuất cảnh đi làm việc ở nước ngoài, đạt {p}% kế "
            "hoạch năm.\n\n"
            "Đơn vị               Kế hoạch năm 2024   Thực hiện quý I   Tỷ lệ đạt (%)\n"
            "Xã Quang Vĩnh                      260                70            26,9\n"
            "Xã Tùng Châu                       260                76            29,2\n"
            "Toàn huyện                         520               146            28,1\n")
    assert statuses(run(text.format(p="28,1")), "A313") == ["ok"]
    assert statuses(run(text.format(p="29,2")), "A313") == ["mismatch"]


def test_a_change_in_percent_between_the_count_reached_and_the_count_before():
    text = (HEAD + "Số người hiến máu nhắc lại là 214 người, tăng {p}% so với năm 2021 (185 người).\n")
    assert statuses(run(text.format(p="15,7")), "A312") == ["ok"]
    assert statuses(run(text.format(p="17,5")), "A312") == ["mismatch"]
    # the change itself before the percent is no count reached
    doc = run(HEAD + "Năm 2022 phát hiện 27 vụ vi phạm, giảm 8 vụ, giảm 22,9% so với năm 2021 (35 vụ).\n")
    assert "mismatch" not in statuses(doc, "A312")


def test_an_amount_s_change_after_the_amount_before_in_brackets():
    text = (HEAD + "Năm 2022 vận động được 2.448.450.000 đồng, so với năm 2021 (2.176.300.000 đồng) tăng 272.150.000 "
            "đồng, tương đương tăng {p}%.\n")
    assert statuses(run(text.format(p="12,5")), "A311") == ["ok"]
    assert statuses(run(text.format(p="13,5")), "A311") == ["mismatch"]


def test_a_total_column_over_the_columns_right_before_it():
    text = (HEAD + "Đơn vị tính: nghìn đồng\n"
            "Đơn vị                 Số hộ  Diện tích (m²)     BT về đất    BT tài sản       Hỗ trợ          Cộng\n"
            "Thị trấn Sìn Hồ           18           9.460     6.215.340     1.874.210    1.203.560     9.293.110\n"
            "Xã Tả Phìn                34          42.875     9.326.450     3.517.820    2.984.130    15.828.400\n"
            "Xã Pa Tần                 26          38.940     7.184.300     2.965.480    2.410.870    {row}\n"
            "Tổng cộng                 78          91.275    22.726.090     8.357.510    6.598.560    37.682.160\n")
    good = run(text.format(row="12.560.650"))
    assert [c.meaning for c in good.tables[0].columns][3:] == ["across_value"] * 3 + ["across_total"]
    assert "mismatch" not in statuses(good, "A603") + statuses(good, "A602")
    bad = run(text.format(row="12.660.650"))
    [row] = [f for f in bad.findings if f.code == "A603" and f.status == "mismatch"]
    assert (row.claimed, row.computed) == (12660650, 12560650)
    assert "mismatch" not in statuses(bad, "A602")  # the Cộng column's sum is that cell's knock-on


def test_a_count_broken_down_in_the_list_under_it():
    text = ("BẢO HIỂM XÃ HỘI HUYỆN BÀU BÀNG\n\nSố: 412/BC-BHXH          Bàu Bàng, ngày 05 tháng 10 năm 2024\n\nBÁO CÁO\n"
            "Kết quả thực hiện chính sách BHXH, BHYT 9 tháng năm 2024\n\n"
            "Toàn huyện có {n} người tham gia BHYT, tỷ lệ bao phủ 91,3% dân số. Chia theo nhóm đối tượng:\n\n"
            "- Nhóm do người lao động và người sử dụng lao động đóng: 41.236 người;\n"
            "- Nhóm do ngân sách nhà nước đóng: 18.934 người;\n"
            "- Nhóm tham gia theo hộ gia đình: 52.200 người.\n\n"
            "Kết quả theo từng xã như sau.\n")
    assert statuses(run(text.format(n="112.370")), "A403") == ["ok"]
    assert statuses(run(text.format(n="112.970")), "A403") == ["mismatch"]


def test_points_counted_before_the_list_of_them():
    text = (HEAD + "Hội tổ chức lấy máu tại {n} điểm trên địa bàn huyện, cụ thể:\n\n"
            "+ Điểm xã Tả Phìn (ngày 08/7/2022): tiếp nhận 64 đơn vị máu;\n"
            "+ Điểm xã Pa Tần (ngày 12/7/2022): tiếp nhận 88 đơn vị máu;\n"
            "+ Điểm thị trấn Sìn Hồ (ngày 26/7/2022): tiếp nhận 196 đơn vị máu.\n\n"
            "Tổng số đơn vị máu tiếp nhận là 348 đơn vị.\n")
    assert statuses(run(text.format(n="3")), "A409") == ["ok"]
    assert statuses(run(text.format(n="4")), "A409") == ["mismatch"]


def test_a_crop_table_its_yield_against_the_text_and_a_season_s_change_column():
    text = ("PHÒNG NÔNG NGHIỆP HUYỆN CỜ ĐỎ\n\nSố: 45/BC-NN          Cờ Đỏ, ngày 20 tháng 4 năm 2024\n\nBÁO CÁO\nKết quả "
            "sản xuất vụ Đông Xuân 2023 - 2024\n\nToàn huyện thu hoạch 8.365,1 ha, năng suất bình quân {y} tạ/ha, sản "
            "lượng 59.540 tấn lúa.\n\n"
            "Đơn vị                Diện tích (ha)   Năng suất (tạ/ha)   Sản lượng (tấn)\n"
            "Thị trấn Cờ Đỏ               1.245,6                70,8             8.819\n"
            "Xã Trung An                  3.012,4                71,5            21.539\n"
            "Xã Thạnh Phú                 4.107,1                71,5            29.182\n"
            "Toàn huyện                   8.365,1                71,2            59.540\n\n"
            "Chỉ tiêu                          ĐX 2022-2023    ĐX 2023-2024    Tăng (+), giảm (-)\n"
            "Diện tích (ha)                         8.300,0         8.365,1                + 65,1\n"
            "Sản lượng (tấn)                         58.229          59.540               + {c}\n\n"
            "Vụ Hè Thu phấn đấu năng suất bình quân 58,0 tạ/ha.\n")
    good = run(text.format(y="71,2", c="1.311"))
    assert [c.meaning for c in good.tables[0].columns] == ["unit_name", "area", "yield_rate", "output"]
    assert statuses(good, "A613") == ["ok", "ok"] and "mismatch" not in statuses(good, "A602")  # yield and output
    assert "mismatch" not in statuses(good, "A610") and statuses(good, "A610")
    bad = run(text.format(y="71,4", c="1.411"))
    assert statuses(bad, "A613") == ["mismatch", "ok"] and "mismatch" in statuses(bad, "A610")


def test_a_pipe_header_whose_second_line_opens_on_an_empty_cell():
    text = (HEAD + "STT | Xã, thị trấn   | Vụ Xuân 2021 | Vụ Xuân 2022 |            |\n"
            "    |                | Diện tích    | Diện tích    | Năng suất  | Sản lượng\n"
            "1   | Xã Tả Phìn     | 112          | 105          | 65,0       | 682\n"
            "2   | Xã Pa Tần      | 418          | 412          | 67,0       | 2.760\n"
            "    | Toàn huyện     | 530          | 517          | 66,6       | 3.442\n")
    [t] = run(text).tables
    assert len(t.columns) == 6 and t.total_rows()[0].cell(3).value == 517 and t.total_rows()[0].cell(1).text == "Toàn huyện"


def test_a_total_row_as_short_as_the_rows_above_starts_in_the_first_column():
    text = (HEAD + "Đơn vị | Số tiền (nghìn đồng) | Số hộ được hỗ trợ | Nhà xây mới (căn) | Ghi chú\n"
            "Huyện Sìn Hồ | 4.126.800 | 1.384 | 18\nHuyện Phong Thổ | 2.215.600 | 962 | 11\n"
            "Huyện Tam Đường | 3.064.250 | 1.236 | 16 | Theo báo cáo bổ sung\nToàn tỉnh | 9.406.650 | 3.582 | 45\n")
    [t] = run(text).tables
    assert [c.text for c in sorted(t.total_rows()[0].cells, key=lambda c: c.col)] == ["Toàn tỉnh", "9.406.650", "3.582", "45"]
    assert "mismatch" not in statuses(run(text), "A602")


def _dir(tmp_path, name):
    (tmp_path / name).mkdir()
    return tmp_path / name


PLAN = ("HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ\nHUYỆN HẢI LĂNG\n\nSố: 245/KH-HĐNVQS          Hải Lăng, ngày 28 tháng 11 năm 2023\n\n"
        "KẾ HOẠCH\nTuyển chọn và gọi công dân nhập ngũ năm 2024\n\nHội đồng Nghĩa vụ quân sự huyện gọi 640 công dân khám "
        "sức khỏe, bằng 18,8% tổng nguồn đã đăng ký.\n")
RESULT = ("HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ\nHUYỆN HẢI LĂNG\n\nSố: 37/BC-HĐNVQS          Hải Lăng, ngày 04 tháng 3 năm 2024\n\n"
          "BÁO CÁO\nKết quả tuyển chọn và gọi công dân nhập ngũ năm 2024\n\nTheo Kế hoạch số 245/KH-HĐNVQS, toàn huyện "
          "gọi {n} công dân khám sức khỏe; thực tế có mặt 618 công dân.\n")


def test_a_count_quoted_from_a_cited_plan(tmp_path):
    ok = _corpus_findings(_dir(tmp_path, "a"), {"plan.txt": PLAN, "result.txt": RESULT.format(n="640")})
    assert [f["status"] for f in ok if f["code"] == "C110"] == ["ok"]
    bad = _corpus_findings(_dir(tmp_path, "b"), {"plan.txt": PLAN, "result.txt": RESULT.format(n="660")})
    assert [(f["status"], f["claimed"], f["computed"]) for f in bad if f["code"] == "C110"] == [("mismatch", 660, 640)]


REPORT = ("ỦY BAN MTTQ VIỆT NAM\nHUYỆN TRÀ ÔN\n\nSố: 112/BC-MTTQ          Trà Ôn, ngày 10 tháng 01 năm 2024\n\nBÁO CÁO\n"
          "Kết quả vận động Quỹ Vì người nghèo năm 2023\n\nKết quả theo từng đơn vị:\n\n"
          "TT   Đơn vị                 Số tiền vận động (đồng)   Số hộ được hỗ trợ\n"
          "1    Xã Xuân Hiệp                        146.200.000                  88\n"
          "2    Xã Thiện Mỹ                         168.500.000                 102\n"
          "3    Xã Hựu Thành                        155.900.000                  95\n"
          "     Tổng cộng                           470.600.000                 285\n")
LETTER = ("ỦY BAN MTTQ VIỆT NAM\nHUYỆN TRÀ ÔN\n\nSố: 57/MTTQ-BTT          Trà Ôn, ngày 22 tháng 01 năm 2024\n\n"
          "V/v đính chính số liệu\n\nNgày 10/01/2024, Ban Thường trực ban hành Báo cáo số 112/BC-MTTQ về kết quả vận "
          "động Quỹ năm 2023. Ban Thường trực xin đính chính như sau:\n\n1. Tại bảng kết quả vận động theo đơn vị, dòng "
          "số 2 (Xã Thiện Mỹ), cột “Số tiền vận động”: Báo cáo đã ghi {was} đồng, nay sửa lại là 158.500.000 đồng.\n")
SUMMARY = ("ỦY BAN MTTQ VIỆT NAM\nTỈNH VĨNH LONG\n\nSố: 35/BC-MTTQ          Vĩnh Long, ngày 05 tháng 02 năm 2024\n\nBÁO "
           "CÁO\nTổng hợp kết quả vận động Quỹ năm 2023\n\nSố liệu huyện Trà Ôn theo Công văn số 57/MTTQ-BTT ngày "
           "22/01/2024: xã Thiện Mỹ vận động {used} đồng.\n")


def test_a_correction_letter_quotes_what_the_report_wrote_and_its_readers_use_the_correction(tmp_path):
    ok = _corpus_findings(_dir(tmp_path, "a"), {"report.txt": REPORT, "letter.txt": LETTER.format(was="168.500.000"),
                                           "summary.txt": SUMMARY.format(used="158.500.000")})
    assert [f for f in ok if f["code"] == "C111" and f["status"] == "mismatch"] == []
    # the letter misquotes the report's cell
    bad = _corpus_findings(_dir(tmp_path, "b"), {"report.txt": REPORT, "letter.txt": LETTER.format(was="186.500.000")})
    wrong = [(f["claimed"], f["computed"]) for f in bad if f["code"] == "C111" and f["status"] == "mismatch"]
    assert wrong == [(186500000, 168500000)]
    # a summary citing the letter keeps the value it corrected
    stale = _corpus_findings(_dir(tmp_path, "c"), {"report.txt": REPORT, "letter.txt": LETTER.format(was="168.500.000"),
                                              "summary.txt": SUMMARY.format(used="168.500.000")})
    wrong = [(f["claimed"], f["computed"]) for f in stale if f["code"] == "C111" and f["status"] == "mismatch"]
    assert wrong == [(168500000, 158500000)]
