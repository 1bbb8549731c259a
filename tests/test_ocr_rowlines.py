"""A table read from a scan is put in the page text row by row (``pipeline.ocr.rowlines``)."""

from pipeline.model import Cell, Column, Line, Row, RowKind, Table, TableSource, Word
from pipeline.ocr.layout import OWord, lines_from_words
from pipeline.ocr.rowlines import rows_as_lines


def _table(rows: list[list[tuple[str, tuple, float | None]]], page: int = 1) -> Table:
    return Table(id="", source=TableSource.SCAN, columns=[Column(index=c, header="") for c in range(len(rows[0]))],
                 rows=[Row(index=r + 1, kind=RowKind.DATA, page=page,
                           cells=[Cell(col=c, text=t, box=b, conf=conf) for c, (t, b, conf) in enumerate(row)])
                       for r, row in enumerate(rows)],
                 pages=[page], box=(100, 300, 1000, 500))


# a 2 x 3 ruled table between 300 and 500, columns at 100 / 300 / 700 / 1000
HEAD = [("STT", (100, 300, 300, 400), 90.0), ("Đơn vị", (300, 300, 700, 400), 91.0),
        ("Tiếp nhận", (700, 300, 1000, 400), 92.0)]


def _page(words: list[tuple[str, tuple, int]]) -> list:
    return lines_from_words([OWord(t, b, 90.0, (blk, 0, 0), blk) for t, b, blk in words])


def test_each_row_becomes_one_line_in_reading_order_and_each_cell_points_at_its_characters():
    table = _table([HEAD, [("1", (100, 400, 300, 500), 95.0), ("Xã Pa Ủ", (300, 400, 700, 500), 88.0),
                           ("140", (700, 400, 1000, 500), 96.8)]])
    # Tesseract read the band one cell a line, the name cut in two lines, the figure as "1-40"
    lines = _page([("Báo", (100, 200, 200, 240), 1), ("cáo", (210, 200, 300, 240), 1),
                   ("STT", (150, 330, 250, 370), 2), ("Đơn", (350, 330, 450, 370), 3), ("vị", (460, 330, 500, 370), 3),
                   ("Tiếp", (750, 330, 850, 370), 4), ("nhận", (860, 330, 950, 370), 4),
                   ("1", (150, 430, 170, 470), 5), ("Xã", (350, 410, 400, 445), 6), ("Pa", (410, 410, 450, 445), 6),
                   ("Ủ", (350, 455, 380, 490), 7), ("1-40", (750, 430, 850, 470), 8),
                   ("Kết", (100, 600, 200, 640), 9), ("luận", (210, 600, 300, 640), 9)])
    out = rows_as_lines([table], lines, page=3)
    assert [ln.text for ln in out] == ["Báo cáo", "STT | Đơn vị | Tiếp nhận", "1 | Xã Pa Ủ | 140", "Kết luận"]
    assert [ln.number for ln in out] == [1, 2, 3, 4]
    for ln in out:
        assert all(ln.text[w.start:w.end] == w.text for w in ln.words)
    for row, line in zip(table.rows, out[1:3]):
        for cell in row.cells:
            assert cell.span.page == 3 and cell.span.line == line.number and cell.span.raw == cell.text
            assert cell.lines == [(3, line.number)]
            b = cell.span.box
            assert cell.box[0] <= b[0] <= b[2] <= cell.box[2] and cell.box[1] <= b[1] <= b[3] <= cell.box[3]
    # where the page read the cell's words as the cell says, the words keep their page boxes and confidence
    head = out[1]
    assert [(w.text, w.box) for w in head.words[:3]] == [("STT", (150, 330, 250, 370)), ("Đơn", (350, 330, 450, 370)),
                                                        ("vị", (460, 330, 500, 370))]
    # where the cell pass read something else, its text lies over the words it replaces, at its confidence
    figure = out[2].words[-1]
    assert figure.text == "140" and figure.conf == 96.8 and figure.box[0] >= 750 and figure.box[2] <= 850


def test_an_empty_cell_keeps_its_slot_and_points_at_nothing():
    table = _table([HEAD, [("2", (100, 400, 300, 500), 95.0), ("", (300, 400, 700, 500), None),
                           ("35", (700, 400, 1000, 500), 90.0)]])
    lines = _page([("STT", (150, 330, 250, 370), 1), ("Đơn", (350, 330, 450, 370), 2), ("vị", (460, 330, 500, 370), 2),
                   ("Tiếp", (750, 330, 850, 370), 3), ("nhận", (860, 330, 950, 370), 3),
                   ("2", (150, 430, 170, 470), 4), ("35", (750, 430, 800, 470), 5)])
    out = rows_as_lines([table], lines, page=1)
    assert out[1].text == "2 |  | 35"
    empty = table.rows[1].cells[1]
    assert empty.span is None and empty.lines == []
    assert table.rows[1].cells[2].span.raw == "35"


def test_words_outside_the_cells_stay_on_their_line():
    table = _table([HEAD, [("1", (100, 400, 300, 500), 95.0), ("Xã A", (300, 400, 700, 500), 90.0),
                           ("12", (700, 400, 1000, 500), 90.0)]])
    # one line ran from the margin note into the table's first row
    words, text = [], ""
    for t, b in [("Ghi", (10, 430, 60, 470)), ("1", (150, 430, 170, 470)), ("Xã", (350, 430, 400, 470)),
                 ("A", (410, 430, 440, 470)), ("12", (750, 430, 800, 470))]:
        text += " " if text else ""
        words.append(Word(text=t, box=b, conf=90.0, start=len(text), end=len(text) + len(t)))
        text += t
    lines = [Line(number=1, text=text, words=words, box=(10, 430, 800, 470), block=1)]
    out = rows_as_lines([table], lines, page=1)
    assert [ln.text for ln in out] == ["STT | Đơn vị | Tiếp nhận", "1 | Xã A | 12", "Ghi"]
    ghi = next(ln for ln in out if ln.text == "Ghi")
    assert ghi.box == (10, 430, 60, 470) and ghi.words[0].start == 0


def test_a_table_the_page_pass_did_not_read_goes_before_the_first_line_below_it():
    table = _table([[("a", (100, 300, 300, 400), 80.0), ("b", (300, 300, 700, 400), 80.0)],
                    [("", (100, 400, 300, 500), None), ("", (300, 400, 700, 500), None)]])
    lines = _page([("trên", (100, 200, 200, 240), 1), ("dưới", (100, 600, 200, 640), 2)])
    out = rows_as_lines([table], lines, page=1)
    assert [ln.text for ln in out] == ["trên", "a | b", "dưới"]  # the empty row gives no line
    assert table.rows[0].cells[1].span.line == 2 and table.rows[0].cells[1].span.raw == "b"


def test_no_table_leaves_the_lines_as_they_are():
    lines = _page([("trên", (100, 200, 200, 240), 1)])
    assert rows_as_lines([], lines, page=1) is lines
