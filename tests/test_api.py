"""The Python API: sitrep.extract on text, a Path and a list; sitrep.open(db) as typed DataFrames;
the README's notebook example runs as written (on a store built here)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import sitrep
from sitrep.web.samples import sample_store

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Shelling killed two people in Kharkiv on Monday, officials said."


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    with sitrep.open(sample_store(tmp_path_factory.mktemp("api") / "api.duckdb")) as d:
        yield d


def test_extract_takes_text_path_and_list_with_metadata(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    one = sitrep.extract(TEXT, published=date(2024, 5, 15), source="Wire", title="T", url="http://x.test/a")
    assert one["document"]["published"] == "2024-05-15" and one["document"]["source"] == "Wire"
    assert one["document"]["url"] == "http://x.test/a" and one["text"].startswith("Shelling")
    assert any(d.get("value") == "2024-05-13" for d in one["dates"])  # "Monday" resolved against published
    from_path = sitrep.extract(p, published="2024-05-15")
    assert from_path["document"]["path"].endswith("a.txt") and from_path["text"] == one["text"]
    both = sitrep.extract([TEXT, p], published="2024-05-15")
    assert isinstance(both, list) and len(both) == 2
    assert sitrep.extract(str(p))["text"] == str(p)  # a str is always text, never a path


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-40", 20240515])
def test_extract_bad_published_says_what_it_wants(bad):
    with pytest.raises(ValueError, match="is not a date"):
        sitrep.extract(TEXT, published=bad)


def test_open_gives_typed_dataframes_with_names_resolved(ds):
    inc = ds.incidents()
    assert len(inc) == 2
    assert str(inc["date"].dtype).startswith("datetime64") and inc["lat"].dtype == "float64"
    assert str(inc["fatalities"].dtype) == "Int64"
    row = inc.set_index("location").loc["Kreminna"]
    assert (row["actor1"], row["actor2"], row["n_documents"], row["fatalities_max"]) == \
        ("Russian forces", "civilians", 2, 5)
    ev = ds.events()
    assert len(ev) == 3 and str(ev["date"].dtype).startswith("datetime64") and ev["lon"].dtype == "float64"
    a = ev.set_index(["document_id", "id"]).loc[("doc-a", "E1")]
    assert (a["place"], a["actor1"], a["claimant"], a["incident_id"][:4]) == \
        ("Kreminna", "Russian forces", "Sergiy Gaiday", "INC-")
    assert list(ds.places()["name"]).count("Kreminna") == 2
    q = ds.quotes()
    assert q.iloc[0]["speaker_name"] == "Sergiy Gaiday"
    docs = ds.documents()
    assert str(docs["published"].dtype).startswith("datetime64") and docs["events"].sum() == 3


def test_open_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such database"):
        sitrep.open(tmp_path / "nope.duckdb")


def test_readme_notebook_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "sitrep.open(" in b)
    db = sample_store(tmp_path / "demo.duckdb")
    monkeypatch.chdir(ROOT)
    scope: dict = {}
    exec(compile(block.replace("out/demo.duckdb", db), "README.md", "exec"), scope)  # noqa: S102
    assert str(scope["incidents"]["date"].dtype).startswith("datetime64")
