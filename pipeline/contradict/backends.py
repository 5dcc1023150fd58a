"""The verdict backends by name (`--backend rules|model|nli`, CLAIMTRACK_VERDICT_BACKEND).

`rules` (offline) decides from the rule findings; `model` (offline) scores the pair features with
the small trained model shipped in `pipeline.models`; `nli` (offline) reads the two claims with
claimtrack's own NLI cross-encoder, also shipped there, or with a cross-encoder the user names.
"""

from __future__ import annotations

from pipeline.contradict.base import ScoreCache, VerdictBackend
from pipeline.errors import UsageError

BACKENDS = ("model", "rules", "nli")


def make_backend(name: str, nli_model: str = "", cache: ScoreCache | None = None) -> VerdictBackend:
    """The backend called `name`; its module is imported here and its model loaded on first use.
    A reading backend keeps its scores in `cache` (the store's) when given one."""
    if name == "model":
        from pipeline.contradict.model import ModelBackend

        return ModelBackend()
    if name == "rules":
        from pipeline.contradict.rules import RulesBackend

        return RulesBackend()
    if name == "nli":
        from pipeline.contradict.nli import NliBackend

        return NliBackend(nli_model, cache=cache)
    raise UsageError(f"unknown verdict backend {name!r}: use one of {', '.join(BACKENDS)}")
