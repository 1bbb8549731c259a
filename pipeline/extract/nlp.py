"""Matching text and the spaCy pipeline the extractors share.

Every pattern runs on the *match form* of the text (``pipeline.text.match_form``): the diacritic-free,
lower-case skeleton with the commonest OCR letter/digit confusions undone, of exactly the length of the
text it came from, so an offset found in it is an offset in the original (restored or raw) line text.

spaCy is used as a blank Vietnamese pipeline (``use_pyvi=False``: nothing to download); its
tokenizer is replaced by a small one that keeps numbers like ``737/550``, ``1.044`` or ``134%``
whole and splits ``vuot134%`` into a word and a number. Token patterns are spaCy ``Matcher``
rules; the modules of each figure kind register their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from pipeline.numbers import NUMBER_WORDS


_TOKEN = re.compile(r"\d(?:[\d.,]*\d)?(?:/\d(?:[\d.,]*\d)?)*%?|[^\W\d_]+|\S")  # a number ends in a digit

@dataclass
class Tokens:
    """A spaCy Doc over a match-form text plus each token's character offsets in that text."""

    doc: Doc
    starts: list[int]
    ends: list[int]

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        """Character range of tokens i..j-1."""
        return self.starts[i], self.ends[j - 1]


@lru_cache(maxsize=1)
def blank_vi():
    """The blank Vietnamese pipeline (no pyvi, no downloads); only its vocabulary is used."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def tokenize(text: str) -> Tokens:
    """Tokenize a match-form text: numbers whole, words, then single punctuation marks."""
    starts, ends, words, spaces = [], [], [], []
    for m in _TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        words.append(m.group())
    for k in range(len(words)):
        nxt = starts[k + 1] if k + 1 < len(words) else len(text)
        spaces.append(nxt > ends[k])
    return Tokens(Doc(blank_vi().vocab, words=words, spaces=spaces), starts, ends)


def make_matcher(patterns: dict[str, list[list[dict]]]) -> Matcher:
    """A spaCy Matcher holding ``{label: [pattern, ...]}``."""
    matcher = Matcher(blank_vi().vocab)
    for label, pats in patterns.items():
        matcher.add(label, pats)
    return matcher


class PatternSet:
    """A module's ``{label: [pattern, ...]}``, compiled into a Matcher on first use."""

    def __init__(self, patterns: dict[str, list[list[dict]]]):
        self.patterns = patterns
        self._matcher: Matcher | None = None

    def find(self, tokens: Tokens) -> list[tuple[str, int, int]]:
        if self._matcher is None:
            self._matcher = make_matcher(self.patterns)
        return matches(self._matcher, tokens)


def matches(matcher: Matcher, tokens: Tokens) -> list[tuple[str, int, int]]:
    """(label, start token, end token) of every match, longest first among overlaps of one label."""
    vocab = blank_vi().vocab
    found = [(vocab.strings[mid], s, e) for mid, s, e in matcher(tokens.doc)]
    found.sort(key=lambda m: (m[1], -(m[2] - m[1])))
    kept: list[tuple[str, int, int]] = []
    end_of: dict[str, int] = {}  # end of the last kept match of each label
    for label, s, e in found:
        if s < end_of.get(label, -1):
            continue
        kept.append((label, s, e))
        end_of[label] = e
    return kept


# Token patterns shared by several kinds -------------------------------------------------------
NUM = {"TEXT": {"REGEX": r"^\d[\d.,]*$"}}
# a number written in words ("sáu mươi hai", "hai"): one or more number words (pipeline.numbers.NUMBER_WORDS)
NUM_WORDS = {"LOWER": {"IN": sorted(NUMBER_WORDS)}, "OP": "+"}
PAIR = {"TEXT": {"REGEX": r"^\d[\d.]*/\d[\d.]*$"}}
PERCENT = {"TEXT": {"REGEX": r"^\d[\d.,]*%$"}}
DATE = {"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$"}}
MAU = {"LOWER": {"REGEX": r"^m[aeo]u$"}}  # máu, OCR "méu"
NGUOI = {"LOWER": {"REGEX": r"^ng\w{1,3}i$"}}  # người, OCR "ngudi"
NHAN = {"LOWER": {"REGEX": r"^nh\w{0,2}n$"}}  # nhân, OCR "nhéan"
DONG = {"LOWER": {"IN": ["dong", "d", "vnd", "vnđ"]}}
