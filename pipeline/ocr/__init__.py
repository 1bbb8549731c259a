"""Stage 1, ocr: any input file -> Document (pages -> lines -> words with boxes and confidences)."""

from __future__ import annotations

from pathlib import Path

from pipeline.cache import sha256_file
from pipeline.context import OCRSettings
from pipeline.errors import EmptyFile, NotADocument
from pipeline.model import Document
from pipeline.ocr.text_file import read_text_file


def ocr_file(path: str | Path, settings: OCRSettings | None = None, *, doc_id: str | None = None,
             rel_path: str | None = None, sha: str | None = None, ctx=None) -> Document:
    """Read one file of any supported kind into a Document.

    ``ctx`` (optional) gives a logger and the job count for page-parallel OCR.
    """
    path = Path(path)
    settings = settings or OCRSettings()
    if path.stat().st_size == 0:
        raise EmptyFile(f"{path.name}: zero-byte file")
    sha = sha or sha256_file(path)
    if path.suffix.lower() == ".txt":
        pages, kind = read_text_file(path), "txt"
    else:
        raise NotADocument(f"{path.name}: not a supported document kind")
    return Document(
        doc_id=doc_id or path.stem,
        path=rel_path or str(path),
        sha256=sha,
        kind=kind,
        pages=pages,
        stages=["ocr"],
    )
