"""Poverty rules: a stated rate against its households, the year's balance of poor households, a rate's change.

Registered with ``family="poverty"``: they apply to documents of the poverty family only.
"""

from __future__ import annotations

from typing import Iterator

from pipeline.audit.figures import of_kind, year_of
from pipeline.audit.quantities import Quantity, from_figure, percent_ratio, total
from pipeline.audit.registry import Check, rule
from pipeline.audit.rules import parts_check
from pipeline.model import Document, Figure
from pipeline.text import match_form, normalize_ws

FAMILY = "poverty"
RATES = (("poverty_rate", "poor_households"), ("near_poverty_rate", "near_poor_households"))


def _about(f: Figure):
    """The unit a figure is about (its words, as they compare), None for the report's own."""
    if not f.attrs.get("about"):
        return None
    return normalize_ws(match_form(str(f.attrs["about"])).lower())


def _prose(doc: Document, kind: str, year: int | None, about=None) -> list[Figure]:
    """Figures of a kind stated in the text (not read from a table, no part of another) for a year, of the report's
    own unit or of the unit ``about`` names."""
    return [f for f in of_kind(doc, kind) if "table" not in f.attrs and year_of(f) == year
            and not f.attrs.get("plan") and "part_of" not in f.attrs and _about(f) == about]


def _one(figs: list[Figure]) -> Figure | None:
    """The figure when the text gives one value (several different values: which one is meant is unknown)."""
    return figs[0] if figs and len({f.value for f in figs}) == 1 else None


@rule("poverty_rate_parts", code="P101", family=FAMILY,
      en="A stated poverty (near-poverty) rate equals poor (near-poor) households / households of the same year.",
      vi="Tỷ lệ hộ nghèo (cận nghèo) đã nêu bằng số hộ nghèo (cận nghèo) / tổng số hộ cùng năm.")
def poverty_rate_parts(doc: Document) -> Iterator[Check]:
    for rate_kind, part_kind in RATES:
        for rate in of_kind(doc, rate_kind):
            if "table" in rate.attrs:
                continue
            at = _about(rate)
            part, whole = _one(_prose(doc, part_kind, year_of(rate), at)), _one(_prose(doc, "households", year_of(rate), at))
            if part is None or whole is None:
                continue
            p, w = from_figure(part), from_figure(whole)
            yield Check(subject=f"{rate.label} {year_of(rate)}{_of(rate)} = {part.label} / households",
                        subject_vi=f"tỷ lệ năm {year_of(rate)} = hộ / tổng số hộ",
                        claimed=from_figure(rate), computed=percent_ratio(p, w) if p and w else None,
                        figures=[(doc.doc_id, f) for f in (rate, part, whole)], basis="rate", terms=[p, w])


@rule("poverty_balance", code="P102", family=FAMILY,
      en="Poor households at the end of a year equal those at the end of the year before, minus those that left "
         "poverty, plus those that fell back and the newly poor.",
      vi="Số hộ nghèo cuối năm bằng số hộ nghèo cuối năm trước trừ hộ thoát nghèo, cộng hộ tái nghèo và hộ nghèo "
         "phát sinh.")
def poverty_balance(doc: Document) -> Iterator[Check]:
    for out in of_kind(doc, "households_escaped"):
        if "part_of" in out.attrs:
            continue  # a part of the year's households out of poverty
        year, at = year_of(out), _about(out)
        end = _one(_prose(doc, "poor_households", year, at))
        start = _one(_prose(doc, "poor_households", (year or 0) - 1, at))
        ins = [f for k in ("households_fell_back", "households_new_poor") for f in of_kind(doc, k) if year_of(f) == year
               and "part_of" not in f.attrs and _about(f) == at]
        if end is None or start is None or year is None:
            continue
        terms = [from_figure(start), Quantity.exact(-float(out.value))] + [from_figure(f) for f in ins]
        yield Check(subject=f"poor households end {year}{_of(out)} = end {year - 1} - out + back + new",
                    subject_vi=f"hộ nghèo cuối năm {year}{_of(out)} = cuối năm {year - 1} - thoát nghèo + tái nghèo + "
                               "phát sinh",
                    claimed=from_figure(end), computed=total(terms),
                    figures=[(doc.doc_id, f) for f in [end, start, out, *ins]], basis="sum", terms=terms)


@rule("poverty_rate_change", code="P103", family=FAMILY, severity="warning",
      en="A stated fall of the poverty rate (percentage points) equals last year's rate minus this year's.",
      vi="Mức giảm tỷ lệ hộ nghèo đã nêu (điểm %) bằng tỷ lệ năm trước trừ tỷ lệ năm nay.")
def poverty_rate_change(doc: Document) -> Iterator[Check]:
    for change in of_kind(doc, "poverty_rate_change"):
        year = year_of(change)
        now = _one([f for f in of_kind(doc, "poverty_rate") if year_of(f) == year and "table" not in f.attrs])
        before = _one([f for f in of_kind(doc, "poverty_rate") if year is not None and year_of(f) == year - 1])
        if now is None or before is None:
            continue
        yield Check(
            subject=f"poverty rate change {year} = {year - 1} rate - {year} rate",
            subject_vi=f"mức giảm tỷ lệ hộ nghèo năm {year}", claimed=from_figure(change),
            computed=Quantity.exact(round(float(before.value) - float(now.value), 2)),
            figures=[(doc.doc_id, f) for f in (change, before, now)], basis="difference",
            terms=[Quantity.exact(float(before.value)), Quantity.exact(float(now.value))])


def _of(f: Figure) -> str:
    return f", {f.attrs['about']}" if f.attrs.get("about") else ""


@rule("poor_households_fall", code="P105", family=FAMILY,
      en="A stated fall of the poor households (giảm 64 hộ) equals those at the start of the year minus those at its "
         "end, for the report's unit or the commune it names (hộ nghèo đầu năm 421 hộ, cuối năm 357 hộ).",
      vi="Số hộ nghèo giảm đã nêu bằng số hộ nghèo đầu năm trừ cuối năm, của đơn vị báo cáo hoặc xã được nêu.")
def poor_households_fall(doc: Document) -> Iterator[Check]:
    for fall in of_kind(doc, "poor_households_fall"):
        year, at = year_of(fall), _about(fall)
        if year is None:
            continue
        end, start = _one(_prose(doc, "poor_households", year, at)), _one(_prose(doc, "poor_households", year - 1, at))
        if end is None or start is None:
            continue
        s_, e_ = from_figure(start), from_figure(end)
        yield Check(subject=f"fall of poor households {year}{_of(fall)} = start - end",
                    subject_vi=f"số hộ nghèo giảm năm {year}{_of(fall)} = đầu năm - cuối năm",
                    claimed=from_figure(fall), computed=total([s_, e_.negated()]),
                    figures=[(doc.doc_id, f) for f in (fall, start, end)], basis="difference", terms=[s_, e_])


@rule("households_breakdown", code="P104", family=FAMILY,
      en="A count of households equals the counts its sentence breaks it down into (820 hộ thoát nghèo, trong đó: "
         "510 hộ ...; 260 hộ ...; 40 hộ ...).",
      vi="Số hộ bằng tổng các phần được nêu chi tiết ngay sau nó (trong đó: ...).")
def households_breakdown(doc: Document) -> Iterator[Check]:
    for kind in ("households", "poor_households", "near_poor_households", "households_escaped",
                 "households_fell_back", "households_new_poor"):
        figs = of_kind(doc, kind)
        flows = of_kind(doc, "households_escaped", "households_fell_back", "households_new_poor")
        for claim in figs:
            parts = [f for f in (flows if claim in flows else figs) if f.attrs.get("part_of") == claim.id]
            if len(parts) >= 2:
                yield parts_check(doc, claim, parts, (f"{claim.label} = its breakdown", "số hộ = tổng các phần"))
