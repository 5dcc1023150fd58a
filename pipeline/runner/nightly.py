"""`claimtrack run` as cron runs it: the run lock, the store, the run, reports, the snapshot.

The lock is taken before the store is opened, so a second run started while one is going
exits at once and touches nothing. A dry run opens the store read-only (or not at all when there
is none yet) and publishes nothing. The result is a record the CLI prints (`nightly_json` for
scripts); the run's end is logged with its counts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import ClaimtrackError, SnapshotError, UsageError
from pipeline.runner.lock import run_lock
from pipeline.runner.run import RunOptions, RunResult, run_pipeline
from pipeline.seeds import load_seeds_file
from pipeline.store import Store
from pipeline.store.migrations import MIGRATIONS
from pipeline.store.snapshot import publish_snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NightlyResult:
    result: RunResult
    reports: tuple[Path, ...] = ()
    snapshot: Path | None = None
    seconds: float = 0.0  # the whole job's, seeds to snapshot


def nightly_run(
    files: Sequence[Path],
    settings: Settings,
    *,
    reports_dir: Path | None,
    dry_run: bool = False,
    since: date | None = None,
    limit: int | None = None,
) -> NightlyResult:
    """Read the seeds files and run once over them, writing the reports into `reports_dir`
    (none when None); raise StoreLockedError if a run is going."""
    started = time.perf_counter()
    options = RunOptions(dry_run=dry_run, limit=limit, since=since)
    nightly = _nightly(files, settings, reports_dir, options)
    nightly = replace(nightly, seconds=time.perf_counter() - started)
    result = nightly.result
    log.info(
        "run finished",
        extra={
            "run_id": result.run_id,
            "dry_run": result.dry_run,
            "seconds": round(nightly.seconds, 2),
            **result.counts,
        },
    )
    return nightly


def nightly_json(nightly: NightlyResult, db_path: Path) -> dict[str, object]:
    """The run's summary for scripts (`claimtrack run --json`)."""
    result = nightly.result
    return {
        "run_id": result.run_id,
        "dry_run": result.dry_run,
        "seconds": round(nightly.seconds, 2),
        "counts": result.counts,
        "failed": [{"source_id": o.source_id, "error": o.error} for o in result.failed],
        "reports": [str(p) for p in nightly.reports],
        "db": str(db_path),
        "snapshot": str(nightly.snapshot) if nightly.snapshot else None,
    }


def _nightly(
    files: Sequence[Path], settings: Settings, reports_dir: Path | None, options: RunOptions
) -> NightlyResult:
    seeds = [load_seeds_file(path) for path in files]
    cases = [case for s in seeds for case in s.cases]
    feeds = [feed for s in seeds for feed in s.feeds]
    stories = [story for s in seeds for story in s.stories]
    if len({c.id for c in cases}) != len(cases):
        raise UsageError("the same case id appears in more than one seeds file")
    if len({f.feed_id for f in feeds}) != len(feeds):
        raise UsageError("the same feed appears in more than one seeds file")
    label = ",".join(str(f) for f in files)

    def run(store: Store | None) -> RunResult:
        return run_pipeline(
            cases, store, settings, label, feeds=feeds, stories=stories, options=options
        )

    if options.dry_run:  # writes nothing, not even the lock file; a writer's lock still stops it
        if not settings.db_path.exists():
            return NightlyResult(run(None))
        with Store.open(settings.db_path, read_only=True) as store:
            if store.schema_version() < MIGRATIONS[-1][0]:
                raise UsageError(
                    f"{settings.db_path} has an older schema: a run without --dry-run upgrades it"
                )
            return NightlyResult(run(store))
    with run_lock(settings.db_path), Store.open(settings.db_path) as store:
        result = run(store)
        reports: list[Path] = []
        if reports_dir is not None and _reports_due(result, reports_dir):
            from pipeline.report import load_provenance, load_reports, write_reports

            _, stories_rows = store.query("SELECT case_id FROM cases WHERE kind = 'story'")
            case_ids = list(dict.fromkeys([*result.case_ids, *(r[0] for r in stories_rows)]))
            provenance = load_provenance(store, settings.db_path.name, case_ids)
            reports = write_reports(
                load_reports(store, case_ids), reports_dir, provenance=provenance
            )
        snapshot = _publish(store, result.run_id)
    return NightlyResult(result, tuple(reports), snapshot)


def _publish(store: Store, run_id: str) -> Path:
    """Publish the snapshot; when that fails the run is recorded as failed, with the reason."""
    try:
        return publish_snapshot(store)
    except SnapshotError as exc:
        note = f"{exc} (the run's results are in the store)"
        try:
            store.runs.mark(run_id, "failed", note)
        except ClaimtrackError as marking:
            raise SnapshotError(
                f"run {run_id}: {note}; the run could not be marked failed either: {marking}"
            ) from exc
        raise SnapshotError(f"run {run_id}: {note}; the run is recorded as failed") from exc


def _reports_due(result: RunResult, reports_dir: Path) -> bool:
    """Reports are rewritten when the findings may have changed (or a document went or came
    back), or when they are missing."""
    counts = result.counts
    changed = counts.get("documents_analysed") or counts.get("pairs")
    changed = changed or counts.get("gone_marks_changed")
    return bool(changed) or not (reports_dir / "report.html").exists()
