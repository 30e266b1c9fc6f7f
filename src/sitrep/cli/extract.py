"""``sitrep extract``: print the document JSON of each input (JSON for one, JSON Lines for several)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from sitrep.cli.app import app, check_date, err, fail, stdout_write
from sitrep.doc import RawDocument
from sitrep.errors import InputError, StageError
from sitrep.io.readers import iter_paths, read_path


def iter_inputs(paths: list[str], problems: list[InputError]) -> Iterator[RawDocument]:
    """Every readable article under ``paths``, in input order; unreadable ones go to ``problems``."""
    for p in iter_paths(paths):
        for item in read_path(p):
            if isinstance(item, InputError):
                err.print(f"[yellow]skipped[/yellow] {item}", soft_wrap=True, markup=True, highlight=False)
                problems.append(item)
            else:
                for w in item.warnings:
                    err.print(f"[yellow]warning[/yellow] {item.path}: {w}", soft_wrap=True)
                yield item


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files or folders (.txt .pdf .html .jsonl)."),
    published: Optional[str] = typer.Option(None, "--published", callback=check_date,
                                            help="Publication date (YYYY-MM-DD) where the source has none."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON (single document only)."),
) -> None:
    """Print the document JSON: one JSON object for one article, JSON Lines for several.

    Example: sitrep extract article.txt --published 2022-04-07 > article.json
    """
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
            doc = pipeline.run(raw, published=published)
        except StageError as e:
            err.print(f"[red]failed[/red] {raw.path}: {e}", soft_wrap=True)
            problems.append(InputError(raw.path, str(e)))
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
