"""Exports of a store: ACLED-shaped CSV, PLOVER JSON Lines, GeoJSON, Parquet tables, per-document JSON.

``export(db, fmt, output, filters=..., force=...)`` is the plain function behind ``sitrep export``.
Every format reads the same filtered event rows (:func:`load_events`), so a filter means the same
thing everywhere. Nothing is ever overwritten without ``force``.
"""
from __future__ import annotations

import json
import sys

from sitrep.errors import ConfigError, StoreError
from sitrep.export.filters import EVENT_DAY, EVENTS_FROM, Filters, parse_bbox

__all__ = ["FORMATS", "Filters", "export", "load_events", "parse_bbox"]

FORMATS = ("acled", "plover", "geojson", "parquet", "docs")
STREAMABLE = ("acled", "plover", "geojson")  # may go to stdout


def load_events(con, filters: Filters = Filters(), *, incident_ids: list[str] | None = None) -> list[dict]:
    """Filtered events, each ``{event, place, document, actors, incident}``, in date order; with
    ``incident_ids`` (a fused store), only the events of those incidents.

    ``actors`` maps the actor ids of the event's document to actor items; ``incident`` is the row
    of ``incidents`` when the store has been fused (see :func:`sitrep.fusion.fuse`), else None.

    Raises:
        StoreError: ``incident_ids`` given for a store that was never fused (it has no incidents to
            select by; silently returning every event would export what was not asked for).
    """
    from sitrep.io.store import has_incidents

    fused = has_incidents(con)
    if incident_ids is not None and not fused:
        raise StoreError("events selected by incident, but this store has not been fused: "
                         "run sitrep incidents --db FILE first")
    where, params = filters.where(incidents=fused)
    if incident_ids is not None:
        where, params = f"{where} AND e.incident_id IN (SELECT unnest(?::VARCHAR[]))", [*params, incident_ids]
    inc = "e.incident_id" if fused else "NULL"
    rows = con.execute(
        f"SELECT e.document_id, e.id, e.data, p.data, d.title, d.source, d.url, d.published, {inc}, "
        f"{EVENT_DAY} AS day FROM {EVENTS_FROM} WHERE {where} ORDER BY day NULLS LAST, e.document_id, e.id",
        params).fetchall()
    doc_ids = sorted({r[0] for r in rows})
    actors: dict[str, dict[str, dict]] = {}
    if doc_ids:
        for d, i, data in con.execute("SELECT document_id, id, data FROM actors WHERE document_id IN "
                                      "(SELECT unnest(?::VARCHAR[]))", [doc_ids]).fetchall():
            actors.setdefault(d, {})[i] = json.loads(data)
    incidents: dict[str, dict] = {}
    if fused:
        ids = sorted({r[8] for r in rows if r[8]})
        if ids:
            cur = con.execute("SELECT * FROM incidents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
            cols = [c[0] for c in cur.description]
            for r in cur.fetchall():
                row = dict(zip(cols, r))
                for k in ("actors", "claims"):
                    row[k] = json.loads(row[k]) if isinstance(row[k], str) else row[k]
                incidents[row["id"]] = row
    out = []
    for d, i, data, place, title, source, url, published, iid, day in rows:
        ev = json.loads(data)
        ev["id"] = i
        out.append({"event": ev, "place": json.loads(place) if place else None, "day": day,
                    "document": {"id": d, "title": title, "source": source, "url": url, "published": published},
                    "actors": actors.get(d, {}), "incident_id": iid, "incident": incidents.get(iid)})
    return out


def export(db: str, fmt: str, output: str | None, *, filters: Filters = Filters(), force: bool = False) -> dict:
    """Write one export; returns ``{"format", "output", "rows"}``.

    Args:
        db: A DuckDB file written by ``sitrep ingest``.
        fmt: One of :data:`FORMATS`.
        output: A file (acled, plover, geojson; ``None`` or ``-`` for stdout) or a folder
            (parquet, docs; ``docs`` also takes a ``.zip`` file).
        force: Replace an existing output.

    Raises:
        ConfigError: An unknown format, a missing output for a folder format, or an existing output
            without ``force``.
    """
    from sitrep.export import acled, formats
    from sitrep.io.output import OutputFile, OutputFolder
    from sitrep.io.store import Store

    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    to_stdout = output in (None, "-")
    if to_stdout and fmt not in STREAMABLE:
        raise ConfigError(f"--format {fmt} writes several files: give a folder with -o PATH")
    # the output is checked (exists without --force, missing folder, foreign folder) before any work
    folder = fmt == "parquet" or (fmt == "docs" and not str(output).endswith(".zip"))
    target = None if to_stdout else (OutputFolder(output, force=force) if folder else OutputFile(output, force=force))
    try:
        with Store(db, read_only=True) as store:
            if fmt == "parquet":
                with target as out:
                    n = formats.write_parquet(store.con, out, filters)
                return {"format": fmt, "output": output, "rows": n}
            if fmt == "docs":
                with target as out:
                    n = formats.write_docs(store.con, out, filters)
                return {"format": fmt, "output": output, "rows": n}
            rows = load_events(store.con, filters)
            from sitrep.review import latest

            reviews = latest(store.con)  # the ACLED rows carry analysts' reviews
        write = {"acled": lambda r, fh: acled.write_csv(r, fh, reviews), "plover": formats.write_plover,
                 "geojson": formats.write_geojson}[fmt]
        if to_stdout:
            return {"format": fmt, "output": "-", "rows": write(rows, sys.stdout)}
        with target as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            n = write(rows, fh)
        return {"format": fmt, "output": output, "rows": n}
    finally:
        if isinstance(target, OutputFolder):
            target.abort()  # a no-op after a commit; removes the temporary folder after a failure
