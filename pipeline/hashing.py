"""Deterministic ids: short hex digests of their inputs, so a rerun produces the same ids."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object, length: int = 16) -> str:
    """Hash `parts` (joined unambiguously) to `length` hex characters."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def text_hash(text: str) -> str:
    """Full SHA-256 of a text, used as its cache key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
