# congso — the two commands of the README are `make demo` and `make test`; the rest are helpers.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
# pyenv has 3.12.1 on these machines; elsewhere any python3.12 will do.
PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python /root/.pyenv/versions/$(PYTHON_VERSION)/bin/python) $(shell command -v python3.12))
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/congso
PROCEDURES ?= ../shared/data/procedures.jsonl
DEMO_DOSSIERS ?= 3000

.PHONY: help setup lint test test-sqlite test-pg demo bench migrate clean

help:
	@echo "make demo   — cài đặt, nạp dữ liệu mẫu và chạy congso tại http://127.0.0.1:8000 (SQLite)"
	@echo "make test   — cài đặt, kiểm tra mã và chạy toàn bộ kiểm thử trên SQLite rồi PostgreSQL"
	@echo "make bench  — chạy các phép đo hiệu năng (PostgreSQL)"

# Idempotent: the stamp file is rebuilt only when the lock files change.
setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-dev.lock
	@test -n "$(PYTHON)" || { echo "Cần Python $(PYTHON_VERSION) (pyenv install $(PYTHON_VERSION))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-dev.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@# Browser tests drive Debian's chromium; no tool may download a browser of its own.
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	touch $@

lock:
	$(BIN)/uv pip compile --quiet --python-version 3.12 pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile --quiet --python-version 3.12 --extra dev pyproject.toml -o requirements-dev.lock

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

test-sqlite: setup
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -q $(PYTEST_ARGS)

test-pg: setup
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q $(PYTEST_ARGS)

test: lint test-sqlite test-pg

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --procedures $(PROCEDURES) --dossiers $(DEMO_DOSSIERS)
	$(BIN)/python manage.py init_pki --leaders
	@# The outbox worker runs beside the server (SMS/Zalo messages, payments resuming dossiers).
	$(BIN)/python manage.py dispatch_outbox --loop 5 & trap "kill $$!" EXIT; $(BIN)/python manage.py runserver 127.0.0.1:8000

bench: setup
	DATABASE_URL=$(PG_URL) $(BIN)/python -m bench

clean:
	rm -rf $(VENV) var build
