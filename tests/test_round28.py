"""Shapes met in round 28 of probes: old OCR tables whose spacing, bars and name-figure gaps were lost, a table of
counts by kind and unit, money from sources listed under the total, units of another district in a district's
table, changes of amounts with decimals, and a change of one body's part of the year's units."""

from tests.test_round13 import run_all, statuses
from tests.test_tables import HEAD, run

OCR_HEAD = ("UBND HUYEN SIN HO\nBAN CHI DAO VAN DONG\nHIEN MAU TINH NGUYEN\n\n"
            "So: 12/BC-BCD            Sin Ho, ngay 10 thang 12 nam 2022\n\nBAO CAO\n"
            "Ket qua van dong hien mau tinh nguyen nam 2022\n\n")


def test_a_table_whose_figures_ran_into_their_names_is_read_by_the_rows_shapes():
    text = (OCR_HEAD + "Ket qua van dong theo nguon:\n\n"
            "TT  Nguon van dong Tien mat (dong)  Hien vat (dong)   Cong (dong)\n"
            "1 Doanh nghiep 120.000.000  35.000.000   155.000.000\n"
            "2   Co quan, don vi huyen 64.500.000   10.000.000  74.500.000\n"
            " 3   Cac xa, thi tran  41.250.000  20.000.000 61.250.000\n"
            "4 Ca nhan, nha hao tam 30.000.000   5.000.000  35.000.000\n"
            "Tong cong   255.750.000 70.000.000 {grand}\n")
    doc = run_all(text.format(grand="352.750.000"))
    [t] = doc.tables
    body = [r for r in t.rows if r.kind.value == "data"]
    # (round 39: the first amount column, its header lost, counts too: the total row is its rows' sum)
    assert [len([c for c in r.cells if c.value is not None]) for r in body] == [4, 4, 4, 4]
    assert [r.label for r in body][0].startswith("Doanh nghi")  # the rows keep their names
    assert "mismatch" in statuses(doc, "A602")
    assert "mismatch" not in statuses(run_all(text.format(grand="325.750.000")), "A602")


def test_a_row_named_by_a_code_keeps_it_and_the_text_naming_it_is_checked():
    text = (OCR_HEAD + "Nhom mau O chiem nhieu nhat voi {o} don vi.\n\n"
            "Nhom mau  So don vi   Ty le\n"
            "O 180  45,0%\n"
            "A  96 24,0%\n"
            "B 104  26,0%\n"
            " AB   20 5,0%\n"
            " Cong  400   100,0%\n")
    doc = run_all(text.format(o="180"))
    assert [r.label for r in doc.tables[0].data_rows()][:2] == ["O", "A"]  # no word "Ở" made of the group
    assert statuses(doc, "A620") == ["ok"]
    assert statuses(run_all(text.format(o="108")), "A620") == ["mismatch"]


def test_bars_ocr_printed_as_letters_part_the_cells():
    text = (OCR_HEAD + "TT l Don vi I Chi tieu l Dot I | Dot II | Cong l Dat (%)\n"
            "1 | Thi tran Si Ma Cai I 90 l 52 | 47 I 99 | 110,0\n"
            "2 l Xa Nan San l 60 I 28 | 31 I 59 I 98,3\n"
            "3 I Xa San Chai I 55 l 30 l 29 l 59 l 107,3\n"
            "4 l Xa Ban Me I 65 I 33 I 29 I 62  {rate}\n"
            "Toan huyen l 270 | 143 l 136 | 279 103,3\n")
    doc = run_all(text.format(rate="95,4"))
    restored = doc.pages[0].lines[-3].best
    assert "|" in restored and "ủ" not in restored
    assert "mismatch" not in statuses(doc, "A601")
    assert "mismatch" in statuses(run_all(text.format(rate="93,9")), "A601")


def test_a_drive_table_with_a_figure_glued_to_the_place_and_long_row_names():
    text = (OCR_HEAD + "Ket qua tung dot nhu sau:\n\nDot Ngay lay mau  Diem lay mau Chi tieu Dang ky Tiep nhan Dat (%)\n"
            "1 12/3/2022 Nha van hoa thi tran Sin Ho400 512 432 108,0\n"
            "2 18/6/2022 Truong THCS xa Ta Phin350 441 362 103,4\n"
            "3 26/9/2022 Tram Y te xa Pa Tan va Hoi truong cac ban Nam Tam 350 398 327 93,4\n"
            "Ca nam 1.100 1.351 {total} 101,9\n")
    doc = run_all(text.format(total="1.121"))
    [t] = doc.tables
    assert [c.meaning for c in t.columns] == ["drive_no", "date", "location", "quota", "registered", "received",
                                              "percent"]
    assert len(t.data_rows()) == 3 and t.data_rows()[0].cell(3).value == 400
    assert "mismatch" not in statuses(doc, "A602")
    assert "mismatch" in statuses(run_all(text.format(total="1.211")), "A602")


def test_the_national_motto_names_no_commune():
    text = ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
            "HUYEN HUNG HA Doc lap - Tu do - Hanh phuc\n\n"
            "So: 45/KH-UBND Hung Ha, ngay 02 thang 02 nam 2024\n\n"
            "KE HOACH\nTo chuc van dong hien mau tinh nguyen nam 2024\n\n"
            "Nam 2024 toan huyen phan dau tiep nhan 1.500 don vi mau.\n")
    doc = run_all(text)
    assert doc.units.issuer is not None and doc.units.issuer.name == "Huyện Hưng Hà"
    assert "12595" not in {p.code for p in doc.places}  # (Xã Cộng Hòa of Hưng Hà)


def test_a_count_of_each_kind_in_each_unit_with_its_row_total():
    text = (HEAD + "Biện pháp             | Tả Phìn | Pa Tần | Nậm Tăm | Làng Mô | Cộng\n"
            "Đặt vòng               |      21 |     18 |      25 |      12 |   76\n"
            "Thuốc tiêm             |      14 |      9 |      11 |       6 |   {row}\n"
            "Bao cao su             |      40 |     33 |      38 |      20 |  131\n"
            "Cộng                   |      75 |     60 |      74 |      38 |  247\n")
    doc = run(text.format(row="40"))
    [t] = doc.tables
    assert [c.meaning for c in t.columns][1:] == ["across_value"] * 4 + ["across_total"]
    assert "mismatch" not in statuses(doc, "A603") and "mismatch" not in statuses(doc, "A602")
    wrong = run(text.format(row="45"))
    [row] = [f for f in wrong.findings if f.code == "A603" and f.status == "mismatch"]  # the row against its units
    assert (row.claimed, row.computed) == (45, 40)
    # the total column against its rows is off by the same cell: one finding, which cites the column's cells too
    assert "mismatch" not in statuses(wrong, "A602") and len(row.cells) > 5


def test_money_from_sources_listed_under_its_total():
    text = (HEAD + "Ban Vận động đã tiếp nhận tổng cộng {total} đồng, từ các nguồn:\n"
            "a) Ủy ban MTTQ tỉnh phân bổ: 1.200.000.000 đồng;\n"
            "b) Các cơ quan, doanh nghiệp trên địa bàn: 415.600.000 đồng;\n"
            "c) Cán bộ, công chức, viên chức: 128.400.000 đồng.\n")
    assert statuses(run(text.format(total="1.744.000.000")), "A302") == ["ok"]
    assert statuses(run(text.format(total="1.474.000.000")), "A302") == ["mismatch"]


SON_TINH = ("UBND HUYỆN SƠN TỊNH\n\nSố: 88/BC-UBND            Sơn Tịnh, ngày 20 tháng 9 năm 2024\n\n"
            "BÁO CÁO\nKết quả phổ cập giáo dục huyện Sơn Tịnh năm 2024\n\n"
            "Xã              Số em    Tốt nghiệp    Tỷ lệ (%)\n"
            "Tịnh Thọ          400          388        97,00\n"
            "Tịnh Trà          250          240        96,00\n"
            "Tịnh Phong        500          485        97,00\n"
            "{last}            200          190        95,00\n"
            "Toàn huyện      1.350        1.303        96,52\n")


def test_bare_commune_names_that_open_like_a_level_word_are_linked_and_one_of_another_district_is_flagged():
    doc = run_all(SON_TINH.format(last="Tịnh Minh"))
    codes = [r.place_code for r in doc.tables[0].data_rows()]
    assert codes == ["21175", "21178", "21181", "21229"]  # "Tịnh" is no "tỉnh"
    assert statuses(doc, "A621") == ["ok"]
    away = run_all(SON_TINH.format(last="Tịnh Khê "))  # a commune of Thành phố Quảng Ngãi
    assert statuses(away, "A621") == ["mismatch"]


def test_a_text_naming_one_of_two_rate_columns_is_checked_against_that_one():
    text = ("UBND HUYỆN SÌN HỒ\n\nSố: 15/BC-UBND            Sìn Hồ, ngày 10 tháng 6 năm 2024\n\nBÁO CÁO\n"
            "Kết quả phổ cập giáo dục năm 2024\n\n"
            "Khối                      Số em   Tốt nghiệp   Tỷ lệ %   Đang học   Tỷ lệ %\n"
            "Khối trường học huyện       400          388     97,00        341     85,25\n"
            "Khối cơ quan huyện          250          240     96,00        205     82,00\n"
            "Khối doanh nghiệp huyện     500          485     97,00        430     86,00\n"
            "Cộng                      1.150        1.113     96,78        976     84,87\n\n"
            "Tỷ lệ đang học thấp nhất là Khối cơ quan huyện ({rate}%).\n")
    assert statuses(run(text.format(rate="82,00")), "A620") == ["ok"]
    assert statuses(run(text.format(rate="82,50")), "A620") == ["mismatch"]
    other = text.replace("Tỷ lệ đang học", "Tỷ lệ tốt nghiệp")  # the other rate column, named by its count's words
    assert statuses(run(other.format(rate="96,00")), "A620") == ["ok"]


def test_a_change_of_an_amount_with_decimals_and_its_percent():
    text = HEAD + "Toàn huyện trồng 912,4 ha, so với vụ Đông năm trước (860,0 ha) tăng 52,4 ha, tức là tăng {pct}%.\n"
    assert statuses(run(text.format(pct="6,1")), "A312") == ["ok"]
    assert statuses(run(text.format(pct="6,8")), "A312") == ["mismatch"]


def test_a_change_of_the_body_a_sentence_names_is_of_its_part_of_the_year_s_units():
    text = (HEAD + "Năm 2022 toàn tỉnh tiếp nhận 8.640 đơn vị máu; trong đó Bệnh viện trực tiếp tiếp nhận 6.210 đơn vị.\n\n"
            "So với năm 2021 (5.800 đơn vị), số máu Bệnh viện tiếp nhận tăng {step} đơn vị.\n")
    assert statuses(run(text.format(step="410")), "A109") == ["ok"]
    assert statuses(run(text.format(step="401")), "A109") == ["mismatch"]


def test_a_change_after_a_rate_in_its_sentence_is_of_the_year_s_own_amount():
    text = (HEAD + "Trong tổng số 1.302 đơn vị máu có 874 đơn vị loại 350 ml và 428 đơn vị loại 250 ml.\n\n"
            "Cả năm toàn huyện đạt 101,7% chỉ tiêu; so với năm 2021 (1.150 đơn vị) tăng {step} đơn vị.\n")
    assert statuses(run(text.format(step="152")), "A109") == ["ok"]
    assert statuses(run(text.format(step="162")), "A109") == ["mismatch"]
