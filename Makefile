# Entry points. `make all` runs the main job, `make test` every test. Both set up .venv first.
.DEFAULT_GOAL := help
PY := .venv/bin/python
SHELL := /bin/bash
# pytest keeps each test file with its asserts rewritten in __pycache__/, as Python keeps bytecode there. Where
# PYTHONDONTWRITEBYTECODE is set (this machine's shells set it), neither is written: every pytest process
# rewrote and compiled every test file on every run, about 3 s of CPU each of the two workers. The test targets
# let both be written (git ignores __pycache__/); a file that changed is compiled again, as always.
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE

.PHONY: help setup all validate data notebooks export package timelinejs viewer test test-all test-unit test-notebooks bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

setup: ## create .venv with the pinned dependencies, find (or install) Chromium, npm ci the TimelineJS library (package-lock.json)
	@bash scripts/setup.sh

all: setup ## the main job, incremental: validate, build the frame and the README's sections, run the notebooks, export the charts, write the data package, the TimelineJS JSON and its offline viewer page (skips each step whose inputs are unchanged; FORCE=1 runs all)
	$(PY) -m timeline all $(if $(FORCE),--force)

validate: setup ## validate every record against the schema and the seeds
	$(PY) -m timeline validate

data: setup ## write data/processed/events.csv and the README's generated sections from the records
	$(PY) -m timeline build
	$(PY) -m timeline docs

notebooks: setup ## execute every notebook in place (outputs are committed)
	$(PY) -m timeline run-notebooks

export: setup ## write every chart to reports/ (HTML, PNG, SVG, PDF and index.html)
	$(PY) -m timeline export

package: setup ## write the Frictionless Data Package to reports/package/ (datapackage.json and CSVs)
	$(PY) -m timeline package

timelinejs: setup ## write the claims as TimelineJS 3 JSON to reports/timelinejs.json
	$(PY) -m timeline timelinejs

viewer: setup ## write reports/timeline.html, the offline TimelineJS page, with the library from npm beside it
	$(PY) -m timeline viewer

# The tests marked heavy (browser and JupyterLab, the full static export, subprocesses, the regression net: see
# pyproject.toml) are left to `make bench` and `make test-all`. --dist loadfile: a file to a worker at a time,
# longest first (tests/conftest.py's LONGEST_FIRST; measured against loadgroup in that file).
PYTEST_N2 := $(TEST_ENV) $(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

test: setup ## the test suite: unit tests, doctests, the notebooks under strict nbval, export and safety tests (not the heavy ones)
	$(PYTEST_N2) -m "not heavy" tests src/timeline --nbval notebooks

test-all: setup ## every test, the heavy ones too (browser, JupyterLab, full static export, subprocesses)
	$(PYTEST_N2) tests src/timeline --nbval notebooks

test-unit: setup ## the quick tests: unit and data tests and doctests (no notebook, browser or fuzzing)
	$(TEST_ENV) $(PY) -m pytest -n 2 -m "not slow" tests src/timeline

test-notebooks: setup ## strict nbval over every notebook only
	$(TEST_ENV) $(PY) -m pytest -n 2 --dist loadfile --nbval notebooks

bench: setup ## the benchmarks and the heavy tests (prints figures; fails when a heavy test fails); installs the peers of the "bench" extra first
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) benchmarks/run.py

clean: ## remove the environment and generated files
	rm -rf .venv reports .pytest_cache .hypothesis
