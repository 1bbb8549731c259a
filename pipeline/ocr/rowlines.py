"""A table read from a scan is put in the page text row by row.

The page pass reads a table's band as Tesseract segments it: one line per cell, or a line running across
two cells, in whatever order its layout analysis chose, and with the words the page pass read. The table
reader knows better: the grid says which words make a row and which a cell, and the cell pass read each
cell again (``cells.reread``). So the page lines inside a table's cells leave the page text, and in their
place each row of the table becomes one line: its cells' texts left to right, joined by `` | `` (an empty
cell stays as an empty slot, so the columns keep their places), as a typed table is written and as the
text-table reader reads one (``pipeline.tables.text``). Every cell's span then points at its own
characters on its row's line.

Each word of a row line keeps its page box where the cell's text is the page words' (the same words in the
same order); where the cell pass read something else, the cell's text is spread over the box of the words
it replaces (or the cell's box) in proportion to its characters, with the cell's confidence.
"""

from __future__ import annotations

from pipeline.model import Box, Cell, Line, Span, Table, Word
from pipeline.ocr.tablewords import PWord, is_mark, text_rows, trim_marks, union_box

SEPARATOR = " | "


def _centre_in(box: Box, cell: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]


def _spread(text: str, box: Box, conf: float | None) -> list[tuple[str, Box, float | None]]:
    """The words of ``text`` over ``box``, each as wide as its share of the characters (spaces included)."""
    tokens = text.split()
    total = max(1, len(text))
    width = box[2] - box[0]
    out, pos = [], 0
    for token in tokens:
        at = text.index(token, pos)
        x0 = box[0] + width * at / total
        x1 = box[0] + width * (at + len(token)) / total
        out.append((token, (x0, box[1], x1, box[3]), conf))
        pos = at + len(token)
    return out


def _cell_words(text: str, page_words: list[Word], cell_box: Box, conf: float | None) -> list[tuple[str, Box, float | None]]:
    """(text, box, confidence) of each word of a cell's ``text``: the page's own where they say it, else
    ``text`` spread over them (``_spread``)."""
    placed = [PWord(w.text, w.box, w.conf, 0, i, i) for i, w in enumerate(page_words) if w.box is not None]
    ordered = [page_words[p.start] for row in text_rows(placed) for p in trim_marks(row)]  # as the cell is read
    kept = [w for w in ordered if not is_mark(w.text)] or ordered
    if [w.text for w in kept] == text.split():
        return [(w.text, w.box, w.conf) for w in kept]
    area = union_box([w.box for w in kept]) if kept else cell_box
    clipped = (max(area[0], cell_box[0]), max(area[1], cell_box[1]), min(area[2], cell_box[2]), min(area[3], cell_box[3]))
    # (a page word glued across a lost ruling reaches into the next cell: the cell's text stays in its cell)
    return _spread(text, clipped if clipped[0] < clipped[2] and clipped[1] < clipped[3] else cell_box, conf)


def rows_as_lines(found: list[Table], lines: list[Line], page: int) -> list[Line]:
    """``lines`` (a scanned page's, in reading order) with the words inside the cells of ``found`` (the page's
    tables) taken out and each table's rows put in as lines where its first words were read (or, when the
    page pass read none of it, before the first line below its top); lines numbered again from 1. Every
    cell with text points at its characters on its row's line (``span``, ``lines``)."""
    tables = [t for t in found if any(c.box is not None for r in t.rows for c in r.cells)]
    if not tables:
        return lines
    cells = [(t, c) for t in tables for r in t.rows for c in r.cells if c.box is not None]
    taken: dict[int, list[Word]] = {id(c): [] for _, c in cells}
    first_at: dict[int, int] = {}
    kept_lines: list[Line | Table] = []
    for line in lines:
        left = []
        for w in line.words:
            home = next(((t, c) for t, c in cells if w.box is not None and _centre_in(w.box, c.box)), None)
            if home is None:
                left.append(w)
                continue
            taken[id(home[1])].append(w)
            if id(home[0]) not in first_at:
                first_at[id(home[0])] = len(kept_lines)
                kept_lines.append(home[0])
        if len(left) == len(line.words):
            kept_lines.append(line)
        elif left:
            kept_lines.append(_rebuilt(line, left))
    for t in tables:
        if id(t) not in first_at:  # only the cell pass read it: by its top, among the lines around it
            top = t.box[1] if t.box is not None else min(c.box[1] for r in t.rows for c in r.cells if c.box)
            at = next((i for i, x in enumerate(kept_lines)
                       if isinstance(x, Line) and x.box is not None and (x.box[1] + x.box[3]) / 2 > top),
                      len(kept_lines))
            kept_lines.insert(at, t)
    block = max((ln.block for ln in lines if ln.block is not None), default=0) + 1
    out: list[Line] = []
    placed: list[tuple[Line, list[tuple[Cell, int, int]]]] = []
    for x in kept_lines:
        if isinstance(x, Table):
            for row in x.rows:
                made = _row_line(row.cells, taken, block)
                if made is not None:
                    out.append(made[0])
                    placed.append(made)
            block += 1
        else:
            out.append(x)
    for n, line in enumerate(out, start=1):
        line.number = n
    for line, at in placed:
        for cell, s, e in at:
            if s == e:  # an empty cell points at nothing
                cell.span, cell.lines = None, []
                continue
            boxes = [w.box for w in line.words if w.box is not None and s <= w.start and w.end <= e]
            cell.span = Span(page=page, line=line.number, start=s, end=e, raw=line.text[s:e], box=union_box(boxes))
            cell.lines = [(page, line.number)]
    return out


def _rebuilt(line: Line, words: list[Word]) -> Line:
    """``line`` holding only ``words`` (their offsets and the line's box taken again)."""
    text, out = "", []
    for w in words:
        if text:
            text += " "
        out.append(Word(text=w.text, box=w.box, conf=w.conf, start=len(text), end=len(text) + len(w.text)))
        text += w.text
    return Line(number=line.number, text=text, words=out, box=union_box([w.box for w in out if w.box]) or line.box,
                block=line.block)


def _row_line(cells: list[Cell], taken: dict[int, list[Word]],
              block: int) -> tuple[Line, list[tuple[Cell, int, int]]] | None:
    """One row's line (its cells left to right joined by ``SEPARATOR``) and where each cell's text lies in
    it; None when every cell is empty."""
    if not any(c.text.strip() for c in cells):
        return None
    text, words, where = "", [], []
    for i, cell in enumerate(sorted(cells, key=lambda c: c.col)):
        if i:
            text += SEPARATOR
        value = " ".join(cell.text.split())
        where.append((cell, len(text), len(text) + len(value)))
        if not value:
            continue
        base = len(text)
        pos = 0
        for token, box, conf in _cell_words(value, taken.get(id(cell), []), cell.box, cell.conf):
            at = value.index(token, pos)
            words.append(Word(text=token, box=box, conf=conf, start=base + at, end=base + at + len(token)))
            pos = at + len(token)
        text += value
    return Line(number=0, text=text, words=words, box=union_box([w.box for w in words if w.box]), block=block), where
