"""Money: ``tổng giá trị khen thưởng: 146.530.000 đồng`` -> 146530000 VND with purpose and level."""

from __future__ import annotations

import re

from pipeline.extract.awards import level_of
from pipeline.extract.nlp import DONG, NUM, PatternSet
from pipeline.numbers import SCALES, parse_number, qualify, scaled
from pipeline.extract.spans import Figures, View

PATTERNS = {"MONEY": [[NUM, DONG]], "SCALED": [[NUM, {"LOWER": {"IN": list(SCALES)}}, DONG]]}
PURPOSES = [
    (re.compile(r"khen"), "khen thưởng"),
    (re.compile(r"ho tro"), "hỗ trợ"),
    (re.compile(r"kinh phi|du toan"), "kinh phí"),
    (re.compile(r"\b(?:qua tang|tang qua|suat qua)\b"), "quà tặng"),
]
MIN_VND = 1000  # "2 đ" is not money; amounts in reports are thousands at least


FINDER = PatternSet(PATTERNS)


def extract(view: View, figs: Figures) -> None:
    toks = view.tokens
    for label, i, j in FINDER.find(toks):
        s, e = toks.char_span(i, i + 1)
        value = parse_number(view.norm[s:e])
        if value is not None and label == "SCALED":
            value = scaled(value, toks.doc[i + 1].lower_)
            e = toks.ends[i + 1]
        if not isinstance(value, int) or value < MIN_VND:
            continue
        p = view.paragraph_at(s)
        clause = view.clause_before(p, s)
        purpose = next((name for rx, name in PURPOSES if rx.search(clause)), None)
        q = qualify(value, clause)
        figs.add("money", value, s, e, unit="VND", qualifier=q.qualifier, low=q.low, high=q.high,
                 attrs={"purpose": purpose, "level": level_of(p, clause, None)}, label=purpose or "số tiền")
