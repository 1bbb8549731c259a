"""Figure extraction with provenance: ``run(doc, ctx) -> doc`` appends ``Figure``s and fills ``doc.meta``.

One module per kind of figure (identity, references, dates/periods, blood donation, awards, money,
coverage/clubs/materials); all match on the OCR-tolerant match form of ``Line.best`` and report
spans in both raw and restored text (see ``spans.View``).
"""

from __future__ import annotations

from pipeline.context import Context
from pipeline.extract import awards, blood, coverage, dates, identity, money, references
from pipeline.extract.spans import Figures, View
from pipeline.model import Document

__all__ = ["run", "extract_figures"]


def extract_figures(doc: Document) -> tuple[list, dict]:
    """Figures and identity meta of a document, without changing it."""
    view = View(doc)
    figs = Figures(view)
    meta = identity.extract(view, figs)
    view.annotate(meta.get("report_year"), doc_is_plan=meta.get("type_code") == "KH")
    references.extract(view, figs)
    dates.extract_periods(view, figs)
    blood.extract(view, figs)
    awards.extract(view, figs)
    money.extract(view, figs)
    coverage.extract(view, figs)
    return figs.items, meta


def run(doc: Document, ctx: Context | None = None) -> Document:
    """Replace the document's figures with freshly extracted ones and set its identity meta."""
    figures, meta = extract_figures(doc)
    doc.figures = figures
    doc.meta.update(meta)
    if ctx is not None:
        ctx.log(f"{doc.doc_id}: {len(figures)} figure(s)")
    return doc
