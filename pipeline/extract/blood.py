"""Blood-donation figures: units received and quota (``737/550 đơn vị máu``), participants
(``1.044 lượt người``), percent of plan (``vượt 134%``), number of drives (``2 đợt hiến máu``),
and per drive (``+ Đợt 1: ...``) its date, campaign names (text in quotes), figures and status.

Each figure inherits from its paragraph the year, the drive number (None for a year total) and
whether it is a plan (next year's quota and its split by drive).
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.dates import find_dates
from pipeline.extract.nlp import DATE, MAU, NGUOI, NUM, PAIR, PERCENT, make_matcher, matches
from pipeline.extract.numbers import parse_number, parse_pair, parse_percent, qualify
from pipeline.extract.spans import Figures, Paragraph, View

_DON_VI = [{"LOWER": "don"}, {"LOWER": "vi"}, MAU]
PATTERNS = {
    "UNITS_PAIR": [[PAIR, *_DON_VI]],
    "UNITS": [[NUM, *_DON_VI]],
    "PARTICIPANTS": [[NUM, {"LOWER": "luot", "OP": "?"}, NGUOI, {"LOWER": "tham"}]],
    "PERCENT": [[PERCENT]],
    "DRIVE_COUNT": [[NUM, {"LOWER": "dot"}, {"LOWER": {"IN": ["hien", "phat", "to", "lay", "van", "tiep"]}}]],
    "DRIVE_DATE": [[{"LOWER": "ngay"}, DATE]],
}
_QUOTA_WORDS = re.compile(r"chi tieu|giao|phan bo|ke hoach")
_RECEIVED_WORDS = re.compile(r"tiep nhan|thu duoc|thu gom|dat\b")
_PERCENT_BEFORE = re.compile(r"\bvuot\W*$")  # "đạt 97%" alone is any rate; "đạt 106% chỉ tiêu" is not
_PERCENT_AFTER = re.compile(r"\W*(?:so voi\s+)?(?:ke hoach|chi tieu)")
# "máu" in a blood phrase ("mẫu" has the same skeleton: a bare "mau" is not enough)
_BLOOD_CONTEXT = re.compile(r"\b(?:hien|don vi|nhan|lay|tiep nhan|giot) m[aeo]u\b|\bhmtn\b|\bvdhm")
_QUOTED = re.compile(r"[“\"]([^“”\"]{3,160})[”\"]")
_PLANNED = re.compile(r"du kien|se to chuc")


def _attrs(view: View, p: Paragraph, pos: int, plan: bool) -> dict:
    year, drive = view.year_and_drive(p, pos)
    return {"year": year, "drive_no": drive, "plan": plan}


@cache
def _matcher():
    return make_matcher(PATTERNS)


def extract(view: View, figs: Figures) -> None:
    matcher = _matcher()
    toks = view.tokens
    for label, i, j in matches(matcher, toks):
        s, e = toks.char_span(i, j)
        p = view.paragraph_at(s)
        num_s, num_e = toks.char_span(i, i + 1)
        num = view.norm[num_s:num_e]
        before = view.norm[max(p.start, s - 40) : s]
        planned = p.plan or bool(_PLANNED.search(view.para_norm(p)))
        if label != "UNITS_PAIR" and label != "UNITS" and not _BLOOD_CONTEXT.search(view.around(p, s)):
            continue  # people, percents and drives count as blood figures only where blood is the topic
        if label == "UNITS_PAIR":
            pair = parse_pair(num)
            if pair is None:
                continue
            cut = num_s + num.index("/")
            figs.add("units_received", pair[0], num_s, cut, attrs=_attrs(view, p, num_s, planned), unit="đơn vị máu",
                     label="máu tiếp nhận")
            figs.add("units_quota", pair[1], cut + 1, num_e, attrs=_attrs(view, p, num_s, planned), unit="đơn vị máu",
                     label="chỉ tiêu")
        elif label == "UNITS":
            value = parse_number(num)
            if not isinstance(value, int):
                continue
            received = _RECEIVED_WORDS.search(before[-25:]) and not planned
            quota = _QUOTA_WORDS.search(before[-25:]) or planned
            kind = "units_quota" if quota and not received else "units_received"
            figs.add(kind, value, num_s, num_e, attrs=_attrs(view, p, num_s, planned), unit="đơn vị máu",
                     label="chỉ tiêu" if kind == "units_quota" else "máu tiếp nhận")
        elif label == "PARTICIPANTS":
            value = parse_number(num)
            if value is None:
                continue
            q = qualify(value, before)
            figs.add("participants", value, num_s, num_e, attrs=_attrs(view, p, num_s, planned), qualifier=q.qualifier,
                     low=q.low, high=q.high, unit="lượt người", label="người tham gia")
        elif label == "PERCENT":
            value = parse_percent(num)
            after = view.norm[e : e + 20]
            if value is None or not (_PERCENT_BEFORE.search(before[-14:]) or _PERCENT_AFTER.match(after)):
                continue
            year, drive = view.year_and_drive(p, num_s)
            figs.add("percent_of_plan", value, num_s, num_e, attrs={"year": year, "drive_no": drive},
                     unit="%", label="so với kế hoạch")
        elif label == "DRIVE_COUNT":
            value = parse_number(num)
            if isinstance(value, int):
                figs.add("drive_count", value, num_s, num_e, attrs={"year": view.year_and_drive(p, num_s)[0], "plan": planned},
                         label="số đợt")
        elif label == "DRIVE_DATE" and not _inside_quotes(view, p, s):
            d_s, d_e = toks.char_span(j - 1, j)
            year, drive = view.year_and_drive(p, d_s)
            found = find_dates(view.norm[d_s:d_e], d_s)
            if found and drive is not None:
                figs.add("drive_date", found[0].iso(year), d_s, d_e,
                         attrs={"year": year, "drive_no": drive, "status": "planned" if planned else "held"},
                         label="ngày tổ chức")
    _campaigns(view, figs)


def _inside_quotes(view: View, p: Paragraph, pos: int) -> bool:
    return any(m.start() < pos - p.start < m.end() for m in _QUOTED.finditer(view.text[p.start : p.end]))


def _campaigns(view: View, figs: Figures) -> None:
    """Quoted names in a drive paragraph are the campaigns the drive answers."""
    for p in view.paragraphs:
        if p.drive_no is None:
            continue
        planned = p.plan or bool(_PLANNED.search(view.para_norm(p)))
        for m in _QUOTED.finditer(view.text[p.start : p.end]):
            inner = m.group(1)
            lead = len(inner) - len(inner.lstrip("* \n"))
            s = p.start + m.start(1) + lead
            e = p.start + m.end(1) - (len(inner) - len(inner.rstrip("* \n.,;")))
            name = view.best(s, e).strip(" .,;")
            if name:
                figs.add("drive_campaign", name, s, e, attrs=_attrs(view, p, s, planned), label="chương trình")
