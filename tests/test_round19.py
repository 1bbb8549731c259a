"""Shapes met in round 19 of probes: a numbered section's sub-items (``4.1. Cán bộ: 386 đơn vị;``), a signed rate, a
note with numbers in a table's row, a blood bank's stock in, the milestone quota in brackets, a six-month review
restated in a year report, units named after ``là``."""

from tests.test_round13 import _corpus_findings, figures, run_all, statuses
from tests.test_tables import HEAD, run


def test_a_numbered_section_s_sub_items_are_parts_of_its_total():
    good = run(HEAD + "1. Tiếp nhận: 1.245 đơn vị.\n\n4. Theo đối tượng (tổng 1.245 đơn vị):\n   4.1. Cán bộ: 386 đơn vị;\n"
                      "   4.2. Lực lượng vũ trang: 214 đơn vị;\n   4.3. Đoàn viên: 298 đơn vị;\n   4.4. Nhân dân: 347 đơn vị.\n")
    named = sorted((f.value, f.attrs.get("about")) for f in figures(good, "units_received") if f.attrs.get("part_of"))
    assert named == [(214, "Lực lượng vũ trang"), (298, "Đoàn viên"), (347, "Nhân dân"), (386, "Cán bộ")]
    assert statuses(good, "A107") == ["ok"]


def test_a_signed_rate_in_a_table_of_changes():
    table = run(HEAD + "Chỉ tiêu | 6 tháng 2021 | 6 tháng 2022 | Tăng/giảm | %\nNgười hiến máu lần đầu | 288 | 251 | -37 | "
                       "-12,8\nĐơn vị máu tiếp nhận | 603 | 671 | +68 | 11,3\n")
    assert "mismatch" not in statuses(table, "A601")


def test_a_note_with_numbers_in_a_row_does_not_break_the_table():
    doc = run(HEAD + "TT | Thôn | Chỉ tiêu | Tiếp nhận | Tỷ lệ (%) | Ghi chú\n1 | Thôn Quảng Hà | 15 | 17 | 113,3 | Có 2 người "
                     "hiến lần thứ 10\n2 | Thôn Thanh Xuân | 14 | 15 | 107,1 | -\n3 | Thôn Thanh Sơn | 12 | 11 | 91,7 | -\n"
                     "| Cộng | 41 | 48 | 117,1 |\n")
    assert [r.label for r in doc.tables[0].data_rows()][:1] == ["Thôn Quảng Hà"]
    assert statuses(doc, "A602") == ["mismatch", "ok"]  # 17 + 15 + 11 = 43, not 48


def test_a_blood_bank_s_stock_in_and_its_balance():
    good = run(HEAD + "Tháng | Tồn đầu kỳ | Nhập kho | Xuất kho | Hủy | Tồn cuối kỳ\nTháng 6 | 210 | 255 | 259 | 3 | 203\n"
                      "Tháng 7 | 203 | 268 | 262 | 3 | 206\n")
    assert statuses(good, "A603") == ["ok", "ok"]
    bad = run(HEAD + "Tháng | Tồn đầu kỳ | Nhập kho | Xuất kho | Hủy | Tồn cuối kỳ\nTháng 6 | 210 | 255 | 259 | 3 | 203\n"
                     "Tháng 7 | 203 | 268 | 262 | 3 | 216\n")
    assert sorted(statuses(bad, "A603")) == ["mismatch", "ok"]


def test_the_milestone_quota_in_brackets_and_a_six_month_review_restated(tmp_path):
    half = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 41/BC-BCĐ          Sìn Hồ, ngày 28 tháng 6 "
            "năm 2022\n\nBÁO CÁO\nSơ kết 6 tháng đầu năm 2022 công tác vận động hiến máu tình nguyện\n\nHuyện được giao "
            "tiếp nhận 2.100 đơn vị máu trong năm 2022.\n\n- 6 tháng đầu năm tiếp nhận 936 đơn vị, đạt 104,0% mốc 6 "
            "tháng (900 đơn vị) và bằng 44,6% chỉ tiêu cả năm.\n")
    year = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 97/BC-BCĐ          Sìn Hồ, ngày 12 tháng 12 "
            "năm 2022\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2022\n\nTại Báo cáo số 41/BC-BCĐ ngày 28/6/2022 sơ kết 6 "
            "tháng, huyện đã tiếp nhận 963 đơn vị qua 03 đợt. Cả năm huyện tiếp nhận 2.068 đơn vị máu.\n")
    assert [f.kind for f in figures(run(half), "units_quota") if f.value == 900] == ["units_quota"]
    assert "ok" in statuses(run(half), "A104") and "mismatch" not in statuses(run(half), "A104")  # 936 / 2.100
    saved = _corpus_findings(tmp_path, {"half.txt": half, "year.txt": year})
    assert ("mismatch", 963, 936) in {(f["status"], f["claimed"], f["computed"]) for f in saved if f["code"] == "C102"} \
        or ("mismatch", 936, 963) in {(f["status"], f["claimed"], f["computed"]) for f in saved if f["code"] == "C102"}


def test_units_named_after_la_and_a_list_that_two_names_end():
    text = ("Trong 12 đơn vị, có {n} xã chưa đạt 95% là xã Tả Phìn, xã Pa Tần và xã Làng Mô; nguyên nhân là ...\n"
            "Đến cuối năm còn 2 xã có tỷ lệ trên 2,5% là xã Tả Phìn và xã Pa Tần; xã Làng Mô và xã Tủa Sín Chải có tỷ lệ "
            "thấp nhất.\n")
    assert sorted(statuses(run_all(HEAD + text.format(n=3)), "A408")) == ["ok", "ok"]
    assert sorted(statuses(run_all(HEAD + text.format(n=4)), "A408")) == ["mismatch", "ok"]


def test_groups_marked_in_their_names_in_a_table_without_row_numbers():
    good = run(HEAD + "Đơn vị                              Tiếp nhận     Chênh lệch\nA. Các huyện, thị xã                  "
                      "1.200           +50\n   Huyện Sìn Hồ                          700           +30\n   Huyện Phong Thổ "
                      "                      500           +20\nB. Khối cơ quan tỉnh                    300           -10\n"
                      "Tổng cộng toàn tỉnh                   1.500           +40\n")
    assert "mismatch" not in statuses(good, "A602")
    assert "ok" in statuses(good, "A602")


def test_drives_listed_as_more_than_an_amount_reported_before():
    doc = run(HEAD + "Tại Báo cáo số 41/BC-BCĐ ngày 28/6/2022, huyện đã tiếp nhận 963 đơn vị. Từ tháng 7, huyện tổ chức "
                     "thêm 04 đợt:\n- Đợt 1 ngày 10/8/2022: 262 đơn vị;\n- Đợt 2 ngày 12/9/2022: 281 đơn vị;\n- Đợt 3 ngày "
                     "14/10/2022: 275 đơn vị;\n- Đợt 4 ngày 20/11/2022: 287 đơn vị.\n\nNhư vậy, cả năm huyện tiếp nhận "
                     "2.068 đơn vị máu.\n")
    assert "mismatch" not in statuses(doc, "A101")
