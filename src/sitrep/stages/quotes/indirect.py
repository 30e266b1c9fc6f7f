"""Indirect (reported) speech: the content clause of a cue verb outside quotation marks.

What counts as the content depends on the cue's class in ``data/quotes/cues.tsv``:

* ``say``/``think``: the clausal complement, without "that" ("said that X", "saying X", "believes X");
  when the parser took the clause's subject for the verb's object ("said strikes had targeted aid
  points"), the object's phrase if it holds a verb form.
* ``accuse``: the object and its "of"/"for" phrase ("accused Kyiv of changing its demands").
* ``deny``: the clause or the object ("denies responsibility for any civilian deaths").
* ``urge``: the object and its infinitive ("urged countries to cut off ..."), or "for" + object
  ("called for a ceasefire").

A content that lies mostly inside a direct quote is not repeated as indirect speech.
"""
from __future__ import annotations

from sitrep.stages.actors.mentions import SpanMask, cue_of, in_spans

MIN_TOKENS = 2


def _span(tokens) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if") or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in ('"', "”", "’", ")") or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if len(toks) < MIN_TOKENS:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _subtree_range(tok) -> list:
    return list(tok.doc[tok.left_edge.i:tok.right_edge.i + 1])


def content_of(verb, cls: str):
    """(start, end) of what ``verb`` reports, or None."""
    kids = list(verb.children)
    comp = next((c for c in kids if c.dep_ == "ccomp" and c.i > verb.i), None)
    obj = next((c for c in kids if c.dep_ in ("dobj",) and c.i > verb.i), None)
    if cls in ("say", "think"):
        if comp is not None:
            return _span(_subtree_range(comp))
        if cls == "say" and obj is not None and obj.pos_ in ("NOUN", "PROPN") \
                and any(t.tag_ in ("VBD", "VBN", "VBZ", "VBP", "MD") for t in obj.subtree if t.i != obj.i):
            return _span(_subtree_range(obj))
        return None
    if cls == "accuse":
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for", "over")), None)
        if prep is None:
            return None
        first = obj if obj is not None else prep
        return _span(verb.doc[first.left_edge.i:prep.right_edge.i + 1])
    if cls == "deny":
        target = comp if comp is not None else obj
        return _span(_subtree_range(target)) if target is not None else None
    if cls == "urge":
        x = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if obj is not None and x is not None:
            return _span(verb.doc[obj.left_edge.i:x.right_edge.i + 1])
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "for"), None)
        if prep is not None:
            return _span(verb.doc[prep.i + 1:prep.right_edge.i + 1])
        if x is not None:
            return _span(_subtree_range(x))
    return None


def indirect_cues(sp, quote_spans: SpanMask, text: str):
    """Yield (cue token, (start, end) of the content) for reported speech outside quotation marks."""
    for t in sp:
        cue = cue_of(t)
        if cue is None or in_spans(t.idx, quote_spans):
            continue
        span = content_of(t, cue.cls)
        if span is None:
            continue
        s, e = span
        brk = text.find("\n\n", s, e)
        if brk >= 0:  # a parse that runs on past the paragraph: keep the paragraph's part
            e = len(text[s:brk].rstrip(" .,;:")) + s
        if e <= s or s in quote_spans or quote_spans.covered(s, e) > 0.5 * (e - s):
            continue
        yield t, cue, span
