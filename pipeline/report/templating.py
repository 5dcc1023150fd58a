"""The Jinja2 environments the report templates (pipeline/report/templates) render in: HTML
with autoescape on, so every piece of scraped text is escaped unless a template says otherwise;
Markdown with its own escaping filter (`md`)."""

from __future__ import annotations

from functools import cache

import jinja2

from pipeline.report.fragments import text_fragment_url
from pipeline.report.markdown_text import md, md_link, md_marked
from pipeline.report.marks import segments


def _helpers(env: jinja2.Environment) -> jinja2.Environment:
    env.globals["segments"] = segments
    env.filters["fragment"] = text_fragment_url
    env.tests["web"] = lambda url: str(url).startswith(("http://", "https://"))
    return env


@cache
def html_environment() -> jinja2.Environment:
    return _helpers(
        jinja2.Environment(
            loader=jinja2.PackageLoader("pipeline.report", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
    )


@cache
def markdown_environment() -> jinja2.Environment:
    """No autoescape (Markdown is not HTML): templates pass scraped text through `md`."""
    env = _helpers(
        jinja2.Environment(
            loader=jinja2.PackageLoader("pipeline.report", "templates"),
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
    )
    env.filters["md"] = md
    env.globals["md_link"] = md_link
    env.filters["md_marked"] = md_marked
    return env
