"""Directional parts of places: "Southern California", "North London", "Upper Edmonton",
"South Pacific". GeoNames rarely lists such a part, so the NER entity finds no candidate and the
mention stayed unresolved. The part lies inside the place it names; the mention keeps the whole
phrase and resolves to that place at region precision (status ``coarse``), never to a point.
"""
from __future__ import annotations

from sitrep.stages.places.lexicon import cues

BIG = 100_000  # an alternate name of a smaller place is too loose a match for a part of it
WORLD_CITY = 1_000_000  # a city this big needs no other place of its country ("North London")


def directional_base(sp, i: int, j: int, gaz, text: str) -> list:
    """Candidates of the place that tokens i..j ("Southern California") are a directional part
    of, or [] when the phrase does not start with a direction word or the rest is no known place."""
    words = cues()["direction_words"]
    if j - i < 2 or sp[i].lower_ not in words:
        return []
    k = i + 1
    while j - k >= 2 and (sp[k].text == "-" or sp[k].lower_ in words):
        k += 1  # "South West England", "North-Western Sydney"
    if not sp[k].text[:1].isupper():
        return []
    cands = gaz.lookup(text[sp[k].idx:sp[j - 1].idx + len(sp[j - 1])], variants=False)
    return [e for e in cands if e.match == "name" or e.kind != "city" or e.population >= BIG]


def named_countries(mentions, resolved: dict) -> dict[str, set[tuple[int, bool]]]:
    """Country -> (entry, whether it is the country or a first-level division) of the article's
    resolved places in it; directional parts left out."""
    out: dict[str, set[tuple[int, bool]]] = {}
    for k, (e, status, _) in resolved.items():
        if e is not None and status == "resolved" and e.country and not mentions[k].part:
            names = out.setdefault(e.country, set())
            names.add((e.idx, e.kind in ("country", "admin1")))
    return out


def part_reading(entry, named: dict):
    """(entry or None, status, reason) for a directional part whose place resolved to ``entry``;
    ``named`` is :func:`named_countries`. A part of a place counts only in a country the article
    names itself (or a division of it) or through two other places, or a part of a world city. A part of a place in a
    country the article does not otherwise name is too weak a reading ("West Midlands" is not a
    part of Zimbabwe's Midlands), and a part of a continent or an ocean is too large to pin."""
    if not entry.country:
        return None, "unresolved", f"a part of {entry.name}, a region too large to pin a part of"
    others = [div for idx, div in named.get(entry.country, ()) if idx != entry.idx]
    world_city = entry.kind == "city" and entry.population >= WORLD_CITY
    if entry.kind != "country" and not world_city and not any(others) and len(others) < 2:
        return None, "unresolved", (f"only reading is a part of {entry.name} ({entry.country}), a country the "
                                    "article does not otherwise name")
    return entry, "coarse", f"a part of {entry.name} (the gazetteer does not list the part)"
