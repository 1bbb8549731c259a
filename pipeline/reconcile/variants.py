"""How unit names are written: level words and their abbreviations, OCR-broken and old spellings.

All matching happens on ``pipeline.text.skeleton`` (lower case, no diacritics, same length as the
text), so ``Hoà`` / ``Hòa`` and ``huyện`` / ``huyén`` are already equal there. On top of that:

* ``fold`` collapses what old OCR confuses (``Tam Puong`` / ``Tam DPuong`` -> ``tam duong``,
  ``x4`` -> ``xa``, ``Tw`` -> ``tu``) and the old y/i spelling, for candidate retrieval;
* ``SUBSTITUTION_COST`` gives the cheap substitutions of the weighted edit distance used to score.
"""

from __future__ import annotations

import re

from pipeline.text import skeleton

# Level words as they appear in skeleton text (OCR forms included) -> unit types they can name.
# Order matters: longer words first.
LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"thanh ph[o06]|tp\.?|t\.p\.?", ("Thành phố",)),
    (r"th[i1] tr[a4i3]n|tt\.", ("Thị trấn",)),
    (r"th[i1] x[a43]|tx\.", ("Thị xã",)),
    (r"dac khu", ("Đặc khu",)),
    (r"t[i1]nh", ("Tỉnh",)),
    (r"huy[e3]n|h\.", ("Huyện",)),
    (r"qu[a4]n|q\.", ("Quận",)),
    (r"ph[uw][o0d6]ng|p\.", ("Phường",)),
    (r"x[a43]", ("Xã",)),
)
TYPE_LEVELS: dict[str, tuple[str, ...]] = {
    "Tỉnh": ("province",),
    "Thành phố": ("province", "district"),
    "Huyện": ("district",),
    "Quận": ("district",),
    "Thị xã": ("district",),
    "Xã": ("commune",),
    "Phường": ("commune",),
    "Thị trấn": ("commune",),
    "Đặc khu": ("commune",),
}
# How a writer abbreviates each type (for generated test mentions and documentation).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "Thành phố": ("TP.", "TP", "Tp."),
    "Thị trấn": ("TT.",),
    "Thị xã": ("TX.",),
    "Huyện": ("H.",),
    "Quận": ("Q.",),
    "Phường": ("P.",),
    "Tỉnh": (),
    "Xã": (),
    "Đặc khu": (),
}

# Pairs of skeleton characters that old OCR (or old spelling) swaps, and what a swap costs in the
# weighted edit distance (a plain edit costs 1): glyph look-alikes are cheap, vowel swaps less so.
_GLYPH_PAIRS = "dp o0 o6 a4 a3 l1 i1 il iy uw".split()
_VOWEL_PAIRS = "do ao ai ae ou un ec gq hb ft".split()
# Letters names of ethnic-minority places are transcribed with either way (Nàn Sín / Nàn Xín)
_SPELLING_PAIRS = "sx".split()
GLYPH_COST = 0.3
VOWEL_COST = 0.6
SPELLING_COST = 0.4
SUBSTITUTION_COST: dict[tuple[str, str], float] = {}
for _pairs, _cost in ((_VOWEL_PAIRS, VOWEL_COST), (_SPELLING_PAIRS, SPELLING_COST), (_GLYPH_PAIRS, GLYPH_COST)):
    for _a, _b in _pairs:
        SUBSTITUTION_COST[(_a, _b)] = SUBSTITUTION_COST[(_b, _a)] = _cost

_FOLD_WORD_START = re.compile(r"\b(?:dp|pd|bd|p(?!h))")
_FOLD_CHARS = str.maketrans({"4": "a", "3": "a", "6": "o", "0": "o", "1": "l", "w": "u", "y": "i"})
_NON_NAME = re.compile(r"[^0-9a-z ]+")
_SPACES = re.compile(r"\s+")


def key(text: str) -> str:
    """Skeleton with punctuation dropped and spaces collapsed: the exact-match key of a name."""
    return _SPACES.sub(" ", _NON_NAME.sub(" ", skeleton(text).replace("-", " "))).strip()


def fold(text: str) -> str:
    """``key`` with OCR confusions and y/i collapsed; used to retrieve candidates."""
    return _FOLD_WORD_START.sub("d", key(skeleton(text).translate(_FOLD_CHARS)))


def weighted_distance(a: str, b: str) -> float:
    """Levenshtein distance where OCR-confusable substitutions cost less (SUBSTITUTION_COST)."""
    if a == b:
        return 0.0
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)] + [0.0] * len(b)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                sub = prev[j - 1]
            else:
                sub = prev[j - 1] + SUBSTITUTION_COST.get((ca, cb), 1.0)
            cur[j] = min(sub, prev[j] + 1.0, cur[j - 1] + 1.0)
        prev = cur
    return prev[-1]


def similarity(a: str, b: str) -> float:
    """1 - weighted distance / longer length, on keys (0..1)."""
    if not a or not b:
        return 0.0
    return max(0.0, 1.0 - weighted_distance(a, b) / max(len(a), len(b)))


def level_word_pattern() -> re.Pattern:
    """Regex over skeleton text: a level word (group ``lw``), optionally plural (``cac``)."""
    words = "|".join(f"(?:{w})" for w, _ in LEVEL_WORDS)
    return re.compile(rf"(?<![0-9a-z])(?P<cac>cac\s+)?(?P<lw>{words})(?![0-9a-z])")


def types_for(level_word_skeleton: str) -> tuple[str, ...]:
    for pattern, types in LEVEL_WORDS:
        if re.fullmatch(pattern, level_word_skeleton):
            return types
    return ()


def variants(type_: str, short: str) -> list[str]:
    """Ways a document writes one unit: full, bare, without diacritics, abbreviated, old spellings."""
    out = [f"{type_} {short}", short, f"{type_.lower()} {short}"]
    out += [f"{a} {short}" for a in ABBREVIATIONS.get(type_, ())]
    out += [skeleton(v) for v in list(out)]
    old = old_spellings(short)
    out += [f"{type_.lower()} {o}" for o in old]
    seen, uniq = set(), []
    for v in out:
        if v not in seen:
            seen.add(v)
            uniq.append(v)
    return uniq


_NEW_TO_OLD_TONE = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
                    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ", "ùy": "uỳ", "úy": "uý",
                    "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}
_Y_I = re.compile(r"(?<=[kKlLmMtT])([yýỳỷỹỵ])(?![a-zà-ỹ])")
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def old_spellings(name: str) -> list[str]:
    """Old tone placement (Hòa -> Hoà) and y/i at a syllable end (Kỳ -> Kì); [] when none applies."""
    out = []
    moved = name
    for new, old in _NEW_TO_OLD_TONE.items():
        moved = moved.replace(new, old)
    if moved != name:
        out.append(moved)
    swapped = _Y_I.sub(lambda m: m.group(1).translate(_Y_TO_I), name)
    if swapped != name:
        out.append(swapped)
    return out
