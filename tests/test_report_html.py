"""emit: the self-contained HTML audit report, rendered in headless Chromium."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from audit_builders import typed

from pipeline.context import Context
from pipeline.emit import write_outputs
from pipeline.emit.report import PageImages, chart_svg, doc_meta, evidence_view, highlight, locate, number_text
from pipeline.model import Document, Figure, Finding, Line, Page, Span, Word
from test_emit import sample_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LINE_TEXT = "tiếp nhận 671 đơn vị máu"
DPI = 150


def _font(size: int):
    try:
        return ImageFont.truetype("LiberationSerif-Regular.ttf", size)
    except OSError:
        return ImageFont.load_default()


def make_scan(root: Path) -> tuple[Path, Span]:
    """A page image with one line of text; returns its path and the span of '671' in page pixels."""
    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    font = _font(40)
    x, y = 120, 600
    draw.text((x, y), LINE_TEXT, fill="black", font=font)
    start = LINE_TEXT.index("671")
    x0 = x + draw.textlength(LINE_TEXT[:start], font=font)
    x1 = x + draw.textlength(LINE_TEXT[:start + 3], font=font)
    path = root / "scans" / "bc-2024.png"
    path.parent.mkdir(parents=True)
    img.save(path)
    return path, Span(page=1, line=1, start=start, end=start + 3, raw="671", box=(x0, y, x1, y + 48))


def scanned_doc(doc_id: str, kind: str, rel: str, span: Span) -> Document:
    words = [Word(text="671", box=span.box, conf=91.0, start=span.start, end=span.end)]
    page = Page(number=1, lines=[Line(number=1, text=LINE_TEXT, words=words, box=(120, 600, 700, 648))],
                width=1240, height=1754, dpi=DPI, source="tesseract")
    doc = Document(doc_id=doc_id, path=rel, sha256=doc_id, kind=kind, pages=[page],
                   **typed(report_year=2024, subject_code="106", subject_unit="Huyện Tam Đường"))
    doc.figures.append(Figure(kind="units_received", value=671, span=span, attrs={"year": 2024},
                              id="units_received:1"))
    doc.findings.append(Finding(rule="received_vs_drives", code="A001", subject="units received 2024",
                                status="mismatch", severity="warning", claimed=671, computed=670, difference=1,
                                message_en="671 received but drives sum to 670", doc_id=doc_id, evidence=[span],
                                figure_ids=["units_received:1"]))
    return doc


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("input")
    png, span = make_scan(root)
    Image.open(png).save(root / "scans" / "bc-2024.pdf", resolution=DPI)
    docs, findings = sample_corpus()
    docs += [scanned_doc("scan-png", "image", "scans/bc-2024.png", span),
             scanned_doc("scan-pdf", "pdf-image", "scans/bc-2024.pdf", span)]
    out = tmp_path_factory.mktemp("out")
    write_outputs(docs, findings, out, Context(input_root=root))
    return out / "report.html"


def test_highlight_escapes_and_marks():
    assert highlight("a <b> 12 c", 6, 8) == "a &lt;b&gt; <mark>12</mark> c"
    assert highlight("x < y", 3, 99) == "x &lt; y"  # range off the text: no mark


def test_evidence_found_in_the_document_that_holds_it():
    docs, _ = sample_corpus()
    plan = next(f for f in docs[0].figures if f.attrs.get("plan") and "drive_no" not in f.attrs)
    assert locate(plan.span, docs[1], docs) == (docs[0], docs[0].line(1, 6))  # cited by the 2024 report
    view = evidence_view(plan.span, docs[1], docs, PageImages())
    assert view.where == "bc-2023, p. 1, line 6" and "<mark>550</mark>" in view.raw
    lost = Span(page=9, line=1, start=0, end=3, raw="999")
    assert locate(lost, docs[1], docs) is None
    assert evidence_view(lost, docs[1], docs, PageImages()).raw == "999"


def test_numbers_as_a_reader_wants_them():
    assert [number_text(v) for v in (15.0, 1.2345, 14, None, 0.5, 0.001)] == ["15", "1.23", "14", "—", "0.5", "0"]


def test_chart_has_a_bar_per_value():
    svg = chart_svg([{"year": 2023, "quota": 500, "received": 600}, {"year": 2024, "quota": 550, "received": None}])
    assert svg.count("<rect") == 3 + 2  # three bars and the two legend swatches
    assert ">2023<" in svg and ">2024<" in svg
    assert "No quota" in chart_svg([{"year": 2023, "quota": None, "received": None}])


def test_report_is_self_contained(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(?!data:|#)', html), "only data URIs and in-page links"
    assert "<link" not in html


def test_report_sections(report):
    html = report.read_text(encoding="utf-8")
    for section in ("Received vs quota by reporting unit", "Documents", "Across documents", 'id="panel"'):
        assert section in html
    assert html.count("<svg") == 1  # one reporting unit
    doc = html[html.index('id="doc-bc-2023"'):html.index('id="doc-bc-2024"')]
    assert doc.index("badge mismatch") < doc.index("badge ok"), "mismatches first"
    assert "tổng khen thưởng 15" in doc
    assert "claimed <b>15</b>, computed <b>14</b>, difference <b>1</b>" in doc
    assert "Khen thưởng: <mark>5</mark> tập thể" in doc  # the source line, the number highlighted
    later = html[html.index('id="doc-bc-2024"'):]
    assert "<mark>" in later


def test_report_crops_scans(report):
    html = report.read_text(encoding="utf-8")
    for doc_id in ("scan-png", "scan-pdf"):
        section = html[html.index(f'id="doc-{doc_id}"'):]
        section = section[:section.index("</section>")]
        assert 'class="crop"' in section and "data:image/jpeg;base64," in section, doc_id
    assert html.count('class="crop"') == 2  # text documents get no crop


def _chromium(url: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp / 'profile'}",
           "--window-size=1280,2000", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs Debian's chromium)")
def test_report_renders_in_chromium(report, tmp_path):
    url = report.resolve().as_uri()
    shot = tmp_path / "report.png"
    _chromium(url, tmp_path, f"--screenshot={shot}")
    assert shot.exists(), "no screenshot"
    img = Image.open(shot).convert("L")
    assert img.size == (1280, 2000)
    assert len(img.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 10, "blank screenshot"
    dom = _chromium(url, tmp_path, "--dump-dom").stdout
    errors = re.search(r'<div id="js-errors">(.*?)</div>', dom, re.S)
    assert errors is not None and errors.group(1) == "", f"JavaScript errors: {errors and errors.group(1)}"
    assert 'data-ready="1"' in dom, "the page's last script did not run to its end"
    assert 'data:image/jpeg;base64,' in dom


def test_the_documents_rows_say_which_pages_were_turned_or_read_as_blank_backs(tmp_path):
    png, span = make_scan(tmp_path)
    doc = scanned_doc("duplex", "tiff", "scans/bc-2024.png", span)
    assert not any(k.startswith("pages") for k, _ in doc_meta(doc))
    doc.pages += [Page(number=2, turned=3), Page(number=3, show_through=True)]
    meta = dict(doc_meta(doc))
    assert meta["pages turned upright to read"] == "p2 (270°)"
    assert meta["pages read as blank (the reverse side showing through)"] == "p3"


def test_a_crop_from_a_page_fed_sideways_is_shown_upright(tmp_path):
    png, span = make_scan(tmp_path)
    Image.open(png).rotate(-90, expand=True).save(tmp_path / "scans" / "fed.png")  # the sheet fed turned clockwise
    x0, y0, x1, y1 = span.box
    w, h = 1240, 1754  # the upright page; on the scan as fed a point (x, y) lies at (h - y, x)
    fed = Span(**{**span.__dict__, "box": (h - y1, x0, h - y0, x1)})
    doc = scanned_doc("fed", "image", "scans/fed.png", fed)
    page = doc.pages[0]
    page.width, page.height, page.turned = h, w, 1
    page.lines[0].box = None
    crop = Image.open(io.BytesIO(base64.b64decode(PageImages(tmp_path).crop(doc, fed).split(",", 1)[1])))
    assert crop.width > 1.5 * crop.height  # the line runs across the crop, as it reads
    rgb = np.asarray(crop.convert("RGB")).astype(int)
    red = (rgb[..., 0] > 150) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)
    ys, xs = np.nonzero(red)
    assert xs.max() - xs.min() > ys.max() - ys.min()  # the frame around "671" is wider than tall


def test_crop_from_the_second_page_of_a_tiff(tmp_path):
    png, span = make_scan(tmp_path)
    blank = Image.new("RGB", (1240, 1754), "white")
    blank.save(tmp_path / "two.tif", save_all=True, append_images=[Image.open(png)])
    doc = scanned_doc("tiff", "tiff", "two.tif", Span(**{**span.__dict__, "page": 2}))
    doc.pages.insert(0, Page(number=1, width=1240, height=1754, dpi=DPI))
    images = PageImages(tmp_path)
    uri = images.crop(doc, doc.figures[0].span)
    assert uri and uri.startswith("data:image/jpeg;base64,")
    crop = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")
    dark = int((np.asarray(crop).max(axis=2) < 80).sum())  # black text; the red frame does not count
    assert dark > 100, "the crop shows the text of page 2, not the blank page 1"
    assert images.crop(doc, Span(page=1, line=1, start=0, end=1)) is None  # page 1 has no line to frame
    missing = scanned_doc("gone", "image", "nowhere.png", span)
    assert images.crop(missing, span) is None
