"""Directional parts of places: "Southern California", "North London", "Upper Edmonton",
"South Pacific". GeoNames rarely lists such a part, so the NER entity finds no candidate and the
mention stayed unresolved. The part lies inside the place it names; the mention keeps the whole
phrase and resolves to that place at region precision (status ``coarse``), never to a point.

A compass word after a division's name ("Tesari North", "Kolwara West") names a part of that
division, an electoral constituency or a sub-county in conflict reporting (issue #14): it resolves
the same way, to the division, without needing the country named (the division's own name is no
loose reading, as "West Midlands" is of Zimbabwe's Midlands).
"""
from __future__ import annotations

from sitrep.stages.places.evidence import locative
from sitrep.stages.places.lexicon import cues
from sitrep.stages.places.tokens import ids

BIG = 100_000  # an alternate name of a smaller place is too loose a match for a part of it
MAX_NAME = 3  # words of a division's name before its compass word ("Tana River North")
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


def division_base(tok, i: int, j: int, gaz) -> list:
    """The first- and second-level divisions that tokens i..j ("Tesari North") are a part of: the
    name before a closing compass word, by its main name; [] when there is none."""
    if j - i < 2 or tok.lower[j - 1] not in ids(cues()["direction_words"]):
        return []
    name = tok.text[tok.idx[i]:tok.idx[j - 2] + tok.length[j - 2]]
    return [e for e in gaz.lookup(name, variants=False) if e.kind in ("admin1", "admin2") and e.match == "name"]


def find_division_parts(sp, tok, gaz, mentions: list, taken: list, make) -> None:
    """Add "Tesari North", "Kolwara West": a first- or second-level division's name with a compass word
    after it names a part of that division (an electoral constituency, a sub-county), which GeoNames
    does not list. Taken only when the rest is a division's main name and the text marks the phrase
    as a place or a name: a locative before it ("in Tesari North") or the NER model's entity of any
    label over it (it often reads such a part as an organisation). The mention is a part of the
    division (``part``, ``division_part``); ``make(i, j, start, end, cands)`` builds a PlaceMention."""
    words = ids(cues()["direction_words"])
    lower = tok.lower
    for k in range(1, tok.n):
        if lower[k] not in words or taken[k] or not tok.capitalised(k):
            continue
        i = k
        while i > 0 and k - i < MAX_NAME and not taken[i - 1] and sp[i - 1].is_alpha and tok.capitalised(i - 1) \
                and lower[i - 1] not in words:
            i -= 1
        for a in range(i, k):  # the longest name first
            start, end = tok.idx[a], tok.idx[k] + tok.length[k]
            cands = division_base(tok, a, k + 1, gaz)
            if not cands:
                continue
            entity = sp[a].ent_type_ and sp[a].ent_iob_ == "B" and sp[k].ent_iob_ == "I" and (
                k + 1 >= tok.n or sp[k + 1].ent_iob_ != "I")
            if entity or locative(tok, a, k + 1):
                m = make(a, k + 1, start, end, cands)
                m.part = m.division_part = True
                mentions.append(m)
                for x in range(a, k + 1):
                    taken[x] = True
            break


def named_countries(mentions, resolved: dict) -> dict[str, set[tuple[int, bool]]]:
    """Country -> (entry, whether it is the country or a first-level division) of the article's
    resolved places in it; directional parts left out."""
    out: dict[str, set[tuple[int, bool]]] = {}
    for k, (e, status, _) in resolved.items():
        if e is not None and status == "resolved" and e.country and not mentions[k].part:
            names = out.setdefault(e.country, set())
            names.add((e.idx, e.kind in ("country", "admin1")))
    return out


def part_reading(entry, named: dict, *, division_part: bool = False):
    """(entry or None, status, reason) for a directional part whose place resolved to ``entry``;
    ``named`` is :func:`named_countries`. A part of a place counts only in a country the article
    names itself (or a division of it) or through two other places, or a part of a world city. A part of a place in a
    country the article does not otherwise name is too weak a reading ("West Midlands" is not a
    part of Zimbabwe's Midlands), and a part of a continent or an ocean is too large to pin."""
    if not entry.country:
        return None, "unresolved", f"a part of {entry.name}, a region too large to pin a part of"
    if division_part and entry.kind in ("admin1", "admin2"):
        # "Tesari North": a division's own name with a compass word after it is no loose reading
        return entry, "coarse", f"a part of the division {entry.name} (the gazetteer does not list the part)"
    others = [div for idx, div in named.get(entry.country, ()) if idx != entry.idx]
    world_city = entry.kind == "city" and entry.population >= WORLD_CITY
    if entry.kind != "country" and not world_city and not any(others) and len(others) < 2:
        return None, "unresolved", (f"only reading is a part of {entry.name} ({entry.country}), a country the "
                                    "article does not otherwise name")
    return entry, "coarse", f"a part of {entry.name} (the gazetteer does not list the part)"
