"""Runs the registered rules and turns their Checks into Findings."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from pipeline import families  # noqa: F401  (registers the families' rules)
from pipeline.audit import corpus_rules, date_rules, rules, table_rules  # noqa: F401  (importing them registers the rules)
from pipeline.audit.messages import render
from pipeline.audit.quantities import Quantity, compare, from_figure, percent_ratio, total
from pipeline.audit.registry import Check, Rule, registered
from pipeline.audit.figures import MIN_CELL_CONF, MIN_CONFIDENCE, low_confidence
from pipeline.fsio import atomic_write
from pipeline.model import STATUS_ORDER, Document, Finding, FindingStatus, Severity, build

CORPUS_FINDINGS = "corpus.findings.json"


def evaluate(rule: Rule, check: Check) -> Finding:
    """Decide ok / mismatch / unverifiable for one check and word the finding in both languages."""
    reason, detail = check.reason, check.reason_detail
    consistent, difference = True, None
    if check.verdict is not None:
        consistent = check.verdict == "ok"
    elif reason is None and (check.claimed is None or check.computed is None):
        unreadable = [f.label or f.id for _, f in check.figures if from_figure(f) is None]
        reason, detail = "no_value", ", ".join(unreadable) or "zero quota"
    elif reason is None:
        consistent, difference = compare(check.claimed, check.computed, check.relation)
        if not consistent:
            doubtful = [f"{f.span.raw or f.value} ({f.confidence:.2f} < {MIN_CONFIDENCE})"
                        for f in low_confidence(f for _, f in check.figures)]
            doubtful += [f"{c.text} (OCR {c.conf:.0f} < {MIN_CELL_CONF})" for _, c in check.cells
                         if c.conf is not None and c.conf < MIN_CELL_CONF]
            if doubtful:  # the numbers may be misread: do not blame the report
                reason = "low_confidence"
                detail = ", ".join(doubtful)
    status = FindingStatus.UNVERIFIABLE if reason else (FindingStatus.OK if consistent else FindingStatus.MISMATCH)
    severity = {FindingStatus.OK: Severity.INFO, FindingStatus.UNVERIFIABLE: Severity.WARNING}.get(status, rule.severity)
    words = dict(
        claimed=check.claimed, computed=check.computed, basis=check.basis, parts=check.terms,
        difference=difference, reason=reason, reason_detail=detail, other=check.other,
    )
    return Finding(
        rule=rule.name,
        code=rule.code,
        subject=check.subject,
        status=status,
        severity=severity,
        claimed=check.claimed.nominal if check.claimed is not None else None,
        computed=check.computed.nominal if check.computed is not None else None,
        difference=difference,
        message_en=render(status, subject=check.subject, lang="en", **words),
        message_vi=render(status, subject=check.subject_vi, lang="vi", **words),
        evidence=[f.span for _, f in check.figures] + [c.span for _, c in check.cells if c.span is not None]
        + list(check.spans),
        figure_ids=[_figure_ref(doc_id, f.id, check.doc_id) for doc_id, f in check.figures],
        doc_id=check.doc_id,
        cells=[ref for ref, _ in check.cells],
    )


def _figure_ref(doc_id: str, fig_id: str, home: str) -> str:
    """A figure of the finding's own document by its id; one of another document as 'doc_id/fig_id'."""
    return fig_id if doc_id == home else f"{doc_id}/{fig_id}"


def applies(rule: Rule, doc: Document) -> bool:
    """A family's rule applies to documents of that family only."""
    return rule.family is None or rule.family in doc.families


def audit_document(doc: Document) -> list[Finding]:
    found: list[tuple[Finding, Check]] = []
    for r in registered("document"):
        if not applies(r, doc):
            continue
        for check in r.fn(doc):
            check.doc_id = check.doc_id or doc.doc_id
            found.append((evaluate(r, check), check))
    claimed = {f.cells[0] for f, check in found if f.cells and not check.fallback}
    kept = [(f, check) for f, check in found if not (check.fallback and f.cells and f.cells[0] in claimed)]
    checks = {id(f): check for f, check in kept}
    return merge_repeats(knock_ons(one_per_cell([f for f, _ in kept]), checks))


def knock_ons(findings: list[Finding], checks: dict[int, Check]) -> list[Finding]:
    """One finding per wrong cell: when a cell one mismatch claims (a row's total, ``1.931``; a row's change, ``+6``)
    is a term of another mismatch (the column's sum over the rows; the row's rate of that change) that its computed
    value (``1.391``; ``4``) in that term would make consistent, the second is that cell's knock-on: it joins the
    first (its cells and words cited there), no finding of its own. Two mismatches each holding the other's claim
    among their terms are left alone (either may be the wrong one)."""
    wrong = [f for f in findings if f.status == FindingStatus.MISMATCH and f.cells and f.claimed is not None
             and f.computed is not None and id(f) in checks]
    joined: set[int] = set()
    for g in wrong:
        for f in wrong:
            if f is g or id(f) in joined or f.doc_id != g.doc_id or f.cells[0] not in g.cells[1:] \
                    or g.cells[0] in f.cells[1:] or not _fixed_by(checks[id(g)], g.cells.index(f.cells[0]) - 1,
                                                                  checks[id(f)].computed):
                continue
            joined.add(id(g))
            f.evidence += [e for e in g.evidence if e not in f.evidence]
            f.cells += [c for c in g.cells if c not in f.cells]
            f.figure_ids += [i for i in g.figure_ids if i not in f.figure_ids]
            break
    return [f for f in findings if id(f) not in joined]


def _fixed_by(check: Check, term: int, value: Quantity | None) -> bool:
    """Whether ``check`` (a sum, a rate or a difference whose terms follow its claimed cell in order) holds once its
    ``term``-th term is ``value``; its cells after the claim are its first terms' (a whole the text gives, no cell,
    comes last)."""
    if value is None or len(check.cells) > len(check.terms) + 1 or not 0 <= term < len(check.cells) - 1 \
            or check.claimed is None:
        return False
    terms = list(check.terms)
    terms[term] = value
    if check.basis in ("sum", "rows"):
        computed = total(terms)
    elif check.basis in ("rate", "ratio") and len(terms) == 2:
        computed = percent_ratio(terms[0], terms[1])
    elif check.basis == "difference" and len(terms) == 2:
        computed = total([terms[0], terms[1].negated()])
    else:
        return False
    return computed is not None and compare(check.claimed, computed, check.relation)[0]


def one_per_cell(findings: list[Finding]) -> list[Finding]:
    """One finding per fact: two rules that find the same cell wrong by the same numbers (a change column's percent
    read as change / last year by the rate rule and by the change rule) make one finding, the first rule's. Checks
    that agree are all kept (a total row's cell both sums its column and matches the text: two facts)."""
    first_rule: dict[tuple, str] = {}
    out = []
    for f in findings:
        if f.cells and f.claimed is not None and f.computed is not None and f.status != FindingStatus.OK:
            key = (f.doc_id, f.cells[0], f.status, round(f.claimed, 6), round(f.computed, 6))
            if first_rule.setdefault(key, f.rule) != f.rule:
                continue  # (one rule's two identities that blame the cell alike are two findings: both kept)
        out.append(f)
    return out


def merge_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per fact: a check a document repeats (the same quota written twice, each against the same
    sum of drives) is one finding that cites every place it was written."""
    out: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.rule, f.doc_id, f.subject, f.status, f.claimed, f.computed)
        first = out.get(key)
        if first is None:
            out[key] = f
            continue
        first.evidence += [e for e in f.evidence if e not in first.evidence]
        first.figure_ids += [i for i in f.figure_ids if i not in first.figure_ids]
        first.cells += [c for c in f.cells if c not in first.cells]
    return list(out.values())


def audit_corpus(docs: list[Document]) -> list[Finding]:
    found = []
    for r in registered("corpus"):
        found += [evaluate(r, check) for check in r.fn(docs)]
    return found


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Mismatches first, then unverifiable, then ok; by document and code within each."""
    return sorted(findings, key=lambda f: (STATUS_ORDER.get(f.status, 3), f.doc_id, f.code, f.subject))


def save_findings(findings: list[Finding], path: Path) -> Path:
    return atomic_write(path, json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=1))


def load_findings(path: Path) -> list[Finding]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of findings")
    return findings_from_dicts(data)


def findings_from_dicts(items: list[dict]) -> list[Finding]:
    return [build(Finding, f) for f in items]
