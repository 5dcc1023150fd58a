"""The analysts' side of the store on the demo run: every view and macro, `claimtrack sql` in
every format and from every input, and `claimtrack export` in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_USAGE
from pipeline.store import Store
from pipeline.store.export import TABLES
from pipeline.store.views import VIEWS
from tests.conftest import DemoRun

runner = CliRunner()


def _one(demo_run: DemoRun, sql: str) -> list[tuple[object, ...]]:
    with Store.open(demo_run.db_path, read_only=True) as store:
        return store.query(sql)[1]


def test_every_view_and_macro_exists(demo_run: DemoRun) -> None:
    names = {n for n, _ in VIEWS}
    found = {r[0] for r in _one(demo_run, "SELECT view_name FROM duckdb_views()")}
    found |= {r[0] for r in _one(demo_run, "SELECT function_name FROM duckdb_functions()")}
    assert names <= found


def test_v_claims_has_one_row_per_claim_with_its_document(demo_run: DemoRun) -> None:
    ((claims, rows, with_url, with_sentence),) = _one(
        demo_run,
        "SELECT (SELECT count(*) FROM claims), count(*), count(url), count(sentence) FROM v_claims",
    )
    assert claims == rows == with_url == with_sentence > 200


def test_v_contradictions_and_by_case(demo_run: DemoRun) -> None:
    ((pairs, rows, in_points),) = _one(
        demo_run,
        "SELECT (SELECT count(*) FROM claim_pairs WHERE label = 'contradicts'), count(*),"
        " count(point_id) FROM v_contradictions",
    )
    assert pairs == rows == in_points > 0
    by_case = _one(
        demo_run,
        "SELECT case_id, contradictions, contested_points, strongest FROM"
        " v_contradictions_by_case ORDER BY case_id",
    )
    assert [r[0] for r in by_case] == [
        "kestrel-billing-outage",
        "meridian-recall",
        "orbis-driver-assist",
    ]
    assert sum(int(str(r[1])) for r in by_case) == pairs
    assert all(int(str(r[2])) >= 1 and float(str(r[3])) > 0.5 for r in by_case)


def test_v_rebuttals_points_the_rebuttal_at_the_report(demo_run: DemoRun) -> None:
    rows = _one(
        demo_run,
        "SELECT sr.role, sd.role, r.contradictions FROM v_rebuttals r"
        " JOIN documents a ON a.document_id = r.rebutting_document"
        " JOIN documents b ON b.document_id = r.rebutted_document"
        " JOIN sources sr ON sr.source_id = a.source_id"
        " JOIN sources sd ON sd.source_id = b.source_id",
    )
    assert rows
    assert ("rebuttal", "report") in {(r[0], r[1]) for r in rows}
    assert all(r[1] != "rebuttal" or r[0] == "rebuttal" for r in rows)


def test_speaker_claims_over_time(demo_run: DemoRun) -> None:
    rows = _one(
        demo_run,
        "SELECT document_date, speaker_name, party_name FROM speaker_claims('whitlock')",
    )
    assert rows and all("Whitlock" in str(r[1]) or "Whitlock" in str(r[2]) for r in rows)
    dates = [r[0] for r in rows]
    assert dates == sorted(dates)  # type: ignore[type-var]
    org = _one(demo_run, "SELECT DISTINCT party_name FROM speaker_claims('Orbis Motors')")
    assert org == [("Orbis Motors",)]


def test_claims_mentioning_an_entity(demo_run: DemoRun) -> None:
    rows = _one(demo_run, "SELECT entities, claim_text FROM claims_mentioning('laneguard')")
    assert rows and all("laneguard" in f"{r[0]} {r[1]}".lower() for r in rows)
    assert _one(demo_run, "SELECT count(*) FROM claims_mentioning('nosuchword')") == [(0,)]


def test_recent_contradictions_by_first_seen(demo_run: DemoRun) -> None:
    """Recent means first seen by a run in the last N days, whatever the documents' dates."""
    ((total,),) = _one(demo_run, "SELECT count(*) FROM v_contradictions")
    rows = _one(demo_run, "SELECT score FROM recent_contradictions(1)")
    assert rows and len(rows) == total
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)  # type: ignore[type-var]
    assert _one(demo_run, "SELECT count(*) FROM recent_contradictions(0)") == [(0,)]
    ((newest,),) = _one(demo_run, "SELECT max(latest_date) FROM v_contradictions")
    assert isinstance(newest, date) and newest < date.today()  # dated long before: still recent


QUERY = "SELECT case_id, count(*) AS n FROM claims GROUP BY case_id ORDER BY case_id"


def test_v_timeline_dates_every_document_version_claim_and_point(demo_run: DemoRun) -> None:
    rows = _one(
        demo_run,
        "SELECT event, count(*), sum(claims), count(event_at), count(DISTINCT case_id)"
        " FROM v_timeline GROUP BY event ORDER BY event",
    )
    counts = {r[0]: r[1:] for r in rows}
    ((documents, dated, versions, claim_keys, points),) = _one(
        demo_run,
        "SELECT (SELECT count(*) FROM documents),"
        " (SELECT count(*) FROM documents WHERE TRY_CAST(published AS DATE) IS NOT NULL),"
        " (SELECT count(*) FROM document_versions),"
        " (SELECT count(DISTINCT (document_id, claim_key)) FROM claims),"
        " (SELECT count(DISTINCT (case_id, label)) FROM (SELECT case_id, label"
        " FROM contested_points UNION ALL SELECT case_id, label FROM point_history))",
    )
    assert dated == documents and counts["published"][0] == dated
    assert counts["version"][0] == versions and counts["point"][0] == points
    assert counts["claims"][1] == claim_keys  # each claim once, in its party's row
    assert all(c[2] == c[0] for c in counts.values())  # every event dated
    assert {c[3] for c in counts.values()} == {3}  # in every case
    order = _one(
        demo_run,
        "SELECT event FROM v_timeline WHERE case_id = 'kestrel-billing-outage'"
        " ORDER BY event_at, seq",
    )
    assert order[0] == ("published",) and order[-1] == ("point",)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "table", "markdown", "json", "jsonl", "box"])
def test_sql_formats(demo_run: DemoRun, fmt: str) -> None:
    args = ["--format", "table", "--width", "60"] if fmt == "box" else ["--format", fmt]
    result = runner.invoke(app, ["sql", QUERY, "--db", str(demo_run.db_path), *args])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
    elif fmt in ("tsv", "table"):  # a table piped is plain tab-separated text
        rows = list(csv.DictReader(io.StringIO(out), delimiter="\t"))
    elif fmt == "markdown":
        lines = out.splitlines()
        assert lines[:2] == [
            "| case\\_id | n |",
            "|---|---|",
        ]  # escaped: Markdown reads _ as emphasis
        rows = [
            dict(zip(["case_id", "n"], line.strip("| ").split(" | "), strict=True))
            for line in lines[2:]
        ]
    elif fmt == "json":
        rows = json.loads(out)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        assert "meridian-recall" in out and " int64 │" in out and "3 rows, 2 columns" in out
        return
    assert [r["case_id"] for r in rows] == [
        "kestrel-billing-outage",
        "meridian-recall",
        "orbis-driver-assist",
    ]
    assert all(int(r["n"]) > 0 for r in rows)


def test_sql_from_stdin_and_file(demo_run: DemoRun, tmp_path: Path) -> None:
    db = ["--db", str(demo_run.db_path), "--format", "jsonl"]
    stdin = runner.invoke(app, ["sql", "-", *db], input=QUERY)
    (tmp_path / "q.sql").write_text(QUERY, "utf-8")
    file = runner.invoke(app, ["sql", "--file", str(tmp_path / "q.sql"), *db])
    assert stdin.exit_code == file.exit_code == 0 and stdin.stdout == file.stdout
    # lists, structs and dates come out as JSON
    rich = runner.invoke(
        app, ["sql", "SELECT content_parts, document_date FROM v_claims LIMIT 1", *db]
    )
    row = json.loads(rich.stdout)
    assert row["content_parts"][0]["end"] > row["content_parts"][0]["start"]
    assert date.fromisoformat(row["document_date"])


@pytest.mark.parametrize(
    "args",
    [[], [QUERY, "--file", "x.sql"], ["--file", "/no/such.sql"], [QUERY, "--format", "xml"]],
)
def test_sql_usage_errors(demo_run: DemoRun, args: list[str]) -> None:
    result = runner.invoke(app, ["sql", *args, "--db", str(demo_run.db_path)])
    assert result.exit_code == EXIT_USAGE and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_every_table(demo_run: DemoRun, tmp_path: Path, fmt: str) -> None:
    result = runner.invoke(
        app,
        ["export", "--db", str(demo_run.db_path), "--format", fmt, "--output", str(tmp_path),
         "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)
    assert [Path(w["file"]).stem for w in written] == list(TABLES)
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
    con = duckdb.connect()
    for w in written:
        (count,) = con.execute(f"SELECT count(*) FROM {reader}(?)", [w["file"]]).fetchone()  # type: ignore[misc]
        assert count == w["rows"] > 0
    claims = con.execute(
        f"SELECT claim_id, url, content_start, content_end, content_text FROM"
        f" {reader}(?) ORDER BY claim_id",
        [str(tmp_path / f"claims.{fmt}")],
    ).fetchall()
    text = dict(
        _one(
            demo_run, "SELECT c.claim_id, d.text FROM claims c JOIN documents d USING (document_id)"
        )
    )
    # the offsets slice the claim back out of its document's text
    for claim_id, url, start, end, content in claims:
        assert url and str(text[claim_id])[start:end] == content


def test_export_rejects_unknown_table_and_format(demo_run: DemoRun, tmp_path: Path) -> None:
    db = ["--db", str(demo_run.db_path), "--output", str(tmp_path)]
    assert runner.invoke(app, ["export", *db, "--table", "secrets"]).exit_code == EXIT_USAGE
    assert runner.invoke(app, ["export", *db, "--format", "xlsx"]).exit_code == EXIT_USAGE


def test_schema_page_documents_every_table_and_column(demo_run: DemoRun) -> None:
    page = (Path(__file__).parent.parent / "pipeline" / "store" / "SCHEMA.md").read_text("utf-8")
    columns = _one(
        demo_run,
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = 'main' AND table_name NOT IN (SELECT view_name FROM duckdb_views())"
        " AND table_name <> 'schema_migrations'",
    )
    sections = {
        name: page.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for name in {str(t) for t, _ in columns}
        if f"### `{name}`" in page
    }
    missing = [f"{t}.{c}" for t, c in columns if f"`{c}`" not in sections.get(str(t), "")]
    assert not missing, f"document these in pipeline/store/SCHEMA.md: {missing}"
    for name, _ in VIEWS:
        assert f"`{name}" in page


def test_v_claims_names_the_outlet_and_relayed_claims(demo_run: DemoRun) -> None:
    rows = _one(
        demo_run,
        "SELECT c.relayed, c.party_id = s.party_id, c.outlet_id = s.party_id, c.role = s.role"
        " FROM v_claims c JOIN documents d USING (document_id)"
        " JOIN sources s ON s.source_id = d.source_id",
    )
    assert rows and all(relayed != same and outlet and role for relayed, same, outlet, role in rows)
    assert {relayed for relayed, *_ in rows} == {True, False}
    # a company's claims quoted in a newspaper's report are relayed by that newspaper
    (quoted,) = _one(
        demo_run,
        "SELECT count(*) FROM v_claims WHERE relayed AND party_name = 'Kestrel Cloud'"
        " AND outlet = 'The Harbour Ledger'",
    )
    assert quoted[0] > 0


def test_v_documents_one_row_per_document(demo_run: DemoRun) -> None:
    rows = _one(demo_run, "SELECT outlet, role, document_date, claims FROM v_documents")
    (documents,) = _one(demo_run, "SELECT count(*) FROM documents")
    assert len(rows) == documents[0]
    assert all(
        outlet and role in ("report", "rebuttal", "coverage") and day
        for outlet, role, day, _ in rows
    )
    (claims,) = _one(demo_run, "SELECT count(*) FROM claims")
    assert sum(n for *_, n in rows) == claims[0]


def test_v_points_carry_their_strongest_pair(demo_run: DemoRun) -> None:
    rows = _one(
        demo_run,
        "SELECT t.score, t.pairs, len(p.pair_ids), t.a_party <> t.b_party, t.a_claim, t.b_claim,"
        " (SELECT max(score) FROM claim_pairs x WHERE list_contains(p.pair_ids, x.pair_id))"
        " FROM v_points t JOIN contested_points p USING (point_id)",
    )
    (points,) = _one(demo_run, "SELECT count(*) FROM contested_points")
    assert len(rows) == points[0] > 0
    for score, pairs, listed, sides, a_claim, b_claim, strongest in rows:
        assert pairs == listed and sides and a_claim and b_claim and score == strongest


def test_v_speakers_with_their_party(demo_run: DemoRun) -> None:
    rows = _one(
        demo_run, "SELECT party_name, claims FROM v_speakers WHERE speaker_name = 'Dana Whitlock'"
    )
    assert rows and all(party and n > 0 for party, n in rows)
    (total,) = _one(
        demo_run,
        "SELECT sum(claims) = (SELECT count(*) FROM claims WHERE speaker_name IS NOT NULL)"
        " FROM v_speakers",
    )
    assert total[0]


def test_claims_mentioning_matches_words_of_the_claim_text(demo_run: DemoRun) -> None:
    recall = _one(demo_run, "SELECT claim_text, matched FROM claims_mentioning('RECALL')")
    assert recall and all(re.search(r"\brecall\b", t, re.IGNORECASE) for t, _ in recall)
    assert _one(demo_run, "SELECT * FROM claims_mentioning('recal')") == []  # whole words only
    ranked = _one(demo_run, "SELECT matched FROM claims_mentioning('recall jars')")
    assert ranked[0][0] == 2 and [m for (m,) in ranked] == sorted(
        (m for (m,) in ranked), reverse=True
    )
    # an entity still finds its claims, and regex characters are plain text
    assert _one(demo_run, "SELECT count(*) FROM claims_mentioning('Kestrel')")[0][0] > 0
    assert _one(demo_run, "SELECT * FROM claims_mentioning('.* (')") == []
