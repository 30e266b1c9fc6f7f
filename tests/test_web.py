"""The JSON API: pages, filters, detail views, and one error shape everywhere."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep.web.app import create_app
from sitrep.web.samples import sample_store


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return TestClient(create_app(sample_store(tmp_path_factory.mktemp("web") / "w.duckdb")), base_url="http://127.0.0.1")


def test_web_index_page_and_static_basemap_are_served(client):
    r = client.get("/")
    assert r.status_code == 200 and "/static/app.js" in r.text
    world = client.get("/static/world/countries-50m.json").json()
    assert world["type"] == "Topology" and len(world["objects"]["countries"]["geometries"]) > 200


def test_web_events_page_filters_and_pages(client):
    page = client.get("/api/events", params={"type": "ASSAULT", "limit": 1}).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["items"][0]["place"] == "Kreminna"
    page2 = client.get("/api/events", params={"type": "ASSAULT", "limit": 1, "offset": 1}).json()
    assert page2["items"][0]["document_id"] != page["items"][0]["document_id"]
    assert client.get("/api/events", params={"bbox": "22,48,26,51"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": "protested"}).json()["items"][0]["place"] == "Lviv"


def test_web_event_detail_has_sentence_claimant_and_other_reports(client):
    x = client.get("/api/events/doc-a/E1").json()
    assert x["sentence"]["text"].endswith("regional governor Sergiy Gaiday said.")
    assert x["claimant"]["name"] == "Sergiy Gaiday"
    inc = x["incident"]
    assert inc["n_documents"] == 2 and inc["conflicting"] is True
    assert {c["document_id"] for c in inc["claims"]} == {"doc-a", "doc-b"}


def test_web_map_groups_by_incident_and_timeline_counts_days(client):
    pts = client.get("/api/map").json()["items"]
    assert sorted(p["reports"] for p in pts) == [1, 2]
    days = client.get("/api/timeline").json()["items"]
    assert [(d["day"], d["events"]) for d in days] == [("2022-04-06", 2), ("2022-04-07", 1)]


def test_web_documents_list_and_one_document_with_layers(client):
    assert client.get("/api/documents").json()["total"] == 3
    d = client.get("/api/documents/doc-a").json()
    assert d["text"].startswith("Russian forces") and d["layers"]["events"][0]["incident_id"].startswith("INC-")
    assert client.get("/api/incidents").json()["total"] == 2
    assert client.get("/api/facets").json()["counts"] == {"documents": 3, "events": 3}


@pytest.mark.parametrize("url,status,code", [
    ("/api/nowhere", 404, "not_found"),
    ("/api/events/doc-a/E99", 404, "not_found"),
    ("/api/incidents/INC-000", 404, "not_found"),
    ("/api/documents/nope", 404, "not_found"),
    ("/api/events?from=yesterday", 400, "bad_request"),
    ("/api/events?bbox=1,2,3", 400, "bad_request"),
    ("/api/events?limit=0", 400, "bad_request"),
    ("/api/events?offset=9223372036854775808", 400, "bad_request"),  # 2**63: DuckDB's own error, a 500, before
    ("/api/incidents?offset=99999999999999999999", 400, "bad_request"),
    ("/api/documents?offset=9223372036854775808", 400, "bad_request"),
])
def test_web_errors_have_one_shape(client, url, status, code):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_web_flat_index_and_joins_give_the_same_answers(tmp_path):
    import duckdb

    from sitrep.export.filters import Filters
    from sitrep.web import queries as Q

    cur = duckdb.connect(sample_store(tmp_path / "same.duckdb"), read_only=True).cursor()
    assert Q.flat_ready(cur)
    for f in (Filters(), Filters(type="ASSAULT"), Filters(bbox=(22.0, 48.0, 26.0, 51.0)), Filters(q="Kreminna"),
              Filters(date_from="2022-04-07")):
        a = Q.events_page(cur, f, limit=10, offset=0, is_fused=True, flat=True)
        b = Q.events_page(cur, f, limit=10, offset=0, is_fused=True, flat=False)
        assert a == b
        key = lambda p: p["key"]  # noqa: E731
        assert sorted(Q.map_points(cur, f, limit=50, is_fused=True, flat=True)["items"], key=key) == \
            sorted(Q.map_points(cur, f, limit=50, is_fused=True, flat=False)["items"], key=key)
        assert Q.timeline(cur, f, is_fused=True, flat=True) == Q.timeline(cur, f, is_fused=True, flat=False)


# ---- incidents, reviews, downloads, and the guards on writes -----------------------------------------------
@pytest.fixture()
def rw(tmp_path):
    """A fresh writable store per test (reviews change it) and a client on a loopback name."""
    app = create_app(sample_store(tmp_path / "rw.duckdb"), token="t0k")
    return TestClient(app, base_url="http://127.0.0.1:8765")


def _shelling(c) -> str:
    items = c.get("/api/incidents", params={"sub_event_type": "Shelling/artillery/missile attack"}).json()["items"]
    assert len(items) == 1
    return items[0]["id"]


def test_web_incidents_filter_by_country_name_subtype_actor_and_sort(rw):
    rows = rw.get("/api/incidents", params={"country": "Ukraine", "sort": "fatalities", "dir": "desc"}).json()
    assert rows["total"] == 2 and rows["items"][0]["fatalities"] == 3 and rows["items"][1]["fatalities"] is None
    asc = rw.get("/api/incidents", params={"sort": "location", "dir": "asc"}).json()["items"]
    assert [r["location"] for r in asc] == ["Kreminna", "Lviv"]
    assert rw.get("/api/incidents", params={"country": "ukr"}).json()["total"] == 2
    assert rw.get("/api/incidents", params={"country": "Poland"}).json()["total"] == 0
    one = rw.get("/api/incidents", params={"actor": "russian", "min_fatalities": 1}).json()["items"]
    assert [(r["actor1"], r["actor2"], r["n_documents"], r["n_outlets"]) for r in one] == \
        [("Russian forces", "civilians", 2, 2)]
    assert rw.get("/api/incidents", params={"q": "protested", "event_type": "Protests"}).json()["total"] == 1
    assert rw.get("/api/incidents", params={"admin1": "luhansk"}).json()["total"] == 1
    pts = rw.get("/api/incidents/points", params={"precision": "city"}).json()
    assert pts["total"] == 2 and {r[pts["columns"].index("reports")] for r in pts["rows"]} == {1, 2}
    facets = rw.get("/api/incidents/facets").json()
    assert facets["countries"] == [{"value": "UA", "n": 2, "name": "Ukraine"}]


@pytest.mark.parametrize("params,message", [
    ({"from": "2022-04-08", "to": "2022-04-01"}, "reversed"),
    ({"country": "Atlantis"}, "unknown country"),
    ({"sort": "colour"}, "sort by one of"),
    ({"min_fatalities": "many"}, "whole number"),
])
def test_web_incident_filters_refuse_what_cannot_match(rw, params, message):
    r = rw.get("/api/incidents", params=params)
    assert r.status_code == 400 and message in r.json()["error"]["message"]


def test_web_review_changes_what_is_shown_and_exported_and_keeps_history(rw):
    import csv
    import io

    iid = _shelling(rw)
    headers = {"X-Sitrep-Token": "t0k", "Origin": "http://127.0.0.1:8765"}
    r = rw.post(f"/api/incidents/{iid}/review", headers=headers,
                json={"reviewer": "ana", "changes": {"place": "Rubizhne", "fatalities": 4}})
    assert r.status_code == 200, r.text
    inc = r.json()
    assert inc["location"] == "Rubizhne" and inc["fatalities"] == 4 and inc["reviewed"] is True
    assert inc["extracted"]["location"] == "Kreminna"  # never overwritten
    assert [(x["field"], x["previous"], x["value"], x["reviewer"]) for x in inc["reviews"]] == \
        [("location", "Kreminna", "Rubizhne", "ana"), ("fatalities", "3", "4", "ana")]
    rows = list(csv.DictReader(io.StringIO(rw.get("/api/download.csv", params={"sort": "date"}).text)))
    shelling = next(x for x in rows if x["event_type"] == "Explosions/Remote violence")
    assert shelling["location"] == "Rubizhne" and shelling["fatalities"] == "4" and "reviewed by ana" in shelling["tags"]
    geo = rw.get("/api/download.geojson", params={"status": "reviewed"}).json()
    assert [f["properties"]["location"] for f in geo["features"]] == ["Rubizhne"]
    # a rejected incident leaves the ACLED export
    rw.post(f"/api/incidents/{iid}/review", headers=headers, json={"reviewer": "bo", "changes": {"status": "rejected"}})
    rows = list(csv.DictReader(io.StringIO(rw.get("/api/download.csv").text)))
    assert [x["event_type"] for x in rows] == ["Protests"]
    # the download is the filtered view: no incident after 2030, no row
    late = rw.get("/api/download.csv", params={"from": "2030-01-01"})
    assert late.status_code == 200 and late.text.startswith("event_id_cnty") and list(csv.DictReader(io.StringIO(late.text))) == []


@pytest.mark.parametrize("headers,base,status", [
    ({}, "http://127.0.0.1:8765", 403),  # no token
    ({"X-Sitrep-Token": "wrong"}, "http://127.0.0.1:8765", 403),
    ({"X-Sitrep-Token": "t0k", "Origin": "http://evil.example"}, "http://127.0.0.1:8765", 403),
    ({"X-Sitrep-Token": "t0k"}, "http://evil.example", 403),  # DNS rebinding: a foreign Host
    ({"X-Sitrep-Token": "t0k", "Origin": "http://127.0.0.1:8765"}, "http://127.0.0.1:8765", 200),
])
def test_web_writes_need_loopback_host_same_origin_and_token(tmp_path, headers, base, status):
    c = TestClient(create_app(sample_store(tmp_path / "g.duckdb"), token="t0k"), base_url=base)
    iid = c.get("/api/incidents").json()["items"][0]["id"] if status == 200 else "INC-x"
    r = c.post(f"/api/incidents/{iid}/review", headers=headers, json={"reviewer": "a", "changes": {"status": "confirmed"}})
    assert r.status_code == status
    if status == 403:
        assert r.json()["error"]["code"] == "forbidden"


def test_web_page_carries_the_token_and_a_read_only_server_refuses_reviews(tmp_path):
    db = sample_store(tmp_path / "ro.duckdb")
    c = TestClient(create_app(db, token="abc"), base_url="http://localhost")
    assert 'name="sitrep-token" content="abc"' in c.get("/").text
    ro = TestClient(create_app(sample_store(tmp_path / "ro2.duckdb"), writable=False, token="abc"),
                    base_url="http://127.0.0.1")
    r = ro.post("/api/incidents/INC-x/review", headers={"X-Sitrep-Token": "abc"}, json={"reviewer": "a", "changes": {}})
    assert r.status_code == 403 and "read-only" in r.json()["error"]["message"]


def test_web_incident_view_answers_positions_timeline_and_page_in_one(rw):
    allpts = rw.get("/api/incidents/points").json()
    v = rw.get("/api/incidents/view", params={"event_type": "Protests", "limit": 5}).json()
    cols = allpts["columns"]
    kept = [r for r in allpts["rows"] if r[cols.index("pos")] in v["points"]["pos"]]
    assert [r[cols.index("location")] for r in kept] == ["Lviv"] and v["gen"] == allpts["gen"]
    assert [d["day"] for d in v["timeline"]] == ["2022-04-07"] and v["page"]["total"] == 1
    table_only = rw.get("/api/incidents/view", params={"bbox_table": "37,48,39,50"}).json()
    assert table_only["page"]["total"] == 1 and table_only["points"]["total"] == 2  # the map keeps both


def test_web_unexpected_error_is_logged_and_answered_without_its_text(tmp_path, monkeypatch, caplog):
    from sitrep.web import queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /home/analyst/private.duckdb")

    c = TestClient(create_app(sample_store(tmp_path / "e.duckdb"), writable=False), base_url="http://127.0.0.1",
                   raise_server_exceptions=False)
    monkeypatch.setattr(queries, "facets", broken)
    with caplog.at_level("ERROR", logger="sitrep.web"):
        r = c.get("/api/facets")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal"
    assert "secret" not in r.text and "RuntimeError" not in r.text
    assert any("GET /api/facets" in rec.getMessage() and "secret detail" in str(rec.exc_info[1])
               for rec in caplog.records)
