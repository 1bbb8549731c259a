"""Command line: `vnreports run|ocr|restore|extract|reconcile|audit|pdf|query|serve|corrections|bench|gazetteer`."""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.context import Context, OCRSettings, Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Scanned Vietnamese reports -> audited data.")
bench_app = typer.Typer(no_args_is_help=True, help="Benchmarks: each prints a table and the command that made it.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="Build and inspect the historical gazetteer.")
app.add_typer(bench_app, name="bench")
app.add_typer(gazetteer_app, name="gazetteer")
corrections_app = typer.Typer(no_args_is_help=True, help="Move the review desk's corrections between machines (CSV).")
app.add_typer(corrections_app, name="corrections")

err = Console(stderr=True)
DEFAULT_OUT = Path("outputs")


def _settings(jobs: Optional[int], lang: str, force_ocr: bool, verbose: bool, restore: str = "auto") -> Settings:
    from pipeline.model import RestoreMode

    try:
        mode = RestoreMode(restore)
    except ValueError:
        err.print(f"[red]error:[/red] --restore must be one of {', '.join(m.value for m in RestoreMode)}")
        raise typer.Exit(2)
    s = Settings(ocr=OCRSettings(lang=lang, force_ocr=force_ocr), restore=mode, verbose=verbose)
    if jobs:
        s.jobs = jobs
    return s


def _context(settings: Settings, out_dir: Path | None = None) -> Context:
    log = (lambda m: err.print(f"[dim]{m}[/dim]", highlight=False)) if settings.verbose else (lambda m: None)
    return Context(settings=settings, out_dir=out_dir, log=log)


JOBS = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores).")
LANG = typer.Option("vie", "--lang", "-l", help="Tesseract language(s).")
VERBOSE = typer.Option(False, "--verbose", "-v", help="Per-page and per-stage detail on stderr.")


@app.command()
def run(
    folder: Path = typer.Argument(..., help="Folder (or one file) of reports: PDF, images, TIFF, old-OCR .txt."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output folder."),
    jobs: Optional[int] = JOBS,
    lang: str = LANG,
    force_ocr: bool = typer.Option(False, help="OCR PDFs even when they carry a text layer."),
    restore: str = typer.Option("auto", help="Diacritic restoration: auto (decided per document) | always | never."),
    no_cache: bool = typer.Option(False, help="Ignore the OCR cache and the outputs of earlier runs."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write OUT/pdf/DOC.pdf: each scan searchable, restored text."),
    executor: str = typer.Option("process", help="Where work runs: process (local pool of --jobs workers) | "
                                 "dask (--scheduler, or a local cluster) | inline (this process)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, tcp://host:port (implies "
                                            "--executor dask; workers read inputs by the same path)."),
    max_pages: int = typer.Option(1000, help="Refuse an input with more pages (E109)."),
    max_mb: float = typer.Option(512, help="Refuse a PDF or image larger than this many MiB (E108)."),
    max_text_mb: float = typer.Option(8, help="Refuse a text file larger than this many MiB (E108)."),
    page_timeout: float = typer.Option(180, help="Seconds one page may take (E106)."),
    file_timeout: float = typer.Option(3600, help="Seconds of work one file may take, its pages together (E114)."),
    wait_lock: float = typer.Option(0, help="Seconds to wait while another run uses OUT (else E301 at once)."),
    verbose: bool = VERBOSE,
):
    """Run every stage on every file under FOLDER; writes OUT/manifest.csv, JSON per stage, tables."""
    from pipeline.context import EXECUTORS, Limits
    from pipeline.errors import VnReportsError
    from pipeline.runner import run_folder

    settings = _settings(jobs, lang, force_ocr, verbose, restore)
    settings.cache = not no_cache
    settings.pdf = pdf
    if scheduler:
        executor = "dask"
    if executor not in EXECUTORS:
        err.print(f"[red]error:[/red] --executor must be one of {', '.join(EXECUTORS)}")
        raise typer.Exit(2)
    settings.executor, settings.scheduler, settings.lock_wait = executor, scheduler, wait_lock
    settings.limits = Limits(max_bytes=int(max_mb * 2**20), max_text_bytes=int(max_text_mb * 2**20),
                             max_pages=max_pages, file_timeout=file_timeout)
    settings.ocr.page_timeout = page_timeout
    ctx = _context(settings, out)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as progress:
        ctx.progress = progress
        try:
            results = run_folder(folder, out, ctx, progress=progress)
        except FileNotFoundError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2)
        except VnReportsError as exc:
            from pipeline.errors import OutputBusy, SchedulerUnavailable

            if isinstance(exc, (OutputBusy, SchedulerUnavailable)):  # nothing was started
                err.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(4)
            err.print(f"[red]error:[/red] {exc} (per-file outputs and {out / 'manifest.csv'} are kept)")
            raise typer.Exit(3)
    failed = [r for r in results if r.status != "ok"]
    err.print(f"{len(results)} file(s), {len(failed)} failed; manifest: {out / 'manifest.csv'}")
    for r in failed:
        err.print(f"  [red]{r.file}[/red]: {r.error}")
    raise typer.Exit(1 if failed else 0)


@app.command()
def ocr(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="PDF, image, TIFF or .txt"),
    jobs: Optional[int] = JOBS,
    lang: str = LANG,
    force_ocr: bool = typer.Option(False, help="OCR a PDF even when it carries a text layer."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also save the Document JSON here."),
    verbose: bool = VERBOSE,
):
    """Print the recognised text of FILE (pages separated by a form feed)."""
    from pipeline.errors import VnReportsError
    from pipeline.ocr import ocr_file

    settings = _settings(jobs, lang, force_ocr, verbose)
    try:
        doc = ocr_file(file, settings.ocr, ctx=_context(settings))
    except VnReportsError as exc:
        err.print(f"[red]{file}:[/red] {exc}")
        raise typer.Exit(1)
    if json_out:
        doc.save(json_out)
    sys.stdout.write(doc.text + "\n")


def _run_stage_alone(name: str, infile: Path, out: Optional[Path], verbose: bool) -> None:
    from pipeline import stages
    from pipeline.errors import VnReportsError
    from pipeline.model import Document
    from pipeline.runner import run_stage

    try:
        doc = Document.load(infile)
    except (ValueError, KeyError, TypeError) as exc:
        err.print(f"[red]error:[/red] {infile} is not a vnreports stage JSON: {exc}")
        raise typer.Exit(2)
    ctx = _context(Settings(verbose=verbose))
    try:
        doc = run_stage(stages.stage(name), doc, ctx)
    except VnReportsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1)
    target = out or infile.with_name(f"{doc.doc_id}.{name}.json")
    doc.save(target)
    err.print(f"{name}: wrote {target}")


STAGE_IN = typer.Argument(..., exists=True, dir_okay=False, help="The previous stage's JSON.")
STAGE_OUT = typer.Option(None, "--out", "-o", help="Where to write (default: beside the input, DOC.STAGE.json).")


@app.command()
def restore(
    file: str = typer.Argument("-", help="A text file, '-' for standard input, or a stage JSON with --json."),
    as_json: bool = typer.Option(False, "--json", help="FILE is a Document JSON: run the stage on it."),
    out: Optional[Path] = STAGE_OUT,
    verbose: bool = VERBOSE,
):
    """Print the restored text of a text file or of standard input (or run the stage on a JSON)."""
    if as_json:
        return _run_stage_alone("restore", Path(file), out, verbose)
    from pipeline.errors import VnReportsError
    from pipeline.inputs.text import decode_text
    from pipeline.restore import restore_text

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        text = decode_text(data, file).text
    except (OSError, VnReportsError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    sys.stdout.write(restore_text(text))


@app.command()
def extract(infile: Path = STAGE_IN, out: Optional[Path] = STAGE_OUT, verbose: bool = VERBOSE):
    """Run extraction alone on a saved ocr/restore JSON."""
    _run_stage_alone("extract", infile, out, verbose)


@app.command()
def reconcile(infile: Path = STAGE_IN, out: Optional[Path] = STAGE_OUT, verbose: bool = VERBOSE):
    """Run place reconciliation alone on a saved extract JSON."""
    _run_stage_alone("reconcile", infile, out, verbose)


@app.command()
def audit(
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output folder of an earlier run."),
    list_rules: bool = typer.Option(False, "--list-rules", help="List the audit rules and exit."),
    all_findings: bool = typer.Option(False, "--all", help="Show ok findings too."),
):
    """Print the audit findings of the dataset in OUT as a table."""
    from pipeline.audit import print_findings, print_rules

    if list_rules:
        print_rules()
        return
    raise typer.Exit(print_findings(out, show_ok=all_findings))


@app.command("pdf")
def pdf_command(
    infile: Path = typer.Argument(..., exists=True, dir_okay=False, help="A stage JSON: restore or later."),
    out: Optional[Path] = typer.Option(None, "--out", "-o",
                                       help="Where to write (default: OUT/pdf/DOC.pdf for a JSON in OUT/json)."),
    input_root: Optional[Path] = typer.Option(None, "--input-root",
                                              help="Folder the document's path is relative to (default: here)."),
    pdfa: bool = typer.Option(True, "--pdfa/--no-pdfa", help="Declare PDF/A-2b when every page allows it."),
    check: bool = typer.Option(False, "--check", help="Validate with Apache PDFBox Preflight (when installed)."),
    verbose: bool = VERBOSE,
):
    """Write the searchable PDF of one document: its page images under the restored text."""
    from pipeline.emit import pdf as pdf_out
    from pipeline.emit.pdfa import preflight
    from pipeline.model import Document

    try:
        doc = pdf_out.with_identity(Document.load(infile), infile)
    except (ValueError, KeyError, TypeError) as exc:
        err.print(f"[red]error:[/red] {infile} is not a vnreports stage JSON: {exc}")
        raise typer.Exit(2)
    target = out or pdf_out.default_target(infile, doc.doc_id)
    log = (lambda m: err.print(f"[dim]{m}[/dim]", highlight=False)) if verbose else (lambda m: None)
    result = pdf_out.write_pdf(doc, target, roots=[input_root], pdfa_wanted=pdfa, log=log)
    if result.status in ("skipped", "failed"):
        err.print(f"[red]{doc.doc_id}:[/red] no PDF ({result.reason})")
        raise typer.Exit(1)
    kind = "PDF/A-2b" if result.pdfa else "PDF"
    err.print(f"pdf: {result.status} {target} ({kind}, {result.pages} page(s), {result.words} words"
              f"{'; ' + result.reason if result.reason else ''})", highlight=False)
    if check:
        checked = preflight(target)
        if checked is None:
            err.print("check: Apache PDFBox Preflight is not installed (Debian libpdfbox2-java)")
            raise typer.Exit(1)
        err.print(f"check: {checked.checker}: {'valid' if checked.valid else 'INVALID'}", highlight=False)
        for line in checked.errors:
            err.print(f"  {line}", highlight=False)
        raise typer.Exit(0 if checked.valid else 1)


@app.command()
def query(
    sql: str = typer.Argument(..., help="SQL over the dataset's tables (documents, figures, drives, panel ...)."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output folder holding vnreports.duckdb."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
):
    """Run SQL on the dataset (DuckDB)."""
    from pipeline.emit import query as run_query

    raise typer.Exit(run_query(sql, out, fmt))


@app.command()
def serve(
    out: Path = typer.Argument(DEFAULT_OUT, help="Output folder of a run (holding vnreports.duckdb)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on; anything but localhost needs --token."),
    port: int = typer.Option(8765, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, help="Secret every request must carry (required off localhost)."),
    inputs: Optional[Path] = typer.Option(None, help="The folder the run read (page crops); found when omitted."),
):
    """The review desk: confirm and correct findings beside the page; corrections flow into the dataset."""
    from pipeline.serve import serve as run_desk
    from pipeline.serve.security import UnsafeBind

    try:
        run_desk(out, host=host, port=port, token=token, inputs=inputs, echo=lambda m: err.print(m, highlight=False))
    except (UnsafeBind, FileNotFoundError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


@corrections_app.command("export")
def corrections_export(
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output folder whose corrections to export."),
    file: Optional[Path] = typer.Argument(None, help="CSV file to write (default: standard output)."),
):
    """Write every correction of OUT as CSV."""
    from pipeline.fsio import atomic_write
    from pipeline.review import store

    text = store.export_csv(out)
    if file is None:
        sys.stdout.write(text)
    else:
        atomic_write(file, text)
        err.print(f"{text.count(chr(10)) - 1} correction(s) written to {file}")


@corrections_app.command("import")
def corrections_import(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A CSV written by `corrections export`."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Output folder to merge them into."),
):
    """Merge corrections from CSV into OUT (rows already there are skipped); `vnreports run` applies them."""
    from pipeline.review import store

    try:
        merged = store.import_csv(out, file.read_text(encoding="utf-8"), str(file))
    except (ValueError, UnicodeDecodeError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    err.print(f"{merged.added} correction(s) added, {merged.known} already there; "
              f"run `vnreports run` on the same files to apply them")


def _checkout() -> Path | None:
    """The source checkout this program runs from (benchmarks and training live there, not in the package)."""
    root = Path(__file__).resolve().parents[1]
    return root if (root / "bench" / "__init__.py").exists() else None


def _first_doc_line(path: Path) -> str:
    """First line of a module's docstring, read without importing it (so `--help` stays fast)."""
    import ast

    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    except (OSError, SyntaxError):
        doc = None
    return (doc or path.stem).strip().splitlines()[0]


def _import_from_checkout(module: str):
    root = _checkout()
    if root is None:
        err.print("[red]error:[/red] benchmarks and training run from a source checkout (they need ../shared); "
                  "this vnreports is installed without one")
        raise typer.Exit(2)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module(module)


def _bench_command(name: str):
    def cmd(ctx: typer.Context):
        raise typer.Exit(_import_from_checkout(f"bench.{name}").main(list(ctx.args)) or 0)

    return cmd


def _register_benches() -> None:
    """One `vnreports bench NAME` per module of the checkout's bench/ folder; imported only when run."""
    root = _checkout()
    if root is None:
        return
    for path in sorted((root / "bench").glob("*.py")):
        if not path.name.startswith("_"):
            bench_app.command(
                name=path.stem, help=_first_doc_line(path),
                context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
            )(_bench_command(path.stem))


@gazetteer_app.command("build")
def gazetteer_build(
    source: Optional[Path] = typer.Option(None, help="Folder of the official lists (default ../shared/gazetteer)."),
):
    """Rebuild gazetteer/units.csv from the official lists."""
    build = _import_from_checkout("training.gazetteer")
    raise typer.Exit(build.main(source) or 0)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    _register_benches()
    app()


if __name__ == "__main__":
    main()
