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


COUNTIES = [
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.8, "lon": -98.6},
    {"name": "Missouri", "kind": "admin1", "country": "US", "admin1": "MO", "lat": 38.3, "lon": -92.5},
    {"name": "New York", "kind": "admin1", "country": "US", "admin1": "NY", "lat": 42.9, "lon": -75.5},
    {"name": "Monroe County", "kind": "admin2", "country": "US", "admin1": "MO", "lat": 39.5, "lon": -92.0,
     "population": 1_200},
    {"name": "Monroe County", "kind": "admin2", "country": "US", "admin1": "NY", "lat": 43.15, "lon": -77.6,
     "population": 375_000},
    {"name": "Suffolk", "kind": "admin2", "country": "GB", "admin1": "ENG", "lat": 52.2, "lon": 1.0,
     "population": 540_000},
    {"name": "Suffolk", "country": "US", "admin1": "VA", "lat": 36.73, "lon": -76.58, "population": 88_000},
    {"name": "Ipswich", "country": "GB", "admin1": "ENG", "lat": 52.06, "lon": 1.16, "population": 144_000},
    {"name": "Pune", "country": "IN", "admin1": "16", "lat": 18.52, "lon": 73.86, "population": 3_100_000},
    {"name": "Pune", "kind": "admin2", "country": "IN", "admin1": "16", "lat": 18.6, "lon": 74.0,
     "population": 9_000_000},
]


@pytest.fixture(scope="module")
def counties(nlp):
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(COUNTIES))


def test_county_in_the_state_the_article_names(make_doc, counties):
    p = place(make_doc, counties, "Deputies in Monroe County arrested two men, Missouri police said.", "Monroe County")
    assert (p["admin1"], p["precision"], p["geo_precision"], p["feature"]) == ("Missouri", "admin2", 2, "A.ADM2")


def test_bare_county_name_next_to_its_town(make_doc, counties):
    p = place(make_doc, counties, "Flooding hit homes in Ipswich and across Suffolk overnight.", "Suffolk")
    assert p["country"] == "GB" and p["precision"] == "admin2"


def test_district_named_after_its_city_gives_the_city(make_doc, counties):
    p = place(make_doc, counties, "Protesters gathered in Pune on Sunday.", "Pune")
    assert p["precision"] == "city"


LONDONS = [
    {"name": "London", "country": "GB", "admin1": "ENG", "lat": 51.51, "lon": -0.13, "population": 8_961_989,
     "feature": "P.PPLC"},
    {"name": "London", "country": "CA", "admin1": "08", "lat": 42.98, "lon": -81.23, "population": 422_324},
    {"name": "St. Thomas", "country": "CA", "admin1": "08", "lat": 42.78, "lon": -81.18, "population": 38_909},
]


def test_a_nearby_unambiguous_town_outweighs_a_capital_namesake(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(LONDONS))
    p = place(make_doc, res, "Shelters in London are full, and agencies in St. Thomas report the same.", "London")
    assert p["country"] == "CA"


DATELINES = LONDONS + [
    {"name": "Kentucky", "kind": "admin1", "country": "US", "admin1": "KY", "lat": 37.5, "lon": -85.0,
     "exact": ["Ky."]},
    {"name": "London", "country": "US", "admin1": "KY", "lat": 37.13, "lon": -84.08, "population": 8_126},
    {"name": "Manchester", "country": "GB", "admin1": "ENG", "lat": 53.48, "lon": -2.24, "population": 395_515},
    {"name": "Manchester", "country": "US", "admin1": "KY", "lat": 37.15, "lon": -83.76, "population": 1_255},
]


def test_a_dateline_that_says_where_it_is_does_not_vote_for_the_big_namesake(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(DATELINES))
    text = ("LONDON, Ky. (AP) -- Police arrested two men on Friday. The men were taken to Manchester "
            "for questioning, police said.")
    assert place(make_doc, res, text, "Manchester")["country"] == "US"


WASHINGTONS = [
    {"name": "Washington", "country": "US", "admin1": "DC", "lat": 38.9, "lon": -77.04, "population": 690_000,
     "feature": "P.PPLC"},
    {"name": "Washington", "kind": "admin1", "country": "US", "admin1": "WA", "lat": 47.4, "lon": -120.5},
    {"name": "Seattle", "country": "US", "admin1": "WA", "lat": 47.61, "lon": -122.33, "population": 750_000},
    {"name": "Spokane", "country": "US", "admin1": "WA", "lat": 47.66, "lon": -117.43, "population": 220_000},
]


def test_a_division_holding_the_articles_towns_beats_a_capital_namesake(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(WASHINGTONS))
    p = place(make_doc, res, "Wildfires spread across Washington, officials in Seattle and Spokane said.", "Washington")
    assert p["precision"] == "admin1"
    p = place(make_doc, res, "Protesters marched in Washington on Sunday.", "Washington")
    assert p["precision"] == "city"
