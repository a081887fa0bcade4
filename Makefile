# Every target installs what it needs into .venv first, so a fresh clone needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := DEBUG=$${DEBUG-1} $(BIN)/python manage.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-fast lint format bench install migrate seed demo browser clean serve loadtest

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24,<27"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) loadseed

demo: seed
	$(MANAGE) createdemousers
	$(MANAGE) createdemosurvey

# PORT=8001 make run serves on another port (the demo logins print the address).
PORT ?= 8000
export PORT

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite (browser, child processes, faults too); the 15 slowest tests listed last.
test: install
	DEBUG=$${DEBUG-1} $(BIN)/python -m pytest --durations=15

# The inner loop: the suite less its slow kinds (markers in pyproject.toml).
test-fast: install
	DEBUG=$${DEBUG-1} $(BIN)/python -m pytest -m "not browser and not subprocess and not faults"

# ruff (lint, import order, format), the import contracts of pyproject.toml (import-linter)
# and the types (mypy with django-stubs).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	DEBUG=1 $(BIN)/python -m tests.bench

# Browser tests need the distribution's Chromium (no browser is ever downloaded); the PDF
# (WeasyPrint) needs Pango and the IPA Gothic font, its tests pdftoppm (poppler-utils).
browser:
	test -x /usr/bin/chromium -a -d /usr/share/fonts/opentype/ipafont-gothic -a -x /usr/bin/pdftoppm || (apt-get update -qq && apt-get install -y -qq chromium fonts-ipafont-gothic libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# Production-like serving on this machine: DEBUG off, static files collected and served by
# whitenoise, gunicorn in front. SECRET_KEY must be set (see README); KYODO_HTTPS=0 because
# the loopback has no TLS (behind the city's HTTPS proxy leave it at its default, on).
SERVE_ENV := DEBUG=0 KYODO_HTTPS=$${KYODO_HTTPS-0} ALLOWED_HOSTS=$${ALLOWED_HOSTS-127.0.0.1,localhost}
serve: install
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY を設定してください: export SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"; exit 2; }
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(BIN)/gunicorn kyodo.wsgi:application --config kyodo/gunicorn_conf.py

# 20 clients for 30 s against gunicorn with DEBUG off, 10,000 projects in DATABASE_URL's database.
loadtest: install
	$(BIN)/python -m tests.load
