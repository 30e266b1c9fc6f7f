"""Evidence for gazetteer matches the NER model missed: jurisdiction nouns ("Winnipeg police"),
one sense per discourse, and person labels on bare place names; on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "Chad", "kind": "country", "country": "TD", "lat": 15.0, "lon": 19.0, "population": 15_000_000},
    {"name": "Sudan", "kind": "country", "country": "SD", "lat": 15.0, "lon": 30.0, "population": 40_000_000},
    {"name": "Nigeria", "kind": "country", "country": "NG", "lat": 10.0, "lon": 8.0, "population": 190_000_000},
    {"name": "Winnipeg", "country": "CA", "admin1": "03", "lat": 49.9, "lon": -97.1, "population": 750_000},
    {"name": "Enfield", "country": "GB", "admin1": "ENG", "lat": 51.65, "lon": -0.08, "population": 130_000},
    {"name": "Liberal", "country": "US", "admin1": "KS", "lat": 37.04, "lon": -100.92, "population": 20_000},
]


def names(make_doc, res, text):
    return [m["text"] for p in find_places(make_doc(text), res=res) if p["status"] != "unresolved"
            for m in p["mentions"]]


def test_a_jurisdiction_noun_makes_a_sentence_initial_name_a_place(make_doc, res):
    assert "Winnipeg" in names(make_doc, res, "The suspect was arrested. Winnipeg police said he was 23.")


def test_a_jurisdiction_noun_inside_an_organisation_name(make_doc, res):
    got = names(make_doc, res, "Paul Everitt, Enfield Council's head of arts and culture, judged the contest.")
    assert "Enfield" in got


def test_a_party_before_a_representative_is_not_a_place(make_doc, res):
    assert "Liberal" not in names(make_doc, res, "The deal was signed, said Liberal MP Mark Eyking on Monday.")


def test_a_sentence_initial_country_name_is_a_place(make_doc, res):
    assert "Nigeria" in names(make_doc, res, "The boycott ended in July. Nigeria reported 782 cases that year.")


def test_a_name_the_article_uses_as_a_place_is_that_place_again(make_doc, res):
    text = ("Aid workers warned of a crisis in the east of Chad on Friday. Chad, which shares a border "
            "with Sudan, hosts many refugees. The camps in Chad are full.")
    assert names(make_doc, res, text).count("Chad") == 3


def test_a_name_used_inside_a_person_name_is_not_taken_by_discourse(make_doc, res):
    text = "Chad Johnson visited the camps in Chad on Friday. Chad said the camps were full."
    assert names(make_doc, res, text).count("Chad") == 1


def test_a_joint_service_names_both_places(nlp):
    from sitrep.stages.places.evidence import jurisdiction_after

    assert jurisdiction_after(nlp("Devon and Cornwall police were alerted."), 0, 1)
    assert not jurisdiction_after(nlp("Devon and Cornwall were alerted."), 0, 1)


def test_of_after_an_age_or_a_compass_word_marks_a_place(nlp):
    from sitrep.stages.places.evidence import of_cue

    doc = nlp("The suspect, Paul Block, 49, of Waterloo, was held 20 miles north of Cedar Falls.")
    words = [t.text for t in doc]
    assert of_cue(doc, words.index("Waterloo")) and of_cue(doc, words.index("Cedar"))
    assert of_cue(nlp("She met the mayor of Waterloo."), 5)
    assert not of_cue(nlp("The University of Waterloo opened."), 3)
