"""Which locations are read, and how: only a seeds file may name local files; every location that
comes from the network (feed entries, sitemap children, redirects, canonical links) is an http(s)
URL resolved against its page and checked by the address guard, or it is refused and recorded.
Local files are read with the same byte cap as HTTP, and only when they are regular files."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE, FetchError, RefusedError
from pipeline.feeds.entries import entry_source_id
from pipeline.feeds.parse import parse_feed, parse_sitemap
from pipeline.fetching.fetcher import Fetcher
from pipeline.fetching.urls import canonical_link
from pipeline.records import Source
from pipeline.store import Store
from tests.conftest import fetch_settings
from tests.loopback import Reply, ScriptedServer, html
from tests.nightly_support import CASE, settings_env, source, write_seeds

runner = CliRunner()
TEXT = "Kestrel Cloud said on Tuesday that the billing console had recovered within the hour."


@contextmanager
def finishes_within(seconds: int) -> Iterator[None]:
    """Fail the test (instead of hanging it) when the block runs longer than `seconds`: the
    alarm interrupts even a blocking open() of a named pipe."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>{n}</title><link>{u}</link></item>" for n, u in enumerate(links))
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    ).encode()


# -- locations from the network -----------------------------------------------------------------


@pytest.mark.parametrize("location", ["/etc/hostname", "news/a.html", "file:///etc/hostname"])
def test_a_network_location_is_never_read_from_disk(tmp_path: Path, location: str) -> None:
    fetcher = Fetcher(fetch_settings(tmp_path).fetch)
    with pytest.raises(RefusedError, match=r"refused: .*http"):
        fetcher.fetch(location)
    seed = tmp_path / "seed.txt"
    seed.write_text(TEXT)
    assert fetcher.fetch(str(seed), local_ok=True).body == TEXT.encode()  # a seeds file's own


def test_feed_and_sitemap_links_resolve_against_their_url() -> None:
    feed = rss("/news/a.html", "news/b.html", "//other.example/c", "file:///etc/hostname")
    urls = [e.url for e in parse_feed(feed, "http://host.example/feeds/feed.xml").entries]
    assert urls == [
        "http://host.example/news/a.html",
        "http://host.example/feeds/news/b.html",
        "http://other.example/c",
        "file://etc/hostname",  # kept as listed: the run refuses it and records why
    ]
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/some/path.xml</loc></sitemap></sitemapindex>"
    )
    listing = parse_sitemap(index, "https://host.example/sitemap.xml", 10_000)
    assert listing.child_sitemaps == ("https://host.example/some/path.xml",)


def test_feed_entries_are_fetched_over_http_or_refused(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    s = scripted
    s.page("/etc/hostname", html("Hostname", TEXT))  # the feed's host, not this machine's file
    s.page("/feeds/news/a.html", html("Relative", TEXT.replace("Tuesday", "Monday")))
    s.route(
        "/feeds/rss.xml",
        Reply(
            200,
            rss(
                "/etc/hostname",
                "news/a.html",
                "file:///etc/hostname",
                "http://169.254.169.254/latest/meta-data/",
            ),
            {"Content-Type": "application/rss+xml"},
        ),
    )
    s.route(
        "/sitemap.xml",
        Reply(
            200,
            b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<sitemap><loc>/no/such/dir/child.xml</loc></sitemap>"
            b"<sitemap><loc>file:///dev/zero</loc></sitemap></sitemapindex>",
            {"Content-Type": "application/xml"},
        ),
    )
    s.route(
        "/no/such/dir/child.xml",
        Reply(
            200,
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
            + f"<loc>{s.base_url}/etc/hostname</loc>".encode()
            + b"</url></urlset>",
            {"Content-Type": "application/xml"},
        ),
    )
    seeds = write_seeds(
        tmp_path,
        f'[[feed]]\nid = "news"\nurl = "{s.base_url}/feeds/rss.xml"\nname = "News"\n'
        f'[[sitemap]]\nid = "site"\nurl = "{s.base_url}/sitemap.xml"\nname = "Site"\n',
    )
    settings = fetch_settings(tmp_path, s)
    env = settings_env(settings)
    first = runner.invoke(app, ["run", "--no-report", "--seeds", str(seeds), "--json"], env=env)
    assert first.exit_code == EXIT_OK, first.output
    assert json.loads(first.stdout)["counts"]["sources_refused"] == 2
    with Store.open(settings.db_path, read_only=True) as store:
        _, rows = store.query("SELECT location, status, error FROM sources")
        _, feeds = store.query("SELECT feed_id, status, error FROM feeds ORDER BY feed_id")
        _, docs = store.query("SELECT url FROM documents ORDER BY url")
    got = {loc: (status, error) for loc, status, error in rows}
    assert got[f"{s.base_url}/etc/hostname"] == ("ok", None)
    assert got[f"{s.base_url}/feeds/news/a.html"] == ("ok", None)
    assert got["file://etc/hostname"] == (
        "refused",
        "file://etc/hostname: refused: scheme 'file' is not http or https",
    )
    status, error = got["http://169.254.169.254/latest/meta-data/"]
    assert status == "refused" and "a cloud metadata address" in error
    assert [d[0] for d in docs] == [f"{s.base_url}/etc/hostname", f"{s.base_url}/feeds/news/a.html"]
    assert feeds[0][:2] == ("news", "ok")
    assert feeds[1] == (
        "site",
        "ok",
        "1 child sitemap refused: file:///dev/zero: refused: scheme 'file' is not http or https",
    )
    assert s.hits["/no/such/dir/child.xml"] == 1

    # The refused entries are not pending any more: the next run neither retries nor fails.
    again = runner.invoke(app, ["run", "--no-report", "--seeds", str(seeds), "--json"], env=env)
    assert again.exit_code == EXIT_OK, again.output
    assert json.loads(again.stdout)["counts"]["sources_refused"] == 0


def test_a_bad_pending_entry_in_an_old_store_is_refused_not_fatal(
    tmp_path: Path, scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before the fix holds a pending entry with a relative path (which made
    every later run fail with "relative path can't be expressed as a file URI" when such a file
    existed in the working directory)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_text(html("A", TEXT).decode())
    settings = fetch_settings(tmp_path, scripted)
    with Store.open(settings.db_path) as store:
        store.sources.save(
            [
                Source(entry_source_id(loc), "", loc, "news", "report", "news")
                for loc in ("news/a.html", "/etc/hostname")
            ]
        )
        assert len(store.feeds.pending_entries()) == 2
    scripted.route("/rss.xml", Reply(200, rss(), {"Content-Type": "application/rss+xml"}))
    seeds = write_seeds(
        tmp_path, f'[[feed]]\nid = "other"\nurl = "{scripted.base_url}/rss.xml"\nname = "O"\n'
    )
    env = settings_env(settings)
    result = runner.invoke(app, ["run", "--no-report", "--seeds", str(seeds)], env=env)
    assert result.exit_code == EXIT_OK, result.output
    assert (
        "refused: news/a.html: refused: not an http(s) URL (only a seeds file may name local"
        " files)" in result.stderr
    )
    with Store.open(settings.db_path, read_only=True) as store:
        assert store.feeds.pending_entries() == []
        _, rows = store.query("SELECT location, status FROM sources ORDER BY location")
    assert rows == [("/etc/hostname", "refused"), ("news/a.html", "refused")]


def test_redirects_stay_http_and_guarded(tmp_path: Path, scripted: ScriptedServer) -> None:
    page = html("Page", TEXT)
    scripted.page("/etc/hostname", page)
    scripted.route("/to-path", Reply(302, b"", {"Location": "/etc/hostname"}))
    scripted.route("/to-file", Reply(302, b"", {"Location": "file:///etc/hostname"}))
    scripted.route("/to-ftp", Reply(301, b"", {"Location": "ftp://127.0.0.1/x"}))
    fetcher = Fetcher(fetch_settings(tmp_path, scripted).fetch)
    fetched = fetcher.fetch(scripted.base_url + "/to-path", local_ok=True)
    assert fetched.body == page and fetched.final_url == scripted.base_url + "/etc/hostname"
    for path, scheme in (("/to-file", "file"), ("/to-ftp", "ftp")):
        with pytest.raises(RefusedError, match=f"scheme '{scheme}' is not http or https"):
            fetcher.fetch(scripted.base_url + path, local_ok=True)
    scripted.route("/to-junk", Reply(302, b"", {"Location": "http://[::1/x"}))
    with pytest.raises(RefusedError, match=r"/to-junk: refused: redirect to an invalid URL"):
        fetcher.fetch(scripted.base_url + "/to-junk")  # not a ValueError that ends the run


def test_canonical_links_stay_http_and_on_the_same_site() -> None:
    def canonical(href: str) -> str | None:
        return canonical_link(
            f'<link rel="canonical" href="{href}">'.encode(), "http://a.example/x"
        )

    assert canonical("file:///etc/passwd") is None
    assert canonical("javascript:alert(1)") is None
    assert canonical("http://b.example/x") is None
    assert canonical("/etc/passwd") == "http://a.example/etc/passwd"  # a URL, never a file
    assert canonical("http://user:pw@a.example/y") == "http://a.example/y"


def test_credentials_in_a_redirect_are_not_stored(tmp_path: Path, scripted: ScriptedServer) -> None:
    secret = f"http://user:pw@127.0.0.1:{scripted.port}"
    scripted.page(
        "/page",
        html(
            "Page",
            TEXT,
            "Wire said on Wednesday that the console had been slow for two days.",
            head=f'<link rel="canonical" href="{secret}/page">',
        ),
    )
    scripted.route("/r", Reply(302, b"", {"Location": f"{secret}/page"}))
    scripted.route(
        "/r-blocked", Reply(302, b"", {"Location": "http://user:pw@169.254.169.254/latest"})
    )
    path = write_seeds(
        tmp_path,
        CASE
        + source(scripted.base_url + "/r", "ledger", "report")
        + source(scripted.base_url + "/r-blocked", "kestrel", "rebuttal"),
    )
    settings = fetch_settings(tmp_path, scripted)
    result = runner.invoke(
        app, ["run", "--no-report", "--seeds", str(path)], env=settings_env(settings)
    )
    assert result.exit_code == EXIT_SOURCES_FAILED, result.output  # the metadata address
    with Store.open(settings.db_path, read_only=True) as store:
        _, docs = store.query("SELECT url, canonical_url FROM documents")
        _, errors = store.query("SELECT error FROM sources WHERE error IS NOT NULL")
        _, run_errors = store.query("SELECT error FROM run_sources WHERE error IS NOT NULL")
    base = scripted.base_url
    assert docs == [(f"{base}/page", f"{base}/page")]
    assert errors == run_errors
    ((error,),) = errors
    assert error.startswith("http://169.254.169.254/latest: refused: 169.254.169.254 resolves")
    assert "user" not in result.output and "pw@" not in result.output


# -- local files from a seeds file ----------------------------------------------------------------


def special_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Local locations a seeds file might name by mistake, with the refusal each gets."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 400)
    return {
        "zero": (Path("/dev/zero"), "refused: a character device, not a regular file"),
        "fifo": (fifo, "refused: a named pipe (FIFO), not a regular file"),
        "folder": (folder, "refused: a directory, not a regular file"),
        "big": (big, "2000 bytes is over the limit of 1000"),
    }


@pytest.mark.parametrize("kind", ["zero", "fifo", "folder", "big"])
def test_local_files_of_unknown_size_are_refused(tmp_path: Path, kind: str) -> None:
    path, message = special_files(tmp_path)[kind]
    fetcher = Fetcher(fetch_settings(tmp_path, fetch_max_bytes=1000).fetch)
    with finishes_within(5), pytest.raises(FetchError) as caught:
        fetcher.fetch(str(path), local_ok=True)
    assert str(caught.value) == f"{path}: {message}"


def test_a_file_that_claims_no_size_is_still_capped(tmp_path: Path) -> None:
    """/proc files say they are 0 bytes long: the cap counts what is read, not st_size."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("no /proc here")
    assert maps.stat().st_size == 0
    fetcher = Fetcher(fetch_settings(tmp_path, fetch_max_bytes=100).fetch)
    with pytest.raises(FetchError, match=r"/proc/self/maps: over the limit of 100 bytes"):
        fetcher.fetch(str(maps), local_ok=True)


def test_run_dry_run_and_extract_refuse_special_files(tmp_path: Path) -> None:
    files = special_files(tmp_path)
    seeds = write_seeds(tmp_path, CASE + "".join(source(str(p)) for p, _ in files.values()))
    env = settings_env(fetch_settings(tmp_path, fetch_max_bytes=1000))
    for args in (["--dry-run"], []):
        with finishes_within(30):
            result = runner.invoke(
                app, ["run", "--no-report", "--seeds", str(seeds), *args], env=env
            )
        assert result.exit_code == EXIT_SOURCES_FAILED, result.output
        for path, message in files.values():
            assert f"failed: {path}: {message}" in result.stderr
    with finishes_within(30):
        result = runner.invoke(app, ["extract", *(str(p) for p, _ in files.values())], env=env)
    assert result.exit_code == EXIT_USAGE
    for path, message in files.values():
        assert f"{path}: {message}" in result.stderr
