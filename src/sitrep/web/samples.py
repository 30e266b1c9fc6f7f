"""Build stored-document JSON by hand: for tests, the browser test, the demo and the benchmark.

Items name their evidence by a substring of the text; offsets are computed here, so every item
points into ``text`` exactly as a pipeline-made document does.
"""
from __future__ import annotations

import hashlib


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.find(needle, start)
    if i < 0:
        raise ValueError(f"{needle!r} is not in the text")
    return i, i + len(needle)


def _mentions(text: str, name: str) -> list[dict]:
    out, i = [], text.find(name)
    while i >= 0:
        out.append({"start": i, "end": i + len(name), "text": name})
        i = text.find(name, i + len(name))
    return out


def sample_document(doc_id: str, text: str, *, published: str | None = None, title: str | None = None,
                    source: str | None = None, places: list[dict] = (), actors: list[dict] = (),
                    events: list[dict] = (), quotes: list[dict] = (), dates: list[dict] = (),
                    counts: list[dict] = ()) -> dict:
    """A document JSON as :meth:`sitrep.doc.Document.to_json` writes it.

    Places and actors get ``mentions`` of every occurrence of their ``name`` (or ``mention``);
    events, quotes, dates and counts name their span with ``evidence``/``text`` (a substring).
    """
    doc = {
        "schema_version": 1,
        "document": {"id": doc_id, "path": f"<sample:{doc_id}>", "title": title, "published": published,
                     "source": source, "url": None, "format": "txt", "dateline_place": None,
                     "content_hash": hashlib.sha256((doc_id + text).encode()).hexdigest()},
        "text": text, "paragraphs": [{"start": 0, "end": len(text), "kind": "body"}], "source_map": [],
        "places": [], "actors": [], "quotes": [], "dates": [], "counts": [], "events": [],
        "stages": {}, "warnings": [],
    }
    for layer, items in (("places", places), ("actors", actors)):
        for it in items:
            it = dict(it)
            it.setdefault("mentions", _mentions(text, it.pop("mention", None) or it["name"]))
            doc[layer].append(it)
    for layer, items in (("quotes", quotes), ("dates", dates), ("counts", counts)):
        for it in items:
            it = dict(it)
            s, e = _find(text, it.pop("span", None) or it["text"])
            doc[layer].append({**it, "start": s, "end": e})
    for ev in events:
        ev = dict(ev)
        s, e = _find(text, ev["evidence"])
        ev["evidence"] = {"start": s, "end": e, "text": text[s:e]}
        if isinstance(ev.get("date"), str):
            v = ev["date"]
            ev["date"] = {"value": v, "precision": {10: "day", 7: "month", 4: "year"}.get(len(v), "week")}
        doc["events"].append(ev)
    return doc


KREMINNA = "Kreminna", 49.0495, 38.2179
SEVERODONETSK = "Severodonetsk", 48.9481, 38.4917


def incident_pair() -> list[dict]:
    """Two reports of one shelling (3 vs 5 killed) plus an unrelated protest far away."""
    a = sample_document(
        "doc-a", "Russian forces shelled Kreminna on Wednesday, killing three civilians, "
        "regional governor Sergiy Gaiday said. Residents fled to Severodonetsk.",
        published="2022-04-07", title="Shelling in Kreminna", source="Wire A",
        places=[{"id": "P1", "name": KREMINNA[0], "lat": KREMINNA[1], "lon": KREMINNA[2], "country": "UA",
                 "admin1": "Luhansk", "precision": "city"},
                {"id": "P2", "name": SEVERODONETSK[0], "lat": SEVERODONETSK[1], "lon": SEVERODONETSK[2],
                 "country": "UA", "admin1": "Luhansk", "precision": "city"}],
        actors=[{"id": "A1", "name": "Russian forces", "kind": "state", "country": "RU"},
                {"id": "A2", "name": "Sergiy Gaiday", "kind": "person", "country": "UA"},
                {"id": "A3", "name": "civilians", "kind": "civilians", "country": "UA"}],
        events=[{"id": "E1", "type": "ASSAULT", "mode": "artillery",
                 "acled_event_type": "Explosions/Remote violence",
                 "acled_subtype": "Shelling/artillery/missile attack", "source": "A1", "target": "A3",
                 "place": "P1", "date": "2022-04-06", "fatalities": 3, "claimant": "A2",
                 "factuality": "asserted", "confidence": 0.8,
                 "evidence": "Russian forces shelled Kreminna on Wednesday, killing three civilians"}],
        dates=[{"id": "D1", "text": "Wednesday", "value": "2022-04-06", "precision": "day"}],
        counts=[{"id": "C1", "text": "three civilians", "category": "killed", "value": 3}],
        quotes=[{"id": "Q1", "kind": "indirect", "speaker": "A2", "speaker_name": "Sergiy Gaiday",
                 "text": "Russian forces shelled Kreminna on Wednesday, killing three civilians"}])
    b = sample_document(
        "doc-b", "Five people were killed when Russian troops shelled the town of Kreminna "
        "overnight, Ukrainian officials said on Thursday.",
        published="2022-04-07", title="Five dead in Kreminna", source="Wire B",
        places=[{"id": "P1", "name": KREMINNA[0], "lat": KREMINNA[1] + 0.01, "lon": KREMINNA[2], "country": "UA",
                 "admin1": "Luhansk", "precision": "city"}],
        actors=[{"id": "A1", "name": "Russian troops", "kind": "state", "country": "RU"},
                {"id": "A2", "name": "Ukrainian officials", "kind": "state", "country": "UA"}],
        events=[{"id": "E1", "type": "ASSAULT", "acled_event_type": "Explosions/Remote violence",
                 "acled_subtype": "Shelling/artillery/missile attack", "source": "A1", "place": "P1",
                 "date": "2022-04-06", "fatalities": 5, "claimant": "A2", "factuality": "asserted",
                 "confidence": 0.7,
                 "evidence": "Five people were killed when Russian troops shelled the town of Kreminna overnight"}])
    c = sample_document(
        "doc-c", "Hundreds of people protested in Lviv on Thursday against the war.",
        published="2022-04-07", title="Protest in Lviv", source="Wire C",
        places=[{"id": "P1", "name": "Lviv", "lat": 49.8397, "lon": 24.0297, "country": "UA", "admin1": "Lviv",
                 "precision": "city"}],
        actors=[{"id": "A1", "name": "protesters", "kind": "civilians", "country": "UA"}],
        events=[{"id": "E1", "type": "PROTEST", "acled_event_type": "Protests", "acled_subtype": "Peaceful protest",
                 "source": "A1", "place": "P1", "date": "2022-04-07", "fatalities": None,
                 "factuality": "asserted", "confidence": 0.9,
                 "evidence": "Hundreds of people protested in Lviv on Thursday"}])
    return [a, b, c]


def sample_store(path, *, fused: bool = True) -> str:
    """A store at ``path`` holding :func:`incident_pair`, fused unless ``fused=False``."""
    from sitrep.fusion import fuse
    from sitrep.io.store import Store

    with Store(path) as store:
        for d in incident_pair():
            store.write_document(d)
        if fused:
            fuse(store)
    return str(path)


def more_countries() -> list[dict]:
    """Reports from two more countries, for filters by country name and a country-level point."""
    d = sample_document(
        "doc-d", "Gunmen clashed with soldiers near Gao on Tuesday, and four soldiers were killed, "
        "the army said.", published="2023-02-08", title="Clash near Gao", source="Wire D",
        places=[{"id": "P1", "name": "Gao", "lat": 16.2717, "lon": -0.0447, "country": "ML", "admin1": "Gao",
                 "precision": "city"}],
        actors=[{"id": "A1", "name": "Gunmen", "kind": "armed_group", "country": "ML"},
                {"id": "A2", "name": "soldiers", "kind": "state", "country": "ML"},
                {"id": "A3", "name": "the army", "kind": "state", "country": "ML"}],
        events=[{"id": "E1", "type": "FIGHT", "acled_event_type": "Battles", "acled_subtype": "Armed clash",
                 "source": "A1", "target": "A2", "place": "P1", "date": "2023-02-07", "fatalities": 4,
                 "claimant": "A3", "factuality": "asserted", "confidence": 0.75,
                 "evidence": "Gunmen clashed with soldiers near Gao on Tuesday, and four soldiers were killed"}])
    e = sample_document(
        "doc-e", "Air strikes hit positions across Yemen overnight, killing at least 12 fighters, a coalition "
        "spokesman said.", published="2023-02-09", title="Strikes across Yemen", source="Wire E",
        places=[{"id": "P1", "name": "Yemen", "lat": 15.5, "lon": 47.5, "country": "YE", "admin1": None,
                 "precision": "country"}],
        actors=[{"id": "A1", "name": "coalition", "kind": "state"},
                {"id": "A2", "name": "fighters", "kind": "armed_group", "country": "YE"}],
        events=[{"id": "E1", "type": "ASSAULT", "acled_event_type": "Explosions/Remote violence",
                 "acled_subtype": "Air/drone strike", "source": "A1", "target": "A2", "place": "P1",
                 "date": "2023-02-08", "fatalities": 12, "claimant": "A1", "factuality": "asserted",
                 "confidence": 0.6, "evidence": "Air strikes hit positions across Yemen overnight, killing at least "
                 "12 fighters"}])
    return [d, e]


def workbench_store(path) -> str:
    """:func:`incident_pair` and :func:`more_countries` in one fused store (the browser test's)."""
    from sitrep.fusion import fuse
    from sitrep.io.store import Store

    with Store(path) as store:
        for d in incident_pair() + more_countries():
            store.write_document(d)
        fuse(store)
    return str(path)
