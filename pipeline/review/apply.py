"""Applying corrections to a document: figures, places (their gazetteer unit) and table cells.

Each correction is applied in the order it was made. A correction applies when its target exists and
still holds the value it was made on (``old_value``), or already holds the new one (a document that went
through the stage before); otherwise it is orphaned, with the reason, and shown as such, never dropped.
A corrected or confirmed value is certain: its confidence becomes 1, so the audit judges it.
Confirming or rejecting a finding changes no number; it is kept in ``doc.corrections`` and shown with
the finding (``marks``).
"""

from __future__ import annotations

import math
from typing import Any

from pipeline.kinds import KINDS
from pipeline.model import (Correction, Document, Figure, Level, MatchStatus, PlaceRole, Review, ReviewAction,
                            ReviewTarget, UnitRef)
from pipeline.numbers import parse_number, parse_percent
from pipeline.review import keys
from pipeline.text import nfc

NUMBER_TYPES = (int, float)


def value_text(v: Any) -> str:
    """A value as the corrections table writes it: ``1044``, ``12.5``, text as is, '' for None."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def parse_value(text: str | None, types: tuple[type, ...]) -> Any:
    """A reviewer's value as one of ``types``; numbers as printed in Vietnamese (``1.044``, ``12,5``,
    ``134%``) or plain (``1044``, ``12.5``). '' is None. Raises ValueError when it is not one."""
    t = nfc(text or "").strip()
    if not t:
        return None
    if str in types:
        return t
    v = parse_number(t)
    if v is None:
        v = parse_percent(t)
    if v is None:
        try:
            v = float(t)
        except ValueError:
            raise ValueError(f"{t!r} is not a number") from None
        if not math.isfinite(v):
            raise ValueError(f"{t!r} is not a number")
    if float not in types:
        if isinstance(v, float) and not v.is_integer():
            raise ValueError(f"{t!r} is not a whole number")
        return int(v)
    return v


def figure_types(fig: Figure) -> tuple[type, ...]:
    spec = KINDS.get(fig.kind)
    return spec.value if spec is not None else NUMBER_TYPES


def _mark(existing: Review | None, c: Correction, original: str, corrected: bool) -> Review:
    """The item's mark after ``c``: the extraction's value is kept from the first correction on."""
    first = existing.original if existing is not None and existing.original is not None else original
    was_corrected = existing is not None and existing.corrected
    return Review(action=c.action, reviewer=c.reviewer, time=c.time, reason=c.reason,
                  original=first if (corrected or was_corrected) else None,
                  corrected=corrected or was_corrected, correction_id=c.correction_id)


def _holds(current: str, c: Correction) -> bool:
    """The target still holds what the correction was made on, or already holds its new value."""
    return current == (c.old_value or "") or (c.action == ReviewAction.CORRECT and current == (c.new_value or ""))


def _set_figure(fig: Figure, value: Any, c: Correction) -> None:
    old = fig.value
    corrected = c.action == ReviewAction.CORRECT and value_text(value) != value_text(old)
    fig.review = _mark(fig.review, c, value_text(old), corrected)
    if c.action == ReviewAction.CORRECT:
        if isinstance(old, (int, float)) and isinstance(value, (int, float)):  # bounds at the old value follow it
            fig.low = value if fig.low == old else fig.low
            fig.high = value if fig.high == old else fig.high
        fig.value = value
    fig.confidence = 1.0


def apply_figure(doc: Document, c: Correction) -> str:
    fig = keys.figures_by_key(doc).get(c.key)
    if fig is None:
        return "the figure no longer exists"
    if not _holds(value_text(fig.value), c):
        return f"the figure now reads {value_text(fig.value)!r}, not {c.old_value or ''!r}"
    try:
        value = parse_value(c.new_value, figure_types(fig)) if c.action == ReviewAction.CORRECT else fig.value
    except ValueError as exc:
        return str(exc)
    if value is None:
        return "a figure needs a value"
    _set_figure(fig, value, c)
    return ""


def apply_cell(doc: Document, c: Correction) -> str:
    at = keys.cells_by_key(doc).get(c.key)
    if at is None:
        return "the cell no longer exists"
    cell = at.cell
    current = value_text(cell.value) if cell.value is not None else cell.text
    if not _holds(current, c):
        return f"the cell now reads {current!r}, not {c.old_value or ''!r}"
    figs = keys.cell_figures(doc, at)
    if c.action == ReviewAction.CORRECT:
        try:
            value = parse_value(c.new_value, NUMBER_TYPES)
            for fig in figs:
                value = parse_value(c.new_value, figure_types(fig))
        except ValueError as exc:
            return str(exc)
        corrected = value_text(value) != current
        cell.review = _mark(cell.review, c, current, corrected)
        cell.value = value
    else:
        value = cell.value
        cell.review = _mark(cell.review, c, current, False)
    for fig in figs:
        if value is not None:
            _set_figure(fig, value, c)
    return ""


def apply_place(doc: Document, c: Correction, gazetteer) -> str:
    """``new_value`` is a gazetteer code (the unit valid on the document's date), or '' for no unit."""
    place = keys.places_by_key(doc).get(c.key)
    if place is None:
        return "the place mention no longer exists"
    current = place.code or ""
    if not _holds(current, c):
        return f"the place is now {current!r}, not {c.old_value or ''!r}"
    code = (c.new_value or "").strip() if c.action == ReviewAction.CORRECT else current
    unit = None
    if code:
        day = doc.units.gazetteer_date
        unit = (gazetteer.get(code, day) if day else None) or gazetteer.get(code)
        if unit is None:
            return f"no unit with code {code!r} in the gazetteer"
    place.review = _mark(place.review, c, current, code != current)
    if code == current:
        return ""
    place.code, place.name = (unit.code, unit.name) if unit else (None, None)
    place.level = Level(unit.level) if unit else place.level
    place.status = MatchStatus.MATCHED if unit else MatchStatus.UNMATCHED
    place.score = 1.0
    place.successors = gazetteer.successors(unit.code) if unit and unit.valid_to else []
    ref = UnitRef(unit.code, unit.name, Level(unit.level)) if unit else None
    if place.role == PlaceRole.ISSUER:
        doc.units.issuer = ref
    elif place.role == PlaceRole.SUBJECT:
        doc.units.subject = ref
        doc.units.subject_successors = list(place.successors)
        if doc.units.gazetteer_date:
            from pipeline.reconcile import add_coverage_totals

            add_coverage_totals(doc, gazetteer, doc.units.gazetteer_date)
    return ""


def apply(doc: Document, corrections: list[Correction], gazetteer=None) -> Document:
    """Apply ``corrections`` (this document's, oldest first) on top of those it already carries; every
    one is added to ``doc.corrections``, with ``orphaned`` saying why when it could not be applied."""
    for c in corrections:
        if c.target == ReviewTarget.FIGURE:
            why = apply_figure(doc, c)
        elif c.target == ReviewTarget.CELL:
            why = apply_cell(doc, c)
        elif c.target == ReviewTarget.PLACE:
            why = apply_place(doc, c, gazetteer() if callable(gazetteer) else gazetteer)
        else:  # a finding's confirm / reject: shown with the finding the audit raises next
            why = ""
        c.orphaned = why
        doc.corrections.append(c)
    return doc
