"""Ruling lines of a page and the cell grid they draw (OpenCV morphology).

A table's rulings are long, thin runs of ink: an opening with a one-pixel-thick kernel as long as a
fraction of the page keeps them and drops letters. Runs are bridged first (a fax breaks a ruling into
dots and dashes), which can also fuse bold letters into a band; such bands are as thick as the text
and are dropped by their mean thickness. Collinear pieces are clustered into one ``Rule`` with the
intervals it covers, so that a broken ruling still counts, and how much of each stretch of a line is
inked (its *coverage*) is what later tells a merged cell (no ruling there) from a broken one.

Rules that cross or touch form a table region; its ``Grid`` is the lattice of row and column
boundaries with, for every boundary stretch between two neighbouring lines, how much of it is ruled.
Outer borders a scan lost are restored from where the other rulings end. Which stretches are open
(merged cells) is decided with the words (``pipeline.ocr.tables``), not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.model import Box

# lengths relative to the page: a ruling is longer than a word; letters are shorter than these
H_RUN = 1 / 30  # of the page width: shortest horizontal piece kept by the opening
V_RUN = 1 / 55  # of the page height: shortest vertical piece (a table row is about 1/40 of an A4 page)
BRIDGE = 1 / 150  # of the page width: gaps bridged inside a ruling before the opening (fax dots)
MAX_THICK = 1 / 300  # of the page width: thicker bands are fused bold text or shadows, not rulings
EDGE = 1 / 120  # of the page size: pieces this close to the image edge are the scan's border
TOL = 1 / 350  # of the page width: pieces this close across are one line; lines this close meet
SIDE_INK = 0.25  # a ruling has less ink than this in the thin strips along both its sides
CROSSING_REACH = 15  # px: a stroke with ink right above and below a horizontal strip (about as high) crosses it
SPLIT = 1 / 70  # of the page height: a line with a longer gap is two lines (tables one above the other)
# a page narrower than this (px; an A4 page under about 170 dpi, a fax of a copy) is searched at its own size, not
# halved: halved, a stamp frame's thin side lies within the few pixels of the letters beside it and reads as their
# feet (``SIDE_INK``)
HALVED_FROM = 1400
MIN_CELLS = 6  # a ruled table has at least this many cells (a 2 x 2 box is a mail stamp or a frame)
OPEN_COVERAGE = 0.35  # a boundary stretch inked less than this may be open (a merged cell)


@dataclass
class Rule:
    """One ruling line: ``pos`` across (y of a horizontal rule, x of a vertical one) and the inked
    intervals along it, merged."""

    pos: float
    spans: list[tuple[float, float]] = field(default_factory=list)
    thick: float = 1.0
    parts: list[tuple[float, float, float, float]] = field(default_factory=list)  # (pos, start, end, thick) found

    @property
    def start(self) -> float:
        return self.spans[0][0]

    @property
    def end(self) -> float:
        return self.spans[-1][1]

    def coverage(self, a: float, b: float) -> float:
        """Share of [a, b] that is inked."""
        if b <= a:
            return 0.0
        got = sum(max(0.0, min(b, e) - max(a, s)) for s, e in self.spans)
        return got / (b - a)


@dataclass
class Grid:
    """A table's lattice: column boundaries ``xs`` and row boundaries ``ys`` (page pixels), and how much
    of each boundary stretch is ruled: ``vcov[r][k]`` for boundary ``xs[k]`` across row band ``r``,
    ``hcov[k][c]`` for boundary ``ys[k]`` across column band ``c`` (0 = nothing, 1 = a full line)."""

    xs: list[float]
    ys: list[float]
    vcov: np.ndarray
    hcov: np.ndarray
    ruled: bool = True  # False: columns or rows came from word alignment alone
    hrules: list[Rule] = field(default_factory=list)  # the rulings it was built from (to erase them)
    vrules: list[Rule] = field(default_factory=list)
    faint: list[Rule] = field(default_factory=list)  # every horizontal piece inside it, kept or not (split_rows)

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def band(self, axis: int, v: float) -> int:
        """Index of the column (axis 1) or row (axis 0) band holding ``v``, clamped to the outer ones."""
        cuts = self.xs if axis else self.ys
        i = int(np.searchsorted(cuts, v, side="right")) - 1
        return min(max(i, 0), len(cuts) - 2)

    def insert(self, axis: int, v: float, ruled: float) -> None:
        """A boundary at ``v`` across rows (axis 0) or columns (axis 1), ruled ``ruled`` all along; the
        band it splits keeps its coverage on both sides."""
        k = self.band(axis, v)
        if axis:
            self.xs.insert(k + 1, v)
            self.vcov = np.insert(self.vcov, k + 1, ruled, axis=1)
            self.hcov = np.insert(self.hcov, k + 1, self.hcov[:, k], axis=1)
        else:
            self.ys.insert(k + 1, v)
            self.hcov = np.insert(self.hcov, k + 1, ruled, axis=0)
            self.vcov = np.insert(self.vcov, k + 1, self.vcov[k, :], axis=0)

    def extend(self, axis: int, v: float) -> None:
        """A further boundary past the last one (``v`` beyond ``xs[-1]`` / ``ys[-1]``), ruled nowhere: the new
        band keeps the ruling of the band before it along its other sides."""
        if axis:
            self.xs.append(v)
            self.vcov = np.insert(self.vcov, self.vcov.shape[1], 0.0, axis=1)
            self.hcov = np.insert(self.hcov, self.hcov.shape[1], self.hcov[:, -1], axis=1)
        else:
            self.ys.append(v)
            self.hcov = np.insert(self.hcov, self.hcov.shape[0], 0.0, axis=0)
            self.vcov = np.insert(self.vcov, self.vcov.shape[0], self.vcov[-1], axis=0)

    def remove(self, axis: int, k: int) -> None:
        """Boundary ``k`` of rows (axis 0) or columns (axis 1) gone: its two bands are one, ruled where
        either was."""
        if axis:
            del self.xs[k]
            self.vcov = np.delete(self.vcov, k, axis=1)
            merged = np.maximum(self.hcov[:, k - 1], self.hcov[:, k])
            self.hcov = np.delete(self.hcov, k, axis=1)
            self.hcov[:, k - 1] = merged
        else:
            del self.ys[k]
            self.hcov = np.delete(self.hcov, k, axis=0)
            merged = np.maximum(self.vcov[k - 1], self.vcov[k])
            self.vcov = np.delete(self.vcov, k, axis=0)
            self.vcov[k - 1] = merged

    def coverage(self, axis: int, k: int) -> np.ndarray:
        """How much boundary ``k`` of rows (axis 0, per column band) or columns (axis 1, per row band)
        is ruled."""
        return self.vcov[:, k] if axis else self.hcov[k]


def ink(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0 (Otsu on the cleaned page)."""
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]


def _pieces(mask: np.ndarray, bw: np.ndarray, horizontal: bool, max_thick: float,
            edge: float) -> list[tuple[float, float, float, float]]:
    """(pos, start, end, thickness) of each thin run the opening kept.

    A run along the feet or tops of a line of letters (bridged serifs) is thin too, but has letters
    right beside it: a ruling has paper on both sides, save where a few letters come close.
    """
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    h, w = mask.shape
    integral = cv2.integral((bw > 0).astype(np.uint8))

    def density(x0: int, y0: int, x1: int, y1: int) -> float:
        x0, x1, y0, y1 = max(0, x0), min(w, x1), max(0, y0), min(h, y1)
        if x1 <= x0 or y1 <= y0:
            return 0.0
        n = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
        return n / ((x1 - x0) * (y1 - y0))

    out = []
    for cnt in contours:
        x, y, bw_, bh = cv2.boundingRect(cnt)
        length = bw_ if horizontal else bh
        roi = mask[y:y + bh, x:x + bw_]
        thick = cv2.countNonZero(roi) / max(1, length)
        if thick > max_thick:
            continue
        if horizontal:
            ys = np.flatnonzero(roi.any(axis=1))
            pos, start, end = y + float(np.average(np.arange(bh), weights=roi.sum(axis=1))), x, x + bw_
            side = max(density(x, y - 4, x + bw_, y - 1), density(x, y + bh + 1, x + bw_, y + bh + 4))
        else:
            pos, start, end = x + float(np.average(np.arange(bw_), weights=roi.sum(axis=0))), y, y + bh
            side = max(density(x - 4, y, x - 1, y + bh), density(x + bw_ + 1, y, x + bw_ + 4, y + bh))
        limit = h if horizontal else w
        if pos < edge or pos > limit - edge or side > SIDE_INK:
            continue
        out.append((pos, float(start), float(end), thick))
    return out


def _cluster(pieces: list[tuple[float, float, float, float]], tol: float, gap: float,
             split: float) -> list[Rule]:
    """Collinear pieces (positions within ``tol``) into rules; intervals closer than ``gap`` merged.
    A line is cut where nothing is inked for ``split`` (two tables one above the other share their
    left border's x)."""
    rules: list[list[tuple[float, float, float, float]]] = []
    for p in sorted(pieces):
        if rules and p[0] - rules[-1][-1][0] <= tol:
            rules[-1].append(p)
        else:
            rules.append([p])
    out = []
    for group in rules:
        chains: list[list[tuple[float, float, float, float]]] = []
        for p in sorted(group, key=lambda p: p[1]):
            if chains and p[1] - max(q[2] for q in chains[-1]) <= split:
                chains[-1].append(p)
            else:
                chains.append([p])
        for chain in chains:
            spans: list[list[float]] = []
            for _, s, e, _ in chain:
                if spans and s - spans[-1][1] <= gap:
                    spans[-1][1] = max(spans[-1][1], e)
                else:
                    spans.append([s, e])
            length = sum(e - s for _, s, e, _ in chain)
            pos = sum(p * (e - s) for p, s, e, _ in chain) / max(1e-9, length)
            thick = sum(t * (e - s) for _, s, e, t in chain) / max(1e-9, length)
            out.append(Rule(pos, [(s, e) for s, e in spans], thick, list(chain)))
    return out


def find_rules(gray: np.ndarray) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a page.

    Found at half resolution (rulings are 2-4 pixels thick at 300 dpi; a quarter of the pixels to
    open and label), a page under ``HALVED_FROM`` pixels wide at its own size; positions are given at full
    resolution.
    """
    h, w = gray.shape[:2]
    full = ink(gray)
    f = 2 if w >= HALVED_FROM else 1
    bw = (cv2.resize(full, (w // f, h // f), interpolation=cv2.INTER_AREA) > 64).astype(np.uint8) * 255 if f > 1 \
        else (full > 0).astype(np.uint8) * 255
    hh, ww = bw.shape
    k = 2 // f  # the floors below are the halved search's, in the page's pixels at its own size
    bridge = max(2 * k, round(ww * BRIDGE))
    hmask = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    hmask = cv2.morphologyEx(hmask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(8 * k, round(ww * H_RUN)), 1)))
    vmask = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    vmask = cv2.morphologyEx(vmask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8 * k, round(hh * V_RUN)))))
    max_thick, edge, tol = max(2.0 * k, ww * MAX_THICK), max(hh, ww) * EDGE, max(2.0 * k, ww * TOL)
    hp = _pieces(hmask, bw, True, max_thick, edge)
    vp = _pieces(vmask, bw, False, max_thick, edge)
    split = hh * SPLIT
    rules = []
    for pieces in (hp, vp):
        rules.append([Rule(f * r.pos, [(f * s, f * e) for s, e in r.spans], f * r.thick,
                           [(f * p, f * s, f * e, f * t) for p, s, e, t in r.parts])
                      for r in _cluster(pieces, tol, 4 * bridge, split)])
    return rules[0], rules[1]


def erase(gray: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The page with the strips of ``mask`` (``rules_mask``) painted as paper, save where a stroke crosses
    a horizontal one: ink inside it with ink straight above and below it (a digit a fax streak runs
    through) is kept, so erasing a line does not cut the figures it crosses in two. (Across vertical
    strips nothing is kept: a figure set close to a column's ruling would keep a piece of it.)"""
    if not mask.any():
        return gray
    strip = mask > 0
    inked = ink(gray) > 0
    outside = (inked & ~strip).astype(np.uint8)
    reach = CROSSING_REACH
    across = cv2.morphologyEx(outside, cv2.MORPH_CLOSE, np.ones((reach, 1), np.uint8))
    out = gray.copy()
    out[strip & ~(across.astype(bool) & inked)] = 255
    return out


def _meets(hr: Rule, vr: Rule, tol: float) -> bool:
    """A horizontal and a vertical rule cross or touch."""
    return (hr.start - tol <= vr.pos <= hr.end + tol) and (vr.start - tol <= hr.pos <= vr.end + tol)


def regions(hrules: list[Rule], vrules: list[Rule], tol: float) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of rules that meet (a table each): connected components of the crossing graph."""
    parent = list(range(len(hrules) + len(vrules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(hrules):
        for j, b in enumerate(vrules):
            if _meets(a, b, tol):
                parent[find(i)] = find(len(hrules) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, a in enumerate(hrules):
        groups.setdefault(find(i), ([], []))[0].append(a)
    for j, b in enumerate(vrules):
        groups.setdefault(find(len(hrules) + j), ([], []))[1].append(b)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _merge_close(rules: list[Rule], tol: float) -> list[Rule]:
    """Rules within ``tol`` of each other (a thick line's two edges, a skewed line's pieces) as one."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: r.pos):
        if out and r.pos - out[-1].pos <= tol:
            prev = out[-1]
            spans = sorted(prev.spans + r.spans)
            merged: list[tuple[float, float]] = []
            for s, e in spans:
                if merged and s <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], e))
                else:
                    merged.append((s, e))
            out[-1] = Rule((prev.pos + r.pos) / 2, merged, max(prev.thick, r.thick), prev.parts + r.parts)
        else:
            out.append(r)
    return out


FULL = 0.9  # of a table's height: a vertical rule this long runs through it


FAX_STACK_ROWS = 1.5  # on a fax, a floating piece shorter than this many rows is strokes; a longer one a broken ruling


def _stroke_stack(r: Rule, vrules: list[Rule], ys: list[float], tol: float, grey: bool = True) -> bool:
    """A "vertical rule" that is letters' strokes bridged to the row rulings above or below them (the 1s of a column
    of row numbers, the slashes of dates, right-aligned one above the other): in a table that three rules or more
    run through, a piece that reaches neither its top nor its bottom (a real one the scan broke keeps an end), or
    that rules the header row or the last row alone (a grey scan's header or total row splits no cell the body does
    not split)."""
    top, bottom = ys[0], ys[-1]
    height = bottom - top
    full = [v for v in vrules if v.end - v.start >= FULL * height]
    if len(full) < 3 or r in full or height <= 0:
        return False
    floating = r.start > top + 2 * tol and r.end < bottom - 2 * tol
    if not grey:  # a fax breaks its rulings: only a short floating piece is letters (a long one a ruling's middle)
        return floating and r.end - r.start < FAX_STACK_ROWS * float(np.median(np.diff(ys)))
    # a letter's stem bridged to the rulings above and below it in the header row ("Nhóm B" split after "Nhó")
    header_only = len(ys) > 3 and r.start <= top + 2 * tol and r.end <= ys[1] + 2 * tol
    total_only = len(ys) > 3 and r.end >= bottom - 2 * tol and r.start >= ys[-2] - 2 * tol  # a bold total row's figures
    return floating or header_only or total_only


def grid_of(hrules: list[Rule], vrules: list[Rule], tol: float, min_band: float, strokes: bool = True) -> Grid | None:
    """The lattice of one region. Rules that rule no whole band of the other direction are dropped
    (an underline, a stray scan line); an outer border the scan lost is put back where the rules of
    the other direction end. None when fewer than two rows or two columns remain."""
    hrules, vrules = _merge_close(hrules, 2 * tol), _merge_close(vrules, 2 * tol)
    # where most rules of the other direction start and end (a stray scan line may run on)
    x0 = float(np.median([r.start for r in hrules]))
    x1 = float(np.median([r.end for r in hrules]))
    y0 = float(np.median([r.start for r in vrules]))
    y1 = float(np.median([r.end for r in vrules]))
    xs = [r.pos for r in vrules]
    ys = [r.pos for r in hrules]
    # outer borders: where the other rules end, when no rule is there
    if xs[0] - x0 > min_band:
        xs.insert(0, x0)
    if x1 - xs[-1] > min_band:
        xs.append(x1)
    if ys[0] - y0 > min_band:
        ys.insert(0, y0)
    if y1 - ys[-1] > min_band:
        ys.append(y1)
    # keep rules that rule one band of the other direction: from one of its boundaries to the next,
    # at least half inked (a broken fax line), or nearly all of it
    def rules_band(r: Rule, a: float, b: float) -> bool:
        cov = r.coverage(a, b)
        ends = r.coverage(a, a + 4 * tol) >= 0.5 and r.coverage(b - 4 * tol, b) >= 0.5
        return cov >= 0.9 or (cov >= 0.5 and ends)

    def keep(rules: list[Rule], cuts: list[float]) -> list[Rule]:
        return [r for r in rules if any(rules_band(r, a, b) for a, b in zip(cuts, cuts[1:]) if b - a >= min_band)]

    vk = [r for r in keep(vrules, ys) if not _stroke_stack(r, vrules, ys, tol, strokes)]
    hk = keep(hrules, xs)
    if len(vk) < len(vrules) or len(hk) < len(hrules):
        if len(vk) < 2 or len(hk) < 2:
            return None
        return grid_of(hk, vk, tol, min_band, strokes)
    xs = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] >= min_band]
    ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] >= min_band]
    rows, cols = len(ys) - 1, len(xs) - 1
    if cols < 2 or rows < 1 or (rows == 1 and cols < 3) or (rows > 1 and rows * cols < MIN_CELLS):
        return None  # a table has six cells or more (a 2 x 2 box is a stamp), or is a header row of three
    vcov = np.zeros((len(ys) - 1, len(xs)))
    hcov = np.zeros((len(ys), len(xs) - 1))
    for k, x in enumerate(xs):
        near = [r for r in vrules if abs(r.pos - x) <= 2 * tol]
        for r in range(len(ys) - 1):
            vcov[r, k] = max((v.coverage(ys[r], ys[r + 1]) for v in near), default=0.0)
    for k, y in enumerate(ys):
        near = [r for r in hrules if abs(r.pos - y) <= 2 * tol]
        for c in range(len(xs) - 1):
            hcov[k, c] = max((h.coverage(xs[c], xs[c + 1]) for h in near), default=0.0)
    return Grid(xs, ys, vcov, hcov, hrules=hrules, vrules=vrules)


def _bilevel(gray: np.ndarray) -> bool:
    """Only black and white pixels (a fax, a 1-bit scan)."""
    from pipeline.ocr.measure import is_bilevel

    return is_bilevel(gray)


def ruled_regions(gray: np.ndarray, bilevel: bool | None = None) -> list[tuple[list[Rule], list[Rule], Grid | None]]:
    """Every group of rules that meet, with the table grid it draws (None: a frame, not a table). ``bilevel``: the
    page was scanned black and white (a fax), whatever its cleaning made of it; None: measured here."""
    h, w = gray.shape[:2]
    hrules, vrules = find_rules(gray)
    tol = max(3.0, w * TOL)
    min_band = max(8.0, h / 200)  # narrower bands are a doubled line, not a row or a column
    out = []
    # a grey scan's rulings are whole: a piece in the middle of a table is letters' strokes; a fax breaks rulings
    # into pieces that reach neither end, and keeps them all
    strokes = not (_bilevel(gray) if bilevel is None else bilevel)
    for hs, vs in regions(hrules, vrules, 2 * tol):
        g = grid_of(hs, vs, tol, min_band, strokes)
        if g is not None:
            g.faint = [r for r in hrules if g.ys[0] < r.pos < g.ys[-1] and r.start < g.xs[-1] and r.end > g.xs[0]]
        out.append((hs, vs, g))
    return out


def find_grids(gray: np.ndarray, found: list | None = None) -> tuple[list[Grid], np.ndarray]:
    """Every ruled table of a page (top to bottom) and the mask of their ruling pixels (rules outside
    tables, such as the underline of the national motto, are not in it). ``found``: ``ruled_regions``
    of the page when already computed."""
    found = ruled_regions(gray) if found is None else found
    grids = sorted((g for _, _, g in found if g is not None), key=lambda g: g.ys[0])
    return grids, rules_mask(grids, gray.shape)


def frames(found: list) -> list[Box]:
    """Boxes drawn by rules that make no table (``ruled_regions`` whose grid is None): an incoming-mail
    stamp, a framed note. Left and right come from the vertical rules and top and bottom from the ends
    of both (a horizontal rule may run on beyond the box: the underline of a title that touches it)."""
    out = []
    for hs, vs, g in found:
        if g is None:
            xs = [r.pos for r in vs]
            ys = [r.pos for r in hs] + [r.start for r in vs] + [r.end for r in vs]
            out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def region_boxes(found: list) -> list[Box]:
    """The box of each of ``ruled_regions``: round all the rules of a table or a frame."""
    out = []
    for hs, vs, _ in found:
        rules = [(r.start, r.pos - r.thick, r.end, r.pos + r.thick) for r in hs]
        rules += [(r.pos - r.thick, r.start, r.pos + r.thick, r.end) for r in vs]
        out.append((min(b[0] for b in rules), min(b[1] for b in rules), max(b[2] for b in rules),
                    max(b[3] for b in rules)))
    return out


def rules_mask(grids: list[Grid], shape: tuple[int, ...]) -> np.ndarray:
    """The strips along the rules of ``grids``: each piece found, as thick as it is plus a margin for
    its ragged edges, and the gaps of a broken rule between its pieces."""
    out = np.zeros(shape[:2], np.uint8)
    for g in grids:
        for horizontal, rules in ((True, g.hrules), (False, g.vrules)):
            for r in rules:
                half = round(r.thick / 2 + 3)
                strips = [(p, s, e) for p, s, e, _ in r.parts]
                strips += [(r.pos, s, e) for s, e in r.spans]  # the gaps of a broken rule
                for p, s, e in strips:
                    p, s, e = round(p), max(0, round(s) - 2), round(e) + 3
                    if horizontal:
                        out[max(0, p - half):p + half + 1, s:e] = 255
                    else:
                        out[s:e, max(0, p - half):p + half + 1] = 255
    return out
