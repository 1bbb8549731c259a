"""Scale: pages/min (1, 2 workers, Dask) vs bare Tesseract, memory, unchanged re-run, kill -9 + resume, bad inputs.

    vnreports bench scale [--archive outputs/archive] [--pages 50] [--big 0] [--trials 10] [--kill-pages 6]
                          [--jobs 2] [--skip speed,dask,memory,rerun,kill,hostile]

Everything runs on a synthetic archive of scanned reports (``python -m training.archive``, generated into
``--archive`` when it has too few pages; kept out of git):

* speed: the first ``--pages`` pages, read by bare Tesseract (``-l vie`` on the page's own pixels, no
  clean-up, through the runtime's wrapper) in 1 and in ``--jobs`` processes, and by ``vnreports run``
  (every stage, the dataset) with 1 and ``--jobs`` workers and on a Dask LocalCluster of ``--jobs``
  workers, each into a fresh output folder: pages per minute, and the ratio to bare Tesseract with as
  many processes (per core);
* memory: the peak resident memory of the run's whole process tree (polled), at ``--pages`` pages and at
  ``--big`` pages (0 skips the big run);
* rerun: the same run again on unchanged inputs, as a fraction of the first's wall time;
* kill: ``--trials`` runs on the first ``--kill-pages`` pages killed with SIGKILL at a random moment
  (even trials from empty outputs: mostly OCR; odd trials on finished outputs: the unchanged run, mostly
  emit), then resumed; the dataset after the resume must equal an uninterrupted run's, and the one left
  at the kill must be consistent (CSV, Parquet and DuckDB agree);
* hostile: a batch of the issue's bad inputs at full size (a 50 MB text file, a PDF of 2,000 blank pages,
  a FIFO, links out of the folder, an output folder inside the input, ...) mixed with good files: each bad
  one must get its reason code and every good one must finish; a second run started meanwhile must be
  refused with E301.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from training.common import REPO_ROOT

STEPS = ("speed", "dask", "memory", "rerun", "kill", "hostile")


# -- helpers -----------------------------------------------------------------------------------------
def sample(archive: Path, pages: int, into: Path) -> int:
    """Hard links to the archive's first PDFs, ``pages`` pages in all (or a little more); returns the count."""
    from training.archive import archive_files

    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    total = 0
    for pdf, n in archive_files(archive):
        if total >= pages:
            break
        try:
            os.link(pdf, into / pdf.name)
        except OSError:
            shutil.copy(pdf, into / pdf.name)
        total += n
    return total


def bare_page(task: tuple[str, int]) -> int:
    """Bare Tesseract on one PDF page: the scanner's own pixels (or a 300 dpi render), no clean-up."""
    from pipeline.context import OCRSettings
    from pipeline.ocr import pdf, tesseract

    path, index = task
    s = OCRSettings()
    scan = pdf.native_image(path, index, s.max_pixels)
    image, dpi = scan if scan is not None else (pdf.render_page(path, index, 300, s.max_pixels), 300)
    return len(tesseract.ocr_text(image, lang="vie", psm=3, dpi=dpi))


def bare_tesseract(folder: Path, procs: int) -> float:
    from pipeline.ocr import pdf

    tasks = [(str(p), i) for p in sorted(folder.glob("*.pdf")) for i in range(pdf.page_count(p))]
    t0 = time.perf_counter()
    if procs == 1:
        for t in tasks:
            bare_page(t)
    else:
        with ProcessPoolExecutor(procs) as pool:
            list(pool.map(bare_page, tasks))
    return time.perf_counter() - t0


def vnreports(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def run_measured(cmd: list[str], kill_after: float | None = None) -> dict:
    """Run ``cmd`` in its own session; wall seconds, peak RSS of its process tree (MiB), exit code. With
    ``kill_after``, SIGKILL the main process then (as `kill -9 PID`), then whatever it left running."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            cwd=REPO_ROOT)
    peak, orphans = 0, "not killed: the run ended first"
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = sum(p.memory_info().rss for p in [ps, *ps.children(recursive=True)])
            peak = max(peak, rss)
        except psutil.Error:
            pass
        if kill_after is not None and time.perf_counter() - t0 >= kill_after:
            kids = ps.children(recursive=True)
            proc.kill()
            proc.wait()
            killed_at = time.perf_counter()
            while time.perf_counter() - killed_at < 15:  # the workers notice the run is gone and end
                alive = [k for k in kids if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
                if not alive:
                    break
                time.sleep(0.25)
            orphans = f"{len(alive)} after {time.perf_counter() - killed_at:.1f} s"
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # clean up before the next trial
            except ProcessLookupError:
                pass
            break
        time.sleep(0.1)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.wait()
    return {"wall": time.perf_counter() - t0, "peak_mb": peak / 2**20, "rc": proc.returncode, "stderr": err,
            "orphans": orphans}


def digest(out: Path) -> dict[str, str]:
    """A hash of every table of the dataset, rows sorted (the order of finishing may differ)."""
    import pandas as pd

    got = {}
    for p in sorted(out.glob("*.parquet")):
        df = pd.read_parquet(p)
        rows = sorted(df.to_csv(index=False, header=False, lineterminator="\x1e").split("\x1e"))
        got[p.stem] = hashlib.sha256("\n".join([",".join(df.columns)] + rows).encode()).hexdigest()[:12]
    return got


def consistent(out: Path) -> str:
    """'none' (no dataset yet), 'ok' (CSV, Parquet and DuckDB hold the same documents) or what differs."""
    import duckdb
    import pandas as pd

    if not (out / "documents.parquet").exists():
        return "none"
    a = len(pd.read_csv(out / "documents.csv"))
    b = len(pd.read_parquet(out / "documents.parquet"))
    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        c = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    return "ok" if a == b == c else f"MIX csv={a} parquet={b} duckdb={c}"


def phase_at_kill(out: Path, n_docs: int) -> str:
    current = os.readlink(out / "dataset") if (out / "dataset").is_symlink() else None
    if any(p.name != current for p in out.glob(".dataset-*")):
        return "emit"
    done = len(list((out / "json").glob("*.done"))) if (out / "json").exists() else 0
    cached = len(list((out / "cache" / "ocr").glob("*.json"))) if (out / "cache" / "ocr").exists() else 0
    if cached < n_docs:
        return "ocr"
    return "stages" if done < n_docs else "emit/start"


# -- the steps ---------------------------------------------------------------------------------------
def step_speed(work: Path, folder: Path, pages: int, jobs: int, with_dask: bool, rows: list, notes: dict) -> None:
    bare = {1: bare_tesseract(folder, 1), jobs: bare_tesseract(folder, jobs)}
    for procs, wall in bare.items():
        rows.append(("speed", f"bare tesseract, {procs} process(es)", f"{pages * 60 / wall:.1f} pages/min",
                     f"{wall:.0f} s"))
    runs = [("process", 1), ("process", jobs)] + ([("dask", jobs)] if with_dask else [])
    for executor, n in runs:
        out = work / f"out-{executor}-{n}"
        r = run_measured(vnreports("run", str(folder), "-o", str(out), "-j", str(n), "--executor", executor))
        ratio = (pages * 60 / r["wall"]) / (pages * 60 / bare[n])
        notes[(executor, n)] = r
        rows.append(("speed", f"vnreports --executor {executor} -j {n}", f"{pages * 60 / r['wall']:.1f} pages/min",
                     f"{r['wall']:.0f} s; {ratio:.2f} of bare with {n} process(es) (target >= 0.85); "
                     f"peak {r['peak_mb']:.0f} MiB; rc {r['rc']}"))


def step_rerun(work: Path, folder: Path, jobs: int, first: dict | None, rows: list) -> None:
    out = work / f"out-process-{jobs}"
    if first is None or not out.exists():
        first = run_measured(vnreports("run", str(folder), "-o", str(out), "-j", str(jobs)))
    again = run_measured(vnreports("run", str(folder), "-o", str(out), "-j", str(jobs)))
    rows.append(("rerun", "unchanged second run / first", f"{again['wall'] / first['wall']:.1%}",
                 f"{again['wall']:.1f} s of {first['wall']:.0f} s (target < 5%)"))


def step_memory(work: Path, archive: Path, small: int, big: int, jobs: int, first: dict | None, rows: list) -> None:
    runs = []
    if first is not None:
        runs.append((small, first))
    else:
        folder = work / f"sample-{small}"
        runs.append((small, run_measured(vnreports("run", str(folder), "-o", str(work / "mem-small"), "-j", str(jobs)))))
    if big:
        folder = work / f"sample-{big}"
        n = sample(archive, big, folder)
        runs.append((n, run_measured(vnreports("run", str(folder), "-o", str(work / "mem-big"), "-j", str(jobs)))))
    for n, r in runs:
        rows.append(("memory", f"peak RSS, {n} pages, -j {jobs}", f"{r['peak_mb']:.0f} MiB",
                     f"process tree; {r['wall']:.0f} s; {n * 60 / r['wall']:.1f} pages/min (target < 1.5 GB, flat)"))


def step_kill(work: Path, archive: Path, kill_pages: int, trials: int, jobs: int, seed: int, rows: list) -> None:
    folder = work / f"sample-{kill_pages}"
    sample(archive, kill_pages, folder)
    for seed_file in sorted((REPO_ROOT / "corpus" / "text").glob("*.txt"))[:3]:  # text documents too
        shutil.copy(seed_file, folder / seed_file.name)
    n_docs = len(list(folder.iterdir()))
    ref = work / "kill-ref"
    shutil.rmtree(ref, ignore_errors=True)
    cold = run_measured(vnreports("run", str(folder), "-o", str(ref), "-j", str(jobs)))
    warm_copy = work / "kill-warm"
    shutil.rmtree(warm_copy, ignore_errors=True)
    shutil.copytree(ref, warm_copy, symlinks=True)
    warm = run_measured(vnreports("run", str(folder), "-o", str(warm_copy), "-j", str(jobs)))
    want = digest(ref)
    rng = random.Random(seed)
    equal = killed_n = 0
    for t in range(trials):
        out = work / f"kill-{t}"
        shutil.rmtree(out, ignore_errors=True)
        mode = "cold" if t % 2 == 0 else "warm"
        if mode == "warm":
            shutil.copytree(ref, out, symlinks=True)
            at = rng.uniform(0.55, 0.97) * warm["wall"]  # emit comes last
        else:
            at = rng.uniform(0.05, 1.0) * cold["wall"]
        killed = run_measured(vnreports("run", str(folder), "-o", str(out), "-j", str(jobs)), kill_after=at)
        phase, state = phase_at_kill(out, n_docs), consistent(out)
        resumed = run_measured(vnreports("run", str(folder), "-o", str(out), "-j", str(jobs)))
        same = digest(out) == want and consistent(out) == "ok"
        equal += same
        killed_n += killed["orphans"].startswith(("0 ", "1 ", "2 ", "3 ", "4 ", "5 "))
        rows.append(("kill", f"trial {t + 1} ({mode}) killed at {at:.1f} s ({phase})",
                     "resume == uninterrupted" if same else "DIFFERENT",
                     f"dataset at the kill: {state}; workers left: {killed['orphans']}; "
                     f"resume rc {resumed['rc']}"))
    rows.append(("kill", f"{trials} trials ({killed_n} killed before the end)", f"{equal}/{trials} equal",
                 f"uninterrupted: {cold['wall']:.0f} s cold, "
                 f"{warm['wall']:.0f} s unchanged"))


def step_hostile(work: Path, archive: Path, jobs: int, rows: list) -> None:
    from training.archive import archive_files, write_hostile_batch

    src = work / "hostile" / "in"
    shutil.rmtree(src.parent, ignore_errors=True)
    src.mkdir(parents=True)
    seed_text = (REPO_ROOT / "corpus" / "text" / "2024_tam-duong_bc-111.txt").read_text(encoding="utf-8")
    good = {"good.txt": seed_text.encode("utf-8"), "good-txt": seed_text.replace("111", "112").encode("utf-8"),
            "utf16.txt": seed_text.encode("utf-16-le"), "cp1252.txt": seed_text.encode("cp1252", errors="replace"),
            "=SUM(A1).txt": seed_text.encode("utf-8")}
    for rel, data in good.items():
        (src / rel).write_bytes(data)
    for pdf, _ in archive_files(archive)[:2]:
        shutil.copy(pdf, src / pdf.name)
    expected = write_hostile_batch(src, work / "hostile" / "outside", seed_text, big=True)
    out = src / "outputs"  # inside the input folder
    first = subprocess.Popen(vnreports("run", str(src), "-o", str(out), "-j", str(jobs)), cwd=REPO_ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    second = run_measured(vnreports("run", str(src), "-o", str(out), "-j", "1"))
    first.wait()
    rows.append(("hostile", "second run into the same OUT", "E301" if "E301" in second["stderr"] else "NOT REFUSED",
                 f"exit {second['rc']} after {second['wall']:.1f} s"))
    r = run_measured(vnreports("run", str(src), "-o", str(out), "-j", str(jobs)))
    with open(out / "manifest.csv", encoding="utf-8") as fh:
        manifest = {row["file"]: row for row in csv.DictReader(fh)}
    for rel, code in sorted(expected.items()):
        got = manifest.get(rel, {}).get("error", "(no row)")
        rows.append(("hostile", rel, got[:4] or "ok", ("as expected" if got.startswith(code) else f"EXPECTED {code}")
                     + f": {got[5:80]}"))
    goods = [f for f in manifest if f not in expected]
    ok = [f for f in goods if manifest[f]["status"] == "ok"]
    rows.append(("hostile", f"good files in the batch ({', '.join(sorted(goods))[:60]}...)", f"{len(ok)}/{len(goods)} ok",
                 f"second run of the batch: peak {r['peak_mb']:.0f} MiB, {r['wall']:.0f} s"))


def print_table(rows: list, command: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Archive scale (bench scale)", show_lines=False)
    for col in ("step", "what", "result", "detail"):
        table.add_column(col)
    for r in rows:
        table.add_row(*map(str, r))
    console = Console(width=200)
    console.print(table)
    console.print(f"command: {command}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=REPO_ROOT / "outputs" / "archive")
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--big", type=int, default=0, help="pages of the second memory run (500 in the issue)")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--kill-pages", type=int, default=6)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip", default="", help=f"comma-separated steps to skip: {','.join(STEPS)}")
    ap.add_argument("--work", type=Path, default=None, help="where runs write (default: a temporary folder)")
    args = ap.parse_args(argv)
    skip = {s for s in args.skip.split(",") if s}
    if skip - set(STEPS):
        ap.error(f"unknown step(s) {sorted(skip - set(STEPS))}; steps are {', '.join(STEPS)}")
    need = max(args.pages, args.big, args.kill_pages)
    from training.archive import archive_files, make

    have = sum(n for _, n in archive_files(args.archive)) if (args.archive / "truth.csv").exists() else 0
    if have < need:
        print(f"generating a synthetic archive of {need} pages into {args.archive} ...", file=sys.stderr)
        shutil.rmtree(args.archive, ignore_errors=True)
        make(args.archive, need)
    work = args.work or Path(tempfile.mkdtemp(prefix="vnr-scale-"))
    rows: list = [("machine", f"{os.cpu_count()} cores", f"load {os.getloadavg()[0]:.1f} at start",
                   "other work on the machine slows both sides of each ratio, not always equally")]
    notes: dict = {}
    try:
        folder = work / f"sample-{args.pages}"
        pages = sample(args.archive, args.pages, folder)
        if "speed" not in skip:
            step_speed(work, folder, pages, args.jobs, "dask" not in skip, rows, notes)
        first = notes.get(("process", args.jobs))
        if "rerun" not in skip:
            step_rerun(work, folder, args.jobs, first, rows)
        if "memory" not in skip:
            step_memory(work, args.archive, pages, args.big, args.jobs, first, rows)
        if "kill" not in skip:
            step_kill(work, args.archive, args.kill_pages, args.trials, args.jobs, args.seed, rows)
        if "hostile" not in skip:
            step_hostile(work, args.archive, args.jobs, rows)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    rows.append(("machine", "", f"load {os.getloadavg()[0]:.1f} at the end", ""))
    command = "vnreports bench scale " + " ".join(argv if argv is not None else sys.argv[1:])
    print_table(rows, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
