"""The restore benchmark's scan section finds <level>/<stem>.pdf + .gt.txt and OCRs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.restore import cer, find_scans, scans

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
SEED = Path(__file__).resolve().parents[1] / "corpus" / "text" / "2017_lai-chau_bc-ton-vinh.txt"


def test_scan_section_skips_with_a_note(tmp_path):
    assert find_scans(tmp_path) == []
    assert "section skipped" in scans(tmp_path, 2)


def test_cer():
    assert cer("abcd", "abcd") == 0.0
    assert cer("abcd", "abxd") == 0.25


@pytest.mark.slow
@pytest.mark.skipif(not FONT.exists() or shutil.which("tesseract") is None, reason="needs tesseract and Liberation")
def test_scan_section_on_a_rendered_page(tmp_path):
    from fpdf import FPDF
    from rich.table import Table

    lines = [l for l in SEED.read_text(encoding="utf-8").splitlines() if l.strip()][:12]
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("serif", fname=str(FONT))
    pdf.set_font("serif", size=12)
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    level = tmp_path / "clean"
    level.mkdir()
    pdf.output(str(level / "page.pdf"))
    (level / "page.gt.txt").write_text("\n".join(lines), encoding="utf-8")
    table = scans(tmp_path, 1)
    assert isinstance(table, Table) and table.row_count == 1
    cells = [c._cells[0] for c in table.columns[1:]]
    assert all(c.endswith("%") for c in cells)


def test_dev_slice_reads_only_the_held_out_head(tmp_path, monkeypatch):
    import gzip

    from bench.restore_dev import dev_lines

    (tmp_path / "corpus").mkdir()
    body = ["### doc 1", "câu một ở đây", "", "câu hai", "câu ba dài hơn một chút", "câu bốn", "câu năm"]
    with gzip.open(tmp_path / "corpus" / "news_dantri.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(body) + "\n")
    monkeypatch.setenv("VNREPORTS_SHARED", str(tmp_path))
    assert dev_lines(hold_out=5, max_syllables=1000) == ["câu một ở đây", "câu hai", "câu ba dài hơn một chút"]
    assert dev_lines(hold_out=7, max_syllables=5) == ["câu một ở đây", "câu hai"]


def _write_gz(path: Path, lines: list[str]) -> None:
    import gzip

    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def test_legal_hold_out_leaves_the_last_documents_to_the_dev_slice(tmp_path, monkeypatch):
    from bench.restore_dev import legal_dev_lines
    from training import lm as train

    docs = [[f"### luật {i}", f"điều một của luật {i}", f"điều hai của luật {i}"] for i in range(4)]
    _write_gz(tmp_path / "corpus" / "legal_vlc.txt.gz", [l for d in docs for l in d])
    monkeypatch.setenv("VNREPORTS_SHARED", str(tmp_path))
    monkeypatch.setattr(train, "LEGAL_DOCS", 4)
    trained = list(train.corpus_lines("legal_vlc.txt.gz", max_docs=4 - 1))
    assert [l.strip() for l in trained] == [l for d in docs[:3] for l in d[1:]]
    held = legal_dev_lines(docs=1, max_syllables=100, skip=0)
    assert held == docs[3][1:] and not set(held) & {l.strip() for l in trained}


def test_ocr_repair_counts(monkeypatch):
    from bench.restore_dev import ocr_repair
    from pipeline.restore import default_restorer

    truth = ["Tổng kết công tác hiến máu tình nguyện năm 2023", "Ban chỉ đạo vận động hiến máu của huyện"]
    page = {"truth": truth, "eng": "Tong két cong tac hién mau tinh nguyén nim 2023\nBan chi dao van dong hién mau cua huyén",
            "vie": "\n".join(truth)}
    m = ocr_repair([page], default_restorer())
    assert m["tokens"] == 18
    assert m["wrong_before"] > 0.5 and m["wrong_after"] < m["wrong_before"]
    assert m["fixed"] >= 10 and m["damaged_marked"] == 0
    assert m["vie_cer_before"] == 0.0 and m["vie_cer_after"] < 0.05
