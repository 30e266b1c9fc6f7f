"""The Ray engine stores exactly the rows the local engine stores (marker ``ray``: starts a local Ray)."""
import json

import pytest

from sitrep.engine.fakes import entity_pipeline
from sitrep.engine.run import ingest
from test_ingest import TEXTS, snapshot, write_corpus

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install -e '.[dev,ray]'")
pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="error")
    yield
    ray.shutdown()


def test_ray_engine_stores_the_same_rows_and_warnings_as_the_local_engine(tmp_path, local_ray):
    src = write_corpus(tmp_path / "in", TEXTS + [TEXTS[0]])  # a duplicate: the same one must win
    with (src / "feed.jsonl").open("w") as f:
        f.write(json.dumps({"id": "feed-1", "title": "Feed", "text": "Fighting near Bakhmut killed 7 soldiers."})
                + "\n")
        f.write(json.dumps({"id": "feed-2", "published": "last spring", "text": "Shelling hit Kharkiv."}) + "\n")
    (src / "broken.txt").write_bytes(b"\xff\xfe\x00bad")
    warned: dict[str, list] = {"local": [], "ray": []}  # the readers' warnings reach the run on both engines
    local = ingest([str(src)], db=str(tmp_path / "local.duckdb"), jobs=1, batch_size=2,
                   pipeline_factory=entity_pipeline, on_event=lambda k, m: k == "warning" and warned["local"].append(m))
    shards = tmp_path / "shards"
    on_ray = ingest([str(src)], db=str(tmp_path / "ray.duckdb"), engine="ray", jobs=1, batch_size=2,
                    shards=str(shards), pipeline_factory=entity_pipeline,
                    on_event=lambda k, m: k == "warning" and warned["ray"].append(m))
    for k in ("stored", "unchanged", "skipped", "failed"):
        assert on_ray[k] == local[k], k
    assert local["stored"] == 6 and local["skipped"] == 1
    assert warned["local"] and "is not a date" in warned["local"][0] and warned["ray"] == warned["local"]
    assert snapshot(tmp_path / "ray.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert sorted(p.name for p in shards.iterdir())[0] == "part-00000.parquet"
    assert on_ray["timings"]["spacy"] > 0

    again = ingest([str(src)], db=str(tmp_path / "ray.duckdb"), engine="ray", jobs=1, batch_size=2,
                   shards=str(tmp_path / "shards2"), pipeline_factory=entity_pipeline)
    assert (again["stored"], again["unchanged"]) == (0, 7)

