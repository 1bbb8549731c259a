"""Stage 1, ocr: any input file -> Document (pages -> lines -> words with boxes and confidences).

Kinds, told apart by content (``pipeline.inputs.sniff``): PDF with a text layer (words read by pdfplumber,
no OCR unless forced), image-only PDF (pages rasterised by pypdfium2), PNG/JPEG/TIFF/... images
(multi-page TIFF too), and ``.txt`` from an earlier OCR (taken as is). Scanned pages are cleaned up
(``preprocess``) and read by Tesseract (``tesseract``), one page per worker process.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from pipeline.cache import sha256_file
from pipeline.context import OCRSettings
from pipeline.errors import EmptyFile, VnReportsError
from pipeline.model import DocKind, Document, Line, Page, PageSource, Table
from pipeline.ocr import (fillins, furniture, images, orientation, pdf, preprocess, reread, rowlines, rulings,
                          safety_net, sheet, streaks, strikes, tables, tesseract)
from pipeline.ocr.measure import measure
from pipeline.ocr.layout import OWord, lines_from_words
from pipeline.inputs.text import pages_from_text
from pipeline.inputs.sniff import IMAGE_KINDS, detect_kind
from pipeline.turns import box_fed

# Pages run in parallel processes (``-j``); OpenCV's thread pool inside each of them spends CPU on handing
# small steps between threads (measured on four fax pages: 7% more CPU seconds, 2% less wall time), as
# Tesseract's OpenMP threads would (``tesseract.py``). One thread per process.
cv2.setNumThreads(1)


# a word read with less confidence than this that is no syllable, number or code is a stamp's ring, a
# scribble or a smudge read as letters: dropped (a handwritten number or date is kept, low confidence)
GARBAGE_CONF = 30.0


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


FAINT_MARGIN = 0.4  # x-heights either side of a table's boundaries where no faint glyph is put back (ruling dots)


SURE_NEIGHBOUR = 70.0  # a word read this surely on each side of a doubtful one holds it in its line
WORD_GAP = 1.5  # word heights: a gap wider than this between two words of a line is a column's, not a space
HELD_WIDTH = 3.0  # word gaps: the widest a held word may be (a box stretched across a header's gutter is wider)


def _held_in_line(words: list[tesseract.TWord]) -> set[int]:
    """Ids of the words read with little confidence that stand inside a run of their line's words (no gap wider
    than a word space between them) with a word read surely somewhere before and after them in that run
    (``hiển múu: 392`` at 0 on a fax; ``nhiệm vụ, qujên hạn`` on a real page whose print faded): a word whose
    marks or thin strokes the page lost, not a speck; kept (with its low confidence) for restoration to mend
    rather than leaving a hole that splits the line into pieces the layout takes for columns."""
    held = set()
    for line in tesseract.by_line(words).values():
        line.sort(key=lambda w: w.left)
        heights = sorted(o.height for o in line)
        gap = WORD_GAP * max(heights[len(heights) // 2], 1)  # the line's text height: a doubtful box may be taller
        runs, run = [], [line[0]]
        for a, b in zip(line, line[1:]):
            if b.left - (a.left + a.width) > gap:
                runs.append(run)
                run = []
            run.append(b)
        runs.append(run)
        for run in runs:
            sure = [i for i, w in enumerate(run) if w.conf >= SURE_NEIGHBOUR]
            if len(sure) < 2:
                continue
            for w in run[sure[0] + 1:sure[-1]]:
                if w.conf < GARBAGE_CONF and sum(ch.isalnum() for ch in w.text) >= 2 and w.width <= HELD_WIDTH * gap:
                    # (not a box stretched across the gutter of a two-column header: "HUYỆN TAM-ĐƯỜNG-': CỘNG HÒA")
                    held.add(id(w))
    return held


SMALL = 0.25  # the quarter-size copy a page's negative test and sheet outline look at
RESAMPLED_DOUBT = 50.0  # a figure read from the reduced page with less confidence is read again at full size


def _read_resampled(read, image: np.ndarray, factor: float, dpi: int) -> list[tesseract.TWord]:
    """``read(image)`` with the image resampled by ``factor`` first (area averaging), boxes mapped back to
    ``image``'s pixels."""
    if factor == 1.0:
        return read(image)
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    words = read(small, dpi=round(dpi * factor))
    height, width = image.shape[:2]
    for w in words:
        x0, y0 = int(w.left / factor), int(w.top / factor)
        x1, y1 = int(round((w.left + w.width) / factor)), int(round((w.top + w.height) / factor))
        w.left, w.top, w.width, w.height = x0, y0, x1 - x0, y1 - y0
    doubtful: dict[tuple[int, int, int], list[tesseract.TWord]] = {}
    for w in words:
        if w.conf < RESAMPLED_DOUBT and any(c.isdigit() for c in w.text):
            doubtful.setdefault((w.block, w.par, w.line), []).append(w)
    for key, figures in doubtful.items():
        # a figure the reduced page reads with little confidence (a fax's "440/400" as "4-40-4400" at 23) is read
        # again at full size with its line around it (once for all such figures of the line); the reading at
        # its place stays when it is surer
        line = [o for o in words if (o.block, o.par, o.line) == key]
        pad = max(4, round(0.3 * max(w.height for w in figures)))
        top, bottom = min(o.top for o in line) - pad, max(o.top + o.height for o in line) + pad
        left, right = min(o.left for o in line) - pad, max(o.left + o.width for o in line) + pad
        crop = image[max(0, top):min(height, bottom), max(0, left):min(width, right)]
        if not crop.size:
            continue
        again = read(crop, psm=7)
        for w in figures:
            cx0, cx1 = w.left - max(0, left), w.left + w.width - max(0, left)
            at = [o for o in again if min(cx1, o.left + o.width) - max(cx0, o.left) > 0.5 * min(o.width, w.width)]
            if len(at) == 1 and at[0].conf > w.conf:
                w.text, w.conf = at[0].text, at[0].conf
    return words


def ocr_array(image: np.ndarray, dpi: int, settings: OCRSettings, page: int = 1) -> tuple[list[Line], dict]:
    """Read one page image (``read_upright``). A negative (light print on a dark ground) is read inverted
    (``info["negative"]``); a sheet photographed in perspective on a darker ground (``sheet.outline``) is flattened
    to a rectangle first and its boxes mapped back onto the photo (``info["sheet"]``: its four corners on the
    image, or None). Streaks a scanner's or fax's dirty glass drew from edge to edge through the text are
    filled from the pixels beside them first (``streaks``; ``info["streaks"]``: how many)."""
    gray = preprocess.to_gray(image)
    small = cv2.resize(gray, None, fx=SMALL, fy=SMALL, interpolation=cv2.INTER_AREA)
    negative = settings.grayscale and preprocess.is_negative(small)
    if negative:  # read as the print it is a copy of
        image, gray, small = 255 - image, 255 - gray, 255 - small
    found = streaks.find(gray) if settings.remove_borders else []
    if found:  # read as if the glass had been clean: no ruling, no column cut where the line ran
        image = streaks.erase(image, found)
        small = cv2.resize(preprocess.to_gray(image), None, fx=SMALL, fy=SMALL, interpolation=cv2.INTER_AREA)
    corners = sheet.outline(small, SMALL) if settings.remove_borders else None
    if corners is None:
        lines, info = read_upright(image, dpi, settings, page)
        info.update(sheet=None, negative=negative, streaks=len(found))
        return lines, info
    flat, back = sheet.flatten(image, corners)
    lines, info = read_upright(flat, dpi, settings, page)
    scale = info["scale"]  # the boxes' pixels: the image's times the resampling
    map_boxes(lines, info["tables"], functools.partial(sheet.box_back, back=back, scale=scale))
    info.update(sheet=corners.round(1).tolist(), negative=negative, streaks=len(found),
                width=round(image.shape[1] * scale), height=round(image.shape[0] * scale))
    return lines, info


def read_upright(image: np.ndarray, dpi: int, settings: OCRSettings, page: int = 1) -> tuple[list[Line], dict]:
    """``read_page``, and where its reading says the sheet may have been fed sideways or upside down
    (``orientation.worth_checking``), Tesseract's orientation detector; a page it finds turned is read again
    set upright (one it does not, levelled by a tilt steeper than the deskew's usual search, if it has one), and
    that reading is kept when it reads better (or, when the first reading's words stood across the text, no
    worse). A faint garbage page that reads well mirrored is the blank back of a sheet showing its front through
    the paper: no lines (``info["show_through"]``). Boxes stay on the page as scanned. ``info["turns"]``: the
    counter-clockwise quarter turns that set the kept reading's page upright; ``info["orientation"]``: why the
    detector was asked ("" when it was not)."""
    lines, info = read_page(image, dpi, settings, page)
    why = orientation.worth_checking(lines) if settings.orient else ""
    if not why:
        return lines, info
    info["orientation"] = why
    gray = preprocess.to_gray(image)
    f = min(1.0, orientation.OSD_DPI / dpi) if dpi else 1.0
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    turns = orientation.quarter_turns(tesseract.osd(small, round(dpi * f) if dpi else None))
    tilt = None if turns else orientation.steep_tilt(gray)
    if not turns and tilt is None:
        stats = info["stats"]
        if stats.contrast < orientation.SHOW_THROUGH_CONTRAST:  # faint print: the reverse side's, mirrored?
            mirrored, _ = read_page(np.ascontiguousarray(image[:, ::-1]), dpi, settings, page)
            if orientation.shows_through(stats.contrast, orientation.reading_quality(lines),
                                         orientation.reading_quality(mirrored)):
                info["show_through"] = True
                return [], info
        return lines, info
    # read again set upright: turned by quarter turns, or levelled by a tilt beyond the deskew's usual search
    t_lines, t_info = read_page(orientation.turn(image, turns), dpi, settings, page, tilt=tilt)
    margin = -orientation.TURNED_MARGIN if turns and orientation.runs_vertical(lines) else orientation.TURNED_MARGIN
    if orientation.reading_quality(t_lines) < orientation.reading_quality(lines) + margin:
        return lines, info
    if not turns:
        t_info.update(turns=0, orientation=why)
        return t_lines, t_info
    width, height = t_info["width"], t_info["height"]
    map_boxes(t_lines, t_info["tables"], functools.partial(box_fed, turns=turns, width=width, height=height))
    if turns % 2:
        t_info["width"], t_info["height"] = height, width
    t_info.update(turns=turns, orientation=why)
    return t_lines, t_info


def read_page(image: np.ndarray, dpi: int, settings: OCRSettings, page: int = 1,
              tilt: float | None = None) -> tuple[list[Line], dict]:
    """Measure, clean up and OCR one page image, as it lies (``tilt``: the deskew's angle, instead of measuring
    it). Boxes come back in the un-rotated page at the output resolution ``info["dpi"]``. ``info`` holds the
    measurements (``stats``), the chosen steps (``plan``), the angle, whether the safety net and the re-read
    fired, timings and, under
    ``"tables"``, the page's tables (``Table`` with ``pages=[page]``, ids not yet set), and under
    ``"furniture"`` what the page's edges said that is no text (a fax machine's line, the printed page
    number; ``furniture.Furniture``), kept out of the lines."""
    t0 = time.perf_counter()
    stats = measure(image, dpi)
    cleaned, info = preprocess.clean_page(image, settings, dpi, stats=stats, keep_raw=settings.safety_net, tilt=tilt)
    plan: preprocess.Plan = info["plan"]
    out_dpi = round(dpi * info["scale"])  # the boxes' resolution: the file's own, times the resampling
    text_dpi = round((stats.text_dpi if stats.x_height else dpi) * info["scale"])  # what Tesseract is told
    t1 = time.perf_counter()
    read = functools.partial(tesseract.ocr_image, lang=settings.lang, psm=settings.psm, dpi=text_dpi,
                             timeout=settings.page_timeout)
    ruled = rulings.ruled_regions(cleaned, stats.bilevel)
    # a pen's line through or under letters, no rule of a table or a frame (``strikes``)
    struck = strikes.find(cleaned, stats.x_height * info["scale"], avoid=rulings.region_boxes(ruled)) \
        if settings.remove_strikes else []
    cleaned, info["strikes"] = strikes.erase(cleaned, struck), len(struck)
    grids, ruling_mask = rulings.find_grids(cleaned, ruled) if settings.tables else ([], None)
    faint = info.pop("faint", None)
    if faint is not None and (grids or plan.soften):
        # faint glyphs despeckling took for dust, put back: inside the tables (a figure a fax printed in thin
        # broken strokes), and on a fax (bi-level) the whole page ("2022 tổ chức" in a sentence); never on a
        # table's rulings (their dots). A grey scan's groups of specks outside its tables are dust: put back on
        # the real pages they cost CER (docs/ocr.md)
        cleaned = preprocess.restore_faint(cleaned, *faint, grids, FAINT_MARGIN * stats.x_height * info["scale"],
                                           everywhere=plan.soften > 0)
    erased = rulings.erase(cleaned, ruling_mask) if grids else cleaned
    apart = tables.read_apart(grids, stats.x_height * info["scale"])
    # the page's text around its ruled tables, then the tables' rows, rulings erased (``tables.read_bands``);
    # rulings and cells use ``cleaned``
    softened = preprocess.soften(cleaned, plan.soften)
    words = _read_resampled(read, tables.blank_bands(softened, apart), plan.read_scale, text_dpi)
    info["blocks_reread"], info["blocks_replaced"] = 0, 0
    if settings.safety_net and plan.doubtful:
        raw = info["raw"]
        words, info["blocks_reread"], info["blocks_replaced"] = safety_net.keep_better(
            words, lambda rect: read(raw, psm=6, rect=rect))
    info.pop("raw", None)
    # a number filled in by hand beside printed or handwritten digits ("Số: 2 { /2026"), read again as one
    info["fill_ins"] = fillins.fill_ins(softened, words, lang=settings.lang,
                                        dpi=text_dpi, timeout=settings.page_timeout)
    first = _next_block(words)
    # the table reader sorts out their specks itself. A bi-level page's bands are read on their strip of the page,
    # resampled as its text is (development fax pages: body cells 92.4 -> 93.6% right, half the bands' time); a
    # grey page's on the whole page as before (the strip alone read cells of the poor scans differently, no faster)
    reduced = plan.read_scale < 1
    band = tables.read_bands(erased, apart, lambda bands: _read_resampled(
        functools.partial(read, psm=tables.BAND_PSM), bands, plan.read_scale, text_dpi), text_dpi, strip=reduced)
    for w in band:
        w.block += first
    t2 = time.perf_counter()
    grid_boxes = [(g.xs[0], g.ys[0], g.xs[-1], g.ys[-1]) for _, _, g in ruled if g is not None]
    info["reread_words"] = 0
    if settings.reread and words + band:
        extra = reread.reread(cleaned, words + band, stats.x_height * info["scale"], lang=settings.lang,
                              dpi=text_dpi, timeout=settings.page_timeout,
                              first_block=_next_block(words + band),
                              tables=grid_boxes if settings.tables else [])
        info["reread_words"] = len(extra)
        words += extra
    # a faded line's hats and tone marks that Tesseract read as a line of their own leave
    words = furniture.marks_split_off(words, stats.x_height * info["scale"])
    held = _held_in_line(words)
    words = [w for w in words if w.conf >= GARBAGE_CONF or reread.plausible(w.text) or id(w) in held] + band
    words, info["furniture"] = furniture.split(words, cleaned.shape[0], cleaned.shape[1])  # fax line, page no.
    t3 = time.perf_counter()

    frames = rulings.frames(ruled)

    def page_lines(words: list[tesseract.TWord]) -> list[Line]:
        lines = lines_from_words([OWord(w.text, w.box, w.conf, (w.block, w.par, w.line), w.block) for w in words],
                                 frames)
        lines, info["furniture"].received_stamp = furniture.received_stamp(lines, frames)  # the "ĐẾN" stamp
        return furniture.without_mark_lines([l for l in lines if not furniture.is_scrap(l, grid_boxes)], grid_boxes)

    lines = page_lines(words)
    t4 = time.perf_counter()
    found = []
    if settings.tables:
        found = tables.read_page(grids, lines, erased, page, lang=settings.lang, dpi=text_dpi,
                                 timeout=settings.page_timeout)
        # a grid that reads as the incoming-mail stamp is no table (a coarse copy's stamp frame and field lines)
        found, stamps = furniture.stamp_tables(found)
        lines, info["furniture"].received_stamp = furniture.without_stamp_tables(
            lines, stamps, info["furniture"].received_stamp)
        # each table's rows join the page text as lines, in its cells' readings; the cells then point at them
        lines = rowlines.rows_as_lines(found, lines, page)
    t5 = time.perf_counter()
    # reading order on the level page, boxes on the scan
    map_boxes(lines, found, _unrotate(cleaned.shape, info["angle"]))
    info.update(turns=0, orientation="", show_through=False)  # as it lies (``ocr_array`` may turn it)
    info.update(dpi=out_dpi, width=cleaned.shape[1], height=cleaned.shape[0], prepare_s=t1 - t0,
                tesseract_s=t2 - t1 + (t3 - t2), reread_s=t3 - t2, layout_s=t4 - t3, tables_s=t5 - t4,
                tables=found)
    return lines, info


def map_boxes(lines: list[Line], found: list[Table], fn) -> None:
    """Apply ``fn`` to every box of a page's lines, their words and its tables (a box that is None stays None):
    from the page as read back onto the image as given."""
    def move(box):
        return fn(box) if box is not None else None

    for line in lines:
        line.box = move(line.box)
        for word in line.words:
            word.box = move(word.box)
    for table in found:
        tables.map_boxes(table, move)


def _next_block(words: list[tesseract.TWord]) -> int:
    """A block number past every one of ``words``: words read apart (table bands, unread ink, cells) are
    numbered from it, so that no block of the page's own reading takes them in."""
    return max((w.block for w in words), default=0) + 1000


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
                dpi=info["dpi"], source=PageSource.TESSERACT, seconds=round(time.perf_counter() - t0, 3),
                transmission=info["furniture"].transmission, printed_number=info["furniture"].printed_number,
                received_stamp=info["furniture"].received_stamp, turned=info["turns"],
                show_through=info["show_through"])
    return page, info["tables"]


def ocr_pages(jobs: list[PageJob], ctx=None, label: str = "", tables: list[Table] | None = None) -> list[Page]:
    """OCR pages on the executor ``ctx.settings`` names (a local process pool by default, as many workers
    as ``ctx.settings.jobs`` and pages; one page runs here); results in page order. The pages' tables
    are appended to ``tables`` when given, in page order."""
    from pipeline.context import Settings
    from pipeline.executors import InlineExecutor, make_executor

    if not jobs:
        return []
    tesseract.check_lang(jobs[0].settings.lang)  # fail once, clearly, before starting workers
    settings = ctx.settings if ctx is not None else Settings()
    n_workers = min(len(jobs), settings.jobs or os.cpu_count() or 1)
    progress = ctx.progress if ctx is not None else None
    task = progress.add_task(f"  {label} pages", total=len(jobs)) if progress is not None else None
    log = ctx.log if ctx is not None else (lambda m: None)
    pages: dict[int, Page] = {}
    found: dict[int, list[Table]] = {}
    executor = InlineExecutor() if n_workers == 1 and settings.executor != "dask" else make_executor(settings, n_workers)
    try:
        with executor:
            for outcome in executor.map(ocr_page, ((job.index, job) for job in jobs)):
                if outcome.error is not None:
                    raise outcome.error
                page, page_tables = outcome.value
                pages[page.number], found[page.number] = page, page_tables
                turned = f", turned upright ({90 * page.turned} degrees)" if page.turned else ""
                blank = ", blank: only the reverse side's print shows through" if page.show_through else ""
                log(f"{label} p{page.number}: {len(page.lines)} lines, {page.seconds:.1f}s{turned}{blank}")
                if progress is not None:
                    progress.advance(task)
    finally:
        if progress is not None:
            progress.remove_task(task)
    if tables is not None:
        tables += [t for n in sorted(found) for t in found[n]]
    return [pages[n] for n in sorted(pages)]


@dataclass
class Opened:
    """A file after its first reading: its kind, and either its pages (text, PDF text layer: nothing to
    OCR) or one ``PageJob`` per page still to OCR. Sizes and page counts are checked by then."""

    kind: DocKind
    pages: list[Page] | None = None
    jobs: list[PageJob] = field(default_factory=list)
    encoding: str | None = None
    tables: list[Table] = field(default_factory=list)  # read with ``pages`` (a PDF text layer's)


def open_input(path: str | Path, settings: OCRSettings | None = None, limits=None, name: str | None = None) -> Opened:
    """Sniff ``path`` by content and check it against ``limits`` (``context.Limits``): text is decoded in
    chunks, a PDF with a text layer is read, a scan becomes its page jobs. Typed errors for every refusal."""
    from pipeline.context import Limits
    from pipeline.inputs.admit import check_pages, check_size
    from pipeline.inputs.text import read_text

    path = Path(path)
    settings = settings or OCRSettings()
    limits = limits or Limits()
    name = name or path.name
    if path.stat().st_size == 0:
        raise EmptyFile(f"{name}: zero-byte file")
    sniffed = detect_kind(path)
    if sniffed == "txt":
        decoded = read_text(path, limits.max_text_bytes, name)
        check_pages(name, decoded.text.count("\f") + 1, limits.max_pages)
        return Opened(DocKind.TXT, pages=pages_from_text(decoded.text), encoding=decoded.encoding)
    check_size(name, path.stat().st_size, limits.max_bytes)
    if sniffed == "pdf":
        n = pdf.page_count(path)
        check_pages(name, n, limits.max_pages)
        if pdf.has_text_layer(path):
            if not settings.force_ocr:
                found: list[Table] = []
                pages = pdf.text_layer_pages(path, found if settings.tables else None)
                return Opened(DocKind.PDF_TEXT, pages=pages, tables=found)
            return Opened(DocKind.PDF_TEXT, jobs=[PageJob(str(path), "pdf", i, settings) for i in range(n)])
        return Opened(DocKind.PDF_IMAGE, jobs=[PageJob(str(path), "pdf", i, settings) for i in range(n)])
    assert sniffed in IMAGE_KINDS
    n = images.frame_count(path, settings.max_pixels)
    check_pages(name, n, limits.max_pages)
    kind = DocKind.TIFF if sniffed == "tiff" else DocKind.IMAGE
    return Opened(kind, jobs=[PageJob(str(path), "image", i, settings) for i in range(n)])


def assemble(opened: Opened, pages: list[Page], found: list[Table] = (), *, doc_id: str, path: str,
             sha: str) -> Document:
    """The Document of an opened file once its pages (and the tables on them, in page order) are read."""
    for page in pages:
        page.image = None  # the report crops from the source file itself, using Page.dpi and the boxes
    return Document(doc_id=doc_id, path=path, sha256=sha, kind=opened.kind, pages=pages,
                    encoding=opened.encoding, tables=number_tables(list(found)), stages=["ocr"])


def ocr_file(path: str | Path, settings: OCRSettings | None = None, *, doc_id: str | None = None,
             rel_path: str | None = None, sha: str | None = None, ctx=None) -> Document:
    """Read one file of any supported kind into a Document.

    ``ctx`` (optional) gives a logger, the progress bar, the limits and the executor for page-parallel OCR.
    """
    path = Path(path)
    settings = settings or OCRSettings()
    label = rel_path or path.name
    opened = open_input(path, settings, ctx.settings.limits if ctx is not None else None, path.name)
    if opened.pages is not None:
        pages, found = opened.pages, opened.tables
    else:
        found = []
        pages = ocr_pages(opened.jobs, ctx, label, found)
    return assemble(opened, pages, found, doc_id=doc_id or path.stem, path=rel_path or str(path),
                    sha=sha or sha256_file(path))
