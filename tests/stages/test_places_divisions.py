"""Places named with their divisions ("X (Y, Z)", "X of Y district, Z", "X subcounty, Y"), the fallback
onto the division for a name the gazetteer lacks, and objects of place verbs, on a small gazetteer fake."""
from __future__ import annotations

from sitrep.stages.places import find_places

PLACES = [
    {"name": "Kenya", "kind": "country", "country": "KE", "lat": 0.5, "lon": 38.0},
    {"name": "Tana River", "kind": "admin1", "country": "KE", "admin1": "40", "lat": -1.5, "lon": 39.5},
    {"name": "Kakamega", "kind": "admin1", "country": "KE", "admin1": "11", "lat": 0.5, "lon": 34.8},
    {"name": "Hola", "country": "KE", "admin1": "40", "lat": -1.5, "lon": 40.03, "population": 20_000},
    {"name": "Hola", "country": "ES", "admin1": "51", "lat": 37.0, "lon": -4.0, "population": 900},
    {"name": "Oudalan", "kind": "admin2", "country": "BF", "admin1": "78", "lat": 14.7, "lon": -0.44},
    {"name": "Zhari", "kind": "admin2", "country": "AF", "admin1": "23", "lat": 31.56, "lon": 65.43},
    {"name": "Kandahar", "kind": "admin1", "country": "AF", "admin1": "23", "lat": 31.0, "lon": 65.5},
    {"name": "Ochakiv", "country": "UA", "admin1": "17", "lat": 46.61, "lon": 31.55, "population": 14_000},
    {"name": "Pul-e Alam", "country": "AF", "admin1": "17", "lat": 33.99, "lon": 69.02, "population": 22_000},
    {"name": "Pul", "country": "GB", "admin1": "ENG", "lat": 50.7, "lon": -1.98, "population": 150_000},
    {"name": "Bagh", "country": "PK", "admin1": "06", "lat": 33.98, "lon": 73.77, "population": 30_000},
    {"name": "Logar", "kind": "admin1", "country": "AF", "admin1": "17", "lat": 34.0, "lon": 69.2},
    {"name": "Balkh", "kind": "admin1", "country": "AF", "admin1": "30", "lat": 36.75, "lon": 66.9},
    {"name": "Balkh", "country": "AF", "admin1": "30", "lat": 36.76, "lon": 66.9, "population": 114_000},
    {"name": "Dawlatabad", "kind": "admin2", "country": "AF", "admin1": "07", "lat": 36.4, "lon": 64.9},
    {"name": "Maiwand", "kind": "admin2", "country": "AF", "admin1": "23", "lat": 31.7, "lon": 65.0},
    {"name": "Ashkhabad", "country": "TM", "admin1": "01", "lat": 37.95, "lon": 58.38, "population": 1_000_000},
    {"name": "Qum", "kind": "admin1", "country": "IR", "admin1": "26", "lat": 34.6, "lon": 50.9},
    {"name": "Mali", "kind": "country", "country": "ML", "lat": 17.0, "lon": -4.0},
    {"name": "Ouest", "kind": "admin1", "country": "HT", "admin1": "11", "lat": 18.66, "lon": -72.29},
    {"name": "Sendou", "country": "BF", "admin1": "78", "lat": 14.9, "lon": -0.2, "population": 2_000},
    {"name": "Dorabo", "country": "BF", "admin1": "78", "lat": 14.1, "lon": -1.6, "population": 60_000},
    {"name": "Deh-e Sabz", "kind": "admin2", "country": "AF", "admin1": "23", "lat": 31.3, "lon": 65.1},
    {"name": "Borno", "kind": "admin1", "country": "NG", "admin1": "27", "lat": 11.5, "lon": 13.0},
    {"name": "Maiduguri", "country": "NG", "admin1": "27", "lat": 11.85, "lon": 13.16, "population": 1_100_000},
    {"name": "Konduga", "country": "NG", "admin1": "27", "lat": 11.52, "lon": 13.69, "population": 120_000},
    {"name": "Gwoza", "country": "NG", "admin1": "27", "lat": 11.08, "lon": 13.69, "population": 50_000},
    {"name": "Ma'rib", "kind": "admin1", "country": "YE", "admin1": "14", "lat": 15.5, "lon": 45.3},
    {"name": "Bayt", "country": "TR", "admin1": "07", "lat": 37.0, "lon": 35.0, "population": 40_000},
    {"name": "Kiyama", "alt": ["Kinata"], "country": "JP", "admin1": "08", "lat": 36.4, "lon": 140.5,
     "population": 13_000},
]


def places(make_doc, res, text):
    return {m["text"]: p for p in find_places(make_doc(text), res=res) for m in p["mentions"]}


def test_a_village_in_parentheses_with_its_divisions_falls_back_to_the_district(make_doc, res):
    got = places(make_doc, res, "On 2 May, gunmen attacked a market in Tindoula (Tindoula, Oudalan) and fled.")
    p = got["Tindoula"]
    assert p["status"] == "coarse" and p["name"] == "Tindoula"
    assert (p["lat"], p["lon"], p["precision"], p["geo_precision"]) == (14.7, -0.44, "admin2", 2)
    assert "not in the gazetteer" in p["reason"] and "Oudalan" in p["reason"]
    assert got["Oudalan"]["status"] == "resolved"


def test_a_village_of_a_named_district_is_placed_on_the_district(make_doc, res):
    got = places(make_doc, res, "Two policemen were killed in Qala Mirza of Zhari district, Kandahar.")
    assert got["Qala Mirza"]["status"] == "coarse" and got["Qala Mirza"]["lat"] == 31.56
    assert got["Zhari"]["precision"] == "admin2" and got["Kandahar"]["precision"] == "admin1"


def test_a_subcounty_the_gazetteer_lacks_falls_back_to_its_province(make_doc, res):
    got = places(make_doc, res, "A mob attacked a suspected thief at Lumakanda subcounty, Kakamega.")
    p = got["Lumakanda"]
    assert p["status"] == "coarse" and p["precision"] == "admin1" and p["geo_precision"] == 3


def test_the_named_division_picks_the_namesake_inside_it(make_doc, res):
    got = places(make_doc, res, "Three people died in a clash over water in Hola, Tana River.")
    assert got["Hola"]["country"] == "KE" and got["Hola"]["status"] == "resolved"


def test_without_a_division_a_village_stays_unresolved(make_doc, res):
    p = places(make_doc, res, "Gunmen killed two herders near the village of Tindoula.")["Tindoula"]
    assert p["status"] == "unresolved" and p["lat"] is None


def test_a_bare_comma_without_a_locative_cue_is_no_chain(make_doc, res):
    assert "Akol" not in places(make_doc, res, "Akol, Tana River said the road would stay closed.")


def test_the_object_of_a_place_verb_is_a_place_even_when_tagged_a_person(make_doc, res):
    got = places(make_doc, res, "Russian forces shelled Ochakiv on Monday.")
    assert got["Ochakiv"]["country"] == "UA" and got["Ochakiv"]["precision"] == "city"


def test_a_hyphenated_name_is_one_name_not_its_first_word(make_doc, res):
    got = places(make_doc, res, "A checkpoint came under fire in Pul-e Alam city, Logar.")
    assert "Pul" not in got and got["Pul-e Alam"]["country"] == "AF"


def test_a_hyphenated_name_with_an_apostrophe_word_is_one_name(make_doc, res):
    # (the apostrophe word "Ma'ad" is a capitalised word of the name, though spaCy does not call it alphabetic)
    got = places(make_doc, res, "A Houthi mortar hit Bayt-al Ma'ad village in Ma'rib.")
    assert "Bayt" not in got and got["Bayt-al Ma'ad"]["country"] == "YE"


def test_a_hyphenated_name_the_gazetteer_lacks_falls_back_to_its_province(make_doc, res):
    got = places(make_doc, res, "A bomb hit a car in Deh-e Naw of Baraki district, Logar.")
    assert "Deh" not in got and got["Deh-e Naw"]["status"] == "coarse" and got["Deh-e Naw"]["precision"] == "admin1"


def test_a_district_named_in_the_wrong_province_is_placed_on_the_province(make_doc, res):
    # the only Dawlatabad district lies in another province: the province the text names wins,
    # and after "X district," the container is read as the province, not its namesake town
    got = places(make_doc, res, "A checkpoint was attacked in Dawlatabad district, Balkh.")
    assert got["Balkh"]["precision"] == "admin1"
    assert got["Dawlatabad"]["status"] == "coarse" and got["Dawlatabad"]["admin1"] == "Balkh"


def test_an_area_of_a_district_is_inside_the_district_not_a_far_namesake(make_doc, res):
    got = places(make_doc, res, "Four soldiers were killed in the Ashkhabad area of Maiwand district, Kandahar.")
    p = got["Ashkhabad"]
    assert p["status"] == "coarse" and p["country"] == "AF" and p["precision"] == "admin2"


def test_a_division_named_with_a_capitalised_noun_holds_the_place_before_it(make_doc, res):
    # (the NER model reads "Hola, Tana River District" as one organisation's name)
    text = "3 killed in a battle which erupted over access to a watering point in Hola, Tana River District."
    got = places(make_doc, res, text)
    assert got["Hola"]["country"] == "KE" and got["Hola"]["status"] == "resolved"
    assert got["Tana River"]["precision"] == "admin1" and got["Tana River"]["status"] == "resolved"


def test_a_village_of_a_district_named_with_a_capitalised_noun_is_placed_on_the_district(make_doc, res):
    got = places(make_doc, res, "Two policemen were killed in Qala Mirza of Zhari District, Kandahar.")
    assert got["Qala Mirza"]["status"] == "coarse" and got["Qala Mirza"]["lat"] == 31.56


def test_a_division_with_a_compass_word_after_it_is_a_part_of_the_division(make_doc, res):
    got = places(make_doc, res, "On 2 May, a teacher was killed by Lendu militants in Lokwamur in Kakamega North.")
    part = got["Kakamega North"]
    assert (part["status"], part["precision"], part["geo_precision"], part["admin1"]) == ("coarse", "region", 3,
                                                                                         "Kakamega")
    assert got["Lokwamur"]["status"] == "coarse" and got["Lokwamur"]["admin1"] == "Kakamega"


def test_a_town_with_a_compass_word_after_it_is_no_division_part(make_doc, res):
    got = places(make_doc, res, "A herder was shot dead in Hola North on Sunday.")
    assert "Hola North" not in got


def test_the_first_word_of_a_longer_name_before_a_place_noun_is_not_a_place_abroad(make_doc, res):
    # "Qum" alone is an Iranian province; "the Qum Darra area of Maiwand district" is an Afghan locality
    got = places(make_doc, res, "A roadside bomb hit a patrol in the Qum Darra area of Maiwand district, Kandahar.")
    assert "Qum" not in got
    p = got["Qum Darra"]
    assert p["status"] == "coarse" and p["country"] == "AF" and p["precision"] == "admin2"


def test_an_area_of_a_city_is_inside_the_city(make_doc, res):
    got = places(make_doc, res, "Rockets landed in the Pul-e-Bagh area of Balkh city.")
    # "Bagh", a town of its own, gives way to the whole name too
    assert got["Pul-e-Bagh"]["status"] == "coarse" and got["Pul-e-Bagh"]["country"] == "AF" and "Pul" not in got
    assert "Bagh" not in got
    assert got["Balkh"]["status"] == "resolved"


def test_a_division_named_with_its_noun_is_not_doubted_as_a_far_namesake(make_doc, res):
    # nothing else named lies near Oudalan (Mali's point is far, Ouest is in Haiti), but "Oudalan
    # province" is what the gazetteer holds: it stays the province, and the town inside it stays too
    text = "Gunmen from Ouest burned a school near the Mali border in Sendou, Oudalan province."
    got = places(make_doc, res, text)
    assert got["Oudalan province"]["status"] == "resolved" and got["Oudalan province"]["country"] == "BF"
    assert got["Sendou"]["country"] == "BF"


def test_of_two_far_apart_places_the_loose_reading_yields(make_doc, res):
    # "Kinata" is only an alternate name of a small Japanese town: it is set aside, not the town that
    # the other name names by its own name
    got = places(make_doc, res, "Gendarmes were ambushed while travelling from Dorabo to Kinata on Monday.")
    assert got["Dorabo"]["status"] == "resolved" and got["Dorabo"]["country"] == "BF"
    assert got["Kinata"]["country"] != "JP"


def test_a_hyphenated_division_noun_links_the_chain(make_doc, res):
    # the tokenizer splits "sub-county" in three; the chain still runs to the county
    got = places(make_doc, res, "Raiders killed a farmer in Rumba area of Ndaveni sub-county, Kakamega county.")
    for name in ("Rumba", "Ndaveni"):
        assert got[name]["status"] == "coarse" and got[name]["admin1"] == "Kakamega", name


def test_a_province_named_after_its_town_is_pointed_at_the_town(make_doc, res):
    got = places(make_doc, res, "Two soldiers were killed in Balkh province on Monday.")
    p = got["Balkh"]
    assert p["precision"] == "admin1" and p["geo_precision"] == 3
    assert (p["lat"], p["lon"]) == (36.76, 66.9)  # the town's point, not the province's (36.75, 66.9)


def test_a_province_without_a_namesake_town_keeps_its_own_point(make_doc, res):
    p = places(make_doc, res, "Two soldiers were killed in Logar province on Monday.")["Logar"]
    assert (p["lat"], p["lon"], p["precision"]) == (34.0, 69.2, "admin1")


def test_another_romanisation_of_an_izafe_finds_the_district(make_doc, res):
    got = places(make_doc, res, "A bomb killed two soldiers in Torgai of Dehi Sabz district, Kandahar.")
    assert got["Dehi Sabz"]["status"] == "resolved" and got["Dehi Sabz"]["precision"] == "admin2"
    assert got["Torgai"]["status"] == "coarse" and (got["Torgai"]["lat"], got["Torgai"]["lon"]) == (31.3, 65.1)


def test_a_village_known_only_by_its_province_is_placed_where_the_province_s_towns_are(make_doc, res):
    # the median of Borno's towns (11.52, 13.69), not the state's reference point (11.5, 13.0); a
    # province named after a town keeps that town's point
    got = places(make_doc, res, "Gunmen killed three farmers in Kawuri village, Borno State, on Sunday.")
    p = got["Kawuri"]
    assert p["status"] == "coarse" and p["precision"] == "admin1" and p["admin1"] == "Borno"
    assert (p["lat"], p["lon"]) == (11.52, 13.69)
    assert (got["Borno State"]["lat"], got["Borno State"]["lon"]) == (11.5, 13.0)  # the state itself: its own point
    got = places(make_doc, res, "Gunmen killed three farmers in Dandara village, Balkh province.")
    assert got["Dandara"]["status"] == "coarse" and (got["Dandara"]["lat"], got["Dandara"]["lon"]) == (36.76, 66.9)


def test_the_median_of_a_division_across_the_180th_meridian_stays_on_its_side():
    # an invented division with towns on both sides of the meridian: a plain median of longitudes
    # (179.9 and -179.9) would put it at 0, in the Gulf of Guinea
    from sitrep.gazetteer import InMemoryGazetteer

    gaz = InMemoryGazetteer([
        {"name": "Motu Loa", "kind": "admin1", "country": "FJ", "admin1": "01", "lat": -17.5, "lon": -179.8},
        {"name": "Naviti", "country": "FJ", "admin1": "01", "lat": -17.2, "lon": 179.9, "population": 900},
        {"name": "Vunisea", "country": "FJ", "admin1": "01", "lat": -17.8, "lon": -179.9, "population": 700},
    ])
    division = next(e for e in gaz.lookup("Motu Loa", variants=False) if e.kind == "admin1")
    lat, lon = gaz.places_median(division)
    assert abs(lat + 17.5) < 1e-6 and abs(lon) > 179.5
