"""Page measurement, the clean-up plan, and the promise that no clean-up step removes diacritics."""

import cv2
import numpy as np
import pytest
import real_pages
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from pipeline.context import OCRSettings
from pipeline.ocr import preprocess, reread, safety_net
from pipeline.ocr.measure import measure, median_of_counts
from pipeline.ocr.tesseract import TWord
from training.render import font_path

MARKED = ["ĐỔI BỔ ĐĂNG KÝ NĂM", "QUYẾT ĐỊNH NGƯỜI ỦY"]


def render(lines, size, style="", speckle=0, shade=False, seed=0):
    """Lines in Liberation Serif at ``size`` px on a white page (gray uint8), optionally with dust far
    from the text and a shaded background."""
    font = ImageFont.truetype(str(font_path(style)), size)
    step = int(size * 2.2)
    img = Image.new("L", (int(size * 0.75 * max(map(len, lines))) + 4 * size, step * len(lines) + 4 * size), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((2 * size, 2 * size + i * step), line, font=font, fill=0)
    page = np.array(img)
    rng = np.random.default_rng(seed)
    if speckle:
        h, w = page.shape
        for _ in range(speckle):  # dust in the page's top margin, far from every letter
            y, x = rng.integers(2, size), rng.integers(2, w - 3)
            page[y:y + 2, x:x + 2] = 0
    if shade:
        ramp = np.linspace(0, 60, page.shape[1], dtype=np.float32)[None, :]
        page = np.clip(page.astype(np.float32) - ramp * (page > 128), 0, 255).astype(np.uint8)
    return page


def components(bw):
    return cv2.connectedComponents((bw < 128).astype(np.uint8), connectivity=8)[0] - 1


def mark_components(page):
    """Number of small ink components (marks, dots) on the page: what a despeckler could remove."""
    ink = (page < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    hh = stats[1:, cv2.CC_STAT_HEIGHT]
    return int(np.count_nonzero(hh < 0.5 * np.median(hh)))


@pytest.mark.parametrize("size,style", [(46, "B"), (34, "B"), (22, ""), (16, ""), (16, "I")])
def test_despeckle_keeps_every_diacritic_of_bold_capitals_and_small_print(size, style):
    page = render(MARKED + ["thuộc tỉnh Điện Biên, xã Mường Nhé"], size, style, speckle=12)
    stats = measure(page, 300)
    cleaned, n, _ = preprocess.despeckle(page, stats.x_height)
    margin = size + 3  # the dust is above this row, the text well below it
    assert n > 0 and np.count_nonzero(cleaned[:margin] < 128) < np.count_nonzero(page[:margin] < 128) / 2
    # not one pixel of the text changed: every tone mark, hat, hook and dot is still there
    assert np.array_equal(cleaned[margin:], page[margin:])


def test_single_pixel_dust_on_small_print_is_removed_and_its_marks_kept():
    """A coarse fax (x-height ~10 px): its dust is a pixel across, which a half-size search never sees."""
    page = render(MARKED + ["thuộc tỉnh Điện Biên, xã Mường Nhé"], 14)
    rng = np.random.default_rng(1)
    h, w = page.shape
    dust = [(int(rng.integers(2, 12)), int(rng.integers(2, w - 2))) for _ in range(40)]  # in the top margin
    dusty = page.copy()
    for y, x in dust:
        dusty[y, x] = 0
    stats = measure(dusty, 150)
    assert stats.x_height < preprocess.SPECK_HALF_X_HEIGHT
    cleaned, n, _ = preprocess.despeckle(dusty, stats.x_height)
    assert n >= 30 and all(cleaned[y, x] == 255 for y, x in dust)
    assert np.array_equal(cleaned[14:], page[14:])  # every mark of the text is still there


@pytest.mark.parametrize("size,style", [(46, "B"), (20, "")])
def test_whole_clean_up_keeps_marks(size, style):
    page = render(MARKED, size, style, speckle=8, shade=True)
    cleaned, info = preprocess.clean_page(page, OCRSettings(deskew=False), 300)
    assert info["plan"].flatten and info["plan"].despeckle
    f = info["scale"]
    text_only = preprocess.rescale(render(MARKED, size, style), f)
    rows = slice(int(f * (size + 3)), None)  # below the dusty margin
    assert components(preprocess.otsu(cleaned)[rows]) == components(preprocess.otsu(text_only)[rows])


def test_measure_text_size_border_and_specks():
    page = render(["Ban chỉ đạo vận động hiến máu tình nguyện"] * 8, 28, speckle=0)
    clean = measure(page, 300)
    assert 10 <= clean.x_height <= 18 and clean.specks < 0.02 and clean.border == (0, 0, 0, 0)
    assert not clean.bilevel and clean.colour == 0
    bordered = page.copy()
    bordered[-40:] = 10  # the dark foot a flatbed leaves
    st = measure(bordered, 300)
    assert st.border[1] >= 30 and st.border[0] == 0
    assert preprocess.plan(st, OCRSettings()).border
    out = preprocess.remove_border(bordered, st.border, st.x_height)
    assert (out[-40:] == 255).all() and np.array_equal(out[:-60], bordered[:-60])


def test_punch_hole_removed_letters_kept():
    page = render(["Công văn số 12/UBND"] * 6, 30)
    h, w = page.shape
    cv2.circle(page, (18, h // 2), 16, 0, -1)  # a punch hole in the left margin
    st = measure(page, 300)
    out = preprocess.remove_border(page, (0, 0, 0, 0), st.x_height)
    assert out[h // 2, 18] == 255
    assert mark_components(out) == mark_components(render(["Công văn số 12/UBND"] * 6, 30))


@pytest.mark.parametrize("colour", [(205, 32, 45), (40, 60, 200), (130, 50, 160)])  # red, blue, purple
def test_stamp_of_any_hue_removed_black_text_under_it_kept(colour):
    gray = render(["Phạm Văn Đồng", "Chủ tịch"], 40)
    rgb = np.stack([gray] * 3, axis=2)
    stamp = np.full_like(rgb, 255)
    cy, cx = gray.shape[0] // 2, gray.shape[1] // 2
    cv2.circle(stamp, (cx, cy), min(cy, cx) - 5, colour, 8)
    cv2.putText(stamp, "DEN", (cx - 60, cy + 15), cv2.FONT_HERSHEY_SIMPLEX, 1.5, colour, 5)
    scanned = (rgb.astype(np.uint16) * stamp // 255).astype(np.uint8)  # stamp ink multiplies
    st = measure(scanned, 300)
    assert st.colour > 0 and preprocess.plan(st, OCRSettings()).colour
    out = preprocess.remove_colour_ink(scanned)
    assert out.ndim == 2
    ring = (stamp.min(axis=2) < 200) & (gray > 200)
    assert (out[ring] >= 150).mean() > 0.98  # the ring and its letters turn to light paper
    assert (out[gray < 60] < 90).mean() > 0.98  # black print, under the ring too, stays black


def test_plan_leaves_a_clean_page_alone_and_enlarges_small_text():
    page = render(["Ban chỉ đạo vận động hiến máu"] * 10, 44)
    p = preprocess.plan(measure(page, 300), OCRSettings())
    assert not p.changes_pixels and p.scale == 1.0
    small = render(["Ban chỉ đạo vận động hiến máu"] * 10, 22)
    p = preprocess.plan(measure(small, 300), OCRSettings())
    assert p.scale > 1.2 and not p.changes_pixels


def test_the_safety_net_is_not_asked_for_the_despeckler_alone_on_a_bilevel_page():
    assert preprocess.Plan(despeckle=True).doubtful  # a grey page: the despeckler may have eaten marks
    assert not preprocess.Plan(despeckle=True, soften=0.7).doubtful  # a fax: its raw strokes read worse anyway
    assert preprocess.Plan(despeckle=True, soften=0.7, border=True).doubtful  # another step: compare
    assert not preprocess.Plan().doubtful
    # coloured marks alone: the raw rival has them removed too (black print kept), so it would read the same page
    assert not preprocess.Plan(colour=True).doubtful and preprocess.Plan(colour=True, flatten=True).doubtful


def test_the_safety_net_s_raw_page_has_no_stamp_but_keeps_the_print_under_it():
    gray = render(["Ban chỉ đạo vận động hiến máu"] * 6, 44, shade=True)  # shaded paper: a doubtful plan
    rgb = np.dstack([gray] * 3).copy()
    h, w = gray.shape
    centre, radius = (w // 2, h // 2), h // 3
    ring = np.zeros_like(gray)
    cv2.circle(ring, centre, radius, 255, 6)
    red = (ring > 0) & (gray > 128)  # the stamp's ring over the paper, not over the print
    rgb[red] = (200, 30, 40)
    _, info = preprocess.clean_page(rgb, OCRSettings(), 300, keep_raw=True)
    assert info["plan"].colour and info["plan"].doubtful
    raw = info["raw"]
    assert raw[red].mean() > 150  # the ring is gone from the raw page as from the cleaned one
    print_under = (ring > 0) & (gray < 80)
    assert raw[print_under].mean() < 110  # the black print it crossed stays


def test_speckles_far_from_letters_go_stacked_marks_stay():
    bw = np.full((300, 300), 255, np.uint8)
    bw[100:140, 100:130] = 0  # a capital
    bw[90:95, 108:122] = 0  # its hat, close above
    bw[82:86, 112:116] = 0  # the hook above the hat: within reach of the hat only
    bw[20:23, 250:253] = 0  # dust far away
    mask = preprocess.speckle_mask(bw, max_area=80, reach=9)
    assert mask[21, 251] and not mask[84, 114] and not mask[92, 110]


def _w(text, conf, block=1, x=0):
    return TWord(text, x, 0, 40, 20, conf, block, 1, 1)


def test_safety_net_rereads_only_doubtful_blocks_and_keeps_the_better():
    good = [_w("Ủy", 95, 1), _w("ban", 96, 1, 50)]
    bad = [_w("Ngbị", 40, 2), _w("đjnh", 35, 2, 50)]
    asked = []

    def raw(rect):
        asked.append(rect)
        return [_w("Nghị", 90, 7), _w("định", 91, 7, 50)]

    words, tried, replaced = safety_net.keep_better(good + bad, raw)
    assert tried == 1 and replaced == 1 and len(asked) == 1
    assert [w.text for w in words] == ["Ủy", "ban", "Nghị", "định"]
    words, tried, replaced = safety_net.keep_better(good + bad, lambda rect: [_w("x#", 20)])
    assert replaced == 0 and [w.text for w in words][2:] == ["Ngbị", "đjnh"]


def test_reread_keeps_plausible_words_drops_garbage():
    assert reread.plausible("KT.") and reread.plausible("28/4/2026") and reread.plausible("Cường,")
    assert not reread.plausible("=<") and not reread.plausible(";40À") and not reread.plausible("PhanếManh")
    # a word and a number set side by side ("437 đơn vị máu/400 đơn vị chỉ tiêu"), each plausible
    assert reread.plausible("máu/400") and not reread.plausible("xq/400")


def test_text_size_is_the_lettering_not_the_dust_that_outnumbers_it():
    # a signature page: two short lines and far more dust dots, scattered over the whole page
    page = render(["Nơi nhận: như trên", "Lưu: VT, VP"], 40)
    page = np.pad(page, ((0, 1400), (0, 600)), constant_values=255)
    rng = np.random.default_rng(3)
    h, w = page.shape
    for _ in range(400):
        y, x = rng.integers(0, h - 8), rng.integers(0, w - 8)
        if page[max(0, y - 60):y + 60, max(0, x - 60):x + 60].min() > 128:  # dust lies apart from the letters
            page[y:y + 7, x:x + 6] = 0
    st = measure(page, 300)
    plain = measure(render(["Nơi nhận: như trên", "Lưu: VT, VP"], 40), 300)
    assert plain.x_height >= 16 and abs(st.x_height - plain.x_height) <= 2


def test_a_doubtful_word_between_two_sure_ones_of_its_line_is_held_unless_it_spans_a_gutter():
    from pipeline.ocr import _held_in_line

    def w(text, left, width, conf, line=1):
        return TWord(text, left, 100 * line, width, 45, conf, 1, 1, line)

    words = [w("hiển", 428, 90, 74), w("múu:", 534, 99, 0), w("392", 656, 71, 96),
             # a header's two columns: a garbled word stretched across the gutter between them
             w("HUYỆN", 100, 200, 93, 2), w("TAM-ĐƯỜNG-':", 310, 560, 22, 2), w("CỘNG", 880, 150, 97, 2),
             w("x#", 100, 30, 5, 3), w("~", 140, 10, 3, 3), w("ok", 160, 40, 95, 3)]
    held = _held_in_line(words)
    assert [x.text for x in words if id(x) in held] == ["múu:"]


@real_pages.needs("real_hanoi_qd_2280_water_p1")
def test_reread_finds_a_line_set_close_under_a_read_one_whose_tops_the_word_margin_took():
    # a real page's last line, "- Lưu: VT, ĐTDG", 1.2 line heights under the line above: Tesseract's page layout
    # read no word of it, and the region of its unread ink lost its capitals' tops to the margin blanked around
    # the words above; read as found it gave nothing, read grown back by that margin it gives the line
    lines, info = real_pages.read("real_hanoi_qd_2280_water_p1")
    assert info["reread_words"] >= 3
    assert any(l.text.startswith("- Lưu: VT,") for l in lines)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 255), min_size=1, max_size=400))
def test_median_of_counts_is_numpys_median(values):
    counts = np.bincount(np.array(values, np.uint8), minlength=256)
    assert median_of_counts(counts) == float(np.percentile(values, 50))
