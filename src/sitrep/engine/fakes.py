"""A small, deterministic pipeline for testing and benchmarking the engines.

It uses the real spaCy model but stands in for sitrep's stages with three trivial ones built on
spaCy's entities, so the engines' tests and the throughput bench do not move whenever a real stage
changes (``blank_pipeline`` even skips the model). Use it with
``sitrep ingest --pipeline sitrep.engine.fakes:entity_pipeline``.
"""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import Pipeline, stage

PLACE_LABELS = ("GPE", "LOC", "FAC")
ACTOR_LABELS = ("PERSON", "ORG", "NORP")


def _mentions(doc: Document, labels: tuple[str, ...], prefix: str, kind_key: str) -> list[dict]:
    items: dict[str, dict] = {}
    for ent in doc.spacy.ents:
        if ent.label_ in labels:
            item = items.setdefault(ent.text, {"id": f"{prefix}{len(items) + 1}", "name": ent.text,
                                               kind_key: ent.label_, "mentions": []})
            item["mentions"].append(doc.span(ent.start_char, ent.end_char))
    return list(items.values())


@stage("entity_places", version=1, reads=("sentences",), writes="places")
def entity_places(doc: Document, *, res) -> list[dict]:
    return _mentions(doc, PLACE_LABELS, "p", "precision")


@stage("entity_actors", version=1, reads=("sentences",), writes="actors")
def entity_actors(doc: Document, *, res) -> list[dict]:
    return _mentions(doc, ACTOR_LABELS, "a", "kind")


@stage("number_counts", version=1, reads=("sentences",), writes="counts")
def number_counts(doc: Document, *, res) -> list[dict]:
    out = []
    for tok in doc.spacy:
        if tok.like_num and tok.text.isdigit():
            out.append({"id": f"c{len(out) + 1}", "category": "unknown", "value": int(tok.text),
                        **doc.span(tok.idx, tok.idx + len(tok.text))})
    return out


def entity_pipeline() -> Pipeline:
    """The real model with the three stand-in stages above."""
    return Pipeline(stages=[s.stage for s in (entity_places, entity_actors, number_counts)])


def blank_pipeline() -> Pipeline:
    """No model at all (``spacy.blank("en")``: a tokenizer): for tests that exercise only the engines."""
    import spacy

    from sitrep.resources import Resources

    return Pipeline(resources=Resources(nlp=spacy.blank("en"), gazetteer=object()),
                    stages=[s.stage for s in (entity_places, entity_actors, number_counts)])


@stage("number_events", version=1, reads=("counts",), writes="events")
def number_events(doc: Document, *, res) -> list[dict]:
    """One shelling event for the first number in the text, dated by the document's publication date (for the
    linking tests: fusion then has events to link across documents)."""
    out = []
    for c in (doc.layers.get("counts") or [])[:1]:
        out.append({"id": f"e{len(out) + 1}", "type": "ASSAULT", "mode": "artillery",
                    "acled_event_type": "Explosions/Remote violence",
                    "acled_subtype": "Shelling/artillery/missile attack", "fatalities": c["value"],
                    "date": {"value": doc.meta.get("published"), "precision": "day"},
                    "evidence": {k: c[k] for k in ("start", "end", "text")}})
    return out


def blank_event_pipeline() -> Pipeline:
    """:func:`blank_pipeline` plus :func:`number_events`: no model, but events to link."""
    p = blank_pipeline()
    return Pipeline(resources=p.res, stages=[*p.stages, number_events.stage])
