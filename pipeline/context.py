"""Settings and the per-run context that every stage receives."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from pipeline.model import RestoreMode


@dataclass
class OCRSettings:
    lang: str = "vie"  # `-l vie` alone: vie+eng strips accents from some words
    dpi: int = 300
    psm: int = 3
    force_ocr: bool = False  # OCR PDFs even when they carry a text layer
    grayscale: bool = True
    remove_stamps: bool = True  # red stamps removed by colour before binarising
    deskew: bool = True
    denoise: bool = True
    binarize: bool = True
    tables: bool = True  # read tables: rulings, the cell grid, a cell-level pass (ocr/rulings.py, ocr/tables.py)
    page_timeout: float = 180.0  # seconds Tesseract may spend on one page
    max_pixels: int = 180_000_000  # decompression-bomb guard

    def key(self) -> str:
        """Hash of the settings that change OCR output (part of the cache key)."""
        d = asdict(self)
        d.pop("page_timeout")
        return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:12]


@dataclass
class Settings:
    ocr: OCRSettings = field(default_factory=OCRSettings)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    restore: RestoreMode = RestoreMode.AUTO
    verbose: bool = False
    cache: bool = True
    check_contract: bool = True  # check every document against the stage contract after each stage


@dataclass
class Context:
    """What a stage may use besides the document: settings, where the run reads and writes, progress
    display, a logger, and heavy resources (language model, gazetteer) loaded once per run."""

    settings: Settings = field(default_factory=Settings)
    out_dir: Path | None = None
    input_root: Path | None = None  # the folder inputs are relative to (page crops in the report)
    progress: Any = None  # a rich Progress while a run shows one
    log: Callable[[str], None] = lambda msg: None
    resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, loader: Callable[[], Any]) -> Any:
        """Load a heavy resource (model, gazetteer) once per run."""
        if name not in self.resources:
            self.resources[name] = loader()
        return self.resources[name]
