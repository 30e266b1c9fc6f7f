"""The event's place when its sentences name none, or name only a country (stages/events/where.py)."""
from __future__ import annotations

from types import SimpleNamespace

from sitrep.doc import Paragraph
from sitrep.stages.events.where import settle_places


def _doc(text, places, paragraphs=None):
    items = []
    for n, (name, precision, country, extra) in enumerate(places, 1):
        start = text.index(name)
        items.append({"id": f"P{n}", "name": name, "precision": precision, "country": country, "lat": 1.0,
                      "lon": 2.0, "mentions": [{"start": start, "end": start + len(name), "text": name}], **extra})
    paras = [Paragraph(a, b, "body") for a, b in (paragraphs or [(0, len(text))])]
    return SimpleNamespace(text=text, paragraphs=paras, layers={"places": items})


def _event(text, trigger, place=None, etype="ASSAULT"):
    s = text.index(trigger)
    return {"type": etype, "acled_event_type": None, "place": place,
            "trigger": {"start": s, "end": s + len(trigger), "text": trigger}}


def test_an_event_with_no_place_takes_the_nearest_place_of_its_paragraph():
    text = "The district of Zhari saw heavy fighting. Two soldiers were killed. Talks were held in Doha."
    doc = _doc(text, [("Zhari", "admin2", "AF", {}), ("Doha", "city", "QA", {})])
    ev = _event(text, "killed")
    settle_places([ev], doc)
    assert ev["place"] == "P1"


def test_the_place_of_another_paragraph_is_not_taken_but_the_dateline_is():
    text = "KABUL\nTwo soldiers were killed overnight.\nLater, officials met in Doha."
    doc = _doc(text, [("KABUL", "city", "AF", {"dateline": True}), ("Doha", "city", "QA", {})],
               paragraphs=[(0, 5), (6, 41), (42, len(text))])
    ev = _event(text, "killed")
    settle_places([ev], doc)
    assert ev["place"] == "P1"


def test_a_country_gives_way_to_a_finer_place_in_it_but_never_to_a_metonym_or_adjective():
    text = "Afghanistan said forces killed two in Zhari, Moscow said, and Russian troops left."
    doc = _doc(text, [("Afghanistan", "country", "AF", {}), ("Zhari", "admin2", "AF", {}),
                      ("Moscow", "city", "RU", {"metonym": True}), ("Russian", "country", "RU", {"adjectival": True})])
    ev = _event(text, "killed", place="P1")
    settle_places([ev], doc)
    assert ev["place"] == "P2"
    other = _event(text, "left", place=None, etype="RETREAT")
    settle_places([other], doc)
    assert other["place"] in ("P1", "P2")  # never the metonym P3 nor the adjective P4


def test_a_verbal_event_without_a_place_gets_none():
    text = "The minister said in a statement that talks would go on. Doha hosted them."
    doc = _doc(text, [("Doha", "city", "QA", {})])
    ev = _event(text, "said", etype="STATEMENT")
    settle_places([ev], doc)
    assert ev["place"] is None


def test_the_finest_place_of_a_container_chain_is_the_event_place():
    # the town is the place; the bracketed or comma container only confirms it (old code: the nearest
    # mention, the container)
    text = "On Monday, residents of Kumasi (Ashanti) blocked roads. Later, police in Goma, Nord-Kivu fired."
    doc = _doc(text, [("Kumasi", "city", "GH", {"admin1": "Ashanti"}),
                      ("Ashanti", "admin1", "GH", {"admin1": "Ashanti"}),
                      ("Goma", "city", "CD", {"admin1": "Nord-Kivu"}),
                      ("Nord-Kivu", "admin1", "CD", {"admin1": "Nord-Kivu"})])
    ev = _event(text, "blocked", etype="PROTEST")
    settle_places([ev], doc)
    assert ev["place"] == "P1"
    placed = _event(text, "fired", place="P4")
    settle_places([placed], doc)
    assert placed["place"] == "P3"


def test_a_list_of_places_in_different_divisions_is_no_container_chain():
    text = "Protesters marched in Kumasi, Northern on Monday."
    doc = _doc(text, [("Kumasi", "city", "GH", {"admin1": "Ashanti"}),
                      ("Northern", "admin1", "GH", {"admin1": "Northern"})])
    ev = _event(text, "marched", place="P2", etype="PROTEST")
    settle_places([ev], doc)
    assert ev["place"] == "P2"
