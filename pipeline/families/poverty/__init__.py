"""Poverty reduction (giảm nghèo): households, poor and near-poor households by unit, rates, the year's flows.

Its home: ``kinds.py``, ``vocabulary.py`` (table columns and their rates), ``extract.py`` (figures in prose),
``rules.py`` (rates against households, the year's balance, the change of the rate).
"""

import re

from pipeline.families import Family, register
from pipeline.families.poverty import kinds, rules, vocabulary  # noqa: F401  (registers kinds, rules, meanings)
from pipeline.families.poverty.extract import extract

SIGNALS = tuple(re.compile(p) for p in (
    r"\bho ngheo\b", r"\bgiam ngheo\b", r"\bcan ngheo\b", r"\bthoat ngheo\b", r"\bnguoi ngheo\b",
    r"\bchuan ngheo\b", r"\btai ngheo\b", r"\bngheo da chieu\b",
))

FAMILY = register(Family(name="poverty", en="poverty reduction", vi="giảm nghèo", signals=SIGNALS, extract=extract))
