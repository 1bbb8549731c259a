"""Batch runner: every file under a folder through every stage (``stages.STAGES``), nothing lost on failure.

A run holds the output folder's lock, walks the input (``inputs.admit``: special files, links leaving the
folder, unreadable folders and output folders are refused with a reason), then streams the files through
an executor (``executors``): each file is opened by a worker (sniffed, limits checked, text decoded), each
scanned page is one OCR task, each document one task through the later stages. A document's outputs
(``OUT/json/<doc_id>.<stage>.json``, its manifest row) are written as soon as it finishes; only a slim copy
(no word boxes) stays in memory for the corpus steps, which then write the dataset as one unit.

Nothing done is lost: OCR results are cached by content (a kill during OCR resumes where it was), and a
document whose stage outputs are complete for its bytes, settings and program version is not run again.
"""

from __future__ import annotations

import csv
import hashlib
import re
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import contract, stages
from pipeline.cache import DocCache, sha256_file
from pipeline.context import Context, Limits, OCRSettings, Settings
from pipeline.errors import (
    FileTimeout,
    InputError,
    PageTimeout,
    StageError,
    Unreadable,
    VnReportsError,
    WorkerLost,
)
from pipeline.executors import Executor, Outcome, TimeLimitExceeded, WorkerDied, make_executor
from pipeline.fsio import FolderLock, atomic_path, atomic_write
from pipeline.inputs.admit import Candidate, walk_inputs
from pipeline.model import Document
from pipeline.review import corrections_for

MANIFEST_FIELDS = ("file", "sha256", "status", "pages", "seconds", "error")
MANIFEST_EVERY = 2.0  # seconds between rewrites of manifest.csv while a run goes on (and once at the end)
PAGE_SLACK = 5.0  # the worker's alarm on a page comes this long after Tesseract's own timeout
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


def collect_inputs(root: Path) -> list[Path]:
    """Files a run reads under ``root``, in a stable order (see ``inputs.admit.walk_inputs``)."""
    return [c.path for c in walk_inputs(Path(root)) if c.error is None]


def doc_id_for(rel: str) -> str:
    """Readable id of a relative path: 'scans/office/2017_bc.pdf' -> 'scans-office-2017_bc-pdf'."""
    stem, dot, ext = rel.rpartition(".")
    base = stem if dot else rel
    slug = _SLUG.sub("-", base.replace("/", "-")).strip("-") or "doc"
    return f"{slug}-{ext.lower()}" if dot and ext.lower() != "txt" else slug


def assign_doc_ids(rels: list[str]) -> dict[str, str]:
    """Ids unique by construction: each path's readable id, and where several paths of the run give the
    same id (compared case-folded, for case-blind file systems), each of them gets a suffix from a hash of
    its relative path, which is unique in the run and stable from run to run."""
    groups: dict[str, list[str]] = {}
    for rel in rels:
        groups.setdefault(doc_id_for(rel).casefold(), []).append(rel)
    ids: dict[str, str] = {}
    for members in groups.values():
        for rel in members:
            base = doc_id_for(rel)
            ids[rel] = base if len(members) == 1 else f"{base}-{hashlib.sha256(rel.encode()).hexdigest()[:8]}"
    return ids


def write_manifest(path: Path, results: list[FileResult]) -> None:
    with atomic_path(path) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS)
        w.writeheader()
        for r in results:
            w.writerow(r.row())


def stage_path(out_dir: Path, doc_id: str, stage: str) -> Path:
    return out_dir / "json" / f"{doc_id}.{stage}.json"


def done_path(out_dir: Path, doc_id: str) -> Path:
    """Written last, after every stage JSON of the document: names the bytes and settings they came from."""
    return out_dir / "json" / f"{doc_id}.done"


def ocr_one(path: Path, rel: str, ctx: Context, cache: DocCache | None) -> Document:
    """One file to a Document through the OCR cache, outside a run (benchmarks, tests)."""
    from pipeline.ocr import ocr_file  # imported late: keeps `vnreports --help` fast

    sha = sha256_file(path)
    key = ctx.settings.ocr.key()
    if cache is not None:
        hit = cache.get("ocr", sha, key)
        if hit is not None:
            hit.path, hit.doc_id = rel, doc_id_for(rel)
            return hit
    doc = ocr_file(path, ctx.settings.ocr, doc_id=doc_id_for(rel), rel_path=rel, sha=sha, ctx=ctx)
    if cache is not None:
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


# -- tasks: small, picklable, run by a worker (this process, a pool process or a Dask worker) ------------
@dataclass(frozen=True)
class OpenJob:
    path: str
    name: str
    settings: OCRSettings
    limits: Limits


def open_task(job: OpenJob):
    from pipeline.ocr import open_input

    return open_input(job.path, job.settings, job.limits, job.name)


def page_task(job):
    from pipeline.ocr import ocr_page

    return ocr_page(job)


@dataclass
class StagesJob:
    doc: Document
    settings: Settings
    corrections: list = field(default_factory=list)  # the review desk's, for the document's bytes


@dataclass
class Staged:
    doc: Document
    snapshots: list[tuple[str, str]]  # (stage, the document's JSON after it)


_WORKER: dict[str, Context] = {}


def _worker_context(settings: Settings) -> Context:
    """One Context per worker process and settings: the language model and gazetteer load once."""
    ctx = _WORKER.get("ctx")
    if ctx is None or ctx.settings != settings:
        ctx = _WORKER["ctx"] = Context(settings=settings)
    return ctx


def stages_task(job: StagesJob) -> Staged:
    ctx = _worker_context(job.settings)
    ctx.corrections = {job.doc.sha256: job.corrections}
    doc, snapshots = job.doc, []
    for st in stages.STAGES:
        doc = run_stage(st, doc, ctx)
        snapshots.append((st.name, doc.to_json()))
    return Staged(doc, snapshots)


def slim(doc: Document) -> Document:
    """What the corpus steps read, without the words' boxes (most of a scanned document's size): memory
    for a run's documents stays small as the corpus grows."""
    for page in doc.pages:
        for line in page.lines:
            line.words = []
    return doc


def code_fingerprint() -> str:
    """Hash of the package's files (code, models, tables): stage outputs of another version are redone."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def stages_key(settings: Settings) -> str:
    """What a document's stage outputs depend on besides its bytes."""
    parts = (settings.ocr.key(), str(settings.restore), str(settings.check_contract), code_fingerprint())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


# -- the run -------------------------------------------------------------------------------------------
@dataclass
class _File:
    """A file on its way through the run."""

    cand: Candidate
    doc_id: str
    res: FileResult
    started: float = field(default_factory=time.monotonic)
    spent: float = 0.0  # seconds of finished tasks
    running: dict = field(default_factory=dict)  # task key -> start (monotonic)
    opened: object = None
    pages: dict = field(default_factory=dict)  # page number -> Page
    tables: dict = field(default_factory=dict)  # page number -> the tables read on it
    n_pages: int = 0


class _Run:
    def __init__(self, root: Path, out_dir: Path, ctx: Context, progress=None):
        self.root, self.out_dir, self.ctx, self.progress = root, out_dir, ctx, progress
        self.settings = ctx.settings
        self.cache = DocCache(out_dir / "cache") if self.settings.cache else None
        self.key = stages_key(self.settings)
        self.manifest = out_dir / "manifest.csv"
        self.results: dict[str, FileResult] = {}
        self.queue: deque[_File] = deque()
        self.files: dict[str, _File] = {}  # files with work in flight or queued
        self.pages: deque[tuple[str, object]] = deque()  # (rel, PageJob) to submit
        self.ready: deque[tuple[str, Document]] = deque()  # documents ready for the later stages
        self._executor: Executor | None = None
        self._written = 0.0
        self.task = None

    @property
    def executor(self) -> Executor:
        if self._executor is None:  # made on first use: a run with everything cached starts no worker
            self._executor = make_executor(self.settings)
        return self._executor

    def log(self, msg: str) -> None:
        self.ctx.log(msg)

    # -- set-up ----------------------------------------------------------------------------------
    def plan(self) -> None:
        cands = walk_inputs(self.root, self.out_dir)
        ids = assign_doc_ids([c.rel for c in cands if c.error is None])
        if self.progress is not None:
            self.task = self.progress.add_task("documents", total=len(cands))
        for c in cands:
            res = FileResult(file=c.rel)
            self.results[c.rel] = res
            if c.error is not None:
                self._finish(res, error=c.error)
            else:
                self.queue.append(_File(c, ids[c.rel], res))

    # -- the loop --------------------------------------------------------------------------------
    def run(self) -> list[FileResult]:
        self.plan()
        try:
            while True:
                self._fill()
                if self._executor is None or not self._executor.busy:
                    if not (self.queue or self.pages or self.ready):
                        break
                    continue
                for outcome in self.executor.wait():
                    self._handle(outcome)
                self._check_deadlines()
                self._write_manifest()
        finally:
            if self._executor is not None:
                self._executor.close()
            self._write_manifest(force=True)
        docs = [r.doc for r in self.results.values() if r.doc is not None]
        corpus = run_corpus_steps(docs, self.ctx)
        excluded = getattr(corpus, "excluded", {})
        for r in self.results.values():
            if r.doc is not None and r.doc.doc_id in excluded:
                r.status, r.error = "failed", excluded[r.doc.doc_id]
        self._write_manifest(force=True)
        return list(self.results.values())

    def _has_slot(self) -> bool:
        return self._executor is None or self._executor.free > 0

    def _fill(self) -> None:
        while True:
            if self.ready and self._has_slot():
                rel, doc = self.ready.popleft()
                self._submit(rel, ("stages", rel), stages_task, StagesJob(doc, self.settings, corrections_for(doc.sha256, self.ctx)),
                             self.settings.limits.file_timeout)
            elif self.pages and self._has_slot():
                rel, job = self.pages.popleft()
                if rel in self.files:
                    self._submit(rel, ("page", rel, job.index), page_task, job,
                                 self.settings.ocr.page_timeout + PAGE_SLACK)
            elif self.queue and not self.pages and self._has_slot():
                self._start(self.queue.popleft())
            else:
                return

    def _submit(self, rel: str, key, fn, arg, limit: float) -> None:
        f = self.files[rel]
        f.running[key] = time.monotonic()
        self.executor.submit(key, fn, arg, limit)

    def _start(self, f: _File) -> None:
        """Hash the file; take its finished outputs, or its cached OCR, or send it to be opened."""
        rel, path = f.cand.rel, f.cand.real
        f.started = time.monotonic()
        try:
            f.res.sha256 = sha256_file(path)
        except OSError as exc:
            return self._finish(f.res, error=Unreadable(f"{rel}: {exc.strerror or exc}"))
        done = self._previous(f)
        if done is not None:
            f.res.pages = len(done.pages)
            self.log(f"{rel}: unchanged, outputs kept")
            return self._finish(f.res, doc=done)
        self.files[rel] = f
        if self.cache is not None:
            hit = self.cache.get("ocr", f.res.sha256, self.settings.ocr.key())
            if hit is not None:
                hit.path, hit.doc_id = rel, f.doc_id
                self.log(f"{rel}: OCR cached")
                return self._ocr_done(f, hit, cached=True)
        self._submit(rel, ("open", rel), open_task,
                     OpenJob(str(path), rel, self.settings.ocr, self.settings.limits),
                     self.settings.limits.file_timeout)

    def _previous(self, f: _File) -> Document | None:
        """The document's last stage output when it is complete for these bytes, settings and code."""
        if not self.settings.cache:
            return None
        marker = done_path(self.out_dir, f.doc_id)
        try:
            if marker.read_text(encoding="utf-8").split() != [f.res.sha256, self.key, f.cand.rel]:
                return None
            doc = Document.load(stage_path(self.out_dir, f.doc_id, stages.STAGES[-1].name))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if doc.sha256 != f.res.sha256 or doc.doc_id != f.doc_id:
            return None
        if {c.correction_id for c in doc.corrections} != {c.correction_id for c in corrections_for(doc.sha256, self.ctx)}:
            return None  # corrections were made since (the review desk): the stages run again
        return slim(doc)

    # -- outcomes --------------------------------------------------------------------------------
    def _handle(self, out: Outcome) -> None:
        kind, rel = out.key[0], out.key[1]
        f = self.files.get(rel)
        if f is None:  # the file failed or timed out meanwhile
            return
        f.running.pop(out.key, None)
        f.spent += out.seconds
        if out.error is not None:
            return self._fail(f, self._reason(out, f))
        if kind == "open":
            f.opened = out.value
            if out.value.pages is not None:
                return self._ocr_done(f, self._assemble(f, out.value.pages, out.value.tables))
            f.n_pages = len(out.value.jobs)
            self.pages.extend((rel, job) for job in out.value.jobs)
        elif kind == "page":
            page, page_tables = out.value
            f.pages[page.number], f.tables[page.number] = page, page_tables
            if len(f.pages) == f.n_pages:
                self._ocr_done(f, self._assemble(f, [f.pages[n] for n in sorted(f.pages)],
                                                 [t for n in sorted(f.tables) for t in f.tables[n]]))
        elif kind == "stages":
            self._stages_done(f, out.value)

    def _reason(self, out: Outcome, f: _File) -> VnReportsError:
        err = out.error
        if isinstance(err, VnReportsError):
            return err
        if isinstance(err, TimeLimitExceeded):
            if out.key[0] == "page":
                return PageTimeout(f"page {out.key[2] + 1}: {err}")
            return FileTimeout(f"{f.cand.rel}: {out.key[0]} took longer than its limit ({err})")
        if isinstance(err, WorkerDied):
            return WorkerLost(f"{f.cand.rel}: {err}")
        if isinstance(err, OSError):
            return Unreadable(f"{f.cand.rel}: {err.strerror or err}")
        where = "stages" if out.key[0] == "stages" else "reading the file"
        self.log("".join(traceback.format_exception(err)))
        return (StageError if out.key[0] == "stages" else InputError)(
            f"{where} failed: {type(err).__name__}: {err}")

    def _assemble(self, f: _File, pages, found) -> Document:
        from pipeline.ocr import assemble

        return assemble(f.opened, pages, found, doc_id=f.doc_id, path=f.cand.rel, sha=f.res.sha256)

    def _ocr_done(self, f: _File, doc: Document, cached: bool = False) -> None:
        f.res.pages = len(doc.pages)
        f.pages, f.opened = {}, None
        if self.cache is not None and not cached:
            self.cache.put("ocr", f.res.sha256, self.settings.ocr.key(), doc)
        doc.save(stage_path(self.out_dir, doc.doc_id, "ocr"))
        self.ready.append((f.cand.rel, doc))

    def _stages_done(self, f: _File, staged: Staged) -> None:
        for name, text in staged.snapshots:
            atomic_write(stage_path(self.out_dir, f.doc_id, name), text)
        atomic_write(done_path(self.out_dir, f.doc_id), f"{f.res.sha256} {self.key} {f.cand.rel}\n")
        del self.files[f.cand.rel]
        self._finish(f.res, doc=slim(staged.doc), seconds=time.monotonic() - f.started)

    def _fail(self, f: _File, error: VnReportsError) -> None:
        rel = f.cand.rel
        self.files.pop(rel, None)
        for key in list(f.running):
            self.executor.cancel(key)
        self.pages = deque((r, j) for r, j in self.pages if r != rel)
        self._finish(f.res, error=error, seconds=time.monotonic() - f.started)

    def _check_deadlines(self) -> None:
        now, limit = time.monotonic(), self.settings.limits.file_timeout
        for f in list(self.files.values()):
            spent = f.spent + sum(now - t for t in f.running.values())
            if spent > limit:
                self._fail(f, FileTimeout(f"{f.cand.rel}: more than {limit:g}s of work (--file-timeout); stopped "
                                          f"after {len(f.pages)} of {f.n_pages or '?'} page(s)"))

    def _finish(self, res: FileResult, *, doc: Document | None = None, error: VnReportsError | None = None,
                seconds: float = 0.0) -> None:
        res.seconds = seconds
        if error is not None:
            res.status, res.error, res.doc = "failed", str(error), None
        else:
            res.doc = doc
        self.log(f"{res.file}: {res.status} {res.pages} page(s) {res.seconds:.1f}s {res.error}")
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def _write_manifest(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._written >= MANIFEST_EVERY:
            write_manifest(self.manifest, self._rows())
            self._written = now

    def _rows(self) -> list[FileResult]:
        """Rows of the files finished so far (a file still in flight has no row yet)."""
        pending = {f.cand.rel for f in self.queue} | set(self.files)
        return [r for rel, r in self.results.items() if rel not in pending]


def run_folder(root: Path, out_dir: Path, ctx: Context, *, progress=None) -> list[FileResult]:
    """Run every stage on every file under ``root``; returns one result per file (and per refused entry).

    Holds the output folder's lock for the whole run (``Settings.lock_wait`` seconds are waited for
    another run to finish; then OutputBusy, E301)."""
    root, out_dir = Path(root), Path(out_dir)
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"{root}: no such file or folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    with FolderLock(out_dir, ctx.settings.lock_wait):
        ctx.out_dir = out_dir
        ctx.input_root = root if root.is_dir() else root.parent
        return _Run(root, out_dir, ctx, progress).run()


def run_corpus_steps(docs: list[Document], ctx: Context) -> stages.Corpus:
    """The corpus steps (cross-document audit, then the dataset). A failing step is named in a StageError
    raised after the later steps ran: the cross-document audit breaking does not keep the dataset from being
    written (without its findings)."""
    corpus = stages.Corpus(docs)
    failed: list[VnReportsError] = []
    for step in stages.CORPUS_STEPS:
        try:
            corpus = step.run(corpus, ctx)
        except VnReportsError as exc:
            failed.append(exc)
        except Exception as exc:
            ctx.log(traceback.format_exc())
            failed.append(StageError(f"corpus step {step.name} failed: {type(exc).__name__}: {exc}"))
    if failed:
        raise failed[0]
    return corpus
