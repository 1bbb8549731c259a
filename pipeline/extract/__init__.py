"""Figure extraction with provenance: ``run(doc, ctx) -> doc`` sets ``doc.figures`` and ``doc.identity``.

One module per kind of figure (identity, references, dates/periods, blood donation, awards, money,
coverage/clubs/materials); all match on the OCR-tolerant match form of ``Line.best`` and report
spans in both raw and restored text (see ``spans.View``).
"""

from __future__ import annotations

from pipeline.context import Context
from pipeline.extract import awards, blood, coverage, identity, money, periods, references
from pipeline.extract.spans import Figures, View
from pipeline.model import Document, Identity

__all__ = ["run", "extract_figures"]


def extract_figures(doc: Document) -> tuple[list, Identity]:
    """Figures and identity of a document, without changing it."""
    view = View(doc)
    figs = Figures(view)
    ident = identity.extract(view, figs)
    view.annotate(ident.report_year, doc_is_plan=ident.type_code == "KH")
    references.extract(view, figs)
    periods.extract_periods(view, figs)
    blood.extract(view, figs)
    awards.extract(view, figs)
    money.extract(view, figs)
    coverage.extract(view, figs)
    return figs.items, ident


def run(doc: Document, ctx: Context | None = None) -> Document:
    """Replace the document's figures with freshly extracted ones and set its identity."""
    figures, ident = extract_figures(doc)
    doc.figures = figures
    doc.identity = ident
    if ctx is not None:
        ctx.log(f"{doc.doc_id}: {len(figures)} figure(s)")
    return doc
