"""Links to the exact sentence on a web page: URL text fragments (`#:~:text=`, WICG spec).

A browser that knows them scrolls to the sentence and highlights it; one that does not opens
the page as before. Only for http(s) URLs: any other URL is returned as it is.
"""

from __future__ import annotations

from urllib.parse import quote

# a sentence of more words than this is linked by its first and last words (start,end)
WHOLE_WORDS = 10
EDGE_WORDS = 4


def text_fragment_url(url: str, sentence: str) -> str:
    """`url` with a text directive that finds `sentence` on its page: the whole sentence when
    short, else `start,end` (its first and last few words)."""
    words = sentence.split()
    if not url.startswith(("http://", "https://")) or not words:
        return url
    if len(words) <= WHOLE_WORDS:
        directive = _encode(" ".join(words))
    else:
        start, end = " ".join(words[:EDGE_WORDS]), " ".join(words[-EDGE_WORDS:])
        directive = f"{_encode(start)},{_encode(end)}"
    base, hash_, fragment = url.partition("#")
    fragment = fragment.split(":~:", 1)[0]  # a directive already there is replaced
    return f"{base}#{fragment}:~:text={directive}" if hash_ else f"{base}#:~:text={directive}"


def _encode(text: str) -> str:
    """Percent-encoded for a text directive: `-`, `&` and `,` are its syntax, so they are
    encoded too (quote keeps `-`, an unreserved character)."""
    return quote(text, safe="").replace("-", "%2D")
