"""Period figures: ``Từ ngày 01/12/2023 đến nay``, ``từ 8/3 đến 14/6/2018``; the part of the year a table's total row
names when the report is on another period."""

from __future__ import annotations

import re

from pipeline.dates import find_periods
from pipeline.model import Document, Table
from pipeline.text import match_form, normalize_ws


def extract_periods(view, figs) -> None:
    """period_start / period_end figures of every ``từ ... đến ...`` in the document."""
    for p in view.paragraphs:
        seg = view.norm[p.start : p.end]
        for per in find_periods(seg):
            attrs = {"plan": p.plan}
            default_year = per.end.year if per.end is not None else None
            figs.add("period_start", per.start.iso(default_year), p.start + per.start.start, p.start + per.start.end,
                     attrs=attrs, label="từ ngày")
            if per.end is None:
                a, b = per.now_span
                figs.add("period_end", "now", p.start + a, p.start + b, attrs=attrs, label="đến nay")
            else:
                figs.add("period_end", per.end.iso(), p.start + per.end.start, p.start + per.end.end,
                         attrs=attrs, label="đến ngày")


_PART_IN_TOTAL = re.compile(r"\b((?:6|sau|9|chin) thang(?: (?:dau|cuoi))?(?: nam)?|quy (?:i{1,3}|iv|[1-4]))\b")


def other_part_of_year(doc: Document, table: Table) -> str | None:
    """The part of the year a table's total row names (``Cộng 6 tháng cuối năm``) when the report is not on that
    part: the rows are that part's, not the report's period's."""
    for row in table.total_rows():
        m = _PART_IN_TOTAL.search(normalize_ws(match_form(row.label or "")).lower())
        if m is not None:
            own = normalize_ws(match_form(doc.identity.period or "")).lower().replace("sau thang", "6 thang")
            named = m.group(1).replace("sau thang", "6 thang").replace("chin thang", "9 thang")
            return None if named in own else normalize_ws(row.label)
    return None


# words that make a date something to come (a plan, a deadline, a proposal), not something that happened
_TO_COME = re.compile(r"\b(?:du kien|se|ke hoach|truoc ngay|den ngay|den het|han|phan dau|de nghi|chuan bi|tiep tuc|"
                      r"lich|trien khai|huong dan|yeu cau|can cu|thuc hien|theo|chi dao|giao|tu ngay|tinh den|"
                      r"bao cao|gui|nop|ve viec|v/v|so|ky|ban hanh|hieu luc)\b")
_AT_A_TIME = re.compile(r"\b(?:khoang\s+)?\d{1,2}\s*(?:gio|h)\b(?:\s*\d{1,2}\s*(?:phut|p)?)?|\b(?:sang|chieu|toi|dem|rang sang|"
                        r"trua)\s+ngay\s*$")


def extract_later_dates(view, figs) -> None:
    """A date the text gives to something that happened at a time of day (``Khoảng 5 giờ sáng ngày 23/7/2023, sạt lở
    đất ...``), in a report, later than the report's own date (``past_date``): what A502 checks. Not a plan's, nor
    in a sentence about what is to come, a deadline or a document cited."""
    from pipeline.dates import find_dates, resolve_iso

    doc = view.doc
    own = resolve_iso(doc.identity.date) if doc.identity is not None and doc.identity.date else None
    if own is None or doc.identity.type_code == "KH" or "?" in str(doc.identity.date):
        return
    for p in view.paragraphs:
        if p.plan:
            continue
        seg = view.norm[p.start:p.end]
        for d in find_dates(seg, offset=p.start):
            iso = d.iso(int(own[:4])) if d.month is not None and d.day is not None and "?" not in d.day else None
            if iso is None or (day := resolve_iso(iso)) is None or day <= own:
                continue
            sentence = view.sentence_before(p, d.start)
            if _TO_COME.search(sentence) or not _AT_A_TIME.search(sentence[-40:]):
                continue
            figs.add("past_date", day, d.start, d.end, attrs={"plan": False}, label="ngày xảy ra")


# a sentence that counts what happened in the period and opens a list of them ("Trong kỳ báo cáo, trên địa bàn huyện xảy
# ra 03 vụ cháy rừng, ..., cụ thể:"), then items each dated ("- Vụ thứ nhất xảy ra ngày 09/12/2022 tại ...")
_IN_THE_PERIOD = re.compile(r"\btrong (?:ky(?: bao cao)?|thoi gian bao cao|thoi ky bao cao)\b")
_COUNT_OPENS = re.compile(r"(?<![\d.,/])\d{1,3}\s+[a-z]+\b[^.;]*(?::|\bcu the\s*:?|\bnhu sau\s*:?)\s*$")
_ITEM_MARK = re.compile(r"^\s*[-+\u2022*]\s*")
LIST_REACH = 12  # lines after the opening sentence where its items may stand


def extract_counted_dates(view, figs) -> None:
    """The days of the items a report counts as having happened in its reporting period (``Trong kỳ báo cáo ... xảy ra
    03 vụ cháy rừng ..., cụ thể:`` over ``- Vụ thứ nhất xảy ra ngày 09/12/2022 ...``): ``counted_date`` (A503 sets
    them against the period the text states). Not an item about what is to come."""
    from pipeline.dates import find_dates, resolve_iso

    doc = view.doc
    own = resolve_iso(doc.identity.date) if doc.identity is not None and doc.identity.date else None
    year = int(own[:4]) if own else None
    for k, lp in enumerate(view.lines):
        line = view.norm[lp.start:lp.end]
        if not line.rstrip().endswith(":") or not _COUNT_OPENS.search(line):
            continue
        p = view.paragraph_at(lp.start)
        if p.plan or not _IN_THE_PERIOD.search(view.norm[p.start:lp.end]):
            continue
        for item in view.lines[k + 1:k + 1 + LIST_REACH]:
            text = view.norm[item.start:item.end]
            if not _ITEM_MARK.match(text):
                break
            if _TO_COME.search(text):
                continue
            dates = [d for d in find_dates(text, offset=item.start) if d.month is not None and d.day is not None]
            if not dates or dates[0].year is None:
                continue
            iso = dates[0].iso(year or dates[0].year)
            if iso is None or (day := resolve_iso(iso)) is None:
                continue
            figs.add("counted_date", day, dates[0].start, dates[0].end, attrs={"plan": False}, label="ngày xảy ra")
