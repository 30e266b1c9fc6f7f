"""Where an event happened, once the events stage has read the parse (:func:`.links.find_place`).

The parse gives the place its trigger's phrase, clause or sentence names. This module settles the rest:

* an event that took place (a material event, or one with an ACLED type) whose sentences name no usable
  place takes the nearest usable place named before it in its paragraph (it sets the scene), else the
  nearest one after it, else the article's dateline place;
* an event placed on a whole country while its paragraph names a finer place in that country takes the
  nearest such place ("Afghan forces killed two in Zhari district": a nationality or a country named as
  an actor is never the event's place);
* an event placed on a container named right after a finer place in it ("residents of X (Y)", "X, Y")
  takes the finer place: the most specific place of a container chain is the event's place, the
  container only confirms it.

A usable place has a point, and is neither a metonym ("Moscow said", a capital standing for its
government) nor adjectival ("Russian forces").
"""
from __future__ import annotations

from sitrep.stages.events.links import MATERIAL

RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}


def _usable(p: dict) -> bool:
    return p.get("lat") is not None and not p.get("metonym") and not p.get("adjectival")


def settle_places(events: list[dict], doc) -> None:
    """Fill or refine ``place`` of each event in ``events`` (in place); see the module docstring."""
    places = [p for p in doc.layers.get("places") or [] if _usable(p)]
    if not places or not events:
        return
    by_id = {p["id"]: p for p in places}
    mentions = sorted(((m["start"], m["end"], p) for p in places for m in p["mentions"]), key=lambda r: r[0])
    paragraphs = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
    dateline = next((p for p in places if p.get("dateline")), None)
    for ev in events:
        at = ev["trigger"]["start"]
        para = next(((a, b) for a, b in paragraphs if a <= at < b), (0, len(doc.text)))
        # nearest first, a place named before the trigger (it sets the scene) before one named after it
        ranked = sorted((((s > at, abs(s - at), RANK.get(p.get("precision"), 9)), p)
                         for s, e, p in mentions if para[0] <= s < para[1]), key=lambda r: r[0])
        near = [p for _, p in ranked]
        current = by_id.get(ev.get("place")) if ev.get("place") else None
        if ev.get("place") is None:
            if not (ev.get("acled_event_type") or ev.get("type") in MATERIAL):
                continue
            got = near[0] if near else dateline
            if got is not None:
                ev["place"] = got["id"]
        elif current is not None and current.get("precision") == "country":
            finer = [p for p in near if RANK.get(p.get("precision"), 9) < RANK["country"]
                     and p.get("country") == current.get("country")]
            if finer:
                ev["place"] = finer[0]["id"]
        if ev.get("place") is not None:
            ev["place"] = _finest_of_chain(by_id.get(ev["place"]), mentions, doc.text, at, para) or ev["place"]


def _contains(outer: dict, inner: dict) -> bool:
    """Whether ``inner`` is finer than ``outer`` and lies in it, as far as the items tell (same country; same
    first-level division unless ``outer`` is a country)."""
    if RANK.get(inner.get("precision"), 9) >= RANK.get(outer.get("precision"), 9):
        return False
    if inner.get("country") != outer.get("country"):
        return False
    return outer.get("precision") == "country" or (
        inner.get("admin1") is not None and inner.get("admin1") == outer.get("admin1"))


def _finest_of_chain(place: dict | None, mentions: list, text: str, at: int, para: tuple[int, int]) -> str | None:
    """The id of the finest place of the container chain whose mention of ``place`` nearest ``at`` ends,
    or None: "X (Y)" or "X, Y" with Y containing X, climbed down as long as the chain goes on."""
    if place is None:
        return None
    own = [(s, e) for s, e, p in mentions if p is place and para[0] <= s < para[1]]
    if not own:
        return None
    s, _ = min(own, key=lambda r: abs(r[0] - at))
    got = None
    for _ in range(3):
        before = [(a, b, p) for a, b, p in mentions if b <= s and text[b:s].strip() in ("(", ",")]
        inner = next((r for r in before if _contains(place, r[2])), None)
        if inner is None:
            break
        s, _, place = inner
        got = place["id"]
    return got
