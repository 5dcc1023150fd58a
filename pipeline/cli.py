"""The `claimtrack` command line: each command parses its arguments and calls one library function.

Errors reach the user as one line on stderr and an exit code of their kind (see errors.py); an
error no code expected exits 4 too, never 1 ("some sources failed"). CLAIMTRACK_DEBUG=1 shows
its traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.config import Settings, settings_from_env
from pipeline.errors import EXIT_ERROR, EXIT_SOURCES_FAILED, ClaimtrackError, UsageError
from pipeline.store.sql_output import TEXT_FORMATS, format_rows

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
LiveOption = Annotated[
    bool,
    typer.Option("--live", help="Read the store itself, not the snapshot the last run published."),
]


def friendly_errors(func: F) -> F:
    """Turn any exception into one line on stderr and an exit code: a ClaimtrackError's own,
    4 for an OSError or anything unexpected (set CLAIMTRACK_DEBUG=1 for the traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimtrackError as exc:
            _error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted", markup=False)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except click.ClickException:  # typer's own usage errors: it prints them
            raise
        except Exception as exc:
            if _debug():
                raise
            if isinstance(exc, OSError) and exc.strerror:
                where = f"{exc.filename}: " if exc.filename else ""
                _error(f"{where}{exc.strerror}")
            else:
                _error(f"{type(exc).__name__}: {exc} (CLAIMTRACK_DEBUG=1 shows the traceback)")
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper  # type: ignore[return-value]


def _error(message: str) -> None:
    """`error: message` on stderr, on one line, the message printed as it is (no Rich markup)."""
    err.print(f"[red]error:[/red] {escape(' '.join(message.split()))}", markup=True)


def _debug() -> bool:
    return os.environ.get("CLAIMTRACK_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


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
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Fetch and report what would change; write nothing.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(help="Leave out feed and sitemap entries published before this date"),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="Fetch at most N sources; the rest wait for the next run"),
    ] = None,
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
    from pipeline.runner.nightly import nightly_run

    settings = _settings(db)
    if executor is not None:
        settings = replace(settings, executor=executor)
    if address is not None:
        settings = replace(settings, ray_address=address)
    files = seeds or sorted(Path("seeds").glob("*.toml"))
    if not files:
        raise UsageError("no seeds files: pass --seeds FILE or put TOML files in seeds/")
    started = time.perf_counter()
    nightly = nightly_run(
        files,
        settings,
        reports_dir=None if no_report else (reports_dir or settings.reports_dir),
        dry_run=dry_run,
        since=_date_option(since),
        limit=limit,
    )
    result, paths = nightly.result, nightly.reports
    elapsed = time.perf_counter() - started
    failed = [{"source_id": o.source_id, "error": o.error} for o in result.failed]
    if as_json:
        _echo_json(
            {
                "run_id": result.run_id,
                "dry_run": result.dry_run,
                "seconds": round(elapsed, 2),
                "counts": result.counts,
                "failed": failed,
                "reports": [str(p) for p in paths],
                "db": str(settings.db_path),
                "snapshot": str(nightly.snapshot) if nightly.snapshot else None,
            }
        )
    else:
        c = result.counts
        verb = "would be analysed" if result.dry_run else "analysed"
        extra = "".join(
            f", {c[f'sources_{status}']} {status}"
            for status in ("refused", "gone")
            if c[f"sources_{status}"]
        )
        err.print(
            f"{'dry run' if result.dry_run else 'run ' + result.run_id}: {c['sources_ok']}"
            f" sources {verb}, {c['sources_unchanged']} unchanged, {c['sources_skipped']}"
            f" skipped, {c['sources_failed']} failed{extra}, {c['sources_deferred']} deferred;"
            f" {c['claims_added']} claims added; {c['pairs']} pairs judged,"
            f" {c['contradictions']} contradicting ({elapsed:.1f} s) -> {settings.db_path}",
            markup=False,
        )
        for outcome in result.outcomes:
            if outcome.status in ("failed", "skipped", "refused", "gone"):
                err.print(f"[yellow]{outcome.status}:[/yellow] {escape(outcome.error or '')}")
            elif outcome.error and outcome.status == "ok":  # a sitemap's refused children
                err.print(f"[yellow]note:[/yellow] {escape(outcome.error)}")
        for path in paths:
            err.print(f"report: {path}", markup=False)
    if result.failed:
        raise typer.Exit(EXIT_SOURCES_FAILED)


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--since {value!r}: not a date (YYYY-MM-DD)") from None


@app.command()
@friendly_errors
def report(
    db: DbOption = None,
    live: LiveOption = False,
    case: Annotated[list[str] | None, typer.Option("--case", help="Case id; repeatable")] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only pairs with a side dated on or after this day (YYYY-MM-DD)"),
    ] = None,
    min_score: Annotated[float, typer.Option(help="Leave out pairs scored below this")] = 0.0,
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help="html, md, json or csv; repeatable [default: html and md]"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            help="Folder for report.<format> [default: data/reports]; with one format, a file"
            " (or - for stdout)"
        ),
    ] = None,
) -> None:
    """Write the contradiction report (HTML, Markdown, JSON, CSV) from the store."""
    from pipeline.report import FORMATS, load_reports, render, write_reports
    from pipeline.store import Store
    from pipeline.store.snapshot import readable_path

    formats = list(dict.fromkeys(fmt or ["html", "md"]))
    for f in formats:
        if f not in FORMATS:
            raise UsageError(f"unknown format {f!r}: use {', '.join(FORMATS)}")
    day = _day(since)
    settings = _settings(db)
    with Store.open(readable_path(settings.db_path, live), read_only=True) as store:
        reports = load_reports(store, case, min_score, day)
    missing = sorted(set(case or ()) - {r.case_id for r in reports})
    if missing:
        raise UsageError(f"no such case in the store: {', '.join(missing)}")
    single_file = (
        output is not None
        and len(formats) == 1
        and (str(output) == "-" or output.suffix.lstrip(".") in ("html", "md", "json", "csv"))
    )
    if single_file and output is not None:
        text = render(reports, formats[0])
        if str(output) == "-":
            sys.stdout.write(text)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        err.print(f"report: {output}", markup=False)
        return
    for path in write_reports(reports, output or settings.reports_dir, formats):
        err.print(f"report: {path}", markup=False)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--since wants a day as YYYY-MM-DD, not {text!r}") from None


@app.command()
@friendly_errors
def export(
    output: Annotated[Path, typer.Option(help="Folder to write the files into")],
    db: DbOption = None,
    table: Annotated[
        list[str] | None,
        typer.Option(
            "--table", help="claims, pairs, documents or points; repeatable [default: all]"
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or jsonl")] = "parquet",
    live: LiveOption = False,
    as_json: JsonOption = False,
) -> None:
    """Export claims (with URLs and character offsets), pairs, documents and contested points
    to Parquet, CSV or JSON lines."""
    from pipeline.store import Store
    from pipeline.store.export import TABLES, export_tables
    from pipeline.store.snapshot import readable_path

    settings = _settings(db)
    with Store.open(readable_path(settings.db_path, live), read_only=True) as store:
        written = export_tables(store, table or list(TABLES), fmt, output)
    if as_json:
        _echo_json([{"file": str(path), "rows": rows} for path, rows in written])
        return
    for path, rows in written:
        err.print(f"export: {path} ({rows} rows)", markup=False)


@app.command()
@friendly_errors
def sql(
    query: Annotated[
        str | None, typer.Argument(help="SQL to run, read-only; - reads it from stdin")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the SQL from a file")
    ] = None,
    db: DbOption = None,
    live: LiveOption = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or jsonl")] = "table",
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    load: Annotated[
        list[str] | None,
        typer.Option(
            "--load",
            metavar="NAME=FILE",
            help="Load a local CSV, Parquet or JSON file as the table NAME; repeatable",
        ),
    ] = None,
) -> None:
    """Run a read-only SQL query on the store's snapshot and print the rows (views and macros:
    pipeline/store/SCHEMA.md). Only SELECT runs; the query reads no file but the store and the
    --load files, and never the network."""
    from pipeline.store import Store
    from pipeline.store.snapshot import readable_path

    fmt = "json" if as_json else fmt
    if fmt not in ("table", *TEXT_FORMATS):
        raise UsageError(f"unknown format {fmt!r}: use table, {', '.join(TEXT_FORMATS)}")
    tables = _load_options(load or [])
    text = _sql_text(query, file)
    settings = _settings(db)
    with Store.open_for_analysts(readable_path(settings.db_path, live), tables) as store:
        columns, rows = store.analyst_query(text)
    _print_rows(columns, rows, fmt)


def _load_options(values: list[str]) -> dict[str, Path]:
    """`--load NAME=FILE` options as table names and files."""
    tables: dict[str, Path] = {}
    for value in values:
        name, sep, file = value.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or not file:
            raise UsageError(f"--load {value!r}: write NAME=FILE, NAME a plain table name")
        if name in tables:
            raise UsageError(f"--load: the table name {name!r} is given twice")
        tables[name] = Path(file).expanduser()
    return tables


def _print_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    """Rows as a table on the terminal, or as CSV, JSON or JSON lines for scripts."""
    if fmt != "table":
        sys.stdout.write(format_rows(columns, rows, fmt))
        return
    table = Table(*(escape(c) for c in columns), show_lines=False)
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    # Piped output keeps whole rows: no wrapping at a guessed terminal width.
    Console(width=None if sys.stdout.isatty() else 10_000).print(table)


def _sql_text(query: str | None, file: Path | None) -> str:
    if (query is None) == (file is None):
        raise UsageError("give the SQL as an argument, - for stdin, or --file FILE")
    if file is not None:
        return _read_text(file)
    return _read_stdin() if query == "-" else str(query)


def _read_stdin() -> str:
    """Standard input as UTF-8 text; anything else is a UsageError, not a traceback."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # already text (a test's StringIO)
        return sys.stdin.read()
    return _decode(stream.read(), "standard input")


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


@app.command()
@friendly_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Plain-text or HTML files")],
    as_json: JsonOption = False,
) -> None:
    """Print the claims found in each file (offsets into the file's text as read)."""
    from pipeline.runner.extract import extract_files, file_claims_json

    results = extract_files(files, settings_from_env())
    for result in results:
        if as_json:
            _echo_json(file_claims_json(result))
            continue
        if result.error:
            err.print(f"[yellow]{escape(str(result.path))}:[/yellow] {escape(str(result.error))}")
            continue
        table = Table("kind", "speaker", "cue", "content", title=escape(str(result.path)))
        for c in result.claims:
            table.add_row(
                c.kind,
                escape(c.speaker.text) if c.speaker else "",
                escape(c.cue.text) if c.cue else "",
                escape(c.content.text),
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
    from pipeline.config import VerdictSettings
    from pipeline.contradict.base import make_backend

    chosen = VerdictSettings(backend or settings.verdict_backend, nli_model or settings.nli_model)
    return make_backend(chosen)


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
    text = _read_stdin() if str(file) == "-" else _read_text(file)
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
    from pipeline.runner.compare import compare as compare_texts
    from pipeline.runner.compare import comparison_json

    settings = settings_from_env()
    result = compare_texts([first, second], settings, _backend(settings, backend, nli_model))
    data = comparison_json(result)
    if as_json:
        _echo_json(data)
        return
    table = Table("type", "score", escape(first), escape(second), show_lines=True)
    for pair in data["pairs"]:  # type: ignore[attr-defined]
        if pair["label"] == "contradicts":
            table.add_row(
                pair["type"], f"{pair['score']:.2f}", escape(pair["a_text"]), escape(pair["b_text"])
            )
    Console().print(table)
    for point in data["contested_points"]:  # type: ignore[attr-defined]
        sys.stdout.write(f"contested: {point['label']} ({len(point['pairs'])} pairs)\n")


sources_app = typer.Typer(
    help="The sources, feeds and sitemaps the runs fetch.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")


@sources_app.command("list")
@friendly_errors
def sources_list(
    db: DbOption = None, live: LiveOption = False, as_json: JsonOption = False
) -> None:
    """Every source, feed and sitemap with its case or story, last fetch, status and error."""
    from pipeline.store import Store
    from pipeline.store.snapshot import readable_path

    settings = _settings(db)
    with Store.open(readable_path(settings.db_path, live), read_only=True) as store:
        columns, rows = store.source_listing()
    _print_rows(columns, rows, "json" if as_json else "table")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    return _decode(data, str(path))


def _print_scores(scores: dict[str, object], as_json: bool) -> None:
    """An evaluation's scores: one JSON object, or a `key: value` line per score."""
    if as_json:
        _echo_json(scores)
        return
    for key, value in scores.items():
        sys.stdout.write(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")


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

    settings = settings_from_env()
    scores = evaluate_pairs(
        file, _backend(settings, backend, nli_model), settings.spacy_model, limit
    )
    _print_scores(scores, as_json)


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

    scores = score_points(_settings(db).db_path, load_gold(gold))
    _print_scores(scores, as_json)


if __name__ == "__main__":  # pragma: no cover
    app()
