"""A document's claims as they leave the NLP stage: each with its party and its id.

The party is the speaker's side (see `speakers`); the id is stable across runs for the same
document, claim kind, content span and extractor version, so a rerun of an unchanged extractor
keeps every claim id (and the pairs that name them). A document that makes one side's claim
twice in the same words (a headline repeated as the page's title, a statement quoted twice)
keeps the first: the second would only pair again with everything the first pairs with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.hashing import stable_id
from pipeline.nlp.analyse import Analysis
from pipeline.nlp.claims import EXTRACTOR_VERSION
from pipeline.nlp.speakers import page_party, resolve_speakers
from pipeline.records import Case, Claim, Document


def claim_id(document_id: str, claim: Claim) -> str:
    """The id of `claim` in the document `document_id`."""
    return stable_id(
        document_id, claim.kind, claim.content.start, claim.content.end, EXTRACTOR_VERSION
    )


def attribute_claims(
    analysis: Analysis, case: Case, source_party: str, document: Document
) -> tuple[Claim, ...]:
    """The claims of `analysis` (of `document`, a source of `source_party` in `case`), each
    with its speaker's party, its id and its document."""
    own_voice = page_party(
        case, source_party, document.canonical_url or document.url, document.site_name
    )
    resolved = resolve_speakers(analysis.claims, case, own_voice, analysis.entities, document.text)
    document_id = document.document_id
    return tuple(
        replace(c, claim_id=claim_id(document_id, c), document_id=document_id)
        for c in first_statements(resolved)
    )


def first_statements(claims: Sequence[Claim]) -> list[Claim]:
    """`claims` without those that repeat an earlier claim's words for the same party."""
    seen: set[tuple[str | None, str]] = set()
    kept = []
    for claim in claims:
        key = (claim.party, " ".join(claim.text.lower().split()))
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept
