# make run  — set up a virtualenv, migrate SQLite, load the demo, serve on :8000
# make test — set up a virtualenv with dev tools and run the whole test suite
# make lint — ruff check + ruff format --check + djhtml --check

# The newest supported Python that is installed: on the PATH, or installed by pyenv
# but not its active version (PYTHON=python3.11 make … to choose).
ifndef PYTHON
PYTHON := $(shell for v in 3.13 3.12 3.11; do \
	for p in python$$v $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v.*/bin/python$$v 2>/dev/null | sort -V | tail -n 1); do \
		$$p -c "" >/dev/null 2>&1 && { echo $$p; exit 0; }; \
	done; done)
endif
VENV ?= .venv
BIN := $(VENV)/bin
# Every install takes the locks, every file checked against its hash.
PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format demo migrate clean bench loadtest audit audit-reachable lock print-python

ARTICLES ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
LOAD_ARTICLES ?= 20000
LOAD_USERS ?= 50
LOAD_DURATION ?= 2m

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11、3.12 或 3.13，这台机器上一个也没有找到（可用 PYTHON=/path/to/python make …）"; exit 1; }
	@$(PYTHON) -c "import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))" || { echo "$(PYTHON) 不是 Python 3.11–3.13"; exit 1; }
	@echo "用 $$($(PYTHON) --version)（$(PYTHON)）创建 $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements/dev.txt $(BIN)/python
	$(PIP_INSTALL) -r requirements/dev.txt
	touch $@ $(VENV)/.installed

# Recompile the locks from requirements/*.in (UPGRADE=1 takes the newest releases
# the ranges allow). One lock serves Python 3.11–3.13 (--universal).
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.installed-dev
	$(LOCK) requirements/runtime.in -o requirements.txt
	$(LOCK) requirements/dev.in -o requirements/dev.txt
	$(LOCK) requirements/load.in -o requirements/load.txt
	$(LOCK) requirements/audit.in -o requirements/audit.txt

# The development site's audit trail (newsroom/audit.py) goes to this file too;
# while the demo loads, only to this file.
DEV := DEBUG=1 AUDIT_LOG_FILE=$(or $(AUDIT_LOG_FILE),audit.log)

migrate: $(VENV)/.installed
	@echo "== 数据库：应用迁移（DATABASE_URL，默认 SQLite db.sqlite3）"
	@$(DEV) $(BIN)/python manage.py migrate --noinput -v0
	@echo "数据库已是最新。"

demo: migrate
	@echo "== 演示数据"
	@$(DEV) $(BIN)/python manage.py load_demo

run: demo
	@echo "== 网站    http://$(HOST)/"
	@echo "   后台    http://$(HOST)/admin/    （账号见上；审计记录写入 $(or $(AUDIT_LOG_FILE),audit.log)；Ctrl-C 停止）"
	@$(DEV) DJANGO_RUNSERVER_HIDE_WARNING=true $(BIN)/python manage.py runserver $(HOST)

# axe-core and the Nu HTML checker for the accessibility tests, when npm is here.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm 不可用：跳过无障碍检查工具（相关测试将跳过）"; fi

# In parallel, one worker per core (pytest-xdist; each worker has its own test
# database and Redis database). PYTEST_ARGS="-k words" to choose tests.
PYTEST_ARGS ?=
test: $(VENV)/.installed-dev node_modules/.installed
	@echo "测试用 $$($(BIN)/python --version)，$$(nproc 2>/dev/null || echo 1) 个进程并行"
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

print-python:
	@echo $(PYTHON)

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
		$(BIN)/python manage.py bench --articles $(ARTICLES) $(if $(BENCH_OUTPUT),--output $(BENCH_OUTPUT)) $(if $(SPREAD),--spread) $(if $(COMPARE),--compare $(COMPARE))

# Load test (locust): 50 users for 2 minutes on gunicorn + PostgreSQL; writes
# docs/loadtest.md. Not run in CI (it takes minutes and loads the whole machine).
$(VENV)/.installed-load: requirements/load.txt $(VENV)/.installed-dev
	$(PIP_INSTALL) -r requirements/load.txt
	touch $@

loadtest: $(VENV)/.installed-load
	@psql "$(BENCH_DATABASE_URL)" -c "select 1" >/dev/null 2>&1 || createdb -h 127.0.0.1 -U postgres newsroom_bench
	DATABASE_URL=$(BENCH_DATABASE_URL) DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=tests.bench.settings DEBUG=0 HTTPS=0 SECRET_KEY=load-only-$$(date +%s)-not-secret ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
		$(BIN)/python manage.py loadtest --articles $(LOAD_ARTICLES) --users $(LOAD_USERS) --duration $(LOAD_DURATION)

# Known vulnerabilities in the locked requirements (PyPI's advisory service), with
# pip-audit in a virtualenv of its own. When pypi.org cannot be reached the audit
# says so and fails (CI then skips it: there is nothing to judge); --strict: a
# package that could not be checked fails the audit.
AUDIT_VENV := .venv-audit
# The endpoint pip-audit asks for each pin (a mirror may answer /pypi/NAME/json but
# not this one).
AUDIT_PROBE := https://pypi.org/pypi/pip/24.0/json
$(AUDIT_VENV)/.installed: requirements/audit.txt
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11、3.12 或 3.13"; exit 1; }
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet --require-hashes -r requirements/audit.txt
	touch $@

audit-reachable: $(AUDIT_VENV)/.installed
	@$(AUDIT_VENV)/bin/python -c "import json, urllib.request as u; json.load(u.urlopen('$(AUDIT_PROBE)', timeout=20))['vulnerabilities']" 2>/dev/null || \
		{ echo "漏洞审计没有做：连不上 PyPI 的漏洞数据库（https://pypi.org）。"; exit 1; }

audit: audit-reachable
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
		-r requirements.txt -r requirements/dev.txt -r requirements/load.txt
	@echo "漏洞审计通过：锁定的依赖没有已知漏洞。"

clean:
	rm -rf $(VENV) $(AUDIT_VENV) staticfiles node_modules
