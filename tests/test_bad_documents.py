"""Pages that cannot be analysed as they come: a line over spaCy's length limit, a charset that
decodes to lone surrogates, a document over the analysis budget, invisible control and
bidirectional characters, a document whose analysis raises in the spaCy worker. Each is cleaned,
parsed in pieces or recorded as a failed source with a one-line reason, and the rest of the run
(the other documents of the same chunk included) is stored."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Settings, settings_from_env
from pipeline.errors import EXIT_SOURCES_FAILED
from pipeline.executors import local
from pipeline.executors.codec import analysis_from_json, analysis_to_json
from pipeline.fetching import text as text_module
from pipeline.fetching.text import decode_text, page_to_document
from pipeline.nlp import analyse
from pipeline.nlp.analyse import Analysis, analyse_texts
from pipeline.records import Page, Source
from pipeline.runner.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from pipeline.store.snapshot import snapshot_path
from tests.conftest import fetch_settings
from tests.loopback import ScriptedServer, html
from tests.nightly_support import CASE, KESTREL, settings_env, source, write_seeds

SOURCE = Source(source_id="s", case_id="c", location="x", party="p", role="report")
CLAIM = "Dana Whitlock, a spokesperson for Kestrel Cloud, said the outage lasted one hour."
# What must never reach a stored text: controls, bidi formatting, zero-width characters.
HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)


def page(body: bytes, content_type: str | None) -> Page:
    return Page("x", "x", 200, content_type, body, "2026-01-01T00:00:00+00:00")


# -- text: decoding and invisible characters ----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        ("Lee Park said the fault \ud83d was fixed.".encode("utf-7"), "utf-7", "fault \ufffd was"),
        (b"Lee Park said the fault \\ud800 was fixed.", "unicode_escape", "fault \ufffd was"),
        (b"Lee Park said \\ud83d\\ude00 it was fixed.", "raw_unicode_escape", "said \U0001f600 it"),
    ],
)
def test_decoding_never_yields_a_lone_surrogate(body: bytes, charset: str, expected: str) -> None:
    text = decode_text(body, f"text/plain; charset={charset}")
    assert expected in text
    text.encode("utf-8")  # a lone surrogate would raise UnicodeEncodeError here
    doc = page_to_document(page(body, f"text/plain; charset={charset}"), SOURCE)
    assert expected in doc.text and len(doc.content_hash) == 64


def test_nul_controls_bidi_and_zero_width_characters_are_removed() -> None:
    filler = "Wire reporters covered the billing outage at length on Tuesday.\n" * 140
    assert len(filler) > 8192  # past the binary-content check of the first 8 KB
    spoof = (
        "“The agent was \u202enot\u202c the cause,” said Dana\x00 Whitlock, a"
        " spokesperson for Kestrel\u200b Cloud.\x07\n"
        "Family: \U0001f468\u200d\U0001f469\u200d\U0001f467 and \u2066isolated\u2069\ufeff.\n"
    )
    plain = page_to_document(page((filler + spoof).encode(), "text/plain"), SOURCE)
    assert plain.text == filler + (
        "“The agent was not the cause,” said Dana Whitlock, a spokesperson for Kestrel Cloud.\n"
        "Family: \U0001f468\u200d\U0001f469\u200d\U0001f467 and isolated.\n"
    )  # the joiners inside the family emoji are kept
    body = html(
        "Spoof",
        filler,
        "&#x201C;The agent was &#x202E;not&#x202C; the cause,&#x201D; said Dana\x00 Whitlock.",
    )
    doc = page_to_document(page(body, "text/html"), SOURCE)
    assert "“The agent was not the cause,” said Dana Whitlock." in doc.text
    assert not HIDDEN.search(doc.text) and not HIDDEN.search(doc.title or "")
    assert text_module.clean_text("a\tb\r\nc") == "a\tb\r\nc"


# -- analysis: long paragraphs in pieces, one failing document --------------------------------


def test_long_paragraphs_are_cut_at_sentence_ends_with_true_offsets() -> None:
    line = "  " + " ".join(f"Sentence number {i} is here." for i in range(400))
    text = "Title\n\n" + line + "\n" + "x" * 2500 + "\nEnd."
    found = analyse.pieces(text, 1000)
    assert all(text[offset : offset + len(p)] == p for offset, p in found)
    assert all(0 < len(p) <= 1000 for _, p in found)
    assert found[0] == (0, "Title") and found[-1] == (len(text) - 4, "End.")
    cut = [p for offset, p in found if offset < text.index("x")][1:]
    assert len(cut) > 10 and all(p.endswith("here.") for p in cut)  # at sentence ends
    assert "".join(cut).replace(".Sentence", ". Sentence") == line.strip()
    assert [len(p) for _, p in found[-4:-1]] == [1000, 1000, 500]  # no space at all: hard cuts
    assert analyse.pieces("short line\n") == [(0, "short line")]


def test_a_line_over_spacys_length_limit_is_analysed_in_pieces(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "max_length", 3000)  # spaCy's E088 limit, low for a short test
    line = " ".join([CLAIM.replace("one hour", f"{i} hours") for i in range(1, 80)])
    text = "Kestrel outage\n" + line + "\n"
    assert len(line) > 2 * nlp.max_length
    (analysis,) = analyse_texts(nlp, [text])
    assert analysis.error is None
    assert len(analysis.claims) >= 70  # from every piece of the line
    for claim in analysis.claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text
        assert claim.speaker is None or text[claim.speaker.start : claim.speaker.end] == (
            claim.speaker.text
        )
    assert any("79 hours" in c.content.text for c in analysis.claims)


MARK = "Zyzzogeton"  # a document with this word makes the fake spaCy below raise
E088 = "[E088] Text of length 1000001 exceeds maximum of 1000000."


class FaultySpacy:
    """The real pipeline, but `pipe` raises as spaCy does on a text it refuses (E088) when it
    reaches a paragraph with `MARK`."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.max_length = nlp.max_length

    def pipe(self, stream: Iterable[tuple[str, Any]], **kwargs: Any) -> Iterator[Any]:
        def checked() -> Iterator[tuple[str, Any]]:
            for text, context in stream:
                if MARK in text:
                    raise ValueError(f"{E088}\nIt is probably too long.")
                yield text, context

        return self.nlp.pipe(checked(), **kwargs)  # type: ignore[no-any-return]


def faulty_task(texts: list[str]) -> list[Analysis]:
    """The spaCy worker's task (`local._analyse_task`) with the faulty pipeline."""
    return analyse_texts(FaultySpacy(local._worker["nlp"]), texts, local._worker["batch_size"])


def test_one_document_that_cannot_be_analysed_loses_only_itself(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = [f"Kestrel outage\n{CLAIM.replace('one', n)}\n" for n in ("two", "three", "four")]
    bad = f"A {MARK} page\n{CLAIM}\n"
    expected = analyse_texts(nlp, good)
    ticks: list[int] = []
    got = analyse_texts(FaultySpacy(nlp), [good[0], bad, *good[1:]], 2, ticks.append)
    assert [got[0], *got[2:]] == expected and all(a.claims for a in expected)
    assert got[1] == Analysis((), (), f"ValueError: {E088}")
    assert sum(ticks) == 8  # every paragraph counted once
    assert analysis_from_json(analysis_to_json(got[1])) == got[1]  # back from a Ray worker
    # a bug in the claim extraction on one document: the same
    real = analyse.extract_claims

    def extract(doc: Any, offset: int) -> Any:
        if "three" in doc.text:
            raise KeyError("no head")
        return real(doc, offset)

    monkeypatch.setattr(analyse, "extract_claims", extract)
    got = analyse_texts(nlp, good)
    assert got[1] == Analysis((), (), "KeyError: 'no head'")
    assert [got[0], got[2]] == [expected[0], expected[2]]
    # in the worker's task: one error result in the failing document's place
    monkeypatch.setitem(local._worker, "nlp", nlp)
    monkeypatch.setitem(local._worker, "batch_size", 64)
    monkeypatch.setattr(analyse, "extract_claims", real)
    assert local._analyse_task(good) == expected


# -- runs: recorded failures, the rest stored ---------------------------------------------------


def sources_of(db: Path) -> dict[str, tuple[str, str | None]]:
    with Store.open(db, read_only=True) as store:
        _, rows = store.query("SELECT location, status, error FROM sources")
    return {loc.rsplit("/", 1)[-1]: (status, error) for loc, status, error in rows}


def test_a_document_failing_in_the_spacy_worker_fails_alone(
    tmp_path: Path, scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "_analyse_task", faulty_task)  # runs in the worker process
    urls = {
        "one": scripted.page("/one", html("one", CLAIM)),
        "bad": scripted.page("/bad", html("bad", f"The {MARK} said it was a fine day for it.")),
        "two": scripted.page("/two", html("two", CLAIM.replace("one hour", "two hours"))),
    }
    seeds = write_seeds(
        tmp_path,
        CASE + source(urls["one"], "ledger", "report") + source(urls["bad"]) + source(urls["two"]),
    )
    (case,) = load_seeds(seeds)
    settings = fetch_settings(tmp_path, scripted, nlp_processes=1)
    reason = f"{urls['bad']}: could not be analysed: ValueError: {E088}"
    for _ in range(2):  # the rerun analyses it again, and fails it again, without a crash
        with Store.open(settings.db_path) as store:
            result = run_pipeline([case], store, settings, str(seeds))
            _, docs = store.query("SELECT url FROM documents ORDER BY url")
            _, runs = store.query("SELECT status FROM runs ORDER BY started_at DESC LIMIT 1")
        assert [o.error for o in result.failed] == [reason]
        assert sources_of(settings.db_path)["bad"] == ("failed", reason)
        assert docs == [(urls["one"],), (urls["two"],)] and runs == [("partial",)]
    assert result.counts["sources_unchanged"] == 2


def test_a_document_over_the_word_budget_is_recorded_failed(
    tmp_path: Path, scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMTRACK_MAX_DOCUMENT_WORDS", "60")
    assert settings_from_env().max_document_words == 60
    assert Settings().max_document_words == 100_000
    long = " ".join([CLAIM] * 6)  # 13 words each
    urls = {
        "short": scripted.page("/short", CLAIM.encode(), "text/plain; charset=utf-8"),
        "long": scripted.page("/long", long.encode(), "text/plain; charset=utf-8"),
    }
    seeds = write_seeds(
        tmp_path, CASE + source(urls["short"], "ledger", "report") + source(urls["long"])
    )
    (case,) = load_seeds(seeds)
    settings = fetch_settings(tmp_path, scripted, max_document_words=60)
    reason = (
        f"{urls['long']}: document too large: 78 words over the limit of 60;"
        " raise CLAIMTRACK_MAX_DOCUMENT_WORDS to analyse it"
    )
    with Store.open(settings.db_path) as store:
        result = run_pipeline([case], store, settings, str(seeds))
        _, docs = store.query("SELECT url FROM documents")
    assert [o.error for o in result.failed] == [reason] and docs == [(urls["short"],)]
    assert sources_of(settings.db_path)["long"] == ("failed", reason)


def test_bad_pages_are_recorded_and_the_rest_of_the_batch_is_stored(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    """`claimtrack run` over a good page, a line of 1,000,025 characters (160,004 words: over the
    budget), a line of 1,000,001 characters without a space (parsed in pieces), a UTF-7 page with
    a lone surrogate, and a page with NUL after 8 KB and a bidi override in a quote."""
    s = scripted
    long_line = "The console stayed slow. " * 40_001
    no_spaces = "x" * 1_000_001
    filler = "Wire reporters covered the billing outage at length on Tuesday.\n" * 140
    spoof = filler + "“The AI agent was \u202enot\u202c the cause,” said Dana\x00 Whitlock.\n"
    urls = {
        "report": s.page("/report", (KESTREL / "report.html").read_bytes()),
        "long-line": s.page("/long-line", long_line.encode(), "text/plain"),
        "no-spaces": s.page("/no-spaces", f"{CLAIM}\n{no_spaces}\n".encode(), "text/plain"),
        "utf7": s.page(
            "/utf7", f"{CLAIM}\nIt was \ud83d fine.\n".encode("utf-7"), "text/plain; charset=utf-7"
        ),
        "spoof": s.page("/spoof", spoof.encode(), "text/plain; charset=utf-8"),
    }
    seeds = write_seeds(
        tmp_path,
        CASE
        + source(urls["report"], "ledger", "report")
        + "".join(source(urls[k], "kestrel", "rebuttal") for k in ("no-spaces", "utf7", "spoof"))
        + source(urls["long-line"]),
    )
    settings = fetch_settings(tmp_path, s)
    reports = tmp_path / "reports"
    args = ["run", "--seeds", str(seeds), "--output", str(reports), "--json"]
    first = CliRunner().invoke(app, args, env=settings_env(settings))
    assert isinstance(first.exception, SystemExit), first.exception  # not a traceback
    assert first.exit_code == EXIT_SOURCES_FAILED, first.output
    reason = (
        f"{urls['long-line']}: document too large: 160,004 words over the limit of 100,000;"
        " raise CLAIMTRACK_MAX_DOCUMENT_WORDS to analyse it"
    )
    out = json.loads(first.stdout)
    assert [f["error"] for f in out["failed"]] == [reason]
    assert out["snapshot"] and snapshot_path(settings.db_path).exists()
    got = sources_of(settings.db_path)
    assert got["long-line"] == ("failed", reason)
    assert {k: got[k] for k in ("report", "no-spaces", "utf7", "spoof")} == dict.fromkeys(
        ("report", "no-spaces", "utf7", "spoof"), ("ok", None)
    )
    with Store.open(snapshot_path(settings.db_path), read_only=True) as store:
        _, docs = store.query("SELECT url, text FROM documents")
        _, claims = store.query(
            "SELECT d.url, d.text, c.content_start, c.content_end, c.content_text, c.claim_text"
            " FROM claims c JOIN documents d USING (document_id)"
        )
    texts = {url.rsplit("/", 1)[-1]: text for url, text in docs}
    assert texts["no-spaces"] == f"{CLAIM}\n{no_spaces}\n"
    assert texts["utf7"] == f"{CLAIM}\nIt was \ufffd fine.\n"
    by_page = {url.rsplit("/", 1)[-1] for url, *_ in claims}
    assert {"report", "no-spaces", "utf7", "spoof"} <= by_page
    for _, text, start, end, content, claim_text in claims:
        assert text[start:end] == content
        assert not HIDDEN.search(content) and not HIDDEN.search(claim_text)
    assert any("The AI agent was not the cause" in c[4] for c in claims)
    written = {p.name: p.read_text("utf-8") for p in reports.iterdir()}
    assert "The AI agent was <mark>not the cause" in written["report.html"]
    assert "The AI agent was **not the cause**" in written["report.md"]
    assert not any(HIDDEN.search(w) for w in written.values())
    second = CliRunner().invoke(app, args, env=settings_env(settings))
    assert isinstance(second.exception, SystemExit), second.exception
    assert second.exit_code == EXIT_SOURCES_FAILED, second.output
    again = json.loads(second.stdout)
    assert [f["error"] for f in again["failed"]] == [reason]
    assert again["counts"]["sources_unchanged"] == 4


def test_extract_reports_the_documents_it_cannot_take(
    tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.runner import extract

    monkeypatch.setattr(extract, "load_nlp", lambda name: FaultySpacy(nlp))
    files = {"short": CLAIM, "long": " ".join([CLAIM] * 6), "bad": f"The {MARK} said so."}
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    paths = [tmp_path / f"{name}.txt" for name in files]
    short, long, bad = extract.extract_files(paths, Settings(max_document_words=60))
    assert short.error is None and short.claims
    assert long.document is None and long.error == (
        f"{paths[1]}: document too large: 78 words over the limit of 60;"
        " raise CLAIMTRACK_MAX_DOCUMENT_WORDS to analyse it"
    )
    assert bad.document is None and bad.error == (
        f"{paths[2]}: could not be analysed: ValueError: {E088}"
    )


def test_a_quote_over_wrapped_lines_is_stored_and_paired(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    """A statement quoted over hard-wrapped lines (parsed with spaces for the line breaks) is
    stored as the page has it, so pairing finds its vector: the run ends and the case is
    paired (this layout once stopped the whole run in pairing)."""
    statement = (
        "Kestrel's statement:\n\n"
        "“The story says that we knew about the billing fault as early\n"
        "as the spring but were slow to act at every\n"
        "turn. This is not true.\n\n"
        "“After the outage, no one ever stopped the engineers from\n"
        "looking into the fault — as they themselves said in\n"
        "May. Indeed the Ledger itself says, ‘the engineers\n"
        "widened the search.'”\n"
    )
    s = scripted
    report = s.page("/report", (KESTREL / "report.html").read_bytes())
    rebuttal = s.page("/statement", statement.encode(), "text/plain; charset=utf-8")
    seeds = write_seeds(
        tmp_path,
        CASE + source(report, "ledger", "report") + source(rebuttal, "kestrel", "rebuttal"),
    )
    settings = fetch_settings(tmp_path, s)
    args = ["run", "--seeds", str(seeds), "--no-report", "--json"]
    result = CliRunner().invoke(app, args, env=settings_env(settings))
    assert result.exit_code == 0, result.output
    with Store.open(settings.db_path, read_only=True) as store:
        _, pieces = store.query(
            "SELECT len(content_parts) FROM claims c JOIN documents d USING (document_id)"
            " WHERE d.text LIKE '%widened the search%'"
        )
        _, pairs = store.query("SELECT count(*) FROM claim_pairs WHERE case_id = 'kestrel'")
    assert max(n for (n,) in pieces) > 2
    assert pairs[0][0] > 0
