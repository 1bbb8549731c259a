"""The restore benchmark's scan section finds <level>/<stem>.pdf + .gt.txt and OCRs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.bench.restore import cer, find_scans, scans

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

    from pipeline.bench.restore_dev import dev_lines

    (tmp_path / "corpus").mkdir()
    body = ["### doc 1", "câu một ở đây", "", "câu hai", "câu ba dài hơn một chút", "câu bốn", "câu năm"]
    with gzip.open(tmp_path / "corpus" / "news_dantri.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(body) + "\n")
    monkeypatch.setenv("VNREPORTS_SHARED", str(tmp_path))
    assert dev_lines(hold_out=5, max_syllables=1000) == ["câu một ở đây", "câu hai", "câu ba dài hơn một chút"]
    assert dev_lines(hold_out=7, max_syllables=5) == ["câu một ở đây", "câu hai"]
