"""A bare denial ("This is not true.") answers the claim right before it in its document."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.contradict.bare_denials import answered_before, denied_before, is_bare_denial
from pipeline.records import Claim, Span, Verdict


def _claim(cid: str, party: str, document: str, text: str, start: int) -> Claim:
    span = Span(text, start, start + len(text))
    return Claim("asserted", span, span, claim_id=cid, party=party, document_id=document)


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("This is not true", True),
        ("That is simply false.", True),
        ("This was incorrect", True),
        ("This is not true of our older plants", False),
        ("The report is false", False),
    ],
)
def test_a_bare_denial_is_a_verdict_and_nothing_else(text: str, bare: bool) -> None:
    assert is_bare_denial(_claim("c", "acme", "d", text, 0)) is bare


def test_a_bare_denial_contradicts_what_restates_the_claim_before_it() -> None:
    """ "Allegation one: Acme is a reckless lender. | This is not true.": the denial meets the
    report's restatement of the allegation, not its other claims nor a claim of its own side;
    a denial after a gap of more than a paragraph break denies nothing before it."""
    allegation = _claim("al", "acme", "d1", "Acme is a reckless lender", 0)
    denial = _claim("de", "acme", "d1", "This is not true", 28)
    far = _claim("far", "acme", "d1", "That is false", 200)
    restated = _claim("re", "paper", "d2", "Acme lends recklessly", 0)
    other = _claim("ot", "paper", "d2", "The branch opened in May", 30)
    vectors = {
        "al": np.array([1.0, 0.0], dtype=np.float32),
        "de": np.array([0.0, 1.0], dtype=np.float32),
        "far": np.array([0.0, 1.0], dtype=np.float32),
        "re": np.array([0.8, 0.6], dtype=np.float32),
        "ot": np.array([0.0, 1.0], dtype=np.float32),
    }
    claims = [allegation, denial, far, restated, other]
    denied = denied_before(claims)
    assert {d: c.claim_id for d, c in denied.items()} == {"de": "al"}
    unrelated = Verdict("unrelated", 0.9, "none", "no conflict found")
    pairs = [(restated, denial, 0.1), (other, denial, 0.1), (restated, far, 0.1)]
    got = answered_before([unrelated] * 3, pairs, denied, vectors)
    assert [(v.label, v.type) for v in got] == [
        ("contradicts", "denial"),
        ("unrelated", "none"),
        ("unrelated", "none"),
    ]
