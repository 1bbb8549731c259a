"""Searchable PDFs per scan level: ground-truth words found by text search, against OCRmyPDF; size; time added.

    vnreports bench pdf [--scans corpus/scans] [--levels clean,office,poor,fax] [--devset DIR] [--lang vie]
                        [--no-ocrmypdf] [--keep DIR]

For every image-only PDF with its ``.gt.txt`` (``<scans>/<level>/*.pdf``; with ``--devset``, also
``DIR/*_<level>.pdf``), in one process with one worker: the pipeline reads it (OCR, then the restore stage,
which restores the text when it lost its marks), then ``pipeline.emit.pdf.write_pdf`` writes the searchable
PDF. When ``ocrmypdf`` is installed, ``ocrmypdf -l LANG`` (its defaults, PDF/A-2b output) makes its own.

* found: the share of the ground truth's words (per page, as a multiset; a development-set scan's text is cut
  into pages by its ``layout.json``) that a reader's search finds in
  the page's text as ``pdftotext`` (poppler) and ``pdfplumber`` (pdfminer) extract it: words compared in
  NFC, case-folded, punctuation stripped from their ends, marks kept (``hien`` does not find ``hiến``);
* size: output bytes over input bytes;
* PDF s/page and PDF / OCR: seconds spent writing the PDF, and that over the seconds the OCR of the same
  document took, both measured here (the target is under 5%);
* PDF/A: files Apache PDFBox Preflight passes (``pipeline.emit.pdfa.preflight``), when it is installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.ocr import CORPUS_SCANS as DEFAULT_SCANS, LEVELS

_EDGE = "".join(sorted(set(".,;:!?()[]{}<>\"'“”‘’«»…-–—*/|")))


def search_words(text: str) -> list[str]:
    """Words as a viewer's search compares them: NFC, case-folded, punctuation stripped from the ends."""
    text = unicodedata.normalize("NFC", text).casefold()
    return [w for w in (t.strip(_EDGE) for t in text.split()) if w]


def found_share(truth: list[str], pdf_pages: list[str]) -> tuple[int, int]:
    """(ground-truth words found on their page, ground-truth words), pages compared as multisets."""
    found = total = 0
    for i, page in enumerate(truth):
        want = Counter(search_words(page))
        have = Counter(search_words(pdf_pages[i])) if i < len(pdf_pages) else Counter()
        total += sum(want.values())
        found += sum(min(n, have[w]) for w, n in want.items())
    return found, total


def truth_pages(pdf: Path) -> list[str]:
    """The ground truth of a scan, page by page: its ``.gt.txt`` split at form feeds, or (a development-set
    scan, whose text has none) its lines grouped by the page ``<doc>.layout.json`` gives each."""
    import json

    text = pdf.with_suffix(".gt.txt").read_text(encoding="utf-8")
    layout = pdf.with_name(pdf.stem.rsplit("_", 1)[0] + ".layout.json")
    if "\f" in text or not layout.is_file():
        return text.split("\f")
    lines = json.loads(layout.read_text(encoding="utf-8"))["lines"]  # [block, page, text] in reading order
    pages: dict[int, list[str]] = {}
    for _, page, line in lines:
        pages.setdefault(int(page), []).append(line)
    return ["\n".join(pages.get(n, [])) for n in range(1, max(pages, default=0) + 1)]


def pdftotext_pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


def pdfplumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [" ".join(w["text"] for w in page.extract_words()) for page in pdf.pages]


@dataclass
class DocResult:
    level: str
    name: str
    pages: int
    words: int
    ours: tuple[int, int] = (0, 0)  # pdftotext
    ours_plumber: tuple[int, int] = (0, 0)
    theirs: tuple[int, int] | None = None
    size_in: int = 0
    size_ours: int = 0
    size_theirs: int | None = None
    ocr_s: float = 0.0
    pdf_s: float = 0.0
    theirs_s: float | None = None
    pdfa_valid: bool | None = None
    restored: bool = False
    notes: list[str] = field(default_factory=list)


def inputs(scans: Path, levels: list[str], devset: Path | None) -> list[tuple[str, Path]]:
    found = []
    for level in levels:
        found += [(level, p) for p in sorted((scans / level).glob("*.pdf")) if p.with_suffix(".gt.txt").exists()]
        if devset is not None:
            found += [(f"dev {level}", p) for p in sorted(devset.glob(f"*_{level}.pdf"))
                      if p.with_suffix(".gt.txt").exists()]
    return found


def run_doc(level: str, path: Path, lang: str, out_dir: Path, ocrmypdf: bool, ctx) -> DocResult:
    from pipeline import stages
    from pipeline.emit.pdf import write_pdf
    from pipeline.emit.pdfa import preflight
    from pipeline.ocr import ocr_file

    truth = truth_pages(path)
    t0 = time.perf_counter()
    doc = ocr_file(path, ctx.settings.ocr, doc_id=f"{level.replace(' ', '-')}-{path.stem}", rel_path=str(path),
                   ctx=ctx)
    doc = stages.stage("restore").run(doc, ctx)
    ocr_s = time.perf_counter() - t0
    ours = out_dir / f"{doc.doc_id}.pdf"
    t1 = time.perf_counter()
    written = write_pdf(doc, ours)
    pdf_s = time.perf_counter() - t1
    res = DocResult(level, path.stem, len(doc.pages), found_share(truth, truth)[1],
                    size_in=path.stat().st_size, ocr_s=ocr_s, pdf_s=pdf_s,
                    restored=bool(doc.restoration and doc.restoration.restored))
    if written.status != "written":
        res.notes.append(f"{written.status}: {written.reason}")
        return res
    res.ours = found_share(truth, pdftotext_pages(ours))
    res.ours_plumber = found_share(truth, pdfplumber_pages(ours))
    res.size_ours = ours.stat().st_size
    checked = preflight(ours)
    res.pdfa_valid = None if checked is None else (written.pdfa and checked.valid)
    if checked is not None and not checked.valid:
        res.notes.append("preflight: " + "; ".join(checked.errors[:3]))
    if ocrmypdf:
        theirs = out_dir / f"{doc.doc_id}.ocrmypdf.pdf"
        t2 = time.perf_counter()
        proc = subprocess.run(["ocrmypdf", "-q", "-l", lang, "-j", "1", str(path), str(theirs)],
                              capture_output=True, text=True)
        res.theirs_s = time.perf_counter() - t2
        if proc.returncode == 0 and theirs.exists():
            res.theirs = found_share(truth, pdftotext_pages(theirs))
            res.size_theirs = theirs.stat().st_size
        else:
            res.notes.append(f"ocrmypdf exit {proc.returncode}: {proc.stderr.strip()[-120:]}")
    return res


def _pct(pair: tuple[int, int] | None) -> str:
    if pair is None or not pair[1]:
        return "—"
    return f"{100 * pair[0] / pair[1]:.2f}%"


def _sum(pairs) -> tuple[int, int] | None:
    pairs = list(pairs)
    if not pairs or any(p is None for p in pairs):
        return None
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def print_table(results: list[DocResult], command: str, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Searchable PDFs: ground-truth words found by text search (OCR -l {lang})")
    cols = ("level", "docs", "pages", "GT words", "found: vnreports (pdftotext)", "(pdfplumber)",
            "found: OCRmyPDF (pdftotext)", "size vs input: vnreports", "OCRmyPDF", "PDF s/page", "OCR s/page",
            "PDF / OCR", "PDF/A (Preflight)", "restored")
    for c in cols:
        table.add_column(c, justify="left" if c == "level" else "right")
    for level in list(dict.fromkeys(r.level for r in results)) + ["all"]:
        rs = [r for r in results if level in ("all", r.level)]
        pages = sum(r.pages for r in rs)
        ours, plumber = _sum(r.ours for r in rs), _sum(r.ours_plumber for r in rs)
        theirs = _sum(r.theirs for r in rs)
        size_in = sum(r.size_in for r in rs)
        size_theirs = None if any(r.size_theirs is None for r in rs) else sum(r.size_theirs for r in rs)
        pdf_s, ocr_s = sum(r.pdf_s for r in rs), sum(r.ocr_s for r in rs)
        checked = [r.pdfa_valid for r in rs if r.pdfa_valid is not None]
        table.add_row(
            level, str(len(rs)), str(pages), str(ours[1] if ours else 0), _pct(ours), _pct(plumber), _pct(theirs),
            f"{sum(r.size_ours for r in rs) / size_in:.2f}x",
            f"{size_theirs / size_in:.2f}x" if size_theirs is not None else "—",
            f"{pdf_s / pages:.3f}", f"{ocr_s / pages:.2f}", f"{100 * pdf_s / ocr_s:.1f}%",
            f"{sum(checked)}/{len(checked)}" if checked else "not installed",
            f"{sum(r.restored for r in rs)}/{len(rs)}",
        )
    console = Console(width=190)
    console.print(table)
    for r in results:
        for note in r.notes:
            console.print(f"  {r.level} {r.name}: {note}", highlight=False)
    console.print(f"reproduce: {command}")


def main(argv: list[str]) -> int:
    from pipeline.context import Context, OCRSettings, Settings

    ap = argparse.ArgumentParser(prog="vnreports bench pdf", description=__doc__.splitlines()[0])
    ap.add_argument("--scans", type=Path, default=DEFAULT_SCANS, help="folder with <level>/<stem>.pdf + .gt.txt")
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--devset", type=Path, default=None, help="also DIR/*_<level>.pdf (e.g. ../shared/devset/scans)")
    ap.add_argument("--lang", default="vie", help="Tesseract language, for both (eng: the old archives' OCR)")
    ap.add_argument("--no-ocrmypdf", action="store_true", help="skip OCRmyPDF even when installed")
    ap.add_argument("--keep", type=Path, default=None, help="keep the PDFs in this folder")
    args = ap.parse_args(argv)
    files = inputs(args.scans, [l for l in args.levels.split(",") if l], args.devset)
    if not files:
        print(f"no scans with ground truth under {args.scans}", file=sys.stderr)
        return 2
    ocrmypdf = not args.no_ocrmypdf and shutil.which("ocrmypdf") is not None
    if not args.no_ocrmypdf and not ocrmypdf:
        print("ocrmypdf is not installed: its column stays empty", file=sys.stderr)
    ctx = Context(settings=Settings(ocr=OCRSettings(lang=args.lang), jobs=1))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for i, (level, path) in enumerate(files, start=1):
            print(f"[{i}/{len(files)}] {level} {path.name}", file=sys.stderr)
            results.append(run_doc(level, path, args.lang, out_dir, ocrmypdf, ctx))
    command = ("vnreports bench pdf " + " ".join(argv)).strip()
    print_table(results, command, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
