"""Roads named by the towns they join: "along the Kabul-Kandahar
highway", "the Tarkh - Toruk axis". Each end is a place, so each becomes a mention even when the
NER model tags neither (it rarely does inside a road's name), read as a town when the gazetteer has
one of that name. Both ends must be towns or divisions the gazetteer has, with readings within
``Settings.road_km`` (:mod:`.resolve`) of each other; otherwise ("Trans-Canada", a street corner, a namesake abroad) the other
passes decide. The road nouns are ``road_nouns`` in ``data/places/cues.json``.
"""
from __future__ import annotations

from sitrep.gazetteer.index import km
from sitrep.stages.places.lexicon import cues
from sitrep.stages.places.resolve import SETTINGS
from sitrep.stages.places.tokens import apostrophe_word

MAX_END = 3  # tokens in the name of one end
DASHES = ("-", "\u2013", "\u2014")
TOWN_KINDS = ("city", "admin1", "admin2")  # what a road's end can be; a town when it can


def _capitalised(t) -> bool:
    return t.text[:1].isupper() and (t.is_alpha or apostrophe_word(t.text))


def _run_start(sp, j: int) -> int:
    """The first token of the run of capitalised words that ends just before token j (j if none)."""
    i = j
    while i > 0 and j - i < MAX_END and _capitalised(sp[i - 1]):
        i -= 1
    return i


def find_road_ends(sp, tok, gaz, mentions: list, taken: list, make) -> None:
    """Add the two ends of "A-B road" (and highway, axis, ...) that no earlier pass found."""
    nouns = cues()["road_nouns"]
    n = len(sp)
    for r in range(3, n):
        if sp[r].lower_ not in nouns:
            continue
        b = _run_start(sp, r)
        if b == r or b < 2 or sp[b - 1].text not in DASHES:
            continue
        a = _run_start(sp, b - 1)
        if a == b - 1:
            continue
        ends = [(i, j, _readings(gaz, sp[i:j].text)) for i, j in ((a, b - 1), (b, r))]
        if not all(c for _, _, c in ends) or not _near(ends[0][2], ends[1][2]):
            continue  # a prefix ("Trans-Canada"), a street ("Trafalgar Street-Clarke Road"), a namesake far off
        for i, j, cands in ends:
            if any(taken[x] for x in range(i, j)):
                continue
            towns = [e for e in cands if e.kind == "city"]
            mentions.append(make(i, j, sp[i].idx, sp[j - 1].idx + len(sp[j - 1]), towns or cands))
            for x in range(i, j):
                taken[x] = True


def _readings(gaz, name: str) -> list:
    """The town and division readings of one end; none when a reading is a country."""
    found = gaz.lookup(name, variants=False) if len(name) >= 3 else []
    if any(e.kind == "country" for e in found):
        return []
    return [e for e in found if e.kind in TOWN_KINDS]


def _near(xs, ys) -> bool:
    """Whether some reading of one end lies within ``road_km`` of a reading of the other."""
    limit = SETTINGS.road_km
    return any(km(x.lat, x.lon, y.lat, y.lon) <= limit for x in xs for y in ys)
