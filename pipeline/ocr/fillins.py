"""A number written by hand in a field of print: read again as one number.

The number and the day of a signed document are often filled in by hand on the printed form (``Số: 21
/2026/TT-BCT``, ``ngày 28 tháng 4``): Tesseract, reading word by word, takes a handwritten digit beside a
printed or handwritten one for a mark (``2 {``, ``2†``). A doubtful short token standing right beside a run
of digits is read again together with them, as one word of digits (``--psm 8``, digits only), on the same
page; when that reading is all digits and surer than the token, it takes the run's place with its own
confidence. Nothing else on the line changes; a token that reads as no digits stays as it was.
"""

from __future__ import annotations

from pipeline.ocr import tesseract
from pipeline.ocr.tesseract import TWord

DOUBT = 70.0  # a token read under this confidence may be a handwritten digit
SURE = 50.0  # the run read again must be read at least this surely (and more surely than the token)
GAP = 1.0  # word heights: the most space between the token and the digits it joins
PAD = 0.3  # word heights of page around the run when it is read again
DIGITS = "0123456789"


def _is_digits(text: str) -> bool:
    return text.isdigit() and len(text) <= 4


LIKE_DIGITS = frozenset("lIiOoSsZzBbg")  # a lone letter a handwritten digit is read as


def _doubtful(w: TWord) -> bool:
    return w.conf < DOUBT and 1 <= len(w.text) <= 2 and not w.text.isdigit() and (
        not w.text.isalpha() or w.text in LIKE_DIGITS)


def fill_ins(gray, words: list[TWord], *, lang: str, dpi: int, timeout: float = 0) -> int:
    """Mend ``words`` (Tesseract's, in the pixels of ``gray``) in place where a doubtful token of at most two
    characters that is no word (``{``, ``†``, ``1.``) stands beside digits on its line: the token and the
    digits beside it are read again as one number. Returns how many runs were replaced."""
    height, width = gray.shape[:2]
    replaced = 0
    for line in tesseract.by_line(words).values():
        line.sort(key=lambda w: w.left)
        i = 0
        while i < len(line):
            w = line[i]
            h = max(1, w.height)
            if not _doubtful(w):
                i += 1
                continue
            lo, hi = i, i
            if lo > 0 and _is_digits(line[lo - 1].text) and w.left - (line[lo - 1].left + line[lo - 1].width) <= GAP * h:
                lo -= 1
            if hi + 1 < len(line) and _is_digits(line[hi + 1].text) and line[hi + 1].left - (w.left + w.width) <= GAP * h:
                hi += 1
            if lo == hi:
                i += 1
                continue
            run = line[lo:hi + 1]
            pad = round(PAD * max(o.height for o in run))
            x0, y0 = max(0, min(o.left for o in run) - pad), max(0, min(o.top for o in run) - pad)
            x1 = min(width, max(o.left + o.width for o in run) + pad)
            y1 = min(height, max(o.top + o.height for o in run) + pad)
            again = tesseract.ocr_image(gray[y0:y1, x0:x1], lang=lang, psm=8, dpi=dpi, timeout=timeout,
                                        whitelist=DIGITS)
            if len(again) == 1 and again[0].text.isdigit() and again[0].conf >= max(SURE, w.conf):
                first = run[0]
                first.text, first.conf = again[0].text, again[0].conf
                first.left, first.top = min(o.left for o in run), min(o.top for o in run)
                first.width = max(o.left + o.width for o in run) - first.left
                first.height = max(o.top + o.height for o in run) - first.top
                gone = {id(o) for o in run[1:]}
                words[:] = [o for o in words if id(o) not in gone]
                line[lo + 1:hi + 1] = []
                replaced += 1
                i = lo + 1  # the run is one word now, at lo
            else:
                i += 1
    return replaced
