#!/usr/bin/env python3
"""Throughput of ``sitrep ingest`` against bare spaCy, in one command.

    python bench/throughput.py [--n 3000] [--words 800] [--corpus DIR] [--jobs N] [--batch-size 32]
                               [--pipeline module:function] [--skip-stage NAME] [--skip-ceiling]
                               [--stock-parse]

1. Builds a corpus of N articles of about ``--words`` words (JSON Lines, in a temporary folder) by
   recombining paragraphs of the repository's ``samples/`` articles (or of the .txt/.jsonl articles
   under ``--corpus``); each article gets a distinct first line, so none is a duplicate.
2. Measures (a) the ceiling: bare spaCy with the same model, ``nlp.pipe`` with the same batch size
   and ``n_process`` = jobs, reading the same file; (a') sitrep's own parse: the same, with the model
   as ``sitrep.resources.load_nlp`` loads it (``sitrep.nlp_fast``'s exact, faster attribute ruler and
   lemmatizer), so the report shows how much of the gain is the parse; (b) ``sitrep ingest`` end to
   end into a fresh DuckDB file. All run as subprocesses, timed from start (model loading included)
   to exit, while the resident memory of the whole process tree is sampled.
3. Prints words/s and articles/s for each (and words per CPU-second of the process tree, the steadier
   figure when other work shares the machine), the ratios b/a and b/a', peak memory and its course over
   the run (flat means memory is bounded by the batch size, not the corpus), the stages' share of the
   workers' time (from the run's ``--profile`` timings) and the projected time for 200,000 articles
   of 800 words.

``--stock-parse`` runs (b) with ``SITREP_NLP_FAST=0`` (spaCy's own components), to measure before/after.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# argv: corpus, batch size, processes, "stock" (spacy.load: the ceiling) or "sitrep" (load_nlp: the
# same model with sitrep.nlp_fast's exact attribute ruler and lemmatizer).
PARSE = """
import json, sys, spacy
from sitrep.resources import MODEL, load_nlp
nlp = spacy.load(MODEL) if sys.argv[4] == "stock" else load_nlp(fast=True)
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
n = sum(1 for _ in nlp.pipe(texts, batch_size=int(sys.argv[2]), n_process=int(sys.argv[3])))
print(n)
"""


def pipeline_without_skipped():
    """sitrep's stages minus those named in $SITREP_BENCH_SKIP (``--skip-stage``; for a stage that hangs)."""
    from sitrep.pipeline import Pipeline, default_stages

    skip = set(filter(None, os.environ.get("SITREP_BENCH_SKIP", "").split(",")))
    return Pipeline(stages=[s for s in default_stages() if s.name not in skip])


def run_timings(db: Path) -> dict[str, float]:
    """Seconds per stage summed over workers, as the ingest run recorded them (``runs.stats``)."""
    import duckdb

    try:
        with duckdb.connect(str(db), read_only=True) as con:
            row = con.execute("SELECT stats FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    except duckdb.Error:
        return {}
    return (json.loads(row[0]) if row and row[0] else {}).get("timings", {})


def paragraphs(folder: Path) -> list[str]:
    out: list[str] = []
    for p in sorted(folder.rglob("*")):
        if p.suffix == ".txt":
            texts = [p.read_text(encoding="utf-8", errors="replace")]
        elif p.suffix == ".jsonl":
            texts = [json.loads(line).get("text", "") for line in p.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
        else:
            continue
        for t in texts:
            out += [" ".join(par.split()) for par in t.split("\n\n") if len(par.split()) >= 8]
    return out


def build_corpus(path: Path, *, n: int, words: int, source: Path, seed: int = 7) -> int:
    pars = paragraphs(source)
    if not pars:
        sys.exit(f"no paragraphs of 8+ words under {source}")
    rng = random.Random(seed)
    total = 0
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            body, count = [f"Report {i} of the benchmark corpus."], 6
            while count < words:
                par = rng.choice(pars)
                body.append(par)
                count += len(par.split())
            total += count
            f.write(json.dumps({"id": f"bench-{i:06d}", "text": "\n\n".join(body)}) + "\n")
    return total


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def measure(cmd: list[str], label: str) -> dict:
    """Run ``cmd``; wall seconds, peak tree RSS and the RSS course (sampled every 0.25 s)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    samples: list[tuple[float, int]] = []

    def sample():
        while proc.poll() is None:
            samples.append((time.perf_counter() - t0, tree_rss(proc.pid)))
            time.sleep(0.25)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    th.join()
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)  # the whole tree, once it exited
    if proc.returncode not in (0, 1):
        sys.exit(f"{label} failed ({proc.returncode}):\n{err[-3000:]}")
    return {"wall": wall, "cpu": cpu, "peak": max((r for _, r in samples), default=0), "samples": samples,
            "stdout": out, "stderr": err}


def course(samples: list[tuple[float, int]], points: int = 6) -> str:
    if not samples:
        return "-"
    picks = [samples[min(len(samples) - 1, round(i * (len(samples) - 1) / (points - 1)))] for i in range(points)]
    return "  ".join(f"{t:.0f}s:{r / 2**20:.0f}MB" for t, r in picks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=3000, help="articles in the corpus")
    ap.add_argument("--words", type=int, default=800, help="approximate words per article")
    ap.add_argument("--corpus", type=Path, default=ROOT / "samples", help="folder of articles to recombine")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--pipeline", help="module:function for sitrep ingest --pipeline (default: sitrep's stages)")
    ap.add_argument("--skip-stage", action="append", default=[], help="leave a stage of sitrep's out (by name)")
    ap.add_argument("--skip-ceiling", action="store_true", help="measure sitrep ingest only")
    ap.add_argument("--stock-parse", action="store_true",
                    help="run sitrep ingest with spaCy's stock components (SITREP_NLP_FAST=0)")
    args = ap.parse_args()
    if args.skip_stage:
        os.environ["SITREP_BENCH_SKIP"] = ",".join(args.skip_stage)
        args.pipeline = args.pipeline or "bench.throughput:pipeline_without_skipped"

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(corpus, n=args.n, words=args.words, source=args.corpus)
        print(f"corpus: {args.n} articles, {words} words ({words / args.n:.0f}/article), "
              f"jobs={args.jobs}, batch={args.batch_size}, load average {os.getloadavg()[0]:.1f}", flush=True)
        rows = []
        if not args.skip_ceiling:
            parse = [PY, "-c", PARSE, str(corpus), str(args.batch_size), str(args.jobs)]
            rows.append(("(a) bare spaCy nlp.pipe", measure(parse + ["stock"], "bare spaCy")))
            rows.append(("(a') sitrep's parse (nlp_fast)", measure(parse + ["sitrep"], "sitrep's parse")))
        db = Path(tmp) / "bench.duckdb"
        cmd = [PY, "-m", "sitrep", "ingest", str(corpus), "--db", str(db), "-q",
               "--jobs", str(args.jobs), "--batch-size", str(args.batch_size), "--profile"]
        if args.stock_parse:
            os.environ["SITREP_NLP_FAST"] = "0"
        b = measure(cmd + (["--pipeline", args.pipeline] if args.pipeline else []), "sitrep ingest")
        rows.append(("(b) sitrep ingest -> DuckDB" + (" [stock parse]" if args.stock_parse else ""), b))
        timings = run_timings(db)
        db_size = sum(f.stat().st_size for f in Path(tmp).glob("bench.duckdb*"))

    print(f"{'':44} {'wall s':>8} {'words/s':>9} {'articles/s':>10} {'peak RSS':>9} {'CPU s':>8} "
          f"{'words/CPU-s':>11}")
    for label, m in rows:
        print(f"{label:44} {m['wall']:8.1f} {words / m['wall']:9.0f} {args.n / m['wall']:10.2f} "
              f"{m['peak'] / 2**20:7.0f}MB {m['cpu']:8.1f} {words / m['cpu']:11.0f}")
    print("(CPU s: user+system seconds of the whole process tree; steadier than wall time when other "
          "work shares the machine)")
    if len(rows) == 3:
        print(f"ratio b/a (words/s): {rows[0][1]['wall'] / b['wall']:.2f}   "
              f"b/a' (against sitrep's own parse): {rows[1][1]['wall'] / b['wall']:.2f}")
    if timings.get("worker_total"):
        total, parse = timings["worker_total"], timings.get("spacy", 0.0)
        stages = sum(v for k, v in timings.items() if k not in ("worker_total", "spacy", "write"))
        print(f"worker time {total:.1f} s: parse {parse:.1f} s ({100 * parse / total:.0f}%), "
              f"stages {stages:.1f} s ({100 * stages / total:.0f}%), "
              f"cleaning/JSON/rows {100 * (total - parse - stages) / total:.0f}%; "
              f"stage overhead on the parse: +{100 * stages / parse:.0f}%" if parse else "")
    print(f"memory course of (b): {course(b['samples'])}")
    print(f"DuckDB size: {db_size / 2**20:.1f} MB")
    rate = words / b["wall"]
    print(f"projected for 200,000 articles of 800 words with (b): {200_000 * 800 / rate / 3600:.1f} h "
          f"on this machine ({args.jobs} jobs)")
    profile = [line for line in b["stderr"].splitlines() if "│" in line or "┃" in line]
    print("\n".join(["sitrep ingest --profile:", *profile]) if profile else b["stderr"][-2000:])


if __name__ == "__main__":
    main()
