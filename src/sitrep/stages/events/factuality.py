"""Factuality of an event: asserted, alleged, denied, planned, threatened, hypothetical, negated, historical.

Read from the trigger's own modifiers (negation, modal and future auxiliaries, hedging adverbs) and from
the verbs it is embedded under (deny, allege, threaten, urge, plan, "if"), following FactBank's cue
classes (Sauri and Pustejovsky 2009) and PLOVER's auxiliary modes. The first matching case in this order
wins: negated, denied, hypothetical, threatened, planned, alleged, historical, asserted.
"""
from __future__ import annotations

from sitrep import vocab
from sitrep.resources import cached
from sitrep.stages.events.lexicon import lemma

@cached
def cues() -> dict:
    """The cue classes of ``data/events/factuality.json`` (word lists as sets, numbers as they are)."""
    return {k: (frozenset(v) if isinstance(v, tuple) else v) for k, v in vocab.table("events/factuality.json").items()}


_LABELS = vocab.table("events/syntax.json")
NP_UP = frozenset(_LABELS["np_up"])
GERUND_ARG = frozenset(_LABELS["gerund_arg_deps"])
BE_FORMS = frozenset(_LABELS["be_present_past"])


def clause_verb(tok):
    """The verb whose clause holds the trigger: the trigger itself, or the verb its phrase hangs from."""
    t = tok
    for _ in range(8):
        gerund_arg = t.i == tok.i and t.dep_ in GERUND_ARG  # "fighting could ..."
        if t.pos_ in ("VERB", "AUX") and (t.i == tok.i or t.dep_ != "amod") and not gerund_arg:
            return t
        if t.head.i == t.i or t.dep_ not in NP_UP | {"acl", "relcl"}:
            return t
        t = t.head
    return t


def embedding(v):
    """The verb or adjective a clause is the complement of ("vowed to [eliminate]", "poised to [cut off]").
    A "complement" before its verb with a semicolon between is a sentence of its own the parser joined
    ("teachers rally outside parliament; police push them back"): it is embedded in nothing."""
    if v.dep_ in ("xcomp", "ccomp") and v.head.i != v.i:
        e = v.head
        if v.i < e.i and any(t.text == ";" for t in v.doc[v.i:e.i]):
            return None
        return e
    return None


def _aux(v) -> set[str]:
    out = {a.lower_ for a in v.children if a.dep_ in ("aux", "auxpass")}
    t = v
    while t.dep_ in ("conj", "xcomp") and t.head.i != t.i:  # "will meet and sign", "is going to attack"
        t = t.head
        if t.dep_ != "conj" and lemma(t) != "go":
            break
        out |= {a.lower_ for a in t.children if a.dep_ in ("aux", "auxpass")}
        if lemma(t) == "go" and any(a.lower_ in BE_FORMS for a in t.children):
            out.add("will")
    return out


def _subject(v):
    subs = [x for x in v.children if x.dep_ == "nsubj"]
    if not subs and v.dep_ == "relcl":
        return v.head
    return subs[0] if subs else None


def assess(tok, phrase: set[int], *, event_type: str, date_value: str | None,
           published: str | None, tree=None) -> tuple[str, dict]:
    """(factuality, extras) for a trigger; extras may carry ``denied_by_token`` (the denier's head token).
    ``tree`` (:class:`.syntax.Tree` of the document) gives the modifiers from its arrays."""
    c = cues()
    v = clause_verb(tok)
    e = embedding(v)
    if e is not None and e.i in phrase:
        e = None
    kids = tree.children if tree is not None else (lambda t: list(t.children))
    mods = kids(tok) + (kids(v) if v.i != tok.i else [])
    if any(x.dep_ == "neg" or (x.dep_ == "det" and x.lower_ in ("no", "zero")) for x in mods):
        return "negated", {}
    foil = next((x for x in (v if v.i != tok.i else None, e)
                 if x is not None and x.i not in phrase and lemma(x) in c["foil_words"]), None)
    if foil is not None:
        return "negated", {"attempted": foil}  # "police foiled an attack", "the army thwarted a plan to bomb"
    if e is not None and lemma(e) in c["negating_verbs"] and lemma(e) != "deny":
        return "negated", {}
    for d in (v if v.i != tok.i else None, e):
        if d is not None and d.i not in phrase and lemma(d) in c["deny_verbs"] and d.pos_ == "VERB":
            return "denied", {"denied_by_token": _subject(d)}
    marks = {lemma(x) for x in v.children if x.dep_ == "mark"}
    for x in v.children:  # the consequent of a conditional: "if the ceasefire collapses, fighting could ..."
        if x.dep_ == "advcl" and x.i < v.i:
            marks |= {lemma(m) for m in x.children if m.dep_ == "mark"}
    if marks & c["conditional_marks"] or any(lemma(x) in c["conditional_marks"] or x.lower_ in c["conditional_marks"]
                                             for x in mods):
        return "hypothetical", {}
    aux = _aux(v)
    if e is None and v.dep_ == "acl" and v.tag_ == "VB" and lemma(v.head) in c["attempt_words"] | c["plan_verbs"]:
        e = v.head  # "an attempt to abduct the mayor", "plans to close the stores"
    if e is not None and lemma(e) in c["attempt_words"]:
        return "planned", {"committed": False, "attempted": e}  # the attempt's word: what it led to hangs from it
    if e is not None:
        le = lemma(e)
        if le in c["threat_verbs"] and event_type != "THREATEN" and (v.dep_ == "xcomp" or aux & {"would", "will"}):
            return "threatened", {}
        if le in c["request_verbs"] and event_type != "REQUEST":
            return "hypothetical", {}
        committed = {"committed": le in c["commit_verbs"]}
        under_way = le in c["aspectual_verbs"] and v.tag_ == "VBG"  # "began observing a sit-in"
        # "reimposed blockades, a spokesman announced": a past-tense content of a verb that both plans and
        # reports is a report of what was done, not a plan
        under_way = under_way or (le in c["report_verbs"] and v.dep_ == "ccomp" and v.tag_ == "VBD")
        if (le in c["plan_verbs"] and not under_way) or le in c["plan_adjectives"] or e.lower_ in c["plan_adjectives"]:
            return "planned", committed
        if e.head.i != e.i and lemma(e) == "be" and v.dep_ == "xcomp":  # "is ready to withdraw"
            if any(x.lower_ in c["plan_adjectives"] for x in e.children if x.dep_ == "acomp"):
                return "planned", committed
    committed = {"committed": e is not None and lemma(e) in c["commit_verbs"]}
    if aux & c["future_aux"]:
        return "planned", committed
    if aux & c["hypothetical_modals"]:
        reported = e is not None and lemma(e) in c["report_verbs"]
        return ("planned", committed) if "would" in aux and reported else ("hypothetical", {})
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(lemma(x) in c["plan_adjectives"] for x in tok.children if x.dep_ in ("amod", "compound")):
            return "planned", {}
        if tok.head.lower_ == "for" and lemma(v) in (c["plan_verbs"] | {"regroup", "mobilize", "mass", "gear"}):
            return "planned", {}
    hedges = c["allege_adverbs"]
    if any((lemma(x) in hedges or x.lower_ in hedges) and x.dep_ in ("advmod", "amod") for x in mods):
        return "alleged", {}
    if e is not None and lemma(e) in c["allege_verbs"] and e.pos_ == "VERB":
        return "alleged", {}
    if date_value and published and date_value[:4].isdigit() and published[:4].isdigit():
        if int(published[:4]) - int(date_value[:4]) >= int(c["historical_years"]):
            return "historical", {}
    if any(x.lower_ in ("ago", "previously", "formerly") for x in mods):
        return "historical", {}
    return "asserted", {}
