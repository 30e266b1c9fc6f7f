"""Which numbers count people of which category, read from the dependency parse.

Two routes, both driven by ``data/counts/categories.json``:

* predicates: a category verb, phrasal verb or adjective; its victim argument (object of an active
  verb, subject of a passive one or of an intransitive one, subject of a copula with a category
  complement, the noun a participle modifies) is quantified. The subject of an active transitive
  verb is the perpetrator and is never counted ("two gunmen killed ..." is not killed 2).
* nouns: a category noun with its own number ("40 deaths", "3 dead") or with an "of" phrase
  ("the bodies of 20 men"), and tolls ("the death toll rose to 40").

:func:`find_all` runs both over a sentence; who a predicate counts is :mod:`.victims` (its voice
:mod:`.voice`), totals and revised tolls :mod:`.totals`.
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep.stages.counts import links
from sitrep.stages.counts.quantify import Quantity, categories, cues, is_person, quantify
from sitrep.stages.counts.scan import Scan
from sitrep.stages.counts.totals import read_totals
from sitrep.stages.counts.victims import (adjective_victims, companions, compound_word, coordination_head, either,
                                          outcome_apart, shared_object, verb_entry, victims)
from sitrep.syntax import of_object

__all__ = ["Found", "find_all", "verb_entry"]


@dataclass
class Found:
    category: str
    quantity: Quantity
    trigger: object  # the spaCy token of the predicate or noun that gives the category
    np: object  # the head of the counted noun phrase
    cumulative: bool = False
    subset: bool = False
    revised: bool = False  # a toll a claimant revised ('raised the toll to 29'): the event's own figure
    replaces: int | None = None  # the old figure a revision names ('raised the toll from 20 to 29': 20)
    whole: "Found | None" = None  # the count a subset is part of ('12 people, including three children': the 12)


def find_all(sent, *, toks=None, scan: Scan | None = None) -> list[Found]:
    """Every count in one sentence (a spaCy Span), numbers used at most once. ``toks`` may pass
    ``list(doc)`` of the whole spaCy Doc and ``scan`` its :class:`Scan` (both built once per document)."""
    cat = categories()
    used: set[tuple[str, int]] = set()  # (category, token): the same people may be abducted and killed
    out: list[Found] = []

    def add(category, q, trigger, np, cumulative=False, subset=False, again=False, revised=False, replaces=None):
        """``again``: a predicate may count people another predicate counted ('went missing and was found
        murdered'); a noun, a total or a part ('including four displaced people') may not."""
        if q is None or used.intersection((category, t) for t in q.tokens):
            return
        part = subset or links.subset(np)
        if (part or not again) and any(t in {u for _, u in used} for t in q.tokens):
            return
        used.update((category, t) for t in q.tokens)
        out.append(Found(category, q, trigger, np, cumulative, subset, revised, replaces))

    toks = toks if toks is not None else list(sent.doc)  # a Span makes every token anew each time
    scan = scan if scan is not None else Scan(sent.doc)
    lo, hi = sent.start, sent.end
    for t in [toks[i] for i in scan.within(scan.predicates, lo, hi)]:
        if t.i > 1 and t.doc[t.i - 1].text == "-" and compound_word(t) in cat["not_categories"]:
            continue
        entry = verb_entry(t) if t.pos_ in ("VERB", "AUX", "ADJ") or t.tag_.startswith("VB") else None
        vs = victims(t, entry) if entry else []
        for np in vs + [c for np in vs for c in companions(t, np)]:
            # people another predicate counted may be counted again ('was kidnapped and killed'), unless
            # the predicate has a number of its own the parse lost ('ten were killed and over 70 wounded')
            own = np.head.i == t.i or t.dep_ in ("xcomp", "oprd", "acomp") or not any(
                x.like_num for x in t.subtree if x.i != t.i)
            # 'two militiamen killed and one wounded': the participle ends its noun's phrase
            until = t.i if t.dep_ in ("acl", "amod") and t.i > np.i and coordination_head(t.head).i == np.i else None
            people = entry.get("people", False)  # a verb that also takes things: person nouns only
            add(either(t, entry) or entry["category"],
                quantify(np, require_person=people or not _bare_ok(np, entry),
                         anyone=not people and entry["category"] in cues()["people_only"], until=until),
                t, np, again=own)
        if vs or (entry and t.tag_ == "VBD" and shared_object(t)):
            continue  # 'three gunmen killed, looted and burned the market': the subject is the doer
        adj = cat["adjectives"].get(t.lower_) if t.pos_ in ("ADJ", "VERB") or t.tag_ == "VBN" else None
        if adj:
            if any(c.dep_ == "nummod" for c in t.children):  # 'left 3 dead'
                add(adj, quantify(t, require_person=False), t, t)
            vs = adjective_victims(t)
            for np in (vs if t.dep_ == "amod" else outcome_apart(vs, t)):  # not 'One dead and two injured'
                add(adj, quantify(np, merge=t.dep_ != "amod"), t, np, again=True)
    for t in [toks[i] for i in scan.within(scan.nouns, lo, hi)]:
        entry = cat["nouns"].get(t.lemma_.lower()) or cat["nouns"].get(t.lower_)
        if not entry or t.pos_ not in ("NOUN", "ADJ", "PROPN", "VERB"):
            continue
        if entry.get("heads") and t.head.lemma_.lower() not in entry["heads"]:
            continue
        if t.lemma_.lower() == "toll" or t.lower_ == "toll":
            continue  # read with the other totals below
        if t.dep_ in ("amod", "acomp", "oprd"):
            continue  # adjectives are read by the predicate route
        of = None if entry.get("own_number") else of_object(t)
        named = of is not None and (is_person(of) or of.pos_ == "NUM")
        if named and (entry["category"], t.i) not in used:  # 'the bodies of three' (once: 'the beheaded corpse of')
            add(entry["category"], quantify(of, require_person=is_person(of)), t, of, entry.get("cumulative", False))
        q = quantify(t, require_person=False)
        if q is not None and named and not any(c.dep_ == "nummod" for c in t.children):
            continue  # 'the corpse of a girl' is the girl, counted once
        if q is not None and (q.value > 0 or q.negated):
            add(entry["category"], q, t, t, entry.get("cumulative", False))
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "NUM"):
            # "dozens of refugees"; "two of the injured" is part of a group counted elsewhere
            part = any(c.dep_ in ("det", "poss") for c in t.children)
            add(entry["category"], quantify(t.head.head, require_person=False), t, t.head.head, subset=part)
    read_totals([toks[i] for i in scan.within(scan.totals, lo, hi)], out, add)
    _subsets([toks[i] for i in scan.within(scan.subsets, lo, hi)], out, add)
    _wholes(out)
    return out


def _subsets(toks, found: list[Found], add) -> None:
    """'killed 12 people, including three children': the three are counted too, as a subset (its whole is
    set by :func:`_wholes`, as every part's)."""
    by_head = {f.np.i: f for f in found} | {f.trigger.i: f for f in found}
    for t in toks:
        if t.dep_ == "prep" and t.lower_ in cues()["subset_heads"] and t.head.i in by_head:
            f = by_head[t.head.i]
            for g in t.children:
                if g.dep_ == "pobj":
                    add(f.category, quantify(g), f.trigger, g)


def _wholes(found: list[Found]) -> None:
    """The count each 'including' part belongs to: the one whose noun or predicate the preposition
    hangs from ('killed 12 people, including three children'). A part of a group counted elsewhere
    ('two of the injured') keeps no whole."""
    wholes = [f for f in found if not (f.subset or links.subset(f.np))]
    by_head = {f.np.i: f for f in wholes} | {f.trigger.i: f for f in wholes}
    for f in found:
        if links.subset(f.np):
            f.whole = by_head.get(f.np.head.head.i)


def _bare_ok(np, entry) -> bool:
    """A bare number ('killed four') stands for people with verbs that only take people."""
    return entry["category"] not in ("captured", "besieged", "evacuated") or is_person(np)
