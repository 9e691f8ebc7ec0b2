# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck check docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/meldpunt db upgrade
	$(BIN)/meldpunt run

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy .

check: lint typecheck test

docs: $(STAMP)
	$(BIN)/meldpunt states diagram --write docs/states.md

bench: $(STAMP)
	$(BIN)/python benchmarks/lifecycle.py --cases 500 --json

clean:
	rm -rf $(VENV) var/*.db var/*.key .pytest_cache .mypy_cache .ruff_cache
