"""`claimtrack report`: the reports of the cases asked for, read from the store and written as
files in a folder, as one file, or returned as text for standard output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.report import FORMATS, load_reports, render, write_reports
from pipeline.store import Store
from pipeline.store.snapshot import readable_path

STDOUT = Path("-")


@dataclass(frozen=True)
class WrittenReports:
    """The files written, or, for an output of `-`, the one report's text to print."""

    paths: tuple[Path, ...] = ()
    text: str | None = None


def reports_from_store(
    db_path: Path,
    *,
    live: bool,
    formats: Sequence[str],
    output: Path | None,
    reports_dir: Path,
    case_ids: Sequence[str] | None = None,
    min_score: float = 0.0,
    since: date | None = None,
) -> WrittenReports:
    """Read the reports of `case_ids` (all when None) from the store's snapshot (the store
    itself with `live`) and write each of `formats` into `output` or `reports_dir`. With one
    format and an `output` named like a report file (or `-`), write that file (or return its text).
    A case the store does not have is a UsageError."""
    with Store.open(readable_path(db_path, live), read_only=True) as store:
        reports = load_reports(store, case_ids, min_score, since)
    missing = sorted(set(case_ids or ()) - {r.case_id for r in reports})
    if missing:
        raise UsageError(f"no such case in the store: {', '.join(missing)}")
    if output is not None and len(formats) == 1 and _one_file(output):
        text = render(reports, formats[0])
        if output == STDOUT:
            return WrittenReports(text=text)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        return WrittenReports((output,))
    return WrittenReports(tuple(write_reports(reports, output or reports_dir, formats)))


def _one_file(output: Path) -> bool:
    return output == STDOUT or output.suffix.lstrip(".") in FORMATS
