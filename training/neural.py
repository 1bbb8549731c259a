"""Train the BiGRU restoration scorer (``data/bigru.npz``) on the training corpora, with JAX on CPU.

    pip install -e .[train]        # jax, optax (training only; running needs numpy alone)
    python -m training.neural        # 10,000 steps, about 46 min on 2 CPU cores
    python -m training.neural --resume   # after a stop: goes on from training/checkpoints/bigru.ckpt.npz

Reads the same training files as the LM (legal_vlc, news_dantri, wiki_vi) through the committed LM's
vocabulary, minus the development slices (the first 3,000 lines of news_dantri, the last 6 legal_vlc
documents, the last 400 wiki_vi articles) so that its weight in the decoder can be set on them. Never
reads the evaluation files or the seed documents.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from pipeline.restore.lm import BOS, LM_PATH, NUM, UNK, SyllableLM
from pipeline.restore.neural import CHUNK, NEURAL_PATH, skeleton_table
from pipeline.syllables import normalize_syllable, well_formed
from training.lm import LEGAL_DOCS, corpus_lines, syllable_stream

DEV_NEWS_LINES = 3000
DEV_LEGAL_DOCS = 6
WIKI_TRAIN_LINES = 542420
CHECKPOINT = Path(__file__).resolve().parent / "checkpoints" / "bigru.ckpt.npz"  # git-ignored  # wiki_vi is alphabetical: the articles from "đà lạt" on are left out


def training_stream(lm: SyllableLM) -> np.ndarray:
    """LM ids of the training text (development slices left out); ``<s>`` at punctuation and line ends."""
    cache: dict[str, int | None] = {}

    def word_id(w: str):
        i = cache.get(w, -1)
        if i == -1:
            low = w.lower()
            i = cache[w] = lm.ids.get(normalize_syllable(low), UNK) if well_formed(low) else None
        return i

    parts = [
        syllable_stream(corpus_lines("legal_vlc.txt.gz", None, 0, LEGAL_DOCS - DEV_LEGAL_DOCS), word_id),
        syllable_stream(corpus_lines("news_dantri.txt.gz", None, DEV_NEWS_LINES), word_id),
        syllable_stream(corpus_lines("wiki_vi.txt.gz", WIKI_TRAIN_LINES, 0), word_id),
    ]
    return np.concatenate(parts).astype(np.int32)


def candidate_table(skel_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(skeletons, K) LM ids of the syllables of each skeleton (-1 padding), and each id's column."""
    groups: dict[int, list[int]] = {}
    for i, s in enumerate(skel_of.tolist()):
        if i > NUM:
            groups.setdefault(s, []).append(i)
    k = max(map(len, groups.values()))
    table = np.full((int(skel_of.max()) + 1, k), -1, np.int32)
    column = np.zeros(len(skel_of), np.int32)
    for s, ids in groups.items():
        table[s, :len(ids)] = ids
        column[ids] = np.arange(len(ids))
    return table, column


def init_params(rng: np.random.Generator, n_skel: int, n_vocab: int, e: int, h: int) -> dict:
    def u(*shape, scale):
        return (rng.uniform(-scale, scale, shape)).astype(np.float32)

    p = {"emb": u(n_skel, e, scale=0.1), "out_w": u(n_vocab, 2 * h, scale=0.05), "out_b": np.zeros(n_vocab, np.float32)}
    for d in ("fwd", "bwd"):
        p[f"{d}_wx"] = u(e, 3 * h, scale=1 / np.sqrt(e))
        p[f"{d}_wh"] = u(h, 3 * h, scale=1 / np.sqrt(h))
        p[f"{d}_bx"] = np.zeros(3 * h, np.float32)
        p[f"{d}_bh"] = np.zeros(3 * h, np.float32)
    return p


def make_step(table: np.ndarray, lr_schedule):
    import jax
    import jax.numpy as jnp
    import optax

    cand = jnp.asarray(table)

    def gru(x, wx, wh, bx, bh):
        H = wh.shape[0]
        xs = jnp.einsum("bte,eg->tbg", x, wx) + bx

        def cell(h, xt):
            hh = h @ wh + bh
            r = jax.nn.sigmoid(xt[:, :H] + hh[:, :H])
            z = jax.nn.sigmoid(xt[:, H:2 * H] + hh[:, H:2 * H])
            n = jnp.tanh(xt[:, 2 * H:] + r * hh[:, 2 * H:])
            h = (1 - z) * n + z * h
            return h, h

        _, hs = jax.lax.scan(cell, jnp.zeros((x.shape[0], H), x.dtype), xs)
        return jnp.transpose(hs, (1, 0, 2))

    def loss_fn(p, skel, target_col, mask):
        x = p["emb"][skel]
        hf = gru(x, p["fwd_wx"], p["fwd_wh"], p["fwd_bx"], p["fwd_bh"])
        hb = gru(x[:, ::-1], p["bwd_wx"], p["bwd_wh"], p["bwd_bx"], p["bwd_bh"])[:, ::-1]
        h = jnp.concatenate([hf, hb], axis=2)  # (B, T, 2H)
        ids = cand[skel]  # (B, T, K)
        valid = ids >= 0
        safe = jnp.maximum(ids, 0)
        logits = jnp.einsum("btd,btkd->btk", h, p["out_w"][safe]) + p["out_b"][safe]
        logits = jnp.where(valid, logits, -1e9)
        logp = jax.nn.log_softmax(logits, axis=-1)
        nll = -jnp.take_along_axis(logp, target_col[..., None], axis=-1)[..., 0]
        return (nll * mask).sum() / jnp.maximum(mask.sum(), 1.0), (jnp.argmax(logits, -1) == target_col) * mask

    opt = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(lr_schedule))

    @jax.jit
    def step(p, state, skel, target_col, mask):
        (loss, hits), grads = jax.value_and_grad(loss_fn, has_aux=True)(p, skel, target_col, mask)
        updates, state = opt.update(grads, state, p)
        return optax.apply_updates(p, updates), state, loss, hits.sum()

    return opt, step


def warm_start(params: dict, start, vocab: list[str]) -> dict:
    """``params`` with the weights of a model trained before (``start``, an npz of ``save``) wherever they
    apply: output rows by syllable, input embeddings by skeleton (the LM's vocabulary may have grown
    since); the rest keeps its fresh initialisation."""
    old_vocab = str(start["vocab"]).split("\n")
    out = {k: (start[k].astype(np.float32) if start[k].shape == v.shape and k not in ("emb", "out_w", "out_b")
               else v) for k, v in params.items()}
    if old_vocab == vocab:
        return {k: start[k].astype(np.float32) for k in params}
    row = {w: i for i, w in enumerate(old_vocab)}
    hit = np.array([row.get(w, -1) for w in vocab])
    for k in ("out_w", "out_b"):
        out[k] = params[k].copy()
        out[k][hit >= 0] = start[k].astype(np.float32)[hit[hit >= 0]]
    _, old_skel = skeleton_table(old_vocab)
    _, new_skel = skeleton_table(vocab)
    out["emb"] = params["emb"].copy()
    for key, i in new_skel.items():
        j = old_skel.get(key)
        if j is not None:
            out["emb"][i] = start["emb"][j].astype(np.float32)
    print(f"warm start: {int((hit >= 0).sum()):,}/{len(vocab):,} output rows carried over", file=sys.stderr)
    return out


def save_checkpoint(path: Path, params: dict, state, n: int, seen: int, rng: np.random.Generator) -> None:
    """Everything needed to go on exactly where training stopped: weights, optimiser state, step, sampler."""
    import json

    import jax

    leaves = jax.tree_util.tree_leaves(state)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, **{f"p_{k}": np.asarray(v) for k, v in params.items()},
             **{f"s_{i}": np.asarray(v) for i, v in enumerate(leaves)},
             n=np.array(n), seen=np.array(seen), rng=np.array(json.dumps(rng.bit_generator.state)))
    tmp.replace(path)


def load_checkpoint(path: Path, params: dict, state, rng: np.random.Generator):
    import json

    import jax

    z = np.load(path, allow_pickle=False)
    params = {k: jax.numpy.asarray(z[f"p_{k}"]) for k in params}
    leaves, tree = jax.tree_util.tree_flatten(state)
    state = jax.tree_util.tree_unflatten(tree, [jax.numpy.asarray(z[f"s_{i}"]) for i in range(len(leaves))])
    rng.bit_generator.state = json.loads(str(z["rng"]))
    return params, state, int(z["n"]), int(z["seen"])


def save(params: dict, vocab: list[str], out: Path, meta: dict) -> None:
    """float16 weights, the LM vocabulary they score, and the training settings (no paths)."""
    meta = {k: str(v) for k, v in meta.items() if k not in ("lm", "out", "init")}
    out.parent.mkdir(parents=True, exist_ok=True)
    arrays = {k: np.asarray(v).astype(np.float16) for k, v in params.items()}
    np.savez_compressed(out, vocab=np.array("\n".join(vocab)), **arrays, meta=np.array(repr(meta)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.neural", description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=50.0, help="training time budget")
    ap.add_argument("--batch", type=int, default=128, help="sequences of CHUNK tokens per step")
    ap.add_argument("--emb", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--steps", type=int, default=10000, help="learning-rate schedule length (cosine decay)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init", type=Path, default=None,
                    help="start from these weights (a warm restart of the schedule) instead of random ones")
    ap.add_argument("--checkpoint", type=Path, default=CHECKPOINT,
                    help="weights, optimiser state and step saved every 5 minutes and at the end")
    ap.add_argument("--resume", action="store_true", help="go on from --checkpoint (same options) where it stopped")
    ap.add_argument("--lm", type=Path, default=LM_PATH)
    ap.add_argument("--out", type=Path, default=NEURAL_PATH)
    args = ap.parse_args(argv)
    import jax
    import optax

    t0 = time.perf_counter()
    lm = SyllableLM.load(args.lm)
    skel_of, _ = skeleton_table(lm.vocab)
    table, column = candidate_table(skel_of)
    stream = training_stream(lm)
    inputs, cols = skel_of[stream], column[stream]
    # a token is learned from when it is a syllable of the vocabulary whose skeleton has several readings
    ambiguous = (table >= 0).sum(axis=1) > 1
    learn = (stream > NUM) & ambiguous[inputs]
    print(f"{len(stream):,} tokens, {int(learn.sum()):,} ambiguous, {len(table):,} skeletons, K={table.shape[1]} "
          f"({time.perf_counter() - t0:.0f}s)", file=sys.stderr, flush=True)
    rng = np.random.default_rng(args.seed)
    params = init_params(rng, len(table), len(lm.vocab), args.emb, args.hidden)
    if args.init is not None:
        params = warm_start(params, np.load(args.init, allow_pickle=False), lm.vocab)
    params = {k: jax.numpy.asarray(v) for k, v in params.items()}
    schedule = optax.cosine_decay_schedule(args.lr, args.steps, alpha=0.05)
    opt, step = make_step(table, schedule)
    state = opt.init(params)
    n, seen = 0, 0
    if args.resume and args.checkpoint.exists():
        params, state, n, seen = load_checkpoint(args.checkpoint, params, state, rng)
        print(f"resumed from {args.checkpoint} at step {n} ({seen / 1e6:.1f}M tokens)", file=sys.stderr, flush=True)
    deadline = t0 + 60 * args.minutes
    hits_sum, count_sum, loss_sum = 0.0, 0.0, 0.0
    last_save = time.perf_counter()
    while time.perf_counter() < deadline and n < args.steps:
        starts = rng.integers(0, len(stream) - CHUNK, args.batch)
        idx = starts[:, None] + np.arange(CHUNK)[None, :]
        mask = learn[idx].astype(np.float32)
        params, state, loss, hits = step(params, state, inputs[idx], cols[idx], mask)
        n += 1
        seen += args.batch * CHUNK
        loss_sum += float(loss)
        hits_sum += float(hits)
        count_sum += float(mask.sum())
        if n % 50 == 0:
            print(f"step {n}: {seen / 1e6:.1f}M tokens, loss {loss_sum / 50:.4f}, ambiguous accuracy "
                  f"{100 * hits_sum / count_sum:.2f}% ({time.perf_counter() - t0:.0f}s)", file=sys.stderr, flush=True)
            loss_sum = hits_sum = count_sum = 0.0
        if time.perf_counter() - last_save > 300:
            save(params, lm.vocab, args.out, {"steps": n, "tokens": seen, **vars(args)})
            save_checkpoint(args.checkpoint, params, state, n, seen, rng)
            last_save = time.perf_counter()
    save(params, lm.vocab, args.out, {"steps": n, "tokens": seen, **vars(args)})
    save_checkpoint(args.checkpoint, params, state, n, seen, rng)
    print(f"saved {args.out} after {n} steps, {seen / 1e6:.1f}M tokens ({time.perf_counter() - t0:.0f}s)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
