"""Stage emit: the dataset (Parquet + CSV per table, DuckDB with a ``panel`` view) and the HTML audit report.

``run_corpus`` is called by the runner once all documents went through the per-document stages;
``query`` backs ``vnreports query`` (read-only, confined to the dataset). The dataset is written whole
into a staging folder and swapped in at once (``store.publish``). A document whose rows break the
schema, or that repeats another's id, is left out with its reason (E202) and the others are written.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from pipeline.context import Context
from pipeline.model import Document, Finding
from pipeline.stages import Corpus

FORMATS = ("table", "csv", "json")


def run_corpus(corpus: Corpus, ctx: Context) -> Corpus:
    """The corpus step: every table, OUT/vnreports.duckdb, OUT/report.html and, with ``Settings.pdf``, a
    searchable PDF per scan (OUT/pdf/); replaces an earlier run's."""
    if ctx.out_dir is None:
        raise ValueError("emit needs an output folder (Context.out_dir)")
    corpus.excluded.update(write_outputs(corpus.docs, corpus.findings, Path(ctx.out_dir), ctx))
    return corpus


def _admissible(docs: list[Document], findings: list[Finding]) -> tuple[list[Document], dict[str, str]]:
    """The documents whose rows the dataset can hold, and why each other one is left out (E202)."""
    from pipeline.emit.store import validate_tables
    from pipeline.emit.tables import build_tables, collect_findings
    from pipeline.errors import EmitError

    excluded: dict[str, str] = {}
    seen: set[str] = set()
    unique = []
    for doc in docs:
        if doc.doc_id in seen:
            excluded[doc.doc_id] = str(EmitError(f"{doc.path}: doc_id {doc.doc_id!r} is another document's; "
                                                 "left out of the dataset"))
            continue
        seen.add(doc.doc_id)
        unique.append(doc)
    try:
        validate_tables(build_tables(unique, collect_findings(unique, findings)))
        return unique, excluded
    except Exception:  # find the documents at fault, one by one
        pass
    good = []
    for doc in unique:
        try:
            validate_tables(build_tables([doc], collect_findings([doc], [])))
            good.append(doc)
        except Exception as exc:
            excluded[doc.doc_id] = str(EmitError(f"{doc.path}: left out of the dataset: {type(exc).__name__}: {exc}"))
    return good, excluded


def write_outputs(docs: list[Document], findings: list[Finding], out_dir: Path,
                  ctx: Context | None = None, *, report: bool = True) -> dict[str, str]:
    """Write the dataset and (unless ``report`` is False: the current report.html is kept) the report
    for ``docs`` and the corpus ``findings`` as one unit into ``out_dir``; with ``Settings.pdf``, a
    searchable PDF per scan (OUT/pdf/). Returns the documents left out (doc_id -> reason)."""
    from pipeline.emit.report import write_report
    from pipeline.emit.store import (DB_NAME, _step, discard_staging, keep_report, publish, read_panel, staging_dir,
                                     write_dataset)
    from pipeline.emit.tables import build_tables, collect_findings
    from pipeline.review import store as corrections

    out_dir = Path(out_dir)
    docs, excluded = _admissible(docs, findings)
    findings = [f for f in findings if f.doc_id not in excluded]
    all_findings = collect_findings(docs, findings)
    staged = staging_dir(out_dir)
    try:
        tables = write_dataset(build_tables(docs, all_findings, corrections.read(out_dir)), staged)
        panel = read_panel(staged / DB_NAME)
        if ctx is not None and ctx.settings.pdf:  # before the report, which links them
            from pipeline.emit.pdf import write_pdfs

            write_pdfs(docs, out_dir, roots=[ctx.input_root, out_dir], log=ctx.log)
        if report:
            written = write_report(docs, all_findings, panel, out_dir, dest=staged,
                                   input_root=ctx.input_root if ctx else None)
        else:
            written = keep_report(out_dir, staged)
        _step("report.html")
        publish(out_dir, staged)
    except BaseException:
        discard_staging(out_dir)  # this attempt's folder, unless it became the dataset before the error
        raise
    if ctx is not None:
        ctx.log(f"emit: {len(tables)} tables, {len(panel)} panel row(s)"
                + (f", {out_dir / written.name}" if written else "")
                + (f", {len(excluded)} document(s) left out" if excluded else ""))
    return excluded


def query(sql: str, out_dir: Path, fmt: str = "table") -> int:
    """Run ``sql`` on OUT/vnreports.duckdb and print the result; 0 on success, 2 on a usage error."""
    import duckdb
    from rich.console import Console
    from rich.markup import escape

    from pipeline.emit.store import DB_NAME, connect_readonly

    err = Console(stderr=True)
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {escape(repr(fmt))}; use one of {', '.join(FORMATS)}")
        return 2
    db = Path(out_dir) / DB_NAME
    if not db.exists():
        err.print(f"[red]error:[/red] no dataset at {db}; run `vnreports run DIR -o {out_dir}` first")
        return 2
    try:
        with connect_readonly(db) as con:
            cur = con.execute(sql)
            if cur.description is None:
                return 0
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
    except duckdb.Error as exc:
        err.print(f"[red]SQL error:[/red] {escape(str(exc))}", highlight=False)
        return 2
    _print_rows(columns, rows, fmt)
    return 0


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "csv":
        from pipeline.emit.store import csv_cell

        w = csv.writer(sys.stdout)
        w.writerow([csv_cell(c) for c in columns])
        w.writerows([[csv_cell(_cell(v)) if isinstance(v, str) else _cell(v) for v in r] for r in rows])
    elif fmt == "json":
        records = [dict(zip(columns, r)) for r in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, default=str, indent=1) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        cells = [[_cell(v) for v in r] for r in rows]
        table = Table(*columns, caption=f"{len(rows)} row(s)")
        for r in cells:
            table.add_row(*r)
        console = Console()
        if not console.is_terminal:  # piped: as wide as the content, not 80 columns
            widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
            console = Console(width=sum(widths) + 3 * len(widths) + 1)
        console.print(table)
