"""The event lexicons in ``sitrep/data/events/``: triggers, word classes, weapon cues, ACLED names.

Loaded once per process. Nothing here knows about documents except :func:`find_triggers`, which matches
the trigger lexicon against the tokens of a parsed sentence (lemma sequences, then the ``when`` conditions
over the dependency parse).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import repeat

from sitrep import vocab
from sitrep.resources import cached
from sitrep.syntax import conj_heads, of_object
from sitrep.tokens import Word

OBJ_DEPS = frozenset(vocab.table("events/syntax.json")["object_deps"])
PARTICLES = frozenset(vocab.table("events/syntax.json")["misparsed_particles"])
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})  # spaCy's entity labels of places ...
NOT_PLACES = frozenset({"PERSON", "NORP"})  # ... and of names that are never one
TIME_ENTITIES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True)
class Entry:
    """One line of ``triggers.tsv``."""

    words: tuple[str, ...]
    anchor: int
    pos: str  # V, N or A
    type: str
    mode: str | None
    acled: str | None
    when: tuple[tuple[bool, str, str], ...]  # (negated, key, value)
    conf: float

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Match:
    """A trigger found in the text: the anchor token index, all token indices of the phrase, the entry."""

    anchor: int
    tokens: tuple[int, ...]
    entry: Entry


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in vocab.read_text(f"events/{name}").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _opt(v: str) -> str | None:
    return None if v in (".", "") else v


@cached
def triggers() -> dict[str, list[Entry]]:
    """Entries keyed by the lemma of their first word, in file order (the first entry that fits wins)."""
    out: dict[str, list[Entry]] = {}
    for phrase, pos, type_, mode, acled, when, conf in _tsv("triggers.tsv"):
        words = phrase.split()
        anchor = next((i for i, w in enumerate(words) if w.endswith("*")), 0)
        words = [w.rstrip("*") for w in words]
        conds = []
        if when != ".":
            for c in when.split(","):
                neg = c.startswith("!")
                k, v = c.lstrip("!").split("=", 1)
                conds.append((neg, k, v))
        e = Entry(tuple(words), anchor, pos, type_, _opt(mode), _opt(acled), tuple(conds), float(conf))
        out.setdefault(words[0], []).append(e)
    for v in out.values():  # longer phrases first, file order otherwise (sort is stable)
        v.sort(key=lambda e: -len(e.words))
    return out


@cached
def classes() -> dict[str, frozenset[str]]:
    raw = json.loads(vocab.read_text("events/classes.json"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@cached
def acled_names() -> dict[str, tuple[str, str]]:
    raw = json.loads(vocab.read_text("events/acled.json"))
    return {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}


@cached
def weapon_cues() -> list[tuple[tuple[str, ...], str, str | None]]:
    return [(tuple(cue.split()), mode, _opt(acled)) for cue, mode, acled in _tsv("weapons.tsv")]


@cached
def weapon_cues_by_first() -> dict[str, list[tuple[int, tuple[str, ...], str, str | None]]]:
    """The weapon cues keyed by their first word, each with its position in the file (first match wins)."""
    out: dict[str, list] = {}
    for order, (cue, mode, acled) in enumerate(weapon_cues()):
        out.setdefault(cue[0], []).append((order, cue, mode, acled))
    return out


@cached(limit=200_000)  # documents repeat their words; a long run must not grow memory
def lemma_text(h: int, strings) -> str:
    """The lower-cased lemma of a lemma hash (``strings``: the document's StringStore). Keyed on the hash,
    as spaCy stores it, so a token's lemma costs no string look-up once its word has been seen."""
    return strings[h].lower()


@cached(limit=200_000)
def text_of(h: int, strings) -> str:
    """The string of a hash (a lower form), memoised as :func:`lemma_text` is."""
    return strings[h]


def lemma(tok) -> str:
    """The token's lemma, lower-cased (a :class:`sitrep.tokens.Word` holds it)."""
    if tok.__class__ is Word:
        return tok.lem
    return lemma_text(tok.lemma, tok.vocab.strings)


def in_class(tok, name: str) -> bool:
    """Whether a token (by lemma, lower-cased text, or compound + head) is in a word class."""
    cls = classes().get(name, frozenset())
    lem = lemma(tok)
    if lem in cls or tok.lower_ in cls:
        return True
    if lem not in pair_heads(name):  # no two-word entry ends in this lemma: its modifiers cannot help
        return False
    return any(c.dep_ in ("compound", "amod") and f"{lemma(c)} {lem}" in cls for c in tok.children)


def place_like(tok, *, organisations: bool = True) -> bool:
    """Whether a token names a place: a place noun ("the town", "positions"), a place entity, or a proper
    name the model did not type as a person or a people (it often types a small town as an organisation, or
    not at all); ``organisations=False`` also refuses names typed ORG."""
    if in_class(tok, "place_nouns") or tok.ent_type_ in PLACE_ENTITIES:
        return True
    return tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_PLACES and (organisations or tok.ent_type_ != "ORG")


@cached
def pair_heads(name: str) -> frozenset[str]:
    """The last words of a class's two-word entries ("war crime" -> "crime"): the only lemmas for which
    :func:`in_class` looks at a token's modifiers."""
    return frozenset(w.split(" ")[1] for w in classes().get(name, frozenset()) if w.count(" ") == 1)


@cached
def class_keys(name: str) -> frozenset[str]:
    """The lemmas or lower forms a token needs for :func:`in_class` to hold: the class's words and the
    endings of its multi-word entries ("war crime" needs a token "crime")."""
    cls = classes().get(name, frozenset())
    ends = {w.split(" ", k)[-1] for w in cls for k in range(1, w.count(" ") + 1)}
    return cls | ends


def objects(tok) -> list:
    """The object heads of a trigger: direct objects, passive subjects, the 'of' complement of a noun."""
    out = []
    for c in tok.children:
        if c.dep_ in OBJ_DEPS:
            out.extend(conj_heads(c))
            # light nouns: "took control of the town", "launched attacks on the base"
            out.extend(x for p in c.children if p.dep_ == "prep" and lemma(p) in ("of", "on")
                       for x in p.children if x.dep_ == "pobj")
        elif c.dep_ == "prt" or (c.dep_ == "prep" and tok.pos_ == "VERB" and (
                lemma(c) == "against" or (c.i == tok.i + 1 and lemma(c) in PARTICLES))):
            # a particle, also one parsed as a preposition ("closed down the court", "blew up the bridge"),
            # or "against" after a verb ("fight against racism")
            out.extend(y for x in c.children if x.dep_ == "pobj" for y in conj_heads(x))
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "prep" and lemma(c) in ("of", "on", "against"):
                out.extend(x for p in c.children if p.dep_ == "pobj" for x in conj_heads(p))
            elif c.dep_ == "compound":
                out.append(c)
    if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":  # "a school damaged during shelling"
        out.append(tok.head)
    return out


def member(tok):
    """Who a collective or a number stands for: "hundreds of protesters", "a group of women" -> the noun of
    its "of" phrase; any other token is itself."""
    if tok.like_num or in_class(tok, "collectives"):
        x = of_object(tok)
        if x is not None:
            return x
    return tok


def _check(neg: bool, key: str, value: str, tok) -> bool:
    if key == "obj":
        ok = any(in_class(o, value) for o in objects(tok))
    elif key == "subj":
        from sitrep.stages.events.syntax import verb_subjects  # syntax builds on this module

        ok = any(in_class(s, value) or in_class(member(s), value) for s in verb_subjects(tok)) or (
            tok.dep_ == "nsubj" and in_class(tok, value))
    elif key == "head":
        h = tok.head
        while h.dep_ in ("conj", "prep", "pobj", "dobj") and h.pos_ not in ("VERB",) and h.head.i != h.i:
            h = h.head
        ok = h.pos_ in ("VERB", "AUX") and in_class(h, value)
    elif key == "mod":
        ok = any(c.dep_ in ("compound", "amod", "nmod") and in_class(c, value) for c in tok.children)
    elif key == "role":
        ok = tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass"))
    elif key == "comp":
        ok = any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    elif key == "modifier":  # a participle modifying a noun ("weapons seized last year"): background, no event
        ok = tok.dep_ in ("acl", "amod", "relcl")
    elif key == "lower":  # "a march", not the month
        ok = tok.text[:1].islower()
    elif key == "prep":  # a time is no argument: "fired on Tuesday", "fired at dawn" name no target
        ok = any(c.dep_ == "prep" and lemma(c) == value and not any(
            x.ent_type_ in TIME_ENTITIES for x in c.children if x.dep_ == "pobj") for c in tok.children)
    elif key == "objplace":  # "captured the town", "took control of Kidal": a place noun or a name, not a
        # person's or a people's (the model often types a small town as an organisation, or not at all)
        ok = any(place_like(o) for o in objects(tok))
    else:
        raise ValueError(f"triggers.tsv: unknown condition {key!r}")
    return ok != neg


def _pos_ok(pos: str, tok) -> bool:
    if pos == "V":
        return tok.pos_ == "VERB"
    if pos == "N":
        return tok.pos_ in ("NOUN", "PROPN")
    return tok.pos_ in ("VERB", "NOUN", "PROPN", "ADP", "ADJ")


def _phrase_at(entry: Entry, span, start: int, lems: list[str] | None = None,
               lows: list[str] | None = None) -> tuple[int, ...] | None:
    """Token indices (doc-level) of ``entry``'s phrase starting at sentence position ``start``; ``lems`` and
    ``lows`` are the lemmas and lower-cased texts of the span's tokens when the caller has them."""
    if start + len(entry.words) > len(span):
        return None
    idx = []
    for k, w in enumerate(entry.words):
        t = span[start + k]
        if lems is not None:
            if w != lems[start + k] and w != lows[start + k]:
                return None
        elif w not in (lemma(t), t.lower_):
            return None
        idx.append(t.i)
    return tuple(idx)


def forms(sp) -> tuple[list[str], list[str], list[int], list[int], list[int]]:
    """(lemmas as :func:`lemma` gives them, lower forms, POS ids, is-space flags, character offsets) of every
    token of a parsed document, read in one pass over its arrays instead of token by token."""
    from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, POS

    strings = sp.vocab.strings
    lhs, whs, pos, space, idx = sp.to_array([LEMMA, LOWER, POS, IS_SPACE, IDX]).T.tolist()
    lset, wset = set(lhs), set(whs)  # a word's strings looked up once per document; map() and zip(), not
    lem_of = dict(zip(lset, map(lemma_text, lset, repeat(strings))))  # comprehensions: no Python-level
    low_of = dict(zip(wset, map(text_of, wset, repeat(strings))))  # step per token (forms took ~10% of the stage)
    return list(map(lem_of.__getitem__, lhs)), list(map(low_of.__getitem__, whs)), pos, space, idx


def find_triggers(span, lems: list[str] | None = None, lows: list[str] | None = None) -> list[Match]:
    """Every trigger in a sentence (a spaCy span or a list of consecutive tokens), one per anchor token;
    blocked phrases consume their tokens. ``lems`` and ``lows`` are the sentence's slices of :func:`forms`
    when the caller has them."""
    lex = triggers()
    out: list[Match] = []
    used: set[int] = set()
    toks = list(span)
    if lems is None or lows is None:
        lems = [lemma(t) for t in toks]
        lows = [t.lower_ for t in toks]
    for i, tok in enumerate(toks):
        lem, low = lems[i], lows[i]
        first = lex.get(lem)
        other = lex.get(low) if low != lem else None
        if first is None and other is None:
            continue
        if tok.i in used:
            continue
        cands = list(first or ())
        if other:
            cands += other
        for entry in cands:
            idx = _phrase_at(entry, toks, i, lems, lows)
            if idx is None:
                continue
            anchor = toks[i + entry.anchor]
            if len(entry.words) == 1 and not _pos_ok(entry.pos, anchor):
                continue
            if not all(_check(n, k, v, anchor) for n, k, v in entry.when):
                continue
            used.update(idx)
            if entry.type != "-":
                out.append(Match(anchor.i, idx, entry))
            break
    return out
