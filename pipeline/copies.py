"""Which documents are copies of one report (a scan and a text of it, the same file twice).

Defined once: the audit flags the copies and compares only the primary copy across documents; the
dataset marks them (``documents.copy_of``) so that the panel counts each report once.
"""

from __future__ import annotations

from pipeline.model import Document
from pipeline.text import normalize_ws, skeleton

# Which copy speaks for a report: a text first (the archive's own text, or a born-digital PDF), then by path.
KIND_PREFERENCE = {"txt": 0, "pdf-text": 1, "pdf-image": 2, "tiff": 3, "image": 4}


def report_year(doc: Document) -> int | None:
    y = (doc.meta or {}).get("report_year")
    return int(y) if isinstance(y, (int, float)) and not isinstance(y, bool) else None


def identity(doc: Document) -> tuple | None:
    """(number, issuer, report year) when all three are known, else None."""
    meta = doc.meta or {}
    number = meta.get("number")
    issuer = meta.get("issuer_code") or (skeleton(normalize_ws(str(meta["issuer"]))) if meta.get("issuer") else None)
    year = report_year(doc)
    return (str(number), str(issuer), year) if number not in (None, "") and issuer and year is not None else None


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
