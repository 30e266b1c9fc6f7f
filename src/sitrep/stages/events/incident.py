"""ACLED sub-event types settled by an event's context: its paragraph and its arguments (issue 16).

A trigger alone does not tell a peaceful protest from a violent demonstration, a crowd's lynching from
an armed group's attack, or a raid on an empty town hall from an attack on people. The ACLED codebook
(2023, Protests, Riots and Strategic developments) decides these from the whole incident, and so does
this module, from word lists in ``data/events/incident.json``:

- Demonstration context (a protest event or word in the paragraph): the paragraph's protest, and its
  clashes, arrests and burnings, are one demonstration event: a *violent demonstration* when the
  demonstrators riot (stones, burning, looting, clashes), else *excessive force against protesters* when
  lethal or severe force is used on them, else *protest with intervention* when the police disperse,
  tear-gas or arrest them, else a *peaceful protest*.
- Outside a demonstration: violence whose doer is a crowd (a mob, residents, youths) and not an armed
  side, or a lynching, is *mob violence*; an attack in a paragraph that reports two-sided fighting (a
  clash, an exchange of fire, an attack repelled) is an *armed clash*; an attack on a building, village or
  vehicle in a paragraph that reports nobody hurt is *looting/property destruction*.
"""
from __future__ import annotations

import bisect

from sitrep import vocab
from sitrep.resources import cached
from sitrep.stages.events.acled import armed_np
from sitrep.stages.events.lexicon import acled_names, in_class, lemma, member
from sitrep.stages.events.syntax import verb_subjects
from sitrep.stages.events.trace import Trace

# Codes a demonstration context may replace: the generic violent, arrest and looting readings.
DEMO_OVERRIDES = {"VAC-attack", "BAT-clash", "SD-arrests", "SD-looting", "PRO-peaceful", "PRO-intervention",
                  "PRO-force", "RIO-violent", "RIO-mob"}
CROWD_OVERRIDES = {"VAC-attack", "BAT-clash", "SD-looting", "SD-other"}
DEMO_TYPES = {"ASSAULT", "PROTEST", "COERCE"}
ARMED_KINDS = {"armed group", "state"}


@cached
def cues() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in vocab.table("events/incident.json").items()}


def grams(lems: list[str]) -> set[str]:
    """The lemmas of a token run and its two- and three-lemma sequences ("tear gas", "set on fire"); "riot"
    naming a police unit or its kit ("riot police", "anti-riot gear") is no riot and is left out."""
    units = cues()["riot_unit_heads"]
    lems = ["" if lm == "riot" and nxt in units else lm for lm, nxt in zip(lems, [*lems[1:], ""])]
    out = set(lems)
    out.update(f"{a} {b}" for a, b in zip(lems, lems[1:]))
    out.update(f"{a} {b} {c}" for a, b, c in zip(lems, lems[1:], lems[2:]))
    return out


def demo_code(g: set[str], events: list[dict], shots: bool = False) -> str:
    """The ACLED code of a demonstration from the lemma grams of its paragraph (module docstring); ``shots``:
    the paragraph reports shots fired at the demonstrators, an intervention."""
    c = cues()
    if g & c["riot_cues"] or any(e["acled_subtype"] == "Violent demonstration" for e in events):
        return "RIO-violent"
    intervened = shots or bool(g & c["intervention_cues"])
    deaths = c["death_words"]
    if g & (c["force_cues"] - deaths) or (intervened and g & deaths):  # severe force, or deaths as police step in
        return "PRO-force"
    return "PRO-intervention" if intervened else "PRO-peaceful"


def _crowd(tok, actor: dict | None) -> bool:
    """Whether the doer of a violent act is a crowd: "a mob", "angry residents", "a group of youths", but
    never an armed side ("a group of gunmen", "armed youths")."""
    if tok is None or (actor or {}).get("kind") in ARMED_KINDS or armed_np(tok):
        return False
    if any(lemma(c) == "armed" for c in tok.children):
        return False
    words = cues()["crowd_sources"]
    if lemma(tok) not in words:
        return False
    if any(c.ent_type_ == "NORP" for c in tok.children):  # "Kikuyu youths": a communal militia (ACLED)
        return False
    of = [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children if x.dep_ == "pobj"]
    if lemma(tok) in cues()["crowd_collectives"]:  # "a group of youths", never "an ethnic group", "a rival group"
        return any(lemma(x) in words and not armed_np(x) for x in of)
    if lemma(tok) in cues()["allegiance_heads"]:  # "supporters of the party": whom they follow, not who they are
        return not any(armed_np(x) for x in of)
    return not of or any(lemma(x) in words and not armed_np(x) for x in of)


def _shots_at_crowd(evs: list[dict], traces: dict[int, Trace], tokens: list) -> bool:
    """Whether shots were fired at the demonstrators: a shooting event ("fired on", "opened fire on") whose
    target is a demonstrator or a crowd ("fired on demonstrators", "opened fire on the crowd")."""
    c = cues()
    crowd = c["protest_cues"] | c["crowd_sources"]
    for ev in evs:
        tr = traces[id(ev)]
        if ev["type"] == "ASSAULT" and ev["lexeme"] in c["shot_triggers"] and tr.tgt is not None:
            if lemma(member(tokens[tr.tgt])) in crowd:  # "hundreds of protesters": the protesters
                return True
    return False


VIOLENT_CODES = ("BAT-clash", "ERV-", "VAC-attack", "VAC-sexual", "BAT-gov", "BAT-nsa")
TAKEN = {"SD-arrests", "VAC-abduct", "SD-looting"}


def _severest(evs: list[dict], code_of: dict, names: dict) -> None:
    """People or goods taken in a paragraph where people are also killed or hurt belong to the violent
    event: the ACLED codebook codes an incident once, by its violence ("abducted and executed" is an attack;
    soldiers killed and others taken hostage in one raid is a battle; looting is its own event only where
    nobody is hurt: "killed the village chief and seized livestock" is an attack)."""
    violent = [e for e in evs if e["type"] == "ASSAULT" and e["factuality"] in ("asserted", "alleged")
               and (code_of.get((e["acled_event_type"], e["acled_subtype"])) or "").startswith(VIOLENT_CODES)]
    if not violent:
        return
    lead = max(violent, key=lambda e: (e["fatalities"] or 0, e["confidence"]))
    for ev in evs:
        if code_of.get((ev["acled_event_type"], ev["acled_subtype"])) in TAKEN:
            ev["acled_event_type"], ev["acled_subtype"] = lead["acled_event_type"], lead["acled_subtype"]


TERRITORY_TAKEN = {"BAT-gov", "BAT-nsa"}


def _harmed(lems: list[str]) -> bool:
    """Whether a paragraph (its lemmas) says someone was killed or hurt: a harm word not negated by one of the
    three lemmas before it ("no casualties reported", "no one was hurt", "without injuries")."""
    c = cues()
    harm, negations = c["harm_words"], c["harm_negations"]
    return any(lm in harm and not negations.intersection(lems[max(0, i - 3):i]) for i, lm in enumerate(lems))


HARM_COUNTS = {"killed", "injured", "casualties"}  # categories of the counts layer that say people were hurt


def _looted(evs: list[dict], code_of: dict, names: dict, traces: dict[int, Trace], tokens: list) -> None:
    """An attack on a place or a thing in a paragraph that tells goods looted or property burned and says nobody
    was hurt, with no fight (and no one counted killed or hurt in the report), is that looting or destruction
    ("attacked the village, burned a shop and seized livestock, no injuries reported"): ACLED codes it as
    Looting/property destruction (codebook 2023). An attack on a person, or on an armed side (a clash: ACLED
    codes an assault on a gendarmerie post as a battle, casualties or not), stays what it is."""
    if not any(code_of.get((e["acled_event_type"], e["acled_subtype"])) == "SD-looting" and e["factuality"] == "asserted"
               for e in evs):
        return
    for ev in evs:
        tr = traces[id(ev)]
        if (ev["type"] != "ASSAULT" or ev["factuality"] != "asserted"
                or code_of.get((ev["acled_event_type"], ev["acled_subtype"])) != "VAC-attack"):
            continue
        if tr.tgt is not None and in_class(member(tokens[tr.tgt]), "people"):
            continue
        ev["acled_event_type"], ev["acled_subtype"] = names["SD-looting"]


def _unopposed(evs: list[dict], g: set[str], code_of: dict, names: dict) -> None:
    """Territory taken where nobody was hurt and nobody fought, and the report says so ("without a fight") or
    tells the other side's withdrawal ("retook the villages, which the militants had left"), is a non-violent
    transfer of territory (ACLED codebook 2023)."""
    withdrawn = any(e["type"] == "RETREAT" and e["mode"] == "withdraw" and e["factuality"] == "asserted"
                    and code_of.get((e["acled_event_type"], e["acled_subtype"])) == "SD-transfer" for e in evs)
    if not (withdrawn or g & cues()["unopposed_cues"]):
        return
    for ev in evs:
        if code_of.get((ev["acled_event_type"], ev["acled_subtype"])) in TERRITORY_TAKEN and ev["factuality"] == "asserted":
            ev["acled_event_type"], ev["acled_subtype"] = names["SD-transfer"]


def refine(events: list[dict], doc, lems: list[str], offsets: list[int], tokens: list,
           traces: dict[int, Trace]) -> None:
    """Settle the ACLED codes of ``events`` (items of the events stage) from their paragraph; changes them
    in place. ``traces``: :func:`.trace.table` of the events (their sentence, source and target tokens)."""
    names = acled_names()
    code_of = {v: k for k, v in names.items()}
    by_para: dict[tuple[int, int], list[dict]] = {}
    for ev in events:
        p = doc.paragraph_at(ev["evidence"]["start"])
        key = (p.start, p.end) if p is not None else (0, len(doc.text))
        by_para.setdefault(key, []).append(ev)
    c = cues()
    actors = {x["id"]: x for x in doc.layers.get("actors") or []}
    counted_harm = any(x.get("category") in HARM_COUNTS and x.get("value") and not x.get("negated")
                       and not x.get("hypothetical") for x in doc.layers.get("counts") or [])
    for (start, end), evs in by_para.items():
        a, b = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
        g = grams(lems[a:b])
        protest = g & c["protest_cues"] or any(e["type"] == "PROTEST" and e["acled_subtype"] for e in evs)
        if protest:
            code = demo_code(g, evs, _shots_at_crowd(evs, traces, tokens))
            for ev in evs:
                old = code_of.get((ev["acled_event_type"], ev["acled_subtype"]))
                attempt = ev["type"] == "ASSAULT" and old == "SD-other"  # "protesters tried to storm the hall"
                if ev["type"] in DEMO_TYPES and (old in DEMO_OVERRIDES or attempt or (
                        ev["type"] == "PROTEST" and old is None and ev["factuality"] == "asserted")):
                    ev["acled_event_type"], ev["acled_subtype"] = names[code]
            continue
        hurt = bool(g & c["harm_words"])
        fight = next((e for e in evs if e["lexeme"] in c["fight_triggers"] and e["type"] == "ASSAULT"
                      and e["factuality"] == "asserted"), None)  # "merchants fought ... Three people were killed."
        fought = bool(g & c["fight_cues"]) or fight is not None  # the attacked side fought back: a clash
        if hurt and not fought and not counted_harm and not _harmed(lems[a:b]):
            # the report says nobody was hurt ("no casualties reported"): an attack that burned or looted is that
            _looted(evs, code_of, names, traces, tokens)
            _unopposed(evs, g, code_of, names)
        elif hurt:
            _severest(evs, code_of, names)
        elif not fought:
            _unopposed(evs, g, code_of, names)
        for ev in evs:
            old = code_of.get((ev["acled_event_type"], ev["acled_subtype"]))
            if ev["type"] == "ASSAULT" and old == "SD-other" and fought and not any(
                    o is not ev and o["acled_subtype"] for o in evs):  # an attempt the other side repelled
                ev["acled_event_type"], ev["acled_subtype"] = names["BAT-clash"]
            # ``old`` stays the attempt's code on purpose: a crowd's attempt is the crowd's violence below
            if ev["type"] != "ASSAULT" or old not in CROWD_OVERRIDES:
                continue
            tr = traces[id(ev)]
            s0, s1 = tr.sent
            src = tokens[tr.src] if tr.src is not None else None
            tgt = tokens[tr.tgt] if tr.tgt is not None else None
            actor = actors.get(ev["source"]) if isinstance(ev.get("source"), str) else None
            if src is None:  # "a vigilante mob attacks ...", parsed as one noun phrase: the doer is a modifier;
                # else the trigger's subject, where the dyad found no actor in it ("youths from two villages fought")
                src = next((x for x in tokens[tr.anchor].children if x.dep_ == "compound"), None) or next(
                    iter(verb_subjects(tokens[tr.anchor])), None)
            if grams(lems[s0:s1]) & c["mob_verbs"] or _crowd(src, actor):
                ev["acled_event_type"], ev["acled_subtype"] = names["RIO-mob"]
            elif old == "VAC-attack" and fought:  # the fight's own type where it is told (a crowd's: mob violence)
                own = (fight["acled_event_type"], fight["acled_subtype"]) if fight is not None and fight is not ev else None
                ev["acled_event_type"], ev["acled_subtype"] = own if own and own[1] else names["BAT-clash"]
            elif (old in ("VAC-attack", "BAT-clash") and not hurt and tgt is not None and ev["mode"] != "firearms"
                  and lemma(tgt) in c["property_targets"] and not armed_np(tgt)):  # shots aim at the people inside
                ev["acled_event_type"], ev["acled_subtype"] = names["SD-looting"]
    for evs in by_para.values():
        _context_yields(evs, names["SD-other"], {id(ev) for ev in evs if traces[id(ev)].background})


def _context_yields(evs: list[dict], other: tuple[str, str], background: set[int]) -> None:
    """"Other" is the codebook's strategic development that fits no other type, and a curfew, closure or
    release is a development only where nothing else happened: where the paragraph reports an event of
    another ACLED type, they are its context and lose their ACLED codes ("clashes broke out; a curfew was
    imposed" is the clash; "abducted a trader, who was freed later" is the abduction). An event told as what
    led to another (``background``: ids of such items, "imposed a curfew after the clashes") takes no place."""
    modes = cues()["context_modes"]

    def context(e: dict) -> bool:
        return e["acled_subtype"] is not None and (
            (e["acled_event_type"], e["acled_subtype"]) == other
            or (e["mode"] in modes and e["acled_event_type"] == other[0]))
    if any(e["acled_subtype"] and not context(e) and id(e) not in background for e in evs):
        for ev in evs:
            if context(ev):
                ev["acled_event_type"] = ev["acled_subtype"] = None


def fold_detentions(events: list[dict], doc) -> list[dict]:
    """One arrests event per paragraph, as ACLED coders count detentions per report: "police arrested a
    leader ... and also detained two suspects" is one event detaining 3. Later arrests of the paragraph
    that took place (asserted, same ACLED sub-event) join the first: their counts and evidence."""
    out: list[dict] = []
    first: dict[tuple, dict] = {}
    for ev in events:
        if ev["mode"] == "arrest" and ev["type"] == "COERCE" and ev["factuality"] == "asserted":
            p = doc.paragraph_at(ev["evidence"]["start"])
            key = ((p.start, p.end) if p is not None else None, ev["acled_subtype"])
            lead = first.get(key)
            if lead is not None:
                lead["counts"] += [c for c in ev["counts"] if c not in lead["counts"]]
                s, e = min(lead["evidence"]["start"], ev["evidence"]["start"]), max(lead["evidence"]["end"],
                                                                                   ev["evidence"]["end"])
                lead["evidence"] = doc.span(s, e)
                for k in ("place", "source", "target", "claimant"):
                    if lead.get(k) is None and ev.get(k) is not None:
                        lead[k] = ev[k]
                continue
            first[key] = ev
        out.append(ev)
    return out
