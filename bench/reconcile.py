"""Place linking: precision/recall on the seeds, top-1 on generated mentions, false links on made-up names, speed, memory.

Three labelled sets:

* seeds: every place mention in ``corpus/text`` (hand labels in ``gazetteer/seed_places.csv``); the
  whole stage runs on each document (detection, date, context, roles). The detector was developed
  on these texts: treat this as a training-set figure.
* generated: real units valid on a random date, written as a report would (level word or its
  abbreviation, with or without diacritics, upper case, old spellings, OCR letter confusions), each
  put in a sentence and sent through detection + linking with the unit's own province (and, for a
  commune, district) as document context. The right code is known.
* made-up: names built from syllables of real names that no unit has (nor one edit away from one),
  same sentences and context. Every ``matched`` there is a wrong link.

``--calibrate`` sweeps the match threshold on a generated set drawn with another seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rich.console import Console
from rich.table import Table

from pipeline.context import Context
from training.common import REPO_ROOT
from pipeline.model import Document, Line, Page
from pipeline.reconcile import link, match as match_mod, run as run_stage
from pipeline.reconcile.gazetteer import Gazetteer, Unit
from pipeline.reconcile.match import Matcher, context_bonus
from pipeline.reconcile.mentions import find_marked
from pipeline.reconcile.variants import ABBREVIATIONS, fold, old_spellings
from pipeline.text import strip_diacritics

SEED_LABELS = REPO_ROOT / "gazetteer" / "seed_places.csv"
SEED_TEXTS = REPO_ROOT / "corpus" / "text"
DATES = ("2020-06-01", "2022-06-01", "2024-06-01", "2025-03-01", "2026-01-01")
LEVEL_SHARE = (("province", 0.2), ("district", 0.35), ("commune", 0.45))
SENTENCES = ("Báo cáo của UBND {m} năm {y}.", "- Ban Chỉ đạo vận động HMTN {m} đã tổ chức hiến máu.",
             "Thực hiện Kế hoạch của {m}, các đơn vị phối hợp")
TRANSFORMS = ("exact", "lower_level", "no_diacritics", "abbreviation", "upper", "old_spelling", "ocr")

# OCR-like confusions seen in the seed texts (old Tesseract -l eng output of Vietnamese).
_OCR_SUBS = {"Đ": ("P", "DP", "D"), "đ": ("d", "p"), "ư": ("w", "u"), "ơ": ("d", "o"), "ờ": ("d", "o"),
             "ă": ("i", "a"), "â": ("i", "a"), "ấ": ("4", "a"), "ã": ("4", "3"), "ó": ("6", "o"),
             "ô": ("6", "o"), "l": ("1",), "ê": ("é", "e"), "ệ": ("é", "e"), "ế": ("é", "e")}


@dataclass
class Case:
    text: str  # the mention as written
    code: str | None  # expected unit code; None for made-up names
    day: str
    level: str
    transform: str
    province: str | None
    district: str | None


def _ocr(name: str, rng: random.Random) -> str:
    """Strip some marks and swap one or two letters the way old OCR does."""
    chars = list(name)
    spots = [i for i, c in enumerate(chars) if c in _OCR_SUBS]
    for i in rng.sample(spots, min(len(spots), rng.choice((1, 2)))):
        chars[i] = rng.choice(_OCR_SUBS[chars[i]])
    out = "".join(chars)
    return strip_diacritics(out) if rng.random() < 0.6 else out


def write_mention(u: Unit, transform: str, rng: random.Random) -> tuple[str, str]:
    """(mention text, transform actually applied)."""
    lw = u.type
    if transform == "abbreviation" and ABBREVIATIONS.get(lw):
        return f"{rng.choice(ABBREVIATIONS[lw])} {u.short}", transform
    if transform == "old_spelling" and old_spellings(u.short):
        return f"{lw.lower()} {old_spellings(u.short)[0]}", transform
    if transform == "lower_level":
        return f"{lw.lower()} {u.short}", transform
    if transform == "no_diacritics":
        return strip_diacritics(f"{lw.lower()} {u.short}"), transform
    if transform == "upper":
        return f"{lw} {u.short}".upper(), transform
    if transform == "ocr":
        return _ocr(f"{lw.lower()} {u.short}", rng), transform
    return f"{lw} {u.short}", "exact"


def generated_cases(gaz: Gazetteer, n: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    by_day = {d: {lv: gaz.units_on(d, lv) for lv, _ in LEVEL_SHARE} for d in DATES}
    cases = []
    while len(cases) < n:
        day = rng.choice(DATES)
        level = rng.choices([lv for lv, _ in LEVEL_SHARE], [w for _, w in LEVEL_SHARE])[0]
        pool = by_day[day][level]
        if not pool:
            continue
        u = rng.choice(pool)
        if not u.short or u.short[0].isdigit():  # "Phường 1": numbered wards need their district, skip
            continue
        text, tr = write_mention(u, rng.choice(TRANSFORMS), rng)
        district = u.parent_code if u.level == "commune" and len(u.parent_code) == 3 else None
        cases.append(Case(text, u.code, day, level, tr, u.province_code if level != "province" else None, district))
    return cases


def made_up_cases(gaz: Gazetteer, n: int, seed: int) -> tuple[list[Case], int]:
    """Names no unit has: two syllables of real names recombined.

    A name whose OCR-folded form (``fold``: p/d, y/i, digits ...) is within one edit of a real unit's is
    rejected: it cannot be told from that unit's name garbled by OCR, so linking it is no error.
    """
    rng = random.Random(seed)
    real = {lv: [u for u in gaz.units if u.level == lv] for lv, _ in LEVEL_SHARE}
    keys = defaultdict(set)
    for u in gaz.units:
        keys[len(fold(u.short))].add(fold(u.short))
    syllables = sorted({s for u in gaz.units for s in u.short.split() if s.isalpha()})
    cases, rejected = [], 0
    while len(cases) < n:
        level = rng.choices([lv for lv, _ in LEVEL_SHARE], [w for _, w in LEVEL_SHARE])[0]
        template = rng.choice(real[level])
        name = " ".join(rng.choice(syllables) for _ in range(2))
        k = fold(name)
        near = any(Levenshtein.distance(k, r, score_cutoff=1) <= 1 for ln in (len(k) - 1, len(k), len(k) + 1)
                   for r in keys.get(ln, ()))
        if near:
            rejected += 1
            continue
        day = rng.choice(DATES)
        ctx_unit = rng.choice(gaz.units_on(day, "province"))
        cases.append(Case(f"{template.type.lower()} {name}", None, day, level, "made-up",
                          ctx_unit.code if level != "province" else None, None))
    return cases, rejected


def _doc_for(text: str) -> Document:
    return Document(doc_id="bench", path="", sha256="", kind="txt",
                    pages=[Page(number=1, lines=[Line(number=1, text=text)])])


def link_case(gaz: Gazetteer, matcher: Matcher, c: Case, rng: random.Random):
    """Detect the mention in a sentence and link it, with the case's province/district as context."""
    sentence = rng.choice(SENTENCES).format(m=c.text, y=c.day[:4])
    mentions = find_marked(_doc_for(sentence))
    if not mentions:
        return None
    context = context_bonus(gaz, c.day, c.province, c.district)
    return link(matcher, mentions[0], c.day, context)


def score_cases(gaz: Gazetteer, matcher: Matcher, cases: list[Case], seed: int) -> tuple[Counter, dict, float]:
    rng = random.Random(seed)
    outcome: Counter = Counter()
    by_transform: dict[str, Counter] = defaultdict(Counter)
    t0 = time.perf_counter()
    for c in cases:
        r = link_case(gaz, matcher, c, rng)
        if r is None:
            o = "not detected"
        elif r.status == "matched":
            o = "correct" if r.unit.code == c.code else "wrong"
        elif r.status == "ambiguous":
            o = "ambiguous (right one listed)" if any(x["code"] == c.code for x in r.candidates) else "ambiguous"
        else:
            o = "unmatched"
        outcome[o] += 1
        by_transform[c.transform][o] += 1
    return outcome, by_transform, time.perf_counter() - t0


def baseline_rate(gaz: Gazetteer, cases: list[Case]) -> float:
    """Mentions per second of a naive linker: rapidfuzz extractOne over every unit name valid on the date."""
    pools = {c.day: [u.name for u in gaz.units_on(c.day)] for c in cases}
    t0 = time.perf_counter()
    for c in cases:
        process.extractOne(c.text, pools[c.day], scorer=fuzz.WRatio)
    return len(cases) / (time.perf_counter() - t0)


def speed(gaz: Gazetteer, matcher: Matcher, cases: list[Case], seed: int, rounds: int = 3) -> tuple[float, float]:
    """(ours, baseline) mentions per second: best of ``rounds`` interleaved runs (the machine is shared)."""
    ours, base = 0.0, 0.0
    for _ in range(rounds):
        _, _, secs = score_cases(gaz, matcher, cases, seed)
        ours = max(ours, len(cases) / secs)
        base = max(base, baseline_rate(gaz, cases))
    return ours, base


def seed_scores(ctx: Context) -> dict:
    """Run the whole stage on each seed text; compare with the hand labels."""
    from pipeline.ocr import ocr_file

    gold: dict[str, list[dict]] = defaultdict(list)
    with open(SEED_LABELS, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            gold[row["file"]].append(row)
    found = correct = linked = wrong = 0
    misses = []
    for name, rows in sorted(gold.items()):
        doc = run_stage(ocr_file(SEED_TEXTS / name), ctx)
        preds = [p for p in doc.places]
        linked += sum(p.status == "matched" for p in preds)
        for g in rows:
            same_line = [p for p in preds if p.span.page == int(g["page"]) and p.span.line == int(g["line"])
                         and (g["mention"] in p.span.raw or p.span.raw in g["mention"])]
            if not same_line:
                misses.append(f"{name}:{g['line']} {g['mention']!r} not detected")
                continue
            p = same_line[0]
            preds.remove(p)
            found += 1
            if p.status == "matched" and p.code == g["code"]:
                correct += 1
            else:
                if p.status == "matched":
                    wrong += 1
                misses.append(f"{name}:{g['line']} {g['mention']!r} -> {p.status} {p.code}")
        wrong += sum(p.status == "matched" for p in preds)  # links where no place is labelled
    total = sum(len(r) for r in gold.values())
    return {"gold": total, "detected": found, "correct": correct, "linked": linked, "wrong": wrong, "misses": misses}


def loaded_memory() -> tuple[float, float, Gazetteer, Matcher]:
    """(MiB for the loaded gazetteer, MiB more for the matcher's indexes of one date)."""
    tracemalloc.start()
    gaz = Gazetteer.load()
    after_load = tracemalloc.get_traced_memory()[0]
    matcher = Matcher(gaz)
    for level in ("province", "district", "commune"):
        matcher.index("2024-06-01", level)
    after_index = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return after_load / 2**20, (after_index - after_load) / 2**20, gaz, matcher


def calibrate(gaz: Gazetteer, n: int, seed: int, console: Console) -> None:
    cases = generated_cases(gaz, n, seed)
    fakes, _ = made_up_cases(gaz, n, seed)
    table = Table(title=f"threshold sweep (calibration seed {seed}, {n} generated + {n} made-up)")
    for col in ("MATCH_MIN", "correct", "ambiguous", "unmatched", "wrong", "made-up linked"):
        table.add_column(col, justify="right")
    saved = match_mod.MATCH_MIN
    try:
        for t in (0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92):
            match_mod.MATCH_MIN = t
            m = Matcher(gaz)
            real, _, _ = score_cases(gaz, m, cases, seed)
            fake, _, _ = score_cases(gaz, m, fakes, seed)
            amb = real["ambiguous"] + real["ambiguous (right one listed)"]
            table.add_row(f"{t:.2f}", f"{real['correct'] / n:.1%}", f"{amb / n:.1%}", f"{real['unmatched'] / n:.1%}",
                          str(real["wrong"]), str(fake["wrong"]))
    finally:
        match_mod.MATCH_MIN = saved
    console.print(table)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench reconcile", description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=600, help="generated mentions (and as many made-up ones)")
    ap.add_argument("--seed", type=int, default=3, help="random seed of the generated sets (1: calibration, 2: development)")
    ap.add_argument("--calibrate", action="store_true", help="sweep the threshold on seed 1 instead")
    args = ap.parse_args(argv)
    console = Console(width=130)
    mem_load, mem_index, gaz, matcher = loaded_memory()
    if args.calibrate:
        calibrate(gaz, args.n, 1, console)
        console.print(f"reproduce: vnreports bench reconcile --calibrate -n {args.n}")
        return 0

    seeds = seed_scores(Context())
    t = Table(title="seeds (corpus/text, labels gazetteer/seed_places.csv; developed on these texts)")
    for col in ("labelled", "detected", "correct code", "links made", "wrong links", "precision", "recall",
                "top-1 on detected"):
        t.add_column(col, justify="right")
    prec = seeds["correct"] / seeds["linked"] if seeds["linked"] else 0.0
    t.add_row(str(seeds["gold"]), str(seeds["detected"]), str(seeds["correct"]), str(seeds["linked"]),
              str(seeds["wrong"]), f"{prec:.1%}", f"{seeds['correct'] / seeds['gold']:.1%}",
              f"{seeds['correct'] / max(seeds['detected'], 1):.1%}")
    console.print(t)
    for m in seeds["misses"]:
        console.print(f"  [yellow]seed miss[/yellow] {m}")

    cases = generated_cases(gaz, args.n, args.seed)
    fakes, rejected = made_up_cases(gaz, args.n, args.seed)
    warm = Matcher(gaz)
    score_cases(gaz, warm, cases[:50], args.seed)  # build the date indexes outside the timing
    real, by_tr, _ = score_cases(gaz, warm, cases, args.seed)
    fake, _, _ = score_cases(gaz, warm, fakes, args.seed)
    rate, baseline = speed(gaz, warm, cases[:300], args.seed)

    t = Table(title=f"generated mentions (seed {args.seed}, n={args.n}, threshold {match_mod.MATCH_MIN})")
    outcomes = ("correct", "ambiguous (right one listed)", "ambiguous", "unmatched", "wrong", "not detected")
    t.add_column("transform")
    t.add_column("n", justify="right")
    for o in outcomes:
        t.add_column(o, justify="right")
    for tr in sorted(by_tr):
        c = by_tr[tr]
        t.add_row(tr, str(sum(c.values())), *[str(c[o]) for o in outcomes])
    t.add_row("[b]all[/b]", str(args.n), *[f"{real[o]} ({real[o] / args.n:.1%})" for o in outcomes])
    console.print(t)

    t = Table(title="made-up names (must not link)")
    for col in ("names", "rejected: 1 edit from a real name", "linked (wrong)", "ambiguous", "unmatched"):
        t.add_column(col, justify="right")
    amb = fake["ambiguous"] + fake["ambiguous (right one listed)"]
    t.add_row(str(len(fakes)), str(rejected), str(fake["wrong"]), str(amb), str(fake["unmatched"]))
    console.print(t)

    t = Table(title="speed and memory")
    t.add_column("what")
    t.add_column("value", justify="right")
    t.add_row("detect + link, mentions per second (one core, best of 3)", f"{rate:,.0f}")
    t.add_row("baseline, same process: rapidfuzz WRatio over all unit names (/s, best of 3)", f"{baseline:,.0f}")
    t.add_row("ratio detect + link / baseline", f"{rate / baseline:.2f}")
    t.add_row("loaded gazetteer (tracemalloc, MiB)", f"{mem_load:.1f}")
    t.add_row("+ matcher indexes for one date (MiB)", f"{mem_index:.1f}")
    t.add_row("unit versions", f"{len(gaz.units):,}")
    console.print(t)
    console.print(f"reproduce: vnreports bench reconcile -n {args.n} --seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
