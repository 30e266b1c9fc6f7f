"""Names the packaged gazetteer holds through its build rules (sitrep/gazetteer/divisions.py):
second-level divisions without their generic term, older first-level names, historical states."""
from __future__ import annotations

import pytest


def _places(run_upto, text):
    doc = run_upto(text, "places")
    return {it["mentions"][0]["text"]: it for it in (p if isinstance(p, dict) else p.to_json()
                                                    for p in doc.layers["places"])}


@pytest.mark.parametrize("text, name, country, precision", [
    ("Flooding hit the province of Zambales, north of Manila, on Monday.", "Zambales", "PH", "admin2"),
    ("Rice farms in Nueva Ecija were flooded, officials in Manila said.", "Nueva Ecija", "PH", "admin2"),
    ("Wildfires spread across Hedmark and Oppland in southern Norway.", "Hedmark", "NO", "admin1"),
    ("The battle of the Somme began in northern France in July 1916.", "Somme", "FR", "admin2"),
    ("He emigrated from the Soviet Union to Israel in 1979.", "the Soviet Union", None, "region"),
])
def test_division_and_historical_names_resolve(run_upto, text, name, country, precision):
    got = _places(run_upto, text)[name]
    assert got["status"] == "resolved" and got["country"] == country and got["precision"] == precision


def test_a_day_before_a_division_is_no_place(run_upto):
    # "on Tuesday in X district": the division pattern took the day as a place inside the district
    found = _places(run_upto, "The attack happened on Sunday in Mopti region, police said.")
    assert "Mopti" in found and "Sunday" not in found
