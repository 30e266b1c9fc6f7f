"""Indirect (reported) speech: the content clause of a cue verb outside quotation marks.

What counts as the content depends on the cue's class in ``data/vocab/cues.tsv``:

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

from spacy.attrs import LEMMA

from sitrep.quote_marks import SpanMask, in_spans
from sitrep.speech import cue_of, cues as cue_lexicon

MIN_TOKENS = 2


def _span(doc, lo: int, hi: int) -> tuple[int, int] | None:
    """(start, end) of the tokens ``doc[lo:hi]`` without spaces, a leading "that"/"whether"/"if" or
    punctuation, and trailing punctuation (not a closing quote or bracket) or conjunction; None when fewer
    than two tokens are left. Reads the ends only: a long clause is not walked token by token."""
    while lo < hi and (doc[lo].is_space or doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether", "if")
                       or doc[lo].is_punct):
        lo += 1
    hi -= 1
    while hi >= lo and (doc[hi].is_space or doc[hi].is_punct and doc[hi].text not in ('"', "”", "’", ")")
                        or doc[hi].dep_ == "cc"):
        hi -= 1
    kept = 0
    for k in range(lo, hi + 1):  # count the tokens that are not spaces, up to the minimum
        kept += not doc[k].is_space
        if kept >= MIN_TOKENS:
            break
    if kept < MIN_TOKENS:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _subtree_span(tok) -> tuple[int, int] | None:
    return _span(tok.doc, tok.left_edge.i, tok.right_edge.i + 1)


def content_of(verb, cls: str):
    """(start, end) of what ``verb`` reports, or None."""
    kids = list(verb.children)
    comp = next((c for c in kids if c.dep_ == "ccomp" and c.i > verb.i), None)
    obj = next((c for c in kids if c.dep_ in ("dobj",) and c.i > verb.i), None)
    if cls in ("say", "think"):
        if comp is not None:
            return _subtree_span(comp)
        if cls == "say" and obj is not None and obj.pos_ in ("NOUN", "PROPN") \
                and any(t.tag_ in ("VBD", "VBN", "VBZ", "VBP", "MD") for t in obj.subtree if t.i != obj.i):
            return _subtree_span(obj)
        return None
    if cls == "accuse":
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "for", "over")), None)
        if prep is None:
            return None
        first = obj if obj is not None else prep
        return _span(verb.doc, first.left_edge.i, prep.right_edge.i + 1)
    if cls == "deny":
        target = comp if comp is not None else obj
        return _subtree_span(target) if target is not None else None
    if cls == "urge":
        x = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i > verb.i), None)
        if obj is not None and x is not None:
            return _span(verb.doc, obj.left_edge.i, x.right_edge.i + 1)
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "for"), None)
        if prep is not None:
            return _span(verb.doc, prep.i + 1, prep.right_edge.i + 1)
        if x is not None:
            return _subtree_span(x)
    return None


def _cue_candidates(sp) -> list[int]:
    """Indices of the tokens whose lemma is a cue word: what :func:`cue_of` can accept, read from the
    lemma array (each distinct lemma looked up once) instead of building every token."""
    cues, strings = cue_lexicon(), sp.vocab.strings
    lemmas = sp.to_array(LEMMA).tolist()
    hits = {h for h in set(lemmas) if strings[h].lower() in cues}
    return [i for i, h in enumerate(lemmas) if h in hits]


def indirect_cues(sp, quote_spans: SpanMask, text: str):
    """Yield (cue token, (start, end) of the content) for reported speech outside quotation marks."""
    for i in _cue_candidates(sp):
        t = sp[i]
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
