"""Word lists and tables the places stage reads, loaded once from ``sitrep/data/places/``."""
from __future__ import annotations

import functools
import json
from importlib import resources


def _read(name: str) -> str:
    return (resources.files("sitrep") / "data" / "places" / name).read_text("utf-8")


@functools.lru_cache(maxsize=None)
def cues() -> dict[str, frozenset[str]]:
    data = json.loads(_read("cues.json"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=None)
def stoplist() -> frozenset[str]:
    return frozenset(ln.strip().casefold() for ln in _read("stoplist.txt").splitlines()
                     if ln.strip() and not ln.startswith("#"))


@functools.lru_cache(maxsize=None)
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


@functools.lru_cache(maxsize=None)
def division_abbrevs() -> dict[str, tuple[str, str]]:
    """Abbreviation of a first-level division as written after a town -> (ISO2, GeoNames admin1
    code): the news-agency abbreviations of ``admin1_aliases.tsv`` ("Ky.", "Que.", "NSW") and the
    postal codes of ``division_abbrevs.tsv`` ("KY", "ON", "QLD")."""
    out: dict[str, tuple[str, str]] = {}
    for name, col in (("admin1_aliases.tsv", "alias"), ("division_abbrevs.tsv", "abbrev")):
        rows = [ln.split("\t") for ln in _read(name).splitlines() if ln and not ln.startswith("#")]
        head = rows[0]
        for r in rows[1:]:
            row = dict(zip(head, r))
            if name == "admin1_aliases.tsv" and row.get("exact_case") != "1":
                continue
            cc, _, code = row["code"].partition(".")
            out.setdefault(row[col], (cc, code))
    return out


@functools.lru_cache(maxsize=None)
def region_adjectives() -> dict[str, str]:
    """Adjective of a continent or world region ("European", "Middle Eastern") -> its name."""
    rows = [ln.split("\t") for ln in _read("region_adjectives.tsv").splitlines() if ln and not ln.startswith("#")]
    return {r[0]: r[1] for r in rows[1:] if len(r) >= 2}
