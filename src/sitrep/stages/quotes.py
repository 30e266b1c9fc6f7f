"""Quotes: not built yet (empty layer)."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage


@stage("attribute_quotes", version=0, reads=("sentences", "actors"), writes="quotes")
def attribute_quotes(doc: Document, *, res) -> list[dict]:
    return []


STAGE = attribute_quotes.stage
