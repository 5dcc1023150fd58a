"""`claimtrack sql` at the terminal and in pipes: DuckDB's box at a width, plain rows when piped,
CSV cells as `export` writes them, bound parameters; `tables` and `schema` with the descriptions
stored as comments; the command line's surface (--version, -h, completion, choices)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app, version
from pipeline.cli._common import Backend, Executor, ReportFormat
from pipeline.contradict.backends import BACKENDS
from pipeline.errors import EXIT_USAGE
from pipeline.executors import EXECUTORS
from pipeline.report import FORMATS as REPORT_FORMATS
from pipeline.store.comments import parse_comments, schema_doc
from pipeline.store.export import TABLES
from tests.conftest import DemoRun

runner = CliRunner()
WIDE = "SELECT * EXCLUDE (first_seen_run, first_seen_at) FROM v_contradictions ORDER BY pair_id"


def _sql(demo_run: DemoRun, *args: str) -> str:
    result = runner.invoke(app, ["sql", *args, "--db", str(demo_run.db_path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_22_column_view_fits_100_columns(demo_run: DemoRun) -> None:
    out = _sql(demo_run, "SELECT * FROM v_points ORDER BY case_id, score DESC", "--width", "100")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "…" in lines[1]  # the middle columns are hidden
    assert "case_id" in lines[1] and "first_seen_at" in lines[1]
    assert "varchar" in lines[2] and "timestamp with time zone" in lines[2]  # types
    (points,) = _one(demo_run, "SELECT count(*) FROM contested_points")
    assert re.fullmatch(rf"  {points} rows +22 columns \(\d+ shown\)", lines[-1]), lines[-1]
    # more rows than the box shows: the first and last, and how many there are
    wide = _sql(demo_run, WIDE, "--width", "100", "--max-rows", "10").splitlines()
    (contradictions,) = _one(demo_run, "SELECT count(*) FROM v_contradictions")
    assert f"{contradictions} rows (10 shown)" in " ".join(wide[-2:])


def _one(demo_run: DemoRun, sql: str) -> tuple[object, ...]:
    with duckdb.connect(str(demo_run.db_path), read_only=True) as con:
        row = con.execute(sql).fetchone()
    assert row is not None
    return row


def test_null_is_null_in_the_box_and_empty_in_csv(demo_run: DemoRun) -> None:
    query = "SELECT NULL::VARCHAR AS nothing, 1 AS one"
    assert "│ NULL    │" in _sql(demo_run, query, "--width", "40")
    assert _sql(demo_run, query, "--format", "csv") == "nothing,one\n,1\n"


def test_piped_table_is_plain_tab_separated(demo_run: DemoRun) -> None:
    out = _sql(demo_run, "SELECT 'a' AS x, [1, 2] AS l, true AS b")
    assert out == "x\tl\tb\na\t[1,2]\ttrue\n"
    assert _sql(demo_run, "SELECT 'a' AS x, [1, 2] AS l, true AS b", "--format", "tsv") == out


def test_sql_csv_is_export_csv(demo_run: DemoRun, tmp_path: Path) -> None:
    """Lists, structs, booleans and dates: the same cells from `sql` and `export`."""
    exported = runner.invoke(
        app,
        ["export", "--output", str(tmp_path), "--format", "csv", "--db", str(demo_run.db_path)],
    )
    assert exported.exit_code == 0, exported.output
    for table in ("claims", "documents"):
        from_export = list(csv.reader((tmp_path / f"{table}.csv").open(encoding="utf-8")))
        from_sql = list(csv.reader(io.StringIO(_sql(demo_run, TABLES[table], "--format", "csv"))))
        assert from_sql == from_export, table
    header, first = from_export[0], from_export[1]
    row = dict(zip(header, first, strict=True))
    assert row["fetched_at"] and "T" not in row["fetched_at"]  # DuckDB's own timestamp text
    claims = list(csv.DictReader((tmp_path / "claims.csv").open(encoding="utf-8")))
    assert claims[0]["hedged"] in ("true", "false")
    assert isinstance(json.loads(claims[0]["entities"]), list)
    assert json.loads(claims[0]["content_parts"])[0]["end"] > 0


def test_markdown_cells_are_escaped(demo_run: DemoRun) -> None:
    out = _sql(demo_run, "SELECT 'a|b <i>' || chr(10) || 'c' AS t", "--format", "markdown")
    assert out == "| t |\n|---|\n| a\\|b &lt;i&gt; c |\n"


def test_parameters_are_bound_not_spliced(demo_run: DemoRun) -> None:
    query = "SELECT count(*) AS n FROM claims WHERE case_id = $case"
    found = _sql(demo_run, query, "--param", "case", "meridian-recall", "--json")
    assert json.loads(found)[0]["n"] > 0
    sneaky = _sql(demo_run, query, "--param", "case", "x' OR '1'='1", "--json")
    assert json.loads(sneaky)[0]["n"] == 0
    two = _sql(demo_run, "SELECT $a AS a, $b AS b", "--param", "a", "1", "--param", "b", "x y")
    assert two == "a\tb\n1\tx y\n"
    db = ["--db", str(demo_run.db_path)]
    for args in (
        [query],  # $case not given
        [query, "--param", "case", "x", "--param", "other", "y"],  # $other not used
        [query, "--param", "case", "x", "--param", "case", "y"],
        [query, "--param", "case"],
    ):
        result = runner.invoke(app, ["sql", *args, *db])
        assert result.exit_code == EXIT_USAGE, (args, result.output)


def test_json_and_a_format_conflict(demo_run: DemoRun) -> None:
    both = runner.invoke(
        app, ["sql", "SELECT 1", "--json", "--format", "csv", "--db", str(demo_run.db_path)]
    )
    assert both.exit_code == EXIT_USAGE


def test_sources_list_formats(demo_run: DemoRun) -> None:
    db = ["--db", str(demo_run.db_path)]
    listing = runner.invoke(app, ["sources", "list", *db, "--format", "csv"])
    assert listing.exit_code == 0, listing.output
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert rows and {"kind", "location", "status"} <= set(rows[0])
    as_json = runner.invoke(app, ["sources", "list", *db, "--json"])
    assert json.loads(as_json.stdout)[0]["location"] == rows[0]["location"]


def test_descriptions_are_comments_any_client_reads(demo_run: DemoRun) -> None:
    con = duckdb.connect(str(demo_run.db_path), read_only=True)
    (claims,) = con.execute(
        "SELECT comment FROM duckdb_tables() WHERE table_name = 'claims'"
    ).fetchone()
    assert claims == "one row per attributed claim: who said what, where"
    (hedged,) = con.execute(
        "SELECT comment FROM duckdb_columns()"
        " WHERE table_name = 'claims' AND column_name = 'hedged'"
    ).fetchone()
    assert "reportedly" in hedged
    views = dict(
        con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    )
    assert all(views.values()), views
    macros = con.execute(
        "SELECT function_name, comment FROM duckdb_functions() WHERE function_type = 'table_macro'"
        " AND database_name = current_database()"
    ).fetchall()
    assert macros and all(comment for _, comment in macros), macros
    # a view's column: as the Views table explains it, or as the tables that have it say
    view_columns = dict(
        con.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'v_claims'"
        ).fetchall()
    )
    assert view_columns["relayed"].startswith("true when the claim speaks for another side")
    assert view_columns["claim_text"] == "the pieces joined: what is compared"
    assert view_columns["case_id"] is None  # the tables say different things of it
    # every column of every table is described in SCHEMA.md
    undescribed = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() c"
        " JOIN duckdb_tables() t USING (table_name)"
        " WHERE c.comment IS NULL AND table_name <> 'schema_migrations'"
    ).fetchall()
    assert undescribed == [], undescribed


def test_schema_md_parses() -> None:
    comments = parse_comments(schema_doc())
    assert comments.columns[("parties", "aliases")].startswith("other names")
    assert comments.objects["v_claims"].startswith("one row per claim")


def test_tables_and_schema(demo_run: DemoRun) -> None:
    db = ["--db", str(demo_run.db_path)]
    tables = runner.invoke(app, ["tables", *db, "--json"])
    assert tables.exit_code == 0, tables.output
    by_name = {row["name"]: row for row in json.loads(tables.stdout)}
    assert by_name["claims"]["kind"] == "table" and by_name["claims"]["rows"] > 0
    assert by_name["v_claims"]["kind"] == "view" and by_name["v_claims"]["description"]
    assert by_name["speaker_claims(who)"]["kind"] == "macro"
    schema = runner.invoke(app, ["schema", "claims", *db, "--json"])
    columns = {row["column"]: row for row in json.loads(schema.stdout)}
    assert (
        columns["hedged"]["type"] == "BOOLEAN" and "reportedly" in columns["hedged"]["description"]
    )
    everything = runner.invoke(app, ["schema", *db, "--format", "csv"])
    assert everything.exit_code == 0 and "v_timeline" in everything.stdout
    missing = runner.invoke(app, ["schema", "nope", *db])
    assert missing.exit_code == EXIT_USAGE and "v_claims" in missing.stderr


def test_version_help_alias_and_completion() -> None:
    assert version()
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"claimtrack {version()}\n"
    assert runner.invoke(app, ["sql", "-h"]).exit_code == 0
    top = runner.invoke(app, ["-h"])
    assert "--install-completion" in top.stdout and "--show-completion" in top.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["sql", "SELECT 1", "--format", "xml"],
        ["sources", "list", "--format", "xml"],
        ["export", "--output", "x", "--format", "xml"],
        ["compare", "a.txt", "b.txt", "--backend", "bogus"],
        ["run", "--executor", "bogus"],
        ["report", "--format", "pdf"],
    ],
)
def test_choices_are_checked_before_anything_runs(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output


def test_enums_match_the_library() -> None:
    assert {b.value for b in Backend} == set(BACKENDS)
    assert {e.value for e in Executor} == set(EXECUTORS)
    assert {f.value for f in ReportFormat} == set(REPORT_FORMATS)
