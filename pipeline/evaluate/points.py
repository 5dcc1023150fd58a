"""Score a run's contradictions against the contested points labelled by hand for its corpus.

The gold file (TOML, e.g. data/demo/contested_points.toml) lists, per case, the `[[point]]`s the
two sides dispute and the `[[agreement]]`s they share. Each names the claims that state it by
fragments of their text: `report` (the outlet's side) and `rebuttal` (the company's side), each
a string or a list of strings when the point is stated in several claims. A judged pair states a
point when one claim holds a `report` fragment and the other a `rebuttal` fragment.

Scores, per case and in all:
- a labelled point is *found* when a pair that states it is judged "contradicts";
- a contested point of the store is *founded* when one of its pairs states a labelled point; the
  others are unfounded: contradictions the reader would not recognise as a dispute;
- an agreement is *contradicted* when a pair that states it is judged "contradicts";
- a labelled point is *falsely agreed* when a pair that states it is judged "agrees": the report
  would show a dispute under "Where the sides agree" (counted whether or not the point is also
  found, with the number of such pairs).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.store import Store

_PAIRS_SQL = """
SELECT p.pair_id, p.case_id, p.label, ca.claim_text, cb.claim_text
FROM claim_pairs p
JOIN claims ca ON ca.claim_id = p.claim_a
JOIN claims cb ON cb.claim_id = p.claim_b
"""
_POINTS_SQL = "SELECT case_id, label, type, score, pair_ids FROM contested_points"


@dataclass(frozen=True)
class GoldPoint:
    case: str
    label: str
    report: tuple[str, ...]
    rebuttal: tuple[str, ...]

    def stated_by(self, a: str, b: str) -> bool:
        """Whether claims with texts `a` and `b` (in either order) state this point."""
        a, b = a.casefold(), b.casefold()
        report = [r.casefold() for r in self.report]
        rebuttal = [r.casefold() for r in self.rebuttal]
        return (any(r in a for r in report) and any(r in b for r in rebuttal)) or (
            any(r in b for r in report) and any(r in a for r in rebuttal)
        )


@dataclass(frozen=True)
class Gold:
    points: tuple[GoldPoint, ...]
    agreements: tuple[GoldPoint, ...]


def load_gold(path: Path) -> Gold:
    """The labelled points and agreements of a gold TOML file (see the module docstring)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not TOML ({exc})") from None

    def entries(key: str) -> tuple[GoldPoint, ...]:
        found = []
        for n, entry in enumerate(data.get(key, []), start=1):
            try:
                found.append(
                    GoldPoint(
                        entry["case"],
                        entry["label"],
                        _fragments(entry["report"]),
                        _fragments(entry["rebuttal"]),
                    )
                )
            except (KeyError, TypeError):
                raise UsageError(
                    f"{path}: [[{key}]] number {n} needs case, label, report and rebuttal"
                ) from None
        return tuple(found)

    gold = Gold(entries("point"), entries("agreement"))
    if not gold.points:
        raise UsageError(f"{path}: no [[point]] entries")
    return gold


def _fragments(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(value)


@dataclass(frozen=True)
class CaseScore:
    case: str
    labelled: int
    found: tuple[str, ...]
    missed: tuple[str, ...]
    points: int
    unfounded: tuple[dict[str, object], ...]
    agreements_contradicted: tuple[str, ...]
    false_agreements: tuple[dict[str, object], ...] = ()


def score_points(db_path: Path, gold: Gold) -> dict[str, object]:
    """Found, missed and unfounded points per case of the store at `db_path`."""
    with Store.open(db_path, read_only=True) as store:
        pairs = store.query(_PAIRS_SQL)[1]
        points = store.query(_POINTS_SQL)[1]
    texts = {pair_id: (a, b) for pair_id, _, _, a, b in pairs}
    scores = []
    for case in sorted({p.case for p in gold.points}):
        labelled = [p for p in gold.points if p.case == case]
        found = tuple(sorted(p.label for p in labelled if any(_stating(p, pairs))))
        case_points = [row for row in points if row[0] == case]
        unfounded = tuple(
            {"label": label, "type": kind, "score": score, "pairs": len(pair_ids)}
            for _, label, kind, score, pair_ids in case_points
            if not any(p.stated_by(*texts[i]) for p in labelled for i in pair_ids)
        )
        contradicted = tuple(
            a.label for a in gold.agreements if a.case == case and any(_stating(a, pairs))
        )
        missed = tuple(sorted({p.label for p in labelled} - set(found)))
        agreeing = ((p.label, _judged(p, pairs).count("agrees")) for p in labelled)
        false = tuple({"label": label, "pairs": n} for label, n in sorted(agreeing) if n)
        scores.append(
            CaseScore(
                case, len(labelled), found, missed, len(case_points), unfounded, contradicted, false
            )
        )
    return {
        "labelled": len(gold.points),
        "found": sum(len(c.found) for c in scores),
        "unfounded_max_per_case": max((len(c.unfounded) for c in scores), default=0),
        "agreements_contradicted": sum(len(c.agreements_contradicted) for c in scores),
        "false_agreements": sum(len(c.false_agreements) for c in scores),
        "cases": {c.case: asdict(c) for c in scores},
    }


def _stating(point: GoldPoint, pairs: Sequence[tuple[str, str, str, str, str]]) -> list[bool]:
    """For each pair of the point's case that states it: whether it is judged "contradicts"."""
    return [label == "contradicts" for label in _judged(point, pairs)]


def _judged(point: GoldPoint, pairs: Sequence[tuple[str, str, str, str, str]]) -> list[str]:
    """The labels of the pairs of the point's case that state it."""
    return [label for _, case, label, a, b in pairs if case == point.case and point.stated_by(a, b)]
