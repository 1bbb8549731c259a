"""Which unit issued a document and which unit it reports on.

Issuer, in order: the places inside the ``issuer`` figure that extraction found (and the line above
it); else the matched places of the page-1 header above the document-type line (the lowest level
wins: ``UBND HUYỆN TAM ĐƯỜNG`` over the province); else the first place that follows an issuing body
(``Ban Chỉ đạo ... tỉnh Lai Châu``); else the first matched place.
Subject: the first matched place of the title (document-type line and the few lines below it, up to a blank
line), else the issuer.
"""

from __future__ import annotations

import re

from pipeline.model import Document, Level, Place, PlaceRole, UnitRef
from pipeline.text import skeleton

DOC_TYPES = ("bao cao", "ke hoach", "quyet dinh", "cong van", "thong bao", "to trinh", "chuong trinh",
             "huong dan", "nghi quyet", "chi thi")
_STRIP = re.compile(r"^[\s*#_>|]+")  # markdown marks, not list bullets
_DUST = re.compile(r"^[\s*#_>|.,'`~]+")  # and OCR dust before a document-type line (". BÁO CÁO")
_BODY = re.compile(r"(ban chi dao|\bbcd\b|ubnd|uy ban nhan dan|hoi chu thap do|\bso\b|\bs[o6]\b|hoi dong)")
_TITLE_END = re.compile(r"^(i+\.|[0-9]+\.|can cu|thuc hien|-|\+)")
_DATE_LINE = re.compile(r",\s*ngay\s+\d{1,2}\s+thang\b|,\s*ngay\s+\d{1,2}[/.-]\d")
HEADER_LINES = 14  # the document-type line is looked for in the first HEADER_LINES + 6 lines
TITLE_LINES = 4
_RANK = {"province": 0, "district": 1, "commune": 2}


def doc_type_line(doc: Document) -> int | None:
    """Line number (page 1) of the document-type line: BÁO CÁO, KẾ HOẠCH, ..."""
    if not doc.pages:
        return None
    for line in doc.pages[0].lines[:HEADER_LINES + 6]:
        text = _DUST.sub("", line.best).strip()
        if text[:3].isupper() and any(skeleton(text).startswith(t) for t in DOC_TYPES):
            return line.number
    return None


def _matched(places: list[Place]) -> list[Place]:
    return [p for p in places if p.status == "matched"]


def issuer_place(doc: Document) -> Place | None:
    places = _matched(doc.places)
    fig = next((f for f in doc.figures if f.kind == "issuer"), None)
    if fig is not None:
        near = [p for p in places if p.span.page == fig.span.page and fig.span.line - 1 <= p.span.line <= fig.span.line]
        if near:
            return max(near, key=lambda p: _RANK[p.level or "province"])
    type_line = doc_type_line(doc)
    header = [p for p in places if p.span.page == 1 and type_line and p.span.line < type_line]
    # the place before the date ("Lai Châu, ngày 12 tháng 01 năm 2022") is where it was signed: the city that
    # shares the province's name is no issuer when the header names another unit
    named = [p for p in header if not _DATE_LINE.search(skeleton(doc.line(p.span.page, p.span.line).best))]
    header = named or header
    if header:
        return max(header, key=lambda p: (_RANK[p.level or "province"], -p.span.line))
    for p in places:
        before = skeleton(doc.line(p.span.page, p.span.line).best)[: p.span.rest_start or p.span.start]
        if _BODY.search(before[-60:]):
            return p
    return places[0] if places else None


def subject_place(doc: Document) -> Place | None:
    type_line = doc_type_line(doc)
    if type_line is None:
        return None
    lines, seen = [type_line], 0
    for line in doc.pages[0].lines[type_line:]:
        sk = _STRIP.sub("", skeleton(line.best)).strip()
        if not sk:
            if seen:
                break  # the blank line after the title: the body starts
            continue
        if _TITLE_END.match(sk) or seen >= TITLE_LINES - 1:
            break
        lines.append(line.number)
        seen += 1
    title = [p for p in _matched(doc.places) if p.span.page == 1 and p.span.line in lines]
    return title[0] if title else None


def assign_roles(doc: Document) -> None:
    """Mark the issuer and subject places and record their units in ``doc.units``."""
    issuer = issuer_place(doc)
    subject = subject_place(doc) or issuer
    if subject is not None:
        subject.role = PlaceRole.SUBJECT
    if issuer is not None:
        issuer.role = PlaceRole.ISSUER
    doc.units.issuer = _ref(issuer)
    doc.units.subject = _ref(subject)
    # the post-2025 unit(s) the subject went into, to roll a panel up to the new structure
    doc.units.subject_successors = list(subject.successors) if subject else []


def _ref(place: Place | None) -> UnitRef | None:
    if place is None or place.code is None or place.name is None or place.level is None:
        return None
    return UnitRef(place.code, place.name, Level(place.level))
