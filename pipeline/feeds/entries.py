"""Feed and sitemap entries in a run: reading the feeds into pending sources, and placing the
fetched entries into story cases.

A feed's validators are stored in the same transaction as the entries it listed (as pending
sources), so a run killed after reading a feed never loses its entries. Nothing is written
without a `writer` (a dry run). Every location read here came from the network: it is fetched
only as an http(s) URL; a child sitemap that is refused (a file path, another scheme, a forbidden
address) is left out and named in the sitemap's outcome, and the rest of the sitemap is read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from pipeline.errors import FetchError, RefusedError
from pipeline.feeds.parse import Entry, parse_feed, parse_sitemap
from pipeline.feeds.stories import Aligned, StoryDoc, assign_stories
from pipeline.fetching.fetcher import Fetcher
from pipeline.fetching.robots import RobotsDisallowedError
from pipeline.hashing import stable_id
from pipeline.records import Case, Document, FetchState, Page, Party, Source, SourceOutcome
from pipeline.seeds import FeedSpec, StoryPin
from pipeline.store import Store

MAX_CHILD_SITEMAPS = 20


@dataclass(frozen=True)
class Placed:
    """A feed entry in its story: `page` is None for a stored entry the user moved to another
    story, whose stored document (`replaces`) gives way to this one."""

    case: Case
    source: Source
    page: Page | None
    document: Document
    replaces: str | None = None


def entry_source_id(url: str) -> str:
    """A feed entry's source id: its URL alone, so it stays when its story changes."""
    return stable_id("entry", url)


def read_feeds(
    feeds: Sequence[FeedSpec],
    store: Store | None,
    writer: Store | None,
    fetcher: Fetcher,
    run_id: str,
    since: date | None,
) -> tuple[list[Source], list[SourceOutcome]]:
    """Read each feed, record its new entries as pending; every pending entry published since
    `since` (or undated), and each feed's outcome."""
    outcomes: list[SourceOutcome] = []
    listed: list[Source] = []
    for feed in feeds:
        sources, outcome = _read_feed(feed, store, writer, fetcher, run_id)
        listed += sources
        outcomes.append(outcome)
    # A writing run has just recorded the new entries as pending; a dry run has not.
    pending = store.feeds.pending_entries() if store else []
    if writer is None:
        pending += [s for s in listed if not (store and store.feeds.entry_known(s.source_id))]
    result = [
        s
        for s in {s.source_id: s for s in pending}.values()
        if since is None or s.published is None or s.published >= since.isoformat()
    ]
    return result, outcomes


def _read_feed(
    feed: FeedSpec, store: Store | None, writer: Store | None, fetcher: Fetcher, run_id: str
) -> tuple[list[Source], SourceOutcome]:
    state = store.feeds.state(feed.feed_id) if store else None

    refused: list[str] = []

    def record(
        status: str, error: str | None, page: Page | None, sources: list[Source]
    ) -> tuple[list[Source], SourceOutcome]:
        if status == "ok" and refused:
            error = f"{len(refused)} child sitemap{'s' * (len(refused) > 1)} refused: {refused[0]}"
        code = page.status if page else None
        outcome = SourceOutcome(feed.feed_id, status, error, None, code)  # type: ignore[arg-type]
        if writer is not None:
            fetched = None
            if page is not None:
                body_hash = _hash(page.body) if page.body else None
                fetched = FetchState(page.etag, page.last_modified, body_hash)
            writer.feeds.record(feed, outcome, run_id, fetched, len(sources), sources)
        return (sources if status == "ok" else []), outcome

    try:
        page = fetcher.fetch(
            feed.url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if page.status == 304 or (state and state.content_hash == _hash(page.body)):
            return record("unchanged", None, page, [])
        entries: list[Entry] = []
        if feed.kind == "sitemap":
            listing = parse_sitemap(page.body, feed.url, fetcher.max_bytes)
            entries += listing.entries
            for child in listing.child_sitemaps[:MAX_CHILD_SITEMAPS]:
                try:
                    child_page = fetcher.fetch(child)
                except RefusedError as exc:  # never readable: the rest of the index still is
                    refused.append(str(exc))
                    continue
                entries += parse_sitemap(child_page.body, child, fetcher.max_bytes).entries
        else:
            entries += parse_feed(page.body, feed.url).entries
    except RobotsDisallowedError as exc:
        return record("skipped", str(exc), None, [])
    except FetchError as exc:
        return record("failed", str(exc), None, [])
    sources = [
        Source(
            source_id=entry_source_id(e.url),
            case_id="",
            location=e.url,
            party=feed.feed_id,
            role=feed.role,
            feed_id=feed.feed_id,
            published=e.published,
        )
        for e in entries
    ]
    return record("ok", None, page, sources)


def place_entries(
    entries: Sequence[tuple[Source, Page, Document]],
    feeds: Sequence[FeedSpec],
    pins: Sequence[StoryPin],
    store: Store | None,
    writer: Store | None,
    window_days: int,
    aligned: Aligned | None = None,
) -> tuple[list[Case], list[Placed]]:
    """Put each fetched entry in a story, and move stored entries the user pinned to another
    story; the story cases touched (saved through `writer`), and each entry in its case."""
    pin_of = {url: pin.story_id for pin in pins for url in pin.urls}
    known = store.feeds.story_documents() if store else []
    moved = [k for k in known if pin_of.get(k[0].location, k[0].case_id) != k[0].case_id]
    if not entries and not moved:
        return [], []
    by_feed = {f.feed_id: f for f in feeds}
    titles = {pin.story_id: pin.title for pin in pins}

    def story_doc(source: Source, text: str, story: str | None) -> StoryDoc:
        feed = by_feed.get(source.feed_id or "")
        outlet = (feed.name, *feed.aliases) if feed else (source.party,)
        published = _date(source.published)
        return StoryDoc(source.location, source.party, outlet, source.role, published, text, story)

    new_docs = [story_doc(s, d.text, None) for s, _, d in entries]
    known_docs = [story_doc(s, text, pin_of.get(s.location, s.case_id)) for s, text, _ in known]
    assigned = assign_stories(new_docs, known_docs, pin_of, window_days, aligned)
    touched = {s.case_id for s, _, _ in moved}
    members: dict[str, list[Source]] = {}
    for source, _, _ in known:
        story = pin_of.get(source.location, source.case_id)
        members.setdefault(story, []).append(replace(source, case_id=story))
    placed: list[tuple[Source, Page | None, Document, str | None]] = []
    for source, page, document in entries:
        placed_source = replace(source, case_id=assigned[source.location])
        members.setdefault(placed_source.case_id, []).append(placed_source)
        placed.append((placed_source, page, document, None))
    for source, _, document_id in moved:
        assert store is not None
        stored = store.documents.load(document_id)
        placed.append((replace(source, case_id=pin_of[source.location]), None, stored, document_id))
    touched |= {s.case_id for s, _, _, _ in placed}
    cases = {}
    for story in sorted(touched):
        sources = members.get(story, [])
        parties = []
        for feed_id in dict.fromkeys(s.party for s in sources):
            feed = by_feed.get(feed_id)
            parties.append(
                Party(feed_id, feed.name, feed.aliases, feed.neutral)
                if feed
                else Party(feed_id, feed_id)
            )
        title = titles.get(story) or next(
            (d.title for s, _, d, _ in placed if s.case_id == story and d.title), story
        )
        cases[story] = Case(story, title or story, tuple(parties), tuple(sources))
    if writer is not None:
        writer.sources.save_cases(list(cases.values()), kind="story")
    result = [
        Placed(
            cases[source.case_id],
            source,
            page,
            replace(
                document,
                case_id=source.case_id,
                source_id=source.source_id,
                document_id=stable_id(source.case_id, source.location),
            ),
            replaces,
        )
        for source, page, document, replaces in placed
    ]
    return list(cases.values()), result


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
