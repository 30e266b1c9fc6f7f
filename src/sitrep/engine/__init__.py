"""Running the pipeline over many documents: the per-document function and the executors.

Flow::

    inputs.iter_raws(paths)  (streaming, in the writer process)
      -> batches of RawDocument
      -> executor (local: this process or a pool of worker processes; ray: a Ray Data job)
         each worker loads the model once and calls worker.process_batch (= worker.process per document)
      -> run.ingest: the single writer, one DuckDB transaction per batch of whole documents

Both executors call the same plain function, :func:`sitrep.engine.worker.process`, through
:func:`sitrep.engine.worker.process_batch` (which parses a batch with one ``nlp.pipe`` call).
"""
from __future__ import annotations

from sitrep.engine.worker import process, process_batch

__all__ = ["process", "process_batch"]
