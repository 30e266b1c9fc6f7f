"""The place of a dateline that the parser did not take for a name: "BEIRUT — A cease-fire ...".
An upper-case word at the head of the first paragraph is often tagged ADV or VERB and left out of
the gazetteer pass, which starts only at nouns; a dateline needs no other cue (see
:func:`.detect.dateline_at`).
"""
from __future__ import annotations

MAX_TOKENS = 3


def find_dateline_place(doc, sp, gaz, mentions: list, taken: list, make, dateline_at) -> None:
    """Add the upper-case place opening the first paragraph when it is a dateline and free."""
    first = next((p for p in doc.paragraphs if p.kind in ("body", "dateline")), None)
    if first is None:
        return
    k = next((t.i for t in sp if t.idx >= first.start and not t.is_space and t.text not in "\"'“("), None)
    if k is None or taken[k] or not sp[k].is_upper or not sp[k].is_alpha:
        return
    for n in range(MAX_TOKENS, 0, -1):
        j = k + n
        if j > len(sp) or any(taken[k:j]) or not all(t.is_upper and t.is_alpha for t in sp[k:j]):
            continue
        start, end = sp[k].idx, sp[j - 1].idx + len(sp[j - 1])
        cands = gaz.lookup(doc.text[start:end], variants=False)
        if cands and dateline_at(doc, start, end):
            mentions.append(make(k, j, start, end, cands))
            for t in range(k, j):
                taken[t] = True
            return
