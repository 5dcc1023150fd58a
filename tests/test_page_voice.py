"""A page's own voice speaks for the party the page says it is, end to end over loopback: a
page declared as neutral coverage whose site name names the company puts its own sentences in
the company's voice; a party's `domains` in the seeds file do the same by host."""

from __future__ import annotations

from pathlib import Path

from pipeline.runner.run import run_pipeline
from pipeline.seeds import load_seeds
from pipeline.store import Store
from tests.conftest import fetch_settings
from tests.loopback import ScriptedServer, html
from tests.nightly_support import CASE, source, write_seeds

OWN_VOICE = "The billing outage lasted two hours and was fixed the same afternoon."
QUOTED = "Tomás Ferreira of the Harbour Ledger said the outage lasted thirteen hours."
SITE = '<meta property="og:site_name" content="Kestrel Cloud Newsroom">'


def test_own_voice_follows_the_site_name_and_the_domains(
    tmp_path: Path, scripted: ScriptedServer
) -> None:
    url = scripted.page("/newsroom/outage", html("Outage update", OWN_VOICE, QUOTED, head=SITE))
    seeds = write_seeds(tmp_path, CASE + source(url))  # declared as the neutral wire's coverage
    (case,) = load_seeds(seeds)
    settings = fetch_settings(tmp_path, scripted)
    with Store.open(settings.db_path) as store:
        run_pipeline([case], store, settings, str(seeds))
        _, rows = store.query("SELECT party_id, content_text FROM claims ORDER BY content_start")
    parties = {text: party for party, text in rows}
    own = next(text for text in parties if text.startswith("The billing outage"))
    quoted = next(text for text in parties if "thirteen hours" in text)
    assert parties[own] == "kestrel"  # the page says it is Kestrel's newsroom
    assert parties[quoted] == "ledger"  # a quoted speaker still speaks for their own side

    # the same page without a site name, its host listed as the Harbour Ledger's domain
    plain = scripted.page("/plain/outage", html("Outage update", OWN_VOICE))
    host = plain.split("/")[2].split(":")[0]
    with_domains = CASE.replace(
        'aliases = ["Harbour Ledger"', f'domains = ["{host}"]\naliases = ["Harbour Ledger"'
    )
    seeds = write_seeds(tmp_path, with_domains + source(plain), name="domains.toml")
    (case,) = load_seeds(seeds)
    assert case.party("ledger").domains == (host,)
    settings = fetch_settings(tmp_path / "second", scripted)
    with Store.open(settings.db_path) as store:
        run_pipeline([case], store, settings, str(seeds))
        _, rows = store.query("SELECT DISTINCT party_id FROM claims")
    assert rows == [("ledger",)]
