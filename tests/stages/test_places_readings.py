"""Picking the right reading of a name from what the text says around it: containers ("X, Y",
"Y's X", "X in northeast Y"), lists, and repeated names; on a small gazetteer fake."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.resources import Resources
from sitrep.stages.places import find_places
from sitrep.stages.places.detect import find_mentions
from sitrep.stages.places.relations import containment

PLACES = [
    {"name": "Kenya", "kind": "country", "country": "KE", "lat": 1.0, "lon": 38.0},
    {"name": "Dadaab", "country": "KE", "admin1": "02", "lat": 0.06, "lon": 40.31, "population": 11_500},
    {"name": "Geneva", "country": "CH", "admin1": "GE", "lat": 46.2, "lon": 6.15, "population": 183_000},
    {"name": "London", "country": "GB", "admin1": "ENG", "lat": 51.51, "lon": -0.13, "population": 8_961_989,
     "feature": "P.PPLC"},
    {"name": "Heathrow", "country": "US", "admin1": "FL", "lat": 28.76, "lon": -81.37, "population": 5_900},
    {"name": "Mexico", "kind": "country", "country": "MX", "lat": 23.0, "lon": -102.0},
    {"name": "China", "kind": "country", "country": "CN", "lat": 35.0, "lon": 105.0},
    {"name": "Japan", "kind": "country", "country": "JP", "lat": 36.0, "lon": 138.0},
    {"name": "China", "country": "JP", "admin1": "18", "lat": 27.33, "lon": 128.6, "population": 6_000},
    {"name": "Georgia", "kind": "country", "country": "GE", "lat": 42.0, "lon": 43.5},
    {"name": "Georgia", "kind": "admin1", "country": "US", "admin1": "GA", "lat": 32.75, "lon": -83.5},
    {"name": "Blakely", "country": "US", "admin1": "GA", "lat": 31.38, "lon": -84.93, "population": 5_000},
    {"name": "Blakely", "country": "US", "admin1": "PA", "lat": 41.48, "lon": -75.6, "population": 6_600},
    {"name": "Missouri", "kind": "admin1", "country": "US", "admin1": "MO", "lat": 38.3, "lon": -92.5},
    {"name": "New York", "kind": "admin1", "country": "US", "admin1": "NY", "lat": 42.9, "lon": -75.5},
    {"name": "Monroe County", "kind": "admin2", "country": "US", "admin1": "MO", "lat": 39.5, "lon": -92.0,
     "population": 1_200},
    {"name": "Monroe County", "kind": "admin2", "country": "US", "admin1": "NY", "lat": 43.15, "lon": -77.6,
     "population": 375_000},
]


def place(make_doc, res, text, name):
    out = find_places(make_doc(text), res=res)
    (p,) = [p for p in out if any(m["text"] == name for m in p["mentions"])]
    return p


def test_a_possessive_country_holds_a_small_far_place(make_doc, res):
    text = "Officials in Geneva said floods threaten Kenya's overcrowded Dadaab camps."
    p = place(make_doc, res, text, "Dadaab")
    assert (p["status"], p["country"]) == ("resolved", "KE")


def test_a_repeated_name_is_no_evidence_for_its_own_far_reading(make_doc, res):
    text = "Fog delayed flights at Heathrow, London officials said. Heathrow reopened at noon."
    p = place(make_doc, res, text, "Heathrow")
    assert p["status"] == "unresolved" and p["lat"] is None


def test_a_listed_country_is_not_contained_in_the_next(make_doc, res):
    p = place(make_doc, res, "Cases were reported in Mexico, China, Japan and Brazil.", "China")
    assert (p["country"], p["precision"]) == ("CN", "country")


def test_the_container_reading_that_holds_the_town_wins(make_doc, res):
    p = place(make_doc, res, "The recall covers a plant in Blakely, Georgia.", "Georgia")
    assert (p["country"], p["precision"]) == ("US", "admin1")
    assert place(make_doc, res, "The recall covers a plant in Blakely, Georgia.", "Blakely")["admin1"] == "Georgia"


def test_a_compass_word_between_a_place_and_its_container(make_doc, res):
    text = "After leaving New York, the family bought a farm in Monroe County in northeast Missouri."
    assert place(make_doc, res, text, "Monroe County")["admin1"] == "Missouri"


MORE = [
    {"name": "London", "country": "GB", "admin1": "ENG", "lat": 51.51, "lon": -0.13, "population": 8_961_989,
     "feature": "P.PPLC"},
    {"name": "Canada", "kind": "country", "country": "CA", "lat": 60.0, "lon": -100.0},
    {"name": "Ontario", "kind": "admin1", "country": "CA", "admin1": "08", "lat": 49.25, "lon": -84.5},
    {"name": "Stroud", "country": "GB", "admin1": "ENG", "lat": 51.74, "lon": -2.22, "population": 60_000},
    {"name": "Sudan", "kind": "country", "country": "SD", "lat": 15.0, "lon": 30.0},
    {"name": "Zaire", "kind": "country", "country": "CD", "lat": -2.5, "lon": 23.5},
    {"name": "Ivory Coast", "kind": "country", "country": "CI", "lat": 8.0, "lon": -5.5},
    {"name": "Bundibugyo", "country": "UG", "admin1": "C", "lat": 0.71, "lon": 30.06, "population": 20_000},
    {"name": "Beni", "country": "CD", "admin1": "11", "lat": 0.49, "lon": 29.47, "population": 230_000},
    {"name": "Turkey", "kind": "country", "country": "TR", "lat": 39.0, "lon": 35.0},
    {"name": "Aleppo", "country": "SY", "admin1": "09", "lat": 36.2, "lon": 37.16, "population": 1_800_000},
    {"name": "Paris", "country": "FR", "admin1": "11", "lat": 48.85, "lon": 2.35, "population": 2_138_551,
     "feature": "P.PPLC"},
    {"name": "Hidalgo", "kind": "admin1", "country": "MX", "admin1": "13", "lat": 20.5, "lon": -98.9},
    {"name": "Paris", "country": "MX", "admin1": "13", "lat": 20.4, "lon": -99.0, "population": 500},
    {"name": "Illinois", "kind": "admin1", "country": "US", "admin1": "IL", "lat": 40.0, "lon": -89.25},
    {"name": "Missouri", "kind": "admin1", "country": "US", "admin1": "MO", "lat": 38.3, "lon": -92.5},
    {"name": "Illinois", "country": "US", "admin1": "MO", "lat": 38.9, "lon": -94.0, "population": 3_000},
]


@pytest.fixture(scope="module")
def more(nlp):
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(MORE))


def test_a_town_the_text_puts_in_a_division_that_holds_no_namesake_is_that_division(make_doc, more):
    text = "The driver, who had moved from London, was stopped in Stroud, Ontario, on Sunday."
    p = place(make_doc, more, text, "Stroud")
    assert (p["status"], p["country"], p["precision"]) == ("coarse", "CA", "admin1")


def test_a_name_listed_after_a_country_is_not_contained_in_the_next(make_doc, more):
    # (a town of Uganda, next to Zaire: a namesake far from every country named would be doubted)
    p = place(make_doc, more, "Unlike the Zaire, Bundibugyo, Ivory Coast and Sudan strains, it is mild.", "Bundibugyo")
    assert p["country"] == "UG"


def test_a_demonym_is_no_container(make_doc, more):
    p = place(make_doc, more, "The gunman shouted about Aleppo in Turkish before he was shot.", "Aleppo")
    assert (p["status"], p["country"]) == ("resolved", "SY")


def test_only_a_place_noun_stands_between_a_place_and_its_container(make_doc, more):
    p = place(make_doc, more, "Since meeting the mayor in Paris on December 5, Hidalgo has raised funds.", "Paris")
    assert p["country"] == "FR"


def test_listed_divisions_are_peers_not_containers(make_doc, more):
    p = place(make_doc, more, "Cases were reported in Illinois, Missouri and Kansas.", "Illinois")
    assert p["precision"] == "admin1"


LISTS = [
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.76, "lon": -98.5},
    {"name": "Washington", "country": "US", "admin1": "DC", "lat": 38.9, "lon": -77.04, "population": 690_000,
     "feature": "P.PPLC"},
    {"name": "Washington", "kind": "admin1", "country": "US", "admin1": "WA", "lat": 47.4, "lon": -120.5},
    {"name": "Utah", "kind": "admin1", "country": "US", "admin1": "UT", "lat": 39.3, "lon": -111.7},
    {"name": "Wisconsin", "kind": "admin1", "country": "US", "admin1": "WI", "lat": 44.5, "lon": -89.5},
    {"name": "Nigeria", "kind": "country", "country": "NG", "lat": 10.0, "lon": 8.0},
    {"name": "Benin", "kind": "country", "country": "BJ", "lat": 9.5, "lon": 2.25},
    {"name": "Niger", "kind": "country", "country": "NE", "lat": 17.0, "lon": 10.0},
    {"name": "Niger", "kind": "admin1", "country": "NG", "admin1": "31", "lat": 10.0, "lon": 5.6},
]


@pytest.fixture(scope="module")
def lists(nlp):
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(LISTS))


def test_a_name_listed_with_divisions_is_the_division(make_doc, lists):
    text = "The United States reported cases in Utah, Washington and Wisconsin."
    assert place(make_doc, lists, text, "Washington")["precision"] == "admin1"
    assert place(make_doc, lists, "Officials in Washington met on Sunday.", "Washington")["precision"] == "city"


def test_a_name_listed_with_countries_is_the_country(make_doc, lists):
    p = place(make_doc, lists, "Health workers in Nigeria, Benin and Niger traced the cases.", "Niger")
    assert (p["country"], p["precision"]) == ("NE", "country")


def test_the_state_of_a_name_is_the_division(make_doc, lists):
    p = place(make_doc, lists, "The first case was found in the state of Washington in 2003.", "Washington")
    assert p["precision"] == "admin1"


KINGSTONS = [
    {"name": "Australia", "kind": "country", "country": "AU", "lat": -25.0, "lon": 134.0},
    {"name": "Victoria", "kind": "admin1", "country": "AU", "admin1": "07", "lat": -37.0, "lon": 144.0},
    {"name": "Queensland", "kind": "admin1", "country": "AU", "admin1": "04", "lat": -22.0, "lon": 145.0},
    {"name": "Kingston", "kind": "admin2", "country": "AU", "admin1": "07", "lat": -37.96, "lon": 145.08,
     "population": 99_500},
    {"name": "Kingston", "country": "AU", "admin1": "04", "lat": -27.66, "lon": 153.11, "population": 10_500},
    {"name": "Brisbane", "country": "AU", "admin1": "04", "lat": -27.47, "lon": 153.03, "population": 2_300_000},
]


def test_a_town_named_in_the_same_sentence_outweighs_the_articles_majority(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(KINGSTONS))
    text = ("Road deaths in Australia rose in Victoria, where police in Victoria urged care. "
            "On Sunday a boy was hit by a car in Kingston, south of Brisbane.")
    assert place(make_doc, res, text, "Kingston")["admin1"] == "Queensland"


HARAMS = [
    {"name": "Egypt", "kind": "country", "country": "EG", "lat": 27.0, "lon": 30.0},
    {"name": "Giza", "kind": "admin1", "country": "EG", "admin1": "08", "lat": 28.77, "lon": 29.23},
    {"name": "Giza", "country": "EG", "admin1": "08", "lat": 30.01, "lon": 31.21, "population": 4_300_000},
    {"name": "Cairo", "country": "EG", "admin1": "11", "lat": 30.06, "lon": 31.25, "population": 9_600_000,
     "feature": "P.PPLC"},
    {"name": "Haram", "kind": "admin2", "country": "NO", "admin1": "08", "lat": 62.6, "lon": 6.2,
     "population": 2_400},
]


def test_a_small_far_county_is_doubted_like_a_small_far_town(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(HARAMS))
    text = "Officials in Cairo said two bombs exploded in Giza's Haram district on Friday."
    p = place(make_doc, res, text, "Haram")
    assert p["country"] == "EG" and p["status"] == "coarse"


PARISES = [
    {"name": "Texas", "kind": "admin1", "country": "US", "admin1": "TX", "lat": 31.0, "lon": -100.0},
    {"name": "Paris", "country": "FR", "admin1": "11", "lat": 48.85, "lon": 2.35, "population": 2_138_551,
     "feature": "P.PPLC"},
    {"name": "Paris", "country": "US", "admin1": "TX", "lat": 33.66, "lon": -95.56, "population": 24_782},
]


def test_a_division_named_far_off_in_the_text_is_weaker_evidence_than_one_nearby(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(PARISES))
    far = ("Texas lawmakers met on Monday. The session ran late. Reporters waited outside. "
           "Later the senator flew to Paris for a conference.")
    assert place(make_doc, res, far, "Paris")["country"] == "FR"
    near = "The senator drove to Paris, where Texas lawmakers met on Monday."
    assert place(make_doc, res, near, "Paris")["country"] == "US"


STATES = LISTS + PARISES + [
    {"name": "Pennsylvania", "kind": "admin1", "country": "US", "admin1": "PA", "lat": 40.9, "lon": -77.8},
    {"name": "California", "kind": "admin1", "country": "US", "admin1": "CA", "lat": 37.2, "lon": -119.5},
    {"name": "Oklahoma", "kind": "admin1", "country": "US", "admin1": "OK", "lat": 35.5, "lon": -97.5},
    {"name": "Washington", "country": "US", "admin1": "PA", "lat": 40.17, "lon": -80.25, "population": 13_500},
    {"name": "Hugo", "country": "US", "admin1": "OK", "lat": 34.01, "lon": -95.51, "population": 5_300},
]


def test_a_place_and_division_pair_that_goes_on_as_a_list_of_divisions(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(STATES))
    text = "Officials are investigating cases in Washington, Pennsylvania and California."
    assert place(make_doc, res, text, "Washington")["precision"] == "admin1"
    text = "The children live in Paris, Texas, and Hugo, Oklahoma."
    assert place(make_doc, res, text, "Paris")["admin1"] == "Texas"


NYANZAS = [
    {"name": "Kenya", "kind": "country", "country": "KE", "lat": 1.0, "lon": 38.0},
    {"name": "Kisumu", "country": "KE", "admin1": "28", "lat": -0.1, "lon": 34.75, "population": 400_000},
    {"name": "Nyanza", "country": "RW", "admin1": "12", "lat": -2.35, "lon": 29.74, "population": 20_000},
]


def test_a_small_place_in_a_country_never_named_is_doubted_sooner(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(NYANZAS))
    text = "Cholera spread in Kenya after the floods. Clinics in Kisumu and across Nyanza are full."
    p = place(make_doc, res, text, "Nyanza")
    assert p["lat"] is None and "500 km" in p["reason"]


LONE = [
    {"name": "Somalia", "kind": "country", "country": "SO", "lat": 6.0, "lon": 48.0},
    {"name": "Baardheere", "country": "SO", "admin1": "05", "lat": -0.36, "lon": 42.55, "population": 180_000},
    {"name": "Dinsor", "country": "IT", "admin1": "09", "lat": 45.1, "lon": 9.2, "population": 3_000},
]


def test_a_lone_small_namesake_far_from_the_countries_named_is_doubted(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(LONE))
    # the article names Somalia (or its people) and no other town: an Italian village of the name is no reading
    for text in ("Militants attacked an army base in Dinsor. The government of Somalia condemned it.",
                 "Somali troops repelled an attack on Dinsor on Sunday."):
        p = place(make_doc, res, text, "Dinsor")
        assert p["lat"] is None and "countries the article names" in p["reason"], text
    # with another town named, the rule of distance to the other places speaks
    p = place(make_doc, res, "Fighting spread from Baardheere to Dinsor, Somali officials said.", "Dinsor")
    assert p["lat"] is None and "other places named" in p["reason"]


BUCHAS = [
    {"name": "Germany", "kind": "country", "country": "DE", "lat": 51.5, "lon": 10.5},
    {"name": "Ukraine", "kind": "country", "country": "UA", "lat": 49.0, "lon": 32.0},
    {"name": "Kyiv", "country": "UA", "admin1": "12", "lat": 50.45, "lon": 30.52, "population": 2_950_000,
     "feature": "P.PPLC"},
    {"name": "Bucha", "country": "UA", "admin1": "13", "lat": 50.55, "lon": 30.21, "population": 42_000},
    {"name": "Bucha", "country": "DE", "admin1": "15", "lat": 50.88, "lon": 11.51, "population": 1_211},
]


def test_the_suburb_of_a_city_is_placed_in_that_city(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(BUCHAS))
    text = "Germany's minister visited the Kyiv suburb of Bucha."
    mentions = find_places(make_doc(text), res=res)
    doc = make_doc(text)
    ms = find_mentions(doc, res.gazetteer)
    inside = containment(doc.spacy, ms)
    names = {ms[k].text: ms[o].text for k, o in inside.items()}
    assert names.get("Bucha") == "Kyiv"
    assert [p["country"] for p in mentions if p["name"] == "Bucha"] == ["UA"]


KYIVS = [
    {"name": "Ukraine", "kind": "country", "country": "UA", "lat": 49.0, "lon": 32.0},
    {"name": "Kyiv", "country": "UA", "admin1": "12", "lat": 50.45, "lon": 30.52, "population": 2_950_000,
     "feature": "P.PPLC"},
    {"name": "Kyiv", "kind": "admin1", "country": "UA", "admin1": "13", "lat": 50.3, "lon": 30.5},
    {"name": "Irpin", "country": "UA", "admin1": "13", "lat": 50.52, "lon": 30.25, "population": 60_000},
    {"name": "Donetsk", "kind": "admin1", "country": "UA", "admin1": "05", "lat": 48.0, "lon": 37.8},
]


def test_the_city_a_suburb_is_of_stays_the_city(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(KYIVS))
    p = place(make_doc, res, "Russian troops shelled the Kyiv suburb of Irpin on Sunday.", "Kyiv")
    assert p["precision"] == "city"


def test_the_region_of_a_country_is_inside_the_country(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(KYIVS))
    doc = make_doc("Fighting raged in the Donetsk region of Ukraine on Sunday.")
    ms = find_mentions(doc, res.gazetteer)
    names = {ms[k].text: ms[o].text for k, o in containment(doc.spacy, ms).items()}
    assert names == {"Donetsk": "Ukraine"}
