# One command to set up and run, one to set up and test. Needs only Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

# the versions the tests passed with (make lock refreshes it)
LOCK   := constraints.txt

.PHONY: run test lint typecheck unit bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	$(BIN)/python -m compileall -q src  # start-up: the bytecode is ready even where Python may not write it
	touch $@

$(DEVSTAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/figcheck -f data/claims.yaml compare
	$(BIN)/figcheck -f data/claims.yaml report figcheck-report.html

test: $(DEVSTAMP) lint typecheck unit

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

unit: $(DEVSTAMP)
	$(BIN)/pytest --cov=figcheck --cov-report=term:skip-covered --cov-fail-under=90

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Refresh the constraints from a fresh environment with the newest versions pyproject.toml allows;
# run make test afterwards and commit constraints.txt only if it passes.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	printf '# make lock: the versions make run and make test install (pyproject.toml has the ranges)\n' > $(LOCK)
	.venv-lock/bin/python -m pip freeze --exclude-editable >> $(LOCK)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
