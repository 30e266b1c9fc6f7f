"""Who a category predicate counts: the victim argument of a verb, phrasal verb or adjective (object of an
active verb, subject of a passive or intransitive one, the noun a participle modifies), with the repairs
of the small model's parse slips, the people killed along with them ('along with his driver'), and
whether an outcome is left open ('killed or wounded'). The subject of an active transitive verb is the
perpetrator and is never counted."""
from __future__ import annotations

from sitrep.stages.counts.quantify import categories, cues, is_person, numeral, quantify, singular_pronoun
from sitrep.stages.counts.scan import phrasal_firsts
from sitrep.stages.counts.voice import (bare_number_before, deps, headline_passive, participle_subject, passive,
                                        reduced)


def verb_entry(v) -> dict | None:
    """The lexicon entry of a verb, trying phrasal forms first ('gun down', 'take into custody').
    A phrasal entry carries the matched word's token index as ``_word``."""
    cat = categories()
    lemma = v.lemma_.lower()
    for c in (v.children if lemma in phrasal_firsts() else ()):
        keys = [f"{lemma} {c.lemma_.lower()}"]
        if c.dep_ == "prep":
            keys += [f"{lemma} {c.lower_} {g.lemma_.lower()}" for g in c.children if g.dep_ == "pobj"]
            keys += [f"{lemma} {g.lemma_.lower()}" for g in c.children if g.dep_ == "pobj"]
        for k in keys:
            if k in cat["phrasal"] and c.dep_ in deps()["phrasal_particle"]:
                return {**cat["phrasal"][k], "_word": c.i}
    if v.pos_ in ("VERB", "AUX") or v.tag_.startswith("VB"):
        return cat["verbs"].get(lemma)
    return None


def victims(v, entry: dict) -> list:
    """Heads of the noun phrases naming who the predicate happened to."""
    out = []
    word = entry.get("_word")
    kids = [c for c in v.children if c.i != word]
    extra = []
    if word is not None and v.doc[word].dep_ == "dobj":
        # 'took 12 villagers hostage' parsed with the victims as a compound of 'hostage'
        extra = [c for c in v.doc[word].children if c.dep_ == "compound"]
    if word is not None and v.doc[word].dep_ == "prep" and v.doc[word].pos_ == "ADJ":
        # 'gunmen shot dead a teacher' parsed with 'dead' as a preposition and the victim as its object: an
        # active verb with its object, though the small model tags it VBN like a headline's passive
        if objs := [c for c in v.doc[word].children if c.dep_ == "pobj"]:
            return objs
    if passive(v):
        out = [c for c in kids if c.dep_ in ("nsubjpass", "nsubj")]
        if not any(quantify(c, require_person=False) for c in out):
            out = _subject_before_aux(v) or out
        if not out and headline_passive(v):  # '2 killed.': the number hangs from the participle
            out = [c for c in kids if c.i < v.i and numeral(c) and c.dep_ in deps()["headline_number"]]
        if not out and reduced(v):
            out = [bare_number_before(v)]
        if not out and v.dep_ in ("acl", "amod") and v.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out = [coordination_head(v.head)]
        if not out and v.dep_ == "relcl":
            out = [v.head]
        if not out and v.dep_ in ("acomp", "oprd", "xcomp"):  # 'remain trapped', 'were found killed'
            out = _subjects(v.head)
        if not out and v.dep_ == "conj" and passive(v.head):  # 'were shot and injured'
            out = [c for c in v.head.children if c.dep_ == "nsubjpass"]
        if not out and v.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in v.head.children):
            out = _conjoined_object(v)  # a participle read as passive in a list of active verbs
        out = outcome_apart(out, v)
    elif entry.get("intransitive"):
        out = [c for c in kids if c.dep_ == "nsubj"]
        if not out and v.dep_ == "relcl":
            out = [v.head]
        if not out and v.dep_ == "conj":  # 'fled and died', 'was shot and later died'
            out = [c for c in v.head.children if c.dep_ == ("nsubjpass" if passive(v.head) else "nsubj")]
    else:
        out = [_counted_compound(o) for o in _objects(kids)] or extra
        if not out and v.dep_ == "conj" and v.head.i < v.i:
            # "killed five and injured 12" keeps its own object; "were killed and 11 injured" -> nsubj
            out = [c for c in kids if c.dep_ == "nsubj" and v.tag_ == "VBN"]
        out = out or _raised_object(v) or _bare_number_after(v) or participle_subject(v)
        if not out and v.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            # '1 stoned to death', '3 shot dead', 'Two soldiers shot dead in Gao': a note's verbless passive
            # with a bare number, or people with a number, as subject (an active killing has an object)
            out = [c for c in kids if c.dep_ == "nsubj" and c.i < v.i and (numeral(c) or (
                is_person(c) and any(n.dep_ == "nummod" and numeral(n) for n in c.children)
                and not shared_object(v)))]
    return out


def coordination_head(np):
    """The first conjunct of the coordination a participle ends: '2 marines and 5 militants killed' hangs
    'killed' from 'militants', but both groups were killed. Only people or numbers are climbed to."""
    while np.dep_ == "conj" and np.head.i < np.i and (is_person(np.head) or numeral(np.head)):
        np = np.head
    return np


def _subject_before_aux(v) -> list:
    """The noun phrase that ends right before a passive verb's auxiliary when the parse gave the verb no
    subject with a number or a person: a note's comma splice ('ambushed a patrol near X, five assailants
    and one soldier were killed') or a name set off by an appositive ('X, a village chief, was murdered')
    that the small model hangs from the phrase before. The phrase's first conjunct stands for it all; an
    object, a preposition's object or a modifier is no subject."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i]
    if not aux:
        return []
    k = min(a.i for a in aux) - 1
    if k >= v.sent.start and v.doc[k].text == ",":
        k -= 1
    if k < v.sent.start:
        return []
    n = v.doc[k]
    while n.dep_ == "conj" and n.head.i < n.i and n.head.pos_ in ("NOUN", "PROPN", "NUM"):
        n = n.head
    if n.pos_ not in ("NOUN", "PROPN", "NUM") or n.dep_ not in deps()["stray_subject"]:
        return []
    return [n]


def compound_word(t) -> str:
    """The hyphenated word a token ends ('booby-trapped' for 'trapped'), else the token itself."""
    doc, i = t.doc, t.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        i -= 2
    return doc[i:t.i + 1].text.lower()


def _bare_number_after(v) -> list:
    """A bare number right after an active verb (or its 'dead') that the parse left without an object:
    a note's 'police responded shooting dead 2', 'gunmen opened fire killing 3'."""
    j = max([v.i] + [c.i for c in v.children if c.dep_ in ("oprd", "prt", "acomp") and c.i == v.i + 1])
    if j + 1 >= v.sent.end:
        return []
    n = v.doc[j + 1]
    if n.pos_ != "NUM" or n.dep_ in ("nummod", "quantmod", "compound") or n.ent_type_ in ("DATE", "TIME"):
        return []
    after = v.doc[n.i + 1] if n.i + 1 < v.sent.end else None  # '2.', '2 in X'; not '2 km', '2 vehicles'
    return [n] if after is None or after.pos_ in ("PUNCT", "ADP", "CCONJ") else []


def _counted_compound(obj):
    """'killed at least 9 farmers harvesting cassava' parsed as one noun compound headed by 'cassava': an
    object that names no people but has a counted person noun as a compound modifier is that noun."""
    if is_person(obj) or numeral(obj):
        return obj
    for c in obj.children:
        if c.dep_ == "compound" and c.i < obj.i:
            c = _counted_compound(c)
            if is_person(c) and any(n.dep_ == "nummod" for n in c.children):
                return c
    return obj


def shared_object(v) -> bool:
    """A later verb of the list ``v`` heads has an object ('three gunmen killed, looted and burned the
    market'): the subject did all of them, it was not killed."""
    return any(o.dep_ == "dobj" for c in v.children if c.dep_ == "conj" for o in c.subtree)


def _objects(kids) -> list:
    """The objects among a verb's children: 'killed four civilians', and 'killed between 25 and 54 people'
    with the range parsed as a prepositional phrase."""
    return [c for c in kids if c.dep_ == "dobj"] or [
        g for c in kids if c.dep_ == "prep" and c.lower_ == "between" for g in c.children
        if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)]


def _raised_object(v) -> list:
    """The object a later conjunct carries for both verbs ('killed or wounded 12 soldiers', 'arrested and
    charged five men'): an active verb without an object of its own takes its conjunct's."""
    if _objects(list(v.children)) or any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return []
    for c in v.children:
        if c.dep_ == "conj" and c.i > v.i and c.pos_ == "VERB" and not passive(c):
            obj = [o for o in _objects(list(c.children))
                   if is_person(o) or o.pos_ == "NUM" or singular_pronoun(o)]
            if obj:  # people only: 'beheading and vandalizing several statues' borrows nothing
                return obj
    return _conjoined_object(v)


def _conjoined_object(v) -> list:
    """'abducted, executed, and mutilated a fighter': the small model may join the object of a list of
    verbs to the last verb it read as a conjunct, a person noun after the verb."""
    return [c for c in v.children if c.dep_ == "conj" and c.i > v.i and c.pos_ == "NOUN" and is_person(c)][:1]


def either(v, entry: dict) -> str | None:
    """The category of a count whose outcome the text leaves open (``either`` of the lexicon): a category
    verb joined by 'or' to a verb of the other category ('killed or wounded'), or sharing its victims with
    it ('were killed and injured', 'killed and wounded 12 soldiers'); None otherwise."""
    pair = categories()["either"]
    if entry["category"] not in pair["categories"]:
        return None
    partners = ([v.head] if v.dep_ == "conj" else []) + [c for c in v.children if c.dep_ == "conj"]
    found = [(p, e) for p in partners if (e := verb_entry(p)) and e["category"] != entry["category"]
             and e["category"] in pair["categories"]]
    if not found:
        return None
    other, e = found[0]
    first, second = (other, v) if other.i < v.i else (v, other)
    if any(c.dep_ == "cc" and c.lower_ == "or" for c in first.children):
        return pair["category"]
    first_entry = entry if first.i == v.i else e
    if passive(first) or first_entry.get("intransitive"):
        # 'were killed and injured': the second has no subject (nor a word before it the parse may have
        # taken for one: 'and another wounded') and no number of its own
        shared = not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") or (c.i < second.i and c.dep_ not in deps()[
            "verb_only"]) for c in second.children) and not any(x.like_num for x in second.subtree if x.i != second.i)
    else:  # 'killed and wounded 12 soldiers': the object is the second's alone
        shared = not _objects(list(first.children)) and bool(_objects(list(second.children)))
    return pair["category"] if shared else None


def companions(v, np) -> list:
    """People killed (or hurt ...) with the victims: 'was killed along with his driver', 'died together
    with his passenger', 'killed a commander in addition to 3 of his guards'."""
    out = []
    heads = cues()["companion_heads"]
    for head in (v, np):
        for c in [k for k in head.children if k.i > max(v.i, np.i)]:  # after the verb and its victims
            if c.dep_ == "prep" and c.lower_ == "with" and c.i > 0 and c.doc[c.i - 1].lower_ in heads:
                out += [g for g in c.children if g.dep_ == "pobj"]  # 'along' parsed apart from its 'with'
            if c.dep_ not in ("prep", "advmod") or c.lower_ not in heads:
                continue
            for w in c.children:
                if w.dep_ == "prep" and w.lower_ in ("with", "to"):
                    out += [g for g in w.children if g.dep_ == "pobj"]
                if w.dep_ == "pobj" and w.lower_ == "addition":
                    out += [g for x in w.children if x.dep_ == "prep" and x.lower_ == "to"
                            for g in x.children if g.dep_ == "pobj"]
    return out


def _subjects(v) -> list:
    """The subjects of ``v``, or of the verb it is conjoined to ('went missing and was found murdered')."""
    while True:
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj or v.dep_ != "conj" or v.head.i == v.i:
            return subj
        v = v.head


def has_category_modifier(np, *, besides=None) -> bool:
    cat = categories()
    return any(c.dep_ in ("amod", "acl") and (besides is None or c.i != besides.i)
               and (c.lower_ in cat["adjectives"] or c.lemma_.lower() in cat["verbs"])
               and compound_word(c) not in cat["not_categories"] for c in np.children)


def outcome_apart(nps: list, v) -> list:
    """'left 15 people dead and 30 others wounded', 'five soldiers killed and five others gone missing': a
    victim phrase whose head already has another category participle is that one's; the predicate ``v``
    has its conjuncts."""
    return [n for c in nps for n in ([c] if not has_category_modifier(c, besides=v) else _conjuncts(c))]


def _conjuncts(np) -> list:
    return [c for c in np.children if c.dep_ == "conj"]


def adjective_victims(a) -> list:
    """'two are missing', 'were found dead', 'left three dead', 'three wounded soldiers'."""
    head = a.head
    own = [c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own:  # 'ten people are missing' parsed as a progressive verb
        return own
    if a.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN", "NUM"):  # 'one dead and three injured'
        return [head]
    if a.dep_ in deps()["category_complement"] and head.lemma_.lower() in categories()["copulas"]:
        if head.lemma_.lower() == "leave" and not passive(head):
            return [c for c in head.children if c.dep_ == "dobj"]
        return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []
