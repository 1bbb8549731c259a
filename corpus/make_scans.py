"""Generate scanned-looking versions of the clean seed reports, with their exact ground truth.

    python corpus/make_scans.py [--out corpus/scans] [--levels clean,office,poor,fax] [--seed 20240611]

For each seed (001 -> 2017_lai-chau_bc-ton-vinh, 003 -> 2024_tam-duong_bc-111) it lays the text out as a
Vietnamese official document (two-column header, centred bold title, justified 13 pt body in Liberation
Serif, bold headings, ``Nơi nhận`` list beside a signature block with a red round stamp) and writes, for
each degradation level:

    <out>/<level>/<stem>.pdf          image-only multi-page PDF (JPEG inside; 1-bit for fax)
    <out>/<level>/<stem>.gt.txt       ground truth: UTF-8 NFC, reading order, pages separated by \\f
    <out>/<level>/pages/<stem>-pN.png the pages as grayscale (fax: 1-bit) PNG
    <out>/fax/pages/<stem>.tif        multi-page 1-bit TIFF (CCITT G4)

plus ``<out>/textlayer/2024_tam-duong_bc-111.pdf``, the same layout written as a PDF with a real text layer.
Everything is seeded: a second run writes the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the checkout: training.render

from training.render import Fonts, MissingGlyph  # noqa: E402

DPI = 300
PAGE_W, PAGE_H = 2480, 3508  # A4 at 300 dpi
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 354, 236, 236, 260  # 30 / 20 / 20 / 22 mm
INDENT = 150  # first-line indent, 1.27 cm
PT = DPI / 72
BODY = round(13 * PT)
SMALL = round(11 * PT)
HEAD = round(12.5 * PT)
INK = (20, 20, 24)
STAMP_RED = (205, 32, 45)
PEN_BLUE = (30, 50, 150)
FIXED_DATE = dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc)
LEVELS = ("clean", "office", "poor", "fax")


@dataclass(frozen=True)
class Seed:
    stem: str
    source: str  # file under corpus/text/
    header_left: tuple[str, str]  # parent body, issuing body
    number: str  # "Số: ..." line
    date_line: str
    stamp_text: str
    drop: tuple[str, ...] = ()  # body lines the header replaces


SEEDS = (
    Seed(
        stem="2017_lai-chau_bc-ton-vinh",
        source="2017_lai-chau_bc-ton-vinh.txt",
        header_left=("HỘI CHỮ THẬP ĐỎ TỈNH LAI CHÂU", "BCĐ VẬN ĐỘNG HMTN TỈNH"),
        number="Số: 09/BC-BCĐ",
        date_line="Lai Châu, ngày 20 tháng 6 năm 2017",
        stamp_text="HỘI CHỮ THẬP ĐỎ TỈNH LAI CHÂU",
    ),
    Seed(
        stem="2024_tam-duong_bc-111",
        source="2024_tam-duong_bc-111.txt",
        header_left=("UBND HUYỆN TAM ĐƯỜNG", "BCĐ VĐHMTN HUYỆN"),
        number="Số: 111/BC-BCĐ",
        date_line="Tam Đường, ngày 26 tháng 11 năm 2024",
        stamp_text="HỘI CHỮ THẬP ĐỎ HUYỆN TAM ĐƯỜNG",
        drop=("Số: 111/BC-BCĐ", "Tam Đường, ngày 26 tháng 11 năm 2024"),
    ),
)
TEXTLAYER_STEM = "2024_tam-duong_bc-111"


# --------------------------------------------------------------------------------------------
# Fonts: Liberation Serif 2.x, refusing any glyph the font lacks.
# --------------------------------------------------------------------------------------------
# Fonts come from the one renderer shared with training and the benchmarks (training/render.py).


# --------------------------------------------------------------------------------------------
# Seed text -> blocks
# --------------------------------------------------------------------------------------------
@dataclass
class Block:
    kind: str  # title | heading | para | recipients_head | recipient | sign_top | sign_bottom
    lines: list[list[tuple[str, str]]]  # hard lines -> runs (text, style)


_MARK = re.compile(r"\*\*\*|\*\*|\*")


def runs_of(text: str, base: str = "") -> list[tuple[str, str]]:
    """Split markdown emphasis into (text, style) runs; style is '', 'B', 'I' or 'BI'."""
    bold, italic = "B" in base, "I" in base
    runs, pos = [], 0
    for m in _MARK.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], ("B" if bold else "") + ("I" if italic else "")))
        n = len(m.group())
        bold ^= n in (2, 3)
        italic ^= n in (1, 3)
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], ("B" if bold else "") + ("I" if italic else "")))
    return [(t, s) for t, s in runs if t]


def plain(runs: list[tuple[str, str]]) -> str:
    return "".join(t for t, _ in runs)


_ROMAN = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*)\.\s")


def parse_seed(text: str, seed: Seed) -> list[Block]:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = text.replace("****", "**\n\n**")  # adjacent bold runs are separate paragraphs
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    merged: list[str] = []
    for p in paras:  # a paragraph cut in two by the source's page break
        if merged and p[0].islower() and not merged[-1].endswith((".", ":", ";")):
            merged[-1] = merged[-1] + " " + p
        else:
            merged.append(p)
    blocks: list[Block] = []
    in_title, closing, sign_groups = True, False, 0
    for p in merged:
        flat = plain(runs_of(p)).strip()
        if flat in seed.drop:
            continue
        hard = _carry_lines(p)
        if in_title and _ROMAN.match(flat) and flat[:2] != "1.":
            in_title = False
        if in_title:
            blocks.append(Block("title", [[(plain(l).strip(), "B")] for l in hard]))
        elif flat.startswith("Nơi nhận"):
            closing = True
            blocks.append(Block("recipients_head", [[("Nơi nhận:", "BI")]]))
        elif closing and flat.startswith("-"):
            blocks += [Block("recipient", [[(l.strip(), "")]]) for l in flat.split("\n") if l.strip()]
        elif closing:
            kind = "sign_top" if sign_groups == 0 else "sign_bottom"
            sign_groups += 1
            blocks.append(Block(kind, [[(plain(l).strip(), "B")] for l in hard]))
        else:
            is_heading = bool(_ROMAN.match(flat)) and len(flat) <= 80 and not flat.startswith(("-", "+"))
            all_bold = all("B" in s for l in hard for _, s in l)
            kind = "heading" if is_heading or all_bold else "para"
            lines = [[(t, "B" if kind == "heading" and "B" not in s else s) for t, s in l] for l in hard]
            blocks.append(Block(kind, lines))
    return blocks


def _carry_lines(p: str) -> list[list[tuple[str, str]]]:
    """Hard lines of a paragraph, emphasis carried across the line breaks."""
    out, style = [], ""
    for line in re.split(r" {2,}\n|\n", p):
        runs = runs_of(line.rstrip(), style)
        style = _style_after(line, style)
        out.append(runs)
    return out


def _style_after(text: str, style: str) -> str:
    bold, italic = "B" in style, "I" in style
    for m in _MARK.finditer(text):
        n = len(m.group())
        bold ^= n in (2, 3)
        italic ^= n in (1, 3)
    return ("B" if bold else "") + ("I" if italic else "")


# --------------------------------------------------------------------------------------------
# Layout: blocks -> pages of drawing operations + ground-truth lines
# --------------------------------------------------------------------------------------------
@dataclass
class TextOp:
    x: float
    baseline: float
    text: str
    style: str
    size: int


@dataclass
class PageLayout:
    texts: list[TextOp] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # underlines
    stamp: tuple[float, float, float] | None = None  # centre x, centre y, radius
    signature: tuple[float, float] | None = None  # left x, baseline y of the pen stroke
    gt: list[str] = field(default_factory=list)


class Layout:
    def __init__(self, fonts: Fonts):
        self.fonts = fonts
        self.pages: list[PageLayout] = [PageLayout()]
        self.y = MARGIN_T

    @property
    def page(self) -> PageLayout:
        return self.pages[-1]

    def width(self, text: str, style: str, size: int) -> float:
        return self.fonts.get(style, size).getlength(text)

    def need(self, height: float) -> None:
        if self.y + height > PAGE_H - MARGIN_B:
            self.pages.append(PageLayout())
            self.y = MARGIN_T

    def centred(self, runs: list[tuple[str, str]], size: int, left: float, right: float, y: float) -> float:
        total = sum(self.width(t, s, size) for t, s in runs)
        x = left + (right - left - total) / 2
        for t, s in runs:
            self.page.texts.append(TextOp(x, y, t, s, size))
            x += self.width(t, s, size)
        return total

    def paragraph(self, lines: list[list[tuple[str, str]]], size: int, *, indent: float = INDENT,
                  justify: bool = True, space_after: float = 0.35) -> None:
        lead = size * 1.32
        left, right = MARGIN_L, PAGE_W - MARGIN_R
        for hard in lines:
            words = _words(hard)
            first = True
            while words:
                avail = right - left - (indent if first else 0)
                line, w = [], 0.0
                space = self.width(" ", "", size)
                while words:
                    ww = sum(self.width(t, s, size) for t, s in words[0])
                    if line and w + space + ww > avail:
                        break
                    w += (space if line else 0) + ww
                    line.append(words.pop(0))
                self.need(lead)
                base = self.y + size * 0.95
                gap = space
                if justify and words and len(line) > 1:
                    gap = space + (avail - w) / (len(line) - 1)
                x = left + (indent if first else 0)
                for word in line:
                    for t, s in word:
                        self.page.texts.append(TextOp(x, base, t, s, size))
                        x += self.width(t, s, size)
                    x += gap
                self.page.gt.append(" ".join("".join(t for t, _ in word) for word in line))
                self.y += lead
                first = False
        self.y += size * space_after

    def header(self, seed: Seed) -> None:
        split = MARGIN_L + 0.44 * (PAGE_W - MARGIN_L - MARGIN_R)
        left = (MARGIN_L - 120, split - 40)
        right = (split, PAGE_W - MARGIN_R + 40)
        lead = HEAD * 1.3
        y0 = self.y + HEAD
        rows_left = [([(seed.header_left[0], "")], SMALL + 4), ([(seed.header_left[1], "B")], SMALL + 4)]
        rows_right = [([("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B")], HEAD),
                      ([("Độc lập - Tự do - Hạnh phúc", "B")], round(13 * PT))]
        for i, (runs, size) in enumerate(rows_left):
            w = self.centred(runs, size, *left, y0 + i * lead)
            self.page.gt.append(plain(runs))
        mid = (left[0] + left[1]) / 2
        self.page.rules.append((mid - w * 0.3, y0 + lead + 30, mid + w * 0.3, y0 + lead + 30))
        self.centred([(seed.number, "")], round(13 * PT), *left, y0 + 2.35 * lead)
        self.page.gt.append(seed.number)
        for i, (runs, size) in enumerate(rows_right):
            w = self.centred(runs, size, *right, y0 + i * lead)
            self.page.gt.append(plain(runs))
        mid = (right[0] + right[1]) / 2
        self.page.rules.append((mid - w / 2, y0 + lead + 30, mid + w / 2, y0 + lead + 30))
        self.centred([(seed.date_line, "I")], round(13 * PT), *right, y0 + 2.35 * lead)
        self.page.gt.append(seed.date_line)
        self.y = y0 + 3.6 * lead

    def title(self, lines: list[list[tuple[str, str]]]) -> None:
        for i, runs in enumerate(lines):
            size = round(14 * PT) if i == 0 else BODY
            lead = size * 1.3
            self.need(lead)
            self.centred(runs, size, MARGIN_L, PAGE_W - MARGIN_R, self.y + size)
            self.page.gt.append(plain(runs))
            self.y += lead
        mid = (MARGIN_L + PAGE_W - MARGIN_R) / 2
        self.page.rules.append((mid - 160, self.y + 18, mid + 160, self.y + 18))
        self.y += BODY * 0.9

    def closing(self, recipients: list[str], top: list[str], bottom: list[str], seed: Seed) -> None:
        """``Nơi nhận`` list on the left, signature block (stamp over the signature) on the right."""
        lead_s, lead_b = SMALL * 1.25, BODY * 1.3
        height = max(HEAD * 1.3 + len(recipients) * lead_s,
                     (len(top) + len(bottom)) * lead_b + 330) + BODY
        self.need(height)
        y0 = self.y + HEAD
        left = MARGIN_L
        self.page.texts.append(TextOp(left, y0, "Nơi nhận:", "BI", HEAD))
        self.page.gt.append("Nơi nhận:")
        for i, r in enumerate(recipients):
            self.page.texts.append(TextOp(left, y0 + HEAD * 0.35 + (i + 1) * lead_s, r, "", SMALL))
            self.page.gt.append(r)
        col = (MARGIN_L + 0.45 * (PAGE_W - MARGIN_L - MARGIN_R), PAGE_W - MARGIN_R)
        y = y0
        for t in top:
            self.centred([(t, "B")], BODY, *col, y)
            self.page.gt.append(t)
            y += lead_b
        sig_y = y + 150
        mid = (col[0] + col[1]) / 2
        self.page.signature = (mid - 170, sig_y)
        self.page.stamp = (mid - 260, sig_y - 40, 215)
        y += 330
        for t in bottom:
            self.centred([(t, "B")], BODY, *col, y)
            self.page.gt.append(t)
            y += lead_b
        self.y = y0 + height


def _words(runs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Runs -> words, each a list of runs (a word may change style inside, e.g. “*Chủ nhật đỏ*”)."""
    words: list[list[tuple[str, str]]] = [[]]
    for text, style in runs:
        for i, part in enumerate(re.split(r"(\s+)", text)):
            if i % 2 == 1:
                if words[-1]:
                    words.append([])
            elif part:
                words[-1].append((part, style))
    return [w for w in words if w]


def lay_out(seed: Seed, fonts: Fonts, text: str) -> list[PageLayout]:
    blocks = parse_seed(text, seed)
    layout = Layout(fonts)
    layout.header(seed)
    title = [l for b in blocks if b.kind == "title" for l in b.lines]
    layout.title(title)
    recipients = [plain(l) for b in blocks if b.kind == "recipient" for l in b.lines]
    top = [plain(l) for b in blocks if b.kind == "sign_top" for l in b.lines]
    bottom = [plain(l) for b in blocks if b.kind == "sign_bottom" for l in b.lines]
    for b in blocks:
        if b.kind == "heading":
            layout.paragraph(b.lines, BODY, justify=False, space_after=0.3)
        elif b.kind == "para":
            layout.paragraph(b.lines, BODY)
    layout.closing(recipients, top, bottom, seed)
    return layout.pages


def ground_truth(pages: list[PageLayout]) -> str:
    return "\f".join("\n".join(" ".join(l.split()) for l in p.gt) for p in pages) + "\n"


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------
def stamp_image(text: str, radius: int, fonts: Fonts) -> Image.Image:
    """A red round stamp (RGBA): two rings, the body's name around, a star in the middle."""
    size = radius * 2 + 8
    img = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(img)
    c = size / 2
    d.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=10)
    r2 = radius * 0.68
    d.ellipse((c - r2, c - r2, c + r2, c + r2), outline=255, width=5)
    star = [(c + (70 if k % 2 == 0 else 28) * math.sin(k * math.pi / 5),
             c - (70 if k % 2 == 0 else 28) * math.cos(k * math.pi / 5)) for k in range(10)]
    d.polygon(star, fill=255)
    font = fonts.get("B", 40)
    chars = list(text + "  ")
    step = 2 * math.pi / len(chars)
    rt = radius * 0.84
    for i, ch in enumerate(chars):
        if ch == " ":
            continue
        ang = -math.pi / 2 + i * step - math.pi * 0.9
        glyph = Image.new("L", (60, 60), 0)
        ImageDraw.Draw(glyph).text((30, 30), ch, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC)
        x, y = c + rt * math.cos(ang) - 30, c + rt * math.sin(ang) - 30
        img.paste(255, (int(x), int(y)), glyph)
    rgba = Image.new("RGBA", (size, size), STAMP_RED + (0,))
    rgba.putalpha(img.point(lambda v: v * 0.85))
    return rgba


def signature_stroke(draw: ImageDraw.ImageDraw, x: float, y: float, rng: np.random.Generator) -> None:
    t = np.linspace(0, 1, 120)
    xs = x + 340 * t
    ys = y - 55 * np.sin(t * 9 + rng.uniform(0, 1)) * (1 - t) - 40 * t
    draw.line(list(zip(xs.tolist(), ys.tolist())), fill=PEN_BLUE, width=6, joint="curve")
    draw.line([(x + 20, y + 20), (x + 380, y - 10)], fill=PEN_BLUE, width=5)


def render_page(page: PageLayout, fonts: Fonts, seed: Seed, rng: np.random.Generator) -> Image.Image:
    img = Image.new("RGB", (PAGE_W, PAGE_H), "white")
    d = ImageDraw.Draw(img)
    for op in page.texts:
        d.text((op.x, op.baseline), op.text, font=fonts.get(op.style, op.size), fill=INK, anchor="ls")
    for x0, y0, x1, y1 in page.rules:
        d.line([(x0, y0), (x1, y1)], fill=INK, width=4)
    if page.signature:
        signature_stroke(d, *page.signature, rng)
    if page.stamp:
        cx, cy, r = page.stamp
        st = stamp_image(seed.stamp_text, int(r), fonts)
        x, y = int(cx - st.width / 2), int(cy - st.height / 2)
        # ink multiplies: print under the stamp stays black, as on paper
        region = np.asarray(img.crop((x, y, x + st.width, y + st.height))).astype(np.float32)
        rgba = np.asarray(st).astype(np.float32) / 255
        alpha = rgba[..., 3:]
        region *= 1 - alpha * (1 - rgba[..., :3])
        img.paste(Image.fromarray(region.astype(np.uint8)), (x, y))
    return img


# --------------------------------------------------------------------------------------------
# Degradation, as scanners and fax machines produce it
# --------------------------------------------------------------------------------------------
def _rotate(a: np.ndarray, deg: float) -> np.ndarray:
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(250, 250, 248))


def _jpeg_roundtrip(a: np.ndarray, quality: int) -> np.ndarray:
    ok, buf = cv2.imencode(".jpg", a, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)


def degrade(img: Image.Image, level: str, rng: np.random.Generator, back: Image.Image | None) -> Image.Image:
    """The scanned page: RGB at 300 dpi (clean), RGB at 200 dpi (office, poor), 1-bit at 200 dpi (fax)."""
    if level == "clean":
        return img
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    if level in ("office", "poor"):
        strong = level == "poor"
        if strong and back is not None:  # bleed-through: the next page, mirrored, faintly
            b = np.asarray(back.convert("L").transpose(Image.FLIP_LEFT_RIGHT)).astype(np.float32)
            b = cv2.GaussianBlur(b, (0, 0), 3)
            a = a * (1 - 0.18 * (1 - b / 255.0))[..., None]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        light = 1 - (0.14 if strong else 0.07) * ((xx / w - rng.uniform(0.2, 0.8)) ** 2 + (yy / h) ** 2)
        if strong:  # fold shadow across the middle
            fy = h * rng.uniform(0.45, 0.55)
            light *= 1 - 0.25 * np.exp(-((yy - fy) / 40) ** 2)
        paper = cv2.GaussianBlur(rng.normal(0, 1, (h // 8, w // 8)).astype(np.float32), (0, 0), 2)
        paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR) * (10 if strong else 6)
        a = a * light[..., None] * np.array([0.99, 0.975, 0.94], np.float32) + paper[..., None]
        a = cv2.GaussianBlur(a, (0, 0), 1.6 if strong else 0.8)
        if strong:  # speckles: small dark blobs
            n = 3000
            ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
            for y, x, r in zip(ys, xs, rng.integers(1, 4, n)):
                cv2.circle(a, (int(x), int(y)), int(r), (70.0, 70.0, 70.0), -1)
        a = _rotate(np.clip(a, 0, 255).astype(np.uint8), rng.uniform(-3, 3) if strong else rng.uniform(-1.5, 1.5))
        a = cv2.resize(a, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)  # a 200 dpi office scan
        return Image.fromarray(a)
    if level == "fax":
        g = np.asarray(img.convert("L")).astype(np.float32)
        g = cv2.resize(g, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)  # 200 dpi
        g = _rotate(g, rng.uniform(-0.8, 0.8))
        g += rng.normal(0, 26, g.shape).astype(np.float32)  # thresholding noise breaks thin strokes
        return Image.fromarray(np.where(g > 150, 255, 0).astype(np.uint8)).convert("1", dither=Image.Dither.NONE)
    raise ValueError(f"unknown level {level!r}; levels are {', '.join(LEVELS)}")


SCAN_DPI = {"clean": 300, "office": 200, "poor": 200, "fax": 200}
JPEG_QUALITY = {"office": 30, "poor": 30}
PAGE_IMAGES = ("clean", "fax")  # levels that also get PNG pages (kept few: the repository stays small)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------
def write_pdf(pages: list[Image.Image], path: Path, level: str) -> None:
    """Image-only PDF: 16-colour palette (clean), JPEG (office, poor), CCITT G4 (fax)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    dpi = SCAN_DPI[level]
    if level == "fax":
        first, *rest = [p.copy() for p in pages]
        first.save(path, "PDF", save_all=True, append_images=rest, resolution=dpi,
                   creationDate=FIXED_DATE.utctimetuple(), modDate=FIXED_DATE.utctimetuple(),
                   producer="vnreports make_scans", title=path.stem)
        return
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(pages[0].width * 72 / dpi, pages[0].height * 72 / dpi))
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(path.stem)
    pdf.set_auto_page_break(False)
    for page in pages:
        buf = io.BytesIO()
        if level in JPEG_QUALITY:
            page.save(buf, "JPEG", quality=JPEG_QUALITY[level])
        else:
            page.quantize(palette=clean_palette(), dither=Image.Dither.NONE).save(buf, "PNG", optimize=True)
        pdf.add_page()
        pdf.image(buf, 0, 0, page.width * 72 / dpi, page.height * 72 / dpi)
    pdf.output(str(path))


def clean_palette() -> Image.Image:
    """Fixed palette for the clean level: 12 grays and a few reds and blues for stamp and signature.

    (An adaptive palette may give an antialiased gray a reddish entry, which no scanner would do.)
    """
    grays = [(v, v, v) for v in np.linspace(0, 255, 12).astype(int)]
    inks = [STAMP_RED, (225, 120, 128), (240, 185, 190), PEN_BLUE, (120, 135, 200)]
    colours = grays + inks
    pal = Image.new("P", (1, 1))
    pal.putpalette([c for rgb in colours for c in rgb] + [0] * 3 * (256 - len(colours)))
    return pal


def write_png(page: Image.Image, path: Path, dpi: int) -> None:
    """Grayscale pages as 4-level PNG (small), fax pages as 1-bit."""
    img = page if page.mode == "1" else page.convert("L").quantize(4)
    img.save(path, optimize=True, dpi=(dpi, dpi), **({} if page.mode == "1" else {"bits": 2}))


def write_textlayer_pdf(layouts: list[PageLayout], fonts: Fonts, seed: Seed, path: Path) -> None:
    """The same layout as a PDF with real text (fpdf2), the stamp as an image."""
    from fpdf import FPDF

    k = 72 / DPI
    pdf = FPDF(unit="pt", format=(PAGE_W * k, PAGE_H * k))
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(path.stem)
    pdf.set_auto_page_break(False)
    for style, p in fonts.paths.items():
        pdf.add_font("LiberationSerif", style, str(p))
    stamp = None
    for page in layouts:
        pdf.add_page()
        pdf.set_text_color(*INK)
        for op in page.texts:
            pdf.set_font("LiberationSerif", op.style, op.size * k)
            pdf.text(op.x * k, op.baseline * k, op.text)
        pdf.set_line_width(1)
        for x0, y0, x1, y1 in page.rules:
            pdf.line(x0 * k, y0 * k, x1 * k, y1 * k)
        if page.stamp:
            cx, cy, r = page.stamp
            stamp = stamp or stamp_image(seed.stamp_text, int(r), fonts)
            buf = io.BytesIO()
            stamp.save(buf, "PNG")
            with pdf.local_context(blend_mode="Multiply"):
                pdf.image(buf, (cx - stamp.width / 2) * k, (cy - stamp.height / 2) * k, stamp.width * k)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def make(out: Path, levels: tuple[str, ...], seed_value: int) -> list[Path]:
    corpus = HERE / "text"
    texts = {s.stem: (corpus / s.source).read_text(encoding="utf-8") for s in SEEDS}
    fonts = Fonts("".join(texts.values()) + "".join(s.stamp_text + s.date_line + "".join(s.header_left)
                                                     for s in SEEDS) + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA Độc lập Nơi nhận")
    written: list[Path] = []
    for n, seed in enumerate(SEEDS):
        layouts = lay_out(seed, fonts, texts[seed.stem])
        gt = ground_truth(layouts)
        clean = [render_page(p, fonts, seed, np.random.default_rng([seed_value, n, i]))
                 for i, p in enumerate(layouts)]
        for li, level in enumerate(LEVELS):
            if level not in levels:
                continue
            folder = out / level
            rng = np.random.default_rng([seed_value, n, 100 + li])
            pages = [degrade(img, level, rng, clean[i + 1] if i + 1 < len(clean) else None)
                     for i, img in enumerate(clean)]
            dpi = SCAN_DPI[level]
            pdf = folder / f"{seed.stem}.pdf"
            write_pdf(pages, pdf, level)
            (folder / f"{seed.stem}.gt.txt").write_text(gt, encoding="utf-8")
            written += [pdf, folder / f"{seed.stem}.gt.txt"]
            if level not in PAGE_IMAGES:
                continue
            pages_dir = folder / "pages"
            pages_dir.mkdir(parents=True, exist_ok=True)
            for i, img in enumerate(pages, start=1):
                write_png(img, pages_dir / f"{seed.stem}-p{i}.png", dpi)
                written.append(pages_dir / f"{seed.stem}-p{i}.png")
            if level == "fax":
                tif = pages_dir / f"{seed.stem}.tif"
                first, *rest = [p.copy() for p in pages]
                first.save(tif, save_all=True, append_images=rest, compression="group4", dpi=(dpi, dpi))
                written.append(tif)
        if seed.stem == TEXTLAYER_STEM:
            folder = out / "textlayer"
            pdf = folder / f"{seed.stem}.pdf"
            write_textlayer_pdf(layouts, fonts, seed, pdf)
            (folder / f"{seed.stem}.gt.txt").write_text(gt, encoding="utf-8")
            written += [pdf, folder / f"{seed.stem}.gt.txt"]
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "scans")
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args(argv)
    levels = tuple(l for l in args.levels.split(",") if l)
    bad = [l for l in levels if l not in LEVELS]
    if bad:
        ap.error(f"unknown level(s) {bad}; levels are {', '.join(LEVELS)}")
    try:
        written = make(args.out, levels, args.seed)
    except MissingGlyph as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {total / 1e6:.1f} MB under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
