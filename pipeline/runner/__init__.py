"""The main job's orchestration: a run over seeds and feeds, the nightly wrapper and its lock,
and the one-off extract and compare jobs."""
