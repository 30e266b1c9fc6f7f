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


# -- noun phrases and sentence starts (the actors and quotes stages) --------------------------------------

from sitrep.quote_marks import QUOTE_CHARS  # noqa: E402  (kept with the block that uses it, for easy merges)


def starts_sentence(tok) -> bool:
    """True at a sentence start, also after a paragraph break or an opening quote the parser missed."""
    if tok.is_sent_start:
        return True
    j = tok.i - 1
    while j >= 0 and (tok.doc[j].is_space or tok.doc[j].text in QUOTE_CHARS):
        if "\n" in tok.doc[j].text:
            return True
        j -= 1
    return j < 0 or tok.doc[j].text in {".", "!", "?", ":"}


def np_core(tok, *, with_of: bool = True) -> tuple[int, int]:
    """Token range [lo, hi) of the noun phrase headed by ``tok``: left modifiers, head, "of" phrases.

    Relative clauses, participles, appositions and other right-hand material are left out
    ("a lieutenant tasked with ..." -> "a lieutenant").
    """
    lo = tok.i
    while lo > 0:
        prev = tok.doc[lo - 1]
        if prev.is_punct and prev.text not in ("-", "'s", "’s", "."):
            break
        if prev.is_space or not descends(prev, tok):
            break
        lo -= 1
    hi = tok.i + 1
    if with_of:
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == hi:
                hi = c.right_edge.i + 1
                for k in range(c.i, hi):  # "The mayor of Kharkiv, Ihor Terekhov," stops at the comma
                    if tok.doc[k].is_punct and tok.doc[k].text != "-":
                        hi = k
                        break
            elif c.dep_ in ("compound", "flat", "nummod") and c.i == hi:
                hi = c.i + 1
    return lo, hi


def appositive_name(tok):
    """The name in apposition to a role noun ("the mayor, Ihor Terekhov, said"), or None."""
    for c in tok.rights:
        if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON"):
            return c
    return None


def descends(t, head) -> bool:
    """Whether ``head`` is an ancestor of token ``t`` (``t`` itself excluded)."""
    while t.i != t.head.i:
        if t.head.i == head.i:
            return True
        t = t.head
    return False
