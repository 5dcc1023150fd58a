"""The first half of a run, a dry run's whole: read the feeds, fetch every source, and place
the fetched feed entries in stories. Each source ends pending analysis or settled in the ledger.

With a limit, the sources that waited longest since their last attempt go first and the rest
wait for the next run. The feeds' state and the story cases are written through `writer`; a dry
run has none (see `pipeline.feeds.entries`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from pipeline.feeds.entries import place_entries, read_feeds
from pipeline.feeds.stories import Aligned
from pipeline.fetching.fetcher import Fetcher
from pipeline.progress import progress_bar
from pipeline.records import Case, Document, Page, Source
from pipeline.runner.classify import ClaimedDocuments, Pending, Settled, classify
from pipeline.runner.ledger import Ledger
from pipeline.runner.sources import fetch_document
from pipeline.seeds import FeedSpec, StoryPin
from pipeline.store import Store

Job = tuple[Case | None, Source]  # a declared source with its case, or a feed entry (None)
FetchedEntry = tuple[Source, Page, Document]


class Gathering:
    """Fetches a run's sources: `store` (None: there is none yet) is read, `writer` (None: a
    dry run) written, and every outcome noted in `ledger`."""

    def __init__(
        self,
        store: Store | None,
        writer: Store | None,
        fetcher: Fetcher,
        ledger: Ledger,
        max_words: int,
    ) -> None:
        self.store = store
        self.writer = writer
        self.fetcher = fetcher
        self.ledger = ledger
        self.max_words = max_words
        self.claimed = ClaimedDocuments()

    def read_feeds(self, feeds: Sequence[FeedSpec], since: date | None) -> list[Source]:
        """The feed entries to fetch: new ones, and those a former run left pending."""
        entries, outcomes = read_feeds(
            feeds, self.store, self.writer, self.fetcher, self.ledger.run_id, since
        )
        urls = {feed.feed_id: feed.url for feed in feeds}
        self.ledger.feeds_read((urls.get(o.source_id, o.source_id), o) for o in outcomes)
        self.ledger.counts["entries_new"] = len(entries)
        return entries

    def jobs(
        self, cases: Sequence[Case], entries: Sequence[Source], limit: int | None
    ) -> list[Job]:
        """Every declared source and feed entry; with `limit`, the longest waiting first, the
        rest deferred."""
        declared = {s.source_id: (c, s) for c in cases for s in c.sources}
        jobs: list[Job] = list(declared.values())
        jobs += [(None, s) for s in entries]
        if limit is None:
            return jobs
        if self.store is not None:
            last = self.store.sources.last_attempts()
            jobs.sort(key=lambda job: last.get(job[1].source_id, ""))
        if len(jobs) > limit:
            self.ledger.counts["sources_deferred"] = len(jobs) - limit
            jobs = jobs[:limit]
        return jobs

    def fetch(
        self, jobs: Sequence[Job], on_pending: Callable[[Pending], None] | None = None
    ) -> tuple[list[Pending], list[FetchedEntry]]:
        """The declared sources' documents pending analysis (each handed to `on_pending` as it
        comes), and the fetched feed entries (not yet in a story)."""
        pending: list[Pending] = []
        entries: list[FetchedEntry] = []
        with progress_bar("fetching", len(jobs)) as advance:
            for case, source in jobs:
                if case is None:
                    fetched = fetch_document(self.fetcher, source, None, None, self.max_words)
                    if isinstance(fetched, Settled):
                        self.ledger.settle(fetched)
                    else:
                        entries.append((source, *fetched))
                else:
                    todo = self._fetch_declared(case, source)
                    if todo is not None:
                        pending.append(todo)
                        if on_pending is not None:
                            on_pending(todo)
                advance(1)
        return pending, entries

    def place(
        self,
        entries: Sequence[FetchedEntry],
        feeds: Sequence[FeedSpec],
        stories: Sequence[StoryPin],
        window_days: int,
        aligned: Aligned | None,
    ) -> tuple[list[Case], list[Pending]]:
        """The story cases the fetched `entries` (and the stored entries pinned elsewhere) go
        to, and those documents pending analysis."""
        story_cases, placed = place_entries(
            entries, feeds, stories, self.store, self.writer, window_days, aligned
        )
        pending = []
        for p in placed:
            todo = self._classify(p.case, p.source, p.page, p.document, p.replaces)
            if todo is not None:
                pending.append(todo)
        return story_cases, pending

    def _fetch_declared(self, case: Case, source: Source) -> Pending | None:
        state = self.store.sources.state(source.source_id) if self.store else None
        fetched = fetch_document(self.fetcher, source, state, case, self.max_words)
        if isinstance(fetched, Settled):
            self.ledger.settle(fetched)
            return None
        return self._classify(case, source, *fetched)

    def _classify(
        self,
        case: Case,
        source: Source,
        page: Page | None,
        document: Document,
        replaces: str | None = None,
    ) -> Pending | None:
        result = classify(
            case, source, page, document, store=self.store, claimed=self.claimed, replaces=replaces
        )
        if isinstance(result, Settled):
            self.ledger.settle(result)
            return None
        return result
