"""The one data model that flows through every stage.

Document -> Page -> Line -> Word, plus the Span that every Figure, Place and Finding points to.
Everything is a plain dataclass that round-trips through JSON (``to_dict`` / ``from_dict``), so that
any stage can run alone on the previous stage's saved output.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page pixels (or PDF points for text PDFs)


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
    source: str = "txt"  # "tesseract", "pdf-text", "txt"
    seconds: float = 0.0
    image: str | None = None  # path of a cached page image, for crops in the report

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


@dataclass
class Figure:
    """One extracted value. ``kind`` is from FIGURE_KINDS; ``attrs`` from FIGURE_ATTRS."""

    kind: str
    value: Any
    span: Span
    unit: str | None = None
    qualifier: str = "exact"  # exact | approx | over | under | unknown
    low: float | None = None  # range implied by the qualifier (gần 1.000 -> 900..1000)
    high: float | None = None
    label: str = ""  # short human text: what this figure is
    attrs: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    id: str = ""  # stable within a document: "<kind>:<n>"


@dataclass
class Place:
    mention: str  # the words as written
    span: Span
    level: str | None = None  # province | district | commune | None when the text does not say
    role: str = "mention"  # mention | issuer | subject
    status: str = "unmatched"  # matched | ambiguous | unmatched
    code: str | None = None  # GSO code of the unit valid on the document date
    name: str | None = None  # canonical name
    score: float = 0.0
    candidates: list[dict[str, Any]] = field(default_factory=list)
    successors: list[dict[str, Any]] = field(default_factory=list)  # post-2025-07-01 unit(s)


@dataclass
class Finding:
    rule: str
    code: str  # stable message code, e.g. "A001"
    subject: str
    status: str  # ok | mismatch | unverifiable
    severity: str  # info | warning | error
    claimed: float | None = None
    computed: float | None = None
    difference: float | None = None
    message_en: str = ""
    message_vi: str = ""
    evidence: list[Span] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)
    doc_id: str = ""


@dataclass
class Document:
    doc_id: str
    path: str  # as given, relative to the input folder when run on a folder
    sha256: str
    kind: str  # pdf-text | pdf-image | image | tiff | txt
    pages: list[Page] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # identity: number, symbol, type, date, year, ...
    figures: list[Figure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)  # stages already applied, in order
    restoration: dict[str, Any] = field(default_factory=dict)  # signal, decision, model version
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

    # -- JSON ----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        version = d.get("schema_version", SCHEMA_VERSION)
        if version > SCHEMA_VERSION:
            raise ValueError(f"document schema {version} is newer than this program ({SCHEMA_VERSION})")
        pages = [
            Page(
                **{
                    **p,
                    "lines": [
                        Line(
                            **{
                                **l,
                                "box": _box(l.get("box")),
                                "words": [Word(**{**w, "box": _box(w.get("box"))}) for w in l.get("words", [])],
                                "tokens": [
                                    TokenMap(**{**t, "alternatives": [tuple(a) for a in t.get("alternatives", [])]})
                                    for t in l.get("tokens", [])
                                ],
                            }
                        )
                        for l in p.get("lines", [])
                    ],
                }
            )
            for p in d.get("pages", [])
        ]
        return cls(
            doc_id=d["doc_id"],
            path=d["path"],
            sha256=d["sha256"],
            kind=d["kind"],
            pages=pages,
            meta=d.get("meta", {}),
            figures=[Figure(**{**f, "span": span_from_dict(f["span"])}) for f in d.get("figures", [])],
            places=[Place(**{**p, "span": span_from_dict(p["span"])}) for p in d.get("places", [])],
            findings=[
                Finding(**{**f, "evidence": [span_from_dict(s) for s in f.get("evidence", [])]})
                for f in d.get("findings", [])
            ],
            stages=d.get("stages", []),
            restoration=d.get("restoration", {}),
            schema_version=SCHEMA_VERSION,
        )

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)  # atomic: a crash never leaves half a file
        return path

    @classmethod
    def load(cls, path: str | Path) -> "Document":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _box(b) -> Box | None:
    return tuple(b) if b is not None else None  # type: ignore[return-value]


def span_from_dict(d: dict[str, Any]) -> Span:
    return Span(**{**d, "box": _box(d.get("box"))})


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


# ---------------------------------------------------------------------------------------------
# The figure vocabulary: the contract between extract, audit and emit.
# ---------------------------------------------------------------------------------------------
FIGURE_KINDS: dict[str, str] = {
    # document identity (value is a string unless noted); also summarised in Document.meta
    "doc_number": "number part of the document symbol, int (Số: 111/BC-BCĐ -> 111)",
    "doc_symbol": "full symbol as printed, normalised (111/BC-BCĐ)",
    "doc_type": "Báo cáo | Kế hoạch | Quyết định | Công văn | Thông báo ...; attrs.code = BC/KH/QĐ",
    "issuer": "issuing body as printed (BCĐ VĐHMTN huyện Tam Đường); attrs.parent = line above",
    "doc_date": "date of the place-date line, ISO 'YYYY-MM-DD' or partial 'YYYY-MM-??'",
    "doc_place": "place of the place-date line (Tam Đường)",
    "report_year": "int: the year the report covers",
    "title": "title text below the document type",
    "signatory_name": "name under the signature",
    "signatory_title": "title above the signature (PHÓ TRƯỞNG BAN); attrs.on_behalf = TM. ...",
    # references to other documents
    "reference": "value = symbol (3653/KH-UBND); attrs: number, type_code, issuer_code, date, issuer, doc_type",
    # dates and periods
    "period_start": "ISO date a reported period starts (Từ ngày 01/12/2023 đến nay)",
    "period_end": "ISO date a period ends, or 'now' for 'đến nay'",
    # blood donation
    "units_received": "int units of blood received; attrs: year, drive_no (None = the year's total)",
    "units_quota": "int units quota; attrs: year, drive_no, plan (True for a next-year plan)",
    "participants": "int people (lượt người); attrs: year, drive_no",
    "percent_of_plan": "float percent (vượt 134% kế hoạch); attrs: year, drive_no",
    "drive_count": "int number of drives (đợt); attrs: year, plan",
    "drive_date": "ISO date of a drive; attrs: year, drive_no, status held|planned",
    "drive_campaign": "campaign name (text in quotes); attrs: year, drive_no",
    # awards
    "award_count": "int recipients; attrs: award_form, award_issuer, recipient_type, level, year",
    "award_total": "int recipients summed by the report; attrs: recipient_type, level (province|district|all), year",
    # money
    "money": "int VND; attrs: purpose, level",
    # coverage and resources
    "coverage": "int established; attrs: total, unit_kind (xã, thị trấn), what",
    "club_count": "int clubs; attrs: what",
    "club_members": "int members",
    "material_count": "int items; attrs: item (tờ rơi, băng rôn ...)",
    "count": "any other counted thing; attrs: what",
}

FIGURE_ATTRS: dict[str, str] = {
    "year": "int: the year a figure belongs to",
    "drive_no": "int drive (đợt) number; None for a year total",
    "plan": "bool: a plan/target for a future period rather than an actual",
    "status": "held | planned",
    "award_form": "Bằng khen | Giấy khen | Kỷ niệm chương | Huy chương | Biểu tượng ...",
    "award_issuer": "UBND tỉnh | UBND huyện | Trung ương Hội CTĐ Việt Nam | Liên đoàn Lao động tỉnh | ...",
    "recipient_type": "tập thể | cá nhân | hộ gia đình",
    "level": "province | district | commune | all (national: an award of a central body outside any section)",
    "purpose": "what money is for (khen thưởng ...)",
    "total": "int: denominator of an x/y coverage",
    "unit_kind": "what is counted in a coverage (xã, thị trấn)",
    "item": "what a material count counts",
    "what": "free text: what is counted",
    # table cells (commune tables): any numeric figure read from a table cell; checked by audit rules A501/A502
    "table": "str: id of the table a cell belongs to, unique in the document (e.g. 'p2-t1')",
    "row": "str: row label of a cell (commune name, or the label of a total row such as 'Tổng cộng')",
    "column": "str: column label of a cell (e.g. 'Chỉ tiêu', 'Thực hiện')",
    "total_row": "bool: the cell is in the table's total row (sum of the other rows)",
    "total_column": "bool: the cell is in the table's total column (sum of the other columns)",
    # identity and references (extract stage)
    "code": "doc_type: short code of the type (BC, KH, QĐ ...)",
    "parent": "issuer: the body printed above the issuer (UBND HUYỆN TAM ĐƯỜNG)",
    "on_behalf": "signatory_title: the TM./KT. line above the title (TM. BAN CHỈ ĐẠO)",
    "day_from": "doc_date: where a lost day digit came from ('signature timestamp' of the PDF)",
    "number": "reference: int number of the cited document",
    "type_code": "reference: type code of the cited document (KH, QĐ)",
    "issuer_code": "reference: issuer code of the cited document (UBND, TTg)",
    "date": "reference: ISO date of the cited document",
    "issuer": "reference: issuing body of the cited document as printed (UBND tỉnh Lai Châu)",
    "doc_type": "reference: type of the cited document (Kế hoạch, Quyết định)",
}

QUALIFIERS = ("exact", "approx", "over", "under", "unknown")
