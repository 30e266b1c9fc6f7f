"""Totals: 'the death toll rose to 40', 'bringing the total to 80', 'the number of people killed has risen to
52' (running totals, flagged cumulative), and a toll a claimant revises ('raised the toll from 20 to 29':
the event's own figure)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.stages.counts.quantify import categories, cues, new_figure, quantify
from sitrep.syntax import of_object

if TYPE_CHECKING:
    from sitrep.stages.counts.rules import Found


def read_totals(toks, found: list[Found], add) -> None:
    """'the death toll rose to 40', 'bringing the total to 80', 'the number of people killed has
    risen to 52': running totals, with the category of their 'of' phrase or of the sentence; and revised
    tolls ('the toll was raised from 20 to 29'), the event's own figure, not cumulative."""
    cat = categories()
    for t in toks:
        if t.lemma_.lower() not in cues()["totals"] or t.pos_ != "NOUN":
            continue
        # 'the death toll', 'the death total': a category noun before the total names its category
        words = {c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod")}
        category = next((cat["nouns"][w]["category"] for w in sorted(words) if w in cat["nouns"]), None)
        if category is None and t.lemma_.lower() == "toll":
            category = "killed"
        of = of_object(t)
        if category is None and of is not None:
            mods = [of] + [c for c in of.children if c.dep_ in ("acl", "amod", "relcl")]
            for m in mods:
                e = cat["nouns"].get(m.lemma_.lower()) or cat["verbs"].get(m.lemma_.lower())
                a = cat["adjectives"].get(m.lower_)
                category = (e or {}).get("category") or a
                if category:
                    break
        if category is None and found:
            category = min(found, key=lambda f: abs(f.trigger.i - t.i)).category
        if category is None:
            continue
        revision = _revision(t)
        if revision is not None:  # 'raised the toll from 20 to 29': 29 is the event's corrected toll
            old = _old_figure(revision)
            for n in _revised_numbers(revision):
                add(category, new_figure(n), t, n, revised=True, replaces=old)
        for n in _toll_numbers(t):
            add(category, quantify(n, require_person=False), t, n, True)


def _revision(toll):
    """The revision verb that corrects a toll: its head ('officials raised the toll', 'the toll was revised')
    or a later verb of the sentence whose subject or object is 'it' ('gave a toll of 17; it was raised to
    21')."""
    verbs = cues()["revision_verbs"]
    if toll.dep_ in ("dobj", "nsubjpass") and toll.head.lemma_.lower() in verbs:
        return toll.head
    for v in toll.doc[toll.i + 1:toll.sent.end]:
        if v.lemma_.lower() in verbs and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "it" for c in v.children):
            return v
    return None


def _old_figure(v) -> int | None:
    """The figure a revision replaces: the number after its 'from' ('raised the toll from 20 to 29')."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            for g in c.children:
                if g.dep_ == "quantmod" and g.like_num or g.dep_ == "pobj" and g.like_num and not any(
                        q.dep_ == "quantmod" and q.lower_ == "to" for q in g.children):
                    return (q := new_figure(g, old=True)) and q.value
            for g in (g for x in c.children if x.dep_ == "pobj" for g in x.children):
                if g.dep_ == "quantmod" and g.like_num:  # 'from 20 to 29' read as one number phrase
                    return (q := new_figure(g, old=True)) and q.value
    return None


def _revised_numbers(v) -> list:
    """The new figure of a revision: the object of its 'to' ('raised the toll to 29', 'was revised to 21');
    'from 20 to 29' may be parsed as one number phrase (29, with 'to' a quantmod) or with the 'to' hung
    from the old figure or from 'from'."""
    out = []
    for c in v.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            out += [g for g in c.children if g.dep_ == "pobj"]
        if c.dep_ == "prep" and c.lower_ == "from":
            olds = [g for g in c.children if g.dep_ == "pobj" and g.like_num]
            out += [g for g in olds if any(q.dep_ == "quantmod" and q.lower_ == "to" for q in g.children)]
            out += [n for h in [c, *olds] for q in h.children if q.dep_ == "prep" and q.lower_ == "to"
                    for n in q.children if n.dep_ == "pobj"]
    return out


def _toll_numbers(toll) -> list:
    """'the death toll rose to 40', 'stands at 40', 'reached 40', 'the toll is 40', 'a toll of 40'."""
    v = toll.head
    out = []
    for c in toll.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            out += [g for g in c.children if g.dep_ == "pobj" and g.like_num]
        if c.dep_ in ("appos", "nummod"):
            out.append(c)
    if toll.dep_ in ("nsubj", "nsubjpass"):
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "at", "of"):
                out += [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ in ("dobj", "attr", "npadvmod"):
                out.append(c)
    if toll.dep_ == "dobj":  # "brought the toll to 40"
        for c in v.children:
            if c.dep_ in ("prep", "dative") and c.lower_ == "to":
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out
