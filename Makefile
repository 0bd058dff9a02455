# Two commands set up everything on a fresh machine: `make site` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus

LOCK := requirements.lock
LOCK_ARGS ?=

.PHONY: install lock train-ner eval-ner site test test-fast test-browser lint serve eval bench golden clean system-deps

# Every package comes from the lock, each file checked against its pinned hash; the project
# itself adds nothing (--no-deps). pip, setuptools and wheel go first, so the sdists in the
# lock are built with pinned tools, not with whatever release build isolation would fetch.
$(STAMP): pyproject.toml $(LOCK)
	python3 -m venv $(VENV)
	awk '/^[^ #]/ { keep = /^(pip|setuptools|wheel)==/ } keep' $(LOCK) > $(VENV)/build-tools.lock
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(VENV)/build-tools.lock
	$(PY) -m pip install --quiet --require-hashes --no-build-isolation -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

## Refresh requirements.lock after a change of the dependencies in pyproject.toml (other pins
## kept); `make lock LOCK_ARGS=--upgrade` moves every pin to the newest allowed release.
## Run it on Python 3.11, Linux x86_64: the lock is resolved for the machine it runs on.
lock: install
	$(PY) -c 'import platform, sys; sys.exit(None if sys.version_info[:2] == (3, 11) and platform.system() == "Linux" and platform.machine() == "x86_64" else "make lock: run on Python 3.11, Linux x86_64, as CI does; this is Python " + platform.python_version() + ", " + platform.system() + " " + platform.machine())'
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test \
	  --build-deps-for editable --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	  $(LOCK_ARGS) --output-file $(LOCK) pyproject.toml

## Train the German recognizer from ../shared/ner (GermEval 2014 train, SmartData; never a test
## split) with a fixed seed, score it on the GermEval dev split and install it where the digest
## loads it (digest/data/ner/de). About 25 minutes on 2 cores.
NER_DATA ?= ../shared/ner
train-ner: install
	$(PY) -m tools.ner.convert $(NER_DATA) build/ner
	$(PY) -m spacy train tools/ner/de.cfg --paths.train build/ner/de-train.spacy \
	  --paths.dev build/ner/de-dev.spacy --output build/ner/de-model --system.seed 0
	$(PY) -m tools.ner.package build/ner/de-model/model-best digest/data/ner/de
	$(MAKE) eval-ner

## Mention-level scores of both recognizers on the development splits, and document-level
## scores (as the project is measured) of the rules, the recognizer and their merge, on the
## development splits and on the labelled articles with the vocabulary's entries for them removed.
eval-ner: install
	$(PY) -m tools.ner.mention_eval de
	$(PY) -m tools.ner.mention_eval en
	$(PY) -m tools.ner.doc_eval de rules model digest
	$(PY) -m tools.ner.doc_eval en rules model digest
	$(PY) -m tools.ner.heldout $(CORPUS) seeds/000_c9f697076553e962.txt rules model digest

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

## Remove everything a build generates (tests/test_generated_paths.py checks the list against
## the config): the folders the digest owns under content/, site/, the cache, the build's
## temporary folders and its lock file.
clean:
	rm -rf site content/articles content/archive content/feeds content/topics \
	  content/editions content/tags .digest-cache .site-* .pagefind-* .digest-build.lock
