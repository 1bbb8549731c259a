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
_DOT_DECIMAL = re.compile(r"^\d{1,3}\.\d{1,2}$")  # "98.5", "110.8" before a percent sign
_SPACED = re.compile(r"^\d{1,3}(?: \d{3})+$")  # thousands written with a space: "1 640"
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
    if _GROUPED.match(t) or _SPACED.match(t):
        return int(t.replace(".", "").replace(" ", ""))
    if _DECIMAL.match(t):
        return float(t.replace(".", "").replace(",", "."))
    return None


def parse_percent(text: str) -> float | None:
    """``134%`` -> 134.0, ``12,5%`` -> 12.5."""
    t = text.strip()
    if not t.endswith("%"):
        return None
    body = t[:-1].strip()
    if _DOT_DECIMAL.match(body):
        return float(body)  # "110.8%": a rate with a decimal point (a thousands dot groups three digits, no rate)
    v = parse_number(body)
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


def one_misread(read: str, true: str) -> bool:
    """``read`` is ``true`` with one digit read as another ("241" for "231")."""
    return len(read) == len(true) and sum(a != b for a, b in zip(read, true)) == 1


def digit_lost(read: str, true: str) -> bool:
    """``read`` is ``true`` with one of its digits lost ("2" for "12")."""
    return len(read) + 1 == len(true) and any(true[:i] + true[i + 1:] == read for i in range(len(true)))


def split_lost_slash(digits: str, percent: str) -> int | None:
    """Where the slash of an achieved / planned pair goes in ``digits``, a pair OCR read as one number ("440400"
    for 440/400), given the rate the text gives the pair as written (``percent``: "110", "121,6"): the one cut
    leaving two counts of two digits or more, no leading zero, whose ratio is that rate to its last written
    decimal. None when no cut or more than one fits."""
    if not _PLAIN.match(digits) or len(digits) < 4:
        return None
    rate = parse_number(percent)
    if rate is None:
        return None
    places = len(percent.split(",")[1]) if "," in percent else 0
    fits = [k for k in range(2, len(digits) - 1)
            if digits[0] != "0" and digits[k] != "0"
            and abs(int(digits[:k]) * 100 / int(digits[k:]) - rate) <= 0.5 * 10 ** -places + 1e-9]
    return fits[0] if len(fits) == 1 else None


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


# -- numbers written in words (match form: no marks) -----------------------------------------------------
DIGIT_WORDS = {"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5,
               "sau": 6, "bay": 7, "tam": 8, "chin": 9}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}  # match form
ORDINALS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_MULTIPLIERS = {"tram": 100, "nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 1_000_000_000}
NUMBER_WORDS = set(DIGIT_WORDS) | {"muoi", "le", "linh"} | set(_MULTIPLIERS)


def parse_number_words(words: list[str]) -> tuple[int, int] | None:
    """The number a run of Vietnamese number words says, and how many words it took: ``bốn mươi lăm`` ->
    (45, 3), ``hai đợt`` -> (2, 1), ``một trăm linh năm`` -> (105, 4); words in match form. None when the
    run does not start with a number word."""
    total, group, current, used = 0, 0, None, 0
    for w in words:
        if w == "muoi":  # mười / mươi: ten, or tens after a digit
            current = 10 if current is None else current * 10
            used += 1
        elif w in DIGIT_WORDS and not (w == "tu" and used == 0 and (len(words) == 1 or words[1] not in NUMBER_WORDS)):
            # ("tư" opens no count on its own: "máu từ người hiến" reads "tu nguoi" once marks are gone)
            digit = DIGIT_WORDS[w]
            if current is not None and current % 10 == 0 and current >= 10:
                current += digit  # hai mươi lăm -> 25
            elif current is None:
                current = digit
            else:
                break
            used += 1
        elif w in ("le", "linh") and used:
            used += 1
        elif w == "tram" and used:
            group += (current if current is not None else 1) * 100
            current = None
            used += 1
        elif w in _MULTIPLIERS and used:
            total += (group + (current or 0)) * _MULTIPLIERS[w]
            group, current = 0, None
            used += 1
        else:
            break
    if used == 0:
        return None
    return total + group + (current or 0), used


def parse_count(text: str) -> int | float | None:
    """A count written in digits (``1.044``) or in words (``sáu mươi hai``; match form), else None."""
    value = parse_number(text)
    if value is not None:
        return value
    words = text.split()
    found = parse_number_words(words)
    return found[0] if found and found[1] == len(words) else None


def parse_ordinal(text: str) -> int | None:
    """``3`` / ``thứ ba`` / ``thứ nhất`` / ``một`` / ``II`` (match form) -> the number; None otherwise."""
    t = text.strip()
    if t.isdigit():
        return int(t)
    if t in ROMAN:
        return ROMAN[t]
    if t in ("l", "dau"):  # OCR's 1 (or I) after "đợt"; "Đợt đầu": the first
        return 1
    words = t.split()
    if len(words) == 2 and words[0] == "thu" and words[1] in ORDINALS:
        return ORDINALS[words[1]]
    if len(words) == 2 and words[0] == "thu" and words[1].isdigit():
        return int(words[1])
    found = parse_number_words(words)
    return found[0] if found and found[1] == len(words) else None
