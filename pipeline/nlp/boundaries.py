"""Sentence boundaries the parser must not draw: after an abbreviation written with periods
("54 m.p.h. as claimed", "at 9 a.m. on Monday") when the next word is lower-case.

The small English parser ends a sentence at "m.p.h." and cuts a quote into fragments, each of
which would become a claim of its own. This component runs before the parser and marks such
words as not starting a sentence; the parser keeps every boundary it is not told about.
"""

from __future__ import annotations

import re
from typing import Any

COMPONENT = "abbreviation_boundaries"
# letters each followed by a period, the last period optional: the tokenizer often splits it
# off ("m.p.h" + ".")
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")


def continues_sentence(doc: Any) -> list[int]:
    """Indexes of the tokens of `doc` that follow an abbreviation's period and start with a
    lower-case letter or a digit: words that carry on the sentence."""
    out = []
    for token in doc[1:]:
        if not token.text[:1].islower() and not token.text[:1].isdigit():
            continue
        before = doc[token.i - 1]
        if before.text == "." and before.i > 0 and not doc[before.i - 1].whitespace_:
            before = doc[before.i - 1]  # "m.p.h" + "."
        elif not before.text.endswith("."):
            continue
        if _ABBREVIATION.fullmatch(before.text):
            out.append(token.i)
    return out


def mark_boundaries(doc: Any) -> Any:
    """The pipeline component: words that carry on a sentence after an abbreviation do not
    start one."""
    for i in continues_sentence(doc):
        doc[i].is_sent_start = False
    return doc


def add_to(nlp: Any) -> None:
    """Put the component before `nlp`'s parser (once; registered on first use)."""
    from spacy.language import Language

    if COMPONENT in nlp.pipe_names:
        return
    if not Language.has_factory(COMPONENT):
        Language.component(COMPONENT, func=mark_boundaries)
    nlp.add_pipe(COMPONENT, before="parser")
