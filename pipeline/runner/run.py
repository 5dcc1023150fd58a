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

A declared source (from a seeds file) may be a local file; a feed entry is fetched only as an
http(s) URL, and one that never can be (a file path, another scheme, a forbidden address) is
recorded as refused and not tried again. A stored page that now answers 404 or 410 is recorded
as gone: its document and claims stay, marked gone until the page answers again.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pipeline.config import Settings
from pipeline.errors import ExtractError, FetchError, HttpStatusError, RefusedError
from pipeline.executors import make_executor
from pipeline.feeds.entries import place_entries, read_feeds
from pipeline.feeds.stories import Aligned, StoryDoc
from pipeline.fetching.fetcher import Fetcher, now_iso
from pipeline.fetching.robots import RobotsDisallowedError
from pipeline.fetching.text import check_size, page_to_document
from pipeline.hashing import stable_id, text_hash
from pipeline.nlp.claims import EXTRACTOR_VERSION
from pipeline.nlp.embed import MODEL_NAME
from pipeline.progress import progress_bar
from pipeline.records import (
    Case,
    Claim,
    Document,
    FetchState,
    Page,
    Source,
    SourceOutcome,
    SourceState,
)
from pipeline.seeds import FeedSpec, StoryPin
from pipeline.store import Store

if TYPE_CHECKING:
    from pipeline.contradict.base import VerdictBackend
    from pipeline.nlp.analyse import Analysis
    from pipeline.nlp.embed import Embedder

FLUSH_EVERY = 50
GONE_STATUSES = frozenset({404, 410})
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
    run_id: str
    outcomes: tuple[SourceOutcome, ...]
    counts: dict[str, int] = field(default_factory=dict)
    reports: tuple[Path, ...] = ()
    dry_run: bool = False
    case_ids: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[SourceOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


@dataclass(frozen=True)
class _Pending:
    """A fetched document to analyse and store."""

    case: Case
    source: Source
    document: Document
    key: str
    state: FetchState
    http_status: int | None
    replaces: str | None = None  # a stored document this one takes the place of


def analysis_key(document: Document, case: Case, source: Source) -> str:
    """Changes whenever a document would be analysed differently: text, extractor, parties."""
    return _analysis_key(document.content_hash, case, source)


def _analysis_key(content_hash: str, case: Case, source: Source) -> str:
    parties = json.dumps(
        [[p.id, p.name, sorted(p.aliases), p.neutral] for p in case.parties], sort_keys=True
    )
    return stable_id(content_hash, EXTRACTOR_VERSION, parties, source.party, length=32)


def claim_id(document_id: str, claim: Claim) -> str:
    return stable_id(
        document_id, claim.kind, claim.content.start, claim.content.end, EXTRACTOR_VERSION
    )


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
    if store is None and not options.dry_run:
        raise ValueError("a run that writes needs a store")
    run = _Run(store, settings, options, fetcher or Fetcher(settings), seeds_label)
    return run.execute(list(cases), list(feeds), list(stories))


class _Run:
    def __init__(
        self,
        store: Store | None,
        settings: Settings,
        options: RunOptions,
        fetcher: Fetcher,
        seeds_label: str,
    ) -> None:
        self.store = store
        self.writer = None if options.dry_run else store
        self.settings = settings
        self.options = options
        self.fetcher = fetcher
        self.run_id = stable_id(seeds_label, now_iso(), id(self))
        self.seeds_label = seeds_label
        self.counts = {
            "sources_ok": 0,
            "sources_unchanged": 0,
            "sources_failed": 0,
            "sources_skipped": 0,
            "sources_deferred": 0,
            "sources_refused": 0,
            "sources_gone": 0,
            "gone_marks_changed": 0,
            "entries_new": 0,
            "documents_analysed": 0,
            "claims_added": 0,
            "pairs": 0,
            "contradictions": 0,
        }
        self.outcomes: list[SourceOutcome] = []
        self._unwritten: list[tuple[SourceOutcome, str | None, FetchState | None]] = []
        self.claimed: dict[str, str] = {}  # document id or (case, content hash) -> source id
        self._embedder_instance: Embedder | None = None
        self._backend_instance: VerdictBackend | None = None
        self.executor = make_executor(settings)  # loads and connects nothing until a stage needs it

    def execute(
        self, cases: list[Case], feeds: list[FeedSpec], stories: list[StoryPin]
    ) -> RunResult:
        w = self.writer
        if w is not None:
            w.runs.close_interrupted()
            w.runs.start(self.run_id, self.seeds_label)
            w.sources.save_cases(cases)
        try:
            pending_entries, feed_outcomes = read_feeds(
                feeds, self.store, self.writer, self.fetcher, self.run_id, self.options.since
            )
            self.outcomes += feed_outcomes
            self.counts["sources_failed"] += sum(o.status == "failed" for o in feed_outcomes)
            self.counts["entries_new"] = len(pending_entries)
            declared = {s.source_id: (c, s) for c in cases for s in c.sources}
            jobs: list[tuple[Case | None, Source]] = list(declared.values())
            jobs += [(None, s) for s in pending_entries]
            if self.store is not None and self.options.limit is not None:
                last = self.store.sources.last_attempts()  # the longest waiting go first
                jobs.sort(key=lambda job: last.get(job[1].source_id, ""))
            if self.options.limit is not None and len(jobs) > self.options.limit:
                self.counts["sources_deferred"] = len(jobs) - self.options.limit
                jobs = jobs[: self.options.limit]
            pending: list[_Pending] = []
            entries: list[tuple[Source, Page, Document]] = []
            with progress_bar("fetching", len(jobs)) as advance:
                for case, source in jobs:
                    if case is None:
                        fetched = self._fetch_entry(source)
                        if fetched:
                            entries.append(fetched)
                    else:
                        todo = self._fetch_source(case, source)
                        if todo:
                            pending.append(todo)
                            if not self.options.dry_run:  # parsed while the rest is fetched
                                self.executor.prefetch([todo.document.text])
                    advance(1)
            self._flush()
            aligned, analyses = self._entry_claims(entries)
            window = self.settings.story_window_days
            story_cases, placed = place_entries(
                entries, feeds, stories, self.store, self.writer, window, aligned
            )
            for p in placed:
                todo = self._classify(p.case, p.source, p.page, p.document, p.replaces)
                if todo:
                    pending.append(todo)
            all_cases = cases + story_cases
            if self.options.dry_run:
                self.counts["sources_ok"] += len(pending)
                self.outcomes += [
                    SourceOutcome(p.source.source_id, "ok", None, p.document.document_id)
                    for p in pending
                ]
                return self._result(all_cases)
            self._flush()
            self._analyse(pending, analyses)
            self._flush()  # the documents that could not be analysed
            self._pair_cases(all_cases)
        except BaseException as exc:
            if w is not None:
                self._flush()
                w.runs.finish(self.run_id, "failed", self.counts, f"{type(exc).__name__}: {exc}")
            raise
        finally:
            self.executor.close()
        if w is not None:
            status = "partial" if self.counts["sources_failed"] else "ok"
            w.runs.finish(self.run_id, status, self.counts, None)
        return self._result(all_cases)

    def _result(self, cases: list[Case]) -> RunResult:
        return RunResult(
            run_id=self.run_id,
            outcomes=tuple(self.outcomes),
            counts=self.counts,
            dry_run=self.options.dry_run,
            case_ids=tuple(c.id for c in cases),
        )

    def _record(
        self,
        outcome: SourceOutcome,
        fetched_at: str | None = None,
        state: FetchState | None = None,
    ) -> None:
        """Note an outcome that stores no document; written in batches (one transaction per
        batch: a commit per source would cost more than the fetch), see `_flush`."""
        self.outcomes.append(outcome)
        self.counts[f"sources_{_count_key(outcome.status)}"] += 1
        if self.writer is not None:
            self._unwritten.append((outcome, fetched_at, state))
            if len(self._unwritten) >= FLUSH_EVERY:
                self._flush()

    def _flush(self) -> None:
        if self.writer is not None and self._unwritten:
            changed = self.writer.sources.record_outcomes(self._unwritten, self.run_id)
            self.counts["gone_marks_changed"] += changed
        self._unwritten = []

    # -- feeds and sitemaps --------------------------------------------------------------------

    # -- fetching ------------------------------------------------------------------------------

    def _fetch_source(self, case: Case, source: Source) -> _Pending | None:
        state = self.store.sources.state(source.source_id) if self.store else None
        fetched = self._fetch_document(source, state, case)
        if fetched is None:
            return None
        return self._classify(case, source, *fetched)

    def _fetch_entry(self, source: Source) -> tuple[Source, Page, Document] | None:
        fetched = self._fetch_document(source, None, None)
        return None if fetched is None else (source, *fetched)

    def _fetch_document(
        self, source: Source, state: SourceState | None, case: Case | None
    ) -> tuple[Page, Document] | None:
        """The page and its document; None when the source is unchanged (a 304 for the same
        analysis), failed, skipped, refused or gone, each recorded."""
        from_seeds = source.feed_id is None  # the user wrote it: it may name a local file
        try:
            page = self.fetcher.fetch(
                source.location,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
                local_ok=from_seeds,
            )
            if page.status == 304 and state is not None and case is not None:
                if _analysis_key(state.content_hash, case, source) == state.analysis_key:
                    outcome = SourceOutcome(
                        source.source_id, "unchanged", None, state.document_id, 304
                    )
                    self._record(outcome, page.fetched_at)
                    return None
                # the parties changed: the text
                page = self.fetcher.fetch(source.location, local_ok=from_seeds)
            document = page_to_document(page, source)
            check_size(document, self.settings.max_document_words, page.location)
            return page, document
        except RobotsDisallowedError as exc:
            self._record(SourceOutcome(source.source_id, "skipped", str(exc)))
        except RefusedError as exc:  # the user can fix a seeds file, not a feed
            self._record(
                SourceOutcome(source.source_id, "failed" if from_seeds else "refused", str(exc))
            )
        except HttpStatusError as exc:
            self._record(_http_failure(source, state, exc))
        except (FetchError, ExtractError) as exc:
            self._record(SourceOutcome(source.source_id, "failed", str(exc)))
        return None

    def _classify(
        self,
        case: Case,
        source: Source,
        page: Page | None,
        document: Document,
        replaces: str | None = None,
    ) -> _Pending | None:
        """Duplicate, unchanged, or to analyse (`page` is None for a stored document that
        moves to another story, replacing the document `replaces`)."""
        store = self.store
        doc_id = document.document_id
        http_status = page.status if page else None
        fetched_at = page.fetched_at if page else None
        fetch_state = FetchState(
            page.etag if page else None, page.last_modified if page else None, document.content_hash
        )
        content_key = f"{case.id}\x1f{document.content_hash}"
        same_text = store.documents.with_content(case.id, document.content_hash) if store else None
        first = self.claimed.get(doc_id) or self.claimed.get(content_key)
        if first is None and same_text not in (None, doc_id, replaces):
            first = same_text
        if first is not None and first != source.source_id:
            note = f"{source.location}: same document as another source of the case, stored once"
            outcome = SourceOutcome(source.source_id, "duplicate", note, None, http_status)
            self._record(outcome, fetched_at)
            return None
        self.claimed[doc_id] = self.claimed[content_key] = source.source_id
        key = analysis_key(document, case, source)
        if store is not None and store.documents.analysis_key(doc_id) == key:
            outcome = SourceOutcome(source.source_id, "unchanged", None, doc_id, http_status)
            self._record(outcome, fetched_at, fetch_state)
            return None
        return _Pending(case, source, document, key, fetch_state, http_status, replaces)

    # -- stories -------------------------------------------------------------------------------

    def _entry_claims(
        self, entries: list[tuple[Source, Page, Document]]
    ) -> tuple[Aligned | None, dict[str, Analysis]]:
        """The new entries' claims (extracted now, so that grouping can check that a rebuttal's
        claims align with the report's; reused by the analysis), and that check. A dry run
        loads no model and groups by names and dates only."""
        if not entries or self.options.dry_run:
            return None, {}
        texts = [document.text for _, _, document in entries]
        analyses = dict(zip(texts, self._extract(texts), strict=True))
        claim_texts = {
            source.location: [c.text for c in analyses[document.text].claims]
            for source, _, document in entries
        }
        store = self.store
        threshold = self.settings.pair_min_similarity

        def texts_of(doc: StoryDoc) -> list[str]:
            if doc.url not in claim_texts and store is not None:
                claim_texts[doc.url] = store.feeds.entry_claim_texts(doc.url)
            return claim_texts.get(doc.url, [])

        def aligned(rebuttal: StoryDoc, report: StoryDoc) -> bool:
            a, b = texts_of(rebuttal), texts_of(report)
            if not a or not b:
                return False
            vectors = self._embedder().embed(a + b)
            matrix_a = np.stack([vectors[text_hash(t)] for t in a])
            matrix_b = np.stack([vectors[text_hash(t)] for t in b])
            return float((matrix_a @ matrix_b.T).max()) >= threshold

        return aligned, analyses

    def _extract(self, texts: list[str]) -> list[Analysis]:
        """The analyses of `texts` (all of them: for the few new feed entries)."""
        from pipeline.nlp.analyse import paragraph_count

        with progress_bar("analysing", paragraph_count(texts)) as advance:
            return [a for chunk in self.executor.analyse(texts, on_progress=advance) for a in chunk]

    def _embedder(self) -> Embedder:
        if self._embedder_instance is None:
            from pipeline.nlp.embed import Embedder

            self._embedder_instance = Embedder(batch_size=self.settings.embed_batch_size)
        return self._embedder_instance

    # -- analysis and pairs --------------------------------------------------------------------

    def _analyse(self, pending: list[_Pending], known: dict[str, Analysis]) -> None:
        """Analyse and store the pending documents, a chunk at a time as the executor returns
        them: memory holds one chunk's analyses, and each chunk is one transaction (`known`:
        analyses already made, by text)."""
        self.counts["documents_analysed"] = len(pending)
        if not pending:
            return
        from pipeline.nlp.analyse import paragraph_count

        todo = list(dict.fromkeys(p.document.text for p in pending if p.document.text not in known))
        ready = [p for p in pending if p.document.text in known]
        waiting = [p for p in pending if p.document.text not in known]
        if ready:
            self._store([(p, known[p.document.text]) for p in ready])
        # With a streaming executor each chunk is embedded as it comes, and each case judged
        # once its last document is stored, while the workers parse the next chunk.
        streams = self.executor.streams
        left = Counter(p.case.id for p in waiting)
        stored_cases: dict[str, Case] = {}  # stored since the last embedding
        done = 0
        with progress_bar("analysing", paragraph_count(todo)) as advance:
            for chunk in self.executor.analyse(todo, on_progress=advance):
                made = dict(zip(todo[done : done + len(chunk)], chunk, strict=True))
                done += len(chunk)
                stored = [(p, made[p.document.text]) for p in waiting if p.document.text in made]
                self._store(stored)
                if not streams:
                    continue
                left.subtract(p.case.id for p, _ in stored)
                stored_cases.update((p.case.id, p.case) for p, _ in stored)
                if self._embed_missing(list(stored_cases), EMBED_AT_ONCE, show_progress=False):
                    done_cases = [c for c in stored_cases.values() if left[c.id] == 0]
                    self._pair_cases(done_cases, quiet=True)
                    stored_cases = {}

    def _store(self, analysed: list[tuple[_Pending, Analysis]]) -> None:
        from pipeline.nlp.speakers import resolve_speakers
        from pipeline.store.documents import AnalysedDocument

        items = []
        for p, analysis in analysed:
            document = p.document
            if analysis.error is not None:  # this one document: the rest of the chunk is stored
                note = f"{p.source.location}: could not be analysed: {analysis.error}"
                self._record(SourceOutcome(p.source.source_id, "failed", note, None, p.http_status))
                continue
            claims = tuple(
                replace(
                    c, claim_id=claim_id(document.document_id, c), document_id=document.document_id
                )
                for c in resolve_speakers(
                    analysis.claims, p.case, p.source.party, analysis.entities, document.text
                )
            )
            outcome = SourceOutcome(
                p.source.source_id, "ok", None, document.document_id, p.http_status
            )
            items.append(
                AnalysedDocument(
                    document, p.key, analysis.entities, claims, outcome, p.state, p.replaces
                )
            )
        assert self.writer is not None
        self.writer.documents.replace(items, EXTRACTOR_VERSION, self.run_id)
        for item in items:
            self.counts["claims_added"] += len(item.claims)
            self.counts["sources_ok"] += 1
            self.outcomes.append(item.outcome)

    def _backend(self) -> VerdictBackend:
        if self._backend_instance is None:
            from pipeline.contradict.backends import make_backend

            settings = self.settings
            self._backend_instance = make_backend(settings.verdict_backend, settings.nli_model)
        return self._backend_instance

    def _embed_missing(
        self, case_ids: list[str], at_least: int = 0, show_progress: bool = True
    ) -> bool:
        """Embed the claim texts of `case_ids` that the store has no vector for, if there are
        `at_least` of them, a chunk at a time: memory holds one chunk of texts, never the whole
        store's. Whether it did."""
        store = self.writer
        assert store is not None
        missing = store.embeddings.missing_texts(case_ids, MODEL_NAME)
        if len(missing) < at_least:
            return False
        chunk = max(1, self.settings.analyse_chunk * 20)
        with progress_bar("embedding", len(missing), show_progress) as advance:
            for start in range(0, len(missing), chunk):
                store.embeddings.save(
                    self.executor.embed(missing[start : start + chunk]), MODEL_NAME
                )
                advance(len(missing[start : start + chunk]))
        return True

    def _pair_cases(self, cases: list[Case], quiet: bool = False) -> None:
        """Judge the candidate pairs of each of `cases` whose documents, backend or pairing
        settings changed since it was last judged."""
        store = self.writer
        assert store is not None
        settings = self.settings
        backend = self._backend()
        todo: list[tuple[Case, str]] = []
        for case in cases:
            stored_key, analyses = store.pairs.case_inputs(case.id)
            key = stable_id(
                analyses,
                backend.version,
                settings.pair_top_k,
                settings.pair_min_similarity,
                sorted((p.id, p.neutral) for p in case.parties),
                length=32,
            )
            if key != stored_key:
                todo.append((case, key))
        if not todo:
            return
        from pipeline.contradict.judge import judge_case

        self._embed_missing([case.id for case, _ in todo], show_progress=not quiet)
        for case, key in todo:  # one case's claims in memory at a time
            claims = {c.claim_id: c for c in store.documents.case_claims(case.id)}
            hashes = {cid: text_hash(c.text) for cid, c in claims.items()}
            stored = store.embeddings.vectors(hashes.values(), MODEL_NAME)
            vectors = {cid: stored[h] for cid, h in hashes.items()}
            sides = {p.id for p in case.parties if not p.neutral}
            pairs, points = judge_case(case.id, claims, vectors, sides, settings, backend)
            store.pairs.replace(case.id, pairs, backend.version, points, key)
            self.counts["pairs"] += len(pairs)
            self.counts["contradictions"] += sum(p.verdict.label == "contradicts" for p in pairs)


def _http_failure(source: Source, state: SourceState | None, exc: HttpStatusError) -> SourceOutcome:
    """A stored page that answers 404 or 410 is gone (its document stays, marked); any other
    status, or a page never stored, is a failure. Both record the status."""
    if exc.status in GONE_STATUSES and state is not None:
        note = f"{exc}; its last text and claims are kept"
        return SourceOutcome(source.source_id, "gone", note, state.document_id, exc.status)
    return SourceOutcome(source.source_id, "failed", str(exc), None, exc.status)


def _count_key(status: str) -> str:
    return {"duplicate": "skipped"}.get(status, status)
