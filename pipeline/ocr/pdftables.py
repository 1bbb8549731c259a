"""Tables of PDF text layers: pdfplumber's table finder, cells filled with the page's own words.

``page.find_tables()`` finds tables from the PDF's drawn lines and gives each cell's rectangle; a
merged cell is one rectangle over several rows or columns of the lattice their edges make. The words
are the text-layer words the page's ``Line``s were built from (boxes in PDF points), placed by their
centres, so a cell points at the characters of the page text exactly as a scanned cell does, and the
result has the same shape as a scanned table (``source=PDF``, ``conf`` None: nothing was recognised).
"""

from __future__ import annotations

import numpy as np

from pipeline.model import Box, Line, Table, TableSource
from pipeline.ocr.rulings import Grid
from pipeline.ocr.tablewords import GridCell, text_rows, trim_marks, words_in

SNAP = 1.5  # points: cell edges this close are one lattice line


def _lattice(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= SNAP:
            continue
        out.append(v)
    return out


def _index(cuts: list[float], v: float) -> int:
    return int(np.argmin([abs(c - v) for c in cuts]))


def grid_of_cells(boxes: list[Box]) -> tuple[Grid, list[GridCell], list[Box]] | None:
    """The lattice of pdfplumber's cell rectangles, and one ``GridCell`` (with its spans) per
    rectangle; None for fewer than two columns or a lattice a rectangle does not fit."""
    xs = _lattice([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _lattice([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(ys) < 2:
        return None
    cells, seen = [], set()
    for b in boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in seen:
            continue
        seen.add((r0, c0))
        cells.append(GridCell(r0, c0, rowspan=r1 - r0, colspan=c1 - c0))
    cells.sort(key=lambda c: (c.row, c.col))
    grid = Grid(xs, ys, np.ones((len(ys) - 1, len(xs))), np.ones((len(ys), len(xs) - 1)))
    return grid, cells, [(xs[c.col], ys[c.row], xs[c.col + c.colspan], ys[c.row + c.rowspan]) for c in cells]


def tables_of_page(plumber_page, lines: list[Line], page_no: int) -> list[Table]:
    """The tables pdfplumber finds on a page, top to bottom, each filled with the words of ``lines``."""
    from pipeline.ocr.tables import to_table

    from pipeline.ocr import alignment
    from pipeline.ocr.tables import read_grid

    out = []
    for found in sorted(plumber_page.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0])):
        built = grid_of_cells([tuple(map(float, c)) for c in found.cells])
        if built is None:
            continue
        grid, cells, boxes = built
        for cell, box in zip(cells, boxes):
            cell.words = [w for row in text_rows(words_in(lines, box)) for w in trim_marks(row)]
        if sum(1 for c in cells if c.words) < 2:
            continue
        out.append(to_table(grid, cells, lines, page_no, TableSource.PDF, boxes))
    for grid in alignment.find_grids(lines, exclude=[t.box for t in out]):  # tables drawn without lines
        table = read_grid(grid, lines, page_no, source=TableSource.PDF)
        if table is not None:
            out.append(table)
    return sorted(out, key=lambda t: (t.box[1], t.box[0]))
