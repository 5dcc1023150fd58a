"""The types every verdict backend shares: the pair it judges and the interface it implements.

A backend takes candidate pairs (two claims and their embedding similarity) and returns one
`Verdict` per pair: a label (contradicts / agrees / unrelated), a calibrated score (the
probability of that label), a contradiction type (negation, denial, quantity, date, cause, agent,
scope, other; "none" for the other labels) and the evidence. The backends themselves, and how
one is chosen by name, are in `backends.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.records import Claim, Verdict


@dataclass(frozen=True)
class PairInput:
    """One candidate pair: claims of two sides and the cosine similarity of their embeddings."""

    a: Claim
    b: Claim
    similarity: float


def clamp_score(score: float) -> float:
    """A verdict's score, kept off certainty (0.01 to 0.99) and rounded to four places."""
    return round(min(0.99, max(0.01, score)), 4)


class VerdictBackend(Protocol):
    """Anything that judges pairs in batches."""

    name: str
    version: str  # stored with each pair: a new version recomputes the verdicts

    def judge_many(self, pairs: Sequence[PairInput]) -> list[Verdict]: ...


class ScoreCache(Protocol):
    """Model scores kept between runs (the store's `model_scores`), by a key of the model
    version and the two texts, so that a rerun asks a reading model nothing twice."""

    def scores(self, keys: Sequence[str]) -> dict[str, tuple[float, ...]]: ...

    def save(self, scores: Mapping[str, Sequence[float]], model_version: str) -> None: ...
