# make run  — set up a virtualenv, migrate SQLite, load the demo, serve on :8000
# make test — set up a virtualenv with dev tools and run the whole test suite
# make lint — ruff check + ruff format --check + djhtml --check

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format demo migrate clean bench loadtest audit

ARTICLES ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
LOAD_ARTICLES ?= 20000
LOAD_USERS ?= 50
LOAD_DURATION ?= 2m

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11（找不到 $(PYTHON)，可用 PYTHON=python3 make …）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

migrate: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo

run: demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

# axe-core and the Nu HTML checker for the accessibility tests, when npm is here.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm 不可用：跳过无障碍检查工具（相关测试将跳过）"; fi

test: $(VENV)/.installed-dev node_modules/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Benchmark the public site on PostgreSQL; writes docs/benchmarks.md, or BENCH_OUTPUT
# (see README).
bench: $(VENV)/.installed-dev
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
	@psql "$(BENCH_DATABASE_URL)" -c "select 1" >/dev/null 2>&1 || createdb -h 127.0.0.1 -U postgres newsroom_bench
	DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=tests.bench.settings DEBUG=0 HTTPS=0 SECRET_KEY=bench-only-$$(date +%s)-not-secret ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
		$(BIN)/python manage.py bench --articles $(ARTICLES) $(if $(BENCH_OUTPUT),--output $(BENCH_OUTPUT))

# Load test (locust): 50 users for 2 minutes on gunicorn + PostgreSQL; writes
# docs/loadtest.md. Not run in CI (it takes minutes and loads the whole machine).
$(VENV)/.installed-load: requirements-load.txt $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -r requirements-load.txt
	touch $@

loadtest: $(VENV)/.installed-load
	@psql "$(BENCH_DATABASE_URL)" -c "select 1" >/dev/null 2>&1 || createdb -h 127.0.0.1 -U postgres newsroom_bench
	DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=tests.bench.settings DEBUG=0 HTTPS=0 SECRET_KEY=load-only-$$(date +%s)-not-secret ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
		$(BIN)/python manage.py loadtest --articles $(LOAD_ARTICLES) --users $(LOAD_USERS) --duration $(LOAD_DURATION)

# Known vulnerabilities in the pinned requirements (PyPI's advisory service).
# --strict: a package that could not be checked fails the audit.
audit: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -r requirements-audit.txt
	$(BIN)/pip-audit --strict --no-deps -r requirements.txt -r requirements-dev.txt -r requirements-load.txt

clean:
	rm -rf $(VENV) staticfiles node_modules
