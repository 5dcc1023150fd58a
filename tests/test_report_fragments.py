"""Links to the exact sentence on a web page: URL text fragments (pipeline/report/fragments.py),
percent-encoded as the WICG spec asks (`-`, `&` and `,` too)."""

from __future__ import annotations

from pipeline.report.fragments import text_fragment_url


def test_a_short_sentence_is_the_whole_directive() -> None:
    assert (
        text_fragment_url("https://ex.test/a", "The outage lasted 13 hours.")
        == "https://ex.test/a#:~:text=The%20outage%20lasted%2013%20hours."
    )


def test_a_long_sentence_is_its_first_and_last_words() -> None:
    sentence = (
        "The Harbour Ledger reported on Tuesday that the outage was caused by Wren, after the "
        "agent chose to delete and re-create a production environment."
    )
    assert text_fragment_url("https://ex.test/a", sentence) == (
        "https://ex.test/a#:~:text=The%20Harbour%20Ledger%20reported,"
        "re%2Dcreate%20a%20production%20environment."
    )


def test_syntax_characters_are_encoded() -> None:
    url = text_fragment_url("http://ex.test/", "Costs & fees rose, a 13-hour\nday")
    assert url == "http://ex.test/#:~:text=Costs%20%26%20fees%20rose%2C%20a%2013%2Dhour%20day"


def test_an_existing_fragment_is_kept_and_an_old_directive_replaced() -> None:
    assert text_fragment_url("https://ex.test/a#top", "Hi there") == (
        "https://ex.test/a#top:~:text=Hi%20there"
    )
    assert text_fragment_url("https://ex.test/a#:~:text=old", "new") == (
        "https://ex.test/a#:~:text=new"
    )


def test_only_web_pages_get_a_directive() -> None:
    for url in ("file:///tmp/a.html", "javascript:alert(1)", "data/demo/a.html"):
        assert text_fragment_url(url, "The outage lasted 13 hours.") == url
    assert text_fragment_url("https://ex.test/a", "   ") == "https://ex.test/a"
