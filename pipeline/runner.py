"""Batch runner: every file under a folder through every stage (``stages.STAGES``), nothing lost on failure."""

from __future__ import annotations

import csv
import fnmatch
import os
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import contract, stages
from pipeline.cache import DocCache, sha256_file
from pipeline.context import Context
from pipeline.errors import StageError, VnReportsError
from pipeline.fsio import atomic_path
from pipeline.model import Document

IGNORE_FILE = ".vnreportsignore"
MANIFEST_FIELDS = ("file", "sha256", "status", "pages", "seconds", "error")
_SLUG = re.compile(r"[^0-9A-Za-z_.-]+")


@dataclass
class FileResult:
    file: str
    sha256: str = ""
    status: str = "ok"
    pages: int = 0
    seconds: float = 0.0
    error: str = ""
    doc: Document | None = field(default=None, repr=False)

    def row(self) -> dict:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "status": self.status,
            "pages": self.pages,
            "seconds": f"{self.seconds:.2f}",
            "error": self.error,
        }


def _ignore_patterns(folder: Path) -> list[str]:
    f = folder / IGNORE_FILE
    if not f.exists():
        return []
    return [p.strip() for p in f.read_text(encoding="utf-8").splitlines() if p.strip() and not p.startswith("#")]


def collect_inputs(root: Path) -> list[Path]:
    """Files under ``root`` in a stable order, minus hidden ones and those a .vnreportsignore names.

    A ``.vnreportsignore`` holds glob patterns relative to its own folder (``*.gt.txt``,
    ``pages/``); it applies to that folder and everything below it.
    """
    root = Path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such file or folder")
    found: list[Path] = []
    rules: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        rules += [(d, p) for p in _ignore_patterns(d)]
        dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and n != "__pycache__")

        def ignored(p: Path, is_dir: bool) -> bool:
            for base, pat in rules:
                try:
                    rel = p.relative_to(base).as_posix()
                except ValueError:
                    continue
                if pat.endswith("/"):
                    if is_dir and fnmatch.fnmatch(rel, pat.rstrip("/")):
                        return True
                elif fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(p.name, pat):
                    return True
            return False

        dirnames[:] = [n for n in dirnames if not ignored(d / n, True)]
        for name in sorted(filenames):
            p = d / name
            if name.startswith(".") or ignored(p, False):
                continue
            found.append(p)
    return found


def doc_id_for(rel: str) -> str:
    """Readable, unique per relative path: 'scans/office/2017_bc.pdf' -> 'scans-office-2017_bc-pdf'."""
    stem, dot, ext = rel.rpartition(".")
    base = stem if dot else rel
    slug = _SLUG.sub("-", base.replace("/", "-")).strip("-")
    return f"{slug}-{ext.lower()}" if dot and ext.lower() != "txt" else slug


def write_manifest(path: Path, results: list[FileResult]) -> None:
    with atomic_path(path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS)
        w.writeheader()
        for r in results:
            w.writerow(r.row())


def stage_path(out_dir: Path, doc_id: str, stage: str) -> Path:
    return out_dir / "json" / f"{doc_id}.{stage}.json"


def ocr_one(path: Path, rel: str, ctx: Context, cache: DocCache | None) -> Document:
    from pipeline.ocr import ocr_file  # imported late: keeps `vnreports --help` fast

    sha = sha256_file(path) if path.stat().st_size else ""
    key = ctx.settings.ocr.key()
    if cache is not None and sha:
        hit = cache.get("ocr", sha, key)
        if hit is not None:
            hit.path, hit.doc_id = rel, doc_id_for(rel)
            ctx.log(f"{rel}: OCR cached")
            return hit
    doc = ocr_file(path, ctx.settings.ocr, doc_id=doc_id_for(rel), rel_path=rel, sha=sha or None, ctx=ctx)
    if cache is not None and sha:
        cache.put("ocr", sha, key, doc)
    return doc


def apply_stages(doc: Document, ctx: Context, names: list[str] | None = None, out_dir: Path | None = None) -> Document:
    """Run the per-document stages (all, or those named) on ``doc``, in order; each stage's output is
    checked against the contract and saved as ``OUT/json/<doc_id>.<stage>.json``."""
    for st in stages.STAGES:
        if names is not None and st.name not in names:
            continue
        doc = run_stage(st, doc, ctx)
        if out_dir is not None:
            doc.save(stage_path(out_dir, doc.doc_id, st.name))
    return doc


def run_stage(st: stages.Stage, doc: Document, ctx: Context) -> Document:
    """One stage on one document; a crash becomes a StageError naming the stage."""
    try:
        doc = st.run(doc, ctx)
    except VnReportsError:
        raise
    except Exception as exc:  # a bug or unexpected content: say which stage, keep the batch going
        ctx.log(traceback.format_exc())
        raise StageError(f"stage {st.name} failed: {type(exc).__name__}: {exc}") from exc
    if st.name not in doc.stages:
        doc.stages.append(st.name)
    if ctx.settings.check_contract:
        contract.check(doc, st.name)
    return doc


def run_folder(root: Path, out_dir: Path, ctx: Context, *, progress=None) -> list[FileResult]:
    """Run every stage on every file under ``root``; returns one result per file."""
    root, out_dir = Path(root), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ctx.out_dir = out_dir
    ctx.input_root = root if root.is_dir() else root.parent
    cache = DocCache(out_dir / "cache") if ctx.settings.cache else None
    files = collect_inputs(root)
    base = root if root.is_dir() else root.parent
    results: list[FileResult] = []
    manifest = out_dir / "manifest.csv"
    task = progress.add_task("documents", total=len(files)) if progress is not None else None
    for path in files:
        rel = path.relative_to(base).as_posix()
        res = FileResult(file=rel)
        t0 = time.perf_counter()
        try:
            res.sha256 = sha256_file(path)
            doc = ocr_one(path, rel, ctx, cache)
            res.pages = len(doc.pages)
            doc.save(stage_path(out_dir, doc.doc_id, "ocr"))
            doc = apply_stages(doc, ctx, None, out_dir)
            res.doc = doc
        except VnReportsError as exc:
            res.status, res.error = "failed", str(exc)
        except OSError as exc:
            res.status, res.error = "failed", f"E110 cannot read file: {exc.strerror or exc}"
        res.seconds = time.perf_counter() - t0
        results.append(res)
        write_manifest(manifest, results)  # after every file: nothing done is lost
        ctx.log(f"{rel}: {res.status} {res.pages} page(s) {res.seconds:.1f}s {res.error}")
        if progress is not None:
            progress.advance(task)
    run_corpus_steps([r.doc for r in results if r.doc is not None], ctx)
    return results


def run_corpus_steps(docs: list[Document], ctx: Context) -> stages.Corpus:
    """The corpus steps (cross-document audit, then the dataset); a failure names the step and keeps the
    per-file outputs."""
    corpus = stages.Corpus(docs)
    for step in stages.CORPUS_STEPS:
        try:
            corpus = step.run(corpus, ctx)
        except VnReportsError:
            raise
        except Exception as exc:
            ctx.log(traceback.format_exc())
            raise StageError(f"corpus step {step.name} failed: {type(exc).__name__}: {exc}") from exc
    return corpus
