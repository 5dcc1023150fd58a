"""A contested point's heading in a reader's words (pipeline/report/labels.py), on points like
the demo's: the kind of conflict and what it is about, not the store's keywords."""

from __future__ import annotations

import pytest

from pipeline.report.labels import PointFacts, readable_label

NAMES = ("The Harbour Ledger", "Kestrel Cloud", "Orbis Motors", "Meridian Foods")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            PointFacts("report", "ledger, reporting, correct: whether the report is true",
                       "the paper stood by its reporting", "the Ledger to correct its story"),
            "whether the report is accurate",
        ),
        (
            PointFacts("quantity", "hour, lasted, outage: how many / how much",
                       "The outage lasted 13 hours", "the outage lasted less than three hours",
                       ("13 hours", "three hours")),
            "duration of the outage",
        ),
        (
            PointFacts("quantity", "14, crash, engaged: how many / how much",
                       "LaneGuard was engaged in 14 crashes last year",
                       "LaneGuard was engaged in only 2 of those 14 crashes",
                       ("14 crashes", "2 of those 14 crashes")),
            "number of crashes",
        ),
        (
            PointFacts("quantity", "warning, laboratory, jar: how many / how much",
                       "that Meridian recalled 40,000 jars", "The recall covered 12,000 jars",
                       ("40,000 jars", "12,000 jars")),
            "number of jars",
        ),
        (
            PointFacts("cause", "June, outage, caused: what caused it",
                       "that the outage was caused by Wren", "The outage was caused by a role",
                       ("Wren", "a role")),
            "cause of the outage",
        ),
        (
            PointFacts("date", "first, january, laboratory: when",
                       "the first positive test came back on January 9",
                       "Our laboratory recorded the first positive result on January 31",
                       ("January 9", "January 31")),
            "when the first positive test came back",
        ),
        (
            PointFacts("negation", "agent, environment, change: whether it happened",
                       "Rather than change the faulty setting, the agent concluded that the"
                       " quickest route was to tear down the whole environment",
                       "the agent made no changes to that environment on March 4",
                       ("no", "agent"), NAMES),
            "whether the agent made changes to that environment",
        ),
        (
            PointFacts("negation", "safety, testing, team: whether it happened",
                       "At the same time, Orbis cut its safety testing team by half",
                       "We have never cut the safety testing team, and it is bigger today",
                       ("never", "cut"), NAMES),
            "whether Orbis cut its safety testing team by half",
        ),
        (
            PointFacts("scope", "customer, invoice: how far it reached",
                       "thousands of customers were unable to view their invoices",
                       "Not a single customer contacted us", ("thousands", "Not a single")),
            "number of customers affected",
        ),
    ],
)  # fmt: skip
def test_readable_label(facts: PointFacts, expected: str) -> None:
    assert readable_label(facts) == expected


def test_a_label_falls_back_to_its_keywords_in_a_sentence() -> None:
    other = PointFacts("other", "production, engineer: opposite accounts", "with", "without")
    assert readable_label(other) == "opposite accounts: production and engineer"
    # nothing readable to make: the question alone, never an empty heading
    assert readable_label(PointFacts("cause", ": what caused it", "", "")) == "what caused it"
    assert readable_label(PointFacts("mystery", "", "", "")) == "disputed"


def test_a_long_claim_is_clipped() -> None:
    long = " ".join(["the agent made changes"] + ["and more"] * 10)
    label = readable_label(PointFacts("denial", "agent: whether it is true", long, long + " no"))
    assert label.startswith("whether the agent made changes") and label.endswith("\u2026")
    assert len(label.split()) == 13
