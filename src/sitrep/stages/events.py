"""Events: not built yet (empty layer)."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage


@stage("extract_events", version=0, reads=("sentences", "dates", "places", "actors", "quotes", "counts"), writes="events")
def extract_events(doc: Document, *, res) -> list[dict]:
    return []


STAGE = extract_events.stage
