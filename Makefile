# Two commands for people: `make run` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# Three test processes on two cores: with two, a quarter of the CPU sat idle while tests waited on PostgreSQL,
# Chromium and the HTML checker.
TEST_WORKERS ?= 3
export FLASK_APP := marketplace:create_app

.PHONY: run test lint install install-test migrate demo serve e2e unit bench lock vendor-frontend chromium clean

run: install migrate demo serve

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

migrate: install
	$(BIN)/flask db upgrade

demo: install
	$(BIN)/flask demo load

serve: install
	@echo
	@$(BIN)/flask demo logins
	@echo
	@echo "Serving on http://$(HOST):$(PORT)  (development emails: http://$(HOST):$(PORT)/dev/emails)"
	@echo "The worker (emails, scheduled jobs) runs beside it; its log: instance/worker.log"
	@mkdir -p instance; $(BIN)/flask worker >>instance/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install-test chromium lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# Format, lint, the domain layers (import-linter contracts in pyproject.toml) and types ([tool.mypy]).
lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

unit: install-test
	$(BIN)/python -m pytest tests

e2e: install-test chromium
	$(BIN)/python -m pytest e2e

bench: install-test
	$(BIN)/python -m tests.benchmarks.bench_search --profiles 100000
	$(BIN)/python -m tests.benchmarks.bench_http --profiles 100000
	$(BIN)/python -m tests.benchmarks.bench_load --clients 24 --seconds 120
	$(BIN)/python -m tests.benchmarks.bench_opportunities --opportunities 10000 --bids 100000
	$(BIN)/python -m tests.benchmarks.bench_insight
	$(BIN)/python -m tests.benchmarks.bench_pages

# Debian's Chromium drives the browser tests (Playwright's own download does not work here).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is not installed (/usr/bin/chromium): browser tests will be skipped. Install it with: sudo apt-get install chromium"; \
	fi

# Re-pin every dependency after changing pyproject.toml.
lock: $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

vendor-frontend:
	bash scripts/vendor-govuk-frontend.sh

clean:
	rm -rf $(VENV) instance .pytest_cache
