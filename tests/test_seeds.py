"""Seeds files: the format, path resolution, and one clear error per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import SeedsError
from pipeline.seeds import load_seeds

VALID = """
[[case]]
id = "acme-outage"
title = "Acme outage"
[case.parties.paper]
name = "The Paper"
aliases = ["the paper"]
[case.parties.acme]
name = "Acme"
[case.parties.wire]
name = "Wire"
neutral = true
[[case.sources]]
location = "pages/report.html"
party = "paper"
role = "report"
[[case.sources]]
location = "https://acme.example/blog/correction"
party = "acme"
role = "rebuttal"
"""


def test_valid_seeds(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(VALID)
    (case,) = load_seeds(path)
    assert case.id == "acme-outage"
    assert [p.id for p in case.parties] == ["paper", "acme", "wire"]
    assert case.party("wire").neutral
    local, remote = case.sources
    assert local.location == str(tmp_path / "pages" / "report.html")
    assert remote.location == "https://acme.example/blog/correction"
    assert local.source_id != remote.source_id
    assert load_seeds(path)[0].sources == case.sources  # ids are deterministic


def test_demo_seeds_point_at_existing_files() -> None:
    cases = load_seeds(Path(__file__).parent.parent / "seeds" / "demo.toml")
    assert len(cases) >= 2
    for case in cases:
        assert {s.role for s in case.sources} == {"report", "rebuttal", "coverage"}
        for source in case.sources:
            assert Path(source.location).is_file(), source.location


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s.replace('id = "acme-outage"', 'id = "bad id!"'), "must be letters"),
        (lambda s: s.replace('role = "report"', 'role = "opinion"'), "role must be one of"),
        (lambda s: s.replace('party = "acme"', 'party = "nobody"'), "not declared"),
        (lambda s: s.replace('name = "Acme"', 'name = "Acme"\nneutral = true'), "two parties"),
        (lambda s: s.replace("[[case]]", "[[cases]]"), r"no \[\[case\]\]"),
        (lambda s: s + "\n[oops", "invalid TOML"),
    ],
)
def test_seed_errors(tmp_path: Path, edit: object, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(edit(VALID))  # type: ignore[operator]
    with pytest.raises(SeedsError, match=message):
        load_seeds(path)


def test_missing_seeds_file(tmp_path: Path) -> None:
    with pytest.raises(SeedsError, match="not found"):
        load_seeds(tmp_path / "nope.toml")
