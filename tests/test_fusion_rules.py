"""Fusion rules on short reports written for these tests: what links two reports, what keeps look-alikes apart,
and one main event per report (fragments join it, background events stand alone)."""
from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.fusion import fuse
from sitrep.fusion.link import link_reports
from sitrep.fusion.names import name_keys, named_in
from sitrep.fusion.rules import DEFAULTS, EventRecord, Place, Report, compare, names_match
from sitrep.io.store import Store
from sitrep.web.samples import sample_document

D = date(2021, 5, 4)


def _report(doc, places=(), *, fat=None, day=D, lo=None, perps=(), context=(), country="XA", text=""):
    return Report(document_id=doc, events=[], tclass="political violence", lo=lo or day, hi=day,
                  places=list(places), fatalities=fat, perpetrators=set(perps), names=set(perps), tokens=set(),
                  real=True, country=country, role="main", context=list(context), keys=name_keys(text))


def _town(name, lat=10.0, lon=20.0, admin1="North", mention=None, precision="city"):
    return Place(name, lat, lon, "XA", admin1, precision, mention=mention)


def _village(name):  # a village the gazetteer lacks: a name, no coordinates
    return Place(name, None, None, None, None, None)


NORTH = Place("North", 10.5, 20.5, "XA", "North", "admin1")


@pytest.mark.parametrize("a,b", [("Dowlatabad", "Dawlat Abad"), ("Khan Abad", "Khanabad"),
                                 ("Lokichoggio", "Lokichokio"), ("Qalāt", "Qalat")])
def test_names_match_transliterations(a, b):
    assert names_match(a, b)


@pytest.mark.parametrize("a,b", [("Tiboro", "Kamba"), ("Di", "Dori"), ("Kabul", "Kandahar"),
                                 ("Tarkh", "Toruk"), ("Sorga", "Soraki Sorak")])
def test_names_match_keeps_different_names_apart(a, b):
    assert not names_match(a, b)


def test_transliterated_village_links_two_reports():
    a = _report("a", [_village("Dawlat Abad")], fat=12)
    b = _report("b", [_town("Dowlatabad")], fat=10)
    v = compare(a, b, DEFAULTS)
    assert v.linked and "same place" in v.text()


def test_district_report_links_village_report_with_other_evidence_only():
    village = _report("a", [_town("Kelmo", admin1="North")], fat=9)
    province_same_toll = _report("b", [NORTH], fat=9)
    province_no_toll = _report("c", [NORTH], lo=date(2021, 5, 3))  # a publication window, no toll
    assert compare(village, province_same_toll, DEFAULTS).linked  # within the province, same day, same toll
    assert not compare(village, province_no_toll, DEFAULTS).linked  # the province alone is too vague
    elsewhere = _report("d", [_town("Kelmo", admin1="South")], fat=9)
    assert compare(elsewhere, _report("e", [NORTH], fat=9), DEFAULTS).veto  # a town outside that province


def test_village_named_elsewhere_in_the_district_report_counts():
    village = _report("a", [_village("Tiboro")], fat=5)
    district = _report("b", [NORTH], fat=None, context=[_village("Tiboro"), NORTH])
    v = compare(village, district, DEFAULTS)
    assert v.linked and "both name Tiboro" in v.text()


def test_evolving_toll_links_but_incompatible_tolls_keep_apart():
    p = [_town("Kelmo")]
    assert compare(_report("a", p, fat=8), _report("b", p, fat=13), DEFAULTS).linked
    v = compare(_report("a", p, fat=1), _report("b", p, fat=12), DEFAULTS)
    assert not v.linked and "evolving count" in v.veto


def test_differently_named_group_is_not_a_different_perpetrator():
    p = [_town("Kelmo")]
    a = _report("a", p, perps={"JNIM"})
    b = _report("b", p, perps={"Jama'at", "Nusrat", "Islam", "Muslimin"})
    assert compare(a, b, DEFAULTS).linked
    v = compare(a, _report("c", p, perps={"Ansarul"}), DEFAULTS)
    assert v.veto and "perpetrators" in v.veto


def test_two_neighbourhoods_of_one_city_stay_apart():
    east = _report("a", [_town("Harbour City", mention="Old Market")], fat=3)
    west = _report("b", [_town("Harbour City", mention="Green Hill")], fat=3)
    v = compare(east, west, DEFAULTS)
    assert not v.linked and "different places" in v.veto
    again = _report("c", [_town("Harbour City", mention="Old Market")], fat=4)
    assert compare(east, again, DEFAULTS).linked


def test_vague_city_point_needs_other_evidence():
    named = _report("a", [_town("Harbour City", mention="Old Market")])
    city = _report("b", [_town("Harbour City")], lo=date(2021, 5, 3))
    assert not compare(named, city, DEFAULTS).linked
    assert compare(named, _report("c", [_town("Harbour City")], fat=None), DEFAULTS).linked  # and the same day


def test_dates_that_cannot_overlap_keep_apart():
    v = compare(_report("a", [_town("Kelmo")]), _report("b", [_town("Kelmo")], day=date(2021, 5, 8)), DEFAULTS)
    assert v.veto and "days apart" in v.veto


def test_a_vague_report_between_two_look_alikes_joins_one_only():
    a = _report("a", [_village("Tiboro")], fat=6)
    b = _report("b", [_village("Selma")], fat=6)
    vague = _report("c", [NORTH], fat=6)
    clusters, _ = link_reports([a, b, vague], DEFAULTS)
    assert clusters[0] != clusters[1]
    assert clusters[2] in (clusters[0], clusters[1])


# -- whole documents through fuse(): one main event per report ---------------------------------------

KELMO = {"id": "P1", "name": "Kelmo", "lat": 10.0, "lon": 20.0, "country": "XA", "admin1": "North",
         "precision": "city"}
PORT = {"id": "P2", "name": "Port Amel", "lat": 12.0, "lon": 25.0, "country": "XA", "admin1": "South",
        "precision": "city"}


def _ev(i, evidence, *, fat=None, place="P1", date_=None, type_="ASSAULT", acled="Battles"):
    return {"id": i, "type": type_, "acled_event_type": acled, "acled_subtype": "Armed clash", "place": place,
            "date": date_, "fatalities": fat, "factuality": "asserted", "confidence": 0.8, "evidence": evidence}


def _store(tmp_path, docs):
    s = Store(tmp_path / "f.duckdb")
    for d in docs:
        s.write_document(d)
    return s


def test_fragment_joins_the_main_event_and_background_stands_alone(tmp_path):
    text = ("Gunmen attacked an army post in Kelmo on Monday, killing nine soldiers, officials said.\n\n"
            "One police officer was also killed in the attack.\n\n"
            "Two days earlier, militants attacked a convoy near Port Amel, killing four.")
    doc = sample_document("r1", text, published="2021-05-04", places=[KELMO, PORT], events=[
        _ev("E1", "Gunmen attacked an army post in Kelmo on Monday, killing nine soldiers", fat=9,
            date_="2021-05-03"),
        _ev("E2", "One police officer was also killed", fat=1),
        _ev("E3", "militants attacked a convoy near Port Amel, killing four", fat=4, place="P2")])
    with _store(tmp_path, [doc]) as s:
        fuse(s)
        rows = dict(((i, (inc, role))) for i, inc, role in
                    s.con.execute("SELECT id, incident_id, fusion_role FROM events").fetchall())
    assert rows["E1"][1] == "main" and rows["E2"][1] == "fragment" and rows["E3"][1] == "background"
    assert rows["E1"][0] == rows["E2"][0] != rows["E3"][0]


def test_reports_of_one_attack_become_one_incident_with_an_explanation(tmp_path):
    a = sample_document("r1", "Gunmen killed nine soldiers at an army post in Kelmo on Monday.",
                        published="2021-05-04", places=[KELMO], events=[
                            _ev("E1", "Gunmen killed nine soldiers at an army post in Kelmo", fat=9,
                                date_="2021-05-03")])
    kelmo_b = dict(KELMO, name="Kelmó", mention="Kelmo")
    b = sample_document("r2", "The toll from Monday's attack in Kelmo rose to 11.", published="2021-05-05",
                        places=[kelmo_b], events=[_ev("E1", "The toll from Monday's attack in Kelmo rose to 11",
                                                      fat=11, date_="2021-05-03")])
    with _store(tmp_path, [a, b]) as s:
        stats = fuse(s)
        iid = s.con.execute("SELECT id FROM incidents WHERE n_documents = 2").fetchone()[0]
        explain = json.loads(s.con.execute("SELECT explain FROM incidents WHERE id = ?", [iid]).fetchone()[0])
    assert stats["multi_source_incidents"] == 1
    assert explain["joins"] and "same place" in explain["joins"][0]["why"]
    from sitrep.cli import app

    out = CliRunner().invoke(app, ["incidents", "--db", str(tmp_path / "f.duckdb"), "--no-fuse",
                                   "--explain", iid[:10]])
    assert out.exit_code == 0, out.output
    assert "joined through" in out.output and "same place" in out.output


def test_link_only_what_is_unlinked(tmp_path):
    a = sample_document("r1", "Gunmen killed nine soldiers in Kelmo on Monday.", published="2021-05-04",
                        places=[KELMO], events=[_ev("E1", "Gunmen killed nine soldiers in Kelmo", fat=9,
                                                    date_="2021-05-03")])
    with _store(tmp_path, [a]) as s:
        fuse(s)
        first = s.con.execute("SELECT incident_id FROM events").fetchone()[0]
        b = sample_document("r2", "Nine soldiers died in Kelmo on Monday.", published="2021-05-04",
                            places=[KELMO], events=[_ev("E1", "Nine soldiers died in Kelmo", fat=9,
                                                        date_="2021-05-03")])
        s.write_document(b)
        assert fuse(s)["new_events"] == 1
        assert fuse(s)["new_events"] == 0  # nothing left to link: idempotent
        ids = {r[0] for r in s.con.execute("SELECT incident_id FROM events").fetchall()}
    assert ids == {first}


def test_acled_export_one_row_per_incident_without_passing_mentions(tmp_path):
    from sitrep.export import load_events
    from sitrep.export.acled import incident_rows

    text = ("Gunmen killed nine soldiers in Kelmo on Monday.\n\n"
            "Troops were later deployed to the area.")
    doc = sample_document("r1", text, published="2021-05-04", places=[KELMO, PORT], events=[
        _ev("E1", "Gunmen killed nine soldiers in Kelmo", fat=9, date_="2021-05-03"),
        _ev("E2", "Troops were later deployed to the area", type_="MOBILIZE", acled="Strategic developments",
            place=None)])
    b = sample_document("r2", "Nine soldiers died in Kelmo on Monday.", published="2021-05-04",
                        places=[KELMO], events=[_ev("E1", "Nine soldiers died in Kelmo", fat=9, date_="2021-05-03")])
    with _store(tmp_path, [doc, b]) as s:
        fuse(s)
        rows = incident_rows(load_events(s.con))
    assert [r["event_type"] for r in rows] == ["Battles"]


def test_a_capital_city_point_links_only_with_other_evidence():
    def capital(doc, **kw):
        return _report(doc, [Place("Harbour City", 10.0, 20.0, "XA", "North", "city", feature="P.PPLC")], **kw)

    v = compare(capital("a", fat=3), capital("b", fat=6, day=date(2021, 5, 5)), DEFAULTS)
    assert not v.linked and "same city" in v.text()  # a day apart, tolls that do not agree
    assert compare(capital("a", fat=3), capital("b", fat=4), DEFAULTS).linked  # the same day and toll


@pytest.mark.parametrize("name,strict,expected", [
    ("Suspected jihadists", True, set()), ("eight Taliban fighters", True, {"Taliban"}),
    ("al-Shabaab militants", True, {"Shabaab"}), ("Suspected jihadists", False, {"Suspected"}),
])
def test_proper_words_of_actor_names(name, strict, expected):
    from sitrep.fusion import _proper_words

    assert _proper_words(name, strict=strict) == expected


def test_two_attacks_in_one_province_on_consecutive_days_stay_apart():
    a = _report("a", [_town("Kelmo", admin1="North")], fat=5)
    b = _report("b", [NORTH], fat=6, day=date(2021, 5, 5))  # the next day, the province only
    v = compare(a, b, DEFAULTS)
    assert not v.linked and "different days" in v.text()
    assert compare(a, _report("c", [NORTH], fat=6), DEFAULTS).linked  # the same day


def test_a_town_named_like_its_province_may_stand_for_the_province():
    seat = _town("North", lat=10.0, lon=20.0, admin1="North")  # the province's seat, named like it
    village = _town("Kelmo", lat=11.0, lon=20.5, admin1="North")  # 120 km away, in that province
    assert compare(_report("a", [seat], fat=5), _report("b", [village], fat=5), DEFAULTS).linked
    far = _town("Selo", lat=11.0, lon=20.5, admin1="South")
    assert compare(_report("a", [seat], fat=5), _report("b", [far], fat=5), DEFAULTS).veto


def test_a_village_named_in_passing_does_not_outweigh_two_different_event_places():
    a = _report("a", [_village("Tiboro")], fat=12, context=[_village("Tiboro"), _village("Selma")])
    b = _report("b", [_village("Selma")], fat=7)  # the other report's event is in Selma, which a names
    assert compare(a, b, DEFAULTS).veto


def test_a_toll_read_from_the_text_counts_for_a_link_but_never_against_it():
    p = [_town("Kelmo")]
    counted = _report("b", p, fat=2)
    counted.toll_loose = True  # "two soldiers were killed" elsewhere in the report
    assert compare(_report("a", p, fat=22), counted, DEFAULTS).linked
    told = _report("c", p, fat=2)  # the event's own toll: 2 and 22 cannot be one count
    assert compare(_report("a", p, fat=22), told, DEFAULTS).veto


def test_an_event_told_in_passing_links_to_no_other_report():
    a = _report("a", [_town("Kelmo")], fat=5)
    passing = _report("b", [_town("Kelmo")], fat=5)
    passing.role = "background"  # "two days earlier, gunmen attacked Kelmo ..." in another report
    v = compare(a, passing, DEFAULTS)
    assert not v.linked and "passing" in v.veto


def test_a_shared_perpetrator_and_a_province_do_not_link_reports_of_other_days():
    a = _report("a", [NORTH], fat=1, perps={"Ansarul"}, lo=date(2021, 5, 3))
    b = _report("b", [NORTH], fat=1, perps={"Ansarul"})
    assert not compare(a, b, DEFAULTS).linked


# -- names the places layer missed, places that are not places, reports placed nowhere -----------------

def test_a_village_the_other_report_names_only_in_its_text_counts():
    village = _report("a", [_village("Tiboro")], fat=5)
    district = _report("b", [NORTH], text="Gunmen killed five herders near Tiboro, in North province, on Tuesday.")
    v = compare(village, district, DEFAULTS)
    assert v.linked and "both name Tiboro (in the text)" in v.text()
    silent = _report("c", [NORTH], text="Gunmen killed five herders in North province on Tuesday.")
    assert not compare(village, silent, DEFAULTS).linked  # the province alone, no toll: too vague


def test_a_spelling_variant_in_the_text_counts_and_a_dateline_does_not():
    village = _report("a", [_village("Dawlat Abad")])
    assert compare(village, _report("b", [NORTH], text="Fighting in Dowlatabad district."), DEFAULTS).linked
    dateline = name_keys("TIBORO, May 4 -")  # a dateline in capitals says where the reporter is
    assert not any(k in dateline for k in name_keys("Tiboro"))


def test_a_district_named_in_the_text_does_not_count_against_the_report_own_district():
    seno = Place("Kora", 14.0, 0.0, "XA", "North", "admin2")
    other = Place("Tesari", 14.5, 0.3, "XA", "North", "admin2")  # another district, 65 km away
    a = _report("a", [seno])
    assert compare(a, _report("b", [Place("Kora", 14.0, 0.0, "XA", "North", "admin2")]), DEFAULTS).linked
    b = _report("b", [other], text="#Kora: a driver was shot dead near Tesari today.")
    assert not compare(a, b, DEFAULTS).linked  # b's event is in Tesari; naming Kora does not move it


def test_two_event_places_each_report_names_are_one_place_told_two_ways():
    a = _report("a", [_village("Tiboro")], fat=4, text="A cart hit a mine between Tiboro and Selma on Saturday.")
    b = _report("b", [_village("Selma")], fat=4, text="Four people died on the Selma road from Tiboro.")
    v = compare(a, b, DEFAULTS)
    assert v.linked and "each names the other's place" in v.text()
    # one direction only: a village and the commune of another village (two incidents a day apart in one commune)
    c = _report("c", [_village("Selma")], fat=7, text="Seven people were killed near Selma.")
    d = _report("d", [_village("Tiboro")], fat=12, text="Twelve were killed in Tiboro, in the commune of Selma.")
    assert compare(c, d, DEFAULTS).veto


def test_mutual_naming_does_not_join_two_towns_far_apart():
    a = _report("a", [_town("Kelmo", lat=10.0, lon=20.0)], fat=4, text="Kelmo and Port Amel")
    b = _report("b", [_town("Port Amel", lat=12.0, lon=21.0)], fat=4, text="Port Amel and Kelmo")
    assert compare(a, b, DEFAULTS).veto  # 240 km apart: more than mutual_km


def test_a_report_that_names_no_place_is_compared_with_every_report_of_its_days():
    placed = _report("a", [_village("Tiboro")], fat=10, country="XA")
    nowhere = _report("b", [], fat=10, country="XB")  # its country a guess from a neighbour it names
    clusters, _ = link_reports([placed, nowhere], DEFAULTS)
    assert clusters[0] == clusters[1]
    other_day = _report("c", [], fat=10, day=date(2021, 5, 9))
    assert link_reports([placed, other_day], DEFAULTS)[0][0] != link_reports([placed, other_day], DEFAULTS)[0][1]


def test_a_place_that_is_a_date_or_part_of_a_group_name_is_not_a_place():
    from sitrep.fusion.spans import not_a_place

    tuesday = {"name": "Tuesday", "lat": 34.9, "lon": 71.1, "mentions": [{"start": 40, "end": 47}]}
    assert not_a_place(tuesday, dates=[(40, 47)], names=[])
    sahara = {"name": "Greater Sahara", "lat": None, "mentions": [{"start": 30, "end": 44}]}
    assert not_a_place(sahara, dates=[], names=[(9, 44)])  # "Islamic State in the Greater Sahara"
    kelmo = {"name": "Kelmo", "lat": 10.0, "lon": 20.0, "mentions": [{"start": 0, "end": 5}, {"start": 60, "end": 65}]}
    assert not not_a_place(kelmo, dates=[], names=[(0, 20)])  # a known town, and named outside the name too
    assert not not_a_place(dict(kelmo, lat=None), dates=[], names=[(0, 20)])  # one mention outside the name


TIBORO = {"id": "P1", "name": "Tiboro", "lat": None, "lon": None, "country": None, "admin1": None, "precision": None}


def test_a_group_name_read_as_a_place_does_not_keep_two_reports_apart(tmp_path):
    sahara = {"id": "P2", "name": "Greater Sahara", "lat": None, "lon": None, "country": None, "admin1": None,
              "precision": None}
    group = {"id": "A1", "name": "Islamic State (Greater Sahara)", "kind": "armed group",
             "mention": "Islamic State in the Greater Sahara"}
    a = sample_document("r1", "Gunmen killed twelve people in Tiboro on Monday. Militants of the Islamic State "
                        "in the Greater Sahara are active there.", published="2021-05-04",
                        places=[TIBORO, sahara], actors=[group],
                        events=[_ev("E1", "Gunmen killed twelve people", fat=12, place="P2", date_="2021-05-03")])
    b = sample_document("r2", "Twelve people were killed in Tiboro on Monday.", published="2021-05-04",
                        places=[TIBORO], events=[_ev("E1", "Twelve people were killed in Tiboro", fat=12,
                                                     date_="2021-05-03")])
    with _store(tmp_path, [a, b]) as s:
        fuse(s)
        ids = {r[0] for r in s.con.execute("SELECT incident_id FROM events").fetchall()}
    assert len(ids) == 1  # with "Greater Sahara" as a's place, two unknown village names would differ


def test_an_undated_main_event_takes_the_day_another_event_of_the_report_gives(tmp_path):
    text = ("On Sunday, armed men attacked the village of Tiboro.\n\n"
            "Eight civilians were killed and five injured, according to local sources.")
    doc = sample_document("r1", text, published="2021-05-04", places=[TIBORO], events=[
        _ev("E1", "armed men attacked the village of Tiboro", date_="2021-05-02", acled="Violence against civilians"),
        _ev("E2", "Eight civilians were killed and five injured", fat=8, acled="Violence against civilians")])
    with _store(tmp_path, [doc]) as s:
        fuse(s)
        rows = dict((i, (inc, role)) for i, inc, role in
                    s.con.execute("SELECT id, incident_id, fusion_role FROM events").fetchall())
    assert {rows["E1"][1], rows["E2"][1]} == {"main", "fragment"}
    assert rows["E1"][0] == rows["E2"][0]


def test_a_name_in_the_text_must_be_spelt_like_the_place_not_only_share_its_consonants():
    keys = name_keys("Norvan forces shelled Kala Toruk district.")
    assert not any(named_in(n, keys) for n in ("Norvanyah", "Tarkh"))
    assert named_in("Kala Toruk", keys) and named_in("Kala Torouk", keys)


def test_two_districts_of_the_gazetteer_are_two_places():
    kora = Place("Kora", 14.0, 0.0, "XA", "North", "admin2")
    tesari = Place("Tesari", 14.3, 0.1, "XA", "North", "admin2")  # 35 km away
    v = compare(_report("a", [kora], fat=5), _report("b", [tesari], fat=5), DEFAULTS)
    assert v.veto and "different districts" in v.veto


def test_a_village_the_places_layer_put_at_its_district_is_compared_as_that_village():
    from sitrep.fusion import _place

    # "Tiboro, in Tesari district": the gazetteer lacks Tiboro, the places layer gives Tesari's point ('coarse')
    coarse = {"name": "Tiboro", "lat": 14.3, "lon": 0.1, "country": "XA", "admin1": "North", "precision": "admin2",
              "status": "coarse", "mentions": [{"start": 0, "end": 6, "text": "Tiboro"}]}
    tiboro = _place(coarse, "")
    assert tiboro.level == 0 and not tiboro.located and tiboro.admin1 == "North"
    selma = _place(dict(coarse, name="Selma", mentions=[{"start": 0, "end": 5, "text": "Selma"}]), "")
    assert compare(_report("a", [tiboro], fat=5), _report("b", [selma], fat=5), DEFAULTS).veto  # two villages
    assert compare(_report("a", [tiboro], fat=5), _report("b", [NORTH], fat=5), DEFAULTS).linked  # in its province


def test_a_village_its_sentence_puts_in_the_event_place_becomes_the_event_place():
    from sitrep.fusion.contain import finer_name

    text = "Gunmen attacked the village of Tiboro, in the commune of Selma, on Sunday."
    assert finer_name(text, text.index("Selma"), []) == "Tiboro"
    assert finer_name("Attacks by Ansarul in Selma.", 22, [(11, 18)]) is None  # a group's name is no village
    assert finer_name("Police in Selma said.", 10, []) is None  # the first word of a sentence


def test_a_village_and_the_other_end_of_its_road():
    from sitrep.fusion.contain import between_name

    text = "A cart hit a mine between Tiboro and Selma on Saturday."
    assert between_name(text, text.index("Selma"), text.index("Selma") + 5, []) == "Tiboro"
    assert between_name(text, text.index("Tiboro"), text.index("Tiboro") + 6, []) == "Selma"


def test_two_villages_of_one_commune_stay_apart_though_both_reports_name_the_commune(tmp_path):
    commune = {"id": "P2", "name": "Selma", "lat": None, "lon": None, "country": None, "admin1": None,
               "precision": None}
    a = sample_document("r1", "Gunmen killed twelve people in the village of Tiboro, in the commune of Selma, on "
                        "Monday.", published="2021-05-04", places=[TIBORO, commune],
                        events=[_ev("E1", "Gunmen killed twelve people in the village of Tiboro, in the commune of "
                                    "Selma", fat=12, place="P2", date_="2021-05-03")])  # placed at the commune
    b = sample_document("r2", "Seven traders were killed near Kamba, in the commune of Selma, on Monday.",
                        published="2021-05-04", places=[commune],
                        events=[_ev("E1", "Seven traders were killed near Kamba, in the commune of Selma", fat=7,
                                    place="P2", date_="2021-05-03")])
    with _store(tmp_path, [a, b]) as s:
        fuse(s)
        ids = {r[0] for r in s.con.execute("SELECT incident_id FROM events").fetchall()}
    assert len(ids) == 2  # b's event is at Kamba, in Selma: not Tiboro


def test_a_tally_over_a_year_is_no_fragment_of_the_day_attack(tmp_path):
    text = ("Gunmen killed nine soldiers in Kelmo on Monday.\n\n"
            "Armed groups have killed hundreds of people in the country this year.")
    doc = sample_document("r1", text, published="2021-05-04", places=[KELMO], events=[
        _ev("E1", "Gunmen killed nine soldiers in Kelmo on Monday", fat=9, date_="2021-05-03"),
        _ev("E2", "Armed groups have killed hundreds of people", fat=100, date_="2021")])
    with _store(tmp_path, [doc]) as s:
        fuse(s)
        rows = dict((i, (inc, role)) for i, inc, role in
                    s.con.execute("SELECT id, incident_id, fusion_role FROM events").fetchall())
    assert rows["E1"][1] == "main" and rows["E2"][1] != "fragment" and rows["E1"][0] != rows["E2"][0]


# -- tallies over a period: background, never a report's main event nor its toll --------------------------

def _rec(i, text, phrase, *, fat=None, lo=D, hi=D, dated=True):
    return EventRecord("r", i, "ASSAULT", lo, hi, None, evidence=phrase, acled_type="Battles", fatalities=fat,
                       dated=dated, start=text.index(phrase), confidence=0.9)


def _plan(recs, text, tolls=()):
    from sitrep.fusion.report import plan_document
    return plan_document(recs, text, settings=DEFAULTS, violent={"political violence"}, published=D,
                         tolls=list(tolls))


TALLY = ("Gunmen killed four villagers in Kelmo on Monday, officials said. The attackers fled on motorcycles "
         "towards the border.\n\nArmed groups have killed hundreds of people in the region this year. "
         "Militants have stepped up raids on farms in recent weeks.")


def test_a_tally_over_a_period_is_background_and_stands_alone():
    main = _rec("E1", TALLY, "Gunmen killed four villagers in Kelmo", fat=4)
    year = _rec("E2", TALLY, "Armed groups have killed hundreds of people in the region this year", fat=100,
                lo=date(2021, 1, 1), hi=date(2021, 12, 31))  # dated to a year of its own
    weeks = _rec("E3", TALLY, "Militants have stepped up raids on farms in recent weeks", dated=False,
                 lo=date(2021, 5, 3))  # no day of its own, a period cue in its words
    reports = _plan([main, year, weeks], TALLY)
    assert [e.role for e in (main, year, weeks)] == ["main", "background", "background"]
    assert reports[0].events == [main] and reports[0].fatalities == 4


def test_a_period_word_in_the_lead_sentence_leaves_the_news_its_main_event():
    text = "The deadliest attack this year killed nine people in Kelmo, officials said.\n\nMore follows."
    lead = _rec("E1", text, "The deadliest attack this year killed nine people in Kelmo", fat=9, dated=False,
                lo=date(2021, 5, 3))
    _plan([lead], text)
    assert lead.role == "main"


def test_a_death_count_over_a_period_is_not_the_reports_toll():
    main = _rec("E1", TALLY, "Gunmen killed four villagers in Kelmo")  # the event carries no toll
    reports = _plan([main], TALLY, tolls=[(TALLY.index("four"), 4), (TALLY.index("hundreds"), 100)])
    assert reports[0].fatalities == 4 and reports[0].toll_loose


def test_two_differently_named_towns_a_few_km_apart_need_more_than_nearness():
    a = _report("a", [_town("Kelmo", lat=10.0, lon=20.0)], fat=4)
    b = _report("b", [_town("Selo", lat=10.04, lon=20.03)], fat=12, lo=date(2021, 5, 3))  # 5 km, a window
    v = compare(a, b, DEFAULTS)
    assert not v.linked and "km apart" in v.text()  # a look-alike next door: two names are two places
    same_day = _report("c", [_town("Selo", lat=10.04, lon=20.03)], fat=5)
    assert compare(a, same_day, DEFAULTS).linked  # the same day and one toll agree as well


def test_a_toll_only_a_fragment_gives_counts_for_a_link_but_never_against_it():
    text = ("Two ambushes killed a mayor and his escort near Kelmo on Monday, officials said. The attackers "
            "fled.\n\nA rescue unit sent to the scene was then ambushed, leaving nine soldiers dead.")
    main = _rec("E1", text, "Two ambushes killed a mayor and his escort near Kelmo")  # no toll of its own
    rescue = _rec("E2", text, "A rescue unit sent to the scene was then ambushed, leaving nine soldiers dead",
                  fat=9)
    wire = _plan([main, rescue], text)[0]
    assert rescue.role == "fragment" and wire.fatalities == 9 and wire.toll_loose
    wire.places = [_town("Kelmo")]
    early = _report("b", [_town("Kelmo")], fat=1)  # "the mayor has been killed": one victim of several
    assert compare(wire, early, DEFAULTS).linked
    own = _rec("E1", text, "Two ambushes killed a mayor and his escort near Kelmo", fat=9)
    firm = _plan([own], text)[0]
    firm.places = [_town("Kelmo")]
    assert not firm.toll_loose and compare(firm, early, DEFAULTS).veto  # the main event's own 9 against 1


def test_a_fragment_toll_above_the_main_event_own_is_loose():
    text = ("Gunmen killed a mayor near Kelmo on Monday, officials said. The attackers fled on motorcycles "
            "towards the border.\n\nA rescue unit sent to the scene was then ambushed, leaving nine soldiers dead.")
    main = _rec("E1", text, "Gunmen killed a mayor near Kelmo", fat=1)  # its own toll, lower than the fragment's
    rescue = _rec("E2", text, "A rescue unit sent to the scene was then ambushed, leaving nine soldiers dead",
                  fat=9)
    wire = _plan([main, rescue], text)[0]
    assert rescue.role == "fragment" and wire.fatalities == 9 and wire.toll_loose
    wire.places = [_town("Kelmo")]
    assert compare(wire, _report("b", [_town("Kelmo")], fat=1), DEFAULTS).linked  # the mayor alone: no veto


def test_a_question_ends_a_sentence_for_the_lead_and_for_the_sentence_around_an_event():
    from sitrep.fusion.report import sentence_at
    text = ("Who attacked Kelmo? Gunmen killed four villagers there on Monday, and armed groups have killed "
            "hundreds of people in the region this year, officials said.\n\nMore follows.")
    assert sentence_at(text, 0, 5) == "Who attacked Kelmo"  # not running on into the next sentence
    main = _rec("E1", text, "Who attacked Kelmo", dated=False)
    year = _rec("E2", text, "armed groups have killed hundreds of people in the region this year", fat=100,
                lo=date(2021, 1, 1), hi=date(2021, 12, 31))
    _plan([main, year], text)
    assert year.role == "background"  # a tally after the lead's first sentence, which ends at the '?'


def test_load_events_by_incident_selects_them_and_refuses_a_store_never_fused(tmp_path):
    from sitrep.errors import StoreError
    from sitrep.export import load_events

    a = sample_document("r1", "Gunmen killed nine soldiers in Kelmo on Monday.", published="2021-05-04",
                        places=[KELMO], events=[_ev("E1", "Gunmen killed nine soldiers in Kelmo", fat=9,
                                                    date_="2021-05-03")])
    b = sample_document("r2", "Troops were deployed to the port on Friday.", published="2021-05-04",
                        places=[PORT], events=[_ev("E1", "Troops were deployed to the port", type_="MOBILIZE",
                                                   acled="Strategic developments", place="P2", date_="2021-04-30")])
    with _store(tmp_path, [a, b]) as s:
        with pytest.raises(StoreError, match="not been fused"):
            load_events(s.con, incident_ids=["I1"])
        fuse(s)
        first = load_events(s.con)[0]
        picked = load_events(s.con, incident_ids=[first["incident_id"]])
    assert [r["incident_id"] for r in picked] == [first["incident_id"]]
