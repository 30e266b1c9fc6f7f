"""Plain Python tokens of a parsed document, read from spaCy's arrays once (issue 16: the events stage's speed).

A spaCy ``Token`` is a view on the document's C arrays: each string property (``dep_``, ``pos_``,
``lower_``, ``text``) decodes a new string on every read, and each walk (``head``, ``children``) makes new
Token objects through ``Doc.__getitem__``. A stage that reads the parse around every trigger and argument
asks the same few facts of the same tokens hundreds of times per document. :func:`parse` reads them once,
into :class:`Word` objects that answer the part of the Token API the stages use, by the same names and
with the same values, so a walk written for spaCy tokens runs unchanged over words (and tests may still
hand it spaCy tokens).

Words point at each other (``head``, ``children``): :meth:`Parse.release` breaks those links when the
stage is done, so a document's words are freed at once instead of waiting for the cycle collector.
"""
from __future__ import annotations

from collections import deque
from itertools import repeat


class Word:
    """One token of a :class:`Parse`: spaCy's Token attributes of the same names (walks give lists, not
    generators), and ``lem``, the lemma lower-cased. The attributes most walks read are read for every token
    at once; any other (``text``, ``tag_``, ``ent_type_``, ...) is read from the spaCy token the first time
    it is asked for, and kept if it has a slot."""

    __slots__ = ("i", "idx", "lower_", "lem", "pos_", "dep", "dep_", "is_space", "is_punct", "head", "children",
                 "doc", "text", "tag_", "ent_type_", "like_num", "pos")

    def __getattr__(self, name: str):  # called only for a slot not yet filled, or a name without a slot
        if name == "doc":
            raise AttributeError(name)
        value = getattr(self.doc.spacy[self.i], name)
        if name in _LAZY:
            setattr(self, name, value)
        return value

    def __len__(self) -> int:
        return self.doc.ends[self.i] - self.idx

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    @property
    def lefts(self) -> list[Word]:
        return [c for c in self.children if c.i < self.i]

    @property
    def rights(self) -> list[Word]:
        return [c for c in self.children if c.i > self.i]

    @property
    def subtree(self) -> list[Word]:
        """The word and its descendants in spaCy's order (each left child's subtree, the word, each right
        child's subtree: document order on a projective parse)."""
        out: list[Word] = []
        _subtree(self, out)
        return out

    @property
    def ancestors(self) -> list[Word]:
        out, t = [], self
        while t.head is not t:
            t = t.head
            out.append(t)
        return out

    def is_ancestor(self, descendant) -> bool:
        if getattr(descendant, "doc", None) is not self.doc:
            return False
        return any(a.i == self.i for a in descendant.ancestors)

    @property
    def conjuncts(self) -> tuple[Word, ...]:
        """The words coordinated with this one, itself excluded (spaCy's ``Token.conjuncts``: from the first
        conjunct, its right ``conj`` children breadth first)."""
        conj = self.doc.conj
        start = self
        while start.dep == conj and start.head is not start:
            start = start.head
        output = [start]
        for w in output:  # the list grows as it is read: breadth first
            output.extend([c for c in w.children if c.dep == conj and c.i > w.i])
        return tuple([w for w in output if w is not self])


_LAZY = frozenset(("text", "tag_", "ent_type_", "like_num", "pos"))


def _subtree(w: Word, out: list[Word]) -> None:
    kids = w.children
    for c in kids:
        if c.i < w.i:
            _subtree(c, out)
    out.append(w)
    for c in kids:
        if c.i > w.i:
            _subtree(c, out)


class Parse:
    """A parsed document's words, with the columns they were read from (for scans over the whole text). The
    children of word ``k`` are ``order[first[k]:first[k + 1]]`` (indices, in document order)."""

    __slots__ = ("words", "spacy", "conj", "lems", "lows", "pos", "space", "offsets", "ends", "deps", "order", "first")

    def __getitem__(self, k):
        return self.words[k]

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self):
        return iter(self.words)

    def char_span(self, *args, **kwargs):
        """spaCy's ``Doc.char_span`` (a spaCy Span)."""
        return self.spacy.char_span(*args, **kwargs)

    def release(self) -> None:
        """Break the words' links to each other, so they are freed when the caller drops them."""
        for w in self.words:
            w.head = w.children = w.doc = None


def _fill(words: list[Word], name: str, values) -> None:
    deque(map(getattr(Word, name).__set__, words, values), maxlen=0)


def _strings(strings, hashes: list[int], lower: bool = False) -> list[str]:
    """The strings of a column of hashes, each distinct hash looked up once."""
    of = {h: (strings[h].lower() if lower else strings[h]) for h in set(hashes)}
    return list(map(of.__getitem__, hashes))


def parse(sp) -> Parse:
    """The words of a parsed spaCy document (see the module docstring)."""
    import numpy as np
    from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS
    from spacy.strings import get_string_id

    strings = sp.vocab.strings
    arr = sp.to_array([LOWER, LEMMA, POS, DEP, IDX, IS_SPACE, IS_PUNCT, LENGTH, HEAD])
    lower, lemma, pos, dep, idx, space, punct, length = arr[:, :8].T.tolist()
    n = len(idx)
    at = np.arange(n, dtype="int64")
    heads = at + arr[:, 8].astype("int64")  # the head's index (spaCy stores signed offsets)
    grouped = heads.copy()
    grouped[heads == at] = n  # a root is nobody's child: sorted past the end
    order = np.argsort(grouped, kind="stable")  # children grouped by head, each group in document order
    p = Parse()
    p.spacy, p.conj = sp, get_string_id("conj")
    p.order, p.first = order.tolist(), np.searchsorted(grouped[order], np.arange(n + 1)).tolist()
    words = p.words = list(map(Word.__new__, repeat(Word, n)))
    p.lems, p.lows, p.pos, p.space, p.offsets, p.deps = _strings(strings, lemma, True), _strings(strings, lower), \
        pos, space, idx, dep
    p.ends = list(map(int.__add__, idx, length))
    by_head = list(map(words.__getitem__, p.order))
    first = p.first
    for name, values in (("i", range(n)), ("idx", idx), ("lower_", p.lows), ("lem", p.lems),
                         ("pos_", _strings(strings, pos)), ("dep", dep), ("dep_", _strings(strings, dep)),
                         ("is_space", map(bool, space)), ("is_punct", map(bool, punct)), ("doc", repeat(p, n)),
                         ("head", map(words.__getitem__, heads.tolist())),
                         ("children", [by_head[a:b] for a, b in zip(first, first[1:])])):
        _fill(words, name, values)
    return p
