# Netwerk: the two commands of the README are the contract.
#   make run   fresh machine -> virtualenv, migrations, demo data, web + worker + beat (SQLite)
#   make test  fresh machine -> system packages, services, lint, checks, the whole suite
#              against real PostgreSQL and Redis, and again on SQLite (make run's database),
#              the two runs side by side

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-stamp
STAMP := $(VENV)/.dev-stamp
PORT ?= 8000
# Links in e-mails (sent by the Celery worker, which has no request to look at) point at the
# address `make run` serves. honcho gives each process its own PORT, so the address is set here.
NETWERK_SITE_URL ?= http://127.0.0.1:$(PORT)

# The test suite runs against real servers; override these to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/netwerk
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Each run splits its test files over two pytest-xdist workers, so that a file waiting on
# Chromium or a worker overlaps with others (on 2 cores the PostgreSQL run went from about
# 22 to 20 minutes). pytest-django gives every worker its own test database; each
# also gets a Redis database of its own (REDIS_DB), since the suite empties it between tests.
TEST_WORKERS_POSTGRESQL ?= --dist loadfile --tx popen//env:REDIS_DB=15 --tx popen//env:REDIS_DB=13
TEST_WORKERS_SQLITE ?= --dist loadfile --tx popen//env:REDIS_DB=14 --tx popen//env:REDIS_DB=12

TEST_ENV := DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
	DJANGO_SECURE=false \
	DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,testserver \
	NETWERK_STATIC_FROM_FINDERS=true \
	NETWERK_MFA_DEFAULT_REQUIRED=true \
	DATABASE_URL=$(TEST_DATABASE_URL) \
	REDIS_URL=$(TEST_REDIS_URL) \
	EMAIL_URL=consolemail://

# Production-like settings for `check --deploy`: no debug, HTTPS on, a real-length key.
DEPLOY_ENV := DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=deploy-check-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG \
	DJANGO_ALLOWED_HOSTS=netwerk.example.org \
	NETWERK_SITE_URL=https://netwerk.example.org \
	DATABASE_URL=$(TEST_DATABASE_URL) \
	REDIS_URL=$(TEST_REDIS_URL)

.PHONY: run test test-postgresql test-sqlite install lint check-deploy messages services \
	system-packages clean

# `make run` needs only what the application needs; `make test` adds the test tools.
$(RUN_STAMP): pyproject.toml
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	@touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(RUN_STAMP)
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	@$(BIN)/python scripts/print_demo_logins.py $(PORT)
	DJANGO_DEBUG=true PORT=$(PORT) NETWERK_SITE_URL=$(NETWERK_SITE_URL) \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile.dev

system-packages:
	@scripts/ensure_system_packages.sh

services: $(STAMP)
	@$(TEST_ENV) $(BIN)/python scripts/ensure_services.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-deploy: $(STAMP)
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

# The whole suite twice, at the same time: on PostgreSQL, what production uses, and on SQLite,
# what `make run` uses. Each run's output is printed when it ends. PYTEST_ARGS="-p no:xdist"
# (or TEST_WORKERS_...=) runs a suite in one process.
test: $(STAMP) system-packages services lint check-deploy
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-postgresql test-sqlite

test-postgresql: $(STAMP)
	@echo "== the suite on PostgreSQL =="
	$(TEST_ENV) NETWERK_TEST_RUN=postgresql $(BIN)/pytest $(TEST_WORKERS_POSTGRESQL) $(PYTEST_ARGS)

test-sqlite: $(STAMP)
	@echo "== the suite on SQLite =="
	@mkdir -p var
	$(TEST_ENV) NETWERK_TEST_RUN=sqlite DATABASE_URL=sqlite:///$(CURDIR)/var/test-suite.sqlite3 \
		$(BIN)/pytest $(TEST_WORKERS_SQLITE) $(PYTEST_ARGS)

# Refresh the translation catalogues after changing user-facing strings, then translate
# the new Dutch entries in locale/nl/LC_MESSAGES/django.po and compile.
messages: $(STAMP)
	DJANGO_DEBUG=true $(BIN)/python manage.py makemessages -l nl -l en --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=scripts
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache test-artifacts
