"""Hand-built Documents and Figures in the extraction contract, for the audit tests."""

from __future__ import annotations

from collections import Counter

from pipeline.model import Document, Figure, Identity, Span, UnitRef, UnitRefs


def fig(kind: str, value, line: int = 1, *, qualifier: str = "exact", low=None, high=None, confidence: float = 1.0,
        raw: str | None = None, **attrs) -> Figure:
    if raw is None:  # as a report writes it: 139.0 -> "139", 115.3 -> "115,3"
        raw = f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
    text = raw
    return Figure(kind=kind, value=value, span=Span(page=1, line=line, start=0, end=len(text), raw=text),
                  qualifier=qualifier, low=low, high=high, confidence=confidence, attrs=attrs)


def typed(subject_code: str | None = None, issuer_code: str | None = None, subject_unit: str | None = None,
          issuer_unit: str | None = None, subject_level: str = "district", **identity) -> dict:
    """Identity and unit references from short keyword arguments: identity fields by name, and the
    subject's and issuer's gazetteer units (as reconciliation would set them)."""
    def ref(code, name):
        return UnitRef(code, name or f"unit {code}", subject_level) if code else None

    units = UnitRefs(subject=ref(subject_code, subject_unit), issuer=ref(issuer_code, issuer_unit))
    return {"identity": Identity(**identity), "units": units}


def doc(*figures: Figure, doc_id: str = "doc", sha: str = "", families: tuple[str, ...] = ("blood",),
        **meta) -> Document:
    """A document of the blood-donation family (its rules apply) unless ``families`` says otherwise."""
    seen: Counter = Counter()
    for f in figures:
        seen[f.kind] += 1
        f.id = f"{f.kind}:{seen[f.kind]}"
    return Document(doc_id=doc_id, path=f"{doc_id}.txt", sha256=sha, kind="txt", figures=list(figures),
                    families=list(families), **typed(**meta))


def findings(d: Document, rule: str | None = None):
    from pipeline import audit

    audit.run(d)
    return [f for f in d.findings if rule in (None, f.rule)]


def statuses(d: Document, rule: str) -> list[str]:
    return [f.status for f in findings(d, rule)]
