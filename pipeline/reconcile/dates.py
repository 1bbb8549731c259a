"""The date a document's place names are read on: its own date, else its report year, else a date in
its text, else the latest state of the gazetteer."""

from __future__ import annotations

from pipeline.dates import first_full_date, resolve_iso, valid_iso


def document_date(doc, gaz) -> tuple[str, str]:
    """(ISO date, where it came from: identity.date | identity.report_year | text | latest)."""
    day = resolve_iso(doc.identity.date)
    if day:
        return day, "identity.date"
    year = doc.identity.report_year
    if isinstance(year, int):
        day = valid_iso(year, 12, 31)  # a report on a year is written at its end
        if day:
            return day, "identity.report_year"
    day = first_full_date(doc.best_text)
    if day:
        return day, "text"
    return gaz.latest_date, "latest"
