"""The dataset as one unit, read-only queries, formula-safe CSV, the output lock, unique document ids."""

import os
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.context import Context, Settings
from pipeline.emit import query, write_outputs
from pipeline.emit import store
from pipeline.errors import OutputBusy
from pipeline.fsio import FolderLock
from pipeline.inputs.text import pages_from_text
from pipeline.model import DocKind, Document
from pipeline.runner import assign_doc_ids, doc_id_for, run_folder

ROOT = Path(__file__).resolve().parents[1]


def text_doc(doc_id: str, text: str, path: str | None = None) -> Document:
    return Document(doc_id=doc_id, path=path or f"{doc_id}.txt", sha256="0" * 64, kind=DocKind.TXT,
                    pages=pages_from_text(text), stages=["ocr"])


def dataset_state(out: Path) -> tuple[int, int, int]:
    """Documents as the CSV, the Parquet and DuckDB see them (all through OUT/<file>)."""
    n_csv = len(pd.read_csv(out / "documents.csv"))
    n_parquet = len(pd.read_parquet(out / "documents.parquet"))
    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        n_db = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    return n_csv, n_parquet, n_db


class Killed(BaseException):
    """Stands for kill -9 at one step of writing (BaseException: nothing may catch it)."""


def test_a_kill_at_any_step_leaves_the_old_or_the_new_dataset(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = [text_doc(f"a{i}", f"Số: {i}/BC-BCĐ\nBáo cáo") for i in range(3)]
    new = old + [text_doc("b", "Số: 9/BC-BCĐ\nBáo cáo")]
    write_outputs(old, [], out)
    assert dataset_state(out) == (3, 3, 3)
    steps: list[str] = []
    monkeypatch.setattr(store, "_FAULT", steps.append)
    write_outputs(new, [], out)
    monkeypatch.setattr(store, "_FAULT", None)
    assert dataset_state(out) == (4, 4, 4)
    write_outputs(old, [], out)
    assert len(steps) > 20  # every table, the database, the report, each step of the swap
    for i, step in enumerate(steps):
        def fault(name, i=i, seen=[0]):
            seen[0] += 1
            if seen[0] == i + 1:
                raise Killed(name)

        monkeypatch.setattr(store, "_FAULT", fault)
        with pytest.raises(Killed):
            write_outputs(new, [], out)
        state = dataset_state(out)
        assert state in ((3, 3, 3), (4, 4, 4)), (step, state)
        monkeypatch.setattr(store, "_FAULT", None)
        write_outputs(old, [], out)  # back to the old one for the next trial
    assert len(list(out.glob(".dataset-*"))) == 1  # half-written datasets are cleaned up


def test_older_layout_is_adopted_without_a_mix(tmp_path):
    out = tmp_path / "out"
    write_outputs([text_doc("a", "Số: 1/BC")], [], out)
    for p in list(out.iterdir()):  # turn it into the layout of earlier versions: the files themselves in OUT/
        if p.is_symlink() and p.name != store.DATASET:
            data = p.read_bytes()
            p.unlink()
            p.write_bytes(data)
    (out / store.DATASET).unlink()
    assert dataset_state(out) == (1, 1, 1)
    write_outputs([text_doc("a", "Số: 1/BC"), text_doc("b", "Số: 2/BC")], [], out)
    assert dataset_state(out) == (2, 2, 2)
    assert (out / "documents.csv").is_symlink()


def test_one_bad_document_never_stops_emit_for_the_others(tmp_path):
    good = [text_doc("a", "Số: 1/BC"), text_doc("b", "Số: 2/BC")]
    broken = text_doc("c", "Số: 3/BC")
    broken.path = None  # documents.path is required: this document's rows break the schema
    twin = text_doc("a", "Số: 4/BC", path="other/a.txt")  # an id another document has
    excluded = write_outputs(good + [broken, twin], [], tmp_path)
    assert set(excluded) == {"c", "a"} and all(v.startswith("E202") for v in excluded.values())
    assert dataset_state(tmp_path) == (2, 2, 2)


def test_csv_neutralises_formulas_parquet_keeps_them(tmp_path):
    doc = text_doc("f", "Số: 1/BC", path="=cmd|' /C calc'!A0.txt")
    write_outputs([doc], [], tmp_path)
    assert pd.read_parquet(tmp_path / "documents.parquet")["path"].tolist() == ["=cmd|' /C calc'!A0.txt"]
    assert pd.read_csv(tmp_path / "documents.csv")["path"].tolist() == ["'=cmd|' /C calc'!A0.txt"]
    for value, shown in (("=1", "'=1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
                         ("\rx", "'\rx"), ("a=1", "a=1"), ("", "")):
        assert store.csv_cell(value) == shown


def test_query_is_read_only_and_confined_to_the_dataset(tmp_path, capsys):
    write_outputs([text_doc("a", "Số: 1/BC", path="@a.txt")], [], tmp_path)
    outside = tmp_path.parent / "outside.csv"
    outside.write_text("x\n1\n")
    assert query("SELECT count(*) AS n FROM documents", tmp_path, "json") == 0
    assert '"n": 1' in capsys.readouterr().out
    for sql in (f"SELECT * FROM read_csv('{outside}')", f"COPY documents TO '{tmp_path.parent / 'leak.csv'}'",
                f"ATTACH '{tmp_path.parent / 'other.db'}'", "INSTALL httpfs", "LOAD httpfs",
                "SET enable_external_access = true", "SELECT * FROM glob('/etc/*')",
                "CREATE TABLE t AS SELECT 1", "DELETE FROM documents"):
        assert query(sql, tmp_path, "json") == 2, sql
    assert not (tmp_path.parent / "leak.csv").exists() and not (tmp_path.parent / "other.db").exists()
    capsys.readouterr()
    assert query("SELECT path FROM documents", tmp_path, "csv") == 0
    assert capsys.readouterr().out.splitlines()[1] == "'@a.txt"


def test_second_run_says_why_it_cannot_start_or_waits(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Số: 1/BC-BCĐ\nBáo cáo", encoding="utf-8")
    out = tmp_path / "out"
    holder = FolderLock(out).acquire()
    try:
        with pytest.raises(OutputBusy, match=f"pid {os.getpid()}"):
            run_folder(src, out, Context(settings=Settings(executor="inline")))
        threading.Timer(0.5, holder.release).start()
        t0 = time.monotonic()
        results = run_folder(src, out, Context(settings=Settings(executor="inline", lock_wait=30)))
        assert time.monotonic() - t0 >= 0.4 and [r.status for r in results] == ["ok"]
    finally:
        holder.release()


def test_document_ids_are_unique_by_construction():
    rels = ["a b.txt", "a-b.txt", "A-B.TXT", "x/y.pdf", "x-y.pdf", "plain.txt", "Ảnh 1.png"]
    ids = assign_doc_ids(rels)
    assert len(set(ids.values())) == len(rels)
    assert len({i.casefold() for i in ids.values()}) == len(rels)
    assert ids["plain.txt"] == doc_id_for("plain.txt") == "plain"  # no suffix without a collision
    assert ids["a b.txt"].startswith("a-b-") and ids["x/y.pdf"].startswith("x-y-pdf-")
    assert assign_doc_ids(list(reversed(rels))) == ids  # stable: the same path gets the same id


def test_a_broken_corpus_audit_still_writes_the_dataset(tmp_path, monkeypatch):
    import pipeline.audit as audit
    from pipeline.errors import StageError

    def broken(corpus, ctx=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(audit, "run_corpus", broken)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Số: 1/BC-BCĐ\nBáo cáo", encoding="utf-8")
    with pytest.raises(StageError, match="corpus step audit failed: RuntimeError: boom"):
        run_folder(src, tmp_path / "out", Context(settings=Settings(executor="inline")))
    assert dataset_state(tmp_path / "out") == (1, 1, 1)
