"""Word lists and tables the places stage reads, loaded once from ``sitrep/data/places/``."""
from __future__ import annotations

import json
from importlib import resources

from sitrep.gazetteer.build import read_tsv
from sitrep.resources import cached


def _read(name: str) -> str:
    return (resources.files("sitrep") / "data" / "places" / name).read_text("utf-8")


@cached
def cues() -> dict[str, frozenset[str]]:
    data = json.loads(_read("cues.json"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@cached
def modifier_words() -> frozenset[str]:
    """Compass and position words ("North", "central", "rural"): they modify a place name, they do
    not end one (``direction_words`` and ``position_words`` of cues.json together)."""
    c = cues()
    return c["direction_words"] | c["position_words"]


@cached
def word_set(name: str) -> frozenset[str]:
    """A one-word-a-line list of ``data/places/`` (``#`` lines are notes), lower-cased."""
    return frozenset(ln.strip().casefold() for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#"))


def stoplist() -> frozenset[str]:
    return word_set("stoplist.txt")


@cached
def demonyms() -> dict[str, str]:
    """Demonym (as written, and its plural) -> ISO 3166-1 alpha-2."""
    out: dict[str, str] = {}
    for ln in _read("demonyms.tsv").splitlines()[2:]:
        parts = ln.split("\t")
        if len(parts) >= 2 and parts[0]:
            out.setdefault(parts[0], parts[1])
            if parts[0].endswith("an"):
                out.setdefault(parts[0] + "s", parts[1])
    return out


@cached
def division_abbrevs() -> dict[str, tuple[tuple[str, str], ...]]:
    """Abbreviation of a first-level division as written after a town -> every (ISO2, GeoNames admin1
    code) it stands for ("WA": Washington and Western Australia): the news-agency abbreviations of
    ``admin1_aliases.tsv`` ("Ky.", "Que.", "NSW") and the postal codes of ``division_abbrevs.tsv``
    ("KY", "ON", "QLD")."""
    agency = [(r["alias"], r["code"]) for r in read_tsv("admin1_aliases.tsv") if r["exact_case"] == "1"]
    postal = [(r["abbrev"], r["code"]) for r in read_tsv("division_abbrevs.tsv")]
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for abbrev, code in agency + postal:
        cc, _, a1 = code.partition(".")
        if (cc, a1) not in out.get(abbrev, ()):
            out[abbrev] = (*out.get(abbrev, ()), (cc, a1))
    return out


@cached
def region_adjectives() -> dict[str, str]:
    """Adjective of a continent or world region ("European", "Middle Eastern") -> its name."""
    return {r["adjective"]: r["region"] for r in read_tsv("region_adjectives.tsv")}
