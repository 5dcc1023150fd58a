"""`claimtrack evaluate`: score the pipeline's stages on labelled data."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.cli._common import (
    DbOption,
    JsonOption,
    NliModelOption,
    PairsBackendOption,
    echo_json,
    friendly_errors,
    load_settings,
)
from pipeline.contradict.backends import make_backend
from pipeline.errors import UsageError

# The demo corpus's labelled points, in the checkout beside the package (data/ is not package
# data, as models/ is): found from the package's own place, not the current folder.
DEMO_GOLD = Path("data/demo/contested_points.toml")


def demo_gold() -> Path:
    """The demo gold file of the checkout this package runs from; none (an installed wheel)
    is a UsageError that says to pass --gold."""
    import pipeline

    path = Path(pipeline.__file__).resolve().parent.parent / DEMO_GOLD
    if not path.is_file():
        raise UsageError(f"no {DEMO_GOLD} beside the installed package: pass --gold FILE")
    return path


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
    backend: PairsBackendOption = None,
    nli_model: NliModelOption = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N pairs")] = None,
    as_json: JsonOption = False,
) -> None:
    """Score a verdict backend on labelled pairs: per-label precision, recall and F1."""
    from pipeline.evaluate.pairs import evaluate_pairs

    settings = load_settings()
    judge = make_backend(
        (backend and backend.value) or settings.pairs_verdict_backend,
        nli_model or settings.nli_model,
    )
    _print_scores(evaluate_pairs(file, judge, settings.spacy_model, limit), as_json)


@evaluate_app.command("points")
@friendly_errors
def evaluate_points_command(
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            help="Labelled contested points: a TOML file, or a dispute set folder"
            " (index.json, cases.toml, texts/)",
            show_default=f"{DEMO_GOLD} of the claimtrack checkout",
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score a run's contested points against hand-labelled ones. With a TOML file: found,
    missed, unfounded, on the store. With a dispute set folder: per case, the points found and
    missed with the stage that lost each, on the store given by --db, else on a fresh run of
    the set's cases.toml."""
    gold = gold or demo_gold()
    if gold.is_dir():
        _evaluate_dispute_set(gold, db, as_json)
        return
    from pipeline.evaluate.points import load_gold, score_points

    _print_scores(score_points(load_settings(db).db_path, load_gold(gold)), as_json)


def _evaluate_dispute_set(folder: Path, db: Path | None, as_json: bool) -> None:
    """Score the store `db`, or a run of the set into a temporary store, on the set."""
    from pipeline.evaluate.dispute_set import load_dispute_set
    from pipeline.evaluate.disputes import read_store, score_disputes

    dispute_set = load_dispute_set(folder)
    if db is not None:
        if not db.is_file():
            raise UsageError(f"{db}: no such store")
        scores = score_disputes(dispute_set, read_store(db))
    else:
        from pipeline.runner.nightly import nightly_run

        with tempfile.TemporaryDirectory(prefix="claimtrack-points-") as tmp:
            settings = load_settings(Path(tmp) / "points.duckdb")
            nightly_run([dispute_set.seeds], settings, reports_dir=None)
            scores = score_disputes(dispute_set, read_store(settings.db_path))
    if as_json:
        echo_json(scores)
    else:
        sys.stdout.write(render_dispute_scores(scores))


def render_dispute_scores(scores: dict[str, Any]) -> str:
    """The scores of a dispute set as text: a line per case, each miss with its stage, then
    the overall figures."""
    lines = [
        f"{'case':44} {'found':>7} {'cand.':>5} {'pairs':>5} {'p/found':>7} {'points':>6}"
        f" {'agr.contr':>9}"
    ]
    for case, row in scores["cases"].items():
        per_found = row["pairs_per_found_point"]
        lines.append(
            f"{case:44} {len(row['found']):>3}/{row['points']:<3} {row['candidates']:>5}"
            f" {row['contradicting_pairs']:>5} {'-' if per_found is None else per_found:>7}"
            f" {row['contested_points']:>6}"
            f" {len(row['agreements_contradicted'])}/{row['agreements']:<7}"
        )
        lines += [f"    found: {label}" for label in row["found"]]
        lines += [f"    missed ({m['lost_at']}): {m['point']}" for m in row["missed"]]
    lines += [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in scores.items()
        if key not in ("cases", "details")
    ]
    return "\n".join(lines) + "\n"


def _print_scores(scores: dict[str, object], as_json: bool) -> None:
    """An evaluation's scores: one JSON object, or a `key: value` line per score."""
    if as_json:
        echo_json(scores)
        return
    for key, value in scores.items():
        sys.stdout.write(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
