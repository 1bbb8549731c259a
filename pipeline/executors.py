"""Where work runs: this process, a local process pool (the default) or a Dask cluster, behind one interface.

The runner hands an executor small picklable tasks (one page to OCR, one document through the later
stages) and takes outcomes back as they finish, so results stream to the output while the rest runs.
Every task may carry a time limit. It is enforced twice: inside the worker by an alarm (when the task
runs on a process's main thread: inline and process pool), which stops Python code and lets the worker
go on; and by the caller, which gives up on a task ``GRACE`` seconds past its limit (a process pool is
then killed and rebuilt, the other tasks resubmitted; a Dask future is cancelled). A task whose worker
died is resubmitted once, then reported as lost.

Executors keep at most ``slots`` tasks in flight (the worker count), so a task starts when it is
submitted and the caller's clock is the task's clock.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Iterable, Iterator

GRACE = 15.0  # seconds past a task's limit before the caller abandons it (the worker's own alarm comes first)
POLL = 0.5  # the longest a wait sleeps before checking deadlines again


class TimeLimitExceeded(Exception):
    """A task ran past its time limit (raised in the worker by the alarm, or made by the caller)."""


class WorkerDied(Exception):
    """The process running a task died (killed, out of memory) and the retry died too."""


@dataclass
class Outcome:
    key: Hashable
    value: Any = None
    error: BaseException | None = None
    seconds: float = 0.0  # wall time from submission to the outcome, as the caller saw it


@dataclass
class _Task:
    key: Hashable
    fn: Callable[[Any], Any]
    arg: Any
    limit: float | None
    started: float = field(default_factory=time.monotonic)
    tries: int = 1

    def overdue(self, now: float) -> bool:
        return self.limit is not None and now > self.started + self.limit + GRACE


def _on_alarm(signum, frame):
    raise TimeLimitExceeded("time limit reached")


def run_limited(fn: Callable[[Any], Any], arg: Any, limit: float | None) -> Any:
    """``fn(arg)``, stopped by TimeLimitExceeded after ``limit`` seconds when this is a main thread.

    An alarm set by someone else (pytest-timeout, a caller's own limit) is put back afterwards with the
    time it had left."""
    use_alarm = bool(limit) and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_alarm:
        return fn(arg)
    t0 = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, float(limit))
    if old_delay and old_delay < limit:  # an earlier outer alarm keeps its moment
        signal.signal(signal.SIGALRM, old_handler)
        signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)
        old_handler = None
    try:
        return fn(arg)
    finally:
        if old_handler is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            if old_delay:
                signal.setitimer(signal.ITIMER_REAL, max(0.001, old_delay - (time.monotonic() - t0)), old_interval)


def die_with_run(run_pid: int) -> None:
    """Worker initializer: a worker ends when the run that started it is gone, so a run killed with
    ``kill -9`` leaves no workers behind (the pool's own pipes do not tell a worker that is busy)."""
    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(run_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid was reused by another user's process: the run is gone
                os._exit(1)

    threading.Thread(target=watch, name="vnreports-watch-run", daemon=True).start()


class Executor(ABC):
    """Runs tasks ``fn(arg)``; ``wait`` returns the outcomes of those that finished."""

    name = "executor"
    slots = 1  # tasks that run at once

    def __init__(self) -> None:
        self._tasks: dict[Any, _Task] = {}  # handle -> task

    @property
    def busy(self) -> int:
        return len(self._tasks)

    @property
    def free(self) -> int:
        return max(0, self.slots - self.busy)

    @abstractmethod
    def submit(self, key: Hashable, fn: Callable[[Any], Any], arg: Any, limit: float | None = None) -> None: ...

    @abstractmethod
    def wait(self, timeout: float = POLL) -> list[Outcome]:
        """Outcomes of finished tasks: waits up to ``timeout`` seconds for the first one."""

    def cancel(self, key: Hashable) -> None:
        """Forget a task: its outcome is never reported (a running process task still runs to its end)."""
        for handle, task in list(self._tasks.items()):
            if task.key == key:
                self._forget(handle)

    def _forget(self, handle) -> None:
        self._tasks.pop(handle, None)

    def close(self) -> None:
        self._tasks.clear()

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, fn: Callable[[Any], Any], items: Iterable[tuple[Hashable, Any]],
            limit: float | None = None) -> Iterator[Outcome]:
        """Outcomes of ``fn`` over (key, arg) items as they finish, at most ``slots`` in flight."""
        pending = iter(items)
        exhausted = False
        while True:
            while not exhausted and self.free:
                nxt = next(pending, None)
                if nxt is None:
                    exhausted = True
                    break
                self.submit(nxt[0], fn, nxt[1], limit)
            if exhausted and not self.busy:
                return
            yield from self.wait()


class InlineExecutor(Executor):
    """Tasks run one at a time in this process, when waited for (tests, debugging, one small file)."""

    name = "inline"

    def submit(self, key, fn, arg, limit=None):
        self._tasks[uuid.uuid4().hex] = _Task(key, fn, arg, limit)

    def wait(self, timeout=POLL):
        if not self._tasks:
            return []
        handle = next(iter(self._tasks))
        task = self._tasks.pop(handle)
        t0 = time.monotonic()
        try:
            return [Outcome(task.key, run_limited(task.fn, task.arg, task.limit), seconds=time.monotonic() - t0)]
        except Exception as exc:  # the task's failure is its outcome
            return [Outcome(task.key, error=exc, seconds=time.monotonic() - t0)]


class ProcessExecutor(Executor):
    """A local pool of ``workers`` processes (forkserver: no threads or locks inherited), made on first use.

    When a worker dies the pool breaks and every task in flight fails with it, without saying which one
    killed it. Those tasks are then run again one at a time: the innocent ones finish, and a task that
    breaks the pool alone is reported (WorkerDied): it died twice."""

    name = "process"

    def __init__(self, workers: int):
        super().__init__()
        self.slots = max(1, workers)
        self._pool = None
        self._suspects: list[_Task] = []  # tasks in flight when the pool broke, to be run one at a time

    @property
    def free(self) -> int:
        if self._suspects or any(t.tries > 1 for t in self._tasks.values()):
            return 0  # isolating: one suspect runs alone
        return max(0, self.slots - self.busy)

    @property
    def busy(self) -> int:
        return len(self._tasks) + len(self._suspects)

    def _ensure_pool(self):
        if self._pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["pipeline.executors"])
            self._pool = ProcessPoolExecutor(max_workers=self.slots, mp_context=ctx, initializer=die_with_run,
                                             initargs=(os.getpid(),))
        return self._pool

    def submit(self, key, fn, arg, limit=None):
        self._start(_Task(key, fn, arg, limit))

    def _start(self, task: _Task) -> None:
        task.started = time.monotonic()
        fut = self._ensure_pool().submit(run_limited, task.fn, task.arg, task.limit)
        self._tasks[fut] = task

    def cancel(self, key):
        self._suspects = [t for t in self._suspects if t.key != key]
        super().cancel(key)

    def _kill_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for proc in list(getattr(pool, "_processes", {}).values()):  # the stdlib gives no public way
            try:
                proc.kill()
            except Exception:
                pass
        pool.shutdown(wait=False, cancel_futures=True)

    def wait(self, timeout=POLL):
        from concurrent.futures import FIRST_COMPLETED
        from concurrent.futures import wait as wait_futures
        from concurrent.futures.process import BrokenProcessPool

        out: list[Outcome] = []
        if not self._tasks and self._suspects:  # the next suspect, alone
            task = self._suspects.pop(0)
            task.tries += 1
            self._start(task)
        if not self._tasks:
            return out
        done, _ = wait_futures(list(self._tasks), timeout=min(timeout, POLL), return_when=FIRST_COMPLETED)
        now = time.monotonic()
        broken: list[_Task] = []
        for fut in done:
            task = self._tasks.pop(fut)
            try:
                out.append(Outcome(task.key, fut.result(), seconds=now - task.started))
            except BrokenProcessPool:
                broken.append(task)
            except Exception as exc:
                out.append(Outcome(task.key, error=exc, seconds=now - task.started))
        overdue = [f for f, t in self._tasks.items() if t.overdue(now)]
        if broken or overdue:
            for fut in overdue:
                task = self._tasks.pop(fut)
                out.append(Outcome(task.key, error=TimeLimitExceeded(f"no answer {task.limit:g}s + {GRACE:g}s "
                                                                      "after it started; its worker was killed"),
                                   seconds=now - task.started))
            innocent = list(self._tasks.values())  # still running when we killed the pool ourselves
            self._tasks.clear()
            self._kill_pool()
            for task in broken:
                if task.tries > 1:  # it broke the pool running alone
                    out.append(Outcome(task.key, error=WorkerDied("its worker process died twice"),
                                       seconds=now - task.started))
                else:
                    self._suspects.append(task)
            for task in innocent:
                self._start(task)
        return out

    def close(self):
        self._suspects.clear()
        if self._pool is not None:
            if self._tasks:
                self._kill_pool()
            else:
                self._pool.shutdown(wait=True)
                self._pool = None
        super().close()


class DaskExecutor(Executor):
    """Tasks on a Dask cluster: the scheduler at ``scheduler`` (tcp://host:port), else a LocalCluster of
    ``workers`` single-threaded worker processes bound to 127.0.0.1, closed with the executor.

    Workers open input files by path: with a remote scheduler the input folder must be mounted at the
    same path on every worker, and vnreports installed there."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None):
        super().__init__()
        from pipeline.errors import SchedulerUnavailable

        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a declared dependency
            raise SchedulerUnavailable(f"dask[distributed] is not installed ({exc})") from exc
        logging.getLogger("distributed").setLevel(logging.ERROR)  # its INFO lines would drown the progress bar
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout=20)
            else:
                self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except Exception as exc:  # refused, timed out, a bad address: all say the same to the user
            if self._cluster is not None:
                self._cluster.close()
            raise SchedulerUnavailable(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from exc
        self.slots = max(1, sum(self._client.nthreads().values()))

    def submit(self, key, fn, arg, limit=None):
        task = _Task(key, fn, arg, limit)
        fut = self._client.submit(run_limited, fn, arg, limit, key=f"vnr-{uuid.uuid4().hex}", pure=False)
        self._tasks[fut] = task

    def _forget(self, handle) -> None:
        super()._forget(handle)
        handle.cancel()

    def wait(self, timeout=POLL):
        from distributed import wait as wait_futures

        if not self._tasks:
            return []
        try:
            wait_futures(list(self._tasks), timeout=min(timeout, POLL), return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        now = time.monotonic()
        out: list[Outcome] = []
        for fut, task in list(self._tasks.items()):
            if fut.status == "finished":
                out.append(Outcome(task.key, fut.result(), seconds=now - task.started))
            elif fut.status in ("error", "cancelled", "lost"):
                exc = fut.exception() if fut.status == "error" else None
                if exc is None or type(exc).__name__ == "KilledWorker":
                    exc = WorkerDied(f"Dask lost the task ({fut.status}{': ' + str(exc) if exc else ''})")
                out.append(Outcome(task.key, error=exc, seconds=now - task.started))
            elif task.overdue(now):
                fut.cancel()
                out.append(Outcome(task.key, error=TimeLimitExceeded(
                    f"no answer {task.limit:g}s + {GRACE:g}s after it started; cancelled"), seconds=now - task.started))
            else:
                continue
            del self._tasks[fut]
        return out

    def close(self):
        for fut in list(self._tasks):
            fut.cancel()
        super().close()
        try:
            self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def make_executor(settings, workers: int | None = None) -> Executor:
    """The executor the settings name (``Settings.executor``), with ``workers`` (default ``settings.jobs``)."""
    n = max(1, workers if workers is not None else settings.jobs)
    kind = settings.executor
    if kind == "inline":
        return InlineExecutor()
    if kind == "process":
        return ProcessExecutor(n)
    if kind == "dask":
        return DaskExecutor(n, settings.scheduler)
    raise ValueError(f"unknown executor {kind!r}; executors are inline, process, dask")
