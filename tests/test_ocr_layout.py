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


def test_a_paragraph_end_below_a_line_with_a_wide_gap_stays_after_it():
    # a justified line whose middle word was dropped as garbage leaves a wide gap above the paragraph's
    # short last line; the two rows are no two-column block: the end of the line must not move below
    words = (row(0, (0, "Ban Chỉ đạo vận động hiến máu tình nguyện huyện đã tổ chức"))
             + row(30, (0, "tuyên truyền"), (400, "tới các xã"))
             + row(60, (0, "thị trấn."))
             )
    assert [l.text for l in lines_from_words(words)][-3:] == ["tuyên truyền", "tới các xã", "thị trấn."]


def test_words_in_a_ruled_frame_are_read_as_a_unit_after_the_lines_above_its_bottom():
    # an incoming-mail stamp ruled round between the issuer and the motto of a two-column header
    words = (row(0, (0, "UBND"), (50, "HUYỆN"), (500, "CỘNG"), (550, "HÒA"))
             + row(30, (0, "Số:"), (40, "12/BC"), (500, "Độc"), (540, "lập"))
             + row(10, (300, "ĐẾN"))
             + row(40, (300, "Số:"), (340, "5"))
             + row(100, (0, "BÁO CÁO KẾT QUẢ CÔNG TÁC HIẾN MÁU TÌNH NGUYỆN CẢ NĂM"))
             )
    frame = (290, 5, 400, 65)
    texts = [l.text for l in lines_from_words(words, [frame])]
    assert texts[-3:] == ["ĐẾN", "Số: 5", "BÁO CÁO KẾT QUẢ CÔNG TÁC HIẾN MÁU TÌNH NGUYỆN CẢ NĂM"]
    assert texts[:4] == ["UBND HUYỆN", "Số: 12/BC", "CỘNG HÒA", "Độc lập"]
    # without the frame the stamp's words join the header's rows
    assert [l.text for l in lines_from_words(words)] != texts


def test_a_speck_read_as_a_mark_in_the_gutter_does_not_join_the_two_header_columns():
    # OCR read a speck between the header's columns as "ˆ" (a modifier letter) with low confidence and put
    # both columns on one line: the speck is dropped and the left column is read first
    def spaced(y, x, texts, conf=95.0, group=None):
        out = []
        for t in texts:
            out.append(OWord(t, (x, y, x + 10 * len(t), y + 20), conf, group or (y,)))
            x += 10 * len(t) + 10
        return out

    words = (spaced(0, 0, ["UBND", "HUYỆN", "NẬM", "NHÙN"], group=(1, 1, 1))
             + [OWord("ˆ", (215, 0, 222, 20), 44.0, (1, 1, 1))]
             + spaced(0, 260, ["CỘNG", "HÒA", "XÃ", "HỘI"], group=(1, 1, 1))
             + spaced(30, 0, ["BAN", "CHỈ", "ĐẠO"]) + spaced(30, 270, ["Độc", "lập", "-", "Tự", "do"]))
    assert [l.text for l in lines_from_words(words)] == ["UBND HUYỆN NẬM NHÙN", "BAN CHỈ ĐẠO", "CỘNG HÒA XÃ HỘI",
                                                         "Độc lập - Tự do"]
    # a mark read with confidence, or between single words (a table row's cells), joins as before
    one = spaced(0, 0, ["giai", "đoạn", "2021"], group=(1, 1, 1)) + [OWord("-", (160, 0, 167, 20), 91.0, (1, 1, 1))] \
        + spaced(0, 187, ["2025", "và"], group=(1, 1, 1))
    assert [l.text for l in lines_from_words(one)] == ["giai đoạn 2021 - 2025 và"]
    row = spaced(0, 0, ["5"], group=(2, 1, 1)) + [OWord("_.", (30, 0, 50, 20), 30.0, (2, 1, 1))] + \
        spaced(0, 70, ["652"], group=(2, 1, 1))
    assert [l.text for l in lines_from_words(row)] == ["5 _. 652"]
    # a blob read as "_" with confidence but taller than the capitals beside it is a speck all the same
    tall = spaced(0, 0, ["BỘ", "CÔNG", "THƯƠNG"], group=(3, 1, 1)) + [OWord("_", (150, -10, 160, 30), 68.0, (3, 1, 1))] \
        + spaced(0, 190, ["CỘNG", "HÒA"], group=(3, 1, 1))
    assert [l.text for l in lines_from_words(tall)] == ["BỘ CÔNG THƯƠNG", "CỘNG HÒA"]


def test_a_paragraphs_short_last_line_does_not_cut_the_signature_block_below_it():
    # the paragraph's last line ends short of the signature column and a blank strip lies under it: with the first
    # rows of the block it shares a gutter, which the block's wider title line then closes; the block must still
    # be read list first, signature after
    words = (row(0, (0, "kết quả năm 2022 và kế hoạch năm 2023./."))
             + row(60, (0, "Nơi nhận:"), (520, "TM. BAN CHỈ ĐẠO"))
             + row(90, (0, "- Ban Chỉ đạo tỉnh;"), (520, "PHÓ TRƯỞNG BAN"))
             + row(120, (0, "- Huyện ủy, UBND huyện;"), (300, "CHỦ TỊCH HỘI CHỮ THẬP ĐỎ"))
             + row(150, (0, "- Lưu: VT."))
             + row(250, (520, "Lò Thị Phương"))
             )
    assert [l.text for l in lines_from_words(words)] == [
        "kết quả năm 2022 và kế hoạch năm 2023./.", "Nơi nhận:", "- Ban Chỉ đạo tỉnh;", "- Huyện ủy, UBND huyện;",
        "- Lưu: VT.", "TM. BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN", "CHỦ TỊCH HỘI CHỮ THẬP ĐỎ", "Lò Thị Phương"]


def test_a_list_item_s_last_line_at_the_margin_below_the_items_is_read_in_its_place():
    # the items are indented by their dash; the last item's last line wraps to the page's margin, left of the
    # dash: a gutter runs between it and the items, but the two sides share no height - no columns
    words = (row(0, (0, "a)"), (150, "- Ban Chỉ đạo tỉnh tặng 02 tập thể."))  # (a gutter from here on)
             + row(30, (150, "- Sở Y tế tặng 03 cá nhân."))  # (a blank strip below)
             + row(90, (150, "- UBND tỉnh tặng Bằng khen cho 01 tập thể."))
             + row(120, (150, "- Chủ tịch UBND huyện tặng Giấy khen cho 03 hộ gia"))
             + row(150, (0, "đình."))
             )
    assert [l.text for l in lines_from_words(words)][-3:] == [
        "- UBND tỉnh tặng Bằng khen cho 01 tập thể.", "- Chủ tịch UBND huyện tặng Giấy khen cho 03 hộ gia", "đình."]
    # a left column beside the right one (a "Nơi nhận" list beside a signature) is still read first
    words = (row(0, (0, "Nơi nhận:"), (600, "TM. BAN CHỈ ĐẠO"))
             + row(30, (0, "- Như trên;"), (600, "TRƯỞNG BAN"))
             + row(60, (0, "- Lưu: VT."))
             )
    assert [l.text for l in lines_from_words(words)] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. BAN CHỈ ĐẠO",
                                                         "TRƯỞNG BAN"]
