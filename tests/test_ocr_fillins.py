"""A number written by hand in a field of print, read again as one number (``pipeline.ocr.fillins``)."""

import numpy as np
import real_pages

from pipeline.ocr import fillins
from pipeline.ocr.tesseract import TWord


def _w(text, left, conf, top=370, width=20, height=34):
    return TWord(text, left, top, width, height, conf, 1, 1, 1)


def _reader(answers, calls):
    def read(image, **kw):
        calls.append((image.shape, kw.get("psm"), kw.get("whitelist")))
        return answers.pop(0) if answers else []
    return read


def test_a_doubtful_mark_beside_a_digit_is_read_again_with_it_as_one_number(monkeypatch):
    words = [_w("Số:", 238, 97.0, width=46), _w("2", 309, 93.0), _w("{", 348, 60.0, width=13),
             _w("/2026/TT-BCT", 382, 93.0, width=232)]
    calls = []
    monkeypatch.setattr(fillins.tesseract, "ocr_image", _reader([[_w("21", 5, 85.0)]], calls))
    assert fillins.fill_ins(np.full((800, 1600), 255, np.uint8), words, lang="vie", dpi=200) == 1
    assert [(w.text, w.conf) for w in words] == [("Số:", 97.0), ("21", 85.0), ("/2026/TT-BCT", 93.0)]
    assert (words[1].left, words[1].width) == (309, 348 + 13 - 309)  # the run's box
    assert len(calls) == 1 and calls[0][1:] == (8, "0123456789")


def test_a_reading_that_is_no_surer_or_no_number_changes_nothing(monkeypatch):
    words = [_w("2", 309, 93.0), _w("†", 348, 60.0, width=13), _w("năm", 420, 96.0), _w("8", 500, 92.0),
             _w("l", 530, 40.0, width=8)]
    before = [(w.text, w.conf, w.left) for w in words]
    calls = []
    # "21" read less surely than the token; nothing read for the second run
    monkeypatch.setattr(fillins.tesseract, "ocr_image", _reader([[_w("21", 5, 55.0)], []], calls))
    assert fillins.fill_ins(np.full((800, 1600), 255, np.uint8), words, lang="vie", dpi=200) == 0
    assert [(w.text, w.conf, w.left) for w in words] == before and len(calls) == 2


def test_doubtful_words_and_marks_far_from_digits_are_not_read_again(monkeypatch):
    words = [_w("và", 100, 40.0, width=40), _w("2", 150, 95.0), _w("-", 400, 30.0, width=10), _w("2026", 600, 95.0),
             _w("“", 700, 50.0, width=10), _w("Đỏ", 720, 90.0, width=40)]
    calls = []
    monkeypatch.setattr(fillins.tesseract, "ocr_image", _reader([], calls))
    assert fillins.fill_ins(np.full((800, 1600), 255, np.uint8), words, lang="vie", dpi=200) == 0
    assert calls == []  # a word ("và"), a dash far from the digits, a quote beside a word: none is a fill-in


@real_pages.needs("real_tt_21_bct_fuel_p1")
def test_a_handwritten_number_in_a_real_pages_number_field_is_read_whole():
    # "Số: 21 /2026/TT-BCT", the 21 written by hand: read word by word its 1 was a "{"
    lines, info = real_pages.read("real_tt_21_bct_fuel_p1")
    assert info["fill_ins"] >= 1
    assert any(l.text.replace(" ", "").startswith("Số:21/2026/TT-BCT") for l in lines)
