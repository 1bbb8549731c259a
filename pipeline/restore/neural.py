"""A small bidirectional GRU over the *stripped* syllables of a text, run in numpy.

It reads the skeletons of the words around each token (marks and case removed, so it sees the same
input whatever the OCR kept) and scores every syllable the token may stand for. Its log-probabilities
join the channel scores before the Viterbi search, a product of experts with the trigram LM: the LM
knows exact local word sequences, the GRU generalises over the whole segment through its embeddings.

Weights (``data/bigru.npz``, float16) are trained by ``python -m training.neural``
(needs ``jax`` and ``optax``: ``pip install -e .[train]``); running needs numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from pipeline.restore.lm import BOS, NUM, UNK
from pipeline.text import skeleton

NEURAL_PATH = Path(__file__).resolve().parent / "data" / "bigru.npz"
CHUNK = 48  # tokens per sequence the GRU reads at once (its training length)
MARGIN = 8  # context tokens on each side of a chunk whose own scores are not used


def skeleton_table(vocab: list[str]) -> tuple[np.ndarray, dict[str, int]]:
    """Skeleton id of every LM vocabulary id, and the skeleton -> id map (``<s>``, ``<unk>``, ``<num>`` first)."""
    ids: dict[str, int] = {}
    table = np.zeros(len(vocab), np.int32)
    for i, w in enumerate(vocab):
        key = w if w.startswith("<") else skeleton(w)
        table[i] = ids.setdefault(key, len(ids))
    return table, ids


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def gru_scan(x: np.ndarray, wx: np.ndarray, wh: np.ndarray, bx: np.ndarray, bh: np.ndarray,
             projected: bool = False) -> np.ndarray:
    """Run a GRU over ``x`` (B, T, E): returns the states (B, T, H). Gates ordered r, z, n.
    ``projected``: ``x`` already holds the input part of the gates, ``x @ wx + bx`` (B, T, 3H)."""
    B, T = x.shape[:2]
    H = wh.shape[0]
    xs = x if projected else x @ wx + bx  # (B, T, 3H): the input part of every gate at once
    h = np.zeros((B, H), np.float32)
    out = np.empty((B, T, H), np.float32)
    for t in range(T):
        hh = h @ wh + bh
        xt = xs[:, t]
        rz = _sigmoid(xt[:, :2 * H] + hh[:, :2 * H])  # r and z together
        r, z = rz[:, :H], rz[:, H:]
        n = np.tanh(xt[:, 2 * H:] + r * hh[:, 2 * H:])
        h = n + z * (h - n)  # (1 - z) n + z h
        out[:, t] = h
    return out


@dataclass
class NeuralScorer:
    emb: np.ndarray  # (skeletons, E)
    fwd: tuple[np.ndarray, ...]  # wx, wh, bx, bh
    bwd: tuple[np.ndarray, ...]
    out_w: np.ndarray  # (its vocabulary, 2H)
    out_b: np.ndarray  # (its vocabulary,)
    skel_ids: dict[str, int]  # skeleton -> input id
    row_of: np.ndarray  # the decoder LM's ids -> rows of out_w (its <unk> row for syllables it lacks)
    skel_of_row: np.ndarray | None = None  # skeleton id of each row of out_w

    @classmethod
    def load(cls, lm_vocab: list[str], path: Path | str = NEURAL_PATH) -> "NeuralScorer | None":
        """The model for a decoder whose LM has ``lm_vocab``, or None when its file is missing
        (restoration then runs on the LM alone)."""
        path = Path(path)
        if not path.exists():
            return None
        z = np.load(path, allow_pickle=False)
        vocab = str(z["vocab"]).split("\n")
        f32 = lambda k: z[k].astype(np.float32)  # noqa: E731
        skel_of_row, ids = skeleton_table(vocab)
        index = {w: i for i, w in enumerate(vocab)}
        return cls(
            emb=f32("emb"),
            fwd=tuple(f32(f"fwd_{k}") for k in ("wx", "wh", "bx", "bh")),
            bwd=tuple(f32(f"bwd_{k}") for k in ("wx", "wh", "bx", "bh")),
            out_w=f32("out_w"),
            out_b=f32("out_b"),
            skel_ids=ids,
            row_of=np.array([index.get(w, UNK) for w in lm_vocab], np.int64),
            skel_of_row=skel_of_row,
        )

    def __post_init__(self) -> None:
        # the input part of the gates depends on the skeleton alone: one row per skeleton, computed once
        self.proj_f = self.emb @ self.fwd[0] + self.fwd[2]
        self.proj_b = self.emb @ self.bwd[0] + self.bwd[2]
        self._input_ids: dict[str, int] = {}

    def input_id(self, word: str) -> int:
        try:
            return self._input_ids[word]
        except KeyError:
            i = self._input_ids[word] = self.skel_ids.get(skeleton(word.lower()), UNK)
            return i

    def states(self, seq: np.ndarray) -> np.ndarray:
        """BiGRU states (N, 2H) for a stream of skeleton ids, read in overlapping chunks."""
        n = len(seq)
        step = CHUNK - 2 * MARGIN
        starts = list(range(-MARGIN, max(n - MARGIN, 1), step))
        padded = np.full(n + CHUNK + 2 * MARGIN, BOS, np.int64)
        padded[MARGIN:MARGIN + n] = seq
        idx = np.array(starts)[:, None] + MARGIN + np.arange(CHUNK)[None, :]
        ids = padded[idx]  # (chunks, CHUNK)
        # small matrix products: one BLAS thread is faster, and fair to the stage's process pool
        with threadpool_limits(1, user_api="blas"):
            hf = gru_scan(self.proj_f[ids], *self.fwd, projected=True)
            hb = gru_scan(self.proj_b[ids[:, ::-1]], *self.bwd, projected=True)[:, ::-1]
        h = np.concatenate([hf, hb], axis=2)[:, MARGIN:MARGIN + step]  # the middle of each chunk
        return h.reshape(-1, h.shape[2])[:n]

    def logp(self, seq: np.ndarray, cand_ids: list[np.ndarray], where: np.ndarray) -> list[np.ndarray]:
        """log10 P(candidate | stripped context) for the tokens at positions ``where`` of ``seq``.

        The model learned to choose among the syllables of one skeleton, the one it reads at that
        position: it is normalised over the candidates of that skeleton, and a candidate of another
        skeleton (a letter OCR may have confused) gets the best of their scores, no opinion.
        """
        if len(where) == 0:
            return []
        h = self.states(seq)[where]
        inputs = seq[where]
        out: list[np.ndarray | None] = [None] * len(cand_ids)
        groups: dict[tuple[int, int], list[int]] = {}
        for i, ids in enumerate(cand_ids):  # tokens read alike share their candidate array
            groups.setdefault((id(ids), int(inputs[i])), []).append(i)
        for (_, skel), members in groups.items():
            rows = self.row_of[cand_ids[members[0]]]
            judged = self.skel_of_row[rows] == skel if self.skel_of_row is not None else np.ones(len(rows), bool)
            if not judged.any():
                for i in members:
                    out[i] = np.zeros(len(rows), np.float32)
                continue
            logits = h[members] @ self.out_w[rows[judged]].T + self.out_b[rows[judged]]  # (members, judged)
            logits -= logits.max(axis=1, keepdims=True)
            lp = (logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))) / np.log(10.0)
            full = np.repeat(lp.max(axis=1, keepdims=True), len(rows), axis=1)  # no opinion: their best
            full[:, judged] = lp
            for i, row in zip(members, full.astype(np.float32)):
                out[i] = row
        return out  # type: ignore[return-value]


__all__ = ["NeuralScorer", "NEURAL_PATH", "skeleton_table", "gru_scan"]
