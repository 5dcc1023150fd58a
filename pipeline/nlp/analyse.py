"""Run spaCy over whole documents, paragraph by paragraph, batched with `nlp.pipe`.

Paragraphs (lines of the main text) are parsed separately so that a headline never runs into
the first sentence; offsets are shifted back into the document text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.nlp.claims import extract_claims
from pipeline.nlp.entities import doc_entities
from pipeline.nlp.quote_links import link_quotes
from pipeline.records import Claim, Entity

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Analysis:
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-blank line of `text`."""
    return [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def analyse_texts(
    nlp: Any,
    texts: Sequence[str],
    batch_size: int = 64,
    on_progress: Callable[[int], None] | None = None,
) -> list[Analysis]:
    """Entities and claims of each text, in order; one `nlp.pipe` over all paragraphs."""
    jobs = [(n, offset, para) for n, text in enumerate(texts) for offset, para in paragraphs(text)]
    entities: list[list[Entity]] = [[] for _ in texts]
    claims: list[list[Claim]] = [[] for _ in texts]
    stream = nlp.pipe(
        ((para, (n, offset)) for n, offset, para in jobs),
        as_tuples=True,
        batch_size=batch_size,
    )
    for doc, (n, offset) in stream:
        entities[n].extend(doc_entities(doc, offset))
        claims[n].extend(extract_claims(doc, offset))
        if on_progress:
            on_progress(1)
    return [
        Analysis(tuple(e), tuple(link_quotes(c, text)))
        for e, c, text in zip(entities, claims, texts, strict=True)
    ]


def paragraph_count(texts: Sequence[str]) -> int:
    return sum(len(paragraphs(t)) for t in texts)
