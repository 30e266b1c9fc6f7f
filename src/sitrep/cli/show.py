"""``sitrep show``: one stored document, its text and layers."""
from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.markup import escape

from sitrep.cli.app import app, fail
from sitrep.doc import LAYERS


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
    db: str = typer.Option("sitrep.duckdb", "--db", help="DuckDB file to read."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole document JSON."),
    limit: int = typer.Option(50, "--limit", help="Items shown per layer."),
) -> None:
    """Show a stored document: metadata, layer counts, and its items with their evidence.

    Example: sitrep show e43b77108f5b --db conflict.duckdb
    """
    import duckdb

    from sitrep.errors import StoreError
    from sitrep.io.store import Store

    try:
        with Store(db, read_only=True) as store:
            ids = store.match_ids(doc_id, limit=5)
            doc = store.get_document(ids[0]) if len(ids) == 1 else None
    except StoreError as e:
        fail(str(e))
    except duckdb.Error as e:
        fail(f"cannot read {db}: {str(e).splitlines()[0]}")
    if len(ids) > 1:
        fail(f"{doc_id!r} matches several documents ({', '.join(ids)}, ...): give more of the id")
    if doc is None:
        fail(f"no document {doc_id!r} in {db} (list them: sitrep query 'SELECT id, title, path FROM documents' "
             f"--db {db})")
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    c = Console(highlight=False)
    m = doc["document"]
    c.print(f"[bold]{escape(m.get('title') or m.get('path') or '')}[/bold]")
    c.print(f"id={m['id']} published={m.get('published')} path={escape(str(m.get('path')))} "
            f"chars={len(doc['text'])} stages={escape(', '.join(doc.get('stages', {}).values()))}")
    for layer in LAYERS:
        items = doc.get(layer) or []
        c.print(f"\n[bold]{layer}[/bold] ({len(items)})")
        for it in items[:limit]:
            c.print(f"  {escape(str(it.get('id')))}: {escape(_label(it))}{escape(_evidence(it))}")
        if len(items) > limit:
            c.print(f"  ... {len(items) - limit} more (--limit, or --json for everything)")


def _label(item: dict) -> str:
    for key in ("name", "type", "category", "value", "text"):
        if item.get(key) not in (None, ""):
            v = item[key]
            return str(v.get("value", v) if isinstance(v, dict) else v)[:100]
    return ""


def _evidence(item: dict) -> str:
    """Where the item is in the text: its first span, as [start:end] "text"."""
    span = item if "start" in item else None
    for key in ("mentions", "evidence"):
        v = item.get(key)
        span = span or (v[0] if isinstance(v, list) and v else v if isinstance(v, dict) else None)
    if not isinstance(span, dict) or "start" not in span:
        return ""
    return f'  [{span["start"]}:{span.get("end")}] "{str(span.get("text", ""))[:80]}"'
