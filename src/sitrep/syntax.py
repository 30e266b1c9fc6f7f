"""Walks over spaCy's dependency parse that several stages share, in one public home.

Stages import these instead of each other's private helpers; a walk used by one stage only stays in
that stage's package.
"""
from __future__ import annotations


def conj_heads(tok) -> list:
    """A token and the tokens conjoined to it ("funds and weapons")."""
    return [tok, *tok.conjuncts]


def of_object(tok):
    """The object of an "of" phrase hanging from ``tok``: 'dozens of residents' -> residents."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None
