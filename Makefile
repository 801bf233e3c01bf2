# Wegwijs: `make demo` and `make test` are the two commands; see README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
# One test database per checkout, so two checkouts on one machine never collide.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/wegwijs_$(subst -,_,$(notdir $(CURDIR)))
DEMO_DATABASE_URL ?= sqlite:///db.sqlite3

.PHONY: help install assets browser-deps demo serve test check lint types contracts \
	migrations-check schema schema-check audit test-sqlite test-postgres bench messages clean

help:
	@echo "make demo    install, build assets, migrate SQLite, load the Haarlem demo, serve on 127.0.0.1:8000"
	@echo "make test    everything CI checks (format, lint, types, contracts, migrations, schema, tests)"
	@echo "make install install the locked dependencies and build the front-end assets"
	@echo "make bench   benchmarks as ratios to /health/live (see bench/README.md)"

# --- Installation -----------------------------------------------------------

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || command -v python3 >/dev/null || { echo "Python 3.11 is missing: install python3.11 (Debian: apt-get install python3 python3-venv)"; exit 1; }
	@py=$$(command -v $(PYTHON) || command -v python3); \
	  $$py -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
	  || { echo "Python 3.11 is required (found $$($$py --version))"; exit 1; }; \
	  $$py -m venv $(VENV) || { echo "python3-venv is missing: apt-get install python3-venv"; exit 1; }

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --default-pip >/dev/null
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: uv.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are missing: apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/.built: node_modules/.installed scripts/build_assets.mjs
	node scripts/build_assets.mjs
	@touch $@

install: $(VENV)/.synced build/static/.built

assets: build/static/.built

browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: run 'sudo apt-get install chromium' (browser tests use /usr/bin/chromium)"; exit 1; fi; \
	fi

# --- Demo -------------------------------------------------------------------

demo: install
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=$(DEMO_DATABASE_URL) $(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --no-input -v0
	@echo "Wegwijs demo: http://127.0.0.1:8000  (stop with Ctrl-C)"
	DATABASE_URL=$(DEMO_DATABASE_URL) WEGWIJS_DEMO=true $(BIN)/python manage.py runserver --noreload --insecure 127.0.0.1:8000

# --- Checks -----------------------------------------------------------------

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy config wegwijs bench

contracts: install
	$(BIN)/lint-imports

migrations-check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

schema: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py spectacular --validate --fail-on-warn --file schema/openapi.yaml

schema-check: install
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /tmp/wegwijs-openapi.yaml
	@diff -u schema/openapi.yaml /tmp/wegwijs-openapi.yaml \
	  || { echo "schema/openapi.yaml is out of date with the code: run 'make schema' and commit it"; exit 1; }

# Translations. The project catalogue lives in locale/; an app with its own
# locale/ directory keeps its own catalogue (wegwijs/<app>/locale), so work on
# one app never rewrites another's. `make messages APP=intake` does one app.
APP_CATALOGUES := $(patsubst %/locale,%,$(wildcard wegwijs/*/locale))
MAKEMESSAGES := DJANGO_SETTINGS_MODULE=config.settings.test PYTHONPATH=$(CURDIR) $(CURDIR)/$(BIN)/django-admin makemessages -l nl -l en --no-obsolete
messages: install
ifdef APP
	cd wegwijs/$(APP) && mkdir -p locale && $(MAKEMESSAGES)
	cd wegwijs/$(APP) && DJANGO_SETTINGS_MODULE=config.settings.test PYTHONPATH=$(CURDIR) $(CURDIR)/$(BIN)/django-admin compilemessages
else
	@for app in $(APP_CATALOGUES); do (cd $$app && $(MAKEMESSAGES)); done
	$(MAKEMESSAGES) --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'build/*' --ignore 'staticfiles/*' $(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'node_modules/*'
endif

test-sqlite: install browser-deps
	DATABASE_URL=sqlite:///wegwijs-test.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -p no:cacheprovider

test-postgres: install browser-deps
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_TEST_URL) DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -p no:cacheprovider; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(PG_TEST_URL), and CI requires it"; exit 1; \
	else echo "PostgreSQL is not reachable at $(PG_TEST_URL): the PostgreSQL run is left out (CI requires it)"; fi

check: lint types contracts migrations-check schema-check

# Known vulnerabilities in the locked dependencies (pip-audit against PyPI).
audit: install
	$(BIN)/uv export --frozen --no-hashes --no-emit-project --quiet | $(BIN)/python scripts/audit_dependencies.py

test: check audit test-sqlite test-postgres

# --- Benchmarks -------------------------------------------------------------

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# 20 residents submit 2,000 requests while coordinators work; exactly 2,000 must exist.
soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) node_modules build staticfiles .mypy_cache .ruff_cache
