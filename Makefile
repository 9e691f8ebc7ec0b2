# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Spectral (npm), the NL API Design Rules linter that a test runs on the OpenAPI document.
LINTER := tools/api-linter
LINTER_STAMP := $(LINTER)/node_modules/.installed

.PHONY: run test install lock lint typecheck check docs bench clean screenshots

# Installs the exact versions of requirements.lock; pyproject.toml keeps the compatible ranges.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(LINTER_STAMP): $(LINTER)/package.json $(LINTER)/package-lock.json
	cd $(LINTER) && npm ci --silent
	touch $(LINTER_STAMP)

install: $(STAMP) $(LINTER_STAMP)

# After a change of the ranges in pyproject.toml: pin the newest versions they allow.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras \
		--extra dev --extra bench --output-file requirements.lock pyproject.toml

run: $(STAMP)
	$(BIN)/meldpunt db upgrade
	$(BIN)/meldpunt run

test: $(STAMP) $(LINTER_STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy .

check: lint typecheck test

docs: $(STAMP)
	$(BIN)/meldpunt states diagram --write docs/states.md

# A picture of each page of the web application in docs/ui/ (headless Chromium, docs/ui.md).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/lifecycle.py --cases 500 --json

clean:
	rm -rf $(VENV) $(LINTER)/node_modules var/*.db var/*.key .pytest_cache .mypy_cache .ruff_cache
