# The install procedure: `make demo` and `make test` each create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,dask]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/eventwire demo

test: $(VENV)/.installed-test
	# the dashboard tests drive Debian's chromium headless (Playwright with executable_path)
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium) \
		|| echo "chromium could not be installed: tests/test_dashboard.py will be skipped"
	# the PostgreSQL tests start a throwaway server of Debian's postgresql (skipped if it cannot be installed)
	command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
		|| (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql) \
		|| echo "postgresql could not be installed: tests/test_postgres.py will be skipped"
	$(BIN)/ruff check eventwire tests bench scripts
	$(BIN)/pytest -q

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $(VENV)/.installed $@

# Throughput, memory, start-up and per-stage cost, against spaCy's small NER (see bench/README.md).
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/bench_pipeline.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check eventwire tests bench scripts
	$(BIN)/ruff format --check eventwire

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm
