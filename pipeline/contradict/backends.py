"""The verdict backends by name (`--backend rules|model|nli`, CLAIMTRACK_VERDICT_BACKEND).

`rules` (offline) decides from the rule findings; `model` (offline) scores the pair features with
the small trained model shipped in `pipeline.models`; `nli` (offline) reads the two claims with
claimtrack's own NLI cross-encoder, also shipped there, or with a cross-encoder the user names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.config import VerdictSettings
from pipeline.contradict.base import ScoreCache, VerdictBackend
from pipeline.errors import UsageError

if TYPE_CHECKING:
    from pipeline.contradict.nli import CaseFloor

BACKENDS = ("model", "rules", "nli")


def make_backend(
    name: str,
    nli_model: str = "",
    cache: ScoreCache | None = None,
    case_floor: CaseFloor | None = None,
) -> VerdictBackend:
    """The backend called `name`; its module is imported here and its model loaded on first use.
    A reading backend keeps its scores in `cache` (the store's) when given one, and holds its
    contradictions to `case_floor` when it judges a case's candidate pairs (not a pair list)."""
    if name == "model":
        from pipeline.contradict.model import ModelBackend

        return ModelBackend()
    if name == "rules":
        from pipeline.contradict.rules import RulesBackend

        return RulesBackend()
    if name == "nli":
        from pipeline.contradict.nli import NliBackend

        return NliBackend(nli_model, cache=cache, case_floor=case_floor)
    raise UsageError(f"unknown verdict backend {name!r}: use one of {', '.join(BACKENDS)}")


def case_floor(settings: VerdictSettings) -> CaseFloor:
    """What a reading backend's contradiction needs among a case's candidate pairs."""
    from pipeline.contradict.nli import CaseFloor

    return CaseFloor(settings.nli_case_min_contradiction, settings.nli_case_min_similarity)
