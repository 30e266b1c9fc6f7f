"""The local executor: batches in this process (``jobs=1``) or over a pool of worker processes.

The pool uses ``spawn`` workers (the writer process holds DuckDB threads, which do not survive a
fork) with an initializer that loads the model once per worker. At most ``2 * jobs`` batches are
in flight, so memory is bounded by the batch size whatever the corpus size, and results come back
in input order.

spaCy's own ``nlp.pipe(n_process=N)`` was the other candidate: it parallelises parsing only and
ships every parsed Doc back to one process, where the stages would then run on one core;
``bench/throughput.py`` measures it as a ceiling.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from sitrep.doc import RawDocument
from sitrep.engine import worker


class LocalExecutor:
    """Maps :func:`sitrep.engine.worker.process_batch` over batches, in order.

    Args:
        jobs: Worker processes; 1 runs in this process (no pool, no second model in memory).
        published: Publication date for documents that carry none.
        pipeline_factory: A picklable zero-argument callable returning the Pipeline
            (tests pass a small one); default: ``Pipeline()``.
        timeout: Seconds one document may take before it fails alone (0: no limit).
    """

    name = "local"

    def __init__(self, *, jobs: int = 1, published: str | None = None, pipeline_factory=None,
                 timeout: float = 0.0):
        self.jobs = max(1, jobs)
        self.published = published
        self.factory = pipeline_factory
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "LocalExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, batches: Iterable[list[RawDocument]]) -> Iterator[dict]:
        if self.jobs == 1:
            worker.init_worker(self.factory)
            for batch in batches:
                yield worker.process_batch(batch, self.published, factory=self.factory, timeout=self.timeout)
            return
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=mp.get_context("spawn"),
                                         initializer=worker.init_worker,
                                         initargs=(self.factory, os.getpid()))
        pending: deque[Future] = deque()
        for batch in batches:
            with _sigint_deferred():  # submit() may start a worker: it must be born deaf to Ctrl-C
                pending.append(self._pool.submit(worker.process_batch, batch, self.published, factory=self.factory,
                                                 timeout=self.timeout))
            while len(pending) >= 2 * self.jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@contextmanager
def _sigint_deferred():
    """Hold Ctrl-C back while worker processes start. SIGINT is blocked in this thread, and the mask is
    inherited across fork and exec, so a worker never takes a Ctrl-C while it imports spaCy (issue 18: no
    worker tracebacks; :func:`worker.init_worker` then ignores it). A Ctrl-C meanwhile (taken by this
    thread at the unblock, or by another thread at once) is only noted, and raised again after the block,
    where the writer takes it as usual. (Ignoring SIGINT instead lost it: one Ctrl-C let the run go on.)"""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held: list[int] = []
    handler = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGINT, handler)
    if held:
        signal.raise_signal(signal.SIGINT)
