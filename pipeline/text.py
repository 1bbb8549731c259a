"""Text primitives used everywhere: NFC, diacritic stripping, skeletons. Defined here once."""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC, and the eth Tesseract prints for Đ (U+00D0 -> U+0110)."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese mark (tones and vowel hats/horns, đ -> d); keeps length for NFC input.

    Each NFC character maps to exactly one output character, so offsets into the stripped text
    are offsets into the original.
    """
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ord(ch) > 127 else ch
        out.append(base)
    return "".join(out).translate(_D_MAP)


def skeleton(text: str) -> str:
    """Lower-case, diacritic-free form for matching; same length as the NFC input."""
    return strip_diacritics(text).lower()


def normalize_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()
