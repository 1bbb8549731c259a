"""Rebuild gazetteer/units.csv and gazetteer/successors.csv: `python gazetteer/build.py [SOURCE_DIR]`.

A thin wrapper around ``pipeline.reconcile.build.main`` (the same as `vnreports gazetteer build`).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.reconcile.build import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
