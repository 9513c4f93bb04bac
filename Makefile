# The two set-up commands are `make run` and `make test`; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest arguments, e.g. `make test PYTEST_ARGS="tests/reviews -k reference"`
PYTEST_ARGS ?=

.PHONY: run test check lint format lock vendor messages clean backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Marker files: reinstall only when the lock changes.
$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime-installed

## run: the embedded default on http://$(HOST):$(PORT) (SQLite, eager Celery, console e-mail)
run: export DEBUG ?= 1
run: $(VENV)/.runtime-installed
	scripts/install-system-deps.sh run
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py reindex_public --verbosity 0
	@echo "Serving the GCM Review Portal on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: lint, checks and the whole suite on a throwaway PostgreSQL and Redis
test: export SECRET_KEY ?= test-only-secret-key-not-for-production-Qz7Lm2Xv9Rk4Tw8Hn3
test: export DEBUG := 0
test: export ALLOWED_HOSTS := localhost,127.0.0.1,testserver
# The suite reads the API far faster than a person; tests of throttling set their own rate.
test: export API_RATE_LIMIT := 100000/minute
test: export REGISTRATION_RATE_LIMIT := 100000/h
test: export SEARCH_RATE_LIMIT := 100000/m
# The test client speaks plain HTTP; the production defaults (HTTPS only, HSTS) are checked by
# tests/test_deploy_settings.py in a process of their own.
test: export BEHIND_TLS_PROXY := 0
test: $(VENV)/.dev-installed
	scripts/install-system-deps.sh test
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore '.venv/*' --verbosity 0
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	scripts/with-services.sh bash -c '\
	  set -e; \
	  $(BIN)/python manage.py check; \
	  $(BIN)/python manage.py makemigrations --check --dry-run; \
	  $(BIN)/python manage.py collectstatic --noinput --verbosity 0; \
	  PYTHON=$(BIN)/python scripts/run-tests.sh $(PYTEST_ARGS)'

## backup: the database and the media, with a manifest, into var/backups/<UTC time>/ (or TO=dir)
backup: $(VENV)/.runtime-installed
	$(BIN)/python manage.py backup $(if $(TO),--to "$(TO)")

## restore: put back a backup: `make restore FROM=var/backups/<time>` (YES=1 replaces existing data)
restore: $(VENV)/.runtime-installed
	@test -n "$(FROM)" || { echo "usage: make restore FROM=var/backups/<time> [YES=1]" >&2; exit 2; }
	$(BIN)/python manage.py restore --from "$(FROM)" $(if $(YES),--yes)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## lock: re-pin requirements*.lock from pyproject.toml (needs network access to PyPI)
lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

## vendor: refresh Bootstrap in static/vendor from the npm registry
vendor:
	scripts/vendor-assets.sh

## messages: extract translatable strings into locale/*/LC_MESSAGES/django.po and compile them
messages: export DEBUG ?= 1
messages:
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
