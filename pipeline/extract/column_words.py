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
from pipeline.text import match_form, normalize_ws

_N = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![.,]?\d|\s*%)"
# "đã tiêm được 2.081", "Số trẻ chưa tiêm là 51", "năng suất bình quân 71,4"
_FILLER = r"(?:\s+(?:duoc|la|co|dat|binh quan|trung binh))?\s*:?\s*"
_READ = (None, "count", "area", "output", "yield_rate")  # meanings no family reads: a column of anything, a crop's
_NOUN = r"(?:\s+[a-z]+)?\s+"  # the noun between the number and the header's words: "2.069 trẻ trong diện"
_BRACKETS = re.compile(r"\([^()]*\)")
MIN_WORDS = 2
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
            if col.meaning not in _READ or cell is None or cell.value is None:
                continue  # a column the vocabulary names (a period, a step of screening ...) is read by its meaning
            words = normalize_ws(_header_words(col.header))
            if len(words.split()) < MIN_WORDS or any(normalize_ws(_header_words(c.header)) == words
                                                     for c in table.columns if c is not col):
                continue  # (two columns of the same words, "Tiếp nhận" of two years: which one the text names is not
                # known)
            phrase = r"\s+".join(map(re.escape, words.split()))
            own_digits = set(re.findall(r"\d+", col.header))  # "Sinh con thứ 3+": its 3 is a word of the header
            found = []
            for rx in (re.compile(r"\b" + phrase + _FILLER + r"(?<![\d.,])" + _N),
                       re.compile(r"(?<![\d.,/])" + _N + _NOUN + phrase + r"\b")):  # (not 24.035/27.532's whole)
                for hit in rx.finditer(view.norm):
                    span, ends = view.span(hit.start(1), hit.end(1)), (view.span(hit.start(), hit.start() + 1),
                                                                       view.span(hit.end() - 1, hit.end()))
                    if (span.page, span.line) not in tabled and parse_number(hit.group(1)) is not None \
                            and hit.group(1) not in own_digits \
                            and not any((e.page, e.line) in tabled for e in ends) \
                            and not view.norm[max(0, hit.start() - 6):hit.start()].endswith("trong ") \
                            and not view.paragraph_at(hit.start()).plan \
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


def _value(text: str) -> int | float:
    """A count as an int, an amount with decimals (``34.683,5`` ha, ``71,4`` tạ/ha) as a float."""
    count = parse_count(text)
    return count if isinstance(count, int) and "," not in text else float(parse_number(text))


# "xã đạt 17/19 tiêu chí", "hoàn thành 8/10 chỉ tiêu": items met out of items assessed
_MET_OF = re.compile(r"\b(?:dat|hoan thanh|co)\s+(\d{1,3})\s*/\s*(\d{1,3})\s+([a-z]+(?: [a-z]+)?)")
# a numbered line of a list that ends with its assessment ("13    Tổ chức sản xuất ...     Chưa đạt")
_ASSESSED = re.compile(r"^\s*\d{1,3}[.)]?\s+\S.*?(?:\s{2,}|\s*\|\s*)((?:chua|khong)\s+(?:dat|hoan thanh|co)|dat|hoan thanh|co)"
                       r"\s*\|?\s*$")


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
        if not 0 < met <= whole or len(assessed) != whole:
            continue
        figs.add("items_met_stated", met, m.start(1), m.end(1), attrs={"total": whole, "listed": sum(assessed),
                                                                          "what": normalize_ws(view.best(m.start(3), m.end(3)))},
                 label="số nội dung đạt")
