"""Events: who did what to whom, where, when, how many, and who says so (issue 5, part 3).

Method (rules over the dependency parse, lexicons in ``sitrep/data/events/``):

1. Triggers: verbs, nouns and phrases of ``triggers.tsv`` give a PLOVER type, mode and ACLED code; their
   ``when`` conditions look at the trigger's object, subject, modifiers and governing verb
   ("expel diplomats" is SANCTION/expel, "expel migrants" COERCE/deport). A reporting verb whose content
   names a crime ("said war crimes were committed") is an ACCUSE by the speaker.
2. Evidence: the clause the trigger is read from (:mod:`.syntax`); source and target, actors of the actors
   layer, from its arguments (:mod:`.dyad`).
3. Links (:mod:`.links`): place, date, counts and fatalities from the nearest syntactic context; the
   claimant is the speaker of the quote holding the trigger, else the subject of the reporting verb it is
   embedded under, else null (the report's own voice).
4. Factuality (:mod:`.factuality`), then PLOVER's future conventions: a planned CONSULT, SUPPORT,
   COOPERATE or AID is AGREE; a planned RETREAT is CONCEDE (PLOVER manual, AGREE and CONCEDE).
5. Deaths and injuries in a clause next to an attack join that attack ("under fire and one person had
   died in Kreminna"); a bare "died" with no attack in its sentence is not an event.
6. A denial of responsibility marks the claimed attacks of the document as ``denied_by`` the denier.

Reads ``doc.spacy`` and the dates, places, actors, quotes and counts layers; an empty layer gives fewer
links, not an error. Writes ``events``; items follow ``schema/layers/events.json``.
"""
from __future__ import annotations

import bisect

from spacy.symbols import NOUN, VERB

from sitrep import vocab
from sitrep.doc import Document
from sitrep.pipeline import stage
from sitrep.tokens import Parse, parse
from sitrep.stages.events import acled, dating, dyad, factuality, incident, links, syntax, trace, where
from sitrep.stages.events.factuality import cues
from sitrep.stages.events.lexicon import (Entry, Match, acled_names, class_keys, classes, find_triggers, forms,
                                          in_class, lemma, triggers)
from sitrep.stages.events.settings import SETTINGS
from sitrep.stages.events.trace import Trace

SKIP_PARAGRAPHS = {"credit", "byline", "dateline"}
PLANNED_AS = {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}
# A conflict action its actor announces or vows ("said they would blockade Paris") is a THREATEN whose
# mode is the content of the threat (PLOVER manual, THREATEN modes).
THREAT_MODE = {"ASSAULT": "violence", "PROTEST": "restrict", "SANCTION": "relations", "COERCE": "restrict"}
UNREALISED = {"negated", "hypothetical", "planned", "threatened"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def sentence_spans(doc: Document, table: tuple | None = None) -> list[tuple[object, tuple[int, int], int]]:
    """(spaCy span, paragraph bounds, paragraph index) for every sentence cut at paragraph edges, skipping
    credits and bylines; ``table`` is :func:`~sitrep.stages.events.lexicon.forms` of the document."""
    sp = doc.spacy
    _, _, _, space, offsets = table if table is not None else forms(sp)
    paras = doc.paragraphs or []
    out = []
    skip = set(SKIP_PARAGRAPHS)
    if any(p.kind == "body" for p in paras):
        skip.add("heading")  # section headings ("Sanctions 'not enough'") repeat or announce the body
    para_of = _paragraph_finder(paras)
    ordered = all(a.end <= b.start for a, b in zip(paras, paras[1:]))
    for sent in sp.sents:
        ks = [k for k in range(sent.start, sent.end) if not space[k]]
        if not ks:
            continue
        p = para_of(offsets[ks[0]])
        if ordered and p >= 0 and p == para_of(offsets[ks[-1]]):
            groups = {p: ks}  # both ends in one paragraph: every token between is in it
        else:
            groups = {}
            for k in ks:
                groups.setdefault(para_of(offsets[k]), []).append(k)
        for p, ks in groups.items():
            if p >= 0 and paras[p].kind in skip:
                continue
            bounds = (paras[p].start, paras[p].end) if p >= 0 else (0, len(doc.text))
            out.append((sp[ks[0]:ks[-1] + 1], bounds, p))
    return out


def _paragraph_finder(paras):
    """offset -> index of the first paragraph holding it, or -1; by bisection when the paragraphs are in
    order and disjoint (as cleaning makes them), else by scanning."""
    if all(a.end <= b.start for a, b in zip(paras, paras[1:])):
        starts = [p.start for p in paras]

        def find(idx: int) -> int:
            k = bisect.bisect_right(starts, idx) - 1
            return k if k >= 0 and idx < paras[k].end else -1
        return find
    return lambda idx: next((k for k, para in enumerate(paras) if para.start <= idx < para.end), -1)


def _speech_matches(span, lems: list[str] | None = None, pos: list[int] | None = None,
                    crimes: list | None = None) -> list[Match]:
    """Reporting verbs that are events themselves: an ACCUSE when the reported content names a crime
    ("said war crimes were committed"), a REQUEST when it says what someone must do ("said Sudan must
    return the helicopter"). ``crimes`` (optional) are the document's nouns that may be accusation nouns."""
    report = cues()["report_verbs"]
    out = []
    toks = list(span)  # a spaCy span or a list of tokens
    if lems is not None and pos is not None:  # the sentence's slices of lexicon.forms: skip to the verbs
        toks = [toks[k] for k, (lm, p) in enumerate(zip(lems, pos)) if p == VERB and lm in report]
    for t in toks:
        if t.pos_ != "VERB" or lemma(t) not in report or lemma(t) in ("deny", "accuse", "allege", "blame"):
            continue
        if t.dep_ == "relcl":  # "carnage that Ukraine said were war crimes": Ukraine claims that event
            continue
        content = [c for c in t.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
        if crimes is not None:  # the same test, from the few candidate nouns up instead of every subtree down
            accused = any(in_class(x, "accusation_nouns") for x in crimes
                          if any(c.i == x.i or c.is_ancestor(x) for c in content))
        else:
            accused = any(in_class(x, "accusation_nouns") for c in content for x in c.subtree if x.pos_ == "NOUN")
        if accused:
            out.append(Match(t.i, (t.i,), Entry((lemma(t),), 0, "V", "ACCUSE", "allege", None, (), SETTINGS.accuse_confidence)))
        elif any(a.dep_ == "aux" and a.lower_ in ("must", "should") for c in content if c.dep_ == "ccomp"
                 for a in c.children):
            out.append(Match(t.i, (t.i,), Entry((lemma(t),), 0, "V", "REQUEST", None, None, (), SETTINGS.request_confidence)))
    return out


CLAUSE_EDGES = frozenset(vocab.table("events/syntax.json")["clause_edges"])


def _path(tok, span) -> list:
    """Modifiers of the phrases the trigger hangs from inside its own clause ("will hold a vote later
    Thursday on excluding ..."): climbing stops at a clause boundary."""
    out, t = [], tok
    while t.head.i != t.i and t.dep_ not in CLAUSE_EDGES and span.start <= t.head.i < span.end:
        t = t.head
        out += [x for c in t.children if c.dep_ in ("npadvmod", "prep", "advmod", "pobj") for x in c.subtree]
    return out


def _tiers(tok, clause, span, toks, bounds, prev_tokens, *, material: bool | None):
    """Token tiers to search a place or a date in, nearest first: the trigger's phrase, its clause, the
    whole reported content of a speech act, the phrases it hangs from; for material events also the
    sentence and the previous sentence."""
    own = [t for t in tok.subtree if bounds[0] <= t.idx < bounds[1]] if tok.pos_ in ("NOUN", "PROPN") else []
    content = [x for c in tok.children if c.dep_ == "ccomp" for x in c.subtree if bounds[0] <= x.idx < bounds[1]]
    tiers = [own, list(clause), content, _path(tok, span)]
    if material:
        tiers += [toks, prev_tokens]  # iterated lazily: most events find their place before these
    return tiers


def _person(toks, actor_id, actors: dict) -> bool:
    """Whether an event's side is a person: by its actor's kind, or by the entity label of its first token."""
    return (actors.get(actor_id) or {}).get("kind") == "person" or bool(toks and toks[0].ent_type_ == "PERSON")


def headline_verb(tok, span) -> bool:
    """Whether a trigger the parser read as a compound noun is the verb of a headline-style sentence
    ("Bandits attack villagers near the river", "Students protest exam fees"): the sentence has no verb
    at its root (the parser made one noun phrase of it), the word follows a noun or name (its subject)
    and is a plain or third-person form the lexicon also lists as a verb."""
    if tok.dep_ != "compound" or tok.i <= span.start or tok.tag_ not in ("NN", "NNS", "NNP", "VB", "VBP", "VBZ"):
        return False
    before = tok.doc[tok.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.dep_ not in ("compound", "nsubj", "amod"):
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in span):
        return False
    return any(e.pos in ("V", "A") for e in triggers().get(lemma(tok), ()))


def _build(doc: Document, m: Match, span, toks, bounds, prev_tokens, ix: links.Index,
           tree: syntax.Tree | None = None) -> Trace | None:
    sp = tree.tokens if tree is not None else doc.spacy  # the document's words (sitrep.tokens), else spaCy's
    tok = sp[m.anchor]
    e = m.entry
    noun = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADP" and len(m.tokens) > 1)
    if tok.pos_ == "ADP":  # "under fire": read from the verb the phrase hangs from
        tok = sp[m.tokens[-1]]
    if len(m.tokens) == 1 and tok.dep_ in ("amod", "compound") and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children) and not headline_verb(tok, span):
        return None  # a participle or noun used as a modifier ("Moscow-backed", "fighting force")
    head = syntax.clause_head(tok, noun=noun)
    clause = syntax.clause_tokens(head, keep_content=e.type in syntax.SPEECH_TYPES, bounds=bounds, tree=tree)
    trig = [sp[i] for i in m.tokens]
    if not clause:
        clause = trig
    start, end = syntax.evidence_span(clause, trig)
    dy = dyad.resolve(doc, tok, noun=noun, clause=clause, sent=toks, bounds=bounds, ix=ix, violent=e.type == "ASSAULT",
                      phrase=m.tokens)
    src, tgt, src_id, src_span, tgt_id, tgt_span = dy.src, dy.tgt, dy.source, dy.source_span, dy.target, dy.target_span
    actors = ix.actor_by_id
    mode, acled_type, acled_sub = acled.resolve(
        e.acled, e.type, e.mode, clause, src_tok=src[0] if src else None, src_actor=actors.get(src_id),
        tgt_tok=tgt[0] if tgt else None, tgt_actor=actors.get(tgt_id), sentence=toks,
        armed_at=lambda t: any(acled.armed_actor(a) for a in ix.at_token("actors", t)))
    tiers = _tiers(tok, clause, span, toks, bounds, prev_tokens, material=e.type in links.MATERIAL)
    # the sentence tiers (runs of consecutive tokens) give the same place for every trigger: named by range
    keys = (None, None, None, None, *[(t[0].i, t[-1].i) if len(t) else None for t in tiers[4:]])
    place, ptier = links.find_place(tiers, ix, material=e.type in links.MATERIAL, keys=keys)
    date, _ = links.find_date(tiers[:4], ix)  # the syntactic tiers only, not the sentence or the one before
    fact, extra = factuality.assess(tok, set(m.tokens), event_type=e.type,
                                    date_value=(date or {}).get("value"), published=doc.published, tree=tree)
    claimant, how = links.claimant_from_quotes(tok, ix)
    if claimant is None:
        claimant, _ = links.claimant_from_parse(tok, ix, doc)
        how = "parse" if claimant else None
    if claimant is not None and claimant == src_id and e.type in syntax.SPEECH_TYPES:
        claimant = None  # the speaker of their own speech act is its source, not a claimant
    denied_by = None
    if extra.get("denied_by_token") is not None:
        denied_by, _ = links.link_actor(extra["denied_by_token"], ix, doc)
    etype = e.type
    if etype == "ASSAULT" and mode is None and acled_type is None and e.words[0] in classes()["figurative_attacks"]:
        spoken = any(in_class(t, "speech_media") for t in clause)
        # "Trump attacked Machado in tweets": a person's attack on a person, or in speech, is verbal
        if _person(src, src_id, actors) and (_person(tgt, tgt_id, actors) or spoken):
            etype, mode = "ACCUSE", "disapprove"
    if fact == "planned" and etype in PLANNED_AS:
        etype = PLANNED_AS[etype]
    elif fact == "planned" and etype in THREAT_MODE and extra.get("committed"):
        etype, fact = "THREATEN", "threatened"
        mode = {"arrest": "arrest", "expel": "expel", "deport": "expel"}.get(mode or "", THREAT_MODE[e.type])
        acled_type = acled_sub = None
    elif fact == "negated" and etype in COOPERATIVE and src_id is not None:
        etype, fact = "REJECT", "asserted"  # "would not meet the demands", "failed to reach agreement"
        acled_type = acled_sub = None  # "did not release the prisoners": nothing took place to code
    if fact in UNREALISED:  # ACLED codes events that took place, not threats or plans
        acled_type, acled_sub = _unrealised_codes(etype, extra.get("attempted"), (acled_type, acled_sub), toks)
    s = SETTINGS
    conf = e.conf * (1.0 if src_id in actors else s.unlinked_source_factor) * (
        1.0 if ptier in (-1, 0, 1, 2) else s.far_place_factor)
    item = {
        "type": etype, "mode": mode, "acled_event_type": acled_type, "acled_subtype": acled_sub,
        "trigger": doc.span(sp[m.tokens[0]].idx, sp[m.tokens[-1]].idx + len(sp[m.tokens[-1]].text)),
        "lexeme": e.phrase,
        "source": src_id, "source_span": src_span, "target": tgt_id, "target_span": tgt_span,
        "target_object": dy.target_object,
        "place": place["id"] if place else None,
        "date": {"value": date["value"], "precision": date.get("precision"), "date": date["id"]} if date else None,
        "fatalities": None, "counts": [],
        "claimant": claimant, "claimed_via": how, "denied_by": denied_by, "factuality": fact,
        "evidence": doc.span(start, end), "sentence": doc.span(span.start_char, span.end_char),
        "confidence": round(conf, 2),
    }
    return Trace(item, anchor=tok.i, head=head.i, sent=(span.start, span.end), casualty=in_class(tok, "casualty_verbs"),
                 place_tier=ptier, src=src[0].i if src else None, tgt=tgt[0].i if tgt else None)


def _unrealised_codes(etype: str, attempt, codes: tuple, toks) -> tuple[str | None, str | None]:
    """The ACLED codes of an event that did not take place: none, but a failed or foiled attack (``attempt``: the
    word of the attempt or of its foiling) is a strategic development (ACLED codebook, Other), and one whose
    attempt hurt someone ("attempted to assassinate a councillor, leaving him wounded") keeps its ``codes``."""
    if etype != "ASSAULT" or attempt is None:
        return None, None
    if any(in_class(t, "casualty_verbs") and attempt.is_ancestor(t) for t in toks):
        return codes
    return acled_names()["SD-other"]


def _merge(into_t: Trace, other_t: Trace, doc: Document) -> None:
    into, other = into_t.item, other_t.item
    s = min(into["evidence"]["start"], other["evidence"]["start"])
    e = max(into["evidence"]["end"], other["evidence"]["end"])
    into["evidence"] = doc.span(s, e)
    labels = vocab.table("events/syntax.json")
    keys = labels["merge_casualty"] if other_t.casualty else labels["merge_attack"]
    if _looting(other_t):  # the goods taken are not what the attack hit
        keys = [k for k in keys if k not in ("target", "target_object")]
    for k in keys:
        if into.get(k) is None and other.get(k) is not None:
            into[k] = other[k]
    if other.get("place") and other_t.place_tier <= 1 and into_t.place_tier > 1:
        into["place"], into_t.place_tier = other["place"], other_t.place_tier


def _looting(t: Trace) -> bool:
    return (t.item["acled_event_type"], t.item["acled_subtype"]) == acled_names()["SD-looting"]


def _leads(new: Trace, old: Trace, doc: Document) -> bool:
    """Whether a trigger folded into an earlier one of its sentence should lead instead: the attack leads,
    the casualty clause joins it; but deaths outrank looting ("killed the chief and seized livestock" is an
    attack: ACLED codes looting alone only where nobody is hurt), unless they are background in a relative
    clause ("burned a car that killed a motorcyclist")."""
    def casualty_first(c: Trace, other: Trace) -> bool:
        return _looting(other) and doc.spacy[c.anchor].dep_ not in ("relcl", "acl")
    if old.casualty and not new.casualty:
        return not casualty_first(old, new)
    return new.casualty and not old.casualty and casualty_first(new, old)


def _combine(events: list[Trace], doc: Document) -> list[Trace]:
    """Fold casualty clauses into the attack of their sentence, and same-type triggers of one clause together."""
    out: list[Trace] = []
    for ev in events:
        same = [o for o in out if o.sent == ev.sent]
        typ = ev.item["type"]
        dup = next((o for o in same if o.item["type"] == typ and o.head == ev.head), None)
        if dup is None and typ in ("ASSAULT", "CASUALTY") and ev.item["factuality"] not in UNREALISED:
            # an attempted or planned attack does not take in the deaths that happened (issue 16)
            attacks = [o for o in same if o.item["type"] == "ASSAULT" and (ev.casualty or o.casualty)
                       and o.item["factuality"] not in UNREALISED]
            dup = min(attacks, key=lambda o: abs(o.anchor - ev.anchor), default=None)
            if dup is not None and _leads(ev, dup, doc):
                out[out.index(dup)] = ev
                ev, dup = dup, ev
        if dup is not None:
            _merge(dup, ev, doc)
            continue
        out.append(ev)
    return _fold_dispersals([e for e in out if e.item["type"] != "CASUALTY"], doc)


def _fold_dispersals(events: list[Trace], doc: Document) -> list[Trace]:
    """A dispersal in a sentence that reports the protest itself ("police used tear gas to disperse
    demonstrators protesting the results") is the protest's intervention, not an event of its own: ACLED
    codes the two as one protest with intervention, PLOVER the sentence as the protest. The protest takes
    the dispersal's evidence; :mod:`.incident` then reads the intervention from the paragraph."""
    intervention = acled_names()["PRO-intervention"]
    protests: dict[tuple[int, int], Trace] = {}
    for o in events:
        if o.item["type"] == "PROTEST" and o.item["factuality"] not in UNREALISED:
            protests.setdefault(o.sent, o)
    out = []
    for ev in events:
        it = ev.item
        protest = protests.get(ev.sent)
        if protest is not None and it["type"] == "COERCE" and (it["acled_event_type"], it["acled_subtype"]) == intervention:
            _merge(protest, ev, doc)
            continue
        out.append(ev)
    return out


BACKGROUND_MARKS = frozenset(vocab.table("events/syntax.json")["background_marks"])
TOPIC_MARKS = frozenset(vocab.table("events/syntax.json")["protest_topic_marks"])
MAX_CLIMB = 12  # heads climbed from an event to another in its sentence: deeper links are no "after ..." phrase


def _background(traces: list[Trace], tokens: list) -> None:
    """Mark the events told as what led to another event of their sentence ("imposed a curfew after gunmen
    attacked the market", "arrested ten people in the wake of the clashes") and lower their confidence, so
    that the main clause's event leads; :mod:`.incident` does not let them take a curfew's place. Two
    attacks so joined are one incident told twice ("a soldier was killed following an attack on the post"):
    neither is background to the other. A protest's grievance ("marched against the rape of a girl") is
    lowered further: it is no event of the protest's time and place."""
    by_sent: dict[tuple[int, int], list[Trace]] = {}
    for t in traces:
        by_sent.setdefault(t.sent, []).append(t)
    for same in by_sent.values():
        if len(same) < 2:
            continue
        for ev in same:
            violent = ev.item["type"] == "ASSAULT"
            how = None
            for m in same:
                if m is not ev and m.item["acled_subtype"] and not (violent and m.item["type"] == "ASSAULT"):
                    how = _led_to(tokens[ev.anchor], m.head, m.item["type"] == "PROTEST")
                    if how is not None:
                        break
            if how is not None:
                ev.background = True
                factor = SETTINGS.background_factor * (SETTINGS.grievance_factor if how == "topic" else 1.0)
                ev.item["confidence"] = round(ev.item["confidence"] * factor, 2)


def _led_to(tok, head: int, protest: bool) -> str | None:
    """How ``tok`` hangs from the token ``head``: "cause" through a phrase or clause of what led to it
    ("after ...", "following ...", "in the wake of ..."), "topic" through the preposition of a protest's
    grievance ("against ...", "over ..."; ``protest``: the head is a protest's), else None."""
    t, how = tok, None
    for _ in range(MAX_CLIMB):
        if t.i == head:
            return how
        if t.i != tok.i and t.lower_ in BACKGROUND_MARKS:
            how = "cause"
        elif protest and t.dep_ == "prep" and t.lower_ in TOPIC_MARKS:
            how = "topic"
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in t.children):
            how = "cause"
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _denials(events: list[dict]) -> None:
    """A denial of responsibility ("the Kremlin denies responsibility for ...") answers the claimed attacks.

    It covers the claimed attacks on civilians when it speaks of civilians, killings or deaths, and every
    claimed attack otherwise; an attack whose source is someone else than the denier is not covered.
    """
    deny_objects = cues()["deny_objects"]
    for d in events:
        text = (d["evidence"]["text"] or "").lower()
        if d["type"] != "REJECT" or not d["source"] or not any(w in text for w in deny_objects):
            continue
        civilian = any(w in text for w in ("civilian", "killing", "death", "massacre"))
        for e in events:
            if e["type"] != "ASSAULT" or not e["claimant"] or e["denied_by"] or e["source"] not in (None, d["source"]):
                continue
            if civilian and e["acled_event_type"] != "Violence against civilians":
                continue
            e["denied_by"] = d["source"]
            if e["factuality"] == "asserted":
                e["factuality"] = "alleged"


@stage("extract_events", version=2, reads=("sentences", "dates", "places", "actors", "quotes", "counts"),
       writes="events")
def extract_events(doc: Document, *, res) -> list[dict]:
    """Events of the document, one per trigger clause, in text order."""
    if doc.spacy is None or not doc.text.strip():
        return []
    triggers()  # load the lexicons before the first sentence (fail early on a broken data file)
    words = parse(doc.spacy)  # the parse read once into plain words (sitrep.tokens): the walks below read
    try:  # each token's head, children and labels many times
        return _extract(doc, words)
    finally:
        words.release()


def _extract(doc: Document, words: Parse) -> list[dict]:
    tokens = words.words
    table = (words.lems, words.lows, words.pos, words.space, words.offsets)  # what lexicon.forms gives
    lems, lows, pos = table[0], table[1], table[2]
    ix = links.Index.build(dating.own_dates(doc.layers), tokens, table[4], words.ends)
    tree = syntax.Tree.of(words)
    keys = class_keys("accusation_nouns")
    crimes = [tokens[k] for k, p in enumerate(pos) if p == NOUN and (lems[k] in keys or lows[k] in keys)]
    built: list[Trace] = []
    prev: tuple[int, list] = (-99, [])
    for span, bounds, para in sentence_spans(doc, table):
        prev_tokens = prev[1] if para - prev[0] <= 1 else []
        a, b = span.start, span.end
        toks = tokens[a:b]
        found = find_triggers(toks, lems[a:b], lows[a:b]) + _speech_matches(toks, lems[a:b], pos[a:b], crimes)
        for m in sorted(found, key=lambda m: m.anchor):
            t = _build(doc, m, span, toks, bounds, prev_tokens, ix, tree)
            if t is not None:
                built.append(t)
        prev = (para, toks)
    traces = _combine(built, doc)
    _background(traces, tokens)
    events = [t.item for t in traces]
    where.settle_places(events, doc)  # the nearest place of the paragraph, else the dateline (where.py)
    links.attach_counts(events, ix, doc.layers.get("counts") or [])
    incident.refine(events, doc, lems, table[4], tokens, trace.table(traces))
    events = incident.fold_detentions(events, doc)
    dyad.claimed_sources(events, doc, tokens, ix, lems)
    dyad.civilian_targets(events, ix, doc)
    _denials(events)
    dating.fill(events, doc)
    return [{"id": f"E{n}", **ev} for n, ev in enumerate(events, 1)]


STAGE = extract_events.stage
