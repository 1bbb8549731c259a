"""OCR accuracy and speed per scan level: the pipeline against bare `tesseract -l vie` and `-l eng`.

    vnreports bench ocr [--scans corpus/scans] [--levels clean,office,poor,fax] [--pages N] [--jobs N]

For every image-only PDF under ``<scans>/<level>/`` with its ``.gt.txt`` beside it, each page is read
three ways in the same run:

* ``pipeline``: what ``vnreports ocr`` does (clean-up, then Tesseract ``vie``, reading order);
* ``bare vie``: Tesseract ``-l vie`` on the raw page image (the scanner's pixels, its own dpi), no clean-up;
* ``bare eng``: the same with ``-l eng``, which reproduces the broken diacritics of the old archives.

Scores, summed over the pages of a level: CER and WER (Levenshtein over characters / words, text NFC and
whitespace-normalised, pages compared one by one), the CER with diacritics stripped from both sides
(letters right vs accents right), and wall seconds per page of one worker, with the share of it spent
reading the page from the PDF and (pipeline only) in clean-up and layout - everything but Tesseract.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline.context import OCRSettings
from training.common import REPO_ROOT
from pipeline.text import nfc, normalize_ws, strip_diacritics

ENGINES = ("pipeline", "bare vie", "bare eng")
DEFAULT_SCANS = REPO_ROOT / "corpus" / "scans"
LEVELS = ("clean", "office", "poor", "fax")


@dataclass
class PageResult:
    level: str
    doc: str
    page: int
    engine: str
    text: str
    seconds: float
    tesseract_s: float
    load_s: float


def norm(text: str) -> str:
    return normalize_ws(nfc(text))


def cer(ref: str, hyp: str) -> tuple[int, int]:
    """(edits, reference length) over characters of normalised text."""
    ref, hyp = norm(ref), norm(hyp)
    return Levenshtein.distance(ref, hyp), len(ref)


def wer(ref: str, hyp: str) -> tuple[int, int]:
    ref_w, hyp_w = norm(ref).split(), norm(hyp).split()
    return Levenshtein.distance(ref_w, hyp_w), len(ref_w)


def run_page(task: tuple[str, str, int, str]) -> PageResult:
    """OCR one page one way (runs in a worker)."""
    from pipeline.ocr import PageJob, load_page, ocr_array, pdf, tesseract

    level, path, index, engine = task
    settings = OCRSettings()
    t0 = time.perf_counter()
    if engine == "pipeline":
        image, dpi = load_page(PageJob(path, "pdf", index, settings))
        t1 = time.perf_counter()
        lines, info = ocr_array(image, dpi, settings)
        text, tess = "\n".join(l.text for l in lines), info["tesseract_s"]
    else:
        scan = pdf.native_image(path, index, settings.max_pixels)
        image, dpi = scan if scan is not None else (pdf.render_page(path, index, 300, settings.max_pixels), 300)
        t1 = time.perf_counter()
        words = tesseract.ocr_image(image, lang=engine.split()[1], dpi=dpi, timeout=settings.page_timeout)
        text, tess = " ".join(w.text for w in words), time.perf_counter() - t1
    return PageResult(level, Path(path).stem, index + 1, engine, text, time.perf_counter() - t0, tess, t1 - t0)


def collect(scans: Path, levels: list[str], max_pages: int | None) -> tuple[list[tuple], dict]:
    """Tasks (level, pdf, page index, engine) and the ground truth per (level, doc, page)."""
    from pipeline.ocr import pdf

    tasks, truth = [], {}
    for level in levels:
        for path in sorted((scans / level).glob("*.pdf")):
            gt_file = path.with_suffix(".gt.txt")
            if not gt_file.exists():
                continue
            gt_pages = gt_file.read_text(encoding="utf-8").split("\f")
            n = min(pdf.page_count(path), len(gt_pages), max_pages or 10**6)
            for i in range(n):
                truth[(level, path.stem, i + 1)] = gt_pages[i]
                tasks += [(level, str(path), i, e) for e in ENGINES]
    return tasks, truth


def score(results: list[PageResult], truth: dict) -> list[dict]:
    rows = []
    levels = list(dict.fromkeys(r.level for r in results))
    for level in levels:
        for engine in ENGINES:
            rs = [r for r in results if r.level == level and r.engine == engine]
            if not rs:
                continue
            c = [cer(truth[(r.level, r.doc, r.page)], r.text) for r in rs]
            w = [wer(truth[(r.level, r.doc, r.page)], r.text) for r in rs]
            b = [cer(strip_diacritics(norm(truth[(r.level, r.doc, r.page)])), strip_diacritics(norm(r.text)))
                 for r in rs]
            secs, tess, load = (sum(r.seconds for r in rs), sum(r.tesseract_s for r in rs),
                                sum(r.load_s for r in rs))
            rows.append({
                "level": level, "engine": engine, "pages": len(rs),
                "cer": sum(e for e, _ in c) / max(1, sum(n for _, n in c)),
                "wer": sum(e for e, _ in w) / max(1, sum(n for _, n in w)),
                "cer_base": sum(e for e, _ in b) / max(1, sum(n for _, n in b)),
                "s_page": secs / len(rs),
                "load": load / secs if secs else 0.0,
                "cleanup": (secs - tess - load) / secs if secs else 0.0,
            })
    return rows


def print_table(rows: list[dict], command: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="OCR on the generated scans (CER/WER: lower is better)")
    for col in ("level", "engine", "pages", "CER %", "WER %", "CER % no diacritics", "s/page", "reading page",
                "clean-up + layout"):
        table.add_column(col, justify="left" if col in ("level", "engine") else "right")
    bare = {r["level"]: r["cer"] for r in rows if r["engine"] == "bare vie"}
    for r in rows:
        gain = ""
        if r["engine"] == "pipeline" and bare.get(r["level"]):
            gain = f" ({(r['cer'] - bare[r['level']]) / bare[r['level']]:+.0%})"
        table.add_row(r["level"], r["engine"], str(r["pages"]), f"{100 * r['cer']:.2f}{gain}",
                      f"{100 * r['wer']:.2f}", f"{100 * r['cer_base']:.2f}", f"{r['s_page']:.2f}",
                      f"{100 * r['load']:.1f}%",
                      f"{100 * r['cleanup']:.1f}%" if r["engine"] == "pipeline" else "")
    console = Console(width=140)
    console.print(table)
    console.print("(+/-%: pipeline CER relative to bare `tesseract -l vie` on the same pages)")
    console.print(f"reproduce: {command}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench ocr", description=__doc__.splitlines()[0])
    ap.add_argument("--scans", type=Path, default=DEFAULT_SCANS, help="folder with <level>/<stem>.pdf + .gt.txt")
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--pages", type=int, default=None, help="at most N pages per document")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    levels = [l for l in args.levels.split(",") if l]
    tasks, truth = collect(args.scans, levels, args.pages)
    if not tasks:
        print(f"no scans with ground truth under {args.scans}", file=sys.stderr)
        return 2
    print(f"{len(truth)} pages x {len(ENGINES)} engines on {args.jobs} worker(s) ...", file=sys.stderr)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run_page, tasks))
    command = "vnreports bench ocr " + " ".join(argv) if argv else "vnreports bench ocr"
    print_table(score(results, truth), command.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
