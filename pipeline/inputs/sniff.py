"""What kind of file is this? Decided by content (magic bytes), never by the extension alone."""

from __future__ import annotations

import codecs
from pathlib import Path

from pipeline.errors import EmptyFile, NotADocument
from pipeline.inputs.encodings import utf16_likely

HEAD_BYTES = 4096

# kind -> magic prefixes
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "tiff": (b"II*\x00", b"MM\x00*"),
    "bmp": (b"BM",),
    "gif": (b"GIF87a", b"GIF89a"),
}
_NOT_DOCUMENTS: dict[bytes, str] = {
    b"PK\x03\x04": "a ZIP archive (or an Office file)",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Office file",
    b"ID3": "an MP3 file",
    b"OggS": "an Ogg file",
}
IMAGE_KINDS = ("png", "jpeg", "tiff", "bmp", "gif", "webp")


def read_head(path: str | Path, size: int = HEAD_BYTES) -> bytes:
    import os

    from pipeline.inputs.admit import open_regular  # a FIFO is refused here, never waited on

    with os.fdopen(open_regular(path), "rb") as fh:
        return fh.read(size)


def sniff(head: bytes, name: str = "") -> str:
    """Kind of a file from its first bytes: pdf | png | jpeg | tiff | bmp | gif | webp | txt.

    Raises EmptyFile for zero bytes and NotADocument for anything else.
    """
    if not head:
        raise EmptyFile(f"{name}: zero-byte file")
    if b"%PDF-" in head[:1024]:  # the header may follow some junk bytes; readers accept that
        return "pdf"
    for kind, magics in _MAGIC.items():
        if head.startswith(magics):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for magic, what in _NOT_DOCUMENTS.items():
        if head.startswith(magic):
            raise NotADocument(f"{name}: {what}, not a document")
    if _looks_like_text(head):
        return "txt"
    raise NotADocument(f"{name}: unrecognised binary content (not PDF, image or text)")


def _looks_like_text(head: bytes) -> bool:
    """Text in some encoding of ``inputs.encodings``: a byte-order mark, UTF-16 without one, or bytes that
    decode (as UTF-8, else one byte per character) with almost no control characters."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or utf16_likely(head):
        return True
    if b"\x00" in head:
        return False
    try:  # the head may end inside a character: an incremental decoder waits for the rest
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls <= len(text) * 0.01


def detect_kind(path: str | Path) -> str:
    """Kind of the file at ``path`` (see ``sniff``)."""
    path = Path(path)
    return sniff(read_head(path), path.name)
