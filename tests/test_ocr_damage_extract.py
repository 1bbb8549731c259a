"""Extraction from text OCR damaged: marks OCR put in or took out around the figures. Text written for the test."""

from tests.test_tables import HEAD, run


def figures(body: str, prefix: str):
    doc = run(HEAD + body + "\n")
    return [(f.kind, f.value, f.attrs.get("drive_no")) for f in doc.figures if f.kind.startswith(prefix)]


def test_a_slash_read_as_a_dash_between_two_counts_going_down_is_the_pair():
    assert figures("Năm 2022 toàn huyện tiếp nhận 440-400 đơn vị máu, đạt 110% kế hoạch.", "units") == [
        ("units_received", 440, None), ("units_quota", 400, None)]
    # going up, it is a range: not a pair
    assert ("units_quota", 200, None) not in figures("Mỗi đợt tiếp nhận 200-250 đơn vị máu.", "units")


def test_a_question_mark_glued_to_an_ordinal_word():
    got = figures("Năm 2022 tổ chức hai đợt lấy máu: đợt thứ? nhất ngày 23/02/2022 tại xã Bum Nưa; "
                  "đợt thứ? hai ngày 12/6/2022 tại xã Ka Lăng.", "drive_date")
    assert got == [("drive_date", "2022-02-23", 1), ("drive_date", "2022-06-12", 2)]


def test_a_dot_ocr_put_between_two_words():
    assert figures("Năm 2024 có sáu mươi hai lượt.người đến đăng ký hiến máu, tiếp nhận 45 đơn vị máu.",
                   "participants") == [("participants", 62, None)]


def test_a_dash_ocr_glued_between_a_count_and_its_word():
    got = figures("Năm 2022 Ban Chỉ đạo đã khen thưởng 31 tập thể, 187-cá nhân có thành tích xuất sắc.", "award")
    assert ("award_total", 187) in [(k, v) for k, v, _ in got] and ("award_total", 31) in [(k, v) for k, v, _ in got]


def test_a_title_line_that_starts_with_a_mark_ocr_left_goes_on_the_title():
    from tests.test_tables import run
    doc = run("ỦY BAN NHÂN DÂN\nHUYỆN SI MA CAI\n\nSố: 15/KH-UBND            Si Ma Cai, ngày 25 tháng 01 năm 2024\n\n"
              "KẾ HOẠCH\nTuyên truyền, vận động hiến máu tình nguyện\n- trên địa bàn huyện Si Ma Cai năm 2024\n\n"
              "Căn cứ kết quả năm trước, Ủy ban nhân dân huyện ban hành kế hoạch.\n")
    assert doc.identity.report_year == 2024 and doc.identity.title.endswith("năm 2024")


def test_a_percent_sign_read_as_nine_when_the_sentence_s_pair_gives_that_rate():
    got = figures("Năm 2022 xã tiếp nhận 45 đơn vị máu, vượt chỉ tiêu 40 đơn vị máu, đạt 112,59.", "percent")
    assert got == [("percent_of_plan", 112.5, None)]
    # no pair gives 99 or 112,5: nothing is made of it
    assert figures("Năm 2022 xã tiếp nhận 45 đơn vị máu, vượt chỉ tiêu 41 đơn vị máu, đạt 112,59.", "percent") == []


def test_dust_ocr_put_inside_don_vi_mau_at_a_line_break():
    got = figures("Năm 2022 tổ chức 2 đợt hiến máu, tiếp nhận 671/550 đơn vị:\n- máu vượt 122% kế hoạch tỉnh giao.", "units")
    assert [(k, v) for k, v, _ in got] == [("units_received", 671), ("units_quota", 550)]


def test_what_each_recipient_gets_in_brackets_after_a_total_is_no_part_of_it():
    from tests.test_tables import HEAD, run
    doc = run(HEAD + "UBND huyện tặng Giấy khen cho 12 tập thể, 40 cá nhân với tổng số tiền 13.000.000 đồng (mỗi tập thể "
                     "500.000 đồng, mỗi cá nhân 175.000 đồng).\n")
    money = {f.value: f.attrs for f in doc.figures if f.kind == "money"}
    assert money[13000000]["what"] == "total" and "part_of" not in money[500000] and "what" not in money[500000]
    assert {f.code: f.status for f in doc.findings if f.code in ("A302", "A303")} == {"A303": "ok"}  # 12 x 500.000 + 40 x 175.000


def test_a_drive_numbered_with_an_l_and_amounts_ocr_split_or_whose_dong_it_garbled():
    assert figures("Đợt L có 298 lượt người tham gia, đợt 2 có 330 lượt người tham gia hiến máu.", "participants") == [
        ("participants", 298, 1), ("participants", 330, 2)]
    from tests.test_tables import HEAD, run
    for text in ("Kinh phí hỗ trợ: 18.000. 000 đồng; kinh phí tuyên truyền 4.500.000 đồng. Tổng cộng: 22.000. 000 đồng.",
                 "Kinh phí hỗ trợ: 18.000.000 đồng; kinh phí tuyên truyền 4.500.000 đồng. Tổng cộng: 22.000.000 dùng."):
        doc = run(HEAD + text + "\n")
        assert sorted(f.value for f in doc.figures if f.kind == "money") == [4_500_000, 18_000_000, 22_000_000], text
        assert [f.status for f in doc.findings if f.rule == "money_breakdown"] == ["mismatch"]


def test_blood_misread_after_don_vi_is_still_blood():
    assert figures("Năm 2022 toàn huyện tiếp nhận 935 dơn vị mát, tăng 75 đơn vị so với năm 2021.", "units") == [
        ("units_received", 935, None), ("units_change", 75, None)]  # the rise is a change, no units received


def test_a_figure_ocr_read_with_little_confidence_makes_its_checks_unverifiable():
    from pipeline import audit, contract
    from pipeline.context import Context
    from pipeline.extract import run as extract
    from pipeline.inputs.text import pages_from_text
    from pipeline.model import Document, Word

    body = HEAD + "Năm 2022 toàn huyện tiếp nhận 4400 đơn vị máu, đạt 110% kế hoạch (400 đơn vị).\n"

    def read(conf):
        doc = Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=pages_from_text(body))
        for page in doc.pages:
            for line in page.lines:
                line.words = [Word(m.group(), None, conf if m.group() == "4400" else 96.0, m.start(), m.end())
                              for m in __import__("re").finditer(r"\S+", line.text)]
        return contract.check(audit.run(contract.check(extract(doc, Context()), "extract")), "audit")

    sure, doubtful = read(91.0), read(23.0)
    assert [f.status for f in sure.findings if f.code == "A104"] == ["mismatch"]
    [fig] = [f for f in doubtful.figures if f.kind == "units_received"]
    assert fig.value == 4400 and fig.confidence < 0.5
    assert [f.status for f in doubtful.findings if f.code == "A104"] == ["unverifiable"]


def test_ocr_marks_before_a_drive_item_a_dot_before_what_a_count_counts_and_a_word_read_as_a_number():
    got = figures("Năm 2022 huyện tổ chức 02 đợt, tiếp nhận 100 đơn vị máu:\n- Đợt 1, ngày 10/3/2022: tiếp nhận 60 đơn "
                  "vị máu.\n~ Đợt 2, ngày 14/6/2022: tiếp nhận 40 đơn vị máu.", "units_received")
    assert sorted(got) == [("units_received", 40, 2), ("units_received", 60, 1), ("units_received", 100, None)]
    awards = figures("Năm 2022 UBND tỉnh tặng Bằng khen cho 02 tập thể, 03.cá nhân.", "award_count")
    assert sorted(v for _, v, _ in awards) == [2, 3]
    # "Số người hiến máu thành công là 578 người" with "là" read as 14: no count of 14 donors
    steps = figures("Năm 2022 có 661 người đăng ký; 83 người tạm hoãn. Số người hiến máu thành công 14 578 người.",
                    "screening")
    assert sorted(v for _, v, _ in steps) == [83, 661]


def test_old_ocr_m_printed_rn_a_type_word_split_by_a_mark_and_the_same_period_glued():
    from pipeline.restore.channel import LOOKALIKES

    assert LOOKALIKES["rn"] == "m"
    text = ("UBND HUYEN TAN UYEN\nBAN CHI DAO\n\nSo: 21/BC-BCD            Tan Uyen, ngay 21 thang 6 nam 2021\n\nBAO; CAO\n"
            "Ket qua hien mau tinh nguyen 6 thang dau narn 2021\n\n"
            "Tong so don vi mau tiep nhan la 318 don vi, dat 51,3% ke hoach nam. So voi cungky narn 2020 (276 don vi), "
            "tang 42 don vi, tuong duong {pct}%.\n")
    doc = restored_run(text.format(pct="15,2"))
    assert doc.identity.type == "Báo cáo" and doc.identity.report_year == 2021
    assert [(f.code, f.status) for f in doc.findings if f.code == "A109"] == [("A109", "ok"), ("A109", "ok")]
    assert "mismatch" in {f.status for f in restored_run(text.format(pct="12,5")).findings if f.code == "A109"}


def restored_run(text: str):
    """Restoration, extraction and audit, as the runner chains them."""
    from pipeline import audit, contract, restore
    from pipeline.context import Context
    from pipeline.extract import run as extract
    from pipeline.inputs.text import pages_from_text
    from pipeline.model import Document

    doc = Document(doc_id="t", path="t.txt", sha256="", kind="txt", pages=pages_from_text(text))
    doc = contract.check(restore.run(doc, Context()), "restore")
    return audit.run(contract.check(extract(doc, Context()), "extract"))


def test_an_attached_list_written_in_lines_under_its_type_heading_is_counted():
    text = ("Điều 1. Tặng Giấy khen của Chủ tịch UBND huyện cho {n} tập thể đã có thành tích xuất sắc trong phong trào "
            "hiến máu tình nguyện (có danh sách kèm theo).\n\nDANH SÁCH KÈM THEO QUYẾT ĐỊNH\n\nI. TẬP THỂ\n\n"
            "1. Trường THPT Than Uyên;\n2. Hội Chữ thập đỏ xã Mường Kim;\n3. Công an huyện Than Uyên;\n"
            "4. Đoàn Thanh niên thị trấn Than Uyên.\n")
    assert [(f.status, f.computed) for f in run(HEAD + text.format(n="04")).findings if f.code == "A205"] == [("ok", 4)]
    assert [f.status for f in run(HEAD + text.format(n="05")).findings if f.code == "A205"] == ["mismatch"]


def test_a_pair_whose_slash_ocr_lost_is_cut_where_its_rate_says():
    doc = run(HEAD + "Năm 2022 toàn huyện tiếp nhận 326300 đơn vị máu, đạt 108,7% kế hoạch tỉnh giao.\n")
    units = {f.kind: f for f in doc.figures if f.kind.startswith("units")}
    assert {k: f.value for k, f in units.items()} == {"units_received": 326, "units_quota": 300}
    assert units["units_received"].span.raw == "326" and units["units_quota"].span.raw == "300"
    assert all(f.confidence < 1 for f in units.values())  # cut by the rate: the rate cannot check them
    # a number that no cut makes the rate, or a grouped one: a number of units as written
    got = figures("Năm 2022 toàn huyện tiếp nhận 1540 đơn vị máu, đạt 110% kế hoạch tỉnh giao.", "units")
    assert [v for _, v, _ in got] == [1540]
    got = figures("Năm 2022 toàn tỉnh tiếp nhận 4.400 đơn vị máu, đạt 110% kế hoạch tỉnh giao.", "units")
    assert [v for _, v, _ in got] == [4400]


PLAN_HEAD = ("UBND HUYỆN SÌN HỒ\nBAN CHỈ ĐẠO VẬN ĐỘNG\nHIẾN MÁU TÌNH NGUYỆN\n\nSố: 09/KH-BCĐ            Sìn Hồ, ngày 20 tháng 12 "
             "năm 2022\n\nKẾ HOẠCH\nVận động hiến máu tình nguyện năm 2023\n\n")


def _drive_dates(text: str) -> dict:
    return {f.attrs.get("drive_no"): (f.value, f.attrs.get("year_read"), f.confidence)
            for f in run(text).figures if f.kind == "drive_date"}


def test_a_planned_drive_dated_before_its_plan_one_digit_off_its_sentence_s_year_is_a_misread():
    sentence = ("Năm 2023 tổ chức 3 đợt hiến máu: đợt 1 ngày 15/3/2023; đợt 2 ngày 12/7/{}; đợt 3 ngày 03/12/2023, "
                "mỗi đợt tiếp nhận 100 đơn vị máu.\n")
    got = _drive_dates(PLAN_HEAD + sentence.format(2022))
    assert got[2][:2] == ("2023-07-12", 2022) and got[2][2] < 1 and got[1] == ("2023-03-15", None, 1.0)
    assert _drive_dates(PLAN_HEAD + sentence.format(2023))[2] == ("2023-07-12", None, 1.0)
    # after the plan was signed, a year as read is no contradiction: it stays
    assert _drive_dates(PLAN_HEAD + sentence.format(2024))[2][:2] == ("2024-07-12", None)


def test_a_quota_whose_last_word_ocr_lost_before_a_heading_is_still_a_quota():
    text = (PLAN_HEAD + "1. Chỉ tiêu\nNăm 2023, Ban Chỉ đạo huyện phấn đấu tiếp nhận 390 đơn vị máu, tổ chức 02 đợt:\n"
            "+ Đợt 1 (16/5/2023): chỉ tiêu\n180 đơn vị máu;\n+ Đợt 2 (24/11/2023): chỉ tiêu 210 đơn vị\n"
            "2. Nhiệm vụ, giải pháp\n- Duy trì nhóm người hiến máu dự bị ở các xã.\n")
    got = {(f.value, f.attrs.get("drive_no")) for f in run(text).figures if f.kind == "units_quota"}
    assert got == {(390, None), (180, 1), (210, 2)}
    # organisations a paragraph ends on are no blood
    text = PLAN_HEAD + "Năm 2023 có 14 cơ quan đăng ký; đã ký cam kết 12 đơn vị\n2. Nhiệm vụ\n- Tuyên truyền.\n"
    assert not [f for f in run(text).figures if f.kind.startswith("units")]


def test_a_rate_whose_percent_sign_ocr_read_as_nine_is_the_one_drive_s_rate_in_a_report_on_one_drive():
    text = ("UBND XÃ NẬM TĂM\n\nSố: 21/BC-UBND            Nậm Tăm, ngày 20 tháng 5 năm 2022\n\nBÁO CÁO\n"
            "Kết quả tổ chức Ngày hội hiến máu tình nguyện tại xã Nậm Tăm năm 2022\n\n"
            "Ngày hội diễn ra vào sáng ngày 12/5/2022 tại Hội trường xã. Ban tổ chức đã tiếp nhận 63 đơn vị máu, "
            "vượt chỉ tiêu 60 đơn vị máu mà huyện giao cho xã, đạt 105,09.\n")
    rates = {(f.value, f.attrs.get("drive_no")) for f in run(text).figures if f.kind == "percent_of_plan"}
    assert rates == {(105.0, None), (105.0, 1)}
