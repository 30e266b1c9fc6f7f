"""Datelines: where a document's dateline place can be (:class:`Datelines`), and the dateline place
the parser did not take for a name ("BEIRUT — A cease-fire ..."): an upper-case word at the head of
the first paragraph is often tagged ADV or VERB and left out of the gazetteer pass, which starts
only at nouns; a dateline needs no other cue.
"""
from __future__ import annotations

import re

from sitrep import vocab

MAX_TOKENS = 3
# a month and a day ("April 7", "Sept. 8"): months in data/places/dateline_months.txt
_MONTHS = re.compile(r"\b(" + vocab.alternation("places/dateline_months.txt") + r")[a-z]*\.?\s+\d{1,2}\b")
_AFTER_PLACE = re.compile(r"\s*(,|\(|—|–|-{1,2}\s)")


class Datelines:
    """The dateline places of one document: text in a "dateline" paragraph, or opening the first
    paragraph as "KYIV, April 7 (Reuters) -" / "Kyiv, Ukraine (AP) --"."""

    def __init__(self, doc):
        self.text = doc.text
        self.ranges = [(p.start, p.end) for p in doc.paragraphs if p.kind == "dateline"]
        self.first = next((q for q in doc.paragraphs if q.kind in ("body", "dateline")), None)

    def at(self, start: int, end: int) -> bool:
        """Whether text[start:end] is the place of a dateline."""
        text = self.text
        p = self.first
        in_dateline = bool(self.ranges) and any(a <= start < b for a, b in self.ranges)
        if not in_dateline and (p is None or not p.start <= start < p.end):
            return False  # (tested first: most places are in neither)
        if _MONTHS.match(text, start):
            return False  # the date of the dateline ("ANKARA, March 8 (Reuters) -"), not its place
        if in_dateline:
            return True
        if text[p.start:start].strip(" \"'“(") != "":
            return False
        rest = text[end:end + 60]
        return bool(_AFTER_PLACE.match(rest)) and (
            text[start:end].isupper() or "(" in rest[:40] or bool(_MONTHS.search(rest)))


def find_dateline_place(doc, sp, gaz, mentions: list, taken: list, make, datelines: Datelines) -> None:
    """Add the upper-case place opening the first paragraph when it is a dateline and free."""
    first = datelines.first
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
        if cands and datelines.at(start, end):
            mentions.append(make(k, j, start, end, cands))
            for t in range(k, j):
                taken[t] = True
            return
