"""Attributed-claim extraction with the real spaCy model: a regression table of layouts."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.nlp.analyse import analyse_texts
from pipeline.nlp.claims import extract_claims

# (text, kind, speaker, cue, content, polarity) of the one claim expected.
CASES = [
    (
        "Kestrel said the outage lasted less than three hours.",
        "indirect",
        "Kestrel",
        "said",
        "the outage lasted less than three hours",
        "asserted",
    ),
    (
        "The outage lasted 13 hours, four people familiar with the matter said.",
        "indirect",
        "four people familiar with the matter",
        "said",
        "The outage lasted 13 hours",
        "asserted",
    ),
    (
        "The company denied that Wren caused the outage.",
        "indirect",
        "The company",
        "denied",
        "Wren caused the outage",
        "denied",
    ),
    (
        "According to the Ledger, the agent deleted the production environment.",
        "according_to",
        "the Ledger",
        "According to",
        "the agent deleted the production environment",
        "asserted",
    ),
    (
        "The agent deleted the production environment, according to internal emails.",
        "according_to",
        "internal emails",
        "according to",
        "The agent deleted the production environment",
        "asserted",
    ),
    (
        "“The agent was not the cause,” said Dana Whitlock, a spokesperson for Kestrel.",
        "direct",
        "Dana Whitlock, a spokesperson for Kestrel",
        "said",
        "The agent was not the cause",
        "denied",
    ),
    (
        "Whitlock said: “We received no complaints from customers about it.”",
        "direct",
        "Whitlock",
        "said",
        "We received no complaints from customers about it",
        "denied",
    ),
    (
        "Engineers allowed the agent to change production systems without review.",
        "asserted",
        None,
        None,
        "Engineers allowed the agent to change production systems without review",
        "asserted",
    ),
    (
        "The recall may have covered as many as 40,000 jars.",
        "asserted",
        None,
        None,
        "The recall may have covered as many as 40,000 jars",
        "asserted",
    ),
]


@pytest.mark.parametrize(("text", "kind", "speaker", "cue", "content", "polarity"), CASES)
def test_claim_layouts(
    nlp: Any,
    text: str,
    kind: str,
    speaker: str | None,
    cue: str | None,
    content: str,
    polarity: str,
) -> None:
    claims = extract_claims(nlp(text))
    assert len(claims) == 1, claims
    claim = claims[0]
    assert claim.kind == kind
    assert (claim.speaker.text if claim.speaker else None) == speaker
    assert (claim.cue.text if claim.cue else None) == cue
    assert claim.content.text == content
    assert claim.polarity == polarity


def test_hedged_claim(nlp: Any) -> None:
    (claim,) = extract_claims(nlp("The agent reportedly deleted the environment twice."))
    assert claim.hedged


def test_quote_and_cue_in_separate_sentences(nlp: Any) -> None:
    text = "“We fixed the role within an hour. Nobody lost any data,” the company said."
    claims = extract_claims(nlp(text))
    assert [c.kind for c in claims] == ["direct"]
    assert claims[0].content.text == "We fixed the role within an hour. Nobody lost any data"
    assert claims[0].speaker is not None and claims[0].speaker.text == "the company"


def test_questions_headings_and_bylines_are_not_claims(nlp: Any) -> None:
    for text in ("Who broke the billing console?", "Billing console outage", "By Mara Quill"):
        assert extract_claims(nlp(text)) == []


def test_offsets_point_into_the_document(nlp: Any) -> None:
    text = (
        "Billing outage\n\nKestrel said the outage lasted two hours.\n"
        "“It was user error,” said Dana Whitlock. The agent had full access, staff said."
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert len(analysis.claims) == 3
    for claim in analysis.claims:
        for span in (claim.content, claim.speaker, claim.cue, claim.sentence):
            if span is not None:
                assert text[span.start : span.end] == span.text
