# Two commands for everyone: `make serve` (preview with live reload) and `make test`.
# Both set everything up first; setup reruns only when requirements or the npm lock change.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SITE_DIR ?= site

.PHONY: setup serve build check publish lint test test-fast test-slow golden browser bench update-deps clean
PORT ?= 8000

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --livereload is explicit: with some Click releases MkDocs 1.6 silently drops it.
# `make serve PORT=8001` previews on another port (serve points site_url at it by itself).
serve: setup browser
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:$(PORT)

build: setup browser
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# Every data file and every page's directives, with the build's messages, in about a second:
# nothing drawn, nothing written (hooks/check.py). Run it after every edit.
check: setup
	@$(BIN)/python hooks/check.py

# The build for publishing: strict, and stricter (EXPLAINER_PUBLISH=1: a published figure changed
# without a correction or dated update fails it). Then it records the data package just built in
# published/, which later builds compare against: commit published/ with the publication.
publish: setup browser
	EXPLAINER_PUBLISH=1 $(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)
	PYTHONPATH=hooks $(BIN)/python -m explainer.publish.published $(SITE_DIR) published

# The build draws every chart's picture with Debian's chromium (through Kaleido), and the browser
# tests drive it; `make browser` installs it when missing (needs root). EXPLAINER_CHROMIUM names
# another Chromium or Chrome; nothing ever downloads a browser of its own.
browser:
	@test -n "$$EXPLAINER_CHROMIUM" || command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "The chart pictures and the browser tests need Chromium: sudo apt-get install chromium"; fi; }

# Style and architecture (config in pyproject.toml). lint-imports finds the engine through PYTHONPATH.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=hooks $(BIN)/lint-imports --no-logo

# lint comes first so a style or architecture slip fails fast, before the slow tests.
test: setup lint browser
	$(BIN)/python -m pytest

# Everything but the real-browser tests.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not slow"

# The slow tier: a few hundred generated mutations of the data and pages (tests/test_mutations.py).
test-slow: setup
	$(BIN)/python -m pytest -m slow

# Golden outputs (tests/golden_render.py): rewrite tests/golden/output/ from what the engine renders
# now, then show what changed; tests/test_golden.py compares them byte for byte.
golden: setup
	$(BIN)/python tests/golden_render.py
	@git diff --stat -- tests/golden/output || true

# Performance budgets (issue 6), report in benchmarks/out/ and BENCHMARKS.md. Lighthouse is a
# benchmark-only npm dependency in benchmarks/package.json, so the site's own `npm ci` stays small.
# BENCH_ARGS=--quick skips Lighthouse; BENCH_ARGS="--only build" runs one measurement.
bench: setup browser benchmarks/node_modules/.installed
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

benchmarks/node_modules/.installed: benchmarks/package.json benchmarks/package-lock.json
	npm ci --prefix benchmarks --no-audit --no-fund --loglevel=error
	touch $@

# Re-resolve requirements.in to the newest releases and pin them all, with hashes, in requirements.txt
# (pip-tools; `make setup` then installs exactly those files). Then run `make test`.
update-deps: setup
	CUSTOM_COMPILE_COMMAND="make update-deps" $(BIN)/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

clean:
	rm -rf $(VENV) .cache node_modules benchmarks/node_modules benchmarks/out $(SITE_DIR) .pytest_cache .ruff_cache .import_linter_cache .grimp_cache
