"""Fetch a source: a local file or an http(s) URL, into a `Page` of raw bytes.

http(s) goes through `pipeline.fetching.client` (SSRF guard, robots.txt, per-host delay,
redirects checked hop by hop, retries, size caps, TLS verified). Any other scheme is refused.
Conditional requests: give the validators of the last fetch and a 304 comes back as a `Page`
with status 304 and no body.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.config import Settings
from pipeline.errors import FetchError
from pipeline.fetching.client import FetchPolicy, HttpClient
from pipeline.fetching.guard import parse_allow_list
from pipeline.records import Page


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.user_agent,
        connect_timeout_s=settings.fetch_connect_timeout_s,
        read_timeout_s=settings.fetch_timeout_s,
        total_timeout_s=settings.fetch_total_timeout_s,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        retries=settings.fetch_retries,
        backoff_s=settings.fetch_backoff_s,
        max_retry_after_s=settings.fetch_max_retry_after_s,
        retry_budget_s=settings.fetch_retry_budget_s,
        delay_s=settings.fetch_delay_s,
        max_crawl_delay_s=settings.fetch_max_crawl_delay_s,
        robots=settings.fetch_robots,
        allow_hosts=parse_allow_list(settings.fetch_allow_hosts),
    )


class Fetcher:
    """Fetches locations for one run; holds the per-host state (delays, robots.txt)."""

    def __init__(self, settings: Settings, client: HttpClient | None = None) -> None:
        self.max_bytes = settings.fetch_max_bytes
        self.client = client or HttpClient(fetch_policy(settings))

    def fetch(
        self, location: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Page:
        """Fetch `location` (an absolute file path or an http(s) URL); raise FetchError."""
        scheme = urlsplit(location).scheme.lower()
        if scheme in ("http", "https"):
            return self._fetch_http(location, etag, last_modified)
        if scheme and len(scheme) > 1:  # a one-letter "scheme" is a Windows drive
            raise FetchError(f"{location}: refused: scheme {scheme!r} is not http or https")
        return _fetch_file(Path(location), max_bytes=self.max_bytes)

    def _fetch_http(self, url: str, etag: str | None, last_modified: str | None) -> Page:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self.client.get(url, headers)
        return Page(
            location=url,
            final_url=response.url,
            status=response.status,
            content_type=response.headers.get("content-type"),
            body=response.body,
            fetched_at=now_iso(),
            etag=response.headers.get("etag") or (etag if response.status == 304 else None),
            last_modified=response.headers.get("last-modified")
            or (last_modified if response.status == 304 else None),
        )


def fetch(location: str, settings: Settings) -> Page:
    """One-off fetch of `location` with the settings' limits."""
    return Fetcher(settings).fetch(location)


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
