"""Who did what to whom: an event's source and target as actors, and the thing it hit (issue 15).

Roles come from syntax, not position: the agent of the trigger (active subject, passive "by" phrase,
"X's attack on Y", "an attack by X") is the source, the patient the target (:func:`syntax.arguments`);
then, where the trigger's own arguments name no actor, "X-planted bomb", "X claimed responsibility for
the attack" and "the attack was blamed on X" give the source. Both sides are actor ids of the actors
layer, or null: an argument that is no actor (a place, a date, a "Sunday's") is never a side. A target
that is a thing ("a market", "a convoy") goes to ``target_object``; when a violent event harms people
and names no target, the civilians of its sentence are the target. Argument tokens outside the event's
paragraph (a dateline the parser joined to the first sentence) are not read. Word lists:
``sitrep/data/events/dyad.json``.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass

from sitrep import vocab
from sitrep.resources import cached
from sitrep.roles import roles
from sitrep.syntax import conj_heads, of_object
from sitrep.stages.events import links, syntax
from sitrep.stages.events.lexicon import in_class, lemma

HARM = frozenset(vocab.table("events/sides.json")["harm_categories"])
ARMED_INTER = (1, 2, 3, 4, 8)  # ACLED inter codes of armed actors: state forces, rebels, militias, external forces
# "src" keeps the argument heads for ACLED typing (a weapon is no actor, but "militants" still says armed)


@cached
def words() -> dict:
    return json.loads(vocab.read_text("events/dyad.json"))


@dataclass
class Dyad:
    src: list  # argument head tokens (for ACLED typing)
    tgt: list
    source: str | None = None
    source_span: dict | None = None
    target: str | None = None
    target_span: dict | None = None
    target_object: str | None = None


def _inside(toks, bounds) -> list:
    return [t for t in toks if bounds[0] <= t.idx < bounds[1]]


def _actor(tok, ix: links.Index, doc, *, violent: bool = False) -> tuple[str | None, dict | None]:
    """The actor an argument head names (itself, a modifier, or, for the agent of a violent event, the
    armed actor a pronoun stands for), or (None, None)."""
    own, own_span = links.link_actor(tok, ix, doc)
    if (of := _member_of(tok)) is not tok:  # "groups of armed men attacked", "gunmen of a X faction": the
        aid, span = links.link_actor(of, ix, doc)  # group named in the "of" phrase, before the generic noun
        if aid is not None and aid in ix.actor_by_id:
            return aid, own_span if own == aid else span  # "four members of the security forces": all of it
    if own is not None and own in ix.actor_by_id:
        return _suspected_as(tok, own, ix, doc) or (own, own_span)
    if violent and tok.lower_ in words()["agent_pronouns"] and tok.dep_ in ("nsubj", "pobj"):
        return _armed_before(tok, ix, doc)
    if violent and tok.lower_ in words()["owner_pronouns"] and tok.dep_ == "poss":
        return _owner(tok, ix, doc)
    return None, None


def _suspected_as(tok, aid: str, ix, doc) -> tuple[str, dict] | None:
    """"gunmen suspected to be members of X", "unknown gunmen (believed to be X militants)": the armed group a
    suspicion clause on the argument names (a ``suspect_words`` participle hung on it), as coders code it."""
    suspect = set(words()["suspect_words"])
    for c in tok.children:
        if c.dep_ not in ("acl", "appos", "relcl") or not any(w.lower_ in suspect for w in c.subtree):
            continue
        for w in c.subtree:
            hit = [x for x in ix.at_token("actors", w) if x["id"] != aid and x.get("inter") in (2, 3, 4, 8)]
            if hit:
                return hit[0]["id"], doc.span(w.idx, w.idx + len(w))
    return None


def _owner(tok, ix, doc) -> tuple[str | None, dict | None]:
    """"militants were killed following their attacks": the armed actor named last before an owner pronoun
    of a violent noun, except the subject of a verb that acts against that noun ("the army repulsed their
    attack": theirs is not the army's)."""
    v = syntax.governing_verb(tok.head)
    skip = {item["id"] for s in (syntax.verb_subjects(v) if v is not None and lemma(v) in words()["non_agent_verbs"]
                                 else []) for item in ix.at_token("actors", s)}
    return _armed_before(tok, ix, doc, skip)


def _armed_before(tok, ix, doc, skip=frozenset()) -> tuple[str | None, dict | None]:
    """The armed actor mentioned last before a pronoun (not one of ``skip``), with the pronoun's span; a
    singular pronoun ("his") skips mentions of a plural group ("the militants ... his vehicle")."""
    singular = tok.lower_ in words()["singular_pronouns"]
    before = [item for (s, e, item) in ix.actors if e <= tok.idx and item.get("inter") in ARMED_INTER
              and item["id"] not in skip and _pronoun_may_stand_for(tok.doc, s, e, singular)]
    if before:
        return before[-1]["id"], doc.span(tok.idx, tok.idx + len(tok.text))
    return None, None


def _pronoun_may_stand_for(sp, start: int, end: int, singular: bool) -> bool:
    """Whether a pronoun may stand for the actor mention at [start, end) of the parse ``sp``: not a verb the
    actors stage read a doer into ("was arrested": the police), and for a singular pronoun not a plural
    noun ("militants")."""
    span = sp.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    return root.pos_ not in ("VERB", "AUX") and not (singular and root.tag_ in ("NNS", "NNPS"))


def _casualties_opponent(tok, ix, doc) -> tuple[str | None, dict | None, object, object]:
    """"Five soldiers were killed during clashes with X": a clash noun hung on a passive verb whose subject
    is an actor has X (its "with" side) as the source and the subject (the harmed) as the target:
    (source id, span, source token, target token)."""
    v = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else None
    if v is None or v.pos_ != "VERB" or not syntax.is_passive(v) or lemma(tok) not in words()["with_opponent"]:
        return None, None, None, None
    verbs = [v, v.head] if v.dep_ == "conj" else [v]  # "five were killed and two wounded during clashes"
    victims = [x for w in verbs for c in w.children if c.dep_ == "nsubjpass" for x in conj_heads(c)
               if _actor(x, ix, doc)[0]]
    for x in syntax.pobj_of(tok, {"with"}) if victims else ():
        aid, span = _actor(x, ix, doc)
        if aid and aid != _actor(victims[0], ix, doc)[0]:
            return aid, span, x, victims[0]
    return None, None, None, None


def _planter(t):
    """The word naming who placed a weapon, before an agent participle modifying it: "an al-Shabaab-planted
    bomb" (hyphenated), "a suspected al-Shabaab planted land mine" (a modifier of the same noun right before
    the participle); else None."""
    if t.i < 2 or lemma(t) not in words()["agent_participles"] or t.dep_ not in ("amod", "compound", "acl"):
        return None
    prev = t.doc[t.i - 1]
    if prev.text == "-":
        return t.doc[t.i - 2]
    if prev.head.i == t.head.i and prev.dep_ in ("compound", "amod", "nmod") and prev.pos_ in ("NOUN", "PROPN"):
        return prev
    return None


def _hyphen_agent(clause, ix, doc) -> tuple[str | None, dict | None, object]:
    """"an al-Shabaab-planted bomb", "an al-Shabaab planted mine": the actor right before the participle."""
    for t in clause:
        if (prev := _planter(t)) is not None:
            aid, span = _actor(prev, ix, doc)
            if aid:
                return aid, span, prev
    return None, None, None


def _claimed_by(sent, ix, doc) -> tuple[str | None, dict | None, object]:
    """"X claimed responsibility for the attack", "the attack was blamed on X", in the trigger's sentence."""
    w = words()
    for v in sent:
        lv = lemma(v)
        if v.pos_ != "VERB":
            continue
        if lv in w["responsibility_verbs"] and any(lemma(c) in w["responsibility_nouns"] for c in v.children
                                                   if c.dep_ == "dobj"):
            for s in syntax.verb_subjects(v):
                aid, span = _actor(s, ix, doc)
                if aid:
                    return aid, span, s
        if lv in w["blame_verbs"]:
            agents = [x for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ in ("on", "to")
                      for x in c.children if x.dep_ == "pobj"]
            if not syntax.is_passive(v):
                agents += [c for c in v.children if c.dep_ == "dobj"]
            for s in agents:
                aid, span = _actor(s, ix, doc)
                if aid:
                    return aid, span, s
    return None, None, None


def _sentence_agent(name: str, toks: list, ix: links.Index, find) -> tuple[str | None, dict | None, object]:
    """``find()`` (an agent finder that reads only the run of sentence tokens ``toks``) once per document for
    that run: every trigger of a sentence asks the same question. The span is copied, as callers keep it."""
    if not toks:
        return find()
    aid, span, t = ix.remember((name, toks[0].i, toks[-1].i, len(toks)), find)
    return aid, (dict(span) if span is not None else None), t


def _left_agent(tok, sent, ix, doc, bounds) -> tuple[str | None, dict | None, object]:
    """A subject the parser missed or hung outside the paragraph ("KHARKIV, Ukraine -- Russian artillery
    shelled", "presumed ISGS militants attacked"): the nearest actor before an active verb trigger in its
    paragraph, up to another verb (not a "suspected"), and not the object of a preposition."""
    suspect = set(words()["suspect_words"])
    for t in reversed([x for x in sent if x.i < tok.i and bounds[0] <= x.idx < bounds[1]]):
        if t.pos_ == "VERB" and t.lower_ not in suspect and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            break  # another clause with its own subject ("set off explosives destroying": same agent)
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "pobj" or _held_thing(t, ix) \
                or t.dep_ == "compound" and _held_thing(t.head, ix):
            continue  # "an army truck struck a mine": the army holds what was hit, it did not strike
        if t.dep_ in ("dobj", "dative", "attr") and t.head.lower_ not in suspect:
            continue  # another verb's object ("thanked Qatar but said it had not negotiated")
        aid, span = _actor(t, ix, doc)
        if aid:
            return aid, span, t
    return None, None, None


def _active_participle(tok) -> bool:
    """A past tense the parser read as a participle modifying the noun before it: "militants abducted
    and executed the imam" (a passive participle takes no direct object, here it or its conjunct does)."""
    if tok.dep_ not in ("acl", "relcl") or tok.tag_ not in ("VBN", "VBD") or not syntax.is_passive(tok):
        return False
    if any(c.dep_ in ("auxpass", "agent") for c in tok.children) or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(c.dep_ == "dobj" for v in verbs for c in v.children)


def _finite_modifier(tok, ix, doc) -> bool:
    """A verb the tagger reads as a finite past (VBD, not a participle) that the parser hangs on the noun before
    it as a modifier, with no subject or passive marker of its own, after a typed actor (an armed group, forces,
    a crowd): that actor is its subject. A person is not read so ("Mason charged with assault": a headline's
    passive)."""
    if tok.dep_ != "acl" or tok.tag_ != "VBD" or tok.head.pos_ not in ("NOUN", "PROPN") or tok.head.i > tok.i \
            or any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "agent") for c in tok.children):
        return False
    aid = _actor(tok.head, ix, doc)[0]
    return bool((ix.actor_by_id.get(aid) or {}).get("type"))


def _between(tok, sent=(), ix: links.Index | None = None) -> list:
    """The sides of "clashes between X and Y" (a noun trigger, or the verb it is the subject of): [X, Y], or [].
    A clash word whose own phrase has no "between" takes the one its sentence ``sent`` has elsewhere ("clashes
    took place in the town on Monday, between X and Y": the parser hangs it on the verb or the place). Where
    the parser gives "between" no object (a headline's "Clash between X and Y rivals" read as a verb), the
    actors ``ix`` has mentions of right after it are the sides (:func:`_mentioned_sides`)."""
    heads = [tok, tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else [tok]
    preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "between"]
    borrowed = not preps and lemma(tok) in words()["with_opponent"]
    if borrowed:
        preps = [t for t in sent if t.dep_ == "prep" and t.lower_ == "between"][:1]
    for c in preps:
        objs = [_member_of(x) for p in c.children if p.dep_ == "pobj" for x in conj_heads(p)]
        if borrowed and any(x.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") for x in objs):
            continue  # "on the road between two towns": places or times, not sides
        if len(objs) == 1:  # "between the Tavari and Ndoro groups": the compounds are the sides (two or more:
            mods = [m for m in objs[0].children if m.dep_ in ("compound", "nmod")]  # "police forces" is one)
            split = [x for m in mods for x in conj_heads(m)]
            objs = split if len(split) >= 2 else objs
        if len(objs) >= 2 or objs and objs[0].tag_ == "NNS":  # "between rival ethnic groups": both sides
            return objs
        if not objs and ix is not None:
            return _mentioned_sides(c, ix)
    return []


def _mentioned_sides(prep, ix: links.Index) -> list:
    """"between X and Y" with no object in the parse: the first token of each of the first two distinct actors
    mentioned after the preposition, up to a punctuation mark or the sentence's end, joined by "and"; else
    []."""
    sides, seen = [], set()
    for t in prep.doc[prep.i + 1:prep.sent.end]:
        if t.is_punct or len(sides) == 2:
            break
        hit = [a["id"] for a in ix.at_token("actors", t)]
        if hit and hit[0] not in seen:
            seen.add(hit[0])
            sides.append(t)
    joined = len(sides) == 2 and any(t.lower_ == "and" for t in prep.doc[sides[0].i:sides[1].i])
    return sides if joined else []


def _member_of(tok):
    """"members of the Tavari and Ndoro communities": the group an "of" phrase names after a word for its
    members (``member_nouns`` of dyad.json), else the token itself."""
    return (of_object(tok) or tok) if tok.lower_ in words()["member_nouns"] else tok


def _clash_sides(tok, sent, ix, doc) -> tuple[str | None, dict | None, object]:
    """"Six were killed in clashes between police and X": a harm verb with no agent whose phrase holds a clash
    noun with two sides has the first side as its source (a clash has no direction: the sides are taken in the
    order the text gives them, as for the clash itself), other than the side of the harmed."""
    harmed = {_actor(c, ix, doc)[0] for c in tok.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")} - {None}
    for t in tok.children:
        for p in (t.children if t.dep_ == "prep" else ()):
            if p.dep_ != "pobj" or lemma(p) not in words()["with_opponent"]:
                continue
            for x in _between(p, sent, ix):
                aid, span = _actor(x, ix, doc)
                if aid and aid not in harmed:  # "soldiers killed in fighting between the army and X": X
                    return aid, span, x
    return None, None, None


def _conj_agent(tok, ix, doc) -> tuple[str | None, dict | None, object]:
    """"was shot and killed by X": a passive verb shares the "by" agent of the verb it is coordinated with."""
    for v in [tok.head] if tok.dep_ == "conj" else [c for c in tok.children if c.dep_ == "conj"]:
        for x in syntax.pobj_of(v, {"by"}):
            aid, span = _actor(x, ix, doc)
            if aid:
                return aid, span, x
    return None, None, None


def _opponent(tok, sent, ix, doc) -> tuple[str | None, dict | None, object]:
    """"13 militants were killed during clashes with Afghan commandos": the side the casualties fought
    ("with" after clash or fight words) did the killing, when the trigger names no agent; never the side of the
    casualties themselves (the subject of a passive trigger, which coreference may have merged with it)."""
    verbs = words()["with_opponent"]
    harmed = {_actor(c, ix, doc)[0] for c in tok.children if c.dep_ == "nsubjpass"} - {None}
    for t in sent:
        if t.i != tok.i and lemma(t) in verbs:
            for x in syntax.pobj_of(t, {"with"}):
                aid, span = _actor(x, ix, doc)
                if aid and aid not in harmed and (ix.actor_by_id.get(aid) or {}).get("inter") in ARMED_INTER:
                    return aid, span, x
    return None, None, None


def _armed_by(sent, ix, doc) -> tuple[str | None, dict | None, object]:
    """An armed actor (state forces, rebels, militias, external forces) in a "by" phrase anywhere in the
    sentence ("killed following attacks by X", "after being abducted by X")."""
    for t in sent:
        if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ in ("agent", "prep"):
            aid, span = _actor(t, ix, doc)
            if aid and (ix.actor_by_id.get(aid) or {}).get("inter") in ARMED_INTER:
                return aid, span, t
    return None, None, None


def _agent_of(t, ix, doc) -> tuple[str | None, dict | None, object]:
    """The actor behind a non-actor argument: "a bomb planted by X", "an X-planted bomb" (a weapon),
    "an attack by X", "operations by X" (a noun with a "by" phrase)."""
    cands = [x for x in syntax.pobj_of(t, {"by"})]
    for c in t.children:
        if c.dep_ in ("acl", "relcl") and lemma(c) in words()["agent_participles"]:
            cands += syntax.pobj_of(c, {"by"})
        if c.dep_ in ("amod", "compound") and (prev := _planter(c)) is not None:
            cands.append(prev)
    for x in cands:
        aid, span = _actor(x, ix, doc)
        if aid:
            return aid, span, x
    return None, None, None


def _headline_agent(tok, sent, ix, doc) -> tuple[str | None, dict | None, object]:
    """A headline's "Pokot raiders attack and kill a herder", "Armed youths from the X community raid a camp":
    the parser reads the verb as a noun hung anywhere, even as the object of the actor's own "from". A typed actor
    (not civilians) whose mention opens the sentence (after determiners, numbers or adjectives only) is the
    trigger's agent when only its own phrase stands between them (the trigger right after it, or after words
    the parser hangs under it)."""
    if tok.i == 0 or not sent:
        return None, None, None
    start = next((t.idx for t in sent if t.pos_ not in ("DET", "NUM", "ADJ", "PUNCT", "SPACE")), None)
    for s, e, item in ix.actors:
        if s < sent[0].idx or e > tok.idx or start is None or s > start:
            continue
        inside = [t for t in sent if s <= t.idx < e]
        if not inside or item.get("type") in (None, "civilians"):
            return None, None, None  # the sentence opens with another actor, or none
        head = next(t for t in inside if t.head.i == t.i or not s <= t.head.idx < e)
        under = {x.i for x in head.subtree}
        if all(t.i in under for t in sent if e <= t.idx < tok.idx) and (tok.dep_ != "pobj" or tok.i in under):
            return item["id"], doc.span(s, e), head
    return None, None, None


def _trigger_actor(tok, ix, doc) -> tuple[str | None, dict | None, object]:
    """The doer the actors stage reads into the trigger word itself ("a man was arrested": the police, as coders
    code arrests), when nothing else names one."""
    hit = next((a for a in ix.at_token("actors", tok) if a.get("type") == "state forces"), None)
    return (hit["id"], doc.span(tok.idx, tok.idx + len(tok.text)), tok) if hit else (None, None, None)


def _compound_agent(tok, ix, doc) -> tuple[str | None, dict | None, object]:
    """A headline's "Tavari militia attacks a herder", "Police assault and arrest a journalist": the parser
    reads the verb as a noun with its doer compounded to it. A modifier right before the noun trigger that
    lies inside a typed actor's mention, other than civilians (the harmed in "civilian killings"), is its agent
    (a person is not: "the Kamau rally", a surname read as "battle")."""
    for c in sorted((c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i),
                    key=lambda c: -c.i):
        if not ix.at_token("actors", c):
            continue  # "a police station attack": the station is no actor, nor its owner the agent
        aid, span = _actor(c, ix, doc)
        if aid and (ix.actor_by_id.get(aid) or {}).get("type") not in (None, "civilians"):
            return aid, span, c
    return None, None, None


def _headline_targets(tok) -> list:
    """The object of a headline read as a noun phrase ("militia attacks Tavari herdsman", "youths attack and
    kill six people"): a noun hung after the trigger, or the object of a verb coordinated with it."""
    after = [c for c in tok.children if c.dep_ in ("npadvmod", "appos", "dobj") and c.i > tok.i and c.pos_ in
             ("NOUN", "PROPN")]
    return after or [x for v in tok.children if v.dep_ == "conj" and v.pos_ == "VERB"
                     for c in v.children if c.dep_ == "dobj" for x in conj_heads(c)]


def _noun_agent(tok, ix, doc) -> tuple[str | None, dict | None, object]:
    """A noun trigger's agent through the verb its phrase is the object of ("militants took 55 civilians
    hostage", "the strike was carried out by X")."""
    v = syntax.governing_verb(tok) or (tok.head if tok.head.pos_ == "VERB" and tok.head.i != tok.i else None)
    if v is None or tok.dep_ in ("nsubj", "nsubjpass", "csubj") or lemma(v) in words()["non_agent_verbs"]:
        return None, None, None  # "police foiled an attack", "residents blamed the killing on X": not the doer
    cands = syntax.pobj_of(v, {"by"}) if syntax.is_passive(v) else syntax.verb_subjects(v)
    for x in cands:
        aid, span = _actor(x, ix, doc)
        if aid:
            return aid, span, x
    return None, None, None


def _noun_victims(tok) -> list:
    """"A drone strike killed three fighters": a noun trigger that is the subject of a casualty or victim verb
    has that verb's object as its target (the strike's agent stays its own: the demonym, the "by" phrase)."""
    v = tok.head
    if tok.dep_ != "nsubj" or v.pos_ != "VERB" or not (in_class(v, "casualty_verbs") or in_class(v, "victim_verbs")):
        return []
    return [x for c in v.children if c.dep_ == "dobj" for x in conj_heads(c)]


def resolve(doc, tok, *, noun: bool, clause: list, sent, bounds: tuple[int, int], ix: links.Index,
            violent: bool = False, phrase: tuple[int, ...] = ()) -> Dyad:
    """Source, target and target object of the event whose trigger head is ``tok`` (see the module
    docstring); ``violent``: an ASSAULT, whose agent may be a pronoun ("they opened fire"); ``phrase``: the
    token indices of a multiword trigger, never its own target ("opened fire on X": X, not "fire")."""
    src, tgt = syntax.arguments(tok, noun=noun)
    if noun and not src:  # "Police exchange fire with raiders": a noun with a subject is a verb the tagger misread
        src = [x for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for x in conj_heads(c)]
    if noun and tok.dep_ == "dobj" and lemma(tok.head) in words()["non_agent_verbs"]:
        src = [s for s in src if s not in syntax.verb_subjects(tok.head)]  # "police foiled an attack"
    if len(phrase) > 1 and any(t.i in phrase for t in tgt):
        inner = [t for t in tok.doc[min(phrase):max(phrase) + 1] if t.i in phrase]
        tgt = [t for t in tgt if t.i not in phrase] + syntax.not_time(
            [x for t in inner for x in syntax.pobj_of(t, syntax.VERB_TARGET_PREPS)])
    if not noun and _active_participle(tok):  # "presumed ISGS militants abducted and executed the imam"
        src, tgt = [tok.head], [c for c in tok.children if c.dep_ == "dobj"]
    elif not noun and not src and _finite_modifier(tok, ix, doc):  # "30 IS militants surrendered to X" ("IS" read as a verb)
        src, tgt = [tok.head], [t for t in tgt if t.i != tok.head.i]
    elif not noun and not src and tok.dep_ == "acl" and in_class(tok.head, "weapons") and tok.head.dep_ == "dobj":
        src = syntax.verb_subjects(tok.head.head)  # "X set off explosives destroying the school"
    elif not noun and not src and tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
        src = [tok.head, *syntax.pobj_of(tok.head, {"of"})]  # "gunmen firing on", "reports of police beating"
    if not tgt and lemma(tok) in words()["with_opponent"]:  # "clashed with suspected JNIM militants"
        tgt = syntax.pobj_of(tok, {"with"})
    tgt = tgt or (_noun_victims(tok) if noun else [])
    src, tgt = _inside(src, bounds), _inside(tgt, bounds)
    if violent and (held := [s for s in src if _held_thing(s, ix)]):  # "an army truck struck an IED": the
        src, tgt = [s for s in src if s not in held], tgt + held  # holder of the truck is hit, not the doer
    d = Dyad(src, tgt)
    for s in src:
        d.source, d.source_span = _actor(s, ix, doc, violent=violent)
        if d.source is None:
            d.source, d.source_span, s = _agent_of(s, ix, doc)
        if d.source:
            d.src = [s]
            break
    if not src and (noun or tok.tag_ == "VBG" or tok.dep_ in ("nsubj", "nsubjpass")):  # "clashes (fighting) between
        # the Tavari and Ndoro groups": one side each (a trigger as a subject is a noun the tagger read as a verb)
        sides = _between(tok, _inside(sent, bounds), ix)
        if sides:
            src, tgt = sides[:1], sides[1:] + tgt
            d.tgt = tgt
            d.source, d.source_span = _actor(src[0], ix, doc)
            d.src = src
    if d.source is None:
        finders = [lambda: _hyphen_agent(clause, ix, doc),
                   lambda: _sentence_agent("claimed", sent, ix, lambda: _claimed_by(sent, ix, doc))]
        if noun:
            finders[:0] = [lambda: _compound_agent(tok, ix, doc), lambda: _noun_agent(tok, ix, doc),
                           lambda: _headline_agent(tok, _inside(sent, bounds), ix, doc)]
        elif not syntax.is_passive(tok) and violent:
            finders.append(lambda: _left_agent(tok, sent, ix, doc, bounds))
        else:
            finders.insert(0, lambda: _conj_agent(tok, ix, doc))
        if not noun and violent:
            finders.insert(0, lambda: _clash_sides(tok, _inside(sent, bounds), ix, doc))
        if not noun and tok.dep_ == "conj" and tok.head.pos_ == "NOUN":  # "Police assault and arrest X"
            finders.insert(0, lambda: _compound_agent(tok.head, ix, doc))
        if violent:  # the sentence's other clauses: "were killed when their tank was hit by a X-planted bomb"
            inside = _inside(sent, bounds)
            finders += [lambda: _sentence_agent("hyphen", inside, ix, lambda: _hyphen_agent(inside, ix, doc)),
                        lambda: _opponent(tok, inside, ix, doc),
                        lambda: _sentence_agent("armed_by", inside, ix, lambda: _armed_by(inside, ix, doc))]
        finders.append(lambda: _trigger_actor(tok, ix, doc))
        for find in finders:
            d.source, d.source_span, s = find()
            if d.source:
                d.src = [s]
                if noun and not tgt and s.head.i == tok.i and s.i < tok.i and tok.dep_ == "ROOT":  # a headline
                    tgt = _headline_targets(tok)
                break
    if d.source is None and noun and violent:  # "soldiers were killed during clashes with X"
        d.source, d.source_span, s, victim = _casualties_opponent(tok, ix, doc)
        tgt, d.src = ([victim], [s]) if d.source else (tgt, d.src)
    if d.source is None:
        d.src = [t for t in src if not in_class(t, "weapons")]  # "a roadside bomb exploded": no actor named
    _target(d, tgt, ix, doc)
    if d.target is None and violent:  # "their truck hit a bomb", "their convoy was ambushed"
        _owner_target(d, src + tgt, ix, doc)
    return d


def _target(d: Dyad, tgt: list, ix, doc) -> None:
    """The first target argument that is an actor other than the source (the holder of a thing a class noun
    modifies, "a police post": the police, and the post as the thing hit); else the thing hit."""
    for t in tgt:
        aid, span = _actor(t, ix, doc)
        if aid and aid != d.source:
            d.target, d.target_span, d.tgt = aid, span, [t]
            if _held_thing(t, ix):
                a, b = links.tok_span(syntax.np_tokens(t))
                d.target_object = doc.text[a:b]
            return
    if tgt:
        t = tgt[0]
        if t.pos_ in ("NOUN", "PROPN") and not in_class(t, "people") and t.ent_type_ not in ("DATE", "TIME", "PERSON") \
                and t.lower_ not in roles() and not ix.at_token("actors", t):  # "the authorities": people, not things
            np = syntax.np_tokens(t)
            a, b = links.tok_span(np)
            d.target_object, d.target_span = doc.text[a:b], doc.span(a, b)


def _held_thing(t, ix) -> bool:
    """Whether an argument head is a post or vehicle named with its holder ("a police post", "an army base":
    a ``holder_nouns`` word of the actors stage's data, with no actor mention of its own and a compound in an
    actor's mention)."""
    if t.pos_ != "NOUN" or lemma(t) not in vocab.words("actors/holder_nouns.txt") or ix.at_token("actors", t):
        return False
    return any(c.dep_ == "compound" and ix.at_token("actors", c) for c in t.children)


def _owner_target(d: Dyad, args: list, ix, doc) -> None:
    """A violent event's argument that is a thing owned through a pronoun ("their truck hit a bomb") has its
    owner, the armed actor named before, as the target, and the thing as the object hit."""
    for t in args:
        poss = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in words()["owner_pronouns"]), None)
        if poss is None or in_class(t, "weapons") or in_class(t, "people") or t.lower_ in roles() \
                or ix.at_token("actors", t):
            continue  # a weapon is no possession hit; "his son" is a person, not a thing
        aid, span = _owner(poss, ix, doc)
        if aid and aid != d.source:
            a, b = links.tok_span(syntax.np_tokens(t))
            d.target, d.target_span, d.tgt, d.target_object = aid, span, [t], doc.text[a:b]
            return


def civilian_targets(events: list[dict], ix: links.Index, doc) -> None:
    """A violent event that harms people (a killed, injured or abducted count in its evidence) and names no
    target: the civilians actor mentioned in its evidence, when there is one, is its target."""
    counts = {c["id"]: c for c in doc.layers.get("counts") or []}
    for ev in events:
        if ev.get("type") != "ASSAULT" or ev.get("target"):
            continue
        if not any((counts.get(c) or {}).get("category") in HARM for c in ev.get("counts") or []):
            continue
        s, e = ev["evidence"]["start"], ev["evidence"]["end"]
        hits = [item for (ms, me, item) in ix.actors if s <= ms and me <= e and item.get("type") == "civilians"
                and item["id"] != ev.get("source")]
        if hits:
            ev["target"] = hits[0]["id"]


def _claimant(v, ix, doc) -> str | None:
    """The actor a sentence gives as the author of an attack told before it: the subject of "claimed
    responsibility", the one an attack is blamed on, the "by" agent of a weapon's passive placing verb ("The device was likely planted
    by X": ``agent_participles`` with a weapon as its subject), or the armed actor suspected of it ("police suspect X")."""
    w = words()
    if lemma(v) in w["responsibility_verbs"]:
        if not any(lemma(c) in w["responsibility_nouns"] for c in v.children if c.dep_ == "dobj"):
            return None
        cands = syntax.verb_subjects(v)
    elif lemma(v) in w["blame_verbs"]:  # "residents blamed the killings on X", "police blame X"
        cands = [x for c in v.subtree if c.i > v.i and c.dep_ in ("prep", "dative") and c.lower_ in ("on", "to")
                 for x in c.children if x.dep_ == "pobj"]  # the parser may hang "on X" on the object; the first
        # that names an actor is taken ("blamed the attack on Sunday on X, which operates on the border": X)
        cands = cands or ([] if syntax.is_passive(v) else [c for c in v.children if c.dep_ == "dobj"])
    elif syntax.is_passive(v) and any(in_class(c, "weapons") for c in v.children if c.dep_ == "nsubjpass"):
        cands = syntax.pobj_of(v, {"by"})
    elif lemma(v) in w["suspicion_verbs"]:  # "police suspect X", "X are suspected": an armed X only
        dep = "nsubjpass" if syntax.is_passive(v) else "dobj"
        return next((a for a, _ in (_actor(c, ix, doc) for c in v.children if c.dep_ == dep)
                     if a and (ix.actor_by_id.get(a) or {}).get("inter") in ARMED_INTER), None)
    else:
        return None
    return next((a for a, _ in (_actor(s, ix, doc) for s in cands) if a), None)


def claimed_sources(events: list[dict], doc, tokens: list, ix: links.Index, lems: list[str] | None = None) -> None:
    """"At least 21 people were killed in attacks on Sunday. Al-Shabaab claimed responsibility.": a claim of
    responsibility (or "the device was planted by X", "police blamed the attack on X") gives its actor as the source of the violent events
    before it with no source, in its paragraph or the one before."""
    w = words()
    paras = doc.paragraphs or []
    starts = [p.start for p in paras]

    def para(off: int) -> int:  # the paragraph holding an offset (paragraphs are in text order), or -1
        k = bisect.bisect_right(starts, off) - 1
        return k if k >= 0 and off < paras[k].end else -1
    if not any(e["type"] == "ASSAULT" and not e.get("source") for e in events):
        return
    verbs = set(w["responsibility_verbs"]) | set(w["agent_participles"]) | set(w["blame_verbs"]) | set(w["suspicion_verbs"])
    cands = [tokens[k] for k, lm in enumerate(lems) if lm in verbs] if lems is not None else tokens
    for v in cands:
        if v.pos_ != "VERB" or lemma(v) not in verbs:
            continue
        aid = _claimant(v, ix, doc)
        if aid is None:
            continue
        pv = para(v.idx)
        for ev in events:
            if ev["type"] == "ASSAULT" and not ev.get("source") and ev["evidence"]["start"] < v.idx \
                    and 0 <= pv - para(ev["evidence"]["start"]) <= 1 and ev.get("target") != aid:
                ev["source"] = aid  # (never the event's own target: no actor attacks itself)
