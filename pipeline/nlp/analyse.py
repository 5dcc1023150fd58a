"""Run spaCy over whole documents, paragraph by paragraph, batched with `nlp.pipe`.

Paragraphs (lines of the main text, a hard-wrapped sentence joined again) are parsed separately
so that a headline never runs into the first sentence; offsets are shifted back into the
document text. A paragraph longer than `PIECE_CHARS` (a line of a plain-text page can run to
megabytes; spaCy refuses a text over `nlp.max_length`, 1,000,000 characters, and its parser
needs about 1 GB per 100,000) is parsed in pieces cut at the last sentence end, else the last
space, before the limit.

The parser is given each piece with its in-word curly apostrophes made straight ("the
program’s cost", "hasn’t"), which it reads far better; the claims and entities keep the page's
characters (the same length, so no offset moves).

A paragraph that is a correction or update notice (`notices`) is parsed for entities but yields
no claims: it speaks of the page's earlier text, not of the dispute.

A document that cannot be analysed (spaCy or the claim extraction raises on it) gets an
`Analysis` with `error` set and nothing found; the other documents of the call are analysed as
if it were not there. The caller records it as a failed source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pipeline.nlp.claims import extract_claims
from pipeline.nlp.entities import doc_entities
from pipeline.nlp.furniture import is_furniture, is_stamp, undated
from pipeline.nlp.headlines import is_headline, names_in, sentence_case, with_document_words
from pipeline.nlp.lists import LIST_MARKER, listed_claims
from pipeline.nlp.misread import as_verbs, misread_verbs, sentence_range
from pipeline.nlp.notices import is_notice, tells_news
from pipeline.nlp.quote_links import link_quotes
from pipeline.nlp.spans import map_spans
from pipeline.records import Claim, Entity, Span

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence end: a stop, maybe closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"""[.!?][\"'\u201d\u2019)\]]*\s""")
_STOPS = ".!?:;\"'”’)]…"
# The longest text given to spaCy at once: far longer than any news paragraph (a few hundred
# to a few thousand characters), short enough that a piece parses in well under a second.
PIECE_CHARS = 10_000
# Hard-wrapped text: lines cut at one width, at most this long (plain-text pages wrap at 60-100)
WRAP_WIDTH = 110
WRAP_FULL = 0.7
# ... and its longest line at least this long: a column of short lines is a list of tags or
# links, not running text
WRAP_MIN = 50
COLUMN_LINES = 5
MAX_SPLIT_LINES = 3
_LIST_ITEM = re.compile(r"\s*(?:[•·▪●◦*+–—-]|\d{1,2}[.)])\s")
# An apostrophe inside a word typeset as a right single quote ("the program’s cost", "don’t"):
# the parser reads it far worse than a straight one ("told Bloomberg the program’s cost was"
# loses its clause), so it is given the straight one, character for character.
_CURLY_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")


@dataclass(frozen=True)
class Analysis:
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    error: str | None = None  # why the document could not be analysed (then nothing is found)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-blank line of `text`; a line cut in mid-sentence runs on into
    the next: it ends with no stop and the next line (right below it, or after a blank line or
    two) goes on in lower case, or it is one of a block of lines cut at one width (see
    `_wrapped_lines`)."""
    found: list[tuple[int, str]] = []
    lines = [m for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    blocks = _blocks(lines)
    wrapped = _wrapped_lines(lines, blocks)
    column = _column_lines(lines, blocks)
    for n, m in enumerate(lines):
        gap = text[lines[n - 1].end() : m.start()] if n else ""
        adjacent = gap == "\n"
        # a sentence cut by blank lines (an image or an advertisement taken out between)
        split = n > 0 and gap.count("\n") <= MAX_SPLIT_LINES and not gap.strip()
        split = split and not (n in column and n - 1 in column)
        if (
            split
            and not is_stamp(found[-1][1])
            and _runs_on(found[-1][1], m.group(), adjacent and n - 1 in wrapped)
        ):
            start = found[-1][0]
            # one character for one, so that offsets hold: spaCy reads a line break as a break
            found[-1] = (start, _unbulleted(text[start : m.end()].replace("\n", " ")))
        else:
            found.append((m.start(), _unbulleted(m.group())))
    return found


# a list item's marker: "  • Acme overstated its orders" (the small parser reads "•" as a word)
_BULLET = re.compile(rf"^(\s*){LIST_MARKER}(?=\s)")


def _unbulleted(line: str) -> str:
    """`line` with a leading list marker turned into a space, one character for one, and with
    no dateline (`undated`)."""
    return undated(_BULLET.sub(lambda m: m.group(1) + " ", line))


def _blocks(lines: Sequence[re.Match[str]]) -> list[list[int]]:
    """The numbers of the lines, grouped in blocks of adjacent lines (no blank line between)."""
    blocks: list[list[int]] = []
    for n, m in enumerate(lines):
        if blocks and m.start() == lines[blocks[-1][-1]].end() + 1:
            blocks[-1].append(n)
        else:
            blocks.append([n])
    return blocks


def _column_lines(lines: Sequence[re.Match[str]], blocks: Sequence[list[int]]) -> set[int]:
    """The numbers of the lines of a column: a block of `COLUMN_LINES` or more adjacent lines,
    each shorter than `WRAP_MIN` and none ending with a stop (a list of tags or links): its
    lines stand alone, whatever case the next one starts in."""
    found: set[int] = set()
    for block in blocks:
        texts = [lines[n].group().strip() for n in block]
        if len(block) >= COLUMN_LINES and all(
            len(t) < WRAP_MIN and t[-1] not in _STOPS for t in texts
        ):
            found.update(block)
    return found


def _wrapped_lines(lines: Sequence[re.Match[str]], blocks: Sequence[list[int]]) -> set[int]:
    """The numbers of the lines cut at a fixed width: in a block of three or more adjacent lines
    none longer than `WRAP_WIDTH` (and the longest at least `WRAP_MIN`), those at least
    `WRAP_FULL` of the block's longest line. A headline over a paragraph is no such block: the
    paragraph's line is far longer."""
    found: set[int] = set()
    for block in blocks:
        widths = [len(lines[n].group().rstrip()) for n in block[:-1]]
        if len(block) < 3 or not WRAP_MIN <= max(widths) <= WRAP_WIDTH:
            continue
        if any(_LIST_ITEM.match(lines[n].group()) for n in block):
            continue  # a list: each item stands alone
        found |= {n for n, w in zip(block, widths, strict=False) if w >= WRAP_FULL * max(widths)}
    return found


def correction_notices(text: str) -> tuple[str, ...]:
    """The correction, update and editor's notices of `text` (see `notices`), one per
    paragraph, in order: what the store keeps with the text's version instead of claims."""
    return tuple(p.strip() for _, p in paragraphs(text) if is_notice(p))


def _runs_on(line: str, following: str, wrapped: bool) -> bool:
    last, first = line.rstrip()[-1:], following.lstrip()[:1]
    return bool(last) and last not in _STOPS and (first.islower() or wrapped)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph of `text`, those longer than `limit` characters cut into
    pieces of at most `limit`: at the last sentence end in the second half of the limit, else
    the last space there, else (a run of `limit` characters without one) at the limit."""
    found = []
    for offset, para in paragraphs(text):
        if len(para) <= limit:
            found.append((offset, para))
        else:
            found += [(offset + start, piece) for start, piece in _cut(para, limit)]
    return found


def _cut(para: str, limit: int) -> list[tuple[int, str]]:
    cuts = []
    start, end = 0, len(para)
    while start < end:
        while start < end and para[start].isspace():
            start += 1
        if end - start <= limit:
            if start < end:
                cuts.append((start, para[start:end].rstrip()))
            break
        window = para[start : start + limit]
        half = limit // 2
        size = max((m.end() for m in _SENTENCE_END.finditer(window, half)), default=0)
        if not size:
            size = max(window.rfind(" ", half), window.rfind("\t", half)) + 1
        if not size:
            size = limit
        piece = para[start : start + size].rstrip()
        if piece:
            cuts.append((start, piece))
        start += size
    return cuts


def parse_form(text: str) -> str:
    """`text` as the parser is given it: in-word curly apostrophes made straight (same length)."""
    return _CURLY_APOSTROPHE.sub("'", text)


def _as_written(claim: Claim, parsed: str, written: str, offset: int) -> Claim:
    """`claim`, found in `parsed` (`parse_form` of `written`, at `offset`), with the words of
    `written` wherever a span holds the parsed words unchanged."""

    def words(span: Span) -> Span:
        start, end = span.start - offset, span.end - offset
        if span.text != parsed[start:end]:
            return span
        return Span(written[start:end], span.start, span.end)

    return map_spans(claim, words)


def _pieces_of(claim: Claim, text: str) -> Claim:
    """`claim` with its pieces' words as the document has them: a paragraph joined from wrapped
    lines was parsed with spaces for its line breaks, and the store rebuilds a claim of several
    pieces from the document's text."""
    if not claim.parts:
        return claim
    parts = tuple(Span(text[p.start : p.end], p.start, p.end) for p in claim.parts)
    return replace(claim, parts=parts)


def _headline_claims(nlp: Any, text: str, offset: int, line: str) -> list[Claim]:
    """The claims of a Title Case headline the parse found none in, read in sentence case."""
    doc = nlp(parse_form(sentence_case(line, names_in(text))))
    return [with_document_words(c, text) for c in extract_claims(doc, offset, heading=True)]


def _reread_claims(
    nlp: Any, doc: Any, piece: str, offset: int, text: str, found: list[Claim]
) -> list[Claim]:
    """`found` (the claims of `doc`, the parse of `piece` at `offset` in `text`), with the
    claims of each sentence whose reporting verb the tagger read as a noun taken from a second
    parse that reads it as a verb (see `misread`)."""
    misread = misread_verbs(doc, text)
    if not misread:
        return found
    ranges = [sentence_range(token, offset) for token in misread]

    def inside(claim: Claim) -> bool:
        return any(start <= claim.sentence.start < end for start, end in ranges)

    again = nlp(as_verbs(doc.text, misread))
    reread = [_as_written(c, again.text, piece, offset) for c in extract_claims(again, offset)]
    return [c for c in found if not inside(c)] + [c for c in reread if inside(c)]


def analyse_texts(
    nlp: Any,
    texts: Sequence[str],
    batch_size: int = 64,
    on_progress: Callable[[int], None] | None = None,
) -> list[Analysis]:
    """Entities and claims of each text, in order; one `nlp.pipe` over all paragraphs. A text
    that cannot be analysed gets an `Analysis` with `error` set (see the module notes)."""
    limit = max(1, min(PIECE_CHARS, int(nlp.max_length)))
    jobs = [
        (n, offset, piece) for n, text in enumerate(texts) for offset, piece in pieces(text, limit)
    ]
    entities: list[list[Entity]] = [[] for _ in texts]
    claims: list[list[Claim]] = [[] for _ in texts]
    errors: dict[int, str] = {}
    reported = 0  # jobs parsed (and counted in the progress), in order

    def fail(n: int, exc: Exception) -> None:
        errors[n] = describe(exc)
        entities[n].clear()
        claims[n].clear()

    def parse(numbers: Sequence[int]) -> None:
        nonlocal reported
        stream = nlp.pipe(
            ((parse_form(jobs[i][2]), i) for i in numbers), as_tuples=True, batch_size=batch_size
        )
        for doc, i in stream:
            n, offset, piece = jobs[i]
            if n not in errors:
                try:
                    entities[n].extend(
                        replace(e, text=piece[e.start - offset : e.end - offset])
                        for e in doc_entities(doc, offset)
                    )
                    # a correction notice or the page's template claims nothing
                    silent = is_notice(piece) and not tells_news(piece)
                    if not silent and not is_furniture(piece):
                        found = [
                            _as_written(c, doc.text, piece, offset)
                            for c in extract_claims(doc, offset)
                        ]
                        if not found and is_headline(piece):
                            found = _headline_claims(nlp, texts[n], offset, piece)
                        else:
                            found = _reread_claims(nlp, doc, piece, offset, texts[n], found)
                        claims[n].extend(found)
                except Exception as exc:  # a bug met on this text: the others go on
                    fail(n, exc)
            if i >= reported:
                if on_progress:
                    on_progress(i + 1 - reported)
                reported = i + 1

    try:
        parse(range(len(jobs)))
    except Exception:
        # spaCy itself raised, on a paragraph of a document at or after the last one returned:
        # those documents are parsed again one at a time, so that only the one at fault is lost
        first = jobs[reported - 1][0] if reported else 0
        of_text: dict[int, list[int]] = {}
        for i, (n, _, _) in enumerate(jobs):
            of_text.setdefault(n, []).append(i)
        for n in range(first, len(texts)):
            entities[n].clear()
            claims[n].clear()
            try:
                parse(of_text.get(n, []))
            except Exception as exc:
                fail(n, exc)
        if on_progress and reported < len(jobs):
            on_progress(len(jobs) - reported)
    analyses = []
    for n, text in enumerate(texts):
        if n in errors:
            analyses.append(Analysis((), (), errors[n]))
            continue
        try:
            linked = [
                _pieces_of(c, text) for c in listed_claims(link_quotes(claims[n], text), text)
            ]
            analyses.append(Analysis(tuple(entities[n]), tuple(linked)))
        except Exception as exc:
            analyses.append(Analysis((), (), describe(exc)))
    return analyses


def describe(exc: BaseException) -> str:
    """One line about `exc`: its kind and the first line of its message, at most 300 characters."""
    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    line = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return line if len(line) <= 300 else line[:299] + "…"


def paragraph_count(texts: Sequence[str]) -> int:
    """The pieces `analyse_texts` parses for `texts` (with spaCy's default length limit)."""
    return sum(len(pieces(t)) for t in texts)
