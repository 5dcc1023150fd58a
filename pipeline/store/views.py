"""Views and table macros for the questions analysts ask of the store (see SCHEMA.md here).

They are derived objects: every writable open recreates them (CREATE OR REPLACE), so a store
always has the versions that match the code that last wrote it, and a read-only open (or a
snapshot copy) sees them as they were written. Names start with `v_` for views; macros are
called like tables: `SELECT * FROM speaker_claims('Kestrel')`.
"""

from __future__ import annotations

# A document's date: its published date where that parses, else the day it was fetched.
_DOC_DATE = "coalesce(TRY_CAST(d.published AS DATE), CAST(d.fetched_at AS DATE))"

# A document's publication date, where it parses.
_PUBLISHED = "TRY_CAST(d.published AS DATE)"

VIEWS: tuple[tuple[str, str], ...] = (
    (
        "v_claims",
        f"""
        CREATE OR REPLACE VIEW v_claims AS
        SELECT c.claim_id, c.case_id, c.party_id, p.name AS party_name, p.neutral,
               c.speaker_name, c.kind, c.claim_text, c.polarity, c.hedged,
               c.entities, c.quantities, c.dates,
               c.document_id, d.url, d.title AS document_title, d.published,
               {_DOC_DATE} AS document_date,
               c.content_text, c.content_start, c.content_end, c.content_parts,
               c.sentence_start, c.sentence_end,
               substr(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start)
                   AS sentence,
               c.speaker_text, c.speaker_start, c.speaker_end,
               c.cue_text, c.cue_start, c.cue_end,
               s.party_id AS outlet_id, coalesce(o.name, d.site_name) AS outlet, s.role,
               c.party_id IS DISTINCT FROM s.party_id AS relayed
        FROM claims c
        JOIN documents d ON d.document_id = c.document_id
        LEFT JOIN parties p ON p.case_id = c.case_id AND p.party_id = c.party_id
        LEFT JOIN sources s ON s.source_id = d.source_id
        LEFT JOIN parties o ON o.case_id = d.case_id AND o.party_id = s.party_id
        """,
    ),
    (
        "v_contradictions",
        """
        CREATE OR REPLACE VIEW v_contradictions AS
        WITH point_of AS (
            SELECT unnest(pair_ids) AS pair_id, point_id, label AS point_label
            FROM contested_points
        )
        SELECT p.case_id, p.pair_id, pt.point_id, pt.point_label, p.score, p.type, p.reason,
               p.evidence,
               a.party_name AS a_party, a.speaker_name AS a_speaker, a.claim_text AS a_claim,
               a.url AS a_url, a.document_date AS a_date,
               b.party_name AS b_party, b.speaker_name AS b_speaker, b.claim_text AS b_claim,
               b.url AS b_url, b.document_date AS b_date,
               greatest(a.document_date, b.document_date) AS latest_date,
               p.claim_a, p.claim_b, p.verdict_version, p.first_seen_run, p.first_seen_at
        FROM claim_pairs p
        JOIN v_claims a ON a.claim_id = p.claim_a
        JOIN v_claims b ON b.claim_id = p.claim_b
        LEFT JOIN point_of pt ON pt.pair_id = p.pair_id
        WHERE p.label = 'contradicts'
        """,
    ),
    (
        "v_contradictions_by_case",
        """
        CREATE OR REPLACE VIEW v_contradictions_by_case AS
        SELECT k.case_id, k.title,
               (SELECT count(*) FROM documents d WHERE d.case_id = k.case_id) AS documents,
               (SELECT count(*) FROM claims c WHERE c.case_id = k.case_id) AS claims,
               (SELECT count(*) FROM v_contradictions x WHERE x.case_id = k.case_id)
                   AS contradictions,
               (SELECT count(*) FROM contested_points t WHERE t.case_id = k.case_id)
                   AS contested_points,
               (SELECT max(score) FROM v_contradictions x WHERE x.case_id = k.case_id)
                   AS strongest
        FROM cases k
        """,
    ),
    (
        "v_rebuttals",
        """
        CREATE OR REPLACE VIEW v_rebuttals AS
        WITH sides AS (
            SELECT x.case_id, x.score,
                   a.document_id AS doc_a, a.document_date AS date_a, sa.role AS role_a,
                   b.document_id AS doc_b, b.document_date AS date_b, sb.role AS role_b
            FROM v_contradictions x
            JOIN v_claims a ON a.claim_id = x.claim_a
            JOIN v_claims b ON b.claim_id = x.claim_b
            JOIN documents da ON da.document_id = a.document_id
            JOIN documents db ON db.document_id = b.document_id
            JOIN sources sa ON sa.source_id = da.source_id
            JOIN sources sb ON sb.source_id = db.source_id
            WHERE a.document_id <> b.document_id
        ), ranked AS (
            -- a rebuttal answers a report or its coverage; among equals, the later one answers
            SELECT *,
                   (role_b = 'rebuttal')::INT * 2 + (role_b = 'coverage')::INT AS rank_b,
                   (role_a = 'rebuttal')::INT * 2 + (role_a = 'coverage')::INT AS rank_a
            FROM sides
        ), directed AS (
            SELECT case_id, score,
                   (rank_b, date_b, doc_b) > (rank_a, date_a, doc_a) AS b_rebuts,
                   CASE WHEN b_rebuts THEN doc_b ELSE doc_a END AS rebutting,
                   CASE WHEN b_rebuts THEN doc_a ELSE doc_b END AS rebutted
            FROM ranked
        )
        SELECT r.case_id,
               r.rebutting AS rebutting_document, dr.title AS rebutting_title,
               dr.url AS rebutting_url,
               r.rebutted AS rebutted_document, dd.title AS rebutted_title,
               dd.url AS rebutted_url,
               count(*) AS contradictions, max(r.score) AS strongest
        FROM directed r
        JOIN documents dr ON dr.document_id = r.rebutting
        JOIN documents dd ON dd.document_id = r.rebutted
        GROUP BY ALL
        """,
    ),
    (
        "speaker_claims",
        """
        CREATE OR REPLACE MACRO speaker_claims(who) AS TABLE
        SELECT document_date, case_id, party_name, speaker_name, kind, polarity, claim_text,
               document_title, url, claim_id
        FROM v_claims
        WHERE speaker_name ILIKE '%' || who || '%' OR party_name ILIKE '%' || who || '%'
        ORDER BY document_date, case_id, claim_id
        """,
    ),
    (
        "claims_mentioning",
        # DuckDB's full-text search (the fts extension) cannot be had here: it is downloaded at
        # run time, and the one on PyPI is built for another DuckDB version. So: each word,
        # case-insensitive, as a whole word of the claim's text or its entities; the claims
        # that match the most words first
        r"""
        CREATE OR REPLACE MACRO claims_mentioning(words) AS TABLE
        WITH terms AS (
            SELECT list_distinct(list_filter(
                       string_split_regex(lower(trim(CAST(words AS VARCHAR))), '\s+'),
                       w -> w <> '')) AS ws
        ), scored AS (
            SELECT c.*, len(list_filter(t.ws, w -> regexp_matches(
                       c.claim_text || ' ' || array_to_string(c.entities, ' '),
                       '(^|\W)' || regexp_escape(w) || '(\W|$)', 'i'))) AS matched,
                   len(t.ws) AS asked
            FROM v_claims c, terms t
        )
        SELECT matched, asked, document_date, case_id, party_name, speaker_name, claim_text,
               entities, outlet, relayed, url, claim_id
        FROM scored WHERE matched > 0
        ORDER BY matched DESC, document_date, case_id, claim_id
        """,
    ),
    (
        "recent_contradictions",
        """
        CREATE OR REPLACE MACRO recent_contradictions(days) AS TABLE
        SELECT * FROM v_contradictions
        WHERE first_seen_at >= now() - to_days(CAST(days AS INTEGER))
        ORDER BY score DESC, pair_id
        """,
    ),
    (
        "v_documents",
        f"""
        CREATE OR REPLACE VIEW v_documents AS
        SELECT d.document_id, d.case_id, s.party_id AS outlet_id,
               coalesce(p.name, d.site_name) AS outlet, s.role, {_DOC_DATE} AS document_date,
               d.published, d.title, d.url, d.site_name, d.author, d.language,
               (SELECT count(*) FROM claims c WHERE c.document_id = d.document_id) AS claims,
               s.kind AS source_kind, d.fetched_at, d.gone_status, d.version_id, d.source_id
        FROM documents d
        LEFT JOIN sources s ON s.source_id = d.source_id
        LEFT JOIN parties p ON p.case_id = d.case_id AND p.party_id = s.party_id
        """,
    ),
    (
        "v_points",
        """
        CREATE OR REPLACE VIEW v_points AS
        WITH best AS (
            SELECT * FROM v_contradictions WHERE point_id IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY point_id ORDER BY score DESC, pair_id) = 1
        )
        SELECT t.case_id, t.point_id, t.label, t.type, t.score, len(t.pair_ids) AS pairs,
               b.reason, b.evidence,
               b.a_party, b.a_speaker, b.a_claim, b.a_url, b.a_date,
               b.b_party, b.b_speaker, b.b_claim, b.b_url, b.b_date,
               b.latest_date, b.pair_id AS best_pair, t.first_seen_run, t.first_seen_at
        FROM contested_points t
        LEFT JOIN best b ON b.point_id = t.point_id
        """,
    ),
    (
        "v_speakers",
        """
        CREATE OR REPLACE VIEW v_speakers AS
        SELECT case_id, speaker_name, party_id, any_value(party_name) AS party_name,
               count(*) AS claims, count(DISTINCT document_id) AS documents,
               list(DISTINCT outlet ORDER BY outlet) AS outlets,
               bool_or(relayed) AS relayed, min(document_date) AS first_date,
               max(document_date) AS last_date
        FROM v_claims
        WHERE speaker_name IS NOT NULL
        GROUP BY case_id, speaker_name, party_id
        """,
    ),
    (
        "v_document_versions",
        """
        CREATE OR REPLACE VIEW v_document_versions AS
        SELECT v.document_id, v.case_id, v.url,
               row_number() OVER (PARTITION BY v.document_id ORDER BY v.first_seen_at,
                                  v.version_id) AS version_no,
               v.version_id, v.version_id IS NOT DISTINCT FROM d.version_id AS current,
               v.title, v.published, v.first_seen_run, v.first_seen_at,
               v.last_seen_run, v.last_seen_at,
               (SELECT count(*) FROM claims c WHERE c.version_id = v.version_id)
               + (SELECT count(*) FROM claim_history h WHERE h.version_id = v.version_id
                  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.version_id = h.version_id
                                  AND c.claim_id = h.claim_id)) AS claims,
               CASE WHEN v.version_id = d.version_id THEN d.gone_status END AS gone_status,
               CASE WHEN v.version_id = d.version_id THEN d.gone_run END AS gone_run,
               v.text_hash, v.text
        FROM document_versions v
        LEFT JOIN documents d ON d.document_id = v.document_id
        """,
    ),
    (
        "v_version_claims",
        """
        CREATE OR REPLACE VIEW v_version_claims AS
        WITH every AS (
            SELECT *, NULL::VARCHAR AS superseded_run FROM claims
            UNION ALL BY NAME
            SELECT * EXCLUDE (superseded_at) FROM claim_history h
            WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.version_id = h.version_id
                              AND c.claim_id = h.claim_id)
        )
        SELECT v.document_id, v.version_no, v.version_id, v.current, c.claim_id, c.claim_key,
               c.case_id, c.party_id, c.speaker_name, c.kind, c.claim_text, c.polarity,
               c.quantities, c.dates, c.first_seen_run, c.first_seen_at, c.superseded_run,
               substr(dv.text, c.sentence_start + 1, c.sentence_end - c.sentence_start)
                   AS sentence
        FROM every c
        JOIN v_document_versions v ON v.version_id = c.version_id
        JOIN document_versions dv ON dv.version_id = c.version_id
        """,
    ),
    (
        "v_changes",
        """
        CREATE OR REPLACE VIEW v_changes AS
        WITH numbered AS (
            SELECT version_id, version_no FROM v_document_versions
        )
        SELECT c.case_id, c.document_id, v.url, p.name AS party,
               fv.version_no AS from_version_no, tv.version_no AS to_version_no,
               c.run_id, c.changed_at, c.kind,
               CASE WHEN c.kind = 'sentence_changed' THEN c.old_text || ' → ' || c.new_text
                    WHEN c.kind LIKE 'contradiction_%'
                    THEN coalesce(c.old_text, c.new_text) || ' ⟂ '
                         || coalesce(o.name || ': ', '') || coalesce(c.other_text, '')
                    ELSE coalesce(c.new_text, c.old_text) END AS text,
               c.old_text, c.new_text, c.claim_key, c.pair_key,
               o.name AS other_party, c.other_text,
               c.from_version, c.to_version, c.seq,
               CASE split_part(c.kind, '_', 1) WHEN 'sentence' THEN 1 WHEN 'claim' THEN 2
                    WHEN 'correction' THEN 3 ELSE 4 END AS part,
               c.change_id
        FROM version_changes c
        JOIN document_versions v ON v.version_id = c.to_version
        LEFT JOIN numbered fv ON fv.version_id = c.from_version
        LEFT JOIN numbered tv ON tv.version_id = c.to_version
        LEFT JOIN sources s ON s.source_id = v.source_id
        LEFT JOIN parties p ON p.case_id = c.case_id AND p.party_id = s.party_id
        LEFT JOIN parties o ON o.case_id = c.case_id AND o.party_id = c.other_party
        """,
    ),
    (
        "changes_since",
        # a run id: the changes of that run and of every run that started after it; anything
        # else is read as a date or timestamp: the changes made at or after it
        """
        CREATE OR REPLACE MACRO changes_since(since) AS TABLE
        WITH mark AS (
            SELECT (SELECT started_at FROM runs WHERE run_id = CAST(since AS VARCHAR))
                       AS run_start,
                   TRY_CAST(CAST(since AS VARCHAR) AS TIMESTAMPTZ) AS at
        )
        SELECT c.* EXCLUDE (part, from_version, to_version, seq, change_id)
        FROM v_changes c
        LEFT JOIN runs r ON r.run_id = c.run_id, mark m
        WHERE CASE WHEN m.run_start IS NOT NULL
                   THEN coalesce(r.started_at, c.changed_at) >= m.run_start
                   ELSE c.changed_at >= coalesce(m.at, error('changes_since: '
                        || CAST(since AS VARCHAR) || ' is neither a run id nor a date')) END
        ORDER BY coalesce(r.started_at, c.changed_at), c.url, c.to_version, c.part, c.seq
        """,
    ),
    (
        "v_timeline",
        f"""
        CREATE OR REPLACE VIEW v_timeline AS
        WITH party_of AS (
            SELECT s.source_id, s.party_id, p.name AS party
            FROM sources s LEFT JOIN parties p USING (case_id, party_id)
        ), firsts AS (
            -- each claim (by claim_key) once per document, in the version that first had it
            SELECT * FROM v_version_claims
            QUALIFY row_number() OVER (PARTITION BY document_id, claim_key
                                       ORDER BY version_no, claim_id) = 1
        ), every_point AS (
            SELECT case_id, label, first_seen_run, first_seen_at, NULL::VARCHAR AS retired_run,
                   NULL::TIMESTAMPTZ AS retired_at, true AS current
            FROM contested_points
            UNION ALL
            SELECT case_id, label, first_seen_run, first_seen_at, retired_run, retired_at, false
            FROM point_history
        ), points AS (
            -- a point by its label: first seen when any point so labelled was; dropped when
            -- no current point of its case has the label (at its last retirement)
            SELECT case_id, label, min(first_seen_at) AS first_seen_at,
                   arg_min(first_seen_run, first_seen_at) AS first_seen_run,
                   CASE WHEN NOT bool_or(current) THEN max(retired_at) END AS retired_at,
                   CASE WHEN NOT bool_or(current) THEN arg_max(retired_run, retired_at) END
                       AS retired_run
            FROM every_point GROUP BY case_id, label
        ), events AS (
            SELECT d.case_id, timezone('UTC', CAST({_PUBLISHED} AS TIMESTAMP)) AS event_at,
                   true AS date_only, 0 AS seq, 'published' AS event, o.party_id, o.party,
                   d.document_id, d.url, NULL::BIGINT AS version_no, NULL::VARCHAR AS run_id,
                   coalesce(d.title, d.url) AS text, NULL::BIGINT AS claims,
                   NULL::VARCHAR[] AS items
            FROM documents d LEFT JOIN party_of o USING (source_id)
            WHERE {_PUBLISHED} IS NOT NULL
            UNION ALL
            SELECT v.case_id, v.first_seen_at, false, 1, 'version', o.party_id, o.party,
                   v.document_id, dv.url, v.version_no, v.first_seen_run,
                   coalesce(dv.title, dv.url), v.claims, NULL
            FROM v_document_versions v
            JOIN document_versions dv USING (version_id)
            LEFT JOIN party_of o ON o.source_id = dv.source_id
            UNION ALL
            SELECT case_id, changed_at, false, 2, 'correction', NULL, party, document_id, url,
                   to_version_no, run_id, new_text, NULL, NULL
            FROM v_changes WHERE kind = 'correction_added'
            UNION ALL
            -- what an edit changed: a sentence reworded, a claim dropped, a contradiction that
            -- appeared or went because of it
            SELECT case_id, changed_at, false, 2, kind, NULL, party, document_id, url,
                   to_version_no, run_id, text, NULL, NULL
            FROM v_changes
            WHERE kind IN ('sentence_changed', 'claim_removed', 'contradiction_appeared',
                           'contradiction_gone')
            UNION ALL
            SELECT f.case_id, min(f.first_seen_at), false, 3, 'claims', f.party_id,
                   any_value(p.name), f.document_id, any_value(dv.url), f.version_no,
                   min(f.first_seen_run),
                   string_agg(f.claim_text, ' / ' ORDER BY f.claim_text), count(*),
                   list(f.claim_text ORDER BY f.claim_text)
            FROM firsts f
            JOIN document_versions dv USING (version_id)
            LEFT JOIN parties p ON p.case_id = f.case_id AND p.party_id = f.party_id
            GROUP BY f.case_id, f.party_id, f.document_id, f.version_no
            UNION ALL
            SELECT case_id, first_seen_at, false, 4, 'point', NULL, NULL, NULL, NULL, NULL,
                   first_seen_run, label, NULL, NULL
            FROM points
            UNION ALL
            SELECT case_id, retired_at, false, 5, 'point_retired', NULL, NULL, NULL, NULL,
                   NULL, retired_run, label, NULL, NULL
            FROM points WHERE retired_at IS NOT NULL
            UNION ALL
            SELECT d.case_id, d.gone_since, false, 6, 'gone', o.party_id, o.party,
                   d.document_id, d.url, NULL, d.gone_run,
                   coalesce(d.title, d.url) || ' (HTTP ' || d.gone_status || ')', NULL, NULL
            FROM documents d LEFT JOIN party_of o USING (source_id)
            WHERE d.gone_status IS NOT NULL
        )
        SELECT case_id, event_at, date_only, event, party_id, party, document_id, url, version_no,
               run_id, text, claims, items, seq
        FROM events
        """,
    ),
)
