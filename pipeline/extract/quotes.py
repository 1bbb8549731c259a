"""Counts a sentence quotes from a document it cites by number.

``Theo Kế hoạch số 245/KH-HĐNVQS, toàn huyện gọi 660 công dân khám sức khỏe``; ``Quý I toàn huyện có 164 lao động
xuất cảnh (theo Báo cáo số 21/BC-LĐTBXH nêu trên)``: the count (``quoted_count``) with the symbol it cites and the first
words of what it counts, so that the corpus audit can find the same words counted in that document when it is in
the batch (C110). Only sentences that quote (``theo``, ``tại``, ``như đã nêu tại`` before the document), not those
that act on it (``Thực hiện Kế hoạch số ...``: what follows is the reporter's own result).
"""

from __future__ import annotations

import re
from typing import Iterator

from pipeline.extract.references import TYPE_BEFORE
from pipeline.extract.spans import Figures, View
from pipeline.kinds import KINDS
from pipeline.numbers import parse_count, parse_number
from pipeline.text import match_form, normalize_ws

_QUOTING = re.compile(r"(?:\btheo|\btai|\bnhu(?: da (?:neu|bao cao))?(?: tai| trong)?)\s*$")
_COUNT_WORDS = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/%]|[.,]\d)\s+([a-z]+(?:\s+[a-z]+){2,})")
PHRASE_WORDS = 3  # the words after a count that name what it counts, the same in both documents
_NOT_A_THING = re.compile(r"^(?:nam|thang|ngay|quy|dot|lan|gio|phut)\b")  # a date or a time, not a thing counted
# a measure or a bare kind of recipient after the count ("550 đơn vị máu", "2 tập thể và"), or a joining word among
# the three: no words that name what is counted as only one thing in the cited document
_MEASURE = re.compile(r"^(?:don vi|dv|luot (?:nguoi|hien|tham)|nguoi|dong|trieu|ty|nghin|ngan|tap the|ca nhan|ho gia dinh|lan|phan|suat|"
                      r"ha|m2|m3|km|m|kg|tan|ta|lit|phan tram)\b")  # (measures of area, weight, volume: "40 ha rừng ...")
# an amount of a measure and the words of what it measures ("4.318,4 ha rừng trồng bị gãy đổ", "125 tấn thóc giống")
MEASURES_QUOTED = r"(?:ha|tan|km|m2|m3|kg|lit)"
_AMOUNT_WORDS = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/%]|[.,]\d)\s+(" + MEASURES_QUOTED
                           + r")\s+([a-z]+(?:\s+[a-z]+){1,})")
# the words of what is measured, then the amount ("ghép cải tạo được 97 ha", "tái canh 53 ha")
_WORDS_AMOUNT = re.compile(r"((?:\b[a-z]+\s+){2,3}?)(?:(?:duoc|dat|la)\s+)?:?\s*(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
                           r"(?![\d/%]|[.,]\d)\s+(" + MEASURES_QUOTED + r")\b")
_GENERIC_WORDS = {"toan", "huyen", "tinh", "xa", "tong", "so", "dien", "tich", "nam", "thang", "quy", "cong", "dat",
                  "duoc", "la", "co", "len", "them", "tang", "giam", "khoang", "gan", "tren", "duoi", "hon"}
_JOINING = {"va", "cua", "la", "trong", "tai", "voi", "cho", "cac", "nhung", "da", "duoc", "o", "tu", "den", "theo"}


_GROUNDED = re.compile(r"\bcan cu\s*$")  # "Căn cứ Quyết định số ..., Chủ tịch UBND huyện tặng ... với tổng số tiền ..."


def _quoting(view: View, figs: Figures, decisions: bool = False) -> Iterator[tuple]:
    """Each reference a sentence quotes from (``theo Báo cáo số ...``), with where it stands and its sentence; with
    ``decisions``, also a decision the sentence grounds itself on (``Căn cứ Quyết định số ...``: what it then says
    was given, the decision gave)."""
    for ref in [f for f in figs.items if f.kind == "reference"]:
        at = view.range_of(ref.span)
        if at is None:
            continue
        before = re.sub(r"\bs[o0-9e]?\s*:?\s*$", "", view.norm[max(0, at[0] - 45):at[0]])  # (its "số")
        kind = TYPE_BEFORE.search(before)
        grounded = decisions and ref.attrs.get("type_code") == "QĐ" and kind is not None \
            and _GROUNDED.search(before[:kind.start()])
        if kind is None or not (_QUOTING.search(before[:kind.start()]) or grounded):
            continue
        p = view.paragraph_at(at[0])
        yield ref, at, at[0] - len(view.sentence_before(p, at[0])), view.sentence_end(p, at[0])


def _quoting_clauses(view: View, figs: Figures, decisions: bool = False) -> Iterator[tuple]:
    """``_quoting``'s references with their clause only (bounded by ``;``): "...; đến 31/12 ... đạt" is not quoted."""
    for ref, at, start, end in _quoting(view, figs, decisions):
        start = max(start, view.norm.rfind(";", start, at[0]) + 1)
        stop = view.norm.find(";", at[1], end)
        yield ref, at, start, stop if stop >= 0 else end


def quoted_amounts(view: View, figs: Figures) -> None:
    """An amount of money in a sentence that quotes a document by number (``số thu mới đạt 58.246 triệu đồng
    (theo Báo cáo số 215/BC-BHXH)``): it ``cites`` that document (C110 finds it there)."""
    for ref, at, start, end in _quoting_clauses(view, figs, decisions=True):
        for f in figs.items:
            r = view.range_of(f.span) if f.kind == "money" and "table" not in f.attrs else None
            if r is not None and start <= r[0] < end and "cites" not in f.attrs and not f.attrs.get("per"):
                f.attrs["cites"] = ref.value


_FIGURES_QUOTED = ("money", "quoted_count", "corrected_figure")  # (read on their own above)


def quoted_figures(view: View, figs: Figures) -> None:
    """A family's count or rate in a clause that quotes a document by number (``Theo Báo cáo số 318/BC-UBND ... về
    kết quả rà soát hộ nghèo, cuối năm 2023 toàn huyện còn 5.194 hộ nghèo``): it ``cites`` that document, for the
    kinds that may carry the attribute (C110 sets it against the same figure there)."""
    for ref, at, start, end in _quoting_clauses(view, figs):
        for f in figs.items:
            if f.kind in _FIGURES_QUOTED or f.kind not in KINDS or "cites" not in KINDS[f.kind].attrs \
                    or "table" in f.attrs or "cites" in f.attrs:
                continue
            r = view.range_of(f.span)
            if r is not None and start <= r[0] < end and r[0] > at[1]:
                f.attrs["cites"] = ref.value


_ACTING = re.compile(r"(?:\bthuc hien|\bcan cu|\btrien khai)\s*$")  # "Thực hiện Kế hoạch số 52/KH-UBND ..."
_QUOTA_GIVEN = re.compile(r"\bchi tieu(?: duoc)?(?: giao| ke hoach| tinh giao| huyen giao)?\s*(?:la|:)?\s*")


def _quotas_of_acted_plans(view: View, figs: Figures) -> None:
    """A sentence acting on a plan it cites (``Thực hiện Kế hoạch số 52/KH-UBND ... (chỉ tiêu giao: tái canh 445 ha,
    ghép cải tạo 128 ha)``) and giving its quotas: each amount of a measure after ``chỉ tiêu`` quotes that plan
    (``quoted_count``, its words before it), so that C110 sets it against the plan's own."""
    for ref in [f for f in figs.items if f.kind == "reference" and f.attrs.get("type_code") == "KH"]:
        at = view.range_of(ref.span)
        if at is None:
            continue
        before = re.sub(r"\bs[o0-9e]?\s*:?\s*$", "", view.norm[max(0, at[0] - 45):at[0]])
        kind = TYPE_BEFORE.search(before)
        if kind is None or not _ACTING.search(before[:kind.start()]):
            continue
        p = view.paragraph_at(at[0])
        end = view.sentence_end(p, at[0])
        given = _QUOTA_GIVEN.search(view.norm, at[1], end)
        if given is None:
            continue
        stop = min([k for k in (view.norm.find(")", given.end(), end), view.norm.find(";", given.end(), end)) if k >= 0]
                   or [end])
        for m in _WORDS_AMOUNT.finditer(view.norm, given.end(), stop):
            words = m.group(1).split()[-PHRASE_WORDS:]
            value = parse_number(m.group(2))
            if value is None or value <= 0 or _GENERIC_WORDS & set(words) or _JOINING & set(words):
                continue
            figs.add("quoted_count", value, m.start(2), m.end(2),
                     attrs={"cites": ref.value, "what": " ".join(words + [m.group(3)])},
                     label=view.best(m.start(1), m.end(3)))


def extract(view: View, figs: Figures) -> None:
    _corrections(view, figs)
    _quotas_of_acted_plans(view, figs)
    for ref, at, start, end in _quoting(view, figs):
        for m in _COUNT_WORDS.finditer(view.norm, start, end):
            words = m.group(2).split()[:PHRASE_WORDS]
            value = parse_count(m.group(1))
            if at[0] - 3 <= m.start(1) <= at[1] or not isinstance(value, int) or _NOT_A_THING.match(words[0]) \
                    or re.fullmatch(r"(?:19|20)\d\d", m.group(1)) or _MEASURE.match(" ".join(words)) \
                    or _JOINING & set(words):
                continue  # (the symbol's own number, a year, a measure: "550 đơn vị máu" names no one thing)
            figs.add("quoted_count", value, m.start(1), m.end(1), attrs={"cites": ref.value, "what": " ".join(words)},
                     label=view.best(m.start(2), m.end(2)))
        for m in _WORDS_AMOUNT.finditer(view.norm, start, end):
            words = m.group(1).split()[-PHRASE_WORDS:]
            value = parse_number(m.group(2))
            if at[0] - 3 <= m.start(2) <= at[1] or value is None or value <= 0 or _GENERIC_WORDS & set(words) \
                    or _JOINING & set(words) or any(f.kind == "quoted_count" and view.range_of(f.span) is not None
                                                    and view.range_of(f.span)[0] == m.start(2) for f in figs.items):
                continue  # ("toàn huyện 4.318 ha": no words of what it is)
            figs.add("quoted_count", value, m.start(2), m.end(2),
                     attrs={"cites": ref.value, "what": " ".join(words + [m.group(3)])},
                     label=view.best(m.start(1), m.end(3)))
        for m in _AMOUNT_WORDS.finditer(view.norm, start, end):
            words = [m.group(2)] + m.group(3).split()[:PHRASE_WORDS - 1]
            value = parse_number(m.group(1))
            if at[0] - 3 <= m.start(1) <= at[1] or value is None or value <= 0 or words[1] in _JOINING | {"so"}:
                continue  # ("1.240 ha tại các xã", "712,0 ha so với"; "ha rừng trồng": "trồng" reads as "trong")
            figs.add("quoted_count", value, m.start(1), m.end(1), attrs={"cites": ref.value, "what": " ".join(words)},
                     label=view.best(m.start(2), m.end(3)))


# "Báo cáo đã ghi 186.500.000 đồng, nay sửa lại là 158.500.000 đồng": what a cited document wrote, and its correction
_NUM = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_CORRECTED = re.compile(r"\b(?:da ghi|ghi la|da neu)\s*:?\s*" + _NUM + r"(?![\d/%])[^.;\d]{0,30}?\b(?:nay\s+|xin\s+)*"
                        r"(?:sua(?: lai)?|dinh chinh(?: lai)?|dieu chinh(?: lai)?)\s+(?:la|thanh)\s*:?\s*" + _NUM + r"(?![\d/%])")


# "1.995 đơn vị (đã báo cáo 1.986 đơn vị)": the figure now, and in brackets what the cited report said
_NOW_THEN = re.compile(_NUM + r"(?![\d/%])\s*(?:[a-z]+(?![a-z])\s*){0,3}\(\s*(?:da bao cao|da ghi|bao cao truoc(?: day)?|truoc day ghi|so cu)"
                       r"\s*(?:la\s*)?:?\s*" + _NUM + r"(?![\d/%])")


_WAS_HEAD = re.compile(r"\b(?:da ghi|ghi sai|so lieu cu|so cu|truoc day|da bao cao)\b")
_NOW_HEAD = re.compile(r"\b(?:nay sua|sua lai|dinh chinh|so lieu dung|ghi dung|so dung|dieu chinh)\b")


def _correction_tables(view: View, figs: Figures, cited) -> None:
    """A letter's table of corrections (``Nội dung | Đã ghi | Nay sửa lại``): each row's ``corrected_figure``, what
    was written (to what it is now), about the row's words, citing ``cited``."""
    for table in view.doc.tables:
        heads = [normalize_ws(match_form(c.header or "")).lower() for c in table.columns]
        was = [i for i, h in enumerate(heads) if _WAS_HEAD.search(h)]
        now = [i for i, h in enumerate(heads) if _NOW_HEAD.search(h) and i not in was]
        if len(was) != 1 or len(now) != 1:
            continue
        for row in table.data_rows():
            a, b = row.cell(was[0]), row.cell(now[0])
            if a is None or b is None or a.span is None or (r := view.range_of(a.span)) is None:
                continue
            said, told = parse_number(a.best.strip()), parse_number(b.best.strip())
            if said is None or told is None or said == told:
                continue
            what = " ".join(c.best.strip() for c in sorted(row.cells, key=lambda c: c.col)
                            if c.col not in (was[0], now[0]) and c.best.strip())
            figs.add("corrected_figure", said, r[0], r[1],
                     attrs={"cites": cited.value, "corrected_to": told, "what": normalize_ws(what)[-120:]},
                     label="số liệu được đính chính")


def _corrections(view: View, figs: Figures) -> None:
    """Each ``đã ghi X ..., nay sửa lại là Y`` of a letter: ``corrected_figure`` X (to Y), citing the document the
    letter names last before it (else its only one), so that the corpus audit can find X in that document and Y in
    the documents that cite the letter (C111)."""
    refs = sorted(((r[0], f) for f in figs.items if f.kind == "reference" and (r := view.range_of(f.span)) is not None),
                  key=lambda x: x[0])
    if refs and view.doc.tables:
        _correction_tables(view, figs, refs[0][1])  # (the document the letter names first)
    found = [(m, m.group(1), m.group(2), m.start(1), m.end(1)) for m in _CORRECTED.finditer(view.norm)]
    found += [(m, m.group(2), m.group(1), m.start(2), m.end(2)) for m in _NOW_THEN.finditer(view.norm)]
    for m, said, told, start, end in found:
        was, now = parse_number(said), parse_number(told)
        earlier = [f for at, f in refs if at < m.start()]
        cited = earlier[-1] if earlier else (refs[0][1] if len({f.value for _, f in refs}) == 1 else None)
        if was is None or now is None or was == now or cited is None:
            continue
        p = view.paragraph_at(m.start())
        what = normalize_ws(view.sentence_before(p, m.start()))[-120:]
        figs.add("corrected_figure", was, start, end,
                 attrs={"cites": cited.value, "corrected_to": now, "what": what}, label="số liệu được đính chính")

