"""Incidents as reviewed, filtered and sorted in DuckDB: the page's table, map, timeline and downloads.

Every function reads the relation ``incident_view`` through :class:`IncidentFilters`, so the table,
the map, the timeline and the downloads always show the same incidents. ``incident_view`` is
:func:`sitrep.review.incident_view` (one row per incident, reviewed values in place of extracted
ones) computed once and registered on each cursor as an Arrow table (:func:`snapshot`,
:func:`attach`): the web app recomputes it after every review, so a filter change scans one
in-memory table instead of re-joining incidents, events, documents and reviews.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields

from sitrep.review import incident_view as _view_sql

VIEW = "incident_view"


def snapshot(cur):
    """The incident view as an Arrow table (see :func:`attach`)."""
    # pos: a stable number per incident for this snapshot (the map's order), so the page can keep every
    # point once and ask only which positions a filter keeps (points_json(..., positions=True))
    sql = (f"SELECT row_number() OVER (ORDER BY n_documents DESC, date DESC NULLS LAST, id) - 1 AS pos, * "
           f"FROM {_view_sql(cur)} ORDER BY pos")
    rel = cur.cursor().sql(sql)  # a fresh connection: no unfinished result in the way
    fetch = getattr(rel, "to_arrow_table", None) or getattr(rel, "arrow")  # DuckDB 2 / 1.x
    return fetch()


def attach(cur, table) -> None:
    """Make ``incident_view`` on ``cur`` the Arrow table from :func:`snapshot`."""
    cur.register(VIEW, table)


# sortable columns of the table (API name -> SQL expression over the incident view)
SORTS = {"date": "date", "location": "location", "admin1": "admin1", "country": "country", "actor1": "actor1",
         "actor2": "actor2", "event_type": "acled_event_type", "sub_event_type": "acled_subtype", "type": "type",
         "fatalities": "fatalities", "reports": "n_documents", "outlets": "n_outlets",
         "confidence": "confidence", "factuality": "factuality", "precision": "precision", "status": "status"}
COLUMNS = ("id, type, acled_event_type, acled_subtype, date, date_last, location, lat, lon, country, admin1, "
           "precision, actor1, actor2, fatalities, fatalities_min, fatalities_max, conflicting, n_events, "
           "n_documents, n_outlets, confidence, factuality, reviewed, reviewers, status")


@dataclass(frozen=True)
class IncidentFilters:
    """What the page filters on; every field optional. ``country`` is an alpha-2 code (resolve a
    name first with :func:`sitrep.review.country_code`); text fields match case-insensitively."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None  # ACLED event type
    sub_event_type: str | None = None
    type: str | None = None  # PLOVER type, or an ACLED event type (the older API's meaning)
    actor: str | None = None
    min_fatalities: int | None = None
    precision: str | None = None
    q: str | None = None  # text in any report's evidence
    bbox: tuple[float, float, float, float] | None = None
    status: str | None = None  # reviewed, unreviewed, confirmed, rejected, corrected, or "not rejected"

    def where(self) -> tuple[str, list]:
        conds, params = [], []

        def add(sql: str, *vals):
            conds.append(sql)
            params.extend(vals)

        if self.date_from:  # an incident overlapping the range counts
            add("coalesce(date_last, date) >= ?", self.date_from)
        if self.date_to:
            add("date <= ?", self.date_to)
        if self.country:
            add("country = ?", self.country.upper())
        if self.admin1:
            add("admin1 ILIKE ?", self.admin1)
        if self.event_type:
            add("acled_event_type = ?", self.event_type)
        if self.sub_event_type:
            add("acled_subtype = ?", self.sub_event_type)
        if self.type:
            add("(type = ? OR acled_event_type = ?)", self.type, self.type)
        if self.actor:
            add("(actors ILIKE ? OR actor1 ILIKE ? OR actor2 ILIKE ?)", *[f"%{self.actor}%"] * 3)
        if self.min_fatalities is not None:
            add("fatalities >= ?", self.min_fatalities)
        if self.precision:
            add("precision = ?", self.precision)
        if self.q:
            add("evidence ILIKE ?", f"%{self.q}%")
        if self.bbox:
            add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", self.bbox[0], self.bbox[2], self.bbox[1], self.bbox[3])
        status = {"reviewed": "reviewed", "unreviewed": "NOT reviewed", "not rejected": "status IS DISTINCT FROM 'rejected'"}
        if self.status in status:
            add(status[self.status])
        elif self.status:
            add("status = ?", self.status)
        return " AND ".join(conds) or "TRUE", params

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def _rows(cur) -> list[dict]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def page(cur, f: IncidentFilters, *, sort: str = "date", desc: bool = True, limit: int = 50, offset: int = 0) -> dict:
    """A sorted page of incidents and the number that match (ties broken by id)."""
    where, params = f.where()
    order = f"{SORTS[sort]} {'DESC' if desc else 'ASC'} NULLS LAST, id"
    cur.execute(f"SELECT {COLUMNS}, count(*) OVER () AS _total FROM {VIEW} WHERE {where} "
                f"ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    items = _rows(cur)
    total = items[0].pop("_total") if items else _count(cur, f)
    for it in items[1:]:
        it.pop("_total")
    return {"items": items, "total": total, "limit": limit, "offset": offset, "sort": sort,
            "dir": "desc" if desc else "asc"}


def _count(cur, f: IncidentFilters) -> int:
    where, params = f.where()
    return cur.execute(f"SELECT count(*) FROM {VIEW} WHERE {where}", params).fetchone()[0]


POINT_COLUMNS = ["id", "lat", "lon", "reports", "event_type", "type", "precision", "location", "date", "fatalities",
                 "reviewed", "status"]


def points_json(cur, f: IncidentFilters, *, limit: int = 20000, positions: bool = False) -> str:
    """Every matching incident with coordinates (most reports first), as the JSON text of
    ``{"columns", "rows", "total", "truncated"}``; with ``positions``, ``{"pos": [...], "total"}`` only
    (the ``pos`` of each match: the page keeps all points and redraws the ones a filter keeps).
    DuckDB writes the JSON itself, so 10,000 points cost one string instead of 10,000 Python rows."""
    import json

    where, params = f.where()
    located = f"{VIEW} WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL"
    total = cur.execute(f"SELECT count(*) FROM {located}", params).fetchall()[0][0]
    if positions:
        pos = cur.execute(f"SELECT coalesce(json_group_array(pos), '[]') FROM (SELECT pos FROM {located} "
                          f"ORDER BY pos LIMIT ?)", [*params, limit]).fetchall()[0][0]
        return f'{{"pos":{pos},"total":{total},"truncated":{"true" if total > limit else "false"}}}'
    rows = cur.execute(
        f"SELECT coalesce(json_group_array(json_array(pos, id, round(lat, 4), round(lon, 4), n_documents, "
        f"acled_event_type, type, precision, location, date, fatalities, reviewed, status)), '[]') FROM (SELECT * FROM "
        f"{located} ORDER BY pos LIMIT ?)", [*params, limit]).fetchall()[0][0]
    return (f'{{"columns":{json.dumps(["pos", *POINT_COLUMNS])},"rows":{rows},"total":{total},'
            f'"truncated":{"true" if total > limit else "false"}}}')


def timeline(cur, f: IncidentFilters) -> dict:
    where, params = f.where()
    cur.execute(f"SELECT date AS day, count(*) AS incidents, coalesce(sum(fatalities), 0) AS fatalities "
                f"FROM {VIEW} WHERE {where} AND date IS NOT NULL GROUP BY 1 ORDER BY 1", params)
    return {"items": _rows(cur)}


def facets(cur) -> dict:
    """Values for the filter controls, each with its number of incidents."""
    view = VIEW

    def values(col: str) -> list[dict]:
        return _rows(cur.execute(f"SELECT {col} AS value, count(*) AS n FROM {view} WHERE {col} IS NOT NULL "
                                 f"GROUP BY 1 ORDER BY 2 DESC, 1"))

    import pycountry

    countries = values("country")
    for c in countries:
        hit = pycountry.countries.get(alpha_2=str(c["value"]).upper())
        c["name"] = hit.name if hit else c["value"]
    subtypes = _rows(cur.execute(f"SELECT acled_subtype AS value, any_value(acled_event_type) AS event_type, "
                                 f"count(*) AS n FROM {view} WHERE acled_subtype IS NOT NULL GROUP BY 1 "
                                 f"ORDER BY 3 DESC, 1"))
    span = cur.execute(f"SELECT min(date), max(coalesce(date_last, date)), count(*) FROM {view}").fetchone()
    return {"countries": countries, "admin1": values("admin1"), "event_types": values("acled_event_type"),
            "sub_event_types": subtypes, "types": values("type"), "precisions": values("precision"),
            "first_day": span[0], "last_day": span[1], "incidents": span[2]}


def one(cur, incident_id: str) -> dict | None:
    """One incident as reviewed, its extracted row (``extracted``) and its review history."""
    from sitrep.io.store import read_reviews

    cur.execute(f"SELECT {COLUMNS} FROM {VIEW} WHERE id = ?", [incident_id])
    rows = _rows(cur)
    if not rows:
        return None
    out = rows[0]
    ex = _rows(cur.execute("SELECT * FROM incidents WHERE id = ?", [incident_id]))[0]
    for k in ("actors", "claims"):
        ex[k] = json.loads(ex[k]) if isinstance(ex[k], str) else ex[k]
    for k in ("first_seen", "updated_at"):
        ex[k] = str(ex[k]) if ex[k] is not None else None
    out["claims"] = ex.pop("claims")
    out["actors"] = ex["actors"]
    out["extracted"] = ex
    out["reviews"] = [{**r, "at": str(r["at"])} for r in read_reviews(cur, incident_id)]
    return out


def geojson(cur, f: IncidentFilters) -> dict:
    """The view as a GeoJSON FeatureCollection: one Point per located incident, reviewed values."""
    where, params = f.where()
    cur.execute(f"SELECT {COLUMNS} FROM {VIEW} WHERE {where} AND lat IS NOT NULL "
                f"ORDER BY date, id", params)
    feats = [{"type": "Feature", "id": r["id"], "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
              "properties": {k: (str(v) if k == "reviewed_at" else v) for k, v in r.items() if k not in ("lat", "lon")}}
             for r in _rows(cur)]
    return {"type": "FeatureCollection", "features": feats}


def ids(cur, f: IncidentFilters) -> list[str]:
    where, params = f.where()
    return [r[0] for r in cur.execute(f"SELECT id FROM {VIEW} WHERE {where}", params).fetchall()]
