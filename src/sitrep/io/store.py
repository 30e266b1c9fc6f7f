"""The DuckDB store: the only module that writes SQL for documents and their layers.

Tables: ``documents`` (one row per article, keyed by ``id``, with its ``content_hash``), one table
per layer (``places``, ``actors``, ``quotes``, ``dates``, ``counts``, ``events``) whose rows carry
``document_id``, the item ``id``, a few typed columns for querying and the whole item as JSON in
``data``; ``failures`` (inputs that could not be processed, with the reason) and ``runs`` (one row
per ingest run: versions, stage labels, settings, statistics).

Writes go through :meth:`Store.write_batch`: a batch of whole documents in one transaction, so a run
killed at any point (Ctrl-C, ``kill -9``) leaves only whole documents behind and the next run redoes
the rest. Documents whose id or content hash is already stored are skipped, never duplicated.

Row building (:func:`document_rows`) is pure and runs in the workers, so the single writer only
hands Arrow tables to DuckDB. Inserts name their columns, so other modules may add columns to the
layer tables (``events.incident_id``, say) without breaking ingest.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import duckdb

from sitrep.doc import LAYERS


def _g(*keys: str) -> Callable[[dict], Any]:
    def get(item: dict):
        v: Any = item
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        return v
    return get


# layer -> [(column, SQL type, getter)]: typed columns besides document_id, id, start, end, data
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

# columns a worker fills; the writer adds run_id and ingested_at
DOC_COLUMNS = [("id", "VARCHAR PRIMARY KEY"), ("path", "VARCHAR"), ("title", "VARCHAR"),
               ("published", "VARCHAR"), ("source", "VARCHAR"), ("url", "VARCHAR"),
               ("content_hash", "VARCHAR UNIQUE"), ("format", "VARCHAR"), ("dateline_place", "VARCHAR"),
               ("text", "VARCHAR"), ("doc", "JSON")]
WRITER_COLUMNS = [("run_id", "VARCHAR"), ("ingested_at", "TIMESTAMP")]
BASE_LAYER_COLUMNS = [("document_id", "VARCHAR NOT NULL"), ("id", "VARCHAR NOT NULL"),
                      ("start", "INTEGER"), ("end", "INTEGER")]

DocRows = dict[str, dict[str, list]]  # table -> column -> values, for one document or a batch


def table_columns(table: str) -> list[tuple[str, str]]:
    """(column, SQL type) of what :func:`document_rows` fills for ``table``."""
    if table == "documents":
        return DOC_COLUMNS
    return [*BASE_LAYER_COLUMNS, *((n, t) for n, t, _ in LAYER_COLUMNS[table]), ("data", "JSON")]


def document_rows(doc_json: dict) -> DocRows:
    """The rows one document JSON becomes, column-wise (pure: no database; runs in workers)."""
    meta = doc_json["document"]
    doc = dict(zip((n for n, _ in DOC_COLUMNS),
                   [meta["id"], meta.get("path"), meta.get("title"), meta.get("published"), meta.get("source"),
                    meta.get("url"), meta["content_hash"], meta.get("format"), _str(meta.get("dateline_place")),
                    doc_json["text"], json.dumps(doc_json, ensure_ascii=False)]))
    out: DocRows = {"documents": {k: [_coerce(v, t)] for (k, t), v in zip(DOC_COLUMNS, doc.values())}}
    for layer in LAYERS:
        cols = table_columns(layer)
        rows: dict[str, list] = {n: [] for n, _ in cols}
        for item in doc_json.get(layer) or []:
            start, end = _start_end(item)
            values = [meta["id"], str(item.get("id")), start, end,
                      *(get(item) for _, _, get in LAYER_COLUMNS[layer]), json.dumps(item, ensure_ascii=False)]
            for (n, t), v in zip(cols, values):
                rows[n].append(_coerce(v, t))
        out[layer] = rows
    return out


def merge_rows(parts: list[DocRows]) -> DocRows:
    """Concatenate the rows of several documents, table by table."""
    out: DocRows = {}
    for part in parts:
        for table, cols in part.items():
            dst = out.setdefault(table, {n: [] for n in cols})
            for n, vals in cols.items():
                dst[n].extend(vals)
    return out


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
        cols = ", ".join(f'"{n}" {t}' for n, t in (*DOC_COLUMNS, *WRITER_COLUMNS))
        c.execute(f"CREATE TABLE IF NOT EXISTS documents ({cols})")
        for layer in LAYERS:
            cols = ", ".join(f'"{n}" {t}' for n, t in table_columns(layer))
            c.execute(f"CREATE TABLE IF NOT EXISTS {layer} ({cols}, PRIMARY KEY (document_id, id))")
        c.execute("CREATE TABLE IF NOT EXISTS failures (path VARCHAR, reason VARCHAR, stage VARCHAR, "
                  "run_id VARCHAR, \"at\" TIMESTAMP)")
        c.execute("CREATE TABLE IF NOT EXISTS runs (id VARCHAR PRIMARY KEY, started_at TIMESTAMP, "
                  "finished_at TIMESTAMP, versions JSON, stages JSON, stats JSON, settings JSON)")
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Bring a database written by an older sitrep up to date: columns added since are added (NULL
        for the rows already there). Constraints can't be added to an existing column, so a new column
        gets its bare type; nothing is ever dropped or retyped."""
        have: dict[str, set[str]] = {}
        for table, column in self.con.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'").fetchall():
            have.setdefault(table, set()).add(column)
        wanted = {"documents": [*DOC_COLUMNS, *WRITER_COLUMNS], **{layer: table_columns(layer) for layer in LAYERS}}
        for table, cols in wanted.items():
            for name, sql_type in cols:
                if name not in have.get(table, set()):
                    bare = sql_type.split()[0]
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {bare}')

    # ---- runs -------------------------------------------------------------------------------
    def start_run(self, versions: dict, stages: list[str], settings: dict | None = None) -> str:
        """Record the start of an ingest run; a run that never finishes keeps ``finished_at`` NULL."""
        run_id = uuid.uuid4().hex[:12]
        self.con.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, ?, NULL, ?)",
                         [run_id, _now(), json.dumps(versions), json.dumps(stages), json.dumps(settings or {})])
        return run_id

    def finish_run(self, run_id: str, stats: dict) -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?",
                         [_now(), json.dumps(stats, default=str), run_id])

    # ---- documents --------------------------------------------------------------------------
    def known_hashes(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT content_hash FROM documents").fetchall()}

    def write_document(self, doc_json: dict, *, run_id: str | None = None) -> bool:
        """Write one document and its layers atomically. Returns False when it was already stored."""
        return self.write_batch([document_rows(doc_json)], run_id=run_id)[0]

    def write_batch(self, docs: list[DocRows], *, run_id: str | None = None) -> list[bool]:
        """Write whole documents (from :func:`document_rows`) in one transaction.

        Returns, per document, whether it was written (False: its id or content hash was already
        stored, or came earlier in the batch). Raises, with nothing written, when DuckDB refuses a
        row (a layer with two items of the same id, say); the caller may retry document by document.
        """
        if not docs:
            return []
        c = self.con
        c.execute("BEGIN")
        try:
            ids = [d["documents"]["id"][0] for d in docs]
            hashes = [d["documents"]["content_hash"][0] for d in docs]
            seen = {r[0] for r in c.execute(
                "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                "UNION ALL SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
                [ids, hashes]).fetchall()}
            written = []
            for i, h in zip(ids, hashes):
                fresh = i not in seen and h not in seen
                written.append(fresh)
                seen.update((i, h))
            rows = merge_rows([d for d, w in zip(docs, written) if w])
            now = _now()
            for table, cols in rows.items():
                if cols and len(next(iter(cols.values()))):
                    self._insert(table, cols, run_id, now)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return written

    def _insert(self, table: str, cols: dict[str, list], run_id: str | None, now: datetime) -> None:
        import pyarrow as pa

        spec = table_columns(table)
        arrow = pa.table({n: pa.array(cols[n], type=_ARROW[t.split()[0]]()) for n, t in spec})
        names = ", ".join(f'"{n}"' for n, _ in spec)
        self.con.register("_sitrep_rows", arrow)
        try:
            if table == "documents":
                self.con.execute(f"INSERT INTO documents ({names}, run_id, ingested_at) "
                                 f"SELECT {names}, ?, ? FROM _sitrep_rows", [run_id, now])
            else:
                self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _sitrep_rows")
        finally:
            self.con.unregister("_sitrep_rows")

    def record_failure(self, path: str, reason: str, *, stage: str | None = None, run_id: str | None = None) -> None:
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?)", [path, reason, stage, run_id, _now()])

    # ---- reading ----------------------------------------------------------------------------
    def match_ids(self, prefix: str, limit: int = 2) -> list[str]:
        """Stored ids equal to ``prefix`` (alone, when there is one) or starting with it."""
        if self.con.execute("SELECT 1 FROM documents WHERE id = ?", [prefix]).fetchone():
            return [prefix]
        return [r[0] for r in self.con.execute("SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT ?",
                                               [prefix, limit]).fetchall()]

    def get_document(self, doc_id: str) -> dict | None:
        """The stored document JSON for an id or a unique id prefix (None when absent or ambiguous)."""
        ids = self.match_ids(doc_id)
        if len(ids) != 1:
            return None
        return json.loads(self.con.execute("SELECT doc FROM documents WHERE id = ?", ids).fetchone()[0])

    def query(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall() if cur.description else []

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", *LAYERS, "failures")}


def _arrow_types() -> dict[str, Callable]:
    import pyarrow as pa

    return {"VARCHAR": pa.string, "JSON": pa.string, "BIGINT": pa.int64, "INTEGER": pa.int32,
            "DOUBLE": pa.float64, "BOOLEAN": pa.bool_}


class _LazyArrow(dict):
    def __missing__(self, key):
        self.update(_arrow_types())
        return self[key]


_ARROW: dict[str, Callable] = _LazyArrow()


def _start_end(item: dict) -> tuple[int | None, int | None]:
    if "start" in item:
        return item.get("start"), item.get("end")
    for key in ("mentions", "evidence"):
        v = item.get(key)
        if isinstance(v, list) and v and isinstance(v[0], dict):
            return v[0].get("start"), v[0].get("end")
        if isinstance(v, dict):
            return v.get("start"), v.get("end")
    return None, None


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _str(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _coerce(v: Any, sql_type: str) -> Any:
    """A value fit for a typed column; what does not fit becomes NULL (the item JSON keeps it)."""
    if v is None:
        return None
    t = sql_type.split()[0]
    try:
        if t in ("VARCHAR", "JSON"):
            return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        if t in ("BIGINT", "INTEGER"):
            return int(v) if not isinstance(v, (dict, list, bool)) and float(v).is_integer() else None
        if t == "DOUBLE":
            return float(v) if not isinstance(v, (dict, list, bool)) else None
        if t == "BOOLEAN":
            return v if isinstance(v, bool) else None
    except (TypeError, ValueError, OverflowError):
        return None
    return v


# ---- reviews (an analyst's confirmations and corrections of incidents) -----------------------------
# One row per change, never updated or deleted: the extracted value stays in ``incidents`` and the
# latest review of each (incident, field) wins when reading (see :mod:`sitrep.review`).
REVIEW_COLUMNS = [("seq", "BIGINT"), ("incident_id", "VARCHAR NOT NULL"), ("field", "VARCHAR NOT NULL"),
                  ("value", "VARCHAR"), ("previous", "VARCHAR"), ("reviewer", "VARCHAR NOT NULL"),
                  ("at", "TIMESTAMP NOT NULL"), ("note", "VARCHAR")]


def ensure_reviews(con) -> None:
    """Create the ``reviews`` table (idempotent; needs a writable connection)."""
    cols = ", ".join(f'"{n}" {t}' for n, t in REVIEW_COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS reviews ({cols})")


def has_reviews(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = 'main' AND table_name = 'reviews'").fetchall()[0][0])


def add_reviews(con, rows: list[dict]) -> int:
    """Append review rows (``incident_id, field, value, previous, reviewer, note``) in one transaction;
    ``seq`` and ``at`` are set here. Returns the number written."""
    ensure_reviews(con)
    con.execute("BEGIN")
    try:
        seq = con.execute("SELECT coalesce(max(seq), 0) FROM reviews").fetchone()[0]
        now = _now()
        for i, r in enumerate(rows, 1):
            con.execute("INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [seq + i, r["incident_id"], r["field"], _str(r.get("value")), _str(r.get("previous")),
                         r["reviewer"], now, r.get("note")])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(rows)


def read_reviews(con, incident_id: str | None = None) -> list[dict]:
    """Every review row (oldest first), or those of one incident; [] when nothing was ever reviewed."""
    if not has_reviews(con):
        return []
    where, params = ("WHERE incident_id = ?", [incident_id]) if incident_id else ("", [])
    cur = con.execute(f"SELECT * FROM reviews {where} ORDER BY seq", params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
