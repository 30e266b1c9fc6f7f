"""Document-level coherence in the places stage: readings of ambiguous names that agree with the
other places the article names, on a small gazetteer fake of made-up but plausible entries."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.resources import Resources
from sitrep.stages.places import find_places

PLACES = [
    {"name": "Canada", "kind": "country", "country": "CA", "lat": 60.0, "lon": -100.0},
    {"name": "United Kingdom", "kind": "country", "country": "GB", "lat": 54.0, "lon": -2.0},
    {"name": "Alberta", "kind": "admin1", "country": "CA", "admin1": "01", "lat": 54.0, "lon": -115.0},
    # a big city and a small district of another city share a name
    {"name": "Edmonton", "country": "CA", "admin1": "01", "lat": 53.55, "lon": -113.47, "population": 1_000_000},
    {"name": "Edmonton", "country": "GB", "admin1": "ENG", "lat": 51.62, "lon": -0.06, "population": 80_000},
    {"name": "Enfield", "country": "GB", "admin1": "ENG", "lat": 51.65, "lon": -0.08, "population": 130_000},
    {"name": "Tottenham", "country": "GB", "admin1": "ENG", "lat": 51.60, "lon": -0.07, "population": 120_000},
    {"name": "Red Deer", "country": "CA", "admin1": "01", "lat": 52.27, "lon": -113.80, "population": 100_000},
]


@pytest.fixture(scope="module")
def res(nlp):
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(PLACES))


def place(make_doc, res, text, name):
    out = find_places(make_doc(text), res=res)
    (p,) = [p for p in out if any(m["text"] == name for m in p["mentions"])]
    return p


def test_nearby_places_pick_the_small_namesake(make_doc, res):
    p = place(make_doc, res, "Pupils from schools in Edmonton and Tottenham met at a theatre in Enfield.",
              "Edmonton")
    assert p["country"] == "GB"


def test_without_nearby_places_the_big_city_wins(make_doc, res):
    assert place(make_doc, res, "Pupils from schools in Edmonton met at a theatre.", "Edmonton")["country"] == "CA"


def test_nearby_places_of_the_big_city_keep_it(make_doc, res):
    p = place(make_doc, res, "Pupils from schools in Edmonton met their peers from Red Deer.", "Edmonton")
    assert p["country"] == "CA"
