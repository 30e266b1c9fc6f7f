"""The Ray executor: the same per-document function as a Ray Data job (optional: ``sitrep[ray]``).

The job::

    from_items(files) -> map_batches(read_files)            tasks: sitrep's readers, streamed in batches
                      -> map_batches(ProcessBatch, actors)   each actor loads the model once
                      -> iter_batches (in input order) -> Parquet shard + DuckDB import (this process)

Reading goes through the same readers as the local engine and parsing through the same
:func:`sitrep.engine.worker.process_batch`, so both engines store identical rows. DuckDB is a local
file with one writer, so results come back to the driver; each batch is also written as a Parquet
shard (``part-NNNNN.parquet``: path, content_hash, id, status, doc JSON, error, stage, the readers'
warnings as JSON).

Weak spot: one input file is read by one task, so split a huge JSON Lines or Parquet file.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Iterable, Iterator

from sitrep.doc import RawDocument
from sitrep.engine import worker
from sitrep.engine.inputs import batched, read_file
from sitrep.errors import BackendUnavailableError, InputError

RAW_COLUMNS = ("path", "text", "title", "published", "source", "url", "id", "format", "lines", "warnings", "error")
OUT_COLUMNS = ("path", "content_hash", "id", "status", "doc", "error", "stage", "warnings", "timings")


def _schema(cols):
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in cols])


def read_files(batch, *, batch_size: int):
    """Ray task: the articles of some input files, as tables of raw documents (InputErrors as rows)."""
    import pyarrow as pa

    def rows():
        for f in batch.column("file").to_pylist():
            for item in read_file(Path(f)):
                if isinstance(item, InputError):
                    yield {"path": item.path, "error": item.reason}
                else:
                    yield {"path": item.path, "text": item.text, "title": item.title, "published": item.published,
                           "source": item.source, "url": item.url, "id": item.id, "format": item.format,
                           "lines": json.dumps(item.lines) if item.lines is not None else None,
                           "warnings": json.dumps(item.warnings)}

    for chunk in batched(rows(), batch_size):
        yield pa.Table.from_pylist(chunk, schema=_schema(RAW_COLUMNS))


class ProcessBatch:
    """Ray actor: loads the pipeline once, then processes batches of raw documents."""

    def __init__(self, factory=None, published: str | None = None, stored: frozenset = frozenset(),
                 timeout: float = 0.0):
        worker.init_worker(factory)
        self.published, self.stored, self.factory, self.timeout = published, stored, factory, timeout

    def __call__(self, table):
        import pyarrow as pa

        out: list[dict | None] = []
        todo: list[tuple[int, RawDocument]] = []
        for r in table.to_pylist():
            if r["error"] is not None:
                out.append({"path": r["path"], "status": "skipped", "error": r["error"]})
                continue
            raw = RawDocument(text=r["text"], path=r["path"], title=r["title"], published=r["published"],
                              source=r["source"], url=r["url"], id=r["id"], format=r["format"] or "txt",
                              lines=json.loads(r["lines"]) if r["lines"] else None,
                              warnings=json.loads(r["warnings"] or "[]"))
            if raw.content_hash in self.stored:
                out.append({"path": raw.path, "content_hash": raw.content_hash, "status": "unchanged"})
                continue
            out.append(None)
            todo.append((len(out) - 1, raw))
        result = worker.process_batch([raw for _, raw in todo], self.published, output="json", factory=self.factory,
                                      timeout=self.timeout)
        for (i, _), o in zip(todo, result["outcomes"]):
            out[i] = dict(o, warnings=json.dumps(o["warnings"])) if "warnings" in o else o  # the readers' notes
        if out:
            out[0] = dict(out[0], timings=json.dumps(result["timings"]))
        return pa.Table.from_pylist(out, schema=_schema(OUT_COLUMNS))


class RayExecutor:
    """Runs ingest as a Ray Data job on a local Ray instance or the cluster at ``address``."""

    name = "ray"

    def __init__(self, *, jobs: int = 1, published: str | None = None, address: str | None = None,
                 pipeline_factory=None, timeout: float = 0.0):
        try:
            import ray  # noqa: F401
            import ray.data  # noqa: F401
        except ImportError:
            raise BackendUnavailableError("the Ray engine needs Ray: pip install 'sitrep[ray]'") from None
        self.jobs, self.published, self.address, self.factory = max(1, jobs), published, address, pipeline_factory
        self.timeout = timeout
        self._started = False

    def __enter__(self) -> "RayExecutor":
        import ray

        logging.getLogger("ray.data").setLevel(logging.WARNING)  # the progress is ours to report
        if not ray.is_initialized():
            os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
            ray.init(address=self.address, num_cpus=None if self.address else self.jobs,
                     include_dashboard=False, log_to_driver=False, logging_level="warning")
            self._started = True
        return self

    def __exit__(self, *exc) -> None:
        import ray

        if self._started:
            ray.shutdown()
            self._started = False

    def map_files(self, files: Iterable[Path], *, stored: set[str], batch_size: int, shards: str) -> Iterator[dict]:
        import pyarrow.parquet as pq
        import ray.data

        files = [str(f) for f in files]
        if not files:
            return
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # same order as the local engine: same duplicate wins
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        ds = (ray.data.from_items([{"file": f} for f in files], override_num_blocks=min(len(files), 64))
              .map_batches(read_files, batch_size=1, batch_format="pyarrow", fn_kwargs={"batch_size": batch_size},
                           num_cpus=0)  # reading is light; the actors hold the cores
              .map_batches(ProcessBatch, batch_size=batch_size, batch_format="pyarrow", num_cpus=1,
                           compute=ray.data.ActorPoolStrategy(size=self.jobs),
                           fn_constructor_kwargs={"factory": self.factory, "published": self.published,
                                                  "stored": frozenset(stored), "timeout": self.timeout}))
        out = Path(shards)
        out.mkdir(parents=True, exist_ok=True)
        for n, table in enumerate(ds.iter_batches(batch_size=None, batch_format="pyarrow")):
            pq.write_table(table, out / f"part-{n:05d}.parquet")
            rows = table.to_pylist()
            timings: dict[str, float] = {}
            for r in rows:
                for k, v in json.loads(r.pop("timings") or "{}").items():
                    timings[k] = timings.get(k, 0.0) + v
                r["warnings"] = json.loads(r["warnings"] or "[]")
            yield {"outcomes": rows, "timings": timings, "docs": len(rows)}
