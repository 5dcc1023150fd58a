"""Logging for long jobs: quiet by default, human lines on stderr with `-v`, JSON lines in a file.

Library modules log through `logging.getLogger(__name__)` (the `pipeline` hierarchy) and never
configure anything; only the CLI calls `configure_logging` (and `stop_logging` when done). A
nightly job keeps `--log-file`: one JSON object a line (`time`, `level`, `logger`, `message`,
plus the record's `extra` fields such as `source`, `status`, `stage`, `seconds`), so a
scheduler's log can be searched with jq.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = "pipeline"
# The attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonLines(logging.Formatter):
    """One JSON object per record: time, level, logger, message and the `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            (key, value if isinstance(value, str | int | float | bool | None) else str(value))
            for key, value in vars(record).items()
            if key not in _STANDARD
        )
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(verbose: int = 0, log_file: Path | None = None) -> None:
    """Send the `pipeline` loggers to stderr (`verbose` 1: info, 2 or more: debug; 0: warnings
    only) and, with `log_file`, every info record as JSON lines appended to that file."""
    logger = logging.getLogger(ROOT)
    _remove_handlers(logger)
    levels = {0: logging.WARNING, 1: logging.INFO}
    console_level = levels.get(verbose, logging.DEBUG)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(console_level)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handlers: list[logging.Handler] = [console]
    file_level = logging.INFO
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setLevel(min(file_level, console_level))
        to_file.setFormatter(JsonLines())
        handlers.append(to_file)
    for handler in handlers:
        handler._claimtrack = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(min(h.level for h in handlers))
    logger.propagate = False


def stop_logging() -> None:
    """Undo `configure_logging`: close its handlers (flushing the log file) and let the
    `pipeline` records go where Python's defaults send them again."""
    logger = logging.getLogger(ROOT)
    _remove_handlers(logger)
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


def _remove_handlers(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        if getattr(handler, "_claimtrack", False):
            logger.removeHandler(handler)
            handler.close()
