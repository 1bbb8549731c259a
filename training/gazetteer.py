"""Derive the historical gazetteer (``pipeline/reconcile/data/units.csv`` + ``successors.csv``).

    python -m training.gazetteer [SOURCE_DIR]     # the same as `vnreports gazetteer build`

Inputs (``../shared/gazetteer`` by default): four GSO snapshots of every commune-level unit
(``Xa_YYYY-MM-DD.csv``) and the official old-to-new table of the 2025-07-01 reform.

Output rows are *unit versions*: a unit keeps one version while its code, type, name and parent
stay the same in consecutive snapshots; any change opens a new version. Validity dates between
snapshots are inferred as described in ``gazetteer/README.md``: a state seen in a snapshot holds
until the day before the next snapshot that shows a different state. Every pre-reform version
still alive on 2025-06-30 is closed that day; the post-reform provinces and communes start on
2025-07-01, and ``successors.csv`` links each pre-reform unit to the post-reform unit(s) it went into.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pipeline.reconcile.gazetteer import PRE_REFORM_END, REFORM_DATE, TABLE_DIR
from pipeline.text import nfc, normalize_ws, skeleton
from training.common import shared_dir

UNIT_FIELDS = (
    "code", "level", "type", "name", "short", "parent_code", "province_code",
    "valid_from", "valid_to", "first_seen", "last_seen",
)
SUCCESSOR_FIELDS = ("old_code", "old_level", "new_code", "new_level", "new_name", "merge", "new_valid_from")
SNAPSHOT = re.compile(r"Xa_(\d{4}-\d{2}-\d{2})\.csv$")
CODED = re.compile(r"^(.*?)\s*\((\d+)\)\s*$")  # "Tỉnh Lai Châu (12)"

# Unit types, longest first so that "Thành phố" wins over a bare word.
TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")


def default_source() -> Path:
    return shared_dir() / "gazetteer"


def default_target() -> Path:
    return TABLE_DIR


def split_type(name: str) -> tuple[str, str]:
    """'Huyện Tam Đường' -> ('Huyện', 'Tam Đường'); names without a type word -> ('', name)."""
    low, sk = name.lower(), skeleton(name)
    for t in TYPES:  # the lists write "Thị Xã Buôn Hồ" as well as "Thị xã"
        if low.startswith(t.lower() + " ") or low == t.lower():
            return t, name[len(t):].strip()
    for t in TYPES:  # and, once, "Xa Ea Kly" without its marks
        if sk.startswith(skeleton(t) + " "):
            return t, name[len(t):].strip()
    return "", name


def clean_name(name: str) -> str:
    return normalize_ws(nfc(name))


@dataclass
class State:
    """What one snapshot says about one unit."""

    code: str
    level: str
    name: str
    parent_code: str
    province_code: str

    def key(self) -> tuple:
        # Spelling of tone marks (Hoà / Hòa) is not a change of the unit.
        return self.level, skeleton(self.name), self.parent_code


def read_snapshot(path: Path) -> dict[str, State]:
    """All provinces, districts and communes of one GSO list, keyed by code."""
    states: dict[str, State] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if not header or len(header) < 7:
            raise ValueError(f"{path.name}: not a GSO commune list (header {header!r})")
        for row in reader:
            if len(row) < 7 or not row[1].strip():
                continue
            pname, pcode, dname, dcode, cname, ccode = (clean_name(c) for c in row[:6])
            states.setdefault(pcode, State(pcode, "province", pname, "", pcode))
            states.setdefault(dcode, State(dcode, "district", dname, pcode, pcode))
            if ccode:
                states[ccode] = State(ccode, "commune", cname, dcode, pcode)
    return states


def snapshots(source: Path) -> list[tuple[str, Path]]:
    found = sorted((m.group(1), p) for p in source.glob("Xa_*.csv") if (m := SNAPSHOT.search(p.name)))
    if not found:
        raise FileNotFoundError(f"{source}: no GSO snapshot Xa_YYYY-MM-DD.csv")
    return found


def day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def unit_versions(snaps: list[tuple[str, dict[str, State]]]) -> list[dict]:
    """Collapse per-snapshot states into versions with inferred validity intervals."""
    dates = [d for d, _ in snaps]
    codes = sorted({c for _, states in snaps for c in states})
    rows = []
    for code in codes:
        current: dict | None = None
        for i, (d, states) in enumerate(snaps):
            st = states.get(code)
            if current is not None and (st is None or st.key() != current["_key"]):
                current["valid_to"] = day_before(d)
                rows.append(current)
                current = None
            if st is None:
                continue
            if current is None:
                typ, short = split_type(st.name)
                current = {
                    "_key": st.key(), "code": code, "level": st.level, "type": typ, "name": st.name,
                    "short": short, "parent_code": st.parent_code, "province_code": st.province_code,
                    # present in the first list: its start is unknown (open)
                    "valid_from": "" if i == 0 else d, "valid_to": "", "first_seen": d,
                }
            else:  # same unit, possibly a newer spelling of the same name
                typ, short = split_type(st.name)
                current.update(name=st.name, type=typ, short=short)
            current["last_seen"] = d
        if current is not None:
            current["valid_to"] = PRE_REFORM_END
            rows.append(current)
    assert dates == sorted(dates)
    for r in rows:
        r.pop("_key")
    return rows


def read_reform_table(path: Path) -> list[dict]:
    """Rows of the old-to-new table: new province/commune <- old commune, with the merge note."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 8 or not row[2].strip().isdigit():
                continue  # title rows, the two header rows, province section rows
            m = CODED.match(clean_name(row[0]))
            if not m:
                raise ValueError(f"{path.name}: cannot read the new province in {row[:3]!r}")
            old_d = CODED.match(clean_name(row[6]))
            out.append({
                "new_province": m.group(1), "new_province_code": m.group(2),
                "new_name": clean_name(row[1]), "new_code": row[2].strip(),
                "old_name": clean_name(row[3]), "old_code": row[4].strip(),
                "note": normalize_ws(row[5]), "old_district_code": old_d.group(2) if old_d else "",
                "old_district": old_d.group(1) if old_d else "",
            })
    if not out:
        raise ValueError(f"{path.name}: no rows of the old-to-new table")
    return out


def merge_kind(note: str) -> str:
    s = skeleton(note)
    if "mot phan" in s:
        return "partial"
    return "whole"  # nhập toàn bộ, giữ nguyên, đổi tên, đổi loại hình, sắp xếp toàn bộ huyện


def reform_units(table: list[dict]) -> list[dict]:
    rows: dict[str, dict] = {}
    for r in table:
        pc = r["new_province_code"]
        if pc not in rows:
            typ, short = split_type(r["new_province"])
            rows[pc] = _new_row(pc, "province", r["new_province"], "", pc)
        if r["new_code"] not in rows:
            rows[r["new_code"]] = _new_row(r["new_code"], "commune", r["new_name"], pc, pc)
    return list(rows.values())


def _new_row(code: str, level: str, name: str, parent: str, province: str) -> dict:
    typ, short = split_type(name)
    return {
        "code": code, "level": level, "type": typ, "name": name, "short": short, "parent_code": parent,
        "province_code": province, "valid_from": REFORM_DATE, "valid_to": "", "first_seen": REFORM_DATE,
        "last_seen": REFORM_DATE,
    }


def successor_rows(table: list[dict], last: dict[str, State]) -> list[dict]:
    """Old commune -> new commune(s) straight from the table; districts and provinces rolled up."""
    new_names = {r["new_code"]: r["new_name"] for r in table}
    new_prov_names = {r["new_province_code"]: r["new_province"] for r in table}
    out: dict[tuple, dict] = {}
    parts_of_district: dict[str, set] = defaultdict(set)
    parts_of_province: dict[str, set] = defaultdict(set)
    for r in table:
        if not r["old_code"]:
            continue
        kind = merge_kind(r["note"])
        key = (r["old_code"], r["new_code"])
        if key in out and out[key]["merge"] == "whole":
            continue
        out[key] = {"old_code": r["old_code"], "old_level": "commune", "new_code": r["new_code"],
                    "new_level": "commune", "new_name": r["new_name"], "merge": kind, "new_valid_from": REFORM_DATE}
        st = last.get(r["old_code"])
        dcode = st.parent_code if st else r["old_district_code"]
        pcode = st.province_code if st else ""
        if dcode:
            parts_of_district[dcode].add(r["new_code"])
        if pcode:
            parts_of_province[pcode].add(r["new_province_code"])
    for r in table:  # districts without communes (island districts) went whole into one unit
        if not r["old_code"] and r["old_district_code"]:
            parts_of_district[r["old_district_code"]].add(r["new_code"])
    for dcode, news in parts_of_district.items():
        for n in sorted(news):
            out[(dcode, n)] = {"old_code": dcode, "old_level": "district", "new_code": n, "new_level": "commune",
                               "new_name": new_names[n], "merge": "whole" if len(news) == 1 else "partial",
                               "new_valid_from": REFORM_DATE}
    for pcode, news in parts_of_province.items():
        for n in sorted(news):
            out[(pcode, n)] = {"old_code": pcode, "old_level": "province", "new_code": n,
                               "new_level": "province", "new_name": new_prov_names[n],
                               "merge": "whole" if len(news) == 1 else "partial", "new_valid_from": REFORM_DATE}
    return sorted(out.values(), key=lambda r: (len(r["old_code"]), r["old_code"], r["new_code"]))


def interim_successors(versions: list[dict]) -> list[dict]:
    """Codes that vanished between two lists -> a unit of the same name and province that appeared then.

    The GSO lists say nothing about such changes (Xã Sùng Phài 03397 of Tam Đường ends with the 2020
    list; Xã Sùng Phài 03403 of Thành phố Lai Châu appears in the 2021 list): the link is inferred by
    name and marked ``merge=inferred``. A vanished code without a same-named newcomer gets no link.
    """
    last = {}
    for v in versions:
        last[v["code"]] = v
    starting = defaultdict(list)
    for v in versions:
        if v["valid_from"]:
            starting[(v["valid_from"], v["level"], v["province_code"], skeleton(v["short"]))].append(v)
    out = []
    for code, v in last.items():
        if v["valid_to"] == PRE_REFORM_END:
            continue
        nxt = (date.fromisoformat(v["valid_to"]) + timedelta(days=1)).isoformat()
        for n in starting.get((nxt, v["level"], v["province_code"], skeleton(v["short"])), []):
            if n["code"] != code:
                out.append({"old_code": code, "old_level": v["level"], "new_code": n["code"],
                            "new_level": n["level"], "new_name": n["name"], "merge": "inferred",
                            "new_valid_from": n["valid_from"]})
    return out


def build(source: Path) -> tuple[list[dict], list[dict]]:
    snaps = [(d, read_snapshot(p)) for d, p in snapshots(source)]
    reform = source / "old_to_new_2025-07-01.csv"
    if not reform.exists():
        raise FileNotFoundError(f"{reform}: the 2025 old-to-new table is missing")
    table = read_reform_table(reform)
    versions = unit_versions(snaps)
    units = versions + reform_units(table)
    units.sort(key=lambda r: (len(r["code"]), r["code"], r["valid_from"] or "0"))
    succ = interim_successors(versions) + successor_rows(table, snaps[-1][1])
    succ.sort(key=lambda r: (len(r["old_code"]), r["old_code"], r["new_valid_from"], r["new_code"]))
    return units, succ


def write_csv(path: Path, fields: tuple[str, ...], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(path)


def cross_check(units: list[dict]) -> list[str]:
    """Compare the pre-reform list on 2025-01-04 with the PyPI package vietnamadminunits (legacy table)."""
    try:
        from vietnamadminunits.database import query
    except ImportError:
        return ["vietnamadminunits is not installed: cross-check skipped"]
    theirs = {r["wardCode"]: r for r in query("SELECT DISTINCT wardCode, ward, districtCode FROM admin_units_legacy")
              if r["wardCode"]}
    ours = {u["code"]: u for u in units
            if u["level"] == "commune" and u["valid_to"] == PRE_REFORM_END and u["valid_from"] != REFORM_DATE}
    only_ours = sorted(set(ours) - set(theirs))
    only_theirs = sorted(set(theirs) - set(ours))
    other_parent = sorted(c for c in set(ours) & set(theirs)
                          if str(theirs[c]["districtCode"]).zfill(3) != ours[c]["parent_code"])
    other_name = sorted(c for c in set(ours) & set(theirs) if skeleton(ours[c]["short"]) not in
                        skeleton(str(theirs[c]["ward"])))
    return [
        f"communes alive on {PRE_REFORM_END}: ours {len(ours)}, vietnamadminunits {len(theirs)}",
        f"codes only in ours: {len(only_ours)} {only_ours[:5]}",
        f"codes only in vietnamadminunits: {len(only_theirs)} {only_theirs[:5]}",
        f"same code, other district: {len(other_parent)} {other_parent[:5]}",
        f"same code, other name: {len(other_name)} {other_name[:5]}",
    ]


def main(source: Path | None = None, target: Path | None = None) -> int:
    source = Path(source) if source else default_source()
    target = Path(target) if target else default_target()
    try:
        units, succ = build(source)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_csv(target / "units.csv", UNIT_FIELDS, units)
    write_csv(target / "successors.csv", SUCCESSOR_FIELDS, succ)
    by_level: dict[str, int] = defaultdict(int)
    for u in units:
        by_level[u["level"]] += 1
    print(f"wrote {target / 'units.csv'}: {len(units)} unit versions "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_level.items())))
    inferred = sum(r["merge"] == "inferred" for r in succ)
    print(f"wrote {target / 'successors.csv'}: {len(succ)} links ({inferred} inferred by name between lists)")
    for line in cross_check(units):
        print("cross-check: " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
