"""Tables read in the OCR stage: rulings and the cell grid, the grid completed from words, merged cells,
the cell-level pass, rulingless tables, PDF text layers. Tesseract runs only in the tests marked slow."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.context import OCRSettings
from pipeline.contract import problems
from pipeline.model import Document, DocKind, Page, PageSource, RowKind, TableSource
from pipeline.ocr import alignment, cells, ocr_array, ocr_file, rulings, tables
from pipeline.ocr.cells import as_figure
from pipeline.ocr.layout import OWord, lines_from_words
from pipeline.ocr.tablewords import GridCell, PWord, words_in
from training.render import font_path

SHARED = Path(__file__).resolve().parents[2] / "shared"


# ---------------------------------------------------------------------------------------------
# A page with a ruled table, drawn at 300 dpi
# ---------------------------------------------------------------------------------------------
XS = [300, 450, 1000, 1350, 1700, 2150]  # 5 columns
HEAD = [400, 480, 560]  # two header rows
ROW = 80


def blank(height: int = 1800, width: int = 2480) -> np.ndarray:
    return np.full((height, width), 255, np.uint8)


def draw_grid(img: np.ndarray, n_rows: int, *, merged_header: bool = True, skip_h: tuple[int, ...] = (),
              skip_v: tuple[int, ...] = (), thick: int = 3) -> list[float]:
    """A table whose header is two rows: STT and Đơn vị over both, "Kết quả" over columns 2-3, "Tỷ lệ"
    over both; then ``n_rows`` data rows. Returns the row boundaries."""
    ys = HEAD + [HEAD[-1] + ROW * (i + 1) for i in range(n_rows)]
    for k, y in enumerate(ys):
        if k in skip_h:
            continue
        if k == 1 and merged_header:  # only under "Kết quả"
            cv2.line(img, (XS[2], y), (XS[4], y), 0, thick)
        else:
            cv2.line(img, (XS[0], y), (XS[-1], y), 0, thick)
    for k, x in enumerate(XS):
        if k in skip_v:
            continue
        top = HEAD[1] if (k == 3 and merged_header) else HEAD[0]  # no line inside "Kết quả"
        cv2.line(img, (x, top), (x, ys[-1]), 0, thick)
    return ys


def put(draw: ImageDraw.ImageDraw, text: str, x: float, y: float, size: int = 46, bold: bool = False) -> None:
    font = ImageFont.truetype(str(font_path("B" if bold else "")), size)
    draw.text((x, y), text, font=font, fill=0, anchor="lm")


DATA = [["1", "Xã Nậm Hàng", "120", "131", "109,2"],
        ["2", "Thị trấn Nậm Nhùn", "1.200", "1.250", "104,2"],
        ["3", "Xã Mường Mô", "80", "76", "95,0"],
        ["", "Tổng cộng", "1.400", "1.457", "104,1"]]


def table_page() -> tuple[np.ndarray, list[float]]:
    """A prose line, a ruled table with a merged two-row header, four data rows, a prose line."""
    img = blank()
    ys = draw_grid(img, len(DATA))
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    put(d, "Kết quả tiếp nhận máu theo đơn vị trong năm như sau:", 300, 300)
    mid = (HEAD[0] + HEAD[2]) / 2
    put(d, "STT", XS[0] + 25, mid, bold=True)
    put(d, "Đơn vị", XS[1] + 180, mid, bold=True)
    put(d, "Kết quả", (XS[2] + XS[4]) / 2 - 85, (HEAD[0] + HEAD[1]) / 2, bold=True)
    put(d, "Chỉ tiêu", XS[2] + 80, (HEAD[1] + HEAD[2]) / 2, bold=True)
    put(d, "Tiếp nhận", XS[3] + 60, (HEAD[1] + HEAD[2]) / 2, bold=True)
    put(d, "Tỷ lệ (%)", XS[4] + 110, mid, bold=True)
    for r, row in enumerate(DATA):
        y = (ys[r + 2] + ys[r + 3]) / 2
        for c, text in enumerate(row):
            put(d, text, XS[c] + 25, y)
    put(d, "Các đơn vị đều hoàn thành chỉ tiêu được giao trong năm.", 300, ys[-1] + 120)
    return np.array(pil), ys


# ---------------------------------------------------------------------------------------------
# Rulings and the grid
# ---------------------------------------------------------------------------------------------
def test_rulings_give_the_grid_of_a_drawn_table():
    img, ys = table_page()
    grids, mask = rulings.find_grids(img)
    assert len(grids) == 1
    g = grids[0]
    assert np.allclose(g.xs, XS, atol=4) and np.allclose(g.ys, ys, atol=4)
    # the merged header is open where no ruling is drawn, closed elsewhere
    assert g.vcov[0, 3] < rulings.OPEN_COVERAGE and g.vcov[1, 3] > 0.9
    assert g.hcov[1, 0] < rulings.OPEN_COVERAGE and g.hcov[1, 2] > 0.9
    # the mask covers the rulings and no letter
    assert mask[ys[3], 1200] and not mask[300, 600]


def test_only_grids_that_can_be_tables_are_read_apart_from_the_page():
    img, ys = table_page()
    grids, _ = rulings.find_grids(img)
    # a little ruled thing of six cells beside the closing line, lower than a line of text (the box of a
    # stamp's date, a bracket meeting a stroke)
    small = rulings.Grid([1800, 1860, 1920, 1980], [ys[-1] + 100, ys[-1] + 112, ys[-1] + 125],
                         np.ones((2, 4)), np.ones((3, 3)))
    apart = tables.read_apart(grids + [small], x_height=22)
    assert len(apart) == 1 and apart[0] is grids[0]
    blanked = tables.blank_bands(img, apart)
    assert blanked[ys[0]:ys[-1]].min() == 255  # the table's rows are read apart
    assert np.array_equal(blanked[ys[-1] + 20:], img[ys[-1] + 20:])  # the page below is the page's


def test_erasing_a_ruling_keeps_the_strokes_of_a_figure_it_runs_through():
    img = blank(400, 800)
    cv2.line(img, (300, 200), (300, 260), 0, 6)  # the stem of a "1", 60 px high
    cv2.line(img, (50, 230), (750, 230), 0, 3)  # a streak through its middle
    mask = np.zeros_like(img)
    mask[224:237, 40:760] = 255  # the streak's strip, as rules_mask draws it
    out = rulings.erase(img, mask)
    assert out[228:234, 60:280].min() == 255 and out[228:234, 320:740].min() == 255  # the streak is gone
    assert (out[224:237, 297:304] < 128).all()  # the stem it crossed is whole


def test_underlines_and_text_make_no_grid():
    img = blank(1200)
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    put(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1100, 200, bold=True)
    put(d, "Độc lập - Tự do - Hạnh phúc", 1250, 280, bold=True)
    for i in range(8):
        put(d, "Tổng số 1.234 đơn vị máu, đạt 104,1% kế hoạch; thị trấn Nậm Nhùn và xã Nậm Hàng", 200, 450 + 70 * i)
    img = np.array(pil)
    cv2.line(img, (1300, 320), (1900, 320), 0, 3)  # the motto's underline
    grids, mask = rulings.find_grids(img)
    assert grids == [] and not mask.any()


def _words(items: list[tuple[str, tuple[float, float, float, float]]], conf: float = 95.0) -> list[PWord]:
    return [PWord(t, b, conf, i + 1, 0, len(t)) for i, (t, b) in enumerate(items)]


def test_merged_header_cells_from_open_rulings_and_text_across_them():
    img, ys = table_page()
    g = rulings.find_grids(img)[0][0]
    y0, y1 = (HEAD[0] + HEAD[2]) / 2 - 20, (HEAD[0] + HEAD[2]) / 2 + 20
    words = _words([
        ("STT", (XS[0] + 25, y0, XS[0] + 110, y1)),  # across the open header boundary
        ("Kết", ((XS[2] + XS[4]) / 2 - 85, 420, (XS[2] + XS[4]) / 2 - 10, 460)),
        ("quả", ((XS[2] + XS[4]) / 2 + 5, 420, (XS[2] + XS[4]) / 2 + 85, 460)),  # the phrase lies across x
        ("Chỉ", (XS[2] + 80, 500, XS[2] + 140, 540)),
        ("1", (XS[0] + 25, ys[2] + 20, XS[0] + 45, ys[2] + 60)),
    ])
    got = {(c.row, c.col): c for c in tables.merged_cells(g, words)}
    assert got[(0, 0)].rowspan == 2 and [w.text for w in got[(0, 0)].words] == ["STT"]
    assert got[(0, 2)].colspan == 2 and [w.text for w in got[(0, 2)].words] == ["Kết", "quả"]
    assert got[(1, 2)].colspan == 1 and (1, 0) not in got  # covered by STT
    assert got[(2, 0)].rowspan == 1 and got[(2, 0)].words[0].text == "1"


def _row_words(ys: list[float], rows: range, h: float = 36) -> list[tuple[str, tuple]]:
    items = []
    for r in rows:
        y = (ys[r] + ys[r + 1]) / 2 - h / 2
        for c in range(5):
            items.append((f"r{r}c{c}", (XS[c] + 30, y, XS[c] + 130, y + h)))
    return items


def test_lost_rulings_are_completed_from_the_words():
    # the scan lost the line between rows 3 and 4 and the vertical between columns 2 and 3
    img = blank()
    ys = draw_grid(img, 4, merged_header=False, skip_h=(4,), skip_v=(3,))
    g = rulings.find_grids(img)[0][0]
    assert len(g.ys) == len(ys) - 1 and len(g.xs) == len(XS) - 1
    words = _words(_row_words(ys, range(1, 6)))
    tables.add_aligned_columns(g, words)
    tables.split_rows(g, words)
    assert len(g.xs) == len(XS) and XS[2] + 130 < g.xs[3] < XS[3] + 30  # in the paper between the words
    assert len(g.ys) == len(ys) and ys[3] + 18 < g.ys[4] < ys[5] - 18
    cellmap = {(c.row, c.col): c for c in tables.merged_cells(g, words)}
    assert [w.text for w in cellmap[(3, 2)].words] == ["r3c2"] and [w.text for w in cellmap[(4, 2)].words] == ["r4c2"]


def test_a_wrapped_cell_is_not_a_new_row():
    img = blank()
    ys = draw_grid(img, 4, merged_header=False, skip_h=(4,))
    g = rulings.find_grids(img)[0][0]
    words = _words(_row_words(ys, range(1, 4)) + [("tiếp", (XS[1] + 30, ys[3] + 60, XS[1] + 130, ys[3] + 96))]
                   + _row_words(ys, range(5, 6)))
    tables.split_rows(g, words)
    assert len(g.ys) == len(ys) - 1
    cellmap = {(c.row, c.col): c for c in tables.merged_cells(g, words)}
    assert [w.text for w in cellmap[(3, 1)].words] == ["r3c1", "tiếp"]


def test_a_streak_through_a_row_is_no_boundary():
    img = blank()
    ys = draw_grid(img, 3, merged_header=False)
    y = (ys[3] + ys[4]) / 2
    cv2.line(img, (XS[0] - 100, int(y)), (XS[-1] + 100, int(y)), 0, 3)  # a fax streak through row 3
    g = rulings.find_grids(img)[0][0]
    assert len(g.ys) == len(ys) + 1
    words = _words([(f"w{c}", (XS[c] + 30, y - 18, XS[c] + 130, y + 18)) for c in range(5)])
    tables.drop_cutting_rules(g, words)
    assert np.allclose(g.ys, ys, atol=4)


def test_a_word_read_with_little_confidence_does_not_cut_a_ruling():
    img = blank()
    ys = draw_grid(img, 3, merged_header=False)
    g = rulings.find_grids(img)[0][0]
    # figures whose boxes Tesseract ran over the fax dots beside them, across the ruling XS[3]
    rows = [(ys[r] + ys[r + 1]) / 2 for r in (2, 3)]
    wide = [("17", (XS[3] - 100, y - 18, XS[3] + 120, y + 18)) for y in rows]
    tables.drop_cutting_rules(g, _words(wide, conf=60.0))
    assert np.allclose(g.xs, XS, atol=4)
    tables.drop_cutting_rules(g, _words(wide, conf=95.0))  # read with confidence, they say the line is a streak
    assert len(g.xs) == len(XS) - 1


# ---------------------------------------------------------------------------------------------
# The cell pass: figures, voting, text clean-up
# ---------------------------------------------------------------------------------------------
def test_figures_trimmed_and_their_forms():
    assert cells.as_figure("_380-") == "380" and cells.as_figure("1. 419") == "1.419"
    assert cells.as_figure("498.") == "498" and cells.as_figure("9846") is None
    assert cells.as_figure("LOIB") is None and cells.as_figure("13-14/6/2023") == "13-14/6/2023"
    # thousands separators a scan lost are put back, the digits unchanged; four digits alone may be a year
    assert cells.as_figure("-11800.000.") == "11.800.000" and cells.as_figure("5600000") == "5.600.000"
    assert cells.as_figure("12345,5") == "12.345,5" and cells.as_figure("2023") is None
    assert [cells.figure_kind(f) for f in ("7.652", "109,3", "14,08%", "05/7/2023")] == ["n0", "n1", "n2%", "date"]


def test_page_reading_stands_against_variants_that_err_together():
    # two cell-pass variants of one crop agreeing on a misread do not outvote a confident page reading, but
    # leave it in doubt; one variant alone does not
    assert cells.choose([("50,0", 96), ("90,0", 71), ("90,0", 81)], True, "n1") == ("50,0", cells.CONTESTED_CONF)
    assert cells.choose([("50,0", 96), ("90,0", 81), ("50,0", 70)], True, "n1") == ("50,0", 96)
    # a weak page reading gives way; readings of another form than the column's do not count
    assert cells.choose([("", 0), ("31", 71), ("31", 91)], True, "n0") == ("31", 91)
    assert cells.choose([("3/5", 58), ("3/5", 93), ("375", 70)], True, "n0") == ("375", 70)
    # one lone weak reading is not taken
    assert cells.choose([("II", 49), ("1", 20)], True, None) is None
    # a page reading that is no figure backs the weak reading of its very digits (the comma lost), no other
    assert cells.choose([("1321.", 10), ("13,2", 0), ("13,21", 48), ("1321", 37)], True, "n2") == ("13,21", 48)
    assert cells.choose([("1321.", 10), ("13,27", 48)], True, "n2") is None
    assert cells.choose([("XãKalăng", 89), ("Xã Ka Lăng", 93), ("Xã Ka Lăng", 94)], False) == ("Xã Ka Lăng", 94)
    # a lone upright stroke the cell pass read as nothing: a 1, in doubt; a stroke read as something else is not
    assert cells.choose([("Ĩ", 48), ("", 0), ("", 0)], True, "n0") == ("1", cells.STROKE_CONF)
    assert cells.choose([("Ĩ", 48), ("7", 20)], True, "n0") is None
    assert cells.choose([("Ĩ", 48), ("", 0)], False) == ("Ĩ", 48)  # a text cell keeps what the page read
    # a page reading with the figure's shape ("1-0": a stroke lost) and two readings of the crop: three say 140
    assert cells.choose([("1-0", 0), ("140", 45.7), ("140", 0)], True, "n0") == ("140", 65.7)
    assert cells.choose([("1-0", 0), ("140", 45.7)], True, "n0") == ("140", 45.7)
    assert cells.choose([("1-5", 0), ("140", 45.7), ("140", 0)], True, "n0") == ("140", 45.7)  # not its shape


def test_the_cell_pass_keeps_a_figure_a_fax_broke_into_dust_and_drops_dust():
    img = np.full((60, 200), 255, np.uint8)
    pil = Image.fromarray(img)
    put(ImageDraw.Draw(pil), "812", 40, 30, size=40)
    img = np.array(pil)
    broken = img.copy()
    broken[::3, :] = broken[:, ::3] = 255  # thin strokes broken every few pixels: nothing but small pieces
    broken[5, 180] = broken[50, 10] = 0  # two specks of dust
    speck = 15
    ink = np.count_nonzero(broken[:, 30:150] < 128)
    out = cells.despeck(broken, speck, 128, glyph=20)
    assert np.count_nonzero(out[:, 30:150] < 128) > 0.9 * ink and out[5, 180] == out[50, 10] == 255
    assert np.count_nonzero(cells.despeck(broken, speck, 128)[:, 30:150] < 128) < ink / 2  # without: all dust


def test_cell_text_clean_up():
    assert cells.clean_text("XãPáLau") == "Xã Pá Lau" and cells.clean_text("Toànhuyện") == "Toàn huyện"
    assert cells.clean_text("XãKanHồ") == "Xã Kan Hồ"  # capitals split names that are no standard syllable
    assert cells.clean_text("_STT") == "STT" and cells.clean_text(".Gồm lực lượng") == "Gồm lực lượng"
    assert cells.clean_text("Nậm Nhùn;xã Nậm Hàng") == "Nậm Nhùn; xã Nậm Hàng"
    assert cells.clean_text("TP. Điện Biên Phủ") == "TP. Điện Biên Phủ" and cells.clean_text("HMTN") == "HMTN"
    assert cells.clean_text("Email") == "Email" and cells.clean_text("109,5") == "109,5"
    # a cell's left ruling read as a one-letter word or a bracket
    assert cells.clean_text("Ì Xã Sốp Cộp") == "Xã Sốp Cộp" and cells.clean_text("[Lễ hội") == "Lễ hội"
    assert cells.clean_text("I Cấp tỉnh") == "I Cấp tỉnh"  # a Roman numeral stays
    # a word and its number glued by a lost space; ¡ read for i
    assert cells.clean_text("Tháng4") == "Tháng 4" and cells.clean_text("QĐ15") == "QĐ15"
    assert cells.clean_text("Thị trấn S¡ Ma Cai") == "Thị trấn Si Ma Cai"
    # a letter read twice: once, when that makes the word a syllable; a word that is one stays
    assert cells.clean_text("Xã Pa Taan, TX. Mường Lay") == "Xã Pa Tan, TX. Mường Lay"
    assert cells.clean_text("Xoong nồi") == "Xoong nồi" and cells.clean_text("UBND") == "UBND"
    # an L whose foot broke off, read "1." before the rest of its syllable; numbers stay
    assert cells.clean_text("1.ò Văn Tiến") == "Lò Văn Tiến" and cells.clean_text("1.000") == "1.000"


def test_numeric_columns_by_their_cells_or_a_numbering_header():
    def cell(r, c, text):
        return GridCell(r, c, words=[PWord(text, (0, 0, 10, 10), 90.0, 1, 0, len(text))])

    grid = [cell(0, 0, "STT"), cell(0, 1, "Đơn vị"), cell(0, 2, "Số lượng"),
            cell(1, 0, "l"), cell(1, 1, "Xã A"), cell(1, 2, "1.204"),
            cell(2, 0, "2"), cell(2, 1, "Xã B"), cell(2, 2, "98")]
    assert cells.numeric_columns(grid, 3) == {0, 2}


@pytest.mark.parametrize("text,conf,numeric", [
    ("1.204", 95.0, True), ("", 0.0, True), ("LOIH", 60.0, True),  # digits, empty, letters a digit looks like
    ("Ỉ", 52.0, True),  # a 1 a streak runs through, read as a letter with a mark
    ("AA7", 87.0, True),  # a digit among letters: a figure misread, whatever the confidence
    ("BC", 22.0, True),  # no word, read with next to no confidence
    ("BC", 90.0, False), ("Không", 30.0, False), ("Tổng cộng", 20.0, False),  # words stay text
    ("Ab(3", 90.0, False),  # a bracket: no garbled figure
])
def test_a_garbled_word_in_a_column_of_numbers_is_read_as_a_figure(text, conf, numeric):
    words = [PWord(t, (0, 0, 10, 10), conf, 1, 0, len(t)) for t in text.split()]
    assert cells.is_numeric_cell(GridCell(3, 2, words=words), {2}) is numeric
    assert cells.is_numeric_cell(GridCell(3, 1, words=words), {2}) is False


def test_an_empty_cell_of_the_first_row_is_read_as_a_header_not_a_figure():
    assert cells.is_numeric_cell(GridCell(0, 2), {2}) is False
    assert cells.is_numeric_cell(GridCell(1, 2), {2}) is True


# ---------------------------------------------------------------------------------------------
# Rulingless tables
# ---------------------------------------------------------------------------------------------
def _lines(rows: list[list[tuple[str, float]]], top: float = 200, step: float = 70, h: float = 36):
    words = []
    for r, row in enumerate(rows):
        y = top + r * step
        for text, x in row:
            x1 = x
            for part in text.split():
                w = 22 * len(part)
                words.append(OWord(part, (x1, y, x1 + w, y + h), 90.0, (r, x)))
                x1 += w + 14
    return lines_from_words(words)


def test_rulingless_table_found_from_aligned_figures():
    header = [("Đơn vị", 200), ("Chỉ tiêu", 900), ("Tiếp nhận", 1300), ("Tỷ lệ", 1700)]
    rows = [[(name, 200), (a, 950), (b, 1350), (p, 1720)] for name, a, b, p in
            [("Xã Nậm Hàng", "120", "131", "109,2"), ("Thị trấn Nậm Nhùn", "1.200", "1.250", "104,2"),
             ("Xã Mường Mô", "80", "76", "95,0"), ("Tổng cộng", "1.400", "1.457", "104,1")]]
    lines = _lines([[("Kết quả năm nay như sau:", 200)], header] + rows)
    grids = alignment.find_grids(lines)
    assert len(grids) == 1 and grids[0].n_cols == 4 and grids[0].n_rows == 5
    t = tables.read_grid(grids[0], lines, 1)
    assert [c.text for c in t.rows[0].cells] == ["Đơn vị", "Chỉ tiêu", "Tiếp nhận", "Tỷ lệ"]
    assert [c.text for c in t.rows[2].cells] == ["Thị trấn Nậm Nhùn", "1.200", "1.250", "104,2"]


def test_prose_and_two_column_blocks_are_no_table():
    prose = [[("Năm 2023 toàn huyện tổ chức 02 đợt hiến máu, tiếp nhận 486/450 đơn vị máu, đạt 108%.", 200)]] * 6
    header = [[("UBND HUYỆN MƯỜNG TÈ", 200), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1200)],
              [("Số: 57/BC-BCĐ", 300), ("Mường Tè, ngày 04 tháng 12 năm 2023", 1300)]]
    signature = [[("- Như trên;", 200), ("TM. BAN CHỈ ĐẠO", 1400)], [("- Lưu: VT.", 200), ("TRƯỞNG BAN", 1450)],
                 [("- UBND 14 xã;", 200), ("Lò Văn 12", 1450)]]
    assert alignment.find_grids(_lines(prose + header + signature)) == []


# ---------------------------------------------------------------------------------------------
# PDF text layers
# ---------------------------------------------------------------------------------------------
def _pdf(path: Path, rows: list[list[str]], *, borders: bool = True, colspan_header: bool = False) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("LS", "", str(font_path("")))
    pdf.add_font("LS", "B", str(font_path("B")))
    pdf.set_font("LS", size=11)
    pdf.multi_cell(0, 7, "Kết quả tiếp nhận máu năm 2023 của các đơn vị trong huyện như sau:")
    pdf.ln(3)
    with pdf.table(borders_layout="ALL" if borders else "NONE", first_row_as_headings=not colspan_header,
                   text_align="LEFT") as t:
        if colspan_header:
            top = t.row()
            top.cell("STT")
            top.cell("Đơn vị")
            top.cell("Kết quả", colspan=2)
            top.cell("Tỷ lệ (%)")
        for r in rows:
            row = t.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)
    pdf.multi_cell(0, 7, "Các đơn vị đều hoàn thành chỉ tiêu được giao.")
    pdf.output(str(path))
    return path


def _check_cells_point_at_the_page(doc: Document) -> None:
    assert problems(doc) == []
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                if c.text:
                    line = doc.line(c.span.page, c.span.line)
                    assert line.text[c.span.start:c.span.end] == c.span.raw
                    # a figure read again cell by cell may correct the page's reading ("151" -> "131");
                    # the span still points at the page's words, which stand where the cell is
                    assert c.span.raw and (c.span.raw in c.text or
                                           (as_figure(c.span.raw) is not None and as_figure(c.text) is not None))
                    assert (c.span.page, c.span.line) in c.lines


def test_pdf_text_layer_table(tmp_path):
    rows = [["STT", "Đơn vị", "Chỉ tiêu", "Tiếp nhận", "Tỷ lệ (%)"]] + DATA
    doc = ocr_file(_pdf(tmp_path / "t.pdf", rows))
    assert doc.kind == DocKind.PDF_TEXT and [t.id for t in doc.tables] == ["t1"]
    t = doc.tables[0]
    assert t.source == TableSource.PDF and t.pages == [1] and len(t.columns) == 5
    assert [[c.text for c in r.cells] for r in t.rows] == rows
    assert all(r.kind == RowKind.DATA and r.page == 1 for r in t.rows)
    assert all(c.conf is None and c.box is not None for r in t.rows for c in r.cells)
    _check_cells_point_at_the_page(doc)
    back = Document.load(doc.save(tmp_path / "d.json"))
    assert back.tables == doc.tables


def test_pdf_merged_header_cell(tmp_path):
    rows = [["", "", "Chỉ tiêu", "Tiếp nhận", ""]] + DATA
    doc = ocr_file(_pdf(tmp_path / "m.pdf", rows, colspan_header=True))
    head = doc.tables[0].rows[0].cells
    assert [(c.col, c.colspan, c.text) for c in head] == [(0, 1, "STT"), (1, 1, "Đơn vị"), (2, 2, "Kết quả"),
                                                          (4, 1, "Tỷ lệ (%)")]
    _check_cells_point_at_the_page(doc)


def test_pdf_table_without_lines_found_by_alignment(tmp_path):
    rows = [["Đơn vị", "Chỉ tiêu", "Tiếp nhận", "Tỷ lệ (%)"]] + [r[1:] for r in DATA]
    doc = ocr_file(_pdf(tmp_path / "n.pdf", rows, borders=False))
    assert len(doc.tables) == 1 and doc.tables[0].source == TableSource.PDF
    assert [c.text for c in doc.tables[0].rows[-1].cells] == ["Tổng cộng", "1.400", "1.457", "104,1"]


def test_tables_off(tmp_path):
    rows = [["STT", "Đơn vị", "Chỉ tiêu", "Tiếp nhận", "Tỷ lệ (%)"]] + DATA
    doc = ocr_file(_pdf(tmp_path / "t.pdf", rows), replace(OCRSettings(), tables=False))
    assert doc.tables == [] and doc.pages[0].lines


# ---------------------------------------------------------------------------------------------
# Scans through Tesseract
# ---------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_scanned_table_end_to_end():
    img, ys = table_page()
    lines, info = ocr_array(img, 300, OCRSettings(), page=3)
    assert len(info["tables"]) == 1 and info["tables_s"] > 0
    t = info["tables"][0]
    assert t.source == TableSource.SCAN and t.pages == [3] and len(t.columns) == 5 and len(t.rows) == 6
    head = [[(c.col, c.colspan, c.rowspan, c.text) for c in r.cells] for r in t.rows[:2]]
    assert head[0] == [(0, 1, 2, "STT"), (1, 1, 2, "Đơn vị"), (2, 2, 1, "Kết quả"), (4, 1, 2, "Tỷ lệ (%)")]
    assert head[1] == [(2, 1, 1, "Chỉ tiêu"), (3, 1, 1, "Tiếp nhận")]
    assert [[c.text for c in r.cells] for r in t.rows[2:]] == DATA
    doc = Document("d", "d.png", "0", DocKind.IMAGE, pages=[Page(1), Page(2), Page(3, lines=lines)], tables=[t])
    doc.pages[0].source = doc.pages[1].source = doc.pages[2].source = PageSource.TESSERACT
    t.id = "t1"
    _check_cells_point_at_the_page(doc)
    # the text outside the table comes out as with tables off
    plain, _ = ocr_array(img, 300, replace(OCRSettings(), tables=False), page=3)

    def outside(ls):
        return [l.text for l in ls if not (t.box[1] <= (l.box[1] + l.box[3]) / 2 <= t.box[3])]

    assert outside(lines) == outside(plain) and len(outside(lines)) == 2
    # the table's rows are read once, rulings erased, and are in the page text one line a row, cells joined by
    # " | " (no ruling read as a bar: one bar fewer than the row's cells)
    inside = [l for l in lines if t.box[1] <= (l.box[1] + l.box[3]) / 2 <= t.box[3]]
    assert [l.text for l in inside] == [" | ".join(c.text for c in r.cells) for r in t.rows]
    assert [l.text.count("|") for l in inside] == [len(r.cells) - 1 for r in t.rows]
    assert " ".join(l.text for l in inside).count("Nậm Nhùn") == 1
    assert "2 | Thị trấn Nậm Nhùn | 1.200 | 1.250 | 104,2" in [l.text for l in inside]


@pytest.mark.slow
def test_image_file_tables_numbered_in_the_document(tmp_path):
    img, _ = table_page()
    path = tmp_path / "p.png"
    Image.fromarray(img).save(path, dpi=(300, 300))
    doc = ocr_file(path)
    assert [t.id for t in doc.tables] == ["t1"] and problems(doc) == []


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "devset" / "scans").is_dir(), reason="needs ../shared/devset")
def test_devset_fax_page_two_tables():
    from bench.tables_ocr import fragments, grid_texts
    from pipeline.ocr import PageJob, load_page

    path = SHARED / "devset" / "scans" / "dev_02_fax.pdf"
    image, dpi = load_page(PageJob(str(path), "pdf", 1, OCRSettings()))
    _, info = ocr_array(image, dpi, OCRSettings(), page=2)
    want = [f for f in fragments(SHARED / "devset", "dev_02")[0] if f.page == 2]
    got = [grid_texts(t) for t in info["tables"]]
    assert [len(t) for t in got] == [len(f.rows) for f in want]
    assert [len(t[0]) for t in got] == [len(f.rows[0]) for f in want]
    right = sum(a == b for t, f in zip(got, want) for ra, rb in zip(t, f.rows) for a, b in zip(ra, rb))
    assert right >= 0.85 * sum(len(r) for f in want for r in f.rows)


def _model_lines(rows: list[list[tuple[str, tuple[float, float, float, float]]]]):
    from pipeline.model import Line, Word
    out = []
    for k, row in enumerate(rows, 1):
        words, text = [], ""
        for t, b in row:
            start = len(text) + (1 if text else 0)
            text = f"{text} {t}" if text else t
            words.append(Word(t, b, 95.0, start, start + len(t)))
        boxes = [b for _, b in row]
        out.append(Line(k, text, words, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                          max(b[2] for b in boxes), max(b[3] for b in boxes))))
    return out


def test_a_table_foot_and_last_column_a_fax_faded_are_read_from_the_words():
    # the rulings of the last column and of the last two rows are lost: only the header's right edge shows
    img = blank()
    ys = draw_grid(img, 4, merged_header=False)
    img[:, XS[-2] - 5:] = 255  # the last column's rulings gone ...
    cv2.line(img, (XS[-2], HEAD[0]), (XS[-2], HEAD[1]), 0, 3)  # ... but for the header's stretch of its left side
    img[ys[-3] - 3:, :] = 255  # the last two rows' rulings gone
    cv2.line(img, (XS[0], ys[-3]), (XS[2], ys[-3]), 0, 3)  # a piece of the last rule left
    g = rulings.find_grids(img)[0][0]
    assert abs(g.xs[-1] - XS[-2]) < 12 and abs(g.ys[-1] - ys[-3]) < 12
    h = 36
    rows = [[(f"r{r}c{c}", (XS[c] + 30, (ys[r] + ys[r + 1]) / 2 - h / 2, XS[c] + 130, (ys[r] + ys[r + 1]) / 2 + h / 2))
             for c in range(5)] for r in range(len(ys) - 1)]
    prose = [("Các", (XS[0], ys[-1] + 60, XS[0] + 90, ys[-1] + 96)),  # a word space apart across a boundary
             ("đơn", (XS[1] - 60, ys[-1] + 60, XS[1] - 5, ys[-1] + 96)),
             ("vị", (XS[1] + 10, ys[-1] + 60, XS[1] + 60, ys[-1] + 96))]
    lines = _model_lines(rows + [prose])
    tables.extend_sideways(g, lines)
    tables.extend_down(g, lines)
    assert len(g.xs) == len(XS) and abs(g.xs[-2] - XS[-2]) < 12 and g.xs[-1] > XS[-2] + 130  # a column added
    assert len(g.ys) == len(ys) and g.ys[-1] < ys[-1] + 60  # the two rows, and not the prose under them


def test_a_faint_figure_despeckling_took_for_dust_is_put_back_in_a_table_not_on_its_rulings():
    from pipeline.ocr import preprocess
    img = blank(700, 1400)
    ys = [100, 200, 300]
    for y in ys:
        cv2.line(img, (100, y), (1300, y), 0, 3)
    for x in (100, 700, 1300):
        cv2.line(img, (x, 100), (x, 300), 0, 3)
    pil = Image.fromarray(img)
    put(ImageDraw.Draw(pil), "812", 350, 250)
    img = np.array(pil)
    faint = img.copy()
    rng = np.random.default_rng(3)
    ink = faint < 128
    faint[ink & (rng.random(faint.shape) < 0.55)] = 255  # thin broken strokes: the figure falls apart into dust
    faint[150, 950:1000:6] = 0  # dots of a ruling inside the table ...
    for x in range(700 - 4, 700 + 5, 8):
        faint[215:295:7, x] = 0  # ... and along a boundary
    cleaned, n, mask = preprocess.despeckle(faint, 30.0)
    assert n > 0 and mask is not None
    figure = (slice(215, 290), slice(340, 500))
    assert np.count_nonzero(cleaned[figure] < 128) < np.count_nonzero(faint[figure] < 128) / 2  # taken for dust
    g = rulings.Grid(xs=[100.0, 700.0, 1300.0], ys=[100.0, 200.0, 300.0], vcov=np.ones((2, 3)), hcov=np.ones((3, 2)))
    restored = preprocess.restore_faint(cleaned, faint, mask, [g], 12)
    assert np.array_equal(restored[figure], faint[figure])  # put back whole
    assert np.count_nonzero(restored[:, 690:711] < 128) == np.count_nonzero(cleaned[:, 690:711] < 128)
    # outside any table: put back on a fax (everywhere), not on a grey scan
    assert np.array_equal(preprocess.restore_faint(cleaned, faint, mask, [], 12, everywhere=True)[figure],
                          faint[figure])
    assert np.array_equal(preprocess.restore_faint(cleaned, faint, mask, [], 12), cleaned)


def test_an_unsure_page_figure_against_a_sure_enough_crop_reading_one_digit_off_is_in_doubt():
    # the page's "11,08" at 63 stands (the crop's "14,08" at 51 scores less) but which digit is right is a guess
    readings = [("11,08", 63.2), ("1,08", 0.0), ("14,08", 50.6), ("0.", 0.0)]
    assert cells.choose(readings, True, "n2", 17.36) == ("11,08", cells.CONTESTED_CONF)
    # a page reading sure of itself, a crop reading under MIN_CONF, or one two digits off: the page stands as read
    assert cells.choose([("11,08", 82.0), ("14,08", 50.6)], True, "n2") == ("11,08", 82.0)
    assert cells.choose([("11,08", 63.2), ("14,08", 41.0)], True, "n2") == ("11,08", 63.2)
    assert cells.choose([("11,08", 63.2), ("14,03", 50.6)], True, "n2") == ("11,08", 63.2)
    # a text column: no figures to contest
    assert cells.choose([("Lúc Đàn", 63.2), ("Lúc Đán", 50.6)], False) == ("Lúc Đàn", 63.2)


def test_cell_readings_that_win_against_a_confident_page_reading_one_digit_apart_are_in_doubt():
    # the page read all digits but one with confidence, one of the crop's readings is less sure than the page:
    # which digit is right is a guess
    assert cells.choose([("5752", 75.5), ("97,52", 90.9), ("97,52", 66.7)], True, "n2") == ("97,52",
                                                                                          cells.CONTESTED_CONF)
    # both readings of the crop surer than the page, or a page reading unsure, or a digit lost (not changed):
    # the crop's reading stands
    assert cells.choose([("3.186", 75.9), ("3.188", 96.2), ("3.188", 96.0)], True, "n0") == ("3.188", 96.2)
    assert cells.choose([("33", 64.5), ("23", 95.9), ("23", 93.7)], True, "n0") == ("23", 95.9)
    assert cells.choose([("16", 77.6), ("136", 96.6), ("136", 96.5)], True, "n0") == ("136", 96.6)
    # both readings of the crop surer than PAGE_SURE: a confident page reading one digit apart does not contest them
    assert cells.choose([("120", 90.9), ("130", 86.4), ("130", 83.2)], True, "n0") == ("130", 86.4)


def test_a_stroke_drawn_on_a_few_rows_that_words_lie_across_elsewhere_is_no_column():
    img = blank()
    ys = draw_grid(img, 6, merged_header=False)
    x = (XS[2] + XS[3]) // 2  # letters set one above the other on rows 2 and 3 read as a piece of ruling
    cv2.line(img, (x, int(ys[2])), (x, int(ys[4])), 0, 3)
    g = rulings.find_grids(img)[0][0]
    assert len(g.xs) == len(XS) + 1
    rows = [(ys[r] + ys[r + 1]) / 2 for r in (4, 5, 6)]  # below, names run across where the stroke would be
    words = _words([("Thị trấn Na Hang", (XS[2] + 20, y - 18, XS[3] - 20, y + 18)) for y in rows])
    tables.drop_partial_columns(g, words)
    assert np.allclose(g.xs, XS, atol=4)


def test_a_ruled_table_found_twice_is_read_once():
    from pipeline.model import Cell, Column, Row, RowKind, Table, TableSource

    def table(box, texts):
        return Table(id="", source=TableSource.SCAN, pages=[1], box=box, columns=[Column(j, "") for j in range(2)],
                     rows=[Row(index=1, kind=RowKind.DATA, cells=[Cell(col=j, text=t) for j, t in enumerate(texts)])])

    outer = table((311, 2737, 2227, 3185), ["TT", "Đơn vị máu tiếp nhận"])
    inner = table((338, 2738, 2234, 3185), ["1", "tiếp nhận"])
    other = table((311, 3300, 2227, 3600), ["TT", "Số lượng"])
    assert tables._one_of_each([outer, inner, other]) == [outer, other]


def _header_grid(x0: float, x1: float, y0: float, y1: float) -> rulings.Grid:
    return rulings.Grid(xs=[x0, x1], ys=[y0, y1], vcov=np.ones((1, 2)), hcov=np.ones((2, 1)))


def test_a_header_alone_splits_where_both_its_lines_leave_paper_between_two_columns():
    # a two-line header at a page's foot, its rows on the next page; the ruling between its last two cells lost
    g = _header_grid(1635, 2281, 2956, 3106)
    words = _words([("Hộ", (1687, 2979, 1754, 3028)), ("cận", (1770, 2977, 1849, 3028)),
                    ("Tỷ", (1950, 2979, 2012, 3030)), ("lệ", (2029, 2977, 2065, 3028)),
                    ("hộ", (2082, 2979, 2135, 3028)),
                    ("`", (1899, 3031, 1904, 3049)),  # the lost ruling's left-over, read as a mark
                    ("nghèo", (1701, 3040, 1835, 3093)), ("nghèo", (1971, 3042, 2102, 3091)),
                    ("(%)", (2126, 3044, 2211, 3091))])
    tables.add_aligned_columns(g, words)
    assert len(g.xs) == 3 and 1849 < g.xs[1] < 1950


def test_a_header_alone_centred_over_its_cell_is_not_split():
    # "Tỷ lệ" over "(%)": the second line covers the gap of the first (and one word of it lies across)
    g = _header_grid(1300, 1640, 2956, 3106)
    words = _words([("Tỷ", (1377, 2979, 1439, 3030)), ("lệ", (1520, 2977, 1561, 3028)),
                    ("nghèo(%)", (1350, 3040, 1589, 3095))])
    tables.add_aligned_columns(g, words)
    assert len(g.xs) == 2


def _stamp_page() -> np.ndarray:
    """An A4 page at 100 dpi with a few text lines and an incoming-mail stamp's frame (thin rules) at the top right,
    its word "DEN" a few pixels inside the frame's left side."""
    page = np.full((1178, 835), 255, np.uint8)
    cv2.rectangle(page, (543, 212), (729, 288), 0, 2)
    cv2.putText(page, "DEN", (546, 267), cv2.FONT_HERSHEY_DUPLEX, 0.9, 0, 2)
    for k in range(8):
        cv2.putText(page, "Xet de nghi cua Uy ban nhan dan tinh", (100, 420 + 30 * k), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 1)
    return page


def test_a_small_pages_stamp_frame_is_found_though_letters_stand_close_inside_it():
    # a fax of a copy at 100-150 dpi: searched halved, the frame's side lay within a pixel or two of "DEN" and read as
    # the letters' feet; a page under HALVED_FROM px wide is searched at its own size
    small = _stamp_page()
    assert small.shape[1] < rulings.HALVED_FROM
    [(x0, y0, x1, y1)] = rulings.frames(rulings.ruled_regions(small, False))
    assert abs(x0 - 543) <= 3 and abs(x1 - 729) <= 3 and abs(y0 - 212) <= 3 and abs(y1 - 288) <= 4
    # the text lines alone make no frame at that size
    text_only = small.copy()
    text_only[200:300, 530:740] = 255
    assert rulings.frames(rulings.ruled_regions(text_only, False)) == []
