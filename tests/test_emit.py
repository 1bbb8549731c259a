"""emit: tables, schemas, the DuckDB file and its panel view, `vnreports query`.

The sample corpus below is hand-built to follow the data contract (pipeline/model.py): a 2023 and
a 2024 district report of the same unit, the 2023 one stating the plan for 2024.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from audit_builders import typed

from pipeline.emit import query, write_outputs
from pipeline.emit.schemas import SCHEMAS, TableSchemaError, validate
from pipeline.emit.tables import build_tables, collect_findings
from pipeline.model import Document, Figure, Finding, Line, Page, make_span

UNIT = "106"  # a district code, as reconcile would set it


def _doc(doc_id: str, lines: list[str], meta: dict, *, kind: str = "txt", restored: list[str] | None = None,
         path: str | None = None) -> Document:
    page = Page(number=1, lines=[Line(number=i, text=t) for i, t in enumerate(lines, 1)])
    for line, r in zip(page.lines, restored or []):
        line.restored = r
    return Document(doc_id=doc_id, path=path or f"{doc_id}.txt", sha256=doc_id * 4, kind=kind, pages=[page],
                    stages=["ocr", "extract"], **typed(**meta))


def _fig(doc: Document, kind: str, value, line: int, token: str, *, n: int | None = None, qualifier="exact",
         low=None, high=None, **attrs) -> Figure:
    """A figure whose span is the first occurrence of ``token`` on ``line``."""
    start = doc.line(1, line).text.index(token)
    n = n if n is not None else sum(f.kind == kind for f in doc.figures) + 1
    fig = Figure(kind=kind, value=value, span=make_span(doc, 1, line, start, start + len(token)), attrs=attrs,
                 qualifier=qualifier, low=low, high=high, id=f"{kind}:{n}", label=kind.replace("_", " "))
    doc.figures.append(fig)
    return fig


def report_2023() -> Document:
    doc = _doc("bc-2023", [
        "Số: 111/BC-BCĐ",
        "Năm 2023 tổ chức 2 đợt, 900 lượt người tham gia, tiếp nhận 600/500 đơn vị máu, đạt 120% kế hoạch.",
        "Đợt 1 ngày 10/3/2023: 450 người, tiếp nhận 300/250 đơn vị.",
        "Đợt 2 ngày 12/8/2023: 450 người, tiếp nhận 300/250 đơn vị.",
        "Khen thưởng: 5 tập thể, 9 cá nhân được UBND huyện tặng Giấy khen, tổng 15.",
        "Kế hoạch năm 2024: 550 đơn vị máu, đợt 1: 300 đơn vị, đợt 2: 250 đơn vị.",
        "Kinh phí khen thưởng 10.000.000 đồng theo Kế hoạch 3653/KH-UBND.",
    ], dict(symbol="111/BC-BCĐ", number=111, type="Báo cáo", type_code="BC", issuer="BCĐ VĐHMTN huyện Tam Đường",
            date="2023-11-20", report_year=2023, subject_code=UNIT, subject_unit="Huyện Tam Đường",
            subject_level="district"))
    _fig(doc, "drive_count", 2, 2, "2", year=2023)
    _fig(doc, "participants", 900, 2, "900", year=2023)
    received = _fig(doc, "units_received", 600, 2, "600", year=2023)
    _fig(doc, "units_quota", 500, 2, "500", year=2023)
    _fig(doc, "percent_of_plan", 120.0, 2, "120", year=2023)
    for no, line in ((1, 3), (2, 4)):
        _fig(doc, "drive_date", f"2023-0{3 if no == 1 else 8}-1{0 if no == 1 else 2}", line, "ngày",
             year=2023, drive_no=no, status="held")
        _fig(doc, "participants", 450, line, "450", year=2023, drive_no=no)
        _fig(doc, "units_received", 300, line, "300", year=2023, drive_no=no)
        _fig(doc, "units_quota", 250, line, "250", year=2023, drive_no=no)
    parts = [
        _fig(doc, "award_count", 5, 5, "5", year=2023, recipient_type="tập thể", award_form="Giấy khen",
             award_issuer="UBND huyện", level="district"),
        _fig(doc, "award_count", 9, 5, "9", year=2023, recipient_type="cá nhân", award_form="Giấy khen",
             award_issuer="UBND huyện", level="district"),
    ]
    total = _fig(doc, "award_total", 15, 5, "15", year=2023, level="all")
    _fig(doc, "units_quota", 550, 6, "550", year=2024, plan=True)
    _fig(doc, "units_quota", 300, 6, "300", year=2024, drive_no=1, plan=True)
    _fig(doc, "units_quota", 250, 6, "250", year=2024, drive_no=2, plan=True)
    _fig(doc, "money", 10_000_000, 7, "10.000.000", purpose="khen thưởng")
    _fig(doc, "reference", "3653/KH-UBND", 7, "3653/KH-UBND", number="3653", type_code="KH")
    doc.findings.append(Finding(
        rule="award_total_vs_parts", code="A006", subject="awards 2023", status="mismatch", severity="warning",
        claimed=15, computed=14, difference=1, message_en="award total 15 but parts sum to 14",
        message_vi="tổng khen thưởng 15 nhưng cộng các phần được 14", doc_id=doc.doc_id,
        evidence=[total.span] + [p.span for p in parts], figure_ids=[total.id] + [p.id for p in parts]))
    doc.findings.append(Finding(
        rule="received_vs_drives", code="A001", subject="units received 2023", status="ok", severity="info",
        claimed=600, computed=600, difference=0, doc_id=doc.doc_id, evidence=[received.span],
        figure_ids=[received.id]))
    return doc


def report_2024() -> Document:
    doc = _doc("bc-2024", [
        "Số: 111/BC-BCĐ",
        "Tu ngay 01/12/2023 den nay to chuc 2 dot, gan 1.000 luot nguoi, tiep nhan 671 don vi mau.",
        "Dot 1: tiep nhan 421 don vi. Dot 2: tiep nhan 250 don vi.",
    ], dict(symbol="111/BC-BCĐ", number=111, type="Báo cáo", issuer="BCĐ VĐHMTN huyện Tam Đường",
            date="2024-11-26", report_year=2024, subject_code=UNIT, subject_unit="Huyện Tam Đường"),
        restored=[
        "Số: 111/BC-BCĐ",
        "Từ ngày 01/12/2023 đến nay tổ chức 2 đợt, gần 1.000 lượt người, tiếp nhận 671 đơn vị máu.",
        "Đợt 1: tiếp nhận 421 đơn vị. Đợt 2: tiếp nhận 250 đơn vị.",
    ])
    _fig(doc, "participants", 1000, 2, "1.000", year=2024, qualifier="approx", low=900, high=1000)
    _fig(doc, "units_received", 671, 2, "671", year=2024)
    _fig(doc, "units_received", 421, 3, "421", year=2024, drive_no=1)
    _fig(doc, "units_received", 250, 3, "250", year=2024, drive_no=2)
    return doc


def sample_corpus() -> tuple[list[Document], list[Finding]]:
    """Two reports plus a document nothing was extracted from; one finding across documents."""
    bare = _doc("bare", ["Một văn bản không có số liệu."], {})
    cross = Finding(rule="plan_vs_next_quota", code="A010", subject="quota 2024", status="unverifiable",
                    severity="info", claimed=550, message_en="no quota stated in the 2024 report")
    return [report_2023(), report_2024(), bare], [cross]


def emit(tmp_path: Path, docs=None, findings=None) -> Path:
    if docs is None:
        docs, findings = sample_corpus()
    write_outputs(docs, findings or [], tmp_path)
    return tmp_path


def sql(out: Path, q: str) -> list[tuple]:
    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        return con.execute(q).fetchall()


# -- tables ---------------------------------------------------------------------------------------
def test_every_table_written_with_its_declared_schema(tmp_path):
    out = emit(tmp_path)
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(out / f"{name}.parquet").remove_metadata().equals(schema.remove_metadata()), name
        assert list(pd.read_csv(out / f"{name}.csv").columns) == schema.names
        db_cols = [r[0] for r in sql(out, "SELECT column_name FROM information_schema.columns "
                                          f"WHERE table_name = '{name}' ORDER BY ordinal_position")]
        assert db_cols == schema.names


def test_figures_long_form_keeps_spans_and_texts(tmp_path):
    out = emit(tmp_path)
    figs = pd.read_parquet(out / "figures.parquet")
    docs, _ = sample_corpus()
    assert len(figs) == sum(len(d.figures) for d in docs)
    assert figs.figure_key.is_unique
    approx = figs[(figs.doc_id == "bc-2024") & (figs.kind == "participants")].iloc[0]
    assert (approx.qualifier, approx.low, approx.high, approx.value_num) == ("approx", 900, 1000, 1000)
    assert approx.raw == "1.000" and approx.restored == "1.000"
    line = docs[1].line(1, 2)
    assert line.text[int(approx.char_start):int(approx.char_end)] == "1.000"
    assert line.restored[int(approx.rest_start):int(approx.rest_end)] == "1.000"
    plan = figs[(figs.doc_id == "bc-2023") & figs.plan & figs.drive_no.isna()].iloc[0]
    assert (plan.kind, plan.year, plan.value) == ("units_quota", 2024, "550")
    money = figs[figs.kind == "money"].iloc[0]
    assert money.year == 2023  # no attrs.year: the report's year
    assert json.loads(money.attrs_json) == {"purpose": "khen thưởng"}


def test_drives_grouped_by_document_year_and_number(tmp_path):
    out = emit(tmp_path)
    rows = sql(out, "SELECT doc_id, year, drive_no, date, participants, units_received, units_quota, status "
                    "FROM drives ORDER BY doc_id, year, drive_no")
    assert rows == [
        ("bc-2023", 2023, 1, "2023-03-10", 450, 300, 250, "held"),
        ("bc-2023", 2023, 2, "2023-08-12", 450, 300, 250, "held"),
        ("bc-2023", 2024, 1, None, None, None, 300, "planned"),
        ("bc-2023", 2024, 2, None, None, None, 250, "planned"),
        ("bc-2024", 2024, 1, None, None, 421, None, "held"),
        ("bc-2024", 2024, 2, None, None, 250, None, "held"),
    ]
    keys = sql(out, "SELECT figure_keys FROM drives WHERE doc_id = 'bc-2023' AND year = 2023 AND drive_no = 1")[0][0]
    assert sorted(keys.split(",")) == ["bc-2023#drive_date:1", "bc-2023#participants:2",
                                       "bc-2023#units_quota:2", "bc-2023#units_received:2"]


def test_awards_money_references_documents(tmp_path):
    out = emit(tmp_path)
    assert sql(out, "SELECT kind, recipient_type, recipients FROM awards ORDER BY figure_key") == [
        ("award_count", "tập thể", 5), ("award_count", "cá nhân", 9), ("award_total", None, 15)]
    assert sql(out, "SELECT amount_vnd, purpose FROM money") == [(10_000_000, "khen thưởng")]
    assert sql(out, "SELECT symbol, target_doc_id FROM \"references\"") == [("3653/KH-UBND", None)]
    docs = sql(out, "SELECT doc_id, number, unit_code, n_findings, n_mismatches FROM documents ORDER BY doc_id")
    assert docs == [("bare", None, "unknown", 0, 0), ("bc-2023", "111", UNIT, 2, 1), ("bc-2024", "111", UNIT, 0, 0)]


def test_findings_mismatches_first_with_evidence(tmp_path):
    out = emit(tmp_path)
    rows = sql(out, "SELECT status, doc_id, claimed, computed, evidence, evidence_page, evidence_line "
                    "FROM findings ORDER BY rowid")
    assert [r[0] for r in rows] == ["mismatch", "unverifiable", "ok"]
    status, doc_id, claimed, computed, evidence, page, line = rows[0]
    assert (doc_id, claimed, computed, page, line) == ("bc-2023", 15, 14, 1, 5)
    assert [e["raw"] for e in json.loads(evidence)] == ["15", "5", "9"]
    assert rows[1][1] is None and rows[1][4] == "[]"  # the finding across documents


def test_findings_given_twice_are_kept_once():
    docs, _ = sample_corpus()
    again = list(docs[0].findings)
    assert len(collect_findings(docs, again)) == len(docs[0].findings)


def test_rerun_replaces_never_duplicates(tmp_path):
    emit(tmp_path)
    first = {t: sql(tmp_path, f'SELECT count(*) FROM "{t}"')[0][0] for t in SCHEMAS}
    emit(tmp_path)
    assert {t: sql(tmp_path, f'SELECT count(*) FROM "{t}"')[0][0] for t in SCHEMAS} == first
    assert len(pd.read_csv(tmp_path / "figures.csv")) == first["figures"]
    assert not list(tmp_path.glob(".*tmp*"))


def test_empty_corpus_gives_empty_tables_with_schema(tmp_path):
    out = emit(tmp_path, docs=[], findings=[])
    for name, schema in SCHEMAS.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.num_rows == 0 and table.schema.names == schema.names
    assert sql(out, "SELECT count(*) FROM panel") == [(0,)]
    assert (out / "report.html").exists()


# -- panel ----------------------------------------------------------------------------------------
def panel(out: Path) -> dict[int, dict]:
    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        cur = con.execute("SELECT * FROM panel WHERE unit_code = ?", [UNIT])
        names = [d[0] for d in cur.description]
        return {r[names.index("year")]: dict(zip(names, r)) for r in cur.fetchall()}


def test_panel_actuals_from_the_year_report(tmp_path):
    p = panel(emit(tmp_path))[2023]
    assert (p["quota"], p["quota_source"], p["received"], p["percent"], p["percent_claimed"]) == (
        500, "report", 600, 120.0, 120.0)
    assert (p["participants"], p["drives"], p["awards"]) == (900, 2, 14)
    assert p["received_refs"] == ["bc-2023#units_received:1"]
    assert p["doc_ids"] == ["bc-2023"]


def test_panel_merges_the_plan_of_the_previous_report(tmp_path):
    p = panel(emit(tmp_path))[2024]
    assert (p["quota"], p["quota_source"], p["quota_refs"]) == (550, "plan", ["bc-2023#units_quota:4"])
    assert (p["quota_planned"], p["drives_planned"]) == (550, 2)
    assert (p["received"], p["percent"], p["participants"], p["drives"]) == (671, 122.0, 1000, 2)
    assert p["doc_ids"] == ["bc-2023", "bc-2024"]


def test_panel_exported_as_files(tmp_path):
    out = emit(tmp_path)
    exported = pd.read_parquet(out / "panel.parquet")
    assert list(exported.year) == [2023, 2024] and list(exported.received) == [600, 671]
    assert list(pd.read_csv(out / "panel.csv").columns) == list(exported.columns)


def test_duplicate_figure_ids_get_unique_keys(tmp_path):
    docs, findings = sample_corpus()
    docs[1].figures[1].id = docs[1].figures[0].id
    out = emit(tmp_path, docs=docs, findings=findings)
    keys = [r[0] for r in sql(out, "SELECT figure_key FROM figures WHERE doc_id = 'bc-2024' ORDER BY rowid")]
    assert keys[:2] == ["bc-2024#participants:1", "bc-2024#participants:1~2"]


def test_panel_cells_trace_back_to_figures(tmp_path):
    out = emit(tmp_path)
    refs = sql(out, "SELECT DISTINCT unnest(flatten([quota_refs, received_refs, participants_refs, drives_refs, "
                    "quota_planned_refs, awards_refs])) FROM panel")
    known = {r[0] for r in sql(out, "SELECT figure_key FROM figures")}
    assert refs and {r[0] for r in refs} <= known


def test_panel_sums_held_drives_when_no_year_total(tmp_path):
    docs, _ = sample_corpus()
    docs[1].figures = [f for f in docs[1].figures if not (f.kind == "units_received" and "drive_no" not in f.attrs)]
    p = panel(emit(tmp_path, docs=docs))[2024]
    assert p["received"] == 671
    assert p["received_refs"] == ["bc-2024#units_received:2", "bc-2024#units_received:3"]


# -- schemas --------------------------------------------------------------------------------------
def test_validate_rejects_bad_tables():
    docs, findings = sample_corpus()
    frames = build_tables(docs, collect_findings(docs, findings))
    validate("findings", frames["findings"])
    bad = frames["findings"].copy()
    bad.loc[0, "status"] = "wrong"
    with pytest.raises(TableSchemaError, match="status"):
        validate("findings", bad)
    with pytest.raises(TableSchemaError, match="missing columns"):
        validate("drives", frames["drives"].drop(columns=["status"]))
    nulls = frames["figures"].copy()
    nulls["doc_id"] = None
    with pytest.raises(TableSchemaError, match="doc_id"):
        validate("figures", nulls)
    dup = frames["documents"].copy()
    dup.loc[1, "doc_id"] = dup.loc[0, "doc_id"]
    with pytest.raises(TableSchemaError, match="unique"):
        validate("documents", dup)
    typed = frames["awards"].copy()
    typed["recipients"] = "many"
    with pytest.raises(TableSchemaError, match="recipients"):
        validate("awards", typed)


# -- query ----------------------------------------------------------------------------------------
def test_query_formats(tmp_path, capsys):
    out = emit(tmp_path)
    assert query("SELECT year, received FROM panel ORDER BY year", out, "csv") == 0
    assert capsys.readouterr().out.splitlines() == ["year,received", "2023,600", "2024,671"]
    assert query("SELECT doc_id, unit_name FROM documents WHERE doc_id = 'bc-2023'", out, "json") == 0
    assert json.loads(capsys.readouterr().out) == [{"doc_id": "bc-2023", "unit_name": "Huyện Tam Đường"}]
    assert query("SELECT count(*) AS n FROM figures", out, "table") == 0
    assert "n" in capsys.readouterr().out


def test_query_errors_exit_2(tmp_path, capsys):
    assert query("SELECT 1", tmp_path / "nowhere", "table") == 2
    assert "no dataset" in capsys.readouterr().err
    out = emit(tmp_path)
    assert query("SELECT nope FROM figures", out, "table") == 2
    assert "SQL error" in capsys.readouterr().err
    assert query("SELECT 1", out, "xml") == 2


def test_query_command_line(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = emit(tmp_path)
    res = CliRunner().invoke(app, ["query", "SELECT count(*) AS n FROM documents", "-o", str(out), "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines() == ["n", "3"]
    res = CliRunner().invoke(app, ["query", "SELEC 1", "-o", str(out)])
    assert res.exit_code == 2


# -- the seed documents, as the OCR stage reads them (no extraction needed) ----------------------------
def test_seed_documents_emit(tmp_path, corpus_dir):
    import csv

    from pipeline.ocr import ocr_file

    files = sorted((corpus_dir / "text").glob("*.txt"))
    docs = [ocr_file(p, doc_id=p.stem, rel_path=f"text/{p.name}") for p in files]
    out = emit(tmp_path, docs=docs, findings=[])
    with open(corpus_dir / "text" / "MANIFEST.csv", encoding="utf-8") as fh:
        manifest = {r["file"]: r["sha256"] for r in csv.DictReader(fh)}
    rows = sql(out, "SELECT path, sha256, kind, pages, n_figures FROM documents ORDER BY path")
    assert [(p.split("/")[1], s) for p, s, *_ in rows] == sorted(manifest.items())
    assert all(kind == "txt" and pages >= 1 and n == 0 for _, _, kind, pages, n in rows)
    assert sql(out, "SELECT count(*) FROM figures") == [(0,)]
    assert "Documents" in (out / "report.html").read_text(encoding="utf-8")


def test_panel_plan_comes_from_the_earlier_report(tmp_path):
    docs, findings = sample_corpus()
    later = docs[1]  # the 2024 report also calls the province's quota a plan: the 2023 report's plan wins
    later.pages[0].lines.append(Line(number=4, text="Kế hoạch tỉnh giao 560 đơn vị."))
    _fig(later, "units_quota", 560, 4, "560", year=2024, plan=True)
    p = panel(emit(tmp_path, docs=docs, findings=findings))[2024]
    assert (p["quota_planned"], p["quota_planned_refs"]) == (550, ["bc-2023#units_quota:4"])


def test_emit_benchmark_runs_on_a_tiny_archive(capsys):
    from bench.emit import main, synthetic_report

    doc = synthetic_report(unit=1, year=2020, drives=2)
    drives = [f.value for f in doc.figures if f.kind == "units_received" and "drive_no" in f.attrs]
    total = next(f.value for f in doc.figures if f.kind == "units_received" and "drive_no" not in f.attrs)
    assert sum(drives) == total and all(f.span.raw.startswith(str(f.value)) or f.span.raw == f"/{f.value}"
                                        for f in doc.figures)
    assert main(["--units", "1", "--years", "2", "--drives", "1", "--repeat", "1"]) == 0
    assert "vnreports bench emit --units 1 --years 2 --drives 1 --repeat 1" in capsys.readouterr().out


def test_panel_counts_a_second_copy_of_a_report_once(tmp_path):
    docs, findings = sample_corpus()
    copy = report_2023()
    copy.doc_id, copy.path, copy.kind = "bc-2023-scan", "scans/bc-2023.pdf", "pdf-image"
    for f in copy.figures:
        f.confidence = 0.8  # OCR'd: the text copy's figures win
    docs.append(copy)
    p = panel(emit(tmp_path, docs=docs, findings=findings))
    assert (p[2023]["received"], p[2023]["awards"], p[2023]["drives"]) == (600, 14, 2)
    assert p[2023]["received_refs"] == ["bc-2023#units_received:1"]
    assert p[2024]["quota_planned"] == 550


def test_a_copy_with_misread_figures_never_reaches_the_panel(tmp_path):
    docs, findings = sample_corpus()
    copy = report_2023()
    copy.doc_id, copy.path, copy.kind = "bc-2023-scan", "scans/bc-2023.pdf", "pdf-image"
    for f in copy.figures:
        if f.kind == "units_received" and f.attrs.get("drive_no") is None:
            f.value, f.confidence = 9999, 1.0  # a misreading the scan is sure of
    docs.append(copy)
    out = emit(tmp_path, docs=docs, findings=findings)
    assert panel(out)[2023]["received"] == 600
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert documents.loc["bc-2023-scan", "copy_of"] == "bc-2023"
    assert pd.isna(documents.loc["bc-2023", "copy_of"])


def test_a_fax_machines_line_is_kept_on_the_documents_row():
    doc = _doc("fax", ["UBND HUYỆN TAM ĐƯỜNG", "BÁO CÁO"], {})
    doc.pages.append(Page(number=2, lines=[Line(number=1, text="Trang hai")],
                          transmission="30/11/2022 12:42 FAX 02133887440 P.002/002"))
    tables = build_tables([doc, _doc("plain", ["BÁO CÁO"], {})], [])
    rows = tables["documents"].set_index("doc_id")["fax_line"].to_dict()
    assert rows["fax"] == "30/11/2022 12:42 FAX 02133887440 P.002/002" and pd.isna(rows["plain"])


def test_an_incoming_mail_stamp_is_kept_on_the_documents_row():
    doc = _doc("stamped", ["UBND HUYỆN TAM ĐƯỜNG", "BÁO CÁO"], {})
    doc.pages[0].received_stamp = "ĐẾN Số: 215 / Ngày: 05/01/2026 / Giờ: 9h"
    doc.pages.append(Page(number=2, lines=[Line(number=1, text="Trang hai")], received_stamp="ĐẾN (copy)"))
    tables = build_tables([doc, _doc("plain", ["BÁO CÁO"], {})], [])
    rows = tables["documents"].set_index("doc_id")["received_stamp"].to_dict()
    assert rows["stamped"] == "ĐẾN Số: 215 / Ngày: 05/01/2026 / Giờ: 9h" and pd.isna(rows["plain"])


def test_pages_read_after_turning_them_upright_are_listed_on_the_documents_row():
    doc = _doc("fed", ["UBND HUYỆN TAM ĐƯỜNG", "BÁO CÁO"], {})
    doc.pages += [Page(number=2, lines=[Line(number=1, text="Phụ lục")], turned=1),
                  Page(number=3, lines=[Line(number=1, text="Trang ba")], turned=2)]
    rows = build_tables([doc, _doc("plain", ["BÁO CÁO"], {})], [])["documents"].set_index("doc_id")["pages_turned"]
    assert rows["fed"] == "2,3" and pd.isna(rows["plain"])


def test_pages_read_as_a_blank_back_showing_through_are_listed_on_the_documents_row():
    doc = _doc("duplex", ["UBND HUYỆN TAM ĐƯỜNG", "BÁO CÁO"], {})
    doc.pages.append(Page(number=2, lines=[], show_through=True))
    rows = build_tables([doc, _doc("plain", ["BÁO CÁO"], {})], [])["documents"].set_index("doc_id")
    assert rows["pages_show_through"]["duplex"] == "2" and pd.isna(rows["pages_show_through"]["plain"])
