"""What every `claimtrack` command shares: the common options, the consoles, settings from the
environment, JSON on stdout, reading input, and the error mapping.

Errors reach the user as one line on stderr and an exit code of their kind (see errors.py); an
error no code expected exits 4 too, never 1 ("some sources failed"). CLAIMTRACK_DEBUG=1 shows
its traceback. Text from outside (paths, errors, rows) is escaped before Rich prints it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import click
import typer
from rich.console import Console
from rich.markup import escape

from pipeline.config import Settings, settings_from_env
from pipeline.errors import EXIT_ERROR, ClaimtrackError, UsageError

if TYPE_CHECKING:
    from pipeline.store import Store

err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

# Help texts are Rich markup to Typer: no square brackets in them (a test reads every one). The
# defaults that come from the settings are shown by Typer's own `[default: ...]`, from the
# settings' own defaults, so the help cannot drift from the code.
DEFAULTS = Settings()

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file", show_default=str(DEFAULTS.db_path)),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


# The choices of --backend (pipeline.contradict.backends.BACKENDS) and --executor
# (pipeline.executors.EXECUTORS), named here so that help needs no model import; a test
# checks that they agree.
Backend = StrEnum("Backend", ["rules", "model", "nli"])
Executor = StrEnum("Executor", ["local", "ray"])


class ExportFormat(StrEnum):
    """The file formats of `export` (`pipeline.store.export.FORMATS`)."""

    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


class ReportFormat(StrEnum):
    """The file formats of `report` (`pipeline.report.FORMATS`)."""

    html = "html"
    md = "md"
    json = "json"
    csv = "csv"


class RowsFormat(StrEnum):
    """How `sql` and `sources list` print rows."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


RowsFormatOption = Annotated[
    RowsFormat,
    typer.Option(
        "--format",
        help="table: DuckDB's box fitted to the terminal (hidden middle columns and rows, the"
        " counts, the types, NULL as NULL); piped, plain tab-separated rows, as tsv, unless"
        " --width is given. csv, tsv and markdown write lists and structs as JSON; json, jsonl"
        " keep the types.",
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=20,
        help="Draw the table box this many characters wide, piped or not",
        show_default="the terminal's",
    ),
]
RowsJsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts: the same as --format json.")
]
LiveOption = Annotated[
    bool,
    typer.Option("--live", help="Read the store itself, not the snapshot the last run published."),
]
_BACKEND_HELP = "Verdict backend (nli: claimtrack's own NLI model)"
# `compare` judges a case's claims, as a run does; `pairs` and `evaluate pairs` judge pair lists.
BackendOption = Annotated[
    Backend | None,
    typer.Option("--backend", help=_BACKEND_HELP, show_default=DEFAULTS.verdict_backend),
]
PairsBackendOption = Annotated[
    Backend | None,
    typer.Option("--backend", help=_BACKEND_HELP, show_default=DEFAULTS.pairs_verdict_backend),
]
NliModelOption = Annotated[
    str | None,
    typer.Option("--nli-model", help="NLI cross-encoder for --backend nli: hub name or local path"),
]


def friendly_errors(func: F) -> F:
    """Turn any exception into one line on stderr and an exit code: a ClaimtrackError's own,
    4 for an OSError or anything unexpected (set CLAIMTRACK_DEBUG=1 for the traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimtrackError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            say("interrupted")
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
                error(f"{where}{exc.strerror}")
            else:
                error(f"{type(exc).__name__}: {exc} (CLAIMTRACK_DEBUG=1 shows the traceback)")
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper  # type: ignore[return-value]


def error(message: str) -> None:
    """`error: message` on stderr, on one line, the message printed as it is (no Rich markup)."""
    err.print(f"[red]error:[/red] {escape(' '.join(message.split()))}", markup=True)


def warn(label: str, message: str) -> None:
    """`label: message` on stderr, the label in yellow, the message printed as it is."""
    err.print(f"[yellow]{escape(label)}:[/yellow] {escape(message)}")


def say(message: str) -> None:
    """A line on stderr, printed as it is."""
    err.print(message, markup=False)


def _debug() -> bool:
    return os.environ.get("CLAIMTRACK_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def load_settings(db: Path | None = None, **changes: Any) -> Settings:
    """Settings from the environment, with the options given (those not None) in place."""
    given = {key: value for key, value in {"db_path": db, **changes}.items() if value is not None}
    return replace(settings_from_env(), **given)


@contextmanager
def read_store(db_path: Path, live: bool) -> Iterator[Store]:
    """The store read-only: its published snapshot, or the store itself with `live`."""
    from pipeline.store import Store
    from pipeline.store.snapshot import readable_path

    with Store.open(readable_path(db_path, live), read_only=True) as store:
        yield store


def parse_date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option as a date; anything else is a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: not a date (YYYY-MM-DD)") from None


def echo_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


def print_from_store(
    db: Path | None,
    live: bool,
    fmt: RowsFormat,
    as_json: bool,
    width: int | None,
    render: Callable[[Store, str, int], str],
) -> None:
    """Print what `render` makes of the store (read-only) in the format the options ask for."""
    shape, box_width = rows_format(fmt, as_json, width)
    with read_store(load_settings(db).db_path, live) as store:
        sys.stdout.write(render(store, shape, box_width))


def rows_format(fmt: RowsFormat, as_json: bool, width: int | None) -> tuple[str, int]:
    """The format to print rows in (`sql_output.relation_text`) and the box's width: `table` is
    DuckDB's box, at --width or the terminal's width, or tab-separated rows when piped."""
    if as_json and fmt not in (RowsFormat.table, RowsFormat.json):
        raise UsageError(f"--json and --format {fmt.value}: give one of them")
    if as_json:
        return "json", 0
    if fmt != RowsFormat.table:
        return fmt.value, 0
    if width is not None:
        return "box", width
    if sys.stdout.isatty():
        return "box", shutil.get_terminal_size().columns
    return "tsv", 0


def read_text(path: Path) -> str:
    """A file's text as UTF-8; a file that cannot be read or decoded is a UsageError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    return _decode(data, str(path))


def read_stdin() -> str:
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
