"""Where another layer gives a place's words another meaning: a date, or an armed group's name.

The places layer sometimes takes a weekday for a district ("on Tuesday" resolved to a division named
Tuesday) or part of a group's name for a place ("Islamic State in the Greater Sahara", "the Taliban"
kept as an unknown place). Such a place says nothing of where an event happened, and fusion would
compare it as if it did: two different "places" keep two reports of one attack apart. A place every
mention of which lies inside a date expression of the dates layer, or, for a place the gazetteer does
not know, inside the name of an armed group or organisation of the actors layer, is left out of
fusion's evidence (the places layer itself is not changed).
"""
from __future__ import annotations

import json

# Actor kinds whose names are names, not descriptions ("residents of X" still places its people in X)
NAMED_KINDS = frozenset({"armed group", "organisation"})


def date_spans(store) -> dict[str, list[tuple[int, int]]]:
    """Per document, ``(start, end)`` of every date expression of the dates layer (``store``: a
    :class:`sitrep.io.store.Store`, read through its ``query``)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for d, data in store.query("SELECT document_id, data FROM dates")[1]:
        x = json.loads(data)
        if isinstance(x.get("start"), int) and isinstance(x.get("end"), int):
            out.setdefault(d, []).append((x["start"], x["end"]))
    return out


def actor_name_spans(actors: dict, kinds: frozenset[str] | None = NAMED_KINDS) -> dict[str, list[tuple[int, int]]]:
    """Per document, ``(start, end)`` of every mention of an actor of ``kinds`` (all kinds with None;
    ``actors`` as :meth:`sitrep.io.store.Store.fusion_rows` gives them, keyed by ``(document_id, id)``)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for (d, _), a in actors.items():
        if kinds is not None and a.get("kind") not in kinds:
            continue
        if kinds is None and a.get("kind") == "person" and len((a.get("name") or "").split()) < 2:
            continue  # a "person" of one word is as often a place the actors layer took for a name
        for m in a.get("mentions") or []:
            if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
                out.setdefault(d, []).append((m["start"], m["end"]))
    return out


def _inside(mentions: list[dict], spans: list[tuple[int, int]]) -> bool:
    """Every mention lies within some span (and there is at least one mention)."""
    got = [(m.get("start"), m.get("end")) for m in mentions]
    if not got or not spans or any(not isinstance(s, int) or not isinstance(e, int) for s, e in got):
        return False
    return all(any(a <= s and e <= b for a, b in spans) for s, e in got)


def not_a_place(p: dict, dates: list[tuple[int, int]], names: list[tuple[int, int]]) -> bool:
    """A place (the places layer's dict) whose words are a date, or, unknown to the gazetteer, a name."""
    mentions = p.get("mentions") or []
    if _inside(mentions, dates):
        return True
    return p.get("lat") is None and _inside(mentions, names)
