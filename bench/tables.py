"""Tables: cells read right (value and meaning), rows linked to their unit, table inconsistencies found, false alarms.

    vnreports bench tables [--variants text,eng,office,poor,fax] [--docs dev_01,dev_03] [-j N]

On every table of the development set (``../shared/devset``: gold tables with their cells, meanings and row codes)
in each variant (clean text, English-only OCR text, office / poor / fax scans), and on the pages of the corpus
scans, which hold no table (any table found there is a false one). These are development figures: the table
readers were developed while looking at this set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.devset import VARIANTS, devset_dir, run_variant
from training.common import REPO_ROOT


def _pct(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "-"


def corpus_false_tables(jobs: int, cache: Path) -> tuple[int, int]:
    """(tables found, pages) on the corpus scans, whose pages have no table."""
    from pipeline.cache import DocCache
    from pipeline.context import Context, Settings
    from pipeline.runner import apply_stages, ocr_one

    ctx = Context(settings=Settings(jobs=jobs))
    found = pages = 0
    for pdf in sorted((REPO_ROOT / "corpus" / "scans").glob("*/*.pdf")):
        doc = apply_stages(ocr_one(pdf, pdf.name, ctx, DocCache(cache)), ctx, ["restore", "extract"])
        found += len(doc.tables)
        pages += len(doc.pages)
    return found, pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench tables", description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="text,eng", help=f"comma-separated, of {','.join(VARIANTS)}")
    ap.add_argument("--docs", default="")
    ap.add_argument("--corpus", action="store_true", help="also count false tables on the corpus scans")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=REPO_ROOT / "outputs" / "cache")
    args = ap.parse_args(argv)
    console = Console(width=None if Console().is_terminal else 160)
    names = [n for n in args.docs.split(",") if n] or sorted(p.name[:-10] for p in devset_dir().glob("dev_*.gold.json"))
    expected_tables = {n: len(json.loads((devset_dir() / f"{n}.gold.json").read_text(encoding="utf-8"))["tables"] or [])
                       for n in names}
    out = Table(title="Tables of the development set (development figures)")
    for col in ("variant", "cells right (recall)", "cells precision", "rows linked", "table inconsistencies found",
                "false alarms (table rules)", "s"):
        out.add_column(col, justify="right" if col != "variant" else "left")
    for v in [v for v in args.variants.split(",") if v]:
        results, seconds = run_variant(names, v, args.jobs, args.cache)
        cells = rows = None
        tp = fp = fn = rtp = rfn = 0
        for r in results:
            cells, rows = r.scores["tables"], r.scores["rows"]
            tp, fp, fn = tp + cells.tp, fp + cells.fp, fn + cells.fn
            rtp, rfn = rtp + rows.tp, rfn + rows.fn
        planted = [m for r in results for m in r.found + r.missed if m.startswith("table_")]
        found = [m for r in results for m in r.found if m.startswith("table_")]
        alarms = [m for r in results for m in r.false_alarms if m.startswith("A60")]
        out.add_row(v, f"{_pct(tp, tp + fn)} ({tp}/{tp + fn})", _pct(tp, tp + fp), f"{_pct(rtp, rtp + rfn)} ({rtp}/{rtp + rfn})",
                    f"{len(found)}/{len(planted)}", str(len(alarms)), f"{seconds:.0f}")
    console.print(out)
    console.print(f"gold tables: {sum(expected_tables.values())} in {sum(1 for n in names if expected_tables[n])} document(s)")
    if args.corpus:
        found, pages = corpus_false_tables(args.jobs, args.cache)
        console.print(f"corpus scans (no tables): {found} table(s) found on {pages} page(s)")
    console.print("command: vnreports bench tables " + " ".join(argv if argv is not None else []))
    return 0
