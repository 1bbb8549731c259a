"""Atomic file writes: the one helper every writer uses, so a crash never leaves half a file.

A file is written under a temporary name unique to this process and call, in the target's folder, then
moved over the target in one ``os.replace``. Two runs writing the same file never share a temporary
name; a reader sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file (mkstemp makes it private)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``; moved over ``path`` when the block ends without an error,
    removed when it raises."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():
            os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` (text or bytes) to ``path`` atomically; returns ``path``."""
    path = Path(path)
    with atomic_path(path) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding=encoding)
    return path


LOCK_NAME = ".vnreports.lock"


class FolderLock:
    """An exclusive lock on an output folder, held for a whole run (``flock`` on ``OUT/.vnreports.lock``).

    The kernel drops the lock when its holder dies, even by ``kill -9``, so a stale lock never blocks a
    later run. The file names its holder (pid, host, start time) so that a refused run can say who.
    """

    def __init__(self, folder: str | Path, wait: float = 0.0, poll: float = 0.2):
        self.path = Path(folder) / LOCK_NAME
        self.wait, self.poll = wait, poll
        self._fd: int | None = None

    def holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip() or "another run"
        except OSError:
            return "another run"

    def acquire(self) -> "FolderLock":
        import fcntl
        import socket
        import time

        from pipeline.errors import OutputBusy

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise OutputBusy(f"{self.path.parent} is in use by {self.holder()}; wait for it to finish, "
                                     f"or pass --wait-lock SECONDS") from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    def __enter__(self) -> "FolderLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
