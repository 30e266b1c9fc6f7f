"""PLOVER mode and ACLED event type / sub-event type of an event.

Follows the ACLED codebook (2023): remote violence (shelling, air and drone strikes, explosives) is
"Explosions/Remote violence" whoever is hit; direct violence against unarmed people is "Violence against
civilians"; violence between armed sides is "Battles"; arrests, looting, agreements, troop movements and
disrupted weapons are "Strategic developments". Only violent and strategic events get ACLED names.
"""
from __future__ import annotations

from sitrep import vocab
from sitrep.stages.events.lexicon import acled_names, in_class, lemma, member, place_like, weapon_cues_by_first

KEEP_SPECIFIC = {"SD-looting", "SD-disrupted", "VAC-sexual", "VAC-abduct", "BAT-gov", "BAT-nsa", "BAT-territory", "RIO-mob",
                 "ERV-suicide"}
ARMED_TYPES = frozenset(vocab.table("events/sides.json")["armed_actor_types"])
GOV_WORDS = frozenset(vocab.table("events/sides.json")["government_words"])
UNARMED_MODIFIERS = frozenset(vocab.table("events/sides.json")["unarmed_modifiers"])


def weapon(tokens) -> tuple[str | None, str | None]:
    """(PLOVER mode, ACLED code) of the first weapon cue among the tokens (cue file order)."""
    lemmas = [lemma(t) for t in tokens]
    texts = [t.lower_ for t in tokens]
    by_first = weapon_cues_by_first()
    best: tuple[int, str, str | None] | None = None
    for i in range(len(lemmas)):
        for key in {lemmas[i], texts[i]}:
            for order, cue, mode, code in by_first.get(key, ()):
                if best is not None and order >= best[0]:
                    continue
                n = len(cue)
                if tuple(lemmas[i:i + n]) == cue or tuple(texts[i:i + n]) == cue:
                    best = (order, mode, code)
    return (best[1], best[2]) if best else (None, None)


VICTIM_DEPS = {"nsubjpass", "dobj"}


def armed_np(tok, armed_at=None) -> bool:
    """Whether a noun phrase names an armed side: its head, or a compound or modifier of it, is in the
    ``armed`` class ("soldiers", "police station", "militia members", "security personnel"), or it is
    "a group of gunmen"; with ``armed_at`` (token -> whether an armed actor is mentioned there), also a
    member of an armed actor ("an al-Shabaab suspect", "two Taliban members"). A former, retired or
    off-duty one is not armed ("a former soldier")."""
    if unarmed(tok):
        return False
    if in_class(tok, "armed") or any(c.dep_ in ("compound", "amod") and in_class(c, "armed") for c in tok.children):
        return True
    if armed_at is not None and any(c.dep_ in ("compound", "amod", "nmod") and armed_at(c) for c in tok.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(_armed_noun(x) for x in c.children)
           for c in tok.children):
        return True
    # "a vehicle carrying fighters", "a bus transporting soldiers": what it carries decides
    return any(c.dep_ == "acl" and any(x.dep_ == "dobj" and _armed_noun(x) for x in c.children)
               for c in tok.children)


def _armed_noun(tok) -> bool:
    return in_class(tok, "armed") and not unarmed(tok)


def unarmed(tok) -> bool:
    """Whether a noun is marked as someone who cannot fight back: "a former soldier", "an off-duty policeman"."""
    return any(c.dep_ in ("amod", "compound", "advmod", "nmod") and
               "".join(x.text for x in c.subtree).lower() in UNARMED_MODIFIERS for c in tok.children)


def victims(tokens) -> list:
    """The people hurt in a sentence: subjects of passive casualty verbs ("two soldiers were killed"),
    objects of active ones ("killed a farmer"), subjects of "die"."""
    out = []
    for t in tokens:
        if t.pos_ == "VERB" and in_class(t, "suffer_verbs"):  # "soldiers suffered casualties"
            out.extend(x for c in t.children if c.dep_ == "nsubj" for x in (c, *c.conjuncts))
            continue
        if t.pos_ != "VERB" or not (in_class(t, "casualty_verbs") or in_class(t, "victim_verbs")):
            continue
        dies = lemma(t) == "die"
        suspect = vocab.table("events/dyad.json")["suspect_words"]
        for c in t.children:
            if c.dep_ in VICTIM_DEPS or (dies and c.dep_ == "nsubj"):
                out.append(c)
                out.extend(c.conjuncts)
            elif c.dep_ in ("advcl", "xcomp", "acl") and c.lower_ in suspect:
                # "killed 26 presumed militants" parsed as "killed 26, presumed militants": the
                # participle's object is who was killed
                out.extend(x for d in c.children if d.dep_ == "dobj" for x in (d, *d.conjuncts))
    return out


def _violent(src_tok, src_actor, tgt_tok, tgt_actor, sentence, armed_at=None) -> str | None:
    """Armed clash or attack on civilians, from who was hit, else who struck (ACLED codebook: violence
    between two armed, organised sides is a battle; violence by an armed side on unarmed people is an
    attack). Targets first, then the victims of the sentence's casualty verbs, then the source."""
    if _named_person(src_tok, src_actor) and (_named_person(tgt_tok, tgt_actor)
                                              or any(in_class(t, "speech_media") for t in sentence)):
        return None  # one named person "attacking" another is often verbal: the events stage decides
    hit = [member(t) for t in [t for t in (tgt_tok,) if t is not None] + victims(sentence)]
    if (armed_actor(tgt_actor) and not (tgt_tok is not None and unarmed(tgt_tok))) or any(
            armed_np(t, armed_at) for t in hit):
        return "BAT-clash"
    if _kind(tgt_tok, tgt_actor, "civilians") or any(in_class(t, "people") or in_class(t, "civilians") for t in hit):
        return "VAC-attack"
    if len(hit) > (tgt_tok is not None):  # people killed or hurt, none of them an armed side
        return "VAC-attack"
    if _kind(src_tok, src_actor, "armed") and (_place(tgt_tok) or (src_actor or {}).get("kind") == "state"
                                               or (src_tok is not None and lemma(src_tok) in GOV_WORDS)):
        return "BAT-clash"  # an armed side's assault on a place, or state forces' violence: a fight
    return "VAC-attack"  # someone struck at unnamed or unarmed people: ACLED's default for one-sided violence


def _place(tok) -> bool:
    """Whether a target is a place (a town, a position, a named location), where an assault meets its
    defenders; a person, a vehicle or a building of unknown use is not."""
    return tok is not None and place_like(tok, organisations=False)


def armed_actor(actor: dict | None) -> bool:
    """Whether an actor is an armed side: an armed group or a state, or any actor the actors stage typed
    as one of ACLED's armed actor types ("the Civil Defence Committee", a ministry's forces)."""
    a = actor or {}
    return a.get("kind") in ("armed group", "state") or a.get("type") in ARMED_TYPES


def _named_person(tok, actor: dict | None) -> bool:
    return (actor or {}).get("kind") == "person" or (tok is not None and tok.ent_type_ == "PERSON")


def _kind(tok, actor: dict | None, klass: str) -> bool:
    if actor is not None:
        k = actor.get("kind")
        if klass == "civilians" and k == "civilians":
            return True
        if klass == "armed" and k in ("armed group", "state"):
            return True
    return tok is not None and in_class(tok, klass)


def resolve(code: str | None, event_type: str, mode: str | None, clause, *, src_tok=None, src_actor=None,
            tgt_tok=None, tgt_actor=None, sentence=None, armed_at=None) -> tuple[str | None, str | None, str | None]:
    """(mode, acled_event_type, acled_subtype). ``sentence`` (the trigger's sentence tokens) lends its
    weapon ("killed when their vehicle was hit by a roadside bomb") and its victims when the clause has none;
    ``armed_at`` (token -> bool) says where the actors layer mentions an armed actor."""
    if event_type == "ASSAULT":
        wmode, wcode = weapon(clause)
        if wmode is None and sentence is not None and code == "VIOLENT":
            wmode, wcode = weapon(sentence)
        mode = mode or wmode
        if wcode and code not in KEEP_SPECIFIC:
            code = wcode
        elif code == "VIOLENT":
            code = _violent(src_tok, src_actor, tgt_tok, tgt_actor, sentence if sentence is not None else clause,
                            armed_at)
        if (code or "").startswith("ERV-") and code != "ERV-suicide" and any(
                in_class(t, "mishaps") for t in (sentence if sentence is not None else clause)):
            code = "SD-disrupted"  # "a bomb carried by militants detonated prematurely"
        if code == "BAT-territory":
            gov = (src_actor or {}).get("kind") == "state" or (src_tok is not None and (
                lemma(src_tok) in GOV_WORDS and not any(c.lower_ in ("rebel", "militant") for c in src_tok.children)))
            code = "BAT-gov" if gov else "BAT-nsa"
    elif code == "VIOLENT":
        code = None
    elif event_type == "THREATEN" and code is None and (armed_actor(src_actor) or (
            src_tok is not None and armed_np(src_tok, armed_at))):
        code = "SD-other"  # an armed side's threat or intimidation: a strategic development (ACLED codebook, Other)
    names = acled_names().get(code or "")
    return mode, (names[0] if names else None), (names[1] if names else None)
