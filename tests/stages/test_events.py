"""Unit tests for the events stage: one case per event type family, per factuality case, and per link
(place, date, fatalities, claimant, evidence). Earlier layers are injected as small hand-made items found
by their text, so these tests check the events stage alone."""
from __future__ import annotations

import csv
import json
from importlib import resources as ir

import jsonschema
import pytest

from sitrep.schema import document_schema
from sitrep.stages.events import extract_events
from sitrep.stages.events.lexicon import acled_names, classes, triggers

PUB = "2022-04-07"


def _span(text, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "text": phrase}


@pytest.fixture
def events(make_doc, resources):
    """events(text, places=[(name, precision)], dates=[(text, value)], actors=[(name, kind)],
    counts=[(text, category, value)], quotes=[(text, speaker)]) -> (doc, events)."""

    def run(text, *, places=(), dates=(), actors=(), counts=(), quotes=(), metonyms=()):
        doc = make_doc(text, published=PUB)
        doc.layers["places"] = [
            {"id": f"P{i}", "name": n, "precision": p, "metonym": n in metonyms, "mentions": [_span(text, n)]}
            for i, (n, p) in enumerate(places, 1)]
        doc.layers["dates"] = [{"id": f"D{i}", **_span(text, t), "value": v, "precision": "day"}
                               for i, (t, v) in enumerate(dates, 1)]
        doc.layers["actors"] = [{"id": f"A{i}", "name": n, "kind": k, "mentions": [_span(text, n)]}
                                for i, (n, k) in enumerate(actors, 1)]
        doc.layers["counts"] = [{"id": f"C{i}", **_span(text, t), "category": c, "value": v}
                                for i, (t, c, v) in enumerate(counts, 1)]
        doc.layers["quotes"] = [{"id": f"Q{i}", **_span(text, t), "speaker": s, "kind": "direct"}
                                for i, (t, s) in enumerate(quotes, 1)]
        return doc, extract_events(doc, res=resources)

    return run


def only(evs, type_):
    found = [e for e in evs if e["type"] == type_]
    assert found, f"no {type_} event in {[(e['type'], e['trigger']['text']) for e in evs]}"
    return found[0]


# ---- types, modes and ACLED names, one family per row ----------------------------------------
@pytest.mark.parametrize("text, type_, mode, acled_sub", [
    ("Russian forces shelled the town overnight.", "ASSAULT", "heavy-weapons", "Shelling/artillery/missile attack"),
    ("An air strike hit the market on Monday.", "ASSAULT", "aerial", "Air/drone strike"),
    ("Gunmen shot dead two farmers in their field.", "ASSAULT", "firearms", "Attack"),
    ("Heavy clashes broke out between the army and the rebels.", "ASSAULT", None, "Armed clash"),
    ("A roadside bomb exploded near the checkpoint.", "ASSAULT", "explosives", "Remote explosive/landmine/IED"),
    ("Militants kidnapped three aid workers.", "ASSAULT", "abduct", "Abduction/forced disappearance"),
    ("Police arrested twelve students in the capital.", "COERCE", "arrest", "Arrests"),
    # arrests at a demonstration are one ACLED event, a protest with intervention (codebook 2023)
    ("Police arrested twelve students after the rally.", "COERCE", "arrest", "Protest with intervention"),
    ("The country expelled four diplomats on Friday.", "SANCTION", "expel", None),
    ("The authorities expelled four migrants on Friday.", "COERCE", "deport", None),
    ("The government imposed new sanctions on the bank.", "SANCTION", "discontinue", None),
    ("Volunteers delivered food and medicine to the village.", "AID", None, None),
    ("The battalion withdrew from the city.", "RETREAT", "withdraw", "Non-violent transfer of territory"),
    ("The army deployed troops along the border.", "MOBILIZE", "troops", "Change to group/activity"),
    ("The mayor urged residents to leave.", "REQUEST", None, None),
    ("The minister accused the rebels of looting.", "ACCUSE", "allege", None),
    ("The president condemned the killings.", "ACCUSE", "disapprove", None),
    ("The rebels rejected the peace plan.", "REJECT", None, None),
    # an armed side's threat is a strategic development (ACLED codebook, Other); a politician's is not coded
    ("The militia threatened the villagers.", "THREATEN", None, "Other"),
    ("The senator threatened the governor.", "THREATEN", None, None),
    ("Thousands of people protested in the capital.", "PROTEST", "demo", "Peaceful protest"),
    ("The two foreign ministers held talks in Geneva.", "CONSULT", None, None),
    ("The parties agreed on a prisoner exchange.", "AGREE", None, None),
    ("The president praised the mediators.", "SUPPORT", None, None),
    ("The general apologized for the raid.", "CONCEDE", None, None),
    ("The two agencies shared intelligence about the smugglers.", "COOPERATE", None, None),
])
def test_extract_events_types_each_family(events, text, type_, mode, acled_sub):
    _, evs = events(text)
    e = only(evs, type_)
    assert e["mode"] == mode
    assert e["acled_subtype"] == acled_sub


@pytest.mark.parametrize("text", [
    "The adviser hit back on Twitter.",          # idiom, not an attack
    "The Moscow-backed separatists held a vote.",  # participle used as a modifier
    "The fighting force was large.",             # noun used as a modifier
])
def test_extract_events_blocks_idioms_and_modifiers(events, text):
    _, evs = events(text)
    assert not [e for e in evs if e["type"] in ("ASSAULT", "SUPPORT")]


# ---- factuality ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, trigger, expected", [
    ("Soldiers attacked the convoy on Monday.", "attacked", "asserted"),
    ("Officials alleged that soldiers had tortured the detainees.", "tortured", "alleged"),
    ("The prisoners were allegedly beaten by guards.", "beaten", "alleged"),
    ("The ministry denied that its troops had shelled the village.", "shelled", "denied"),
    ("The government plans to deploy troops to the border.", "deploy", "planned"),
    ("The leaders will hold talks in Doha next week.", "talks", "planned"),
    ("The rebels threatened to attack the capital.", "attack", "threatened"),
    ("If the ceasefire collapses, fighting could displace thousands.", "fighting", "hypothetical"),
    ("The mayor urged the army to evacuate the school.", "evacuate", "hypothetical"),
    ("The army did not attack the convoy.", "attack", "negated"),
    ("There were no airstrikes on the city.", "airstrikes", "negated"),
    ("In 2009, rebels attacked the garrison.", "attacked", "historical"),
    # an attempt is not the act; a foiled act did not happen; a plan named by a noun is a plan
    ("Gunmen tried to kidnap the headmaster.", "kidnap", "planned"),
    ("There was an attempt to kill the judge.", "kill", "planned"),
    ("Police thwarted a bombing at the stadium.", "bombing", "negated"),
    ("The ministry announced plans to close the border crossing.", "close", "planned"),
    # a past-tense act reported by a verb that can also announce plans is a report, not a plan
    ("Troops reimposed the blockade of the port, a military spokesman announced.", "blockade", "asserted"),
])
def test_extract_events_factuality(events, text, trigger, expected):
    dates = [("2009", "2009")] if "2009" in text else []
    _, evs = events(text, dates=dates)
    e = next(e for e in evs if e["trigger"]["text"] == trigger)
    assert e["factuality"] == expected


def test_extract_events_denial_names_the_denier(events):
    text = "The ministry denied that its troops had shelled the village."
    _, evs = events(text, actors=[("The ministry", "organisation")])
    e = next(e for e in evs if e["type"] == "ASSAULT")
    assert e["denied_by"] == "A1"


def test_extract_events_announced_attack_is_threaten(events):
    _, evs = events("The rebels said they would attack the capital.")
    e = next(e for e in evs if e["trigger"]["text"] == "attack")
    assert (e["type"], e["mode"], e["factuality"]) == ("THREATEN", "violence", "threatened")


def test_extract_events_unrealised_events_get_no_acled_type(events):
    _, evs = events("The rebels threatened to bomb the bridge. A roadside bomb exploded near the bridge.")
    threatened, real = [e for e in evs if e["trigger"]["text"] in ("bomb", "exploded")]
    assert threatened["factuality"] == "threatened" and threatened["acled_event_type"] is None
    assert real["acled_subtype"] == "Remote explosive/landmine/IED"
    assert real["source"] is None  # a weapon is not an actor


@pytest.mark.parametrize("text, type_", [
    ("The senator attacked the governor in a series of tweets.", "ACCUSE"),
    ("The volunteers keep fighting climate change.", None),
    ("Gunmen attacked the village at dawn.", "ASSAULT"),
])
def test_extract_events_verbal_attacks_are_not_assaults(events, text, type_):
    _, evs = events(text, actors=[("The senator", "person")] if "senator" in text else [])
    got = [e["type"] for e in evs if e["trigger"]["text"] in ("attacked", "fighting")]
    assert got == ([type_] if type_ else [])


def test_extract_events_future_cooperation_is_agree(events):
    _, evs = events("The two presidents will meet the mediators in Doha.")
    assert only(evs, "AGREE")["factuality"] == "planned"


# ---- links -----------------------------------------------------------------------------------
def test_extract_events_place_after_locative_preposition_not_subject(events):
    text = "Russia shelled a school in the village of Smolyaninovo."
    _, evs = events(text, places=[("Russia", "country"), ("Smolyaninovo", "city")])
    assert only(evs, "ASSAULT")["place"] == "P2"


def test_extract_events_a_nationality_country_gives_way_to_a_place_after_a_locative_preposition(events):
    # "US" modifies the strike (whose drone it was); the sentence says where it hit. The old code took
    # the country of the trigger's own phrase.
    text = "A US drone strike hit a car near Jilib (Middle Juba), killing two militants."
    _, evs = events(text, places=[("US", "country"), ("Jilib", "city"), ("Middle Juba", "admin1")])
    assert only(evs, "ASSAULT")["place"] == "P2"
    # with no locative place in the sentence the country stays the fallback
    text = "A Turkish-backed US drone strike killed two militants."
    _, evs = events(text, places=[("US", "country")])
    assert only(evs, "ASSAULT")["place"] == "P1"


def test_extract_events_place_never_a_metonym(events):
    text = "Kyiv accused Moscow of shelling."
    _, evs = events(text, places=[("Kyiv", "city"), ("Moscow", "city")], metonyms=("Kyiv", "Moscow"))
    # both events are found, and neither takes a metonym as its place (without the metonym flag, the
    # shelling's place would be Moscow, P2)
    assert {(e["type"], e["place"]) for e in evs} == {("ACCUSE", None), ("ASSAULT", None)}
    _, plain = events(text, places=[("Kyiv", "city"), ("Moscow", "city")])
    assert only(plain, "ASSAULT")["place"] == "P2"


def test_extract_events_date_from_clause_and_fatalities_from_counts(events):
    text = "On Wednesday, shells hit the market in Kreminna, killing four people. The town was quiet on Friday."
    _, evs = events(text, places=[("Kreminna", "city")], dates=[("Wednesday", "2022-04-06"), ("Friday", "2022-04-08")],
                    counts=[("four people", "killed", 4)])
    e = only(evs, "ASSAULT")
    assert e["date"]["value"] == "2022-04-06"
    assert e["fatalities"] == 4
    assert e["counts"] == ["C1"]
    assert e["place"] == "P1"


def test_extract_events_casualty_clause_joins_the_attack(events):
    text = "The governor said all cities were under fire and one person had died in the town of Kreminna."
    _, evs = events(text, places=[("Kreminna", "city")], actors=[("The governor", "person")],
                    counts=[("one person", "killed", 1)])
    attacks = [e for e in evs if e["type"] == "ASSAULT"]
    assert len(attacks) == 1
    e = attacks[0]
    assert (e["place"], e["fatalities"], e["claimant"]) == ("P1", 1, "A1")
    assert e["evidence"]["text"].startswith("all cities were under fire and one person had died")


def test_extract_events_claimant_from_quote_and_null_in_own_voice(events):
    text = '"The enemy shelled the aid points," Kyrylenko wrote. Rockets hit the station.'
    _, evs = events(text, actors=[("Kyrylenko", "person")], quotes=[("The enemy shelled the aid points,", "A1")])
    first, second = [e for e in evs if e["type"] == "ASSAULT"]
    assert first["claimant"] == "A1" and first["claimed_via"] == "quote"
    assert second["claimant"] is None


def test_extract_events_source_and_target_from_parse(events):
    text = "Ukrainian forces attacked a Russian convoy near the bridge."
    _, evs = events(text, actors=[("Ukrainian forces", "armed group")])
    e = only(evs, "ASSAULT")
    assert e["source"] == "A1"
    assert e["target"] is None and e["target_object"] == "a Russian convoy"  # a thing hit is no actor
    assert e["acled_subtype"] == "Armed clash"


def test_extract_events_evidence_is_the_clause_not_the_sentence(events):
    text = "Britain sanctioned two banks and vowed to cut off coal imports, while talks continued in Geneva."
    doc, evs = events(text)
    e = next(e for e in evs if e["trigger"]["text"] == "sanctioned")
    assert e["evidence"]["text"] == "Britain sanctioned two banks"
    for e in evs:
        ev = e["evidence"]
        assert doc.text[ev["start"]:ev["end"]] == ev["text"]


# ---- data files and schema -------------------------------------------------------------------
def test_lexicon_codes_and_classes_exist():
    names = acled_names()
    cls = classes()
    for entries in triggers().values():
        for e in entries:
            assert e.acled in (None, "VIOLENT", "BAT-territory") or e.acled in names, e.phrase
            for _, key, value in e.when:
                if key in ("obj", "subj", "head", "mod"):
                    assert value in cls, (e.phrase, value)
    root = ir.files("sitrep") / "data" / "events"
    rows = [r for r in csv.reader((root / "weapons.tsv").read_text("utf-8").splitlines(), delimiter="\t")
            if r and not r[0].startswith("#")]
    assert all(r[2] == "." or r[2] in names for r in rows)


def test_extract_events_items_fit_the_schema(events):
    text = ('"Russian forces shelled Kharkiv on Monday, killing three civilians," the governor said. '
            "The Kremlin denied responsibility for the deaths and said it would hold talks.")
    _, evs = events(text, places=[("Kharkiv", "city")], dates=[("Monday", "2022-04-04")],
                    actors=[("Russian forces", "armed group"), ("the governor", "person"), ("The Kremlin", "state")],
                    counts=[("three civilians", "killed", 3)],
                    quotes=[("Russian forces shelled Kharkiv on Monday, killing three civilians,", "A2")])
    assert {e["type"] for e in evs} >= {"ASSAULT", "REJECT", "AGREE"}
    full = document_schema()
    layer_schema = {"$defs": full["$defs"], **full["properties"]["events"]}
    jsonschema.validate(json.loads(json.dumps(evs)), layer_schema)


def test_extract_events_fatalities_do_not_add_a_subset_twice(make_doc, run_upto):
    doc = run_upto("Gunmen killed six villagers in Kaduna on Monday, including a local vigilante leader.",
                   "events", published=PUB)
    killed = [c for c in doc.layers["counts"] if c["category"] == "killed"]
    assert [(c["value"], [p["value"] for p in c.get("parts", [])]) for c in killed] == [(6, [1])], killed
    attack = next(e for e in doc.layers["events"] if e["type"] == "ASSAULT")
    assert attack["fatalities"] == 6


def test_a_toll_that_has_risen_joins_the_killing_it_counts(make_doc, run_upto):
    doc = run_upto("The number of people killed in Friday's attack on a bus near Tarkh has risen to 11, police said.",
                   "events", published=PUB)
    killing = next(e for e in doc.layers["events"] if e["trigger"]["text"] == "killed")
    assert killing["fatalities"] == 11


def test_a_count_outside_every_event_joins_no_protest_its_clause_holds(make_doc, run_upto):
    # the count's own evidence (the whole clause) holds the protest's trigger: that is no toll of a protest
    doc = run_upto("Following the death of a man in a road accident area residents protest the errant driver.",
                   "events", published=PUB)
    protest = next(e for e in doc.layers["events"] if e["type"] == "PROTEST")
    assert not protest["fatalities"]


def test_the_death_a_protest_is_about_is_no_toll_of_the_protest(make_doc, run_upto):
    doc = run_upto("Following the death of a man in a road accident, residents protest against the driver.",
                   "events", published=PUB)
    protest = next(e for e in doc.layers["events"] if e["type"] == "PROTEST")
    assert not protest["fatalities"]


# ---- a retreat TO a spot gives up no territory (issue 16) --------------------------------------
@pytest.mark.parametrize("text, transfer", [
    ("The gunmen retreated to a nearby building, where soldiers killed them.", False),
    ("Al-Shabaab fighters withdrew to a farmhouse outside Afgooye as the troops advanced.", False),
    ("Myanmar army troops withdrew from the town of Paletwa on Sunday.", True),
    ("The rebels retreated from the border town to the hills.", True),
])
def test_extract_events_retreat_to_a_spot_is_no_transfer(events, text, transfer):
    _, evs = events(text)
    got = [e for e in evs if e["acled_subtype"] == "Non-violent transfer of territory"]
    assert bool(got) == transfer, [(e["type"], e["trigger"]["text"], e["acled_subtype"]) for e in evs]
