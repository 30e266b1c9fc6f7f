"""The project's own other-country evaluation sets (bench/world_notes*.csv, written for the project): each
is read by the ACLED evaluator, and each row is coded with ACLED's own event types, inter codes and a
location its note names, so a broken or mistyped row fails here rather than skewing a figure."""
import csv
import json
from pathlib import Path

import pytest

from sitrep.eval import detect
from sitrep.eval.acled import load

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted((ROOT / "bench").glob("world_notes*.csv"))
TYPES = {tuple(v) for k, v in json.loads((ROOT / "src/sitrep/data/events/acled.json").read_text()).items()
         if not k.startswith("_")}


def test_the_four_sets_are_there():
    assert [p.name for p in SETS] == ["world_notes.csv", "world_notes_2.csv", "world_notes_3.csv", "world_notes_4.csv"]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_a_world_set_is_an_acled_export_whose_rows_all_score(path):
    assert detect(path) == [("acled", path)]
    rows = list(csv.DictReader(path.open(newline="", encoding="utf-8")))
    items = load(path)
    assert len(items) == len(rows) == len({r["event_id_cnty"] for r in rows})
    for r, it in zip(sorted(rows, key=lambda r: r["event_id_cnty"]), sorted(items, key=lambda i: i["id"])):
        g = it["gold"]
        assert (g["event_type"], g["sub_event_type"]) in TYPES, r["event_id_cnty"]
        assert 1 <= g["inter1"] <= 8 and int(r["inter2"] or 0) in range(9), r["event_id_cnty"]
        # a terse note may name no place at all (set 3's "Police shoot dead two robbery suspects."): its
        # source says so, and the evaluator leaves it out of the place figure
        assert g["placed"] or "the note names no place" in r["source"], \
            f"{r['event_id_cnty']}: the note does not name {r['location']!r}"
        assert -90 <= g["lat"] <= 90 and -180 <= g["lon"] <= 180 and (g["lat"], g["lon"]) != (0, 0)
        assert g["date"][:4] == r["year"] and r["source"], r["event_id_cnty"]
