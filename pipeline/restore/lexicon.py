"""The restoration lexicon: names, family vocabularies, acronyms and tokens kept as printed.

Built at training time by ``python -m training.lexicon`` into ``data/lexicon.json.gz`` (the gazetteer's
place names, listed organisations and the capitalised runs of the training corpora; the report families'
keywords and phrases; acronyms written with Đ; frequent non-syllable tokens). The runtime reads only
that file, never the gazetteer module.

A *phrase table* maps the skeleton of a run of syllables (``"nam nhun"``) to its readings and their
shares (``[("nậm nhùn", 1.0)]``); ``PhraseTable.match`` finds, in a sequence of token skeletons, the
longest runs it holds, and says for each position which syllables the lexicon reads there.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from pipeline.text import skeleton

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.json.gz"
MAX_PHRASE = 8  # syllables


@dataclass
class PhraseTable:
    """Skeleton of a run of syllables -> [(reading, share)], shares summing to 1 per skeleton."""

    entries: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    min_len: int = 1

    def __post_init__(self) -> None:
        self.max_len = max((k.count(" ") + 1 for k in self.entries), default=0)
        self.firsts = frozenset(k.split(" ", 1)[0] for k in self.entries)

    @classmethod
    def from_counts(cls, counts: dict[str, dict[str, float]], min_len: int = 1) -> "PhraseTable":
        entries = {}
        for key, readings in counts.items():
            total = sum(readings.values())
            if total > 0:
                entries[key] = sorted(((r, n / total) for r, n in readings.items()), key=lambda x: -x[1])
        return cls(entries, min_len)

    @classmethod
    def from_phrases(cls, phrases: list[str]) -> "PhraseTable":
        from pipeline.text import skeleton

        counts: dict[str, dict[str, float]] = {}
        for p in phrases:
            counts.setdefault(skeleton(p), {})[p] = 1.0
        return cls.from_counts(counts)

    def match(self, skels: list[str], ok: list[bool], starts: list[bool] | None = None) -> dict[int, dict[str, float]]:
        """Position -> {syllable: share} for the longest runs of ``skels`` the table holds, every
        position of a run allowed by ``ok`` (runs may not cross a position that is not), starting only
        where ``starts`` allows (default: anywhere)."""
        out: dict[int, dict[str, float]] = {}
        n = len(skels)
        i = 0
        while i < n:
            best = 0
            if ok[i] and (starts is None or starts[i]) and skels[i] in self.firsts:
                for size in range(min(self.max_len, n - i), self.min_len - 1, -1):
                    if not all(ok[i:i + size]):
                        continue
                    readings = self.entries.get(" ".join(skels[i:i + size]))
                    if readings:
                        for reading, share in readings:  # a syllable's share: of the readings holding it
                            for j, syl in enumerate(reading.split(" ")):
                                d = out.setdefault(i + j, {})
                                d[syl] = min(1.0, d.get(syl, 0.0) + share)
                        best = size
                        break
            i += max(best, 1)
        return out

    def syllables(self) -> set[str]:
        return {s for readings in self.entries.values() for r, _ in readings for s in r.split(" ")}


@dataclass
class Family:
    name: str
    keywords: list[tuple[str, ...]]  # skeleton phrases that say a document belongs to the family
    phrases: PhraseTable  # its vocabulary, preferred inside its documents


@dataclass
class Lexicon:
    names: PhraseTable = field(default_factory=PhraseTable)  # places, people: runs of capitalised words
    organisations: PhraseTable = field(default_factory=PhraseTable)  # capital on the first word only
    headings: PhraseTable = field(default_factory=PhraseTable)  # a line's head before a colon (Số:)
    families: list[Family] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)  # HDND -> HĐND
    kept: frozenset[str] = frozenset()  # lower-case non-syllable tokens taken as written

    @classmethod
    def load(cls, path: Path | str = LEXICON_PATH) -> "Lexicon":
        """The committed lexicon, or an empty one when its file is missing (nothing preferred)."""
        path = Path(path)
        if not path.exists():
            return cls()
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        families = [
            Family(name, [tuple(k.split()) for k in spec["keywords"]], PhraseTable.from_phrases(spec["phrases"]))
            for name, spec in data.get("families", {}).items()
        ]
        # a name whose letters spell a phrase of the families' vocabulary is that phrase first: "PHUONG HUONG"
        # (PHƯƠNG HƯỚNG, the heading of next year's tasks) is no "Phường Hương" for the sake of Phường Hương Sơn
        common = {skeleton(p) for spec in data.get("families", {}).values() for p in spec["phrases"]}
        names = {k: v for k, v in data.get("names", {}).items() if k not in common}
        return cls(
            names=PhraseTable.from_counts(names, min_len=2),
            organisations=PhraseTable.from_phrases(data.get("organisations", [])),
            headings=PhraseTable.from_phrases(data.get("headings", [])),
            families=families,
            acronyms=data.get("acronyms", {}),
            kept=frozenset(data.get("kept", ())),
        )

    def syllables(self) -> set[str]:
        """Every syllable the lexicon may read (some are too rare for the LM's vocabulary)."""
        out = self.names.syllables() | self.organisations.syllables() | self.headings.syllables()
        for fam in self.families:
            out |= fam.phrases.syllables()
        return out


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The committed lexicon, loaded once per process."""
    return Lexicon.load()
