# The two commands: `make run` and `make test`. Both set up their own environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8050

.PHONY: run test lint bench bench-etl bench-ms2021 clean-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependencies change: a second `make run` starts at once.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/python -m etl init
	PORT=$(PORT) $(BIN)/python -m dashboard serve

test: $(VENV)/.installed-test
	$(BIN)/ruff check dashboard etl tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dashboard etl tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python bench/pages.py

bench-etl: $(VENV)/.installed-test
	$(BIN)/python bench/etl.py
	$(BIN)/python bench/rpss.py

bench-ms2021: $(VENV)/.installed-test
	$(BIN)/python bench/ms2021.py --load-all

clean-db:
	rm -f instance/kpss.sqlite instance/kpss.sqlite-wal instance/kpss.sqlite-shm
