"""A place the text gives with its containers ("X (Y, Z)", "X township (Y region)") is read inside them,
not as a namesake abroad; a long name is not matched by its head or its tail. Sentences written for
the project, on a small gazetteer fake (the names are invented or common namesakes)."""
from __future__ import annotations

from spacy.tokens import Span

from sitrep.stages.places import find_places
from sitrep.stages.places.detect import _trim

PLACES = [
    # a big namesake abroad of a village the gazetteer lacks, and the village's town and region
    {"name": "Bonn", "alt": ["Boni"], "country": "DE", "admin1": "07", "lat": 50.73, "lon": 7.1,
     "population": 330_000},
    {"name": "Tessit", "country": "ML", "admin1": "08", "lat": 15.2, "lon": 0.3, "population": 9_000},
    {"name": "Gao", "kind": "admin1", "country": "ML", "admin1": "08", "lat": 16.5, "lon": 0.5},
    # a region the gazetteer knows only through its town
    {"name": "Tillaberi", "country": "NE", "admin1": "09", "lat": 14.2, "lon": 1.45, "population": 25_000},
    {"name": "Fleuve", "kind": "admin1", "country": "NE", "admin1": "09", "lat": 15.9, "lon": 1.1},
    {"name": "Ayorou", "country": "NG", "admin1": "21", "lat": 9.5, "lon": 8.0, "population": 120_000},
    # a township the gazetteer lacks and a namesake abroad
    {"name": "Magway", "kind": "admin1", "country": "MM", "admin1": "15", "lat": 20.5, "lon": 94.5},
    {"name": "Salin", "country": "PH", "admin1": "40", "lat": 13.1, "lon": 123.5, "population": 140_000},
    # names with inner particles
    {"name": "Sao Jose dos Serra", "country": "MZ", "admin1": "03", "lat": -13.1, "lon": 39.9, "population": 30_000},
    {"name": "Serra", "country": "BR", "admin1": "08", "lat": -20.13, "lon": -40.3, "population": 400_000},
    {"name": "Nampula", "kind": "admin1", "country": "MZ", "admin1": "03", "lat": -15.0, "lon": 39.3},
    {"name": "Rio del Monte", "kind": "admin1", "country": "CO", "admin1": "29", "lat": 4.0, "lon": -76.3},
    {"name": "Rio", "kind": "admin1", "country": "PE", "admin1": "11", "lat": -9.0, "lon": -75.0},
    {"name": "Santa Lucia", "country": "CO", "admin1": "29", "lat": 3.9, "lon": -76.4, "population": 50_000},
    {"name": "Santa Lucia", "country": "HN", "admin1": "08", "lat": 14.1, "lon": -87.1, "population": 80_000},
    # a village next to its governorate's capital in brackets, the capital known by an alternate name
    {"name": "Sabha", "alt": ["Sebha"], "country": "LY", "admin1": "34", "lat": 27.04, "lon": 14.43,
     "population": 130_000},
    {"name": "Tmassah", "country": "LY", "admin1": "34", "lat": 26.37, "lon": 15.8},
    {"name": "Tmassah", "country": "US", "admin1": "TX", "lat": 30.0, "lon": -97.0, "population": 15_000},
    # a town and the region named after it, whose point lies far from the town
    {"name": "Tahoua", "country": "NE", "admin1": "06", "lat": 14.89, "lon": 5.26, "population": 45_000},
    {"name": "Tahoua", "kind": "admin1", "country": "NE", "admin1": "06", "lat": 16.5, "lon": 5.0},
    # towns the small NER model does not know
    {"name": "Yambio", "country": "SS", "admin1": "10", "lat": 4.57, "lon": 28.39, "population": 40_000},
    {"name": "Kauru", "kind": "admin2", "country": "NG", "admin1": "18", "lat": 10.6, "lon": 8.2},
    # a small town abroad named like the first word of an armed group
    {"name": "Jama", "country": "EC", "admin1": "13", "lat": -0.2, "lon": -80.26, "population": 20_000},
    {"name": "Sibuco", "country": "PH", "admin1": "09", "lat": 7.29, "lon": 122.07, "population": 30_000},
    # a district whose name holds an Arabic article joined to the next word, and a village in it
    {"name": "Tell as-Safi", "kind": "admin2", "country": "IQ", "admin1": "07", "lat": 33.3, "lon": 43.9},
    {"name": "Hamrat", "country": "IQ", "admin1": "07", "lat": 33.4, "lon": 43.7, "population": 2_000},
    {"name": "Hamrat", "country": "TN", "admin1": "14", "lat": 35.0, "lon": 10.0, "population": 30_000},
    # a big city abroad whose alternate name is the first word of a local name
    {"name": "Milan", "alt": ["Mailan"], "country": "IT", "admin1": "09", "lat": 45.46, "lon": 9.19,
     "population": 1_300_000},
    # one spelling listed as an alternate name of two towns: of one it spells the main name
    {"name": "Mykolaivka", "alt": ["Mikolaivka"], "country": "UA", "admin1": "05", "lat": 48.8, "lon": 37.0,
     "population": 15_000},
    {"name": "Pokrovske", "alt": ["Mikolaivka"], "country": "UA", "admin1": "04", "lat": 47.98, "lon": 36.23,
     "population": 15_100},
]


def places(make_doc, res, text):
    return {m["text"]: p for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_a_division_up_the_chain_rules_out_a_namesake_abroad(make_doc, res):
    got = places(make_doc, res, "On 3 May, militants ambushed an army convoy near Boni (Tessit commune, Gao region).")
    p = got["Boni"]
    assert p["status"] == "coarse" and p["country"] == "ML", p  # not Bonn
    assert (p["lat"], p["lon"]) == (15.2, 0.3)  # the town the text puts it in
    assert got["Gao"]["precision"] == "admin1"


def test_a_town_named_as_a_region_bounds_what_the_text_puts_in_it(make_doc, res):
    got = places(make_doc, res, "On 3 May, soldiers regained control of Ayorou (Tillaberi region) after a day of fighting.")
    p = got["Ayorou"]
    assert p["status"] == "coarse" and p["country"] == "NE", p  # not the Nigerian namesake
    assert got["Tillaberi"]["country"] == "NE"


def test_a_township_before_its_region_in_brackets_is_inside_it(make_doc, res):
    got = places(make_doc, res, "A military jet bombed a school in Salin township (Magway region), killing three pupils.")
    p = got["Salin"]
    assert p["status"] == "coarse" and p["country"] == "MM" and p["precision"] == "admin1", p


def test_a_name_with_a_portuguese_particle_is_not_matched_by_its_tail(make_doc, res):
    got = places(make_doc, res, "Troops clashed with insurgents near Sao Jose dos Serra (Nampula) on Sunday.")
    assert "Serra" not in got
    p = got["Sao Jose dos Serra"]
    assert (p["status"], p["country"]) == ("resolved", "MZ")


def test_a_container_with_a_spanish_particle_is_read_whole(make_doc, res):
    got = places(make_doc, res, "Police defused a car bomb outside a barracks in Santa Lucia (Rio del Monte).")
    assert got["Rio del Monte"]["country"] == "CO"
    assert "Rio" not in got
    assert got["Santa Lucia"]["country"] == "CO"


def test_a_town_in_brackets_after_a_place_is_its_container(make_doc, res):
    got = places(make_doc, res, "A landmine killed two shepherds in Tmassah (Sebha) on Tuesday.")
    assert got["Sebha"]["country"] == "LY"
    assert got["Tmassah"]["country"] == "LY", got["Tmassah"]  # not the larger namesake abroad


def test_a_bare_name_of_a_town_and_its_region_is_the_town(make_doc, res):
    got = places(make_doc, res, "On Monday, a suicide bomber blew himself up at the entrance to Tahoua.")
    assert got["Tahoua"]["precision"] == "city"
    got = places(make_doc, res, "Floods displaced thousands of people in the Tahoua region.")
    assert got["Tahoua"]["precision"] == "admin1"


def test_a_town_after_a_noun_whose_of_takes_a_place_is_found(make_doc, res):
    for text in ("Rebels attacked army positions on the edge of Yambio on Sunday.",
                 "Rebels took control of Yambio after the soldiers withdrew."):
        assert places(make_doc, res, text)["Yambio"]["country"] == "SS", text


def test_a_name_and_its_division_noun_tagged_as_an_organisation_is_a_place(make_doc, res):
    got = places(make_doc, res, "Gunmen raided farming villages in Kauru LGA at night.")
    assert got["Kauru"]["country"] == "NG"


def test_the_first_word_of_a_longer_name_is_not_a_place_on_a_preposition_alone(make_doc, res):
    doc = make_doc("Soldiers ran into Jama Islamiya gunmen in Sibuco on Friday.")
    sp = doc.spacy
    i = next(t.i for t in sp if t.text == "Jama")
    # as the small model tags some armed groups (a group, not an organisation whose words it checks)
    sp.set_ents([Span(sp, i, i + 2, label="NORP")], default="unmodified")
    got = {m["text"]: p for p in find_places(doc, res=res) for m in p["mentions"]}
    assert "Jama" not in got
    assert got["Sibuco"]["country"] == "PH"


def test_the_first_word_of_a_longer_name_is_no_big_city_by_an_alternate_name(make_doc, res):
    doc = make_doc("Gunmen attacked checkpoints near Mailan Bagh on Sunday.")
    doc.spacy.set_ents([], default="outside")  # a name the NER model does not tag, as it often does not
    got = {m["text"]: p for p in find_places(doc, res=res) for m in p["mentions"]}
    assert "Mailan" not in got


def test_an_alternate_name_that_spells_the_main_name_wins_a_tie(make_doc, res):
    got = places(make_doc, res, "Shelling hit homes in Mikolaivka overnight, the governor said.")
    assert got["Mikolaivka"]["name"] == "Mykolaivka"


def test_a_container_with_an_arabic_article_joined_to_the_next_word_is_read_whole(make_doc, res):
    got = places(make_doc, res, "Gunmen attacked a checkpoint near Hamrat (Tell as-Safi countryside) on Monday.")
    assert got["Tell as-Safi"]["precision"] == "admin2"
    assert got["Hamrat"]["country"] == "IQ", got["Hamrat"]


def test_an_entity_is_cut_at_an_opening_bracket(nlp):
    doc = nlp("Gunmen attacked army posts in Bulo Gaduud (Gedo) at dawn.")
    i = next(t.i for t in doc if t.text == "Bulo")
    span = doc[i:i + 4]  # "Bulo Gaduud (Gedo", as the NER model sometimes cuts it
    assert _trim(span) == (i, i + 2)
