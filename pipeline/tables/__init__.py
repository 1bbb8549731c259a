"""Tables as data: read from text (``text.py``) or handed over by the OCR stage (scans, PDF text layers), then
interpreted the same way (``interpret.py``: header, column meanings, values, total rows, page breaks) with the
header vocabulary of ``vocabulary.py`` and of the report families."""

from __future__ import annotations

from pipeline.model import Document, RowKind, Table, TableSource
from pipeline.tables.interpret import interpret, stitch
from pipeline.tables.text import read_text_tables

__all__ = ["read_tables"]


def _position(t: Table) -> tuple[int, int]:
    lines = [ln for r in t.rows for c in r.cells for (p, ln) in c.lines if p == t.pages[0]]
    return (t.pages[0] if t.pages else 0, min(lines, default=0))


def read_tables(doc: Document) -> list[Table]:
    """Every table of the document, interpreted, ids ``t1``, ``t2`` ... in reading order.

    Tables the OCR stage read (from a scan's rulings or a PDF's text layer) are kept and their lines are not
    read again as text; the rest of the text is searched for typed tables. Running this twice gives the
    same tables (a re-run of extraction on saved output)."""
    from pipeline import families  # noqa: F401  (the families' header words)

    given = [t for t in doc.tables if t.source != TableSource.TEXT]
    for t in given:
        for r in t.rows:
            r.kind = RowKind.DATA
    skip = {ln for t in given for r in t.rows for c in r.cells for ln in c.lines}
    tables = sorted(given + read_text_tables(doc, skip), key=_position)
    year = doc.identity.report_year
    ocr_text = doc.restoration is not None and doc.restoration.restored
    tables = [interpret(t, year, doc.families, ocr_text) for t in stitch(doc, tables)]
    for k, t in enumerate(tables, 1):
        t.id = f"t{k}"
    return tables
