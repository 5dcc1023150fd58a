"""Where a report comes from: when it was made, from which store and run, by which verdict
backend, with which filters. The renderers print it so that a reader can tell two reports apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pipeline.store import Store


@dataclass(frozen=True)
class Provenance:
    generated_at: str  # "2026-12-01 20:19 UTC"
    store: str  # the store's file name
    run_id: str | None  # the store's last run, and when it started
    run_at: str | None
    run_status: str | None
    claimtrack_version: str | None  # the version that wrote that run
    verdicts: tuple[str, ...]  # the verdict backends of the pairs shown ("rules-4")
    filters: tuple[str, ...] = ()  # "case kestrel-billing-outage", "since 2026-02-01"

    @property
    def backends(self) -> str:
        """The verdict backends in words: "rules (rules-4)"."""
        return ", ".join(f"{v.partition('-')[0]} ({v})" for v in self.verdicts) or "none"


def describe_filters(
    case_ids: Sequence[str] | None, min_score: float, since: date | None
) -> tuple[str, ...]:
    """The filters a report was made with, in words (none: every case, every pair)."""
    found = [f"case {case}" for case in case_ids or ()]
    if since is not None:
        found.append(f"since {since.isoformat()}")
    if min_score > 0:
        found.append(f"min score {min_score:g}")
    return tuple(found)


def load_provenance(
    store: Store,
    store_name: str,
    case_ids: Sequence[str] | None = None,
    min_score: float = 0.0,
    since: date | None = None,
    now: datetime | None = None,
) -> Provenance:
    """The provenance of a report of `case_ids` (all when None) read from `store` now."""
    runs = store.rows(
        "SELECT run_id, started_at, status, claimtrack_version FROM runs"
        " ORDER BY started_at DESC, run_id LIMIT 1"
    )
    run = runs[0] if runs else None
    cases = list(case_ids) if case_ids else None
    verdicts = store.rows(
        "SELECT DISTINCT verdict_version FROM claim_pairs"
        " WHERE label IN ('contradicts', 'agrees') AND score >= ?"
        " AND (? IS NULL OR list_contains(?, case_id)) ORDER BY verdict_version",
        [min_score, cases, cases],
    )
    return Provenance(
        generated_at=_utc(now or datetime.now(UTC)),
        store=store_name,
        run_id=run["run_id"] if run else None,
        run_at=_utc(run["started_at"]) if run else None,
        run_status=run["status"] if run else None,
        claimtrack_version=run["claimtrack_version"] if run else None,
        verdicts=tuple(str(row["verdict_version"]) for row in verdicts),
        filters=describe_filters(case_ids, min_score, since),
    )


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
