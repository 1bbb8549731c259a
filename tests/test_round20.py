"""Shapes met in round 20 of probes: parts given as pairs with their rates in one sentence, a change named by the
report's year after the earlier year's amount, what is still to come to reach the plan, a report on one event set
against a table of the year, one part of a money total after ``trong đó``, units named bare after ``là``."""

from tests.test_round13 import _corpus_findings, figures, run_all, statuses
from tests.test_tables import HEAD, run


def test_parts_as_pairs_with_their_rates_in_one_sentence():
    assert not [f for f in run(HEAD + doc_text(104.0)).findings if f.status == "mismatch"]
    bad = run(HEAD + doc_text(114.0))
    assert [(f.code, f.claimed) for f in bad.findings if f.status == "mismatch"] == [("A104", 114.0)]


def doc_text(rate: float) -> str:
    return ("Năm 2022 huyện tiếp nhận 1.345/1.300 đơn vị máu, đạt 103,5%.\n\nKết quả theo từng khối như sau: khối xã, "
            "thị trấn tiếp nhận 1.012/980 đơn vị, đạt 103,3%; khối giáo dục tiếp nhận 118/110 đơn vị, đạt 107,3%; Công "
            "an huyện 64/60 đơn vị, đạt 106,7%; Ban Chỉ huy Quân sự huyện 52/50 đơn vị, đạt "
            + f"{rate:.1f}".replace(".", ",") + "%; Trung tâm Y tế huyện 41/40 đơn vị, đạt 102,5%; khối cơ quan huyện và "
            "doanh nghiệp 58/60 đơn vị, mới đạt 96,7%.\n")


def test_a_change_named_by_the_report_s_year_after_the_earlier_year_s_amount():
    doc = run(HEAD + "Tổng số máu tiếp nhận năm 2022 là 2.356 đơn vị.\n\nTheo Báo cáo số 64/BC-BCĐ ngày 18/12/2021, năm 2021 "
                     "toàn huyện tiếp nhận 2.158 đơn vị máu; như vậy năm 2022 tăng 198 đơn vị, tăng 9,2% so với năm 2021.\n")
    assert not [f for f in doc.findings if f.code == "A109" and f.status == "mismatch"]


def test_what_is_still_to_come_to_reach_the_plan_is_no_quota():
    doc = run(HEAD + "- Tổ chức đợt hiến máu ngày 08/12/2022, phấn đấu tiếp nhận ít nhất 102 đơn vị để hoàn thành kế hoạch "
                     "năm.\n")
    assert not [f for f in doc.figures if f.value == 102 and f.kind in ("units_quota", "units_received")]


def test_one_part_of_a_money_total_after_trong_do_is_no_breakdown():
    doc = run(HEAD + "Năm 2022 huyện hỗ trợ nhà ở cho 76 hộ với tổng kinh phí 2.480 triệu đồng, trong đó vốn ngân sách "
                     "trung ương 1.850 triệu đồng.\n")
    assert statuses(doc, "A302") == []


def test_units_named_bare_after_la():
    text = "Các hộ này tập trung tại {n} xã là Tả Phìn, Pa Tần, Làng Mô, Tủa Sín Chải và Phìn Hồ.\n"
    assert statuses(run_all(HEAD + text.format(n="05")), "A408") == ["ok"]
    assert statuses(run_all(HEAD + text.format(n="04")), "A408") == ["mismatch"]


def test_a_report_on_one_event_is_not_set_against_the_year_s_table(tmp_path):
    province = ("UBND TỈNH LAI CHÂU\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 03/BC-BCĐ          Lai Châu, ngày 12 "
                "tháng 7 năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nTT | Đơn vị | Chỉ tiêu năm | Tiếp "
                "nhận\n1 | Huyện Sìn Hồ | 650 | 412\n2 | Huyện Phong Thổ | 700 | 500\n | Toàn tỉnh | 1.350 | 912\n")
    event = ("UBND HUYỆN SÌN HỒ\nHỘI CHỮ THẬP ĐỎ\n\nSố: 15/BC-CTĐ          Sìn Hồ, ngày 22 tháng 4 năm 2022\n\nBÁO CÁO\n"
             "Kết quả Ngày hội hiến máu năm 2022\n\nNgày hội tiếp nhận 973 đơn vị máu, vượt 73 đơn vị so với chỉ tiêu "
             "900 đơn vị.\n")
    saved = _corpus_findings(tmp_path, {"province.txt": province, "event.txt": event})
    assert not [f for f in saved if f["code"] == "C107"]


def test_a_figure_glued_by_one_space_to_the_words_of_the_cell_before():
    doc = run(HEAD + "Đợt   Thời gian dự kiến   Các xã tham gia                              Chỉ tiêu (đơn vị)\n"
                     "1     22/02/2022          Tả Phìn, Pa Tần, Làng Mô                       450\n"
                     "2     18/4/2022           Tủa Sín Chải, Phìn Hồ                          400\n"
                     "3     20/6/2022           Các cơ quan, trường học; Nậm Tăm, Căn Co 550\n"
                     "      Cộng                                                               1.400\n")
    table = doc.tables[0]
    quota = table.column("quota")
    assert [r.cell(quota.index).value for r in table.data_rows()] == [450, 400, 550]
    assert [r.cell(quota.index - 1).text for r in table.data_rows()][2].endswith("Căn Co")
    assert statuses(doc, "A602") == ["ok"]
