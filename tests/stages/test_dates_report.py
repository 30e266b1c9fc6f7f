"""The report's date (issue 16): dateline forms read as the report's date, year-less dates taking the
report's year, and every event dated, by its own date or, flagged, by the report's."""
from __future__ import annotations

import pytest

from sitrep.stages.events import extract_events


def _dates(run_upto, text, published=None):
    doc = run_upto(text, "dates", published=published)
    return doc, {d["text"]: d for d in doc.layers["dates"]}


@pytest.mark.parametrize("text, published, dateline, day_before", [
    # press release: the date in parentheses after the place
    ("KABUL, Afghanistan (Jan. 22, 2013) - Soldiers found a weapons cache yesterday.", None, "2013-01-22",
     "2013-01-21"),
    # the date after the place and region, no year: the publication's year
    ("MOGADISHU, Somalia, March 3 - Soldiers found a weapons cache yesterday.", "2019-03-05", "2019-03-03",
     "2019-03-02"),
    # wire form with an agency
    ("NAIROBI, June 9 (Wire) - Soldiers found a weapons cache yesterday.", "2020-06-10", "2020-06-09", "2020-06-08"),
])
def test_dateline_forms_are_the_reference_date(run_upto, text, published, dateline, day_before):
    doc, dates = _dates(run_upto, text, published)
    dl = [d for d in doc.layers["dates"] if d.get("role") == "dateline"]
    assert [d["value"] for d in dl] == [dateline]
    assert dates["yesterday"]["value"] == day_before
    assert any(p.kind == "dateline" for p in doc.paragraphs)


def test_year_less_date_takes_the_report_year(run_upto):
    _, dates = _dates(run_upto, "Militants attacked the town on Mar. 27, residents said.", "2016-04-02")
    assert dates["Mar. 27"]["value"] == "2016-03-27"


def _events(run_upto, resources, text, published):
    doc = run_upto(text, "counts", published=published)
    return extract_events(doc, res=resources)


def test_event_without_date_takes_publication_date_flagged(run_upto, resources):
    evs = _events(run_upto, resources, "Gunmen killed three farmers near the village.", "2021-05-10")
    assert evs and all(e["date"] == {"value": "2021-05-10", "precision": "day", "date": None, "from_report": True}
                       for e in evs)


def test_event_own_date_wins_over_dateline(run_upto, resources):
    evs = _events(run_upto, resources, "KABUL, Afghanistan (Jan. 22, 2013) - Gunmen killed three farmers on "
                  "Sunday. Police arrested two men.", None)
    by = {e["lexeme"]: e["date"] for e in evs}
    assert by["kill"]["value"] == "2013-01-20" and "from_report" not in by["kill"]
    assert by["arrest"]["value"] == "2013-01-22" and by["arrest"]["from_report"] is True


def test_event_undated_without_any_report_date(run_upto, resources):
    evs = _events(run_upto, resources, "Gunmen killed three farmers near the village.", None)
    assert evs and all(e["date"] is None for e in evs)
