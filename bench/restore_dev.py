"""Diacritic restoration on development slices left out of a dev LM: the first lines of news_dantri
and (``--legal-docs N``) the last N documents of legal_vlc, the register closest to administrative reports.

The decoder settings (candidates, pruning, LM weight) are tuned here, never on the evaluation files:

    python -m training.lm lm --hold-out 3000 --hold-out-legal 6 --wiki-lines 542420 --out /tmp/lm_dev.npz
    vnreports bench restore_dev --lm /tmp/lm_dev.npz --legal-docs 6 --wiki-articles 4 --neural-weight 0 0.5
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

from bench.restore import DOC_LINES, eval_lines, restore_documents
from pipeline.restore.evaluate import syllable_accuracy
from training.common import shared_dir
from pipeline.text import strip_diacritics

DEV_FILE = "news_dantri.txt.gz"


def dev_lines(hold_out: int, max_syllables: int) -> list[str]:
    """Lines among the first ``hold_out`` of news_dantri, up to ``max_syllables`` words."""
    path = shared_dir() / "corpus" / DEV_FILE
    if not path.exists():
        raise SystemExit(f"{path}: development corpus not found (set VNREPORTS_SHARED)")
    return eval_lines(DEV_FILE, max_syllables, first_lines=hold_out)


def legal_dev_lines(docs: int, max_syllables: int, skip: int = 50) -> list[str]:
    """Lines of the last ``docs`` documents of legal_vlc (after each one's first ``skip`` lines: titles and
    tables of contents), an equal share of ``max_syllables`` words from each."""
    from training.lm import LEGAL_DOCS

    per = max_syllables // docs
    out: list[str] = []
    current: list[str] = []
    seen = 0
    path = shared_dir() / "corpus" / "legal_vlc.txt.gz"
    if not path.exists():
        raise SystemExit(f"{path}: development corpus not found (set VNREPORTS_SHARED)")
    import gzip

    from pipeline.text import nfc

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("###"):
                seen += 1
                out += _take(current, skip, per)
                current = []
                continue
            if seen > LEGAL_DOCS - docs and line.strip():
                current.append(nfc(line.strip()))
    out += _take(current, skip, per)
    return out


def wiki_dev_lines(articles: int, max_syllables: int, from_line: int) -> list[str]:
    """The ``articles`` longest wiki_vi articles from line ``from_line`` on (the tail the dev LM and the
    BiGRU leave out), an equal share of ``max_syllables`` words from each."""
    import gzip
    import itertools

    from pipeline.text import nfc

    path = shared_dir() / "corpus" / "wiki_vi.txt.gz"
    if not path.exists():
        raise SystemExit(f"{path}: development corpus not found (set VNREPORTS_SHARED)")
    docs: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, from_line, None):
            if line.startswith("###"):
                docs.append([])
            elif docs and line.strip():
                docs[-1].append(nfc(line.strip()))
    longest = sorted(docs, key=lambda d: -sum(len(x.split()) for x in d))[:articles]
    return [line for d in longest for line in _take(d, 0, max_syllables // max(articles, 1))]


def _take(lines: list[str], skip: int, max_words: int) -> list[str]:
    out, n = [], 0
    for line in lines[skip:]:
        if n >= max_words:
            break
        out.append(line)
        n += len(line.split())
    return out


def ocr_pages(hold_out: int, pages: int, seed: int = 11) -> list[dict]:
    """``pages`` pages of held-out news_dantri lines rendered like the channel's training pages (the four
    print qualities in turn) and OCR'd by Tesseract ``eng`` and ``vie``: {truth lines, eng text, vie text}."""
    import random

    from training.render import LINES_PER_PAGE, VARIANTS, ocr_text, render_lines

    pool = [line for line in dev_lines(hold_out, 10**9)
            if 25 <= len(line) <= 75 and sum(c.isalpha() for c in line) > 0.7 * len(line)]
    random.Random(seed).shuffle(pool)
    out = []
    for p in range(pages):
        lines = pool[p * LINES_PER_PAGE:(p + 1) * LINES_PER_PAGE]
        img = render_lines(lines, *VARIANTS[p % len(VARIANTS)])
        out.append({"truth": lines, **{lang: ocr_text(img, lang=lang, psm=6)
                                         for lang in ("eng", "vie")}})
    return out


def ocr_repair(pages: list[dict], restorer) -> dict:
    """Tokens of the ``eng`` text: wrong before / after, fixed, damaged (printed bare / with marks);
    CER of the ``vie`` text before / after (restoration forced)."""
    from rapidfuzz.distance import Levenshtein

    from pipeline.restore import restore_lines
    from training.channel import match_lines
    from pipeline.restore.evaluate import align_pairs, same_syllable, words

    n = wrong_before = wrong_after = fixed = bare = marked = 0
    chars = cer_before = cer_after = 0
    for page in pages:
        for lang in ("eng", "vie"):
            printed = [line for line in page[lang].splitlines() if line.strip()]
            restored = dict(zip(printed, (r for r, _ in restore_lines(printed, restorer))))
            for truth, line in match_lines(page["truth"], printed):
                if lang == "vie":
                    chars += len(truth)
                    cer_before += Levenshtein.distance(truth, line)
                    cer_after += Levenshtein.distance(truth, restored[line])
                    continue
                t, raw, hyp = words(truth), words(line), words(restored[line])
                if len(raw) != len(hyp):
                    continue
                for i, j in align_pairs(t, raw):
                    if not t[i].isalpha():
                        continue
                    before, after = same_syllable(t[i], raw[j]), same_syllable(t[i], hyp[j])
                    n += 1
                    wrong_before += not before
                    wrong_after += not after
                    fixed += after and not before
                    if before and not after:
                        bare += raw[j] == strip_diacritics(raw[j])
                        marked += raw[j] != strip_diacritics(raw[j])
    return {"tokens": n, "wrong_before": wrong_before / max(n, 1), "wrong_after": wrong_after / max(n, 1),
            "fixed": fixed, "damaged_bare": bare, "damaged_marked": marked,
            "vie_cer_before": cer_before / max(chars, 1), "vie_cer_after": cer_after / max(chars, 1)}


def adapted(lexicon, which: str):
    """The lexicon with only the parts of document adaptation named by ``which`` (all | none | names |
    family | cache; acronyms and kept tokens always)."""
    from dataclasses import replace

    from pipeline.restore.lexicon import PhraseTable

    return replace(lexicon, names=lexicon.names if which in ("all", "names") else PhraseTable(),
                   families=lexicon.families if which in ("all", "family") else [])


def main(argv: list[str]) -> int:
    from pipeline.restore.channel import Channel
    from pipeline.restore.decode import Restorer
    from pipeline.restore.decode import NARROW_BELOW, NARROW_TO, NEURAL_WEIGHT
    from pipeline.restore.lexicon import Lexicon
    from pipeline.restore.lm import SyllableLM
    from pipeline.restore.neural import NEURAL_PATH, NeuralScorer

    ap = argparse.ArgumentParser(prog="vnreports bench restore_dev", description=__doc__.splitlines()[0])
    ap.add_argument("--lm", type=Path, required=True, help="an LM trained with --hold-out (never the committed one)")
    ap.add_argument("--hold-out", type=int, default=3000, help="the --hold-out the LM was trained with")
    ap.add_argument("--legal-docs", type=int, default=0,
                    help="also decode the last N legal_vlc documents (the LM's --hold-out-legal)")
    ap.add_argument("--wiki-articles", type=int, default=0,
                    help="also decode the N longest wiki_vi articles from --wiki-from-line on")
    ap.add_argument("--wiki-from-line", type=int, default=542420,
                    help="the --wiki-lines the dev LM was trained with (the BiGRU leaves out the same tail)")
    ap.add_argument("--ocr-pages", type=int, default=0,
                    help="also render this many pages of held-out lines, OCR them (eng, vie) and measure the repair")
    ap.add_argument("--max-syllables", type=int, default=20000)
    ap.add_argument("--candidates", type=int, nargs="+", default=[10])
    ap.add_argument("--prune", type=float, nargs="+", default=[3.5])
    ap.add_argument("--lm-weight", type=float, nargs="+", default=[1.0])
    ap.add_argument("--narrow", type=int, nargs="+", default=[NARROW_TO],
                    help="candidates kept per token for the search once the other scores are in (0: all)")
    ap.add_argument("--narrow-below", type=float, nargs="+", default=[NARROW_BELOW])
    ap.add_argument("--neural", type=Path, default=None,
                    help="BiGRU weights (default: the committed data/bigru.npz, trained without the dev slices)")
    ap.add_argument("--neural-weight", type=float, nargs="+", default=[NEURAL_WEIGHT])
    ap.add_argument("--lexicon", type=Path, default=None,
                    help="lexicon built with the same hold-outs (python -m training.lexicon --hold-out ...); "
                         "default: none, the decoder without names, families or acronyms learned")
    ap.add_argument("--adapt", nargs="+", default=["all"], choices=["all", "none", "names", "family", "cache"],
                    help="document adaptations to switch on (compared in turn when several are given)")
    ap.add_argument("--doc-lines", type=int, default=DOC_LINES, help="lines decoded together as one document")
    args = ap.parse_args(argv)
    slices = {f"{DEV_FILE}, first {args.hold_out} lines": dev_lines(args.hold_out, args.max_syllables)}
    if args.legal_docs:
        slices[f"legal_vlc, last {args.legal_docs} documents"] = legal_dev_lines(args.legal_docs, args.max_syllables)
    if args.wiki_articles:
        slices[f"wiki_vi, {args.wiki_articles} held-out articles"] = wiki_dev_lines(
            args.wiki_articles, args.max_syllables, args.wiki_from_line)
    lm, channel = SyllableLM.load(args.lm), Channel.load()
    lexicon = Lexicon.load(args.lexicon) if args.lexicon else Lexicon()
    neural = NeuralScorer.load(lm.vocab, args.neural or NEURAL_PATH)
    table = Table(title="Development slices, marks stripped")
    for col in ("slice", "candidates", "prune", "narrow", "LM weight", "BiGRU weight", "adaptation", "syllables",
                "accuracy", "syllables/s (CPU)"):
        table.add_column(col, justify="right" if col != "slice" else "left")
    for name, truth in slices.items():
        stripped = [strip_diacritics(line) for line in truth]
        for k, prune, nk, nb, weight, nw, adapt in itertools.product(
                args.candidates, args.prune, args.narrow, args.narrow_below, args.lm_weight, args.neural_weight,
                args.adapt):
            restorer = Restorer(lm, channel, max_candidates=k, prune_below=prune, narrow_to=nk, narrow_below=nb,
                                lm_weight=weight,
                                neural=neural, neural_weight=nw if neural is not None else 0.0,
                                lexicon=adapted(lexicon, adapt), cache=adapt in ("all", "cache"))
            t0 = time.process_time()
            ours = restore_documents(stripped, restorer, args.doc_lines)
            seconds = time.process_time() - t0
            ok, total = syllable_accuracy(truth, ours)
            table.add_row(name, str(k), f"{prune:g}", f"{nk}/{nb:g}", f"{weight:g}", f"{nw:g}" if neural is not None else "none",
                          adapt, f"{total:,}", f"{100 * ok / total:.2f}%", f"{total / seconds:,.0f}")
    Console().print(table)
    if args.ocr_pages:
        pages = ocr_pages(args.hold_out, args.ocr_pages)
        m = ocr_repair(pages, Restorer(lm, channel, neural=neural, neural_weight=args.neural_weight[0]
                                       if neural is not None else 0.0))
        Console().print(
            f"Held-out lines rendered and OCR'd ({args.ocr_pages} pages): eng tokens {m['tokens']:,}, wrong "
            f"{100 * m['wrong_before']:.1f}% -> {100 * m['wrong_after']:.2f}%, fixed {m['fixed']:,}, right tokens "
            f"made wrong: {m['damaged_bare']} printed bare, {m['damaged_marked']} printed with marks; "
            f"vie CER {100 * m['vie_cer_before']:.2f}% -> {100 * m['vie_cer_after']:.2f}% (restoration forced)"
        )
    Console().print("reproduce: vnreports bench restore_dev " + shlex.join(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
