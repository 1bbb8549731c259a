"""Plain-text inputs (text from an earlier OCR, or typed): decoded once, split into pages and lines."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CorruptFile, EmptyFile
from pipeline.inputs.encodings import Decoded, decode
from pipeline.model import Line, Page, PageSource, Word

MAX_BINARY_SHARE = 0.01  # control characters allowed in a text file (form feeds, tabs and line ends aside)


def decode_text(data: bytes, name: str = "") -> Decoded:
    """The document's text in its most Vietnamese reading (see ``encodings``); clear errors for empty or
    binary content."""
    if not data.strip():
        raise EmptyFile(f"{name}: no text")
    decoded = decode(data)
    controls = sum(1 for c in decoded.text if ord(c) < 32 and c not in "\n\t\f")
    if "\x00" in decoded.text or controls > len(decoded.text) * MAX_BINARY_SHARE:
        raise CorruptFile(f"{name}: binary data in a text file")
    return decoded


def words_of(text: str) -> list[Word]:
    words, pos = [], 0
    for tok in text.split():
        start = text.index(tok, pos)
        pos = start + len(tok)
        words.append(Word(text=tok, start=start, end=pos))
    return words


def pages_from_text(text: str) -> list[Page]:
    """Form feeds separate pages; every line is kept, blank ones too, so line numbers are the file's."""
    pages = []
    for no, chunk in enumerate(text.split("\f"), start=1):
        lines = [Line(number=i, text=t, words=words_of(t)) for i, t in enumerate(chunk.split("\n"), start=1)]
        pages.append(Page(number=no, lines=lines, source=PageSource.TXT))
    return pages


def read_text_file(path: Path) -> tuple[list[Page], str]:
    """Pages of a text file and the encoding its bytes were read in."""
    decoded = decode_text(Path(path).read_bytes(), Path(path).name)
    return pages_from_text(decoded.text), decoded.encoding
