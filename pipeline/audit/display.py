"""Printing rules and findings as rich tables (`vnreports audit`)."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.audit.engine import CORPUS_FINDINGS, findings_from_dicts, load_findings, sort_findings
from pipeline.audit.registry import registered
from pipeline.model import Finding

STATUS_STYLE = {"mismatch": "bold red", "unverifiable": "yellow", "ok": "green"}


def print_rules(console: Console | None = None) -> None:
    table = Table(title="Audit rules", show_lines=True)
    for col in ("code", "rule", "scope", "family", "severity", "checks (en / vi)"):
        table.add_column(col, overflow="fold")
    for r in registered():
        table.add_row(r.code, r.name, r.scope, r.family or "all", r.severity, f"{r.en}\n[dim]{r.vi}[/dim]")
    (console or Console()).print(table)


def read_findings(out_dir: Path) -> list[Finding]:
    """Findings of a run: those saved with each document (OUT/json/*.audit.json) and the cross-document ones."""
    folder = Path(out_dir) / "json"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder; run `vnreports run DIR -o {out_dir}` first")
    found: list[Finding] = []
    for path in sorted(folder.glob("*.audit.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found += findings_from_dicts(data.get("findings", []))
    corpus = folder / CORPUS_FINDINGS
    if corpus.exists():
        found += load_findings(corpus)
    return found


def _evidence(f: Finding) -> str:
    return "\n".join(f"p{s.page}:l{s.line} {(s.restored or s.raw)!r}" for s in f.evidence[:6]) + (
        f"\n… {len(f.evidence) - 6} more" if len(f.evidence) > 6 else ""
    )


def _num(x: float | None, *, signed: bool = False) -> str:
    if x is None:
        return ""
    sign = "+" if signed and x != 0 else ""
    return f"{x:{sign},.0f}" if float(x).is_integer() else f"{x:{sign},.1f}"


def print_findings(out_dir: Path, show_ok: bool = False, console: Console | None = None) -> int:
    """Print the findings in OUT as a table, mismatches first; 1 when any mismatch, 2 when OUT has none, else 0."""
    console = console or Console()
    try:
        findings = read_findings(Path(out_dir))
    except (FileNotFoundError, ValueError, json.JSONDecodeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        return 2
    shown = sort_findings([f for f in findings if show_ok or f.status != "ok"])
    counts = {s: sum(f.status == s for f in findings) for s in STATUS_STYLE}
    table = Table(title=f"Audit findings in {out_dir}", show_lines=True)
    for col in ("doc", "code", "status", "subject", "claimed", "computed", "diff", "message (en / vi)", "evidence"):
        table.add_column(col, overflow="fold")
    for f in shown:
        style = STATUS_STYLE.get(f.status, "")
        table.add_row(
            f.doc_id, f.code, f"[{style}]{f.status}[/{style}]", f.subject, _num(f.claimed), _num(f.computed),
            _num(f.difference, signed=True), f"{f.message_en}\n[dim]{f.message_vi}[/dim]", _evidence(f),
        )
    if shown:
        console.print(table)
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()) + ("" if show_ok else " (ok hidden; --all shows them)"))
    return 1 if counts["mismatch"] else 0
