"""Reported numbers as ranges, so that exact and approximate values are checked the same way.

``gần 1.000`` is not an error when its parts are ``trên 400`` and ``trên 500``: both sides are ranges
and a claim is consistent with its parts when the two ranges meet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.model import Figure

EPS = 1e-9
APPROX_SPREAD = 0.1  # default width of an "approx" value whose bounds the extractor did not give
APPROX_FINE_SPREAD = 0.01  # the same for an approximate value written to three significant digits or more


@dataclass(frozen=True)
class Quantity:
    """A value known to lie in [lo, hi]; ``nominal`` is the number as printed (or the plain sum)."""

    lo: float
    hi: float
    nominal: float
    qualifier: str = "exact"  # exact | approx | over | under | range (a sum of inexact values)
    percent: bool = False

    @classmethod
    def exact(cls, value: float, *, percent: bool = False) -> "Quantity":
        return cls(value, value, value, "exact", percent)

    def negated(self) -> "Quantity":
        """What is taken away (a balance's outflow): the same range below zero."""
        return Quantity(-self.hi, -self.lo, -self.nominal, self.qualifier, self.percent)

    @property
    def is_exact(self) -> bool:
        return self.qualifier == "exact"


def numeric_value(fig: Figure) -> float | None:
    """A figure's number as a sum counts it: an amount each of several items had (``times``) that many times."""
    v = fig.value
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (isinstance(v, float) and math.isnan(v)):
        return None
    times = fig.attrs.get("times")
    return float(v) * times if isinstance(times, int) and not is_percent(fig.kind) else float(v)


def is_percent(kind: str) -> bool:
    """Whether a figure kind's value is a percent (its declaration says)."""
    from pipeline import families  # noqa: F401  (registers the families' kinds)
    from pipeline.kinds import KINDS

    spec = KINDS.get(kind)
    return bool(spec and spec.percent)


def approx_spread(v: float) -> float:
    """How far an approximate value may stand from the one it rounds: a round one (two significant digits or fewer:
    ``khoảng 2.500 người``, ``khoảng 40 tỷ``) by ``APPROX_SPREAD``; one written to more digits (``khoảng 38,6 tỷ
    đồng``, ``khoảng 1.245 người``) is exact to its last digits, by ``APPROX_FINE_SPREAD``."""
    digits = f"{abs(v):.6g}".replace(".", "").lstrip("0").rstrip("0").split("e")[0]
    return APPROX_SPREAD if len(digits) <= 2 else APPROX_FINE_SPREAD


def from_figure(fig: Figure) -> Quantity | None:
    """The range a figure stands for; None when it has no usable number."""
    v = numeric_value(fig)
    if v is None or fig.qualifier == "unknown":
        return None
    percent = is_percent(fig.kind)
    if fig.qualifier == "approx":
        spread = approx_spread(v)
        lo = fig.low if fig.low is not None else v * (1 - spread)
        hi = fig.high if fig.high is not None else v * (1 + spread)
        return Quantity(min(lo, v), max(hi, v), v, "approx", percent)
    if fig.qualifier == "over":
        lo = fig.low if fig.low is not None else v
        return Quantity(lo, fig.high if fig.high is not None else math.inf, v, "over", percent)
    if fig.qualifier == "under":
        return Quantity(fig.low if fig.low is not None else 0.0, fig.high if fig.high is not None else v, v, "under",
                        percent)
    if percent:
        return printed_percent(v, fig.span.raw if fig.span is not None else None)
    return Quantity.exact(v)


_WRITTEN_DECIMALS = re.compile(r"\d[,.](\d{1,2})\s*%?\W*$")


def printed_percent(v: float, written: str | None = None) -> Quantity:
    """A percent as printed, widened by its own rounding: ``134%`` covers 133.5 up to 135 (rounded or truncated);
    ``104,0`` as ``written`` keeps its zero decimal (104.0 up to 104.1, not 104 up to 105)."""
    exponent = Decimal(repr(v)).normalize().as_tuple().exponent
    decimals = max(0, -int(exponent)) if isinstance(exponent, int) else 0
    if written and (m := _WRITTEN_DECIMALS.search(written.strip())):
        decimals = max(decimals, len(m.group(1)))
    step = 10.0 ** -decimals
    return Quantity(v - step / 2, v + step, v, "exact", True)


def total(parts: list[Quantity]) -> Quantity:
    exact = all(p.is_exact for p in parts)
    return Quantity(
        sum(p.lo for p in parts),
        sum(p.hi for p in parts),
        sum(p.nominal for p in parts),
        "exact" if exact else "range",
    )


def percent_ratio(received: Quantity, quota: Quantity) -> Quantity | None:
    """100 * received / quota as a range; None when the quota may be zero."""
    if quota.lo <= 0 or quota.nominal <= 0:
        return None
    exact = received.is_exact and quota.is_exact
    return Quantity(
        100 * received.lo / quota.hi,
        100 * received.hi / quota.lo,
        100 * received.nominal / quota.nominal,
        "exact" if exact else "range",
        True,
    )


def compare(claimed: Quantity, computed: Quantity, relation: str = "eq") -> tuple[bool, float]:
    """Is the claim consistent with the computed value, and by how much does it differ?

    ``eq``: the ranges meet. ``le``: the claim can be at most the computed value (x of x/y). ``ge``: at least it.
    The difference is claimed - computed for exact values; for ranges, the gap between them (0 when they meet).
    """
    if relation == "le":
        consistent = claimed.lo <= computed.hi + EPS
    elif relation == "ge":  # the claim is at least the computed value (a total over the parts "trong đó" names)
        consistent = computed.lo <= claimed.hi + EPS
    elif relation == "eq":
        consistent = claimed.lo <= computed.hi + EPS and computed.lo <= claimed.hi + EPS
    else:
        raise ValueError(f"unknown relation {relation!r}")
    if claimed.is_exact and computed.is_exact:
        return consistent, claimed.nominal - computed.nominal
    if consistent:
        return True, 0.0
    return False, (claimed.lo - computed.hi) if claimed.lo > computed.hi else (claimed.hi - computed.lo)
