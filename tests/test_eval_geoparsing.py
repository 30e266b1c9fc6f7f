"""The geoparsing scorer (sitrep.eval.geoparsing) on a two-article corpus written for the test."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.eval.geoparsing import counters, read_corpus, score_article

XML = """<articles>
<article docid="a1"><text>Shelling hit Kharkiv and Alberta.</text><toponyms>
<toponym><phrase>Kharkiv</phrase><start>13</start><end>20</end>
<gaztag geonameid="706483"><lat>49.98</lat><lon>36.25</lon></gaztag></toponym>
<toponym><phrase>Alberta</phrase><start>25</start><end>32</end>
<gaztag geonameid="5883102"><lat>52.28</lat><lon>-117.47</lon></gaztag></toponym>
</toponyms></article>
</articles>"""


def _doc(text, places):
    d = Document(text=text, meta={"id": "a1"})
    d.layers["places"] = places
    return d


def _place(name, start, lat, lon, gid):
    return {"name": name, "lat": lat, "lon": lon, "geonameid": gid, "precision": "city", "country": "X",
            "admin1": None, "mentions": [{"start": start, "end": start + len(name), "text": name}]}


def test_found_toponyms_are_scored_by_distance_and_by_geonames_id(tmp_path):
    path = tmp_path / "c.xml"
    path.write_text(XML, encoding="utf-8")
    (art,) = read_corpus(path)
    assert [t.geonameid for t in art.toponyms] == [706483, 5883102]
    c = counters()
    # Kharkiv right by id and point; Alberta right entry but a point 300 km off
    doc = _doc(art.text, [_place("Kharkiv", 13, 49.98, 36.25, 706483), _place("Alberta", 25, 54.9, -116.0, 5883102)])
    score_article(art, doc, c)
    assert (c["found"], c["within"], c["with_id"], c["same_id"]) == (2, 1, 2, 2)
    c2 = counters()
    score_article(art, _doc(art.text, [_place("Kharkiv", 13, 49.98, 36.25, 1)]), c2)
    assert (c2["found"], c2["within"], c2["with_id"], c2["same_id"]) == (1, 1, 1, 0)


def test_a_country_reading_off_the_gold_point_counts_for_acc161_or_area_when_the_point_lies_in_it(tmp_path):
    from sitrep.gazetteer import InMemoryGazetteer

    gaz = InMemoryGazetteer([
        {"name": "Canada", "kind": "country", "country": "CA", "lat": 60.1, "lon": -113.6},
        {"name": "Arviat", "country": "CA", "admin1": "14", "lat": 61.1, "lon": -94.06, "population": 2600},
        {"name": "Nuuk", "country": "GL", "admin1": "07", "lat": 64.18, "lon": -51.72, "population": 17000},
    ])
    assert gaz.nearest_town(60, -95).name == "Arviat" and gaz.nearest_town(65, -50).name == "Nuuk"
    xml = ('<articles><article docid="b"><text>Canada and Canada.</text><toponyms>'
           '<toponym><phrase>Canada</phrase><start>0</start><gaztag><lat>60</lat><lon>-95</lon></gaztag></toponym>'
           '<toponym><phrase>Canada</phrase><start>11</start><gaztag><lat>65</lat><lon>-50</lon></gaztag></toponym>'
           '</toponyms></article></articles>')
    path = tmp_path / "c.xml"
    path.write_text(xml, encoding="utf-8")
    (art,) = read_corpus(path)
    canada = dict(_place("Canada", 0, 60.1, -113.6, 6251999), precision="country", country="CA")
    canada["mentions"].append({"start": 11, "end": 17, "text": "Canada"})
    c = counters()
    score_article(art, _doc(art.text, [canada]), c, gaz=gaz)
    # 1,030 km from the first gold point but inside Canada; the second gold point is in Greenland
    assert (c["found_geo"], c["within"], c["area"]) == (2, 0, 1)
