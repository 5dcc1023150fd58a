"""`python -m pipeline.cli`: the same as the `claimtrack` command."""

from pipeline.cli import app

app()
