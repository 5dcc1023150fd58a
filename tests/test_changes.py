"""Correction notices are told from ordinary paragraphs, and a text's change is read sentence by
sentence (added, removed, changed), its claims by key and its notices by text."""

from __future__ import annotations

import pytest

from pipeline.nlp.analyse import correction_notices
from pipeline.nlp.notices import is_notice, tells_news
from pipeline.store.changes import (
    Change,
    claim_changes,
    correction_changes,
    sentence_changes,
    sentences,
)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Correction: An earlier version of this story said the ferry left at noon.",
        "Corrections: The harbour master's name was misspelled.",
        "Clarification: The figure refers to the spring season only.",
        "Update: The port authority responded after publication.",
        "UPDATE (March 3): Ostrava Lines has since replied.",
        "Updated 3 March 2026, 10:15 GMT: adds the union's response.",
        "Update, Mar. 3 at 9.40am — the ferry sailed again.",
        "Editor's note: This piece has been changed to remove a name.",
        "Editor’s Note — the photograph was replaced.",
        "This article has been amended to correct the number of crossings.",
        "This story was updated on Tuesday with a statement from the operator.",
        "An earlier version of this article misstated the ferry's capacity.",
        "*Correction: the vessel carries 400 passengers, not 600.",
    ],
)
def test_notices_are_recognised(paragraph: str) -> None:
    assert is_notice(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Updates to the timetable were announced on Monday: two more crossings.",
        "Update on the harbour works: the quay reopened.",
        "The report was published on Monday.",
        "Corrected figures show the ferry left at noon.",
        "The update said the ferry had been delayed.",
        "The operator said this article was misleading.",
        "This story matters to islanders, the mayor said.",
    ],
)
def test_ordinary_paragraphs_are_no_notices(paragraph: str) -> None:
    assert not is_notice(paragraph)


def test_notices_of_a_text_are_its_notice_paragraphs() -> None:
    text = (
        "Ferry cancelled\nThe operator said the ferry was cancelled.\n"
        "Update: the ferry sails again on Friday.\n"
    )
    assert correction_notices(text) == ("Update: the ferry sails again on Friday.",)


def test_sentences_split_at_stops_before_a_new_sentence() -> None:
    text = "Title line\nThe ferry left at 9.30 am. It came back. “Late,” he said.\n"
    assert sentences(text) == [
        "Title line",
        "The ferry left at 9.30 am.",
        "It came back.",
        "“Late,” he said.",
    ]


def test_a_sentence_edited_is_changed_and_the_rest_added_or_removed() -> None:
    old = "The ferry left at noon. It carried 600 people. The crew was praised."
    new = "The ferry left at noon. It carried 400 people. The port closed. Correction: not 600."
    assert sentence_changes(old, new) == [
        Change("sentence_changed", "It carried 600 people.", "It carried 400 people."),
        Change("sentence_removed", "The crew was praised."),
        Change("sentence_added", None, "The port closed."),
        Change("sentence_added", None, "Correction: not 600."),
    ]
    assert sentence_changes(old, old) == []


def test_claims_change_by_key_and_notices_by_text() -> None:
    assert claim_changes({"k1": "a", "k2": "b"}, {"k2": "b", "k3": "c"}) == [
        Change("claim_removed", "a", claim_key="k1"),
        Change("claim_added", None, "c", claim_key="k3"),
    ]
    assert correction_changes(["Update: x."], ["Update: x.", "Correction: y."]) == [
        Change("correction_added", None, "Correction: y.")
    ]
    assert correction_changes(None, ["Correction: y."]) == []  # never read: nothing to compare


@pytest.mark.parametrize(
    ("paragraph", "news"),
    [
        ("Update: Ostrava Lines said in a statement that the ferry had been inspected.", True),
        ("UPDATE 2: The operator has released a statement. It stands by its timetable:", True),
        ("Update, 9:40 a.m. ET: The harbour master told the paper the quay was safe.", True),
        ("Updated 3 March 2026, 10:15 GMT: adds the union's response.", False),
        ("Update, 8:56PM ET: Added that the paper has changed its post.", False),
        ("Update: This story has been updated with comment from the operator.", False),
        ("Update: 2026-03-03 15:10 GMT", False),
        ("UPDATED : Monday, 2 March, 2026, 12:00am", False),
        ("Correction: An earlier version of this story said the ferry left at noon.", False),
        ("The operator said in an update that the ferry had been inspected.", False),  # no notice
    ],
)
def test_an_update_that_tells_news_is_read_for_claims(paragraph: str, news: bool) -> None:
    assert tells_news(paragraph) is news
