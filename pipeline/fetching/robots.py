"""robots.txt rules for one origin: what may be fetched, and the Crawl-delay asked for.

Follows RFC 9309 on errors: a robots.txt that is missing (4xx) allows everything; one that
cannot be fetched (5xx, network error) stops the crawl of that host for the run. The file is
fetched by the project's own guarded client; only its parsing and matching are Protego's
(Scrapy's RFC 9309 parser: `*` and `$` in paths, the longest matching rule wins).
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

from pipeline.errors import FetchError

MAX_ROBOTS_BYTES = 500_000


class RobotsDisallowedError(FetchError):
    """robots.txt does not let our User-Agent fetch this URL: a skip, not a failure."""


@dataclass(frozen=True)
class RobotsRules:
    """The parsed rules of one origin (None: everything allowed)."""

    parser: Protego | None

    def allows(self, url: str, user_agent: str) -> bool:
        return self.parser is None or self.parser.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str) -> float | None:
        return None if self.parser is None else self.parser.crawl_delay(user_agent)


ALLOW_ALL = RobotsRules(None)


def parse_robots(body: bytes) -> RobotsRules:
    return RobotsRules(Protego.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")))


def robots_url(scheme: str, host: str, port: int) -> str:
    default = {"http": 80, "https": 443}[scheme]
    netloc = f"[{host}]" if ":" in host else host
    return f"{scheme}://{netloc}{'' if port == default else f':{port}'}/robots.txt"


def user_agent_token(user_agent: str) -> str:
    """The product token robots.txt groups name: "claimtrack" for "claimtrack/0.1 (+url)"."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"
