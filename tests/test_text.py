"""Fetching local files and loopback URLs, and extracting main text and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.errors import ExtractError, FetchError
from pipeline.fetching.fetcher import fetch
from pipeline.fetching.text import page_to_document
from pipeline.records import Source

LIMITS = Settings(
    user_agent="claimtrack-test", fetch_timeout_s=5.0, fetch_max_bytes=100_000, fetch_delay_s=0
)


def loopback_limits(base_url: str) -> Settings:
    """LIMITS with the test server's host:port (and only it) let through the address guard."""
    return Settings(**{**LIMITS.__dict__, "fetch_allow_hosts": (base_url.split("//", 1)[1],)})


SOURCE = Source(source_id="s", case_id="c", location="x", party="p", role="report")
ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Widget maker disputes recall story | The Test Times</title>
<meta name="author" content="Ada Reporter">
<meta property="og:site_name" content="The Test Times">
<meta property="article:published_time" content="2026-02-03T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Widget maker disputes recall story</h1>
<p>The widget maker recalled 5,000 units last week after a fault was found in the hinges,
three people familiar with the matter said on Tuesday.</p>
<p>“We recalled 500 units as a precaution and no customer was hurt,” said Lee Park, a
spokesperson for the company, in a statement sent to the newspaper on Wednesday.</p>
</article><footer>Copyright 2026 The Test Times. All rights reserved. Privacy policy.</footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = page_to_document(fetch(str(path), LIMITS.fetch), SOURCE)
    assert "recalled 5,000 units" in doc.text and "Lee Park" in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert doc.title == "Widget maker disputes recall story"
    assert doc.site_name == "The Test Times"
    assert doc.author == "Ada Reporter"
    assert doc.published == "2026-02-03"
    assert doc.language == "en"
    assert len(doc.content_hash) == 64


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "Ünïcode “quotes” first line\r\n\r\n  Indented second paragraph.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = page_to_document(fetch(str(path), LIMITS.fetch), SOURCE)
    assert doc.text == text
    assert doc.title == "Ünïcode “quotes” first line"


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("empty.html", b"", "empty document"),
        ("blank.txt", b"  \n\n ", "empty document"),
        ("broken.html", b"<html><head><title>x</ti\x00\x01\x02<<<<div", "binary content"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
    ],
)
def test_unusable_pages(tmp_path: Path, name: str, body: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(ExtractError, match=message):
        page_to_document(fetch(str(path), LIMITS.fetch), SOURCE)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="file not found"):
        fetch(str(tmp_path / "nope.html"), LIMITS.fetch)


def test_http_fetch_over_loopback(http_server) -> None:  # type: ignore[no-untyped-def]
    (http_server.root / "story.html").write_text(ARTICLE, encoding="utf-8")
    page = fetch(f"{http_server.base_url}/story.html", loopback_limits(http_server.base_url).fetch)
    assert page.status == 200 and page.content_type and "html" in page.content_type
    doc = page_to_document(page, SOURCE)
    assert doc.url == f"{http_server.base_url}/story.html"
    assert "Lee Park" in doc.text


def test_http_errors_and_size_cap(http_server) -> None:  # type: ignore[no-untyped-def]
    limits = loopback_limits(http_server.base_url).fetch
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{http_server.base_url}/missing.html", limits)
    (http_server.root / "big.txt").write_bytes(b"x" * 200_000)
    with pytest.raises(FetchError, match="over the limit"):
        fetch(f"{http_server.base_url}/big.txt", limits)


def test_extraction_has_no_memory(tmp_path: Path) -> None:
    """The same page read twice in one process gives the same text (and content hash)."""
    path = tmp_path / "a.html"
    path.write_text(ARTICLE, encoding="utf-8")
    first = page_to_document(fetch(str(path), LIMITS.fetch), SOURCE)
    second = page_to_document(fetch(str(path), LIMITS.fetch), SOURCE)
    assert first.content_hash == second.content_hash and "Lee Park" in second.text
