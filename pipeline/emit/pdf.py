"""Searchable PDFs: ``OUT/pdf/<doc_id>.pdf``, the original page images under an invisible text layer that
carries the restored text, word by word on the OCR boxes.

What each kind of input becomes:

* ``pdf-image``: each source page is copied as it is (its image streams byte for byte, nothing decoded or
  re-compressed) and the text layer is added on top. When the page is one image (the scanner's, which OCR
  read at its own pixels: ``pipeline.ocr.pdf.native_image``), the OCR boxes are placed through that image's
  matrix; otherwise (OCR read the rendered page) through the page's crop box and rotation.
* ``image`` / ``tiff``: img2pdf wraps the file's own data (JPEG as is, PNG and CCITT TIFF without
  re-encoding where the format allows, other frames losslessly), one page per frame, sized by the
  resolution OCR assumed; then as above.
* ``pdf-text`` read from its own text layer: copied byte for byte, its layer untouched. OCR'd anyway
  (``vnreports run --force-ocr``): the pages are rasterised as OCR saw them (JPEG, ``JPEG_QUALITY``), since
  keeping their text under a second layer would double every word.
* ``txt`` (typed text, old OCR archives without their images): no PDF. A searchable PDF is a page image a
  reader can trust plus text to find it by; a typeset page of OCR text would look like the original and
  be a guess, and the restored text is already in the dataset and the JSON.

The file is declared PDF/A-2b (``pdfa.finish``) when every page holds only what PDF/A allows
(``pdfa.page_blockers``); otherwise it is a plain PDF with the same metadata, and the reason is logged.
"""

from __future__ import annotations

import io
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.emit import pdfa
from pipeline.emit.textlayer import add_font, content, place_page, upright
from pipeline.fsio import atomic_path
from pipeline.model import DocKind, Document, Page, PageSource

PDF_DIR = "pdf"
JPEG_QUALITY = 85  # only for pages rasterised because a text PDF was OCR'd on request
FONT_PREFIX = "FVn"


@dataclass
class PdfResult:
    doc_id: str
    status: str  # written | copied | skipped | failed
    path: Path | None = None
    pages: int = 0
    words: int = 0
    pdfa: bool = False
    reason: str = ""  # why skipped, or why not PDF/A
    seconds: float = 0.0


def pdf_path(out_dir: str | Path, doc_id: str) -> Path:
    return Path(out_dir) / PDF_DIR / f"{doc_id}.pdf"


def default_target(json_path: str | Path, doc_id: str) -> Path:
    """``OUT/pdf/<doc_id>.pdf`` for a stage JSON in ``OUT/json/``; else beside the JSON."""
    folder = Path(json_path).resolve().parent
    return pdf_path(folder.parent if folder.name == "json" else folder, doc_id)


def with_identity(doc: Document, json_path: str | Path) -> Document:
    """``doc`` with the identity of a later stage's JSON beside it when its own is empty: a restore JSON
    comes before extraction, which finds the title, symbol, issuer and date the metadata carry."""
    from pipeline.model import Identity

    if doc.identity != Identity():
        return doc
    folder = Path(json_path).parent
    for stage in ("audit", "reconcile", "extract"):
        later = folder / f"{doc.doc_id}.{stage}.json"
        if later.is_file():
            doc.identity = Document.load(later).identity
            break
    return doc


def find_source(doc: Document, roots: list[str | Path | None]) -> Path | None:
    """The document's input file: ``doc.path`` as given when absolute, else under each root, then the
    working directory."""
    rel = Path(doc.path)
    if rel.is_absolute():
        return rel if rel.is_file() else None
    for root in [r for r in roots if r] + [Path.cwd()]:
        p = Path(root) / rel
        if p.is_file():
            return p
    return None


# ---------------------------------------------------------------------------------------------
# Where OCR pixels land on a page
# ---------------------------------------------------------------------------------------------
Frame = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]  # origin, u axis, v axis


def image_frame(matrix: tuple[float, ...]) -> Frame:
    """An image drawn with ``matrix``: its top-left corner and the vectors along its width and down
    its height, in user space."""
    a, b, c, d, e, f = matrix
    return (c + e, d + f), (a, b), (-c, -d)


def displayed_frame(box: tuple[float, float, float, float], rotate: int) -> Frame:
    """The page as a viewer (and a renderer) shows it: crop box ``box`` turned by ``/Rotate``."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    return {
        0: ((x0, y1), (w, 0.0), (0.0, -h)),
        90: ((x0, y0), (0.0, h), (w, 0.0)),
        180: ((x1, y0), (-w, 0.0), (0.0, h)),
        270: ((x1, y1), (0.0, -h), (-w, 0.0)),
    }[rotate % 360]


def turn_frame(frame: Frame, turns: int) -> Frame:
    """The frame of the page set upright by ``turns`` counter-clockwise quarter turns (``Page.turned``): per
    turn, its top-left corner is the top-right one before, its width runs down the height before and its
    height runs back along the width before."""
    (ox, oy), (ux, uy), (vx, vy) = frame
    for _ in range(turns % 4):
        (ox, oy), (ux, uy), (vx, vy) = (ox + ux, oy + uy), (vx, vy), (-ux, -uy)
    return (ox, oy), (ux, uy), (vx, vy)


def layer_matrix(frame: Frame, width: float, height: float) -> tuple[float, ...]:
    """The ``cm`` that maps OCR pixels with y up (``textlayer``'s space) onto ``frame``."""
    (ox, oy), (ux, uy), (vx, vy) = frame
    return (ux / width, uy / width, -vx / height, -vy / height, ox + vx, oy + vy)


def _page_box(page) -> tuple[float, float, float, float]:
    box = [float(v) for v in page.cropbox]
    return min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])


def _rotation(page) -> int:
    return int(page.obj.get("/Rotate", 0)) % 360


def _pdf_frames(path: Path, pages) -> list[Frame]:
    """Per page of a scanned PDF, the frame its OCR boxes are in: the one image's when the page is one
    image object (the test ``native_image`` makes), else the displayed page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    frames = []
    doc = pdfium.PdfDocument(str(path))
    try:
        for i, page in enumerate(pages):
            objects = list(doc[i].get_objects())
            if len(objects) == 1 and objects[0].type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                frames.append(image_frame(tuple(objects[0].get_matrix().get())))
            else:
                frames.append(displayed_frame(_page_box(page), _rotation(page)))
    finally:
        doc.close()
    return frames


# ---------------------------------------------------------------------------------------------
# Page sources
# ---------------------------------------------------------------------------------------------
def _layout_by_ocr(ocr_pages: list[Page]):
    """img2pdf page sizes from the resolution OCR used (images without one were taken as 300 dpi)."""
    import img2pdf

    pending = iter(ocr_pages)

    def layout(w_px, h_px, ndpi):
        page = next(pending, None)
        if ndpi and ndpi[0] and ndpi[1] and abs(ndpi[0] - ndpi[1]) > 0.05 * max(ndpi):
            pass  # the file's two resolutions (a fax in standard mode): its own, OCR read it with square pixels
        elif page is not None and page.dpi and page.width and page.height:
            dpi = page.dpi * max(w_px, h_px) / max(page.width, page.height)
            ndpi = (dpi, dpi)
        return img2pdf.default_layout_fun(w_px, h_px, ndpi)

    return layout


def _image_pdf(data, ocr_pages: list[Page]):
    """img2pdf's PDF of an image file (or bytes), opened with pikepdf."""
    import img2pdf
    import pikepdf

    return pikepdf.open(io.BytesIO(img2pdf.convert(data, layout_fun=_layout_by_ocr(ocr_pages))))


def _flattened_frames(path: Path, doc: Document) -> bytes:
    """Frames img2pdf refuses (mirrored EXIF orientation, odd modes) as OCR read them, in a lossless TIFF."""
    from PIL import Image

    from pipeline.context import OCRSettings
    from pipeline.ocr.images import load_frame

    limit = OCRSettings().max_pixels
    frames = [Image.fromarray(load_frame(path, i, limit)[0]) for i in range(len(doc.pages))]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", compression="tiff_deflate", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def _rasterised(path: Path, doc: Document):
    """A text PDF OCR'd on request: its pages as the OCR saw them, as JPEG pages of the same size."""
    import img2pdf
    import pikepdf
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    try:
        images, sizes = [], []
        for i, page in enumerate(doc.pages):
            p = src[i]
            pil = p.render(scale=(page.dpi or 300) / 72).to_pil().convert("RGB")
            buf = io.BytesIO()
            pil.save(buf, format="JPEG", quality=JPEG_QUALITY)
            images.append(buf.getvalue())
            sizes.append(p.get_size())
    finally:
        src.close()
    out = pikepdf.new()
    for data, (w, h) in zip(images, sizes):
        one = pikepdf.open(io.BytesIO(img2pdf.convert(data, layout_fun=img2pdf.get_layout_fun((w, h)))))
        out.pages.append(one.pages[0])
    return out


def _sources(doc: Document, path: Path):
    """(a pikepdf.Pdf whose pages are the page images, the frame of each page's OCR boxes)."""
    import img2pdf
    import pikepdf

    if doc.kind == DocKind.PDF_IMAGE:
        src = pikepdf.open(path)
        return src, _pdf_frames(path, src.pages)
    if doc.kind == DocKind.PDF_TEXT:
        src = _rasterised(path, doc)
    else:
        try:
            src = _image_pdf(path, doc.pages)
        except (img2pdf.ImageOpenError, img2pdf.ExifOrientationError, img2pdf.AlphaChannelError,
                img2pdf.UnsupportedColorspaceError, img2pdf.JpegColorspaceError, ValueError):
            src = _image_pdf(_flattened_frames(path, doc), doc.pages)
    return src, [displayed_frame(_page_box(p), _rotation(p)) for p in src.pages]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _num(v: float) -> str:
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _ocr_read(doc: Document) -> bool:
    return any(p.source == PageSource.TESSERACT for p in doc.pages)


def write_pdf(doc: Document, out_path: str | Path, *, roots: list[str | Path | None] = (),
              pdfa_wanted: bool = True, log=lambda m: None) -> PdfResult:
    """Write the searchable PDF of ``doc`` to ``out_path`` (atomically); says what it did."""
    import pikepdf

    from pipeline import __version__

    t0 = time.perf_counter()
    out_path = Path(out_path)
    result = PdfResult(doc.doc_id, "skipped", pages=len(doc.pages))
    if doc.kind == DocKind.TXT:
        result.reason = "text input: no page images"
        return result
    source = find_source(doc, list(roots))
    if source is None:
        result.reason = f"source file {doc.path} not found"
        return result
    if doc.kind == DocKind.PDF_TEXT and not _ocr_read(doc):
        with atomic_path(out_path) as tmp:
            shutil.copyfile(source, tmp)
        result.status, result.path, result.reason = "copied", out_path, "has its own text layer"
        result.seconds = time.perf_counter() - t0
        return result

    src, frames = _sources(doc, source)
    try:
        if len(src.pages) != len(doc.pages):
            result.status, result.reason = "failed", f"{len(src.pages)} pages in the file, {len(doc.pages)} read"
            return result
        with pikepdf.new() as out:
            result.words, blockers = _compose(out, doc, src, frames)
            result.pdfa = pdfa_wanted and not blockers
            if pdfa_wanted and blockers:
                result.reason = "not PDF/A: " + "; ".join(dict.fromkeys(blockers))[:300]
                log(f"{doc.doc_id}: {result.reason}")
            pdfa.finish(out, doc, pdfa=result.pdfa, version=__version__)
            with atomic_path(out_path) as tmp:
                out.save(tmp, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=True,
                         object_stream_mode=pikepdf.ObjectStreamMode.disable, force_version="1.7")
    finally:
        src.close()
    result.status, result.path, result.seconds = "written", out_path, time.perf_counter() - t0
    return result


def _compose(out, doc: Document, src, frames: list[Frame]) -> tuple[int, list[str]]:
    """Copy each page image into ``out`` and write its text layer on top; (words written, PDF/A blockers)."""
    import pikepdf

    font = add_font(out)
    words, blockers = 0, []
    for ocr_page, src_page, frame in zip(doc.pages, src.pages, frames):
        out.pages.append(src_page)
        page = out.pages[-1]
        blockers += [f"p{ocr_page.number}: {b}" for b in pdfa.page_blockers(page)]
        pdfa.fix_images(page)
        turns = ocr_page.turned % 4
        if turns and ocr_page.width and ocr_page.height:
            # a sheet fed sideways or upside down: its text layer runs along its lines, and a viewer shows it
            # upright (``/Rotate`` turns the display clockwise)
            frame = turn_frame(frame, turns)
            page.obj["/Rotate"] = (int(page.obj.get("/Rotate", 0)) + 360 - 90 * turns) % 360
        shown = upright(ocr_page)
        lines = place_page(shown)
        if not lines or not shown.width or not shown.height:
            continue
        name = page.add_resource(font, pikepdf.Name.Font, prefix=FONT_PREFIX)
        cm = " ".join(_num(v) for v in layer_matrix(frame, float(shown.width), float(shown.height)))
        page.contents_add(b"q\n", prepend=True)  # the page's own drawing leaves no state behind
        page.contents_add(b"Q\nq " + cm.encode() + b" cm\n" + content(lines, str(name)[1:]) + b"Q\n")
        words += sum(len(line) for line in lines)
    return words, blockers


def _with_words(doc: Document, out_dir: Path) -> Document:
    """``doc`` with its words' boxes: a run hands the corpus steps documents without them (to keep memory
    small), the stage JSON it wrote has them; read one document at a time."""
    if not any(line.text and not line.words for page in doc.pages for line in page.lines):
        return doc
    from pipeline.runner import stage_path
    from pipeline.stages import STAGES

    path = stage_path(out_dir, doc.doc_id, STAGES[-1].name)
    try:
        full = Document.load(path)
    except (OSError, ValueError, KeyError, TypeError):
        return doc
    return full if full.sha256 == doc.sha256 else doc


def write_pdfs(docs: list[Document], out_dir: Path, *, roots: list[str | Path | None] = (),
               pdfa_wanted: bool = True, log=lambda m: None) -> list[PdfResult]:
    """``OUT/pdf/<doc_id>.pdf`` for every document that has page images; one failure costs that PDF."""
    results = []
    for doc in docs:
        try:
            doc = _with_words(doc, Path(out_dir))
            r = write_pdf(doc, pdf_path(out_dir, doc.doc_id), roots=roots, pdfa_wanted=pdfa_wanted, log=log)
        except Exception as exc:  # a PDF is an extra: never lose the dataset for it
            r = PdfResult(doc.doc_id, "failed", reason=f"{type(exc).__name__}: {exc}")
        log(f"pdf {doc.doc_id}: {r.status} {r.reason} ({r.seconds:.2f}s)".rstrip())
        results.append(r)
    return results
