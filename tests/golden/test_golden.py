"""Golden whole-document tests: reading and the pipeline on tests/golden/articles/* against expected/*.json.

The expected files hold keys sorted and indented, every span as ``{start, end, text}``, so a
change shows up as a readable diff. They pin the stable parts of the output: the cleaned text,
the paragraphs, and for each layer in :data:`COMPARED` every item's spans and key fields.
Rewrite them after a deliberate change with ``pytest tests/golden --update-golden`` and review
the diff.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.io.readers import read_path

HERE = Path(__file__).parent
ARTICLES = sorted(p for p in (HERE / "articles").iterdir() if p.suffix in (".txt", ".html"))
PUBLISHED = "2024-05-13"  # one fixed publication date, so relative dates resolve the same every run

# The one place saying what the golden files pin: layer -> the item fields compared besides spans.
COMPARED: dict[str, tuple[str, ...]] = {
    "places": ("name", "country", "precision"),
    "actors": ("name", "kind"),
    "quotes": ("kind", "speaker_name"),
    "dates": ("value", "precision"),
    "counts": ("category", "value"),
    "events": ("type", "mode"),
}


def _is_span(v) -> bool:
    return isinstance(v, dict) and {"start", "end"} <= v.keys()


def spans_of(item: dict, text: str) -> dict:
    """Every span an item carries, by key (``self`` for its own start/end), each with its text."""

    def sp(v):
        return {"start": v["start"], "end": v["end"], "text": text[v["start"]:v["end"]]}

    out = {}
    if _is_span(item):
        out["self"] = sp(item)
    for k, v in sorted(item.items()):
        if _is_span(v):
            out[k] = sp(v)
        elif isinstance(v, list) and v and all(_is_span(x) for x in v):
            out[k] = [sp(x) for x in v]
    return out


def project(doc_json: dict, versions: dict | None = None) -> dict:
    """The compared part of a document JSON (plus a header that is written but not compared)."""
    text = doc_json["text"]
    out = {
        "header": {"stages": doc_json.get("stages", {}), "published": PUBLISHED, "versions": versions or {}},
        "text": text,
        "paragraphs": [dict(p, text=text[p["start"]:p["end"]]) for p in doc_json["paragraphs"]],
    }
    for layer, fields in COMPARED.items():
        out[layer] = [{"spans": spans_of(it, text), **{f: it.get(f) for f in fields}}
                      for it in doc_json.get(layer) or []]
    return out


def dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def first_differences(expected: list, actual: list, n: int = 3) -> list[str]:
    exp = {json.dumps(x, sort_keys=True) for x in expected}
    act = {json.dumps(x, sort_keys=True) for x in actual}
    return ([f"- {x[:160]}" for x in sorted(exp - act)][:n] + [f"+ {x[:160]}" for x in sorted(act - exp)][:n])


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_golden(article, pipeline, request):
    raw = next(read_path(article))  # through the readers, so HTML extraction is pinned too
    raw.path = f"golden/{article.name}"
    got = project(pipeline.run(raw, published=PUBLISHED).to_json(), pipeline.res.versions())
    expected_path = HERE / "expected" / f"{article.stem}.json"
    if request.config.getoption("--update-golden"):
        expected_path.write_text(dump(got), "utf-8")
        return
    if not expected_path.exists():
        pytest.fail(f"{expected_path.name} missing: run pytest tests/golden --update-golden and review it")
    want = json.loads(expected_path.read_text("utf-8"))
    assert got["text"] == want["text"], "cleaned text changed"
    problems = {}
    for key in ("paragraphs", *COMPARED):
        if got.get(key) != want.get(key):
            problems[key] = first_differences(want.get(key) or [], got.get(key) or [])
    assert not problems, (f"{article.name} differs from {expected_path.name} (- expected, + got); "
                          f"if intended, run pytest tests/golden --update-golden:\n"
                          + "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in problems.items()))


def test_project_keeps_spans_with_their_text():
    text = "Shelling hit Kyiv."
    doc = {"text": text, "paragraphs": [{"start": 0, "end": 18, "kind": "body"}],
           "places": [{"id": "p1", "name": "Kyiv", "country": "UA", "mentions": [{"start": 13, "end": 17}]}],
           "events": [{"id": "e1", "type": "ASSAULT", "evidence": {"start": 0, "end": 17, "text": "x"}}]}
    got = project(doc)
    assert got["places"][0]["spans"]["mentions"] == [{"start": 13, "end": 17, "text": "Kyiv"}]
    assert got["events"][0]["spans"]["evidence"]["text"] == "Shelling hit Kyiv"  # text re-read from the offsets
    assert got["paragraphs"][0]["text"] == text
