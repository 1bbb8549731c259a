"""Link a written name to the unit(s) valid on a date: rapidfuzz retrieval, weighted re-scoring, thresholds.

Decision (thresholds calibrated with ``vnreports bench reconcile --calibrate``, see docs/reconcile.md):

* candidates are the units valid on the date, of the types the level word allows (any type without one);
* ``score`` = similarity of the name to the unit's short name (0..1, OCR confusions cheap), plus
  a bonus when the unit lies inside the document's own province (``PROVINCE_BONUS``) or district
  (``DISTRICT_BONUS``), less ``AWAY_PENALTY`` for a commune of another province in a district's report;
* ``matched`` when the best score reaches ``MATCH_MIN`` and beats every other unit by ``MARGIN``;
  ``ambiguous`` (with candidates) when it reaches the threshold but something else is as close;
  ``unmatched`` below the threshold: nothing is ever forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from pipeline.reconcile.gazetteer import Gazetteer, Unit
from pipeline.reconcile.variants import TYPE_LEVELS, fold, key, old_spellings, similarity
from pipeline.text import normalize_ws

MATCH_MIN = 0.90  # with a level word (calibrated: bench --calibrate, seed 1)
BARE_MIN = 0.90  # a name without a level word (only looked for among the units of the document's province)
SHORT_NAME = 6  # names this short (``Pà Cò``) need SHORT_EXTRA more: one letter is a large part of them
SHORT_EXTRA = 0.05
MARGIN = 0.04
EXACT_BONUS = 0.05  # written with every mark right: "Tam Đường" is not "Tam Dương" (the same without marks)
PROVINCE_BONUS = 0.05  # inside the document's own province
DISTRICT_BONUS = 0.10  # inside the document's own district: beats a same-name unit elsewhere in the province
AWAY_PENALTY = 0.10  # a commune of another province named in a district's report (OCR's "Lê Lai" for its Lê Lợi)
GLUED_PENALTY = 0.02  # a name read without its spaces is nearly as good as written
FOLD_PENALTY = 0.03  # a match found only through folding (p -> d ...) costs a little
RETRIEVE = 12  # distinct folded names re-scored per level
RETRIEVE_MIN = 60  # rapidfuzz ratio (0..100) of folded names below which nothing is re-scored


@dataclass
class Match:
    status: str  # matched | ambiguous | unmatched
    unit: Unit | None = None
    score: float = 0.0
    candidates: list[dict] = field(default_factory=list)


class _LevelIndex:
    """Folded names of the units of one level valid in one era."""

    def __init__(self, units: list[Unit]):
        self.by_fold: dict[str, list[Unit]] = {}
        for u in units:
            self.by_fold.setdefault(fold(u.short), []).append(u)
        self.folds = list(self.by_fold)


class Matcher:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._indexes: dict[tuple, _LevelIndex] = {}
        self._keys: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        self._last_context: tuple = (None, None, [])

    def index(self, day: str, level: str) -> _LevelIndex:
        """Folded names of one level on one day (built once per era of the gazetteer)."""
        era = (self.gaz.era(day), level)
        if era not in self._indexes:
            self._indexes[era] = _LevelIndex(self.gaz.units_on(day, level))
        return self._indexes[era]

    def _unit_keys(self, u: Unit) -> tuple[str, str, tuple[str, ...]]:
        """(key, fold, the name in lower case as written today and in old spellings), cached by name."""
        k = self._keys.get(u.short)
        if k is None:
            spelled = (u.short.lower(),) + tuple(o.lower() for o in old_spellings(u.short))
            k = self._keys[u.short] = (key(u.short), fold(u.short), spelled)
        return k

    def score(self, name: str, unit: Unit) -> float:
        qk, qf = key(name), fold(name)
        uk, uf, _ = self._unit_keys(unit)
        glued = 0.0
        if qk.count(" ") != uk.count(" "):  # OCR lost (or split at) a space: NẬMNHÙN; a space moved is no name
            glued = similarity(qk.replace(" ", ""), uk.replace(" ", "")) - GLUED_PENALTY  # ("Ì Tổng" is no "Ít Ong")
        return max(similarity(qk, uk), similarity(qf, uf) - FOLD_PENALTY, glued)

    def _context_units(self, context: dict[str, float], day: str) -> list[Unit]:
        last_context, last_day, units = self._last_context
        if last_context is not context or last_day != day:  # one document asks many times with one context
            units = [u for c in context if (u := self.gaz.get(c, day)) is not None]
            self._last_context = (context, day, units)
        return units

    def candidates(self, name: str, day: str, types: tuple[str, ...] = (), context: list[Unit] = ()) -> list[Unit]:
        """Units valid on ``day`` worth scoring: nearest folded names nationally, plus the context's units."""
        levels = sorted({lv for t in types for lv in TYPE_LEVELS.get(t, ())}) or ["province", "district", "commune"]
        qf = fold(name)
        found: dict[tuple, Unit] = {}
        for level in levels:
            idx = self.index(day, level)
            for f, _, _ in process.extract(qf, idx.folds, scorer=fuzz.ratio, limit=RETRIEVE,
                                             score_cutoff=RETRIEVE_MIN):
                for u in idx.by_fold[f]:
                    found[(u.code, u.valid_from)] = u
        near = [u for u in context if u.level in levels]
        if near:
            folds = [self._unit_keys(u)[1] for u in near]
            for _, _, i in process.extract(qf, folds, scorer=fuzz.ratio, limit=None, score_cutoff=RETRIEVE_MIN):
                found[(near[i].code, near[i].valid_from)] = near[i]
        return [u for u in found.values() if not types or u.type in types or _same_level_other_type(u, types)]

    def match(self, name: str, day: str, *, types: tuple[str, ...] = (), context: dict[str, float] | None = None,
              bare: bool = False) -> Match:
        """Best unit for ``name`` on ``day``.

        ``context``: code -> score bonus for the document's own units and everything under them
        (see ``context_bonus``); those units are always scored, whatever the national retrieval found.
        """
        if not key(name):
            return Match("unmatched")
        context = context or {}
        context_units = self._context_units(context, day)
        # a district's report names its own communes: one of another province must beat them by more
        home = {u.province_code for u in context_units if u.level == "province"} \
            if DISTRICT_BONUS in context.values() else set()
        scored = []
        written = normalize_ws(name).lower()
        for u in self.candidates(name, day, types, context_units):
            s = self.score(name, u)
            if types and u.type not in types:
                s -= 0.05  # right level, other type (a huyện that became a thị xã)
            if home and u.level == "commune" and u.province_code not in home:
                s -= AWAY_PENALTY
            bonus = context.get(u.code, 0.0) + (EXACT_BONUS if written in self._unit_keys(u)[2] else 0.0)
            scored.append((s + bonus, s, u))
        if not scored:
            return Match("unmatched")
        scored.sort(key=lambda t: (-t[0], _level_rank(t[2]) if bare else 0, t[2].code))
        best_total, best_sim, best = scored[0]
        floor = (BARE_MIN if bare else MATCH_MIN) + (SHORT_EXTRA if len(key(name)) <= SHORT_NAME else 0.0)
        shortlist = [t for t in scored if t[1] >= floor - 0.1][:6]
        cands = [{**u.as_dict(), "score": round(total, 3)} for total, _, u in shortlist]
        if best_sim < floor:
            return Match("unmatched", score=round(best_total, 3), candidates=cands[:3])
        rivals = [t for t in scored[1:] if t[2].code != best.code and not _nested(t[2], best, bare)]
        if rivals and best_total - rivals[0][0] < MARGIN:
            return Match("ambiguous", score=round(best_total, 3), candidates=cands)
        return Match("matched", best, round(min(best_total, 1.0), 3), cands)


def _same_level_other_type(u: Unit, types: tuple[str, ...]) -> bool:
    return any(u.level in TYPE_LEVELS.get(t, ()) for t in types)


def _level_rank(u: Unit) -> int:
    return {"province": 0, "district": 1, "commune": 2}[u.level]


def _nested(rival: Unit, best: Unit, bare: bool) -> bool:
    """A bare 'Lai Châu' names the province, not its same-named city: the lower unit is no rival."""
    return bare and rival.province_code == best.province_code and _level_rank(rival) > _level_rank(best)


def context_bonus(gaz: Gazetteer, day: str, province: str | None, district: str | None = None) -> dict[str, float]:
    """code -> bonus: the document's province and all its units, more for its own district and communes."""
    out: dict[str, float] = {}
    if province and gaz.get(province, day):
        out[province] = PROVINCE_BONUS
        out.update({u.code: PROVINCE_BONUS for u in gaz.children(province, day)})
    if district and gaz.get(district, day):
        out[district] = DISTRICT_BONUS
        out.update({u.code: DISTRICT_BONUS for u in gaz.children(district, day)})
    return out
