"""What the desk's pages show of a document: its figures, places, tables and findings, each with the
words (or cells) it came from.

The evidence of an item is the report's (``emit.report.evidence_view``: the line, raw and restored,
the span highlighted); its page crop is a link to the desk's ``/crop`` endpoint (``LinkedImages``)
instead of an inline image, so a page of the queue renders at once and images come as they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from pipeline.emit.report import SCANNED_KINDS, Evidence, PageImages, doc_meta, evidence_view, highlight_ranges
from pipeline.emit.report import table_views as report_tables
from pipeline.model import STATUS_ORDER, Cell, Correction, Document, Figure, Finding, Place, Row, Span, Table, cell_ref
from pipeline.review import keys, marks
from pipeline.review.keys import CellAt
from pipeline.review.apply import value_text

FLAGGED_LINES = 6  # flagged lines shown per document in the queue


def doc_url(doc_id: str, **query) -> str:
    q = urlencode({k: v for k, v in query.items() if v is not None})
    return f"/doc/{quote(doc_id, safe='')}" + (f"?{q}" if q else "")


def crop_url(doc: Document, **where) -> str | None:
    if doc.kind not in SCANNED_KINDS:
        return None
    return f"/crop/{quote(doc.doc_id, safe='')}?{urlencode(where)}"


class LinkedImages(PageImages):
    """Crops as links to ``/crop`` (served by ``PageImages.crop``), not inline images."""

    def crop(self, doc: Document, span: Span) -> str | None:
        return crop_url(doc, page=span.page, line=span.line, start=span.start, end=span.end)


LINKED = LinkedImages()


def evidence(doc: Document, span: Span) -> Evidence:
    return evidence_view(span, doc, [doc], LINKED)


@dataclass
class FigureView:
    fig: Figure
    key: str
    value: str
    evidence: Evidence

    @property
    def anchor(self) -> str:
        return "f-" + self.fig.id.replace(":", "-") if self.fig.id else self.key


def figure_views(doc: Document, only: set[str] | None = None) -> list[FigureView]:
    out = []
    for i, fig in enumerate(doc.figures, 1):
        if only is not None and fig.id not in only:
            continue
        out.append(FigureView(fig, keys.figure_key(fig, i), value_text(fig.value), evidence(doc, fig.span)))
    return out


@dataclass
class PlaceView:
    place: Place
    key: str
    evidence: Evidence
    options: list[dict] = field(default_factory=list)


def place_views(doc: Document) -> list[PlaceView]:
    return [PlaceView(p, keys.place_key(p), evidence(doc, p.span), list(p.candidates[:8])) for p in doc.places]


@dataclass
class TableView:
    """A table as the report draws it (``emit.report.table_views``: cells a finding used coloured by its
    status), with the cell whose correction form is open."""

    id: str
    drawn: dict[str, Any]
    selected: CellAt | None = None
    selected_key: str = ""
    selected_value: str = ""
    selected_evidence: Evidence | None = None
    selected_crop: str | None = None


def table_views(doc: Document, findings: list[Finding], selected: str | None = None) -> list[TableView]:
    """``selected``: the cell (``t1/r3/c4``) whose correction form is open."""
    cells = keys.cells_by_key(doc)
    out = []
    for t, drawn in zip(doc.tables, report_tables(doc, findings)):
        view = TableView(t.id, drawn)
        at = cells.get(f"cell:{selected}") if selected and selected.startswith(f"{t.id}/") else None
        if at is not None:
            view.selected, view.selected_key = at, keys.cell_key(at.table, at.row, at.cell)
            view.selected_value = value_text(at.cell.value) if at.cell.value is not None else at.cell.text
            view.selected_evidence = evidence(doc, at.cell.span) if at.cell.span is not None else None
            view.selected_crop = _cell_crop(doc, at.table, at.row, at.cell)
        out.append(view)
    return out


def _cell_crop(doc: Document, table: Table, row: Row, cell: Cell) -> str | None:
    if cell.box is None and (cell.span is None or cell.span.box is None):
        return None
    return crop_url(doc, cell=cell_ref(table, row, cell.col))


def cell_span(doc: Document, ref: str) -> Span | None:
    """The span a crop of cell ``ref`` frames: the cell's box on its row's page."""
    at = keys.cells_by_key(doc).get(f"cell:{ref}")
    if at is None:
        return None
    box = at.cell.box or (at.cell.span.box if at.cell.span is not None else None)
    if box is None:
        return None
    return Span(page=at.row.page, line=0, start=0, end=0, box=box)


@dataclass
class FindingView:
    finding: Finding
    key: str
    verdict: Correction | None
    corrected: bool
    evidence: list[Evidence]
    figures: list[FigureView]
    doc: Document
    cells: list[str] = field(default_factory=list)


def finding_views(doc: Document, findings: list[Finding]) -> list[FindingView]:
    ordered = sorted(findings, key=lambda f: (STATUS_ORDER.get(f.status, 3), f.code))
    return [finding_view(doc, f) for f in ordered]


def finding_view(doc: Document, f: Finding) -> FindingView:
    mine = {ref for ref in f.figure_ids if "/" not in ref}
    return FindingView(f, keys.finding_key(f), marks.verdict(doc, f), marks.finding_corrected(f, {doc.doc_id: doc}),
                       [evidence(doc, s) for s in f.evidence], figure_views(doc, mine), doc, list(f.cells))


@dataclass
class FlaggedView:
    doc: Document
    count: int
    lines: list[tuple[str, Markup, Markup, str | None]]  # where, raw, restored, crop


def flagged_view(doc: Document, limit: int = FLAGGED_LINES) -> FlaggedView:
    """Lines whose restored tokens the restorer flagged as guesses, raw and restored side by side."""
    lines, count = [], 0
    for page, line in doc.iter_lines():
        flagged = [t for t in line.tokens if t.flagged]
        count += len(flagged)
        if flagged and len(lines) < limit:
            raw = highlight_ranges(line.text, [(t.raw_start, t.raw_end) for t in flagged])
            restored = highlight_ranges(line.restored or "", [(t.rest_start, t.rest_end) for t in flagged])
            where = f"p. {page.number}, line {line.number}"
            crop = crop_url(doc, page=page.number, line=line.number, start=0, end=len(line.text))
            lines.append((where, raw, restored, crop))
    return FlaggedView(doc, count, lines)


__all__ = ["doc_meta", "doc_url", "crop_url", "figure_views", "place_views", "table_views", "finding_views",
           "finding_view", "flagged_view", "cell_span", "evidence"]
