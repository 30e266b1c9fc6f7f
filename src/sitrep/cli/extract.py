"""``sitrep extract``: print the document JSON of each input (JSON for one, JSON Lines for several)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from sitrep.cli.app import app, check_date, err, fail, one_line, say, stdout_write
from sitrep.doc import RawDocument
from sitrep.errors import InputError, StageError
from sitrep.io.readers import iter_paths, read_path


def iter_inputs(paths: list[str], problems: list[InputError]) -> Iterator[RawDocument]:
    """Every readable article under ``paths``, in input order; unreadable ones go to ``problems``."""
    for p in iter_paths(paths):
        for item in read_path(p):
            if isinstance(item, InputError):
                say("skipped", str(item))
                problems.append(item)
            else:
                for w in item.warnings:
                    say("warning", f"{item.path}: {w}")
                yield item


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files or folders (.txt .pdf .html .jsonl)."),
    published: Optional[str] = typer.Option(None, "--published", callback=check_date,
                                            help="Publication date (YYYY-MM-DD) where the source has none."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON (single document only)."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds one document may take before it fails "
                                  "alone (0: no limit)."),
) -> None:
    """Print the document JSON: one JSON object for one article, JSON Lines for several.

    Example: sitrep extract article.txt --published 2022-04-07 > article.json
    """
    from sitrep.engine.worker import DocumentTimeout, time_limit
    from sitrep.pipeline import Pipeline

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        fail(f"{missing[0]}: no such file or folder")
    problems: list[InputError] = []
    single = len(paths) == 1 and Path(paths[0]).is_file() and not paths[0].endswith(".jsonl")
    pipeline = Pipeline()
    n = 0
    for raw in iter_inputs(paths, problems):
        try:
            with time_limit(timeout, "sitrep extract --timeout"):
                doc = pipeline.run(raw, published=published)
        except Exception as e:  # noqa: BLE001  one document that breaks cleaning or parsing fails alone
            reason = str(e) if isinstance(e, (StageError, DocumentTimeout)) else one_line(e)
            say("failed", f"{raw.path}: {reason}", "red")
            problems.append(InputError(raw.path, reason))
            continue
        n += 1
        out = doc.to_json()
        stdout_write(json.dumps(out, ensure_ascii=False, indent=2 if (pretty and single) else None))
    if problems:
        err.print(f"{n} extracted, {len(problems)} skipped")
        raise typer.Exit(1)
    if n == 0:
        err.print("no articles found in the given paths")
        raise typer.Exit(1)
