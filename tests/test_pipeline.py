"""The whole pipeline on the demo corpus and on broken sources, with the real models and DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.config import Settings
from pipeline.evaluate.points import GoldPoint, load_gold, score_points
from pipeline.runner.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import ROOT, DemoRun

GOLD_PATH = ROOT / "data" / "demo" / "contested_points.toml"
GOLD = load_gold(GOLD_PATH)

# The contested points of the demo corpus that this verdict finds: all but "reading of the public
# crash data" (see contested_points.toml for all of them).
FOUND = {
    ("kestrel-billing-outage", "cause of the outage"),
    ("kestrel-billing-outage", "duration of the outage"),
    ("kestrel-billing-outage", "second outage in June"),
    ("kestrel-billing-outage", "human review of the agent's changes"),
    ("kestrel-billing-outage", "impact on customers"),
    ("kestrel-billing-outage", "whether the Ledger's story is accurate"),
    ("meridian-recall", "delay between the lab result and action"),
    ("meridian-recall", "number of jars recalled"),
    ("meridian-recall", "date of the first positive test"),
    ("meridian-recall", "lab warnings ignored"),
    ("meridian-recall", "illnesses linked to the puree"),
    ("meridian-recall", "whether the Courier's story is accurate"),
    ("orbis-driver-assist", "crashes with LaneGuard engaged"),
    ("orbis-driver-assist", "size of the safety testing team"),
    ("orbis-driver-assist", "whether LaneGuard caused crashes"),
    ("orbis-driver-assist", "whether the Dispatch's report is accurate"),
}

PAIRS_SQL = """
SELECT p.case_id, p.label, p.type, ca.claim_text, ca.party_id, cb.claim_text, cb.party_id
FROM claim_pairs p
JOIN claims ca ON ca.claim_id = p.claim_a
JOIN claims cb ON cb.claim_id = p.claim_b
"""


@pytest.fixture(scope="module")
def pairs(demo_run: DemoRun) -> list[tuple[Any, ...]]:
    with Store.open(demo_run.db_path, read_only=True) as store:
        return store.query(PAIRS_SQL)[1]


def _states(point: GoldPoint, row: tuple[Any, ...]) -> bool:
    return row[0] == point.case and point.stated_by(row[3], row[5])


@pytest.mark.parametrize(("case", "label"), sorted(FOUND))
def test_demo_contested_point_is_found(pairs: list[tuple[Any, ...]], case: str, label: str) -> None:
    (point,) = [p for p in GOLD.points if (p.case, p.label) == (case, label)]
    hits = [r for r in pairs if _states(point, r)]
    assert any(r[1] == "contradicts" for r in hits), hits


def test_demo_agreements_are_never_contradictions(pairs: list[tuple[Any, ...]]) -> None:
    for point in GOLD.agreements:
        assert not [r for r in pairs if _states(point, r) and r[1] == "contradicts"], point.label


def test_demo_points_gate(demo_run: DemoRun) -> None:
    """What `claimtrack evaluate points` prints for the demo run: every point of FOUND, at most
    one unfounded contested point per case, no agreement called a contradiction."""
    scores = score_points(demo_run.db_path, GOLD)
    assert scores["found"] >= len(FOUND)
    assert scores["unfounded_max_per_case"] <= 1, scores["cases"]
    assert scores["agreements_contradicted"] == 0
    assert scores["false_agreements"] == 0, scores["cases"]


def test_evaluate_points_counts_false_agreements(demo_run: DemoRun, tmp_path: Path) -> None:
    """A labelled contradiction whose pair is judged "agrees" is a false agreement: the report
    would show the dispute under "Where the sides agree"."""
    import duckdb

    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_run.db_path.read_bytes())
    (point,) = [p for p in GOLD.points if p.label == "crashes with LaneGuard engaged"]
    with Store.open(copy, read_only=True) as store:
        rows = store.query(PAIRS_SQL.replace("SELECT", "SELECT p.pair_id,", 1))[1]
    stating = [r[0] for r in rows if _states(point, r[1:]) and r[2] == "contradicts"]
    assert stating
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "UPDATE claim_pairs SET label = 'agrees' WHERE pair_id IN (SELECT unnest(?))",
            [stating],
        )
    scores = score_points(copy, GOLD)
    case = scores["cases"]["orbis-driver-assist"]  # type: ignore[index]
    assert scores["false_agreements"] == 1
    assert case["false_agreements"] == ({"label": point.label, "pairs": len(stating)},)
    assert point.label in case["missed"]


def test_every_demo_case_has_contradictions_between_two_sides(pairs: list[tuple[Any, ...]]) -> None:
    for case in {p.case for p in GOLD.points}:
        rows = [r for r in pairs if r[0] == case and r[1] == "contradicts"]
        assert rows, case
        assert all(r[4] != r[6] for r in rows)


def test_demo_run_counts_and_rerun_adds_nothing(demo_run: DemoRun) -> None:
    first, second = demo_run.counts_after_first, demo_run.counts_after_second
    assert first["documents"] == 9 and first["claims"] > 100 and first["claim_pairs"] > 20
    assert second == {**first, "runs": first["runs"] + 1}
    assert demo_run.second.counts["sources_unchanged"] == 9
    assert demo_run.second.counts["documents_analysed"] == 0
    assert not demo_run.first.failed


def test_stored_offsets_slice_back(demo_run: DemoRun) -> None:
    with Store.open(demo_run.db_path, read_only=True) as store:
        _, rows = store.query(
            "SELECT d.text, c.content_text, c.content_start, c.content_end, c.speaker_text,"
            " c.speaker_start, c.speaker_end FROM claims c JOIN documents d USING (document_id)"
        )
        _, entities = store.query(
            "SELECT d.text, e.text, e.start_char, e.end_char FROM entities e JOIN documents d"
            " USING (document_id)"
        )
    for text, content, start, end, speaker, s_start, s_end in rows:
        assert text[start:end] == content
        if speaker is not None:
            assert text[s_start:s_end] == speaker
    assert entities and all(text[s:e] == ent for text, ent, s, e in entities)


def test_spokesperson_quoted_in_the_report_speaks_for_the_company(demo_run: DemoRun) -> None:
    with Store.open(demo_run.db_path, read_only=True) as store:
        _, rows = store.query(
            "SELECT DISTINCT c.case_id, c.party_id FROM claims c JOIN sources s"
            " ON s.document_id = c.document_id WHERE s.role = 'report' AND s.party_id <> c.party_id"
        )
    assert {case for case, _ in rows} >= {"kestrel-billing-outage", "meridian-recall"}


def test_broken_sources_are_recorded_and_the_run_goes_on(tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    demo = ROOT / "data" / "demo" / "kestrel-billing-outage"
    (http_server.root / "report.html").write_bytes((demo / "report.html").read_bytes())
    (tmp_path / "broken.html").write_bytes(b"<html><head><title>x</ti\x00\x01\x02<div")
    (tmp_path / "empty.html").write_bytes(b"")
    seeds = tmp_path / "seeds.toml"
    seeds.write_text(
        (ROOT / "seeds" / "demo.toml").read_text("utf-8").split("[[case]]")[0]
        + "[[case]]"
        + (ROOT / "seeds" / "demo.toml")
        .read_text("utf-8")
        .split("[[case]]")[1]
        .replace(
            "../data/demo/kestrel-billing-outage/report.html", f"{http_server.base_url}/report.html"
        )
        .replace("../data/demo/kestrel-billing-outage/coverage.html", "empty.html")
        .replace("../data/demo/kestrel-billing-outage/rebuttal.html", str(demo / "rebuttal.html"))
        + '\n[[case.sources]]\nlocation = "broken.html"\nparty = "ledger"\nrole = "coverage"\n'
    )
    (case,) = load_seeds(seeds)
    host = http_server.base_url.split("//", 1)[1]
    settings = Settings(db_path=tmp_path / "s.duckdb", fetch_allow_hosts=(host,), fetch_delay_s=0)
    with Store.open(settings.db_path) as store:
        result = run_pipeline([case], store, settings, str(seeds))
        _, sources = store.query("SELECT location, status, error FROM sources ORDER BY location")
        _, runs = store.query("SELECT status, sources_failed, sources_ok FROM runs")
        _, docs = store.query("SELECT url FROM documents ORDER BY url")
        _, contradictions = store.query(
            "SELECT count(*) FROM claim_pairs WHERE label = 'contradicts'"
        )
    assert {o.error.split(": ", 1)[1] for o in result.failed} == {  # type: ignore[union-attr]
        "binary content, not a text document",
        "empty document",
    }
    status = {Path(loc).name: (st, err) for loc, st, err in sources}
    assert status["broken.html"][0] == "failed" and "binary" in status["broken.html"][1]
    assert status["empty.html"][0] == "failed" and "empty" in status["empty.html"][1]
    assert status["report.html"] == ("ok", None) and status["rebuttal.html"] == ("ok", None)
    assert runs == [("partial", 2, 2)]
    assert f"{http_server.base_url}/report.html" in {url for (url,) in docs}
    assert contradictions[0][0] > 0


def test_contested_points_group_contradicting_pairs(demo_run: DemoRun) -> None:
    with Store.open(demo_run.db_path, read_only=True) as store:
        _, points = store.query("SELECT case_id, label, type, pair_ids FROM contested_points")
        _, labels = store.query("SELECT pair_id, case_id, label FROM claim_pairs")
    by_pair = {pid: (case, label) for pid, case, label in labels}
    assert {case for case, *_ in points} == {
        "kestrel-billing-outage",
        "meridian-recall",
        "orbis-driver-assist",
    }
    for case, label, _, pair_ids in points:
        assert label and pair_ids
        assert all(by_pair[p] == (case, "contradicts") for p in pair_ids)
    grouped = [p for *_, ids in points for p in ids]
    assert len(grouped) == len(set(grouped))  # each pair in one point
    assert sorted(grouped) == sorted(
        p for p, (_, label) in by_pair.items() if label == "contradicts"
    )
