"""What surrounds a count: its clause (evidence), factuality flags, and links to the place, date and
claimant items of earlier layers. Every link degrades to ``None`` when that layer is empty."""
from __future__ import annotations

import re

from sitrep.stages.counts.quantify import cues, is_person, singular_pronoun
from sitrep.stages.counts.settings import SETTINGS
from sitrep.stages.counts.voice import deps


def head_verb(trigger):
    """The first verb or auxiliary at or above the trigger, climbing every head (the root when none is).
    Unlike ``events.factuality.clause_verb``, which climbs only through noun-phrase labels, this one
    crosses any dependency, so a count's trigger always reaches a verb."""
    v = trigger
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and v.dep_ != "ROOT":
        v = v.head
    return v


def clause(trigger):
    """(start, end) of the clause around the trigger: its subtree without coordinated or
    subordinate clauses of its own (those are other events), punctuation trimmed."""
    v = head_verb(trigger)
    cut: set[int] = set()
    clause_cut = deps()["clause_cut"]
    for c in v.children:
        if c.dep_ in clause_cut and c.pos_ in ("VERB", "AUX"):
            cut.update(t.i for t in c.subtree)
        if c.dep_ == "cc":
            cut.add(c.i)
    keep = {t.i for t in v.subtree if t.i not in cut}
    left = right = v.i
    while left - 1 in keep:
        left -= 1
    while right + 1 in keep:
        right += 1
    doc = v.doc
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].dep_ in ("mark", "cc")):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def negated(trigger, np) -> bool:
    """'were not killed', 'nearly killed' (the verb did not happen), 'did not remain trapped'."""
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in cues()["near_misses"]) for c in trigger.children):
        return True
    head = trigger.head
    return trigger.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in head.children)


def hypothetical(trigger) -> bool:
    cu = cues()
    tok = trigger
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in cu["hypothetical_aux"] for c in tok.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in cu["hypothetical_marks"] for c in tok.children):
            return True
        if tok.dep_ in ("xcomp", "pcomp") and tok.head.lemma_.lower() in cu["hypothetical_heads"]:
            return True
        if tok.dep_ in deps()["hypothetical_climb"] and tok.head.i != tok.i:
            tok = tok.head
            if tok.dep_ == "prep":
                tok = tok.head
            continue
        break
    return False


def full_clause_text(trigger) -> str:
    """The trigger's clause with its subordinate clauses ('... displaced since Russia invaded')."""
    v = head_verb(trigger)
    cut = {t.i for c in v.children if c.dep_ == "conj" for t in c.subtree}
    keep = [t for t in v.subtree if t.i not in cut]
    return " ".join(t.text for t in keep)


def cumulative(evidence: str, governed: str, *, revised: bool = False) -> bool:
    """A running total: a cue in the count's clause, or 'since ...' in a clause it governs. A ``revised``
    toll's clause names a toll without being a running total (``cumulative_nouns`` do not count)."""
    rxs = [*cues()["cumulative"], *([] if revised else cues()["cumulative_nouns"])]
    return (any(re.search(rx, evidence, re.I) for rx in rxs)
            or any(re.search(rx, governed, re.I) for rx in cues()["cumulative_governed"]))


def superseded(items: list[dict], revisions: list[tuple[int, str, int]]) -> None:
    """Mark cumulative each count a later revision replaces: a count of the revision's category and old
    figure before it ('One death reported. ... the toll was raised from 1 to 4'): not a count to add."""
    for start, category, old in revisions:
        for c in items:
            if c["start"] < start and c["category"] == category and c["value"] == old and not c["negated"]:
                c["cumulative"] = True


def background(trigger) -> bool:
    """An earlier death the sentence refers to, not a count of its own event: a death noun that is the
    object of 'over', 'following', 'after' or 'against' or of a verb such as 'protest' or 'condemn'
    ('protested over the death of a teacher'), or a killing in the complement of an accusation that
    describes a participant ('a farmer accused of killing a ranger')."""
    cu = cues()
    if _after_clause(trigger, cu["background_preps"]) or _earlier_cause(trigger) or _governed_background(trigger, cu):
        return True
    if trigger.pos_ in ("NOUN", "PROPN"):
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ in cu["background_preps"]:
            return True
        if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.lemma_.lower() == "follow":
            return True
        return trigger.dep_ == "dobj" and head.lemma_.lower() in cu["background_verbs"]
    if trigger.dep_ == "xcomp" and trigger.head.tag_ == "VBN" and trigger.head.lemma_.lower() in cu["accusation_verbs"]:
        return True  # 'a man who was suspected to have stabbed his wife to death'
    if trigger.dep_ == "pcomp" and trigger.head.dep_ == "prep":
        accused = trigger.head.head  # a participle describing someone, not a clause with its own subject
        return (accused.tag_ == "VBN" and accused.dep_ != "ROOT" and accused.lemma_.lower() in cu["accusation_verbs"]
                and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in accused.children))
    return False


def _governed_background(trigger, cu) -> bool:
    """A killing that describes something a background verb or preposition governs, further down than
    its own object: 'protested against clashes that killed four students', 'demanding an autopsy of two
    men executed by soldiers', 'arrested after protests related to the death of a poacher'. Climbs from
    the noun the killing modifies (or the death noun itself) through 'of' phrases, conjuncts and
    participles, and stops at the first other verb."""
    if trigger.pos_ in ("VERB", "AUX"):
        if trigger.dep_ not in ("relcl", "acl"):
            return False
        n = trigger.head
    elif trigger.pos_ in ("NOUN", "PROPN"):
        n = trigger
    else:
        return False
    for _ in range(SETTINGS.background_climb):
        h = n.head
        if h.i == n.i:
            return False
        if n.dep_ == "pobj" and h.dep_ == "prep":
            if h.lower_ in cu["background_preps"] or h.head.lemma_.lower() in (*cu["background_verbs"], "follow"):
                return True  # 'demonstrated for an investigation into the death of a journalist'
            n = h.head
        elif n.dep_ == "dobj":
            if h.lemma_.lower() in cu["background_verbs"]:
                return True
            if h.dep_ not in ("acl", "relcl"):
                return False
            n = h.head
        elif n.dep_ in ("conj", "appos", "acl") and n.head.pos_ in ("NOUN", "PROPN"):
            n = h
        else:
            return False
    return False


def _earlier_cause(trigger) -> bool:
    """'(the director closed the ward) as five patients had died there': a past perfect in a clause that
    gives the reason for the sentence's event ('as', 'because', 'since') tells of deaths before it."""
    v = head_verb(trigger)
    if v.dep_ != "advcl" or v.tag_ != "VBN":
        return False
    return (any(c.dep_ == "aux" and c.lower_ == "had" for c in v.children)
            and any(c.dep_ == "mark" and c.lower_ in cues()["reason_marks"] for c in v.children))


def repeated(found, earlier: list[dict]) -> bool:
    """'the three men' after 'three people were shot dead': a definite phrase whose number an earlier
    count of the same category already gave names the same people again, so it is not a count of its own;
    so does 'the officer' after 'an officer was killed'."""
    np = found.np
    if np.pos_ == "PRON" and singular_pronoun(np):
        return not pronoun_counts(found, earlier)
    kids = list(np.children)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in kids)
    same = [e for e in earlier if e["category"] == found.category and not e["negated"]]
    if definite and any(c.dep_ == "nummod" for c in kids):
        return any(e["value"] == found.quantity.value for e in same)
    # 'a police officer was stoned to death ... the police officer': the same noun, made definite
    return (definite and found.quantity.value == 1 and np.tag_ == "NN"
            and any(e["value"] == 1 and e["text"].lower().split()[-1] == np.lower_ for e in same))


def pronoun_counts(found, earlier: list[dict]) -> bool:
    """A pronoun victim ('he was lynched', 'killed him') is one more person when its verb tells of the past
    (not 'until he dies') and the person it stands for is in no earlier count of the category ('A man was
    shot dead. He was ...' counts the man once), nor, named by a definite phrase, may be one ('The victim,
    an old woman, ... she was shot dead' after 'killed a civilian')."""
    v = found.trigger
    past = ("VBD", "VBN")
    if not (v.tag_ in past or any(c.tag_ in past for c in v.children if c.dep_ in ("aux", "auxpass"))
            or (v.tag_ == "VBG" and v.head.tag_ in past)):  # 'raided his home, killing him'
        return False
    ante = antecedent(found.np)
    if ante is None:
        return False
    same = [e for e in earlier if e["category"] == found.category and not e["negated"]]
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in ante.children) and same:
        return False  # 'a civilian was killed ... the victim, ... she was shot dead': one told again
    return not any(e["start"] <= ante.idx < e["end"] for e in same)


def antecedent(pron):
    """The person a singular pronoun stands for: the nearest singular person before it in its sentence or
    the one before, a subject first ('A militia member killed two people. He was later lynched': the
    member). None when there is none."""
    sents = [s for s in pron.doc.sents if s.start <= pron.i][-2:]
    before = [t for s in sents for t in s if t.i < pron.i and t.pos_ in ("NOUN", "PROPN")
              and t.tag_ in ("NN", "NNP") and t.dep_ != "compound" and (t.ent_type_ == "PERSON" or is_person(t))]
    subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass")]
    return (subjects or before or [None])[-1]


def _after_clause(trigger, preps) -> bool:
    """The trigger's clause is a subordinate one opened by 'after' ('after the body of a girl was found,
    residents ...'): what it reports came before the sentence's event."""
    v = head_verb(trigger)
    if v.dep_ in ("xcomp", "oprd") and v.head.pos_ in ("VERB", "AUX"):  # 'after a man was found murdered'
        v = v.head
    return v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in preps for c in v.children)


def subset(np) -> bool:
    """'killing 12 people, including three children': the three are part of the twelve."""
    heads = cues()["subset_heads"]
    return np.dep_ == "pobj" and np.head.lower_ in heads


def nest(items: list[dict], pairs: list[tuple[dict, dict | None]]) -> None:
    """Move each part into the ``parts`` of the count it belongs to ('killed 12 people, including three
    children': the three go inside the 12), so a sum of the layer counts nobody twice. A part stays a
    top-level item with ``subset: true`` when its whole was not emitted (a repeat), is a part itself, is
    of another category ('20 casualties, including 5 killed'), is negated or hypothetical, or is smaller
    than the part (then it is no breakdown of it)."""
    for part, whole in pairs:
        if (whole is None or whole.get("subset") or not any(x is whole for x in items)
                or whole["category"] != part["category"]
                or whole["negated"] or whole["hypothetical"]
                or part["value"] > max(whole["value"], whole.get("value_max") or 0)):
            continue
        items[:] = [x for x in items if x is not part]
        whole.setdefault("parts", []).append({k: v for k, v in part.items() if k != "subset"})


def nearest(items: list, start: int, end: int, sent, ev: tuple[int, int], scope: tuple[int, int] | None = None):
    """The item in the sentence nearest the count: inside the evidence first, then inside the
    clause with its subordinate clauses (``scope``), then anywhere in the sentence; at equal rank
    one governed by a locative preposition ('in Kharkiv'), then the closest."""
    best, key = None, None
    doc = sent.doc
    locatives = cues()["locatives"]
    for it, s, e in items:
        if s < sent.start_char or e > sent.end_char:
            continue
        tier = 0 if ev[0] <= s and e <= ev[1] else 1 if scope and scope[0] <= s and e <= scope[1] else 2
        tok = doc.char_span(s, e, alignment_mode="expand")
        loc = 0 if tok is not None and len(tok) and tok.root.head.lower_ in locatives else 1
        k = (tier, loc, min(abs(s - end), abs(start - e)))
        if key is None or k < key:
            best, key = it, k
    return best


def scope(trigger) -> tuple[int, int]:
    """The span of the trigger's verb with everything it governs."""
    v = head_verb(trigger)
    return v.left_edge.idx, v.right_edge.idx + len(v.right_edge)


def dateline_end(doc) -> int:
    """Offset where the dateline ends (0 without one): its place names are not where events happened."""
    ends = [d["end"] for d in doc.layers.get("dates") or [] if d.get("role") == "dateline"]
    return max(ends) if ends else 0


def place_spans(doc) -> list:
    out = []
    skip = dateline_end(doc)
    for p in doc.layers.get("places") or []:
        if p.get("metonym"):
            continue
        for m in p.get("mentions") or []:
            if not m.get("metonym") and m.get("start", 0) >= skip:
                out.append((p, m.get("start", 0), m.get("end", 0)))
    return out


def earlier_date(doc, dates: list, sent):
    """The last resolved date before the sentence in the same paragraph: ACLED-style notes and
    press releases date an incident once ('On 3 April 2022, ... 9 civilians were killed')."""
    para = doc.paragraph_at(sent.start_char)
    if para is None:
        return None
    before = [d for d, s, e in dates if para.start <= s and e <= sent.start_char]
    return before[-1] if before else None


def date_spans(doc) -> list:
    return [(d, d["start"], d["end"]) for d in doc.layers.get("dates") or [] if d.get("value") and d.get("role") != "dateline"]


def quote_claimant(doc, start: int, end: int):
    """(speaker id, speaker name) of the quote whose span holds the count."""
    for q in doc.layers.get("quotes") or []:
        spans = [q] if "start" in q else [c for c in q.get("contents") or [] if isinstance(c, dict)]
        for s in spans:
            if s.get("start", 1 << 60) <= start and end <= s.get("end", -1):
                return q.get("speaker"), q.get("speaker_name")
    return None, None


def reported_by(doc, trigger):
    """(actor id, name) from the parse when the quotes layer holds nothing: the subject of a
    reporting verb whose complement clause holds the count ('Gaiday said 1,200 people had been
    evacuated'), or the object of 'according to'."""
    rep = cues()["reporting_verbs"]
    tok, hops = trigger, 0
    while tok.head.i != tok.i and hops < 8:
        if tok.dep_ in ("ccomp", "parataxis", "advcl", "xcomp") and tok.head.lemma_.lower() in rep:
            subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return _actor_for(doc, subj[0])
        tok, hops = tok.head, hops + 1
    for t in trigger.sent:
        if t.lower_ == "according" and t.head is not None:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return _actor_for(doc, g)
    # "..., officials said." at the end of the sentence, with the count in the main clause
    root = trigger.sent.root
    if root.lemma_.lower() in rep and trigger.i != root.i:
        subj = [c for c in root.children if c.dep_ in ("nsubj",)]
        if subj and any(a.i == trigger.i for a in _ccomp_side(root)):
            return _actor_for(doc, subj[0])
    return None, None


def _ccomp_side(root):
    for c in root.children:
        if c.dep_ in ("ccomp", "parataxis"):
            yield from c.subtree


def _actor_for(doc, tok):
    """The actor with a mention over the subject phrase; else no id and the phrase's text."""
    left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    for a in doc.layers.get("actors") or []:
        for m in a.get("mentions") or []:
            if m.get("start", -1) < right and left < m.get("end", -1):
                return a.get("id"), a.get("name")
    if tok.pos_ == "PRON":
        return None, None
    return None, doc.text[left:right]
