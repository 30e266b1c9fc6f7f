import json

import pytest

from sitrep.doc import LAYERS, RawDocument
from sitrep.errors import ConfigError
from sitrep.pipeline import Stage, check_order
from sitrep.schema import validate


def test_document_json_fits_schema_and_spans_point_into_text(pipeline):
    doc = pipeline.run(RawDocument(text="Officials in Kyiv said on Monday that shelling killed two people.", path="x"),
                       published="2022-04-07")
    out = doc.to_json()
    validate(out)
    json.dumps(out)
    text = out["text"]
    for layer in LAYERS:
        for item in out[layer]:
            spans = item.get("mentions") or ([item] if "start" in item else [])
            for sp in spans:
                assert 0 <= sp["start"] < sp["end"] <= len(text)
                assert text[sp["start"]:sp["end"]] == sp["text"]


def test_check_order_rejects_a_stage_reading_a_later_layer():
    s1 = Stage("a", 1, ("events",), "places", lambda d, res: [])
    s2 = Stage("b", 1, (), "events", lambda d, res: [])
    with pytest.raises(ConfigError, match="reads"):
        check_order([s1, s2])


def test_failing_stage_is_reported_not_raised_from_pipe(resources):
    from sitrep.pipeline import Pipeline

    def boom(doc, *, res):
        raise RuntimeError("bad")

    p = Pipeline(resources=resources, stages=[Stage("boom", 1, (), "places", boom)])
    doc = next(p.pipe([RawDocument(text="Hello there.", path="x")]))
    assert doc.error is not None and "boom.v1" in str(doc.error)
