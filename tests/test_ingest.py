"""Ingest at scale: idempotent, resumable after kill -9, same rows with one or several workers."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.engine.fakes import blank_pipeline, entity_pipeline
from sitrep.engine.run import ingest
from sitrep.io.store import Store
from sitrep.pipeline import Pipeline, stage

TEXTS = [
    "Russian artillery shelled Kharkiv overnight, killing 4 civilians, governor Oleh Synehubov said.",
    "The army said its forces had struck a depot near Donetsk on Friday.",
    "Rebels attacked a convoy outside Goma, and 12 soldiers were wounded, the UN said.",
    "Officials in Khartoum reported 30 people dead after air strikes.",
]
VOLATILE = {"documents": ("run_id", "ingested_at")}


def write_corpus(folder: Path, texts=TEXTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, t in enumerate(texts):
        (folder / f"a{i}.txt").write_text(t, encoding="utf-8")
    return folder


def snapshot(db) -> dict:
    """Every stored row of every table except the per-run columns, sorted: comparable across runs."""
    out = {}
    with Store(db, read_only=True) as s:
        for table in ("documents", "places", "actors", "quotes", "dates", "counts", "events"):
            cols = [c for c in s.query(f"SELECT * FROM {table} LIMIT 0")[0] if c not in VOLATILE.get(table, ())]
            out[table] = sorted(s.query(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} "
                                        f"FROM {table}")[1], key=repr)
    return out


@stage("explode", version=1, reads=(), writes="events")
def explode(doc, *, res):
    if "Khartoum" in doc.text:
        raise ValueError("cannot parse this one")
    return []


@stage("stall", version=1, reads=(), writes="events")
def stall(doc, *, res):
    while "Goma" in doc.text:  # a runaway rule
        pass
    return []


def stalling_pipeline() -> Pipeline:
    p = entity_pipeline()
    return Pipeline(resources=p.res, stages=[*p.stages, stall.stage])


@stage("die", version=1, reads=(), writes="events")
def die(doc, *, res):
    if "Goma" in doc.text:
        os._exit(3)  # what the OOM killer does to a worker
    return []


def dying_pipeline() -> Pipeline:
    p = blank_pipeline()
    return Pipeline(resources=p.res, stages=[*p.stages, die.stage])


def exploding_pipeline() -> Pipeline:
    p = entity_pipeline()
    return Pipeline(resources=p.res, stages=[*p.stages, explode.stage])


def test_reingest_changes_nothing(tmp_path):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "x.duckdb"
    first = ingest([str(src)], db=str(db), jobs=1, pipeline_factory=entity_pipeline)
    assert (first["stored"], first["unchanged"], first["failed"]) == (4, 0, 0)
    before = snapshot(db)
    assert before["places"] and before["counts"]
    second = ingest([str(src)], db=str(db), jobs=1, pipeline_factory=entity_pipeline)
    assert (second["stored"], second["unchanged"]) == (0, 4)
    assert snapshot(db) == before
    with Store(db, read_only=True) as s:
        assert s.query("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL")[1] == [(2,)]


def test_same_text_in_two_files_is_stored_once(tmp_path):
    src = write_corpus(tmp_path / "in", [TEXTS[0], TEXTS[0], TEXTS[1]])
    stats = ingest([str(src)], db=str(tmp_path / "x.duckdb"), jobs=1, pipeline_factory=entity_pipeline)
    assert (stats["stored"], stats["unchanged"], stats["tables"]["documents"]) == (2, 1, 2)


def test_stage_failure_goes_to_failures_table_and_is_retried(tmp_path):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "x.duckdb"
    stats = ingest([str(src)], db=str(db), jobs=1, pipeline_factory=exploding_pipeline)
    assert (stats["stored"], stats["failed"]) == (3, 1)
    with Store(db, read_only=True) as s:
        (path, reason, stage_label), = s.query("SELECT path, reason, stage FROM failures")[1]
    assert path.endswith("a3.txt") and stage_label == "explode.v1" and "cannot parse this one" in reason
    again = ingest([str(src)], db=str(db), jobs=1, pipeline_factory=exploding_pipeline)
    assert (again["unchanged"], again["failed"]) == (3, 1)  # failed documents are tried again


def test_a_runaway_document_times_out_alone(tmp_path):
    src, db = write_corpus(tmp_path / "in"), tmp_path / "x.duckdb"
    stats = ingest([str(src)], db=str(db), jobs=1, timeout=0.5, pipeline_factory=stalling_pipeline)
    assert (stats["stored"], stats["failed"]) == (3, 1)
    with Store(db, read_only=True) as s:
        (path, reason, stage_label), = s.query("SELECT path, reason, stage FROM failures")[1]
    assert path.endswith("a2.txt") and stage_label == "stall.v1" and "DocumentTimeout" in reason


def test_several_workers_store_the_same_rows_as_one(tmp_path):
    src = write_corpus(tmp_path / "in", TEXTS + [f"Update: {t}" for t in TEXTS])
    one = ingest([str(src)], db=str(tmp_path / "one.duckdb"), jobs=1, batch_size=3, pipeline_factory=entity_pipeline)
    two = ingest([str(src)], db=str(tmp_path / "two.duckdb"), jobs=2, batch_size=3, pipeline_factory=entity_pipeline)
    assert one["stored"] == two["stored"] == 8
    assert snapshot(tmp_path / "one.duckdb") == snapshot(tmp_path / "two.duckdb")
    assert two["timings"]["spacy"] > 0 and "entity_places" in two["timings"]  # collected from the workers


def test_kill_9_mid_run_then_rerun_stores_every_document_once(tmp_path):
    n = 320
    corpus = tmp_path / "feed.jsonl"
    with corpus.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"d{i:04d}", "text": f"Report {i}: {TEXTS[i % 4]}"}) + "\n")
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "sitrep", "ingest", str(corpus), "--db", str(db), "-q", "--jobs", "1",
           "--batch-size", "4", "--commit-every", "4", "--pipeline", "sitrep.engine.fakes:blank_pipeline"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(f"{db}.wal")
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None and (not wal.exists() or wal.stat().st_size < 60_000):
        time.sleep(0.01)
    assert proc.poll() is None, "the ingest finished before it could be killed: make the corpus bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db, read_only=True) as s:
        done = s.counts()["documents"]
    assert 0 < done < n  # really killed mid-run
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, read_only=True) as s:
        assert s.query("SELECT count(*), count(DISTINCT id), count(DISTINCT content_hash) FROM documents")[1] \
            == [(n, n, n)]
        # every document has all its counts rows, once: none was half-written or written twice
        per_doc = dict(s.query("SELECT document_id, count(*) FROM counts GROUP BY 1")[1])
        expected = {s.query("SELECT id FROM documents WHERE path = ?", [f"{corpus}:{i + 1}"])[1][0][0]:
                    1 + (i % 4 != 1) for i in range(n)}
        assert per_doc == expected
        assert s.query("SELECT count(*) FROM runs WHERE finished_at IS NULL")[1] == [(1,)]  # the killed run


def test_cli_exits_1_and_records_unreadable_input(tmp_path):
    src = write_corpus(tmp_path / "in", TEXTS[:2])
    (src / "broken.txt").write_bytes(b"\xff\xfe\x00bad")
    db = tmp_path / "x.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "-q", "-j", "1", "--profile",
                                   "--pipeline", "sitrep.engine.fakes:entity_pipeline"])
    assert res.exit_code == 1
    assert "skipped" in res.output and "broken.txt" in res.output
    assert "time per stage" in res.output and "entity_places" in res.output
    with Store(db, read_only=True) as s:
        assert s.query("SELECT stage FROM failures WHERE path LIKE '%broken.txt'")[1] == [("read",)]
        assert s.counts()["documents"] == 2


def test_a_dead_worker_ends_the_run_in_one_line(tmp_path):
    res = CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "in")), "--db", str(tmp_path / "x.duckdb"),
                                   "-q", "-j", "2", "--batch-size", "1", "--pipeline", "test_ingest:dying_pipeline"])
    assert res.exit_code == 1
    assert "a worker process died" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("args, message", [
    (["--engine", "spark"], "unknown engine 'spark'"),
    (["--batch-size", "0"], "--batch-size must be at least 1"),
    (["--pipeline", "nowhere:nothing"], "--pipeline 'nowhere:nothing': cannot load it"),
])
def test_cli_bad_options_fail_in_one_line(tmp_path, args, message):
    res = CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "in")), "--db", str(tmp_path / "x.duckdb"),
                                   "-q", *args])
    assert res.exit_code == 1
    assert message in res.output and "Traceback" not in res.output


def test_ray_engine_without_ray_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    res = CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "in")), "--db", str(tmp_path / "x.duckdb"),
                                   "--engine", "ray", "-q", "--pipeline", "sitrep.engine.fakes:entity_pipeline"])
    assert res.exit_code == 1
    assert "pip install 'sitrep[ray]'" in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_parquet_input_one_article_per_row(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "feed.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2", "p3"], "text": [TEXTS[0], "  ", TEXTS[1]],
                             "published": ["2024-05-01", None, None]}), path)
    db = tmp_path / "x.duckdb"
    stats = ingest([str(path)], db=str(db), jobs=1, pipeline_factory=blank_pipeline)
    assert (stats["stored"], stats["skipped"]) == (2, 1)
    with Store(db, read_only=True) as s:
        assert s.query("SELECT id, path, published FROM documents ORDER BY id")[1] == [
            ("p1", f"{path}:1", "2024-05-01"), ("p3", f"{path}:3", None)]
        assert s.query("SELECT path, reason FROM failures")[1] == [(f"{path}:2", "empty or missing text")]


class CountingFactory:
    """A factory without __eq__: each unpickled copy is a new, unequal object (as in a pool worker)."""

    built: list = []

    def __init__(self, label: str):
        self.label = label

    def __call__(self) -> Pipeline:
        CountingFactory.built.append(self.label)
        return blank_pipeline()


def test_a_factory_unpickled_anew_per_batch_makes_one_pipeline():
    import pickle

    from sitrep.doc import RawDocument
    from sitrep.engine import worker

    factory = CountingFactory("unpickled-per-batch")
    for n in range(3):
        copy = pickle.loads(pickle.dumps(factory))
        out = worker.process_batch([RawDocument(text=f"Report {n}.", id=f"d{n}", path=f"d{n}.txt")], factory=copy)
        assert out["outcomes"][0]["status"] == "ok"
    assert CountingFactory.built.count("unpickled-per-batch") == 1
    worker.process_batch([RawDocument(text="Other.", id="o", path="o.txt")], factory=CountingFactory("other"))
    assert CountingFactory.built.count("other") == 1  # another factory, another pipeline
