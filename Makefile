# The two commands of the README: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV) && $(BIN)/python .ci/bootstrap_pip.py; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

install: $(VENV)/.installed

# Unbuffered, so each mail of the console backend shows as it is sent; the worker reports only
# warnings and errors, the web server one line per request.
run: export PYTHONUNBUFFERED := 1
# Mails link to the address served.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Địa chỉ / address: http://$(HOST):$(PORT)/   (Ctrl-C dừng tất cả / stops everything)"
	@echo ""
	@$(BIN)/celery -A config worker --beat --loglevel=WARNING --concurrency=2 & celery=$$!; \
	trap 'kill $$celery 2>/dev/null; wait $$celery 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the English catalogue after changing strings (needs GNU gettext), translate what it
# reports as new, then compile. Compiled catalogues are committed: running the app needs no gettext.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale en --extension html,txt,py --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*' --no-obsolete
	@msgattrib --untranslated --only-fuzzy locale/en/LC_MESSAGES/django.po 2>/dev/null | grep -c '^msgid' || true
	$(BIN)/python locale/compile.py

clean:
	rm -rf $(VENV) var

# Benchmarks at province scale (bench/, figures in docs/benchmarks.md). Run them on PostgreSQL in
# a database of their own (the generator refuses any other data):
#   createdb -h 127.0.0.1 -U postgres thidua_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench make bench
# Without DATABASE_URL they run on SQLite under BENCH_VAR. The load test needs wrk (apt-get install -y wrk).
BENCH_VAR ?= var/bench
BENCH_SMALL ?= 0.1
BENCH_SCALE ?= 1

.PHONY: bench

bench: export VAR_DIR := $(abspath $(BENCH_VAR))
bench: $(VENV)/.installed
	@[ -n "$$DATABASE_URL" ] || echo "DATABASE_URL is not set: SQLite under $(BENCH_VAR); DESIGN.md's figures are for PostgreSQL."
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python -m bench.generate --scale $(BENCH_SMALL)
	$(BIN)/python -m bench.run --save $(BENCH_VAR)/scale-$(BENCH_SMALL).json
	$(BIN)/python -m bench.generate --scale $(BENCH_SCALE)
	$(BIN)/python -m bench.run --save $(BENCH_VAR)/scale-$(BENCH_SCALE).json --compare $(BENCH_VAR)/scale-$(BENCH_SMALL).json
	BIN=$(BIN) bash bench/load.sh
