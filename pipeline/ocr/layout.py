"""Reading order: words with boxes -> lines, two-column bands read column by column.

Official documents put two columns side by side in the header (issuing body | national motto and
date) and at the end (``Nơi nhận`` list | signature). Text on the same height in both columns must not
be read across as one line: a line is split where the gap between two words is far wider than any
justified space, and where a run of rows shares an empty vertical gutter, the rows are read left
column first, then right column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from pipeline.model import Box, Line, Word
from pipeline.text import has_letter_or_digit

GAP_FACTOR = 1.5  # a gap wider than this many word heights separates columns (justified spaces stay below)
BLANK_FACTOR = 0.8  # a blank strip this many line heights tall across both columns ends a two-column part
GUTTER_FACTOR = 1.0  # an empty strip this many line heights wide between two columns of rows is a gutter


@dataclass
class OWord:
    text: str
    box: Box
    conf: float | None = None
    group: tuple = ()  # words of one group were put on one line by the source (Tesseract, PDF row)
    block: int | None = None  # the source's text block (Tesseract block number)


@dataclass
class Segment:
    words: list[OWord] = field(default_factory=list)
    block: int | None = None

    @property
    def x0(self) -> float:
        return min(w.box[0] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.box[2] for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.box[1] for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.box[3] for w in self.words)


SPECK_CONF = 60.0  # a word of marks only read under this confidence can be a speck (``_is_speck``)


def _solid(w: OWord) -> bool:
    return has_letter_or_digit(w.text)


def _is_speck(words: list[OWord], i: int, gap: float) -> bool:
    """A word of marks only (``ˆ``, ``_.``; not a ruling's ``|``) read with low confidence, or taller than the
    words beside it (a blob read as ``_``: no punctuation mark stands taller than capitals), alone in a gap
    wider than a column gap between runs of at least two words with letters or digits (two columns of
    text, not the cells of a table row): a speck read as a mark, which joins nothing."""
    w = words[i]
    if _solid(w) or "|" in w.text:
        return False
    left = [v for v in words[:i] if _solid(v)][-2:]
    right = [v for v in words[i + 1:] if _solid(v)][:2]
    if len(left) < 2 or len(right) < 2 or right[0].box[0] - left[-1].box[2] <= gap:
        return False
    tall = w.box[3] - w.box[1] > max(v.box[3] - v.box[1] for v in left + right)
    if w.conf is not None and w.conf >= SPECK_CONF and not tall:
        return False
    return all(b.box[0] - a.box[2] <= gap for a, b in zip(left, left[1:])) and \
        all(b.box[0] - a.box[2] <= gap for a, b in zip(right, right[1:]))


def _split_at_gaps(words: list[OWord], gap: float) -> list[list[OWord]]:
    """Split a source line where the gap between words is column-wide. A speck OCR read as a mark in the
    gutter between two columns of text (``_is_speck``) does not join them, and is dropped: kept, it would
    fill the gutter that tells the two columns apart."""
    words = sorted(words, key=lambda w: w.box[0])
    specks = {i for i in range(len(words)) if _is_speck(words, i, gap)}
    solid = [w for i, w in enumerate(words) if i not in specks]
    parts: list[list[OWord]] = [[solid[0]]]
    for prev, w in zip(solid, solid[1:]):
        if w.box[0] - prev.box[2] > gap:
            parts.append([])
        parts[-1].append(w)
    return parts


def segments_of(words: list[OWord]) -> list[Segment]:
    """Group words by their source group, then split each group at column-wide gaps."""
    if not words:
        return []
    gap = GAP_FACTOR * median(w.box[3] - w.box[1] for w in words)
    groups: dict[tuple, list[OWord]] = {}
    for w in words:
        groups.setdefault(w.group, []).append(w)
    segs = []
    for ws in groups.values():
        for part in _split_at_gaps(ws, gap):
            segs.append(Segment(part, block=part[0].block))
    return segs


def rows_of(segs: list[Segment]) -> list[list[Segment]]:
    """Side-by-side segments on the same height (vertical overlap over half the smaller height) form a row."""
    rows: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: (s.y0 + s.y1) / 2):
        if rows:
            r = rows[-1]
            ry0, ry1 = min(x.y0 for x in r), max(x.y1 for x in r)
            overlap = min(ry1, s.y1) - max(ry0, s.y0)
            side_by_side = all(s.x0 >= x.x1 or s.x1 <= x.x0 for x in r)
            if side_by_side and overlap > 0.5 * min(ry1 - ry0, s.y1 - s.y0):
                r.append(s)
                continue
        rows.append([s])
    return [sorted(r, key=lambda s: s.x0) for r in rows]


def _gutter(rows: list[list[Segment]], min_width: float) -> float | None:
    """x of an empty vertical strip (at least ``min_width`` wide) between content of all rows."""
    spans = sorted((s.x0, s.x1) for r in rows for s in r)
    best, reach = None, spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_width and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    return None if best is None else (best[0] + best[1]) / 2


def _split_at_blank_rows(band: list[list[Segment]], min_gap: float) -> list[list[list[Segment]]]:
    """Cut a two-column band where a blank strip crosses both columns: the header's issuer | motto
    pair is read (left, right) before the number + "V/v" | date pair below it."""
    parts: list[list[list[Segment]]] = [[]]
    bottom = None
    for row in band:
        top = min(s.y0 for s in row)
        if bottom is not None and top - bottom >= min_gap and parts[-1]:
            parts.append([])
        parts[-1].append(row)
        bottom = max(bottom or 0.0, max(s.y1 for s in row))
    return parts


def _continues(part: list[list[Segment]], g: float, above: float | None, min_gap: float) -> bool:
    """The rows are the end of a paragraph, not two columns: they follow the line above without a
    blank strip, and only one of them has text on both sides of the gutter. A justified line with a
    wide gap (a word Tesseract could not read, dropped as garbage) above the short last line of its
    paragraph shares an empty strip with it; read column by column, the end of the line would move
    below the paragraph. A header or signature block is set off by a blank strip, or has several
    rows with text on both sides."""
    two_sided = sum(1 for r in part if any(s.x1 <= g for s in r) and any(s.x0 >= g for s in r))
    top = min(s.y0 for s in part[0])
    return above is not None and top - above < min_gap and two_sided <= 1


def _side_by_side(part: list[list[Segment]], g: float) -> bool:
    """Text either side of the gutter ``g`` shares some height: two columns. A list item's last line wrapped to the
    page's margin, left of the items' dash ("đình." under "- Chủ tịch ... 03 hộ gia"), lies wholly below the text
    right of the gutter: read in its place, not first as a column of its own."""
    left = [s for r in part for s in r if s.x1 <= g]
    right = [s for r in part for s in r if s.x0 >= g]
    if not left or not right:
        return True
    return min(max(s.y1 for s in left), max(s.y1 for s in right)) > max(min(s.y0 for s in left), min(s.y0 for s in right))


def reading_order(segs: list[Segment]) -> list[Segment]:
    if not segs:
        return []
    height = median(s.y1 - s.y0 for s in segs)
    min_gutter = GUTTER_FACTOR * height
    out: list[Segment] = []
    band: list[list[Segment]] = []

    above: float | None = None  # bottom of the row before the band

    def flush() -> None:
        for i, part in enumerate(_split_at_blank_rows(band, BLANK_FACTOR * height)):
            g = _gutter(part, min_gutter) if len(part) > 1 else None
            if g is not None and i == 0 and _continues(part, g, above, BLANK_FACTOR * height):
                g = None
            if g is not None and not _side_by_side(part, g):
                g = None  # one side's text all below the other's: a paragraph's last line at the margin, no column
            if g is None:
                out.extend(s for r in part for s in r)
            else:
                out.extend(s for r in part for s in r if s.x1 <= g)
                out.extend(s for r in part for s in r if s.x1 > g)
        band.clear()

    for row in rows_of(segs):
        if band and _gutter(band + [row], min_gutter) is None:
            tail = _split_at_blank_rows(band, BLANK_FACTOR * height)[-1]
            if len(tail) < len(band) and _gutter(tail + [row], min_gutter) is not None:
                # the rows above the band's last blank strip end here; the rows below it go on with this one (a
                # paragraph's short last line had joined a signature block below it by a gutter of its own)
                head = band[:len(band) - len(tail)]
                band[:] = head
                flush()
                above = max(s.y1 for s in head[-1])
                band.extend(tail)
            else:
                above = max(s.y1 for s in band[-1])
                flush()
        band.append(row)
    flush()
    return out


def _inside(w: OWord, frame: Box, margin: float) -> bool:
    cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
    return frame[0] - margin <= cx <= frame[2] + margin and frame[1] - margin <= cy <= frame[3] + margin


def framed_order(words: list[OWord], frames: list[Box] = ()) -> list[Segment]:
    """Reading order where words inside a ruled frame that is no table (an incoming-mail stamp, a framed
    note) are read as a unit of their own: the frame's lines follow the page's lines above its bottom.
    Laid out with the rest, a stamp beside the date line fills the blank strip between the header's
    rows, and the issuer | motto pair and the number | date pair are read as one two-column band.
    A frame round the whole page holds every word and changes nothing. The frame's own rules read as
    marks (``|``, ``;``) go with it: words within half a text height of it count as inside."""
    margin = 0.5 * median(w.box[3] - w.box[1] for w in words) if words and frames else 0.0
    groups: list[list[OWord]] = [[] for _ in frames]
    rest: list[OWord] = []
    for w in words:
        k = next((i for i, f in enumerate(frames) if _inside(w, f, margin)), None)
        (rest if k is None else groups[k]).append(w)
    out = reading_order(segments_of(rest))
    for frame, ws in sorted(zip(frames, groups), key=lambda fg: fg[0][1]):
        if not ws:
            continue
        at = max((i + 1 for i, s in enumerate(out) if (s.y0 + s.y1) / 2 <= frame[3]), default=0)
        out[at:at] = reading_order(segments_of(ws))
    return out


def lines_from_words(words: list[OWord], frames: list[Box] = ()) -> list[Line]:
    """Lines in reading order, numbered from 1; Word.start/end are offsets in Line.text. ``frames``:
    boxes ruled round text that is no table (``rulings.frames``), read apart."""
    lines = []
    for n, seg in enumerate(framed_order(words, frames), start=1):
        text, out = "", []
        for w in sorted(seg.words, key=lambda w: w.box[0]):
            if text:
                text += " "
            out.append(Word(text=w.text, box=w.box, conf=w.conf, start=len(text), end=len(text) + len(w.text)))
            text += w.text
        lines.append(Line(number=n, text=text, words=out, box=(seg.x0, seg.y0, seg.x1, seg.y1), block=seg.block))
    return lines
