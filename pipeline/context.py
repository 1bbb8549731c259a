"""Settings and the per-run context that every stage receives."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from pipeline.model import RestoreMode


OCR_REVISION = 61  # raise when the OCR stage reads the same page differently: cached readings are then redone


@dataclass
class OCRSettings:
    lang: str = "vie"  # `-l vie` alone: vie+eng strips accents from some words
    dpi: int = 300
    psm: int = 3
    force_ocr: bool = False  # OCR PDFs even when they carry a text layer
    grayscale: bool = True
    remove_stamps: bool = True  # coloured stamps (any hue) removed by colour before binarising
    remove_borders: bool = True  # dark scan borders and punch holes painted white
    remove_strikes: bool = True  # a pen's line through a passage filled from above and below (ocr/strikes.py)
    deskew: bool = True
    denoise: bool = True
    binarize: bool = True
    safety_net: bool = True  # where the clean-up is doubtful, also read the raw page; keep the better block
    reread: bool = True  # read again the ink no word covers (text blocks Tesseract took for pictures)
    orient: bool = True  # a page read as garbage or across its text: ask Tesseract's orientation detector, turn it
    tables: bool = True  # read tables: rulings, the cell grid, a cell-level pass (ocr/rulings.py, ocr/tables.py)
    page_timeout: float = 180.0  # seconds Tesseract may spend on one page
    max_pixels: int = 180_000_000  # decompression-bomb guard

    def key(self) -> str:
        """Hash of the settings that change OCR output, and of the OCR code's revision (the cache key)."""
        d = asdict(self)
        d.pop("page_timeout")
        d["revision"] = OCR_REVISION
        return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:12]


MB = 1 << 20


@dataclass
class Limits:
    """What one input may cost before it is refused or stopped; each breach has its own code (errors.py).

    Sizes are checked before a byte is read, pages before a page is rasterised, time while the file's
    pages run (``OCRSettings.page_timeout`` bounds one page). Text is decoded whole once admitted, and
    every word becomes an object, so text has its own, smaller size limit.
    """

    max_bytes: int = 512 * MB  # a PDF or image file
    max_text_bytes: int = 8 * MB  # a text file (~3,000 pages of typed text)
    max_pages: int = 1000  # pages (PDF, multi-page TIFF, form-feed pages of text)
    file_timeout: float = 3600.0  # seconds of work (all its tasks together) one file may take


EXECUTORS = ("inline", "process", "dask")


@dataclass
class Settings:
    ocr: OCRSettings = field(default_factory=OCRSettings)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    limits: Limits = field(default_factory=Limits)
    executor: str = "process"  # inline (this process) | process (local pool, `jobs` workers) | dask
    scheduler: str | None = None  # dask: tcp://host:port of a running scheduler; None = a LocalCluster
    lock_wait: float = 0.0  # seconds to wait for another run to release the output folder
    restore: RestoreMode = RestoreMode.AUTO
    verbose: bool = False
    cache: bool = True
    check_contract: bool = True  # check every document against the stage contract after each stage
    pdf: bool = False  # emit also writes OUT/pdf/<doc_id>.pdf, a searchable PDF of every scan


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
    # the review desk's corrections by document sha256, when the caller hands them over (a worker that
    # may not see the output folder); None: read from OUT/review/corrections.csv
    corrections: dict[str, list] | None = None

    def resource(self, name: str, loader: Callable[[], Any]) -> Any:
        """Load a heavy resource (model, gazetteer) once per run."""
        if name not in self.resources:
            self.resources[name] = loader()
        return self.resources[name]
