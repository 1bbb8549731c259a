"""Shapes met in round 17 of probes (documents written by people who did not read the code): the period compared
with named between a change's word and its amount, the same period's figure in brackets, a quarter's months listed
with ``cụ thể``, groups' units with their shares, two-line headers whose columns the spacing shows, a table of costs
with quantities in the items' names, a quota table named by its caption, a commune named with its district, and
figures of reports beyond blood donation (a count's change, a column named in the text, criteria met in a list)."""

from pipeline.context import Context
from pipeline.tables.text import _stacked_header, header_meanings
from tests.test_round13 import _corpus_findings, figures, run_all, statuses
from tests.test_tables import HEAD, run


def test_a_change_that_names_the_period_compared_with_before_its_amount():
    doc = run(HEAD + "Quý IV năm 2022 toàn huyện tiếp nhận 638 đơn vị máu. Lượng máu quý này nhiều hơn cùng kỳ năm "
                     "trước 86 đơn vị (quý IV/2021 tiếp nhận 562 đơn vị), tăng 13,5%.\n")
    change = figures(doc, "units_change")
    assert [(f.value, f.attrs["compared_year"]) for f in change] == [(86, 2021)]
    assert [f.attrs.get("year") for f in figures(doc, "units_received") if f.value == 562] == [2021]
    assert sorted(statuses(doc, "A109")) == ["mismatch", "ok"]  # 638 - 562 = 76, not 86; the 13,5% holds


def test_a_change_that_names_the_year_compared_with_and_is_right():
    doc = run(HEAD + "Năm 2022 huyện tiếp nhận 640 đơn vị máu, tăng so với năm 2021 là 40 đơn vị (năm 2021 tiếp "
                     "nhận 600 đơn vị).\n")
    assert [(f.value, f.attrs["compared_year"]) for f in figures(doc, "units_change")] == [(40, 2021)]
    assert statuses(doc, "A109") == ["ok"]


def test_the_same_period_s_figure_in_brackets_is_the_year_before_s_and_a_fall_in_drives_no_count():
    text = ("- Số đợt lấy máu: 04 đợt, giảm 01 đợt so với cùng kỳ (05 đợt).\n"
            "- Số đơn vị máu tiếp nhận: {now} đơn vị, so với cùng kỳ (918 đơn vị) tăng 108 đơn vị.\n")
    doc = run(HEAD + text.format(now="1.026"))
    assert sorted((f.value, f.attrs["year"]) for f in figures(doc, "units_received")) == [(918, 2021), (1026, 2022)]
    assert [f.value for f in figures(doc, "drive_count")] == [4]
    assert statuses(doc, "A109") == ["ok"]
    assert statuses(run(HEAD + text.format(now="1.036")), "A109") == ["mismatch"]


def test_a_change_compared_with_an_event_of_a_named_year():
    doc = run(HEAD + "Ngày hội tiếp nhận 398 đơn vị máu, tăng 47 đơn vị so với Ngày hội năm 2021 (361 đơn vị).\n")
    assert [(f.value, f.attrs["year"]) for f in figures(doc, "units_received") if f.value == 361] == [(361, 2021)]
    assert statuses(doc, "A109") == ["mismatch"]  # 398 - 361 = 37


def test_a_quarter_s_months_listed_after_cu_the_are_its_parts_and_the_amount_to_date_is_compared():
    doc = run(HEAD.replace("năm 2022\n\n", "9 tháng đầu năm 2022\n\n")
              + "Quý I/2022, toàn tỉnh tiếp nhận 3.412 đơn vị máu. Sang quý II/2022, số đơn vị máu tiếp nhận là 3.416 "
                "đơn vị; cụ thể, tháng 04 được 1.118 đơn vị, tháng 05 được 1.046 đơn vị và tháng 06 được 1.297 đơn "
                "vị. Quý III/2022 đạt 3.613 đơn vị.\n\nLũy kế 9 tháng đầu năm 2022, toàn tỉnh tiếp nhận 10.441 đơn vị "
                "máu. So với cùng kỳ năm 2021 (9.872 đơn vị), tăng 569 đơn vị.\n")
    months = sorted(f.value for f in figures(doc, "units_received") if f.attrs.get("part_of"))
    assert months == [1046, 1118, 1297]
    assert statuses(doc, "A107") == ["mismatch"]  # 1.118 + 1.046 + 1.297 = 3.461, not 3.416
    assert statuses(doc, "A109") == ["ok"]  # of the amount to date (10.441), not the last quarter's


def test_groups_units_with_their_shares():
    doc = run(HEAD + "Năm 2022, tổng số đơn vị máu tiếp nhận là 1.159 đơn vị.\n\nXét theo nhóm đối tượng, nhân dân 605 "
                     "đơn vị, chiếm 52,2%; học sinh, sinh viên 212 đơn vị, chiếm 19,3%; cán bộ 342 đơn vị, chiếm "
                     "29,5%.\n")
    got = sorted((f.status, f.claimed) for f in doc.findings if f.code == "A114")
    assert got == [("mismatch", 19.3), ("ok", 29.5), ("ok", 52.2)]  # 212 / 1.159 = 18,3%


def test_a_rate_of_the_year_s_quota_in_a_drive_s_sentence_is_the_year_s():
    doc = run(HEAD + "Đợt I tổ chức ngày 17/02/2022. Ban Chỉ đạo huyện tiếp nhận 214/200 đơn vị máu, đạt 107,0% chỉ "
                     "tiêu đợt I và bằng 38,9% chỉ tiêu cả năm.\n")
    rates = sorted((f.value, f.attrs.get("drive_no")) for f in figures(doc, "percent_of_plan"))
    assert rates == [(38.9, None), (107.0, 1)]


def test_a_document_s_date_is_no_drive_s_date():
    doc = run(HEAD + "Đợt I diễn ra ngày 17/02/2022 tại thị trấn Sìn Hồ (đã báo cáo tại Báo cáo số 21/BC-BCĐ ngày "
                     "28/3/2022), tiếp nhận 219 đơn vị máu.\n")
    assert [f.value for f in figures(doc, "drive_date")] == ["2022-02-17"]


def test_two_header_lines_read_column_by_column():
    head = ["                                  Lượt người    Đơn vị máu      Trong đó",
            "Khối, đối tượng                    đăng ký     tiếp nhận    Loại 250ml Loại 350ml"]
    assert _stacked_header(head) == ("Khối, đối tượng | Lượt người đăng ký | Đơn vị máu tiếp nhận | "
                                     "Trong đó Loại 250ml Loại 350ml")
    import pipeline.families.blood  # noqa: F401  (the family's header words)
    assert header_meanings([_stacked_header(head)]) == ["registered", "received", "units_250", "units_350"]
    doc = run(HEAD + "Kết quả theo khối:\n\n" + "\n".join(head) + "\n"
              "Khối cơ quan huyện                     210          186           71 115\n"
              "Khối trường học 265 224          160 64\n"
              "Cộng 475          410          231 179\n")
    assert statuses(doc, "A603") == ["ok", "ok", "ok"]


def test_a_place_and_a_deferred_count_in_a_header_whose_spacing_was_lost():
    import pipeline.families.blood  # noqa: F401
    assert header_meanings(["Cum Ngay      Ðia diém lay mau Ðang ky    Tiep nhán    Khong du PK"]) == \
        ["date", "location", "registered", "received", "deferred"]


def test_a_cost_table_whose_items_carry_their_quantities_and_a_thousands_dot_read_as_a_comma():
    doc = run(HEAD + "Kinh phí tổ chức:\n\n"
              "STT  Nội dung chi   Số lượng    Mức chi (đồng)     Thành tiền (đồng)\n"
              "1    Quà tặng người hiến máu              398 người        100.000          39.800.000\n"
              "2    Suất ăn nhẹ sau khám                 412 suất          30.000 12.360.000\n"
              "3    Thuê âm thanh, khánh tiết 1 gói          8.000.000           8,000.000\n"
              "     Tổng cộng                                                              62.160.000\n")
    table = doc.tables[0]
    money = table.column("money_vnd")
    assert money is not None
    assert [r.cell(money.index).value for r in table.rows if r.cell(money.index) is not None
            and r.cell(money.index).value is not None] == [39800000, 12360000, 8000000, 62160000]
    assert statuses(doc, "A602") == ["mismatch"]  # the rows add up to 60.160.000


def test_a_six_month_total_row_of_quotas_is_not_set_against_the_year_s_quota():
    doc = run(HEAD.replace("năm 2022\n\n", "6 tháng đầu năm 2022\n\n")
              + "Đợt | Ngày lấy máu | Chỉ tiêu | Tiếp nhận | Tỷ lệ (%)\nI | 17/02/2022 | 200 | 219 | 109,5\n"
                "II | 09/6/2022 | 200 | 205 | 102,5\nCộng 6 tháng | | 400 | 424 | 106,0\n\n6 tháng đầu năm huyện tiếp "
                "nhận 424 đơn vị máu, đạt 77,1% chỉ tiêu cả năm (550 đơn vị).\n")
    assert not [f for f in doc.findings if f.code == "A604" and f.status == "mismatch"]


def test_a_quota_table_named_by_its_caption_and_its_drives(tmp_path):
    plan = ("UBND TỈNH LAI CHÂU\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 14/KH-BCĐ          Lai Châu, ngày 06 "
            "tháng 02 năm 2022\n\nKẾ HOẠCH\nVận động hiến máu tình nguyện năm 2022\n\n"
            "Bảng phân bổ chỉ tiêu tiếp nhận máu năm 2022\n(Đơn vị tính: đơn vị máu)\n\n"
            "TT | Địa phương, đơn vị | Cả năm | Đợt I | Đợt II\n1 | Huyện Sìn Hồ | 400 | 250 | 150\n"
            "2 | Huyện Phong Thổ | 450 | 250 | 210\n | Toàn tỉnh | 850 | 500 | 360\n")
    report = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 20/BC-BCĐ          Sìn Hồ, ngày 10 "
              "tháng 12 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nCăn cứ Kế hoạch số 14/KH-BCĐ "
              "ngày 06/02/2022, chỉ tiêu tỉnh giao cho huyện là 450 đơn vị máu. Năm 2022 huyện tiếp nhận 441 đơn vị "
              "máu.\n")
    saved = _corpus_findings(tmp_path, {"plan.txt": plan, "report.txt": report})
    assert [(f["status"], f["claimed"], f["computed"]) for f in saved if f["code"] == "C107"] == [("mismatch", 450, 400)]


def test_a_commune_named_with_a_district_it_is_not_in():
    text = ("Mô hình hay: đội hiến máu dự bị của Đoàn xã {commune} (huyện Sìn Hồ) sẵn sàng hiến khi cần.\n")
    assert [(f.status, f.code) for f in run_all(HEAD + text.format(commune="Tả Phìn")).findings
            if f.code == "A406"] == [("ok", "A406")]
    bad = [f for f in run_all(HEAD + text.format(commune="Bản Bo")).findings if f.code == "A406"]
    assert [f.status for f in bad] == ["mismatch"] and "Tam Đường" in bad[0].message_en  # Bản Bo: Tam Đường's
    listed = run_all(HEAD + "Lấy máu tại thị trấn Tam Đường, huyện Sìn Hồ và thành phố Lai Châu.\n")
    assert not [f for f in listed.findings if f.code == "A406"]  # places listed, none the other's part


def test_a_poverty_list_item_named_by_its_label_a_group_of_the_poor_and_the_households_left():
    head = HEAD.replace("Kết quả vận động hiến máu tình nguyện năm 2022", "Kết quả rà soát hộ nghèo năm 2022")
    doc = run(head + "Toàn huyện có 52.978 hộ dân cư. Trong đó:\n- Hộ nghèo: 2.585 hộ, chiếm tỷ lệ 4,88% tổng số hộ; "
                     "trong đó hộ nghèo đồng bào dân tộc Khmer 2.031 hộ, chiếm 78,57% tổng số hộ nghèo.\n\nĐầu năm có "
                     "3.112 hộ nghèo; có 712 hộ thoát nghèo và 185 hộ nghèo phát sinh mới, nên cuối năm còn 2.585 hộ, "
                     "giảm 527 hộ. Hộ cận nghèo giảm từ 2.904 hộ xuống 2.686 hộ (giảm 218 hộ).\n")
    poor = sorted((f.value, f.attrs.get("about")) for f in figures(doc, "poor_households") if f.attrs.get("year") == 2022)
    assert poor == [(2031, "đồng bào dân tộc Khmer"), (2585, None), (2585, None)]
    assert [f.value for f in figures(doc, "poverty_rate")] == [4.88]
    assert [f.value for f in figures(doc, "poor_households_fall")] == [527]
    assert {f.status for f in doc.findings if f.code.startswith("P")} == {"ok"}


def test_a_count_s_change_with_the_count_before_and_its_percent():
    text = ("So với năm 2021 (4.012 đối tượng), số đối tượng năm 2022 tăng 203 người, tương ứng tăng {p}%, chủ yếu do "
            "người cao tuổi được bổ sung.\n")
    assert statuses(run(HEAD + text.format(p="5,1")), "A312") == ["ok"]
    assert statuses(run(HEAD + text.format(p="5,4")), "A312") == ["mismatch"]


def test_a_table_column_s_total_stated_in_the_text_by_its_header_words():
    table = ("Xã           Trẻ trong diện   Đã tiêm   Tỷ lệ %   Chưa tiêm\nXã Tả Phìn          1.000       980      98,0"
             "          20\nXã Pa Tần           1.069     1.038      97,1          31\nCộng                2.069     2.018"
             "      97,5          51\n")
    text = "Kết quả: đã tiêm được {n} trẻ. Số trẻ chưa tiêm là 51 trẻ.\n\n"
    head = ("SỞ Y TẾ TỈNH LAI CHÂU\nTRUNG TÂM Y TẾ HUYỆN SÌN HỒ\n\nSố: 12/BC-TTYT            Sìn Hồ, ngày 10 tháng 12 năm "
            "2022\n\nBÁO CÁO\nKết quả tiêm vắc xin Td cho trẻ 7 tuổi năm 2022\n\n")
    good = run(head + text.format(n="2.018") + table)
    assert statuses(good, "A613") == ["ok", "ok"]
    assert statuses(run(head + text.format(n="2.081") + table), "A613") == ["mismatch", "ok"]


def test_criteria_met_out_of_those_a_numbered_list_assesses():
    items = "".join(f"{k}     Tiêu chí số {k}                     {'Chưa đạt' if k in (4, 9) else 'Đạt'}\n"
                    for k in range(1, 11))
    text = "Đến thời điểm báo cáo, xã đạt {n}/10 tiêu chí nông thôn mới. Đánh giá từng tiêu chí:\n\n"
    assert statuses(run(HEAD + text.format(n=8) + items), "A407") == ["ok"]
    assert statuses(run(HEAD + text.format(n=9) + items), "A407") == ["mismatch"]


def test_a_union_s_row_named_after_its_district_is_no_district_s_figure(tmp_path):
    report = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 20/BC-BCĐ          Sìn Hồ, ngày 10 "
              "tháng 12 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nNăm 2022 huyện tiếp nhận 441 đơn "
              "vị máu.\n")
    union = ("TỈNH ĐOÀN LAI CHÂU\n\nSố: 412-BC/TĐTN          Lai Châu, ngày 15 tháng 12 năm 2022\n\nBÁO CÁO\nKết quả "
             "hiến máu tình nguyện năm 2022\n\nĐơn vị                        Số đợt tham gia     Đơn vị máu\n"
             "Huyện đoàn Sìn Hồ                           3            132\nHuyện đoàn Phong Thổ                        "
             "3            165\nTổng cộng                                   6            297\n")
    saved = _corpus_findings(tmp_path, {"report.txt": report, "union.txt": union})
    assert not [f for f in saved if f["code"] == "C107"]


def test_the_first_count_by_a_cited_decision_is_its_own_and_another_award_is_not(tmp_path):
    decision = ("SỞ Y TẾ TỈNH LAI CHÂU\n\nSố: 1265/QĐ-SYT          Lai Châu, ngày 22 tháng 12 năm 2022\n\nQUYẾT ĐỊNH\nVề "
                "việc khen thưởng\n\nĐiều 1. Tặng Giấy khen của Giám đốc Sở Y tế cho 06 tập thể và 14 cá nhân có thành "
                "tích trong công tác hiến máu tình nguyện năm 2022.\n")
    report = ("TỈNH ĐOÀN LAI CHÂU\n\nSố: 412-BC/TĐTN          Lai Châu, ngày 28 tháng 12 năm 2022\n\nBÁO CÁO\nKết quả "
              "hiến máu tình nguyện năm 2022\n\n- Giám đốc Sở Y tế tặng Giấy khen cho 06 tập thể và 14 cá nhân tại "
              "Quyết định số 1265/QĐ-SYT ngày 22/12/2022, trong đó có 02 tập thể và 05 cá nhân là tổ chức Đoàn.\n"
              "- Ban Thường vụ Tỉnh đoàn tặng Bằng khen cho 03 tập thể và 09 cá nhân.\n")
    saved = _corpus_findings(tmp_path, {"decision.txt": decision, "report.txt": report})
    assert sorted((f["status"], f["claimed"]) for f in saved if f["code"] == "C106") == [("ok", 6), ("ok", 14)]
