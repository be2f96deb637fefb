# One command per job. `make test` and `make site` install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test site serve bench validate clean

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

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf site .cache

.PHONY: check schema

# Every check a pull request faces (.github/workflows/pull-request.yml), fastest first.
# The browser tests need Debian's chromium; without it they are skipped locally.
check: validate test site

# The JSON Schema of a record, after a change to survey/records/schema.py, taxonomy.yaml or
# venues.yaml (a test fails while the committed copy is stale).
schema: $(STAMP)
	$(BIN)/survey schema > survey/record.schema.json.partial
	mv survey/record.schema.json.partial survey/record.schema.json
