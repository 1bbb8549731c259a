"""Cross-document rules: plans against what the next report used, figures restated differently, duplicates."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from typing import Iterator

from rapidfuzz import fuzz

from pipeline.audit.messages import kind_words
from pipeline.audit.quantities import Quantity, from_figure, numeric_value
from pipeline.audit.registry import Check, rule
from pipeline.audit.figures import (attr, drive_of, event_of, group, is_plan, of_kind, part_of_year, part_words, reporting_unit,
                                     year_of)
from pipeline.copies import copy_groups, identity, primaries
from pipeline.extract.quotes import MEASURES_QUOTED
from pipeline.model import Document, Figure, RowKind
from pipeline.numbers import parse_count, parse_number
from pipeline.text import match_form, normalize_ws, skeleton

# Figures that name one reported quantity once their attrs are known: restating one differently is a finding.
RESTATED_KINDS = ("units_received", "units_quota", "participants", "percent_of_plan", "drive_count",
                  "award_count", "award_total", "money")
YEAR_KINDS = ("units_quota",)  # the year's whatever part of it a report covers ("kế hoạch năm (500 đơn vị máu)")
KEY_ATTRS = ("recipient_type", "award_form", "award_issuer", "level", "purpose", "about")
IDENTITY_KINDS = ("doc_symbol", "doc_number")
AWARDS_NEAR_LINES = 2  # award counts this close to a cited decision are given as that decision's


def _by_unit(docs: list[Document]) -> dict[str, list[Document]]:
    """Primary copies grouped by reporting unit; documents whose unit is unknown are left out. A body of the unit
    that reports its own figures (its youth union, police or military command, a hospital, a school, a trade union:
    ``BCH ĐOÀN HUYỆN CẦU KÈ`` beside the district's steering committee) is grouped apart (``unit/body``): its quota
    and results are its own, not the unit's."""
    out: dict[str, list[Document]] = {}
    names: dict[str, list[str]] = {}  # each unit/body's issuers' names met so far
    for d in primaries(docs):
        unit = reporting_unit(d)
        if unit is not None:
            body = _own_body(d)
            if body is not None:
                # bodies of one kind are told apart by their own name (a province's labour federation and one of
                # its unions), a name OCR damaged a little staying the same body's
                name = re.sub(r"[^a-z ]", "", skeleton(d.identity.issuer or "").lower())
                seen = names.setdefault(f"{unit}/{body}", [])
                same = next((n for n in seen if fuzz.ratio(n, name) >= SAME_BODY_NAME), None)
                if same is None:
                    seen.append(name)
                body = f"{body}:{same if same is not None else name}"
            out.setdefault(unit if body is None else f"{unit}/{body}", []).append(d)
    return out


SAME_BODY_NAME = 85  # rapidfuzz ratio of two issuers' names that are one body's


_OWN_BODIES = (("youth", re.compile(r"\b(?:doan tncs|doan thanh nien|(?:huyen|tinh|thanh|thi) doan|bch doan)\b")),
               ("forces", re.compile(r"\b(?:cong an|bo chi huy|ban chi huy quan su|bien phong|quan khu|su doan)\b")),
               ("health", re.compile(r"\b(?:benh vien|trung tam (?:y te|truyen mau|huyet hoc))\b")),
               ("school", re.compile(r"\b(?:truong (?:dai hoc|cao dang|trung hoc|thpt)|hoc vien|dai hoc)\b")),
               ("labour", re.compile(r"\b(?:cong doan|lien doan lao dong)\b")))
HEADER_LINES = 4  # the issuer's lines at the top of the first page, above the number and date


def _own_body(doc: Document) -> str | None:
    """The kind of body that issued a report when it is one that reports its own figures (see ``_by_unit``), from
    the issuer's lines at the top (their left column: the motto stands on the right)."""
    if not doc.pages:
        return None
    lines = [re.split(r"\s{3,}", ln.best.strip())[0] for ln in doc.pages[0].lines[:HEADER_LINES]]
    head = normalize_ws(match_form(" ".join(lines))).lower()
    return next((name for name, rx in _OWN_BODIES if rx.search(head)), None)


def _drive_words(fig: Figure) -> tuple[str, str]:
    d = drive_of(fig)
    return (f" drive {d}", f" đợt {d}") if d is not None else ("", "")


@rule("plan_vs_actual_quota", code="C101", scope="corpus", severity="warning",
      en="The quota a report uses for year N equals the quota planned for year N in an earlier report of the same unit.",
      vi="Chỉ tiêu năm N trong báo cáo năm N bằng chỉ tiêu kế hoạch năm N đã nêu trong báo cáo trước của cùng đơn vị.")
def plan_vs_actual_quota(docs: list[Document]) -> Iterator[Check]:
    for _, unit_docs in sorted(_by_unit(docs).items()):
        for planner in unit_docs:
            if part_of_year(planner):
                continue  # a six-month report's plan is for the rest of the year, not the year's quota
            # the plan's own quotas, not its parts (a commune's, "330 đơn vị cho các xã" of 520)
            plans = [f for f in of_kind(planner, "units_quota") if is_plan(f) and year_of(f) is not None
                     and not f.attrs.get("about") and "part_of" not in f.attrs]
            for user in unit_docs:
                if user is planner or event_of(user):
                    continue  # (an event's report uses the event's quota, not the year's)
                used = [f for f in of_kind(user, "units_quota") if not is_plan(f) and not f.attrs.get("about")
                        and not f.attrs.get("total_row")]  # (the text's quota, not its table's total)
                differ = {year_of(p) for p in plans if drive_of(p) is None
                          and any(year_of(f) == year_of(p) and drive_of(f) is None and f.value != p.value for f in used)}
                seen = set()
                for plan in plans:
                    if drive_of(plan) is not None and year_of(plan) in differ:
                        continue  # the year's quotas differ: its drives would restate that one difference
                    same = [f for f in used if year_of(f) == year_of(plan) and drive_of(f) == drive_of(plan)]
                    planned = {p.value for p in plans if year_of(p) == year_of(plan) and drive_of(p) == drive_of(plan)}
                    # two quotas of the year ("tỉnh giao 1.200", "huyện phấn đấu 1.250"): each against the one of its
                    # value, else against the one used that is neither
                    same = [f for f in same if f.value == plan.value] or [f for f in same if f.value not in planned]
                    key = (year_of(plan), drive_of(plan), plan.value, same[0].value if same else None)
                    if not same or key in seen:
                        continue  # the plan written twice in the planner: one check
                    seen.add(key)
                    d_en, d_vi = _drive_words(plan)
                    yield Check(
                        subject=f"quota {year_of(plan)}{d_en}: used vs planned",
                        subject_vi=f"chỉ tiêu năm {year_of(plan)}{d_vi}: thực hiện so với kế hoạch",
                        claimed=from_figure(same[0]), computed=from_figure(plan), basis="plan",
                        figures=[(user.doc_id, same[0]), (planner.doc_id, plan)],
                        doc_id=user.doc_id, other=planner.doc_id,
                    )


_BAG_SIZE = re.compile(r"\b(250|350|450)\s*ml\b")


def _figure_key(fig: Figure, part: str | None = None, days: dict | None = None) -> tuple:
    """What one reported quantity is: kind, year, drive, plan, its attributes, and ``part`` of the year the
    document covers when the figure is of the document's own year (six months' units are not the year's). A drive
    whose day the document gives (``days``: (year, drive) -> day held) is that day's drive, whatever number and
    part of the year the report gives it: the six-month report's drive of 10/3 is the year report's drive of 10/3."""
    about = str(attr(fig, "about", "") or "")
    if about and (named := part_words(about)) is not None:
        # "6 tháng đầu năm ... 645 đơn vị" in a year report: the six months' figure, the six-month report's own;
        # "Quý I, ... 241 đơn vị" in a six-month report: that quarter's, the quarter's report's own (whichever
        # report restates it)
        part, about = named, ""
    if (size := _BAG_SIZE.search(match_form(about).lower())) is not None:
        about = f"{size.group(1)} ml"  # "loại 350 ml là", "350 ml": one size however its words run
    texts = tuple(skeleton(normalize_ws(about if a == "about" else str(attr(fig, a, "")))) for a in KEY_ATTRS)
    day = (days or {}).get((year_of(fig), drive_of(fig))) if drive_of(fig) is not None else None
    if day is not None:
        return fig.kind, year_of(fig), ("held on", day), is_plan(fig), texts, None
    return fig.kind, year_of(fig), drive_of(fig), is_plan(fig), texts, part


def _drive_days(doc: Document) -> dict[tuple, str]:
    """(year, drive) -> the day a held drive took place, for the drives whose day the document gives once."""
    days: dict[tuple, set] = {}
    for f in of_kind(doc, "drive_date"):
        if f.attrs.get("status") == "held" and drive_of(f) is not None:
            days.setdefault((year_of(f), drive_of(f)), set()).add(str(f.value))
    return {k: v.pop() for k, v in days.items() if len(v) == 1}


@rule("restated_differently", code="C102", scope="corpus",
      en="The same figure (same unit, kind, year, drive and attributes) reported in two documents has the same value.",
      vi="Cùng một số liệu (cùng đơn vị, loại, năm, đợt và thuộc tính) nêu trong hai văn bản phải có cùng giá trị.")
def restated_differently(docs: list[Document]) -> Iterator[Check]:
    for _, unit_docs in sorted(_by_unit(docs).items()):
        firsts: dict[tuple, list[tuple[Document, Figure]]] = {}
        for d in unit_docs:
            keyed = [f for f in of_kind(d, *RESTATED_KINDS) if year_of(f) is not None]
            part, own = part_of_year(d), d.identity.report_year if d.identity is not None else None
            event = event_of(d)  # an event's report: its figures of every year are the event's
            days = _drive_days(d)
            for key, figs in group(keyed, lambda f: _figure_key(f, part if event or (year_of(f) == own and f.kind
                                                                                     not in YEAR_KINDS) else None,
                                                               days)).items():
                if figs[0].kind == "units_quota" and part and len({f.value for f in figs if not f.attrs.get("about")
                                                                   and "part_of" not in f.attrs}) > 1:
                    continue  # a part of the year's report with two quotas of the year (the quarter's "chỉ tiêu quý
                    # là 550", the year's 1.800): which one another report restates is not known
                firsts.setdefault(key, []).append((d, figs[0]))
        for _, seen in sorted(firsts.items(), key=lambda kv: repr(kv[0])):
            for (d1, f1), (d2, f2) in combinations(seen, 2):  # primaries only: duplicate_* flags copies
                if _corrects(d1, d2) or _corrects(d2, d1):
                    continue  # a supplement or correction changes the figures of the report it cites, on purpose
                en, vi = _restated_subject(f1)
                yield Check(
                    subject=en, subject_vi=vi,
                    claimed=from_figure(f2), computed=from_figure(f1), basis="other_doc",
                    figures=[(d2.doc_id, f2), (d1.doc_id, f1)], doc_id=d2.doc_id, other=d1.doc_id,
                )
    yield from _cited_by_a_body(docs)


# a document that corrects or supplements another's figures: its title or subject line says so
_CORRECTING = re.compile(r"\b(?:bao cao bo sung|bo sung,? dieu chinh|dieu chinh so lieu|dinh chinh|v/v dieu chinh|sua doi so lieu)\b")


def _corrects(doc: Document, other: Document) -> bool:
    """Whether ``doc`` corrects or supplements ``other``: its opening lines say it does (``BÁO CÁO BỔ SUNG``,
    ``Điều chỉnh số liệu``, ``V/v đính chính số liệu``) and it cites ``other`` by number."""
    if not doc.pages or not other.identity.symbol:
        return False
    head = normalize_ws(match_form(" ".join(ln.best for ln in doc.pages[0].lines[:HEAD_LINES])).lower())
    says = any(not re.search(r"\bduoc\s+$", head[:m.start()]) for m in _CORRECTING.finditer(head))
    # (not "Báo cáo số 32/BC-CTĐ (..., đã được đính chính tại Công văn số 36/CTĐ)": a report that cites one corrected)
    return says \
        and _symbol_key(other.identity.symbol) in {_symbol_key(str(r.value)) for r in of_kind(doc, "reference")}


HEAD_LINES = 14  # lines of a document's first page that hold its title and subject line


# what a body quotes from its unit's report (awards a decision gives: C106; a part of them is the body's own)
QUOTED_KINDS = ("units_received", "units_quota", "participants", "percent_of_plan", "drive_count")


def _cited_by_a_body(docs: list[Document]) -> Iterator[Check]:
    """A body's report (grouped apart, ``_by_unit``) that quotes the unit's report on the line citing it (``Theo Báo
    cáo số 41/BC-BCĐ ..., năm 2023 toàn huyện tiếp nhận 712 đơn vị``): the figures on that line are the cited
    report's."""
    by_symbol = _by_symbol(docs)
    for doc in primaries(docs):
        if _own_body(doc) is None:
            continue
        for ref in of_kind(doc, "reference"):
            cited = by_symbol.get(_symbol_key(str(ref.value)))
            if cited is None or cited is doc or _own_body(cited) is not None or ref.span is None:
                continue
            theirs = {_figure_key(f): f for f in of_kind(cited, *QUOTED_KINDS) if year_of(f) is not None}
            for f in of_kind(doc, *QUOTED_KINDS):
                if f.span is None or (f.span.page, f.span.line) != (ref.span.page, ref.span.line) \
                        or "part_of" in f.attrs \
                        or year_of(f) is None or (other := theirs.get(_figure_key(f))) is None:
                    continue
                en, vi = _restated_subject(other)
                yield Check(subject=en, subject_vi=vi, claimed=from_figure(f), computed=from_figure(other),
                            basis="other_doc", figures=[(doc.doc_id, f), (cited.doc_id, other)], doc_id=doc.doc_id,
                            other=cited.doc_id)


def _restated_subject(fig: Figure) -> tuple[str, str]:
    """'awards 2017 (cá nhân, UBND tỉnh, province)' / 'khen thưởng năm 2017 (cá nhân, UBND tỉnh, province)'."""
    en, vi = kind_words(fig.kind)
    d_en, d_vi = _drive_words(fig)
    details = ", ".join(str(attr(fig, a)) for a in KEY_ATTRS if attr(fig, a))
    details = f" ({details})" if details else ""
    plan_en, plan_vi = (" plan", " kế hoạch") if is_plan(fig) else ("", "")
    return (f"{en}{plan_en} {year_of(fig)}{d_en}{details}", f"{vi}{plan_vi} năm {year_of(fig)}{d_vi}{details}")


def _identity_figures(doc: Document) -> list[tuple[str, Figure]]:
    return [(doc.doc_id, f) for f in of_kind(doc, *IDENTITY_KINDS)][:1]


@rule("duplicate_content", code="C103", scope="corpus", severity="warning",
      en="No two documents have the same content (sha256).",
      vi="Không có hai văn bản trùng nội dung (sha256).")
def duplicate_content(docs: list[Document]) -> Iterator[Check]:
    by_hash: dict[str, list[Document]] = {}
    for d in docs:
        if d.sha256:
            by_hash.setdefault(d.sha256, []).append(d)
    for same in by_hash.values():
        for dup in same[1:]:
            yield _duplicate(dup, same[0], "same_content")


@rule("duplicate_identity", code="C104", scope="corpus", severity="warning",
      en="No two documents have the same number, issuer and report year, or the same figures and wording "
         "(the same report twice, e.g. scan and text).",
      vi="Không có hai văn bản cùng số, cơ quan ban hành và năm báo cáo, hoặc cùng số liệu và câu chữ "
         "(một báo cáo hai lần, vd. bản quét và bản chữ).")
def duplicate_identity(docs: list[Document]) -> Iterator[Check]:
    for same in copy_groups(docs):
        for dup in same[1:]:  # each copy once, against the primary
            if not (same[0].sha256 and same[0].sha256 == dup.sha256):  # already reported by duplicate_content
                same_id = identity(dup) is not None and identity(dup) == identity(same[0])
                yield _duplicate(dup, same[0], "same_identity" if same_id else "same_text")


def _duplicate(dup: Document, first: Document, basis: str) -> Check:
    """A duplicate is always a mismatch: the claim 'this is a distinct document' fails."""
    return Check(
        subject=f"document {dup.doc_id} duplicates {first.doc_id}",
        subject_vi=f"văn bản {dup.doc_id} trùng với {first.doc_id}",
        claimed=None, computed=None, basis=basis,
        figures=_identity_figures(dup) + _identity_figures(first),
        doc_id=dup.doc_id, other=first.doc_id, verdict="mismatch",
    )


@rule("assigned_quota", code="C105", scope="corpus", severity="warning",
      en="The quota a document assigns to a unit (a province's letter: 'huyện X: 420 đơn vị máu') equals the quota "
         "that unit's own documents state for the same year.",
      vi="Chỉ tiêu một văn bản giao cho một đơn vị bằng chỉ tiêu mà văn bản của chính đơn vị đó nêu cho cùng năm.")
def assigned_quota(docs: list[Document]) -> Iterator[Check]:
    units = _by_unit(docs)
    for giver in primaries(docs):
        for given in of_kind(giver, "units_quota"):
            code, year = given.attrs.get("place_code"), year_of(given)
            if year is None:
                continue
            if code:
                takers = units.get(str(code), [])
            else:  # a body the quota is shared to by name ("Công đoàn các Khu công nghiệp tỉnh 1.200 đơn vị")
                takers = _bodies_named(docs, giver, str(given.attrs.get("about") or ""))
            for taker in takers:
                if taker is giver:
                    continue
                own = [f for f in of_kind(taker, "units_quota") if year_of(f) == year and drive_of(f) is None
                       and not f.attrs.get("about") and "part_of" not in f.attrs and "table" not in f.attrs]
                values = {f.value for f in own}
                if len(values) != 1:
                    continue
                yield Check(
                    subject=f"quota {year} of unit {code}: own document vs assigned",
                    subject_vi=f"chỉ tiêu năm {year} của đơn vị {code}: văn bản của đơn vị so với chỉ tiêu được giao",
                    claimed=from_figure(own[0]), computed=from_figure(given), basis="assigned",
                    figures=[(taker.doc_id, own[0]), (giver.doc_id, given)], doc_id=taker.doc_id, other=giver.doc_id,
                )


BODY_NAMED = 90  # rapidfuzz token set ratio of a share's words to a body's own name


def _bodies_named(docs: list[Document], giver: Document, about: str) -> list[Document]:
    """The reports of the body a share of a quota names by its name (the issuer's own line), in the giver's unit."""
    words = re.sub(r"[^a-z ]", " ", skeleton(about).lower())
    if len(words.split()) < 3:
        return []
    unit = reporting_unit(giver)
    return [d for d in primaries(docs) if d is not giver and _own_body(d) is not None and reporting_unit(d) == unit
            and fuzz.token_set_ratio(words, re.sub(r"[^a-z ]", " ", skeleton(d.identity.issuer or "").lower())) >= BODY_NAMED]


def _symbol_key(symbol: str | None) -> str:
    return "".join(str(symbol or "").split()).upper()


def _by_symbol(docs: list[Document]) -> dict[str, Document]:
    """The primary copies that bear a number, by their symbol's key (``_symbol_key``)."""
    return {_symbol_key(d.identity.symbol): d for d in primaries(docs) if d.identity.symbol}


@rule("awards_vs_decision", code="C106", scope="corpus", severity="warning",
      en="The award counts a document gives beside a decision it cites (Quyết định số ...) equal the counts that "
         "decision awards, recipient type by recipient type; the award money total given there, the decision's.",
      vi="Số khen thưởng một văn bản nêu kèm quyết định được dẫn chiếu bằng số khen thưởng của quyết định đó, theo từng "
         "loại đối tượng.")
def awards_vs_decision(docs: list[Document]) -> Iterator[Check]:
    decisions = {_symbol_key(d.identity.symbol): d for d in primaries(docs)
                 if d.identity.type_code == "QĐ" and d.identity.symbol}
    for doc in primaries(docs):
        for ref in of_kind(doc, "reference"):
            dec = decisions.get(_symbol_key(ref.value))
            if dec is None or dec is doc:
                continue
            granted: dict[str, Figure] = {}
            for f in of_kind(dec, "award_count"):
                granted.setdefault(str(attr(f, "recipient_type")), f)
            near = [f for f in of_kind(doc, "award_count") if f.span.page == ref.span.page
                    and abs(f.span.line - ref.span.line) <= AWARDS_NEAR_LINES]
            seen: set[str] = set()
            for f in sorted(near, key=lambda f: (f.span.line, f.span.start)):
                g = granted.get(str(attr(f, "recipient_type")))
                if g is None or str(attr(f, "recipient_type")) in seen or (
                        attr(f, "award_form") and attr(g, "award_form") and attr(f, "award_form") != attr(g, "award_form")):
                    continue  # another award ("Bằng khen" of another body, on the next line); the first count of a
                    # type is the decision's, those after it its parts ("06 tập thể ..., trong đó có 02 tập thể là ...")
                seen.add(str(attr(f, "recipient_type")))
                yield Check(
                    subject=f"awards to {attr(f, 'recipient_type')} by {ref.value}: as cited vs the decision",
                    subject_vi=f"khen thưởng {attr(f, 'recipient_type')} theo {ref.value}: văn bản dẫn so với quyết định",
                    claimed=from_figure(f), computed=from_figure(g), basis="other_doc",
                    figures=[(doc.doc_id, f), (dec.doc_id, g)], doc_id=doc.doc_id, other=dec.doc_id,
                )
            yield from _award_money_vs_decision(doc, dec, ref)


def _award_money_vs_decision(doc: Document, dec: Document, ref: Figure) -> Iterator[Check]:
    """The award money total a document gives beside a decision it cites (``Quyết định số 2135/QĐ-UBND ... tặng Bằng
    khen cho 12 tập thể và 24 cá nhân, với tổng số tiền thưởng 86.400.000 đồng``) = the one award money total of
    that decision."""
    def totals(d: Document, near: Figure | None = None) -> list[Figure]:
        return [f for f in of_kind(d, "money") if attr(f, "what") == "total" and not attr(f, "per")
                and attr(f, "purpose") == "khen thưởng" and f.span is not None
                and (near is None or f.span.page == near.span.page
                     and abs(f.span.line - near.span.line) <= AWARDS_NEAR_LINES)]
    if ref.span is None:
        return
    theirs, mine = totals(dec), totals(doc, ref)
    if len({f.value for f in theirs}) != 1 or len({f.value for f in mine}) != 1:
        return
    yield Check(subject=f"award money by {ref.value}: as cited vs the decision",
                subject_vi=f"tiền thưởng theo {ref.value}: văn bản dẫn so với quyết định",
                claimed=from_figure(mine[0]), computed=from_figure(theirs[0]), basis="other_doc",
                figures=[(doc.doc_id, mine[0]), (dec.doc_id, theirs[0])], doc_id=doc.doc_id, other=dec.doc_id)


_ONE_EVENT = re.compile(r"\b(?:ngay hoi|le hoi|chuong trinh|dot (?:hien|lay) mau|hanh trinh do|chu nhat do)\b")
# a body named after its unit ("Huyện đoàn X", "Hội Chữ thập đỏ huyện X", "Trung tâm Y tế huyện X"): no unit itself
_BODY_OF_UNIT = re.compile(r"^\W*(?:(?:huyen|thi|thanh|tinh|quan) (?:doan|uy|hoi)|doan|hoi|chi hoi|cong an|ban chi huy|"
                           r"benh vien|trung tam|phong|truong|lien doan|cong doan|cau lac bo|clb|ban chqs|bchqs|"
                           r"don bien phong|tieu doan|trung doan|su doan|ban quan ly)\b")  # ("Ban CHQS huyện X": a body)


@rule("table_row_vs_unit_report", code="C107", scope="corpus", severity="warning",
      en="A unit's row in another document's table (a province's table by district) agrees with the unit's own "
         "report of the same year: units received, quota, people registered.",
      vi="Dòng của một đơn vị trong bảng của văn bản khác (bảng theo huyện của tỉnh) khớp với báo cáo của chính đơn vị "
         "đó cùng năm: số đơn vị máu tiếp nhận, chỉ tiêu.")
def table_row_vs_unit_report(docs: list[Document]) -> Iterator[Check]:
    from pipeline.audit.table_rules import cell_quantity
    from pipeline.model import cell_ref
    from pipeline.tables.vocabulary import MEANINGS

    units = _by_unit(docs)
    for giver in primaries(docs):
        own_year = giver.identity.report_year if giver.identity is not None else None
        for table in giver.tables:
            for col, kind, step in _restated_columns(table):
                if (m := MEANINGS.get(col.meaning or "")) is not None and m.family and m.family not in giver.families:
                    continue  # a quota column of a report no blood donation report ("giao chỉ tiêu ... bảo hiểm xã hội")
                year = col.year or own_year
                for row in table.data_rows():
                    cell = row.cell(col.index)
                    if not row.place_code or year is None or cell is None or cell.value is None \
                            or _BODY_OF_UNIT.match(skeleton(row.label or "")):
                        continue  # "Huyện đoàn Sơn Hòa": the district's youth union, a part of the district's figures
                    for taker in units.get(str(row.place_code), []):
                        if taker is giver or ((part_of_year(taker) or part_of_year(giver)) and kind != "units_quota") \
                                or (event_of(giver) and kind == "units_quota") \
                                or (kind == "units_quota" and _PERIOD_WORDS.search(skeleton(col.header))) \
                                or _ONE_EVENT.search(skeleton(taker.identity.title or "")):
                            continue  # a report on part of its year restates the year's quota, not its results; a
                            # report on one event ("Kết quả Ngày hội hiến máu ...") gives the event's figures (a table of
                            # the event's sites, or of the six months, likewise)
                        stated = [f for f in of_kind(taker, kind) if year_of(f) == year and drive_of(f) is None
                                  and not f.attrs.get("about") and "part_of" not in f.attrs
                                  and (step is None or f.attrs.get("step") == step)
                                  and ("table" not in f.attrs or f.attrs.get("total_row"))  # (its table's total)
                                  and not is_plan(f) and f.qualifier == "exact"]
                        if stated and part_of_year(taker):  # the year's quota and its months' ("mốc 6 tháng (900)"):
                            stated = [max(stated, key=lambda f: f.value)]  # the year's is the larger
                        if len({f.value for f in stated}) != 1:
                            continue
                        what = kind_words(kind) if step is None else ("people registered", "số người đăng ký")
                        ref = cell_ref(table, row, col.index)  # the other document's cell: named, not highlighted here
                        yield Check(
                            subject=f"{what[0]} {year} of {row.label}: own report vs {giver.doc_id} {ref}",
                            subject_vi=f"{what[1]} năm {year} của {row.label}: báo cáo của đơn vị so với {giver.doc_id} "
                                       f"{ref}",
                            claimed=from_figure(stated[0]), computed=cell_quantity(cell), basis="other_doc",
                            figures=[(taker.doc_id, stated[0])], doc_id=taker.doc_id, other=giver.doc_id,
                        )


ROW_KINDS = ("units_received", "units_quota")  # what a unit's row in another's table restates
# columns of people restated from a unit's report: (meaning, figure kind, screening step)
ROW_PEOPLE = {"registered": ("screening", "registered")}


def _restated_columns(table):
    """The columns of ``table`` a unit's own report states too: (column, figure kind, screening step or None)."""
    for col, m in _figure_columns(table, ROW_KINDS):
        yield col, m.figure, None
    for col in table.columns:
        if col.meaning in ROW_PEOPLE and not col.guessed and col.year is None:
            yield col, *ROW_PEOPLE[col.meaning]


_PERIOD_WORDS = re.compile(r"\b(?:thang|quy|dot|lan|tuan)\b")
_YEAR_WORDS = re.compile(r"\b(?:ca nam|(?:chi tieu|ke hoach) nam|nam (?:19|20)\d\d)\b")


def _figure_columns(table, kinds: tuple[str, ...]):
    """The columns of ``table`` whose meaning restates a figure of ``kinds`` (units received, quota), read from their
    header (not guessed), of the table's own year (not an earlier year's column): (column, meaning)."""
    from pipeline.tables.vocabulary import MEANINGS

    for col in table.columns:
        m = MEANINGS.get(col.meaning or "")
        if m is not None and m.figure in kinds and not col.guessed and not m.name.endswith("_prev_year"):
            yield col, m


def _quota_cells(doc: Document) -> dict[tuple[str, int], tuple]:
    """The quota cells of a document's tables by (unit code, year): (table, row, column index, cell); the year is the
    column's own or the document's."""
    own_year = doc.identity.report_year if doc.identity is not None else None
    part = part_of_year(doc)
    out: dict[tuple[str, int], tuple] = {}
    for table in doc.tables:
        for col, _ in _figure_columns(table, ("units_quota",)):
            header = skeleton(col.header)
            if _PERIOD_WORDS.search(header) or part and not _YEAR_WORDS.search(header):
                continue  # "6 tháng đầu năm", "Đợt 1": a part of the year's quota; a six-month report's "Chỉ tiêu"
            year = col.year or own_year
            for row in table.data_rows():
                cell = row.cell(col.index)
                if year is not None and row.place_code and cell is not None and cell.value is not None:
                    out.setdefault((str(row.place_code), year), (table, row, col.index, cell))
    return out


@rule("table_quota_vs_cited_plan", code="C108", scope="corpus", severity="warning",
      en="A unit's quota in a report's table equals that unit's quota in the table of the plan the report cites (Kế "
         "hoạch số ...), for the same year.",
      vi="Chỉ tiêu của từng đơn vị trong bảng của báo cáo bằng chỉ tiêu của đơn vị đó trong bảng của kế hoạch được dẫn "
         "chiếu, cùng năm.")
def table_quota_vs_cited_plan(docs: list[Document]) -> Iterator[Check]:
    from pipeline.audit.table_rules import cell_quantity
    from pipeline.model import cell_ref

    plans = {_symbol_key(d.identity.symbol): d for d in primaries(docs) if d.identity.symbol}
    for doc in primaries(docs):
        cited = {_symbol_key(ref.value) for ref in of_kind(doc, "reference")}
        used = _quota_cells(doc)
        for key in sorted(cited):
            plan = plans.get(key)
            if plan is None or plan is doc or not used:
                continue
            for (code, year), (p_table, p_row, p_col, p_cell) in _quota_cells(plan).items():
                if (code, year) not in used:
                    continue
                table, row, col, cell = used[(code, year)]
                if _revised(doc, p_cell.value, cell.value):
                    continue  # "điều chỉnh chỉ tiêu ... xã Trung Đồng từ 65 xuống 50": the report says why it differs
                ref, p_ref = cell_ref(table, row, col), cell_ref(p_table, p_row, p_col)
                yield Check(
                    subject=f"quota {year} of {row.label}: {doc.doc_id} {ref} vs plan {plan.doc_id} {p_ref}",
                    subject_vi=f"chỉ tiêu năm {year} của {row.label}: {doc.doc_id} {ref} so với kế hoạch {plan.doc_id} "
                               f"{p_ref}",
                    claimed=cell_quantity(cell), computed=cell_quantity(p_cell), basis="plan", figures=[],
                    doc_id=doc.doc_id, other=plan.doc_id, cells=[(ref, cell)],
                )


def _day(iso: str | None) -> str:
    parts = str(iso or "").split("-")
    return f"{parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 else str(iso)


@rule("cited_date", code="C109", scope="corpus", severity="warning",
      en="A document cited by its number and date (Kế hoạch số 27/KH-UBND ngày 06/3/2024) bears that date when it is "
         "in the corpus.",
      vi="Văn bản được dẫn chiếu theo số và ngày (Kế hoạch số 27/KH-UBND ngày 06/3/2024) có đúng ngày đó khi có trong "
         "bộ văn bản.")
def cited_date(docs: list[Document]) -> Iterator[Check]:
    by_symbol = {_symbol_key(d.identity.symbol): d for d in primaries(docs) if d.identity.symbol and d.identity.date}
    for doc in primaries(docs):
        for ref in of_kind(doc, "reference"):
            cited, date = by_symbol.get(_symbol_key(ref.value)), ref.attrs.get("date")
            if cited is None or cited is doc or not date:
                continue
            same = str(date) == str(cited.identity.date)
            yield Check(
                subject=f"date of {ref.value}: cited {_day(date)}, dated {_day(cited.identity.date)}",
                subject_vi=f"ngày của {ref.value}: dẫn chiếu {_day(date)}, văn bản ghi {_day(cited.identity.date)}",
                claimed=None, computed=None, basis="cited_date", figures=[(doc.doc_id, ref)],
                doc_id=doc.doc_id, other=cited.doc_id, verdict="ok" if same else "mismatch",
            )


@rule("quoted_from_cited", code="C110", scope="corpus", severity="warning",
      en="A count a sentence quotes from a document it cites by number (Theo Kế hoạch số 245/KH-HĐNVQS, toàn huyện gọi "
         "660 công dân khám sức khỏe) equals the count that document gives of the same words, when it gives one; an "
         "amount of money quoted so equals the amount that document gives within 1% of it (a digit typed wrong), a total "
         "of one purpose (tổng kinh phí) the one total of that purpose the document gives; a family's count or rate "
         "quoted so (còn 5.149 hộ nghèo) the one figure of the same kind and year that document gives.",
      vi="Số liệu một câu trích từ văn bản được dẫn chiếu theo số (Theo Kế hoạch số 245/KH-HĐNVQS, toàn huyện gọi 660 "
         "công dân khám sức khỏe) bằng số liệu cùng tên gọi trong văn bản đó, khi văn bản đó nêu một số.")
def quoted_from_cited(docs: list[Document]) -> Iterator[Check]:
    by_symbol = _by_symbol(docs)
    for doc in primaries(docs):
        for quoted in of_kind(doc, "quoted_count"):
            cited = by_symbol.get(_symbol_key(str(attr(quoted, "cites", ""))))
            if cited is None or cited is doc:
                continue
            what = str(attr(quoted, "what", ""))
            values = _counts_of(cited, what)
            if len(values) != 1:
                continue  # (not counted there, or counted several times over: which one is quoted is not known)
            yield Check(
                subject=f"{quoted.label or what} quoted from {attr(quoted, 'cites')}",
                subject_vi=f"{quoted.label} trích từ {attr(quoted, 'cites')}",
                claimed=from_figure(quoted), computed=Quantity.exact(float(values.pop())), basis="other_doc",
                figures=[(doc.doc_id, quoted)], doc_id=doc.doc_id, other=cited.doc_id)


    for doc in primaries(docs):  # amounts of money quoted: against the cited document's nearest amount
        for quoted in [f for f in of_kind(doc, "money") if f.attrs.get("cites")]:
            cited = by_symbol.get(_symbol_key(str(attr(quoted, "cites", ""))))
            if cited is None or cited is doc or not isinstance(quoted.value, (int, float)) or quoted.value <= 0:
                continue
            theirs = [f.value for f in of_kind(cited, "money") if isinstance(f.value, (int, float))
                      and not f.attrs.get("per") and abs(f.value - quoted.value) <= QUOTED_AMOUNT_NEAR * quoted.value]
            totals = {f.value for f in of_kind(cited, "money") if f.attrs.get("what") == "total"
                      and f.attrs.get("purpose") == quoted.attrs.get("purpose") and "table" not in f.attrs}
            if not theirs and quoted.attrs.get("what") == "total" and quoted.attrs.get("purpose") and len(totals) == 1:
                theirs = list(totals)  # a total of one purpose ("tổng kinh phí") and the cited one's only such total
            if not theirs:
                continue  # (not in that document, or not near: a sum or another amount, nothing to set against)
            nearest = min(theirs, key=lambda v: abs(v - quoted.value))
            yield Check(
                subject=f"amount quoted from {attr(quoted, 'cites')}",
                subject_vi=f"số tiền trích từ {attr(quoted, 'cites')}",
                claimed=from_figure(quoted), computed=Quantity.exact(float(nearest)), basis="other_doc",
                figures=[(doc.doc_id, quoted)], doc_id=doc.doc_id, other=cited.doc_id)

    yield from _quoted_figures(docs, by_symbol)


def _quoted_figures(docs: list[Document], by_symbol: dict) -> Iterator[Check]:
    """A family's figure a sentence quotes from a cited document (``cites``: ``Theo Báo cáo số 318/BC-UBND ...,
    cuối năm 2023 toàn huyện còn 5.194 hộ nghèo``) against the one figure of the same kind, year and part that
    document gives (its own text's, else its table's total row), when the two are no reports of one unit (C102's)."""
    units = {d.doc_id: unit for unit, group_docs in _by_unit(docs).items() for d in group_docs}
    for doc in primaries(docs):
        for quoted in [f for f in doc.figures if f.attrs.get("cites") and f.kind not in ("money", "quoted_count",
                                                                                          "corrected_figure")]:
            cited = by_symbol.get(_symbol_key(str(attr(quoted, "cites", ""))))
            if cited is None or cited is doc or (quoted.kind in RESTATED_KINDS and units.get(doc.doc_id) is not None
                                                 and units.get(doc.doc_id) == units.get(cited.doc_id)):
                continue  # (a kind C102 sets against the unit's other reports)
            key = _figure_key(quoted)
            theirs = [f for f in of_kind(cited, quoted.kind) if _figure_key(f) == key and "part_of" not in f.attrs
                      and ("table" not in f.attrs or f.attrs.get("total_row"))]
            if len({f.value for f in theirs}) != 1:
                continue  # (not there, or given as several values: which one is quoted is not known)
            en, vi = _restated_subject(theirs[0])
            yield Check(subject=f"{en} quoted from {attr(quoted, 'cites')}",
                        subject_vi=f"{vi} trích từ {attr(quoted, 'cites')}",
                        claimed=from_figure(quoted), computed=from_figure(theirs[0]), basis="other_doc",
                        figures=[(doc.doc_id, quoted), (cited.doc_id, theirs[0])], doc_id=doc.doc_id,
                        other=cited.doc_id)


QUOTED_AMOUNT_NEAR = 0.01  # how near (a share of it) the cited document's amount must be to be the one quoted


def _counts_of(doc: Document, what: str) -> set[int]:
    """The counts a document's text gives right before the words ``what`` (match form)."""
    text = normalize_ws(" ".join(match_form(ln.best).lower() for page in doc.pages for ln in page.lines))
    phrase = r"\s+".join(map(re.escape, what.split()))
    found = set()
    if re.search(r"\s" + MEASURES_QUOTED + r"$", what):  # the words before the amount: "ghép cải tạo được 91 ha"
        words, measure = what.rsplit(" ", 1)
        before = r"\s+".join(map(re.escape, words.split()))
        for m in re.finditer(r"\b" + before + r"(?:\s+(?:duoc|dat|la))?\s*:?\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
                             r"(?![\d/%]|[.,]\d)\s+" + re.escape(measure) + r"\b", text):
            if (value := parse_number(m.group(1))) is not None:
                found.add(value)
        return found
    if re.match(MEASURES_QUOTED + r"\s", what):  # an amount of a measure: decimals too ("4.318,4 ha rừng trồng")
        for m in re.finditer(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/%]|[.,]\d)\s+" + phrase
                             + r"\b", text):
            if (value := parse_number(m.group(1))) is not None:
                found.add(value)
        return found
    for m in re.finditer(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/%]|[.,]\d)\s+" + phrase + r"\b", text):
        value = parse_count(m.group(1))
        if isinstance(value, int):
            found.add(value)
    return found


@rule("corrected_figures", code="C111", scope="corpus", severity="warning",
      en="A correction letter's 'đã ghi X, nay sửa lại là Y' quotes X as the document it corrects wrote it (the cell of the "
         "row and column it names, when it names them); a document citing the letter uses Y, not X.",
      vi="Văn bản đính chính ghi 'đã ghi X, nay sửa lại là Y' thì X đúng là số văn bản bị đính chính đã ghi (ô của dòng, "
         "cột được nêu); văn bản dẫn chiếu văn bản đính chính dùng Y, không dùng X.")
def corrected_figures(docs: list[Document]) -> Iterator[Check]:
    by_symbol = _by_symbol(docs)
    for letter in primaries(docs):
        corrections = of_kind(letter, "corrected_figure")
        if not corrections:
            continue
        for fix in corrections:
            cited = by_symbol.get(_symbol_key(str(attr(fix, "cites", ""))))
            if cited is None or cited is letter or fix.value in _numbers_of(cited):
                continue
            cell = _cell_named(cited, str(attr(fix, "what", "")))
            if cell is not None and cell.value is not None:
                yield Check(subject=f"figure the letter corrects, as {attr(fix, 'cites')} wrote it",
                            subject_vi=f"số liệu được đính chính, như {attr(fix, 'cites')} đã ghi",
                            claimed=from_figure(fix), computed=Quantity.exact(float(cell.value)), basis="other_doc",
                            figures=[(letter.doc_id, fix)], doc_id=letter.doc_id, other=cited.doc_id)
        own = _symbol_key(letter.identity.symbol)
        for doc in primaries(docs):
            if doc is letter or not own or own not in {_symbol_key(r.value) for r in of_kind(doc, "reference")}:
                continue
            numbers = _numbers_of(doc)
            for fix in corrections:
                was, now = float(fix.value), float(attr(fix, "corrected_to"))
                scales = [k for k in (1, 1000, 1000000) if was % k == 0 and now % k == 0]
                if any(now / k in numbers for k in scales) or not any(was / k in numbers for k in scales):
                    continue
                k = next(k for k in scales if was / k in numbers)
                yield Check(subject=f"figure {letter.identity.symbol} corrected", subject_vi=f"số liệu đã được "
                            f"{letter.identity.symbol} đính chính", claimed=Quantity.exact(was / k),
                            computed=Quantity.exact(now / k), basis="other_doc", figures=[(letter.doc_id, fix)],
                            doc_id=doc.doc_id, other=letter.doc_id)


_NUMBER_TOKEN = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/])")


def _numbers_of(doc: Document) -> set[float]:
    """Every number written in a document's lines, text and tables (Vietnamese digits: 1.234,5)."""
    found = set()
    for page in doc.pages:
        for ln in page.lines:
            for m in _NUMBER_TOKEN.finditer(ln.best):
                value = parse_number(m.group(1))
                if value is not None:
                    found.add(float(value))
    return found


def _cell_named(doc: Document, words: str):
    """The one table cell whose row name and column header words a correction's sentence names (``dòng số 12 (Xã
    Thiện Mỹ), cột “Số tiền vận động”``); None when not exactly one."""
    text = normalize_ws(match_form(words).lower())
    found = []
    for table in doc.tables:
        cols = [c for c in table.columns if (h := normalize_ws(re.sub(r"\([^)]*\)", " ", match_form(c.header).lower())))
                and len(h.split()) >= 2 and h in text]
        rows = [r for r in table.data_rows() if (n := normalize_ws(match_form(r.label or "").lower()))
                and len(n.split()) >= 2 and n in text]
        found += [c for r in rows for col in cols if (c := r.cell(col.index)) is not None and c.value is not None]
    return found[0] if len(found) == 1 else None



_WHOLE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{3})*\s*$|^\s*\d{1,4}\s*$")
RESTATED_ROWS = 4  # units two tables must share for a column of one to be read as another's restated
RESTATED_AGREE = 0.75  # share of those units whose figures the two columns give alike
RESTATED_DISTINCT = 3  # distinct figures among those alike (not a column of zeros and ones)


def _unit_key(row) -> str | None:
    """What a table row is about, to find it in another table: its place, else its name's words."""
    if row.place_code:
        return f"place:{row.place_code}"
    label = normalize_ws(re.sub(r"[^a-z0-9 ]", " ", skeleton(row.label or "").lower()))
    return f"name:{label}" if len(label) >= 4 else None


def _whole_columns(table, min_rows: int = 0) -> dict[int, dict[str, tuple]]:
    """Columns of whole numbers of a table keyed by unit: column -> {unit key: (row, cell, value)}, ``min_rows``
    (``RESTATED_ROWS`` by default) units at least."""
    out: dict[int, dict[str, tuple]] = {}
    rows = [(r, k) for r in table.rows if r.kind != RowKind.HEADER and (k := _unit_key(r)) is not None]
    if len({k for _, k in rows}) != len(rows):
        return {}  # two rows of one name: no key
    for col in table.columns:
        if col.meaning in ("stt", "year") or "%" in col.header:
            continue
        cells = {}
        for r, k in rows:
            c = r.cell(col.index)
            if c is not None and _WHOLE_NUMBER.match(c.best) and (v := parse_number(c.best.strip())) is not None:
                cells[k] = (r, c, v)
        if len(cells) >= (min_rows or RESTATED_ROWS):
            out[col.index] = cells
    return out


# a change the text explains: "giảm chỉ tiêu của xã Trung Đồng từ 65 xuống 50 đơn vị", "điều chỉnh từ 1.200 ha xuống
# 1.150 ha", "(kế hoạch sau điều chỉnh 9.370 ha)"
_NUM = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_FROM_TO = re.compile(r"\btu\s+" + _NUM + r"(?:\s+[a-z]+){0,3}?\s+(?:xuong|len|thanh)\s+(?:con\s+)?" + _NUM)
_AFTER_REVISION = re.compile(r"\b(?:sau|da)\s+(?:khi\s+)?(?:dieu chinh|d/c)\s*(?:la|:)?\s*" + _NUM)


def _revised(doc: Document, before, after) -> bool:
    """Whether ``doc``'s text says a value was revised from ``before`` to ``after`` (or names ``after`` as the value
    after a revision)."""
    pairs, afters = _revisions(" ".join(ln.best for p in doc.pages for ln in p.lines))
    return (before, after) in pairs or after in afters


@lru_cache(maxsize=64)
def _revisions(text: str) -> tuple[frozenset, frozenset]:
    """The (from, to) pairs and the values after a revision a text states."""
    form = normalize_ws(match_form(text).lower())
    return (frozenset((parse_number(a), parse_number(b)) for a, b in _FROM_TO.findall(form)),
            frozenset(parse_number(v) for v in _AFTER_REVISION.findall(form)))


_REVISED = re.compile(r"\b(?:dieu chinh|d\s*/\s*c(?:hinh)?|sua doi|bo sung|sau dc)\b")  # "(đã đ/chỉnh)", "(đã đ/c)"


@rule("table_column_vs_cited_table", code="C112", scope="corpus", severity="warning",
      en="A column of a table that restates, unit by unit, a column of a table in the document it cites (a plan's "
         "targets by commune in the report on it; the six months' figures in the year's table) gives the same "
         "figures: the two columns agree for most units (three quarters, four units at least), and each unit that "
         "differs is checked against the cited document.",
      vi="Cột của bảng nhắc lại theo từng đơn vị một cột của bảng trong văn bản được dẫn chiếu (chỉ tiêu theo xã của kế "
         "hoạch trong báo cáo thực hiện) phải ghi cùng số liệu.")
def table_column_vs_cited_table(docs: list[Document]) -> Iterator[Check]:
    from pipeline.audit.table_rules import cell_refs
    from pipeline.model import cell_ref

    by_symbol = _by_symbol(docs)
    for doc in primaries(docs):
        cited = {id(d): d for r in of_kind(doc, "reference")
                 if (d := by_symbol.get(_symbol_key(str(r.value)))) is not None and d is not doc and not _corrects(doc, d)}
        for other in cited.values():
            for table in doc.tables:
                mine = _whole_columns(table)
                established: dict[int, tuple] = {}  # my column -> (their table, their column) it restates
                for theirs_table in other.tables:
                    theirs = _whole_columns(theirs_table)
                    for ci, cells in mine.items():
                        best = None
                        for cj, other_cells in theirs.items():
                            shared = [k for k in cells if k in other_cells]
                            if len(shared) < RESTATED_ROWS:
                                continue
                            alike = [k for k in shared if cells[k][2] == other_cells[k][2]]
                            if len(alike) >= RESTATED_AGREE * len(shared) \
                                    and len({cells[k][2] for k in alike}) >= RESTATED_DISTINCT \
                                    and (best is None or len(alike) > best[0]):
                                best = (len(alike), cj, shared)
                        if best is not None and not _REVISED.search(match_form(table.columns[ci].header or "").lower()):
                            established.setdefault(ci, (theirs_table, best[1]))
                        if best is None or best[0] == len(best[2]):
                            continue
                        _, cj, shared = best
                        if _REVISED.search(match_form(table.columns[ci].header or "").lower()):
                            continue  # "Chỉ tiêu (đã điều chỉnh)": the quotas as revised since, not as the plan gave them
                        for k in shared:
                            row, cell, value = cells[k]
                            o_row, o_cell, o_value = theirs[cj][k]
                            if value == o_value or _revised(doc, o_value, value):
                                continue  # (a change the report explains: "từ 65 xuống 50")
                            ref = cell_ref(theirs_table, o_row, cj)
                            yield Check(
                                subject=f"table {table.id}, {row.label}, {table.columns[ci].header}: vs "
                                        f"{other.doc_id} {ref} ({theirs_table.columns[cj].header})",
                                subject_vi=f"bảng {table.id}, {row.label}, {table.columns[ci].header}: so với "
                                           f"{other.doc_id} {ref} ({theirs_table.columns[cj].header})",
                                claimed=Quantity.exact(float(value)), computed=Quantity.exact(float(o_value)),
                                basis="other_doc", figures=[], doc_id=doc.doc_id, other=other.doc_id,
                                cells=cell_refs(table, [(row, ci)]))
                yield from _small_tables_restated(doc, other, table, mine, established)


def _small_tables_restated(doc: Document, other: Document, table, mine: dict, established: dict) -> Iterator[Check]:
    """A column shown to restate a column of the cited document's table also restates, row by row, the column of
    the same meaning and year in the cited document's other tables too short to be matched on their own (a nine
    months' report's forestry table of three rows beside its crops table)."""
    from pipeline.audit.table_rules import cell_refs
    from pipeline.model import cell_ref

    for ci, (matched, cj) in established.items():
        head = matched.columns[cj]
        if head.meaning is None:
            continue
        for small in other.tables:
            if small is matched:
                continue
            for c2, cells2 in _whole_columns(small, min_rows=1).items():
                col2 = small.columns[c2]
                if col2.meaning != head.meaning or col2.year != head.year:
                    continue
                for k, (row, cell, value) in mine[ci].items():
                    if k not in cells2 or value == cells2[k][2] or _revised(doc, cells2[k][2], value):
                        continue
                    o_row = cells2[k][0]
                    ref = cell_ref(small, o_row, c2)
                    yield Check(
                        subject=f"table {table.id}, {row.label}, {table.columns[ci].header}: vs {other.doc_id} {ref} "
                                f"({col2.header})",
                        subject_vi=f"bảng {table.id}, {row.label}, {table.columns[ci].header}: so với {other.doc_id} "
                                   f"{ref} ({col2.header})",
                        claimed=Quantity.exact(float(value)), computed=Quantity.exact(float(cells2[k][2])),
                        basis="other_doc", figures=[], doc_id=doc.doc_id, other=other.doc_id,
                        cells=cell_refs(table, [(row, ci)]))


# what adds up over a year's parts: a quarter's units received and the next quarter's make the six months'
PERIOD_FLOWS = ("units_received", "drive_count", "participants", "households_escaped", "households_fell_back",
                "households_new_poor")
_QUARTER = re.compile(r"\bquy (iv|iii|ii|i|[1-4])\b")
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTHS_PART = re.compile(r"\b([369]) thang\b")


def quarters_of(part: str | None) -> frozenset[int] | None:
    """The quarters a part of the year covers (``part_words`` form): ``quy ii`` -> {2}, ``6 thang dau nam`` -> {1, 2},
    ``6 thang cuoi nam`` -> {3, 4}, ``9 thang`` -> {1, 2, 3}; None (the whole year) -> all four; a part of no whole
    quarters (``thang 5``) -> None."""
    if part is None:
        return frozenset({1, 2, 3, 4})
    if (q := _QUARTER.search(part)) is not None and len(_QUARTER.findall(part)) == 1 and "thang" not in part:
        return frozenset({_QUARTER_NUMBERS.get(q.group(1)) or int(q.group(1))})
    if (m := _MONTHS_PART.search(part)) is not None and len(_MONTHS_PART.findall(part)) == 1 and "quy" not in part:
        n = int(m.group(1)) // 3
        return frozenset(range(5 - n, 5) if re.search(r"\bcuoi\b", part) else range(1, n + 1))
    return None


def _period_parts(doc: Document) -> dict[tuple, tuple[frozenset[int], Figure | list[Figure], float]]:
    """A report's flows of its own year by the quarters they cover: (kind, attributes, quarters) -> (quarters,
    figure or its drives' figures, value). A figure whose words name a part of the year (``Quý I ... 74 đơn vị`` in a
    six-month report) is that part's; the rest of the report's year are the report's period's. A period whose
    units received the report gives only drive by drive, all its drives listed, is their sum."""
    own_year = doc.identity.report_year if doc.identity is not None else None
    own = quarters_of(part_of_year(doc))
    if own_year is None or own is None:
        return {}
    found: dict[tuple, set] = {}
    figs: dict[tuple, Figure | list[Figure]] = {}
    for f in of_kind(doc, *PERIOD_FLOWS):
        if year_of(f) != own_year or is_plan(f) or drive_of(f) is not None or "part_of" in f.attrs \
                or f.attrs.get("place_code") or (f.attrs.get("table") and not f.attrs.get("total_row")) \
                or (v := numeric_value(f)) is None or f.qualifier not in (None, "exact"):
            continue
        about = str(attr(f, "about", "") or "")
        quarters = own
        if about and (named := part_words(about)) is not None:
            quarters, about = quarters_of(named), ""
        if quarters is None:
            continue
        texts = tuple(skeleton(normalize_ws(about if a == "about" else str(attr(f, a, "")))) for a in KEY_ATTRS)
        key = (f.kind, texts, quarters)
        found.setdefault(key, set()).add(v)
        figs.setdefault(key, f)
    out = {k: (k[2], figs[k], vs.pop()) for k, vs in found.items() if len(vs) == 1}
    blank = tuple("" for _ in KEY_ATTRS)
    if ("units_received", blank, own) not in out:
        drives = {}
        for f in of_kind(doc, "units_received"):
            if year_of(f) == own_year and drive_of(f) is not None and not is_plan(f) and not f.attrs.get("about") \
                    and (v := numeric_value(f)) is not None:
                drives.setdefault(drive_of(f), set()).add(v)
        counts = {numeric_value(f) for f in of_kind(doc, "drive_count")
                  if year_of(f) == own_year and not is_plan(f) and not f.attrs.get("about")}
        if drives and all(len(v) == 1 for v in drives.values()) and counts == {len(drives)}:
            parts = [f for f in of_kind(doc, "units_received") if drive_of(f) in drives and year_of(f) == own_year
                     and not is_plan(f)]
            out[("units_received", blank, own)] = (own, parts, float(sum(next(iter(v)) for v in drives.values())))
    return out


def _cover(whole: frozenset[int], parts: list[frozenset[int]]) -> list[frozenset[int]] | None:
    """The fewest of ``parts`` (each a proper part of ``whole``) that cover ``whole`` exactly, none overlapping."""
    best = None

    def search(left: frozenset[int], chosen: list[frozenset[int]]) -> None:
        nonlocal best
        if not left:
            if best is None or len(chosen) < len(best):
                best = list(chosen)
            return
        first = min(left)
        for p in parts:
            if first in p and p <= left:
                search(left - p, chosen + [p])

    search(whole, [])
    return best


@rule("period_sum_of_parts", code="C113", scope="corpus", severity="warning",
      en="A flow a unit reports for a period (units received, drives, participants over six months, nine months or "
         "the year) = the sum of what its reports of the period's parts give (quarter I + quarter II), when the "
         "parts cover the period exactly and one of them comes from another report.",
      vi="Số liệu của một kỳ (6 tháng, 9 tháng, cả năm) phải bằng tổng số liệu các báo cáo của từng phần của kỳ "
         "(quý I + quý II).")
def period_sum_of_parts(docs: list[Document]) -> Iterator[Check]:
    for _, unit_docs in sorted(_by_unit(docs).items()):
        entries: dict[tuple, list[tuple[Document, Figure | list[Figure], float]]] = {}
        for d in unit_docs:
            for (kind, texts, quarters), (_, figs, value) in _period_parts(d).items():
                year = d.identity.report_year
                entries.setdefault((kind, texts, year, quarters), []).append((d, figs, value))
        for (kind, texts, year, whole), claims in sorted(entries.items(), key=lambda kv: repr(kv[0])):
            if len(whole) < 2:
                continue
            own = [(d, f, v) for d, f, v in claims if quarters_of(part_of_year(d)) == whole]
            if len({v for _, _, v in claims}) != 1 or not own:
                continue  # the period's figure restated differently: C102's
            part_sets = [q for (k, t, y, q) in entries if (k, t, y) == (kind, texts, year) and q < whole]
            cover = _cover(whole, part_sets)
            if cover is None:
                continue
            doc, fig, value = own[0]
            parts = []
            for q in cover:
                values = {v for _, _, v in entries[(kind, texts, year, q)]}
                if len(values) != 1:
                    break  # a part given two ways: which one holds is C102's
                theirs = [(d, f, v) for d, f, v in entries[(kind, texts, year, q)] if d is not doc]
                parts.append((q, theirs[0] if theirs else (doc, *next((f, v) for d, f, v in
                                                                       entries[(kind, texts, year, q)] if d is doc))))
            else:
                if all(d is doc for _, (d, _, _) in parts):
                    continue  # a report's own breakdown of its period: the document's rules'
                claimed = from_figure(fig if isinstance(fig, Figure) else fig[0])
                if not isinstance(fig, Figure) or claimed is None:
                    continue
                terms = [Quantity.exact(v) for _, (_, _, v) in parts]
                figures = [(doc.doc_id, fig)]
                for _, (d, f, _) in parts:
                    figures += [(d.doc_id, g) for g in (f if isinstance(f, list) else [f])]
                en, vi = kind_words(kind)
                others = sorted({d.doc_id for _, (d, _, _) in parts if d is not doc})
                yield Check(subject=f"{en} {year} ({part_of_year(doc) or 'year'})",
                            subject_vi=f"{vi} năm {year} ({part_of_year(doc) or 'cả năm'})",
                            claimed=claimed, computed=Quantity.exact(sum(t.nominal for t in terms)),
                            basis="parts_reports", terms=terms, figures=figures, doc_id=doc.doc_id,
                            other=", ".join(others))


# "Thu ngân sách xã quý II đạt 1.418 triệu đồng, ..., tăng 155 triệu đồng (12,3%) so với quý I (1.263 triệu đồng)": the
# amount of the part compared with, in brackets, with its measure
_COMPARED_PART = re.compile(r"\bso voi\s+((?:quy\s+(?:iv|iii|ii|i|[1-4]))|(?:6|sau|9|chin)\s+thang\s+(?:dau|cuoi)(?:\s+nam)?)"
                            r"(?:\s+(?:nam\s+)?((?:19|20)\d\d))?\s*\(\s*" + _NUM + r"\s+([a-z]+(?:\s+dong)?)\s*\)")
_SUBJECT_STOP = re.compile(r"\s(?:dat|la|duoc|co|:|uoc|tang|giam|bang)\b|\d")
_PERIOD_WORDS_IN = re.compile(r"\b(?:quy\s+(?:iv|iii|ii|i|[1-4])|(?:6|sau|9|chin)\s+thang(?:\s+(?:dau|cuoi))?(?:\s+nam)?|"
                              r"nam\s+(?:19|20)\d\d|nam|tong|trong)\b")
SUBJECT_WORDS = 2  # words a subject must keep once its period and "tổng" are set aside


def _line_forms(doc: Document):
    """(page, line, match-form text, whether its restored text keeps the printed offsets) of every line."""
    for page in doc.pages:
        for line in page.lines:
            yield page.number, line, match_form(line.best).lower(), \
                line.restored is None or len(line.restored) == len(line.text)


def _prose_lines(doc: Document):
    """(page, line, match-form text) of a document's lines outside its tables whose restored text keeps the printed
    offsets."""
    in_tables = {ln for t in doc.tables for r in t.rows for c in r.cells for ln in c.lines}
    for page_no, line, form, kept in _line_forms(doc):
        if kept and (page_no, line.number) not in in_tables:
            yield page_no, line, form


def _subject(sentence: str) -> str:
    """The words a sentence opens on, up to its verb or first figure, its period words set aside (``thu ngan sach
    xa quy ii dat`` -> ``thu ngan sach xa``)."""
    head = _SUBJECT_STOP.split(" " + sentence.strip(), maxsplit=1)[0]
    return normalize_ws(_PERIOD_WORDS_IN.sub(" ", re.sub(r"[^a-z ]", " ", head)))


@rule("compared_part_vs_its_report", code="C114", scope="corpus", severity="warning",
      en="An amount a report compares with in brackets for another part of the year (so với quý I (1.263 triệu đồng)) "
         "equals what the unit's report on that part gives for the same subject (Tổng thu ngân sách xã quý I đạt "
         "1.236 triệu đồng).",
      vi="Số liệu so sánh ghi trong ngoặc của một kỳ khác (so với quý I (1.263 triệu đồng)) phải bằng số liệu báo cáo "
         "của kỳ đó nêu cho cùng nội dung.")
def compared_part_vs_its_report(docs: list[Document]) -> Iterator[Check]:
    from pipeline.model import Span

    for _, unit_docs in sorted(_by_unit(docs).items()):
        by_part = {}
        for d in unit_docs:
            if (part := part_of_year(d)) is not None and d.identity.report_year is not None \
                    and (quarters := quarters_of(part)) is not None:
                by_part.setdefault((quarters, d.identity.report_year), []).append(d)
        for doc in unit_docs:
            for page_no, line, form in _prose_lines(doc):
                for m in _COMPARED_PART.finditer(form):
                    named = part_words(m.group(1))
                    part = quarters_of(named) if named else None
                    year = int(m.group(2)) if m.group(2) else doc.identity.report_year
                    sentence = re.split(r"[.;]\s", form[:m.start()])[-1]
                    subject = _subject(sentence)
                    others = [d for d in by_part.get((part, year), []) if d is not doc]
                    if len(subject.split()) < SUBJECT_WORDS or len(others) != 1:
                        continue
                    found = _amounts_of_subject(others[0], subject, m.group(4))
                    if len(found) != 1:
                        continue
                    (value, where), = found.items()
                    claimed = parse_number(m.group(3))
                    at = m.start(3)
                    yield Check(
                        subject=f"{subject} ({m.group(1)} {year}): compared with vs {others[0].doc_id}",
                        subject_vi=f"{subject} ({m.group(1)} năm {year}): số so sánh so với {others[0].doc_id}",
                        claimed=Quantity.exact(float(claimed)), computed=Quantity.exact(float(value)),
                        basis="other_doc", figures=[], doc_id=doc.doc_id, other=others[0].doc_id,
                        spans=[Span(page_no, line.number, at, m.end(3), line.text[at:m.end(3)])])


def _amounts_of_subject(doc: Document, subject: str, measure: str) -> dict[float, tuple]:
    """The amounts of ``measure`` a report gives right after the words of ``subject`` (``Tổng thu ngân sách xã quý I
    đạt 1.236 triệu đồng``), by value."""
    words = subject.split()
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b[^.;:\d()]{0,40}?" + _NUM + r"\s+"
                         + re.escape(measure) + r"\b")
    found = {}
    for page_no, line, form in _prose_lines(doc):
        for m in pattern.finditer(form):
            if (v := parse_number(m.group(1))) is not None:
                found.setdefault(float(v), (page_no, line.number))
    return found


# "Theo Báo cáo số 27/BC-UBND ngày 22/3/2024, thu ngân sách trên địa bàn quý I đạt 368,4 triệu đồng": an amount the
# sentence quotes from the document it names first, after the words of what it is
_QUOTING = re.compile(r"\btheo\s+(?:bao cao|ke hoach|quyet dinh|thong bao|cong van|van ban)\s+so\s*$")
_QUOTED_AMOUNT = re.compile(r"(?:\s*ngay\s+\d{1,2}/\d{1,2}/\d{4})?(?:\s+cua\s+[^,]{0,60})?\s*,\s*((?:[a-z]+\s+){2,10}?)"
                            r"(?:uoc\s+)?(?:dat|la|:|co|duoc)\s+" + _NUM + r"\s+(trieu dong|ty dong|dong|ha|tan|nguoi|ho|"
                            r"don vi|lieu|tre)\b")
_SUBJECT_FILLER = {"tren", "dia", "ban", "cua", "toan", "xa", "huyen", "tinh", "nam", "quy", "thang", "i", "ii", "iii", "iv",
                   "tong", "so", "uoc", "trong", "ky", "bao", "cao"}
QUOTE_NEAR = 80  # characters before a cited amount where its subject's words must all stand


def _joined_lines(doc: Document) -> tuple[str, list[tuple[int, int, int, str]]]:
    """A document's prose in match form, lines joined by a space, with (offset, page, line, printed text) of each
    line whose restored text keeps the printed offsets (the others are blanked)."""
    parts, index, at = [], [], 0
    for page_no, line, form, kept in _line_forms(doc):
        form = form if kept else " " * len(form)
        index.append((at, page_no, line.number, line.text))
        parts.append(form)
        at += len(form) + 1
    return " ".join(parts), index


def _span_at(index, start: int, end: int):
    from pipeline.model import Span

    for k, (at, page, number, text) in enumerate(index):
        nxt = index[k + 1][0] if k + 1 < len(index) else at + len(text) + 1
        if at <= start < nxt:
            return Span(page, number, start - at, end - at, text[start - at:end - at])
    return None


@rule("quoted_amount_vs_cited", code="C115", scope="corpus", severity="warning",
      en="An amount a sentence quotes from the document it opens by citing (Theo Báo cáo số 27/BC-UBND ngày 22/3/2024, "
         "thu ngân sách trên địa bàn quý I đạt 368,4 triệu đồng) equals the one amount of the same measure that document "
         "gives after the same words.",
      vi="Số liệu một câu trích từ văn bản được dẫn ở đầu câu (Theo Báo cáo số ..., thu ngân sách ... đạt 368,4 triệu "
         "đồng) phải bằng số liệu cùng đơn vị tính mà văn bản đó nêu sau cùng các từ.")
def quoted_amount_vs_cited(docs: list[Document]) -> Iterator[Check]:
    by_symbol = _by_symbol(docs)
    for doc in primaries(docs):
        text, index = _joined_lines(doc)
        for ref in of_kind(doc, "reference"):
            cited = by_symbol.get(_symbol_key(str(ref.value)))
            if cited is None or cited is doc or ref.span is None:
                continue
            at = next((a for a, page, number, _ in index if (page, number) == (ref.span.page, ref.span.line)), None)
            if at is None:
                continue
            start = at + ref.span.start
            end = text.find(" ", start + 1)
            if not _QUOTING.search(text[max(0, start - 40):start]) or end < 0:
                continue
            m = _QUOTED_AMOUNT.match(text, end)
            if m is None:
                continue
            words = [w for w in m.group(1).split() if w not in _SUBJECT_FILLER and len(w) > 1]
            if len(words) < 2:
                continue
            theirs = _amounts_after_words(cited, words, m.group(3))
            claimed = parse_number(m.group(2))
            if len(theirs) != 1 or claimed is None:
                continue
            value = next(iter(theirs))
            span = _span_at(index, m.start(2), m.end(2))
            yield Check(subject=f"{' '.join(words)}: quoted from {ref.value}",
                        subject_vi=f"{' '.join(words)}: trích từ {ref.value}",
                        claimed=Quantity.exact(float(claimed)), computed=Quantity.exact(float(value)),
                        basis="other_doc", figures=[(doc.doc_id, ref)], doc_id=doc.doc_id, other=cited.doc_id,
                        spans=[span] if span is not None else [])


def _amounts_after_words(doc: Document, words: list[str], measure: str) -> set[float]:
    """The amounts of ``measure`` a document's prose gives with all of ``words`` in the sentence before them."""
    text, _ = _joined_lines(doc)
    found = set()
    for m in re.finditer(_NUM + r"\s+" + re.escape(measure) + r"\b", text):
        before = re.split(r"[.;:]\s", text[max(0, m.start() - QUOTE_NEAR):m.start()])[-1]
        if all(re.search(rf"\b{re.escape(w)}\b", before) for w in words) and (v := parse_number(m.group(1))) is not None:
            found.add(float(v))
    return found
