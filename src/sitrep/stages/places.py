"""Places: not built yet (empty layer)."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage


@stage("find_places", version=0, reads=("sentences",), writes="places")
def find_places(doc: Document, *, res) -> list[dict]:
    return []


STAGE = find_places.stage
