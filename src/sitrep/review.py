"""An analyst's review of incidents: confirm, reject, or correct type, place, date, actors, fatalities.

Reviews never overwrite what was extracted: each change is one row of the ``reviews`` table
(:func:`sitrep.io.store.add_reviews`) with who, when and the value it replaced; the latest review of
an (incident, field) wins when reading. :func:`incident_view` is the SQL of incidents as reviewed
(the web page, the API and ``sitrep.open`` read it); :func:`apply_acled` and :func:`latest` let the
ACLED export and the report use the reviewed values and say which rows were reviewed.
"""
from __future__ import annotations

from datetime import date

from sitrep.errors import ConfigError

# review field -> SQL type of its value in the incident view; "status" is confirmed or rejected
FIELDS: dict[str, str] = {
    "status": "VARCHAR", "acled_event_type": "VARCHAR", "acled_subtype": "VARCHAR", "location": "VARCHAR",
    "lat": "DOUBLE", "lon": "DOUBLE", "admin1": "VARCHAR", "country": "VARCHAR", "date": "VARCHAR",
    "actor1": "VARCHAR", "actor2": "VARCHAR", "fatalities": "BIGINT",
}
ALIASES = {"type": "acled_event_type", "event_type": "acled_event_type", "subtype": "acled_subtype",
           "sub_event_type": "acled_subtype", "place": "location"}
STATUSES = ("confirmed", "rejected")


def field_name(name: str) -> str:
    f = ALIASES.get(name.strip().lower(), name.strip().lower())
    if f not in FIELDS:
        raise ConfigError(f"cannot review {name!r}; fields: {', '.join(sorted(set(FIELDS) | set(ALIASES)))}")
    return f


def check_value(field: str, value) -> str | None:
    """The value as stored (a string), or ConfigError saying what is expected."""
    from sitrep.export.acled import vocab

    if value is None or (isinstance(value, str) and not value.strip()):
        if field in ("status", "acled_event_type", "location", "date"):
            raise ConfigError(f"{field} cannot be empty")
        return None  # clearing an actor, a division or a figure is a correction too
    v = str(value).strip()
    if len(v) > 200:
        raise ConfigError(f"{field}: at most 200 characters")
    if field == "status" and v not in STATUSES:
        raise ConfigError(f"status must be one of {', '.join(STATUSES)}")
    if field == "acled_event_type" and v not in vocab()["event_types"]:
        raise ConfigError(f"{v!r} is not an ACLED event type ({', '.join(vocab()['event_types'])})")
    if field == "date":
        try:
            v = date.fromisoformat(v).isoformat()
        except ValueError:
            raise ConfigError(f"date {v!r} is not in the form YYYY-MM-DD")
    if field == "fatalities":
        if not v.isdigit():
            raise ConfigError(f"fatalities must be a whole number >= 0, not {v!r}")
        v = str(int(v))
    if field in ("lat", "lon"):
        try:
            x = float(v)
        except ValueError:
            raise ConfigError(f"{field} must be a number, not {v!r}")
        if abs(x) > (90 if field == "lat" else 180):
            raise ConfigError(f"{field} {x} is out of range")
        v = repr(x)
    if field == "country":
        v = country_code(v)
    return v


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 for a code (alpha-2 or -3) or an English name; ConfigError when unknown."""
    import pycountry

    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError:
        hits = [c for c in pycountry.countries if value.strip().lower() in c.name.lower()]
        if len(hits) == 1:
            return hits[0].alpha_2
        raise ConfigError(f"unknown country {value!r} (a name such as Ukraine, or a code such as UA)")


def review(con, incident_id: str, changes: dict[str, object], *, reviewer: str, note: str | None = None) -> list[dict]:
    """Record ``changes`` (field -> new value; ``status``: confirmed/rejected) to one incident.

    Each row keeps the value shown before (the latest review, else the extracted value). Returns
    the rows written. Raises ConfigError for an unknown incident, field or value, or no reviewer.
    """
    from sitrep.io.store import add_reviews

    if not reviewer or not reviewer.strip():
        raise ConfigError("a review needs the reviewer's name")
    if not changes:
        raise ConfigError("nothing to review: give a status or at least one field")
    current = incident_values(con, incident_id)
    if current is None:
        raise ConfigError(f"no incident {incident_id!r}")
    rows = []
    for name, value in changes.items():
        f = field_name(name)
        rows.append({"incident_id": incident_id, "field": f, "value": check_value(f, value),
                     "previous": None if current.get(f) is None else str(current.get(f)),
                     "reviewer": reviewer.strip()[:100], "note": note})
    add_reviews(con, rows)
    return rows


def incident_view(con) -> str:
    """SQL (a parenthesised subquery) of every incident with its reviewed values.

    Columns: the reviewable fields (reviewed value, else extracted), ``precision``, ``date_last``,
    ``fatalities_min``/``_max`` (the reports' range), ``n_events``, ``n_documents``, ``n_outlets``,
    ``confidence`` (highest of its events), ``factuality`` (most common), ``type`` (PLOVER),
    ``actors`` (every name, for search), ``evidence`` (every report's evidence, for search),
    ``reviewed`` (bool), ``reviewers``, ``reviewed_at``, ``status``.
    """
    from sitrep.io.store import has_reviews

    src = "reviews" if has_reviews(con) else (
        "(SELECT NULL::BIGINT AS seq, NULL::VARCHAR AS incident_id, NULL::VARCHAR AS field, NULL::VARCHAR AS value, "
        "NULL::VARCHAR AS reviewer, NULL::TIMESTAMP AS \"at\" WHERE false)")
    pivot = ", ".join(f"arg_max_null(value, seq) FILTER (WHERE field = '{f}') AS r_{f}, "
                      f"bool_or(field = '{f}') AS has_{f}" for f in FIELDS)

    def eff(f: str, extracted: str) -> str:
        typed = f"TRY_CAST(rv.r_{f} AS {FIELDS[f]})" if FIELDS[f] != "VARCHAR" else f"rv.r_{f}"
        return f"CASE WHEN rv.has_{f} THEN {typed} ELSE {extracted} END AS {f}"

    cols = [eff("acled_event_type", "i.acled_event_type"), eff("acled_subtype", "i.acled_subtype"),
            eff("location", "i.location"), eff("lat", "i.lat"), eff("lon", "i.lon"), eff("admin1", "i.admin1"),
            eff("country", "i.country"), eff("date", "i.date"),
            eff("actor1", "json_extract_string(i.actors, '$.source[0]')"),
            eff("actor2", "json_extract_string(i.actors, '$.target[0]')"),
            eff("fatalities", "i.fatalities")]
    return (
        f"(WITH rv AS (SELECT incident_id, {pivot}, string_agg(DISTINCT reviewer, ', ') AS reviewers, "
        f"max(\"at\") AS reviewed_at FROM {src} GROUP BY incident_id), "
        f"ev AS (SELECT e.incident_id, max(e.confidence) AS confidence, mode(e.factuality) AS factuality, "
        f"count(DISTINCT coalesce(d.source, d.id)) AS n_outlets FROM events e JOIN documents d "
        f"ON d.id = e.document_id WHERE e.incident_id IS NOT NULL GROUP BY 1) "
        f"SELECT i.id, i.type, {', '.join(cols)}, "
        f"CASE WHEN rv.has_date THEN rv.r_date ELSE i.date_last END AS date_last, "
        f"CASE WHEN rv.has_lat OR rv.has_lon THEN 'reviewed' ELSE i.precision END AS precision, i.fatalities_min, i.fatalities_max, i.conflicting, "
        f"i.n_events, i.n_documents, coalesce(ev.n_outlets, i.n_documents) AS n_outlets, ev.confidence, "
        f"ev.factuality, CAST(i.actors AS VARCHAR) AS actors, "
        f"array_to_string(json_extract_string(i.claims, '$[*].evidence.text'), ' | ') AS evidence, "
        f"rv.incident_id IS NOT NULL AS reviewed, rv.reviewers, rv.reviewed_at, "
        f"coalesce(rv.r_status, CASE WHEN rv.incident_id IS NOT NULL THEN 'corrected' END) AS status "
        f"FROM incidents i LEFT JOIN rv ON rv.incident_id = i.id LEFT JOIN ev ON ev.incident_id = i.id)")


def incident_values(con, incident_id: str) -> dict | None:
    """One incident as reviewed (a row of :func:`incident_view`), or None."""
    from sitrep.io.store import has_incidents

    if not has_incidents(con):
        return None
    cur = con.execute(f"SELECT * FROM {incident_view(con)} WHERE id = ?", [incident_id])
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row)) if row else None


def latest(con) -> dict[str, dict]:
    """incident id -> ``{"fields": {field: value}, "reviewers": [...], "at": last time}``."""
    from sitrep.io.store import read_reviews

    out: dict[str, dict] = {}
    for r in read_reviews(con):
        x = out.setdefault(r["incident_id"], {"fields": {}, "reviewers": [], "at": None})
        x["fields"][r["field"]] = r["value"]
        if r["reviewer"] not in x["reviewers"]:
            x["reviewers"].append(r["reviewer"])
        x["at"] = r["at"]
    return out


def rejected(rv: dict | None) -> bool:
    return bool(rv) and rv["fields"].get("status") == "rejected"


def apply_acled(row: dict, rv: dict | None) -> dict:
    """An ACLED row (:func:`sitrep.export.acled.acled_row`) with the reviewed values put in, and a
    ``reviewed by ...`` tag; unchanged when ``rv`` is None."""
    if not rv:
        return row
    from sitrep.export.acled import vocab

    f = rv["fields"]
    out = dict(row)
    simple = {"acled_event_type": "event_type", "acled_subtype": "sub_event_type", "location": "location",
              "lat": "latitude", "lon": "longitude", "admin1": "admin1", "actor1": "actor1", "actor2": "actor2"}
    for field, col in simple.items():
        if field in f:
            out[col] = f[field] if f[field] is not None else ""
    for field in ("lat", "lon"):
        if f.get(field) is not None:
            out[simple[field]] = float(f[field])
    if "acled_subtype" in f or "acled_event_type" in f:
        v = vocab()
        out["disorder_type"] = (v["subtype_disorder"].get(out["sub_event_type"] or "")
                                or (v["event_types"].get(out["event_type"]) or {}).get("disorder", ""))
    if f.get("date"):
        out["event_date"], out["year"], out["time_precision"] = f["date"], f["date"][:4], 1
    if "fatalities" in f:
        out["fatalities"] = int(f["fatalities"]) if f["fatalities"] is not None else 0
    if f.get("country"):
        import pycountry

        from sitrep.export import acled

        c = pycountry.countries.get(alpha_2=f["country"])
        if c:
            out["iso"] = int(c.numeric)
        out["country"], out["region"] = acled.country_name(f["country"]), acled.region(f["country"])  # as the export writes
    when = rv["at"].date().isoformat() if hasattr(rv["at"], "date") else str(rv["at"] or "")[:10]
    fields = ", ".join(sorted(k for k in f if k != "status"))
    tag = f"reviewed by {' & '.join(rv['reviewers'])} on {when}" + (f" ({fields})" if fields else "")
    if f.get("status") == "confirmed":
        tag += "; confirmed"
    out["tags"] = "; ".join(x for x in (row.get("tags"), tag) if x)
    return out
