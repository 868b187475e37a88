# finreg: two commands do everything (see README "Quick start").
#   make serve   set up, load the seeds on first start, serve the GraphQL API
#   make test    set up, then lint, type-check and run the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
STAMP  := $(VENV)/.installed
# The loading, CLI and API tests also run on OpenLink Virtuoso (Debian's package).
VIRTUOSO_TESTS := tests/kg/test_loader.py tests/kg/test_cli.py tests/kg/test_seed_answers.py \
                  tests/kg/test_event_order.py \
                  tests/kg/test_diff.py tests/kg/test_load_report.py tests/kg/test_staging.py \
                  tests/hardening/test_readers_during_writes.py tests/api tests/e2e tests/reconcile
# The oxigraph pass runs without --union-default-graph (finreg names its graphs in every
# query); these run once more on servers started with it.
UNION_TESTS := tests/kg/test_loader.py tests/kg/test_cli.py tests/kg/test_staging.py \
               tests/hardening/test_readers_during_writes.py tests/e2e
# What ruff checks and formats, in both `make lint` and `make test`.
LINTED := kg api tests scripts bench setup.py

.PHONY: setup graphiql serve test lint typecheck vocab lock clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("finreg needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) graphiql

# GraphiQL's scripts and styles, pinned and checked (scripts/graphiql-assets.lock.json), into
# api/static/vendor/ (git-ignored); quick when they are there. Should the download fail, the
# page loads them from unpkg.com instead: warn, don't stop.
graphiql:
	$(PYTHON) scripts/fetch_graphiql.py || echo "make: GraphiQL assets not fetched; GraphiQL will use unpkg.com" >&2

serve: setup
	$(BIN)/finreg serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

vocab: setup
	$(BIN)/python scripts/generate_vocab.py

test: setup
	bash scripts/ensure-node.sh
	bash scripts/ensure-chromium.sh
	$(BIN)/python scripts/generate_vocab.py --check
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	FINREG_TEST_STORE=oxigraph $(BIN)/python -m pytest tests
	FINREG_TEST_STORE=oxigraph FINREG_TEST_UNION_DEFAULT_GRAPH=1 $(BIN)/python -m pytest $(UNION_TESTS)
	bash scripts/ensure-virtuoso.sh
	FINREG_TEST_STORE=virtuoso $(BIN)/python -m pytest $(VIRTUOSO_TESTS)

lock: setup
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^finreg' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache api/static/vendor

# Benchmarks (bench/README.md): results in bench/results/<date>-<commit>.{json,md}.
#   make bench         10k, 100k and 1M graphs (about 45 minutes on 2 cores; 10M: see bench/README.md)
#   make bench-quick   the 100k graph, about 3 minutes; prints every question more than 2x
#                      slower than in the last committed quick result (bench/compare.py)
.PHONY: bench bench-quick
bench: setup
	$(BIN)/python -m bench.run --sizes 10k,100k,1M

bench-quick: setup
	$(BIN)/python -m bench.run --quick
