"""Find place mentions in a document's text (``Line.best``), raw OCR-broken text included.

Three shapes are found here, before any gazetteer lookup:

* a level word and a capitalised name: ``huyện Tam Đường``, ``HUYEN TAM PUONG``, ``TP. Lai Châu``,
  ``x4 Bản Bo`` (level words are searched in the skeleton, so broken accents do not matter);
* a plural level word and a list: ``các tỉnh phía: Lào Cai, Điện Biên, Yên Bái, Sơn La``;
* the place of the place-date line: ``Tam Puong, ngay 23 thang 11 nam 2023``.

Bare names elsewhere (``Tam Duong chung tay``, commune names in table rows) are found by
``find_bare`` once the document's own province is known, against that province's units only.
A mention carries several possible name lengths (``options``); the linker keeps the one that matches best.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from pipeline.model import Document
from pipeline.reconcile.variants import fold, level_word_pattern, similarity, types_for
from pipeline.text import nfc, skeleton, strip_diacritics

MAX_NAME_TOKENS = 4
BARE_FUZZY = 0.90  # a bare name must be this close to a unit of the document's province
_LEVEL = level_word_pattern()
_TOKEN = re.compile(r"[^\s*#_|]+")  # markdown emphasis and table bars separate words
_TRAIL = ",;:.)]}\"”»!?/"  # an apostrophe belongs to the name: Ia H' Drai
_LEAD = "([{\"'“‘«*"
# A level word followed by these is no place: XÃ HỘI CHỦ NGHĨA, TÌNH NGUYỆN, TÌNH HÌNH, TT. HUYỆN ỦY ...
STOP_PHRASES = re.compile(r"xa hoi chu nghia|tinh (?:nguyen|than|hinh|thuong)\b|tt\. ?huyen u[yi]|"
                          # "PHƯƠNG HƯỚNG CÔNG TÁC / THỜI GIAN TỚI / NHIỆM VỤ ..." restored without its marks
                          r"phuong huong(?:\s*,|\s+(?:cong tac|nhiem vu|tho\W?i? gian|nam \d|hoat dong|ke hoach|"
                          r"muc tieu|chung|va)\b)")
# Common words that fold to a level word, told apart by their marks where the text has them: "PHƯƠNG HƯỚNG"
# (the heading of next year's tasks) is no "PHƯỜNG Hương ...", "tình" is no "tỉnh"
NOT_LEVEL_WORDS = frozenset({"phương", "tình"})
MARKED_FUZZY = 0.80  # a bare name written with marks must also be this close to the unit's name with its marks
# Lower-case words that may close a name written with a small letter (tỉnh Lai châu) but never do here.
_NOT_NAME_WORDS = frozenset({"nam", "ngay", "da", "va", "co", "la", "den", "tu", "voi", "ve", "cua", "thang", "tai"})
_PLACE_DATE = re.compile(r"^\W*(?P<name>[a-z0-9][a-z0-9. ]{1,28}?)\s*,\s*ngay\b")


@dataclass
class Mention:
    page: int
    line: int
    start: int  # offsets in Line.best
    options: list[tuple[int, str]]  # (end offset, name) from the longest name to the shortest
    types: tuple[str, ...] = ()
    kind: str = "level"  # level | list | place_date | bare
    continuation: str = ""  # name words carried on the next line
    abbreviated: bool = False  # level word written short: TP. H. P. TT.
    extra: dict = field(default_factory=dict)

    @property
    def end(self) -> int:
        return self.options[0][0]


@dataclass
class _Tok:
    start: int
    end: int  # without trailing punctuation
    text: str
    closes: bool  # punctuation after it ends a name
    opens: bool = False  # a bracket before it opens an aside ("Xã Nà Hỳ (Nậm Pồ)"): the name ended before it


def _tokens(text: str, pos: int = 0) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, pos):
        s, e = m.start(), m.end()
        while s < e and text[s] in _LEAD:
            s += 1
        core_end = e
        while core_end > s and text[core_end - 1] in _TRAIL:
            core_end -= 1
        out.append(_Tok(s, core_end, text[s:core_end], core_end < e or text[s:e].endswith("-"),
                        text[m.start():s].endswith(("(", "[", "{"))))
    return out


def _capitalised(tok: _Tok) -> bool:
    c = next((ch for ch in tok.text if ch.isalnum()), "")
    return bool(c) and (c.isupper() or c.isdigit())


def _name_run(toks: list[_Tok], limit: int = MAX_NAME_TOKENS) -> list[_Tok]:
    run: list[_Tok] = []
    for i, t in enumerate(toks):
        if run and t.text == "-" and i + 1 < len(toks) and _capitalised(toks[i + 1]) and not run[-1].closes:
            continue  # "Bà Rịa - Vũng Tàu"
        if len(run) >= limit or not t.text or not _capitalised(t):
            break
        if run and (t.text[0].isdigit() or t.start - toks[i - 1].end >= 3 or t.opens):
            break  # a number ends a name (only "Phường 3" starts with one); a run of spaces ends a table cell
        run.append(t)
        if t.closes:
            break
    return run


def _options(text: str, run: list[_Tok], after: _Tok | None = None) -> list[tuple[int, str]]:
    """Name lengths to try, longest first.

    Shorter names are tried only in capitals (``HUYEN TAM PUONG CONG HOA``: the heading runs on);
    in ordinary text a capitalised run is the name, so ``xã Hra Bửu`` is not taken for ``Xã Hra``.
    ``after``: one lower-case word that may end a one-word run (``tỉnh Lai châu``).
    """
    heading = all(t.text.isupper() and len(t.text) > 1 for t in run[:2])
    lengths = range(len(run), 0, -1) if heading else (len(run),)
    opts = [(run[k - 1].end, text[run[0].start:run[k - 1].end]) for k in lengths]
    if (after is not None and len(run) == 1 and not run[-1].closes and after.text.isalpha()
            and after.text.islower() and skeleton(after.text) not in _NOT_NAME_WORDS):
        opts.insert(0, (after.end, text[run[0].start:after.end]))
    return opts


def find_marked(doc: Document) -> list[Mention]:
    """Level-word mentions, lists after plural level words, and the place-date line's place."""
    found: list[Mention] = []
    for page, line in doc.iter_lines():
        text = line.best
        if not text.strip():
            continue
        sk = skeleton(text)
        taken_until = -1
        for m in _LEVEL.finditer(sk):
            if m.start() < taken_until or STOP_PHRASES.match(sk, m.start("lw")):
                continue
            if nfc(text[m.start("lw"):m.end("lw")]).lower() in NOT_LEVEL_WORDS:
                continue
            types = types_for(m.group("lw"))
            toks = _tokens(text, m.end())
            if toks and toks[0].start > m.end() + 2:  # name must follow the level word closely
                toks = []
            if m.group("cac"):
                items = _list_items(text, toks)
                for run in items:
                    found.append(Mention(page.number, line.number, run[0].start, _options(text, run), types,
                                         "list"))
                if items:
                    taken_until = items[-1][-1].end
                continue
            run = _name_run(toks)
            if not run:
                if not toks and not text[m.end():].strip():  # "... tỉnh" / "Lai Châu năm 2025" on the next line
                    found += _on_next_line(doc, page.number, line.number, types)
                continue
            following = toks[len(run)] if len(toks) > len(run) else None
            mention = Mention(page.number, line.number, m.start("lw"), _options(text, run, following), types,
                              "level", abbreviated=m.group("lw").endswith(".") or
                              m.group("lw") in ("tp",))
            if not run[-1].closes and run[-1].end >= len(text.rstrip()):
                mention.continuation = _next_line_start(doc, page.number, line.number)
            found.append(mention)
            taken_until = run[-1].end
        pd = _PLACE_DATE.match(sk)
        if pd and not any(f.page == page.number and f.line == line.number and f.start <= pd.start("name") < f.end
                          for f in found):
            run = [t for t in _tokens(text[:pd.end("name")], pd.start("name"))]
            if run and all(_capitalised(t) for t in run):
                found.append(Mention(page.number, line.number, run[0].start, _options(text, run), (),
                                     "place_date"))
    return found


def _list_items(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """``phía: Lào Cai, Điện Biên và Sơn La`` -> one token run per name."""
    i = 0
    if toks and not _capitalised(toks[0]):  # a few lower-case words, then a colon
        for j, t in enumerate(toks[:4]):
            if _capitalised(t):
                return []
            if text[t.end:t.end + 1] == ":":
                i = j + 1
                break
        else:
            return []
    items, run = [], []
    for t in toks[i:]:
        if skeleton(t.text) in ("va", "and") and not run:
            continue
        if not _capitalised(t) or len(run) >= MAX_NAME_TOKENS:
            break
        run.append(t)
        if t.closes:
            items.append(run)
            run = []
            if text[t.end:t.end + 1] not in ",;":
                break
    if run:
        items.append(run)
    return items


def _on_next_line(doc: Document, page: int, line: int, types: tuple[str, ...]) -> list[Mention]:
    lines = doc.pages[page - 1].lines
    if line >= len(lines):
        return []
    nxt = lines[line].best
    run = _name_run(_tokens(nxt))
    if not run or run[0].start > len(nxt) - len(nxt.lstrip()) + 1:
        return []
    return [Mention(page, line + 1, run[0].start, _options(nxt, run), types, "level")]


def _next_line_start(doc: Document, page: int, line: int) -> str:
    lines = doc.pages[page - 1].lines
    if line >= len(lines):
        return ""
    nxt = lines[line].best
    run = _name_run(_tokens(nxt), limit=2)
    return nxt[run[0].start:run[-1].end] if run else ""


_MOTTO_AFTER = re.compile(r"\s*xa hoi\b")  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": the motto, no commune Cộng Hòa


def find_bare(doc: Document, names: dict[str, list], taken: Iterable[Mention]) -> list[Mention]:
    """Capitalised runs of 2-4 words that are (nearly) the name of a unit in ``names`` (fold -> units).

    ``names`` holds only the document's own province and its units, so a bare ``Hồ Chí Minh`` in
    ``Đoàn TNCS Hồ Chí Minh`` is not taken for the city. A name cut by a line break (``“Tam`` at the
    end of a line, ``Duong chung tay`` on the next) is found too; its span is the part on the first line.
    """
    busy: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for m in taken:
        busy.setdefault((m.page, m.line), []).append((m.start, m.end))
    multi = [f for f in names if " " in f]

    def is_name(written: str, window: list[_Tok]) -> bool:
        f = fold(written)
        title_case = any(ch.islower() for t in window for ch in t.text)  # all-caps headings: exact only
        if f in names:
            return True
        if not title_case:
            return False
        near = [g for g in multi if abs(len(g) - len(f)) <= 2 and similarity(f, g) >= BARE_FUZZY]
        if not near or not _has_marks(written):
            return bool(near)
        # written with marks, they count too: "Ban Thường" (vụ) is one letter from "Tan Thuong" without them
        # and far from "Tân Thượng" with them
        mine = written.lower()
        return any(_marked_similarity(mine, u.short.lower()) >= MARKED_FUZZY for g in near for u in names[g])

    found = []
    last, last_page = "", None  # the line before this one on its page (a quoted title may open there)
    for page, line in doc.iter_lines():
        text, previous = line.best, (last if page is last_page else "")
        last, last_page = text, page
        if not text.strip():
            continue
        toks = _tokens(text)
        spans = busy.get((page.number, line.number), [])
        i = 0
        while i < len(toks):
            hit = None
            for n in range(MAX_NAME_TOKENS, 1, -1):
                window = toks[i:i + n]
                if len(window) < n or not all(_capitalised(t) for t in window) or any(t.closes for t in window[:-1]):
                    continue
                s, e = window[0].start, window[-1].end
                if (not any(a < e and s < b for a, b in spans) and not _inside_a_title(text, s, previous)
                        and not _MOTTO_AFTER.match(skeleton(text[e:])) and is_name(text[s:e], window)):
                    hit = window
                    break
            if hit:
                found.append(Mention(page.number, line.number, hit[0].start, _options(text, hit)[:1], (), "bare"))
                i += len(hit)
            else:
                i += 1
        found += _bare_across_lines(doc, page.number, line.number, toks, spans, is_name)
    return found


def _has_marks(text: str) -> bool:
    """Whether the text carries Vietnamese marks (old OCR text that lost them is compared without)."""
    return strip_diacritics(nfc(text)) != nfc(text)


def _marked_similarity(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(nfc(a), nfc(b))


_OPEN_QUOTE = "“\"«"
_CLOSE_QUOTE = "”\"»"


def _inside_a_title(text: str, start: int, previous: str = "") -> bool:
    """A bare name inside quotation marks after other words of the quoted title (``“Giọt hồng Sông Đà”``): the
    name of a campaign or an event, not a place mention. A quote that starts with the name (``“Tam Đường chung
    tay”``) still names the place. ``previous``: the line before, where a title broken over the line end
    opened (``... Ngày hội “Giọt hồng`` / ``Sông Đà” và ...``)."""
    before = text[:start]
    opened = max(before.rfind(q) for q in _OPEN_QUOTE)
    if opened < 0 and previous and not any(q in before for q in _CLOSE_QUOTE) \
            and any(q in text[start:] for q in _CLOSE_QUOTE if q not in _OPEN_QUOTE):
        return _inside_a_title(previous + " " + before, len(previous) + 1 + len(before))
    if opened < 0 or any(q in before[opened + 1:] for q in _CLOSE_QUOTE if q not in _OPEN_QUOTE):
        return False
    if '"' in before[opened:opened + 1] and before.count('"') % 2 == 0:
        return False  # a straight quote that closes an earlier one
    return bool(before[opened + 1:].strip())


def _bare_across_lines(doc: Document, page: int, line: int, toks: list[_Tok], spans, is_name) -> list[Mention]:
    """The last capitalised words of a line and the first of the next one, read as one name."""
    lines = doc.pages[page - 1].lines
    if not toks or line >= len(lines) or toks[-1].closes or not _capitalised(toks[-1]):
        return []
    text, nxt = lines[line - 1].best, lines[line].best
    head = _name_run(_tokens(nxt), limit=MAX_NAME_TOKENS - 1)
    if not head or nxt[:head[0].start].strip(_LEAD + " ") or not head[0].text.isalpha():
        return []  # "VIET NAM" / "S6: 111" is no "Nậm Sỏ"
    head = head[:next((i for i, t in enumerate(head) if not t.text.isalpha()), len(head))]
    for k in range(min(len(toks), MAX_NAME_TOKENS - 1), 0, -1):
        tail = toks[-k:]
        if not all(_capitalised(t) and t.text.isalpha() for t in tail) or any(t.closes for t in tail[:-1]):
            continue
        s, e = tail[0].start, tail[-1].end
        if any(a < e and s < b for a, b in spans):
            continue
        if all(t.text.isupper() for t in tail + head):
            continue  # capitals across lines are two header columns (VIỆT NAM / BAN CHỈ ĐẠO), not one name
        for j in range(len(head), 0, -1):
            rest = nxt[head[0].start:head[j - 1].end]
            if is_name(f"{text[s:e]} {rest}", tail + head[:j]):
                return [Mention(page, line, s, [(e, text[s:e])], (), "bare", continuation=rest)]
    return []
