""""X, Y" in a list of countries is not X inside Y, on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "Mexico", "kind": "country", "country": "MX", "lat": 23.0, "lon": -102.0, "population": 126_000_000},
    {"name": "China", "kind": "country", "country": "CN", "lat": 35.0, "lon": 105.0, "population": 1_400_000_000},
    {"name": "Japan", "kind": "country", "country": "JP", "lat": 36.0, "lon": 138.0, "population": 126_000_000},
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.8, "lon": -98.6},
    {"name": "Georgia", "kind": "country", "country": "GE", "lat": 42.0, "lon": 43.5, "population": 3_700_000},
    {"name": "Georgia", "kind": "admin1", "country": "US", "admin1": "GA", "lat": 32.7, "lon": -83.4},
    {"name": "China", "country": "JP", "admin1": "46", "lat": 27.33, "lon": 128.57, "population": 2_000},
]


def countries(make_doc, res, text):
    return {m["text"]: p["country"] for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_a_list_of_countries_is_not_one_inside_the_next(make_doc, res):
    got = countries(make_doc, res, "Officials in countries such as Mexico, China, Japan and Brazil report cases.")
    assert got["China"] == "CN"


def test_a_division_before_its_country_is_still_inside_it(make_doc, res):
    assert countries(make_doc, res, "Storms hit Georgia, United States, on Monday.")["Georgia"] == "US"
