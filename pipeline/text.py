"""Turn a fetched `Page` into a `Document`: main text and metadata.

HTML goes through trafilatura (main text without navigation, ads and footers; title, site name,
author, date); plain text is kept exactly as read so that offsets match the file.
"""

from __future__ import annotations

import re

import trafilatura
from trafilatura.deduplication import LRU_TEST

from pipeline.errors import ExtractError
from pipeline.hashing import stable_id, text_hash
from pipeline.records import Document, Page, Source

MIN_HTML_WORDS = 5
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(rb"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_LOCALE = re.compile(
    rb"""<meta[^>]+property\s*=\s*["']og:locale["'][^>]+content\s*=\s*["']([A-Za-z]{2,3})""",
    re.IGNORECASE,
)


def is_html(page: Page) -> bool:
    if page.content_type and "html" in page.content_type.lower():
        return True
    if page.content_type and page.content_type.lower().startswith("text/plain"):
        return False
    head = page.body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def decode_text(body: bytes, content_type: str | None) -> str:
    """Decode a body using the charset the server declared, else UTF-8 (bad bytes replaced)."""
    charset = "utf-8"
    if content_type and "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    else:
        match = _CHARSET.search(body[:4096])
        if match:
            charset = match.group(1).decode("ascii")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def page_to_document(page: Page, source: Source) -> Document:
    """Extract the main text and metadata of `page`; raise ExtractError if there is none."""
    if not page.body.strip():
        raise ExtractError(f"{page.location}: empty document")
    if b"\x00" in page.body[:8192]:
        raise ExtractError(f"{page.location}: binary content, not a text document")
    if is_html(page):
        return _html_document(page, source)
    text = decode_text(page.body, page.content_type)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return _document(page, source, text, title=first_line, language=None)


def _html_document(page: Page, source: Source) -> Document:
    html = decode_text(page.body, page.content_type)
    # `deduplicate` counts text segments in one process-wide cache: without a fresh count per
    # page, the same page read again in one process (a rerun, a Ray driver after a local run)
    # loses segments it has seen before and gets another text and content hash.
    LRU_TEST.clear()
    try:
        result = trafilatura.bare_extraction(
            html,
            url=page.final_url if page.final_url.startswith("http") else None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken input
        raise ExtractError(f"{page.location}: HTML could not be parsed: {exc}") from None
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:  # navigation crumbs are not an article
        raise ExtractError(f"{page.location}: no main text found in the HTML")
    lang_match = _HTML_LANG.search(page.body[:4096]) or _LOCALE.search(page.body[:8192])
    language = getattr(result, "language", None) or (
        lang_match.group(1).decode("ascii").lower() if lang_match else None
    )
    return _document(
        page,
        source,
        text,
        title=getattr(result, "title", None),
        site_name=getattr(result, "sitename", None),
        author=getattr(result, "author", None),
        published=getattr(result, "date", None),
        language=language,
    )


def _document(
    page: Page,
    source: Source,
    text: str,
    *,
    title: str | None,
    language: str | None,
    site_name: str | None = None,
    author: str | None = None,
    published: str | None = None,
) -> Document:
    return Document(
        document_id=stable_id(source.case_id, page.location),
        source_id=source.source_id,
        case_id=source.case_id,
        url=page.final_url,
        text=text,
        content_hash=text_hash(text),
        title=title,
        site_name=site_name,
        author=author,
        published=published,
        language=language,
        fetched_at=page.fetched_at,
    )
