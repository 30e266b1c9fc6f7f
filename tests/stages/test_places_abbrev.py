"""Abbreviated divisions after a town ("Barrie, Ont.", "Louisville, KY"), on a small gazetteer fake."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.resources import Resources
from sitrep.stages.places import find_places

PLACES = [
    {"name": "Canada", "kind": "country", "country": "CA", "lat": 60.0, "lon": -100.0},
    {"name": "Ontario", "kind": "admin1", "country": "CA", "admin1": "08", "lat": 50.0, "lon": -85.0},
    {"name": "Manitoba", "kind": "admin1", "country": "CA", "admin1": "03", "lat": 55.0, "lon": -97.0},
    {"name": "Kentucky", "kind": "admin1", "country": "US", "admin1": "KY", "lat": 37.5, "lon": -85.0},
    {"name": "Indiana", "kind": "admin1", "country": "US", "admin1": "IN", "lat": 40.0, "lon": -86.0},
    {"name": "Barrie", "country": "CA", "admin1": "08", "lat": 44.4, "lon": -79.7, "population": 140_000},
    {"name": "Churchill", "country": "CA", "admin1": "03", "lat": 58.8, "lon": -94.2, "population": 900},
    {"name": "Louisville", "country": "US", "admin1": "KY", "lat": 38.25, "lon": -85.76, "population": 600_000},
    {"name": "Edmonton", "country": "CA", "admin1": "01", "lat": 53.55, "lon": -113.47, "population": 1_000_000},
    {"name": "Edmonton", "country": "US", "admin1": "KY", "lat": 36.98, "lon": -85.61, "population": 1_600},
    # "WA" and "NT" abbreviate a US state or Canadian territory and an Australian state
    {"name": "Washington", "kind": "admin1", "country": "US", "admin1": "WA", "lat": 47.5, "lon": -120.5},
    {"name": "Western Australia", "kind": "admin1", "country": "AU", "admin1": "08", "lat": -25.0, "lon": 122.0},
    {"name": "Spokane", "country": "US", "admin1": "WA", "lat": 47.66, "lon": -117.43, "population": 220_000},
    {"name": "Perth", "country": "AU", "admin1": "08", "lat": -31.95, "lon": 115.86, "population": 2_000_000},
]


def places(make_doc, res, text):
    return {m["text"]: p for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_agency_abbreviation_after_a_town_is_its_division(make_doc, res):
    got = places(make_doc, res, "They bought a home in Barrie, Ont., with a garage.")
    assert got["Ont."]["admin1"] == "Ontario" and got["Barrie"]["admin1"] == "Ontario"


def test_abbreviation_that_is_a_word_counts_after_a_town_in_it(make_doc, res):
    got = places(make_doc, res, "When Lucy was born in Churchill, Man. her parents did not know.")
    assert got["Man."]["admin1"] == "Manitoba"


def test_postal_code_in_a_dateline_places_the_town(make_doc, res):
    got = places(make_doc, res, "LOUISVILLE, KY--(Marketwire - December 23, 2010) - The company said.")
    assert got["KY"]["admin1"] == "Kentucky"


def test_dotless_abbreviation_in_a_dateline_picks_the_small_namesake(make_doc, res):
    got = places(make_doc, res, "EDMONTON, Ky (WBKO) -- One of the biggest fires this year.")
    assert got["Ky"]["admin1"] == "Kentucky"
    assert got["EDMONTON"]["country"] == "US"


def test_an_abbreviation_of_two_divisions_is_the_one_that_holds_the_town(make_doc, res):
    assert places(make_doc, res, "Crews from Spokane, WA, fought the fires.")["WA"]["admin1"] == "Washington"
    assert places(make_doc, res, "Crews from Perth, WA, fought the fires.")["WA"]["admin1"] == "Western Australia"


def test_abbreviation_after_a_town_outside_that_division_is_ignored(make_doc, res):
    got = places(make_doc, res, "She moved from Barrie, Man. her parents said.")
    assert "Man." not in got


def test_dotless_abbreviation_running_on_into_a_sentence_is_ignored(make_doc, res):
    got = places(make_doc, res, "I left Louisville, Ky Smith said on Monday.")
    assert "Ky" not in got


def test_every_division_abbreviation_and_alias_names_a_known_division():
    from sitrep.stages.places.lexicon import division_abbrevs
    from sitrep.vocab import read_text

    def _read(name):
        return read_text(f"places/{name}")

    codes = {ln.split("\t")[0] for ln in _read("admin1.tsv").splitlines() if ln and not ln.startswith("#")}
    assert {f"{cc}.{code}" for divs in division_abbrevs().values() for cc, code in divs} <= codes
    aliases = [ln.split("\t") for ln in _read("admin1_aliases.tsv").splitlines()[4:]]
    assert all(len(r) == 4 and r[1] in codes and r[3] for r in aliases)


SPELLED = [
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.8, "lon": -98.6},
    {"name": "Oklahoma", "kind": "admin1", "country": "US", "admin1": "OK", "lat": 35.5, "lon": -97.5},
    {"name": "Hugo", "country": "US", "admin1": "OK", "lat": 34.01, "lon": -95.51, "population": 5_000},
    {"name": "Smith", "country": "US", "admin1": "OK", "lat": 35.0, "lon": -96.0, "population": 800},
    {"name": "Beirut", "country": "LB", "admin1": "04", "lat": 33.89, "lon": 35.5, "population": 1_900_000},
]


@pytest.fixture(scope="module")
def res_spelled(nlp):
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(SPELLED))


def test_town_before_a_spelled_out_division_it_lies_in(make_doc, res_spelled):
    got = places(make_doc, res_spelled, "He is survived by George Cox and Ann Cox, all of Hugo, Oklahoma.")
    assert got["Hugo"]["admin1"] == "Oklahoma"


def test_surname_before_a_division_is_not_a_town(make_doc, res_spelled):
    got = places(make_doc, res_spelled, "The bill was signed by John Smith, Oklahoma's governor.")
    assert "Smith" not in got


def test_upper_case_dateline_the_parser_took_for_an_adverb(make_doc, res_spelled):
    got = places(make_doc, res_spelled, "BEIRUT —  A cease-fire to evacuate rebel fighters collapsed on Monday.")
    assert got["BEIRUT"]["name"] == "Beirut" and got["BEIRUT"]["dateline"]
