"""How fast does the API answer a filtered page of events on a large store? Target: < 200 ms.

    .venv/bin/python bench/api.py [DB] [--events 100000]

Builds DB with bench/synthdb.py when it does not exist (and fuses it), then times each request
20 times in process (FastAPI TestClient, the same app ``sitrep serve`` runs) and prints the median
and the worst time.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

REQUESTS = [
    "/api/events?limit=50",
    "/api/events?type=ASSAULT&country=UA&from=2022-04-01&to=2022-04-30&limit=50",
    "/api/events?bbox=37,47,39,50&type=FIGHT&limit=50&offset=500",
    "/api/events?q=Bakhmut&limit=50",
    "/api/map?type=ASSAULT&from=2022-04-01&to=2022-04-30",
    "/api/timeline?country=UA",
    "/api/incidents?type=ASSAULT&limit=50",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", nargs="?", default="out/bench.duckdb")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    if not Path(a.db).exists():
        import synthdb

        from sitrep.fusion import fuse
        from sitrep.io.store import Store

        Path(a.db).parent.mkdir(parents=True, exist_ok=True)
        print(f"building {a.db}: {synthdb.generate(a.db, a.events):.1f} s")
        with Store(a.db) as s:
            fuse(s)
    from fastapi.testclient import TestClient

    from sitrep.web.app import create_app

    client = TestClient(create_app(a.db, writable=False), base_url="http://127.0.0.1")
    n = client.get("/api/facets").json()["counts"]["events"]
    print(f"{a.db}: {n} events")
    worst_median = 0.0
    for url in REQUESTS:
        times = []
        for _ in range(a.repeat):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.text
        med = statistics.median(times)
        worst_median = max(worst_median, med)
        print(f"{med:7.1f} ms median {max(times):7.1f} ms worst  total={r.json().get('total', '-'):>7}  {url}")
    print(f"slowest median: {worst_median:.1f} ms ({'OK' if worst_median < 200 else 'OVER'} the 200 ms target)")


if __name__ == "__main__":
    main()
