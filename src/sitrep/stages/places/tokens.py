"""One parse's token attributes as Python lists, shared by the passes of the places stage that test
many tokens. spaCy makes a new Token object for every ``doc[i]``, which costs more than most tests
made on it; a column costs one ``Doc.to_array`` call for the whole document, so only the columns
most tests read are kept, each read on first use. String attributes are string ids, compared
with the :func:`ids` of the words sought (``lower[k] in ids(nouns)`` is ``doc[k].lower_ in nouns``).

A pass takes ``sp``, a spaCy Doc or its :class:`Tokens` (:func:`tokens` gives the Tokens of
either), so it can be called on a bare parse while the stage shares one table between its passes.
"""
from __future__ import annotations

import re

from spacy.strings import get_string_id

from sitrep.resources import cached

_APOSTROPHE_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)+")


def apostrophe_word(text: str) -> bool:
    """Letters with an apostrophe inside ("Sana'a", "N'Djamena"): a word, though spaCy does not call it
    alphabetic."""
    return _APOSTROPHE_WORD.fullmatch(text) is not None


@cached
def ids(words) -> frozenset[int]:
    """The string ids of ``words`` (a frozenset or tuple of strings)."""
    return frozenset(map(get_string_id, words))


def sid(word: str) -> int:
    """The string id of ``word``."""
    return get_string_id(word)


class Tokens:
    """Token columns of one parse. ``arr`` holds IS_ALPHA, POS, IDX, LENGTH, LOWER and ORTH (the
    gazetteer pass masks whole columns of it); ``pos``, ``idx``, ``length`` and ``lower`` are
    its columns as lists. Other attributes are read from the Token, the test that needs them
    coming after the cheap ones (a LEMMA column, say, costs more than the few lemmas read)."""

    def __init__(self, sp, text: str | None = None):
        import numpy as np
        from spacy.attrs import IDX, IS_ALPHA, LENGTH, LOWER, ORTH, POS

        self.doc = sp
        self.n = len(sp)
        self.strings = sp.vocab.strings
        # spaCy's Doc.text joins the tokens anew on every call; the pipeline keeps the string
        self.text = text if text is not None else sp.user_data.get("text") or sp.text
        if self.n:
            self.arr = sp.to_array([IS_ALPHA, POS, IDX, LENGTH, LOWER, ORTH])
            self.pos, self.idx, self.length, self.lower = self.arr[:, 1:5].T.tolist()
        else:
            self.arr = np.zeros((0, 6), dtype="uint64")
            self.pos, self.idx, self.length, self.lower = [], [], [], []

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k):
        return self.doc[k]

    def lemma_lower(self, k: int) -> str:
        """``doc[k].lemma_.lower()``."""
        return _lower_string(self.strings, self.doc[k].lemma)

    def lower_(self, k: int) -> str:
        """``doc[k].lower_``."""
        return self.strings[self.lower[k]]

    def capitalised(self, k: int) -> bool:
        """``doc[k].text[:1].isupper()``: the token's first character is upper case."""
        return self.text[self.idx[k]].isupper()


@cached(limit=100_000)
def _lower_string(strings, x: int) -> str:
    """The lower-cased string of id ``x`` (a lemma) in the StringStore ``strings``."""
    return strings[x].lower()


def tokens(sp) -> Tokens:
    """The Tokens of ``sp``: itself when it is one, else a new table over the Doc."""
    return sp if isinstance(sp, Tokens) else Tokens(sp)
