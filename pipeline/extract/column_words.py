"""Figures of the text that a table's column names by its header words.

``Kết quả: đã tiêm được 2.081 trẻ`` under a table whose column ``Đã tiêm`` closes with a total row: the text states
that column's total, whatever it counts (children vaccinated, criteria met, beneficiaries), so the audit can set the
two against each other (A613). Only columns whose header no meaning of the vocabulary names (the others are read by
their meaning: A604), only header words of two syllables or more written exactly so in the text, right before
the number (``đã tiêm được 2.081``, ``Tổng số hộ dân: 1.250``) or right after its noun (``2.069 trẻ trong diện``), and
only when the text gives one value so named.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_count, parse_number
from pipeline.tables.vocabulary import MEANINGS
from pipeline.text import match_form, normalize_ws

_N = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![.,]?\d|\s*%)"
# "đã tiêm được 2.081", "Số trẻ chưa tiêm là 51", "năng suất bình quân 71,4"
_FILLER = r"(?:\s+(?:duoc|la|co|dat|binh quan|trung binh))?\s*:?\s*"
_READ = (None, "count", "area", "output", "yield_rate")  # meanings no family reads: a column of anything, a crop's
_NOUN = r"(?:\s+[a-z]+)?\s+"  # the noun between the number and the header's words: "2.069 trẻ trong diện"
_BRACKETS = re.compile(r"\([^()]*\)")
MIN_WORDS = 2
_YEAR = re.compile(r"(?:19|20)\d\d")  # "năm 2024 và kế hoạch năm 2025": a year, no count
_TARGET = re.compile(r"\b(?:phan dau|du kien|muc tieu|chi tieu|ke hoach)\b")


def _header_words(header: str) -> str:
    words = normalize_ws(_BRACKETS.sub(" ", match_form(header).lower()))
    return re.sub(r"[^a-z ]", " ", words).strip()


def extract(view: View, figs: Figures) -> None:
    tabled = view.table_lines()
    for table in view.doc.tables:
        totals = table.total_rows()
        if len(totals) != 1:
            continue
        for col in table.columns:
            cell = totals[0].cell(col.index)
            other = col.meaning not in _READ  # (another family's meaning: only its "Số <noun> ..." form below)
            if not _unread(col.meaning, view.doc.families) or cell is None or cell.value is None:
                continue  # a column the vocabulary names (a period, a step of screening ...) is read by its meaning
            words = normalize_ws(_header_words(col.header))
            if len(words.split()) < MIN_WORDS or any(normalize_ws(_header_words(c.header)) == words
                                                     for c in table.columns if c is not col):
                continue  # (two columns of the same words, "Tiếp nhận" of two years: which one the text names is not
                # known)
            phrase = r"\s+".join(map(re.escape, words.split()))
            own_digits = set(re.findall(r"\d+", col.header))  # "Sinh con thứ 3+": its 3 is a word of the header
            found = []
            plain = [] if other else [re.compile(r"\b" + phrase + _FILLER + r"(?<![\d.,])" + _N),
                                      re.compile(r"(?<![\d.,/])" + _N + _NOUN + phrase + r"\b")]  # (not 24.035/27.532's whole)
            for rx in (*plain, *_counted(words)):
                for hit in rx.finditer(view.norm):
                    span, ends = view.span(hit.start(1), hit.end(1)), (view.span(hit.start(), hit.start() + 1),
                                                                       view.span(hit.end() - 1, hit.end()))
                    if (span.page, span.line) not in tabled and parse_number(hit.group(1)) is not None \
                            and not _YEAR.fullmatch(hit.group(1)) \
                            and hit.group(1) not in own_digits \
                            and not any((e.page, e.line) in tabled for e in ends) \
                            and not view.norm[max(0, hit.start() - 6):hit.start()].endswith("trong ") \
                            and not view.paragraph_at(hit.start()).plan \
                            and not _earlier_aside(view, hit.start(1)) \
                            and not _TARGET.search(view.sentence_before(view.paragraph_at(hit.start()), hit.start())):
                        # (the header's own words; "Trong số học viên có 347 lao động nữ": a part of them; a plan's
                        # figure under "Kế hoạch năm 2025", or a sentence's aim, "Phấn đấu ... năng suất bình quân 58,0
                        # tạ/ha": no result's)
                        found.append(hit)
            if len({parse_number(h.group(1)) for h in found}) != 1:
                continue
            hit = found[0]
            figs.add("column_total_stated", _value(hit.group(1)), hit.start(1), hit.end(1),
                     attrs={"table": table.id, "column": col.index}, label=f"{col.header} (lời văn)")


# "Biểu số 02/TH. Học sinh tiểu học chia theo xã, thị trấn và khối lớp": what the table counts, before how it is split
_CAPTION_SUBJECT = re.compile(r"^\s*(?:bieu|bang|phu luc)\s*(?:so\s*)?[0-9ivx]*[\w/.-]*?\s*[.:]?\s+((?:[a-z]+ ){1,5}?)"
                              r"(?:chia theo|phan theo|phan bo theo|theo|cua|tai|o|nam)\b"
                              # a caption that is its subject alone: "Số người tham gia BHYT chia theo nhóm đối tượng"
                              r"|^\s*(so (?:[a-z]+ ){1,5}?)(?:chia theo|phan theo|phan bo theo)\b")
_GRAND_TOTAL_COLUMNS = ("across_total",)
CAPTION_REACH = 3  # lines above a table where its caption stands


def captioned_totals(view: View, figs: Figures) -> None:
    """``Tổng số học sinh tiểu học toàn huyện là 5.825 em`` above a table captioned ``Học sinh tiểu học chia theo xã
    ...``: the text states the table's grand total (its total row in the column that sums each row), A613."""
    tabled = view.table_lines()
    starts = {(lp.page, lp.line): k for k, lp in enumerate(view.lines)}
    for table in view.doc.tables:
        totals = table.total_rows()
        grand = [c for c in table.columns if c.meaning in _GRAND_TOTAL_COLUMNS] or [
            c for c in table.columns if c.meaning == "year_value" and c.year is not None
            and c.year == view.report_year]  # (years side by side: the report's year's column)
        if len(totals) != 1 or len(grand) != 1 or (cell := totals[0].cell(grand[0].index)) is None \
                or not isinstance(cell.value, int):
            continue
        first = min(((c.span.page, c.span.line) for r in table.rows for c in r.cells if c.span), default=None)
        k = starts.get(first) if first else None
        if k is None:
            continue
        caption = next((m for lp in view.lines[max(0, k - CAPTION_REACH):k][::-1]
                        if (m := _CAPTION_SUBJECT.match(view.norm[lp.start:lp.end]))), None)
        words = (caption.group(1) or caption.group(2) or "").split() if caption is not None else []
        if words[:1] == ["so"]:
            words = words[1:]  # "Số người tham gia BHYT": the people, counted "123.941 người tham gia BHYT"
        if len(words) < MIN_WORDS:
            continue
        subject = r"\s+".join(map(re.escape, words))
        rx = re.compile(r"\btong so\s+" + subject + r"(?:\s+[a-z]+){0,3}?" + _FILLER + r"(?<![\d.,])" + _N
                        + r"|(?<![\d.,/])" + _N + r"\s+" + subject + r"\b")
        found = [h for h in rx.finditer(view.norm) if (view.span(h.start(h.lastindex), h.end(h.lastindex)).page,
                                                       view.span(h.start(h.lastindex), h.end(h.lastindex)).line)
                 not in tabled and not _TARGET.search(view.sentence_before(view.paragraph_at(h.start()), h.start()))]
        if len({parse_number(h.group(h.lastindex)) for h in found}) != 1 or any(
                f.kind == "column_total_stated" and f.attrs.get("table") == table.id for f in figs.items):
            continue
        hit = found[0]
        g = hit.lastindex
        figs.add("column_total_stated", _value(hit.group(g)), hit.start(g), hit.end(g),
                 attrs={"table": table.id, "column": grand[0].index}, label=f"{' '.join(words)} (lời văn)")


# "tổng số tiêm trong quý là 1.380 liều vắc xin; chi tiết:" right above a table: its count of what the table details
_INTRODUCES = re.compile(r"\b(?:chi tiet|cu the|nhu sau|gom|bao gom)(?:\s+(?:nhu sau|tai bang|theo bang|sau))?\s*:\s*$")
_COUNT_NOUN = re.compile(r"(?<![\d.,/])" + _N + r"\s+([a-z]+)\b")
INTRO_REACH = 3  # lines above a table's first where the sentence introducing it may end


def introduced_totals(view: View, figs: Figures) -> None:
    """A count the sentence right above a table states of what the table details (``tổng số tiêm trong quý là 1.380
    liều vắc xin; chi tiết:`` over ``Loại vắc xin | Số liều | ...`` closed by ``Cộng | 1.370``): the total row of the
    column whose header names the count's noun (``Số liều``), A613."""
    starts = {(lp.page, lp.line): k for k, lp in enumerate(view.lines)}
    tabled = view.table_lines()
    for table in view.doc.tables:
        totals = table.total_rows()
        first = min(((c.span.page, c.span.line) for r in table.rows for c in r.cells if c.span), default=None)
        k = starts.get(first) if first else None
        if len(totals) != 1 or k is None or any(f.kind == "column_total_stated" and f.attrs.get("table") == table.id
                                                 for f in figs.items):
            continue
        above = next((j for j in range(k - 1, max(-1, k - 1 - INTRO_REACH), -1)
                      if view.norm[view.lines[j].start:view.lines[j].end].strip()), None)
        if above is None or (view.lines[above].page, view.lines[above].line) in tabled:
            continue
        lp = view.lines[above]
        if not _INTRODUCES.search(view.norm[lp.start:lp.end]):
            continue
        p = view.paragraph_at(lp.start)
        clause = view.sentence_before(p, lp.end)
        clause_start = lp.end - len(clause)
        if _TARGET.search(clause) or p.plan:
            continue
        found = []
        for hit in _COUNT_NOUN.finditer(clause):
            noun = hit.group(2)
            cols = [c for c in table.columns if noun in _header_words(c.header).split()
                    and (cell := totals[0].cell(c.index)) is not None and cell.value is not None
                    and not (c.meaning in MEANINGS and MEANINGS[c.meaning].percent)]
            if len(cols) == 1 and not _YEAR.fullmatch(hit.group(1)):
                found.append((hit, cols[0]))
        if len(found) != 1:
            continue
        hit, col = found[0]
        at = clause_start + hit.start(1)
        figs.add("column_total_stated", _value(hit.group(1)), at, at + len(hit.group(1)),
                 attrs={"table": table.id, "column": col.index}, label=f"{col.header} (lời văn)")


def _unread(meaning: str | None, families: list[str]) -> bool:
    """A column no reading of this document sets against the text by its meaning: one the vocabulary does not name,
    or names for a family the document is not of (``Số hộ được hỗ trợ`` in a blood donation report)."""
    if meaning in _READ:
        return True
    family = MEANINGS[meaning].family if meaning in MEANINGS else None
    return family is not None and family not in families and not MEANINGS[meaning].percent


def _counted(words: str) -> list[re.Pattern]:
    """A header ``Số <noun> <what>`` as the text writes its count: ``78 hộ gia đình được hỗ trợ`` (the noun, up to
    two words that say more of it, then the header's other words)."""
    parts = words.split()
    if len(parts) < 3 or parts[0] != "so":
        return []
    rest = r"\s+".join(map(re.escape, parts[2:]))
    return [re.compile(r"(?<![\d.,/])" + _N + r"\s+" + re.escape(parts[1]) + r"(?:\s+[a-z]+){0,2}\s+" + rest + r"\b")]


def _value(text: str) -> int | float:
    """A count as an int, an amount with decimals (``34.683,5`` ha, ``71,4`` tạ/ha) as a float."""
    count = parse_count(text)
    return count if isinstance(count, int) and "," not in text else float(parse_number(text))


# "xã đạt 17/19 tiêu chí", "hoàn thành 8/10 chỉ tiêu": items met out of items assessed
_MET_OF = re.compile(r"\b(?:dat|hoan thanh|co)\s+(\d{1,3})\s*/\s*(\d{1,3})\s+([a-z]+(?: [a-z]+)?)")
# a numbered line of a list that ends with its assessment ("13    Tổ chức sản xuất ...     Chưa đạt")
_ASSESSED = re.compile(r"^\s*\d{1,3}[.)]?\s+\S.*?(?:\s{2,}|\s*\|\s*)((?:chua|khong)\s+(?:dat|hoan thanh|co)|dat|hoan thanh|co)"
                       r"\s*\|?\s*$")


_EARLIER_ASIDE = re.compile(r"\(\s*(?:nam\s+(?:19|20)\d\d|nam truoc|cung ky)\b")
# brackets opened right after what they compare with ("So với cùng kỳ năm 2023 (17 vụ, 07 người chết, 15 người ...)")
_COMPARED_BEFORE_BRACKET = re.compile(r"\bso\s+voi\s+(?:cung\s*ky\s*)?(?:nam\s+(?:19|20)\d\d|nam truoc|cung\s*ky|ky truoc)\s*$")


def _earlier_aside(view: View, pos: int) -> bool:
    """``pos`` stands in brackets that open on an earlier year (``(năm 2022 đạt 14/19 tiêu chí)``): that year's."""
    p = view.paragraph_at(pos)
    seg = view.norm[p.start if p.end > p.start else max(0, pos - 200):pos]
    depth, opened = 0, -1
    for k, ch in enumerate(seg):
        if ch == "(":
            depth, opened = depth + 1, k
        elif ch == ")" and depth:
            depth -= 1
    return depth > 0 and opened >= 0 and (bool(_EARLIER_ASIDE.match(seg, opened))
                                          or bool(_COMPARED_BEFORE_BRACKET.search(seg[:opened])))


def met_lists(view: View, figs: Figures) -> None:
    """``đạt 17/19 tiêu chí`` above a numbered list of those items each assessed (``Đạt`` / ``Chưa đạt``): the
    count the text states (``items_met_stated``, value 17), with how many the list names (``total``) and marks met
    (``listed``), when the list names as many items as the text's whole."""
    assessed = []
    for page in view.doc.pages:
        for ln in page.lines:
            m = _ASSESSED.match(match_form(ln.best).lower())
            if m:
                assessed.append(not m.group(1).startswith(("chua", "khong")))
    for m in _MET_OF.finditer(view.norm):
        met, whole = int(m.group(1)), int(m.group(2))
        if not 0 < met <= whole or len(assessed) != whole or _earlier_aside(view, m.start()):
            continue
        figs.add("items_met_stated", met, m.start(1), m.end(1), attrs={"total": whole, "listed": sum(assessed),
                                                                          "what": normalize_ws(view.best(m.start(3), m.end(3)))},
                 label="số nội dung đạt")


_LEFT_OF = re.compile(r"\bcon\s+(?:lai\s+)?(\d{1,3})\s+([a-z]+(?: [a-z]+)?)\s+(?:chua|khong)\s+(?:dat|hoan thanh)\b")
LEFT_REACH = 300  # characters after "đạt 17/19 tiêu chí" where "còn 02 tiêu chí chưa đạt" may stand


def items_left(view: View, figs: Figures) -> None:
    """``đạt 17/19 tiêu chí ...; còn 02 tiêu chí chưa đạt``: the items left (``items_left``, value 2) with the whole
    (``total``, 19) and those met (``listed``, 17) the paragraph gave before, the same noun counted."""
    for m in _LEFT_OF.finditer(view.norm):
        p = view.paragraph_at(m.start())
        lo = max(p.start if p is not None else 0, m.start() - LEFT_REACH)
        met = [f for f in _MET_OF.finditer(view.norm, lo, m.start()) if f.group(3) == m.group(2)
               and not _earlier_aside(view, f.start())]
        if not met:
            continue
        done, whole = int(met[-1].group(1)), int(met[-1].group(2))
        if not 0 < done <= whole:
            continue
        figs.add("items_left", int(m.group(1)), m.start(1), m.end(1),
                 attrs={"total": whole, "listed": done, "what": normalize_ws(view.best(m.start(2), m.end(2)))},
                 label="số nội dung chưa đạt")
