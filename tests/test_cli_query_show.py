"""``sitrep query`` and ``sitrep show``: look at a store without writing Python; errors in one line, exit 1."""
import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.io.store import Store
from test_store import doc_json

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "q.duckdb"
    with Store(path) as s:
        s.write_document(doc_json(1, text="Shelling hit Kharkiv on Monday, officials said."))
        s.write_document(doc_json(2, text="Rebels attacked a convoy near Goma on Friday."))
    return str(path)


def one_error_line(res) -> str:
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in res.output
    return lines[0]


def test_query_prints_rows_as_csv_and_json(db):
    res = runner.invoke(app, ["query", "SELECT count(*) AS n FROM documents", "--db", db, "-f", "csv"])
    assert res.exit_code == 0 and res.output.splitlines() == ["n", "2"]
    res = runner.invoke(app, ["query", "SELECT name, geonameid FROM places ORDER BY document_id", "--db", db,
                              "-f", "json"])
    assert [json.loads(line) for line in res.output.splitlines()] == [{"name": "town", "geonameid": 706483}] * 2


def test_query_table_shows_columns(db):
    res = runner.invoke(app, ["query", "SELECT id, path FROM documents ORDER BY path", "--db", db])
    assert res.exit_code == 0 and "doc1.txt" in res.output and "path" in res.output


@pytest.mark.parametrize("sql, message", [
    ("SELEC nothing", "query failed: Parser Error"),
    ("SELECT * FROM nosuchtable", "query failed: Catalog Error"),
    ("DELETE FROM documents", "read-only"),
])
def test_query_errors_are_one_line(db, sql, message):
    assert message in one_error_line(runner.invoke(app, ["query", sql, "--db", db]))


@pytest.mark.parametrize("args", [["query", "SELECT 1"], ["show", "x"], ["export", "-f", "acled"],
                                  ["report", "--from", "2024-01-01", "--to", "2024-01-31"], ["incidents"],
                                  ["review"], ["serve"]])
def test_every_reading_command_shares_the_db_option_and_its_fix(tmp_path, args):
    missing = str(tmp_path / "none.duckdb")
    line = one_error_line(runner.invoke(app, [*args, "--db", missing]))
    assert line == f"error: {missing}: no such database (create it with: sitrep ingest PATH --db {missing})"
    assert not (tmp_path / "none.duckdb").exists()
    assert "DuckDB file written by sitrep ingest" in runner.invoke(app, [args[0], "--help"]).output


def test_query_missing_db_and_bad_format(tmp_path, db):
    assert "no such database" in one_error_line(runner.invoke(app, ["query", "SELECT 1", "--db",
                                                                     str(tmp_path / "none.duckdb")]))
    assert not (tmp_path / "none.duckdb").exists()  # looking never creates a database
    assert "choose table, csv or json" in one_error_line(runner.invoke(app, ["query", "SELECT 1", "--db", db,
                                                                             "-f", "xml"]))


def test_show_prints_layers_with_evidence(db):
    doc_id = doc_json(1, text="Shelling hit Kharkiv on Monday, officials said.")["document"]["id"]
    res = runner.invoke(app, ["show", doc_id[:8], "--db", db])
    assert res.exit_code == 0
    assert f"id={doc_id}" in res.output and "places (1)" in res.output
    assert '[12:16] " Kha"' in res.output  # the item's span as stored
    res = runner.invoke(app, ["show", doc_id, "--db", db, "--json"])
    assert json.loads(res.output)["document"]["id"] == doc_id


def test_show_errors_are_one_line(tmp_path, db):
    assert "no document 'zzz'" in one_error_line(runner.invoke(app, ["show", "zzz", "--db", db]))
    assert "no such database" in one_error_line(runner.invoke(app, ["show", "x", "--db", str(tmp_path / "n.db")]))
    assert "matches several documents" in one_error_line(runner.invoke(app, ["show", "", "--db", db]))
