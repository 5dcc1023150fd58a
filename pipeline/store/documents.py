"""Documents with their entities and claims: written together with their sources' outcomes,
and read back as records (a claim's spans point into its document's text)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.errors import ClaimtrackError
from pipeline.hashing import stable_id, text_hash
from pipeline.records import Claim, Document, Entity, FetchState, SourceOutcome, Span
from pipeline.store.changes import (
    Transition,
    change_rows,
    claim_changes,
    correction_changes,
    sentence_changes,
)
from pipeline.store.columns import (
    CHANGES,
    CLAIMS,
    DOCUMENT,
    DOCUMENTS,
    ENTITIES,
    VERSIONS,
    ChangeRow,
    ClaimRow,
    DocumentRow,
    EntityRow,
    PieceRow,
    VersionRow,
    dict_rows,
    first_row,
    one_column,
    one_value,
    select_list,
)
from pipeline.store.connection import Connection, now
from pipeline.store.sources import Sources

# a JSON list of ids, bound as one parameter
_IDS = "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"


@dataclass(frozen=True)
class Sighting:
    """Where a claim row belongs (its version, its key) and when it was first seen."""

    version_id: str
    claim_key: str
    first_seen_run: str
    first_seen_at: str


def version_id(document: Document) -> str:
    """The id of the document's version: its document and its text."""
    return stable_id(document.document_id, text_hash(document.text))


def claim_key(claim: Claim) -> str:
    """What makes a claim the same claim in another version of its document: its side, kind,
    speaker and words (not its offsets, which move when the text around it changes)."""
    return stable_id(claim.party, claim.kind, claim.speaker_name or "", claim.text)


def _first_sightings(con: Any, ids_json: str) -> dict[tuple[str, str], tuple[int, str, str]]:
    """The first sighting of each claim key of the documents `ids_json` in any of their
    versions, by (document, key): (microseconds since the epoch, time as text, run)."""
    rows = dict_rows(
        con.execute(
            "SELECT document_id, claim_key, epoch_us(min(first_seen_at)) AS us,"
            " CAST(min(first_seen_at) AS VARCHAR) AS at,"
            " arg_min(first_seen_run, first_seen_at) AS run FROM ("
            " SELECT document_id, claim_key, first_seen_at, first_seen_run FROM claims"
            f" WHERE document_id IN {_IDS} UNION ALL"
            " SELECT document_id, claim_key, first_seen_at, first_seen_run FROM claim_history"
            f" WHERE document_id IN {_IDS}) GROUP BY ALL",
            [ids_json, ids_json],
        )
    )
    return {(r["document_id"], r["claim_key"]): (r["us"], r["at"], r["run"]) for r in rows}


@dataclass(frozen=True)
class AnalysedDocument:
    """One analysed document as the store writes it: text, entities, claims, source outcome."""

    document: Document
    analysis_key: str
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    outcome: SourceOutcome
    state: FetchState | None = None
    replaces: str | None = None  # a stored document this one takes the place of
    corrections: tuple[str, ...] = ()  # its text's correction and update notices


class Documents:
    """The stored documents, their entities and their claims."""

    def __init__(self, db: Connection, sources: Sources) -> None:
        self._db = db
        self._sources = sources

    def analysis_key(self, document_id: str) -> str | None:
        """What the stored analysis of the document was made from, if it is stored."""
        key: str | None = one_value(
            self._db.con.execute(
                "SELECT analysis_key FROM documents WHERE document_id = ?", [document_id]
            )
        )
        return key

    def with_content(self, case_id: str, content_hash: str) -> str | None:
        """The id of a stored document of `case_id` with this exact text, if any."""
        document_id: str | None = one_value(
            self._db.con.execute(
                "SELECT min(document_id) FROM documents WHERE case_id = ? AND content_hash = ?",
                [case_id, content_hash],
            )
        )
        return document_id

    def load(self, document_id: str) -> Document:
        row = first_row(
            self._db.con.execute(
                f"SELECT {DOCUMENT.select()} FROM documents WHERE document_id = ?", [document_id]
            )
        )
        if row is None:
            raise ClaimtrackError(f"no document {document_id} in the store")
        return DOCUMENT.build(row)

    def replace(
        self, items: Sequence[AnalysedDocument], extractor_version: str, run_id: str
    ) -> tuple[int, int]:
        """Write documents with their entities and claims, and their sources' outcomes and
        validators, in one transaction: a chunk of documents costs a few statements, not a few
        per document, and a run killed before the commit leaves the last good versions.
        An item's `replaces` names a stored document it takes the place of (deleted with it).

        Nothing is lost: each distinct text is a row of `document_versions` (seen again, its
        last sighting moves on), and the claims of a version that stops being current move to
        `claim_history`. A claim keeps the first sighting of the same claim (`claim_key`) in
        an earlier version of its document. What changed from a document's previous version
        (sentences, claims, correction notices) goes to `version_changes` (`changes`).
        Returns how many versions and claims are new."""
        at = now().isoformat()
        ids = list(
            dict.fromkeys(
                [i.document.document_id for i in items] + [i.replaces for i in items if i.replaces]
            )
        )
        ids_json = json.dumps(ids)
        current = {i.document.document_id: version_id(i.document) for i in items}
        with self._db.transaction():
            con = self._db.con
            stored = {
                r["document_id"]: r["version_id"]
                for r in dict_rows(
                    con.execute(
                        f"SELECT document_id, version_id FROM documents"
                        f" WHERE document_id IN {_IDS}",
                        [ids_json],
                    )
                )
            }
            known = set(
                one_column(
                    con.execute(
                        f"SELECT version_id FROM document_versions WHERE version_id IN {_IDS}",
                        [json.dumps(list(current.values()))],
                    )
                )
            )
            seen = _first_sightings(con, ids_json)
            retiring = [d for d, v in stored.items() if current.get(d) != v]
            changes = _changes(con, items, stored, current, run_id, at)
            names = ", ".join(f'"{c}"' for c in CLAIMS.columns)
            con.execute(
                f"INSERT INTO claim_history ({names}, superseded_run, superseded_at)"
                f" SELECT {select_list(CLAIMS, 'c')}, ?, ?::TIMESTAMPTZ FROM claims c"
                f" WHERE c.document_id IN {_IDS} AND NOT EXISTS (SELECT 1 FROM claim_history h"
                " WHERE h.version_id = c.version_id AND h.claim_id = c.claim_id)",
                [run_id, at, json.dumps(retiring)],
            )
            for table in (ENTITIES, CLAIMS, DOCUMENTS):
                con.execute(f"DELETE FROM {table.name} WHERE document_id IN {_IDS}", [ids_json])
            self._db.insert_rows(DOCUMENTS, (_document_row(i) for i in items))
            versions = {current[i.document.document_id]: i for i in items}
            self._db.insert_rows(
                VERSIONS,
                (_version_row(i, run_id, at) for i in versions.values()),
                "ON CONFLICT DO UPDATE SET last_seen_run = excluded.last_seen_run,"
                " last_seen_at = excluded.last_seen_at, analysis_key = excluded.analysis_key,"
                " corrections = excluded.corrections",
            )
            self._db.insert_rows(CHANGES, changes, "ON CONFLICT DO NOTHING")
            self._db.insert_rows(
                ENTITIES,
                (
                    _entity_row(i.document, e)
                    for i in items
                    # a repeated key would be dropped silently
                    for e in {(e.start, e.end, e.label): e for e in i.entities}.values()
                ),
            )
            claims: list[ClaimRow] = []
            new_claims = 0
            for i in items:
                document = i.document
                earlier = [d for d in (document.document_id, i.replaces) if d]
                for c in {c.claim_id: c for c in i.claims}.values():
                    key = claim_key(c)
                    sightings = [seen[d, key] for d in earlier if (d, key) in seen]
                    _, first_at, first_run = min(sightings) if sightings else (0, at, run_id)
                    new_claims += not sightings
                    claims.append(
                        _claim_row(
                            document,
                            c,
                            extractor_version,
                            Sighting(current[document.document_id], key, first_run, first_at),
                        )
                    )
            self._db.insert_rows(CLAIMS, claims)
            self._sources.record_outcomes(
                [(i.outcome, i.document.fetched_at, i.state) for i in items], run_id
            )
        return len(set(versions) - known), new_claims

    def case_claims(self, case_id: str) -> list[Claim]:
        rows = dict_rows(
            self._db.con.execute(
                f"SELECT {select_list(CLAIMS, 'c')}, d.text AS document_text"
                " FROM claims c JOIN documents d USING (document_id)"
                " WHERE c.case_id = ? ORDER BY c.claim_id",
                [case_id],
            )
        )
        return [_claim(row) for row in rows]


def _changes(
    con: Any,
    items: Sequence[AnalysedDocument],
    stored: Mapping[str, str],
    current: Mapping[str, str],
    run_id: str,
    at: str,
) -> list[ChangeRow]:
    """What changed for each item whose document (or the one it replaces) had another version:
    its sentences, claims (by key) and correction notices; read before the old claims go."""
    moves: list[tuple[AnalysedDocument, str, str]] = []  # item, earlier document, its version
    for i in items:
        new = current[i.document.document_id]
        earlier = next((d for d in (i.document.document_id, i.replaces) if d and d in stored), None)
        if earlier is not None and stored[earlier] != new:
            moves.append((i, earlier, stored[earlier]))
    if not moves:
        return []
    olds = json.dumps([v for _, _, v in moves])
    versions = {
        r["version_id"]: (r["text"], r["corrections"])
        for r in dict_rows(
            con.execute(
                f"SELECT version_id, text, corrections FROM document_versions"
                f" WHERE version_id IN {_IDS}",
                [olds],
            )
        )
    }
    old_claims: dict[str, dict[str, str]] = {}
    for r in dict_rows(
        con.execute(
            f"SELECT document_id, claim_key, claim_text FROM claims"
            f" WHERE document_id IN {_IDS} ORDER BY content_start, claim_id",
            [json.dumps([d for _, d, _ in moves])],
        )
    ):
        old_claims.setdefault(r["document_id"], {})[r["claim_key"]] = r["claim_text"]
    rows: list[ChangeRow] = []
    for item, earlier, old_version in moves:
        if old_version not in versions:
            continue
        old_text, old_corrections = versions[old_version]
        d = item.document
        new_claims = {
            claim_key(c): c.text for c in sorted(item.claims, key=lambda c: c.content.start)
        }
        transition = Transition(
            d.document_id, d.case_id, old_version, current[d.document_id], run_id, at
        )
        rows.extend(
            change_rows(
                transition,
                sentence_changes(old_text, d.text)
                + claim_changes(old_claims.get(earlier, {}), new_claims)
                + correction_changes(old_corrections, item.corrections),
            )
        )
    return rows


def _document_row(item: AnalysedDocument) -> DocumentRow:
    d = item.document
    return DocumentRow(
        document_id=d.document_id,
        source_id=d.source_id,
        case_id=d.case_id,
        url=d.url,
        title=d.title,
        site_name=d.site_name,
        author=d.author,
        published=d.published,
        language=d.language,
        text=d.text,
        content_hash=d.content_hash,
        analysis_key=item.analysis_key,
        fetched_at=d.fetched_at,
        canonical_url=d.canonical_url,
        version_id=version_id(d),
    )


def _version_row(item: AnalysedDocument, run_id: str, at: str) -> VersionRow:
    d = item.document
    return VersionRow(
        version_id=version_id(d),
        document_id=d.document_id,
        source_id=d.source_id,
        case_id=d.case_id,
        url=d.url,
        canonical_url=d.canonical_url,
        title=d.title,
        site_name=d.site_name,
        author=d.author,
        published=d.published,
        language=d.language,
        text=d.text,
        text_hash=text_hash(d.text),
        content_hash=d.content_hash,
        analysis_key=item.analysis_key,
        fetched_at=d.fetched_at,
        first_seen_run=run_id,
        first_seen_at=at,
        last_seen_run=run_id,
        last_seen_at=at,
        corrections=list(item.corrections),
    )


def _entity_row(d: Document, e: Entity) -> EntityRow:
    return EntityRow(
        entity_id=stable_id(d.document_id, e.start, e.end, e.label),
        document_id=d.document_id,
        text=e.text,
        label=e.label,
        start_char=e.start,
        end_char=e.end,
    )


def _claim_row(d: Document, c: Claim, extractor_version: str, seen: Sighting) -> ClaimRow:
    return ClaimRow(
        claim_id=c.claim_id,
        document_id=d.document_id,
        case_id=d.case_id,
        party_id=c.party,
        kind=c.kind,
        speaker_name=c.speaker_name,
        speaker_text=c.speaker.text if c.speaker else None,
        speaker_start=c.speaker.start if c.speaker else None,
        speaker_end=c.speaker.end if c.speaker else None,
        cue_text=c.cue.text if c.cue else None,
        cue_start=c.cue.start if c.cue else None,
        cue_end=c.cue.end if c.cue else None,
        content_text=c.content.text,
        content_start=c.content.start,
        content_end=c.content.end,
        sentence_start=c.sentence.start,
        sentence_end=c.sentence.end,
        polarity=c.polarity,
        hedged=c.hedged,
        entities=list(c.entities),
        text_hash=text_hash(c.text),
        extractor_version=extractor_version,
        claim_text=c.text,
        content_parts=[PieceRow(start=p.start, end=p.end) for p in c.pieces],
        quantities=list(c.quantities),
        dates=list(c.dates),
        version_id=seen.version_id,
        claim_key=seen.claim_key,
        first_seen_run=seen.first_seen_run,
        first_seen_at=seen.first_seen_at,
    )


def _claim(row: Mapping[str, Any]) -> Claim:
    """A claim from its row and its document's text (`document_text`)."""
    text = row["document_text"]
    parts = tuple(
        Span(text[p["start"] : p["end"]], p["start"], p["end"]) for p in row["content_parts"]
    )
    sentence_start, sentence_end = row["sentence_start"], row["sentence_end"]
    return Claim(
        parts=parts if len(parts) > 1 else (),
        quantities=tuple(row["quantities"]),
        dates=tuple(row["dates"]),
        kind=row["kind"],
        content=Span(row["content_text"], row["content_start"], row["content_end"]),
        sentence=Span(text[sentence_start:sentence_end], sentence_start, sentence_end),
        speaker=_span(row, "speaker"),
        cue=_span(row, "cue"),
        polarity=row["polarity"],
        hedged=row["hedged"],
        speaker_name=row["speaker_name"],
        party=row["party_id"],
        claim_id=row["claim_id"],
        document_id=row["document_id"],
        entities=tuple(row["entities"]),
    )


def _span(row: Mapping[str, Any], name: str) -> Span | None:
    """The span stored as the columns `{name}_text`, `{name}_start` and `{name}_end`, if any."""
    text = row[f"{name}_text"]
    return None if text is None else Span(text, row[f"{name}_start"], row[f"{name}_end"])
