"""Tables read from scans: cells right per scan level on the devset, tables found, false tables, time added.

    vnreports bench tables_ocr [--docs dev_01,dev_02] [--levels office,poor,fax] [--no-negatives] [--jobs 1]
                               [--baseline] [--show]

Every page of the devset scans (``../shared/devset/scans/dev_NN_<level>.pdf``) is read as ``vnreports
ocr`` reads it (``pipeline.ocr.ocr_array``, one worker by default). The truth per page comes from the
gold tables (``dev_NN.gold.json``: ``header_as_written``, ``rows[].cells_as_written``,
``total_row.cells_as_written``) placed on their pages by the scanner's layout (``dev_NN.layout.json``
lists every ground-truth line with its page; a table line is its cells joined by `` | ``), so a table
that crosses a page break is two expected fragments.

A found table is matched to an expected fragment of its page by content (the similarity of their
texts, best pairs first; nothing about the documents is assumed), then its rows to the fragment's rows
by a sequence alignment on row similarity. A cell is right when its text equals the gold cell after
NFC and whitespace collapsing, column by column. Scores per level:

* body cells right: every cell of the data and total rows of the expected fragments (an unmatched
  table or row counts all its cells wrong), and of those the numeric cells (figures, percents, dates);
* header cells right;
* tables found / expected, extra tables on table pages, and false tables on pages without one (the
  devset pages without a table and, unless ``--no-negatives``, the corpus scans and the real pages);
* seconds per page spent on tables (rulings, grid, cell pass) over the rest of the page's OCR, from
  timings taken inside the same run; ``--baseline`` also reads every page with tables off, to report
  the wall-time ratio and check that the lines outside tables are the same.

These are development figures: the devset is what the table reader was tuned on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from pipeline.text import nfc, normalize_ws
from training.common import REPO_ROOT, shared_dir

LEVELS = ("office", "poor", "fax")
NUMERIC = re.compile(r"^[\d.,%/\-]+$")


def norm(text: str) -> str:
    return normalize_ws(nfc(text))


@dataclass
class PageRun:
    source: str  # devset | negative
    level: str
    doc: str
    page: int
    tables: list[list[list[str]]]  # per table, per row, the cell texts by column ("" where covered)
    seconds: float
    tables_s: float
    outside: list[str] = field(default_factory=list)  # lines outside the tables (for --baseline)
    plain_seconds: float | None = None
    plain_outside: list[str] | None = None


def grid_texts(table) -> list[list[str]]:
    """A found table as rows of cell texts by column; a merged cell's text at its first column."""
    n = len(table.columns)
    out = []
    for row in table.rows:
        texts = [""] * n
        for cell in row.cells:
            texts[cell.col] = cell.text
        out.append(texts)
    return out


def _outside(lines, boxes) -> list[str]:
    def inside(b):
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        return any(t[0] <= cx <= t[2] and t[1] <= cy <= t[3] for t in boxes)

    return [l.text for l in lines if l.box is None or not inside(l.box)]


def run_page(task: tuple[str, str, str, str, str, int, bool]) -> PageRun:
    """Read one page with tables on (and off, for the baseline); runs in a worker."""
    from dataclasses import replace

    from pipeline.context import OCRSettings
    from pipeline.ocr import PageJob, load_page, ocr_array

    source, level, doc, path, kind, index, baseline = task
    settings = OCRSettings()
    image, dpi = load_page(PageJob(path, kind, index, settings))
    t0 = time.perf_counter()
    lines, info = ocr_array(image, dpi, settings, page=index + 1)
    seconds = time.perf_counter() - t0
    boxes = [t.box for t in info["tables"]]
    run = PageRun(source, level, doc, index + 1, [grid_texts(t) for t in info["tables"]], seconds,
                  info["tables_s"], _outside(lines, boxes))
    if baseline:
        t0 = time.perf_counter()
        plain, _ = ocr_array(image, dpi, replace(settings, tables=False), page=index + 1)
        run.plain_seconds = time.perf_counter() - t0
        run.plain_outside = _outside(plain, boxes)
    return run


# ---------------------------------------------------------------------------------------------
# The truth: gold tables placed on their pages
# ---------------------------------------------------------------------------------------------
@dataclass
class Fragment:
    doc: str
    table: str
    page: int
    rows: list[list[str]]  # gold cells
    header: list[bool]  # which rows are the header


def fragments(devset: Path, doc: str) -> tuple[list[Fragment], int]:
    """The expected table fragments of a document, and its page count."""
    gold = json.loads((devset / f"{doc}.gold.json").read_text(encoding="utf-8"))
    layout = json.loads((devset / "scans" / f"{doc}.layout.json").read_text(encoding="utf-8"))
    rows: dict[str, tuple[str, list[str], bool]] = {}  # joined text -> (table id, cells, is header)
    for t in gold.get("tables") or []:
        rows[norm(" | ".join(t["header_as_written"]))] = (t["id"], t["header_as_written"], True)
        for r in t["rows"]:
            rows[norm(" | ".join(r["cells_as_written"]))] = (t["id"], r["cells_as_written"], False)
        if t.get("total_row"):
            rows[norm(" | ".join(t["total_row"]["cells_as_written"]))] = (t["id"], t["total_row"]["cells_as_written"], False)
    out: list[Fragment] = []
    for kind, page, text in layout["lines"]:
        if kind != "table":
            continue
        key = norm(" | ".join(c.strip() for c in text.split("|")))
        if key not in rows:
            raise SystemExit(f"{doc}: layout table line not in the gold: {text!r}")
        tid, cells, is_header = rows[key]
        if not out or out[-1].table != tid or out[-1].page != page:
            out.append(Fragment(doc, tid, page, [], []))
        out[-1].rows.append(list(cells))
        out[-1].header.append(is_header)
    return out, int(layout["pages"])


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------
def _row_sim(a: list[str], b: list[str]) -> float:
    return fuzz.ratio(norm(" ".join(a)), norm(" ".join(b))) / 100


def align_rows(found: list[list[str]], gold: list[list[str]]) -> list[tuple[int, int]]:
    """Pairs (found row, gold row) of the best monotone alignment on row similarity (pairs under 0.5
    similarity are not made)."""
    n, m = len(found), len(gold)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            s = _row_sim(found[i - 1], gold[j - 1])
            options = [(score[i - 1][j], "up"), (score[i][j - 1], "left")]
            if s >= 0.5:
                options.append((score[i - 1][j - 1] + s, "diag"))
            score[i][j], back[i][j] = max(options, key=lambda o: o[0])
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        step = back[i][j]
        if step == "diag":
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == "up":
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


@dataclass
class Score:
    body: int = 0
    body_right: int = 0
    numeric: int = 0
    numeric_right: int = 0
    header: int = 0
    header_right: int = 0
    expected: int = 0
    found: int = 0
    extra: int = 0
    false_tables: int = 0
    negative_pages: int = 0
    table_pages: int = 0
    pages: int = 0
    seconds: float = 0.0
    tables_s: float = 0.0
    table_page_seconds: float = 0.0
    table_page_tables_s: float = 0.0
    plain_seconds: float = 0.0
    outside_lines: int = 0
    outside_same: int = 0
    misses: list[str] = field(default_factory=list)


def score_page(run: PageRun, expected: list[Fragment], sc: Score) -> None:
    sc.pages += 1
    sc.seconds += run.seconds
    sc.tables_s += run.tables_s
    if run.plain_seconds is not None:
        sc.plain_seconds += run.plain_seconds
        sc.outside_lines += len(run.plain_outside or [])
        sc.outside_same += sum(1 for a, b in zip(run.outside, run.plain_outside or []) if a == b) if \
            len(run.outside) == len(run.plain_outside or []) else 0
    if not expected:
        sc.negative_pages += 1
        sc.false_tables += len(run.tables)
        return
    sc.table_pages += 1
    sc.table_page_seconds += run.seconds
    sc.table_page_tables_s += run.tables_s
    pairs = sorted(((fuzz.ratio(norm(" ".join(c for r in t for c in r)), norm(" ".join(c for r in f.rows for c in r))), i, j)
                    for i, t in enumerate(run.tables) for j, f in enumerate(expected)), reverse=True)
    used_t, used_f, match = set(), set(), {}
    for s, i, j in pairs:
        if s >= 50 and i not in used_t and j not in used_f:
            used_t.add(i)
            used_f.add(j)
            match[j] = i
    sc.expected += len(expected)
    sc.found += len(match)
    sc.extra += len(run.tables) - len(match)
    for j, frag in enumerate(expected):
        found = run.tables[match[j]] if j in match else []
        rows = dict((g, f) for f, g in align_rows(found, frag.rows))
        if j not in match:
            sc.misses.append(f"{run.doc} p{run.page} {frag.table}: not found")
        elif found and len(found[0]) != len(frag.rows[0]):
            sc.misses.append(f"{run.doc} p{run.page} {frag.table}: {len(found[0])} columns for {len(frag.rows[0])}")
        elif len(found) != len(frag.rows):
            sc.misses.append(f"{run.doc} p{run.page} {frag.table}: {len(found)} rows for {len(frag.rows)}")
        for g, gold_row in enumerate(frag.rows):
            got = found[rows[g]] if g in rows else None
            for c, want in enumerate(gold_row):
                right = got is not None and len(got) == len(gold_row) and norm(got[c]) == norm(want)
                if frag.header[g]:
                    sc.header += 1
                    sc.header_right += right
                    if not right and got is not None and len(got) == len(gold_row):
                        sc.misses.append(f"{run.doc} p{run.page} {frag.table} header r{g} c{c}: {want!r} -> {got[c]!r}")
                    continue
                sc.body += 1
                sc.body_right += right
                if NUMERIC.match(norm(want)) and any(ch.isdigit() for ch in want):
                    sc.numeric += 1
                    sc.numeric_right += right
                if not right and got is not None and len(got) == len(gold_row):
                    shown = "(no row)" if got is None else (got[c] if len(got) == len(gold_row) else f"({len(got)} cols)")
                    sc.misses.append(f"{run.doc} p{run.page} {frag.table} r{g} c{c}: {want!r} -> {shown!r}")


def collect(devset: Path, docs: list[str], levels: list[str], negatives: bool, baseline: bool):
    from pipeline.ocr import pdf

    tasks, truth = [], {}
    for doc in docs:
        frags, pages = fragments(devset, doc)
        for level in levels:
            path = devset / "scans" / f"{doc}_{level}.pdf"
            for i in range(pdf.page_count(path)):
                truth[("devset", level, doc, i + 1)] = [f for f in frags if f.page == i + 1]
                tasks.append(("devset", level, doc, str(path), "pdf", i, baseline))
    if negatives:
        for level in levels:
            for path in sorted((REPO_ROOT / "corpus" / "scans" / level).glob("*.pdf")):
                for i in range(pdf.page_count(path)):
                    truth[("negative", level, path.stem, i + 1)] = []
                    tasks.append(("negative", level, path.stem, str(path), "pdf", i, baseline))
        for path in sorted((shared_dir() / "realscans" / "pages").glob("*.png")):
            truth[("negative", "real", path.stem, 1)] = []
            tasks.append(("negative", "real", path.stem, str(path), "image", 0, baseline))
    return tasks, truth


def print_table(scores: dict[str, Score], command: str, show: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Tables read from scans (development figures: the devset was used to tune the reader)")
    for col in ("level", "pages", "body cells right", "numeric cells right", "header cells right",
                "tables found / expected", "extra tables", "false tables (pages)", "table s/page",
                "added s (table pages)", "added s (all pages)", "wall vs tables off", "lines outside same"):
        table.add_column(col, justify="left" if col == "level" else "right")

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.2f}% ({a}/{b})" if b else "-"

    for level, sc in scores.items():
        rest_tp = sc.table_page_seconds - sc.table_page_tables_s
        rest = sc.seconds - sc.tables_s
        table.add_row(
            level, str(sc.pages), pct(sc.body_right, sc.body), pct(sc.numeric_right, sc.numeric),
            pct(sc.header_right, sc.header), f"{sc.found} / {sc.expected}", str(sc.extra),
            f"{sc.false_tables} ({sc.negative_pages})",
            f"{sc.table_page_tables_s / sc.table_pages:.2f}" if sc.table_pages else "-",
            f"{sc.table_page_tables_s / rest_tp:+.0%}" if rest_tp else "-",
            f"{sc.tables_s / rest:+.0%}" if rest else "-",
            f"{sc.seconds / sc.plain_seconds:.2f}x" if sc.plain_seconds else "-",
            pct(sc.outside_same, sc.outside_lines) if sc.outside_lines else "-")
    console = Console(width=200)
    console.print(table)
    if show:
        for level, sc in scores.items():
            if sc.misses:
                console.print(f"[bold]{level}[/bold]: first {min(show, len(sc.misses))} of {len(sc.misses)} wrong cells")
                for m in sc.misses[:show]:
                    console.print("  " + m, markup=False)
    console.print(f"reproduce: {command}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench tables_ocr", description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=None, help="the devset folder (default ../shared/devset)")
    ap.add_argument("--docs", default="", help="comma-separated dev_NN (default: every document)")
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--no-negatives", action="store_true", help="skip the corpus scans and the real pages")
    ap.add_argument("--baseline", action="store_true", help="also read every page with tables off")
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong cells per level")
    ap.add_argument("--jobs", "-j", type=int, default=1)
    args = ap.parse_args(argv)
    devset = args.devset or shared_dir() / "devset"
    docs = [d for d in args.docs.split(",") if d] or sorted(
        p.name.split(".")[0] for p in devset.glob("dev_*.gold.json"))
    levels = [l for l in args.levels.split(",") if l]
    tasks, truth = collect(devset, docs, levels, not args.no_negatives, args.baseline)
    print(f"{len(tasks)} pages on {args.jobs} worker(s) ...", file=sys.stderr)
    if args.jobs == 1:
        runs = [run_page(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            runs = list(pool.map(run_page, tasks))
    scores: dict[str, Score] = {}
    for run in runs:
        key = run.level if run.source == "devset" else f"{run.level} (negatives)"
        score_page(run, truth[(run.source, run.level, run.doc, run.page)], scores.setdefault(key, Score()))
    command = ("vnreports bench tables_ocr " + " ".join(argv)).strip()
    print_table(scores, command, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
