"""``sitrep eval``: score the pipeline against annotated data and print figures."""
from __future__ import annotations

from pathlib import Path

import typer

from sitrep.cli.app import app, fail


@app.command("eval")
def eval_cmd(
    gold: str = typer.Argument(..., help="A folder of gold files (sitrep gold JSON, brat, GeoNames XML, PLOVER)."),
) -> None:
    """Run the pipeline on annotated articles and print per-layer precision, recall and F1.

    Example: sitrep eval tests/eval/gold
    """
    if not Path(gold).exists():
        fail(f"{gold}: no such file or folder")
    fail("evaluation is not built yet")
