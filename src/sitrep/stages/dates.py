"""Dates: date expressions (baseline: spaCy DATE entities, unresolved)."""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage


@stage("find_dates", version=1, reads=("sentences",), writes="dates")
def find_dates(doc: Document, *, res) -> list[dict]:
    return [{"id": f"D{i}", **doc.span(e.start_char, e.end_char), "value": None, "precision": None,
             "reason": "not resolved yet"}
            for i, e in enumerate((e for e in doc.spacy.ents if e.label_ == "DATE"), 1)]


STAGE = find_dates.stage
