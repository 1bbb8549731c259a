"""Plain-text inputs (text from an earlier OCR, or typed): decoded once, split into pages and lines."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.errors import CorruptFile, EmptyFile
from pipeline.inputs.admit import check_size, open_regular
from pipeline.inputs.encodings import Decoded, StreamReading, decode
from pipeline.model import Line, Page, PageSource, Word
from pipeline.text import nfc

MAX_BINARY_SHARE = 0.01  # control characters allowed in a text file (form feeds, tabs and line ends aside)
HEAD_BYTES = 256 * 1024  # a larger file's encoding is decided on this much of its head
CHUNK_BYTES = 1 << 20  # then it is read and decoded in pieces of this size


def decode_text(data: bytes, name: str = "") -> Decoded:
    """The document's text in its most Vietnamese reading (see ``encodings``); clear errors for empty or
    binary content."""
    if not data.strip():
        raise EmptyFile(f"{name}: no text")
    decoded = decode(data)
    _check_not_binary(decoded.text, name)
    return decoded


def _check_not_binary(text: str, name: str) -> None:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f")
    if "\x00" in text or controls > len(text) * MAX_BINARY_SHARE:
        raise CorruptFile(f"{name}: binary data in a text file")


def read_text(path: str | Path, max_bytes: int | None = None, name: str | None = None) -> Decoded:
    """A text file decoded (see ``decode_text``) without holding more than one reading of it: a file over
    ``HEAD_BYTES`` gets its encoding from its head, then is read in ``CHUNK_BYTES`` pieces. Refused before
    reading when over ``max_bytes`` (E108)."""
    name = name or Path(path).name
    with os.fdopen(open_regular(path), "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if max_bytes is not None:
            check_size(name, size, max_bytes, "of text", "--max-text-mb")
        head = fh.read(HEAD_BYTES)
        if len(head) < HEAD_BYTES:
            return decode_text(head, name)
        chosen = decode_text(head, name)
        reading = StreamReading(chosen.encoding, head)
        parts = [reading.feed(head)]
        for chunk in iter(lambda: fh.read(CHUNK_BYTES), b""):
            parts.append(reading.feed(chunk))
        parts.append(reading.feed(b"", final=True))
    text = "".join(parts)
    del parts
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    _check_not_binary(text, name)
    return Decoded(text, chosen.encoding, chosen.score)


def words_of(text: str) -> list[Word]:
    words, pos = [], 0
    for tok in text.split():
        start = text.index(tok, pos)
        pos = start + len(tok)
        words.append(Word(text=tok, start=start, end=pos))
    return words


_SURROGATE = re.compile("[\ud800-\udfff]")


def pages_from_text(text: str) -> list[Page]:
    """Form feeds separate pages; every line is kept, blank ones too, so line numbers are the file's. A lone
    surrogate (no character of any encoding; only a caller's own string can hold one) becomes U+FFFD."""
    text = _SURROGATE.sub("\ufffd", text)
    pages = []
    for no, chunk in enumerate(text.split("\f"), start=1):
        lines = [Line(number=i, text=t, words=words_of(t)) for i, t in enumerate(chunk.split("\n"), start=1)]
        pages.append(Page(number=no, lines=lines, source=PageSource.TXT))
    return pages


def read_text_file(path: Path, max_bytes: int | None = None) -> tuple[list[Page], str]:
    """Pages of a text file and the encoding its bytes were read in."""
    decoded = read_text(path, max_bytes)
    return pages_from_text(decoded.text), decoded.encoding
