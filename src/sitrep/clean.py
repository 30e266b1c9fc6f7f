"""Cleaning: raw extracted text -> paragraphs of a cleaned text, with a map back to the original.

(Baseline: blank lines split paragraphs, wrapped lines are joined with a space.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.doc import Paragraph, RawDocument, SourceMap


@dataclass
class Cleaned:
    text: str
    paragraphs: list[Paragraph]
    source_map: SourceMap


def clean(raw: RawDocument) -> Cleaned:
    parts: list[str] = []
    paras: list[Paragraph] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", raw.text):
        block_start = m.start()
        if parts:
            parts.append("\n\n")
            pos += 2
        p_start = pos
        for i, lm in enumerate(re.finditer(r"[^\n]+", m.group())):
            line = lm.group().strip()
            if not line:
                continue
            if pos > p_start:
                parts.append(" ")
                pos += 1
            o = block_start + lm.start() + (len(lm.group()) - len(lm.group().lstrip()))
            runs.append((pos, o, len(line)))
            parts.append(line)
            pos += len(line)
        paras.append(Paragraph(p_start, pos, "body"))
    return Cleaned("".join(parts), paras, SourceMap(runs))
