"""Settings: flat as the user writes them (keywords, CLAIMTRACK_* variables), and the sections
each stage receives."""

from __future__ import annotations

import re
import subprocess
from dataclasses import fields

import pytest

from pipeline.config import (
    FetchSettings,
    NlpSettings,
    PairingSettings,
    Settings,
    StoreSettings,
    VerdictSettings,
    settings_from_env,
)
from tests.conftest import ROOT

SECTIONS = (FetchSettings, NlpSettings, PairingSettings, VerdictSettings, StoreSettings)


def test_every_flat_field_but_the_story_window_is_in_one_section() -> None:
    read: list[str] = []
    for section in SECTIONS:
        prefix = getattr(section, "PREFIX", "")
        read += [f.metadata.get("flat", prefix + f.name) for f in fields(section)]
    assert len(read) == len(set(read))
    assert set(read) == {f.name for f in fields(Settings)} - {"story_window_days"}


def test_sections_carry_the_flat_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACK_FETCH_TIMEOUT_S", "3.5")
    monkeypatch.setenv("CLAIMTRACK_FETCH_ALLOW_HOSTS", "a.test, b.test:8080")
    monkeypatch.setenv("CLAIMTRACK_VERDICT_BACKEND", "model")
    settings = settings_from_env(Settings(pair_top_k=7, nlp_processes=0, user_agent="ua/1"))
    assert settings.fetch.read_timeout_s == 3.5
    assert settings.fetch.allow_hosts == ("a.test", "b.test:8080")
    assert settings.fetch.user_agent == "ua/1"
    assert settings.fetch.max_bytes == settings.fetch_max_bytes
    assert settings.pairing == PairingSettings(
        top_k=7, min_similarity=settings.pair_min_similarity, all_max=settings.pair_all_max
    )
    assert settings.verdict == VerdictSettings(
        backend="model",
        pairs_backend="nli",
        nli_model="",
        nli_case_min_contradiction=0.75,
        nli_case_min_similarity=0.3,
    )
    assert settings.nlp.nlp_processes == 0
    assert settings.store == StoreSettings(settings.db_path, settings.reports_dir)


def test_the_docs_name_only_real_environment_variables() -> None:
    """Every CLAIMTRACK_* name in the Markdown files is one the code reads (SCHEMA.md once named
    CLAIMTRACK_DB for CLAIMTRACK_DB_PATH)."""
    names = {f"CLAIMTRACK_{f.name.upper()}" for f in fields(Settings)} | {"CLAIMTRACK_DEBUG"}
    listed = subprocess.run(
        ["git", "ls-files", "*.md"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    files = listed.stdout.split()
    assert "pipeline/store/SCHEMA.md" in files
    for name in files:
        text = (ROOT / name).read_text("utf-8")
        for found in set(re.findall(r"CLAIMTRACK_[A-Z0-9_]+", text)):
            if found.endswith("_"):  # a family: CLAIMTRACK_FETCH_...
                assert any(n.startswith(found) for n in names), (name, found)
            else:
                assert found in names, (name, found)
