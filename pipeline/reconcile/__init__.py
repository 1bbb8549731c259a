"""Stage ``reconcile``: place mentions -> units of the historical gazetteer valid on the document's date.

Fills ``doc.places`` and ``doc.units`` (the issuer's and the subject's units, the subject's post-2025
successors, the day names were read on and where it came from); adds ``gazetteer_total`` /
``gazetteer_unit`` to coverage figures.
"""

from __future__ import annotations

import re

from collections import Counter

from pipeline import families  # noqa: F401  (the families' figure kinds)
from pipeline.kinds import KINDS
from pipeline.model import Document, MatchStatus, Place, Row, RowKind, Table, UnitRefs, make_span
from pipeline.reconcile.dates import document_date
from pipeline.reconcile.gazetteer import PRE_REFORM_END, Gazetteer, Unit
from pipeline.reconcile.match import Match, Matcher, context_bonus
from pipeline.reconcile.mentions import Mention, find_bare, find_marked
from pipeline.reconcile.roles import assign_roles
from pipeline.reconcile.variants import fold, key, level_word_pattern, types_for
from pipeline.tables.interpret import canonical_level
from pipeline.text import normalize_ws, skeleton

DISTRICT_TYPES = {"Huyện", "Quận", "Thị xã"}
UNMATCHED_KEEP = 0.8  # an unmatched level-word mention is kept (for the audit) when this close to a unit

__all__ = ["run", "load_gazetteer", "Gazetteer", "Matcher"]


def load_gazetteer() -> Gazetteer:
    return Gazetteer.load()


def run(doc: Document, ctx) -> Document:
    gaz: Gazetteer = ctx.resource("gazetteer", load_gazetteer)
    matcher: Matcher = ctx.resource("gazetteer_matcher", lambda: Matcher(gaz))
    doc.units = UnitRefs()
    day, day_source = document_date(doc, gaz)

    marked = find_marked(doc)
    if day_source == "latest" and any(set(m.types) & DISTRICT_TYPES for m in marked):
        # no date anywhere, but the text names districts: read it on the last day districts existed
        day, day_source = PRE_REFORM_END, "latest-with-districts"
    # Link without context, find the document's own province and district, link again with them
    # (twice: Tam Puong is ambiguous until 'tỉnh Lai Chau' has placed the document in Lai Châu).
    linked = [(m, link(matcher, m, day)) for m in marked]
    context: dict[str, float] = {}
    province = None
    for _ in range(2):
        province, district = home_units(gaz, [r for _, r in linked], day)
        new_context = context_bonus(gaz, day, province, district)
        if new_context == context:
            break
        context = new_context
        linked = [(m, link(matcher, m, day, context)) for m in marked]
    if province:
        linked += [(m, link(matcher, m, day, context)) for m in find_bare(doc, bare_names(gaz, province, day), marked)]
    linked = [(m, r) for m, r in linked if keep(m, r)]
    linked.sort(key=lambda mr: (mr[0].page, mr[0].line, mr[0].start))
    doc.places = [to_place(doc, gaz, m, r) for m, r in linked]
    assign_roles(doc)
    doc.units.gazetteer_date, doc.units.gazetteer_date_source = day, day_source
    link_rows(doc, matcher, day, context)
    add_row_places(doc, gaz, day)
    spell_row_labels(doc, gaz, day)
    link_figures(doc, matcher, day, context)
    add_coverage_totals(doc, gaz, day)
    ctx.log(f"{doc.doc_id}: {len(doc.places)} place mention(s) on {day} ({day_source})")
    return doc


def _label_cell(row: Row, table: Table):
    """The cell naming the unit a row is about (a drive's venue, a person's address are not that: a table with
    a column of people's names is about people)."""
    if table.column("person_name") is not None:
        return None
    for meaning in ("unit_name",):
        col = table.column(meaning)
        cell = row.cell(col.index) if col is not None else None
        if cell is not None and cell.best.strip():
            return cell
    return None


def link_rows(doc: Document, matcher: Matcher, day: str, context: dict[str, float]) -> None:
    """Each table row's unit: a place found in its name cell, else the cell's words linked like a bare name
    against the document's own province (a misspelt ``Xã Nặm Khao`` still finds Nậm Khao)."""
    for table in doc.tables:
        for row in table.rows:
            if row.kind != RowKind.DATA:
                continue
            cell = _label_cell(row, table)
            if cell is None or cell.span is None:
                continue
            s = cell.span
            inside = [p for p in doc.places if p.span.page == s.page and p.span.line == s.line
                      and s.start <= p.span.start < max(s.end, p.span.start + 1) and p.status == MatchStatus.MATCHED]
            if inside:
                row.place_code, row.place_name, row.place_status = inside[0].code, inside[0].name, MatchStatus.MATCHED
                continue
            name = canonical_level(normalize_ws(cell.best))  # "Thịt rấn Trạm Tấu": the level word OCR damaged
            if not any(ch.isupper() for ch in name[:1]) or len(name) > 60:
                continue
            r = link_name(matcher, name, day, context)
            row.place_status = MatchStatus(r.status)
            if r.status == "matched" and r.unit is not None:
                row.place_code, row.place_name = r.unit.code, r.unit.name
        _rows_of_one_parent(table, matcher, day)
        for row in table.rows:
            unit = matcher.gaz.get(row.place_code, day) if row.place_code else None
            row.place_parent = unit.parent_code if unit is not None and unit.level != "province" else None


def add_row_places(doc: Document, gaz: Gazetteer, day: str) -> None:
    """A table row linked to a unit is a place mention of the document like any other (a commune named only in
    a table read from a scan, whose words are no line of the page text, is still among the places)."""
    added = False
    for table in doc.tables:
        for row in table.rows:
            if row.kind != RowKind.DATA or not row.place_code:
                continue
            cell = _label_cell(row, table)
            s = cell.span if cell is not None else None
            unit = gaz.get(row.place_code, day) if s is not None else None
            if unit is None:
                continue
            inside = [p for p in doc.places if p.span.page == s.page and p.span.line == s.line
                      and p.span.start < s.end and s.start < p.span.end]
            for p in inside:  # the table's district decided the row's unit: its mention says the same
                if p.code != unit.code and p.level == unit.level:
                    p.code, p.name, p.status = unit.code, unit.name, MatchStatus.MATCHED
                    p.successors = gaz.successors(unit.code) if unit.valid_to else []
            if inside:
                continue
            doc.places.append(Place(mention=normalize_ws(cell.best), span=s, level=unit.level,
                                    status=MatchStatus.MATCHED, code=unit.code, name=unit.name, score=1.0,
                                    successors=gaz.successors(unit.code) if unit.valid_to else []))
            added = True
    if added:
        doc.places.sort(key=lambda p: (p.span.page, p.span.line, p.span.start))


def spell_row_labels(doc: Document, gaz: Gazetteer, day: str) -> None:
    """The name of a table row not linked to a unit (a drive's venue: its label, what the dataset keys the row
    by) with each place it names as the gazetteer spells it, where OCR damaged the name (``Quảng trường 7/5, TP.
    Điện Biên Phá`` -> ``... TP. Điện Biên Phủ``); the level word stays as written, the cells keep what was read."""
    for table in doc.tables:
        for row in table.rows:
            if not row.label or row.place_code:
                continue  # a row linked to its unit has the gazetteer's name beside its own (place_name)
            spans = [c.span for c in row.cells if c.span is not None]
            for p in doc.places:
                if p.status != MatchStatus.MATCHED or not p.code or p.mention not in row.label:
                    continue
                if not any(s.page == p.span.page and s.line == p.span.line and s.start <= p.span.start < s.end
                           for s in spans):
                    continue
                unit = gaz.get(p.code, day)
                words, short = p.mention.split(), unit.short.split() if unit is not None else []
                if not short or len(words) < len(short) or words[-len(short):] == short:
                    continue
                row.label = row.label.replace(p.mention, " ".join(words[:-len(short)] + short))


ROW_PARENT_SHARE = 0.6  # of a table's linked rows under one parent (three at least) that make it the table's
ROW_PARENT_MIN = 0.75  # similarity a row name needs to one of that parent's units when OCR damaged it
ROW_PARENT_MARGIN = 0.02  # over the next nearest unit of that parent
# a row still unlinked, against the parent's units no other row names (a list names each unit once): the
# similarity it needs, and its lead over the next such unit ("Xã Phnh" for Phình Hồ, "Huyện QunB" for Quản Bạ)
ROW_FREE_MIN = 0.5
ROW_FREE_MARGIN = 0.1
ROW_LEVELS = ("commune", "district")  # a table of a district's communes, of a province's districts
DAMAGED_LEVEL_LEN = 5  # letters of a first word that may be a level word OCR damaged (xã, phường, huyện)


def _row_name(cell) -> tuple[str, tuple[str, ...]] | None:
    """(the unit's name without its level word, the types that level word allows) of a row's name cell; None for
    a row that names no unit (``Khối cơ quan ...``)."""
    text = canonical_level(normalize_ws(cell.best))
    m = _LEVEL_AT_START.match(skeleton(text))
    if m is None or m.group("cac"):
        return None
    return text[m.end():].strip(" .,:;"), types_for(m.group("lw"))


def _damaged_level_name(cell) -> str | None:
    """The words after a first word OCR damaged past knowing (``Xe Mường Và``, ``Xaela Si Lang``: a level word
    of a few letters, perhaps glued to the name's first syllable) in a row's name cell; None when the first word
    is longer, the cell has a single word, or it starts with a level word (the row names no unit)."""
    words = normalize_ws(cell.best).split()
    if len(words) < 2 or not words[0][:1].isupper() or len(words[0]) > DAMAGED_LEVEL_LEN:
        return None
    if _LEVEL_AT_START.match(skeleton(" ".join(words))):
        return None
    return " ".join(words[1:]).strip(" .,:;")


def _rows_of_one_parent(table: Table, matcher: Matcher, day: str) -> None:
    """A table of communes lists one district's communes (of districts, one province's): when most of its linked
    rows are under one parent, a row linked elsewhere (an exact name in another province beats a damaged one at
    home: ``Xã Hai Lừu``) or not linked is linked to the nearest unit of that parent, if near enough; then the
    rows still unlinked are matched with the parent's units no row names yet, each once, nearest first."""
    gaz = matcher.gaz
    rows = [(r, c) for r in table.rows if r.kind == RowKind.DATA and (c := _label_cell(r, table)) is not None]
    units = {r.place_code: gaz.get(r.place_code, day) for r, _ in rows if r.place_code}
    parents = Counter((u.parent_code, u.level) for u in units.values() if u is not None and u.level in ROW_LEVELS)
    if not parents:
        return
    (parent, level), n = parents.most_common(1)[0]
    if n < 3 or n < ROW_PARENT_SHARE * sum(u is not None for u in units.values()):
        return
    children = [u for u in gaz.children(parent, day) if u.level == level]
    above = gaz.get(parent, day)
    home = parent if level != "commune" else above.province_code if above is not None else None  # (the province)
    unlinked = []
    for row, cell in rows:
        u = units.get(row.place_code)
        if u is not None and u.parent_code == parent:
            continue
        named = _row_name(cell)
        if named is None:
            rest = _damaged_level_name(cell) if u is None else None
            if rest:  # only against the units no row names: the level word cannot tell the type
                unlinked.append((row, rest, children))
            continue
        name, types = named
        kin = [c for c in children if not types or c.type in types] or children
        scored = sorted(((matcher.score(name, c), c.code) for c in kin), reverse=True)
        words = fold(name).split()
        # a name whose last words OCR lost with the cell's second line ("Xã Trạm" / "Tấu"): the one unit of the
        # parent whose name starts with those words
        starting = [c for c in kin if words and fold(c.short).split()[:len(words)] == words]
        if scored and scored[0][0] >= ROW_PARENT_MIN and (len(scored) == 1 or scored[0][0] - scored[1][0] >= ROW_PARENT_MARGIN):
            best = gaz.get(scored[0][1], day)
        elif len(starting) == 1:
            best = starting[0]
        else:
            if u is not None and u.province_code == home and (key(name) == key(u.short)
                                                              or key(cell.best) in (key(u.short), key(u.name))):
                continue  # the exact name of a unit of another district of the province, none like it at home:
                # that unit (A621); of another province, more likely a name OCR damaged: left unlinked
            if u is not None:  # linked to a unit of another parent, nothing near at home: a doubtful link
                row.place_code, row.place_name, row.place_status = None, None, MatchStatus.AMBIGUOUS
            unlinked.append((row, name, kin))
            continue
        row.place_code, row.place_name, row.place_status = best.code, best.name, MatchStatus.MATCHED
    _rows_to_free_units(table, unlinked, matcher, day)


def _rows_to_free_units(table: Table, unlinked: list, matcher: Matcher, day: str) -> None:
    """``unlinked`` (row, name, the parent's units of the row's type) matched with the units no row of ``table``
    names, nearest pair first, each unit once: a pair counts when its similarity reaches ``ROW_FREE_MIN`` and
    leads the row's next free unit by ``ROW_FREE_MARGIN``."""
    claimed = {r.place_code for r in table.rows if r.place_code}
    pairs = []
    for row, name, kin in unlinked:
        scored = sorted(((matcher.score(name, c), c.code) for c in kin if c.code not in claimed), reverse=True)
        if scored and scored[0][0] >= ROW_FREE_MIN and (len(scored) == 1 or scored[0][0] - scored[1][0] >= ROW_FREE_MARGIN):
            pairs.append((scored[0][0], -row.index, row, scored[0][1]))
    for _, _, row, code in sorted(pairs, key=lambda p: p[:2], reverse=True):  # nearest first, then the upper row
        if code in claimed:
            continue
        unit = matcher.gaz.get(code, day)
        row.place_code, row.place_name, row.place_status = unit.code, unit.name, MatchStatus.MATCHED
        claimed.add(code)


def link_figures(doc: Document, matcher: Matcher, day: str, context: dict[str, float]) -> None:
    """A figure about one unit below the report's own (``about``: ``huyện Si Ma Cai``) gets that unit's code; not
    the report's own unit (``Bản Hon`` in the report of xã Bản Hon is one of its villages)."""
    own = {u.code for u in (doc.units.subject, doc.units.issuer) if u is not None}
    for f in doc.figures:
        about = f.attrs.get("about")
        if not about or "place_code" not in KINDS.get(f.kind, KINDS["count"]).attrs:
            continue
        r = link_name(matcher, str(about), day, context)
        if r.status == "matched" and r.unit is not None and r.unit.code not in own:
            f.attrs["place_code"] = r.unit.code


_LEVEL_AT_START = level_word_pattern()


def link_name(matcher: Matcher, text: str, day: str, context: dict[str, float]) -> Match:
    """A unit written on its own (a table cell, ``huyện Si Ma Cai``): its level word gives the types, the
    rest the name; without a level word it is a bare name."""
    m = _LEVEL_AT_START.match(skeleton(text).lstrip())
    lead = len(text) - len(text.lstrip())
    if m and not m.group("cac"):
        name = text[lead + m.end():].strip(" .,:;")
        r = matcher.match(name, day, types=types_for(m.group("lw")), context=context)
        if r.status == "matched":
            return r
        # ("Tịnh Thọ", a commune of Sơn Tịnh: its first word folds to the level word "tỉnh" and names no level)
        whole = matcher.match(text.strip(), day, context=context, bare=True)
        return whole if whole.status == "matched" else r
    return matcher.match(text.strip(), day, context=context, bare=True)


def link(matcher: Matcher, m: Mention, day: str, context: dict[str, float] | None = None) -> Match:
    """Try every name length the mention allows (and a continuation on the next line); keep the best."""
    bare = m.kind in ("bare", "place_date")
    names = [name for _, name in m.options]
    if m.continuation:
        names.insert(0, f"{m.options[0][1]} {m.continuation}")
    best: Match | None = None
    for name in names:
        r = matcher.match(name, day, types=m.types, context=context, bare=bare)
        rank = ({"matched": 2, "ambiguous": 1}.get(r.status, 0), r.score)
        if best is None or rank > ({"matched": 2, "ambiguous": 1}.get(best.status, 0), best.score):
            best, m.extra["name"] = r, name
    return best or Match("unmatched")


def keep(m: Mention, r: Match) -> bool:
    """Drop what is no place: a bare name that links nowhere, an abbreviation that links nowhere (``P. BAN
    THƯỜNG TRỰC`` is Phó Ban), a level word before a plain word (quản lý)."""
    if m.kind == "bare":
        return r.status == "matched"
    if m.abbreviated:
        return r.status != "unmatched"
    return r.status != "unmatched" or r.score >= UNMATCHED_KEEP


def home_units(gaz: Gazetteer, results: list[Match], day: str) -> tuple[str | None, str | None]:
    """The province most of the document's mentions point into, and its most named district."""
    units = [r.unit for r in results if r.status == "matched" and r.unit]
    votes = Counter(u.province_code for u in units)
    if not votes:
        return None, None
    province = votes.most_common(1)[0][0]
    districts = Counter(u.code if u.level == "district" else u.parent_code for u in units
                        if u.province_code == province and u.level != "province")
    district = districts.most_common(1)[0][0] if districts else None
    if district and (d := gaz.get(district, day)) is not None and d.level != "district":
        district = None
    return province, district


def bare_names(gaz: Gazetteer, province: str, day: str) -> dict[str, list[Unit]]:
    """fold(short name) -> units, for the province and its units valid on the day (names of 2+ words)."""
    out: dict[str, list[Unit]] = {}
    units = [gaz.get(province, day)] + gaz.children(province, day)
    for u in units:
        if u is not None and len(u.short.split()) >= 2:
            out.setdefault(fold(u.short), []).append(u)
    return out


def to_place(doc: Document, gaz: Gazetteer, m: Mention, r: Match) -> Place:
    line = doc.line(m.page, m.line)
    name = m.extra.get("name", m.options[0][1])
    end = m.end
    for e, n in m.options:  # the span ends where the chosen name ends on this line
        if name.startswith(n):
            end = e
            break
    span = make_span(doc, m.page, m.line, m.start, end, restored=line.restored is not None)
    unit = r.unit if r.status == "matched" else None
    return Place(
        mention=line.best[m.start:end] + (f" {m.continuation}" if m.continuation and name.endswith(m.continuation)
                                           else ""),
        span=span,
        level=unit.level if unit else _level_of(m, r),
        status=r.status,
        code=unit.code if unit else None,
        name=unit.name if unit else None,
        score=r.score,
        candidates=[_with_parent_name(gaz, c) for c in (r.candidates if r.status != "matched" else r.candidates[:3])],
        successors=gaz.successors(unit.code) if unit and unit.valid_to else [],
    )


def _with_parent_name(gaz: Gazetteer, candidate: dict) -> dict:
    """A candidate unit with the name of the unit above it (``parent_name``), for messages that name it."""
    parent = gaz.get(candidate["parent_code"], candidate.get("valid_to") or None) if candidate.get("parent_code") else None
    return candidate | {"parent_name": parent.name} if parent is not None else candidate


def _level_of(m: Mention, r: Match) -> str | None:
    levels = {c["level"] for c in r.candidates}
    return levels.pop() if len(levels) == 1 else None


def add_coverage_totals(doc: Document, gaz: Gazetteer, day: str) -> None:
    """For ``13/13 xã, thị trấn``: how many such units the subject unit had on the document date."""
    code = doc.units.subject.code if doc.units.subject else None
    unit = gaz.get(code, day) if code else None
    if unit is None or unit.level == "commune":
        return
    for f in doc.figures:
        if f.kind != "coverage" or f.attrs.get("within"):
            continue  # "Khu vực II ... 09/10 xã": a part of the area's units, not all of them
        kind = skeleton(str(f.attrs.get("unit_kind") or ""))
        if not any(w in kind for w in ("xa", "phuong", "thi tran", "huyen", "quan", "thanh pho")):
            continue  # "07/10 đơn vị": bodies of every kind, no administrative units to count
        level = "district" if any(w in kind for w in ("huyen", "quan", "thi xa")) else "commune"
        units = gaz.children(unit.code, day, level)
        # "5/5 phường" in a city of phường and xã: only the units of the types it names (the xã alone: below)
        named = {t for t in {u.type for u in units} if skeleton(t) in re.split(r"\s*(?:,|\bva\b)\s*", kind)}
        if named and "Xã" not in named and len(named) < len({u.type for u in units}) and level == "commune":
            units = [u for u in units if u.type in named]
        f.attrs["gazetteer_total"] = len(units)
        f.attrs["gazetteer_unit"] = unit.code
        ident = doc.identity
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", f"{ident.period or ''} {ident.title or ''}")] \
            if ident is not None else []
        # (the past period's last year: "giai đoạn 2020 - 2024 và định hướng giai đoạn 2025 - 2029" dated 2025)
        year = ident.report_year if ident is not None and ident.report_year else \
            max((y for y in years if f"{y}-12-31" < day), default=None)
        if year is not None and f"{year}-12-31" < day:
            # a report of a past year (a five-year review dated in January): the units the year ended with count too
            f.attrs["gazetteer_period_total"] = gaz.children_count(unit.code, f"{year}-12-31", level)
        if level == "commune" and re.search(r"(?<!thi )\bxa\b", kind) and not re.search(r"phuong|thi tran", kind):
            # "Toàn huyện có 16 xã" where the district also has a thị trấn: the xã alone may be what is counted
            f.attrs["gazetteer_xa_total"] = sum(u.type == "Xã" for u in gaz.children(unit.code, day, level))
