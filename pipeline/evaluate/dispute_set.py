"""A labelled dispute set on disk: `index.json`, `cases.toml` (a seeds file) and `texts/`.

`index.json` holds `texts` (each with its `id`, `case_id`, `role`, `chars` and `sha256`) and
`points`: per labelled point its `case_id`, `point` (a description), `kind` ("contradiction" or
"agreement") and two `sides`, each a `side` name ("Claim" / "Counter-claim" for a contradiction,
the report side first; "A" / "B" for an agreement), the `text_id` and the `[start, end)` character
span of the sentence or clause that states it in `texts/<text_id>.txt`. `cases.toml` declares each
case's parties and one source per text (`texts/<id>.txt`), as a user would.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import UsageError
from pipeline.records import Case
from pipeline.seeds import load_seeds

INDEX = "index.json"
SEEDS = "cases.toml"


@dataclass(frozen=True)
class Side:
    """One side of a labelled point: the span of `text_id` that states it."""

    side: str
    text_id: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledPoint:
    number: int  # its place in index.json, from 0
    case_id: str
    label: str
    kind: str  # "contradiction" or "agreement"
    sides: tuple[Side, Side]


@dataclass(frozen=True)
class LabelledText:
    text_id: str
    case_id: str
    chars: int
    sha256: str


@dataclass(frozen=True)
class DisputeSet:
    folder: Path
    seeds: Path
    cases: tuple[Case, ...]
    texts: tuple[LabelledText, ...]
    points: tuple[LabelledPoint, ...]

    def side_parties(self, case_id: str) -> tuple[str | None, str | None]:
        """The party of the case's report sources and of its rebuttal sources (the one with
        the most sources of that role; ties to the first declared)."""
        case = next((c for c in self.cases if c.id == case_id), None)
        if case is None:
            return None, None
        roles: dict[str, Counter[str]] = {}
        for source in case.sources:
            roles.setdefault(source.role, Counter())[source.party] += 1

        def top(role: str) -> str | None:
            counts = roles.get(role)
            return counts.most_common(1)[0][0] if counts else None

        return top("report"), top("rebuttal")

    def text(self, text_id: str) -> str:
        """The text `texts/<text_id>.txt` of the set, as its offsets count it."""
        path = self.folder / "texts" / f"{text_id}.txt"
        try:
            return path.read_text("utf-8")
        except OSError as exc:
            raise UsageError(f"{path}: cannot read a labelled text ({exc.strerror})") from None


def is_dispute_set(path: Path) -> bool:
    """Whether `path` is a folder in this format (it has an index.json)."""
    return path.is_dir() and (path / INDEX).is_file()


def load_dispute_set(folder: Path) -> DisputeSet:
    """The labelled points, texts and cases of the set in `folder`."""
    if not is_dispute_set(folder):
        raise UsageError(f"{folder}: no {INDEX} (not a labelled dispute set)")
    seeds = folder / SEEDS
    if not seeds.is_file():
        raise UsageError(f"{folder}: no {SEEDS}")
    try:
        index = json.loads((folder / INDEX).read_text("utf-8"))
        texts = tuple(_text(t) for t in index["texts"])
        points = tuple(_point(n, p) for n, p in enumerate(index["points"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{folder / INDEX}: not a dispute index ({exc!r})") from None
    return DisputeSet(folder, seeds, tuple(load_seeds(seeds)), texts, points)


def _text(entry: dict[str, Any]) -> LabelledText:
    return LabelledText(
        str(entry["id"]), str(entry["case_id"]), int(entry["chars"]), str(entry["sha256"])
    )


def _point(number: int, entry: dict[str, Any]) -> LabelledPoint:
    first, second = (
        Side(str(s["side"]), str(s["text_id"]), int(s["start"]), int(s["end"]))
        for s in entry["sides"]
    )
    return LabelledPoint(
        number,
        str(entry["case_id"]),
        str(entry["point"]),
        str(entry.get("kind", "contradiction")),
        (first, second),
    )
