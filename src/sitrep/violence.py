"""Words of violence and armed conflict, from the events stage's data (``data/events/triggers.tsv``: the
one-word triggers typed ASSAULT, not CASUALTY: "died" has the harmed as subject; ``data/events/dyad.json``:
the verbs and nouns whose "with" phrase is the other side). Read by stages other than events that ask whether a word reports violence (no stage imports
another): the actors stage makes a community the subject of such a verb a militia ("the Dinka attacked"),
not the subject of any verb ("the Kurds voted").
"""
from __future__ import annotations

from sitrep import vocab
from sitrep.resources import cached

VIOLENT_TYPES = ("ASSAULT",)  # the PLOVER type of triggers.tsv whose subject does the violence


@cached
def violent_lemmas() -> frozenset[str]:
    """Lemmas of violence: "attack", "kill", "raid", "clash", "fire", "fight", "engage"."""
    out = set(vocab.table("events/dyad.json")["with_opponent"])
    for line in vocab.read_text("events/triggers.tsv").splitlines():
        cols = line.split("\t")
        if len(cols) > 2 and not line.startswith("#") and cols[2] in VIOLENT_TYPES and " " not in cols[0]:
            out.add(cols[0].strip("*").lower())
    return frozenset(out)


def reports_violence(verb) -> bool:
    """Whether a verb token, or a verb coordinated with it, or its object or complement, is a word of violence
    ("attacked", "attacked and looted", "launched a raid", "opened fire", "tried to kill")."""
    words = violent_lemmas()
    for v in [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]:
        if v.lemma_.lower() in words or any(c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in words
                                            for c in v.children):
            return True
    return False
