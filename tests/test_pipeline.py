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


def test_dateline_gives_the_document_its_place_and_missing_publication_date(pipeline):
    raw = RawDocument(text="KYIV, Ukraine, April 7, 2022 -- Russian shelling killed two people in Kharkiv on "
                           "Wednesday, officials said.", path="x")
    out = pipeline.run(raw).to_json()
    assert out["document"]["published"] == "2022-04-07"
    assert out["document"]["published_from"] == "dateline"
    assert out["document"]["dateline_place"]["name"] == "Kyiv"
    wednesday = next(d for d in out["dates"] if d["text"] == "Wednesday")
    assert wednesday["value"] == "2022-04-06"


def test_metadata_date_wins_over_the_dateline(pipeline):
    raw = RawDocument(text="KYIV, Ukraine, April 7, 2022 -- Officials said shelling continued.", path="x",
                      published="2022-04-08")
    assert pipeline.run(raw).to_json()["document"]["published"] == "2022-04-08"


def test_a_dateline_is_parsed_apart_from_the_sentence_it_opens(pipeline):
    # parsed together, "March 3 - Fifteen" was one date entity and the toll was lost
    doc = pipeline.run(RawDocument(text="TARKH, March 3 - Fifteen people were killed when their bus hit a mine.",
                                   path="x"), published="2021-03-03")
    assert doc.spacy.text == doc.text
    assert [p.kind for p in doc.paragraphs] == ["dateline", "body"]
    first = doc.spacy.char_span(doc.paragraphs[1].start, doc.paragraphs[1].start + 7)
    assert first[0].is_sent_start and first[0].ent_type_ != "DATE"
    killed = [c for c in doc.to_json()["counts"] if c["category"] == "killed"]
    assert [(c["value"], c["text"]) for c in killed] == [(15, "Fifteen")]


def test_a_range_does_not_run_across_a_line_break(pipeline):
    doc = pipeline.run(RawDocument(text="TARKH, Oct 9 -\n\nTwelve people were killed in the raid.", path="x"),
                       published="2021-10-09")
    killed = [c for c in doc.to_json()["counts"] if c["category"] == "killed"]
    assert [(c["value"], c.get("value_max")) for c in killed] == [(12, None)]
