"""Seeds files: the format, path resolution, and one clear error per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import SeedsError
from pipeline.seeds import load_seeds, load_seeds_file

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
        (lambda s: s.replace("[[case]]", "[[cases]]"), "unknown key 'cases'"),
        (lambda s: s.replace("[[case.sources]]", "[[cases.sources]]", 1), "unknown key 'cases'"),
        (lambda s: "# nothing here\n", r"no \[\[case\]\]"),
        (lambda s: s + "\n[oops", "invalid TOML"),
        (
            lambda s: s.replace(
                'name = "Acme"', 'name = "Acme"\ndomains = ["https://acme.example/"]'
            ),
            "is not a host name",
        ),
        (
            lambda s: s.replace('name = "Acme"', 'name = "Acme"\ndomains = "acme.example"'),
            "domains",
        ),
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


FEED = """
[[feed]]
url = "https://news.example/rss.xml"
name = "The Paper"
"""


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        (VALID.replace("[[case]]", "[[casse]]"), "casse", 2),
        (VALID + FEED.replace("[[feed]]", "[[feeds]]"), "feeds", 22),
        (VALID.replace("aliases = ", "aliasses = "), "aliasses", 7),
        (VALID.replace("neutral = true", "neutrall = true"), "neutrall", 12),
        (VALID.replace('role = "rebuttal"', 'role = "rebuttal"\nparty_id = "x"'), "party_id", 21),
        (VALID.replace('title = "Acme outage"', 'tilte = "Acme outage"'), "tilte", 4),
        (VALID + FEED.replace("name =", "nmae ="), "nmae", 24),
        (VALID + '[[story]]\nid = "s"\nurl = ["https://a.example/"]\n', "url", 23),
    ],
)
def test_unknown_keys_are_rejected_with_their_line(
    tmp_path: Path, text: str, key: str, line: int
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(text)
    with pytest.raises(SeedsError, match=rf"unknown key '{key}' \(line {line}\)"):
        load_seeds_file(path)


def test_feeds_only_seeds_file_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(FEED)
    (feed,) = load_seeds_file(path).feeds
    assert feed.name == "The Paper" and not load_seeds_file(path).cases


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("https://acme.example/blog/correction", "as 'acme' rebuttal and 'paper' report"),
        ("https://acme.example/blog/correction?utm_source=x", "as 'acme' rebuttal and 'paper'"),
    ],
)
def test_a_location_declared_twice_in_a_case_is_rejected(
    tmp_path: Path, location: str, message: str
) -> None:
    extra = f'\n[[case.sources]]\nlocation = "{location}"\nparty = "paper"\nrole = "report"\n'
    path = tmp_path / "s.toml"
    path.write_text(VALID + extra)
    with pytest.raises(SeedsError, match=message):
        load_seeds(path)


def test_the_same_page_twice_for_the_same_side_is_one_source(tmp_path: Path) -> None:
    extra = '\n[[case.sources]]\nlocation = "pages/report.html"\nparty = "paper"\nrole = "report"\n'
    path = tmp_path / "s.toml"
    path.write_text(VALID + extra)
    (case,) = load_seeds(path)
    assert len({s.source_id for s in case.sources}) == 2
