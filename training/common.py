"""Where a checkout keeps things, and readers of the shared training corpus.

The runtime package never imports this module: it is for training scripts and benchmarks, which run
from a checkout with ``../shared`` beside it (or ``VNREPORTS_SHARED`` pointing at it).
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$VNREPORTS_SHARED``, else the ``shared/`` folder beside the checkout."""
    env = os.environ.get("VNREPORTS_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def corpus_lines(name: str, max_lines: int | None = None, skip: int = 0, max_docs: int | None = None):
    """Text lines of a file of ``shared/corpus``: from line ``skip``, at most ``max_lines`` lines and the
    first ``max_docs`` documents (``###`` headers)."""
    path = shared_dir() / "corpus" / name
    if not path.exists():
        raise SystemExit(f"{path}: training corpus not found (set VNREPORTS_SHARED)")
    docs = 0
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh):
            if max_lines is not None and n >= max_lines:
                break
            if line.startswith("###"):
                docs += 1
                if max_docs is not None and docs > max_docs:
                    break
            elif n >= skip:
                yield line
