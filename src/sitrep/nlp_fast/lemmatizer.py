"""An exact, faster stand-in for spaCy's rule lemmatizer (``en_core_web_sm``'s ``lemmatizer``).

Its result for a token is a function of the token's ORTH, POS, MORPH and current LEMMA, so it is
computed once per distinct key and written with ``Doc.from_array``. On a miss the lemma comes from
:meth:`FastLemmatizer.rule_lemma`, spaCy 3.8's ``Lemmatizer.rule_lemmatize`` with one change: each
POS's lemma index is tested as a set (spaCy tests ``form in index`` against a list of up to 10^4
words, which was nearly all of its time). A lemmatizer that is not in rule mode, or whose class
overrides ``rule_lemmatize``, is not replaced.
"""
from __future__ import annotations

import warnings

import numpy
from spacy.attrs import IDS
from spacy.errors import Errors, Warnings
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from sitrep.nlp_fast.ruler import CACHE_LIMIT, StandIn, Unsupported, unique_rows


class FastLemmatizer(StandIn):
    """Drop-in for a loaded rule ``Lemmatizer``; ``stock`` is the original."""

    COLUMNS = [IDS["ORTH"], IDS["POS"], IDS["MORPH"], IDS["LEMMA"]]

    def __init__(self, stock):
        if getattr(stock, "mode", None) != "rule":
            raise Unsupported(f"lemmatizer mode {getattr(stock, 'mode', None)!r}")
        if getattr(type(stock), "rule_lemmatize", None) is not Lemmatizer.rule_lemmatize:
            raise Unsupported(f"{type(stock).__name__} has its own rule_lemmatize")
        self.stock, self.name, self.vocab = stock, stock.name, stock.vocab
        self.cache: dict[tuple[int, int, int, int], int] = {}
        self.index_sets: dict[str, frozenset] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        if not self.stock._validated:
            self.stock._validate_tables(Errors.E1004)
        if len(self.cache) >= CACHE_LIMIT:
            self.cache.clear()
        overwrite, cache, strings = self.stock.overwrite, self.cache, self.vocab.strings
        uniq, inv = unique_rows(doc.to_array(self.COLUMNS))
        first = numpy.empty(len(uniq), dtype=numpy.int64)
        first[inv[::-1]] = numpy.arange(n - 1, -1, -1)  # a token of each distinct key
        lemmas = []
        for u, key in enumerate(map(tuple, uniq.tolist())):
            lemma = cache.get(key)
            if lemma is None:
                lemma = key[3]
                if overwrite or lemma == 0:
                    lemma = strings.add(self.rule_lemma(doc[int(first[u])]))
                cache[key] = lemma
            lemmas.append(lemma)
        doc.from_array([IDS["LEMMA"]], numpy.array(lemmas, dtype=numpy.uint64)[inv])
        return doc

    def rule_lemma(self, token: Token) -> str:
        """``Lemmatizer.rule_lemmatize(token)[0]`` of spaCy 3.8, with the lemma index as a set."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108)
            return string.lower()
        if self.stock.is_base_form(token):
            return string.lower()
        lookups = self.stock.lookups
        index_table = lookups.get_table("lemma_index", {})
        exc_table = lookups.get_table("lemma_exc", {})
        rules_table = lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return string if univ_pos == "propn" else string.lower()
        index = self.index_sets.get(univ_pos)
        if index is None:
            index = self.index_sets[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms[0]
