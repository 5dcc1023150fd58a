"""What changed when a document got a new version: rows of `version_changes`.

Between the version a document had and the one a run stores:
- the text, by sentences (`difflib` over the two lists of sentences): `sentence_added`,
  `sentence_removed`, and `sentence_changed` where a sentence of a replaced run of sentences
  matches one of its replacements closely enough (old and new text both kept);
- its claims, by `claim_key`: `claim_added`, `claim_removed`;
- its correction notices: `correction_added`;
written with the new version, in the same transaction (`document_changes`). And, when the
run judges the case again, the contradicting pairs with a claim of that document that the
new version made appear (first seen in that run, a claim of the new version) or go (retired by
that run, a claim of the old version, no pair with the same `pair_key` left):
`contradiction_appeared`, `contradiction_gone`, written with the pairs (`contradiction_changes`).
Only what differs is kept, never the whole texts: `document_versions` has those.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from pipeline.hashing import stable_id
from pipeline.store.columns import ChangeRow, dict_rows

# A sentence ends at a stop (closing quotes or brackets may follow) before what starts one.
_SENTENCE_END = re.compile(r"""(?<=[.!?])["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018(\[]?[A-Z0-9])""")
# How alike two sentences must be (difflib's ratio over their words) to be one sentence changed.
CHANGED_RATIO = 0.6

KINDS = (
    "sentence_removed",
    "sentence_added",
    "sentence_changed",
    "claim_removed",
    "claim_added",
    "correction_added",
    "contradiction_gone",
    "contradiction_appeared",
)


@dataclass(frozen=True)
class Change:
    """One item of a change: its kind, the text before and after, what it names."""

    kind: str
    old_text: str | None = None
    new_text: str | None = None
    claim_key: str | None = None
    pair_key: str | None = None
    other_party: str | None = None
    other_text: str | None = None


@dataclass(frozen=True)
class Transition:
    """A document going from one version to another in a run."""

    document_id: str
    case_id: str
    from_version: str
    to_version: str
    run_id: str
    at: str


def sentences(text: str) -> list[str]:
    """The sentences of `text`, paragraph by paragraph (a line is a paragraph), stripped."""
    found: list[str] = []
    for line in text.splitlines():
        found.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return found


def sentence_changes(old: str, new: str) -> list[Change]:
    """The sentences removed, added and changed from `old` to `new`, in text order."""
    before, after = sentences(old), sentences(new)
    found: list[Change] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        found.extend(_replaced(before[i1:i2], after[j1:j2]))
    return found


def _replaced(before: Sequence[str], after: Sequence[str]) -> list[Change]:
    """A run of sentences replaced by another: each old sentence paired with the first unpaired
    new one alike enough (in order), the rest removed or added."""
    found: list[Change] = []
    j = 0
    for old in before:
        match = next(
            (k for k in range(j, len(after)) if _alike(old, after[k]) >= CHANGED_RATIO), None
        )
        if match is None:
            found.append(Change("sentence_removed", old_text=old))
            continue
        found.extend(Change("sentence_added", new_text=s) for s in after[j:match])
        found.append(Change("sentence_changed", old_text=old, new_text=after[match]))
        j = match + 1
    found.extend(Change("sentence_added", new_text=s) for s in after[j:])
    return found


def _alike(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def claim_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    """Claims removed and added, by `claim_key` (each mapping: key -> claim text)."""
    removed = [
        Change("claim_removed", old_text=t, claim_key=k) for k, t in old.items() if k not in new
    ]
    added = [Change("claim_added", new_text=t, claim_key=k) for k, t in new.items() if k not in old]
    return removed + added


def correction_changes(old: Sequence[str] | None, new: Sequence[str]) -> list[Change]:
    """The correction notices of the new version that the old one did not have (none when the
    old version's notices were never read: stored before they were)."""
    if old is None:
        return []
    return [Change("correction_added", new_text=n) for n in new if n not in old]


def change_rows(transition: Transition, changes: Sequence[Change]) -> list[ChangeRow]:
    """The rows of `changes`, numbered in order within their part (sentences, claims,
    corrections, contradictions: the kind's first word)."""
    t = transition
    rows: list[ChangeRow] = []
    seqs: dict[str, int] = {}
    for c in changes:
        part = c.kind.split("_")[0]
        seq = seqs[part] = seqs.get(part, 0) + 1
        rows.append(
            ChangeRow(
                change_id=stable_id(t.run_id, t.from_version, t.to_version, c.kind, seq),
                document_id=t.document_id,
                case_id=t.case_id,
                from_version=t.from_version,
                to_version=t.to_version,
                run_id=t.run_id,
                changed_at=t.at,
                kind=c.kind,
                seq=seq,
                old_text=c.old_text,
                new_text=c.new_text,
                claim_key=c.claim_key,
                pair_key=c.pair_key,
                other_party=c.other_party,
                other_text=c.other_text,
            )
        )
    return rows


# The contradicting pairs of a case that its documents' changes in a run made go or appear:
# parameters case, run (transitions), case (claims), case, run, case (gone), case, run (new).
_CONTRADICTIONS = """
WITH t AS (
    SELECT DISTINCT document_id, from_version, to_version FROM version_changes
    WHERE case_id = ? AND run_id = ?
), every AS (
    SELECT DISTINCT claim_id, version_id, claim_key, claim_text, party_id FROM (
        SELECT claim_id, version_id, claim_key, claim_text, party_id FROM claims
        WHERE case_id = ? UNION ALL
        SELECT claim_id, version_id, claim_key, claim_text, party_id FROM claim_history
        WHERE case_id = ?)
), gone AS (
    SELECT DISTINCT pair_key, claim_a, version_a, claim_b, version_b FROM pair_history
    WHERE case_id = ? AND retired_run = ? AND label = 'contradicts'
      AND pair_key NOT IN (SELECT pair_key FROM claim_pairs WHERE case_id = ?
                           AND pair_key IS NOT NULL)
), new AS (
    SELECT pair_key, claim_a, version_a, claim_b, version_b FROM claim_pairs
    WHERE case_id = ? AND first_seen_run = ? AND label = 'contradicts'
), sides AS (
    SELECT 'contradiction_gone' AS kind, pair_key, claim_a AS mine, version_a AS my_version,
           claim_b AS other, version_b AS other_version FROM gone
    UNION ALL SELECT 'contradiction_gone', pair_key, claim_b, version_b, claim_a, version_a
    FROM gone
    UNION ALL SELECT 'contradiction_appeared', pair_key, claim_a, version_a, claim_b, version_b
    FROM new
    UNION ALL SELECT 'contradiction_appeared', pair_key, claim_b, version_b, claim_a, version_a
    FROM new
)
SELECT t.document_id, t.from_version, t.to_version, s.kind, s.pair_key, m.claim_key,
       m.claim_text, o.party_id AS other_party, o.claim_text AS other_text
FROM sides s
JOIN t ON s.my_version = CASE s.kind WHEN 'contradiction_gone' THEN t.from_version
                                     ELSE t.to_version END
JOIN every m ON m.claim_id = s.mine AND m.version_id = s.my_version
LEFT JOIN every o ON o.claim_id = s.other AND o.version_id = s.other_version
ORDER BY t.document_id, s.kind, m.claim_text, o.claim_text, s.pair_key
"""


def contradiction_changes(con: Any, case_id: str, run_id: str, at: str) -> list[ChangeRow]:
    """The contradictions that appeared or went in `case_id` because of the document versions
    `run_id` stored (call after the run's judging of the case is written)."""
    if (
        con.execute(
            "SELECT 1 FROM version_changes WHERE case_id = ? AND run_id = ? LIMIT 1",
            [case_id, run_id],
        ).fetchone()
        is None
    ):
        return []
    found = dict_rows(
        con.execute(
            _CONTRADICTIONS,
            [case_id, run_id, case_id, case_id, case_id, run_id, case_id, case_id, run_id],
        )
    )
    by_transition: dict[tuple[str, str, str], list[Change]] = {}
    for r in found:
        text = r["claim_text"]
        by_transition.setdefault((r["document_id"], r["from_version"], r["to_version"]), []).append(
            Change(
                r["kind"],
                old_text=text if r["kind"] == "contradiction_gone" else None,
                new_text=text if r["kind"] == "contradiction_appeared" else None,
                claim_key=r["claim_key"],
                pair_key=r["pair_key"],
                other_party=r["other_party"],
                other_text=r["other_text"],
            )
        )
    rows: list[ChangeRow] = []
    for (document_id, old, new), changes in by_transition.items():
        transition = Transition(document_id, case_id, old, new, run_id, at)
        rows.extend(change_rows(transition, changes))
    return rows
