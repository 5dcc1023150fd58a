"""Attributions without a cue verb: "according to X" and reporting nouns.

- "according to X, ..." and "..., according to X": the content is the longer side of the
  sentence around the phrase (kind `according_to`); "per X" where X is a name or a source
  ("per the Ledger", "per court filings"; not "per cent");
- "in our view, ...", "in Kestrel's opinion, ...": the same, with the possessor as the source;
- a cue noun (see `cues`) with a "that" clause or an infinitive: "Kestrel's claim that ...",
  "a warning from regulators that ...", "X made the claim that ...", "X's plan to ..."; an
  account that a denial verb takes as its object ("X rejected a report that ...") is the
  denier's denial, never the denier's assertion.
"""

from __future__ import annotations

from dataclasses import replace
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
from pipeline.records import Claim, ClaimKind, Span


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
    return _around(sent, according.i, phrase_end, _source_tokens(objects[0]), to)


# what "per" names when it names a source ("per the Ledger", "per court documents"), not a rate
# ("per share", "per cent", "per person")
_PER_SOURCES = frozenset(
    """report reports reporting source sources document documents statement statements filing
    filings lawsuit complaint records data officials police spokesperson spokesman spokeswoman
    investigation study survey analysis memo email emails letter transcript""".split()
)


def per_claim(sent: Any, per: Any) -> Claim | None:
    """The claim of "per X" ("the plant is unsafe, per the Ledger"), read as "according to X",
    where X is a name or a source, not the unit of a rate."""
    if per.dep_ != "prep":
        return None
    objects = [c for c in per.children if c.dep_ == "pobj"]
    if not objects or (per.i > sent.start and sent.doc[per.i - 1].like_num):
        return None
    head = objects[0]
    if head.pos_ != "PROPN" and head.lower_ not in _PER_SOURCES:
        return None
    phrase_end = max(t.i for t in head.subtree) + 1
    return _around(sent, per.i, phrase_end, _source_tokens(head), per)


# the nouns of "in our view", "in Kestrel's opinion": the possessor's judgement follows
_OPINION_NOUNS = frozenset("opinion view judgment judgement estimation assessment".split())
# a possessive pronoun as the source stands for its subject form
_SUBJECT_FORMS = {"our": "we", "my": "I", "his": "he", "her": "she", "their": "they", "its": "it"}


def opinion_claim(sent: Any, prep: Any) -> Claim | None:
    """The claim of "in our view, ..." or "..., in Kestrel's opinion" at token `prep` ("in") of
    sentence `sent`, if any; "in view of the risks" names no one's view."""
    if prep.lower_ != "in" or prep.i + 1 >= sent.end:
        return None
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lemma_.lower() not in _OPINION_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or any(c.dep_ == "prep" for c in noun.children):
        return None
    source = [t for t in owner.subtree if t.dep_ != "case"]
    claim = _around(sent, prep.i, noun.i + 1, source, noun, both=True)
    subject = _SUBJECT_FORMS.get(owner.lower_)
    return replace(claim, speaker_name=subject) if claim and subject else claim


def _around(
    sent: Any, start: int, end: int, source: list[Any], last: Any, both: bool = False
) -> Claim | None:
    """The claim whose source phrase runs from token `start` to `last` (tokens `start` to
    `end` are the whole phrase) and whose content is the longer side of the sentence around it,
    or both sides (an adverbial inside the clause it qualifies: "the plant, in our view, is
    unsafe")."""
    doc = sent.doc
    before = strip_tokens([t for t in sent if t.i < start])
    after = strip_tokens([t for t in sent if t.i >= end])
    longer = after if len(after) >= len(before) else before
    content_tokens = before + after if both else longer
    if len(content_tokens) < 3:
        return None
    text = doc_text(doc)
    first = doc[start]
    return build_claim(
        doc,
        "according_to",
        merge(text, token_ranges(content_tokens)),
        sent,
        span_of(doc, source),
        Span(text[first.idx : token_end(last)], first.idx, token_end(last)),
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
            if opener == "to" and noun.lemma_.lower() == "decision":
                break  # "the company's decision to cut ...": an act the page tells of
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
    if speaker is None or speaker.pos_ == "DET" or speaker.ent_type_ in ("DATE", "TIME"):
        return None  # "After Friday's announcement that Y": a day announces nothing
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


# who speaks for themselves when quoted: "a company spokesman", "Acme's chief executive"
_OWN_VOICE = frozenset(
    """spokesman spokeswoman spokesperson representative executive chief director officer
    president chairman chairwoman founder lawyer attorney""".split()
)


_OPENING_QUOTES = frozenset({'"', "“", "‘", "'"})


def quoted_as_saying_claim(sent: Any, quote: Any) -> Claim | None:
    """The claim of "X quoted Y as saying (that) Z" at the verb `quote`: Y's when Y is named or
    speaks for an organisation ("a company spokesman"), else X's, whose unnamed sources Y are
    ("the paper quoted two officials as saying ..."); "Y was quoted (in X) as saying Z" is Y's."""
    if quote.lemma_.lower() != "quote" or quote.pos_ != "VERB":
        return None
    doc = sent.doc
    saying = next(
        (
            t
            for t in sent
            if t.i > quote.i + 1
            and t.lower_ in ("saying", "stating", "telling")
            and doc[t.i - 1].lower_ == "as"
        ),
        None,
    )
    subject = next((c for c in quote.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if saying is None or subject is None:
        return None
    content = strip_tokens([t for t in sent if t.i > saying.i])
    if content and content[0].lower_ == "that":
        content = content[1:]
    quoted = strip_tokens([t for t in sent if quote.i < t.i < saying.i - 1])
    kind: ClaimKind = "indirect"
    if len(content) < 3 and sent[0].text in _OPENING_QUOTES:
        # '"Z," the paper quoted Acme as saying.': the quote before it is what was said
        content = strip_tokens([t for t in sent if t.i < subject.left_edge.i])
        kind = "direct"
    if len(content) < 3 or not quoted:
        return None
    own = quoted[0].lower_ not in ("what", "who") and any(
        t.pos_ == "PROPN" or t.lower_ in _OWN_VOICE for t in quoted
    )
    if subject.dep_ == "nsubjpass":  # "He was quoted in the Mint as saying ...": he speaks
        speaker, cue = speaker_tokens(subject), quote
    else:
        speaker, cue = (quoted, saying) if own else (speaker_tokens(subject), quote)
    text = doc_text(doc)
    return build_claim(
        doc,
        kind,
        merge(text, token_ranges(content)),
        sent,
        span_of(doc, speaker),
        Span(text[cue.idx : token_end(cue)], cue.idx, token_end(cue)),
    )
