"""Time incident fusion: N incidents, each told by 1-3 reports, in a synthetic store.

    .venv/bin/python bench/fusion.py [--incidents 10000] [--days 180] [--db PATH]

Each incident is an attack in one of 800 invented towns (4 countries, 5 provinces each) on one of
``--days`` days; its reports give the town (or, one in five, only the province), the day, and a toll
that may grow between reports. Documents are written with the store's own batch writer (as ingest
writes them), then :func:`sitrep.fusion.fuse` runs once from scratch; the script prints the time and
how many incidents fusion found against the number made. Fusion never compares all pairs: blocking by
(event class, day, place) keeps it near-linear.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitrep.io.store import Store, document_rows  # noqa: E402
from sitrep.web.samples import sample_document  # noqa: E402

COUNTRIES = ("XA", "XB", "XC", "XD")
VERBS = ("attacked", "raided", "stormed", "struck")
NOUNS = ("Gunmen", "Militants", "Armed men", "Fighters", "Assailants")


SYLLABLES = ("ka", "lo", "mi", "ru", "se", "ta", "bu", "da", "ne", "fo", "gi", "ha", "jo", "pe", "wa", "zu")


def _name(rng: random.Random, seen: set) -> str:
    """An invented town name of three syllables, unlike every other one (names are compared by spelling)."""
    while True:
        n = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        if n not in seen:
            seen.add(n)
            return n


def towns(rng: random.Random) -> list[dict]:
    out, seen = [], set()
    for ci, cc in enumerate(COUNTRIES):
        for prov in range(5):
            plat, plon = 5.0 + 4 * ci + 1.2 * prov, 10.0 + 3 * prov
            for t in range(40):
                out.append({"name": _name(rng, seen), "lat": plat + rng.uniform(-0.5, 0.5),
                            "lon": plon + rng.uniform(-0.5, 0.5), "country": cc, "admin1": f"Province {'BLMRS'[prov]}{'DKNT'[ci]}",
                            "plat": plat, "plon": plon})
    return out


def report(doc_id: str, inc: int, town: dict, day: date, toll: int, rng: random.Random) -> dict:
    coarse = rng.random() < 0.2
    name = town["admin1"] if coarse else town["name"]
    place = {"id": "P1", "name": name, "country": town["country"], "admin1": town["admin1"],
             "lat": town["plat"] if coarse else town["lat"], "lon": town["plon"] if coarse else town["lon"],
             "precision": "admin1" if coarse else "city"}
    verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
    s = f"{noun} {verb} {name} on {day.isoformat()}, killing {toll} people, sources said (incident {inc})."
    return sample_document(doc_id, s, published=(day + timedelta(days=rng.choice((0, 1)))).isoformat(),
                           title=f"Attack {inc}", source=f"Wire {rng.randrange(9)}", places=[place], events=[
                               {"id": "E1", "type": "ASSAULT", "acled_event_type": "Violence against civilians",
                                "acled_subtype": "Attack", "place": "P1", "date": day.isoformat(),
                                "fatalities": toll, "factuality": "asserted", "confidence": 0.8,
                                "evidence": s[:-1]}])


def build(path: str, n: int, days: int, seed: int = 11) -> int:
    rng = random.Random(seed)
    ts = towns(rng)
    start = date(2023, 1, 1)
    n_docs, rows = 0, []
    with Store(path) as store:
        for inc in range(n):
            town, day, toll = rng.choice(ts), start + timedelta(days=rng.randrange(days)), rng.randrange(3, 30)
            for k in range(rng.choice((1, 2, 2, 3))):
                rows.append(document_rows(report(f"b{inc}-{k}", inc, town, day, toll + k, rng)))
                n_docs += 1
            if len(rows) >= 1000:
                store.write_batch(rows)
                rows = []
        store.write_batch(rows)
    return n_docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--db", help="store to write (default: a temporary file)")
    a = ap.parse_args()
    db = a.db or str(Path(tempfile.mkdtemp(prefix="sitrep-bench-")) / "fusion.duckdb")
    t = time.perf_counter()
    n_docs = build(db, a.incidents, a.days)
    print(f"built {a.incidents} incidents told by {n_docs} reports in {time.perf_counter() - t:.1f} s -> {db}")
    from sitrep.fusion import fuse

    t, c = time.perf_counter(), time.process_time()
    with Store(db) as s:
        stats = fuse(s, rebuild=True)
    took, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"fused {stats['events']} events into {stats['incidents']} incidents ({a.incidents} made) "
          f"in {took:.1f} s ({cpu:.1f} s of CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
