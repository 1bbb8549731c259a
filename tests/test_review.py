"""review: the corrections store, the review stage (figures, places, table cells, finding verdicts,
orphans), its place between reconcile and audit, the reviewed/corrected columns of the dataset, and
corrections kept across a re-run of `vnreports run`."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import duckdb
import pytest

from bench.emit import synthetic_report
from pipeline import audit, review, stages
from pipeline.context import Context
from pipeline.emit import write_outputs
from pipeline.emit.store import DB_NAME
from pipeline.model import Document, Line, Page, Place, PlaceRole, UnitRef, UnitRefs, make_span
from pipeline.review import keys, marks, store
from pipeline.review.apply import parse_value, value_text
from pipeline.runner import run_folder, stage_path
from review_builders import mismatched_report, table_doc


def _ctx(out: Path) -> Context:
    return Context(out_dir=out)


def _correct(out: Path, doc: Document, key: str, new, *, target="figure", action="correct", old=None,
             reviewer="Lan", reason="the page says so", time=None):
    current = old
    if current is None and target == "figure":
        current = value_text(keys.figures_by_key(doc)[key].value)
    c = store.make(sha256=doc.sha256, key=key, target=target, action=action, reviewer=reviewer, reason=reason,
                   old_value=current, new_value=None if new is None else str(new), doc_id=doc.doc_id, time=time)
    store.append(out, [c])
    return c


def _statuses(doc: Document) -> dict[str, str]:
    return {keys.finding_key(f): str(f.status) for f in doc.findings}


# -- the store --------------------------------------------------------------------------------------------
def test_store_appends_and_never_duplicates(tmp_path):
    a = store.make(sha256="s1", key="figure:x:1", target="figure", action="correct", reviewer="Lan",
                   reason="r", old_value="1", new_value="2", time="2024-01-01T00:00:00+00:00")
    same = dataclasses.replace(a)
    b = store.make(sha256="s1", key="figure:x:1", target="figure", action="confirm", reviewer="Minh",
                   time="2024-01-02T00:00:00+00:00")
    assert store.append(tmp_path, [a]) == store.Merged(1, 0)
    assert store.append(tmp_path, [same, b]) == store.Merged(1, 1)
    rows = store.read(tmp_path)
    assert [r.correction_id for r in rows] == [a.correction_id, b.correction_id]
    assert rows[0] == a and rows[1].action == "confirm" and rows[1].new_value is None
    assert a.correction_id != b.correction_id


def test_export_import_round_trip_merges(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    for i in range(3):
        store.append(here, [store.make(sha256="s", key=f"figure:k:{i}", target="figure", action="correct",
                                       reviewer="Lan", reason="r, with a comma", old_value=str(i),
                                       new_value=str(i + 1))])
    text = store.export_csv(here)
    store.append(there, [store.read(here)[0]])  # one of them is already there
    assert store.import_csv(there, text) == store.Merged(2, 1)
    assert store.import_csv(there, text) == store.Merged(0, 3)
    assert store.read(there) and {c.correction_id for c in store.read(there)} == {c.correction_id for c in
                                                                                    store.read(here)}


def test_import_refuses_a_bad_file(tmp_path):
    with pytest.raises(store.CorrectionsFileError):
        store.import_csv(tmp_path, "time,reviewer\n2024,x\n")
    good = store.to_csv([store.make(sha256="s", key="k", target="figure", action="correct", reviewer="x")])
    with pytest.raises(store.CorrectionsFileError):
        store.import_csv(tmp_path, good.replace(",correct,", ",rewrite,"))
    assert store.read(tmp_path) == []


def test_values_parse_as_printed():
    assert parse_value("1.044", (int,)) == 1044
    assert parse_value("12,5", (int, float)) == 12.5
    assert parse_value("12.5", (int, float)) == 12.5
    assert parse_value("134%", (int, float)) == 134.0
    assert parse_value(" Tam Đường ", (str,)) == "Tam Đường"
    with pytest.raises(ValueError):
        parse_value("12,5", (int,))
    with pytest.raises(ValueError):
        parse_value("abc", (int,))
    assert value_text(12.0) == "12" and value_text(12.5) == "12.5" and value_text(None) == ""


# -- the stage ------------------------------------------------------------------------------------------
def test_review_runs_between_reconcile_and_audit():
    names = [s.name for s in stages.STAGES]
    assert names.index("review") == names.index("reconcile") + 1 == names.index("audit") - 1


def test_corrected_figure_changes_the_finding(tmp_path):
    doc, total, true_value = mismatched_report()
    before = _statuses(audit.run(Document.from_dict(doc.to_dict())))
    assert "mismatch" in before.values()
    key = keys.figure_key(total, doc.figures.index(total) + 1)
    c = _correct(tmp_path, doc, key, true_value)
    out = audit.run(review.run(doc, _ctx(tmp_path)))
    fig = keys.figures_by_key(out)[key]
    assert fig.value == true_value and fig.confidence == 1.0
    assert fig.review.corrected and fig.review.original == value_text(true_value + 10)
    assert fig.review.reviewer == "Lan" and fig.review.correction_id == c.correction_id
    truth = synthetic_report(1, 2023, 3)
    truth.findings, truth.families = [], ["blood"]
    assert _statuses(out) == _statuses(audit.run(truth)) != before  # as if the page had been read right
    assert not marks.orphans(out) and marks.reviewed(out) and marks.corrected(out)


def test_review_is_idempotent_and_keeps_the_first_reading(tmp_path):
    doc, total, true_value = mismatched_report()
    key = keys.figure_key(total, doc.figures.index(total) + 1)
    _correct(tmp_path, doc, key, true_value, time="2024-01-01T00:00:00+00:00")
    once = review.run(doc, _ctx(tmp_path))
    _correct(tmp_path, once, key, true_value + 1, time="2024-01-02T00:00:00+00:00")
    twice = review.run(Document.from_dict(once.to_dict()), _ctx(tmp_path))
    again = review.run(Document.from_dict(twice.to_dict()), _ctx(tmp_path))
    fig = keys.figures_by_key(again)[key]
    assert fig.value == true_value + 1 and fig.review.original == value_text(true_value + 10)
    assert not marks.orphans(again) and len(again.corrections) == 2


def test_orphaned_corrections_are_kept_with_why(tmp_path):
    doc, total, true_value = mismatched_report()
    gone = _correct(tmp_path, doc, "figure:units_received:99", 5, old="4")
    stale = _correct(tmp_path, doc, keys.figure_key(total, doc.figures.index(total) + 1), 1, old="12345")
    bad = _correct(tmp_path, doc, keys.figure_key(total, doc.figures.index(total) + 1), "many")
    verdict = _correct(tmp_path, doc, "finding:A999/nothing", None, target="finding", action="confirm", old="x")
    out = audit.run(review.run(doc, _ctx(tmp_path)))
    why = {c.correction_id: c.orphaned for c in marks.orphans(out)}
    assert set(why) == {gone.correction_id, stale.correction_id, bad.correction_id, verdict.correction_id}
    assert "no longer exists" in why[gone.correction_id] and "12345" in why[stale.correction_id]
    assert "not a number" in why[bad.correction_id] and "no longer raises" in why[verdict.correction_id]
    assert keys.figures_by_key(out)[keys.figure_key(total, doc.figures.index(total) + 1)].value == true_value + 10
    assert len(out.corrections) == 4  # none lost


def test_finding_verdict_is_kept_and_changes_no_number(tmp_path):
    doc, total, _ = mismatched_report()
    audited = audit.run(Document.from_dict(doc.to_dict()))
    mismatch = next(f for f in audited.findings if f.status == "mismatch")
    c = _correct(tmp_path, doc, keys.finding_key(mismatch), None, target="finding", action="reject",
                 old=f"{mismatch.status}")
    out = audit.run(review.run(doc, _ctx(tmp_path)))
    again = next(f for f in out.findings if keys.finding_key(f) == keys.finding_key(mismatch))
    assert again.status == "mismatch" and again.claimed == mismatch.claimed
    v = marks.verdict(out, again)
    assert v is not None and v.action == "reject" and v.correction_id == c.correction_id
    assert not marks.orphans(out) and all(f.review is None for f in out.figures)


def _place_doc() -> Document:
    text = "BÁO CÁO kết quả hiến máu huyện Tam Đường"
    doc = Document(doc_id="p", path="p.txt", sha256="p" * 8, kind="txt",
                   pages=[Page(number=1, lines=[Line(number=1, text=text)])],
                   units=UnitRefs(gazetteer_date="2023-12-01"))
    start = text.index("Tam")
    doc.places.append(Place(mention="Tam Đường", span=make_span(doc, 1, 1, start, len(text)),
                            role=PlaceRole.SUBJECT))
    return doc


def test_corrected_place_sets_the_unit(tmp_path):
    from pipeline.reconcile import load_gazetteer

    gaz = load_gazetteer()
    unit = next(u for u in gaz.units_on("2023-12-01", level="district"))
    doc = _place_doc()
    key = keys.place_key(doc.places[0])
    _correct(tmp_path, doc, key, unit.code, target="place", old="")
    out = review.run(doc, _ctx(tmp_path))
    p = out.places[0]
    assert (p.code, p.name, p.status, str(p.level)) == (unit.code, unit.name, "matched", unit.level)
    assert out.units.subject == UnitRef(unit.code, unit.name, unit.level) and p.review.corrected
    _correct(tmp_path, out, key, "not-a-code", target="place", old=unit.code)
    again = review.run(_place_doc(), _ctx(tmp_path))
    assert "no unit with code" in marks.orphans(again)[0].orphaned and again.places[0].code == unit.code


def test_corrected_cell_changes_its_figures_and_the_table_check(tmp_path):
    doc = table_doc([10, 20, 30], 60)
    table, row = doc.tables[0], doc.tables[0].rows[1]
    key = keys.cell_key(table, row, row.cells[1])
    assert key == "cell:t1/r2/c1"
    assert "mismatch" not in _statuses(audit.run(Document.from_dict(doc.to_dict()))).values()
    _correct(tmp_path, doc, key, 25, target="cell", old="20")
    out = audit.run(review.run(doc, _ctx(tmp_path)))
    cell = out.tables[0].rows[1].cells[1]
    fig = keys.figures_by_key(out)["figure:units_received:2"]
    assert cell.value == 25 and cell.review.corrected and cell.review.original == "20"
    assert fig.value == 25 and fig.review.corrected
    assert "mismatch" in _statuses(out).values()  # 10 + 25 + 30 != 60: the report's total is now in question


# -- the dataset ----------------------------------------------------------------------------------------
def test_every_table_and_the_panel_carry_review_columns(tmp_path):
    from pipeline.emit.schemas import SCHEMAS

    doc, total, true_value = mismatched_report()
    other = synthetic_report(2, 2023, 3)
    key = keys.figure_key(total, doc.figures.index(total) + 1)
    _correct(tmp_path, doc, key, true_value)
    _correct(tmp_path, doc, "figure:gone:1", 1, old="0")
    store.append(tmp_path, [store.make(sha256="elsewhere", key="figure:x:1", target="figure", action="confirm",
                                       reviewer="Lan")])
    docs = [audit.run(review.run(d, _ctx(tmp_path))) for d in (doc, other)]
    write_outputs(docs, [], tmp_path, _ctx(tmp_path), report=False)
    with duckdb.connect(str(tmp_path / DB_NAME), read_only=True) as con:
        for name in list(SCHEMAS) + ["panel"]:
            if name == "corrections":
                continue
            cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_name = ?", [name]).fetchall()]
            assert {"reviewed", "corrected"} <= set(cols), name
        fig_key = f"{doc.doc_id}#{total.id}"
        assert con.execute("SELECT value_num, reviewed, corrected FROM figures WHERE figure_key = ?",
                           [fig_key]).fetchone() == (true_value, True, True)
        assert con.execute("SELECT count(*) FROM figures WHERE reviewed AND figure_key <> ?",
                           [fig_key]).fetchone()[0] == 0
        assert con.execute("SELECT doc_id, reviewed, corrected FROM documents ORDER BY doc_id").fetchall() == [
            (doc.doc_id, True, True), (other.doc_id, False, False)]
        panel = con.execute("SELECT unit_code, year, received, corrected FROM panel WHERE year = 2023 "
                            "ORDER BY unit_code").fetchall()
        assert panel[0][2:] == (true_value, True) and panel[1][3] is False
        statuses = dict(con.execute("SELECT key, status FROM corrections").fetchall())
        assert statuses == {key: "applied", "figure:gone:1": "orphaned", "figure:x:1": "no document"}


def test_a_rerun_on_the_same_files_keeps_every_correction(reviewed_run, tmp_path):
    """`vnreports run` again on the same files: the corrections table is kept and applied again."""
    inputs, base = reviewed_run
    out = tmp_path / "out"
    shutil.copytree(base, out)
    doc = next(Document.load(p) for p in sorted((out / "json").glob("*.audit.json")))
    fig = next(f for f in doc.figures if isinstance(f.value, int) and not isinstance(f.value, bool))
    key = keys.figure_key(fig, doc.figures.index(fig) + 1)
    c = _correct(out, doc, key, fig.value + 7)
    run_folder(inputs, out, Context(out_dir=out))
    again = Document.load(stage_path(out, doc.doc_id, "audit"))
    assert keys.figures_by_key(again)[key].value == fig.value + 7
    assert [x.correction_id for x in again.corrections] == [c.correction_id]
    with duckdb.connect(str(out / DB_NAME), read_only=True) as con:
        assert con.execute("SELECT value_num, corrected FROM figures WHERE figure_key = ?",
                           [f"{doc.doc_id}#{fig.id}"]).fetchone() == (fig.value + 7, True)
        assert con.execute("SELECT status FROM corrections").fetchall() == [("applied",)]
    assert store.read(out) == [c]
