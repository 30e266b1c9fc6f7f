"""The SQL of fusion: the ``incidents`` table, ``events.incident_id``, reading events with their context.

``incidents`` is keyed by ``id``; its rows are recomputed from their member events on every
:func:`sitrep.fusion.fuse` (``first_seen`` survives). Membership lives on ``events.incident_id``.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pyarrow as pa

INCIDENT_COLUMNS: list[tuple[str, str]] = [
    ("id", "VARCHAR PRIMARY KEY"), ("type", "VARCHAR"), ("acled_event_type", "VARCHAR"),
    ("acled_subtype", "VARCHAR"), ("date", "VARCHAR"), ("date_last", "VARCHAR"), ("location", "VARCHAR"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("country", "VARCHAR"), ("admin1", "VARCHAR"),
    ("precision", "VARCHAR"), ("fatalities", "BIGINT"), ("fatalities_min", "BIGINT"),
    ("fatalities_max", "BIGINT"), ("conflicting", "BOOLEAN"), ("n_events", "INTEGER"),
    ("n_documents", "INTEGER"), ("actors", "JSON"), ("claims", "JSON"), ("explain", "JSON"), ("first_seen", "TIMESTAMP"),
    ("updated_at", "TIMESTAMP"),
]


def ensure_schema(con) -> None:
    """Create ``incidents`` and add ``events.incident_id``; both idempotent."""
    con.execute("SET enable_progress_bar = false")  # DuckDB would draw on the CLI's stdout
    cols = ", ".join(f'"{n}" {t}' for n, t in INCIDENT_COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS incidents ({cols})")
    con.execute("ALTER TABLE incidents ADD COLUMN IF NOT EXISTS explain JSON")  # stores fused before it
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS incident_id VARCHAR")
    # main, fragment, background or other: the event's place in its report (sitrep.fusion.report)
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS fusion_role VARCHAR")


def build_event_index(con) -> None:
    """``event_index``: one flat row per event (day, type, place, claimant, evidence, source...), the
    read model the web API filters and pages without joins. Rebuilt by every fuse; the API checks
    its row count against ``events`` and falls back to joins when it is stale."""
    from sitrep.export.filters import EVENT_DAY, EVENTS_FROM

    con.execute(
        f"CREATE OR REPLACE TABLE event_index AS SELECT e.document_id, e.id, e.incident_id, "
        f"coalesce(e.incident_id, e.document_id || '/' || e.id) AS ikey, {EVENT_DAY} AS day, "
        f"e.date, e.type, e.acled_event_type, e.acled_subtype, p.name AS place, p.lat, p.lon, p.country, p.admin1, "
        f"e.fatalities, e.factuality, e.confidence, coalesce(a.name, e.claimant) AS claimant, "
        f"json_extract_string(e.data, '$.evidence.text') AS evidence, d.source, d.title, d.published "
        f"FROM {EVENTS_FROM} LEFT JOIN actors a ON a.document_id = e.document_id AND a.id = e.claimant "
        f"ORDER BY day DESC NULLS LAST, e.document_id, e.id")


def has_incidents(con) -> bool:
    """True when the store has been fused at least once (read-only connections cannot add columns)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.columns "
                            "WHERE table_name = 'events' AND column_name = 'incident_id'").fetchone()[0])


def load_rows(con) -> tuple[list[dict], dict, dict, dict]:
    """Events (as dicts), places and actors keyed by (document_id, id), documents by id."""
    ev = con.execute("SELECT document_id, id, incident_id, data FROM events ORDER BY document_id, id").fetchall()
    events = [{"document_id": d, "id": i, "incident_id": inc, **json.loads(data)} | {"id": i}
              for d, i, inc, data in ev]
    places = {(d, i): json.loads(x) for d, i, x in con.execute("SELECT document_id, id, data FROM places").fetchall()}
    actors = {(d, i): json.loads(x) for d, i, x in con.execute("SELECT document_id, id, data FROM actors").fetchall()}
    docs = {r[0]: {"id": r[0], "published": r[1], "title": r[2], "source": r[3], "url": r[4], "text": r[5]}
            for r in con.execute("SELECT id, published, title, source, url, text FROM documents").fetchall()}
    return events, places, actors, docs


def load_killed_counts(con) -> dict[str, list[tuple[int, int]]]:
    """Per document, ``(start, value)`` of every death count told as fact (the counts layer)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for d, data in con.execute("SELECT document_id, data FROM counts").fetchall():
        c = json.loads(data)
        if c.get("category") != "killed" or c.get("negated") or c.get("hypothetical"):
            continue
        if isinstance(c.get("value"), int):
            out.setdefault(d, []).append((int(c.get("start") or 0), c["value"]))
    return out


def existing_first_seen(con) -> dict[str, datetime]:
    return dict(con.execute("SELECT id, first_seen FROM incidents").fetchall())


def write(con, assignments: dict[tuple[str, str], tuple[str, str]], incidents: list[dict]) -> None:
    """Replace incident membership (``(incident_id, fusion_role)`` per event) and rows in one transaction."""
    con.execute("BEGIN")
    try:
        keys = list(assignments)
        tbl = pa.table({"document_id": [k[0] for k in keys], "id": [k[1] for k in keys],
                        "incident_id": [assignments[k][0] for k in keys],
                        "fusion_role": [assignments[k][1] for k in keys]})
        con.register("_fusion_assign", tbl)
        con.execute("UPDATE events SET incident_id = a.incident_id, fusion_role = a.fusion_role "
                    "FROM _fusion_assign a "
                    "WHERE events.document_id = a.document_id AND events.id = a.id "
                    "AND (events.incident_id IS DISTINCT FROM a.incident_id "
                    "OR events.fusion_role IS DISTINCT FROM a.fusion_role)")
        con.unregister("_fusion_assign")
        con.execute("DELETE FROM incidents")
        if incidents:
            data = {n: [_cell(r.get(n), t) for r in incidents] for n, t in INCIDENT_COLUMNS}
            con.register("_fusion_inc", pa.table(data))
            con.execute(f"INSERT INTO incidents ({', '.join(chr(34) + n + chr(34) for n, _ in INCIDENT_COLUMNS)}) SELECT {', '.join(_sel(n, t) for n, t in INCIDENT_COLUMNS)} "
                        "FROM _fusion_inc")
            con.unregister("_fusion_inc")
        build_event_index(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _cell(v, sql_type: str):
    if sql_type == "JSON":
        return json.dumps(v, ensure_ascii=False)
    return v


def _sel(name: str, sql_type: str) -> str:
    t = sql_type.split()[0]
    return f'CAST("{name}" AS {t})'


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
