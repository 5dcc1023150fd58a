"""Claims of standalone files or URLs, without a case or a store (`claimtrack extract` and
`claimtrack compare`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import ExtractError, FetchError
from pipeline.fetching.fetcher import Fetcher
from pipeline.fetching.text import check_size, page_to_document
from pipeline.nlp.analyse import analyse_texts
from pipeline.nlp.load import load_nlp
from pipeline.nlp.names import canonical_speakers
from pipeline.records import Claim, Document, Entity, Source, Span


@dataclass(frozen=True)
class FileClaims:
    path: str
    document: Document | None
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()
    error: str | None = None


def extract_files(paths: Sequence[Path], settings: Settings) -> list[FileClaims]:
    """Read each file and find its claims (plain text as read; HTML via trafilatura)."""
    return extract_locations([str(p) for p in paths], settings)


def extract_locations(locations: Sequence[str], settings: Settings) -> list[FileClaims]:
    """Fetch each location (a file path or an http(s) URL) and find its claims."""
    loaded: list[tuple[str, Document | None, str | None]] = []
    fetcher = Fetcher(settings.fetch)
    for given in locations:
        is_url = given.startswith(("http://", "https://"))
        location = given if is_url else str(Path(given).resolve())
        source = Source(source_id="", case_id="", location=location, party="", role="report")
        try:
            page = fetcher.fetch(location, local_ok=True)  # the user named it
            read = page_to_document(page, source)
            check_size(read, settings.max_document_words, page.location)
            loaded.append((given, read, None))
        except (FetchError, ExtractError) as exc:
            loaded.append((given, None, str(exc)))
    documents = [d for _, d, _ in loaded if d is not None]
    analyses = iter(
        analyse_texts(load_nlp(settings.spacy_model), [d.text for d in documents])
        if documents
        else []
    )
    results = []
    for path, document, error in loaded:
        if document is None:
            results.append(FileClaims(path=path, document=None, error=error))
            continue
        analysis = next(analyses)
        if analysis.error is not None:
            error = f"{path}: could not be analysed: {analysis.error}"
            results.append(FileClaims(path=path, document=None, error=error))
            continue
        claims = canonical_speakers(analysis.claims, analysis.entities, document.text)
        results.append(FileClaims(path, document, tuple(claims), analysis.entities))
    return results


def file_claims_json(result: FileClaims) -> dict[str, object]:
    """The JSON object `claimtrack extract --json` prints for one file."""
    if result.document is None:
        return {"file": result.path, "error": result.error, "claims": []}
    return {
        "file": result.path,
        "title": result.document.title,
        "text": result.document.text,
        "claims": [claim_json(c) for c in result.claims],
    }


def claim_json(c: Claim) -> dict[str, object]:
    """One claim as JSON, spans as {"text", "start", "end"} offsets into its document."""
    return {
        "kind": c.kind,
        "speaker": _span(c.speaker),
        "speaker_name": c.speaker_name,
        "cue": _span(c.cue),
        "content": _span(c.content),
        "parts": [_span(p) for p in c.pieces],
        "text": c.text,
        "quantities": list(c.quantities),
        "dates": list(c.dates),
        "polarity": c.polarity,
        "hedged": c.hedged,
        "entities": list(c.entities),
    }


def _span(span: Span | None) -> dict[str, object] | None:
    if span is None:
        return None
    return {"text": span.text, "start": span.start, "end": span.end}
