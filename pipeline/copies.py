"""Which documents are copies of one report (a scan and a text of it, the same file twice).

Defined once: the audit flags the copies and compares only the primary copy across documents; the
dataset marks them (``documents.copy_of``) so that the panel counts each report once.
"""

from __future__ import annotations

from pipeline.model import Document
from pipeline.text import normalize_ws, skeleton

# Which copy speaks for a report: a text first (the archive's own text, or a born-digital PDF), then by path.
KIND_PREFERENCE = {"txt": 0, "pdf-text": 1, "pdf-image": 2, "tiff": 3, "image": 4}


def identity(doc: Document) -> tuple | None:
    """(number, issuing body, report year) when all three are known, else None. All three come from
    extraction alone, so which documents are copies does not depend on whether reconciliation ran."""
    ident = doc.identity
    issuer = ident.issuer_body_code or (skeleton(normalize_ws(ident.issuer)) if ident.issuer else None)
    if ident.number is None or not issuer or ident.report_year is None:
        return None
    return str(ident.number), issuer, ident.report_year


def same_report(a: Document, b: Document) -> bool:
    return bool(a.sha256 and a.sha256 == b.sha256) or (identity(a) is not None and identity(a) == identity(b))


def copy_groups(docs: list[Document]) -> list[list[Document]]:
    """Documents grouped into copies of one report; the first of each group is its primary copy."""
    groups: list[list[Document]] = []
    for d in sorted(docs, key=lambda d: (KIND_PREFERENCE.get(d.kind, 9), d.path)):
        home = next((g for g in groups if same_report(g[0], d)), None)
        if home is None:
            groups.append([d])
        else:
            home.append(d)
    return groups


def primary_of(docs: list[Document]) -> dict[str, str | None]:
    """doc_id -> doc_id of the primary copy it duplicates (None for a primary)."""
    out: dict[str, str | None] = {}
    for group in copy_groups(docs):
        out[group[0].doc_id] = None
        for d in group[1:]:
            out[d.doc_id] = group[0].doc_id
    return out


def primaries(docs: list[Document]) -> list[Document]:
    """One copy per report, in the order given."""
    keep = {id(g[0]) for g in copy_groups(docs)}
    return [d for d in docs if id(d) in keep]
