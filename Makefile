# Bouwplaats — `make run` serves the site, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve smoke test lint format bench schema check-schema messages compile-messages install install-test \
        browser-deps migrate-check check-messages check-spdx clean demo-data bench-monitor bench-serve \
        check-api-rules fuzz-api

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/base.txt requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base compile-messages
install-test: $(VENV)/.installed-test compile-messages

compile-messages: | $(BIN)/python
	@mkdir -p var/static var/media
	@$(BIN)/python bin/compile_messages.py

run: install
	@mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data && $(MANAGE) load_demo_progress
	$(MANAGE) load_demo_suppliers && $(MANAGE) load_demo_landscapes && $(MANAGE) load_demo_knowledge && $(MANAGE) load_demo_cocreation
	$(MANAGE) load_demo_reviews
	$(MANAGE) load_demo_successor
	$(MANAGE) runserver $(HOST):$(PORT)

# Production processes from the Procfile (gunicorn, Celery worker and beat) under honcho, with the
# production settings from the environment: SECRET_KEY, DATABASE_URL (PostgreSQL), CACHE_URL and
# CELERY_BROKER_URL (Redis), ... (docs/admin/installation.md). Migrates and collects the static files first.
serve: install
	@mkdir -p var
	bin/entrypoint manage collectstatic --no-input --verbosity 0
	bin/entrypoint migrate
	BIND=$(HOST):$(PORT) $(BIN)/honcho start -f Procfile

# The production smoke test (bin/smoke-test): the process set against its own PostgreSQL database and Redis.
smoke: install
	bin/smoke-test

demo-data: install
	$(MANAGE) load_demo_data && $(MANAGE) load_demo_progress
	$(MANAGE) load_demo_suppliers && $(MANAGE) load_demo_landscapes && $(MANAGE) load_demo_knowledge && $(MANAGE) load_demo_cocreation
	$(MANAGE) load_demo_reviews
	$(MANAGE) load_demo_successor

# The suite runs on as many processes as the machine has cores (pytest-xdist); PYTEST_WORKERS=0 runs
# it in this process alone.
PYTEST_WORKERS ?= auto
test: install-test browser-deps
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The browser tests drive Debian's Chromium; install it when we may, otherwise say how.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null || exit 1; \
	  else \
	    echo "The browser tests need Debian's Chromium at /usr/bin/chromium."; \
	    echo "Install it with:  sudo apt-get install -y chromium   and run make test again."; \
	    exit 1; \
	  fi; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every source file carries the licence line; `bin/spdx-headers --fix` adds it where it is missing.
check-spdx: | $(BIN)/python
	$(BIN)/python bin/spdx-headers --check

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate-check: install-test
	$(MANAGE) makemigrations --check --dry-run

schema: install-test
	$(MANAGE) spectacular --api-version v1 --lang en --validate --fail-on-warn --file docs/api/openapi.yaml

check-schema: install-test
	$(MANAGE) spectacular --api-version v1 --lang en --validate --fail-on-warn --file var/openapi.check.yaml
	diff -u docs/api/openapi.yaml var/openapi.check.yaml && echo "OpenAPI schema is up to date."

# The committed schema against the NL API Design Rules: Logius' Spectral ruleset with our documented
# exceptions (tools/nl-api-design-rules/). Fails on any error and lists the warnings. Spectral's exact
# version is pinned in package-lock.json and installed into tools/nl-api-design-rules/node_modules.
API_RULES := tools/nl-api-design-rules
SPECTRAL := $(API_RULES)/node_modules/.bin/spectral

$(SPECTRAL): $(API_RULES)/package.json $(API_RULES)/package-lock.json
	npm ci --prefix $(API_RULES) --no-audit --no-fund --loglevel error
	touch $@

check-api-rules: $(SPECTRAL)
	$(SPECTRAL) lint --ruleset $(API_RULES)/bouwplaats.yaml --fail-severity error docs/api/openapi.yaml \
	  && echo "The OpenAPI schema meets the NL API Design Rules."

# Every operation of the schema, fuzzed against the site in-process (schemathesis): no 5xx, and every
# answer as the schema says. Bounded: FUZZ_EXAMPLES cases an operation, a fixed seed.
fuzz-api: install-test
	$(BIN)/pytest tests/api/test_fuzz.py -p no:randomly -q -n 2 $(PYTEST_ARGS)

# Extract new strings into the Dutch catalogue (needs GNU gettext's xgettext).
messages: install-test
	cd src/bouwplaats && $(abspath $(BIN))/python $(abspath manage.py) makemessages --locale nl --no-obsolete --no-location --ignore "*/tests/*"
	$(MAKE) compile-messages

# Each script prints its medians as ratios to a baseline measured in the same run.
bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/monitor.py --quick $(BENCH_MONITOR_ARGS)
	$(BIN)/python bench/architecture.py
	$(BIN)/python bench/archimate_export.py
	$(BIN)/python bench/impact.py
	$(BIN)/python bench/knowledge.py
	$(BIN)/python bench/cocreation.py
	$(BIN)/python bench/notifications.py
	$(BIN)/python bench/reports.py --quick
	$(BIN)/python bench/stuf.py

bench-monitor: install-test
	$(BIN)/python bench/monitor.py $(BENCH_MONITOR_ARGS)

# Production-shaped: gunicorn (4 workers), PostgreSQL and Redis on their standard local ports (user
# postgres, no password), national volume; see docs/dev/benchmarks.md. BENCH_SERVE_ARGS=--seconds 10
bench-serve: install-test
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "bench-serve needs PostgreSQL on 127.0.0.1:5432 (user postgres)."; exit 1; }
	@$(BIN)/python -c "import redis; redis.Redis(host='127.0.0.1', port=6379).ping()" 2>/dev/null \
	  || { echo "bench-serve needs Redis on 127.0.0.1:6379."; exit 1; }
	$(BIN)/python bench/serve.py $(BENCH_SERVE_ARGS)

clean:
	rm -rf var/bouwplaats.sqlite3* var/static

# Fails when the templates or code hold strings that the Dutch catalogue lacks or leaves untranslated.
check-messages: install-test
	$(BIN)/python bin/check_messages.py
