"""A polite, bounded HTTP client for the nightly crawl.

Each request: the URL passes the SSRF guard (resolved here, the checked address is the one
connected to), robots.txt allows it, and the host's delay has passed (one request at a time per
host). Redirects are followed here, hop by hop, each hop checked again. Timeouts on connect, on
each read and on the whole body; the body is capped after decompression. 429, 5xx and timeouts
are retried with exponential backoff, honouring Retry-After, within a count and a time budget.
TLS certificates are always verified. `user:password@` is dropped from every URL, the first and
each redirect's, so no credential reaches a message, a page's URL or the store.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

from pipeline.config import FetchSettings
from pipeline.errors import FetchError, HttpStatusError
from pipeline.fetching.guard import (
    BlockedError,
    Resolver,
    Target,
    check_url,
    parse_allow_list,
    system_resolver,
)
from pipeline.fetching.robots import (
    ALLOW_ALL,
    MAX_ROBOTS_BYTES,
    RobotsDisallowedError,
    RobotsRules,
    parse_robots,
    robots_url,
    user_agent_token,
)
from pipeline.fetching.urls import without_userinfo

logger = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 522, 524})


@dataclass(frozen=True)
class Response:
    """A final response (2xx or 304): the URL it came from after redirects, lowercase headers."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    attempts: int = 1


class _TransientError(Exception):
    """A failure worth retrying (timeout, connection reset)."""


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    delay: float = 0.0
    robots: RobotsRules | None = None


class HttpClient:
    """GET with guard, robots, politeness, redirects and retries; one instance per run."""

    def __init__(
        self,
        policy: FetchSettings,
        *,
        resolver: Resolver = system_resolver,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.policy = policy
        self._resolver = resolver
        self._sleep = sleep
        self._clock = clock
        self._tls = tls or ssl.create_default_context()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._agent = user_agent_token(policy.user_agent)
        self._allow_hosts = parse_allow_list(policy.allow_hosts)

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """The final 2xx or 304 response for `url`; FetchError (with the reason) otherwise,
        HttpStatusError when the last answer was an HTTP status."""
        url = without_userinfo(url)
        try:
            response = self._get(url, headers or {})
        except FetchError as exc:
            status = exc.status if isinstance(exc, HttpStatusError) else None
            logger.info(
                "GET %s", exc, extra={"url": url, "status": status, "outcome": type(exc).__name__}
            )
            raise
        logger.debug(
            "GET %s: %s (attempt %d)",
            url,
            response.status,
            response.attempts,
            extra={"url": url, "status": response.status, "attempts": response.attempts},
        )
        return response

    def _get(self, url: str, headers: Mapping[str, str]) -> Response:
        p = self.policy
        deadline = self._clock() + p.retry_budget_s
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            status: int | None = None
            try:
                response = self._follow(url, headers)
            except _TransientError as exc:
                problem = str(exc)
            else:
                if 200 <= response.status < 300 or response.status == 304:
                    return Response(
                        response.url, response.status, response.headers, response.body, attempt
                    )
                status = response.status
                problem = f"HTTP {status} {http.client.responses.get(status, '')}".strip()
                if status not in RETRY_STATUSES:
                    raise HttpStatusError(f"{url}: {problem}", status)
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            wait = p.backoff_s * 2 ** (attempt - 1)
            if attempt > p.retries:
                reason = f"{problem} (gave up after {attempt} attempts)"
            elif retry_after is not None and retry_after > p.max_retry_after_s:
                reason = (
                    f"{problem}; Retry-After {retry_after:g} s is over the limit"
                    f" of {p.max_retry_after_s:g} s"
                )
            elif self._clock() + max(wait, retry_after or 0.0) > deadline:
                reason = f"{problem}; no time left to retry"
            else:
                pause = max(wait, retry_after or 0.0)
                logger.info(
                    "GET %s: %s; retrying in %.1f s",
                    url,
                    problem,
                    pause,
                    extra={"url": url, "status": status, "attempts": attempt, "seconds": pause},
                )
                self._sleep(pause)
                continue
            if status is None:
                raise FetchError(f"{url}: {reason}")
            raise HttpStatusError(f"{url}: {reason}", status)

    # -- one attempt: redirects, each hop checked ---------------------------------------------

    def _follow(self, url: str, headers: Mapping[str, str], robots: bool = True) -> Response:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            target = check_url(current, self._allow_hosts, self._resolver)
            host = self._host(target)
            if robots and self.policy.robots:
                rules = self._robots(target, host)
                if not rules.allows(target.url, self._agent):
                    raise RobotsDisallowedError(f"{target.url}: disallowed by robots.txt")
            response = self._polite_request(target, host, headers)
            location = response.headers.get("location")
            if response.status in REDIRECTS and location:
                try:
                    current = without_userinfo(urljoin(current, location.strip()))
                except ValueError as exc:
                    raise BlockedError(
                        f"{target.url}: refused: redirect to an invalid URL ({exc})"
                    ) from None
                continue
            return response
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")

    def _host(self, target: Target) -> _Host:
        key = f"{target.scheme}://{target.host}:{target.port}"
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(delay=self.policy.delay_s)
            return self._hosts[key]

    def _robots(self, target: Target, host: _Host) -> RobotsRules:
        if host.robots is not None:
            return host.robots
        url = robots_url(target.scheme, target.host, target.port)
        try:
            response = self._follow(url, {}, robots=False)
        except (FetchError, _TransientError) as exc:
            raise FetchError(
                f"{url} could not be fetched, so {target.host} is not crawled: {exc}"
            ) from None
        if 200 <= response.status < 300:
            rules = parse_robots(response.body[:MAX_ROBOTS_BYTES])
        elif 400 <= response.status < 500:
            rules = ALLOW_ALL
        else:
            raise FetchError(
                f"{url} answered HTTP {response.status}, so {target.host} is not crawled"
            )
        delay = rules.crawl_delay(self._agent)
        if delay is not None:
            host.delay = max(host.delay, min(delay, self.policy.max_crawl_delay_s))
        host.robots = rules
        return rules

    def _polite_request(self, target: Target, host: _Host, headers: Mapping[str, str]) -> Response:
        with host.lock:
            wait = host.next_at - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                return self._exchange(target, headers)
            finally:
                host.next_at = self._clock() + host.delay

    # -- the exchange itself -------------------------------------------------------------------

    def _exchange(self, target: Target, extra: Mapping[str, str]) -> Response:
        p = self.policy
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            connection = _PinnedHTTPSConnection(target, p, self._tls)
        else:
            connection = _PinnedHTTPConnection(target, p)
        headers = {
            "User-Agent": p.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "close",
            **extra,
        }
        try:
            connection.request("GET", target.path, headers=headers)
            raw = connection.getresponse()
            response_headers = {k.lower(): v for k, v in raw.getheaders()}
            body = b""
            if 200 <= raw.status < 300:
                body = self._read_body(raw, response_headers, target.url)
            return Response(target.url, raw.status, response_headers, body)
        except ssl.SSLCertVerificationError as exc:
            raise FetchError(
                f"{target.url}: TLS certificate not valid: {exc.verify_message}"
            ) from None
        except ssl.SSLError as exc:
            raise FetchError(f"{target.url}: TLS error: {exc.reason or exc}") from None
        except TimeoutError:
            raise _TransientError(f"{target.url}: timed out") from None
        except http.client.IncompleteRead:
            raise _TransientError(
                f"{target.url}: the connection closed before the end of the body"
            ) from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _TransientError(
                f"{target.url}: {type(exc).__name__}: {exc}".rstrip(": ")
            ) from None
        except OSError as exc:
            raise _TransientError(f"{target.url}: {exc.strerror or exc}") from None
        finally:
            connection.close()

    def _read_body(
        self, raw: http.client.HTTPResponse, headers: Mapping[str, str], url: str
    ) -> bytes:
        cap = self.policy.max_bytes
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise FetchError(f"{url}: body of {int(length)} bytes is over the limit of {cap}")
        encoding = headers.get("content-encoding", "identity").strip().lower()
        decoder = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder = zlib.decompressobj(wbits=47)  # zlib or gzip header, detected
        elif encoding not in ("", "identity"):
            raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")
        deadline = self._clock() + self.policy.total_timeout_s
        received = 0
        out = bytearray()
        while True:
            if self._clock() > deadline:
                raise FetchError(
                    f"{url}: body not received within {self.policy.total_timeout_s:g} s"
                )
            chunk = raw.read(65536)
            if not chunk:
                break
            received += len(chunk)
            if received > cap:
                raise FetchError(f"{url}: body is over the limit of {cap} bytes")
            if decoder is None:
                out += chunk
                continue
            try:
                out += decoder.decompress(chunk, cap + 1 - len(out))
            except zlib.error as exc:
                raise FetchError(f"{url}: body is not valid {encoding}: {exc}") from None
            if decoder.unconsumed_tail or len(out) > cap:
                raise FetchError(
                    f"{url}: body is over the limit of {cap} bytes after decompression"
                )
        if length.isdigit() and received < int(length):
            raise _TransientError(
                f"{url}: the connection closed before the end of the body"
                f" ({received} of {int(length)} bytes)"
            )
        if decoder is not None:
            out += decoder.flush()
            if len(out) > cap:
                raise FetchError(
                    f"{url}: body is over the limit of {cap} bytes after decompression"
                )
        return bytes(out)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to the address the guard checked, with separate connect and read timeouts."""

    def __init__(self, target: Target, policy: FetchSettings) -> None:
        super().__init__(target.host, target.port, timeout=policy.connect_timeout_s)
        self._address = target.address
        self._read_timeout = policy.read_timeout_s

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.settimeout(self._read_timeout)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    """HTTPS to the checked address; the certificate is verified against the URL's host."""

    default_port = 443

    def __init__(self, target: Target, policy: FetchSettings, tls: ssl.SSLContext) -> None:
        super().__init__(target, policy)
        self._tls = tls

    def connect(self) -> None:
        super().connect()
        self.sock = self._tls.wrap_socket(self.sock, server_hostname=self.host)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
