"""The table bands (``tables.read_bands``): the rows of the page's tables read on a strip of the page, words back
in page pixels; and the page reader hands a bi-level page's strip over resampled, as it does its text."""

import numpy as np
import pytest

from pipeline.ocr import rulings, tables
from pipeline.ocr.tesseract import TWord


def _grid(y0: float, y1: float) -> rulings.Grid:
    return rulings.Grid(xs=[100.0, 500.0, 900.0], ys=[y0, (y0 + y1) / 2, y1], vcov=np.ones((2, 3)),
                        hcov=np.ones((3, 2)))


def test_the_strip_holds_the_bands_alone_and_words_come_back_in_page_pixels():
    page = np.full((2000, 1000), 255, np.uint8)
    page[100:150] = 0  # text above the first table, in the strip's range but in no band
    page[400:600] = 10  # first table's rows
    page[700:760] = 20  # text between the tables
    page[1200:1400] = 30  # second table's rows
    page[1900:1950] = 0  # text below every table
    dpi = 300
    pad = round(tables.BAND_PAD * dpi)
    top = 400 - pad  # the strip runs from the first band's top, less its pad, to the last band's bottom
    seen = []

    def read(strip):
        seen.append(strip.copy())
        # a word in the first table, one between the tables, one in the second table (in the strip's pixels)
        return [TWord("12", 150, 450 - top, 40, 30, 90.0, 1, 1, 1),
                TWord("gap", 150, 720 - top, 40, 30, 90.0, 1, 1, 2),
                TWord("34", 550, 1300 - top, 40, 30, 90.0, 1, 1, 3)]

    words = tables.read_bands(page, [_grid(400, 600), _grid(1200, 1400)], read, dpi)
    strip = seen[0]
    assert strip.shape == (1400 + pad - top, 1000)
    assert (strip[400 - top:600 - top] == 10).all()
    assert (strip[700 - top:760 - top] == 255).all()  # the page between the bands is blanked
    assert (strip[1200 - top:1400 - top] == 30).all()
    assert [(w.text, w.top) for w in words] == [("12", 450), ("34", 1300)]  # page pixels; the gap's word dropped


def test_no_grid_reads_nothing():
    calls = []
    assert tables.read_bands(np.zeros((50, 50), np.uint8), [], lambda s: calls.append(s) or [], 300) == []
    assert calls == []


@pytest.mark.slow
def test_a_bilevel_pages_bands_are_read_resampled_as_its_text_and_the_table_still_reads(monkeypatch):
    from test_ocr_tables import DATA, table_page

    from pipeline.context import OCRSettings
    from pipeline.ocr import ocr_array, tesseract

    img, _ = table_page()
    fax = np.where(img < 128, 0, 255).astype(np.uint8)  # bi-level, as a fax comes
    handed = []
    real = tesseract.ocr_image

    def spy(image, **kw):
        handed.append((image.shape, kw.get("psm"), kw.get("rect")))
        return real(image, **kw)

    monkeypatch.setattr(tesseract, "ocr_image", spy)
    _, info = ocr_array(fax, 300, OCRSettings())
    plan = info["plan"]
    assert plan.read_scale < 1  # a bi-level page of large text is read reduced
    bands = [shape for shape, psm, rect in handed if psm == tables.BAND_PSM and rect is None
             and shape[1] == round(fax.shape[1] * plan.read_scale)]
    assert len(bands) == 1 and bands[0][0] < 0.5 * fax.shape[0] * plan.read_scale  # a strip, reduced
    [t] = info["tables"]
    assert [[c.text for c in r.cells] for r in t.rows[2:]] == DATA


def test_a_grey_pages_bands_are_read_on_the_whole_page():
    page = np.full((1000, 400), 255, np.uint8)
    page[300:500] = 40
    seen = []
    words = tables.read_bands(page, [_grid(300, 500)], lambda image: seen.append(image) or
                              [TWord("7", 150, 400, 20, 30, 90.0, 1, 1, 1)], 300, strip=False)
    assert seen[0].shape == page.shape and [w.top for w in words] == [400]
