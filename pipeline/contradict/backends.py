"""The verdict backends by name (`--backend rules|model|nli`, CLAIMTRACK_VERDICT_BACKEND).

`rules` (offline, the default) decides from the rule findings; `model` (offline) scores the pair
features with the small trained model shipped in `pipeline.models`; `nli` asks an NLI
cross-encoder, when the user has one.
"""

from __future__ import annotations

from pipeline.contradict.base import VerdictBackend
from pipeline.errors import UsageError

BACKENDS = ("model", "rules", "nli")


def make_backend(name: str, nli_model: str = "") -> VerdictBackend:
    """The backend called `name`; its module is imported here and its model loaded on first use."""
    if name == "model":
        from pipeline.contradict.model import ModelBackend

        return ModelBackend()
    if name == "rules":
        from pipeline.contradict.rules import RulesBackend

        return RulesBackend()
    if name == "nli":
        if not nli_model:
            raise UsageError("the nli backend needs a model: --nli-model NAME_OR_PATH")
        from pipeline.contradict.nli import NliBackend

        return NliBackend(nli_model)
    raise UsageError(f"unknown verdict backend {name!r}: use one of {', '.join(BACKENDS)}")
