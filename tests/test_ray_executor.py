"""The Ray executor on a local Ray instance: the demo corpus gives the claims and pairs of the
local executor. Skipped where the `ray` extra is not installed (`make test` installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.runner.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import CLAIM_ROWS, DEMO_SEEDS, PAIR_ROWS, DemoRun, stored_rows

ray = pytest.importorskip(
    "ray", reason="the ray extra is not installed: pip install -e '.[ray]' (make test does)"
)


def test_ray_gives_the_local_claims_and_pairs(demo_run: DemoRun, tmp_path: Path) -> None:
    work = tmp_path / "parquet"
    settings = Settings(
        db_path=tmp_path / "ray.duckdb",
        executor="ray",
        ray_concurrency=1,
        ray_work_dir=str(work),
    )
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Store.open(settings.db_path) as store:
            result = run_pipeline(load_seeds(DEMO_SEEDS), store, settings, str(DEMO_SEEDS))
    finally:
        ray.shutdown()
    assert not result.failed and result.counts["documents_analysed"] == 9
    assert list(work.glob("analyseactor-*/*.parquet")) and list(work.glob("embedactor-*/*.parquet"))
    assert stored_rows(settings.db_path, CLAIM_ROWS) == stored_rows(demo_run.db_path, CLAIM_ROWS)
    local_pairs = stored_rows(demo_run.db_path, PAIR_ROWS)
    assert len(local_pairs) > 300
    assert stored_rows(settings.db_path, PAIR_ROWS) == local_pairs
