"""What the command line shows a person is the text it was given: help texts, defaults, errors
and query results are never read as Rich markup, and every default is shown."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer
from rich.text import Text
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Settings
from pipeline.errors import EXIT_ERROR, EXIT_USAGE

runner = CliRunner()


def _commands() -> dict[str, click.Command]:
    """Every command of `claimtrack`, by its words ("run", "evaluate points"...)."""
    found: dict[str, click.Command] = {}

    def walk(command: click.Command, words: list[str]) -> None:
        subcommands = getattr(command, "commands", None)  # a group (Typer's is no click.Group)
        if subcommands is not None:
            for name, sub in subcommands.items():
                walk(sub, [*words, name])
        else:
            found[" ".join(words)] = command

    walk(typer.main.get_command(app), [])
    return found


def _help(words: str) -> str:
    """`claimtrack WORDS --help` as one line: no box drawing, no wrapping."""
    result = runner.invoke(app, [*words.split(), "--help"])
    assert result.exit_code == 0, result.output
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())


def test_no_help_text_is_read_as_markup() -> None:
    """Typer reads help texts and docstrings as Rich markup: any `[word]` in one vanishes."""
    commands = _commands()
    assert {"run", "sql", "evaluate points", "sources list"} <= set(commands)
    for words, command in commands.items():
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        for text in texts:
            assert Text.from_markup(text).plain == text, (words, text)


def test_help_shows_every_default() -> None:
    defaults = Settings()
    run = _help("run")
    assert f"DuckDB file [default: ({defaults.db_path})]" in run
    assert "[default: (seeds/*.toml)]" in run
    assert f"Where to write the reports [default: ({defaults.reports_dir})]" in run
    assert f"local or ray [default: ({defaults.executor})]" in run
    report = _help("report")
    assert "[default: (html and md)]" in report and f"[default: ({defaults.reports_dir})]" in report
    assert "[default: (all)]" in _help("export")
    # compare judges claims as a run does; pairs and evaluate pairs judge pair lists
    assert defaults.verdict_backend != defaults.pairs_verdict_backend
    for words, backend in (
        ("compare", defaults.verdict_backend),
        ("pairs", defaults.pairs_verdict_backend),
        ("evaluate pairs", defaults.pairs_verdict_backend),
    ):
        assert f"NLI model) [default: ({backend})]" in _help(words), words


def test_error_with_brackets_prints_as_it_is(tmp_path: Path) -> None:
    seeds = tmp_path / "empty.toml"
    seeds.write_text("", "utf-8")
    result = runner.invoke(app, ["run", "--seeds", str(seeds), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == EXIT_USAGE
    assert "no [[case]] tables (nor [[feed]] or [[sitemap]])" in result.stderr


def test_sql_prints_the_query_and_values_as_typed(tmp_path: Path) -> None:
    db = str(tmp_path / "none.duckdb")
    missing = runner.invoke(app, ["sql", "SELECT entities[bogus]", "--db", db])
    assert missing.exit_code != 0
    from pipeline.store import Store

    with Store.open(tmp_path / "s.duckdb"):
        pass
    db = str(tmp_path / "s.duckdb")
    bad = runner.invoke(app, ["sql", "SELECT entities[bogus] FROM claims", "--db", db, "--live"])
    assert bad.exit_code == EXIT_ERROR
    assert "SELECT entities[bogus] FROM claims" in bad.stderr
    query = "SELECT '[bold]x[/bold]' AS \"[red]c\""
    table = runner.invoke(app, ["sql", query, "--db", db, "--live"])
    assert table.exit_code == 0, table.output
    assert "[red]c" in table.stdout and "[bold]x[/bold]" in table.stdout
