"""PLOVER JSON Lines, GeoJSON, Parquet tables, the per-document JSON archive, and the one CSV writer."""
from __future__ import annotations

import csv
import json
import zipfile
from datetime import date
from pathlib import Path

import pycountry

from sitrep import __version__ as VERSION
from sitrep.doc import LAYERS
from sitrep.export.filters import EVENTS_FROM, Filters

# PLOVER manual, table "Location object": resolution 5=sub-city, 4=city, 3=district, 2=province, 1=country
RESOLUTION = {"point": 5, "neighbourhood": 5, "neighborhood": 5, "village": 4, "town": 4, "city": 4,
              "admin2": 3, "adm2": 3, "district": 3, "admin1": 2, "adm1": 2, "province": 2, "region": 2,
              "state": 2, "country": 1}


def _iso3(cc: str | None) -> str | None:
    c = pycountry.countries.get(alpha_2=cc.upper()) if cc else None
    return c.alpha_3 if c else None


def _country_name(cc: str | None) -> str | None:
    c = pycountry.countries.get(alpha_2=cc.upper()) if cc else None
    return c.name if c else cc


def _entities(row: dict, role: str) -> list[dict]:
    from sitrep.fusion.ids import actor_ids

    out = []
    for aid in actor_ids(row["event"].get(role)):
        a = row["actors"].get(aid) or {"name": aid}  # a name where no actor fits
        m = (a.get("mentions") or [{"text": a.get("name")}])[0]
        out.append({"code": _iso3(a.get("country")), "sector": a.get("kind"), "entity_text": m.get("text"),
                    "identifier_text": a.get("name"), "identifier_id": a.get("wikidata") or aid})
    return out


def _claimant(row: dict) -> dict | None:
    cl = row["event"].get("claimant")
    if cl is None:
        return None
    a = row["actors"].get(str(cl)) or {"name": str(cl)}
    return {"id": str(cl), "name": a.get("name")}


def plover_record(row: dict) -> dict:
    """One event as a PLOVER record (PLOVER manual, chapter "Data Fields") plus ``provenance``."""
    ev, p, doc = row["event"], row["place"] or {}, row["document"]
    dt = ev.get("date") if isinstance(ev.get("date"), dict) else {"value": ev.get("date")}
    value = dt.get("value") or ""
    ev_span = ev.get("evidence") or {}
    rec = {
        "id": f"{doc['id']}:{ev['id']}", "has_event": True,
        "date": value if len(value) == 10 else None,
        "actor": _entities(row, "source"), "recipient": _entities(row, "target"),
        "event": [ev.get("type")] if ev.get("type") else [],
        "mode": [ev["mode"]] if isinstance(ev.get("mode"), str) and ev.get("mode") else (ev.get("mode") or []),
        "context": [], "link": row["incident_id"],
        "event_text": [ev_span.get("text")] if ev_span.get("text") else [],
        "event_loc": None if not p else {
            "extracted_place": ((p.get("mentions") or [{}])[0]).get("text") or p.get("name"),
            "resolved_place": p.get("name"), "geonameid": p.get("geonameid"), "lat": p.get("lat"),
            "lon": p.get("lon"), "province": p.get("admin1"), "country": _country_name(p.get("country")),
            "country_code": _iso3(p.get("country")),
            "resolution": RESOLUTION.get((p.get("precision") or "").lower())},
        "size": {"dead": ev.get("fatalities")},
        "text_info": {"start": ev_span.get("start"), "end": ev_span.get("end")},
        "cite_info": {"title": doc.get("title"), "url": doc.get("url"), "publication": doc.get("source"),
                      "coder": f"sitrep {VERSION}", "codebook": "plover-base"},
        "coder": f"sitrep {VERSION}", "coded_date": date.today().isoformat(),
        "provenance": {"document_id": doc["id"], "event_id": ev["id"], "evidence": ev_span or None,
                       "date": dt, "claimant": _claimant(row), "denied_by": ev.get("denied_by"),
                       "factuality": ev.get("factuality"), "confidence": ev.get("confidence"),
                       "acled_event_type": ev.get("acled_event_type"), "acled_subtype": ev.get("acled_subtype")},
    }
    return rec


def write_plover(rows: list[dict], fh) -> int:
    for r in rows:
        fh.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
    return len(rows)


def geojson_feature(row: dict) -> dict:
    """One event; geometry is null (valid GeoJSON, RFC 7946 section 3.2) when it has no coordinates."""
    ev, p, doc = row["event"], row["place"] or {}, row["document"]
    geom = ({"type": "Point", "coordinates": [p["lon"], p["lat"]]}
            if p.get("lat") is not None and p.get("lon") is not None else None)
    dt = ev.get("date") if isinstance(ev.get("date"), dict) else {"value": ev.get("date")}
    return {"type": "Feature", "id": f"{doc['id']}:{ev['id']}", "geometry": geom, "properties": {
        "document_id": doc["id"], "event_id": ev["id"], "incident_id": row["incident_id"],
        "type": ev.get("type"), "acled_event_type": ev.get("acled_event_type"),
        "acled_subtype": ev.get("acled_subtype"), "date": dt.get("value"), "date_precision": dt.get("precision"),
        "place": p.get("name"), "country": p.get("country"), "admin1": p.get("admin1"),
        "geo_precision": p.get("precision"), "fatalities": ev.get("fatalities"),
        "claimant": (_claimant(row) or {}).get("name"), "factuality": ev.get("factuality"),
        "evidence": ev.get("evidence"), "source": doc.get("source"), "title": doc.get("title"),
        "url": doc.get("url"), "published": doc.get("published")}}


def write_geojson(rows: list[dict], fh) -> int:
    fh.write('{"type": "FeatureCollection", "features": [\n')
    for i, r in enumerate(rows):
        fh.write((",\n" if i else "") + json.dumps(geojson_feature(r), ensure_ascii=False))
    fh.write("\n]}\n")
    return len(rows)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gains a leading ``'``.

    Numbers stay numbers (a negative longitude is not text from an article); only strings, which
    may come from article titles, sources and text, are escaped.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv_rows(fh, columns: list[str], rows) -> int:
    """Write a header and ``rows`` (dicts keyed by column, or sequences) as CSV, every string cell
    escaped by :func:`csv_cell`: the one CSV writer of sitrep (ACLED export, ``sitrep query -f csv``)."""
    w = csv.writer(fh)
    w.writerow([csv_cell(c) for c in columns])
    n = 0
    for r in rows:
        values = [r.get(c, "") for c in columns] if isinstance(r, dict) else r
        w.writerow([csv_cell(v) for v in values])
        n += 1
    return n


def _matched(con, filters: Filters) -> tuple[str, list]:
    """A subquery of the (document_id, id) of the events the filters keep."""
    from sitrep.io.store import has_incidents

    where, params = filters.where(incidents=has_incidents(con))
    return f"SELECT e.document_id, e.id, e.incident_id FROM {EVENTS_FROM} WHERE {where}" \
        if has_incidents(con) else f"SELECT e.document_id, e.id, NULL AS incident_id FROM {EVENTS_FROM} " \
        f"WHERE {where}", params


def write_parquet(con, out, filters: Filters) -> int:
    """Every table into ``<table>.parquet`` of the :class:`~sitrep.io.output.OutputFolder` ``out``; with
    filters, only matched events, their documents' rows and their incidents. Returns the number of
    event rows written. Rows come through Arrow (the read-only connection has no COPY, issue 18)."""
    import pyarrow.parquet as pq

    from sitrep.io.store import has_incidents

    tables = ["documents", *LAYERS, "failures", "runs"] + (["incidents"] if has_incidents(con) else [])
    sub, params = _matched(con, filters)
    matched = con.execute(sub, params).fetchall()  # once, not once per table
    docs = sorted({d for d, _, _ in matched})
    pairs = [[d for d, _, _ in matched], [i for _, i, _ in matched]]
    incidents = sorted({inc for *_, inc in matched if inc})
    for t in tables:
        p: list = []
        if filters.empty or t in ("failures", "runs"):
            sel = f"SELECT * FROM {t}"
        elif t == "events":
            sel, p = ("SELECT * FROM events WHERE (document_id, id) IN "
                      "(SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]))"), pairs
        elif t == "documents":
            sel, p = "SELECT * FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [docs]
        elif t == "incidents":
            sel, p = "SELECT * FROM incidents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [incidents]
        else:
            sel, p = f"SELECT * FROM {t} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [docs]
        cur = con.cursor()  # a relation of its own: the connection may hold an unfinished result
        try:
            rel = cur.sql(sel, params=p)
            table = (getattr(rel, "to_arrow_table", None) or getattr(rel, "arrow"))()  # DuckDB 2 / 1
        finally:
            cur.close()
        pq.write_table(table, out.file(f"{t}.parquet"))
    return len(matched)


def write_docs(con, out, filters: Filters) -> int:
    """One ``<document_id>.json`` per matched document (each event item gains its ``incident_id``),
    into an :class:`~sitrep.io.output.OutputFolder`, or into a zip file when ``out`` is a path.
    A document id that is not a plain file name (``../x``, ``a/b``) is made one by
    :func:`sitrep.io.output.safe_name`; the id itself stays in the JSON."""
    from sitrep.io.output import safe_name

    sub, params = _matched(con, filters)
    rows = con.execute(f"SELECT d.id, d.doc FROM documents d WHERE d.id IN (SELECT document_id FROM ({sub})) "
                       "ORDER BY d.id", params).fetchall()
    incident = dict(((d, i), inc) for d, i, inc in con.execute(sub, params).fetchall())
    is_zip = isinstance(out, Path)
    archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) if is_zip else None
    try:
        for doc_id, text in rows:
            doc = json.loads(text)
            for ev in doc.get("events") or []:
                ev["incident_id"] = incident.get((doc_id, str(ev.get("id"))))
            payload = json.dumps(doc, ensure_ascii=False, indent=1)
            name = safe_name(doc_id, ".json")
            if archive is not None:
                archive.writestr(name, payload)
            else:
                out.write_text(name, payload)
    finally:
        if archive is not None:
            archive.close()
    return len(rows)
