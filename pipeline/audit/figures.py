"""Reading the figure contract: attrs, plan/drive keys, reporting units. Shared by every rule."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable

from pipeline.model import Document, Figure
from pipeline.text import match_form, normalize_ws, skeleton

MIN_CONFIDENCE = 0.5  # below this a figure's reading is doubtful: a mismatch on it is only "unverifiable"
MIN_CELL_CONF = 50.0  # the same for a table cell read from a scan (OCR confidence 0..100)

# Figures that carry a drive number (đợt): any of them tells that the drive exists.
DRIVE_KINDS = ("units_received", "units_quota", "participants", "percent_of_plan", "drive_date", "drive_campaign")


def attr(fig: Figure, name: str, default: Any = None) -> Any:
    value = fig.attrs.get(name, default)
    return default if value is None else value


def is_plan(fig: Figure) -> bool:
    return bool(fig.attrs.get("plan")) or fig.attrs.get("status") == "planned"


def drive_of(fig: Figure) -> int | None:
    d = fig.attrs.get("drive_no")
    return int(d) if isinstance(d, (int, float)) and not isinstance(d, bool) else None


def year_of(fig: Figure) -> int | None:
    y = fig.attrs.get("year")
    return int(y) if isinstance(y, (int, float)) and not isinstance(y, bool) else None


def years_match(a: Figure, b: Figure) -> bool:
    """Same year, or one of them does not say."""
    ya, yb = year_of(a), year_of(b)
    return ya is None or yb is None or ya == yb


def same_text(a: Any, b: Any) -> bool:
    """Loose equality of two attribute texts (case, accents and spacing ignored); None matches anything."""
    if a in (None, "") or b in (None, ""):
        return True
    return skeleton(normalize_ws(str(a))) == skeleton(normalize_ws(str(b)))


def of_kind(doc: Document, *kinds: str) -> list[Figure]:
    return [f for f in doc.figures if f.kind in kinds]


def first_by_drive(figs: Iterable[Figure]) -> dict[int, Figure]:
    """One figure per drive number (the first in reading order)."""
    out: dict[int, Figure] = {}
    for f in sorted(figs, key=position):
        d = drive_of(f)
        if d is not None and d not in out:
            out[d] = f
    return out


def position(fig: Figure) -> tuple[int, int, int]:
    return fig.span.page, fig.span.line, fig.span.start


def line_words(doc: Document, fig: Figure) -> str:
    """The match form (lower case, no marks) of the line a figure stands on; empty when it has none."""
    if fig.span is None:
        return ""
    return next((match_form(ln.best).lower() for pg in doc.pages if pg.number == fig.span.page for ln in pg.lines
                 if ln.number == fig.span.line), "")


NEAR_LINES = 2  # lines either side of a figure where the amounts it goes with stand (a sentence wrapped over lines)


def nearest_first(fig: Figure, figs: list[Figure]) -> list[Figure]:
    """``figs`` with those within ``NEAR_LINES`` of ``fig`` on its page first (before it, the nearest first; then
    after it, the nearest first), the others after them in their order."""
    at = position(fig)
    near = [f for f in figs if position(f)[0] == at[0] and abs(position(f)[1] - at[1]) <= NEAR_LINES]
    before = sorted((f for f in near if position(f) <= at), key=position, reverse=True)
    after = sorted((f for f in near if position(f) > at), key=position)
    return before + after + [f for f in figs if f not in near]


def group(figs: Iterable[Figure], key) -> dict[Any, list[Figure]]:
    out: dict[Any, list[Figure]] = defaultdict(list)
    for f in sorted(figs, key=position):
        out[key(f)].append(f)
    return dict(out)


def listed_drives(doc: Document, year: int | None, plan: bool) -> set[int]:
    """Drive numbers the document gives any figure for, in a year, among its planned or its held drives."""
    return {
        d for f in of_kind(doc, *DRIVE_KINDS)
        if (d := drive_of(f)) is not None and year_of(f) == year and is_plan(f) == plan
    }


def stated_drive_count(doc: Document, year: int | None, plan: bool) -> int | None:
    for f in of_kind(doc, "drive_count"):
        if year_of(f) == year and is_plan(f) == plan and isinstance(f.value, int) and f.qualifier == "exact":
            return f.value
    return None


def low_confidence(figs: Iterable[Figure]) -> list[Figure]:
    return [f for f in figs if f.confidence < MIN_CONFIDENCE]


_PART_OF_YEAR = re.compile(r"\b(?:thang|quy)\b")


def part_of_year(doc: Document) -> str | None:
    """The part of its year a report covers as its title names it (``6 tháng đầu năm 2024`` -> ``6 thang dau
    nam``, ``quý III/2024`` -> ``quy iii``); None for a whole year (or no period named). Its figures of that year
    are the part's, not the year's."""
    period = doc.identity.period if doc.identity is not None else None
    return (part_words(period) if period else None) or event_of(doc)


# an event a report's title names ("Kết quả tổ chức Lễ hội Xuân hồng năm 2024", "Hành trình Đỏ"): its figures are
# the event's, of any year it compares (the same event a year before), not the year's
_EVENT = re.compile(r"\b(?:le hoi|tuan le|ngay hoi|hanh trinh do|chu nhat do|chien dich|giot hong|xuan hong)\b"
                    r"(?:\s+(?!nam\b)[a-z]+){0,2}")


def event_of(doc: Document) -> str | None:
    """The event a report's title names (``le hoi xuan hong``), in match form; None for a report of a period."""
    title = doc.identity.title if doc.identity is not None else None
    m = _EVENT.search(normalize_ws(re.sub(r"[^a-z0-9 ]", " ", match_form(title or "").lower())))
    return f"event {m.group().strip()}" if m else None


_MONTHS_IN_WORDS = {"hai": "2", "ba": "3", "bon": "4", "sau": "6", "chin": "9"}
_MONTHS_WRITTEN = re.compile(r"\b(hai|ba|bon|sau|chin) thang\b")


def months_in_digits(form: str) -> str:
    """A match-form text with its count of months in digits (``sau thang dau nam`` -> ``6 thang dau nam``)."""
    return _MONTHS_WRITTEN.sub(lambda m: f"{_MONTHS_IN_WORDS[m.group(1)]} thang", form)


def part_words(text: str) -> str | None:
    """The part of a year ``text`` names, in a form that compares (``Sáu tháng đầu năm 2024`` and ``6 tháng đầu năm``
    -> ``6 thang dau nam``); None when it names no months or quarter."""
    words = normalize_ws(re.sub(r"[^a-z0-9 ]", " ", re.sub(r"\b(?:19|20)\d\d\b", " ", match_form(text).lower())))
    words = months_in_digits(words)
    if (review := re.fullmatch(r"so ket ([369]) thang", words)) is not None:
        words = f"{review.group(1)} thang dau nam"  # "sơ kết 6 tháng": the months from the year's start
    return words if _PART_OF_YEAR.search(words) else None


def reporting_unit(doc: Document) -> str | None:
    """The key of the unit a report speaks for (``Document.reporting_unit``)."""
    unit = doc.reporting_unit()
    return unit[0] if unit else None
