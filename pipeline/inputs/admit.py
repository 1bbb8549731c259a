"""What a run lets in: regular files under the input folder; everything else is refused with a reason.

The walk never opens a file. It refuses, each with its code in the manifest: FIFOs, devices and sockets
(E111: opening a FIFO blocks forever), symbolic links whose target lies outside the input folder (E112:
their content would be copied into the outputs), folders it cannot list (E113, instead of skipping them
silently) and another run's output folder found inside the input (E115). The run's own output folder is
never walked, also when it lies inside the input folder. Hidden entries and what ``.vnreportsignore``
files name are left out quietly, as before.

Limits on bytes and pages are checked when a file is opened (``check_size``, ``open_regular``), by the
worker that reads it, before a page is decoded.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import (
    FileTooLarge,
    InputError,
    OutputFolderInInput,
    OutsideRoot,
    SpecialFile,
    TooManyPages,
    Unreadable,
    UnreadableFolder,
)
from pipeline.fsio import LOCK_NAME

IGNORE_FILE = ".vnreportsignore"
OUTPUT_MARK = LOCK_NAME  # every output folder holds its run lock: that is how another run's outputs are known


@dataclass
class Candidate:
    """One entry of the input folder: a file to read (``real``: its path with links resolved) or a refusal."""

    rel: str
    path: Path
    real: Path | None = None
    error: InputError | None = None


def _ignore_patterns(folder: Path) -> list[str]:
    f = folder / IGNORE_FILE
    try:
        lines = f.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [p.strip() for p in lines if p.strip() and not p.startswith("#")]


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _same(a: Path, b: Path | None) -> bool:
    return b is not None and os.path.realpath(a) == os.path.realpath(b)


def _file(path: Path, rel: str, root_real: Path) -> Candidate:
    """Admit or refuse one directory entry (never opened)."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return Candidate(rel, path, error=Unreadable(f"{rel}: {exc.strerror or exc}"))
    real = path
    if stat.S_ISLNK(st.st_mode):
        real = Path(os.path.realpath(path))
        if not _inside(real, root_real):
            return Candidate(rel, path, error=OutsideRoot(f"{rel}: symbolic link to a file outside the input "
                                                          "folder, not followed"))
        try:
            st = os.stat(real)
        except OSError as exc:
            what = "broken symbolic link" if exc.errno in (errno.ENOENT, errno.ELOOP) else (exc.strerror or str(exc))
            return Candidate(rel, path, error=Unreadable(f"{rel}: {what}"))
    if not stat.S_ISREG(st.st_mode):
        return Candidate(rel, path, error=SpecialFile(f"{rel}: {_kind_of(st.st_mode)}, not read"))
    return Candidate(rel, path, real=real)


def walk_inputs(root: Path, out_dir: Path | None = None) -> list[Candidate]:
    """Every entry under ``root`` that a run reads or refuses, in a stable order (files before refusals of
    folders, each group sorted by path)."""
    root = Path(root)
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"{root}: no such file or folder")
    if not root.is_dir():
        c = _file(root, root.name, Path(os.path.realpath(root.parent)))
        return [c]
    root_real = Path(os.path.realpath(root))
    found: list[Candidate] = []
    rules: list[tuple[Path, str]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        rel = where.relative_to(root).as_posix() if where != root else "."
        found.append(Candidate(rel + "/", where, error=UnreadableFolder(f"{rel}/: cannot list the folder "
                                                                        f"({exc.strerror or exc})")))

    def ignored(p: Path, is_dir: bool) -> bool:
        for base, pat in rules:
            try:
                rel = p.relative_to(base).as_posix()
            except ValueError:
                continue
            if pat.endswith("/"):
                if is_dir and fnmatch.fnmatch(rel, pat.rstrip("/")):
                    return True
            elif fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(p.name, pat):
                return True
        return False

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        d = Path(dirpath)
        rules += [(d, p) for p in _ignore_patterns(d)]
        keep = []
        for name in sorted(dirnames):
            sub = d / name
            if name.startswith(".") or name == "__pycache__" or ignored(sub, True) or _same(sub, out_dir):
                continue
            rel = sub.relative_to(root).as_posix()
            if sub.is_symlink():  # os.walk does not follow it; say so when it leads outside
                if not _inside(Path(os.path.realpath(sub)), root_real):
                    found.append(Candidate(rel + "/", sub, error=OutsideRoot(
                        f"{rel}/: symbolic link to a folder outside the input folder, not followed")))
                continue
            if (sub / OUTPUT_MARK).exists():
                found.append(Candidate(rel + "/", sub, error=OutputFolderInInput(
                    f"{rel}/: the output folder of another vnreports run, not read as input")))
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            p = d / name
            if name.startswith(".") or ignored(p, False):
                continue
            found.append(_file(p, p.relative_to(root).as_posix(), root_real))
    return sorted(found, key=lambda c: (c.rel.endswith("/"), c.rel))


def open_regular(path: str | Path) -> int:
    """A read-only descriptor of ``path`` after checking it is (still) a regular file; never blocks on a
    FIFO that replaced the file since the walk. The caller closes it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise Unreadable(f"{Path(path).name}: {exc.strerror or exc}") from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise SpecialFile(f"{Path(path).name}: {_kind_of(st.st_mode)}, not read")
    os.set_blocking(fd, True)
    return fd


def check_size(name: str, size: int, limit: int, what: str = "file", option: str = "--max-mb") -> None:
    if size > limit:
        raise FileTooLarge(f"{name}: {size / 2**20:.1f} MiB {what} is over the limit of {limit / 2**20:g} MiB "
                           f"({option})")


def check_pages(name: str, pages: int, limit: int) -> None:
    if pages > limit:
        raise TooManyPages(f"{name}: {pages} pages is over the limit of {limit} (--max-pages)")
