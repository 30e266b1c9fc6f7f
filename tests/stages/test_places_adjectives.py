"""Adjectives of regions ("European" -> Europe) next to country demonyms, on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "Europe", "kind": "region", "lat": 48.7, "lon": 9.1, "population": 741_000_000},
    {"name": "Africa", "kind": "region", "lat": 7.2, "lon": 21.1, "population": 1_000_000_000},
    {"name": "South Africa", "kind": "country", "country": "ZA", "lat": -29.0, "lon": 24.0},
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.8, "lon": -98.6},
]


def adjectives(make_doc, res, text):
    return {m["text"]: p["name"] for p in find_places(make_doc(text), res=res) if p["adjectival"]
            for m in p["mentions"]}


def test_a_region_adjective_is_an_adjectival_mention_of_the_region(make_doc, res):
    got = adjectives(make_doc, res, "Hussain was a hacker whom U.S. and European officials regarded as an expert.")
    assert got.get("European") == "Europe"


def test_a_country_demonym_is_not_read_as_its_last_word(make_doc, res):
    got = adjectives(make_doc, res, "The South African Red Cross has sent medical aid to the region.")
    assert "African" not in got
