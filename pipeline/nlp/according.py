"""Attributions without a cue verb: "according to X" and reporting nouns.

- "according to X, ..." and "..., according to X": the content is the longer side of the
  sentence around the phrase (kind `according_to`);
- a cue noun (see `cues`) with a "that" clause or an infinitive: "Kestrel's claim that ...",
  "a warning from regulators that ...", "X made the claim that ...", "X's plan to ..."; an
  account that a denial verb takes as its object ("X rejected a report that ...") is the
  denier's denial, never the denier's assertion.
"""

from __future__ import annotations

from typing import Any

from pipeline.nlp.assemble import build_claim, quote_kind
from pipeline.nlp.cues import DENIAL_VERBS
from pipeline.nlp.frames import content_subtree
from pipeline.nlp.quotes import inside
from pipeline.nlp.spans import (
    Range,
    doc_text,
    merge,
    quoted_ranges,
    span_of,
    speaker_tokens,
    strip_tokens,
    token_end,
    token_ranges,
)
from pipeline.records import Claim, Span


def _source_tokens(head: Any) -> list[Any]:
    """The source's phrase without a relative clause set off by a comma ("the paper's
    investigation, which cited four people ...": no part of who says it); one without a comma
    stays ("a speech Ms. Lee delivered in May" says whose the speech is)."""
    doc = head.doc
    dropped = {
        t.i
        for child in head.children
        if child.dep_ == "relcl"
        and child.left_edge.i > 0
        and doc[child.left_edge.i - 1].text == ","
        for t in [doc[child.left_edge.i - 1], *child.subtree]
    }
    return strip_tokens([t for t in head.subtree if t.i not in dropped])


def according_to_claim(sent: Any, according: Any) -> Claim | None:
    """The claim of "according to X" at token `according` of sentence `sent`, if any."""
    to = sent.doc[according.i + 1]
    if to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not objects:
        return None
    phrase_end = max(t.i for t in objects[0].subtree) + 1
    speaker = _source_tokens(objects[0])
    before = strip_tokens([t for t in sent if t.i < according.i])
    after = strip_tokens([t for t in sent if t.i >= phrase_end])
    content_tokens = after if len(after) >= len(before) else before
    if len(content_tokens) < 3:
        return None
    doc = sent.doc
    text = doc_text(doc)
    return build_claim(
        doc,
        "according_to",
        merge(text, token_ranges(content_tokens)),
        sent,
        span_of(doc, speaker),
        Span(text[according.idx : token_end(to)], according.idx, token_end(to)),
    )


def cue_noun_claim(sent: Any, noun: Any, quotes: list[Range]) -> Claim | None:
    """ "Kestrel's claim that ...", "a warning from regulators that ...", "X made the claim
    that ...", "X's plan to ..."."""
    if inside(quotes, noun.idx, token_end(noun)) is not None:
        return None
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in DENIAL_VERBS:
        # "X rejected (the Ledger's) report that ...": X's denial of what the report says (see
        # `reported.denied_account`), never X's assertion; the denial is the one claim there
        return None
    content = None
    for child in noun.children:
        opener = child.left_edge.lower_
        if child.dep_ in ("acl", "ccomp") and opener in ("that", "to") and child.i > noun.i:
            content = content_subtree(child)
            break
    if not content:
        return None
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                speaker = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if speaker is not None:
                    break
    if speaker is None and noun.dep_ in ("dobj", "pobj") and noun.head.pos_ == "VERB":
        speaker = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ == "DET":
        return None
    doc = sent.doc
    text = doc_text(doc)
    ranges = quoted_ranges(text, content, quotes)
    return build_claim(
        doc,
        quote_kind(ranges, quotes),
        ranges,
        sent,
        span_of(doc, speaker_tokens(speaker)),
        span_of(doc, [noun]),
        "denied" if noun.lemma_.lower() == "denial" else "asserted",
    )
