"""Fetch a source: a local file or an http(s) URL, into a `Page` of raw bytes.

A plain, correct fetch: timeouts, an identifying User-Agent and a cap on the body size.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.errors import FetchError
from pipeline.records import Page


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def fetch(location: str, *, user_agent: str, timeout_s: float, max_bytes: int) -> Page:
    """Fetch `location` (an absolute file path or an http(s) URL); raise FetchError on failure."""
    scheme = urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        return _fetch_http(
            location, user_agent=user_agent, timeout_s=timeout_s, max_bytes=max_bytes
        )
    if scheme and len(scheme) > 1:
        raise FetchError(f"{location}: unsupported scheme {scheme!r}")
    return _fetch_file(Path(location), max_bytes=max_bytes)


def _fetch_file(path: Path, *, max_bytes: int) -> Page:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FetchError(f"{path}: {size} bytes is over the limit of {max_bytes}")
        body = path.read_bytes()
    except FileNotFoundError:
        raise FetchError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise FetchError(f"{path}: is a directory") from None
    except OSError as exc:
        raise FetchError(f"{path}: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    content_type = "text/html" if suffix in (".html", ".htm") else "text/plain"
    return Page(
        location=str(path),
        final_url=path.as_uri(),
        status=200,
        content_type=content_type,
        body=body,
        fetched_at=now_iso(),
    )


def _fetch_http(url: str, *, user_agent: str, timeout_s: float, max_bytes: int) -> Page:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"{url}: body is over the limit of {max_bytes} bytes")
            return Page(
                location=url,
                final_url=response.geturl(),
                status=response.status,
                content_type=response.headers.get("Content-Type"),
                body=body,
                fetched_at=now_iso(),
            )
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {timeout_s:g} s") from None
    except OSError as exc:
        raise FetchError(f"{url}: {exc}") from None
