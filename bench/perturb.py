"""Perturbations of a real page: what another scanner, copier or camera does to the same paper.

``vnreports bench ocr --perturb NAME[,NAME...]`` reads every real page of ``../shared/realscans`` again after
each perturbation, with the pipeline and with bare Tesseract on the very same pixels. Three real pages are too
few to tell whether the clean-up holds on the next real page; the same pages scanned coarser, blurred, tilted,
shaded, JPEG-damaged or faded show which mechanism gives way (a frame not found, a gutter bridged, a faded
line split) without tuning anything to the pages themselves. Each perturbation is fixed (seeded): the same
name gives the same pixels on every run.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

Image = np.ndarray
Perturb = Callable[[Image, int], tuple[Image, int]]


def _scaled(f: float) -> Perturb:
    def apply(img: Image, dpi: int) -> tuple[Image, int]:
        interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
        return cv2.resize(img, None, fx=f, fy=f, interpolation=interp), int(round(dpi * f))
    return apply


def _jpeg(quality: int) -> Perturb:
    def apply(img: Image, dpi: int) -> tuple[Image, int]:
        ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
        return cv2.imdecode(data, cv2.IMREAD_UNCHANGED), dpi
    return apply


def _blur(sigma: float) -> Perturb:
    return lambda img, dpi: (cv2.GaussianBlur(img, (0, 0), sigma), dpi)


def _rotated(degrees: float) -> Perturb:
    def apply(img: Image, dpi: int) -> tuple[Image, int]:
        h, w = img.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
        white = (255,) * (img.shape[2] if img.ndim == 3 else 1)
        return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                              borderValue=white), dpi
    return apply


def _levels(gain: float, offset: float) -> Perturb:
    return lambda img, dpi: (np.clip(img.astype(np.float32) * gain + offset, 0, 255).astype(np.uint8), dpi)


def _shade(img: Image, dpi: int) -> tuple[Image, int]:
    """Light falling off across the page (a camera, a lid left open): 100% at the left edge, 60% at the right."""
    ramp = np.linspace(1.0, 0.6, img.shape[1], dtype=np.float32)[None, :]
    if img.ndim == 3:
        ramp = ramp[..., None]
    return (img.astype(np.float32) * ramp).astype(np.uint8), dpi


def _noise(img: Image, dpi: int) -> tuple[Image, int]:
    rng = np.random.default_rng(0)
    return np.clip(img.astype(np.float32) + rng.normal(0, 18, img.shape), 0, 255).astype(np.uint8), dpi


def _salt_pepper(img: Image, dpi: int) -> tuple[Image, int]:
    rng = np.random.default_rng(0)
    out, u = img.copy(), rng.random(img.shape[:2])
    out[u < 0.004], out[u > 0.996] = 0, 255
    return out, dpi


def _yellowed(img: Image, dpi: int) -> tuple[Image, int]:
    if img.ndim != 3:
        return img, dpi
    out = img.astype(np.float32)
    out[..., 2] *= 0.80  # RGB: less blue, a little less green
    out[..., 1] *= 0.95
    return out.astype(np.uint8), dpi


def _bilevel(img: Image, dpi: int) -> tuple[Image, int]:
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1], dpi


def _bleed(img: Image, dpi: int) -> tuple[Image, int]:
    """Show-through: the reverse side's print, mirrored and diffused by the paper, seen faintly through it (a
    quarter of its ink)."""
    back = cv2.GaussianBlur(np.ascontiguousarray(img[:, ::-1]), (0, 0), max(0.5, dpi / 150)).astype(np.float32)
    return np.minimum(img.astype(np.float32), 255 - 0.25 * (255 - back)).astype(np.uint8), dpi


def _lid(img: Image, dpi: int) -> tuple[Image, int]:
    """The scanner's lid left open: a dark band along the left and bottom edges, ragged, with two punch holes."""
    out = img.copy()
    h, w = out.shape[:2]
    rng = np.random.default_rng(0)
    band = max(8, dpi // 5)
    for y in range(h):
        out[y, :band + int(rng.integers(0, band // 3 + 1))] = 25
    for x in range(w):
        out[h - band - int(rng.integers(0, band // 3 + 1)):, x] = 25
    for cy in (h // 3, 2 * h // 3):
        cv2.circle(out, (band + dpi // 4, cy), max(4, dpi * 3 // 40), (25,) * (3 if out.ndim == 3 else 1), -1)
    return out, dpi


def _fold(img: Image, dpi: int) -> tuple[Image, int]:
    """A crease across the page: a thin dark line with a shadow, a third of the way down."""
    out = img.astype(np.float32)
    y = out.shape[0] // 3
    shade = np.linspace(0.75, 1.0, max(4, dpi // 20), dtype=np.float32)
    out[y:y + shade.size] *= shade[:, None, None] if out.ndim == 3 else shade[:, None]
    out[y:y + max(1, dpi // 150)] = 70
    return np.clip(out, 0, 255).astype(np.uint8), dpi


def _stroke(grow: int) -> Perturb:
    """Ink spread (a copy of a copy, ``grow`` > 0) or thinned (low toner, ``grow`` < 0) by a pixel."""
    def apply(img: Image, dpi: int) -> tuple[Image, int]:
        k = np.ones((2, 2), np.uint8)
        return (cv2.erode(img, k) if grow > 0 else cv2.dilate(img, k)), dpi
    return apply


def _photo(img: Image, dpi: int) -> tuple[Image, int]:
    """A phone's photo of the sheet on a desk: the page in perspective (its top edge 8% narrower, as a camera held
    below the middle sees it), on a darker ground, lit unevenly, saved as JPEG."""
    h, w = img.shape[:2]
    ground = np.full(img.shape, 95, np.uint8)  # the frame keeps its size: the sheet fills less of it
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[0.09 * w, 0.05 * h], [0.91 * w, 0.04 * h], [0.95 * w, 0.96 * h], [0.05 * w, 0.95 * h]])
    m = cv2.getPerspectiveTransform(src, dst)
    out = cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT,
                              dst=ground)
    out, _ = _shade(out, dpi)
    return _jpeg(60)(out, dpi)


def _pen(colour: tuple[int, int, int]) -> Perturb:
    """Marks in pen: a tick and a loop in the left margin, a line under a passage, a scrawled note at the foot."""
    def apply(img: Image, dpi: int) -> tuple[Image, int]:
        out = img.copy()
        h, w = out.shape[:2]
        ink = colour if out.ndim == 3 else (int(np.mean(colour)),)
        t = max(2, dpi // 100)
        rng = np.random.default_rng(0)
        cv2.polylines(out, [np.int32([[w * 0.03, h * 0.40], [w * 0.05, h * 0.42], [w * 0.08, h * 0.37]])], False,
                      ink, t)
        cv2.ellipse(out, (int(w * 0.05), int(h * 0.55)), (int(w * 0.02), int(h * 0.03)), 20, 0, 330, ink, t)
        cv2.line(out, (int(w * 0.15), int(h * 0.47)), (int(w * 0.70), int(h * 0.472)), ink, t)
        xs = np.linspace(w * 0.55, w * 0.90, 40)
        ys = h * 0.93 + rng.normal(0, h * 0.004, xs.size) + 8 * np.sin(xs / 9)
        cv2.polylines(out, [np.int32(np.stack([xs, ys], axis=1))], False, ink, t)
        return out, dpi
    return apply


def _streaks(img: Image, dpi: int) -> tuple[Image, int]:
    """Dirt on a sheet-fed scanner's glass or a fax's read head: thin dark lines down the whole page, through the
    text, one of them broken."""
    out = img.copy()
    h, w = out.shape[:2]
    t = max(1, dpi // 150)
    for frac, gray in ((0.23, 60), (0.58, 110), (0.81, 40)):
        x = int(w * frac)
        out[:, x:x + t] = gray
    out[h // 3:h // 2, int(w * 0.81):int(w * 0.81) + t] = img[h // 3:h // 2, int(w * 0.81):int(w * 0.81) + t]
    return out, dpi


def _highlight(img: Image, dpi: int) -> tuple[Image, int]:
    """Passages marked with highlighter pens (yellow, green, pink): translucent bars over lines of text, multiplied
    into the page as the ink of a highlighter is."""
    out = (img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)).astype(np.float32)
    h, w = out.shape[:2]
    tall = max(8, dpi // 5)
    for top, left, right, rgb in ((0.30, 0.10, 0.85, (255, 240, 60)), (0.45, 0.12, 0.60, (140, 245, 120)),
                                  (0.62, 0.20, 0.90, (255, 150, 200))):
        y, x0, x1 = int(h * top), int(w * left), int(w * right)
        out[y:y + tall, x0:x1] *= np.float32(rgb) / 255
    return out.astype(np.uint8), dpi


def _halftone(img: Image, dpi: int) -> tuple[Image, int]:
    """A bi-level copy of a page on tinted paper (a fax or copier in halftone mode): the grey ground dithered into
    a screen of dots by an ordered (Bayer 4 x 4) dither, the print solid black."""
    gray = (img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)).astype(np.float32)
    tinted = 0.8 * gray  # the paper at ~200 of 255: a pastel form, a grey recycled sheet
    bayer = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32)
    h, w = gray.shape
    thresh = np.tile((bayer + 0.5) * 16, (h // 4 + 1, w // 4 + 1))[:h, :w]
    return np.where(tinted > thresh, 255, 0).astype(np.uint8), dpi


def _watermark(img: Image, dpi: int) -> tuple[Image, int]:
    """A copy stamped with a large light-grey word across the page on the diagonal ("BAN SAO", a copy), under the
    print: the print stays as dark as it was."""
    h, w = img.shape[:2]
    layer = np.full((h, w), 255, np.uint8)
    scale = w / 260
    cv2.putText(layer, "BAN SAO", (int(w * 0.12), int(h * 0.6)), cv2.FONT_HERSHEY_SIMPLEX, scale, 185,
                max(3, int(scale * 6)), cv2.LINE_AA)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 35, 1.0)
    layer = cv2.warpAffine(layer, m, (w, h), borderValue=255)
    return (np.minimum(img, layer[..., None]) if img.ndim == 3 else np.minimum(img, layer)), dpi


def _dog_ear(img: Image, dpi: int) -> tuple[Image, int]:
    """A corner folded over before scanning: the back of the corner, grey, with a dark crease, over the top right,
    and a staple's bar near the top left."""
    out = img.copy()
    h, w = out.shape[:2]
    c = int(0.16 * w)
    tri = np.int32([[w - c, 0], [w, 0], [w, c]])
    grey, dark = (150,) * (3 if out.ndim == 3 else 1), (40,) * (3 if out.ndim == 3 else 1)
    cv2.fillPoly(out, [tri], grey)
    cv2.line(out, (w - c, 0), (w, c), dark, max(2, dpi // 100))
    x, y = int(0.05 * w), int(0.03 * h)
    cv2.line(out, (x, y), (x + dpi // 2, y + dpi // 12), dark, max(3, dpi // 40))
    return out, dpi


def _red_print(img: Image, dpi: int) -> tuple[Image, int]:
    """The page's top fifth printed in red (a Party committee's header, a form's printed title): every dark pixel
    there takes a red of its darkness, as red ink on a colour scan."""
    out = (img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)).copy()
    top = out[: out.shape[0] // 5].astype(np.float32)
    darkness = 1 - top.mean(axis=2, keepdims=True) / 255  # 0 on paper, 1 on black
    red = np.float32([200, 25, 30])
    out[: out.shape[0] // 5] = np.clip(255 - darkness * (255 - red), 0, 255).astype(np.uint8)
    return out, dpi


def _shadow(img: Image, dpi: int) -> tuple[Image, int]:
    """A phone or a hand between the lamp and the sheet: a soft-edged shadow over the lower right third of the
    page, the paper there at half its brightness."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = (xx / w) * 0.7 + (yy / h) * 0.7 - 0.95  # a diagonal boundary
    soft = max(2.0, dpi / 40) / min(h, w)
    mask = 0.75 - 0.25 * np.tanh(edge / (2 * soft))  # 1 outside the shadow, 0.5 inside (a logistic step)
    if img.ndim == 3:
        mask = mask[..., None]
    return (img.astype(np.float32) * mask).astype(np.uint8), dpi


def _curl(img: Image, dpi: int) -> tuple[Image, int]:
    """A sheet photographed lying curved (a page of a bound volume near its spine): lines of text bend, by up to a
    line's height and a half at the left edge, none at the right."""
    h, w = img.shape[:2]
    xs = np.arange(w, dtype=np.float32)
    amp = dpi * 0.2  # ~1.5 lines of 12 pt print
    dy = amp * (1 - xs / w) ** 2
    map_x = np.tile(xs, (h, 1))
    map_y = (np.arange(h, dtype=np.float32)[:, None] - dy[None, :]).astype(np.float32)
    white = (255,) * (img.shape[2] if img.ndim == 3 else 1)
    return cv2.remap(img, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=white), dpi


def _phone(img: Image, dpi: int) -> tuple[Image, int]:
    """A phone's snapshot as offices send it in a chat: the sheet in perspective on a desk, unevenly lit, a little
    out of focus, at two thirds of the resolution, saved as a strongly compressed JPEG."""
    out, dpi = _photo(img, dpi)
    out, dpi = _blur(0.8)(out, dpi)
    out, dpi = _scaled(2 / 3)(out, dpi)
    return _jpeg(40)(out, dpi)


def _fax_of_copy(img: Image, dpi: int) -> tuple[Image, int]:
    """A photocopy faxed: ink spread by the copier, the page at 100 dpi, made bi-level, with the line noise of the
    transmission."""
    out, dpi = _stroke(1)(img, dpi)
    out, dpi = _scaled(0.5)(out, dpi)
    out, dpi = _bilevel(out, dpi)
    return _salt_pepper(out, dpi)


def _strike(img: Image, dpi: int) -> tuple[Image, int]:
    """Passages struck through in black pen (a draft's deletion, a reader's correction): two lines, a little off
    level, through the middle of a line of text in the page's middle third and in its lower third."""
    out = img.copy()
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    ink = (20, 20, 25) if out.ndim == 3 else (22,)
    for top, x0, x1 in ((h // 3, 0.15, 0.70), (3 * h // 5, 0.30, 0.85)):
        rows = (gray[top:top + h // 5, w // 5:4 * w // 5] < 128).sum(axis=1)  # the row of most ink: a line's middle
        y = top + int(np.argmax(rows))
        cv2.line(out, (int(w * x0), y), (int(w * x1), y + max(2, dpi // 100)), ink, max(2, dpi // 100))
    return out, dpi


def _turned(quarters: int) -> Perturb:
    """The sheet fed sideways or upside down: the image turned by ``quarters`` quarter turns counter-clockwise."""
    return lambda img, dpi: (np.ascontiguousarray(np.rot90(img, quarters)), dpi)


PERTURBATIONS: dict[str, Perturb] = {
    "coarser": _scaled(0.75),  # a 150 dpi scan of a 200 dpi page
    "coarsest": _scaled(0.5),  # 100 dpi
    "finer": _scaled(1.5),
    "jpeg30": _jpeg(30),
    "jpeg10": _jpeg(10),
    "blur1": _blur(1.0),
    "blur1.5": _blur(1.5),
    "tilt1.5": _rotated(1.5),
    "tilt3": _rotated(3.0),
    "tilt7": _rotated(7.0),
    "tilt12": _rotated(12.0),
    "low-contrast": _levels(0.5, 90),
    "faded": _levels(0.4, 150),
    "dark": _levels(0.7, 0),
    "shade": _shade,
    "noise": _noise,
    "salt-pepper": _salt_pepper,
    "yellowed": _yellowed,
    "bilevel": _bilevel,
    "negative": lambda img, dpi: (255 - img, dpi),  # a microfilm negative, a photocopier's inverted copy
    "bleed-through": _bleed,
    "lid-open": _lid,
    "fold": _fold,
    "ink-spread": _stroke(1),
    "ink-thin": _stroke(-1),
    "photo": _photo,
    "pen-black": _pen((20, 20, 25)),
    "pen-blue": _pen((30, 50, 160)),
    "streaks": _streaks,
    "highlight": _highlight,
    "halftone": _halftone,
    "watermark": _watermark,
    "dog-ear": _dog_ear,
    "red-print": _red_print,
    "shadow": _shadow,
    "curl": _curl,
    "phone": _phone,
    "fax-of-copy": _fax_of_copy,
    "strike": _strike,
    "sideways": _turned(1),  # a portrait page fed landscape (or a landscape table scanned portrait)
    "upside-down": _turned(2),
    "sideways-cw": _turned(3),
}


def perturb(name: str, img: Image, dpi: int) -> tuple[Image, int]:
    """``img`` (and its dpi) after perturbation ``name``; ``""`` leaves it as it is."""
    if not name:
        return img, dpi
    if name not in PERTURBATIONS:
        raise ValueError(f"unknown perturbation {name!r} (known: {', '.join(PERTURBATIONS)})")
    return PERTURBATIONS[name](img, dpi)
