"""Page furniture: what a page carries that is no part of the document's text, kept out of its lines.

**A fax machine's transmission line.** A faxed page carries one line that the sending machine printed at the
page's top (or the receiving one at its foot): date and time, ``FAX`` and the sender's number, the sender's
name, the page counter (``30/11/2022 12:42  FAX 02133887440  HIEN MAU TINH NGUYEN  P.001/002``). Read into the
text it puts a date that is not the report's, a phone number and a sender in front of the issuing body, and
breaks the reading order of the header under it. Tesseract reads it in pieces (its small monospaced print
often as garbage), so the line is found by place and by what its pieces say:

* place: the topmost (or lowest) row of words on the page, inside the outer 9% of the page's height, with a
  blank strip at least one word height tall between it and the text next to it;
* content: a page counter (``P.001/002``, ``P. 2/3``; OCR reading 0 as ``O`` or ``Đ``), or the word ``FAX`` /
  ``FROM`` / ``TO`` / ``TEL`` beside a run of at least 8 digits, or a time ``hh:mm`` beside a date or such a
  run; in the outer 2% of the page, where no typist prints, such a run alone.

**The printed page number.** Vietnamese official documents number their pages from the second one, in Arabic
figures centred in the top margin (Nghị định 30/2020/NĐ-CP, Phụ lục I); some put them at the foot. A row of
one number (``2``, ``- 3 -``, OCR's ``2_``) centred on the page, standing apart in its outer 12%, is that
number, not a line of the text.

Every word of such a row (the garbage around the readable pieces too) leaves the page's text; what it said is
kept on the page (``Page.transmission``, ``Page.printed_number``) so nothing read is lost.

**Lines that are no text**: a line of marks alone (a ruling, the rule under the motto, a stamp's ring:
``without_mark_lines``), a scrap of a signature or a stamp read as a short word of low confidence
(``is_scrap``), and the marks of a faded line that Tesseract split off into a flat line of their own, lying
on the line's top (``marks_split_off``), leave the page's lines.

**The incoming-mail stamp** (dấu "ĐẾN", the form Nghị định 30/2020/NĐ-CP sets for registering a document
received): a frame stamped by the receiving office, with the receiver's name, ``ĐẾN``, and fields written in by
hand on dotted lines (``Số:....``, ``Giờ:....``, ``Ngày:....``, ``Chuyển:....``/``Kính chuyển:....``). It says
when and by whom the document was received, not what the document says (the ground truth of real pages leaves it
out). The lines inside a ruled frame that is no table and reads as that stamp (a ``Giờ`` field, or ``ĐẾN`` with
a field), and where its frame was not found a line that is a ``Giờ`` or ``Kính chuyển`` field with the ``ĐẾN``
beside it, leave the text; what they said is kept on the page (``Page.received_stamp``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from pipeline import syllables
from pipeline.model import Line, Table
from pipeline.ocr.tesseract import TWord, by_line
from pipeline.text import has_letter_or_digit

EDGE = 0.09  # a transmission row lies within this share of the page height from its top or foot
NUMBER_EDGE = 0.12  # a printed page number within this share (under a transmission row, in a wide margin)
CENTRED = 0.15  # a page number's middle lies within this share of the page width from the page's middle
MARGIN = 0.02  # no typist prints this close to the paper's edge: a machine's number there is its line
GAP = 1.0  # and this many word heights of blank paper separate it from the nearest other text

_DIGIT = r"[0-9OoĐD]"
PAGE_COUNTER = re.compile(rf"\b[Pp]\s?[.,:]?\s*{_DIGIT}{{1,3}}\s*[/⁄]\s*{_DIGIT}{{1,3}}\b")
MACHINE_WORD = re.compile(r"\b(?:FAX|Fax|FROM|TO|TEL|Tel)\b")
LONG_NUMBER = re.compile(r"(?:\d[ .-]?){8,}")
CLOCK = re.compile(r"\b[0-2]?\d:[0-5]\d\b")
PAGE_NUMBER = re.compile(r"^[-–(.]?\s*\d{1,3}\s*[-–)._,]?$")
DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b[A-Z]{3}[-.]\d{1,2}[-.]\d{2,4}\b")


def says_transmission(text: str, at_edge: bool = False) -> bool:
    """Whether a row's text reads as a fax machine's transmission line; ``at_edge``: the row lies where no
    typist prints (the outer 2% of the page), so a run of at least 8 digits (the machine's number) is enough."""
    if PAGE_COUNTER.search(text):
        return True
    number = LONG_NUMBER.search(text)
    if at_edge and number:
        return True
    if MACHINE_WORD.search(text) and number:
        return True
    return bool(CLOCK.search(text) and (number or DATE.search(text)))


@dataclass
class Furniture:
    transmission: str | None = None  # the fax machine's line(s), " / " between top and foot
    printed_number: str | None = None  # the page number printed on the page, as read
    received_stamp: str | None = None  # what the incoming-mail stamp (ĐẾN) said, as read


def _edge_row(words: list[TWord], height: float, top: bool, edge: float) -> list[TWord]:
    """The outermost row of words at the page's top (or foot) when it stands apart from the rest, within
    ``edge`` of the page's height."""
    h = median(w.height for w in words)
    first = min(words, key=(lambda w: w.top) if top else (lambda w: -(w.top + w.height)))
    # a row torn by skew or garbage: reach one word height past its first word
    if top:
        lo, hi = first.top - 0.5 * h, first.top + max(first.height, h) + 0.5 * h
    else:
        lo, hi = first.top + first.height - max(first.height, h) - 0.5 * h, first.top + first.height + 0.5 * h
    row = [w for w in words if lo <= w.top + w.height / 2 <= hi]
    rest = [w for w in words if not lo <= w.top + w.height / 2 <= hi]
    if not rest or not row:
        return []
    y0, y1 = min(w.top for w in row), max(w.top + w.height for w in row)
    if top:
        if y1 > edge * height or min(w.top for w in rest) - y1 < GAP * h:
            return []
    elif y0 < (1 - edge) * height or y0 - max(w.top + w.height for w in rest) < GAP * h:
        return []
    return row


def _text(row: list[TWord]) -> str:
    return " ".join(w.text for w in sorted(row, key=lambda w: w.left))


def _without(words: list[TWord], row: list[TWord]) -> list[TWord]:
    ids = {id(w) for w in row}
    return [w for w in words if id(w) not in ids]


def split(words: list[TWord], height: float, width: float) -> tuple[list[TWord], Furniture]:
    """(the page's words without its furniture, what the furniture said). ``height``, ``width``: the page's."""
    found, numbers = [], []
    for top in (True, False):
        if len(words) < 4:
            break
        row = _edge_row(words, height, top, EDGE)
        if row:
            y0, y1 = min(w.top for w in row), max(w.top + w.height for w in row)
            at_edge = y0 <= MARGIN * height if top else y1 >= (1 - MARGIN) * height
            if says_transmission(_text(row), at_edge):
                found.append(_text(row))
                words = _without(words, row)
        if len(words) < 4:
            break
        row = _edge_row(words, height, top, NUMBER_EDGE)
        if row and PAGE_NUMBER.match(_text(row)):
            middle = (min(w.left for w in row) + max(w.left + w.width for w in row)) / 2
            if abs(middle - width / 2) <= CENTRED * width:
                numbers.append(_text(row))
                words = _without(words, row)
    return words, Furniture(" / ".join(found) or None, " / ".join(numbers) or None)


FLAT = 0.65  # a Tesseract line whose words are all shorter than this share of the line under it is flat
FLAT_XH = 0.95  # and shorter than this share of the page's x-height (no word of letters is: ``ươn`` is one)
ON_TOP = 0.25  # and lies on that line when this share of its own height overlaps it


def marks_split_off(words: list[TWord], x_height: float) -> list[TWord]:
    """``words`` without the lines that are the marks of another line split off: a Tesseract line whose words
    are all flat (under ``FLAT_XH`` of the page's ``x_height`` and under ``FLAT`` of the median word height of
    a line it overlaps horizontally) and whose box overlaps that line's by ``ON_TOP`` of its height or more.
    A bold heading whose strokes faded reads as its letters' bodies plus a line of hats and tone marks above
    them (``-À KÀ chợ " ```); no line of a document stands half inside the next one. The marks are lost either
    way; read as a line they cost a character each."""
    if x_height <= 0:
        return words
    lines = by_line(words)
    boxes = {k: (min(w.left for w in ws), min(w.top for w in ws), max(w.left + w.width for w in ws),
                 max(w.top + w.height for w in ws), median(w.height for w in ws), max(w.height for w in ws))
             for k, ws in lines.items()}
    dropped = set()
    for k, (x0, y0, x1, y1, _, tallest) in boxes.items():
        if tallest >= FLAT_XH * x_height:
            continue
        for other, (u0, v0, u1, v1, typical, _) in boxes.items():
            if other == k or tallest > FLAT * typical or min(x1, u1) <= max(x0, u0):
                continue
            if min(y1, v1) - max(y0, v0) >= ON_TOP * max(1, y1 - y0):
                dropped.add(k)
                break
    return [w for w in words if (w.block, w.par, w.line) not in dropped]


SCRAP_CONF = 40.0  # a line of one short word read under this confidence, outside every table, is a scrap


def is_scrap(line: Line, tables: list[tuple[float, float, float, float]] = ()) -> bool:
    """A line of one word of at most two letters (three that make no syllable) and no digit, read with
    confidence under ``SCRAP_CONF`` and outside every ruled table: a stroke of a signature or a piece of a
    stamp read as a letter (``Ề``, ``A``, ``mm.``), not text (on the development scans none of them was).
    Digits stay (a handwritten number), and so does everything inside a table (a cell's word, which its own
    pass reads again)."""
    if len(line.words) != 1 or line.words[0].conf is None or line.words[0].conf >= SCRAP_CONF:
        return False
    core = line.text.strip(".,:;()!?'\"“”")
    if len(core) > 3 or any(c.isdigit() for c in core) or (len(core) == 3 and syllables.is_valid(core.lower())):
        return False  # a word of three letters that is a syllable ("cáo);" ending a wrapped line) stays
    return not _inside(line, tables)


def _inside(line: Line, boxes: list[tuple[float, float, float, float]]) -> bool:
    """The line's centre lies in one of ``boxes``."""
    if not boxes or not (line.box or line.words):
        return False
    x0, y0, x1, y1 = line.box or line.words[0].box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return any(a <= cx <= c and b <= cy <= d for a, b, c, d in boxes)


def without_mark_lines(lines: list[Line], tables: list[tuple[float, float, float, float]] = ()) -> list[Line]:
    """The lines that hold a letter or a digit, numbered again from 1. A line of marks alone on a scanned page
    (``|``, ``—``, ``^``, ``:``) is a ruling, the rule under the motto, a stamp's ring or a speck read as
    text: no document line is made of them (none of the development ground truth's is), and read into the
    text they cost a character each and break up the lines around them. Inside a ruled table (``tables``)
    a dash is a cell's text ("-" for none): lines there stay (the table reader sorts out a ruling's remnants)."""
    kept = [l for l in lines if has_letter_or_digit(l.text) or _inside(l, tables)]
    for n, line in enumerate(kept, start=1):
        line.number = n
    return kept


_FILL = r"\s*[:.…]?\s*[.…,_-]{3,}"  # a field's dotted line (OCR reads some dots as commas or dashes)
STAMP_HOUR = re.compile(rf"^\W*Giờ{_FILL}")  # no document line starts with an hour to fill in
STAMP_ROUTING = re.compile(rf"^\W*Kính\s*chuyển{_FILL}", re.IGNORECASE)
STAMP_FIELD = re.compile(rf"\b(?:Giờ|Ngày|Số|Chuyển|chuyển){_FILL}")
RECEIVED = re.compile(r"(?<!\w)Đ[ẾÉỀEÊ]N(?!\w)")  # "ĐẾN" as OCR reads it


RECEIVED_ALONE = re.compile(r"^\W*Đ[ẾÉỀEÊ]N\W*$")  # the stamp's big word on a line of its own


def _says_stamp(text: str) -> bool:
    return bool(STAMP_HOUR.search(text) or re.search(rf"\bGiờ{_FILL}", text)
                or (RECEIVED.search(text) and STAMP_FIELD.search(text)))


def _office_name(text: str) -> bool:
    """A short line in capitals (``VĂN PHÒNG CHÍNH PHỦ``, ``UBND HUYỆN TAM ĐƯỜNG``): an office's name as a stamp
    prints it."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and len(text.split()) <= 7 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _framed_stamp(inside: list[Line]) -> bool:
    """The lines inside a ruled frame are the incoming-mail stamp's: they say so with a field to fill in beside
    "ĐẾN" (``_says_stamp``), or one of them is "ĐẾN" alone - its fields too faint to read (a red-tinted or
    faded copy), the frame and that word are what is left of it. No line of a document's text is that one word
    in a box."""
    return _says_stamp(" ".join(l.text for l in inside)) or any(RECEIVED_ALONE.match(l.text) for l in inside)


def received_stamp(lines: list[Line], frames: list[tuple[float, float, float, float]] = ()) -> tuple[list[Line], str | None]:
    """(the lines without the incoming-mail stamp's, what the stamp said or None). ``frames``: boxes ruled on the
    page that make no table (``rulings.frames``); a line belongs to one when its box lies inside it, give or take
    half a line height."""
    boxed = [l for l in lines if l.box]
    if not boxed:
        return lines, None
    pad = 0.5 * median(l.box[3] - l.box[1] for l in boxed)
    stamp: set[int] = set()
    for x0, y0, x1, y1 in frames:
        inside = [l for l in boxed if l.box[0] >= x0 - pad and l.box[2] <= x1 + pad
                  and l.box[1] >= y0 - pad and l.box[3] <= y1 + pad]
        if inside and _framed_stamp(inside):
            stamp.update(id(l) for l in inside)
    framed = set(stamp)
    fields = [l for l in boxed if id(l) not in stamp and (STAMP_HOUR.search(l.text) or STAMP_ROUTING.search(l.text))]
    changed = True
    while changed:  # no frame found: the field lines with "ĐẾN" (or a field already found) beside them
        changed = False
        for f in [f for f in fields if id(f) not in stamp]:
            near = [l for l in boxed if abs((l.box[1] + l.box[3]) - (f.box[1] + f.box[3])) / 2 <= 4 * pad
                    and min(l.box[2], f.box[2]) - max(l.box[0], f.box[0]) > -2 * pad]
            if any(RECEIVED.search(l.text) or id(l) in stamp for l in near + [f]):
                stamp.add(id(f))
                stamp.update(id(l) for l in near if RECEIVED.search(l.text) and len(l.text.split()) <= 3)
                changed = True
    unframed = [l for l in boxed if id(l) in stamp and id(l) not in framed]
    if unframed:  # the receiving office's name heads the stamp: the capitals right above its lines, within them
        x0, x1 = min(l.box[0] for l in unframed), max(l.box[2] for l in unframed)
        top = min(l.box[1] for l in unframed)
        heads = [l for l in boxed if id(l) not in stamp and 0 <= top - l.box[3] + pad <= 2 * pad
                 and l.box[0] >= x0 - 2 * pad and l.box[2] <= x1 + 2 * pad and _office_name(l.text)]
        if heads:
            stamp.add(id(max(heads, key=lambda l: l.box[3])))
    if not stamp:
        return lines, None
    said = " / ".join(l.text for l in lines if id(l) in stamp)
    return [l for l in lines if id(l) not in stamp], said


STAMP_ROWS = 5  # the most rows a ruled grid read as the incoming-mail stamp has (its name, ĐẾN, three fields)


def stamp_tables(found: list[Table]) -> tuple[list[Table], list[Table]]:
    """(the tables, the grids that are the incoming-mail stamp): a small ruled grid (at most ``STAMP_ROWS`` rows)
    whose cells read as the stamp (an hour field, or ĐẾN with a field; ``_says_stamp``). On a coarse or blurred
    copy the stamp's frame and its fields' dotted lines can make a grid, which the table reader reads as a table;
    it is the stamp, no table, and its words leave the text like the stamp's in a frame (``received_stamp``)."""
    kept, stamps = [], []
    for t in found:
        text = " ".join(c.text for r in t.rows for c in r.cells if c.text)
        (stamps if len(t.rows) <= STAMP_ROWS and t.box is not None and _says_stamp(text) else kept).append(t)
    return kept, stamps


def without_stamp_tables(lines: list[Line], stamps: list[Table], said: str | None) -> tuple[list[Line], str | None]:
    """(``lines`` without those inside the grids of ``stamps``, numbered again from 1; what the stamp said:
    ``said`` before, then each grid's rows, " / " between)."""
    if not stamps:
        return lines, said
    boxes = [t.box for t in stamps]
    kept = [l for l in lines if not _inside(l, boxes)]
    for n, line in enumerate(kept, start=1):
        line.number = n
    rows = [" ".join(c.text for c in r.cells if c.text) for t in stamps for r in t.rows]
    return kept, " / ".join([said] * bool(said) + [r for r in rows if r]) or None
