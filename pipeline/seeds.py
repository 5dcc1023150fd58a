"""Seeds files (TOML): the cases to track, their parties and their sources.

```toml
[[case]]
id = "some-dispute"
title = "What the dispute is about"
[case.parties.outlet]
name = "The Daily Example"
aliases = ["the Example", "the paper"]
domains = ["news.example"]                 # optional: pages on these sites speak for it
[[case.sources]]
location = "https://news.example/story"   # or a path relative to the seeds file
party = "outlet"
role = "report"                            # report, rebuttal or coverage

[[feed]]                                   # RSS or Atom: each new entry becomes a document
url = "https://news.example/rss.xml"
name = "The Daily Example"                 # the outlet its entries speak for
aliases = ["the Example"]
role = "report"                            # the role of its entries (default: report)

[[sitemap]]                                # a sitemap (or sitemap index) of a site
url = "https://acme.example/sitemap.xml"
name = "Acme"
role = "rebuttal"

[[story]]                                  # overrides the automatic grouping of entries
id = "acme-outage"
title = "Acme outage"
urls = ["https://news.example/acme-outage", "https://acme.example/blog/correction"]
```

A key the format does not know (`[[casse]]`, `aliasses`) is an error that names the key and its
line, so a typo never silently drops a feed or makes a neutral party partisan; so is a location
declared twice in one case for
different parties or roles.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.errors import SeedsError
from pipeline.fetching.urls import is_http, normalise_url
from pipeline.hashing import stable_id
from pipeline.records import ROLES, Case, Party, Role, Source

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TOP_KEYS = ("case", "feed", "sitemap", "story")
_CASE_KEYS = ("id", "title", "parties", "sources")
_PARTY_KEYS = ("name", "aliases", "neutral", "domains")
_DOMAIN = re.compile(r"^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$")
_SOURCE_KEYS = ("location", "party", "role")
_FEED_KEYS = ("url", "name", "aliases", "role", "id", "neutral")
_STORY_KEYS = ("id", "title", "urls")


@dataclass(frozen=True)
class FeedSpec:
    """An RSS/Atom feed or a sitemap whose new entries become documents of one outlet."""

    feed_id: str
    kind: str  # feed, sitemap
    url: str
    name: str
    aliases: tuple[str, ...]
    role: Role
    neutral: bool


@dataclass(frozen=True)
class StoryPin:
    """A user's grouping of feed entries into one story, overriding the automatic one."""

    story_id: str
    title: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class SeedsFile:
    cases: tuple[Case, ...] = ()
    feeds: tuple[FeedSpec, ...] = ()
    stories: tuple[StoryPin, ...] = ()


def load_seeds(path: Path) -> list[Case]:
    """Read and validate a seeds file; return its cases."""
    return list(load_seeds_file(path).cases)


def load_seeds_file(path: Path) -> SeedsFile:
    """Read and validate a seeds file; relative file locations resolve against its folder."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedsError(f"seeds file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedsError(f"cannot read seeds file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedsError(f"{path}: invalid TOML: {exc}") from None
    base_dir = path.resolve().parent
    keys = _KeyCheck(path.read_text(encoding="utf-8"), str(path))
    keys.check(raw, _TOP_KEYS, str(path))
    feeds = tuple(
        _parse_feed(
            keys.checked(f, _FEED_KEYS, f"{path}: {kind} #{i}"), kind, f"{path}: {kind} #{i}"
        )
        for kind in ("feed", "sitemap")
        for i, f in enumerate(_tables(raw, kind, str(path)), start=1)
    )
    stories = tuple(
        _parse_story(keys.checked(s, _STORY_KEYS, f"{path}: story #{i}"), f"{path}: story #{i}")
        for i, s in enumerate(_tables(raw, "story", str(path)), start=1)
    )
    if len({f.feed_id for f in feeds}) != len(feeds):
        raise SeedsError(f"{path}: the same feed id or url is declared twice")
    cases = parse_seeds(raw, base_dir, str(path), keys) if "case" in raw or not feeds else []
    return SeedsFile(tuple(cases), feeds, stories)


def _tables(raw: dict[str, Any], key: str, origin: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise SeedsError(f"{origin}: {key} must be a list of tables ([[{key}]])")
    return value


def parse_seeds(
    raw: dict[str, Any], base_dir: Path, origin: str = "seeds", keys: _KeyCheck | None = None
) -> list[Case]:
    """Validate the parsed TOML of a seeds file and build the cases it declares (`keys`: the
    check of unknown keys, with the file's text for line numbers)."""
    keys = keys or _KeyCheck("", origin)
    cases_raw = raw.get("case")
    if not isinstance(cases_raw, list) or not cases_raw:
        raise SeedsError(f"{origin}: no [[case]] tables (nor [[feed]] or [[sitemap]])")
    cases: list[Case] = []
    seen: set[str] = set()
    for index, case_raw in enumerate(cases_raw, start=1):
        case = _parse_case(case_raw, base_dir, f"{origin}: case #{index}", keys)
        if case.id in seen:
            raise SeedsError(f"{origin}: case id {case.id!r} is declared twice")
        seen.add(case.id)
        cases.append(case)
    return cases


def _parse_case(raw: Any, base_dir: Path, where: str, keys: _KeyCheck) -> Case:
    keys.check(raw, _CASE_KEYS, where)
    case_id = _require_str(raw, "id", where)
    if not _ID.match(case_id):
        raise SeedsError(f"{where}: id {case_id!r} must be letters, digits, '-', '_' or '.'")
    where = f"{where.split(':')[0]}: case {case_id!r}"
    parties_raw = raw.get("parties")
    if not isinstance(parties_raw, dict) or len(parties_raw) < 2:
        raise SeedsError(f"{where}: needs a [case.parties.ID] table for at least two parties")
    parties = tuple(
        _parse_party(
            pid, keys.checked(p, _PARTY_KEYS, f"{where}, party {pid!r}"), f"{where}, party {pid!r}"
        )
        for pid, p in parties_raw.items()
    )
    if sum(not p.neutral for p in parties) < 2:
        raise SeedsError(f"{where}: needs at least two parties that are not neutral")
    sources_raw = raw.get("sources")
    if not isinstance(sources_raw, list) or not sources_raw:
        raise SeedsError(f"{where}: needs at least one [[case.sources]] entry")
    party_ids = {p.id for p in parties}
    sources = tuple(
        _parse_source(
            keys.checked(s, _SOURCE_KEYS, f"{where}, source #{i}"),
            case_id,
            party_ids,
            base_dir,
            f"{where}, source #{i}",
        )
        for i, s in enumerate(sources_raw, start=1)
    )
    first: dict[str, Source] = {}
    for i, source in enumerate(sources, start=1):  # one URL under several forms is one source
        earlier = first.setdefault(source.location, source)
        if (earlier.party, earlier.role) != (source.party, source.role):
            raise SeedsError(
                f"{where}, source #{i}: location {source.location!r} is declared twice, as"
                f" {earlier.party!r} {earlier.role} and {source.party!r} {source.role}"
                " (one page speaks for one side in one role: keep one entry)"
            )
    title = raw.get("title", case_id)
    if not isinstance(title, str):
        raise SeedsError(f"{where}: title must be a string")
    return Case(id=case_id, title=title, parties=parties, sources=sources)


def _parse_party(party_id: str, raw: dict[str, Any], where: str) -> Party:
    name = _require_str(raw, "name", where)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise SeedsError(f"{where}: aliases must be a list of non-empty strings")
    neutral = raw.get("neutral", False)
    if not isinstance(neutral, bool):
        raise SeedsError(f"{where}: neutral must be true or false")
    domains = raw.get("domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise SeedsError(f"{where}: domains must be a list of host names")
    cleaned = tuple(d.strip().lower().removeprefix("www.") for d in domains)
    for given, domain in zip(domains, cleaned, strict=True):
        if not _DOMAIN.match(domain):
            raise SeedsError(
                f"{where}: domain {given!r} is not a host name (write it like 'news.example',"
                " without scheme or path)"
            )
    return Party(id=party_id, name=name, aliases=tuple(aliases), neutral=neutral, domains=cleaned)


def _parse_source(
    raw: dict[str, Any], case_id: str, party_ids: set[str], base_dir: Path, where: str
) -> Source:
    location = resolve_location(_require_str(raw, "location", where), base_dir, where)
    party = _require_str(raw, "party", where)
    if party not in party_ids:
        raise SeedsError(f"{where}: party {party!r} is not declared in the case's parties")
    role = _require_str(raw, "role", where)
    if role not in ROLES:
        raise SeedsError(f"{where}: role must be one of {', '.join(ROLES)}, not {role!r}")
    return Source(
        source_id=stable_id(case_id, location),
        case_id=case_id,
        location=location,
        party=party,
        role=role,
    )


def resolve_location(location: str, base_dir: Path, where: str = "source") -> str:
    """An http(s) URL normalised, or a file path made absolute against `base_dir`.

    A URL of any other scheme (file://, ftp://) is kept as given: the run refuses to fetch it
    and records why, like any other source that cannot be fetched.
    """
    if is_http(location):
        return normalise_url(location)
    scheme = urlsplit(location).scheme.lower()
    if scheme and len(scheme) > 1:  # a one-letter "scheme" is a Windows drive
        return location
    return str((base_dir / location).resolve())


def _parse_feed(raw: dict[str, Any], kind: str, where: str) -> FeedSpec:
    url = _require_str(raw, "url", where)
    if not is_http(url):
        raise SeedsError(f"{where}: url must be an http(s) URL, not {url!r}")
    url = normalise_url(url)
    name = _require_str(raw, "name", where)
    role = raw.get("role", "report")
    if role not in ROLES:
        raise SeedsError(f"{where}: role must be one of {', '.join(ROLES)}, not {role!r}")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise SeedsError(f"{where}: aliases must be a list of non-empty strings")
    feed_id = raw.get("id", stable_id(kind, url, length=12))
    if not isinstance(feed_id, str) or not _ID.match(feed_id):
        raise SeedsError(f"{where}: id must be letters, digits, '-', '_' or '.'")
    neutral = raw.get("neutral", role == "coverage")
    if not isinstance(neutral, bool):
        raise SeedsError(f"{where}: neutral must be true or false")
    return FeedSpec(feed_id, kind, url, name, tuple(aliases), role, neutral)


def _parse_story(raw: dict[str, Any], where: str) -> StoryPin:
    story_id = _require_str(raw, "id", where)
    if not _ID.match(story_id):
        raise SeedsError(f"{where}: id {story_id!r} must be letters, digits, '-', '_' or '.'")
    urls = raw.get("urls", [])
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise SeedsError(f"{where}: urls must be a non-empty list of URLs")
    title = raw.get("title", story_id)
    if not isinstance(title, str):
        raise SeedsError(f"{where}: title must be a string")
    return StoryPin(story_id, title, tuple(normalise_url(u) for u in urls))


class _KeyCheck:
    """Rejects the keys a table of the seeds file does not know, naming the key and its line."""

    def __init__(self, text: str, origin: str) -> None:
        self.lines = text.splitlines()
        self.origin = origin

    def check(self, raw: Any, allowed: tuple[str, ...], where: str) -> None:
        if not isinstance(raw, dict):
            raise SeedsError(f"{where}: not a table")
        unknown = [key for key in raw if key not in allowed]
        if unknown:
            key = unknown[0]
            line = self._line(key)
            at = f" (line {line})" if line else ""
            raise SeedsError(
                f"{where}: unknown key {key!r}{at}; expected one of {', '.join(allowed)}"
            )

    def checked(self, raw: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
        """`raw`, a table with known keys only (SeedsError otherwise)."""
        self.check(raw, allowed, where)
        return dict(raw)

    def _line(self, key: str) -> int | None:
        """The first line that names `key` as a key or a table, 1-based."""
        name = re.escape(key)
        pattern = re.compile(
            rf"""^\s*(?:\[\[?\s*(?:[\w.-]+\.)?["']?{name}["']?\s*[.\]]|["']?{name}["']?\s*[=.])"""
        )
        return next((i for i, line in enumerate(self.lines, 1) if pattern.match(line)), None)


def _require_str(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SeedsError(f"{where}: missing or empty {key!r}")
    return value.strip()
