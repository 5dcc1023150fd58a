"""Claim-text embeddings, one per distinct text and model, keyed by the text's hash.

The caller names the model (`pipeline.nlp.embed.MODEL_NAME`): a vector of another model is
never read as one of this.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from pipeline.records import Vector
from pipeline.store.columns import EMBEDDINGS, EmbeddingRow, dict_rows, one_column
from pipeline.store.connection import Connection


class Embeddings:
    """The stored vectors of claim texts."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def vectors(self, hashes: Iterable[str], model: str) -> dict[str, Vector]:
        """The stored vectors of `model` for these text hashes, by hash."""
        wanted = sorted(set(hashes))
        if not wanted:
            return {}
        # the hashes travel as one JSON parameter (see Connection.insert_rows)
        rows = dict_rows(
            self._db.con.execute(
                "SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN"
                " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
                [model, json.dumps(wanted)],
            )
        )
        return {r["text_hash"]: np.asarray(r["vector"], dtype=np.float32) for r in rows}

    def missing_texts(self, case_ids: Sequence[str], model: str) -> list[str]:
        """The distinct claim texts of `case_ids` that have no stored vector of `model` yet."""
        return one_column(
            self._db.con.execute(
                "SELECT DISTINCT c.claim_text FROM claims c LEFT JOIN embeddings e"
                " ON e.text_hash = c.text_hash AND e.model = ?"
                " WHERE e.text_hash IS NULL AND c.case_id IN"
                " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))) ORDER BY 1",
                [model, json.dumps(list(case_ids))],
            )
        )

    def save(self, vectors: Mapping[str, Vector], model: str) -> None:
        """Store `model`'s vectors (by text hash); a hash already stored keeps its vector."""
        if not vectors:
            return
        with self._db.transaction():
            self._db.insert_rows(
                EMBEDDINGS,
                (
                    EmbeddingRow(text_hash=h, model=model, vector=v.tolist())
                    for h, v in vectors.items()
                ),
                on_conflict="ON CONFLICT DO NOTHING",
            )
