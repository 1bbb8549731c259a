"""Executors: one interface for in-process, the local process pool and Dask; time limits and lost workers."""

import os
import shutil
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import executors
from pipeline.context import Context, Settings
from pipeline.executors import InlineExecutor, ProcessExecutor, TimeLimitExceeded, WorkerDied, run_limited
from pipeline.runner import run_folder

ROOT = Path(__file__).resolve().parents[1]


def square(x):
    return x * x


def fail_on_three(x):
    if x == 3:
        raise ValueError("three")
    return x


def sleep_for(seconds):
    time.sleep(seconds)
    return seconds


def stuck(seconds):
    """Ignores the worker's alarm, as C code that never returns to Python would."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)
    return seconds


def die(x):
    os._exit(3)


def collect(executor, fn, items, limit=None):
    with executor:
        return {o.key: (o.value, o.error) for o in executor.map(fn, [(i, i) for i in items], limit)}


@pytest.mark.parametrize("make", [InlineExecutor, lambda: ProcessExecutor(2)])
def test_results_and_errors_come_back_per_task(make):
    got = collect(make(), fail_on_three, range(6))
    assert {k: v for k, (v, e) in got.items() if e is None} == {0: 0, 1: 1, 2: 2, 4: 4, 5: 5}
    assert isinstance(got[3][1], ValueError)


def test_alarm_stops_a_task_and_puts_back_an_outer_alarm():
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 5.0)
    try:
        with pytest.raises(TimeLimitExceeded):
            run_limited(sleep_for, 3, 0.2)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4.0 < remaining <= 5.0  # the outer alarm goes on with the time it had left
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert run_limited(square, 4, 1.0) == 16 and not fired


def test_stuck_task_is_killed_and_the_others_finish(monkeypatch):
    monkeypatch.setattr(executors, "GRACE", 0.5)
    t0 = time.monotonic()
    with ProcessExecutor(2) as ex:
        ex.submit("stuck", stuck, 60, limit=0.5)
        ex.submit("quick", sleep_for, 0.2, limit=10)
        ex.submit("later", sleep_for, 1.5, limit=10)
        got = {}
        while len(got) < 3 and time.monotonic() - t0 < 30:
            for o in ex.wait():
                got[o.key] = o
    assert isinstance(got["stuck"].error, TimeLimitExceeded)
    assert got["quick"].value == 0.2 and got["later"].value == 1.5  # resubmitted after the pool was rebuilt
    assert time.monotonic() - t0 < 20


def test_a_dying_worker_is_retried_once_then_reported():
    got = collect(ProcessExecutor(2), lambda_free_die_or_square, [0, 1, 2])
    assert isinstance(got[1][1], WorkerDied)
    assert got[0] == (0, None) and got[2] == (4, None)


def lambda_free_die_or_square(x):
    if x == 1:
        die(x)
    time.sleep(0.3)
    return x * x


def small_scan(path: Path) -> Path:
    """A one-page image with a few printed Vietnamese words (Tesseract reads it in about a second)."""
    from training.render import render_lines

    render_lines(["Số: 12/BC-BCĐ", "Báo cáo kết quả hiến máu năm 2024"], 40).save(path, dpi=(300, 300))
    return path


def tables(out: Path) -> dict[str, pd.DataFrame]:
    keep = {}
    for name in ("documents", "figures", "findings"):
        df = pd.read_parquet(out / f"{name}.parquet")
        keep[name] = df.sort_values(list(df.columns[:2])).reset_index(drop=True)
    return keep


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_dataset_as_one_process(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("2024_tam-duong_bc-111.txt", "2022_tam-duong_kh-904_ocr.txt"):
        shutil.copy(ROOT / "corpus" / "text" / name, src / name)
    small_scan(src / "scan.png")
    (src / "empty.pdf").write_bytes(b"")
    runs = {}
    for kind in ("inline", "dask"):
        out = tmp_path / kind
        results = run_folder(src, out, Context(settings=Settings(jobs=2, executor=kind, cache=False)))
        assert {r.file: r.status for r in results} == {"2024_tam-duong_bc-111.txt": "ok", "scan.png": "ok",
                                                         "2022_tam-duong_kh-904_ocr.txt": "ok", "empty.pdf": "failed"}
        runs[kind] = tables(out)
    for name, df in runs["inline"].items():
        pd.testing.assert_frame_equal(df, runs["dask"][name], check_like=True)
    assert "BC-BCĐ" in " ".join(runs["dask"]["documents"]["symbol"].dropna())
