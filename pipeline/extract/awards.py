"""Awards: ``Bằng khen UBND tỉnh: 1 tập thể, 1 cá nhân, 1 hộ gia đình`` (award_count per recipient
type, with form, issuer and level) and the totals a report sums them to (``tôn vinh khen thưởng 46
tập thể, 205 cá nhân``: award_total, level all/province/district from the section or the text).

Awards broken down in a table (a row per district or commune, columns ``Tập thể`` / ``Cá nhân``): each row's
counts are award_count figures, and the counts of the sentence that introduces the table (``tặng Giấy khen ...
cho 14 tập thể, 72 cá nhân. Kết quả cụ thể:``) are the total they add up to, at that sentence's level.
"""

from __future__ import annotations

import re

from pipeline.extract.nlp import NHAN, NUM, NUM_WORDS, PatternSet
from pipeline.extract.paragraphs import SUM_WORDS, starts_item
from pipeline.extract.spans import LEVEL_WORDS, Figures, Paragraph, View, cell_confidence
from pipeline.model import Document, RecipientType, RowKind, Table
from pipeline.numbers import NUMBER_WORDS, parse_count, parse_number
from pipeline.text import match_form, normalize_ws

_IN_WORDS = [{"ORTH": "("}, {"IS_ALPHA": True, "OP": "{1,4}"}, {"ORTH": ")"}]  # "06 (sáu) tập thể": its words
_TYPES = {
    "tập thể": [{"LOWER": "tap"}, {"LOWER": "the"}],
    "cá nhân": [{"LOWER": {"IN": ["ca", "co", "ce"]}}, NHAN],  # OCR and restoration: "cé nhan", "có nhân"
    "hộ gia đình": [{"LOWER": {"IN": ["ho", "hd"]}}, {"LOWER": "gia"}, {"LOWER": "dinh"}],
}
# "mười hai tập thể": a count in words too
_TIMES = {"LOWER": "luot", "OP": "?"}  # "73 lượt cá nhân": awards counted as times given
PATTERNS = {rt: [[NUM, _TIMES, *words], [NUM, *_IN_WORDS, *words], [NUM_WORDS, _TIMES, *words]]
            for rt, words in _TYPES.items()}
FORMS = [
    (re.compile(r"\bbang khen\b"), "Bằng khen"),
    (re.compile(r"\bg\w{1,3}y ?kh[ec]n\b"), "Giấy khen"),  # OCR "Gidy khen", glued "Giaykhen", "Giấy khcn"
    (re.compile(r"\bky niem chuong\b"), "Kỷ niệm chương"),
    (re.compile(r"\bhuy chuong\b"), "Huy chương"),
    (re.compile(r"\bco thi dua\b"), "Cờ thi đua"),
    (re.compile(r"\bthu khen\b"), "Thư khen"),
    # a certificate given as an honour ("tặng Giấy chứng nhận cho 42 cá nhân hiến máu từ 5 lần trở lên"); counted
    # only where a recipient type follows and the words around speak of awards, like every form
    (re.compile(r"\bgiay chung nhan\b"), "Giấy chứng nhận"),
]
ISSUERS = [
    (re.compile(r"\b(?:trung uong|tw) hoi (?:ctd|chu thap do)(?: viet nam)?"), "Trung ương Hội CTĐ Việt Nam", "province"),
    (re.compile(r"\bban chap hanh hoi (?:ctd|chu thap do) tinh"), "Ban Chấp hành Hội CTĐ tỉnh", "province"),
    (re.compile(r"\blien doan lao dong tinh"), "Liên đoàn Lao động tỉnh", "province"),
    (re.compile(r"\bdoan (?:tncs|thanh nien cong san) ho chi minh"), "Đoàn TNCS Hồ Chí Minh", "province"),
    (re.compile(r"\b(?:ubnd|uy ban nhan dan) tinh"), "UBND tỉnh", "province"),
    (re.compile(r"\b(?:ubnd|uy ban nhan dan) (?:cap )?(?:huyen|thanh pho)"), "UBND huyện", "district"),
    (re.compile(r"\b(?:ubnd|uy ban nhan dan) (?:cap )?(?:xa|phuong|thi tran)"), "UBND xã", "commune"),
    (re.compile(r"\bbo (?:truong bo )?y te"), "Bộ Y tế", "national"),
    (re.compile(r"\bban chi dao quoc gia"), "Ban Chỉ đạo quốc gia vận động hiến máu tình nguyện", "national"),
    (re.compile(r"\bvien huyet hoc"), "Viện Huyết học - Truyền máu Trung ương", "national"),
    (re.compile(r"\b(?:trung uong|tw) doan"), "Trung ương Đoàn", "national"),
    (re.compile(r"\bso y te"), "Sở Y tế", "province"),
    (re.compile(r"(?<!chap hanh )\bhoi (?:ctd|chu thap do) tinh"), "Hội CTĐ tỉnh", "province"),
    (re.compile(r"\bban chi dao (?:van dong hien mau (?:tinh nguyen )?)?tinh"), "BCĐ tỉnh", "province"),
    (re.compile(r"\bhoi (?:ctd|chu thap do) (?:huyen|thanh pho|thi xa)"), "Hội CTĐ huyện", "district"),
    (re.compile(r"\bban chi dao (?:van dong hien mau (?:tinh nguyen )?)?(?:huyen|thanh pho|thi xa)"), "BCĐ huyện",
     "district"),
    (re.compile(r"\bhoi (?:ctd|chu thap do) (?:xa|phuong|thi tran)"), "Hội CTĐ xã", "commune"),
    (re.compile(r"\bthu tuong chinh phu"), "Thủ tướng Chính phủ", "national"),
    (re.compile(r"\bchu tich nuoc"), "Chủ tịch nước", "national"),
]
_AWARD_WORDS = re.compile(r"kh[ec]n\b|khen|ton vinh|bieu duong")  # ("Giấy khcn": OCR)
_ALL_LEVELS = re.compile(r"\bcac cap\b")
_PUNCT_RUN = re.compile(r"[^\w\s]+|_+")
_SPACE_RUN = re.compile(r"\s+")


def words_only(clause: str) -> str:
    """The clause with punctuation as spaces and spaces collapsed: OCR dust inside a name
    (``Liên đoàn: Lao động``, ``Ban Chấp hành” Hội``, ``các - cấp``) no longer hides it. Keeps the
    order of words, which is all the callers compare."""
    return _SPACE_RUN.sub(" ", _PUNCT_RUN.sub(" ", clause))


_NAMED_LEVEL = re.compile(r"\bcap (tinh|huyen|xa|thanh pho|co so)\b")


def level_of(p: Paragraph, clause: str, issuer_level: str | None) -> str | None:
    """The section's level; else "các cấp" (all); else the level the clause names (``Lễ tôn vinh cấp tỉnh
    có 38 tập thể``: the last one before the count); else the issuer's."""
    if p.level:
        return p.level
    words = words_only(clause)
    if _ALL_LEVELS.search(words):
        return "all"
    named = _NAMED_LEVEL.findall(words)
    if len({LEVEL_WORDS[n] for n in named}) > 1 and re.search(r"\bva\s+cap\b|,\s*cap\b", words):
        return "all"  # "Quỹ cấp huyện và cấp xã đã tiếp nhận ...": the levels together
    return LEVEL_WORDS[named[-1]] if named else issuer_level


FINDER = PatternSet(PATTERNS)


# Table columns that count award recipients (``pipeline.tables.vocabulary``), by recipient type.
AWARD_COLUMNS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}
TABLE_LEAD = 120  # characters (the "Đơn vị tính" line, a caption) between a sentence and the table it introduces


def award_tables(view: View, doc: Document | None) -> list[tuple[Table, int]]:
    """Tables with a column counting award recipients, each with where it starts in the view's text."""
    out = []
    for table in doc.tables if doc is not None else []:
        if not any(c.meaning in AWARD_COLUMNS for c in table.columns):
            continue
        starts = [r[0] for row in table.rows for c in row.cells if c.span is not None
                  and (r := view.range_of(c.span)) is not None]
        if starts:
            out.append((table, min(starts)))
    return out


def _introduces_table(view: View, p: Paragraph, tables: list[tuple[Table, int]]) -> Table | None:
    """The award table that follows the paragraph (little text between): its counts are the table's total."""
    return next((t for t, start in tables if 0 <= start - p.end and len(view.norm[p.end:start].strip()) <= TABLE_LEAD),
                None)


def _column_total(table: Table, recipient: str) -> float | None:
    """What a recipient column of an award table adds up to: its total row, else the sum of its rows."""
    col = next((c.index for c in table.columns if AWARD_COLUMNS.get(c.meaning or "") == recipient), None)
    if col is None:
        return None
    total = next((r.cell(col) for r in table.rows if r.kind == RowKind.TOTAL and r.cell(col) is not None), None)
    if total is not None and total.value is not None:
        return float(total.value)
    values = [r.cell(col).value for r in table.data_rows() if r.cell(col) is not None]
    return float(sum(values)) if values and all(v is not None for v in values) else None


def _table_totals(pending: list, figs: Figures) -> None:
    """Of the counts a paragraph gives before the award table it introduces, which are the table's total: per
    recipient type, none when the paragraph states a total without an award form (``Tổng số được khen thưởng là
    28 tập thể``) — its counts by form and issuer are then counts; else the one the table's column adds up to,
    else the last (nearest the table). The others are counts of their form and issuer."""
    groups: dict[tuple[int, str], list] = {}
    for item in pending:
        groups.setdefault((item["para"], item["recipient"]), []).append(item)
    formless = set()  # (paragraph, recipient type) of the totals stated without an award form
    for f in figs.items:
        if f.kind == "award_total" and f.attrs.get("award_form") is None and (r := figs.view.range_of(f.span)):
            formless.add((figs.view.paragraph_at(r[0]).start, f.attrs.get("recipient_type")))
    for (para, recipient), items in groups.items():
        stated = (para, recipient) in formless
        total = None
        if not stated:
            column = _column_total(items[0]["table"], recipient)
            total = next((i for i in items if column is not None and i["value"] == column), items[-1])
        for item in items:
            if item is total:
                figs.add("award_total", item["value"], item["s"], item["e"], attrs=item["total_attrs"],
                         label=f"tổng khen thưởng ({recipient})")
            else:
                figs.add("award_count", item["value"], item["s"], item["e"], attrs=item["count_attrs"],
                         label=f"{item['count_attrs']['award_form']} ({recipient})")


def extract(view: View, figs: Figures, tables: list[tuple[Table, int]] = ()) -> None:
    """Award counts and totals of the prose; ``tables``: the document's award tables (``award_tables``)."""
    toks = view.tokens
    authority = _authority(view)
    pending: list[dict] = []  # counts before an award table: its total, or counts (``_table_totals``)
    for recipient, i, j in FINDER.find(toks):
        if i > 0 and toks.doc[i].lower_ == "nam" and toks.doc[i - 1].lower_ == "viet":
            continue  # "Trung ương Hội CTĐ Việt Nam | Tập thể": a name, not "năm tập thể"
        k = i + 1  # a count in words runs over its words ("mười hai")
        while k < j and toks.doc[i].lower_ in NUMBER_WORDS and toks.doc[k].lower_ in NUMBER_WORDS:
            k += 1
        s, e = toks.char_span(i, k)
        p = view.paragraph_at(s)
        clause = view.clause_before(p, s)
        after_list = _SUM_OPENS.match(view.norm[p.start:p.end]) and _after_award_list(view, p)
        if not _AWARD_WORDS.search(view.around(p, s)) and not after_list and not _under_award_header(view, p):
            continue
        value = parse_count(view.norm[s:e])
        if not isinstance(value, int):
            continue
        if COMBINED.match(view.norm, s) and not any(rx.search(words_only(clause)) for rx, _ in FORMS):
            continue  # "36 tập thể, cá nhân được khen thưởng": every recipient's total (``combined_totals``)
        form = next((name for rx, name in FORMS if rx.search(words_only(clause))), None)
        issuer = _nearest_issuer(clause) or _listed_issuer(view, p, s)
        if issuer is None and _ARTICLE.match(view.norm[p.start:p.end]):
            issuer = authority  # "Điều 1. Tặng Giấy khen cho ...": the decision's own authority gives them
        given = None
        if form is None:  # the passive: "03 tập thể và 09 cá nhân được Chủ tịch UBND huyện tặng Giấy khen"
            given = _GIVEN_AFTER.match(view.norm[e:view.clause_end(p, e)])
            if given:
                form = next((name for rx, name in FORMS if rx.search(words_only(given.group(1)))), None)
                issuer = _nearest_issuer(given.group(1)) or issuer
        year = view.year_and_drive(p, s)[0]
        level = level_of(p, clause, issuer[1] if issuer else None)
        count_attrs = {"award_form": form, "award_issuer": issuer[0] if issuer else None, "recipient_type": recipient,
                       "level": level, "year": year}
        table = _introduces_table(view, p, tables) if form else None
        if table is not None:  # broken down in the table below: its total, or one of several counts
            pending.append({"para": p.start, "recipient": recipient, "value": value, "s": s, "e": e, "table": table,
                            "count_attrs": count_attrs, "total_attrs": {"recipient_type": recipient, "level": level,
                                                                        "year": year, "award_form": form}})
        elif form:
            figs.add("award_count", value, s, e, attrs=count_attrs, label=f"{form} ({recipient})")
        elif _AWARD_WORDS.search(clause) or given or after_list:
            # "... được khen thưởng" with no form, or "Tổng số: 17 tập thể" under a list of awards: a total
            attrs = {"recipient_type": recipient, "level": level_of(p, clause, None), "year": year}
            figs.add("award_total", value, s, e, attrs=attrs, label=f"tổng khen thưởng ({recipient})")
    _table_totals(pending, figs)


_SUM_OPENS = re.compile(rf"^\W*(?:{SUM_WORDS}|cong)\b")
_ARTICLE = re.compile(r"^\W*dieu\s+\d{1,2}\b")  # an article of a decision ("Điều 1. Tặng ...")
# a decision's authority, in capitals above "QUYẾT ĐỊNH:" ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THAN UYÊN")
_AUTHORITY = re.compile(r"^\W*chu tich (?:uy ban nhan dan|ubnd) [^\n]{0,60}$")
_DECIDES = re.compile(r"^\W*quyet dinh\s*:")


def _authority(view: View) -> tuple[str, str] | None:
    """The issuer a decision's authority line names, when the document decides (``QUYẾT ĐỊNH:`` after it)."""
    for k, p in enumerate(view.paragraphs):
        text = view.para_norm(p)
        if _AUTHORITY.match(text) and any(_DECIDES.match(view.para_norm(q)) for q in view.paragraphs[k + 1:k + 8]):
            return _nearest_issuer(text)
    return None


def _under_award_header(view: View, p: Paragraph) -> bool:
    """A list item (``- Giấy chứng nhận của Ban Chỉ đạo huyện: 38 cá nhân;``) under a header that speaks of awards
    (``Các hình thức khen thưởng trong năm gồm:``), the items between it and the header all items."""
    if p not in view.paragraphs or not starts_item(view.text[p.start:p.end]):
        return False
    k = view.paragraphs.index(p)
    for q in reversed(view.paragraphs[max(0, k - LIST_REACH):k]):
        text = view.text[q.start:q.end]
        if not starts_item(text):
            return text.rstrip().endswith(":") and bool(_AWARD_WORDS.search(view.para_norm(q)))
    return False


def _after_award_list(view: View, p: Paragraph) -> bool:
    """The paragraph right after a list item about awards (``- Giấy khen của ...: 5 tập thể ...``)."""
    k = view.paragraphs.index(p) if p in view.paragraphs else -1
    if k <= 0:
        return False
    prev = view.paragraphs[k - 1]
    return starts_item(view.text[prev.start:prev.end]) and bool(_AWARD_WORDS.search(view.para_norm(prev)))


# after the recipients, what they were given and by whom ("... được Chủ tịch UBND huyện tặng Giấy khen")
_GIVEN_AFTER = re.compile(r"^(?:[^;]{0,60}?)\bduoc\b([^;]{0,80}?\b(?:tang|trao|khen thuong)\b"
                          r"(?:(?!\btrong do\b|\bgom\b|\bcu the\b)[^;:]){0,40})")


_TYPE = r"(?:tap the|ca nhan|ho gia dinh)"
# one number over two or three recipient types (``Tổng cộng có 25 lượt tập thể, cá nhân, hộ gia đình được khen
# thưởng``): a total of every award, whatever its recipient
COMBINED = re.compile(rf"\b(\d[\d.]*)\s+(?:luot\s+)?{_TYPE}(?:\s*(?:,|va)\s*{_TYPE}){{1,2}}\b")
ALL_RECIPIENTS = RecipientType.ALL.value  # the recipient_type of such a total
_PARTS_IN_BRACKETS = re.compile(r"\s*\(\s*(?:gom|bao gom|trong do)\b[^()]*\)")


def combined_totals(view: View, figs: Figures) -> None:
    """A number followed by two or three recipient types in a clause about awards is the total of all awards,
    every recipient (``recipient_type`` "all"), at the clause's level (all levels when none is named)."""
    for m in COMBINED.finditer(view.norm):
        s, e = m.span(1)
        p = view.paragraph_at(s)
        value = parse_number(view.norm[s:e])
        if not isinstance(value, int) or not _AWARD_WORDS.search(view.around(p, s)):
            continue
        taken = [f for f in figs.items if f.kind in ("award_count", "award_total") and view.range_of(f.span) == (s, e)]
        if any(f.kind == "award_total" for f in taken):
            continue
        level = level_of(p, view.clause_before(p, s), None) or "all"
        attrs = {"recipient_type": ALL_RECIPIENTS, "level": level, "year": view.year_and_drive(p, s)[0]}
        for f in taken:  # "cho 15 tập thể, cá nhân (gồm 04 tập thể và 10 cá nhân)": no count of collectives alone
            figs.items.remove(f)
            attrs.update({k: f.attrs[k] for k in ("award_form", "level") if f.attrs.get(k)})
        total = figs.add("award_total", value, s, e, attrs=attrs, label="tổng khen thưởng (mọi đối tượng)")
        aside = _PARTS_IN_BRACKETS.match(view.norm, e + len(m.group(0)) - len(m.group(1)))
        if aside is not None:  # its parts in the brackets after it, each of its own type
            for f in figs.items:
                r = view.range_of(f.span) if f.kind == "award_count" else None
                if r is not None and aside.start() <= r[0] < aside.end() and "part_of" not in f.attrs:
                    f.attrs["part_of"] = total.id


_OWN_BRACKETS = re.compile(r"\s*(?:tap the|ca nhan|ho gia dinh|nguoi)?\s*\(([^()]*)\)")


def bracketed_parts(view: View, figs: Figures) -> None:
    """Award counts in the brackets right after an award count, of its recipient type (``35 cá nhân (12 cá nhân
    hiến máu từ 10 lần trở lên, 23 cá nhân từ 5 đến 9 lần)``): its parts, no awards of their own."""
    for whole in [f for f in figs.items if f.kind == "award_count" and "part_of" not in f.attrs]:
        rng = view.range_of(whole.span)
        aside = _OWN_BRACKETS.match(view.norm, rng[1]) if rng is not None else None
        if aside is None:
            continue
        for f in figs.items:
            r = view.range_of(f.span) if f.kind == "award_count" and f is not whole else None
            if r is not None and aside.start(1) <= r[0] < aside.end(1) and "part_of" not in f.attrs \
                    and f.attrs.get("recipient_type") == whole.attrs.get("recipient_type"):
                f.attrs["part_of"] = whole.id


def table_awards(view: View, figs: Figures, tables: list[tuple[Table, int]]) -> None:
    """Each data row of an award table gives an award_count per recipient column, at the level, year and
    form of the total that introduces the table (else of the table's section)."""
    for table, start in tables:
        p = view.paragraph_at(start)
        before = [f for f in figs.items if f.kind == "award_total" and (r := view.range_of(f.span)) is not None
                  and 0 <= start - view.paragraph_at(r[0]).end <= TABLE_LEAD + 1]
        cols = {c.index: AWARD_COLUMNS[c.meaning] for c in table.columns if c.meaning in AWARD_COLUMNS}
        for row in table.data_rows():
            for col, recipient in cols.items():
                cell = row.cell(col)
                rng = view.range_of(cell.span) if cell is not None and cell.span is not None else None
                if rng is None or not isinstance(cell.value, int | float) or cell.value != int(cell.value):
                    continue
                total = next((f for f in before if f.attrs.get("recipient_type") == recipient), None)
                src = total.attrs if total is not None else {"level": p.level, "year": p.year}
                attrs = {"award_form": src.get("award_form"), "award_issuer": None, "recipient_type": recipient,
                         "level": src.get("level"), "year": src.get("year"), "table": table.id, "row": row.index,
                         "column": col, "row_label": row.label or None}
                figs.add("award_count", int(cell.value), *rng, attrs=attrs, confidence=cell_confidence(cell),
                         label=f"{row.label or row.index} ({table.columns[col].header})")


_RECIPIENT_CELL = {"tap the": "tập thể", "ca nhan": "cá nhân", "ho gia dinh": "hộ gia đình"}


def _recipient_column(table: Table) -> int | None:
    """The column whose cells name each row's recipient type (``Đối tượng``: Tập thể / Cá nhân), every data row's."""
    rows = table.data_rows()
    for col in table.columns:
        cells = [r.cell(col.index) for r in rows]
        if len(rows) >= 2 and all(c is not None and normalize_ws(match_form(c.best)) in _RECIPIENT_CELL for c in cells):
            return col.index
    return None


def row_awards(view: View, figs: Figures, doc: Document | None) -> None:
    """A table with one award per row (``Hình thức, cấp tặng | Đối tượng | Số lượng | Mức thưởng | Thành tiền``):
    each row's number is an award_count of the form and issuer its name gives, to the recipient type its cell says;
    the totals by recipient type the paragraph before the table states (``17 tập thể, 106 cá nhân``) are the totals
    of the rows of that type, and the total row's number the total of every recipient and level."""
    for table in doc.tables if doc is not None else []:
        who, qty = _recipient_column(table), table.column("quantity")
        if who is None or qty is None or any(c.meaning in AWARD_COLUMNS for c in table.columns):
            continue
        starts = [r[0] for row in table.rows for c in row.cells if c.span is not None
                  and (r := view.range_of(c.span)) is not None]
        if not starts:
            continue
        p = view.paragraph_at(min(starts))
        named = table.column("award_form")
        counts = []
        for row in table.data_rows():
            cell = row.cell(qty.index)
            rng = view.range_of(cell.span) if cell is not None and cell.span is not None else None
            if rng is None or not isinstance(cell.value, int | float) or cell.value != int(cell.value):
                continue
            name = row.cell(named.index).best if named is not None and row.cell(named.index) is not None else ""
            form = next((n for rx, n in FORMS if rx.search(words_only(match_form(name)))), None)
            issuer = _nearest_issuer(match_form(name))
            recipient = _RECIPIENT_CELL[normalize_ws(match_form(row.cell(who).best))]
            attrs = {"award_form": form, "award_issuer": issuer[0] if issuer else None, "recipient_type": recipient,
                     "level": level_of(p, match_form(name), issuer[1] if issuer else None), "year": p.year,
                     "table": table.id, "row": row.index, "column": qty.index, "row_label": row.label or None}
            counts.append(figs.add("award_count", int(cell.value), *rng, attrs=attrs, confidence=cell_confidence(cell),
                                   label=f"{form or name} ({recipient})"))
        # the totals by recipient type the paragraph introducing the table states (``17 tập thể, 106 cá nhân``):
        # the rows of their type are their parts (A204)
        lead = [f for f in figs.items if f.kind == "award_total" and "table" not in f.attrs
                and f.attrs.get("recipient_type") != ALL_RECIPIENTS and (r := view.range_of(f.span)) is not None
                and 0 <= min(starts) - view.paragraph_at(r[0]).end <= TABLE_LEAD + 1
                and not any(g.attrs.get("part_of") == f.id for g in figs.items)]
        for t in lead:
            mine = [f for f in counts if f.attrs["recipient_type"] == t.attrs.get("recipient_type")]
            if len(mine) >= 2:
                for f in mine:
                    f.attrs["part_of"] = t.id
        total_row = next((r for r in table.rows if r.kind == RowKind.TOTAL and r.cell(qty.index) is not None
                          and isinstance(r.cell(qty.index).value, int)), None)
        if total_row is not None and len(counts) >= 2 and (rng := view.range_of(total_row.cell(qty.index).span)):
            # the total row: every recipient's awards, of every level (A202 adds the rows up)
            figs.add("award_total", total_row.cell(qty.index).value, *rng,
                     attrs={"recipient_type": ALL_RECIPIENTS, "level": "all", "year": p.year, "table": table.id,
                            "row": total_row.index, "column": qty.index},
                     confidence=cell_confidence(total_row.cell(qty.index)), label="tổng khen thưởng (bảng)")


LIST_REACH = 12  # lines after a total that ends in ":" where its list of awards may run


def listed_levels(view: View, figs: Figures) -> None:
    """Awards listed under a total that announces them (``Tại Lễ tôn vinh cấp tỉnh có 38 tập thể, 146 cá
    nhân ..., cụ thể theo cấp khen:``) are at the total's level when nothing else gave them one (the
    section heading OCR damaged, an issuer the list of issuers does not know)."""
    totals = []
    for f in figs.items:
        rng = view.range_of(f.span) if f.kind == "award_total" else None
        if rng is not None and f.attrs.get("level") not in (None, "all"):
            p = view.paragraph_at(rng[0])
            if view.text[p.start:p.end].rstrip().endswith(":"):
                totals.append((p.end, f))
    for f in figs.items:
        if f.kind != "award_count" or f.attrs.get("level") is not None or (rng := view.range_of(f.span)) is None:
            continue
        before = [(end, t) for end, t in totals if end <= rng[0]]
        if before:
            end, total = max(before, key=lambda x: x[0])
            if view.text.count("\n", end, rng[0]) <= LIST_REACH:
                f.attrs["level"] = total.attrs["level"]


_BROKEN_DOWN = re.compile(r"^[^.;]*?\b(?:trong do|gom|bao gom|cu the)\s*:")


def breakdowns(view: View, figs: Figures) -> None:
    """Award counts that follow a total's ``trong đó:`` / ``gồm:`` in its sentence (``tôn vinh 45 tập thể và 180
    cá nhân, trong đó: Bộ Y tế tặng Bằng khen cho 02 tập thể ...; Chủ tịch UBND tỉnh ...``), or in the list items
    after it when the colon ends its paragraph, are its parts (``part_of``), those of its recipient type."""
    for t in [f for f in figs.items if f.kind == "award_total"]:
        rng = view.range_of(t.span)
        if rng is None:
            continue
        p = view.paragraph_at(rng[0])
        m = _BROKEN_DOWN.match(view.norm[rng[1]:p.end])
        if m is None:
            continue
        end = view.sentence_end(p, rng[1] + m.end())
        if not view.norm[rng[1] + m.end():p.end].strip() and p in view.paragraphs:
            # "Tổng số được khen thưởng ... là 09 tập thể và 51 cá nhân, cụ thể:" then "- Bộ Tư lệnh ... 02 tập thể,
            # 06 cá nhân;" ...: the list items after it
            k = view.paragraphs.index(p) + 1
            while k < len(view.paragraphs) and starts_item(view.text[view.paragraphs[k].start:view.paragraphs[k].end]):
                end = view.paragraphs[k].end
                k += 1
        for f in figs.items:
            r = view.range_of(f.span) if f.kind == "award_count" else None
            if r is not None and rng[1] + m.end() <= r[0] < end and "part_of" not in f.attrs \
                    and f.attrs.get("recipient_type") == t.attrs.get("recipient_type"):
                f.attrs["part_of"] = t.id


_SUMMING = re.compile(rf"\b(?:{SUM_WORDS}|nhu vay)\b[^.;]*$|^\W*cong\W*$")


def summaries(view: View, figs: Figures) -> None:
    """A total the paragraph states after its awards, in words that sum (``Tổng số được khen thưởng là 28 tập thể
    và 85 cá nhân`` after ``Chủ tịch UBND tỉnh tặng Bằng khen cho 10 tập thể ...; Ban Chỉ đạo tỉnh tặng Giấy khen
    cho 18 tập thể ...``), at no level of its own, sums the award counts of its recipient type before it in the
    paragraph (``part_of``) that nothing else sums and no table gave."""
    for t in [f for f in figs.items if f.kind == "award_total" and f.attrs.get("level") is None]:
        rng = view.range_of(t.span)
        if rng is None or any(f.attrs.get("part_of") == t.id for f in figs.items):
            continue
        p = view.paragraph_at(rng[0])
        if not _SUMMING.search(view.clause_before(p, rng[0])):
            continue
        lo = p.start
        if _SUM_OPENS.match(view.para_norm(p)) and p in view.paragraphs:  # "Tổng số: ..." under a list of awards
            k = view.paragraphs.index(p)
            while k > 0 and starts_item(view.text[view.paragraphs[k - 1].start:view.paragraphs[k - 1].end]):
                k -= 1
                lo = view.paragraphs[k].start
        parts = [f for f in figs.items if f.kind == "award_count" and "part_of" not in f.attrs
                 and "table" not in f.attrs and f.attrs.get("recipient_type") == t.attrs.get("recipient_type")
                 and (r := view.range_of(f.span)) is not None and lo <= r[0] < rng[0]]
        if len(parts) >= 2:
            for f in parts:
                f.attrs["part_of"] = t.id


_ITEM_ISSUER = re.compile(r"^\s*[-+*•]\s*([^:;.\d]{3,80}?)\s*:")  # a list item's words before its colon, no figure


def _listed_issuer(view: View, p: Paragraph, pos: int) -> tuple[str, str | None] | None:
    """The issuer a list item names before its colon (``- Tỉnh Đoàn Hà Giang: Bằng khen cho ...``)."""
    m = _ITEM_ISSUER.match(view.text[p.start:pos])
    if m is None or not re.search(r"\b(?:khen|tang|trao)\b", view.norm[p.start + m.end():pos]):
        return None
    return normalize_ws(m.group(1)), None


_LIST_HEAD = re.compile(r"\b(tap the|ca nhan|ho gia dinh)\s*\(\s*(\d{1,4})\s*\)\s*:")
_ATTACHED = re.compile(r"^\W*(?:co )?danh sach kem theo|^\W*theo danh sach")


def lists(view: View, figs: Figures) -> None:
    """``Tập thể (07): A; B; ...; G.``: the count a list heading states, and how many items it lists (the items
    run to the paragraph's end, separated by semicolons). A list "kèm theo" (attached) is not counted here."""
    for m in _LIST_HEAD.finditer(view.norm):
        p = view.paragraph_at(m.start())
        rest = view.text[m.end():p.end].strip()
        if not rest or _ATTACHED.match(view.norm[m.end():p.end]):
            continue
        items = [i for i in re.split(r";", rest.rstrip(" .")) if i.strip()]
        recipient = {"tap the": "tập thể", "ca nhan": "cá nhân", "ho gia dinh": "hộ gia đình"}[m.group(1)]
        figs.add("award_list", int(m.group(2)), m.start(2), m.end(2),
                 attrs={"recipient_type": recipient, "listed": len(items)}, label=f"danh sách {recipient}")


_TYPE_HEADING = re.compile(r"^\W*(?:[a-z]\s*[).]|[ivx]+\.|\d+\.)?\s*(tap the|ca nhan|ho gia dinh)\s*:?\s*$"
                           # a line that ends opening the list ("... Các tập thể gồm:", "Danh sách cá nhân như sau:")
                           r"|^.*?\b(?:cac|danh sach)\s+(tap the|ca nhan|ho gia dinh)\b[^:.;]{0,40}\b(?:gom|nhu sau|sau)\s*:\s*$")
_NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-+*•])\s+\S")
_RECIPIENT = {"tap the": "tập thể", "ca nhan": "cá nhân", "ho gia dinh": "hộ gia đình"}


def numbered_lists(view: View, figs: Figures) -> None:
    """``b) Cá nhân:`` on its own line, then numbered lines (``1. Thiếu tá Lò Văn Thanh, ...``): the recipients
    of that type the text lists, set on the one award count of that type the text gives before them
    (``listed``, checked by A203)."""
    lines = view.lines
    for k, lp in enumerate(lines):
        m = _TYPE_HEADING.match(match_form(view.text[lp.start:lp.end]))
        if m is None:
            continue
        n = 0
        for nxt in lines[k + 1:]:
            text = view.text[nxt.start:nxt.end]
            if not text.strip() and n == 0:
                continue  # a blank line between the heading and its first item
            if not _NUMBERED_ITEM.match(text):
                break
            n += 1
        recipient = _RECIPIENT[m.group(1) or m.group(2)]
        counts = [f for f in figs.items if f.kind == "award_count" and f.attrs.get("recipient_type") == recipient
                  and "table" not in f.attrs and "part_of" not in f.attrs
                  and (r := view.range_of(f.span)) is not None and r[0] < lp.end]
        if n >= 2 and len({f.value for f in counts}) == 1:
            counts[-1].attrs["listed"] = n


def _nearest_issuer(clause: str) -> tuple[str, str] | None:
    best = None
    clause = words_only(clause)
    for rx, name, level in ISSUERS:
        for m in rx.finditer(clause):
            if best is None or m.start() > best[0]:
                best = (m.start(), name, level)
    return (best[1], best[2]) if best else None
