"""Rules on dates: the days a table gives against the period its text states; a day that happened after the
document was written; the days of what a report counts in its period against that period."""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.audit.figures import of_kind
from pipeline.audit.registry import Check, rule
from pipeline.audit.table_rules import _row_name, cell_refs
from pipeline.dates import find_dates, resolve_iso, valid_iso
from pipeline.model import Document, Figure
from pipeline.text import match_form

# a period of one event or drive ("Tuần lễ cao điểm ... diễn ra từ ngày 26/02/2024 đến hết ngày 03/3/2024")
_EVENT_WORDS = re.compile(r"\b(?:dien ra|to chuc|tuan le|le hoi|cao diem|chien dich|dot|ngay hoi|hanh trinh)\b")
_DAY_RANGE = re.compile(r"(?<![\d/])(\d{1,2})\s?[-–]\s?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")


def _event_periods(doc: Document) -> list[tuple[tuple[int, int], str, str, Figure, Figure]]:
    """(where it is, first day, last day, figures) of each period of an event the text states, both days known."""
    starts = [f for f in of_kind(doc, "period_start") if not f.attrs.get("plan") and f.span is not None]
    ends = [f for f in of_kind(doc, "period_end") if not f.attrs.get("plan") and f.span is not None]
    lines = {(ln.number, page.number): ln.best for page in doc.pages for ln in page.lines}
    out = []
    for a in starts:
        b = next((e for e in ends if (e.span.page, e.span.line) >= (a.span.page, a.span.line)
                  and ((e.span.page, e.span.line), e.span.start) > ((a.span.page, a.span.line), a.span.start)), None)
        first, last = resolve_iso(a.value), resolve_iso(b.value) if b is not None else None
        if b is None or first is None or last is None or "?" in str(a.value) + str(b.value) or first > last:
            continue
        text = match_form(lines.get((a.span.line, a.span.page), "")).lower()
        if _EVENT_WORDS.search(text):
            out.append(((a.span.page, a.span.line), first, last, a, b))
    return out


def _cell_days(text: str, year: int) -> list[str]:
    """The days a date cell gives (``02-03/3/2024``: both), as ISO days."""
    form = match_form(text).lower()
    days = []
    for m in _DAY_RANGE.finditer(form):
        y = int(m.group(4)) if m.group(4) else year
        days += [d for d in (valid_iso(y, int(m.group(3)), int(m.group(1))), valid_iso(y, int(m.group(3)),
                                                                                      int(m.group(2)))) if d]
    if days:
        return days
    return [d for f in find_dates(form) if f.month and f.day and "?" not in f.day
            and (d := valid_iso(f.year or year, f.month, int(f.day)))]


@rule("table_dates_in_period", code="A501", severity="warning",
      en="The days a table of an event's sites or drives gives (Ngày lấy máu) lie in the period the text states for "
         "that event right before the table (diễn ra từ ngày 26/02/2024 đến hết ngày 03/3/2024).",
      vi="Ngày ghi trong bảng các điểm, các đợt của một sự kiện phải nằm trong khoảng thời gian văn bản nêu cho sự kiện "
         "đó ngay trước bảng.")
def table_dates_in_period(doc: Document) -> Iterator[Check]:
    periods = _event_periods(doc)
    for table in doc.tables:
        col = table.column("date")
        rows = [r for r in table.data_rows() if (c := r.cell(col.index)) is not None and c.span is not None] \
            if col is not None else []
        if not rows:
            continue
        top = (rows[0].cell(col.index).span.page, rows[0].cell(col.index).span.line)
        before = [p for p in periods if p[0] < top]
        if not before:
            continue
        where, first, last, a, b = before[-1]
        if any(p[0] > where and p[0] < top for p in periods):
            continue
        stated = f"{first} - {last}"
        checks = []
        for row in rows:
            days = _cell_days(row.cell(col.index).text, int(first[:4]))
            if not days:
                continue
            inside = all(first <= d <= last for d in days)
            checks.append(Check(
                subject=f"table {table.id}, {_row_name(row)}: {row.cell(col.index).text.strip()} within {stated}",
                subject_vi=f"bảng {table.id}, dòng {row.index}: {row.cell(col.index).text.strip()} trong khoảng "
                           f"{stated}",
                claimed=None, computed=None, basis="period", figures=[(doc.doc_id, a), (doc.doc_id, b)],
                doc_id=doc.doc_id, other=stated, verdict="ok" if inside else "mismatch",
                cells=cell_refs(table, [(row, col.index)])))
        if sum(c.verdict == "ok" for c in checks) >= len(checks) / 2:
            yield from checks  # (most days outside: the period is another's, not this table's)


@rule("date_after_document", code="A502", severity="warning",
      en="Something the text says happened at a time of day (Khoảng 5 giờ sáng ngày 23/7/2023, sạt lở đất ...) did not "
         "happen after the document's own date.",
      vi="Sự việc văn bản nêu đã xảy ra vào một thời điểm (Khoảng 5 giờ sáng ngày 23/7/2023, ...) không thể sau ngày "
         "ban hành văn bản.")
def date_after_document(doc: Document) -> Iterator[Check]:
    own = resolve_iso(doc.identity.date) if doc.identity is not None and doc.identity.date else None
    for f in of_kind(doc, "past_date"):
        if own is None:
            continue
        yield Check(subject=f"{f.value} after the document's date", subject_vi=f"{f.value} sau ngày văn bản",
                    claimed=None, computed=None, basis="document_date", figures=[(doc.doc_id, f)],
                    doc_id=doc.doc_id, other=own, verdict="ok" if str(f.value) <= own else "mismatch")


@rule("counted_dates_in_period", code="A503", severity="warning",
      en="The days of the items a report counts as having happened in its reporting period (Trong kỳ báo cáo ... xảy ra "
         "03 vụ ..., cụ thể: - Vụ thứ nhất xảy ra ngày ...) lie in the period the text states (kỳ báo cáo từ ngày "
         "15/12/2022 đến ngày 14/12/2023).",
      vi="Ngày của các sự việc báo cáo đếm trong kỳ báo cáo nằm trong kỳ báo cáo mà văn bản nêu.")
def counted_dates_in_period(doc: Document) -> Iterator[Check]:
    starts = [f for f in of_kind(doc, "period_start") if not f.attrs.get("plan")]
    ends = [f for f in of_kind(doc, "period_end") if not f.attrs.get("plan")]
    if len({f.value for f in starts}) != 1 or len({f.value for f in ends}) != 1:
        return  # (the one period the report states, or none to check against)
    first, last = resolve_iso(starts[0].value), resolve_iso(ends[0].value)
    if first is None or last is None or first > last:
        return
    for f in of_kind(doc, "counted_date"):
        day = str(f.value)
        yield Check(subject=f"{day} within the reporting period {first} - {last}",
                    subject_vi=f"{day} trong kỳ báo cáo {first} - {last}", claimed=None, computed=None,
                    basis="period", figures=[(doc.doc_id, f), (doc.doc_id, starts[0]), (doc.doc_id, ends[0])],
                    doc_id=doc.doc_id, other=f"{first} - {last}", verdict="ok" if first <= day <= last else "mismatch")
