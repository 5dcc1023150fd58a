"""Finding quotations in a paragraph: pure text scanning."""

from __future__ import annotations

import pytest

from pipeline.nlp.quotes import find_quotes


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("“We did nothing wrong,” she said.", ["We did nothing wrong,"]),
        ('He said: "The numbers are simply wrong here."', ["The numbers are simply wrong here."]),
        ("«Nous avons tout vérifié hier» a-t-il dit.", ["Nous avons tout vérifié hier"]),
        ("It was a “limited disruption” only.", []),  # a scare quote, not a quotation
        # an opening mark never closed quotes the rest of its paragraph (continued quotes)
        ("An unmatched “opening mark never ends here", ["opening mark never ends here"]),
        ('A straight "mark that cannot close and "a real quote here" ends.', ["a real quote here"]),
        ("''It's more tinkering,'' said one of them.", ["It's more tinkering,"]),
        (
            'One "two three four" and "five six seven eight".',
            ["two three four", "five six seven eight"],
        ),
        # a straight opening mark closed by a curly one, the quote running over two sentences
        (
            '"We checked every invoice. None of them was forged,” Halvard said.',
            ["We checked every invoice. None of them was forged,"],
        ),
        # a curly opening mark the page closed with a straight one
        (
            '“We stand by every line of the story," wrote the spokesperson by email.',
            ["We stand by every line of the story,"],
        ),
        # ... but a straight quote inside it does not close it
        (
            '“They called it "fake news" and then left for good',
            ['They called it "fake news" and then left for good'],
        ),
        # a space before a closing mark that cannot open a quote
        (
            '"We will say more on this in due course. " Halvard said.',
            ["We will say more on this in due course. "],
        ),
        ("", []),
    ],
)
def test_find_quotes(paragraph: str, expected: list[str]) -> None:
    assert [paragraph[s:e] for s, e in find_quotes(paragraph)] == expected


def test_odd_number_of_straight_quotes_does_not_swallow_text() -> None:
    paragraph = 'She said "this is quoted text" and then a stray " mark follows'
    spans = find_quotes(paragraph)
    assert [paragraph[s:e] for s, e in spans] == ["this is quoted text"]
