"""The invisible text layer of a searchable PDF: which text each OCR word box carries, where it goes on the
page, and the font that writes it.

* Text: the RESTORED line where restoration ran, cut at the raw words' offsets mapped through the line's
  token map (``model.map_offsets``), so every restored character lands on exactly one word box; the raw
  word where it did not. NFC, one code unit per character.
* Place: the OCR boxes are axis-aligned boxes of words on a page that was deskewed for Tesseract and
  rotated back, so each box is the bounding box of a slightly tilted word. The page's tilt is read back
  from the words' centres along each line (one angle for the page, as the clean-up rotates the page by one
  angle); each word's own height follows from its box and that angle, and a line's height across the
  tilt from its words. A line's words share that height as font size and sit on its middle, each drawn
  level over its box, stretched (``Tz``) to the box's width and followed by a space stretched to the next
  word.
* Font: the glyph-less TrueType built by ``training/glyphless_font.py`` as a CIDFontType2, Identity-H,
  CID = UTF-16 code unit, every CID drawn by the one blank glyph, ToUnicode mapping each CID back to itself.
  Ascent 800, descent -200 (one em): a reader's box for a character spans the line's box exactly.

Coordinates here are OCR pixels with y pointing up (``y_up = page.height - y``); the PDF writer maps that
space onto the page with one ``cm``.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from pipeline.model import Box, Line, Page, map_offsets
from pipeline.turns import box_upright, upright_size

FONT_FILE = Path(__file__).with_name("data") / "glyphless.ttf"
FONT_NAME = "GlyphLessFont"
ADVANCE = 0.5  # the blank glyph's width in ems (the font's 500 units of 1000; /DW 500)
DESCENT = 0.2  # below the baseline, in ems (font descriptor /Descent -200; /Ascent 800)
MAX_SKEW = math.radians(10)  # beyond this the tilt read from the boxes is not trusted
MIN_GAP = 0.08  # the shortest space between two words, in ems


@dataclass
class PlacedWord:
    """One word of the layer: its text and where it is drawn (OCR pixels, y up)."""

    text: str
    x: float  # start of the baseline
    y: float
    width: float  # along the baseline
    size: float  # font size: the line's height
    space: float = 0.0  # width of the space drawn after it (0: last word of its line)
    box: Box | None = None  # the OCR box (y down) it was placed on


def layer_char(ch: str) -> str:
    """A character as the layer can carry it: one UTF-16 code unit, not a control character."""
    if ord(ch) > 0xFFFF:
        return "\ufffd"
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
        return ""
    return ch


def layer_text(text: str) -> str:
    return "".join(layer_char(c) for c in unicodedata.normalize("NFC", text))


def word_texts(line: Line) -> list[tuple[str, Box]]:
    """The text each word box of ``line`` carries, in order; boxes of words whose restored text went to
    the word before them (restoration joined them) are merged into that word's box."""
    words = [w for w in line.words if w.box is not None]
    if not words:
        return []
    if line.restored is None:
        pieces = [w.text for w in words]
    else:
        cuts = [0]
        for w in words[1:]:
            inside = next((t for t in line.tokens if t.raw_start < w.start < t.raw_end), None)
            if inside is not None:  # restoration joined this word to the one before: the token stays whole
                start = inside.rest_end
            else:
                start, _ = map_offsets(line, w.start, w.end, from_restored=False)
            cuts.append(min(max(start, cuts[-1]), len(line.restored)))
        cuts.append(len(line.restored))
        pieces = [line.restored[a:b].strip() for a, b in zip(cuts, cuts[1:])]
    out: list[tuple[str, Box]] = []
    for text, w in zip(pieces, words):
        text = layer_text(text)
        if text:
            out.append((text, tuple(w.box)))
        elif out:  # no text of its own: its characters went to the word before
            prev_text, b = out[-1]
            out[-1] = (prev_text, (min(b[0], w.box[0]), min(b[1], w.box[1]), max(b[2], w.box[2]),
                                   max(b[3], w.box[3])))
    return out


def _centre(b: Box) -> tuple[float, float]:
    return (b[0] + b[2]) / 2, (b[1] + b[3]) / 2


def page_skew(page: Page) -> float:
    """The page's tilt in radians (y down: positive when lines fall to the right), from the centres of
    the words of its lines of three words or more; 0 when no line says."""
    slopes: list[float] = []
    for line in page.lines:
        pts = [_centre(w.box) for w in line.words if w.box is not None]
        if len(pts) < 3:
            continue
        mx, my = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
        sxx = sum((p[0] - mx) ** 2 for p in pts)
        if sxx <= 0:
            continue
        slopes.append(sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx)
    if not slopes:
        return 0.0
    angle = math.atan(statistics.median(slopes))
    return angle if abs(angle) <= MAX_SKEW else 0.0


def _true_size(b: Box, angle: float) -> tuple[float, float]:
    """Width and height of a word tilted by ``angle`` whose bounding box is ``b``."""
    bw, bh = b[2] - b[0], b[3] - b[1]
    c, s = math.cos(abs(angle)), math.sin(abs(angle))
    det = c * c - s * s
    if det <= 0.2:
        return bw, bh
    w = (bw * c - bh * s) / det
    h = (bh * c - bw * s) / det
    return max(w, 0.5 * bw), max(h, 0.3 * bh)


def place_line(words: list[tuple[str, Box]], angle: float, page_height: float) -> list[PlacedWord]:
    """Lay out the words of one line of a page tilted by ``angle`` (y down).

    The line's height and middle are measured across the tilted line; each word is then drawn level, from
    its box's left edge to its right edge, centred on the line's middle below its own centre. Level
    words keep their characters on one baseline (readers split a word whose baseline drifts by half a
    point, as a tilted one does), and the line's words step down its slope together.
    """
    if not words:
        return []
    d = (math.cos(angle), math.sin(angle))  # along the line, y down
    n = (-math.sin(angle), math.cos(angle))  # across it, pointing down the page
    rows = []
    for text, b in words:
        cx, cy = _centre(b)
        _, h = _true_size(b, angle)
        across = cx * n[0] + cy * n[1]
        rows.append((text, b, cx * d[0] + cy * d[1], across - h / 2, across + h / 2))
    top, bottom = min(r[3] for r in rows), max(r[4] for r in rows)
    size = max(bottom - top, 1.0)
    middle = (top + bottom) / 2
    placed = []
    for i, (text, b, along, _, _) in enumerate(rows):
        mid_y = along * d[1] + middle * n[1]  # the line's middle under the word's centre
        base = mid_y + (0.5 - DESCENT) * size  # y down
        space = 0.0
        if i + 1 < len(rows):
            space = max(rows[i + 1][1][0] - b[2], MIN_GAP * size)
        placed.append(PlacedWord(text, b[0], page_height - base, max(b[2] - b[0], 0.1), size, space, b))
    return placed


def upright(page: Page) -> Page:
    """A page fed sideways or upside down (``Page.turned``) as it reads: its boxes on the page set upright."""
    turns = page.turned % 4
    if not turns or not page.width or not page.height:
        return page
    w, h = float(page.width), float(page.height)

    def up(b):
        return box_upright(b, turns, w, h) if b is not None else None

    lines = [replace(line, box=up(line.box), words=[replace(word, box=up(word.box)) for word in line.words])
             for line in page.lines]
    width, height = upright_size(turns, w, h)
    return replace(page, lines=lines, width=width, height=height, turned=0)


def place_page(page: Page) -> list[list[PlacedWord]]:
    """Every line of ``page`` laid out, in reading order."""
    angle = page_skew(page)
    height = float(page.height or 0)
    return [p for p in (place_line(word_texts(line), angle, height) for line in page.lines) if p]


def _num(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _hex(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def content(lines: list[list[PlacedWord]], font: str) -> bytes:
    """The content stream that writes ``lines`` invisibly (render mode 3) in OCR-pixel space."""
    out = ["BT", "3 Tr"]
    for line in lines:
        out.append(f"/{font} {_num(line[0].size)} Tf")
        for w in line:
            out.append(f"1 0 0 1 {_num(w.x)} {_num(w.y)} Tm")
            natural = len(w.text) * ADVANCE * w.size
            out.append(f"{_num(100 * w.width / natural)} Tz {_hex(w.text)} Tj")
            if w.space > 0:
                out.append(f"{_num(100 * w.space / (ADVANCE * w.size))} Tz <0020> Tj")
    out.append("ET")
    return ("\n".join(out) + "\n").encode("ascii")


# ---------------------------------------------------------------------------------------------
# The font
# ---------------------------------------------------------------------------------------------
def _to_unicode_cmap() -> bytes:
    """Every 2-byte code maps to the same UTF-16 code unit (surrogates excluded), in blocks of at most
    100 ranges of 256 codes each, as the CMap syntax allows."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    blocks = []
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


@lru_cache(maxsize=1)
def _font_parts() -> tuple[bytes, bytes, bytes]:
    cid_to_gid = b"\x00\x01" * 65536  # every CID is drawn by glyph 1, the blank one
    return FONT_FILE.read_bytes(), zlib.compress(cid_to_gid, 9), zlib.compress(_to_unicode_cmap(), 9)


def add_font(pdf):
    """The layer's Type0 font as an indirect object of ``pdf`` (a pikepdf.Pdf); add it once per file."""
    from pikepdf import Array, Dictionary, Name, Stream

    ttf, cid_to_gid, to_unicode = _font_parts()
    font_file = Stream(pdf, zlib.compress(ttf, 9))
    font_file.Filter = Name.FlateDecode
    font_file.Length1 = len(ttf)
    gid_map = Stream(pdf, cid_to_gid)
    gid_map.Filter = Name.FlateDecode
    cmap = Stream(pdf, to_unicode)
    cmap.Filter = Name.FlateDecode
    em = int(ADVANCE * 1000)
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/" + FONT_NAME), Flags=4,
        FontBBox=Array([0, -int(DESCENT * 1000), em, int((1 - DESCENT) * 1000)]), ItalicAngle=0,
        Ascent=int((1 - DESCENT) * 1000), Descent=-int(DESCENT * 1000), CapHeight=700, StemV=80,
        FontFile2=font_file,
    )
    cid_font = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/" + FONT_NAME),
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor), DW=em, CIDToGIDMap=gid_map,
    )
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/" + FONT_NAME), Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]), ToUnicode=cmap,
    ))
