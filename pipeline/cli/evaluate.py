"""`claimtrack evaluate`: score the pipeline's stages on labelled data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli._common import (
    BackendOption,
    DbOption,
    JsonOption,
    NliModelOption,
    echo_json,
    friendly_errors,
    load_settings,
)
from pipeline.contradict.backends import make_backend

evaluate_app = typer.Typer(
    help="Score the pipeline's stages on labelled data.", no_args_is_help=True
)


@evaluate_app.command("attribution")
@friendly_errors
def evaluate_attribution_command(
    gold: Annotated[
        Path, typer.Option("--gold", help="Folder with text/ and attributions/ (BRAT)")
    ],
    limit: Annotated[int | None, typer.Option(help="Score only the first N texts")] = None,
    as_json: JsonOption = False,
) -> None:
    """Score claim extraction against BRAT attributions (PolNeAR format)."""
    from pipeline.evaluate.attribution import evaluate_attribution

    scores = evaluate_attribution(gold, load_settings().spacy_model, limit).as_dict()
    _print_scores(scores, as_json)


@evaluate_app.command("pairs")
@friendly_errors
def evaluate_pairs_command(
    file: Annotated[
        Path, typer.Argument(help="Labelled pairs: JSONL (a, b, label), FEVER JSONL or SICK TSV")
    ],
    backend: BackendOption = None,
    nli_model: NliModelOption = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N pairs")] = None,
    as_json: JsonOption = False,
) -> None:
    """Score a verdict backend on labelled pairs: per-label precision, recall and F1."""
    from pipeline.evaluate.pairs import evaluate_pairs

    settings = load_settings()
    judge = make_backend(backend or settings.verdict_backend, nli_model or settings.nli_model)
    _print_scores(evaluate_pairs(file, judge, settings.spacy_model, limit), as_json)


@evaluate_app.command("points")
@friendly_errors
def evaluate_points_command(
    gold: Annotated[Path, typer.Option("--gold", help="Labelled contested points (TOML)")] = Path(
        "data/demo/contested_points.toml"
    ),
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score a run's contested points against hand-labelled ones: found, missed, unfounded."""
    from pipeline.evaluate.points import load_gold, score_points

    _print_scores(score_points(load_settings(db).db_path, load_gold(gold)), as_json)


def _print_scores(scores: dict[str, object], as_json: bool) -> None:
    """An evaluation's scores: one JSON object, or a `key: value` line per score."""
    if as_json:
        echo_json(scores)
        return
    for key, value in scores.items():
        sys.stdout.write(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
