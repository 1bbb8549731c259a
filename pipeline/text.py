"""Text primitives used everywhere: NFC, diacritic stripping, skeletons. Defined here once."""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Unicode NFC, and the eth Tesseract prints for Đ (U+00D0 -> U+0110)."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese mark (tones and vowel hats/horns, đ -> d); keeps length for NFC input.

    Each NFC character maps to exactly one output character, so offsets into the stripped text
    are offsets into the original.
    """
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ord(ch) > 127 else ch
        out.append(base)
    return "".join(out).translate(_D_MAP)


def skeleton(text: str) -> str:
    """Lower-case, diacritic-free form for matching; same length as the NFC input."""
    return strip_diacritics(text).lower()


def has_letter_or_digit(text: str) -> bool:
    """Whether ``text`` holds a letter or a digit (a modifier letter such as ``ˆ`` is a mark, not a letter)."""
    return any(unicodedata.category(c) in ("Lu", "Ll", "Lt", "Lo", "Nd", "Nl", "No") for c in text)


def normalize_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


# -- the match form: what every pattern matches on -----------------------------------------------
# Single characters that old OCR prints for letters; replaced only inside words.
_CHAR_FIXES = str.maketrans({"¢": "e", "€": "e", "¥": "y", "@": "o", "&": "e"})
# Digits inside a word made of letters ("s6:", "x4", "1ap", "t1ep", "ph01"): letters misread as digits.
_DIGIT_AS_LETTER = {"0": "o", "1": "i", "3": "a", "4": "a", "6": "o", "8": "a"}
_NONSPACE = re.compile(r"\S+")
_MIXED = re.compile(r"^[$]?[a-z]*[013468]{1,2}[a-z]*[:.,;)]*$")
_NUMBER_WORD = re.compile(r"^[\dlo.,/%]*\d[\dlo.,/%]*\d[\dlo.,/%]*[:;,.)]*$")  # "1.21o/1.1oo", "2o24"


_FINAL_L = re.compile(r"^[a-km-z]{1,5}l$")


def _fix_word(word: str) -> str:
    """Undo OCR confusions in one whitespace-delimited word (lower-case skeleton); same length."""
    word = word.translate(_CHAR_FIXES)
    if len(word) >= 3 and word[0].isalpha() and not word[0].isascii() and word[1:3].isascii() and word[1:3].isalpha():
        word = " " + word[1:]  # "øgôm": a letter Vietnamese has no use for, stuck before a word, is a speck
    if len(word) >= 2 and word[0] == "$" and word[1] in "06o" and not word[2:3].isdigit():
        word = "so" + word[2:]  # "$6" Số: a dollar sign is no letter of Vietnamese
    if _MIXED.match(word) and re.search(r"[a-z]", word):
        out = []
        for i, ch in enumerate(word):
            if ch in _DIGIT_AS_LETTER:
                # a leading 1 is an l ("1ap" lập, "16p" lớp); elsewhere an i ("t1ep", "ho1")
                out.append("l" if ch == "1" and i == 0 else _DIGIT_AS_LETTER[ch])
            elif ch == "$" and i == 0:
                out.append("s")  # "$6:" Số
            else:
                out.append(ch)
        word = "".join(out)
    if len(word) >= 2 and word[0] == "!" and word[1].isdigit():
        word = "1" + word[1:]  # "!29": the 1 of 129 read as "!" (no exclamation mark stands before a figure)
    # letters read for digits inside a number: o for 0, l for 1
    if _NUMBER_WORD.match(word) and re.search(r"[lo]", word):
        word = word.replace("o", "0").replace("l", "1")
    # i read as l at a word's end ("tal" tại, "vl" vị, "thl" thị): no Vietnamese syllable ends in l ("ml" is a unit)
    core = word.rstrip(":.,;)")
    if _FINAL_L.match(core) and core != "ml":
        word = core[:-1] + "i" + word[len(core):]
    # Đ read as P at the start of a word ("Pot" Đợt, "Puong" Đường); Vietnamese has no "p" + vowel.
    if len(word) > 1 and word[0] == "p" and word[1] in "aeiouy":
        word = "d" + word[1:]
    return word


_L_AS_ONE = re.compile(r"(?<![a-z])l(?=\d)|(?<=[a-z]{3})l(?=\d{2})")  # "l34%", "vuotl34%"
# A colon OCR printed for a dot or a space: between thousands ("1:650 đơn vị", where a time has two digits
# after it) and between two letters ("đơn:vị": Vietnamese never writes a colon inside a word pair)
_COLON_THOUSANDS = re.compile(r"(?<![\d:])(\d{1,3}):(?=\d{3}(?![\d:]))")
_COLON_IN_WORDS = re.compile(r"(?<=[a-z]):(?=[a-z])")
# "330 dén ví máu": đơn vị with its ơ read as é; after a number no "đến vì" stands
_DEN_VI = re.compile(r"(?<=\d )den(?= vi\b)")


def match_form(text: str) -> str:
    """Skeleton of ``text`` with OCR confusions undone; same length as ``text`` (NFC)."""
    sk = skeleton(text)
    fixed = _NONSPACE.sub(lambda m: _fix_word(m.group()), sk)
    fixed = _L_AS_ONE.sub("1", fixed)
    fixed = _COLON_THOUSANDS.sub(r"\1.", fixed)
    fixed = _COLON_IN_WORDS.sub(" ", fixed)
    fixed = _DEN_VI.sub("don", fixed)
    assert len(fixed) == len(text)
    return fixed


def in_brackets(text: str, start: int, at: int) -> bool:
    """Whether ``at`` stands inside brackets opened after ``start`` and not closed before it (``Rh(D)`` closes its
    own)."""
    depth = 0
    for ch in text[start:at]:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
    return depth > 0
