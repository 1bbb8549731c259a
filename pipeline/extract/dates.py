"""Dates: the only place dates are read, and the period figures (Từ ngày ... đến ...).

Forms: ``ngày 26 tháng 11 năm 2024``, ``26/11/2024``, ``05/12``, ``14/6``; broken OCR forms keep
what is certain (``ngay 2/ thang 7 nam 2022`` -> ``2022-07-2?``, ``ngay /6 thang 9 nam 2024`` ->
``2024-09-??``). All patterns run on the match form (see ``nlp.match_form``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DAY = r"(?P<d>\d{1,2}/?|/\d|\d/)"
_LONG = re.compile(
    rf"ngay\s*{_DAY}?\s*thang\W{{0,2}}\s*(?P<m>\d{{1,2}})\W{{0,2}}\s*n\w{{1,2}}m\s*(?P<y>\d{{4}})\b"
)
_SHORT = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?(?![\d/])")
_PERIOD = re.compile(
    r"\bt\w{0,2}\s+(?:ngay\s+)?(?P<a>\d{1,2}/\d{1,2}(?:/\d{4})?)\s+den\s+(?:ngay\s+)?(?P<b>nay|\d{1,2}/\d{1,2}(?:/\d{4})?)"
)


@dataclass
class FoundDate:
    start: int
    end: int
    year: int | None
    month: int | None
    day: str | None  # "26", "2?", "??" (partial days keep their known digit)

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
            out.append(FoundDate(offset + m.start(), offset + m.end(), int(m.group("y")), mo, d))
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


def extract_periods(view, figs) -> None:
    """period_start / period_end figures of every ``từ ... đến ...`` in the document."""
    for p in view.paragraphs:
        seg = view.norm[p.start : p.end]
        for per in find_periods(seg):
            attrs = {"plan": p.plan}
            default_year = per.end.year if per.end is not None else None
            figs.add("period_start", per.start.iso(default_year), p.start + per.start.start, p.start + per.start.end,
                     attrs=attrs, label="từ ngày")
            if per.end is None:
                a, b = per.now_span
                figs.add("period_end", "now", p.start + a, p.start + b, attrs=attrs, label="đến nay")
            else:
                figs.add("period_end", per.end.iso(), p.start + per.end.start, p.start + per.end.end,
                         attrs=attrs, label="đến ngày")
