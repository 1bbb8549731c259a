"""The historical gazetteer: unit versions with validity intervals, queried on a date.

Loaded from ``data/units.csv`` and ``data/successors.csv`` beside this module, shipped in the package (built
by ``vnreports gazetteer build`` = ``python -m training.gazetteer``); the runtime needs nothing else.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


LEVELS = ("province", "district", "commune")
REFORM_DATE = "2025-07-01"  # districts abolished, communes merged
PRE_REFORM_END = "2025-06-30"
TABLE_DIR = Path(__file__).resolve().parent / "data"  # shipped in the package
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Unit:
    """One version of an administrative unit."""

    code: str
    level: str  # province | district | commune
    type: str  # Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc khu
    name: str  # full name: "Huyện Tam Đường"
    short: str  # without the type word: "Tam Đường"
    parent_code: str
    province_code: str
    valid_from: str  # ISO; "" = before the first list (open start)
    valid_to: str  # ISO, inclusive; "" = still valid

    def valid_on(self, day: str) -> bool:
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_to or day <= self.valid_to)

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "level": self.level, "parent_code": self.parent_code,
                "valid_from": self.valid_from or None, "valid_to": self.valid_to or None}


def check_date(day: str) -> str:
    if not isinstance(day, str) or not _ISO.match(day):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {day!r}")
    return day


class Gazetteer:
    """Unit versions of the whole country; every query takes the date it is asked for."""

    def __init__(self, units: list[Unit], successors: list[dict]):
        if not units:
            raise ValueError("empty gazetteer")
        self.units = units
        self._by_code: dict[str, list[Unit]] = defaultdict(list)
        self._children: dict[str, list[Unit]] = defaultdict(list)
        for u in units:
            self._by_code[u.code].append(u)
            if u.parent_code:
                self._children[u.parent_code].append(u)
        self._successors: dict[str, list[dict]] = defaultdict(list)
        for s in successors:
            self._successors[s["old_code"]].append(s)
        self._starts = sorted({u.valid_from for u in units if u.valid_from})
        self._ends = sorted({u.valid_to for u in units if u.valid_to})
        self._on_cache: dict[tuple, list[Unit]] = {}

    # -- loading --------------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path | None = None) -> "Gazetteer":
        folder = Path(folder) if folder else TABLE_DIR
        path = folder / "units.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path}: gazetteer table missing; run `vnreports gazetteer build`")
        with open(path, encoding="utf-8", newline="") as fh:
            units = [
                Unit(r["code"], r["level"], r["type"], r["name"], r["short"], r["parent_code"],
                     r["province_code"], r["valid_from"], r["valid_to"])
                for r in csv.DictReader(fh)
            ]
        succ_path = folder / "successors.csv"
        successors = []
        if succ_path.exists():
            with open(succ_path, encoding="utf-8", newline="") as fh:
                successors = list(csv.DictReader(fh))
        return cls(units, successors)

    # -- dates ------------------------------------------------------------------------------------
    @property
    def latest_date(self) -> str:
        return self._starts[-1]

    def era(self, day: str) -> tuple[int, int]:
        """Same key for two days <=> same set of valid units (versions started, versions ended before)."""
        return bisect_right(self._starts, day), bisect_left(self._ends, day)

    # -- queries ----------------------------------------------------------------------------------
    def units_on(self, day: str, level: str | None = None, parent: str | None = None) -> list[Unit]:
        """Units valid on ``day`` (ISO), optionally of one level and/or with one parent code."""
        check_date(day)
        if level is not None and level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; levels are {', '.join(LEVELS)}")
        pool = self._children.get(parent, []) if parent is not None else self._all_on(day)
        return [u for u in pool if u.valid_on(day) and (level is None or u.level == level)]

    def _all_on(self, day: str) -> list[Unit]:
        key = self.era(day)
        if key not in self._on_cache:
            self._on_cache[key] = [u for u in self.units if u.valid_on(day)]
        return self._on_cache[key]

    def get(self, code: str, day: str | None = None) -> Unit | None:
        """The version of ``code`` valid on ``day``; without a day, its latest version."""
        versions = self._by_code.get(str(code), [])
        if day is None:
            return versions[-1] if versions else None
        check_date(day)
        return next((u for u in versions if u.valid_on(day)), None)

    def versions(self, code: str) -> list[Unit]:
        return list(self._by_code.get(str(code), []))

    def children(self, code: str, day: str, level: str | None = None) -> list[Unit]:
        """Units under ``code`` on ``day`` at any depth (a province's communes via its districts)."""
        out, stack = [], [code]
        while stack:
            for u in self.units_on(day, parent=stack.pop()):
                if u.code == code:
                    continue
                out.append(u)
                stack.append(u.code)
        return [u for u in out if level is None or u.level == level]

    def children_count(self, code: str, day: str, level: str = "commune") -> int:
        return len(self.children(code, day, level))

    def successors(self, code: str) -> list[dict]:
        """Post-2025-07-01 unit(s) a pre-reform unit went into: code, name, level, merge (whole|partial).

        A code that vanished before 2025 is followed through the unit it was inferred to go into
        (``merge=inferred`` in successors.csv); the result then says ``via`` that code.
        """
        out, seen, todo = [], set(), [(str(code), None)]
        while todo:
            current, via = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            for s in self._successors.get(current, []):
                if s["merge"] == "inferred":
                    todo.append((s["new_code"], via or s["new_code"]))
                    continue
                row = {"code": s["new_code"], "name": s["new_name"], "level": s["new_level"], "merge": s["merge"]}
                out.append({**row, "via": via} if via else row)
        return out
