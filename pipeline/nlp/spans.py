"""Character ranges and token runs of a parsed paragraph: the offset arithmetic of claim extraction.

Pure helpers over a spaCy Doc (or its text) that the claim finders share: a doc's text and the
tokens between two offsets (both cached in `doc.user_data`), the span of some tokens, trimming
punctuation off a span or a token run, merging ranges, and shifting a claim's spans from
paragraph offsets to document offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from pipeline.nlp.furniture import MONTH
from pipeline.records import Claim, Span

Range = tuple[int, int]
TRIM_PUNCT = " \t\n,;:.—–―-“”\"«»„'‘’`…"
QUOTE_MARKS = "“”\"«»„'`"
_DISCOURSE = frozenset(
    "however meanwhile moreover furthermore still also indeed instead nonetheless nevertheless"
    " thus therefore so".split()
)
_TEXT_KEY = "claimtrack.text"
_STARTS_KEY = "claimtrack.token_starts"


def doc_text(doc: Any) -> str:
    """`doc.text`, joined once per doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def tokens_within(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens of `doc` that lie wholly between character offsets `start` and `end`."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = [t.idx for t in doc]
    first = bisect_left(starts, start)
    tokens = [doc[i] for i in range(first, bisect_left(starts, end, lo=first))]
    return [t for t in tokens if token_end(t) <= end]


def span_of(doc: Any, tokens: Iterable[Any]) -> Span:
    items = list(tokens)
    start = min(t.idx for t in items)
    end = max(token_end(t) for t in items)
    return Span(doc_text(doc)[start:end], start, end)


def trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in TRIM_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRIM_PUNCT:
        end -= 1
    return Span(text[start:end], start, end)


def token_end(token: Any) -> int:
    return int(token.idx + len(token.text))


def char_range(sent: Any) -> Range:
    return (int(sent.start_char), int(sent.end_char))


def overlaps(a: Range, b: Range) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def mostly_inside(outer: Range, region: Range) -> bool:
    """Whether `outer` covers most of `region` (a sentence inside a quote already claimed)."""
    shared = min(outer[1], region[1]) - max(outer[0], region[0])
    return shared > 0 and shared >= 0.6 * (region[1] - region[0])


def strip_tokens(tokens: Sequence[Any], keep_mark: bool = False) -> list[Any]:
    """Drop leading conjunctions (and complementisers unless `keep_mark`) and punctuation, and
    trailing punctuation (but not a bracket that closes one the tokens open)."""
    items = sorted(tokens, key=lambda t: t.i)

    def droppable(t: Any) -> bool:
        mark = t.dep_ == "mark" and not keep_mark
        return bool(t.is_punct or t.is_space or t.dep_ == "cc" or mark)

    while items and (droppable(items[0]) or items[0].lower_ in _DISCOURSE):
        items.pop(0)
    while items and (items[-1].is_punct or items[-1].is_space or items[-1].dep_ == "cc"):
        if _closes_bracket(items):
            break  # "Rep. Ann Lee (D-Wis.)", "Amazon Web Services (AWS)": the bracket stays
        items.pop()
    return items


_BRACKETS = {")": "(", "]": "["}


def _closes_bracket(items: Sequence[Any]) -> bool:
    """Whether the last token closes a bracket opened earlier in `items`."""
    opening = _BRACKETS.get(items[-1].text)
    if opening is None:
        return False
    depth = 0
    for t in items[:-1]:
        depth += (t.text == opening) - (t.text == items[-1].text)
    return depth > 0


def speaker_tokens(head: Any) -> list[Any]:
    """The speaker's phrase with its appositive ("X, a spokesperson for Y") but no clauses,
    save a participle with its agent, which says whom the speaker acts for ("a law firm
    retained by Acme")."""
    dropped = {
        t.i
        for child in head.children
        if child.dep_ in ("relcl", "acl") and not _with_agent(child)
        for t in child.subtree
    }
    tokens = [t for t in head.subtree if t.i not in dropped]
    split = _split_name(head)
    if split is not None:  # "A probe by news agency | Reuters discovered": one subject
        tokens.extend(split.subtree)
    return _without_dateline(strip_tokens(tokens))


def _split_name(head: Any) -> Any | None:
    """A proper-noun subject the parse gave the same verb right after `head`'s phrase, which
    ends on a common noun ("A probe by news agency Reuters discovered", parsed as two
    subjects): the name that ends the one phrase."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    after = head.right_edge.i + 1
    doc = head.doc
    if after >= len(doc) or head.right_edge.pos_ != "NOUN":
        return None
    name = doc[after]
    same_verb = name.head.i == head.head.i and name.dep_ == head.dep_
    return name if same_verb and name.pos_ == "PROPN" and name.right_edge.i < name.head.i else None


_DASHES = frozenset("— – -- ―".split())
_MONTH = re.compile(rf"{MONTH}$")
# how far a dateline reaches: a place, a date, a wire's name in brackets
_DATELINE_REACH = 14


def _without_dateline(tokens: list[Any]) -> list[Any]:
    """The phrase without a dateline the parse hung on it ("PHOENIX, Sept. 14, 2020 — Nikola
    Corporation", "Oct 8 (Reuters) - Adler", "MADRID, July 2 Spanish wireless provider Gowex":
    a place in capitals, a date or a wire's name in brackets, then a dash or the subject)."""
    head = tokens[:_DATELINE_REACH]
    for n, t in enumerate(head):
        spaced_hyphen = (
            t.text == "-" and bool(t.whitespace_) and n > 0 and bool(head[n - 1].whitespace_)
        )
        if (t.text in _DASHES or spaced_hyphen) and n + 1 < len(tokens):
            return tokens[n + 1 :] if _is_dateline(head[:n]) else tokens
    end = _dated_place_end(head)
    return tokens[end:] if end is not None and end < len(tokens) else tokens


def _is_dateline(tokens: Sequence[Any]) -> bool:
    """Whether `tokens` are a dateline: opening with a place in capitals, or holding a date
    ("Oct 8") or a wire's name in brackets ("(Reuters)")."""
    if not tokens:
        return False
    if _capital_place(tokens[0].text, shortest=2):  # "VA - Acme"
        return True
    return _dated(tokens) is not None or _wire(tokens) is not None


def _capital_place(word: str, shortest: int) -> bool:
    """Whether `word` is a place in capitals, as a dateline opens ("PHOENIX")."""
    return len(word) >= shortest and word.isalpha() and word.isupper()


def _dated(tokens: Sequence[Any]) -> int | None:
    """The index after the first month and day among `tokens` ("Oct 25", "Sept. 14, 2020")."""
    for n, t in enumerate(tokens[:-1]):
        if _MONTH.match(t.text) and tokens[n + 1].text.isdigit():
            end = n + 2
            if end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].text.isdigit():
                end += 2
            return end
    return None


def _wire(tokens: Sequence[Any]) -> int | None:
    """The index after a wire's name in brackets among `tokens` ("(Reuters)")."""
    for n, t in enumerate(tokens[:-2]):
        if t.text == "(" and tokens[n + 1].text[:1].isupper() and tokens[n + 2].text == ")":
            return n + 3
    return None


def _dated_place_end(tokens: Sequence[Any]) -> int | None:
    """The index after a dateline with no dash, a place in capitals, a comma and a date
    ("MADRID, July 2 Spanish wireless network provider Gowex"), if the phrase opens with one."""
    if len(tokens) < 4 or tokens[1].text != "," or not _capital_place(tokens[0].text, shortest=3):
        return None
    dated = _dated(tokens[2:5])
    if dated is None:
        return None
    end = 2 + dated
    wire = _wire(tokens[end : end + 3])
    return end + wire if wire is not None else end


def _with_agent(clause: Any) -> bool:
    return clause.tag_ == "VBN" and any(c.dep_ == "agent" for c in clause.children)


def token_ranges(tokens: Sequence[Any]) -> list[Range]:
    """Character ranges of runs of consecutive tokens."""
    ranges: list[Range] = []
    previous = None
    for t in sorted(tokens, key=lambda t: t.i):
        if previous is not None and t.i == previous + 1:
            ranges[-1] = (ranges[-1][0], token_end(t))
        else:
            ranges.append((t.idx, token_end(t)))
        previous = t.i
    return ranges


def merge(text: str, ranges: Iterable[Range]) -> list[Range]:
    """Union of ranges; ranges apart by nothing but spaces and punctuation become one."""
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip(TRIM_PUNCT)):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def quoted_ranges(text: str, tokens: Sequence[Any], quotes: Sequence[Range]) -> list[Range]:
    """The ranges of `tokens` with every quote they overlap, merged: a content widened to its
    quotation marks."""
    ranges = token_ranges(tokens)
    return merge(text, ranges + [q for q in quotes if any(overlaps(q, r) for r in ranges)])


def claim_ranges(claim: Claim) -> list[Range]:
    return [(p.start, p.end) for p in claim.pieces]


def shift_span(span: Span, offset: int) -> Span:
    return Span(span.text, span.start + offset, span.end + offset)


def map_spans(claim: Claim, change: Callable[[Span], Span]) -> Claim:
    """`claim` with `change` applied to every span it holds."""
    return replace(
        claim,
        content=change(claim.content),
        parts=tuple(change(p) for p in claim.parts),
        sentence=change(claim.sentence),
        speaker=None if claim.speaker is None else change(claim.speaker),
        cue=None if claim.cue is None else change(claim.cue),
    )


def shift_claim(claim: Claim, offset: int) -> Claim:
    """`claim` with every span moved `offset` characters on (paragraph to document offsets)."""
    if offset == 0:
        return claim
    return map_spans(claim, lambda span: shift_span(span, offset))
