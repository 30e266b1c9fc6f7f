"""The counts stage's limits (issue 20: named, one home)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # Steps :func:`sitrep.stages.counts.links.background` climbs from the noun a killing describes to a
    # background verb or preposition: 'protested | against | clashes that killed four' takes two, 'arrested
    # after protests | related | to the death of a poacher' four. Set by hand (issue 16) to the longest
    # chain of 'of' phrases, participles and conjuncts in the sentences written for the unit tests, not
    # calibrated; a longer climb reaches verbs of other clauses.
    background_climb: int = 4


SETTINGS = Settings()
