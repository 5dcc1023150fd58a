"""The Ray executor on a local Ray instance: the demo corpus gives the claims and pairs of the
local executor. Skipped where the `ray` extra is not installed (`make test` installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import DEMO_SEEDS, DemoRun

ray = pytest.importorskip(
    "ray", reason="the ray extra is not installed: pip install -e '.[ray]' (make test does)"
)

CLAIMS = (
    "SELECT claim_id, party_id, kind, speaker_name, content_start, content_end, claim_text,"
    " polarity, entities FROM claims ORDER BY claim_id"
)
PAIRS = "SELECT pair_id, claim_a, claim_b, label, type, round(similarity, 4) FROM claim_pairs"


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with Store.open(db, read_only=True) as store:
        return sorted(store.query(sql)[1])


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
    assert _rows(settings.db_path, CLAIMS) == _rows(demo_run.db_path, CLAIMS)
    local_pairs = _rows(demo_run.db_path, PAIRS)
    assert len(local_pairs) > 300
    assert _rows(settings.db_path, PAIRS) == local_pairs
