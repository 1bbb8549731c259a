import cv2
import numpy as np
import pytest

from pipeline.context import OCRSettings
from pipeline.ocr import preprocess


def text_page(h=900, w=1200):
    img = np.full((h, w), 255, np.uint8)
    for i, y in enumerate(range(80, h - 80, 60)):
        cv2.putText(img, f"Ban chi dao van dong hien mau {i}", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    return img


def test_red_stamp_and_blue_ink_removed_black_text_kept():
    rgb = np.full((200, 200, 3), 255, np.uint8)
    rgb[20:40, 20:180] = (20, 20, 24)  # print
    cv2.circle(rgb, (100, 120), 60, (205, 32, 45), 6)  # stamp
    cv2.line(rgb, (20, 180), (180, 170), (30, 50, 150), 4)  # signature
    out = preprocess.remove_colour_ink(rgb)
    assert out[25, 100] < 50
    assert out[120, 40] >= 200 and out[178, 60] >= 140  # the stamp and the signature turn to paper


@pytest.mark.parametrize("angle", [-2.5, -1.0, 1.4, 2.8])
def test_skew_angle_found(angle):
    page = preprocess.rotate(text_page(), angle)
    found = preprocess.skew_angle(page)
    assert abs(found + angle) < 0.3 or abs(found - angle) < 0.3
    level = preprocess.rotate(page, found)
    assert abs(preprocess.skew_angle(level)) < 0.3


def _tilted(page: np.ndarray, angle: float) -> np.ndarray:
    """``page`` turned by ``angle`` degrees onto a larger sheet of paper (nothing cut off at the corners)."""
    h, w = page.shape
    sheet = np.full((2 * h, 2 * w), 255, np.uint8)
    sheet[h // 2:h // 2 + h, w // 2:w // 2 + w] = page
    return cv2.warpAffine(sheet, cv2.getRotationMatrix2D((w, h), angle, 1.0), (2 * w, 2 * h), borderValue=255)


@pytest.mark.parametrize("angle", [-8.0, 8.0])
def test_a_tilt_beyond_the_usual_search_is_found_when_the_best_lies_at_its_edge(angle):
    page = _tilted(text_page(), angle)
    found = preprocess.skew_angle(page)
    assert abs(abs(found) - abs(angle)) < 0.3 and abs(preprocess.skew_angle(preprocess.rotate(page, found))) < 0.3


def test_a_steep_tilt_is_searched_for_only_beyond_the_usual_search():
    from pipeline.ocr import orientation

    assert orientation.steep_tilt(_tilted(text_page(), 2.0)) is None  # the usual deskew's business
    found = orientation.steep_tilt(_tilted(text_page(), -14.0))
    assert found is not None and abs(abs(found) - 14.0) < 0.5  # searched every degree, then every tenth


def test_a_negative_is_told_from_a_sheet_on_a_black_lid():
    page = text_page()
    assert not preprocess.is_negative(page)
    assert preprocess.is_negative(255 - page)
    ruled = page.copy()
    ruled[40:860:120, 30:1170] = 0  # a table's rulings: in the negative, long light lines, still no paper
    ruled[40:860, 30:1170:380] = 0
    assert preprocess.is_negative(255 - ruled)
    lid = np.zeros((1400, 1500), np.uint8)  # a sheet scanned on a black lid: most of the image dark
    lid[250:1150, 150:1350] = page
    assert (lid < 128).mean() > preprocess.NEGATIVE_DARK and not preprocess.is_negative(lid)


def test_speckles_removed_but_dots_near_letters_kept():
    bw = np.full((300, 300), 255, np.uint8)
    bw[100:140, 100:110] = 0  # a letter stroke
    bw[145:150, 102:107] = 0  # its dot below (ạ)
    bw[20:23, 250:253] = 0  # dust far away
    mask = preprocess.speckle_mask(bw)
    assert mask[21, 251] and not mask[147, 104] and not mask[120, 105]


def test_clean_page_steps_switchable_and_resample_to_target_dpi():
    page = text_page()
    off = OCRSettings(remove_stamps=False, deskew=False, denoise=False, binarize=False)
    out, info = preprocess.clean_page(page, off, 300)
    assert out is page and info["scale"] == 1.0
    out, info = preprocess.clean_page(page, OCRSettings(), 600)  # a 600 dpi scan: reduced to 300
    assert info["scale"] == 0.5 and out.shape == (450, 600)


def test_bilevel_pages_are_not_resampled():
    fax = np.where(text_page() > 128, 255, 0).astype(np.uint8)
    out, info = preprocess.clean_page(fax, OCRSettings(deskew=False), 200)
    assert info["scale"] == 1.0 and out.shape == fax.shape


def test_a_bilevel_page_is_read_softened_and_a_grey_one_as_it_is():
    page = text_page()
    fax = np.where(page > 128, 255, 0).astype(np.uint8)
    _, info = preprocess.clean_page(fax, OCRSettings(deskew=False), 200)
    assert info["plan"].soften > 0
    soft = preprocess.soften(fax, info["plan"].soften)
    assert soft.shape == fax.shape and len(np.unique(soft)) > 2  # grey edges
    assert np.array_equal(soft > 128, fax > 128) or np.mean((soft > 128) != (fax > 128)) < 0.01  # same letters
    _, info = preprocess.clean_page(page, OCRSettings(deskew=False), 200)
    assert info["plan"].soften == 0


def test_a_skew_is_corrected_only_when_a_line_drifts_by_a_quarter_of_an_x_height():
    from pipeline.ocr.preprocess import worth_rotating
    assert not worth_rotating(0.15, 1700, 27.0)  # 4.5 px over the page: Tesseract follows it
    assert worth_rotating(0.3, 1700, 27.0)  # 8.9 px: table rulings would be read skewed
    assert worth_rotating(1.5, 1700, 27.0)  # 44 px: rotated
    assert not worth_rotating(0.05, 20000, 27.0)  # under a tenth of a degree: never


def test_a_bilevel_page_of_large_text_is_read_reduced_and_its_boxes_come_back_at_its_own_size():
    from pipeline.ocr import _read_resampled
    from pipeline.ocr.measure import PageStats
    from pipeline.ocr.tesseract import TWord

    def stats(x_height, bilevel):
        return PageStats(width=2480, height=3508, dpi=300, bilevel=bilevel, colour=0.0, paper=255.0, ink=0.0,
                         shading=0.0, x_height=x_height, stroke=3.0, specks=0.0, components=500, border=(0, 0, 0, 0))

    big = stats(30.0, True)  # text of a 333 dpi page
    plan = preprocess.plan(big, OCRSettings())
    assert plan.read_scale == pytest.approx(preprocess.READ_TEXT_DPI / big.text_dpi)
    assert preprocess.plan(stats(15.0, True), OCRSettings()).read_scale == 1.0  # small print: as it is
    assert preprocess.plan(stats(30.0, False), OCRSettings()).read_scale == 1.0  # a grey page: as it is
    seen = {}

    def read(image, dpi=None):
        seen["shape"], seen["dpi"] = image.shape, dpi
        return [TWord("chữ", 50, 25, 100, 20, 90.0, 1, 1, 1)]

    [w] = _read_resampled(read, np.full((400, 600), 255, np.uint8), 0.5, 300)
    assert seen == {"shape": (200, 300), "dpi": 150}
    assert (w.left, w.top, w.width, w.height) == (100, 50, 200, 40)


@pytest.mark.slow
def test_a_negative_page_reads_as_the_print_it_copies():
    from pathlib import Path

    from PIL import Image

    from pipeline.ocr import ocr_array

    scan = Path(__file__).resolve().parents[1] / "corpus" / "scans" / "clean" / "pages" / "2024_tam-duong_bc-111-p1.png"
    im = Image.open(scan).convert("L")
    header = np.asarray(im.crop((0, 0, im.width, 900)))
    lines, info = ocr_array(header, 300, OCRSettings())
    inverted, ninfo = ocr_array(255 - header, 300, OCRSettings())
    assert ninfo["negative"] and not info["negative"]
    assert [l.text for l in inverted] == [l.text for l in lines] and len(lines) >= 8
