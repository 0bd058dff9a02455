# Two commands set up everything on a fresh machine: `make site` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

.PHONY: install site test test-fast test-browser lint serve eval bench golden clean system-deps

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

## Build the site from seeds/ into site/ (pages, feeds, search index).
site: install
	$(BIN)/digest build

## Install everything (Python packages and system packages) and run every test.
test: install system-deps lint
	$(BIN)/pytest -q

## Tests without the slow browser suite, for quick local runs.
test-fast: install lint
	$(BIN)/pytest -q -m "not browser"

test-browser: install system-deps
	$(BIN)/pytest -q -m browser

lint: install
	$(BIN)/ruff check digest tests
	$(BIN)/mypy --strict digest

## System packages the test suite drives (installed only when missing).
system-deps:
	@bash .ci/system-deps

serve: install
	$(BIN)/digest serve

## Score the fact extractor on the labelled corpus (not part of the project).
eval: install
	$(BIN)/digest eval $(CORPUS)/articles --pair $(CORPUS)/seed.facts.yaml=seeds/000_c9f697076553e962.txt

## Benchmark at newsroom scale: generated articles, digest stage vs plain MkDocs, search cost.
BENCH_N ?= 100 1000 10000
bench: install system-deps
	$(PY) -m benchmarks.run --n $(BENCH_N) --search

## Regenerate the golden end-to-end files after an intended change of output.
golden: install
	$(PY) -m tests.golden

clean:
	rm -rf site content/articles content/archive content/feeds
