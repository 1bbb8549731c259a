"""Documents (and the audit's findings) -> one DataFrame per table of ``schemas.SCHEMAS``.

Nothing here parses text: values come from the figures the extraction stage produced. Missing
kinds or attrs give empty tables or null cells, never an error.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from typing import Any, Iterable

import pandas as pd

from pipeline.copies import primary_of
from pipeline.emit.schemas import SCHEMAS, empty_frame
from pipeline.model import STATUS_ORDER, Correction, Document, Figure, Finding, Span, cell_ref
from pipeline.review import marks
from pipeline.review.keys import finding_key

AWARD_KINDS = ("award_count", "award_total")


# -- small coercions ------------------------------------------------------------------------------
def text(v: Any) -> str | None:
    """NFC text, or None for None / blank."""
    if v is None:
        return None
    s = unicodedata.normalize("NFC", str(v)).strip()
    return s or None


def number(v: Any) -> float | None:
    """A float for int/float values (bool excluded); None for anything else."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v)


def integer(v: Any) -> int | None:
    """An int for ints, integral floats and digit strings; None otherwise."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def figure_key(doc_id: str, fig: Figure, index: int) -> str:
    """Unique in the dataset; falls back to kind:index when the extractor gave no id."""
    return f"{doc_id}#{fig.id or f'{fig.kind}:{index}'}"


def unit_of(doc: Document) -> tuple[str, str | None]:
    """The reporting unit (``Document.reporting_unit``) as (code, name); ('unknown', None) when nothing says."""
    unit = doc.reporting_unit()
    if unit is None:
        return "unknown", None
    key, name = unit
    if doc.units.subject is None and doc.units.issuer is None:
        return text(doc.identity.issuer) or key, text(doc.identity.issuer)
    return key, text(name)


def figure_year(doc: Document, fig: Figure) -> int | None:
    """attrs.year, else the year the document reports on."""
    y = integer(fig.attrs.get("year"))
    return y if y is not None else doc.identity.report_year


def _span_cells(span: Span | None) -> dict[str, Any]:
    if span is None:
        return dict(page=None, line=None, char_start=None, char_end=None, raw=None, restored=None)
    return dict(
        page=span.page, line=span.line, char_start=span.start, char_end=span.end,
        raw=text(span.raw), restored=text(span.restored),
    )


def review_marks(*reviews) -> dict[str, bool]:
    """The reviewed / corrected columns of a row built from items carrying these review marks."""
    found = [r for r in reviews if r is not None]
    return dict(reviewed=bool(found), corrected=any(r.corrected for r in found))


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return empty_frame(name)
    return pd.DataFrame.from_records(rows, columns=SCHEMAS[name].names)


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, default=str)


def _keyed(docs: Iterable[Document]) -> Iterable[tuple[Document, str, Figure]]:
    """Each figure with its key; a repeated id gets a ``~n`` suffix so that keys stay unique."""
    for doc in docs:
        seen: dict[str, int] = defaultdict(int)
        for i, fig in enumerate(doc.figures, 1):
            key = figure_key(doc.doc_id, fig, i)
            seen[key] += 1
            yield doc, key if seen[key] == 1 else f"{key}~{seen[key]}", fig


# -- tables ---------------------------------------------------------------------------------------
def documents_table(docs: list[Document], findings: list[Finding]) -> pd.DataFrame:
    per_doc: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        per_doc[f.doc_id].append(f)
    copy_of = primary_of(docs)
    rows = []
    for doc in docs:
        ident, issuer_unit, subject = doc.identity, doc.units.issuer, doc.units.subject
        code, name = unit_of(doc)
        mine = per_doc.get(doc.doc_id, [])
        rows.append(dict(
            doc_id=doc.doc_id, path=doc.path, sha256=doc.sha256, kind=str(doc.kind), pages=len(doc.pages),
            encoding=text(doc.encoding),
            number=text(ident.number), symbol=text(ident.symbol), type=text(ident.type),
            type_code=text(ident.type_code), issuer=text(ident.issuer), issuer_body_code=text(ident.issuer_body_code),
            issuer_unit_code=issuer_unit.code if issuer_unit else None,
            issuer_unit=issuer_unit.name if issuer_unit else None,
            subject_unit_code=subject.code if subject else None, subject_unit=subject.name if subject else None,
            subject_level=str(subject.level) if subject else None,
            date=text(ident.date), place=text(ident.place), report_year=ident.report_year, period=text(ident.period),
            title=text(ident.title), signatory_name=text(ident.signatory_name),
            signatory_title=text(ident.signatory_title), unit_code=code, unit_name=name,
            copy_of=copy_of.get(doc.doc_id),
            fax_line=next((p.transmission for p in doc.pages if p.transmission), None),
            received_stamp=next((p.received_stamp for p in doc.pages if p.received_stamp), None),
            pages_turned=",".join(str(p.number) for p in doc.pages if p.turned) or None,
            pages_show_through=",".join(str(p.number) for p in doc.pages if p.show_through) or None,
            families=",".join(doc.families) or None,
            restoration=_restoration(doc), stages=",".join(doc.stages),
            n_figures=len(doc.figures), n_places=len(doc.places), n_findings=len(mine),
            n_mismatches=sum(f.status == "mismatch" for f in mine),
            n_flagged=sum(t.flagged for _, line in doc.iter_lines() for t in line.tokens),
            reviewed=marks.reviewed(doc, mine), corrected=marks.corrected(doc),
        ))
    return _frame("documents", rows)


def _restoration(doc: Document) -> str | None:
    """'restored' / 'kept' (the restore stage's decision and its mode), None when it did not run."""
    r = doc.restoration
    if r is None:
        return None
    return f"{'restored' if r.restored else 'kept'} ({r.mode})"


def figures_table(docs: list[Document]) -> pd.DataFrame:
    rows = []
    for doc, key, fig in _keyed(docs):
        a, s = fig.attrs, fig.span
        plan = a.get("plan")
        rows.append(dict(
            figure_key=key, doc_id=doc.doc_id, figure_id=key.split("#", 1)[1], kind=fig.kind,
            value=text(fig.value if not isinstance(fig.value, (dict, list)) else _json(fig.value)),
            value_num=number(fig.value), unit=text(fig.unit), qualifier=fig.qualifier or "exact",
            low=number(fig.low), high=number(fig.high), year=figure_year(doc, fig),
            drive_no=integer(a.get("drive_no")), plan=bool(plan) if plan is not None else False,
            status=text(a.get("status")), award_form=text(a.get("award_form")),
            award_issuer=text(a.get("award_issuer")), recipient_type=text(a.get("recipient_type")),
            level=text(a.get("level")), label=text(fig.label), **_span_cells(s),
            rest_start=s.rest_start if s else None, rest_end=s.rest_end if s else None,
            box=",".join(f"{v:g}" for v in s.box) if s and s.box else None,
            confidence=float(fig.confidence), attrs_json=_json(a) if a else None, **review_marks(fig.review),
        ))
    return _frame("figures", rows)


def _best(figs: list[tuple[str, Figure]]) -> tuple[str, Figure] | None:
    """The most confident figure, the first in the document on ties."""
    return max(figs, key=lambda kf: kf[1].confidence, default=None) if figs else None


def awards_table(docs: list[Document]) -> pd.DataFrame:
    rows = []
    for doc, key, fig in _keyed(docs):
        if fig.kind not in AWARD_KINDS:
            continue
        a = fig.attrs
        rows.append(dict(
            figure_key=key, doc_id=doc.doc_id, kind=fig.kind, year=figure_year(doc, fig),
            award_form=text(a.get("award_form")), award_issuer=text(a.get("award_issuer")),
            recipient_type=text(a.get("recipient_type")), level=text(a.get("level")),
            recipients=integer(fig.value), qualifier=fig.qualifier or "exact", label=text(fig.label),
            page=fig.span.page, line=fig.span.line, raw=text(fig.span.raw), confidence=float(fig.confidence),
            **review_marks(fig.review),
        ))
    return _frame("awards", rows)


def money_table(docs: list[Document]) -> pd.DataFrame:
    rows = []
    for doc, key, fig in _keyed(docs):
        if fig.kind != "money":
            continue
        rows.append(dict(
            figure_key=key, doc_id=doc.doc_id, year=figure_year(doc, fig), amount_vnd=integer(fig.value),
            purpose=text(fig.attrs.get("purpose")), level=text(fig.attrs.get("level")),
            qualifier=fig.qualifier or "exact", label=text(fig.label), page=fig.span.page, line=fig.span.line,
            raw=text(fig.span.raw), confidence=float(fig.confidence), **review_marks(fig.review),
        ))
    return _frame("money", rows)


def _symbol_key(symbol: str | None) -> str | None:
    return "".join(symbol.split()).upper() if symbol else None


def references_table(docs: list[Document]) -> pd.DataFrame:
    by_symbol: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        key = _symbol_key(text(doc.identity.symbol))
        if key:
            by_symbol[key].append(doc)
    rows = []
    for doc, key, fig in _keyed(docs):
        if fig.kind != "reference":
            continue
        a = fig.attrs
        symbol, date = text(fig.value), text(a.get("date"))
        targets = [d for d in by_symbol.get(_symbol_key(symbol) or "", []) if d.doc_id != doc.doc_id]
        if date and len(targets) > 1:
            targets = [d for d in targets if (text(d.identity.date) or "")[:4] == date[:4]]
        rows.append(dict(
            figure_key=key, doc_id=doc.doc_id, symbol=symbol, number=text(a.get("number")),
            type_code=text(a.get("type_code")), doc_type=text(a.get("doc_type")), issuer=text(a.get("issuer")),
            issuer_body_code=text(a.get("issuer_body_code")), date=date,
            target_doc_id=targets[0].doc_id if len(targets) == 1 else None,
            page=fig.span.page, line=fig.span.line, raw=text(fig.span.raw), **review_marks(fig.review),
        ))
    return _frame("references", rows)


def places_table(docs: list[Document]) -> pd.DataFrame:
    rows = []
    for doc in docs:
        for p in doc.places:
            rows.append(dict(
                doc_id=doc.doc_id, mention=text(p.mention) or "", level=text(p.level), role=str(p.role),
                status=str(p.status), code=text(p.code), name=text(p.name), score=number(p.score),
                n_candidates=len(p.candidates), successors=_json(p.successors) if p.successors else None,
                **_span_cells(p.span), **review_marks(p.review),
            ))
    return _frame("places", rows)


def tables_table(docs: list[Document]) -> pd.DataFrame:
    """One row per table cell: where it is, what its column means, the value it holds."""
    rows = []
    for doc in docs:
        for t in doc.tables:
            for r in t.rows:
                for c in r.cells:
                    col = t.columns[c.col] if c.col < len(t.columns) else None
                    s = c.span
                    rows.append(dict(
                        cell_key=f"{doc.doc_id}#{cell_ref(t, r, c.col)}", doc_id=doc.doc_id, table_id=t.id,
                        row=r.index, column=c.col, row_kind=str(r.kind), meaning=col.meaning if col else None,
                        header=text(col.header) if col else None, table_unit=text(t.unit), row_label=text(r.label),
                        place_code=r.place_code, place_name=r.place_name, value=number(c.value), text=text(c.text),
                        restored=text(c.best) if s and s.restored is not None else None, repair=c.repair,
                        conf=number(c.conf), page=s.page if s else r.page,
                        line=s.line if s else None, char_start=s.start if s else None, char_end=s.end if s else None,
                        box=",".join(f"{v:g}" for v in c.box) if c.box else None, source=str(t.source),
                        **review_marks(c.review),
                    ))
    return _frame("tables", rows)


def collect_findings(docs: list[Document], findings: list[Finding]) -> list[Finding]:
    """The documents' own findings plus the corpus audit's, each once, mismatches first."""
    seen, out = set(), []
    for f in [f for d in docs for f in d.findings] + list(findings):
        ident = (f.doc_id, f.rule, f.subject, f.status, f.claimed, f.computed, tuple(f.figure_ids))
        if ident not in seen:
            seen.add(ident)
            out.append(f)
    return sorted(out, key=lambda f: STATUS_ORDER.get(f.status, 3))


def _evidence(span: Span) -> dict[str, Any]:
    return dict(page=span.page, line=span.line, start=span.start, end=span.end,
                raw=text(span.raw), restored=text(span.restored))


def findings_table(findings: list[Finding], docs: Iterable[Document] = ()) -> pd.DataFrame:
    by_id = {d.doc_id: d for d in docs}
    rows, counter = [], defaultdict(int)
    for f in findings:
        verdict = marks.verdict(by_id.get(f.doc_id), f)
        scope = f.doc_id or "corpus"
        counter[(scope, f.rule)] += 1
        first = f.evidence[0] if f.evidence else None
        rows.append(dict(
            finding_id=f"{scope}#{f.rule}#{counter[(scope, f.rule)]}", doc_id=text(f.doc_id), rule=f.rule,
            code=f.code, subject=text(f.subject), status=f.status, severity=f.severity,
            claimed=number(f.claimed), computed=number(f.computed), difference=number(f.difference),
            message_en=text(f.message_en), message_vi=text(f.message_vi),
            figure_ids=",".join(f.figure_ids) or None, cells=",".join(f.cells) or None,
            evidence=_json([_evidence(s) for s in f.evidence]),
            evidence_page=first.page if first else None, evidence_line=first.line if first else None,
            review_key=finding_key(f), verdict=str(verdict.action) if verdict else None, reviewed=verdict is not None,
            corrected=marks.finding_corrected(f, by_id),
        ))
    return _frame("findings", rows)


def corrections_table(docs: list[Document], corrections: list[Correction] | None = None,
                      findings: list[Finding] = ()) -> pd.DataFrame:
    """Every correction of the store (``corrections``; else those the documents carry), with whether it
    applied to a document of this dataset (``findings``: all of them, for the verdicts)."""
    by_sha = {d.sha256: d for d in docs if d.sha256}
    raised: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        raised[f.doc_id].append(f)
    orphaned = {c.correction_id: c.orphaned for d in docs for c in marks.orphans(d, raised[d.doc_id])}
    if corrections is None:
        corrections = [c for d in docs for c in d.corrections]
    rows, seen = [], set()
    for c in corrections:
        if c.correction_id in seen:
            continue
        seen.add(c.correction_id)
        doc = by_sha.get(c.sha256)
        if doc is None:
            status = "no document"
        elif c.correction_id in orphaned:
            status = "orphaned"
        else:
            status = "applied" if any(c.correction_id == k.correction_id for k in doc.corrections) else "pending"
        rows.append(dict(
            correction_id=c.correction_id, time=c.time, reviewer=c.reviewer, doc_id=doc.doc_id if doc else c.doc_id,
            sha256=c.sha256, target=str(c.target), key=c.key, action=str(c.action), old_value=c.old_value,
            new_value=c.new_value, reason=text(c.reason), status=status, orphaned=orphaned.get(c.correction_id),
        ))
    return _frame("corrections", rows)


def build_tables(docs: list[Document], findings: list[Finding],
                 corrections: list[Correction] | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the dataset, keyed by table name (``findings`` as from ``collect_findings``;
    ``corrections``: the store's, else those the documents carry)."""
    from pipeline.families import FAMILIES  # imported here: the families' datasets use this module

    family_tables = {name: build(docs) for f in FAMILIES.values() for name, build in f.datasets}
    return {
        **family_tables,
        "documents": documents_table(docs, findings),
        "figures": figures_table(docs),
        "awards": awards_table(docs),
        "money": money_table(docs),
        "references": references_table(docs),
        "places": places_table(docs),
        "findings": findings_table(findings, docs),
        "tables": tables_table(docs),
        "corrections": corrections_table(docs, corrections, findings),
    }
