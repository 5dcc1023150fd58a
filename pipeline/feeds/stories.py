"""Group feed documents into stories, and link each rebuttal to the report it rebuts.

Feed entries belong to no declared case. A report or coverage piece joins the story of an
earlier document that shares enough of its names (capitalised words: people, companies,
places) within a window of days; otherwise it starts a story. A rebuttal joins the story of the
report it rebuts: a report of another outlet published within the window before it, sharing
names with it, that the rebuttal refers to (the outlet's name or alias, or "the report", "the
article", ...), and whose claims align with its own (`aligned`, when given: some claim of
the rebuttal is close to some claim of the report, see `ClaimsAlign`). The user's `[[story]]`
pins in seeds override all of this, and a document keeps the story it was first given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from pipeline.hashing import stable_id, text_hash

MIN_SHARED = 2
MIN_OVERLAP = 0.2
_NAME = re.compile(r"\b[A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&'’-]*)*")
_NOT_NAMES = frozenset(
    "a an and as at but by for from he her his i if in it its mr mrs ms no not of on or our"
    " she so that the their there these they this those to we what when where which who why"
    " with you monday tuesday wednesday thursday friday saturday sunday january february march"
    " april may june july august september october november december".split()
)
_REPORT_REFERENCES = re.compile(
    r"\b(the|a|this|that|their|recent|today's|yesterday's)\s+(report|article|story|reporting|"
    r"piece|coverage|claims?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StoryDoc:
    """A feed document as grouping sees it."""

    url: str
    feed_id: str
    outlet_names: tuple[str, ...]  # the feed's name and aliases
    role: str
    published: date | None
    text: str
    story_id: str | None = None


def names(text: str) -> frozenset[str]:
    """The capitalised names of a text, lowercased: without leading function words, possessive
    endings, or single words the text also uses in lowercase (sentence-initial "Engineers")."""
    lowercase_words = set(re.findall(r"\b[a-z][\w-]*", text))
    found = set()
    for match in _NAME.finditer(text):
        words = re.sub(r"[’']s\b", "", match.group(0)).split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        if len(words) == 1 and (len(words[0]) < 3 or words[0].lower() in lowercase_words):
            continue
        if words:
            found.add(" ".join(words).lower())
    return frozenset(found)


def refers_to_report(text: str, outlet_names: Sequence[str]) -> bool:
    if _REPORT_REFERENCES.search(text):
        return True
    lowered = text.lower()
    return any(name.lower() in lowered for name in outlet_names if len(name) > 2)


def new_story_id(url: str) -> str:
    return f"story-{stable_id(url, length=10)}"


Aligned = Callable[[StoryDoc, StoryDoc], bool]
Embed = Callable[[list[str]], Mapping[str, npt.NDArray[np.float32]]]


class ClaimsAlign:
    """Whether a rebuttal's claims align with a report's: the closest pair of a claim of each
    reaches `threshold` cosine similarity. A document's claim texts come from `claims` (by
    URL: the new entries'), else from `stored_claims(url)`; `embed(texts)` gives their unit
    vectors by text hash. A document without claims aligns with nothing."""

    def __init__(
        self,
        claims: Mapping[str, Sequence[str]],
        stored_claims: Callable[[str], Sequence[str]],
        embed: Embed,
        threshold: float,
    ) -> None:
        self.claims = dict(claims)
        self.stored_claims = stored_claims
        self.embed = embed
        self.threshold = threshold

    def __call__(self, rebuttal: StoryDoc, report: StoryDoc) -> bool:
        a, b = self._claims_of(rebuttal.url), self._claims_of(report.url)
        if not a or not b:
            return False
        vectors = self.embed(a + b)
        matrix_a = np.stack([vectors[text_hash(t)] for t in a])
        matrix_b = np.stack([vectors[text_hash(t)] for t in b])
        return float((matrix_a @ matrix_b.T).max()) >= self.threshold

    def _claims_of(self, url: str) -> list[str]:
        if url not in self.claims:
            self.claims[url] = self.stored_claims(url)
        return list(self.claims[url])


def assign_stories(
    new: Sequence[StoryDoc],
    known: Sequence[StoryDoc],
    pins: Mapping[str, str],
    window_days: int,
    aligned: Aligned | None = None,
) -> dict[str, str]:
    """The story id of each document of `new` (by URL), given the `known` grouped ones;
    `aligned(rebuttal, report)` says whether their claims align (not checked when None)."""
    placed = [(d, names(d.text)) for d in known if d.story_id]
    result: dict[str, str] = {}
    ordered = sorted(new, key=lambda d: (d.role == "rebuttal", d.published or date.min, d.url))
    for doc in ordered:
        keys = names(doc.text)
        if doc.url in pins:
            story = pins[doc.url]
        elif doc.role == "rebuttal":
            story = _rebutted(doc, keys, placed, window_days, aligned) or new_story_id(doc.url)
        else:
            story = _closest(doc, keys, placed, window_days) or new_story_id(doc.url)
        result[doc.url] = story
        placed.append((replace(doc, story_id=story), keys))
    return result


def _within(a: date | None, b: date | None, days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= days


def _closest(
    doc: StoryDoc, keys: frozenset[str], placed: list[tuple[StoryDoc, frozenset[str]]], days: int
) -> str | None:
    best: tuple[float, str] | None = None
    for other, other_keys in placed:
        if other.role == "rebuttal" or not _within(doc.published, other.published, days):
            continue
        shared = len(keys & other_keys)
        overlap = shared / max(1, len(keys | other_keys))
        if shared >= MIN_SHARED and overlap >= MIN_OVERLAP and (best is None or overlap > best[0]):
            best = (overlap, other.story_id or "")
    return best[1] if best else None


def _rebutted(
    doc: StoryDoc,
    keys: frozenset[str],
    placed: list[tuple[StoryDoc, frozenset[str]]],
    days: int,
    aligned: Aligned | None,
) -> str | None:
    best: tuple[int, str] | None = None
    for report, report_keys in placed:
        if report.role == "rebuttal" or report.feed_id == doc.feed_id:
            continue
        if doc.published and report.published:
            gap = (doc.published - report.published).days
            if gap < -1 or gap > days:  # a rebuttal comes after the report, within days
                continue
        shared = len(keys & report_keys)
        if shared < MIN_SHARED or not refers_to_report(doc.text, report.outlet_names):
            continue
        if aligned is not None and not aligned(doc, report):
            continue
        if best is None or shared > best[0]:
            best = (shared, report.story_id or "")
    return best[1] if best else None
