"""The voice of a category verb, read from the dependency parse: passive (with an auxiliary, a 'by' agent, a
bare participle, a headline's or a note's reduced participle) or active, and the labels the rules follow
(``data/counts/dependencies.json``). Read by :mod:`.victims`."""
from __future__ import annotations

from sitrep import vocab
from sitrep.stages.counts.quantify import is_person, numeral


def deps() -> dict:
    """The dependency labels the rules follow (``data/counts/dependencies.json``)."""
    return vocab.table("counts/dependencies.json")


def passive(v) -> bool:
    """A passive verb: a passive auxiliary or subject, a 'by' agent ('Soldier shot dead by gunmen', a
    headline the small model tags as past tense), a participle without auxiliary or object."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in v.children) or (
        v.tag_ == "VBN" and v.dep_ in deps()["participle"]
        and not any(c.dep_ in ("aux", "dobj") for c in v.children)) or headline_passive(v) or reduced(v)


def reduced(v) -> bool:
    """A category verb reduced to its participle after a bare number, as notes write '15 killed in X' in
    a longer sentence (the small model may tag the participle VBD and hang it from the number or from
    the noun before): no subject, object or auxiliary of its own."""
    return (v.dep_ == "acl" and bare_number_before(v) is not None
            and not any(c.dep_ in deps()["own_arguments"] for c in v.children))


def bare_number_before(v):
    """The number right before ``v`` when it counts no noun of its own ('2 killed'; not 'May 2')."""
    prev = v.doc[v.i - 1] if v.i > v.sent.start else None
    if prev is None or prev.pos_ != "NUM" or prev.dep_ in ("nummod", "quantmod", "compound"):
        return None
    return prev if prev.ent_type_ not in ("DATE", "TIME") else None


def headline_passive(v) -> bool:
    """A participle heading its sentence, or the clause a reporting verb takes, without an auxiliary, as
    headlines and notes write the passive: 'Forty herders killed in raid', '2 killed.', 'police say at
    least 8 killed.'"""
    return v.tag_ == "VBN" and v.dep_ in ("ROOT", "ccomp") and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in v.children) and not participle_subject(v)


def participle_subject(v) -> list:
    """'killed at least 12 farmers harvesting beans': the small model may read the victims as the subject
    of the participle clause that describes them; an active verb without an object takes that subject
    when it names people or is a number."""
    return [s for c in v.children if c.dep_ in ("ccomp", "advcl") and c.tag_ == "VBG" and c.i > v.i
            for s in c.children if s.dep_ == "nsubj" and s.i > v.i and (is_person(s) or numeral(s))][:1]
