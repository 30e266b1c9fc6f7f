"""The ACLED export fills every column the text supports (issue 15). Reports written for this test; the
whole pipeline runs, then ``export(..., "acled")``. Which columns may stay empty, and when, is stated here
(and in README.md, "The ACLED export")."""
from __future__ import annotations

import csv
import json

import pytest

from sitrep.engine.run import ingest
from sitrep.export import export

REPORTS = [
    {"id": "r-bus", "title": "Gunmen attack bus in Kenya", "published": "2024-05-07", "source": "Reuters",
     "text": "NAIROBI, May 6 (Reuters) - Gunmen attacked a bus near Mandera town in northeastern Kenya on "
             "Monday, killing four passengers, police said."},
    {"id": "r-march", "title": "March in Kisumu", "published": "2024-05-08", "source": "",
     "text": "Hundreds of protesters protested in Kisumu, Kenya, on Tuesday against high fuel prices."},
]
# column -> when it may be empty in these rows
MAY_BE_EMPTY = {
    "assoc_actor_1": "a single source", "assoc_actor_2": "a single target",
    "actor2": "the march names no target", "inter2": "the march names no target",
    "civilian_targeting": "actor 2 is not civilians", "admin2": "the gazetteer has no second-level division",
    "admin3": "the gazetteer has no third-level division", "source_scale": "an outlet of unknown scale",
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    d = tmp_path_factory.mktemp("acled")
    src = d / "reports.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    db = str(d / "x.duckdb")
    ingest([str(src)], db=db, jobs=1)
    out = d / "acled.csv"
    export(db, "acled", str(out))
    with out.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_export_acled_codes_an_unnamed_attack_on_civilians(rows):
    bus = next(r for r in rows if r["sub_event_type"] == "Attack" or "bus" in r["notes"])
    assert (bus["actor1"], bus["inter1"]) == ("Unidentified Armed Group (Kenya)", "3")
    assert (bus["actor2"], bus["inter2"], bus["interaction"]) == ("Civilians (Kenya)", "7", "37")
    assert bus["civilian_targeting"] == "Civilian targeting"
    assert (bus["country"], bus["region"], bus["source"], bus["source_scale"]) == ("Kenya", "Eastern Africa",
                                                                                   "Reuters", "International")
    assert bus["notes"].startswith("Gunmen attacked a bus") and bus["notes"].endswith("police said.")
    assert bus["admin1"] and bus["location"] and bus["geo_precision"] in ("1", "2", "3")


def test_export_acled_codes_protesters_alone_and_unknown_outlets(rows):
    march = next(r for r in rows if r["event_type"] == "Protests")
    assert (march["actor1"], march["inter1"], march["interaction"]) == ("Protesters (Kenya)", "6", "60")
    assert march["source"] == "Unknown"


def test_export_acled_leaves_empty_only_the_columns_the_text_does_not_support(rows):
    assert rows
    for r in rows:
        empty = {k for k, v in r.items() if v == ""}
        assert empty <= set(MAY_BE_EMPTY), (r["notes"], empty - set(MAY_BE_EMPTY))
