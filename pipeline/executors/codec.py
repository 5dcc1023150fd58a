"""Analyses as JSON text, so that they can travel through Parquet from a Ray worker back to the
process that writes the store, and come back equal to what they were (a document's analysis
error included: it is recorded as that source's failure, and the rest of the batch is stored)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from pipeline.nlp.analyse import Analysis
from pipeline.records import Claim, Entity, Span


def analysis_to_json(analysis: Analysis) -> str:
    return json.dumps(
        {
            "entities": [asdict(e) for e in analysis.entities],
            "claims": [asdict(c) for c in analysis.claims],
            "error": analysis.error,
        },
        ensure_ascii=False,
    )


def analysis_from_json(text: str) -> Analysis:
    raw = json.loads(text)
    return Analysis(
        entities=tuple(Entity(**e) for e in raw["entities"]),
        claims=tuple(_claim(c) for c in raw["claims"]),
        error=raw.get("error"),
    )


def _span(raw: dict[str, Any] | None) -> Span | None:
    return None if raw is None else Span(**raw)


def _claim(raw: dict[str, Any]) -> Claim:
    return Claim(
        **{
            **raw,
            "content": Span(**raw["content"]),
            "sentence": Span(**raw["sentence"]),
            "speaker": _span(raw["speaker"]),
            "cue": _span(raw["cue"]),
            "parts": tuple(Span(**p) for p in raw["parts"]),
            "entities": tuple(raw["entities"]),
            "quantities": tuple(raw["quantities"]),
            "dates": tuple(raw["dates"]),
        }
    )
