# Two commands for a fresh machine with Python >= 3.11 and make: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_SETTINGS := portal.settings.dev

.PHONY: run test lint install messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_content
	# The mail worker runs beside the web server and stops with it.
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py db_worker --backend durable --queue-name mail & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# Refresh the Swedish translation catalogue after changing user-facing strings.
messages: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py makemessages -l sv -l ar --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py compilemessages --ignore=.venv
