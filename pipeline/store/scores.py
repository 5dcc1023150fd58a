"""Model scores of claim pairs kept between runs, so that a rerun asks the model nothing twice.

A verdict backend that reads (an NLI cross-encoder) keys each pair by its model version and the
two texts; the store keeps the probabilities it gave. The verdict itself (label, type, evidence)
is derived from them again each time, so a change of the rules needs no new model call.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from pipeline.store.columns import MODEL_SCORES, ModelScoreRow, dict_rows
from pipeline.store.connection import Connection


class ModelScores:
    """The stored model scores, by key."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def scores(self, keys: Sequence[str]) -> dict[str, tuple[float, ...]]:
        """The stored scores of these keys (those the store has)."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        rows = dict_rows(
            self._db.con.execute(
                "SELECT score_key, scores FROM model_scores WHERE score_key IN"
                " (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
                [json.dumps(wanted)],
            )
        )
        return {r["score_key"]: tuple(float(x) for x in r["scores"]) for r in rows}

    def save(self, scores: Mapping[str, Sequence[float]], model_version: str) -> None:
        """Keep `scores` (by key) of `model_version`; a key already stored keeps its scores."""
        if not scores:
            return
        with self._db.transaction():
            self._db.insert_rows(
                MODEL_SCORES,
                (
                    ModelScoreRow(score_key=k, model_version=model_version, scores=list(v))
                    for k, v in scores.items()
                ),
                on_conflict="ON CONFLICT DO NOTHING",
            )
