"""Vietnamese number parsing: the only place numbers are read.

``1.044`` = 1044 (dot groups thousands), ``146.530.000`` = 146530000, ``01`` = 1, ``12,5`` = 12.5
(comma is the decimal mark), ``134%`` = 134.0, and the approximate forms ``gần 1.000`` (approx),
``trên 400`` (over), ``dưới 50`` (under) with their bounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+(?:\.\d{3})*,\d+$")

# match-form words before a number -> qualifier
_QUALIFIERS = {
    "gan": "approx",
    "khoang": "approx",
    "xap xi": "approx",
    "chung": "approx",
    "tren": "over",
    "hon": "over",
    "ngoai": "over",
    "duoi": "under",
    "chua den": "under",
}


def parse_number(text: str) -> int | float | None:
    """Value of a Vietnamese-formatted number token, or None when it is not one.

    A leading ``l`` (OCR for 1) is accepted; trailing punctuation is ignored.
    """
    t = text.strip().rstrip(".,;:")
    if t[:1] in ("l", "I") and t[1:2].isdigit():
        t = "1" + t[1:]
    if _PLAIN.match(t):
        return int(t)
    if _GROUPED.match(t):
        return int(t.replace(".", ""))
    if _DECIMAL.match(t):
        return float(t.replace(".", "").replace(",", "."))
    return None


def parse_percent(text: str) -> float | None:
    """``134%`` -> 134.0, ``12,5%`` -> 12.5."""
    t = text.strip()
    if not t.endswith("%"):
        return None
    v = parse_number(t[:-1])
    return float(v) if v is not None else None


def parse_pair(text: str) -> tuple[int, int] | None:
    """``737/550`` -> (737, 550): achieved / planned (or established / total)."""
    parts = text.strip().rstrip(".,;:").split("/")
    if len(parts) != 2:
        return None
    a, b = parse_number(parts[0]), parse_number(parts[1])
    if not isinstance(a, int) or not isinstance(b, int):
        return None
    return a, b


SCALES = {"nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 1_000_000_000}


def scaled(value: int | float, word: str) -> int | None:
    """``25 triệu`` -> 25000000, ``1,5 tỷ`` -> 1500000000 (scale word in match form)."""
    scale = SCALES.get(word)
    return round(value * scale) if scale else None


@dataclass
class Qualified:
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None


def qualify(value: float, before: str) -> Qualified:
    """Qualifier implied by the match-form words just before a number (``gan`` -> approx, high=value)."""
    words = before.split()
    for n in (2, 1):
        key = " ".join(words[-n:]) if len(words) >= n else ""
        q = _QUALIFIERS.get(key)
        if q == "approx":
            return Qualified("approx", None, value)
        if q == "over":
            return Qualified("over", value, None)
        if q == "under":
            return Qualified("under", None, value)
    return Qualified()
