"""emit: time to write the dataset and the report for a synthetic archive, against plain pandas writes.

The archive is generated: ``--units`` reporting units x ``--years`` yearly reports, each with a year
total, ``--drives`` drives, a plan for the next year, awards and one finding. The baseline builds
the same DataFrames and writes them with ``DataFrame.to_parquet`` + ``to_csv`` (no validation, no
DuckDB, no panel, no report) in the same process; the table gives emit's time as a multiple of it.
Each is run once untimed (imports), then ``--repeat`` times; the best time counts.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.model import Document, Figure, Finding, Identity, Level, Line, Page, UnitRef, UnitRefs, make_span


def synthetic_report(unit: int, year: int, drives: int) -> Document:
    """One yearly report of ``unit`` whose numbers add up, plus a plan for the next year."""
    per = [200 + 10 * unit + k for k in range(drives)]
    lines = [f"Năm {year} tổ chức {drives} đợt, tiếp nhận {sum(per)}/{sum(per) - 50} đơn vị máu."]
    lines += [f"Đợt {k + 1}: tiếp nhận {n}/{n - 25} đơn vị, {n + 100} người." for k, n in enumerate(per)]
    lines += [f"Kế hoạch năm {year + 1}: {sum(per) + 40} đơn vị.", "Khen thưởng 4 tập thể, 12 cá nhân."]
    doc = Document(doc_id=f"u{unit}-{year}", path=f"u{unit}/{year}.txt", sha256=f"{unit}-{year}", kind="txt",
                   pages=[Page(number=1, lines=[Line(number=i, text=t) for i, t in enumerate(lines, 1)])],
                   identity=Identity(report_year=year, date=f"{year}-11-30"),
                   units=UnitRefs(subject=UnitRef(f"U{unit:03d}", f"Unit {unit}", Level.DISTRICT)))

    def fig(kind: str, value: int, line: int, token: str, **attrs) -> Figure:
        start = lines[line - 1].index(token)
        f = Figure(kind=kind, value=value, span=make_span(doc, 1, line, start, start + len(token)), attrs=attrs,
                   id=f"{kind}:{len(doc.figures) + 1}")
        doc.figures.append(f)
        return f

    total = fig("units_received", sum(per), 1, f"{sum(per)}/", year=year)
    fig("units_quota", sum(per) - 50, 1, f"/{sum(per) - 50}", year=year)
    for k, n in enumerate(per):
        fig("units_received", n, k + 2, f"{n}/", year=year, drive_no=k + 1)
        fig("units_quota", n - 25, k + 2, f"/{n - 25}", year=year, drive_no=k + 1)
        fig("participants", n + 100, k + 2, f"{n + 100} người", year=year, drive_no=k + 1)
    fig("units_quota", sum(per) + 40, drives + 2, f"{sum(per) + 40}", year=year + 1, plan=True)
    fig("award_count", 4, drives + 3, "4 tập thể", year=year, recipient_type="tập thể")
    fig("award_count", 12, drives + 3, "12 cá nhân", year=year, recipient_type="cá nhân")
    doc.findings.append(Finding(rule="received_vs_drives", code="A001", subject=f"received {year}", status="ok",
                                severity="info", claimed=sum(per), computed=sum(per), difference=0,
                                evidence=[total.span], figure_ids=[total.id], doc_id=doc.doc_id))
    return doc


def _best_seconds(fn, repeat: int) -> float:
    """Best of ``repeat`` timed calls, after one untimed call that loads what ``fn`` imports."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str]) -> int:
    from pipeline.emit import write_outputs
    from pipeline.emit.store import DB_NAME, read_panel
    from pipeline.emit.tables import build_tables, collect_findings

    ap = argparse.ArgumentParser(prog="vnreports bench emit", description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--years", type=int, default=8)
    ap.add_argument("--drives", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best is reported")
    args = ap.parse_args(argv)
    docs = [synthetic_report(u, 2017 + y, args.drives) for u in range(args.units) for y in range(args.years)]
    with tempfile.TemporaryDirectory() as tmp:
        out, base = Path(tmp, "emit"), Path(tmp, "baseline")
        base.mkdir()

        def baseline() -> None:
            for name, df in build_tables(docs, collect_findings(docs, [])).items():
                df.to_parquet(base / f"{name}.parquet", index=False)
                df.to_csv(base / f"{name}.csv", index=False)

        t_base = _best_seconds(baseline, args.repeat)
        t_emit = _best_seconds(lambda: write_outputs(docs, [], out), args.repeat)
        size = sum(p.stat().st_size for p in out.iterdir()) / 1e6
        panel_rows = len(read_panel(out / DB_NAME))
    table = Table(title="emit: dataset + DuckDB + panel + report vs plain pandas writes")
    for col in ("documents", "figures", "panel rows", "baseline s", "emit s", "emit / baseline", "output MB"):
        table.add_column(col, justify="right")
    table.add_row(str(len(docs)), str(sum(len(d.figures) for d in docs)), str(panel_rows),
                  f"{t_base:.2f}", f"{t_emit:.2f}", f"{t_emit / t_base:.1f}x", f"{size:.1f}")
    console = Console()
    console.print(table)
    console.print(f"command: vnreports bench emit --units {args.units} --years {args.years} --drives {args.drives} "
                  f"--repeat {args.repeat}")
    return 0
