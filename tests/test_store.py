"""The DuckDB store: batch writes are per-document atomic and idempotent, rows round-trip."""
import hashlib
import json

import duckdb
import pytest

from sitrep.io.store import Store, document_rows


def doc_json(n: int, *, text: str | None = None, places=None, doc_id: str | None = None) -> dict:
    text = text or f"Shelling hit town number {n} on Monday."
    h = hashlib.sha256(text.encode()).hexdigest()
    return {"schema_version": 1,
            "document": {"id": doc_id or h[:16], "path": f"doc{n}.txt", "title": None, "published": "2024-01-02",
                         "source": None, "url": None, "content_hash": h, "format": "txt",
                         "dateline_place": {"name": "Kharkiv"}},
            "text": text, "paragraphs": [], "source_map": [],
            "places": places if places is not None else
            [{"id": "p1", "name": "town", "geonameid": "706483", "lat": 50.0, "lon": 36.2,
              "mentions": [{"start": 12, "end": 16, "text": text[12:16]}]}],
            "actors": [], "quotes": [], "dates": [], "counts": [{"id": "c1", "value": 2.5, "category": "killed",
                                                                 "start": 0, "end": 3, "text": text[:3]}],
            "events": [], "stages": {}, "warnings": []}


def test_write_batch_stores_documents_and_typed_layer_columns(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        assert s.write_batch([document_rows(doc_json(1)), document_rows(doc_json(2))], run_id="r1") == [True, True]
        assert s.counts()["documents"] == 2 and s.counts()["places"] == 2
        _, rows = s.query("SELECT document_id, id, start, \"end\", geonameid, lat FROM places ORDER BY 1")
        assert rows[0][1:] == ("p1", 12, 16, 706483, 50.0)  # "706483" coerced to BIGINT
        _, rows = s.query("SELECT value, data->>'value' FROM counts LIMIT 1")
        assert rows[0] == (None, "2.5")  # not an integer: NULL in the typed column, kept in data
        _, rows = s.query("SELECT run_id, dateline_place FROM documents LIMIT 1")
        assert rows[0] == ("r1", '{"name": "Kharkiv"}')


def test_document_round_trips_through_the_store(tmp_path):
    d = doc_json(7)
    with Store(tmp_path / "s.duckdb") as s:
        s.write_document(d)
        assert s.get_document(d["document"]["id"]) == d
        assert s.get_document(d["document"]["id"][:10]) == d  # unique prefix
        assert s.get_document("nope") is None


def test_rewriting_same_hash_or_id_writes_nothing(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write_document(doc_json(1))
        again = [document_rows(doc_json(1)), document_rows(doc_json(3, doc_id=doc_json(1)["document"]["id"])),
                 document_rows(doc_json(4)), document_rows(doc_json(4))]
        assert s.write_batch(again) == [False, False, True, False]
        assert s.counts()["documents"] == 2 and s.counts()["places"] == 2


def test_refused_batch_leaves_nothing_behind(tmp_path):
    dup_items = [{"id": "p1", "name": "a"}, {"id": "p1", "name": "b"}]  # same item id twice: PK violation
    with Store(tmp_path / "s.duckdb") as s:
        with pytest.raises(duckdb.Error):
            s.write_batch([document_rows(doc_json(1)), document_rows(doc_json(2, places=dup_items))])
        assert s.counts()["documents"] == 0 and s.counts()["places"] == 0
        assert s.write_batch([document_rows(doc_json(1))]) == [True]


def test_ambiguous_prefix_finds_nothing(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write_document(doc_json(1, doc_id="abc1"))
        s.write_document(doc_json(2, doc_id="abc2"))
        assert s.match_ids("abc") == ["abc1", "abc2"]
        assert s.get_document("abc") is None


def test_other_modules_may_add_columns_to_layer_tables(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.con.execute("ALTER TABLE events ADD COLUMN incident_id VARCHAR")
        s.con.execute("ALTER TABLE documents ADD COLUMN extra VARCHAR")
        d = doc_json(1)
        d["events"] = [{"id": "e1", "type": "attack", "date": {"value": "2024-01-01"},
                        "evidence": {"start": 0, "end": 8, "text": "Shelling"}}]
        assert s.write_document(d)
        _, rows = s.query("SELECT date, start, incident_id FROM events")
        assert rows == [("2024-01-01", 0, None)]


def test_a_database_from_an_older_schema_gets_the_new_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:  # write one document, then make the file look like an older release's
        assert s.write_document(doc_json(1))
        s.con.execute("ALTER TABLE places DROP COLUMN lat")
        s.con.execute("ALTER TABLE documents DROP COLUMN dateline_place")
    with Store(path) as s:
        assert s.write_document(doc_json(2))
        _, rows = s.query("SELECT document_id, lat FROM places ORDER BY document_id")
        assert len(rows) == 2 and sorted(r[1] is None for r in rows) == [False, True]  # old row NULL, new filled
        _, rows = s.query("SELECT count(*) FROM documents WHERE dateline_place LIKE '%Kharkiv%'")
        assert rows == [(1,)]


def test_runs_record_versions_stages_and_stats(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        run = s.start_run({"sitrep": "0"}, ["a.v1"], {"jobs": 2})
        s.finish_run(run, {"stored": 3})
        _, rows = s.query("SELECT versions, stages, settings, stats, finished_at IS NOT NULL FROM runs")
        assert [json.loads(v) for v in rows[0][:4]] == [{"sitrep": "0"}, ["a.v1"], {"jobs": 2}, {"stored": 3}]
        assert rows[0][4]
