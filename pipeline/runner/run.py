"""The main job: seeds -> fetch -> text -> claims -> embeddings -> pairs -> verdicts -> store.

Each source is fetched, extracted and analysed on its own: a broken page (one that cannot be
fetched, has no text, is over the analysis budget `max_document_words`, or makes the analysis
fail) is recorded as a failed source and the run goes on. Each source's result (document,
entities, claims, validators and status) is committed in one transaction, and a feed's state
only after its entries are recorded as pending, so a run killed at any moment loses nothing: the
next run picks up where it stopped.
A document whose text, extractor and party settings are unchanged is not analysed again, and a
case whose documents are unchanged is not paired again, so a rerun with nothing new loads no NLP
model and changes no rows.

A dry run fetches, classifies and reports, and stops there: it never has a writer, loads no
model and groups feed entries by names and dates only.

The stages' work lives in their modules: `gather` (feeds, fetching, stories), `classify` and
`sources` (what becomes of each source), `pipeline.nlp.attribute` (claims with their party and
id), `pairing` (embeddings and verdicts); this module runs them in order and records the run.
Each source's outcome, each stage's seconds and the run's summary are logged at info.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pipeline.config import Settings
from pipeline.executors import make_executor
from pipeline.feeds.stories import Aligned, ClaimsAlign
from pipeline.fetching.fetcher import Fetcher, now_iso
from pipeline.hashing import stable_id
from pipeline.nlp.claims import EXTRACTOR_VERSION
from pipeline.progress import progress_bar
from pipeline.records import Case, SourceOutcome
from pipeline.runner.classify import Pending, Settled
from pipeline.runner.gather import FetchedEntry, Gathering
from pipeline.runner.ledger import Ledger, Unwritten, write_nothing
from pipeline.runner.pairing import CasePairing
from pipeline.runner.timing import StageClock
from pipeline.seeds import FeedSpec, StoryPin
from pipeline.store import Store

if TYPE_CHECKING:
    from pipeline.nlp.analyse import Analysis

logger = logging.getLogger(__name__)

# Claim texts embedded at once while the parse goes on: sorted by length, a few hundred texts
# pad far less than one chunk's hundred (which cost 1.6x the time for the same texts).
EMBED_AT_ONCE = 512


@dataclass(frozen=True)
class RunOptions:
    """What to do this time: `dry_run` fetches and reports but writes nothing; `limit` caps
    the sources fetched (the rest wait for the next run); `since` leaves out feed entries
    published before that date."""

    dry_run: bool = False
    limit: int | None = None
    since: date | None = None


@dataclass(frozen=True)
class RunResult:
    """What a run did: each source's outcome, the counts, and the cases (declared and story)
    it covered."""

    run_id: str
    outcomes: tuple[SourceOutcome, ...]
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    case_ids: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[SourceOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


def run_pipeline(
    cases: Sequence[Case],
    store: Store | None,
    settings: Settings,
    seeds_label: str,
    *,
    feeds: Sequence[FeedSpec] = (),
    stories: Sequence[StoryPin] = (),
    options: RunOptions = RunOptions(),
    fetcher: Fetcher | None = None,
) -> RunResult:
    """Run every stage over `cases` and `feeds`, writing into `store`; return what happened.

    With `options.dry_run` the store (None when there is none yet) is only read.
    """
    fetcher = fetcher or Fetcher(settings.fetch)
    run_id = stable_id(seeds_label, now_iso(), uuid.uuid4().hex)
    if options.dry_run:
        return _dry_run(
            list(cases), list(feeds), list(stories), store, settings, options, fetcher, run_id
        )
    if store is None:
        raise ValueError("a run that writes needs a store")
    run = _Run(store, settings, options, fetcher, run_id)
    return run.execute(list(cases), list(feeds), list(stories), seeds_label)


def _dry_run(
    cases: list[Case],
    feeds: list[FeedSpec],
    stories: list[StoryPin],
    store: Store | None,
    settings: Settings,
    options: RunOptions,
    fetcher: Fetcher,
    run_id: str,
) -> RunResult:
    """Fetch and classify every source as a run would, writing nothing: the documents a run
    would analyse are reported ok."""
    make_executor(settings.nlp)  # an unknown executor is an error here too; it loads nothing
    ledger = Ledger(write_nothing, run_id)
    clock = StageClock()
    gathering = Gathering(store, None, fetcher, ledger, settings.max_document_words)
    with clock.stage("feeds"):
        entries = gathering.read_feeds(feeds, options.since)
    jobs = gathering.jobs(cases, entries, options.limit)
    with clock.stage("fetch"):
        pending, fetched = gathering.fetch(jobs)
    with clock.stage("stories"):
        story_cases, placed = gathering.place(
            fetched, feeds, stories, settings.story_window_days, None
        )
    for p in pending + placed:
        outcome = SourceOutcome(p.source.source_id, "ok", None, p.document.document_id)
        ledger.stored(p.source.location, outcome)
    return _finish(ledger, clock, "dry-run", cases + story_cases, dry_run=True)


class _Run:
    """A run that writes: everything `_dry_run` does, then the analysis, embeddings and pairs,
    recorded in `store` as the run `run_id`."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        options: RunOptions,
        fetcher: Fetcher,
        run_id: str,
    ) -> None:
        self.store = store
        self.settings = settings
        self.options = options
        self.run_id = run_id
        self.ledger = Ledger(self._write_outcomes, run_id)
        self.clock = StageClock()
        self.gathering = Gathering(store, store, fetcher, self.ledger, settings.max_document_words)
        self.executor = make_executor(settings.nlp)  # loads and connects nothing until needed
        self.pairing = CasePairing(
            store,
            self.executor,
            settings.pairing,
            settings.verdict,
            settings.analyse_chunk * 20,
            self.ledger,
            self.clock,
        )

    def execute(
        self, cases: list[Case], feeds: list[FeedSpec], stories: list[StoryPin], seeds_label: str
    ) -> RunResult:
        store, ledger = self.store, self.ledger
        store.runs.close_interrupted()
        store.runs.start(ledger.run_id, seeds_label)
        store.sources.save_cases(cases)
        try:
            all_cases = self._stages(cases, feeds, stories)
        except BaseException as exc:
            ledger.flush()
            store.runs.finish(
                ledger.run_id, "failed", ledger.counts, f"{type(exc).__name__}: {exc}"
            )
            self.clock.log()
            _log_summary(ledger, "failed")
            raise
        finally:
            self.executor.close()
        status = "partial" if ledger.counts["sources_failed"] else "ok"
        store.runs.finish(ledger.run_id, status, ledger.counts, None)
        return _finish(ledger, self.clock, status, all_cases, dry_run=False)

    def _stages(
        self, cases: list[Case], feeds: list[FeedSpec], stories: list[StoryPin]
    ) -> list[Case]:
        gathering, clock, options = self.gathering, self.clock, self.options
        with clock.stage("feeds"):
            entries = gathering.read_feeds(feeds, options.since)
        jobs = gathering.jobs(cases, entries, options.limit)
        with clock.stage("fetch"):
            # each document parsed (with a streaming executor) while the rest is fetched
            pending, fetched = gathering.fetch(jobs, self._prefetch)
        self.ledger.flush()
        with clock.stage("stories"):
            aligned, analyses = self._entry_claims(fetched)
            window = self.settings.story_window_days
            story_cases, placed = gathering.place(fetched, feeds, stories, window, aligned)
        self.ledger.flush()
        self._analyse(pending + placed, analyses)
        self.ledger.flush()  # the documents that could not be analysed
        all_cases = cases + story_cases
        self.pairing.pair(all_cases)
        return all_cases

    def _write_outcomes(self, items: Sequence[Unwritten]) -> int:
        return self.store.sources.record_outcomes(items, self.run_id)

    def _stored_claim_texts(self, url: str) -> list[str]:
        return self.store.feeds.entry_claim_texts(url)

    def _prefetch(self, todo: Pending) -> None:
        self.executor.prefetch([todo.document.text])

    def _entry_claims(
        self, entries: list[FetchedEntry]
    ) -> tuple[Aligned | None, dict[str, Analysis]]:
        """The new entries' analyses (made now, so that grouping can check that a rebuttal's
        claims align with the report's; reused by the analysis), by text, and that check."""
        if not entries:
            return None, {}
        from pipeline.nlp.embed import Embedder

        texts = [document.text for _, _, document in entries]
        analyses = dict(zip(texts, self._extract(texts), strict=True))
        claim_texts = {
            source.location: [c.text for c in analyses[document.text].claims]
            for source, _, document in entries
        }
        embedder = Embedder(batch_size=self.settings.embed_batch_size)
        threshold = self.settings.pair_min_similarity
        stored = self._stored_claim_texts
        aligned = ClaimsAlign(claim_texts, stored, embedder.embed, threshold)
        return aligned, analyses

    def _extract(self, texts: list[str]) -> list[Analysis]:
        """The analyses of `texts` (all of them: for the few new feed entries)."""
        from pipeline.nlp.analyse import paragraph_count

        with progress_bar("analysing", paragraph_count(texts)) as advance:
            return [a for chunk in self.executor.analyse(texts, on_progress=advance) for a in chunk]

    def _analyse(self, pending: list[Pending], known: dict[str, Analysis]) -> None:
        """Analyse and store the pending documents, a chunk at a time as the executor returns
        them: memory holds one chunk's analyses, and each chunk is one transaction (`known`:
        analyses already made, by text)."""
        self.ledger.counts["documents_analysed"] = len(pending)
        if not pending:
            return
        from pipeline.nlp.analyse import paragraph_count

        todo = list(dict.fromkeys(p.document.text for p in pending if p.document.text not in known))
        ready = [p for p in pending if p.document.text in known]
        waiting = [p for p in pending if p.document.text not in known]
        with self.clock.stage("analyse"):
            if ready:
                self._store([(p, known[p.document.text]) for p in ready])
            # With a streaming executor each chunk is embedded as it comes, and each case
            # judged once its last document is stored, while the workers parse the next chunk.
            streams = self.executor.streams
            left = Counter(p.case.id for p in waiting)
            stored_cases: dict[str, Case] = {}  # stored since the last embedding
            done = 0
            with progress_bar("analysing", paragraph_count(todo)) as advance:
                for chunk in self.executor.analyse(todo, on_progress=advance):
                    made = dict(zip(todo[done : done + len(chunk)], chunk, strict=True))
                    done += len(chunk)
                    stored = [
                        (p, made[p.document.text]) for p in waiting if p.document.text in made
                    ]
                    self._store(stored)
                    if not streams:
                        continue
                    left.subtract(p.case.id for p, _ in stored)
                    stored_cases.update((p.case.id, p.case) for p, _ in stored)
                    if self.pairing.embed_missing(list(stored_cases), EMBED_AT_ONCE, False):
                        done_cases = [c for c in stored_cases.values() if left[c.id] == 0]
                        self.pairing.pair(done_cases, quiet=True)
                        stored_cases = {}

    def _store(self, analysed: list[tuple[Pending, Analysis]]) -> None:
        """Store the analysed documents with their claims, in one transaction; a document that
        could not be analysed is a failed source (the rest are stored)."""
        from pipeline.nlp.analyse import correction_notices
        from pipeline.nlp.attribute import attribute_claims
        from pipeline.store.documents import AnalysedDocument

        stored: list[tuple[str, AnalysedDocument]] = []
        for p, analysis in analysed:
            document, source = p.document, p.source
            if analysis.error is not None:
                note = f"{source.location}: could not be analysed: {analysis.error}"
                outcome = SourceOutcome(source.source_id, "failed", note, None, p.http_status)
                self.ledger.settle(Settled(outcome, source.location))
                continue
            claims = attribute_claims(analysis, p.case, source.party, document)
            outcome = SourceOutcome(
                source.source_id, "ok", None, document.document_id, p.http_status
            )
            item = AnalysedDocument(
                document,
                p.key,
                analysis.entities,
                claims,
                outcome,
                p.state,
                p.replaces,
                correction_notices(document.text),
            )
            stored.append((source.location, item))
        versions, new_claims = self.store.documents.replace(
            [item for _, item in stored], EXTRACTOR_VERSION, self.ledger.run_id
        )
        self.ledger.counts["versions_new"] += versions
        self.ledger.counts["claims_new"] += new_claims
        for location, item in stored:
            self.ledger.stored(location, item.outcome, len(item.claims))


def _finish(
    ledger: Ledger, clock: StageClock, status: str, cases: list[Case], *, dry_run: bool
) -> RunResult:
    """The run's result, its stages' seconds and its summary logged."""
    clock.log()
    _log_summary(ledger, status)
    return RunResult(
        run_id=ledger.run_id,
        outcomes=tuple(ledger.outcomes),
        counts=ledger.counts,
        dry_run=dry_run,
        case_ids=tuple(c.id for c in cases),
    )


def _log_summary(ledger: Ledger, status: str) -> None:
    counts = ledger.counts
    logger.info(
        "run %s: %s; %s",
        ledger.run_id,
        status,
        ", ".join(f"{name} {n}" for name, n in counts.items() if n) or "nothing to do",
        extra={"run_id": ledger.run_id, "status": status, **counts},
    )
