"""Build `Claim` records from what a claim finder located: content ranges, speaker and cue.

The content's ranges are trimmed of punctuation and become its parts; its kind follows from how
much of it lies inside quotation marks; its sentence widens back to a quote that opened in an
earlier sentence. An introduction ("Whitlock put it this way:") is a claim with empty content
at the end of its sentence, filled in later by `quote_links`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.nlp.spans import Range, char_range, doc_text, span_of, trimmed
from pipeline.records import Claim, ClaimKind, Polarity, Span


def build_claim(
    doc: Any,
    kind: ClaimKind,
    ranges: Sequence[Range],
    sent: Any | None,
    speaker: Span | None,
    cue: Span | None,
    polarity: Polarity = "asserted",
) -> Claim | None:
    """The claim whose content covers `ranges` of `doc` (None when they hold only
    punctuation); `sent` None stands for the whole paragraph."""
    text = doc_text(doc)
    parts = [p for p in (trimmed(text, s, e) for s, e in sorted(ranges)) if p.start < p.end]
    if not parts:
        return None
    start, end = parts[0].start, parts[-1].end
    sentence = span_of(doc, list(sent)) if sent is not None else Span(text, 0, len(text))
    if start < sentence.start:  # a quote that opens in an earlier sentence
        sentence = Span(text[start : sentence.end], start, sentence.end)
    return Claim(
        kind=kind,
        content=Span(text[start:end], start, end),
        parts=tuple(parts) if len(parts) > 1 else (),
        sentence=sentence,
        speaker=speaker,
        cue=cue,
        polarity=polarity,
    )


def quote_kind(ranges: Sequence[Range], quotes: Sequence[Range]) -> ClaimKind:
    """`direct` when quotes cover at least 60% of the content, `mixed` when they cover some of
    it, else `indirect`."""
    quoted = sum(max(0, min(r[1], q[1]) - max(r[0], q[0])) for r in ranges for q in quotes)
    size = sum(r[1] - r[0] for r in ranges)
    return "direct" if quoted >= 0.6 * size else "mixed" if quoted else "indirect"


def intro_claim(doc: Any, sent: Any, speaker: Span | None, cue: Span) -> Claim:
    """A claim whose content is the quote that follows ("Whitlock put it this way:")."""
    end = char_range(sent)[1]
    return Claim(
        kind="direct",
        content=Span("", end, end),
        sentence=span_of(doc, list(sent)),
        speaker=speaker,
        cue=cue,
    )
