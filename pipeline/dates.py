"""Dates: the only place dates are read (the text forms, and the partial ISO dates the model stores).

Forms: ``ngày 26 tháng 11 năm 2024``, ``26/11/2024``, ``05/12``, ``14/6``; a run of days ``13-14/6/2023`` is
read as its first day (an event of two days starts on the first); broken OCR forms keep
what is certain (``ngay 2/ thang 7 nam 2022`` -> ``2022-07-2?``, ``ngay /6 thang 9 nam 2024`` ->
``2024-09-??``). All patterns run on the match form (``pipeline.text.match_form``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.text import match_form

_DAY = r"(?P<d>\d{1,2}/?|/\d|\d/)"
_LONG = re.compile(
    rf"ngay\s*{_DAY}?\s*thang\W{{0,2}}\s*(?P<m>\d{{1,2}})\W{{0,2}}\s*n\w{{1,2}}m\s*(?P<y>\d{{4}})\b"
)
_SHORT = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?(?![\d/])")
_DAYS = re.compile(r"(?<![\d/.,])(?P<d>\d{1,2})\s?[-–]\s?(?P<d2>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?(?![\d/])")
_PART_OF_DAY = r"(?:(?:chieu|sang|toi|dem|trua|rang sang)\s+)?"
_PERIOD = re.compile(
    rf"\bt\w{{0,2}}\s+{_PART_OF_DAY}(?:ngay\s+)?(?P<a>\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?)\s+den\s+(?:het\s+)?{_PART_OF_DAY}"
    rf"(?:ngay\s+)?(?P<b>nay|\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?)"
)  # "từ chiều ngày 18/7 đến sáng ngày 20/7/2023", "từ ngày 26/02/2024 đến hết ngày 03/3/2024"


@dataclass
class FoundDate:
    start: int
    end: int
    year: int | None
    month: int | None
    day: str | None  # "26", "2?", "??" (partial days keep their known digit)
    long: bool = False  # written "ngày .. tháng .. năm .."

    def iso(self, default_year: int | None = None) -> str:
        y = self.year if self.year is not None else default_year
        ys = f"{y:04d}" if y is not None else "????"
        ms = f"{self.month:02d}" if self.month else "??"
        return f"{ys}-{ms}-{self.day or '??'}"

    @property
    def complete(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None and "?" not in self.day


def _day(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw.startswith("/"):
        return None  # "/6": the tens digit is lost and the unit digit is doubtful
    digits = raw.strip("/")
    if raw.endswith("/") and len(digits) == 1:
        return digits + "?"  # "2/": the second digit is lost
    return f"{int(digits):02d}" if 1 <= int(digits) <= 31 else None


def _valid(m: int | None, d: str | None) -> bool:
    return (m is None or 1 <= m <= 12) and (d is None or "?" in d or 1 <= int(d) <= 31)


def parse_date(text: str) -> FoundDate | None:
    """Parse one date written in full or short form (match form)."""
    found = find_dates(text)
    return found[0] if found else None


def find_dates(text: str, offset: int = 0) -> list[FoundDate]:
    """Every date in a match-form text, long forms first claimed, in text order."""
    out: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for m in _LONG.finditer(text):
        d, mo = _day(m.group("d")), int(m.group("m"))
        if _valid(mo, d):
            out.append(FoundDate(offset + m.start(), offset + m.end(), int(m.group("y")), mo, d, long=True))
            taken.append(m.span())
    for m in _DAYS.finditer(text):
        d, d2, mo = _day(m.group("d")), _day(m.group("d2")), int(m.group("m"))
        if _valid(mo, d) and _valid(mo, d2) and d is not None and d2 is not None and d < d2:
            y = int(m.group("y")) if m.group("y") else None
            out.append(FoundDate(offset + m.start(), offset + m.end(), y, mo, d))
            taken.append(m.span())
    for m in _SHORT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        d, mo = _day(m.group("d")), int(m.group("m"))
        y = int(m.group("y")) if m.group("y") else None
        if _valid(mo, d) and d is not None:
            out.append(FoundDate(offset + m.start(), offset + m.end(), y, mo, d))
    return sorted(out, key=lambda f: f.start)


@dataclass
class FoundPeriod:
    start: FoundDate
    end: FoundDate | None  # None: "đến nay" (until now)
    now_span: tuple[int, int] | None = None


def find_periods(text: str) -> list[FoundPeriod]:
    """``từ (ngày) A đến (ngày) B|nay`` in a match-form text."""
    out = []
    for m in _PERIOD.finditer(text):
        a = parse_date(m.group("a"))
        if a is None:
            continue
        a.start, a.end = a.start + m.start("a"), a.end + m.start("a")
        if m.group("b") == "nay":
            now = (text.rfind("den", m.end("a"), m.start("b")), m.end("b"))
            out.append(FoundPeriod(a, None, now))
            continue
        b = parse_date(m.group("b"))
        if b is not None:
            b.start, b.end = b.start + m.start("b"), b.end + m.start("b")
            if b.year is not None and a.year is None:
                a.year = b.year  # "từ 8/3 đến 14/6/2018"
            out.append(FoundPeriod(a, b))
    return out


ISO_TIMESTAMP = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}")


def timestamps(text: str) -> list[tuple[int, int, int, int]]:
    """(position, year, month, day) of ISO timestamps (digital-signature stamps of a PDF)."""
    return [(m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))) for m in ISO_TIMESTAMP.finditer(text)]


UNKNOWN_DAY = 15
UNKNOWN_MONTH_DAY = (6, 30)  # a year alone: mid-year, on the old side of the 2025-07-01 reform
_ISO_PARTS = re.compile(r"^(\d{4}|\?{4})-(\d{2}|\?\?)-(\d{2}|\?\?)$")


def valid_iso(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD`` when that day exists, else None."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def resolve_iso(value) -> str | None:
    """A partial ISO date as one day: '2023-11-23' itself, '2023-11-??' the 15th, '2023-??-??' 30 June."""
    m = _ISO_PARTS.match(str(value or "").strip())
    if not m or m.group(1).startswith("?"):
        return None
    y = int(m.group(1))
    if m.group(2).startswith("?"):
        return valid_iso(y, *UNKNOWN_MONTH_DAY)
    mo = int(m.group(2))
    d = int(m.group(3)) if not m.group(3).startswith("?") else UNKNOWN_DAY
    return valid_iso(y, mo, d) or valid_iso(y, mo, UNKNOWN_DAY)


def first_full_date(text: str) -> str | None:
    """The first date of a text that has its year and month ('ngày 23 tháng 11 năm 2023' before any
    '23/11/2023'), as one ISO day; a lost day reads as the 15th."""
    found = [d for d in find_dates(match_form(text)) if d.year is not None and d.month is not None]
    found.sort(key=lambda d: (not d.long, d.start))
    for d in found:
        day = int(d.day) if d.day and d.day.isdigit() else UNKNOWN_DAY
        iso = valid_iso(d.year, d.month, day) or valid_iso(d.year, d.month, UNKNOWN_DAY)
        if iso:
            return iso
    return None
