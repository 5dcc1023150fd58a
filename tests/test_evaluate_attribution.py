"""The attribution scorer: BRAT parsing, one-to-one span matching, and the CLI on a tiny set."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate.attribution import AttributionScores, GoldText, parse_brat, score_text
from pipeline.records import Claim, Span

TEXT = (
    "The mayor said the bridge will reopen in May. "
    "“We found no cracks,” an engineer said. "
    "Traffic was heavy on Monday."
)
ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 44\tthe bridge will reopen in May
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 47 58;59 65\tWe found no cracks
T6\tSource 68 79\tan engineer
T7\tCue 80 84\tsaid
E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6
"""


def _span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(text, start, start + len(text))


def test_parse_brat_with_discontinuous_spans() -> None:
    first, second = parse_brat(ANN)
    assert first.content == ((15, 44),) and first.source == ((0, 9),)
    assert second.content == ((47, 58), (59, 65)) and second.cue == ((80, 84),)


def test_scores() -> None:
    gold = GoldText("t", TEXT, tuple(parse_brat(ANN)))
    claims = [
        # exact content, right speaker and cue
        Claim(
            "indirect",
            _span("the bridge will reopen in May"),
            _span("The mayor said"),
            speaker=_span("The mayor"),
            cue=_span("said"),
        ),
        # content overlaps (extra word), wrong speaker
        Claim(
            "direct",
            _span("We found no cracks,” an"),
            _span("We"),
            speaker=_span("Traffic"),
            cue=_span("said"),
        ),
        # own voice: left out of the score
        Claim("asserted", _span("Traffic was heavy on Monday"), _span("Traffic")),
    ]
    scores = AttributionScores()
    score_text(gold, claims, scores)
    result = scores.as_dict()
    assert result["content_exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert result["content_overlap"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["speaker_accuracy"] == 0.5
    assert result["predicted_claims"] == 2 and result["gold_attributions"] == 2


def test_cli_on_a_tiny_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_ab12.ann").write_text(ANN, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "attribution", "--gold", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["texts"] == 1 and scores["gold_attributions"] == 2
    assert scores["content_overlap"]["recall"] == 1.0  # the real extractor finds both
    missing = CliRunner().invoke(app, ["evaluate", "attribution", "--gold", str(tmp_path / "x")])
    assert missing.exit_code == 2 and "BRAT" in missing.stderr


# The evaluation gate: the extractor on the project's own labelled set (data/attribution,
# original texts written for the project) must stay above these floors.
GATE = {"content_exact": 0.85, "content_overlap": 0.88, "cue": 0.80}
SPEAKER_FLOOR = 0.93


def test_gate_on_own_labelled_set() -> None:
    from pipeline.config import settings_from_env
    from pipeline.evaluate.attribution import evaluate_attribution

    gold = Path(__file__).resolve().parents[1] / "data" / "attribution"
    scores = evaluate_attribution(gold, settings_from_env().spacy_model).as_dict()
    assert scores["gold_attributions"] >= 100
    for metric, floor in GATE.items():
        f1 = scores[metric]["f1"]  # type: ignore[index]
        assert f1 >= floor, f"{metric} F1 {f1} fell below its floor {floor}"
    assert scores["speaker_accuracy"] >= SPEAKER_FLOOR  # type: ignore[operator]


def test_claims_cut_from_one_content_score_as_one_attribution() -> None:
    """ "The mayor said the bridge will reopen and that no cracks were found": the extractor
    makes one claim per clause, the gold one attribution; scored as one, it matches exactly."""
    text = "The mayor said the bridge will reopen and that no cracks were found."
    ann = (
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\n"
        "T3\tContent 15 67\tthe bridge will reopen and that no cracks were found\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )

    def span(part: str) -> Span:
        start = text.index(part)
        return Span(part, start, start + len(part))

    claims = [
        Claim(
            "indirect",
            span(part),
            span(text[:-1]),
            speaker=span("The mayor"),
            cue=span("said"),
        )
        for part in ("the bridge will reopen", "no cracks were found")
    ]
    scores = AttributionScores()
    score_text(GoldText("t", text, tuple(parse_brat(ann))), claims, scores)
    result = scores.as_dict()
    assert result["content_exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["cue"]["f1"] == 1.0 and result["predicted_claims"] == 1
