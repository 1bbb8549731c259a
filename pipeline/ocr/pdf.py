"""PDF input: open safely, tell text-layer PDFs from scans, read words or rasterise pages."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from pipeline.errors import CorruptFile, EmptyFile, EncryptedPDF, ImageTooLarge
from pipeline.model import Page, PageSource, Table
from pipeline.ocr import images, pdftables
from pipeline.ocr.layout import OWord, lines_from_words
from pipeline.text import nfc

MIN_TEXT_CHARS = 40  # fewer characters than this on every page: a scan (or a scan with a stray label)


def open_pdf(path: str | Path):
    """A pypdfium2 document; typed errors for encrypted, truncated and empty PDFs."""
    import pypdfium2 as pdfium

    path = Path(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedPDF(f"{path.name}: encrypted PDF (needs a password)") from exc
        raise CorruptFile(f"{path.name}: damaged or truncated PDF ({msg.rstrip('.')})") from exc
    if len(pdf) == 0:
        pdf.close()
        raise EmptyFile(f"{path.name}: PDF without pages")
    return pdf


def page_count(path: str | Path) -> int:
    pdf = open_pdf(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def has_text_layer(path: str | Path) -> bool:
    """True when some page carries real text (at least MIN_TEXT_CHARS characters)."""
    pdf = open_pdf(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                if page.get_textpage().count_chars() >= MIN_TEXT_CHARS:
                    return True
            finally:
                page.close()
        return False
    finally:
        pdf.close()


def render_page(path: str | Path, index: int, dpi: int, max_pixels: int) -> np.ndarray:
    """Page ``index`` (from 0) as an RGB array at ``dpi``; ImageTooLarge past ``max_pixels``."""
    pdf = open_pdf(path)
    try:
        page = pdf[index]
        w, h = page.get_size()
        scale = dpi / 72
        if w * scale * h * scale > max_pixels:
            raise ImageTooLarge(f"{Path(path).name}: page {index + 1} would be {int(w * scale)}x{int(h * scale)} "
                                f"pixels at {dpi} dpi (limit {max_pixels:,})")
        try:
            bitmap = page.render(scale=scale)
        except Exception as exc:  # pdfium reports broken page content here
            raise CorruptFile(f"{Path(path).name}: page {index + 1} cannot be rendered ({exc})") from exc
        return np.array(bitmap.to_pil().convert("RGB"))
    finally:
        pdf.close()


def native_image(path: str | Path, index: int, max_pixels: int) -> tuple[np.ndarray, int] | None:
    """The one image a scanned page holds, at its own resolution, with that resolution in dpi.

    None when the page holds anything else (text, vector art, several images): then it is rendered.
    Taking the scanner's pixels avoids resampling twice (PDF renderer, then clean-up).
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = open_pdf(path)
    try:
        page = pdf[index]
        objects = list(page.get_objects())
        if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return None
        w, h = objects[0].get_px_size()
        if w * h > max_pixels:
            raise ImageTooLarge(f"{Path(path).name}: page {index + 1} holds a {w}x{h} image (limit {max_pixels:,})")
        pil = objects[0].get_bitmap(render=False).to_pil()
        dpi = pil.width / (page.get_size()[0] / 72)
        # the image's own two resolutions, from the size it is drawn at (a fax in standard mode: 204 x 98 dpi)
        a, b, c, d, _, _ = objects[0].get_matrix().get()
        drawn_w, drawn_h = math.hypot(a, b), math.hypot(c, d)
        aspect = (pil.width / drawn_w) / (pil.height / drawn_h) if drawn_w and drawn_h else 1.0
        pil, dpi = images.squared(pil, dpi, dpi / aspect)
        if pil.width * pil.height > max_pixels:
            raise ImageTooLarge(f"{Path(path).name}: page {index + 1} with square pixels is {pil.width}x{pil.height} "
                                f"(limit {max_pixels:,})")
        arr = np.array(pil.convert("L") if pil.mode in ("1", "L") else pil.convert("RGB"))
        return arr, dpi
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()


def text_layer_pages(path: str | Path, tables: list[Table] | None = None) -> list[Page]:
    """Pages of a PDF with a text layer: pdfplumber words with boxes in PDF points, no OCR. When a
    ``tables`` list is given, the tables pdfplumber finds are appended to it (``pdftables``)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    path = Path(path)
    try:
        with pdfplumber.open(str(path)) as doc:
            pages = []
            for no, p in enumerate(doc.pages, start=1):
                words = p.extract_words(keep_blank_chars=False, use_text_flow=False)
                owords = [OWord(nfc(w["text"]), (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])))
                          for w in words if w["text"].strip()]
                pages.append(Page(number=no, lines=_pdf_lines(owords), width=float(p.width),
                                  height=float(p.height), dpi=72, source=PageSource.PDF_TEXT))
                if tables is not None:
                    tables += pdftables.tables_of_page(p, pages[-1].lines, no)
            return pages
    except PDFPasswordIncorrect as exc:
        raise EncryptedPDF(f"{path.name}: encrypted PDF (needs a password)") from exc


def _pdf_lines(words: list[OWord]):
    """PDF words carry no line numbers: group them into rows by their top edge first."""
    rows: list[list[OWord]] = []
    for w in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        if rows and abs(rows[-1][0].box[1] - w.box[1]) <= 0.3 * (w.box[3] - w.box[1]):
            rows[-1].append(w)
        else:
            rows.append([w])
    for i, row in enumerate(rows):
        for w in row:
            w.group = (i,)
    return lines_from_words(words)
