"""Every event dated (issue 16): its own date when its clause gives one, else the report's.

ACLED dates every event; a report that says nothing about when an event happened is taken to report it
on the day it was filed. The report's date is the dateline's ("KYIV, April 7 (Reuters) -"), else the
publication date. Such a date carries ``from_report: true`` so users (and incident linking, which allows
a look-back window for it) can tell it from a date the text states.
"""
from __future__ import annotations

import datetime as dt


def report_date(doc) -> dict | None:
    """The report's own date as an event date: the dateline's date item when it resolves to a day, else
    the publication date (``date`` null: no item of the dates layer holds it); None when neither is known."""
    for d in doc.layers.get("dates") or []:
        if d.get("role") == "dateline" and d.get("value") and d.get("precision") == "day":
            return {"value": d["value"], "precision": "day", "date": d["id"], "from_report": True}
    pub = doc.published
    try:
        day = dt.date.fromisoformat(str(pub)[:10]) if pub else None
    except ValueError:
        day = None
    return {"value": day.isoformat(), "precision": "day", "date": None, "from_report": True} if day else None


def own_dates(layers: dict) -> dict:
    """The layers with the dateline's date left out of the dates an event may claim as its own: the day a
    report was filed is not the day of every event it tells."""
    dates = layers.get("dates") or []
    if not any(d.get("role") == "dateline" for d in dates):
        return layers
    return {**layers, "dates": [d for d in dates if d.get("role") != "dateline"]}


def fill(events: list[dict], doc) -> None:
    """Give every event without a date of its own the report's date (in place)."""
    rep = None
    for ev in events:
        if ev.get("date") is None:
            rep = rep or report_date(doc)
            if rep is None:
                return
            ev["date"] = dict(rep)
