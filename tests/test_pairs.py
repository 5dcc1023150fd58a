"""Pair verdicts from the outside: `claimtrack pairs`, `compare`, `evaluate pairs`, the pair
file formats and their scoring, contested-point grouping, and the training variants."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.contradict.candidates import candidate_pairs
from pipeline.contradict.points import group_points
from pipeline.errors import UsageError
from pipeline.evaluate.pairs import load_pairs, score_labels
from pipeline.evaluate.points import GoldPoint, load_gold
from pipeline.records import Claim, ClaimPair, Span, Verdict
from pipeline.training.verdict_model import change_number, negate

runner = CliRunner()


def test_pairs_command_prints_one_verdict_per_line(tmp_path: Path) -> None:
    lines = [
        {
            "id": "q",
            "a": "The outage lasted 13 hours.",
            "b": "The outage lasted under three hours.",
        },
        {
            "id": "n",
            "a": "The agent deleted the database.",
            "b": "The agent did not delete the database.",
        },
        {"id": "u", "a": "The outage lasted 13 hours.", "b": "Orbis opened a new plant in Ohio."},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    result = runner.invoke(app, ["pairs", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["q", "n", "u"]
    assert [o["label"] for o in out] == ["contradicts", "contradicts", "unrelated"]
    assert out[0]["type"] == "quantity" and "13 hours" in out[0]["evidence"]
    assert out[1]["type"] == "negation"
    for o in out:
        assert set(o) == {"id", "label", "score", "type", "evidence", "reason"}
        assert 0 < o["score"] <= 1


def test_pairs_command_names_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"a": "x", "b": "y"}\n{"a": 3}\n', "utf-8")
    result = runner.invoke(app, ["pairs", str(path)])
    assert result.exit_code == 2
    assert "line 2" in result.output and "Traceback" not in result.output


def _compared(tmp_path: Path, report_text: str, rebuttal_text: str) -> Any:
    """`claimtrack compare --json` on two texts written to files: its parsed output."""
    report = tmp_path / "report.txt"
    rebuttal = tmp_path / "rebuttal.txt"
    report.write_text(report_text, "utf-8")
    rebuttal.write_text(rebuttal_text, "utf-8")
    result = runner.invoke(app, ["compare", str(report), str(rebuttal), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_compare_two_texts(tmp_path: Path) -> None:
    data = _compared(
        tmp_path,
        "The Courier reported that the outage lasted 13 hours.\n"
        "Four engineers said the AI agent deleted the production database.\n",
        "The disruption lasted less than three hours, the company said.\n"
        "The agent did not delete the production database, a spokesperson said.\n",
    )
    assert data["a"]["claims"] and data["b"]["claims"]
    contradicting = [p for p in data["pairs"] if p["label"] == "contradicts"]
    assert {p["type"] for p in contradicting} >= {"quantity"}
    for pair in contradicting:
        for side, index in (("a", pair["a"]), ("b", pair["b"])):
            claim = data[side]["claims"][index]
            text = data[side]["text"]
            for part in claim["parts"]:
                assert text[part["start"] : part["end"]] == part["text"]
    assert data["contested_points"]


def test_compare_reads_a_bare_denial_as_denying_the_allegation_it_answers(
    tmp_path: Path,
) -> None:
    """With the real models: the rebuttal's "This is not true." under the allegation it answers
    contradicts the report's claim of that allegation (`bare_denials`)."""
    data = _compared(
        tmp_path,
        "The Courier found that Acme is a reckless lender.\n",
        "Allegation one: Acme is a reckless lender to its poorest customers.\n\n"
        "This is not true. Every loan is checked twice.\n",
    )
    denials = [
        p
        for p in data["pairs"]
        if p["label"] == "contradicts"
        and data["b"]["claims"][p["b"]]["text"].startswith("This is not true")
    ]
    assert denials, data["pairs"]


@pytest.mark.parametrize(
    ("name", "content", "labels"),
    [
        ("own.jsonl", '{"id": "1", "a": "x", "b": "y", "label": "agrees"}\n', ["agrees"]),
        (
            "fever.jsonl",
            '{"id": 7, "claim": "c", "evidence": "e", "label": "REFUTES"}\n',
            ["contradicts"],
        ),
        (
            "sick.tsv",
            "pair_ID\tsentence_A\tsentence_B\tentailment_label\n1\ta\tb\tNEUTRAL\n",
            ["unrelated"],
        ),
    ],
)
def test_pair_file_formats(tmp_path: Path, name: str, content: str, labels: list[str]) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    assert [p.label for p in load_pairs(path)] == labels


def test_two_label_sets_count_unrelated_as_the_other_label() -> None:
    scores: Any = score_labels(
        ["contradicts", "agrees", "agrees", "contradicts"],
        ["contradicts", "unrelated", "agrees", "agrees"],
    )
    assert scores["accuracy"] == 0.75
    assert scores["labels"]["contradicts"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "support": 2,
    }


def test_scores_are_the_hand_written_numbers() -> None:
    """scikit-learn's metrics give the figures the hand-written ones gave (pinned from them):
    per-label precision, recall, F1, support, accuracy and macro-F1; a label never predicted
    scores 0."""
    c, a, u = "contradicts", "agrees", "unrelated"
    scores: Any = score_labels([c, c, c, a, a, u, u, u, u, a], [c, a, c, a, u, u, u, c, u, c])
    assert scores == {
        "pairs": 10,
        "accuracy": 0.6,
        "macro_f1": 0.5738,
        "labels": {
            c: {"precision": 0.5, "recall": 0.6667, "f1": 0.5714, "support": 3},
            a: {"precision": 0.5, "recall": 0.3333, "f1": 0.4, "support": 3},
            u: {"precision": 0.75, "recall": 0.75, "f1": 0.75, "support": 4},
        },
        "predicted": {c: 4, a: 2, u: 4},
    }
    never: Any = score_labels([c, c, a, u], [c, c, c, c])
    assert never["labels"][a] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert (never["accuracy"], never["macro_f1"]) == (0.5, 0.2222)


def test_macro_f1_is_the_mean_of_the_unrounded_f1s() -> None:
    """(0 + 6/7) / 2 = 0.428571: 0.4286; the hand-written code averaged the rounded F1s
    (0.8571 / 2) and said 0.4285."""
    scores: Any = score_labels(["unrelated"] * 3 + ["agrees"], ["unrelated"] * 4)
    assert scores["macro_f1"] == 0.4286


def _claim(cid: str, party: str, text: str, entities: tuple[str, ...] = ()) -> Claim:
    span = Span(text, 0, len(text))
    return Claim("asserted", span, span, claim_id=cid, party=party, entities=entities)


def _pair(a: str, b: str, label: str = "contradicts", kind: str = "quantity") -> ClaimPair:
    return ClaimPair(f"{a}-{b}", "case", a, b, 0.8, Verdict(label, 0.9, kind, "r"))  # type: ignore[arg-type]


def test_contested_points_group_pairs_about_one_point() -> None:
    claims = {
        "r1": _claim("r1", "paper", "The Kestrel outage lasted 13 hours.", ("Kestrel",)),
        "r2": _claim("r2", "paper", "Kestrel's 13-hour outage hit billing.", ("Kestrel",)),
        "k1": _claim("k1", "co", "The Kestrel outage lasted under three hours.", ("Kestrel",)),
        "r3": _claim("r3", "paper", "The AI agent caused the outage."),
        "k2": _claim("k2", "co", "A misconfigured role caused the outage."),
    }
    basis = np.eye(4, dtype=np.float32)
    vectors = {"r1": basis[0], "r2": basis[0], "k1": basis[1], "r3": basis[2], "k2": basis[3]}
    pairs = [
        _pair("k1", "r1"),
        _pair("k1", "r2"),
        _pair("k2", "r3", kind="cause"),
        _pair("k2", "r1", label="unrelated", kind="none"),
    ]
    points = group_points(pairs, claims, vectors)
    assert sorted(len(p.pair_ids) for p in points) == [1, 2]
    by_type = {p.type: p for p in points}
    assert by_type["quantity"].label.startswith("Kestrel")
    assert "outage" in by_type["quantity"].label
    assert "caused" in by_type["cause"].label or "outage" in by_type["cause"].label


def test_a_pair_restating_a_point_through_another_of_its_claims_joins_it() -> None:
    """k3 is far from k1 (the claim its pair shares r4 with) but close to k2, another claim of
    the same point on the same side: one point, not two."""
    claims = {
        "r1": _claim("r1", "paper", "The pump was running during all six leaks."),
        "r4": _claim("r4", "paper", "Plant logs show the pump was on when each leak began."),
        "k1": _claim("k1", "co", "The pump caused none of the leaks."),
        "k2": _claim("k2", "co", "The logs list every leak, pump on or off."),
        "k3": _claim("k3", "co", "In four of the leaks the pump was off, as the logs record."),
    }
    vectors = {
        "r1": np.array([1, 0, 0, 0], dtype=np.float32),
        "r4": np.array([0.8, 0.6, 0, 0], dtype=np.float32),
        "k1": np.array([0, 0, 1, 0], dtype=np.float32),
        "k2": np.array([0, 0, 0.6, 0.8], dtype=np.float32),
        "k3": np.array([0, 0, 0, 1], dtype=np.float32),  # k1 . k3 = 0, k2 . k3 = 0.8
    }
    pairs = [
        _pair("k1", "r1", kind="negation"),
        _pair("k1", "r4", kind="negation"),
        _pair("k2", "r1", kind="denial"),
        _pair("k3", "r4", kind="other"),
    ]
    (point,) = group_points(pairs, claims, vectors)
    assert len(point.pair_ids) == 4
    # far from every claim of the point on its side: a point of its own
    vectors["k3"] = np.array([0, 1, 0, 0], dtype=np.float32)
    assert sorted(len(p.pair_ids) for p in group_points(pairs, claims, vectors)) == [1, 3]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The agent deleted the database.", "The agent did not delete the database."),
        ("The plant is closed.", "The plant is not closed."),
        ("Engineers have approved the change.", "Engineers have not approved the change."),
        ("The outage was not caused by the tool.", "The outage was caused by the tool."),
    ],
)
def test_negated_variants(nlp: Any, text: str, negated: str) -> None:
    assert negate(nlp(text)) == negated


def test_changed_numbers() -> None:
    assert change_number("It lasted 13 hours.", 0) == "It lasted 39 hours."
    assert change_number("It hit 40,000 jars.", 0) == "It hit 120,000 jars."
    assert change_number("No number here.", 0) is None


def test_shipped_model_loads_and_judges(tmp_path: Path) -> None:
    from pipeline.contradict.model import ModelBackend

    backend = ModelBackend()
    assert backend.version.startswith("logreg-")
    path = tmp_path / "p.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": 1,
                "a": "The recall covered 40,000 jars.",
                "b": "The recall covered 12,000 jars.",
            }
        )
        + "\n",
        "utf-8",
    )
    result = runner.invoke(app, ["pairs", str(path), "--backend", "model"])
    assert result.exit_code == 0, result.output
    (out,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["label"] in ("contradicts", "agrees", "unrelated") and 0 < out["score"] <= 1


def test_fit_minimises_the_recipes_objective() -> None:
    """Both regressions of `fit` are at the optimum of the objective the gradient-descent
    recipe minimised: mean class-balanced log-loss + L2 / 2 * |w|^2, bias not regularised
    (its gradient is 0 there); the objective is strictly convex, so it is the same fit."""
    from pipeline.contradict.model import CONFLICT_FEATURES, RELATEDNESS_FEATURES, columns
    from pipeline.training.verdict_model import L2, fit

    rng = np.random.default_rng(18)
    x = rng.normal(size=(400, len(RELATEDNESS_FEATURES)))
    x[:, 0] = 1.0
    signal = x[:, 1] - x[:, 8] + rng.normal(scale=0.8, size=400)
    y = np.where(signal > 0.8, 0, np.where(signal > 0.0, 1, 2))  # contradicts, agrees, unrelated
    model = fit(x, list(y), "test")
    z = model.standardise(x)
    related = y != 2
    for weights, features, rows, target in (
        (model.relatedness, RELATEDNESS_FEATURES, np.ones(400, bool), related),
        (model.conflict, CONFLICT_FEATURES, related, y[related] == 0),
    ):
        zz = z[rows][:, columns(features)]
        n, positives = len(target), target.sum()
        balance = np.where(target, n / (2 * positives), n / (2 * (n - positives)))
        p = 1 / (1 + np.exp(-zz @ weights))
        gradient = zz.T @ ((p - target) * balance) / n + L2 * np.r_[0.0, weights[1:]]
        assert np.abs(gradient).max() < 1e-6


def test_unknown_backend_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"a": "x y z", "b": "x y z"}\n', "utf-8")
    result = runner.invoke(app, ["pairs", str(path), "--backend", "oracle"])
    # a choice Typer checks: the message names the choices
    assert result.exit_code == 2 and "oracle" in result.output and "nli" in result.output
    # nli needs no --nli-model: claimtrack's own model is shipped with it
    result = runner.invoke(app, ["pairs", str(path), "--backend", "nli"])
    assert result.exit_code == 0, result.output
    assert "claimtrack's own" in json.loads(result.stdout)["reason"]


def test_evaluate_pairs_on_the_projects_own_set() -> None:
    gold = Path(__file__).resolve().parents[1] / "data" / "pairs" / "written.jsonl"
    result = runner.invoke(app, ["evaluate", "pairs", str(gold), "--limit", "40", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["pairs"] == 40
    assert set(scores["labels"]) <= {"contradicts", "agrees", "unrelated"}
    assert 0 <= scores["accuracy"] <= 1


def test_gold_point_is_stated_by_any_fragment_pair_in_either_order() -> None:
    point = GoldPoint("c", "cause", ("caused by Wren", "Wren deleted"), ("misconfigured role",))
    assert point.stated_by("The outage was caused by Wren.", "A misconfigured role did it.")
    assert point.stated_by("a Misconfigured Role", "wren deleted the environment")
    assert not point.stated_by("caused by Wren", "Wren deleted it")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no [[point]]"),
        ('[[point]]\ncase = "c"\nlabel = "x"\nreport = "a"\n', "needs case, label"),
        ('[[point]]\ncase = "c"\nlabel = "x"\nreport = []\nrebuttal = "b"\n', "needs case"),
        ("[[point]\n", "not TOML"),
    ],
)
def test_bad_gold_file_is_a_usage_error(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "gold.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(UsageError, match=re.escape(message)):
        load_gold(path)


def test_a_denial_and_the_account_it_relays_are_never_paired() -> None:
    """One sentence, "Acme rejected a report that its pumps leaked", holds Acme's denial and the
    paper's account of one span: they are not two sides' statements to weigh against each
    other; each pairs with the other side's other claims."""
    text = "its pumps leaked"
    span = Span(text, 30, 30 + len(text))
    denial = Claim("indirect", span, span, claim_id="d", party="co", document_id="doc1")
    account = Claim("account", span, span, claim_id="a", party="paper", document_id="doc1")
    other = _claim("o", "co", "The pumps were sealed and tested.")
    vectors = {c: np.array([1, 0], dtype=np.float32) for c in "dao"}
    pairs = candidate_pairs([denial, account, other], vectors, {"co", "paper"}, 5, 0.0, 100)
    assert [(p.claim_a, p.claim_b) for p in pairs] == [("a", "o")]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Halden rejected any suggestion that the filters had been removed.", "denied"),
        ("No filter was removed during the audit, the company said.", "denied"),
        ("The filters were removed during the audit, inspectors said.", "asserted"),
    ],
)
def test_a_statement_is_read_as_a_run_reads_it(nlp: Any, text: str, polarity: str) -> None:
    """A statement judged alone takes its polarity from its attributed content: a denial verb
    denies it."""
    from pipeline.nlp.claims import statement_claim

    claim = statement_claim(nlp(text))
    assert claim.text == text.rstrip(".")
    assert claim.polarity == polarity


def test_a_specific_type_names_a_point_when_a_third_of_its_pairs_have_it() -> None:
    """Two quantity pairs and three negations about one count of leaks: the point disputes how
    many, as its title says; one quantity pair among five: whether it happened."""
    claims = {
        "r1": _claim("r1", "paper", "The pump leaked 14 times last year."),
        "r2": _claim("r2", "paper", "There were 14 leaks at the pump."),
        "r3": _claim("r3", "paper", "The pump leaked again and again."),
        "k1": _claim("k1", "co", "The pump leaked only twice last year."),
        "k2": _claim("k2", "co", "The pump did not leak in most of those cases."),
    }
    vectors = {c: np.array([1, 0], dtype=np.float32) for c in claims}
    negations = [_pair("k2", r, kind="negation") for r in ("r1", "r2", "r3")]
    (point,) = group_points([_pair("k1", "r1"), _pair("k1", "r2"), *negations], claims, vectors)
    assert point.type == "quantity"
    more = [_pair("k1", "r1"), _pair("k1", "r3", kind="negation"), *negations]
    (point,) = group_points(more, claims, vectors)
    assert point.type == "negation"
