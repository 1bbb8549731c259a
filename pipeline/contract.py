"""The contract between stages, checked after every stage: what a document may hold.

``problems(doc)`` lists every breach: a figure of an undeclared kind, an attribute the kind does not
declare or of the wrong type, a value of the wrong type, a span outside its line, a table cell outside
its table, duplicate figure ids, a value outside a closed set. The runner calls ``check`` after each
stage, so a stage that writes something the next stage cannot read fails at once, naming itself.
"""

from __future__ import annotations

from enum import Enum

from pipeline import families  # noqa: F401  (registers the families' figure kinds)
from pipeline.errors import ContractError
from pipeline.kinds import ATTRS, KINDS
from pipeline.model import Document, Figure, FindingStatus, Level, MatchStatus, PlaceRole, Qualifier, RowKind, Severity, Span


def _in(value, enum: type[Enum]) -> bool:
    return value is None or value in {e.value for e in enum}


def _span_problems(doc: Document, span: Span | None, where: str) -> list[str]:
    if span is None:
        return []
    if not (1 <= span.page <= len(doc.pages)):
        return [f"{where}: span page {span.page} outside 1..{len(doc.pages)}"]
    lines = doc.pages[span.page - 1].lines
    if not (1 <= span.line <= len(lines)):
        return [f"{where}: span line {span.page}:{span.line} outside the page"]
    line = lines[span.line - 1]
    if not (0 <= span.start <= span.end <= len(line.text)):
        return [f"{where}: span characters {span.start}..{span.end} outside line {span.page}:{span.line}"]
    return []


def _figure_problems(doc: Document, fig: Figure) -> list[str]:
    where = f"figure {fig.id or fig.kind}"
    spec = KINDS.get(fig.kind)
    if spec is None:
        return [f"{where}: undeclared kind {fig.kind!r}"]
    out = []
    value = fig.value
    if value is not None and (not isinstance(value, spec.value) or (isinstance(value, bool) and bool not in spec.value)):
        out.append(f"{where}: value {value!r} is not {'/'.join(t.__name__ for t in spec.value)}")
    if not _in(fig.qualifier, Qualifier):
        out.append(f"{where}: qualifier {fig.qualifier!r}")
    for name, v in fig.attrs.items():
        if name not in spec.attrs:
            out.append(f"{where}: attribute {name!r} not declared for kind {fig.kind!r}")
        elif not ATTRS[name].accepts(v):
            out.append(f"{where}: attribute {name}={v!r} is not a valid {ATTRS[name].doc!r}")
    return out + _span_problems(doc, fig.span, where)


def problems(doc: Document) -> list[str]:
    """Every breach of the contract in ``doc`` (empty when it holds)."""
    out: list[str] = []
    ids = [f.id for f in doc.figures if f.id]
    if len(ids) != len(set(ids)):
        out.append("figure ids are not unique")
    for fig in doc.figures:
        out += _figure_problems(doc, fig)
    for p in doc.places:
        where = f"place {p.mention!r}"
        if not (_in(p.level, Level) and _in(p.role, PlaceRole) and _in(p.status, MatchStatus)):
            out.append(f"{where}: level/role/status outside their sets ({p.level}, {p.role}, {p.status})")
        out += _span_problems(doc, p.span, where)
    for f in doc.findings:
        if not (_in(f.status, FindingStatus) and _in(f.severity, Severity)):
            out.append(f"finding {f.rule}: status/severity outside their sets ({f.status}, {f.severity})")
    table_ids = [t.id for t in doc.tables]
    if len(table_ids) != len(set(table_ids)):
        out.append("table ids are not unique")
    for t in doc.tables:
        n = len(t.columns)
        for r in t.rows:
            if not _in(r.kind, RowKind):
                out.append(f"table {t.id} row {r.index}: kind {r.kind!r}")
            for c in r.cells:
                if not (0 <= c.col and c.col + c.colspan <= max(n, 1)):
                    out.append(f"table {t.id} row {r.index}: cell at column {c.col} outside {n} columns")
                out += _span_problems(doc, c.span, f"table {t.id} row {r.index} col {c.col}")
    return out


def check(doc: Document, stage: str) -> Document:
    """Raise ContractError naming the stage when ``doc`` breaks the contract."""
    found = problems(doc)
    if found:
        more = f" (+{len(found) - 3} more)" if len(found) > 3 else ""
        raise ContractError(f"stage {stage} broke the document contract: {'; '.join(found[:3])}{more}")
    return doc
