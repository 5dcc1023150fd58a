"""The commands on texts outside the store: `extract`, `compare` and `pairs`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.cli._common import (
    BackendOption,
    JsonOption,
    NliModelOption,
    PairsBackendOption,
    echo_json,
    friendly_errors,
    load_settings,
    read_stdin,
    read_text,
    warn,
)
from pipeline.contradict.backends import case_floor, make_backend
from pipeline.errors import EXIT_USAGE

if TYPE_CHECKING:
    from pipeline.runner.extract import FileClaims


@friendly_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Plain-text or HTML files")],
    as_json: JsonOption = False,
) -> None:
    """Print the claims found in each file, with offsets into the file's text as read.

    A file that is missing or has no text is reported and the others go on; the exit code is
    then 2, as `compare`'s for the same file."""
    from pipeline.runner.extract import extract_files, file_claims_json

    results = extract_files(files, load_settings())
    for result in results:
        if as_json:
            echo_json(file_claims_json(result))
        elif result.error:
            warn(str(result.path), str(result.error))
        else:
            _print_claims(result)
    if any(r.error for r in results):
        raise typer.Exit(EXIT_USAGE)


def _print_claims(result: FileClaims) -> None:
    table = Table("kind", "speaker", "cue", "content", title=escape(str(result.path)))
    for c in result.claims:
        table.add_row(
            escape(c.kind),
            escape(c.speaker.text) if c.speaker else "",
            escape(c.cue.text) if c.cue else "",
            escape(c.content.text),
        )
    Console().print(table)


@friendly_errors
def pairs(
    file: Annotated[Path, typer.Argument(help='JSON lines {"id", "a", "b"}; - for stdin')],
    backend: PairsBackendOption = None,
    nli_model: NliModelOption = None,
) -> None:
    """Judge statement pairs: prints {"id", "label", "score", "type", "evidence"} per line."""
    from pipeline.runner.pairs import judge_statement_lines, verdict_json

    settings = load_settings()
    text = read_stdin() if str(file) == "-" else read_text(file)
    verdicts = judge_statement_lines(
        text,
        str(file),
        (backend and backend.value) or settings.pairs_verdict_backend,
        nli_model or settings.nli_model,
        settings.spacy_model,
    )
    for pair_id, verdict in verdicts:
        echo_json(verdict_json(pair_id, verdict))


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

    settings = load_settings()
    judge = make_backend(
        (backend and backend.value) or settings.verdict_backend,
        nli_model or settings.nli_model,
        case_floor=case_floor(settings.verdict),
    )
    result = compare_texts([first, second], settings, judge)
    data = comparison_json(result)
    if as_json:
        echo_json(data)
        return
    table = Table("type", "score", escape(first), escape(second), show_lines=True)
    for pair in data["pairs"]:  # type: ignore[attr-defined]
        if pair["label"] == "contradicts":
            table.add_row(
                escape(pair["type"]),
                f"{pair['score']:.2f}",
                escape(pair["a_text"]),
                escape(pair["b_text"]),
            )
    Console().print(table)
    for point in data["contested_points"]:  # type: ignore[attr-defined]
        sys.stdout.write(f"contested: {point['label']} ({len(point['pairs'])} pairs)\n")
