"""Golden dyads (issue 15): who did what to whom on short reports written for this test (tests/golden/dyads/).

Each case names a report and an event's trigger word and fixes the ACLED coding of that event, as
:func:`sitrep.export.acled.event_actors` gives it: actor 1, inter 1, actor 2, inter 2. The reports cover a
dateline, a passive "by" agent, an "X-planted" bomb, coreference across sentences ("the militants"),
civilians as the target, and a community's raiders. A case marked ``gap`` in expected.json is a coding
sitrep does not reach yet: it must fail (strict xfail), so a fix shows up here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.export.acled import event_actors
from sitrep.io.readers import read_path

HERE = Path(__file__).parent / "dyads"
EXPECTED = json.loads((HERE / "expected.json").read_text("utf-8"))["events"]
PUBLISHED = "2024-05-13"


@pytest.fixture(scope="module")
def documents(pipeline_module):
    out = {}
    for path in sorted(HERE.glob("*.txt")):
        raw = next(read_path(path))
        out[path.stem] = pipeline_module.run(raw, published=PUBLISHED).to_json()
    return out


@pytest.fixture(scope="module")
def pipeline_module(resources):
    from sitrep.pipeline import Pipeline

    return Pipeline(resources=resources)


def _coding(doc: dict, trigger: str) -> dict:
    actors = {a["id"]: a for a in doc["actors"]}
    places = {p["id"]: p for p in doc["places"]}
    event = next(e for e in doc["events"] if e["trigger"]["text"] == trigger)
    return event_actors(event, actors, (places.get(event.get("place")) or {}).get("country"))


def _case(c: dict):
    marks = [pytest.mark.xfail(strict=True, reason=c["gap"])] if c.get("gap") else []
    return pytest.param(c, id=f"{c['report']}-{c['trigger']}", marks=marks)


@pytest.mark.parametrize("case", [_case(c) for c in EXPECTED])
def test_dyad_codes_actor1_actor2_and_inter(documents, case):
    got = _coding(documents[case["report"]], case["trigger"])
    assert got == {k: case[k] for k in ("actor1", "inter1", "actor2", "inter2")}


def test_dyad_reports_have_no_place_or_date_as_actor(documents):
    for name, doc in documents.items():
        place_words = {m["text"] for p in doc["places"] for m in p["mentions"]}
        date_words = {d["text"] for d in doc["dates"] if d.get("text")}
        for a in doc["actors"]:
            texts = {m["text"] for m in a["mentions"]}
            assert not texts & (place_words | date_words), (name, a["name"], texts)
