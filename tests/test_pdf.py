"""emit.pdf: searchable PDFs (page images + invisible restored text on the OCR boxes), PDF/A-2b, `vnreports pdf`.

Fast tests draw pages with known word boxes (the boxes PIL measured while drawing the words) and build the
Document OCR would give, so every position is known; the end-to-end tests (slow) run the whole pipeline with
real Tesseract on a page of a committed scan.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.context import Context, OCRSettings, Settings
from pipeline.emit import pdfa, write_outputs
from pipeline.emit.icc import srgb_profile
from pipeline.emit.pdf import (displayed_frame, image_frame, layer_matrix, pdf_path, with_identity, write_pdf,
                               write_pdfs)
from pipeline.emit.textlayer import FONT_FILE, page_skew, place_line, place_page, word_texts
from pipeline.model import DocKind, Document, Identity, Line, Page, PageSource, TokenMap, Word

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "corpus" / "scans"
PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) not installed")
DPI = 150
W, H = 1240, 1754  # A4 at 150 dpi
# (raw OCR text, restored text) per line: the raw text lost its marks, as an old English OCR prints it
LINES = [
    [("Tong", "Tổng"), ("ket", "kết"), ("cong", "công"), ("tac", "tác"), ("hien", "hiến"), ("mau", "máu")],
    [("tinh", "tình"), ("nguyen", "nguyện"), ("nam", "năm"), ("2024", "2024")],
    [("Phuong", "Phương"), ("huong,", "hướng,"), ("nhiem", "nhiệm"), ("vu", "vụ")],
]
IDENTITY = Identity(number=111, symbol="111/BC-BCĐ", type="Báo cáo", issuer="BCĐ VĐHMTN HUYỆN",
                    issuer_parent="UBND HUYỆN TAM ĐƯỜNG", date="2024-11-26", place="Tam Đường", report_year=2024,
                    title="Tổng kết công tác hiến máu tình nguyện năm 2024")


def _font(size: int):
    try:
        return ImageFont.truetype("LiberationSerif-Regular.ttf", size)
    except OSError:
        return ImageFont.load_default()


def draw_page(lines=LINES, size=(W, H), angle: float = 0.0) -> tuple[Image.Image, list[list[tuple]]]:
    """A white page with the restored words printed, tilted by ``angle`` degrees (clockwise, like a skewed
    scan); returns the image and, per line, (raw, restored, box) with the box of each printed word on it."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = _font(36)
    boxes = []
    y = 300
    for line in lines:
        x, row = 150, []
        for raw, restored in line:
            b = draw.textbbox((x, y), restored, font=font)
            draw.text((x, y), restored, fill=0, font=font)
            row.append((raw, restored, b))
            x = b[2] + 22
        boxes.append(row)
        y += 90
    if angle:
        img = img.rotate(-angle, center=(size[0] / 2, size[1] / 2), fillcolor=255)
        boxes = [[(r, s, _rotated_box(b, angle, size)) for r, s, b in row] for row in boxes]
    return img, boxes


def _rotated_box(b, angle, size):
    """Bounding box of box ``b`` turned ``angle`` degrees clockwise about the page centre (y down)."""
    a = math.radians(angle)
    cx, cy = size[0] / 2, size[1] / 2
    pts = [(x, y) for x in (b[0], b[2]) for y in (b[1], b[3])]
    rot = [(cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a), cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
           for x, y in pts]
    return (min(p[0] for p in rot), min(p[1] for p in rot), max(p[0] for p in rot), max(p[1] for p in rot))


def make_line(n: int, row: list[tuple], restored: bool) -> Line:
    """The Line OCR + restoration give: raw words with boxes, and the restored text with its token map."""
    words, tokens, raw, rest = [], [], "", ""
    for word_raw, word_rest, box in row:
        if raw:
            raw, rest = raw + " ", rest + " "
        words.append(Word(text=word_raw, box=tuple(box), conf=90.0, start=len(raw), end=len(raw) + len(word_raw)))
        tokens.append(TokenMap(raw=word_raw, restored=word_rest, raw_start=len(raw), raw_end=len(raw) + len(word_raw),
                               rest_start=len(rest), rest_end=len(rest) + len(word_rest)))
        raw, rest = raw + word_raw, rest + word_rest
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words), max(w.box[2] for w in words),
           max(w.box[3] for w in words))
    return Line(number=n, text=raw, words=words, box=box, restored=rest if restored else None,
                tokens=tokens if restored else [])


def make_doc(rel: str, kind: DocKind, pages_boxes: list[list[list[tuple]]], *, restored=True, size=(W, H),
             dpi=DPI) -> Document:
    pages = [Page(number=i + 1, lines=[make_line(n + 1, row, restored) for n, row in enumerate(rows)],
                  width=float(size[0]), height=float(size[1]), dpi=dpi, source=PageSource.TESSERACT)
             for i, rows in enumerate(pages_boxes)]
    return Document(doc_id=Path(rel).stem, path=rel, sha256="0" * 64, kind=kind, pages=pages, identity=IDENTITY)


def bbox_words(path: Path) -> list[list[tuple[str, tuple[float, float, float, float], float, float]]]:
    """Per page, poppler's words (text, box in displayed points, page width, page height)."""
    out = subprocess.run([PDFTOTEXT, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        pw, ph, body = float(page[0]), float(page[1]), page[2]
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)
        pages.append([(unescape(t), tuple(map(float, (a, b, c, d))), pw, ph) for a, b, c, d, t in words])
    return pages


def unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def assert_words_on_boxes(found, rows, to_display, *, share=1.0):
    """Every restored word is found by its text with its centre inside its own box (mapped to the display)."""
    hits = total = 0
    for row in rows:
        for _, restored, box in row:
            total += 1
            (x0, y0), (x1, y1) = to_display(box[0], box[1]), to_display(box[2], box[3])
            lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
            for text, b, _, _ in found:
                cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
                if text == restored and lo_x <= cx <= hi_x and lo_y <= cy <= hi_y:
                    hits += 1
                    break
    assert hits >= share * total, f"{hits}/{total} words found on their boxes"


# ---------------------------------------------------------------------------------------------
# Pieces
# ---------------------------------------------------------------------------------------------
def test_icc_profile_is_srgb_version_2():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(io.BytesIO(srgb_profile()))
    assert profile.profile.version == pytest.approx(2.1)
    assert profile.profile.xcolor_space.strip() == "RGB" and profile.profile.profile_description.startswith("sRGB")
    colours = Image.new("RGB", (64, 1))
    colours.putdata([(i * 4, 255 - i * 4, (i * 37) % 256) for i in range(64)])
    same = ImageCms.profileToProfile(colours, profile, ImageCms.createProfile("sRGB"), renderingIntent=1)
    assert np.abs(np.asarray(colours, int) - np.asarray(same, int)).max() <= 1


def test_glyphless_font_is_what_its_generator_builds():
    pytest.importorskip("fontTools")
    from training.glyphless_font import build

    assert FONT_FILE.read_bytes() == build()


def test_word_texts_carry_the_restored_line_cut_at_the_raw_words():
    _, rows = draw_page()
    line = make_line(1, rows[0], restored=True)
    assert [t for t, _ in word_texts(line)] == ["Tổng", "kết", "công", "tác", "hiến", "máu"]
    assert [b for _, b in word_texts(line)] == [w.box for w in line.words]
    raw_only = make_line(1, rows[0], restored=False)
    assert [t for t, _ in word_texts(raw_only)] == ["Tong", "ket", "cong", "tac", "hien", "mau"]


def test_word_texts_from_the_restorer_itself():
    from pipeline.restore import restore_line

    _, rows = draw_page()
    line = make_line(1, rows[0], restored=False)
    line.restored, line.tokens = restore_line(line.text)
    texts = [t for t, _ in word_texts(line)]
    assert " ".join(texts) == line.restored and len(texts) == len(line.words)
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_a_word_whose_text_went_to_its_neighbour_lends_it_its_box():
    boxes = [(100, 100, 150, 140), (155, 100, 190, 140), (230, 100, 300, 140)]
    words = [Word("hi", boxes[0], 90, 0, 2), Word("en", boxes[1], 90, 3, 5), Word("mau", boxes[2], 90, 6, 9)]
    tokens = [TokenMap("hi en", "hiến", 0, 5, 0, 4), TokenMap("mau", "máu", 6, 9, 5, 8)]
    line = Line(1, "hi en mau", words=words, restored="hiến máu", tokens=tokens)
    assert word_texts(line) == [("hiến", (100, 100, 190, 140)), ("máu", boxes[2])]


@pytest.mark.parametrize("angle", [0.0, 1.5, -2.5])
def test_skew_is_read_back_and_each_word_sits_on_its_box(angle):
    _, rows = draw_page(angle=angle)
    page = Page(1, [make_line(n + 1, row, True) for n, row in enumerate(rows)], width=W, height=H, dpi=DPI)
    assert math.degrees(page_skew(page)) == pytest.approx(angle, abs=0.15)
    for line in place_page(page):
        for w in line:  # the text's box (font ascent 0.8, descent 0.2) holds the word's centre
            top, bottom = H - (w.y + 0.8 * w.size), H - (w.y - 0.2 * w.size)
            cy = (w.box[1] + w.box[3]) / 2
            assert top <= cy <= bottom
            assert w.x == w.box[0] and w.width == pytest.approx(w.box[2] - w.box[0])
            assert 30 <= w.size <= 60  # about the printed line's height (36 px type)


def test_a_line_shares_one_size_and_spaces_reach_the_next_word():
    words = [("hiến", (100, 100, 180, 140)), ("máu", (200, 110, 260, 140))]
    placed = place_line(words, 0.0, 1000)
    assert placed[0].size == placed[1].size == 40
    assert placed[0].space == pytest.approx(20) and placed[1].space == 0


@pytest.mark.parametrize("rotate,corner", [(0, (10, 830)), (90, (10, 30)), (180, (610, 30)), (270, (610, 830))])
def test_displayed_frame_puts_the_top_left_pixel_where_a_viewer_shows_it(rotate, corner):
    m = layer_matrix(displayed_frame((10, 30, 610, 830), rotate), 600, 800)
    # pixel (0, 0) with y down is (0, 800) in the layer's y-up space
    x, y = m[0] * 0 + m[2] * 800 + m[4], m[1] * 0 + m[3] * 800 + m[5]
    assert (round(x, 6), round(y, 6)) == corner


def test_image_frame_follows_the_image_matrix():
    m = layer_matrix(image_frame((500, 0, 0, 700, 60, 80)), 1000, 1400)
    assert (m[4], m[5]) == (60, 80) and m[0] == pytest.approx(0.5) and m[3] == pytest.approx(0.5)


def test_metadata_from_the_identity():
    doc = make_doc("a.png", DocKind.IMAGE, [[]])
    meta = pdfa.describe(doc)
    assert meta["dc:title"] == IDENTITY.title and meta["dc:language"] == ["vi"]
    assert meta["dc:identifier"] == "111/BC-BCĐ" and meta["dc:creator"] == ["BCĐ VĐHMTN HUYỆN"]
    assert meta["dc:date"] == ["2024-11-26"] and "Báo cáo số 111/BC-BCĐ" in meta["dc:description"]
    doc.identity = Identity(date="2023-11-??")
    assert pdfa.describe(doc)["dc:date"] == ["2023-11"] and pdfa.describe(doc)["dc:title"] == "a.png"


# ---------------------------------------------------------------------------------------------
# Whole files, without Tesseract
# ---------------------------------------------------------------------------------------------
def check_pdf(path: Path, doc: Document):
    """What every written PDF must satisfy: metadata, language, NFC text, PDF/A identification."""
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == IDENTITY.title
        assert str(pdf.docinfo["/Author"]) == IDENTITY.issuer and str(pdf.Root.Lang) == "vi"
        meta = pdf.open_metadata()
        assert set(meta["dc:language"]) == {"vi"} and meta["dc:identifier"] == "111/BC-BCĐ"
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
    text = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert unicodedata.is_normalized("NFC", text) and "hiến máu" in text
    checked = pdfa.preflight(path)
    if checked is not None:
        assert checked.valid, checked.errors


@needs_poppler
def test_png_page_is_searchable_on_its_boxes(tmp_path):
    img, rows = draw_page(angle=1.2)
    img.save(tmp_path / "scan.png", dpi=(DPI, DPI))
    doc = make_doc("scan.png", DocKind.IMAGE, [rows])
    result = write_pdf(doc, tmp_path / "out.pdf", roots=[tmp_path])
    assert result.status == "written" and result.pdfa and result.words == 14
    found = bbox_words(tmp_path / "out.pdf")[0]
    pw, ph = found[0][2], found[0][3]
    assert (pw, ph) == pytest.approx((W / DPI * 72, H / DPI * 72), abs=0.1)  # the page keeps the scan's size
    assert_words_on_boxes(found, rows, lambda x, y: (x * pw / W, y * ph / H))
    check_pdf(tmp_path / "out.pdf", doc)


@needs_poppler
def test_pdfplumber_finds_the_words_on_their_boxes_too(tmp_path):
    import pdfplumber

    img, rows = draw_page()
    img.save(tmp_path / "scan.png", dpi=(DPI, DPI))
    write_pdf(make_doc("scan.png", DocKind.IMAGE, [rows]), tmp_path / "out.pdf", roots=[tmp_path])
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        page = pdf.pages[0]
        found = [(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]), page.width, page.height)
                 for w in page.extract_words()]
    s = 72 / DPI
    assert_words_on_boxes(found, rows, lambda x, y: (x * s, y * s))


@needs_poppler
def test_jpeg_is_embedded_as_it_is(tmp_path):
    img, rows = draw_page()
    img.convert("RGB").save(tmp_path / "scan.jpg", quality=70, dpi=(DPI, DPI))
    write_pdf(make_doc("scan.jpg", DocKind.IMAGE, [rows]), tmp_path / "out.pdf", roots=[tmp_path])
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        (image,) = [x for x in pdf.pages[0].Resources.XObject.values()]
        assert image.Filter == "/DCTDecode" and image.read_raw_bytes() == (tmp_path / "scan.jpg").read_bytes()


@needs_poppler
def test_each_tiff_frame_is_a_page(tmp_path):
    first, rows1 = draw_page()
    second, rows2 = draw_page(lines=LINES[::-1])
    first.convert("1").save(tmp_path / "scan.tif", save_all=True, append_images=[second.convert("1")],
                            compression="group4", dpi=(DPI, DPI))
    doc = make_doc("scan.tif", DocKind.TIFF, [rows1, rows2])
    assert write_pdf(doc, tmp_path / "out.pdf", roots=[tmp_path]).pdfa
    pages = bbox_words(tmp_path / "out.pdf")
    assert len(pages) == 2
    for found, rows in zip(pages, (rows1, rows2)):
        pw, ph = found[0][2], found[0][3]
        assert_words_on_boxes(found, rows, lambda x, y: (x * pw / W, y * ph / H))
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        # the frames' own Group 4 data, not decoded and re-encoded
        assert all("/CCITTFaxDecode" in str(next(iter(p.Resources.XObject.values())).Filter) for p in pdf.pages)


@needs_poppler
def test_exif_rotated_photo_keeps_its_boxes(tmp_path):
    """OCR reads the photo turned upright (EXIF); the PDF keeps the pixels as stored and turns the page."""
    upright, rows = draw_page()
    stored = upright.convert("RGB").transpose(Image.Transpose.ROTATE_90)  # EXIF 6 turns it back
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(tmp_path / "photo.jpg", exif=exif, dpi=(DPI, DPI), quality=80)
    write_pdf(make_doc("photo.jpg", DocKind.IMAGE, [rows]), tmp_path / "out.pdf", roots=[tmp_path])
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert int(pdf.pages[0].obj.get("/Rotate", 0)) % 360 in (90, 270)
    found = bbox_words(tmp_path / "out.pdf")[0]
    ph, pw = found[0][2], found[0][3]  # poppler gives the stored page's size and the turned page's coordinates
    assert pw < ph  # shown upright
    assert_words_on_boxes(found, rows, lambda x, y: (x * pw / W, y * ph / H))


@needs_poppler
@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_page_fed_turned_is_shown_upright_with_its_words_along_their_lines(tmp_path, turns):
    """OCR read the sheet turned upright (``Page.turned``) and kept its boxes on the scan as fed."""
    from pipeline.turns import box_fed

    upright, rows = draw_page()
    fed = Image.fromarray(np.rot90(np.asarray(upright), -turns))  # the sheet as the scanner took it
    fed.save(tmp_path / "fed.png", dpi=(DPI, DPI))
    doc = make_doc("fed.png", DocKind.IMAGE, [[[(r, s, box_fed(b, turns, W, H)) for r, s, b in row]
                                              for row in rows]], size=fed.size)
    doc.pages[0].turned = turns
    result = write_pdf(doc, tmp_path / "out.pdf", roots=[tmp_path])
    assert result.status == "written" and result.words == 14
    found = bbox_words(tmp_path / "out.pdf")[0]
    pw, ph = sorted((found[0][2], found[0][3]))  # poppler: the stored page's size, the displayed page's coordinates
    assert_words_on_boxes(found, rows, lambda x, y: (x * pw / W, y * ph / H))  # upright, each word on its box
    assert " ".join(t for t, *_ in found[:6]) == "Tổng kết công tác hiến máu"  # in reading order
    check_pdf(tmp_path / "out.pdf", doc)


def _image_pdf(path: Path, img: Image.Image, matrix, rotate=0, mediabox=(0, 0, 700, 900), colour="/DeviceGray",
               extra: bytes = b""):
    """A scanned PDF as a scanner writes one: one image XObject drawn with ``matrix``."""
    import zlib

    pdf = pikepdf.new()
    data = img.tobytes() if colour == "/DeviceGray" else img.convert("CMYK").tobytes()
    image = pikepdf.Stream(pdf, zlib.compress(data))
    image.Type, image.Subtype, image.Filter = pikepdf.Name.XObject, pikepdf.Name.Image, pikepdf.Name.FlateDecode
    image.Width, image.Height, image.BitsPerComponent = img.width, img.height, 8
    image.ColorSpace = pikepdf.Name(colour)
    image.Interpolate = True
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=list(mediabox),
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image)))
    if rotate:
        page.Rotate = rotate
    cm = " ".join(str(v) for v in matrix)
    page.Contents = pikepdf.Stream(pdf, extra + f"q {cm} cm /Im1 Do Q".encode())
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return zlib.compress(data)


@needs_poppler
def test_scanned_pdf_keeps_its_image_stream_and_places_words_through_its_matrix(tmp_path):
    img, rows = draw_page()
    raw = _image_pdf(tmp_path / "scan.pdf", img, (500, 0, 0, 700, 60, 80), rotate=90)
    doc = make_doc("scan.pdf", DocKind.PDF_IMAGE, [rows])
    result = write_pdf(doc, tmp_path / "out.pdf", roots=[tmp_path])
    assert result.pdfa
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        image = pdf.pages[0].Resources.XObject.Im1
        assert image.read_raw_bytes() == raw and "/Interpolate" not in image  # same bytes; PDF/A forbids it
        assert int(pdf.pages[0].Rotate) == 90
    found = bbox_words(tmp_path / "out.pdf")[0]  # poppler: the turned page's coordinates
    # pixel (x, y) -> user (60 + 500 x/W, 80 + 700 (1 - y/H)) -> displayed (user y, user x) under /Rotate 90
    assert_words_on_boxes(found, rows, lambda x, y: (80 + 700 * (1 - y / H), 60 + 500 * x / W))
    checked = pdfa.preflight(tmp_path / "out.pdf")
    if checked is not None:
        assert checked.valid, checked.errors


def test_a_page_pdfa_forbids_gives_a_plain_pdf_with_the_reason(tmp_path):
    img, rows = draw_page()
    _image_pdf(tmp_path / "scan.pdf", img, (595, 0, 0, 842, 0, 0), colour="/DeviceCMYK")
    logged = []
    result = write_pdf(make_doc("scan.pdf", DocKind.PDF_IMAGE, [rows]), tmp_path / "out.pdf", roots=[tmp_path],
                       log=logged.append)
    assert result.status == "written" and not result.pdfa and "colour space /DeviceCMYK" in result.reason
    assert logged
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        meta = pdf.open_metadata()
        assert "pdfaid:part" not in meta and "/OutputIntents" not in pdf.Root
        assert str(pdf.docinfo["/Title"]) == IDENTITY.title


def test_text_pdf_is_copied_untouched_and_text_gets_no_pdf(tmp_path):
    from pipeline.ocr import ocr_file

    src = SCANS / "textlayer" / "2024_tam-duong_bc-111.pdf"
    doc = ocr_file(src, OCRSettings(), rel_path=str(src))
    assert doc.kind == DocKind.PDF_TEXT
    result = write_pdf(doc, tmp_path / "copy.pdf")
    assert result.status == "copied" and (tmp_path / "copy.pdf").read_bytes() == src.read_bytes()
    text = Document(doc_id="t", path="x.txt", sha256="", kind=DocKind.TXT, pages=[Page(1, [Line(1, "hiến máu")])])
    result = write_pdf(text, tmp_path / "t.pdf")
    assert result.status == "skipped" and "text input" in result.reason and not (tmp_path / "t.pdf").exists()


@needs_poppler
def test_text_pdf_ocrd_on_request_is_rasterised_under_one_text_layer(tmp_path):
    """`run --force-ocr` on a text PDF: its pages become images (as OCR saw them), the layer the only text."""
    from pipeline.ocr import ocr_file

    src = SCANS / "textlayer" / "2024_tam-duong_bc-111.pdf"
    doc = ocr_file(src, OCRSettings(), rel_path=str(src))
    dpi, s = 100, 100 / 72
    for page in doc.pages:  # the text layer's words stand in for what Tesseract would read (boxes in pixels)
        page.width, page.height, page.dpi, page.source = page.width * s, page.height * s, dpi, PageSource.TESSERACT
        for line in page.lines:
            for w in line.words:
                w.box = tuple(v * s for v in w.box)
    doc.identity = IDENTITY
    result = write_pdf(doc, tmp_path / "out.pdf")
    assert result.status == "written" and result.pdfa
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert len(pdf.pages) == len(doc.pages)
        for page in pdf.pages:
            fonts = list(page.Resources.Font.values())
            assert len(fonts) == 1 and fonts[0].BaseFont == "/GlyphLessFont"  # the source's fonts are gone
            assert next(iter(page.Resources.XObject.values())).Filter == "/DCTDecode"
    first = doc.pages[0]
    rows = [[(t, t, b) for t, b in word_texts(line)] for line in first.lines]
    found = bbox_words(tmp_path / "out.pdf")[0]
    pw, ph = found[0][2], found[0][3]
    assert_words_on_boxes(found, rows, lambda x, y: (x * pw / first.width, y * ph / first.height))
    assert len(found) == sum(len(r) for r in rows)  # each word once: the old layer did not stay beneath


def test_missing_source_costs_the_pdf_not_the_run(tmp_path):
    _, rows = draw_page()
    docs = [make_doc("gone.png", DocKind.IMAGE, [rows])]
    (result,) = write_pdfs(docs, tmp_path, roots=[tmp_path])
    assert result.status == "skipped" and "not found" in result.reason


def test_report_links_the_pdf_and_run_setting_writes_it(tmp_path):
    img, rows = draw_page()
    (tmp_path / "in").mkdir()
    img.save(tmp_path / "in" / "scan.png", dpi=(DPI, DPI))
    doc = make_doc("scan.png", DocKind.IMAGE, [rows])
    ctx = Context(settings=Settings(pdf=True), input_root=tmp_path / "in")
    write_outputs([doc], [], tmp_path / "out", ctx)
    assert pdf_path(tmp_path / "out", doc.doc_id).is_file()
    assert f'href="pdf/{doc.doc_id}.pdf"' in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_pdf_command_takes_the_identity_of_a_later_stage(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    img, rows = draw_page()
    img.save(tmp_path / "scan.png", dpi=(DPI, DPI))
    (tmp_path / "out" / "json").mkdir(parents=True)
    doc = make_doc("scan.png", DocKind.IMAGE, [rows])
    doc.save(tmp_path / "out" / "json" / "scan.audit.json")
    doc.identity = Identity()
    doc.save(tmp_path / "out" / "json" / "scan.restore.json")
    assert with_identity(Document.load(tmp_path / "out" / "json" / "scan.restore.json"),
                         tmp_path / "out" / "json" / "scan.restore.json").identity == IDENTITY
    res = CliRunner().invoke(app, ["pdf", str(tmp_path / "out" / "json" / "scan.restore.json"),
                                   "--input-root", str(tmp_path)])
    assert res.exit_code == 0, res.output
    with pikepdf.open(tmp_path / "out" / "pdf" / "scan.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == IDENTITY.title
    res = CliRunner().invoke(app, ["pdf", str(tmp_path / "out" / "json" / "scan.restore.json")])
    assert res.exit_code == 1 and "not found" in res.output


# ---------------------------------------------------------------------------------------------
# End to end, real Tesseract
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scan_folder(tmp_path_factory) -> Path:
    """One page of a committed office scan, the committed PDF with a text layer, and a text file."""
    root = tmp_path_factory.mktemp("in")
    with pikepdf.open(SCANS / "office" / "2024_tam-duong_bc-111.pdf") as src:
        out = pikepdf.new()
        out.pages.append(src.pages[0])
        out.save(root / "scan.pdf")
    shutil.copy(SCANS / "textlayer" / "2024_tam-duong_bc-111.pdf", root / "textlayer.pdf")
    (root / "old.txt").write_text("Bao cao tong ket cong tac hien mau tinh nguyen nam 2024\n", encoding="utf-8")
    return root


def _run(folder: Path, out: Path, lang: str) -> dict[str, Document]:
    from pipeline.runner import run_folder, stage_path

    ctx = Context(settings=Settings(ocr=OCRSettings(lang=lang), jobs=1, pdf=True, cache=False))
    results = run_folder(folder, out, ctx)
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    # the run hands back documents without word boxes (memory); the stage JSON has them
    return {r.doc.doc_id: Document.load(stage_path(out, r.doc.doc_id, "audit")) for r in results}


def _layer_rows(doc: Document) -> list[list[tuple]]:
    return [[(t, t, b) for t, b in word_texts(line)] for line in doc.pages[0].lines]


@pytest.mark.slow
@needs_poppler
def test_run_with_pdf_end_to_end(scan_folder, tmp_path):
    docs = _run(scan_folder, tmp_path, "vie")
    scan = docs["scan-pdf"]
    out = pdf_path(tmp_path, "scan-pdf")
    found = bbox_words(out)[0]
    pw, ph = found[0][2], found[0][3]
    page = scan.pages[0]
    # every word of the layer is found by its text at its OCR box (the scan fills its page)
    assert_words_on_boxes(found, _layer_rows(scan), lambda x, y: (x * pw / page.width, y * ph / page.height),
                          share=0.98)
    text = subprocess.run([PDFTOTEXT, str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "hiến máu tình nguyện" in text and unicodedata.is_normalized("NFC", text)
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo["/Title"]) == scan.identity.title and scan.identity.title
        meta = pdf.open_metadata()
        assert meta["dc:identifier"] == scan.identity.symbol and set(meta["dc:language"]) == {"vi"}
    checked = pdfa.preflight(out)
    if checked is not None:
        assert checked.valid, checked.errors
    # the text-layer PDF is passed through byte for byte, the text file gets none
    assert pdf_path(tmp_path, "textlayer-pdf").read_bytes() == (scan_folder / "textlayer.pdf").read_bytes()
    assert not pdf_path(tmp_path, "old").exists()
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'href="pdf/scan-pdf.pdf"' in report and 'href="pdf/textlayer-pdf.pdf"' in report


@pytest.mark.slow
@needs_poppler
def test_old_english_ocr_gets_the_restored_text_in_its_pdf(scan_folder, tmp_path):
    """`-l eng` drops the marks, as the old archives' OCR did; the PDF carries the restored words."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(scan_folder / "scan.pdf", folder / "scan.pdf")
    scan = _run(folder, tmp_path / "out", "eng")["scan-pdf"]
    assert scan.restoration.restored
    raw = " ".join(line.text for line in scan.pages[0].lines)
    assert "hiến máu" not in raw
    out = pdf_path(tmp_path / "out", "scan-pdf")
    text = subprocess.run([PDFTOTEXT, str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "hiến máu" in text and unicodedata.is_normalized("NFC", text)
    found = bbox_words(out)[0]
    pw, ph = found[0][2], found[0][3]
    page = scan.pages[0]
    rows = [[(t, t, b) for t, b in word_texts(line) if t in ("hiến", "máu")] for line in page.lines]
    assert sum(len(r) for r in rows) >= 4
    assert_words_on_boxes(found, rows, lambda x, y: (x * pw / page.width, y * ph / page.height))


# ---------------------------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------------------------
def test_bench_counts_words_as_a_search_finds_them():
    from bench.pdf import found_share, search_words

    assert search_words("Hiến máu, (HMTN) “tình”") == ["hiến", "máu", "hmtn", "tình"]
    # per page, as multisets: marks count (hien is not hiến), case does not
    assert found_share(["hiến máu hiến máu", "năm 2024"], ["HIẾN máu hien", "2024"]) == (3, 6)


@pytest.mark.slow
@needs_poppler
def test_bench_runs_on_one_page(scan_folder, tmp_path, capsys):
    from bench.pdf import main

    level = tmp_path / "scans" / "office"
    level.mkdir(parents=True)
    shutil.copy(scan_folder / "scan.pdf", level / "p1.pdf")
    truth = (SCANS / "office" / "2024_tam-duong_bc-111.gt.txt").read_text(encoding="utf-8").split("\f")[0]
    (level / "p1.gt.txt").write_text(truth, encoding="utf-8")
    assert main(["--scans", str(tmp_path / "scans"), "--levels", "office", "--no-ocrmypdf"]) == 0
    out = capsys.readouterr().out
    assert "reproduce: vnreports bench pdf --scans" in out
    share = float(re.search(r"│ office\s*│\s*1\s*│\s*1\s*│\s*\d+\s*│\s*([\d.]+)%", out).group(1))
    assert share >= 95
