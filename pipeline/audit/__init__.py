"""Stage audit: do the numbers a report claims add up?

``run(doc, ctx)`` applies the document rules and appends ``Finding``s to ``doc.findings``;
``run_corpus(corpus, ctx)`` applies the cross-document rules (and saves them to
``OUT/json/corpus.findings.json``). Rules live in ``rules.py`` / ``corpus_rules.py``, one small
function each, registered by name with a stable code (``vnreports audit --list-rules``).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.audit.display import print_findings, print_rules
from pipeline.audit.engine import CORPUS_FINDINGS, audit_corpus, audit_document, save_findings
from pipeline.audit.registry import REGISTRY, Rule, registered
from pipeline.context import Context
from pipeline.model import Document
from pipeline.stages import Corpus

__all__ = ["run", "run_corpus", "audit_corpus", "list_rules", "print_rules", "print_findings"]


def run(doc: Document, ctx=None) -> Document:
    """Append the findings of every document rule; findings of an earlier audit run are replaced."""
    doc.findings = [f for f in doc.findings if f.rule not in REGISTRY] + audit_document(doc)
    return doc


def run_corpus(corpus: Corpus, ctx: Context | None = None) -> Corpus:
    """The corpus step: cross-document findings into ``corpus.findings``; saved to
    OUT/json/corpus.findings.json when the context has an output folder."""
    corpus.findings = audit_corpus(corpus.docs)
    if ctx is not None and ctx.out_dir is not None:
        save_findings(corpus.findings, Path(ctx.out_dir) / "json" / CORPUS_FINDINGS)
    return corpus


def list_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    return registered()
