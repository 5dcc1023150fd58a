"""Choosing an executor, what travels between a Ray worker and the store's writer, and the
local executor's spaCy worker processes: same analyses, same stored rows, clear failures."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import ClaimtrackError, UsageError
from pipeline.executors import make_executor
from pipeline.executors.codec import analysis_from_json, analysis_to_json
from pipeline.executors.local import LocalExecutor, worker_pids
from pipeline.fetching.fetcher import fetch
from pipeline.nlp.analyse import analyse_texts
from pipeline.runner.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import (
    CLAIM_ROWS,
    DEMO_SEEDS,
    PAIR_ROWS,
    POINT_ROWS,
    ROOT,
    DemoRun,
    stored_rows,
)


def test_unknown_executor_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="local, ray"):
        make_executor(Settings(executor="spark").nlp)


def test_ray_executor_without_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    executor = make_executor(Settings(executor="ray").nlp)
    with pytest.raises(ClaimtrackError, match=r"claimtrack\[ray\]"):
        executor.embed(["a claim"])


def test_analyses_survive_the_trip_through_json(nlp: object) -> None:
    text = (
        "Kestrel denies AI caused outage\n"
        "“The agent was not the cause,” said Dana Whitlock, a spokesperson for Kestrel, “and "
        "we have the logs.” According to the Ledger, the outage lasted 13 hours.\n"
    )
    (analysis,) = analyse_texts(nlp, [text])
    assert analysis.claims and analysis.entities
    assert analysis_from_json(analysis_to_json(analysis)) == analysis


# -- the local executor's spaCy workers ----------------------------------------------------------


def demo_texts() -> list[str]:
    from pipeline.fetching.text import page_to_document

    settings = Settings()
    return [
        page_to_document(fetch(s.location, settings.fetch), s).text
        for case in load_seeds(DEMO_SEEDS)
        for s in case.sources
    ]


def test_workers_give_the_analyses_of_this_process_in_order(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipeline.executors.local.TASK_DOCUMENTS", 3)
    texts = demo_texts()
    assert len(texts) >= 9
    expected = analyse_texts(nlp, texts)
    executor = LocalExecutor(Settings(nlp_processes=1).nlp)
    executor.prefetch(texts[:5])  # parsed while "the rest is fetched": one task sent
    assert len(executor._sent) == 3 and len(executor._waiting) == 2
    asked = [*texts, texts[0]]  # a text asked for twice gets its analysis twice
    chunks = list(executor.analyse(asked))
    assert [a for chunk in chunks for a in chunk] == [*expected, expected[0]]
    assert len(chunks) >= 4 and all(len(c) <= 3 for c in chunks)
    executor.prefetch(texts[5:7])
    executor.close()  # prefetched and never asked for: dropped
    assert not executor._sent and not executor._waiting
    again = [a for chunk in executor.analyse(texts[5:7]) for a in chunk]
    assert again == expected[5:7]


def test_in_process_run_gives_the_claims_pairs_and_points_of_the_workers(
    demo_run: DemoRun, tmp_path: Path
) -> None:
    assert demo_run.settings.nlp_processes == 1  # the default: one spaCy worker process
    settings = Settings(db_path=tmp_path / "here.duckdb", nlp_processes=0)
    with Store.open(settings.db_path) as store:
        result = run_pipeline(load_seeds(DEMO_SEEDS), store, settings, str(DEMO_SEEDS))
    assert not result.failed and result.counts["documents_analysed"] == 9
    for sql in (CLAIM_ROWS, PAIR_ROWS, POINT_ROWS):
        assert stored_rows(settings.db_path, sql) == stored_rows(demo_run.db_path, sql)


def test_a_worker_dying_mid_run_is_a_clear_error_and_an_idle_one_is_replaced(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipeline.executors.local.TASK_DOCUMENTS", 1)
    settings = Settings(nlp_processes=1)
    texts = demo_texts()
    executor = LocalExecutor(settings.nlp)
    executor.warm()
    executor.prefetch(texts)  # one task per document, queued for the one worker
    (pid,) = worker_pids()
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(ClaimtrackError, match=r"worker process died.*NLP_PROCESSES=0"):
        list(executor.analyse(texts))
    executor.close()
    # the next run starts a new worker; one that died while idle is replaced unnoticed
    again = LocalExecutor(settings.nlp)
    assert [a for c in again.analyse(texts[:2]) for a in c] == analyse_texts(nlp, texts[:2])
    (replacement,) = worker_pids()
    os.kill(replacement, signal.SIGKILL)
    time.sleep(1.0)  # the pool notices the death
    assert [a for c in again.analyse(texts[2:4]) for a in c] == analyse_texts(nlp, texts[2:4])
    assert pid not in worker_pids() and replacement not in worker_pids()


def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = (
        "from pipeline.config import Settings\n"
        "from pipeline.executors.local import LocalExecutor, worker_pids\n"
        "executor = LocalExecutor(Settings(nlp_processes=1).nlp)\n"
        "executor.prefetch([f'The outage lasted {n} hours, Kestrel said.' for n in range(16)])\n"
        "print(*worker_pids(), flush=True)\n"
        "import time; time.sleep(120)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    (pid,) = map(int, parent.stdout.readline().split())
    parent.kill()
    parent.wait(timeout=30)
    deadline = time.monotonic() + 60
    while Path(f"/proc/{pid}").exists() and _state(pid) != "Z":
        assert time.monotonic() < deadline, "the worker outlived its killed parent"
        time.sleep(0.1)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"
