"""Page furniture (a fax machine's transmission line, the printed page number) is kept out of the document's
text and kept on the page."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.context import OCRSettings
from pipeline.ocr import furniture
from pipeline.ocr.tesseract import TWord
from training.render import font_path

PAGE_H, PAGE_W = 3500, 2480


def _row(texts, top, height=30, x=300, block=1):
    words = []
    for t in texts:
        words.append(TWord(t, x, top, 18 * len(t), height, 90.0, block, 1, 1))
        x += 18 * len(t) + 25
    return words


def _body(top=400, rows=12):
    words = []
    for i in range(rows):
        words += _row(["Ban", "Chỉ", "đạo", "huyện", "đã", "ban", "hành", "Kế", "hoạch"], top + 60 * i, 40, block=2 + i)
    return words


@pytest.mark.parametrize("text", [
    "30/11/2022 12:42 FAX 02133887440 HIEN MAU TINH NGUYEN P.001/002",
    "k+/ TY HIEN MAU TINH NGUYEN P.Đ01⁄002",  # OCR lost the date and number, the counter's 0 read as Đ
    "APR-15-2024 08:16 FROM 0213 3898 716",
    "Fax 0912345678 Phòng Y tế",
])
def test_a_transmission_row_at_the_top_leaves_the_text(text):
    row = _row(text.split(), top=120)
    kept, got = furniture.split(row + _body(), PAGE_H, PAGE_W)
    found = got.transmission
    assert found == text
    assert all(w.top >= 400 for w in kept) and len(kept) == len(_body())


def test_at_the_papers_very_edge_the_machines_number_is_enough():
    # OCR lost FAX, the clock and the counter; the row touches the paper's edge, where no typist prints
    row = _row("TÀI U/133856037 HIEN MAU TINH NGUYEN".split(), top=5)
    kept, got = furniture.split(row + _body(), PAGE_H, PAGE_W)
    found = got.transmission
    assert found and found.startswith("TÀI") and len(kept) == len(_body())


def test_a_transmission_row_at_the_foot_too():
    row = _row("15/04/2024 08:16 FAX 02133898716 P.002/002".split(), top=PAGE_H - 150)
    kept, got = furniture.split(_body() + row, PAGE_H, PAGE_W)
    found = got.transmission
    assert found.endswith("P.002/002") and len(kept) == len(_body())


@pytest.mark.parametrize("text", [
    "UBND TỈNH LAI CHÂU",  # a header's first line says nothing of a machine
    "Số: 12/BC-BCĐ ngày 20/02/2023",  # a number and a date, no clock, no long number
    "Điện thoại 02133887440",  # a phone number alone
])
def test_the_documents_own_first_line_stays(text):
    row = _row(text.split(), top=120)
    kept, got = furniture.split(row + _body(), PAGE_H, PAGE_W)
    found = got.transmission
    assert found is None and len(kept) == len(row) + len(_body())


def test_a_counter_in_the_body_or_close_above_it_stays():
    # not at the page's edge: the first line of text sits in the middle of the page
    row = _row("FAX 02133887440 P.001/002".split(), top=1500)
    kept, got = furniture.split(row + _body(top=1560), PAGE_H, PAGE_W)
    found = got.transmission
    assert found is None
    # at the edge, but no blank strip between it and the text under it: part of the text
    row = _row("FAX 02133887440 P.001/002".split(), top=120)
    kept, got = furniture.split(row + _body(top=165), PAGE_H, PAGE_W)
    found = got.transmission
    assert found is None


@pytest.mark.slow
def test_a_rendered_fax_page_reads_without_its_transmission_line():
    """Real Tesseract on a rendered page: the machine's monospaced line at the top goes to
    ``info["transmission"]``; the report's lines are read as before."""
    from pipeline.ocr import ocr_array

    w, h = 1700, 2200
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    mono = ImageFont.truetype(str(font_path("").parent / "LiberationMono-Regular.ttf"), 26)
    serif = ImageFont.truetype(str(font_path("")), 40)
    draw.text((90, 40), "30/11/2022 12:42  FAX 02133887440   UBND XA TA BA       P.001/002", font=mono, fill=0)
    body = ["ỦY BAN NHÂN DÂN XÃ TÁ BẠ", "BÁO CÁO", "Kết quả vận động hiến máu tình nguyện năm 2023",
            "Năm 2023, xã tổ chức 02 đợt hiến máu, tiếp nhận 45 đơn vị máu."]
    for i, line in enumerate(body):
        draw.text((150, 260 + 90 * i), line, font=serif, fill=0)
    lines, info = ocr_array(np.array(img), 200, OCRSettings(tables=False))
    assert info["furniture"].transmission and "FAX" in info["furniture"].transmission
    text = "\n".join(l.text for l in lines)
    assert "FAX" not in text and "12:42" not in text
    assert lines[0].text.startswith("ỦY BAN") and "45 đơn vị máu" in text


@pytest.mark.parametrize("text", ["2", "- 3 -", "2_", "(4)"])
def test_the_printed_page_number_centred_in_the_top_margin_leaves_the_text(text):
    words = text.split()
    row = _row(words, top=200, x=PAGE_W // 2 - 20)
    kept, got = furniture.split(row + _body(), PAGE_H, PAGE_W)
    assert got.printed_number == text and got.transmission is None and len(kept) == len(_body())
    # under a fax machine's line too
    fax = _row("15/04/2024 08:16 FAX 02133898716 P.002/002".split(), top=40)
    kept, got = furniture.split(fax + row + _body(), PAGE_H, PAGE_W)
    assert got.printed_number == text and got.transmission and len(kept) == len(_body())


def test_a_number_at_the_left_or_with_words_is_text():
    # a table's row number at the left margin, or a numbered heading: text
    for row in (_row(["2"], top=200, x=300), _row(["2.", "Công", "tác"], top=200, x=PAGE_W // 2 - 20)):
        kept, got = furniture.split(row + _body(), PAGE_H, PAGE_W)
        assert got.printed_number is None and len(kept) == len(row) + len(_body())


def test_lines_of_marks_alone_leave_a_scanned_page_and_the_rest_are_numbered_again():
    from pipeline.model import Line
    from pipeline.ocr.furniture import without_mark_lines

    texts = ["BÁO CÁO", "|", "— —", "Tổng cộng 45", "^ ~", "2", "ˆ"]
    kept = without_mark_lines([Line(number=k, text=t) for k, t in enumerate(texts, start=1)])
    assert [(l.number, l.text) for l in kept] == [(1, "BÁO CÁO"), (2, "Tổng cộng 45"), (3, "2")]
    # inside a ruled table a dash is a cell's text ("-" for none)
    table = [(100, 500, 2000, 900)]
    lines = [Line(number=1, text="—", box=(1000, 600, 1030, 620)), Line(number=2, text="|", box=(50, 100, 60, 140))]
    assert [l.text for l in without_mark_lines(lines, table)] == ["—"]


def test_a_scrap_of_a_signature_read_as_a_short_word_leaves_the_page_outside_tables():
    from pipeline.model import Line, Word
    from pipeline.ocr.furniture import is_scrap

    def line(text, conf, box=(1000, 3000, 1040, 3040)):
        return Line(number=1, text=text, words=[Word(text=text, box=box, conf=conf, start=0, end=len(text))], box=box)

    assert is_scrap(line("Ề", 12.0)) and is_scrap(line("mm.", 30.0)) and is_scrap(line("EUX", 20.0))
    assert not is_scrap(line("Ề", 85.0))  # read with confidence
    assert not is_scrap(line("cáo);", 30.0))  # a syllable of three letters: the end of a wrapped line
    assert not is_scrap(line("2", 10.0))  # a handwritten number
    assert not is_scrap(line("A", 10.0), [(900, 2900, 1200, 3200)])  # a table's cell: its own pass reads it


def test_the_marks_of_a_faded_line_split_off_into_a_flat_line_on_its_top_leave_the_page():
    from pipeline.ocr.furniture import marks_split_off

    def w(text, left, top, height, line, width=40):
        return TWord(text, left, top, width, height, 50.0, 16, 1, line)

    heading = [w("Điều", 316, 1980, 27, 2), w("2.", 405, 1980, 27, 2), w("Điều", 442, 1979, 42, 2),
               w("khoản", 531, 1980, 27, 2)]
    marks = [w("-À", 348, 1971, 15, 1), w("KÀ", 473, 1970, 16, 1), w("chợ", 554, 1979, 7, 1)]
    # the line under the heading and a small-print note elsewhere stay: neither lies half inside another line
    body = [w("1.", 320, 2042, 26, 3), w("Thông", 356, 2031, 45, 3)]
    note = [w("ghi", 320, 2300, 16, 4), w("chú", 370, 2300, 16, 4)]
    kept = marks_split_off(heading + marks + body + note, 18.0)
    assert [x.text for x in kept] == [x.text for x in heading + body + note]
    # a line of letters beside a blot read as one tall word keeps its words
    blot = [w("(b/©);", 413, 1952, 81, 5), w("TP", 600, 1960, 81, 5)]
    small = [w("Viện", 415, 2020, 40, 6), w("Huyết", 514, 2019, 43, 6)]
    assert len(marks_split_off(blot + small, 27.0)) == 4


def test_the_incoming_mail_stamp_leaves_the_text_and_is_kept_on_the_page():
    from pipeline.model import Line
    from pipeline.ocr.furniture import received_stamp

    def line(text, box):
        return Line(number=1, text=text, box=box)

    header = [line("VĂN PHÒNG CHÍNH PHỦ", (210, 186, 647, 224)), line("Hà Nội, ngày 28 tháng 4 năm 2026", (836, 319, 1392, 361))]
    stamp = [line("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", (1092, 413, 1447, 480)), line("ĐẾN Giờ......6......", (1094, 472, 1318, 528))]
    kept, said = received_stamp(header + stamp, [(1088, 425, 1458, 578)])
    assert [l.text for l in kept] == [l.text for l in header] and said == "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN Giờ......6......"
    # a framed note that is no stamp stays, and so does a blank date to fill in ("ngày ..... tháng")
    note = [line("DỰ THẢO", (1100, 430, 1400, 470)), line("Hà Nội, ngày ..... tháng ..... năm 2026", (836, 319, 1392, 361))]
    assert received_stamp(note, [(1088, 425, 1458, 578)]) == (note, None)
    # its fields too faint to read (a red-tinted copy): the frame and "ĐẾN" alone on its line say it is the stamp
    faint = [line("SỔNG THÔNG TN ĐIỆN TỦ CHÍNH PHÙ", (1093, 413, 1443, 479)), line("ĐẾN", (1094, 481, 1174, 528))]
    kept, said = received_stamp(header + faint, [(1088, 425, 1458, 578)])
    assert [l.text for l in kept] == [l.text for l in header] and said.endswith("/ ĐẾN")
    # a framed line that only has the word in it is text ("TỪ 2021 ĐẾN 2025"), and so is "ĐẾN" outside any frame
    span = [line("TỪ NĂM 2021 ĐẾN NĂM 2025", (1100, 430, 1400, 470))]
    assert received_stamp(span, [(1088, 425, 1458, 578)]) == (span, None)
    alone = [line("ĐẾN", (300, 1200, 380, 1240))]
    assert received_stamp(header + alone, [(1088, 425, 1458, 578)])[1] is None
    # its frame not found: the hour to fill in with "ĐẾN" beside it, and the routing line, still go
    loose = [line("t0 ĐẾN", (1190, 420, 1300, 460)), line("| Giờ....C...", (1190, 470, 1400, 510)),
             line("Kính chuyển......./! ZĐT......", (1190, 520, 1560, 560))]
    kept, said = received_stamp(header + loose)
    assert [l.text for l in kept] == [l.text for l in header] and said.count(" / ") == 2
    # ... with the receiving office's name in capitals right above its lines: the stamp's head, gone too
    office = [line("VĂN PHÒNG CHÍNH PHỦ ;", (1180, 378, 1520, 416))]
    kept, said = received_stamp(header + office + loose)
    assert [l.text for l in kept] == [l.text for l in header] and said.startswith("VĂN PHÒNG CHÍNH PHỦ")
    # a line of the text there, not in capitals, or not right above, stays
    for other in (line("Hà Nội, ngày 28/4", (1180, 378, 1520, 416)), line("VĂN PHÒNG CHÍNH PHỦ", (1180, 250, 1520, 290))):
        kept, _ = received_stamp(header + [other] + loose)
        assert other in kept
    # an hour to fill in with no "ĐẾN" near it is left alone (a form's field)
    form = [line("Giờ ........ ngày ........", (200, 900, 900, 940))]
    assert received_stamp(form) == (form, None)


def test_a_small_grid_that_reads_as_the_incoming_mail_stamp_is_no_table():
    from pipeline.model import Cell, Column, Line, Row, RowKind, Table, TableSource
    from pipeline.ocr.furniture import stamp_tables, without_stamp_tables

    def table(rows, box):
        return Table(id="", source=TableSource.SCAN, columns=[Column(index=c, header="") for c in range(len(rows[0]))],
                     rows=[Row(index=i + 1, kind=RowKind.DATA, cells=[Cell(col=c, text=t) for c, t in enumerate(r)])
                           for i, r in enumerate(rows)], pages=[1], box=box)

    # a coarse copy: the stamp's frame and its fields' dotted lines made a 2 x 3 grid
    stamp = table([["VĂN PHÒNG", "CHÍNH", "PHỦ"], ["ĐẾN", "Giờ...C.. Ngày .29/4", "FN"]], (1100, 340, 1740, 566))
    counts = table([["STT", "Đơn vị", "Tiếp nhận"], ["1", "Xã A", "120"], ["2", "Xã B", "98"]], (100, 900, 1500, 1200))
    # a table with an hour column (a drive schedule) is a table: no field to fill in
    schedule = table([["Đợt", "Ngày", "Giờ"], ["1", "12/3/2024", "7 giờ 30"]], (100, 1300, 1500, 1500))
    kept, stamps = stamp_tables([stamp, counts, schedule])
    assert kept == [counts, schedule] and stamps == [stamp]
    lines = [Line(number=1, text="Hà Nội, ngày 28", box=(800, 400, 1090, 440)),
             Line(number=2, text="ĐẾN Giờ...C..", box=(1150, 450, 1500, 500)),
             Line(number=3, text="THÔNG TƯ", box=(700, 600, 900, 640))]
    left, said = without_stamp_tables(lines, stamps, "CỔNG THÔNG TIN")
    assert [(l.number, l.text) for l in left] == [(1, "Hà Nội, ngày 28"), (2, "THÔNG TƯ")]
    assert said == "CỔNG THÔNG TIN / VĂN PHÒNG CHÍNH PHỦ / ĐẾN Giờ...C.. Ngày .29/4 FN"
    assert without_stamp_tables(lines, [], None) == (lines, None)
