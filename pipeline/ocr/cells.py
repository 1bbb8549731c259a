"""The cell-level OCR pass: cells read again from their own crops, and the clean-up of cell text.

Which cells: every cell of a column of numbers (the audit stands on the figures: each is read at least
twice), empty cells with ink in them, and text cells with a word read below ``LOW_CONF``. A column is
one of numbers when most of its cells below the first row are mostly digits, or under a numbering
header (STT); most of its figures share a form (``figure_kind``: decimals, percent, date), and a
figure of another form is suspect.

How: each crop (the cell's box less a margin, only as high as its words, on the page with its rulings
erased, specks and stray dots left out, thresholded at the table's own ink level) goes with all the
others of its kind to one Tesseract run (``tesseract.ocr_images``), variant after variant
(``FIGURE_VARIANTS``, ``TEXT_VARIANTS``), until two readings agree. Figures are read with a
whitelist of their column's characters.

Which reading (``choose``): the page reading stands when a cell reading agrees with it or scores at
least as much; the cell readings of one crop err together, so they do not simply add up. Figures must
be well-formed (``as_figure``: ``7.652``, ``109,3``, ``45%``, ``13-14/6/2023``, once the marks a scan
adds around them are trimmed). The winner goes to ``GridCell.text`` and its confidence to
``GridCell.conf``; the page text is not touched, so the cell still points at the page's words.

Cell text is cleaned of what a scan adds (``clean_text``): marks at its ends, syllables glued into one
token (``split_glued``), a letter read twice (``single_letter``), a first letter read as a digit (``letter_for_digit``), a missing space after
``;`` or ``,``.
"""

from __future__ import annotations

import re
import unicodedata
from statistics import median

import cv2
import numpy as np

from pipeline import syllables
from pipeline.model import Box
from pipeline.numbers import one_misread
from pipeline.ocr import components
from pipeline.ocr.preprocess import broken_glyphs
from pipeline.ocr.tablewords import GridCell, is_mark, is_speck, text_rows, trim_marks

# a well-formed figure of a table cell: 7.652 | 109,3 | 45% | 0 | 13-14/6/2023 | 05/7
WELL_FORMED = re.compile(r"^(?:\d{1,3}(?:\.\d{3})*(?:,\d+)?%?|\d{1,2}(?:-\d{1,2})?/\d{1,2}(?:/\d{4})?)$")
# a figure whose leading thousands separators were lost ("11800.000", "5600000"): its digits regrouped
# (four digits alone may be a year, and stay as read)
LOST_SEPARATORS = re.compile(r"^(\d{4,})((?:\.\d{3})*)((?:,\d+)?%?)$")
NUMERIC_WHITELIST = "0123456789.,%/-+"  # "+84": a change's sign (without "+" Tesseract writes it as 4: "484")
EDGE_MARKS = "-_.,:;'\"`~|!¡—–^ˆ"  # what a scan adds around a figure
NEVER_AT_ENDS = "_|¬`~^ˆ¡[]"  # what a scan adds around a word that no cell text starts or ends with
RULING_GLYPHS = {"Ì", "Í", "ì", "í", "l", "|", "!", "¦"}  # a vertical ruling's remnant read as a one-letter word
DIGIT_LETTERS = {"5": "s", "0": "o", "8": "b", "1": "l", "4": "a", "6": "g"}  # digits read for a first letter
NEVER_FIRST = ".,:;-'\"“”"  # nor starts with
LOW_CONF = 80.0  # a cell with a page-pass word below this confidence is read again
GARBLED_CONF = 40.0  # a word that is no syllable read below this confidence in a column of numbers is a figure
MIN_CONF = 50.0  # a cell-pass reading below this confidence wins only when another reading agrees
# the most a page reading that stands against two agreeing cell readings is worth: on the development scans
# such a page reading was wrong three times in four ("40" against "140", "140"), and a figure read under 50
# is one the audit does not blame the report for
CONTESTED_CONF = 40.0
STROKES = set("IilL|!1")
STROKE_CONF = 40.0  # the most a lone stroke read as 1 is worth: a guess the audit does not blame the report on
COMMA_LOST_FACTOR = 3.0  # a reading of digits alone this many times the column's largest figure lost its comma
COMMA_FIT = 1.5  # ... when, given its comma back, it is at most this many times the column's largest
AGREE = 10.0  # what each reading adds to the confidence it votes with
KIND_SHARE = 0.7  # a column's figures share a form when this share of them have it
LOOKALIKES = set("OoQDIlLJTBSsZzGgqAHhbe")  # letters a figure is misread as ("LOIB" for 1.018, "II" for 11)
NUMBERING = {"stt", "tt", "số tt", "số thứ tự"}  # a column under these headers holds numbers
NUMERIC_SHARE = 0.5  # a column is one of numbers when this share of its cells below the first row are digits
CROP_INSET = 0.25  # text heights cut off each side of a cell's box (ruling left-overs)
CROP_MARGIN = 0.3  # text heights kept above and below a cell's words
CROP_PAD = 10  # white pixels around a crop (Tesseract reads text touching the border badly)
# The ways a cell is read again, in turn, until two readings agree: (language, psm, Gaussian sigma in
# pixels at 300 dpi); None is the page's language. Figures: Tesseract's English model reads Liberation
# digits better than the Vietnamese one ("57,9" for 57,5), softened strokes better still (a fax's
# jagged ones above all), and a raw line (psm 13) errs differently from a text line (psm 7). Text:
# a block (psm 6, a cell may wrap), sharp then softened, then a column of lines (psm 4).
FIGURE_VARIANTS = (("eng", 7, 1.0), ("eng", 7, 0.0), (None, 13, 1.0))
TEXT_VARIANTS = ((None, 6, 0.0), (None, 6, 1.0), (None, 4, 0.7))
STRAY_INK = 0.2  # a run of ink a text height away from the rest, with less than this share of the most, is stray
SPECK_AREA = 0.008  # of the squared text height: smaller ink blobs in a crop are dust
GLYPH_SHARE = 0.5  # of the text height: such dust in a group this tall is a faint figure broken up, kept


def digitish(text: str) -> bool:
    """At least half of the letters and digits are digits ("7:", "l2", "1.604")."""
    alnum = [ch for ch in text if ch.isalnum()]
    return bool(alnum) and sum(ch.isdigit() for ch in alnum) >= 0.5 * len(alnum)


def as_figure(text: str) -> str | None:
    """``text`` as a well-formed figure, once the marks a scan adds around it are trimmed ("498.",
    "_380-", "1. 419") and the thousands separators a scan lost put back ("11800.000", "5600000");
    None when it is not one."""
    t = text.strip(EDGE_MARKS + " ")
    for cand in (t, t.replace(" ", "")):
        if WELL_FORMED.match(cand):
            return cand
        m = LOST_SEPARATORS.match(cand)
        if m and (len(m.group(1)) >= 5 or m.group(2)):
            head = m.group(1)
            groups = [head[max(0, i - 3):i] for i in range(len(head), 0, -3)][::-1]
            return ".".join(groups) + m.group(2) + m.group(3)
    return None


def clean_text(text: str) -> str:
    """``text`` without the characters a scan adds at its ends that no cell text starts or ends with,
    its glued syllables apart (``split_glued``)."""
    text = text.strip(NEVER_AT_ENDS + " ").lstrip(NEVER_FIRST + " ")
    words = text.split(" ", 2)
    if len(words) >= 2 and words[0] in RULING_GLYPHS and words[1][:1].isupper():
        text = text[len(words[0]):].lstrip()  # "Ì Xã Sốp Cộp": the cell's left ruling, read as a letter
    text = re.sub(r"(?<=[^\W\d_])([;,])(?=[^\W\d_])", r"\1 ", text)  # "Nhùn;xã": a space follows ; and ,
    text = re.sub(r"(?<=[^\W\d_])¡|¡(?=[^\W\d_])", "i", text)  # "S¡ Ma Cai": no Vietnamese word has ¡
    tokens = [part for t in text.split() for part in split_number(split_glued(single_letter(t))).split()]
    tokens = [letter_for_digit(t, i == 0 or tokens[i - 1][:1].isupper() or tokens[i + 1:i + 2] != [] and
                               tokens[i + 1][:1].isupper()) for i, t in enumerate(tokens)]
    # a full stop after a word (not after an abbreviation such as "TP.") is a speck
    if tokens and tokens[-1].endswith(".") and syllables.is_valid(tokens[-1][:-1]) and tokens[-1][:-1].lower() != tokens[-1][:-1].upper():
        tokens[-1] = tokens[-1][:-1]
    return " ".join(tokens)


def single_letter(token: str) -> str:
    """A word OCR read with a letter twice ("Laay" for Lay): the letter once, when the word is no syllable and
    becomes one (``xoong`` is one and stays)."""
    m = re.match(r"^([^\W\d_]+)(\W*)$", token)
    if not m or syllables.is_valid(m.group(1).lower()):
        return token
    word = m.group(1)
    for i in range(1, len(word)):
        if word[i].lower() == word[i - 1].lower():
            once = word[:i] + word[i + 1:]
            if syllables.is_valid(once.lower()):
                return once + m.group(2)
    return token


def split_number(token: str) -> str:
    """A word and the number after it glued by a lost space ("Tháng4", "Đợt12") apart, when the letters are
    a syllable of at least two letters."""
    m = re.match(r"^([^\W\d_]{2,})(\d{1,4})$", token)
    return f"{m.group(1)} {m.group(2)}" if m and syllables.is_valid(m.group(1).lower()) else token


def letter_for_digit(token: str, capital: bool) -> str:
    """A word whose first letter was read as a digit ("5i", "5án" for Si, Sán), when the letter makes a
    valid syllable of it; a capital at the start or next to a capitalised word (inside a name)."""
    m = re.match(r"^(\d)(\.?)([^\W\d_]+)(\W*)$", token)
    if not m or m.group(1) not in DIGIT_LETTERS or m.group(2) and m.group(1) != "1":
        return token  # "1." is an L whose foot broke off ("1.ường" for Lường)
    letter = DIGIT_LETTERS[m.group(1)]
    letter = letter.upper() if capital else letter
    word = letter + m.group(3)
    return word + m.group(4) if syllables.is_valid(word) else token


def split_glued(token: str) -> str:
    """A token Tesseract glued from several syllables ("XãPáLau", "Toànhuyện") with its syllables
    apart: only when it is no syllable itself, carries a Vietnamese mark or a capital after a small
    letter, and splits wholly into two to four valid syllables (the fewest)."""
    m = re.match(r"^(\W*)(\w+?)(\W*)$", token)
    if not m or not m.group(2).isalpha():
        return token
    lead, core, tail = m.groups()
    if len(core) < 4 or syllables.is_valid(core):
        return token
    marked = any(unicodedata.decomposition(ch) or ch in "đĐ" for ch in core)
    camel = any(a.islower() and b.isupper() for a, b in zip(core, core[1:]))
    if not (marked or camel):
        return token
    parts = syllables.segment(core)
    if (parts is None or not 2 <= len(parts) <= 4) and camel:
        # names of minority places are no standard syllables ("Kan"), but each one is capitalised
        cuts = [0] + [i for i in range(1, len(core)) if core[i - 1].islower() and core[i].isupper()] + [len(core)]
        parts = [core[a:b] for a, b in zip(cuts, cuts[1:])]
        if not all(any(unicodedata.normalize("NFD", ch)[0].lower() in "aeiouy" for ch in p) for p in parts):
            parts = None
    if parts is None or not 2 <= len(parts) <= 4:
        return token
    return lead + " ".join(parts) + tail


def numeric_columns(cells: list[GridCell], n_cols: int, text_of=lambda c: c.page_text) -> set[int]:
    """Columns whose cells below the first row mostly hold digits, and numbering columns (STT)."""
    out = set()
    for c in range(n_cols):
        texts = [t for x in cells if x.col == c and x.colspan == 1 and x.row > 0 for t in [text_of(x)] if t]
        head = [x.page_text for x in cells if x.col == c and x.row == 0]
        if texts and sum(map(digitish, texts)) >= NUMERIC_SHARE * len(texts):
            out.add(c)
        elif head and clean_text(head[0]).lower().rstrip(".") in NUMBERING:
            out.add(c)
    return out


def is_numeric_cell(cell: GridCell, numeric: set[int]) -> bool:
    """A cell of a column of numbers read as a figure: empty (below the first row), mostly digits, or
    one garbled word: no syllable, and with a digit among its letters ("AA7" for 447), or of letters a
    digit is misread as ("LOIH"), or read with next to no confidence ("BC" for 168). A header or a
    word, such as "Không", stays text."""
    if cell.col not in numeric or cell.colspan != 1:
        return False
    text = cell.page_text
    if not cell.words:  # an empty cell of the first row is a header the page pass lost ("Chỉ tiêu")
        return cell.row > 0
    if digitish(text):
        return True
    if len(cell.words) != 1:
        return False
    word = text.strip(EDGE_MARKS)
    lookalike = cell.min_conf < LOW_CONF and all(unicodedata.normalize("NFD", ch)[0] in LOOKALIKES
                                                  for ch in text if ch.isalpha())  # "Ỉ" for 1: marks aside
    # below the first row; a bracketed column number "(3)" under a header is no figure
    no_word = cell.row > 0 and bool(word) and not syllables.is_valid(word.lower()) and not set("()") & set(word)
    return lookalike or no_word and (any(ch.isdigit() for ch in word) or cell.min_conf < GARBLED_CONF)


def figure_kind(figure: str) -> str:
    """The form of a well-formed figure: "date", or "n<decimals>" with "%" when it has one
    ("n0" 7.652, "n1" 109,3, "n2%" 14,08%)."""
    if "/" in figure:
        return "date"
    decimals = len(figure.rstrip("%").split(",")[1]) if "," in figure else 0
    return f"n{decimals}" + ("%" if figure.endswith("%") else "")


def column_kinds(cells: list[GridCell], numeric: set[int]) -> dict[int, str]:
    """The form most figures of each column of numbers share (below the first row), where at least
    three figures and ``KIND_SHARE`` of them do: a figure of another form is suspect ("3/5" among
    counts, "152771" among rates with two decimals)."""
    out = {}
    for c in numeric:
        kinds = [figure_kind(f) for x in cells if x.col == c and x.row > 0 and x.colspan == 1
                 for f in [as_figure(x.page_text)] if f is not None]
        if len(kinds) >= 3:
            top = max(set(kinds), key=kinds.count)
            if kinds.count(top) >= KIND_SHARE * len(kinds):
                out[c] = top
    return out


def crop(image: np.ndarray, box: Box, inset: int) -> np.ndarray | None:
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    x0, y0 = max(0, x0 + inset), max(0, y0 + inset)
    x1, y1 = min(image.shape[1], x1 - inset), min(image.shape[0], y1 - inset)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return image[y0:y1, x0:x1]


def despeck(image: np.ndarray, max_area: int, level: int = 128, glyph: int = 0) -> np.ndarray:
    """``image`` with ink blobs (darker than ``level``) of at most ``max_area`` pixels painted white, except
    those close together in a group ``glyph`` pixels tall (a faint figure a fax broke up: ``broken_glyphs``)."""
    ink = (image < level).astype(np.uint8)
    n, labels, stats, _ = components.with_stats(ink)
    small = np.flatnonzero(stats[1:, cv2.CC_STAT_AREA] <= max_area) + 1
    if small.size == 0:
        return image
    specks = np.isin(labels, small)
    if glyph:
        specks &= ~broken_glyphs(specks, max_area, glyph)
    out = image.copy()
    out[specks] = 255
    return out


def tighten(image: np.ndarray, margin: int, level: int = 128, gap: int = 0) -> np.ndarray | None:
    """The part of a crop that holds its text (ink darker than ``level``), with ``margin`` pixels of
    paper around it; None when blank. Runs of ink columns further than ``gap`` from the others that
    hold little ink (a dot, a pen tick beside the figure) are left out. Tesseract drops a thin last
    digit ("31" read as "3") in a crop that is mostly paper."""
    ink = image < level
    cols = ink.sum(axis=0)
    xs = np.flatnonzero(cols)
    if xs.size == 0:
        return None
    runs: list[list[int]] = [[xs[0], xs[0]]]
    for x in xs[1:]:
        if x - runs[-1][1] > gap:
            runs.append([x, x])
        else:
            runs[-1][1] = x
    mass = [int(cols[a:b + 1].sum()) for a, b in runs]
    keep = [r for r, m in zip(runs, mass) if m >= STRAY_INK * max(mass)]
    x0, x1 = keep[0][0], keep[-1][1]
    ys = np.flatnonzero(ink[:, x0:x1 + 1].any(axis=1))
    return image[max(0, ys.min() - margin):ys.max() + margin + 1, max(0, x0 - margin):x1 + margin + 1]


def _prepared(image: np.ndarray, sigma: float, dpi: int, level: int) -> np.ndarray:
    """A crop as Tesseract gets it: black on white at the page's ink level (Tesseract's own threshold
    on a small crop of textured paper misreads clean digits: "19;/1" for 15,71), padded, softened
    by ``sigma``."""
    image = np.where(image < level, 0, 255).astype(np.uint8)
    image = cv2.copyMakeBorder(image, CROP_PAD, CROP_PAD, CROP_PAD, CROP_PAD, cv2.BORDER_CONSTANT, value=255)
    return cv2.GaussianBlur(image, (0, 0), sigma * dpi / 300) if sigma else image


def _reading(words, text_height: float) -> tuple[str, float]:
    """(text, mean confidence) of Tesseract words of one crop: specks dropped, marks trimmed from the
    ends of each line."""
    words = [w for w in words if not is_speck(w.text, w.conf, w.height, text_height)]
    if not words:
        return "", 0.0
    lines: list[list] = []
    for w in sorted(words, key=lambda w: w.top + w.height / 2):
        if lines and (w.top + w.height / 2) - median(x.top + x.height / 2 for x in lines[-1]) <= 0.5 * text_height:
            lines[-1].append(w)
        else:
            lines.append([w])
    kept = [w for line in lines for w in trim_marks(sorted(line, key=lambda w: w.left))]
    return " ".join(w.text for w in kept), sum(w.conf for w in kept) / len(kept)


def comma_lost(text: str, kind: str | None, top: float | None) -> str | None:
    """A reading of digits alone in a column of decimals (``kind`` "n2": ``57,52``) that is far above every
    figure of its column (``top``, the column's largest) and fits in it once its comma is put back: the
    figure with the comma ("5752." -> "57,52"). A fax's comma is a dot or two that a reading easily loses;
    a whole number the column may hold (100 among rates) is not that far above the column."""
    m = re.fullmatch(r"n([1-9])(%?)", kind or "")
    core = text.strip(EDGE_MARKS + " ")
    if not m or not top or not re.fullmatch(r"\d+", core):
        return None
    decimals = int(m.group(1))
    if not 1 <= len(core) - decimals <= 3 or core[0] == "0" and len(core) - decimals > 1:
        return None
    value = int(core) / 10 ** decimals
    if int(core) <= COMMA_LOST_FACTOR * top or value > COMMA_FIT * top:
        return None
    return f"{core[:-decimals]},{core[-decimals:]}{m.group(2)}"


def column_tops(cells: list[GridCell], kinds: dict[int, str]) -> dict[int, float]:
    """The largest figure of each column of a known form (below the first row), from the page's readings."""
    out: dict[int, float] = {}
    for c, kind in kinds.items():
        if not kind.startswith("n"):
            continue  # (dates)
        values = [float(f.rstrip("%").replace(".", "").replace(",", ".")) for x in cells
                  if x.col == c and x.row > 0 and x.colspan == 1
                  for f in [as_figure(x.page_text)] if f is not None and figure_kind(f) == kind]
        if values and max(values) > 0:
            out[c] = max(values)
    return out


def _candidates(readings: list[tuple[str, float]], numeric: bool, kind: str | None,
                top: float | None = None) -> list[tuple[str, float]]:
    """The readings as cell texts (figures well-formed, of the column's form ``kind`` when any reading
    is; a reading whose comma was lost given it back, ``comma_lost``; "" for a reading that is neither)."""
    out = [((as_figure(t) or comma_lost(t, kind, top) or "") if numeric else clean_text(t), c) for t, c in readings]
    if numeric and top:
        out = [(comma_lost(r, kind, top) or t, c) if t and figure_kind(t) != kind else (t, c)
               for (t, c), (r, _) in zip(out, readings)]
    if numeric and kind is not None and any(t and figure_kind(t) == kind for t, _ in out):
        out = [(t if t and figure_kind(t) == kind else "", c) for t, c in out]
    return out


def agreed(readings: list[tuple[str, float]], numeric: bool, kind: str | None = None,
           top: float | None = None) -> bool:
    """Two readings say the same (a figure of the column's form)."""
    texts = [t for t, _ in _candidates(readings, numeric, kind, top) if t and (kind is None or figure_kind(t) == kind)]
    return len(texts) != len(set(texts))


def _whitelist(kind: str | None) -> str:
    """The characters a figure of a column's form is written with."""
    if kind is None:
        return NUMERIC_WHITELIST
    return "0123456789/-" if kind == "date" else "0123456789.,%+-"


def choose(readings: list[tuple[str, float]], numeric: bool, kind: str | None = None,
           top: float | None = None) -> tuple[str, float] | None:
    """The page reading (first) against the best of the cell-pass readings (the others).

    The cell-pass readings come from one crop and err together, so they do not add up: each distinct
    one scores its best confidence plus ``AGREE`` for every other variant that read it too, and
    needs ``MIN_CONF`` unless two agree (a page reading that is no figure agrees with the readings of
    its very digits). The page reading stands when a cell reading agrees with it or when it scores at
    least as much; against two agreeing cell readings it then keeps at most ``CONTESTED_CONF``, and so does a
    page figure under ``PAGE_SURE`` against a cell reading of ``MIN_CONF`` or more one digit off it. Figures
    must be well-formed (``top``: the column's largest figure, for ``comma_lost``). None when nothing qualifies."""
    cands = _candidates(readings, numeric, kind, top)
    page, rest = cands[0], [c for c in cands[1:] if c[0]]
    groups: dict[str, list[float]] = {}
    for t, c in rest:
        groups.setdefault(t, []).append(c)
    # a page reading that is no figure still votes with its digits for a reading of the column's form
    # ("1321." for 13,21: the comma lost)
    digits = re.sub(r"\D", "", readings[0][0]) if numeric and kind is not None and not page[0] else ""
    # or with its shape: as many characters, the digits in their places ("1-0" for 140: a stroke lost)
    shape = readings[0][0].strip() if numeric and not page[0] and re.search(r"\d", readings[0][0]) else ""
    votes = {t: len(cs) + (bool(digits) and re.sub(r"\D", "", t) == digits or _same_shape(shape, t))
             for t, cs in groups.items()}
    scored = [(t, max(cs) + AGREE * (votes[t] - 1), max(cs)) for t, cs in groups.items()
              if votes[t] >= 2 or max(cs) >= MIN_CONF]
    best = max(scored, key=lambda x: x[1], default=None)
    if page[0] and (page[0] in groups or best is None or page[1] >= best[1]):
        conf = max([page[1]] + groups.get(page[0], []))
        decided = numeric and len(cands) == len(FIGURE_VARIANTS) + 1 and cands[-1][0] == page[0]
        if any(votes[t] >= 2 for t in groups if t != page[0]) and not decided:
            conf = min(conf, CONTESTED_CONF)  # two readings of the cell say otherwise: a guess (unless the last
            # reader, in the page's language, sided with the page: ``contested``)
        elif numeric and page[0] not in groups and conf < PAGE_SURE \
                and any(max(cs) >= MIN_CONF and _digit_off(page[0], t) for t, cs in groups.items()):
            conf = min(conf, CONTESTED_CONF)  # an unsure page reading and a sure enough crop reading one digit off
            # it ("11,08" at 63 against "14,08" at 51): which digit is right is a guess
        return page[0], round(min(100.0, conf), 1)
    if best is None:
        if numeric and not rest and lone_stroke(readings[0][0]):
            return "1", round(min(readings[0][1], STROKE_CONF), 1)
        return None
    if votes[best[0]] >= 3:  # two readings of the crop and the page's shape of it: more than any one says
        return best[0], round(min(100.0, best[1]), 1)
    if numeric and _one_digit_contest(readings[0], best[0], groups[best[0]]):
        return best[0], round(min(best[2], CONTESTED_CONF), 1)
    return best[0], round(min(100.0, best[2]), 1)


# a page reading this confident that differs from the cell readings by one digit contests them when one of those
# is less sure than this (on the development fax pages: "5752" at 76 against "97,52" at 91 and 67, the page's 5 the
# right digit; "120" at 91 against "130" at 86 and 83 was the crop's right digit, and stands)
PAGE_SURE = 70.0


def _digit_off(a: str, b: str) -> bool:
    """Two figures of two digits or more, as many each, all but one the same (``numbers.one_misread``)."""
    a, b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    return len(a) >= 2 and one_misread(a, b)


def _one_digit_contest(page: tuple[str, float], figure: str, confs: list[float]) -> bool:
    """The page read the figure's digits but one (``5752`` for ``97,52``) with confidence ``PAGE_SURE`` or more,
    and one of the crop's readings that agree is under it: which digit is right is a guess (the symmetric case of
    a page reading that stands against two agreeing cell readings)."""
    return _digit_off(page[0], figure) and page[1] >= PAGE_SURE and min(confs) < PAGE_SURE


def contested(readings: list[tuple[str, float]], kind: str | None, top: float | None = None) -> bool:
    """Two readings of the crop agree on a figure one digit off a confident page reading (``_one_digit_contest``):
    the last reader of ``FIGURE_VARIANTS`` (another language model) is asked too, and decides when it sides with
    the page ("5752" at 76, the crop's "97,52" twice, the third reader "5752." -> 57,52)."""
    cands = _candidates(readings, True, kind, top)
    page, rest = cands[0], [t for t, _ in cands[1:] if t]
    if not page[0] or len(readings) > len(FIGURE_VARIANTS):
        return False
    return any(rest.count(t) >= 2 and t != page[0]
               and _one_digit_contest((page[0], readings[0][1]), t, [c for u, c in cands[1:] if u == t])
               for t in set(rest))


def _same_shape(page: str, figure: str) -> bool:
    """A page reading that is no figure but has the figure's length, its digits where the figure has them and
    the figure's other characters where it has none ("1-0" for 140)."""
    if not page or len(page) != len(figure) or page == figure:
        return False
    return all(a == b or not a.isdigit() and b.isdigit() for a, b in zip(page, figure)) \
        and sum(a.isdigit() and a == b for a, b in zip(page, figure)) >= max(1, len(figure) - 1)


def lone_stroke(text: str) -> bool:
    """A reading that is one upright stroke (``I``, ``l``, ``|``, ``Ĩ``): in a column of numbers, a 1 that the
    cell pass could not read again."""
    text = text.strip(" .,'")
    return len(text) == 1 and unicodedata.normalize("NFD", text)[0] in STROKES


def reread(cells: list[GridCell], boxes: list[Box], image: np.ndarray, n_cols: int, read, dpi: int = 300) -> int:
    """Read again the cells the page pass failed (``boxes[i]`` is the box of ``cells[i]`` in the pixels
    of ``image``, the cleaned page with its rulings erased) and keep the best reading in
    ``cell.text``/``cell.conf``. ``read(crops, psm, whitelist, lang)`` reads a list of crops and
    returns their Tesseract words (``lang`` None: the page's language). Each variant of
    ``FIGURE_VARIANTS`` / ``TEXT_VARIANTS`` reads the cells whose readings so far do not agree.
    Returns how many cells were read again."""
    numeric = numeric_columns(cells, n_cols)
    kinds = column_kinds(cells, numeric)
    tops = column_tops(cells, kinds)
    # the page's own ink level (a poor copy prints grey): Otsu over the table
    x0, y0 = int(min(b[0] for b in boxes)), int(min(b[1] for b in boxes))
    x1, y1 = int(max(b[2] for b in boxes)), int(max(b[3] for b in boxes))
    level = int(cv2.threshold(image[max(0, y0):y1, max(0, x0):x1], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0])
    height = median([w.height for c in cells for w in c.words if not is_mark(w.text)] or [30.0 * dpi / 300])
    inset = max(3, round(CROP_INSET * height))
    speck = max(4, round(SPECK_AREA * height * height))
    todo: list[tuple[GridCell, np.ndarray, bool, str | None, list[tuple[str, float]]]] = []
    for cell, box in zip(cells, boxes):
        is_num = is_numeric_cell(cell, numeric)
        figure = as_figure(cell.page_text) if is_num and cell.words else None
        if figure is not None and figure != cell.page_text:
            cell.text, cell.conf = figure, round(cell.mean_conf, 1)
        if cell.words:  # only the height of its text: a ruling the scan left between rows stays out
            m = CROP_MARGIN * height
            box = (box[0], max(box[1], min(w.box[1] for w in cell.words) - m),
                   box[2], min(box[3], max(w.box[3] for w in cell.words) + m))
        piece = crop(image, box, inset)
        if piece is None:
            continue
        piece = despeck(piece, speck, level, round(GLYPH_SHARE * height))
        if not cell.words:
            bad = np.count_nonzero(piece < level) >= speck * 3
        elif is_num:  # every figure is read twice: the audit stands on them
            bad = True
        else:
            bad = cell.min_conf < LOW_CONF
        piece = tighten(piece, max(2, round(CROP_MARGIN * height)), level, round(height))
        if bad and piece is not None:
            page = (cell.text if cell.text is not None else cell.page_text,
                    cell.conf if cell.conf is not None else cell.mean_conf) if cell.words else ("", 0.0)
            todo.append((cell, piece, is_num, kinds.get(cell.col) if is_num else None, [page]))
    def run(items: list) -> None:
        for stage in range(len(FIGURE_VARIANTS)):
            for is_num in (True, False):
                lang, psm, sigma = (FIGURE_VARIANTS if is_num else TEXT_VARIANTS)[stage]
                # a figure the page read is read once more; any cell until two readings agree
                pending = [t for t in items if t[2] == is_num and (not agreed(t[4], is_num, t[3], tops.get(t[0].col))
                                                                    or is_num and contested(t[4], t[3], tops.get(t[0].col)))]
                for whitelist in {_whitelist(t[3]) if is_num else None for t in pending}:
                    group = [t for t in pending if (_whitelist(t[3]) if is_num else None) == whitelist]
                    found = read([_prepared(p, sigma, dpi, level) for _, p, _, _, _ in group], psm, whitelist, lang)
                    for (_, _, _, _, readings), words in zip(group, found):
                        readings.append(_reading(words, height))

    def settle(items: list) -> None:
        for cell, _, is_num, kind, readings in items:
            best = choose(readings, is_num, kind, tops.get(cell.col) if is_num else None)
            if best is not None and (best[0] != readings[0][0] or best[1] != round(readings[0][1], 1)):
                # another text, or the same now in doubt, or confirmed by a reading that agrees
                cell.text, cell.conf = best

    run(todo)
    settle(todo)
    # a column the page pass left (nearly) empty shows its figures only now ("3", "4", "6"...): its
    # cells that read as no figure ("S" for 5, "C2" for 3) are read again as figures
    now = numeric_columns(cells, n_cols, lambda c: c.text if c.text is not None else c.page_text) - numeric
    again = [(cell, piece, True, None, readings[:1]) for cell, piece, is_num, _, readings in todo
             if not is_num and cell.col in now and cell.colspan == 1
             and as_figure(cell.text if cell.text is not None else cell.page_text) is None]
    if again:
        run(again)
        settle(again)
    return len(todo) + len(again)
