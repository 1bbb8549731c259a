"""The ordered list of stages and how to find them.

``ocr`` turns a file into a Document; each later per-document stage is a plain function
``run(doc, ctx) -> doc`` defined by the package of that name (``pipeline.restore.run`` ...).
Corpus-level steps (cross-document audit, emit) are ``run_corpus(docs, ctx)`` in their packages.
A stage "exists" when its package defines that function, so ``vnreports run`` runs every stage
that exists.
"""

from __future__ import annotations

import importlib
from typing import Callable

DOC_STAGES = ("restore", "extract", "reconcile", "audit")
CORPUS_STAGES = ("audit", "emit")
ALL_STAGES = ("ocr",) + DOC_STAGES + ("emit",)


def _stage_function(package: str, attr: str) -> Callable | None:
    try:
        module = importlib.import_module(f"pipeline.{package}")
    except ModuleNotFoundError as exc:
        if exc.name == f"pipeline.{package}":
            return None  # that stage is not part of this build
        raise
    return getattr(module, attr, None)


def doc_stage(name: str) -> Callable | None:
    if name not in DOC_STAGES:
        raise KeyError(f"unknown stage {name!r}; stages are {', '.join(DOC_STAGES)}")
    return _stage_function(name, "run")


def corpus_stage(name: str) -> Callable | None:
    if name not in CORPUS_STAGES:
        raise KeyError(f"unknown corpus stage {name!r}")
    return _stage_function(name, "run_corpus")


def available_doc_stages() -> list[str]:
    return [s for s in DOC_STAGES if doc_stage(s) is not None]


def previous_stage(name: str) -> str:
    order = ("ocr",) + DOC_STAGES
    return order[order.index(name) - 1]
