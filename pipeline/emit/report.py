"""The HTML audit report: one self-contained page (inline CSS, JS, SVG; images as data URIs).

Per document its metadata and findings (mismatches first) with the source lines highlighted and,
for scans, a crop of the page around the number; a received-vs-quota chart per reporting unit; the
panel table.
"""

from __future__ import annotations

import base64
import io
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from pipeline.emit.tables import STATUS_ORDER, unit_of
from pipeline.fsio import atomic_write
from pipeline.model import Box, Document, Finding, Line, Span

log = logging.getLogger(__name__)

SCANNED_KINDS = ("pdf-image", "image", "tiff")
TEMPLATES = Path(__file__).with_name("templates")
IDENTITY_FIELDS = ("symbol", "type", "issuer", "date", "place", "report_year", "period", "title", "signatory_title",
                   "signatory_name")
CROP_MAX_WIDTH = 760


def highlight(text: str, start: int | None, end: int | None) -> Markup:
    """``text`` HTML-escaped with ``text[start:end]`` wrapped in <mark>; unchanged when the range is off."""
    return highlight_ranges(text, [(start, end)] if start is not None and end is not None else [])


def highlight_ranges(text: str, ranges: list[tuple[int, int]]) -> Markup:
    """``text`` escaped with each (start, end) range in <mark>; ranges that overlap or fall off are skipped."""
    out, pos = Markup(""), 0
    for start, end in sorted(ranges):
        if start < pos or not 0 <= start < end <= len(text):
            continue
        out += escape(text[pos:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>")
        pos = end
    return out + escape(text[pos:])


class PageImages:
    """Page images of scanned documents, loaded once each: the cached page image, else the source file.

    Relative paths are looked up under each of ``roots`` (the run's input folder, its output folder),
    then under the working directory. Only the last few pages stay in memory (a 300 dpi page is ~26 MB).
    """

    KEEP = 3

    def __init__(self, *roots: Path | None):
        self.roots = [Path(r) for r in roots if r]
        self._cache: OrderedDict[tuple[str, int], Any] = OrderedDict()

    def _candidates(self, rel: str) -> list[Path]:
        p = Path(rel)
        return [p] if p.is_absolute() else [r / p for r in self.roots] + [p]

    def image(self, doc: Document, page_no: int):
        key = (doc.doc_id, page_no)
        if key not in self._cache:
            self._cache[key] = self._load(doc, page_no)
            while len(self._cache) > self.KEEP:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        return self._cache[key]

    def _load(self, doc: Document, page_no: int):
        from PIL import Image

        page = doc.pages[page_no - 1]
        try:
            if page.image:
                for p in self._candidates(page.image):
                    if p.is_file():
                        with Image.open(p) as img:
                            return img.convert("RGB")
            src = next((p for p in self._candidates(doc.path) if p.is_file()), None)
            if src is None:
                return None
            if doc.kind == "pdf-image":
                import pypdfium2 as pdfium

                pdf = pdfium.PdfDocument(str(src))
                try:
                    return pdf[page_no - 1].render(scale=(page.dpi or 300) / 72).to_pil().convert("RGB")
                finally:
                    pdf.close()
            from pipeline.ocr.images import as_seen

            with Image.open(src) as img:
                img.seek(page_no - 1)  # multi-page TIFF; page 1 for a plain image
                return as_seen(img)[0].convert("RGB")  # as OCR read it: EXIF turn, square pixels
        except Exception as exc:  # an unreadable source costs the crop, never the report
            log.warning("no page image for %s page %d: %s", doc.doc_id, page_no, exc)
            return None

    def crop(self, doc: Document, span: Span) -> str | None:
        """A JPEG data URI of the page around the span (its box framed in red), or None."""
        from PIL import ImageDraw

        if doc.kind not in SCANNED_KINDS or not 1 <= span.page <= len(doc.pages):
            return None
        box = span.box or _line_box(doc, span)
        img = self.image(doc, span.page) if box else None
        if img is None:
            return None
        page = doc.pages[span.page - 1]
        s = img.width / page.width if page.width else 1.0
        x0, y0, x1, y1 = (v * s for v in box)
        pad_x, pad_y = img.width * 0.2, max(40.0, (y1 - y0) * 3)
        if page.turned % 2:  # a sheet fed sideways: its lines run down the scan
            pad_x, pad_y = max(40.0, (x1 - x0) * 3), img.height * 0.2
        area = (max(0, int(x0 - pad_x)), max(0, int(y0 - pad_y)),
                min(img.width, int(x1 + pad_x)), min(img.height, int(y1 + pad_y)))
        if area[2] <= area[0] or area[3] <= area[1]:
            return None
        piece = img.crop(area)
        ImageDraw.Draw(piece).rectangle((x0 - area[0] - 3, y0 - area[1] - 3, x1 - area[0] + 3, y1 - area[1] + 3),
                                        outline=(220, 0, 0), width=3)
        if page.turned % 4:
            piece = piece.rotate(90 * page.turned, expand=True)  # shown upright, as it was read
        piece.thumbnail((CROP_MAX_WIDTH, CROP_MAX_WIDTH))
        buf = io.BytesIO()
        piece.save(buf, format="JPEG", quality=75)
        return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def number_text(v: Any) -> str:
    """A number as a reader wants it: 15.0 -> '15', 1.2345 -> '1.23', None -> '—'."""
    if v is None:
        return "—"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def _line_box(doc: Document, span: Span) -> Box | None:
    line = _line_of(doc, span)
    return line.box if line is not None else None


@dataclass
class Evidence:
    where: str
    raw: Markup
    restored: Markup | None
    crop: str | None


@dataclass
class FindingView:
    finding: Finding
    evidence: list[Evidence] = field(default_factory=list)


def _line_of(doc: Document, span: Span) -> Line | None:
    if span.page < 1 or span.line < 1:
        return None
    try:
        return doc.line(span.page, span.line)
    except IndexError:
        return None


def locate(span: Span, doc: Document | None, docs: list[Document]) -> tuple[Document, Line] | None:
    """The document and line a span points into: ``doc`` when its line holds the span's text, else the
    first document whose line does (evidence of a finding across documents), else None."""
    def holds(d: Document) -> Line | None:
        line = _line_of(d, span)
        if line is not None and (not span.raw or line.text[span.start:span.end] == span.raw):
            return line
        return None

    for d in ([doc] if doc else []) + [d for d in docs if d is not doc and span.raw]:
        line = holds(d)
        if line is not None:
            return d, line
    return None


def evidence_view(span: Span, doc: Document | None, docs: list[Document], images: PageImages) -> Evidence:
    found = locate(span, doc, docs)
    if found is None:  # no line to show: the span's own text
        return Evidence(f"p. {span.page}, line {span.line}", escape(span.raw),
                        escape(span.restored) if span.restored else None, None)
    source, line = found
    where = ("" if source is doc else f"{source.doc_id}, ") + f"p. {span.page}, line {span.line}"
    restored = None
    if line.restored is not None and line.restored != line.text:
        restored = highlight(line.restored, span.rest_start, span.rest_end)
    return Evidence(where, highlight(line.text, span.start, span.end), restored, images.crop(source, span))


def finding_views(findings: list[Finding], doc: Document | None, docs: list[Document],
                  images: PageImages) -> list[FindingView]:
    ordered = sorted(findings, key=lambda f: (STATUS_ORDER.get(f.status, 3), f.rule))
    return [FindingView(f, [evidence_view(s, doc, docs, images) for s in f.evidence]) for f in ordered]


def chart_svg(rows: list[dict[str, Any]]) -> Markup:
    """Grouped bars, quota (grey) and received (red), one group per year."""
    rows = sorted((r for r in rows if r.get("quota") is not None or r.get("received") is not None),
                  key=lambda r: r["year"])
    if not rows:
        return Markup('<p class="muted">No quota or received figures for this unit.</p>')
    top = max(max(r.get("quota") or 0, r.get("received") or 0) for r in rows) or 1
    group, bar, height, base, left = 84, 30, 160, 190, 10
    width = max(270, left * 2 + group * len(rows))  # room for the legend
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{base + 45}" '
             f'viewBox="0 0 {width} {base + 45}" role="img">']
    for i, r in enumerate(rows):
        x = left + i * group + 6
        for j, (key, color) in enumerate((("quota", "#9e9e9e"), ("received", "#c62828"))):
            v = r.get(key)
            if v is None:
                continue
            h = height * v / top
            bx = x + j * (bar + 4)
            parts.append(f'<rect x="{bx}" y="{base - h:.1f}" width="{bar}" height="{h:.1f}" fill="{color}">'
                         f'<title>{escape(key)} {r["year"]}: {v}</title></rect>'
                         f'<text x="{bx + bar / 2}" y="{base - h - 4:.1f}" font-size="11" '
                         f'text-anchor="middle">{v}</text>')
        parts.append(f'<text x="{x + bar + 2}" y="{base + 16}" font-size="12" text-anchor="middle">{r["year"]}</text>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#333"/>')
    parts.append(f'<rect x="{left}" y="{base + 26}" width="10" height="10" fill="#9e9e9e"/>'
                 f'<text x="{left + 14}" y="{base + 35}" font-size="11">quota (chỉ tiêu)</text>'
                 f'<rect x="{left + 110}" y="{base + 26}" width="10" height="10" fill="#c62828"/>'
                 f'<text x="{left + 124}" y="{base + 35}" font-size="11">received (tiếp nhận)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def doc_meta(doc: Document) -> list[tuple[str, Any]]:
    """A document's identity as (name, value) rows: what extraction and reconciliation say it is."""
    meta = [(k, getattr(doc.identity, k)) for k in IDENTITY_FIELDS if getattr(doc.identity, k) not in (None, "")]
    for role, ref in (("subject unit", doc.units.subject), ("issuer unit", doc.units.issuer)):
        if ref is not None:
            meta.append((role, f"{ref.name} ({ref.code})"))
    if doc.families:
        meta.append(("families", ", ".join(doc.families)))
    # how OCR took pages that were not fed as they read: an auditor clicking through to the scan sees why
    turned = ", ".join(f"p{p.number} ({90 * p.turned}°)" for p in doc.pages if p.turned)
    if turned:
        meta.append(("pages turned upright to read", turned))
    backs = ", ".join(f"p{p.number}" for p in doc.pages if p.show_through)
    if backs:
        meta.append(("pages read as blank (the reverse side showing through)", backs))
    return meta


def _pdf_link(out_dir: Path, doc: Document) -> str | None:
    """The document's searchable PDF, relative to the report, when one was written (``emit.pdf``)."""
    from urllib.parse import quote

    from pipeline.emit.pdf import PDF_DIR, pdf_path

    return f"{PDF_DIR}/{quote(doc.doc_id)}.pdf" if pdf_path(out_dir, doc.doc_id).is_file() else None


def _doc_views(docs: list[Document], findings: list[Finding], images: PageImages,
               out_dir: Path) -> list[dict[str, Any]]:
    views = []
    for doc in docs:
        mine = [f for f in findings if f.doc_id == doc.doc_id]
        views.append(dict(
            doc=doc, unit=unit_of(doc), meta=doc_meta(doc), findings=finding_views(mine, doc, docs, images),
            mismatches=sum(f.status == "mismatch" for f in mine), tables=table_views(doc, mine),
            pdf=_pdf_link(out_dir, doc),
        ))
    return views


_CELL_CSS = {"mismatch": "hl-mismatch", "unverifiable": "hl-unverifiable", "ok": "hl-ok"}


def table_views(doc: Document, findings: list[Finding]) -> list[dict[str, Any]]:
    """Each table as rows of cells, the cells a finding used highlighted (its worst status) and titled with
    the finding's code."""
    used: dict[str, tuple[int, list[str]]] = {}
    for f in findings:
        for ref in f.cells:
            rank, codes = used.get(ref, (9, []))
            used[ref] = (min(rank, STATUS_ORDER.get(f.status, 3)), codes + [f"{f.code} {f.status}"])
    statuses = {v: k for k, v in STATUS_ORDER.items()}
    out = []
    for t in doc.tables:
        rows = []
        for r in t.rows:
            cells = []
            for j in range(len(t.columns)):
                c = r.cell(j)
                if c is not None and c.col != j:
                    continue  # inside a merged cell
                ref = f"{t.id}/r{r.index}/c{j}"
                rank, codes = used.get(ref, (9, []))
                css = _CELL_CSS.get(statuses.get(rank, ""), "")
                if c is not None and c.value is not None:
                    css = (css + " num").strip()
                cells.append(dict(text=c.best if c is not None else "", css=css, title="; ".join(codes) or ref,
                                  span=c.colspan if c is not None else 1, ref=ref, cell=c))
            rows.append(dict(kind=str(r.kind), cells=cells))
        header = [dict(text=c.header or "", meaning=c.meaning) for c in t.columns]
        flagged = any(k.startswith(f"{t.id}/") and v[0] < 2 for k, v in used.items())
        out.append(dict(id=t.id, caption=t.caption, unit=t.unit, pages=",".join(map(str, t.pages)), rows=rows,
                        header=header, flagged=flagged))
    return out


def panel_columns() -> tuple:
    """(column, its refs column) of the ``panel`` view as the family that defines it shows them."""
    from pipeline.families import FAMILIES

    return next((f.panel_columns for f in FAMILIES.values() if f.panel_columns), ())


def _panel_cells(row: dict[str, Any]) -> list[tuple[str, str]]:
    cells = []
    for name, refs in panel_columns():
        v = row.get(name)
        shown = ", ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
        cells.append((shown, ", ".join(row.get(refs) or []) if refs else ""))
    return cells


def write_report(docs: list[Document], findings: list[Finding], panel: list[dict[str, Any]], out_dir: Path,
                 *, input_root: str | Path | None = None, dest: Path | None = None) -> Path:
    """Render the report of the output folder ``out_dir`` (page images and PDFs are looked up there)
    into ``dest``/report.html (``out_dir`` by default: a dataset folder is given by ``emit``); returns
    its path. Links are relative to ``out_dir``, where ``OUT/report.html`` opens it."""
    images = PageImages(input_root, out_dir)
    known = {d.doc_id for d in docs}
    units: dict[str, list[dict[str, Any]]] = {}
    for r in panel:
        units.setdefault(r["unit_code"], []).append(r)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = number_text
    html = env.get_template("report.html.j2").render(
        documents=_doc_views(docs, findings, images, Path(out_dir)),
        corpus_findings=finding_views([f for f in findings if f.doc_id not in known], None, docs, images),
        counts={s: sum(f.status == s for f in findings) for s in STATUS_ORDER},
        charts=[(code, rows[0].get("unit_name") or code, chart_svg(rows)) for code, rows in units.items()],
        panel_header=[name for name, _ in panel_columns()],
        panel_rows=[_panel_cells(r) for r in panel],
    )
    return atomic_write(Path(dest or out_dir) / "report.html", html)
