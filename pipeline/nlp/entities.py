"""Named entities of a parsed paragraph as `Entity` records with document offsets.

A run of three or more words with a verb, an auxiliary or a pronoun in it, or a run of names
that goes on with an inflected reporting verb, is a headline the recogniser took for a name
("Acme Denies Report Its Pumps Are Faulty", "Acme Denies"), not an entity.
"""

from __future__ import annotations

from typing import Any

from pipeline.nlp.cues import CUE_VERBS
from pipeline.records import Entity

# Labels that name who or what a dispute is about; numbers and dates live on claims instead.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "EVENT", "LAW"})


def doc_entities(doc: Any, offset: int = 0) -> list[Entity]:
    return [
        Entity(text=e.text, label=e.label_, start=e.start_char + offset, end=e.end_char + offset)
        for e in doc.ents
        if e.label_ in KEPT_LABELS and not _headline(e)
    ]


_INFLECTED = frozenset(
    form
    for verb in CUE_VERBS
    for form in (
        verb + "s",
        verb + "es",
        verb[:-1] + "ies",
        verb + "ed",
        verb + "d",
        verb[:-1] + "ied",
    )
    if form != verb
)


def _headline(span: Any) -> bool:
    if len(span) >= 3 and any(t.pos_ in ("VERB", "AUX", "PRON") for t in span):
        return True
    return any(t.lower_ in _INFLECTED for t in list(span)[1:])
