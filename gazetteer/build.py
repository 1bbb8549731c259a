"""Rebuild the gazetteer tables: `python gazetteer/build.py [SOURCE_DIR]`.

A thin wrapper around ``training.gazetteer.main`` (the same as `vnreports gazetteer build`); the tables
are written into the package (``pipeline/reconcile/data/``) so that an installed vnreports ships them.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.gazetteer import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
