"""The one data model that flows through every stage, and the closed sets of values it uses.

``Document -> Page -> Line -> Word``, ``Table -> Row -> Cell``, and the ``Span`` that every ``Figure``,
``Place``, ``Cell`` and ``Finding`` points to. What stages hand each other beyond that is typed here too:
the document's ``Identity`` (extraction), its ``UnitRefs`` (reconciliation: the issuer's and the
subject's gazetteer units, named apart from the issuing body's code in the symbol), and its
``Restoration`` decision. Every closed set of values is a ``StrEnum`` declared below, so a misspelt
status fails loudly; emit's table schemas are built from the same enums.

Everything is a dataclass that round-trips through JSON (``to_dict`` / ``from_dict``), so that any stage
can run alone on the previous stage's saved output; loading is strict (an unknown key is an error) and
converts nested records and enums by the declared field types. ``pipeline.contract`` checks a document
against the declared figure kinds and attributes after every stage.

Conventions
-----------
* Text is Unicode NFC everywhere.
* Character offsets are Python string offsets into ``Line.text`` (raw) or ``Line.restored``.
* Pages and lines are numbered from 1; ``Line.number`` is the line's position on its page.
* A ``Span`` is (page, line, start, end) in the raw line text, plus the matching offsets in the
  restored line text when restoration ran, and copies of both texts so that a reader of a table
  needs nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page pixels (or PDF points for text PDFs)


# ---------------------------------------------------------------------------------------------
# Closed sets
# ---------------------------------------------------------------------------------------------
class DocKind(StrEnum):
    PDF_TEXT = "pdf-text"  # a PDF with a text layer, read without OCR
    PDF_IMAGE = "pdf-image"  # a scanned PDF, OCR'd
    IMAGE = "image"
    TIFF = "tiff"
    TXT = "txt"  # text from an earlier OCR, or typed


class PageSource(StrEnum):
    TESSERACT = "tesseract"
    PDF_TEXT = "pdf-text"
    TXT = "txt"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"  # gần, khoảng
    OVER = "over"  # trên, hơn
    UNDER = "under"  # dưới
    UNKNOWN = "unknown"


class Level(StrEnum):
    """Administrative level of a unit; for awards and money also ``all`` (every level) and ``national``."""

    NATIONAL = "national"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    ALL = "all"


class PlaceRole(StrEnum):
    MENTION = "mention"
    ISSUER = "issuer"  # the unit that issued the document
    SUBJECT = "subject"  # the unit the document is about


class MatchStatus(StrEnum):
    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"


class FindingStatus(StrEnum):
    OK = "ok"
    MISMATCH = "mismatch"
    UNVERIFIABLE = "unverifiable"


# how findings are listed: mismatches first, then what could not be checked, then what adds up
STATUS_ORDER = {FindingStatus.MISMATCH: 0, FindingStatus.UNVERIFIABLE: 1, FindingStatus.OK: 2}


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class RestoreMode(StrEnum):
    AUTO = "auto"  # decided per document from a measured signal
    ALWAYS = "always"
    NEVER = "never"


class DriveStatus(StrEnum):
    HELD = "held"
    PLANNED = "planned"


class RecipientType(StrEnum):
    COLLECTIVE = "tập thể"
    INDIVIDUAL = "cá nhân"
    HOUSEHOLD = "hộ gia đình"
    ALL = "all"  # a total over every recipient type ("25 lượt tập thể, cá nhân, hộ gia đình")


class RowKind(StrEnum):
    HEADER = "header"  # a header row (also one repeated after a page break)
    DATA = "data"
    TOTAL = "total"  # Tổng cộng, Cộng, Toàn huyện ...: the sum of the data rows
    SUBTOTAL = "subtotal"  # a group's row with its own figures (I | Khối huyện | 5.100): the sum of the rows under it
    SECTION = "section"  # a heading row inside the table (I. Khối xã ...), no figures
    PART = "part"  # a row that breaks down the row above it (``- Nam`` under ``Tổng số ... Trong đó:``)


class ReviewAction(StrEnum):
    """What a reviewer did (``pipeline.review``)."""

    CONFIRM = "confirm"  # a finding is a real inconsistency of the report; a value was read right
    REJECT = "reject"  # a finding comes from an extraction or OCR error
    CORRECT = "correct"  # a value replaced by the reviewer's reading of the page


class ReviewTarget(StrEnum):
    FIGURE = "figure"
    PLACE = "place"  # its gazetteer unit
    CELL = "cell"  # a table cell
    FINDING = "finding"


class TableSource(StrEnum):
    TEXT = "text"  # cells split on runs of spaces or '|'
    SCAN = "scan"  # ruling lines and word boxes of an OCR'd page
    PDF = "pdf"  # a PDF text layer's table finder


# ---------------------------------------------------------------------------------------------
# Pages, lines, words
# ---------------------------------------------------------------------------------------------
@dataclass
class Word:
    text: str
    box: Box | None = None
    conf: float | None = None  # 0..100 as Tesseract reports it; None when not OCR'd
    start: int = 0  # char offset of the word in its Line.text
    end: int = 0


@dataclass
class TokenMap:
    """One restored token and the raw token it came from (offsets in Line.text / Line.restored)."""

    raw: str
    restored: str
    raw_start: int
    raw_end: int
    rest_start: int
    rest_end: int
    conf: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    flagged: bool = False  # low confidence: restoration is a guess


@dataclass
class Line:
    number: int
    text: str  # raw text as OCR (or the old archive) gave it
    words: list[Word] = field(default_factory=list)
    box: Box | None = None
    block: int | None = None
    restored: str | None = None  # filled by the restore stage
    tokens: list[TokenMap] = field(default_factory=list)

    @property
    def best(self) -> str:
        return self.restored if self.restored is not None else self.text


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    dpi: int | None = None
    source: PageSource = PageSource.TXT
    seconds: float = 0.0
    image: str | None = None  # path of a cached page image, for crops in the report
    transmission: str | None = None  # a fax machine's line at the page's edge (time, number, P.001/002): not text
    printed_number: str | None = None  # the page number printed in its margin, as read: not text
    received_stamp: str | None = None  # what the incoming-mail stamp ("ĐẾN": received, hour, routing) said: not text
    turned: int = 0  # counter-clockwise quarter turns that set the scan upright (fed sideways / upside down); boxes
    # stay on the scan as fed
    show_through: bool = False  # a blank back: only the reverse side's print, mirrored, seen through the paper

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Span:
    page: int
    line: int
    start: int
    end: int
    raw: str = ""
    restored: str | None = None
    rest_start: int | None = None
    rest_end: int | None = None
    box: Box | None = None


# ---------------------------------------------------------------------------------------------
# What the stages find
# ---------------------------------------------------------------------------------------------
@dataclass
class Review:
    """The mark a reviewed figure, place or cell carries: the last correction applied to it (the review
    stage); every correction stays in the corrections table."""

    action: ReviewAction
    reviewer: str
    time: str  # ISO 8601, UTC
    reason: str = ""
    original: str | None = None  # the value as extracted, when a correction changed it
    corrected: bool = False  # a correction changed its value (it may have been confirmed since)
    correction_id: str = ""


@dataclass
class Figure:
    """One extracted value. ``kind`` and every key of ``attrs`` are declared in ``pipeline.kinds``."""

    kind: str
    value: Any
    span: Span
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    low: float | None = None  # range implied by the qualifier (gần 1.000 -> 900..1000)
    high: float | None = None
    label: str = ""  # short human text: what this figure is
    attrs: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    id: str = ""  # stable within a document: "<kind>:<n>"
    review: Review | None = None  # set by the review stage when an auditor checked it


@dataclass
class Place:
    mention: str  # the words as written
    span: Span
    level: Level | None = None  # province | district | commune; None when the text does not say
    role: PlaceRole = PlaceRole.MENTION
    status: MatchStatus = MatchStatus.UNMATCHED
    code: str | None = None  # GSO code of the unit valid on the document date
    name: str | None = None  # canonical name
    score: float = 0.0
    candidates: list[dict[str, Any]] = field(default_factory=list)
    successors: list[dict[str, Any]] = field(default_factory=list)  # post-2025-07-01 unit(s)
    review: Review | None = None  # set by the review stage when an auditor checked its unit


@dataclass
class Finding:
    rule: str
    code: str  # stable message code, e.g. "A101"
    subject: str
    status: FindingStatus
    severity: Severity
    claimed: float | None = None
    computed: float | None = None
    difference: float | None = None
    message_en: str = ""
    message_vi: str = ""
    evidence: list[Span] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)
    doc_id: str = ""
    cells: list[str] = field(default_factory=list)  # table cells the check used: "t1/r3/c4"


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------
@dataclass
class Cell:
    col: int  # index of the column it starts in, from 0
    text: str  # as read (raw)
    span: Span | None = None  # the characters it came from (text and OCR'd lines)
    box: Box | None = None  # on the page image, when the table was read from a scan
    value: int | float | None = None  # the number it holds, when it holds one
    qualifier: Qualifier = Qualifier.EXACT
    colspan: int = 1  # merged cells (a header over two columns)
    rowspan: int = 1  # merged cells (STT over both rows of a two-row header)
    conf: float | None = None  # OCR confidence 0..100 when read from a scan
    lines: list[tuple[int, int]] = field(default_factory=list)  # (page, line) of every line its words are on
    review: Review | None = None  # set by the review stage when an auditor checked it
    more: list[Span] = field(default_factory=list)  # its further words in text (a name wrapped to the next line)
    repair: str | None = None  # why its value is not the number as read (OCR lost a comma or a digit)

    @property
    def best(self) -> str:
        if self.span is None:
            return self.text
        parts = [self.span] + self.more
        if all(s.restored is None for s in parts):
            return self.text
        return " ".join(s.restored if s.restored is not None else s.raw for s in parts)


@dataclass
class Column:
    index: int
    header: str  # the header cells above it, merged rows joined with " / " ("Kết quả / Tiếp nhận")
    meaning: str | None = None  # from the header vocabulary (quota, received, percent, unit_name, ...)
    unit: str | None = None  # what its numbers count, when the header or the table says
    year: int | None = None  # the year its header names (Chỉ tiêu năm 2024)
    guessed: bool = False  # its meaning was placed by position or numbers, not read from its own header cell


@dataclass
class Row:
    index: int  # from 1, in reading order over every page of the table
    kind: RowKind
    cells: list[Cell] = field(default_factory=list)
    page: int = 1
    label: str = ""  # the row's name: its unit-name cell, else its first text cell
    place_code: str | None = None  # gazetteer code of the unit the row is about (reconciliation)
    place_name: str | None = None
    place_status: MatchStatus | None = None
    place_parent: str | None = None  # the unit's parent (its district, its province) on the document's date
    part_of: int | None = None  # a ``RowKind.PART`` row: the index of the row it breaks down

    def cell(self, col: int) -> Cell | None:
        for c in self.cells:
            if c.col <= col < c.col + c.colspan:
                return c
        return None


@dataclass
class Table:
    id: str  # "t1", in reading order
    source: TableSource
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # pages it spans (a table may cross page breaks)
    caption: str = ""
    unit: str | None = None  # "Đơn vị tính: đơn vị máu"
    box: Box | None = None  # on its first page, for a scan

    def column(self, meaning: str) -> Column | None:
        return next((c for c in self.columns if c.meaning == meaning), None)

    def data_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind == RowKind.DATA]

    def total_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind == RowKind.TOTAL]


def cell_ref(table: Table, row: Row, col: int) -> str:
    """The stable reference of a cell in findings and tables: ``t1/r3/c4``."""
    return f"{table.id}/r{row.index}/c{col}"


# ---------------------------------------------------------------------------------------------
# What stages hand each other about the document as a whole
# ---------------------------------------------------------------------------------------------
@dataclass
class Identity:
    """Who issued the document, what it is and when (extraction)."""

    number: int | None = None  # 111 of "Số: 111/BC-BCĐ"
    symbol: str | None = None  # "111/BC-BCĐ"
    type: str | None = None  # Báo cáo | Kế hoạch | Quyết định ...
    type_code: str | None = None  # BC | KH | QĐ ...
    issuer_body_code: str | None = None  # the issuing body's code in the symbol: BCĐ, UBND, HCTĐ
    issuer: str | None = None  # the issuing body as printed
    issuer_parent: str | None = None  # the body printed above it
    date: str | None = None  # ISO date of the place-date line, maybe partial ("2023-11-??")
    place: str | None = None  # place of the place-date line
    report_year: int | None = None  # the year the document covers
    period: str | None = None  # the period it covers as its title writes it: năm 2023, 6 tháng đầu năm 2024, quý III/2024
    title: str | None = None
    signatory_name: str | None = None
    signatory_title: str | None = None


@dataclass
class UnitRef:
    """One administrative unit of the gazetteer."""

    code: str
    name: str
    level: Level


@dataclass
class UnitRefs:
    """Which gazetteer units issued the document and which it is about (reconciliation)."""

    issuer: UnitRef | None = None
    subject: UnitRef | None = None
    subject_successors: list[dict[str, Any]] = field(default_factory=list)  # after the 2025-07-01 reform
    gazetteer_date: str | None = None  # the day place names were read on
    gazetteer_date_source: str | None = None  # identity.date | identity.report_year | text | latest ...


@dataclass
class TextSignal:
    """How much of a text looks like Vietnamese with its marks."""

    words: int = 0
    valid_share: float = 0.0  # words that are well-formed syllables
    marked_share: float = 0.0  # words that are well-formed and carry a mark


@dataclass
class Restoration:
    """The restore stage's decision for the document, and what it did."""

    model: str = ""
    mode: RestoreMode = RestoreMode.AUTO
    restored: bool = False
    signal: TextSignal = field(default_factory=TextSignal)
    threshold_marked_share: float = 0.0
    seconds: float | None = None
    tokens: int | None = None
    changed: int | None = None
    flagged: int | None = None
    signal_after: TextSignal | None = None
    # report families read from the text's skeleton before restoration (pipeline.restore.family)
    families: list[str] = field(default_factory=list)
    # tokens each document preference touched: names, family, cache (pipeline.restore.adapt)
    preferred: dict[str, int] = field(default_factory=dict)


@dataclass
class Correction:
    """One row of the append-only corrections table (``OUT/review/corrections.csv``, ``pipeline.review``).

    ``key`` names what it is about so that it survives a re-run on the same bytes (with ``sha256``):
    ``figure:<figure id>``, ``place:p<page>/l<line>/c<start>``, ``cell:t1/r3/c4``,
    ``finding:<code>/<figure ids>``. ``orphaned`` is never stored: the review stage sets it to why a
    correction could not be applied (its figure no longer exists, or its value changed).
    """

    correction_id: str  # content hash of the row: the same row made twice is one correction
    sha256: str  # of the document's bytes
    key: str
    target: ReviewTarget
    action: ReviewAction
    old_value: str | None = None
    new_value: str | None = None
    reason: str = ""
    reviewer: str = ""
    time: str = ""  # ISO 8601, UTC
    doc_id: str = ""  # the document's id when the correction was made (the key is sha256 + key)
    orphaned: str = ""


@dataclass
class Document:
    doc_id: str
    path: str  # as given, relative to the input folder when run on a folder
    sha256: str
    kind: DocKind
    pages: list[Page] = field(default_factory=list)
    encoding: str | None = None  # the text file's encoding as read (utf-8, cp1258, tcvn3 ...)
    identity: Identity = field(default_factory=Identity)
    units: UnitRefs = field(default_factory=UnitRefs)
    restoration: Restoration | None = None  # None until the restore stage ran
    families: list[str] = field(default_factory=list)  # report families it belongs to (blood, poverty ...)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # the auditors' corrections of these bytes
    stages: list[str] = field(default_factory=list)  # stages already applied, in order
    schema_version: int = SCHEMA_VERSION

    # -- convenience -------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """Raw text, pages separated by a form feed."""
        return "\f".join(p.text for p in self.pages)

    @property
    def best_text(self) -> str:
        """Restored text where restoration ran, raw elsewhere; pages separated by a form feed."""
        return "\f".join("\n".join(l.best for l in p.lines) for p in self.pages)

    def iter_lines(self):
        for page in self.pages:
            for line in page.lines:
                yield page, line

    def line(self, page: int, line: int) -> Line:
        return self.pages[page - 1].lines[line - 1]

    def reporting_unit(self) -> tuple[str, str | None] | None:
        """The unit a report speaks for, as (key, name): the subject's gazetteer unit, else the issuer's,
        else the issuing body as printed (key: its skeleton). None when nothing says."""
        from pipeline.text import normalize_ws, skeleton

        for ref in (self.units.subject, self.units.issuer):
            if ref is not None:
                return ref.code, ref.name
        if self.identity.issuer:
            return skeleton(normalize_ws(self.identity.issuer)), self.identity.issuer
        return None

    # -- JSON ----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        version = d.get("schema_version", 1)
        if version > SCHEMA_VERSION:
            raise ValueError(f"document schema {version} is newer than this program ({SCHEMA_VERSION})")
        if version < 2:
            d = _migrate_v1(d)
        doc = build(cls, d)
        doc.schema_version = SCHEMA_VERSION
        return doc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def save(self, path: str | Path) -> Path:
        from pipeline.fsio import atomic_write

        return atomic_write(path, self.to_json())

    @classmethod
    def load(cls, path: str | Path) -> "Document":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------------------------
# Strict loading by declared types
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _fields(cls) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def build(tp: Any, value: Any) -> Any:
    """``value`` (from JSON) as the declared type ``tp``: dataclasses field by field (unknown keys are an
    error), enums by value, lists and tuples element by element."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return build(args[0], value) if len(args) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [build(arg, v) for v in value]
    if origin is tuple:
        return tuple(value)
    if origin is dict or tp is Any:
        return value
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise ValueError(f"{tp.__name__}: expected an object, got {type(value).__name__}")
        known = dict(_fields(tp))
        unknown = set(value) - set(known)
        if unknown:
            raise ValueError(f"{tp.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
        return tp(**{k: build(known[k], v) for k, v in value.items()})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    return value


def _migrate_v1(d: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 kept identity and units in an untyped ``meta`` dict and the restoration as a dict."""
    d = dict(d)
    meta = d.pop("meta", {}) or {}
    d["identity"] = {k: meta.get(k) for k in (f.name for f in dataclasses.fields(Identity)) if k in meta}
    if meta.get("issuer_code") and not meta.get("issuer_unit"):
        d["identity"]["issuer_body_code"] = meta["issuer_code"]
    units: dict[str, Any] = {}
    for role in ("issuer", "subject"):
        if meta.get(f"{role}_unit") and meta.get(f"{role}_code"):
            units[role] = {"code": meta[f"{role}_code"], "name": meta[f"{role}_unit"],
                           "level": meta.get(f"{role}_level") or "province"}
    units["subject_successors"] = meta.get("subject_successors") or []
    units["gazetteer_date"] = meta.get("gazetteer_date")
    d["units"] = units
    r = d.get("restoration") or {}
    d["restoration"] = {k: v for k, v in r.items() if k in {f.name for f in dataclasses.fields(Restoration)}} or None
    return d


def span_from_dict(d: dict[str, Any]) -> Span:
    return build(Span, d)


def make_span(doc: Document, page: int, line: int, start: int, end: int, *, restored: bool = False) -> Span:
    """Build a Span from offsets in the raw line text (or in the restored text when ``restored``).

    The other side's offsets are mapped through the line's token map, so a figure found on restored
    text still points at the raw characters it came from, and vice versa.
    """
    ln = doc.line(page, line)
    if restored and ln.restored is not None:
        rs, re_ = start, end
        s, e = map_offsets(ln, start, end, from_restored=True)
    else:
        s, e = start, end
        rs, re_ = map_offsets(ln, start, end, from_restored=False) if ln.restored is not None else (None, None)
    box = _words_box(ln, s, e)
    return Span(
        page=page,
        line=line,
        start=s,
        end=e,
        raw=ln.text[s:e],
        restored=ln.restored[rs:re_] if ln.restored is not None and rs is not None else None,
        rest_start=rs,
        rest_end=re_,
        box=box,
    )


def map_offsets(line: Line, start: int, end: int, *, from_restored: bool) -> tuple[int, int]:
    """Map a char range between raw and restored text of a line using its token map.

    Without a token map (restoration ran but changed nothing, or lengths are equal) the offsets are
    returned unchanged when the two texts have the same length.
    """
    if not line.tokens:
        return start, end
    src = ("rest_start", "rest_end") if from_restored else ("raw_start", "raw_end")
    dst = ("raw_start", "raw_end") if from_restored else ("rest_start", "rest_end")

    def conv(pos: int, is_end: bool) -> int:
        prev = None
        for t in line.tokens:
            a, b = getattr(t, src[0]), getattr(t, src[1])
            c, d = getattr(t, dst[0]), getattr(t, dst[1])
            if a <= pos <= b:
                if pos == a:
                    return c
                if pos == b:
                    return d
                # inside a token: proportional, clamped
                return min(d, c + (pos - a))
            if pos < a:
                # between tokens: same gap after the previous token
                base_src = getattr(prev, src[1]) if prev else 0
                base_dst = getattr(prev, dst[1]) if prev else 0
                return base_dst + (pos - base_src)
            prev = t
        base_src = getattr(prev, src[1]) if prev else 0
        base_dst = getattr(prev, dst[1]) if prev else 0
        return base_dst + (pos - base_src)

    return conv(start, False), conv(end, True)


def _words_box(line: Line, start: int, end: int) -> Box | None:
    boxes = [w.box for w in line.words if w.box is not None and w.end > start and w.start < end]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
