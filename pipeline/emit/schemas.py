"""Every emitted table's schema, declared once, and the check applied before anything is written.

A schema is a ``pyarrow.Schema``; a field's metadata may carry ``allowed`` (comma-separated values the
column may take) and ``doc`` (what the column holds). ``validate`` turns a DataFrame into an Arrow
table of exactly that schema or raises ``TableSchemaError`` saying which column is wrong.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.model import (DocKind, DriveStatus, FindingStatus, Qualifier, ReviewAction, ReviewTarget, RowKind,
                            Severity, TableSource)

STR, INT, FLOAT, BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()



def allowed(enum: type[Enum]) -> str:
    """A closed set of the model as a column's ``allowed`` metadata."""
    return ",".join(e.value for e in enum)


FIGURE_STATUSES = allowed(DriveStatus)
FINDING_STATUSES = allowed(FindingStatus)
SEVERITIES = allowed(Severity)
QUALIFIERS = allowed(Qualifier)
DOC_KINDS = allowed(DocKind)
REVIEW_ACTIONS = allowed(ReviewAction)
REVIEW_TARGETS = allowed(ReviewTarget)
CORRECTION_STATUSES = "applied,orphaned,pending,no document"


class TableSchemaError(ValueError):
    """A table about to be written does not match its declared schema."""


def col(name: str, type_: pa.DataType, doc: str = "", *, required: bool = False, unique: bool = False,
        allowed: str = "") -> pa.Field:
    """A column; ``unique`` implies ``required``."""
    meta = {"doc": doc}
    if allowed:
        meta["allowed"] = allowed
    if unique:
        meta["unique"], required = "true", True
    return pa.field(name, type_, nullable=not required, metadata=meta)


def _span_cols() -> list[pa.Field]:
    return [
        col("page", INT, "page number, from 1"),
        col("line", INT, "line number on its page, from 1"),
        col("char_start", INT, "start offset in the raw line text"),
        col("char_end", INT, "end offset in the raw line text"),
        col("raw", STR, "the characters as OCR gave them"),
        col("restored", STR, "the same characters after diacritic restoration"),
    ]


def _figure_source_cols() -> list[pa.Field]:
    """The closing columns of the per-topic figure tables (awards, money): how sure, and where it came from."""
    return [
        col("qualifier", STR, required=True, allowed=QUALIFIERS),
        col("label", STR),
        col("page", INT),
        col("line", INT),
        col("raw", STR),
        col("confidence", FLOAT, required=True),
    ]


def review_cols(what: str = "a figure it holds") -> list[pa.Field]:
    """The closing columns of every table: did an auditor check it (the review stage), and change it."""
    return [
        col("reviewed", BOOL, f"an auditor confirmed or corrected {what} (table corrections)", required=True),
        col("corrected", BOOL, f"an auditor's correction changed {what}", required=True),
    ]


DOCUMENTS = pa.schema([
    col("doc_id", STR, "stable id derived from the path", unique=True),
    col("path", STR, "path relative to the input folder", required=True),
    col("sha256", STR, "content hash of the source file", required=True),
    col("kind", STR, "pdf-text | pdf-image | image | tiff | txt", required=True, allowed=DOC_KINDS),
    col("pages", INT, "number of pages", required=True),
    col("encoding", STR, "a text file's encoding as read (utf-8, utf-16, cp1258, cp1252, tcvn3, vni)"),
    col("number", STR, "number part of the symbol (111)"),
    col("symbol", STR, "document symbol (111/BC-BCĐ)"),
    col("type", STR, "Báo cáo | Kế hoạch ..."),
    col("type_code", STR, "BC | KH | QĐ ..."),
    col("issuer", STR, "issuing body as printed"),
    col("issuer_body_code", STR, "the issuing body's code in the symbol (BCĐ, UBND)"),
    col("issuer_unit_code", STR, "gazetteer code of the issuer's unit"),
    col("issuer_unit", STR, "gazetteer name of the issuer's unit"),
    col("subject_unit_code", STR, "gazetteer code of the unit the report is about"),
    col("subject_unit", STR, "gazetteer name of the unit the report is about"),
    col("subject_level", STR, "province | district | commune"),
    col("date", STR, "ISO date of the place-date line (may be partial)"),
    col("place", STR, "place of the place-date line"),
    col("report_year", INT, "the year the report covers"),
    col("period", STR, "the period it covers as its title writes it (năm 2023, 6 tháng đầu năm 2024)"),
    col("title", STR, "title below the document type"),
    col("signatory_name", STR),
    col("signatory_title", STR),
    col("unit_code", STR, "reporting unit: subject_unit_code, else issuer_unit_code, else the issuer text",
        required=True),
    col("unit_name", STR, "reporting unit's name"),
    col("copy_of", STR, "doc_id of the primary copy this document duplicates (a scan of a text); empty for a primary"),
    col("fax_line", STR, "a fax machine's transmission line on its first page that has one (sender, number, time, "
                         "page counter), kept out of the text"),
    col("received_stamp", STR, "what an incoming-mail stamp (ĐẾN: received, number, date, hour, routing) on its first "
                               "page that has one said, as read (often handwritten), kept out of the text"),
    col("pages_turned", STR, "pages read after turning them upright (fed sideways or upside down; their boxes are on "
                             "the scan as fed), comma-separated page numbers"),
    col("pages_show_through", STR, "pages read as blank: only the reverse side's print, mirrored, showing through "
                                   "the paper (the blank back of a sheet scanned on both sides), comma-separated"),
    col("families", STR, "report families the document belongs to, comma-separated"),
    col("restoration", STR, "diacritic restoration decision: restored | kept (mode)"),
    col("stages", STR, "stages applied, comma-separated"),
    col("n_figures", INT, required=True),
    col("n_places", INT, required=True),
    col("n_findings", INT, required=True),
    col("n_mismatches", INT, required=True),
    col("n_flagged", INT, "tokens the restorer flagged as guesses (low confidence)", required=True),
    *review_cols("anything in it"),
])

FIGURES = pa.schema([
    col("figure_key", STR, "unique in the dataset: doc_id#figure_id", unique=True),
    col("doc_id", STR, required=True),
    col("figure_id", STR, "stable within a document: kind:n", required=True),
    col("kind", STR, "one of FIGURE_KINDS", required=True),
    col("value", STR, "the value as text"),
    col("value_num", FLOAT, "the value as a number when it is one"),
    col("unit", STR),
    col("qualifier", STR, "exact | approx | over | under | unknown", required=True, allowed=QUALIFIERS),
    col("low", FLOAT, "lower end of the range the qualifier implies"),
    col("high", FLOAT, "upper end of the range the qualifier implies"),
    col("year", INT, "attrs.year, else the report_year of its document"),
    col("drive_no", INT, "attrs.drive_no: drive (đợt) number, null for a year total"),
    col("plan", BOOL, "attrs.plan: a plan for a future period", required=True),
    col("status", STR, "attrs.status: held | planned"),
    col("award_form", STR),
    col("award_issuer", STR),
    col("recipient_type", STR, "tập thể | cá nhân | hộ gia đình | all"),
    col("level", STR, "province | district | commune | all"),
    col("label", STR),
    *_span_cols(),
    col("rest_start", INT, "start offset in the restored line text"),
    col("rest_end", INT, "end offset in the restored line text"),
    col("box", STR, "x0,y0,x1,y1 in page pixels, when known"),
    col("confidence", FLOAT, required=True),
    col("attrs_json", STR, "all attrs as JSON"),
    *review_cols("its value"),
])

AWARDS = pa.schema([
    col("figure_key", STR, required=True),
    col("doc_id", STR, required=True),
    col("kind", STR, "award_count | award_total", required=True, allowed="award_count,award_total"),
    col("year", INT),
    col("award_form", STR),
    col("award_issuer", STR),
    col("recipient_type", STR),
    col("level", STR),
    col("recipients", INT),
    *_figure_source_cols(),
    *review_cols("its figure"),
])

MONEY = pa.schema([
    col("figure_key", STR, required=True),
    col("doc_id", STR, required=True),
    col("year", INT),
    col("amount_vnd", INT),
    col("purpose", STR),
    col("level", STR),
    *_figure_source_cols(),
    *review_cols("its figure"),
])

REFERENCES = pa.schema([
    col("figure_key", STR, required=True),
    col("doc_id", STR, "the document that cites", required=True),
    col("symbol", STR, "the cited symbol (3653/KH-UBND)"),
    col("number", STR),
    col("type_code", STR),
    col("doc_type", STR),
    col("issuer", STR),
    col("issuer_body_code", STR, "the cited issuing body's code (UBND, TTg)"),
    col("date", STR),
    col("target_doc_id", STR, "the cited document when it is in the dataset (one match only)"),
    col("page", INT),
    col("line", INT),
    col("raw", STR),
    *review_cols("its figure"),
])

PLACES = pa.schema([
    col("doc_id", STR, required=True),
    col("mention", STR, required=True),
    col("level", STR),
    col("role", STR, "mention | issuer | subject"),
    col("status", STR, "matched | ambiguous | unmatched", allowed="matched,ambiguous,unmatched"),
    col("code", STR, "GSO code valid on the document date"),
    col("name", STR),
    col("score", FLOAT),
    col("n_candidates", INT),
    col("successors", STR, "post-2025-07-01 units as JSON"),
    *_span_cols(),
    *review_cols("its unit"),
])

FINDINGS = pa.schema([
    col("finding_id", STR, "unique in the dataset", unique=True),
    col("doc_id", STR, "empty for findings across documents"),
    col("rule", STR, required=True),
    col("code", STR, required=True),
    col("subject", STR),
    col("status", STR, required=True, allowed=FINDING_STATUSES),
    col("severity", STR, required=True, allowed=SEVERITIES),
    col("claimed", FLOAT),
    col("computed", FLOAT),
    col("difference", FLOAT),
    col("message_en", STR),
    col("message_vi", STR),
    col("figure_ids", STR, "figures involved, comma-separated"),
    col("cells", STR, "table cells involved (t1/r3/c4), comma-separated"),
    col("evidence", STR, "evidence spans as JSON: [{page, line, start, end, raw, restored}]"),
    col("evidence_page", INT, "page of the first evidence span"),
    col("evidence_line", INT, "line of the first evidence span"),
    col("review_key", STR, "what corrections.key names it by: finding:<code>/<figures>", required=True),
    col("verdict", STR, "an auditor's verdict: confirm (the report is inconsistent) | reject (a reading error)",
        allowed="confirm,reject"),
    col("reviewed", BOOL, "an auditor confirmed or rejected it", required=True),
    col("corrected", BOOL, "an auditor corrected a figure or cell it uses: it judges the corrected values",
        required=True),
])

CORRECTIONS = pa.schema([
    col("correction_id", STR, "content hash of the row", unique=True),
    col("time", STR, "when it was made, ISO 8601 UTC", required=True),
    col("reviewer", STR, required=True),
    col("doc_id", STR, "the document in this dataset with these bytes, else the id it had when made"),
    col("sha256", STR, "content hash of the document's file", required=True),
    col("target", STR, "figure | place | cell | finding", required=True, allowed=REVIEW_TARGETS),
    col("key", STR, "figure:<id> | place:p<page>/l<line>/c<start> | cell:t1/r3/c4 | finding:<code>/<figures>",
        required=True),
    col("action", STR, "confirm | reject | correct", required=True, allowed=REVIEW_ACTIONS),
    col("old_value", STR, "the value it was made on"),
    col("new_value", STR, "the reviewer's value (correct)"),
    col("reason", STR),
    col("status", STR, "applied | orphaned | pending (made after the document's last run) | no document (its bytes "
        "are not in this dataset)", required=True,
        allowed=CORRECTION_STATUSES),
    col("orphaned", STR, "why it could not be applied"),
])

TABLES = pa.schema([
    col("cell_key", STR, "unique in the dataset: doc_id#t1/r3/c4", unique=True),
    col("doc_id", STR, required=True),
    col("table_id", STR, "t1, t2 ... in reading order", required=True),
    col("row", INT, "row index from 1 (header rows included)", required=True),
    col("column", INT, "column index from 0", required=True),
    col("row_kind", STR, "header | data | total | subtotal | section", required=True, allowed=allowed(RowKind)),
    col("meaning", STR, "what the column holds (quota, received, percent, unit_name, ...)"),
    col("header", STR, "the column's header, merged header rows joined with ' / '"),
    col("table_unit", STR, "what the table counts (Đơn vị tính)"),
    col("row_label", STR, "the row's name (its unit, month, drive ...)"),
    col("place_code", STR, "gazetteer code of the unit the row names"),
    col("place_name", STR),
    col("value", FLOAT, "the number the cell holds"),
    col("text", STR, "the cell as read (raw)"),
    col("restored", STR, "the cell after diacritic restoration (with its words on further lines)"),
    col("repair", STR, "why the value is not the number as read (OCR lost a comma or a digit), when it is not"),
    col("conf", FLOAT, "OCR confidence 0..100 of the cell when read from a scan (after the table's own checks)"),
    col("page", INT),
    col("line", INT),
    col("char_start", INT),
    col("char_end", INT),
    col("box", STR, "x0,y0,x1,y1 of the cell on the page image, when read from a scan"),
    col("source", STR, "text | scan | pdf", required=True, allowed=allowed(TableSource)),
    *review_cols("the cell"),
])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "figures": FIGURES,
    "awards": AWARDS,
    "money": MONEY,
    "references": REFERENCES,
    "places": PLACES,
    "findings": FINDINGS,
    "tables": TABLES,
    "corrections": CORRECTIONS,
}


def register_table(name: str, schema: pa.Schema) -> None:
    """A report family's own table (``drives`` ...), validated and written like the generic ones."""
    if name in SCHEMAS:
        raise ValueError(f"table {name!r} declared twice")
    SCHEMAS[name] = schema


def empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame({f.name: pd.Series(dtype=f.type.to_pandas_dtype()) for f in SCHEMAS[name]})


def validate(name: str, df: pd.DataFrame) -> pa.Table:
    """Return ``df`` as an Arrow table of the declared schema; raise TableSchemaError otherwise."""
    schema = SCHEMAS[name]
    missing = [c for c in schema.names if c not in df.columns]
    extra = [c for c in df.columns if c not in schema.names]
    if missing or extra:
        raise TableSchemaError(f"table {name}: missing columns {missing}, unexpected columns {extra}")
    try:
        table = pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError) as exc:
        raise TableSchemaError(f"table {name}: {exc}") from exc
    for f in schema:
        column = table.column(f.name)
        if not f.nullable and column.null_count:
            raise TableSchemaError(f"table {name}: column {f.name} is required but has {column.null_count} null(s)")
        meta = f.metadata or {}
        if meta.get(b"unique") and len(pc.unique(column)) != len(column):
            raise TableSchemaError(f"table {name}: column {f.name} must be unique but holds duplicates")
        allowed = meta.get(b"allowed")
        if allowed:
            values = allowed.decode().split(",")
            bad = pc.filter(column, pc.invert(pc.is_in(column, pa.array(values))))
            bad = [v for v in bad.to_pylist() if v is not None]
            if bad:
                raise TableSchemaError(f"table {name}: column {f.name} holds {sorted(set(bad))}, allowed {values}")
    return table
