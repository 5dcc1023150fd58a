"""The main job's orchestration: a run over seeds and feeds (`run`, with its parts: `gather`,
`classify`, `sources`, `keys`, `ledger`, `pairing`, `timing`), the nightly wrapper and its lock,
and the one-off extract and compare jobs."""
