# Two commands for a new user: `make run` and `make test`. Both build their own
# virtualenv from the pinned requirements and need nothing installed beforehand
# but Python 3.11+.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYTEST_ARGS ?=
# Two workers: this is a two-core machine, and every worker gets its own database.
PYTEST_WORKERS ?= 2

.PHONY: run test test-sqlite test-postgresql lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements/run.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/run.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements/test.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.run-installed

## make run: install, upgrade the SQLite database, load demo data once, serve on http://127.0.0.1:5000
run: $(VENV)/.run-installed
	$(BIN)/iop db upgrade
	$(BIN)/iop demo
	IOP_SCHEDULER=$${IOP_SCHEDULER:-on} IOP_LOG_FORMAT=$${IOP_LOG_FORMAT:-text} $(BIN)/iop run --host $(HOST) --port $(PORT)

## make test: lint, then the whole suite on SQLite and on PostgreSQL
test: $(VENV)/.test-installed lint test-sqlite test-postgresql

lint: $(VENV)/.test-installed
	$(BIN)/ruff check iop tests bench

test-sqlite: $(VENV)/.test-installed
	IOP_TEST_DATABASE=sqlite $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-postgresql: $(VENV)/.test-installed
	IOP_TEST_DATABASE=postgresql $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
