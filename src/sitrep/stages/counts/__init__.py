"""Counts: numbers of people killed, injured, missing, displaced, evacuated, detained, captured,
abducted, expelled or besieged (issue 5, part 2), and casualties: killed or injured where the text does
not say which ('were killed or wounded', 'killing and injuring 7'; issue 16), never a fatality figure.

Reads ``doc.spacy`` (dependency parse), ``doc.paragraphs`` and the ``dates``, ``places``,
``quotes`` (and, when present, ``actors``) layers; writes ``counts``. Each item: ``id`` ("C1"),
``category``, ``value`` (int), ``qualifier`` (exact, at_least, more_than, about, up_to, range; with
``value_max`` for ranges; approximate for a vague quantity's documented minimum: "several" -> 3), ``text``/``start``/``end`` (the number phrase), ``evidence`` (the
clause), ``place`` (place id or null), ``date`` ({id, value, precision} or null), ``claimant``
(actor id or null) and ``claimant_name``, the flags ``cumulative``, ``negated``,
``hypothetical`` and ``subset``, and ``parts`` when the count has a breakdown.

A breakdown of a count ("killed 12 people, including three children", "seven died, two of them
police officers") is no count of its own: it goes into the including count's ``parts`` (each part with
the fields of a count but ``id`` and ``subset``: its own offsets, evidence and links), so summing the
layer's items adds nobody twice. When the including count is not an item of the layer (a group counted
elsewhere: "two of the injured"; a repeat; another category: "20 casualties, including 5 killed"; a
part larger than its whole), the part stays a top-level item with ``subset: true``: consumers summing
must skip it.

``cumulative`` marks a figure that is not a count of the reported event itself: a running or period
total ("the death toll rose to 40", "in the past two months 10 people have been killed"), an earlier
figure of the event that a later revision replaces ("One death reported ... the toll was raised from 1
to 4": the 1; the revised 4 is the event's count and is not cumulative), or an earlier
death the sentence refers to as the cause or background of its event ("protested over the death of a
teacher", "protested against clashes that killed four", "a man accused of killing a farmer", "as five
patients had died"). A definite phrase that repeats the number of an earlier
count of the same category ("the three men") names the same people and is not emitted again.

Negated counts ("no one was killed", "were not killed") are emitted with value 0 (qualifier exact; the
denied number stays in ``text``) and ``negated: true``; hypothetical
ones ("could displace thousands") keep their number with ``hypothetical: true``. Neither is a
count of something that happened: consumers must skip them when summing.

Method: :mod:`.rules` reads categories from the dependency parse with the lexicons in
``data/counts/``; :mod:`.quantify` reads numbers, vague quantities (ACLED's conservative values)
and enumerations; :mod:`.links` finds the clause, flags and links.
"""
from __future__ import annotations

from sitrep.doc import Document
from sitrep.pipeline import stage
from sitrep.stages.counts import links
from sitrep.stages.counts.rules import find_all
from sitrep.stages.counts.scan import Scan

SKIP_KINDS = ("credit",)


@stage("find_counts", version=1, reads=("sentences", "dates", "places", "quotes"), writes="counts")
def find_counts(doc: Document, *, res) -> list[dict]:
    """Find counts of people, sentence by sentence. Returns [] for a document without a parse."""
    if doc.spacy is None:
        return []
    places, dates = links.place_spans(doc), links.date_spans(doc)
    toks, scan = list(doc.spacy), Scan(doc.spacy)  # once per document, not per sentence and scan
    out: list[dict] = []
    revisions: list[tuple[int, str, int]] = []  # (start, category, old figure) of each revised toll
    made: dict[int, tuple] = {}  # id() of each Found -> (Found, item), to put parts inside their wholes
    parts: list[tuple[dict, object]] = []  # (part item, the Found it is part of)
    for sent in doc.spacy.sents:
        para = doc.paragraph_at(sent.start_char)
        if para is not None and para.kind in SKIP_KINDS:
            continue
        for f in find_all(sent, toks=toks, scan=scan):
            q = f.quantity
            if links.repeated(f, out):
                continue
            ev = links.clause(f.trigger)
            ev = (min(ev[0], q.start), max(ev[1], q.end))
            sc = links.scope(f.trigger)
            place = links.nearest(places, q.start, q.end, sent, ev, sc)
            date = links.nearest(dates, q.start, q.end, sent, ev, sc)
            inherited = date is None and (date := links.earlier_date(doc, dates, sent)) is not None
            claimant, claimant_name = links.quote_claimant(doc, q.start, q.end)
            if claimant is None and claimant_name is None:
                claimant, claimant_name = links.reported_by(doc, f.trigger)
            item = {
                **doc.span(q.start, q.end),
                "category": f.category,
                "value": q.value,
                "qualifier": q.qualifier,
                "evidence": doc.span(*ev),
                "place": place["id"] if place else None,
                "date": ({"id": date["id"], "value": date["value"], "precision": date["precision"],
                          **({"inherited": True} if inherited else {})} if date else None),
                "claimant": claimant,
                "claimant_name": claimant_name,
                "cumulative": f.cumulative or links.cumulative(doc.text[ev[0]:ev[1]],
                                                               links.full_clause_text(f.trigger), revised=f.revised)
                or links.background(f.trigger),
                "negated": q.negated or links.negated(f.trigger, f.np),
                "hypothetical": links.hypothetical(f.trigger),
                "subset": f.subset or links.subset(f.np),
            }
            if q.value_max is not None:
                item["value_max"] = q.value_max
            if f.replaces is not None:
                revisions.append((q.start, f.category, f.replaces))
            if item["negated"]:  # the schema's promise: a count that did not happen is 0
                item.update(value=0, qualifier="exact")
                item.pop("value_max", None)
            made[id(f)] = (f, item)
            if f.whole is not None:
                parts.append((item, f.whole))
            out.append(item)
    links.nest(out, [(part, made[id(w)][1] if made.get(id(w), (None,))[0] is w else None) for part, w in parts])
    out.sort(key=lambda x: x["start"])
    links.superseded(out, revisions)
    return [{"id": f"C{i}", **x} for i, x in enumerate(out, 1)]


STAGE = find_counts.stage
