"""Stage emit: the dataset (Parquet + CSV per table, DuckDB with a ``panel`` view) and the HTML audit report.

``run_corpus`` is called by the runner once all documents went through the per-document stages;
``query`` backs ``vnreports query``.
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
    write_outputs(corpus.docs, corpus.findings, Path(ctx.out_dir), ctx)
    return corpus


def write_outputs(docs: list[Document], findings: list[Finding], out_dir: Path, ctx: Context | None = None,
                  *, report: bool = True) -> None:
    """Write the dataset and (unless ``report`` is False) the report for ``docs`` and the corpus
    ``findings`` into ``out_dir``."""
    from pipeline.emit.report import write_report
    from pipeline.emit.store import DB_NAME, read_panel, write_dataset
    from pipeline.emit.tables import build_tables, collect_findings
    from pipeline.review import store as corrections

    all_findings = collect_findings(docs, findings)
    tables = write_dataset(build_tables(docs, all_findings, corrections.read(out_dir)), out_dir)
    panel = read_panel(out_dir / DB_NAME)
    if ctx is not None and ctx.settings.pdf:  # before the report, which links them
        from pipeline.emit.pdf import write_pdfs

        write_pdfs(docs, out_dir, roots=[ctx.input_root, out_dir], log=ctx.log)
    if report:
        written = write_report(docs, all_findings, panel, out_dir, input_root=ctx.input_root if ctx else None)
    if ctx is not None:
        ctx.log(f"emit: {len(tables)} tables, {len(panel)} panel row(s){f', {written}' if report else ''}")


def query(sql: str, out_dir: Path, fmt: str = "table") -> int:
    """Run ``sql`` on OUT/vnreports.duckdb and print the result; 0 on success, 2 on a usage error."""
    import duckdb
    from rich.console import Console
    from rich.markup import escape

    from pipeline.emit.store import DB_NAME

    err = Console(stderr=True)
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {escape(repr(fmt))}; use one of {', '.join(FORMATS)}")
        return 2
    db = Path(out_dir) / DB_NAME
    if not db.exists():
        err.print(f"[red]error:[/red] no dataset at {db}; run `vnreports run DIR -o {out_dir}` first")
        return 2
    try:
        with duckdb.connect(str(db), read_only=True) as con:
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
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows([[_cell(v) for v in r] for r in rows])
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
