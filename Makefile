# Two commands do all the set-up: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch, installed before the project so that its range pulls nothing bigger.
TORCH ?= torch==2.13.0
STAMP := $(VENV)/.installed
# The test suite also runs the Ray executor on a local Ray: the `ray` extra, for `make test` only.
RAY_STAMP := $(VENV)/.installed-ray

.PHONY: demo test lint venv clean browser

venv: $(STAMP)

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claimtrack run --seeds seeds/demo.toml

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/ruff format --check pipeline tests bench
	$(BIN)/mypy pipeline
	$(BIN)/lint-imports

# The HTML report's test drives Debian's chromium (through playwright); install it when absent.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: the browser test will say so and skip"

$(RAY_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	touch $(RAY_STAMP)

test: lint browser $(RAY_STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) data/claimtrack.duckdb data/claimtrack.duckdb.wal data/claimtrack.duckdb.lock data/claimtrack.snapshot.duckdb data/reports
