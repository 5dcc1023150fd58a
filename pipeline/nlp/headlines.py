"""A Title Case headline the small parser cannot read, read again in sentence case.

"Acme Brothers Flout Law Getting Richer With Secret Sales" is tagged as one long name: no verb,
so no claim, though a report's headline is often its central claim. A heading line that gave no
claim is parsed once more with its capitals lowered, but for its first word, acronyms and the
words the document capitalises in mid-sentence (its names: "Acme", "Iran"); it stays a heading,
the page's own voice, and its claims keep the document's own words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.nlp.spans import map_spans
from pipeline.records import Claim, Span

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
# a capitalised word after a lower-case word: a name ("the unit of Acme Industries")
_MID_SENTENCE_NAME = re.compile(r"\b[a-z][\w'’-]*[,;]? ([A-Z][\w'’.-]*)")
_MIN_WORDS = 5


def is_headline(line: str) -> bool:
    """Whether a paragraph is one Title Case line of five words or more with no closing stop."""
    if "\n" in line.strip() or line.rstrip().endswith((".", ":", "?", "!")):
        return False
    words = _WORD.findall(line)
    long = [w for w in words if len(w) >= 4]
    return len(words) >= _MIN_WORDS and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


@lru_cache(maxsize=8)
def names_in(text: str) -> frozenset[str]:
    """The words `text` capitalises in mid-sentence, outside its headlines: its names."""
    lines = (line for line in text.splitlines() if not is_headline(line))
    return frozenset(
        name.rstrip(".") for line in lines for name in _MID_SENTENCE_NAME.findall(line)
    )


def sentence_case(line: str, names: frozenset[str]) -> str:
    """`line` with each capital lowered, one character for one, but for its first word,
    acronyms and `names`."""
    out = list(line)
    for n, m in enumerate(_WORD.finditer(line)):
        word = m.group()
        if n and word[0].isupper() and not word.isupper() and word.rstrip(".") not in names:
            out[m.start()] = word[0].lower()
    return "".join(out)


def with_document_words(claim: Claim, text: str) -> Claim:
    """`claim` with every span's words as `text` (the document) has them."""

    return map_spans(claim, lambda span: Span(text[span.start : span.end], span.start, span.end))
