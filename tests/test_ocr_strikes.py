"""A pen's line through or under a passage of text, found and filled (``pipeline.ocr.strikes``)."""

import cv2
import numpy as np
import pytest
from corpus_pages import page_and_truth, read_text
from PIL import Image, ImageDraw, ImageFont

from bench.ocr import cer
from pipeline.ocr import rulings, strikes
from training.render import font_path
SIZE = 40  # px: the font's size (an x-height of about 18 px, a 12 pt line at 300 dpi)
LINES = ["Ban chỉ đạo vận động hiến máu tình nguyện tỉnh Lai Châu",
         "đã tổ chức được 12 đợt hiến máu, tiếp nhận 1.250 đơn vị máu",
         "đạt 104,2% kế hoạch năm được giao, vượt chỉ tiêu đề ra"]


def page_with_table() -> tuple[np.ndarray, list[int]]:
    """Three lines of text, a rule with paper on both sides under them, and a ruled table whose cells hold
    figures close to their rules; returns the page and the middle of each line's letters (y)."""
    img = Image.new("L", (1700, 1300), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path("")), SIZE)
    middles = []
    for i, line in enumerate(LINES):
        y = 120 + i * 90
        draw.text((100, y), line, font=font, fill=0)
        x0, y0, x1, y1 = draw.textbbox((100, y), "a", font=font)
        middles.append((y0 + y1) // 2)
    draw.line([(600, 470), (1100, 470)], fill=0, width=3)  # a separator: paper above and below
    for x in (100, 600, 1100, 1600):
        draw.line([(x, 600), (x, 1100)], fill=0, width=3)
    for y in range(600, 1101, 60):
        draw.line([(100, y), (1600, y)], fill=0, width=3)
        if y < 1100:
            for x in (110, 610, 1110):  # figures that nearly touch the rule above them
                draw.text((x, y + 4), "1.250 đơn vị", font=font, fill=0)
    return np.asarray(img).copy(), middles


def struck(page: np.ndarray, y: int, x0: int = 150, x1: int = 1150, thick: int = 3) -> np.ndarray:
    out = page.copy()
    cv2.line(out, (x0, y), (x1, y + 2), 20, thick)  # a pen, not a ruler: a little off level
    return out


def find(page: np.ndarray) -> list[strikes.Strike]:
    return strikes.find(page, 18.0, avoid=rulings.region_boxes(rulings.ruled_regions(page)))


def test_a_line_through_letters_is_a_strike_and_rules_with_paper_beside_them_are_not():
    page, middles = page_with_table()
    assert find(page) == []  # the table's rules, the separator, the letters' own runs: none
    found = find(struck(page, middles[1]))
    assert len(found) == 1
    x0, y0, x1, y1 = found[0].box
    assert abs(x0 - 150) <= 5 and abs(x1 - 1150) <= 5 and y0 >= middles[1] - 4 and y1 <= middles[1] + 7
    under = find(struck(page, middles[2] + 12))  # a line drawn under a passage, against its letters' feet
    assert len(under) == 1
    across_table = struck(page, 750, 120, 1580)  # through a table's row: the table's cells are read apart
    assert find(across_table) == []
    assert strikes.find(page, 0.0) == [] and strikes.find(np.full((50, 60), 255, np.uint8), 18.0) == []


def test_a_frames_rule_against_its_words_is_no_strike_though_the_frame_was_not_found():
    """An incoming-mail stamp's rule under its title, the letters against it: its ends meet the frame's sides
    (taller than any letter), even where a blurred copy hid the frame from the ruling finder."""
    img = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path("")), SIZE)
    draw.rectangle([(200, 100), (900, 400)], outline=0, width=3)
    draw.text((230, 112), "VĂN PHÒNG CHÍNH PHỦ", font=font, fill=0)
    y = draw.textbbox((230, 112), "VĂN PHÒNG CHÍNH PHỦ", font=font)[3] + 2
    draw.line([(200, y), (900, y)], fill=0, width=3)  # the rule right under the title's letters
    draw.text((230, y + 3), "ĐẾN  ngày 28 tháng 4 năm 2026", font=font, fill=0)
    page = np.asarray(img)
    assert strikes.find(page, 18.0) == []
    loose = page.copy()
    loose[:, 195:210] = 255
    loose[:, 895:910] = 255  # the same rule without the frame's sides: a line against letters
    assert len(strikes.find(loose, 18.0)) == 1


def test_a_strike_is_filled_from_above_and_below_letters_crossing_it_stay():
    page, middles = page_with_table()
    y = middles[0]
    dirty = struck(page, y)
    clean = strikes.erase(dirty, find(dirty))
    band = slice(y - 3, y + 6)
    cols = np.arange(160, 1140)
    paper = (page[band, cols] > 200).all(axis=0)  # columns where no letter crosses the line
    letters = (page[y, cols] < 100) & (page[y - 3, cols] < 100) & (page[y + 6, cols] < 100)  # a stem through it
    assert (clean[band, cols[paper]] > 200).mean() > 0.97  # paper again where the paper was
    assert (clean[y, cols[letters]] < 128).mean() > 0.9  # the letters' stems are whole again
    assert np.abs(clean.astype(int) - page.astype(int)).sum() < 0.1 * np.abs(dirty.astype(int) - page.astype(int)).sum()
    fax = np.where(dirty < 128, 0, 255).astype(np.uint8)
    filled = strikes.erase(fax, find(fax))
    assert set(np.unique(filled)) <= {0, 255}  # a fax stays bi-level
    assert strikes.erase(page, []) is page


@pytest.mark.slow
def test_a_page_struck_through_reads_as_the_clean_page():
    page, gt = page_and_truth()
    h, w = page.shape
    # the middle of a line of text in the page's middle third: the row of most ink there
    rows = (page[h // 3: 2 * h // 3, w // 5: 4 * w // 5] < 128).sum(axis=1)
    y = h // 3 + int(np.argmax(rows))
    dirty = page.copy()
    cv2.line(dirty, (int(w * 0.15), y), (int(w * 0.7), y + 3), 20, 3)
    text, info = read_text(dirty)
    assert info["strikes"] >= 1
    got = cer(gt, text)[0]
    assert got <= cer(gt, read_text(page)[0])[0] + 15
    assert got < cer(gt, read_text(dirty, remove_strikes=False)[0])[0]
