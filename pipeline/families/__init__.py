"""Report families: each in one home, registered in one list, the way audit rules are.

A family (blood donation, poverty reduction, ...) is a folder holding everything that knows its subject:
its figure kinds (``kinds.py``), the meanings of its table columns and the identities they obey
(``vocabulary.py``), its extractors (``extract.py``), its audit rules (``rules.py``) and its dataset tables
and views (``dataset.py``), plus the signals that tell a document belongs to it. Generic machinery (numbers,
dates, paragraphs, tables, the audit engine, schemas) lives outside the families and knows none of them.

A document's families are decided by ``classify`` (title, keywords, table headers); a document of no known
family still yields its identity, references, dates, money, awards, places and tables, and raises no
family-specific finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from pipeline.model import Document
from pipeline.text import match_form

TITLE_WEIGHT = 5  # a signal in the title counts as much as five in the body
HEADER_WEIGHT = 2  # a signal in a table header
MIN_SCORE = 4  # below this a document of some length does not belong to the family
WORDS_PER_SIGNAL = 300  # a short text needs fewer signals: one per this many words, up to MIN_SCORE
RELATIVE = 0.25  # a second family needs at least this share of the first one's score


@dataclass(frozen=True)
class Family:
    name: str  # "blood"
    en: str  # what it is about, in English
    vi: str  # and in Vietnamese
    signals: tuple[re.Pattern, ...]  # on the match form of the text: words that say a document is of it
    extract: Callable | None = None  # extract(view, figs, doc): the family's figures
    datasets: tuple = field(default_factory=tuple)  # emit: (table name, builder(docs) -> DataFrame) of its tables
    views: tuple[str, ...] = ()  # emit: SQL creating its DuckDB views
    panel_columns: tuple = ()  # the report: (column, its refs column) of its ``panel`` view, as shown


FAMILIES: dict[str, Family] = {}


def register(family: Family) -> Family:
    if family.name in FAMILIES:
        raise ValueError(f"report family {family.name!r} registered twice")
    FAMILIES[family.name] = family
    return family


def _hits(family: Family, text: str) -> int:
    return sum(len(p.findall(text)) for p in family.signals)


def scores(doc: Document) -> dict[str, float]:
    """How strongly each family's signals speak in the document: title x5, table headers x2, body x1."""
    title = match_form(doc.identity.title or "")
    body = match_form(doc.best_text)
    headers = match_form(" ".join(c.header for t in doc.tables for c in t.columns))
    return {name: TITLE_WEIGHT * _hits(f, title) + HEADER_WEIGHT * _hits(f, headers) + _hits(f, body)
            for name, f in FAMILIES.items()}


def classify(doc: Document) -> list[str]:
    """The families a document belongs to, strongest first."""
    s = scores(doc)
    top = max(s.values(), default=0)
    words = len(doc.best_text.split())
    need = min(MIN_SCORE, 1 + words // WORDS_PER_SIGNAL)
    return sorted((n for n, v in s.items() if v >= need and v >= RELATIVE * top), key=lambda n: -s[n])


# The registered families: importing each registers its kinds, table vocabulary and rules.
from pipeline.families import blood, poverty  # noqa: E402,F401
