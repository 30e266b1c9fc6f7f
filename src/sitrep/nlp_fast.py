"""Exact, faster stand-ins for two spaCy components whose cost is Python, not the model.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every token for its ~180 patterns (tag map,
TAG+LOWER exceptions, a few DEP patterns) and then sets attributes one match at a time through
``Span`` objects; in ``en_core_web_sm`` that costs about as much as the parser. Its outcome for a
token, though, depends only on a few attributes of that token (TAG, LOWER, DEP, IS_SPACE, ...) and,
for the rare multi-token patterns, on its neighbours'. :class:`FastAttributeRuler` compiles the
loaded ruler's own patterns (``ruler.patterns``, never a hand copy) into predicates over attribute
hashes, caches the resulting attribute row per distinct token key, and writes all rows at once
with ``Doc.from_array``, which sets the same ``TokenC`` fields ``set_token_attrs`` does.

Precedence is the AttributeRuler's: all patterns are matched on the tokens as they come in, then
applied in pattern order, so for each token and attribute the last pattern that sets it wins.

A ruler with a pattern shape this module does not compile (operators, extension attributes,
MORPH predicates, attributes outside :data:`KEY_ATTRS`/:data:`SET_ATTRS`) is left in place.

:class:`FastLemmatizer` does the same for the rule lemmatizer, whose result is a function of the
token's ORTH, POS, MORPH and current LEMMA: it asks the stock lemmatizer once per distinct key.

:func:`speed_up` swaps both into a loaded pipeline; ``tests/test_nlp_fast.py`` checks exactness.
"""
from __future__ import annotations

import re
from typing import Any, Callable

import numpy
from spacy.attrs import IDS
from spacy.errors import Errors
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Token attributes a pattern may test (the Matcher reads them as hashes or 0/1 flags).
KEY_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "TAG", "POS", "DEP", "LEMMA",
                       "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
                       "IS_PUNCT", "IS_SPACE", "LIKE_NUM", "IS_STOP", "IS_BRACKET", "IS_QUOTE",
                       "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_URL", "LIKE_EMAIL"})
# Attributes a pattern may set: Doc.from_array writes them exactly as set_token_attrs does.
SET_ATTRS = ("POS", "TAG", "DEP", "LEMMA", "MORPH")
CACHE_LIMIT = 500_000  # distinct token keys kept before the cache starts afresh


class Unsupported(ValueError):
    """A pattern shape the compiler does not handle; the stock component stays."""


def _attr_name(key: Any) -> str:
    name = key if isinstance(key, str) else next((k for k, v in IDS.items() if v == key), str(key))
    name = name.upper()
    return "ORTH" if name == "TEXT" else name


def _predicate(value: Any) -> Callable[[int, Callable[[int], str]], bool]:
    """``test(hash, to_string)`` for one pattern value: exact, IN, NOT_IN or REGEX."""
    if isinstance(value, bool):
        want = int(value)
        return lambda h, s: h == want
    if isinstance(value, (str, int)):
        want = get_string_id(value)
        return lambda h, s: h == want
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple, set)):
            ids = frozenset(int(a) if isinstance(a, bool) else get_string_id(a) for a in arg)
            return (lambda h, s: h in ids) if op == "IN" else (lambda h, s: h not in ids)
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda h, s: bool(rx.search(s(h)))
    raise Unsupported(f"pattern value {value!r}")


class _Spec:
    """One token of a pattern: a conjunction of predicates over key columns."""

    def __init__(self, token_pattern: dict, columns: dict[str, int]):
        if not isinstance(token_pattern, dict) or not token_pattern:
            raise Unsupported(f"token pattern {token_pattern!r}")
        self.tests = []
        for key, value in token_pattern.items():
            name = _attr_name(key)
            if name not in KEY_ATTRS:
                raise Unsupported(f"attribute {key!r}")
            self.tests.append((columns.setdefault(name, len(columns)), _predicate(value)))

    def __call__(self, row: tuple[int, ...], to_string) -> bool:
        return all(test(row[col], to_string) for col, test in self.tests)


class FastAttributeRuler:
    """Drop-in for a loaded ``AttributeRuler`` (see the module docstring); ``stock`` is the original."""

    def __init__(self, stock):
        self.stock, self.name, self.vocab = stock, stock.name, stock.vocab
        columns: dict[str, int] = {}
        self.single: list[tuple[int, _Spec]] = []                 # (rule, spec)
        self.multi: list[tuple[int, tuple[_Spec, ...], int]] = []  # (rule, specs, target offset)
        self.rule_attrs: list[list[tuple[int, int]]] = []           # rule -> [(set column, value)]
        for rule, p in enumerate(stock.patterns):
            self.rule_attrs.append(self._compile_attrs(p["attrs"]))
            for pattern in p["patterns"]:
                specs = tuple(_Spec(t, columns) for t in pattern)
                if not specs:
                    raise Unsupported("empty pattern")
                index = p.get("index", 0)
                if not -len(specs) <= index < len(specs):
                    raise Unsupported(f"index {index} outside a pattern of {len(specs)}")
                if len(specs) == 1:
                    self.single.append((rule, specs[0]))
                else:
                    self.multi.append((rule, specs, index % len(specs)))
        self.set_cols = [columns.setdefault(name, len(columns)) for name in SET_ATTRS]
        self.attrs = [IDS[name] for name in columns]  # the columns read: tested and written ones
        # Spec identity -> bit, for the multi-token patterns' per-token tests.
        self.multi_specs = list({id(s): s for _, specs, _ in self.multi for s in specs}.values())
        if len(self.multi_specs) > 62:
            raise Unsupported(f"{len(self.multi_specs)} multi-token pattern tokens (bits of an int64)")
        self.bit = {id(s): 1 << i for i, s in enumerate(self.multi_specs)}
        self.cache: dict[tuple, tuple[tuple[int, ...], tuple[int, ...], int]] = {}
        self.merged: dict[tuple, tuple[int, ...]] = {}

    def _compile_attrs(self, attrs: dict) -> list[tuple[int, int]]:
        from spacy.tokens._retokenize import normalize_token_attrs

        norm = normalize_token_attrs(self.vocab, dict(attrs))
        out = []
        for key, value in norm.items():
            name = _attr_name(key)
            if name not in SET_ATTRS:
                raise Unsupported(f"sets {key!r}")
            out.append((SET_ATTRS.index(name), int(value)))
        return out

    # Pipe-like surface spaCy and callers use.
    @property
    def patterns(self):
        return self.stock.patterns

    def __getattr__(self, name):  # to_bytes, to_disk, add, ... fall through to the stock ruler
        return getattr(self.stock, name)

    def pipe(self, stream, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def _key(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...], int]:
        """(output row, single rules that matched, multi-spec bits) for one distinct token key."""
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        if len(self.cache) >= CACHE_LIMIT:
            self.cache.clear()
        strings = self.vocab.strings
        to_string = strings.__getitem__
        rules = tuple(rule for rule, spec in self.single if spec(key, to_string))
        bits = 0
        for spec in self.multi_specs:
            if spec(key, to_string):
                bits |= self.bit[id(spec)]
        hit = (self._apply(key, rules), rules, bits)
        self.cache[key] = hit
        return hit

    def _apply(self, key: tuple[int, ...], rules) -> tuple[int, ...]:
        """The written columns (SET_ATTRS) after applying ``rules`` in order (a later rule wins)."""
        row = [key[c] for c in self.set_cols]
        for rule in sorted(rules):
            for col, value in self.rule_attrs[rule]:
                row[col] = value
        return tuple(row)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        table = doc.to_array(self.attrs)
        uniq, inv = _unique_rows(table)
        hits = [self._key(k) for k in map(tuple, uniq.tolist())]
        out = numpy.array([h[0] for h in hits], dtype=numpy.uint64)[inv]
        if self.multi:
            bits = numpy.array([h[2] for h in hits], dtype=numpy.int64)[inv]
            extra: dict[int, list[int]] = {}
            for rule, specs, offset in self.multi:
                starts = n - len(specs) + 1
                if starts <= 0:
                    continue
                ok = numpy.ones(starts, dtype=bool)
                for j, spec in enumerate(specs):
                    ok &= (bits[j:j + starts] & self.bit[id(spec)]) != 0
                for i in numpy.flatnonzero(ok).tolist():
                    extra.setdefault(i + offset, []).append(rule)
            for i, rules in extra.items():
                key, single = tuple(uniq[inv[i]].tolist()), hits[inv[i]][1]
                mkey = (key, tuple(sorted(set(single) | set(rules))))
                if mkey not in self.merged:
                    self.merged[mkey] = self._apply(key, mkey[1])
                out[i] = self.merged[mkey]
        changed = [j for j, c in enumerate(self.set_cols) if (out[:, j] != table[:, c]).any()]
        if changed:  # write only the columns some token changes (TAG and DEP rarely do)
            doc.from_array([IDS[SET_ATTRS[j]] for j in changed], out[:, changed])
        return doc


def _unique_rows(table: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``numpy.unique(table, axis=0, return_inverse=True)``, by lexsort (several times faster)."""
    order = numpy.lexsort(table.T[::-1])
    rows = table[order]
    new = numpy.empty(len(rows), dtype=bool)
    new[0] = True
    new[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    inv = numpy.empty(len(rows), dtype=numpy.int64)
    inv[order] = numpy.cumsum(new) - 1
    return rows[new], inv


class FastLemmatizer:
    """Drop-in for a loaded rule ``Lemmatizer``: one stock call per distinct (ORTH, POS, MORPH, LEMMA)."""

    COLUMNS = [IDS["ORTH"], IDS["POS"], IDS["MORPH"], IDS["LEMMA"]]

    def __init__(self, stock):
        if getattr(stock, "mode", None) != "rule":
            raise Unsupported(f"lemmatizer mode {getattr(stock, 'mode', None)!r}")
        self.stock, self.name, self.vocab = stock, stock.name, stock.vocab
        self.cache: dict[tuple[int, int, int, int], int] = {}

    def __getattr__(self, name):
        return getattr(self.stock, name)

    def pipe(self, stream, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.stock._validated:
            self.stock._validate_tables(Errors.E1004)
        overwrite, cache, strings = self.stock.overwrite, self.cache, self.vocab.strings
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        lemmas = []
        for i, key in enumerate(map(tuple, doc.to_array(self.COLUMNS).tolist())):
            lemma = cache.get(key)
            if lemma is None:
                lemma = key[3]
                if overwrite or lemma == 0:
                    lemma = strings.add(self.stock.lemmatize(doc[i])[0])
                cache[key] = lemma
            lemmas.append(lemma)
        doc.from_array([IDS["LEMMA"]], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


FACTORIES = {"attribute_ruler": FastAttributeRuler, "lemmatizer": FastLemmatizer}


def speed_up(nlp: Language) -> Language:
    """Swap the pipeline's attribute ruler and rule lemmatizer for the exact fast versions, in place.

    A component whose patterns or mode the fast version does not support is kept as it is.
    """
    for i, (name, comp) in enumerate(nlp._components):  # no public API swaps an instance in place
        cls = FACTORIES.get(nlp.get_pipe_meta(name).factory)
        if cls is None:
            continue
        try:
            fast = cls(comp)
        except Unsupported:
            continue
        nlp._components[i] = (name, fast)
    return nlp
