# One command per job. `make test` and `make site` install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test generate site site-zensical serve bench validate clean

install: $(STAMP)

# Torch is installed first and pinned to the local CPU build: any looser requirement,
# resolved with no torch present, would pull several GB of CUDA packages.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[site,demos,test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/survey validate

# The site is built in two steps: `generate` writes the hand-written and generated pages into
# build/docs (only files whose content changed), then a builder turns them into site/.
# BUILDER=material (the default, while Material for MkDocs is maintained) or zensical.
BUILDER ?= material

generate: $(STAMP)
	$(BIN)/python -m site_src.build generate

# Builds into a fresh folder and swaps it in: a failed or killed build leaves site/ as it was.
site: $(STAMP)
	$(BIN)/python -m site_src.build site --builder $(BUILDER)

site-zensical:
	$(MAKE) site BUILDER=zensical

# Regenerates on every edit of a record, the taxonomy, an article or a generator.
serve: $(STAMP)
	$(BIN)/python -m site_src.build serve --builder $(BUILDER)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Keeps build/demo-cache: the trained demos take minutes to make again.
clean:
	rm -rf site build/docs build/.cache build/page-memo.sqlite build/serve-* build/.building-* build/bench-prime

.PHONY: check schema

# Every check a pull request faces (.github/workflows/pull-request.yml), fastest first.
# The browser tests need Debian's chromium; without it they are skipped locally.
check: validate test site site-zensical

# The JSON Schema of a record, after a change to survey/records/schema.py, taxonomy.yaml or
# venues.yaml (a test fails while the committed copy is stale).
schema: $(STAMP)
	$(BIN)/survey schema > survey/record.schema.json.partial
	mv survey/record.schema.json.partial survey/record.schema.json
