"""Diacritic restoration: held-out accuracy, old OCR repair, scans CER, throughput (vs pyvi)."""

from __future__ import annotations

import argparse
import gzip
import itertools
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.restore.evaluate import align_pairs, error_class, in_convention, same_syllable, syllable_accuracy, words
from training import render
from training.common import REPO_ROOT, shared_dir
from pipeline.text import nfc, strip_diacritics

console = Console()
EVAL_FILES = ("admin_eval.txt.gz", "ud_vtb_eval.txt.gz")
SEED_BROKEN = "2023_tam-duong_bc-111_ocr.txt"  # seed 000
SEED_CLEAN = "2024_tam-duong_bc-111.txt"  # seed 003


def _pyvi():
    try:
        t0 = time.process_time()
        from pyvi import ViUtils

        return ViUtils, time.process_time() - t0
    except ImportError:
        return None, 0.0


def pyvi_restore(vi, text: str) -> str:
    """pyvi line by line; a line it cannot handle (KeyError) is left as it was."""
    out = []
    for line in text.split("\n"):
        try:
            out.append(nfc(str(vi.add_accents(line))))
        except Exception:
            out.append(line)
    return "\n".join(out)


def eval_lines(name: str, max_syllables: int, first_lines: int | None = None) -> list[str]:
    """Non-empty text lines of ``../shared/corpus/<name>`` (``###`` headers skipped), up to ``max_syllables``
    words, looking only at the file's first ``first_lines`` lines when given."""
    path = shared_dir() / "corpus" / name
    lines, n = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, first_lines):
            line = nfc(line.strip())
            if not line or line.startswith("###"):
                continue
            lines.append(line)
            n += len(line.split())
            if n >= max_syllables:
                break
    return lines


DOC_LINES = 40  # lines of an evaluation file decoded together, as one document


def restore_documents(lines: list[str], restorer, doc_lines: int = DOC_LINES) -> list[str]:
    """Restored ``lines``, decoded ``doc_lines`` at a time: a file of unrelated lines (no document
    boundaries are given) is read as a sequence of documents of a few pages, so that document adaptation
    sees about as much text as in a report, and no more."""
    from pipeline.restore import restore_lines

    out: list[str] = []
    for i in range(0, len(lines), doc_lines):
        out += [r for r, _ in restore_lines(lines[i:i + doc_lines], restorer)]
    return out


def devset_dir() -> Path:
    return shared_dir() / "devset"


def printed_words(restored: str, maps) -> str:
    """The restored line with the spaces restoration put between syllables OCR had glued (``XaTaBa`` ->
    ``Xã Tá Bạ``) taken out again, so that each printed word has one restored word to be compared with (a
    glued word is wrong either way: the truth has a word per syllable)."""
    cuts = [a.rest_end for a, b in zip(maps, maps[1:]) if a.raw_end == b.raw_start and b.rest_start == a.rest_end + 1
            and restored[a.rest_end:b.rest_start] == " "]
    for at in reversed(cuts):
        restored = restored[:at] + restored[at + 1:]
    return restored


def ocr_accuracy(truth: str, printed: str, restored: str) -> tuple[int, int, int]:
    """(right before, right after, aligned): alphabetic words of ``truth`` aligned with a printed word
    (crude keys: look-alikes read as letters), and how many of them the printed / restored word gets right.
    Words the OCR lost altogether have no printed word and are not counted."""
    t, raw, hyp = words(truth), words(printed), words(restored)
    if len(raw) != len(hyp):
        raise ValueError("restoration changed the number of tokens")
    before = after = n = 0
    for i, j in align_pairs(t, raw):
        if t[i].isalpha():
            n += 1
            before += same_syllable(t[i], raw[j])
            after += same_syllable(t[i], hyp[j])
    return before, after, n


def devset(vi, restorer, lm_only) -> Table | str:
    """The development documents: stripped of their marks; their English-only OCR; restoration forced on
    their clean text. Development figures: the lexicon's family lists and the decoder were tuned on them."""
    from pipeline.restore import restore_lines, restore_text

    docs = sorted(devset_dir().glob("dev_[0-9][0-9].txt"))
    if not docs:
        return f"0. No development documents under {devset_dir()}: section skipped."
    table = Table(title=f"0. Development set ({len(docs)} reports, ../shared/devset; DEVELOPMENT figures: tuned on)")
    for col in ("text", "syllables", "as given", "vnreports", "LM only (no adaptation, no BiGRU)", "pyvi"):
        table.add_column(col, justify="right" if col != "text" else "left")
    truth_docs = [nfc(p.read_text(encoding="utf-8")).split("\n") for p in docs]
    stripped_docs = [[strip_diacritics(l) for l in d] for d in truth_docs]
    row = ["dev_NN.txt, marks stripped: syllables right", None]
    outputs = {"as given": stripped_docs,
               "vnreports": [[r for r, _ in restore_lines(d, restorer)] for d in stripped_docs],
               "LM only": [[r for r, _ in restore_lines(d, lm_only)] for d in stripped_docs]}
    if vi is not None:
        outputs["pyvi"] = [pyvi_restore(vi, "\n".join(d)).split("\n") for d in stripped_docs]
    for hyp_docs in outputs.values():
        ok = total = 0
        for truth, hyp in zip(truth_docs, hyp_docs):
            o, t = syllable_accuracy(truth, hyp)
            ok, total = ok + o, total + t
        row[1] = f"{total:,}"
        row.append(f"{100 * ok / total:.2f}%")
    table.add_row(*row, *([] if vi is not None else ["skipped"]))
    pairs = [(p, p.with_name(p.name.replace(".eng.txt", ".gt.txt")))
             for p in sorted((devset_dir() / "scans").glob("dev_*_office.eng.txt"))]
    if pairs:
        sums = {k: [0, 0] for k in ("as given", "vnreports", "LM only", "pyvi")}
        for eng, gt in pairs:
            printed = nfc(eng.read_text(encoding="utf-8")).replace("\f", "\n")
            truth = nfc(gt.read_text(encoding="utf-8"))
            lines = printed.split("\n")
            hyps = {"vnreports": [printed_words(r, m) for r, m in restore_lines(lines, restorer)],
                    "LM only": [printed_words(r, m) for r, m in restore_lines(lines, lm_only)]}
            if vi is not None:
                hyps["pyvi"] = pyvi_restore(vi, printed).split("\n")
            for name, hyp in hyps.items():
                before, after, n = ocr_accuracy(truth, printed, "\n".join(hyp))
                sums[name] = [sums[name][0] + after, sums[name][1] + n]
            sums["as given"] = [sums["as given"][0] + before, sums["as given"][1] + n]
        cells = [f"{100 * sums[k][0] / sums[k][1]:.2f}%" if sums[k][1] else "skipped"
                 for k in ("as given", "vnreports", "LM only", "pyvi")]
        table.add_row("dev_NN_office.eng.txt (English-only OCR of the office scans) vs .gt.txt: aligned syllables right",
                      f"{sums['vnreports'][1]:,}", *cells)
    changed = total = 0
    for truth in truth_docs:
        text = "\n".join(truth)
        before, after = words(in_convention(text)), words(restore_text(text))
        total += len(before)
        changed += sum(a != b for a, b in zip(before, after)) + abs(len(before) - len(after))
    table.add_row("dev_NN.txt with their marks, restoration forced: tokens changed (reference in the same "
                  "spelling)", f"{total:,}", "0", f"{changed}", "", "")
    return table


def held_out(vi, max_syllables: int, timing: dict) -> Table:
    from pipeline.restore import load_restorer

    table = Table(title="1. Held-out text, diacritics stripped (never trained on): syllable accuracy "
                  "(hoà = hòa: tone placement aside; strict: placement compared too)")
    for col in ("file", "syllables", "stripped", "vnreports", "vnreports strict", "LM only (no adaptation, no BiGRU)",
                "pyvi"):
        table.add_column(col, justify="right" if col != "file" else "left")
    full, lm_only = load_restorer(), load_restorer(neural=False, adapt=False)
    for name in EVAL_FILES:
        if not (shared_dir() / "corpus" / name).exists():
            table.add_row(name, "missing", "", "", "", "", "")
            continue
        truth = eval_lines(name, max_syllables)
        stripped = [strip_diacritics(l) for l in truth]
        t0 = time.process_time()
        ours = restore_documents(stripped, full)
        dt = time.process_time() - t0
        t0 = time.process_time()
        plain = restore_documents(stripped, lm_only)
        timing["lm_only_seconds"] = timing.get("lm_only_seconds", 0.0) + time.process_time() - t0
        timing["syllables"] = timing.get("syllables", 0) + sum(len(l.split()) for l in stripped)
        timing["seconds"] = timing.get("seconds", 0.0) + dt
        timing["chars"] = timing.get("chars", 0) + sum(map(len, stripped))
        cells = [name, None]
        for hyp, strict in ((stripped, False), (ours, False), (ours, True), (plain, False)):
            ok, total = syllable_accuracy(truth, hyp, strict=strict)
            cells[1] = f"{total:,}"
            cells.append(f"{100 * ok / total:.2f}%")
        if vi is not None:
            t0 = time.process_time()
            theirs = pyvi_restore(vi, "\n".join(stripped)).split("\n")
            timing["pyvi_seconds"] = timing.get("pyvi_seconds", 0.0) + time.process_time() - t0
            ok, total = syllable_accuracy(truth, theirs)
            cells.append(f"{100 * ok / total:.2f}%")
        else:
            cells.append("skipped")
        table.add_row(*cells)
    return table


def old_ocr(vi) -> Table:
    from pipeline.restore import restore_text

    broken = (REPO_ROOT / "corpus" / "text" / SEED_BROKEN).read_text(encoding="utf-8")
    clean = (REPO_ROOT / "corpus" / "text" / SEED_CLEAN).read_text(encoding="utf-8").replace("*", " ")
    truth, raw = words(clean), words(broken)
    pairs = [(i, j) for i, j in align_pairs(truth, raw) if truth[i].isalpha()]
    outputs = {"raw OCR": raw, "vnreports": words(restore_text(broken))}
    if vi is not None:
        outputs["pyvi"] = words(pyvi_restore(vi, broken))
    table = Table(title=f"2. Old OCR seed 000 vs clean seed 003 (evaluation pair, not tuned on): {len(pairs)} aligned tokens")
    for col in ("output", "wrong", "accents missing", "wrong accent", "letters confused", "fixed: letters",
                "damaged: printed bare", "damaged: printed with marks"):
        table.add_column(col, justify="right" if col != "output" else "left")
    before = {i: error_class(truth[i], raw[j]) for i, j in pairs}
    for label, hyp in outputs.items():
        if len(hyp) != len(raw):
            table.add_row(label, f"token count changed ({len(hyp)} vs {len(raw)})", "", "", "", "", "", "")
            continue
        cls = Counter(error_class(truth[i], hyp[j]) for i, j in pairs)
        after = {i: error_class(truth[i], hyp[j]) for i, j in pairs}
        letters = [i for i in before if before[i] == "letters"]
        fixed = sum(after[i] == "correct" for i in letters)
        damaged = [j for i, j in pairs if before[i] == "correct" and after[i] != "correct"]
        # a right token printed without marks carries no evidence that it had none: changing it is an
        # ordinary restoration error; a right token printed with its marks should never change
        bare = sum(raw[j] == strip_diacritics(raw[j]) for j in damaged)
        n = len(pairs)
        wrong = n - cls["correct"]
        table.add_row(
            label, f"{100 * wrong / n:.1f}%", f"{100 * cls['accents_missing'] / n:.1f}%",
            f"{100 * cls['wrong_accent'] / n:.1f}%", f"{100 * cls['letters'] / n:.1f}%",
            f"{fixed}/{len(letters)}" + (f" ({100 * fixed / len(letters):.0f}%)" if letters else ""),
            f"{bare}", f"{len(damaged) - bare}",
        )
    return table


def find_scans(root: Path) -> list[tuple[Path, Path]]:
    """(scan, ground truth) pairs: ``<root>/<level>/<stem>.pdf`` beside ``<stem>.gt.txt``."""
    pairs = [(p, p.parent / f"{p.stem}.gt.txt") for p in sorted(root.glob("*/*.pdf"))]
    return [(p, gt) for p, gt in pairs if gt.exists()]


def ocr_pdf(path: Path, lang: str) -> str:
    return render.ocr_pdf(path, lang)


def render_sample(root: Path, pages: int = 2, lines_per_page: int = 28) -> None:
    """Write ``root/sample/admin_NN.pdf`` + ``.gt.txt``: held-out admin_eval lines (from its end,
    away from section 1's text) typeset in Liberation Serif 12 pt, for section 3 when no scans exist."""
    from fpdf import FPDF

    path = shared_dir() / "corpus" / "admin_eval.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = [nfc(l.strip()) for l in fh if 30 < len(l.strip()) < 200]
    font = render.font_path()
    (root / "sample").mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        chunk = lines[-(n + 1) * lines_per_page:][:lines_per_page]
        pdf = FPDF()
        pdf.add_page()
        pdf.add_font("serif", fname=str(font))
        pdf.set_font("serif", size=12)
        for line in chunk:
            pdf.multi_cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.output(str(root / "sample" / f"admin_{n + 1:02d}.pdf"))
        (root / "sample" / f"admin_{n + 1:02d}.gt.txt").write_text("\n".join(chunk), encoding="utf-8")


def cer(truth: str, hyp: str) -> float:
    from rapidfuzz.distance import Levenshtein

    t, h = " ".join(truth.split()), " ".join(hyp.split())
    return Levenshtein.distance(t, h) / max(1, len(t))


def scans(root: Path, limit: int) -> Table | str:
    from pipeline.restore import restore_text

    found = find_scans(root)[:limit]
    if not found:
        return f"3. No sample scans with ground truth under {root}/<level>/<stem>.pdf: section skipped."
    table = Table(title=f"3. Sample scans ({len(found)} under {root}): CER before -> after restoration")
    for col in ("scan", "eng before", "eng after", "vie before", "vie after", "vie after*"):
        table.add_column(col, justify="right" if col != "scan" else "left")
    for pdf, gt in found:
        truth = nfc(gt.read_text(encoding="utf-8"))
        row = [f"{pdf.parent.name}/{pdf.stem}"]
        for lang in ("eng", "vie"):
            text = nfc(ocr_pdf(pdf, lang))
            restored = restore_text(text)
            row += [f"{100 * cer(truth, text):.1f}%", f"{100 * cer(truth, restored):.1f}%"]
        # the reference in restoration's own spelling: acronyms with Đ, one tone placement
        row.append(f"{100 * cer(in_convention(truth), restored):.1f}%")
        table.add_row(*row)
    table.caption = ("vie after*: against the reference written as restoration writes (VĐHMTN for the "
                     "document's own VDHMTN, one tone placement)")
    return table


def speed(timing: dict, vi_load: float) -> Table:
    import numpy as np

    from pipeline.restore import load_restorer

    from pipeline.restore.lexicon import default_lexicon

    default_lexicon.cache_clear()  # load everything from disk, as a new process does
    t0 = time.process_time()
    r = load_restorer()
    load = time.process_time() - t0
    nbytes = sum(a.nbytes for a in vars(r.lm).values() if isinstance(a, np.ndarray))
    table = Table(title="4. Speed: CPU seconds of this process (one core), section 1 text")
    for col in ("system", "load s", "syllables/s", "ms per 1,000 chars", "model arrays MB"):
        table.add_column(col, justify="right" if col != "system" else "left")
    if r.neural is not None:
        nbytes += sum(a.nbytes for a in (r.neural.emb, r.neural.out_w, *r.neural.fwd, *r.neural.bwd))
    if timing.get("seconds"):
        table.add_row("vnreports, every scorer on" + (" (LM + BiGRU + lexicon + cache)" if r.neural is not None else ""),
                      f"{load:.2f}",
                      f"{timing['syllables'] / timing['seconds']:,.0f}",
                      f"{1000 * timing['seconds'] / timing['chars'] * 1000:.1f}", f"{nbytes / 1e6:.1f}")
    if timing.get("lm_only_seconds") and r.neural is not None:
        table.add_row("vnreports, LM only (no adaptation, no BiGRU)", "", f"{timing['syllables'] / timing['lm_only_seconds']:,.0f}",
                      f"{1000 * timing['lm_only_seconds'] / timing['chars'] * 1000:.1f}", "")
    if timing.get("pyvi_seconds"):
        table.add_row("pyvi", f"{vi_load:.2f}", f"{timing['syllables'] / timing['pyvi_seconds']:,.0f}",
                      f"{1000 * timing['pyvi_seconds'] / timing['chars'] * 1000:.1f}", "")
    return table


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench restore", description=__doc__)
    ap.add_argument("--max-syllables", type=int, default=40000, help="per evaluation file")
    ap.add_argument("--scans", type=Path, default=REPO_ROOT / "corpus" / "scans")
    ap.add_argument("--max-scans", type=int, default=4)
    ap.add_argument("--no-pyvi", action="store_true")
    ap.add_argument("--render-sample", action="store_true",
                    help="first typeset 2 pages of held-out admin_eval text under --scans/sample/")
    args = ap.parse_args(argv)
    if args.render_sample:
        render_sample(args.scans)
    vi, vi_load = (None, 0.0) if args.no_pyvi else _pyvi()
    timing: dict = {}
    from pipeline.restore import load_restorer

    console.print(devset(vi, load_restorer(), load_restorer(neural=False, adapt=False)))
    console.print(held_out(vi, args.max_syllables, timing))
    console.print(old_ocr(vi))
    console.print(scans(args.scans, args.max_scans))
    console.print(speed(timing, vi_load))
    console.print("reproduce: vnreports bench restore " + shlex.join(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
