"""A Title Case headline the parser reads as one long name is read again in sentence case."""

from __future__ import annotations

from typing import Any

from pipeline.nlp.analyse import analyse_texts
from pipeline.nlp.headlines import is_headline, names_in, sentence_case

PAGE = (
    "Vantor Brothers Flout Tax Rules Getting Richer With Secret Barge Sales\n\n"
    "In May a unit of Vantor Industries sent an auditor to its yard in Gdansk. She found that "
    "the yard had sold two barges without a licence.\n"
)


def test_a_headline_is_one_title_case_line_of_five_words_or_more() -> None:
    assert is_headline("Vantor Brothers Flout Tax Rules Getting Richer With Secret Barge Sales")
    assert not is_headline("Vantor Dodges Tax")  # too short to be read as a claim
    assert not is_headline("Vantor brothers dodge tax with secret barge sales.")
    assert not is_headline("What We Know About The Barge Sales:")


def test_sentence_case_keeps_the_first_word_acronyms_and_the_page_s_names() -> None:
    names = names_in(PAGE)
    assert "Vantor" in names and "Gdansk" in names and "Brothers" not in names
    line = PAGE.splitlines()[0]
    assert sentence_case(line, names) == (
        "Vantor brothers flout tax rules getting richer with secret barge sales"
    )
    assert sentence_case("Acme Hid The USB Keys From NASA Staff", frozenset()) == (
        "Acme hid the USB keys from NASA staff"
    )


def test_a_headline_the_parser_misses_is_a_claim_in_the_page_s_words(nlp: Any) -> None:
    (analysis,) = analyse_texts(nlp, [PAGE])
    first = analysis.claims[0]
    assert (first.kind, first.speaker) == ("asserted", None)
    assert first.text == "Vantor Brothers Flout Tax Rules Getting Richer With Secret Barge Sales"
    assert PAGE[first.content.start : first.content.end] == first.text


def test_the_parser_alone_reads_that_headline_as_a_name(nlp: Any) -> None:
    from pipeline.nlp.claims import extract_claims

    assert extract_claims(nlp(PAGE.splitlines()[0])) == []
