"""Fetch a source: a local file or an http(s) URL, into a `Page` of raw bytes.

http(s) goes through `pipeline.fetching.client` (SSRF guard, robots.txt, per-host delay,
redirects checked hop by hop, retries, size caps, TLS verified). Any other scheme is refused.
Conditional requests: give the validators of the last fetch and a 304 comes back as a `Page`
with status 304 and no body.

Only the locations a user wrote (a seeds file, the command line) may name local files, and only
with `local_ok=True`: a location that came from the network (a feed entry, a sitemap) is refused
unless it is an http(s) URL. A local file must be a regular file (a device, a named pipe or a
folder is refused before it is opened, so nothing can block or grow without end); it is read
with the byte cap and the time limit of an HTTP body, whatever size it claims.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.config import FetchSettings
from pipeline.errors import FetchError, RefusedError
from pipeline.fetching.client import HttpClient
from pipeline.fetching.urls import without_userinfo
from pipeline.records import Page

logger = logging.getLogger(__name__)

_CHUNK = 65536
_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Fetcher:
    """Fetches locations for one run; holds the per-host state (delays, robots.txt)."""

    def __init__(self, policy: FetchSettings, client: HttpClient | None = None) -> None:
        self.max_bytes = policy.max_bytes
        self.file_timeout_s = policy.total_timeout_s
        self.client = client or HttpClient(policy)

    def fetch(
        self,
        location: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        local_ok: bool = False,
    ) -> Page:
        """Fetch `location`, an http(s) URL or (with `local_ok`, for a location the user wrote)
        an absolute file path; raise FetchError (RefusedError for a location never read)."""
        scheme = urlsplit(location).scheme.lower()
        if scheme in ("http", "https"):
            return self._fetch_http(location, etag, last_modified)
        try:
            page = self._fetch_local(location, scheme, local_ok)
        except FetchError as exc:
            logger.info("not read: %s", exc, extra={"url": location, "status": None})
            raise
        logger.debug("read %s: %d bytes", location, len(page.body), extra={"url": location})
        return page

    def _fetch_local(self, location: str, scheme: str, local_ok: bool) -> Page:
        if scheme and len(scheme) > 1:  # a one-letter "scheme" is a Windows drive
            raise RefusedError(f"{location}: refused: scheme {scheme!r} is not http or https")
        if not local_ok:
            raise RefusedError(
                f"{location}: refused: not an http(s) URL (only a seeds file may name local files)"
            )
        return _fetch_file(Path(location), self.max_bytes, self.file_timeout_s)

    def _fetch_http(self, url: str, etag: str | None, last_modified: str | None) -> Page:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self.client.get(url, headers)
        return Page(
            location=url,
            final_url=without_userinfo(response.url),
            status=response.status,
            content_type=response.headers.get("content-type"),
            body=response.body,
            fetched_at=now_iso(),
            etag=response.headers.get("etag") or (etag if response.status == 304 else None),
            last_modified=response.headers.get("last-modified")
            or (last_modified if response.status == 304 else None),
        )


def fetch(location: str, policy: FetchSettings) -> Page:
    """One-off fetch of a location the user gave (a file path or a URL) within `policy`'s
    limits."""
    return Fetcher(policy).fetch(location, local_ok=True)


def _fetch_file(path: Path, max_bytes: int, timeout_s: float) -> Page:
    if not path.is_absolute():
        raise RefusedError(f"{path}: refused: not an absolute file path")
    body = _read_regular_file(path, max_bytes, timeout_s)
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


def _read_regular_file(path: Path, max_bytes: int, timeout_s: float) -> bytes:
    """The bytes of a regular file, at most `max_bytes` of them, read within `timeout_s`."""
    try:
        _check_regular(path, os.stat(path), max_bytes)
        # O_NONBLOCK: should the path turn into a named pipe after the check, opening it
        # returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FetchError(f"{path}: file not found") from None
    except OSError as exc:
        raise FetchError(f"{path}: {exc.strerror or exc}") from None
    try:
        _check_regular(path, os.fstat(fd), max_bytes)  # what was opened, not what was checked
        deadline = time.monotonic() + timeout_s
        chunks: list[bytes] = []
        received = 0
        while chunk := os.read(fd, _CHUNK):
            received += len(chunk)
            if received > max_bytes:
                raise FetchError(f"{path}: over the limit of {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"{path}: not read within {timeout_s:g} s")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise FetchError(f"{path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _check_regular(path: Path, info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "not a file")
        raise RefusedError(f"{path}: refused: {kind}, not a regular file")
    if info.st_size > max_bytes:
        raise FetchError(f"{path}: {info.st_size} bytes is over the limit of {max_bytes}")
