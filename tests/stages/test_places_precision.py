"""Evidence against a place reading: a disease named after a place ("West Nile virus"), a
person's surname used alone ("Maya Harden ... Harden said") and a well-known place name ending a
longer name in a country the article is not about ("Wellcome Trust Centre"); on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "West Nile", "kind": "admin1", "country": "UG", "admin1": "C9", "lat": 3.0, "lon": 31.0,
     "population": 2_000_000},
    {"name": "Marburg", "country": "DE", "admin1": "05", "lat": 50.8, "lon": 8.77, "population": 72_000},
    {"name": "Barrington", "country": "US", "admin1": "RI", "lat": 41.74, "lon": -71.31, "population": 16_000},
    {"name": "Burton", "country": "US", "admin1": "TX", "lat": 30.18, "lon": -96.59, "population": 300},
    {"name": "Centre", "kind": "admin1", "country": "BF", "admin1": "53", "lat": 12.3, "lon": -1.5,
     "population": 1_500_000},
    {"name": "Newcastle", "country": "GB", "admin1": "ENG", "lat": 54.97, "lon": -1.61, "population": 190_000},
    {"name": "Calgary", "country": "CA", "admin1": "01", "lat": 51.05, "lon": -114.07, "population": 1_000_000},
    {"name": "Edmonton", "country": "CA", "admin1": "01", "lat": 53.55, "lon": -113.47, "population": 900_000},
    {"name": "March", "country": "GB", "admin1": "ENG", "lat": 52.55, "lon": 0.09, "population": 22_000},
    {"name": "Ankara", "country": "TR", "admin1": "68", "lat": 39.92, "lon": 32.85, "population": 3_500_000,
     "feature": "P.PPLC"},
    {"name": "Aydın", "kind": "admin1", "country": "TR", "admin1": "09", "lat": 37.8, "lon": 28.0,
     "population": 800_000},
    {"name": "Hospital", "country": "IE", "admin1": "M", "lat": 52.47, "lon": -8.43, "population": 600},
    {"name": "Road", "country": "GB", "admin1": "ENG", "lat": 51.0, "lon": -1.0, "population": 100},
    {"name": "Michael", "kind": "admin1", "country": "IM", "admin1": "03", "lat": 54.27, "lon": -4.58,
     "population": 10_000},
    {"name": "Toronto", "country": "CA", "admin1": "08", "lat": 43.7, "lon": -79.42, "population": 2_600_000},
    {"name": "Misrikh", "country": "IN", "admin1": "36", "lat": 27.43, "lon": 80.53, "population": 20_000},
    {"name": "Izmir", "country": "TR", "admin1": "35", "lat": 38.41, "lon": 27.14, "population": 2_500_000},
]


def names(make_doc, res, text):
    return [m["text"] for p in find_places(make_doc(text), res=res) for m in p["mentions"]]


def test_a_virus_named_after_a_place_is_not_a_place(make_doc, res):
    got = names(make_doc, res, "Mosquitoes in Barrington have tested positive for West Nile virus, officials said.")
    assert "Barrington" in got and "West Nile" not in got


def test_a_disease_after_a_place_name_with_an_adjective_between(make_doc, res):
    got = names(make_doc, res, "Marburg virus causes Marburg hemorrhagic fever, which is related to Ebola.")
    assert "Marburg" not in got


def test_the_surname_of_a_person_named_in_full_is_that_person(make_doc, res):
    text = ("Doctors said Maya Harden died on Saturday in Izmir. According to WIVB Channel 4, Harden "
            "attended school in Izmir.")
    got = names(make_doc, res, text)
    assert "Izmir" in got and "Harden" not in got


def test_a_surname_with_a_locative_cue_stays_a_place(make_doc, res):
    text = "Nick Burton runs a farm near Austin. Last year he opened a second shop in Burton."
    assert "Burton" in names(make_doc, res, text)


def test_a_division_name_ending_a_longer_name_is_not_a_place(make_doc, res):
    text = "Researchers in Newcastle said the Wellcome Trust Centre for Mitochondrial Research led the work."
    got = names(make_doc, res, text)
    assert "Newcastle" in got and "Centre" not in got


def test_a_place_ending_a_longer_name_in_the_article_s_country_stays(make_doc, res):
    text = "The crash closed a road in Calgary on Friday, a witness told CTV Edmonton."
    assert "Edmonton" in names(make_doc, res, text)


def test_the_date_of_a_dateline_is_not_a_place(make_doc, res):
    text = "ANKARA, March 8 (Sitrep Wire) - The foreign ministers met in Ankara on Friday for talks."
    got = names(make_doc, res, text)
    assert "ANKARA" in got and "March" not in got


def test_the_surname_of_a_person_is_not_a_province_of_that_name(make_doc, res):
    text = ("Turkish Foreign Minister Selim Aydin hosted the meeting in Ankara. \"We are closer to an "
            "agreement,\" Aydin told reporters after the talks.")
    got = names(make_doc, res, text)
    assert "Ankara" in got and "Aydin" not in got


def test_the_head_noun_of_a_facility_name_is_not_a_town(make_doc, res):
    got = names(make_doc, res, "Both women were taken to St. Michael's Hospital in Toronto on Friday.")
    assert "Toronto" in got and "Hospital" not in got and "Michael" not in got


def test_the_road_of_a_street_name_is_not_a_town(make_doc, res):
    got = names(make_doc, res, "The crash closed Powerline Road between Cleaver Road and Toronto for hours.")
    assert "Road" not in got


def test_a_regional_institution_does_not_make_its_town_a_division(nlp):
    from sitrep.stages.places.evidence import admin_after
    sp = nlp("She died at Paris Regional Medical Center on Friday.")
    assert not admin_after(sp, 4)  # after "Paris"
    sp = nlp("Shelling hit the Donetsk region overnight.")
    assert admin_after(sp, 4)  # after "Donetsk"


def test_a_name_with_a_title_inside_is_a_person(make_doc, res):
    text = ("But Mr Marra's arrest comes days after Ms Raggi's top adviser resigned. The two investigations "
            "will put pressure on Ms Raggi, whose success is seen as crucial.")
    assert not any("Raggi" in n for n in names(make_doc, res, text))
