"""References to other documents: ``Kế hoạch số 3653/KH-UBND ngày 13/9/2024 của UBND tỉnh Lai Châu``.

Value is the normalised symbol; attrs carry its number, type and issuer codes, the date (ISO) and
the issuing body when the text names it after ``của``.
"""

from __future__ import annotations

import re

from pipeline.dates import find_dates
from pipeline.extract.identity import DOC_TYPES, TYPE_BY_CODE, read_symbol
from pipeline.numbers import parse_number
from pipeline.extract.spans import Figures, View

# "số" (OCR: so, se, s0, s6 ...) then number / type - issuer; the document's own "Số:" line is
# told apart by the word before it (a document type) or by being the identity symbol.
_REFERENCE = re.compile(
    r"(?<![a-z])s[o0-9e]?\s*:?\s*(\d{1,5})\s*(?:/\s*((?:19|20)\d\d)\s*)?/\s*([a-z]{2,4})\s*-\s*([a-z]{2,8})\b"
)
TYPE_BEFORE = re.compile(rf"({'|'.join(DOC_TYPES)}|van ban)(?:\s+(?:bo sung|dieu chinh|tong hop|nhanh|so bo))?\W*$")
# ("Văn bản số 1485/UBND-NN": an official letter cited as a document, its symbol without a type code)
# every document type the identity knows, and a kind of it ("Báo cáo bổ sung số 66/BC-BCĐ")
_ISSUER_AFTER = re.compile(r"^\s*c\w{1,3}\s+(ubnd|uy ban nhan dan|thu t\w{2,4}ng chinh ph\w{1,2}|bo [a-z]+(?: [a-z]+)?)"
                           r"(?:\s+(tinh|huyen))?")


# a sentence that opens on a date and says a document was issued then ("Ngày 26/02/2024, UBND huyện ban hành ...")
_ISSUED_ON = re.compile(r"^\W*ngay\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d)\b[^.;]{0,80}\bban hanh\b[^.;]{0,30}$")


def extract(view: View, figs: Figures) -> None:
    own = next((f for f in figs.items if f.kind == "doc_symbol"), None)
    for m in _REFERENCE.finditer(view.norm):
        if own is not None and view.line_at(m.start()).line == own.span.line and own.span.page == view.line_at(m.start()).page:
            continue
        before = view.norm[max(0, m.start() - 30) : m.start()]
        t = TYPE_BEFORE.search(before)
        if t is None:
            continue
        sym = read_symbol(view, 0, m)
        if sym is None:
            continue
        attrs = {
            "number": parse_number(sym.number),
            "type_code": sym.type_code,
            "issuer_body_code": sym.issuer_code,
            "doc_type": TYPE_BY_CODE.get(sym.type_code),
        }
        tail = sym.end
        dates = [d for d in find_dates(view.norm[tail : tail + 40], tail) if view.norm[tail : d.start].strip(" ,") in ("ngay", "")]
        if dates:
            attrs["date"] = dates[0].iso()
            tail = dates[0].end
        elif (issued := _ISSUED_ON.search(view.sentence_before(view.paragraph_at(m.start()), m.start()))) is not None:
            # "Ngày 26/02/2024, Ủy ban nhân dân huyện ban hành Kế hoạch số 38/KH-UBND": the date the sentence opens on
            found = find_dates(issued.group(1))
            if found and found[0].year:
                attrs["date"] = found[0].iso()
        issuer = _issuer_after(view, tail)
        if issuer:
            attrs["issuer"] = issuer
        figs.add("reference", sym.text, m.start(1), sym.end, attrs=attrs,
                 label="văn bản dẫn chiếu")


def _issuer_after(view: View, pos: int) -> str | None:
    """``của UBND tỉnh Lai Châu`` -> ``UBND tỉnh Lai Châu`` (place words kept when capitalised)."""
    m = _ISSUER_AFTER.match(view.norm[pos : pos + 80])
    if not m:
        return None
    start, end = pos + m.start(1), pos + m.end()
    words = view.text[end : end + 40].replace("\n", " ").split()[:2]
    if m.group(2) and len(words) == 2 and all(w[:1].isupper() and w.rstrip(".,;").isalpha() for w in words):
        end = view.text.index(words[1], end) + len(words[1].rstrip(".,;"))
    return view.best(start, end)
