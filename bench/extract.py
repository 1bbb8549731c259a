"""Extraction benchmark: precision, recall and F1 per figure kind against the hand-annotated gold.

Gold: ``tests/gold/<seed>.json`` (one per seed document of ``corpus/text``). A prediction matches a
gold figure when kind, value (text values: fuzzy on the diacritic-free form), qualifier, the key
attributes of its kind and the line agree; each gold figure matches at most one prediction.
Runs on the raw text of every seed, on the same text with every diacritic stripped (``unaccented``:
what an ``-l eng`` OCR gives for the clean seeds) and, when the restore stage exists, on the
restored text.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from pipeline.context import Context, Settings
from pipeline.extract import run as extract_run
from pipeline.model import Document, Figure
from pipeline.inputs.text import decode_text, pages_from_text, read_text_file
from pipeline.text import normalize_ws, skeleton, strip_diacritics
from training.common import REPO_ROOT

ROOT = REPO_ROOT
GOLD_DIR = ROOT / "tests" / "gold"
TEXT_DIR = ROOT / "corpus" / "text"
SCAN_DIR = ROOT / "corpus" / "scans"
SCAN_LEVELS = ("clean", "textlayer", "office", "poor", "fax")
SEED_HEADER_LINES = 8
HEADER_MIN_RATIO = 80.0  # an OCR line this close to an invented header line is part of that header

TEXT_KINDS = {"title", "issuer", "doc_place", "signatory_name", "signatory_title", "drive_campaign"}
KEY_ATTRS: dict[str, tuple[str, ...]] = {
    "units_received": ("year", "drive_no", "plan"),
    "units_quota": ("year", "drive_no", "plan"),
    "participants": ("year", "drive_no", "plan"),
    "percent_of_plan": ("year", "drive_no"),
    "drive_count": ("year", "plan"),
    "drive_date": ("drive_no", "status"),
    "drive_campaign": ("drive_no",),
    "award_count": ("award_form", "award_issuer", "recipient_type", "level"),
    "award_total": ("recipient_type", "level"),
    "money": ("level",),
    "coverage": ("total",),
    "material_count": ("item",),
    "count": ("what",),
    "reference": ("date",),
}
TEXT_MIN_RATIO = 85.0  # fuzzy match of text values (titles, names), on the skeleton


def _text_key(v) -> str:
    return normalize_ws(skeleton(str(v)))


def values_match(kind: str, gold, pred) -> bool:
    if kind in TEXT_KINDS:
        return fuzz.ratio(_text_key(gold), _text_key(pred)) >= TEXT_MIN_RATIO
    if isinstance(gold, (int, float)) and isinstance(pred, (int, float)) and not isinstance(pred, bool):
        return abs(gold - pred) < 1e-6
    return str(gold) == str(pred)


def figure_matches(g: dict, f: Figure, by_line: bool = True) -> bool:
    """Whether prediction ``f`` is gold figure ``g``; ``by_line=False`` ignores where it is (scans
    wrap and paginate the seed text differently)."""
    if g["kind"] != f.kind:
        return False
    if by_line and (g["line"] != f.span.line or g.get("page", 1) != f.span.page):
        return False
    if not values_match(f.kind, g["value"], f.value):
        return False
    if g.get("qualifier", "exact") != f.qualifier and f.kind not in TEXT_KINDS:
        return False
    gattrs = g.get("attrs", {})
    for key in KEY_ATTRS.get(f.kind, ()):
        if key in gattrs and not _attr_equal(gattrs[key], f.attrs.get(key)):
            return False
    return True


def _attr_equal(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a is not None and b is not None and _text_key(a) == _text_key(b)
    return a == b


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp += other.tp

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocResult:
    name: str
    by_kind: dict[str, Score] = field(default_factory=dict)
    missed: list[dict] = field(default_factory=list)
    spurious: list[Figure] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for s in self.by_kind.values():
            total.add(s)
        return total


def score_document(gold: list[dict], figures: list[Figure], name: str = "", by_line: bool = True) -> DocResult:
    """Greedy one-to-one matching of predictions to gold figures, counted per kind."""
    res = DocResult(name)
    used: set[int] = set()
    for g in gold:
        res.by_kind.setdefault(g["kind"], Score()).gold += 1
        hit = next((k for k, f in enumerate(figures) if k not in used and figure_matches(g, f, by_line)), None)
        if hit is None:
            res.missed.append(g)
        else:
            used.add(hit)
            res.by_kind[g["kind"]].tp += 1
    for k, f in enumerate(figures):
        res.by_kind.setdefault(f.kind, Score()).pred += 1
        if k not in used:
            res.spurious.append(f)
    return res


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def document_of(text_file: Path) -> Document:
    pages, encoding = read_text_file(text_file)
    return Document(doc_id=text_file.stem, path=text_file.name, sha256="", kind="txt", pages=pages, encoding=encoding)


# Generic OCR confusions for the noise test: look-alike glyphs, in both directions where it makes sense.
CONFUSIONS = {
    "o": "0", "0": "o", "l": "1", "1": "l", "i": "1", "a": "4", "e": "c", "c": "e", "m": "rn", "n": "ri",
    "u": "ii", "5": "S", "8": "B", "6": "b", "d": "cl", "h": "b", ".": ",", ",": ".", "đ": "d", "Đ": "P",
}


def add_noise(text: str, rate: float, rng: random.Random) -> str:
    """Each character, with probability ``rate``: its diacritics stripped (half the time), a
    look-alike glyph (a third), or dropped (the rest). A generic model, not the seeds' errors."""
    out = []
    for ch in text:
        if ch == "\n" or rng.random() >= rate:
            out.append(ch)
            continue
        roll = rng.random()
        if roll < 0.5:
            out.append(strip_diacritics(ch))
        elif roll < 0.83:
            out.append(CONFUSIONS.get(strip_diacritics(ch), ch))
    return "".join(out)


def restore_stage():
    """The restore stage's ``run`` when the package exists in this checkout, else None."""
    try:
        mod = importlib.import_module("pipeline.restore")
    except ModuleNotFoundError:
        return None
    return getattr(mod, "run", None)


def evaluate(
    mode: str, gold: dict[str, dict], only: str | None = None, noise: float = 0.0, seed: int = 0
) -> tuple[list[DocResult], float]:
    """Score every gold document in ``raw``, ``unaccented``, ``noisy`` (``noise`` rate) or ``restored``
    mode; returns the results and the seconds extraction took."""
    rng = random.Random(seed)
    restore = restore_stage() if mode == "restored" else None
    ctx = Context(settings=Settings(restore="always"))
    results, seconds = [], 0.0
    for name, g in gold.items():
        if only and only not in name:
            continue
        doc = document_of(TEXT_DIR / g["file"])
        if mode == "unaccented":
            for _, line in doc.iter_lines():
                line.text = strip_diacritics(line.text)  # same length: gold lines and offsets still hold
        elif mode == "noisy":
            for _, line in doc.iter_lines():
                line.text = add_noise(line.text, noise, rng)  # lines keep their numbers
                line.words = []
        if restore is not None:
            doc = restore(doc, ctx)
        t0 = time.perf_counter()
        doc = extract_run(doc, ctx)
        seconds += time.perf_counter() - t0
        results.append(score_document(g["figures"], doc.figures, name))
    return results, seconds


def invented_header(gt_text: str, seed_text: str) -> list[str]:
    """Skeletons of the header lines a scan adds to its seed (letterhead, number, date; see
    ``corpus/scans/README.md``): ground-truth lines of the first page before its first section
    heading (``I.``) that the seed's own header (its first ``SEED_HEADER_LINES`` lines) lacks."""
    seed_lines = [t for t in seed_text.split("\n") if t.strip()][:SEED_HEADER_LINES]
    seed_head = normalize_ws(skeleton(" ".join(seed_lines).replace("*", " ")))
    header = []
    for line in gt_text.split("\f")[0].split("\n"):
        key = normalize_ws(skeleton(line))
        if key.startswith("i. "):
            break
        if key and key not in seed_head:
            header.append(key)
    return header


def in_header(doc: Document, f: Figure, header: list[str]) -> bool:
    line = normalize_ws(skeleton(doc.line(f.span.page, f.span.line).text))
    return f.span.page == 1 and any(fuzz.ratio(line, h) >= HEADER_MIN_RATIO for h in header)


def scan_documents(gold: dict[str, dict], only: str | None = None, levels: tuple[str, ...] = SCAN_LEVELS):
    """``(level, gold name, pdf)`` for every scan in ``corpus/scans`` whose stem is a gold document."""
    for level in levels:
        for name in gold:
            pdf = SCAN_DIR / level / f"{name}.pdf"
            if pdf.is_file() and (not only or only in name):
                yield level, name, pdf


def evaluate_scans(
    gold: dict[str, dict], cache_dir: Path | None, only: str | None = None, levels: tuple[str, ...] = SCAN_LEVELS
) -> tuple[dict[str, list[DocResult]], float]:
    """OCR (through the runner's cache), restore (``auto``, as the runner does) and extract every
    scan of a gold document; score it against the gold ignoring line numbers and leaving out the
    predictions inside the header the scan invents. Returns results per level and extract seconds."""
    from pipeline.cache import DocCache
    from pipeline.runner import ocr_one

    cache = DocCache(cache_dir) if cache_dir is not None else None
    ctx = Context(settings=Settings())
    restore = restore_stage()
    out: dict[str, list[DocResult]] = {}
    seconds = 0.0
    for level, name, pdf in scan_documents(gold, only, levels):
        doc = ocr_one(pdf, pdf.relative_to(ROOT).as_posix(), ctx, cache)
        if restore is not None:
            doc = restore(doc, ctx)
        t0 = time.perf_counter()
        doc = extract_run(doc, ctx)
        seconds += time.perf_counter() - t0
        gt = pdf.with_suffix(".gt.txt").read_text(encoding="utf-8")
        header = invented_header(gt, (TEXT_DIR / gold[name]["file"]).read_text(encoding="utf-8"))
        figures = [f for f in doc.figures if not in_header(doc, f, header)]
        out.setdefault(level, []).append(score_document(gold[name]["figures"], figures, name, by_line=False))
    return out, seconds


def _scan_table(console: Console, gold: dict[str, dict], args) -> list[DocResult]:
    levels = tuple(args.scan_levels.split(",")) if args.scan_levels else SCAN_LEVELS
    results, seconds = evaluate_scans(gold, args.cache, args.doc, levels)
    table = Table(title=f"extraction vs gold on OCR'd scans (corpus/scans; lines ignored; extract {seconds:.2f}s)")
    for col in ("level", "document", "gold", "pred", "tp", "P %", "R %", "F1 %"):
        table.add_column(col, justify="left" if col in ("level", "document") else "right")
    flat = []
    for level, docs in results.items():
        total = Score()
        for r in docs:
            s = r.overall
            total.add(s)
            flat.append(r)
            table.add_row(level, r.name, str(s.gold), str(s.pred), str(s.tp), _pct(s.precision), _pct(s.recall),
                          _pct(s.f1))
        table.add_row(level, "ALL", str(total.gold), str(total.pred), str(total.tp), _pct(total.precision),
                      _pct(total.recall), _pct(total.f1), style="bold")
        table.add_section()
    console.print(table)
    return flat


def list_figures(path: Path, console: Console) -> int:
    """Print every figure found in a text file (``.gz`` too) with its context: for spot checks
    of precision on text that has no gold (e.g. ``../shared/corpus/admin_eval.txt.gz``)."""
    data = path.read_bytes()
    text = decode_text(gzip.decompress(data) if path.suffix == ".gz" else data, path.name).text
    doc = extract_run(Document(doc_id=path.stem, path=path.name, sha256="", kind="txt", pages=pages_from_text(text)))
    table = Table(title=f"figures found in {path.name} ({len(doc.figures)})")
    for col in ("line", "kind", "value", "attrs", "context"):
        table.add_column(col)
    for f in doc.figures:
        line = doc.line(f.span.page, f.span.line).text
        ctx = line[max(0, f.span.start - 50) : f.span.end + 30]
        table.add_row(str(f.span.line), f.kind, repr(f.value), json.dumps(f.attrs, ensure_ascii=False), ctx)
    console.print(table)
    return 0


def _noise_table(console: Console, gold: dict[str, dict], args) -> None:
    table = Table(title=f"synthetic OCR noise on all seeds (mean of {args.seeds} seeded draws)")
    for col in ("noise / char", "gold", "pred", "tp", "P %", "R %", "F1 %"):
        table.add_column(col, justify="right")
    for rate in (float(r) for r in args.noise.split(",")):
        total = Score()
        for seed in range(args.seeds):
            results, _ = evaluate("noisy", gold, args.doc, noise=rate, seed=seed)
            for r in results:
                total.add(r.overall)
        n = args.seeds
        table.add_row(f"{rate:.3f}", f"{total.gold / n:.0f}", f"{total.pred / n:.1f}", f"{total.tp / n:.1f}",
                      _pct(total.precision), _pct(total.recall), _pct(total.f1))
    console.print(table)


def _print_errors(console: Console, results: list[DocResult]) -> None:
    for r in results:
        for g in r.missed:
            console.print(f"[red]missed[/red] {r.name}:{g['line']} {g['kind']} {g['value']!r} {g.get('attrs', {})}",
                          highlight=False)
        for f in r.spurious:
            console.print(f"[yellow]spurious[/yellow] {r.name}:{f.span.page}/{f.span.line} {f.kind} {f.value!r} "
                          f"{f.attrs}", highlight=False)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench extract", description=__doc__.splitlines()[0])
    ap.add_argument("--doc", help="only gold documents whose name contains this")
    ap.add_argument("--errors", action="store_true", help="list missed and spurious figures")
    ap.add_argument("--list", type=Path, metavar="FILE", help="only list the figures found in a text file")
    ap.add_argument("--noise", metavar="RATES", help="also score text with synthetic OCR noise at these "
                    "per-character rates, e.g. 0.01,0.03 (seeded)")
    ap.add_argument("--seeds", type=int, default=3, help="noise draws per rate (default 3)")
    ap.add_argument("--scans", action="store_true", help="also score the OCR'd scans of corpus/scans")
    ap.add_argument("--scan-levels", metavar="LEVELS", help="only these scan levels, e.g. clean,fax")
    ap.add_argument("--cache", type=Path, default=ROOT / "outputs" / "cache",
                    help="OCR cache folder for --scans (default outputs/cache; the runner's layout)")
    args = ap.parse_args(argv)
    console = Console()
    if args.list:
        return list_figures(args.list, console)
    gold = load_gold()
    modes = ["raw", "unaccented"]
    if restore_stage() is not None:
        modes.append("restored")
    else:
        console.print("[yellow]note:[/yellow] pipeline.restore.run is absent in this checkout: restored-text "
                      "scores are not measured (run this again after merging the restore stage).")
    for mode in modes:
        results, seconds = evaluate(mode, gold, args.doc)
        kinds: dict[str, Score] = {}
        for r in results:
            for k, s in r.by_kind.items():
                kinds.setdefault(k, Score()).add(s)
        table = Table(title=f"extraction vs gold, {mode} text ({len(results)} documents, extract {seconds:.2f}s)")
        for col in ("kind", "gold", "pred", "tp", "P %", "R %", "F1 %"):
            table.add_column(col, justify="left" if col == "kind" else "right")
        total = Score()
        for k in sorted(kinds):
            s = kinds[k]
            total.add(s)
            table.add_row(k, str(s.gold), str(s.pred), str(s.tp), _pct(s.precision), _pct(s.recall), _pct(s.f1))
        table.add_section()
        table.add_row("ALL", str(total.gold), str(total.pred), str(total.tp), _pct(total.precision),
                      _pct(total.recall), _pct(total.f1), style="bold")
        console.print(table)
        per_doc = Table(title=f"per document, {mode} text")
        for col in ("document", "gold", "pred", "tp", "P %", "R %", "F1 %"):
            per_doc.add_column(col, justify="left" if col == "document" else "right")
        for r in results:
            s = r.overall
            per_doc.add_row(r.name, str(s.gold), str(s.pred), str(s.tp), _pct(s.precision), _pct(s.recall), _pct(s.f1))
        console.print(per_doc)
        if args.errors:
            _print_errors(console, results)
    if args.noise:
        _noise_table(console, gold, args)
    if args.scans:
        scanned = _scan_table(console, gold, args)
        if args.errors:
            _print_errors(console, scanned)
    console.print("reproduce: vnreports bench extract" + (" " + " ".join(argv) if argv else ""), highlight=False)
    return 0
