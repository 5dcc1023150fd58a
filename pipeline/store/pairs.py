"""A case's judged claim pairs and contested points, and the key of what they were judged from
(a case whose key is unchanged is not paired again)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.records import ClaimPair, ContestedPoint
from pipeline.store.columns import PAIRS, POINTS, PairRow, PointRow, first_row
from pipeline.store.connection import Connection


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
    ) -> None:
        """Make the case's pairs and contested points exactly `pairs` and `points`, and its
        pairing key `pairs_key`, in one transaction."""
        unique = {p.pair_id: p for p in pairs}
        with self._db.transaction():
            self._db.con.execute("DELETE FROM claim_pairs WHERE case_id = ?", [case_id])
            self._db.con.execute("DELETE FROM contested_points WHERE case_id = ?", [case_id])
            self._db.con.execute(
                "UPDATE cases SET pairs_key = ? WHERE case_id = ?", [pairs_key, case_id]
            )
            self._db.insert_rows(
                POINTS,
                (
                    PointRow(
                        point_id=p.point_id,
                        case_id=case_id,
                        label=p.label,
                        type=p.type,
                        score=p.score,
                        pair_ids=list(p.pair_ids),
                    )
                    for p in points
                ),
            )
            self._db.insert_rows(
                PAIRS,
                (
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
                    )
                    for p in unique.values()
                ),
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
