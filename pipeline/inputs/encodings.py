"""Which encoding is a text file in? Decided once per document, by how Vietnamese each reading looks.

Archives hold text in UTF-8 and UTF-16 (with or without a byte-order mark), Windows-1258 (Vietnamese),
Windows-1252 (Vietnamese typed with a Western code page: the letters it lacks are lost), the two
font encodings of the 1990s: TCVN3 (ABC), one byte per precomposed letter, and VNI, a base letter
followed by mark characters, and VIQR, Vietnamese in plain ASCII with its marks typed after the vowel. Every reading that the bytes allow is decoded in full and scored by the
share of its words that are well-formed Vietnamese syllables, with a penalty for characters no
Vietnamese text contains; the best reading wins, Unicode readings on ties. Text that is valid UTF-8
but holds TCVN3 or VNI characters (a legacy file converted as if it were Latin-1) is read the same way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from pipeline.syllables import TONE_MARKS, well_formed
from pipeline.text import nfc

_WORD = re.compile(r"[^\W\d_]+")
_VIET_LETTERS = set("aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz")  # and the tone-marked forms of the vowels
_LEGACY_HINT = re.compile(r"[\u00a0-\u00ff]")
MIN_MARGIN = 0.02  # a later candidate must beat an earlier one by this much (order: most common first)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8 | utf-16 | cp1258 | cp1252 | tcvn3 | vni | utf-8+tcvn3 | utf-8+vni | utf-8+viqr
    score: float  # share of words read as Vietnamese syllables, minus foreign characters


# -- TCVN3 (ABC): one byte per letter, read through Latin-1 --------------------------------------------
_TCVN3_LOWER = {
    "à": "µ", "ả": "¶", "ã": "·", "á": "¸", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ẳ": "¼", "ẵ": "½", "ắ": "¾", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ẩ": "È", "ẫ": "É", "ấ": "Ê", "ậ": "Ë",
    "đ": "®",
    "è": "Ì", "ẻ": "Î", "ẽ": "Ï", "é": "Ð", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ể": "Ó", "ễ": "Ô", "ế": "Õ", "ệ": "Ö",
    "ì": "×", "ỉ": "Ø", "ĩ": "Ü", "í": "Ý", "ị": "Þ",
    "ò": "ß", "ỏ": "á", "õ": "â", "ó": "ã", "ọ": "ä",
    "ô": "«", "ồ": "å", "ổ": "æ", "ỗ": "ç", "ố": "è", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ở": "ë", "ỡ": "ì", "ớ": "í", "ợ": "î",
    "ù": "ï", "ủ": "ñ", "ũ": "ò", "ú": "ó", "ụ": "ô",
    "ư": "\u00ad", "ừ": "õ", "ử": "ö", "ữ": "÷", "ứ": "ø", "ự": "ù",
    "ỳ": "ú", "ỷ": "û", "ỹ": "ü", "ý": "ý", "ỵ": "þ",
}
_TCVN3_UPPER = {"Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}
TCVN3_DECODE = {v: k for k, v in {**_TCVN3_LOWER, **_TCVN3_UPPER}.items()}
_TCVN3_TABLE = str.maketrans(TCVN3_DECODE)


def from_tcvn3(text: str) -> str:
    """TCVN3 characters (as Latin-1 code points) -> Unicode letters."""
    return text.translate(_TCVN3_TABLE)


# -- VNI: a base letter followed by mark characters (Windows code page 1252) ---------------------------
_VNI_TONE = {"ù": 2, "ø": 1, "û": 3, "õ": 4, "ï": 5}  # sắc huyền hỏi ngã nặng, after the vowel
_VNI_HAT_TONE = {"â": 0, "á": 2, "à": 1, "å": 3, "ã": 4, "ä": 5}  # after a / e / o: â ê ô and a tone
_VNI_BREVE_TONE = {"ê": 0, "é": 2, "è": 1, "ú": 3, "ü": 4, "ë": 5}  # after a: ă and a tone
_VNI_HORN = {"ô": "o", "ö": "u"}  # one character each: ơ ư, a tone may follow
_VNI_I = {"í": 2, "ì": 1, "æ": 3, "ó": 4, "ò": 5}  # i with a tone is one character
_VNI_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def _compose(base: str, hat: str, tone: int) -> str:
    s = unicodedata.normalize("NFC", base.lower() + hat + TONE_MARKS[tone])
    return s.upper() if base.isupper() else s


def _vni_word(m: re.Match) -> str:
    word = m.group(0)
    out: list[str] = []
    i = 0
    while i < len(word):
        ch, low = word[i], word[i].lower()
        nxt = word[i + 1].lower() if i + 1 < len(word) else ""
        step = 1
        if low in "aeo" and nxt in _VNI_HAT_TONE:
            out.append(_compose(ch, "\u0302", _VNI_HAT_TONE[nxt]))
            step = 2
        elif low == "a" and nxt in _VNI_BREVE_TONE:
            out.append(_compose(ch, "\u0306", _VNI_BREVE_TONE[nxt]))
            step = 2
        elif low in _VNI_HORN:
            base = _VNI_HORN[low].upper() if ch.isupper() else _VNI_HORN[low]
            tone = _VNI_TONE.get(nxt, 0)
            out.append(_compose(base, "\u031b", tone))
            step = 2 if tone else 1
        elif low == "ñ":
            out.append("Đ" if ch.isupper() else "đ")
        elif low in "aeiouy" and nxt in _VNI_TONE:
            out.append(_compose(ch, "", _VNI_TONE[nxt]))
            step = 2
        elif low in _VNI_I:
            out.append(_compose("I" if ch.isupper() else "i", "", _VNI_I[low]))
        else:
            out.append(ch)
        i += step
    return "".join(out)


def from_vni(text: str) -> str:
    """VNI text (as Windows-1252 code points) -> Unicode."""
    return _VNI_WORD.sub(_vni_word, text)


# -- VIQR: plain ASCII, a vowel followed by its marks ("hie^n", "ba'o", "d-a^`u", "tu+o+ng") ---------------
# (RFC 1456: ( breve, ^ circumflex, + horn; ' sắc, ` huyền, ? hỏi, ~ ngã, . nặng; dd or d- for đ)
_VIQR_HAT = {("a", "("): "\u0306", ("a", "^"): "\u0302", ("e", "^"): "\u0302", ("o", "^"): "\u0302",
             ("o", "+"): "\u031b", ("u", "+"): "\u031b", ("o", "*"): "\u031b", ("u", "*"): "\u031b"}
_VIQR_TONE = {"`": 1, "'": 2, "?": 3, "~": 4, ".": 5}
_VIQR_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[(^+*'`?~.\-])*")
# marks that only VIQR writes inside a word: a vowel with a hat mark, or a tone before more letters
VIQR_HINT = re.compile(r"[aeouAEOU][(^+*](?=[A-Za-z'`?~.\s])|[aeiouyAEIOUY][`'?~][a-z]|\b[dD][dD-](?=[aeiouyAEIOUY])")
MIN_VIQR_HINTS = 5  # such marks in a text before its VIQR reading is tried


def _viqr_word(m: re.Match) -> str:
    word, text, end = m.group(0), m.string, m.end()
    out: list[str] = []
    i = 0
    while i < len(word):
        ch, low = word[i], word[i].lower()
        if low == "d" and word[i + 1:i + 2].lower() in ("d", "-") and i + 2 < len(word) and word[i + 2].isalpha():
            out.append("Đ" if ch.isupper() else "đ")  # "dd", "d-" before the rest of the word
            i += 2
            continue
        if low not in "aeiouy":
            out.append(ch)
            i += 1
            continue
        hat, tone, j = "", 0, i + 1
        if j < len(word) and (low, word[j]) in _VIQR_HAT:
            hat, j = _VIQR_HAT[(low, word[j])], j + 1
        if j < len(word) and word[j] in _VIQR_TONE:
            after = word[j + 1:j + 2] or text[end:end + 2].lstrip(" ")[:1]
            inside = j + 1 < len(word)
            # "?" and "." end a sentence as often as they mark a tone: a tone inside the word, or before a word that
            # goes on in small letters ("don vi. mau"), not before a capital or the line's end
            if word[j] not in "?." or inside or (text[end:end + 1] == " " and (
                    after[:1].islower() or (word[j] == "?" and after[:1].isdigit()))):
                tone, j = _VIQR_TONE[word[j]], j + 1
        out.append(_compose(ch, hat, tone) if hat or tone else ch)
        i = j
    return "".join(out)


def from_viqr(text: str, upto: int | None = None) -> str:
    """VIQR text (Vietnamese in ASCII, marks typed after their vowel) -> Unicode; letters already marked kept.
    ``upto``: convert and return only ``text[:upto]``, reading the characters after it as context."""
    if upto is None:
        return _VIQR_WORD.sub(_viqr_word, text)
    out, pos = [], 0
    for m in _VIQR_WORD.finditer(text, 0, upto):
        out += [text[pos:m.start()], _viqr_word(m)]
        pos = m.end()
    out.append(text[pos:upto])
    return "".join(out)


# -- scoring --------------------------------------------------------------------------------------------
def _foreign(word: str) -> bool:
    """A letter no Vietnamese (or plain Latin) word contains."""
    for ch in word.lower():
        base = unicodedata.normalize("NFD", ch)[0]
        if base not in _VIET_LETTERS and ch not in _VIET_LETTERS:
            return True
    return False


def vietnamese_score(text: str) -> float:
    """Share of words that are well-formed Vietnamese syllables, minus the share holding a foreign letter."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    valid = sum(well_formed(w.lower()) for w in words)
    foreign = sum(_foreign(w) for w in words)
    return (valid - foreign) / len(words)


# -- decoding -------------------------------------------------------------------------------------------
def utf16_likely(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when one byte of each pair is mostly NUL (UTF-16 without a BOM)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _candidates(data: bytes) -> list[tuple[str, str]]:
    """(encoding label, text) for every reading the bytes allow, most common first."""
    if data.startswith(b"\xef\xbb\xbf"):
        return [("utf-8", data[3:].decode("utf-8", errors="replace"))]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [("utf-16", data.decode("utf-16", errors="replace"))]
    wide = utf16_likely(data)
    if wide:
        return [("utf-16", data.decode(wide, errors="replace"))]
    out: list[tuple[str, str]] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        out.append(("utf-8", text))
        if _LEGACY_HINT.search(text):  # a legacy file once converted as if it were Latin-1
            out += [("utf-8+tcvn3", from_tcvn3(text)), ("utf-8+vni", from_vni(text))]
        if len(VIQR_HINT.findall(text)) >= MIN_VIQR_HINTS:  # Vietnamese typed in VIQR (or OCR writing marks so)
            out.append(("utf-8+viqr", from_viqr(text)))
        return out
    latin = data.decode("latin-1")
    western = data.decode("cp1252", errors="replace")
    out.append(("cp1258", data.decode("cp1258", errors="replace")))
    out.append(("cp1252", western))
    out.append(("tcvn3", from_tcvn3(latin)))
    out.append(("vni", from_vni(western)))
    return out


def decode(data: bytes) -> Decoded:
    """The most Vietnamese reading of ``data``, NFC, line ends as ``\\n``."""
    best: Decoded | None = None
    for label, text in _candidates(data):
        text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
        score = vietnamese_score(text)
        if best is None or score > best.score + MIN_MARGIN:
            best = Decoded(text, label, round(score, 4))
    assert best is not None
    return best


# -- streaming: a large file read chunk by chunk in the reading chosen on its head ---------------------
_STREAM_CODECS = {  # label -> (codec, conversion after decoding)
    "utf-8": ("utf-8-sig", None),
    "cp1258": ("cp1258", None),
    "cp1252": ("cp1252", None),
    "tcvn3": ("latin-1", from_tcvn3),
    "vni": ("cp1252", from_vni),
    "utf-8+tcvn3": ("utf-8", from_tcvn3),
    "utf-8+vni": ("utf-8", from_vni),
    "utf-8+viqr": ("utf-8", from_viqr),
}
_WORD_TAIL = re.compile(r"[A-Za-zÀ-ÿ]*\Z")
_VIQR_TAIL = re.compile(r"\S*\s*\Z")


class StreamReading:
    """Decode bytes piece by piece in the reading ``label`` (as ``decode`` named it for the file's head).

    VNI marks follow their letter, so a word cut at a chunk boundary is held back until the next piece;
    the other readings convert character by character. Line ends and NFC are left to the caller, which
    applies them once to the whole text."""

    def __init__(self, label: str, head: bytes):
        if label == "utf-16":
            codec, self._post = ("utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff"))
                                 else utf16_likely(head) or "utf-16-le"), None
        else:
            codec, self._post = _STREAM_CODECS[label]
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._carry = ""

    def feed(self, data: bytes, final: bool = False) -> str:
        text = self._carry + self._decoder.decode(data, final)
        self._carry = ""
        if self._post is from_viqr and not final:  # (the last word waits: a mark before it may read its letter)
            cut = _VIQR_TAIL.search(text).start()
            self._carry = text[cut:]
            return from_viqr(text, cut)
        if self._post is from_vni and not final:
            cut = _WORD_TAIL.search(text).start()
            text, self._carry = text[:cut], text[cut:]
        return self._post(text) if self._post else text
