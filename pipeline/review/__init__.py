"""Stage ``review``: the auditors' corrections, applied between reconciliation and the audit.

Reviewers confirm or reject findings and correct figures, places and table cells in the review desk
(``vnreports serve``); each action is a row of the append-only corrections table of the output folder
(``store``: ``OUT/review/corrections.csv``), keyed by the document's sha256 and a key that survives a
re-run on the same bytes (``keys``). ``run(doc, ctx)`` applies the document's corrections (``apply``),
so the audit that follows judges the corrected values and every later run keeps them; ``marks`` tells
the dataset and the desk what was reviewed, corrected or orphaned.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.model import Correction, Document
from pipeline.review import store
from pipeline.review.apply import apply

__all__ = ["run", "corrections_for", "store"]


def _load_gazetteer():
    from pipeline.reconcile import load_gazetteer

    return load_gazetteer()


def _by_sha(out_dir: Path) -> dict[str, list[Correction]]:
    out: dict[str, list[Correction]] = {}
    for c in sorted(store.read(out_dir), key=lambda c: c.time):  # stable: file order within a second
        out.setdefault(c.sha256, []).append(c)
    return out


def corrections_for(sha256: str, ctx) -> list[Correction]:
    """The corrections of the document with these bytes, oldest first (read once per version of the
    store file and run)."""
    if ctx is not None and ctx.corrections is not None:
        return [Correction(**vars(c)) for c in ctx.corrections.get(sha256, [])]
    if ctx is None or ctx.out_dir is None or not sha256:
        return []
    path = store.store_path(Path(ctx.out_dir))
    if not path.exists():
        return []
    st = path.stat()
    stamp = (str(path), st.st_mtime_ns, st.st_size)
    cached = ctx.resources.get("corrections")
    if cached is None or cached[0] != stamp:  # the store changed (the desk appended): read it again
        cached = ctx.resources["corrections"] = (stamp, _by_sha(Path(ctx.out_dir)))
    by_sha = cached[1]
    return [Correction(**vars(c)) for c in by_sha.get(sha256, [])]  # copies: the stage marks them


def run(doc: Document, ctx=None) -> Document:
    """Apply the corrections of ``doc``'s bytes found in the output folder's corrections table. A
    document that went through the stage before keeps what it carries; only newer corrections are
    applied on top (the runner and the desk start from the reconcile output, where it carries none)."""
    done = {c.correction_id for c in doc.corrections}
    todo = [c for c in corrections_for(doc.sha256, ctx) if c.correction_id not in done]
    if not todo:
        return doc
    gazetteer = (lambda: ctx.resource("gazetteer", _load_gazetteer)) if ctx is not None else _load_gazetteer
    return apply(doc, todo, gazetteer)
