"""A batch of bad and odd inputs mixed with good files: each bad one gets its reason code in the manifest, the
good ones finish and reach the dataset. Every broken file is made here, small (limits are set low)."""

import csv
import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.context import Context, Limits, Settings
from pipeline.runner import run_folder
from tests.test_inputs_encodings import SENTENCE, VNI, to_tcvn3_bytes
from training.archive import write_hostile_batch

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "corpus" / "text" / "2024_tam-duong_bc-111.txt").read_text(encoding="utf-8")


def blank_pdf(path: Path, pages: int) -> Path:  # noqa: D103
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path


def manifest(out: Path) -> dict[str, dict]:
    with open(out / "manifest.csv", encoding="utf-8") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


@pytest.fixture()
def batch(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    good = {
        "good.txt": SEED.encode("utf-8"),
        "sub/good.txt": SEED.replace("111", "112").encode("utf-16-le"),  # UTF-16 without a byte-order mark
        "sub/good-txt": SEED.replace("111", "113").encode("utf-8"),  # same readable id as sub/good.txt
        "tcvn3.txt": to_tcvn3_bytes(SENTENCE),
        "vni.txt": VNI.encode("cp1252"),
        "=HYPERLINK(1).txt": ("Số: 5/BC\n=SUM(A1:A9)\n@cmd\n" + SEED).encode("utf-8"),
    }
    for rel, data in good.items():
        (src / rel).write_bytes(data)
    (src / "link_in.txt").symlink_to(src / "good.txt")  # a link inside the input folder is read
    expected = write_hostile_batch(src, tmp_path / "outside", SEED)
    return src, expected


GOOD = {"good.txt", "sub/good.txt", "sub/good-txt", "tcvn3.txt", "vni.txt", "=HYPERLINK(1).txt", "link_in.txt"}


def test_every_bad_input_gets_its_reason_and_the_good_ones_finish(batch):
    batch, expected = batch
    out = batch / "outputs"  # the output folder inside the input folder
    settings = Settings(jobs=1, executor="inline", limits=Limits(max_text_bytes=32 * 1024, max_pages=5))
    results = run_folder(batch, out, Context(settings=settings))
    rows = manifest(out)
    got = {f: r["error"][:4] for f, r in rows.items() if r["status"] != "ok"}
    assert got == expected, got
    assert {f for f, r in rows.items() if r["status"] == "ok"} == GOOD
    assert all("\n" not in r["error"] for r in rows.values())
    ids = [r.doc.doc_id for r in results if r.doc is not None]
    assert len(ids) == len(set(ids)) == len(GOOD)
    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        docs = dict(con.execute("SELECT path, encoding FROM documents").fetchall())
        texts = " ".join(r[0] for r in con.execute("SELECT coalesce(number, '') FROM documents").fetchall())
    assert set(docs) == GOOD
    assert docs["sub/good.txt"] == "utf-16" and docs["tcvn3.txt"] == "tcvn3" and docs["vni.txt"] == "vni"
    assert "999" not in texts  # the file outside the input folder was never read
    # the CSV shows the formula-like file name neutralised; Parquet and DuckDB keep it exact
    csv_paths = {r["path"] for r in csv.DictReader(open(out / "documents.csv", encoding="utf-8"))}
    assert "'=HYPERLINK(1).txt" in csv_paths and "=HYPERLINK(1).txt" not in csv_paths

    # a second run: the output folder inside the input is not read, the unchanged files are not redone
    before = {p.name: p.stat().st_mtime_ns for p in (out / "json").glob("*.audit.json")}
    run_folder(batch, out, Context(settings=settings))
    rows2 = manifest(out)
    assert set(rows2) == set(rows) and not any(f.startswith("outputs") for f in rows2)
    after = {p.name: p.stat().st_mtime_ns for p in (out / "json").glob("*.audit.json")}
    assert after == before


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    """As root every folder is readable, so the listing error is injected where os.walk meets it."""
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "a.txt").write_text(SEED, encoding="utf-8")
    (src / "b.txt").write_text(SEED, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    from pipeline.inputs.admit import walk_inputs

    found = {c.rel: (str(c.error)[:4] if c.error else "") for c in walk_inputs(src)}
    assert found == {"b.txt": "", "locked/": "E113"}


def test_file_over_byte_limit_is_refused_before_reading(tmp_path):
    from pipeline.errors import FileTooLarge
    from pipeline.ocr import open_input

    pdf = blank_pdf(tmp_path / "b.pdf", 2)
    with pytest.raises(FileTooLarge, match="--max-mb"):
        open_input(pdf, limits=Limits(max_bytes=100))


def test_a_fifo_replacing_a_file_is_not_waited_on(tmp_path):
    from pipeline.errors import SpecialFile
    from pipeline.inputs.admit import open_regular

    os.mkfifo(tmp_path / "p")
    with pytest.raises(SpecialFile, match="FIFO"):
        open_regular(tmp_path / "p")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_device_file_is_refused(tmp_path):
    import stat

    from pipeline.inputs.admit import walk_inputs

    src = tmp_path / "in"
    src.mkdir()
    try:
        os.mknod(src / "null", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("mknod not allowed here")
    (c,) = walk_inputs(src)
    assert str(c.error).startswith("E111") and "character device" in str(c.error)


def test_output_folder_given_as_input_subfolder_only_once(tmp_path):
    """A run whose output folder lies in its input: the outputs of run 1 are not inputs of run 2."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ROOT / "corpus" / "text" / "2024_tam-duong_bc-111.txt", src / "a.txt")
    settings = Settings(jobs=1, executor="inline")
    for _ in range(2):
        results = run_folder(src, src / "out", Context(settings=settings))
        assert [r.file for r in results] == ["a.txt"]


def test_file_over_its_time_limit_is_stopped_and_the_batch_goes_on(tmp_path, monkeypatch):
    import pipeline.runner as runner

    src = tmp_path / "in"
    src.mkdir()
    (src / "a_slow.txt").write_text(SEED, encoding="utf-8")
    (src / "b_quick.txt").write_text(SEED.replace("111", "114"), encoding="utf-8")
    real_open = runner.open_task

    def open_task(job):
        if job.name == "a_slow.txt":
            time.sleep(120)  # stopped by the alarm at the file's limit
        return real_open(job)

    monkeypatch.setattr(runner, "open_task", open_task)
    settings = Settings(jobs=1, executor="inline", limits=Limits(file_timeout=8))  # loading the models fits
    t0 = time.monotonic()
    rows = {r.file: r for r in run_folder(src, tmp_path / "out", Context(settings=settings))}
    assert rows["a_slow.txt"].error.startswith("E114") and rows["b_quick.txt"].status == "ok"
    assert time.monotonic() - t0 < 60
