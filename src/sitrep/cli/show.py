"""``sitrep show``: one stored document, its text and layers."""
from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.markup import escape

from sitrep.cli.app import app, db_option, fail
from sitrep.doc import LAYERS


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (or a unique prefix)."),
    db: str = db_option(),
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
            if layer == "events":
                for line in event_lines(doc, it):
                    c.print(escape(line), soft_wrap=True)
                continue
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


def event_lines(doc: dict, ev: dict) -> list[str]:
    """An event as an analyst reads it: its types, who did what to whom, where (with the place's
    precision), when, how many were killed, who says so, and the whole sentence it comes from."""
    from sitrep.fusion.ids import actor_ids
    from sitrep.web.queries import sentence_around

    actors = {str(a.get("id")): a for a in doc.get("actors") or []}
    places = {str(p.get("id")): p for p in doc.get("places") or []}
    names = lambda v: ", ".join((actors.get(i) or {}).get("name") or i for i in actor_ids(v)) or "?"  # noqa: E731
    types = " / ".join(str(x) for x in (ev.get("type"), ev.get("mode"), ev.get("acled_event_type"),
                                        ev.get("acled_subtype")) if x)
    p = places.get(str(ev.get("place"))) if ev.get("place") is not None else None
    where = "unlocated" if not p else (f"{p.get('name')} ({p.get('precision') or '?'}"
                                       + "".join(f", {x}" for x in (p.get("admin1"), p.get("country")) if x) + ")")
    d = ev.get("date")
    when = f"{d.get('value')} ({d.get('precision')})" if isinstance(d, dict) else (d or "undated")
    killed = ev.get("fatalities")
    claimant = names(ev.get("claimant")) if ev.get("claimant") is not None else "the report itself"
    span = ev.get("evidence") or {}
    sentence = span.get("text") or ""
    if span.get("start") is not None:
        sentence = sentence_around(doc["text"], span["start"], span["end"], doc.get("paragraphs") or [])["text"]
    return [f"  {ev.get('id')}: {types}",
            f"      {names(ev.get('source'))} -> {names(ev.get('target'))}; {where}; {when}; "
            f"killed {killed if killed is not None else 'not given'}; claimant {claimant}; "
            f"{ev.get('factuality') or 'factuality ?'}",
            f"      [{span.get('start')}:{span.get('end')}] \u201c{sentence.strip()}\u201d"]
