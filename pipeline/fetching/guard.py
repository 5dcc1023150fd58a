"""Refuse requests that a nightly crawler must never make (SSRF guard).

Only http and https. The host is resolved here, every address it resolves to is checked, and the
client connects to the checked address itself, so a DNS answer cannot change between the check
and the connection. Private, loopback, link-local, multicast, reserved and unspecified addresses
and the cloud metadata addresses are refused, unless the user allows that host (or host:port)
explicitly; the allow-list is empty by default.

Hand-written on purpose (issue 18): the SSRF filters on PyPI wrap a requests or urllib3 session,
and this client is `http.client` connecting to the address checked here (client.py); the checks
themselves are the standard library's `ipaddress` properties, so no library would remove code.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from pipeline.errors import FetchError, RefusedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
DEFAULT_PORTS = {"http": 80, "https": 443}


class BlockedError(RefusedError):
    """A URL the guard refuses: a scheme other than http(s) or a forbidden address."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (`address`) and what to ask for."""

    url: str
    scheme: str
    host: str  # as written in the URL (lowercase), for the Host header and TLS
    port: int
    path: str  # path and query, never empty
    address: str


def parse_allow_list(entries: Iterable[str]) -> frozenset[str]:
    """Normalise allow-list entries: "host" (any port) or "host:port", lowercase."""
    return frozenset(e.strip().lower() for e in entries if e.strip())


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def forbidden_reason(address: IPAddress) -> str | None:
    """Why a request must not reach `address`, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_unspecified", "an unspecified address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attribute, reason in checks:
        if getattr(address, attribute):
            return reason
    if not address.is_global:
        return "not a public address"
    return None


def check_url(url: str, allow: frozenset[str], resolver: Resolver = system_resolver) -> Target:
    """Parse, resolve and check `url`; raise BlockedError when it must not be fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedError(f"{url}: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise BlockedError(f"{url}: refused: scheme {scheme or 'none'!r} is not http or https")
    host = (parts.hostname or "").lower()
    if not host:
        raise BlockedError(f"{url}: refused: no host")
    port = port or DEFAULT_PORTS[scheme]
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    allowed = host in allow or f"{host}:{port}" in allow or f"[{host}]:{port}" in allow
    addresses = resolver(host, port)
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    if not allowed:
        for text in addresses:
            reason = forbidden_reason(ipaddress.ip_address(text.split("%", 1)[0]))
            if reason:
                raise BlockedError(
                    f"{url}: refused: {host} resolves to {text}, {reason}"
                    " (allow it with CLAIMTRACK_FETCH_ALLOW_HOSTS)"
                )
    return Target(url, scheme, host, port, path, addresses[0])
