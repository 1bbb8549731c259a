"""Stage audit: do the numbers a report claims add up?

``run(doc, ctx)`` applies the document rules and appends ``Finding``s to ``doc.findings``;
``run_corpus(docs, ctx)`` applies the cross-document rules (and saves them to
``OUT/json/corpus.findings.json``). Rules live in ``rules.py`` / ``corpus_rules.py``, one small
function each, registered by name with a stable code (``vnreports audit --list-rules``).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.audit.display import print_findings, print_rules
from pipeline.audit.engine import CORPUS_FINDINGS, audit_corpus, audit_document, save_findings
from pipeline.audit.registry import REGISTRY, Rule, registered
from pipeline.model import Document, Finding

__all__ = ["run", "run_corpus", "list_rules", "print_rules", "print_findings"]


def run(doc: Document, ctx=None) -> Document:
    """Append the findings of every document rule; findings of an earlier audit run are replaced."""
    doc.findings = [f for f in doc.findings if f.rule not in REGISTRY] + audit_document(doc)
    return doc


def run_corpus(docs: list[Document], ctx=None) -> list[Finding]:
    """Cross-document findings; saved to OUT/json/corpus.findings.json when the context has an output folder."""
    findings = audit_corpus(docs)
    out_dir = getattr(ctx, "out_dir", None)
    if out_dir is not None:
        save_findings(findings, Path(out_dir) / "json" / CORPUS_FINDINGS)
    return findings


def list_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    return registered()
