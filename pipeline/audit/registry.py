"""The rule registry: each rule is a small named function registered with a stable code.

    @rule("units_sum_drives", code="A101", en="...", vi="...")
    def units_sum_drives(doc): yield Check(...)

Document rules take one Document; corpus rules (``scope="corpus"``) take the list of all Documents.
Both yield ``Check``s, which the engine turns into ``Finding``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from pipeline.audit.quantities import Quantity
from pipeline.model import Cell, Figure, Severity, Span

SCOPES = ("document", "corpus")


@dataclass
class Check:
    """One comparison a rule made: a claimed value against what its parts (or another source) give."""

    subject: str  # English, short: "units received 2024"
    subject_vi: str
    claimed: Quantity | None
    computed: Quantity | None
    figures: list[tuple[str, Figure]]  # (doc_id, figure): every figure involved, the claimed one first
    basis: str = "sum"  # how `computed` was obtained: a key of messages.BASES
    terms: list[Quantity] = field(default_factory=list)  # the parts, for the message ("347 + 390")
    relation: str = "eq"  # eq | le | ge (see quantities.compare)
    reason: str | None = None  # set when the check cannot be made: a key of messages.REASONS
    reason_detail: str | tuple[str, str] = ""  # e.g. which drives are missing; (English, Vietnamese) when they differ
    doc_id: str = ""  # the document the finding belongs to
    other: str = ""  # for cross-document checks: the other document's id
    verdict: str | None = None  # a status decided by the rule itself (duplicates: "mismatch"), not by numbers
    cells: list[tuple[str, Cell]] = field(default_factory=list)  # (reference t1/r3/c4, cell): table cells involved
    spans: list[Span] = field(default_factory=list)  # words involved that are no figure (a place named in a list)
    fallback: bool = False  # dropped where another check claims the same cell (a formula the family's rate repeats)


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    scope: str
    severity: Severity  # of a mismatch; ok findings are info, unverifiable ones warning
    en: str
    vi: str
    fn: Callable[..., Iterable[Check]]
    family: str | None = None  # a report family's rule applies only to documents of that family


REGISTRY: dict[str, Rule] = {}


def rule(name: str, *, code: str, en: str, vi: str, scope: str = "document", severity: str = "error",
         family: str | None = None):
    """Register a rule function under ``name`` with the stable message ``code``."""
    if scope not in SCOPES:
        raise ValueError(f"rule {name}: scope must be one of {SCOPES}")
    if severity not in {s.value for s in Severity}:
        raise ValueError(f"rule {name}: severity must be one of {', '.join(s.value for s in Severity)}")

    def register(fn: Callable[..., Iterable[Check]]) -> Callable[..., Iterable[Check]]:
        if name in REGISTRY:
            raise ValueError(f"audit rule {name!r} registered twice")
        taken = {r.code: r.name for r in REGISTRY.values()}
        if code in taken:
            raise ValueError(f"audit code {code} of {name!r} is already used by {taken[code]!r}")
        REGISTRY[name] = Rule(name, code, scope, Severity(severity), en, vi, fn, family)
        return fn

    return register


def registered(scope: str | None = None) -> list[Rule]:
    """Registered rules in code order, optionally of one scope."""
    return sorted((r for r in REGISTRY.values() if scope in (None, r.scope)), key=lambda r: r.code)
