# The two commands: `make run` and `make test`. Both set up their own environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8050

.PHONY: run test lint bench bench-etl bench-ms2021 clean-db messages

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
	$(BIN)/ruff check dashboard domain etl tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check dashboard domain etl tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python bench/pages.py

bench-etl: $(VENV)/.installed-test
	$(BIN)/python bench/etl.py
	$(BIN)/python bench/rpss.py

bench-ms2021: $(VENV)/.installed-test
	$(BIN)/python bench/ms2021.py --load-all

# Collect the texts marked in the code into the template and add new ones to both catalogs;
# then translate them in dashboard/translations/en/LC_MESSAGES/messages.po (and give the three
# Czech plural forms in the cs catalog). The app reads the .po files itself at start.
messages: $(VENV)/.installed
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --width 100 \
		--project "KPSS Monitor" --version "$$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)" \
		--copyright-holder "KPSS Monitor" --msgid-bugs-address "the project's issue tracker" \
		--header-comment "# KPSS Monitor UI texts: Czech message ids; see dashboard/i18n.py." \
		-o dashboard/translations/messages.pot .
	$(BIN)/pybabel update -i dashboard/translations/messages.pot -d dashboard/translations \
		--width 100 --ignore-obsolete --no-fuzzy-matching

clean-db:
	rm -f instance/kpss.sqlite instance/kpss.sqlite-wal instance/kpss.sqlite-shm
