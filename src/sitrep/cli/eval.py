"""``sitrep eval``: score the pipeline against annotated data and print figures."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.cli.app import app, err, fail, stdout_write
from sitrep.errors import ConfigError


class ProgressPipeline:
    """A pipeline wrapper that calls ``advance()`` once per processed document.

    The evaluators only see a pipeline, so progress is counted here rather than in each of them.
    """

    def __init__(self, pipeline, advance):
        self._pipeline, self._advance = pipeline, advance

    def __getattr__(self, name):
        return getattr(self._pipeline, name)

    def run(self, raw, **kwargs):
        try:
            return self._pipeline.run(raw, **kwargs)
        finally:
            self._advance()

    def pipe(self, raws, **kwargs):
        for doc in self._pipeline.pipe(raws, **kwargs):
            self._advance()
            yield doc


def figures_tables(figures: dict) -> list[Table]:
    """Figures named ``GROUP.FIGURE`` as a table (one row per group, or per figure when there are
    more figures than groups); the figures without a group as a name/value table."""
    grouped: dict[str, dict[str, object]] = {}
    cols: list[str] = []
    single: dict[str, object] = {}
    for k, v in figures.items():
        if "." in k:
            g, f = k.rsplit(".", 1)
            grouped.setdefault(g, {})[f] = v
            if f not in cols:
                cols.append(f)
        else:
            single[k] = v
    tables = []
    if grouped:
        rows, heads = list(grouped), cols
        if len(cols) > len(grouped):  # few groups, many figures: one column per group reads better
            rows, heads = cols, list(grouped)
        t = Table()
        t.add_column("")
        for h in heads:
            t.add_column(h, justify="right")
        for r in rows:
            t.add_row(r, *(_fmt(grouped[h].get(r) if rows is cols else grouped[r].get(h)) for h in heads))
        tables.append(t)
    if single:
        t = Table(show_header=False)
        t.add_column("figure")
        t.add_column("value", justify="right")
        for k, v in single.items():
            t.add_row(k, _fmt(v))
        tables.append(t)
    return tables


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


@app.command("eval")
def eval_cmd(
    path: str = typer.Argument(..., help="Gold JSON file or folder, GeoNames XML corpus, PolNeAR brat folder, "
                                         "PLOVER_GSR_CAMEO.txt, or ACLED export CSV (or a folder of them)."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="Score at most N documents per corpus "
                                        "(ACLED: the first N rows of a fixed pseudo-random order)."),
    misses: Optional[Path] = typer.Option(None, "--misses", help="ACLED exports: write every row whose type, "
                                          "place or actor 1 is wrong to this JSON Lines file."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss and spurious item (gold JSON only)."),
) -> None:
    """Run the pipeline on annotated articles and print per-layer precision, recall and F1.

    Example: sitrep eval tests/eval/gold --json
    """
    import json

    from sitrep.eval import detect, dumps, evaluate
    from sitrep.pipeline import Pipeline

    try:
        detect(path)
    except ConfigError as e:
        fail(str(e))
    with Progress(TextColumn("eval"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("eval", total=limit)
        pipeline = ProgressPipeline(Pipeline(), lambda: bar.advance(task))
        on_miss = (lambda line: err.print(f"  {line}", soft_wrap=True, markup=False)) if verbose else None
        found: list | None = [] if misses else None
        try:
            figures = evaluate(path, pipeline=pipeline, limit=limit, on_miss=on_miss, misses=found)
        except ConfigError as e:
            fail(str(e))
    if misses:
        try:
            misses.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in found), "utf-8")
        except OSError as e:
            fail(f"{misses}: cannot write ({e.strerror})")
    if as_json:
        stdout_write(dumps(figures))
    else:
        out = Console()
        out.print(f"sitrep eval {path}", highlight=False)
        for t in figures_tables(figures):
            out.print(t)
