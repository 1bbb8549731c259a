"""Generic document rules: do a report's awards, money and coverage add up? One small function per rule.

Rules of a report family live in its folder (``pipeline/families/<name>/rules.py``); table rules in
``table_rules.py``.

Each yields ``Check``s: a claimed figure, the value computed from its parts, and every figure involved.
A rule yields nothing when the document has nothing it can check (no total, or no parts).
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator, Sequence

from pipeline.audit.figures import attr, group, of_kind, position, same_text, year_of, years_match
from pipeline.audit.quantities import Quantity, from_figure, percent_ratio, total
from pipeline.audit.registry import Check, rule
from pipeline.audit.table_rules import cell_refs, column_gaps
from pipeline.extract.money import DONOR
from pipeline.model import Document, Figure, MatchStatus, RecipientType, Row, RowKind, Table
from pipeline.tables.interpret import row_number
from pipeline.tables.vocabulary import MEANINGS
from pipeline.numbers import parse_number
from pipeline.text import match_form

LEVEL_EN = {"all": "all levels"}
LEVEL_VI = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã", "all": "các cấp"}


def year_words(year: int | None, plan: bool) -> tuple[str, str]:
    en = f"{year}" if year is not None else "(year not stated)"
    vi = f"năm {year}" if year is not None else "(không rõ năm)"
    return (f"{en} plan", f"kế hoạch {vi}") if plan else (en, vi)


def parts_check(doc: Document, claim: Figure, parts: list[Figure], subject: tuple[str, str], *,
                 missing: Sequence[str] = ()) -> Check:
    """A claimed total against the sum of its parts; unverifiable when a part is missing or unreadable."""
    claimed = from_figure(claim)
    terms = [from_figure(p) for p in parts]
    unreadable = [p for p, q in zip(parts, terms) if q is None]
    check = Check(
        subject=subject[0], subject_vi=subject[1], claimed=claimed,
        computed=total(terms) if terms and not unreadable else None,
        figures=[(doc.doc_id, claim)] + [(doc.doc_id, p) for p in parts],
        basis="sum", terms=[q for q in terms if q is not None],
    )
    if missing:
        check.reason, check.reason_detail = "missing_part", ", ".join(missing)
    elif unreadable:
        check.reason, check.reason_detail = "no_value", ", ".join(p.label or p.id for p in unreadable)
    return check


def _award_subject(rt: str, level: str | None, year: int | None) -> tuple[str, str]:
    lv = level or "unstated"
    return (
        f"awards to {rt}, {LEVEL_EN.get(lv, lv + ' level')}{f', {year}' if year else ''}",
        f"khen thưởng {rt} {LEVEL_VI.get(lv, lv)}{f' năm {year}' if year else ''}",
    )


@rule("awards_sum_issuers", code="A201",
      en="An award total (tập thể / cá nhân / hộ gia đình) at a level equals the sum of that level's awards by issuer.",
      vi="Tổng số khen thưởng (tập thể / cá nhân / hộ gia đình) của một cấp bằng tổng theo từng cơ quan khen thưởng.")
def awards_sum_issuers(doc: Document) -> Iterator[Check]:
    for claim in of_kind(doc, "award_total"):
        level = attr(claim, "level")
        if level in (None, "all"):  # without a level, which awards it sums is unknown
            continue
        parts = [
            f for f in of_kind(doc, "award_count")
            if attr(f, "level") == level and same_text(attr(f, "recipient_type"), attr(claim, "recipient_type"))
            and attr(f, "recipient_type") and years_match(f, claim)
        ]
        if parts:  # parts read from a table that lost a row cannot prove the total wrong
            yield parts_check(doc, claim, parts, _award_subject(attr(claim, "recipient_type", "?"), level, year_of(claim)),
                              missing=column_gaps(doc, parts))


@rule("awards_sum_levels", code="A202",
      en="A whole-area award total equals the sum of the levels (province + district ...): each level's stated total, "
         "else the sum of its awards.",
      vi="Tổng khen thưởng toàn địa bàn bằng tổng các cấp (tỉnh + huyện ...): tổng đã nêu của từng cấp, "
         "nếu không có thì cộng các khen thưởng của cấp đó.")
def awards_sum_levels(doc: Document) -> Iterator[Check]:
    for claim in of_kind(doc, "award_total"):
        if attr(claim, "level") != "all":
            continue
        rt = attr(claim, "recipient_type")

        def matches(f: Figure) -> bool:  # a total of every recipient ("all") sums the awards of every type
            ft = attr(f, "recipient_type")
            every = rt == RecipientType.ALL and ft != RecipientType.ALL
            return bool(ft) and (same_text(ft, rt) or every) and years_match(f, claim)

        counts = {f.id for f in of_kind(doc, "award_count")}
        parts: list[Figure] = []
        level_totals = [f for f in of_kind(doc, "award_total") if attr(f, "level") not in (None, "all") and matches(f)]
        levels = {attr(f, "level") for f in level_totals}
        parts += level_totals
        # (not the parts of another count: "35 cá nhân (12 cá nhân ..., 23 cá nhân ...)")
        own = [f for f in of_kind(doc, "award_count") if attr(f, "part_of") not in counts]
        parts += [f for f in own if attr(f, "level") not in (None, "all", *levels) and matches(f)]
        unknown = [f for f in own if attr(f, "level") is None and matches(f)]
        if parts:
            subject = _award_subject(rt or "?", "all", year_of(claim))
            check = parts_check(doc, claim, parts, subject)
            if unknown and check.computed is not None and check.claimed is not None \
                    and check.computed.nominal != check.claimed.nominal:
                # awards whose level the text does not give (an issuer OCR cut off): the level the sum lacks when
                # with them it adds up
                whole = parts_check(doc, claim, parts + unknown, subject)
                if whole.computed is not None and whole.computed.nominal == whole.claimed.nominal:
                    check = whole
            yield check


@rule("awards_breakdown", code="A204",
      en="An award total equals the sum of the awards its sentence breaks it down into (trong đó: ...), or that "
         "its paragraph lists before it sums (Tổng số được khen thưởng là ...).",
      vi="Tổng khen thưởng bằng tổng các khen thưởng được nêu chi tiết ngay sau nó (trong đó: ...), hoặc được nêu "
         "trước nó trong đoạn mà nó cộng lại (Tổng số được khen thưởng là ...).")
def awards_breakdown(doc: Document) -> Iterator[Check]:
    for claim in of_kind(doc, "award_total"):
        parts = [f for f in of_kind(doc, "award_count") if attr(f, "part_of") == claim.id]
        if len(parts) >= 2:
            yield parts_check(doc, claim, parts, _award_subject(attr(claim, "recipient_type", "?"),
                                                                attr(claim, "level") or "all", year_of(claim)))


@rule("awards_listed", code="A203",
      en="The number of recipients a list heading states (Tập thể (07): ...) equals the items the list names.",
      vi="Số đối tượng nêu ở đầu danh sách (Tập thể (07): ...) bằng số đối tượng được liệt kê.")
def awards_listed(doc: Document) -> Iterator[Check]:
    for f in of_kind(doc, "award_list", "award_count"):  # a count given before a numbered list of its type too
        listed = attr(f, "listed")
        if isinstance(listed, int):
            rt = attr(f, "recipient_type", "")
            yield Check(subject=f"{rt} listed", subject_vi=f"danh sách {rt}", claimed=from_figure(f),
                        computed=Quantity.exact(float(listed)), figures=[(doc.doc_id, f)], basis="listed")


_TYPE_WORDS = {"tap the": RecipientType.COLLECTIVE, "ca nhan": RecipientType.INDIVIDUAL,
               "ho gia dinh": RecipientType.HOUSEHOLD}
_TYPE_WORD = re.compile(r"\b(?:tap the|ca nhan|ho gia dinh)\b")
_PERSON_HEADER = re.compile(r"\bho (?:va )?ten\b")
_AWARD_LIST = re.compile(r"\bdanh sach kem theo\b|\bdanh sach\b[^\n]{0,60}\b(?:khen thuong|duoc tang)\b|"
                         r"^\W*kem theo quyet dinh\b|\(danh sach (?:so )?\d{1,2}\)", re.MULTILINE)


def _listed_by_type(table: Table, by_header: bool = False) -> dict[str, tuple[Row, list[Row]]]:
    """A list of recipients (a column of names; sections ``I | Tập thể``, ``II | Cá nhân``): each recipient type's
    section row and the numbered rows under it. ``by_header``: a list without sections is of the one type its
    name column's header names (its header row for the section)."""
    if table.column("person_name") is None or table.column("stt") is None:
        return {}
    out: dict[str, tuple[Row, list[Row]]] = {}
    current = None
    if by_header and not any(r.kind == RowKind.SECTION for r in table.rows):
        # a list of one type: its name column's header says which (``Tên tập thể``; ``Họ và tên``: persons)
        col = table.column("person_name")
        header = match_form(col.header or "")
        types = {_TYPE_WORDS[w] for w in _TYPE_WORD.findall(header)} or (
            {RecipientType.INDIVIDUAL} if _PERSON_HEADER.search(header) else set())
        head = next((r for r in table.rows if r.kind == RowKind.HEADER), None)
        if len(types) == 1 and head is not None:
            rows = [r for r in table.rows if r.kind == RowKind.DATA and row_number(table, r) is not None]
            return {types.pop(): (head, rows)}
        return {}
    for row in table.rows:
        if row.kind == RowKind.SECTION:
            types = {_TYPE_WORDS[w] for w in _TYPE_WORD.findall(match_form(row.label or ""))}
            if not types and current is not None:
                continue  # the section's own header lines read as rows ("STT | Họ và tên ..." under "II. CÁ NHÂN")
            current = None
            if len(types) == 1 and (rt := types.pop()) not in out:
                current = out[rt] = (row, [])
        elif row.kind == RowKind.DATA and current is not None and row_number(table, row) is not None:
            current[1].append(row)
    return out


_COUNT_OF_TYPE = re.compile(r"(?<![\d.,])(\d{1,4})\s+(tap the|ca nhan|ho gia dinh)\b")
INTRO_LINES = 2  # lines above a list table that introduce it
LIST_TITLE_LINES = 4  # lines above a list table that may title it ("Danh sách 1", "CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN ...")
_LIST_NUMBER = re.compile(r"\bdanh sach (?:so )?(\d{1,2})\b")


def _list_number(doc: Document, fig: Figure) -> str | None:
    """The list an award count refers to after it on its line (``cho 06 cá nhân (Danh sách 2)``)."""
    m = _LIST_NUMBER.search(match_form(doc.line(fig.span.page, fig.span.line).best)[fig.span.start:])
    return m.group(1) if m else None


def _lines_above(doc: Document, table: Table, n: int) -> list[str]:
    """The last ``n`` lines with text above a table on its first page."""
    first = next((c.span for r in table.rows for c in r.cells if c.span is not None), None)
    page = next((p for p in doc.pages if first is not None and p.number == first.page), None)
    if page is None:
        return []
    return [ln.best for ln in page.lines if ln.number < first.line and ln.best.strip()][-n:]


def _introduced_with_another_count(doc: Document, table: Table, rt: str, count) -> bool:
    """The lines just above a list table name another count of its recipient type than the decision's: the table
    lists those (a part), not every recipient."""
    above = _lines_above(doc, table, INTRO_LINES)
    counts = [int(m.group(1)) for t in above for m in _COUNT_OF_TYPE.finditer(match_form(t))
              if _TYPE_WORDS[m.group(2)] == rt]
    return bool(counts) and counts[-1] != count


@rule("awards_vs_list_table", code="A205",
      en="The recipients of one type a decision (or report) counts equal the rows of that type in its list "
         "(danh sách kèm theo: I. Tập thể, II. Cá nhân).",
      vi="Số tập thể, cá nhân được khen thưởng bằng số dòng của mục tương ứng trong danh sách kèm theo.")
def awards_vs_list_table(doc: Document) -> Iterator[Check]:
    award_list = bool(_AWARD_LIST.search(match_form(doc.best_text)))  # the list the text counts is attached
    for table in doc.tables:
        for rt, (head, rows) in _listed_by_type(table, by_header=award_list).items():
            counts = [f for f in of_kind(doc, "award_count") if attr(f, "recipient_type") == rt
                      and "part_of" not in f.attrs and "table" not in f.attrs]
            if len(counts) > 1:  # several: the one whose list number or award form the nearest title line names
                named = []
                for line in reversed([match_form(t) for t in _lines_above(doc, table, LIST_TITLE_LINES)]):
                    number = _LIST_NUMBER.search(line)
                    named = [f for f in counts if number and _list_number(doc, f) == number.group(1)] or \
                        [f for f in counts if attr(f, "award_form") and match_form(str(attr(f, "award_form"))) in line]
                    if named:
                        break
                counts = named
            if len({f.value for f in counts}) != 1 or len(counts) != 1:
                continue  # none, or several (which one the list names is not known)
            if _introduced_with_another_count(doc, table, rt, counts[0].value):
                continue  # "trong đó có 09 cá nhân ... từ 10 lần trở lên, gồm:" over the table: a list of those
            stt = table.column("stt").index
            yield Check(subject=f"{rt} listed in table {table.id}", subject_vi=f"{rt} trong danh sách (bảng {table.id})",
                        claimed=from_figure(counts[0]), computed=Quantity.exact(float(len(rows))),
                        figures=[(doc.doc_id, counts[0])], basis="listed",
                        cells=cell_refs(table, [(head, stt)] + [(r, stt) for r in rows]))
    if not award_list:
        return
    for rt, items in _numbered_lists(doc).items():  # an attached list in lines: "I. TẬP THỂ" / "1. Trường ...;"
        counts = [f for f in of_kind(doc, "award_count") if attr(f, "recipient_type") == rt
                  and "part_of" not in f.attrs and "table" not in f.attrs]
        if len(counts) != 1 or not items:
            continue
        yield Check(subject=f"{rt} listed", subject_vi=f"{rt} trong danh sách kèm theo", claimed=from_figure(counts[0]),
                    computed=Quantity.exact(float(len(items))), figures=[(doc.doc_id, counts[0])], basis="listed")


_TYPE_HEADING = re.compile(r"^\W*(?:(?:[ivx]{1,4}|[a-d]|\d{1,2})[.)]\s*)?(tap the|ca nhan|ho gia dinh)\W*$")
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,3}\s*[.)]\s+\S")


def _numbered_lists(doc: Document) -> dict[str, list[tuple[int, int]]]:
    """Each recipient type's list written in lines under its heading (``I. TẬP THỂ`` then ``1. Trường THPT ...;``
    ``2. ...``): the (page, line) of its numbered items; a heading a table follows has none here (A205 counts it),
    and a type headed twice is left out."""
    out: dict[str, list[tuple[int, int]]] = {}
    seen: set[str] = set()
    current: str | None = None
    for page in doc.pages:
        for line in page.lines:
            text = match_form(line.best).lower()
            heading = _TYPE_HEADING.match(text)
            if heading:
                rt = _TYPE_WORDS[heading.group(1)]
                current = None if rt in seen else rt
                seen.add(rt)
                if current is not None:
                    out[current] = []
            elif not text.strip():
                continue
            elif current is not None and _NUMBERED_ITEM.match(text):
                out[current].append((page.number, line.number))
            else:
                current = None
    return out


@rule("money_sum_parts", code="A301",
      en="A money total (level 'all') equals the sum of its parts by level.",
      vi="Tổng số tiền (toàn bộ) bằng tổng các phần theo từng cấp.")
def money_sum_parts(doc: Document) -> Iterator[Check]:
    money = [f for f in of_kind(doc, "money") if "table" not in f.attrs and attr(f, "what") != "part"]
    for claim in money:
        if attr(claim, "level") != "all" or attr(claim, "what") == "target":
            continue
        parts: list[Figure] = []
        for level, figs in group([f for f in money if attr(f, "level") not in (None, "all")
                                  and same_text(attr(f, "purpose"), attr(claim, "purpose")) and years_match(f, claim)],
                                 lambda f: attr(f, "level")).items():
            stated = [f for f in figs if attr(f, "what") == "total"]
            parts += stated[:1] or figs  # a level's stated total, else its amounts
        purpose = attr(claim, "purpose", "")
        if len({attr(f, "level") for f in parts}) >= 2:  # (one level's amount alone breaks nothing down: "các cấp đã vận
            # động 2.695,2 triệu đồng" beside "Khối cơ quan, đơn vị cấp tỉnh (843,0 triệu đồng)")
            yield parts_check(doc, claim, parts, (f"money total {purpose}".strip() + " (VND)",
                                                   f"tổng số tiền {purpose}".strip() + " (đồng)"))


# what opens a breakdown of some parts only: "trong đó" (of which) with no "gồm" (made of) or "cụ thể" (in detail)
# (not "trong đó:" opening a list of its items, which lists them all)
_OF_WHICH = re.compile(r"^[^\d]{0,40}?\btrong do\b(?!\s*:)(?![^\d]*\b(?:gom|bao gom|cu the|chi tiet|nhu sau)\b)")


def _words_between(doc: Document, a: Figure, b: Figure) -> str:
    """The match form of the text between two figures of a page (lines joined by a space)."""
    if a.span is None or b.span is None or a.span.page != b.span.page or b.span.line < a.span.line:
        return ""
    page = next((pg for pg in doc.pages if pg.number == a.span.page), None)
    if page is None:
        return ""
    lines = [ln for ln in page.lines if a.span.line <= ln.number <= b.span.line]
    if len(lines) == 1:
        return match_form(lines[0].text[a.span.end:b.span.start]).lower()
    text = " ".join([lines[0].text[a.span.end:]] + [ln.text for ln in lines[1:-1]] + [lines[-1].text[:b.span.start]])
    return match_form(text).lower()


@rule("money_breakdown", code="A302",
      en="A money total equals the sum of the amounts it is broken down into (in brackets, or after gồm: / trong đó).",
      vi="Một tổng số tiền bằng tổng các khoản chi tiết của nó (trong ngoặc, hoặc sau gồm: / trong đó).")
def money_breakdown(doc: Document) -> Iterator[Check]:
    money = of_kind(doc, "money")
    for claim in money:
        parts = [f for f in money if attr(f, "part_of") == claim.id]
        if len(parts) >= 2:  # ("tổng kinh phí 2.480 triệu đồng, trong đó vốn trung ương 1.850 triệu": one of them)
            check = parts_check(doc, claim, parts, ("money total = its breakdown (VND)", "tổng số tiền = các khoản (đồng)"))
            if _OF_WHICH.match(_words_between(doc, claim, min(parts, key=position))):
                check.relation = "ge"  # "286.400 triệu đồng (trong đó thu tiền sử dụng đất 115.000 ..., lệ phí ...)":
                # some of what it holds, named; they may not add up to it, but never exceed it
            yield check


RATE_REACH_LINES = 2  # lines between an award total that names no purpose and an amount each recipient gets


@rule("money_rate_times_count", code="A303",
      en="A money total for awards equals each recipient's amount times the number of recipients of that kind.",
      vi="Tổng tiền thưởng bằng mức thưởng của mỗi đối tượng nhân với số đối tượng được khen thưởng.")
def money_rate_times_count(doc: Document) -> Iterator[Check]:
    money = of_kind(doc, "money")
    rates = [f for f in money if attr(f, "per") and attr(f, "per") != DONOR]  # donors' money: A308
    if not rates:
        return
    counts: dict[str, Figure] = {}
    doubtful: set[str] = set()  # types counted twice, differently, a line or two apart (an OCR-damaged "tập thể, cá
    # nhân" total read as collectives before its parts "(gồm 04 tập thể và 10 cá nhân)"): which is meant is unknown
    for f in of_kind(doc, "award_count"):
        t = str(attr(f, "recipient_type"))
        first = counts.setdefault(t, f)  # the first count of each kind of recipient
        if first is not f and first.value != f.value and first.span is not None and f.span is not None \
                and first.span.page == f.span.page and 0 <= f.span.line - first.span.line <= 1 and "table" not in f.attrs:
            doubtful.add(t)
    for f in of_kind(doc, "award_total"):  # "Tặng Giấy khen cho 06 tập thể và 15 cá nhân": where no count by form
        counts.setdefault(str(attr(f, "recipient_type")), f)
    firsts: dict[str, Figure] = {}
    for r in rates:  # one amount per kind of recipient: the article's (a list's "447.000 đồng/tập thể" restates it)
        firsts.setdefault(str(attr(r, "per")), r)
    per_rate = [(r, [counts.get(t.strip()) for t in str(attr(r, "per")).split(";")]) for r in firsts.values()]
    covered = {t.strip() for r in rates for t in str(attr(r, "per")).split(";")}
    for claim in money:
        if attr(claim, "what") != "total" or attr(claim, "per") or attr(claim, "purpose") not in (None, "khen thưởng"):
            continue
        if attr(claim, "purpose") is None and not any(r.span.page == claim.span.page and
                                                      abs(r.span.line - claim.span.line) <= RATE_REACH_LINES
                                                      for r in rates):
            continue  # "Tổng số thực chi năm 2023 là 92.300.000 đồng" paragraphs away from the awards: a budget's
        check = Check(subject="award money total = amount per recipient x recipients",
                      subject_vi="tổng tiền thưởng = mức thưởng x số đối tượng", claimed=from_figure(claim),
                      computed=None, figures=[(doc.doc_id, claim)], basis="rate_times_count")
        own = _rate_of_subtotal(doc, claim, rates)
        chosen = per_rate
        if own is not None:  # one type's total: its amount times the count of that type its line gives before it
            near = [[next((c for c in reversed(of_kind(doc, "award_count", "award_total"))
                           if attr(c, "recipient_type") == t.strip()
                           and (c.span.page, c.span.line) == (own.span.page, own.span.line) and c.span.end <= own.span.start),
                          counts.get(t.strip())) for t in str(attr(own, "per")).split(";")]]
            chosen = [(own, near[0])]
        if any(c is not None and str(attr(c, "recipient_type")) in doubtful for _, cs in chosen for c in cs):
            continue
        missing = [t for r, cs in chosen for t, c in zip(str(attr(r, "per")).split(";"), cs) if c is None]
        uncounted = [t for t in counts if t not in covered] if own is None else []
        if missing or uncounted:
            check.reason, check.reason_detail = "missing_part", ", ".join(t.strip() for t in missing + uncounted)
            yield check
            continue
        terms = []
        for r, cs in chosen:
            n = sum(int(c.value) for c in cs)
            terms.append(Quantity.exact(float(r.value) * n))
            check.figures += [(doc.doc_id, r)] + [(doc.doc_id, c) for c in cs]
        check.terms, check.computed = terms, total(terms)
        yield check


# between an amount per recipient and a total right after it: "mỗi tập thể 400.000 đồng (tổng 4.400.000 đồng)"
_SUBTOTAL_BETWEEN = re.compile(r"^\s*(?:dong|d)?\s*[(,:]?\s*(?:tong(?: cong)?(?: so tien)?|thanh tien|cong)\s*(?:la)?\s*:?\s*$")


def _rate_of_subtotal(doc: Document, claim: Figure, rates: list[Figure]) -> Figure | None:
    """The amount per recipient a money total follows at once on its line (``mỗi tập thể 400.000 đồng (tổng
    4.400.000 đồng)``): the total is that type's alone; None for a total of every type."""
    same = [r for r in rates if (r.span.page, r.span.line) == (claim.span.page, claim.span.line)
            and r.span.end <= claim.span.start]
    if not same:
        return None
    rate = max(same, key=lambda r: r.span.end)
    between = match_form(doc.line(claim.span.page, claim.span.line).best)[rate.span.end:claim.span.start]
    if not _SUBTOTAL_BETWEEN.match(between):
        return None
    # in brackets, or the only amount each of its sentence; after several ("mỗi tập thể 500.000 đồng, mỗi cá nhân
    # 300.000 đồng, tổng cộng 3.600.000 đồng") a total of them all
    text = match_form(doc.line(claim.span.page, claim.span.line).best)
    sentence_start = text.rfind(". ", 0, claim.span.start) + 1
    alone = not [r for r in same if r is not rate and r.span.start >= sentence_start]
    return rate if "(" in between or alone else None


@rule("money_per_donor", code="A308",
      en="A money total in the sentence that gives each donor's amount (mỗi người hiến máu ... 30.000 đồng, tổng số "
         "tiền 2.220.000 đồng) equals that amount times the donors of the period (one unit of blood each).",
      vi="Tổng số tiền trong câu nêu mức cho mỗi người hiến máu bằng mức đó nhân số người hiến máu của kỳ báo cáo "
         "(mỗi người một đơn vị máu).")
def money_per_donor(doc: Document) -> Iterator[Check]:
    money = sorted(of_kind(doc, "money"), key=position)
    for k, rate in enumerate(money):
        if attr(rate, "per") != DONOR or rate.span is None:
            continue
        total_fig = next((f for f in money[k + 1:] if f.span is not None
                          and f.span.page == rate.span.page and 0 <= f.span.line - rate.span.line <= 2
                          and (attr(f, "what") == "total" and not _sentence_between(doc, rate, f)
                               or _NAMED_TOTAL.search(match_form(doc.line(f.span.page, f.span.line).text[:f.span.start]))
                               and attr(f, "purpose") == attr(rate, "purpose"))), None)
        if total_fig is None or any(attr(f, "per") == DONOR and f is not rate for f in money
                                    if f.span is not None and f.span.page == total_fig.span.page
                                    and 0 <= total_fig.span.line - f.span.line <= 2 and position(f) < position(total_fig)):
            continue  # (two amounts each, "hỗ trợ 200.000 đồng và ... quà trị giá 100.000 đồng": their total is both's)
        donors = _period_donors(doc)
        if donors is None:
            continue
        r, n = from_figure(rate), from_figure(donors)
        if r is None or n is None:
            continue
        yield Check(subject="money total = each donor's amount x donors",
                    subject_vi="tổng số tiền = mức mỗi người hiến máu x số người hiến máu",
                    claimed=from_figure(total_fig), computed=Quantity.exact(r.nominal * n.nominal),
                    figures=[(doc.doc_id, total_fig), (doc.doc_id, rate), (doc.doc_id, donors)],
                    basis="rate_times_count", terms=[Quantity.exact(r.nominal * n.nominal)])


# the sentence after the amount each donor gets that names its total ("Tổng số tiền hỗ trợ ... là 78.900.000 đồng")
_NAMED_TOTAL = re.compile(r"\btong (?:so )?(?:tien|kinh phi)\b[^.;:\d]{0,80}$", re.I)


def _sentence_between(doc: Document, a: Figure, b: Figure) -> bool:
    """A sentence ends between two figures of one page (``... 12.510.000 đồng. Chủ tịch ... 12.636.000``)."""
    lines = doc.pages[a.span.page - 1].lines[a.span.line - 1:b.span.line]
    text = "\n".join(ln.text for ln in lines)  # span offsets are in the lines as read
    start, end = a.span.end, sum(len(ln.text) + 1 for ln in lines[:-1]) + b.span.start
    return bool(re.search(r"\.\s", text[start:end]))


def _period_donors(doc: Document) -> Figure | None:
    """The donors of the report's period: those who gave (a screening count), else its units received (one each),
    when the text gives one value."""
    year = doc.identity.report_year
    for kinds in (("screening",), ("units_received",), ("participants",)):
        own = [f for f in of_kind(doc, *kinds) if year_of(f) == year and not f.attrs.get("about")
               and "part_of" not in f.attrs and f.attrs.get("drive_no") is None and not f.attrs.get("plan")
               and "table" not in f.attrs and (f.kind != "screening" or f.attrs.get("step") == "gave")]
        if own and len({f.value for f in own}) == 1:
            return own[0]
        if own and kinds == ("units_received",):
            return None  # amounts received the text does not tell apart: people counted otherwise (those who came to
            # register, "412 lượt người đến đăng ký") are no count of donors
    return None


@rule("money_in_words", code="A304",
      en="An amount written in digits equals the amount its words in brackets say.",
      vi="Số tiền viết bằng số bằng số tiền viết bằng chữ trong ngoặc.")
def money_in_words(doc: Document) -> Iterator[Check]:
    yield from _in_words(doc, of_kind(doc, "money"), ("amount in digits = amount in words", "số tiền bằng số = bằng chữ"))


def _in_words(doc: Document, figures, subject: tuple[str, str]) -> Iterator[Check]:
    """A figure's digits against the number its words say (``in_words``)."""
    for f in figures:
        words = attr(f, "in_words")
        if isinstance(words, int):
            yield Check(subject=subject[0], subject_vi=subject[1], claimed=from_figure(f),
                        computed=Quantity.exact(float(words)), figures=[(doc.doc_id, f)], basis="in_words")


@rule("count_in_words", code="A305",
      en="A count written in words and again in digits in the brackets after them (một trăm sáu mươi tư đơn vị máu "
         "(164 đơn vị)) is the same number both ways.",
      vi="Số viết bằng chữ và viết lại bằng số trong ngoặc ngay sau phải là một số.")
def count_in_words(doc: Document) -> Iterator[Check]:
    yield from _in_words(doc, [f for f in doc.figures if f.kind != "money"],
                         ("number in digits = number in words", "số viết bằng số = bằng chữ"))


_SUBTOTAL_BEFORE = re.compile(r"(?:^|[\s\-+*•.)])cong\s*:?\s*$")  # "   Cộng: 14.300.000 đồng"
_TOTAL_BEFORE = re.compile(r"\btong (?:so |cong )?(?:tien|kinh phi)\b[^:\d]{0,30}:?\s*$|\btong cong\s*:?\s*$")


@rule("money_subtotals", code="A306",
      en="A money total written after two or more subtotals (Cộng: ...) equals their sum.",
      vi="Tổng số tiền ghi sau hai khoản cộng trở lên bằng tổng các khoản cộng đó.")
def money_subtotals(doc: Document) -> Iterator[Check]:
    subtotals: list[Figure] = []
    for f in sorted(of_kind(doc, "money"), key=position):
        if "table" in f.attrs:
            continue
        page = doc.pages[f.span.page - 1] if 0 < f.span.page <= len(doc.pages) else None
        if page is None or not 0 < f.span.line <= len(page.lines):
            continue  # a figure with no line of its own (built, not read)
        before = match_form(page.lines[f.span.line - 1].text[:f.span.start])
        if _SUBTOTAL_BEFORE.search(before):
            subtotals.append(f)
        elif _TOTAL_BEFORE.search(before) and len(subtotals) >= 2:
            yield parts_check(doc, f, subtotals, ("money total = its subtotals (VND)", "tổng số tiền = các khoản cộng (đồng)"))
            subtotals = []


_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_WRITTEN_PRODUCT = re.compile(_NUMBER + r"[^\d=x×;]{0,20}?\s[x×]\s*" + _NUMBER + r"\s*(?:dong|d|vnd)?\s*=\s*" + _NUMBER)
# "09 (chín) người, mỗi người 300.000 đồng, thành tiền 2.700.000 đồng": a count, the amount each, and their product
_EACH = r"(?:nguoi|tap the|ca nhan|ho(?: gia dinh)?|suat(?: qua)?|phan qua|doi|xa|don vi)\b"
# (who they are may stand between: "37 suất quà cho người hiến máu từ 5 lần trở lên, mỗi suất trị giá 200.000 đồng, tổng
# trị giá 7.400.000 đồng")
_EACH_PRODUCT = re.compile(_NUMBER + r"(?:\s*\([^()\d]{1,30}\))?\s+" + _EACH + r"(?:(?!\bmoi\b)[^;.]){0,60}?,?\s*moi\s+"
                           + _EACH + r"[^;\d]{0,25}?" + _NUMBER + r"\s*(?:dong|d|vnd)\b[^;\d]{0,6}?,?\s*(?:thanh tien|"
                           r"tong(?: so tien| cong| kinh phi| tri gia)?|cong)\s*(?:la\s*)?:?\s*" + _NUMBER)


@rule("written_product", code="A307",
      en="A product written out in the text (03 tập thể x 2.600.000 đồng = 7.800.000 đồng; 09 người, mỗi người "
         "300.000 đồng, thành tiền 2.700.000 đồng) is right.",
      vi="Phép nhân viết trong văn bản (03 tập thể x 2.600.000 đồng = 7.800.000 đồng; 09 người, mỗi người 300.000 "
         "đồng, thành tiền 2.700.000 đồng) phải đúng.")
def written_product(doc: Document) -> Iterator[Check]:
    money = of_kind(doc, "money")
    for page in doc.pages:
        for k, line in enumerate(page.lines):
            form = match_form(line.text)
            nxt = page.lines[k + 1] if k + 1 < len(page.lines) else None
            # a product a line wrapped ("14 cá nhân x" / "1.490.000 đồng = 20.680.000 đồng"): on the two lines joined,
            # the ones that end on the next line (the product's amount is that line's figure)
            joined = form + " " + match_form(nxt.text) if nxt is not None else form
            found = [(m, line, m.start(3)) for m in [*_WRITTEN_PRODUCT.finditer(form), *_EACH_PRODUCT.finditer(form)]]
            found += [(m, nxt, m.start(3) - len(form) - 1) for m in [*_WRITTEN_PRODUCT.finditer(joined),
                                                                     *_EACH_PRODUCT.finditer(joined)]
                      if m.start() < len(form) < m.start(3)]
            for m, at, start in found:
                a, b, c = (parse_number(g) for g in m.groups())
                if not all(isinstance(v, int) for v in (a, b, c)):
                    continue
                product = next((f for f in money if f.span.page == page.number and f.span.line == at.number
                                and f.value == c and f.span.start >= start - 1), None)
                if product is None:
                    continue
                yield Check(subject="amount = count x amount each", subject_vi="thành tiền = số lượng x mức",
                            claimed=from_figure(product), computed=Quantity.exact(float(a * b)), basis="product",
                            terms=[Quantity.exact(float(a)), Quantity.exact(float(b))], figures=[(doc.doc_id, product)])


@rule("points_change", code="A310",
      en="A rate's rise or fall in percentage points written with the two rates it is between (84,0% (năm 2017 là "
         "87,5%), giảm 3,5 điểm phần trăm; tăng từ 34,7% lên 40,8%, 6,1 điểm) equals their difference.",
      vi="Mức tăng/giảm theo điểm phần trăm của một tỷ lệ, ghi cùng hai tỷ lệ, bằng hiệu của hai tỷ lệ đó.")
def points_change(doc: Document) -> Iterator[Check]:
    for change in of_kind(doc, "points_change"):
        was, now = attr(change, "rate_from"), attr(change, "rate_to")
        if not isinstance(was, (int, float)) or not isinstance(now, (int, float)):
            continue
        a, b = (now, was) if attr(change, "direction") == "rise" else (was, now)
        yield Check(subject="change in percentage points = difference of the rates",
                    subject_vi="mức tăng/giảm (điểm phần trăm) = hiệu hai tỷ lệ", claimed=from_figure(change),
                    computed=Quantity.exact(float(a - b)), basis="difference",
                    terms=[Quantity.exact(float(a)), Quantity.exact(float(b))], figures=[(doc.doc_id, change)])


@rule("money_change", code="A311",
      en="An amount's rise or fall written in money and in percent (8.915 triệu đồng, tăng 1.375 triệu đồng (16,7%)) "
         "agree: the percent is the change over the amount before it.",
      vi="Mức tăng/giảm của một số tiền ghi bằng tiền và bằng % phải khớp: % bằng mức tăng/giảm chia cho số trước đó.")
def money_change(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    for pct in of_kind(doc, "money_change_percent"):
        of, change, then = by_id.get(attr(pct, "of")), by_id.get(attr(pct, "change")), by_id.get(attr(pct, "before_of"))
        now, diff = (from_figure(of) if of else None), (from_figure(change) if change else None)
        if now is not None and diff is None and then is not None and (before := from_figure(then)) is not None:
            # the amount before given instead of the change: the change is the difference (a fall's taken as it is)
            diff = total([now, before.negated()]) if attr(pct, "direction") == "rise" else total([before, now.negated()])
            yield Check(subject="change in percent = (amount - amount before) / amount before",
                        subject_vi="tăng/giảm (%) = (số sau - số trước) / số trước",
                        claimed=from_figure(pct), computed=percent_ratio(diff, before), basis="rate", terms=[diff, before],
                        figures=[(doc.doc_id, pct), (doc.doc_id, of), (doc.doc_id, then)])
            continue
        if now is None and diff is not None and then is not None and (before := from_figure(then)) is not None:
            # "so với năm 2022 (2.176.300.000 đồng) tăng 272.150.000 đồng, tương đương tăng 12,5%"
            yield Check(subject="change in percent = change / amount before", subject_vi="tăng/giảm (%) = mức tăng/giảm / số trước",
                        claimed=from_figure(pct), computed=percent_ratio(diff, before), basis="rate", terms=[diff, before],
                        figures=[(doc.doc_id, pct), (doc.doc_id, change), (doc.doc_id, then)])
            continue
        if now is None or diff is None:
            continue
        before = total([now, diff.negated()]) if attr(pct, "direction") == "rise" else total([now, diff])
        yield Check(subject="change in percent = change / amount before", subject_vi="tăng/giảm (%) = mức tăng/giảm / số trước",
                    claimed=from_figure(pct), computed=percent_ratio(diff, before), basis="rate", terms=[diff, before],
                    figures=[(doc.doc_id, pct), (doc.doc_id, of), (doc.doc_id, change)])


@rule("money_difference", code="A314",
      en="An amount's rise or fall in money written with the amount before it in brackets (27.480 triệu đồng, giảm 6.345 "
         "triệu đồng so với năm 2022 (33.915 triệu đồng)) is the difference of the two amounts.",
      vi="Mức tăng/giảm của một số tiền, ghi cùng số tiền kỳ trước trong ngoặc, bằng hiệu của hai số tiền.")
def money_difference(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    for change in of_kind(doc, "money"):
        now, then = by_id.get(attr(change, "change_of")), by_id.get(attr(change, "change_from"))
        if now is None or then is None:
            continue
        a, b = from_figure(now), from_figure(then)
        if a is None or b is None:
            continue
        big, small = (a, b) if attr(change, "direction") == "rise" else (b, a)
        yield Check(subject="change of an amount = amount - amount before",
                    subject_vi="mức tăng/giảm = số tiền - số tiền kỳ trước", claimed=from_figure(change),
                    computed=total([big, small.negated()]), basis="difference", terms=[big, small],
                    figures=[(doc.doc_id, change), (doc.doc_id, now), (doc.doc_id, then)])


@rule("money_each_times_count", code="A315",
      en="A money total written with what each one got (46 hộ ... mỗi hộ 3.500.000 đồng, tổng số tiền là 164,5 triệu "
         "đồng) equals that amount times how many the text counted right before by the same noun.",
      vi="Tổng số tiền ghi cùng mức cho mỗi đối tượng bằng mức đó nhân số đối tượng nêu ngay trước (cùng danh từ).")
def money_each_times_count(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    for whole in of_kind(doc, "money"):
        rate, n = by_id.get(attr(whole, "each")), attr(whole, "each_count")
        if rate is None or not isinstance(n, int) or (r := from_figure(rate)) is None:
            continue
        yield Check(subject="money total = amount each x count", subject_vi="tổng số tiền = mức mỗi đối tượng x số đối tượng",
                    claimed=from_figure(whole), computed=Quantity.exact(r.nominal * n), basis="product",
                    terms=[Quantity.exact(float(n)), r], figures=[(doc.doc_id, whole), (doc.doc_id, rate)])


@rule("count_plan_rate", code="A313",
      en="A count set against its plan in one sentence (295 lượt người trên kế hoạch được giao là 270 lượt, vượt 9,3%) "
         "reaches the rate written: đạt/bằng is the count over the plan, vượt the excess over it.",
      vi="Số thực hiện so với kế hoạch nêu trong cùng câu phải khớp tỷ lệ ghi: đạt/bằng là số thực hiện chia kế hoạch, "
         "vượt là phần vượt so với kế hoạch.")
def count_plan_rate(doc: Document) -> Iterator[Check]:
    for pct in of_kind(doc, "count_plan_rate"):
        count, plan = attr(pct, "count"), attr(pct, "plan_count")
        cells: list[str] = []
        if plan is None and isinstance(count, (int, float)) and (beside := _plan_beside_in_a_table(doc, count)):
            plan, cells = beside  # "146 lao động ..., đạt 29,2% kế hoạch năm" over a table's total row
        if not isinstance(count, (int, float)) or not isinstance(plan, (int, float)) or plan <= 0:
            continue
        part, whole = Quantity.exact(float(count)), Quantity.exact(float(plan))
        if attr(pct, "exceeds"):
            part = Quantity.exact(float(count) - float(plan))
        yield Check(subject="rate of plan = count / plan" if not attr(pct, "exceeds") else "excess over plan = (count - plan) / plan",
                    subject_vi="tỷ lệ so với kế hoạch = thực hiện / kế hoạch" if not attr(pct, "exceeds")
                    else "tỷ lệ vượt = (thực hiện - kế hoạch) / kế hoạch",
                    claimed=from_figure(pct), computed=percent_ratio(part, whole), basis="rate", terms=[part, whole],
                    figures=[(doc.doc_id, pct)], cells=cells)


def _plan_beside_in_a_table(doc: Document, count: float) -> tuple[float, list[str]] | None:
    """The plan a report's table gives beside a count the text sets against an unwritten plan: the quota cell of the
    one total row holding that count in another additive column of a table with a quota column; None unless one."""
    found: dict[float, list[str]] = {}
    for table in doc.tables:
        quotas = [c.index for c in table.columns if c.meaning == "quota"]
        if not quotas:
            continue
        for row in table.total_rows():
            held = next((c for c in row.cells if c.col not in quotas and c.value is not None and c.col < len(table.columns)
                         and float(c.value) == float(count) and (m := MEANINGS.get(table.columns[c.col].meaning or ""))
                         is not None and m.additive and not m.percent), None)
            # the plan of its group: the nearest quota column before it ("Trong đó: XKLĐ / KH năm | TH 6 tháng")
            at = max((q for q in quotas if held is not None and q < held.col), default=quotas[0])
            plan = row.cell(at)
            if held is not None and plan is not None and plan.value is not None:
                found[float(plan.value)] = cell_refs(table, [(row, at), (row, held.col)])
    return next(iter(found.items())) if len(found) == 1 else None


@rule("count_change", code="A312",
      en="A count's rise or fall written with the count before it and in percent (So với năm 2022 (4.012 đối tượng), "
         "... tăng 203 người, tương ứng 5,1%) agree: the percent is the change over the count before.",
      vi="Mức tăng/giảm của một số lượng ghi kèm số trước đó và tỷ lệ % phải khớp: % bằng mức tăng/giảm chia cho số "
         "trước đó.")
def count_change(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    for pct in of_kind(doc, "count_change_percent"):
        change, before, after = by_id.get(attr(pct, "change")), attr(pct, "before"), attr(pct, "after")
        diff = from_figure(change) if change is not None else None
        if change is None and isinstance(after, (int, float)) and isinstance(before, (int, float)):
            # "là 214 người, tăng 17,5% so với năm 2022 (185 người)": the change is the two counts' difference
            diff = Quantity.exact(float(after - before if attr(pct, "direction") == "rise" else before - after))
        if diff is None or not isinstance(before, (int, float)) or before <= 0:
            continue  # (an amount with decimals too: "(1.672,1 ha) tăng 102,5 ha, tức là tăng 6,8%")
        base = Quantity.exact(float(before))
        line = doc.line(pct.span.page, pct.span.line) if pct.span is not None else None
        now = total([base, diff if attr(pct, "direction") == "rise" else diff.negated()])
        ratio = percent_ratio(now, base)
        claimed = from_figure(pct)
        fits = ratio is not None and claimed is not None and ratio.lo - 1e-9 <= claimed.hi and claimed.lo <= ratio.hi + 1e-9
        if isinstance(pct.value, (int, float)) and pct.value >= 100 and (fits or line is not None and _RATIO_WORD.search(
                match_form(line.text[:pct.span.start]).lower())):
            # "tăng 38 đơn vị, bằng 108,2%", "tăng 1.842 con (103,29%)": the count now over the count before, not the
            # change over it
            yield Check(subject="count now in percent of the count before", subject_vi="số nay bằng % số trước đó",
                        claimed=from_figure(pct), computed=percent_ratio(now, base), basis="rate", terms=[now, base],
                        figures=[(doc.doc_id, pct)] + ([(doc.doc_id, change)] if change is not None else []))
            continue
        yield Check(subject="change in percent = change / count before",
                    subject_vi="tăng/giảm (%) = mức tăng/giảm / số trước đó",
                    claimed=from_figure(pct), computed=percent_ratio(diff, base), basis="rate", terms=[diff, base],
                    figures=[(doc.doc_id, pct)] + ([(doc.doc_id, change)] if change is not None else []))


_RATIO_WORD = re.compile(r"\bbang\s*$")  # "..., bằng 108,2%": the ratio of the two counts


@rule("count_share", code="A317",
      en="A count's share of a whole the text counted before it by the same words (1.512 trẻ được sinh ra ...; 1.455 "
         "trẻ, chiếm 98,6% số trẻ sinh ra) equals the count over the whole.",
      vi="Tỷ lệ của một số lượng trên tổng số đã nêu trước đó (cùng tên gọi) bằng số lượng chia tổng số.")
def count_share(doc: Document) -> Iterator[Check]:
    for fig in of_kind(doc, "count_share"):
        part, whole = attr(fig, "part_count"), attr(fig, "whole_count")
        if not isinstance(part, int) or not isinstance(whole, int) or whole <= 0:
            continue
        terms = [Quantity.exact(float(part)), Quantity.exact(float(whole))]
        yield Check(subject=f"share of {attr(fig, 'what')} = count / whole",
                    subject_vi=f"tỷ lệ trên tổng số {attr(fig, 'what')} = số lượng / tổng số",
                    claimed=from_figure(fig), computed=percent_ratio(*terms), basis="rate", terms=terms,
                    figures=[(doc.doc_id, fig)])


@rule("count_change_reached", code="A316",
      en="A count's rise or fall written with the count before it in brackets and the count reached just before "
         "(lên 1.302 trẻ. So với năm 2023 (1.265 trẻ), ... tăng 47 trẻ) equals the difference of the two counts.",
      vi="Mức tăng/giảm của một số lượng ghi kèm số năm trước trong ngoặc và số đạt được nêu ngay trước đó bằng hiệu "
         "hai số đó.")
def count_change_reached(doc: Document) -> Iterator[Check]:
    for change in of_kind(doc, "count_change"):
        before, after = attr(change, "before"), attr(change, "after")
        if not isinstance(before, (int, float)) or not isinstance(after, (int, float)) or "count_change_percent" in {
                f.kind for f in doc.figures if attr(f, "change") == change.id}:
            continue
        decimals = max(_decimals(v) for v in (before, after, change.value))
        moved = round(after - before if attr(change, "direction") == "rise" else before - after, decimals)
        if moved <= 0 or abs(moved - change.value) >= change.value:
            continue  # the count before it the nearest count is not the one compared: it moved the other way or far
        terms = [Quantity.exact(float(after)), Quantity.exact(float(before))]
        yield Check(subject="change = count reached - count before",
                    subject_vi="mức tăng/giảm = số đạt được - số trước đó",
                    claimed=from_figure(change), computed=Quantity.exact(float(moved)), basis="difference",
                    terms=terms, figures=[(doc.doc_id, change)])


def _decimals(v: int | float) -> int:
    return 0 if isinstance(v, int) or float(v).is_integer() else len(repr(float(v)).split(".")[1])


@rule("items_met_listed", code="A407",
      en="Items met out of items assessed (đạt 17/19 tiêu chí) equal the items a numbered list assessing all of them "
         "marks met (Đạt / Chưa đạt).",
      vi="Số nội dung đạt trên tổng số (đạt 17/19 tiêu chí) bằng số nội dung được đánh giá Đạt trong danh sách liệt kê.")
def items_met_listed(doc: Document) -> Iterator[Check]:
    for fig in of_kind(doc, "items_met_stated"):
        listed = attr(fig, "listed")
        if not isinstance(listed, int):
            continue
        yield Check(subject=f"{attr(fig, 'what')} met", subject_vi=f"số {attr(fig, 'what')} đạt",
                    claimed=from_figure(fig), computed=Quantity.exact(float(listed)), basis="listed",
                    figures=[(doc.doc_id, fig)])


@rule("items_left_of_met", code="A410",
      en="Items not yet met (còn 02 tiêu chí chưa đạt) equal the items assessed less those met the text gave before "
         "(đạt 17/19 tiêu chí).",
      vi="Số nội dung chưa đạt (còn 02 tiêu chí chưa đạt) bằng tổng số trừ số đã đạt nêu trước đó (đạt 17/19 tiêu chí).")
def items_left_of_met(doc: Document) -> Iterator[Check]:
    for fig in of_kind(doc, "items_left"):
        whole, met = attr(fig, "total"), attr(fig, "listed")
        if isinstance(whole, int) and isinstance(met, int):
            terms = [Quantity.exact(float(whole)), Quantity.exact(float(met))]
            yield Check(subject=f"{attr(fig, 'what')} not met", subject_vi=f"số {attr(fig, 'what')} chưa đạt",
                        claimed=from_figure(fig), computed=Quantity.exact(float(whole - met)), basis="difference",
                        terms=terms, figures=[(doc.doc_id, fig)])


WRITTEN_SUM = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:don vi|dv|nguoi|ho)?(?:\s*m[aeo]u)?\s*\(\s*"
                         r"((?:\d{1,3}(?:\.\d{3})+|\d+)(?:\s*\+\s*(?:\d{1,3}(?:\.\d{3})+|\d+))+)\s*\)")


def written_sums(doc: Document, fig: Figure) -> list[int] | None:
    """The terms of a sum written in brackets right after a figure (``659 đơn vị (612 + 47)``), or None."""
    if fig.span is None or not 0 < fig.span.page <= len(doc.pages) \
            or not 0 < fig.span.line <= len(doc.pages[fig.span.page - 1].lines):
        return None
    form = match_form(doc.line(fig.span.page, fig.span.line).text)
    for m in WRITTEN_SUM.finditer(form):
        if m.start(1) <= fig.span.start < m.end(1) + 1:
            return [int(t.replace(".", "")) for t in re.split(r"\s*\+\s*", m.group(2))]
    return None


@rule("written_sum", code="A309",
      en="A sum written out in brackets after a figure (659 đơn vị (612 + 47)) is right.",
      vi="Phép cộng viết trong ngoặc sau một số liệu (659 đơn vị (612 + 47)) phải đúng.")
def written_sum(doc: Document) -> Iterator[Check]:
    for f in doc.figures:
        terms = written_sums(doc, f) if isinstance(f.value, int) and "table" not in f.attrs else None
        if terms:
            yield Check(subject="amount = the sum written after it", subject_vi="số liệu = phép cộng viết sau nó",
                        claimed=from_figure(f), computed=Quantity.exact(float(sum(terms))), basis="sum",
                        terms=[Quantity.exact(float(t)) for t in terms], figures=[(doc.doc_id, f)])


def _coverage_words(fig: Figure) -> tuple[str, str]:
    unit = attr(fig, "unit_kind", "") or attr(fig, "what", "")
    return f"coverage {fig.span.raw or fig.value} {unit}".strip(), f"độ bao phủ {fig.span.raw or fig.value} {unit}".strip()


@rule("coverage_within_total", code="A401",
      en="In an x/y coverage (13/13 xã, thị trấn), x is at most y.",
      vi="Trong tỷ lệ x/y (13/13 xã, thị trấn), x không lớn hơn y.")
def coverage_within_total(doc: Document) -> Iterator[Check]:
    for cov in of_kind(doc, "coverage"):
        y = cov.attrs.get("total")
        if isinstance(y, (int, float)) and not isinstance(y, bool):
            en, vi = _coverage_words(cov)
            yield Check(subject=en, subject_vi=vi, claimed=from_figure(cov), computed=Quantity.exact(float(y)),
                        figures=[(doc.doc_id, cov)], basis="total", relation="le")


def _listed_unit_counts(doc: Document) -> set[int]:
    """How many units of the gazetteer each table of the document lists in its rows (of three or more)."""
    counts = set()
    for table in doc.tables:
        n = sum(1 for r in table.data_rows() if r.place_code and r.place_status == MatchStatus.MATCHED)
        if n >= 3:
            counts.add(n)
    return counts


@rule("coverage_vs_gazetteer", code="A402", severity="warning",
      en="The y of an x/y coverage equals the number of such units in the gazetteer on the document date (or at the end "
         "of the past year the report covers).",
      vi="Mẫu số y của tỷ lệ x/y bằng số đơn vị hành chính tương ứng trong danh mục tại ngày văn bản.")
def coverage_vs_gazetteer(doc: Document) -> Iterator[Check]:
    for cov in of_kind(doc, "coverage"):
        y = cov.attrs.get("total")
        if not isinstance(y, (int, float)) or isinstance(y, bool):
            continue
        g = cov.attrs.get("gazetteer_total")
        kind_words = match_form(str(cov.attrs.get("unit_kind") or "")).lower()
        if g is None and kind_words and not re.search(r"\b(?:xa|phuong|thi tran|huyen|quan|thanh pho)\b", kind_words):
            continue  # "07/10 đơn vị": bodies of every kind; "10/14 bản": villages; none the gazetteer counts
        en, vi = _coverage_words(cov)
        check = Check(subject=en + " vs gazetteer", subject_vi=vi + " so với danh mục", claimed=Quantity.exact(float(y)),
                      computed=None, figures=[(doc.doc_id, cov)], basis="gazetteer")
        if isinstance(g, (int, float)) and not isinstance(g, bool):
            if cov.attrs.get("gazetteer_xa_total") == y or cov.attrs.get("gazetteer_period_total") == y:
                g = y  # "16 xã" of a district with 16 xã and a thị trấn: the xã it says; the units of the year reported
            elif y in _listed_unit_counts(doc):
                g = y  # "6/8 xã hoàn thành" of a table of the 8 xã given a quota: the units the report itself lists
            check.computed = Quantity.exact(float(g))
            unit = cov.attrs.get("gazetteer_unit")
            check.other = f"({unit})" if unit else ""
        else:
            check.reason = "no_gazetteer"
        yield check


@rule("coverage_share", code="A404",
      en="The share an x/y count of units is said to be (9/16 xã đạt chuẩn, chiếm 56,3%) equals 100 x / y, rounded "
         "to the decimals written.",
      vi="Tỷ lệ của số đơn vị x/y (9/16 xã, chiếm 56,3%) bằng 100 x / y, làm tròn theo số chữ số thập phân đã viết.")
def coverage_share(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    for share in of_kind(doc, "coverage_percent"):
        cov = by_id.get(share.attrs.get("of"))
        y = cov.attrs.get("total") if cov is not None else None
        if cov is None or not isinstance(y, (int, float)) or isinstance(y, bool) or not y:
            continue
        part, whole = from_figure(cov), Quantity.exact(float(y))
        en, vi = _coverage_words(cov)
        yield Check(subject=en + " share", subject_vi=vi + " (tỷ lệ)", claimed=from_figure(share),
                    computed=percent_ratio(part, whole) if part is not None else None, basis="rate",
                    terms=[t for t in (part, whole) if t is not None],
                    figures=[(doc.doc_id, share), (doc.doc_id, cov)])


@rule("count_breakdown", code="A403",
      en="A count of sessions, points, villages, news items ... equals the sum of the counts of the same thing its "
         "sentence breaks it down into (23 buổi, trong đó 14 buổi tại ... và 9 buổi tại ...).",
      vi="Một số lượng (buổi, điểm, thôn, tin bài ...) bằng tổng các phần cùng loại được nêu chi tiết ngay sau nó "
         "(trong đó: ...).")
def count_breakdown(doc: Document) -> Iterator[Check]:
    by_id = {f.id: f for f in doc.figures}
    parts = group([f for f in of_kind(doc, "count") if f.attrs.get("part_of") in by_id], lambda f: f.attrs["part_of"])
    for whole_id, items in parts.items():
        if len(items) >= 2:
            what = str(attr(items[0], "what", ""))
            yield parts_check(doc, by_id[whole_id], items, (f"{what} = its breakdown", f"số {what} = tổng các phần"))


LISTED_UNITS = 3  # communes named in one sentence that make a list of the district's units


@rule("units_listed_in_subject", code="A405", severity="warning",
      en="Communes a district's report lists in one sentence (three or more, most of them its own, no other district "
         "named there) are all communes of that district on the document's date.",
      vi="Các xã mà báo cáo của một huyện kể trong cùng một câu (từ ba xã trở lên, phần lớn thuộc huyện, không nêu huyện "
         "khác) đều là xã của huyện đó tại ngày văn bản.")
def units_listed_in_subject(doc: Document) -> Iterator[Check]:
    subject = doc.units.subject
    if subject is None or subject.level != "district":
        return
    lines: dict[tuple[int, int], list] = {}
    for p in doc.places:
        lines.setdefault((p.span.page, p.span.line), []).append(p)
    groups = [sentence for (page, line), places in lines.items()
              for sentence in _sentences(doc.line(page, line).best, places)] + _listed_lines(doc, lines)
    for sentence in groups:
        if any(p.level in ("district", "province") and p.code != subject.code for p in sentence):
            continue  # "xã A, xã B (huyện C)": another district named; its communes may be its own
        communes = list({p.code: p for p in reversed(sentence) if p.level == "commune" and p.status == "matched"
                         and p.code}.values())[::-1]  # each once, the first mention
        parents = {p.code: _parent(p) for p in communes}
        inside = [p for p in communes if parents[p.code] == subject.code]
        if len(communes) < LISTED_UNITS or 2 * len(inside) <= len(communes):
            continue
        outside = [p for p in communes if parents[p.code] != subject.code]
        en_names = ", ".join(p.name or p.mention for p in outside)
        yield Check(subject=f"communes listed with {subject.name}'s", subject_vi=f"các xã kể cùng nhau ({subject.name})",
                    claimed=Quantity.exact(float(len(communes))), computed=Quantity.exact(float(len(inside))),
                    figures=[], basis="subject_units",
                    other=subject.name + (f" (not {en_names})" if outside else ""),
                    spans=[p.span for p in (outside or communes)])


_UNIT_START = re.compile(r"^\s*(?:va\s+)?(?:xa|phuong|thi tran|huyen|thi xa|thanh pho)\s")
_LEVEL_OF_KIND = {"xa": "commune", "phuong": "commune", "thi tran": "commune", "huyen": "district"}


NAMES_LINES = 4  # lines under a count of units where the list of its names may run
MAX_NAME_WORDS = 4


def _names_on_next_lines(doc: Document, fig: Figure, rest: str) -> int | None:
    """A count whose sentence runs on past its line, its names bare and capitalised after ``gồm:`` (or ``là:``) on its
    own line or the next ones (``09 xã, ..., gồm:`` over ``Hiệp An, Hiệp Thạnh, ..., Bình Thạnh.``; ``tại 04 xã xa``
    over ``trung tâm huyện, gồm: Pha Mu, Tà Mung, ..., Mường Kim; các xã ...``), to the sentence's ``.`` or ``;``: how
    many names; None for any other list."""
    page = next((pg for pg in doc.pages if pg.number == fig.span.page), None)
    following = [ln for ln in page.lines if fig.span.line < ln.number <= fig.span.line + NAMES_LINES] if page else []
    text, blanks = rest, 0
    for ln in following:
        if _SENTENCE_STOP.search(text):
            break
        if not ln.best.strip():
            blanks += 1
            if blanks > 1:
                break
            continue  # (a blank line a page's scan left inside the sentence)
        text += " " + ln.best.strip()
    stop = _SENTENCE_STOP.search(text)
    return _bare_names(text[:stop.start()] if stop else text) if stop or not following else None


_SENTENCE_STOP = re.compile(r"[.;](?:\s|$)")


@rule("units_named_count", code="A408",
      en="A count of units followed by their names (Có 3 xã ..., gồm: xã A, xã B và xã C) equals the names listed.",
      vi="Số đơn vị nêu trước danh sách tên (Có 3 xã ..., gồm: xã A, xã B và xã C) bằng số tên được kể.")
def units_named_count(doc: Document) -> Iterator[Check]:
    for fig in of_kind(doc, "units_named"):
        level = _LEVEL_OF_KIND.get(match_form(str(attr(fig, "unit_kind"))).lower())
        line = doc.line(fig.span.page, fig.span.line)
        rest = line.best[fig.span.rest_end if line.restored is not None and fig.span.rest_end is not None else fig.span.end:]
        stop = re.search(r"\.\s|\.$", rest)
        if stop is None:
            listed = _names_on_next_lines(doc, fig, rest)
            if listed:  # "09 xã, chiếm 64,3% số xã, gồm:" over lines of bare names: "Hiệp An, Hiệp Thạnh, ..."
                yield Check(subject=f"{attr(fig, 'unit_kind')} named",
                            subject_vi=f"số {attr(fig, 'unit_kind')} được kể tên", claimed=from_figure(fig),
                            computed=Quantity.exact(float(listed)), basis="listed", figures=[(doc.doc_id, fig)])
            continue  # the list runs on past its line: not counted here
        start = len(line.best) - len(rest)
        end = start + stop.start()
        # items set off by ";" each open with their unit's word ("xã A 38/45 đơn vị (84,4%); xã B ..."); a part that
        # opens otherwise ends the list ("...; nguyên nhân là ...")
        parts = rest[:stop.start()].split(";")
        first = [p for p in doc.places if p.span.page == fig.span.page and p.span.line == fig.span.line
                 and p.level == level and start <= _best_start(p.span, line) < start + len(parts[0])]
        kept = [parts[0]] + (list(itertools.takewhile(lambda t: _UNIT_START.match(match_form(t).lower()), parts[1:]))
                             if len(first) == 1 else [])  # one name per item; a first part naming two ends the list
        end = start + len(";".join(kept))
        names = {p.code or p.mention for p in doc.places if p.span.page == fig.span.page and p.span.line == fig.span.line
                 and p.level == level and start <= _best_start(p.span, line) < end}
        written = _bare_names(rest[:stop.start()]) if len(kept) == 1 else None
        if not names and written is None:
            continue
        # (bare names set off by commas and a last "và", each capitalised: as many as written, a name the gazetteer
        # does not know counted too)
        count = written if written is not None and written >= len(names) else len(names)
        yield Check(subject=f"{attr(fig, 'unit_kind')} named", subject_vi=f"số {attr(fig, 'unit_kind')} được kể tên",
                    claimed=from_figure(fig), computed=Quantity.exact(float(count)), basis="listed",
                    figures=[(doc.doc_id, fig)])


_LIST_OPENS = re.compile(r"^[^:]*?(?:\bgồm\b|\blà\b)\s*:?\s*|^[^:]*:\s*")


def _bare_names(text: str) -> int | None:
    """How many names a list after ``gồm:`` / ``là`` / a colon writes, set off by commas and a last ``và``, each
    capitalised and of four words at most (``Nàn Sán, Thào Chư Phìn, ... và Quan Hồ Thẩn``); None for any other text."""
    m = _LIST_OPENS.match(text)
    if m is None:
        return None
    items = [i.strip() for i in re.split(r",|\bvà\b", text[m.end():])]
    if len(items) < 2 or any(not i or not i[:1].isupper() or len(i.split()) > MAX_NAME_WORDS or re.search(r"\d", i)
                             for i in items):
        return None
    return len(items)


@rule("items_named_count", code="A409",
      en="A count of things followed by their names (còn 03 tiêu chí chưa đạt là Giao thông và Nghèo đa chiều; 4 doanh "
         "nghiệp là: Công ty ..., Ngân hàng ...) equals the names listed.",
      vi="Số mục nêu trước danh sách tên (còn 03 tiêu chí chưa đạt là Giao thông và Nghèo đa chiều) bằng số tên được kể.")
def items_named_count(doc: Document) -> Iterator[Check]:
    for fig in of_kind(doc, "items_named"):
        listed = attr(fig, "listed")
        if isinstance(listed, int):
            yield Check(subject=f"{attr(fig, 'what')} named", subject_vi=f"số {attr(fig, 'what')} được kể tên",
                        claimed=from_figure(fig), computed=Quantity.exact(float(listed)), basis="listed",
                        figures=[(doc.doc_id, fig)])


def _best_start(span, line) -> int:
    """Where a span starts in its line's best text (restored when there is one)."""
    return span.rest_start if line.restored is not None and span.rest_start is not None else span.start


# between a commune and the district named as its own: "xã Hòa Thịnh (huyện Phú Hòa)", "xã A, huyện B", "xã A thuộc huyện B"
_NAMED_PARENT_BETWEEN = re.compile(r"^\s*(?:\(|,|-|–|thuộc|của)\s*$")
_COMMUNE_WORD = re.compile(r"^\s*(?:xa|phuong|thi tran)\b", re.I)
_DISTRICT_WORD = re.compile(r"^\s*(?:huyen|quan|thi xa|thanh pho)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|;|\bva\b|và)\s*")


@rule("unit_in_named_parent", code="A406", severity="warning",
      en="A commune named together with its district (xã A (huyện B), xã A, huyện B) lies in that district on the "
         "document's date.",
      vi="Xã được nêu kèm huyện của nó (xã A (huyện B), xã A, huyện B) phải thuộc huyện đó tại ngày văn bản.")
def unit_in_named_parent(doc: Document) -> Iterator[Check]:
    lines: dict[tuple[int, int], list] = {}
    for p in doc.places:
        lines.setdefault((p.span.page, p.span.line), []).append(p)
    for (page, line), places in lines.items():
        text = doc.line(page, line).best
        places = sorted(places, key=lambda p: p.span.start)
        for k, (unit, parent) in enumerate(zip(places, places[1:])):
            between = text[unit.span.end:parent.span.start]
            if unit.level != "commune" or parent.level != "district" or not unit.code or not parent.code \
                    or unit.status != "matched" or parent.status != "matched" or not _NAMED_PARENT_BETWEEN.match(between) \
                    or not _COMMUNE_WORD.match(match_form(unit.mention)) or not _DISTRICT_WORD.match(match_form(parent.mention)):
                continue  # both named with their level words: "xã Hòa Thịnh (huyện Phú Hòa)"
            if "(" not in between and (k > 0 and _LIST_GAP.fullmatch(text[places[k - 1].span.end:unit.span.start])
                                       or k + 2 < len(places)
                                       and _LIST_GAP.fullmatch(text[parent.span.end:places[k + 2].span.start])):
                continue  # "tại thị trấn A, huyện B và thành phố C": places listed, none the other's part
            # a commune of that name in the named district (another unit than the one linked) is no error
            inside = _parent(unit) == parent.code or any(
                c.get("parent_code") == parent.code and c.get("name") == unit.name for c in unit.candidates)
            code = _parent(unit)
            gazetteer_parent = next((c.get("parent_name") for c in unit.candidates if c.get("code") == unit.code
                                     and c.get("parent_name")), None) or (f"another district (code {code})" if code else None)
            yield Check(subject=f"{unit.name or unit.mention} in {parent.name or parent.mention}",
                        subject_vi=f"{unit.name or unit.mention} thuộc {parent.name or parent.mention}",
                        claimed=Quantity.exact(1.0), computed=Quantity.exact(1.0 if inside else 0.0),
                        figures=[], basis="parent_unit",
                        other=str(parent.name if inside else (gazetteer_parent or "another district")),
                        spans=[unit.span, parent.span])


_ITEM_START = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-zđ]\)|[-+*•])\s")


def _listed_lines(doc: Document, lines: dict) -> list[list]:
    """Communes a list names one per item, items on lines one after another (``3. Hội Chữ thập đỏ xã Tơ Tung`` /
    ``4. Hội ... xã Kon Chiêng``): the places of each run of two or more such lines, as one group."""
    runs, run, last = [], [], None
    for (page, line) in sorted(lines):
        communes = [p for p in lines[(page, line)] if p.level == "commune"]
        text = doc.line(page, line).best
        item = len(communes) <= 1 and _ITEM_START.match(text) is not None
        if item and run and last is not None and last[0] == page and line - last[1] <= 2:
            run += communes  # (an item naming no commune, "3. Trung tâm Y tế huyện KBang", keeps the list going)
        else:
            if len(run) >= 2:
                runs.append(run)
            run = communes if item else []
        last = (page, line)
    if len(run) >= 2:
        runs.append(run)
    return runs


def _parent(place) -> str | None:
    """The district code of a linked commune (its candidate's)."""
    return next((c.get("parent_code") for c in place.candidates if c.get("code") == place.code), None)


def _sentences(text: str, places: list) -> list[list]:
    """``places`` of one line split by the sentences of ``text`` (". " ends one)."""
    ends = [m.end() for m in re.finditer(r"[.;]\s", text)]
    out: dict[int, list] = {}
    for p in sorted(places, key=lambda p: p.span.start):
        out.setdefault(sum(e <= p.span.start for e in ends), []).append(p)
    return list(out.values())
