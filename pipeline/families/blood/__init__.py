"""Voluntary blood donation (hiến máu tình nguyện, HMTN): drives, units received and their quota, participants.

Its home: ``kinds.py`` (figure kinds), ``vocabulary.py`` (what its table columns mean), ``extract.py`` (figures
in prose and drive tables), ``rules.py`` (year and plan totals against the drives, percent of plan),
``dataset.py`` (the ``drives`` table and the ``panel`` view).
"""

import re

from pipeline.families import Family, register
from pipeline.families.blood import kinds, rules, vocabulary  # noqa: F401  (registers kinds, rules, meanings)
from pipeline.families.blood.dataset import DATASETS, PANEL_COLUMNS, VIEWS
from pipeline.families.blood.extract import extract

SIGNALS = tuple(re.compile(p) for p in (
    r"\bhien m[aeo]u\b", r"\bdon vi m[aeo]u\b", r"\bhmtn\b", r"\bvdhm\w*", r"\bnguoi hien\b", r"\blay m[aeo]u\b",
    r"\btiep nhan m[aeo]u\b", r"\bm[aeo]u tinh nguyen\b", r"\bgiot (?:hong|m[aeo]u)\b", r"\bngan hang m[aeo]u\b",
))

FAMILY = register(Family(
    name="blood", en="voluntary blood donation", vi="hiến máu tình nguyện", signals=SIGNALS,
    extract=extract, datasets=DATASETS, views=VIEWS, panel_columns=PANEL_COLUMNS,
))
