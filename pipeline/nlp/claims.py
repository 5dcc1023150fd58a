"""Attributed claims from a parsed paragraph: pure functions from a spaCy Doc to `Claim` records.

Found here, sentence by sentence:
- a cue verb (see `cues`) with a speaker, and its content in the slot the verb's frame names:
  "X said (that) ...", "..., X said", "the outage, she said, lasted ...", "X denied any
  wrongdoing", "X plans to ...", "X urged regulators to ...", "X called the report misleading",
  "X called for ...", "..., saying ..." (the speaker of the clause it hangs on);
- direct quotes, whole or split by their cue (“A,” X said, “B.”), widened to whole quotation
  marks when the parse sees only part of a quote; a content partly quoted is `mixed`;
- "according to X, ..." and "..., according to X";
- transcript lines ("NAME: ...") and trailing dash attributions (“...” — Name);
- the document's own assertions: declarative sentences with no attribution (speaker left to
  speaker resolution, which gives them the document's party); a fully quoted one is a `direct`
  claim with no speaker yet, which `quote_links` joins to the quote it continues.
A sentence that introduces a quote and ends with a colon ("Whitlock put it this way:") yields a
claim with empty content, filled in by `quote_links` from the quote that follows.
Offsets are into the paragraph text plus `offset`, i.e. into the document text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from pipeline.nlp.cues import (
    ADDRESSEE_OBJECT,
    ADDRESSEE_VERBS,
    CLAUSE_VERBS,
    CUE_NOUNS,
    CUE_VERBS,
    DENIAL_VERBS,
    INFINITIVE_VERBS,
    OBJECT_VERBS,
    PREPOSITION_FRAMES,
)
from pipeline.nlp.quotes import find_quotes, inside
from pipeline.records import Claim, ClaimKind, Polarity, Span

EXTRACTOR_VERSION = "rules-3"

NEGATIONS = frozenset({"not", "n't", "never", "no", "none", "nothing", "neither", "nor", "nobody"})
HEDGES = frozenset(
    """reportedly allegedly apparently possibly perhaps probably likely may might could seem
    seems appear appears suggest suggests unconfirmed""".split()
)
QUANTITY_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
DATE_LABELS = frozenset({"DATE", "TIME"})
_TRIM_PUNCT = " \t\n,;:.—–―-“”\"«»„'‘’`…"
_QUOTE_MARKS = "“”\"«»„'`"
_SUBJECTS = ("nsubj", "nsubjpass")
_EXPLETIVES = frozenset({"it", "there"})
_WORKS = frozenset("story article report piece post blog statement letter column op-ed".split())
_TRANSCRIPT = re.compile(r"^\s*[\"“]?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")
_NOT_SPEAKERS = frozenset(
    "update photo photos video watch related read note editor correction source sources image"
    " caption credit listen see also".split()
)
_DASH_ATTRIBUTION = re.compile(r"[”\"»'’]\s*[―—–-]{1,2}\s*([A-Z][^\n]{1,80}?)\s*$")
_DISCOURSE = frozenset(
    "however meanwhile moreover furthermore still also indeed instead nonetheless nevertheless"
    " thus therefore so".split()
)
Range = tuple[int, int]
_TEXT_KEY = "claimtrack.text"
_STARTS_KEY = "claimtrack.token_starts"


def extract_claims(doc: Any, offset: int = 0) -> list[Claim]:
    """All claims in one parsed paragraph `doc`, offsets shifted by `offset`."""
    text = _doc_text(doc)
    quotes = find_quotes(text)
    sents = list(doc.sents)
    layout = _transcript_line(doc) or _dash_attribution(doc, quotes)
    attributed = {sent.start: _attributed(sent, quotes) for sent in sents}
    covered = [p for cs in attributed.values() for c in cs for p in _ranges(c)]
    if layout:
        covered.extend(_ranges(layout))
    claims: list[Claim] = [layout] if layout else []
    for sent in sents:
        found = attributed[sent.start]
        if not found and not any(_mostly_inside(r, _char_range(sent)) for r in covered):
            own = _own_voice(sent, quotes)
            found = [own] if own else []
        claims.extend(found)
    claims.sort(key=lambda c: (c.content.start, c.content.end))
    return [_shift(_annotate(c, doc), offset) for c in claims]


def _attributed(sent: Any, quotes: list[Range]) -> list[Claim]:
    claims: list[Claim] = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            claim = _according_to(sent, token)
            if claim:
                claims.append(claim)
        elif token.lemma_.lower() in CUE_VERBS and token.pos_ == "VERB":
            claim = _cue_verb(sent, token, quotes)
            if claim:
                claims.append(claim)
        elif token.lemma_.lower() in CUE_NOUNS and token.pos_ == "NOUN":
            claim = _cue_noun(sent, token, quotes)
            if claim:
                claims.append(claim)
    if (
        not claims
        and sent.text.rstrip().endswith(":")
        and inside(quotes, *_char_range(sent)) is None
    ):
        # "Whitlock put it this way:" introduces the quote that follows, whatever the verb
        root = sent.root
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        if root.pos_ == "VERB" and subject is not None:
            doc = sent.doc
            speaker = _span_of(doc, _speaker_tokens(subject))
            cue_tokens = [t for t in sent if t.i >= root.i and not t.is_punct]
            return [_intro(doc, sent, speaker, _span_of(doc, cue_tokens))]
    return claims


def _cue_verb(sent: Any, verb: Any, quotes: list[Range]) -> Claim | None:
    doc = sent.doc
    text = _doc_text(doc)
    if inside(quotes, verb.idx, _end(verb)) is not None:
        return None
    subject = _speaker_token(verb)
    if subject is not None and inside(quotes, subject.idx, _end(subject)) is not None:
        return None
    if subject is None:
        return None
    antecedent = None
    if subject.lower_ in _EXPLETIVES and subject.dep_ == "nsubjpass":
        speaker_tokens: list[Any] = []  # "it was reported that ...": no source named
    else:
        speaker_tokens = _speaker_tokens(subject)
        if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":  # "Ferro, who said ..."
            antecedent = _span_of(doc, _speaker_tokens(verb.head)).text
    content, frame_cue = _content_tokens(verb, speaker_tokens)
    cue_tokens = _cue_tokens(verb, frame_cue)
    cue = _span_of(doc, cue_tokens)
    speaker = _span_of(doc, speaker_tokens) if speaker_tokens else None
    lo = min(cue.start, speaker.start) if speaker else cue.start
    hi = max(cue.end, speaker.end) if speaker else cue.end
    ranges = _token_ranges(text, content)
    before, after = _adjacent_quote(text, quotes, lo, hi, _char_range(sent)[1])
    if not ranges or any(_overlaps(q, r) for q in (before, after) if q for r in ranges):
        ranges += [q for q in (before, after) if q]
    ranges += [q for q in quotes if any(_overlaps(q, r) for r in ranges)]
    ranges = _merge(text, ranges)
    if not ranges:
        if sent.text.rstrip().endswith(":"):
            return _intro(doc, sent, speaker, cue)
        return None
    kind = _kind(ranges, quotes)
    negated_cue = any(c.dep_ == "neg" for c in verb.children)
    polarity: Polarity = (
        "denied" if verb.lemma_.lower() in DENIAL_VERBS and not negated_cue else "asserted"
    )
    claim = _claim(doc, kind, ranges, sent, speaker, cue, polarity)
    return replace(claim, speaker_name=antecedent) if claim and antecedent else claim


def _cue_noun(sent: Any, noun: Any, quotes: list[Range]) -> Claim | None:
    """ "Kestrel's claim that ...", "a warning from regulators that ...", "X made the claim
    that ...", "X's plan to ..."."""
    if inside(quotes, noun.idx, _end(noun)) is not None:
        return None
    content = None
    for child in noun.children:
        opener = child.left_edge.lower_
        if child.dep_ in ("acl", "ccomp") and opener in ("that", "to") and child.i > noun.i:
            content = _content_subtree(child)
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
    text = _doc_text(doc)
    ranges = _token_ranges(text, content)
    ranges = _merge(text, ranges + [q for q in quotes if any(_overlaps(q, r) for r in ranges)])
    return _claim(
        doc,
        _kind(ranges, quotes),
        ranges,
        sent,
        _span_of(doc, _speaker_tokens(speaker)),
        _span_of(doc, [noun]),
        "denied" if noun.lemma_.lower() == "denial" else "asserted",
    )


def _kind(ranges: Sequence[Range], quotes: Sequence[Range]) -> ClaimKind:
    quoted = sum(max(0, min(r[1], q[1]) - max(r[0], q[0])) for r in ranges for q in quotes)
    size = sum(r[1] - r[0] for r in ranges)
    return "direct" if quoted >= 0.6 * size else "mixed" if quoted else "indirect"


def _speaker_token(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":  # "the figure was disputed by the company"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        if noun.lemma_.lower() in _WORKS and noun.dep_ == "dobj":
            # "the paper published a story asserting ...": the story's author speaks
            author = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            if author is not None:
                return author
        return noun  # "a statement denying ...", "an ad questioning ..."
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "X said A and added that B": the second verb shares the first one's subject, also
        # when the parse hangs it on the first one's content.
        outer = _outer_cue(verb.head)
        return _speaker_token(outer if outer is not None else verb.head)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        # "X attacked Y, saying ...": the speaker of the clause the participle hangs on.
        return _speaker_token(verb.head)
    return None


def _outer_cue(token: Any) -> Any | None:
    """The reporting verb whose content clause `token` heads, if any."""
    if token.dep_ == "ccomp" and token.head.lemma_.lower() in CLAUSE_VERBS:
        return token.head
    return None


def _is_report(token: Any) -> bool:
    """A coordinated verb inside a content that reports something of its own ("..., and
    acknowledged that ...", "... but declined to comment", "... and called it a hoax")."""
    deps = {c.dep_ for c in token.children}
    lemma = token.lemma_.lower()
    return token.dep_ == "conj" and (
        (lemma in CLAUSE_VERBS and "ccomp" in deps)
        or (lemma in INFINITIVE_VERBS and "xcomp" in deps and not deps & set(_SUBJECTS))
        or (lemma == "call" and "oprd" in deps)
    )


def _content_tokens(verb: Any, speaker: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The content's tokens in the verb's first filled frame, and any cue word of the frame."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    by_dep: dict[str, list[Any]] = {}
    for child in children:
        by_dep.setdefault(child.dep_, []).append(child)
    if "agent" in by_dep and lemma in OBJECT_VERBS:
        for child in by_dep.get("nsubjpass", []):  # "the figure was disputed by X"
            return _strip(list(child.subtree)), [*by_dep["agent"]]
    if lemma in CLAUSE_VERBS:
        for child in by_dep.get("ccomp", []):
            return _content_subtree(child), []
        as_clause = verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        )
        if verb.dep_ == "parataxis" or as_clause:
            # "The outage, she said, lasted two hours." / "As Kestrel noted, the outage ..."
            skip = {t.i for t in verb.subtree} | {t.i for t in speaker}
            head = verb.head
            return _strip([t for t in head.subtree if t.i not in skip and t.sent == verb.sent]), []
    if lemma in INFINITIVE_VERBS:
        for child in by_dep.get("xcomp", []):
            if child.i < verb.i:
                continue
            tokens = _content_subtree(child)
            if lemma in ADDRESSEE_VERBS:
                for obj in by_dep.get("dobj", []):
                    tokens = _strip(list(obj.subtree) + tokens)
            return tokens, []
    if lemma in OBJECT_VERBS and lemma not in ADDRESSEE_OBJECT:
        for obj in by_dep.get("dobj", []):
            predicates = by_dep.get("oprd", []) + by_dep.get("ccomp", [])
            if lemma == "call" and not predicates:
                continue  # "called the office": a phone call, not a description
            tokens = list(obj.subtree)
            for pred in predicates:
                tokens.extend(pred.subtree)
            for child in children:
                # "described the report as false", "accused Kestrel of hiding", "blamed X for Y",
                # "the poll shows Clinton ahead by three points"
                if child.i > obj.i and _completes_object(child):
                    tokens.extend(child.subtree)
            return _strip(tokens), []
    for prep in by_dep.get("prep", []):
        if prep.lower_ in PREPOSITION_FRAMES.get(lemma, ()):
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                tokens = list(objects[0].subtree)
                for child in by_dep.get("xcomp", []) + by_dep.get("advcl", []):
                    if child.i > prep.i and any(c.lower_ == "to" for c in child.children):
                        tokens.extend(child.subtree)  # "called on Congress to act"
                return _strip(tokens), [prep]
    return [], []


def _completes_object(child: Any) -> bool:
    if child.dep_ == "prep":
        return child.lower_ in ("as", "of", "for", "with", "by")
    return child.dep_ in ("advmod", "acomp", "npadvmod")


def _content_subtree(head: Any) -> list[Any]:
    """A content clause without the clauses it coordinates that have their own cue and speaker
    ("X said A, and Y warned B"): those are claims of their own."""
    dropped: set[int] = set()
    for token in head.subtree:
        if token.i != head.i and _is_report(token):
            dropped.update(t.i for t in token.subtree)
            dropped.update(c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i)
    tokens = [t for t in head.subtree if t.i not in dropped]
    return _strip(tokens, keep_mark=True)


def _cue_tokens(verb: Any, frame: Sequence[Any]) -> list[Any]:
    """The cue verb with its auxiliaries, negation and particle ("has not yet said")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    tokens = [verb, *aux, *frame, *(c for c in verb.children if c.dep_ == "prt")]
    if aux:
        first = min(t.i for t in aux)
        tokens.extend(c for c in verb.children if c.dep_ == "advmod" and first < c.i < verb.i)
    return sorted(tokens, key=lambda t: t.i)


def _adjacent_quote(
    text: str, quotes: list[Range], lo: int, hi: int, sent_end: int
) -> tuple[Range | None, Range | None]:
    """The quotes that the speaker-and-cue chunk [lo, hi) attributes besides its content:
    the quote right before it, unless a full stop closes that quote's sentence (“A,” she said /
    not “A.” She said ...); and the first quote after it that follows with nothing but
    punctuation between (she said, “B”), or after a comma (she said, smiling, “B”), or in the
    next sentence (she said, smiling. “B.”)."""
    before = after = None
    for q in quotes:
        gap = text[q[1] : lo]
        if q[1] <= lo and not gap.strip(_TRIM_PUNCT) and "." not in text[q[1] - 1 : lo]:
            before = q
        elif q[0] >= hi and after is None:
            gap = text[hi : q[0]]
            if (
                not gap.strip(_TRIM_PUNCT)
                or gap.rstrip(_QUOTE_MARKS + " ").endswith((",", ":"))
                or (
                    q[0] > sent_end
                    and not text[sent_end : q[0]].strip(_TRIM_PUNCT)
                    and (before is not None or len(text[hi:sent_end].split()) <= 3)
                )
            ):
                after = q
    return before, after


def _intro(doc: Any, sent: Any, speaker: Span | None, cue: Span) -> Claim:
    """A claim whose content is the quote that follows ("Whitlock put it this way:")."""
    end = _char_range(sent)[1]
    return Claim(
        kind="direct",
        content=Span("", end, end),
        sentence=_span_of(doc, list(sent)),
        speaker=speaker,
        cue=cue,
    )


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
    text = _doc_text(doc)
    return _claim(
        doc,
        "according_to",
        _merge(text, _token_ranges(text, content_tokens)),
        sent,
        _span_of(doc, speaker_tokens),
        Span(text[according.idx : _end(to)], according.idx, _end(to)),
    )


def _transcript_line(doc: Any) -> Claim | None:
    """ "NAME: what they said" — an interview transcript or a headline's attribution."""
    text = _doc_text(doc)
    m = _TRANSCRIPT.match(text)
    if m is None or m.group(1).split()[0].lower() in _NOT_SPEAKERS:
        return None
    content = _trimmed(text, m.end(), len(text))
    if len(content.text.split()) < 3 or text.rstrip().endswith("?") or len(m.group(1)) < 2:
        return None  # too short, a question, or an interviewer's "Q:"
    speaker = Span(m.group(1), m.start(1), m.end(1))
    colon = text.index(":", m.end(1))
    return Claim(
        kind="direct",
        content=content,
        sentence=Span(text, 0, len(text)),
        speaker=speaker,
        cue=Span(":", colon, colon + 1),
    )


def _dash_attribution(doc: Any, quotes: list[Range]) -> Claim | None:
    """ "“...” — Name" at the end of a paragraph."""
    text = _doc_text(doc)
    m = _DASH_ATTRIBUTION.search(text)
    if m is None:
        return None
    close = m.start()
    quote = next((q for q in quotes if q[1] == close), None)
    if quote is None:
        return None
    dash = re.search(r"[―—–-]+", text[m.start() : m.start(1)])
    assert dash is not None
    cue_start = m.start() + dash.start()
    return _claim(
        doc,
        "direct",
        [quote],
        None,
        Span(m.group(1), m.start(1), m.end(1)),
        Span(dash.group(), cue_start, cue_start + len(dash.group())),
    )


def _own_voice(sent: Any, quotes: list[Range]) -> Claim | None:
    if any(_mostly_inside(q, _char_range(sent)) for q in quotes):
        tokens = _strip(list(sent))
        if not tokens:
            return None
        whole = _span_of(sent.doc, tokens)
        content = _trimmed(_doc_text(sent.doc), whole.start, whole.end)
        return Claim(kind="direct", content=content, sentence=_span_of(sent.doc, list(sent)))
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
        content = _trimmed(_doc_text(sent.doc), content.start, content.end)
    return Claim(kind=kind, content=content, sentence=_span_of(sent.doc, list(sent)))


def _claim(
    doc: Any,
    kind: ClaimKind,
    ranges: Sequence[Range],
    sent: Any | None,
    speaker: Span | None,
    cue: Span | None,
    polarity: Polarity = "asserted",
) -> Claim | None:
    text = _doc_text(doc)
    parts = [p for p in (_trimmed(text, s, e) for s, e in sorted(ranges)) if p.start < p.end]
    if not parts:
        return None
    start, end = parts[0].start, parts[-1].end
    sentence = _span_of(doc, list(sent)) if sent is not None else Span(text, 0, len(text))
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


def statement_claim(doc: Any) -> Claim:
    """A whole parsed statement as one own-voice claim, with its polarity, hedging, entities,
    quantities and dates: what `claimtrack pairs` and the pair evaluation judge."""
    text = _doc_text(doc)
    content = _trimmed(text, 0, len(text))
    if content.start >= content.end:
        content = Span(text, 0, len(text))
    return _annotate(Claim(kind="asserted", content=content, sentence=content), doc)


def _annotate(claim: Claim, doc: Any) -> Claim:
    """Polarity (negated content), hedging, mentioned entities, quantities and dates, from the
    content's tokens."""
    within = {t.i: t for p in claim.pieces for t in _tokens_within(doc, p.start, p.end)}
    tokens = [within[i] for i in sorted(within)]
    polarity = claim.polarity
    if polarity == "asserted" and _negated(tokens):
        polarity = "denied"
    cue_words = [claim.cue.text.lower()] if claim.cue else []
    hedged = any(t.lower_ in HEDGES for t in tokens) or any(w in HEDGES for w in cue_words)
    ents = [
        e
        for e in doc.ents
        if any(p.start <= e.start_char and e.end_char <= p.end for p in claim.pieces)
    ]
    return replace(
        claim,
        polarity=polarity,
        hedged=hedged,
        entities=tuple(dict.fromkeys(e.text for e in ents)),
        quantities=tuple(dict.fromkeys(e.text for e in ents if e.label_ in QUANTITY_LABELS)),
        dates=tuple(dict.fromkeys(e.text for e in ents if e.label_ in DATE_LABELS)),
    )


def _negated(tokens: list[Any]) -> bool:
    """Whether the content's main predicate is negated ("did not", "never", "is not
    waterskiing") or its core argument is ("no customers", "there is no dog barking"): the
    path from the negation to the content's root runs only through the predicate's core."""
    ids = {t.i for t in tokens}
    roots = {t.i for t in tokens if t.head.i not in ids or t.head.i == t.i}
    for t in tokens:
        if t.lower_ not in NEGATIONS:
            continue
        if t.lower_ == "not" and t.i > 0 and t.nbor(-1).text == ",":
            continue  # a contrast ("a driver-assistance system, not a self-driving one")
        if any(
            tuple(w.lower_ for w in t.doc[t.i : t.i + len(idiom)]) == idiom
            for idiom in _NOT_NEGATING
        ):
            continue
        if t.i >= 2 and t.nbor(-2).lower_ == "there" and t.nbor(-1).lemma_ == "be":
            return True
        if t.dep_ in ("det", "nsubj", "dobj") and t.head.head.i in roots:
            return True
        node = t.head
        for _ in range(4):
            if node.i in roots:
                return True
            if node.dep_ not in _CORE_DEPS:
                break
            node = node.head
    return False


# "not only", "not the first time", "no doubt": affirmations in negative form
_NOT_NEGATING = (("not", "only"), ("not", "just"), ("not", "the", "first"), ("no", "doubt"))
_CORE_DEPS = frozenset({"acomp", "attr", "nsubj", "nsubjpass", "dobj", "compound", "xcomp"})


def shift_span(span: Span, offset: int) -> Span:
    return Span(span.text, span.start + offset, span.end + offset)


def _shift(claim: Claim, offset: int) -> Claim:
    if offset == 0:
        return claim
    return replace(
        claim,
        content=shift_span(claim.content, offset),
        parts=tuple(shift_span(p, offset) for p in claim.parts),
        sentence=shift_span(claim.sentence, offset),
        speaker=None if claim.speaker is None else shift_span(claim.speaker, offset),
        cue=None if claim.cue is None else shift_span(claim.cue, offset),
    )


def _speaker_tokens(head: Any) -> list[Any]:
    """The speaker's phrase with its appositive ("X, a spokesperson for Y") but no clauses."""
    dropped = {
        t.i for child in head.children if child.dep_ in ("relcl", "acl") for t in child.subtree
    }
    return _strip([t for t in head.subtree if t.i not in dropped])


def _strip(tokens: Sequence[Any], keep_mark: bool = False) -> list[Any]:
    """Drop leading conjunctions (and complementisers unless `keep_mark`) and punctuation, and
    trailing punctuation."""
    items = sorted(tokens, key=lambda t: t.i)

    def droppable(t: Any) -> bool:
        mark = t.dep_ == "mark" and not keep_mark
        return bool(t.is_punct or t.is_space or t.dep_ == "cc" or mark)

    while items and (droppable(items[0]) or items[0].lower_ in _DISCOURSE):
        items.pop(0)
    while items and (items[-1].is_punct or items[-1].is_space or items[-1].dep_ == "cc"):
        items.pop()
    return items


def _token_ranges(text: str, tokens: Sequence[Any]) -> list[Range]:
    """Character ranges of runs of consecutive tokens."""
    ranges: list[Range] = []
    previous = None
    for t in sorted(tokens, key=lambda t: t.i):
        if previous is not None and t.i == previous + 1:
            ranges[-1] = (ranges[-1][0], _end(t))
        else:
            ranges.append((t.idx, _end(t)))
        previous = t.i
    return ranges


def _merge(text: str, ranges: Iterable[Range]) -> list[Range]:
    """Union of ranges; ranges apart by nothing but spaces and punctuation become one."""
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and (
            start <= merged[-1][1] or not text[merged[-1][1] : start].strip(_TRIM_PUNCT)
        ):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _ranges(claim: Claim) -> list[Range]:
    return [(p.start, p.end) for p in claim.pieces]


def _doc_text(doc: Any) -> str:
    """`doc.text`, joined once per doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def _tokens_within(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens of `doc` that lie wholly between character offsets `start` and `end`."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = [t.idx for t in doc]
    first = bisect_left(starts, start)
    tokens = [doc[i] for i in range(first, bisect_left(starts, end, lo=first))]
    return [t for t in tokens if _end(t) <= end]


def _span_of(doc: Any, tokens: Iterable[Any]) -> Span:
    items = list(tokens)
    start = min(t.idx for t in items)
    end = max(_end(t) for t in items)
    return Span(_doc_text(doc)[start:end], start, end)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _TRIM_PUNCT:
        start += 1
    while end > start and text[end - 1] in _TRIM_PUNCT:
        end -= 1
    return Span(text[start:end], start, end)


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _char_range(sent: Any) -> Range:
    return (int(sent.start_char), int(sent.end_char))


def _overlaps(a: Range, b: Range) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _mostly_inside(outer: Range, region: Range) -> bool:
    """Whether `outer` covers most of `region` (a sentence inside a quote already claimed)."""
    shared = min(outer[1], region[1]) - max(outer[0], region[0])
    return shared > 0 and shared >= 0.6 * (region[1] - region[0])
