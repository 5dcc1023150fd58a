"""Document versions over loopback: a report edited twice (a claim removed; then a number
corrected and a correction appended) and then gone keeps every version and its claims, dated by
the runs that first saw them, and what changed between them (sentences, claims, the correction
notice, the contradiction that went); a rerun with nothing new adds nothing. And a store from
before versions (migration 6), or from before changes (migration 7), upgrades in place without
losing a row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_OK
from pipeline.store import Store
from pipeline.store.migrations import MIGRATIONS
from tests.conftest import fetch_settings, store_at_migration
from tests.loopback import Reply, ScriptedServer, html
from tests.nightly_support import settings_env, source, write_seeds

runner = CliRunner()

CASE = """
[[case]]
id = "brennick"
title = "Brennick depot closure"
[case.parties.courier]
name = "The Coastal Courier"
aliases = ["Coastal Courier", "the Courier", "Marek Olsen", "Olsen", "Ilse Varga", "Varga"]
[case.parties.tallow]
name = "Tallow Freight"
aliases = ["Tallow", "the company", "Rhea Dunmore", "Dunmore"]
"""

TITLE = "Tallow Freight depot in Brennick shut after fire alarm"
OPENING = (
    "Tallow Freight closed its depot in Brennick on Monday after a fire alarm, and hundreds of"
    " parcels were held up across the county."
)
HOURS = "Union steward Marek Olsen said the depot was closed for {} hours on Monday."
SPRINKLERS = "Warehouse manager Ilse Varga said the sprinklers had failed twice in March."
PARCELS = "Rhea Dunmore, a Tallow Freight spokesperson, said no parcels were lost."
CORRECTION = (
    "Correction: An earlier version of this article said the depot was closed for 13 hours."
    " It was closed for 11 hours."
)
VERSIONS = (
    html(TITLE, OPENING, HOURS.format(13), SPRINKLERS, PARCELS),  # as first published
    html(TITLE, OPENING, HOURS.format(13), PARCELS),  # a claim removed
    html(TITLE, OPENING, HOURS.format(11), PARCELS, CORRECTION),  # corrected, with a notice
)
REBUTTAL = html(
    "Statement on the Brennick depot",
    "Tallow Freight said the Brennick depot was closed for two hours on Monday.",
    "Rhea Dunmore, a Tallow Freight spokesperson, said no parcels were lost.",
)
PAGE = {"Content-Type": "text/html; charset=utf-8"}

VERSION_ROWS = """
SELECT version_no, current, first_seen_run, claims, gone_status, gone_run
FROM v_document_versions WHERE url LIKE '%/report' ORDER BY version_no
"""
CLAIM_ROWS = """
SELECT version_no, current, claim_text, first_seen_run, superseded_run
FROM v_version_claims WHERE document_id = (SELECT document_id FROM documents
                                           WHERE url LIKE '%/report')
ORDER BY version_no, claim_text
"""
GROWING = ("document_versions", "claims", "claim_history", "claim_pairs", "pair_history")


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.query(sql)[1]


def _sizes(db: Path) -> dict[str, int]:
    return {t: _query(db, f"SELECT count(*) FROM {t}")[0][0] for t in GROWING}


def test_every_version_of_an_edited_then_gone_page_is_kept(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    replies = [Reply(200, body, {**PAGE, "ETag": f'"v{n}"'}) for n, body in enumerate(VERSIONS)]
    gone = Reply(410, b"gone", {"Content-Type": "text/plain"})
    report = scripted.route("/report", *replies, replies[-1], gone)
    rebuttal = scripted.page("/rebuttal", REBUTTAL)
    seeds = write_seeds(
        tmp_path,
        CASE + source(report, "courier", "report") + source(rebuttal, "tallow", "rebuttal"),
    )
    settings = fetch_settings(tmp_path, scripted)
    db = settings.db_path
    env = settings_env(settings)

    def run() -> tuple[str, dict[str, int]]:
        result = runner.invoke(
            app, ["run", "--no-report", "--seeds", str(seeds), "--json"], env=env
        )
        assert result.exit_code == EXIT_OK, result.output
        out = json.loads(result.stdout)
        return out["run_id"], out["counts"]

    (r1, c1), (r2, c2), (r3, c3) = run(), run(), run()
    assert (c1["versions_new"], c2["versions_new"], c3["versions_new"]) == (2, 1, 1)
    assert c1["claims_new"] > 0 and c2["claims_new"] == 0  # a claim removed: none new
    assert c3["claims_new"] >= 1  # the corrected number

    versions = _query(db, VERSION_ROWS)
    assert [v[:3] for v in versions] == [(1, False, r1), (2, False, r2), (3, True, r3)]
    ((current,),) = _query(db, "SELECT version_id FROM documents WHERE url LIKE '%/report'")
    assert _query(db, f"SELECT current FROM v_document_versions WHERE version_id = '{current}'")[
        0
    ] == (True,)

    claims = _query(db, CLAIM_ROWS)
    by_version = {n: [c[2] for c in claims if c[0] == n] for n in (1, 2, 3)}
    assert all(by_version.values())
    assert [n for n, texts in by_version.items() if any("sprinklers" in t for t in texts)] == [1]
    assert [
        n
        for n, texts in by_version.items()
        if "the depot was closed for 13 hours on Monday" in texts
    ] == [1, 2]
    assert [
        n
        for n, texts in by_version.items()
        if "the depot was closed for 11 hours on Monday" in texts
    ] == [3]
    assert {c[1] for c in claims if c[0] == 3} == {True} and {c[1] for c in claims if c[0] < 3} == {
        False
    }
    # a claim unchanged through the edits is still first seen by the first run
    assert {c[3] for c in claims if "no parcels" in c[2]} == {r1}
    assert {c[3] for c in claims if "11 hours" in c[2]} == {r3}  # the number and the notice
    assert {c[4] for c in claims if c[0] == 1} == {r2} and {c[4] for c in claims if c[0] == 2} == {
        r3
    }
    # pairing uses the current version only; every pair, kept or retired, names a stored claim
    assert _query(
        db,
        "SELECT count(*) FROM claims c JOIN documents d USING (document_id)"
        " WHERE c.version_id <> d.version_id",
    ) == [(0,)]
    every_claim = "(SELECT claim_id, version_id, claim_text FROM claims UNION ALL"
    every_claim += " SELECT claim_id, version_id, claim_text FROM claim_history)"
    sides = (
        "SELECT label, retired_run, claim_a AS claim_id, version_a AS version_id FROM pair_history"
        " UNION ALL SELECT label, retired_run, claim_b, version_b FROM pair_history"
        " UNION ALL SELECT label, NULL, claim_a, version_a FROM claim_pairs"
        " UNION ALL SELECT label, NULL, claim_b, version_b FROM claim_pairs"
    )
    named = _query(
        db,
        f"SELECT s.label, s.retired_run, c.claim_text FROM ({sides}) s"
        f" LEFT JOIN {every_claim} c USING (claim_id, version_id)",
    )
    assert named and all(text is not None for _, _, text in named)
    # the contradiction of the uncorrected number is kept, retired by the run that corrected it
    retired = {(label, run) for label, run, text in named if "13 hours on Monday" in text}
    assert ("contradicts", r3) in retired, retired

    before = _sizes(db)
    r4, c4 = run()  # the same third version again: nothing new
    assert {k: c4[k] for k in c4 if k.endswith("_new") and k != "entries_new"} == dict.fromkeys(
        ("versions_new", "claims_new", "pairs_new", "contradictions_new", "points_new"), 0
    )
    assert _sizes(db) == before
    assert _query(
        db, f"SELECT versions_new, claims_new, pairs_new FROM runs WHERE run_id = '{r4}'"
    ) == [(0, 0, 0)]
    assert _query(
        db, f"SELECT last_seen_run FROM document_versions WHERE version_id = '{current}'"
    ) == [(r4,)]

    r5, c5 = run()  # gone: the last version stays current, marked with the run that saw it go
    assert c5["sources_gone"] == 1 and c5["versions_new"] == 0
    versions = _query(db, VERSION_ROWS)
    assert [v[:2] for v in versions] == [(1, False), (2, False), (3, True)]
    assert versions[2][4:] == (410, r5) and [v[4:] for v in versions[:2]] == [(None, None)] * 2
    assert _query(db, CLAIM_ROWS) == claims
    assert _sizes(db) == before
    _check_changes(db, r1, r2, r3)


CHANGE_ROWS = """
SELECT run_id, from_version_no, to_version_no, kind, text FROM v_changes
WHERE url LIKE '%/report' ORDER BY changed_at, part, seq
"""


def _check_changes(db: Path, r1: str, r2: str, r3: str) -> None:
    """What changed between the versions is stored, by the run that saw it; the correction
    notice is the version's correction, not a claim; `changes_since` a run is that run's."""
    rows = _query(db, CHANGE_ROWS)
    assert {r[0] for r in rows} == {r2, r3}  # the first version changed nothing
    second = [(r[3], r[4]) for r in rows if r[0] == r2]
    assert {r[1:3] for r in rows if r[0] == r2} == {(1, 2)}
    assert second == [
        ("sentence_removed", SPRINKLERS),
        ("claim_removed", "the sprinklers had failed twice in March"),
    ]
    third = [(r[3], r[4]) for r in rows if r[0] == r3]
    assert {r[1:3] for r in rows if r[0] == r3} == {(2, 3)}
    notice = " ".join(CORRECTION.split())
    assert ("sentence_changed", f"{HOURS.format(13)} → {HOURS.format(11)}") in third
    assert ("claim_removed", "the depot was closed for 13 hours on Monday") in third
    assert ("claim_added", "the depot was closed for 11 hours on Monday") in third
    assert ("correction_added", notice) in third
    gone = [text for kind, text in third if kind == "contradiction_gone"]
    assert gone and all(t.startswith("the depot was closed for 13 hours") for t in gone), third
    assert any("Tallow Freight: " in t and "two hours" in t for t in gone)
    # the notice is stored with its version and makes no claim of the page's own voice
    assert _query(
        db,
        "SELECT v.version_no, d.corrections FROM v_document_versions v"
        " JOIN document_versions d USING (version_id) WHERE v.url LIKE '%/report'"
        " ORDER BY v.version_no",
    ) == [(1, []), (2, []), (3, [notice])]
    assert not [
        c
        for c in _query(db, "SELECT claim_text, sentence FROM v_version_claims")
        if "earlier version" in c[1] or "It was closed" in c[1]
    ]
    # changes since the last run that changed something: exactly that run's
    since = _query(db, f"SELECT run_id, kind, text FROM changes_since('{r3}')")
    assert since == [(r[0], r[3], r[4]) for r in rows if r[0] == r3]
    assert [r[1:] for r in _query(db, f"SELECT run_id, kind FROM changes_since('{r2}')")] == [
        (r[3],) for r in rows
    ]
    ((started,),) = _query(
        db, f"SELECT CAST(started_at AS VARCHAR) FROM runs WHERE run_id = '{r3}'"
    )
    assert _query(db, f"SELECT run_id, kind, text FROM changes_since('{started}')") == since
    assert _query(db, "SELECT count(*) FROM changes_since(DATE '2000-01-01')") == [(len(rows),)]
    assert r1 not in {r[0] for r in _query(db, "SELECT run_id FROM changes_since('2000-01-01')")}
    with Store.open(db, read_only=True) as store, pytest.raises(Exception, match="neither"):
        store.query("SELECT * FROM changes_since('no such run')")
    # the timeline, and the report's, show what the edits changed
    events = _query(
        db,
        "SELECT event, version_no, text FROM v_timeline WHERE event IN ('sentence_changed',"
        " 'claim_removed', 'contradiction_gone', 'contradiction_appeared') ORDER BY event_at, seq",
    )
    assert ("claim_removed", 2, "the sprinklers had failed twice in March") in events
    assert ("sentence_changed", 3, f"{HOURS.format(13)} → {HOURS.format(11)}") in events
    assert any(e[0] == "contradiction_gone" and e[1] == 3 and "two hours" in e[2] for e in events)
    from pipeline.report.records import load_reports

    with Store.open(db, read_only=True) as store:
        (report,) = load_reports(store)
    said = [e.what for e in report.timeline]
    assert any(
        w.startswith("contradiction gone in version 3: the depot was closed for 13") for w in said
    )
    assert any(w.startswith("sentence changed in version 3:") for w in said)


def _every_row(con: Any) -> dict[str, tuple[list[str], list[Any]]]:
    """Each table of an older store: its columns and its rows, in order."""
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
    return {
        t: (
            [d[0] for d in con.execute(f"SELECT * FROM {t} LIMIT 0").description],
            con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall(),
        )
        for t in tables
    }


def _assert_rows_kept(store: Store, before: dict[str, tuple[list[str], list[Any]]]) -> None:
    """Every row of the older store is still there, under its old columns."""
    for table, (columns, old) in before.items():
        _, rows = store.query(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL")
        assert rows[: len(old)] == old, table


def test_a_store_from_before_versions_upgrades_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "six.duckdb"
    con = store_at_migration(path, 6)
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, status, claimtrack_version,"
        " duckdb_version) VALUES ('run1', '2026-02-20 01:00:00+00', '2026-02-20 01:01:00+00',"
        " 'ok', '0', '1'), ('run2', '2026-02-21 01:00:00+00', NULL, 'ok', '0', '1')"
    )
    con.execute("INSERT INTO cases (case_id, title, kind) VALUES ('k', 'A case', 'case')")
    con.execute(
        "INSERT INTO sources (source_id, case_id, location, party_id, role, status, document_id,"
        " last_run_id, last_attempt_at, kind) VALUES"
        " ('s1', 'k', '/r', 'a', 'report', 'unchanged', 'd1', 'run2', '2026-02-21 01:00:00+00',"
        " 'page'), ('s2', 'k', '/b', 'b', 'rebuttal', 'ok', 'd2', 'run1', NULL, 'page')"
    )
    con.execute(
        "INSERT INTO run_sources VALUES ('run1', 's1', 'ok', NULL, 200),"
        " ('run2', 's1', 'unchanged', NULL, 304), ('run1', 's2', 'ok', NULL, 200)"
    )
    con.execute(
        "INSERT INTO documents (document_id, source_id, case_id, url, text, content_hash,"
        " analysis_key, fetched_at) VALUES"
        " ('d1', 's1', 'k', 'http://x/r', 'A said it lasted 13 hours.', 'h1', 'a1',"
        " '2026-02-20 01:00:30+00'),"
        " ('d2', 's2', 'k', 'http://x/b', 'B said it lasted two hours.', 'h2', 'a2',"
        " '2026-02-20 01:00:40+00')"
    )
    for claim, doc, party, text in (
        ("c1", "d1", "a", "it lasted 13 hours"),
        ("c2", "d2", "b", "it lasted two hours"),
    ):
        con.execute(
            "INSERT INTO claims VALUES (?, ?, 'k', ?, 'indirect', 'X', 'X', 0, 1, 'said', 2, 6,"
            " ?, 7, 25, 0, 26, 'asserted', false, [], 'th', 'rules-4', ?,"
            " [{'start': 7, 'end': 25}], ['13 hours'], [])",
            [claim, doc, party, text, text],
        )
    con.execute(
        "INSERT INTO claim_pairs VALUES ('p1', 'k', 'c1', 'c2', 0.9, 'contradicts', 0.8,"
        " 'quantity', 'r', [], 'rules-3')"
    )
    con.execute(
        "INSERT INTO contested_points VALUES ('t1', 'k', 'lasted: how long', 'quantity', 0.8,"
        " ['p1'])"
    )
    before = _every_row(con)
    con.close()

    with Store.open(path) as store:
        _assert_rows_kept(store, before)
        _, versions = store.query(
            "SELECT document_id, first_seen_run, last_seen_run, CAST(first_seen_at AS VARCHAR),"
            " text = (SELECT text FROM documents d WHERE d.document_id = v.document_id)"
            " FROM document_versions v ORDER BY document_id"
        )
        assert versions == [
            ("d1", "run1", "run2", "2026-02-20 01:00:30+00", True),
            ("d2", "run1", "run1", "2026-02-20 01:00:40+00", True),
        ]
        _, claims = store.query(
            "SELECT c.claim_id, c.first_seen_run, c.version_id = d.version_id,"
            " c.claim_key IS NOT NULL FROM claims c JOIN documents d USING (document_id)"
            " ORDER BY 1"
        )
        assert claims == [("c1", "run1", True, True), ("c2", "run1", True, True)]
        _, pairs = store.query(
            "SELECT pair_key IS NOT NULL AND version_a IS NOT NULL AND version_b IS NOT NULL,"
            " first_seen_run FROM claim_pairs"
        )
        _, points = store.query("SELECT first_seen_run FROM contested_points")
        assert pairs == [(True, "run1")] and points == [("run1",)]
        assert store.query("SELECT count(*) FROM v_version_claims")[1] == [(2,)]


def test_a_store_from_before_changes_upgrades_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "seven.duckdb"
    con = store_at_migration(path, 7)
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, claimtrack_version, duckdb_version)"
        " VALUES ('run1', '2026-02-20 01:00:00+00', 'ok', '0', '1')"
    )
    con.execute(
        "INSERT INTO document_versions (version_id, document_id, source_id, case_id, url, text,"
        " text_hash, content_hash, analysis_key, fetched_at, first_seen_run, first_seen_at,"
        " last_seen_run, last_seen_at) VALUES ('v1', 'd1', 's1', 'k', 'http://x/r',"
        " 'Correction: it was 11 hours.', 'th', 'h1', 'a1', '2026-02-20 01:00:30+00', 'run1',"
        " '2026-02-20 01:00:30+00', 'run1', '2026-02-20 01:00:30+00')"
    )
    before = _every_row(con)
    con.close()

    with Store.open(path) as store:
        _assert_rows_kept(store, before)
        # never read for notices: NULL, and no change is made of it later
        assert store.query("SELECT version_id, corrections FROM document_versions")[1] == [
            ("v1", None)
        ]
        assert store.query("SELECT count(*) FROM version_changes")[1] == [(0,)]
        assert store.query("SELECT count(*) FROM changes_since('run1')")[1] == [(0,)]
        assert store.query("SELECT max(version) FROM schema_migrations")[1] == [
            (MIGRATIONS[-1][0],)
        ]
