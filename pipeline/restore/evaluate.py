"""Measures shared by the restore benchmark and tests: token alignment, accuracy, error classes."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pipeline.restore.channel import LOOKALIKES
from pipeline.syllables import normalize_syllable
from pipeline.text import nfc, skeleton, strip_diacritics

_PUNCT = re.compile(r"^[^\w¥€¢&]+|[^\w¥€¢&]+$")
_DIGIT_LETTER = {k: v[0] for k, v in LOOKALIKES.items() if len(k) == 1 and not k.isalpha()}


def words(text: str) -> list[str]:
    """Whitespace tokens without surrounding punctuation (empty ones dropped)."""
    return [w for w in (_PUNCT.sub("", t) for t in nfc(text).split()) if w]


def crude_key(w: str) -> str:
    """A key under which a printed token and its true form usually agree (look-alikes read as letters)."""
    w = w.replace("P", "d")
    return skeleton("".join(_DIGIT_LETTER.get(c, c) for c in w))


def align_pairs(truth: list[str], printed: list[str], min_ratio: float = 0.6) -> list[tuple[int, int]]:
    """(truth index, printed index) pairs: equal crude keys, plus same-length replaced runs that look alike."""
    sm = SequenceMatcher(a=[crude_key(w) for w in truth], b=[crude_key(w) for w in printed], autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2)))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                a, b = crude_key(truth[i]), crude_key(printed[j])
                if SequenceMatcher(a=a, b=b).ratio() >= min_ratio:
                    pairs.append((i, j))
    return pairs


def error_class(truth: str, printed: str) -> str:
    """correct | accents_missing | wrong_accent | letters (case-insensitive)."""
    t, p = truth.lower(), printed.lower()
    if same_syllable(t, p):
        return "correct"
    if p == strip_diacritics(t):
        return "accents_missing"
    if skeleton(p) == skeleton(t):
        return "wrong_accent"
    return "letters"


def in_convention(text: str) -> str:
    """``text`` written the way restoration writes it: one tone placement, acronyms with their Đ
    (``VDHMTN`` -> ``VĐHMTN``). For comparing restored output with a reference in its own spelling."""
    from pipeline.restore.lexicon import default_lexicon
    from pipeline.syllables import normalize

    fix = default_lexicon().acronyms
    return _ACRONYM.sub(lambda m: fix.get(m.group(0), m.group(0)), normalize(text))


_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def same_syllable(truth: str, hyp: str) -> bool:
    """Equal case-insensitively, tone placement aside (``hoà`` = ``hòa``, ``thuỷ`` = ``thủy``): the same
    syllable written under the two tone-placement conventions both in use."""
    t, h = truth.lower(), hyp.lower()
    return t == h or normalize_syllable(t) == normalize_syllable(h)


def syllable_accuracy(truth_lines: list[str], hyp_lines: list[str], strict: bool = False) -> tuple[int, int]:
    """(correct, total) over alphabetic truth tokens, case-insensitive, lines aligned one to one.
    Tone placement is compared as the same syllable (``same_syllable``) unless ``strict``."""
    ok = total = 0
    for t_line, h_line in zip(truth_lines, hyp_lines):
        t, h = words(t_line), words(h_line)
        if len(t) == len(h):
            pairs = list(zip(range(len(t)), range(len(h))))
        else:
            pairs = align_pairs(t, h)
        matched = {i: j for i, j in pairs}
        for i, w in enumerate(t):
            if not w.isalpha():
                continue
            total += 1
            j = matched.get(i)
            ok += j is not None and (h[j].lower() == w.lower() if strict else same_syllable(w, h[j]))
    return ok, total
