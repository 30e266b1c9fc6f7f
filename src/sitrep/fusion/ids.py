"""Actor references on an event, as ids: the one reading of an event's ``source``/``target`` value that
fusion, the exports, the web API, the report, ``show`` and ``sitrep.open`` share."""
from __future__ import annotations


def actor_ids(v) -> list[str]:
    """Actor references on an event: an id, a list of ids, or dicts with ``id``."""
    if v is None:
        return []
    if isinstance(v, (str, int)):
        return [str(v)]
    if isinstance(v, dict):
        return [str(v["id"])] if v.get("id") is not None else []
    return [x for item in v for x in actor_ids(item)]
