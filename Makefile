# Two commands for a fresh machine with Python >= 3.11 and make: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_SETTINGS := portal.settings.dev

.PHONY: run test lint install lock messages

# Every package at the version and hash in requirements.lock: a fresh clone installs what
# the suite last passed with, whatever the package index has released since.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) scripts/check_lock.py
	touch $@

install: $(VENV)/.installed

# Resolve pyproject.toml's dependencies anew (newest allowed versions) into the lock.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --no-strip-markers --quiet -o requirements.lock
	rm -f $(VENV)/.installed
	$(MAKE) install

run: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_content
	# The mail worker runs beside the web server and stops with it.
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py db_worker --backend durable --queue-name mail & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(PY) scripts/check_lock.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	# Two groups: the unit and page tests spread over every core (pytest-xdist; each worker
	# has its own test database), then the browser tests one at a time (they share Chromium
	# and flush the database after each test).
	$(VENV)/bin/pytest -n auto --ignore=tests/e2e
	$(VENV)/bin/pytest tests/e2e

# Refresh the Swedish translation catalogue after changing user-facing strings.
messages: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py makemessages -l sv -l ar --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py compilemessages --ignore=.venv
