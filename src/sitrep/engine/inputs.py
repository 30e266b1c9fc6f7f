"""Input documents as a stream: files and folders in, RawDocuments out, never the whole corpus at once.

Everything the readers in :mod:`sitrep.io.readers` take is read through them; Parquet files (one
article per row, columns ``text`` and optionally ``id``, ``title``, ``published``, ``source``,
``url``) are read here in record batches, with the same ``file:row`` path convention as JSON Lines.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from sitrep.doc import RawDocument
from sitrep.errors import InputError
from sitrep.io import readers

PARQUET = ".parquet"
RAW_FIELDS = ("title", "published", "source", "url", "id")


def list_files(paths: Iterable[str]) -> Iterator[Path]:
    """Files under ``paths`` in a stable order: folders sorted, recursively, known suffixes only."""
    suffixes = {*readers.SUFFIXES, PARQUET}
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in suffixes)
        else:
            yield p


def count_documents(path: Path) -> int:
    """How many articles a file holds, cheaply (for the progress bar's total and ETA)."""
    try:
        if path.suffix.lower() == PARQUET:
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if path.suffix.lower() == ".jsonl":
            n = 0
            with path.open("rb") as f:
                for line in f:
                    n += bool(line.strip())
            return n
    except Exception:  # noqa: BLE001  a corrupt file counts as one; reading it reports the problem
        pass
    return 1


def read_file(path: Path) -> Iterator[RawDocument | InputError]:
    """The articles in one file, or InputErrors; a reader that crashes costs the rest of that file only."""
    try:
        if path.suffix.lower() == PARQUET:
            yield from _read_parquet(path)
        else:
            yield from readers.read_path(path)
    except Exception as e:  # a reader bug or a malformed file must not end the run
        yield InputError(str(path), f"cannot read: {type(e).__name__}: {e}")


def iter_raws(files: Iterable[Path], on_problem: Callable[[InputError], None]) -> Iterator[RawDocument]:
    for path in files:
        for item in read_file(path):
            if isinstance(item, InputError):
                on_problem(item)
            else:
                yield item


def _read_parquet(path: Path) -> Iterator[RawDocument | InputError]:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    if "text" not in f.schema_arrow.names:
        yield InputError(str(path), "no 'text' column (Parquet input needs one article per row in 'text')")
        return
    cols = ["text", *(c for c in RAW_FIELDS if c in f.schema_arrow.names)]
    n = 0
    for batch in f.iter_batches(batch_size=256, columns=cols):
        for rec in batch.to_pylist():
            n += 1
            if not isinstance(rec.get("text"), str) or not rec["text"].strip():
                yield InputError(f"{path}:{n}", "empty or missing text")
                continue
            extra = {k: (None if rec.get(k) is None else str(rec[k])) for k in RAW_FIELDS}
            yield readers.split_long_lines(RawDocument(text=rec["text"], path=f"{path}:{n}", format="parquet",
                                                       **extra))


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
