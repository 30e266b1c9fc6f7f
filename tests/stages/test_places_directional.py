"""Directional parts of places ("North London", "Southern California"), on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.8, "lon": -98.6},
    {"name": "California", "kind": "admin1", "country": "US", "admin1": "CA", "lat": 37.0, "lon": -119.5},
    {"name": "Los Angeles", "country": "US", "admin1": "CA", "lat": 34.05, "lon": -118.24, "population": 3_900_000},
    {"name": "London", "country": "GB", "admin1": "ENG", "lat": 51.51, "lon": -0.13, "population": 8_900_000},
    {"name": "Europe", "kind": "region", "lat": 48.7, "lon": 9.1, "population": 741_000_000},
    {"name": "Midlands", "kind": "admin1", "country": "ZW", "admin1": "07", "lat": -19.0, "lon": 29.8},
    {"name": "England", "kind": "admin1", "country": "GB", "admin1": "ENG", "lat": 52.5, "lon": -1.5},
    {"name": "South-West", "kind": "admin1", "country": "CM", "admin1": "09", "lat": 4.5, "lon": 9.3},
    {"name": "Cornwall", "kind": "admin2", "country": "GB", "admin1": "ENG", "lat": 50.3, "lon": -4.9},
    {"name": "Devon", "kind": "admin2", "country": "GB", "admin1": "ENG", "lat": 50.7, "lon": -3.8},
]


def places(make_doc, res, text):
    return {m["text"]: p for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_part_of_a_division_resolves_to_it_at_region_precision(make_doc, res):
    p = places(make_doc, res, "Wildfires spread from Los Angeles across Southern California in the United States.")[
        "Southern California"]
    assert (p["status"], p["precision"], p["admin1"], p["geonameid"]) == ("coarse", "region", "California", None)


def test_part_of_a_world_city_needs_no_other_place(make_doc, res):
    p = places(make_doc, res, "He grew up in North London with his wife.")["North London"]
    assert p["status"] == "coarse" and p["country"] == "GB"


def test_part_of_a_continent_is_not_pinned(make_doc, res):
    p = places(make_doc, res, "Tourism in Southern Europe fell sharply.")["Southern Europe"]
    assert p["status"] == "unresolved" and p["lat"] is None


def test_part_of_a_namesake_in_a_country_the_article_does_not_name_is_not_pinned(make_doc, res):
    got = places(make_doc, res, "The outbreak reached the West Midlands and England's north.")
    assert got["West Midlands"]["status"] == "unresolved"


def test_a_part_named_by_two_direction_words_is_a_part_of_the_place_after_them(make_doc, res):
    got = places(make_doc, res, "Floods hit towns in Cornwall and in Devon, in South West England.")
    assert got["South West England"]["country"] == "GB"
