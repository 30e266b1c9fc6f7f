# Two commands for a newcomer: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup clean bench

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) on PATH (set PY=python3)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'  # ray: CI runs tests/test_ray.py (marker ray)
	$(BIN)/python -c "from sitrep.gazetteer import load_gazetteer; load_gazetteer()"  # build the gazetteer cache once, at install
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f out/demo.duckdb out/demo.duckdb.wal
	mkdir -p out
	$(BIN)/sitrep ingest samples/ --db out/demo.duckdb --jobs 1
	@$(BIN)/sitrep query "SELECT type, count(*) AS events, count(DISTINCT document_id) AS documents FROM events GROUP BY type ORDER BY events DESC, type" --db out/demo.duckdb
	@echo "next: $(BIN)/sitrep query 'SELECT id, title FROM documents' --db out/demo.duckdb, then $(BIN)/sitrep show ID --db out/demo.duckdb"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
