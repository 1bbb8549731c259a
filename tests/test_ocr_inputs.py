"""Every input kind through ocr_file. Text-layer PDFs and .txt need no Tesseract; the rest are slow."""

from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from bench.ocr import cer
from pipeline.context import Context, OCRSettings, Settings
from pipeline.errors import ImageTooLarge
from pipeline.model import Document
from pipeline.ocr import ocr_file

SCANS = Path(__file__).resolve().parents[1] / "corpus" / "scans"
STEM = "2024_tam-duong_bc-111"


def gt_pages(level: str, stem: str = STEM) -> list[str]:
    return (SCANS / level / f"{stem}.gt.txt").read_text(encoding="utf-8").split("\f")


def test_text_layer_pdf_read_without_ocr():
    doc = ocr_file(SCANS / "textlayer" / f"{STEM}.pdf")
    assert doc.kind == "pdf-text" and [p.number for p in doc.pages] == [1, 2, 3, 4]
    assert all(p.source == "pdf-text" and p.dpi == 72 for p in doc.pages)
    edits = [cer(g, p.text) for g, p in zip(gt_pages("textlayer"), doc.pages)]
    assert sum(e for e, _ in edits) / sum(n for _, n in edits) < 0.005
    first = doc.pages[0].lines
    assert [l.text for l in first[:6]] == gt_pages("textlayer")[0].split("\n")[:6]  # left column, then right
    for line in first:
        for w in line.words:
            assert line.text[w.start:w.end] == w.text
            assert 0 <= w.box[0] < w.box[2] <= doc.pages[0].width


def test_document_json_round_trip(tmp_path):
    doc = ocr_file(SCANS / "textlayer" / f"{STEM}.pdf")
    back = Document.load(doc.save(tmp_path / "d.json"))
    assert back.text == doc.text and back.pages[0].lines[3].words[0].box == doc.pages[0].lines[3].words[0].box


def test_old_ocr_text_taken_as_is(tmp_path):
    f = tmp_path / "old.txt"
    f.write_text("BAO CAO\fTrang hai\n", encoding="utf-8")
    doc = ocr_file(f)
    assert doc.kind == "txt" and len(doc.pages) == 2 and doc.pages[0].source == "txt"


def crop(path: Path, height: int) -> Image.Image:
    im = Image.open(path)
    return im.crop((0, 0, im.width, height))


@pytest.mark.slow
def test_png_page_header_in_reading_order(tmp_path):
    page = SCANS / "clean" / "pages" / f"{STEM}-p1.png"
    f = tmp_path / "head.png"
    crop(page, 900).save(f, dpi=(300, 300))
    doc = ocr_file(f, ctx=Context(settings=Settings(jobs=0)))  # 0: as many workers as cores (here, one page)
    assert doc.kind == "image" and len(doc.pages) == 1 and doc.pages[0].dpi == 300
    lines = [l.text for l in doc.pages[0].lines]
    want = gt_pages("clean")[0].split("\n")[:9]  # header (two columns) and title
    assert cer("\n".join(want), "\n".join(lines[:9]))[0] <= 3
    for line in doc.pages[0].lines:
        for w in line.words:
            assert 0 <= w.conf <= 100 and line.text[w.start:w.end] == w.text


@pytest.mark.slow
def test_multipage_tiff_pages_in_parallel(tmp_path):
    frames = [crop(SCANS / "fax" / "pages" / f"{STEM}-p{i}.png", 420) for i in (1, 2)]
    f = tmp_path / "fax.tif"
    frames[0].save(f, save_all=True, append_images=frames[1:], compression="group4", dpi=(200, 200))
    doc = ocr_file(f, ctx=Context(settings=Settings(jobs=2)))
    assert doc.kind == "tiff" and [p.number for p in doc.pages] == [1, 2]
    assert all(p.dpi == 200 and p.source == "tesseract" for p in doc.pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.pages[0].text


def test_a_frame_with_two_resolutions_is_seen_with_square_pixels(tmp_path):
    from pipeline.ocr.images import as_seen, load_frame

    f = tmp_path / "std.tif"
    Image.new("1", (1728, 1100), 1).save(f, compression="group4", dpi=(204, 98))  # a standard-mode fax page
    with Image.open(f) as im:
        frame, dpi = as_seen(im)
    assert frame.mode == "1" and dpi == 204 and frame.size == (1728, round(1100 * 204 / 98))
    arr, dpi = load_frame(f, 0, 10**8)
    assert arr.shape == (round(1100 * 204 / 98), 1728) and dpi == 204
    with pytest.raises(ImageTooLarge, match="square pixels"):  # the limit holds for the frame as it is read
        load_frame(f, 0, 1728 * 1100 + 1)
    photo = tmp_path / "turned.jpg"  # stored on its side (EXIF 6): its first resolution is the page's height's
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("L", (400, 300), 255).save(photo, exif=exif, dpi=(100, 200))
    with Image.open(photo) as im:
        frame, dpi = as_seen(im)
    assert dpi == 200 and frame.size == (300, 800)
    square = tmp_path / "square.png"
    Image.new("L", (40, 30), 255).save(square, dpi=(300, 301))
    with Image.open(square) as im:
        assert as_seen(im)[0].size == (40, 30) and as_seen(im)[1] == 300


def test_a_pdf_of_a_standard_mode_fax_gives_its_image_with_square_pixels(tmp_path):
    import img2pdf

    from pipeline.ocr.pdf import native_image

    f = tmp_path / "std.tif"
    Image.new("1", (1728, 1100), 1).save(f, compression="group4", dpi=(204, 98))
    (tmp_path / "std.pdf").write_bytes(img2pdf.convert(str(f)))  # the page drawn at 8.47 x 11.22 in
    arr, dpi = native_image(tmp_path / "std.pdf", 0, 10**8)
    assert dpi == 204 and arr.shape == (round(1100 * 204 / 98), 1728)


@pytest.mark.slow
def test_a_fax_in_standard_mode_is_read_with_square_pixels(tmp_path):
    """A Group 3 fax in standard mode is 204 x 98 dpi: stored, its letters are half as tall as they are wide."""
    from pipeline.emit.pdf import write_pdf

    fine = crop(SCANS / "fax" / "pages" / f"{STEM}-p1.png", 420)  # 200 dpi, 1-bit
    standard = fine.resize((fine.width, round(fine.height * 98 / 200)), Image.Resampling.NEAREST)
    f = tmp_path / "fax.tif"
    standard.save(f, compression="group4", dpi=(200, 98))
    doc = ocr_file(f, ctx=Context(settings=Settings(jobs=1)))
    page = doc.pages[0]
    assert page.dpi == 200 and abs(page.height / page.width - fine.height / fine.width) < 0.01
    want = "\n".join(gt_pages("fax")[0].split("\n")[:7])  # the header, date line and title, in order
    assert cer(want, page.text)[0] <= 4  # half the rows lost: a hook or two (CHỦ read CHÙ), not the letters
    out = write_pdf(doc, tmp_path / "fax.pdf", roots=[tmp_path])
    assert out.status == "written"
    import pikepdf

    with pikepdf.open(tmp_path / "fax.pdf") as pdf:
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].mediabox)
    assert (x1 - x0, y1 - y0) == pytest.approx((fine.width / 200 * 72, fine.height / 200 * 72), rel=0.01)


@pytest.mark.slow
def test_image_pdf_with_stamp_through_cli(tmp_path):
    from pipeline.cli import app
    from pipeline.ocr import pdf

    image, dpi = pdf.native_image(SCANS / "clean" / f"{STEM}.pdf", 3, 10**9)
    im = Image.fromarray(image)
    bottom = im.crop((0, 1500, im.width, 2300))  # Nơi nhận + signature under the red stamp
    f = tmp_path / "sig.pdf"
    bottom.save(f, "PDF", resolution=dpi)
    result = CliRunner().invoke(app, ["ocr", str(f), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    # letters and marks under the red stamp read right (Tesseract may set a space inside a word of the
    # spaced-out title: a 0.1 degree resampling decides it, so spaces are not what this test is about)
    squeezed = result.stdout.replace(" ", "")
    assert "PHÓTRƯỞNGBAN" in squeezed and "ĐoànHươngThơm" in squeezed
    assert ocr_file(f, OCRSettings()).kind == "pdf-image"
