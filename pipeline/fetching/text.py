"""Turn a fetched `Page` into a `Document`: main text and metadata.

HTML goes through trafilatura (main text without navigation, ads and footers; title, site name,
author, date); plain text is kept as read, less the invisible characters `clean_text` removes.

Page bytes become text only through `decode_text`, which never yields a lone surrogate (a text
that cannot be encoded as UTF-8, hashed or stored), whatever charset the page declares. The text
and metadata of every document then go through `clean_text`: control characters (NUL and the
other C0 and C1 controls but tab, newline and carriage return), bidirectional embeddings,
overrides and isolates (U+202A-U+202E, U+2066-U+2069) and zero-width characters (U+200B-U+200D,
U+2060, U+FEFF) are removed from the stored text, so that no claim, title or report can show
text in another order than it is stored, or hide characters in it; claims' offsets point into
the cleaned text. A zero-width joiner between two emoji is kept (it makes them one emoji).
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.errors import ExtractError
from pipeline.fetching.urls import canonical_link, is_http, normalise_url
from pipeline.hashing import stable_id, text_hash
from pipeline.records import Document, Page, Source

MIN_HTML_WORDS = 5
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(rb"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_LOCALE = re.compile(
    rb"""<meta[^>]+property\s*=\s*["']og:locale["'][^>]+content\s*=\s*["']([A-Za-z]{2,3})""",
    re.IGNORECASE,
)


_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters but \t \n \r
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\u200b-\u200d\u2060\ufeff]"  # zero width: space, (non-)joiner, word joiner, BOM
)
_ZWJ = "\u200d"


def clean_text(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD and the control, bidirectional-formatting
    and zero-width characters above removed (a zero-width joiner inside an emoji is kept)."""
    text = no_surrogates(text)
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(_kept, text)


def _kept(match: re.Match[str]) -> str:
    if match.group() == _ZWJ:
        text, at = match.string, match.start()
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        if _emoji_part(before) and _emoji_part(after):
            return _ZWJ
    return ""


def _emoji_part(char: str) -> bool:
    """Whether `char` can end or start a joined emoji: a symbol, a skin tone or the emoji form
    selector (U+FE0F)."""
    return bool(char) and (char == "\ufe0f" or unicodedata.category(char) in ("So", "Sk"))


def no_surrogates(text: str) -> str:
    """`text` with each surrogate pair joined into its character and each lone surrogate
    replaced by U+FFFD (decoders such as UTF-7 or unicode_escape can produce them)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def is_html(page: Page) -> bool:
    if page.content_type and "html" in page.content_type.lower():
        return True
    if page.content_type and page.content_type.lower().startswith("text/plain"):
        return False
    head = page.body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def decode_text(body: bytes, content_type: str | None) -> str:
    """Decode a body with the charset the server or the page declared; when that charset is
    missing, unknown or wrong (the bytes do not decode), UTF-8, then Windows-1252. The text has
    no lone surrogates (see `no_surrogates`), whatever the charset."""
    declared = None
    if content_type and "charset=" in content_type.lower():
        declared = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    else:
        match = _CHARSET.search(body[:4096])
        if match:
            declared = match.group(1).decode("ascii")
    for charset in (declared, "utf-8", "cp1252"):
        if not charset:
            continue
        try:
            return no_surrogates(body.decode(charset))
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def page_to_document(page: Page, source: Source) -> Document:
    """Extract the main text and metadata of `page`; raise ExtractError if there is none."""
    if not page.body.strip():
        raise ExtractError(f"{page.location}: empty document")
    if b"\x00" in page.body[:8192]:
        raise ExtractError(f"{page.location}: binary content, not a text document")
    if is_html(page):
        return _html_document(page, source)
    text = clean_text(decode_text(page.body, page.content_type))
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return _document(page, source, text, title=first_line, language=None)


def _html_document(page: Page, source: Source) -> Document:
    import trafilatura  # here: a rerun where every page answers 304 never pays for it

    html = clean_text(decode_text(page.body, page.content_type))
    try:
        result = trafilatura.bare_extraction(
            html,
            url=page.final_url if page.final_url.startswith("http") else None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # trafilatura's deduplication keeps a process-wide cache of the segments it has
            # seen: the same page would lose paragraphs the second time it is read in one
            # process, and its content hash would change. Extraction must not have a memory.
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken input
        raise ExtractError(f"{page.location}: HTML could not be parsed: {exc}") from None
    # character references (&#x202E;) become characters only now
    text = clean_text((getattr(result, "text", None) or "").strip()) if result is not None else ""
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
        canonical_url=canonical_link(page.body, page.final_url),
        title=_clean_field(getattr(result, "title", None)),
        site_name=_clean_field(getattr(result, "sitename", None)),
        author=_clean_field(getattr(result, "author", None)),
        published=_clean_field(getattr(result, "date", None)),
        language=language,
    )


def _clean_field(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


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
    canonical_url: str | None = None,
) -> Document:
    return Document(
        document_id=document_id(source.case_id, page, canonical_url),
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
        canonical_url=canonical_url,
    )


def check_size(document: Document, max_words: int, location: str) -> None:
    """Raise ExtractError if `document` has more than `max_words` words (0: no limit)."""
    if max_words <= 0 or len(document.text) <= max_words:  # fewer characters than the words
        return
    words = len(document.text.split())
    if words > max_words:
        raise ExtractError(
            f"{location}: document too large: {words:,} words over the limit of {max_words:,};"
            " raise CLAIMTRACK_MAX_DOCUMENT_WORDS to analyse it"
        )


def document_id(case_id: str, page: Page, canonical_url: str | None) -> str:
    """One id per article in a case: its canonical URL, else its normalised final URL (so
    tracking parameters, fragments and host case do not matter); a file's path."""
    if not is_http(page.final_url):
        return stable_id(case_id, page.location)
    return stable_id(case_id, canonical_url or normalise_url(page.final_url))
