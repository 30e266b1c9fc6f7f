"""The one document model: what a reader produces, what cleaning produces, what stages add.

Flow::

    reader -> RawDocument -> clean -> Document(text, paragraphs, source_map)
           -> spaCy parse (Document.spacy) -> stages add one layer each -> Document.to_json()

Every layer item is a plain ``dict`` (JSON-ready) whose shape is fixed by
``sitrep/schema/layers/<layer>.json``; every item carries character offsets into
``Document.text`` (``start``/``end``, or ``mentions`` of ``{start, end, text}``).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any

LAYERS = ("actors", "places", "quotes", "dates", "counts", "events")
SCHEMA_VERSION = 1


@dataclass
class RawDocument:
    """What a reader returns: the text as extracted, plus metadata.

    ``lines`` is optional layout information from PDFs: one dict per extracted line
    with ``start``/``end`` offsets into ``text`` and ``size`` (font size), used by cleaning.
    """

    text: str
    path: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    id: str | None = None
    format: str = "txt"
    lines: list[dict] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str  # body | heading | caption | credit | dateline | byline | other

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass
class SourceMap:
    """Maps offsets in the cleaned text back to offsets in the original text.

    Stored as aligned runs ``(clean_start, orig_start, length)``: inside a run, characters
    correspond one to one; characters of the cleaned text that were synthesised (a space
    that replaced a line break, say) belong to a run whose original span is the one they
    replaced.
    """

    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def to_original(self, offset: int) -> int:
        if not self.runs:
            return offset
        starts = [r[0] for r in self.runs]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        cs, os_, n = self.runs[i]
        return os_ + min(offset - cs, n)

    def to_json(self) -> list[list[int]]:
        return [list(r) for r in self.runs]


@dataclass
class Document:
    """A cleaned article with its layers. Stages read it; the pipeline attaches their layers."""

    text: str
    meta: dict[str, Any]
    paragraphs: list[Paragraph] = field(default_factory=list)
    source_map: SourceMap = field(default_factory=SourceMap)
    layers: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in LAYERS})
    spacy: Any = None  # spacy.tokens.Doc over ``text`` (kept in its ``user_data["text"]``); never serialised
    stages: dict[str, str] = field(default_factory=dict)  # layer -> "name.vN" that wrote it
    warnings: list[str] = field(default_factory=list)
    error: Any = None  # a StageError when a stage failed on this document

    @property
    def id(self) -> str:
        return self.meta["id"]

    @property
    def published(self) -> str | None:
        return self.meta.get("published")

    def paragraph_at(self, offset: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        return None

    def span(self, start: int, end: int) -> dict:
        """A ``{start, end, text}`` record for a span of the cleaned text."""
        return {"start": start, "end": end, "text": self.text[start:end]}

    def to_json(self) -> dict:
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "document": dict(self.meta),
            "text": self.text,
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "source_map": self.source_map.to_json(),
        }
        for k in LAYERS:
            out[k] = self.layers.get(k, [])
        out["stages"] = dict(self.stages)
        out["warnings"] = list(self.warnings)
        return out
