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

.PHONY: run test test-sqlite test-postgresql lint bench clean vendor-axe templates samples fonts

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
# As in production: gunicorn (gunicorn.conf.py) serves the pages and API, and the scheduler
# (reminders, e-mail) runs in a process of its own; Ctrl-C stops both. E-mail is not sent but
# kept (IOP_MAIL_BACKEND=file) and shown to admins on /admin/e-post/fangad; set
# IOP_MAIL_BACKEND=smtp and IOP_SMTP_* to send for real.
# Links in e-mails and the printed calendar URLs point at the address actually served.
run: export IOP_BASE_URL ?= http://$(HOST):$(PORT)
run: export IOP_MUNICIPALITY_NAME ?= Sjöstads kommun
run: export IOP_MAIL_BACKEND ?= file
run: export IOP_LOG_FORMAT ?= text
run: export IOP_BIND ?= $(HOST):$(PORT)
run: export IOP_WORKERS ?= 2
run: $(VENV)/.run-installed
	$(BIN)/iop db upgrade
	$(BIN)/iop demo
	@echo "Tjänsten: $$IOP_BASE_URL (avsluta med Ctrl+C). Fångad e-post: $$IOP_BASE_URL/admin/e-post/fangad"
	$(BIN)/iop scheduler & scheduler=$$!; \
		trap 'kill $$scheduler 2>/dev/null; wait $$scheduler' EXIT; \
		IOP_SCHEDULER=off $(BIN)/gunicorn

## make test: lint, then the whole suite on SQLite and on PostgreSQL
test: $(VENV)/.test-installed fonts lint test-sqlite test-postgresql

# The documents use Calibri (Word's font); LibreOffice lays them out as Word does only with the
# metric-compatible Carlito (and Caladea for Cambria). Without them the layout tests are skipped.
fonts:
	@for pair in Calibri:Carlito Cambria:Caladea; do \
		word=$${pair%%:*}; free=$${pair##*:}; \
		if command -v fc-match >/dev/null && ! fc-match -f '%{family}' $$word | grep -q -e $$word -e $$free; then \
			echo "FONT MISSING: $$free (for $$word): install fonts-crosextra-carlito fonts-crosextra-caladea;" \
			     "the layout tests (marker layout) will be skipped"; \
		fi; \
	done

lint: $(VENV)/.test-installed
	$(BIN)/ruff check iop tests bench tools

test-sqlite: $(VENV)/.test-installed
	IOP_TEST_DATABASE=sqlite $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The PostgreSQL half checks what the database decides (queries, locks, concurrency, migrations);
# the pages in Chromium, the documents in LibreOffice and the rendering of Word documents from plain
# data are checked once, in the SQLite half,
# which keeps `make test` near ten minutes on two cores (11.5 to 12 minutes at the last count).
PG_MARKERS ?= not browser and not libreoffice and not layout and not rendering

test-postgresql: $(VENV)/.test-installed
	IOP_TEST_DATABASE=postgresql $(BIN)/pytest -n $(PYTEST_WORKERS) -m "$(PG_MARKERS)" $(PYTEST_ARGS)

## make bench: every benchmark against its DESIGN.md target, as one table (bench/README.md); BENCH_ARGS=--quick
BENCH_ARGS ?=
bench: $(VENV)/.run-installed
	@command -v wrk >/dev/null || echo "wrk is not installed (apt-get install wrk): the API bench uses its Python client"
	$(BIN)/python -m bench $(BENCH_ARGS)

## make templates: rebuild templates/agreements/ (the Word templates and manifests) with tools/scaffold
# It replaces the files: a lawyer's edit made in Word shows in `git diff` and belongs in the scaffold too.
templates: $(VENV)/.run-installed
	$(BIN)/python -m tools.scaffold --replace templates/agreements
	$(BIN)/iop templates check --dir templates/agreements

## make samples: the demo's IOP and annual agreement (draft, approved, active) and the yearly report as PDF in samples/
samples: $(VENV)/.run-installed
	$(BIN)/python -m tools.samples samples

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts samples

# The accessibility test's checker is vendored (tests/browser/vendor/axe-core) so that a clean
# clone needs neither Node.js nor the network; this replaces it with another version from npm.
AXE_VERSION ?= 4.14.1
AXE_DIR := tests/browser/vendor/axe-core

## make vendor-axe AXE_VERSION=x.y.z: replace the vendored axe-core from the npm registry
vendor-axe:
	rm -rf $(AXE_DIR).tmp && mkdir -p $(AXE_DIR).tmp
	cd $(AXE_DIR).tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz
	cp $(AXE_DIR).tmp/package/axe.min.js $(AXE_DIR).tmp/package/LICENSE \
	   $(AXE_DIR).tmp/package/LICENSE-3RD-PARTY.txt $(AXE_DIR)/
	rm -rf $(AXE_DIR).tmp
	@sha256sum $(AXE_DIR)/axe.min.js
	@echo "axe-core $(AXE_VERSION) vendored: put its version and sha256 in $(AXE_DIR)/README.md"
