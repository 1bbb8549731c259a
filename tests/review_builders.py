"""Hand-built documents for the review tests: a report with a misread total, a document with a table."""

from __future__ import annotations

from bench.emit import synthetic_report
from pipeline.model import Cell, Column, Document, Figure, Line, Page, Row, RowKind, Table, TableSource, make_span


def mismatched_report() -> tuple[Document, Figure, int]:
    """A synthetic yearly report whose stated total was misread: the audit finds a mismatch."""
    doc = synthetic_report(1, 2023, 3)
    doc.findings, doc.families = [], ["blood"]
    total = next(f for f in doc.figures if f.kind == "units_received" and f.attrs.get("drive_no") is None)
    true_value = total.value
    total.value = true_value + 10
    return doc, total, true_value


def table_doc(values: list[int], stated_total: int) -> Document:
    lines = [f"Xã {i + 1}   {v}" for i, v in enumerate(values)] + [f"Tổng cộng   {stated_total}"]
    doc = Document(doc_id="t", path="t.txt", sha256="t" * 8, kind="txt", families=["blood"],
                   pages=[Page(number=1, lines=[Line(number=i, text=t) for i, t in enumerate(lines, 1)])])
    rows = []
    for i, line in enumerate(doc.pages[0].lines, 1):
        label, number = line.text.split("   ")
        start = len(label) + 3
        span = make_span(doc, 1, i, start, len(line.text))
        kind = RowKind.TOTAL if i == len(lines) else RowKind.DATA
        rows.append(Row(index=i, kind=kind, label=label, cells=[
            Cell(col=0, text=label, span=make_span(doc, 1, i, 0, len(label))),
            Cell(col=1, text=number, span=span, value=int(number))]))
        doc.figures.append(Figure(kind="units_received", value=int(number), span=span, id=f"units_received:{i}",
                                  attrs=dict(table="t1", row=i, column=1, total_row=kind == RowKind.TOTAL)))
    doc.tables.append(Table(id="t1", source=TableSource.TEXT, rows=rows, pages=[1],
                            columns=[Column(0, "Đơn vị", "unit_name"), Column(1, "Tiếp nhận", "received")]))
    return doc
