"""Stage 1, ocr: any input file -> Document (pages -> lines -> words with boxes and confidences).

Kinds, told apart by content (``pipeline.inputs.sniff``): PDF with a text layer (words read by pdfplumber,
no OCR unless forced), image-only PDF (pages rasterised by pypdfium2), PNG/JPEG/TIFF/... images
(multi-page TIFF too), and ``.txt`` from an earlier OCR (taken as is). Scanned pages are cleaned up
(``preprocess``) and read by Tesseract (``tesseract``), one page per worker process.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from pipeline.cache import sha256_file
from pipeline.context import OCRSettings
from pipeline.errors import EmptyFile, VnReportsError
from pipeline.model import DocKind, Document, Line, Page, PageSource, Table
from pipeline.ocr import images, pdf, preprocess, rulings, tables, tesseract
from pipeline.ocr.layout import OWord, lines_from_words
from pipeline.inputs.text import pages_from_text, decode_text
from pipeline.inputs.sniff import IMAGE_KINDS, detect_kind


@dataclass(frozen=True)
class PageJob:
    """One page to OCR; small and picklable: the worker opens the file itself."""

    path: str
    kind: str  # pdf | image
    index: int  # from 0
    settings: OCRSettings


def load_page(job: PageJob) -> tuple[np.ndarray, int]:
    """The page's pixels and their resolution in dpi."""
    s = job.settings
    if job.kind == "pdf":
        scan = pdf.native_image(job.path, job.index, s.max_pixels)  # the scanner's own pixels
        return scan if scan is not None else (pdf.render_page(job.path, job.index, s.dpi, s.max_pixels), s.dpi)
    return images.load_frame(job.path, job.index, s.max_pixels)


def ocr_array(image: np.ndarray, dpi: int, settings: OCRSettings, page: int = 1) -> tuple[list[Line], dict]:
    """Clean up one page image and OCR it. Boxes come back in the un-rotated page at ``settings.dpi``
    (or ``dpi`` when resampling is off). ``info`` holds the angle, the output resolution, timings and,
    under ``"tables"``, the page's tables (``Table`` with ``pages=[page]``, ids not yet set)."""
    t0 = time.perf_counter()
    cleaned, info = preprocess.clean_page(image, settings, dpi)
    out_dpi = round(dpi * info["scale"])

    def read_lines(img: np.ndarray, psm: int = settings.psm) -> list[Line]:
        words = tesseract.ocr_image(img, lang=settings.lang, psm=psm, dpi=out_dpi, timeout=settings.page_timeout)
        return lines_from_words([OWord(w.text, w.box, w.conf, (w.block, w.par, w.line), w.block) for w in words])

    t1 = time.perf_counter()
    lines = read_lines(cleaned)
    t2 = time.perf_counter()
    found = []
    if settings.tables:  # the page's text above is read as it always was; tables then read apart
        grids, ruling_mask = rulings.find_grids(cleaned)
        found = tables.read_page(grids, lines, rulings.erase(cleaned, ruling_mask), page, read_lines=read_lines,
                                 lang=settings.lang, dpi=out_dpi, timeout=settings.page_timeout)
    t3 = time.perf_counter()
    unrotate = _unrotate(cleaned.shape, info["angle"])  # reading order on the level page, boxes on the scan
    for line in lines:
        line.box = unrotate(line.box)
        for word in line.words:
            word.box = unrotate(word.box)
    for table in found:
        tables.map_boxes(table, unrotate)
    info.update(dpi=out_dpi, width=cleaned.shape[1], height=cleaned.shape[0], prepare_s=t1 - t0,
                tesseract_s=t2 - t1, tables_s=t3 - t2, tables=found)
    return lines, info


def number_tables(found: list[Table]) -> list[Table]:
    """Ids in reading order over the document: "t1", "t2" ... (pages in order, each page's tables top
    to bottom, as found)."""
    for i, table in enumerate(found, start=1):
        table.id = f"t{i}"
    return found


def _unrotate(shape: tuple[int, ...], angle: float):
    """Map a box found on the deskewed image back to the page as scanned (bounding box of the corners)."""
    if abs(angle) < 0.1:
        return lambda b: b
    h, w = shape[:2]
    inv = cv2.invertAffineTransform(cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0))

    def apply(b):
        pts = np.array([[b[0], b[1], 1], [b[2], b[1], 1], [b[0], b[3], 1], [b[2], b[3], 1]], np.float64) @ inv.T
        return (float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max()))

    return apply


def ocr_page(job: PageJob) -> tuple[Page, list[Table]]:
    """Load, clean up and OCR one page, and read its tables (runs in a worker process)."""
    t0 = time.perf_counter()
    try:
        image, dpi = load_page(job)
        lines, info = ocr_array(image, dpi, job.settings, page=job.index + 1)
    except VnReportsError as exc:
        raise type(exc)(f"page {job.index + 1}: {exc.args[0] if exc.args else exc}") from None
    page = Page(number=job.index + 1, lines=lines, width=float(info["width"]), height=float(info["height"]),
                dpi=info["dpi"], source=PageSource.TESSERACT, seconds=round(time.perf_counter() - t0, 3))
    return page, info["tables"]


def ocr_pages(jobs: list[PageJob], ctx=None, label: str = "", tables: list[Table] | None = None) -> list[Page]:
    """OCR pages in a process pool sized by ``ctx.settings.jobs``; results in page order. The pages'
    tables are appended to ``tables`` when given, in page order."""
    if not jobs:
        return []
    tesseract.check_lang(jobs[0].settings.lang)  # fail once, clearly, before starting workers
    n_workers = min(len(jobs), (ctx.settings.jobs if ctx is not None else None) or os.cpu_count() or 1)
    progress = ctx.progress if ctx is not None else None
    task = progress.add_task(f"  {label} pages", total=len(jobs)) if progress is not None else None
    log = ctx.log if ctx is not None else (lambda m: None)
    pages: dict[int, Page] = {}
    found: dict[int, list[Table]] = {}

    def done(result: tuple[Page, list[Table]]) -> None:
        page, page_tables = result
        pages[page.number], found[page.number] = page, page_tables
        log(f"{label} p{page.number}: {len(page.lines)} lines, {page.seconds:.1f}s")
        if progress is not None:
            progress.advance(task)

    try:
        if n_workers == 1:
            for job in jobs:
                done(ocr_page(job))
        else:
            with ProcessPoolExecutor(max_workers=n_workers) as pool:
                futures = [pool.submit(ocr_page, job) for job in jobs]
                try:
                    for fut in as_completed(futures):
                        done(fut.result())
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
    finally:
        if progress is not None:
            progress.remove_task(task)
    if tables is not None:
        tables += [t for n in sorted(found) for t in found[n]]
    return [pages[n] for n in sorted(pages)]


def ocr_file(path: str | Path, settings: OCRSettings | None = None, *, doc_id: str | None = None,
             rel_path: str | None = None, sha: str | None = None, ctx=None) -> Document:
    """Read one file of any supported kind into a Document.

    ``ctx`` (optional) gives a logger, the progress bar and the job count for page-parallel OCR.
    """
    path = Path(path)
    settings = settings or OCRSettings()
    if path.stat().st_size == 0:
        raise EmptyFile(f"{path.name}: zero-byte file")
    sniffed = detect_kind(path)
    label = rel_path or path.name
    encoding = None
    tables: list[Table] = []
    if sniffed == "txt":
        decoded = decode_text(path.read_bytes(), path.name)
        pages, kind, encoding = pages_from_text(decoded.text), DocKind.TXT, decoded.encoding
    elif sniffed == "pdf":
        text_layer = pdf.has_text_layer(path)
        kind = DocKind.PDF_TEXT if text_layer else DocKind.PDF_IMAGE
        if text_layer and not settings.force_ocr:
            pages = pdf.text_layer_pages(path, tables if settings.tables else None)
        else:
            jobs = [PageJob(str(path), "pdf", i, settings) for i in range(pdf.page_count(path))]
            pages = ocr_pages(jobs, ctx, label, tables)
    else:
        assert sniffed in IMAGE_KINDS
        kind = DocKind.TIFF if sniffed == "tiff" else DocKind.IMAGE
        n = images.frame_count(path, settings.max_pixels)
        pages = ocr_pages([PageJob(str(path), "image", i, settings) for i in range(n)], ctx, label, tables)
    for page in pages:
        page.image = None  # the report crops from the source file itself, using Page.dpi and the boxes
    return Document(
        doc_id=doc_id or path.stem,
        path=rel_path or str(path),
        sha256=sha or sha256_file(path),
        kind=kind,
        pages=pages,
        encoding=encoding,
        tables=number_tables(tables),
        stages=["ocr"],
    )
