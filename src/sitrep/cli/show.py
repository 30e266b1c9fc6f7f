"""``sitrep show``: one stored document, its text and layers."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from sitrep.cli.app import app, fail
from sitrep.doc import LAYERS


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
    db: str = typer.Option("sitrep.duckdb", "--db", help="DuckDB file to read."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole document JSON."),
) -> None:
    """Show a stored document: metadata, layer counts, and its items with their evidence.

    Example: sitrep show e43b77108f5b --db conflict.duckdb
    """
    from sitrep.io.store import Store

    if not Path(db).exists():
        fail(f"{db}: no such database")
    with Store(db, read_only=True) as store:
        doc = store.get_document(doc_id)
    if doc is None:
        fail(f"no document {doc_id!r} in {db} (list them: sitrep query 'SELECT id, title, path FROM documents')")
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    c = Console()
    m = doc["document"]
    c.print(f"[bold]{m.get('title') or m.get('path')}[/bold]  id={m['id']} published={m.get('published')}")
    for layer in LAYERS:
        items = doc.get(layer) or []
        c.print(f"\n[bold]{layer}[/bold] ({len(items)})")
        for it in items[:200]:
            label = it.get("name") or it.get("type") or it.get("category") or it.get("text") or ""
            c.print(f"  {it.get('id')}: {str(label)[:100]}", highlight=False)
