"""OCR channel model: how likely OCR printed a piece of text for a true Vietnamese letter.

P(piece | letter) comes from counts learned on rendered + OCR'd training lines
(``data/channel.json``, built by ``python -m training.lm channel``), smoothed
towards a structural prior: a letter is most often printed as itself, then with all its marks
lost, then with part of its marks (the tone that survived counts: ``é`` is far likelier from
``ế`` than from ``ệ``), then as a known look-alike (6 for o-vowels, 4 for a-vowels, P for Đ ...).

Candidate generation walks the printed token piece by piece (one or two printed characters for
one letter), maps each piece to the bare letters it can stand for, and keeps the bare strings
that are skeletons of known syllables.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.syllables import split_tone
from pipeline.text import nfc, skeleton

CHANNEL_PATH = Path(__file__).resolve().parent / "data" / "channel.json"

# Look-alikes seen in old eng-OCR archives, used as a prior beside the learned counts:
# printed piece -> bare letters it may stand for.
LOOKALIKES: dict[str, str] = {
    "6": "o", "0": "o", "4": "a", "3": "a", "1": "li", "I": "l", "P": "đ", "dP": "đ", "d": "oađ",
    "ir": "u", "ii": "u", "ti": "u", "w": "uo", "t": "u", "g": "o", "e": "o", "i": "au", "¥": "y",
    "€": "e", "¢": "oe", "&": "e", "é": "oa", "è": "o", "ê": "o", "6i": "o", "tr": "u", "uw": "u", "@": "o",
    "rn": "m",  # m printed as r + n
    "q": "g",  # g printed with its loop open ("tanq", "qiam"; a q of Vietnamese is always "qu")
    "cl": "d",  # d printed as c + l ("clon vi", "dat" as "clat")
    "c": "e",  # e whose bar a scan lost ("Giấy khcn" for khen)
}
# look-alike readings a piece does not take before a letter: piece -> next printed letter -> letters not read
_NOT_BEFORE: dict[str, dict[str, tuple[str, ...]]] = {"q": {"u": ("g",)}}
# look-alike readings a piece takes only before one of some letters: piece -> letter read -> next printed letters
# (an e read c stands before its syllable's final, "khcn"; a c at a syllable's end, "học", is the c)
_ONLY_BEFORE: dict[str, dict[str, str]] = {"c": {"e": "nmtpuo"}}
MIN_LEARNED = 2  # a learned confusion generates candidates once seen this often
SPURIOUS = "\x00"  # marks a printed piece that stands for no letter (OCR added it)
PRIOR_WEIGHT = 20.0


def obs_form(word: str) -> str:
    """The printed token as the channel sees it: NFC, lower case except a capital P (often Đ)."""
    return "".join(c if c in "PI" else c.lower() for c in nfc(word))


def _bare(ch: str) -> str:
    return skeleton(ch) if ch.isalpha() else ch


def align_letters(truth: str, printed: str) -> list[tuple[str, str]]:
    """Align a true lower-case word with its printed form: (true letter or '', printed piece) pairs."""
    n, m = len(truth), len(printed)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            moves = []
            if i < n and j < m:
                same = _bare(truth[i]) == _bare(printed[j].lower()) or (printed[j], truth[i]) == ("P", "đ")
                moves.append((1, 1, 0.0 if same else 1.0))
            if i < n and j + 1 < m:
                moves.append((1, 2, 1.2))
            if i < n:
                moves.append((1, 0, 1.0))
            if j < m:
                moves.append((0, 1, 1.0))
            for di, dj, w in moves:
                if c + w < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = c + w
                    back[i + di][j + dj] = (di, dj)
    out = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]  # type: ignore[misc]
        out.append((truth[i - di:i], printed[j - dj:j]))
        i, j = i - di, j - dj
    return out[::-1]


def prior(piece: str, letter: str, lost: float = 0.25) -> float:
    """Structural prior P(piece | letter) before counts; ``lost``: how often a letter loses all its marks."""
    if piece == letter:
        return 0.5
    if len(piece) == 1 and piece.isalpha() and skeleton(piece) == skeleton(letter):
        if piece == skeleton(letter) and letter != "đ":
            return lost
        (pb, pt), lt = split_tone(piece), split_tone(letter)[1]
        if pb != skeleton(pb):
            return 0.0005  # the printed letter has its own hat or horn: OCR rarely invents one
        if pt == lt:
            return 0.12  # the tone survived, the hat was lost (é for ế)
        return 0.001  # a printed tone mark that is not the true one, never seen in the counts
    if letter in LOOKALIKES.get(piece, "") or skeleton(letter) in LOOKALIKES.get(piece, ""):
        return 0.02
    return 1e-4


def _lost_rate(counts: dict[str, Counter]) -> float:
    """Share of marked letters an engine printed with all their marks lost (add-one smoothed)."""
    marked = lost = 0
    for letter, pieces in counts.items():
        if letter and letter != skeleton(letter) and letter != "đ":
            marked += sum(pieces.values())
            lost += pieces.get(skeleton(letter), 0)
    return (lost + 1) / (marked + 2)


@dataclass
class Channel:
    counts: dict[str, Counter] = field(default_factory=dict)  # letter -> printed piece -> n
    spurious: Counter = field(default_factory=Counter)  # printed pieces that stood for no letter
    # the same counts per OCR engine: "vie" (keeps marks) and "eng" (loses most of them)
    by_engine: dict[str, dict[str, Counter]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str = CHANNEL_PATH) -> "Channel":
        path = Path(path)
        counts: dict[str, Counter] = defaultdict(Counter)
        spurious: Counter = Counter()
        by_engine: dict[str, dict[str, Counter]] = {}
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            for engine, table in data["counts"].items():
                own = by_engine.setdefault(engine, defaultdict(Counter))
                for key, n in table.items():
                    letter, piece = key.split("\t")
                    if letter:
                        counts[letter][piece] += n
                        own[letter][piece] += n
                    elif piece:
                        spurious[obs_form(piece)] += n
        return cls(dict(counts), spurious, {k: dict(v) for k, v in by_engine.items()})

    def __post_init__(self) -> None:
        self.totals = {k: sum(v.values()) for k, v in self.counts.items()}
        self.engine_totals = {e: {k: sum(v.values()) for k, v in c.items()} for e, c in self.by_engine.items()}
        self.lost_rate = {e: _lost_rate(c) for e, c in self.by_engine.items()}
        self.letters_seen = sum(self.totals.values())
        opts: dict[str, set[str]] = defaultdict(set)
        for piece, bare in LOOKALIKES.items():
            opts[piece].update(skeleton(c) for c in bare)
        for letter, pieces in self.counts.items():
            for piece, n in pieces.items():
                if n >= MIN_LEARNED and piece and letter:
                    opts[obs_form(piece)].add(skeleton(letter))
        self.options = {p: frozenset(v) for p, v in opts.items()}
        # letters OCR has been seen to print as nothing at all
        self.deletable = frozenset(skeleton(letter) for letter, pieces in self.counts.items()
                                   if letter and pieces.get("", 0) >= MIN_LEARNED and letter.isalpha())
        self._logp = lru_cache(maxsize=100_000)(self._logp_uncached)

    def bare_options(self, piece: str) -> frozenset[str]:
        """Bare letters a printed piece may stand for (itself included when it is a letter)."""
        own = {skeleton(piece)} if len(piece) == 1 and piece.isalpha() else set()
        if piece == "P":
            own = {"p"}
        return self.options.get(piece, frozenset()) | own

    def logp(self, piece: str, letter: str, stripped: float = 0.0) -> float:
        """log10 P(piece | letter).

        ``stripped`` (0..1) is how much of the text lost its marks altogether (measured on the
        text): there a bare letter says nothing about the marks it lost, so P(a | á) is raised
        towards P(a | a).
        """
        return self._logp(piece, letter, round(stripped, 1))

    def _logp_uncached(self, piece: str, letter: str, stripped: float) -> float:
        p = self._p(piece, letter, stripped)
        if stripped and piece != letter and len(piece) == 1 and piece == skeleton(letter):
            p = (1 - stripped) * p + stripped * self._p(piece, piece, stripped)
        return math.log10(p)

    def _p(self, piece: str, letter: str, stripped: float = 0.0) -> float:
        """P(piece | letter): the engines' counts mixed by how much of its marks the text lost (a text
        that kept them reads like ``vie`` output, one that lost them like ``eng``), else all counts."""
        if "vie" in self.by_engine and "eng" in self.by_engine:
            return (1 - stripped) * self._p_counts(piece, letter, "vie") + stripped * self._p_counts(piece, letter, "eng")
        return self._p_counts(piece, letter, None)

    def _p_counts(self, piece: str, letter: str, engine: str | None) -> float:
        if engine is None:
            counts, totals, lost = self.counts, self.totals, 0.25
        else:
            counts, totals, lost = self.by_engine[engine], self.engine_totals[engine], self.lost_rate[engine]
        c = counts.get(letter)
        n = c.get(piece, 0) if c else 0
        total = totals.get(letter, 0)
        return (n + PRIOR_WEIGHT * prior(piece, letter, lost)) / (total + PRIOR_WEIGHT)

    def spurious_logp(self, piece: str) -> float:
        """log10 P(OCR printed ``piece`` where there was no letter)."""
        return math.log10((self.spurious[piece] + 0.5) / (self.letters_seen + PRIOR_WEIGHT))

    def word_logp(self, pieces: tuple[str, ...], syllable: str, stripped: float = 0.0) -> float:
        total, i = 0.0, 0
        for p in pieces:
            if p.startswith(SPURIOUS):
                total += self.spurious_logp(p[1:])
            else:
                total += self.logp(p, syllable[i], stripped)
                i += 1
        return total

    def segmentations(self, printed: str, prefixes: frozenset[str], max_changes: int, max_spurious: int = 0,
                      max_deleted: int = 0):
        """(bare string, pieces) for every reading of ``printed`` whose bare string is a known prefix.

        At most ``max_changes`` pieces read as another letter than their own, at most ``max_spurious``
        single characters (inside the word) read as nothing, and at most ``max_deleted`` letters (after
        the first) that OCR printed as nothing (an empty piece; only letters seen deleted).
        """
        out: list[tuple[str, tuple[str, ...]]] = []

        def walk(j: int, bare: str, pieces: tuple[str, ...], changes: int, spurious: int = 0,
                 deleted: int = 0) -> None:
            if j == len(printed):
                out.append((bare, pieces))
            if deleted < max_deleted and changes < max_changes and bare:
                for b in self.deletable:
                    if bare + b in prefixes:
                        walk(j, bare + b, pieces + ("",), changes + 1, spurious, deleted + 1)
            if j == len(printed):
                return
            if spurious < max_spurious and changes < max_changes and 0 < j < len(printed) - 1:
                walk(j + 1, bare, pieces + (SPURIOUS + printed[j],), changes + 1, spurious + 1, deleted)
            for size in (1, 2):
                piece = printed[j:j + size]
                if len(piece) < size:
                    break
                own = skeleton(piece) if size == 1 and piece.isalpha() and piece != "P" else None
                for b in self.bare_options(piece):
                    if b in _NOT_BEFORE.get(piece, {}).get(printed[j + size:j + size + 1], ()):
                        continue  # "qu" is Vietnamese's own q: no g there
                    if (only := _ONLY_BEFORE.get(piece, {}).get(b)) is not None \
                            and (j + size >= len(printed) or printed[j + size] not in only):
                        continue
                    cost = 0 if b == own else 1
                    if changes + cost > max_changes:
                        continue
                    nb = bare + b
                    if nb in prefixes:
                        walk(j + size, nb, pieces + (piece,), changes + cost, spurious, deleted)

        walk(0, "", (), 0)
        return out
