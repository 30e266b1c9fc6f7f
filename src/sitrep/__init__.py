"""sitrep: news reports about armed conflict -> a sourced, geolocated event dataset."""
from __future__ import annotations

__version__ = "0.1.0"

from sitrep.doc import Document, RawDocument  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402


def extract(text: str, *, published: str | None = None, path: str = "<string>") -> dict:
    """Run the whole pipeline on one text and return its document JSON."""
    return Pipeline().run(RawDocument(text=text, path=path), published=published).to_json()


__all__ = ["Document", "Pipeline", "RawDocument", "extract", "__version__"]
