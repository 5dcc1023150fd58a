"""Claims and similarities for pairs of plain statements, outside any document or store.

`claimtrack pairs`, `claimtrack evaluate pairs` and the model's training judge statements given
as text: each is parsed once (spaCy, for polarity, hedging, quantities and entities) and
embedded once, however many pairs it is in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import numpy as np

from pipeline.contradict.base import PairInput
from pipeline.errors import UsageError
from pipeline.hashing import text_hash
from pipeline.nlp.claims import statement_claim
from pipeline.nlp.embed import Embedder
from pipeline.nlp.load import load_nlp


def statement_pairs(
    pairs: Sequence[tuple[str, str]],
    spacy_model: str,
    embedder: Embedder | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> list[PairInput]:
    """One `PairInput` per (text a, text b), in order."""
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    nlp = load_nlp(spacy_model)
    claims = {t: statement_claim(doc) for t, doc in zip(texts, nlp.pipe(texts), strict=True)}
    vectors = (embedder or Embedder()).embed(texts, on_progress=on_progress)
    return [
        PairInput(
            claims[a],
            claims[b],
            float(np.dot(vectors[text_hash(a)], vectors[text_hash(b)])),
        )
        for a, b in pairs
    ]


def read_statement_pairs(text: str, name: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Ids and (a, b) texts of JSON lines {"id", "a", "b"}; a line without an id gets its
    line number. A bad line is a usage error naming it."""
    ids: list[str] = []
    texts: list[tuple[str, str]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{name}: line {n} is not JSON ({exc.msg})") from None
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("a"), str)
            or not isinstance(row.get("b"), str)
        ):
            raise UsageError(f'{name}: line {n} needs "a" and "b" strings')
        ids.append(str(row.get("id", n)))
        texts.append((row["a"], row["b"]))
    return ids, texts
