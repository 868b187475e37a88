# finreg: two commands do everything (see README "Quick start").
#   make serve   set up, load the seeds on first start, serve the GraphQL API
#   make test    set up, then lint, type-check and run the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
STAMP  := $(VENV)/.installed

.PHONY: setup serve test lint typecheck vocab lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("finreg needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

serve: setup
	$(BIN)/finreg serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check kg api tests scripts
	$(BIN)/ruff format --check kg api tests scripts

typecheck: setup
	$(BIN)/mypy

vocab: setup
	$(BIN)/python scripts/generate_vocab.py

test: setup
	bash scripts/ensure-node.sh
	$(BIN)/python scripts/generate_vocab.py --check
	$(BIN)/ruff check kg api tests scripts
	$(BIN)/ruff format --check kg api tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest
	FINREG_TEST_STORE=oxigraph $(BIN)/python -m pytest tests

lock: setup
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^finreg' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
