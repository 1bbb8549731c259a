"""The date a document's place names are read on: its own date, else its report year, else a date in
its text, else the latest state of the gazetteer."""

from __future__ import annotations

import re
from datetime import date

from pipeline.text import skeleton

_ISO_PARTS = re.compile(r"^(\d{4}|\?{4})-(\d{2}|\?\?)-(\d{2}|\?\?)$")
_TEXT_DATE = re.compile(r"ngay\W{0,3}(?P<d>\S{0,3}?)\W{0,3}thang\W{0,3}(?P<m>\d{1,2})\W{0,3}nam\W{0,3}(?P<y>(?:19|20)\d\d)")
_SLASH_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)")
UNKNOWN_DAY = 15
UNKNOWN_MONTH_DAY = (6, 30)  # a year alone: mid-year, on the old side of the 2025-07-01 reform


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def from_meta_date(value) -> str | None:
    """'2023-11-23' -> itself; '2023-11-??' -> '2023-11-15'; '2023-??-??' -> '2023-06-30'."""
    m = _ISO_PARTS.match(str(value or "").strip())
    if not m or m.group(1).startswith("?"):
        return None
    y = int(m.group(1))
    if m.group(2).startswith("?"):
        return _valid(y, *UNKNOWN_MONTH_DAY)
    mo = int(m.group(2))
    d = int(m.group(3)) if not m.group(3).startswith("?") else UNKNOWN_DAY
    return _valid(y, mo, d) or _valid(y, mo, UNKNOWN_DAY)


def from_text(text: str) -> str | None:
    """First 'ngày 23 tháng 11 năm 2023' (broken OCR tolerated: 'ngay 2/ thang"7 nam 2022')."""
    sk = skeleton(text)
    m = _TEXT_DATE.search(sk)
    if m:
        d = int(m.group("d")) if m.group("d").isdigit() else UNKNOWN_DAY
        y, mo = int(m.group("y")), int(m.group("m"))
        return _valid(y, mo, d) or _valid(y, mo, UNKNOWN_DAY)
    m = _SLASH_DATE.search(sk)
    if m:
        return _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return None


def document_date(doc, gaz) -> tuple[str, str]:
    """(ISO date, where it came from: meta.date | meta.report_year | text | latest)."""
    day = from_meta_date(doc.meta.get("date"))
    if day:
        return day, "meta.date"
    year = doc.meta.get("report_year")
    if isinstance(year, int) or (isinstance(year, str) and year.isdigit()):
        day = _valid(int(year), 12, 31)  # a report on a year is written at its end
        if day:
            return day, "meta.report_year"
    day = from_text(doc.best_text)
    if day:
        return day, "text"
    return gaz.latest_date, "latest"
