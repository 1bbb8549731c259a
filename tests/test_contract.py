"""The contract between stages: every stage's output on the seeds holds it, and breaches are caught."""

import json
import subprocess
import sys

import pytest

from pipeline import contract, stages
from pipeline.context import Context
from pipeline.errors import ContractError
from pipeline.inputs.text import pages_from_text
from pipeline.model import (
    Document, DocKind, Figure, FindingStatus, Identity, Level, Qualifier, Restoration, RestoreMode, Span, UnitRef,
)
from pipeline.ocr import ocr_file
from pipeline.runner import apply_stages, doc_id_for, run_stage, stage_path


@pytest.fixture(scope="module")
def staged(corpus_dir, tmp_path_factory):
    """Every seed through every stage, each stage's output saved as the runner saves it."""
    out = tmp_path_factory.mktemp("out")
    ctx = Context()
    docs = []
    for path in sorted((corpus_dir / "text").glob("*.txt")):
        doc = ocr_file(path, doc_id=doc_id_for(path.name), rel_path=path.name)
        docs.append(apply_stages(doc, ctx, None, out))
    return out, docs


@pytest.mark.slow
def test_every_stage_output_holds_the_contract(staged):
    out, docs = staged
    for doc in docs:
        for st in stages.STAGES:
            saved = Document.load(stage_path(out, doc.doc_id, st.name))
            assert contract.problems(saved) == [], (doc.doc_id, st.name)
            assert st.name in saved.stages


@pytest.mark.slow
def test_typed_records_are_filled_by_their_stages(staged):
    _, docs = staged
    for doc in docs:
        assert isinstance(doc.restoration, Restoration) and doc.restoration.mode == RestoreMode.AUTO
        assert doc.units.gazetteer_date and doc.encoding == "utf-8"
        assert doc.units.subject is not None and doc.units.subject.level in set(Level)
    by_id = {d.doc_id: d for d in docs}
    ident = by_id["2024_tam-duong_bc-111"].identity
    assert (ident.number, ident.issuer_body_code, ident.report_year) == (111, "BCĐ", 2024)
    assert by_id["2024_tam-duong_bc-111"].units.issuer.code == "106"  # the unit, apart from the body
    assert by_id["2023_tam-duong_bc-111_ocr"].restoration.restored


def _doc(*figures: Figure) -> Document:
    return Document(doc_id="d", path="d.txt", sha256="", kind=DocKind.TXT, pages=pages_from_text("Tiếp nhận 737 đơn vị"),
                    figures=list(figures))


def _fig(kind="units_received", value=737, **attrs) -> Figure:
    return Figure(kind=kind, value=value, span=Span(1, 1, 10, 13, raw="737"), attrs=attrs, id=f"{kind}:1")


def test_breaches_are_named():
    assert contract.problems(_doc(_fig(year=2023, drive_no=1))) == []
    assert "undeclared kind" in contract.problems(_doc(_fig(kind="blood_units")))[0]
    assert "not declared for kind" in contract.problems(_doc(_fig(gazetteer_total=3)))[0]
    assert "attribute year" in contract.problems(_doc(_fig(year="2023")))[0]
    assert "attribute status" in contract.problems(_doc(_fig("drive_date", "2023-06-01", status="done")))[0]
    assert "is not int" in contract.problems(_doc(_fig(value="737")))[0]
    far = _fig()
    far.span = Span(1, 1, 10, 99)
    assert "outside line" in contract.problems(_doc(far))[0]


def test_a_stage_that_breaks_the_contract_is_named():
    class Bad:
        name = "extract"

        def run(self, doc, ctx):
            doc.figures.append(_fig(kind="made_up"))
            return doc

    with pytest.raises(ContractError, match="E201 stage extract broke the document contract"):
        run_stage(Bad(), _doc(), Context())


def test_json_round_trip_restores_types_and_refuses_unknown_keys():
    doc = _doc(_fig(year=2023))
    doc.identity = Identity(number=111, issuer_body_code="BCĐ", report_year=2023)
    doc.units.subject = UnitRef("106", "Huyện Tam Đường", Level.DISTRICT)
    back = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert back == doc
    assert isinstance(back.kind, DocKind) and isinstance(back.figures[0].qualifier, Qualifier)
    assert isinstance(back.units.subject, UnitRef) and back.units.subject.level is Level.DISTRICT
    bad = doc.to_dict()
    bad["identity"]["issuer_code"] = "BCĐ"
    with pytest.raises(ValueError, match="unknown field"):
        Document.from_dict(bad)


def test_schema_1_files_are_migrated():
    v1 = {"doc_id": "d", "path": "d.txt", "sha256": "", "kind": "txt", "schema_version": 1,
          "meta": {"number": 111, "issuer_code": "106", "issuer_unit": "Huyện Tam Đường", "issuer_level": "district",
                   "subject_code": "106", "subject_unit": "Huyện Tam Đường", "subject_level": "district",
                   "report_year": 2024},
          "restoration": {"decision": True}, "findings": [
              {"rule": "r", "code": "A1", "subject": "s", "status": "ok", "severity": "info"}]}
    doc = Document.from_dict(v1)
    assert doc.identity.number == 111 and doc.identity.issuer_body_code is None
    assert doc.units.issuer.code == "106" and doc.findings[0].status is FindingStatus.OK


def test_the_command_line_starts_without_loading_models_or_spacy():
    code = "import sys, pipeline.cli as c; c._register_benches(); print(sorted(m for m in sys.modules " \
           "if m.split('.')[0] in ('spacy', 'numpy', 'cv2', 'pandas', 'duckdb') or m.startswith('pipeline.restore')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
