"""Range arithmetic and number wording behind the findings."""

import math

import pytest
from audit_builders import fig

from pipeline.audit.messages import number, quantity
from pipeline.audit.quantities import Quantity, compare, from_figure, percent_ratio, printed_percent, total


def test_qualifiers_become_ranges():
    assert from_figure(fig("participants", 1000, qualifier="approx", high=1000)) == Quantity(900, 1000, 1000, "approx")
    over = from_figure(fig("participants", 400, qualifier="over", low=400))
    assert (over.lo, over.hi) == (400, math.inf)
    under = from_figure(fig("participants", 50, qualifier="under"))
    assert (under.lo, under.hi) == (0, 50)
    assert from_figure(fig("participants", 50, qualifier="unknown")) is None
    assert from_figure(fig("participants", "năm mươi")) is None
    assert from_figure(fig("participants", True)) is None


def test_sum_of_ranges_and_comparison():
    s = total([Quantity.exact(347), Quantity.exact(390)])
    assert s == Quantity.exact(737)
    assert compare(Quantity.exact(737), s) == (True, 0)
    assert compare(Quantity.exact(747), s) == (False, 10)
    r = total([Quantity(400, math.inf, 400, "over"), Quantity(500, math.inf, 500, "over")])
    assert (r.lo, r.hi, r.qualifier) == (900, math.inf, "range")
    assert compare(Quantity(900, 1000, 1000, "approx"), r) == (True, 0)
    assert compare(Quantity(700, 800, 800, "approx"), r) == (False, -100)
    assert compare(Quantity.exact(14), Quantity.exact(13), "le") == (False, 1)
    assert compare(Quantity.exact(286), Quantity.exact(140), "ge") == (True, 146)  # a total over some of its parts
    assert compare(Quantity.exact(100), Quantity.exact(140), "ge")[0] is False
    with pytest.raises(ValueError):
        compare(Quantity.exact(1), Quantity.exact(1), "gt")


@pytest.mark.parametrize("printed, received, quota, ok", [
    (134.0, 737, 550, True), (122.0, 671, 550, True), (115.0, 346, 300, True), (115.3, 346, 300, True),
    (116.0, 346, 300, False), (114.0, 346, 300, False), (139.0, 347, 250, True), (12.5, 1, 8, True),
])
def test_percent_rounding(printed, received, quota, ok):
    consistent, _ = compare(printed_percent(printed), percent_ratio(Quantity.exact(received), Quantity.exact(quota)))
    assert consistent is ok


def test_zero_quota_gives_no_ratio():
    assert percent_ratio(Quantity.exact(5), Quantity.exact(0)) is None


def test_number_wording_per_language():
    assert number(146_530_000, "vi") == "146.530.000" and number(146_530_000, "en") == "146,530,000"
    assert number(134.5, "vi") == "134,5"
    assert quantity(Quantity(900, math.inf, 900, "range"), "vi") == "trên 900"
    assert quantity(Quantity(900, 1000, 1000, "approx"), "vi") == "gần 1.000"
    assert quantity(Quantity(900, 1100, 1000, "range"), "en") == "900–1,100"
    assert quantity(printed_percent(134.0), "en") == "134%"
