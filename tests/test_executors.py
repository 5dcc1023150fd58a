"""Choosing an executor, and what travels between a Ray worker and the store's writer."""

from __future__ import annotations

import sys

import pytest

from pipeline.config import Settings
from pipeline.errors import ClaimtrackError, UsageError
from pipeline.executors import make_executor
from pipeline.executors.codec import analysis_from_json, analysis_to_json
from pipeline.nlp.analyse import analyse_texts


def test_unknown_executor_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="local, ray"):
        make_executor(Settings(executor="spark"))


def test_ray_executor_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    executor = make_executor(Settings(executor="ray"))
    with pytest.raises(ClaimtrackError, match=r"claimtrack\[ray\]"):
        executor.embed(["a claim"])


def test_analyses_survive_the_trip_through_json(nlp: object) -> None:
    text = (
        "Kestrel denies AI caused outage\n"
        "“The agent was not the cause,” said Dana Whitlock, a spokesperson for Kestrel, “and "
        "we have the logs.” According to the Ledger, the outage lasted 13 hours.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert analysis.claims and analysis.entities
    assert analysis_from_json(analysis_to_json(analysis)) == analysis
