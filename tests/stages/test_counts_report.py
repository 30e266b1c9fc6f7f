"""Counts as ACLED coders read them (issue 16): detentions of one report summed on one arrests event,
vague quantities as documented minimums qualified approximate, lynchings counted as killings."""
from __future__ import annotations

import pytest

from sitrep.stages.events import extract_events

PUB = "2020-03-09"


@pytest.fixture
def run(run_upto, resources):
    def go(text):
        doc = run_upto(text, "counts", published=PUB)
        counts = {c["id"]: c for c in doc.layers["counts"]}
        return counts, extract_events(doc, res=resources)
    return go


def _total(counts, ev, category):
    return sum(counts[c]["value"] for c in ev["counts"] if counts[c]["category"] == category)


def test_detentions_of_one_report_are_one_event(run):
    counts, evs = run("Police arrested a rebel leader on Monday and also detained two suspected insurgents.")
    arrests = [e for e in evs if e["mode"] == "arrest"]
    assert len(arrests) == 1 and _total(counts, arrests[0], "detained") == 3


def test_captured_enumeration_is_summed(run):
    counts, evs = run("Soldiers captured a facilitator and one suspected insurgent.")
    assert [(c["category"], c["value"]) for c in counts.values()] == [("captured", 2)]


@pytest.mark.parametrize("text, value", [
    ("Police arrested several protesters in the town.", 3),
    ("A number of civilians were killed in the attack.", 2),
    ("Multiple soldiers were wounded.", 2),
])
def test_vague_quantity_is_an_approximate_minimum(run, text, value):
    counts, _ = run(text)
    assert [(c["value"], c["qualifier"]) for c in counts.values()] == [(value, "approximate")]


def test_lynching_victims_are_killed(run):
    counts, evs = run("Three suspected thieves were lynched by villagers.")
    assert [(c["category"], c["value"]) for c in counts.values()] == [("killed", 3)]
    assert evs[0]["fatalities"] == 3 and evs[0]["acled_subtype"] == "Mob violence"


def test_cumulative_figure_adds_to_no_event(run):
    counts, evs = run("Gunmen killed two farmers on Sunday. More than 11 million people have been displaced "
                      "since February.")
    assert all(c["cumulative"] for c in counts.values() if c["category"] == "displaced")
    assert [e["fatalities"] for e in evs if e["type"] == "ASSAULT"] == [2]
