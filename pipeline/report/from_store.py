"""`claimtrack report`: the reports of the cases asked for, read from the store and written as
files in a folder, as one file, or returned as text for standard output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.report import FORMATS, load_provenance, load_reports, render, write_reports
from pipeline.store import Store
from pipeline.store.snapshot import readable_path

STDOUT = Path("-")


@dataclass(frozen=True)
class WrittenReports:
    """The files written, or, for an output of `-`, the one report's text to print."""

    paths: tuple[Path, ...] = ()
    text: str | None = None


# A `--output` ending in one of these is a report file of that format.
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".csv": "csv",
}
DEFAULT_FORMATS = ("html", "md")


@dataclass(frozen=True)
class Target:
    """Where the reports go: one format into `file` (STDOUT: standard output), or
    report.<format> per format into `folder`."""

    formats: tuple[str, ...]
    file: Path | None = None
    folder: Path | None = None


def report_target(output: Path | None, formats: Sequence[str] | None, reports_dir: Path) -> Target:
    """The rules of `--output` (formats None: none given, `--format` unset):

    - none: report.<format> per format (default html and md) in `reports_dir`;
    - `-`: standard output, for exactly one format;
    - a name ending in a report suffix (.html, .htm, .md, .markdown, .json, .csv) or an
      existing file: that file, for exactly one format; the suffix must name the format given
      (without --format, it picks it);
    - anything else (an existing folder, a name without such a suffix): a folder of
      report.<format> files.

    Anything else is a UsageError, before anything is read or written."""
    for fmt in formats or ():
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    given = tuple(dict.fromkeys(formats or ()))
    if output is None:
        return Target(given or DEFAULT_FORMATS, folder=reports_dir)
    if output == STDOUT:
        if len(given) != 1:
            raise UsageError("--output - (standard output) takes exactly one --format")
        return Target(given, file=STDOUT)
    named = SUFFIXES.get(output.suffix.lower())
    if output.is_dir() or (named is None and not output.is_file()):
        return Target(given or DEFAULT_FORMATS, folder=output)
    if len(given) > 1:
        raise UsageError(
            f"--output {output} is a file: it takes one --format; give a folder for several"
        )
    if given and named is not None and given[0] != named:
        raise UsageError(f"--output {output} names a {named} file, but --format is {given[0]}")
    if given:
        return Target(given, file=output)
    if named is None:
        raise UsageError(f"--output {output} is a file: say which --format to write into it")
    return Target((named,), file=output)


def reports_from_store(
    db_path: Path,
    *,
    live: bool,
    formats: Sequence[str] | None,
    output: Path | None,
    reports_dir: Path,
    case_ids: Sequence[str] | None = None,
    min_score: float = 0.0,
    since: date | None = None,
) -> WrittenReports:
    """Read the reports of `case_ids` (all when None) from the store's snapshot (the store
    itself with `live`) and write them where `report_target` says (`-`: return the text).
    A case the store does not have is a UsageError."""
    target = report_target(output, formats, reports_dir)
    with Store.open(readable_path(db_path, live), read_only=True) as store:
        reports = load_reports(store, case_ids, min_score, since)
        provenance = load_provenance(store, db_path.name, case_ids, min_score, since)
    missing = sorted(set(case_ids or ()) - {r.case_id for r in reports})
    if missing:
        raise UsageError(f"no such case in the store: {', '.join(missing)}")
    if target.file is not None:
        text = render(reports, target.formats[0], provenance)
        if target.file == STDOUT:
            return WrittenReports(text=text)
        target.file.parent.mkdir(parents=True, exist_ok=True)
        target.file.write_text(text, encoding="utf-8")
        return WrittenReports((target.file,))
    assert target.folder is not None
    return WrittenReports(tuple(write_reports(reports, target.folder, target.formats, provenance)))
