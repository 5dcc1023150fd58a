"""A reporting verb the small model read as a noun, and the sentence read again with a verb.

"One researcher claims that the figures are wrong", "Tidal claims to have 3 million
subscribers": the tagger takes "claims" for a plural noun and the parser makes it the head of
a sentence with no verb at all, so the sentence yields no claim (`claims` already reads a noun
"claims" that the parser gave a subject and a clause). A plural noun that heads its sentence,
with no determiner or possessor of its own ("The claims that ..." and "its claims" are nouns;
"A whistleblower claims" has a noun between the two), a subject before it and a clause or
infinitive after it is such a verb. The paragraph is parsed again with that word written as
"agrees", a verb of the same length that takes both a clause and an infinitive; the claims of
its sentence keep the document's words ("claims").
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.nlp.headlines import names_in

# the noun form the tagger misreads -> a verb of the same length with the same frames
_VERB_FOR = {"claims": "agrees"}
_CLAUSES = frozenset({"acl", "relcl", "ccomp", "xcomp"})
_OWNERS = frozenset({"det", "poss", "case"})


def _subject_word(word: Any, text: str) -> bool:
    """Whether `word`, before the noun the verb was read as, can be (part of) its subject: a
    noun or name, a compound modifier whatever its tag ("A whistleblower", tagged comparative),
    or a capitalised adjective in mid-sentence or that `text` uses as a name ("Tidal claims";
    not "New claims", "False claims")."""
    if word.pos_ in ("NOUN", "PROPN") or word.dep_ in ("nsubj", "compound"):
        return True
    if word.pos_ != "ADJ" or not word.text[0].isupper():
        return False
    first = next(t for t in word.sent if not t.is_punct)
    return word.i != first.i or _name_of(word.text, text)


def _name_of(word: str, text: str) -> bool:
    """Whether `text` capitalises `word` in mid-sentence and never writes it in lower case."""
    lower = re.search(rf"\b{re.escape(word.lower())}\b", text)
    return word in names_in(text) and lower is None


def misread_verbs(doc: Any, text: str) -> list[Any]:
    """Tokens of `doc` that are reporting verbs the tagger read as nouns heading a sentence;
    `text` is the whole document (the names it uses)."""
    found = []
    for sent in doc.sents:
        root = sent.root
        if root.lower_ not in _VERB_FOR or root.tag_ != "NNS":
            continue
        children = list(root.children)
        words = [c for c in children if c.i < root.i and _subject_word(c, text)]
        # "A whistleblower claims": the determiner is the subject's, a noun stands between
        if any(c.dep_ in _OWNERS and not any(c.i < w.i for w in words) for c in children):
            continue
        before = bool(words)
        after = any(c.i > root.i and c.dep_ in _CLAUSES for c in children)
        if before and after:
            found.append(root)
    return found


def as_verbs(text: str, tokens: list[Any]) -> str:
    """`text` (the parsed text of the tokens' doc) with each token written as its verb."""
    out = text
    for token in tokens:
        start = token.idx
        verb = _VERB_FOR[token.lower_]
        if token.text[0].isupper():
            verb = verb.capitalize()
        out = out[:start] + verb + out[start + len(verb) :]
    return out


def sentence_range(token: Any, offset: int) -> tuple[int, int]:
    """The document range of the token's sentence, its doc shifted by `offset`."""
    sent = token.sent
    return offset + sent.start_char, offset + sent.end_char
