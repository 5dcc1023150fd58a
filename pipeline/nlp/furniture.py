"""Page furniture in extracted text: the comment form, newsletter and sharing lines that a
page's template puts around every article ("Leave a Reply", "Your email address will not be
published. Required fields are marked *", "Sign up for our newsletter") and the time stamp
of the article.

trafilatura leaves most of it out of a fetched page; a text file given as a source keeps it.
A paragraph that is furniture says nothing about the dispute, so it yields no claims
(`pipeline.nlp.analyse` skips it).
"""

from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"""^\W{0,3}(?:
        your\s+email\s+address\s+will\s+not\s+be\s+published
        |required\s+fields\s+are\s+marked
        |leave\s+a\s+(?:reply|comment)
        |(?:want|like)\s+to\s+join\s+the\s+(?:discussion|conversation)
        |feel\s+free\s+to\s+(?:contribute|comment)
        |\d+\s+(?:comments?|replies|responses)\W*$
        |(?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\s+\w*\s*newsletter
        |share\s+(?:this|on)\s+(?:article|story|post|page|facebook|twitter|linkedin|x)\b
        |all\s+rights\s+reserved
        |click\s+here\s+to
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# the words of a time stamp line: "Wednesday 9 December 2015 21.56 GMT Last modified on ..."
_STAMP_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec gmt bst utc est edt cst cdt pst pdt
    cet cest ist aest am pm a.m p.m last modified updated published posted first on at""".split()
)
_WORD = re.compile(r"[A-Za-z]+(?:\.[A-Za-z])?")


def is_stamp(line: str) -> bool:
    """Whether `line` is only a date and time, as a page stamps its article ("Wednesday 9
    December 2015 21.56 GMT Last modified on Thursday 10 December 2015 01.00 GMT")."""
    words = [w.lower() for w in _WORD.findall(line)]
    return any(c.isdigit() for c in line) and bool(words) and all(w in _STAMP_WORDS for w in words)


def is_furniture(paragraph: str) -> bool:
    """Whether `paragraph` is one of the template lines above (it opens with one), or a time
    stamp."""
    return bool(_FURNITURE.match(paragraph.strip())) or is_stamp(paragraph)


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
_DASH = r"(?:[–—―]|--?)"
# "NEWARK, Calif., July 27, 2021 (GLOBE NEWSWIRE) -- ", "Oct 8 (Reuters) - ", "COLUMBUS, OH –
# June 26, 2019 – ": a place in capitals (with its state) or a date, a wire's name, a dash
_DATELINE = re.compile(
    rf"""^\s*(?:
        (?P<place>[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){{0,2}})
        (?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:,?\s*(?P<date>{_DATE}))?
        |(?P<dated>{_DATE}))
    \s*(?P<wire>\([^()\n]{{2,30}}\))?\s*{_DASH}\s*(?:{_DATE}\s*{_DASH}\s*)?(?=[A-Z“"])""",
    re.VERBOSE,
)


def undated(line: str) -> str:
    """`line` with the dateline that opens it turned into spaces, one character for one, so that
    the parse reads the sentence after it ("VIENNA (Reuters) – Acme said ..." is Acme's, not a
    claim of "VIENNA"). A place needs four capitals, a date or a wire's name: "GSK - Seroxat"
    stays."""
    m = _DATELINE.match(line)
    if m is None:
        return line
    capitals = sum(c.isalpha() for c in m.group("place") or "")
    if capitals < 4 and not (m.group("date") or m.group("dated") or m.group("wire")):
        return line
    return " " * m.end() + line[m.end() :]
