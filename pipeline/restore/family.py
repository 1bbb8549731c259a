"""Which report family a document belongs to, read before restoration from its diacritic-free skeleton.

The extraction stage classifies documents after restoration; restoration needs the family earlier, to
prefer the family's own vocabulary (``hien mau`` is ``hiến máu`` in a blood-donation report, ``hiền mẫu``
in a novel). Each family of the lexicon lists keyword phrases written as skeletons; a document belongs
to every family whose keywords it holds both several times and densely enough that a passing mention (a
news item that names blood donation once) does not count: a report of a programme belongs to the
administrative register and to the programme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.restore.lexicon import Family
from pipeline.text import skeleton

MIN_HITS = 3  # keyword occurrences
MIN_DENSITY = 4.0  # keyword occurrences per 1,000 words
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class FamilyGuess:
    """The families a document belongs to (several: the administrative register and a programme), with
    the keyword hits of each."""

    families: list[Family] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    words: int = 0

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.families]


def words_of(text: str) -> list[str]:
    """The skeletons of the words of a text (marks, case and đ removed), in order."""
    return _WORD.findall(skeleton(text))


def count_hits(words: list[str], keywords: list[tuple[str, ...]]) -> int:
    """Occurrences of the keyword phrases in a word sequence (overlapping phrases each counted)."""
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for k in keywords:
        firsts.setdefault(k[0], []).append(k)
    hits = 0
    for i, w in enumerate(words):
        for k in firsts.get(w, ()):
            if tuple(words[i:i + len(k)]) == k:
                hits += 1
    return hits


def classify(text: str, families: list[Family]) -> FamilyGuess:
    """The families whose keywords the document holds at least ``MIN_HITS`` times and ``MIN_DENSITY``
    times per 1,000 words (none when no family is clear)."""
    words = words_of(text)
    if not words or not families:
        return FamilyGuess([], {}, len(words))
    hits = {f.name: count_hits(words, f.keywords) for f in families}
    chosen = [f for f in families if hits[f.name] >= MIN_HITS and 1000 * hits[f.name] / len(words) >= MIN_DENSITY]
    return FamilyGuess(chosen, hits, len(words))
