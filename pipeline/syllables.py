"""Vietnamese syllables: inventory (onset x rhyme x tone), tone placement, normaliser.

One tone-placement convention is used everywhere: the *classic* one of official documents
(``hòa``, ``thủy``, ``khỏe``): in an open syllable with two plain vowels the mark goes on the
first, otherwise on the vowel with a hat/horn (``ơ`` of ``ươ``) or the last vowel before a final.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.text import nfc

TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
_TONE_OF = {m: i for i, m in enumerate(TONE_MARKS) if m}
VOWELS = set("aăâeêioôơuưy")
HATTED = set("ăâêôơư")

ONSETS = (
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)

_RHYMES = """
a ai ao au ay am an ang anh ac ach ap at
ăm ăn ăng ăc ăp ăt
âu ây âm ân âng âc âp ât
e eo em en eng ec ep et
ê êu êm ên ênh êch êp êt
i ia iu im in inh ich ip it
iêu iêm iên iêng iêc iêp iêt
o oi om on ong oc op ot oong ooc
ô ôi ôm ôn ông ôc ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui um un ung uc up ut
uôi uôm uôn uông uôc uôt
uy uya uyu uyên uyêt uynh uych uyn uyt uân uât uâng uơ uê uêch uênh
oa oai oao oay oam oan oang oanh oac oach oap oat
oăm oăn oăng oăc oăt oe oeo oen oet
ư ưa ưi ưu ưm ưn ưng ưc ưt
ươi ươu ươm ươn ương ươc ươp ươt ươ
y yêu yên yêm yêt
"""
RHYMES = frozenset(_RHYMES.split())
STOP_FINALS = ("c", "ch", "p", "t")  # a rhyme ending in one of these takes only sắc or nặng
_ONSET_RE = re.compile("^(" + "|".join(o for o in ONSETS if o) + ")")


def inventory() -> frozenset[str]:
    """Every syllable the grammar allows (onset x rhyme x tone, spelling and tone rules applied)."""
    out = set()
    for onset in ONSETS:
        for rhyme in RHYMES:
            base = onset + (rhyme[1:] if onset == "qu" and rhyme[0] == "u" and len(rhyme) > 1 else rhyme)
            if parse(base) is None:
                continue
            for tone in range(6):
                syl = place_tone(base, tone)
                if well_formed(syl):
                    out.add(syl)
    return frozenset(out)


def split_tone(syl: str) -> tuple[str, int]:
    """``'Hiến'`` -> (``'Hiên'``, 2): the syllable without its tone mark, and the tone (0..5)."""
    tone = 0
    out = []
    for ch in unicodedata.normalize("NFD", syl):
        t = _TONE_OF.get(ch)
        if t is not None:
            tone = t
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


def parse(toneless: str) -> tuple[str, str] | None:
    """Split a lower-case toneless syllable into (onset, rhyme), or None when it is not Vietnamese."""
    m = _ONSET_RE.match(toneless)
    onsets = [m.group(1), ""] if m else [""]
    if m and m.group(1) == "gi":
        onsets.insert(1, "g")  # gìn, gì: the i is the vowel
    for onset in onsets:
        rhyme = toneless[len(onset):]
        if onset == "qu":
            if rhyme and rhyme[0] not in "uo" and ("u" + rhyme in RHYMES or rhyme in RHYMES):
                return onset, rhyme
            continue
        if onset == "gi" and not rhyme:
            continue
        if rhyme in RHYMES and _onset_fits(onset, rhyme):
            return onset, rhyme
    return None


def _onset_fits(onset: str, rhyme: str) -> bool:
    front = rhyme[0] in "eêiy"
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng"):
        return not front
    if onset == "g":
        return rhyme[0] != "e" and rhyme[0] != "ê"
    return True


def is_valid(syl: str) -> bool:
    """True for a well-formed Vietnamese syllable with its tone placed by the project convention."""
    low = syl.lower()
    return well_formed(low) and place_tone(*split_tone(low)) == low


_BARE_VOWELS = frozenset("aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@lru_cache(maxsize=1)
def skeletons() -> frozenset[str]:
    """Every syllable of the inventory without its marks, lower case ("tieu", "duong"): what a syllable
    of text that lost its diacritics can be."""
    from pipeline.text import skeleton

    return frozenset(skeleton(s) for s in inventory())


def is_skeleton(word: str) -> bool:
    """True when ``word`` (marks or none) is a syllable once its marks are dropped."""
    from pipeline.text import skeleton

    return skeleton(word) in skeletons()


def segment(word: str, max_parts: int = 4, valid=is_valid) -> list[str] | None:
    """``word`` cut wholly into the fewest syllables ``valid`` accepts (2 to ``max_parts``), when it is
    none itself and such a cut exists: what OCR glued ("Toànhuyện" -> Toàn huyện; with ``is_skeleton``,
    text without marks: "tieunam" -> tieu nam); None otherwise."""
    if not word.isalpha() or valid(word):
        return None
    n = len(word)
    # fewest pieces; among as few, the fewest starting with a vowel (rarer in running text: "toan huyen",
    # not "toanh uyen"); then the longest first piece (a final consonant stays with its syllable)
    best: list[tuple[int, int, list[str]] | None] = [None] * n + [(0, 0, [])]
    for i in range(n - 1, -1, -1):
        for k in range(min(7, n - i), 0, -1):
            rest, piece = best[i + k], word[i:i + k]
            if rest is None or not valid(piece):
                continue
            cost = (rest[0] + 1, rest[1] + (piece[0].lower() in _BARE_VOWELS))
            if best[i] is None or cost < best[i][:2]:
                best[i] = (*cost, [piece] + rest[2])
    parts = best[0][2] if best[0] is not None else None
    return parts if parts is not None and 2 <= len(parts) <= max_parts else None


@lru_cache(maxsize=200_000)
def well_formed(syl: str) -> bool:
    """True for a lower-case Vietnamese syllable (onset, rhyme, a tone the rhyme allows), any placement."""
    toneless, tone = split_tone(syl)
    if len(toneless) > 7 or sum(1 for c in unicodedata.normalize("NFD", syl) if c in _TONE_OF) > 1:
        return False
    parsed = parse(toneless)
    if parsed is None:
        return False
    if parsed[1].endswith(STOP_FINALS):
        return tone in (2, 5)
    return True


def _vowel_span(toneless: str) -> tuple[int, int]:
    """Start and end of the vowel nucleus, the u of qu and the i of gi counted as onset."""
    start = 0
    low = toneless
    if low.startswith("qu"):
        start = 2
    elif low.startswith("gi") and len(low) > 2 and low[2] in VOWELS:
        start = 2
    while start < len(low) and low[start] not in VOWELS:
        start += 1
    end = start
    while end < len(low) and low[end] in VOWELS:
        end += 1
    return start, end


def place_tone(toneless: str, tone: int) -> str:
    """Put tone ``tone`` on a lower-case toneless syllable following the classic convention."""
    if tone == 0:
        return toneless
    start, end = _vowel_span(toneless)
    if start >= end:  # no vowel (gì written as g + ì is handled by the span: 'gi' alone)
        start, end = (1, 2) if toneless.startswith("gi") else (0, 0)
        if start == end:
            return toneless
    cluster = toneless[start:end]
    has_final = end < len(toneless)
    hats = [i for i, c in enumerate(cluster) if c in HATTED]
    if hats:
        pos = hats[-1]
    elif has_final:
        pos = len(cluster) - 1
    elif len(cluster) == 3:
        pos = 1
    else:
        pos = 0
    i = start + pos
    return unicodedata.normalize("NFC", toneless[:i + 1] + TONE_MARKS[tone] + toneless[i + 1:])


@lru_cache(maxsize=200_000)
def normalize_syllable(word: str) -> str:
    """Re-place the tone of one word by the project's convention; other words come back unchanged."""
    low = nfc(word).lower()
    toneless, tone = split_tone(low)
    if tone == 0 or parse(toneless) is None:
        return nfc(word)
    fixed = place_tone(toneless, tone)
    return apply_case(word, fixed)


_WORD = re.compile(r"[^\W\d_]+")


def normalize(text: str) -> str:
    """NFC and one tone placement for every syllable (legacy encodings are decoded when the input is read)."""
    text = nfc(text)
    return _WORD.sub(lambda m: normalize_syllable(m.group(0)), text)


def apply_case(template: str, word: str) -> str:
    """Give ``word`` the case pattern of ``template`` (all upper, capitalised or lower)."""
    if template.islower():
        return word
    if len(template) > 1 and template[0] == "I" and template[1].islower():
        template = "l" + template[1:]  # OCR's capital I for a small l
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and sum(c.isupper() for c in letters) * 2 > len(letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


def valid_share(text: str) -> float:
    """Share of alphabetic words that are well-formed Vietnamese syllables."""
    words = _WORD.findall(text)
    return sum(well_formed(w.lower()) for w in words) / len(words) if words else 0.0
