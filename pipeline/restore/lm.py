"""Syllable trigram language model (interpolated Kneser-Ney, stored in backoff form).

The model is a handful of numpy arrays in ``data/lm.npz`` (written by ``train.py lm``):

* ``vocab``: the syllables, id 0 = segment boundary ``<s>``, id 1 = ``<unk>``, id 2 = ``<num>`` (any number);
* ``uni``: log10 p(z) per id; ``bow2``: log10 backoff weight of a one-syllable context;
* bigrams ``(y, z)`` as sorted keys ``y << 16 | z`` with their log10 p(z|y);
* trigram contexts ``x << 16 | y`` (sorted) with their backoff weight and the number of
  trigrams each holds, and the trigram words ``z`` in context order with log10 p(z|x, y).

Probabilities are quantised to uint16 over [LOGP_MIN, 0].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
LM_PATH = DATA_DIR / "lm.npz"
BOS, UNK, NUM = 0, 1, 2
NUM_TOKEN = "<num>"
NUMBER = re.compile(r"^\d+(?:[.,/:-]\d+)*%?$")  # a token the LM reads as <num>
LOGP_MIN = -12.0
_Q = 65535


def quantise(logp: np.ndarray) -> np.ndarray:
    x = np.clip((np.asarray(logp, dtype=np.float64) - LOGP_MIN) / -LOGP_MIN, 0.0, 1.0)
    return np.round(x * _Q).astype(np.uint16)


def dequantise(q: np.ndarray) -> np.ndarray:
    return (q.astype(np.float32) / _Q) * np.float32(-LOGP_MIN) + np.float32(LOGP_MIN)


@dataclass
class SyllableLM:
    vocab: list[str]
    uni: np.ndarray
    bow2: np.ndarray
    keys2: np.ndarray
    p2: np.ndarray
    ctx3: np.ndarray
    bow3: np.ndarray
    keys3: np.ndarray
    p3: np.ndarray

    def __post_init__(self) -> None:
        self.ids = {w: i for i, w in enumerate(self.vocab)}

    @classmethod
    def load(cls, path: Path | str = LM_PATH) -> "SyllableLM":
        path = Path(path)
        if not path.exists():
            from pipeline.errors import MissingDependency

            raise MissingDependency(f"language model {path} is missing; rebuild it: python -m training.lm lm")
        z = np.load(path, allow_pickle=False)
        ctx3 = z["ctx3"].astype(np.int64)
        keys3 = (np.repeat(ctx3, z["ctx3_len"].astype(np.int64)) << 16) | z["z3"].astype(np.int64)
        return cls(
            vocab=str(z["vocab"]).split("\n"),
            uni=dequantise(z["uni"]),
            bow2=dequantise(z["bow2"]),
            keys2=z["keys2"].astype(np.int64),
            p2=dequantise(z["p2"]),
            ctx3=ctx3,
            bow3=dequantise(z["bow3"]),
            keys3=keys3,
            p3=dequantise(z["p3"]),
        )

    def id(self, syllable: str) -> int:
        return self.ids.get(syllable, UNK)

    def score(self, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
        """log10 p(z | x, y) for arrays of ids (vectorised)."""
        x, y, z = (np.asarray(a, dtype=np.int64) for a in (x, y, z))
        return self.score_keys((x << 32) | (y << 16) | z)

    def score_keys(self, keys: np.ndarray) -> np.ndarray:
        """log10 p(z | x, y) for packed trigram keys ``x << 32 | y << 16 | z``."""
        y, z = (keys >> 16) & 0xFFFF, keys & 0xFFFF
        k2 = keys & 0xFFFFFFFF
        lp = self.bow2[y] + self.uni[z]
        found2, v2 = _lookup(self.keys2, k2, self.p2)
        lp = np.where(found2, v2, lp)
        foundc, bw = _lookup(self.ctx3, keys >> 16, self.bow3)
        lp = np.where(foundc, lp + bw, lp)
        found3, v3 = _lookup(self.keys3, keys, self.p3)
        return np.where(found3, v3, lp)

    def score_grid(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        """log10 p(c_k | a_i, b_j) for rows of candidate ids, shape (N, K) each, -1 for padding.

        Returns (N, K, K, K). Each (a, b) context and each (b, c) bigram is looked up once and
        trigrams only under the contexts the model holds; padded cells are 0.
        """
        n, k = a.shape
        ctx = np.zeros((n, k, k), np.float32)
        ctx_mask = (a >= 0)[:, :, None] & (b >= 0)[:, None, :]
        ctx_keys = (a[:, :, None] << 16) | b[:, None, :]
        found_c, bow = _lookup(self.ctx3, ctx_keys[ctx_mask], self.bow3)
        held = np.zeros((n, k, k), bool)
        held[ctx_mask] = found_c
        ctx[ctx_mask] = np.where(found_c, bow, 0.0)
        big = np.zeros((n, k, k), np.float32)
        big_mask = (b >= 0)[:, :, None] & (c >= 0)[:, None, :]
        bb = np.broadcast_to(b[:, :, None], (n, k, k))[big_mask]
        cc = np.broadcast_to(c[:, None, :], (n, k, k))[big_mask]
        found_b, p2 = _lookup(self.keys2, (bb << 16) | cc, self.p2)
        big[big_mask] = np.where(found_b, p2, self.bow2[bb] + self.uni[cc])
        table = ctx[:, :, :, None] + big[:, None, :, :]
        rows, ia, ib = np.nonzero(held)
        if len(rows):
            keys = (ctx_keys[rows, ia, ib] << 16)[:, None] | c[rows]
            ok = np.broadcast_to((c[rows] >= 0), keys.shape)
            found_t, p3 = _lookup(self.keys3, keys[ok], self.p3)
            sub = table[rows, ia, ib]
            cur = sub[ok]
            sub[ok] = np.where(found_t, p3, cur)
            table[rows, ia, ib] = sub
        return table

    def sentence_logp(self, words: list[str]) -> float:
        ids = [BOS, BOS] + [self.id(w) for w in words] + [BOS]
        a = np.array(ids)
        return float(self.score(a[:-2], a[1:-1], a[2:]).sum())


def _lookup(keys: np.ndarray, query: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(keys) == 0:
        return np.zeros(query.shape, bool), np.zeros(query.shape, np.float32)
    idx = np.searchsorted(keys, query)
    idx = np.minimum(idx, len(keys) - 1)
    return keys[idx] == query, values[idx]
