"""An exact, faster stand-in for spaCy's ``AttributeRuler``.

spaCy's ``AttributeRuler`` runs a ``Matcher`` over every token for its ~180 patterns (tag map,
TAG+LOWER exceptions, a few DEP patterns) and then sets attributes one match at a time through
``Span`` objects; in ``en_core_web_sm`` that costs about as much as the parser. Its outcome for a
token, though, depends only on a few attributes of that token (TAG, LOWER, DEP, IS_SPACE, ...) and,
for the rare multi-token patterns, on its neighbours'. :class:`FastAttributeRuler` compiles the
loaded ruler's own patterns (``ruler.patterns``, never a hand copy) into predicates over attribute
hashes, maps each tested value to its *class* (the predicates it meets), caches the outcome per
distinct key of classes, and writes all tokens at once with ``Doc.from_array``, which sets the same
``TokenC`` fields ``set_token_attrs`` does.

Precedence is the AttributeRuler's: all patterns are matched on the tokens as they come in, then
applied in pattern order, so for each token and attribute the last pattern that sets it wins.

A ruler with a pattern shape this module does not compile (operators, extension attributes,
MORPH predicates, attributes outside :data:`KEY_ATTRS`/:data:`SET_ATTRS`) raises
:class:`Unsupported`, and :func:`sitrep.nlp_fast.speed_up` leaves the stock ruler in place.
"""
from __future__ import annotations

import re
from typing import Any, Callable

import numpy
from spacy.attrs import IDS
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


class _Column:
    """One tested attribute: the predicates patterns apply to it, and each value's *class*.

    A value's class is the set of those predicates it satisfies, interned as a small int; a token's
    outcome depends on its classes only, so the outcome cache stays small even over a vocabulary
    of millions (LOWER values fall into a few dozen classes).
    """

    def __init__(self, to_string: Callable[[int], str]):
        self.to_string = to_string
        self.equal: dict[int, list[int]] = {}               # value -> ids of EQ/IN predicates it meets
        self.not_in: list[tuple[int, frozenset[int]]] = []
        self.regex: list[tuple[int, re.Pattern]] = []
        self.known: dict[tuple, int] = {}                   # (kind, argument) -> predicate id
        self.classes: list[frozenset[int]] = []
        self.class_id: dict[frozenset[int], int] = {}
        self.of_value: dict[int, int] = {}

    def add(self, value: Any, new_id: int) -> int:
        """Register one pattern value (exact, IN, NOT_IN or REGEX); its predicate id."""
        if isinstance(value, (bool, str, int)):
            kind, arg = "IN", frozenset([int(value) if isinstance(value, bool) else get_string_id(value)])
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
            (kind, arg), = value.items()
            if kind == "REGEX" and not isinstance(arg, str) or kind != "REGEX" and not isinstance(
                    arg, (list, tuple, set)):
                raise Unsupported(f"pattern value {value!r}")
            if kind != "REGEX":
                arg = frozenset(int(a) if isinstance(a, bool) else get_string_id(a) for a in arg)
        else:
            raise Unsupported(f"pattern value {value!r}")
        if (kind, arg) in self.known:
            return self.known[kind, arg]
        self.known[kind, arg] = new_id
        if kind == "IN":
            for v in arg:
                self.equal.setdefault(v, []).append(new_id)
        elif kind == "NOT_IN":
            self.not_in.append((new_id, arg))
        else:
            self.regex.append((new_id, re.compile(arg)))
        return new_id

    def klass(self, value: int) -> int:
        hit = self.of_value.get(value)
        if hit is None:
            met = set(self.equal.get(value, ()))
            met.update(pid for pid, ids in self.not_in if value not in ids)
            if self.regex:
                text = self.to_string(value)
                met.update(pid for pid, rx in self.regex if rx.search(text))
            key = frozenset(met)
            if key not in self.class_id:
                self.class_id[key] = len(self.classes)
                self.classes.append(key)
            if len(self.of_value) >= CACHE_LIMIT:
                self.of_value.clear()
            hit = self.of_value[value] = self.class_id[key]
        return hit


class StandIn:
    """What both stand-ins share: spaCy's pipe surface, and the stock component (``self.stock``) for
    anything else (to_bytes, add, labels, ...)."""

    def __getattr__(self, name):
        if name == "stock" or name.startswith("__"):  # not set yet (copy, unpickling)
            raise AttributeError(name)
        return getattr(self.stock, name)

    def pipe(self, stream, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)


class FastAttributeRuler(StandIn):
    """Drop-in for a loaded ``AttributeRuler`` (see the module docstring); ``stock`` is the original."""

    def __init__(self, stock):
        self.stock, self.name, self.vocab = stock, stock.name, stock.vocab
        tested: dict[str, _Column] = {}
        n_preds = 0

        def spec(token_pattern) -> tuple[tuple[int, int], ...]:
            """One pattern token: (tested column, predicate id) pairs, all of which must hold."""
            nonlocal n_preds
            if not isinstance(token_pattern, dict) or not token_pattern:
                raise Unsupported(f"token pattern {token_pattern!r}")
            tests = []
            for key, value in token_pattern.items():
                name = _attr_name(key)
                if name not in KEY_ATTRS:
                    raise Unsupported(f"attribute {key!r}")
                column = tested.setdefault(name, _Column(self.vocab.strings.__getitem__))
                pid = column.add(value, n_preds)
                n_preds += pid == n_preds
                tests.append((list(tested).index(name), pid))
            return tuple(tests)

        self.single: list[tuple[int, tuple]] = []                # (rule, spec)
        self.multi: list[tuple[int, tuple[tuple, ...], int]] = []  # (rule, specs, target offset)
        self.rule_attrs: list[list[tuple[int, int]]] = []          # rule -> [(SET_ATTRS column, value)]
        for rule, p in enumerate(stock.patterns):
            self.rule_attrs.append(self._compile_attrs(p["attrs"]))
            for pattern in p["patterns"]:
                specs = tuple(spec(t) for t in pattern)
                index = p.get("index", 0)
                if not specs or not -len(specs) <= index < len(specs):
                    raise Unsupported(f"index {index} for a pattern of {len(specs)}")
                if len(specs) == 1:
                    self.single.append((rule, specs[0]))
                else:
                    self.multi.append((rule, specs, index % len(specs)))
        self.columns = list(tested.values())
        self.by_pid: dict[int, list[tuple[int, tuple]]] = {}  # single-token specs under their first test
        for rule, sp in self.single:
            self.by_pid.setdefault(sp[0][1], []).append((rule, sp))
        self.n_test = len(self.columns)
        # Read: the tested attributes, then the written ones (their values stay where no rule sets them).
        self.attrs = [IDS[name] for name in tested] + [IDS[name] for name in SET_ATTRS]
        multi_specs = list(dict.fromkeys(s for _, specs, _ in self.multi for s in specs))
        if len(multi_specs) > 62:
            raise Unsupported(f"{len(multi_specs)} tokens in multi-token patterns (bits of an int64)")
        self.bit = {s: 1 << i for i, s in enumerate(multi_specs)}
        self.cache: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...], int]] = {}
        self.merged: dict[tuple, tuple[int, ...]] = {}

    def _compile_attrs(self, attrs: dict) -> list[tuple[int, int]]:
        from spacy.tokens._retokenize import normalize_token_attrs

        out = []
        for key, value in normalize_token_attrs(self.vocab, dict(attrs)).items():
            name = _attr_name(key)
            if name not in SET_ATTRS:
                raise Unsupported(f"sets {key!r}")
            out.append((SET_ATTRS.index(name), int(value)))
        return out

    def _outcome(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...], int]:
        """(written columns, single-token rules met, multi-token pattern tokens met) for a key:
        the tested columns' classes, then the written columns' current values."""
        hit = self.cache.get(key)
        if hit is None:
            met = [col.classes[k] for col, k in zip(self.columns, key)]

            def holds(spec) -> bool:
                return all(pid in met[c] for c, pid in spec)

            rules = tuple(sorted({rule for m in met for pid in m for rule, spec in self.by_pid.get(pid, ())
                                  if holds(spec)}))
            bits = sum(bit for spec, bit in self.bit.items() if holds(spec))
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            hit = self.cache[key] = (self._apply(key[self.n_test:], rules), rules, bits)
        return hit

    def _apply(self, current: tuple[int, ...], rules) -> tuple[int, ...]:
        """The written columns after applying ``rules`` in order (a later rule wins)."""
        row = list(current)
        for rule in sorted(rules):
            for col, value in self.rule_attrs[rule]:
                row[col] = value
        return tuple(row)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        table = doc.to_array(self.attrs)
        n_test = self.n_test
        keyed = table.copy()
        for c, col in enumerate(self.columns):  # each tested value -> its class, once per distinct value
            values, where = numpy.unique(table[:, c], return_inverse=True)
            keyed[:, c] = numpy.array([col.klass(v) for v in values.tolist()], dtype=numpy.uint64)[where]
        uniq, inv = unique_rows(keyed)
        keys = list(map(tuple, uniq.tolist()))
        hits = [self._outcome(k) for k in keys]
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
                    ok &= (bits[j:j + starts] & self.bit[spec]) != 0
                for i in numpy.flatnonzero(ok).tolist():
                    extra.setdefault(i + offset, []).append(rule)
            if len(self.merged) >= CACHE_LIMIT:
                self.merged.clear()
            for i, rules in extra.items():
                u = int(inv[i])
                mkey = (keys[u][n_test:], tuple(sorted(set(hits[u][1]) | set(rules))))
                if mkey not in self.merged:
                    self.merged[mkey] = self._apply(*mkey)
                out[i] = self.merged[mkey]
        current = table[:, n_test:]
        changed = [j for j in range(len(SET_ATTRS)) if (out[:, j] != current[:, j]).any()]
        if changed:  # write only the columns some token changes (TAG and DEP rarely do)
            doc.from_array([IDS[SET_ATTRS[j]] for j in changed], out[:, changed])
        return doc


def unique_rows(table: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``numpy.unique(table, axis=0, return_inverse=True)``, by lexsort (several times faster)."""
    order = numpy.lexsort(table.T[::-1])
    rows = table[order]
    new = numpy.empty(len(rows), dtype=bool)
    new[0] = True
    new[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    inv = numpy.empty(len(rows), dtype=numpy.int64)
    inv[order] = numpy.cumsum(new) - 1
    return rows[new], inv


