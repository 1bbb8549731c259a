"""serve: the review desk's time from `vnreports serve` to its first page, page loads p50/p95, and an action.

Two datasets: the output of `make run` on the bundled corpus (``--out``, default ``outputs``; 14 files)
and a synthetic archive of ``--synthetic`` yearly reports (``bench.emit.synthetic_report``, every 7th
with a misread total so that the queue has work), put through review, audit and emit into a temporary
folder. Each is copied, then served by a real `vnreports serve` process on a free local port:

* start: from launching the process to the first 200 of ``/`` (imports, DuckDB, the first query);
* page loads over HTTP from this process, ``--rounds`` times each: ``/`` (documents, and one
  filtered by a year), ``/queue``, and ``/doc/<id>`` for up to ``--docs`` documents; p50 and p95 per page
  (the first round reads each document's JSON, later rounds find it in memory: both count);
* action: ``--actions`` confirmations of a figure posted as a browser would (session cookie, CSRF token,
  Origin): the document through review and audit again and the dataset rewritten (report.html follows
  in the background and is not counted).

``--screenshots DIR`` also saves the three pages of the corpus dataset as PNG through headless
Chromium (Debian's ``chromium``, driven by Playwright), for the README.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def synthetic_dataset(n: int, out: Path) -> Path:
    """``n`` synthetic yearly reports through review, audit and the dataset, in ``out``."""
    from bench.emit import synthetic_report
    from pipeline import stages
    from pipeline.context import Context
    from pipeline.runner import run_corpus_steps, run_stage, stage_path

    years = 10
    ctx = Context(out_dir=out)
    docs = []
    for i in range(n):
        doc = synthetic_report(i // years, 2015 + i % years, 3)
        doc.findings, doc.families = [], ["blood"]
        if i % 7 == 3:  # a misread year total: the audit finds a mismatch
            total = next(f for f in doc.figures if f.kind == "units_received" and f.attrs.get("drive_no") is None)
            total.value += 10
        doc.save(stage_path(out, doc.doc_id, "reconcile"))
        for st in stages.STAGES[[s.name for s in stages.STAGES].index("review"):]:
            doc = run_stage(st, doc, ctx)
            doc.save(stage_path(out, doc.doc_id, st.name))
        docs.append(doc)
    run_corpus_steps(docs, ctx)
    return out


class Browser:
    """A client that keeps cookies, as a browser does (the desk's session and CSRF token)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[float, str]:
        t0 = time.perf_counter()
        with self.opener.open(self.base + path, timeout=300) as r:
            body = r.read().decode("utf-8")
        return time.perf_counter() - t0, body

    def post(self, path: str, fields: dict) -> float:
        data = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(self.base + path, data=data, headers={"Origin": self.base})
        t0 = time.perf_counter()
        with self.opener.open(req, timeout=300) as r:
            r.read()
        return time.perf_counter() - t0


def _start(out: Path) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", str(out), "--port", str(port)],
                            stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as r:
                r.read()
            return proc, base, time.perf_counter() - t0
        except OSError:
            if proc.poll() is not None or time.perf_counter() - t0 > 120:
                raise RuntimeError(f"vnreports serve {out} did not start")
            time.sleep(0.02)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()


def _pct(xs: list[float]) -> str:
    if not xs:
        return "—"
    qs = statistics.quantiles(xs, n=20, method="inclusive") if len(xs) > 1 else [xs[0]] * 19
    return f"{1000 * statistics.median(xs):.0f} / {1000 * qs[18]:.0f}"


def measure(out: Path, rounds: int, n_docs: int, n_actions: int, rng: random.Random) -> dict:
    import duckdb

    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        doc_ids = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
        year = con.execute("SELECT min(report_year) FROM documents").fetchone()[0]
        figures = con.execute("SELECT doc_id, figure_id FROM figures ORDER BY figure_key").fetchall()
    sample = rng.sample(doc_ids, min(n_docs, len(doc_ids)))
    proc, base, start = _start(out)
    times: dict[str, list[float]] = {"documents": [], "document": [], "queue": []}
    try:
        browser = Browser(base)
        for _ in range(rounds):
            times["documents"] += [browser.get("/")[0], browser.get(f"/?year={year}")[0]]
            times["queue"].append(browser.get("/queue")[0])
            times["document"] += [browser.get(f"/doc/{urllib.parse.quote(d, safe='')}")[0] for d in sample]
        _, page = browser.get("/")
        csrf = re.search(r'name="csrf" content="([^"]+)"', page).group(1)
        actions = []
        for doc_id, figure_id in rng.sample(figures, min(n_actions, len(figures))):
            actions.append(browser.post("/action", dict(csrf=csrf, doc_id=doc_id, target="figure",
                                                        key=f"figure:{figure_id}", action="confirm",
                                                        reviewer="bench", next="/")))
    finally:
        _stop(proc)
    return dict(docs=len(doc_ids), start=start, times=times, actions=actions, requests=sum(map(len, times.values())))


def screenshots(out: Path, folder: Path, console: Console) -> None:
    """The three pages of ``out`` as PNG (1280 px wide, quantised to keep them small)."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    import duckdb

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        console.print("[yellow]no chromium: screenshots skipped[/yellow]")
        return
    with duckdb.connect(str(out / "vnreports.duckdb"), read_only=True) as con:
        doc_id = con.execute("SELECT doc_id FROM documents WHERE kind <> 'txt' ORDER BY n_mismatches DESC, doc_id "
                             "LIMIT 1").fetchone()[0]
    folder.mkdir(parents=True, exist_ok=True)
    proc, base, _ = _start(out)
    try:
        # one verdict first, so that the document page shows how a reviewed finding looks
        client = Browser(base)
        _, page = client.get(f"/doc/{doc_id}")
        key = re.search(r'class="finding mismatch"[^>]*data-key="([^"]+)"', page)
        if key:
            csrf = re.search(r'name="csrf" content="([^"]+)"', page).group(1)
            client.post("/action", dict(csrf=csrf, doc_id=doc_id, target="finding", key=html.unescape(key.group(1)),
                                        action="confirm", reviewer="Lan", reason="checked against the page",
                                        next="/"))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            for name, path in (("documents", "/"), ("queue", "/queue"), ("document", f"/doc/{doc_id}#findings")):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                target = folder / f"desk-{name}.png"
                page.screenshot(path=str(target))
                with Image.open(target) as img:
                    img.convert("RGB").quantize(colors=128).save(target, optimize=True)
                console.print(f"screenshot: {target} ({target.stat().st_size // 1024} KB)")
            browser.close()
    finally:
        _stop(proc)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench serve", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "outputs", help="the corpus run's output (`make run`)")
    ap.add_argument("--synthetic", type=int, default=500, help="documents in the synthetic dataset (0: none)")
    ap.add_argument("--rounds", type=int, default=3, help="times each page is loaded")
    ap.add_argument("--docs", type=int, default=30, help="document pages loaded per round (a random sample)")
    ap.add_argument("--actions", type=int, default=5, help="actions posted (figure confirmations)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--screenshots", type=Path, metavar="DIR", help="also save the three pages as PNG here")
    args = ap.parse_args(argv)
    console = Console() if sys.stdout.isatty() else Console(width=120)  # piped: the whole table on one line
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    rng = random.Random(args.seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="vnreports-bench-serve-") as tmp:
        datasets = []
        if (args.out / "vnreports.duckdb").exists():
            corpus = Path(tmp, "corpus")
            shutil.copytree(args.out, corpus, ignore=shutil.ignore_patterns("cache"))
            datasets.append(("corpus (make run)", corpus))
        else:
            console.print(f"[yellow]no dataset in {args.out}: run `make run` first; corpus row skipped[/yellow]")
        if args.synthetic:
            t0 = time.perf_counter()
            synth = synthetic_dataset(args.synthetic, Path(tmp, "synthetic"))
            console.print(f"synthetic dataset: {args.synthetic} documents built in {time.perf_counter() - t0:.1f}s")
            datasets.append((f"synthetic ({args.synthetic})", synth))
        for name, out in datasets:
            m = measure(out, args.rounds, args.docs, args.actions, rng)
            rows.append((name, m))
        if args.screenshots and datasets:
            screenshots(datasets[0][1], args.screenshots, console)
    table = Table(title="review desk: serve → first page (start), page loads p50 / p95, an action p50",
                  caption="/ documents, /doc one document, /queue the queue")
    for col in ("dataset", "docs", "start s", "/ ms", "/doc ms", "/queue ms", "requests", "action s"):
        table.add_column(col, justify="right")
    for name, m in rows:
        t = m["times"]
        table.add_row(name, str(m["docs"]), f"{m['start']:.2f}", _pct(t["documents"]), _pct(t["document"]),
                      _pct(t["queue"]), str(m["requests"]),
                      f"{statistics.median(m['actions']):.2f}" if m["actions"] else "—")
    console.print(table)
    shots = f" --screenshots {args.screenshots}" if args.screenshots else ""
    shown = args.out.resolve().relative_to(Path.cwd()) if args.out.resolve().is_relative_to(Path.cwd()) else args.out
    console.print(f"command: vnreports bench serve --out {shown} --synthetic {args.synthetic} --rounds {args.rounds} "
                  f"--docs {args.docs} --actions {args.actions} --seed {args.seed}{shots}")
    return 0
