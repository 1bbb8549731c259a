"""Tables of a scanned page: the page's words placed into the cells of a grid, the grid completed from them.

The grid comes from the page's rulings (``pipeline.ocr.rulings``). Scans lose rulings (a fax prints a
ruling as a few dots, a faint copy loses a column's line), so the grid is completed from the words:

* an outer column whose rulings faded is taken back when words sit just beyond the table's edge on
  most of its rows (``extend_sideways``);
* a column boundary is added where the words of every text line but one leave the same strip of paper
  empty inside one column band, with words on both sides of it (``add_aligned_columns``);
* a row band holding several text lines is split before a text line that fills more than half of the
  columns the band's first line fills (a new row), and not before a line that continues one or two
  wrapped cells (``split_rows``);
* a boundary stretch with (almost) no ruling is open, and the cells on both sides are one merged cell,
  only when text read with confidence lies across it: a header over two columns, STT over two header
  rows (``merged_cells``); a broken ruling between two data cells has no phrase across it.

Each word goes to the cell holding its centre; a cell's text is its words in reading order, without
what rulings and specks left (``tablewords``). Cells the page pass read badly are read again from
their crops (``pipeline.ocr.cells``). ``to_table`` turns the result into the data model's ``Table``.
"""

from __future__ import annotations

from statistics import median

import numpy as np

from pipeline.model import Box, Cell, Column, Line, Row, RowKind, Span, Table, TableSource
from pipeline.ocr import alignment
from pipeline.ocr import cells as cell_pass
from pipeline.ocr.rulings import OPEN_COVERAGE, Grid
from pipeline.ocr.tablewords import (GridCell, PWord, empty_strips, is_mark, is_speck, text_height, text_rows,
                                     trim_marks, union_box, words_in)

STRADDLE = 0.5  # text lies across a boundary when it reaches this many text heights beyond it on both sides
ROW_PITCH = 1.8  # text heights from one text line to the next of another row (a wrapped cell's: about 1.5)
ROW_STRADDLE = 0.2  # a word lies across a row boundary when it reaches this many text heights beyond it
PHRASE_GAP = 0.6  # words closer than this many text heights are one phrase (a word space, not a cell's padding)
CUT_CONF = 75.0  # a word read with less does not say where a line crosses it (its box may be too wide)
MERGE_CONF = 60.0  # text lying across a lost ruling merges two cells only when read with this confidence
ALIGN_GAP = 1.0  # text heights: the narrowest empty strip that separates two columns without a ruling
THIN_BAND = 1.1  # text heights: a narrower band between two rulings holds no text (a stroke beside a ruling)
BAND_PSM = 6  # the table bands are one block of text lines (psm 3 takes a column of lone digits for vertical text)
APART_HEIGHT = 3.0  # x-heights: a grid lower than this is read with the page (no table band)
APART_WIDTH = 20.0  # x-heights: a grid narrower than this is read with the page
BAND_PAD = 0.1  # inches of page above and below a table read with it (its frame, a faded border)
REACH = 4.0  # text heights: words this close beyond a faded outer boundary belong to the table
PART_RULED = 0.8  # an outer boundary ruled along less than this share of the table may have faded
ROW_REACH = 1.6  # row heights: a text line this close under a faded table foot may be one more row
CELL_GAP = 1.0  # text heights: the least gap between the words of two cells of a row (a word space is less)


def ruling_residue(words: list[PWord], grid: Grid) -> list[PWord]:
    """Words that are what is left of a ruling: marks (``|``, ``_``, ``—``) and hairline letters
    (``I``, ``l`` as thin as a stroke) lying on a grid line."""
    out = []
    for w in words:
        thin = len(w.text) == 1 and not w.text.isdigit() and (w.box[2] - w.box[0]) <= 0.2 * w.height
        if not (is_mark(w.text) or thin):
            continue
        m = max(4.0, 0.25 * w.height)
        on_x = any(w.box[0] - m <= x <= w.box[2] + m for x in grid.xs)
        on_y = any(w.box[1] - m <= y <= w.box[3] + m for y in grid.ys)
        if on_x or on_y:
            out.append(w)
    return out


# ---------------------------------------------------------------------------------------------
# Completing the grid from the words
# ---------------------------------------------------------------------------------------------
def drop_cutting_rules(grid: Grid, words: list[PWord]) -> None:
    """Boundaries drawn through the middle of words (a fax streak through a row, a strikethrough) are
    no boundaries: two or more words crossed through their middle half, where the line is drawn,
    remove one. Only words read with ``CUT_CONF`` count: the box of a word read with less can run over
    the dots and streaks beside it (a fax's "17" boxed across the ruling next to it)."""
    words = [w for w in words if not is_mark(w.text) and len(w.text) > 1 and (w.conf is None or w.conf >= CUT_CONF)]
    for axis in (0, 1):
        cuts = grid.xs if axis else grid.ys
        for k in range(len(cuts) - 2, 0, -1):
            v, cov = cuts[k], grid.coverage(axis, k)
            crossed = 0
            for w in words:
                lo, hi = (w.box[0], w.box[2]) if axis else (w.box[1], w.box[3])
                q = (hi - lo) / 4
                # only where it is drawn: a merged header's line passes beside STT, not through it
                crossed += lo + q < v < hi - q and cov[grid.band(1 - axis, w.cy if axis else w.cx)] >= OPEN_COVERAGE
            if crossed >= 2:
                grid.remove(axis, k)


def drop_partial_columns(grid: Grid, words: list[PWord]) -> None:
    """A column boundary drawn in fewer than half of the row bands, which words lie across in two or more of the
    bands where it is not drawn, is no column's: the strokes of letters set one above the other (the "h" of
    "Thị" on three rows of a fax) read as a piece of ruling, which would cut those rows' cells in two. A merged
    header is the other way round: its boundary is open in the header, drawn in the rows below."""
    words = [w for w in words if not is_mark(w.text) and len(w.text) > 1]
    n = grid.n_rows
    for k in range(len(grid.xs) - 2, 0, -1):
        x, cov = grid.xs[k], grid.coverage(1, k)
        drawn = [r for r in range(n) if cov[r] >= OPEN_COVERAGE]
        if not drawn or 2 * len(drawn) >= n:
            continue
        across = {r for w in words if w.box[0] < x < w.box[2] and (r := grid.band(0, w.cy)) not in drawn}
        if len(across) >= 2:
            grid.remove(1, k)


def drop_thin_bands(grid: Grid, height: float) -> None:
    """A row band lower than a line of text, or a column band narrower than a letter, is a second
    line drawn close to a ruling (a pen stroke, a fold): of its two boundaries the less inked goes
    (never the outer frame)."""
    for axis in (0, 1):
        cuts = grid.xs if axis else grid.ys
        k = 1
        while k < len(cuts) and len(cuts) > 2:
            if cuts[k] - cuts[k - 1] >= THIN_BAND * height:
                k += 1
                continue
            inner = [j for j in (k - 1, k) if 0 < j < len(cuts) - 1]
            if not inner:
                break
            grid.remove(axis, min(inner, key=lambda j: grid.coverage(axis, j).mean()))


def extend_sideways(grid: Grid, lines: list[Line]) -> None:
    """Columns whose rulings the scan lost at the table's left or right end (a fax fading towards a
    margin): when the outer boundary on that side is not ruled, and words sit just beyond it on at
    least half of the row bands, the table reaches to those words' far edge. On the right, a boundary
    ruled along a few rows only (the header's) with such words beyond it is a column's left side: a
    further column is added up to the words' edge."""
    for side in (1, 0):
        k = len(grid.xs) - 1 if side else 0
        cover = grid.vcov[:, k]
        partly = side and cover.max() >= OPEN_COVERAGE and cover.mean() < PART_RULED
        if cover.max() >= OPEN_COVERAGE and not partly:
            continue
        x = grid.xs[k]
        beyond = [w for w in words_in(lines, (0, grid.ys[0], 10**9, grid.ys[-1]))
                  if (w.cx > x if side else w.cx < x) and not is_mark(w.text)]
        if not beyond:
            continue
        height = median(w.height for w in beyond)
        # the run of words that starts within a few text heights of the boundary
        reach, run = x, []
        for w in sorted(beyond, key=lambda w: w.box[0] if side else -w.box[2]):
            near = w.box[0] - reach if side else reach - w.box[2]
            if near > REACH * height:
                break
            run.append(w)
            reach = max(reach, w.box[2]) if side else min(reach, w.box[0])
        bands = {grid.band(0, w.cy) for w in run}
        if len(bands) < max(2, 0.5 * grid.n_rows):
            continue
        edge = reach + height if side else reach - height
        if partly:
            grid.extend(1, edge)
        elif side:
            grid.xs[-1] = edge
        else:
            grid.xs[0] = edge


def extend_down(grid: Grid, lines: list[Line]) -> None:
    """Rows whose rulings the scan lost at the table's foot (a fax fading): when the bottom boundary is
    ruled along part of the table only, each text line just below (within ``ROW_REACH`` row heights) whose
    words sit inside the table's width, fill two columns or more and cross no column boundary (prose
    crosses them, and its words stand a word space apart, not ``CELL_GAP`` text heights) is one more row."""
    if grid.n_rows < 2 or grid.hcov[-1].mean() >= PART_RULED:
        return
    row = float(np.median(np.diff(grid.ys)))
    words = [w for w in words_in(lines, (0, grid.ys[-1], 10**9, grid.ys[-1] + 8 * row)) if not is_mark(w.text)]
    inner = grid.xs[1:-1]
    for line in text_rows(words):
        top = min(w.box[1] for w in line)
        if top - grid.ys[-1] > ROW_REACH * row:
            return
        if any(w.box[0] < grid.xs[0] - 0.5 * row or w.box[2] > grid.xs[-1] + 0.5 * row for w in line):
            return
        pad = 0.1 * row
        if any(w.box[0] + pad < x < w.box[2] - pad for w in line for x in inner):
            return
        bands = [grid.band(1, w.cx) for w in line]
        if len(set(bands)) < 2:
            return
        height = median(w.height for w in line)
        if any(b != a and w.box[0] - v.box[2] < CELL_GAP * height
               for v, w, a, b in zip(line, line[1:], bands, bands[1:])):
            return  # words of two columns a word space apart: a line of prose the boundaries happen to cut
        grid.extend(0, max(w.box[3] for w in line) + 0.2 * row)

def add_aligned_columns(grid: Grid, words: list[PWord]) -> None:
    """Column boundaries the rulings lost: inside a column band, a strip at least a text height wide
    that the words of every text line but one (a header may run across) leave empty, with words left
    and right of it on at least half of the text lines that have words in the band. A band of two text lines
    (a table's header alone at a page's foot, its rows on the next page) needs the strip empty on both, with
    words on both sides on both."""
    words = [w for w in words if not is_mark(w.text)]
    if not words:
        return
    height = median(w.height for w in words)
    for c in reversed(range(grid.n_cols)):
        a, b = grid.xs[c], grid.xs[c + 1]
        rows = text_rows([w for w in words if a <= w.cx < b])
        if len(rows) < 2:
            continue
        allowed = max(1, int(0.2 * len(rows))) if len(rows) >= 3 else 0
        for x in empty_strips(rows, a, b, ALIGN_GAP * height, allowed):
            both = sum(1 for r in rows if any(w.box[2] <= x for w in r) and any(w.box[0] >= x for w in r))
            if both >= max(2, 0.5 * len(rows)):
                grid.insert(1, x, 0.0)


def split_rows(grid: Grid, words: list[PWord]) -> None:
    """Row boundaries the rulings lost: a band's text line starts a new row when it fills at least two
    columns and more than half of the columns the current row's first line fills, and has words in
    the row's first column (a wrapped header or name does not continue there), or a piece of a
    ruling lies between it and the line above, or it is further from it than the lines of a wrapped
    cell are (``ROW_PITCH``)."""
    for r in reversed(range(grid.n_rows)):
        band = [w for w in words if grid.ys[r] <= w.cy < grid.ys[r + 1] and not is_mark(w.text)]
        rows = text_rows(band)
        if len(rows) < 2:
            continue
        cuts = []
        first = {grid.band(1, w.cx) for w in rows[0]}
        above = 0  # letters and digits of the row so far: a speck above a row does not make one
        for prev, cur in zip(rows, rows[1:]):
            above += sum(ch.isalnum() for w in prev for ch in w.text)
            cols = {grid.band(1, w.cx) for w in cur}
            # medians: a descender, a mark or a speck stretches a word's box across
            y0, y1 = median(w.cy for w in prev), median(w.cy for w in cur)
            height = median(w.height for w in prev + cur)
            faint = any(y0 < r.pos < y1 for r in grid.faint)
            # a wrapped cell's lines are set a line apart; rows are further apart by padding and rule
            apart = y1 - y0 >= ROW_PITCH * height
            starts = min(first) in cols or faint or apart
            if len(cols) >= 2 and len(cols) > 0.5 * len(first) and y1 - y0 >= height and above >= 2 and starts:
                cuts.append((y0 + y1) / 2)
                first, above = cols, 0
        for y in reversed(cuts):
            grid.insert(0, y, 1.0)  # decided from the text: no cell merges across it


def _phrases(line: list[PWord], gap: float) -> list[tuple[float, float, float]]:
    """x extents and mean confidence of the runs of a text line's words whose gaps are word spaces
    (under ``gap``)."""
    runs: list[list[PWord]] = []
    for w in line:
        if runs and w.box[0] - max(x.box[2] for x in runs[-1]) <= gap:
            runs[-1].append(w)
        else:
            runs.append([w])
    return [(min(w.box[0] for w in r), max(w.box[2] for w in r),
             sum(w.conf if w.conf is not None else 100.0 for w in r) / len(r)) for r in runs]


# ---------------------------------------------------------------------------------------------
# Merged cells
# ---------------------------------------------------------------------------------------------
def merged_cells(grid: Grid, words: list[PWord]) -> list[GridCell]:
    """The grid's cells, merged across open boundary stretches that a word lies across; each merged
    group grown to the rectangle it spans."""
    nr, nc = grid.n_rows, grid.n_cols
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    height = text_height(words)
    m = STRADDLE * height
    for r in range(nr):  # phrases lying across a vertical boundary ("Kết quả" over two columns)
        band = [w for w in words if grid.ys[r] <= w.cy < grid.ys[r + 1] and not is_mark(w.text)]
        for line in text_rows(band):
            for x0, x1, conf in _phrases(line, PHRASE_GAP * height):
                if conf < MERGE_CONF:  # two cells' words glued into garbage where a ruling was lost
                    continue
                for k in range(1, nc):
                    x = grid.xs[k]
                    if x0 < x - m and x1 > x + m and grid.vcov[r, k] < OPEN_COVERAGE:
                        union(r * nc + k - 1, r * nc + k)
    mv = ROW_STRADDLE * height
    for w in words:  # words lying across a horizontal boundary (STT over two header rows)
        c = grid.band(1, w.cx)
        for k in range(1, nr):
            y = grid.ys[k]
            if w.box[1] < y - mv and w.box[3] > y + mv and grid.hcov[k, c] < OPEN_COVERAGE:
                union((k - 1) * nc + c, k * nc + c)
    # grow every group to its bounding rectangle (an L-shaped group is not a cell)
    changed = True
    while changed:
        changed = False
        rects: dict[int, list[int]] = {}
        for i in range(nr * nc):
            r, c = divmod(i, nc)
            g = find(i)
            box = rects.setdefault(g, [r, c, r, c])
            box[0], box[1], box[2], box[3] = min(box[0], r), min(box[1], c), max(box[2], r), max(box[3], c)
        for g, (r0, c0, r1, c1) in rects.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if find(r * nc + c) != find(g):
                        union(r * nc + c, g)
                        changed = True
    cells: dict[int, GridCell] = {}
    for i in range(nr * nc):
        r, c = divmod(i, nc)
        g = find(i)
        if g not in cells:
            cells[g] = GridCell(r, c)
        cell = cells[g]
        cell.rowspan = max(cell.rowspan, r - cell.row + 1)
        cell.colspan = max(cell.colspan, c - cell.col + 1)
    by_pos = {(c.row, c.col): c for c in cells.values()}
    for w in words:
        i = grid.band(0, w.cy) * nc + grid.band(1, w.cx)
        cells[find(i)].words.append(w)
    return [by_pos[k] for k in sorted(by_pos)]


# ---------------------------------------------------------------------------------------------
# Into the data model
# ---------------------------------------------------------------------------------------------
def cell_box(grid: Grid, cell: GridCell) -> Box:
    return (grid.xs[cell.col], grid.ys[cell.row], grid.xs[cell.col + cell.colspan], grid.ys[cell.row + cell.rowspan])


def span_of(box: Box, page_lines: list[Line], page: int,
            by_number: dict[int, Line] | None = None) -> tuple[Span | None, list[tuple[int, int]]]:
    """The span of the page words inside a cell's ``box`` on the first page line they are on, and every
    (page, line) they are on; (None, []) when no page word lies in it."""
    by_number = by_number or {ln.number: ln for ln in page_lines}
    mine = [w for row in text_rows(words_in(page_lines, box)) for w in trim_marks(row)]
    mine = [w for w in mine if not is_mark(w.text)] or mine
    if not mine:
        return None, []
    first = text_rows(mine)[0][0]
    on_first = [w for w in mine if w.line == first.line]
    line = by_number[first.line]
    s, e = min(w.start for w in on_first), max(w.end for w in on_first)
    span = Span(page=page, line=first.line, start=s, end=e, raw=line.text[s:e], box=union_box(w.box for w in on_first))
    return span, sorted({(page, w.line) for w in mine})


def to_table(grid: Grid, cells: list[GridCell], page_lines: list[Line], page: int, source: TableSource,
             cell_boxes: list[Box] | None = None) -> Table:
    """A ``Table`` of one page fragment: one row per grid row (all ``DATA``: which rows are headers or
    totals is interpretation), one column per grid column (headers empty), every cell kept (empty ones
    as ""). A cell's span covers the page words in it on the first page line they are on; ``lines``
    lists every page line they are on. A merged cell sits in its top row at its first column; the grid
    positions it covers have no cell of their own. ``id`` is set by the caller."""
    by_number = {ln.number: ln for ln in page_lines}
    rows = [Row(index=r + 1, kind=RowKind.DATA, page=page) for r in range(grid.n_rows)]
    for i, cell in enumerate(cells):
        box = cell_boxes[i] if cell_boxes is not None else cell_box(grid, cell)
        span, used = span_of(box, page_lines, page, by_number)
        text = cell.text if cell.text is not None else (
            cell_pass.clean_text(cell.page_text) if source == TableSource.SCAN else cell.page_text)
        conf = cell.conf if cell.text is not None else (round(cell.mean_conf, 1) if cell.words else None)
        if any(w.conf is None for w in cell.words) and cell.text is None:
            conf = None  # a text layer: nothing was recognised
        rows[cell.row].cells.append(Cell(col=cell.col, text=text, span=span, box=box, colspan=cell.colspan,
                                         rowspan=cell.rowspan, conf=conf, lines=used))
    return Table(id="", source=source, columns=[Column(index=c, header="") for c in range(grid.n_cols)],
                 rows=rows, pages=[page], box=grid.box)


def read_grid(grid: Grid, lines: list[Line], page: int, image: np.ndarray | None = None, read=None,
              dpi: int = 300, source: TableSource = TableSource.SCAN) -> Table | None:
    """One table from a grid and the page's lines (on a scan, its table rows were read apart with the
    rulings erased: ``read_bands``): the grid completed from the words, merged cells, words into
    cells, and the cell pass when ``image`` and ``read`` are given (see ``cells.reread``). Spans point
    at ``lines``. None when fewer than two cells hold text (a ruled box, a form's frame)."""
    if grid.ruled:
        extend_sideways(grid, lines)
        extend_down(grid, lines)
    words = words_in(lines, grid.box)
    height = text_height(words)
    residue = set(map(id, ruling_residue(words, grid)))
    words = [w for w in words if id(w) not in residue and not is_speck(w.text, w.conf, w.height, height)]
    if grid.ruled:
        drop_thin_bands(grid, height)
        drop_cutting_rules(grid, words)
        drop_partial_columns(grid, words)
        add_aligned_columns(grid, words)
        split_rows(grid, words)
    cells = merged_cells(grid, words)
    for cell in cells:
        cell.words = [w for row in text_rows(cell.words) for w in trim_marks(row)]
    if sum(1 for c in cells if c.words) < 2:
        return None
    if image is not None and read is not None:
        cell_pass.reread(cells, [cell_box(grid, c) for c in cells], image, grid.n_cols, read, dpi)
    return to_table(grid, cells, lines, page, source)


def read_apart(grids: list[Grid], x_height: float) -> list[Grid]:
    """The grids whose rows are read apart from the page (``read_bands``): those that can be tables, at
    least ``APART_HEIGHT`` x-heights high and ``APART_WIDTH`` wide. A smaller ruled thing (the box of a
    stamp's date, a bracket and a stroke that met) is read with the page: blanking its rows would
    take a line of text out of the page's reading."""
    xh = max(1.0, x_height)
    return [g for g in grids if g.ys[-1] - g.ys[0] >= APART_HEIGHT * xh and g.xs[-1] - g.xs[0] >= APART_WIDTH * xh]


def band_rows(grids: list[Grid]) -> list[tuple[int, int]]:
    """The rows of the page each ruled table spans, from its top rule to its bottom rule."""
    return [(max(0, round(g.ys[0])), round(g.ys[-1])) for g in grids]


def read_bands(image: np.ndarray, grids: list[Grid], read, dpi: int, strip: bool = True) -> list:
    """The words of the table bands: the rows of ``grids`` alone (with ``BAND_PAD`` of page above and
    below, for their frame), in the pixels of ``image``, the cleaned page with the rulings of ``grids``
    erased, read as one block of text lines by ``read(image)`` (Tesseract words in its pixels; the page reader
    resamples a bi-level page's bands as it does the page's text), on the strip of the page from the first band's
    top to the last band's bottom when ``strip``, else on the whole page. Only the words whose centres lie in a
    table's rows are kept: the page around them is read with the page.

    The page itself is read with these rows blanked, so each word is read once: a ruling is no longer
    read as ``|`` or glues the words of two cells, and a table's text costs one reading, not two."""
    if not grids:
        return []
    rows = band_rows(grids)
    pad = round(BAND_PAD * dpi)
    top = max(0, min(y0 for y0, _ in rows) - pad) if strip else 0
    bottom = min(image.shape[0], max(y1 for _, y1 in rows) + pad) if strip else image.shape[0]
    bands = np.full_like(image[top:bottom], 255)
    for y0, y1 in rows:
        a, b = max(top, y0 - pad), min(bottom, y1 + pad)
        bands[a - top:b - top] = image[a:b]
    words = read(bands)
    for w in words:
        w.top += top
    return [w for w in words if any(y0 <= w.top + w.height / 2 <= y1 for y0, y1 in rows)]


def blank_bands(image: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """``image`` with the rows of ``grids`` painted white (the page read around its tables)."""
    if not grids:
        return image
    out = image.copy()
    for y0, y1 in band_rows(grids):
        out[y0:y1 + 1] = 255
    return out


SAME_TABLE = 0.8  # of the smaller table's area two tables' boxes share: one table read twice


def _filled(t: Table) -> int:
    return sum(1 for r in t.rows for c in r.cells if c.text.strip())


def _one_of_each(tables: list[Table]) -> list[Table]:
    """One table per place on the page: two grids found for one ruled table (a fax's doubled or broken outer
    rulings give a second frame a few pixels inside the first) read it twice; the reading with more cells filled
    stays."""
    kept: list[Table] = []
    for t in sorted(tables, key=_filled, reverse=True):
        if not any(_shared(t.box, k.box) >= SAME_TABLE for k in kept):
            kept.append(t)
    return [t for t in tables if any(t is k for k in kept)]


def _shared(a: Box, b: Box) -> float:
    w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller if w > 0 and h > 0 and smaller > 0 else 0.0


def read_page(grids: list[Grid], lines: list[Line], image: np.ndarray, page: int, *, lang: str,
              dpi: int, timeout: float = 0, cell_pass_on: bool = True) -> list[Table]:
    """The tables of one scanned page from its grids and its lines (the page text, its table bands
    read by ``read_bands``), in the pixels of ``image``, the cleaned page with the rulings of
    ``grids`` erased; then the tables the words' alignment shows where no ruling is."""
    from pipeline.ocr import tesseract

    def read(crops: list[np.ndarray], psm: int, whitelist: str | None, model: str | None):
        model = model if model and model in tesseract.languages() else lang
        return tesseract.ocr_images(crops, lang=model, psm=psm, dpi=dpi, timeout=timeout, whitelist=whitelist)

    out = []
    for grid in grids:
        t = read_grid(grid, lines, page, image, read if cell_pass_on else None, dpi)
        if t is not None:
            out.append(t)
    out = _one_of_each(out)
    for grid in alignment.find_grids(lines, exclude=[t.box for t in out]):
        t = read_grid(grid, lines, page, image, read if cell_pass_on else None, dpi)
        if t is not None:
            out.append(t)
    return sorted(out, key=lambda t: (t.box[1], t.box[0]))


def map_boxes(table: Table, fn) -> None:
    """Apply ``fn`` to every box of a table (the page's un-rotation)."""
    if table.box is not None:
        table.box = fn(table.box)
    for row in table.rows:
        for cell in row.cells:
            if cell.box is not None:
                cell.box = fn(cell.box)
            if cell.span is not None and cell.span.box is not None:
                cell.span.box = fn(cell.span.box)
