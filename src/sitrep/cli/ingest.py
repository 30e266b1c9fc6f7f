"""``sitrep ingest``: run the pipeline over files and store the results in DuckDB."""
from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from typing import List, Optional

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from sitrep.cli.app import app, check_date, db_option, err, fail, say
from sitrep.errors import BackendUnavailableError, ConfigError, StoreError


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f} docs/s" if task.speed else "- docs/s")


def ingest_paths(paths: list[str], *, db: str, published: str | None = None, quiet: bool = False,
                 **options) -> dict:
    """Ingest articles into ``db`` with a progress bar on stderr; the run's statistics (see engine.run.ingest)."""
    from sitrep.engine.run import ingest as run_ingest

    def event(kind: str, message: str) -> None:
        say(kind, message, "red" if kind == "failed" else "yellow")

    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
                  TextColumn("ETA"), TimeRemainingColumn(), console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        return run_ingest(paths, db=db, published=published, on_event=event,
                          on_total=lambda n: bar.update(task, total=n),
                          progress=lambda n: bar.advance(task, n), **options)


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files or folders (.txt .jsonl .parquet, and what the readers take)."),
    db: str = db_option(writes=True),
    published: Optional[str] = typer.Option(None, "--published", callback=check_date,
                                            help="Publication date (YYYY-MM-DD) where the source has none."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: every core)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per batch (one nlp.pipe call)."),
    commit_every: int = typer.Option(256, "--commit-every", help="Documents per DuckDB transaction at most."),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or ray (a Ray Data job)."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (--engine ray)."),
    shards: Optional[str] = typer.Option(None, "--shards", help="Folder for Ray's Parquet shards "
                                         "(default: DB.shards/RUN_ID)."),
    pipeline: Optional[str] = typer.Option(None, "--pipeline", help="A 'module:function' returning the Pipeline "
                                           "to run (custom stages); default: sitrep's."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds one document may take before it fails "
                                  "alone (0: no limit)."),
    profile: bool = typer.Option(False, "--profile", help="Print the time spent per stage."),
    no_fuse: bool = typer.Option(False, "--no-fuse", help="Do not link the new events into incidents "
                                 "(run `sitrep incidents` later)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract every article and store documents and layers in a DuckDB file.

    Already-stored articles (same content) are skipped, and every run ends by linking the events
    no incident holds yet, so an interrupted run (even while linking) resumes when the same command
    is run again. Exit status 1 when any article was skipped or failed (see the failures table).

    Example: sitrep ingest articles/ --db conflict.duckdb --jobs 4
    """
    try:
        factory = load_factory(pipeline) if pipeline else None
        stats = ingest_paths(paths, db=db, published=published, quiet=quiet, jobs=jobs or os.cpu_count() or 1,
                             batch_size=batch_size, engine=engine, address=address, shards=shards,
                             pipeline_factory=factory, timeout=timeout, commit_every=commit_every)
    except (ConfigError, BackendUnavailableError, StoreError) as e:
        fail(str(e))
    except BrokenProcessPool:
        fail(f"a worker process died (out of memory?); what was stored in {db} stays: run the same command "
             "again to resume, with a smaller --batch-size or fewer --jobs")
    except KeyboardInterrupt:
        err.print(f"interrupted: what was stored in {db} stays; run the same command again to resume")
        raise typer.Exit(130)
    except OSError as e:  # the disk or the database file, not an article
        from sitrep.cli.app import one_line

        fail(f"{one_line(e)}; what was stored in {db} stays: run the same command again to resume")
    if not no_fuse:
        stats["fusion"] = link_db(db)
    print_summary(stats, db)
    if profile:
        print_profile(stats)
    if stats["skipped"] or stats["failed"]:
        raise typer.Exit(1)


def link_db(db: str) -> dict | None:
    """Link the events no incident holds yet (see sitrep.engine.run.link_unlinked), in one line on failure."""
    import duckdb

    from sitrep.engine.run import link_unlinked
    from sitrep.io.store import explain

    try:
        return link_unlinked(db, on_start=lambda n: err.print(f"linking {n} unlinked events into incidents"))
    except (KeyboardInterrupt, duckdb.Error, RuntimeError) as e:
        if not _interrupted(e):
            if isinstance(e, duckdb.Error):
                while isinstance(e.__context__, duckdb.Error):  # a failed rollback hides the cause (a full disk)
                    e = e.__context__
                fail(f"linking incidents failed: {explain(db, e)}; the documents are stored: run the same "
                     "command again")
            raise
        err.print(f"interrupted while linking incidents: the documents are stored in {db}; run the same "
                  "command again to link them")
        raise typer.Exit(130)
    except StoreError as e:
        fail(str(e))


def _interrupted(e: BaseException | None) -> bool:
    """True for a Ctrl-C, or an error raised while handling one: DuckDB turns a Ctrl-C during a query
    into "Query interrupted", and a rollback after it may fail in turn ("no transaction is active")."""
    import duckdb

    for _ in range(5):
        if e is None:
            return False
        if isinstance(e, (KeyboardInterrupt, duckdb.InterruptException)) or "interrupted" in str(e).lower():
            return True
        e = e.__context__
    return False


def load_factory(spec: str):
    """``module:function`` -> the function (a zero-argument callable returning a Pipeline)."""
    import importlib

    module, _, name = spec.partition(":")
    try:
        factory = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as e:
        raise ConfigError(f"--pipeline {spec!r}: cannot load it ({e}); expected 'module:function'") from None
    if not callable(factory):
        raise ConfigError(f"--pipeline {spec!r} is not callable")
    return factory


def print_summary(stats: dict, db: str) -> None:
    t = Table(title=f"sitrep ingest -> {db}", show_header=True)
    t.add_column("what")
    t.add_column("count", justify="right")
    for k in ("stored", "unchanged", "skipped", "failed"):
        t.add_row(k, str(stats[k]))
    for k, v in stats["tables"].items():
        t.add_row(f"table {k}", str(v))
    err.print(t)
    done = stats["stored"] + stats["unchanged"] + stats["skipped"] + stats["failed"]
    rate = done / stats["elapsed_s"] if stats["elapsed_s"] else 0.0
    if stats.get("fusion"):
        f = stats["fusion"]
        err.print(f"incidents: {f['incidents']} ({f['multi_source_incidents']} with several reports) "
                  f"from {f['events']} events")
    err.print(f"{done} documents in {stats['elapsed_s']:.1f} s ({rate:.1f} docs/s); database: {db}; "
              f"run {stats['run_id']}")


def print_profile(stats: dict) -> None:
    """Seconds per stage summed over workers (CPU-seconds when several workers ran), and the writer's."""
    timings = dict(stats["timings"])
    total = timings.pop("worker_total", 0.0)
    write = timings.pop("write", 0.0)
    t = Table(title="time per stage (summed over workers)", show_header=True)
    for c in ("stage", "seconds", "share of worker time"):
        t.add_column(c, justify="left" if c == "stage" else "right")
    for k, v in sorted(timings.items(), key=lambda kv: -kv[1]):
        t.add_row(k, f"{v:.2f}", f"{100 * v / total:.1f}%" if total else "-")
    other = total - sum(timings.values())
    t.add_row("cleaning, JSON, rows", f"{other:.2f}", f"{100 * other / total:.1f}%" if total else "-")
    t.add_row("worker total", f"{total:.2f}", "")
    t.add_row("writer (DuckDB)", f"{write:.2f}", "")
    t.add_row("wall clock", f"{stats['elapsed_s']:.2f}", "")
    err.print(t)
