"""Actors: who is named in the article (baseline: spaCy PERSON/ORG/NORP entities, merged by text)."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage

KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "unknown"}


@stage("find_actors", version=1, reads=("sentences", "places"), writes="actors")
def find_actors(doc: Document, *, res) -> list[dict]:
    by_name: dict[str, dict] = {}
    for ent in doc.spacy.ents:
        if ent.label_ not in KINDS:
            continue
        a = by_name.setdefault(ent.text, {"id": f"A{len(by_name) + 1}", "name": ent.text,
                                          "kind": KINDS[ent.label_], "mentions": []})
        a["mentions"].append(doc.span(ent.start_char, ent.end_char))
    return list(by_name.values())


STAGE = find_actors.stage
