"""A list of a side's allegations after a sentence that introduces them.

Coverage often sums up a report as a list: "Kestrel's report makes three main allegations:"
then one item a line, each opened by a list marker ("•", "·", "*"). The small parser sees each
item alone, so every item is an own-voice claim of the page; here the items of such a list
become claims of the name its introduction opens with (the possessor of "Kestrel's report", or
the subject of "Kestrel makes three allegations:", or of "Kestrel insisted:", or the source of
"here are the claims from the Kestrel report:"), with the introduction's colon as their cue. An
item opens with a bullet, a hyphen, or a letter or number that counts ("a.", "2)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.records import Claim, Span

# a phrase of place or time before the sentence's subject: "In its Newsroom, Acme posted ..."
_OPENER = (
    r"(?:(?:In|On|At|Via|Through|From|Under|Later|Earlier|Today|Yesterday)\b[^,:\n]{0,40},\s+)?"
)
# "Kestrel's report concerns, among other matters, three main allegations:"
_INTRO = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:Among\s+)?{_OPENER}"
    r"(?!(?:And|But|Here|So|Now|Below|Then|There|These|Those)\b)"
    r"(?P<who>(?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
    r"(?:['’]s?\s|\s)[^:\n]{0,120}\b(?:allegations|accusations|claims|charges|findings|"
    r"conclusions|points)(?:\s+(?:include|are|were))?\s*:[^\S\n]*$"
    # "Kestrel insisted:", "The company said in its statement:"
    rf"|(?:^|(?<=[.!?]\s)){_OPENER}"
    r"(?P<sayer>(?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}|The\s+[a-z]+)"
    r"\s+(?:also\s+)?(?:said|says|insisted|insists|added|argued|argues|claimed|claims|stated|"
    r"states|maintained|maintains|denied|denies|responded|countered|wrote|writes|noted|notes|"
    r"alleged|alleges|found|finds|concluded|concludes)"
    r"(?:\s+(?:in|on)\s+[^:\n]{0,60})?\s*:[^\S\n]*$"
    # "And here are the detailed claims from the Glaucus report:"
    r"|\b(?:allegations|accusations|claims|charges|findings|conclusions)\s+(?:from|of|in|by)\s+"
    r"(?P<source>(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}(?:\s+report)?)\s*:[^\S\n]*$",
    re.MULTILINE,
)
# what opens a list item: "•", "·", "*" and their kin
LIST_MARKER = r"[•·▪‣◦●■*]"
# in a list also a hyphen or a letter or number that counts ("- Acme hid ...", "b. Teas Violate
# US Law. ...", "2) The rents ...")
_ITEM = re.compile(rf"[^\S\n]*(?:{LIST_MARKER}|-|\(?(?:[a-z]|\d{{1,2}})[.)])[^\S\n]")


def listed_claims(claims: Sequence[Claim], text: str) -> list[Claim]:
    """`claims` of one document, the own-voice items of a list of allegations given to the
    name its introduction opens with."""
    return [_listed(c, text) if c.kind == "asserted" else c for c in claims]


def _listed(claim: Claim, text: str) -> Claim:
    line = text.rfind("\n", 0, claim.content.start) + 1
    if not _ITEM.match(text, line):
        return claim
    while line > 0:  # back over the list's earlier items, blank lines between allowed
        previous = text.rfind("\n", 0, line - 1) + 1
        if _ITEM.match(text, previous) or not text[previous : line - 1].strip():
            line = previous
            continue
        intro = _INTRO.search(text, previous, line - 1)
        if intro is None:
            return claim
        colon = text.rfind(":", previous, line - 1)
        who = next(g for g in ("who", "sayer", "source") if intro.group(g))
        owner = Span(intro.group(who), intro.start(who), intro.end(who))
        return replace(claim, kind="indirect", speaker=owner, cue=Span(":", colon, colon + 1))
    return claim
