"""The safety net: where the clean-up is doubtful, read the raw page too and keep the better block.

A clean-up step chosen from measurements can still hurt a page it was not made for (a despeckler
eating the dots of a small italic, a flattened background thinning a light print). When the plan
changed pixels (``Plan.doubtful``: not the despeckler alone on a bi-level page), every text block of
the cleaned reading whose quality (mean word confidence and share of well-formed Vietnamese
syllables, ``pipeline.syllables``) is doubtful is read again from the page as scanned - its coloured marks
removed as on the cleaned page (a stamp's strokes read as letters won on the quality measure), then only grayed,
resampled and levelled into the same frame - and the better of the two readings is kept. Blocks that
read well and pages the plan leaves alone are read once, so the net costs little.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

from pipeline.ocr.tesseract import TWord
from pipeline.syllables import valid_share

MARGIN = 0.03  # the raw block must be this much better: ties keep the cleaned reading
DOUBT = 0.85  # a block whose quality is under this is read again from the raw page


def quality(words: list) -> float:
    """Mean word confidence (0..1; a word without one counts 0) and share of well-formed syllables, averaged,
    of ``words`` (Tesseract's, or a page's ``model.Word``)."""
    if not words:
        return 0.0
    text = " ".join(w.text for w in words)
    letters = sum(c.isalpha() for c in text)
    vs = valid_share(text) if letters else 1.0
    return 0.5 * mean(w.conf or 0.0 for w in words) / 100 + 0.5 * vs


def keep_better(clean: list[TWord], read_raw, threshold: float = DOUBT) -> tuple[list[TWord], int, int]:
    """Per block of ``clean`` that reads doubtfully (``quality`` under ``threshold``): read the same
    place of the raw page (``read_raw(rect)`` -> words) and keep whichever reads better.

    Returns the words (replacements numbered after the last block), how many blocks were re-read
    and how many were replaced. Blocks that read well cost nothing.
    """
    blocks: dict[int, list[TWord]] = defaultdict(list)
    for w in clean:
        blocks[w.block].append(w)
    next_block = max((w.block for w in clean), default=0) + 1
    out: list[TWord] = []
    tried = replaced = 0
    for ws in blocks.values():
        q = quality(ws)
        if q >= threshold:
            out.extend(ws)
            continue
        tried += 1
        pad = 0.3 * sorted(w.height for w in ws)[len(ws) // 2]
        rect = (min(w.left for w in ws) - pad, min(w.top for w in ws) - pad,
                max(w.left + w.width for w in ws) + pad, max(w.top + w.height for w in ws) + pad)
        rival = read_raw(rect)
        if rival and quality(rival) > q + MARGIN:
            for w in rival:
                w.block = next_block
            next_block += 1
            out.extend(rival)
            replaced += 1
        else:
            out.extend(ws)
    return out, tried, replaced
