"""Helpers for the nightly-run tests: seeds for a loopback server, settings as environment
variables for the CLI, and row counts of a store."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from pipeline.config import Settings
from pipeline.store import Store
from tests.conftest import ROOT

KESTREL = ROOT / "data" / "demo" / "kestrel-billing-outage"
MERIDIAN = ROOT / "data" / "demo" / "meridian-recall"

CASE = """
[[case]]
id = "kestrel"
title = "Kestrel outage"
[case.parties.ledger]
name = "The Harbour Ledger"
aliases = ["Harbour Ledger", "the Ledger", "Tomás Ferreira", "Ferreira"]
[case.parties.kestrel]
name = "Kestrel Cloud"
aliases = ["Kestrel", "the company", "Dana Whitlock", "Whitlock"]
[case.parties.wire]
name = "Wire"
neutral = true
"""


def source(url: str, party: str = "wire", role: str = "coverage") -> str:
    return f'\n[[case.sources]]\nlocation = "{url}"\nparty = "{party}"\nrole = "{role}"\n'


def write_seeds(tmp_path: Path, text: str, name: str = "seeds.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def settings_env(settings: Settings) -> dict[str, str]:
    """The CLAIMTRACK_* variables that give `settings` (where they differ from the defaults)."""
    defaults = Settings()
    env = {}
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if value != getattr(defaults, f.name):
            text = ",".join(value) if isinstance(value, tuple) else str(value)
            env[f"CLAIMTRACK_{f.name.upper()}"] = text
    return env


DATA_TABLES = (
    "cases",
    "parties",
    "documents",
    "entities",
    "claims",
    "embeddings",
    "claim_pairs",
    "contested_points",
)


def data_digest(db: Path) -> str:
    """A hash of every row of the tables that hold findings (not the run bookkeeping)."""
    import hashlib

    digest = hashlib.sha256()
    with Store.open(db, read_only=True) as store:
        for table in DATA_TABLES:
            _, rows = store.query(f"SELECT * FROM {table} ORDER BY ALL")
            digest.update(repr(rows).encode())
    return digest.hexdigest()


def row_counts(db: Path) -> dict[str, int]:
    """Rows per table, without the tables that grow with every run."""
    with Store.open(db, read_only=True) as store:
        counts = store.table_counts()
        for table in ("feeds", "contested_points"):
            counts[table] = int(store.query(f"SELECT count(*) FROM {table}")[1][0][0])
    counts.pop("runs")
    return counts
