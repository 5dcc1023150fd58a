"""Amounts of one kind far apart ("thousands of shops" against "about 90 accounts"): how figures
are read, when two are a conflict, and the rule verdict on pairs in the project's own words."""

from __future__ import annotations

import math

import pytest

from pipeline.contradict.magnitudes import (
    amounts,
    comparison_finding,
    magnitude_conflict,
    magnitude_finding,
    overstated_finding,
)
from pipeline.contradict.rules import judge
from pipeline.records import Claim, Span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thousands of businesses lost card payments", [("people:1", 1000.0, math.inf)]),
        ("thousands of shops lost card payments", []),
        ("tens of thousands of subscribers", [("people:1", 10_000.0, math.inf)]),
        ("about 90 customer accounts were slowed", [("people:1", 72.0, 108.0)]),
        ("fewer than a dozen couriers were affected", [("people:2", 0.0, 12.0)]),
        ("at least 1,400 licensed drivers", [("people:2", 1400.0, math.inf)]),
        ("no more than 1,400 licensed drivers", [("people:2", 0.0, 1400.0)]),
        ("no fewer than 1,400 licensed drivers", [("people:2", 1400.0, math.inf)]),
        ("the fund lost £6 million", [("money:GBP", 6e6, 6e6)]),
        ("refunds came to less than €40,000", [("money:EUR", 0.0, 40_000.0)]),
        ("millions of dollars in hidden fees", [("money:USD", 1e6, math.inf)]),
        ("some 9,000 litres of fuel leaked", [("litre", 7200.0, 10_800.0)]),
        ("the line rang for twenty minutes", [("hour", 1 / 3, 1 / 3)]),
        ("an operator answered in under a minute", [("hour", 0.0, 1 / 60)]),
        ("complaints tripled last winter", [("change", 160.0, 240.0)]),
        ("complaints rose by less than 5 percent", [("change", 0.0, 5.0)]),
        ("the firm doubled down on its account", []),
        # a year is no figure, and what follows a preposition is not what a figure counts
        ("the club was set up in 2016 by parents of the pupils", []),
        ("the fees ran over six years", [("hour", 6 * 8760.0, 6 * 8760.0)]),
        ("a one-off error in the ledger", []),
    ],
)
def test_amounts(text: str, expected: list[tuple[str, float, float]]) -> None:
    found = [(a.kind, a.low, a.high) for a in amounts(text)]
    assert [(k, pytest.approx(lo), pytest.approx(hi)) for k, lo, hi in expected] == found


@pytest.mark.parametrize(
    ("a", "b", "far"),
    [
        ("thousands of shops lost card payments", "about 90 merchant accounts were slowed", False),
        (
            "thousands of customers lost card payments",
            "about 90 customer accounts were slowed",
            True,
        ),
        ("at least 1,400 drivers had records", "fewer than a dozen drivers had a record", True),
        ("some 9,000 litres of fuel leaked", "the spill came to around 200 litres", True),
        ("complaints tripled last winter", "complaints rose by less than 5 percent", True),
        ("the bill doubled", "bills showed no rise at all", True),
        # close figures, and figures of different kinds, are no conflict
        ("about 900 workers were laid off", "1,000 employees left the company", False),
        ("9,000 members signed the letter", "the app has 1.2 million pupils", False),
        ("£6 million was lost", "6,000 customers were hit", False),
    ],
)
def test_magnitude_conflict(a: str, b: str, far: bool) -> None:
    assert (magnitude_conflict(a, b) is not None) is far


def test_sums_of_money_need_a_shared_word_as_well_as_close_wording() -> None:
    names = frozenset({"halden"})
    takeover = "Halden agreed to be bought for $12 billion"
    price = "Halden's shares closed at $41.20 on the day"
    assert magnitude_finding(takeover, price, names, similarity=0.55) is None
    fees = "the bank took millions of pounds in fees from borrowers"
    refund = "the fees in question came to about 120,000 pounds"
    assert magnitude_finding(fees, refund, names, similarity=0.45) is not None
    assert magnitude_finding(fees, refund, names, similarity=0.2) is None


def test_rules_call_far_apart_amounts_a_contradiction() -> None:
    def claim(text: str) -> Claim:
        span = Span(text, 0, len(text))
        return Claim(kind="asserted", content=span, sentence=span, entities=("Halden",))

    verdict = judge(
        claim("thousands of Halden customers were left without heating for a week"),
        claim("Halden said about 140 households had a fault, all fixed within a day"),
        similarity=0.41,
    )
    assert (verdict.label, verdict.type) == ("contradicts", "quantity")
    assert "amounts far apart" in verdict.reason


def test_a_figure_called_overstated_against_the_figure_given() -> None:
    """ "Kestrel believes Vantor overstates its order book" against "the order book exceeds
    $2 billion": one side says the figure is too high, the other gives it. Not so where the
    overstating side measures the overstatement in the same kind of figure, or the figure is
    no sum or count, or the two share only one matter."""
    matter = frozenset({"order", "book"})
    said = "Kestrel believes Vantor significantly overstates its order book"
    given = "Vantor confirms that its order book exceeds $2 billion"
    finding = overstated_finding(said, given, matter)
    assert finding is not None and finding.evidence == ("overstates", "$2 billion")
    measured = "Vantor overstated its order book by about $300 million"
    assert overstated_finding(measured, given, matter) is None
    aged = "Vantor confirms that its order book has run for 3 months"
    assert overstated_finding(said, aged, matter) is None
    assert overstated_finding(said, given, frozenset({"book"})) is None
    misstated = "Kestrel misstated the size of Vantor's order book"
    assert overstated_finding(misstated, given, matter) is not None
    inflation = "inflation in the order book market hit 4%"
    assert overstated_finding(inflation, given, matter) is None


def test_a_thing_put_above_a_standard_against_below_it() -> None:
    """ "The kilns emit far more soot than the old boilers" against "the kilns give off less
    smoke than the boilers": one side puts it above the standard, the other below. A bound on a
    figure ("more than 60% of the heat") is no comparison, nor are two standards apart."""
    above = "the kilns emit far more soot than the old boilers in every town"
    below = "the kilns give off less smoke than the boilers they replaced"
    finding = comparison_finding(above, below)
    assert finding is not None and finding.evidence == ("more", "less")
    assert comparison_finding(above, "the kilns burn less coal than the ferries") is None
    assert comparison_finding(above, "the kilns emit more soot than the boilers") is None
    assert comparison_finding("the kilns supply more than 60% of the heat", below) is None


def test_a_level_put_above_a_norm_against_below_or_within_it() -> None:
    """ "Lead in the paint was 30 times higher than Ruritanian standards" against "our paints are
    below the Ruritanian criteria": the same norm, opposite sides of it. Two norms apart, or both
    on one side, are no finding."""
    above = "lead in the paint was 30 times higher than Ruritanian standards"
    below = "all tests show our paints are below the Ruritanian criteria"
    finding = comparison_finding(above, below)
    assert finding is not None and finding.evidence == ("higher than", "below")
    exceeded = comparison_finding("the residues exceeded the permitted levels", above)
    assert exceeded is None  # both above
    within = comparison_finding("the residues were within safe limits", "they broke safe limits")
    assert within is None  # "broke" is no level against the norm
    assert comparison_finding("residues exceeded safe limits", "residues are within safe limits")
    assert comparison_finding(above, "our paints are below the Vantor guidelines") is None
