"""Plain-text inputs: text produced by an earlier OCR, taken as is and marked as such."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CorruptFile, EmptyFile
from pipeline.model import Line, Page, Word
from pipeline.text import nfc


def decode_text(data: bytes, name: str = "") -> str:
    if not data.strip():
        raise EmptyFile(f"{name}: no text")
    for enc in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        try:
            text = data.decode("cp1258")  # Windows Vietnamese, common in old archives
        except UnicodeDecodeError as exc:
            raise CorruptFile(f"{name}: not UTF-8, UTF-16 or Windows-1258 text ({exc.reason})") from exc
    if "\x00" in text:
        raise CorruptFile(f"{name}: binary data in a text file")
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


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
        pages.append(Page(number=no, lines=lines, source="txt"))
    return pages


def read_text_file(path: Path) -> list[Page]:
    return pages_from_text(decode_text(path.read_bytes(), path.name))
