"""Readers: a path -> RawDocument(s). (Baseline: .txt and .jsonl.)"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from sitrep.doc import RawDocument
from sitrep.errors import InputError

SUFFIXES = (".txt", ".jsonl")


def iter_paths(paths: list[str]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES)
        else:
            yield p


def read_path(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield the articles in one file, or an InputError for what cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror}")
        return
    text = data.decode("utf-8")
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                yield RawDocument(text=rec["text"], path=f"{path}:{n}", title=rec.get("title"),
                                  published=rec.get("published"), source=rec.get("source"),
                                  url=rec.get("url"), id=rec.get("id"), format="jsonl")
    else:
        yield RawDocument(text=text, path=str(path), format="txt")
