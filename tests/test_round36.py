"""Shapes met in round 36 of probes (and round 35 before it): donations outside the drives, an amount set against a
quota named after it, a bag size in a dash list, a drive named "đợt thứ ba, cũng là ...", a part-year quota in
brackets, a change against "kết quả năm X", a count of places then their bare names, a table's caption naming what its
grand total counts, a column of another family's words, breakdowns without a colon, a year in an aside, changes in
brackets that are no parts, rows of different measures, and figures a report quotes from a cited one."""

from tests.test_audit_corpus import _corpus_findings
from tests.test_round13 import figures, statuses
from tests.test_round31 import _dir
from tests.test_tables import HEAD, run

DRIVES = ("Năm 2022, toàn huyện tổ chức 3 đợt hiến máu, tiếp nhận 1.020 đơn vị máu.\n"
          "- Đợt 1 (ngày 12/3/2022): 350 đơn vị, 362 người tham gia.\n"
          "- Đợt 2 (ngày 18/7/2022): 330 đơn vị, 341 người tham gia.\n"
          "- Đợt 3 (ngày 09/11/2022): 340 đơn vị, 350 người tham gia.\n"
          "Tổng số lượt người tham gia trong năm là {total} người, trong đó có 23 người hiến máu khẩn cấp tại Bệnh "
          "viện đa khoa huyện ngoài các đợt trên.\n")


def test_donors_outside_the_drives_make_up_the_year_with_them():
    assert statuses(run(HEAD + DRIVES.format(total="1.076")), "A103") == ["ok"]  # 1.053 + 23
    assert statuses(run(HEAD + DRIVES.format(total="1.086")), "A103") == ["mismatch"]


def test_an_amount_set_against_a_quota_named_after_it_is_what_was_received():
    doc = run(HEAD + "Xã Pa Tần là đơn vị có tỷ lệ vượt chỉ tiêu cao nhất với 58 đơn vị trên chỉ tiêu 50 đơn vị.\n")
    assert [(f.kind, f.value) for f in doc.figures if f.kind in ("units_received", "units_quota")] == [
        ("units_received", 58), ("units_quota", 50)]


def test_a_bag_size_in_a_dash_list_is_no_year_s_total():
    text = (HEAD + "Năm 2022 tổ chức 2 đợt:\n- Đợt 1 (12/4/2022): 236 đơn vị;\n- Đợt 2 (20/9/2022): 198 đơn vị.\n"
            "Tổng số đơn vị máu tiếp nhận: 434 đơn vị.\n   Trong đó: - Loại 350 ml: 300 đơn vị;\n"
            "             - Loại 250 ml: 134 đơn vị.\n")
    assert statuses(run(text), "A101") == ["ok"]


def test_a_drive_named_in_words_then_an_aside_is_still_that_drive():
    doc = run(HEAD + "Năm 2022 xã tổ chức ba đợt hiến máu. Đợt thứ nhất ngày 16/3/2022 tiếp nhận 47 đơn vị; đợt thứ "
                     "hai ngày 23/6/2022 tiếp nhận 52 đơn vị; đợt thứ ba, cũng là đợt đông nhất, ngày 10/11/2022 tiếp "
                     "nhận 58 đơn vị. Cả năm xã tiếp nhận 157 đơn vị máu.\n")
    assert sorted(f.attrs["drive_no"] for f in figures(doc, "units_received") if f.attrs.get("drive_no")) == [1, 2, 3]
    assert statuses(doc, "A101") == ["ok"]


def test_a_rate_of_the_year_s_quota_beside_the_months_quota_in_brackets():
    text = (HEAD + "Huyện được giao chỉ tiêu 1.580 đơn vị máu cả năm, trong đó 6 tháng đầu năm 760 đơn vị.\n\n"
            "Tiếp nhận 872 đơn vị máu, đạt 114,7% chỉ tiêu 6 tháng (760 đơn vị) và bằng {rate}% chỉ tiêu cả năm.\n")
    assert statuses(run(text.format(rate="55,2")), "A104") == ["ok", "ok"]
    wrong = run(text.format(rate="55,9"))
    assert [(f.claimed, round(f.computed, 1)) for f in wrong.findings if f.code == "A104" and f.status == "mismatch"] \
        == [(55.9, 55.2)]


def test_a_change_against_the_result_of_a_named_year():
    text = HEAD + ("Năm 2022 toàn huyện tiếp nhận 1.695 đơn vị máu; tăng {n} đơn vị, tương đương tăng 10,9% so với kết "
                   "quả năm 2021 (1.529 đơn vị).\n")
    assert set(statuses(run(text.format(n="166")), "A109")) == {"ok"}  # (the change in units and in percent)
    assert "mismatch" in statuses(run(text.format(n="146")), "A109")


def test_a_count_of_places_then_their_bare_names():
    commas = HEAD + "Trung tâm tổ chức tiêm bù tại {n} xã: Ba Nang, Tà Long, Húc Nghì, A Vao và A Bung; đã tiêm 94 trẻ.\n"
    assert statuses(run(commas.format(n="5")), "A409") == ["ok"]
    assert statuses(run(commas.format(n="6")), "A409") == ["mismatch"]
    semis = HEAD + ("Ban Chỉ đạo tổ chức 4 đợt hiến máu tại {n} điểm gồm: Trung tâm Văn hóa huyện; Trường THPT Trần "
                    "Phú; Trạm Y tế xã Đông Cuông; Nhà văn hóa xã An Thịnh.\n")
    assert statuses(run(semis.format(n="4")), "A409") == ["ok"]
    assert statuses(run(semis.format(n="5")), "A409") == ["mismatch"]


PUPILS = ("UBND HUYỆN QUẢN BẠ\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 41/BC-PGDĐT          Quản Bạ, ngày 20 tháng 9 năm "
          "2024\n\nBÁO CÁO\nTình hình học sinh tiểu học năm học 2024 - 2025\n\nTổng số học sinh tiểu học toàn huyện là "
          "{n} em.\n\nBiểu số 02. Học sinh tiểu học chia theo xã và khối lớp\n\n"
          "STT  Xã, thị trấn     Lớp 1   Lớp 2   Lớp 3   Cộng\n"
          "1    Tam Sơn            148     141     152    441\n"
          "2    Cán Tỷ             104      98     101    303\n"
          "3    Đông Hà             78      82      75    235\n"
          "     Tổng cộng          330     321     328    979\n")


def test_a_table_s_caption_names_what_its_grand_total_counts():
    assert statuses(run(PUPILS.format(n="979")), "A613") == ["ok"]
    assert statuses(run(PUPILS.format(n="997")), "A613") == ["mismatch"]


def test_a_column_of_another_family_s_words_against_the_text():
    text = HEAD + ("Toàn huyện có {n} hộ gia đình được hỗ trợ sau hiến máu, chi tiết như sau:\n\n"
                   "STT   Xã              Số hộ được hỗ trợ\n1     Xã Pa Tần             20\n2     Xã Tả Phìn            18\n"
                   "3     Xã Noong Hẻo          22\n      Tổng cộng             60\n\nNăm 2022 huyện tiếp nhận 640 đơn vị "
                   "máu, đạt 2024 lượt.\n")
    assert statuses(run(text.format(n="60")), "A613") == ["ok"]
    assert statuses(run(text.format(n="62")), "A613") == ["mismatch"]


POOR = ("UBND HUYỆN MÙ CANG CHẢI\n\nSố: 318/BC-UBND          Mù Cang Chải, ngày 15 tháng 12 năm 2023\n\nBÁO CÁO\nKết quả "
        "rà soát hộ nghèo, hộ cận nghèo năm 2023\n\nTại thời điểm rà soát, toàn huyện có 12.933 hộ dân cư. Kết quả:\n"
        "  + Hộ nghèo: 5.149 hộ, chiếm 39,81% tổng số hộ.\n\nSo với thời điểm đầu năm (kết quả rà soát cuối năm 2022 là "
        "5.781 hộ nghèo trên tổng số 12.784 hộ, tỷ lệ 45,22%), số hộ nghèo toàn huyện giảm {fall} hộ.\n\n"
        "Biến động trong năm: có 981 hộ thoát nghèo, trong đó 612 hộ thoát nghèo nhờ các mô hình sinh kế và 369 hộ "
        "thoát nghèo do có thành viên đi làm việc ổn định; số hộ nghèo phát sinh mới là 349 hộ.\n")


def test_a_breakdown_without_a_colon_and_a_fall_after_an_aside_naming_last_year():
    ok = run(POOR.format(fall="632"))
    assert statuses(ok, "P102") == ["ok"] and statuses(ok, "P104") == ["ok"] and statuses(ok, "P105") == ["ok"]
    assert statuses(run(POOR.format(fall="623")), "P105") == ["mismatch"]


def test_a_count_of_a_family_quoted_from_the_report_it_cites(tmp_path):
    insurance = ("BẢO HIỂM XÃ HỘI HUYỆN MÙ CANG CHẢI\n\nSố: 512/BC-BHXH          Mù Cang Chải, ngày 28 tháng 12 năm "
                 "2023\n\nBÁO CÁO\nKết quả thực hiện chính sách BHXH, BHYT năm 2023\n\nTheo Báo cáo số 318/BC-UBND "
                 "ngày 15/12/2023 của UBND huyện, cuối năm 2023 toàn huyện còn {n} hộ nghèo; nhóm do ngân sách nhà nước "
                 "đóng giảm 1.488 người.\n")
    ok = _corpus_findings(_dir(tmp_path, "a"), {"p.txt": POOR.format(fall="632"), "r.txt": insurance.format(n="5.149")})
    assert [f["status"] for f in ok if f["code"] == "C110"] == ["ok"]
    wrong = _corpus_findings(_dir(tmp_path, "b"), {"p.txt": POOR.format(fall="632"), "r.txt": insurance.format(n="5.194")})
    assert [(f["claimed"], f["computed"]) for f in wrong if f["code"] == "C110" and f["status"] == "mismatch"] == [
        (5194, 5149)]


def test_by_how_much_in_brackets_is_no_part_of_an_amount():
    doc = run(HEAD + "Tổng thu ngân sách năm 2022 thực hiện 531.648 triệu đồng, bằng 106,4% dự toán (vượt 32.148 triệu "
                     "đồng) và tăng 11,3% so với năm 2021 (tăng 54.152 triệu đồng).\n")
    assert not [f for f in figures(doc, "money") if "part_of" in f.attrs]
    assert not statuses(doc, "A302")


def test_rows_of_different_measures_are_no_sum():
    doc = run(HEAD + ("So sánh một số chỉ tiêu chủ yếu với năm 2021:\n\n"
                      "  Chỉ tiêu                   ĐVT        Năm 2021   Năm 2022   Tăng (+)/giảm (-)\n"
                      "  Tổng số hội viên           người         8.450      8.912        +462\n"
                      "  Hội viên kết nạp mới       người           610        654         +44\n"
                      "  Đơn vị máu tiếp nhận       đơn vị        1.142      1.224         +82\n"
                      "  Suất quà nhân đạo          suất          5.870      6.214        +344\n"))
    assert not statuses(doc, "A602")


def test_a_money_total_then_a_list_by_source_after_its_full_stop():
    text = HEAD + ("Các cấp Hội trao 3.152 suất quà, tổng trị giá {total} đồng. Chia theo nguồn:\n"
                   "  * Hội huyện trao 618 suất, thành tiền 309.000.000 đồng;\n"
                   "  * Cơ sở Hội trao 2.134 suất, trị giá 757.600.000 đồng;\n"
                   "  * Nhà hảo tâm trao 400 suất, trị giá 191.000.000 đồng.\n")
    assert statuses(run(text.format(total="1.257.600.000")), "A302") == ["ok"]
    assert statuses(run(text.format(total="1.275.600.000")), "A302") == ["mismatch"]


def test_units_met_over_the_communes_rows_beside_a_row_of_bodies():
    text = HEAD + ("Có {n}/3 xã đạt và vượt chỉ tiêu được giao. Kết quả cụ thể:\n\n"
                   "STT   Đơn vị                      Chỉ tiêu   Tiếp nhận   Tỷ lệ (%)\n"
                   "1     Xã Pa Tần                       50          52       104,0\n"
                   "2     Xã Tả Phìn                      40          37        92,5\n"
                   "3     Xã Noong Hẻo                    45          46       102,2\n"
                   "4     Khối cơ quan, trường học        30          35       116,7\n"
                   "      Tổng cộng                      165         170       103,0\n")
    assert statuses(run(text.format(n="2")), "A611") == ["ok"]
    assert statuses(run(text.format(n="3")), "A611") == ["mismatch"]
