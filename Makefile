# The install procedure: `make demo` and `make test` each create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/eventwire demo

test: $(VENV)/.installed-test
	$(BIN)/ruff check eventwire tests bench
	$(BIN)/pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check eventwire tests bench
	$(BIN)/ruff format --check eventwire

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm
