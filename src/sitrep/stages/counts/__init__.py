"""Counts (placeholder while being built)."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage


@stage("find_counts", version=0, reads=("sentences", "dates", "places", "quotes"), writes="counts")
def find_counts(doc: Document, *, res) -> list[dict]:
    return []


STAGE = find_counts.stage
