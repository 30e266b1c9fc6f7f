"""The pipeline: reading -> cleaning -> spaCy -> stages -> Document.

A stage is a function ``f(doc, *, res) -> list[dict]`` declared with :func:`stage`, which
records what it reads and the one layer it writes. Stages never mutate the document; the
pipeline attaches the returned layer. The order in :data:`DEFAULT_STAGES` is checked
before the first article (every layer a stage reads must be written by an earlier one).
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from sitrep.clean import clean
from sitrep.doc import Document, RawDocument
from sitrep.errors import ConfigError, StageError
from sitrep.resources import Resources

BASE_LAYERS = ("text", "paragraphs", "sentences")  # what cleaning + spaCy provide


@dataclass(frozen=True)
class Stage:
    name: str
    version: int
    reads: tuple[str, ...]
    writes: str
    func: Callable[..., list[dict]]

    @property
    def label(self) -> str:
        return f"{self.name}.v{self.version}"


def stage(name: str, *, version: int, reads: tuple[str, ...] = (), writes: str):
    """Declare a stage function; the function gets a ``.stage`` attribute the pipeline reads."""

    def wrap(func):
        func.stage = Stage(name, version, tuple(reads), writes, func)
        return func

    return wrap


def default_stages() -> list[Stage]:
    from sitrep.stages import actors, counts, dates, events, places, quotes

    return [m.STAGE for m in (dates, places, actors, quotes, counts, events)]


def check_order(stages: list[Stage]) -> None:
    have = set(BASE_LAYERS)
    for s in stages:
        missing = [r for r in s.reads if r not in have]
        if missing:
            raise ConfigError(f"stage {s.label} reads {missing} but no earlier stage writes them")
        have.add(s.writes)


def make_document(raw: RawDocument, *, published: str | None = None) -> Document:
    """Clean a raw document and build its metadata (no NLP yet)."""
    cleaned = clean(raw)
    meta = {
        "id": raw.id or raw.content_hash[:16],
        "path": raw.path,
        "title": raw.title,
        "published": raw.published or published,
        "source": raw.source,
        "url": raw.url,
        "content_hash": raw.content_hash,
        "format": raw.format,
        "dateline_place": None,
    }
    doc = Document(text=cleaned.text, meta=meta, paragraphs=cleaned.paragraphs, source_map=cleaned.source_map)
    doc.warnings.extend(raw.warnings)
    return doc


class Pipeline:
    """Runs cleaning, spaCy and the stages. Load once, call :meth:`run` or :meth:`pipe` many times."""

    def __init__(self, *, resources: Resources | None = None, stages: list[Stage] | None = None):
        self.res = resources or Resources()
        self.stages = stages if stages is not None else default_stages()
        check_order(self.stages)
        self.timings: dict[str, float] = defaultdict(float)

    def run(self, raw: RawDocument, *, published: str | None = None) -> Document:
        """Process one document; raises :class:`StageError` if a stage fails on it."""
        doc = next(self.pipe([raw], published=published))
        if doc.error:
            raise doc.error
        return doc

    def pipe(self, raws: Iterable[RawDocument], *, published: str | None = None,
             batch_size: int = 32) -> Iterator[Document]:
        """Process documents in order; spaCy parses them in batches."""
        docs = (make_document(r, published=published) for r in raws)
        pending: list[Document] = []
        for doc in docs:
            pending.append(doc)
            if len(pending) >= batch_size:
                yield from self._finish(pending)
                pending = []
        if pending:
            yield from self._finish(pending)

    def _finish(self, docs: list[Document]) -> Iterator[Document]:
        t = time.perf_counter()
        parsed = parse(self.res.nlp, docs)
        self.timings["spacy"] += time.perf_counter() - t
        for doc, sp in zip(docs, parsed):
            sp.user_data["text"] = doc.text  # spaCy's Doc.text rebuilds the string on every call
            doc.spacy = sp
            self.annotate(doc)
            yield doc

    def annotate(self, doc: Document) -> Document:
        """Run every stage on a parsed document, attaching each layer.

        A stage that raises does not sink the run: the document comes back with ``error`` set
        to a :class:`StageError` naming the stage, and the layers written so far.
        """
        for s in self.stages:
            t = time.perf_counter()
            try:
                doc.layers[s.writes] = s.func(doc, res=self.res)
            except Exception as e:
                doc.error = StageError(s.label, doc.id, e)
                return doc
            finally:
                self.timings[s.name] += time.perf_counter() - t
            doc.stages[s.writes] = s.label
        derive_meta(doc)
        return doc


def pieces(doc: Document) -> list[str]:
    """The text cut after each layout paragraph (dateline, heading, caption, credit, byline): these are
    not sentences of the body, and parsed with what follows they swallow its first words ("KABUL,
    March 3 -" and "Fifteen people were killed" become one sentence whose date entity takes the
    number). Body paragraphs run on, as the parser reads them."""
    cuts = [p.end for p in doc.paragraphs if p.kind != "body"]
    starts = [min((q.start for q in doc.paragraphs if q.start >= c), default=len(doc.text)) for c in cuts]
    bounds = sorted({s for s in starts if 0 < s < len(doc.text)})
    return [doc.text[a:b] for a, b in zip([0] + bounds, bounds + [len(doc.text)])]


def parse(nlp, docs: list[Document]) -> list:
    """spaCy docs of ``docs``, each parsed in :func:`pieces` and joined back: same text, same offsets."""
    from spacy.tokens import Doc

    cut = [pieces(d) for d in docs]
    parsed = iter(nlp.pipe(t for ts in cut for t in ts))
    out = []
    for ts in cut:
        parts = [next(parsed) for _ in ts]
        out.append(parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False))
    return out


def derive_meta(doc: Document) -> None:
    """Document metadata read off the layers: the dateline's place and, failing metadata, its date."""
    place = next((p for p in doc.layers.get("places", []) if p.get("dateline")), None)
    if place is not None:
        doc.meta["dateline_place"] = {"id": place.get("id"), "name": place.get("name"),
                                      "country": place.get("country")}
    date = next((d for d in doc.layers.get("dates", []) if d.get("role") == "dateline"), None)
    if doc.meta.get("published") is None and date and date.get("precision") == "day" and date.get("value"):
        doc.meta["published"] = date["value"]
        doc.meta["published_from"] = "dateline"
