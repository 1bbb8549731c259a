"""Tables without any rulings, found from the alignment of their words alone.

Only strong evidence counts, so that prose never becomes a table: a run of at least ``MIN_ROWS``
consecutive text rows, each cut by wide gaps (``GAP`` text heights: far wider than a justified space)
into at least three pieces of which at least two are figures, whose gaps line up into the same
column boundaries (a strip of paper no row crosses). The row just above such a run joins it as its
header when it has two pieces or more and no word of it crosses a column boundary. Prose lines have no such gaps; the two-column
blocks of an official document's header and signature hold no figures.

The result is a ``Grid`` with ``ruled=False``: column boundaries in the middle of the common gaps,
row boundaries halfway between text rows; ``pipeline.ocr.tables.read_grid`` fills it like any other.
"""

from __future__ import annotations

from statistics import median

import numpy as np

from pipeline.model import Box, Line
from pipeline.ocr.rulings import Grid
from pipeline.ocr.tablewords import PWord, empty_strips, is_mark, runs, text_rows, words_in

GAP = 1.5  # text heights: a gap at least this wide separates two columns
MIN_ROWS = 3  # text rows of figures a table needs
MIN_FIGURES = 2  # pieces that are figures in each of those rows
MIN_PIECES = 3  # pieces in each of those rows


def _pieces(row: list[PWord], gap: float) -> list[list[PWord]]:
    out: list[list[PWord]] = []
    for w in row:
        if out and w.box[0] - max(x.box[2] for x in out[-1]) < gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _is_figure(piece: list[PWord]) -> bool:
    text = "".join(w.text for w in piece)
    digits = sum(ch.isdigit() for ch in text)
    return digits > 0 and digits >= 0.5 * sum(ch.isalnum() for ch in text)


def find_grids(lines: list[Line], exclude: list[Box] = ()) -> list[Grid]:
    """Rulingless tables of a page (words inside ``exclude``, the ruled tables, are left out)."""
    words = [w for w in words_in(lines, (-1e9, -1e9, 1e9, 1e9))
             if not is_mark(w.text) and not any(b[0] <= w.cx <= b[2] and b[1] <= w.cy <= b[3] for b in exclude)]
    if not words:
        return []
    height = median(w.height for w in words)
    rows = text_rows(words)
    strong = [len(p) >= MIN_PIECES and sum(map(_is_figure, p)) >= MIN_FIGURES
              for p in (_pieces(r, GAP * height) for r in rows)]
    grids = []
    for i, j in runs(len(rows), lambda k: strong[k], lambda k: rows[k + 1][0].cy - rows[k][0].cy < 3 * height):
        run = rows[i:j + 1]
        if len(run) < MIN_ROWS:
            continue
        x0 = min(w.box[0] for r in run for w in r)
        x1 = max(w.box[2] for r in run for w in r)
        cuts = empty_strips(run, x0, x1, GAP * height)
        if len(cuts) < MIN_PIECES - 1:
            continue
        # the row above joins as the header when its pieces fall into the same columns
        if i > 0 and run[0][0].cy - rows[i - 1][0].cy < 3 * height:
            above = rows[i - 1]
            crosses = any(w.box[0] < x < w.box[2] for w in above for x in cuts)
            if len(_pieces(above, GAP * height)) >= 2 and not crosses:
                run = [above] + run
        xs = [x0 - 0.5 * height] + cuts + [x1 + 0.5 * height]
        tops = [min(w.box[1] for w in r) for r in run]
        bottoms = [max(w.box[3] for w in r) for r in run]
        ys = [tops[0] - 0.3 * height] + [(b + t) / 2 for b, t in zip(bottoms, tops[1:])] + [bottoms[-1] + 0.3 * height]
        grids.append(Grid(xs, ys, np.ones((len(ys) - 1, len(xs))), np.ones((len(ys), len(xs) - 1)), ruled=False))
    return grids
