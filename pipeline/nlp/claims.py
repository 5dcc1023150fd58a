"""Attributed claims from a parsed paragraph: pure functions from a spaCy Doc to `Claim` records.

Found here:
- direct quotes with their speaker and cue in the same sentence (“...,” X said / X said: “...”);
- indirect speech: "X said (that) ...", "..., X said", "X denied that ...", "..., X said, ...";
- "according to X, ..." and "..., according to X";
- the document's own assertions: declarative sentences with no attribution (speaker left to
  speaker resolution, which gives them the document's party).
Offsets are into the paragraph text plus `offset`, i.e. into the document text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from pipeline.nlp.quotes import find_quotes
from pipeline.records import Claim, ClaimKind, Polarity, Span

EXTRACTOR_VERSION = "rules-1"

SPEECH_VERBS = frozenset(
    """say tell state add claim deny insist argue write report acknowledge confirm explain note
    maintain allege warn dispute reply respond contend assert announce admit stress
    emphasize emphasise counter reject suggest estimate conclude find show reveal indicate
    testify concede caution predict believe clarify correct""".split()
)
DENIAL_VERBS = frozenset({"deny", "dispute", "reject", "refute", "contest"})
# Verbs whose direct object is the content ("X denied any wrongdoing", "X confirmed the outage").
OBJECT_CONTENT_VERBS = DENIAL_VERBS | {"confirm", "acknowledge", "admit", "report", "concede"}
NEGATIONS = frozenset({"not", "n't", "never", "no", "none", "nothing", "neither", "nor", "nobody"})
HEDGES = frozenset(
    """reportedly allegedly apparently possibly perhaps probably likely may might could seem
    seems appear appears suggest suggests unconfirmed""".split()
)
_TRIM_PUNCT = " \t\n,;:.—–-“”\"«»„'‘’"
_SUBJECTS = ("nsubj", "nsubjpass")


def extract_claims(doc: Any, offset: int = 0) -> list[Claim]:
    """All claims in one parsed paragraph `doc`, offsets shifted by `offset`."""
    quotes = find_quotes(doc.text)
    attributed = {sent.start: _attributed(sent, quotes) for sent in doc.sents}
    # A quote attributed in one sentence may span the sentences before it.
    consumed = [(c.content.start, c.content.end) for cs in attributed.values() for c in cs]
    claims: list[Claim] = []
    for sent in doc.sents:
        found = attributed[sent.start]
        if not found and not any(_mostly_quoted(span, _char_range(sent)) for span in consumed):
            own = _own_voice(sent, quotes)
            found = [own] if own else []
        claims.extend(found)
    return [_shift(_annotate(c, doc), offset) for c in claims]


def _attributed(sent: Any, quotes: list[tuple[int, int]]) -> list[Claim]:
    claims: list[Claim] = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            claim = _according_to(sent, token)
            if claim:
                claims.append(claim)
        elif token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB":
            claims.extend(_speech_verb(sent, token, quotes))
    return claims


def _speech_verb(sent: Any, verb: Any, quotes: list[tuple[int, int]]) -> list[Claim]:
    if _in_quote(quotes, verb.idx, verb.idx + len(verb.text)):
        return []
    speaker = _speaker_token(verb)
    if speaker is None or _in_quote(quotes, speaker.idx, speaker.idx + len(speaker.text)):
        return []
    speaker_span = _span_of(sent.doc, _speaker_tokens(speaker))
    cue = _span_of(sent.doc, [verb, *(t for t in verb.children if t.dep_ == "prt")])
    sentence = _span_of(sent.doc, list(sent))
    polarity: Polarity = "denied" if verb.lemma_.lower() in DENIAL_VERBS else "asserted"
    content_tokens = _content_tokens(sent, verb, speaker)
    if content_tokens:
        region = (content_tokens[0].idx, _end(content_tokens[-1]))
        direct = [q for q in quotes if _mostly_quoted(q, region)]
    else:
        # “...,” AWS stated.  /  Whitlock said: “...”  (quote and cue split by the sentencizer)
        text = sent.doc.text
        lo, hi = min(speaker_span.start, cue.start), max(speaker_span.end, cue.end)
        direct = [
            q
            for q in quotes
            if (q[1] <= lo and not text[q[1] : lo].strip(_TRIM_PUNCT))
            or (q[0] >= hi and not text[hi : q[0]].strip(_TRIM_PUNCT))
        ]
        if not direct:
            return []
    if direct:
        return [
            Claim(
                kind="direct",
                content=_trimmed(sent.doc.text, q[0], q[1]),
                sentence=sentence,
                speaker=speaker_span,
                cue=cue,
                polarity=polarity,
            )
            for q in direct
        ]
    return [
        Claim(
            kind="indirect",
            content=_span_of(sent.doc, content_tokens),
            sentence=sentence,
            speaker=speaker_span,
            cue=cue,
            polarity=polarity,
        )
    ]


def _speaker_token(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    # "X said A and added that B": the second verb shares the first one's subject.
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in SPEECH_VERBS:
        return _speaker_token(verb.head)
    return None


def _content_tokens(sent: Any, verb: Any, speaker: Any) -> list[Any]:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _strip(list(child.subtree))
    if verb.lemma_.lower() in OBJECT_CONTENT_VERBS:
        for child in verb.children:
            if child.dep_ == "dobj" and len(list(child.subtree)) >= 2:
                return _strip(list(child.subtree))
    if verb.dep_ == "parataxis":  # "The outage, she said, lasted two hours."
        skip = {t.i for t in verb.subtree}
        return _strip([t for t in verb.head.subtree if t.i not in skip and t.sent == sent])
    return []


def _according_to(sent: Any, according: Any) -> Claim | None:
    to = sent.doc[according.i + 1]
    if to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not objects:
        return None
    phrase_end = max(t.i for t in objects[0].subtree) + 1
    speaker_tokens = list(objects[0].subtree)
    before = _strip([t for t in sent if t.i < according.i])
    after = _strip([t for t in sent if t.i >= phrase_end])
    content_tokens = after if len(after) >= len(before) else before
    if len(content_tokens) < 3:
        return None
    doc = sent.doc
    return Claim(
        kind="according_to",
        content=_span_of(doc, content_tokens),
        sentence=_span_of(doc, list(sent)),
        speaker=_span_of(doc, speaker_tokens),
        cue=Span(doc.text[according.idx : _end(to)], according.idx, _end(to)),
    )


def _own_voice(sent: Any, quotes: list[tuple[int, int]]) -> Claim | None:
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or sent.text.rstrip().endswith("?"):
        return None
    if not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") for t in sent):
        return None
    if sent[0].lower_ == "by" and len(words) <= 6:  # a byline
        return None
    tokens = _strip(list(sent))
    if not tokens:
        return None
    content = _span_of(sent.doc, tokens)
    quoted = sum(
        max(0, min(content.end, q[1]) - max(content.start, q[0])) for q in quotes if q[1] > q[0]
    )
    kind: ClaimKind = "direct" if quoted > 0.6 * (content.end - content.start) else "asserted"
    if kind == "direct":
        content = _trimmed(sent.doc.text, content.start, content.end)
    return Claim(kind=kind, content=content, sentence=_span_of(sent.doc, list(sent)))


def _annotate(claim: Claim, doc: Any) -> Claim:
    """Polarity (negated content), hedging and mentioned entities, from the content's tokens."""
    start, end = claim.content.start, claim.content.end
    tokens = [t for t in doc if t.idx >= start and _end(t) <= end]
    polarity = claim.polarity
    if polarity == "asserted" and _negated(tokens):
        polarity = "denied"
    cue_words = [claim.cue.text.lower()] if claim.cue else []
    hedged = any(t.lower_ in HEDGES for t in tokens) or any(w in HEDGES for w in cue_words)
    entities = tuple(
        dict.fromkeys(e.text for e in doc.ents if e.start_char >= start and e.end_char <= end)
    )
    return replace(claim, polarity=polarity, hedged=hedged, entities=entities)


def _negated(tokens: list[Any]) -> bool:
    """Whether the content's main verb is negated ("did not", "never") or its core argument
    is ("no customers", "nothing")."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    for t in tokens:
        if t.lower_ not in NEGATIONS:
            continue
        if t.head in roots or (t.dep_ in ("det", "nsubj", "dobj") and t.head.head in roots):
            return True
    return False


def _shift(claim: Claim, offset: int) -> Claim:
    if offset == 0:
        return claim

    def move(span: Span | None) -> Span | None:
        return None if span is None else Span(span.text, span.start + offset, span.end + offset)

    return replace(
        claim,
        content=Span(claim.content.text, claim.content.start + offset, claim.content.end + offset),
        sentence=Span(
            claim.sentence.text, claim.sentence.start + offset, claim.sentence.end + offset
        ),
        speaker=move(claim.speaker),
        cue=move(claim.cue),
    )


def _speaker_tokens(head: Any) -> list[Any]:
    """The speaker's phrase with its appositive ("X, a spokesperson for Y") but no clauses."""
    dropped = {
        t.i for child in head.children if child.dep_ in ("relcl", "acl") for t in child.subtree
    }
    return _strip([t for t in head.subtree if t.i not in dropped])


def _strip(tokens: Sequence[Any]) -> list[Any]:
    """Drop leading complementisers and punctuation and trailing punctuation."""
    items = sorted(tokens, key=lambda t: t.i)
    while items and (items[0].is_punct or items[0].dep_ in ("mark", "cc") or items[0].is_space):
        items.pop(0)
    while items and (items[-1].is_punct or items[-1].is_space or items[-1].dep_ == "cc"):
        items.pop()
    return items


def _span_of(doc: Any, tokens: Iterable[Any]) -> Span:
    items = list(tokens)
    start = min(t.idx for t in items)
    end = max(_end(t) for t in items)
    return Span(doc.text[start:end], start, end)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _TRIM_PUNCT:
        start += 1
    while end > start and text[end - 1] in _TRIM_PUNCT:
        end -= 1
    return Span(text[start:end], start, end)


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _char_range(sent: Any) -> tuple[int, int]:
    return (int(sent.start_char), int(sent.end_char))


def _in_quote(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(q[0] <= start and end <= q[1] for q in quotes)


def _mostly_quoted(quote: tuple[int, int], region: tuple[int, int]) -> bool:
    """A quote that makes up most of the content: a direct quote, not a quoted phrase in it."""
    shared = min(quote[1], region[1]) - max(quote[0], region[0])
    return shared > 0 and shared >= 0.6 * (region[1] - region[0])
