"""The interface every verdict backend implements, and how a backend is chosen by name.

A backend takes candidate pairs (two claims and their embedding similarity) and returns one
`Verdict` per pair: a label (contradicts / agrees / unrelated), a calibrated score (the
probability of that label), a contradiction type (negation, denial, quantity, date, cause, agent,
scope, other; "none" for the other labels) and the evidence. `rules` (offline, the
default) decides from the rule findings; `model` (offline) scores the pair features with the
small trained model in `models/`; `nli` asks an NLI cross-encoder, when the user has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.config import VerdictSettings
from pipeline.errors import UsageError
from pipeline.records import Claim, Verdict


@dataclass(frozen=True)
class PairInput:
    """One candidate pair: claims of two sides and the cosine similarity of their embeddings."""

    a: Claim
    b: Claim
    similarity: float


class VerdictBackend(Protocol):
    """Anything that judges pairs in batches."""

    name: str
    version: str  # stored with each pair: a new version recomputes the verdicts

    def judge_many(self, pairs: Sequence[PairInput]) -> list[Verdict]: ...


BACKENDS = ("model", "rules", "nli")


def make_backend(verdict: VerdictSettings) -> VerdictBackend:
    """The backend `verdict` names; its model is loaded on first use."""
    name, nli_model = verdict.backend, verdict.nli_model
    if name == "model":
        from pipeline.contradict.model import ModelBackend

        return ModelBackend()
    if name == "rules":
        from pipeline.contradict.verdict import RulesBackend

        return RulesBackend()
    if name == "nli":
        if not nli_model:
            raise UsageError("the nli backend needs a model: --nli-model NAME_OR_PATH")
        from pipeline.contradict.nli import NliBackend

        return NliBackend(nli_model)
    raise UsageError(f"unknown verdict backend {name!r}: use one of {', '.join(BACKENDS)}")
