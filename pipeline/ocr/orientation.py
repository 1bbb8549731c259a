"""Pages fed sideways or upside down: found after the first reading, turned upright, read again.

An archive's batch holds sheets fed the wrong way round and landscape tables scanned portrait. Tesseract's
own layout turns text that runs down the page (a page turned clockwise) and reads its words, but the boxes
stay on the page as scanned, so lines made from them come in no order; a page turned the other way, or
upside down, reads as garbage. Checking every page's orientation would cost a quarter of a page's reading, so
the first reading decides whether to look: most of its words standing taller than wide (text running down
the page), or a reading whose quality (mean confidence and share of well-formed syllables, as the safety
net measures it) is that of garbage. Only then Tesseract's orientation detector (``osd``, the legacy
engine's script and orientation classifier, at ``OSD_DPI``) is asked, and the page is read again turned by
the quarter turns it says; the boxes are mapped back onto the page as scanned. A garbage page that is no quarter
turn may be a sheet fed crooked or photographed askew, beyond the deskew's usual search: its tilt is searched
within ``preprocess.STEEP_SKEW`` (``steep_tilt``) and the page read again levelled by it. A faint garbage page
that is neither may be the blank back of a sheet scanned on both sides, showing its front's print through the
paper, mirrored: when its mirror image reads well (``shows_through``), the page has no text of its own.
"""

from __future__ import annotations

import numpy as np

from pipeline.model import Line
from pipeline.ocr import preprocess, safety_net

OSD_DPI = 150  # the detector's resolution: as right as at 300 dpi on the development pages, 100 dpi was not
OSD_CONF = 1.5  # the detector's confidence below which its answer is not taken
VERTICAL_SHARE = 0.5  # words of 3+ characters standing taller than wide: the text runs down the page
QUALITY_DOUBT = 0.6  # a first reading under this (0..1) may be a turned page's garbage
TURNED_MARGIN = 0.03  # a garbage-looking page's turned (or levelled) reading must be this much better to be kept
SHOW_THROUGH_CONTRAST = 100.0  # gray levels between paper and ink under which the print may be the reverse side's
MIRROR_QUALITY = 0.8  # a faint garbage page whose mirror image reads this well holds only the reverse side's print
MIRROR_GAIN = 0.2  # ... and reads that much better mirrored


def reading_quality(lines: list[Line]) -> float:
    """The safety net's quality (mean confidence and share of well-formed syllables) of the page's words; 0 for
    a page without words."""
    return safety_net.quality([w for line in lines for w in line.words if w.text])


def runs_vertical(lines: list[Line]) -> bool:
    """Most words of three or more characters stand taller than wide: Tesseract turned the page's text
    to read it, and its boxes (and so the lines made from them) are across the text."""
    boxes = [w.box for line in lines for w in line.words if w.box is not None and len(w.text) >= 3]
    if len(boxes) < 5:
        return False
    tall = sum((b[3] - b[1]) > (b[2] - b[0]) for b in boxes)
    return tall > VERTICAL_SHARE * len(boxes)


def worth_checking(lines: list[Line]) -> str:
    """Why the first reading may be of a turned page ("" when it reads as an upright one)."""
    if runs_vertical(lines):
        return "words stand taller than wide"
    quality = reading_quality(lines)
    if quality < QUALITY_DOUBT:
        return f"reading quality {quality:.2f}"
    return ""


def quarter_turns(found: dict | None) -> int:
    """Counter-clockwise quarter turns (``np.rot90``'s k) that set the page upright, from the detector's
    answer (``tesseract.osd``: the page's clockwise rotation in degrees and a confidence); 0 when it has no
    sure answer."""
    if not found or found["conf"] < OSD_CONF:
        return 0
    return (int(round(found["degrees"] / 90)) % 4)


def turn(image: np.ndarray, turns: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(image, turns)) if turns % 4 else image


def steep_tilt(gray: np.ndarray) -> float | None:
    """The angle that levels a page tilted beyond the deskew's usual search (``preprocess.SKEW_LIMIT``: a sheet
    fed crooked, a photograph), searched every degree within ``preprocess.STEEP_SKEW``; None when the page's
    lines are level within the usual search. For a page whose first reading was garbage: within the usual
    search a steep tilt can look level enough (12 degrees measured as -3)."""
    angle = preprocess.skew_angle(gray, limit=preprocess.STEEP_SKEW, step=1.0)
    return angle if abs(angle) > preprocess.SKEW_LIMIT else None


def shows_through(contrast: float, quality: float, mirrored_quality: float) -> bool:
    """A page whose print is faint (``contrast``: paper minus ink gray level) and reads as garbage (``quality``)
    but well mirrored: the reverse side's print seen through the paper, no text of this page. A mirrored print
    of full contrast (a film read from its back) is not this, and stays as read."""
    return (contrast < SHOW_THROUGH_CONTRAST and mirrored_quality >= MIRROR_QUALITY
            and mirrored_quality >= quality + MIRROR_GAIN)
