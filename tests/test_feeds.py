"""Feeds and sitemaps: parsing (pure), and runs whose entries become documents grouped into
stories, a rebuttal linked to the report it rebuts, and the user's override in seeds."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EXIT_SOURCES_FAILED
from pipeline.feeds.parse import FeedError, parse_feed, parse_sitemap
from pipeline.feeds.stories import StoryDoc, assign_stories, names
from pipeline.store import Store
from tests.conftest import fetch_settings
from tests.loopback import Reply, ScriptedServer
from tests.nightly_support import KESTREL, MERIDIAN, row_counts, settings_env, write_seeds

runner = CliRunner()


def rss(*items: tuple[str, str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
        for t, link, d in items
    )
    channel = f"<channel><title>x</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def atom(*items: tuple[str, str, str]) -> bytes:
    entries = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id>'
        f"<updated>{d}</updated></entry>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>x</title><id>urn:x</id><updated>2026-03-26T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def sitemap(*urls: tuple[str, str]) -> bytes:
    body = "".join(f"<url><loc>{u}</loc><lastmod>{d}</lastmod></url>" for u, d in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    ).encode()


def test_feed_parsing_normalises_links_and_dates() -> None:
    listing = parse_feed(
        rss(("A", "HTTP://News.Example/a?utm_source=rss#top", "Tue, 24 Mar 2026 09:00:00 GMT")),
        "feed",
    )
    (entry,) = listing.entries
    assert (entry.url, entry.published) == ("http://news.example/a", "2026-03-24")
    (entry,) = parse_feed(atom(("B", "https://n.example/b", "2026-03-25T10:00:00Z")), "f").entries
    assert (entry.url, entry.published) == ("https://n.example/b", "2026-03-25")


def test_sitemaps_plain_gzipped_and_index() -> None:
    body = sitemap(("https://c.example/x", "2026-03-25T08:00:00+00:00"))
    (entry,) = parse_sitemap(gzip.compress(body), "s", 1_000_000).entries
    assert (entry.url, entry.published) == ("https://c.example/x", "2026-03-25")
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://c.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert parse_sitemap(index, "s", 1000).child_sitemaps == ("https://c.example/s1.xml",)
    with pytest.raises(FeedError, match="after decompression"):
        parse_sitemap(gzip.compress(b" " * 5000 + body), "s", 1000)
    with pytest.raises(FeedError, match="not a sitemap"):
        parse_sitemap(b"<html><body>hi</body></html>", "s", 1000)


def story_doc(url: str, outlet: str, role: str, day: date, text: str) -> StoryDoc:
    return StoryDoc(url, outlet.lower(), (outlet,), role, day, text)


def test_grouping_links_a_rebuttal_to_the_report_it_names() -> None:
    kestrel = "The report in The Paper is wrong: Wren did not cause the Kestrel Cloud outage."
    report = story_doc(
        "r", "The Paper", "report", date(2026, 3, 24),
        "Kestrel Cloud blamed Wren for the outage, Dana Whitlock said.",
    )  # fmt: skip
    other = story_doc(
        "o", "The Paper", "report", date(2026, 3, 24),
        "Meridian Foods recalled jars of Sunny Spoon baby food in Ohio.",
    )  # fmt: skip
    rebuttal = story_doc("b", "Kestrel Cloud", "rebuttal", date(2026, 3, 25), kestrel)
    late = story_doc("late", "Kestrel Cloud", "rebuttal", date(2026, 5, 1), kestrel)
    stories = assign_stories([report, other, rebuttal, late], [], {}, window_days=4)
    assert stories["b"] == stories["r"] != stories["o"]
    assert stories["late"] not in (stories["r"], stories["o"])  # not within days
    unaligned = assign_stories([report, rebuttal], [], {}, 4, aligned=lambda b, r: False)
    assert unaligned["b"] != unaligned["r"]  # names and words, but no claim in common
    pinned = assign_stories([report, rebuttal], [], {"b": "mine"}, window_days=4)
    assert pinned["b"] == "mine"
    assert {"kestrel cloud", "wren", "dana whitlock"} <= names(report.text)


def test_feed_entries_become_stories_with_pairs(tmp_path: Path, scripted: ScriptedServer) -> None:
    b = scripted.base_url
    for path, file in (
        ("/ledger/kestrel", KESTREL / "report.html"),
        ("/ledger/meridian", MERIDIAN / "report.html"),
        ("/ledger/old", MERIDIAN / "coverage.html"),
        ("/kestrel/blog", KESTREL / "rebuttal.html"),
        ("/stackwire/kestrel", KESTREL / "coverage.html"),
    ):
        scripted.page(path, file.read_bytes())
    feed = rss(
        ("Kestrel", f"{b}/ledger/kestrel?utm_source=rss", "Tue, 24 Mar 2026 09:00:00 GMT"),
        ("Meridian", f"{b}/ledger/meridian", "Mon, 23 Mar 2026 09:00:00 GMT"),
        ("Old", f"{b}/ledger/old", "Wed, 01 Jan 2020 09:00:00 GMT"),
    )
    scripted.route(
        "/ledger/rss", Reply(200, feed, {"Content-Type": "application/rss+xml", "ETag": '"rss1"'})
    )
    scripted.route(
        "/stackwire/atom",
        Reply(
            200,
            atom(("Kestrel", f"{b}/stackwire/kestrel", "2026-03-26T08:00:00Z")),
            {"ETag": '"atom1"'},
        ),
    )
    scripted.route(
        "/kestrel/sitemap.xml",
        Reply(
            200,
            sitemap((f"{b}/kestrel/blog", "2026-03-25")),
            {"Last-Modified": "Wed, 25 Mar 2026 10:00:00 GMT"},
        ),
    )
    feeds = f"""
[[feed]]
id = "ledger"
url = "{b}/ledger/rss"
name = "The Harbour Ledger"
aliases = ["Harbour Ledger", "the Ledger", "Tomás Ferreira", "Ferreira"]
role = "report"

[[feed]]
id = "stackwire"
url = "{b}/stackwire/atom"
name = "Stackwire"
role = "coverage"

[[sitemap]]
id = "kestrel"
url = "{b}/kestrel/sitemap.xml"
name = "Kestrel Cloud"
aliases = ["Kestrel", "the company", "Dana Whitlock", "Whitlock"]
role = "rebuttal"
"""
    seeds = write_seeds(tmp_path, feeds)
    settings = fetch_settings(tmp_path, scripted)
    env = settings_env(settings)
    first = runner.invoke(
        app,
        ["run", "--no-report", "--seeds", str(seeds), "--since", "2026-01-01", "--json"],
        env=env,
    )
    assert first.exit_code == 0, first.output
    with Store.open(settings.db_path, read_only=True) as store:
        _, rows = store.query("SELECT location, case_id, status FROM sources WHERE kind = 'entry'")
        _, stories = store.query("SELECT case_id, kind FROM cases")
        _, pairs = store.query(
            "SELECT p.case_id, count(*) FROM claim_pairs p WHERE label = 'contradicts' GROUP BY ALL"
        )
    story = {loc.split("/", 3)[-1]: (case, status) for loc, case, status in rows}
    assert story["ledger/kestrel"][0] == story["kestrel/blog"][0] == story["stackwire/kestrel"][0]
    assert story["ledger/meridian"][0] not in ("", story["ledger/kestrel"][0])
    assert story["ledger/old"] == ("", "new")  # older than --since: left for later
    assert {kind for _, kind in stories} == {"story"}
    assert dict(pairs).get(story["ledger/kestrel"][0], 0) > 0  # Ledger vs Kestrel contradict

    before = row_counts(settings.db_path)
    again = runner.invoke(
        app,
        ["run", "--no-report", "--seeds", str(seeds), "--since", "2026-01-01", "--json"],
        env=env,
    )
    assert again.exit_code == 0 and json.loads(again.stdout)["counts"]["documents_analysed"] == 0
    assert row_counts(settings.db_path) == before

    # The feed lists one more entry: only that one is fetched.
    def page_hits() -> int:
        return sum(n for path, n in scripted.hits.items() if path != "/robots.txt")

    hits = page_hits()
    feed = feed.replace(
        b"<item>", f"<item><title>New</title><link>{b}/ledger/new</link></item><item>".encode(), 1
    )
    scripted.route("/ledger/rss", Reply(200, feed, {"ETag": '"rss2"'}))
    scripted.route("/ledger/new", Reply(200, b"", {"Content-Type": "text/html"}))
    newer = runner.invoke(
        app,
        ["run", "--no-report", "--seeds", str(seeds), "--since", "2026-01-01", "--json"],
        env=env,
    )
    assert json.loads(newer.stdout)["counts"]["documents_analysed"] == 0
    assert scripted.hits["/ledger/new"] == 1 and scripted.hits["/ledger/kestrel"] == 1
    assert page_hits() - hits == 4  # the 3 feeds and the new entry

    # The user moves the Meridian report into a story of their own.
    seeds.write_text(
        feeds
        + '\n[[story]]\nid = "meridian-pinned"\ntitle = "Recall"\n'
        + f'urls = ["{b}/ledger/meridian"]\n',
        encoding="utf-8",
    )
    pinned = runner.invoke(
        app, ["run", "--no-report", "--seeds", str(seeds), "--since", "2026-01-01"], env=env
    )
    assert pinned.exit_code == EXIT_SOURCES_FAILED, pinned.output  # the empty entry, retried
    assert "ledger/new: empty document" in pinned.stderr
    with Store.open(settings.db_path, read_only=True) as store:
        _, moved = store.query(
            "SELECT s.case_id, d.case_id, c.title FROM sources s JOIN documents d"
            " USING (document_id) JOIN cases c ON c.case_id = s.case_id"
            " WHERE s.location LIKE '%/ledger/meridian'"
        )
        _, docs = store.query("SELECT count(*) FROM documents")
    assert moved == [("meridian-pinned", "meridian-pinned", "Recall")]
    assert docs == [(4,)]
