"""Learn OCR confusions: render training lines, OCR them with Tesseract, count what each letter became.

Lines come from the TRAINING corpora only (legal_vlc, news_dantri). Each page of ~30 lines is
rendered with PIL in Liberation Serif at one of a few sizes / blur levels, OCR'd with
``tesseract -l eng`` and ``-l vie``; every OCR line is matched to its true line, tokens are
aligned, and each token pair is aligned letter by letter (1:1, 2:1, 1:0, 0:1 moves) to count
``(true letter, printed piece)`` pairs. Output: ``data/channel.json`` (counts only).
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from difflib import SequenceMatcher

from pipeline.restore.channel import CHANNEL_PATH, align_letters, obs_form
from training.common import corpus_lines
from training.render import LINES_PER_PAGE, VARIANTS, ocr_text, render_lines
from pipeline.text import nfc, skeleton

def sample_lines(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool: list[str] = []
    for name, limit in (("legal_vlc.txt.gz", 60000), ("news_dantri.txt.gz", 40000)):
        for line in corpus_lines(name, limit):
            line = nfc(line.strip())
            if 25 <= len(line) <= 75 and sum(c.isalpha() for c in line) > 0.7 * len(line):
                pool.append(line)
    rng.shuffle(pool)
    return pool[:n]


def match_lines(truth: list[str], ocr: list[str]) -> list[tuple[str, str]]:
    """Pair each OCR line with the true line it reads most like (skeleton similarity)."""
    from rapidfuzz import fuzz

    pairs = []
    keys = [skeleton(t) for t in truth]
    for o in ocr:
        o = nfc(o.strip())
        if not o:
            continue
        so = skeleton(o)
        scores = [fuzz.ratio(so, k) for k in keys]
        best = max(range(len(truth)), key=scores.__getitem__)
        if scores[best] >= 60:
            pairs.append((truth[best], o))
    return pairs


def token_pairs(truth: str, ocr: str) -> list[tuple[str, str]]:
    t, o = truth.split(), ocr.split()
    key = lambda w: obs_form(w).lower()  # noqa: E731
    sm = SequenceMatcher(a=[skeleton(w) for w in t], b=[skeleton(key(w)) for w in o], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            out += list(zip(t[i1:i2], o[j1:j2]))
    return out


def train_channel(args) -> int:
    t0 = time.perf_counter()
    lines = sample_lines(args.lines, args.seed)
    counts: dict[str, Counter] = {"eng": Counter(), "vie": Counter()}
    tokens = Counter()
    for p in range(0, len(lines), LINES_PER_PAGE):
        page = lines[p:p + LINES_PER_PAGE]
        size, blur, scale = VARIANTS[(p // LINES_PER_PAGE) % len(VARIANTS)]
        img = render_lines(page, size, blur, scale)
        for lang in ("eng", "vie"):
            text = ocr_text(img, lang=lang, psm=6)
            for truth, ocr in match_lines(page, text.splitlines()):
                for tw, ow in token_pairs(truth, ocr):
                    tokens[lang] += 1
                    for true_letter, piece in align_letters(tw.lower(), obs_form(ow)):
                        counts[lang][f"{true_letter}\t{piece}"] += 1
        print(f"page {p // LINES_PER_PAGE + 1}: {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    CHANNEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "about": "counts of (true letter, OCR piece) from rendered training lines; rebuild: "
        "python -m training.lm channel",
        "lines": len(lines),
        "variants": [list(v) for v in VARIANTS],
        "tokens": dict(tokens),
        "counts": {lang: dict(sorted(c.items())) for lang, c in counts.items()},
    }
    CHANNEL_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{sum(tokens.values())} token pairs -> {CHANNEL_PATH} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    return 0
