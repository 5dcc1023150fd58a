"""Typed records that flow between the stages. All frozen: a stage returns new records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

Role = Literal["report", "rebuttal", "coverage"]
# account: the other side's account as a denial relays it ("X denied a report by Z that Y": Z's Y)
ClaimKind = Literal["direct", "mixed", "indirect", "according_to", "asserted", "account"]
Polarity = Literal["asserted", "denied"]
Label = Literal["contradicts", "agrees", "unrelated"]
ROLES: tuple[Role, ...] = ("report", "rebuttal", "coverage")
Vector = npt.NDArray[np.float32]  # a claim text's embedding


@dataclass(frozen=True)
class Party:
    """One side of a dispute (or a neutral observer), with the names that speak for it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    neutral: bool = False
    domains: tuple[str, ...] = ()  # the sites it publishes on: their pages speak for it


@dataclass(frozen=True)
class Source:
    """One place to fetch a document from, declared in a seeds file."""

    source_id: str
    case_id: str
    location: str  # an http(s) URL, or an absolute file path (only from a seeds file)
    party: str
    role: Role
    feed_id: str | None = None  # set for an entry found in a feed or sitemap
    published: str | None = None  # an entry's date, as the feed gave it


@dataclass(frozen=True)
class Case:
    """A dispute: its parties and the sources that carry it."""

    id: str
    title: str
    parties: tuple[Party, ...]
    sources: tuple[Source, ...]

    def party(self, party_id: str) -> Party:
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)


@dataclass(frozen=True)
class Page:
    """Raw bytes as fetched, with what the transport said about them."""

    location: str
    final_url: str
    status: int
    content_type: str | None
    body: bytes
    fetched_at: str  # ISO 8601, UTC
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Document:
    """The main text of a page and its metadata; all offsets in claims point into `text`."""

    document_id: str
    source_id: str
    case_id: str
    url: str
    text: str
    content_hash: str
    title: str | None
    site_name: str | None
    author: str | None
    published: str | None
    language: str | None
    fetched_at: str
    canonical_url: str | None = None


@dataclass(frozen=True)
class Span:
    """A piece of a document's text: `text == document.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A named entity found by spaCy."""

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """What one speaker asserts in one document.

    `speaker_name` and `party` are filled in by speaker resolution; the rest by extraction.
    `content` covers the claim's words; when they are discontinuous (a quote split by its cue:
    “A,” she said, “B.”) `parts` holds the pieces and `content` runs from the first to the last.
    """

    kind: ClaimKind
    content: Span
    sentence: Span
    speaker: Span | None = None
    cue: Span | None = None
    polarity: Polarity = "asserted"
    hedged: bool = False
    speaker_name: str | None = None
    party: str | None = None
    claim_id: str = ""
    document_id: str = ""
    entities: tuple[str, ...] = field(default=())
    parts: tuple[Span, ...] = field(default=())
    quantities: tuple[str, ...] = field(default=())
    dates: tuple[str, ...] = field(default=())

    @property
    def pieces(self) -> tuple[Span, ...]:
        """The content's pieces, in order: `parts`, or the content itself."""
        return self.parts or (self.content,)

    @property
    def text(self) -> str:
        """The claim's words without what interrupts them (the cue of a split quote)."""
        return " ".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class Verdict:
    """The contradiction stage's decision on one pair, with the words that carry it."""

    label: Label
    score: float
    type: str  # negation, denial, quantity, none, ...
    reason: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimPair:
    """Two claims of different parties in one case, their similarity and verdict."""

    pair_id: str
    case_id: str
    claim_a: str
    claim_b: str
    similarity: float
    verdict: Verdict


@dataclass(frozen=True)
class ContestedPoint:
    """One point the sides of a case dispute: its contradicting pairs, under a label."""

    point_id: str
    case_id: str
    label: str
    type: str
    score: float
    pair_ids: tuple[str, ...]


@dataclass(frozen=True)
class FetchState:
    """What a good fetch leaves for the next one: HTTP validators and the text's hash."""

    etag: str | None
    last_modified: str | None
    content_hash: str | None


@dataclass(frozen=True)
class SourceState:
    """A source's stored document and the validators of the fetch that produced it."""

    document_id: str
    etag: str | None
    last_modified: str | None
    content_hash: str
    analysis_key: str


@dataclass(frozen=True)
class SourceOutcome:
    """What happened to one source in a run: `refused` for a location from the network that is
    never fetched (not http(s), a forbidden address); `gone` for a stored page that now answers
    404 or 410 (its document and claims are kept, marked gone)."""

    source_id: str
    status: Literal["ok", "failed", "unchanged", "skipped", "duplicate", "refused", "gone"]
    error: str | None = None
    document_id: str | None = None
    http_status: int | None = None
