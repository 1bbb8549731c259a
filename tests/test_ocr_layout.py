from pipeline.ocr.layout import OWord, lines_from_words


def row(y, *spans, group=None):
    """Words at height y: spans are (x0, text) with 10 px per character."""
    return [OWord(t, (x, y, x + 10 * len(t), y + 20), 90.0, group or (y,)) for x, t in spans]


def test_two_column_header_reads_left_column_first():
    words = (row(0, (0, "UBND"), (60, "HUYỆN"), (500, "CỘNG"), (550, "HÒA"))
             + row(30, (20, "BCĐ"), (520, "Độc"), (560, "lập"))
             + row(60, (0, "Số:"), (40, "111/BC-BCĐ"), (500, "Tam"), (540, "Đường"))
             + row(100, (0, "BÁO CÁO DÀI TOÀN DÒNG CHẠY QUA HAI CỘT CỦA TRANG NÀY"))
             )
    texts = [l.text for l in lines_from_words(words)]
    assert texts == ["UBND HUYỆN", "BCĐ", "Số: 111/BC-BCĐ", "CỘNG HÒA", "Độc lập", "Tam Đường",
                     "BÁO CÁO DÀI TOÀN DÒNG CHẠY QUA HAI CỘT CỦA TRANG NÀY"]


def test_justified_body_lines_stay_whole_and_offsets_point_into_text():
    words = row(0, (0, "Ban"), (45, "Chỉ"), (95, "đạo"), (150, "vận"), (200, "động")) + row(30, (0, "HMTN"), (50, "huyện"))
    lines = lines_from_words(words)
    assert [l.number for l in lines] == [1, 2]
    assert lines[0].text == "Ban Chỉ đạo vận động"
    for w in lines[0].words:
        assert lines[0].text[w.start:w.end] == w.text
    assert lines[0].box == (0, 0, 240, 20)


def test_source_line_split_at_a_column_gap():
    # one Tesseract line that runs across the gutter is cut in two
    words = row(0, (0, "Nơi"), (40, "nhận:"), (600, "TM."), (640, "BAN"), group=(1, 1, 1)) + \
        row(30, (0, "-"), (20, "Lưu"), (60, "VT."), (620, "PHÓ"), (660, "TRƯỞNG"), group=(1, 1, 2))
    assert [l.text for l in lines_from_words(words)] == ["Nơi nhận:", "- Lưu VT.", "TM. BAN", "PHÓ TRƯỞNG"]


def test_no_words_no_lines():
    assert lines_from_words([]) == []
