#!/usr/bin/env python3
"""How long does the places stage take on top of the parse? Target: under 5 ms per 1,000 words.

    python bench/places.py [XML ...] [--n 200] [--words 800] [--repeat 3] [--cache DIR]
                           [--profile] [--dump FILE]

Parses once, then times only ``find_places`` (thread CPU time, so other work on the machine counts
less) over every document, ``--repeat`` times, and prints milliseconds per 1,000 words for each
corpus: the benchmark corpus of ``--n`` articles recombined from ``samples/`` (as in
``bench/throughput.py``) and each GeoNames-annotated XML corpus given (TR-News, GeoVirus; not
shipped). The first pass is reported apart: it fills the gazetteer's look-up caches, as the first
articles of a run do.

``--cache DIR`` keeps the parses (spaCy DocBin) so later runs skip the parse. ``--dump FILE``
writes every document's places layer as JSON Lines, to diff the output of two versions of the
code. ``--profile`` prints the stage's cProfile top functions.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def corpora(xmls: list[str], n: int, words: int) -> dict[str, list]:
    """name -> [RawDocument] for the benchmark corpus and each XML corpus."""
    from throughput import build_corpus

    from sitrep.doc import RawDocument
    from sitrep.eval.geoparsing import read_corpus

    out = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        path = Path(tmp) / "corpus.jsonl"
        build_corpus(path, n=n, words=words, source=ROOT / "samples")
        out["bench"] = [RawDocument(text=json.loads(line)["text"], path=f"bench#{k}", id=f"bench-{k}")
                        for k, line in enumerate(path.read_text("utf-8").splitlines())]
    for x in xmls:
        out[Path(x).stem] = [RawDocument(text=a.text, path=f"{Path(x).name}#{a.id}", id=a.id, published=a.published)
                             for a in read_corpus(x)]
    return out


def parse(docs, nlp, cache: Path | None):
    """Attach a spaCy parse to each Document, from ``cache`` when it holds one for these texts."""
    from spacy.tokens import DocBin

    key = hashlib.sha256("\0".join(d.text for d in docs).encode()).hexdigest()[:16]
    meta = getattr(nlp, "meta", {})
    f = cache / f"{meta.get('name', 'nlp')}-{meta.get('version', '')}-{key}.spacy" if cache else None
    if f is not None and f.exists():
        parsed = list(DocBin().from_bytes(f.read_bytes()).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
        if f is not None:
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(DocBin(docs=parsed).to_bytes())
    for d, sp in zip(docs, parsed):
        sp.user_data["text"] = d.text
        d.spacy = sp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("xml", nargs="*", help="GeoNames-annotated corpora to time as well")
    ap.add_argument("--n", type=int, default=200, help="articles in the benchmark corpus")
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", type=Path, help="folder to keep the parses in")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--dump", type=Path, help="write each document's places layer (JSON Lines)")
    a = ap.parse_args()

    from sitrep.pipeline import make_document
    from sitrep.resources import Resources
    from sitrep.stages.places import find_places

    res = Resources()
    t = time.perf_counter()
    res.gazetteer
    print(f"gazetteer loaded in {time.perf_counter() - t:.2f} s")
    docs = {}
    for name, raws in corpora(a.xml, a.n, a.words).items():
        docs[name] = [make_document(r) for r in raws]
        t = time.perf_counter()
        parse(docs[name], res.nlp, a.cache)
        words = sum(len(d.text.split()) for d in docs[name])
        print(f"{name}: {len(docs[name])} documents, {words} words, parsed in {time.perf_counter() - t:.1f} s")

    def one_pass() -> dict[str, float]:
        out = {}
        for name, ds in docs.items():
            cpu = 0.0
            for d in ds:
                t0 = time.thread_time()
                d.layers["places"] = find_places(d, res=res)
                cpu += time.thread_time() - t0
            out[name] = 1e6 * cpu / sum(len(d.text.split()) for d in ds)
        return out

    first = one_pass()
    runs = [one_pass() for _ in range(a.repeat)]
    print(f"{'ms per 1,000 words':24} {'first pass':>10} {'best':>8} {'median':>8}")
    for name in docs:
        xs = sorted(r[name] for r in runs)
        print(f"{name:24} {first[name]:10.2f} {xs[0]:8.2f} {xs[len(xs) // 2]:8.2f}")
    if a.dump:
        with a.dump.open("w", encoding="utf-8") as f:
            for ds in docs.values():
                for d in ds:
                    f.write(json.dumps({"id": d.meta["path"], "places": d.layers["places"]}, ensure_ascii=False) + "\n")
        print(f"places layers written to {a.dump}")
    if a.profile:
        pr = cProfile.Profile()
        pr.enable()
        one_pass()
        pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
