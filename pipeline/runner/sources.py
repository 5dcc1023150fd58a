"""Fetching one source of a run: its page and document, or the outcome that settles it.

A source the user declared (in a seeds file) may be a local file; a feed entry is fetched only
as an http(s) URL, and one that never can be is refused, not failed (the user can fix a seeds
file, not a feed). A 304 for a document whose analysis would not change is unchanged. A stored
page that now answers 404 or 410 is gone (its document stays, marked); robots.txt refusing a
page skips it.
"""

from __future__ import annotations

from pipeline.errors import ExtractError, FetchError, HttpStatusError, RefusedError
from pipeline.fetching.fetcher import Fetcher
from pipeline.fetching.robots import RobotsDisallowedError
from pipeline.fetching.text import check_size, page_to_document
from pipeline.records import Case, Document, Page, Source, SourceOutcome, SourceState
from pipeline.runner.classify import Settled
from pipeline.runner.keys import analysis_key

GONE_STATUSES = frozenset({404, 410})


def fetch_document(
    fetcher: Fetcher,
    source: Source,
    state: SourceState | None,
    case: Case | None,
    max_words: int,
) -> tuple[Page, Document] | Settled:
    """The page of `source` and its document (of at most `max_words` words), or why there is
    none: unchanged (a 304 for the same analysis in `case`), failed, skipped, refused or gone.
    `state` is what its last good fetch left (None: there was none, or it is not to be used)."""
    from_seeds = source.feed_id is None  # the user wrote it: it may name a local file
    try:
        page = fetcher.fetch(
            source.location,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
            local_ok=from_seeds,
        )
        if page.status == 304 and state is not None and case is not None:
            if analysis_key(state.content_hash, case, source) == state.analysis_key:
                outcome = SourceOutcome(source.source_id, "unchanged", None, state.document_id, 304)
                return Settled(outcome, source.location, page.fetched_at)
            # the parties changed: a 304 has no text to analyse again, so fetch it whole
            page = fetcher.fetch(source.location, local_ok=from_seeds)
        document = page_to_document(page, source)
        check_size(document, max_words, page.location)
        return page, document
    except RobotsDisallowedError as exc:
        outcome = SourceOutcome(source.source_id, "skipped", str(exc))
    except RefusedError as exc:
        outcome = SourceOutcome(source.source_id, "failed" if from_seeds else "refused", str(exc))
    except HttpStatusError as exc:
        outcome = _http_failure(source, state, exc)
    except (FetchError, ExtractError) as exc:
        outcome = SourceOutcome(source.source_id, "failed", str(exc))
    return Settled(outcome, source.location)


def _http_failure(source: Source, state: SourceState | None, exc: HttpStatusError) -> SourceOutcome:
    """A stored page that answers 404 or 410 is gone (its document stays, marked); any other
    status, or a page never stored, is a failure. Both record the status."""
    if exc.status in GONE_STATUSES and state is not None:
        note = f"{exc}; its last text and claims are kept"
        return SourceOutcome(source.source_id, "gone", note, state.document_id, exc.status)
    return SourceOutcome(source.source_id, "failed", str(exc), None, exc.status)
