"""Which documents are copies of one report (a scan and a text of it, the same file twice).

Defined once: the audit flags the copies and compares only the primary copy across documents; the
dataset marks them (``documents.copy_of``) so that the panel counts each report once.

Two documents are one report when their bytes are equal, when their identities (number, issuing body,
year) are equal, or when their contents are: OCR of a poor scan misreads the identity line (an issuer
code, a day) as often as any other, and a copy that is not recognised as one is audited against its
own text as if two offices had reported different figures. Content means the set of the document's
numbers and of its word 3-grams (without marks, so that a restored text and an old OCR text agree).
Measured on the bundled corpus: copies share >= 0.92 of their numbers (Jaccard) and >= 0.91 of their
3-grams (containment); the same template a year apart shares 0.42 of its numbers but 0.88 of its
3-grams, so the numbers decide and the words only confirm.
"""

from __future__ import annotations

import re
import weakref
import zlib
from collections import Counter
from dataclasses import dataclass

from pipeline.model import Document
from pipeline.text import normalize_ws, skeleton

# Content that makes two documents one report (see the module docstring for the measurements).
MIN_NUMBERS = 8  # a document with fewer distinct numbers is matched by bytes or identity only
NUMBERS_JACCARD = 0.8
SHINGLES_CONTAINMENT = 0.6
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")

# Which copy speaks for a report: a text first (the archive's own text, or a born-digital PDF), then by path.
KIND_PREFERENCE = {"txt": 0, "pdf-text": 1, "pdf-image": 2, "tiff": 3, "image": 4}


def identity(doc: Document) -> tuple | None:
    """(number, issuing body, report year, place) when the first three are known, else None. All three come from
    extraction alone, so which documents are copies does not depend on whether reconciliation ran."""
    ident = doc.identity
    issuer = ident.issuer_body_code or (skeleton(normalize_ws(ident.issuer)) if ident.issuer else None)
    if ident.number is None or not issuer or ident.report_year is None:
        return None
    # the place of the place-date line tells two districts' bodies of one name apart ("Số: 31/BC-BCĐ" of the steering
    # committees of Đắk Mil and of Bù Đăng); a copy whose OCR garbled it is still found by its content
    place = skeleton(normalize_ws(ident.place)) if ident.place else None
    return str(ident.number), issuer, ident.report_year, place


@dataclass(frozen=True)
class Content:
    """What a document says, reduced to what survives OCR and restoration alike."""

    numbers: frozenset[str]  # distinct runs of two or more digits (``1.250`` gives 1 and 250: OCR of a
    # poor scan often breaks a number at its thousands separator, so whole numbers would disagree)
    shingles: frozenset[int]  # hashes of word 3-grams, lower case without marks

    @property
    def telling(self) -> frozenset[str]:
        """Numbers rare enough to find candidate copies by: three digits or more, not a year."""
        return frozenset(n for n in self.numbers
                         if len(n) >= 3 and n.strip("0") and not (len(n) == 4 and n[:2] in ("19", "20")))


# Each corpus rule and the dataset ask for the copies of the same documents: a document's content is computed once
# (kept while the document lives, and redone when its text changed length: a later stage restored it).
_CONTENTS: dict[int, tuple[weakref.ref, int, "Content"]] = {}


def content(doc: Document) -> Content:
    size = sum(len(line.best) for page in doc.pages for line in page.lines)
    hit = _CONTENTS.get(id(doc))
    if hit is not None and hit[0]() is doc and hit[1] == size:
        return hit[2]
    found = _content(doc)
    key = id(doc)
    _CONTENTS[key] = (weakref.ref(doc, lambda _, k=key: _CONTENTS.pop(k, None)), size, found)
    return found


def _content(doc: Document) -> Content:
    text = skeleton("\n".join(line.best for page in doc.pages for line in page.lines))
    numbers = set(_DIGITS.findall(text))
    words = _WORD.findall(text)
    shingles = {zlib.crc32(" ".join(words[i:i + 3]).encode()) for i in range(len(words) - 2)}
    return Content(frozenset(n for n in numbers if len(n) >= 2), frozenset(shingles))


def same_content(a: Content, b: Content) -> bool:
    if min(len(a.numbers), len(b.numbers)) < MIN_NUMBERS or not a.shingles or not b.shingles:
        return False
    jaccard = len(a.numbers & b.numbers) / len(a.numbers | b.numbers)
    containment = len(a.shingles & b.shingles) / min(len(a.shingles), len(b.shingles))
    return jaccard >= NUMBERS_JACCARD and containment >= SHINGLES_CONTAINMENT


def same_report(a: Document, b: Document, contents: tuple[Content, Content] | None = None) -> bool:
    if a.sha256 and a.sha256 == b.sha256:
        return True
    if identity(a) is not None and identity(a) == identity(b):
        return True
    ca, cb = contents or (content(a), content(b))
    return same_content(ca, cb)


def copy_groups(docs: list[Document]) -> list[list[Document]]:
    """Documents grouped into copies of one report; the first of each group is its primary copy.

    Each document is compared with the primaries that share its bytes, its identity or most of its
    telling numbers (found by an index, not by every pair: archives hold thousands of reports)."""
    groups: list[list[Document]] = []
    contents: list[Content] = []  # of each group's primary
    by_key: dict[tuple, list[int]] = {}
    for d in sorted(docs, key=lambda d: (KIND_PREFERENCE.get(d.kind, 9), d.path)):
        c = content(d)
        named = [("sha", d.sha256), ("identity", identity(d))]
        numbers = [("number", n) for n in c.telling]
        shared = Counter(i for k in numbers for i in by_key.get(k, ()))
        # a copy shares most of its telling numbers (it shares >= NUMBERS_JACCARD of all its numbers)
        candidates = {i for k in named if k[1] for i in by_key.get(k, ())}
        candidates |= {i for i, n in shared.items() if n >= NUMBERS_JACCARD * len(numbers) / 2}
        home = next((i for i in sorted(candidates) if same_report(groups[i][0], d, (contents[i], c))), None)
        if home is not None:
            groups[home].append(d)
            continue
        groups.append([d])
        contents.append(c)
        for k in named + numbers:
            if k[1]:
                by_key.setdefault(k, []).append(len(groups) - 1)
    return groups


def primary_of(docs: list[Document]) -> dict[str, str | None]:
    """doc_id -> doc_id of the primary copy it duplicates (None for a primary)."""
    out: dict[str, str | None] = {}
    for group in copy_groups(docs):
        out[group[0].doc_id] = None
        for d in group[1:]:
            out[d.doc_id] = group[0].doc_id
    return out


def primaries(docs: list[Document]) -> list[Document]:
    """One copy per report, in the order given."""
    keep = {id(g[0]) for g in copy_groups(docs)}
    return [d for d in docs if id(d) in keep]
