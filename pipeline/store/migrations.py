"""Numbered schema migrations. Append new ones; never edit one that has shipped.

An old store upgrades itself on open: each migration not yet in `schema_migrations` runs once,
in order, in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "initial schema",
        """
        CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            status VARCHAR NOT NULL,          -- running, ok, partial, failed
            seeds VARCHAR,
            sources_ok INTEGER,
            sources_unchanged INTEGER,
            sources_failed INTEGER,
            documents_analysed INTEGER,
            claims_added INTEGER,
            pairs INTEGER,
            contradictions INTEGER,
            error VARCHAR,
            claimtrack_version VARCHAR NOT NULL,
            duckdb_version VARCHAR NOT NULL,
            storage_version VARCHAR
        );
        CREATE TABLE cases (
            case_id VARCHAR PRIMARY KEY,
            title VARCHAR NOT NULL
        );
        CREATE TABLE parties (
            case_id VARCHAR NOT NULL,
            party_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            aliases VARCHAR[] NOT NULL,
            neutral BOOLEAN NOT NULL,
            PRIMARY KEY (case_id, party_id)
        );
        CREATE TABLE sources (
            source_id VARCHAR PRIMARY KEY,
            case_id VARCHAR NOT NULL,
            location VARCHAR NOT NULL,
            party_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,            -- report, rebuttal, coverage
            status VARCHAR NOT NULL,          -- ok, unchanged, failed
            error VARCHAR,
            document_id VARCHAR,
            last_run_id VARCHAR,
            last_fetched_at TIMESTAMPTZ
        );
        CREATE TABLE documents (
            document_id VARCHAR PRIMARY KEY,
            source_id VARCHAR NOT NULL,
            case_id VARCHAR NOT NULL,
            url VARCHAR NOT NULL,
            title VARCHAR,
            site_name VARCHAR,
            author VARCHAR,
            published VARCHAR,
            language VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            analysis_key VARCHAR NOT NULL,
            fetched_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE entities (
            entity_id VARCHAR PRIMARY KEY,
            document_id VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL
        );
        CREATE TABLE claims (
            claim_id VARCHAR PRIMARY KEY,
            document_id VARCHAR NOT NULL,
            case_id VARCHAR NOT NULL,
            party_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,            -- direct, indirect, according_to, asserted
            speaker_name VARCHAR,
            speaker_text VARCHAR,
            speaker_start INTEGER,
            speaker_end INTEGER,
            cue_text VARCHAR,
            cue_start INTEGER,
            cue_end INTEGER,
            content_text VARCHAR NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            polarity VARCHAR NOT NULL,        -- asserted, denied
            hedged BOOLEAN NOT NULL,
            entities VARCHAR[] NOT NULL,
            text_hash VARCHAR NOT NULL,
            extractor_version VARCHAR NOT NULL
        );
        CREATE TABLE embeddings (
            text_hash VARCHAR PRIMARY KEY,
            model VARCHAR NOT NULL,
            vector FLOAT[384] NOT NULL
        );
        CREATE TABLE claim_pairs (
            pair_id VARCHAR PRIMARY KEY,
            case_id VARCHAR NOT NULL,
            claim_a VARCHAR NOT NULL,
            claim_b VARCHAR NOT NULL,
            similarity DOUBLE NOT NULL,
            label VARCHAR NOT NULL,           -- contradicts, agrees, unrelated
            score DOUBLE NOT NULL,
            type VARCHAR NOT NULL,            -- quantity, negation, denial, cause, antonym, none
            reason VARCHAR NOT NULL,
            evidence VARCHAR[] NOT NULL,
            verdict_version VARCHAR NOT NULL
        );
        """,
    ),
    (
        2,
        "claim pieces, claim text, quantities and dates",
        """
        ALTER TABLE claims ADD COLUMN claim_text VARCHAR;
        ALTER TABLE claims ADD COLUMN content_parts STRUCT(start INTEGER, "end" INTEGER)[];
        ALTER TABLE claims ADD COLUMN quantities VARCHAR[];
        ALTER TABLE claims ADD COLUMN dates VARCHAR[];
        UPDATE claims SET
            claim_text = content_text,
            content_parts = [{'start': content_start, 'end': content_end}],
            quantities = [],
            dates = [];
        """,
    ),
    (
        3,
        "contested points",
        """
        CREATE TABLE contested_points (
            point_id VARCHAR PRIMARY KEY,
            case_id VARCHAR NOT NULL,
            label VARCHAR NOT NULL,           -- words both sides use, and the type
            type VARCHAR NOT NULL,            -- the most common type of its pairs
            score DOUBLE NOT NULL,            -- its strongest pair's score
            pair_ids VARCHAR[] NOT NULL       -- claim_pairs.pair_id, all "contradicts"
        );
        """,
    ),
    (
        4,
        "nightly runs: fetch state per source, feeds and sitemaps, stories, errors per run",
        """
        ALTER TABLE sources ADD COLUMN kind VARCHAR DEFAULT 'page';   -- page (declared), entry
        ALTER TABLE sources ADD COLUMN feed_id VARCHAR;               -- the feed of an entry
        ALTER TABLE sources ADD COLUMN published VARCHAR;             -- an entry's date
        ALTER TABLE sources ADD COLUMN http_status INTEGER;
        ALTER TABLE sources ADD COLUMN etag VARCHAR;
        ALTER TABLE sources ADD COLUMN last_modified VARCHAR;
        ALTER TABLE sources ADD COLUMN content_hash VARCHAR;
        ALTER TABLE sources ADD COLUMN last_attempt_at TIMESTAMPTZ;
        UPDATE sources SET kind = 'page';
        ALTER TABLE documents ADD COLUMN canonical_url VARCHAR;
        ALTER TABLE cases ADD COLUMN kind VARCHAR DEFAULT 'case';     -- case (declared), story
        ALTER TABLE cases ADD COLUMN pairs_key VARCHAR;               -- what its pairs came from
        UPDATE cases SET kind = 'case';
        ALTER TABLE runs ADD COLUMN sources_skipped INTEGER;
        ALTER TABLE runs ADD COLUMN pid INTEGER;
        CREATE TABLE feeds (
            feed_id VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,            -- feed (RSS/Atom), sitemap
            url VARCHAR NOT NULL,
            name VARCHAR NOT NULL,            -- the outlet its entries speak for
            role VARCHAR NOT NULL,
            status VARCHAR NOT NULL,          -- new, ok, unchanged, failed, skipped
            error VARCHAR,
            http_status INTEGER,
            etag VARCHAR,
            last_modified VARCHAR,
            content_hash VARCHAR,
            entries INTEGER,
            last_run_id VARCHAR,
            last_fetched_at TIMESTAMPTZ,
            last_attempt_at TIMESTAMPTZ
        );
        CREATE TABLE run_sources (
            run_id VARCHAR NOT NULL,
            source_id VARCHAR NOT NULL,       -- sources.source_id or feeds.feed_id
            status VARCHAR NOT NULL,
            error VARCHAR,
            http_status INTEGER,
            PRIMARY KEY (run_id, source_id)
        );
        """,
    ),
    (
        5,
        "gone pages, refused and gone counts per run",
        """
        ALTER TABLE documents ADD COLUMN gone_status INTEGER;    -- 404 or 410 while it is gone
        ALTER TABLE documents ADD COLUMN gone_since TIMESTAMPTZ; -- the run that first found it
        ALTER TABLE runs ADD COLUMN sources_refused INTEGER;
        ALTER TABLE runs ADD COLUMN sources_gone INTEGER;
        """,
    ),
    (
        6,
        "model scores of claim pairs, kept between runs",
        """
        CREATE TABLE model_scores (
            score_key VARCHAR PRIMARY KEY,  -- hash of the model version and the two texts
            model_version VARCHAR NOT NULL,
            scores FLOAT[] NOT NULL         -- the model's probabilities, in its label order
        );
        """,
    ),
    (
        7,
        "document versions, claim and pair history, first seen on claims, pairs and points",
        # Ids as `pipeline.hashing.stable_id` makes them: the first 16 hex characters of the
        # SHA-256 of the parts joined by U+001F.
        """
        CREATE TABLE document_versions (
            version_id VARCHAR PRIMARY KEY,   -- hash of the document and its text
            document_id VARCHAR NOT NULL,
            source_id VARCHAR NOT NULL,
            case_id VARCHAR NOT NULL,
            url VARCHAR NOT NULL,
            canonical_url VARCHAR,
            title VARCHAR,
            site_name VARCHAR,
            author VARCHAR,
            published VARCHAR,
            language VARCHAR,
            text VARCHAR NOT NULL,
            text_hash VARCHAR NOT NULL,       -- full SHA-256 of the text
            content_hash VARCHAR NOT NULL,    -- of the raw page it was first read from
            analysis_key VARCHAR NOT NULL,
            fetched_at TIMESTAMPTZ NOT NULL,
            first_seen_run VARCHAR,
            first_seen_at TIMESTAMPTZ NOT NULL,
            last_seen_run VARCHAR,
            last_seen_at TIMESTAMPTZ NOT NULL
        );
        ALTER TABLE documents ADD COLUMN version_id VARCHAR;
        ALTER TABLE documents ADD COLUMN gone_run VARCHAR;   -- the run that found it gone
        UPDATE documents SET version_id = substr(sha256(document_id || chr(31) || sha256(text)),
            1, 16);
        INSERT INTO document_versions
        SELECT d.version_id, d.document_id, d.source_id, d.case_id, d.url, d.canonical_url,
               d.title, d.site_name, d.author, d.published, d.language, d.text, sha256(d.text),
               d.content_hash, d.analysis_key, d.fetched_at,
               -- the last run that stored the source's text stored this one
               coalesce((SELECT arg_max(rs.run_id, r.started_at) FROM run_sources rs
                         JOIN runs r USING (run_id)
                         WHERE rs.source_id = d.source_id AND rs.status = 'ok'), s.last_run_id),
               d.fetched_at,
               s.last_run_id,
               greatest(d.fetched_at, coalesce(s.last_attempt_at, d.fetched_at))
        FROM documents d LEFT JOIN sources s ON s.source_id = d.source_id;
        ALTER TABLE claims ADD COLUMN version_id VARCHAR;
        ALTER TABLE claims ADD COLUMN claim_key VARCHAR;
        ALTER TABLE claims ADD COLUMN first_seen_run VARCHAR;
        ALTER TABLE claims ADD COLUMN first_seen_at TIMESTAMPTZ;
        UPDATE claims SET version_id = d.version_id,
            claim_key = substr(sha256(coalesce(claims.party_id, 'None') || chr(31)
                || claims.kind || chr(31) || coalesce(claims.speaker_name, '') || chr(31)
                || claims.claim_text), 1, 16),
            first_seen_run = v.first_seen_run, first_seen_at = v.first_seen_at
        FROM documents d JOIN document_versions v ON v.version_id = d.version_id
        WHERE d.document_id = claims.document_id;
        CREATE TABLE claim_history AS
            SELECT * FROM claims WITH NO DATA;
        ALTER TABLE claim_history ADD COLUMN superseded_run VARCHAR;
        ALTER TABLE claim_history ADD COLUMN superseded_at TIMESTAMPTZ;
        ALTER TABLE claim_pairs ADD COLUMN pair_key VARCHAR;
        ALTER TABLE claim_pairs ADD COLUMN first_seen_run VARCHAR;
        ALTER TABLE claim_pairs ADD COLUMN first_seen_at TIMESTAMPTZ;
        ALTER TABLE claim_pairs ADD COLUMN version_a VARCHAR;
        ALTER TABLE claim_pairs ADD COLUMN version_b VARCHAR;
        UPDATE claim_pairs SET
            pair_key = substr(sha256(least(a.claim_key, b.claim_key) || chr(31)
                || greatest(a.claim_key, b.claim_key) || chr(31) || claim_pairs.label), 1, 16),
            first_seen_run = CASE WHEN a.first_seen_at >= b.first_seen_at
                THEN a.first_seen_run ELSE b.first_seen_run END,
            first_seen_at = greatest(a.first_seen_at, b.first_seen_at),
            version_a = a.version_id, version_b = b.version_id
        FROM claims a, claims b
        WHERE a.claim_id = claim_pairs.claim_a AND b.claim_id = claim_pairs.claim_b;
        CREATE TABLE pair_history AS SELECT * FROM claim_pairs WITH NO DATA;
        ALTER TABLE pair_history ADD COLUMN retired_run VARCHAR;
        ALTER TABLE pair_history ADD COLUMN retired_at TIMESTAMPTZ;
        ALTER TABLE contested_points ADD COLUMN first_seen_run VARCHAR;
        ALTER TABLE contested_points ADD COLUMN first_seen_at TIMESTAMPTZ;
        UPDATE contested_points SET first_seen_run = f.run, first_seen_at = f.at
        FROM (SELECT t.point_id, arg_min(p.first_seen_run, p.first_seen_at) AS run,
                     min(p.first_seen_at) AS at
              FROM contested_points t, claim_pairs p
              WHERE list_contains(t.pair_ids, p.pair_id) GROUP BY t.point_id) f
        WHERE f.point_id = contested_points.point_id;
        CREATE TABLE point_history AS SELECT * FROM contested_points WITH NO DATA;
        ALTER TABLE point_history ADD COLUMN retired_run VARCHAR;
        ALTER TABLE point_history ADD COLUMN retired_at TIMESTAMPTZ;
        ALTER TABLE runs ADD COLUMN versions_new INTEGER;
        ALTER TABLE runs ADD COLUMN claims_new INTEGER;
        ALTER TABLE runs ADD COLUMN pairs_new INTEGER;
        ALTER TABLE runs ADD COLUMN contradictions_new INTEGER;
        ALTER TABLE runs ADD COLUMN points_new INTEGER;
        """,
    ),
    (
        8,
        "what changed between document versions, correction notices of versions",
        """
        ALTER TABLE document_versions ADD COLUMN corrections VARCHAR[];  -- NULL: not read for them
        CREATE TABLE version_changes (
            change_id VARCHAR PRIMARY KEY,    -- hash of the run, the two versions, kind and seq
            document_id VARCHAR NOT NULL,
            case_id VARCHAR NOT NULL,
            from_version VARCHAR NOT NULL,    -- the version it had before
            to_version VARCHAR NOT NULL,      -- the version the run stored
            run_id VARCHAR,
            changed_at TIMESTAMPTZ NOT NULL,
            kind VARCHAR NOT NULL,            -- sentence_added, sentence_removed, ...
            seq INTEGER NOT NULL,             -- its order in its part: sentences, claims...
            old_text VARCHAR,
            new_text VARCHAR,
            claim_key VARCHAR,
            pair_key VARCHAR,
            other_party VARCHAR,              -- a contradiction's other side
            other_text VARCHAR
        );
        """,
    ),
)
