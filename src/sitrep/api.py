"""The Python API in one line: ``sitrep.extract(...)`` and ``sitrep.open(db).incidents()``.

:func:`extract` runs the pipeline on text, a file, or a list of either. :class:`Dataset` reads a
store as pandas DataFrames with typed columns: dates as ``datetime64``, coordinates as floats,
counts as nullable integers, actor and place names resolved next to the in-document ids.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitrep.resources import cached


@cached
def _pipeline():
    """The default pipeline, made on the first call to :func:`extract` and kept for the process."""
    from sitrep.pipeline import Pipeline

    return Pipeline()


def _published(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise ValueError(f"published={value!r} is not a date: give a datetime.date or an ISO string such as 2024-05-13")


def extract(data: str | Path | list[str | Path], *, title: str | None = None, source: str | None = None,
            url: str | None = None, published: str | date | None = None) -> dict | list[dict]:
    """Run the whole pipeline; return the document JSON (a list of them for a list, or for a file
    holding several articles, such as .jsonl).

    Args:
        data: The text of an article (a ``str`` is always text), a ``pathlib.Path`` to a file sitrep
            reads (.txt .html .pdf .jsonl), or a list of either.
        title, source, url: Metadata where the input has none (a file's own wins).
        published: The publication date (``datetime.date`` or ``YYYY-MM-DD``) that relative dates
            ("on Monday") resolve against. A date that is not one raises ValueError.

    Raises:
        ValueError: A bad ``published``, or an input of another type.
        sitrep.errors.InputError: A file that cannot be read.
    """
    from dataclasses import replace

    from sitrep.doc import RawDocument
    from sitrep.io.readers import read_path

    pub = _published(published)
    items = data if isinstance(data, (list, tuple)) else [data]
    raws: list[RawDocument] = []
    for item in items:
        if isinstance(item, str):
            raws.append(RawDocument(text=item, path="<string>"))
        elif isinstance(item, Path):
            for r in read_path(item):
                if isinstance(r, Exception):
                    raise r
                raws.append(r)
        else:
            raise ValueError(f"extract() takes text (str), a pathlib.Path or a list of them, not {type(item).__name__}")
    raws = [replace(r, title=r.title or title, source=r.source or source, url=r.url or url) for r in raws]
    out = []
    for raw in raws:
        out.append(_pipeline().run(raw, published=pub).to_json())
    return out if isinstance(data, (list, tuple)) or len(out) != 1 else out[0]


def _names(actors: dict, doc_id: str, v) -> str | None:
    from sitrep.fusion.ids import actor_ids

    names = [(actors.get((doc_id, i)) or {"name": i}).get("name") or i for i in actor_ids(v)]
    return "; ".join(names) if names else None


class Dataset:
    """A sitrep store, read-only, as DataFrames. ``sitrep.open("conflict.duckdb").incidents()``."""

    def __init__(self, db: str | Path):
        import duckdb

        if not Path(db).exists():
            raise FileNotFoundError(f"{db}: no such database (create it with: sitrep ingest PATH --db {db})")
        self.path = str(db)
        self.con = duckdb.connect(self.path, read_only=True)

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def __repr__(self) -> str:
        return f"sitrep.Dataset({self.path!r})"

    def _df(self, sql: str, params: list | None = None):
        return self.con.execute(sql, params or []).df()

    @staticmethod
    def _typed(df, *, dates=(), floats=(), ints=(), bools=()):
        import pandas as pd

        for c in dates:
            df[c] = pd.to_datetime(df[c].astype("string").str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
        for c in floats:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        for c in ints:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
        for c in bools:
            df[c] = df[c].astype("boolean")
        for c in df.columns:
            if df[c].dtype == object and c not in dates:
                df[c] = df[c].astype("string")
        return df

    def documents(self):
        """One row per article: id, title, source, url, published (date), path, format, chars, events."""
        df = self._df("SELECT d.id, d.title, d.source, d.url, d.published, d.path, d.format, length(d.text) AS chars, "
                      "(SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events FROM documents d "
                      "ORDER BY d.published, d.id")
        return self._typed(df, dates=("published",), ints=("chars", "events"))

    def places(self):
        """One row per resolved place of each document: name, lat/lon, country, admin1, precision, mentions."""
        df = self._df("SELECT document_id, id, name, geonameid, lat, lon, country, admin1, precision, metonym, "
                      "json_array_length(json_extract(data, '$.mentions')) AS mentions, "
                      "json_extract_string(data, '$.mentions[0].text') AS first_mention FROM places "
                      "ORDER BY document_id, id")
        return self._typed(df, floats=("lat", "lon"), ints=("geonameid", "mentions"), bools=("metonym",))

    def quotes(self):
        """One row per quote: kind (direct, indirect), speaker id and resolved name, text, offsets."""
        df = self._df("SELECT q.document_id, q.id, q.kind, q.speaker, coalesce(a.name, q.speaker_name) AS speaker_name, "
                      "q.text, q.start, q.\"end\" FROM quotes q LEFT JOIN actors a ON a.document_id = q.document_id "
                      "AND a.id = q.speaker ORDER BY q.document_id, q.start")
        return self._typed(df, ints=("start", "end"))

    def events(self):
        """One row per event: types, date (and its precision), place resolved, actors named, claimant,
        fatalities, factuality, confidence, the evidence text and offsets, and its incident."""
        from sitrep.io.store import has_incidents

        fused = has_incidents(self.con)
        inc = "e.incident_id" if fused else "NULL::VARCHAR AS incident_id"
        df = self._df(
            f"SELECT e.document_id, e.id, {inc}, e.type, e.mode, e.acled_event_type, e.acled_subtype, e.date, "
            f"json_extract_string(e.data, '$.date.precision') AS date_precision, e.place AS place_id, "
            f"p.name AS place, p.lat, p.lon, p.country, p.admin1, p.precision AS place_precision, "
            f"json_extract(e.data, '$.source') AS _source, json_extract(e.data, '$.target') AS _target, "
            f"e.claimant AS claimant_id, e.fatalities, e.factuality, e.confidence, "
            f"json_extract_string(e.data, '$.evidence.text') AS evidence, "
            f"CAST(json_extract(e.data, '$.evidence.start') AS INTEGER) AS evidence_start, "
            f"CAST(json_extract(e.data, '$.evidence.end') AS INTEGER) AS evidence_end, "
            f"d.published, d.source, d.title, d.url FROM events e JOIN documents d ON d.id = e.document_id "
            f"LEFT JOIN places p ON p.document_id = e.document_id AND p.id = e.place ORDER BY e.document_id, e.id")
        actors = {(d, i): json.loads(x) for d, i, x in self.con.execute(
            "SELECT document_id, id, data FROM actors").fetchall()}
        load = lambda v: json.loads(v) if isinstance(v, str) else None  # noqa: E731  (NULL comes back as NaN)
        df["actor1"] = [_names(actors, d, load(v)) for d, v in zip(df["document_id"], df["_source"])]
        df["actor2"] = [_names(actors, d, load(v)) for d, v in zip(df["document_id"], df["_target"])]
        df["claimant"] = [_names(actors, d, v if isinstance(v, str) else None)
                          for d, v in zip(df["document_id"], df["claimant_id"])]
        df = df.drop(columns=["_source", "_target"])
        return self._typed(df, dates=("date", "published"), floats=("lat", "lon", "confidence"),
                           ints=("fatalities", "evidence_start", "evidence_end"))

    def incidents(self):
        """One row per incident (reports of one event fused), as reviewed: date and date_last (dates),
        place with lat/lon and precision, actor1 and actor2 (names), ACLED type and sub-type, PLOVER
        type, fatalities (the lowest report) and the reports' range, reports and outlets, confidence,
        factuality, and whether an analyst reviewed it (``reviewed``, ``reviewers``, ``status``)."""
        from sitrep.io.store import has_incidents
        from sitrep.review import incident_view

        if not has_incidents(self.con):
            raise ValueError(f"{self.path} has no incidents yet: run sitrep incidents --db {self.path}")
        sql = incident_view(self.con)
        df = self._df(f"SELECT id, date, date_last, location, lat, lon, country, admin1, precision, actor1, actor2, "
                      f"acled_event_type, acled_subtype, type, fatalities, fatalities_min, fatalities_max, conflicting, "
                      f"n_events, n_documents, n_outlets, confidence, factuality, reviewed, reviewers, status "
                      f"FROM {sql} ORDER BY date, id")
        return self._typed(df, dates=("date", "date_last"), floats=("lat", "lon", "confidence"),
                           ints=("fatalities", "fatalities_min", "fatalities_max", "n_events", "n_documents",
                                 "n_outlets"), bools=("conflicting", "reviewed"))


def open(db: str | Path) -> Dataset:  # noqa: A001 (sitrep.open, as in the issue)
    """Open a store read-only: ``sitrep.open("conflict.duckdb").incidents()`` is a DataFrame."""
    return Dataset(db)
