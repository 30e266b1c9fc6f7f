"""The JSON API: pages, filters, detail views, and one error shape everywhere."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep.web.app import create_app
from sitrep.web.samples import sample_store


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return TestClient(create_app(sample_store(tmp_path_factory.mktemp("web") / "w.duckdb")))


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
