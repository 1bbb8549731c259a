"""What the dataset and the review desk show of the corrections a document carries.

The review stage runs before the audit, so a finding's confirm or reject is matched to the finding
when it is read (by ``keys.finding_key``); a verdict whose finding the audit no longer raises is
orphaned like a correction whose figure is gone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from pipeline.model import Correction, Document, Finding, ReviewAction, ReviewTarget
from pipeline.review.keys import finding_key

VERDICTS = (ReviewAction.CONFIRM, ReviewAction.REJECT)


def verdicts(doc: Document) -> dict[str, Correction]:
    """finding key -> the last confirm / reject made on it."""
    out: dict[str, Correction] = {}
    for c in doc.corrections:
        if c.target == ReviewTarget.FINDING and c.action in VERDICTS:
            out[c.key] = c
    return out


def verdict(doc: Document | None, finding: Finding) -> Correction | None:
    return verdicts(doc).get(finding_key(finding)) if doc is not None else None


def orphans(doc: Document, findings: Iterable[Finding] | None = None) -> list[Correction]:
    """Corrections of this document that could not be applied, each with why. ``findings``: those raised
    on it (default: its own; the corpus audit's that name it may be added)."""
    raised = {finding_key(f) for f in (doc.findings if findings is None else findings)}
    out = []
    for c in doc.corrections:
        if c.orphaned:
            out.append(c)
        elif c.target == ReviewTarget.FINDING and c.key not in raised:
            out.append(replace(c, orphaned="the audit no longer raises this finding"))
    return out


def applied(doc: Document, findings: Iterable[Finding] | None = None) -> list[Correction]:
    gone = {c.correction_id for c in orphans(doc, findings)}
    return [c for c in doc.corrections if c.correction_id not in gone]


def reviewed(doc: Document, findings: Iterable[Finding] | None = None) -> bool:
    return bool(applied(doc, findings))


def corrected(doc: Document) -> bool:
    return any(f.review is not None and f.review.corrected for f in doc.figures) or any(
        p.review is not None and p.review.corrected for p in doc.places) or any(
        c.review is not None and c.review.corrected for t in doc.tables for r in t.rows for c in r.cells)


def finding_corrected(finding: Finding, docs: dict[str, Document]) -> bool:
    """Whether a figure or cell the finding used was corrected: its numbers are the reviewer's."""
    home = docs.get(finding.doc_id)
    for ref in finding.figure_ids:
        doc_id, _, fig_id = ref.rpartition("/") if "/" in ref else (finding.doc_id, "", ref)
        doc = docs.get(doc_id)
        if doc is not None and any(f.id == fig_id and f.review is not None and f.review.corrected
                                   for f in doc.figures):
            return True
    if home is not None and finding.cells:
        from pipeline.review.keys import cells_by_key

        cells = cells_by_key(home)
        return any((at := cells.get(f"cell:{ref}")) is not None and at.cell.review is not None
                   and at.cell.review.corrected for ref in finding.cells)
    return False
