"""Communities as actors (issue 15, data/actors/communities.tsv), the country of state forces when the report
names no place, and two-word nationality words. Sentences written for these tests; none is from an event
dataset."""
from __future__ import annotations

import pytest

from sitrep.stages.actors import find_actors
from sitrep.stages.actors.classes import communities, community, community_country


@pytest.fixture
def actors_of(make_doc, resources):
    def run(text: str):
        doc = make_doc(text)
        doc.layers["places"] = []
        return find_actors(doc, res=resources)

    return run


def _by_name(actors, name):
    hits = [a for a in actors if a["name"] == name]
    assert hits, f"no actor named {name!r} in {[(a['name'], a['type']) for a in actors]}"
    return hits[0]


def _source(doc):
    evs = sorted(doc.layers["events"], key=lambda e: -(e.get("confidence") or 0))
    assert evs, "no event"
    return {a["id"]: a for a in doc.layers["actors"]}.get(evs[0]["source"])


def test_communities_file_covers_many_countries_with_a_source_per_row():
    rows = {c.name: c for c in communities().values()}
    assert len(rows) >= 150
    assert len({cc for c in rows.values() for cc in c.countries}) >= 40
    assert community("Hazaras").name == "Hazara" and community("kipsigs").name == "Kipsigis"
    assert community("village") is None


def test_community_country_is_the_reports_where_the_community_lives_there_else_its_only_one():
    fulani, dinka = community("Fulani"), community("Dinka")
    assert community_country(fulani, "NG") == "NG"
    assert community_country(fulani, None) is None  # several countries and no evidence: none
    assert community_country(fulani, "DE") is None
    assert community_country(dinka, None) == "SS"


def test_a_community_as_subject_is_an_identity_militia_of_its_country(actors_of):
    dinka = _by_name(actors_of("The Dinka attacked a cattle camp on Sunday."), "Dinka")
    assert (dinka["type"], dinka["inter"], dinka["country"]) == ("identity militia", 4, "SS")
    assert dinka["label"] == "Dinka Ethnic Militia (South Sudan)"


def test_both_coordinated_communities_are_militias(actors_of):
    actors = actors_of("Hema and Lendu clashed near the river.")
    assert {_by_name(actors, n)["type"] for n in ("Hema", "Lendu")} == {"identity militia"}


def test_a_community_that_is_killed_is_civilians_not_a_militia(actors_of):
    actors = actors_of("Two Fulani were killed by Berom youths.")
    assert _by_name(actors, "Fulani")["type"] == "civilians"
    berom = _by_name(actors, "Berom youths")
    assert (berom["type"], berom["country"]) == ("identity militia", "NG")  # the community's one country


def test_a_community_name_before_another_noun_or_as_a_surname_names_no_actor(actors_of):
    actors = actors_of("A Kikuyu politician visited a Nuer village. Philip Issa said the Karen Smith report was late.")
    coded = {a["name"] for a in actors if a["type"] in ("identity militia", "civilians")}
    assert not coded & {"Kikuyu", "Nuer", "Issa", "Karen"}
    assert "Philip Issa" in {a["name"] for a in actors}


def test_a_community_before_a_misparsed_headline_verb_names_the_class_noun(actors_of):
    raiders = _by_name(actors_of("Pokot raiders attack and kill a crossing guard."), "Pokot raiders")
    assert raiders["label"] == "Pokot Ethnic Militia"  # Kenya and Uganda, no place named: no country


def test_communities_in_a_clash_between_groups_give_the_source(run_upto):
    doc = run_upto("Clashes between the Tiv and Jukun groups left six dead in Wukari on Monday.", "events",
                   published="2021-03-02")
    src = _source(doc)
    assert src is not None and src["type"] == "identity militia" and src["country"] == "NG"


def test_police_take_the_country_of_a_local_militia_when_no_place_is_named(actors_of):
    police = _by_name(actors_of("Police shot dead five members of the Mungiki sect."), "Police")
    assert police["country"] == "KE"
    # a rebel group crosses borders: it says nothing about where the police are
    police = _by_name(actors_of("Police shot dead two al-Shabaab suspects."), "Police")
    assert police["country"] is None


def test_two_word_nationality_words_name_their_own_country(actors_of):
    troops = _by_name(actors_of("South Sudanese troops attacked a village."), "South Sudanese troops")
    assert troops["country"] == "SS"


def test_a_nationality_word_before_a_civilians_noun_is_no_evidence_of_the_reports_country(run_upto):
    doc = run_upto("Police raided homes of Afghan refugees overnight and detained 30 men.", "actors")
    police = next(a for a in doc.layers["actors"] if a["name"] == "Police")
    assert police["country"] is None  # refugees are seldom in their own country: no evidence where this is
    doc = run_upto("Afghan police raided homes overnight and detained 30 men.", "actors")
    police = next(a for a in doc.layers["actors"] if a["name"] == "Afghan police")
    assert police["country"] == "AF"


def test_a_strike_noun_as_subject_of_a_casualty_verb_has_the_verbs_object_as_its_target(run_upto):
    doc = run_upto("A Turkish drone strike killed three PKK fighters in northern Iraq on Monday.", "events",
                   published="2022-05-03")
    actors = {a["id"]: a for a in doc.layers["actors"]}
    ev = next(e for e in doc.layers["events"] if e.get("acled_event_type") == "Explosions/Remote violence")
    assert actors[ev["source"]]["country"] == "TR"
    assert "PKK" in actors[ev["target"]]["name"]


def test_communal_fighting_has_unnamed_communal_militias_as_its_doer(run_upto):
    doc = run_upto("Clan fighting left four dead in Beledweyne on Sunday.", "events", published="2020-02-03")
    src = _source(doc)
    assert src is not None and (src["type"], src["label"]) == ("identity militia", "Communal Militia (Somalia)")


def test_communal_words_that_are_not_the_reported_fighting_name_no_actor(actors_of):
    actors = actors_of("Hundreds marched to protest ethnic violence. Clashes between Hema and Lendu groups followed.")
    assert not [a for a in actors if a["name"] == "Communal Militia"]


def test_a_community_in_a_from_phrase_is_the_class_nouns_own(actors_of):
    gunmen = _by_name(actors_of("Gunmen from the Fulani community attacked farmers on Monday."), "Gunmen")
    assert (gunmen["type"], gunmen["label"]) == ("identity militia", "Fulani Ethnic Militia")
    herders = _by_name(actors_of("Herders from the village fled."), "Herders")
    assert "Village" not in (herders["label"] or "")


@pytest.mark.parametrize("text,name", [
    ("The Murle launched a raid on a cattle camp near Pibor.", "Murle"),  # a violent object: "launched a raid"
    ("Cattle were stolen by the Turkana near Lokichar.", "Turkana"),  # a violent verb's "by" agent
    ("The Dinka attacked and looted a market near Bor.", "Dinka"),
])
def test_a_community_doing_violence_is_its_militia(actors_of, text, name):
    assert _by_name(actors_of(text), name)["type"] == "identity militia"


@pytest.mark.parametrize("text", [
    "The Kurds voted in Erbil on Sunday.",  # no violence: no militia (the subject of any verb was one)
    "The Hazaras celebrated the new year in Kabul.",
    "The new governor was welcomed by the Tiv in Makurdi.",
])
def test_a_community_doing_no_violence_is_no_militia(actors_of, text):
    assert not [a for a in actors_of(text) if a["type"] == "identity militia"]


def test_a_from_community_the_parser_compounds_to_the_next_word_is_still_the_class_nouns(actors_of):
    # a headline's "raid" read as the object of "from", "community" as its compound: the youths are the Toposa's
    a = _by_name(actors_of("Armed youths from the Toposa community raid a cattle camp near Kapoeta and exchange fire "
                           "with herders."), "Armed youths")
    assert (a["type"], a["label"]) == ("identity militia", "Toposa Communal Militia (South Sudan)")
