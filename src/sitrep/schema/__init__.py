"""The document JSON Schema: ``document.schema.json`` plus one item schema per layer in ``layers/``."""
from __future__ import annotations

import json
from importlib import resources

from sitrep.doc import LAYERS
from sitrep.resources import cached


@cached
def document_schema() -> dict:
    root = resources.files("sitrep.schema")
    schema = json.loads((root / "document.schema.json").read_text("utf-8"))
    for layer in LAYERS:
        item = json.loads((root / "layers" / f"{layer}.json").read_text("utf-8"))
        schema["properties"][layer] = {"type": "array", "items": item}
    return schema


def validate(doc_json: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``doc_json`` does not fit the schema."""
    import jsonschema

    jsonschema.validate(doc_json, document_schema())
