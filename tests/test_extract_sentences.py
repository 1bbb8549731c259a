"""New sentences, not from the seed documents: other districts, years and number formats.

Each builds a small document, runs the extraction stage and checks the figures it must find, with
their attributes and the raw text their spans point at.
"""

from pipeline.extract import run
from pipeline.model import Document
from pipeline.inputs.text import pages_from_text


def extract(text: str) -> Document:
    doc = Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=pages_from_text(text))
    return run(doc, None)


def find(doc: Document, kind: str, **attrs):
    return [f for f in doc.figures if f.kind == kind and all(f.attrs.get(k) == v for k, v in attrs.items())]


def one(doc: Document, kind: str, **attrs):
    found = find(doc, kind, **attrs)
    assert len(found) == 1, (kind, attrs, [(f.value, f.attrs) for f in doc.figures if f.kind == kind])
    return found[0]


SIN_HO = """ỦY BAN NHÂN DÂN HUYỆN SÌN HỒ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BCĐ VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN      Độc lập - Tự do - Hạnh phúc
Số: 45/BC-BCĐ      Sìn Hồ, ngày 05 tháng 12 năm 2019

BÁO CÁO
Kết quả công tác vận động hiến máu tình nguyện năm 2019

I. KẾT QUẢ THỰC HIỆN

Năm 2019 Ban Chỉ đạo đã tổ chức 3 đợt hiến máu, vận động 1.250 lượt người tham gia, tiếp nhận
980/900 đơn vị máu, đạt 108,9% kế hoạch.

- Đợt 3: tiếp nhận 210/200 đơn vị máu với khoảng 260 lượt người tham gia.

Khen thưởng: Kỷ niệm chương của Trung ương Hội CTĐ Việt Nam cho 2 cá nhân; Giấy khen của UBND huyện cho
4 tập thể, 12 cá nhân.

Tổng kinh phí hỗ trợ: 12.500.000 đồng.

12/14 xã, thị trấn đã thành lập Câu lạc bộ; toàn huyện có 03 CLB với 85 thành viên. Phát 1.200 tờ rơi, 20 pa nô.

II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2020

Thực hiện Quyết định số 1234/QĐ-UBND ngày 5/3/2020 của UBND tỉnh Điện Biên, huyện được giao chỉ tiêu
1.000 đơn vị máu, tổ chức 3 đợt hiến máu.

+ Đợt 1 dự kiến tổ chức ngày 14/6 hưởng ứng “Ngày Thế giới tôn vinh người hiến máu” với chỉ tiêu giao
300 đơn vị máu.

TM. BAN CHỈ ĐẠO
TRƯỞNG BAN

Lò Văn Thắng
"""


def test_identity_of_a_new_report():
    doc = extract(SIN_HO)
    m = vars(doc.identity)
    assert (m["number"], m["symbol"], m["type"], m["type_code"]) == (45, "45/BC-BCĐ", "Báo cáo", "BC")
    assert (m["date"], m["place"], m["report_year"]) == ("2019-12-05", "Sìn Hồ", 2019)
    assert m["issuer"] == "BCĐ VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN"
    assert one(doc, "issuer").attrs["parent"] == "ỦY BAN NHÂN DÂN HUYỆN SÌN HỒ"
    assert m["title"].startswith("Kết quả công tác vận động hiến máu")
    assert (m["signatory_name"], m["signatory_title"]) == ("Lò Văn Thắng", "TRƯỞNG BAN")


def test_year_totals_drives_and_plan():
    doc = extract(SIN_HO)
    rec = one(doc, "units_received", drive_no=None, plan=False)
    assert (rec.value, rec.attrs["year"], rec.span.raw) == (980, 2019, "980")
    assert rec.span.line == 11  # the value's digits are on the line after the sentence start
    assert one(doc, "units_quota", drive_no=None, plan=False).value == 900
    assert one(doc, "participants", drive_no=None).value == 1250
    assert one(doc, "percent_of_plan").value == 108.9
    assert one(doc, "drive_count", plan=False).value == 3
    d3 = one(doc, "participants", drive_no=3)
    assert (d3.value, d3.qualifier, d3.high) == (260, "approx", 260)
    assert one(doc, "units_received", drive_no=3).value == 210
    plan_total = one(doc, "units_quota", plan=True, drive_no=None)
    assert (plan_total.value, plan_total.attrs["year"]) == (1000, 2020)
    assert one(doc, "units_quota", plan=True, drive_no=1).value == 300
    date = one(doc, "drive_date", drive_no=1)
    assert (date.value, date.attrs["status"]) == ("2020-06-14", "planned")  # year-less date: the section's year
    assert one(doc, "drive_campaign", drive_no=1).value == "Ngày Thế giới tôn vinh người hiến máu"


def test_awards_money_coverage_and_reference():
    doc = extract(SIN_HO)
    kc = one(doc, "award_count", award_form="Kỷ niệm chương")
    assert (kc.value, kc.attrs["award_issuer"], kc.attrs["recipient_type"]) == (2, "Trung ương Hội CTĐ Việt Nam", "cá nhân")
    gk = find(doc, "award_count", award_form="Giấy khen")
    assert sorted((f.attrs["recipient_type"], f.value) for f in gk) == [("cá nhân", 12), ("tập thể", 4)]
    assert all(f.attrs["level"] == "district" for f in gk)
    money = one(doc, "money")
    assert (money.value, money.unit, money.attrs["purpose"]) == (12500000, "VND", "hỗ trợ")
    cov = one(doc, "coverage")
    assert (cov.value, cov.attrs["total"], cov.attrs["unit_kind"]) == (12, 14, "xã, thị trấn")
    assert one(doc, "club_count").value == 3
    assert one(doc, "club_members").value == 85
    assert {(f.attrs["item"], f.value) for f in find(doc, "material_count")} == {("tờ rơi", 1200), ("pa nô", 20)}
    ref = one(doc, "reference")
    assert ref.value == "1234/QĐ-UBND"
    assert ref.attrs["date"] == "2020-03-05" and ref.attrs["issuer"] == "UBND tỉnh Điện Biên"
    assert ref.attrs["doc_type"] == "Quyết định"


OCR_PLAN = """UBND HUYEN PHONG THO CONG HOA XA HOI CHU NGHIA VIET NAM
BCD VDHMTN HUYEN Poc 1ap - Tw do - Hanh phic
S6:57/KH-BCD Phong Thé, ngay 14 thang 3 nam 2021
KE HOACH
T6 chirc hién mau tinh nguyén nam 2021

- Pot 1: du kién t6 chirc ngay 20/4/2021, chi tiéu giao 150 don vi méu.

- Pot 2: du kién t6 chirc ngay 09/10/2021 hudng Gng “Chu nhat do”, chi tiéu giao 200 don vi mau.

Nam 2020 tiép nhan duoc trén 320 don vi mau, vuotl07% ké hoach, vi 13/16 x4 tham gia.
"""


def test_ocr_broken_plan():
    doc = extract(OCR_PLAN)
    m = vars(doc.identity)
    assert (m["number"], m["type_code"], m["issuer_body_code"], m["date"]) == (57, "KH", "BCĐ", "2021-03-14")
    assert m["type"] == "Kế hoạch" and m["report_year"] == 2021
    q1, q2 = one(doc, "units_quota", drive_no=1), one(doc, "units_quota", drive_no=2)
    assert (q1.value, q1.attrs["plan"], q2.value) == (150, True, 200)
    assert one(doc, "drive_date", drive_no=2).value == "2021-10-09"
    assert one(doc, "drive_campaign", drive_no=2).span.raw == "Chu nhat do"
    pct = one(doc, "percent_of_plan")
    assert (pct.value, pct.span.raw) == (107.0, "l07%")
    assert pct.confidence < 1.0  # matched only after OCR repairs
    cov = one(doc, "coverage")
    assert (cov.value, cov.attrs["total"]) == (13, 16)


def test_unrelated_numbers_are_not_figures():
    doc = extract("Trước ngày 10 tháng 11 hằng năm, 25 cơ quan báo cáo về 3 nội dung.\n")
    kinds = {f.kind for f in doc.figures}
    assert not kinds & {"units_received", "units_quota", "participants", "award_count", "award_total", "money"}


def test_figure_ids_are_unique_and_spans_point_at_the_value():
    doc = extract(SIN_HO)
    ids = [f.id for f in doc.figures]
    assert len(ids) == len(set(ids))
    lines = SIN_HO.split("\n")
    for f in doc.figures:
        assert lines[f.span.line - 1][f.span.start : f.span.end] == f.span.raw


MUONG_TE = """BÁO CÁO
Tổng kết công tác hiến máu năm 2022

Trong năm huyện Mường Tè vận động hơn 2.000 người tham gia, tiếp nhận 850 đơn vị máu (đạt 106% chỉ tiêu).

Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể và 10 cá nhân, tổng giá trị khen thưởng 25 triệu đồng.
"""


def test_other_wordings():
    doc = extract(MUONG_TE)
    p = one(doc, "participants")
    assert (p.value, p.qualifier, p.low, p.attrs["year"]) == (2000, "over", 2000, 2022)
    assert one(doc, "units_received").value == 850
    assert one(doc, "percent_of_plan").value == 106.0
    awards = find(doc, "award_count", award_issuer="UBND tỉnh", award_form="Bằng khen")
    assert sorted((f.attrs["recipient_type"], f.value) for f in awards) == [("cá nhân", 10), ("tập thể", 5)]
    money = one(doc, "money")
    assert (money.value, money.span.raw, money.attrs["purpose"]) == (25_000_000, "25 triệu", "khen thưởng")


def test_drives_and_years_named_inside_one_paragraph():
    doc = extract(
        "BÁO CÁO\nKết quả hiến máu năm 2021\n\n"
        "Đợt 1 (tháng 6) tiếp nhận 300/250 đơn vị máu; đợt 2 (tháng 12) tiếp nhận 350/300 đơn vị máu; "
        "tổng cộng cả năm tiếp nhận 650/550 đơn vị máu. Năm 2020 tiếp nhận 600 đơn vị máu.\n"
    )
    got = sorted((f.attrs["drive_no"] or 0, f.attrs["year"], f.value) for f in find(doc, "units_received"))
    assert got == [(0, 2020, 600), (0, 2021, 650), (1, 2021, 300), (2, 2021, 350)]


def test_references_with_a_year_in_the_symbol():
    doc = extract("Căn cứ Nghị định số 43/2021/NĐ-CP ngày 31 tháng 3 năm 2021 của Chính phủ; "
                  "Thông tư số 05/2017/TT-BYT ngày 14/4/2017 của Bộ Y tế;\n")
    refs = {f.value: f.attrs for f in find(doc, "reference")}
    assert refs["43/2021/NĐ-CP"]["date"] == "2021-03-31" and refs["43/2021/NĐ-CP"]["doc_type"] == "Nghị định"
    assert doc.identity.date is None  # no place-date line here
    assert refs["05/2017/TT-BYT"]["date"] == "2017-04-14"


def test_a_reference_of_every_document_type_the_identity_knows():
    doc = extract("Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 45/TTr-NV ngày 05/6/2024;\n")
    refs = {f.value: f.attrs for f in find(doc, "reference")}
    assert refs["45/TTr-NV"]["doc_type"] == "Tờ trình" and refs["45/TTr-NV"]["date"] == "2024-06-05"


def test_header_in_separate_lines_as_tesseract_gives_it():
    doc = extract(
        "UBND TỈNH LAI CHÂU\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 2020/KH-STTTT\nLai Châu, ngày 16 tháng 9 năm 2024\n\n"
        "KẾ HOẠCH\nTuyên truyền, vận động hiến máu tình nguyện năm 2025\n"
    )
    m = vars(doc.identity)
    assert (m["issuer"], m["symbol"], m["date"], m["place"]) == (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "2020/KH-STTTT", "2024-09-16", "Lai Châu")
    assert one(doc, "issuer").attrs["parent"] == "UBND TỈNH LAI CHÂU"
    assert (m["type"], m["report_year"]) == ("Kế hoạch", 2025)


def test_symbol_glued_to_the_next_word():
    doc = extract("Thực hiện Kế hoạch số 3653/KH-UBNDngày 13/9/2024 của UBND tỉnh Lai Châu.\n")
    ref = one(doc, "reference")
    assert (ref.value, ref.span.raw, ref.attrs["date"]) == ("3653/KH-UBND", "3653/KH-UBND", "2024-09-13")


AWARD_TABLE = """UBND TỈNH ĐIỆN BIÊN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BCĐ VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN      Độc lập - Tự do - Hạnh phúc
Số: 12/BC-BCĐ      Điện Biên, ngày 20 tháng 6 năm 2021

BÁO CÁO
Kết quả tôn vinh người hiến máu tình nguyện năm 2021

2. Cấp huyện

Các huyện đã tổ chức tôn vinh, tặng Giấy khen của Ủy ban nhân dân cấp huyện cho 9 tập thể, 31 cá nhân. Chi tiết như sau:

Đơn vị tính: tập thể, cá nhân
STT   Đơn vị              Tập thể   Cá nhân
1     Huyện Mường Nhé           5        12
2     Huyện Tủa Chùa            4        20
      Tổng cộng                 9        32
"""


def test_awards_broken_down_in_a_table_are_counts_under_the_sentence_total():
    doc = extract(AWARD_TABLE)
    total = one(doc, "award_total", recipient_type="cá nhân")
    assert total.value == 31 and total.attrs["level"] == "district" and total.span.raw == "31"
    rows = find(doc, "award_count", recipient_type="cá nhân")
    assert sorted(f.value for f in rows) == [12, 20]
    assert {f.attrs["level"] for f in rows} == {"district"} and {f.attrs["table"] for f in rows} == {"t1"}
    assert [f.span.raw for f in sorted(rows, key=lambda f: f.value)] == ["12", "20"]
    assert sorted(f.value for f in find(doc, "award_count", recipient_type="tập thể")) == [4, 5]


def test_a_table_total_that_disagrees_with_its_sentence_is_found():
    from pipeline.audit.engine import audit_document
    findings = audit_document(extract(AWARD_TABLE))
    by_code = {(f.code, f.claimed): f.status for f in findings}
    assert by_code[("A201", 9.0)] == "ok"  # tập thể: 5 + 4
    assert by_code[("A201", 31.0)] == "mismatch"  # cá nhân: 12 + 20 = 32


PLAN_DRIVES = """UBND HUYỆN MƯỜNG TÈ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BCĐ VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN      Độc lập - Tự do - Hạnh phúc
Số: 7/KH-BCĐ      Mường Tè, ngày 10 tháng 1 năm 2025

KẾ HOẠCH
Tổ chức hiến máu tình nguyện năm 2025

Năm 2025 phấn đấu tiếp nhận 300 đơn vị máu, tổ chức 2 đợt hiến máu:
+ Đợt 1 (20/4/2025), hưởng ứng “Ngày Toàn dân hiến máu tình nguyện”: chỉ tiêu 140 đơn vị máu;
+ Đợt 2: 9-10/10/2025, chương trình “Hành trình Đỏ”: chỉ tiêu 160 đơn vị máu.
"""


def test_a_date_right_after_a_drive_label_is_its_date_and_a_run_of_days_starts_on_the_first():
    doc = extract(PLAN_DRIVES)
    dates = {f.attrs["drive_no"]: f for f in find(doc, "drive_date")}
    assert dates[1].value == "2025-04-20" and dates[1].span.raw == "20/4/2025"
    assert dates[2].value == "2025-10-09" and dates[2].span.raw == "9-10/10/2025"
    assert {f.attrs["status"] for f in dates.values()} == {"planned"}


AWARD_LEVELS = """UBND TỈNH HÀ NAM      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BCĐ VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN      Độc lập - Tự do - Hạnh phúc
Số: 30/BC-BCĐ      Phủ Lý, ngày 20 tháng 7 năm 2023

BÁO CÁO
Kết quả tôn vinh người hiến máu tình nguyện năm 2023

Cấp tỉnh

Tại Lễ tôn vinh cấp tỉnh có 9 tập thể, 30 cá nhân được khen thưởng, cụ thể theo cấp khen:

- Ủy ban nhân dân tỉnh: Bằng khen cho 04 tập thể, 10 cá nhân;

- Tỉnh Đoàn Hà Nam: Bằng khen cho 05 tập thể, 20 cá nhân.
"""


def test_award_levels_from_a_heading_alone_and_from_the_total_that_lists_them():
    doc = extract(AWARD_LEVELS)
    assert one(doc, "award_total", recipient_type="cá nhân").attrs["level"] == "province"
    # an issuer the list of issuers does not know: the level of the total above the list
    listed = one(doc, "award_count", recipient_type="cá nhân", award_issuer="Tỉnh Đoàn Hà Nam")
    assert listed.attrs["level"] == "province"


def test_a_level_named_in_the_clause_when_no_heading_gives_one():
    doc = extract(AWARD_LEVELS.replace("Cấp tỉnh\n\n", ""))
    assert one(doc, "award_total", recipient_type="tập thể").attrs["level"] == "province"


def test_a_date_that_lost_a_slash_is_no_coverage():
    body = "Đến nay đã thành lập câu lạc bộ hiến máu ở {} xã, thị trấn của huyện hiến máu tình nguyện."
    assert [f.value for f in find(extract(body.format("12/14")), "coverage")] == [12]
    assert find(extract(body.format("22/112024")), "coverage") == []


DRIVE_TABLE_NO_YEAR = """Các đợt hiến máu tập trung dự kiến như sau:

Đợt   Thời gian dự kiến   Địa điểm                 Chỉ tiêu (đơn vị máu)
1     08/3/2026           Thị trấn Mường Tè        130
2     14/6/2026           Xã Bum Nưa               140
"""


def test_a_drive_table_row_takes_its_year_from_its_date_when_the_text_names_none():
    doc = extract(DRIVE_TABLE_NO_YEAR)
    quotas = find(doc, "units_quota")
    assert sorted((f.attrs["drive_no"], f.attrs["year"], f.value) for f in quotas) == [(1, 2026, 130), (2, 2026, 140)]


def test_a_unit_singled_out_is_a_part_even_when_the_letterhead_was_not_read():
    doc = extract("Năm 2023 toàn huyện tiếp nhận 486 đơn vị máu hiến máu tình nguyện; riêng xã Pa Ủ mới tiếp nhận "
                  "14/15 đơn vị máu.\nTại xã Bum Nưa tiếp nhận 30 đơn vị máu.")
    received = {f.value: f.attrs.get("about") for f in find(doc, "units_received")}
    assert received[486] is None and received[14] == "xã Pa Ủ"
    assert received[30] is None  # where, not a part singled out: the document's level is unknown


def test_a_date_year_one_digit_off_the_report_year_is_a_misread():
    doc = extract(SIN_HO.replace("ngày 05 tháng 12 năm 2019", "ngày 05 tháng 12 năm 2049"))
    date = one(doc, "doc_date")
    assert date.value == "2019-12-05" and date.attrs["year_read"] == 2049 and date.confidence <= 0.6
    assert doc.identity.date == "2019-12-05"
    assert extract(SIN_HO.replace("năm 2019\n", "năm 2020\n", 1)).identity.date == "2020-12-05"  # the next year: as read


def test_ocr_dust_at_a_line_break_inside_a_sentence_does_not_hide_a_figure():
    doc = extract("Năm 2023 toàn huyện tổ chức 6 đợt hiến máu, tiếp nhận 6.482 -\nđơn vị máu.\n"
                  "Tặng Giấy khen của Chủ tịch UBND huyện cho 07 tập\n.thể, 26 cá nhân; mỗi cá nhân được thưởng 702.000\n"
                  "- đồng.\n- Tổ chức 3 đợt tuyên truyền.")
    assert [f.value for f in find(doc, "units_received")] == [6482]
    assert sorted(f.value for f in find(doc, "award_count")) == [7, 26]
    assert [f.value for f in find(doc, "money")] == [702000]
    assert one(doc, "units_received").span.raw == "6.482"


def test_a_figure_with_a_letter_stuck_to_its_front_is_doubtful():
    doc = extract(SIN_HO.replace("vận động 1.250 lượt", "vận động B250 lượt"))
    p = one(doc, "participants", drive_no=None)
    assert p.value == 250 and p.confidence < 0.5  # "B250": a digit of 1.250 may be lost in the B
    assert one(doc, "participants", drive_no=3).confidence == 1.0


SIX_MONTHS = """ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BCĐ VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN      Độc lập - Tự do - Hạnh phúc
Số: 18/BC-BCĐ      Tam Đường, ngày 25 tháng 6 năm 2022

BÁO CÁO
Sơ kết công tác vận động hiến máu tình nguyện 6 tháng đầu năm 2022

I. KẾT QUẢ

Ban Chỉ đạo đã tổ chức hai đợt hiến máu: đợt thứ nhất ngày 18/3/2022 tại thị trấn Tam Đường, đợt thứ hai ngày
10/6/2022 tại xã Bình Lư.

II. NHIỆM VỤ 6 THÁNG CUỐI NĂM

1. Tổ chức một đợt hiến máu tập trung hưởng ứng “Hành trình Đỏ” vào tháng 9, dự kiến ngày 16/9/2022 tại xã Bản Bo.
2. Tổ chức một đợt tuyên truyền, dự kiến ngày 02/9/2022.
"""


def test_the_one_drive_a_report_plans_after_its_numbered_drives_is_the_next_one():
    doc = extract(SIX_MONTHS)
    dates = {f.attrs["drive_no"]: f for f in find(doc, "drive_date")}
    assert dates[1].value == "2022-03-18" and dates[2].value == "2022-06-10"
    third = dates[3]
    assert third.value == "2022-09-16" and third.attrs["status"] == "planned" and third.span.raw == "16/9/2022"
    assert third.confidence < 1 and len(dates) == 3  # the drive of propaganda ("đợt tuyên truyền") is none
    # with no drive of the year before it, its number is not guessed
    alone = extract(SIX_MONTHS.replace("Ban Chỉ đạo đã tổ chức hai đợt hiến máu: đợt thứ nhất ngày 18/3/2022 tại thị "
                                       "trấn Tam Đường, đợt thứ hai ngày\n10/6/2022 tại xã Bình Lư.", "Không có đợt nào."))
    assert not find(alone, "drive_date")
