"""RSS/Atom feeds and sitemaps: the entries they list, as normalised URLs with their dates.

XML that declares entities or a DTD is refused before any parser expands it (billion laughs,
external entities): defusedxml checks it first. feedparser then reads feeds leniently; a feed
it cannot read at all is an error. Sitemaps (and sitemap indexes, one level) are read with
defusedxml; a gzipped sitemap is inflated with the same size cap as a page.

`where` is the URL the feed or sitemap was fetched from: every link in it resolves against that
URL (a relative `/news/a.html` is an article on the same host, never a local file). A link that
is still not an http(s) URL is listed as written; the run refuses to fetch it and records why.

The sitemap reader stays hand-written (issue 18), a walk of the tree defusedxml has already
parsed. trafilatura's sitemap code keeps no `<lastmod>` (the dates `--since` needs), tells a
child sitemap from a page by `.xml` in its URL, and drops relative and other-domain links.
ultimate-sitemap-parser can parse bytes we fetched (its local parser cannot fetch), but 1.8 pins
python-dateutil<3 (htmldate and pandas here run on 4.0), logs each failure against a dummy URL,
and pickles every sitemap's pages to a temporary file.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from pipeline.errors import FetchError, one_line
from pipeline.fetching.urls import resolve_link

MAX_ENTRIES = 1000


class FeedError(FetchError):
    """A feed or sitemap that cannot be read, or is refused."""


@dataclass(frozen=True)
class Entry:
    """One article a feed or sitemap lists."""

    url: str  # normalised
    title: str | None
    published: str | None  # ISO date when the feed gave one


@dataclass(frozen=True)
class Listing:
    entries: tuple[Entry, ...]
    child_sitemaps: tuple[str, ...] = ()


def refuse_entities(body: bytes, where: str) -> Element | None:
    """Parse `body` as XML with defusedxml: the tree, None when it is not well-formed XML;
    FeedError when it declares entities or a DTD."""
    try:
        root: Element = fromstring(body.lstrip(b"\xef\xbb\xbf \t\r\n"), forbid_dtd=False)
        return root
    except DefusedXmlException as exc:
        raise FeedError(
            f"{where}: refused: the XML declares entities ({type(exc).__name__}),"
            " which could expand without bound"
        ) from None
    except (ParseError, ValueError):
        return None


def parse_feed(body: bytes, where: str) -> Listing:
    """The entries of an RSS or Atom feed."""
    import feedparser  # here: a run without feeds never pays for it

    refuse_entities(body, where)
    parsed: Any = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        link = item.get("link") or ""
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = date(*stamp[:3]).isoformat() if stamp else None
        entries.append(Entry(resolve_link(where, link), item.get("title"), published))
    if not entries and parsed.get("bozo"):  # a feed with something readable is taken as is
        problem = parsed.get("bozo_exception", "malformed")
        raise FeedError(f"{where}: malformed feed: {one_line(problem)}")
    if not entries and not parsed.get("version"):
        raise FeedError(f"{where}: not an RSS or Atom feed")
    return Listing(tuple(entries))


def parse_sitemap(body: bytes, where: str, max_bytes: int) -> Listing:
    """The pages of a sitemap, or the child sitemaps of a sitemap index."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, where, max_bytes)
    root = refuse_entities(body, where)
    if root is None:
        raise FeedError(f"{where}: not a well-formed sitemap (XML parse error)")
    tag = _local(root.tag)
    if tag not in ("urlset", "sitemapindex"):
        raise FeedError(f"{where}: not a sitemap (root element <{tag}>)")
    entries: list[Entry] = []
    children: list[str] = []
    for node in list(root)[:MAX_ENTRIES]:
        fields = {_local(child.tag): (child.text or "").strip() for child in node}
        loc = fields.get("loc", "")
        if not loc:
            continue
        if tag == "sitemapindex":
            children.append(resolve_link(where, loc))
        else:
            entries.append(Entry(resolve_link(where, loc), None, _iso_date(fields.get("lastmod"))))
    return Listing(tuple(entries), tuple(children))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return value[:10] if len(value) >= 10 else None


def _gunzip(body: bytes, where: str, max_bytes: int) -> bytes:
    decoder = zlib.decompressobj(wbits=31)
    try:
        out = decoder.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FeedError(f"{where}: not valid gzip: {exc}") from None
    if len(out) > max_bytes or decoder.unconsumed_tail:
        raise FeedError(f"{where}: over the limit of {max_bytes} bytes after decompression")
    return out
