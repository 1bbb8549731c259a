"""The stages, in order: one explicit list that the runner and the command line share.

``ocr`` turns a file into a Document (``pipeline.ocr.ocr_file``). Each later stage is a ``Stage``: a
name and ``run(doc, ctx) -> doc``, the function of the package of that name. After the per-document
stages, the corpus steps run once over all documents: the cross-document audit adds its findings to
the ``Corpus``, emit writes the dataset. Packages are imported when a stage first runs, so the command
line starts fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Protocol

from pipeline.context import Context
from pipeline.model import Document, Finding


class Stage(Protocol):
    name: str

    def run(self, doc: Document, ctx: Context) -> Document: ...


@dataclass
class Corpus:
    """What the corpus steps share: every document that went through the stages, and the findings of
    the cross-document audit."""

    docs: list[Document]
    findings: list[Finding] = field(default_factory=list)
    excluded: dict[str, str] = field(default_factory=dict)  # doc_id -> why emit left it out of the dataset


@dataclass(frozen=True)
class ModuleStage:
    """A stage whose work is ``<module>.<function>``, imported on first use."""

    name: str
    module: str
    function: str = "run"

    @property
    def fn(self) -> Callable:
        return getattr(importlib.import_module(self.module), self.function)

    def run(self, doc, ctx):
        return self.fn(doc, ctx)


STAGES: tuple[ModuleStage, ...] = (
    ModuleStage("restore", "pipeline.restore"),
    ModuleStage("extract", "pipeline.extract"),
    ModuleStage("reconcile", "pipeline.reconcile"),
    ModuleStage("review", "pipeline.review"),  # the auditors' corrections (OUT/review/corrections.csv)
    ModuleStage("audit", "pipeline.audit"),
)
CORPUS_STEPS: tuple[ModuleStage, ...] = (
    ModuleStage("audit", "pipeline.audit", "run_corpus"),  # cross-document rules -> Corpus.findings
    ModuleStage("emit", "pipeline.emit", "run_corpus"),  # the dataset, DuckDB, report.html
)
STAGE_NAMES = ("ocr",) + tuple(s.name for s in STAGES)


def stage(name: str) -> ModuleStage:
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(f"unknown stage {name!r}; stages are {', '.join(s.name for s in STAGES)}")


def previous_stage(name: str) -> str:
    return STAGE_NAMES[STAGE_NAMES.index(name) - 1]
