"""The corrections table: ``OUT/review/corrections.csv``, append-only, kept across runs.

Every action of a reviewer is one row (``model.Correction``); a row is never changed or removed, only
added. Appending rewrites the file through ``fsio.atomic_path`` (old rows, then the new ones) under a
lock, so a crash leaves the old file or the new one, never half a row, and two writers never lose
each other's rows. A row's id is a hash of its content, so the same correction brought in twice (an
import of a file exported from this machine) is one row: ``import_csv`` merges, never duplicates.

``vnreports run`` does not touch this file; the review stage reads it, so a re-run on the same files
applies every correction again.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.fsio import atomic_path
from pipeline.model import Correction, ReviewAction, ReviewTarget

REVIEW_DIR = "review"
STORE_NAME = "corrections.csv"
FIELDS = ("correction_id", "time", "reviewer", "doc_id", "sha256", "target", "key", "action", "old_value",
          "new_value", "reason")
_CONTENT = FIELDS[1:]  # what the id hashes: everything but the id itself
_LOCK = threading.Lock()  # one writer per process; the file lock covers other processes


class CorrectionsFileError(ValueError):
    """A corrections CSV that cannot be read (missing columns, a value outside its closed set)."""


def store_path(out_dir: Path) -> Path:
    return Path(out_dir) / REVIEW_DIR / STORE_NAME


def now() -> str:
    """The time a correction is made: ISO 8601, UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _cell(v) -> str:
    return "" if v is None else str(v)


def correction_id(c: Correction) -> str:
    """Hash of the row's content (not its id): identical rows share one id."""
    row = _row(c)
    text = "\x1f".join(row[k] for k in _CONTENT)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def make(*, sha256: str, key: str, target: ReviewTarget | str, action: ReviewAction | str, reviewer: str,
         reason: str = "", old_value: str | None = None, new_value: str | None = None, doc_id: str = "",
         time: str | None = None) -> Correction:
    """A new correction with its content id (``time`` defaults to now)."""
    c = Correction(correction_id="", sha256=sha256, key=key, target=ReviewTarget(target),
                   action=ReviewAction(action), old_value=old_value, new_value=new_value, reason=reason.strip(),
                   reviewer=reviewer.strip(), time=time or now(), doc_id=doc_id)
    c.correction_id = correction_id(c)
    return c


def _row(c: Correction) -> dict[str, str]:
    return {k: _cell(getattr(c, k)) for k in FIELDS}


def _from_row(row: dict[str, str], where: str) -> Correction:
    missing = [k for k in FIELDS if k not in row]
    if missing and missing != ["correction_id"]:
        raise CorrectionsFileError(f"{where}: missing column(s) {', '.join(missing)}")
    try:
        target, action = ReviewTarget(row["target"]), ReviewAction(row["action"])
    except ValueError as exc:
        raise CorrectionsFileError(f"{where}: {exc}") from None
    if not row["sha256"] or not row["key"]:
        raise CorrectionsFileError(f"{where}: sha256 and key are required")
    c = Correction(correction_id=row.get("correction_id") or "", sha256=row["sha256"], key=row["key"],
                   target=target, action=action, old_value=row["old_value"] or None,
                   new_value=row["new_value"] or None, reason=row["reason"], reviewer=row["reviewer"],
                   time=row["time"], doc_id=row["doc_id"])
    c.correction_id = c.correction_id or correction_id(c)
    return c


def parse_csv(text: str, where: str = "corrections") -> list[Correction]:
    """Corrections from CSV text with the store's columns (extra columns are ignored)."""
    reader = csv.DictReader(io.StringIO(text))
    return [_from_row(row, f"{where} row {i}") for i, row in enumerate(reader, 2)]


def to_csv(corrections: Iterable[Correction]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    for c in corrections:
        w.writerow(_row(c))
    return buf.getvalue()


def read(out_dir: Path) -> list[Correction]:
    """Every correction of OUT, oldest first (the order they were made in); [] when there is none."""
    path = store_path(out_dir)
    if not path.exists():
        return []
    return parse_csv(path.read_text(encoding="utf-8"), str(path))


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    lock = store_path(out_dir).with_name(".corrections.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with _LOCK, open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass
class Merged:
    added: int
    known: int  # already in the store: skipped


def append(out_dir: Path, corrections: Iterable[Correction]) -> Merged:
    """Add corrections to OUT's store; those already there (same content id) are skipped."""
    new = list(corrections)
    with _locked(out_dir):
        rows = read(out_dir)
        seen = {c.correction_id for c in rows}
        added = []
        for c in new:
            if c.correction_id not in seen:
                seen.add(c.correction_id)
                added.append(c)
        if added:
            with atomic_path(store_path(out_dir)) as tmp:
                tmp.write_text(to_csv(rows + sorted(added, key=lambda c: c.time)), encoding="utf-8")
    return Merged(len(added), len(new) - len(added))


def export_csv(out_dir: Path) -> str:
    """The store as CSV text (what ``vnreports corrections export`` prints or writes)."""
    return to_csv(read(out_dir))


def import_csv(out_dir: Path, text: str, where: str = "import") -> Merged:
    """Merge a CSV exported elsewhere into OUT's store: ids are recomputed from content, so a row known
    here under any id is not added again."""
    incoming = parse_csv(text, where)
    for c in incoming:
        c.correction_id = correction_id(c)
    return append(out_dir, incoming)
