"""The links `quote_links` makes between a document's quotes, on claims built by hand (pure
logic), and the trailing attribution `layouts` reads where the parse missed it (real model)."""

from __future__ import annotations

from typing import Any

from pipeline.nlp.layouts import trailing_attribution
from pipeline.nlp.quote_links import link_quotes
from pipeline.records import Claim, Span


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(part, start, start + len(part))


def _quote(text: str, part: str, speaker: str | None = None, cue: str | None = None) -> Claim:
    content = _span(text, part)
    return Claim(
        kind="direct",
        content=content,
        sentence=content,
        speaker=_span(text, speaker) if speaker else None,
        cue=_span(text, cue) if cue else None,
    )


def _speakers(claims: list[Claim]) -> list[str | None]:
    return [c.speaker.text if c.speaker else None for c in claims]


def test_sentences_of_one_quote_before_its_attribution_are_the_speakers() -> None:
    text = "“The story is wrong. The mill is safe,” the statement from Harwell read."
    claims = [
        _quote(text, "The story is wrong"),
        _quote(text, "The mill is safe", "the statement from Harwell", "read"),
    ]
    linked = link_quotes(claims, text)
    assert _speakers(linked) == ["the statement from Harwell"] * 2
    assert [c.content.text for c in linked] == ["The story is wrong", "The mill is safe"]


def test_a_quote_closed_before_the_next_one_keeps_no_speaker() -> None:
    text = "“The story is wrong.” Readers wrote in. “The mill is safe,” Harwell said."
    claims = [
        _quote(text, "The story is wrong"),
        _quote(text, "The mill is safe", "Harwell", "said"),
    ]
    assert _speakers(link_quotes(claims, text)) == [None, "Harwell"]


def test_a_quote_reopened_in_the_next_paragraph_is_the_speakers() -> None:
    text = "“The story is wrong.\n\n“The mill is safe,” Harwell said."
    claims = [
        _quote(text, "The story is wrong"),
        _quote(text, "The mill is safe", "Harwell", "said"),
    ]
    assert _speakers(link_quotes(claims, text)) == ["Harwell", "Harwell"]
    closed = "“The story is wrong.”\n\n“The mill is safe,” Harwell said."
    claims = [
        _quote(closed, "The story is wrong"),
        _quote(closed, "The mill is safe", "Harwell", "said"),
    ]
    assert _speakers(link_quotes(claims, closed)) == [None, "Harwell"]


def test_a_written_work_reads_after_a_quote_and_nobody_else_does(nlp: Any) -> None:
    text = "“The mill is safe,” the statement from Harwell read."
    end = text.index("safe") + len("safe")
    found = trailing_attribution(nlp(text), end)
    assert found is not None
    assert (found[0].text, found[1].text) == ("the statement from Harwell", "read")
    other = "“The mill is safe,” the analysts read."
    assert trailing_attribution(nlp(other), other.index("safe") + len("safe")) is None
