"""Errors that reach a user, each with a message fit to print and an exit code of its kind.

Library code raises these; only the CLI turns them into exit codes.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOURCES_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE_LOCKED = 3
EXIT_ERROR = 4


class ClaimtrackError(Exception):
    """Base class: `str(error)` is one line a user can act on."""

    exit_code = EXIT_ERROR


class UsageError(ClaimtrackError):
    """Bad arguments or input files named by the user."""

    exit_code = EXIT_USAGE


class SeedsError(UsageError):
    """A seeds file that cannot be read or does not follow the format."""


class FetchError(ClaimtrackError):
    """A source that could not be fetched (missing file, HTTP error, too large, bad scheme)."""


class RefusedError(FetchError):
    """A location that must never be read: a local file named by the network (a feed entry, a
    sitemap, a redirect), a scheme other than http(s), a forbidden address, a special file."""


class HttpStatusError(FetchError):
    """A final HTTP answer other than 2xx or 304; `status` is its code."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ExtractError(ClaimtrackError):
    """A fetched page with no usable main text (empty, not text, malformed beyond repair)."""


class StoreLockedError(ClaimtrackError):
    """Another process holds the DuckDB file."""

    exit_code = EXIT_STORE_LOCKED


class StoreError(ClaimtrackError):
    """The store could not be read or written: disk full, an unusable folder, a DuckDB failure."""


class StoreDamagedError(StoreError):
    """The store's file is damaged (a block fails its checksum, or it is not a DuckDB file)."""


class SnapshotError(ClaimtrackError):
    """The run's results are stored, but the snapshot readers use could not be published."""


class QueryError(ClaimtrackError):
    """An SQL query that DuckDB rejected."""


class QueryRefusedError(QueryError):
    """Analysts' SQL that would write, or read beyond the store (see Store.open_for_analysts)."""


def one_line(problem: object) -> str:
    """An exception's (or any) text with its line breaks and runs of spaces folded: one line."""
    return " ".join(str(problem).split())
