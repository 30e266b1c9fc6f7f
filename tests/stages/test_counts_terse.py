"""Counts in terse report forms (issue 16): a note's clause of a bare number and a participle, a doer
who died in the act ('killing himself and two soldiers'), a coordination a participle ends, and verbs
that take people and things ('neutralised', 'lost'). Sentences written for these tests."""
from __future__ import annotations

import pytest

from sitrep.stages.counts import find_counts
from sitrep.stages.dates import find_dates


@pytest.fixture
def killed(make_doc, resources):
    def run(text, *, list_marker=None):
        doc = make_doc(text, published="2024-05-02")
        if list_marker is not None:  # the tags the small model gives some notes' '...; 2 killed.'
            tok = next(t for t in doc.spacy if t.text == list_marker)
            tok.pos_, tok.tag_ = "X", "LS"
        doc.layers["dates"] = find_dates(doc, res=resources)
        doc.layers["places"], doc.layers["quotes"], doc.layers["actors"] = [], [], []
        return [(c["value"], c["qualifier"]) for c in find_counts(doc, res=resources)
                if c["category"] == "killed" and not c["cumulative"] and not c["subset"]]
    return run


def test_a_number_tagged_as_a_list_marker_is_a_number(killed):
    # a clause after a semicolon: the small model may tag its figure as a list marker (X/LS)
    assert killed("Troops open fire on a crowd of traders in Mandalay; 3 killed.", list_marker="3") == [(3, "exact")]


@pytest.mark.parametrize("text, expected", [
    # the participle is the clause a reporting verb takes, its number an adverbial of it
    ("Fighting between two clans near Baidoa in Bay region; elders say at least 8 killed.", [(8, "at_least")]),
    ("Fighting between two militias near Tal Afar in Nineveh province; police say at least 5 killed.",
     [(5, "at_least")]),
])
def test_a_reported_number_and_participle_clause_is_a_count(killed, text, expected):
    assert killed(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("A suicide bomber blew himself up outside a mosque in Kunduz, killing himself and four worshippers.", [(5, "exact")]),
    ("The attacker detonated her vest at the gate, killing herself.", [(1, "exact")]),
])
def test_a_reflexive_victim_is_the_doer_who_died(killed, text, expected):
    assert killed(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Troops on patrol run into rebels near Beni; 2 soldiers and 4 rebels killed, officials say.", [(6, "exact")]),
    ("Two fighters killed and one wounded in a clash near Idlib.", [(2, "exact")]),  # each its own outcome
])
def test_a_participle_ending_a_coordination_counts_every_conjunct(killed, text, expected):
    assert killed(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The army said 25 terrorists were neutralised near Menaka.", [(25, "exact")]),
    ("Police said the rebels lost four fighters in the raid on Beni.", [(4, "exact")]),
    # things are no victims of these verbs
    ("Engineers neutralised an IED on the road to Gao.", []),
    ("The battalion lost two vehicles and a radio near Kharkiv.", []),
])
def test_verbs_that_take_people_and_things_count_only_people(killed, text, expected):
    assert killed(text) == expected


@pytest.mark.parametrize("text, expected", [
    # 'dead' parsed as a preposition, its object the victim
    ("On 9 May 2022, gunmen on motorbikes shot dead a schoolteacher in Dori (Sahel region).", [(1, "exact")]),
    # the victims parsed as the subject of the participle clause that describes them
    ("Suspected al-Shabaab fighters killed at least 6 farmers harvesting sorghum near the town of Afgoye.",
     [(6, "at_least")]),
    ("Suspected ISWAP fighters killed at least 10 fishermen drying fish near the town of Baga.", [(10, "at_least")]),
    # ... or as a compound modifier of the thing they were doing
    ("Suspected ADF fighters killed at least 9 farmers harvesting cassava near the town of Oicha.", [(9, "at_least")]),
    # a headline's passive tagged as an active verb with a subject: no object, so the subject was killed
    ("Three policemen shot dead in Kandahar.", [(3, "exact")]),
    ("Two soldiers killed and three wounded in Gao.", [(2, "exact")]),
    # a list of verbs with an object: the subject did them
    ("Three gunmen shot dead two guards and burned the depot in Tillaberi.", [(2, "exact")]),
    ("Three gunmen killed, looted and burned the market.", []),
    ("A soldier killed in Gao.", [(1, "exact")]),
])
def test_parse_slips_around_a_killing_verb(killed, text, expected):
    assert killed(text) == expected


@pytest.fixture
def tolls(make_doc, resources):
    def run(text):
        doc = make_doc(text, published="2024-05-02")
        doc.layers["dates"] = find_dates(doc, res=resources)
        doc.layers["places"], doc.layers["quotes"], doc.layers["actors"] = [], [], []
        return [(c["value"], c["qualifier"], c["cumulative"]) for c in find_counts(doc, res=resources)
                if c["category"] == "killed"]
    return run


@pytest.mark.parametrize("text, expected", [
    # a revised toll is the event's own figure: no range, no running total
    ("A shell hit a market in Donetsk. Officials raised the toll from 20 to 29 overnight.", [(29, "exact", False)]),
    ("Health officials revised the death toll from the blast in Quetta to 31.", [(31, "exact", False)]),
    # the old figure, and an earlier count of it, are replaced
    ("Gunmen attacked a bus near Garissa. Police first gave a toll of 7; it was raised to 11 the next day.",
     [(7, "exact", True), (11, "exact", False)]),
    ("Militants stormed a camp near Tillaberi. One death was reported. The death total was later raised from 1 to 4.",
     [(1, "exact", True), (4, "exact", False)]),
    # a toll that only grows is still a running total
    ("The death toll from the fighting in Sudan rose to 400.", [(400, "exact", True)]),
])
def test_a_revised_toll_is_the_events_figure(tolls, text, expected):
    assert tolls(text) == expected
