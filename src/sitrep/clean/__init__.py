"""Cleaning: raw extracted text -> paragraphs of a cleaned text, with an exact map back.

``clean(raw)`` reads the lines of a :class:`~sitrep.doc.RawDocument` (and the font sizes or
paragraph hints a reader put in ``raw.lines``), decides which line breaks were meant
(:mod:`sitrep.clean.lines`), splits photo credits and datelines off and gives every paragraph a
kind (:mod:`sitrep.clean.kinds`), rejoins body paragraphs cut by page breaks, and writes the
text with paragraphs separated by a blank line (:mod:`sitrep.clean.text`).

Every character of the result either is a verbatim copy of the raw text (and lies in a run of
the source map) or was synthesised in place of a line break or an odd character (and lies in
none). No rule here names words of any one article.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep.clean.kinds import classify, split_parts
from sitrep.clean.lines import paragraphs, rejoin, split_lines, wrap_width
from sitrep.clean.text import Builder
from sitrep.doc import Paragraph, RawDocument, SourceMap

__all__ = ["Cleaned", "clean"]

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class Cleaned:
    text: str
    paragraphs: list[Paragraph]
    source_map: SourceMap


def clean(raw: RawDocument) -> Cleaned:
    """Clean one raw document. Never raises on odd text: the worst case is one body paragraph per line."""
    lines = split_lines(raw.text, raw.lines)
    width = wrap_width(lines)
    paras = split_parts(paragraphs(lines, width))
    classify(paras, width)
    paras = rejoin(paras, width)
    out = Builder(raw.text)
    result: list[Paragraph] = []
    for p in paras:
        if result:
            out.put(PARAGRAPH_SEPARATOR)
        start = out.pos
        out.join_lines(p.lines)
        result.append(Paragraph(start, out.pos, p.kind or "body"))
    return Cleaned(out.text(), result, SourceMap(out.runs))
