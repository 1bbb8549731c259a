"""Shapes met in round 30 of probes: a rate whose part and whole stand far apart, schools counted then named past a
threshold, the year's quota only in a drives table's total row, a table of indicators at two dates with a text naming
a row and its change, a section lettered `D.` for next year's plan, and a figure quoted from a cited report."""

from tests.test_round13 import run_all, statuses
from tests.test_tables import HEAD, run

EDU_HEAD = ("UBND HUYỆN SÌN HỒ\n\nSố: 31/BC-UBND            Sìn Hồ, ngày 20 tháng 7 năm 2024\n\nBÁO CÁO\n"
            "Kết quả tuyển sinh vào lớp 10 năm học 2024 - 2025\n\n")


def test_a_rate_whose_part_and_whole_stand_apart_with_scores_between():
    text = (EDU_HEAD + "STT | Trường THCS | Dự thi | Toán | Ngữ văn | Tiếng Anh | TB 3 môn | Trúng tuyển | Tỷ lệ (%)\n"
            " 1  | Sìn Hồ      |    168 | 8,42 |    8,15 |      8,76 |     8,44 |         162 |      96,4\n"
            " 2  | Tả Phìn     |    214 | 6,38 |    6,72 |      5,94 |     6,35 |         171 |      79,9\n"
            " 3  | Pa Tần      |    176 | 6,55 |    6,80 |      6,12 |     6,49 |         143 |      81,3\n"
            " 4  | Nậm Tăm     |    131 | 5,74 |    6,31 |      4,98 |     5,68 |          96 |      {rate}\n")
    assert "mismatch" not in statuses(run(text.format(rate="73,3")), "A601")
    assert "mismatch" in statuses(run(text.format(rate="78,3")), "A601")


def test_schools_counted_then_named_past_a_threshold():
    text = (EDU_HEAD + "- Có {n} trường đạt điểm trung bình ba môn từ 6,0 trở lên là THCS Sìn Hồ, Tả Phìn, Pa Tần, "
            "Nậm Tăm và Làng Mô.\n")
    assert statuses(run(text.format(n="5")), "A409") == ["ok"]
    assert statuses(run(text.format(n="4")), "A409") == ["mismatch"]


def test_the_year_s_quota_only_in_its_drives_table_s_total_row():
    text = (HEAD + "Kết quả các đợt:\n\n"
            "Đợt | Ngày | Chỉ tiêu | Tiếp nhận | Đạt (%)\n"
            "1 | 12/3/2022 | 400 | 432 | 108,0\n"
            "2 | 18/6/2022 | 350 | 362 | 103,4\n"
            "3 | 26/9/2022 | 350 | 327 | 93,4\n"
            "Cả năm | | 1.100 | 1.121 | 101,9\n\n"
            "Như vậy, năm 2022 toàn huyện tiếp nhận 1.121 đơn vị máu, đạt {pct}% chỉ tiêu tỉnh giao.\n")
    assert "mismatch" not in statuses(run(text.format(pct="101,9")), "A104")
    assert "mismatch" in statuses(run(text.format(pct="109,1")), "A104")


def test_a_text_naming_a_row_of_indicators_and_its_change_between_two_dates():
    text = ("CHI CỤC THỐNG KÊ HUYỆN SÌN HỒ\n\nSố: 45/BC-CCTK            Sìn Hồ, ngày 20 tháng 10 năm 2024\n\n"
            "BÁO CÁO\nKết quả điều tra chăn nuôi thời điểm 01/10/2024\n\n"
            "TT   Chỉ tiêu                 ĐVT     01/10/2023   01/10/2024   So sánh (%)\n"
            "1    Tổng đàn trâu            con          1.245        1.198          96,2\n"
            "2    Tổng đàn bò              con         18.640       19.312         103,6\n"
            "3    Tổng đàn dê              con          4.120        3.875          94,1\n\n"
            "- Tổng đàn bò đạt 19.312 con, tăng {step} con so với thời điểm 01/10/2023.\n")
    doc = run(text.format(step="672"))
    assert doc.tables[0].column("quota") is None  # "Chỉ tiêu" over the rows' names names no quota
    assert sorted(statuses(doc, "A620")) == ["ok", "ok"]
    assert "mismatch" in statuses(run(text.format(step="762")), "A620")


def test_a_plan_section_lettered_d_is_next_year_s():
    text = (HEAD + "A. KẾT QUẢ\n\nNăm 2022, với sự vào cuộc của các cấp, các ngành và sự hưởng ứng của đoàn viên, thanh niên, "
                   "toàn huyện tiếp nhận 1.121 đơn vị máu, đạt 101,9% chỉ tiêu 1.100 đơn vị.\n\n"
            "D. PHƯƠNG HƯỚNG NĂM 2023\n\nPhấn đấu tiếp nhận 1.200 đơn vị máu.\n")
    doc = run(text)
    planned = [(f.value, f.attrs.get("year"), f.attrs.get("plan")) for f in doc.figures if f.kind == "units_quota"]
    assert (1200, 2023, True) in planned


def test_a_figure_quoted_from_a_cited_report_is_not_the_year_a_change_is_against():
    text = ("ĐOÀN TNCS HỒ CHÍ MINH\nBCH ĐOÀN HUYỆN SÌN HỒ\n\nSố: 12-BC/ĐTN            Sìn Hồ, ngày 20 tháng 3 năm 2023\n\n"
            "BÁO CÁO\nKết quả Lễ hội Xuân hồng năm 2023\n\n"
            "Theo Báo cáo số 03/BC-BCĐ ngày 08/01/2023 của Ban Chỉ đạo huyện tổng kết giai đoạn 2018 - 2022, năm 2022 "
            "toàn huyện tiếp nhận 3.172 đơn vị máu.\n\n"
            "Lễ hội Xuân hồng năm 2023 tiếp nhận 302 đơn vị máu, so với năm 2022 tăng 21 đơn vị.\n")
    doc = run_all(text)
    quoted = [f for f in doc.figures if f.kind == "units_received" and f.value == 3172]
    assert quoted and not quoted[0].attrs.get("about")  # that year's, not the period's
    assert "mismatch" not in statuses(doc, "A109")


def test_a_day_named_by_the_plan_or_the_deed_is_a_date_column():
    from pipeline.tables.vocabulary import header_meaning

    assert header_meaning("Ngày theo kế hoạch").name == "date"  # not the quota "kế hoạch" would name
    assert header_meaning("Ngày thực hiện").name == "date"  # nor the units "thực hiện" would
    assert header_meaning("Kế hoạch").name == "quota"
