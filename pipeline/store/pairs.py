"""A case's judged claim pairs and contested points, and the key of what they were judged from
(a case whose key is unchanged is not paired again).

Judging a case again replaces its pairs and points, but nothing is lost: the ones that are no
longer there move to `pair_history` and `point_history`, and a pair judged again (the same two
claims, by `claim_key`, with the same label) keeps when it was first seen. A point was first
seen when its earliest pair was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.hashing import stable_id
from pipeline.records import ClaimPair, ContestedPoint
from pipeline.store.changes import contradiction_changes
from pipeline.store.columns import (
    CHANGES,
    PAIRS,
    POINTS,
    PairRow,
    PointRow,
    dict_rows,
    first_row,
    one_column,
)
from pipeline.store.connection import Connection, now

_IDS = "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"


@dataclass(frozen=True)
class NewCounts:
    """What judging a case found that the store had not seen before."""

    pairs: int = 0
    contradictions: int = 0
    points: int = 0


def pair_key(key_a: str, key_b: str, label: str) -> str:
    """The same pair, whatever version of their documents its claims come from."""
    return stable_id(min(key_a, key_b), max(key_a, key_b), label)


class Pairs:
    """The claim pairs and contested points of each case."""

    def __init__(self, db: Connection) -> None:
        self._db = db

    def replace(
        self,
        case_id: str,
        pairs: Sequence[ClaimPair],
        verdict_version: str,
        points: Sequence[ContestedPoint] = (),
        pairs_key: str | None = None,
        run_id: str = "",
    ) -> NewCounts:
        """Make the case's pairs and contested points exactly `pairs` and `points`, and its
        pairing key `pairs_key`, in one transaction; the ones they replace move to the
        history tables, and the contradictions that the run's new document versions made
        appear or go are added to `version_changes`. Returns what is new."""
        unique = {p.pair_id: p for p in pairs}
        at = now().isoformat()
        con = self._db.con
        with self._db.transaction():
            claims = {
                r["claim_id"]: (r["claim_key"], r["version_id"])
                for r in dict_rows(
                    con.execute(
                        "SELECT claim_id, claim_key, version_id FROM claims WHERE case_id = ?",
                        [case_id],
                    )
                )
            }
            seen = {
                r["pair_key"]: (r["us"], r["at"], r["run"])
                for r in dict_rows(
                    con.execute(
                        "SELECT pair_key, epoch_us(min(first_seen_at)) AS us,"
                        " CAST(min(first_seen_at) AS VARCHAR) AS at,"
                        " arg_min(first_seen_run, first_seen_at) AS run FROM ("
                        " SELECT pair_key, first_seen_at, first_seen_run FROM claim_pairs"
                        " WHERE case_id = ? UNION ALL"
                        " SELECT pair_key, first_seen_at, first_seen_run FROM pair_history"
                        " WHERE case_id = ?) WHERE pair_key IS NOT NULL GROUP BY pair_key",
                        [case_id, case_id],
                    )
                )
            }
            pair_rows: list[PairRow] = []
            firsts: dict[str, tuple[int, str, str] | None] = {}  # None: first seen now
            counts = {"pairs": 0, "contradictions": 0, "points": 0}
            for p in unique.values():
                key_a, version_a = claims.get(p.claim_a, (p.claim_a, None))
                key_b, version_b = claims.get(p.claim_b, (p.claim_b, None))
                key = pair_key(key_a, key_b, p.verdict.label)
                first = firsts[p.pair_id] = seen.get(key)
                _, first_at, first_run = first or (0, at, run_id)
                if first is None:
                    counts["pairs"] += 1
                    counts["contradictions"] += p.verdict.label == "contradicts"
                pair_rows.append(
                    PairRow(
                        pair_id=p.pair_id,
                        case_id=case_id,
                        claim_a=p.claim_a,
                        claim_b=p.claim_b,
                        similarity=p.similarity,
                        label=p.verdict.label,
                        score=p.verdict.score,
                        type=p.verdict.type,
                        reason=p.verdict.reason,
                        evidence=list(p.verdict.evidence),
                        verdict_version=verdict_version,
                        pair_key=key,
                        version_a=version_a,
                        version_b=version_b,
                        first_seen_run=first_run,
                        first_seen_at=first_at,
                    )
                )
            point_rows = []
            for t in points:
                earlier = [f for i in t.pair_ids if (f := firsts.get(i)) is not None]
                _, first_at, first_run = min(earlier, default=(0, at, run_id))
                counts["points"] += not earlier
                point_rows.append(
                    PointRow(
                        point_id=t.point_id,
                        case_id=case_id,
                        label=t.label,
                        type=t.type,
                        score=t.score,
                        pair_ids=list(t.pair_ids),
                        first_seen_run=first_run,
                        first_seen_at=first_at,
                    )
                )
            self._retire(case_id, pair_rows, [t.point_id for t in points], run_id, at)
            con.execute("DELETE FROM claim_pairs WHERE case_id = ?", [case_id])
            con.execute("DELETE FROM contested_points WHERE case_id = ?", [case_id])
            con.execute("UPDATE cases SET pairs_key = ? WHERE case_id = ?", [pairs_key, case_id])
            self._db.insert_rows(POINTS, point_rows)
            self._db.insert_rows(PAIRS, pair_rows)
            if run_id:  # the contradictions its documents' new versions made appear or go
                changes = contradiction_changes(con, case_id, run_id, at)
                self._db.insert_rows(CHANGES, changes, "ON CONFLICT DO NOTHING")
        return NewCounts(counts["pairs"], counts["contradictions"], counts["points"])

    def _retire(
        self, case_id: str, pairs: list[PairRow], point_ids: list[str], run_id: str, at: str
    ) -> None:
        """Move the case's pairs and points that are not among the new ones to the history: a
        pair stays only with the same id, claim versions and label (a claim of a new version
        may keep its id: same document, kind and offsets); a point stays with the same id and
        none of its pairs retired."""
        con = self._db.con
        kept = json.dumps(
            [_identity(p["pair_id"], p["version_a"], p["version_b"], p["label"]) for p in pairs]
        )
        retiring = f"case_id = ? AND {_IDENTITY_SQL} NOT IN {_IDS}"
        retired = json.dumps(
            one_column(
                con.execute(
                    f"SELECT DISTINCT pair_id FROM claim_pairs WHERE {retiring}", [case_id, kept]
                )
            )
        )
        names = ", ".join(f'"{c}"' for c in PAIRS.columns)
        con.execute(
            f"INSERT INTO pair_history ({names}, retired_run, retired_at)"
            f" SELECT {names}, ?, ?::TIMESTAMPTZ FROM claim_pairs WHERE {retiring}",
            [run_id, at, case_id, kept],
        )
        names = ", ".join(f'"{c}"' for c in POINTS.columns)
        con.execute(
            f"INSERT INTO point_history ({names}, retired_run, retired_at)"
            f" SELECT {names}, ?, ?::TIMESTAMPTZ FROM contested_points"
            f" WHERE case_id = ? AND (point_id NOT IN {_IDS}"
            " OR len(list_intersect(pair_ids, from_json(?::JSON, '[\"VARCHAR\"]'))) > 0)",
            [run_id, at, case_id, json.dumps(point_ids), retired],
        )

    def case_inputs(self, case_id: str) -> tuple[str | None, str]:
        """The key the case's pairs were judged from, and what its documents' analyses are
        now."""
        row = first_row(
            self._db.con.execute(
                "SELECT (SELECT pairs_key FROM cases WHERE case_id = ?) AS pairs_key,"
                " coalesce(string_agg(analysis_key, ',' ORDER BY document_id), '') AS analyses"
                " FROM documents WHERE case_id = ?",
                [case_id, case_id],
            )
        )
        return (row["pairs_key"], row["analyses"]) if row else (None, "")


# what a stored pair must match to stay (`_identity` in Python)
_IDENTITY_SQL = "concat_ws('|', pair_id, coalesce(version_a, ''), coalesce(version_b, ''), label)"


def _identity(pair_id: str, version_a: str | None, version_b: str | None, label: str) -> str:
    return "|".join((pair_id, version_a or "", version_b or "", label))
