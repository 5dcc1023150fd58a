"""A page that later answers 404 or 410: its status is recorded, its document is marked gone (in
the store and the report) and keeps its text and claims; the marker clears when it comes back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_OK, EXIT_SOURCES_FAILED, HttpStatusError
from pipeline.fetching.fetcher import Fetcher
from pipeline.store import Store
from tests.conftest import fetch_settings
from tests.loopback import Reply, ScriptedServer, html
from tests.nightly_support import CASE, KESTREL, settings_env, source, write_seeds

runner = CliRunner()


def state(db: Path) -> tuple[Any, ...]:
    with Store.open(db, read_only=True) as store:
        _, sources = store.query(
            "SELECT status, error, http_status FROM sources WHERE location LIKE '%/report'"
        )
        _, docs = store.query(
            "SELECT gone_status, CAST(gone_since AS DATE) FROM documents WHERE url LIKE '%/report'"
        )
        _, claims = store.query("SELECT count(*) FROM claims")
    return sources[0], docs[0], claims[0][0]


def test_a_gone_page_is_marked_and_keeps_its_claims(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    body = (KESTREL / "report.html").read_bytes()
    html = {"Content-Type": "text/html; charset=utf-8"}
    report = scripted.route(
        "/report",
        Reply(200, body, {**html, "ETag": '"r1"'}),
        Reply(410, b"gone", {"Content-Type": "text/plain"}),
        Reply(200, body, {**html, "ETag": '"r2"'}),
    )
    rebuttal = scripted.page("/rebuttal", (KESTREL / "rebuttal.html").read_bytes())
    seeds = write_seeds(
        tmp_path,
        CASE + source(report, "ledger", "report") + source(rebuttal, "kestrel", "rebuttal"),
    )
    settings = fetch_settings(tmp_path, scripted)
    env = settings_env(settings)
    markdown = settings.reports_dir / "report.md"

    def run() -> Any:
        result = runner.invoke(app, ["run", "--seeds", str(seeds), "--json"], env=env)
        assert result.exit_code == EXIT_OK, result.output
        return json.loads(result.stdout)

    run()
    (status, error, code), (gone, since), claims = state(settings.db_path)
    assert (status, error, code, gone, since) == ("ok", None, 200, None, None) and claims > 0
    assert "gone (HTTP" not in markdown.read_text("utf-8")

    second = run()
    today = datetime.now(UTC).date()
    assert second["counts"]["sources_gone"] == 1 and second["failed"] == []
    assert state(settings.db_path) == (
        ("gone", f"{report}: HTTP 410 Gone; its last text and claims are kept", 410),
        (410, today),
        claims,
    )
    marker = f"gone (HTTP 410 since {today.isoformat()})"
    assert marker in markdown.read_text("utf-8")  # the run rewrote its report
    out = runner.invoke(
        app, ["report", "--db", str(settings.db_path), "--format", "json", "--output", "-"]
    )
    assert out.exit_code == 0, out.output
    (case,) = json.loads(out.stdout)["cases"]
    assert case["gone"] == [{"title": case["gone"][0]["title"], "url": report, "note": marker}]
    sides = [
        side
        for p in case["points"]
        for pair in p["pairs"]
        for side in (pair["left"], pair["right"])
    ]
    assert {s["gone"] for s in sides if s["url"] == report} == {marker}
    assert {s["gone"] for s in sides if s["url"] == rebuttal} == {None}

    third = run()  # it is back, with the same text
    assert third["counts"]["sources_gone"] == 0
    assert state(settings.db_path) == (("unchanged", None, 200), (None, None), claims)
    assert "gone (HTTP" not in markdown.read_text("utf-8")


def test_http_failures_carry_their_status(tmp_path: Path, scripted: ScriptedServer) -> None:
    scripted.route("/gone", Reply(410))
    scripted.route("/down", Reply(503))
    fetcher = Fetcher(fetch_settings(tmp_path, scripted, fetch_retries=1).fetch)
    for path, status, message in (
        ("/gone", 410, "HTTP 410 Gone"),
        ("/down", 503, "HTTP 503 Service Unavailable (gave up after 2 attempts)"),
    ):
        with pytest.raises(HttpStatusError) as caught:
            fetcher.fetch(scripted.base_url + path)
        assert (caught.value.status, str(caught.value)) == (
            status,
            f"{scripted.base_url}{path}: {message}",
        )


def test_a_page_missing_from_the_start_is_a_failure_with_its_status(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    report = scripted.page("/report", html("Report", "Kestrel Cloud said the outage was short."))
    seeds = write_seeds(
        tmp_path, CASE + source(report, "ledger", "report") + source(scripted.base_url + "/nope")
    )
    settings = fetch_settings(tmp_path, scripted)
    env = settings_env(settings)
    result = runner.invoke(app, ["run", "--no-report", "--seeds", str(seeds)], env=env)
    assert result.exit_code == EXIT_SOURCES_FAILED, result.output
    assert f"failed: {scripted.base_url}/nope: HTTP 404 Not Found" in result.stderr
    with Store.open(settings.db_path, read_only=True) as store:
        _, rows = store.query(
            "SELECT status, http_status FROM sources WHERE location LIKE '%/nope'"
        )
    assert rows == [("failed", 404)]
