"""The default executor: both models in this process, loaded once and only when needed.

Documents are analysed a chunk at a time (`Settings.analyse_chunk` documents), so memory holds
one chunk's parses and claims, never the whole corpus's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from pipeline.config import Settings
from pipeline.embed import Embedder, Vector
from pipeline.nlp.analyse import Analysis, analyse_texts
from pipeline.nlp.load import load_nlp


class LocalExecutor:
    name = "local"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._embedder: Embedder | None = None

    def analyse(
        self, texts: Sequence[str], on_progress: Callable[[int], None] | None = None
    ) -> Iterator[list[Analysis]]:
        if not texts:
            return
        nlp = load_nlp(self.settings.spacy_model)
        chunk = max(1, self.settings.analyse_chunk)
        for start in range(0, len(texts), chunk):
            yield analyse_texts(
                nlp,
                texts[start : start + chunk],
                batch_size=self.settings.nlp_batch_size,
                n_process=self.settings.nlp_processes,
                on_progress=on_progress,
            )

    def embed(self, texts: Sequence[str]) -> dict[str, Vector]:
        if self._embedder is None:
            self._embedder = Embedder(batch_size=self.settings.embed_batch_size)
        vectors = self._embedder.embed(texts)
        self._embedder.cache.clear()  # the store keeps them; memory need not
        return vectors
