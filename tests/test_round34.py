"""Shapes met in round 34 of probes (and left over from round 33): a total over the years that names its span and a
mean column beside it, a running rate of the year's quota, and drives listed by day with their units after a count
that says fewer."""

from pipeline.text import match_form
from tests.test_audit_corpus import _corpus_findings
from tests.test_round13 import figures, statuses
from tests.test_round31 import _dir
from tests.test_tables import HEAD, run

YEARS = """Kết quả tiếp nhận máu qua các năm:

Chỉ tiêu                  Năm 2020   Năm 2021   Năm 2022   Năm 2023   Tổng 4 năm   Bình quân/năm
Số đợt lấy máu                 4          3          4          5          16             4,0
Số người đăng ký           1.126        874      1.208      1.352       {reg}         1.140,0
Số đơn vị tiếp nhận          968        742      1.031      1.164       3.905         {mean}
Tỷ lệ đạt chỉ tiêu (%)      96,8       82,4      103,1      105,8        97,6               -
"""


def test_a_total_that_names_its_years_and_a_mean_beside_it():
    ok = run(HEAD + YEARS.format(reg="4.560", mean="976,3"))
    assert statuses(ok, "A603") == ["ok"] * 3  # the rate row is no sum of the years
    assert statuses(ok, "A623") == ["ok"] * 3
    wrong = run(HEAD + YEARS.format(reg="4.650", mean="967,3"))
    assert statuses(wrong, "A603") == ["mismatch", "ok", "ok"]
    assert statuses(wrong, "A623") == ["mismatch", "ok", "ok"]


RUNNING = """Chỉ tiêu cả năm là 1.400 đơn vị máu. Tiến độ theo quý:

Quý      Số đợt   Đơn vị tiếp nhận   Lũy kế (đơn vị)   Lũy kế so với kế hoạch (%)
Quý I       2           286                 286                 20,4
Quý II      3           412                 698                 49,9
Quý III     3           365               1.063                 {q3}
Quý IV      4           401               1.464                104,6
Cả năm     12         1.464                   -                    -
"""


def test_a_running_rate_of_the_year_s_quota():
    assert statuses(run(HEAD + RUNNING.format(q3="75,9")), "A624") == ["ok"] * 4
    assert statuses(run(HEAD + RUNNING.format(q3="74,9")), "A624") == ["mismatch", "ok", "ok", "ok"]


DAYS = ("Năm 2022, Hội Chữ thập đỏ huyện tổ chức {n} đợt hiến máu tình nguyện: ngày 14/10 tại thị trấn Sìn Hồ (118 "
        "đơn vị), ngày 09/11 tại xã Pa Tần (87 đơn vị), ngày 02/12 tại xã Tả Phìn (94 đơn vị) và ngày 23/12 tại "
        "Trường THPT Sìn Hồ (102 đơn vị). Cả năm tiếp nhận 401 đơn vị máu.\n")


def test_drives_listed_by_day_with_their_units():
    ok = run(HEAD + DAYS.format(n="bốn"))
    assert [f.attrs["drive_no"] for f in figures(ok, "units_received") if f.attrs.get("drive_no")] == [1, 2, 3, 4]
    assert statuses(ok, "A106") == ["ok"] and statuses(ok, "A101") == ["ok"]
    assert "mismatch" in statuses(run(HEAD + DAYS.format(n="ba")), "A106")


def test_the_drives_of_a_quarter_are_no_drives_of_the_year():
    doc = run(HEAD + "Cả năm tiếp nhận 1.464 đơn vị máu.\n\nTrong quý IV, Ban Chỉ đạo tổ chức ba đợt: ngày 14/10 tại "
                     "thị trấn Sìn Hồ (118 đơn vị), ngày 09/11 tại xã Pa Tần (87 đơn vị), ngày 02/12 tại xã Tả Phìn (94 "
                     "đơn vị) và ngày 23/12 tại xã Noong Hẻo (102 đơn vị).\n")
    assert not [f for f in figures(doc, "units_received") if f.attrs.get("drive_no")]
    assert statuses(doc, "A106").count("mismatch") == 1  # the quarter's three against its four
    assert "mismatch" not in statuses(doc, "A101")


def test_an_amount_a_sentence_opens_on_and_breaks_down():
    text = HEAD + ("Năm 2022 tiếp nhận 299 đơn vị máu. Trong 299 đơn vị máu có {a} đơn vị của học sinh, 52 đơn vị của "
                   "cán bộ, giáo viên và 26 đơn vị của cha mẹ học sinh.\n")
    ok = run(text.format(a="221"))
    assert sorted(f.value for f in figures(ok, "units_received") if "part_of" in f.attrs) == [26, 52, 221]
    assert statuses(ok, "A107") == ["ok"]
    assert statuses(run(text.format(a="231")), "A107") == ["mismatch"]


def test_a_size_of_bag_before_its_units_is_no_total():
    doc = run(HEAD + "Năm 2022 tiếp nhận 1.932 đơn vị máu. Trong số đơn vị tiếp nhận, túi 350 ml là 1.208 đơn vị, "
                     "túi 250 ml là 724 đơn vị.\n")
    assert [f.value for f in figures(doc, "units_received") if not f.attrs.get("about")] == [1932]


def test_a_change_then_the_two_counts_it_moves_between():
    doc = run("BÁO CÁO\nKết quả thực hiện bảo hiểm y tế 6 tháng đầu năm 2023\n\nNhóm tham gia theo hộ gia đình tăng "
              "{} người so với thời điểm 31/12/2022, từ 18.975 người lên 20.089 người.\n".format("1.214"))
    assert [(f.value, f.attrs["before"], f.attrs["after"]) for f in figures(doc, "count_change")] == [(1214, 18975, 20089)]
    assert "mismatch" in [f.status for f in doc.findings if f.rule == "count_change_reached"]


def test_a_caption_with_a_colon_is_no_header():
    doc = run(HEAD + "Bảng: Kết quả lấy máu theo cụm năm 2022\n"
                     "TT | Cụm | Người đăng ký | Đơn vị máu tiếp nhận\n"
                     "1 | Cụm Sìn Hồ | 210 | 176\n2 | Cụm Pa Tần | 95 | 81\n3 | Cụm Tả Phìn | 64 | 52\n"
                     "Toàn huyện | 379 | 309\n")
    table = doc.tables[0]
    assert [c.meaning for c in table.columns][-2:] == ["registered", "received"]
    assert statuses(doc, "A602") == ["mismatch", "ok"]


def test_two_syllables_old_ocr_glued_are_read_apart():
    from pipeline.restore import default_restorer

    restorer = default_restorer()
    assert restorer._glued_syllables("dénvi", 0.9) == [(0, 3), (3, 5)]
    assert restorer._glued_syllables("tinhnguyen", 0.9) == [(0, 4), (4, 10)]
    for word in ("ngudi", "online", "covid", "x" * 5000):  # one syllable OCR damaged; other languages; a run of
        assert restorer._glued_syllables(word, 0.9) == [(0, len(word))]  # letters longer than any two syllables


def test_a_figure_then_what_a_report_said_of_it_among_long_runs_of_letters():
    from pipeline.extract.quotes import _NOW_THEN

    found = _NOW_THEN.search("dat 1.995 don vi (da bao cao 1.986 don vi)")
    assert found and found.groups() == ("1.995", "1.986")
    assert _NOW_THEN.search("5 " + "x" * 20_000 + " (da ghi") is None  # (each word read one way: no backtracking)


PLAN = ("TRUNG TÂM Y TẾ HUYỆN ĐÌNH LẬP\n\nSố: 87/KH-TTYT          Đình Lập, ngày 12 tháng 9 năm 2024\n\nKẾ HOẠCH\nTiêm bổ "
        "sung vắc xin MR năm 2024\n\nTổng kinh phí thực hiện Kế hoạch là 412.500.000 đồng.\n\n"
        "STT   Xã, thị trấn          Trẻ rà soát   Đã tiêm đủ mũi   Cần tiêm MR\n"
        "1     Thị trấn Đình Lập          412             305             107\n"
        "2     Xã Bắc Xa                  176             112              64\n"
        "3     Xã Bính Xá                 203             139              64\n"
        "4     Xã Lâm Ca                  150             103              47\n"
        "5     Xã Đồng Thắng              190             152              38\n")
REPORT = ("TRUNG TÂM Y TẾ HUYỆN ĐÌNH LẬP\n\nSố: 95/BC-TTYT          Đình Lập, ngày 30 tháng 10 năm 2024\n\nBÁO CÁO\nKết "
          "quả tiêm bổ sung vắc xin MR năm 2024\n\nThực hiện Kế hoạch số 87/KH-TTYT ngày 12/9/2024, kết quả như sau. "
          "Theo Kế hoạch số 87/KH-TTYT, tổng kinh phí được duyệt là {money} đồng.\n\n"
          "STT   Đơn vị                 Đối tượng   Đã tiêm   Tạm hoãn\n"
          "1     Thị trấn Đình Lập            107       107          0\n"
          "2     Xã Bắc Xa                     64        62          1\n"
          "3     Xã Bính Xá                    64        64          0\n"
          "4     Xã Lâm Ca                   {lc}        47          0\n"
          "5     Xã Đồng Thắng                 38        37          1\n")


def test_a_column_restated_from_the_cited_plan_and_its_amount(tmp_path):
    ok = _corpus_findings(_dir(tmp_path, "a"), {"p.txt": PLAN, "r.txt": REPORT.format(lc="47", money="412.500.000")})
    assert not [f for f in ok if f["code"] in ("C110", "C112") and f["status"] == "mismatch"]
    wrong = _corpus_findings(_dir(tmp_path, "b"), {"p.txt": PLAN, "r.txt": REPORT.format(lc="57", money="425.000.000")})
    assert sorted((f["code"], f["claimed"], f["computed"]) for f in wrong if f["status"] == "mismatch") == [
        ("C110", 425_000_000, 412_500_000), ("C112", 57, 47)]


def test_an_amount_right_above_its_table_of_money():
    text = (HEAD + "Tổng nguồn lực huy động năm 2022 là {n} triệu đồng, đạt 103,0% kế hoạch. Chi tiết theo từng nguồn:\n\n"
            "Nguồn vốn                 Kế hoạch (tr.đ)   Thực hiện (tr.đ)   Đạt (%)\n"
            "Ngân sách tỉnh            28.000            27.315             97,6\n"
            "Ngân sách huyện           35.000            38.420             109,8\n"
            "Nhân dân đóng góp         15.000            17.456             116,4\n"
            "Tổng cộng                 78.000            83.191             106,7\n")
    assert statuses(run(text.format(n="83.191")), "A625") == ["ok"]
    assert statuses(run(text.format(n="81.391")), "A625") == ["mismatch"]


OLD_TABLE = ("Phan bo chi tieu cho cac don vi nhu sau:\n\n"
             "-STT|Don vi |Chi tieu (don vi mau)\n"
             "1 Thi | tran Sin Ho |120\n"
             "2 Xa Pa Tan 60\n"
             "'3 | Xa Ta Phin| 45\n"
             "4 Xa Noong Heo | 45\n"
             "5 |Xa Lang Mo 40\n"
             " Tong {total}\n")


def test_an_old_ocr_list_table_whose_bars_went_astray():
    doc = run(HEAD + OLD_TABLE.format(total="310"))
    table = doc.tables[0]
    assert [r.cell(2).value for r in table.rows if r.kind.value == "data" and r.cell(2) is not None] == [120, 60, 45, 45, 40]
    assert match_form(table.rows[1].label).lower() == "thi tran sin ho"
    assert statuses(doc, "A602") == ["ok"]
    assert statuses(run(HEAD + OLD_TABLE.format(total="300")), "A602") == ["mismatch"]


def test_money_old_ocr_wrote_with_b_for_d_and_only_reached_is_no_each():
    doc = run(HEAD + "Tong kinh phi la 28.000.000 dong, gom:\n- Qua tang: 16.000.000 dong;\n"
                     "- Thue rap, am thanh: 12.000.000 bong.\n\nSo thu moi dat 58.246.000 dong.\n")
    values = {f.value: f.attrs for f in figures(doc, "money")}
    assert values[12_000_000].get("part_of") and statuses(doc, "A302") == ["ok"]
    assert not values[58_246_000].get("per")
