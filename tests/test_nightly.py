"""Nightly runs end to end against a loopback server, with the real models and DuckDB: every
kind of bad input ends as a recorded error or a skip while the rest is stored intact; a rerun
changes nothing and loads no model; dry run, --limit, --since; duplicates; snapshot; upgrade."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE
from pipeline.store import Store
from pipeline.store.migrations import MIGRATIONS
from pipeline.store.snapshot import snapshot_path
from tests.conftest import fetch_settings, store_at_migration, store_held_by_another_process
from tests.loopback import Reply, ScriptedServer, gzip_bomb, html, scripted_server
from tests.nightly_support import (
    CASE,
    KESTREL,
    data_digest,
    row_counts,
    settings_env,
    source,
    write_seeds,
)

runner = CliRunner()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://127.0.0.1/lol</link></item></channel></rss>"""


def run_cli(args: list[str], env: dict[str, str]) -> Any:
    return runner.invoke(app, ["run", "--no-report", *args], env=env)


def sources_by_path(db: Path) -> dict[str, tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        _, rows = store.query("SELECT location, status, error, http_status FROM sources")
        _, feeds = store.query("SELECT url, status, error, http_status FROM feeds")
    return {loc.split("/", 3)[-1]: (st, err, code) for loc, st, err, code in rows + feeds}


def test_bad_input_is_recorded_and_the_rest_is_stored(
    tmp_path: Path, scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = scripted
    text = "Stackwire said the billing console at Kestrel Cloud stayed slow for {} on Tuesday."
    ok = {
        "/busy": [Reply(429, b"", {"Retry-After": "1"})],
        "/flaky": [Reply(503), Reply(503)],
    }
    for path, first in ok.items():
        page = html(path, text.format(path[1:] + " hours"))
        s.route(path, *first, Reply(200, page, {"Content-Type": "text/html", "ETag": f'"{path}"'}))
    s.route(
        "/wrong-charset",
        Reply(
            200,
            html("x", "The café owner said the terminals failed.").decode().encode("cp1252"),
            {"Content-Type": "text/html; charset=utf-8"},
        ),
    )
    s.route(
        "/no-charset",
        Reply(200, html("x", "A naïve engineer said the agent had full access."), {}),
    )
    s.route(
        "/truncated",
        Reply(
            200,
            b"<html><body><article><p>Wire reporters said the outage hit three regions"
            b" and several hundred customers.</p><p>The company refused to comm",
            {},
        ),
    )
    s.route("/too-busy", Reply(429, b"", {"Retry-After": "3600"}))
    s.route("/slow", Reply(200, html("slow", text.format("ages")), delay_s=2.0))
    s.route("/bomb", Reply(200, gzip_bomb(30_000_000), {"Content-Encoding": "gzip"}))
    s.route("/big", Reply(200, b"<p>" + b"big " * 700_000, {"Content-Type": "text/html"}))
    s.route("/malformed", Reply(200, b"\x00\x01\x02<html><<<div>>\xff\xfe", {}))
    s.route("/empty", Reply(200, b"", {"Content-Type": "text/html"}))
    s.route("/to-metadata", Reply(302, b"", {"Location": "http://169.254.169.254/latest/"}))
    s.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    s.page("/private/page", html("private", text.format("a while")))
    s.page("/report", (KESTREL / "report.html").read_bytes())
    s.page("/rebuttal", (KESTREL / "rebuttal.html").read_bytes())
    s.route("/lol.xml", Reply(200, BILLION_LAUGHS, {"Content-Type": "application/rss+xml"}))
    s.route("/broken.xml", Reply(200, b"<rss><channel><item><title>cut", {}))
    with scripted_server() as other:
        other.page("/secret", html("secret", text.format("secret")))
        s.route("/to-other-port", Reply(302, b"", {"Location": other.base_url + "/secret"}))
        seeds = (
            CASE
            + source(s.base_url + "/report", "ledger", "report")
            + source(s.base_url + "/rebuttal", "kestrel", "rebuttal")
            + "".join(
                source(s.base_url + path)
                for path in (
                    "/busy",
                    "/flaky",
                    "/wrong-charset",
                    "/no-charset",
                    "/truncated",
                    "/too-busy",
                    "/slow",
                    "/bomb",
                    "/big",
                    "/malformed",
                    "/empty",
                    "/to-metadata",
                    "/to-other-port",
                    "/private/page",
                )
            )
            + source("file:///etc/passwd")
            + f'\n[[feed]]\nurl = "{s.base_url}/lol.xml"\nname = "Lol"\n'
            + f'\n[[feed]]\nurl = "{s.base_url}/broken.xml"\nname = "Broken"\n'
        )
        path = write_seeds(tmp_path, seeds)
        settings = fetch_settings(tmp_path, s)
        env = settings_env(settings)
        first = run_cli(["--seeds", str(path), "--json"], env)
        assert other.hits["/secret"] == 0
    assert first.exit_code == EXIT_SOURCES_FAILED, first.output
    got = sources_by_path(settings.db_path)
    expected = {
        "busy": ("ok", None),
        "flaky": ("ok", None),
        "wrong-charset": ("ok", None),
        "no-charset": ("ok", None),
        "truncated": ("ok", None),
        "report": ("ok", None),
        "rebuttal": ("ok", None),
        "too-busy": ("failed", "HTTP 429 Too Many Requests; Retry-After 3600 s is over the limit"),
        "slow": ("failed", "timed out (gave up after 3 attempts)"),
        "bomb": ("failed", "after decompression"),
        "big": ("failed", "over the limit of 2000000"),
        "malformed": ("failed", "binary content, not a text document"),
        "empty": ("failed", "empty document"),
        "to-metadata": ("failed", "169.254.169.254, a cloud metadata address"),
        "to-other-port": ("failed", "127.0.0.1, a loopback address"),
        "private/page": ("skipped", "disallowed by robots.txt"),
        "etc/passwd": ("failed", "refused: scheme 'file' is not http or https"),
        "lol.xml": ("failed", "refused: the XML declares entities"),
        "broken.xml": ("failed", "malformed feed"),
    }
    for key, (status, message) in expected.items():
        found = got[key]  # by the whole path: "busy" must not find "too-busy"
        assert found[0] == status, (key, found)
        assert (found[1] is None) if message is None else (message in found[1]), (key, found)
    with Store.open(settings.db_path, read_only=True) as store:
        _, docs = store.query("SELECT url, text FROM documents ORDER BY url")
        _, runs = store.query("SELECT status, sources_failed, sources_skipped FROM runs")
        _, per_source = store.query("SELECT count(*) FROM run_sources")
        _, pairs = store.query("SELECT count(*) FROM claim_pairs WHERE label = 'contradicts'")
    texts = {url.rsplit("/", 1)[-1]: text for url, text in docs}
    assert len(docs) == 7
    assert "café" in texts["wrong-charset"] and "naïve" in texts["no-charset"]
    assert "three regions" in texts["truncated"]
    assert runs == [("partial", 11, 1)]  # 9 sources and 2 feeds failed
    assert per_source[0][0] == 19  # 17 sources and 2 feeds, one row each
    assert pairs[0][0] > 0
    assert json.loads(first.stdout)["counts"]["documents_analysed"] == 7

    # The rerun: nothing new, so no model is loaded and no row changes (only `runs` grows).
    before, digest = row_counts(settings.db_path), data_digest(settings.db_path)

    def no_model(*args: object) -> None:
        raise AssertionError("a rerun with nothing new must not load spaCy")

    monkeypatch.setattr("pipeline.nlp.load.load_nlp", no_model)
    monkeypatch.setattr("pipeline.executors.local.worker_pool", no_model)  # spaCy's workers
    monkeypatch.setattr("pipeline.nlp.embed.Embedder._load", no_model, raising=False)
    second = run_cli(["--seeds", str(path), "--json"], env)
    assert second.exit_code == EXIT_SOURCES_FAILED, second.output
    counts = json.loads(second.stdout)["counts"]
    assert counts["documents_analysed"] == 0 and counts["sources_unchanged"] == 7
    assert row_counts(settings.db_path) == before
    assert data_digest(settings.db_path) == digest  # not one row of the findings changed
    again = sources_by_path(settings.db_path)
    assert again[next(k for k in again if k.endswith("report"))][:1] == ("unchanged",)
    assert again[next(k for k in again if k.endswith("report"))][2] == 304


def test_dry_run_writes_nothing(tmp_path: Path, scripted: ScriptedServer) -> None:
    report = scripted.page("/report", (KESTREL / "report.html").read_bytes())
    rebuttal = scripted.page("/rebuttal", (KESTREL / "rebuttal.html").read_bytes())
    path = write_seeds(
        tmp_path,
        CASE + source(report, "ledger", "report") + source(rebuttal, "kestrel", "rebuttal"),
    )
    settings = fetch_settings(tmp_path, scripted)
    env = settings_env(settings)
    dry = run_cli(["--seeds", str(path), "--dry-run", "--json"], env)
    assert dry.exit_code == EXIT_OK, dry.output
    assert json.loads(dry.stdout)["counts"]["sources_ok"] == 2
    assert not list(tmp_path.glob("store*"))  # no store, no lock file, no snapshot
    assert run_cli(["--seeds", str(path)], env).exit_code == EXIT_OK
    before = row_counts(settings.db_path)
    scripted.page("/rebuttal", (KESTREL / "rebuttal.html").read_bytes().replace(b"Kestrel", b"Kes"))
    dry = run_cli(["--seeds", str(path), "--dry-run", "--json"], env)
    counts = json.loads(dry.stdout)["counts"]
    assert (counts["sources_ok"], counts["sources_unchanged"]) == (1, 1)
    assert row_counts(settings.db_path) == before
    with Store.open(settings.db_path, read_only=True) as store:
        assert store.query("SELECT count(*) FROM runs")[1] == [(1,)]


def test_limit_defers_the_rest_to_the_next_run(tmp_path: Path, scripted: ScriptedServer) -> None:
    pages = [
        scripted.page(f"/p{i}", html(f"p{i}", f"Kestrel Cloud said on day {i} that it was fine."))
        for i in range(3)
    ]
    path = write_seeds(
        tmp_path,
        CASE
        + source(pages[0], "ledger", "report")
        + source(pages[1], "kestrel", "rebuttal")
        + source(pages[2]),
    )
    env = settings_env(fetch_settings(tmp_path, scripted))
    first = run_cli(["--seeds", str(path), "--limit", "2", "--json"], env)
    assert json.loads(first.stdout)["counts"]["sources_deferred"] == 1
    assert sum(scripted.hits[f"/p{i}"] for i in range(3)) == 2
    second = run_cli(["--seeds", str(path), "--limit", "2", "--json"], env)
    assert all(scripted.hits[f"/p{i}"] >= 1 for i in range(3))  # the one left out came next
    assert json.loads(second.stdout)["counts"]["sources_ok"] == 1
    bad = run_cli(["--seeds", str(path), "--since", "yesterday"], env)
    assert bad.exit_code == EXIT_USAGE and "not a date" in bad.stderr


def test_one_article_under_several_urls_is_one_document(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    body = (KESTREL / "report.html").read_bytes()
    scripted.page("/story", body)
    elsewhere = (
        b"https://harbourledger.example/technology/2026/03/24/kestrel-wren-ai-agent-billing-outage"
    )
    assert elsewhere in body  # another site's canonical link is not trusted
    scripted.page("/amp/story", body.replace(elsewhere, f"{scripted.base_url}/story".encode()))
    scripted.page("/copy", body)  # the same text under another URL, no canonical link
    rebuttal = scripted.page("/rebuttal", (KESTREL / "rebuttal.html").read_bytes())
    path = write_seeds(
        tmp_path,
        CASE
        + source(scripted.base_url + "/story?utm_source=rss&utm_medium=feed", "ledger", "report")
        + source(scripted.base_url + "/story#comments", "ledger", "report")
        + source(scripted.base_url + "/amp/story", "ledger", "report")
        + source(scripted.base_url + "/copy", "ledger", "report")
        + source(rebuttal, "kestrel", "rebuttal"),
    )
    settings = fetch_settings(tmp_path, scripted)
    result = run_cli(["--seeds", str(path)], settings_env(settings))
    assert result.exit_code == EXIT_OK, result.output
    with Store.open(settings.db_path, read_only=True) as store:
        _, sources = store.query("SELECT location, status FROM sources ORDER BY location")
        _, docs = store.query("SELECT url, canonical_url FROM documents ORDER BY url")
    statuses = {loc.split("/", 3)[-1]: st for loc, st in sources}
    assert statuses == {
        "amp/story": "duplicate",
        "copy": "duplicate",
        "rebuttal": "ok",
        "story": "ok",
    }
    assert [url.rsplit("/", 1)[-1] for url, _ in docs] == ["rebuttal", "story"]


def test_sql_reads_the_snapshot_while_the_store_is_busy(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    report = scripted.page("/report", html("r", "Kestrel Cloud said the outage lasted an hour."))
    path = write_seeds(tmp_path, CASE + source(report, "ledger", "report"))
    settings = fetch_settings(tmp_path, scripted)
    assert run_cli(["--seeds", str(path)], settings_env(settings)).exit_code == EXIT_OK
    assert snapshot_path(settings.db_path).exists()
    db = ["--db", str(settings.db_path)]
    with store_held_by_another_process(settings.db_path):
        query = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM documents", *db, "--json"])
        listing = runner.invoke(app, ["sources", "list", *db, "--json"])
        live = runner.invoke(app, ["sql", "SELECT 1", *db, "--live"])
    assert query.exit_code == 0 and json.loads(query.stdout) == [{"n": 1}]
    assert listing.exit_code == 0
    (row,) = json.loads(listing.stdout)
    assert row["status"] == "ok" and row["location"] == report and row["last_fetched_at"]
    assert live.exit_code == 3 and "PID" in live.stderr


def test_a_version_3_store_upgrades(tmp_path: Path, scripted: ScriptedServer) -> None:
    db = tmp_path / "store.duckdb"
    con = store_at_migration(db, 3)
    con.execute("INSERT INTO cases VALUES ('old', 'An old case')")
    con.execute(
        "INSERT INTO sources (source_id, case_id, location, party_id, role, status)"
        " VALUES ('s1', 'old', '/x.html', 'a', 'report', 'ok')"
    )
    con.close()
    dry = run_cli(
        ["--seeds", str(write_seeds(tmp_path, CASE + source("/x.html"))), "--dry-run"],
        settings_env(fetch_settings(tmp_path, scripted)),
    )
    assert dry.exit_code == EXIT_USAGE and "older schema" in dry.stderr  # read-only: no upgrade
    with Store.open(db) as store:
        _, versions = store.query("SELECT max(version) FROM schema_migrations")
        _, old = store.query("SELECT kind FROM sources UNION ALL SELECT kind FROM cases")
    assert versions == [(MIGRATIONS[-1][0],)] and old == [("page",), ("case",)]
    report = scripted.page("/report", html("r", "Kestrel Cloud said the outage lasted an hour."))
    path = write_seeds(tmp_path, CASE + source(report, "ledger", "report"))
    result = run_cli(["--seeds", str(path)], settings_env(fetch_settings(tmp_path, scripted)))
    assert result.exit_code == EXIT_OK, result.output
