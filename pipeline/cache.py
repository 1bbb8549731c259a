"""Content-hash cache: an unchanged file is never OCR'd twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.model import Document

CHUNK = 1 << 20


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


class DocCache:
    """Documents stored as JSON under ``root/<stage>/<sha256>-<key>.json``."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, stage: str, sha: str, key: str) -> Path:
        return self.root / stage / f"{sha}-{key}.json"

    def get(self, stage: str, sha: str, key: str) -> Document | None:
        p = self.path(stage, sha, key)
        if not p.exists():
            return None
        try:
            return Document.load(p)
        except Exception:  # a damaged cache entry is just a miss
            p.unlink(missing_ok=True)
            return None

    def put(self, stage: str, sha: str, key: str, doc: Document) -> None:
        doc.save(self.path(stage, sha, key))
