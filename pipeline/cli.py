"""The `claimtrack` command line: each command parses its arguments and calls one library function.

Errors reach the user as one line on stderr and an exit code of their kind (see errors.py).
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from pipeline.config import Settings, settings_from_env
from pipeline.errors import EXIT_ERROR, EXIT_SOURCES_FAILED, ClaimtrackError, UsageError

app = typer.Typer(
    help="Track claims in the media: who claimed what, and where the sides contradict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None, typer.Option("--db", help="DuckDB file [default: data/claimtrack.duckdb]")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def friendly_errors(func: F) -> F:
    """Turn ClaimtrackError into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimtrackError as exc:
            err.print(f"[red]error:[/red] {exc}", markup=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _settings(db: Path | None) -> Settings:
    settings = settings_from_env()
    return settings if db is None else replace(settings, db_path=db)


def _echo_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


@app.command()
@friendly_errors
def run(
    seeds: Annotated[
        list[Path] | None,
        typer.Option("--seeds", help="Seeds file (TOML); repeatable [default: seeds/*.toml]"),
    ] = None,
    db: DbOption = None,
    reports_dir: Annotated[
        Path | None, typer.Option(help="Where to write the reports [default: data/reports]")
    ] = None,
    no_report: Annotated[bool, typer.Option("--no-report", help="Skip writing reports.")] = False,
    executor: Annotated[
        str | None,
        typer.Option(help="Where the model stages run: local or ray [default: local]"),
    ] = None,
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster for --executor ray: ray://HEAD:10001 or auto"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch every source, find claims and contradictions, store them, and write the reports."""
    from pipeline.report import load_reports, write_reports
    from pipeline.run import run_pipeline
    from pipeline.seeds import load_seeds
    from pipeline.store import Store

    settings = _settings(db)
    if executor is not None:
        settings = replace(settings, executor=executor)
    if address is not None:
        settings = replace(settings, ray_address=address)
    files = seeds or sorted(Path("seeds").glob("*.toml"))
    if not files:
        raise UsageError("no seeds files: pass --seeds FILE or put TOML files in seeds/")
    cases = [case for path in files for case in load_seeds(path)]
    if len({c.id for c in cases}) != len(cases):
        raise UsageError("the same case id appears in more than one seeds file")
    started = time.perf_counter()
    with Store.open(settings.db_path) as store:
        result = run_pipeline(cases, store, settings, ",".join(str(f) for f in files))
        paths: list[Path] = []
        if not no_report:
            out = reports_dir or settings.reports_dir
            paths = write_reports(load_reports(store, [c.id for c in cases]), out)
    elapsed = time.perf_counter() - started
    if as_json:
        _echo_json(
            {
                "run_id": result.run_id,
                "seconds": round(elapsed, 2),
                "counts": result.counts,
                "failed": [{"source_id": o.source_id, "error": o.error} for o in result.failed],
                "reports": [str(p) for p in paths],
                "db": str(settings.db_path),
            }
        )
    else:
        c = result.counts
        err.print(
            f"run {result.run_id}: {c['sources_ok']} sources analysed, "
            f"{c['sources_unchanged']} unchanged, {c['sources_failed']} failed; "
            f"{c['claims_added']} claims added; {c['pairs']} pairs, "
            f"{c['contradictions']} contradicting ({elapsed:.1f} s) -> {settings.db_path}"
        )
        for outcome in result.failed:
            err.print(f"[yellow]failed:[/yellow] {outcome.error}", markup=True)
        for path in paths:
            err.print(f"report: {path}")
    if result.failed:
        raise typer.Exit(EXIT_SOURCES_FAILED)


@app.command()
@friendly_errors
def report(
    db: DbOption = None,
    case: Annotated[list[str] | None, typer.Option("--case", help="Case id; repeatable")] = None,
    min_score: Annotated[float, typer.Option(help="Leave out pairs scored below this")] = 0.0,
    output: Annotated[
        Path | None,
        typer.Option(help="Folder for report.md and report.html [default: data/reports]"),
    ] = None,
) -> None:
    """Write the contradiction report (Markdown and HTML) from the store."""
    from pipeline.report import load_reports, write_reports
    from pipeline.store import Store

    settings = _settings(db)
    with Store.open(settings.db_path, read_only=True) as store:
        reports = load_reports(store, case, min_score)
    if case and not reports:
        raise UsageError(f"no such case in the store: {', '.join(case)}")
    for path in write_reports(reports, output or settings.reports_dir):
        err.print(f"report: {path}")


@app.command()
@friendly_errors
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run, read-only")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run a read-only SQL query on the store and print the rows."""
    from pipeline.store import Store

    settings = _settings(db)
    with Store.open(settings.db_path, read_only=True) as store:
        columns, rows = store.query(query)
    if as_json:
        _echo_json([dict(zip(columns, row, strict=True)) for row in rows])
        return
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    # Piped output keeps whole rows: no wrapping at a guessed terminal width.
    Console(width=None if sys.stdout.isatty() else 10_000).print(table)


@app.command()
@friendly_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Plain-text or HTML files")],
    as_json: JsonOption = False,
) -> None:
    """Print the claims found in each file (offsets into the file's text as read)."""
    from pipeline.extract import extract_files, file_claims_json

    results = extract_files(files, settings_from_env())
    for result in results:
        if as_json:
            _echo_json(file_claims_json(result))
            continue
        if result.error:
            err.print(f"[yellow]{result.path}:[/yellow] {result.error}", markup=True)
            continue
        table = Table("kind", "speaker", "cue", "content", title=result.path)
        for c in result.claims:
            table.add_row(
                c.kind,
                c.speaker.text if c.speaker else "",
                c.cue.text if c.cue else "",
                c.content.text,
            )
        Console().print(table)
    if any(r.error for r in results):
        raise typer.Exit(EXIT_ERROR)


BackendOption = Annotated[
    str | None,
    typer.Option(
        "--backend", help="Verdict backend: model (built-in), rules, or nli [default: model]"
    ),
]
NliModelOption = Annotated[
    str | None,
    typer.Option("--nli-model", help="NLI cross-encoder for --backend nli: hub name or local path"),
]


def _backend(settings: Settings, backend: str | None, nli_model: str | None) -> Any:
    from pipeline.contradict.backend import make_backend

    return make_backend(backend or settings.verdict_backend, nli_model or settings.nli_model)


@app.command()
@friendly_errors
def pairs(
    file: Annotated[Path, typer.Argument(help='JSON lines {"id", "a", "b"}; - for stdin')],
    backend: BackendOption = None,
    nli_model: NliModelOption = None,
) -> None:
    """Judge statement pairs: prints {"id", "label", "score", "type", "evidence"} per line."""
    from pipeline.contradict.statements import read_statement_pairs, statement_pairs

    settings = settings_from_env()
    text = sys.stdin.read() if str(file) == "-" else _read_text(file)
    ids, texts = read_statement_pairs(text, str(file))
    judge = _backend(settings, backend, nli_model)
    verdicts = judge.judge_many(statement_pairs(texts, settings.spacy_model)) if texts else []
    for pair_id, verdict in zip(ids, verdicts, strict=True):
        _echo_json(
            {
                "id": pair_id,
                "label": verdict.label,
                "score": verdict.score,
                "type": verdict.type,
                "evidence": list(verdict.evidence),
                "reason": verdict.reason,
            }
        )


@app.command()
@friendly_errors
def compare(
    first: Annotated[str, typer.Argument(help="A file or http(s) URL")],
    second: Annotated[str, typer.Argument(help="Another file or URL")],
    backend: BackendOption = None,
    nli_model: NliModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """The claims of two texts and where they contradict, without touching the store."""
    from pipeline.compare import compare as compare_texts
    from pipeline.compare import comparison_json

    settings = settings_from_env()
    result = compare_texts([first, second], settings, _backend(settings, backend, nli_model))
    data = comparison_json(result)
    if as_json:
        _echo_json(data)
        return
    table = Table("type", "score", first, second, show_lines=True)
    for pair in data["pairs"]:  # type: ignore[attr-defined]
        if pair["label"] == "contradicts":
            table.add_row(pair["type"], f"{pair['score']:.2f}", pair["a_text"], pair["b_text"])
    Console().print(table)
    for point in data["contested_points"]:  # type: ignore[attr-defined]
        sys.stdout.write(f"contested: {point['label']} ({len(point['pairs'])} pairs)\n")


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None


evaluate_app = typer.Typer(
    help="Score the pipeline's stages on labelled data.", no_args_is_help=True
)
app.add_typer(evaluate_app, name="evaluate")


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

    scores = evaluate_attribution(gold, settings_from_env().spacy_model, limit).as_dict()
    if as_json:
        _echo_json(scores)
        return
    for key, value in scores.items():
        sys.stdout.write(f"{key}: {json.dumps(value)}\n")


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

    settings = settings_from_env()
    scores = evaluate_pairs(
        file, _backend(settings, backend, nli_model), settings.spacy_model, limit
    )
    if as_json:
        _echo_json(scores)
        return
    for key, value in scores.items():
        sys.stdout.write(f"{key}: {json.dumps(value)}\n")


if __name__ == "__main__":  # pragma: no cover
    app()
