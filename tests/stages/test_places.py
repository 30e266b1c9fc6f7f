"""The places stage on short sentences, with the in-memory gazetteer fake."""
from __future__ import annotations

import jsonschema
import pytest

from sitrep.doc import Paragraph
from sitrep.schema import document_schema
from sitrep.stages.places import find_places

PLACES = [
    {"name": "Ukraine", "kind": "country", "country": "UA", "lat": 49.0, "lon": 32.0},
    {"name": "Russia", "kind": "country", "country": "RU", "lat": 60.0, "lon": 100.0},
    {"name": "Germany", "kind": "country", "country": "DE", "lat": 51.5, "lon": 10.5},
    {"name": "Kyiv", "alt": ["Kiev"], "country": "UA", "admin1": "12", "lat": 50.45, "lon": 30.52,
     "population": 2_950_000, "feature": "P.PPLC"},
    {"name": "Moscow", "country": "RU", "admin1": "48", "lat": 55.75, "lon": 37.62, "population": 10_380_000,
     "feature": "P.PPLC"},
    {"name": "Kremlin", "kind": "seat", "country": "RU", "lat": 55.75, "lon": 37.62},
    {"name": "Luhansk", "alt": ["Lugansk"], "kind": "admin1", "country": "UA", "admin1": "14", "lat": 48.6,
     "lon": 39.2, "population": 2_400_000},
    {"name": "Luhansk", "alt": ["Lugansk"], "country": "UA", "admin1": "14", "lat": 48.57, "lon": 39.31,
     "population": 397_000},
    {"name": "Kharkiv", "country": "UA", "admin1": "07", "lat": 49.98, "lon": 36.25, "population": 1_420_000},
    {"name": "Bucha", "country": "UA", "admin1": "13", "lat": 50.55, "lon": 30.21, "population": 42_000},
    {"name": "Bucha", "country": "DE", "admin1": "15", "lat": 50.88, "lon": 11.51, "population": 1_211},
    {"name": "Smolyaninovo", "country": "RU", "admin1": "59", "lat": 43.29, "lon": 132.45, "population": 5_277},
    {"name": "Volodymyr", "country": "UA", "admin1": "24", "lat": 50.85, "lon": 24.32, "population": 38_000},
    {"name": "United States", "kind": "country", "country": "US", "lat": 39.76, "lon": -98.5, "exact": ["U.S."]},
    {"name": "Georgia", "kind": "country", "country": "GE", "lat": 42.0, "lon": 43.5},
    {"name": "Georgia", "kind": "admin1", "country": "US", "admin1": "GA", "lat": 32.75, "lon": -83.5},
    {"name": "Kentucky", "kind": "admin1", "country": "US", "admin1": "KY", "lat": 37.5, "lon": -85.0,
     "exact": ["Ky."]},
]


@pytest.fixture
def places(make_doc, res):
    def run(text, **kw):
        return find_places(make_doc(text, **kw), res=res)
    return run


def by_text(items, text):
    return [p for p in items if any(m["text"] == text for m in p["mentions"])]


def test_place_the_ner_mislabels_is_found_with_a_locative_cue(places):
    (p,) = by_text(places("Russian troops have withdrawn from Kyiv and regrouped."), "Kyiv")
    assert (p["name"], p["country"], p["precision"], p["metonym"]) == ("Kyiv", "UA", "city", False)
    assert p["geo_precision"] == 1


def test_first_name_with_an_age_is_not_a_place(places):
    out = places('"We have nowhere to go," 38-year-old Volodymyr told reporters.')
    assert by_text(out, "Volodymyr") == []


def test_alternate_spelling_resolves_to_the_gazetteer_name(places):
    (p,) = by_text(places("Shelling hit Lugansk overnight, officials in Ukraine said."), "Lugansk")
    assert p["country"] == "UA" and p["admin1"] == "Luhansk"


def test_region_word_prefers_the_first_level_division(places):
    (p,) = by_text(places("Officials in the Lugansk region begged civilians to leave."), "Lugansk")
    assert p["precision"] == "admin1" and p["feature"] == "A.ADM1"


def test_document_evidence_picks_the_namesake_in_the_country_discussed(places):
    out = places("Bodies were found in the streets of Bucha after Russian troops left the area around Kyiv, "
                 "Ukraine said.")
    (p,) = by_text(out, "Bucha")
    assert p["country"] == "UA" and abs(p["lon"] - 30.21) < 0.1


def test_far_lone_candidate_falls_back_to_the_containing_region(places):
    out = places("A serviceman stands near a school damaged by shelling in the village of Smolyaninovo "
                 "in the Lugansk region of Ukraine.")
    (p,) = by_text(out, "Smolyaninovo")
    assert p["status"] == "coarse" and p["country"] == "UA" and p["admin1"] == "Luhansk"
    assert p["precision"] == "admin1" and p["geonameid"] is None and "Luhansk" in p["reason"]


@pytest.mark.parametrize("text, name, stands_for", [
    ("Western powers imposed fresh sanctions against Moscow on Wednesday.", "Moscow", "RU"),
    ("The Kremlin denies responsibility for the deaths.", "Kremlin", "RU"),
    ("Russia accused Kyiv of changing its demands.", "Kyiv", "UA"),
    ("The town was still under Moscow's control last week.", "Moscow", "RU"),
])
def test_capital_or_seat_used_as_an_actor_is_a_metonym(places, text, name, stands_for):
    (p,) = by_text(places(text), name)
    assert p["metonym"] is True and p["stands_for"] == stands_for


def test_capital_where_something_happens_is_not_a_metonym(places):
    (p,) = by_text(places("Explosions were heard in Kyiv on Monday night."), "Kyiv")
    assert p["metonym"] is False and p["stands_for"] is None


def test_place_and_metonym_uses_of_one_city_are_separate_items(places):
    out = places("Fighting raged near Kyiv. Russia accused Kyiv of stalling the talks.")
    items = by_text(out, "Kyiv")
    assert sorted(p["metonym"] for p in items) == [False, True]


def test_demonym_is_an_adjectival_mention_of_the_country(places):
    (p,) = by_text(places("Ukrainian forces are regrouping in the east."), "Ukrainian")
    assert p["adjectival"] is True and p["country"] == "UA" and p["precision"] == "country"


def test_all_mentions_of_a_place_are_grouped(places):
    out = places("Ukraine urged residents to flee. Ukraine said the attacks were war crimes.")
    (p,) = by_text(out, "Ukraine")
    assert len(p["mentions"]) == 2 and [x["id"] for x in out] == [f"P{i}" for i in range(1, len(out) + 1)]


def test_dateline_place_is_marked(places):
    (p,) = by_text(places("KYIV, April 7 (Reuters) - Shelling continued in the east."), "KYIV")
    assert p["dateline"] is True and p["country"] == "UA"


def test_credit_paragraph_gives_no_place(make_doc, res):
    doc = make_doc("Shelling damaged a school in Kharkiv.\n\nPhoto: Bucha Studio / Kharkiv")
    cut = doc.text.index("Photo")
    doc.paragraphs = [Paragraph(0, cut - 2, "body"), Paragraph(cut, len(doc.text), "credit")]
    out = find_places(doc, res=res)
    assert all(m["start"] < cut for p in out for m in p["mentions"])
    (p,) = by_text(out, "Kharkiv")  # the body's Kharkiv is found, resolved, with its one mention
    assert p["status"] == "resolved" and p["country"] == "UA" and len(p["mentions"]) == 1
    assert not by_text(out, "Bucha")


def test_unknown_place_name_is_kept_unresolved_with_a_reason(places):
    out = places("Fighting was reported near Zzyzxville on Monday.")
    (p,) = by_text(out, "Zzyzxville")  # kept, not dropped
    assert p["status"] == "unresolved" and p["lat"] is None and p["geonameid"] is None
    assert p["reason"] == "not in the gazetteer"


def test_unknown_place_the_text_puts_in_a_country_is_placed_on_that_country(places):
    out = places("Fighting was reported near Zzyzxville, in Ukraine.")
    (p,) = by_text(out, "Zzyzxville")
    assert p["status"] == "coarse" and p["country"] == "UA" and p["geonameid"] is None
    assert p["geo_precision"] == 3 and "Zzyzxville is not in the gazetteer" in p["reason"]


def test_items_fit_the_layer_schema(places):
    out = places("Russia accused Kyiv of stalling talks in Bucha, Ukraine. Ukrainian officials in the Lugansk "
                 "region disagreed.")
    item_schema = document_schema()["properties"]["places"]["items"]
    for p in out:
        jsonschema.validate(p, item_schema)
        for m in p["mentions"]:
            assert m["end"] > m["start"]


def test_no_places_gives_an_empty_layer(places):
    assert places("The committee met on Tuesday to discuss the budget.") == []


def test_x_comma_y_puts_the_place_in_the_named_country(places):
    (p,) = by_text(places("A festival was held in Bucha, Germany, on Sunday."), "Bucha")
    assert p["country"] == "DE"


def test_division_beats_a_same_named_country_the_article_does_not_discuss(places):
    (p,) = by_text(places("Storms swept across Georgia on Monday, the U.S. weather service said."), "Georgia")
    assert p["country"] == "US" and p["precision"] == "admin1"
    (p,) = by_text(places("Georgia and Ukraine signed a trade deal."), "Georgia")
    assert p["country"] == "GE" and p["precision"] == "country"


def test_news_agency_abbreviation_of_a_division(places):
    (p,) = by_text(places("The shooting happened in Edmonton, Ky., police said."), "Ky.")
    assert p["name"] == "Kentucky" and p["country"] == "US"


def test_place_inside_an_organisation_name_is_a_mention(places):
    out = places("The head of the Kharkiv Regional Military Administration said strikes had hit aid points.")
    (p,) = by_text(out, "Kharkiv")
    assert p["country"] == "UA"


def test_abbreviation_inside_a_name_or_fused_with_a_suffix(places):
    out = places("The U.S.-led coalition and the U.S. Department of State disagreed.")
    (p,) = by_text(out, "U.S.")
    assert p["country"] == "US" and len(p["mentions"]) == 2
