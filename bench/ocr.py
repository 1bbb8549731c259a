"""OCR accuracy and cost: the pipeline against bare `tesseract -l vie` (and OCRmyPDF's --clean, trueocr where installed).

    vnreports bench ocr [--sets real,corpus,devset,lines] [--quick] [--max-pages N] [--dev-docs N] [-j N]
                        [--perturb NAME,...|all]

Sets (every one with verified ground truth):

* ``real``: ``../shared/realscans`` - three real pages of state documents (signed scans with stamps,
  a born-digital render); CER as its README defines it (NFC, whitespace collapsed);
* ``corpus``: ``corpus/scans/<level>`` - the generated scans at four levels (clean, office, poor, fax);
* ``devset``: ``../shared/devset/scans/dev_NN_{office,poor,fax}.pdf`` - more varied generated scans
  (tables, stamps, signatures); ground truth is per document, so these are scored per document;
* ``lines``: text lines of the corpus ground truth rendered at 50-70 px, blurred, resampled down and up
  and JPEG-damaged;
* ``--perturb``: the real pages again after each perturbation of ``bench/perturb.py`` (coarser, blurred,
  tilted, faded ... scans of the same paper), pipeline and bare on the same pixels, with a table of the pages
  where the pipeline reads worse than bare.

Engines, each page read in a worker of its own: ``pipeline`` (what ``vnreports ocr`` does: measure,
clean up, Tesseract through tesserocr, safety net, re-read, reading order); ``bare vie``: the
``tesseract`` program on the page image as the file holds it (``tesseract PAGE.png - -l vie``, its
own order, its own process); ``unpaper vie`` (when ``unpaper`` is installed): what ``ocrmypdf --clean -l vie``
reads, the page cleaned by unpaper with OCRmyPDF's default arguments (``UNPAPER_ARGS``) and then read by the
``tesseract`` program; ``trueocr`` (the ONNX engine, when the package is installed).

Scores, summed over the pages of a set/level: CER (Levenshtein / reference length, text NFC with
whitespace collapsed), an order-free error (1 - F1 of the multisets of words: reading order does not
count), the diacritic error (CER minus the CER with marks stripped from both sides: the share of the
errors that are marks), CPU seconds per page (the worker's own CPU time, plus its child processes for
the bare and unpaper engines; an engine's one-time start in a worker is printed apart) and the share of the pipeline's time spent outside Tesseract.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from bench.perturb import PERTURBATIONS, perturb
from pipeline.context import OCRSettings
from pipeline.text import nfc, normalize_ws, strip_diacritics
from training.common import REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"
CORPUS_SCANS = REPO_ROOT / "corpus" / "scans"
LEVELS = ("clean", "office", "poor", "fax")
DEV_LEVELS = ("office", "poor", "fax")
SETS = ("real", "corpus", "devset", "lines")


@dataclass
class Item:
    """One unit scored against one ground truth: a page, or a devset document (its pages in order)."""

    set: str
    group: str  # level, or the page id for the real set
    name: str
    truth: str
    pages: list[tuple[str, int]] = field(default_factory=list)  # (file, page index)
    perturb: str = ""  # a perturbation of ``bench/perturb.py`` applied to every page first ("": none)


@dataclass
class Result:
    item: Item
    engine: str
    text: str
    cpu: float
    wall: float
    tesseract: float  # wall seconds inside Tesseract (pipeline only)
    pages: int
    net_blocks: int = 0  # blocks the safety net read again
    net_pages: int = 0  # pages where it read at least one
    osd_pages: int = 0  # pages whose first reading asked the orientation detector
    turned_pages: int = 0  # pages read again turned upright
    startup: float = 0.0  # CPU s this worker spent starting the engine before its first page (0: reported before)


def norm(text: str) -> str:
    return normalize_ws(nfc(text))


def cer(ref: str, hyp: str) -> tuple[int, int]:
    """(edits, reference length) over characters of normalised text."""
    ref, hyp = norm(ref), norm(hyp)
    return Levenshtein.distance(ref, hyp), len(ref)


def errors(ref: str, hyp: str) -> dict:
    """Edit counts for one item: characters, characters with marks stripped, word-bag mismatches."""
    r, h = norm(ref), norm(hyp)
    rw, hw = Counter(r.split()), Counter(h.split())
    common = sum((rw & hw).values())
    return {"chars": len(r), "edits": Levenshtein.distance(r, h),
            "bare_edits": Levenshtein.distance(strip_diacritics(r), strip_diacritics(h)),
            "words": sum(rw.values()) + sum(hw.values()), "bag": sum(rw.values()) + sum(hw.values()) - 2 * common}


# --- reading pages ---------------------------------------------------------------------------------

def load(path: str, index: int):
    from pipeline.ocr import images, pdf
    from pipeline.ocr.pdf import native_image

    if path.endswith(".pdf"):
        s = OCRSettings()
        scan = native_image(path, index, s.max_pixels)
        return scan if scan is not None else (pdf.render_page(path, index, s.dpi, s.max_pixels), s.dpi)
    return images.load_frame(path, index, OCRSettings().max_pixels)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _write_image(image, path: str) -> None:
    import cv2

    cv2.imwrite(path, image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR))


def _tesseract_program(path: str, *options: str) -> str:
    """The text the ``tesseract`` program reads from the image file ``path`` with ``-l vie`` (one thread)."""
    return subprocess.run(["tesseract", path, "-", "-l", "vie", *options], capture_output=True, text=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout


def read_bare(image, dpi: int, path: str, as_file: bool = True) -> tuple[str, float, float]:
    """The ``tesseract`` program on the page image (the file itself when it is an image and ``as_file``)."""
    with tempfile.TemporaryDirectory(prefix="vnr-bench-") as tmp:
        if as_file and not path.endswith(".pdf"):
            png = path
        else:
            png = os.path.join(tmp, "page.png")
            _write_image(image, png)
        c0, t0 = _children_cpu(), time.perf_counter()
        text = _tesseract_program(png)
        return text, _children_cpu() - c0, time.perf_counter() - t0


# OCRmyPDF's ``--clean``: unpaper with the arguments OCRmyPDF passes it by default (its ``_exec/unpaper.py``; only
# filters found safe on almost all files: no deskew, no grey or black filter, no re-centring), then Tesseract
UNPAPER_ARGS = ["--layout", "none", "--mask-scan-size", "100", "--no-border-align", "--no-mask-center",
                "--no-grayfilter", "--no-blackfilter", "--no-deskew"]
CLEAN = "unpaper vie"  # the engine's name in the tables


def read_unpapered(image, dpi: int) -> tuple[str, float]:
    """The page as ``ocrmypdf --clean -l vie`` reads it: unpaper (OCRmyPDF's default arguments) on a PNM copy, then
    ``tesseract -l vie`` on unpaper's output; the text and both programs' CPU seconds."""
    with tempfile.TemporaryDirectory(prefix="vnr-bench-") as tmp:
        src, out = os.path.join(tmp, "in.pnm"), os.path.join(tmp, "out.pnm")
        _write_image(image, src)
        c0 = _children_cpu()
        subprocess.run(["unpaper", "--dpi", str(dpi), *UNPAPER_ARGS, src, out], capture_output=True, check=True)
        text = _tesseract_program(out, "--dpi", str(dpi))
        return text, _children_cpu() - c0


_TRUEOCR = None
_STARTUP: dict[str, float] = {}  # this worker's start-up CPU seconds per engine, until a result reports it


def start_worker(engines: list[str]) -> None:
    """Start each engine in this worker before any page is timed (a pool's initializer): importing the binding
    and loading the model happen once per worker in a batch, as in ``vnreports run``, so they are reported apart
    (``Result.startup``) and not spread over the first pages. Bare ``tesseract`` starts a process and loads its
    model on every page: that stays in its CPU per page, since that is what running it on a page costs."""
    for engine in engines:
        c0 = time.process_time()
        if engine == "pipeline":
            from pipeline.ocr import tesseract

            tesseract.start(OCRSettings().lang)
        elif engine == "trueocr":
            _trueocr()
        _STARTUP[engine] = time.process_time() - c0


def _trueocr():
    global _TRUEOCR
    if _TRUEOCR is None:
        from trueocr import load_model

        _TRUEOCR = load_model(threads=1)
    return _TRUEOCR


def read_trueocr(image) -> str:
    from PIL import Image

    rgb = image if image.ndim == 3 else __import__("numpy").stack([image] * 3, axis=2)
    return _trueocr().predict(Image.fromarray(rgb)).text


def run_item(task: tuple[Item, str]) -> Result:
    """Read every page of one item one way (runs in a worker)."""
    from pipeline.ocr import ocr_array

    item, engine = task
    texts, cpu, wall, tess, net_blocks, net_pages, osd_pages, turned = [], 0.0, 0.0, 0.0, 0, 0, 0, 0
    for path, index in item.pages:
        image, dpi = perturb(item.perturb, *load(path, index))
        c0, t0 = time.process_time(), time.perf_counter()
        if engine == "pipeline":
            lines, info = ocr_array(image, dpi, OCRSettings())
            texts.append("\n".join(l.text for l in lines))
            tess += info["tesseract_s"]
            net_blocks += info["blocks_reread"]
            net_pages += info["blocks_reread"] > 0
            osd_pages += bool(info["orientation"])
            turned += bool(info["turns"])
        elif engine == "trueocr":
            texts.append(read_trueocr(image))
        elif engine == CLEAN:
            text, child_cpu = read_unpapered(image, dpi)
            texts.append(text)
            cpu += child_cpu
        else:
            text, child_cpu, _ = read_bare(image, dpi, path, as_file=not item.perturb)
            texts.append(text)
            cpu += child_cpu
        cpu += time.process_time() - c0
        wall += time.perf_counter() - t0
    return Result(item, engine, "\n".join(texts), cpu, wall, tess, len(item.pages), net_blocks, net_pages,
                  osd_pages, turned, _STARTUP.pop(engine, 0.0))


# --- what to read ----------------------------------------------------------------------------------

def real_items(perturbations: list[str] = ()) -> list[Item]:
    """The real pages as scanned, or (``perturbations``) each page again after each perturbation, in the set
    ``real~NAME``."""
    root = SHARED / "realscans"
    items = []
    for png in sorted((root / "pages").glob("*.png")):
        doc = png.stem.rsplit("_p", 1)[0]
        gt = root / "gt" / f"{doc}.txt"
        if gt.exists():
            truth = gt.read_text(encoding="utf-8")
            if not perturbations:
                items.append(Item("real", doc, doc, truth, [(str(png), 0)]))
            items += [Item(f"real~{p}", doc, doc, truth, [(str(png), 0)], perturb=p) for p in perturbations]
    return items


def corpus_items(levels: list[str], max_pages: int | None) -> list[Item]:
    from pipeline.ocr import pdf

    items = []
    for level in levels:
        for path in sorted((CORPUS_SCANS / level).glob("*.pdf")):
            gt = path.with_suffix(".gt.txt")
            if not gt.exists():
                continue
            gt_pages = gt.read_text(encoding="utf-8").split("\f")
            for i in range(min(pdf.page_count(path), len(gt_pages), max_pages or 10**6)):
                items.append(Item("corpus", level, f"{path.stem} p{i + 1}", gt_pages[i], [(str(path), i)]))
    return items


def devset_items(levels: list[str], docs: int | None) -> list[Item]:
    from pipeline.ocr import pdf

    root = SHARED / "devset" / "scans"
    items = []
    for level in levels:
        for path in sorted(root.glob(f"dev_*_{level}.pdf"))[:docs or None]:
            gt = path.with_suffix(".gt.txt")
            if gt.exists():
                items.append(Item("devset", level, path.stem, gt.read_text(encoding="utf-8"),
                                  [(str(path), i) for i in range(pdf.page_count(path))]))
    return items


def line_items(out_dir: Path, n_images: int) -> list[Item]:
    """Ground-truth lines of the corpus rendered at 50-70 px, blurred and JPEG-damaged (q 30-50)."""
    from training.render import render_lines

    lines = []
    for gt in sorted(CORPUS_SCANS.glob("clean/*.gt.txt")):
        lines += [l.strip() for l in gt.read_text(encoding="utf-8").splitlines() if 20 <= len(l.strip()) <= 70]
    # (px, blur, down-and-up resampling, JPEG quality): soft, low-resolution copies of good print
    variants = [(56, 1.2, 0.45, 30), (64, 1.6, 0.4, 25), (50, 1.0, 0.5, 35), (70, 2.0, 0.4, 30)]
    items = []
    for k in range(n_images):
        size, blur, scale, quality = variants[k % len(variants)]
        chunk = lines[k * 8:(k + 1) * 8]
        if not chunk:
            break
        img = render_lines(chunk, size, blur, scale)
        path = out_dir / f"lines_{k}.jpg"
        img.save(path, quality=quality, dpi=(300, 300))  # 50-70 px lines: about 13-17 pt at 300 dpi
        items.append(Item("lines", f"{size}px", f"lines {k}", "\n".join(chunk), [(str(path), 0)]))
    return items


# --- scoring and printing --------------------------------------------------------------------------

def summarise(results: list[Result]) -> dict:
    e = Counter()
    for r in results:
        e.update(errors(r.item.truth, r.text))
    pages = sum(r.pages for r in results)
    wall = sum(r.wall for r in results)
    return {
        "items": len(results), "pages": pages,
        "cer": e["edits"] / max(1, e["chars"]), "bag": e["bag"] / max(1, e["words"]),
        "marks": (e["edits"] - e["bare_edits"]) / max(1, e["chars"]), "cer_bare": e["bare_edits"] / max(1, e["chars"]),
        "cpu": sum(r.cpu for r in results) / max(1, pages),
        "outside": (1 - sum(r.tesseract for r in results) / wall) if wall and results[0].engine == "pipeline" else None,
        "net_pages": sum(r.net_pages for r in results), "net_blocks": sum(r.net_blocks for r in results),
        "osd_pages": sum(r.osd_pages for r in results), "turned_pages": sum(r.turned_pages for r in results),
    }


def print_tables(results: list[Result], engines: list[str], command: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=170)
    real = [r for r in results if r.item.set == "real"]  # as scanned (perturbed pages: their own table)
    if real:
        t = Table(title="Real pages (../shared/realscans; development pages, nothing tuned to them): CER %")
        t.add_column("page")
        for e in engines:
            t.add_column(e, justify="right")
        t.add_column("pipeline / bare", justify="right")
        names = list(dict.fromkeys(r.item.name for r in real))
        means = {e: [] for e in engines}
        for n in names:
            row = {r.engine: summarise([r])["cer"] for r in real if r.item.name == n}
            for e in engines:
                means[e].append(row.get(e, float("nan")))
            ratio = row["pipeline"] / row["bare vie"] if row.get("bare vie") and "pipeline" in row else float("nan")
            t.add_row(n, *[f"{100 * row.get(e, float('nan')):.2f}" for e in engines], f"{ratio:.2f}x" if ratio == ratio else "")
        mean = {e: sum(v) / len(v) for e, v in means.items()}
        t.add_row("mean (of pages)", *[f"{100 * mean[e]:.2f}" for e in engines],
                  f"{mean['pipeline'] / mean['bare vie']:.2f}x" if mean.get("bare vie") and "pipeline" in mean else "")
        console.print(t)

    varied = [r for r in results if r.item.perturb]
    if varied and "bare vie" in engines and "pipeline" in engines:
        t = Table(title="Real pages perturbed (bench/perturb.py): CER % of the pipeline vs bare on the same pixels")
        for col in ("perturbation", "pages", "bare vie", "pipeline", "x bare (mean)", "worst page x bare",
                    "pages worse than bare"):
            t.add_column(col, justify="left" if col == "perturbation" else "right")
        for p in dict.fromkeys(r.item.perturb for r in varied):
            per = {}
            for r in varied:
                if r.item.perturb == p:
                    per.setdefault(r.item.name, {})[r.engine] = summarise([r])["cer"]
            pairs = [(v["pipeline"], v["bare vie"]) for v in per.values() if "pipeline" in v and "bare vie" in v]
            if not pairs:
                continue
            mp, mb = sum(a for a, _ in pairs) / len(pairs), sum(b for _, b in pairs) / len(pairs)
            worst = max(a / b if b else float("inf") for a, b in pairs)
            t.add_row(p, str(len(pairs)), f"{100 * mb:.2f}", f"{100 * mp:.2f}", f"{mp / mb:.2f}x" if mb else "",
                      f"{worst:.2f}x", str(sum(a > b for a, b in pairs)))
        console.print(t)

    t = Table(title="OCR per set (lower is better; CPU s/page of one worker)")
    for col in ("set", "level", "engine", "pages", "CER %", "x bare", "order-free %", "marks %", "CER no marks %",
                "CPU s/page", "outside Tesseract", "safety net", "turned"):
        t.add_column(col, justify="left" if col in ("set", "level", "engine") else "right")
    groups = list(dict.fromkeys((r.item.set, "pages" if r.item.set.startswith("real") else r.item.group)
                                for r in results))
    for s, g in groups:
        bare = None
        for e in engines:
            rs = [r for r in results if r.item.set == s and r.engine == e and (s.startswith("real") or r.item.group == g)]
            if not rs:
                continue
            m = summarise(rs)
            if e == "bare vie":
                bare = m["cer"]
            t.add_row(s, g, e, str(m["pages"]), f"{100 * m['cer']:.2f}",
                      "" if e == "bare vie" or not bare else f"{m['cer'] / bare:.2f}x",
                      f"{100 * m['bag']:.2f}", f"{100 * m['marks']:.2f}", f"{100 * m['cer_bare']:.2f}",
                      f"{m['cpu']:.2f}", "" if m["outside"] is None else f"{100 * m['outside']:.0f}%",
                      f"{m['net_pages']}/{m['pages']} p, {m['net_blocks']} bl" if e == "pipeline" else "",
                      f"{m['turned_pages']}/{m['osd_pages']}" if e == "pipeline" else "")
    console.print(t)
    console.print("x bare: CER relative to bare `tesseract -l vie` on the same pages (bare is listed first in each "
                  "group). marks %: CER minus CER with marks stripped. safety net: pages where it re-read blocks "
                  "from the raw page / pages, and blocks re-read. turned: pages read again set upright / pages "
                  "whose first reading asked the orientation detector.")
    starts = {e: [r.startup for r in results if r.engine == e and r.startup > 0.005] for e in engines}
    said = [f"{e} {sum(v) / len(v):.2f} s" for e, v in starts.items() if v]
    if said:
        console.print("CPU s/page is a batch's: each worker started its engine once before its first page (import, "
                      f"model load; not in CPU s/page): {', '.join(said)} a worker. Bare `tesseract` starts a process "
                      "and loads its model on every page, and that stays in its CPU s/page.")
    console.print(f"reproduce: {command}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench ocr", description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS), help="real,corpus,devset,lines")
    ap.add_argument("--levels", default=",".join(LEVELS), help="corpus levels (devset: office,poor,fax of these)")
    ap.add_argument("--max-pages", "--pages", type=int, default=None, help="at most N pages per corpus document")
    ap.add_argument("--dev-docs", type=int, default=None, help="at most N devset documents per level")
    ap.add_argument("--line-images", type=int, default=4)
    ap.add_argument("--quick", action="store_true",
                    help="a few minutes on 2 cores: real pages, corpus poor+fax 1 page/doc, 1 devset doc/level, 2 line images")
    ap.add_argument("--engines", default=None,
                    help=f"pipeline,bare vie[,{CLEAN}][,trueocr] (default: all installed; {CLEAN}: ocrmypdf --clean's "
                         "unpaper step, then tesseract -l vie)")
    ap.add_argument("--jobs", "-j", type=int, default=1)
    ap.add_argument("--perturb", default="",
                    help="read the real pages again after each of these perturbations (bench/perturb.py; 'all': "
                         f"{','.join(PERTURBATIONS)})")
    args = ap.parse_args(argv)
    perturbations = list(PERTURBATIONS) if args.perturb == "all" else [p for p in args.perturb.split(",") if p]
    unknown = [p for p in perturbations if p not in PERTURBATIONS]
    if unknown:
        ap.error(f"unknown perturbation(s) {', '.join(unknown)} (known: {', '.join(PERTURBATIONS)})")
    if args.quick:
        args.levels, args.max_pages, args.dev_docs, args.line_images = "poor,fax", 1, 1, 2
    sets = [s for s in args.sets.split(",") if s]
    levels = [l for l in args.levels.split(",") if l]
    engines = ["bare vie", "pipeline"]
    if shutil.which("unpaper"):
        engines.append(CLEAN)
    try:
        import trueocr  # noqa: F401

        engines.append("trueocr")
    except ImportError:
        pass
    if args.engines:
        engines = [e for e in args.engines.split(",") if e]
    with tempfile.TemporaryDirectory(prefix="vnr-bench-lines-") as tmp:
        items: list[Item] = []
        if "real" in sets:
            items += real_items()
        if perturbations:
            items += real_items(perturbations)
        if "corpus" in sets:
            items += corpus_items(levels, args.max_pages)
        if "devset" in sets:
            items += devset_items([l for l in levels if l in DEV_LEVELS], args.dev_docs)
        if "lines" in sets:
            items += line_items(Path(tmp), args.line_images)
        if not items:
            print("nothing to read: no ground truth found for the chosen sets", file=sys.stderr)
            return 2
        tasks = [(it, e) for it in items for e in engines]
        print(f"{len(items)} items ({sum(len(i.pages) for i in items)} pages) x {len(engines)} engines on "
              f"{args.jobs} worker(s) ...", file=sys.stderr)
        if args.jobs == 1:
            start_worker(engines)
            results = [run_item(t) for t in tasks]
        else:
            with ProcessPoolExecutor(max_workers=args.jobs, initializer=start_worker, initargs=(engines,)) as pool:
                results = list(pool.map(run_item, tasks))
    command = ("vnreports bench ocr " + " ".join(argv)).strip()
    print_tables(results, engines, command)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
