"""Join a document's quotes across sentences and paragraphs to the speaker who said them.

`claims.extract_claims` sees one paragraph. Two layouts need the whole document:
- a quote that goes on after its attribution, in the next sentences or paragraphs
  (“A,” she said. “B.” / a paragraph that opens a quote and the next one that reopens it): the
  unattributed quoted sentences become more pieces of the attributed claim;
- a sentence that introduces a quote and ends with a colon ("Whitlock put it this way:"),
  followed by the quote: the claim takes the quote as its content; followed by a paragraph
  without quote marks (a block quote, whose marks the page's layout carried), it takes that
  paragraph. A claim whose content runs up to that colon ("Whitlock admitted that the test
  was staged in this clip:") takes the block paragraph as more of its content. An introduction
  of a statement given whole ("Here's the full response from Acme:", "... the following
  statement:") takes the paragraphs after the block too, up to the next introduction: each of
  their claims the introducer's, a claim of its own.
A quote whose attribution comes only after its last sentence ('“A. B,” said Doe.', parsed as two
sentences; '“A. [paragraph] “B,” said Doe.', the quote left open and reopened) is the speaker's
from its first sentence, each sentence a claim of its own.
A sentence that ends on its reporting verb ("Defending his account, Ferro countered.") introduces
the quote after it too, but never an unquoted paragraph. A quote is joined only to the
attributed quote right before it, with no unquoted sentence in between; an introduction that
no quote follows is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.nlp.names import FIRST_PERSON
from pipeline.records import Claim, Span

_BREAK = re.compile(r"\n\s*")  # a paragraph break, blank lines included


def link_quotes(claims: Sequence[Claim], text: str) -> list[Claim]:
    """`claims` of one document in document order, with continued quotes joined."""
    linked: list[Claim] = []
    open_quote: int | None = None  # index in `linked` of the claim a quote may continue
    block: int | None = None  # index of an introduction taking the next paragraph unquoted
    block_end = -1  # where that paragraph ends
    statement: Claim | None = None  # an introduction of a statement given in full
    statement_end = -1  # where the paragraphs it introduces end
    for claim in sorted(claims, key=lambda c: (c.content.start, c.content.end)):
        inside_block = block is not None and claim.content.start < block_end
        if statement is not None and claim.content.start >= statement_end:
            statement = None
        if (
            statement is not None
            and not inside_block
            and (claim.kind == "asserted" or _first_person(claim))
        ):
            # "Here's the full response from Acme:" then paragraphs without quote marks: each
            # claim of the paragraphs after the first is Acme's too, a claim of its own
            linked.append(
                replace(claim, kind="direct", speaker=statement.speaker, cue=statement.cue)
            )
            continue
        if (
            block is not None
            and inside_block
            and (claim.kind == "asserted" or _first_person(claim))
        ):
            # "Limbaugh added:" then a paragraph without quote marks (a block quote), in which
            # "we" and "I" are the introducer's
            linked[block] = _extend(linked[block], claim, text)
            continue
        if block is not None and inside_block and _unnamed_spokesperson(claim):
            # "The Ledger told the site in a statement:" then "..., a spokesperson said"
            claim = replace(claim, speaker=linked[block].speaker)
        if not inside_block:
            block, block_end = None, -1
        if _first_person(claim) and linked and _quoting(linked[-1], claim, text):
            # 'The report stated that "We interviewed staff. We believe ..."': the quote's
            # speaker, not the page
            claim = replace(claim, speaker=linked[-1].speaker)
        if _is_intro(claim):
            open_quote = len(linked)
            if text[: claim.sentence.end].rstrip().endswith(":"):  # not "Ferro countered."
                block = len(linked)
                block_end = _next_paragraph_end(text, claim.sentence.end)
                statement, statement_end = _statement(claim, text, block_end)
            linked.append(claim)
            continue
        if open_quote is not None and (
            _is_orphan_quote(claim) or _closes_open_quote(linked[open_quote], claim, text)
        ):
            if linked[open_quote].cue is None:
                # '“A,” X said. “B. [paragraph] “C.”': B took X as its speaker; so does C, a
                # claim of its own as B is
                linked.append(replace(claim, speaker=linked[open_quote].speaker))
            else:
                linked[open_quote] = _extend(linked[open_quote], claim, text)
            continue
        quoted = claim.kind in ("direct", "mixed") or _closes_quote(claim, text)
        open_quote = len(linked) if quoted and (claim.cue or claim.speaker) else None
        if block is None and claim.cue is not None and _introduces(claim, text):
            # "the company admitted that X in this video:" then a block quote
            block = len(linked)
            block_end = _next_paragraph_end(text, claim.sentence.end)
            statement, statement_end = _statement(claim, text, block_end)
        linked.append(claim)  # inside a block quote, an attribution of its own stays apart
    seen: set[tuple[str, tuple[tuple[int, int], ...]]] = set()
    unique = []
    for claim in linked:
        key = (claim.kind, tuple((p.start, p.end) for p in claim.pieces))
        if not _is_intro(claim) and key not in seen:  # two cues for one content: the first
            seen.add(key)
            unique.append(claim)
    for n in range(len(unique) - 2, -1, -1):  # from the end: a quote may run over paragraphs
        claim, after = unique[n], unique[n + 1]
        if _is_orphan_quote(claim) and _attributed_after(claim, after, text):
            unique[n] = replace(claim, speaker=after.speaker, cue=after.cue)
    return unique


_UNNAMED_SPOKESPERSON = re.compile(
    r"^(?:a|an|the)\s+(?:company\s+|press\s+)?(?:spokesperson|spokeswoman|spokesman|"
    r"representative)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"^[,.!?]?[”\"]")


def _first_person(claim: Claim) -> bool:
    return claim.speaker is not None and claim.speaker.text.lower() in FIRST_PERSON


def _quoting(before: Claim, claim: Claim, text: str) -> bool:
    """Whether `claim` sits inside a quote that opens in `before`'s content, after its cue,
    and has not closed yet."""
    if claim.speaker is None or before.speaker is None or before.cue is None:
        return False
    if _first_person(before):
        return False
    start = min(before.content.start, before.cue.end)
    between = text[start : claim.speaker.start]
    if claim.speaker.start <= before.content.start or "\n\n" in between:
        return False
    return _left_open(between)


def _left_open(text: str) -> bool:
    """Whether `text` opens a quote it does not close (curly marks, or an odd number of
    straight ones)."""
    opens, closes = text.count("“"), text.count("”")
    return opens > closes or (opens == closes == 0 and text.count('"') % 2 == 1)


def _unnamed_spokesperson(claim: Claim) -> bool:
    return claim.speaker is not None and bool(_UNNAMED_SPOKESPERSON.match(claim.speaker.text))


def _closes_quote(claim: Claim, text: str) -> bool:
    """Whether a closing quote mark ends the content, its opening mark lost ("... reporting,”
    a spokesperson said"): the quote may go on after it."""
    return bool(_CLOSING.match(text[claim.content.end : claim.content.end + 2]))


def _closes_open_quote(before: Claim, claim: Claim, text: str) -> bool:
    """Whether `claim`, read as unquoted, is the end of the quote `before` opened and did not
    close: 'Goyal said: "A. [paragraph] B."' (the page lost no mark; the quote runs across
    the paragraph break, which the parser reads as a sentence of no one's)."""
    if claim.kind != "asserted" or claim.speaker is not None or not _closes_quote(claim, text):
        return False
    return _left_open(text[max(0, before.content.start - 1) : claim.content.start])


def _is_intro(claim: Claim) -> bool:
    return claim.content.start == claim.content.end


def _next_paragraph_end(text: str, position: int) -> int:
    """The end of the paragraph after the one `position` is in (blank lines between allowed)."""
    m = _BREAK.search(text, position)
    if m is None:
        return -1
    newline = text.find("\n", m.end())
    return len(text) if newline < 0 else newline


# an introduction of a statement given whole: "Here's the full response from Acme:", "The Acme
# statement in its entirety follows:", "Acme gave us the following response:"
_IN_FULL = re.compile(
    r"\b(?:full|in\s+full|in\s+(?:its|their)\s+entirety|entire|complete)\b"
    r"|\bfollowing\s+(?:[\w-]+\s+)?(?:statement|response|reply|letter|e-?mail|note|comment)s?\b",
    re.IGNORECASE,
)


def _statement(intro: Claim, text: str, first_end: int) -> tuple[Claim | None, int]:
    """The introduction and where the paragraphs it introduces end, where it introduces a
    statement given in full: after the first paragraph (its block quote), every paragraph up to
    the next one that introduces something ("And here are the report's claims:") or the end;
    else (None, -1)."""
    if first_end < 0 or not _IN_FULL.search(intro.sentence.text):
        return None, -1
    end = first_end
    while end < len(text):
        following = _next_paragraph_end(text, end)
        if following < 0:
            break
        paragraph = text[end:following].strip()
        if paragraph.endswith(":"):
            break
        end = following
    return (intro, end) if end > first_end else (None, -1)


def _introduces(claim: Claim, text: str) -> bool:
    """Whether the claim's sentence ends with a colon right after its content, so that the
    paragraph after it is its speaker's words."""
    if _is_intro(claim):
        return True
    rest = text[claim.content.end : claim.sentence.end]
    return rest.rstrip().endswith(":") and not rest.strip(" \t\"”’'.,;:")


def _attributed_after(claim: Claim, after: Claim, text: str) -> bool:
    """Whether the quote `claim` goes on to `after`, an attributed quote: in the same
    paragraph with no quote mark between ('“A. B,” said Doe.'), or left open at its paragraph's
    end and reopened in the next ('“A. [paragraph] “B,” said Doe.'): Doe's throughout."""
    if after.kind != "direct" or after.speaker is None or after.cue is None:
        return False
    between = text[claim.content.end : after.content.start]
    rest, brk, reopened = between.partition("\n")
    if not brk:  # '“A. B,” Doe said.', the sentences parsed apart: one quote
        return not re.search(r"[“”\"]", between)
    return not re.search(r"[”\"]", rest) and reopened.strip() in ("“", '"')


def _is_orphan_quote(claim: Claim) -> bool:
    return claim.kind == "direct" and claim.speaker is None and claim.cue is None


def _extend(claim: Claim, more: Claim, text: str) -> Claim:
    pieces = (*claim.pieces, *more.pieces) if not _is_intro(claim) else more.pieces
    start, end = pieces[0].start, pieces[-1].end
    return replace(
        claim,
        kind="direct",
        content=Span(text[start:end], start, end),
        parts=pieces if len(pieces) > 1 else (),
        polarity="denied" if "denied" in (claim.polarity, more.polarity) else "asserted",
        hedged=claim.hedged or more.hedged,
        entities=tuple(dict.fromkeys((*claim.entities, *more.entities))),
        quantities=tuple(dict.fromkeys((*claim.quantities, *more.quantities))),
        dates=tuple(dict.fromkeys((*claim.dates, *more.dates))),
        sentence=claim.sentence if not _is_intro(claim) else more.sentence,
    )
