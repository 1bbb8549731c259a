"""What a correction is about, named so that the name survives a re-run on the same bytes.

A correction is keyed by the document's sha256 (``Correction.sha256``) and one of these keys:

* ``figure:<figure id>``: extraction numbers figures ``<kind>:<n>`` in reading order, the same for the
  same bytes and the same extraction; a figure without an id is ``figure:<kind>:<index>`` as in
  ``emit.tables.figure_key``.
* ``place:p<page>/l<line>/c<start>``: where the mention starts in the raw text.
* ``cell:t1/r3/c4``: ``model.cell_ref`` (table id, row index, the column the cell starts in).
* ``finding:<code>/<figure ids and cells, sorted, joined by +>``: the rule's stable code and what it
  compared; the subject text stands in for a finding that names no figure.

Because extraction may change between versions, the review stage also checks that a figure still holds
the value the correction was made on (``Correction.old_value``); one that does not is orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Cell, Document, Figure, Finding, Place, Row, Table, cell_ref


def figure_key(fig: Figure, index: int) -> str:
    """``index`` is the figure's position in ``doc.figures``, from 1."""
    return f"figure:{fig.id or f'{fig.kind}:{index}'}"


def place_key(place: Place) -> str:
    s = place.span
    return f"place:p{s.page}/l{s.line}/c{s.start}"


def cell_key(table: Table, row: Row, cell: Cell) -> str:
    return f"cell:{cell_ref(table, row, cell.col)}"


def finding_key(f: Finding) -> str:
    parts = sorted(set(f.figure_ids) | set(f.cells))
    return f"finding:{f.code}/{'+'.join(parts) if parts else f.subject}"


@dataclass
class CellAt:
    table: Table
    row: Row
    cell: Cell


def figures_by_key(doc: Document) -> dict[str, Figure]:
    return {figure_key(f, i): f for i, f in enumerate(doc.figures, 1)}


def places_by_key(doc: Document) -> dict[str, Place]:
    return {place_key(p): p for p in doc.places}


def cells_by_key(doc: Document) -> dict[str, CellAt]:
    return {cell_key(t, r, c): CellAt(t, r, c) for t in doc.tables for r in t.rows for c in r.cells}


def findings_by_key(doc: Document) -> dict[str, Finding]:
    return {finding_key(f): f for f in doc.findings}


def cell_figures(doc: Document, at: CellAt) -> list[Figure]:
    """The figures extraction read from a cell (attrs ``table``, ``row``, ``column``)."""
    return [f for f in doc.figures if str(f.attrs.get("table")) == at.table.id and f.attrs.get("row") == at.row.index
            and f.attrs.get("column") == at.cell.col]
