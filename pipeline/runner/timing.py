"""Where a run's time goes: the seconds of each stage, logged at the end of the run.

Stages nest (a streaming analysis embeds and judges between its chunks): each second is charged
to the innermost stage running, so no second counts twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)


class StageClock:
    """Seconds per stage, each stage's own."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.seconds: dict[str, float] = {}
        self._clock = clock
        self._running: list[str] = []
        self._since = 0.0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block as stage `name` (pausing the stage it runs in)."""
        self._charge()
        self._running.append(name)
        try:
            yield
        finally:
            self._charge()
            self._running.pop()

    def log(self) -> None:
        """One info record per stage: `stage` and `seconds`."""
        for stage, seconds in self.seconds.items():
            logger.info(
                "stage %s: %.2f s",
                stage,
                seconds,
                extra={"stage": stage, "seconds": round(seconds, 3)},
            )

    def _charge(self) -> None:
        now = self._clock()
        if self._running:
            stage = self._running[-1]
            self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._since
        self._since = now
