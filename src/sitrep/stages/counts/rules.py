"""Which numbers count people of which category, read from the dependency parse.

Two routes, both driven by ``data/counts/categories.json``:

* predicates: a category verb, phrasal verb or adjective; its victim argument (object of an active
  verb, subject of a passive one or of an intransitive one, subject of a copula with a category
  complement, the noun a participle modifies) is quantified. The subject of an active transitive
  verb is the perpetrator and is never counted ("two gunmen killed ..." is not killed 2).
* nouns: a category noun with its own number ("40 deaths", "3 dead") or with an "of" phrase
  ("the bodies of 20 men"), and tolls ("the death toll rose to 40").
"""
from __future__ import annotations

from dataclasses import dataclass

from sitrep import vocab
from sitrep.stages.counts import links
from sitrep.stages.counts.quantify import Quantity, categories, cues, is_person, new_figure, numeral, quantify, singular_pronoun
from sitrep.stages.counts.scan import Scan, phrasal_firsts
from sitrep.syntax import of_object


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


def _deps() -> dict:
    """The dependency labels the rules follow (``data/counts/dependencies.json``)."""
    return vocab.table("counts/dependencies.json")


def _passive(v) -> bool:
    """A passive verb: a passive auxiliary or subject, a 'by' agent ('Soldier shot dead by gunmen', a
    headline the small model tags as past tense), a participle without auxiliary or object."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in v.children) or (
        v.tag_ == "VBN" and v.dep_ in _deps()["participle"]
        and not any(c.dep_ in ("aux", "dobj") for c in v.children)) or _headline_passive(v) or _reduced(v)


def _reduced(v) -> bool:
    """A category verb reduced to its participle after a bare number, as notes write '15 killed in X' in
    a longer sentence (the small model may tag the participle VBD and hang it from the number or from
    the noun before): no subject, object or auxiliary of its own."""
    return (v.dep_ == "acl" and _bare_number_before(v) is not None
            and not any(c.dep_ in _deps()["own_arguments"] for c in v.children))


def _bare_number_before(v):
    """The number right before ``v`` when it counts no noun of its own ('2 killed'; not 'May 2')."""
    prev = v.doc[v.i - 1] if v.i > v.sent.start else None
    if prev is None or prev.pos_ != "NUM" or prev.dep_ in ("nummod", "quantmod", "compound"):
        return None
    return prev if prev.ent_type_ not in ("DATE", "TIME") else None


def _headline_passive(v) -> bool:
    """A participle heading its sentence, or the clause a reporting verb takes, without an auxiliary, as
    headlines and notes write the passive: 'Forty herders killed in raid', '2 killed.', 'police say at
    least 8 killed.'"""
    return v.tag_ == "VBN" and v.dep_ in ("ROOT", "ccomp") and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in v.children) and not _participle_subject(v)


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
            if k in cat["phrasal"] and c.dep_ in _deps()["phrasal_particle"]:
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
    if _passive(v):
        out = [c for c in kids if c.dep_ in ("nsubjpass", "nsubj")]
        if not any(quantify(c, require_person=False) for c in out):
            out = _subject_before_aux(v) or out
        if not out and _headline_passive(v):  # '2 killed.': the number hangs from the participle
            out = [c for c in kids if c.i < v.i and numeral(c) and c.dep_ in _deps()["headline_number"]]
        if not out and _reduced(v):
            out = [_bare_number_before(v)]
        if not out and v.dep_ in ("acl", "amod") and v.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out = [_coordination_head(v.head)]
        if not out and v.dep_ == "relcl":
            out = [v.head]
        if not out and v.dep_ in ("acomp", "oprd", "xcomp"):  # 'remain trapped', 'were found killed'
            out = _subjects(v.head)
        if not out and v.dep_ == "conj" and _passive(v.head):  # 'were shot and injured'
            out = [c for c in v.head.children if c.dep_ == "nsubjpass"]
        if not out and v.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in v.head.children):
            out = _conjoined_object(v)  # a participle read as passive in a list of active verbs
        out = _outcome_apart(out, v)
    elif entry.get("intransitive"):
        out = [c for c in kids if c.dep_ == "nsubj"]
        if not out and v.dep_ == "relcl":
            out = [v.head]
        if not out and v.dep_ == "conj":  # 'fled and died', 'was shot and later died'
            out = [c for c in v.head.children if c.dep_ == ("nsubjpass" if _passive(v.head) else "nsubj")]
    else:
        out = [_counted_compound(o) for o in _objects(kids)] or extra
        if not out and v.dep_ == "conj" and v.head.i < v.i:
            # "killed five and injured 12" keeps its own object; "were killed and 11 injured" -> nsubj
            out = [c for c in kids if c.dep_ == "nsubj" and v.tag_ == "VBN"]
        out = out or _raised_object(v) or _bare_number_after(v) or _participle_subject(v)
        if not out and v.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            # '1 stoned to death', '3 shot dead', 'Two soldiers shot dead in Gao': a note's verbless passive
            # with a bare number, or people with a number, as subject (an active killing has an object)
            out = [c for c in kids if c.dep_ == "nsubj" and c.i < v.i and (numeral(c) or (
                is_person(c) and any(n.dep_ == "nummod" and numeral(n) for n in c.children)
                and not _shared_object(v)))]
    return out


def _coordination_head(np):
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
    if n.pos_ not in ("NOUN", "PROPN", "NUM") or n.dep_ not in _deps()["stray_subject"]:
        return []
    return [n]


def _compound_word(t) -> str:
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


def _shared_object(v) -> bool:
    """A later verb of the list ``v`` heads has an object ('three gunmen killed, looted and burned the
    market'): the subject did all of them, it was not killed."""
    return any(o.dep_ == "dobj" for c in v.children if c.dep_ == "conj" for o in c.subtree)


def _participle_subject(v) -> list:
    """'killed at least 12 farmers harvesting beans': the small model may read the victims as the subject
    of the participle clause that describes them; an active verb without an object takes that subject
    when it names people or is a number."""
    return [s for c in v.children if c.dep_ in ("ccomp", "advcl") and c.tag_ == "VBG" and c.i > v.i
            for s in c.children if s.dep_ == "nsubj" and s.i > v.i and (is_person(s) or numeral(s))][:1]


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
        if c.dep_ == "conj" and c.i > v.i and c.pos_ == "VERB" and not _passive(c):
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
    if _passive(first) or first_entry.get("intransitive"):
        # 'were killed and injured': the second has no subject (nor a word before it the parse may have
        # taken for one: 'and another wounded') and no number of its own
        shared = not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") or (c.i < second.i and c.dep_ not in _deps()[
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
               and _compound_word(c) not in cat["not_categories"] for c in np.children)


def _outcome_apart(nps: list, v) -> list:
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
    if a.dep_ in _deps()["category_complement"] and head.lemma_.lower() in categories()["copulas"]:
        if head.lemma_.lower() == "leave" and not _passive(head):
            return [c for c in head.children if c.dep_ == "dobj"]
        return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


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
        if t.i > 1 and t.doc[t.i - 1].text == "-" and _compound_word(t) in cat["not_categories"]:
            continue
        entry = verb_entry(t) if t.pos_ in ("VERB", "AUX", "ADJ") or t.tag_.startswith("VB") else None
        vs = victims(t, entry) if entry else []
        for np in vs + [c for np in vs for c in companions(t, np)]:
            # people another predicate counted may be counted again ('was kidnapped and killed'), unless
            # the predicate has a number of its own the parse lost ('ten were killed and over 70 wounded')
            own = np.head.i == t.i or t.dep_ in ("xcomp", "oprd", "acomp") or not any(
                x.like_num for x in t.subtree if x.i != t.i)
            # 'two militiamen killed and one wounded': the participle ends its noun's phrase
            until = t.i if t.dep_ in ("acl", "amod") and t.i > np.i and _coordination_head(t.head).i == np.i else None
            people = entry.get("people", False)  # a verb that also takes things: person nouns only
            add(either(t, entry) or entry["category"],
                quantify(np, require_person=people or not _bare_ok(np, entry),
                         anyone=not people and entry["category"] in cues()["people_only"], until=until),
                t, np, again=own)
        if vs:
            continue
        adj = cat["adjectives"].get(t.lower_) if t.pos_ in ("ADJ", "VERB") or t.tag_ == "VBN" else None
        if adj:
            if any(c.dep_ == "nummod" for c in t.children):  # 'left 3 dead'
                add(adj, quantify(t, require_person=False), t, t)
            vs = adjective_victims(t)
            for np in (vs if t.dep_ == "amod" else _outcome_apart(vs, t)):  # not 'One dead and two injured'
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
    _totals([toks[i] for i in scan.within(scan.totals, lo, hi)], out, add)
    _subsets([toks[i] for i in scan.within(scan.subsets, lo, hi)], out, add)
    return out


def _totals(toks, found: list[Found], add) -> None:
    """'the death toll rose to 40', 'bringing the total to 80', 'the number of people killed has
    risen to 52': running totals, with the category of their 'of' phrase or of the sentence."""
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


def _subsets(toks, found: list[Found], add) -> None:
    """'killed 12 people, including three children': the three are counted too, as a subset."""
    by_head = {f.np.i: f for f in found} | {f.trigger.i: f for f in found}
    for t in toks:
        if t.dep_ == "prep" and t.lower_ in cues()["subset_heads"] and t.head.i in by_head:
            f = by_head[t.head.i]
            for g in t.children:
                if g.dep_ == "pobj":
                    add(f.category, quantify(g), f.trigger, g)


def _bare_ok(np, entry) -> bool:
    """A bare number ('killed four') stands for people with verbs that only take people."""
    return entry["category"] not in ("captured", "besieged", "evacuated") or is_person(np)


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
