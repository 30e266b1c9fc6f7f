"""The ACLED-export evaluator (``sitrep eval FILE.csv``) on a small export written for the test: the rows,
notes and coding below are invented, not ACLED's."""
import csv
import json

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval import detect
from sitrep.eval.acled import acled_date, judge, load, score

HEADER = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
          "inter2", "country", "admin1", "location", "latitude", "longitude", "fatalities", "notes"]
ROWS = [
    ["XYZ1", "14-May-21", "2021", "Battles", "Armed clash", "Military Forces of Ukraine (2019-)", "1", "", "",
     "Ukraine", "Kharkiv", "Kharkiv", "49.98", "36.25", "2",
     "On 14 May 2021, soldiers clashed with gunmen in Kharkiv. Two gunmen were killed."],
    ["XYZ2", "15-May-21", "2021", "Protests", "Peaceful protest", "Protesters (Ukraine)", "6", "", "",
     "Ukraine", "Kyiv City", "Kyiv", "50.45", "30.52", "0",
     "On 15 May 2021, about 200 teachers protested in Kyiv over unpaid wages."],
    ["XYZ3", "16-May-21", "2021", "Riots", "Mob violence", "Rioters (Ukraine)", "5", "", "",
     "Ukraine", "Lviv", "Lviv", "49.84", "24.03", "0", "   "],  # no note: not scored
]


def write_export(path):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(ROWS)
    return path


def test_acled_dates_in_the_forms_exports_use():
    assert acled_date("9-May-20") == "2020-05-09"
    assert acled_date("31-12-19") == "2019-12-31"
    assert acled_date("15/02/2024 00:00:00") == "2024-02-15"
    assert acled_date("15 February 2020") == "2020-02-15"
    assert acled_date("2020-05-09") == "2020-05-09"


def test_export_is_detected_and_rows_without_notes_are_left_out(tmp_path):
    path = write_export(tmp_path / "ukraine.csv")
    assert detect(path) == [("acled", path)]
    items = load(path)
    assert len(items) == 2 and {it["gold"]["sub_event_type"] for it in items} == {"Armed clash", "Peaceful protest"}
    clash = next(it for it in items if it["gold"]["event_type"] == "Battles")
    assert clash["gold"]["placed"] and clash["gold"]["dated"] and clash["gold"]["inter1"] == 1
    assert len(load(path, limit=1)) == 1


def test_judge_and_score_count_each_figure():
    g = {"event_type": "Battles", "sub_event_type": "Armed clash", "lat": 49.98, "lon": 36.25, "date": "2021-05-14",
         "fatalities": 2, "location": "Kharkiv", "actor1": "Military Forces of Ukraine (2019-)", "inter1": 1,
         "split": False, "dated": True, "placed": True}
    doc = {"actors": [{"id": "A1", "name": "Ukrainian army", "country": "UA", "kind": "state"}],
           "places": [{"id": "P1", "name": "Kharkiv", "lat": 50.0, "lon": 36.2, "precision": "city"}],
           "counts": [{"category": "killed", "value": 2}],
           "events": [{"acled_event_type": "Battles", "acled_subtype": "Armed clash", "confidence": 0.8,
                       "place": "P1", "source": "A1", "date": {"value": "2021-05-14"}}]}
    j = judge(doc, g)
    assert j["km"] < 5 and j["actor1_ok"] and j["inter1"] == 1 and j["killed"] == 2
    items = [{"id": "a", "text": "x", "gold": g}, {"id": "b", "text": "y", "gold": dict(g, inter1=2)}]
    misses: list = []
    out = score(items, {"a": doc}, misses=misses)
    assert out["type"] == 0.5 and out["place_50km"] == 0.5 and out["inter1"] == 0.5
    assert out["actor_rows"] == 1 and out["actor1"] == 1.0  # as acled_score.py: rows with a typed event only
    assert out["date"] == 0.5 and out["fatalities"] == 0.5
    assert out["confusion Armed clash"].startswith("2 rows, 50% right")
    assert [m["id"] for m in misses] == ["b"]  # the note sitrep said nothing about


def test_cli_prints_the_figures_and_writes_misses(tmp_path):
    path = write_export(tmp_path / "ukraine.csv")
    res = CliRunner().invoke(app, ["eval", str(path), "--json", "--misses", str(tmp_path / "m.jsonl")])
    assert res.exit_code == 0, res.output
    figures = json.loads(res.stdout.strip().splitlines()[-1])
    assert figures["rows"] == 2 and 0 <= figures["subtype_wF1"] <= 1 and "place_50km" in figures
    assert (tmp_path / "m.jsonl").exists()
