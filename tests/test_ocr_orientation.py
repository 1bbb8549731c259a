"""Pages fed sideways or upside down (``pipeline.ocr.orientation``): when to ask, how to turn, boxes back."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bench.ocr import cer
from pipeline.model import Line, Word
from pipeline.ocr import orientation

SCANS = Path(__file__).resolve().parents[1] / "corpus" / "scans"
STEM = "2024_tam-duong_bc-111"


def _line(words: list[tuple[str, tuple, float]]) -> Line:
    return Line(1, " ".join(t for t, _, _ in words), [Word(t, b, c) for t, b, c in words])


def test_the_detectors_answer_in_quarter_turns_and_an_unsure_or_missing_answer_is_none():
    # the detector gives the page's clockwise rotation; np.rot90 turns counter-clockwise
    assert orientation.quarter_turns({"degrees": 270, "conf": 9.0}) == 3
    assert orientation.quarter_turns({"degrees": 90, "conf": 4.0}) == 1
    assert orientation.quarter_turns({"degrees": 180, "conf": orientation.OSD_CONF - 0.1}) == 0
    assert orientation.quarter_turns({"degrees": 0, "conf": 20.0}) == 0
    assert orientation.quarter_turns(None) == 0


def test_a_page_is_checked_when_its_words_stand_across_the_text_or_read_as_garbage():
    upright = [_line([("Báo", (10, 10, 60, 30), 95.0), ("cáo", (70, 10, 120, 30), 94.0),
                      ("tình", (130, 10, 190, 30), 96.0), ("hình", (200, 10, 260, 30), 93.0),
                      ("hiến", (270, 10, 330, 30), 92.0), ("máu", (340, 10, 400, 30), 95.0)])]
    assert orientation.worth_checking(upright) == ""
    assert orientation.reading_quality(upright) > 0.9
    across = [_line([(w.text, (w.box[1], w.box[0], w.box[3], w.box[2]), w.conf) for w in upright[0].words])]
    assert orientation.runs_vertical(across) and "taller than wide" in orientation.worth_checking(across)
    garbage = [_line([("ueui", (10, 10, 60, 30), 31.0), ("ọẹq", (70, 10, 120, 30), 22.0),
                      ("nẹỵ", (130, 10, 190, 30), 18.0), ("ɐ", (200, 10, 220, 30), 12.0)])]
    assert "quality" in orientation.worth_checking(garbage)
    assert orientation.worth_checking([]) == "reading quality 0.00"  # a page with no word at all: ask


def _header(turns: int) -> np.ndarray:
    im = Image.open(SCANS / "clean" / "pages" / f"{STEM}-p1.png").convert("L")
    return orientation.turn(np.asarray(im.crop((0, 0, im.width, 900))), turns)


@pytest.mark.slow
def test_a_page_fed_upside_down_is_read_as_the_upright_page_with_its_boxes_on_the_scan():
    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array

    lines, info = ocr_array(_header(0), 300, OCRSettings())
    assert info["turns"] == 0 and info["orientation"] == ""  # an upright page never asks the detector
    flipped, finfo = ocr_array(_header(2), 300, OCRSettings())
    assert finfo["turns"] == 2 and finfo["orientation"].startswith("reading quality")
    assert [l.text for l in flipped] == [l.text for l in lines]
    w, h = finfo["width"], finfo["height"]
    assert (w, h) == (info["width"], info["height"])
    for a, b in zip(lines[0].words, flipped[0].words):  # the box on the scan as fed: the upright box, turned
        assert np.allclose(b.box, (w - a.box[2], h - a.box[3], w - a.box[0], h - a.box[1]), atol=2)


@pytest.mark.slow
def test_a_sideways_image_file_is_read_upright_through_ocr_file(tmp_path):
    from pipeline.context import Context, Settings
    from pipeline.ocr import ocr_file

    f = tmp_path / "sideways.png"
    Image.fromarray(_header(3)).save(f, dpi=(300, 300))  # turned clockwise: Tesseract reads its words, not its order
    doc = ocr_file(f, ctx=Context(settings=Settings(jobs=1)))
    page = doc.pages[0]
    gt = (SCANS / "clean" / f"{STEM}.gt.txt").read_text(encoding="utf-8").split("\f")[0].split("\n")[:9]
    assert cer("\n".join(gt), "\n".join(l.text for l in page.lines[:9]))[0] <= 3  # header and title, in order
    fed = _header(3).shape  # (height, width) of the image as fed: the header's 900 rows are its width now
    s = page.dpi / 300
    assert (page.width, page.height) == pytest.approx((fed[1] * s, fed[0] * s), abs=1)
    for line in page.lines:
        for word in line.words:
            x0, y0, x1, y1 = word.box
            assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
            if len(word.text) >= 4:
                assert y1 - y0 > x1 - x0  # a word across the scan's width stands tall on the page as fed


@pytest.mark.slow
def test_a_page_tilted_beyond_the_usual_deskew_is_levelled_and_read():
    import cv2

    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array

    header = _header(0)
    h, w = header.shape
    sheet = np.full((h + 800, w), 255, np.uint8)
    sheet[400:400 + h] = header
    tilted = cv2.warpAffine(sheet, cv2.getRotationMatrix2D((w / 2, (h + 800) / 2), 12.0, 1.0), (w, h + 800),
                            flags=cv2.INTER_CUBIC, borderValue=255)  # a sheet fed crooked
    lines, info = ocr_array(tilted, 300, OCRSettings())
    gt = (SCANS / "clean" / f"{STEM}.gt.txt").read_text(encoding="utf-8").split("\f")[0].split("\n")[:9]
    assert info["orientation"] and abs(abs(info["angle"]) - 12.0) < 0.5
    assert cer("\n".join(gt), "\n".join(l.text for l in lines[:9]))[0] <= 6  # header and title, in order


def test_a_faint_garbage_page_that_reads_well_mirrored_is_the_reverse_sides_print():
    assert orientation.shows_through(contrast=40, quality=0.38, mirrored_quality=0.92)
    assert not orientation.shows_through(contrast=200, quality=0.38, mirrored_quality=0.92)  # a mirrored print
    assert not orientation.shows_through(contrast=40, quality=0.38, mirrored_quality=0.5)  # faint garbage both ways
    assert not orientation.shows_through(contrast=40, quality=0.75, mirrored_quality=0.85)  # not much better


@pytest.mark.slow
def test_the_blank_back_of_a_sheet_showing_its_front_through_is_read_as_blank():
    import cv2

    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array

    front = _header(0)
    diffused = cv2.GaussianBlur(np.ascontiguousarray(front[:, ::-1]), (0, 0), 2.0).astype(np.float32)
    back = (255 - 0.3 * (255 - diffused)).astype(np.uint8)  # the front's print, mirrored, through the paper
    lines, info = ocr_array(back, 300, OCRSettings())
    assert info["show_through"] and lines == []
    faded = (front.astype(np.float32) * 0.3 + 175).astype(np.uint8)  # faint print of its own: read, not dropped
    lines, info = ocr_array(faded, 300, OCRSettings())
    assert not info["show_through"] and any("CỘNG HÒA" in l.text for l in lines)
