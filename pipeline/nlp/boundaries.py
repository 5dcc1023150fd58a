"""Sentence boundaries the parser must not draw: after an abbreviation written with periods
("54 m.p.h. as claimed", "at 9 a.m. on Monday") when the next word is lower-case, after a
name in dotted lower-case letters when the name goes on ("e.l.f. Beauty and our business"), and
after a name that ends in a question or exclamation mark when a lower-case word follows
("Which? research has revealed").

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


# a name written in lower-case letters with periods ("e.l.f."): three letters or more, so not
# "a.m." or "p.m.", which end sentences
_DOTTED_NAME = re.compile(r"(?:[a-z]\.){2,}[a-z]\.?")
# capitalised words that open sentences, not a name's next word ("e.l.f. Beauty")
_OPENERS = frozenset(
    """the a an it its he she we they this that these those in on at as but and or so if when
    while after before however meanwhile still yet i our their his her there here""".split()
)


def _named_mark(token: Any) -> bool:
    """Whether a question or exclamation mark is part of a name: glued to a capitalised word
    ("Which?", "Yahoo!")."""
    if token.text not in ("?", "!") or token.i == 0:
        return False
    name = token.doc[token.i - 1]
    return not name.whitespace_ and name.text[:1].isupper() and name.text.isalpha()


def continues_sentence(doc: Any) -> list[int]:
    """Indexes of the tokens of `doc` that follow an abbreviation's period and start with a
    lower-case letter or a digit (words that carry on the sentence), or that follow a name in
    dotted lower-case letters and go on naming ("e.l.f. Beauty")."""
    out = []
    for token in doc[1:]:
        lower = token.text[:1].islower() or token.text[:1].isdigit()
        named = token.text[:1].isupper() and token.lower_ not in _OPENERS
        if not lower and not named:
            continue
        before = doc[token.i - 1]
        if lower and _named_mark(before):
            out.append(token.i)  # "Which? research has revealed", "Yahoo! said"
            continue
        if before.text == "." and before.i > 0 and not doc[before.i - 1].whitespace_:
            before = doc[before.i - 1]  # "m.p.h" + "."
        elif not before.text.endswith("."):
            continue
        abbreviated = lower and _ABBREVIATION.fullmatch(before.text)
        if abbreviated or (named and _DOTTED_NAME.fullmatch(before.text)):
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
