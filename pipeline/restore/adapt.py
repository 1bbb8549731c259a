"""Document adaptation: what the decoder prefers beyond the general models, because of the document.

* **Names.** A run of capitalised tokens whose skeleton is a name of the lexicon (a place of the
  gazetteer, a body, a person seen in the training text) prefers that name's reading(s).
* **Family.** In a document of a report family (``pipeline.restore.family``), a run whose skeleton is a
  phrase of the family's vocabulary prefers the phrase's reading.
* **Cache.** A document is about one thing: after a first decoding, the readings it chose with
  confidence for a pair of neighbouring skeletons are preferred, in a second decoding, where the same
  skeletons were read with less confidence.

Each preference is a bonus (log10) added to the channel score of the preferred candidate before the
Viterbi search, so the LM and the channel can still overrule it. A token printed with its marks gets
none outside OCR-damaged text: its marks are evidence that no preference overrules. A preferred syllable the candidate list
lacks (a rare name syllable outside the LM's vocabulary) is added when the printed token is its skeleton.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import numpy as np

from pipeline.restore.lexicon import PhraseTable
from pipeline.syllables import well_formed
from pipeline.text import skeleton

if TYPE_CHECKING:  # pragma: no cover
    from pipeline.restore.decode import Restorer, Token

NAME_BONUS = 2.0  # log10 bonus for the reading of a name (times its share among the name's readings)
FAMILY_BONUS = 2.0  # for a phrase of the document's family
CACHE_BONUS = 1.0  # for the document's own confident reading of a pair of skeletons
CACHE_SURE = 0.9  # a first-pass reading this confident feeds the cache
CACHE_MIN = 2  # times a pair must be read so with confidence


def skeleton_of(tok: "Token") -> str:
    return tok.skel or skeleton(tok.raw)


def is_capitalised(tok: "Token") -> bool:
    return tok.raw[:1].isupper()


def printed_with_marks(word: str) -> bool:
    """A word printed as a syllable with Vietnamese marks."""
    return not word.isascii() and well_formed(word.lower())


def add_bonus(r: "Restorer", tok: "Token", bonus: dict[str, float]) -> bool:
    """Add ``bonus[syllable]`` to the token's channel score of that candidate; a syllable it lacks is
    added when the printed token is its skeleton. Returns whether anything was added."""
    if not tok.noisy and printed_with_marks(tok.raw):
        return False  # outside OCR damage, a syllable printed with its marks is evidence enough
    cands = list(tok.candidates)
    extra = np.zeros(len(cands), np.float32)
    ids = tok.ids
    chan = tok.chan
    printed = skeleton_of(tok)
    changed = False
    for syl, b in bonus.items():
        if b <= 0:
            continue
        try:
            k = cands.index(syl)
        except ValueError:
            if skeleton(syl) != printed or len(cands) >= r.max_candidates + 2:
                continue
            cands.append(syl)
            chan = np.append(chan, np.float32(r.channel.word_logp(tuple(tok.raw.lower()), syl, tok.stripped)))
            ids = np.append(ids, r.lm.id(syl))
            extra = np.append(extra, np.float32(0))
            k = len(cands) - 1
        extra[k] = max(extra[k], b)
        changed = True
    if changed:
        tok.candidates, tok.ids, tok.chan = cands, ids, chan + extra  # new arrays: readings are shared
    return changed


def _apply(r: "Restorer", segments: list[list["Token"]], table: PhraseTable, weight: float,
           allowed=lambda tok: True) -> int:
    n = 0
    for seg in segments:
        skels = [skeleton_of(t) for t in seg]
        ok = [allowed(t) for t in seg]
        for i, shares in table.match(skels, ok).items():
            n += add_bonus(r, seg[i], {s: weight * share for s, share in shares.items()})
    return n


def prefer_names(r: "Restorer", segments: list[list["Token"]]) -> int:
    """Bonus for the lexicon's names on runs of capitalised tokens, for its organisations on runs whose
    first token is capitalised, and for its headings on a segment alone at the head of a line before a
    colon; returns the tokens touched."""
    if not NAME_BONUS:
        return 0
    lex = r.lexicon
    n = _apply(r, segments, lex.names, NAME_BONUS, is_capitalised)
    for seg in segments:
        skels = [skeleton_of(t) for t in seg]
        matched = lex.organisations.match(skels, [True] * len(seg), [is_capitalised(t) for t in seg])
        if seg[0].first and seg[-1].trail.startswith(":") and " ".join(skels) in lex.headings.entries:
            matched = lex.headings.match(skels, [True] * len(seg))
        for i, shares in matched.items():
            n += add_bonus(r, seg[i], {s: NAME_BONUS * share for s, share in shares.items()})
    return n


def prefer_family(r: "Restorer", segments: list[list["Token"]], families: list) -> int:
    """Bonus for the phrases of the document's families (any case); returns the tokens touched."""
    if not FAMILY_BONUS:
        return 0
    return sum(_apply(r, segments, f.phrases, FAMILY_BONUS) for f in families)


def cache_table(segments: list[list["Token"]]) -> PhraseTable:
    """Skeletons of single tokens and of neighbouring pairs -> the readings the first decoding chose for
    them with confidence at least ``CACHE_SURE``, kept when so read at least ``CACHE_MIN`` times."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for seg in segments:
        sure = [t.conf >= CACHE_SURE and not t.fixed for t in seg]
        for i, t in enumerate(seg):
            if sure[i]:
                counts[skeleton_of(t)][t.restored.lower()] += 1
                if i + 1 < len(seg) and sure[i + 1]:
                    b = seg[i + 1]
                    counts[f"{skeleton_of(t)} {skeleton_of(b)}"][f"{t.restored.lower()} {b.restored.lower()}"] += 1
    kept = {k: {r: float(n) for r, n in v.items()} for k, v in counts.items() if sum(v.values()) >= CACHE_MIN}
    return PhraseTable.from_counts(kept)


def unsure_segments(segments: list[list["Token"]], table: PhraseTable) -> list[list["Token"]]:
    """The segments holding a token read with less than ``CACHE_SURE`` confidence for which the cache (its
    skeleton, or a pair with a neighbour) prefers another reading than the one chosen: only those can change."""
    entries = table.entries

    def disagrees(seg: list["Token"], i: int) -> bool:
        t = seg[i]
        chosen = t.restored.lower()
        hit = entries.get(skeleton_of(t))
        if hit and hit[0][0] != chosen:
            return True
        for j in (i - 1, i):
            if 0 <= j and j + 1 < len(seg):
                pair = entries.get(f"{skeleton_of(seg[j])} {skeleton_of(seg[j + 1])}")
                if pair and pair[0][0].split(" ")[i - j] != chosen:
                    return True
        return False

    return [seg for seg in segments
            if any(t.conf < CACHE_SURE and len(t.candidates) > 1 and disagrees(seg, i) for i, t in enumerate(seg))]


def prefer_cache(r: "Restorer", segments: list[list["Token"]], table: PhraseTable) -> int:
    if not CACHE_BONUS:
        return 0
    return _apply(r, segments, table, CACHE_BONUS)
