"""Attributions that the paragraph's layout makes, not its grammar.

- a transcript line or a headline's attribution: "NAME: what they said" (not "Photo: ...",
  a question, or an interviewer's "Q:");
- a trailing dash attribution: “...” — Name, at the end of a paragraph.
Each gives one `direct` claim: the text after the colon, or the quote before the dash.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.nlp.assemble import build_claim
from pipeline.nlp.spans import Range, doc_text, trimmed
from pipeline.records import Claim, Span

_TRANSCRIPT = re.compile(r"^\s*[\"“]?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?=\S)")
_NOT_SPEAKERS = frozenset(
    "update photo photos video watch related read note editor correction source sources image"
    " caption credit listen see also".split()
)
_DASH_ATTRIBUTION = re.compile(r"[”\"»'’]\s*[―—–-]{1,2}\s*([A-Z][^\n]{1,80}?)\s*$")


def transcript_line(doc: Any) -> Claim | None:
    """ "NAME: what they said" — an interview transcript or a headline's attribution."""
    text = doc_text(doc)
    m = _TRANSCRIPT.match(text)
    if m is None or m.group(1).split()[0].lower() in _NOT_SPEAKERS:
        return None
    content = trimmed(text, m.end(), len(text))
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


def dash_attribution(doc: Any, quotes: list[Range]) -> Claim | None:
    """ "“...” — Name" at the end of a paragraph."""
    text = doc_text(doc)
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
    return build_claim(
        doc,
        "direct",
        [quote],
        None,
        Span(m.group(1), m.start(1), m.end(1)),
        Span(dash.group(), cue_start, cue_start + len(dash.group())),
    )
