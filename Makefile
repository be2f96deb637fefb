# One command per job. `make test` and `make site` install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install lock dist lint typecheck test-latest test test-fast test-js time-suite generate site site-zensical serve bench bench-scale validate clean

install: $(STAMP)

# Installs exactly the versions in the lock file (every package, with its hashes), so a fresh
# clone tests what CI tested. Torch is the local CPU build (torch==2.13.0+cpu in the lock):
# any looser requirement would pull several GB of CUDA packages.
LOCK     := requirements/dev.lock
PIP      := pip==26.3
UV       := uv==0.13.9
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Resolves pyproject.toml anew into the lock files (core: the knowledge base alone; dev: every
# extra). uv is pinned, and compiles for this machine's Python and platform; --find-links takes
# the local CPU build of torch.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --find-links /opt/wheels --quiet
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet $(UV)
	$(UV_COMPILE) -o requirements/core.lock
	$(UV_COMPILE) --extra site -o requirements/site.lock
	$(UV_COMPILE) --extra site --extra demos --extra test -o $(LOCK)

# The suite against the newest versions pyproject.toml allows, in a venv of its own: finds
# drift on purpose, before the next `make lock`, instead of on a newcomer's machine.
test-latest:
	test -x .venv-latest/bin/python || $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet torch==2.13.0
	.venv-latest/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[site,demos,test]'
	.venv-latest/bin/python -m pytest $(XDIST)

# The whole suite on two workers per core (pytest-xdist): much of it waits on Chromium, on
# test servers and on subprocesses (4 workers on 2 cores kept the CPUs 118 % busy, not 200 %).
# Each test module runs on one worker (--dist loadgroup; the groups are tests/conftest.py's
# worker_group: a module, or a part of a slow one), so a module's fixtures (a 1,000-work site,
# a trained model) are built once; each worker builds the flagship's site once for its own
# server port. The groups start in the order tests/conftest.py gives them, slow ones first.
XDIST := -n $(shell echo $$(( $$(nproc) * 2 ))) --dist loadgroup --no-loadscope-reorder
test: $(STAMP)
	$(BIN)/python -m pytest $(XDIST)

# Lint (CI runs it before the tests): ruff's rules (pyproject.toml), the errors that are bugs
# or dead code; ruff's formatting, checked, not applied (`ruff format` applies it); the types.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# mypy over every package, as [tool.mypy] in pyproject.toml says: survey/ strictly, the
# rest with unannotated functions checked too.
typecheck: $(STAMP)
	$(BIN)/mypy

# A wheel and an sdist of the generator in dist/ (the name says what it is: survey-sitegen).
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

# The tests that neither build a site, drive a browser nor train a model: under 2 minutes.
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not browser and not slow"

# `make test` of an earlier commit (REF, default HEAD~1) and of HEAD, one after the other, each
# in a fresh worktree with a venv from its own lock: both wall times, CPU times and the ratio.
REF ?= HEAD~1
time-suite:
	$(PYTHON) benchmarks/suite_time.py $(REF) HEAD

# The JavaScript's tests alone, under Node's own test runner (Node 20 or later; nothing to
# install): the twins' vectors and the table's pure parts. `make test` runs them too
# (tests/js/test_node.py).
test-js:
	node --test tests/js/

validate: $(STAMP)
	$(BIN)/survey validate

# The site is built in two steps: `generate` writes the hand-written and generated pages into
# build/docs (only files whose content changed), then a builder turns them into site/.
# BUILDER=material (the default, while Material for MkDocs is maintained) or zensical.
BUILDER ?= material

generate: $(STAMP)
	$(BIN)/python -m site_src.pipeline generate

# Builds into a fresh folder and swaps it in: a failed or killed build leaves site/ as it was.
site: $(STAMP)
	$(BIN)/python -m site_src.pipeline site --builder $(BUILDER)

site-zensical:
	$(MAKE) site BUILDER=zensical

# Regenerates on every edit of a record, the taxonomy, an article or a generator.
serve: $(STAMP)
	$(BIN)/python -m site_src.pipeline serve --builder $(BUILDER)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Search and page weight checked at 10,000 works with both builders (tests/site/test_search_scale.py;
# `make test` runs it at 1,000 works): two 10,000-work builds, about 9 minutes on 2 cores.
bench-scale: $(STAMP)
	SURVEY_SCALE_WORKS=10000 $(BIN)/python -m pytest tests/site/test_search_scale.py

# Keeps build/demo-cache: the trained demos take minutes to make again.
clean:
	rm -rf site build/docs build/.cache build/page-memo.sqlite build/serve-* build/.building-* build/bench-prime

.PHONY: check schema

# Every check a pull request faces (.github/workflows/pull-request.yml), fastest first.
# The browser tests need Debian's chromium; without it they are skipped locally.
check: lint validate test site site-zensical

# The JSON Schemas editors read: a record's, after a change to survey/records/schema.py,
# taxonomy.yaml or venues.yaml; survey.yml's, the taxonomy's and the venues', after a change
# to survey/records/file_schemas.py (a test fails while a committed copy is stale).
schema: $(STAMP)
	$(BIN)/survey schema > survey/record.schema.json.partial
	mv survey/record.schema.json.partial survey/record.schema.json
	$(BIN)/python -c "from survey.records.file_schemas import write_schemas; write_schemas(__import__('pathlib').Path('survey'))"
