import csv

from pipeline.context import Context
from pipeline.runner import collect_inputs, doc_id_for, run_folder


def test_collect_respects_ignore_file(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.gt.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("y")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p1.png").write_bytes(b"x")
    (tmp_path / ".vnreportsignore").write_text("*.gt.txt\npages/\n")
    got = [p.relative_to(tmp_path).as_posix() for p in collect_inputs(tmp_path)]
    assert got == ["a.txt", "sub/b.txt"]


def test_doc_id_is_readable_and_unique():
    assert doc_id_for("scans/office/2017_bc.pdf") == "scans-office-2017_bc-pdf"
    assert doc_id_for("text/2023_tam-duong.txt") == "text-2023_tam-duong"


def test_batch_goes_on_after_bad_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "good.txt").write_text("Số: 111/BC-BCĐ\n", encoding="utf-8")
    out = tmp_path / "out"
    results = run_folder(src, out, Context())
    rows = {r["file"]: r for r in csv.DictReader(open(out / "manifest.csv", encoding="utf-8"))}
    assert rows["empty.txt"]["status"] == "failed" and rows["empty.txt"]["error"].startswith("E101")
    assert rows["good.txt"]["status"] == "ok" and rows["good.txt"]["pages"] == "1"
    assert (out / "json" / "good.ocr.json").exists()
    assert len(results) == 2
