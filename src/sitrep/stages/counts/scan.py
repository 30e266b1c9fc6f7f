"""Which tokens of a document the count rules need to look at, found once per document.

:func:`sitrep.stages.counts.rules.find_all` scans every token of a sentence four times, and reading
a spaCy Token attribute builds Python objects each time. :class:`Scan` reads the attributes once
with ``Doc.to_array`` and keeps, per scan, the indices of the tokens that pass the scan's first,
cheap test (part of speech, tag, lemma or word form against the lexicons in ``data/counts/``).
Each list is a superset of the tokens the rule acts on: the rules still test every token they get.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import ADJ, AUX, NOUN, PROPN, VERB
from spacy.strings import get_string_id

from sitrep.resources import cached
from sitrep.stages.counts.quantify import categories, cues


class Scan:
    """Candidate token indices of one spaCy Doc for each scan of the count rules."""

    def __init__(self, sp):
        pos, tag, lemma, lower, dep = sp.to_array([POS, TAG, LEMMA, LOWER, DEP]).T.tolist()
        strings = sp.vocab.strings
        verb_tag = {h for h in set(tag) if _test(h, strings).verb_tag}
        lemma_of = {h: _test(h, strings) for h in set(lemma)}
        nouns, heads, prep = _ids("nouns"), _ids("subset_heads"), get_string_id("prep")
        adjectives = _ids("adjectives")
        # a predicate needs a lexicon verb (or the first word of a phrasal one) or a category adjective
        self.predicates = [i for i, (p, t, le, lo) in enumerate(zip(pos, tag, lemma, lower))
                           if (p in _PREDICATE or t in verb_tag) and (lemma_of[le].verb or lo in adjectives)]
        self.nouns = [i for i, (p, le, lo) in enumerate(zip(pos, lemma, lower))
                      if p in _NOMINAL and (lo in nouns or lemma_of[le].noun)]
        self.totals = [i for i, (p, le) in enumerate(zip(pos, lemma)) if p == NOUN and lemma_of[le].total]
        self.subsets = [i for i, (d, lo) in enumerate(zip(dep, lower)) if d == prep and lo in heads]

    @staticmethod
    def within(indices: list[int], start: int, end: int) -> list[int]:
        """The indices in [start, end), in order."""
        return indices[bisect_left(indices, start):bisect_left(indices, end)]


_PREDICATE = frozenset((VERB, AUX, ADJ))


_NOMINAL = frozenset((NOUN, ADJ, PROPN, VERB))


@cached
def phrasal_firsts() -> frozenset[str]:
    """First words of the phrasal entries: a verb with another lemma needs no look at its children."""
    return frozenset(k.split()[0] for k in categories()["phrasal"])


@cached
def _ids(table: str) -> frozenset[int]:
    """String hashes of the category nouns or adjectives ("nouns", "adjectives") or of the subset
    prepositions ("subset_heads")."""
    words = cues()["subset_heads"] if table == "subset_heads" else categories()[table]
    return frozenset(get_string_id(w) for w in words)


class _Tests(NamedTuple):
    verb_tag: bool  # a tag string starting with VB
    noun: bool  # a lemma whose lower case is a category noun
    total: bool  # a lemma whose lower case is a totals cue ("toll")
    verb: bool  # a lemma whose lower case is a category verb or starts a phrasal one


def _test(h: int, strings) -> _Tests:
    """The tests of the string with hash ``h`` (a tag or lemma of ``strings``, the spaCy StringStore)."""
    return _string_tests(strings[h])


@cached(limit=200_000)  # a long run must not grow memory without bound
def _string_tests(s: str) -> _Tests:
    """The tests of one tag or lemma string; they read fixed lexicons, so each string is tested once."""
    low = s.lower()
    return _Tests(s.startswith("VB"), low in categories()["nouns"], low in cues()["totals"],
                  low in categories()["verbs"] or low in phrasal_firsts())
