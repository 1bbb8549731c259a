"""Stage ``restore``: Vietnamese diacritic restoration of old / accent-less OCR text.

* ``run(doc, ctx)``: decides per document from a measured signal whether the text needs
  restoring (``ctx.settings.restore``: auto | always | never), then fills ``Line.restored`` and
  ``Line.tokens`` for every line, and records the signal and decision in ``doc.restoration``.
* ``restore_text(text)`` / ``restore_line(text)``: plain functions.
* ``vn_restore``: a spaCy pipeline component (``nlp.add_pipe("vn_restore")``) that stores the
  restored text in ``doc._.restored``; registered when ``pipeline.restore.spacy_component`` is
  imported (automatically when spaCy was imported first), so plain use does not pay spaCy's import.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from functools import lru_cache

from pipeline.model import Document, Restoration, RestoreMode, TextSignal, TokenMap
from pipeline.restore.decode import Restorer, restored_text, use_neural
from pipeline.restore.family import classify
from pipeline.syllables import normalize, well_formed

MODEL_VERSION = "trigram-mkn-3+bigru-2+lexicon-1"
# A document is restored when fewer than this share of its words are well-formed syllables
# carrying a Vietnamese mark: the clean seeds measure 0.82-0.86, the old-OCR seeds 0.04-0.06.
MARKED_SHARE_MIN = 0.55
CLEAN_MARKED_SHARE = 0.75  # a text marked this much counts as having lost no marks
_WORD = re.compile(r"[^\W\d_]+")


def load_restorer(neural: bool = True, adapt: bool = True) -> Restorer:
    """The committed models; ``neural=False`` leaves the BiGRU out (LM alone: about twice as fast on
    text that lost all its marks, the only text the BiGRU reads); ``adapt=False`` leaves document
    adaptation out (names, report families, the document cache; acronyms and kept tokens stay)."""
    from pipeline.restore.channel import Channel
    from pipeline.restore.lexicon import PhraseTable, default_lexicon
    from pipeline.restore.lm import SyllableLM
    from pipeline.restore.neural import NeuralScorer

    lm = SyllableLM.load()
    lexicon = default_lexicon()
    if not adapt:
        lexicon = replace(lexicon, names=PhraseTable(), families=[])
    return Restorer(lm, Channel.load(), neural=NeuralScorer.load(lm.vocab) if neural else None,
                    lexicon=lexicon, cache=adapt)


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """One restorer per process for the plain functions (the stage uses ctx.resource)."""
    return load_restorer()


def text_signal(text: str) -> TextSignal:
    """Share of words that are well-formed syllables, and of those carrying a mark."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return TextSignal()
    valid = [w for w in words if well_formed(w)]
    marked = [w for w in valid if not w.isascii()]
    return TextSignal(len(words), round(len(valid) / len(words), 4), round(len(marked) / len(words), 4))


def stripped_share(signal: TextSignal) -> float:
    """How completely the text lost its marks: 1 with no marked word, 0 at the level of clean prose."""
    return min(1.0, max(0.0, 1.0 - signal.marked_share / CLEAN_MARKED_SHARE))


def needs_restoration(signal: TextSignal) -> bool:
    return signal.words > 0 and signal.marked_share < MARKED_SHARE_MIN


def restore_lines(lines: list[str], restorer: Restorer | None = None,
                  report: dict | None = None) -> list[tuple[str, list[TokenMap]]]:
    """Restore several lines decoded together, as one document (context runs across line breaks; the
    document's families and its own confident readings are preferred). ``report``, when given, receives
    the families found and the tokens each preference touched."""
    r = restorer or default_restorer()
    texts = [normalize(line) for line in lines]
    whole = "\n".join(texts)
    stripped = stripped_share(text_signal(whole))
    noisy = r.ocr_damaged(whole)
    per_line = [r.tokenize(text, stripped, noisy) for text in texts]
    flat = [t for toks in per_line for t in toks]
    guess = classify(whole, r.lexicon.families)
    preferred = r.restore_tokens(flat, neural=use_neural(stripped, noisy), families=guess.families)
    if report is not None:
        report.update(families=guess.names, preferred=preferred)
    out = []
    for text, toks in zip(texts, per_line):
        restored, spans = restored_text(text, toks)
        maps = [
            TokenMap(
                raw=t.raw, restored=t.restored, raw_start=t.start, raw_end=t.end, rest_start=rs, rest_end=re_,
                conf=round(t.conf, 4), alternatives=t.alternatives,
                flagged=bool(t.candidates) and t.conf < r.flag_below,
            )
            for t, rs, re_ in spans
        ]
        out.append((restored, maps))
    return out


def restore_line(text: str) -> tuple[str, list[TokenMap]]:
    """Restore one line: (restored text, a TokenMap per token with offsets into both texts)."""
    return restore_lines([text])[0]


def restore_text(text: str) -> str:
    """Restored text of a whole text (lines kept)."""
    return "\n".join(r for r, _ in restore_lines(text.split("\n")))


def run(doc: Document, ctx) -> Document:
    mode = RestoreMode(ctx.settings.restore)
    signal = text_signal(doc.text)
    decision = {RestoreMode.AUTO: needs_restoration(signal), RestoreMode.ALWAYS: True, RestoreMode.NEVER: False}[mode]
    info = Restoration(model=MODEL_VERSION, mode=mode, restored=decision, signal=signal,
                       threshold_marked_share=MARKED_SHARE_MIN)
    if decision:
        t0 = time.perf_counter()
        restorer = ctx.resource("restore_model", load_restorer)
        lines = [line for _, line in doc.iter_lines()]
        report: dict = {}
        for line, (restored, maps) in zip(lines, restore_lines([l.text for l in lines], restorer, report)):
            line.restored = restored
            line.tokens = maps
        info.families, info.preferred = report["families"], report["preferred"]
        tokens = [t for _, line in doc.iter_lines() for t in line.tokens]
        info.seconds = round(time.perf_counter() - t0, 3)
        info.tokens = len(tokens)
        info.changed = sum(t.raw != t.restored for t in tokens)
        info.flagged = sum(t.flagged for t in tokens)
        info.signal_after = text_signal(doc.best_text)
    else:
        for _, line in doc.iter_lines():
            line.restored = None
            line.tokens = []
    doc.restoration = info
    ctx.log(f"{doc.doc_id}: restoration {'on' if decision else 'off'} {signal}")
    return doc


if "spacy" in sys.modules:  # spaCy already loaded: make "vn_restore" known now (else import spacy_component)
    from pipeline.restore import spacy_component  # noqa: F401
