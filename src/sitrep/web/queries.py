"""Read-only SQL behind the web API. Every list pages in DuckDB (LIMIT/OFFSET); nothing loads a table.

Each function takes a DuckDB cursor and returns JSON-ready dicts.
"""
from __future__ import annotations

import json
import re

from sitrep.doc import LAYERS
from sitrep.export.filters import EVENT_DAY, EVENTS_FROM, INCIDENTS, Filters, where_flat


def fused(cur) -> bool:
    from sitrep.io.store import has_incidents

    return has_incidents(cur)


def flat_ready(cur) -> bool:
    """True when ``event_index`` exists and holds one row per event (it is rebuilt by every fuse)."""
    try:
        a, b = cur.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_index)").fetchone()
    except Exception:  # no event_index table: never fused
        return False
    return a == b


FLAT_COLS = ("document_id, id, incident_id, type, acled_event_type, acled_subtype, day, date, place, lat, lon, "
             "country, admin1, fatalities, factuality, confidence, claimant, evidence, source, title, published")


def _rows(cur) -> list[dict]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def events_page(cur, f: Filters, *, limit: int, offset: int, is_fused: bool, flat: bool = False) -> dict:
    """A page of events (newest first) and the total that match."""
    if flat:
        where, params = where_flat(f)
        total = cur.execute(f"SELECT count(*) FROM event_index WHERE {where}", params).fetchone()[0]
        # event_index is written in (day DESC, document_id, id) order, so rowid order is that order and
        # the top-N sorts one integer column instead of every selected one
        cur.execute(f"SELECT {FLAT_COLS} FROM event_index WHERE {where} ORDER BY rowid LIMIT ? OFFSET ?",
                    [*params, limit, offset])
        return {"items": _rows(cur), "total": total, "limit": limit, "offset": offset}
    where, params = f.where(incidents=is_fused)
    inc = "e.incident_id" if is_fused else "NULL"
    total = cur.execute(f"SELECT count(*) FROM {EVENTS_FROM} WHERE {where}", params).fetchone()[0]
    # page the keys first, then fetch details for those rows only (keeps JSON parsing off the scan)
    cur.execute(
        f"WITH page AS (SELECT e.document_id, e.id, {EVENT_DAY} AS day FROM {EVENTS_FROM} WHERE {where} "
        f"ORDER BY day DESC NULLS LAST, e.document_id, e.id LIMIT ? OFFSET ?) "
        f"SELECT e.document_id, e.id, {inc} AS incident_id, e.type, e.acled_event_type, e.acled_subtype, "
        f"page.day, e.date, p.name AS place, p.lat, p.lon, p.country, p.admin1, e.fatalities, e.factuality, "
        f"e.confidence, coalesce(a.name, e.claimant) AS claimant, json_extract_string(e.data, '$.evidence.text') AS evidence, "
        f"d.source, d.title, d.published FROM page JOIN events e ON e.document_id = page.document_id "
        f"AND e.id = page.id JOIN documents d ON d.id = e.document_id LEFT JOIN places p "
        f"ON p.document_id = e.document_id AND p.id = e.place LEFT JOIN actors a "
        f"ON a.document_id = e.document_id AND a.id = e.claimant "
        f"ORDER BY page.day DESC NULLS LAST, e.document_id, e.id", [*params, limit, offset])
    return {"items": _rows(cur), "total": total, "limit": limit, "offset": offset}


def map_points(cur, f: Filters, *, limit: int, is_fused: bool, flat: bool = False) -> dict:
    """One point per incident (or per unfused event) with coordinates; the largest first.

    A point opens the first event (by document, then id) of its incident.
    """
    if flat:  # precomputed key; the first event of a group is the one with the lowest rowid
        where, params = where_flat(f)
        base = ("SELECT ikey AS key, arg_min(document_id, rowid) AS document_id, arg_min(id, rowid) AS event_id, "
                "count(*) AS n, count(DISTINCT document_id) AS reports, avg(lat) AS lat, avg(lon) AS lon, "
                "any_value(type) AS type, any_value(acled_event_type) AS acled_event_type, "
                "min(fatalities) AS fatalities, max(fatalities) AS fatalities_max, any_value(place) AS place, "
                f"min(day) AS day FROM event_index WHERE {where} AND lat IS NOT NULL GROUP BY 1")
    else:
        where, params = f.where(incidents=is_fused)
        key = "coalesce(e.incident_id, e.document_id || '/' || e.id)" if is_fused else "e.document_id || '/' || e.id"
        base = (f"SELECT {key} AS key, arg_min(e.document_id, e.document_id || '/' || e.id) AS document_id, "
                f"arg_min(e.id, e.document_id || '/' || e.id) AS event_id, "
                f"count(*) AS n, count(DISTINCT e.document_id) AS reports, avg(p.lat) AS lat, avg(p.lon) AS lon, "
                f"any_value(e.type) AS type, any_value(e.acled_event_type) AS acled_event_type, "
                f"min(e.fatalities) AS fatalities, max(e.fatalities) AS fatalities_max, any_value(p.name) AS place, "
                f"min({EVENT_DAY}) AS day FROM {EVENTS_FROM} WHERE {where} AND p.lat IS NOT NULL GROUP BY 1")
    # one pass: the total number of groups rides along as a window count
    cur.execute(f"SELECT *, count(*) OVER () AS _total FROM ({base}) ORDER BY reports DESC, n DESC, day DESC, key "
                f"LIMIT ?", [*params, limit])
    pts = _rows(cur)
    total = pts[0]["_total"] if pts else 0
    for p in pts:  # a point names one event to open: the first of its incident
        del p["_total"]
        p["incident_id"] = p["key"] if is_fused and p["key"].startswith("INC-") else None
    return {"items": pts, "total": total, "limit": limit, "truncated": total > len(pts)}


def timeline(cur, f: Filters, *, is_fused: bool, flat: bool = False) -> dict:
    if flat:
        where, params = where_flat(f)
        cur.execute(f"SELECT day, count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities FROM event_index "
                    f"WHERE {where} GROUP BY 1 HAVING day IS NOT NULL ORDER BY 1", params)
        return {"items": _rows(cur)}
    where, params = f.where(incidents=is_fused)
    cur.execute(f"SELECT {EVENT_DAY} AS day, count(*) AS events, coalesce(sum(e.fatalities), 0) AS fatalities "
                f"FROM {EVENTS_FROM} WHERE {where} GROUP BY 1 HAVING day IS NOT NULL ORDER BY 1", params)
    return {"items": _rows(cur)}


def facets(cur, *, flat: bool = False) -> dict:
    types = _rows(cur.execute("SELECT type AS value, count(*) AS n FROM events WHERE type IS NOT NULL "
                              "GROUP BY 1 ORDER BY 2 DESC"))
    if flat:
        countries = _rows(cur.execute("SELECT country AS value, count(*) AS n FROM event_index "
                                      "WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC"))
        span = cur.execute("SELECT min(day), max(day) FROM event_index").fetchone()
    else:
        countries = _rows(cur.execute("SELECT p.country AS value, count(*) AS n FROM events e JOIN places p "
                                      "ON p.document_id = e.document_id AND p.id = e.place "
                                      "WHERE p.country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC"))
        span = cur.execute(f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) FROM {EVENTS_FROM}").fetchone()
    counts = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events")}
    return {"types": types, "countries": countries, "first_day": span[0], "last_day": span[1], "counts": counts}


def incidents_page(cur, f: Filters, *, limit: int, offset: int) -> dict:
    where, params = f.conditions(INCIDENTS)
    total = cur.execute(f"SELECT count(*) FROM incidents WHERE {where}", params).fetchone()[0]
    cur.execute(f"SELECT id, type, acled_event_type, date, date_last, location, lat, lon, country, admin1, "
                f"fatalities, fatalities_min, fatalities_max, conflicting, n_events, n_documents FROM incidents "
                f"WHERE {where} ORDER BY n_documents DESC, date DESC, id LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"items": _rows(cur), "total": total, "limit": limit, "offset": offset}


def incident(cur, incident_id: str) -> dict | None:
    rows = _rows(cur.execute("SELECT * FROM incidents WHERE id = ?", [incident_id]))
    if not rows:
        return None
    r = rows[0]
    for k in ("actors", "claims"):
        r[k] = json.loads(r[k]) if isinstance(r[k], str) else r[k]
    for k in ("first_seen", "updated_at"):
        r[k] = str(r[k]) if r[k] is not None else None
    return r


def sentence_around(text: str, start: int, end: int, paragraphs: list[dict]) -> dict:
    """The sentence (or sentences) holding ``[start, end)``: cut at sentence ends inside its paragraph."""
    lo, hi = 0, len(text)
    for p in paragraphs or []:
        if p["start"] <= start < p["end"]:
            lo, hi = p["start"], p["end"]
            break
    s = lo
    for m in re.finditer(r"[.!?][\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])", text[lo:start]):
        s = lo + m.end()
    m = re.search(r"[.!?][\"'\u201d\u2019)]?(?=\s|$)", text[end:hi])
    e = end + m.end() if m else hi
    e = max(e, end)
    return {"start": s, "end": e, "text": text[s:e]}


def event_detail(cur, document_id: str, event_id: str, *, is_fused: bool) -> dict | None:
    inc = "e.incident_id" if is_fused else "NULL"
    row = cur.execute(f"SELECT e.data, {inc}, p.data, d.title, d.source, d.url, d.published, d.text, "
                      f"json_extract(d.doc, '$.paragraphs') FROM events e JOIN documents d ON d.id = e.document_id "
                      f"LEFT JOIN places p ON p.document_id = e.document_id AND p.id = e.place "
                      f"WHERE e.document_id = ? AND e.id = ?", [document_id, event_id]).fetchone()
    if not row:
        return None
    data, iid, place, title, source, url, published, text, paras = row
    ev = json.loads(data)
    actors = {i: json.loads(x) for i, x in cur.execute(
        "SELECT id, data FROM actors WHERE document_id = ?", [document_id]).fetchall()}
    from sitrep.fusion.ids import actor_ids

    def names(v):
        return [{"id": i, "name": (actors.get(i) or {}).get("name", i)} for i in actor_ids(v)]

    span = ev.get("evidence") or {}
    sentence = (sentence_around(text, span["start"], span["end"], json.loads(paras) if paras else [])
                if span.get("start") is not None else None)
    return {"document_id": document_id, "id": event_id, "event": ev, "place": json.loads(place) if place else None,
            "source_actors": names(ev.get("source")), "target_actors": names(ev.get("target")),
            "claimant": (names(ev.get("claimant")) or [None])[0], "denied_by": names(ev.get("denied_by")),
            "sentence": sentence, "incident_id": iid, "incident": incident(cur, iid) if iid else None,
            "document": {"id": document_id, "title": title, "source": source, "url": url, "published": published}}


def documents_page(cur, *, limit: int, offset: int, q: str | None) -> dict:
    where, params = ("WHERE title ILIKE ? OR id = ?", [f"%{q}%", q]) if q else ("", [])
    total = cur.execute(f"SELECT count(*) FROM documents {where}", params).fetchone()[0]
    cur.execute(f"SELECT id, title, source, published, url, length(text) AS chars, "
                f"(SELECT count(*) FROM events e WHERE e.document_id = documents.id) AS events "
                f"FROM documents {where} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
                [*params, limit, offset])
    return {"items": _rows(cur), "total": total, "limit": limit, "offset": offset}


def document(cur, doc_id: str, *, is_fused: bool) -> dict | None:
    row = cur.execute("SELECT doc FROM documents WHERE id = ?", [doc_id]).fetchone()
    if not row:
        return None
    doc = json.loads(row[0])
    if is_fused:
        inc = dict(cur.execute("SELECT id, incident_id FROM events WHERE document_id = ?", [doc_id]).fetchall())
        for ev in doc.get("events") or []:
            ev["incident_id"] = inc.get(str(ev.get("id")))
    return {"id": doc_id, "document": doc["document"], "text": doc["text"], "paragraphs": doc.get("paragraphs"),
            "layers": {k: doc.get(k) or [] for k in LAYERS}}
