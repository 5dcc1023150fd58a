"""The HTTP client against a real loopback server: guard, redirects, retries, caps, robots.txt,
politeness and conditional requests. Each bad answer ends as a clear FetchError."""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import FetchError
from pipeline.fetching.client import HttpClient, parse_retry_after
from pipeline.fetching.fetcher import Fetcher
from pipeline.fetching.guard import BlockedError, check_url, forbidden_reason
from pipeline.fetching.robots import RobotsDisallowedError, parse_robots
from tests.conftest import fetch_settings
from tests.loopback import Reply, ScriptedServer, gzip_bomb, html, scripted_server

PAGE = html("A page", "Enough words here to make a page that is an article.")


class Sleeps:
    """Records the waits the client asks for (and waits a token amount)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def client(tmp_path: Path, server: ScriptedServer, **changes: object) -> tuple[HttpClient, Sleeps]:
    sleeps = Sleeps()
    policy = fetch_settings(tmp_path, server, **changes).fetch
    return HttpClient(policy, sleep=sleeps), sleeps


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not a public address"),
    ],
)
def test_forbidden_addresses(address: str, reason: str) -> None:
    assert reason in (forbidden_reason(ipaddress.ip_address(address)) or "")


def test_public_address_allowed() -> None:
    assert forbidden_reason(ipaddress.ip_address("93.184.215.14")) is None


def test_every_resolved_address_is_checked_and_the_checked_one_is_used() -> None:
    def rebinding(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.0.0.5"]  # one public answer, one private

    with pytest.raises(BlockedError, match=r"10\.0\.0\.5, a private address"):
        check_url("http://news.example/a", frozenset(), rebinding)
    target = check_url("https://news.example/a?b=1", frozenset(), lambda h, p: ["93.184.215.14"])
    assert (target.address, target.port, target.path) == ("93.184.215.14", 443, "/a?b=1")


def test_allow_list_is_by_host_and_port(tmp_path: Path) -> None:
    allow = frozenset({"127.0.0.1:8080"})
    assert check_url("http://127.0.0.1:8080/x", allow).address == "127.0.0.1"
    with pytest.raises(BlockedError, match="loopback"):
        check_url("http://127.0.0.1:8081/x", allow)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/"])
def test_non_http_schemes_are_refused(tmp_path: Path, url: str) -> None:
    fetcher = Fetcher(fetch_settings(tmp_path).fetch)
    with pytest.raises(FetchError, match="refused: scheme"):
        fetcher.fetch(url)


def test_user_agent_and_page(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.page("/a", PAGE)
    http, _ = client(tmp_path, scripted, user_agent="claimtrack-test/1 (+mailto:ops@x.invalid)")
    response = http.get(url)
    assert response.status == 200 and response.body == PAGE
    (_, headers) = next(r for r in scripted.requests if r[0] == "/a")
    assert headers["user-agent"] == "claimtrack-test/1 (+mailto:ops@x.invalid)"


def test_429_honours_retry_after(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/busy", Reply(429, b"", {"Retry-After": "1"}), Reply(200, PAGE))
    http, sleeps = client(tmp_path, scripted)
    response = http.get(url)
    assert response.status == 200 and response.attempts == 2
    assert sleeps.waits == [1.0]


def test_429_with_too_long_retry_after_gives_up(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/busy", Reply(429, b"", {"Retry-After": "3600"}))
    http, sleeps = client(tmp_path, scripted)
    with pytest.raises(FetchError, match="HTTP 429 Too Many Requests; Retry-After 3600 s"):
        http.get(url)
    assert sleeps.waits == [] and scripted.hits["/busy"] == 1


def test_503_then_success_with_backoff(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/flaky", Reply(503), Reply(503), Reply(200, PAGE))
    http, sleeps = client(tmp_path, scripted, fetch_backoff_s=0.1)
    assert http.get(url).attempts == 3
    assert sleeps.waits == [0.1, 0.2]


def test_retries_are_bounded(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/down", Reply(500))
    http, _ = client(tmp_path, scripted, fetch_retries=2)
    with pytest.raises(FetchError, match=r"HTTP 500 Internal Server Error \(gave up after 3"):
        http.get(url)
    assert scripted.hits["/down"] == 3


def test_read_timeout(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/slow", Reply(200, PAGE, delay_s=1.5))
    http, _ = client(tmp_path, scripted, fetch_timeout_s=0.3, fetch_retries=1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        http.get(url)
    assert time.monotonic() - started < 1.5


def test_gzip_bomb_is_capped_after_decompression(tmp_path: Path, scripted: ScriptedServer) -> None:
    bomb = gzip_bomb(50_000_000)
    assert len(bomb) < 100_000
    url = scripted.route("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip"}))
    http, _ = client(tmp_path, scripted, fetch_max_bytes=1_000_000)
    with pytest.raises(FetchError, match="over the limit of 1000000 bytes after decompression"):
        http.get(url)


def test_gzip_page_is_decompressed(tmp_path: Path, scripted: ScriptedServer) -> None:
    import gzip

    url = scripted.route("/gz", Reply(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"}))
    http, _ = client(tmp_path, scripted)
    assert http.get(url).body == PAGE


def test_oversized_body(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/big", Reply(200, b"x" * 1_500_000))
    http, _ = client(tmp_path, scripted, fetch_max_bytes=1_000_000)
    with pytest.raises(FetchError, match="1500000 bytes is over the limit of 1000000"):
        http.get(url)


def test_truncated_body_is_an_error(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/cut", Reply(200, PAGE[:40], length=len(PAGE)))
    http, _ = client(tmp_path, scripted, fetch_retries=0)
    with pytest.raises(FetchError, match="closed before the end of the body"):
        http.get(url)


def test_redirect_to_metadata_address_is_refused(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route(
        "/r", Reply(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})
    )
    http, _ = client(tmp_path, scripted)
    with pytest.raises(BlockedError, match=r"169\.254\.169\.254, a cloud metadata address"):
        http.get(url)


def test_redirect_to_another_loopback_port_is_refused(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    with scripted_server() as other:
        secret = other.page("/secret", PAGE)
        url = scripted.route("/r", Reply(301, b"", {"Location": secret}))
        http, _ = client(tmp_path, scripted)  # only `scripted` is allowed
        with pytest.raises(BlockedError, match="a loopback address"):
            http.get(url)
        assert other.hits["/secret"] == 0


def test_redirect_to_file_url_is_refused(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.route("/r", Reply(302, b"", {"Location": "file:///etc/passwd"}))
    http, _ = client(tmp_path, scripted)
    with pytest.raises(BlockedError, match="scheme 'file'"):
        http.get(url)


def test_redirects_are_followed_and_capped(tmp_path: Path, scripted: ScriptedServer) -> None:
    final = scripted.page("/final", PAGE)
    scripted.route("/hop", Reply(307, b"", {"Location": "/final"}))
    http, _ = client(tmp_path, scripted, fetch_max_redirects=2)
    assert http.get(scripted.base_url + "/hop").url == final
    scripted.route("/loop", Reply(302, b"", {"Location": "/loop"}))
    with pytest.raises(FetchError, match="more than 2 redirects"):
        http.get(scripted.base_url + "/loop")


def test_robots_disallow_and_crawl_delay(tmp_path: Path, scripted: ScriptedServer) -> None:
    scripted.route(
        "/robots.txt",
        Reply(200, b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n", {}),
    )
    open_url = scripted.page("/public", PAGE)
    closed = scripted.page("/private/x", PAGE)
    http, sleeps = client(tmp_path, scripted)
    assert http.get(open_url).status == 200
    with pytest.raises(RobotsDisallowedError, match=r"disallowed by robots\.txt"):
        http.get(closed)
    assert scripted.hits["/private/x"] == 0 and scripted.hits["/robots.txt"] == 1
    assert http.get(open_url).status == 200
    assert sleeps.waits and max(sleeps.waits) > 1.5  # waited for the Crawl-delay


def test_robots_rfc9309_wildcards_and_longest_match(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    """RFC 9309: `*` and `$` in paths, and the longest matching rule wins (Allow over a
    shorter Disallow), not the first rule listed."""
    scripted.route(
        "/robots.txt",
        Reply(
            200,
            b"User-agent: *\nDisallow: /*.pdf$\nDisallow: /news/\nAllow: /news/public/\n",
            {},
        ),
    )
    pdf = scripted.page("/a.pdf", PAGE)
    public = scripted.page("/news/public/x", PAGE)
    closed = scripted.page("/news/x", PAGE)
    http, _ = client(tmp_path, scripted)
    with pytest.raises(RobotsDisallowedError):
        http.get(pdf)
    assert http.get(public).status == 200
    with pytest.raises(RobotsDisallowedError):
        http.get(closed)
    assert scripted.hits["/a.pdf"] == 0 and scripted.hits["/news/x"] == 0


@pytest.mark.parametrize(
    ("rules", "path", "allowed"),
    [
        ("Disallow: /*.pdf$", "/a.pdf", False),
        ("Disallow: /*.pdf$", "/a.pdf?x=1", True),
        ("Disallow: /*.pdf$", "/docs/b.pdf", False),
        ("Allow: /news/public/\nDisallow: /news/", "/news/public/x", True),
        ("Disallow: /news/\nAllow: /news/public/", "/news/public/x", True),
        ("Disallow: /news/\nAllow: /news/public/", "/news/other", False),
    ],
)
def test_parse_robots_follows_rfc9309(rules: str, path: str, allowed: bool) -> None:
    parsed = parse_robots(f"User-agent: *\n{rules}\n".encode())
    assert parsed.allows(f"https://example.com{path}", "claimtrack") is allowed


def test_robots_unreachable_stops_the_host(tmp_path: Path, scripted: ScriptedServer) -> None:
    scripted.route("/robots.txt", Reply(500))
    url = scripted.page("/a", PAGE)
    http, _ = client(tmp_path, scripted)
    with pytest.raises(FetchError, match=r"robots\.txt answered HTTP 500"):
        http.get(url)
    assert scripted.hits["/a"] == 0


def test_one_host_gets_the_configured_delay(tmp_path: Path, scripted: ScriptedServer) -> None:
    urls = [scripted.page(f"/p{i}", PAGE) for i in range(3)]
    http, sleeps = client(tmp_path, scripted, fetch_delay_s=0.5)
    for url in urls:
        http.get(url)
    assert len([w for w in sleeps.waits if w > 0.3]) >= 2


def test_conditional_request_gets_304(tmp_path: Path, scripted: ScriptedServer) -> None:
    url = scripted.page("/c", PAGE)
    fetcher = Fetcher(fetch_settings(tmp_path, scripted).fetch)
    first = fetcher.fetch(url)
    assert first.status == 200 and first.etag
    again = fetcher.fetch(url, etag=first.etag)
    assert again.status == 304 and again.body == b"" and again.etag == first.etag


def test_retry_after_as_a_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("120") == 120.0 and parse_retry_after("soon") is None


def test_tls_certificates_are_verified(tmp_path: Path) -> None:
    http = HttpClient(Settings().fetch)
    assert http._tls.verify_mode.name == "CERT_REQUIRED" and http._tls.check_hostname


def test_a_self_signed_certificate_is_refused(tmp_path: Path) -> None:
    """A real HTTPS server on loopback with a certificate no CA signed: the fetch fails, with
    no retry over plain http and no unverified fallback."""
    import http.server
    import ssl
    import subprocess
    import threading

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        settings = fetch_settings(tmp_path, fetch_allow_hosts=(f"127.0.0.1:{port}",))
        with pytest.raises(FetchError, match="TLS certificate not valid"):
            Fetcher(settings.fetch).fetch(f"https://127.0.0.1:{port}/")
    finally:
        server.shutdown()
        server.server_close()
