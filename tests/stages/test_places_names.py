"""Name boundaries in the places stage: the gazetteer repairs entity spans the NER model cuts."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.resources import Resources
from sitrep.stages.places import find_places

PLACES = [
    {"name": "Guinea", "kind": "country", "country": "GN", "lat": 10.8, "lon": -10.7},
    {"name": "Guinea-Bissau", "kind": "country", "country": "GW", "lat": 12.0, "lon": -15.0},
    {"name": "Chad", "kind": "country", "country": "TD", "lat": 15.0, "lon": 19.0},
    {"name": "South Africa", "kind": "country", "country": "ZA", "lat": -29.0, "lon": 24.0},
    {"name": "Beida", "country": "LY", "lat": 32.76, "lon": 21.76, "population": 250_000},
    {"name": "Goz Beida", "country": "TD", "lat": 12.22, "lon": 21.41, "population": 59_000},
    {"name": "KwaZulu-Natal", "kind": "admin1", "country": "ZA", "admin1": "02", "lat": -28.5, "lon": 30.9},
    {"name": "Natal", "country": "BR", "lat": -5.8, "lon": -35.2, "population": 800_000},
    {"name": "Ma'rib", "country": "YE", "lat": 15.46, "lon": 45.33, "population": 40_000},
    {"name": "N'Djamena", "country": "TD", "lat": 12.11, "lon": 15.04, "population": 720_000},
]


def names(make_doc, res, text):
    return {m["text"]: p["country"] for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_hyphenated_country_is_one_name(make_doc, res):
    assert names(make_doc, res, "Troops arrived in Guinea-Bissau on Monday.") == {"Guinea-Bissau": "GW"}


def test_two_word_name_cut_by_the_ner_is_whole(make_doc, res):
    assert names(make_doc, res, "Fighting in Goz Beida continued.").get("Goz Beida") == "TD"


def test_name_with_an_inner_capital_is_found(make_doc, res):
    out = names(make_doc, res, "Cases rose in the South African region KwaZulu-Natal last year.")
    assert out.get("KwaZulu-Natal") == "ZA" and "Natal" not in out



def test_a_name_with_an_apostrophe_inside_is_found_without_the_ner(make_doc, res):
    # the NER model tags such names as organisations or persons, or not at all; the gazetteer pass
    # must read them as words
    assert names(make_doc, res, "Residents protested in Ma'rib town on Monday.").get("Ma'rib") == "YE"
    assert names(make_doc, res, "Rebels attacked an army post near N'Djamena on Sunday.").get("N'Djamena") == "TD"


LOOSE = [
    {"name": "Uganda", "kind": "country", "country": "UG", "lat": 1.25, "lon": 32.5},
    {"name": "Burkina Faso", "kind": "country", "country": "BF", "lat": 12.5, "lon": -1.7},
    {"name": "Kompienga", "country": "BF", "lat": 11.08, "lon": 0.70, "population": 15_000},
    {"name": "Şoarş", "alt": ["Sears"], "country": "RO", "lat": 45.93, "lon": 24.93, "population": 1_870},
]


@pytest.fixture(scope="module")
def loose(nlp):
    return Resources(nlp=nlp, gazetteer=InMemoryGazetteer(LOOSE))


def test_spelling_variant_without_support_stays_unresolved(make_doc, loose):
    out = find_places(make_doc("Five died in Kampungu. Officials in Uganda blamed rebels."), res=loose)
    (p,) = [p for p in out if p["mentions"][0]["text"] == "Kampungu"]
    assert p["status"] == "unresolved" and p["lat"] is None and "Kompienga" in p["reason"]


def test_spelling_variant_the_text_puts_in_another_country_is_that_country(make_doc, loose):
    out = find_places(make_doc("The attack on Kampungu in Uganda killed five."), res=loose)
    (p,) = [p for p in out if p["mentions"][0]["text"] == "Kampungu"]
    assert (p["status"], p["country"]) == ("coarse", "UG")


def test_spelling_variant_in_the_country_the_article_names_resolves(make_doc, loose):
    out = find_places(make_doc("The attack on Kampungu in Burkina Faso killed five."), res=loose)
    (p,) = [p for p in out if p["mentions"][0]["text"] == "Kampungu"]
    assert p["country"] == "BF" and p["status"] == "resolved"


def test_alternate_name_of_a_small_far_place_without_support_stays_unresolved(make_doc, loose):
    out = find_places(make_doc("Shoppers queued outside the store in Sears on Friday."), res=loose)
    assert all(p["lat"] is None for p in out if p["mentions"][0]["text"] == "Sears")


CITY = [
    {"name": "Quebec", "kind": "admin1", "country": "CA", "admin1": "10", "lat": 52.0, "lon": -72.0},
    {"name": "Québec", "alt": ["Quebec City", "Quebec"], "country": "CA", "admin1": "10", "lat": 46.81,
     "lon": -71.21, "population": 530_000},
]


def test_name_ending_in_city_that_is_a_name_itself(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(CITY))
    out = find_places(make_doc("Thousands of fans gathered in Quebec City on Sunday."), res=res)
    (p,) = [p for p in out if p["mentions"][0]["text"] == "Quebec City"]
    assert p["precision"] == "city" and abs(p["lat"] - 46.81) < 0.01


JOINED = [
    {"name": "Angola", "kind": "country", "country": "AO", "lat": -12.5, "lon": 18.5},
    {"name": "Chad", "kind": "country", "country": "TD", "lat": 15.0, "lon": 19.0},
    {"name": "Democratic Republic of the Congo", "kind": "country", "country": "CD", "lat": -2.5, "lon": 23.5},
    {"name": "Republic of the Congo", "alt": ["Congo"], "kind": "country", "country": "CG", "lat": -1.0,
     "lon": 15.0},
    {"name": "Al Faw", "alt": ["Fao"], "country": "IQ", "lat": 29.98, "lon": 48.47, "population": 105_000},
]


def test_entity_cut_at_of_the_is_joined_to_its_name(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(JOINED))
    out = names(make_doc, res, "Polio rose in Angola, Chad, and Democratic Republic of the Congo. The WHO said.")
    assert out.get("Democratic Republic of the Congo") == "CD" and "Congo" not in out


def test_acronym_is_not_a_towns_alternate_spelling(make_doc, nlp):
    res = Resources(nlp=nlp, gazetteer=InMemoryGazetteer(JOINED))
    assert "FAO" not in names(make_doc, res, "Cases rose in Chad, according to FAO.")


def test_a_capitalised_word_before_a_name_makes_it_a_tail_but_an_article_or_a_sentence_start_does_not(nlp):
    from sitrep.stages.places.evidence import name_before, standalone, titled

    doc = nlp("Racing Victoria met. A Winnipeg man and the Paris team came. Ms Raggi spoke.")
    at = {t.text: t.i for t in doc}
    assert name_before(doc, at["Victoria"]) and not standalone(doc, at["Victoria"], at["Victoria"] + 1)
    assert not name_before(doc, at["Winnipeg"]) and not name_before(doc, at["Paris"])
    # a sentence's first word is capitalised anyway
    assert name_before(doc, at["Raggi"]) and not name_before(doc, at["Raggi"], sentence_start=False)
    assert titled(doc, at["Raggi"], at["Raggi"] + 1) and titled(doc, at["Ms"], at["Raggi"] + 1)
    assert not titled(doc, at["Winnipeg"], at["Winnipeg"] + 1)
