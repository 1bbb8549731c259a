"""Development set: figures by kind, planted inconsistencies found, false alarms, on text, scans and old OCR.

    vnreports bench devset [--variants text,eng,office,poor,fax] [--docs dev_01,dev_05] [--seeds] [-j N]

Runs the whole pipeline on the 12 documents of ``../shared/devset`` in each variant: the clean text (``text``), the
English-only OCR of the office scans as old archives hold it (``eng``), and the image-only scans at ``office`` /
``poor`` / ``fax`` level (OCR cached under ``outputs/cache``). Each variant is one corpus, so cross-document rules
see the pairs of the set. Scores, against the gold annotations (``dev_NN.gold.json``, schema v2):

* figures by kind: drives (date, participants, units received, quota, percent per drive), totals of the period,
  the plan (quota, number of drives), awards (counts by recipient type) and award totals, money amounts, table cells
  (meaning, row, value), table rows linked to their unit (GSO code), places (GSO codes of the mentions):
  precision / recall / F1;
* planted inconsistencies found with the right claimed and computed values, and false alarms (every other mismatch);
* ``--seeds``: the five seeds beside them (extraction F1 against tests/gold and their audit mismatches).

These are development figures: the pipeline was developed while looking at this set.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.context import Context, Settings
from pipeline.model import Document, RowKind
from pipeline.text import normalize_ws, skeleton
from training.common import REPO_ROOT, shared_dir

VARIANTS = ("text", "eng", "office", "poor", "fax")
CATEGORIES = ("drives", "totals", "plan", "awards", "money", "tables", "rows", "places")
# our rule names -> the gold's rule names (a rule may answer to several; the gold says which applies)
RULE_NAMES: dict[str, tuple[str, ...]] = {
    "units_sum_drives": ("total_units_received_eq_sum_of_drives",),
    "quota_sum_drives": ("total_units_quota_eq_sum_of_drives",),
    "participants_sum_drives": ("total_participants_eq_sum_of_drives",),
    "percent_of_plan": ("percent_eq_received_over_quota", "drive_percent_eq_received_over_quota"),
    "plan_quota_sum_drives": ("plan_quota_eq_sum_of_drives",),
    "awards_sum_issuers": ("awards_total_eq_sum_of_parts",),
    "awards_sum_levels": ("awards_total_eq_sum_of_parts",),
    "awards_listed": ("awards_count_eq_listed_items",),
    "awards_vs_list_table": ("awards_count_eq_listed_items",),
    "units_change": ("change_percent_eq_current_over_previous",),
    "participants_breakdown": ("participants_eq_sum_of_groups",),
    "units_over_quota": ("units_over_quota_eq_received_minus_quota",),
    "households_breakdown": ("households_eq_sum_of_parts",),
    "money_sum_parts": ("money_total_eq_sum_of_parts",),
    "money_rate_times_count": ("money_total_eq_sum_of_parts",),
    "money_breakdown": ("money_total_eq_sum_of_parts",),
    "money_subtotals": ("money_total_eq_sum_of_parts",),
    "written_product": ("money_total_eq_sum_of_parts",),
    "units_breakdown": ("quota_breakdown_sum_eq_subtotal",),
    "units_remainder": ("quota_subtotal_plus_remainder_eq_total",),
    "poverty_rate_parts": ("ratio_percent_eq_part_over_whole",),
    "poverty_balance": ("balance_end_eq_start_minus_out_plus_in",),
    "poverty_rate_change": ("difference_eq_current_minus_previous",),
    "table_row_ratio": ("table_row_percent_eq_received_over_quota", "table_row_rate_eq_part_over_whole"),
    "table_row_parts": ("table_row_parts_eq_row_total",),
    "table_column_sum": ("table_total_eq_column_sum",),
    "table_cumulative": ("table_cumulative_eq_previous_plus_row",),
    "screening_funnel": ("registered_eq_sum_of_steps",),
    "units_cumulative": ("cumulative_eq_previous_plus_period",),
    "table_row_product": ("amount_eq_quantity_times_price",),
    "table_total_vs_text": ("table_total_eq_narrative",),
    "plan_vs_actual_quota": ("cross_document_quota_eq_previous_plan",),
    "assigned_quota": ("cross_document_quota_eq_assigned_quota",),
    "table_row_vs_unit_report": ("cross_document_quota_eq_assigned_quota",),
    "coverage_within_total": ("committees_within_total",),
    "coverage_vs_gazetteer": ("committees_within_total",),
}
GOLD_FAMILY = {"hmtn": "blood", "giam_ngheo": "poverty"}  # the gold's family names -> ours
TIER = {"tỉnh": "province", "huyện": "district", "xã": "commune", "trung ương": "national", "các cấp": "all"}


# A table row is known by the gazetteer code of the unit it names where the gold gives one (by its words
# otherwise): a right value in the row of the right commune counts, whatever OCR did to the letters of the
# name (restoring the name is measured by `vnreports bench restore`). --rows-by-name keys every row by its words,
# as the bench did before 2026-11-29.
ROWS_BY_CODE = True


def devset_dir() -> Path:
    return shared_dir() / "devset"


# -- gold items ------------------------------------------------------------------------------------------
def _num(v):
    return round(float(v), 2) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


def _label(cells: list[str]) -> str:
    """A row's name for matching: its first cell holding letters, else its first cell."""
    for c in cells:
        if any(ch.isalpha() for ch in c):
            return skeleton(normalize_ws(c))
    return skeleton(normalize_ws(cells[0])) if cells else ""


def gold_items(g: dict) -> dict[str, Counter]:
    items: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    drive_fields = {"date": "date", "participants": "participants", "units_received": "received",
                    "units_quota": "quota", "percent": "percent"}
    for d in g.get("drives") or []:
        for src, name in drive_fields.items():
            if d.get(src) is not None:
                items["drives"][("drive", d["status"], d["drive_no"], name, _num(d[src]))] = 1
    plan = g.get("next_year_plan") or {}
    for d in plan.get("drives") or []:
        for src, name in (("date", "date"), ("quota", "quota")):
            if d.get(src) is not None:
                items["drives"][("drive", "planned", d["drive_no"], name, _num(d[src]))] = 1
    for k in ("quota", "drive_count"):
        if plan.get(k) is not None:
            items["plan"][("plan", k, _num(plan[k]))] = 1
    totals = g.get("totals") or {}
    for k in ("drive_count", "units_received", "units_quota", "percent", "participants"):
        if totals.get(k) is not None:
            items["totals"][("total", k, _num(totals[k]))] = 1
    for a in g.get("awards") or []:
        items["awards"][("award", a["recipient_type"], a["count"])] += 1
    for a in g.get("awards_totals") or []:
        items["awards"][("award_total", a["recipient_type"], a["count"])] += 1
    for m in g.get("money") or []:
        items["money"][("money", m["amount_vnd"])] = 1
    for t in g.get("tables") or []:
        meanings = [c["meaning"] for c in t["columns"]]
        rows = [(r["cells_as_written"], r.get("values") or {}, False) for r in t.get("rows") or []]
        if t.get("total_row"):
            rows.append((t["total_row"]["cells_as_written"], t["total_row"].get("values") or {}, True))
        codes = [r.get("code") for r in t.get("rows") or []] + [None]
        for (cells, values, is_total), code in zip(rows, codes):
            label = "total" if is_total else (f"#{code}" if code and ROWS_BY_CODE else _label(cells))
            for meaning, v in values.items():
                if meaning in meanings and meaning != "stt" and isinstance(v, (int, float)):
                    items["tables"][("cell", meaning, label, _num(v))] += 1
        for r in t.get("rows") or []:
            if r.get("code"):
                items["rows"][("row", "" if ROWS_BY_CODE else _label(r["cells_as_written"]), r["code"])] += 1
    for p in g.get("places") or []:
        if p.get("code"):
            items["places"][("place", p["code"])] = 1
    return items


# -- predicted items -------------------------------------------------------------------------------------
def predicted_items(doc: Document) -> dict[str, Counter]:
    items: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    year = doc.identity.report_year
    kind_field = {"drive_date": "date", "participants": "participants", "units_received": "received",
                  "units_quota": "quota", "percent_of_plan": "percent"}
    total_field = {"units_received": "units_received", "units_quota": "units_quota", "percent_of_plan": "percent",
                   "participants": "participants", "drive_count": "drive_count"}
    for f in doc.figures:
        a = f.attrs
        planned = bool(a.get("plan")) or a.get("status") == "planned"
        value = _num(f.value) if f.kind != "drive_date" else str(f.value)[:10]
        if f.kind in kind_field and a.get("drive_no") is not None:
            items["drives"][("drive", "planned" if planned else "held", a["drive_no"], kind_field[f.kind], value)] = 1
        elif (f.kind in total_field and a.get("drive_no") is None and "table" not in a and not a.get("about")
              and "part_of" not in a and a.get("what") != "remainder"):
            if planned and f.kind in ("units_quota", "drive_count"):
                items["plan"][("plan", "quota" if f.kind == "units_quota" else "drive_count", value)] = 1
            elif not planned and (a.get("year") in (None, year)):
                items["totals"][("total", total_field[f.kind], value)] = 1
        elif f.kind == "award_count" and a.get("recipient_type"):
            items["awards"][("award", a["recipient_type"], f.value)] += 1
        elif f.kind == "award_total" and a.get("recipient_type"):
            items["awards"][("award_total", a["recipient_type"], f.value)] += 1
        elif f.kind == "money":
            items["money"][("money", f.value)] = 1
    for t in doc.tables:
        for r in t.rows:
            if r.kind not in (RowKind.DATA, RowKind.TOTAL):
                continue
            # the row's name as the dataset gives it (its label), else its first cell of words
            name = _label([r.label] if r.label else [c.best for c in sorted(r.cells, key=lambda c: c.col)])
            label = "total" if r.kind == RowKind.TOTAL else name
            if ROWS_BY_CODE and r.kind == RowKind.DATA and r.place_code:
                label, name = f"#{r.place_code}", ""
            for c in r.cells:
                col = t.columns[c.col] if c.col < len(t.columns) else None
                if col is not None and col.meaning and col.meaning != "stt" and isinstance(c.value, (int, float)):
                    items["tables"][("cell", col.meaning, label, _num(c.value))] += 1
            if r.kind == RowKind.DATA and r.place_code:
                items["rows"][("row", name, r.place_code)] += 1
    for p in doc.places:
        if p.status == "matched" and p.code:
            items["places"][("place", p.code)] = 1
    return items


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, pred: Counter) -> None:
        both = gold & pred
        self.tp += sum(both.values())
        self.fp += sum((pred - gold).values())
        self.fn += sum((gold - pred).values())

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _planted_match(finding, planted: dict) -> bool:
    if planted["rule"] not in RULE_NAMES.get(finding.rule, ()):
        return False
    claimed, computed = finding.claimed, finding.computed
    return (claimed is not None and computed is not None
            and abs(claimed - planted["claimed"]) < 0.011 and abs(round(computed, 2) - planted["computed"]) < 0.011)


@dataclass
class DocResult:
    name: str
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    planted: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    error: str = ""
    family_right: bool | None = None


# -- running ---------------------------------------------------------------------------------------------
def input_path(name: str, variant: str) -> Path:
    root = devset_dir()
    if variant == "text":
        return root / f"{name}.txt"
    if variant == "eng":
        return root / "scans" / f"{name}_office.eng.txt"
    return root / "scans" / f"{name}_{variant}.pdf"


def run_variant(names: list[str], variant: str, jobs: int, cache_dir: Path) -> tuple[list[DocResult], float]:
    from pipeline import audit
    from pipeline.cache import DocCache
    from pipeline.runner import apply_stages, ocr_one

    ctx = Context(settings=Settings(jobs=jobs))
    cache = DocCache(cache_dir)
    docs, results, t0 = [], {}, time.perf_counter()
    for name in names:
        res = results[name] = DocResult(name)
        try:
            path = input_path(name, variant)
            doc = ocr_one(path, path.name, ctx, cache)
            doc.doc_id = name
            docs.append(apply_stages(doc, ctx))
        except Exception as exc:  # a bench reports a crash and goes on
            res.error = f"{type(exc).__name__}: {exc}"
    corpus_findings = audit.audit_corpus(docs)
    seconds = time.perf_counter() - t0
    for doc in docs:
        res = results[doc.doc_id]
        g = json.loads((devset_dir() / f"{doc.doc_id}.gold.json").read_text(encoding="utf-8"))
        gold, pred = gold_items(g), predicted_items(doc)
        want = GOLD_FAMILY.get((g.get("doc") or {}).get("family"))
        res.family_right = (doc.families[:1] == [want]) if want else (not doc.families)
        for c in CATEGORIES:
            res.scores[c].add(gold[c], pred[c])
        planted = list(g.get("planted_inconsistencies") or [])
        res.planted = len(planted)
        mismatches = [f for f in doc.findings + [f for f in corpus_findings if f.doc_id == doc.doc_id]
                      if f.status == "mismatch"]
        for p in planted:
            hit = next((f for f in mismatches if _planted_match(f, p)), None)
            (res.found if hit else res.missed).append(f"{p['rule']} {p['claimed']} vs {p['computed']}")
        for f in mismatches:
            if not any(_planted_match(f, p) for p in planted):
                res.false_alarms.append(f"{f.code} {f.rule}: {f.subject} ({f.claimed} vs {f.computed})")
    return [results[n] for n in names], seconds


def seeds_summary() -> str:
    """Extraction F1 on the raw seeds and the seeds' audit mismatches (they must not get worse)."""
    from bench.extract import TEXT_DIR, Score as ExtractScore, evaluate, load_gold
    from pipeline import audit
    from pipeline.ocr import ocr_file
    from pipeline.runner import apply_stages, doc_id_for

    results, _ = evaluate("raw", load_gold())
    total = ExtractScore()
    for r in results:
        total.add(r.overall)
    ctx = Context()
    docs = [apply_stages(ocr_file(p, doc_id=doc_id_for(p.name), rel_path=p.name), ctx)
            for p in sorted(TEXT_DIR.glob("*.txt"))]
    mism = [f for d in docs for f in d.findings if f.status == "mismatch"]
    mism += [f for f in audit.audit_corpus(docs) if f.status == "mismatch"]
    lines = [f"seeds: extraction F1 {total.f1:.1%} (P {total.precision:.1%}, R {total.recall:.1%}); "
             f"{len(mism)} audit mismatch(es):"]
    lines += [f"  {f.doc_id} {f.code} {f.rule}: {f.claimed} vs {f.computed}" for f in mism]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="vnreports bench devset", description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="text,eng", help=f"comma-separated, of {','.join(VARIANTS)}")
    ap.add_argument("--docs", default="", help="comma-separated document names (default: all dev_NN)")
    ap.add_argument("--seeds", action="store_true", help="also score the five seeds")
    ap.add_argument("--details", action="store_true", help="list missed planted checks and false alarms")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="OCR worker processes for the scans")
    ap.add_argument("--cache", type=Path, default=REPO_ROOT / "outputs" / "cache")
    ap.add_argument("--rows-by-name", action="store_true",
                    help="key table rows by their words, not by the unit code the gold gives (the older measure)")
    args = ap.parse_args(argv)
    global ROWS_BY_CODE
    ROWS_BY_CODE = not args.rows_by_name
    console = Console(width=None if Console().is_terminal else 160)
    if not devset_dir().exists():
        console.print(f"[red]no development set at {devset_dir()}[/red] (set VNREPORTS_SHARED)")
        return 2
    names = [n for n in args.docs.split(",") if n] or sorted(p.name[:-10] for p in devset_dir().glob("dev_*.gold.json"))
    variants = [v for v in args.variants.split(",") if v]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        console.print(f"[red]unknown variant(s) {sorted(unknown)}[/red]")
        return 2
    per_kind = Table(title="Figures by kind: F1 (precision / recall) — development figures")
    per_kind.add_column("variant")
    for c in CATEGORIES:
        per_kind.add_column(c, justify="right")
    per_kind.add_column("all", justify="right")
    per_kind.add_column("planted found", justify="right")
    per_kind.add_column("false alarms", justify="right")
    per_kind.add_column("family", justify="right")
    per_kind.add_column("s", justify="right")
    per_doc = Table(title="Per document: F1 / planted found / false alarms")
    per_doc.add_column("doc")
    for v in variants:
        per_doc.add_column(v, justify="right")
    cells: dict[str, list[str]] = defaultdict(list)
    details: list[str] = []
    for v in variants:
        results, seconds = run_variant(names, v, args.jobs, args.cache)
        totals = {c: Score() for c in CATEGORIES}
        overall = Score()
        for r in results:
            doc_all = Score()
            for c in CATEGORIES:
                s = r.scores[c]
                for t in (totals[c], overall, doc_all):
                    t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
            cells[r.name].append("error" if r.error else
                                 f"{doc_all.prf()[2]:.0%} {len(r.found)}/{r.planted} {len(r.false_alarms)}")
            details += [f"{v} {r.name} missed: {m}" for m in r.missed]
            details += [f"{v} {r.name} FALSE ALARM: {m}" for m in r.false_alarms]
            details += [f"{v} {r.name} ERROR: {r.error}"] if r.error else []
        row = [v]
        for c in CATEGORIES:
            p, rc, f1 = totals[c].prf()
            row.append(f"{f1:.0%} ({p:.0%}/{rc:.0%})")
        p, rc, f1 = overall.prf()
        row += [f"{f1:.1%} ({p:.0%}/{rc:.0%})", f"{sum(len(r.found) for r in results)}/{sum(r.planted for r in results)}",
                str(sum(len(r.false_alarms) for r in results)),
                f"{sum(bool(r.family_right) for r in results)}/{len(results)}", f"{seconds:.0f}"]
        per_kind.add_row(*row)
    for name in names:
        per_doc.add_row(name, *cells[name])
    console.print(per_kind)
    console.print(per_doc)
    if args.details:
        console.print("\n".join(details) or "nothing missed, no false alarm")
    if args.seeds:
        console.print(seeds_summary())
    cmd = "vnreports bench devset " + " ".join(argv if argv is not None else [])
    console.print(f"command: {cmd.strip()}")
    return 0
