"""Read again the ink no word covers: text blocks Tesseract's page layout took for pictures.

A signature block under a round stamp, a handwritten number or date, a line touching a box: the
page segmentation sometimes files them as images and returns no word at all, which loses whole
lines (the signer's title and name). The letter-sized ink left outside every word box is grouped
into line-shaped regions and each is read as a block of text (``--psm 6``) on the same image (no
new image is handed over). Words are kept with their own (often low) confidence; a word that is
neither confident nor a well-formed syllable or a number is dropped, so a stamp's ring or a
scribble gives nothing rather than garbage.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from pipeline.ocr import components, tesseract
from pipeline.ocr.tesseract import TWord
from pipeline.syllables import well_formed

WORD_PAD = 0.4  # x-heights around each word's box where ink counts as the word's (its marks, a ragged edge)
MIN_CONF = 60.0  # below this a re-read word must look like a word (syllable, number, code) to be kept
_PLAIN = re.compile(r"^[\W_]*(.+?)[\W_]*$")
_CODE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")  # letters of abbreviations: KT, TM, UBND, QĐ
_NUMBER = re.compile(r"^[\d./:,-]*\d[\d./:,-]*$")


def plausible(text: str) -> bool:
    """A syllable (any case), a number or date, or an upper-case code (``KT.``, ``UBND``)."""
    m = _PLAIN.match(text)
    core = m.group(1) if m else text
    if "/" in core.strip("/"):  # "máu/400": a word and a number the text set side by side, each plausible
        return all(plausible(part) for part in core.split("/") if part)
    return bool(_NUMBER.match(core)) or well_formed(core.lower()) or all(c in _CODE for c in core)


def unread_regions(gray: np.ndarray, words: list[TWord], x_height: float) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of line-shaped groups of letter-sized ink outside every word box."""
    xh = max(8.0, x_height)
    f = 0.5
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    pad = int(WORD_PAD * xh * f)
    for w in words:
        x0, y0, x1, y1 = (int(v * f) for v in w.box)
        ink[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = 0
    n, labels, stats, _ = components.with_stats(ink)
    hh, ww = stats[1:, cv2.CC_STAT_HEIGHT] / f, stats[1:, cv2.CC_STAT_WIDTH] / f
    letter = (hh >= 0.5 * xh) & (hh <= 3.0 * xh) & (ww <= 4 * xh)
    keep = np.zeros(n, np.uint8)
    keep[1:][letter] = 1
    letters = keep[labels]
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(2.0 * xh * f)), max(1, int(0.3 * xh * f))))
    grouped = cv2.dilate(letters, k)
    m, glabels, gstats, _ = components.with_stats(grouped)
    counts = np.bincount(glabels[letters > 0].ravel(), minlength=m) if m > 1 else np.zeros(m, int)
    # count components, not pixels: one label per letter component
    mine = np.flatnonzero(keep[1:]) + 1
    centre_y = stats[mine, 1] + stats[mine, 3] // 2
    centre_x = stats[mine, 0] + stats[mine, 2] // 2
    comp_group = np.bincount(glabels[centre_y, centre_x], minlength=m)
    out = []
    for g in range(1, m):
        x, y, w_, h_ = gstats[g, :4] / f
        if comp_group[g] >= 3 and w_ >= 3 * xh and counts[g]:
            p = 0.3 * xh
            out.append((int(x - p), int(y - p), int(x + w_ + p), int(y + h_ + p)))
    return out


def reread(gray: np.ndarray, words: list[TWord], x_height: float, *, lang: str, dpi: int,
           timeout: float, first_block: int, tables: list[tuple[float, float, float, float]] = ()) -> list[TWord]:
    """Words read from the unread regions, numbered as new blocks from ``first_block``.

    A region is read grown by the margin its neighbours' words were blanked with (``WORD_PAD``): a line set
    close under another lost its tops to that margin, and Tesseract finds no line in a rectangle that cuts its
    letters (a real page's last line, ``- Lưu: VT, ĐTDG``, read as nothing until grown). A region whose middle lies
    in one of ``tables`` (ruled tables' boxes) is read as found: there a row's rulings lie that close (measured:
    grown, the development fax tables lost cells)."""
    found: list[TWord] = []
    height, width = gray.shape[:2]
    shaved = int(round(WORD_PAD * max(8.0, x_height)))
    for i, (x0, y0, x1, y1) in enumerate(unread_regions(gray, words, x_height)):
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        # the words' boxes were blanked with a margin before the ink was grouped: a line set close under one
        # lost its tops (capitals, marks) to it, and is read with them; in a table a row's rulings are that close
        grow = 0 if any(a <= cx <= c and b <= cy <= d for a, b, c, d in tables) else shaved
        x0, y0, x1, y1 = max(0, x0), max(0, y0 - grow), min(width, x1), min(height, y1 + grow)
        if x1 <= x0 or y1 <= y0:
            continue
        for w in tesseract.ocr_image(gray, lang=lang, psm=6, dpi=dpi, timeout=timeout, rect=(x0, y0, x1, y1)):
            if w.conf >= MIN_CONF or (w.conf >= 20 and plausible(w.text)):
                w.block = first_block + i
                found.append(w)
    return found
