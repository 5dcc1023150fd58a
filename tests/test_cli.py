"""The `claimtrack` command line, run as a user runs it: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_ERROR, EXIT_SOURCES_FAILED, EXIT_STORE_LOCKED, EXIT_USAGE
from tests.conftest import DemoRun, store_held_by_another_process
from tests.nightly_support import CASE, source, write_seeds

runner = CliRunner()


def test_extract_json_offsets_slice_back(tmp_path: Path) -> None:
    text = (
        "Kestrel denies AI caused outage\n\n"
        "The billing console was down for 13 hours, four people familiar with the matter said.\n"
        "“The agent was not the cause,” said Dana Whitlock, a spokesperson for Kestrel.\n"
        "According to the Ledger, engineers let the agent act without review. Naïve café ünïcode.\n"
    )
    txt = tmp_path / "story.txt"
    txt.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["extract", str(txt), "--json"])
    assert result.exit_code == 0, result.output
    (obj,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert obj["text"] == text  # a .txt file's text exactly as read
    kinds = {c["kind"] for c in obj["claims"]}
    assert {"indirect", "direct", "according_to"} <= kinds
    for claim in obj["claims"]:
        for key in ("speaker", "cue", "content"):
            span = claim[key]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]


def test_extract_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("The company said the outage lasted two hours.\n")
    empty.write_text("")
    result = runner.invoke(app, ["extract", str(empty), str(good), "--json"])
    assert result.exit_code == EXIT_USAGE
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["error"].endswith("empty document") and first["claims"] == []
    assert second["claims"][0]["speaker"]["text"] == "The company"


def test_a_missing_file_is_a_usage_error_for_extract_and_compare(tmp_path: Path) -> None:
    """The same mistake, the same exit code (README: exit codes)."""
    missing = str(tmp_path / "missing.txt")
    extract = runner.invoke(app, ["extract", missing])
    assert extract.exit_code == EXIT_USAGE, extract.output
    assert "missing.txt" in extract.stderr
    compare = runner.invoke(app, ["compare", missing, str(tmp_path / "other.txt")])
    assert compare.exit_code == EXIT_USAGE, compare.output
    assert "missing.txt" in compare.stderr


def test_sql_json_and_table(demo_run: DemoRun) -> None:
    query = "SELECT case_id, count(*) AS n FROM claims GROUP BY case_id ORDER BY case_id"
    result = runner.invoke(app, ["sql", query, "--db", str(demo_run.db_path), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["case_id"] for r in rows] == sorted(r["case_id"] for r in rows) and rows[0]["n"] > 0
    table = runner.invoke(app, ["sql", query, "--db", str(demo_run.db_path)])
    assert table.exit_code == 0 and "meridian-recall" in table.stdout


def test_sql_error_is_one_line_and_read_only(demo_run: DemoRun) -> None:
    bad = runner.invoke(app, ["sql", "SELEC nonsense", "--db", str(demo_run.db_path)])
    assert bad.exit_code == EXIT_ERROR
    assert len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.output
    write = runner.invoke(app, ["sql", "DELETE FROM claims", "--db", str(demo_run.db_path)])
    assert write.exit_code == EXIT_ERROR and "read-only" in write.stderr


def test_evaluate_points_json(
    demo_run: DemoRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default --gold is the checkout's, from any folder
    result = runner.invoke(app, ["evaluate", "points", "--db", str(demo_run.db_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["labelled"] == 17
    assert set(scores["cases"]) == {
        "kestrel-billing-outage",
        "meridian-recall",
        "orbis-driver-assist",
    }
    kestrel = scores["cases"]["kestrel-billing-outage"]
    assert "cause of the outage" in kestrel["found"]
    assert kestrel["points"] >= len(kestrel["unfounded"])


def test_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", "--seeds", str(tmp_path / "none.toml"), "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == EXIT_USAGE
    assert "seeds file not found" in result.stderr and "Traceback" not in result.output


def test_locked_store_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    with store_held_by_another_process(db) as pid:
        result = runner.invoke(app, ["sql", "SELECT 1", "--db", str(db)])
    assert result.exit_code == EXIT_STORE_LOCKED
    assert f"PID {pid}" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_report_command(demo_run: DemoRun, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            "--db",
            str(demo_run.db_path),
            "--case",
            "orbis-driver-assist",
            "--output",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "report.md").read_text("utf-8")
    assert "orbis-driver-assist" in markdown and "kestrel-billing-outage" not in markdown
    missing = runner.invoke(
        app, ["report", "--db", str(demo_run.db_path), "--case", "nope", "--output", str(tmp_path)]
    )
    assert missing.exit_code == EXIT_USAGE


def test_run_log_file_is_json_lines(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path, CASE + source("missing.html", "ledger", "report"))
    log_file = tmp_path / "logs" / "run.jsonl"
    args = ["run", "--seeds", str(seeds), "--db", str(tmp_path / "s.duckdb"), "--no-report"]
    result = runner.invoke(app, [*args, "-v", "--log-file", str(log_file)])
    assert result.exit_code == EXIT_SOURCES_FAILED, result.output
    assert "INFO pipeline.runner.nightly: run finished" in result.stderr
    lines = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    (finished,) = [line for line in lines if line["message"] == "run finished"]
    assert finished["logger"] == "pipeline.runner.nightly" and finished["level"] == "info"
    assert finished["sources_failed"] == 1 and finished["dry_run"] is False
    # the command leaves no handler behind; without -v the run logs nothing on stderr
    assert not logging.getLogger("pipeline").handlers
    quiet = runner.invoke(app, args)
    assert "run finished" not in quiet.stderr


def test_report_output_rules(demo_run: DemoRun, tmp_path: Path) -> None:
    """A file name with one format is that file, a folder takes several, `-` is standard output
    for one format; a suffix that contradicts --format, or two formats for one file, is a usage
    error that writes nothing."""
    db = ["report", "--db", str(demo_run.db_path), "--case", "orbis-driver-assist"]

    def report(*args: str) -> Any:
        return runner.invoke(app, [*db, *args])

    htm = tmp_path / "out.htm"
    assert report("--output", str(htm), "--format", "html").exit_code == 0
    assert htm.is_file() and htm.read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    inferred = tmp_path / "inferred.md"
    assert report("--output", str(inferred)).exit_code == 0  # the suffix picks the format
    assert inferred.is_file() and "orbis-driver-assist" in inferred.read_text("utf-8")
    folder = tmp_path / "both"
    assert report("--output", str(folder), "--format", "html", "--format", "md").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report.md"]
    for args in (
        ("--output", str(tmp_path / "r.html"), "--format", "md"),
        ("--output", str(tmp_path / "r.html"), "--format", "html", "--format", "md"),
        ("--output", "-", "--format", "html", "--format", "md"),
        ("--output", "-"),
    ):
        result = report(*args)
        assert result.exit_code == EXIT_USAGE, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "r.html").exists() and not Path("-").exists()
    stdout = report("--output", "-", "--format", "json")
    assert stdout.exit_code == 0 and json.loads(stdout.stdout)


def test_since_is_one_parser_with_one_message(tmp_path: Path) -> None:
    """`run --since` and `report --since` read a date the same way and say the same thing."""
    db = str(tmp_path / "x.duckdb")
    seeds = str(tmp_path / "seeds.toml")
    messages = set()
    for args in (["run", "--seeds", seeds], ["report"]):
        result = runner.invoke(app, [*args, "--db", db, "--since", "2026-13-01"])
        assert result.exit_code == EXIT_USAGE, result.output
        messages.add(result.stderr.strip())
    assert messages == {"error: --since '2026-13-01': not a date (YYYY-MM-DD)"}
