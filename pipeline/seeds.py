"""Seeds files (TOML): the cases to track, their parties and their sources.

```toml
[[case]]
id = "some-dispute"
title = "What the dispute is about"
[case.parties.outlet]
name = "The Daily Example"
aliases = ["the Example", "the paper"]
[[case.sources]]
location = "https://news.example/story"   # or a path relative to the seeds file
party = "outlet"
role = "report"                            # report, rebuttal or coverage
```
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.errors import SeedsError
from pipeline.hashing import stable_id
from pipeline.records import ROLES, Case, Party, Source

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def load_seeds(path: Path) -> list[Case]:
    """Read and validate a seeds file; relative file locations resolve against its folder."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedsError(f"seeds file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedsError(f"cannot read seeds file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedsError(f"{path}: invalid TOML: {exc}") from None
    return parse_seeds(raw, base_dir=path.resolve().parent, origin=str(path))


def parse_seeds(raw: dict[str, Any], base_dir: Path, origin: str = "seeds") -> list[Case]:
    """Validate the parsed TOML of a seeds file and build the cases it declares."""
    cases_raw = raw.get("case")
    if not isinstance(cases_raw, list) or not cases_raw:
        raise SeedsError(f"{origin}: no [[case]] tables")
    cases: list[Case] = []
    seen: set[str] = set()
    for index, case_raw in enumerate(cases_raw, start=1):
        case = _parse_case(case_raw, base_dir, f"{origin}: case #{index}")
        if case.id in seen:
            raise SeedsError(f"{origin}: case id {case.id!r} is declared twice")
        seen.add(case.id)
        cases.append(case)
    return cases


def _parse_case(raw: Any, base_dir: Path, where: str) -> Case:
    if not isinstance(raw, dict):
        raise SeedsError(f"{where}: not a table")
    case_id = _require_str(raw, "id", where)
    if not _ID.match(case_id):
        raise SeedsError(f"{where}: id {case_id!r} must be letters, digits, '-', '_' or '.'")
    where = f"{where.split(':')[0]}: case {case_id!r}"
    parties_raw = raw.get("parties")
    if not isinstance(parties_raw, dict) or len(parties_raw) < 2:
        raise SeedsError(f"{where}: needs a [case.parties.ID] table for at least two parties")
    parties = tuple(
        _parse_party(pid, p, f"{where}, party {pid!r}") for pid, p in parties_raw.items()
    )
    if sum(not p.neutral for p in parties) < 2:
        raise SeedsError(f"{where}: needs at least two parties that are not neutral")
    sources_raw = raw.get("sources")
    if not isinstance(sources_raw, list) or not sources_raw:
        raise SeedsError(f"{where}: needs at least one [[case.sources]] entry")
    party_ids = {p.id for p in parties}
    sources = tuple(
        _parse_source(s, case_id, party_ids, base_dir, f"{where}, source #{i}")
        for i, s in enumerate(sources_raw, start=1)
    )
    title = raw.get("title", case_id)
    if not isinstance(title, str):
        raise SeedsError(f"{where}: title must be a string")
    return Case(id=case_id, title=title, parties=parties, sources=sources)


def _parse_party(party_id: str, raw: Any, where: str) -> Party:
    if not isinstance(raw, dict):
        raise SeedsError(f"{where}: not a table")
    name = _require_str(raw, "name", where)
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise SeedsError(f"{where}: aliases must be a list of non-empty strings")
    neutral = raw.get("neutral", False)
    if not isinstance(neutral, bool):
        raise SeedsError(f"{where}: neutral must be true or false")
    return Party(id=party_id, name=name, aliases=tuple(aliases), neutral=neutral)


def _parse_source(
    raw: Any, case_id: str, party_ids: set[str], base_dir: Path, where: str
) -> Source:
    if not isinstance(raw, dict):
        raise SeedsError(f"{where}: not a table")
    location = resolve_location(_require_str(raw, "location", where), base_dir, where)
    party = _require_str(raw, "party", where)
    if party not in party_ids:
        raise SeedsError(f"{where}: party {party!r} is not declared in the case's parties")
    role = _require_str(raw, "role", where)
    if role not in ROLES:
        raise SeedsError(f"{where}: role must be one of {', '.join(ROLES)}, not {role!r}")
    return Source(
        source_id=stable_id(case_id, location),
        case_id=case_id,
        location=location,
        party=party,
        role=role,
    )


def resolve_location(location: str, base_dir: Path, where: str = "source") -> str:
    """An http(s) URL as given, or a file path made absolute against `base_dir`."""
    scheme = urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        return location
    if scheme and len(scheme) > 1:  # a one-letter "scheme" is a Windows drive
        raise SeedsError(f"{where}: unsupported scheme {scheme!r} (use http, https or a file path)")
    return str((base_dir / location).resolve())


def _require_str(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SeedsError(f"{where}: missing or empty {key!r}")
    return value.strip()
