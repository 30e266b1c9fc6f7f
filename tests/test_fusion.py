"""Fusion: events of one incident across reports share a stable incident id; figures stay side by side."""
from __future__ import annotations

import copy

import pytest

from sitrep.errors import ConfigError
from sitrep.fusion import fuse, incident_id_for
from sitrep.fusion.rules import DEFAULTS, Place, date_interval, place_relation
from sitrep.io.store import Store
from sitrep.web.samples import incident_pair, sample_document


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "f.duckdb") as s:
        yield s


def _incidents(store):
    return store.con.execute("SELECT id, n_documents, fatalities, fatalities_min, fatalities_max, conflicting "
                             "FROM incidents ORDER BY id").fetchall()


def test_fuse_two_reports_of_one_shelling_make_one_incident_with_both_figures(store):
    for d in incident_pair():
        store.write_document(d)
    stats = fuse(store)
    assert stats["incidents"] == 2 and stats["multi_source_incidents"] == 1
    rows = dict((r[0], r[1:]) for r in _incidents(store))
    iid = incident_id_for("doc-a", "E1")
    assert rows[iid] == (2, 3, 3, 5, True)  # two sources; the lowest figure, and the range
    claims = store.con.execute("SELECT claims FROM incidents WHERE id = ?", [iid]).fetchone()[0]
    assert '"claimant_name": "Sergiy Gaiday"' in claims and '"claimant_name": "Ukrainian officials"' in claims
    assert '"evidence": {"start": 0' in claims  # every report keeps its evidence span
    members = store.con.execute("SELECT document_id FROM events WHERE incident_id = ? ORDER BY 1", [iid]).fetchall()
    assert members == [("doc-a",), ("doc-b",)]


def test_fuse_same_report_ingested_twice_gives_one_incident_with_two_sources(store):
    a = incident_pair()[0]
    copy_ = copy.deepcopy(a)
    copy_["document"].update(id="doc-a-copy", content_hash="other", source="Wire A (repost)")
    store.write_document(a)
    store.write_document(copy_)
    fuse(store)
    assert [(r[1]) for r in _incidents(store)] == [2]


def test_fuse_ids_survive_reruns_and_new_ingests(store):
    a, b, c = incident_pair()
    store.write_document(a)
    store.write_document(c)
    fuse(store)
    before = dict(store.con.execute("SELECT document_id, incident_id FROM events").fetchall())
    assert fuse(store)["new_events"] == 0
    store.write_document(b)  # a later report of the Kreminna shelling
    stats = fuse(store)
    after = dict(store.con.execute("SELECT document_id, incident_id FROM events").fetchall())
    assert stats["new_events"] == 1
    assert after["doc-a"] == before["doc-a"] and after["doc-c"] == before["doc-c"]
    assert after["doc-b"] == after["doc-a"]


def test_fuse_keeps_far_apart_or_different_days_separate(store):
    a, b, _ = incident_pair()
    b["events"][0]["date"] = {"value": "2022-04-01", "precision": "day"}  # five days earlier
    store.write_document(a)
    store.write_document(b)
    assert fuse(store)["multi_source_incidents"] == 0
    assert fuse(store, rebuild=True, max_days=6)["multi_source_incidents"] == 1  # thresholds are settings


def test_fuse_rejects_unknown_setting(store):
    with pytest.raises(ConfigError, match="max_kms"):
        fuse(store, max_kms=3)


@pytest.mark.parametrize("value,published,expected", [
    ("2022-04-06", None, ("2022-04-06", "2022-04-06")),
    ("2022-04", None, ("2022-04-01", "2022-04-30")),
    ("2022-W14", None, ("2022-04-04", "2022-04-10")),
    (None, "2022-04-07", ("2022-04-06", "2022-04-07")),
    (None, None, (None, None)),
])
def test_date_interval_covers_precision(value, published, expected):
    lo, hi = date_interval(value, published, lookback=1)
    assert (lo and lo.isoformat(), hi and hi.isoformat()) == expected


def test_places_coarse_region_matches_a_town_inside_it_but_a_country_gives_no_evidence():
    town = Place("Kreminna", 49.05, 38.22, "UA", "Luhansk", "city")
    oblast = Place("Luhansk", 48.57, 39.31, "UA", "Luhansk", "admin1")
    country = Place("Ukraine", 49.0, 32.0, "UA", None, "country")
    assert place_relation(town, oblast, DEFAULTS)[1] > 0
    assert place_relation(town, country, DEFAULTS)[1] == 0
    assert place_relation(town, Place("Lviv", 49.84, 24.03, "UA", "Lviv", "city"), DEFAULTS)[1] < 0


def test_fuse_unlocated_copies_fuse_through_near_duplicate_evidence(store):
    text = "Shelling killed two people near the front line on Tuesday, officials said."
    for i in ("x1", "x2"):
        store.write_document(sample_document(i, text, published="2022-04-07", events=[
            {"id": "E1", "type": "ASSAULT", "evidence": "Shelling killed two people near the front line on Tuesday",
             "fatalities": 2}]))
    assert fuse(store)["multi_source_incidents"] == 1


def test_fuse_a_threat_never_joins_the_attack_and_names_stand_in_for_actor_ids(store):
    a, b, _ = incident_pair()
    b["events"][0].update(factuality="threatened")
    store.write_document(a)
    store.write_document(b)
    assert fuse(store)["multi_source_incidents"] == 0
    b2 = copy.deepcopy(incident_pair()[1])
    b2["document"].update(id="doc-b2", content_hash="b2")
    b2["events"][0].update(claimant="Kyiv regional police")  # the events layer's text where no actor fits
    store.write_document(b2)
    fuse(store)
    claims = store.con.execute("SELECT claims FROM incidents WHERE n_documents = 2").fetchone()[0]
    assert '"claimant_name": "Kyiv regional police"' in claims
