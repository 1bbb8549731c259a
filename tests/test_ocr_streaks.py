"""Streaks a dirty scanner glass or fax head draws from edge to edge, found and filled (``pipeline.ocr.streaks``)."""

import cv2
import numpy as np
import pytest
from corpus_pages import page_and_truth, read_text

from bench.ocr import cer
from pipeline.ocr import streaks
from pipeline.ocr.streaks import Streak


def text_page(h=1100, w=850, table=True):
    img = np.full((h, w), 250, np.uint8)
    for i, y in enumerate(range(90, 600, 55)):
        cv2.putText(img, f"Ban chi dao van dong hien mau {i}", (50, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 20, 2)
    if table:  # a ruled table in the lower half: its rulings end inside the margins
        for x in (60, 300, 560, 790):
            cv2.line(img, (x, 640), (x, 1020), 20, 2)
        for y in range(640, 1021, 38):
            cv2.line(img, (60, y), (790, y), 20, 2)
    return img


def streaked(img, xs=(233, 511), gray=60, width=2):
    out = img.copy()
    for x in xs:
        out[:, x:x + width] = gray
    return out


def test_lines_from_edge_to_edge_are_streaks_and_a_tables_rulings_are_not():
    page = text_page()
    assert streaks.find(page) == []  # a table's rulings end at the table
    found = streaks.find(streaked(page))
    assert [(s.axis, s.start, s.stop) for s in found] == [(0, 233, 235), (0, 511, 513)]
    broken = streaked(page, xs=(400,))
    broken[300:500, 400:402] = 250  # a streak the dirt left for a while
    assert streaks.find(broken) == [Streak(0, 400, 402)]
    fax = np.where(page < 128, 0, 255).astype(np.uint8)  # bi-level: Otsu may split anywhere between 0 and 255
    assert streaks.find(streaked(fax, xs=(233, 511), gray=110)) == [Streak(0, 233, 235), Streak(0, 511, 513)]
    across = page.copy()
    across[700:702, :] = 70  # one across the page (a crease, a flatbed's lamp)
    assert streaks.find(across) == [Streak(1, 700, 702)]


def test_borders_wide_bands_and_screens_are_no_streaks():
    page = text_page(table=False)
    bordered = page.copy()
    bordered[:, :60] = 25  # a dark scan border: the border step's
    assert streaks.find(bordered) == []
    shadow = page.copy()
    shadow[:, 400:460] = 90  # a book's gutter shadow: a band, not a line
    assert streaks.find(shadow) == []
    screen = page.copy()
    screen[:, 30:820:4] = 120  # a halftone's columns of dots: a pattern, not dirt
    assert streaks.find(screen) == []
    assert streaks.find(np.full((40, 40), 255, np.uint8)) == []  # too small to say


def test_a_streak_is_filled_from_its_sides_letters_crossing_it_stay():
    page = text_page(table=False)
    y = 90 - 10  # inside the first line of text
    x = int(np.flatnonzero(page[y] < 128)[5])  # a column where a stroke of a letter crosses that row
    dirty = streaked(page, xs=(x,), width=2)
    clean = streaks.erase(dirty, streaks.find(dirty))
    paper_rows = page[:, x - 1] > 200
    assert (clean[paper_rows, x:x + 2] > 200).mean() > 0.97  # paper again where the paper was
    assert clean[y, x] < 128  # the letter's stroke through it is dark again
    rgb = cv2.cvtColor(dirty, cv2.COLOR_GRAY2RGB)
    assert streaks.erase(rgb, streaks.find(dirty)).shape == rgb.shape  # a colour page is filled the same way
    bilevel = np.where(dirty < 128, 0, 255).astype(np.uint8)
    filled = streaks.erase(bilevel, streaks.find(bilevel))
    assert set(np.unique(filled)) <= {0, 255}  # a fax stays bi-level
    assert streaks.erase(page, []) is page


@pytest.mark.slow
def test_a_page_with_streaks_reads_as_the_clean_page():
    page, gt = page_and_truth()
    w = page.shape[1]
    dirty = streaked(page, xs=(int(w * 0.23), int(w * 0.58), int(w * 0.81)), width=3)
    text, info = read_text(dirty)
    assert info["streaks"] == 3
    # left on the page, the three lines cut every line of text into columns (590 edits of 2341 when measured)
    assert cer(gt, text)[0] <= cer(gt, read_text(page)[0])[0] + 5
