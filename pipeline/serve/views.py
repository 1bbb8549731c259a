"""What the desk's pages show of a document: its figures, places, tables and findings, each with the
words (or cells) it came from.

The evidence of an item is the report's (``emit.report.evidence_view``: the line, raw and restored,
the span highlighted); its page crop is a link to the desk's ``/crop`` endpoint (``LinkedImages``)
instead of an inline image, so a page of the queue renders at once and images come as they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from markupsafe import Markup

from pipeline.emit.report import SCANNED_KINDS, Evidence, PageImages, doc_meta, evidence_view, highlight_ranges
from pipeline.model import (STATUS_ORDER, Cell, Correction, Document, Figure, Finding, Place, Row, RowKind, Span,
                            Table, cell_ref)
from pipeline.review import keys, marks
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
class CellView:
    cell: Cell
    key: str
    ref: str
    classes: str
    shown: str
    tag: str = "td"


@dataclass
class TableView:
    table: Table
    rows: list[list[CellView]]
    selected: CellView | None = None
    selected_evidence: Evidence | None = None
    selected_crop: str | None = None


def table_views(doc: Document, findings: list[Finding], selected: str | None = None) -> list[TableView]:
    """Tables as drawn in the page: cells a mismatch used in red, reviewed cells marked; ``selected``
    (``t1/r3/c4``) is the cell whose correction form is open."""
    worst_last = sorted(findings, key=lambda f: -STATUS_ORDER.get(f.status, 3))
    used = {ref: f.status for f in worst_last for ref in finding_cells(doc, f)}
    out = []
    for t in doc.tables:
        view = TableView(t, [])
        for row in t.rows:
            cells = []
            for c in row.cells:
                ref = cell_ref(t, row, c.col)
                classes = [str(row.kind), f"used-{used[ref]}" if ref in used else ""]
                if c.review is not None:
                    classes.append("corrected" if c.review.corrected else "reviewed")
                shown = value_text(c.value) if c.value is not None and c.review is not None else c.best
                cv = CellView(c, keys.cell_key(t, row, c), ref, " ".join(x for x in classes if x), shown,
                              "th" if row.kind == RowKind.HEADER else "td")
                if ref == selected:
                    cv.classes += " selected"
                    view.selected = cv
                    view.selected_evidence = evidence(doc, c.span) if c.span is not None else None
                    view.selected_crop = _cell_crop(doc, t, row, c)
                cells.append(cv)
            view.rows.append(cells)
        out.append(view)
    return out


def finding_cells(doc: Document, f: Finding) -> list[str]:
    """The cells (``t1/r3/c4``) a finding used: those it names, and those its figures were read from."""
    ids = set(f.figure_ids)
    refs = list(f.cells)
    for fig in doc.figures:
        a = fig.attrs
        if fig.id in ids and a.get("table") is not None and a.get("row") is not None and a.get("column") is not None:
            refs.append(f"{a['table']}/r{a['row']}/c{a['column']}")
    return refs


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
                       [evidence(doc, s) for s in f.evidence], figure_views(doc, mine), doc, finding_cells(doc, f))


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
