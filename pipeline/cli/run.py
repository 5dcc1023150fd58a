"""`claimtrack run`: the nightly job over the seeds files, and its summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli._common import (
    DEFAULTS,
    DbOption,
    Executor,
    JsonOption,
    echo_json,
    friendly_errors,
    load_settings,
    parse_date,
    say,
    warn,
)
from pipeline.errors import EXIT_SOURCES_FAILED, UsageError

if TYPE_CHECKING:
    from pipeline.runner.nightly import NightlyResult


@friendly_errors
def run(
    seeds: Annotated[
        list[Path] | None,
        typer.Option("--seeds", help="Seeds file (TOML); repeatable", show_default="seeds/*.toml"),
    ] = None,
    db: DbOption = None,
    reports_dir: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Where to write the reports",
            show_default=str(DEFAULTS.reports_dir),
        ),
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
        Executor | None,
        typer.Option(
            help="Where the model stages run: local or ray", show_default=DEFAULTS.executor
        ),
    ] = None,
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster for --executor ray: ray://HEAD:10001 or auto"),
    ] = None,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            show_default=False,
            help="Log progress on stderr; -vv for debug lines.",
        ),
    ] = 0,
    log_file: Annotated[
        Path | None,
        typer.Option("--log-file", help="Append the run's log to this file as JSON lines."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch every source, find claims and contradictions, store them, and write the reports."""
    from pipeline.logs import configure_logging, stop_logging
    from pipeline.runner.nightly import nightly_json, nightly_run

    configure_logging(verbose, log_file)
    try:
        settings = load_settings(db, executor=executor and executor.value, ray_address=address)
        nightly = nightly_run(
            _seeds_files(seeds),
            settings,
            reports_dir=None if no_report else (reports_dir or settings.reports_dir),
            dry_run=dry_run,
            since=parse_date(since, "--since"),
            limit=limit,
        )
    finally:
        stop_logging()
    if as_json:
        echo_json(nightly_json(nightly, settings.db_path))
    else:
        _print_summary(nightly, settings.db_path)
    if nightly.result.failed:
        raise typer.Exit(EXIT_SOURCES_FAILED)


def _seeds_files(given: list[Path] | None) -> list[Path]:
    files = given or sorted(Path("seeds").glob("*.toml"))
    if not files:
        raise UsageError("no seeds files: pass --seeds FILE or put TOML files in seeds/")
    return files


def _print_summary(nightly: NightlyResult, db_path: Path) -> None:
    """One line of counts, then a line per source that did not go well, then the reports."""
    result = nightly.result
    c = result.counts
    verb = "would be analysed" if result.dry_run else "analysed"
    extra = "".join(
        f", {c[f'sources_{status}']} {status}"
        for status in ("refused", "gone")
        if c[f"sources_{status}"]
    )
    say(
        f"{'dry run' if result.dry_run else 'run ' + result.run_id}: {c['sources_ok']}"
        f" sources {verb}, {c['sources_unchanged']} unchanged, {c['sources_skipped']}"
        f" skipped, {c['sources_failed']} failed{extra}, {c['sources_deferred']} deferred;"
        f" {c['claims_added']} claims added; {c['pairs']} pairs judged,"
        f" {c['contradictions']} contradicting; new: {c['versions_new']} versions,"
        f" {c['claims_new']} claims, {c['contradictions_new']} contradictions,"
        f" {c['points_new']} contested points ({nightly.seconds:.1f} s) -> {db_path}"
    )
    for outcome in result.outcomes:
        if outcome.status in ("failed", "skipped", "refused", "gone"):
            warn(outcome.status, outcome.error or "")
        elif outcome.error and outcome.status == "ok":  # a sitemap's refused children
            warn("note", outcome.error)
    for path in nightly.reports:
        say(f"report: {path}")
