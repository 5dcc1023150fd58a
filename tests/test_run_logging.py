"""A run's log: one JSON line per source outcome, the stages' seconds and the run's summary in
the file `configure_logging` names; nothing at info when logging is not configured."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.logs import ROOT as LOG_ROOT
from pipeline.logs import configure_logging
from pipeline.runner.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import ROOT, fetch_settings
from tests.loopback import Reply, ScriptedServer
from tests.nightly_support import CASE, KESTREL, source, write_seeds


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """Leave the `pipeline` loggers as unconfigured as they were found."""
    logger = logging.getLogger(LOG_ROOT)
    yield
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


_QUIET = """
import logging
import pipeline.fetching.client, pipeline.fetching.fetcher, pipeline.runner.nightly
assert not logging.getLogger("pipeline").handlers and not logging.getLogger().handlers
assert not logging.getLogger("pipeline.runner.run").isEnabledFor(logging.INFO)
"""


def test_library_modules_configure_no_logging() -> None:
    """Importing the library sets nothing up: until the CLI configures logging, only
    warnings would reach stderr (through Python's last-resort handler)."""
    subprocess.run([sys.executable, "-c", _QUIET], check=True, cwd=ROOT)


def test_a_run_logs_each_source_outcome_and_each_stage_as_json_lines(
    tmp_path: Path, scripted: ScriptedServer, logging_restored: None
) -> None:
    report = scripted.page("/report", (KESTREL / "report.html").read_bytes())
    rebuttal = scripted.page("/rebuttal", (KESTREL / "rebuttal.html").read_bytes())
    missing = scripted.route("/missing", Reply(404, b"no", {"Content-Type": "text/plain"}))
    seeds = write_seeds(
        tmp_path,
        CASE
        + source(report, "ledger", "report")
        + source(rebuttal, "kestrel", "rebuttal")
        + source(missing, "wire", "coverage"),
    )
    settings = fetch_settings(tmp_path, scripted)
    log = tmp_path / "log.jsonl"
    configure_logging(1, log)
    with Store.open(settings.db_path) as store:
        result = run_pipeline(load_seeds(seeds), store, settings, str(seeds))

    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    outcomes = [line for line in lines if "source" in line]
    assert len(outcomes) == len(result.outcomes) == 3
    assert {line["source"]: line["status"] for line in outcomes} == {
        report: "ok",
        rebuttal: "ok",
        missing: "failed",
    }
    (failed,) = [line for line in outcomes if line["status"] == "failed"]
    assert "HTTP 404" in failed["error"] and failed["level"] == "info"
    stages = {line["stage"]: line["seconds"] for line in lines if "stage" in line}
    assert {"fetch", "analyse", "embed", "pair"} <= set(stages)
    assert len(stages) == len([line for line in lines if "stage" in line])  # each stage once
    assert all(isinstance(s, float | int) and s >= 0 for s in stages.values())
    (summary,) = [line for line in lines if line.get("run_id") == result.run_id]
    assert summary["status"] == "partial" and summary["sources_ok"] == 2
    assert summary["sources_failed"] == 1
    refused = [line for line in lines if line["logger"] == "pipeline.fetching.client"]
    assert any(line.get("status") == 404 for line in refused)
