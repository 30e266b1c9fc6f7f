"""The DuckDB store: the only module that writes SQL (documents, their layers, incidents, reviews).

Tables: ``documents`` (one row per article, keyed by ``id``, with its ``content_hash``), one table
per layer (``places``, ``actors``, ``quotes``, ``dates``, ``counts``, ``events``) whose rows carry
``document_id``, the item ``id``, a few typed columns for querying and the whole item as JSON in
``data``; ``failures`` (inputs that could not be processed, with the reason) and ``runs`` (one row
per ingest run: versions, stage labels, settings, statistics).

Writes go through :meth:`Store.write_batch`: a batch of whole documents in one transaction, so a run
killed at any point (Ctrl-C, ``kill -9``) leaves only whole documents behind and the next run redoes
the rest. Documents whose id or content hash is already stored are skipped, never duplicated.

Opening (:func:`connect`) is the one way sitrep opens a database, read-only for ``query``, ``show``,
``serve``, ``export`` and ``report``: file-system access from SQL (``read_csv``, ``COPY``, ``ATTACH``,
``glob``) and extension loading are switched off and the configuration locked, so SQL typed by a
user can neither write nor read outside the database. A database carries the marker table
``sitrep_meta``; a DuckDB file of another program is refused before anything is added to it.

Fusion's tables are written here too (:meth:`Store.write_incidents`): ``incidents`` (one row per
incident, recomputed by every fuse; ``first_seen`` survives), ``events.incident_id`` and
``events.fusion_role`` (membership), and ``event_index`` (one flat row per event for the web API);
so are analysts' ``reviews`` (:func:`add_reviews`).

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
from sitrep.errors import StoreError


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


MARKER_TABLE = "sitrep_meta"
SCHEMA_VERSION = "1"
# Every connection: no extension is installed or loaded behind sitrep's back (INSTALL would go to the network).
BASE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# Read-only connections also lose file-system access from SQL and cannot change settings back (issue 18).
READ_ONLY_CONFIG = {**BASE_CONFIG, "enable_external_access": False, "lock_configuration": True}


def connect(path: str | Path, *, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file: read-only (the default) with no file-system or network access from SQL.

    Raises:
        StoreError: the path is a folder, missing (read-only) or in a missing folder, the file is
            not a DuckDB database, another process holds its lock, or the disk refuses it.
    """
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{path} is a folder, not a DuckDB file: give a file, e.g. --db {p / 'sitrep.duckdb'}")
    if read_only and not p.exists():
        raise StoreError(f"{path}: no such database (create it with: sitrep ingest PATH --db {path})")
    if not p.parent.is_dir():
        raise StoreError(f"{path}: the folder {p.parent} does not exist (create it first)")
    try:
        return duckdb.connect(str(p), read_only=read_only, config=READ_ONLY_CONFIG if read_only else BASE_CONFIG)
    except duckdb.Error as e:
        raise StoreError(explain(path, e)) from None


_DISK_FULL = ("no space left", "file too large", "disk quota exceeded")


def disk_full(e: BaseException) -> bool:
    """True when ``e`` (DuckDB or OS) says the disk or the file-size limit refused a write."""
    return getattr(e, "errno", None) in (27, 28, 122) or any(m in str(e).lower() for m in _DISK_FULL)


def explain(path: str | Path, e: BaseException) -> str:
    """One line for a DuckDB or OS error on the database ``path``: the cause and what to do."""
    text = str(e)
    low = text.lower()
    if "lock" in low and ("conflicting" in low or "could not set" in low):
        return (f"{path} is in use by another process (an ingest, incidents or serve on it?): wait for it to end "
                "or stop it, then run this again")
    if "not a valid duckdb database" in low or "unable to open database" in low and "valid" in low:
        return f"{path} is not a DuckDB database (give the file sitrep ingest wrote)"
    if disk_full(e):
        return (f"no space left to write {path} (free disk space, or use --db on another disk); what was "
                "committed before stays")
    if "permission denied" in low or "read-only file system" in low:
        return f"{path}: permission denied (check the file and its folder are writable)"
    first = text.splitlines()[0] if text else type(e).__name__
    return f"{path}: {first}"


def _sitrep_made(con) -> bool | None:
    """True: the marker is there; None: no table at all (a new file); False: another program's tables.

    A database written by a sitrep from before the marker has ``documents`` with ``content_hash``
    and ``doc`` and a ``runs`` table with ``stages``: it counts as sitrep's.
    """
    cols: dict[str, set[str]] = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_catalog = current_database() AND table_schema = 'main'").fetchall():
        cols.setdefault(table, set()).add(column)
    if MARKER_TABLE in cols:
        return True
    if not cols:
        return None
    return {"content_hash", "doc", "text"} <= cols.get("documents", set()) and "stages" in cols.get("runs", set())


class Store:
    """A DuckDB file holding documents and their layers. Use as a context manager.

    Raises:
        StoreError: the database cannot be opened (see :func:`connect`) or was not made by sitrep.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        self.con = connect(self.path, read_only=read_only)
        try:
            made = _sitrep_made(self.con)
            if made is False:
                raise StoreError(f"{self.path} is a DuckDB database of another program, not sitrep's (no "
                                 f"{MARKER_TABLE} table): nothing was changed; give sitrep its own --db file")
            if made is None and read_only:
                raise StoreError(f"{self.path} holds no sitrep data yet (create it with: sitrep ingest PATH "
                                 f"--db {self.path})")
            if not read_only:
                self.create_schema()
        except BaseException:
            self.con.close()
            raise

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error:  # a checkpoint on a full disk: the WAL keeps every commit, the next open replays it
            pass

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
        c.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)")
        c.execute(f"INSERT OR IGNORE INTO {MARKER_TABLE} VALUES ('created_by', 'sitrep'), ('schema', ?)",
                  [SCHEMA_VERSION])

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
                         [run_id, utc_now(), json.dumps(versions), json.dumps(stages), json.dumps(settings or {})])
        return run_id

    def finish_run(self, run_id: str, stats: dict) -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?",
                         [utc_now(), json.dumps(stats, default=str), run_id])

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
            now = utc_now()
            for table, cols in rows.items():
                if cols and len(next(iter(cols.values()))):
                    self._insert(table, cols, run_id, now)
            c.execute("COMMIT")
        except BaseException:
            rollback(c)
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
        self.con.execute("INSERT INTO failures VALUES (?, ?, ?, ?, ?)", [path, reason, stage, run_id, utc_now()])

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
        """Rows of sitrep's own SQL (see :meth:`user_query` for SQL a user typed)."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall() if cur.description else []

    def user_query(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Rows of one SELECT a user typed (``sitrep query``).

        Only a single SELECT (``WITH``, ``FROM``, ``DESCRIBE``, ``SHOW``, ``SUMMARIZE``...) runs: ATTACH,
        COPY, INSTALL, SET, PRAGMA and every write are refused before DuckDB sees them; the read-only
        connection (:func:`connect`) refuses file access inside a SELECT (``read_csv``, ``glob``).

        Raises:
            StoreError: not one SELECT statement.
            duckdb.Error: DuckDB refused the query.
        """
        statements = self.con.extract_statements(sql)
        if len(statements) != 1:
            raise StoreError(f"give one SQL statement (got {len(statements)})")
        if statements[0].type != duckdb.StatementType.SELECT:
            kind = (statements[0].query.split() or [statements[0].type.name])[0].upper()
            raise StoreError(f"only SELECT queries run here: {kind} is refused (the database is read-only, "
                             "and files outside it are out of reach)")
        return self.query(sql)

    def unlinked_events(self) -> int:
        """Events not yet linked into an incident (``events.incident_id`` NULL, or never fused at all).

        Fusion writes every assignment in one transaction, so after a kill during linking every
        event of that run is still unlinked here, and the next ingest links them (issue 18).
        """
        linked = self.con.execute("SELECT count(*) FROM information_schema.columns WHERE table_catalog = "
                                  "current_database() AND table_name = 'events' AND column_name = 'incident_id'"
                                  ).fetchone()[0]
        where = " WHERE incident_id IS NULL" if linked else ""
        return self.con.execute(f"SELECT count(*) FROM events{where}").fetchone()[0]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", *LAYERS, "failures")}

    # ---- incidents (sitrep.fusion) -----------------------------------------------------------
    def ensure_incidents(self) -> None:
        """Create ``incidents`` and add ``events.incident_id`` and ``events.fusion_role``; idempotent."""
        c = self.con
        c.execute("SET enable_progress_bar = false")  # DuckDB would draw on the CLI's stdout
        cols = ", ".join(f'"{n}" {t}' for n, t in INCIDENT_COLUMNS)
        c.execute(f"CREATE TABLE IF NOT EXISTS incidents ({cols})")
        c.execute("ALTER TABLE incidents ADD COLUMN IF NOT EXISTS explain JSON")  # stores fused before it
        c.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS incident_id VARCHAR")
        # main, fragment, background or other: the event's place in its report (sitrep.fusion.report)
        c.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS fusion_role VARCHAR")

    def fusion_rows(self) -> tuple[list[dict], dict, dict, dict]:
        """What fusion reads: events (as dicts, with ``document_id`` and ``incident_id``), places and
        actors keyed by (document_id, id), documents by id."""
        c = self.con
        ev = c.execute("SELECT document_id, id, incident_id, data FROM events ORDER BY document_id, id").fetchall()
        events = [{"document_id": d, "id": i, "incident_id": inc, **json.loads(data)} | {"id": i}
                  for d, i, inc, data in ev]
        places = {(d, i): json.loads(x) for d, i, x in c.execute("SELECT document_id, id, data FROM places").fetchall()}
        actors = {(d, i): json.loads(x) for d, i, x in c.execute("SELECT document_id, id, data FROM actors").fetchall()}
        docs = {r[0]: {"id": r[0], "published": r[1], "title": r[2], "source": r[3], "url": r[4], "text": r[5]}
                for r in c.execute("SELECT id, published, title, source, url, text FROM documents").fetchall()}
        return events, places, actors, docs

    def killed_counts(self) -> dict[str, list[tuple[int, int]]]:
        """Per document, ``(start, value)`` of every death count told as fact (the counts layer)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for d, data in self.con.execute("SELECT document_id, data FROM counts").fetchall():
            c = json.loads(data)
            if c.get("category") != "killed" or c.get("negated") or c.get("hypothetical"):
                continue
            if isinstance(c.get("value"), int):
                out.setdefault(d, []).append((int(c.get("start") or 0), c["value"]))
        return out

    def incident_first_seen(self) -> dict[str, datetime]:
        """When each stored incident was first written (kept across fuses)."""
        return dict(self.con.execute("SELECT id, first_seen FROM incidents").fetchall())

    def write_incidents(self, assignments: dict[tuple[str, str], tuple[str, str]], incidents: list[dict]) -> None:
        """Replace incident membership (``(incident_id, fusion_role)`` per ``(document_id, event id)``), the
        ``incidents`` rows and ``event_index`` in one transaction."""
        import pyarrow as pa

        c = self.con
        c.execute("BEGIN")
        try:
            keys = list(assignments)
            c.register("_fusion_assign", pa.table({
                "document_id": [k[0] for k in keys], "id": [k[1] for k in keys],
                "incident_id": [assignments[k][0] for k in keys], "fusion_role": [assignments[k][1] for k in keys]}))
            c.execute("UPDATE events SET incident_id = a.incident_id, fusion_role = a.fusion_role "
                      "FROM _fusion_assign a "
                      "WHERE events.document_id = a.document_id AND events.id = a.id "
                      "AND (events.incident_id IS DISTINCT FROM a.incident_id "
                      "OR events.fusion_role IS DISTINCT FROM a.fusion_role)")
            c.unregister("_fusion_assign")
            c.execute("DELETE FROM incidents")
            if incidents:
                data = {n: [json.dumps(r.get(n), ensure_ascii=False) if t == "JSON" else r.get(n) for r in incidents]
                        for n, t in INCIDENT_COLUMNS}
                c.register("_fusion_inc", pa.table(data))
                names = ", ".join(f'"{n}"' for n, _ in INCIDENT_COLUMNS)
                casts = ", ".join(f'CAST("{n}" AS {t.split()[0]})' for n, t in INCIDENT_COLUMNS)
                c.execute(f"INSERT INTO incidents ({names}) SELECT {casts} FROM _fusion_inc")
                c.unregister("_fusion_inc")
            build_event_index(c)
            c.execute("COMMIT")
        except BaseException:
            rollback(c)
            raise

    def list_incidents(self, *, country: str | None = None, limit: int = 50) -> list[dict]:
        """Incidents, most reports first (``sitrep incidents``), with ``claims`` as JSON text."""
        where, params = ("WHERE country = ?", [country.upper()]) if country else ("", [])
        cur = self.con.execute(f"SELECT id, date, type, acled_event_type, location, country, fatalities, "
                               f"fatalities_min, fatalities_max, n_documents, claims FROM incidents {where} "
                               f"ORDER BY n_documents DESC, date DESC, id LIMIT ?", [*params, limit])
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


def rollback(con) -> None:
    """Roll back after a failed write; a rollback that fails too (a full disk) must not hide the cause."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


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


def utc_now() -> datetime:
    """Now in UTC, naive (DuckDB's TIMESTAMP): every time sitrep stores."""
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


# ---- incidents (written by sitrep.fusion through Store.write_incidents) ----------------------------
# ``incidents`` is keyed by ``id``; its rows are recomputed from their member events on every fuse
# (``first_seen`` survives). Membership lives on ``events.incident_id``.
INCIDENT_COLUMNS: list[tuple[str, str]] = [
    ("id", "VARCHAR PRIMARY KEY"), ("type", "VARCHAR"), ("acled_event_type", "VARCHAR"),
    ("acled_subtype", "VARCHAR"), ("date", "VARCHAR"), ("date_last", "VARCHAR"), ("location", "VARCHAR"),
    ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("country", "VARCHAR"), ("admin1", "VARCHAR"),
    ("precision", "VARCHAR"), ("fatalities", "BIGINT"), ("fatalities_min", "BIGINT"),
    ("fatalities_max", "BIGINT"), ("conflicting", "BOOLEAN"), ("n_events", "INTEGER"),
    ("n_documents", "INTEGER"), ("actors", "JSON"), ("claims", "JSON"), ("explain", "JSON"), ("first_seen", "TIMESTAMP"),
    ("updated_at", "TIMESTAMP"),
]


def has_incidents(con) -> bool:
    """True when the store has been fused at least once (read-only connections cannot add columns)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.columns "
                            "WHERE table_name = 'events' AND column_name = 'incident_id'").fetchone()[0])


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
        now = utc_now()
        for i, r in enumerate(rows, 1):
            con.execute("INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [seq + i, r["incident_id"], r["field"], _str(r.get("value")), _str(r.get("previous")),
                         r["reviewer"], now, r.get("note")])
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
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
