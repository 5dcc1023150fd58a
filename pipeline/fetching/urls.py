"""URL normalisation and canonical links, so one article reached by several URLs is one document.

`normalise_url` lowercases scheme and host, drops default ports, tracking parameters (utm_*,
fbclid, ...: courlan's list), fragments and dot segments, and sorts the query. A page's
`<link rel="canonical">` is trusted only when it stays on the same site. `resolve_link` makes a
link found on a page (a feed entry, a sitemap's <loc>) absolute against the page's URL, and
`without_userinfo` drops `user:password@` from a URL before it is stored or shown.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan

_CANONICAL = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>""", re.IGNORECASE)
_HREF = re.compile(rb"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in _DEFAULT_PORTS


def without_userinfo(url: str) -> str:
    """`url` without `user:password@` (never sent: the client does no URL authentication)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def resolve_link(base_url: str, link: str) -> str:
    """A link found in the page at `base_url`, made absolute against it (RFC 3986) and, when it
    is then an http(s) URL, normalised: `/news/a.html` in http://host/feed.xml is
    http://host/news/a.html. A link that is not http(s) even then (file:, mailto:) is returned
    as written, for the fetcher to refuse."""
    link = link.strip()
    if is_http(base_url):
        try:
            link = urljoin(base_url, link)
        except ValueError:
            return link
    return normalise_url(link)


def normalise_url(url: str) -> str:
    """The normal form of an http(s) URL; anything else is returned unchanged."""
    url = url.strip()
    if not is_http(url):
        return url
    try:
        cleaned = courlan.normalize_url(url)
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        path = "/" if path in (".", "/") else path + ("/" if trailing else "")
        path = path.replace("//", "/")
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def canonical_link(body: bytes, base_url: str) -> str | None:
    """The page's canonical URL (normalised), when it declares one on the same site."""
    if not is_http(base_url):
        return None
    tag = _CANONICAL.search(body[:200_000])
    if not tag:
        return None
    href = _HREF.search(tag.group(0))
    if not href:
        return None
    raw = next(g for g in href.groups() if g is not None).decode("utf-8", "replace").strip()
    canonical = normalise_url(urljoin(base_url, raw.replace("&amp;", "&")))
    if not is_http(canonical) or site(canonical) != site(base_url):
        return None
    return canonical
