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

FAMILY = "poverty"
RATES = (("poverty_rate", "poor_households"), ("near_poverty_rate", "near_poor_households"))


def _prose(doc: Document, kind: str, year: int | None) -> list[Figure]:
    """Figures of a kind stated in the text (not read from a table, no part of another) for a year."""
    return [f for f in of_kind(doc, kind) if "table" not in f.attrs and year_of(f) == year
            and not f.attrs.get("plan") and "part_of" not in f.attrs]


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
            part, whole = _one(_prose(doc, part_kind, year_of(rate))), _one(_prose(doc, "households", year_of(rate)))
            if part is None or whole is None:
                continue
            p, w = from_figure(part), from_figure(whole)
            yield Check(subject=f"{rate.label} {year_of(rate)} = {part.label} / households",
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
        year = year_of(out)
        end, start = _one(_prose(doc, "poor_households", year)), _one(_prose(doc, "poor_households", (year or 0) - 1))
        ins = [f for k in ("households_fell_back", "households_new_poor") for f in of_kind(doc, k) if year_of(f) == year
               and "part_of" not in f.attrs]
        if end is None or start is None or year is None:
            continue
        terms = [from_figure(start), Quantity.exact(-float(out.value))] + [from_figure(f) for f in ins]
        yield Check(subject=f"poor households end {year} = end {year - 1} - out + back + new",
                    subject_vi=f"hộ nghèo cuối năm {year} = cuối năm {year - 1} - thoát nghèo + tái nghèo + phát sinh",
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


@rule("households_breakdown", code="P104", family=FAMILY,
      en="A count of households equals the counts its sentence breaks it down into (820 hộ thoát nghèo, trong đó: "
         "510 hộ ...; 260 hộ ...; 40 hộ ...).",
      vi="Số hộ bằng tổng các phần được nêu chi tiết ngay sau nó (trong đó: ...).")
def households_breakdown(doc: Document) -> Iterator[Check]:
    for kind in ("households", "poor_households", "near_poor_households", "households_escaped",
                 "households_fell_back", "households_new_poor"):
        figs = of_kind(doc, kind)
        for claim in figs:
            parts = [f for f in figs if f.attrs.get("part_of") == claim.id]
            if len(parts) >= 2:
                yield parts_check(doc, claim, parts, (f"{claim.label} = its breakdown", "số hộ = tổng các phần"))
