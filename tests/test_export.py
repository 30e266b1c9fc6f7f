"""Exports: the ACLED CSV round-trips through DuckDB with ACLED's columns; GeoJSON and PLOVER parse."""
from __future__ import annotations

import json
import zipfile

import duckdb
import pytest

from sitrep.errors import ConfigError
from sitrep.export import Filters, export
from sitrep.export.acled import vocab
from sitrep.io.store import Store
from sitrep.web.samples import incident_pair, sample_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("export") / "x.duckdb")


def test_export_acled_round_trips_with_acled_columns_one_row_per_incident(db, tmp_path):
    out = tmp_path / "acled.csv"
    assert export(db, "acled", str(out))["rows"] == 2
    con = duckdb.connect()
    rel = con.execute(f"SELECT * FROM read_csv('{out}', header=true, all_varchar=true)")
    cols = [c[0] for c in rel.description]
    assert cols == vocab()["columns"]
    rows = [dict(zip(cols, r)) for r in rel.fetchall()]
    shelling = next(r for r in rows if r["location"] == "Kreminna")
    assert shelling["event_type"] in vocab()["event_types"]
    assert shelling["sub_event_type"] in vocab()["event_types"][shelling["event_type"]]["subtypes"]
    assert shelling["fatalities"] == "3" and shelling["source"] == "Wire A; Wire B"
    assert "Reports disagree on fatalities" in shelling["notes"] and "Ukrainian officials" in shelling["notes"]
    assert shelling["event_id_cnty"].startswith("UKR") and shelling["iso"] == "804"
    # Russia's forces in Ukraine: state forces outside their country are external forces (ACLED inter 8)
    assert shelling["disorder_type"] == "Political violence" and shelling["inter1"] == "8"
    assert (shelling["actor1"], shelling["actor2"], shelling["inter2"]) == ("Military Forces of Russia", "civilians", "7")
    assert (shelling["region"], shelling["country"], shelling["civilian_targeting"]) == ("Europe", "Ukraine",
                                                                                       "Civilian targeting")
    protest = next(r for r in rows if r["location"] == "Lviv")
    # civilians protesting are coded protesters, alone: "60"
    assert protest["interaction"] == "60" and "fatalities not reported" in protest["tags"]
    assert protest["actor1"] == "Protesters (Ukraine)" and not protest["source_scale"]  # outlet of unknown scale


def test_export_geojson_parses_with_one_feature_per_event_and_evidence(db, tmp_path):
    out = tmp_path / "x.geojson"
    export(db, "geojson", str(out), filters=Filters(type="ASSAULT"))
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    f = fc["features"][0]
    assert f["geometry"]["type"] == "Point" and f["geometry"]["coordinates"][1] == pytest.approx(49.05, abs=0.02)
    ev = f["properties"]["evidence"]
    assert ev["text"] and ev["end"] > ev["start"]


def test_export_plover_records_carry_manual_fields_and_provenance(db, tmp_path):
    out = tmp_path / "p.jsonl"
    export(db, "plover", str(out))
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == 3
    r = next(x for x in recs if x["id"] == "doc-a:E1")
    assert r["event"] == ["ASSAULT"] and r["date"] == "2022-04-06"
    assert r["actor"][0]["code"] == "RUS" and r["event_loc"]["country_code"] == "UKR"
    assert r["provenance"]["claimant"]["name"] == "Sergiy Gaiday" and r["link"].startswith("INC-")


def test_export_filters_bbox_country_and_dates(db, tmp_path):
    west = tmp_path / "w.geojson"
    export(db, "geojson", str(west), filters=Filters(bbox=(22.0, 48.0, 26.0, 51.0)))
    assert [f["properties"]["place"] for f in json.loads(west.read_text())["features"]] == ["Lviv"]
    none = tmp_path / "n.geojson"
    export(db, "geojson", str(none), filters=Filters(country="RU"))
    assert json.loads(none.read_text())["features"] == []
    day = tmp_path / "d.geojson"
    export(db, "geojson", str(day), filters=Filters(date_from="2022-04-07", date_to="2022-04-07"))
    assert len(json.loads(day.read_text())["features"]) == 1


def test_export_acled_leaves_out_threats_and_plans(tmp_path):
    from sitrep.web.samples import sample_document

    db = tmp_path / "t.duckdb"
    with Store(db) as s:
        s.write_document(sample_document("t1", "The rebels threatened to shell Goma on Monday.", published="2022-04-07",
                                         places=[{"id": "P1", "name": "Goma", "lat": -1.68, "lon": 29.22,
                                                  "country": "CD", "precision": "city"}],
                                         events=[{"id": "E1", "type": "THREATEN", "factuality": "threatened",
                                                  "acled_event_type": "Explosions/Remote violence", "place": "P1",
                                                  "evidence": "threatened to shell Goma"}]))
    out = tmp_path / "t.csv"
    assert export(str(db), "acled", str(out))["rows"] == 0
    geo = tmp_path / "t.geojson"
    assert export(str(db), "geojson", str(geo))["rows"] == 1  # still an event record, just not an ACLED row


def test_export_never_overwrites_without_force(db, tmp_path):
    out = tmp_path / "a.csv"
    out.write_text("keep")
    with pytest.raises(ConfigError, match="--force"):
        export(db, "acled", str(out))
    assert out.read_text() == "keep"
    export(db, "acled", str(out), force=True)
    assert out.read_text().startswith("event_id_cnty,")


def test_export_parquet_every_table_and_docs_archive(db, tmp_path):
    folder = tmp_path / "pq"
    export(db, "parquet", str(folder), filters=Filters(type="PROTEST"))
    names = sorted(p.stem for p in folder.glob("*.parquet"))
    assert {"documents", "events", "places", "incidents"} <= set(names)
    n = duckdb.connect().execute(f"SELECT count(*) FROM '{folder / 'events.parquet'}'").fetchone()[0]
    assert n == 1
    z = tmp_path / "docs.zip"
    export(db, "docs", str(z))
    with zipfile.ZipFile(z) as f:
        assert sorted(f.namelist()) == ["doc-a.json", "doc-b.json", "doc-c.json"]
        doc = json.loads(f.read("doc-b.json"))
        assert doc["events"][0]["incident_id"].startswith("INC-")
    with pytest.raises(ConfigError, match="folder"):
        export(db, "parquet", None)


def test_cli_export_incidents_and_report_end_to_end(tmp_path):
    from typer.testing import CliRunner

    from sitrep.cli.app import app
    import sitrep.cli  # noqa: F401  (registers the commands)

    db = tmp_path / "cli.duckdb"
    with Store(db) as s:
        for d in incident_pair():
            s.write_document(d)
    run = CliRunner().invoke
    r = run(app, ["incidents", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert lines[0]["n_documents"] == 2 and lines[0]["fatalities"] == 3
    out = tmp_path / "a.csv"
    assert run(app, ["export", "--format", "acled", "--db", str(db), "-o", str(out)]).exit_code == 0
    again = run(app, ["export", "--format", "acled", "--db", str(db), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.output
    assert run(app, ["export", "--format", "acled", "--db", str(db), "--bbox", "1,2"]).exit_code == 1
    html = tmp_path / "r.html"
    r = run(app, ["report", "--db", str(db), "--from", "2022-04-01", "--to", "2022-04-30", "-o", str(html)])
    assert r.exit_code == 0, r.output
    page = html.read_text()
    assert "<svg" in page and "aria-label=\"map of incidents\"" in page and "Sergiy Gaiday" in page and "Wire B" in page
    md = html.with_suffix(".md").read_text()
    assert "reports range 3–5; lowest recorded" in md and "| 2022-04-06 | 1 |" in md


def test_report_map_names_the_divisions_and_countries_around_the_incidents():
    import re

    from sitrep.web.svgmap import map_svg

    def names(svg):
        return re.findall(r'class="(?:pl|co|a1)">([^<]*)</text>', svg)

    group = {"place": {"name": "Kreminna", "lat": 49.05, "lon": 38.22, "precision": "town"}, "type": "Battles",
             "reports": 2}
    one = names(map_svg([group]))
    assert "Donets&#x27;k" in one and "Kharkiv" in one  # first-level divisions, Natural Earth's spelling
    assert "Kreminna" in one and "Luhans&#x27;k" not in one  # the incident's label; its division's centre is under it
    assert len(one) == len(set(one))
    lviv = {"place": {"name": "Lviv", "lat": 49.84, "lon": 24.03, "precision": "city"}, "type": "Protests", "reports": 1}
    wide = map_svg([group, lviv])
    assert "UKRAINE" in names(wide) and "MOLDOVA" in names(wide)  # the countries whose centres are in view
    assert wide.count("<circle") == 2 + 2 + 1 and "Protests" in wide  # two incidents; the legend: two types, a ring
    assert map_svg([{"place": {"name": "Somewhere"}, "type": "Riots", "reports": 1}]) is None
