"""``sitrep ingest``: run the pipeline over files and store the results in DuckDB."""
from __future__ import annotations

from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from sitrep.cli.app import app, check_date, err
from sitrep.cli.extract import iter_inputs
from sitrep.errors import InputError


def ingest_paths(paths: list[str], *, db: str, published: str | None = None, quiet: bool = False) -> dict:
    """Ingest articles into ``db``; returns run statistics. Already-stored articles are skipped."""
    from sitrep.io.store import Store
    from sitrep.pipeline import Pipeline

    pipeline = Pipeline()
    stats = {"stored": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    problems: list[InputError] = []
    with Store(db) as store:
        run_id = store.start_run(pipeline.res.versions(), [s.label for s in pipeline.stages])
        known = store.known_hashes()
        raws = [r for r in iter_inputs(paths, problems)]
        for p in problems:
            store.record_failure(p.path, p.reason, run_id=run_id)
        stats["skipped"] = len(problems)
        todo = []
        for r in raws:
            if r.content_hash in known:
                stats["unchanged"] += 1
            else:
                known.add(r.content_hash)
                todo.append(r)
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, disable=quiet, transient=True) as bar:
            task = bar.add_task("ingest", total=len(todo))
            for doc in pipeline.pipe(todo, published=published):
                if doc.error:
                    err.print(f"[red]failed[/red] {doc.meta['path']}: {doc.error}", soft_wrap=True)
                    store.record_failure(doc.meta["path"], str(doc.error), stage=doc.error.stage, run_id=run_id)
                    stats["failed"] += 1
                elif store.write_document(doc.to_json(), run_id=run_id):
                    stats["stored"] += 1
                else:
                    stats["unchanged"] += 1
                bar.advance(task)
        store.finish_run(run_id, stats)
        stats["tables"] = store.counts()
    return stats


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files or folders (.txt .pdf .html .jsonl)."),
    db: str = typer.Option("sitrep.duckdb", "--db", help="DuckDB file to write (created if missing)."),
    published: Optional[str] = typer.Option(None, "--published", callback=check_date,
                                            help="Publication date (YYYY-MM-DD) where the source has none."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract every article and store documents and layers in a DuckDB file.

    Example: sitrep ingest articles/ --db conflict.duckdb
    """
    stats = ingest_paths(paths, db=db, published=published, quiet=quiet)
    t = Table(title=f"sitrep ingest -> {db}", show_header=True)
    t.add_column("what")
    t.add_column("count", justify="right")
    for k in ("stored", "unchanged", "skipped", "failed"):
        t.add_row(k, str(stats[k]))
    for k, v in stats["tables"].items():
        t.add_row(f"table {k}", str(v))
    err.print(t)
    err.print(f"database: {db}")
    if stats["skipped"] or stats["failed"]:
        raise typer.Exit(1)
