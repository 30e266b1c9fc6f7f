"""The place an adjective of place names: a country's demonym ("Turkish" -> Turkey, from
``demonyms.tsv``) or a continent's or region's adjective ("European" -> Europe, from
``region_adjectives.tsv``). An adjective is a weak place: its mention is marked adjectival.
"""
from __future__ import annotations

from sitrep.stages.places.lexicon import demonyms, region_adjectives


def adjective_place(gaz, words: str, *, regions: bool = True):
    """The gazetteer entry the adjective ``words`` names, or None; a region's adjective only
    with ``regions`` (the caller has an entity label that says the word is used as a place's)."""
    iso2 = demonyms().get(words)
    if iso2 is not None:
        return gaz.country(iso2)
    name = region_adjectives().get(words) if regions else None
    if name is None:
        return None
    return next((e for e in gaz.lookup(name, variants=False) if e.kind == "region" and e.match == "name"), None)
