"""Lattice decoding: tokens -> candidate syllables -> best path under channel + trigram LM.

A document (or one line) is cut into tokens; each token is either *kept* (numbers, symbols,
URLs, acronyms, anything that reads as no syllable) or *restorable* with a short list of
candidate syllables and their channel log-probabilities. Runs of restorable tokens between
punctuation form segments, decoded exactly by Viterbi over (previous, current) syllable pairs
(a trigram LM); forward and backward max-scores give each candidate a confidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from pipeline.restore.channel import Channel, obs_form
from pipeline.restore.lm import BOS, NUM_TOKEN, NUMBER, SyllableLM
from pipeline.restore.syllables import apply_case
from pipeline.text import nfc, skeleton

# acronyms OCR prints without their Đ, and the ones that are right as printed
ACRONYM_FIX = {"BCD": "BCĐ", "VDHMTN": "VĐHMTN", "CTD": "CTĐ", "HDND": "HĐND", "QD": "QĐ", "ND": "NĐ", "TD": "TĐ"}
KNOWN_ACRONYMS = frozenset(
    "HMTN UBND BCĐ VĐHMTN CTĐ TNCS HĐND MTTQ BCH KH BC QĐ NĐ CP TT UB TW HCM VN STTTT TTTT LĐLĐ CĐ ĐTN".split()
)
_TOKEN = re.compile(r"\S+")
_CORE = re.compile(r"^([^\w¥€¢&]*)(.*?)([^\w¥€¢&]*)$", re.S)
_CONFUSABLE_NON_LETTERS = set("0134689¥€¢&")
_SYMBOL_PART = re.compile(r"[A-Za-zĐđ]+")


@dataclass
class Token:
    raw: str  # the core of a whitespace token (no leading/trailing punctuation)
    start: int  # offset of the core in the text
    lead: str = ""
    trail: str = ""
    candidates: list[str] = field(default_factory=list)
    chan: np.ndarray | None = None  # log10 channel score per candidate
    restored: str = ""
    fixed: bool = False  # a number: kept as printed, seen by the LM as <num>
    conf: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.raw)


@dataclass
class Restorer:
    lm: SyllableLM
    channel: Channel
    max_candidates: int = 8
    lm_weight: float = 1.0
    flag_below: float = 0.6

    def __post_init__(self) -> None:
        self.by_skeleton: dict[str, list[str]] = {}
        for w in self.lm.vocab[2:]:
            self.by_skeleton.setdefault(skeleton(w), []).append(w)
        self.prefixes = frozenset(k[:i] for k in self.by_skeleton for i in range(len(k) + 1))
        self._cands: dict[tuple[str, int, float], tuple[list[str], np.ndarray]] = {}

    # -- tokens ---------------------------------------------------------------------------------
    def tokenize(self, text: str, stripped: float = 0.0) -> list[Token]:
        """Tokens of ``text``; ``stripped`` is the share of marks the whole text lost (see Channel.logp)."""
        out = []
        for m in _TOKEN.finditer(text):
            lead, core, trail = _CORE.match(m.group(0)).groups()
            if not core:
                continue
            tok = Token(raw=core, start=m.start() + len(lead), lead=lead, trail=trail, restored=core)
            self._prepare(tok, stripped)
            out.append(tok)
        return out

    def _prepare(self, tok: Token, stripped: float) -> None:
        core = tok.raw
        if NUMBER.match(core):
            tok.candidates, tok.chan, tok.fixed = [NUM_TOKEN], np.zeros(1, np.float32), True
            return
        fixed = fix_symbol(core)
        if fixed is not None:
            tok.restored = fixed
            return
        if not any(c.isalpha() for c in core) or len(core) > 8:
            return
        if any(not c.isalpha() and c not in _CONFUSABLE_NON_LETTERS for c in core):
            return
        if sum(c.isdigit() for c in core) > 1 or core.isdigit():
            return
        letters = [c for c in core if c.isalpha()]
        limit = None
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            # upper case: a title word or an acronym; only printed look-alikes may change letters
            limit = sum(c in _CONFUSABLE_NON_LETTERS or c == "P" for c in core)
        cands, chan = self.candidates(obs_form(core), limit, stripped)
        if cands:
            tok.candidates = cands
            tok.chan = chan

    def candidates(
        self, printed: str, max_changes: int | None = None, stripped: float = 0.0
    ) -> tuple[list[str], np.ndarray]:
        """Up to ``max_candidates`` syllables OCR may have printed as ``printed``, with log10 channel scores."""
        if max_changes is None:
            max_changes = 1 if len(printed) <= 2 else 2 if len(printed) <= 5 else 3
        stripped = round(stripped, 1)
        key = (printed, max_changes, stripped)
        hit = self._cands.get(key)
        if hit is not None:
            return hit
        scored: dict[str, float] = {}
        for bare, pieces in self.channel.segmentations(printed, self.prefixes, max_changes):
            for syl in self.by_skeleton.get(bare, ()):
                s = self.channel.word_logp(pieces, syl, stripped)
                if s > scored.get(syl, -math.inf):
                    scored[syl] = s
        if not scored:
            hit = ([], np.zeros(0, np.float32))
        else:
            uni = self.lm.uni
            ranked = sorted(scored, key=lambda w: scored[w] + uni[self.lm.id(w)], reverse=True)
            ranked = ranked[: self.max_candidates]
            hit = (ranked, np.array([scored[w] for w in ranked], dtype=np.float32))
        self._cands[key] = hit
        return hit

    # -- decoding -------------------------------------------------------------------------------
    def restore_tokens(self, tokens: list[Token]) -> list[Token]:
        segments: list[list[Token]] = []
        cur: list[Token] = []
        for tok in tokens:
            if tok.candidates and not tok.lead:
                cur.append(tok)
            elif tok.candidates:
                if cur:
                    segments.append(cur)
                cur = [tok]
            else:
                if cur:
                    segments.append(cur)
                cur = []
                continue
            if tok.trail:
                segments.append(cur)
                cur = []
        if cur:
            segments.append(cur)
        self._decode(segments)
        return tokens

    def _decode(self, segments: list[list[Token]]) -> None:
        # one vectorised LM call for every trigram of every segment
        keys, shapes = [], []
        bos = np.array([BOS], dtype=np.int64)
        for seg in segments:
            ids = [bos, bos] + [np.array([self.lm.id(c) for c in t.candidates], dtype=np.int64) for t in seg] + [bos]
            for i in range(2, len(ids)):
                a, b, c = ids[i - 2], ids[i - 1], ids[i]
                keys.append(((a[:, None, None] << 32) | (b[None, :, None] << 16) | c[None, None, :]).ravel())
                shapes.append((len(a), len(b), len(c)))
        if not shapes:
            return
        scores = self.lm.score_keys(np.concatenate(keys)) * self.lm_weight
        pos = 0
        tables = []
        for shape in shapes:
            n = shape[0] * shape[1] * shape[2]
            tables.append(scores[pos:pos + n].reshape(shape))
            pos += n
        k = 0
        for seg in segments:
            self._viterbi(seg, tables[k:k + len(seg) + 1])
            k += len(seg) + 1

    def _viterbi(self, seg: list[Token], T: list[np.ndarray]) -> None:
        n = len(seg)
        ch = [t.chan for t in seg]
        D = [T[0][0] + ch[0][None, :]]  # state (prev, cur): shape (1, k0)
        back = [None]
        for i in range(1, n):
            m = D[-1][:, :, None] + T[i]  # (a, b, c)
            back.append(m.argmax(axis=0))
            D.append(m.max(axis=0) + ch[i][None, :])
        B = [None] * n
        B[n - 1] = T[n][:, :, 0]
        for i in range(n - 1, 0, -1):
            m = T[i] + (ch[i][None, None, :] + B[i][None, :, :])
            B[i - 1] = m.max(axis=2)
        # best path
        last = D[n - 1] + B[n - 1]
        a, b = np.unravel_index(int(last.argmax()), last.shape)
        path = [int(b)]
        for i in range(n - 1, 0, -1):
            prev = int(back[i][a, b]) if i > 1 else 0
            path.append(int(a))
            a, b = prev, a
        path.reverse()
        ln10 = math.log(10.0)
        for i, tok in enumerate(seg):
            if tok.fixed:
                continue
            mm = (D[i] + B[i]).max(axis=0) * ln10
            p = np.exp(mm - mm.max())
            p /= p.sum()
            best = path[i]
            order = np.argsort(-p)
            tok.conf = float(p[best])
            tok.alternatives = [(tok.candidates[j], round(float(p[j]), 4)) for j in order[:4] if j != best][:3]
            tok.restored = apply_case(tok.raw, tok.candidates[best])


def fix_symbol(core: str) -> str | None:
    """A document symbol, acronym, number, date or URL: returned with Đ restored, else None."""
    if core in ACRONYM_FIX:
        return ACRONYM_FIX[core]
    if core in KNOWN_ACRONYMS:
        return core
    if "://" in core or core.startswith("www.") or "@" in core:
        return core
    if re.search(r"[/\d]", core) and re.search(r"[/\-.]", core):
        return _SYMBOL_PART.sub(lambda m: ACRONYM_FIX.get(m.group(0), m.group(0)), core)
    return None


def restored_text(text: str, tokens: list[Token]) -> tuple[str, list[tuple[Token, int, int]]]:
    """Rebuild the text with every token's restoration; returns it with restored offsets per token."""
    parts, pos, spans, shift = [], 0, [], 0
    for t in tokens:
        parts.append(text[pos:t.start])
        rs = t.start + shift
        parts.append(t.restored)
        shift += len(t.restored) - len(t.raw)
        spans.append((t, rs, rs + len(t.restored)))
        pos = t.end
    parts.append(text[pos:])
    return nfc("".join(parts)), spans
