"""Roads named by the towns they join ("the Tarkh-Toruk road"): both ends are places, on a small
gazetteer fake; names invented or common."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "Kenya", "kind": "country", "country": "KE", "lat": 0.5, "lon": 38.0},
    {"name": "Canada", "kind": "country", "country": "CA", "lat": 60.0, "lon": -95.0},
    {"name": "Lumbala", "country": "KE", "admin1": "05", "lat": -1.5, "lon": 37.3, "population": 150_000},
    {"name": "Lumbala", "kind": "admin1", "country": "KE", "admin1": "05", "lat": -1.3, "lon": 37.5},
    {"name": "Kiroto", "country": "KE", "admin1": "05", "lat": -1.8, "lon": 37.6, "population": 8_000},
    {"name": "Kiroto", "country": "PE", "admin1": "10", "lat": -9.0, "lon": -77.0, "population": 9_000},
    {"name": "Tessa", "country": "TD", "admin1": "02", "lat": 12.1, "lon": 21.4, "population": 20_000},
]


def places(make_doc, res, text):
    return {m["text"]: p for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_both_ends_of_a_road_are_towns(make_doc, res):
    got = places(make_doc, res, "Traders blocked the Lumbala-Kiroto road on Monday.")
    assert got["Lumbala"]["precision"] == "city" and got["Kiroto"]["country"] == "KE"


def test_a_spaced_dash_and_a_highway_count_too(make_doc, res):
    got = places(make_doc, res, "A convoy was ambushed on the Kiroto - Lumbala highway.")
    assert {"Kiroto", "Lumbala"} <= set(got)


def test_ends_far_apart_are_no_road_of_towns(make_doc, res):
    # the only Tessa is 1,500 km from Lumbala: no evidence that either is the road's end
    got = places(make_doc, res, "Youths protested on the Tessa-Lumbala road.")
    assert "Tessa" not in got


def test_a_country_named_in_a_road_is_not_a_road_end(make_doc, res):
    got = places(make_doc, res, "Snow closed the Trans-Canada highway near Lumbala.")
    assert "Trans" not in got
