"""Bad input: each case gives a typed one-line error, and a batch records it and goes on."""

import csv
import io

import numpy as np
import pytest
from PIL import Image

from pipeline.context import Context, OCRSettings, Settings
from pipeline.errors import CorruptFile, EmptyFile, EncryptedPDF, ImageTooLarge, NotADocument, PageTimeout
from pipeline.ocr import ocr_file
from pipeline.runner import run_folder


def small_pdf(tmp_path, name="one.pdf"):
    """A one-page image-only PDF (a few words, rendered)."""
    img = Image.new("L", (600, 200), 255)
    path = tmp_path / name
    img.save(path, "PDF", resolution=100)
    return path


def encrypted_pdf(tmp_path):
    import pikepdf

    plain = small_pdf(tmp_path, "plain.pdf")
    out = tmp_path / "locked.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out


def bomb_png(tmp_path):
    """A tiny file that decodes to 400 million pixels."""
    path = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000), 1).save(path, optimize=True)
    return path


def test_zero_byte(tmp_path):
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    with pytest.raises(EmptyFile):
        ocr_file(f)


def test_truncated_pdf(tmp_path):
    good = small_pdf(tmp_path).read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(good[: len(good) // 3])
    with pytest.raises(CorruptFile, match="cut.pdf"):
        ocr_file(f)


def test_encrypted_pdf(tmp_path):
    with pytest.raises(EncryptedPDF, match="password"):
        ocr_file(encrypted_pdf(tmp_path))


def test_not_a_document(tmp_path):
    f = tmp_path / "archive.pdf"
    f.write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(NotADocument, match="ZIP"):
        ocr_file(f)


def test_decompression_bomb(tmp_path):
    with pytest.raises(ImageTooLarge, match="limit"):
        ocr_file(bomb_png(tmp_path))


def test_image_over_configured_limit(tmp_path):
    f = tmp_path / "big.png"
    Image.new("L", (1200, 1000), 255).save(f)
    with pytest.raises(ImageTooLarge):
        ocr_file(f, OCRSettings(max_pixels=1_000_000))


def test_truncated_image(tmp_path):
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (300, 300), np.uint8)).save(buf, "PNG")
    f = tmp_path / "cut.png"
    f.write_bytes(buf.getvalue()[:2000])
    with pytest.raises(CorruptFile):
        ocr_file(f)


def test_page_timeout(tmp_path):
    f = tmp_path / "page.png"
    Image.new("L", (800, 600), 255).save(f)
    with pytest.raises(PageTimeout, match="page 1"):
        ocr_file(f, OCRSettings(page_timeout=0.001))


def test_batch_records_every_failure_and_goes_on(tmp_path, monkeypatch):
    import pipeline.runner as runner  # only the ocr stage is under test here

    monkeypatch.setattr(runner.stages, "STAGES", ())
    monkeypatch.setattr(runner, "run_corpus_steps", lambda docs, ctx: None)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_empty.pdf").write_bytes(b"")
    (src / "b_cut.pdf").write_bytes(small_pdf(tmp_path).read_bytes()[:300])
    encrypted_pdf(tmp_path).rename(src / "c_locked.pdf")
    (src / "d_zip.png").write_bytes(b"PK\x03\x04" + bytes(100))
    bomb_png(tmp_path).rename(src / "e_bomb.png")
    (src / "f_good.txt").write_text("Số: 111/BC-BCĐ\nTam Đường", encoding="utf-8")
    out = tmp_path / "out"
    ctx = Context(settings=Settings(jobs=1, executor="inline"))  # in this process: the patches above apply
    run_folder(src, out, ctx)
    rows = {r["file"]: r for r in csv.DictReader(open(out / "manifest.csv", encoding="utf-8"))}
    codes = {f: r["error"][:4] for f, r in rows.items()}
    assert codes == {"a_empty.pdf": "E101", "b_cut.pdf": "E103", "c_locked.pdf": "E104", "d_zip.png": "E102",
                     "e_bomb.png": "E105", "f_good.txt": ""}
    assert rows["f_good.txt"]["status"] == "ok" and rows["a_empty.pdf"]["status"] == "failed"
    assert all(len(r["sha256"]) == 64 for r in rows.values() if r["file"] != "a_empty.pdf")
    assert all("\n" not in r["error"] for r in rows.values())


def test_the_image_library_under_tesseract_is_silenced(capfd):
    """Leptonica prints "Error in ..." lines on ordinary pages; a run's output must not carry them."""
    import ctypes
    import glob
    import os

    import tesserocr

    from pipeline.ocr import tesseract

    libs = glob.glob(os.path.join(os.path.dirname(tesserocr.__file__), "..", "tesserocr.libs", "libleptonica*.so*"))
    if not libs:
        pytest.skip("tesserocr without its bundled leptonica")
    lept = ctypes.CDLL(libs[0])
    lept.boxCreate.restype = ctypes.c_void_p
    lept.boxClipToRectangle.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]

    def complain() -> str:  # a box outside the image: leptonica's "Error in boxClipToRectangle"
        lept.boxClipToRectangle(lept.boxCreate(500, 500, 10, 10), 100, 100)
        return capfd.readouterr().err

    lept.setMsgSeverity(3)  # messages on, as a fresh process has them
    assert "Error in" in complain()
    tesseract._quiet_leptonica.cache_clear()
    tesseract._api.cache_clear()
    tesseract._api("eng")
    assert "Error in" not in complain()
