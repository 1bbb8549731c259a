"""The committed scans and their generator (corpus/make_scans.py)."""

import importlib.util
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "corpus" / "scans"
STEMS = ("2017_lai-chau_bc-ton-vinh", "2024_tam-duong_bc-111")
LEVELS = ("clean", "office", "poor", "fax")


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "corpus" / "make_scans.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_scans"] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def pdf_pages(path: Path) -> int:
    from pipeline.ocr.pdf import page_count

    return page_count(path)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("stem", STEMS)
def test_each_scan_has_its_ground_truth(level, stem):
    pdf, gt = SCANS / level / f"{stem}.pdf", SCANS / level / f"{stem}.gt.txt"
    text = gt.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text.count("\f") + 1 == pdf_pages(pdf)
    assert "**" not in text and "##" not in text and "\u00d0" not in text
    assert text == (SCANS / "clean" / f"{stem}.gt.txt").read_text(encoding="utf-8")


def test_header_is_part_of_the_ground_truth():
    lines = (SCANS / "clean" / "2024_tam-duong_bc-111.gt.txt").read_text(encoding="utf-8").split("\n")
    assert lines[:6] == ["UBND HUYỆN TAM ĐƯỜNG", "BCĐ VĐHMTN HUYỆN", "Số: 111/BC-BCĐ",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Tam Đường, ngày 26 tháng 11 năm 2024"]
    first = (SCANS / "clean" / "2017_lai-chau_bc-ton-vinh.gt.txt").read_text(encoding="utf-8").split("\n")
    assert first[0] == "HỘI CHỮ THẬP ĐỎ TỈNH LAI CHÂU" and first[6] == "BÁO CÁO"


def test_page_images_and_tiff_match_the_pdf():
    for stem in STEMS:
        n = pdf_pages(SCANS / "fax" / f"{stem}.pdf")
        with Image.open(SCANS / "fax" / "pages" / f"{stem}.tif") as tif:
            assert tif.n_frames == n and tif.mode == "1"
        for level in ("clean", "fax"):
            assert len(list((SCANS / level / "pages").glob(f"{stem}-p*.png"))) == n


def test_committed_scans_stay_small():
    total = sum(p.stat().st_size for p in SCANS.rglob("*") if p.is_file())
    assert total < 9_000_000


def test_markdown_emphasis_becomes_styles(gen):
    runs = gen.runs_of("chiến dịch “*Những giọt máu hồng hè*”, **BÁO CÁO**")
    assert runs == [("chiến dịch “", ""), ("Những giọt máu hồng hè", "I"), ("”, ", ""), ("BÁO CÁO", "B")]


def test_generator_refuses_missing_glyphs(gen):
    with pytest.raises(gen.MissingGlyph, match="fonts-liberation2"):
        gen.Fonts("Báo cáo 中")


def test_layout_is_deterministic_and_ground_truth_matches_committed(gen):
    seed = gen.SEEDS[1]
    text = (ROOT / "corpus" / "text" / seed.source).read_text(encoding="utf-8")
    fonts = gen.Fonts(text + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA Độc lập Nơi nhận" + seed.stamp_text + "".join(seed.header_left))
    a, b = gen.lay_out(seed, fonts, text), gen.lay_out(seed, fonts, text)
    assert gen.ground_truth(a) == gen.ground_truth(b)
    assert gen.ground_truth(a) == (SCANS / "clean" / f"{seed.stem}.gt.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_regeneration_reproduces_committed_fax_scans(gen, tmp_path):
    gen.make(tmp_path, ("fax",), 20240611)
    for stem in STEMS:
        new = Image.open(tmp_path / "fax" / "pages" / f"{stem}-p1.png")
        old = Image.open(SCANS / "fax" / "pages" / f"{stem}-p1.png")
        assert np.array_equal(np.asarray(new), np.asarray(old))
        assert (tmp_path / "fax" / f"{stem}.pdf").read_bytes() == (SCANS / "fax" / f"{stem}.pdf").read_bytes()
