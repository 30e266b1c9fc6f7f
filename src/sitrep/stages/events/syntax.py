"""Dependency-tree helpers: the clause an event is read from, and its source and target arguments.

The clause of a verb trigger is its subtree without coordinated clauses, adverbial clauses and
parentheticals (``conj``, ``cc``, ``advcl``, ``parataxis``); a speech act (REQUEST, ACCUSE, ...) keeps its
reported content (``ccomp``), other events leave it out. A noun trigger is read from the clause of the
verb its noun phrase is an argument of ("strikes had targeted aid points"), or from the noun phrase alone.
"""
from __future__ import annotations

from spacy.strings import get_string_id

from sitrep.stages.events.lexicon import lemma
from sitrep import vocab
from sitrep.syntax import conj_heads

SPEECH_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "CONCEDE", "SUPPORT"}
_LABELS = vocab.table("events/syntax.json")
NP_CLIMB = frozenset(_LABELS["np_climb"])
ARG_DEPS = frozenset(_LABELS["argument_deps"])
VERB_TARGET_PREPS = frozenset(_LABELS["verb_target_preps"])
NOUN_TARGET_PREPS = frozenset(_LABELS["noun_target_preps"])


def governing_verb(tok):
    """The verb a noun trigger's phrase is an argument of, or None ("scenes of carnage" -> revealed)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.dep_ in ("ROOT",) or t.head.i == t.i:
            return None
        if t.dep_ in NP_CLIMB or t.dep_ in ARG_DEPS or t.dep_ in ("pcomp", "acl"):
            t = t.head
            continue
        return None
    return None


def clause_head(tok, *, noun: bool):
    """The head of the clause an event is read from.

    A gerund under a preposition reads from what the preposition attaches to ("damaged during shelling"),
    and a participle that modifies a noun reads from that noun's phrase ("a school damaged during ...").
    """
    h = tok
    if noun:
        v = governing_verb(tok)
        h = v if v is not None else tok
    if h.dep_ == "pcomp" and h.head.dep_ == "prep" and h.head.head.i != h.head.i:
        h = h.head.head
    if h.dep_ in ("acl", "amod") and h.pos_ in ("VERB", "AUX") and h.head.pos_ in ("NOUN", "PROPN"):
        h = h.head
    return h


_VERBAL = {get_string_id("VERB"), get_string_id("AUX")}
_SKIP_ALWAYS = {get_string_id("advcl"), get_string_id("parataxis")}  # clauses a trigger's clause never takes in
_SKIP_VERBAL = {get_string_id("cc"), get_string_id("preconj")}  # a verb's coordinators
_CCOMP, _CONJ = get_string_id("ccomp"), get_string_id("conj")


class Tree:
    """A parsed document's tokens with their offsets, POS and dependency ids and children by index, read
    from its arrays once, for walks that visit many tokens (:func:`clause_tokens`). The children of token
    ``k`` are ``order[first[k]:first[k + 1]]`` (in document order): two flat lists sorted by numpy, not a
    list per token."""

    def __init__(self, sp, tokens: list, offsets: list[int], pos: list[int]):
        import numpy as np
        from spacy.attrs import DEP, HEAD

        self.tokens, self.offsets, self.pos = tokens, offsets, pos
        self.deps = sp.to_array(DEP).tolist()
        heads = np.arange(len(tokens), dtype="int64") + sp.to_array(HEAD).astype("int64")  # head offsets, signed
        heads[heads == np.arange(len(tokens))] = len(tokens)  # a root is nobody's child: sorted past the end
        order = np.argsort(heads, kind="stable")  # children grouped by head, each group in document order
        self.order = order.tolist()
        self.first = np.searchsorted(heads[order], np.arange(len(tokens) + 1)).tolist()

    @classmethod
    def of(cls, words) -> "Tree":
        """The tree of a :class:`sitrep.tokens.Parse`, which has read the same arrays."""
        tree = cls.__new__(cls)
        tree.tokens, tree.offsets, tree.pos, tree.deps = words.words, words.offsets, words.pos, words.deps
        tree.order, tree.first = words.order, words.first
        return tree

    def children(self, tok) -> list:
        """``list(tok.children)``, from the document's token objects (spaCy makes new ones on every walk)."""
        order, k = self.order, tok.i
        return [self.tokens[order[j]] for j in range(self.first[k], self.first[k + 1])]

    @property
    def kids(self) -> list[list[int]]:
        """The children of every token, by index (lists built on demand: the walks read ``order``)."""
        return [self.order[a:b] for a, b in zip(self.first, self.first[1:])]


def clause_tokens(head, *, keep_content: bool, bounds: tuple[int, int], tree: Tree | None = None) -> list:
    """Tokens of the clause headed by ``head`` (document order), inside the character ``bounds``.

    Coordinated clauses ("sanctioned two banks and vowed ..."), adverbial clauses and parentheticals are
    left out; coordinated nouns ("funds and weapons") stay. (Labels are compared by id: the string
    properties cost a look-up each.)
    """
    lo, hi = bounds
    skip = _SKIP_ALWAYS if keep_content else _SKIP_ALWAYS | {_CCOMP}
    conj = _CONJ
    if tree is not None:  # the same walk over the document's arrays
        offs, pos, deps, order, first = tree.offsets, tree.pos, tree.deps, tree.order, tree.first
        found, ks = [], [head.i]
        while ks:
            k = ks.pop()
            if not (lo <= offs[k] < hi):
                continue
            found.append(k)
            verbal = pos[k] in _VERBAL
            for j in range(first[k], first[k + 1]):
                c = order[j]
                d = deps[c]
                if d in skip:
                    continue
                if verbal and (d == conj and pos[c] in _VERBAL or d in _SKIP_VERBAL):
                    continue
                ks.append(c)
        found.sort()
        return [tree.tokens[k] for k in found]
    out = []
    stack = [head]
    while stack:
        t = stack.pop()
        if not (lo <= t.idx < hi):
            continue
        out.append(t)
        verbal = t.pos in _VERBAL
        for c in t.children:
            d = c.dep
            if d in skip:
                continue
            if verbal and (d == conj and c.pos in _VERBAL or d in _SKIP_VERBAL):
                continue
            stack.append(c)
    out.sort(key=lambda t: t.i)
    return out


def evidence_span(tokens, trigger_tokens) -> tuple[int, int]:
    """Character span from the first to the last clause token, trimmed of punctuation and quotes."""
    by_i = {t.i: t for t in tokens}  # tokens of one document: the same token has the same index
    for t in trigger_tokens:
        by_i.setdefault(t.i, t)
    toks = [by_i[i] for i in sorted(by_i)]
    toks = [t for t in toks if not t.is_space]
    while len(toks) > 1 and (toks[0].is_punct or toks[0].dep_ in ("cc", "mark")):
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].is_punct:
        toks = toks[:-1]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


_NP_KEEP = {get_string_id(k) for k in _LABELS["np_keep"]}
_NP_PREP = get_string_id("prep")


def np_tokens(tok, *, max_len: int = 8) -> list:
    """The compact noun phrase of a token: its determiners, modifiers and compounds, not its clauses."""
    keep, prep = _NP_KEEP, _NP_PREP
    out = [tok]
    stack = [c for c in tok.children if c.dep in keep]
    while stack:
        t = stack.pop()
        if t.dep == prep and lemma(t) != "of":
            continue
        out.append(t)
        stack.extend(c for c in t.children if c.dep in keep)
    out.sort(key=lambda t: t.i)
    if len(out) > max_len:
        out = [t for t in out if t.i <= tok.i][-max_len:]
    return out


def is_passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubj" for c in tok.children))


def pobj_of(tok, preps: set[str]) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and lemma(c) in preps:
            out.extend(x for p in c.children if p.dep_ == "pobj" for x in conj_heads(p))
    return out


def verb_subjects(tok) -> list:
    t = tok
    for _ in range(5):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subs:
            if subs[0].lower_ in ("which", "who", "that") and t.dep_ == "relcl":
                return [t.head]
            return [x for s in subs for x in conj_heads(s)]
        if t.dep_ in ("xcomp", "conj", "acl") and t.head.i != t.i and t.head.pos_ in ("VERB", "AUX"):
            t = t.head
            continue
        if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.pos_ in ("VERB", "AUX"):  # "X hit back, saying ..."
            t = t.head
            continue
        break
    return []


def not_time(toks) -> list:
    return [t for t in toks if t.ent_type_ not in ("DATE", "TIME") and t.pos_ != "PRON" or t.lower_ in
            ("he", "she", "they", "we")]


def arguments(tok, *, noun: bool) -> tuple[list, list]:
    """(source heads, target heads) of a trigger token, from the dependency parse."""
    if noun:
        src = [c for c in tok.children if c.dep_ == "poss"]
        src += [c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")]
        src += pobj_of(tok, {"by"})
        tgt = pobj_of(tok, NOUN_TARGET_PREPS)
        if not src:
            v = governing_verb(tok)
            if v is not None and tok.dep_ == "dobj" and v.head is not None:
                src = verb_subjects(v)  # "Kuleba made a fresh appeal"
        return src, tgt
    if is_passive(tok):
        src = pobj_of(tok, {"by"})
        tgt = [x for c in tok.children if c.dep_ == "nsubjpass" for x in conj_heads(c)]
        if not tgt and tok.dep_ in ("acl", "relcl"):
            tgt = [tok.head]
        return src, tgt
    src = verb_subjects(tok)
    tgt = [x for c in tok.children if c.dep_ in ("dobj", "dative") for x in conj_heads(c)]
    if not tgt:
        tgt = not_time(pobj_of(tok, VERB_TARGET_PREPS))
    if not tgt and not pobj_of(tok, {"with"}):  # a shared object: "attacked and destroyed a tank" (but
        # "clashed with X and recovered a truck": the clash's other side is X, not the truck)
        tgt = next(([x for c in v.children if c.dep_ == "dobj" for x in conj_heads(c)] for v in tok.conjuncts
                    if v.i > tok.i and v.pos_ == "VERB" and any(c.dep_ == "dobj" for c in v.children)), [])
    return src, not_time(tgt)
