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

from pipeline.restore import adapt
from pipeline.restore.channel import Channel, obs_form
from pipeline.restore.lexicon import Family, Lexicon
from pipeline.restore.lm import BOS, NUM, NUM_TOKEN, NUMBER, SyllableLM
from pipeline.restore.neural import NeuralScorer
from pipeline.syllables import apply_case, normalize_syllable, well_formed
from pipeline.text import nfc, skeleton

_TOKEN = re.compile(r"\S+")
_ROW_NUMBER = re.compile(r"(?<!\S)\d[\d.,]*%?(?!\S)")
_CORE = re.compile(r"^([^\w¥€¢&]*)(.*?)([^\w¥€¢&]*)$", re.S)
_CONFUSABLE_NON_LETTERS = set("0134689¥€¢&@")
# letters no Vietnamese word writes so, which OCR makes of others: a q without its u ("tanq"); ("cl" is no such
# evidence: "clo", names)
_NO_VIETNAMESE = re.compile(r"q(?!u)")
_LONE_SIGNS = frozenset("¥€¢&@")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SYMBOL_PART = re.compile(r"[A-Za-zĐđ]+")
_ACRONYM_PAIR = re.compile(r"[A-ZĐ]{2,}(?:-[A-ZĐ]{2,})+")  # ND-CP, TT-BYT
_WORD = re.compile(r"[^\W_]+")
# Share of words no syllable could be above which a text counts as noisy OCR: clean prose, marks
# stripped or not, sits under 0.05 (seeds 001/003, stripped admin/ud text); old OCR over 0.15.
NOISY_SHARE = 0.1
# Share of the words printed with a mark that are no syllable (``hién``, ``nguyén``: a tone kept, its
# vowel's hat lost) above which a text counts as OCR output too: clean text measures under 0.01 (seeds
# 001/003, news), English-only OCR 0.67-0.80; text that only lost its marks has no marked word at all.
DAMAGED_MARKS_SHARE = 0.25
# A text that lost less than this share of its marks (``stripped``) and shows no OCR damage keeps every
# syllable printed with its marks as it is: there the marks are evidence no model overrules.
KEEP_MARKED_BELOW = 0.5
NEG = np.float32(-1e9)  # log score of an impossible cell
BATCH_CELLS = 4096  # segments x positions decoded together
# The BiGRU reads skeletons and ignores the marks a text kept: it helps text that lost all its marks
# and is clean otherwise, and (measured on held-out OCR'd pages) not OCR output, where the printed
# marks are evidence and the skeletons are unsure.
NEURAL_MIN_STRIPPED = 0.9
# candidates kept per token for the search (see Restorer._narrow); set on the development slices:
# vnreports bench restore_dev --narrow 0 3 4 5 6 (4: -0.04 points on news, 1.4x the speed; 6: no loss, 1.2x).
# Only once the BiGRU has scored the candidates (without it: news 96.17% -> 94.57%), and not in OCR-damaged
# text, whose candidates of other skeletons need the LM to be told apart.
NARROW_TO, NARROW_BELOW = 5, 3.5
NEURAL_WEIGHT = 0.5  # set on the development slices: vnreports bench restore_dev --neural-weight 0.5 0.7 1


_SECTION_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[ivx]{1,4})$")
_LONE_BRACKET = re.compile(r"(?<!\S)[\[\]](?!\S)")
_BAR_LIKE = re.compile(r"(?<!\S)[lI!](?!\S)")  # a table's bar OCR printed as a letter: "65 I 33 l 29"
# words a Roman numeral follows ("Đợt I", "Quý I", "Cụm I"; OCR's "Pot" for Đợt): there "I" is a numeral, no bar
_NUMERAL_AFTER = frozenset("dot pot quy phan cum khu muc chuong doan nhom loai khoi doi to hang cap vung ky lan".split())


def _bars_read_as_letters(text: str, tokens: list) -> None:
    """A table line whose bars OCR printed as lone letters (``5 Xa Thanh Hoa I 65 I 33 l 29 | 62``): those letters
    are bars, kept as ``|`` (no syllable ``ủ`` or ``i``). A line is a table's when it holds three bars or look-alikes
    and a real bar or two figures; a lone ``l`` is always a bar there (no word), ``I`` unless a numeral's word
    precedes it."""
    looks = list(_BAR_LIKE.finditer(text))
    brackets = len(_LONE_BRACKET.findall(text))  # "[", "]" alone: bars too (kept as printed)
    if not looks or text.count("|") + len(looks) + brackets < 3 \
            or not (text.count("|") or len(_ROW_NUMBER.findall(text)) >= 2
                    or len(looks) + brackets >= 4 and _ROW_NUMBER.search(text)):
        return  # (a total row of bars and one figure: "l  [ Tong c6ng   I   !   [   !  48.372.000")
    at = {m.start() for m in looks}
    for k, tok in enumerate(tokens):
        if tok.start not in at or tok.lead or tok.trail or tok.glued:
            continue
        before = tokens[k - 1].raw.lower() if k else ""
        if tok.raw == "I" and before in _NUMERAL_AFTER:
            continue
        tok.candidates, tok.chan, tok.ids, tok.fixed, tok.restored = [], None, None, False, "|"


_ITEM_LETTER = re.compile(r"^[a-zđ]$")  # a lettered item's mark ("d) Đợt ngày ..."): a letter, no syllable ("ở)")


@dataclass
class Token:
    raw: str  # the core of a whitespace token (no leading/trailing punctuation)
    start: int  # offset of the core in the text
    lead: str = ""
    trail: str = ""
    candidates: list[str] = field(default_factory=list)
    chan: np.ndarray | None = None  # log10 channel score per candidate
    ids: np.ndarray | None = None  # LM id per candidate
    restored: str = ""
    stripped: float = 0.0  # the share of its marks the text lost (the channel's setting for this token)
    noisy: bool = False  # the text shows OCR damage beyond lost marks
    skel: str = ""  # the printed core's skeleton (lower case, no marks)
    first: bool = False  # the first token of its line
    fixed: bool = False  # a number: kept as printed, seen by the LM as <num>
    conf: float = 1.0
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    glued: bool = False  # printed glued to the token before it (``XaTaBa``): restored with a space between

    @property
    def end(self) -> int:
        return self.start + len(self.raw)


GLUED_MIN = 5  # letters of a lower-case token that may be two syllables OCR glued together
GLUED_MAX = 14  # and at most (a Vietnamese syllable has at most 7 letters: "nghiêng")
GLUED_CHANNEL_MIN = -1.5  # log10 channel score each piece's best reading needs (``line`` as liếc: -7.1)


@dataclass
class Restorer:
    lm: SyllableLM
    channel: Channel
    max_candidates: int = 10
    prune_below: float = 3.5  # drop candidates this far (log10 channel + unigram) below the best
    lm_weight: float = 1.0
    flag_below: float = 0.6
    neural: "NeuralScorer | None" = None  # BiGRU over the stripped text (pipeline.restore.neural)
    neural_weight: float = NEURAL_WEIGHT  # its log-probabilities' weight beside the channel and the LM
    narrow_to: int = NARROW_TO  # candidates kept per token for the search, once every score but the LM's is in
    narrow_below: float = NARROW_BELOW  # ... and none this far (log10) below the best
    lexicon: Lexicon = field(default_factory=Lexicon)  # names, family vocabularies, acronyms, kept tokens
    cache: bool = True  # a second decoding that prefers the document's own confident readings

    def __post_init__(self) -> None:
        self.by_skeleton: dict[str, list[str]] = {}
        for w in self.lm.vocab:
            if not w.startswith("<"):  # <s>, <unk>, <num>
                self.by_skeleton.setdefault(skeleton(w), []).append(w)
        self.prefixes = frozenset(k[:i] for k in self.by_skeleton for i in range(len(k) + 1))
        self._cands: dict[tuple[str, int, float, bool], tuple[list[str], np.ndarray]] = {}
        self._readings: dict[tuple[str, float, bool], tuple] = {}  # printed token -> _reading()
        self._unknown: dict[str, bool | None] = {}  # word -> no syllable has its skeleton (None: not a word)

    # -- tokens ---------------------------------------------------------------------------------
    def unknown_share(self, text: str) -> float:
        """Share of words (numbers aside) that no syllable could be, marks aside: OCR noise."""
        flags = [f for f in map(self._no_syllable, _WORD.findall(text)) if f is not None]
        return sum(flags) / len(flags) if flags else 0.0

    def ocr_damaged(self, text: str) -> bool:
        """Whether a text shows OCR damage beyond lost marks (see ``NOISY_SHARE``, ``DAMAGED_MARKS_SHARE``):
        only then may the channel read a printed letter as another one."""
        if self.unknown_share(text) > NOISY_SHARE:
            return True
        # words in Latin letters that carry a mark (other scripts, such as Chinese names, are no evidence)
        marked = [w.lower() for w in _WORD.findall(text) if not w.isascii() and skeleton(w).isascii()]
        bad = sum(not well_formed(w) for w in marked)
        return bad >= 2 and bad > DAMAGED_MARKS_SHARE * len(marked)

    def _no_syllable(self, word: str) -> bool | None:
        try:
            return self._unknown[word]
        except KeyError:
            skel = skeleton(word.lower())
            # numbers and other scripts than Latin (Chinese names) say nothing: None
            hit = None if word.isdigit() or not skel.isascii() else skel not in self.by_skeleton
            self._unknown[word] = hit
            return hit

    def tokenize(self, text: str, stripped: float = 0.0, noisy: bool = False) -> list[Token]:
        """Tokens of ``text``. ``stripped``: the share of marks the whole text lost (see Channel.logp);
        ``noisy``: the text is OCR output with added characters (see ``NOISY_SHARE``)."""
        out = []
        stripped = round(stripped, 1)
        readings = self._readings
        row = noisy and len(_ROW_NUMBER.findall(text)) >= 2  # a table row of OCR text: cells may be glued
        for m in _TOKEN.finditer(text):
            lead, core, trail = _CORE.match(m.group(0)).groups()
            if not core:
                continue
            start = m.start() + len(lead)
            parts = self._glued_parts(core) if row else [(0, len(core))]
            if noisy and len(parts) == 1:
                parts = self._glued_syllables(core, stripped)
            for k, (a, b) in enumerate(parts):
                part = core[a:b]
                tok = Token(raw=part, start=start + a, lead=lead if a == 0 else "", trail=trail if b == len(core) else "",
                            restored=part, stripped=stripped, noisy=noisy, glued=k > 0)
                key = (part, stripped, noisy)
                reading = readings.get(key)
                if reading is None:
                    reading = readings[key] = (*self._reading(part, stripped, noisy), skeleton(part))
                tok.candidates, tok.chan, tok.ids, tok.fixed, restored, tok.skel = reading
                if restored is not None:
                    tok.restored = restored
                if not out and (_SECTION_NUMBER.match(part) and trail[:1] in ".)" or _ITEM_LETTER.match(part)
                                and trail[:1] == ")"):
                    # a heading's Roman numeral ("IV.", "V.") or an item's letter ("d)"): no syllable ("Ư.", "ở)"),
                    # and no context for the heading
                    tok.candidates, tok.chan, tok.ids, tok.fixed, tok.restored = [], None, None, False, part
                tok.first = not out
                out.append(tok)
        _bars_read_as_letters(text, out)
        return out

    def _glued_parts(self, core: str) -> list[tuple[int, int]]:
        """Where a printed token holds several capitalised syllables OCR glued together (``XaTaBa``,
        ``XaMucCa``: a narrow table cell loses its spaces), the (start, end) of each; else the whole token.
        Only in rows of OCR text (``noisy``, two numbers or more on the line): in prose, ``YouTube`` is a name.
        Cut before each capital that follows a small letter (or ``@``/``&``, OCR's o and e), when every
        piece has a vowel and no piece is a lone letter; a word of the lexicon (an acronym, a unit symbol)
        is never cut."""
        cuts = [i for i in range(1, len(core)) if core[i].isupper() and (core[i - 1].islower() or core[i - 1] in "@&")]
        if not cuts or core.lower() in self.lexicon.kept:
            return [(0, len(core))]
        bounds = [0, *cuts, len(core)]
        pieces = list(zip(bounds, bounds[1:]))
        for a, b in pieces:  # a vowel, or a look-alike OCR prints for one (@ for o, & for e)
            piece = skeleton(core[a:b]).lower()
            if b - a < 2 or not any(c in "aeiouy@&" for c in piece) or not all(c.isalpha() or c in "@&" for c in piece):
                return [(0, len(core))]
        return pieces

    def _glued_syllables(self, core: str, stripped: float) -> list[tuple[int, int]]:
        """Where a lower-case token of OCR text no syllable reads (``dénvi``, ``danhcho``, ``tinhnguyen``: OCR
        lost the space between two syllables) parts in exactly one place into two pieces that each read as a
        syllable, the second opening on a consonant: the two pieces; else the whole token. A token some syllable
        reads (``ngudi`` for người) or a word of the lexicon is never cut."""
        whole = [(0, len(core))]
        if not GLUED_MIN <= len(core) <= GLUED_MAX or not core.isalpha() or not core.islower() or core in self.lexicon.kept:
            return whole
        if self._cached_reading(core, stripped)[0]:
            return whole
        cuts = [i for i in range(2, len(core) - 1)
                if skeleton(core[i]) not in "aeiouy" and self._plausible(core[:i], stripped)
                and self._plausible(core[i:], stripped)]
        return [(0, cuts[0]), (cuts[0], len(core))] if len(cuts) == 1 else whole

    def _plausible(self, part: str, stripped: float) -> bool:
        """Whether a piece of a token reads as a syllable with little change (marks, a common confusion)."""
        candidates, chan = self._cached_reading(part, stripped)[:2]
        return bool(candidates) and chan is not None and float(np.max(chan)) >= GLUED_CHANNEL_MIN

    def _cached_reading(self, part: str, stripped: float) -> tuple:
        key = (part, stripped, True)
        reading = self._readings.get(key)
        if reading is None:
            reading = self._readings[key] = (*self._reading(part, stripped, True), skeleton(part))
        return reading

    def _reading(self, core: str, stripped: float, noisy: bool) -> tuple:
        """How a printed token is read: (candidates, channel scores, LM ids, is a number, fixed form or None)."""
        kept = ([], None, None, False, None)
        if NUMBER.match(core):
            return [NUM_TOKEN], np.zeros(1, np.float32), np.array([NUM]), True, None
        fixed = fix_symbol(core, self.lexicon.acronyms)
        if fixed is not None:
            return [], None, None, False, fixed
        if (not any(c.isalpha() for c in core) and core not in _LONE_SIGNS) or len(core) > 8:
            return kept  # (a lone sign is OCR's letter: ¥ for ý, ¢ for ở; a lone digit stays a number)
        if any(not c.isalpha() and c not in _CONFUSABLE_NON_LETTERS for c in core):
            return kept
        letters = [c for c in core if c.isalpha()]
        if sum(c.isdigit() for c in core) > (2 if len(letters) >= 2 else 1):
            return kept
        if not noisy and stripped < KEEP_MARKED_BELOW and not core.isascii() and well_formed(core.lower()):
            # a syllable printed with its marks in text that kept its marks and shows no OCR damage: kept
            # (tone placement normalised), and read by the LM as context
            syl = normalize_syllable(core.lower())
            return [syl], np.zeros(1, np.float32), np.array([self.lm.id(syl)]), False, None
        if core.lower() in self.lexicon.kept and (not noisy or core.isupper() or core.islower()):
            return kept  # an acronym or unit symbol (tp, vn, ml, UBND); in OCR text not when cased like a word
        if not core.isupper() and sum(c.isupper() for c in core[1:]) >= 2 and any(c.islower() for c in core):
            return kept  # a name in camel case ("TpHCM"): no OCR prints a word's letters so
        # letters OCR printed as look-alike non-letters (digits, ¥ ...) are evidence of OCR damage
        evidence = sum(c in _CONFUSABLE_NON_LETTERS for c in core) + len(_NO_VIETNAMESE.findall(core.lower()))
        limit = None
        if not noisy:
            # text that only lost its marks: its letters are as written, unless a look-alike says otherwise
            limit = evidence
        elif len(letters) >= 2 and all(c.isupper() for c in letters):
            # upper case: a title word or an acronym; only printed look-alikes may change letters
            limit = evidence + sum(c == "P" for c in core)
        # outside noisy OCR a capital P or I is the letter itself, not a look-alike of Đ or l
        cands, chan = self.candidates(obs_form(core) if noisy else nfc(core).lower(), limit, stripped, noisy)
        if not cands:
            return kept
        return cands, chan, np.array([self.lm.id(c) for c in cands]), False, None

    def candidates(
        self, printed: str, max_changes: int | None = None, stripped: float = 0.0, noisy: bool = False
    ) -> tuple[list[str], np.ndarray]:
        """Up to ``max_candidates`` syllables OCR may have printed as ``printed``, with log10 channel scores."""
        if max_changes is None:
            max_changes = 1 if len(printed) <= 2 else 2 if len(printed) <= 5 else 3
        stripped = round(stripped, 1)
        key = (printed, max_changes, stripped, noisy)
        hit = self._cands.get(key)
        if hit is not None:
            return hit
        scored: dict[str, float] = {}
        # a printed character that stands for nothing is only considered in noisy OCR text, when the
        # token as printed cannot be a syllable
        spurious = int(noisy and len(printed) >= 4 and skeleton(printed.lower()) not in self.by_skeleton)
        # and a letter OCR printed as nothing (the ơ of ươ, the ô of ộ) only in noisy OCR text too
        deleted = int(noisy and len(printed) >= 2)
        for bare, pieces in self.channel.segmentations(printed, self.prefixes, max_changes, spurious, deleted):
            for syl in self.by_skeleton.get(bare, ()):
                s = self.channel.word_logp(pieces, syl, stripped)
                if s > scored.get(syl, -math.inf):
                    scored[syl] = s
        if not scored:
            hit = ([], np.zeros(0, np.float32))
        else:
            uni = self.lm.uni
            prior = {w: scored[w] + float(uni[self.lm.id(w)]) for w in scored}
            ranked = sorted(prior, key=prior.__getitem__, reverse=True)[: self.max_candidates]
            ranked = [w for w in ranked if prior[w] >= prior[ranked[0]] - self.prune_below]
            hit = (ranked, np.array([scored[w] for w in ranked], dtype=np.float32))
        self._cands[key] = hit
        return hit

    # -- decoding -------------------------------------------------------------------------------
    def restore_tokens(self, tokens: list[Token], neural: bool = True, families: list[Family] = ()) -> dict:
        """Decode the restorable tokens in place; punctuation and kept tokens end segments.
        ``neural``: let the BiGRU score the candidates too (see ``use_neural``); ``families``: the document's
        report families, whose vocabularies are preferred (``pipeline.restore.adapt``). Returns how many tokens
        each preference touched."""
        scored = neural and self.neural is not None and bool(self.neural_weight)
        if scored:
            self._add_neural_scores(tokens)
        segments = self.segments(tokens)
        counts = {"names": adapt.prefer_names(self, segments), "family": adapt.prefer_family(self, segments, families)}
        if self.narrow_to and scored:  # without the BiGRU's opinion, channel and unigram drop needed readings
            self._narrow(tokens)
        self._decode(segments)
        counts["cache"] = 0
        if self.cache:
            table = adapt.cache_table(segments)
            again = adapt.unsure_segments(segments, table)
            counts["cache"] = adapt.prefer_cache(self, again, table)
            if again:
                self._decode(again)
        return counts

    def _narrow(self, tokens: list[Token]) -> None:
        """Keep of each token's candidates the ``narrow_to`` best by channel, BiGRU, preferences and unigram,
        none more than ``narrow_below`` (log10) under the best: the Viterbi search costs the cube of the
        widest token, and the scores that join before it tell most unlikely readings apart already."""
        toks = [t for t in tokens if len(t.candidates) > self.narrow_to and not t.fixed and not t.noisy]
        if not toks:
            return
        width = max(len(t.candidates) for t in toks)
        prior = np.full((len(toks), width), -np.inf, np.float32)
        for i, t in enumerate(toks):
            prior[i, :len(t.candidates)] = t.chan + self.lm.uni[t.ids]
        rank = np.argsort(np.argsort(-prior, axis=1, kind="stable"), axis=1, kind="stable")
        keep = (prior >= prior.max(axis=1, keepdims=True) - self.narrow_below) & (rank < self.narrow_to)
        kept = keep.sum(axis=1)
        for i in np.flatnonzero(kept < np.array([len(t.candidates) for t in toks])).tolist():
            t = toks[i]
            idx = np.flatnonzero(keep[i, :len(t.candidates)])
            t.candidates = [t.candidates[j] for j in idx.tolist()]
            t.chan, t.ids = t.chan[idx], t.ids[idx]

    @staticmethod
    def segments(tokens: list[Token]) -> list[list[Token]]:
        """Runs of restorable tokens between punctuation and kept tokens."""
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
        return segments

    def _add_neural_scores(self, tokens: list[Token]) -> None:
        """Add the BiGRU's weighted log-probabilities to each restorable token's channel scores. It reads
        the text as the LM's training text was read: numbers as ``<num>``, punctuation and words that are
        no syllable as ``<s>``, a restorable token as the skeleton of its likeliest reading."""
        nn = self.neural
        seq: list[int] = []
        where: list[int] = []
        targets: list[Token] = []
        for tok in tokens:
            if tok.lead and seq and seq[-1] != BOS:
                seq.append(BOS)
            if tok.fixed:
                seq.append(NUM)
            elif tok.candidates:
                if len(tok.candidates) > 1:
                    where.append(len(seq))
                    targets.append(tok)
                seq.append(nn.input_id(tok.candidates[0]))
            elif not seq or seq[-1] != BOS:
                seq.append(BOS)
            if tok.trail and seq[-1] != BOS:
                seq.append(BOS)
        scores = nn.logp(np.array(seq, np.int64), [t.ids for t in targets], np.array(where, np.int64))
        w = np.float32(self.neural_weight)
        for tok, lp in zip(targets, scores):
            tok.chan = tok.chan + w * lp  # a new array: readings are shared between tokens

    def _decode(self, segments: list[list[Token]]) -> None:
        """Viterbi on every segment at once: segments of similar length are padded into batches."""
        order = sorted(segments, key=len)
        batch: list[list[Token]] = []
        for seg in order:
            if batch and (len(batch) + 1) * (len(seg) + 1) > BATCH_CELLS:
                self._viterbi_batch(batch)
                batch = []
            batch.append(seg)
        if batch:
            self._viterbi_batch(batch)

    def _viterbi_batch(self, segs: list[list[Token]]) -> None:
        S, K = len(segs), max(map(_width, segs))
        P = max(map(len, segs)) + 1  # positions: the tokens, then the end of the segment
        ids = np.full((S, P + 2, K), -1, np.int64)
        ids[:, :2, 0] = BOS
        chan = np.full((S, P, K), NEG, np.float32)
        after = np.zeros((S, P), bool)  # padding positions past a segment's end
        for s, seg in enumerate(segs):
            for i, tok in enumerate(seg):
                k = len(tok.candidates)
                ids[s, i + 2, :k] = tok.ids
                chan[s, i, :k] = tok.chan
            ids[s, len(seg) + 2:, 0] = BOS
            chan[s, len(seg):, 0] = 0.0
            after[s, len(seg) + 1:] = True
        T = self.lm.score_grid(
            ids[:, :-2].reshape(-1, K), ids[:, 1:-1].reshape(-1, K), ids[:, 2:].reshape(-1, K)
        ).reshape(S, P, K, K, K)
        if self.lm_weight != 1.0:
            T *= self.lm_weight
        T[after] = 0.0
        D = np.full((S, K, K), NEG, np.float32)  # best score of a prefix ending in state (prev, cur)
        D[:, 0, 0] = 0.0
        fwd, back = [], []
        for i in range(P):
            m = D[:, :, :, None] + T[:, i]
            arg = m.argmax(axis=1)
            back.append(arg)
            D = np.take_along_axis(m, arg[:, None], axis=1)[:, 0] + chan[:, i][:, None, :]
            fwd.append(D)
        bwd = [None] * P
        B = np.zeros((S, K, K), np.float32)  # best score of the rest from state (prev, cur)
        bwd[P - 1] = B
        for i in range(P - 1, 0, -1):
            B = (T[:, i] + chan[:, i][:, None, None, :] + B[:, None, :, :]).max(axis=3)
            bwd[i - 1] = B
        rows = np.arange(S)
        flat = D.reshape(S, -1).argmax(axis=1)
        a, b = flat // K, flat % K
        path = np.zeros((S, P), np.int64)
        path[:, P - 1] = b
        for i in range(P - 1, 0, -1):
            prev = back[i][rows, a, b]
            path[:, i - 1] = a
            a, b = prev, a
        ln10 = np.float32(math.log(10.0))
        mm = np.stack([(fwd[i] + bwd[i]).max(axis=1) for i in range(P - 1)], axis=1) * ln10  # (S, P-1, K)
        prob = np.exp(mm - mm.max(axis=2, keepdims=True))
        prob /= prob.sum(axis=2, keepdims=True)
        top_idx = np.argsort(-prob, axis=2)[:, :, :4]
        top_p = np.take_along_axis(prob, top_idx, axis=2)
        conf = np.take_along_axis(prob, path[:, :P - 1, None], axis=2)[:, :, 0].tolist()
        top, shown, paths = top_idx.tolist(), np.round(top_p, 4).tolist(), path.tolist()
        for s, seg in enumerate(segs):
            for i, tok in enumerate(seg):
                if tok.fixed:
                    continue
                best = paths[s][i]
                tok.conf = conf[s][i]
                tok.alternatives = [(tok.candidates[j], p) for j, p in zip(top[s][i], shown[s][i])
                                    if j != best and p > 0][:3]
                tok.restored = apply_case(tok.raw, tok.candidates[best])


def use_neural(stripped: float, noisy: bool) -> bool:
    """Whether the BiGRU joins the decoding of a text that lost ``stripped`` of its marks."""
    return stripped >= NEURAL_MIN_STRIPPED and not noisy


def _width(seg: list[Token]) -> int:
    """The most candidates a token of the segment has."""
    return max(len(tok.candidates) for tok in seg)


_PERCENT_AS_O = re.compile(r"(\d[\d.,]*|)[oO]/[oO]")


def fix_symbol(core: str, acronyms: dict[str, str]) -> str | None:
    """A document symbol, acronym, number, date or URL: returned with Đ restored (``acronyms``: the form
    without Đ -> the form with it), else None."""
    if core in acronyms:
        return acronyms[core]
    if core.isupper() and core.replace("Đ", "D") in acronyms:  # an acronym printed with its marks
        return core
    if "://" in core or core.startswith("www.") or _EMAIL.fullmatch(core):
        return core
    if (pct := _PERCENT_AS_O.fullmatch(core)) is not None:
        return pct.group(1) + "%"  # "104,8o/o", "o/o": the percent sign OCR (or a typist) wrote as o/o
    if (re.search(r"[/\d]", core) and re.search(r"[/\-.]", core)) or _ACRONYM_PAIR.fullmatch(core):
        return _SYMBOL_PART.sub(lambda m: acronyms.get(m.group(0), m.group(0)), core)
    return None


def restored_text(text: str, tokens: list[Token]) -> tuple[str, list[tuple[Token, int, int]]]:
    """Rebuild the text with every token's restoration; returns it with restored offsets per token."""
    parts, pos, spans, shift = [], 0, [], 0
    for t in tokens:
        parts.append(text[pos:t.start])
        if t.glued:  # a glued syllable is given its space back
            parts.append(" ")
            shift += 1
        rs = t.start + shift
        parts.append(t.restored)
        shift += len(t.restored) - len(t.raw)
        spans.append((t, rs, rs + len(t.restored)))
        pos = t.end
    parts.append(text[pos:])
    return nfc("".join(parts)), spans
