"""Shapes met in round 29 of probes: a header whose words name few meanings over rows of as many cells, a plan then
what was done of it then the rate, money held, spent and left, a total of subtotals each with its own clause, things
counted then named with where each one is, a quarter's tasks ahead, and old OCR totals restoration misread."""

from tests.test_round13 import run_all, statuses
from tests.test_tables import HEAD, run

PLAIN_HEAD = ("UBND HUYỆN SÌN HỒ\n\nSố: 21/BC-UBND            Sìn Hồ, ngày 10 tháng 6 năm 2024\n\nBÁO CÁO\n"
              "Kết quả thực hiện nhiệm vụ năm học 2023 - 2024\n\n")


def test_a_header_of_plain_words_over_rows_of_as_many_cells_is_read():
    text = (PLAIN_HEAD + "Số liệu theo cấp học:\n\n"
            "Cấp học                   Số trường   Tổng số phòng học   Kiên cố   Bán kiên cố   Tỷ lệ kiên cố (%)\n"
            "Mầm non                          11                 150       117            33               78,00\n"
            "Tiểu học                          8                 200       {k}            40               80,00\n"
            "Trung học cơ sở                   5                 100        90            10               90,00\n"
            "Toàn huyện                       24                 450       367            83               81,56\n")
    doc = run(text.format(k="160"))
    [t] = doc.tables
    assert [c.header for c in t.columns][:3] == ["Cấp học", "Số trường", "Tổng số phòng học"]
    assert "mismatch" not in statuses(doc, "A601")
    assert "mismatch" in statuses(run(text.format(k="166")), "A601")  # 166 / 200 is no 80,00%


def test_a_table_of_quantities_with_a_row_of_rates_is_not_summed():
    text = (PLAIN_HEAD + "Kết quả khám sức khỏe:\n\n"
            "Nội dung                 Mầm non    Tiểu học    THCS     Cộng\n"
            "Tổng số học sinh           4.210       8.650    6.120   18.980\n"
            "Số học sinh được khám      4.110       8.514    6.099   18.723\n"
            "Tỷ lệ được khám (%)         97,6        98,4     99,7     98,6\n"
            "Cận thị                       62       1.102    1.386    2.550\n")
    assert "mismatch" not in statuses(run(text), "A602")


def test_a_plan_then_what_was_done_then_the_rate():
    text = PLAIN_HEAD + "(3) Trạm Y tế xã Pa Tần: kế hoạch 5.600 triệu đồng, giải ngân 2.478 triệu đồng, đạt {pct}%.\n"
    assert statuses(run(text.format(pct="44,2")), "A313") == ["ok"]
    assert statuses(run(text.format(pct="48,2")), "A313") == ["mismatch"]


def test_money_held_spent_and_left():
    text = (PLAIN_HEAD + "Tổng kinh phí tỉnh phân bổ: 620.000.000 đồng. Kinh phí đã chi trả cho các hộ: 605.286.000 "
            "đồng. Kinh phí còn dư: {left} đồng, đã nộp trả ngân sách tỉnh.\n")
    assert statuses(run(text.format(left="14.714.000")), "A302") == ["ok"]
    assert statuses(run(text.format(left="15.714.000")), "A302") == ["mismatch"]


def test_a_total_of_amounts_each_with_its_own_clause_total():
    text = (HEAD + "Kinh phí hỗ trợ gồm: Công đoàn hỗ trợ mỗi người 100.000 đồng, tổng số 40.100.000 đồng; Công ty "
            "bồi dưỡng mỗi người 150.000 đồng, tổng số 60.150.000 đồng; khen thưởng 12 cá nhân, mỗi người 500.000 "
            "đồng, tổng số 6.000.000 đồng. Tổng kinh phí là {total} đồng.\n")
    assert statuses(run(text.format(total="106.250.000")), "A302") == ["ok"]
    assert statuses(run(text.format(total="106.520.000")), "A302") == ["mismatch"]


def test_things_counted_then_named_with_where_each_one_is():
    text = (PLAIN_HEAD + "Trong năm có thêm {n} cơ sở lưu trú mới được thẩm định đạt chuẩn, gồm: Nhà nghỉ Sen Hồng "
            "(thị trấn Sìn Hồ), Homestay Bảy Lúa (xã Tả Phìn, bản Chù Va), Nhà vườn Hai Tiền (xã Pa Tần) và Homestay "
            "Mùa Nước (xã Nậm Tăm), nâng tổng số cơ sở lưu trú từ 22 cơ sở lên 26 cơ sở.\n")
    assert statuses(run(text.format(n="4")), "A409") == ["ok"]
    assert statuses(run(text.format(n="3")), "A409") == ["mismatch"]
    # a name with "và" in it and no commas: how many names is not known
    assert not statuses(run(PLAIN_HEAD + "Xã đạt thêm 02 tiêu chí là Giao thông và Thông tin và Truyền thông.\n"),
                        "A409")


def test_drives_counted_over_a_table_closed_by_its_total_are_all_listed():
    text = (HEAD + "Năm 2022, Ban Chỉ đạo tổ chức {n} đợt hiến máu tập trung, cụ thể:\n\n"
            "Đợt  | Ngày lấy máu | Địa điểm                  | Người đăng ký | Đủ điều kiện hiến\n"
            "I    | 27/02/2022   | Thị trấn Sìn Hồ            | 398           | 352\n"
            "II   | 18/5/2022    | Xã Tả Phìn                 | 341           | 297\n"
            "III  | 24/8/2022    | Xã Pa Tần                  | 402           | 361\n"
            "Tổng |              |                           | 1.141         | 1.010\n")
    assert statuses(run(text.format(n="03")), "A106") == ["ok"]
    assert statuses(run(text.format(n="04")), "A106") == ["mismatch"]


def test_a_drive_under_the_quarter_s_tasks_is_a_plan():
    text = (HEAD + "Năm 2022, Ban Chỉ đạo tổ chức 2 đợt hiến máu, cụ thể:\n- Đợt 1, ngày 15/3/2022 tại thị trấn Sìn Hồ: tiếp nhận 120 đơn vị;\n"
            "- Đợt 2, ngày 20/8/2022 tại xã Tả Phìn: tiếp nhận 98 đơn vị.\n\n"
            "III. NHIỆM VỤ QUÝ IV/2022\n\nTổ chức 01 đợt hiến máu tại xã Pa Tần vào tháng 12/2022.\n")
    doc = run(text)
    counts = [f for f in doc.figures if f.kind == "drive_count"]
    assert [(f.value, f.attrs["plan"]) for f in counts] == [(2, False), (1, True)]
    assert "mismatch" not in statuses(doc, "A106")


OCR_HEAD = ("UBND HUYEN SIN HO\nBAN CHI DAO VAN DONG\nHIEN MAU TINH NGUYEN\n\n"
            "So: 12/BC-BCD            Sin Ho, ngay 10 thang 7 nam 2022\n\nBAO CAO\n"
            "Ket qua van dong hien mau tinh nguyen 6 thang dau nam 2022\n\n")


def test_a_six_month_total_column_against_the_text_and_a_total_row_restoration_misread():
    text = (OCR_HEAD + "Trong 6 thang dau nam, toan huyen da tiep nhan {n} don vi mau tu cac don vi.\n\n"
            "Don vi| Quy I | Quy II Cong 6 thang\n"
            "Thi tran Sin Ho | 46 58 104\n"
            "Xa Ta Phin| 31 27| 58\n"
            "Xa Pa Tan 22 | 35 | 57\n"
            "Xa Nam Tam| 18 24 42\n"
            "Tóng cong| 117 144 | 261\n")
    doc = run_all(text.format(n="261"))
    assert doc.tables[0].rows[-1].kind.value == "total"  # "Tóng cong", whatever restoration made of it
    assert statuses(doc, "A604") == ["ok"]
    assert statuses(run_all(text.format(n="216")), "A604") == ["mismatch"]


def test_a_coverage_of_a_past_period_counts_the_units_it_ended_with():
    from pipeline.reconcile import load_gazetteer

    gaz = load_gazetteer()
    before, after = (gaz.children_count("48", day, "commune") for day in ("2024-12-31", "2025-01-08"))
    assert before != after  # (Đà Nẵng's wards merged on the first day of 2025)
    text = ("HỘI CHỮ THẬP ĐỎ\nTHÀNH PHỐ ĐÀ NẴNG\n\nSố: 03/BC-HCTĐ            Đà Nẵng, ngày 08 tháng 01 năm 2025\n\n"
            "BÁO CÁO\nTổng kết 5 năm công tác vận động hiến máu tình nguyện giai đoạn 2020 - 2024\n\n"
            f"Phong trào được triển khai ở {before}/{before} phường, xã của thành phố.\n")
    assert statuses(run_all(text), "A402") == ["ok"]
