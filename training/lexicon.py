"""Build the restoration lexicon (``pipeline/restore/data/lexicon.json.gz``).

    python -m training.lexicon          # about 3 minutes on one core

What it holds, and where each part comes from:

* ``names``: runs of capitalised syllables and their readings, keyed by their skeleton, from
  (a) every place name of the gazetteer (``pipeline/reconcile/data/units.csv``, columns name/short:
  all provinces, districts and communes, with their marks), (b) the family and middle names of people
  listed in ``training/families.py`` and (c) the runs of capitalised syllables inside sentences of the
  training corpora (people, bodies, places), seen at least ``--min-name`` times.
* ``organisations``: the bodies, titles and formulas of administrative documents (``training/families.py``),
  written with a capital on their first word only (``Ban Chỉ đạo``, ``Kính gửi``).
* ``headings``: words that head a line alone before a colon (``Số:``, ``Nơi nhận:``).
* ``families``: the report families of ``training/families.py`` (keywords on the skeleton, phrases).
* ``acronyms``: upper-case tokens of the training corpora written with Đ (``HĐND``), keyed by their form
  without it, where the Đ form clearly dominates.
* ``kept``: the acronyms and unit symbols of ``training/families.py`` (``tp``, ``vn``, ``ml``, ``UBND``):
  printed like that, in any case, they are taken as written, not as OCR damage.

Reads only the training corpora (legal_vlc, news_dantri, wiki_vi), never the evaluation files, the
development documents or the seeds. The runtime package never imports the gazetteer: this file carries
the names it needs.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.restore.lexicon import LEXICON_PATH
from pipeline.syllables import normalize_syllable, well_formed
from pipeline.text import nfc, skeleton
from training.common import REPO_ROOT, corpus_lines
from training.families import ACRONYMS, FAMILIES, HEADINGS, KEPT, MIDDLE_NAMES, ORGANISATIONS, SURNAMES
from training.lm import LEGAL_DOCS

UNITS_CSV = REPO_ROOT / "pipeline" / "reconcile" / "data" / "units.csv"
TRAIN_FILES = ("legal_vlc.txt.gz", "news_dantri.txt.gz", "wiki_vi.txt.gz")
_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$")
_SENTENCE_END = (".", "!", "?", ":", ";")
GAZETTEER_WEIGHT = 20  # a gazetteer name counts as this many corpus sightings
LIST_WEIGHT = 20  # so does a listed organisation


def syllables_of(phrase: str) -> list[str] | None:
    """Lower-case normalised syllables of a phrase, or None when a word of it is no syllable."""
    out = []
    for w in re.split(r"[\s\-–,]+", nfc(phrase)):
        if not w:
            continue
        low = w.lower()
        if not (w.isalpha() and well_formed(low)):
            return None
        out.append(normalize_syllable(low))
    return out


def add_name(table: dict, syls: list[str], weight: int) -> None:
    for n in (2, 3, 4):
        for i in range(len(syls) - n + 1):
            gram = syls[i:i + n]
            table[" ".join(map(skeleton, gram))][" ".join(gram)] += weight


def gazetteer_names(path: Path = UNITS_CSV) -> list[list[str]]:
    """Syllables of every unit name of the gazetteer (short and full forms), one list per name."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for field in ("short", "name"):
                syls = syllables_of(row[field])
                if syls and len(syls) >= 2:
                    out.append(syls)
    return out


def training_lines(name: str, args):
    """Lines of a training corpus, less the development slices the options leave out (as ``training.lm``)."""
    limit = args.wiki_lines if name.startswith("wiki") else args.max_lines
    skip = args.hold_out if name.startswith("news") else 0
    max_docs = LEGAL_DOCS - args.hold_out_legal if name.startswith("legal") and args.hold_out_legal else None
    return corpus_lines(name, limit, skip, max_docs)


def domain_lines(path: Path = UNITS_CSV) -> list[str]:
    """Lines of text the LM may learn from besides the corpora: every unit of the gazetteer as running text
    writes it (``xã Mù Cả``, ``huyện Nậm Nhùn``), the listed organisations and the families' phrases."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if syllables_of(row["short"]):
                out.append(f"{row['type'].lower()} {row['short']}")
    out += ORGANISATIONS
    out += [p for spec in FAMILIES.values() for p in spec["phrases"]]
    return out


def corpus_scan(args):
    """Capitalised runs inside sentences, and the upper-case tokens (acronyms) of the training corpora."""
    runs: Counter = Counter()
    acronyms: Counter = Counter()
    for name in TRAIN_FILES:
        t0 = time.perf_counter()
        for line in training_lines(name, args):
            run: list[str] = []
            start = True  # the next token begins a sentence
            for tok in nfc(line).split():
                lead, core, trail = _EDGE.match(tok).groups()
                syl = core.isalpha() and well_formed(core.lower())
                cap = syl and core[0].isupper() and (len(core) == 1 or core[1:].islower())
                if cap and not start and not lead:
                    run.append(normalize_syllable(core.lower()))
                else:
                    if len(run) >= 2:
                        runs[tuple(run)] += 1
                    run = []
                if core and not syl:
                    for part in re.split(r"[-/.]", core):
                        if part.isalpha() and 2 <= len(part) <= 8 and part.isupper():
                            acronyms[part] += 1
                if trail or lead:
                    if len(run) >= 2:
                        runs[tuple(run)] += 1
                    run = []
                start = bool(trail) and trail[-1] in _SENTENCE_END or not core
            if len(run) >= 2:
                runs[tuple(run)] += 1
        print(f"{name}: {len(runs):,} runs, {len(acronyms):,} acronyms ({time.perf_counter() - t0:.0f}s)",
              file=sys.stderr, flush=True)
    return runs, acronyms


def acronym_table(counts: Counter, min_count: int = 5) -> dict[str, str]:
    """Upper-case form without Đ -> the form with it, where the Đ form is at least 3 times as common."""
    by_bare: dict[str, Counter] = defaultdict(Counter)
    for form, n in counts.items():
        by_bare[form.replace("Đ", "D")][form] += n
    out = {}
    for bare, forms in by_bare.items():
        best, n = forms.most_common(1)[0]
        if "Đ" in best and n >= min_count and n >= 3 * forms.get(bare, 0):
            out[bare] = best
    return out


def build(args) -> dict:
    names: dict[str, Counter] = defaultdict(Counter)
    for syls in gazetteer_names():
        add_name(names, syls, GAZETTEER_WEIGHT)
    for surname in SURNAMES:
        for middle in MIDDLE_NAMES:
            add_name(names, syllables_of(f"{surname} {middle}"), LIST_WEIGHT)
    runs, acronyms = corpus_scan(args)
    grams: Counter = Counter()
    for run, n in runs.items():
        for k in (2, 3):
            for i in range(len(run) - k + 1):
                grams[run[i:i + k]] += n
    for gram, n in grams.items():
        if n >= args.min_name:
            names[" ".join(map(skeleton, gram))][" ".join(gram)] += n
    families = {}
    for fam, spec in FAMILIES.items():
        phrases = [syls for p in spec["phrases"] if (syls := syllables_of(p))]
        families[fam] = {"keywords": sorted({" ".join(skeleton(k).split()) for k in spec["keywords"]}),
                         "phrases": sorted({" ".join(s) for s in phrases})}
    return {
        "names": {k: dict(v) for k, v in sorted(names.items())},
        "organisations": sorted({" ".join(s) for p in ORGANISATIONS if (s := syllables_of(p)) and len(s) >= 2}),
        "headings": sorted({" ".join(s) for p in HEADINGS if (s := syllables_of(p))}),
        "families": families,
        "acronyms": {**acronym_table(acronyms), **ACRONYMS},
        "kept": sorted({k.lower() for k in KEPT}),
        "sources": "gazetteer units.csv; training/families.py; legal_vlc, news_dantri, wiki_vi (../shared/corpus)",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.lexicon", description=__doc__.splitlines()[0])
    ap.add_argument("--min-name", type=int, default=3, help="corpus runs of names seen fewer times are left out")
    ap.add_argument("--max-lines", type=int, default=None, help="read only this many lines of each corpus (tests)")
    ap.add_argument("--hold-out", type=int, default=0, help="leave out the first N lines of news_dantri (as training.lm)")
    ap.add_argument("--hold-out-legal", type=int, default=0, help="leave out the last N legal_vlc documents")
    ap.add_argument("--wiki-lines", type=int, default=None, help="read only this many lines of wiki_vi")
    ap.add_argument("--out", type=Path, default=LEXICON_PATH)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    data = build(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(data['names']):,} name skeletons, "
          f"{len(data['acronyms'])} acronyms, {len(data['kept'])} kept tokens, {len(data['families'])} families: "
          f"{args.out} {args.out.stat().st_size / 1e6:.2f} MB ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
