"""What runs in a worker: the pipeline, loaded once per process, and the per-document function.

A worker holds no state of its own: the pipeline a factory makes is memoised per process by
:func:`pipeline_for` (``sitrep.resources.cached``), and the factory and the time budget come with
every call, so the pool, the in-process run and the Ray actors pass the same arguments.

:func:`process` is the one per-document function (raw document in, document JSON out);
:func:`process_batch` runs it over a batch with a single ``nlp.pipe`` call and never raises for
one bad document: each document comes back as an *outcome* dict::

    {"path", "content_hash", "id", "status": "ok" | "failed", "rows" | "doc", "error", "stage"}

with ``rows`` (the store rows, built here so the single writer only inserts) or ``doc`` (the
document JSON as a string, for the Ray engine's Parquet shards), or ``error``/``stage`` when the
document failed. Every batch also reports the seconds it spent per stage (``timings``).
"""
from __future__ import annotations

import gc
import json
import os
import pickle
import signal
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from sitrep.doc import RawDocument
from sitrep.io.store import document_rows
from sitrep.pipeline import Pipeline
from sitrep.resources import cached

PipelineFactory = Callable[[], Pipeline]


class DocumentTimeout(Exception):
    """Raised inside a stage when a document overruns its time budget (a runaway rule or regex)."""


def default_pipeline() -> Pipeline:
    return Pipeline()


def init_worker(factory: PipelineFactory | None = None, parent_pid: int | None = None) -> None:
    """Pool initializer: load the pipeline, its model and the gazetteer now, once per worker process
    (so that neither load is timed as the first document's parse or places stage in ``--profile``).

    The objects loaded are then frozen out of garbage collection (``gc.freeze``): they live as long as
    the process.

    When ``parent_pid`` is given, a watchdog thread ends this worker when that process dies
    (``kill -9`` of the writer would otherwise leave workers blocked on their task queue).
    """
    res = pipeline_for(factory).res
    res.nlp  # noqa: B018  load the model and the gazetteer before the first batch
    res.gazetteer  # noqa: B018
    # The model and the gazetteer are half a million long-lived objects: moved out of the collector's
    # reach, full collections no longer rescan them with every document (about 5% of the events
    # stage's CPU time, measured by sampling a worker; every stage gains alike).
    gc.freeze()
    if parent_pid is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(pid: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != pid:
            os._exit(1)


def pipeline_for(factory: PipelineFactory | None = None) -> Pipeline:
    """The pipeline ``factory`` makes (default: ``Pipeline()``), made once per process and factory.

    The factory is known by its pickled form: a pool worker unpickles it anew with every batch, and a
    copy of a partial or of an instance does not compare equal to the last one (one pipeline per batch).
    """
    return _made(_key(factory))


def _key(factory: PipelineFactory | None):
    if factory is None:
        return None
    try:
        return pickle.dumps(factory)
    except (pickle.PicklingError, TypeError, AttributeError):  # a lambda: it never leaves this process
        return factory


@cached
def _made(key) -> Pipeline:
    factory = pickle.loads(key) if isinstance(key, bytes) else key
    return (factory or default_pipeline)()


def process(raw: RawDocument, published: str | None = None, *, factory: PipelineFactory | None = None) -> dict:
    """Clean, parse and annotate one document; its JSON. Raises ``StageError`` when a stage fails."""
    return pipeline_for(factory).run(raw, published=published).to_json()


def process_batch(raws: Sequence[RawDocument], published: str | None = None, *, output: str = "rows",
                  factory: PipelineFactory | None = None, timeout: float = 0.0) -> dict:
    """Process a batch; ``{"outcomes": [...], "timings": {stage: seconds}, "docs": n}`` (see module doc).

    ``factory`` makes the pipeline (once per process, see :func:`pipeline_for`). ``timeout`` bounds the
    seconds one document may take (0: no limit; on the main thread, with SIGALRM): a document that
    overruns fails alone, with the stage that was running, instead of hanging its worker. A document
    that breaks cleaning or parsing (not only a stage) fails alone too: the batch is then redone one
    document at a time, so its neighbours are still stored.
    """
    pipeline = pipeline_for(factory)
    before = dict(pipeline.timings)
    t0 = time.perf_counter()
    try:
        docs = _deadlines(pipeline.pipe(raws, published=published, batch_size=max(1, len(raws))), len(raws), timeout)
        outcomes = [_outcome(raw, doc, output) for raw, doc in zip(raws, docs)]
    except Exception:
        outcomes = []
        for raw in raws:
            try:
                doc = next(_deadlines(pipeline.pipe([raw], published=published), 1, timeout))
                outcomes.append(_outcome(raw, doc, output))
            except Exception as e:
                outcomes.append(_failed(raw, f"{type(e).__name__}: {e}", "pipeline"))
    timings = {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items() if v - before.get(k, 0.0) > 0}
    timings["worker_total"] = time.perf_counter() - t0
    return {"outcomes": outcomes, "timings": timings, "docs": len(raws)}


def _deadlines(docs, n: int, timeout: float):
    """Iterate ``docs`` giving each document ``timeout`` seconds (the first step parses all ``n``)."""
    message = f"took longer than {timeout:g} s (sitrep ingest --timeout)"
    budget = timeout * n
    while True:
        with _alarm(budget, message):
            try:
                doc = next(docs)
            except StopIteration:
                return
        budget = timeout
        yield doc


@contextmanager
def time_limit(seconds: float, what: str = "sitrep ingest --timeout") -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` (SIGALRM; main thread only,
    elsewhere and for 0 no limit). ``sitrep extract`` runs each document in one (issue 18)."""
    with _alarm(seconds, f"took longer than {seconds:g} s ({what})"):
        yield


@contextmanager
def _alarm(seconds: float, message: str) -> Iterator[None]:
    """The one SIGALRM timer: :class:`DocumentTimeout` with ``message`` after ``seconds`` in the block
    (on the main thread; elsewhere, and for 0, no limit); the previous handler is put back after."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _outcome(raw: RawDocument, doc, output: str) -> dict:
    if doc.error is not None:
        return _failed(raw, str(doc.error), getattr(doc.error, "stage", None))
    out = doc.to_json()
    base = {"path": raw.path, "content_hash": raw.content_hash, "id": doc.id, "status": "ok",
            "error": None, "stage": None, "warnings": list(raw.warnings)}
    try:
        if output == "rows":
            return {**base, "rows": document_rows(out)}
        return {**base, "doc": json.dumps(out, ensure_ascii=False)}
    except (TypeError, ValueError) as e:  # a layer item that is not JSON-serialisable
        return _failed(raw, f"cannot serialise document: {e}", "store")


def _failed(raw: RawDocument, reason: str, stage: str | None) -> dict:
    return {"path": raw.path, "content_hash": raw.content_hash, "id": raw.id, "status": "failed",
            "error": reason, "stage": stage}
