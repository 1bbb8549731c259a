"""Shapes met in round 32 of probes: years side by side written later first, a supplement that corrects a report on
purpose and a summary that keeps the old figure, a federation and one of its unions, a comparison in a paragraph that
opens on an earlier year, a header's own digit, a hospital's total row, rounds of a campaign listed, a change in percent
against a table's total row, drives as dated numbered paragraphs, and each drive's column beside the total column."""

from tests.test_audit_corpus import _corpus_findings
from tests.test_round13 import figures, statuses
from tests.test_round31 import _dir
from tests.test_tables import HEAD, run


def test_years_side_by_side_written_later_first():
    text = (HEAD + "Chỉ tiêu                     Năm 2022    Năm 2021    Tăng/giảm\n"
            "Số đơn vị máu tiếp nhận         5.486       5.310         {c}\n"
            "Số người đăng ký                6.120       5.980         +140\n")
    assert "mismatch" not in statuses(run(text.format(c="+176")), "A610")
    assert statuses(run(text.format(c="+186")), "A610").count("mismatch") == 1


SUPPLEMENTED = ("UBND HUYỆN TRỰC NINH\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 64/BC-BCĐ          Trực Ninh, ngày 11 "
                "tháng 12 năm 2023\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2023\n\nNăm 2023, huyện tổ chức 5 đợt, tiếp "
                "nhận 1.986 đơn vị máu, gồm 1.214 đơn vị loại 350 ml và 772 đơn vị loại 250 ml.\n")
SUPPLEMENT = ("UBND HUYỆN TRỰC NINH\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 66/BC-BCĐ          Trực Ninh, ngày 22 "
              "tháng 12 năm 2023\n\nBÁO CÁO BỔ SUNG\nĐiều chỉnh số liệu kết quả hiến máu tình nguyện năm 2023\n\nNgày "
              "11/12/2023, Ban Chỉ đạo đã có Báo cáo số 64/BC-BCĐ. Nay báo cáo bổ sung như sau:\n\n- Tổng số đơn vị máu "
              "tiếp nhận năm 2023: 1.995 đơn vị (đã báo cáo 1.986 đơn vị), gồm 1.223 đơn vị loại 350 ml và 772 đơn vị "
              "loại 250 ml.\n")
PROVINCE = ("UBND TỈNH NAM ĐỊNH\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN\n\nSố: 03/BC-BCĐ          Nam Định, ngày 12 "
            "tháng 01 năm 2024\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2023\n\nRiêng huyện Trực Ninh theo Báo cáo bổ "
            "sung số 66/BC-BCĐ ngày 22/12/2023: tiếp nhận {n} đơn vị máu.\n")


def test_a_supplement_corrects_on_purpose_and_its_readers_use_the_correction(tmp_path):
    doc = run(SUPPLEMENT)
    assert [f.value for f in figures(doc, "units_received") if "part_of" not in f.attrs] == [1995]
    assert [(f.value, f.attrs["corrected_to"]) for f in figures(doc, "corrected_figure")] == [(1986, 1995)]
    ok = _corpus_findings(_dir(tmp_path, "a"), {"a.txt": SUPPLEMENTED, "b.txt": SUPPLEMENT,
                                                 "c.txt": PROVINCE.format(n="1.995")})
    assert not [f for f in ok if f["code"] in ("C102", "C111") and f["status"] == "mismatch"]
    stale = _corpus_findings(_dir(tmp_path, "b"), {"a.txt": SUPPLEMENTED, "b.txt": SUPPLEMENT,
                                                    "c.txt": PROVINCE.format(n="1.986")})
    assert [(f["claimed"], f["computed"]) for f in stale if f["code"] == "C111" and f["status"] == "mismatch"] == [
        (1986, 1995)]


def test_a_federation_and_one_of_its_unions_are_two_bodies(tmp_path):
    federation = ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG TỈNH HẢI DƯƠNG\n\nSố: 402/BC-LĐLĐ          Hải "
                  "Dương, ngày 24 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2024\n\nNăm 2024, đoàn "
                  "viên toàn tỉnh tiếp nhận 3.034 đơn vị máu, đạt 101,1% chỉ tiêu 3.000 đơn vị.\n")
    union = ("LIÊN ĐOÀN LAO ĐỘNG TỈNH HẢI DƯƠNG\nCÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP\n\nSố: 178/BC-CĐKCN          Hải Dương, "
             "ngày 16 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả hiến máu tình nguyện năm 2024\n\nNăm 2024, công nhân các khu "
             "công nghiệp tiếp nhận 1.262 đơn vị máu, đạt 105,2% chỉ tiêu 1.200 đơn vị.\n")
    saved = _corpus_findings(tmp_path, {"f.txt": federation, "u.txt": union})
    assert not [f for f in saved if f["code"] == "C102"]


def test_a_comparison_in_a_paragraph_that_opens_on_an_earlier_year():
    head = HEAD.replace("năm 2022\n", "năm 2024\n").replace("năm 2022\n", "năm 2024\n").replace("tháng 12 năm 2022",
                                                                                                  "tháng 12 năm 2024")
    doc = run(head + "Năm 2024, phường tiếp nhận 521 đơn vị máu.\n\nNăm 2023, phường tiếp nhận 468 đơn vị máu. So với năm "
                     "2022, số máu thu được tăng 56 đơn vị, tức tăng {p}%.\n".format(p="13,6"))
    assert "mismatch" not in statuses(doc, "A109")


def test_a_header_s_own_digit_is_no_figure_of_the_text():
    text = (HEAD + "Có 19 trường hợp sinh con thứ 3 trở lên.\n\n"
            "STT | Thôn     | Trẻ sinh ra | Sinh con thứ 3+\n1 | Thôn Đông | 40 | 6\n2 | Thôn Tây | 50 | 7\n"
            "3 | Thôn Nam | 38 | 6\n | Cộng | 128 | 19\n")
    assert "mismatch" not in statuses(run(text), "A613")


def test_a_hospital_s_total_row_and_its_days_of_treatment():
    text = (HEAD.replace("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG\nHIẾN MÁU TÌNH NGUYỆN", "TRUNG TÂM Y TẾ HUYỆN SÌN HỒ")
            + "Khoa                   Giường KH   Lượt ĐT nội trú   Ngày điều trị   Ngày ĐT TB   Công suất GB (%)\n"
            "Khoa Nội                      45             2.384          17.650          7,4              107,2\n"
            "Khoa Nhi                      30             1.852          10.987          5,9              100,1\n"
            "Khoa Ngoại                    30             1.297           9.420          7,3               85,8\n"
            "Toàn Trung tâm               105             5.533          {d}          6,9               99,0\n")
    doc = run(text.format(d="38.057"))
    [t] = doc.tables
    assert t.total_rows() and t.columns[3].meaning == "count"
    assert "mismatch" not in statuses(doc, "A602")
    assert "mismatch" in statuses(run(text.format(d="38.157")), "A602")


def test_rounds_of_a_campaign_counted_then_listed():
    text = ("BAN AN TOÀN GIAO THÔNG HUYỆN HOÀI ÂN\n\nSố: 88/BC-BATGT          Hoài Ân, ngày 05 tháng 10 năm 2024\n\nBÁO "
            "CÁO\nCông tác bảo đảm trật tự an toàn giao thông 9 tháng năm 2024\n\nBan chỉ đạo các lực lượng tổ chức {n} "
            "đợt cao điểm bảo đảm trật tự, an toàn giao thông, gồm:\n- Đợt 1: phục vụ Tết Nguyên đán;\n- Đợt 2: dịp nghỉ "
            "lễ 30/4 - 01/5;\n- Đợt 3: xử lý vi phạm nồng độ cồn.\n\nKết quả xử lý vi phạm như sau.\n")
    assert statuses(run(text.format(n="03")), "A409") == ["ok"]
    assert statuses(run(text.format(n="04")), "A409") == ["mismatch"]


def test_a_change_in_percent_in_the_text_against_the_table_s_total_row():
    text = (HEAD + "Số đối tượng bảo trợ xã hội hưởng trợ cấp hằng tháng:\n\n"
            "Nhóm đối tượng          31/12/2021    31/12/2022    Tăng, giảm\n"
            "Người cao tuổi               4.812         5.031          +219\n"
            "Người khuyết tật             2.360         2.416           +56\n"
            "Cộng                         7.172         7.447          +275\n\n"
            "Như vậy, tổng số đối tượng tăng 275 người, tương ứng tăng {p}%.\n")
    assert statuses(run(text.format(p="3,8")), "A622") == ["ok"]
    assert statuses(run(text.format(p="4,2")), "A622") == ["mismatch"]


def test_drives_as_dated_numbered_paragraphs_held_by_a_unit_s_body():
    text = (HEAD + "Trong năm, toàn lực lượng tổ chức {n} đợt hiến máu tập trung, cụ thể:\n\n"
            "1. Ngày 16/01/2022, tại Hội trường Bộ Chỉ huy: có 215 đồng chí đăng ký, hiến được 187 đơn vị máu.\n\n"
            "2. Ngày 05/3/2022, Ban Chỉ huy Quân sự huyện Sìn Hồ phối hợp tổ chức tại xã Tả Phìn: 164 người đăng ký, "
            "hiến được 139 đơn vị.\n\n"
            "3. Ngày 22/4/2022, tại xã Pa Tần: 142 người đăng ký, hiến được 118 đơn vị.\n\n"
            "Tổng số đơn vị máu tiếp nhận là 444 đơn vị.\n")
    assert statuses(run(text.format(n="3")), "A106") == ["ok"] and "mismatch" not in statuses(run(text.format(n="3")), "A101")
    assert statuses(run(text.format(n="2")), "A106") == ["mismatch"]


def test_each_drive_s_column_is_a_part_of_the_total_column_not_the_text_s_total():
    text = (HEAD + "Tổng hợp hai đợt, có 281 người đăng ký và 225 đơn vị máu được tiếp nhận.\n\n"
            "Khu phố     | Đợt 1 / Tiếp nhận | Đợt 2 / Tiếp nhận | Cộng đơn vị máu\n"
            "Khu phố 1   |   14 |   17 |   31\nKhu phố 2   |   18 |   16 |   34\nKhu phố 3   |   77 |   83 |  160\n"
            "Toàn phường |  109 |  116 |  225\n")
    doc = run(text)
    assert doc.tables[0].total_rows() and "mismatch" not in statuses(doc, "A604") + statuses(doc, "A602")
