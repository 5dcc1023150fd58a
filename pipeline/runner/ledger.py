"""A run's ledger: what happened to each source, the run's counts, and each outcome logged.

An outcome that stores no document (unchanged, failed, skipped, ...) is written through an
`OutcomeWriter` in batches, one transaction each: a commit per source would cost more than the
fetch. A dry run's writer (`write_nothing`) records nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from pipeline.records import FetchState, SourceOutcome
from pipeline.runner.classify import Settled

logger = logging.getLogger(__name__)

FLUSH_EVERY = 50
COUNTS = (
    "sources_ok",
    "sources_unchanged",
    "sources_failed",
    "sources_skipped",
    "sources_deferred",
    "sources_refused",
    "sources_gone",
    "gone_marks_changed",
    "entries_new",
    "documents_analysed",
    "claims_added",
    "pairs",
    "contradictions",
    "versions_new",
    "claims_new",
    "pairs_new",
    "contradictions_new",
    "points_new",
)

Unwritten = tuple[SourceOutcome, str | None, FetchState | None]


# Writes a batch of outcomes in one transaction; how many documents' gone marks changed.
OutcomeWriter = Callable[[Sequence[Unwritten]], int]


def write_nothing(items: Sequence[Unwritten]) -> int:
    """A dry run's writer: it records nothing."""
    return 0


class Ledger:
    """The outcomes and counts of the run `run_id`, written through `write`."""

    def __init__(self, write: OutcomeWriter, run_id: str) -> None:
        self.write = write
        self.run_id = run_id
        self.counts = dict.fromkeys(COUNTS, 0)
        self.outcomes: list[SourceOutcome] = []
        self._unwritten: list[Unwritten] = []

    def settle(self, settled: Settled) -> None:
        """Note an outcome that stores no document; it is written with the next batch."""
        self._note(settled.location, settled.outcome)
        self.counts[f"sources_{_count_key(settled.outcome.status)}"] += 1
        self._unwritten.append((settled.outcome, settled.fetched_at, settled.state))
        if len(self._unwritten) >= FLUSH_EVERY:
            self.flush()

    def stored(self, location: str, outcome: SourceOutcome, claims: int = 0) -> None:
        """Note a source whose document is stored (or, in a dry run, would be)."""
        self._note(location, outcome)
        self.counts["sources_ok"] += 1
        self.counts["claims_added"] += claims

    def feeds_read(self, outcomes: Iterable[tuple[str, SourceOutcome]]) -> None:
        """Note the outcomes of reading feeds (by location; their state is already written)."""
        for location, outcome in outcomes:
            self._note(location, outcome)
            self.counts["sources_failed"] += outcome.status == "failed"

    def flush(self) -> None:
        """Write the outcomes noted since the last batch."""
        if self._unwritten:
            self.counts["gone_marks_changed"] += self.write(self._unwritten)
        self._unwritten = []

    def _note(self, location: str, outcome: SourceOutcome) -> None:
        self.outcomes.append(outcome)
        logger.info(
            "%s: %s",
            outcome.status,
            outcome.error or location,
            extra={"source": location, "status": outcome.status, "error": outcome.error},
        )


def _count_key(status: str) -> str:
    return {"duplicate": "skipped"}.get(status, status)
