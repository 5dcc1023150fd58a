"""`claimtrack evaluate points --gold DIR`: a labelled dispute set (index.json, cases.toml,
texts/) scored on a store: each point found or lost at a stage, and the figures per case."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Settings
from pipeline.evaluate.dispute_set import load_dispute_set
from pipeline.evaluate.disputes import (
    StoredClaim,
    StoredRun,
    read_store,
    score_disputes,
    words,
)
from pipeline.runner.nightly import nightly_run
from tests.conftest import ROOT

runner = CliRunner()

REPORT = (
    "The Harbour Ledger found that the Calder ferry sailed with a cracked hull in March. "
    "Two deckhands said the captain ignored their warnings. "
    "The crossing took four hours instead of the usual ninety minutes."
)
REBUTTAL = (
    "Calder Ferries said the hull was inspected and sound before every crossing in March. "
    "The captain received no warning from any crew member, the company said. "
    "Calder Ferries agreed the crossing ran late."
)
SEEDS = """
[[case]]
id = "calder"
title = "Did the Calder ferry sail with a cracked hull?"

[case.parties.ledger]
name = "The Harbour Ledger"
aliases = ["Ledger"]

[case.parties.calder]
name = "Calder Ferries"
aliases = ["the company"]

[case.parties.press]
name = "Press coverage"
neutral = true

[[case.sources]]
location = "texts/calder-01.txt"
party = "ledger"
role = "report"

[[case.sources]]
location = "texts/calder-02.txt"
party = "calder"
role = "rebuttal"
"""


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _side(side: str, text_id: str, text: str, part: str) -> dict[str, Any]:
    start, end = _span(text, part)
    return {"side": side, "who": "-", "text_id": text_id, "start": start, "end": end}


def _point(label: str, kind: str, report_part: str, rebuttal_part: str) -> dict[str, Any]:
    names = ("Claim", "Counter-claim") if kind == "contradiction" else ("A", "B")
    return {
        "case_id": "calder",
        "point": label,
        "kind": kind,
        "sides": [
            _side(names[0], "calder-01", REPORT, report_part),
            _side(names[1], "calder-02", REBUTTAL, rebuttal_part),
        ],
    }


POINTS = [
    _point("hull", "contradiction", "sailed with a cracked hull", "the hull was inspected"),
    _point("warnings", "contradiction", "ignored their warnings", "received no warning"),
    _point("duration", "contradiction", "took four hours", "the crossing ran late"),
    _point("late", "agreement", "instead of the usual ninety minutes", "agreed the crossing"),
]


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    folder = tmp_path / "calder-set"
    (folder / "texts").mkdir(parents=True)
    texts = []
    pages = (("calder-01", "report", REPORT), ("calder-02", "rebuttal", REBUTTAL))
    for text_id, role, text in pages:
        (folder / "texts" / f"{text_id}.txt").write_text(text, "utf-8")
        texts.append(
            {
                "id": text_id,
                "case_id": "calder",
                "role": role,
                "chars": len(text),
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
        )
    (folder / "index.json").write_text(
        json.dumps({"about": "invented", "texts": texts, "points": POINTS}), "utf-8"
    )
    (folder / "cases.toml").write_text(SEEDS, "utf-8")
    return folder


def _claim(cid: str, text_id: str, party: str, text: str, part: str) -> StoredClaim:
    start, end = _span(text, part)
    return StoredClaim(cid, "calder", text_id, party, party == "press", start, end)


def test_each_point_is_found_or_lost_at_its_stage(gold: Path) -> None:
    claims = (
        _claim("r-hull", "calder-01", "ledger", REPORT, "the Calder ferry sailed with a cracked"),
        _claim("k-hull", "calder-02", "calder", REBUTTAL, "the hull was inspected"),
        _claim("r-warn", "calder-01", "ledger", REPORT, "the captain ignored their warnings"),
        _claim("k-warn", "calder-02", "calder", REBUTTAL, "The captain received no warning"),
        # the rebuttal's "ran late" claim was given to the outlet: no two sides to pair
        _claim("k-late", "calder-02", "ledger", REBUTTAL, "the crossing ran late"),
        _claim("r-late", "calder-01", "ledger", REPORT, "The crossing took four hours instead"),
    )
    run = StoredRun(
        claims=claims,
        labels={
            frozenset(("r-hull", "k-hull")): ("contradicts",),
            frozenset(("r-warn", "k-warn")): ("unrelated",),
        },
        contradicting={"calder": 3},
        contested={"calder": 2},
        text_hashes={},
    )
    scores = score_disputes(load_dispute_set(gold), run)
    stages = {d["label"]: d["stage"] for d in scores["details"]}
    assert stages == {
        "hull": "found",
        "warnings": "verdict",
        "duration": "wrong party",
        "late": "wrong party",
    }
    assert scores["found"] == 1 and scores["points"] == 3
    assert scores["candidate_recall"] == round(2 / 3, 3)
    assert scores["candidate_recall_two_sides"] == 1.0
    assert scores["pairs_per_found_point"] == 3.0
    assert scores["contested_per_labelled_point"] == round(2 / 3, 2)
    assert scores["agreements_contradicted"] == 0
    # covering claims: hull 2 (right), warnings 2 (right), duration 2 (k-late on the outlet)
    assert scores["right_side"] == round(5 / 6, 3)
    case = scores["cases"]["calder"]
    assert case["found"] == ["hull"]
    assert case["missed"] == [
        {"point": "warnings", "lost_at": "verdict"},
        {"point": "duration", "lost_at": "wrong party"},
    ]
    assert case["lost_at"] == {"wrong party": 1, "verdict": 1}


def test_unpaired_and_uncovered_points(gold: Path) -> None:
    claims = (
        _claim("r-hull", "calder-01", "ledger", REPORT, "the Calder ferry sailed with a cracked"),
        _claim("k-hull", "calder-02", "calder", REBUTTAL, "the hull was inspected"),
        _claim("k-late", "calder-02", "calder", REBUTTAL, "Calder Ferries agreed the crossing"),
        _claim("r-late", "calder-01", "ledger", REPORT, "instead of the usual ninety"),
    )
    run = StoredRun(
        claims,
        {frozenset(("r-late", "k-late")): ("contradicts",)},
        {"calder": 1},
        {},
        {"calder-01": "0" * 64},
    )
    scores = score_disputes(load_dispute_set(gold), run)
    stages = {d["label"]: d["stage"] for d in scores["details"]}
    assert stages["hull"] == "no candidate" and stages["warnings"] == "no claim"
    assert stages["late"] == "found"  # an agreement called a contradiction
    assert scores["agreements_contradicted"] == 1
    assert scores["cases"]["calder"]["agreements_contradicted"] == ["late"]
    assert scores["pairs_per_found_point"] is None
    assert scores["texts_differing"] == ["calder-01"]


def test_a_statement_recurring_in_another_text_is_found_leniently(gold: Path) -> None:
    """The held-out harness's lenient variant: a claim whose sentence, in any text of the
    case, is near-identical to a side's text (word-set Jaccard >= 0.7) covers that side."""
    copy = "the hull was inspected and sound"  # a press page repeating the rebuttal
    near = StoredClaim(
        "copy",
        "calder",
        "calder-03",
        "calder",
        False,
        0,
        len(copy),
        words("the hull was inspected"),
    )
    far = StoredClaim(  # 3 of 5 words: not near-identical
        "far",
        "calder",
        "calder-03",
        "calder",
        False,
        0,
        9,
        words("received no warning at sea"),
    )
    claims = (
        _claim("r-hull", "calder-01", "ledger", REPORT, "the Calder ferry sailed with a cracked"),
        _claim("r-warn", "calder-01", "ledger", REPORT, "the captain ignored their warnings"),
        near,
        far,
    )
    run = StoredRun(
        claims,
        {
            frozenset(("r-hull", "copy")): ("contradicts",),
            frozenset(("r-warn", "far")): ("contradicts",),
        },
        {"calder": 2},
        {},
        {},
    )
    scores = score_disputes(load_dispute_set(gold), run)
    lenient = {d["label"]: (d["stage"], d["found_lenient"]) for d in scores["details"]}
    assert lenient["hull"] == ("no claim", True)  # strictly, no claim covers the rebuttal side
    assert lenient["warnings"] == ("no claim", False)
    assert scores["found"] == 0 and scores["found_lenient"] == 1
    assert scores["cases"]["calder"]["found_lenient"] == 1
    assert words("The hull, the HULL!") == frozenset({"the", "hull"})


def test_evaluate_points_runs_the_set_and_prints_per_case(gold: Path) -> None:
    result = runner.invoke(app, ["evaluate", "points", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    case = scores["cases"]["calder"]
    assert len(case["found"]) + len(case["missed"]) == case["points"] == 3
    assert scores["texts_differing"] == []
    assert {d["stage"] for d in scores["details"]} <= {
        "found",
        "no claim",
        "wrong party",
        "no candidate",
        "verdict",
    }
    text = runner.invoke(app, ["evaluate", "points", "--gold", str(gold)])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("case") and "calder" in text.stdout
    assert "candidate_recall:" in text.stdout


def test_a_folder_without_an_index_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "points", "--gold", str(tmp_path)])
    assert result.exit_code == 2, result.output


DEV_SET = ROOT.parent / "shared" / "data" / "disputes-dev"
SCORER = ROOT.parent / "shared" / "tools" / "score_disputes.py"


def test_figures_agree_with_the_dev_sets_own_scorer(tmp_path: Path) -> None:
    """The same store scored here and by ../shared/tools/score_disputes.py."""
    if not (DEV_SET / "index.json").is_file() or not SCORER.is_file():
        pytest.skip(f"no dev set at {DEV_SET} (or no scorer at {SCORER}): nothing to compare")
    settings = Settings(db_path=tmp_path / "dev.duckdb", reports_dir=tmp_path / "reports")
    nightly_run([DEV_SET / "cases.toml"], settings, reports_dir=None)
    ours = score_disputes(load_dispute_set(DEV_SET), read_store(settings.db_path))
    spec = importlib.util.spec_from_file_location("score_disputes", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    index, cases = module.load_set(DEV_SET)
    theirs = module.score(index, cases, module.read_store(settings.db_path))
    for key in (
        "points",
        "found",
        "candidate_recall",
        "right_side",
        "contradicting_pairs",
        "pairs_per_found_point",
        "agreements",
        "agreements_found",
        "lost_at",
    ):
        assert ours[key] == theirs[key], key
    assert ours["agreements_contradicted"] == theirs["agreements_violated"]
    assert [d["stage"] for d in ours["details"]] == [d["stage"] for d in theirs["details"]]
    for case, row in theirs["per_case"].items():
        mine = ours["cases"][case]
        assert (len(mine["found"]), mine["candidates"]) == (row["found"], row["candidates"])
        assert mine["lost_at"] == row["lost_at"]
    assert ours["texts_differing"] == []
