"""The DuckDB store: the only module that writes SQL for documents and their layers.

Tables: ``documents`` (one row per article, keyed by ``id``, with its ``content_hash``), one table
per layer (``places``, ``actors``, ``quotes``, ``dates``, ``counts``, ``events``) whose rows carry
``document_id``, the item ``id``, a few typed columns for querying and the whole item as JSON in
``data``; ``failures`` (inputs that could not be processed, with the reason) and ``runs``.

Each document is written in one transaction, so a run killed at any point leaves only whole
documents behind; re-ingesting skips documents whose content hash is already stored.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import duckdb

from sitrep.doc import LAYERS

# layer -> [(column, SQL type, getter)] typed columns besides document_id, id, start, end, data
def _g(*keys: str) -> Callable[[dict], Any]:
    def get(item: dict):
        v: Any = item
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        return v
    return get


LAYER_COLUMNS: dict[str, list[tuple[str, str, Callable[[dict], Any]]]] = {
    "places": [("name", "VARCHAR", _g("name")), ("geonameid", "BIGINT", _g("geonameid")),
               ("lat", "DOUBLE", _g("lat")), ("lon", "DOUBLE", _g("lon")),
               ("country", "VARCHAR", _g("country")), ("admin1", "VARCHAR", _g("admin1")),
               ("precision", "VARCHAR", _g("precision")), ("metonym", "BOOLEAN", _g("metonym"))],
    "actors": [("name", "VARCHAR", _g("name")), ("kind", "VARCHAR", _g("kind")),
               ("role", "VARCHAR", _g("role")), ("country", "VARCHAR", _g("country"))],
    "quotes": [("kind", "VARCHAR", _g("kind")), ("speaker", "VARCHAR", _g("speaker")),
               ("speaker_name", "VARCHAR", _g("speaker_name")), ("text", "VARCHAR", _g("text"))],
    "dates": [("text", "VARCHAR", _g("text")), ("value", "VARCHAR", _g("value")),
              ("precision", "VARCHAR", _g("precision"))],
    "counts": [("category", "VARCHAR", _g("category")), ("value", "BIGINT", _g("value")),
               ("qualifier", "VARCHAR", _g("qualifier"))],
    "events": [("type", "VARCHAR", _g("type")), ("mode", "VARCHAR", _g("mode")),
               ("acled_event_type", "VARCHAR", _g("acled_event_type")),
               ("acled_subtype", "VARCHAR", _g("acled_subtype")),
               ("place", "VARCHAR", _g("place")), ("date", "VARCHAR", _g("date", "value")),
               ("fatalities", "BIGINT", _g("fatalities")), ("claimant", "VARCHAR", _g("claimant")),
               ("factuality", "VARCHAR", _g("factuality")), ("confidence", "DOUBLE", _g("confidence"))],
}

DOC_COLUMNS = [("id", "VARCHAR PRIMARY KEY"), ("path", "VARCHAR"), ("title", "VARCHAR"),
               ("published", "VARCHAR"), ("source", "VARCHAR"), ("url", "VARCHAR"),
               ("content_hash", "VARCHAR UNIQUE"), ("format", "VARCHAR"), ("dateline_place", "VARCHAR"),
               ("text", "VARCHAR"), ("doc", "JSON"), ("run_id", "VARCHAR"), ("ingested_at", "TIMESTAMP")]


def _start_end(item: dict) -> tuple[int | None, int | None]:
    if "start" in item:
        return item.get("start"), item.get("end")
    for key in ("mentions", "evidence"):
        v = item.get(key)
        if isinstance(v, list) and v:
            return v[0].get("start"), v[0].get("end")
        if isinstance(v, dict):
            return v.get("start"), v.get("end")
    return None, None


class Store:
    """A DuckDB file holding documents and their layers. Use as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.create_schema()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def create_schema(self) -> None:
        c = self.con
        c.execute("CREATE TABLE IF NOT EXISTS documents (" + ", ".join(f'"{n}" {t}' for n, t in DOC_COLUMNS) + ")")
        for layer in LAYERS:
            cols = ", ".join(f'"{n}" {t}' for n, t, _ in LAYER_COLUMNS[layer])
            c.execute(f'CREATE TABLE IF NOT EXISTS {layer} (document_id VARCHAR NOT NULL, id VARCHAR NOT NULL, '
                      f'"start" INTEGER, "end" INTEGER, {cols}, data JSON, PRIMARY KEY (document_id, id))')
        c.execute("CREATE TABLE IF NOT EXISTS failures (path VARCHAR, reason VARCHAR, stage VARCHAR, "
                  "run_id VARCHAR, at TIMESTAMP)")
        c.execute("CREATE TABLE IF NOT EXISTS runs (id VARCHAR PRIMARY KEY, started_at TIMESTAMP, "
                  "finished_at TIMESTAMP, versions JSON, stages JSON, stats JSON)")

    # ---- runs -------------------------------------------------------------------------------
    def start_run(self, versions: dict, stages: list[str]) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, ?, NULL)",
                         [run_id, _now(), json.dumps(versions), json.dumps(stages)])
        return run_id

    def finish_run(self, run_id: str, stats: dict) -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?", [_now(), json.dumps(stats), run_id])

    # ---- documents --------------------------------------------------------------------------
    def has_hash(self, content_hash: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]).fetchone() is not None

    def known_hashes(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT content_hash FROM documents").fetchall()}

    def write_document(self, doc_json: dict, *, run_id: str | None = None) -> bool:
        """Write one document and its layers atomically. Returns False when it was already stored."""
        meta = doc_json["document"]
        c = self.con
        c.execute("BEGIN")
        try:
            if c.execute("SELECT 1 FROM documents WHERE id = ? OR content_hash = ?",
                         [meta["id"], meta["content_hash"]]).fetchone():
                c.execute("ROLLBACK")
                return False
            c.execute(f"INSERT INTO documents VALUES ({', '.join('?' * len(DOC_COLUMNS))})",
                      [meta["id"], meta.get("path"), meta.get("title"), meta.get("published"), meta.get("source"),
                       meta.get("url"), meta["content_hash"], meta.get("format"), _str(meta.get("dateline_place")),
                       doc_json["text"], json.dumps(doc_json, ensure_ascii=False), run_id, _now()])
            for layer in LAYERS:
                rows = [self._row(meta["id"], layer, item) for item in doc_json.get(layer) or []]
                if rows:
                    n = 5 + len(LAYER_COLUMNS[layer])
                    c.executemany(f"INSERT INTO {layer} VALUES ({', '.join('?' * n)})", rows)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return True

    @staticmethod
    def _row(doc_id: str, layer: str, item: dict) -> list:
        start, end = _start_end(item)
        typed = [_cast(get(item)) for _, _, get in LAYER_COLUMNS[layer]]
        return [doc_id, str(item.get("id")), start, end, *typed, json.dumps(item, ensure_ascii=False)]

    def record_failure(self, path: str, reason: str, *, stage: str | None = None, run_id: str | None = None) -> None:
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?)", [path, reason, stage, run_id, _now()])

    def get_document(self, doc_id: str) -> dict | None:
        row = self.con.execute("SELECT doc FROM documents WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 1",
                               [doc_id, doc_id + "%"]).fetchone()
        return json.loads(row[0]) if row else None

    def query(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall() if cur.description else []

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", *LAYERS, "failures")}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _str(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _cast(v: Any) -> Any:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v
