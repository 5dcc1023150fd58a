"""Scraped text made inert in Markdown: no raw HTML, no table-breaking pipes or line breaks, no
link brackets, no emphasis; links only to http(s) URLs. The Markdown template's filters."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from pipeline.report.fragments import text_fragment_url
from pipeline.report.marks import segments

_URL_SAFE = "-._~:/?#@!$&'*+,;=%"


def md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    text = re.sub(r"\s+", " ", text)
    for char in "\\|[]*_`":
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)


def md_marked(text: str, evidence: Sequence[str]) -> str:
    """`text` escaped, the words that carry the contradiction in bold."""
    return "".join(
        f"**{md(s.text)}**" if s.evidence and s.text.strip() else md(s.text)
        for s in segments(" ".join(text.split()), (), evidence)
    )


def md_link(
    title: str | None, url: str, published: str | None = None, sentence: str | None = None
) -> str:
    """A link to `url` (to `sentence` on it, when given) titled `title`, its date after it;
    the title alone for a URL that is not http(s) (no javascript: or file: links)."""
    text = md(title or url)
    date = f" ({md(published)})" if published else ""
    if not url.startswith(("http://", "https://")):
        return f"{text}{date}"
    target = text_fragment_url(url, sentence) if sentence else url
    return f"[{text}]({quote(target, safe=_URL_SAFE)}){date}"
