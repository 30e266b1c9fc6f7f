"""``ingest``: stream inputs through an executor into DuckDB, with one writer (this process).

Resumability comes from two facts: the store writes whole documents per transaction, and a run
starts by loading the content hashes already stored, skipping those documents. A run killed at any
point therefore resumes with the next command, losing and duplicating nothing; only the batch
being written when it died is done again.
"""
from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from importlib import metadata
from typing import Callable, Iterable, Iterator

import duckdb

from sitrep.doc import RawDocument
from sitrep.engine.inputs import batched, count_documents, iter_raws, list_files
from sitrep.errors import ConfigError, InputError, StoreError
from sitrep.io.store import Store, disk_full, document_rows, explain

ENGINES = ("local", "ray")
Progress = Callable[[int], None]


def versions(engine: str) -> dict[str, str]:
    """Versions recorded in ``runs`` (read from package metadata: the writer never loads the model)."""
    import sitrep
    from sitrep.resources import MODEL

    def v(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "?"

    out = {"sitrep": sitrep.__version__, "model": f"{MODEL}-{v(MODEL)}", "spacy": v("spacy"),
           "duckdb": duckdb.__version__, "engine": engine}
    if engine == "ray":
        out["ray"] = v("ray")
    return out


class Writer:
    """The single writer: turns executor results into rows, failures and counts.

    Finished documents are committed together once ``commit_every`` have gathered or
    ``commit_seconds`` have passed: a DuckDB commit costs tens of milliseconds, whatever its size.
    A crash loses only that uncommitted work, which the next run redoes.
    """

    def __init__(self, store: Store, run_id: str, stored: set[str], on_event: Callable[[str, str], None], *,
                 commit_every: int = 256, commit_seconds: float = 2.0):
        self.store, self.run_id, self.stored, self.on_event = store, run_id, stored, on_event
        self.commit_every, self.commit_seconds = commit_every, commit_seconds
        self.pending: list[dict] = []
        self.last_commit = time.monotonic()
        self.stats = {"stored": 0, "unchanged": 0, "skipped": 0, "failed": 0}
        self.timings: dict[str, float] = defaultdict(float)

    def problem(self, e: InputError) -> None:
        self.store.record_failure(e.path, e.reason, stage="read", run_id=self.run_id)
        self.stats["skipped"] += 1
        self.on_event("skipped", str(e))

    def unchanged(self, n: int = 1) -> None:
        self.stats["unchanged"] += n

    def consume(self, result: dict) -> int:
        """Store one batch result; the number of input documents it accounts for."""
        for k, v in result.get("timings", {}).items():
            self.timings[k] += v
        for o in result["outcomes"]:
            for w in o.get("warnings") or ():
                self.on_event("warning", f"{o['path']}: {w}")
            if o["status"] == "ok":
                self.pending.append(o)
            elif o["status"] == "unchanged":
                self.unchanged()
            elif o["status"] == "skipped":
                self.problem(InputError(o["path"], o["error"]))
            else:
                self.fail(o["path"], o["error"], o["stage"])
        if len(self.pending) >= self.commit_every or time.monotonic() - self.last_commit >= self.commit_seconds:
            self.flush()
        return len(result["outcomes"])

    def flush(self) -> None:
        """Commit the documents gathered so far, in one transaction."""
        ok, self.pending = self.pending, []
        self.last_commit = time.monotonic()
        if not ok:
            return
        t = time.perf_counter()
        rows = [o["rows"] if "rows" in o else document_rows(json.loads(o["doc"])) for o in ok]
        try:
            written = self.store.write_batch(rows, run_id=self.run_id)
        except duckdb.Error as e:  # one document DuckDB refuses must not cost its batch: retry one by one
            if disk_full(e) or isinstance(e, duckdb.FatalException):  # the disk, not a document: stop
                raise StoreError(explain(self.store.path, e)) from None
            written = []
            for o, r in zip(ok, rows):
                try:
                    written += self.store.write_batch([r], run_id=self.run_id)
                except duckdb.Error as e:
                    self.fail(o["path"], f"store refused the document: {str(e).splitlines()[0]}", "store")
                    written.append(None)
        for o, w in zip(ok, written):
            if w:
                self.stats["stored"] += 1
                self.stored.add(o["content_hash"])
            elif w is False and o["content_hash"] in self.stored:
                self.unchanged()
            elif w is False:
                self.fail(o["path"], f"document id {o['id']!r} is already stored with different content "
                          "(give the article a distinct id)", "store")
        self.timings["write"] += time.perf_counter() - t

    def fail(self, path: str, reason: str, stage: str | None) -> None:
        self.store.record_failure(path, reason, stage=stage, run_id=self.run_id)
        self.stats["failed"] += 1
        self.on_event("failed", f"{path}: {reason}")


def ingest(paths: list[str], *, db: str, engine: str = "local", jobs: int | None = None, batch_size: int = 32,
           published: str | None = None, address: str | None = None, shards: str | None = None,
           progress: Progress | None = None, on_total: Callable[[int], None] | None = None,
           on_event: Callable[[str, str], None] | None = None, pipeline_factory=None,
           timeout: float = 0.0, commit_every: int = 256) -> dict:
    """Ingest articles under ``paths`` into the DuckDB file ``db``; the run's statistics.

    Args:
        engine: ``local`` (this machine's cores) or ``ray`` (a Ray Data job).
        jobs: Worker processes (local) or Ray actors; default: every core.
        batch_size: Documents per batch (one ``nlp.pipe`` call, one transaction).
        address: Ray cluster address (``ray`` engine); default: start a local Ray instance.
        shards: Folder for the Ray engine's Parquet shards; default ``<db>.shards/<run id>``.
        progress: Called with the number of input documents each step accounted for.
        on_total: Called once with the (estimated) number of input documents.
        on_event: Called with ("skipped" | "failed", message) for each document that is not stored.
        pipeline_factory: Picklable zero-argument callable returning the Pipeline (tests).
        timeout: Seconds one document may take before it fails alone (0: no limit).
        commit_every: Documents per transaction at most (also committed every 2 s).

    Raises:
        ConfigError: Unknown engine, a batch size below 1 or a missing input path.
        StoreError: The database cannot be opened or written (in use, foreign, no space).
        BackendUnavailableError: ``engine="ray"`` without Ray installed.
        KeyboardInterrupt: Propagated after the run's row records what was done.
    """
    from sitrep.engine.worker import default_pipeline

    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:  # before the database is created: a typo must not leave an empty database behind
        raise ConfigError(f"{missing[0]}: no such file or folder")
    if batch_size < 1:
        raise ConfigError(f"--batch-size must be at least 1 (got {batch_size})")
    jobs = jobs or os.cpu_count() or 1
    progress = progress or (lambda n: None)
    on_event = on_event or (lambda kind, msg: None)
    executor = _executor(engine, jobs=jobs, published=published, address=address,
                         pipeline_factory=pipeline_factory, timeout=timeout)  # fails early when Ray is missing
    labels = [s.label for s in (pipeline_factory or default_pipeline)().stages]
    t0 = time.perf_counter()
    with Store(db) as store:
        settings = {"engine": engine, "jobs": jobs, "batch_size": batch_size, "published": published,
                    "timeout": timeout, "commit_every": commit_every,
                    "paths": [str(p) for p in paths]}
        run_id = store.start_run(versions(engine), labels, settings)
        stored = store.known_hashes()
        files = list(list_files(paths))
        if on_total:
            on_total(sum(count_documents(f) for f in files))
        writer = Writer(store, run_id, stored, on_event, commit_every=commit_every)
        interrupted = False
        try:
            with executor:
                if engine == "ray":
                    results = executor.map_files(files, stored=set(stored), batch_size=batch_size,
                                                 shards=shards or f"{db}.shards/{run_id}")
                else:
                    def problem(e: InputError) -> None:
                        writer.problem(e)
                        progress(1)

                    results = executor.map(batched(_fresh(iter_raws(files, problem), writer, progress), batch_size))
                for result in results:
                    progress(writer.consume(result))
            writer.flush()
        except KeyboardInterrupt:
            interrupted = True
            writer.flush()  # keep what the workers had finished
            raise
        finally:
            stats = dict(writer.stats, elapsed_s=round(time.perf_counter() - t0, 3), interrupted=interrupted,
                         timings={k: round(v, 3) for k, v in sorted(writer.timings.items())})
            try:
                store.finish_run(run_id, stats)
                stats.update(run_id=run_id, tables=store.counts())
            except duckdb.Error:  # the run is failing already (a full disk): its error is the one to show
                stats.update(run_id=run_id, tables={})
    return stats


def link_unlinked(db: str, *, on_start: Callable[[int], None] | None = None) -> dict | None:
    """The resumable linking step every ingest ends with: link the events no incident holds yet.

    Runs :func:`sitrep.fusion.fuse` (which keeps every existing assignment) when some event is
    unlinked, whether its documents were stored by this run, by a run killed while linking, or by
    ``ingest --no-fuse``; returns fusion's statistics, or None when every event is linked already.
    ``on_start`` is called with the number of unlinked events before linking starts.
    """
    from sitrep.fusion import fuse

    with Store(db) as store:
        n = store.unlinked_events()
        if not n:
            return None
        if on_start:
            on_start(n)
        return fuse(store)


def _fresh(raws: Iterable[RawDocument], writer: Writer, progress: Progress) -> Iterator[RawDocument]:
    """Documents not stored and not already sent in this run (content hash); others count as unchanged."""
    claimed = set(writer.stored)
    for r in raws:
        h = r.content_hash
        if h in claimed:
            writer.unchanged()
            progress(1)
            continue
        claimed.add(h)
        yield r


def _executor(engine: str, *, jobs: int, published: str | None, address: str | None, pipeline_factory,
              timeout: float):
    if engine == "ray":
        from sitrep.engine.ray_engine import RayExecutor

        return RayExecutor(jobs=jobs, published=published, address=address, pipeline_factory=pipeline_factory,
                           timeout=timeout)
    from sitrep.engine.local import LocalExecutor

    return LocalExecutor(jobs=jobs, published=published, pipeline_factory=pipeline_factory, timeout=timeout)
