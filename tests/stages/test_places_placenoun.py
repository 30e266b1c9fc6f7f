"""Names after a settlement noun ("the village of Xinmo"), on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "China", "kind": "country", "country": "CN", "lat": 35.0, "lon": 105.0},
    {"name": "Varzaqan", "country": "IR", "admin1": "33", "lat": 38.5, "lon": 46.65, "population": 5_000},
]


def places(make_doc, res, text):
    return {m["text"]: p for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_a_village_the_gazetteer_lacks_is_an_unresolved_mention(make_doc, res):
    p = places(make_doc, res, "The landslide hit the village of Xinmo at around 6 am.")["Xinmo"]
    assert p["status"] == "unresolved" and p["reason"] == "not in the gazetteer"


def test_a_village_the_gazetteer_lacks_falls_back_on_the_country_the_text_puts_it_in(make_doc, res):
    p = places(make_doc, res, "The landslide hit the village of Xinmo in China at around 6 am.")["Xinmo"]
    assert p["status"] == "coarse" and p["precision"] == "country" and p["geo_precision"] == 3
    assert p["reason"].startswith("Xinmo is not in the gazetteer; the text puts it in China")


def test_coordinated_names_after_a_plural_settlement_noun(make_doc, res):
    got = places(make_doc, res, "The towns of Haris and Varzaqan were among those hit by the quake.")
    assert {"Haris", "Varzaqan"} <= set(got) and got["Varzaqan"]["country"] == "IR"


def test_other_nouns_with_of_are_not_settlements(make_doc, res):
    assert "Paul" not in places(make_doc, res, "The son of Paul said the border of China was closed.")


def test_a_list_after_a_plural_settlement_noun_and_colon(make_doc, res):
    got = places(make_doc, res, "The epidemic has affected four villages: Kampungu, Makonono and Mombo, officials said.")
    assert {"Kampungu", "Makonono", "Mombo"} <= set(got)
    assert "First" not in places(make_doc, res, "Two towns: First they went north.")
