"""Generate a synthetic sitrep store: N events in N/4 invented documents over 90 days in Ukraine.

    .venv/bin/python bench/synthdb.py out/bench.duckdb --events 100000 [--fuse]
    .venv/bin/python bench/synthdb.py out/page.duckdb --events 14000 --spread 2 --fuse   # ~10,000 incidents

``--spread DEG`` scatters each place up to DEG degrees around its town (0.05 by default, so most reports
of one town fuse); with a spread over 0.5 some places are also districts, provinces and the country,
as a real store's are.

Documents are built with :func:`sitrep.web.samples.sample_document` and written with the store's own
batch writer, so the tables have exactly the shape ingest gives them.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitrep.io.store import Store, document_rows  # noqa: E402
from sitrep.web.samples import sample_document  # noqa: E402

TOWNS = [("Kreminna", 49.05, 38.22, "Luhansk"), ("Severodonetsk", 48.95, 38.49, "Luhansk"),
         ("Bakhmut", 48.59, 38.0, "Donetsk"), ("Avdiivka", 48.14, 37.74, "Donetsk"),
         ("Kharkiv", 49.98, 36.25, "Kharkiv"), ("Izium", 49.21, 37.26, "Kharkiv"),
         ("Kherson", 46.64, 32.61, "Kherson"), ("Mykolaiv", 46.97, 31.99, "Mykolaiv"),
         ("Zaporizhzhia", 47.84, 35.14, "Zaporizhzhia"), ("Kyiv", 50.45, 30.52, "Kyiv City"),
         ("Lviv", 49.84, 24.03, "Lviv"), ("Odesa", 46.48, 30.73, "Odesa")]
KINDS = [("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
         ("ASSAULT", "Explosions/Remote violence", "Air/drone strike", "struck"),
         ("FIGHT", "Battles", "Armed clash", "fought near"),
         ("PROTEST", "Protests", "Peaceful protest", "protested in")]


PRECISIONS = [("city", 0.8), ("district", 0.1), ("admin1", 0.06), ("country", 0.04)]


def make_doc(i: int, rng: random.Random, per_doc: int, start: date, spread: float = 0.05) -> dict:
    sentences, places, events = [], [], []
    for j in range(per_doc):
        town, lat, lon, admin1 = rng.choice(TOWNS)
        typ, acled, sub, verb = rng.choice(KINDS)
        day = start + timedelta(days=rng.randrange(90))
        killed = rng.choice([None, 0, 1, 2, 3, 5, 8])
        s = f"Forces {verb} {town} on {day.isoformat()} ({i}-{j}), killing {killed or 'no'} people."
        sentences.append(s)
        precision = "city"
        if spread > 0.5:
            precision = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
        if precision == "country":
            lat, lon, spread_here = 49.0, 32.0, 0.0
        else:
            spread_here = spread
        # scattered places get names of their own (a village near the town): reports of one name and day
        # are one incident to fusion, so a shared name would fold the store into a few thousand incidents
        name = "Ukraine" if precision == "country" else (f"{town} {i}-{j}" if spread > 0.5 else town)
        places.append({"id": f"P{j}", "name": name,
                       "mention": f"{town} on {day.isoformat()} ({i}-{j})",
                       "lat": lat + rng.uniform(-spread_here, spread_here),
                       "lon": lon + rng.uniform(-spread_here, spread_here),
                       "country": "UA", "admin1": admin1 if precision != "country" else None, "precision": precision})
        events.append({"id": f"E{j}", "type": typ, "acled_event_type": acled, "acled_subtype": sub,
                       "place": f"P{j}", "date": day.isoformat(), "fatalities": killed, "factuality": "asserted",
                       "confidence": 0.7, "evidence": s[:-1]})
    return sample_document(f"syn-{i:07d}", " ".join(sentences), published=(start + timedelta(days=90)).isoformat(),
                           title=f"Synthetic report {i}", source=f"Wire {i % 7}", places=places, events=events)


def generate(path: str, n_events: int, *, per_doc: int = 4, seed: int = 7, batch: int = 500,
             spread: float = 0.05) -> float:
    rng = random.Random(seed)
    t = time.perf_counter()
    n_docs = (n_events + per_doc - 1) // per_doc
    with Store(path) as store:
        rows = []
        for i in range(n_docs):
            rows.append(document_rows(make_doc(i, rng, per_doc, date(2022, 3, 1), spread)))
            if len(rows) >= batch:
                store.write_batch(rows)
                rows = []
        store.write_batch(rows)
    return time.perf_counter() - t


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--fuse", action="store_true", help="also fuse into incidents (and time it)")
    ap.add_argument("--spread", type=float, default=0.05, help="degrees each place strays from its town")
    a = ap.parse_args()
    if Path(a.db).exists():
        sys.exit(f"{a.db} exists; remove it first")
    print(f"generated {a.events} events in {generate(a.db, a.events, spread=a.spread):.1f} s -> {a.db}")
    if a.fuse:
        from sitrep.fusion import fuse

        t = time.perf_counter()
        with Store(a.db) as s:
            stats = fuse(s)
        print(f"fused into {stats['incidents']} incidents in {time.perf_counter() - t:.1f} s")
