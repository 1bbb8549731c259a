"""Rebuild the committed restoration models from ``../shared/corpus`` (training files only).

    python -m training.lm lm        # syllable trigram LM -> data/lm.npz
    python -m training.lm channel   # OCR confusion counts -> data/channel.json

Never reads the evaluation files (admin_eval, ud_vtb_eval) nor the seed documents.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

from pipeline.restore.lm import BOS, LM_PATH, LOGP_MIN, NUM, NUM_TOKEN, NUMBER, UNK, quantise
from pipeline.syllables import normalize_syllable, well_formed
from pipeline.text import nfc
from training.common import REPO_ROOT, corpus_lines

TRAIN_FILES = ("legal_vlc.txt.gz", "news_dantri.txt.gz", "wiki_vi.txt.gz")
LEGAL_DOCS = 110  # documents in legal_vlc; --hold-out-legal N leaves out the last N
# Clean in-domain text: seed 001 (2017 Lai Châu report). Never seeds 000/003, the evaluation pair.
DOMAIN_FILES = (REPO_ROOT / "corpus" / "text" / "2017_lai-chau_bc-ton-vinh.txt",)


_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$")


def syllable_stream(lines, word_id) -> np.ndarray:
    """Ids of the syllables of ``lines``: numbers are ``<num>``; punctuation, foreign words and
    line ends become 0 (``<s>``, a segment boundary)."""
    out: list[int] = [BOS]
    append = out.append
    for line in lines:
        for tok in nfc(line).split():
            lead, core, trail = _EDGE.match(tok).groups()
            if lead and out[-1] != BOS:
                append(BOS)
            i = NUM if NUMBER.match(core) else word_id(core) if core.isalpha() else None
            if i is None:
                if out[-1] != BOS:
                    append(BOS)
            else:
                append(i)
            if trail and out[-1] != BOS:
                append(BOS)
        if out[-1] != BOS:
            append(BOS)
    return np.array(out, dtype=np.int32)


def _discounts(counts: np.ndarray) -> np.ndarray:
    """Modified Kneser-Ney discounts (Chen & Goodman): D[c] for counts 0, 1, 2 and 3 or more."""
    n1, n2, n3, n4 = (int((counts == c).sum()) for c in (1, 2, 3, 4))
    if min(n1, n2, n3, n4) == 0:
        return np.array([0.0, 0.5, 1.0, 1.5])
    y = n1 / (n1 + 2 * n2)
    return np.array([0.0, 1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3])


def _discount_of(counts: np.ndarray, d: np.ndarray) -> np.ndarray:
    return d[np.minimum(counts, 3).astype(np.int64)]


def _backoff_weights(ctx: np.ndarray, kept_ctx: np.ndarray, p_kept: np.ndarray, lower_kept: np.ndarray) -> np.ndarray:
    """Backoff weight per context (sorted ``ctx``) once pruned entries are left to the lower order:
    the probability mass of the context's missing words over their lower-order mass."""
    i = np.searchsorted(ctx, kept_ctx)
    hi = np.bincount(i, weights=p_kept, minlength=len(ctx))
    lo = np.bincount(i, weights=lower_kept, minlength=len(ctx))
    return np.maximum(1.0 - hi, 1e-6) / np.maximum(1.0 - lo, 1e-6)


def _group_sum(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique sorted keys, sum of values per key, number of entries per key."""
    u, inv, n = np.unique(keys, return_inverse=True, return_counts=True)
    return u, np.bincount(inv, weights=values).astype(np.float64), n


def train_lm(args) -> int:
    t0 = time.perf_counter()
    cache: dict[str, int | None] = {}
    counts: dict[str, int] = {}
    vocab = ["<s>", "<unk>", NUM_TOKEN]

    def word_id(w: str):
        i = cache.get(w, -1)
        if i != -1:
            return i
        low = w.lower()
        if well_formed(low):
            s = normalize_syllable(low)
            i = counts.get(s)
            if i is None:
                i = counts[s] = len(vocab)
                vocab.append(s)
        else:
            i = None
        cache[w] = i
        return i

    streams = []
    for name in TRAIN_FILES:
        limit = args.wiki_lines if name.startswith("wiki") else None
        skip = args.hold_out if name.startswith("news") else 0
        max_docs = LEGAL_DOCS - args.hold_out_legal if name.startswith("legal") and args.hold_out_legal else None
        s = syllable_stream(corpus_lines(name, limit, skip, max_docs), word_id)
        streams.append(s)
        print(f"{name}: {int((s > 1).sum()):,} syllables ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    if args.lexicon_weight:
        from training.lexicon import domain_lines

        s = syllable_stream(domain_lines(), word_id)
        streams += [s] * args.lexicon_weight
        print(f"gazetteer, organisations, family phrases: {int((s > 1).sum()):,} syllables x {args.lexicon_weight}",
              file=sys.stderr)
    for path in args.domain:
        text = Path(path).read_text(encoding="utf-8").replace("*", " ").splitlines()
        s = syllable_stream(text, word_id)
        streams += [s] * args.domain_weight
        print(f"{path}: {int((s > 1).sum()):,} syllables x {args.domain_weight} (in-domain)", file=sys.stderr)
    seq = np.concatenate(streams)
    # keep syllables seen at least min_count times; the rest become <unk>
    freq = np.bincount(seq, minlength=len(vocab))
    keep = freq >= args.min_count
    keep[[BOS, UNK, NUM]] = True
    remap = np.full(len(vocab), UNK, dtype=np.int64)
    remap[keep] = np.arange(int(keep.sum()))
    vocab = [w for w, k in zip(vocab, keep) if k]
    seq = remap[seq]
    V = len(vocab)
    assert V < 65536
    n_syl = int((seq > 1).sum())

    x, y, z = seq[:-2], seq[1:-1], seq[2:]
    ok = y != BOS
    k3, c3 = np.unique((x[ok] << 32) | (y[ok] << 16) | z[ok], return_counts=True)
    # bigrams: raw counts after <s>, continuation counts (distinct left words) elsewhere
    b_raw = np.unique((seq[:-1] << 16) | seq[1:], return_counts=True)
    start = (b_raw[0] >> 16) == BOS
    k2_cont, a2_cont = np.unique(k3 & 0xFFFFFFFF, return_counts=True)
    k2 = np.concatenate([b_raw[0][start], k2_cont])
    a2 = np.concatenate([b_raw[1][start], a2_cont]).astype(np.float64)
    order = np.argsort(k2)
    k2, a2 = k2[order], a2[order]
    drop = (k2 & 0xFFFF) == BOS
    drop &= (k2 >> 16) == BOS
    k2, a2 = k2[~drop], a2[~drop]
    # unigrams: distinct left neighbours
    a1 = np.bincount(k2 & 0xFFFF, minlength=V).astype(np.float64)
    a1[BOS] = 0
    p1 = (a1 + 0.1) / (a1.sum() + 0.1 * V)
    p1[BOS] = 1e-12

    d2, d3 = _discounts(a2), _discounts(c3)
    disc2, disc3 = _discount_of(a2, d2), _discount_of(c3, d3)
    y2 = k2 >> 16
    A2 = np.bincount(y2, weights=a2, minlength=V)
    G2 = np.bincount(y2, weights=disc2, minlength=V)  # discount mass freed per context
    gamma2 = np.where(A2 > 0, G2 / np.maximum(A2, 1), 1.0)
    p2 = np.maximum(a2 - disc2, 0) / A2[y2] + gamma2[y2] * p1[k2 & 0xFFFF]

    ctx_all, C3, _ = _group_sum(k3 >> 16, c3.astype(np.float64))
    _, G3, _ = _group_sum(k3 >> 16, disc3)
    gamma3 = G3 / C3
    ci = np.searchsorted(ctx_all, k3 >> 16)
    lower = p2[np.searchsorted(k2, k3 & 0xFFFFFFFF)]
    p3 = np.maximum(c3 - disc3, 0) / C3[ci] + gamma3[ci] * lower

    # prune: trigrams and bigrams seen once are left to the backoff
    keep3 = c3 >= args.min_trigram
    keep2 = a2 >= args.min_bigram
    keep2 |= (k2 >> 16) == BOS
    k3s, p3s = k3[keep3], p3[keep3]
    ctx3, ctx3_len = np.unique(k3s >> 16, return_counts=True)
    bow3 = _backoff_weights(ctx3, k3s >> 16, p3s, lower[keep3])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        vocab=np.array("\n".join(vocab)),
        uni=quantise(np.log10(p1)),
        bow2=quantise(np.log10(gamma2)),
        keys2=k2[keep2].astype(np.uint32),
        p2=quantise(np.log10(p2[keep2])),
        ctx3=ctx3.astype(np.uint32),
        ctx3_len=ctx3_len.astype(np.uint32),
        bow3=quantise(np.log10(bow3)),
        z3=(k3s & 0xFFFF).astype(np.uint16),
        p3=quantise(np.log10(p3s)),
    )
    print(
        f"vocab {V:,}, syllables {n_syl:,}, bigrams {int(keep2.sum()):,}/{len(k2):,}, "
        f"trigrams {int(keep3.sum()):,}/{len(k3):,}, D2={d2[1:].round(2).tolist()} D3={d3[1:].round(2).tolist()}, "
        f"{args.out.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t0:.0f}s (LOGP_MIN={LOGP_MIN})",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.lm", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    lm = sub.add_parser("lm", help="train the syllable trigram LM")
    lm.add_argument("--wiki-lines", type=int, default=None, help="read only this many lines of wiki_vi")
    lm.add_argument("--min-count", type=int, default=3, help="syllables rarer than this become <unk>")
    lm.add_argument("--min-bigram", type=int, default=1)
    lm.add_argument("--min-trigram", type=int, default=2)
    lm.add_argument("--hold-out", type=int, default=0,
                    help="leave out the first N lines of news_dantri (a development set for tuning)")
    lm.add_argument("--hold-out-legal", type=int, default=0,
                    help="leave out the last N documents of legal_vlc (a development set in the administrative register)")
    lm.add_argument("--out", type=Path, default=LM_PATH)
    lm.add_argument("--domain", nargs="*", default=[str(p) for p in DOMAIN_FILES],
                    help="in-domain clean text added with --domain-weight (default: seed 001 only)")
    lm.add_argument("--domain-weight", type=int, default=10)
    lm.add_argument("--lexicon-weight", type=int, default=3,
                    help="times the gazetteer's units (as running text names them), the listed organisations and "
                         "the families' phrases are counted (training.lexicon.domain_lines; 0: left out)")
    ch = sub.add_parser("channel", help="learn OCR confusions from rendered training lines")
    ch.add_argument("--lines", type=int, default=240)
    ch.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.what == "lm":
        return train_lm(args)
    from training.channel import train_channel

    return train_channel(args)


if __name__ == "__main__":
    sys.exit(main())
