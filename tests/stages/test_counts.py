"""Unit tests for the counts stage: count forms, victims vs perpetrators, non-people, factuality
flags and links. The places/quotes layers are injected as small hand-made items, so these tests
check this stage alone."""
from __future__ import annotations

import pytest

from sitrep.stages.counts import find_counts
from sitrep.stages.dates import find_dates

PUB = "2022-04-07"


@pytest.fixture
def counts(make_doc, resources):
    def run(text, *, places=(), quotes=(), actors=()):
        doc = make_doc(text, published=PUB)
        doc.layers["dates"] = find_dates(doc, res=resources)
        doc.layers["places"] = list(places)
        doc.layers["quotes"] = list(quotes)
        doc.layers["actors"] = list(actors)
        return doc, find_counts(doc, res=resources)
    return run


def summary(items):
    return [(c["category"], c["value"], c["qualifier"]) for c in items]


@pytest.mark.parametrize("text, expected", [
    ("The shelling killed four civilians.", [("killed", 4, "exact")]),
    ("Lugansk's governor said one person had died in the town.", [("killed", 1, "exact")]),
    ("More than 1,200 people had been evacuated from the city.", [("evacuated", 1200, "more_than")]),
    ("The EU expelled more than 200 Russian diplomats and staff.", [("expelled", 200, "more_than")]),
    ("The strike killed two soldiers, wounding 11 others.", [("killed", 2, "exact"), ("injured", 11, "exact")]),
    ("More than 11 million people have been displaced.", [("displaced", 11000000, "more_than")]),
    ("Her son and his two friends were gunned down in the street.", [("killed", 3, "exact")]),
    ("Two soldiers and a civilian were killed.", [("killed", 3, "exact")]),
    ("Dozens of people were injured.", [("injured", 12, "approximate")]),
    ("Hundreds of protesters were arrested.", [("detained", 100, "approximate")]),
    ("Thousands of residents fled the town.", [("displaced", 1000, "approximate")]),
    ("A dozen villagers were abducted.", [("abducted", 12, "approximate")]),
    ("At least 40 deaths were reported.", [("killed", 40, "at_least")]),
    ("Some 5,000 people fled their homes.", [("displaced", 5000, "about")]),
    ("Up to 300 people were detained.", [("detained", 300, "up_to")]),
    ("Rebels captured 30 government soldiers.", [("captured", 30, "exact")]),
    ("Nearly 100,000 civilians remain trapped in the city.", [("besieged", 100000, "about")]),
    ("Seven fishermen went missing.", [("missing", 7, "exact")]),
    ("Five people lost their lives in the blast.", [("killed", 5, "exact")]),
    ("Militants took 12 villagers hostage.", [("abducted", 12, "exact")]),
    ("The bodies of 20 men were found in a mass grave.", [("killed", 20, "exact")]),
    ("The attack left 3 dead and 11 injured.", [("killed", 3, "exact"), ("injured", 11, "exact")]),
    ("Twenty-three people died in the attack.", [("killed", 23, "exact")]),
    ("A man was shot dead at a checkpoint.", [("killed", 1, "exact")]),
    ("A total of 45 people have been abducted.", [("abducted", 45, "exact")]),
    ("The UN said 1.5 million people had fled the country.", [("displaced", 1500000, "exact")]),
    ("The attack left at least 15 people dead and 30 others wounded.",
     [("killed", 15, "at_least"), ("injured", 30, "exact")]),
    ("Three people were killed and 12 others injured.", [("killed", 3, "exact"), ("injured", 12, "exact")]),
    ("The incident claimed the lives of 7 people.", [("killed", 7, "exact")]),
    ("Two of the passengers were shot and injured.", [("injured", 2, "exact")]),
    ("Police arrested a 23-year-old man and two women.", [("detained", 3, "exact")]),
])
def test_find_counts_reads_category_value_and_qualifier(counts, text, expected):
    assert summary(counts(text)[1]) == expected


def test_find_counts_range_has_value_max(counts):
    _, items = counts("Between 10 and 15 people are missing after the flood.")
    assert summary(items) == [("missing", 10, "range")] and items[0]["value_max"] == 15


@pytest.mark.parametrize("text", [
    "Britain sanctioned two banks.",
    "My agenda has only three items on it.",
    "A 38-year-old man said the G7 met on a two-lane highway.",
    "The militia captured three towns.",
    "The two men were sentenced to 10 years in prison.",
    "The convoy carried 500 tonnes of aid.",
])
def test_find_counts_ignores_things_that_are_not_people(counts, text):
    assert counts(text)[1] == []


def test_find_counts_does_not_count_perpetrators(counts):
    _, items = counts("Two gunmen killed a police officer.")
    assert summary(items) == [("killed", 1, "exact")]
    assert items[0]["text"] == "a police officer"


def test_find_counts_negated_zero_is_emitted_with_flag(counts):
    _, items = counts("No one was killed in the attack.")
    assert summary(items) == [("killed", 0, "exact")] and items[0]["negated"]


def test_find_counts_negated_verb_keeps_number_with_flag(counts):
    _, items = counts("Two people were not injured.")
    assert items[0]["negated"] and not items[0]["hypothetical"]


@pytest.mark.parametrize("text", [
    "The fighting could displace thousands of residents.",
    "The militants threatened to kill 50 hostages.",
    "If the dam breaks, up to 20,000 people would be displaced.",
])
def test_find_counts_hypothetical_flag(counts, text):
    _, items = counts(text)
    assert len(items) == 1 and items[0]["hypothetical"] and not items[0]["negated"]


def test_find_counts_factual_count_has_no_flags(counts):
    _, items = counts("Three soldiers were wounded on Monday.")
    c = items[0]
    assert not (c["negated"] or c["hypothetical"] or c["cumulative"] or c["subset"])


@pytest.mark.parametrize("text", [
    "The death toll rose to 40.",
    "More than 1,000 people have been killed since the start of the war.",
    "In total, 300 people have been detained.",
])
def test_find_counts_cumulative_flag(counts, text):
    _, items = counts(text)
    assert items and items[0]["cumulative"]


def test_find_counts_running_total_takes_the_sentence_category(counts):
    _, items = counts("A further 14 people were arrested on Sunday, bringing the total to 80.")
    assert summary(items) == [("detained", 14, "exact"), ("detained", 80, "exact")]
    assert [c["cumulative"] for c in items] == [False, True]


def test_find_counts_number_of_people_killed_is_a_total(counts):
    _, items = counts("The number of people killed has risen to 52.")
    assert summary(items) == [("killed", 52, "exact")] and items[0]["cumulative"]


def test_find_counts_inherits_the_date_of_an_earlier_sentence_in_the_paragraph(counts):
    _, items = counts("On 3 April 2022, Russian forces shelled the city. Nine civilians were killed.")
    assert items[0]["date"]["value"] == "2022-04-03" and items[0]["date"]["inherited"]


def test_find_counts_a_breakdown_goes_inside_its_count(counts):
    doc, items = counts("An airstrike killed at least 12 people, including three children.")
    assert summary(items) == [("killed", 12, "at_least")] and not items[0]["subset"]
    (part,) = items[0]["parts"]
    assert (part["category"], part["value"], part["text"]) == ("killed", 3, "three")
    assert doc.text[part["start"]:part["end"]] == "three" and "id" not in part and "subset" not in part
    assert "including three children" in part["evidence"]["text"]


def test_find_counts_a_breakdown_of_wounded_in_another_country(counts):
    _, items = counts("Gunmen wounded 15 people in Zamfara on Monday, including five women.")
    assert [(c["category"], c["value"]) for c in items] == [("injured", 15)]
    assert [(p["value"], p["text"]) for p in items[0]["parts"]] == [(5, "five")]


def test_find_counts_a_part_larger_than_its_count_stays_apart(counts):
    from sitrep.stages.counts import links
    whole = {"category": "killed", "value": 2, "negated": False, "hypothetical": False, "start": 0}
    part = {"category": "killed", "value": 5, "subset": True, "start": 9}
    other = {"category": "injured", "value": 1, "subset": True, "start": 12}
    fits = {"category": "killed", "value": 1, "subset": True, "start": 20}
    items = [whole, part, other, fits]
    links.nest(items, [(part, whole), (other, whole), (fits, whole), ({"x": 1}, None)])
    assert items == [whole, part, other] and whole["parts"] == [{"category": "killed", "value": 1, "start": 20}]


def test_find_counts_negated_through_the_verb_has_value_zero(counts):
    _, items = counts("Five soldiers were nearly killed when their truck hit a mine near Mopti.")
    assert [(c["category"], c["value"], c["qualifier"], c["negated"], c["text"]) for c in items] == [
        ("killed", 0, "exact", True, "Five")]


def test_find_counts_part_of_an_earlier_group_is_a_subset(counts):
    _, items = counts("Two of the injured are in critical condition.")
    assert summary(items) == [("injured", 2, "exact")] and items[0]["subset"]


def test_find_counts_links_date_and_evidence(counts):
    doc, items = counts("Officials said 1,200 people had been evacuated from the city on Wednesday, "
                        "and talks continued.")
    c = items[0]
    assert c["date"]["value"] == "2022-04-06"
    assert c["evidence"]["text"] == "1,200 people had been evacuated from the city on Wednesday"
    assert doc.text[c["evidence"]["start"]:c["evidence"]["end"]] == c["evidence"]["text"]


def test_find_counts_links_nearest_non_metonym_place(counts):
    text = "Moscow said two civilians were killed in Kreminna."
    places = [
        {"id": "P1", "name": "Moscow", "metonym": True, "mentions": [{"start": 0, "end": 6, "text": "Moscow"}]},
        {"id": "P2", "name": "Kreminna", "metonym": False,
         "mentions": [{"start": 41, "end": 49, "text": "Kreminna"}]},
    ]
    _, items = counts(text, places=places)
    assert items[0]["place"] == "P2"


def test_find_counts_claimant_from_quote_layer(counts):
    text = "The governor wrote that one person had died in the town."
    quotes = [{"id": "Q1", "start": 24, "end": 55, "text": text[24:55], "speaker": "A1",
               "speaker_name": "the governor"}]
    _, items = counts(text, quotes=quotes)
    assert items[0]["claimant"] == "A1"


def test_find_counts_claimant_from_reporting_verb_without_quotes(counts):
    text = "Gaiday said 1,200 people had been evacuated."
    actors = [{"id": "A7", "name": "Sergiy Gaiday", "mentions": [{"start": 0, "end": 6, "text": "Gaiday"}]}]
    _, items = counts(text, actors=actors)
    assert items[0]["claimant"] == "A7"


def test_find_counts_own_voice_has_no_claimant(counts):
    _, items = counts("Her son and his two friends were gunned down in the street.")
    assert items[0]["claimant"] is None and items[0]["claimant_name"] is None


def test_find_counts_items_fit_schema(counts):
    import jsonschema

    from sitrep.schema import document_schema

    doc, items = counts("The shelling killed four civilians and wounded 11 others on Monday, officials said.")
    schema = document_schema()["properties"]["counts"]
    jsonschema.validate(items, schema)
    for c in items:
        assert doc.text[c["start"]:c["end"]] == c["text"]


@pytest.mark.parametrize("text, expected", [
    # a singular noun names one person, also without a determiner in headline style
    ("Militants stormed the post and killed a gendarme.", [("killed", 1, "exact")]),
    ("Gunmen kill police officer in market town", [("killed", 1, "exact")]),
    ("A Border Guard was killed near the river.", [("killed", 1, "exact")]),
    ("The caretaker died in the fire.", [("killed", 1, "exact")]),  # 'die' takes only people
    # one person with two roles, not two people
    ("A local teacher and activist was shot dead outside his house.", [("killed", 1, "exact")]),
    # the parse hangs the number from a name before the noun
    ("Two Northern Command soldiers have been killed in an ambush.", [("killed", 2, "exact")]),
    # headline and note style: a participle without an auxiliary
    ("Thirty herders killed in cattle raid", [("killed", 30, "exact")]),
    ("Gunmen raided the farm. 4 killed.", [("killed", 4, "exact")]),
    ("One dead and two injured when a bus hit a mine.", [("killed", 1, "exact"), ("injured", 2, "exact")]),
    ("Vigilantes tortured a young trader to death.", [("killed", 1, "exact")]),
    ("Bandits shoot 1 farmer dead and injure another.", [("killed", 1, "exact")]),
    ("The bodies of three were found near the road.", [("killed", 3, "exact")]),
    # the same person in two categories
    ("A forest guard went missing and was later found murdered.", [("missing", 1, "exact"), ("killed", 1, "exact")]),
])
def test_find_counts_single_people_and_headline_forms(counts, text, expected):
    assert summary(counts(text)[1]) == expected


@pytest.mark.parametrize("text", [
    "The police dispersed the crowd.",
    "The attackers ambushed a patrol and a majority fled.",
    "Raiders stole the herd and killed a cow.",
    "Property was burned and some livestock killed.",
])
def test_find_counts_groups_are_not_one_person(counts, text):
    assert [c for c in counts(text)[1] if c["category"] == "killed"] == []


@pytest.mark.parametrize("text", [
    "Students protested over the death of a teacher.",
    "Residents blocked the road following the deaths of two herders.",
    "After the body of a boy was found, residents burned the suspect's house.",
    "A mob lynched two men suspected of killing a farmer.",
])
def test_find_counts_earlier_deaths_are_background(counts, text):
    """A death that caused or preceded the reported event is marked cumulative, so it is not a figure
    of the event (the lynching's two men are)."""
    _, items = counts(text)
    killed = [c for c in items if c["category"] == "killed"]
    background = [c for c in killed if c["cumulative"]]
    assert background and all(c["value"] in (1, 2) for c in background)
    fresh = [c["value"] for c in killed if not c["cumulative"]]
    assert fresh == ([2] if "lynched" in text else [])


@pytest.mark.parametrize("text, value", [
    ("Students marched to protest against clashes that killed four students last month.", 4),
    ("Activists staged a sit-in, demanding an autopsy of two men executed by soldiers.", 2),
    ("Forty people were arrested after protests related to the death of a herder.", 1),
    ("The director closed the clinic, as three patients had died there.", 3),
])
def test_find_counts_deaths_behind_the_event_further_down_are_background(counts, text, value):
    """A killing that describes what a protest, a demand or an 'after' phrase is about, or a past perfect
    in a reason clause, came before the sentence's event: marked cumulative, still on record."""
    _, items = counts(text)
    killed = [c for c in items if c["category"] == "killed"]
    assert [(c["value"], c["cumulative"]) for c in killed] == [(value, True)]


@pytest.mark.parametrize("text, value", [
    ("Protesters blocked the highway after a man was found murdered near his home.", 1),
    ("A crowd beat a man who was suspected to have stabbed his neighbour to death.", 1),
    ("Students demonstrated for an inquiry into the death of a journalist.", 1),
])
def test_find_counts_more_deaths_behind_the_event(counts, text, value):
    _, items = counts(text)
    killed = [c for c in items if c["category"] == "killed"]
    assert (value, True) in [(c["value"], c["cumulative"]) for c in killed]
    assert not [c for c in killed if not c["cumulative"] and "crowd" not in text]


@pytest.mark.parametrize("text", [
    "A car bomb that killed five people ripped through the market.",
    "Police said five people had died.",
])
def test_find_counts_killing_of_the_event_itself_is_not_background(counts, text):
    _, items = counts(text)
    assert summary(items) == [("killed", 5, "exact")] and not items[0]["cumulative"]


def test_find_counts_accusation_as_main_clause_is_not_background(counts):
    _, items = counts("The army accused the rebels of killing 12 villagers.")
    assert summary(items) == [("killed", 12, "exact")] and not items[0]["cumulative"]


def test_find_counts_period_total_is_cumulative(counts):
    _, items = counts("Over the past three weeks, 25 people have been killed in raids.")
    assert summary(items) == [("killed", 25, "exact")] and items[0]["cumulative"]


def test_find_counts_definite_repeat_is_not_counted_again(counts):
    _, items = counts("Three people were shot dead at the market. A senator said police shot dead "
                      "the three unarmed men at close range.")
    assert summary(items) == [("killed", 3, "exact")]


def test_find_counts_the_same_noun_made_definite_is_not_counted_again(counts):
    _, items = counts("A mob stoned a police officer to death. Witnesses said the police officer was killed "
                      "near the market.")
    assert summary(items) == [("killed", 1, "exact")]
    _, items = counts("A farmer was killed on Monday. On Tuesday a trader was killed too.")
    assert summary(items) == [("killed", 1, "exact"), ("killed", 1, "exact")]


def test_find_counts_part_in_another_category_is_not_counted_again(counts):
    _, items = counts("Gunmen killed five civilians including four displaced persons.")
    assert [c for c in items if c["category"] == "killed"] == [items[0]] and items[0]["value"] == 5


@pytest.mark.parametrize("text, expected", [
    ("Gunmen stormed the market and killed between 25 and 40 people.", [("killed", 25, "range")]),
    ("2 stoned to death during the unrest.", [("killed", 2, "exact")]),
    ("On 3 May 2021, 6 ANA soldiers were killed in an ambush.", [("killed", 6, "exact")]),
    ("Gunmen shot dead a village chief in addition to 2 of his guards.", [("killed", 1, "exact"), ("killed", 2, "exact")]),
    ("The farmer died on the spot together with his driver.", [("killed", 1, "exact"), ("killed", 1, "exact")]),
    ("A commander was killed along with 3 other fighters.", [("killed", 1, "exact"), ("killed", 3, "exact")]),
    ("One trader was kidnapped and killed by gunmen.", [("abducted", 1, "exact"), ("killed", 1, "exact")]),
    # the parse loses the second number: the first is not counted again for the second verb
    ("Ten people were killed and over 70 wounded in two blasts.", [("killed", 10, "exact")]),
    # a companion phrase before the verb is not a victim
    ("In addition to an attack on a mosque, two teachers were killed.", [("killed", 2, "exact")]),
])
def test_find_counts_ranges_companions_and_note_forms(counts, text, expected):
    assert summary(counts(text)[1]) == expected


@pytest.mark.parametrize("text, expected", [
    # the text does not say who was killed and who wounded: one count of casualties
    ("One soldier was killed or wounded by a sniper.", [("casualties", 1, "exact")]),
    ("Two people died or were injured in the crash.", [("casualties", 2, "exact")]),
    ("Rebels killed or wounded 12 soldiers.", [("casualties", 12, "exact")]),
    ("Twenty people were killed and injured in the attack.", [("casualties", 20, "exact")]),
    ("The gunmen fired on the bus, killing and injuring 7 passengers.", [("casualties", 7, "exact")]),
    # each outcome with its own number stays apart
    ("Fifteen people died and six others were injured.", [("killed", 15, "exact"), ("injured", 6, "exact")]),
    ("Gunmen attacked a toll booth, one guard was killed and another wounded.", [("killed", 1, "exact")]),
    ("Vandals entered the church, beheading and smashing several statues.", []),
    ("Gunmen killed two people and injured five.", [("killed", 2, "exact"), ("injured", 5, "exact")]),
    ("Militants attacked and killed 3 guards, and injured 2.", [("killed", 3, "exact"), ("injured", 2, "exact")]),
    # one object for two verbs of categories that can both hold
    ("Police arrested and charged five men.", [("detained", 5, "exact")]),
    ("Gunmen abducted and killed two farmers.", [("abducted", 2, "exact"), ("killed", 2, "exact")]),
])
def test_find_counts_outcomes_the_text_leaves_open(counts, text, expected):
    assert summary(counts(text)[1]) == expected


@pytest.mark.parametrize("text, expected", [
    ("Fighting broke out between two clans near the border, 15 killed in the village.", [("killed", 15, "exact")]),
    ("The feud led to two killings in the village.", [("killed", 2, "exact")]),
    ("An aide of the governor was shot dead.", [("killed", 1, "exact")]),
])
def test_find_counts_reduced_forms_and_roles(counts, text, expected):
    assert summary(counts(text)[1]) == expected


@pytest.mark.parametrize("text, expected", [
    # a number after 'a' that is no scale word names a grade, not a count
    ("A form four student was killed in the clashes.", [("killed", 1, "exact")]),
    ("A hundred people were killed.", [("killed", 100, "exact")]),
    # a conjunct with its own outcome is not added to the first
    ("Militants ambushed a patrol, two militiamen killed and one wounded.", [("killed", 2, "exact"), ("injured", 1, "exact")]),
    # the conjuncts after 'including' are its list (its part goes inside the three)
    ("Gunmen killed three villagers including the chief of the village, a teacher, and another farmer.",
     [("killed", 3, "exact")]),
    # a relative clause describing the people is no outcome of its own
    ("The blast killed 2 officers and 2 suspects they had arrested earlier.", [("killed", 4, "exact")]),
    # acts are not people after a verb that takes only people
    ("Soldiers executed a coup at the palace.", []),
    ("The opposition labelled his killing an assassination.", []),
    # ... but a person whose noun ends like an act is one
    ("Gunmen killed a witness in the village.", [("killed", 1, "exact")]),
    # the corpse of a girl is the girl
    ("The beheaded corpse of a young girl was found in the town.", [("killed", 1, "exact")]),
])
def test_find_counts_one_person_not_two(counts, text, expected):
    assert summary(counts(text)[1]) == expected


def test_find_counts_killing_of_someone_is_not_a_new_count(counts):
    """'the killing of a teacher' names a death the report told before or one behind its event."""
    _, items = counts("Residents blocked the road to demand justice for the killing of a teacher.")
    assert not [c for c in items if c["category"] == "killed" and not c["cumulative"]]


def test_find_counts_near_miss_is_negated(counts):
    _, items = counts("A mob beat and nearly killed a suspected thief.")
    assert [c["category"] for c in items] == ["killed"] and items[0]["negated"]
