"""sitrep: news reports about armed conflict -> a sourced, geolocated event dataset.

    import sitrep
    doc = sitrep.extract("Shelling killed two people in Kharkiv on Monday.", published="2024-05-13")
    incidents = sitrep.open("out/demo.duckdb").incidents()   # a pandas DataFrame
"""
from __future__ import annotations

__version__ = "0.1.0"

from sitrep.api import Dataset, extract, open  # noqa: E402,A004
from sitrep.doc import Document, RawDocument  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402

__all__ = ["Dataset", "Document", "Pipeline", "RawDocument", "extract", "open", "__version__"]
