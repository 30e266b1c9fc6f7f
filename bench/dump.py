"""Every layer of sitrep's output on a fixed mix of inputs, to show a change is pure structure.

    python bench/dump.py OUT.jsonl [--shared ../shared] [--n 150]
    python bench/dump.py --compare BEFORE.jsonl AFTER.jsonl

The mix: the seed, ``samples/``, the golden articles, the fusion reports, the first ``--n`` notes of
each ACLED export (in ``sitrep eval``'s sample order) and the first ``--n`` TR-News articles. Each line
is one document's JSON without its stage versions. ``--compare`` names every document whose output
differs and the layers that differ, and exits 1 if any does.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def raws(shared: Path, n: int):
    from sitrep.doc import RawDocument
    from sitrep.eval import acled
    from sitrep.eval.geoparsing import read_corpus
    from sitrep.io.readers import read_path

    files = [shared / "seeds" / "000_e43b77108f5b538d.txt", *sorted((ROOT / "samples").iterdir()),
             *sorted((ROOT / "tests" / "golden" / "articles").iterdir())]
    for f in files:
        if f.suffix in {".txt", ".html", ".pdf", ".jsonl"}:
            yield from (r for r in read_path(f) if not isinstance(r, Exception))
    fusion = shared / "dev-data" / "fusion" / "reports.jsonl"
    if fusion.exists():
        yield from (r for r in read_path(fusion) if not isinstance(r, Exception))
    for csv in sorted((shared / "dev-data" / "acled").glob("*.csv")):
        for it in acled.load(csv, n):
            yield RawDocument(text=it["text"], id=it["id"], path=f"{it['id']}.txt")
    tr = shared / "dev-data" / "geoparsing" / "TR-News.xml"
    if tr.exists():
        for k, art in enumerate(read_corpus(tr)[:n]):
            yield RawDocument(text=art.text, id=f"trnews-{k}", path=f"trnews-{k}.txt")


def dump(out: Path, shared: Path, n: int) -> None:
    from sitrep.pipeline import Pipeline

    t = time.perf_counter()
    k = 0
    with out.open("w", encoding="utf-8") as f:
        for doc in Pipeline().pipe(raws(shared, n)):
            js = doc.to_json()
            js.pop("stages", None)
            f.write(json.dumps(js, ensure_ascii=False, sort_keys=True) + "\n")
            k += 1
    print(f"{k} documents written to {out} in {time.perf_counter() - t:.0f} s")


def compare(a: Path, b: Path) -> int:
    def read(p):
        return [json.loads(line) for line in p.open(encoding="utf-8")]

    da, db = read(a), read(b)
    if len(da) != len(db):
        print(f"{a}: {len(da)} documents, {b}: {len(db)}")
        return 1
    bad = 0
    for x, y in zip(da, db):
        if x != y:
            bad += 1
            keys = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            doc = x.get("document") or {}
            print(f"{doc.get('id')} {Path(doc.get('path') or '').name}: {', '.join(keys)}")
    print(f"{len(da)} documents, {bad} differ")
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=150, help="ACLED notes per export and TR-News articles (default 150)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    a = ap.parse_args(argv)
    if a.compare:
        return compare(*a.compare)
    if a.out is None:
        ap.error("give OUT.jsonl or --compare BEFORE AFTER")
    dump(a.out, a.shared, a.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
