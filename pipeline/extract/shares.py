"""A count's share of a whole the text counted before it, named by the same words.

``Trong năm có 1.512 trẻ được sinh ra ...; số trẻ được tiêm vắc xin viêm gan B trong 24 giờ đầu sau sinh là 1.455
trẻ, chiếm 98,6% số trẻ sinh ra``: the share, the count it is of (the count written right before it) and the whole
(the count before, in the paragraph, followed by the words the share names after ``số``), whatever is counted, so
that the audit can check the share against the two counts (A317). Read after the families: a share of their own
figures (donors, units of blood) is theirs.
"""

from __future__ import annotations

import re

from pipeline.extract.spans import Figures, View
from pipeline.numbers import parse_count, parse_percent

_N = r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)(?![.,]?\d)"
# "1.455 trẻ, chiếm 98,6% số trẻ sinh ra": the count, its share, and the words of the whole
_SHARE = re.compile(_N + r"\s+([a-z]+)(?:\s+[a-z]+){0,3}?\s*,?\s*(?:chiem|bang)\s+(\d{1,3}(?:,\d{1,2})?)\s*%\s+"
                    r"(?P<total>tong\s+)?so\s+(?P<words>(?:[a-z]+(?![a-z])\s*){1,5}?)(?=[.,;)]|$|\s(?:tren|cua|trong|toan|nam)\b)")
_FILLER = {"duoc", "da", "la", "co", "dang", "se"}
_TOTAL_BEFORE = re.compile(r"\b(?:tong|toan bo|tat ca|ca)\b[^\d]*$")
WHOLE_REACH = 400  # characters before the share where the whole may stand (its sentence or the one before)


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w not in _FILLER]


def extract(view: View, figs: Figures) -> None:
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _SHARE.finditer(view.norm):
        if m.start(3) in taken:
            continue  # (a share a family or another reader took)
        part, share = parse_count(m.group(1)), parse_percent(m.group(3) + "%")
        named = _words(m.group("words"))
        if not isinstance(part, int) or share is None or not named or named[0] != m.group(2):
            continue  # (the whole counts what the part counts: "1.455 trẻ ... số trẻ sinh ra")
        p = view.paragraph_at(m.start())
        lo = max(p.start if p is not None else 0, m.start() - WHOLE_REACH)
        text = view.norm[lo:m.start()]
        wholes = [w for w in re.finditer(_N + r"\s+((?:[a-z]+(?![a-z])\s*){1,6})", text)
                  if _words(w.group(2))[:len(named)] == named and text.rfind("(", 0, w.start()) <= text.rfind(")", 0, w.start())]
        if m.group("total"):  # "chiếm 6,56% tổng số đối tượng": the whole written as a total, not a part before it
            wholes = [w for w in wholes if _TOTAL_BEFORE.search(text[max(0, w.start() - 40):w.start()])]
        if not wholes:
            continue
        whole = parse_count(wholes[-1].group(1))
        if not isinstance(whole, int) or whole <= 0 or part > whole:
            continue
        figs.add("count_share", share, m.start(3), m.end(3), attrs={"part_count": part, "whole_count": whole,
                                                                 "what": view.best(m.start("words"), m.end("words")).strip()},
                 unit="%", label="tỷ lệ trên tổng số")


# "41.275/41.930 em tham gia, đạt 98,6%", "2.271/2.296 học sinh lớp 9 được công nhận tốt nghiệp, đạt 98,19%": a count of
# a whole written as a fraction, then its share in percent in the same clause
_FRACTION_SHARE = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/])"
                             r"((?:\s+(?:[a-z]+|\d{1,2})(?![a-z\d])){0,12}?)\s*,?\s*(?:dat|chiem|bang)\s*(?:ty le\s*)?"
                             r"(\d{1,3}(?:,\d{1,2})?)\s*%")


def fractions(view: View, figs: Figures) -> None:
    """A fraction of counts and the percent its clause gives it (``41.275/41.930 em tham gia, đạt 98,6%``): the share
    (``count_share``, its part and whole), checked by A317. Not a date (``15/6``), nor a share a reader took."""
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _FRACTION_SHARE.finditer(view.norm):
        if m.start(4) in taken:
            continue
        part, whole, share = parse_count(m.group(1)), parse_count(m.group(2)), parse_percent(m.group(4) + "%")
        if not isinstance(part, int) or not isinstance(whole, int) or share is None or not 0 < part <= whole \
                or whole < 13 and part <= 12:
            continue  # ("15/6", "12/12": a day, a month)
        figs.add("count_share", share, m.start(4), m.end(4),
                 attrs={"part_count": part, "whole_count": whole,
                        "what": view.best(m.start(3), m.end(3)).strip() or "phần"},
                 unit="%", label="tỷ lệ trên tổng số")



# "tổng số học sinh lớp 9 được xét công nhận tốt nghiệp là 782 em, số được công nhận tốt nghiệp 768 em, đạt 98,9%": a
# whole counted, then a part of it by the same noun, then the part's share in percent
_WHOLE_THEN_PART = re.compile(
    r"\btong so\b[^.;:()%]{0,80}?(?:\s(?:la|co|duoc))?\s+" + _N + r"\s+([a-z]+)\s*[,;]\s*(?:trong do\s+(?:co\s+)?)?"
    r"so\b[^.;:\d()]{0,60}?\s" + _N + r"\s+\2\b\s*,?\s*(?:dat|chiem|bang)\s*(?:ty le\s*)?(\d{1,3}(?:,\d{1,2})?)\s*%"
    r"(?!\s*(?:ke hoach|chi tieu|so voi|ke|muc tieu|du toan))")


def counted_pairs(view: View, figs: Figures) -> None:
    """A whole counted after ``tổng số``, then a part of it by the same noun after ``số``, then its percent
    (``tổng số học sinh ... là 782 em, số được công nhận tốt nghiệp 768 em, đạt 98,9%``): the share (``count_share``),
    checked by A317. Not a share a reader took."""
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _WHOLE_THEN_PART.finditer(view.norm):
        if m.start(4) in taken:
            continue
        whole, part, share = parse_count(m.group(1)), parse_count(m.group(3)), parse_percent(m.group(4) + "%")
        if not isinstance(part, int) or not isinstance(whole, int) or share is None or not 0 < part <= whole:
            continue
        figs.add("count_share", share, m.start(4), m.end(4),
                 attrs={"part_count": part, "whole_count": whole, "what": view.best(m.start(2), m.end(2)).strip()},
                 unit="%", label="tỷ lệ trên tổng số")


# "Tổng số người tham gia BHYT năm 2024 là 54.289 người ... Dân số trung bình năm 2024 của huyện là 57.915 người: tỷ
# lệ bao phủ BHYT đạt 94,37% dân số": a rate whose whole the words after its percent name (a count the paragraph gave
# under those words) and whose part the rate's own words name (the one count of the paragraph under one of them)
_RATE_OF_NAMED = re.compile(r"\bty le\s+((?:[a-z]+\s+){1,4}?)(?:dat|la|chiem)\s+(\d{1,3}(?:,\d{1,2})?)\s*%\s+"
                            r"(?:tren\s+)?(?:tong\s+)?(?:so\s+)?((?:dan so)|[a-z]+)\b")
_GENERIC_RATE_WORDS = {"bao", "phu", "cua", "nam", "toan", "huyen", "tinh", "xa", "nguoi", "so", "tong", "dat", "chung"}
RATE_REACH = 500  # characters before the rate where its part and whole may stand


def rates_of_named_wholes(view: View, figs: Figures) -> None:
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    for m in _RATE_OF_NAMED.finditer(view.norm):
        if m.start(2) in taken:
            continue
        p = view.paragraph_at(m.start())
        lo = max(p.start if p is not None else 0, m.start() - RATE_REACH)
        text = view.norm[lo:m.start()]
        counts = [c for c in re.finditer(_N + r"\s+([a-z]+)", text)
                  if text.rfind("(", 0, c.start()) <= text.rfind(")", 0, c.start())  # (not in an aside)
                  and not re.search(r"\b(?:nam|thang|ngay|quy)\s*$", text[:c.start()])]  # (nor a year)
        clause = lambda c: re.split(r"[.;:,]", text[:c.start()])[-1]  # noqa: E731
        whole = [c for c in counts if re.search(rf"\b{m.group(3)}\b", clause(c))]
        named = [w for w in m.group(1).split() if w not in _GENERIC_RATE_WORDS and len(w) >= 3]
        part = [c for c in counts if c not in whole and named
                and any(re.search(rf"\b{w}\b", clause(c)) or w in clause(c).replace(" ", "") for w in named)]
        # (an abbreviation OCR split: "B HYT")
        if len(whole) != 1 or len(part) != 1 or whole[0].group(2) != part[0].group(2):
            continue
        w, q, share = parse_count(whole[0].group(1)), parse_count(part[0].group(1)), parse_percent(m.group(2) + "%")
        if not isinstance(w, int) or not isinstance(q, int) or share is None or not 0 < q <= w:
            continue
        figs.add("count_share", share, m.start(2), m.end(2),
                 attrs={"part_count": q, "whole_count": w, "what": view.best(m.start(3), m.end(3)).strip()},
                 unit="%", label="tỷ lệ trên tổng số")


# "a) Đối với trẻ dưới 1 tuổi (mẫu số là 1.640 trẻ theo kế hoạch):" then "- Vắc xin BCG: 1.602 trẻ, đạt 97,7%.": a list
# whose opening line counts the whole (the one count there of the items' noun, or the one written after "mẫu số" /
# "tổng số"), each item a count of that noun with its share in percent
_ITEM_SHARE = re.compile(r"^\s*[-+•*]\s*[^:\n]{1,120}:\s*" + _N + r"\s+([a-z]+)\s*,?\s*(?:dat|chiem|bang)\s*(?:ty le\s*)?"
                         r"(\d{1,3}(?:,\d{1,2})?)\s*%(?!\s*(?:ke hoach|chi tieu|so voi|muc tieu|du toan))")
_WHOLE_WORDS = re.compile(r"\b(?:mau so|tong so|tren tong so|tren)\b[^\d]{0,20}$")
LIST_REACH = 12  # lines after the opening line where the list's items may stand


def list_shares(view: View, figs: Figures) -> None:
    """Items of a list, each a count and its share (``- Vắc xin BCG: 1.602 trẻ, đạt 97,7%``), of the whole the list's
    opening line counts in the items' noun (``(mẫu số là 1.640 trẻ theo kế hoạch):``): ``count_share`` for each,
    checked by A317. A list under an opening line that counts that noun more than once, none written as the whole, is
    left alone."""
    taken = {r[0] for f in figs.items if (r := view.range_of(f.span)) is not None}
    lines = [view.norm[lp.start:lp.end] for lp in view.lines]
    opening: tuple[int, int] | None = None  # (line, whole)
    for k, line in enumerate(lines):
        m = _ITEM_SHARE.match(line)
        if m is None:
            if line.rstrip().endswith(":"):
                opening = (k, None)  # type: ignore[assignment]
            elif opening is not None and not line.startswith((" ", "\t")) and k - opening[0] > LIST_REACH:
                opening = None
            continue
        if opening is None or k - opening[0] > LIST_REACH:
            continue
        head = lines[opening[0]]
        if opening[0] > 0 and not re.match(r"\s*(?:[a-zđ]\)|\d+[.)]|[-+•])", head):
            head = lines[opening[0] - 1] + " " + head  # an opening written over two lines
        noun = m.group(2)
        counts = [c for c in re.finditer(_N + r"\s+" + noun + r"\b", head)]
        marked = [c for c in counts if _WHOLE_WORDS.search(head[:c.start()])]
        chosen = marked if len(marked) == 1 else counts if len(counts) == 1 else []
        if not chosen:
            continue
        start = view.lines[k].start
        if start + m.start(3) in taken:
            continue
        part, whole, share = parse_count(m.group(1)), parse_count(chosen[0].group(1)), parse_percent(m.group(3) + "%")
        if not isinstance(part, int) or not isinstance(whole, int) or share is None or not 0 < part <= whole:
            continue
        figs.add("count_share", share, start + m.start(3), start + m.end(3),
                 attrs={"part_count": part, "whole_count": whole, "what": view.best(start + m.start(2), start + m.end(2)).strip()},
                 unit="%", label="tỷ lệ trên tổng số")
