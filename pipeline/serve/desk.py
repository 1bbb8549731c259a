"""The review desk's data: the dataset of an output folder (DuckDB), its documents (stage JSON), and the
actions that change it.

Lists (documents, the queue) are SQL over ``OUT/vnreports.duckdb``, opened read-only per request, so
they show the dataset as the last write left it. One document is its last stage's JSON
(``OUT/json/<doc>.audit.json``), kept in memory while its file is unchanged. An action appends a row to
the corrections table (``pipeline.review.store``), runs the stages after reconciliation again on the
saved ``<doc>.reconcile.json`` (review, then audit: ``runner.run_stage``), and rewrites the dataset
(the corpus audit, then ``emit.write_outputs``); report.html follows in a background thread (its page
crops take seconds). Everything written goes through ``security.confined``: nothing outside OUT.
"""

from __future__ import annotations

import copy
import csv
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipeline import stages
from pipeline.context import Context, Settings
from pipeline.emit.store import DB_NAME
from pipeline.audit.engine import CORPUS_FINDINGS, load_findings
from pipeline.model import Correction, Document, Finding, ReviewAction, ReviewTarget
from pipeline.review import keys, store
from pipeline.review.apply import apply, value_text
from pipeline.runner import run_stage, stage_path
from pipeline.serve.security import confined

LOW_CONFIDENCE = 0.8  # a figure read on repaired or flagged text (extraction lowers its confidence) is queued
PAGE_SIZE = 25
DOCS_PAGE_SIZE = 100
STATUSES = ("mismatch", "unverifiable", "ok", "reviewed", "corrected", "failed")
REQUIRES_REASON = (ReviewAction.CORRECT, ReviewAction.REJECT)
ACTIONS: dict[ReviewTarget, tuple[ReviewAction, ...]] = {
    ReviewTarget.FINDING: (ReviewAction.CONFIRM, ReviewAction.REJECT),
    ReviewTarget.FIGURE: (ReviewAction.CONFIRM, ReviewAction.CORRECT),
    ReviewTarget.PLACE: (ReviewAction.CONFIRM, ReviewAction.CORRECT),
    ReviewTarget.CELL: (ReviewAction.CONFIRM, ReviewAction.CORRECT),
}


class ActionError(ValueError):
    """An action the desk refuses, with a message for the reviewer."""


class NotFound(LookupError):
    pass


@dataclass
class Action:
    doc_id: str
    target: str
    key: str
    action: str
    reviewer: str
    reason: str = ""
    value: str | None = None


@dataclass
class Filters:
    year: int | None = None
    unit: str | None = None
    family: str | None = None
    status: str | None = None
    page: int = 1


@dataclass
class QueueRow:
    rank: int  # 0 mismatch, 1 unverifiable, 2 low-confidence figure, 3 flagged tokens
    kind: str  # finding | figure | flagged
    doc_id: str
    ref: str | None  # the finding's review key, the figure's id
    done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Desk:
    def __init__(self, out_dir: Path, inputs: Path | None = None):
        self.out = Path(out_dir).resolve()
        self.db = self.out / DB_NAME
        if not self.db.exists():
            raise FileNotFoundError(f"no dataset at {self.db}; run `vnreports run DIR -o {out_dir}` first")
        self._inputs = Path(inputs).resolve() if inputs else None
        self._inputs_found = inputs is not None
        self._docs: OrderedDict[str, tuple[int, Document]] = OrderedDict()
        self._docs_lock = threading.Lock()
        self.write_lock = threading.Lock()  # one action at a time
        self.ctx = Context(settings=Settings(), out_dir=self.out)
        self._report = _ReportWriter(self)
        self._corpus: tuple[int, list[Finding]] | None = None
        self._con: tuple[duckdb.DuckDBPyConnection, tuple] | None = None
        self._con_lock = threading.Lock()
        self._ids: tuple[tuple, list[str]] | None = None
        self._id_cache: tuple[list[str], set[str]] | None = None

    # -- reading ------------------------------------------------------------------------------------
    def _connection(self) -> tuple[duckdb.DuckDBPyConnection, tuple]:
        """One read-only view of the current dataset file, opened again when a write replaced it (opening
        costs tens of milliseconds on a large file). The file is ATTACHed to an in-memory database rather
        than opened by path: DuckDB shares one instance per path within a process, and a connection held
        here would make every later open of the path in this process (the dataset write's own panel
        export, ``vnreports query`` in tests) read the replaced file."""
        st = self.db.stat()
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._con_lock:
            if self._con is None or self._con[1] != stamp:
                if self._con is not None:
                    self._con[0].close()
                con = duckdb.connect(":memory:")
                quoted = str(self.db).replace("'", "''")
                con.execute(f"ATTACH '{quoted}' AS dataset (READ_ONLY)")
                self._con = (con, stamp)
                self._ids = None
            return self._con

    def sql(self, query: str, params: list | tuple = ()) -> list[dict[str, Any]]:
        con, _ = self._connection()
        with self._con_lock:
            cur = con.cursor()  # a cursor per query: requests run in several threads
        try:
            cur.execute("USE dataset")
            cur.execute(query, list(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        finally:
            cur.close()

    def doc_ids(self) -> list[str]:
        _, stamp = self._connection()
        ids = self._ids
        if ids is None or ids[0] != stamp:
            ids = self._ids = (stamp, [r["doc_id"] for r in self.sql("SELECT doc_id FROM documents")])
        return ids[1]

    def _json(self, doc_id: str, stage: str) -> Path:
        if doc_id not in self._id_set():
            raise NotFound(f"no document {doc_id!r} in this dataset")
        return confined(self.out, stage_path(self.out, doc_id, stage))

    def doc(self, doc_id: str) -> Document:
        """The document as its last stage left it (corrections applied, findings raised)."""
        path = self._json(doc_id, stages.STAGES[-1].name)
        if not path.exists():
            raise NotFound(f"{path.name} is missing")
        stamp = path.stat().st_mtime_ns
        with self._docs_lock:
            hit = self._docs.get(doc_id)
            if hit is not None and hit[0] == stamp:
                self._docs.move_to_end(doc_id)
                return hit[1]
        doc = Document.load(path)
        with self._docs_lock:
            self._docs[doc_id] = (stamp, doc)
            while len(self._docs) > 512:
                self._docs.popitem(last=False)
        return doc

    def corpus_findings(self) -> list[Finding]:
        """The cross-document audit's findings (OUT/json/corpus.findings.json)."""
        path = self.out / "json" / CORPUS_FINDINGS
        if not path.exists():
            return []
        stamp = path.stat().st_mtime_ns
        if self._corpus is None or self._corpus[0] != stamp:
            self._corpus = (stamp, load_findings(path))
        return self._corpus[1]

    def findings_of(self, doc: Document) -> list[Finding]:
        """The findings raised on a document: its own and the cross-document ones that name it."""
        return doc.findings + [f for f in self.corpus_findings() if f.doc_id == doc.doc_id]

    def _id_set(self) -> set[str]:
        ids = self.doc_ids()
        if self._id_cache is None or self._id_cache[0] is not ids:
            self._id_cache = (ids, set(ids))
        return self._id_cache[1]

    @property
    def inputs(self) -> Path | None:
        """The folder the run read (page crops come from the source files): ``--inputs``, else the first
        of the working folder, the output folder's parent and their sub-folders that holds the
        dataset's scanned files."""
        if not self._inputs_found:
            self._inputs_found = True
            rows = self.sql("SELECT path FROM documents WHERE kind IN ('pdf-image', 'image', 'tiff') LIMIT 3")
            bases = [Path.cwd(), self.out.parent]
            candidates = [b for base in bases for b in [base, *sorted(p for p in base.iterdir() if p.is_dir())]]
            self._inputs = next((c for c in candidates if rows and all((c / r["path"]).is_file() for r in rows)),
                                None)
        return self._inputs

    def facets(self) -> dict[str, list]:
        years = [r["y"] for r in self.sql("SELECT DISTINCT report_year AS y FROM documents "
                                          "WHERE report_year IS NOT NULL ORDER BY 1")]
        units = [(r["unit_code"], r["unit_name"]) for r in self.sql(
            "SELECT unit_code, any_value(unit_name) AS unit_name FROM documents GROUP BY 1 ORDER BY 2 NULLS LAST, 1")]
        families = [r["f"] for r in self.sql(
            "SELECT DISTINCT unnest(string_split(families, ',')) AS f FROM documents WHERE families IS NOT NULL "
            "ORDER BY 1")]
        return dict(years=years, units=units, families=families, statuses=list(STATUSES))

    def documents(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        """One page of the documents the filters keep, and how many they keep."""
        if f.status == "failed":
            rows = self.failed()
            return rows, len(rows)
        where, params = [], []
        if f.year is not None:
            where.append("report_year = ?")
            params.append(f.year)
        if f.unit:
            where.append("unit_code = ?")
            params.append(f.unit)
        if f.family:
            where.append("list_contains(string_split(coalesce(families, ''), ','), ?)")
            params.append(f.family)
        if f.status in ("mismatch", "unverifiable", "ok"):
            where.append("status = ?")
            params.append(f.status)
        elif f.status in ("reviewed", "corrected"):
            where.append(f.status)
        query = f"""
            WITH x AS (
                SELECT doc_id, count(*) FILTER (status = 'unverifiable') AS n_unverifiable,
                       count(*) FILTER (reviewed) AS n_verdicts
                FROM findings WHERE doc_id IS NOT NULL GROUP BY doc_id),
            d AS (
                SELECT d.*, coalesce(x.n_unverifiable, 0) AS n_unverifiable, coalesce(x.n_verdicts, 0) AS n_verdicts,
                       CASE WHEN d.n_mismatches > 0 THEN 'mismatch'
                            WHEN coalesce(x.n_unverifiable, 0) > 0 THEN 'unverifiable' ELSE 'ok' END AS status
                FROM documents d LEFT JOIN x USING (doc_id))
            SELECT doc_id, path, kind, symbol, title, report_year, unit_code, unit_name, families, pages,
                   n_figures, n_findings, n_mismatches, n_unverifiable, n_flagged, n_verdicts, reviewed, corrected,
                   status, count(*) OVER () AS total
            FROM d {'WHERE ' + ' AND '.join(where) if where else ''}
            ORDER BY report_year NULLS LAST, unit_code, doc_id
            LIMIT {DOCS_PAGE_SIZE} OFFSET {(max(1, f.page) - 1) * DOCS_PAGE_SIZE}"""
        rows = self.sql(query, params)
        return rows, rows[0]["total"] if rows else 0

    def failed(self) -> list[dict[str, Any]]:
        """Files the run could not read (manifest.csv), listed so that nothing is silently missing."""
        path = self.out / "manifest.csv"
        if not path.exists():
            return []
        with open(path, encoding="utf-8", newline="") as fh:
            return [dict(doc_id=None, path=r["file"], status="failed", error=r["error"])
                    for r in csv.DictReader(fh) if r["status"] != "ok"]

    def queue(self, page: int = 1, include_done: bool = False) -> tuple[list[QueueRow], int]:
        """Work, most urgent first: mismatches, unverifiable findings, figures read with low confidence,
        documents whose restored text has flagged tokens. Reviewed items are left out unless asked."""
        done = "" if include_done else "AND NOT reviewed"
        query = f"""
            SELECT *, count(*) OVER () AS total FROM (
                SELECT CASE status WHEN 'mismatch' THEN 0 ELSE 1 END AS rank, 'finding' AS kind, doc_id,
                       review_key AS ref, reviewed AS done, 0.0 AS sort2, coalesce(evidence_page, 0) AS sort3
                FROM findings WHERE doc_id IS NOT NULL AND status IN ('mismatch', 'unverifiable') {done}
                UNION ALL
                SELECT 2, 'figure', doc_id, figure_id, reviewed, confidence, coalesce(page, 0)
                FROM figures WHERE confidence < {LOW_CONFIDENCE} {done}
                UNION ALL
                SELECT 3, 'flagged', doc_id, NULL, false, -n_flagged, 0 FROM documents WHERE n_flagged > 0)
            ORDER BY rank, sort2, doc_id, sort3, ref
            LIMIT {PAGE_SIZE} OFFSET {(max(1, page) - 1) * PAGE_SIZE}"""
        rows = self.sql(query)
        total = rows[0]["total"] if rows else 0
        return [QueueRow(r["rank"], r["kind"], r["doc_id"], r["ref"], bool(r["done"])) for r in rows], total

    def corrections(self, doc: Document | None = None) -> list[Correction]:
        every = store.read(self.out)
        return [c for c in every if doc is None or c.sha256 == doc.sha256]

    # -- acting -------------------------------------------------------------------------------------
    def act(self, a: Action) -> Correction:
        """Record one action and bring the document and the dataset up to date; ActionError when refused."""
        try:
            target, action = ReviewTarget(a.target), ReviewAction(a.action)
        except ValueError:
            raise ActionError(f"unknown action {a.action!r} on {a.target!r}") from None
        if action not in ACTIONS[target]:
            raise ActionError(f"a {target} can be {' or '.join(ACTIONS[target])}ed, not {action}ed")
        reviewer, reason = (a.reviewer or "").strip(), (a.reason or "").strip()
        if not reviewer:
            raise ActionError("say who you are: the reviewer's name is kept with every correction")
        if action in REQUIRES_REASON and not reason:
            raise ActionError(f"say why: a {action} needs a reason")
        if action == ReviewAction.CORRECT and target == ReviewTarget.FIGURE and not (a.value or "").strip():
            raise ActionError("give the value the page shows")
        with self.write_lock:
            doc = self.doc(a.doc_id)
            old = current_value(doc, target, a.key, self.findings_of(doc))
            c = store.make(sha256=doc.sha256, key=a.key, target=target, action=action, reviewer=reviewer,
                           reason=reason, old_value=old, doc_id=doc.doc_id,
                           new_value=(a.value or "").strip() if action == ReviewAction.CORRECT else None)
            if target != ReviewTarget.FINDING:  # try it on a copy first: the same code the stage runs
                probe = copy.copy(c)
                apply(copy.deepcopy(doc), [probe], self._gazetteer)
                if probe.orphaned:
                    raise ActionError(probe.orphaned)
            store.append(self.out, [c])
            self.rerun(doc.doc_id)
            self.rewrite_dataset()
        return c

    def _gazetteer(self):
        from pipeline.reconcile import load_gazetteer

        return self.ctx.resource("gazetteer", load_gazetteer)

    def rerun(self, doc_id: str) -> Document:
        """The stages after reconciliation again, on the saved reconcile output (review applies the
        corrections, the audit judges the corrected values); each stage's JSON is saved."""
        names = [s.name for s in stages.STAGES]
        first = names.index("review")
        doc = Document.load(self._json(doc_id, names[first - 1]))
        self.ctx.input_root = self.inputs
        for st in stages.STAGES[first:]:
            doc = run_stage(st, doc, self.ctx)
            doc.save(confined(self.out, stage_path(self.out, doc.doc_id, st.name)))
        return doc

    def all_docs(self) -> list[Document]:
        out = []
        for doc_id in self.doc_ids():
            try:
                out.append(self.doc(doc_id))
            except NotFound:
                continue
        return out

    def rewrite_dataset(self) -> None:
        """The corpus audit and the dataset (tables, DuckDB, panel), as the run writes them; the report
        is rewritten in the background."""
        from pipeline.emit import write_outputs

        docs = self.all_docs()
        corpus = stages.Corpus(docs)
        self.ctx.input_root = self.inputs
        for step in stages.CORPUS_STEPS:
            if step.name != "emit":
                corpus = step.run(corpus, self.ctx)
        confined(self.out, self.db)
        write_outputs(corpus.docs, corpus.findings, self.out, self.ctx, report=False)
        self._report.request(corpus.docs, corpus.findings)

    def close(self) -> None:
        self._report.stop()
        with self._con_lock:
            if self._con is not None:
                self._con[0].close()
                self._con = None


def current_value(doc: Document, target: ReviewTarget, key: str, findings: list[Finding]) -> str:
    """What the target holds now, as the corrections table writes it (``findings``: those raised on the
    document); ActionError when it is not there."""
    if target == ReviewTarget.FIGURE:
        fig = keys.figures_by_key(doc).get(key)
        if fig is None:
            raise ActionError(f"no figure {key!r} in {doc.doc_id}")
        return value_text(fig.value)
    if target == ReviewTarget.PLACE:
        place = keys.places_by_key(doc).get(key)
        if place is None:
            raise ActionError(f"no place {key!r} in {doc.doc_id}")
        return place.code or ""
    if target == ReviewTarget.CELL:
        at = keys.cells_by_key(doc).get(key)
        if at is None:
            raise ActionError(f"no cell {key!r} in {doc.doc_id}")
        return value_text(at.cell.value) if at.cell.value is not None else at.cell.text
    finding = next((f for f in findings if keys.finding_key(f) == key), None)
    if finding is None:
        raise ActionError(f"no finding {key!r} in {doc.doc_id}")
    return (f"{finding.status}: claimed {value_text(finding.claimed) or '-'}, "
            f"computed {value_text(finding.computed) or '-'}")


class _ReportWriter:
    """report.html after the dataset changed, in one background thread; requests made while it writes
    are folded into one more write, and a pending one is written before the desk stops."""

    def __init__(self, desk: Desk):
        self.desk = desk
        self._pending: tuple | None = None
        self._writing = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def request(self, docs, findings) -> None:
        with self._cond:
            self._pending = (docs, findings)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="vnreports-report", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _loop(self) -> None:
        from pipeline.emit.report import write_report
        from pipeline.emit.store import current_dataset, read_panel
        from pipeline.emit.tables import collect_findings

        while True:
            with self._cond:
                while self._pending is None and not self._stopped:
                    self._cond.wait()
                if self._pending is None:
                    return
                (docs, findings), self._pending, self._writing = self._pending, None, True
            try:
                write_report(docs, collect_findings(docs, findings), read_panel(self.desk.db), self.desk.out,
                             input_root=self.desk.inputs, dest=current_dataset(self.desk.out))
            except Exception as exc:  # the report is a convenience: the dataset is already written
                self.desk.ctx.log(f"report.html not rewritten: {exc}")
            finally:
                with self._cond:
                    self._writing = False
                    self._cond.notify_all()

    def wait(self, timeout: float = 120.0) -> bool:
        """Until no report is pending or being written (tests, the bench); False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._writing, timeout)

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=120)
