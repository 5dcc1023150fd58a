"""The keys that let a rerun skip work: a document's analysis key and a case's pairing key.

Each changes exactly when the stored result could differ: a document is analysed again when its
text, the extractor or the case's parties change; a case's pairs are judged again when one of its
documents' analyses, the verdict backend or the pairing settings change.
"""

from __future__ import annotations

import json

from pipeline.config import PairingSettings
from pipeline.hashing import stable_id
from pipeline.nlp.claims import EXTRACTOR_VERSION
from pipeline.records import Case, Source


def analysis_key(content_hash: str, case: Case, source: Source) -> str:
    """What the analysis of a text (by `content_hash`) from `source` in `case` depends on."""
    parties = json.dumps(
        [[p.id, p.name, sorted(p.aliases), p.neutral, *sorted(p.domains)] for p in case.parties],
        sort_keys=True,
    )
    return stable_id(content_hash, EXTRACTOR_VERSION, parties, source.party, length=32)


def pairing_key(analyses: str, backend_version: str, pairing: PairingSettings, case: Case) -> str:
    """What the judged pairs of `case` depend on: its documents' analysis keys (`analyses`, as
    the store lists them), the backend's version, the pairing settings and the sides."""
    return stable_id(
        analyses,
        backend_version,
        pairing.top_k,
        pairing.min_similarity,
        pairing.all_max,
        sorted((p.id, p.neutral) for p in case.parties),
        length=32,
    )
