"""Diacritic restoration on the development slice: the first lines of news_dantri, left out of a dev LM.

The decoder settings (candidates, pruning, LM weight) are tuned here, never on the evaluation files:

    python -m pipeline.restore.train lm --hold-out 3000 --out /tmp/lm_dev.npz
    vnreports bench restore_dev --lm /tmp/lm_dev.npz --candidates 8 10 --prune 3 3.5
"""

from __future__ import annotations

import argparse
import itertools
import shlex
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.bench.restore import eval_lines
from pipeline.restore.evaluate import syllable_accuracy
from pipeline.restore.train import shared_dir
from pipeline.text import strip_diacritics

DEV_FILE = "news_dantri.txt.gz"


def dev_lines(hold_out: int, max_syllables: int) -> list[str]:
    """Lines among the first ``hold_out`` of news_dantri, up to ``max_syllables`` words."""
    path = shared_dir() / "corpus" / DEV_FILE
    if not path.exists():
        raise SystemExit(f"{path}: development corpus not found (set VNREPORTS_SHARED)")
    return eval_lines(DEV_FILE, max_syllables, first_lines=hold_out)


def main(argv: list[str]) -> int:
    from pipeline.restore import restore_lines
    from pipeline.restore.channel import Channel
    from pipeline.restore.decode import Restorer
    from pipeline.restore.lm import SyllableLM

    ap = argparse.ArgumentParser(prog="vnreports bench restore_dev", description=__doc__.splitlines()[0])
    ap.add_argument("--lm", type=Path, required=True, help="an LM trained with --hold-out (never the committed one)")
    ap.add_argument("--hold-out", type=int, default=3000, help="the --hold-out the LM was trained with")
    ap.add_argument("--max-syllables", type=int, default=20000)
    ap.add_argument("--candidates", type=int, nargs="+", default=[10])
    ap.add_argument("--prune", type=float, nargs="+", default=[3.5])
    ap.add_argument("--lm-weight", type=float, nargs="+", default=[1.0])
    args = ap.parse_args(argv)
    truth = dev_lines(args.hold_out, args.max_syllables)
    stripped = [strip_diacritics(line) for line in truth]
    lm, channel = SyllableLM.load(args.lm), Channel.load()
    table = Table(title=f"Development slice ({DEV_FILE}, first {args.hold_out} lines), marks stripped")
    for col in ("candidates", "prune", "LM weight", "syllables", "accuracy", "syllables/s (CPU)"):
        table.add_column(col, justify="right")
    for k, prune, weight in itertools.product(args.candidates, args.prune, args.lm_weight):
        restorer = Restorer(lm, channel, max_candidates=k, prune_below=prune, lm_weight=weight)
        t0 = time.process_time()
        ours = [restored for restored, _ in restore_lines(stripped, restorer)]
        seconds = time.process_time() - t0
        ok, total = syllable_accuracy(truth, ours)
        table.add_row(str(k), f"{prune:g}", f"{weight:g}", f"{total:,}", f"{100 * ok / total:.2f}%",
                      f"{total / seconds:,.0f}")
    Console().print(table)
    Console().print("reproduce: vnreports bench restore_dev " + shlex.join(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
